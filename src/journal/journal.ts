/**
 * The run's journal (`journal.ndjson` in the report folder): the source of truth for a resume. Before each write
 * to Qonto an intent is appended and flushed to disk; after it, the outcome with the Qonto id. A run killed at any
 * moment leaves a journal that says which rows are done, and which were on their way (their create may have
 * happened: they are looked up before being sent again).
 */
import {
  closeSync,
  fdatasyncSync,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import type { ClientKeys } from "../dedupe/keys.js";
import type { ClientUpdatePayload } from "../upload/client.js";
import { openJournalFile } from "../report/safe-files.js";

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
  /**
   * A client create or update: the client's keys and display name as Qonto answered the write. A rollback touches
   * the client only if it still has one of them. Absent in journals written before it (the intent's are used).
   */
  keys?: ClientKeys;
  name?: string;
}

export interface JournalFailed {
  type: "failed";
  record: number;
  /** The write may have been carried out all the same (no answer): a resume looks before sending again. */
  ambiguous: boolean;
  at?: string;
  /** An invoice Qonto refused (422): final for that payload, which no later run sends again. */
  refusal?: JournalRefusal;
}

/** What Qonto refused (an invoice's create), and why: a later run reports it without sending it. */
export interface JournalRefusal {
  status: number;
  /** SHA-256 of the payload sent (invoicePayloadHash): the same payload is refused the same way. */
  payload_sha256: string;
  /** Qonto's errors, as it answered them. */
  errors: { code: string; detail: string; pointer?: string }[];
}

export interface JournalEnd {
  type: "end";
  finished_at: string;
  /** Whether every row was dealt with; false when the run stopped early (401, Ctrl-C, Qonto unreachable). */
  complete: boolean;
}

export type JournalLine = JournalStart | JournalIntent | JournalDone | JournalFailed | JournalEnd;

/**
 * The fence the writer puts after a line cut short (a crash or a full disk in the middle of a write) before it
 * appends again: the fragment stays, alone on its line, as evidence, and this line says it is one, so the reader
 * can tell it from corruption. `bytes` is the fragment's length, newline excluded. Written only by the writer.
 */
export interface JournalTorn {
  type: "torn";
  bytes: number;
}

/** A journal that cannot be read as the writer writes it: names the file, and the line when there is one. */
export class JournalError extends Error {
  override name = "JournalError";
  constructor(
    readonly file: string,
    /** 1-based; undefined when the trouble is the journal as a whole. */
    readonly lineNo: number | undefined,
    reason: string,
    /** The run's start line, when it was read before the trouble: whose run the journal is. */
    readonly start: JournalStart | undefined,
    /** No complete line at all: the run stopped before its start line was on disk, so it sent nothing. */
    readonly empty = false,
  ) {
    super(lineNo === undefined ? `${file}: ${reason}` : `${file}, line ${lineNo}: ${reason}`);
  }
}

/**
 * Appends lines and makes them durable. Lines appended in the same turn of the event loop share one flush
 * (group commit): a batch's intents cost one fdatasync, not one each.
 *
 * A journal opened again (a resume, a rollback's resume) may end in a line cut short, and so may this one after a
 * write that failed part-way (a full disk). Before appending after either, the writer fences the fragment: a
 * newline, so it stays alone on its line, and a `torn` line giving its length (see JournalTorn). Keeping the bytes
 * rather than truncating them loses nothing, and they never meant anything a resume needs: every line is written
 * only after the lines before it are on disk, and a request is sent only once its intent is (apply.ts,
 * invoices/upload.ts and rollback/run.ts await the intent's append first). So a torn `intent`'s request was never
 * sent; a torn `done` or `failed` leaves its intent complete with no outcome, which a resume already treats as a
 * write that may have happened (a create is looked up before it is sent again, an update is re-planned); a torn
 * `start` or `end` only makes the run look unfinished, and nothing was written after a torn `start`.
 */
export class JournalWriter {
  private pending: string[] = [];
  private waiters: { resolve: () => void; reject: (err: unknown) => void }[] = [];
  private scheduled = false;
  private fd: number | undefined;
  /** The file may not end with a newline: look, and fence, before the next write. */
  private checkTail: boolean;

