// One invoice (a group of rows, see group.ts) → a create payload without client_id, the reference that will
// find its client, and problems; or the problems that stop it. Pure: never throws for bad data, no network.

import { foldHeader } from "../map/aliases.js";
import type { SourceRow } from "../parse/source-row.js";
import { PROBLEMS, type ProblemCode } from "../problems.js";
import { controlCharactersMessage, hasControlCharacters } from "../validate/control.js";
import { compactIdentifier } from "../validate/identifiers.js";
import type { InvoiceColumnMapping, InvoiceLevelField, ItemField } from "./aliases.js";
import { cleanCell, invoiceProblem, type InvoiceGroup, type InvoiceProblem } from "./group.js";
import { invoicePayloadSchema, type InvoicePayload } from "./schema.js";
import {
  checkIban,
  detectDateFormat,
  parseAmount,
  parseDate,
  parseDiscount,
  parseVatRate,
  quantityProblem,
  unitPriceProblem,
  type DateDetection,
  type DateFormat,
} from "./values.js";
import { allowedVatRates, checkVatRate, type AllowedVatRates } from "./vat-rates.js";
import { memoize } from "../validate/memo.js";

// Cells as read, remembered per distinct cell (an invoice file repeats its prices, rates and dates on thousands of
// lines): the results are shared, never changed here.
const CELLS = 10_000;
const quantityOf = memoize((cell) => parseAmount(cell), CELLS);
const priceOf = memoize((cell) => parseAmount(cell, { minDecimals: 2 }), CELLS);
const vatRateOf = memoize(parseVatRate, CELLS);
const discountOf = memoize(parseDiscount, CELLS);
const ibanOf = memoize(checkIban, CELLS);
const dateOf = {
  dmy: memoize((cell) => parseDate(cell, "dmy"), CELLS),
  mdy: memoize((cell) => parseDate(cell, "mdy"), CELLS),
};

const RATES = new Map<string, AllowedVatRates | undefined>();

/** The organization's VAT rates, built once per organization and --vat-rates list. */
function vatRatesOf(country: string, extra: readonly string[] = []): AllowedVatRates | undefined {
  const key = [country, ...extra].join("\u0000");
  if (!RATES.has(key)) RATES.set(key, allowedVatRates(country, extra));
  return RATES.get(key);
}

export interface InvoiceDefaults {
  /** Country of the Qonto organization: Italian-only fields are refused for any other. */
  orgCountry: string;
  /** The file's day/month order (detectInvoiceDateFormat), or "ambiguous": then a date that depends on it is refused. */
  dateFormat: DateFormat | "ambiguous";
  /** Status for invoices without one; the contract's default is unpaid. */
  status?: "draft" | "unpaid";
  /** IBAN for invoices without one (the contract requires payment_methods.iban). */
  paymentIban?: string;
  /** Every warning is an error. */
  strict?: boolean;
  /**
   * Whether an invoice must have its number (default true): the number is what makes a create safe to repeat.
   * Only an organization with automatic numbering could do without.
   */
  requireNumber?: boolean;
  /** VAT rates (fractions) allowed on top of the organization country's (--vat-rates). */
  extraVatRates?: readonly string[];
}

/** How the invoice's client will be found: the first non-empty of these decides, in this order. */
export interface ClientRef {
  vat_number?: string;
  tax_identification_number?: string;
  email?: string;
  name?: string;
}

export type NormalizedInvoice =
  | { ok: true; payload: InvoicePayload; clientRef: ClientRef; problems: InvoiceProblem[] }
  | { ok: false; problems: InvoiceProblem[] };

const TEXT_ITEM_FIELDS = ["description", "unit", "vat_exemption_reason"] as const;
const DATE_FIELDS = ["issue_date", "due_date", "performance_start_date", "performance_end_date"] as const;

/** The day/month order of a file, from every date cell of its rows (all of them: never row by row). */
export function detectInvoiceDateFormat(
  rows: Iterable<SourceRow>,
  mapping: InvoiceColumnMapping,
): DateDetection {
  const samples: string[] = [];
  for (const row of rows)
    for (const field of DATE_FIELDS) {
      const column = mapping[field];
      if (column !== undefined) samples.push(cleanCell(row.fields[column]));
    }
  return detectDateFormat(samples);
}

