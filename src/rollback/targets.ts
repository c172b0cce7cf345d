/**
 * What a rollback undoes, read from the run it rolls back: its journal says which clients it created and which it
 * updated (with the values each update replaced), its results.csv gives every row, so that the rollback's report
 * has one line per row of the run. Only the journal decides a write: a client the run merely matched, skipped or
 * left unchanged is never a target.
 */
import { createHash } from "node:crypto";
import { createReadStream, readdirSync, readFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parse } from "csv-parse";
import { UsageError } from "../errors.js";
import type { ClientKeys } from "../dedupe/keys.js";
import {
  JOURNAL_FILE,
  JournalError,
  readJournal,
  type JournalDone,
  type JournalIntent,
  type JournalState,
} from "../journal/journal.js";
import type { RowResult } from "../report/outcome.js";
import { delimiterOfReport, unneutralize } from "../report/reporter.js";
import type { ClientUpdatePayload } from "../upload/client.js";

/** The run rolled back: its report folder and journal. */
export interface RolledBackRun {
  dir: string;
  state: JournalState;
  /** Hash of its journal: the rollback's "input", so that re-running the rollback finds its own unfinished run. */
  sha256: string;
  /** The Qonto it wrote to, as its journal recorded (any JSON value: an edited journal is checked, not trusted). */
  baseUrl?: unknown;
}

/** What the run wrote for one of its rows, as far as its journal tells. */
export type TargetWrite =
  /** Nothing: the row was skipped, unchanged, a duplicate, invalid, or refused by Qonto. */
  | { kind: "none" }
  /** A client the run created; updatedAt as Qonto answered the create (absent in older journals). */
  | { kind: "create"; clientId: string; updatedAt?: string; recorded?: RecordedIdentity }
  /** A client the run updated, with the PATCH that puts back what the update replaced (absent in older journals). */
  | {
      kind: "update";
      clientId: string;
      previous?: ClientUpdatePayload;
      updatedAt?: string;
      recorded?: RecordedIdentity;
    }
  /** A create on its way without an answer when the run stopped: the client may exist, under an unknown id. */
  | { kind: "unknown" };

/**
 * What the journal says the client the run wrote is known by: its keys and display name after the write (journals
 * since issue 18), or the row's own (the intent's) in older ones. A rollback writes to the client only if it still
 * has one of them.
 */
export interface RecordedIdentity {
  keys: ClientKeys;
  name?: string;
}

/** One row of the run rolled back. */
export interface RollbackTarget {
  record: number;
  /** The row's line in the run's input; 0 when only the journal knows the row (its results.csv was cut short). */
  line: number;
  label: RowResult["label"];
  /** What the run reported for the row: its results.csv outcome, or its journal's. */
  importOutcome: string;
  write: TargetWrite;
}

/** A row of the run's results.csv, as a rollback needs it. */
export interface ImportResultRow {
  record: number;
  line: number;
  outcome: string;
  clientId: string;
  label: RowResult["label"];
}

