// A normalization worker (see normalize-pool.ts): batches in, normalized rows out, in the order received.
import { parentPort, workerData } from "node:worker_threads";
import { normalizeRow } from "../validate/normalize.js";
import { fromWire, type NormalizeSetup, type WireBatch, type WireResult } from "./normalize-pool.js";

const { setup, columns } = workerData as { setup: NormalizeSetup; columns: string[] };

// Only the normalized rows go back: their match keys cost the main thread less to compute than to receive.
parentPort?.on("message", (message: string) => {
  const batch = JSON.parse(message) as WireBatch;
  const rows = fromWire(batch, columns).map((row) => normalizeRow(row, setup.mapping, setup.defaults));
  parentPort?.postMessage({ id: batch.id, rows: JSON.stringify(rows) } satisfies WireResult);
});
