import { InputFileError } from "../errors.js";
import { detectHeaderRow, headerScore } from "../map/header.js";
import {
  blockNames,
  findHeaderRow,
  headerBlockEnd,
  isHeaderFault,
  leftmostFilled,
  tableColumns,
} from "./header-row.js";
import { problem, type Problem } from "../problems.js";
import { describeFsError } from "./csv.js";
import { GENERAL } from "./number-format.js";
import { SPREADSHEETML, XmlNames, fixedLocal, type FixedNames } from "./ooxml.js";
import type { SourceRow, SourceTable, TableHeader } from "./source-row.js";
import { ZipArchive, ZipError, type ZipEntry } from "./zip.js";
import { cellText, columnIndex, columnLetters, type CellRange, type RawCell } from "./xlsx-cells.js";
import { NO_EXTRAS, readExtras, RowFiller, type SheetExtras } from "./xlsx-extras.js";
import { LimitExceeded, LIMITS, XlsxLimitError } from "./xlsx-limits.js";
import {
  bounded,
  findSheet,
  loadExcel,
  loadWorkbook,
  sheetList,
  type Excel,
  type SheetInfo,
  type Workbook,
} from "./xlsx-workbook.js";

export {
  DATE,
  GENERAL,
  numberFormat,
  PERCENT,
  TIME,
  type DurationPart,
  type NumberFormat,
} from "./number-format.js";
export {
  cellText,
  columnIndex,
  columnLetters,
  decodeEscapes,
  isoDateText,
  numberText,
  parseRange,
  plainDecimal,
  serialDateText,
  withinSheet,
  type CellContext,
  type CellIssue,
  type RawCell,
} from "./xlsx-cells.js";
export { mailtoAddress, parseSheetExtras } from "./xlsx-extras.js";
export { LIMITS, XlsxLimitError, type LimitCode } from "./xlsx-limits.js";
export { findSheet, type SheetInfo } from "./xlsx-workbook.js";

// XLSX input. The zip layer is yauzl's, wrapped in zip.ts (bomb limits, CRC, one-line errors). The XML is parsed
// by exceljs's SAX layer (saxes; parse-sax.js, patched for UTF-8 split across chunks: patches/exceljs+4.4.0.patch),
// and every name is resolved by namespace (ooxml.ts): the .NET SDK's `<x:workbook>`, a relationships namespace
// bound to `ns:`. The small parts (workbook, relationships, content types, styles) are read by ooxml.ts's parsers,
// not by exceljs's WorkbookReader, which matches names by prefix. The sheet's cells are turned into text here
// rather than through exceljs's Row/Cell objects, which drop the cell type (a formula's boolean or error result
// reads as a number), cannot see merges and hyperlinks (stored after the rows) and cost about half the reading
// time. A workbook beyond what a spreadsheet holds (a cell past XFD1048576, a cell longer than 32,767
// characters, merges by the million) is refused in one line before it can take minutes or gigabytes: LIMITS.

export interface XlsxReadOptions {
  /** Sheet name (case-insensitive) or 1-based index; default: the first sheet with a recognisable header. */
  sheet?: string;
  /** Header names a mapping file gives: they help find the header row below title rows. */
  headerNames?: readonly string[];
}

/** Rows read to find the header, and to decide which sheet has one. */
const HEADER_SCAN_ROWS = 20;

const NOT_A_SPREADSHEET =
  "the file is damaged or was not written by a spreadsheet program: save the table again from the program that made it, as .xlsx or CSV";

// ---------------------------------------------------------------------------------------------------------------
// Rows of a sheet.

