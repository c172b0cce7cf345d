/**
 * `--data FILE`: the emulator's state on disk, so a test can restart it and keep its clients. The file is a
 * journal, one JSON object a line: `{"put": client}` or `{"delete": id}`. Each write is appended synchronously
 * before it is answered, so a write the emulator acknowledged (or committed and then "lost") survives a restart.
 */
import {
  appendFileSync,
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import type { ClientStore, StoredClient } from "./store.js";

type JournalLine = { put: StoredClient } | { delete: string };

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
export function loadDataFile(path: string, store: ClientStore): boolean {
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
    const e = entry as Partial<Record<"put" | "delete", unknown>>;
    if (isStored(e.put)) store.restore(e.put);
    else if (typeof e.delete === "string") store.delete(e.delete);
    else throw new Error(`data file ${path}, line ${i + 1}: neither {"put": client} nor {"delete": id}`);
  });
  return true;
}

/** Rewrites the journal as the current state (one put per client), then appends every later write. */
export function attachDataFile(path: string, store: ClientStore): void {
  const tmp = `${path}.tmp`;
  writeFileSync(
    tmp,
    store
      .all()
      .map((c) => JSON.stringify({ put: c } satisfies JournalLine) + "\n")
      .join(""),
  );
  const fd = openSync(tmp, "r+");
  fsyncSync(fd);
  closeSync(fd);
  renameSync(tmp, path);
  const append = (line: JournalLine) => appendFileSync(path, JSON.stringify(line) + "\n");
  store.listener = { put: (stored) => append({ put: stored }), delete: (id) => append({ delete: id }) };
}