const STATUS_WORDS: Record<string, "draft" | "unpaid"> = {};
for (const [status, words] of [
  ["draft", ["draft", "brouillon", "bozza", "entwurf", "borrador"]],
  [
    "unpaid",
    [
      "unpaid",
      "impayee",
      "impaye",
      "non payee",
      "a payer",
      "non pagata",
      "da pagare",
      "unbezahlt",
      "offen",
      "pendiente",
      "impagada",
      "no pagada",
    ],
  ],
] as const)
  for (const w of words) STATUS_WORDS[w] = status;

const YES = new Set(["true", "yes", "y", "1", "oui", "si", "ja", "vero", "x"]);
const NO = new Set(["false", "no", "n", "0", "non", "nein", "falso"]);

const FIELD_CODES: Record<string, ProblemCode> = {
  issue_date: "invoice_date_invalid",
  due_date: "invoice_date_invalid",
  performance_start_date: "performance_period_invalid",
  performance_end_date: "performance_period_invalid",
  currency: "invoice_currency_not_eur",
  iban: "iban_invalid",
  status: "invoice_status_invalid",
  items: "invoice_items_missing",
  quantity: "amount_invalid",
  value: "amount_invalid",
  vat_rate: "vat_rate_invalid",
  title: "invoice_field_missing",
  report_einvoicing: "italian_field_not_allowed",
  welfare_fund: "italian_field_not_allowed",
  withholding_tax: "italian_field_not_allowed",
  stamp_duty_amount: "italian_field_not_allowed",
  payment_reporting: "italian_field_not_allowed",
};

