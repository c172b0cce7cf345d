// A normalization worker (see normalize-pool.ts): batches in, normalized rows and their match keys out, in order.
import { parentPort, workerData } from "node:worker_threads";
import { clientKeys } from "../dedupe/keys.js";
import { evidenceOf } from "../dedupe/match.js";
import { normalizeRow } from "../validate/normalize.js";
import {
  fromWire,
  type NormalizeSetup,
  type Prepared,
  type WireBatch,
  type WireResult,
} from "./normalize-pool.js";

const { setup, columns } = workerData as { setup: NormalizeSetup; columns: string[] };

function prepare(row: Parameters<typeof normalizeRow>[0]): Prepared {
  const normalized = normalizeRow(row, setup.mapping, setup.defaults);
  if (!normalized.ok) return normalized;
  // The planner's share of the work that depends on the payload alone: off the main thread too.
  const keys = clientKeys(normalized.payload);
  return { ...normalized, known: { keys, evidence: evidenceOf(normalized.payload, keys) } };
}

parentPort?.on("message", (message: string) => {
  const batch = JSON.parse(message) as WireBatch;
  const rows = fromWire(batch, columns).map(prepare);
  parentPort?.postMessage({ id: batch.id, rows: JSON.stringify(rows) } satisfies WireResult);
});
