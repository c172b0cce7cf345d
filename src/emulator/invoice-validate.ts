/**
 * Payload validation for POST /v2/client_invoices, as pure functions.
 *
 * Independent from the importer's own invoice code (src/invoices/, src/validate/) on purpose: the emulator
 * stands in for Qonto, so it must be able to disagree with the importer.
 *
 * Sources: /work/shared/qonto-api/create-client-invoice.txt (field rules) and create-client-invoice.md (Postman
 * request and response examples). Where they are silent, the rule chosen is marked "Contract silent".
 *
 * Error codes (422, all errors of a payload at once, each with `source.pointer`):
 * - `missing_key`       required field absent, null or blank
 * - `invalid_type`      wrong JSON type (amounts, quantities and rates are strings in the contract: numbers refused)
 * - `too_long`          string longer than the documented maximum
 * - `invalid_format`    not a YYYY-MM-DD calendar date, not a plain decimal, too many decimals, IBAN syntax or
 *                       check digits, a control character in a string (contract silent: refused)
 * - `invalid_value`     well-formed but not allowed: currency other than EUR, unknown status or discount type,
 *                       VAT rate above 1 or not one of the organization country's, dates out of order (due before
 *                       issued, performance end before start), a negative amount, rate or quantity, a quantity of
 *                       0, discount above the line, Italian-only field for an organization of another country
 * - `invalid_client_id` client_id names no client of the organization (the contract's example code)
 *
 * This module checks the items and the payload's own fields. The readers and value checks (dates, decimals, IBAN)
 * are in invoice-read.ts, the Italian-only fields in invoice-italian.ts, the validated shapes in invoice-types.ts.
 */
import { isJsonObject } from "./payload.js";
import type { InvoiceDraft, InvoiceItemDraft } from "./invoice-types.js";
import {
  DECIMALS,
  Errors,
  compareDecimal,
  currencyOf,
  date,
  decimal,
  isValidIban,
  money,
  object,
  parseDecimal,
  rate,
  required,
  str,
  type InvoiceFieldError,
  type Json,
} from "./invoice-read.js";
import { validateItalian } from "./invoice-italian.js";

export type { InvoiceErrorCode, InvoiceFieldError } from "./invoice-read.js";

export type InvoiceValidationResult =
  { ok: true; draft: InvoiceDraft } | { ok: false; errors: InvoiceFieldError[] };

export interface InvoiceValidationOptions {
  /** Country of the emulated organization: the Italian-only fields need "IT". */
  orgCountry: string;
  /** Whether a client with this id exists in the emulator's client store. */
  clientExists: (id: string) => boolean;
}

export const INVOICE_LIMITS = { number: 40, purchase_order: 40, terms_and_conditions: 525 } as const;
/** Contract silent on these: generous limits so a runaway value is still caught. */
const OTHER_LIMITS = {
  title: 250,
  description: 2000,
  unit: 50,
  header: 2000,
  footer: 2000,
  reason: 10,
} as const;
/**
 * VAT rates an organization of each country may put on a line, as fractions. Contract silent: it lists no rates,
 * and Qonto's invoicing offers the country's, so the emulator refuses any other (harsher than a Qonto that would
 * take any fraction). Written here from the countries' tax codes, not taken from the importer's list:
 * FR mainland 20/10/5.5/2.1, Corsica 13/10/2.1/0.9, overseas departments 8.5/2.1/1.75/1.05; IT 22/10/5/4;
 * ES 21/10/5/4 (5 for some goods from 2021 to 2024); DE 19/7; 0 for exempt lines. Other countries: any.
 */
const VAT_RATES_BY_COUNTRY: Readonly<Record<string, readonly string[]>> = {
  FR: ["0.2", "0.13", "0.1", "0.085", "0.055", "0.021", "0.0175", "0.0105", "0.009", "0"],
  IT: ["0.22", "0.1", "0.05", "0.04", "0"],
  ES: ["0.21", "0.1", "0.05", "0.04", "0"],
  DE: ["0.19", "0.07", "0"],
};
const MAX_ITEMS = 200;