interface SheetRow {
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
async function* sheetRows(
  archive: ZipArchive,
  entry: ZipEntry,
  workbook: Workbook,
  lib: Excel,
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
  for await (const events of lib.parseSax(bounded(archive.read(entry), entry.name, names))) {
    const batch: SheetRow[] = [];
    for (const e of events) {
      if (e.eventType === "text") {
        if (capture === 0) continue;
        if (capture === 1) cell.value += e.value;
        else cell.inline += e.value;
        captured += e.value.length;
        // Escapes (_x000D_) make the XML longer than the text: the text is checked when the cell ends.
        if (captured > LIMITS.rowChars) throw tooLong();
        continue;
      }
      if (fixed !== undefined && names.watch.later) {
        for (; fixedDepth > 0; fixedDepth--) names.enterPlain();
        fixed = undefined;
      }
      if (e.eventType === "opentag") {
        let name: string | undefined;
        if (fixed !== undefined) {
          fixedDepth += 1;
          name = fixedLocal(e.value.name, fixed);
        } else {
          names.enter(e.value.attributes);
          name = names.local(e.value.name);
        }
        if (!inData) {
          if (name === "sheetData") {
            inData = true;
            if (!names.watch.later) fixed = names.snapshot();
          }
          continue;
        }
        const attrs = e.value.attributes;
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
            if (inInline && phonetic === 0) capture = 2;
            break;
          case "rPh":
            phonetic += 1;
            break;
        }
        continue;
      }
      // closetag
      let name: string | undefined;
      if (fixed !== undefined && fixedDepth > 0) {
        fixedDepth -= 1;
        name = fixedLocal(e.value.name, fixed);
      } else {
        name = names.local(e.value.name);
        names.leave();
      }
      if (!inData) continue;
      switch (name) {
        case "v":
        case "t":
          capture = 0;
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
          if (batch.length > 0) yield batch;
          return;
      }
    }
    if (batch.length > 0) yield batch;
  }
}

/** A cell reference within XFD1048576 (its column already checked). */
function cellWithinSheet(ref: string): boolean {
  const m = /^\$?[A-Za-z]+\$?(\d+)$/.exec(ref);
  if (m === null) return true; // unreadable: as before, its column alone places it
  const r = Number(m[1]);
  return r >= 1 && r <= LIMITS.rows;
}

function blank(cells: readonly (string | undefined)[], from = 0, to = cells.length): boolean {
  // Not past the row's last cell: an empty row costs nothing however wide the table.
  for (let i = from, end = Math.min(to, cells.length); i < end; i++)
    if ((cells[i] ?? "").trim() !== "") return false;
  return true;
}

function dense(cells: readonly (string | undefined)[]): string[] {
  return Array.from(cells, (c) => c ?? "");
}

// ---------------------------------------------------------------------------------------------------------------
// openXlsx

/** `where` prefixes most messages ("sheet "S", after row 7: "); a workbook past LIMITS names its sheet only. */
function readFailure(file: string, err: unknown, where = "", sheet?: string): InputFileError {
  if (err instanceof InputFileError) return err;
  if (err instanceof LimitExceeded)
    return new XlsxLimitError(
      file,
      err.code,
      `${sheet === undefined ? "" : `sheet "${sheet}": `}${err.message}: ${NOT_A_SPREADSHEET}`,
    );
  if (err instanceof ZipError)
    return new InputFileError(file, `${where}cannot read this XLSX file: ${err.message}`);
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT" || code === "EACCES" || code === "EPERM" || code === "EISDIR")
    return new InputFileError(file, describeFsError(err));
  const message = err instanceof Error ? err.message : String(err);
  return new InputFileError(file, `${where}cannot read this XLSX file: its XML is damaged (${message})`);
}

/**
 * The table's columns and the last row of its header, named from the header row (merges spread), or from all its
 * rows when merges spread it over several.
 */
