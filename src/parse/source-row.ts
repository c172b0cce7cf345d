import type { Problem } from "../problems.js";

/**
 * One data row of the input, with its position fixed once, here at the source: later stages pass it along
 * and never recompute where it came from.
 */
export interface SourceRow {
  file: string;
  /** 1-based number of the data record (the header is not counted). */
  recordNo: number;
  /** Physical line where the record starts; differs from recordNo + 1 when a quoted value holds a line break. */
  line: number;
  /** Values by header name, trimmed of nothing: normalization decides what whitespace means. */
  fields: Record<string, string>;
  /** Problems found while reading the row (wrong field count). */
  problems: Problem[];
}

export interface TableHeader {
  file: string;
  columns: string[];
  delimiter: string;
  /** Detected or given; reported so a user can see why accents look wrong. */
  encoding: string;
  /** Physical line of the header row (blank lines may precede it). */
  line: number;
}
