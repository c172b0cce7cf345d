import stdnumPackage from "stdnum";
import type { ProblemCode } from "../problems.js";

// Check digits of VAT numbers and tax identification numbers come from stdnum (a port of python-stdnum, kept up
// to date with each country's rules) rather than from 30 hand-written algorithms.
const { stdnum } = stdnumPackage;

interface Validator {
  validate(value: string): { isValid: boolean; error?: { name?: string } };
}

// A validator stdnum no longer has is a broken install or an incompatible upgrade: fail at start-up, loudly.
function pick(country: string, name: string): Validator {
  const validator = (stdnum as Record<string, Record<string, Validator | undefined> | undefined>)[country]?.[
    name
  ];
  if (validator === undefined) throw new Error(`stdnum has no ${country}.${name} validator`);
  return validator;
}

// Each EU member state's VAT number validator; Greece's prefix is EL, its country code GR.
const VAT_VALIDATORS: Record<string, Validator | undefined> = {
  AT: pick("AT", "uid"),
  BE: pick("BE", "vat"),
  BG: pick("BG", "vat"),
  CY: pick("CY", "vat"),
  CZ: pick("CZ", "dic"),
  DE: pick("DE", "vat"),
  DK: pick("DK", "cvr"),
  EE: pick("EE", "kmkr"),
  EL: pick("GR", "vat"),
  ES: pick("ES", "nif"),
  FI: pick("FI", "alv"),
  FR: pick("FR", "tva"),
  HR: pick("HR", "oib"),
  HU: pick("HU", "anum"),
  IE: pick("IE", "vat"),
  IT: pick("IT", "iva"),
  LT: pick("LT", "pvm"),
  LU: pick("LU", "tva"),
  LV: pick("LV", "pvn"),
  MT: pick("MT", "vat"),
  NL: pick("NL", "btw"),
  PL: pick("PL", "nip"),
  PT: pick("PT", "nif"),
  RO: pick("RO", "cif"),
  SE: pick("SE", "vat"),
  SI: pick("SI", "ddv"),
  SK: pick("SK", "dph"),
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
export function checkVat(raw: string, clientCountry: string | undefined): IdentifierCheck {
  let value = raw.replace(/[\s.\-/]/g, "").toUpperCase();
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
  const value = raw.replace(/[\s.\-/]/g, "").toUpperCase();
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
      if (/^\d{9}$/.test(value)) return ["SIREN", pick("FR", "siren")];
      if (/^\d{14}$/.test(value)) return ["SIRET", pick("FR", "siret")];
      return ["SIREN or SIRET (9 or 14 digits)", { validate: () => ({ isValid: false }) }];
    case "IT":
      if (/^\d{11}$/.test(value)) return ["partita IVA", pick("IT", "iva")];
      return ["codice fiscale", pick("IT", "codicefiscale")];
    case "ES":
      return ["NIF / NIE / CIF", pick("ES", "nif")];
    case "DE":
      return ["Steuernummer", pick("DE", "stnr")];
    default:
      return undefined;
  }
}
