import { InputFileError } from "../errors.js";

// What an XLSX workbook may hold before it is refused (see xlsx.ts): the bounds, and the errors that name them.

/**
 * What a worksheet can hold: Excel's own limits (1,048,576 rows, 16,384 columns up to XFD, 32,767 characters in
 * a cell), and bounds on what no spreadsheet program writes, so that a small hostile file is refused in seconds
 * and well under 512 MiB instead of allocating from what it claims.
 */
export const LIMITS = {
  rows: 1_048_576,
  columns: 16_384,
  cellChars: 32_767,
  /** The text of one row's cells: 32 cells at Excel's maximum. The header scan holds 20 rows. */
  rowChars: 1_048_576,
  /** XML between two tags (one value, one tag and its attributes): nothing a cell holds comes near it. */
  markupRunBytes: 1_048_576,
  merges: 100_000,
  /**
   * Cells covered by all merged ranges together, and by all mailto: links: 16 whole columns. Filling merges costs
   * per cell covered, so this bounds it; one whole column or row merged (titles, group labels) stays well within.
   */
  mergedCells: 16_777_216,
  links: 1_048_576,
} as const;

/** A workbook past LIMITS, with a stable code; the message names the cell, row or range. */
export class XlsxLimitError extends InputFileError {
  constructor(
    file: string,
    readonly code: LimitCode,
    message: string,
  ) {
    super(file, message);
  }
}

export type LimitCode =
  | "cell_beyond_sheet"
  | "row_beyond_sheet"
  | "cell_too_long"
  | "row_too_long"
  | "row_too_wide"
  | "markup_too_long"
  | "merge_beyond_sheet"
  | "too_many_merges"
  | "merged_area"
  | "link_beyond_sheet"
  | "too_many_links";

/** Thrown while reading, without the file and sheet, which readFailure adds. */
export class LimitExceeded extends Error {
  constructor(
    readonly code: LimitCode,
    message: string,
  ) {
    super(message);
  }
}
