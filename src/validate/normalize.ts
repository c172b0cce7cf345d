import type { SourceField } from "../map/aliases.js";
import type { ColumnMapping } from "../map/header.js";
import type { SourceRow } from "../parse/source-row.js";
import { hasErrors, problem, type Problem, type ProblemCode } from "../problems.js";
import { controlCharactersMessage, hasControlCharacters } from "./control.js";
import { normalizeCountry } from "./countries.js";
import { readEmails } from "./emails.js";
import { checkEinvoicingAddress, checkRecipientCode } from "./einvoicing.js";
import { checkTaxId, checkVat, compactIdentifier, vatCountry } from "./identifiers.js";
import { droppedNote, readFullName } from "./names.js";
import { readPhone, type Phone } from "./phones.js";
import {
  ClientCreatePayloadSchema,
  type ClientCreatePayload,
  type ClientKind,
  type Locale,
} from "./schema.js";
import { invoiceGaps, normalizeAddress } from "./address.js";
import { CURRENCIES, kindOf, LOCALE_BY_COUNTRY, localeOf } from "./field-values.js";
import { rawRowLabel, type RowLabel } from "./row-label.js";
import { originOf, schemaProblems, type PayloadPath } from "./schema-problems.js";

export { invoiceGaps } from "./address.js";

// Whitespace other than single spaces: tabs, line breaks, runs of spaces, all read as one space.
const MESSY_SPACE = /[^\S ]|  /;

export interface NormalizeDefaults {
  /** Country of the Qonto organization: freelancer clients exist only for Italian ones. */
  orgCountry: string;
  currency: string;
  /** Country for rows without one; undefined leaves such rows without a country. */
  defaultCountry?: string;
  /** A mapping file's constants: the value of a field for rows that have none. */
  constants?: Partial<Record<SourceField, string>>;
  /** A client Qonto could not invoice (no full billing address) is an error, not a warning. */
  requireInvoiceable?: boolean;
  /** Every warning is an error: nothing is sent with a value dropped or doubted. */
  strict?: boolean;
}

export type NormalizedRow =
  | { ok: true; payload: ClientCreatePayload; problems: Problem[] }
  // label: the mapped name, VAT number and e-mail cells, so the report names a row that has no payload.
  | { ok: false; problems: Problem[]; label?: RowLabel };

/**
 * Turns one source row into a create payload, or into the problems that stop it. Pure: never throws for
 * bad data, never touches the network.
 */
