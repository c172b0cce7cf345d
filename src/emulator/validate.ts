/**
 * Payload validation for POST and PATCH /v2/clients, as pure functions.
 *
 * Independent from the importer's own validation on purpose: the emulator stands in
 * for Qonto, so it must be able to disagree with the importer.
 *
 * Sources: /work/shared/qonto-api/create-client.openapi.md (create schema),
 * update-client.txt (update schema). Where they are silent, the stricter reasonable
 * rule is chosen and marked "Contract silent" below.
 *
 * Error codes (the contract only shows `missing_key`; the rest is a small stable set):
 * - `missing_key`    required field absent, null or blank
 * - `too_long`       string (or array) longer than the documented maximum
 * - `invalid_format` wrong shape: e-mail, currency, locale, country code, zip code, phone,
 *                    VAT number, e-invoicing address, recipient code; a control character in
 *                    any string (contract silent: refused)
 * - `invalid_value`  well-formed but not allowed: kind/type, unknown country, currency,
 *                    locale language or Italian province code, a field the client's
 *                    country or the organization's country rules out
 * - `invalid_type`   wrong JSON type (number instead of string, string instead of object...)
 * - `immutable`      PATCH tries to change a field that cannot change (kind/type)
 *
 * Leniency choice: a blank string ("" or spaces) in an optional field is treated as
 * "no value" and stored as null, the way a form would. Unknown keys are ignored.
 */
import { COUNTRY_CODES, ITALIAN_PROVINCE_CODES } from "./client-codes.js";
import { isJsonObject } from "./payload.js";
import {
  Errors,
  INVALID,
  readString,
  refine,
  type Field,
  type FieldError,
  type Json,
  type ValidationOptions,
} from "./client-read.js";
import {
  readCurrency,
  readEinvoicingAddress,
  readEmail,
  readExtraEmails,
  readLocale,
  readPhone,
  readRecipientCode,
  readVatNumber,
} from "./client-fields.js";
import type { ClientDraft, ClientKind, EmulatorAddress, EmulatorPhone } from "./types.js";

export type { ErrorCode, FieldError, ValidationOptions } from "./client-read.js";

export type ValidationResult = { ok: true; draft: ClientDraft } | { ok: false; errors: FieldError[] };

/** The emulator's default organization country (EmulatorOptions.orgCountry). */
const DEFAULT_OPTIONS: ValidationOptions = { orgCountry: "FR" };

const KINDS: readonly ClientKind[] = ["individual", "company", "freelancer"];

/** Create limits come from create-client.openapi.md; the update page documents a longer TIN. */
const CREATE_LIMITS = { name: 250, personName: 60, vat: 20, tin: 20 } as const;
const UPDATE_LIMITS = { name: 250, personName: 60, vat: 20, tin: 30 } as const;
type Limits = typeof CREATE_LIMITS | typeof UPDATE_LIMITS;
/** Same for billing_address, delivery_address and the root-level fields. */
const ADDRESS_LIMITS = { street: 250, city: 50, zip: 20 } as const;

const ADDRESS_KEYS = ["street_address", "city", "zip_code", "province_code", "country_code"] as const;
type AddressKey = (typeof ADDRESS_KEYS)[number];
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
interface AddressRead {
  patch: AddressPatch;
  invalid: ReadonlySet<AddressKey>;
}

/**
 * Reads an address group: either a nested object (`streetKey` = "street_address") or the
 * deprecated root-level fields (`streetKey` = "address", `prefix` = "").
 */
