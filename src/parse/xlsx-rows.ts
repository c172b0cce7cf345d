import { GENERAL } from "./number-format.js";
import { fixedLocal, SPREADSHEETML, XmlNames, type FixedNames } from "./ooxml.js";
import type { ZipArchive, ZipEntry } from "./zip.js";
import { cellText, columnIndex, columnLetters, type RawCell } from "./xlsx-cells.js";
import { LimitExceeded, LIMITS } from "./xlsx-limits.js";
import { bounded, type Workbook } from "./xlsx-workbook.js";
import { XmlScanner } from "./xml-scan.js";

// Rows of a sheet: the streaming cell reader. Cells become text here (xlsx-cells.ts) rather than through
// exceljs's Row/Cell objects: see xlsx.ts.

export interface SheetRow {
  /** Worksheet row number. */
  r: number;
  /** Text by 0-based column; holes are empty cells. */
  cells: string[];
  /** Cells whose text cannot be trusted, by 0-based column. */
  issues: { col: number; detail: string }[] | undefined;
  /** The cells before merges and links were applied (rows read to find the header). */
  raw?: string[];
}

/**
 * The rows of a sheet in order, in batches (one per parsed chunk of XML), cells already text. Parsing stops at
 * `</sheetData>`; breaking out of the loop closes the file.
 */
