/**
 * The run's journal (`journal.ndjson` in the report folder): the source of truth for a resume. Before each write
 * to Qonto an intent is appended and flushed to disk; after it, the outcome with the Qonto id. A run killed at any
 * moment leaves a journal that says which rows are done, and which were on their way (their create may have
 * happened: they are looked up before being sent again).
 */
import { closeSync, fdatasyncSync, openSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { ClientKeys } from "../dedupe/keys.js";
import type { ClientUpdatePayload } from "../upload/client.js";

export const JOURNAL_FILE = "journal.ndjson";

export interface JournalStart {
  type: "start";
  tool: string;
  version: string;
  started_at: string;
  input: { file: string; sha256: string };
  /** The options that decide what the run does (no secret): a resume runs with exactly these. */
  options: Record<string, unknown>;
  /** Hash of those options, to tell a re-run of the same command from another run of the same file. */
  options_hash: string;
  /** True for the lines a resume appends: the run goes on in the same folder. */
  resumed?: boolean;
}

/** An import's writes (create, update, create_invoice), and a rollback's (delete, restore). */
export type WriteAction = "create" | "update" | "create_invoice" | "delete" | "restore";

export interface JournalIntent {
  type: "intent";
  record: number;
  action: WriteAction;
  keys: ClientKeys;
  /** The client an update is for. */
  client_id?: string;
  /** The display name, for a create with no key: its look-up can only go by name. */
  name: string;
  /** The invoice number a create_invoice is for: what a resume looks the invoice up by. */
  number?: string;
  /**
   * An update: the values it replaces, as a PATCH that puts them back (a field or address part that was empty is
   * null; an address is whole). What `qonto-import rollback` restores. Absent in journals written before it.
   */
  previous?: ClientUpdatePayload;
  /** When it was written (ISO): a resume does not look a create up before this plus the settle delay. */
  at?: string;
}

export interface JournalDone {
  type: "done";
  record: number;
  /**
   * skipped_existing: an invoice whose number Qonto already had (409) when it was sent. deleted and restored: a
   * rollback's writes.
   */
  outcome: "created" | "updated" | "skipped_existing" | "deleted" | "restored";
  /** The client written, or the client an invoice is for. */
  client_id: string;
  invoice_id?: string;
  /**
   * A client create or update (or a rollback's restore): the client's updated_at as Qonto answered it after the
   * write. A later updated_at means someone changed the client since. Absent in journals written before it.
   */
  updated_at?: string;
}

export interface JournalFailed {
  type: "failed";
  record: number;
  /** The write may have been carried out all the same (no answer): a resume looks before sending again. */
  ambiguous: boolean;
  at?: string;
}

export interface JournalEnd {
  type: "end";
  finished_at: string;
  /** Whether every row was dealt with; false when the run stopped early (401, Ctrl-C, Qonto unreachable). */
  complete: boolean;
}

export type JournalLine = JournalStart | JournalIntent | JournalDone | JournalFailed | JournalEnd;

/**
 * Appends lines and makes them durable. Lines appended in the same turn of the event loop share one flush
 * (group commit): a batch's intents cost one fdatasync, not one each.
 */
export class JournalWriter {
  private pending: string[] = [];
  private waiters: { resolve: () => void; reject: (err: unknown) => void }[] = [];
  private scheduled = false;
  private fd: number | undefined;

  constructor(readonly path: string) {
    this.fd = openSync(path, "a", 0o600);
  }

  /** Resolves once the line is on disk. */
  append(line: JournalLine): Promise<void> {
    this.pending.push(JSON.stringify(line) + "\n");
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    return done;
  }

  /** Writes what is pending now, synchronously: also what a second Ctrl-C calls before exiting. */
  flush(): void {
    this.scheduled = false;
    const text = this.pending.join("");
    const waiters = this.waiters;
    this.pending = [];
    this.waiters = [];
    if (text === "") return;
    try {
      if (this.fd === undefined) throw new Error(`the journal ${this.path} is closed`);
      writeSync(this.fd, text);
      fdatasyncSync(this.fd);
      for (const w of waiters) w.resolve();
    } catch (err) {
      for (const w of waiters) w.reject(err);
    }
  }

  close(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

export interface JournalState {
  start: JournalStart;
  /** Rows whose write succeeded, with the Qonto id. */
  done: Map<number, JournalDone>;
  /** Rows with a write on its way, or failed without an answer, and no success: look before sending again. */
  uncertain: Map<number, JournalIntent>;
  /** Every row's last intent, settled or not (an update's holds the values it replaced). */
  intents: Map<number, JournalIntent>;
  /** The last run over this folder ended with every row dealt with. */
  complete: boolean;
}

/** Reads a journal; undefined when the folder has none. A last line cut short by a crash is ignored. */
export function readJournal(dir: string): JournalState | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, JOURNAL_FILE), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  const lines = text.split("\n");
  let start: JournalStart | undefined;
  const done = new Map<number, JournalDone>();
  const uncertain = new Map<number, JournalIntent>();
  const intents = new Map<number, JournalIntent>();
  let complete = false;
  lines.forEach((raw, i) => {
    if (raw.trim() === "") return;
    let line: JournalLine;
    try {
      line = JSON.parse(raw) as JournalLine;
    } catch {
      if (i >= lines.length - 2) return; // the write a kill cut short; its row was never answered
      throw new Error(`${join(dir, JOURNAL_FILE)}, line ${i + 1}: not valid JSON`);
    }
    switch (line.type) {
      case "start":
        start ??= line;
        complete = false;
        break;
      case "intent":
        intents.set(line.record, line);
        if (!done.has(line.record)) uncertain.set(line.record, line);
        break;
      case "done":
        done.set(line.record, line);
        uncertain.delete(line.record);
        break;
      case "failed":
        // A refusal (422) changed nothing; an unanswered write may have.
        if (!line.ambiguous) uncertain.delete(line.record);
        break;
      case "end":
        complete = line.complete;
        break;
    }
  });
  if (start === undefined) throw new Error(`${join(dir, JOURNAL_FILE)} does not start with a "start" line`);
  return { start, done, uncertain, intents, complete };
}
