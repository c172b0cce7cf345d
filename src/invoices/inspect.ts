// `qonto-import inspect` for an invoices file: which column feeds which invoice field, the columns left out, what
// the file lacks, and the first rows as the invoices command reads them. Nothing is imported or sent.
import type { ImportOptions } from "../options/import.js";
import { openOptionsOf, openTable } from "../parse/open.js";
import { describeFormat } from "../parse/describe.js";
import { columnLetters } from "../parse/xlsx.js";
import { inspectedColumnLine, inspectedColumns, type InspectedColumn } from "../map/header.js";
import { positionName, type TableHeader } from "../parse/source-row.js";
import { capText, printable } from "../report/printable.js";
import { fedBackTable } from "../report/feed-back.js";
import { isErrorColumn } from "../report/reporter.js";
import { INVOICE_FIELDS, type InvoiceField } from "./aliases.js";
import {
  EMPTY_INVOICE_MAPPING,
  invoiceMappingNames,
  loadInvoiceMappingFile,
  matchInvoiceHeaderWith,
  missingInvoiceColumns,
} from "./mapping-file.js";
import { invoiceColumnGaps } from "./required.js";

export interface InvoiceInspectedRow {
  recordNo: number;
  line: number;
  /** The row's non-empty values, by the invoice field they feed. */
  values: Partial<Record<InvoiceField, string>>;
}

export interface InvoiceInspectResult {
  kind: "invoices";
  file: string;
  header: TableHeader;
  format: string;
  /** Set when the file was taken for an invoices file from its columns (no --invoices): those columns. */
  detectedFrom?: string[];
  columns: InspectedColumn<InvoiceField>[];
  mappingFileProblems: string[];
  missing: string[];
  rows: InvoiceInspectedRow[];
}

export async function inspectInvoicesFile(
  options: ImportOptions,
  rowCount: number,
): Promise<InvoiceInspectResult> {
  const mappingFile =
    options.mapFile === undefined ? EMPTY_INVOICE_MAPPING : await loadInvoiceMappingFile(options.mapFile);
  const names = [...Object.values(INVOICE_FIELDS).flat(), ...invoiceMappingNames(mappingFile)];
  const table = fedBackTable(await openTable(options.file, openOptionsOf(options, names)));
  const match = matchInvoiceHeaderWith(
    table.header.columns.filter((c) => !isErrorColumn(c)),
    mappingFile,
  );
  const rows: InvoiceInspectedRow[] = [];
  for await (const row of table.rows) {
    if (rows.length >= rowCount) break;
    const values: Partial<Record<InvoiceField, string>> = {};
    for (const [field, column] of Object.entries(match.mapping) as [InvoiceField, string][]) {
      const value = row.fields[column]?.trim() ?? "";
      if (value !== "") values[field] = value;
    }
    rows.push({ recordNo: row.recordNo, line: row.line, values });
  }
  return {
    kind: "invoices",
    file: options.file,
    header: table.header,
    format: describeFormat(table.header),
    columns: inspectedColumns(table.header.columns, match, isErrorColumn),
    mappingFileProblems: missingInvoiceColumns(mappingFile, table.header.columns).map(
      (c) => `the mapping file names "${c}", which this file does not have`,
    ),
    missing: invoiceColumnGaps(match.mapping).map((m) => `no column for ${m}`),
    rows,
  };
}

export function formatInvoiceInspect(result: InvoiceInspectResult): string {
  const out: string[] = [];
  const shown = (text: string) => printable(capText(text));
  out.push(`File:    ${result.file}`);
  out.push(`Format:  ${result.format}`);
  const { firstColumn } = result.header;
  const from =
    firstColumn === undefined
      ? ""
      : `, table from column ${result.header.format === "xlsx" ? columnLetters(firstColumn) : firstColumn + 1}`;
  out.push(`Header:  ${positionName(result.header)} ${result.header.line}${from}`);
  out.push(
    result.detectedFrom === undefined
      ? "Read as: invoices (--invoices), as qonto-import invoices reads it"
      : `Read as: invoices, as qonto-import invoices reads it (its columns ${result.detectedFrom.map((c) => `"${c}"`).join(", ")} are an invoice's)`,
  );
  out.push("Columns:");
  const width = Math.max(...result.columns.map((c) => shown(c.column).length), 6);
  for (const c of result.columns)
    out.push(inspectedColumnLine(c, shown(c.column).padEnd(width), "no matching invoice field"));
  for (const p of result.mappingFileProblems) out.push(`Warning: ${p}`);
  out.push(
    result.missing.length === 0
      ? "Missing: nothing; invoices can be built from these columns"
      : `Missing: ${result.missing.join("; ")}`,
  );
  out.push(
    `First ${result.rows.length} row${result.rows.length === 1 ? "" : "s"} (one invoice line each; rows sharing a number form one invoice):`,
  );
  for (const row of result.rows) {
    const values = Object.entries(row.values).map(([f, v]) => `${f}=${JSON.stringify(capText(v))}`);
    out.push(
      `  record ${row.recordNo} (${positionName(result.header)} ${row.line}): ${values.length === 0 ? "(empty)" : values.join(", ")}`,
    );
  }
  // Every line is one line, made of the file's own text: escaped whole.
  return out.map(printable).join("\n");
}
