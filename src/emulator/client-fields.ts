/**
 * The client validator's rules for single fields: e-mail addresses, phone, currency, locale, VAT number, e-invoicing
 * address and recipient code. Each reads its field from the payload and reports what is wrong with it.
 */
import { CURRENCY_CODES } from "./client-codes.js";
import { isJsonObject } from "./payload.js";
import {
  Errors,
  INVALID,
  charLength,
  readString,
  refine,
  type Field,
  type Json,
  type ValidationOptions,
} from "./client-read.js";
import type { EmulatorPhone } from "./types.js";

/** Contract: "French, English, Italian, German, and Spanish". */
const LOCALE_LANGUAGES: ReadonlySet<string> = new Set(["fr", "en", "it", "de", "es"]);
const MAX_EXTRA_EMAILS = 100;
const MAX_EMAIL_LENGTH = 250;

// `format: email` is RFC 5321's Mailbox: ASCII dot-atom local part (at most 64 characters) and a
// host name with a dot. Contract silent on quoted local parts, IP literals and IDN: all refused.
const EMAIL_LOCAL_RE = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL_RE = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TLD_RE = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

function isEmail(value: string): boolean {
  const at = value.lastIndexOf("@");
  if (at <= 0) return false;
  const local = value.slice(0, at);
  const labels = value.slice(at + 1).split(".");
  const tld = labels[labels.length - 1] ?? "";
  return (
    local.length <= 64 &&
    EMAIL_LOCAL_RE.test(local) &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL_RE.test(label)) &&
    TLD_RE.test(tld)
  );
}

export function readEmail(obj: Json, errors: Errors): Field<string> {
  // Contract silent on the length of `email`: the 250 of each extra_emails item.
  return refine(readString(obj, "email", "/email", errors, MAX_EMAIL_LENGTH), (value) =>
    isEmail(value) ? value : errors.add("/email", "invalid_format", "is not a valid e-mail address"),
  );
}

export function readExtraEmails(obj: Json, errors: Errors): Field<string[]> {
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
    } else if (!isEmail(item)) {
      failed = true;
      errors.add(pointer, "invalid_format", "is not a valid e-mail address");
    } else {
      out.push(item);
    }
  });
  return failed ? INVALID : out;
}

// Contract silent on the phone's format; its examples are "+33" and "123456789". We follow
// E.164: a 1-3 digit calling code, digits only, at most 15 digits in all.
const E164_MAX_DIGITS = 15;

export function readPhone(obj: Json, errors: Errors): Field<EmulatorPhone> {
  if (!Object.hasOwn(obj, "phone")) return undefined;
  const value = obj["phone"];
  if (value === undefined || value === null) return null;
  if (!isJsonObject(value)) return errors.add("/phone", "invalid_type", "must be an object");
  let countryCode = readString(value, "country_code", "/phone/country_code", errors);
  let number = readString(value, "number", "/phone/number", errors);
  if (countryCode === undefined || countryCode === null) {
    countryCode = errors.add("/phone/country_code", "missing_key", "is missing");
  }
  if (number === undefined || number === null)
    number = errors.add("/phone/number", "missing_key", "is missing");
  countryCode = refine(countryCode, (cc) =>
    /^\+[1-9]\d{0,2}$/.test(cc)
      ? cc
      : errors.add(
          "/phone/country_code",
          "invalid_format",
          "must be + and a 1 to 3 digit calling code (e.g. +33)",
        ),
  );
  number = refine(number, (n) =>
    /^\d+$/.test(n) ? n : errors.add("/phone/number", "invalid_format", "must contain digits only"),
  );
  if (typeof countryCode !== "string" || typeof number !== "string") return INVALID;
  if (countryCode.length - 1 + number.length > E164_MAX_DIGITS) {
    return errors.add(
      "/phone/number",
      "too_long",
      `is too long (at most ${E164_MAX_DIGITS} digits with the calling code)`,
    );
  }
  return { country_code: countryCode, number };
}

export function readCurrency(obj: Json, errors: Errors): Field<string> {
  return refine(readString(obj, "currency", "/currency", errors), (value) => {
    if (!/^[A-Z]{3}$/.test(value)) {
      return errors.add("/currency", "invalid_format", "must be an ISO 4217 alpha-3 code (e.g. EUR)");
    }
    if (!CURRENCY_CODES.has(value)) {
      return errors.add("/currency", "invalid_value", "is not a circulating ISO 4217 currency");
    }
    return value;
  });
}

