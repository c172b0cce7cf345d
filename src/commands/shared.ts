// What every command shares: the flags of the commands that write or read a file, and how a run is carried out at
// the console (progress, Ctrl-C, the summary, the exit code).
import { EXIT, type ExitCode } from "../errors.js";
import type { Env, RawImportOptions } from "../options/import.js";
import { formatSummary } from "../report/console.js";
import type { ExecuteOutcome, RunHooks } from "../execute/types.js";
import { printable } from "../report/printable.js";
import { createProgress, type ProgressEvent } from "../report/progress.js";
import { CONSOLE_TEXTS } from "../i18n/console.js";
import { langFromEnv, type Lang } from "../i18n/lang.js";
import { exitCodeOf } from "../library/common.js";

export type Io = { stdout: (s: string) => void; stderr: (s: string) => void };

// Where and how fast a run talks to Qonto, and where it reports: the same for every command that writes.
export const RUN_OPTIONS = {
  "base-url": { type: "string" },
  concurrency: { type: "string" },
  "rate-limit": { type: "string" },
  "report-dir": { type: "string" },
  resume: { type: "string" },
  "new-run": { type: "boolean" },
  json: { type: "boolean" },
  quiet: { type: "boolean" },
  lang: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

// The write commands that create (clients, invoices, apply): how long a create without an answer is left to settle.
export const SETTLE_OPTION = { "settle-delay": { type: "string" } } as const;

/** The run options as raw options (the shared part of every write command's). */
export function runOptionsOf(
  values: {
    "base-url"?: string;
    sandbox?: boolean;
    concurrency?: string;
    "rate-limit"?: string;
    "report-dir"?: string;
    "new-run"?: boolean;
    lang?: string;
  },
  env: Env,
): Pick<
  RawImportOptions,
  "baseUrl" | "sandbox" | "concurrency" | "rateLimit" | "reportDir" | "newRun" | "lang"
> {
  return {
    baseUrl: values["base-url"],
    sandbox: values.sandbox,
    concurrency: values.concurrency,
    rateLimit: values["rate-limit"],
    reportDir: values["report-dir"],
    newRun: values["new-run"],
    // A person's shell says their language; the library itself reads no environment.
    lang: values.lang ?? langFromEnv(env),
  };
}

// The options that say how a file is read and normalized: the same for an import and for inspect.
export const READ_OPTIONS = {
  delimiter: { type: "string" },
  encoding: { type: "string" },
  sheet: { type: "string" },
  map: { type: "string" },
  "org-country": { type: "string" },
  "default-country": { type: "string" },
  "default-currency": { type: "string" },
  "require-invoiceable": { type: "boolean" },
  strict: { type: "boolean" },
} as const;

export type ReadValues = {
  [K in keyof typeof READ_OPTIONS]?: (typeof READ_OPTIONS)[K]["type"] extends "boolean" ? boolean : string;
};

export function readOptions(values: ReadValues): RawImportOptions {
  return {
    delimiter: values.delimiter,
    encoding: values.encoding,
    sheet: values.sheet,
    map: values.map,
    orgCountry: values["org-country"],
    defaultCountry: values["default-country"],
    defaultCurrency: values["default-currency"],
    requireInvoiceable: values["require-invoiceable"],
    strict: values.strict,
  };
}

/**
 * Runs an import or an apply with Ctrl-C handling, prints its summary, and says the exit code. The first Ctrl-C
 * (or SIGTERM) lets the run finish the requests under way and its report; a second one quits at once.
 */
export async function interruptible<T extends ExecuteOutcome>(
  options: { dryRun: boolean; json: boolean; quiet: boolean; lang?: Lang },
  io: Io,
  env: Env,
  run: (hooks: RunHooks) => Promise<T>,
  format: (outcome: T) => string = (o) => formatSummary(o.summary, o.reportDir, o.problems, options.lang),
): Promise<ExitCode> {
  const interval = Number(env.QONTO_IMPORT_PROGRESS_MS);
  const progress = options.quiet
    ? undefined
    : createProgress({
        write: io.stderr,
        tty: process.stderr.isTTY === true,
        ...(Number.isFinite(interval) && interval > 0 ? { intervalMs: interval } : {}),
      });
  // Every line a run logs is one line, and may name a file, a sheet or a column: escaped whole.
  const log = (line: string) => progress?.log(printable(line));
  const texts = CONSOLE_TEXTS[options.lang ?? "en"].progress;
  const controller = new AbortController();
  const onInterrupt = () => {
    log(texts.interrupted);
    controller.abort();
    // Every line of the journal is written before its request goes out: quitting now leaves it consistent.
    process.once("SIGINT", () => process.exit(EXIT.interrupted));
    process.once("SIGTERM", () => process.exit(EXIT.interrupted));
  };
  // A dry run writes nothing to Qonto: Ctrl-C keeps its usual meaning there.
  if (!options.dryRun) {
    process.once("SIGINT", onInterrupt);
    process.once("SIGTERM", onInterrupt);
  }
  let outcome;
  try {
    outcome = await run({
      log,
      signal: controller.signal,
      ...(progress === undefined ? {} : { progress: (e: ProgressEvent) => progress.update(e) }),
    });
  } finally {
    progress?.stop();
    process.removeListener("SIGINT", onInterrupt);
    process.removeListener("SIGTERM", onInterrupt);
  }
  const { summary, reportDir } = outcome;
  if (options.json) {
    io.stdout(JSON.stringify({ ...summary, report_dir: reportDir }, null, 2) + "\n");
    // stdout is for the JSON; a person or a CI log still needs to see why the run stopped.
    if (summary.stopped_early !== null) io.stderr(`${texts.stopped}${printable(summary.stopped_early)}\n`);
  } else if (!options.quiet) io.stderr(format(outcome) + "\n");
  if (controller.signal.aborted) return EXIT.interrupted;
  return exitCodeOf(summary);
}