export function normalizeInvoice(
  group: InvoiceGroup,
  mapping: InvoiceColumnMapping,
  defaults: InvoiceDefaults,
): NormalizedInvoice {
  const firstRecord = group.rows[0]?.recordNo ?? 0;
  const vatRates = vatRatesOf(defaults.orgCountry, defaults.extraVatRates);
  const problems: InvoiceProblem[] = [...group.problems];
  // Reader problems (bad encoding, too few fields) in the columns the import uses.
  const used = new Set(Object.values(mapping));
  for (const row of group.rows)
    for (const p of row.problems)
      if (p.column === undefined || used.has(p.column)) problems.push({ ...p, recordNo: row.recordNo });
  // Every value sent comes from a mapped column: one with a control character refuses the invoice.
  for (const row of group.rows)
    for (const column of used) {
      const raw = column === undefined ? undefined : row.fields[column];
      if (raw !== undefined && hasControlCharacters(raw))
        problems.push(
          invoiceProblem("control_characters", controlCharactersMessage(raw), row.recordNo, column),
        );
    }

  const value = (field: InvoiceLevelField) => group.values[field];
  const report = (
    code: ProblemCode,
    message: string,
    field: InvoiceLevelField | ItemField,
    recordNo = firstRecord,
  ) => problems.push(invoiceProblem(code, message, recordNo, mapping[field]));

  const date = (field: (typeof DATE_FIELDS)[number]): string | undefined => {
    const cell = value(field);
    if (cell === undefined) return undefined;
    if (defaults.dateFormat === "ambiguous" && dependsOnOrder(cell.value)) {
      report(
        "date_format_ambiguous",
        `"${cell.value}" reads both as day/month and as month/day in this file`,
        field,
        cell.recordNo,
      );
      return undefined;
    }
    const parsed = dateOf[defaults.dateFormat === "ambiguous" ? "dmy" : defaults.dateFormat](cell.value);
    if (parsed.ok) return parsed.value;
    report("invoice_date_invalid", parsed.message, field, cell.recordNo);
    return undefined;
  };
  const issueDate = date("issue_date");
  const dueDate = date("due_date");
  const startDate = date("performance_start_date");
  const endDate = date("performance_end_date");
  if (value("issue_date") === undefined)
    report("invoice_field_missing", "the invoice has no issue date", "issue_date");
  if (value("due_date") === undefined)
    report("invoice_field_missing", "the invoice has no due date", "due_date");
  if (value("number") === undefined && defaults.requireNumber !== false)
    report("invoice_number_missing", "the invoice has no number", "number");

  const currencyCell = value("currency");
  if (currencyCell !== undefined && !isEuro(currencyCell.value))
    report(
      "invoice_currency_not_eur",
      `"${currencyCell.value}": Qonto invoices are in EUR only`,
      "currency",
      currencyCell.recordNo,
    );

  let status = defaults.status;
  const statusCell = value("status");
  if (statusCell !== undefined) {
    status = STATUS_WORDS[foldHeader(statusCell.value)];
    if (status === undefined)
      report(
        "invoice_status_invalid",
        `"${statusCell.value}" is not draft or unpaid`,
        "status",
        statusCell.recordNo,
      );
  }

  let iban: string | undefined;
  const ibanCell = value("payment_iban");
  const ibanText = ibanCell?.value ?? defaults.paymentIban;
  if (ibanText === undefined || ibanText.trim() === "")
    report(
      "invoice_field_missing",
      "the invoice has no payment IBAN (a column, or a default IBAN)",
      "payment_iban",
    );
  else {
    const checked = ibanOf(ibanText);
    if (checked.ok) iban = checked.value;
    else report("iban_invalid", checked.message, "payment_iban", ibanCell?.recordNo);
  }

  const clientRef: ClientRef = {};
  const vat = value("client_vat_number");
  if (vat !== undefined) clientRef.vat_number = compactIdentifier(vat.value);
  const taxId = value("client_tax_id");
  if (taxId !== undefined) clientRef.tax_identification_number = compactIdentifier(taxId.value);
  const email = value("client_email");
  if (email !== undefined) clientRef.email = email.value.toLowerCase();
  const name = value("client_name");
  if (name !== undefined) clientRef.name = name.value;
  if (Object.keys(clientRef).length === 0)
    problems.push(
      invoiceProblem(
        "invoice_client_missing",
        "the invoice names no client (VAT number, tax id, e-mail or name)",
        firstRecord,
        mapping.client_vat_number ?? mapping.client_tax_id ?? mapping.client_email ?? mapping.client_name,
      ),
    );

  // Italian-only fields.
  const italian: Partial<InvoicePayload> = {};
  const italianFields = [
    "report_einvoicing",
    "stamp_duty_amount",
    "withholding_tax_rate",
    "welfare_fund_rate",
  ] as const;
  for (const field of italianFields) {
    const cell = value(field);
    if (cell === undefined) continue;
    const allowed =
      defaults.orgCountry === "IT" || (field === "withholding_tax_rate" && defaults.orgCountry === "ES");
    if (!allowed) {
      report(
        "italian_field_not_allowed",
        `"${cell.value}" is not sent: ${mapping[field]} is for Italian organizations only (organization country: ${defaults.orgCountry})`,
        field,
        cell.recordNo,
      );
      continue;
    }
    if (field === "report_einvoicing") {
      const word = foldHeader(cell.value);
      if (YES.has(word)) italian.report_einvoicing = true;
      else if (NO.has(word)) italian.report_einvoicing = false;
      else report("invoice_field_missing", `"${cell.value}" is not yes or no`, field, cell.recordNo);
    } else if (field === "stamp_duty_amount") {
      const amount = parseAmount(cell.value, { minDecimals: 2 });
      if (amount.ok) italian.stamp_duty_amount = amount.value.value;
      else report("amount_invalid", amount.message, field, cell.recordNo);
    } else if (field === "welfare_fund_rate") {
      // The contract's welfare fund is a type (TC01 to TC22) and a rate: one cell holds both, "TC22 4 %".
      const m = /^(TC\d{2})\b[\s:;,/-]*(.+)$/i.exec(cell.value.trim());
      const type = m?.[1]?.toUpperCase();
      const rate = parseVatRate(m?.[2] ?? "");
      if (m === null || type === undefined || !/^TC(0[1-9]|1\d|2[0-2])$/.test(type))
        report(
          "invoice_field_missing",
          `"${cell.value}": the welfare fund needs its type (TC01 to TC22) before its rate, e.g. "TC22 4 %"`,
          field,
          cell.recordNo,
        );
      else if (!rate.ok) report("vat_rate_invalid", rate.message, field, cell.recordNo);
      else italian.welfare_fund = { type, rate: rate.value };
    } else {
      const rate = parseVatRate(cell.value);
      if (!rate.ok) report("vat_rate_invalid", rate.message, field, cell.recordNo);
      else italian.withholding_tax = { rate: rate.value };
    }
  }

  // Items: one per row.
  const items: Record<string, unknown>[] = [];
  for (const row of group.rows) {
    const cell = (field: ItemField) => {
      const column = mapping[field];
      return column === undefined ? "" : cleanCell(row.fields[column]);
    };
    const at = (code: ProblemCode, message: string, field: ItemField) =>
      report(code, message, field, row.recordNo);
    const item: Record<string, unknown> = {};
    const title = cell("title");
    if (title === "") at("invoice_field_missing", "the line has no title", "title");
    else item.title = title;
    for (const field of TEXT_ITEM_FIELDS) {
      const v = cell(field);
      if (v !== "") item[field] = field === "vat_exemption_reason" ? v.toUpperCase() : v;
    }
    const quantityCell = cell("quantity");
    if (quantityCell === "") at("invoice_field_missing", "the line has no quantity", "quantity");
    else {
      const q = quantityOf(quantityCell);
      if (!q.ok || q.value.currency !== undefined)
        at("amount_invalid", q.ok ? `"${quantityCell}" is a quantity, not an amount` : q.message, "quantity");
      else {
        const refused = quantityProblem(q.value.value);
        if (refused === undefined) item.quantity = q.value.value;
        else at("quantity_not_positive", refused, "quantity");
      }
    }
    const priceCell = cell("unit_price");
    if (priceCell === "") at("invoice_field_missing", "the line has no unit price", "unit_price");
    else {
      const p = priceOf(priceCell);
      if (!p.ok) at("amount_invalid", p.message, "unit_price");
      else if (p.value.currency !== undefined && p.value.currency !== "EUR")
        at("invoice_currency_not_eur", `"${priceCell}": Qonto invoices are in EUR only`, "unit_price");
      else {
        const refused = unitPriceProblem(p.value.value);
        if (refused === undefined) item.unit_price = { value: p.value.value, currency: "EUR" };
        else at("unit_price_negative", refused, "unit_price");
      }
    }
    const rateCell = cell("vat_rate");
    if (rateCell === "") at("invoice_field_missing", "the line has no VAT rate", "vat_rate");
    else {
      const r = vatRateOf(rateCell);
      const refused = r.ok && vatRates !== undefined ? checkVatRate(r.value, rateCell, vatRates) : undefined;
      if (!r.ok) at("vat_rate_invalid", r.message, "vat_rate");
      else if (refused !== undefined) at("vat_rate_not_allowed", refused, "vat_rate");
      else item.vat_rate = r.value;
    }
    const discountCell = cell("discount");
    if (discountCell !== "") {
      const d = discountOf(discountCell);
      if (!d.ok) at("amount_invalid", d.message, "discount");
      else if (d.value.currency !== undefined && d.value.currency !== "EUR")
        at("invoice_currency_not_eur", `"${discountCell}": Qonto invoices are in EUR only`, "discount");
      else if (
        d.value.type === "absolute" &&
        typeof item.quantity === "string" &&
        isMoney(item.unit_price) &&
        exceeds(d.value.value, item.quantity, item.unit_price.value)
      )
        // A line cannot go below zero: Qonto refuses the whole invoice.
        at(
          "amount_invalid",
          `the discount ${d.value.value} is more than the line's amount (${item.quantity} × ${item.unit_price.value})`,
          "discount",
        );
      else item.discount = { type: d.value.type, value: d.value.value };
    }
    // A row with nothing in any item column is not a line (an invoice-level row of a header-then-lines export).
    if (title === "" && quantityCell === "" && priceCell === "" && rateCell === "" && group.rows.length > 1) {
      problems.splice(
        0,
        problems.length,
        ...problems.filter((p) => !(p.recordNo === row.recordNo && p.code === "invoice_field_missing")),
      );
      continue;
    }
    items.push(item);
  }
  if (items.length === 0)
    report(
      "invoice_items_missing",
      "the invoice has no line (title, quantity, unit price, VAT rate)",
      "title",
    );

  const candidate: Record<string, unknown> = { currency: "EUR", items };
  const optional: [string, unknown][] = [
    ["issue_date", issueDate],
    ["due_date", dueDate],
    ["payment_methods", iban === undefined ? undefined : { iban }],
    ["performance_start_date", startDate],
    ["performance_end_date", endDate],
    ["status", status],
    ["number", value("number")?.value],
    ["purchase_order", value("purchase_order")?.value],
    ["terms_and_conditions", value("terms_and_conditions")?.value],
    ["header", value("header")?.value],
    ["footer", value("footer")?.value],
    ...Object.entries(italian),
  ];
  for (const [key, v] of optional) if (v !== undefined) candidate[key] = v;

  const parsed = invoicePayloadSchema(defaults.orgCountry, vatRates?.rates).safeParse(candidate);
  // Values refused above are left out of the candidate: their schema issues would say the same thing twice.
  const refused = problems.some((p) => p.severity === "error");
  if (!parsed.success && !refused) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String);
      const leaf = path[path.length - 1] ?? "";
      const itemIndex = path[0] === "items" && path.length > 1 ? Number(path[1]) : undefined;
      const row =
        itemIndex === undefined ? undefined : group.rows.filter((r) => itemOf(r, mapping))[itemIndex];
      const field = (
        path[0] === "items" ? (path[2] === "unit_price" ? "unit_price" : path[2]) : fieldOfPath(path[0] ?? "")
      ) as InvoiceLevelField | ItemField;
      // A rule of ours (schema.ts) names its code; the contract's shapes are coded by the field they are about.
      const own = issue.code === "custom" ? issue.params?.problem : undefined;
      const code: ProblemCode =
        typeof own === "string" && own in PROBLEMS
          ? (own as ProblemCode)
          : issue.code === "too_big"
            ? "field_too_long"
            : (FIELD_CODES[leaf] ?? FIELD_CODES[path[0] ?? ""] ?? "invoice_field_missing");
      const message =
        issue.code === "too_big"
          ? `${path.join(".")} is longer than the ${String(issue.maximum)} characters Qonto accepts`
          : `${path.join(".")}: ${issue.message}`;
      // A missing start date is reported on the end date's column when the file has no start column.
      const column =
        mapping[field] ?? (field === "performance_start_date" ? mapping.performance_end_date : undefined);
      // An invoice-level value is reported on the record that gave it.
      const given = path[0] === "items" ? undefined : group.values[field as InvoiceLevelField]?.recordNo;
      problems.push(invoiceProblem(code, message, row?.recordNo ?? given ?? firstRecord, column));
    }
  }
  const final =
    defaults.strict === true ? problems.map((p) => ({ ...p, severity: "error" as const })) : problems;
  if (!parsed.success || final.some((p) => p.severity === "error")) return { ok: false, problems: final };
  return { ok: true, payload: parsed.data, clientRef, problems: final };
}

