import { parse, type Options } from "csv-parse/sync";
import { delimiterOfReport } from "../../src/report/reporter.js";

/** A report CSV (results.csv, errors.csv) read back with the delimiter it was written with: the input's. */
export function parseReport<T = Record<string, string>>(data: Buffer | string, options: Options = {}): T[] {
  const text = data.toString();
  return parse(text, {
    bom: true,
    columns: true,
    delimiter: delimiterOfReport(text.slice(0, 64)),
    ...options,
  }) as unknown as T[];
}
