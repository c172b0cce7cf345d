// `invoices --map mapping.json`: what the invoice aliases cannot guess, as `clients --map` does for clients.
//   columns  source column -> invoice field, or null to ignore the column
//   ignore   source columns to leave out even when an alias matches them
// No constants: the invoices command has flags for the values an invoice may lack (--payment-iban, --status).
import { z } from "zod";
import { matchColumns } from "../map/header.js";
import { readMappingJson } from "../map/mapping-file.js";
import { InputFileError } from "../errors.js";
import { INVOICE_FIELDS, invoiceFieldOf, type InvoiceField, type InvoiceHeaderMatch } from "./aliases.js";

const FIELD_NAMES = Object.keys(INVOICE_FIELDS) as [InvoiceField, ...InvoiceField[]];
const Field = z.enum(FIELD_NAMES);

const InvoiceMappingSchema = z.strictObject({
  columns: z.record(z.string().min(1), Field.nullable()).default({}),
  ignore: z.array(z.string().min(1)).default([]),
});

export type InvoiceMappingFile = z.infer<typeof InvoiceMappingSchema>;

export const EMPTY_INVOICE_MAPPING: InvoiceMappingFile = { columns: {}, ignore: [] };

/** Reads and checks an invoices mapping file; every problem is one line naming the file and the entry. */
export async function loadInvoiceMappingFile(path: string): Promise<InvoiceMappingFile> {
  const json = await readMappingJson(path);
  const parsed = InvoiceMappingSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.map(String).join(".") : "the file";
  let detail = issue?.message ?? "invalid";
  if (issue?.code === "invalid_value" || issue?.code === "invalid_key")
    detail = `unknown invoice field; fields are: ${FIELD_NAMES.join(", ")}`;
  else if (issue?.code === "unrecognized_keys")
    detail = `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(", ")}; an invoices mapping file takes "columns" and "ignore"`;
  throw new InputFileError(path, `${where}: ${detail}`);
}

/** The header names a mapping file gives: they help find the header row below title rows. */
export function invoiceMappingNames(mapping: InvoiceMappingFile): string[] {
  return [...Object.keys(mapping.columns), ...mapping.ignore];
}

/** Columns the mapping file names that the input file does not have: a typo to report, not to ignore. */
export function missingInvoiceColumns(mapping: InvoiceMappingFile, columns: readonly string[]): string[] {
  const present = new Set(columns);
  return invoiceMappingNames(mapping).filter((c) => !present.has(c));
}

/**
 * As matchInvoiceHeader, a mapping file's columns first: a field it assigns is not taken again by an alias, and the
 * columns it ignores feed nothing (listed as ignored, not as unmapped).
 */
export function matchInvoiceHeaderWith(
  columns: readonly string[],
  explicit: InvoiceMappingFile,
): InvoiceHeaderMatch & { ignored: string[] } {
  return matchColumns(columns, explicit, invoiceFieldOf);
}
