// Normalization in worker threads (issue 21): rows are pure data in and out, so a batch can be normalized on another
// core while the main thread reads the next batch and plans,
// de-duplicates and reports the previous one. The main thread keeps the order: batches are awaited oldest first.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ColumnMapping } from "../map/header.js";
import type { SourceRow } from "../parse/source-row.js";
import type { Problem } from "../problems.js";
import { normalizeRow, type NormalizedRow, type NormalizeDefaults } from "../validate/normalize.js";

/** What a worker is started with: everything normalizeRow needs besides the row. */
export interface NormalizeSetup {
  mapping: ColumnMapping;
  defaults: NormalizeDefaults;
}

/**
 * A batch as it crosses to a worker: the mapped columns' values in one flat array (row-major), and the reader's
 * problems of the rows that have any. Only the cells normalization reads are copied, not the whole row. Both ways
 * a batch travels as one JSON string: copying one string costs a fraction of cloning thousands of small values.
 */
export interface WireBatch {
  id: number;
  values: string[];
  problems: (Problem[] | null)[];
}

export interface WireResult {
  id: number;
  /** NormalizedRow[] as JSON. */
  rows: string;
}

/** The columns a worker gets, in wire order: every column the mapping names, once. */
export function wireColumns(mapping: ColumnMapping): string[] {
  return [...new Set(Object.values(mapping).filter((c): c is string => c !== undefined))];
}

export function toWire(id: number, rows: readonly SourceRow[], columns: readonly string[]): WireBatch {
  const values = new Array<string>(rows.length * columns.length);
  const problems = new Array<Problem[] | null>(rows.length);
  let k = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as SourceRow;
    for (const column of columns) values[k++] = row.fields[column] ?? "";
    problems[r] = row.problems.length === 0 ? null : row.problems;
  }
  return { id, values, problems };
}

/** The rows of a wire batch as normalizeRow reads them: the mapped columns' fields and the problems (it reads no
 * position: the main thread keeps those). */
export function fromWire(batch: WireBatch, columns: readonly string[]): SourceRow[] {
  const count = batch.problems.length;
  const rows = new Array<SourceRow>(count);
  let k = 0;
  for (let r = 0; r < count; r++) {
    const fields: Record<string, string> = {};
    for (const column of columns) fields[column] = batch.values[k++] ?? "";
    rows[r] = { file: "", recordNo: 0, line: 0, fields, problems: batch.problems[r] ?? [] };
  }
  return rows;
}

export interface Normalizer {
  /** The rows' normalizations, in order. */
  normalize(rows: readonly SourceRow[]): Promise<NormalizedRow[]>;
  /** Whether results may wait on another thread: the caller then keeps several batches in flight. */
  readonly parallel: boolean;
  close(): Promise<void>;
}

/** In the calling thread: for small files, and where the worker's compiled script is not at hand (tests on sources). */
export function inThreadNormalizer({ mapping, defaults }: NormalizeSetup): Normalizer {
  return {
    parallel: false,
    // Failing as the workers do: a rejected promise, never a throw.
    normalize: async (rows) => rows.map((row) => normalizeRow(row, mapping, defaults)),
    close: () => Promise.resolve(),
  };
}

// The compiled worker beside this module; absent when the sources run untranspiled (vitest), which then normalize
// in the calling thread.
const WORKER_SCRIPT = fileURLToPath(new URL("./normalize-worker.js", import.meta.url));

/** How many worker threads a big file gets: one per core but the one reading and planning, at least one, at most
 * four (the main thread's share of a row bounds what more would bring). */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

let available: boolean | undefined;
/** Whether worker threads can be used here (the compiled script exists). */
export function workersAvailable(): boolean {
  available ??= existsSync(WORKER_SCRIPT);
  return available;
}

/**
 * `count` workers, each given a batch at a time (the least busy first). Results are matched by id; a worker that
 * fails rejects its batches, and the run stops on that error as it would on one in the calling thread.
 */
export function workerNormalizer(setup: NormalizeSetup, count: number): Normalizer {
  const columns = wireColumns(setup.mapping);
  // Batches sent and not answered yet, per worker, so that a worker's end fails exactly its own.
  const pending = new Map<
    number,
    { worker: number; resolve: (rows: NormalizedRow[]) => void; reject: (err: Error) => void }
  >();
  let failure: Error | undefined;
  const fail = (w: number, err: Error) => {
    failure ??= err;
    for (const [id, waiting] of pending)
      if (waiting.worker === w) {
        pending.delete(id);
        waiting.reject(err);
      }
  };
  let closing = false;
  // Not unref'd: the run awaits their answers, and close() ends them (a run's plan always closes its normalizer).
  const workers = Array.from({ length: count }, (_, w) => {
    const worker = new Worker(WORKER_SCRIPT, { workerData: { setup, columns } });
    worker.on("message", (result: WireResult) => {
      const waiting = pending.get(result.id);
      pending.delete(result.id);
      waiting?.resolve(JSON.parse(result.rows) as NormalizedRow[]);
    });
    worker.on("error", (err) => fail(w, err));
    // A worker that ends without an error event (killed, out of memory) must not leave its batches waiting forever.
    worker.on("exit", (code) => {
      if (!closing) fail(w, new Error(`a normalization thread stopped (exit code ${code})`));
    });
    return worker;
  });
  let nextId = 0;
  return {
    parallel: true,
    normalize(rows) {
      if (failure !== undefined) return Promise.reject(failure);
      // The worker with the fewest batches waiting (a handful in all: counted, not kept up to date).
      const waiting = new Array<number>(count).fill(0);
      for (const p of pending.values()) waiting[p.worker] = (waiting[p.worker] ?? 0) + 1;
      let w = 0;
      for (let i = 1; i < count; i++) if ((waiting[i] ?? 0) < (waiting[w] ?? 0)) w = i;
      const id = nextId++;
      return new Promise<NormalizedRow[]>((resolve, reject) => {
        pending.set(id, { worker: w, resolve, reject });
        workers[w]?.postMessage(JSON.stringify(toWire(id, rows, columns)));
      });
    },
    async close() {
      closing = true;
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
