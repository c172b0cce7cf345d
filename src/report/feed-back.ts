// An errors.csv or errors.xlsx fed back: the table it was made of, without our columns' noise.
import type { SourceRow, SourceTable } from "../parse/source-row.js";
import { isErrorColumn, isSourceLineColumn, unneutralize } from "./reporter.js";

/**
 * Undoes errors.csv's formula neutralization (a leading quote before = + - @ tab or CR), in column names and
 * values, so that both round-trip: the mapping, a mapping file's column names and the values are the input's.
 */
export function restoreRow(row: SourceRow): SourceRow {
  const fields: Record<string, string> = {};
  for (const [column, value] of Object.entries(row.fields))
    fields[unneutralize(column)] = unneutralize(value);
  const problems = row.problems.some((p) => p.column !== undefined)
    ? row.problems.map((p) => (p.column === undefined ? p : { ...p, column: unneutralize(p.column) }))
    : row.problems;
  return { ...row, fields, problems };
}

async function* restored(rows: AsyncIterable<SourceRow>): AsyncGenerator<SourceRow> {
  for await (const row of rows) yield restoreRow(row);
}

/**
 * The table as read, or, for an errors file fed back (it has our error column, titled in any language), the table it
 * was made of: the source-line column is left out of the header, so it is neither mapped, sent nor said to be "not imported" (the
 * rows keep its value, which the next errors file repeats). Only a CSV is un-neutralized: errors.xlsx holds plain
 * strings, never formulas, so a leading quote there is the user's own and stays.
 */
export function fedBackTable(table: SourceTable): SourceTable {
  if (!table.header.columns.some(isErrorColumn)) return table;
  const csv = table.header.format === "csv";
  const columns = (csv ? table.header.columns.map(unneutralize) : table.header.columns).filter(
    (c) => !isSourceLineColumn(c),
  );
  return { ...table, header: { ...table.header, columns }, rows: csv ? restored(table.rows) : table.rows };
}
