import type { Problem } from "../problems.js";

/**
 * One data row of the input, with its position fixed once, here at the source: later stages pass it along
 * and never recompute where it came from. CSV and XLSX readers emit the same shape.
 */
export interface SourceRow {
  file: string;
  /** Worksheet name, for XLSX input. */
  sheet?: string;
  /** 1-based number of the data record (the header and rows above it are not counted). */
  recordNo: number;
  /** Physical line (CSV) or worksheet row number (XLSX) where the record starts; differs from recordNo when a
   * quoted value holds a line break or rows sit above the header. */
  line: number;
  /** Values by header name; normalization decides what whitespace means. */
  fields: Record<string, string>;
  /** Problems found while reading the row (wrong field count, bad encoding, formula without a value). */
  problems: Problem[];
}

export interface TableHeader {
  file: string;
  format: "csv" | "xlsx";
  columns: string[];
  /** Line (CSV) or row number (XLSX) of the header. */
  line: number;
  /** 0-based position of the first column when the table does not start in the first one (column B, ...). */
  firstColumn?: number;
  /** CSV only. */
  delimiter?: string;
  /** CSV only: detected or given; reported so a user can see why accents look wrong. */
  encoding?: string;
  /** XLSX only. */
  sheet?: string;
}

/** What every reader returns: the header, read eagerly so header errors come before any row, then the rows. */
export interface SourceTable {
  header: TableHeader;
  rows: AsyncGenerator<SourceRow>;
  /** Data records produced so far: the count the report is checked against. */
  recordCount(): number;
}

/** What a position is called in this input: a CSV line, or a worksheet row. */
export function positionName(header: TableHeader): "line" | "row" {
  return header.format === "xlsx" ? "row" : "line";
}