function validateItem(
  item: unknown,
  i: number,
  errors: Errors,
  vatRates: readonly string[] | undefined,
): InvoiceItemDraft | null {
  const p = `/items/${i}`;
  if (!isJsonObject(item)) return errors.add(p, "invalid_type", "must be an object");
  const title = required(item, "title", `${p}/title`, errors, OTHER_LIMITS.title);
  const description = str(item, "description", `${p}/description`, errors, OTHER_LIMITS.description) ?? null;
  const unit = str(item, "unit", `${p}/unit`, errors, OTHER_LIMITS.unit) ?? null;
  let quantity = decimal(
    required(item, "quantity", `${p}/quantity`, errors),
    `${p}/quantity`,
    DECIMALS.quantity,
    errors,
  );
  // Contract silent: a zero quantity makes an empty line, so it is refused; credit lines go in credit notes.
  if (quantity !== null && compareDecimal(quantity, "0") <= 0) {
    quantity = errors.add(`${p}/quantity`, "invalid_value", "must be greater than 0");
  }
  const unitPrice = money(item, "unit_price", `${p}/unit_price`, errors);
  const checkedRate = rate(required(item, "vat_rate", `${p}/vat_rate`, errors), `${p}/vat_rate`, errors);
  const vatRate =
    checkedRate !== null &&
    vatRates !== undefined &&
    !vatRates.some((r) => compareDecimal(r, checkedRate) === 0)
      ? errors.add(`${p}/vat_rate`, "invalid_value", "is not a VAT rate of the organization's country")
      : checkedRate;
  const exemption =
    str(item, "vat_exemption_reason", `${p}/vat_exemption_reason`, errors, OTHER_LIMITS.reason) ?? null;

  let discount: InvoiceItemDraft["discount"] = null;
  const hadBeforeDiscount = errors.list.length;
  const rawDiscount = object(item, "discount", `${p}/discount`, errors);
  let discountOk = errors.list.length === hadBeforeDiscount;
  if (rawDiscount) {
    const type = required(rawDiscount, "type", `${p}/discount/type`, errors);
    const valuePointer = `${p}/discount/value`;
    const raw = required(rawDiscount, "value", valuePointer, errors);
    let value: string | null = null;
    if (type === "percentage") value = rate(raw, valuePointer, errors);
    else if (type === "absolute") value = decimal(raw, valuePointer, DECIMALS.money, errors);
    else if (type !== null)
      errors.add(`${p}/discount/type`, "invalid_value", "must be percentage or absolute");
    if ((type === "percentage" || type === "absolute") && value !== null) discount = { type, value };
    else discountOk = false;
  }
  // An absolute discount larger than the line would make a negative line (contract silent: refused).
  if (discount?.type === "absolute" && quantity !== null && unitPrice !== null) {
    const q = parseDecimal(quantity);
    const u = parseDecimal(unitPrice.value);
    const d = parseDecimal(discount.value);
    const scale = q.scale + u.scale;
    if (d.n * 10n ** BigInt(scale) > q.n * u.n * 10n ** BigInt(d.scale)) {
      errors.add(
        `${p}/discount/value`,
        "invalid_value",
        "must not exceed the line amount (quantity × unit price)",
      );
      discountOk = false;
    }
  }
  if (title === null || quantity === null || unitPrice === null || vatRate === null || !discountOk)
    return null;
  return {
    title,
    description,
    quantity,
    unit,
    unit_price: unitPrice,
    vat_rate: vatRate,
    vat_exemption_reason: exemption,
    discount,
  };
}

