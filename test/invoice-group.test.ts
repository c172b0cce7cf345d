import { describe, expect, it } from "vitest";
import { matchInvoiceHeader } from "../src/invoices/aliases.js";
import { groupInvoiceRows } from "../src/invoices/group.js";
import type { SourceRow } from "../src/parse/source-row.js";

const HEADER = ["Invoice number", "Client", "Issue date", "Title", "Group"];

/** Rows from arrays in HEADER order; record numbers from 1. */
function rows(...cells: string[][]): SourceRow[] {
  return cells.map((values, i) => ({
    file: "invoices.csv",
    recordNo: i + 1,
    line: i + 2,
    fields: Object.fromEntries(HEADER.map((h, j) => [h, values[j] ?? ""])),
    problems: [],
  }));
}

const withoutGroup = matchInvoiceHeader(HEADER.slice(0, 4)).mapping;
const withGroup = matchInvoiceHeader(HEADER).mapping;

describe("grouping rows into invoices", () => {
  it.each([
    {
      name: "rows sharing a number form one invoice, in first-seen order",
      rows: rows(["F2", "A", "2024-01-01", "x"], ["F2", "", "", "y"], ["F1", "B", "2024-01-02", "z"]),
      mapping: withoutGroup,
      expected: [
        { key: "F2", records: [1, 2] },
        { key: "F1", records: [3] },
      ],
    },
    {
      name: "a row without a number is an invoice on its own",
      rows: rows(["", "A", "2024-01-01", "x"], ["", "A", "2024-01-01", "y"]),
      mapping: withoutGroup,
      expected: [
        { key: "", records: [1] },
        { key: "", records: [2] },
      ],
    },
    {
      name: "the grouping column groups, and wins over the number",
      rows: rows(["", "A", "", "x", "g1"], ["", "", "", "y", "g1"], ["", "B", "", "z", "g2"]),
      mapping: withGroup,
      expected: [
        { key: "g1", records: [1, 2] },
        { key: "g2", records: [3] },
      ],
    },
    {
      name: "whitespace does not split an invoice",
      rows: rows(["F1", "A", "", "x"], [" F1 ", "A", "", "y"]),
      mapping: withoutGroup,
      expected: [{ key: "F1", records: [1, 2] }],
    },
  ])("$name", ({ rows: input, mapping, expected }) => {
    const groups = groupInvoiceRows(input, mapping);
    expect(groups.map((g) => ({ key: g.key, records: g.rows.map((r) => r.recordNo) }))).toEqual(expected);
    expect(groups.flatMap((g) => g.problems)).toEqual([]);
  });

  it("later rows may leave invoice-level cells empty; the first non-empty value is kept with its record", () => {
    const [group] = groupInvoiceRows(
      rows(["F1", "", "", "x"], ["F1", "Acme", "2024-01-01", "y"]),
      withoutGroup,
    );
    expect(group?.values).toEqual({
      number: { value: "F1", recordNo: 1 },
      client_name: { value: "Acme", recordNo: 2 },
      issue_date: { value: "2024-01-01", recordNo: 2 },
    });
    expect(group?.problems).toEqual([]);
  });

  it("rows of one invoice that disagree on an invoice-level value are an error naming the rows and the column", () => {
    const groups = groupInvoiceRows(
      rows(["F1", "Acme", "2024-01-01", "x"], ["F1", "Acme", "2024-01-02", "y"], ["F1", "Other", "", "z"]),
      withoutGroup,
    );
    expect(groups).toHaveLength(1);
    const problems = groups[0]?.problems ?? [];
    expect(problems.map((p) => [p.code, p.column, p.recordNo, p.records])).toEqual([
      ["invoice_rows_disagree", "Client", 1, [1, 2, 3]],
      ["invoice_rows_disagree", "Issue date", 1, [1, 2]],
    ]);
    expect(problems[0]?.severity).toBe("error");
    expect(problems[0]?.message).toContain('"Acme" (records 1, 2), "Other" (record 3)');
  });

  it("a number whose rows are separated by another invoice is reported as a duplicate on every run, not merged", () => {
    const groups = groupInvoiceRows(
      rows(["F1", "A", "", "x"], ["F2", "B", "", "y"], ["F1", "A", "", "z"], ["F1", "A", "", "w"]),
      withoutGroup,
    );
    expect(groups.map((g) => [g.key, g.rows.map((r) => r.recordNo)])).toEqual([
      ["F1", [1]],
      ["F2", [2]],
      ["F1", [3, 4]],
    ]);
    const dup = (i: number) => groups[i]?.problems.map((p) => [p.code, p.column, p.recordNo, p.records]);
    expect(dup(0)).toEqual([["invoice_number_duplicate_in_file", "Invoice number", 1, [1, 3, 4]]]);
    expect(dup(1)).toEqual([]);
    expect(dup(2)).toEqual([["invoice_number_duplicate_in_file", "Invoice number", 3, [1, 3, 4]]]);
    expect(groups[0]?.problems[0]?.message).toContain("record 1; records 3, 4");
  });

  it("a duplicate grouping value names the grouping column", () => {
    const groups = groupInvoiceRows(
      rows(["", "A", "", "x", "g1"], ["", "B", "", "y", "g2"], ["", "A", "", "z", "g1"]),
      withGroup,
    );
    expect(groups[2]?.problems[0]).toMatchObject({
      code: "invoice_number_duplicate_in_file",
      column: "Group",
    });
  });
});
