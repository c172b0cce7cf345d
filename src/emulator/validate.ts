/**
 * Payload validation for POST and PATCH /v2/clients, as pure functions.
 *
 * Independent from the importer's own validation on purpose: the emulator stands in
 * for Qonto, so it must be able to disagree with the importer.
 *
 * Error codes (the contract only shows `missing_key`; the rest is a small stable set):
 * - `missing_key`    required field absent, null or blank
 * - `too_long`       string (or array) longer than the documented maximum
 * - `invalid_format` wrong shape: e-mail, currency, locale, country code, Italian zip code
 * - `invalid_value`  not in an enumeration: kind/type, locale language, Italian province code
 * - `invalid_type`   wrong JSON type (number instead of string, string instead of object...)
 *
 * Leniency choice: a blank string ("" or spaces) in an optional field is treated as
 * "no value" and stored as null, the way a form would. Unknown keys are ignored.
 */
import type { ClientDraft, ClientKind, EmulatorAddress, EmulatorPhone } from "./types.js";

export type ErrorCode = "missing_key" | "too_long" | "invalid_format" | "invalid_value" | "invalid_type";

export interface FieldError {
  code: ErrorCode;
  detail: string;
  /** JSON pointer into the request body, e.g. "/billing_address/zip_code". */
  pointer: string;
}

export type ValidationResult = { ok: true; draft: ClientDraft } | { ok: false; errors: FieldError[] };

export interface ValidationOptions {
  /** Country of the emulated organization; `freelancer` needs "IT". */
  orgCountry: string;
}

export const ITALIAN_PROVINCE_CODES: ReadonlySet<string> = new Set(
  (
    "AG AL AN AO AP AQ AR AT AV BA BG BI BL BN BO BR BS BT BZ CA CB CE CH CL CN CO CR CS CT CZ EN FC FE " +
    "FG FI FM FR GE GO GR IM IS KR LC LE LI LO LT LU MB MC ME MI MN MO MS MT NA NO NU OR PA PC PD PE PG " +
    "PI PN PO PR PT PU PV PZ RA RC RE RG RI RM RN RO SA SI SO SP SR SS SU SV TA TE TN TO TP TR TS TV UD " +
    "VA VB VC VE VI VR VT VV"
  ).split(" "),
);

const KINDS: readonly ClientKind[] = ["individual", "company", "freelancer"];
const LOCALE_LANGUAGES: ReadonlySet<string> = new Set(["fr", "en", "it", "de", "es"]);
// Deliberately simple: one @, no spaces, a dot in the domain, no empty labels.
const EMAIL_RE = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const MAX_EXTRA_EMAILS = 100;
const MAX_EMAIL_LENGTH = 250;

/** Create limits come from create-client.openapi.md; the update page documents a longer TIN. */
const CREATE_LIMITS = { name: 250, personName: 60, vat: 20, tin: 20 } as const;
const UPDATE_LIMITS = { name: 250, personName: 60, vat: 20, tin: 30 } as const;
type Limits = typeof CREATE_LIMITS | typeof UPDATE_LIMITS;

const ADDRESS_KEYS = ["street_address", "city", "zip_code", "province_code", "country_code"] as const;
type AddressKey = (typeof ADDRESS_KEYS)[number];
/** Only the keys that were sent; null means "sent empty". */
type AddressPatch = Partial<Record<AddressKey, string | null>>;

// Marks a field that already produced an error, so no second error is reported for it.
const INVALID: unique symbol = Symbol("invalid");
type Invalid = typeof INVALID;
/** undefined = not sent, null = sent as null/blank. */
type Field<T> = T | null | undefined | Invalid;

type Json = Record<string, unknown>;

export function isJsonObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Length in Unicode code points, so "é" or an emoji counts as one character. */
function charLength(s: string): number {
  return [...s].length;
}

