import { z } from "zod";

// The create payload of POST /v2/client_invoices as the contract (shared/qonto-api/create-client-invoice.*) states
// it, without client_id (resolved from the client reference later) and without settings (not imported). It is the
// last gate before the network: a payload that fails here is never sent.

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Decimal = z.string().regex(/^-?\d+(\.\d+)?$/);
// A line's quantity is above zero and its unit price zero or more: a discount is a discount, a refund a credit note.
const Quantity = z.string().regex(/^(?=.*[1-9])\d+(\.\d+)?$/);
const UnitPrice = z.string().regex(/^\d+(\.\d+)?$/);
const Fraction = z.string().regex(/^(0(\.\d+)?|1)$/);

const MoneySchema = z.strictObject({ value: UnitPrice, currency: z.literal("EUR") });

export const InvoiceItemSchema = z.strictObject({
  title: z.string().trim().min(1),
  description: z.string().min(1).optional(),
  quantity: Quantity,
  unit: z.string().min(1).optional(),
  unit_price: MoneySchema,
  vat_rate: Fraction,
  vat_exemption_reason: z.string().min(1).optional(),
  discount: z.strictObject({ type: z.enum(["percentage", "absolute"]), value: Decimal }).optional(),
});

/** Fields the contract reserves to Italian organizations (withholding_tax: also Spanish freelancers). */
export const ITALIAN_ONLY_FIELDS = [
  "report_einvoicing",
  "welfare_fund",
  "withholding_tax",
  "stamp_duty_amount",
  "payment_reporting",
] as const;

const BaseInvoiceSchema = z.strictObject({
  issue_date: IsoDate,
  due_date: IsoDate,
  currency: z.literal("EUR"),
  payment_methods: z.strictObject({ iban: z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/) }),
  items: z.array(InvoiceItemSchema).min(1),
  performance_start_date: IsoDate.optional(),
  performance_end_date: IsoDate.optional(),
  status: z.enum(["draft", "unpaid"]).optional(),
  number: z.string().min(1).max(40).optional(),
  purchase_order: z.string().min(1).max(40).optional(),
  terms_and_conditions: z.string().min(1).max(525).optional(),
  header: z.string().min(1).optional(),
  footer: z.string().min(1).optional(),
  report_einvoicing: z.boolean().optional(),
  welfare_fund: z
    .strictObject({ type: z.string().regex(/^TC(0[1-9]|1\d|2[0-2])$/), rate: Fraction })
    .optional(),
  withholding_tax: z
    .strictObject({
      reason: z.string().min(1).optional(),
      rate: Fraction,
      payment_reason: z.string().min(1).optional(),
    })
    .optional(),
  stamp_duty_amount: z.string().min(4).max(15).optional(),
  payment_reporting: z
    .strictObject({ conditions: z.string().min(1).optional(), method: z.string().min(1).optional() })
    .optional(),
});

export type InvoicePayload = z.infer<typeof BaseInvoiceSchema>;
export type InvoiceItem = z.infer<typeof InvoiceItemSchema>;

/**
 * The schema for one organization: Italian-only fields are refused unless the organization is Italian, and a line's
 * VAT rate must be one of `vatRates` (fractions; undefined: any).
 */
export function invoicePayloadSchema(orgCountry: string, vatRates?: readonly string[]) {
  // One schema per organization and rate list: zod compiles a schema on its first parse, which costs far more than
  // the parse, and every invoice of a run asks for the same one.
  const key = `${orgCountry}\u0000${vatRates === undefined ? "*" : vatRates.join("\u0000")}`;
  let schema = SCHEMAS.get(key);
  if (schema === undefined) {
    schema = buildSchema(orgCountry, vatRates === undefined ? undefined : [...vatRates]);
    SCHEMAS.set(key, schema);
  }
  return schema;
}

const SCHEMAS = new Map<string, ReturnType<typeof buildSchema>>();

function buildSchema(orgCountry: string, vatRates: readonly string[] | undefined) {
  return BaseInvoiceSchema.superRefine((invoice, ctx) => {
    if (vatRates !== undefined)
      invoice.items.forEach((item, i) => {
        if (!vatRates.includes(item.vat_rate))
          ctx.addIssue({
            code: "custom",
            path: ["items", i, "vat_rate"],
            message: `${item.vat_rate} is not a VAT rate of the organization`,
            params: { problem: "vat_rate_not_allowed" },
          });
      });
    // Contract silent; a payment deadline before the invoice is issued is a typo, and Qonto refuses it (422).
    if (invoice.due_date < invoice.issue_date)
      ctx.addIssue({
        code: "custom",
        path: ["due_date"],
        message: `the invoice is due (${invoice.due_date}) before it is issued (${invoice.issue_date})`,
        params: { problem: "invoice_due_before_issue" },
      });
    const start = invoice.performance_start_date;
    const end = invoice.performance_end_date;
    if (end !== undefined && start === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["performance_start_date"],
        message: "a performance start date is required when an end date is given",
      });
    if (start !== undefined && end !== undefined && start > end)
      ctx.addIssue({
        code: "custom",
        path: ["performance_start_date"],
        message: `the performance period starts (${start}) after it ends (${end})`,
      });
    for (const field of ITALIAN_ONLY_FIELDS) {
      if (invoice[field] === undefined) continue;
      if (orgCountry === "IT" || (field === "withholding_tax" && orgCountry === "ES")) continue;
      ctx.addIssue({
        code: "custom",
        path: [field],
        message: `${field} is for Italian organizations only (organization country: ${orgCountry})`,
      });
    }
  });
}