export function validateInvoicePayload(
  body: Json,
  options: InvoiceValidationOptions,
): InvoiceValidationResult {
  const errors = new Errors();

  let clientId = required(body, "client_id", "/client_id", errors);
  if (clientId !== null && !options.clientExists(clientId)) {
    clientId = errors.add("/client_id", "invalid_client_id", "does not match any client of the organization");
  }
  const issueDate = date(body, "issue_date", errors, true);
  const dueDate = date(body, "due_date", errors, true);
  // Contract silent: a payment deadline before the issue date is refused.
  if (issueDate && dueDate && dueDate < issueDate) {
    errors.add("/due_date", "invalid_value", "must be on or after issue_date");
  }
  const currency = currencyOf(body, "/currency", errors);

  let paymentMethods: InvoiceDraft["payment_methods"] | null = null;
  const hadBeforePm = errors.list.length;
  const pm = object(body, "payment_methods", "/payment_methods", errors);
  if (!pm) {
    if (errors.list.length === hadBeforePm) errors.add("/payment_methods", "missing_key", "is missing");
  } else {
    let iban = str(pm, "iban", "/payment_methods/iban", errors) ?? null;
    if (iban !== null) {
      iban = iban.replace(/\s+/g, "").toUpperCase();
      if (!isValidIban(iban)) {
        iban = errors.add(
          "/payment_methods/iban",
          "invalid_format",
          "is not a valid IBAN (ISO 13616 check digits)",
        );
      }
    }
    if (!errors.list.some((e) => e.pointer === "/payment_methods/iban")) paymentMethods = { iban };
  }

  const items: InvoiceItemDraft[] = [];
  let itemsOk = true;
  if (!Object.hasOwn(body, "items") || body["items"] === null || body["items"] === undefined) {
    itemsOk = false;
    errors.add("/items", "missing_key", "is missing");
  } else if (!Array.isArray(body["items"])) {
    itemsOk = false;
    errors.add("/items", "invalid_type", "must be an array");
  } else if (body["items"].length === 0) {
    itemsOk = false;
    errors.add("/items", "missing_key", "must contain at least one item");
  } else if (body["items"].length > MAX_ITEMS) {
    itemsOk = false;
    errors.add("/items", "too_long", `must contain at most ${MAX_ITEMS} items`);
  } else {
    (body["items"] as unknown[]).forEach((raw, i) => {
      const item = validateItem(raw, i, errors, VAT_RATES_BY_COUNTRY[options.orgCountry]);
      if (item) items.push(item);
      else itemsOk = false;
    });
  }

  const performanceDate = date(body, "performance_date", errors, false);
  const start = date(body, "performance_start_date", errors, false);
  const end = date(body, "performance_end_date", errors, false);
  if (end !== null && start === null && !errors.list.some((e) => e.pointer === "/performance_start_date")) {
    errors.add("/performance_start_date", "missing_key", "is required when performance_end_date is given");
  }
  if (start !== null && end !== null && start > end) {
    errors.add("/performance_end_date", "invalid_value", "must be on or after performance_start_date");
  }

  let status: InvoiceDraft["status"] | null = "unpaid"; // contract: unpaid when not filled
  const rawStatus = str(body, "status", "/status", errors);
  if (rawStatus === "draft" || rawStatus === "unpaid") status = rawStatus;
  else if (typeof rawStatus === "string")
    status = errors.add("/status", "invalid_value", "must be draft or unpaid");

  // Contract: required unless automatic numbering is on; the emulated organization has it off (the default).
  const number = required(body, "number", "/number", errors, INVOICE_LIMITS.number);
  const purchaseOrder =
    str(body, "purchase_order", "/purchase_order", errors, INVOICE_LIMITS.purchase_order) ?? null;
  const terms =
    str(body, "terms_and_conditions", "/terms_and_conditions", errors, INVOICE_LIMITS.terms_and_conditions) ??
    null;
  const header = str(body, "header", "/header", errors, OTHER_LIMITS.header) ?? null;
  const footer = str(body, "footer", "/footer", errors, OTHER_LIMITS.footer) ?? null;
  const settings = object(body, "settings", "/settings", errors) ?? null;

  const italian = validateItalian(body, options.orgCountry, errors);

  if (errors.list.length > 0) return { ok: false, errors: errors.list };
  if (!clientId || !issueDate || !dueDate || !currency || !paymentMethods || !itemsOk || !status || !number) {
    // Unreachable: each null above recorded an error.
    return { ok: false, errors: [{ pointer: "", code: "invalid_value", detail: "invalid payload" }] };
  }
  return {
    ok: true,
    draft: {
      client_id: clientId,
      issue_date: issueDate,
      due_date: dueDate,
      currency,
      payment_methods: paymentMethods,
      items,
      performance_date: performanceDate,
      // Contract: without a start date, the deprecated performance_date is the fallback.
      performance_start_date: start ?? performanceDate,
      performance_end_date: end,
      status,
      number,
      purchase_order: purchaseOrder,
      terms_and_conditions: terms,
      header,
      footer,
      settings: settings ? structuredClone(settings) : null,
      ...italian,
    },
  };
}
