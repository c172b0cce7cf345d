import type { ColumnMapping } from "../map/header.js";
import type { SourceRow } from "../parse/source-row.js";

/** What a person needs to recognise a row in the report without the input file. */
export interface RowLabel {
  name: string;
  vat: string;
  email: string;
}

/**
 * The label of a row that could not be normalized: the raw values of the columns the header mapping gave to the
 * name, VAT number and e-mail, trimmed. Never guessed from other cells: a kind word ("Particulier") or a city is
 * no name, and a VAT number must be there for a search to find its row.
 */
export function rawRowLabel(row: SourceRow, mapping: ColumnMapping): RowLabel {
  const cell = (field: keyof ColumnMapping): string => {
    const column = mapping[field];
    const raw = column === undefined ? "" : (row.fields[column] ?? "");
    return raw.replace(/\s+/g, " ").trim();
  };
  const person = [cell("first_name"), cell("last_name")].filter((v) => v !== "").join(" ");
  // A company name first, as a valid row's label; else the person, as one cell or as first and last names.
  const name = cell("name") || cell("full_name") || person;
  return { name, vat: cell("vat_number"), email: cell("email") };
}