export async function* sheetRows(
  archive: ZipArchive,
  entry: ZipEntry,
  workbook: Workbook,
): AsyncGenerator<SheetRow[]> {
  const { ctx, formats } = workbook;
  const cell: RawCell = {
    type: undefined,
    value: undefined,
    inline: undefined,
    formula: false,
    format: GENERAL,
  };
  const names = new XmlNames(SPREADSHEETML);
  // Inside <sheetData>, while the bytes hold no namespace declaration after the root's (names.watch), names are
  // resolved against the bindings frozen at <sheetData>: no scope kept per element, which costs a third of the
  // reading. `fixedDepth` counts the elements open under it, to hand them to `names` if a declaration turns up.
  let fixed: FixedNames | undefined;
  let fixedDepth = 0;
  let inData = false;
  let row: SheetRow | undefined;
  let rowNumber = 0;
  let col = -1;
  // <c> elements and characters of text in the row, characters captured for the cell: LIMITS.
  let rowCells = 0;
  let rowChars = 0;
  let captured = 0;
  // 1: inside <v>; 2: inside <t> of an inline string.
  let capture = 0;
  let inInline = false;
  let phonetic = 0;
  const cellName = () => `cell ${columnLetters(col)}${rowNumber}`;
  const tooLong = () =>
    new LimitExceeded(
      "cell_too_long",
      `${cellName()} holds more than ${LIMITS.cellChars.toLocaleString("en")} characters, the most a cell holds`,
    );
  let batch: SheetRow[] = [];
  // After `</sheetData>` the rest of the chunk is still checked, as saxes did; an error a handler throws waits for
  // that check too, so that damaged XML in the same chunk is what is reported, as before.
  let done = false;
  let failure: unknown;
  const scanner = new XmlScanner({
    text(value) {
      if (done) return;
      try {
        if (capture === 1) cell.value += value;
        else cell.inline += value;
        captured += value.length;
        // Escapes (_x000D_) make the XML longer than the text: the text is checked when the cell ends.
        if (captured > LIMITS.rowChars) throw tooLong();
      } catch (err) {
        stop(err);
      }
    },
    open(qname, attrs) {
      if (done) return;
      try {
        opened(qname, attrs);
      } catch (err) {
        stop(err);
      }
    },
    close(qname) {
      if (done) return;
      try {
        closed(qname);
      } catch (err) {
        stop(err);
      }
    },
  });
  const stop = (err: unknown): void => {
    failure = err;
    done = true;
    scanner.keepText = false;
  };
  const unfix = (): void => {
    for (; fixedDepth > 0; fixedDepth--) names.enterPlain();
    fixed = undefined;
  };
  const opened = (qname: string, attrs: Record<string, string>): void => {
    if (fixed !== undefined && names.watch.later) unfix();
    let name: string | undefined;
    if (fixed !== undefined) {
      fixedDepth += 1;
      name = fixedLocal(qname, fixed);
    } else {
      names.enter(attrs);
      name = names.local(qname);
    }
    if (!inData) {
      if (name === "sheetData") {
        inData = true;
        if (!names.watch.later) fixed = names.snapshot();
      }
      return;
    }
    switch (name) {
      case "row": {
        const r = attrs.r === undefined ? NaN : Number(attrs.r);
        rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
        if (rowNumber > LIMITS.rows)
          throw new LimitExceeded(
            "row_beyond_sheet",
            `row ${attrs.r ?? rowNumber} lies beyond row ${LIMITS.rows.toLocaleString("en")}, the last a worksheet has`,
          );
        row = { r: rowNumber, cells: [], issues: undefined };
        col = -1;
        rowCells = 0;
        rowChars = 0;
        break;
      }
      case "c": {
        const ref = attrs.r;
        col = ref === undefined ? col + 1 : columnIndex(ref);
        // A reference past XFD or row 1,048,576 (8 characters at least) would index arrays by the billion.
        if (col >= LIMITS.columns || (ref !== undefined && ref.length >= 8 && !cellWithinSheet(ref)))
          throw new LimitExceeded(
            "cell_beyond_sheet",
            `cell ${ref ?? columnLetters(col) + String(rowNumber)} lies beyond XFD1048576, the last cell a worksheet has`,
          );
        if (++rowCells > LIMITS.columns)
          throw new LimitExceeded(
            "row_too_wide",
            `row ${rowNumber} has more than ${LIMITS.columns.toLocaleString("en")} cells, the most a row has`,
          );
        cell.type = attrs.t;
        cell.value = undefined;
        cell.inline = undefined;
        cell.formula = false;
        captured = 0;
        const s = attrs.s;
        cell.format = (s === undefined ? undefined : formats[Number(s)]) ?? GENERAL;
        break;
      }
      case "v":
        capture = 1;
        scanner.keepText = true;
        cell.value = "";
        break;
      case "f":
        cell.formula = true;
        break;
      case "is":
        inInline = true;
        cell.inline = "";
        break;
      case "t":
        if (inInline && phonetic === 0) {
          capture = 2;
          scanner.keepText = true;
        }
        break;
      case "rPh":
        phonetic += 1;
        break;
    }
  };
  const closed = (qname: string): void => {
    if (fixed !== undefined && names.watch.later) unfix();
    let name: string | undefined;
    if (fixed !== undefined && fixedDepth > 0) {
      fixedDepth -= 1;
      name = fixedLocal(qname, fixed);
    } else {
      name = names.local(qname);
      names.leave();
    }
    if (!inData) return;
    switch (name) {
      case "v":
      case "t":
        capture = 0;
        scanner.keepText = false;
        break;
      case "is":
        inInline = false;
        break;
      case "rPh":
        phonetic -= 1;
        break;
      case "c":
        if (row !== undefined && col >= 0) {
          const text = cellText(cell, ctx);
          const shown = typeof text === "string" ? text : text.text;
          if (shown.length > LIMITS.cellChars) throw tooLong();
          rowChars += shown.length;
          if (rowChars > LIMITS.rowChars)
            throw new LimitExceeded(
              "row_too_long",
              `row ${rowNumber} holds more than ${LIMITS.rowChars.toLocaleString("en")} characters of text`,
            );
          if (typeof text === "string") {
            if (text !== "") row.cells[col] = text;
          } else {
            row.cells[col] = text.text;
            (row.issues ??= []).push({ col, detail: text.detail });
          }
        }
        break;
      case "row":
        if (row !== undefined) batch.push(row);
        row = undefined;
        break;
      case "sheetData":
        done = true;
        scanner.keepText = false;
        break;
    }
  };
  for await (const chunk of bounded(archive.read(entry), entry.name, names)) {
    scanner.write(chunk);
    if (failure !== undefined) throw failure;
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
    if (done) return;
  }
  scanner.end();
  if (failure !== undefined) throw failure;
  if (batch.length > 0) yield batch;
}

/** A cell reference within XFD1048576 (its column already checked). */
function cellWithinSheet(ref: string): boolean {
  const m = /^\$?[A-Za-z]+\$?(\d+)$/.exec(ref);
  if (m === null) return true; // unreadable: as before, its column alone places it
  const r = Number(m[1]);
  return r >= 1 && r <= LIMITS.rows;
}

export function blank(cells: readonly (string | undefined)[], from = 0, to = cells.length): boolean {
  // Not past the row's last cell: an empty row costs nothing however wide the table.
  for (let i = from, end = Math.min(to, cells.length); i < end; i++)
    if ((cells[i] ?? "").trim() !== "") return false;
  return true;
}

export function dense(cells: readonly (string | undefined)[]): string[] {
  return Array.from(cells, (c) => c ?? "");
}
