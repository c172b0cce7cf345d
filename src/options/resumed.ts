// `--resume <folder>` for an import: the options of the run it finishes, merged from its journal.
import { UsageError } from "../errors.js";
import { rawOptionsOfJournal, type RawImportOptions } from "./import.js";

/** `--resume <folder>`: the options of the run it finishes, from its journal; flags that would change them are refused. */
export async function resumedRawOptions<T extends RawImportOptions>(
  folder: string,
  given: T,
  command: "clients" | "invoices" = "clients",
  fromJournal: (stored: Record<string, unknown>) => T = rawOptionsOfJournal as (
    s: Record<string, unknown>,
  ) => T,
): Promise<T> {
  const { readJournal } = await import("../journal/journal.js");
  let state;
  try {
    state = readJournal(folder);
  } catch (err) {
    throw new UsageError(`--resume ${folder}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (state === undefined)
    throw new UsageError(`--resume ${folder}: no journal there; it is not the report folder of an import`);
  const recordedCommand = state.start.options.command ?? "clients";
  if (recordedCommand !== command)
    throw new UsageError(
      `--resume ${folder}: that folder is a ${String(recordedCommand)} run's; finish it with qonto-import ${String(recordedCommand)} --resume ${folder}`,
    );
  // Where the run writes comes from this command line (or the default), never from the journal: findRunToResume
  // refuses a journal that recorded another base URL.
  const { baseUrl: _recordedUrl, sandbox: _recordedSandbox, ...recorded } = fromJournal(state.start.options);
  const changed = (Object.keys(given) as (keyof T & string)[]).filter(
    (k) =>
      given[k] !== undefined &&
      given[k] !== false &&
      // The language changes how the report reads, not what the run does.
      ![
        "file",
        "reportDir",
        "concurrency",
        "rateLimit",
        "dryRun",
        "newRun",
        "baseUrl",
        "sandbox",
        "lang",
      ].includes(k),
  );
  if (changed.length > 0)
    throw new UsageError(
      `--resume runs with the options of the run it finishes; leave out ${changed.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(", ")}`,
    );
  return {
    ...(recorded as T),
    baseUrl: given.baseUrl,
    sandbox: given.sandbox,
    // The file may be given again (it must be the same content), and how fast the run goes may change.
    ...(given.file === undefined ? {} : { file: given.file }),
    ...(given.concurrency === undefined ? {} : { concurrency: given.concurrency }),
    ...(given.rateLimit === undefined ? {} : { rateLimit: given.rateLimit }),
    ...(given.lang === undefined ? {} : { lang: given.lang }),
    ...(given.dryRun === undefined ? {} : { dryRun: given.dryRun }),
    ...(given.newRun === undefined ? {} : { newRun: given.newRun }),
    resume: folder,
  };
}
