// An errors.csv fed back: the table it was made of, its formula neutralization undone.
import type { SourceRow, SourceTable } from "../parse/source-row.js";
import { ERROR_COLUMN, unneutralize } from "./reporter.js";

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

/** The table as read, or, for an errors.csv fed back (it has our error column), the table errors.csv was made of. */
export function fedBackTable(table: SourceTable): SourceTable {
  if (!table.header.columns.includes(ERROR_COLUMN)) return table;
  return {
    ...table,
    header: { ...table.header, columns: table.header.columns.map(unneutralize) },
    rows: restored(table.rows),
  };
}
