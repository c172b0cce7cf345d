/**
 * The client validator's address rules: reading billing_address, delivery_address and the deprecated root-level
 * fields (country and Italian province codes), merging a sent address into the stored one, and the Italian zip rule.
 */
import { COUNTRY_CODES, ITALIAN_PROVINCE_CODES } from "./client-codes.js";
import { isJsonObject } from "./payload.js";
import { Errors, INVALID, readString, refine, type Field, type Json } from "./client-read.js";
import type { EmulatorAddress } from "./types.js";

/** Same on create and update, for billing_address, delivery_address and the root-level fields. */
const ADDRESS_LIMITS = { street: 250, city: 50, zip: 20 } as const;

const ADDRESS_KEYS = ["street_address", "city", "zip_code", "province_code", "country_code"] as const;
export type AddressKey = (typeof ADDRESS_KEYS)[number];
/** Only the keys that were sent; null means "sent empty". */
type AddressPatch = Partial<Record<AddressKey, string | null>>;

function readProvinceCode(obj: Json, pointer: string, errors: Errors): Field<string> {
  return refine(readString(obj, "province_code", pointer, errors, 2), (value) => {
    const code = value.toUpperCase();
    // The contract gives one list, the Italian one, for any address: other countries' codes are refused.
    if (!ITALIAN_PROVINCE_CODES.has(code)) {
      return errors.add(pointer, "invalid_value", "is not a valid Italian province code");
    }
    return code;
  });
}

function readCountryCode(obj: Json, pointer: string, errors: Errors): Field<string> {
  return refine(readString(obj, "country_code", pointer, errors, 2), (value) => {
    // The contract's own examples mix "FR" and "fr": either case is accepted, stored upper-case.
    if (!/^[A-Za-z]{2}$/.test(value)) {
      return errors.add(pointer, "invalid_format", "must be a 2-letter ISO 3166 country code");
    }
    const code = value.toUpperCase();
    if (!COUNTRY_CODES.has(code)) {
      return errors.add(pointer, "invalid_value", "is not an ISO 3166-1 country code");
    }
    return code;
  });
}

/** The valid fields of a sent address, and which sent fields were invalid. */
export interface AddressRead {
  patch: AddressPatch;
  invalid: ReadonlySet<AddressKey>;
}

/**
 * Reads an address group: either a nested object (`streetKey` = "street_address") or the
 * deprecated root-level fields (`streetKey` = "address", `prefix` = "").
 */
export function readAddressFields(obj: Json, prefix: string, streetKey: string, errors: Errors): AddressRead {
  const fields: Record<AddressKey, Field<string>> = {
    street_address: readString(obj, streetKey, `${prefix}/${streetKey}`, errors, ADDRESS_LIMITS.street),
    city: readString(obj, "city", `${prefix}/city`, errors, ADDRESS_LIMITS.city),
    zip_code: readString(obj, "zip_code", `${prefix}/zip_code`, errors, ADDRESS_LIMITS.zip),
    province_code: readProvinceCode(obj, `${prefix}/province_code`, errors),
    country_code: readCountryCode(obj, `${prefix}/country_code`, errors),
  };
  const patch: AddressPatch = {};
  const invalid = new Set<AddressKey>();
  for (const key of ADDRESS_KEYS) {
    const value = fields[key];
    if (value === INVALID) invalid.add(key);
    else if (value !== undefined) patch[key] = value;
  }
  return { patch, invalid };
}

export function readAddressObject(
  obj: Json,
  key: "billing_address" | "delivery_address",
  errors: Errors,
): Field<AddressRead> {
  if (!Object.hasOwn(obj, key)) return undefined;
  const value = obj[key];
  if (value === undefined || value === null) return null;
  if (!isJsonObject(value)) return errors.add(`/${key}`, "invalid_type", "must be an object");
  return readAddressFields(value, `/${key}`, "street_address", errors);
}

export const ROOT_ADDRESS_KEYS = ["address", "city", "zip_code", "province_code", "country_code"];

/** Field-by-field merge; a result with every field null collapses to null. */
function mergeAddress(base: EmulatorAddress | null, patch: AddressPatch): EmulatorAddress | null {
  const merged: EmulatorAddress = {
    street_address: null,
    city: null,
    zip_code: null,
    province_code: null,
    country_code: null,
    ...base,
  };
  for (const key of ADDRESS_KEYS) {
    const value = patch[key];
    if (value !== undefined) merged[key] = value;
  }
  return ADDRESS_KEYS.some((k) => merged[k] !== null) ? merged : null;
}

/**
 * Contract: "For clients with Italy as a country, the value must be 5 characters". Silent on
 * which characters: digits, as every Italian CAP is. Applied to delivery_address too.
 * Skipped when the zip or country sent was itself invalid (already reported).
 */
export function checkItalianZip(
  address: { zip_code?: string | null; country_code?: string | null } | null,
  invalid: ReadonlySet<AddressKey>,
  prefix: string,
  errors: Errors,
): void {
  if (invalid.has("zip_code") || invalid.has("country_code")) return;
  if (address?.country_code !== "IT" || typeof address.zip_code !== "string") return;
  if (!/^\d{5}$/.test(address.zip_code)) {
    errors.add(`${prefix}/zip_code`, "invalid_format", "must be exactly 5 digits for an Italian address");
  }
}

const NONE: ReadonlySet<AddressKey> = new Set();

/** Merges a sent address into the stored one; undefined = not sent, null = cleared. */
export function applyAddress(
  base: EmulatorAddress | null,
  read: Field<AddressRead>,
  prefix: string,
  errors: Errors,
): { address: EmulatorAddress | null; invalid: ReadonlySet<AddressKey> } {
  if (read === undefined) return { address: base, invalid: NONE };
  if (read === null) return { address: null, invalid: NONE };
  if (read === INVALID) return { address: base, invalid: new Set(ADDRESS_KEYS) };
  const address = mergeAddress(base, read.patch);
  checkItalianZip(address, read.invalid, prefix, errors);
  return { address, invalid: read.invalid };
}