class Errors {
  readonly list: FieldError[] = [];
  /** The detail names the field, like the contract's example "reference is missing". */
  add(pointer: string, code: ErrorCode, detail: string): Invalid {
    const field = pointer.slice(1).replaceAll("/", ".");
    this.list.push({ pointer, code, detail: `${field} ${detail}` });
    return INVALID;
  }
}

function readString(obj: Json, key: string, pointer: string, errors: Errors, max?: number): Field<string> {
  if (!Object.hasOwn(obj, key)) return undefined;
  const value = obj[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") return errors.add(pointer, "invalid_type", "must be a string");
  if (value.trim() === "") return null;
  if (max !== undefined && charLength(value) > max) {
    return errors.add(pointer, "too_long", `is too long (maximum is ${max} characters)`);
  }
  return value;
}

function readEmail(obj: Json, key: string, pointer: string, errors: Errors): Field<string> {
  const value = readString(obj, key, pointer, errors);
  if (typeof value !== "string") return value;
  if (!EMAIL_RE.test(value.trim()))
    return errors.add(pointer, "invalid_format", "is not a valid e-mail address");
  return value;
}

function readExtraEmails(obj: Json, errors: Errors): Field<string[]> {
  if (!Object.hasOwn(obj, "extra_emails")) return undefined;
  const value = obj["extra_emails"];
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value))
    return errors.add("/extra_emails", "invalid_type", "must be an array of strings");
  if (value.length > MAX_EXTRA_EMAILS) {
    return errors.add(
      "/extra_emails",
      "too_long",
      `must contain at most ${MAX_EXTRA_EMAILS} e-mail addresses`,
    );
  }
  const out: string[] = [];
  let failed = false;
  value.forEach((item: unknown, i) => {
    const pointer = `/extra_emails/${i}`;
    if (typeof item !== "string") {
      failed = true;
      errors.add(pointer, "invalid_type", "must be a string");
    } else if (charLength(item) > MAX_EMAIL_LENGTH) {
      failed = true;
      errors.add(pointer, "too_long", `is too long (maximum is ${MAX_EMAIL_LENGTH} characters)`);
    } else if (!EMAIL_RE.test(item.trim())) {
      failed = true;
      errors.add(pointer, "invalid_format", "is not a valid e-mail address");
    } else {
      out.push(item);
    }
  });
  return failed ? INVALID : out;
}

function readPhone(obj: Json, errors: Errors): Field<EmulatorPhone> {
  if (!Object.hasOwn(obj, "phone")) return undefined;
  const value = obj["phone"];
  if (value === undefined || value === null) return null;
  if (!isJsonObject(value)) return errors.add("/phone", "invalid_type", "must be an object");
  const countryCode = readString(value, "country_code", "/phone/country_code", errors);
  const number = readString(value, "number", "/phone/number", errors);
  if (countryCode === undefined || countryCode === null) {
    errors.add("/phone/country_code", "missing_key", "is missing");
  }
  if (number === undefined || number === null) errors.add("/phone/number", "missing_key", "is missing");
  if (typeof countryCode !== "string" || typeof number !== "string") return INVALID;
  return { country_code: countryCode, number };
}

function readCurrency(obj: Json, errors: Errors): Field<string> {
  const value = readString(obj, "currency", "/currency", errors);
  if (typeof value !== "string") return value;
  if (!/^[A-Z]{3}$/.test(value)) {
    return errors.add("/currency", "invalid_format", "must be an ISO 4217 alpha-3 code (e.g. EUR)");
  }
  return value;
}

function readLocale(obj: Json, errors: Errors): Field<string> {
  const value = readString(obj, "locale", "/locale", errors);
  if (typeof value !== "string") return value;
  const match = /^([a-z]{2})(?:[-_][a-z]{2})?$/i.exec(value.trim());
  if (!match?.[1])
    return errors.add("/locale", "invalid_format", "must be a language code such as fr or fr-FR");
  const language = match[1].toLowerCase();
  if (!LOCALE_LANGUAGES.has(language)) {
    return errors.add("/locale", "invalid_value", "must be one of fr, en, it, de, es");
  }
  return language;
}