export function readLocale(obj: Json, errors: Errors): Field<string> {
  return refine(readString(obj, "locale", "/locale", errors), (value) => {
    // The contract accepts "fr-FR" and ignores the region; silent on "fr_FR": refused.
    const match = /^([a-z]{2})(?:-[a-z]{2})?$/i.exec(value);
    if (!match?.[1])
      return errors.add("/locale", "invalid_format", "must be a language code such as fr or fr-FR");
    const language = match[1].toLowerCase();
    if (!LOCALE_LANGUAGES.has(language)) {
      return errors.add("/locale", "invalid_value", "must be one of fr, en, it, de, es");
    }
    return language;
  });
}

export function readVatNumber(obj: Json, max: number, errors: Errors): Field<string> {
  return refine(readString(obj, "vat_number", "/vat_number", errors, max), (value) => {
    // Contract: one starting with FR is FR + a 2-character key (digits or letters) + the 9-digit
    // SIREN. Silent on lower case and spaces: both refused, "fr" included.
    if (/^fr/i.test(value) && !/^FR[0-9A-Z]{2}\d{9}$/.test(value)) {
      return errors.add(
        "/vat_number",
        "invalid_format",
        "must be FR, a 2-character key and a 9-digit SIREN (e.g. FR12345678901)",
      );
    }
    return value;
  });
}

/** Luhn check digit, as used by SIREN and SIRET. */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

const LA_POSTE_SIREN = "356000000";

/** La Poste's establishments do not follow Luhn: their SIRET's digits add up to a multiple of 5. */
function validSiret(siret: string): boolean {
  if (!siret.startsWith(LA_POSTE_SIREN)) return luhn(siret);
  return [...siret].reduce((sum, c) => sum + Number(c), 0) % 5 === 0;
}

/** Why an e-invoicing address is refused, or undefined when it is acceptable. */
function einvoicingProblem(value: string): string | undefined {
  const [siren = "", second, routing, ...rest] = value.split("_");
  if (!/^\d{9}$/.test(siren) || rest.length > 0 || second === "" || routing === "") {
    return "must be siren, siren_siret, siren_siret_routingCode or siren_suffix (e.g. 123456782_12345678200002)";
  }
  // The contract requires the address to exist in the Annuaire; a bad check digit never can.
  if (!luhn(siren)) return `has a SIREN (${siren}) whose check digit is wrong`;
  if (second === undefined) return undefined;
  // Contract silent on telling a suffix from a SIRET: 14 digits are read as a SIRET.
  if (/^\d{14}$/.test(second)) {
    if (!second.startsWith(siren)) return `has a SIRET (${second}) that does not begin with its SIREN`;
    if (!validSiret(second)) return `has a SIRET (${second}) whose check digit is wrong`;
  } else if (routing !== undefined) {
    return "has a routing code, which only follows a 14-digit SIRET";
  }
  // Contract silent on the suffix's and routing code's characters: letters and digits only.
  const tail = routing ?? second;
  if (!/^[A-Za-z0-9]+$/.test(tail)) return "has a suffix or routing code that is not letters and digits";
  return undefined;
}

export function readEinvoicingAddress(obj: Json, options: ValidationOptions, errors: Errors): Field<string> {
  const pointer = "/e_invoicing_address";
  return refine(readString(obj, "e_invoicing_address", pointer, errors), (value) => {
    const problem = einvoicingProblem(value);
    if (problem !== undefined) return errors.add(pointer, "invalid_format", problem);
    // Contract: "Specifically for French organizations"; read as refused for the others.
    if (options.orgCountry.toUpperCase() !== "FR") {
      return errors.add(pointer, "invalid_value", "is only available for French organizations");
    }
    return value;
  });
}

export function readRecipientCode(obj: Json, errors: Errors): Field<string> {
  return refine(readString(obj, "recipient_code", "/recipient_code", errors), (value) =>
    // Contract silent on the format: SdI codes are 7 (6 for public bodies) upper-case letters/digits.
    /^[A-Z0-9]{6,7}$/.test(value)
      ? value
      : errors.add("/recipient_code", "invalid_format", "must be 6 or 7 upper-case letters or digits"),
  );
}
