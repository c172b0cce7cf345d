/**
 * How the invoice validator reads a payload: the error it reports and its collector, the readers of strings, dates,
 * decimals, objects, amounts, the currency and rates, and the value checks beneath them (calendar dates, IBAN check
 * digits, exact decimals). The error codes are described in invoice-validate.ts.
 */
import { CONTROL_CHARACTER, isJsonObject } from "./payload.js";
import type { Money } from "./invoice-types.js";

export type InvoiceErrorCode =
  "missing_key" | "invalid_type" | "too_long" | "invalid_format" | "invalid_value" | "invalid_client_id";

export interface InvoiceFieldError {
  code: InvoiceErrorCode;
  detail: string;
  /** JSON pointer into the request body, e.g. "/items/0/unit_price/value". */
  pointer: string;
}

/** Decimal places accepted. Contract silent: money has cents (`*_cents` are integers), rates need 0.055. */
export const DECIMALS = { money: 2, quantity: 6, rate: 4 } as const;

export type Json = Record<string, unknown>;

export class Errors {
  readonly list: InvoiceFieldError[] = [];
  add(pointer: string, code: InvoiceErrorCode, detail: string): null {
    const field = pointer.slice(1).replaceAll("/", ".");
    this.list.push({ pointer, code, detail: `${field} ${detail}` });
    return null;
  }
}

const DECIMAL_RE = /^\d+(?:\.(\d+))?$/;
const NEGATIVE_RE = /^-\d+(?:\.\d+)?$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date in YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** ISO 13616: country, two check digits, up to 30 alphanumerics; mod-97 of the rearranged digits is 1. */
export function isValidIban(raw: string): boolean {
  const iban = raw.replace(/\s+/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : ch;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** Reads an optional string: undefined when absent, null when null/blank or invalid (error recorded). */
export function str(
  obj: Json,
  key: string,
  pointer: string,
  errors: Errors,
  max?: number,
): string | null | undefined {
  if (!Object.hasOwn(obj, key)) return undefined;
  const value = obj[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") return errors.add(pointer, "invalid_type", "must be a string");
  if (CONTROL_CHARACTER.test(value))
    return errors.add(pointer, "invalid_format", "must not contain control characters");
  const trimmed = value.trim();
  if (trimmed === "") return null;
  if (max !== undefined && [...trimmed].length > max) {
    return errors.add(pointer, "too_long", `is too long (maximum is ${max} characters)`);
  }
  return trimmed;
}

/** A required string: a missing_key error when absent or blank. */
export function required(
  obj: Json,
  key: string,
  pointer: string,
  errors: Errors,
  max?: number,
): string | null {
  const had = errors.list.length;
  const value = str(obj, key, pointer, errors, max);
  if (value === undefined || (value === null && errors.list.length === had)) {
    return errors.add(pointer, "missing_key", "is missing");
  }
  return value;
}

export function date(obj: Json, key: string, errors: Errors, isRequired: boolean): string | null {
  const pointer = `/${key}`;
  const value = isRequired ? required(obj, key, pointer, errors) : (str(obj, key, pointer, errors) ?? null);
  if (value === null) return null;
  return isIsoDate(value)
    ? value
    : errors.add(pointer, "invalid_format", "must be a date in YYYY-MM-DD format");
}

/** A non-negative decimal string with at most `places` decimals. */
export function decimal(
  value: string | null,
  pointer: string,
  places: number,
  errors: Errors,
): string | null {
  if (value === null) return null;
  // Contract silent: amounts, quantities and rates are never below zero (a refund is a credit note).
  if (NEGATIVE_RE.test(value)) return errors.add(pointer, "invalid_value", "must not be negative");
  const m = DECIMAL_RE.exec(value);
  if (!m)
    return errors.add(
      pointer,
      "invalid_format",
      'must be a decimal number written as a string, e.g. "12.50"',
    );
  if ((m[1]?.length ?? 0) > places) {
    return errors.add(pointer, "invalid_format", `must have at most ${places} decimal places`);
  }
  return value;
}

export function object(obj: Json, key: string, pointer: string, errors: Errors): Json | null | undefined {
  if (!Object.hasOwn(obj, key)) return undefined;
  const value = obj[key];
  if (value === undefined || value === null) return null;
  if (!isJsonObject(value)) return errors.add(pointer, "invalid_type", "must be an object");
  return value;
}

/** Scaled-integer form of a decimal string: "12.5" → { n: 125n, scale: 1 }. */
export function parseDecimal(value: string): { n: bigint; scale: number } {
  const [int = "0", frac = ""] = value.split(".");
  return { n: BigInt(int + frac), scale: frac.length };
}

export function compareDecimal(a: string, b: string): number {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  const scale = Math.max(x.scale, y.scale);
  const xn = x.n * 10n ** BigInt(scale - x.scale);
  const yn = y.n * 10n ** BigInt(scale - y.scale);
  return xn < yn ? -1 : xn > yn ? 1 : 0;
}

export function money(obj: Json, key: string, pointer: string, errors: Errors): Money | null {
  const had = errors.list.length;
  const value = object(obj, key, pointer, errors);
  if (!value) return errors.list.length === had ? errors.add(pointer, "missing_key", "is missing") : null;
  const amount = decimal(
    required(value, "value", `${pointer}/value`, errors),
    `${pointer}/value`,
    DECIMALS.money,
    errors,
  );
  const currency = currencyOf(value, `${pointer}/currency`, errors);
  return amount === null || currency === null ? null : { value: amount, currency };
}

export function currencyOf(obj: Json, pointer: string, errors: Errors): "EUR" | null {
  const value = required(obj, "currency", pointer, errors);
  if (value === null) return null;
  // Contract: "Currently, only value allowed is EUR". Case-insensitive, stored upper-case.
  return value.toUpperCase() === "EUR" ? "EUR" : errors.add(pointer, "invalid_value", "must be EUR");
}

export function rate(value: string | null, pointer: string, errors: Errors): string | null {
  const checked = decimal(value, pointer, DECIMALS.rate, errors);
  if (checked === null) return null;
  if (compareDecimal(checked, "1") > 0) {
    return errors.add(pointer, "invalid_value", 'must be a fraction between 0 and 1 ("0.2" for 20 %)');
  }
  return checked;
}
