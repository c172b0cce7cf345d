// Every row-level problem the tool can report, declared once: the report's problem counts use these codes, and
// the README's table lists them (a test checks it does). Messages are for people, codes are for scripts.

export type Severity = "error" | "warning";

export const PROBLEMS = {
  row_too_few_fields: {
    severity: "error",
    hint: "The row has fewer fields than the header; check the delimiter and quotes.",
  },
  row_too_many_fields: {
    severity: "error",
    hint: "The row has more fields than the header; a delimiter inside a value must be quoted.",
  },
  encoding_invalid: {
    severity: "error",
    hint: "The row has bytes that are not valid in the file's encoding; save the file as UTF-8 or give --encoding.",
  },
  control_characters: {
    severity: "error",
    hint: "The value holds control characters (NUL, escape, backspace and the like: U+0000–U+001F other than tab and line breaks, U+007F–U+009F), which no text has; they come from a damaged export or a copy from a terminal. Remove them; the row is not sent until then.",
  },
  formula_without_value: {
    severity: "error",
    hint: "A formula in the row has no saved result (or its result is an error such as #N/A); open the file in Excel or LibreOffice, fix the formula and save it again.",
  },
  name_missing: {
    severity: "error",
    hint: "A company needs a name; a person needs a first and a last name.",
  },
  name_too_long: {
    severity: "error",
    hint: "Company names have at most 250 characters, first and last names at most 60.",
  },
  kind_invalid: {
    severity: "error",
    hint: "Use company, individual or freelancer (or their FR/IT/DE/ES words).",
  },
  kind_freelancer_not_allowed: {
    severity: "error",
    hint: "Qonto accepts freelancer clients only for Italian organizations (--org-country IT).",
  },
  email_invalid: { severity: "error", hint: "Write a single e-mail address such as name@example.com." },
  country_unknown: { severity: "error", hint: "Use an ISO country code (FR, IT) or a country name." },
  zip_invalid: {
    severity: "error",
    hint: "Italian zip codes have exactly 5 digits; other zip codes at most 20 characters.",
  },
  province_invalid: {
    severity: "error",
    hint: "Use a two-letter Italian province code such as MI, RM or TO.",
  },
  province_not_sent: {
    severity: "warning",
    hint: "Qonto takes a province only for Italian addresses (the contract's list of codes); the value is left out.",
  },
  field_not_sent: {
    severity: "warning",
    hint: "The value has no place in Qonto's client for this row (a company name on a person, a delivery country without a delivery address, a phone's extension or a second phone number, a title, suffix or nickname in a full name); it is left out.",
  },
  einvoicing_address_invalid: {
    severity: "error",
    hint: "Use one of the French formats: SIREN, SIREN_SIRET, SIREN_SIRET_routing-code or SIREN_suffix.",
  },
  recipient_code_invalid: {
    severity: "error",
    hint: "An Italian recipient (SDI) code has 7 letters or digits (6 for a public administration); 0000000 for PEC.",
  },
  vat_invalid: {
    severity: "error",
    hint: "A VAT number starts with its two-letter country prefix (the client's country gives it when the number has none), has at most 20 characters and, for EU states, Switzerland, the United Kingdom and Norway, its country's format; OSS numbers (EU…), prefixes that are no country and placeholders are refused.",
  },
  vat_check_digits: {
    severity: "error",
    hint: "The VAT number's check digits do not match: look for a typo, or check it on the EU's VIES service.",
  },
  vat_country_mismatch: {
    severity: "warning",
    hint: "The VAT number's country prefix differs from the client's country; check both.",
  },
  vat_not_checked: {
    severity: "warning",
    hint: "The VAT number is from a country outside the EU whose format we do not know (EU states, Switzerland, the United Kingdom and Norway are checked); it is sent as written.",
  },
  tax_id_invalid: {
    severity: "error",
    hint: "A tax identification number has at most 20 letters and digits, and its country's format where we know it (a codice fiscale's birth date must be a date); placeholders such as 12345678Z are refused.",
  },
  tax_id_check_digits: {
    severity: "error",
    hint: "The check digits of the SIREN, SIRET, codice fiscale, partita IVA or NIF do not match: look for a typo.",
  },
  field_too_long: { severity: "error", hint: "Shorten the value to the length Qonto accepts." },
  currency_invalid: { severity: "error", hint: "Use a three-letter ISO 4217 currency code such as EUR." },
  locale_invalid: { severity: "error", hint: "Use one of fr, en, it, de, es." },
  phone_invalid: {
    severity: "warning",
    hint: "Write the phone number with its country prefix, e.g. +33 1 23 45 67 89.",
  },
  not_invoiceable: {
    severity: "warning",
    hint: "Add street, city, zip code and country (and the province for Italian clients of an Italian organization) so the client can be invoiced; --require-invoiceable makes this an error.",
  },
  matches_several_clients: {
    severity: "error",
    hint: "The row matches more than one existing Qonto client; merge them in Qonto or fix the row.",
  },
  duplicate_in_file: {
    severity: "warning",
    hint: "The same client appears earlier in the file; only the first row is imported.",
  },
  possible_duplicate: {
    severity: "warning",
    hint: "The row shares a key with an earlier row or a Qonto client, but they differ where it counts (two e-mails, two VAT numbers, a person's namesake with nothing else in common), so it is imported as a client of its own; check it is not the same one.",
  },
  // Warnings: nothing is wrong with the file and nothing is left to fix, but a person should see which rows were
  // set aside (the row's outcome is ignored, which does not change the exit code).
  summary_row: {
    severity: "warning",
    hint: "A totals or subtotals line (Total, Sous-total, Totale, Summe, Subtotal, ...) without any identifier, e-mail, address or phone is not imported. A client really named so is imported when its row has one of them.",
  },
  repeated_header: {
    severity: "warning",
    hint: "The header repeated inside the data (exports print it on every page) is not imported.",
  },
  api_rejected: { severity: "error", hint: "Qonto refused the client; the message gives Qonto's reason." },
  api_rejected_before: {
    severity: "error",
    hint: "Qonto refused this invoice, as it is, in an earlier run (the message gives Qonto's reason); it is not sent again until its lines change: fix the row.",
  },
  api_failed: {
    severity: "error",
    hint: "The request could not be completed; run the import again to retry this row.",
  },
  not_attempted: {
    severity: "error",
    hint: "The run stopped before this row was sent; fix the cause and run the import again.",
  },
  plan_outdated: {
    severity: "warning",
    hint: "Qonto changed since the plan was made (a client appeared or went away); the row was not written. Plan again to see it afresh.",
  },
  invoice_field_missing: {
    severity: "error",
    hint: "An invoice needs an issue date, a due date and a payment IBAN; each line a title, a quantity, a unit price and a VAT rate.",
  },
  invoice_client_missing: {
    severity: "error",
    hint: "Give the invoice's client: its VAT number, tax identification number, e-mail or name.",
  },
  invoice_date_invalid: {
    severity: "error",
    hint: "Write dates as yyyy-mm-dd, dd/mm/yyyy or dd.mm.yyyy (four-digit years), or use date cells in XLSX.",
  },
  date_format_ambiguous: {
    severity: "error",
    hint: "The file's dates read both as day/month and as month/day; write them as yyyy-mm-dd or say which order the file uses.",
  },
  amount_invalid: {
    severity: "error",
    hint: "Write amounts and quantities as numbers such as 1234.50 or 1 234,50; 1,234 alone is refused as ambiguous.",
  },
  vat_rate_invalid: {
    severity: "error",
    hint: "Write the VAT rate as 20%, 20 or 0.2 (a number above 1 is a percent, 1 is 1 %, below 1 a fraction).",
  },
  iban_invalid: {
    severity: "error",
    hint: "The IBAN's length or check digits are wrong for its country; copy it again from the bank's details.",
  },
  invoice_currency_not_eur: {
    severity: "error",
    hint: "Qonto invoices are in EUR only; write amounts in euros.",
  },
  invoice_status_invalid: {
    severity: "error",
    hint: "An imported invoice's status is draft or unpaid (or their FR/IT/DE/ES words).",
  },
  invoice_due_before_issue: {
    severity: "error",
    hint: "The due date is before the issue date (Qonto refuses it); check both dates, and the file's day/month order.",
  },
  quantity_not_positive: {
    severity: "error",
    hint: "A line's quantity is above zero: a discount goes in the discount column, a refund in a credit note made in Qonto.",
  },
  unit_price_negative: {
    severity: "error",
    hint: "A line's unit price is zero or more: a discount goes in the discount column, a refund in a credit note made in Qonto.",
  },
  vat_rate_not_allowed: {
    severity: "error",
    hint: "Not a VAT rate of the organization's country (France 20, 13, 10, 8.5, 5.5, 2.1, 1.75, 1.05, 0.9, 0; Italy 22, 10, 5, 4, 0; Spain 21, 10, 5, 4, 0; Germany 19, 7, 0); check it, or allow it with --vat-rates.",
  },
  performance_period_invalid: {
    severity: "error",
    hint: "A performance period needs its start date when it has an end date, and the start on or before the end.",
  },
  invoice_rows_disagree: {
    severity: "error",
    hint: "Rows of one invoice give different values for an invoice-level column; make them equal or leave the later rows empty.",
  },
  invoice_number_duplicate_in_file: {
    severity: "error",
    hint: "An invoice's rows must be next to each other; the same number further down is a second invoice with that number. Sort the file or renumber.",
  },
  invoice_items_missing: {
    severity: "error",
    hint: "An invoice needs at least one line with a title, a quantity, a unit price and a VAT rate.",
  },
  italian_field_not_allowed: {
    severity: "error",
    hint: "E-invoicing report, stamp duty, welfare fund and withholding tax are for Italian organizations only (withholding tax also Spanish); remove the column.",
  },
  invoice_number_missing: {
    severity: "error",
    hint: "Give every invoice its number: it is what keeps an invoice from being created twice (Qonto refuses a number already used).",
  },
  invoice_client_unresolved: {
    severity: "error",
    hint: "No Qonto client has the invoice's client reference; import the client first (qonto-import clients), or give --clients-report with that run's report folder.",
  },
  invoice_client_ambiguous: {
    severity: "error",
    hint: "Several Qonto clients have the invoice's client reference; reference the client by its VAT number or tax id instead.",
  },
  invoice_client_pending: {
    severity: "warning",
    hint: "The invoice's client is not in Qonto yet, but the clients run given with --clients-report would create it; import the clients before the invoices.",
  },
  invoice_client_not_checked: {
    severity: "warning",
    hint: "A dry run without credentials cannot look the invoice's client up in Qonto; give credentials to check it.",
  },
  invoice_refused: {
    severity: "error",
    hint: "The line belongs to an invoice refused for a problem on another of its lines; fix that one.",
  },
  changed_since_import: {
    severity: "warning",
    hint: "Someone changed the client in Qonto after the import wrote it, so rollback leaves it alone; check it, and give --force to roll it back all the same (the later change is lost).",
  },
  client_has_invoices: {
    severity: "warning",
    hint: "An invoices run imported invoices for the client, and deleting a client cancels its recurring invoices; rollback does not delete it unless --force.",
  },
  previous_values_unknown: {
    severity: "error",
    hint: "The import's journal does not hold the values the update replaced (it was written by an older version): put them back by hand from the changes column of the import's results.csv.",
  },
  client_not_recognised: {
    severity: "error",
    hint: "The client in Qonto has none of the identifiers (VAT number, tax id, e-invoicing address, e-mail, name and zip code; or its name) that the run's journal recorded for it: it may not be the client the run wrote (an edited journal), so rollback leaves it alone, even with --force. Check it by hand.",
  },
  import_unfinished: {
    severity: "error",
    hint: "The import had this client's create on its way without an answer when it stopped, so the client may be in Qonto: finish the import (run it again), then roll it back.",
  },
} as const satisfies Record<string, { severity: Severity; hint: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

export interface Problem {
  code: ProblemCode;
  severity: Severity;
  /** Source column the problem comes from, when one does. */
  column?: string;
  message: string;
}

export function problem(code: ProblemCode, message: string, column?: string): Problem {
  const p: Problem = { code, severity: PROBLEMS[code].severity, message };
  if (column !== undefined) p.column = column;
  return p;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === "error");
}