function headerOf(
  file: string,
  where: string,
  headerRow: SheetRow,
  head: readonly SheetRow[],
  merges: readonly CellRange[],
  known: ReadonlySet<string>,
): { first: number; columns: string[]; lastRow: number } {
  const refuse = (message: string, col?: number): never => {
    const at = col === undefined ? "" : `, column ${columnLetters(col)}`;
    throw new InputFileError(file, `${where}, row ${headerRow.r}${at}: ${message}`);
  };
  const byRow = new Map(head.map((row) => [row.r, row]));
  const spread = dense(headerRow.cells);
  let first = spread.findIndex((c) => c.trim() !== "");
  let last = spread.length - 1;
  while (last >= 0 && (spread[last] ?? "").trim() === "") last--;
  if (first < 0) refuse("the header row is empty");
  const lastRow = headerBlockEnd(headerRow.r, { first, last }, merges, (r) => byRow.get(r)?.raw);
  // Names as the sheet shows them: a header cell merged over two columns names both (the second told apart).
  let cells: readonly string[] = spread;
  if (lastRow > headerRow.r) {
    const block = head
      .filter((row) => row.r >= headerRow.r && row.r <= lastRow)
      .map((row) => ({ r: row.r, cells: row.raw ?? dense(row.cells) }));
    cells = blockNames(block, merges, last + 1, (name) => headerScore([name], known) > 0);
  }
  const below = head.filter((row) => row.r > lastRow).map((row) => row.cells);
  const table = tableColumns(cells, known, columnLetters, leftmostFilled(below));
  if (isHeaderFault(table)) return refuse(table.message, table.col);
  first = table.first;
  return { first, columns: table.names, lastRow };
}

/**
 * The first non-empty rows of a sheet (up to `limit`), each with its cells as stored (`raw`): the header is found
 * and named from those, so a title merged across the table is one cell, not a row of repeated names.
 */
async function firstRows(
  archive: ZipArchive,
  entry: ZipEntry,
  workbook: Workbook,
  lib: Excel,
  extras: SheetExtras,
  limit: number,
): Promise<SheetRow[]> {
  const filler = new RowFiller(extras);
  const rows: SheetRow[] = [];
  for await (const batch of sheetRows(archive, entry, workbook, lib)) {
    for (const row of batch) {
      row.raw = dense(row.cells);
      filler.apply(row.r, row.cells);
      if (!blank(row.raw)) rows.push(row);
      if (rows.length >= limit) return rows;
    }
  }
  return rows;
}

/**
 * Opens an XLSX workbook as a table. Eagerly: the sheet is chosen, inflated once without parsing (its merges and
 * links are stored after its rows, and a damaged sheet must fail before any row is used), and its header found
 * and checked (title rows above it are skipped). The data rows are then streamed; only the shared-strings table
 * (and the sheet's merges and mailto: links) are held in memory, never the rows.
 */
