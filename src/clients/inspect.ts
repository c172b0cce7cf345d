import type { SourceField } from "../map/aliases.js";
import {
  inspectedColumnLine,
  inspectedColumns,
  mappingGaps,
  matchHeader,
  type InspectedColumn,
} from "../map/header.js";
import { EMPTY_MAPPING, loadMappingFile, missingColumns } from "../map/mapping-file.js";
import { normalizeDefaultsOf, type ImportOptions } from "../options/import.js";
import { openOptionsOf, openTable } from "../parse/open.js";
import { columnLetters } from "../parse/xlsx.js";
import { positionName, type TableHeader } from "../parse/source-row.js";
import type { Problem } from "../problems.js";
import { capText, printable } from "../report/printable.js";
import { fedBackTable } from "../report/feed-back.js";
import { describeFormat } from "../parse/describe.js";
import { normalizeRow } from "../validate/normalize.js";
import type { ClientCreatePayload } from "../validate/schema.js";

export interface InspectedRow {
  recordNo: number;
  line: number;
  payload: ClientCreatePayload | null;
  problems: Problem[];
}

/** What `qonto-import inspect` shows: how the file will be read, before anything is imported. */
export interface InspectResult {
  file: string;
  header: TableHeader;
  format: string;
  columns: InspectedColumn<SourceField>[];
  constants: Partial<Record<SourceField, string>>;
  mappingFileProblems: string[];
  missing: string[];
  rows: InspectedRow[];
}

export async function inspectFile(options: ImportOptions, rowCount: number): Promise<InspectResult> {
  // The mapping file first: its column names help find the header row.
  const mappingFile = options.mapFile === undefined ? EMPTY_MAPPING : await loadMappingFile(options.mapFile);
  const openOptions = openOptionsOf(options, [...Object.keys(mappingFile.columns), ...mappingFile.ignore]);
  // An errors.csv is read as an import reads it: its neutralizing quotes undone.
  const table = fedBackTable(await openTable(options.file, openOptions));
  const match = matchHeader(table.header.columns, mappingFile);
  const rows: InspectedRow[] = [];
  const defaults = normalizeDefaultsOf(options, mappingFile.constants);
  for await (const row of table.rows) {
    if (rows.length >= rowCount) break;
    const result = normalizeRow(row, match.mapping, defaults);
    rows.push({
      recordNo: row.recordNo,
      line: row.line,
      payload: result.ok ? result.payload : null,
      problems: result.problems,
    });
  }
  return {
    file: options.file,
    header: table.header,
    format: describeFormat(table.header),
    columns: inspectedColumns(table.header.columns, match),
    constants: mappingFile.constants,
    mappingFileProblems: missingColumns(mappingFile, table.header.columns).map(
      (c) => `the mapping file names "${c}", which this file does not have`,
    ),
    missing: mappingGaps(match.mapping, mappingFile.constants),
    rows,
  };
}

export function formatInspect(result: InspectResult): string {
  const out: string[] = [];
  out.push(`File:    ${result.file}`);
  out.push(`Format:  ${result.format}`);
  const { firstColumn } = result.header;
  // Said, so that a user who sees their table read from column C knows the empty columns left of it were skipped.
  const from =
    firstColumn === undefined
      ? ""
      : `, table from column ${result.header.format === "xlsx" ? columnLetters(firstColumn) : firstColumn + 1}`;
  out.push(`Header:  ${positionName(result.header)} ${result.header.line}${from}`);
  out.push("Columns:");
  // Escaped before padding, so that the columns line up as shown.
  const shown = (column: string) => printable(capText(column));
  const width = Math.max(...result.columns.map((c) => shown(c.column).length), 6);
  for (const c of result.columns)
    out.push(inspectedColumnLine(c, shown(c.column).padEnd(width), "no matching field"));
  for (const [field, value] of Object.entries(result.constants))
    out.push(`  ${"(constant)".padEnd(width)}  -> ${field} = "${value}"`);
  for (const p of result.mappingFileProblems) out.push(`Warning: ${p}`);
  out.push(
    result.missing.length === 0
      ? "Missing: nothing; clients can be built from these columns"
      : `Missing: ${result.missing.join("; ")}`,
  );
  out.push(
    `First ${result.rows.length} row${result.rows.length === 1 ? "" : "s"} as Qonto would receive them:`,
  );
  for (const row of result.rows) {
    out.push(
      `  record ${row.recordNo} (${positionName(result.header)} ${row.line}): ${row.payload === null ? "INVALID, not sent" : JSON.stringify(row.payload)}`,
    );
    for (const p of row.problems)
      out.push(
        `    ${p.severity} ${p.code}${p.column === undefined ? "" : ` [${shown(p.column)}]`}: ${capText(p.message)}`,
      );
  }
  // Every line is one line, made of the file's own text: escaped whole.
  return out.map(printable).join("\n");
}
