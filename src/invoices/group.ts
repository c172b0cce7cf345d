// Rows → invoices. One row is one invoice line; rows sharing an invoice number (or, when the file has one, a
// grouping column's value) form one invoice, in the order invoices are first seen. Pure.
//
// Rules:
// - The key is the grouping column's value when that column is mapped and the cell is not empty, else the invoice
//   number. A row with neither is an invoice on its own (Qonto numbers it when automatic numbering is on).
// - Invoice-level cells (client, dates, currency, status, number, ...) may be left empty on an invoice's later
//   rows: exports often write them on the first line only. Two rows giving different non-empty values for one
//   invoice-level field are an error for the invoice (invoice_rows_disagree), naming the field's column and the
//   records. Values are compared as written, after trimming and collapsing whitespace.
// - An invoice's rows must be contiguous. When a key's rows are separated by another invoice's rows, the key is
//   reported as a duplicate (invoice_number_duplicate_in_file) on every run of it, and none of them is imported:
//   they are not merged (the file may hold two invoices that share a number by mistake), and the first run alone is
//   not imported either (it could be an invoice missing some of its lines).

import type { SourceRow } from "../parse/source-row.js";
import { problem, type Problem, type ProblemCode } from "../problems.js";
import { INVOICE_LEVEL_FIELD_NAMES, type InvoiceColumnMapping, type InvoiceLevelField } from "./aliases.js";

/** A problem of an invoice: the record it is reported on and, when several rows are involved, all of them. */
export interface InvoiceProblem extends Problem {
  recordNo: number;
  records?: number[];
}

export function invoiceProblem(
  code: ProblemCode,
  message: string,
  recordNo: number,
  column?: string,
  records?: number[],
): InvoiceProblem {
  const p: InvoiceProblem = { ...problem(code, message, column), recordNo };
  if (records !== undefined) p.records = records;
  return p;
}

export interface InvoiceGroup {
  /** The grouping value or invoice number; "" for a row that has neither. */
  key: string;
  /** The invoice's rows, in file order: each is one item. */
  rows: SourceRow[];
  /** Invoice-level values merged over the rows (first non-empty value), with the record that gave each. */
  values: Partial<Record<InvoiceLevelField, { value: string; recordNo: number }>>;
  /** Problems of the whole invoice (disagreeing rows, duplicate number): any error refuses it. */
  problems: InvoiceProblem[];
}

/** A cell as compared and used: trimmed, inner whitespace runs collapsed to one space. */
export function cleanCell(raw: string | undefined): string {
  if (raw === undefined) return "";
  return /[^\S ]|  /.test(raw) ? raw.replace(/\s+/g, " ").trim() : raw.trim();
}

export function groupInvoiceRows(rows: Iterable<SourceRow>, mapping: InvoiceColumnMapping): InvoiceGroup[] {
  const cellOf = (row: SourceRow, field: InvoiceLevelField) => {
    const column = mapping[field];
    return column === undefined ? "" : cleanCell(row.fields[column]);
  };
  const groups: InvoiceGroup[] = [];
  // Runs of each key, in order: more than one run is a duplicate.
  const runs = new Map<string, InvoiceGroup[]>();
  let current: InvoiceGroup | undefined;
  for (const row of rows) {
    const key = cellOf(row, "group") || cellOf(row, "number");
    if (current === undefined || key === "" || current.key !== key) {
      current = { key, rows: [], values: {}, problems: [] };
      groups.push(current);
      if (key !== "") runs.set(key, [...(runs.get(key) ?? []), current]);
    }
    current.rows.push(row);
  }

  for (const group of groups) mergeValues(group, mapping, cellOf);

  for (const [key, keyRuns] of runs) {
    if (keyRuns.length < 2) continue;
    const column =
      mapping.group !== undefined && keyRuns[0]?.values.group !== undefined ? mapping.group : mapping.number;
    const what = column === mapping.group && mapping.group !== undefined ? "invoice group" : "invoice number";
    const all = keyRuns.flatMap((g) => g.rows.map((r) => r.recordNo));
    const describe = keyRuns.map((g) => recordsText(g.rows.map((r) => r.recordNo))).join("; ");
    for (const run of keyRuns) {
      const first = run.rows[0]?.recordNo ?? 0;
      run.problems.push(
        invoiceProblem(
          "invoice_number_duplicate_in_file",
          `${what} "${key}" appears in separate places of the file (${describe}): an invoice's rows must be together; none of them is imported`,
          first,
          column,
          all,
        ),
      );
    }
  }
  return groups;
}

function mergeValues(
  group: InvoiceGroup,
  mapping: InvoiceColumnMapping,
  cellOf: (row: SourceRow, field: InvoiceLevelField) => string,
): void {
  for (const field of INVOICE_LEVEL_FIELD_NAMES) {
    if (mapping[field] === undefined) continue;
    // Rows mostly agree: the first value is kept, and the rows are gone through again only when one differs.
    let first: { value: string; recordNo: number } | undefined;
    let differs = false;
    for (const row of group.rows) {
      const value = cellOf(row, field);
      if (value === "") continue;
      if (first === undefined) first = { value, recordNo: row.recordNo };
      else if (value !== first.value) differs = true;
    }
    if (first === undefined) continue;
    group.values[field] = first;
    if (differs) {
      // Each distinct value with the records that give it.
      const seen = new Map<string, number[]>();
      for (const row of group.rows) {
        const value = cellOf(row, field);
        if (value === "") continue;
        seen.set(value, [...(seen.get(value) ?? []), row.recordNo]);
      }
      const detail = [...seen].map(([value, records]) => `"${value}" (${recordsText(records)})`).join(", ");
      const records = [...seen.values()].flat().sort((a, b) => a - b);
      group.problems.push(
        invoiceProblem(
          "invoice_rows_disagree",
          `the rows of one invoice give different values for ${mapping[field]}: ${detail}`,
          records[0] ?? 0,
          mapping[field],
          records,
        ),
      );
    }
  }
}

function recordsText(records: readonly number[]): string {
  return records.length === 1 ? `record ${records[0]}` : `records ${records.join(", ")}`;
}