function readProvinceCode(obj: Json, key: string, pointer: string, errors: Errors): Field<string> {
  const value = readString(obj, key, pointer, errors, 2);
  if (typeof value !== "string") return value;
  const code = value.toUpperCase();
  if (!ITALIAN_PROVINCE_CODES.has(code)) {
    return errors.add(pointer, "invalid_value", "is not a valid Italian province code");
  }
  return code;
}

function readCountryCode(obj: Json, key: string, pointer: string, errors: Errors): Field<string> {
  const value = readString(obj, key, pointer, errors, 2);
  if (typeof value !== "string") return value;
  if (!/^[A-Za-z]{2}$/.test(value)) {
    return errors.add(pointer, "invalid_format", "must be a 2-letter ISO 3166 country code");
  }
  return value.toUpperCase();
}

/**
 * Reads an address group: either a nested object (`streetKey` = "street_address") or the
 * deprecated root-level fields (`streetKey` = "address", `prefix` = "").
 */
function readAddressFields(
  obj: Json,
  prefix: string,
  streetKey: string,
  errors: Errors,
): AddressPatch | Invalid {
  const fields: Record<AddressKey, Field<string>> = {
    street_address: readString(obj, streetKey, `${prefix}/${streetKey}`, errors, 250),
    city: readString(obj, "city", `${prefix}/city`, errors, 50),
    zip_code: readString(obj, "zip_code", `${prefix}/zip_code`, errors, 20),
    province_code: readProvinceCode(obj, "province_code", `${prefix}/province_code`, errors),
    country_code: readCountryCode(obj, "country_code", `${prefix}/country_code`, errors),
  };
  const patch: AddressPatch = {};
  let failed = false;
  for (const key of ADDRESS_KEYS) {
    const value = fields[key];
    if (value === INVALID) failed = true;
    else if (value !== undefined) patch[key] = value;
  }
  return failed ? INVALID : patch;
}

function readAddressObject(obj: Json, key: "billing_address" | "delivery_address", errors: Errors) {
  if (!Object.hasOwn(obj, key)) return undefined;
  const value = obj[key];
  if (value === undefined || value === null) return null;
  if (!isJsonObject(value)) return errors.add(`/${key}`, "invalid_type", "must be an object");
  return readAddressFields(value, `/${key}`, "street_address", errors);
}

const ROOT_ADDRESS_KEYS = ["address", "city", "zip_code", "province_code", "country_code"];

function readKind(body: Json, options: ValidationOptions, errors: Errors): Field<ClientKind> {
  // `kind` wins over the deprecated `type` when both are sent; `type` is then not even checked.
  const key = body["kind"] !== undefined && body["kind"] !== null ? "kind" : "type";
  const value = readString(body, key, `/${key}`, errors);
  if (value === INVALID) return INVALID;
  if (value === undefined || value === null) return errors.add("/kind", "missing_key", "is missing");
  const kind = KINDS.find((k) => k === value);
  if (!kind) return errors.add(`/${key}`, "invalid_value", `must be one of ${KINDS.join(", ")}`);
  if (kind === "freelancer" && options.orgCountry.toUpperCase() !== "IT") {
    return errors.add(`/${key}`, "invalid_value", "freelancer is only available for Italian organizations");
  }
  return kind;
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
  billing_address: Field<AddressPatch>;
  delivery_address: Field<AddressPatch>;
  /** Deprecated root-level address fields; undefined when none was sent. */
  root_address: AddressPatch | Invalid | undefined;
}

