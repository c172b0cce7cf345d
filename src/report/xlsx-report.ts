// errors.xlsx and results.xlsx: a report as a workbook, for an XLSX input, so that it opens in Excel as the input did.
import { once } from "node:events";
import { createRequire } from "node:module";
import type { Writable } from "node:stream";
import { finished as streamFinished } from "node:stream/promises";
import type ExcelJS from "exceljs";

/** A column of a report workbook. */
export interface XlsxColumn {
  header: string;
  /** "text": every value is a string cell under the Text format (@), so Excel never reads 80314596300013 as a number
   * (8.03E+13) nor drops the leading zero of 01000. "number": a count of ours (record, line). */
  kind: "text" | "number";
  /** The column a person reads first: filled, its header bold on the fill (errors.xlsx's reason). */
  highlight?: boolean;
}

const HIGHLIGHT: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFE699" } };
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9D9D9" } };

// exceljs is loaded on first use: a CSV run never pays for it (an XLSX run has it loaded by its reader already).
let excel: typeof ExcelJS | undefined;
function loadExcel(): typeof ExcelJS {
  excel ??= createRequire(import.meta.url)("exceljs") as typeof ExcelJS;
  return excel;
}

/**
 * One sheet written row by row with exceljs's streaming writer: each row is committed (serialized and handed to the
 * zip) as it is added, and no shared-string table is kept, so memory stays bounded however many rows a run has.
 * Values are plain strings, never formulas, so unlike a CSV nothing is neutralized: the cell holds what the input did.
 */
export class XlsxReport {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;
  private readonly done: Promise<void>;

  constructor(
    private readonly out: Writable,
    sheetName: string,
    private readonly columns: readonly XlsxColumn[],
  ) {
    const { stream } = loadExcel();
    this.workbook = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    // The header row stays in view while scrolling; the filter buttons let a person pick the rows of one problem.
    this.sheet = this.workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
    this.sheet.columns = columns.map((c) => ({
      header: c.header,
      width: Math.min(60, Math.max(12, c.header.length + 2)),
      style: {
        ...(c.kind === "text" ? { numFmt: "@" } : {}),
        ...(c.highlight === true ? { fill: HIGHLIGHT } : {}),
      },
    }));
    this.sheet.autoFilter = {
      from: { row: 1, column: 1 },
      to: { row: 1, column: Math.max(1, columns.length) },
    };
    const header = this.sheet.getRow(1);
    header.eachCell((cell, n) => {
      cell.font = { bold: true };
      cell.fill = columns[n - 1]?.highlight === true ? HIGHLIGHT : HEADER_FILL;
      cell.numFmt = "@";
    });
    header.commit();
    this.done = streamFinished(out);
  }

  /** Appends one row; a "number" column's value is written as a number when it is one. */
  add(values: readonly string[]): void {
    const row = this.sheet.addRow(
      values.map((value, i) => {
        if (this.columns[i]?.kind === "number" && /^\d{1,15}$/.test(value)) return Number(value);
        // An empty cell is left out rather than written as an empty string.
        return value === "" ? null : value;
      }),
    );
    row.commit();
  }

  /** Waits while the disk is behind, as the CSV reports do. */
  async drain(): Promise<void> {
    if (this.out.writableNeedDrain) await once(this.out, "drain");
  }

  async close(): Promise<void> {
    this.sheet.commit();
    await this.workbook.commit();
    await this.done;
  }
}
