/**
 * The invoice fields only Italian organizations may send (report_einvoicing, payment_reporting, welfare_fund,
 * withholding_tax, stamp_duty_amount): who may send each, and its codes and amounts.
 */
import type { InvoiceDraft } from "./invoice-types.js";
import { DECIMALS, Errors, decimal, object, rate, required, str, type Json } from "./invoice-read.js";

const ITALIAN_ONLY = [
  "report_einvoicing",
  "payment_reporting",
  "welfare_fund",
  "withholding_tax",
  "stamp_duty_amount",
] as const;

function codeField(obj: Json, key: string, pointer: string, re: RegExp, what: string, errors: Errors) {
  const value = required(obj, key, pointer, errors);
  if (value === null) return null;
  return re.test(value) ? value : errors.add(pointer, "invalid_value", `must be ${what}`);
}

export function validateItalian(
  body: Json,
  orgCountry: string,
  errors: Errors,
): Pick<InvoiceDraft, (typeof ITALIAN_ONLY)[number]> {
  const out: Pick<InvoiceDraft, (typeof ITALIAN_ONLY)[number]> = {
    report_einvoicing: null,
    payment_reporting: null,
    welfare_fund: null,
    withholding_tax: null,
    stamp_duty_amount: null,
  };
  for (const key of ITALIAN_ONLY) {
    if (!Object.hasOwn(body, key) || body[key] === null || body[key] === undefined) continue;
    // Contract: withholding_tax is "only for Italian organizations and Spanish freelancers"; the emulator does not
    // know whether a Spanish organization is a freelancer, so it allows ES organizations.
    const allowed = orgCountry === "IT" || (key === "withholding_tax" && orgCountry === "ES");
    if (!allowed) {
      errors.add(
        `/${key}`,
        "invalid_value",
        "is only available to Italian organizations and must not be sent",
      );
      continue;
    }
    const value = body[key];
    if (key === "report_einvoicing") {
      if (typeof value !== "boolean") errors.add("/report_einvoicing", "invalid_type", "must be a boolean");
      else out.report_einvoicing = value;
    } else if (key === "stamp_duty_amount") {
      const s = str(body, key, "/stamp_duty_amount", errors);
      if (s !== null && s !== undefined) {
        // Contract: "Required string length: 4 - 15", example "1.00".
        if (s.length < 4 || s.length > 15)
          errors.add("/stamp_duty_amount", "invalid_format", "must be 4 to 15 characters long");
        else out.stamp_duty_amount = decimal(s, "/stamp_duty_amount", DECIMALS.money, errors);
      }
    } else {
      const obj = object(body, key, `/${key}`, errors);
      if (!obj) continue;
      if (key === "payment_reporting") {
        const conditions = codeField(
          obj,
          "conditions",
          "/payment_reporting/conditions",
          /^TP0[1-3]$/,
          "TP01, TP02 or TP03",
          errors,
        );
        const method = codeField(
          obj,
          "method",
          "/payment_reporting/method",
          /^MP(0[1-9]|1\d|2[0-3])$/,
          "MP01 to MP23",
          errors,
        );
        if (conditions && method) out.payment_reporting = { conditions, method };
      } else if (key === "welfare_fund") {
        const type = codeField(
          obj,
          "type",
          "/welfare_fund/type",
          /^TC(0[1-9]|1\d|2[0-2])$/,
          "TC01 to TC22",
          errors,
        );
        const r = rate(required(obj, "rate", "/welfare_fund/rate", errors), "/welfare_fund/rate", errors);
        if (type && r) out.welfare_fund = { type, rate: r };
      } else {
        const reason = str(obj, "reason", "/withholding_tax/reason", errors) ?? null;
        if (reason !== null && !/^RF0[1-8]$/.test(reason))
          errors.add("/withholding_tax/reason", "invalid_value", "must be RF01 to RF08");
        const r = rate(
          required(obj, "rate", "/withholding_tax/rate", errors),
          "/withholding_tax/rate",
          errors,
        );
        const paymentReason =
          str(obj, "payment_reason", "/withholding_tax/payment_reason", errors, 10) ?? null;
        if (r) out.withholding_tax = { reason, rate: r, payment_reason: paymentReason };
      }
    }
  }
  return out;
}
