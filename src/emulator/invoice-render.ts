/**
 * Client invoices: their totals and their response shape (renderInvoice, RenderedInvoice).
 *
 * Totals (the contract's example values are placeholders that do not add up, so the arithmetic is ours; all
 * exact decimal arithmetic on bigints, never floats):
 * - line gross      = quantity × unit_price, rounded to the cent;
 * - discount.amount = percentage: gross (exact) × value, rounded to the cent; absolute: value;
 * - subtotal        = gross (cents) − discount (cents)   — the line's amount before VAT;
 * - total_vat       = subtotal × vat_rate, rounded to the cent;
 * - total_amount    = subtotal + total_vat;
 * - invoice vat_amount and total_amount are the sums of the lines' (already rounded) total_vat and total_amount.
 * Rounding is half away from zero (amounts are never negative), per line, as an invoice printed line by line
 * must add up. The Italian extras (welfare fund, withholding tax, stamp duty) are echoed but not added to or
 * deducted from the totals; `withholding_tax.amount` is null.
 * Amounts are strings with exactly two decimals ("12.50"), with a `_cents` integer beside them, as in the contract.
 */
import type { InvoiceItemDraft } from "./invoice-types.js";
import { parseDecimal } from "./invoice-read.js";
import type { StoredInvoice } from "./invoice-store.js";

/** A fixed organization id for the emulated organization. */
export const EMULATOR_ORGANIZATION_ID = "00000000-0000-4000-8000-000000000001";

/** Rounds n / 10^scale to an integer, half away from zero. */
function roundScaled(n: bigint, scale: number): bigint {
  if (scale <= 0) return n * 10n ** BigInt(-scale);
  const div = 10n ** BigInt(scale);
  const sign = n < 0n ? -1n : 1n;
  const abs = n * sign;
  return sign * ((abs + div / 2n) / div);
}

/** Exact decimal → cents, rounded half away from zero. */
function toCents(n: bigint, scale: number): bigint {
  return roundScaled(n, scale - 2);
}

export function formatCents(cents: bigint): string {
  const sign = cents < 0n ? "-" : "";
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

export interface ItemTotals {
  unitPriceCents: bigint;
  discountCents: bigint;
  subtotalCents: bigint;
  vatCents: bigint;
  totalCents: bigint;
}

export function itemTotals(item: InvoiceItemDraft): ItemTotals {
  const q = parseDecimal(item.quantity);
  const u = parseDecimal(item.unit_price.value);
  const grossN = q.n * u.n;
  const grossScale = q.scale + u.scale;
  const grossCents = toCents(grossN, grossScale);
  let discountCents = 0n;
  if (item.discount) {
    const d = parseDecimal(item.discount.value);
    discountCents =
      item.discount.type === "percentage"
        ? toCents(grossN * d.n, grossScale + d.scale)
        : toCents(d.n, d.scale);
  }
  const subtotalCents = grossCents - discountCents;
  const r = parseDecimal(item.vat_rate);
  const vatCents = roundScaled(subtotalCents * r.n, r.scale);
  return {
    unitPriceCents: toCents(u.n, u.scale),
    discountCents,
    subtotalCents,
    vatCents,
    totalCents: subtotalCents + vatCents,
  };
}

const money = (cents: bigint, currency: string) => ({ value: formatCents(cents), currency });

function renderItem(item: InvoiceItemDraft, currency: string) {
  const t = itemTotals(item);
  return {
    title: item.title,
    description: item.description,
    quantity: item.quantity,
    unit: item.unit,
    unit_price: { ...item.unit_price },
    unit_price_cents: Number(t.unitPriceCents),
    vat_rate: item.vat_rate,
    vat_exemption_reason: item.vat_exemption_reason,
    discount: item.discount ? { ...item.discount, amount: money(t.discountCents, currency) } : null,
    total_vat: money(t.vatCents, currency),
    total_vat_cents: Number(t.vatCents),
    total_amount: money(t.totalCents, currency),
    total_amount_cents: Number(t.totalCents),
    subtotal: money(t.subtotalCents, currency),
    subtotal_cents: Number(t.subtotalCents),
  };
}

export type RenderedInvoice = ReturnType<typeof renderInvoice>;

/** The response shape: every key of the contract's ClientInvoice, null when the emulator has no value. */
export function renderInvoice(stored: StoredInvoice, orgCountry: string) {
  const d = stored.draft;
  const items = d.items.map((item) => renderItem(item, d.currency));
  const totals = d.items.map(itemTotals);
  const vatCents = totals.reduce((sum, t) => sum + t.vatCents, 0n);
  const totalCents = totals.reduce((sum, t) => sum + t.totalCents, 0n);
  const created = new Date(stored.createdMs).toISOString();
  const settings = d.settings ?? {};
  const setting = (key: string): unknown => settings[key] ?? null;
  return {
    id: stored.id,
    organization_id: EMULATOR_ORGANIZATION_ID,
    attachment_id: null,
    number: d.number,
    purchase_order: d.purchase_order,
    status: stored.status,
    invoice_url: `https://pay.qonto.com/invoices/${stored.id}`,
    contact_email: null,
    terms_and_conditions: d.terms_and_conditions,
    discount_conditions: setting("discount_conditions"),
    late_payment_penalties: setting("late_payment_penalties"),
    legal_fixed_compensation: setting("legal_fixed_compensation"),
    header: d.header,
    footer: d.footer,
    currency: d.currency,
    total_amount: money(totalCents, d.currency),
    total_amount_cents: Number(totalCents),
    vat_amount: money(vatCents, d.currency),
    vat_amount_cents: Number(vatCents),
    issue_date: d.issue_date,
    due_date: d.due_date,
    performance_date: d.performance_date,
    performance_start_date: d.performance_start_date,
    performance_end_date: d.performance_end_date,
    created_at: created,
    /** Not in the contract's response, but the list filters on it. */
    updated_at: new Date(stored.updatedMs).toISOString(),
    // An invoice created as unpaid is finalized at once; a draft is not.
    finalized_at: stored.status === "draft" ? null : created,
    paid_at: null,
    stamp_duty_amount: d.stamp_duty_amount,
    items,
    client: structuredClone(stored.client),
    payment_methods: d.payment_methods.iban
      ? [{ beneficiary_name: null, bic: null, iban: d.payment_methods.iban, type: "transfer" }]
      : [],
    credit_notes_ids: [],
    organization: {
      id: EMULATOR_ORGANIZATION_ID,
      legal_name: null,
      legal_number: null,
      legal_country: orgCountry,
      address_line_1: null,
      address_line_2: null,
      address_zipcode: null,
      address_city: null,
      address_country: orgCountry,
      company_leadership: setting("company_leadership"),
      district_court: setting("district_court"),
      commercial_register_number: setting("commercial_register_number"),
      vat_number: setting("vat_number"),
      tax_number: setting("tax_number"),
      legal_capital_share: setting("legal_capital_share"),
      transaction_type: setting("transaction_type"),
      vat_payment_condition: setting("vat_payment_condition"),
    },
    invoice_type: "standard",
    einvoicing_status: null,
    welfare_fund: d.welfare_fund ? { ...d.welfare_fund } : null,
    withholding_tax: d.withholding_tax ? { ...d.withholding_tax, amount: null } : null,
    payment_reporting: d.payment_reporting ? { ...d.payment_reporting } : null,
    einvoicing_lifecycle_events: [],
  };
}