/** Opens the run to roll back; a folder that is not a real clients run's is a usage error. */
export function openRolledBackRun(folder: string): RolledBackRun {
  const dir = resolve(folder);
  let text: Buffer;
  let state: JournalState | undefined;
  try {
    text = readFileSync(join(dir, JOURNAL_FILE));
    state = readJournal(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR")
      throw new UsageError(
        `${folder}: no ${JOURNAL_FILE} there; it is not the report folder of an import that wrote to Qonto (a dry run changes nothing, so there is nothing to roll back)`,
      );
    throw new UsageError(`${folder}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (state === undefined) throw new UsageError(`${folder}: no ${JOURNAL_FILE} there`);
  const command = state.start.options.command;
  if (command === "invoices")
    throw new UsageError(
      `${folder} is an invoices run's report folder: rollback undoes clients imports (Qonto's API cannot delete invoices)`,
    );
  if (command === "rollback")
    throw new UsageError(`${folder} is a rollback's report folder: a rollback is not rolled back`);
  const baseUrl = state.start.options.baseUrl;
  return {
    dir,
    state,
    sha256: createHash("sha256").update(text).digest("hex"),
    ...(baseUrl === undefined ? {} : { baseUrl }),
  };
}

/**
 * The rollback's view of one row. Pure. A write counts when the journal has its outcome (done), or when an update
 * was on its way (sending the old values back is safe either way: a client that already has them is left be), or
 * when a create on its way is reported created, with its id, by the run's results.csv (a resumed run that found
 * the client by its keys). Any other create on its way is unknown: the client may exist, and nobody knows its id.
 */
export function targetOf(
  record: number,
  row: ImportResultRow | undefined,
  state: JournalState,
): RollbackTarget {
  const done = state.done.get(record);
  const intent = state.intents.get(record);
  const label = row?.label ?? {
    name: intent?.name ?? "",
    vat: intent?.keys.vat_number ?? "",
    email: intent?.keys.email ?? "",
  };
  const importOutcome = row?.outcome ?? done?.outcome ?? (intent === undefined ? "" : "not recorded");
  const base = { record, line: row?.line ?? 0, label, importOutcome };
  const updatedAt = done?.updated_at === undefined ? {} : { updatedAt: done.updated_at };
  const recorded = identityOf(done, intent);
  const previous =
    intent?.action === "update" && intent.previous !== undefined ? { previous: intent.previous } : {};
  if (done?.outcome === "created")
    return { ...base, write: { kind: "create", clientId: done.client_id, ...updatedAt, ...recorded } };
  if (done?.outcome === "updated")
    return {
      ...base,
      write: { kind: "update", clientId: done.client_id, ...previous, ...updatedAt, ...recorded },
    };
  if (done === undefined && intent !== undefined && state.uncertain.has(record)) {
    if (intent.action === "update" && intent.client_id !== undefined)
      return { ...base, write: { kind: "update", clientId: intent.client_id, ...previous, ...recorded } };
    if (intent.action === "create")
      return {
        ...base,
        write:
          row?.outcome === "created" && row.clientId !== ""
            ? { kind: "create", clientId: row.clientId, ...recorded }
            : { kind: "unknown" },
      };
  }
  return { ...base, write: { kind: "none" } };
}

/** The identity the journal recorded for a row's client: the done line's, else its intent's. */
function identityOf(
  done: JournalDone | undefined,
  intent: JournalIntent | undefined,
): { recorded?: RecordedIdentity } {
  // An empty identity on the done line says nothing: the intent's, written before the request, is asked instead.
  if (
    done !== undefined &&
    ((done.keys !== undefined && Object.keys(done.keys).length > 0) || nameOf(done.name).name)
  )
    return { recorded: { keys: done.keys ?? {}, ...nameOf(done.name) } };
  if (intent === undefined) return {};
  return { recorded: { keys: intent.keys, ...nameOf(intent.name) } };
}

const nameOf = (name: string | undefined) => (name === undefined || name === "" ? {} : { name });

/** The delimiter results.csv was written with (the run's input's); a comma when the file is missing or empty. */
async function firstLineDelimiter(file: string): Promise<string> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch {
    return ",";
  }
  try {
    const buffer = Buffer.alloc(64);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return delimiterOfReport(buffer.subarray(0, bytesRead).toString("utf8"));
  } finally {
    await handle.close();
  }
}

/** The run's results.csv, row by row; nothing when the run has none (it stopped before its first batch). */
export async function* readImportResults(dir: string): AsyncGenerator<ImportResultRow> {
  const file = join(dir, "results.csv");
  const delimiter = await firstLineDelimiter(file);
  const input = createReadStream(file);
  const parser = input.pipe(parse({ bom: true, columns: true, relax_column_count: true, delimiter }));
  input.on("error", (err) => parser.destroy(err));
  try {
    for await (const raw of parser as AsyncIterable<Record<string, string | undefined>>) {
      const record = Number(raw.record);
      if (!Number.isSafeInteger(record) || record < 1 || raw.outcome === undefined)
        throw new UsageError(
          `${file}: not the results.csv of a clients import (a row without a record number)`,
        );
      yield {
        record,
        line: Number(raw.line) || 0,
        outcome: raw.outcome,
        clientId: raw.qonto_client_id ?? "",
        label: {
          name: unneutralize(raw.name ?? ""),
          vat: unneutralize(raw.vat_number ?? ""),
          email: unneutralize(raw.email ?? ""),
        },
      };
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    if (err instanceof UsageError) throw err;
    throw new UsageError(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    input.destroy();
  }
}

/**
 * Every row of the run, in order: its results.csv's rows, then the rows only its journal knows (a run killed before
 * it reported its last batch). `counted` is the number of rows, known once the generator has finished.
 */
export async function* rollbackTargets(
  run: RolledBackRun,
  counted: { rows: number } = { rows: 0 },
): AsyncGenerator<RollbackTarget> {
  const journalOnly = new Set([...run.state.intents.keys(), ...run.state.done.keys()]);
  for await (const row of readImportResults(run.dir)) {
    journalOnly.delete(row.record);
    counted.rows += 1;
    yield targetOf(row.record, row, run.state);
  }
  for (const record of [...journalOnly].sort((a, b) => a - b)) {
    counted.rows += 1;
    yield targetOf(record, undefined, run.state);
  }
}

/** The invoices runs' invoices, by client: how many, and in which runs' report folders. */
export type InvoicedClients = Map<string, { invoices: number; runs: string[] }>;

/**
 * The clients invoices runs imported invoices for: the invoices runs among the report folders beside the run (its
 * reports folder), plus those given. An invoice counts when its run's journal reports it created, or had it on its
 * way without an answer (it may exist). A folder given that is not an invoices run's is a usage error; folders
 * beside the run that are not are skipped, and one whose journal cannot be read is said through `warn`: its
 * invoices' clients are not protected.
 */
export function invoicedClients(
  reportsRoot: string,
  given: readonly string[],
  warn: (line: string) => void = () => undefined,
): InvoicedClients {
  const byClient: InvoicedClients = new Map();
  const folders = new Set<string>();
  try {
    for (const name of readdirSync(reportsRoot)) folders.add(join(reportsRoot, name));
  } catch {
    // No reports folder to look in: only the folders given.
  }
  const explicit = new Set(given.map((g) => resolve(g)));
  for (const dir of new Set([...folders, ...explicit])) {
    let state: JournalState | undefined;
    try {
      state = readJournal(dir);
    } catch (err) {
      if (explicit.has(dir))
        throw new UsageError(`--invoices-report ${dir}: ${err instanceof Error ? err.message : String(err)}`);
      const notInvoices =
        err instanceof JournalError &&
        (err.empty || (err.start !== undefined && err.start.options.command !== "invoices"));
      if (!notInvoices)
        warn(
          `warning: ${dir} is not looked at for invoices, its journal cannot be read: ${err instanceof Error ? err.message : String(err)}`,
        );
      continue;
    }
    if (state?.start.options.command !== "invoices") {
      if (explicit.has(dir))
        throw new UsageError(
          `--invoices-report ${dir}: not the report folder of an invoices run that wrote to Qonto`,
        );
      continue;
    }
    const add = (clientId: string | undefined) => {
      if (clientId === undefined || clientId === "") return;
      const entry = byClient.get(clientId) ?? { invoices: 0, runs: [] };
      entry.invoices += 1;
      if (!entry.runs.includes(dir)) entry.runs.push(dir);
      byClient.set(clientId, entry);
    };
    for (const done of state.done.values()) if (done.outcome === "created") add(done.client_id);
    for (const intent of state.uncertain.values())
      if (intent.action === "create_invoice") add(intent.client_id);
  }
  return byClient;
}