  /** how: "new" for a run's first journal, "append" to go on with a resumed run's (see openJournalFile). */
  constructor(
    readonly path: string,
    how: "new" | "append" | "either" = "either",
  ) {
    // Read and append: the fence reads the tail. Never through a link placed under the journal's name.
    this.fd = openJournalFile(path, how);
    this.checkTail = fstatSync(this.fd).size > 0;
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
      const fence = this.checkTail ? fenceFor(this.fd, this.path) : "";
      writeAll(this.fd, Buffer.from(fence + text, "utf8"));
      fdatasyncSync(this.fd);
      this.checkTail = false;
      for (const w of waiters) w.resolve();
    } catch (err) {
      // The write may have stopped part-way: the next one must not glue its line onto the fragment.
      this.checkTail = true;
      for (const w of waiters) w.reject(err);
    }
  }

  close(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** writeSync may write less than asked (a disk filling up): a line reported durable must be whole. */
function writeAll(fd: number, bytes: Buffer): void {
  for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

/**
 * What goes before the next lines: nothing when the file ends with a newline (or is empty); a newline when its
 * last line is whole but for it (a write cut just before it); else the newline and the fence.
 */
function fenceFor(fd: number, path: string): string {
  const tail = lastLine(fd, path);
  if (tail.length === 0) return "";
  try {
    JSON.parse(tail.toString("utf8"));
    return "\n";
  } catch {
    const line: JournalTorn = { type: "torn", bytes: tail.length };
    return "\n" + JSON.stringify(line) + "\n";
  }
}

/** The bytes after the file's last newline, read backwards: a torn line is at most one line, usually short. */
function lastLine(fd: number, path: string): Buffer {
  const size = fstatSync(fd).size;
  const chunks: Buffer[] = [];
  for (let end = size; end > 0;) {
    const from = Math.max(0, end - 64 * 1024);
    const chunk = Buffer.alloc(end - from);
    if (readSync(fd, chunk, 0, chunk.length, from) !== chunk.length)
      throw new Error(`${path}: short read at byte ${from} while checking its last line`);
    const newline = chunk.lastIndexOf(0x0a);
    chunks.unshift(newline < 0 ? chunk : chunk.subarray(newline + 1));
    if (newline >= 0) break;
    end = from;
  }
  return Buffer.concat(chunks);
}

export interface JournalState {
  start: JournalStart;
  /** Rows whose write succeeded, with the Qonto id. */
  done: Map<number, JournalDone>;
  /** Rows with a write on its way, or failed without an answer, and no success: look before sending again. */
  uncertain: Map<number, JournalIntent>;
  /** Every row's last intent, settled or not (an update's holds the values it replaced). */
  intents: Map<number, JournalIntent>;
  /** Rows whose last write Qonto refused with a refusal recorded (an invoice's 422), and not done since. */
  refused: Map<number, JournalFailed & { refusal: JournalRefusal }>;
  /** The last run over this folder ended with every row dealt with. */
  complete: boolean;
  /**
   * When the journal was last written (its mtime, epoch ms): the interrupted run was alive until then, so a create
   * it had on its way may have lost its connection only then. A resume waits the settle delay from this moment.
   */
  lastWriteAt?: number;
}

/**
 * Reads a journal; undefined when the folder has none. Throws a JournalError for anything the writer does not
 * leave behind. What it does leave, and is tolerated: a line cut short by a crash or a full disk, either last (not
 * fenced yet: nothing was appended since) or followed by the `torn` fence a later writer put after it. Refused:
 * any other line that is not JSON (garbage, or two writers' lines interleaved), a line that is not a journal line
 * (not an object, an unknown type, a field of the wrong kind), a fence that follows no torn line or gives another
 * length, and a line before the `start` line. A journal with no complete line throws with `empty` set.
 */
export function readJournal(dir: string): JournalState | undefined {
  const file = join(dir, JOURNAL_FILE);
  let bytes: Buffer;
  let lastWriteAt: number;
  try {
    lastWriteAt = statSync(file).mtimeMs;
    bytes = readFileSync(file);
  } catch (err) {
    // No such file, or the "folder" is a file: not a run's report folder.
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw err;
  }
  return { ...parseJournal(bytes, file), lastWriteAt };
}

/** readJournal's core, over the journal's bytes (split as bytes: a fence counts bytes, not characters). */
export function parseJournal(bytes: Buffer, file: string): JournalState {
  let start: JournalStart | undefined;
  const done = new Map<number, JournalDone>();
  const uncertain = new Map<number, JournalIntent>();
  const intents = new Map<number, JournalIntent>();
  const refused = new Map<number, JournalFailed & { refusal: JournalRefusal }>();
  let complete = false;
  const fail = (lineNo: number, reason: string) => new JournalError(file, lineNo, reason, start);
  /** A line that is not JSON, waiting for the fence that makes it a torn line. */
  let torn: { lineNo: number; bytes: number } | undefined;
  let from = 0;
  for (let lineNo = 1; from < bytes.length; lineNo++) {
    const newline = bytes.indexOf(0x0a, from);
    const last = newline < 0;
    const raw = bytes.subarray(from, last ? bytes.length : newline);
    from = last ? bytes.length : newline + 1;
    let line: JournalLine | JournalTorn;
    try {
      line = asJournalLine(JSON.parse(raw.toString("utf8")), (reason) => fail(lineNo, reason));
    } catch (err) {
      if (err instanceof JournalError) throw err;
      // Cut short, with nothing appended since: the next writer fences it.
      if (last) break;
      if (torn !== undefined) throw fail(torn.lineNo, "not valid JSON");
      torn = { lineNo, bytes: raw.length };
      continue;
    }
    if (torn !== undefined) {
      if (line.type !== "torn" || line.bytes !== torn.bytes) throw fail(torn.lineNo, "not valid JSON");
      torn = undefined;
      continue;
    }
    if (line.type === "torn") throw fail(lineNo, "a torn-line fence that follows no torn line");
    if (start === undefined && line.type !== "start") throw fail(lineNo, `comes before the "start" line`);
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
        refused.delete(line.record);
        break;
      case "failed":
        // A refusal (422) changed nothing; an unanswered write may have.
        if (!line.ambiguous) uncertain.delete(line.record);
        if (line.refusal !== undefined) refused.set(line.record, { ...line, refusal: line.refusal });
        break;
      case "end":
        complete = line.complete;
        break;
    }
  }
  if (torn !== undefined) throw fail(torn.lineNo, "not valid JSON");
  if (start === undefined)
    throw new JournalError(
      file,
      undefined,
      "holds no complete line: the run stopped before its start was recorded, so it wrote nothing",
      undefined,
      true,
    );
  return { start, done, uncertain, intents, refused, complete };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isRecordNo = (v: unknown): v is number => Number.isSafeInteger(v);
const isRefusal = (v: unknown): v is JournalRefusal =>
  isObject(v) &&
  Number.isSafeInteger(v.status) &&
  typeof v.payload_sha256 === "string" &&
  Array.isArray(v.errors) &&
  v.errors.every((e) => isObject(e) && typeof e.code === "string" && typeof e.detail === "string");

/**
 * A journal's start line alone, read from the file's first 64 KiB: whose run it is, without reading a clients
 * run's million lines. Undefined when the folder has no journal or its first line is not a start line.
 */
export function readJournalStart(dir: string): JournalStart | undefined {
  let fd: number;
  try {
    fd = openSync(join(dir, JOURNAL_FILE), "r");
  } catch {
    return undefined;
  }
  try {
    const head = Buffer.alloc(64 * 1024);
    const read = readSync(fd, head, 0, head.length, 0);
    const end = head.subarray(0, read).indexOf(0x0a);
    const line: unknown = JSON.parse(head.subarray(0, end < 0 ? read : end).toString("utf8"));
    return isObject(line) && line.type === "start" && isObject(line.options)
      ? (line as unknown as JournalStart)
      : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * A parsed line as a journal line, or the error `refuse` makes. Checks what the reader and its callers rely on,
 * so a line of the wrong shape is reported with its number instead of failing later, far from it.
 */
function asJournalLine(value: unknown, refuse: (reason: string) => JournalError): JournalLine | JournalTorn {
  if (!isObject(value)) throw refuse("not a JSON object");
  const ok = (() => {
    switch (value.type) {
      case "start":
        return (
          typeof value.started_at === "string" &&
          isObject(value.input) &&
          typeof value.input.sha256 === "string" &&
          isObject(value.options) &&
          typeof value.options_hash === "string"
        );
      case "intent":
        return isRecordNo(value.record) && typeof value.action === "string" && isObject(value.keys);
      case "done":
        return (
          isRecordNo(value.record) &&
          typeof value.outcome === "string" &&
          typeof value.client_id === "string" &&
          (value.keys === undefined ||
            (isObject(value.keys) && Object.values(value.keys).every((k) => typeof k === "string"))) &&
          (value.name === undefined || typeof value.name === "string")
        );
      case "failed":
        return (
          isRecordNo(value.record) &&
          typeof value.ambiguous === "boolean" &&
          (value.refusal === undefined || isRefusal(value.refusal))
        );
      case "end":
        return typeof value.complete === "boolean";
      case "torn":
        return Number.isSafeInteger(value.bytes) && (value.bytes as number) > 0;
      default:
        throw refuse(`unknown line type ${JSON.stringify(value.type)}`);
    }
  })();
  if (!ok) throw refuse(`a "${String(value.type)}" line without the fields it needs`);
  return value as unknown as JournalLine | JournalTorn;
}