export async function openXlsx(file: string, options: XlsxReadOptions = {}): Promise<SourceTable> {
  const lib = await loadExcel();
  const known = new Set(options.headerNames ?? []);
  let archive: ZipArchive;
  try {
    archive = await ZipArchive.open(file);
  } catch (err) {
    throw readFailure(file, err);
  }

  let workbook: Workbook;
  try {
    workbook = await loadWorkbook(file, archive, lib);
  } catch (err) {
    throw readFailure(file, err);
  }
  const { sheets } = workbook;
  if (!sheets.some((s) => s.kind === "worksheet"))
    throw new InputFileError(file, "the workbook has no worksheet (only charts or macros)");

  const entryOf = (sheet: SheetInfo): ZipEntry => {
    const entry = sheet.path === undefined ? undefined : archive.get(sheet.path);
    if (entry === undefined)
      throw new InputFileError(
        file,
        `cannot read this XLSX file: the part of sheet "${sheet.name}" is missing`,
      );
    return entry;
  };

  let chosen: SheetInfo | undefined;
  if (options.sheet !== undefined) {
    const index = findSheet(sheets, options.sheet);
    if (index === undefined)
      throw new InputFileError(file, `no sheet "${options.sheet}"; the sheets are ${sheetList(sheets)}`);
    chosen = sheets[index];
    if (chosen?.kind !== "worksheet")
      throw new InputFileError(
        file,
        `sheet "${chosen?.name ?? options.sheet}" is a chart or macro sheet, not a table of cells`,
      );
  } else {
    // The first visible worksheet whose first rows hold a header we recognise; else the first visible one that
    // is not empty (a workbook whose first sheet is a blank cover); else the first visible one.
    const candidates = sheets.filter((s) => s.kind === "worksheet" && !s.hidden);
    if (candidates.length === 0) candidates.push(...sheets.filter((s) => s.kind === "worksheet"));
    let filled: SheetInfo | undefined;
    // A lone candidate is the sheet whatever its first rows hold: they are read once, below.
    if (candidates.length === 1) chosen = candidates[0];
    for (const sheet of chosen === undefined ? candidates : []) {
      let head: SheetRow[];
      try {
        head = await firstRows(archive, entryOf(sheet), workbook, lib, NO_EXTRAS, HEADER_SCAN_ROWS);
      } catch (err) {
        throw readFailure(file, err, `sheet "${sheet.name}": `, sheet.name);
      }
      if (
        detectHeaderRow(
          head.map((r) => r.raw ?? []),
          known,
        ) !== undefined
      ) {
        chosen = sheet;
        break;
      }
      if (head.length > 0) filled ??= sheet;
    }
    chosen ??= filled ?? candidates[0];
  }
  if (chosen === undefined) throw new InputFileError(file, "the workbook has no worksheet");
  const sheet = chosen;
  const where = `sheet "${sheet.name}"`;
  const entry = entryOf(sheet);

  let extras: SheetExtras;
  let head: SheetRow[];
  try {
    // Reads the whole sheet once: merges and links sit after its rows, and a damaged sheet fails here, before
    // any row is used.
    extras = await readExtras(archive, entry, lib);
    head = await firstRows(archive, entry, workbook, lib, extras, HEADER_SCAN_ROWS);
  } catch (err) {
    throw readFailure(file, err, `${where}: `, sheet.name);
  }
  if (head.length === 0) {
    const others = sheets.filter((s) => s.kind === "worksheet" && s !== sheet);
    throw new InputFileError(
      file,
      others.length === 0
        ? `${where} is empty: the workbook holds no table; check that the file is the export you meant`
        : `${where} is empty: choose the sheet that holds the table with --sheet (the others are ${others.map((s) => `"${s.name}"`).join(", ")})`,
    );
  }
  const headerRow =
    head[
      findHeaderRow(
        head.map((r) => r.raw ?? []),
        known,
      )
    ] ?? head[0];
  if (headerRow === undefined) throw new InputFileError(file, `${where} is empty`);
  const { first, columns, lastRow: headerEnd } = headerOf(file, where, headerRow, head, extras.merges, known);
  const headerLine = headerRow.r;
  const header: TableHeader = { file, format: "xlsx", sheet: sheet.name, line: headerLine, columns };
  if (first > 0) header.firstColumn = first;
  const end = first + columns.length;

  let recordNo = 0;
  let lastRow = headerLine;

  async function* rows(): AsyncGenerator<SourceRow> {
    const filler = new RowFiller(extras);
    try {
      for await (const batch of sheetRows(archive, entry, workbook, lib)) {
        for (const row of batch) {
          lastRow = row.r;
          // Merges are applied from the top, so a merge that starts above the header still spreads down.
          filler.apply(row.r, row.cells);
          if (row.r <= headerEnd || blank(row.cells, first, end)) continue;
          recordNo += 1;
          const fields: Record<string, string> = {};
          for (let i = 0; i < columns.length; i++) fields[columns[i] ?? ""] = row.cells[first + i] ?? "";
          const problems: Problem[] = [];
          for (const issue of row.issues ?? []) {
            const column = columns[issue.col - first];
            // A column without a header is not part of the table.
            if (column === undefined) continue;
            problems.push(
              problem(
                "formula_without_value",
                `record ${recordNo} (row ${row.r}), column "${column}" (cell ${columnLetters(issue.col)}${row.r}): the formula ${issue.detail}`,
                column,
              ),
            );
          }
          yield { file, sheet: sheet.name, recordNo, line: row.r, fields, problems };
        }
      }
    } catch (err) {
      throw readFailure(file, err, `${where}, after row ${lastRow}: `, sheet.name);
    }
  }

  return { header, rows: rows(), recordCount: () => recordNo };
}
