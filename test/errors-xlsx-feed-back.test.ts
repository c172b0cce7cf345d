import { describe, expect, it } from "vitest";
import type { SourceRow, TableHeader } from "../src/parse/source-row.js";
import { fedBackTable } from "../src/report/feed-back.js";

// An errors file fed back: which columns the import sees, and which values it gets, for each format.
async function fedBack(format: TableHeader["format"], columns: string[], fields: Record<string, string>) {
  async function* rows(): AsyncGenerator<SourceRow> {
    yield { file: "f", recordNo: 1, line: 2, fields, problems: [] };
  }
  const table = fedBackTable({
    header: { file: "f", format, line: 1, columns },
    rows: rows(),
    recordCount: () => 1,
  });
  const read: Record<string, string>[] = [];
  for await (const row of table.rows) read.push(row.fields);
  return { columns: table.header.columns, fields: read[0] };
}

describe("an errors file fed back: our columns are not data, and only a CSV is un-neutralized", () => {
  it.each([
    // errors.csv: the quote errors.csv added is taken off again; source_line is not a column to map.
    [
      "csv",
      ["'+Mail", "source_line", "qonto_import_error"],
      { "'+Mail": "'-12", source_line: "7" },
      ["+Mail", "qonto_import_error"],
      { "+Mail": "-12", source_line: "7" },
    ],
    // errors.xlsx: its strings were never neutralized, so a quote there is the user's own and stays.
    [
      "xlsx",
      ["'+Mail", "source_line", "qonto_import_error"],
      { "'+Mail": "'-12", source_line: "7" },
      ["'+Mail", "qonto_import_error"],
      { "'+Mail": "'-12", source_line: "7" },
    ],
    ["xlsx", ["Nom", "qonto_import_error"], { Nom: "'=x" }, ["Nom", "qonto_import_error"], { Nom: "'=x" }],
    // Not a file of ours (no error column): a column of the user's named source_line is theirs.
    [
      "csv",
      ["Nom", "source_line"],
      { Nom: "'=x", source_line: "1" },
      ["Nom", "source_line"],
      { Nom: "'=x", source_line: "1" },
    ],
  ] as const)("%s %j", async (format, columns, fields, wantColumns, wantFields) => {
    const table = await fedBack(format, [...columns], { ...fields });
    expect(table.columns).toEqual(wantColumns);
    expect(table.fields).toEqual(wantFields);
  });
});
