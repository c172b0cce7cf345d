// An input's fingerprint and its rows in batches: what every run reads its input with.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { InputFileError } from "../errors.js";
import { describeFsError } from "../parse/csv.js";

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } catch (err) {
    throw new InputFileError(file, describeFsError(err));
  }
  return hash.digest("hex");
}

// Rows are planned in order, then a batch's writes run concurrently; results are written in input order.
export const BATCH_SIZE = 200;

/** Groups a stream in batches; items read before a read error are still handed on, then the error. */
export async function* batches<T>(source: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  try {
    for await (const item of source) {
      batch.push(item);
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
  } catch (err) {
    if (batch.length > 0) yield batch;
    throw err;
  }
  if (batch.length > 0) yield batch;
}
