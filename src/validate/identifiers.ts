import stdnumPackage from "stdnum";
import type { ProblemCode } from "../problems.js";

// Check digits of VAT numbers and tax identification numbers come from stdnum (a port of python-stdnum, kept up
// to date with each country's rules) rather than from 30 hand-written algorithms.
const { stdnum } = stdnumPackage;

export interface Validator {
  validate(value: string): { isValid: boolean; error?: { name?: string } };
}

// A validator stdnum no longer has is a broken install or an incompatible upgrade: fail at start-up, loudly.
export function stdnumValidator(country: string, name: string): Validator {
  const validator = (stdnum as Record<string, Record<string, Validator | undefined> | undefined>)[country]?.[
    name
  ];
  if (validator === undefined) throw new Error(`stdnum has no ${country}.${name} validator`);
  return validator;
}

// Each EU member state's VAT number validator; Greece's prefix is EL, its country code GR.
const VAT_VALIDATORS: Record<string, Validator | undefined> = {
  AT: stdnumValidator("AT", "uid"),
  BE: stdnumValidator("BE", "vat"),
  BG: stdnumValidator("BG", "vat"),
  CY: stdnumValidator("CY", "vat"),
  CZ: stdnumValidator("CZ", "dic"),
  DE: stdnumValidator("DE", "vat"),
  DK: stdnumValidator("DK", "cvr"),
  EE: stdnumValidator("EE", "kmkr"),
  EL: stdnumValidator("GR", "vat"),
  ES: stdnumValidator("ES", "nif"),
  FI: stdnumValidator("FI", "alv"),
  FR: stdnumValidator("FR", "tva"),
  HR: stdnumValidator("HR", "oib"),
  HU: stdnumValidator("HU", "anum"),
  IE: stdnumValidator("IE", "vat"),
  IT: stdnumValidator("IT", "iva"),
  LT: stdnumValidator("LT", "pvm"),
  LU: stdnumValidator("LU", "tva"),
  LV: stdnumValidator("LV", "pvn"),
  MT: stdnumValidator("MT", "vat"),
  NL: stdnumValidator("NL", "btw"),
  PL: stdnumValidator("PL", "nip"),
  PT: stdnumValidator("PT", "nif"),
  RO: stdnumValidator("RO", "cif"),
  SE: stdnumValidator("SE", "vat"),
  SI: stdnumValidator("SI", "ddv"),
  SK: stdnumValidator("SK", "dph"),
};

export type IdentifierCheck =
  | { ok: true; value: string; warning?: { code: ProblemCode; message: string } }
  | { ok: false; code: ProblemCode; message: string };

/** The country a VAT prefix names: EL is Greece (GR). */
export function vatCountry(vat: string): string {
  const prefix = vat.slice(0, 2);
  return prefix === "EL" ? "GR" : prefix;
}

/**
 * A VAT number: separators and case normalized, a two-letter prefix, at most 20 characters, and for an EU member
 * state its format and check digits. A prefix that contradicts the client's country is a warning: it may be a
 * foreign registration, but it is more often a mistake.
 */
/** An identifier without separators, in capitals: how VAT numbers and tax ids are compared and sent. */
export function compactIdentifier(raw: string): string {
  return raw.replace(/[\s.\-/]/g, "").toUpperCase();
}

export function checkVat(raw: string, clientCountry: string | undefined): IdentifierCheck {
  let value = compactIdentifier(raw);
  // Greece's VAT prefix is EL; "GR" is a common slip for it.
  if (value.startsWith("GR") && /^GR\d{9}$/.test(value)) value = `EL${value.slice(2)}`;
  // A "Partita IVA" column usually holds the bare number: an EU client's own country gives the prefix, and the
  // check digits then say whether it was right.
  const ownPrefix = clientCountry === "GR" ? "EL" : clientCountry;
  const own = ownPrefix === undefined ? undefined : VAT_VALIDATORS[ownPrefix];
  if (/^\d/.test(value) && own !== undefined && own.validate(`${ownPrefix}${value}`).isValid)
    value = `${ownPrefix}${value}`;
  if (!/^[A-Z]{2}[A-Z0-9+*]{2,18}$/.test(value))
    return {
      ok: false,
      code: "vat_invalid",
      message: `"${raw}" is not a VAT number: it starts with a two-letter country prefix, then letters and digits, 20 characters at most`,
    };
  const prefix = value.slice(0, 2);
  const validator = VAT_VALIDATORS[prefix];
  if (validator !== undefined) {
    const result = validator.validate(value);
    if (!result.isValid) {
      const checksum = result.error?.name === "InvalidChecksum";
      return {
        ok: false,
        code: checksum ? "vat_check_digits" : "vat_invalid",
        message: checksum
          ? `"${raw}": the check digits do not match (a typo in the number?)`
          : `"${raw}" does not have the format of a ${prefix} VAT number`,
      };
    }
  }
  const country = vatCountry(value);
  if (clientCountry !== undefined && clientCountry !== country)
    return {
      ok: true,
      value,
      warning: {
        code: "vat_country_mismatch",
        message: `the VAT number is from ${country} but the client's country is ${clientCountry}`,
      },
    };
  return { ok: true, value };
}

/**
 * A tax identification number, checked where the country's format is known: France SIREN (9 digits) or SIRET
 * (14, Luhn, with La Poste's exception), Italy codice fiscale (16, with omocodia) or partita IVA (11), Spain
 * NIF / NIE / CIF, Germany Steuernummer. Elsewhere: letters and digits, 20 at most.
 */
export function checkTaxId(raw: string, country: string | undefined): IdentifierCheck {
  const value = compactIdentifier(raw);
  if (!/^[A-Z0-9]{1,20}$/.test(value))
    return {
      ok: false,
      code: "tax_id_invalid",
      message: `"${raw}" is not a tax identification number (letters and digits, 20 at most)`,
    };
  const validator = taxIdValidator(value, country);
  if (validator === undefined) return { ok: true, value };
  const [name, check] = validator;
  const result = check.validate(value);
  if (result.isValid) return { ok: true, value };
  const checksum = result.error?.name === "InvalidChecksum";
  return {
    ok: false,
    code: checksum ? "tax_id_check_digits" : "tax_id_invalid",
    message: checksum
      ? `"${raw}": the check digits of this ${name} do not match (a typo in the number?)`
      : `"${raw}" does not have the format of a ${name}`,
  };
}

function taxIdValidator(value: string, country: string | undefined): [string, Validator] | undefined {
  switch (country) {
    case "FR":
      if (/^\d{9}$/.test(value)) return ["SIREN", stdnumValidator("FR", "siren")];
      if (/^\d{14}$/.test(value)) return ["SIRET", stdnumValidator("FR", "siret")];
      return ["SIREN or SIRET (9 or 14 digits)", { validate: () => ({ isValid: false }) }];
    case "IT":
      if (/^\d{11}$/.test(value)) return ["partita IVA", stdnumValidator("IT", "iva")];
      return ["codice fiscale", stdnumValidator("IT", "codicefiscale")];
    case "ES":
      return ["NIF / NIE / CIF", stdnumValidator("ES", "nif")];
    case "DE":
      return ["Steuernummer", stdnumValidator("DE", "stnr")];
    default:
      return undefined;
  }
}
