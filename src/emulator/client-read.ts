/**
 * How the client validator reads a payload: the error it reports, the collector of errors, the INVALID mark and the
 * string reader every field and address rule builds on. The error codes are described in validate.ts.
 */
import { CONTROL_CHARACTER } from "./payload.js";

export type ErrorCode =
  "missing_key" | "too_long" | "invalid_format" | "invalid_value" | "invalid_type" | "immutable";

export interface FieldError {
  code: ErrorCode;
  detail: string;
  /** JSON pointer into the request body, e.g. "/billing_address/zip_code". */
  pointer: string;
}

export interface ValidationOptions {
  /** Country of the emulated organization; `freelancer` needs "IT", `e_invoicing_address` "FR". */
  orgCountry: string;
}

// Marks a field that already produced an error, so no second error is reported for it.
export const INVALID: unique symbol = Symbol("invalid");
export type Invalid = typeof INVALID;
/** undefined = not sent, null = sent as null/blank. */
export type Field<T> = T | null | undefined | Invalid;

export type Json = Record<string, unknown>;

/** Length in Unicode code points, so "é" or an emoji counts as one character. */
export function charLength(s: string): number {
  return [...s].length;
}

export class Errors {
  readonly list: FieldError[] = [];
  /** The detail names the field, like the contract's example "reference is missing". */
  add(pointer: string, code: ErrorCode, detail: string): Invalid {
    const field = pointer.slice(1).replaceAll("/", ".");
    this.list.push({ pointer, code, detail: `${field} ${detail}` });
    return INVALID;
  }
}

export function readString(
  obj: Json,
  key: string,
  pointer: string,
  errors: Errors,
  max?: number,
): Field<string> {
  if (!Object.hasOwn(obj, key)) return undefined;
  const value = obj[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") return errors.add(pointer, "invalid_type", "must be a string");
  if (CONTROL_CHARACTER.test(value))
    return errors.add(pointer, "invalid_format", "must not contain control characters");
  if (value.trim() === "") return null;
  if (max !== undefined && charLength(value) > max) {
    return errors.add(pointer, "too_long", `is too long (maximum is ${max} characters)`);
  }
  return value;
}

/** Checks a string already read; keeps INVALID/null/undefined as they are. */
export function refine(value: Field<string>, check: (s: string) => Invalid | string): Field<string> {
  return typeof value === "string" ? check(value) : value;
}
