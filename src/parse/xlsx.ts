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
import type { SourceRow, SourceTable, TableHeader } from "./source-row.js";
import { ZipArchive, ZipError, type ZipEntry } from "./zip.js";
import { columnLetters, type CellRange } from "./xlsx-cells.js";
import { NO_EXTRAS, readExtras, RowFiller, type SheetExtras } from "./xlsx-extras.js";
import { LimitExceeded, XlsxLimitError } from "./xlsx-limits.js";
import { blank, dense, sheetRows, type SheetRow } from "./xlsx-rows.js";
import {
  findSheet,
  loadExcel,
  loadWorkbook,
  sheetList,
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

// XLSX input. The zip layer is yauzl's, wrapped in zip.ts (bomb limits, CRC, one-line errors). A sheet's rows are read
// by xml-scan.ts, the other parts by exceljs's SAX layer (saxes; parse-sax.js, patched for UTF-8 split across chunks:
// patches/exceljs+4.4.0.patch), and every name is resolved by namespace (ooxml.ts): the .NET SDK's `<x:workbook>`, a
// relationships namespace bound to `ns:`. The small parts (workbook, relationships, content types, styles) are read by
// ooxml.ts's parsers, not by exceljs's WorkbookReader, which matches names by prefix. The sheet's cells are turned into
// text in xlsx-rows.ts rather than through exceljs's Row/Cell objects, which drop the cell type (a formula's boolean or
// error result reads as a number), cannot see merges and hyperlinks (stored after the rows) and cost about half the
// reading time. A workbook beyond what a spreadsheet holds (a cell past XFD1048576, a cell longer than 32,767
// characters, merges by the million) is refused in one line before it can take minutes or gigabytes: LIMITS. The
// pieces: xlsx-workbook.ts (the package, before any row), xlsx-rows.ts (the streaming cell reader), xlsx-cells.ts (cell
// values to text), xlsx-extras.ts (merges and mailto: links), xlsx-limits.ts; here, the sheet is chosen and its header
// found, and its rows become records.

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
  extras: SheetExtras,
  limit: number,
): Promise<SheetRow[]> {
  const filler = new RowFiller(extras);
  const rows: SheetRow[] = [];
  for await (const batch of sheetRows(archive, entry, workbook)) {
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
        head = await firstRows(archive, entryOf(sheet), workbook, NO_EXTRAS, HEADER_SCAN_ROWS);
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
    head = await firstRows(archive, entry, workbook, extras, HEADER_SCAN_ROWS);
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
      for await (const batch of sheetRows(archive, entry, workbook)) {
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