function isMoney(v: unknown): v is { value: string } {
  return typeof v === "object" && v !== null && typeof (v as { value?: unknown }).value === "string";
}

/** Whether the decimal a exceeds the product of the decimals q and u (exactly, no floating point). */
function exceeds(a: string, q: string, u: string): boolean {
  const parse = (x: string) => {
    const [int = "0", frac = ""] = x.replace(/^-/, "").split(".");
    return { n: BigInt(int + frac), scale: frac.length };
  };
  const d = parse(a);
  const qn = parse(q);
  const un = parse(u);
  const scale = qn.scale + un.scale;
  return d.n * 10n ** BigInt(scale) > qn.n * un.n * 10n ** BigInt(d.scale);
}

/** Whether a row gives an item (some item column filled). */
function itemOf(row: SourceRow, mapping: InvoiceColumnMapping): boolean {
  return (["title", "quantity", "unit_price", "vat_rate"] as const).some(
    (f) => mapping[f] !== undefined && cleanCell(row.fields[mapping[f]]) !== "",
  );
}

/** The source field behind a payload key. */
function fieldOfPath(key: string): InvoiceLevelField | ItemField {
  switch (key) {
    case "payment_methods":
      return "payment_iban";
    case "withholding_tax":
      return "withholding_tax_rate";
    case "welfare_fund":
      return "welfare_fund_rate";
    default:
      return key as InvoiceLevelField;
  }
}

/**
 * A day/month date written with / or - whose day and month differ: in a file whose order is ambiguous (every date
 * fits both, or both orders appear) none of them is read.
 */
function dependsOnOrder(value: string): boolean {
  const m = /^(\d{1,2})([/-])(\d{1,2})\2\d{4}$/.exec(value.trim());
  return m !== null && Number(m[1]) !== Number(m[3]);
}

function isEuro(value: string): boolean {
  return ["eur", "euro", "euros", "€"].includes(value.trim().toLowerCase());
}
