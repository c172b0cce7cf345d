// Telling an invoices file from a clients file by its columns, so that `clients` refuses an invoices file (it would
// make one client per invoice line) and `inspect` shows an invoices file as the invoices command reads it.
import { WrongCommandError } from "../errors.js";
import type { SourceField } from "../map/aliases.js";
import { matchHeader, type ColumnMapping } from "../map/header.js";
import { matchInvoiceHeader, type InvoiceField } from "./aliases.js";

// Fields only a clients file has: one of them mapped and the file is a clients file, whatever else it has.
const CLIENT_ONLY: readonly SourceField[] = [
  "address",
  "address2",
  "address3",
  "zip_code",
  "city",
  "province_code",
  "delivery_address",
  "delivery_zip_code",
  "delivery_city",
  "delivery_province_code",
  "delivery_country",
  "phone",
  "extra_emails",
  "e_invoicing_address",
  "recipient_code",
];
const INVOICE_KEY: readonly InvoiceField[] = ["number", "group"];
const LINE_AMOUNT: readonly InvoiceField[] = ["unit_price", "quantity"];

/**
 * The invoice-only columns that make a file an invoices file (an invoice number and a unit price or quantity, in
 * columns the clients mapping does not claim, and no client-only column such as an address or a phone), or
 * undefined when it is not one. "VAT" or "Date" alone never decide: a clients file has them too.
 */
export function invoiceEvidence(
  columns: readonly string[],
  clientMapping: ColumnMapping = matchHeader(columns).mapping,
): string[] | undefined {
  if (CLIENT_ONLY.some((f) => clientMapping[f] !== undefined)) return undefined;
  const claimed = new Set(Object.values(clientMapping));
  const invoice = matchInvoiceHeader(columns).mapping;
  const free = (fields: readonly InvoiceField[]) =>
    fields.map((f) => invoice[f]).filter((c): c is string => c !== undefined && !claimed.has(c));
  const key = free(INVOICE_KEY);
  const amount = free(LINE_AMOUNT);
  if (key.length === 0 || amount.length === 0) return undefined;
  return [...key, ...amount, ...free(["issue_date", "due_date", "vat_rate"])];
}

/** Refuses an invoices file given to the clients command, naming the command that imports it. */
export function refuseInvoicesFile(
  file: string,
  columns: readonly string[],
  clientMapping: ColumnMapping,
): void {
  const evidence = invoiceEvidence(columns, clientMapping);
  if (evidence === undefined) return;
  throw new WrongCommandError(
    file,
    `${file} looks like an invoices file (columns ${evidence.map((c) => `"${c}"`).join(", ")}), not clients: nothing was sent; to import its invoices, run qonto-import invoices ${shellWord(file)}`,
  );
}

/** A path as a shell would take it back from a pasted command. */
function shellWord(path: string): string {
  return /^[\w./:@+,=-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`;
}
