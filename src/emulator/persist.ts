/**
 * `--data FILE`: the emulator's state on disk, so a test can restart it and keep its clients. The file is a
 * journal, one JSON object a line: `{"put": client}`, `{"delete": id}` or `{"put_invoice": invoice}` (a client
 * invoice; files written before invoices existed hold none and still load). Each write is appended synchronously
 * before it is answered, so a write the emulator acknowledged (or committed and then "lost") survives a restart.
 */
import {
  appendFileSync,
  closeSync,
  constants,
  fchmodSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import type { ClientStore, StoredClient } from "./store.js";
import type { InvoiceStore, StoredInvoice } from "./invoice-store.js";

type JournalLine = { put: StoredClient } | { delete: string } | { put_invoice: StoredInvoice };

function isStoredInvoice(value: unknown): value is StoredInvoice {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  const draft = v.draft as Record<string, unknown> | null | undefined;
  return (
    typeof v.id === "string" &&
    typeof v.seq === "number" &&
    typeof v.createdMs === "number" &&
    typeof v.updatedMs === "number" &&
    typeof v.status === "string" &&
    typeof draft === "object" &&
    draft !== null &&
    typeof draft.number === "string" &&
    Array.isArray(draft.items) &&
    typeof v.client === "object" &&
    v.client !== null
  );
}

function isStored(value: unknown): value is StoredClient {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === "string" &&
    typeof v.seq === "number" &&
    typeof v.createdMs === "number" &&
    typeof v.updatedMs === "number" &&
    typeof v.draft === "object" &&
    v.draft !== null
  );
}

/** Reads the journal into the store; false when the file does not exist yet. */
export function loadDataFile(path: string, store: ClientStore, invoices?: InvoiceStore): boolean {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw new Error(`cannot read data file ${path}: ${(err as Error).message}`);
  }
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      // A line cut short by a crash can only be the last one: that write was never answered.
      if (i >= lines.length - 2) return;
      throw new Error(`data file ${path}, line ${i + 1}: not valid JSON`);
    }
    const e = entry as Partial<Record<"put" | "delete" | "put_invoice", unknown>>;
    if (isStored(e.put)) store.restore(e.put);
    else if (isStoredInvoice(e.put_invoice)) invoices?.restore(e.put_invoice);
    else if (typeof e.delete === "string") store.delete(e.delete);
    else
      throw new Error(
        `data file ${path}, line ${i + 1}: not {"put": client}, {"delete": id} nor {"put_invoice": invoice}`,
      );
  });
  return true;
}

// O_NOFOLLOW is POSIX; on Windows O_EXCL alone refuses an existing name.
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/**
 * Rewrites the journal as the current state (one put per client), then appends every later write; the function
 * returned closes it. The file holds client data and is 0600 whatever it was before (it is replaced whole); its
 * temporary file is created exclusively, so a link placed under that name is removed, never written through.
 */
export function attachDataFile(path: string, store: ClientStore, invoices?: InvoiceStore): () => void {
  const tmp = `${path}.tmp`;
  const lines: JournalLine[] = [
    ...store.all().map((c) => ({ put: c })),
    ...(invoices?.all() ?? []).map((i) => ({ put_invoice: i })),
  ];
  try {
    unlinkSync(tmp);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const tmpFd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o600);
  try {
    // The umask may have cut the mode further; it never widens it.
    fchmodSync(tmpFd, 0o600);
    writeFileSync(tmpFd, lines.map((line) => JSON.stringify(line) + "\n").join(""));
    fsyncSync(tmpFd);
  } finally {
    closeSync(tmpFd);
  }
  renameSync(tmp, path);
  let fd: number | undefined = openSync(path, constants.O_WRONLY | constants.O_APPEND | NOFOLLOW);
  const append = (line: JournalLine) => {
    if (fd !== undefined) appendFileSync(fd, JSON.stringify(line) + "\n");
  };
  store.listener = { put: (stored) => append({ put: stored }), delete: (id) => append({ delete: id }) };
  if (invoices) invoices.listener = { put: (stored) => append({ put_invoice: stored }) };
  return () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
}