function parsePayload(body: Json, limits: Limits, errors: Errors): ParsedPayload {
  const rootSent = ROOT_ADDRESS_KEYS.some((k) => Object.hasOwn(body, k));
  return {
    name: readString(body, "name", "/name", errors, limits.name),
    first_name: readString(body, "first_name", "/first_name", errors, limits.personName),
    last_name: readString(body, "last_name", "/last_name", errors, limits.personName),
    email: readEmail(body, "email", "/email", errors),
    extra_emails: readExtraEmails(body, errors),
    phone: readPhone(body, errors),
    currency: readCurrency(body, errors),
    locale: readLocale(body, errors),
    vat_number: readString(body, "vat_number", "/vat_number", errors, limits.vat),
    tax_identification_number: readString(
      body,
      "tax_identification_number",
      "/tax_identification_number",
      errors,
      limits.tin,
    ),
    e_invoicing_address: readString(body, "e_invoicing_address", "/e_invoicing_address", errors),
    recipient_code: readString(body, "recipient_code", "/recipient_code", errors),
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

/** Contract: "For clients with Italy as a country, the value must be 5 characters". */
function checkItalianZip(
  address: { zip_code?: string | null; country_code?: string | null } | null,
  prefix: string,
  errors: Errors,
): void {
  if (address?.country_code !== "IT" || typeof address.zip_code !== "string") return;
  if (charLength(address.zip_code) !== 5) {
    errors.add(`${prefix}/zip_code`, "invalid_format", "must be exactly 5 characters for an Italian address");
  }
}

function resolveAddresses(
  parsed: ParsedPayload,
  existing: Pick<ClientDraft, "billing_address" | "delivery_address"> | null,
  errors: Errors,
): { billing: EmulatorAddress | null; delivery: EmulatorAddress | null } {
  const { billing_address: billingPatch, delivery_address: deliveryPatch, root_address: root } = parsed;
  let billing = existing?.billing_address ?? null;
  let billingPrefix = "/billing_address";

  // Contract: when both are sent, billing_address takes precedence and the root-level
  // fields are ignored as a whole (still validated, including the Italian zip rule).
  if (billingPatch !== undefined) {
    if (billingPatch === null) billing = null;
    else if (billingPatch !== INVALID) billing = mergeAddress(billing, billingPatch);
    if (root !== undefined && root !== INVALID) checkItalianZip(root, "", errors);
  } else if (root !== undefined && root !== INVALID) {
    billing = mergeAddress(billing, root);
    billingPrefix = "";
  }
  checkItalianZip(billing, billingPrefix, errors);

  let delivery = existing?.delivery_address ?? null;
  if (deliveryPatch === null) delivery = null;
  else if (deliveryPatch !== undefined && deliveryPatch !== INVALID)
    delivery = mergeAddress(delivery, deliveryPatch);
  checkItalianZip(delivery, "/delivery_address", errors);

  return { billing, delivery };
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

function buildDraft(
  kind: ClientKind,
  parsed: ParsedPayload,
  current: ClientDraft | null,
  addresses: { billing: EmulatorAddress | null; delivery: EmulatorAddress | null },
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
  const parsed = parsePayload(body, CREATE_LIMITS, errors);
  if (kind !== INVALID && kind !== null && kind !== undefined) checkRequiredNames(kind, parsed, null, errors);
  const addresses = resolveAddresses(parsed, null, errors);
  if (errors.list.length > 0 || kind === INVALID || kind === null || kind === undefined) {
    return { ok: false, errors: errors.list };
  }
  return { ok: true, draft: buildDraft(kind, parsed, null, addresses) };
}

/**
 * Validates a PATCH /v2/clients/{id} body against the stored client. Field formats are
 * checked on the body; name requirements and the Italian zip rule on the merged result.
 * `kind`/`type` are not part of the update schema and are ignored, like any unknown key.
 */
export function validateUpdatePayload(body: Json, current: ClientDraft): ValidationResult {
  const errors = new Errors();
  const parsed = parsePayload(body, UPDATE_LIMITS, errors);
  checkRequiredNames(current.kind, parsed, current, errors);
  const addresses = resolveAddresses(parsed, current, errors);
  if (errors.list.length > 0) return { ok: false, errors: errors.list };
  return { ok: true, draft: buildDraft(current.kind, parsed, current, addresses) };
}