function readAddressFields(obj: Json, prefix: string, streetKey: string, errors: Errors): AddressRead {
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

function readAddressObject(
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

const ROOT_ADDRESS_KEYS = ["address", "city", "zip_code", "province_code", "country_code"];

/** The sent kind: `kind` wins over the deprecated `type` when both are sent; `type` is then not checked. */
function readKindField(body: Json, errors: Errors): { key: "kind" | "type"; value: Field<ClientKind> } {
  const key = body["kind"] !== undefined && body["kind"] !== null ? "kind" : "type";
  const value = readString(body, key, `/${key}`, errors);
  if (typeof value !== "string") return { key, value };
  const kind = KINDS.find((k) => k === value);
  if (!kind)
    return { key, value: errors.add(`/${key}`, "invalid_value", `must be one of ${KINDS.join(", ")}`) };
  return { key, value: kind };
}

function readKind(body: Json, options: ValidationOptions, errors: Errors): Field<ClientKind> {
  const { key, value } = readKindField(body, errors);
  if (value === INVALID) return INVALID;
  if (value === undefined || value === null) return errors.add("/kind", "missing_key", "is missing");
  if (value === "freelancer" && options.orgCountry.toUpperCase() !== "IT") {
    return errors.add(`/${key}`, "invalid_value", "freelancer is only available for Italian organizations");
  }
  return value;
}

/**
 * The update schema has no kind/type and says only its fields can be updated: a kind that
 * differs from the stored one is refused. Contract silent on resending the same kind: accepted.
 */
function checkKindUnchanged(body: Json, current: ClientKind, errors: Errors): void {
  const { key, value } = readKindField(body, errors);
  if (typeof value === "string" && value !== current) {
    errors.add(`/${key}`, "immutable", `cannot be changed (the client is ${current})`);
  }
}

interface ParsedPayload {
  name: Field<string>;
  first_name: Field<string>;
  last_name: Field<string>;
  email: Field<string>;
  extra_emails: Field<string[]>;
  phone: Field<EmulatorPhone>;
  currency: Field<string>;
  locale: Field<string>;
  vat_number: Field<string>;
  tax_identification_number: Field<string>;
  e_invoicing_address: Field<string>;
  recipient_code: Field<string>;
  billing_address: Field<AddressRead>;
  delivery_address: Field<AddressRead>;
  /** Deprecated root-level address fields; undefined when none was sent. */
  root_address: AddressRead | undefined;
}

function parsePayload(body: Json, limits: Limits, options: ValidationOptions, errors: Errors): ParsedPayload {
  const rootSent = ROOT_ADDRESS_KEYS.some((k) => Object.hasOwn(body, k));
  return {
    name: readString(body, "name", "/name", errors, limits.name),
    first_name: readString(body, "first_name", "/first_name", errors, limits.personName),
    last_name: readString(body, "last_name", "/last_name", errors, limits.personName),
    email: readEmail(body, errors),
    extra_emails: readExtraEmails(body, errors),
    phone: readPhone(body, errors),
    currency: readCurrency(body, errors),
    locale: readLocale(body, errors),
    vat_number: readVatNumber(body, limits.vat, errors),
    // Contract: the TIN's per-country formats are checked when an invoice is created, not here.
    tax_identification_number: readString(
      body,
      "tax_identification_number",
      "/tax_identification_number",
      errors,
      limits.tin,
    ),
    e_invoicing_address: readEinvoicingAddress(body, options, errors),
    recipient_code: readRecipientCode(body, errors),
    billing_address: readAddressObject(body, "billing_address", errors),
    delivery_address: readAddressObject(body, "delivery_address", errors),
    root_address: rootSent ? readAddressFields(body, "", "address", errors) : undefined,
  };
}

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
function checkItalianZip(
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

/** Merged addresses; only used as the draft when no error was found. */
interface ResolvedAddresses {
  billing: EmulatorAddress | null;
  /** False when the billing country sent was invalid, so the client's country is unknown. */
  billingCountryKnown: boolean;
  delivery: EmulatorAddress | null;
}

/** Merges a sent address into the stored one; undefined = not sent, null = cleared. */
function applyAddress(
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

function resolveAddresses(
  parsed: ParsedPayload,
  existing: Pick<ClientDraft, "billing_address" | "delivery_address"> | null,
  errors: Errors,
): ResolvedAddresses {
  const { billing_address: billingRead, root_address: root } = parsed;
  let billing: { address: EmulatorAddress | null; invalid: ReadonlySet<AddressKey> };

  // Contract: when both are sent, billing_address takes precedence and the root-level
  // fields are ignored as a whole (still validated, including the Italian zip rule).
  if (billingRead !== undefined && billingRead !== null) {
    billing = applyAddress(existing?.billing_address ?? null, billingRead, "/billing_address", errors);
    if (root !== undefined) checkItalianZip(root.patch, root.invalid, "", errors);
  } else {
    // Contract silent on billing_address: null with root fields: null clears, the root fields then fill.
    const base = billingRead === null ? null : (existing?.billing_address ?? null);
    billing = applyAddress(base, root, "", errors);
  }
  const delivery = applyAddress(
    existing?.delivery_address ?? null,
    parsed.delivery_address,
    "/delivery_address",
    errors,
  );
  return {
    billing: billing.address,
    billingCountryKnown: !billing.invalid.has("country_code"),
    delivery: delivery.address,
  };
}

/** undefined keeps the current value, null clears it. */
function pick<T>(value: Field<T>, current: T | null): T | null {
  if (value === undefined || value === INVALID) return current;
  return value;
}

function checkRequiredNames(
  kind: ClientKind,
  parsed: ParsedPayload,
  current: Pick<ClientDraft, "name" | "first_name" | "last_name"> | null,
  errors: Errors,
): void {
  const required: ("name" | "first_name" | "last_name")[] =
    kind === "company" ? ["name"] : ["first_name", "last_name"];
  for (const key of required) {
    const value = parsed[key];
    if (value === INVALID) continue;
    if (pick(value, current?.[key] ?? null) === null) errors.add(`/${key}`, "missing_key", "is missing");
  }
}

/**
 * Contract: recipient_code is "only for Italian clients"; read as the merged billing country
 * being IT (a client without a country is refused too).
 */
function checkRecipientCountry(
  parsed: ParsedPayload,
  current: ClientDraft | null,
  addresses: ResolvedAddresses,
  errors: Errors,
): void {
  if (!addresses.billingCountryKnown) return;
  const code = pick(parsed.recipient_code, current?.recipient_code ?? null);
  if (code === null || parsed.recipient_code === INVALID) return;
  if (addresses.billing?.country_code !== "IT") {
    errors.add(
      "/recipient_code",
      "invalid_value",
      "is only for Italian clients (billing address country_code IT)",
    );
  }
}

function buildDraft(
  kind: ClientKind,
  parsed: ParsedPayload,
  current: ClientDraft | null,
  addresses: ResolvedAddresses,
): ClientDraft {
  return {
    kind,
    name: pick(parsed.name, current?.name ?? null),
    first_name: pick(parsed.first_name, current?.first_name ?? null),
    last_name: pick(parsed.last_name, current?.last_name ?? null),
    email: pick(parsed.email, current?.email ?? null),
    extra_emails: pick(parsed.extra_emails, current?.extra_emails ?? null),
    phone: pick(parsed.phone, current?.phone ?? null),
    currency: pick(parsed.currency, current?.currency ?? null),
    locale: pick(parsed.locale, current?.locale ?? null),
    vat_number: pick(parsed.vat_number, current?.vat_number ?? null),
    tax_identification_number: pick(
      parsed.tax_identification_number,
      current?.tax_identification_number ?? null,
    ),
    e_invoicing_address: pick(parsed.e_invoicing_address, current?.e_invoicing_address ?? null),
    recipient_code: pick(parsed.recipient_code, current?.recipient_code ?? null),
    billing_address: addresses.billing,
    delivery_address: addresses.delivery,
  };
}

/** Validates a POST /v2/clients body; reports every error at once. */
export function validateCreatePayload(body: Json, options: ValidationOptions): ValidationResult {
  const errors = new Errors();
  const kind = readKind(body, options, errors);
  const parsed = parsePayload(body, CREATE_LIMITS, options, errors);
  if (kind !== INVALID && kind !== null && kind !== undefined) checkRequiredNames(kind, parsed, null, errors);
  const addresses = resolveAddresses(parsed, null, errors);
  checkRecipientCountry(parsed, null, addresses, errors);
  if (errors.list.length > 0 || kind === INVALID || kind === null || kind === undefined) {
    return { ok: false, errors: errors.list };
  }
  return { ok: true, draft: buildDraft(kind, parsed, null, addresses) };
}

/**
 * Validates a PATCH /v2/clients/{id} body against the stored client. Field formats are
 * checked on the body; name requirements, the Italian zip rule and the recipient code's
 * country on the merged result. A kind/type other than the stored kind is refused.
 * `options` defaults to the emulator's default organization (FR).
 */
export function validateUpdatePayload(
  body: Json,
  current: ClientDraft,
  options: ValidationOptions = DEFAULT_OPTIONS,
): ValidationResult {
  const errors = new Errors();
  checkKindUnchanged(body, current.kind, errors);
  const parsed = parsePayload(body, UPDATE_LIMITS, options, errors);
  checkRequiredNames(current.kind, parsed, current, errors);
  const addresses = resolveAddresses(parsed, current, errors);
  checkRecipientCountry(parsed, current, addresses, errors);
  if (errors.list.length > 0) return { ok: false, errors: errors.list };
  return { ok: true, draft: buildDraft(current.kind, parsed, current, addresses) };
}
