/**
 * The shape of a validated client invoice (InvoiceDraft and its parts): what the validator produces and the store,
 * the totals, the response shape and the list work on.
 */

export interface Money {
  value: string;
  currency: string;
}

export interface InvoiceItemDraft {
  title: string;
  description: string | null;
  /** Decimal string, as sent (trimmed). */
  quantity: string;
  unit: string | null;
  unit_price: Money;
  /** Fraction as a decimal string: "0.2" is 20 %. */
  vat_rate: string;
  vat_exemption_reason: string | null;
  discount: { type: "percentage" | "absolute"; value: string } | null;
}

export type InvoiceStatus = "draft" | "unpaid" | "canceled" | "paid";

export interface InvoiceDraft {
  client_id: string;
  issue_date: string;
  due_date: string;
  currency: "EUR";
  payment_methods: { iban: string | null };
  items: InvoiceItemDraft[];
  performance_date: string | null;
  performance_start_date: string | null;
  performance_end_date: string | null;
  status: "draft" | "unpaid";
  number: string;
  purchase_order: string | null;
  terms_and_conditions: string | null;
  header: string | null;
  footer: string | null;
  /** Echoed as sent (only checked to be an object). */
  settings: Record<string, unknown> | null;
  report_einvoicing: boolean | null;
  payment_reporting: { conditions: string; method: string } | null;
  welfare_fund: { type: string; rate: string } | null;
  withholding_tax: { reason: string | null; rate: string; payment_reason: string | null } | null;
  stamp_duty_amount: string | null;
}