export function normalizeRow(
  row: SourceRow,
  mapping: ColumnMapping,
  defaults: NormalizeDefaults,
): NormalizedRow {
  // A reader's problem in a column the import does not use (a formula without a value in a "Total" column) is no
  // reason to refuse the row.
  const used = row.problems.length === 0 ? undefined : new Set(Object.values(mapping));
  const problems: Problem[] = row.problems.filter((p) => p.column === undefined || used?.has(p.column));
  // Each mapped cell is cleaned once per row: normalization asks for some fields several times.
  // A Map: an object given a score of keys in turn, row after row, costs more in its keyed stores than the work.
  const cleaned = new Map<keyof ColumnMapping, string>();
  // Every value read goes through cell(): a control character in any of them refuses the row, once per column.
  let flagged: Set<string | undefined> | undefined;
  const cell = (field: keyof ColumnMapping): string => {
    let value = cleaned.get(field);
    if (value === undefined) {
      let column = mapping[field];
      const raw = column === undefined ? "" : (row.fields[column] ?? "");
      value = raw === "" ? raw : MESSY_SPACE.test(raw) ? raw.replace(/\s+/g, " ").trim() : raw.trim();
      if (value === "") {
        value = defaults.constants === undefined ? "" : (defaults.constants[field] ?? "").trim();
        column = undefined; // a mapping file's constant
      }
      cleaned.set(field, value);
      if (value !== "" && hasControlCharacters(value)) {
        flagged ??= new Set();
        if (!flagged.has(column ?? field)) {
          flagged.add(column ?? field);
          problems.push(problem("control_characters", controlCharactersMessage(value), column));
        }
      }
    }
    return value;
  };
  // Which source column produced each payload path, so schema issues name the column the user must fix.
  // Names split from one cell come from that cell's column; every other path's column follows from the mapping.
  const splitFrom: Partial<Record<PayloadPath, string | undefined>> = {};

  const companyName = cell("name");
  const fullName = cell("full_name");
  let firstName = cell("first_name");
  let lastName = cell("last_name");
  const vat = compactIdentifier(cell("vat_number"));

  // Without a kind column: a company name or a VAT number makes a company, unless the row names a person
  // and no company (a sole trader's VAT number must not turn "Jean Dupont" into a company without a name).
  // A file with no person-name column at all holds companies, even on a row whose company name is blank.
  const namesPerson = firstName !== "" || lastName !== "" || fullName !== "";
  const personColumns =
    mapping.first_name !== undefined || mapping.last_name !== undefined || mapping.full_name !== undefined;
  const guessed: ClientKind =
    companyName !== "" || (vat !== "" && !namesPerson) || !personColumns ? "company" : "individual";
  let kind: ClientKind = guessed;
  const kindCell = cell("kind");
  if (kindCell !== "") {
    const named = kindOf(kindCell);
    // An unknown kind is reported once; the guess keeps the rest of the row checked without follow-on noise.
    if (named === undefined)
      problems.push(problem("kind_invalid", `"${kindCell}" is not a client kind`, mapping.kind));
    else kind = named;
  }
  if (kind === "freelancer" && defaults.orgCountry !== "IT") {
    problems.push(
      problem(
        "kind_freelancer_not_allowed",
        `freelancer clients are accepted only for Italian organizations (organization country: ${defaults.orgCountry})`,
        mapping.kind,
      ),
    );
  }

  if (kind !== "company" && (firstName === "" || lastName === "")) {
    // A person's name may come as one cell: the full-name column, or the name column of a person row.
    const whole = fullName !== "" ? fullName : companyName;
    const wholeColumn = fullName !== "" ? mapping.full_name : mapping.name;
    const read = whole !== "" ? readFullName(whole) : undefined;
    const split = read?.name;
    // Titles, suffixes and nicknames are left out of the names; the row says so and is still imported.
    if (read !== undefined && read.dropped.length > 0)
      problems.push(problem("field_not_sent", droppedNote(whole, read.dropped), wholeColumn));
    if (split !== undefined) {
      if (firstName === "") {
        firstName = split.first_name;
        splitFrom.first_name = wholeColumn;
      }
      if (lastName === "") {
        lastName = split.last_name;
        splitFrom.last_name = wholeColumn;
      }
    }
  }

  const countryCell = cell("country");
  let country: string | undefined = defaults.defaultCountry;
  if (countryCell !== "") {
    country = normalizeCountry(countryCell);
    if (country === undefined)
      problems.push(problem("country_unknown", `"${countryCell}" is not a country we know`, mapping.country));
  }

  const billing = normalizeAddress(
    {
      street: [cell("address"), cell("address2"), cell("address3")].filter((s) => s !== "").join(", "),
      zip: cell("zip_code"),
      city: cell("city"),
      province: cell("province_code"),
      country,
    },
    { street: mapping.address, zip: mapping.zip_code, city: mapping.city, province: mapping.province_code },
    problems,
  );

  const deliveryCountryCell = cell("delivery_country");
  let deliveryCountry = country;
  if (deliveryCountryCell !== "") {
    deliveryCountry = normalizeCountry(deliveryCountryCell);
    if (deliveryCountry === undefined)
      problems.push(
        problem(
          "country_unknown",
          `"${deliveryCountryCell}" is not a country we know`,
          mapping.delivery_country,
        ),
      );
  }
  const hasDelivery = ["delivery_address", "delivery_zip_code", "delivery_city"].some(
    (f) => cell(f as keyof ColumnMapping) !== "",
  );
  if (!hasDelivery && deliveryCountryCell !== "")
    problems.push(
      problem(
        "field_not_sent",
        `the delivery country "${deliveryCountryCell}" is not sent: there is no delivery address with it`,
        mapping.delivery_country,
      ),
    );
  const delivery = hasDelivery
    ? normalizeAddress(
        {
          street: cell("delivery_address"),
          zip: cell("delivery_zip_code"),
          city: cell("delivery_city"),
          province: cell("delivery_province_code"),
          country: deliveryCountry,
        },
        {
          street: mapping.delivery_address,
          zip: mapping.delivery_zip_code,
          city: mapping.delivery_city,
          province: mapping.delivery_province_code,
        },
        problems,
      )
    : undefined;

  // An e-mail cell may hold several addresses: the first is the client's e-mail, the others join the extra
  // e-mails (recipients that do not appear on the invoice), as does an extra e-mails column.
  const emails = readEmails(cell("email"));
  const otherEmails = readEmails(cell("extra_emails"));
  for (const p of emails.problems) problems.push(problem(p.code, p.message, mapping.email));
  for (const p of otherEmails.problems) problems.push(problem(p.code, p.message, mapping.extra_emails));
  const [email = "", ...moreEmails] = emails.addresses;
  const extraEmails = [...new Set([...moreEmails, ...otherEmails.addresses])].filter((e) => e !== email);

  const phoneCell = cell("phone");
  let phone: Phone | undefined;
  if (phoneCell !== "") {
    const reading = readPhone(phoneCell, country, defaults.orgCountry);
    phone = reading.phone;
    for (const p of reading.problems) problems.push(problem(p.code, p.message, mapping.phone));
  }

  let vatNumber = vat;
  if (vat !== "") {
    const check = checkVat(cell("vat_number"), country);
    if (!check.ok) {
      problems.push(problem(check.code, check.message, mapping.vat_number));
      vatNumber = ""; // reported once, not again by the schema
    } else {
      vatNumber = check.value;
      if (check.warning !== undefined)
        problems.push(problem(check.warning.code, check.warning.message, mapping.vat_number));
    }
  }
  let taxId = "";
  const taxIdCell = cell("tax_identification_number");
  if (taxIdCell !== "") {
    // The client's country says which national format applies; failing that, its VAT number's.
    const check = checkTaxId(taxIdCell, country ?? (vatNumber !== "" ? vatCountry(vatNumber) : undefined));
    if (!check.ok) problems.push(problem(check.code, check.message, mapping.tax_identification_number));
    else taxId = check.value;
  }

  let currency = (cell("currency") || defaults.currency).toUpperCase();
  if (!CURRENCIES.has(currency)) {
    problems.push(
      problem(
        "currency_invalid",
        `"${cell("currency")}" is not an ISO 4217 currency code such as EUR`,
        mapping.currency,
      ),
    );
    currency = ""; // reported once, not again by the schema
  }
  const localeCell = cell("locale");
  let locale: Locale | undefined = LOCALE_BY_COUNTRY[country ?? ""] ?? "en";
  if (localeCell !== "") {
    locale = localeOf(localeCell);
    if (locale === undefined)
      problems.push(
        problem("locale_invalid", `"${localeCell}" is not one of fr, en, it, de, es`, mapping.locale),
      );
  }

  const checked = (field: "e_invoicing_address" | "recipient_code", code: ProblemCode) => {
    const value = cell(field);
    if (value === "") return "";
    // The contract: e-invoicing addresses are "specifically for French organizations", recipient codes "only
    // for Italian clients". Qonto would refuse the whole client for a value it cannot use.
    const outOfScope =
      field === "e_invoicing_address"
        ? defaults.orgCountry !== "FR" &&
          `an e-invoicing address is for French organizations only (organization country: ${defaults.orgCountry})`
        : country !== "IT" &&
          `a recipient code is for Italian clients only (client country: ${country ?? "none"})`;
    if (outOfScope !== false) {
      problems.push(problem("field_not_sent", `"${value}" is not sent: ${outOfScope}`, mapping[field]));
      return "";
    }
    const check = field === "e_invoicing_address" ? checkEinvoicingAddress(value) : checkRecipientCode(value);
    if (check.ok) return check.value;
    problems.push(problem(code, check.message, mapping[field]));
    return "";
  };
  const einvoicingAddress = checked("e_invoicing_address", "einvoicing_address_invalid");
  const recipientCode = checked("recipient_code", "recipient_code_invalid");

  const candidate: Record<string, unknown> = { kind };
  if (kind === "company") {
    candidate.name = companyName;
    // A contact person's names on a company row are sent too (the contract allows them).
    if (firstName !== "") candidate.first_name = firstName;
    if (lastName !== "") candidate.last_name = lastName;
  } else {
    candidate.first_name = firstName;
    candidate.last_name = lastName;
    if (companyName !== "" && fullName === "" && cell("first_name") !== "" && cell("last_name") !== "")
      problems.push(
        problem("field_not_sent", `the company name "${companyName}" is not sent for a person`, mapping.name),
      );
  }
  const optional: [string, unknown][] = [
    ["email", email],
    ["extra_emails", extraEmails.length > 0 ? extraEmails : undefined],
    ["phone", phone],
    ["vat_number", vatNumber],
    ["tax_identification_number", taxId],
    ["e_invoicing_address", einvoicingAddress],
    ["recipient_code", recipientCode],
    ["currency", currency],
    ["locale", locale],
    ["billing_address", billing],
    ["delivery_address", delivery],
  ];
  for (const [key, value] of optional) if (value !== undefined && value !== "") candidate[key] = value;

  const parsed = ClientCreatePayloadSchema.safeParse(candidate);
  if (!parsed.success) {
    const columnOf = (path: PayloadPath) =>
      path in splitFrom ? splitFrom[path] : originOf(mapping).get(path);
    problems.push(...schemaProblems(parsed.error, columnOf, candidate));
  }
  if (parsed.success) {
    const missing = invoiceGaps(parsed.data, defaults.orgCountry);
    if (missing.length > 0) {
      const p = problem(
        "not_invoiceable",
        `Qonto can create this client but not invoice it: no ${missing.join(", ")} in the billing address`,
      );
      problems.push(defaults.requireInvoiceable === true ? { ...p, severity: "error" } : p);
    }
  }
  const final =
    defaults.strict === true ? problems.map((p) => ({ ...p, severity: "error" as const })) : problems;
  if (!parsed.success || hasErrors(final))
    return { ok: false, problems: final, label: rawRowLabel(row, mapping) };
  return { ok: true, payload: parsed.data, problems: final };
}
