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
 *
 * This module puts a create or update payload together (kind, required names, which address wins, the recipient
 * code's country, the draft). The single-field rules are in client-fields.ts, the address rules in
 * client-address.ts, the reader they share in client-read.ts, the code lists in client-codes.ts.
 */
import {
  Errors,
  INVALID,
  readString,
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
import {
  ROOT_ADDRESS_KEYS,
  applyAddress,
  checkItalianZip,
  readAddressFields,
  readAddressObject,
  type AddressKey,
  type AddressRead,
} from "./client-address.js";
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

/** Merged addresses; only used as the draft when no error was found. */
interface ResolvedAddresses {
  billing: EmulatorAddress | null;
  /** False when the billing country sent was invalid, so the client's country is unknown. */
  billingCountryKnown: boolean;
  delivery: EmulatorAddress | null;
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
