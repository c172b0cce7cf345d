// The columns an invoices file must have: an invoice is refused without them anyway, and one message says it
// better than the same problem on every invoice. Shared by the import and by inspect.
import type { InvoiceColumnMapping, InvoiceField } from "./aliases.js";

const REQUIRED_COLUMNS: readonly (InvoiceField | InvoiceField[])[] = [
  "number",
  ["client_vat_number", "client_tax_id", "client_email", "client_name"],
  "issue_date",
  "due_date",
  "title",
  "quantity",
  "unit_price",
  "vat_rate",
];

/** What the mapping lacks, as "issue date" or "client vat number or client email": empty when nothing. */
export function invoiceColumnGaps(mapping: InvoiceColumnMapping): string[] {
  return REQUIRED_COLUMNS.flatMap((need) => {
    const fields = Array.isArray(need) ? need : [need];
    if (fields.some((f) => mapping[f] !== undefined)) return [];
    // A grouping column stands for the number: the rows it groups form one invoice.
    if (need === "number" && mapping.group !== undefined) return [];
    return [fields.map((f) => f.replace(/_/g, " ")).join(" or ")];
  });
}
