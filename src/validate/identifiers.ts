import stdnumPackage from "stdnum";
import type { ProblemCode } from "../problems.js";
import { normalizeCountry } from "./countries.js";

// Check digits of VAT numbers and tax identification numbers come from stdnum (a port of python-stdnum, kept up
// to date with each country's rules) rather than from 30 hand-written algorithms. Where stdnum 1.12 departs from
// python-stdnum (test/identifiers-reference.test.ts measures it), a few lines below follow python-stdnum.
const { stdnum } = stdnumPackage;

export interface Validator {
  validate(value: string): { isValid: boolean; compact?: string; error?: { name?: string } };
}

// A validator stdnum no longer has is a broken install or an incompatible upgrade: fail at start-up, loudly.
export function stdnumValidator(country: string, name: string): Validator {
  const validator = (stdnum as Record<string, Record<string, Validator | undefined> | undefined>)[country]?.[
    name
  ];
  if (validator === undefined) throw new Error(`stdnum has no ${country}.${name} validator`);
  return validator;
}

type Verdict = { isValid: true; compact: string } | { isValid: false; checksum: boolean };

/** A rule's verdict on a number written with its prefix; the compact form has the prefix. */
type Rule = (prefixed: string) => Verdict;

const fromStdnum =
  (validator: Validator): Rule =>
  (prefixed) => {
    const result = validator.validate(prefixed);
    if (!result.isValid) return { isValid: false, checksum: result.error?.name === "InvalidChecksum" };
    const prefix = prefixed.slice(0, 2);
    const compact = result.compact ?? prefixed;
    return { isValid: true, compact: compact.startsWith(prefix) ? compact : `${prefix}${compact}` };
  };

const digitsOf = (s: string) => [...s].map(Number);
const weighted = (s: string, weights: readonly number[]) =>
  digitsOf(s).reduce((sum, d, i) => sum + d * (weights[i] ?? 0), 0);
const failed = (checksum: boolean): Verdict => ({ isValid: false, checksum });

/** Whether year, month and day make a date of the Gregorian calendar. */
const isDate = (year: number, month: number, day: number) => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

// Bulgaria: stdnum 1.12 refuses numbers that do not start with 0-3 or 9, but companies' EIK start with any
// digit; and it takes any 10 digits with the EGN's check digit for an EGN, whose first six are a birth date.
const bgPnf = stdnumValidator("BG", "pnf");
const bgEgn = (n: string) => {
  let [year, month] = [1900 + Number(n.slice(0, 2)), Number(n.slice(2, 4))];
  if (month > 40) [year, month] = [year + 100, month - 40];
  else if (month > 20) [year, month] = [year - 100, month - 20];
  const check = (weighted(n, [2, 4, 8, 5, 10, 9, 7, 3, 6]) % 11) % 10;
  return isDate(year, month, Number(n.slice(4, 6))) && String(check) === n[9];
};
const bulgaria: Rule = (prefixed) => {
  const n = prefixed.slice(2);
  if (!/^\d{9,10}$/.test(n)) return failed(false);
  if (n.length === 9) {
    let check = weighted(n, [1, 2, 3, 4, 5, 6, 7, 8]) % 11;
    if (check === 10) check = weighted(n, [3, 4, 5, 6, 7, 8, 9, 10]) % 11;
    return String(check % 10) === n[8] ? { isValid: true, compact: prefixed } : failed(true);
  }
  const other = (11 - (weighted(n, [4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11)) % 11;
  const valid = bgEgn(n) || bgPnf.validate(n).isValid || String(other) === n[9];
  return valid ? { isValid: true, compact: prefixed } : failed(true);
};

// The Netherlands: the number after B is 01 or more, which stdnum 1.12 does not check.
const nlBtw = fromStdnum(stdnumValidator("NL", "btw"));
const netherlands: Rule = (prefixed) => (/B00$/.test(prefixed) ? failed(false) : nlBtw(prefixed));

// Czechia: stdnum 1.12 weighs the leading 6 of the 9-digit special numbers, which the rule leaves out.
const czDic = fromStdnum(stdnumValidator("CZ", "dic"));
const czechia: Rule = (prefixed) => {
  const n = prefixed.slice(2);
  if (!/^6\d{8}$/.test(n)) return czDic(prefixed);
  const check = weighted(n.slice(1, 8), [8, 7, 6, 5, 4, 3, 2]) % 11;
  // (8 - x) may be negative: Python's modulo, which the rule is written in, is never.
  return String((((8 - ((10 - check) % 11)) % 10) + 10) % 10) === n[8]
    ? { isValid: true, compact: prefixed }
    : failed(true);
};

// Slovakia: the rule's digit in 2, 3, 4, 7, 8, 9 is the third, not the first as in stdnum 1.12; a birth number
// (rodné číslo) is accepted too.
const czRc = stdnumValidator("CZ", "rc");
const slovakia: Rule = (prefixed) => {
  const n = prefixed.slice(2);
  if (!/^\d{10}$/.test(n)) return failed(false);
  if (czRc.validate(n).isValid) return { isValid: true, compact: prefixed };
  if (n[0] === "0" || !"234789".includes(n[2] ?? "")) return failed(false);
  return BigInt(n) % 11n === 0n ? { isValid: true, compact: prefixed } : failed(true);
};

// Each EU member state's VAT number rule by its prefix (Greece's is EL), and the non-EU numbers stdnum knows:
// Switzerland, the United Kingdom (XI: Northern Ireland's numbers under EU rules for goods) and Norway.
const VAT_RULES: Record<string, Rule | undefined> = {
  AT: fromStdnum(stdnumValidator("AT", "uid")),
  BE: fromStdnum(stdnumValidator("BE", "vat")),
  BG: bulgaria,
  CY: fromStdnum(stdnumValidator("CY", "vat")),
  CZ: czechia,
  DE: fromStdnum(stdnumValidator("DE", "vat")),
  DK: fromStdnum(stdnumValidator("DK", "cvr")),
  EE: fromStdnum(stdnumValidator("EE", "kmkr")),
  EL: fromStdnum(stdnumValidator("GR", "vat")),
  ES: fromStdnum(stdnumValidator("ES", "nif")),
  FI: fromStdnum(stdnumValidator("FI", "alv")),
  FR: fromStdnum(stdnumValidator("FR", "tva")),
  HR: fromStdnum(stdnumValidator("HR", "oib")),
  HU: fromStdnum(stdnumValidator("HU", "anum")),
  IE: fromStdnum(stdnumValidator("IE", "vat")),
  IT: fromStdnum(stdnumValidator("IT", "iva")),
  LT: fromStdnum(stdnumValidator("LT", "pvm")),
  LU: fromStdnum(stdnumValidator("LU", "tva")),
  LV: fromStdnum(stdnumValidator("LV", "pvn")),
  MT: fromStdnum(stdnumValidator("MT", "vat")),
  NL: netherlands,
  PL: fromStdnum(stdnumValidator("PL", "nip")),
  PT: fromStdnum(stdnumValidator("PT", "nif")),
  RO: fromStdnum(stdnumValidator("RO", "cif")),
  SE: fromStdnum(stdnumValidator("SE", "vat")),
  SI: fromStdnum(stdnumValidator("SI", "ddv")),
  SK: slovakia,
  CH: fromStdnum(stdnumValidator("CH", "vat")),
  GB: fromStdnum(stdnumValidator("GB", "vat")),
  XI: (prefixed) => {
    const verdict = VAT_RULES.GB?.(`GB${prefixed.slice(2)}`) ?? failed(false);
    return verdict.isValid ? { isValid: true, compact: `XI${verdict.compact.slice(2)}` } : verdict;
  },
  NO: fromStdnum(stdnumValidator("NO", "mva")),
};

export type IdentifierCheck =
  | { ok: true; value: string; warning?: { code: ProblemCode; message: string } }
  | { ok: false; code: ProblemCode; message: string };

/** The country a VAT prefix names: EL is Greece (GR), XI Northern Ireland (GB). */
export function vatCountry(vat: string): string {
  const prefix = vat.slice(0, 2);
  return prefix === "EL" ? "GR" : prefix === "XI" ? "GB" : prefix;
}

// Between groups of characters people put spaces of any width, dots, hyphens and dashes, slashes; zero-width
// characters come with text pasted from web pages. NFKC has already made fullwidth characters ASCII and
// no-break spaces plain ones.
const SEPARATORS = /[\s.\-/\u00b7\u2010-\u2015\u2212\u200b-\u200d\u2060\ufeff]/g;

/** An identifier without separators, in capitals: how VAT numbers and tax ids are compared and sent. */
export function compactIdentifier(raw: string): string {
  return raw.normalize("NFKC").replace(SEPARATORS, "").toUpperCase();
}

// Words written before a VAT number ("TVA FR…", "N° TVA intracom : …", "USt-IdNr. DE…", "P.IVA 0123…"), folded
// to lower case without accents. CORE words say "VAT number" by themselves; the others only go with one or end
// in punctuation ("Nr. DE…").
const CORE_LABEL_WORDS = new Set(
  (
    "tva vat iva btw mwst ust ustid ustidnr uid cif nif nipc moms momsnr alv dic ic dph ddv pvm pvn kmkr nip " +
    "cui afm αφμ oib cvr"
  ).split(" "),
);
const LABEL_WORDS = new Set([
  ...CORE_LABEL_WORDS,
  ..."n no nr num numero number nummer de du d di del reg registration id idnr intra intracom intracommunautaire intracomunitario communautaire p partita code identification identificacion".split(
    " ",
  ),
]);
// Label words that are also country prefixes: last before digits, they are the prefix ("VAT DE 136…", "DE-136…",
// "VAT NO 974… MVA"), unless a colon (or for "No", a dot) says they end a label ("VAT No. 974…", "ID: 136…").
const PREFIX_WORDS = new Set(["de", "no", "id"]);
const LABEL_WORD = /^\s*(\p{L}+)([\s.:°#'’\-\u2010-\u2015/]*)/u;

const fold = (word: string) => word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** The text after a label such as "TVA" or "N° TVA intracom :", or the text itself when it has none. */
function stripLabel(text: string): string {
  let rest = text;
  let core = false;
  let punctuated = false;
  let before = text; // the text before the last word taken
  let lastWord = "";
  let lastAfter = "";
  let lastBefore = ""; // the separator before the last word taken
  for (;;) {
    const m = LABEL_WORD.exec(rest);
    if (m === null) break;
    const [all, word = "", after = ""] = m;
    const folded = fold(word);
    // A word glued to what follows ("DE136695976", "TVAFR…") is the number's own prefix or part of it.
    if (!LABEL_WORDS.has(folded) || (after === "" && all.length < rest.length)) break;
    before = rest;
    rest = rest.slice(all.length);
    core ||= CORE_LABEL_WORDS.has(folded);
    lastWord = folded;
    lastBefore = lastAfter;
    lastAfter = after;
    punctuated = after.trim() !== "";
  }
  if (rest === text) return text;
  const endsLabel =
    lastAfter.includes(":") ||
    (lastWord === "no" && lastAfter.includes(".")) ||
    /^[-\u2010-\u2015]+$/.test(lastBefore); // joined to the word before it: "USt-ID", "UID-No"
  if (PREFIX_WORDS.has(lastWord) && /^\d/.test(rest) && !endsLabel) rest = before;
  if (!/\d/.test(rest) || (!core && !punctuated)) return text;
  return rest;
}

/** A VAT number written in a cell: its label left out, normalized and compacted, Greece's GR written EL. */
export function compactVat(raw: string): string {
  const value = compactIdentifier(stripLabel(raw.normalize("NFKC")));
  return value.startsWith("GR") ? `EL${value.slice(2)}` : value;
}

// Spanish numbers people type when they do not know the real one: the textbook DNI and all-zero bodies. Their
// check characters are right, so only this list tells them apart.
function isSpanishPlaceholder(nif: string): boolean {
  if (nif === "12345678Z") return true;
  // A DNI is 8 digits and a letter; a NIE, a CIF and a K/L/M number a letter, 7 digits and a check character.
  const body = /^\d{8}[A-Z]$/.test(nif) ? nif.slice(0, 8) : nif.slice(1, 8);
  return /^0+$/.test(body);
}

/** The VAT prefix of a client's country: Greece's is EL. */
const prefixOf = (country: string | undefined) => (country === "GR" ? "EL" : country);

/**
 * A VAT number: a label before it left out, separators and case normalized, and the prefix (the client's
 * country gives it when the number has none). An EU member state's number, and a Swiss, British or Norwegian
 * one, must pass its format and check digits; another country's is sent with a warning that it was not checked;
 * two letters that are no country (XX, the OSS scheme's EU) are refused. A prefix that contradicts the client's
 * country is a warning: it may be a foreign registration, but it is more often a mistake.
 */
export function checkVat(raw: string, clientCountry: string | undefined): IdentifierCheck {
  const value = compactVat(raw);
  const own = prefixOf(clientCountry);
  const ownRule = own === undefined ? undefined : VAT_RULES[own];
  const lettered = /^[A-Z]{2}/.test(value);
  const prefix = lettered ? value.slice(0, 2) : undefined;
  const rule = prefix === undefined ? undefined : VAT_RULES[prefix];

  const accept = (number: string): IdentifierCheck => {
    const country = vatCountry(number);
    if (number.startsWith("ES") && isSpanishPlaceholder(number.slice(2)))
      return {
        ok: false,
        code: "vat_invalid",
        message: `"${raw}" is a placeholder (an example or all-zero number), not a Spanish VAT number`,
      };
    if (clientCountry !== undefined && clientCountry !== country)
      return {
        ok: true,
        value: number,
        warning: {
          code: "vat_country_mismatch",
          message: `the VAT number is from ${country} but the client's country is ${clientCountry}`,
        },
      };
    return { ok: true, value: number };
  };
  const refuse = (verdict: { checksum: boolean }, countryPrefix: string): IdentifierCheck => ({
    ok: false,
    code: verdict.checksum ? "vat_check_digits" : "vat_invalid",
    message: verdict.checksum
      ? `"${raw}": the check digits do not match (a typo in the number?)`
      : `"${raw}" does not have the format of a ${countryPrefix} VAT number`,
  });
  if (value.length > 20 || !/^[A-Z0-9+*]+$/.test(value) || !/\d/.test(value))
    return {
      ok: false,
      code: "vat_invalid",
      message: `"${raw}" is not a VAT number: it starts with a two-letter country prefix, then letters and digits, 20 characters at most`,
    };

  // The number as written, when its prefix is one we check.
  const asWritten = rule?.(value);
  if (asWritten?.isValid === true) return accept(asWritten.compact);
  // A number without its prefix ("U12345678", "B12345674", "0123.456.789"): the client's country gives it. A
  // French number's key may start with two letters, so this is tried for those too.
  const ownPrefixed =
    ownRule !== undefined && own !== undefined && !value.startsWith(own)
      ? ownRule(`${own}${value}`)
      : undefined;
  if (ownPrefixed?.isValid === true) return accept(ownPrefixed.compact);
  if (asWritten !== undefined && prefix !== undefined) return refuse(asWritten, prefix);
  // Digits, or two letters that are no country, in a number that has the client's country's format and only
  // its check digits wrong: a typo in a number of that country. Two letters that are a country we have no rule
  // for (a French key may spell "US") are that country's prefix: sent with a warning rather than refused.
  const named = prefix === undefined ? undefined : normalizeCountry(prefix);
  if (
    ownPrefixed !== undefined &&
    own !== undefined &&
    (!lettered || (ownPrefixed.checksum && named !== prefix))
  ) {
    if (own === "FR" && /^\d{9}$/.test(value))
      return {
        ok: false,
        code: "vat_invalid",
        message: `"${raw}" is a SIREN, not a VAT number: a French VAT number is FR, a two-character key, then the SIREN`,
      };
    return refuse(ownPrefixed, own);
  }
  if (prefix === undefined)
    return {
      ok: false,
      code: "vat_invalid",
      message: `"${raw}" has no country prefix${clientCountry === undefined ? " and the client has no country to give it" : ""}: write it as the VAT number starts, e.g. FR12345678901`,
    };
  // Two letters that are no country: a slip (UK for GB), the OSS scheme's EU, or no prefix at all.
  if (named !== prefix)
    return {
      ok: false,
      code: "vat_invalid",
      message:
        prefix === "EU"
          ? `"${raw}" is an OSS registration number (EU…), not a client's VAT number`
          : named !== undefined && /^[A-Z]{2}$/.test(named)
            ? `"${raw}": ${prefix} is not a VAT prefix (${named}'s numbers start with ${prefixOf(named) ?? named})`
            : `"${raw}" does not start with a country prefix (${prefix} is no country)`,
    };
  // A country whose numbers we have no rule for: sent as written, and said so.
  const country = vatCountry(value);
  return {
    ok: true,
    value,
    warning:
      clientCountry !== undefined && clientCountry !== country
        ? {
            code: "vat_country_mismatch",
            message: `the VAT number is from ${country} (a format we do not check) but the client's country is ${clientCountry}`,
          }
        : { code: "vat_not_checked", message: `${country} VAT numbers are not checked; sent as written` },
  };
}

/** Days in a month of a two-digit year: 00 is 2000 and every year that 4 divides is a leap year. */
const daysIn = (month: number, yy: number) =>
  month === 2 ? (yy % 4 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

// The codice fiscale's digits may be replaced by letters (omocodia) when two people would share a code.
const OMOCODIA = "LMNPQRSTUV";
const cfNumber = (s: string) =>
  Number([...s].map((c) => (OMOCODIA.includes(c) ? String(OMOCODIA.indexOf(c)) : c)).join(""));

/** Whether a codice fiscale's birth date is a date: the month letter, the day 1-31 (41-71 for women). */
function codiceFiscaleDateValid(cf: string): boolean {
  const month = "ABCDEHLMPRST".indexOf(cf[8] ?? "") + 1;
  const code = cfNumber(cf.slice(9, 11));
  const day = code > 40 ? code - 40 : code;
  return month > 0 && day >= 1 && day <= daysIn(month, cfNumber(cf.slice(6, 8)));
}

// The German Steuernummer's formats (python-stdnum's de.stnr): 10 or 11 digits as a Land writes it, or the
// 13-digit country-wide form with the Land's code. It has no check digit we can verify; stdnum 1.12 wrongly
// applies the Steuer-ID's repeated-digit rule to it.
const STEUERNUMMER =
  /^(?:\d{10,11}|(?:28\d\d|9\d{3}|11\d\d|30\d\d|24\d\d|22\d\d|26\d\d|40\d\d|23\d\d|5\d{3}|27\d\d|10\d\d|32\d\d|31\d\d|21\d\d|41\d\d)0\d{8})$/;

const checked = (name: string, validator: Validator): [string, Validator] => [name, validator];
const SIREN = stdnumValidator("FR", "siren");
const SIRET = stdnumValidator("FR", "siret");
const PARTITA_IVA = stdnumValidator("IT", "iva");
const CODICE_FISCALE = stdnumValidator("IT", "codicefiscale");
const NIF = stdnumValidator("ES", "nif");
const STEUER_ID = stdnumValidator("DE", "idnr");

/**
 * A tax identification number, checked where the country's format is known: France SIREN (9 digits) or SIRET
 * (14, Luhn, with La Poste's exception), either where the other is asked; Italy codice fiscale (16, with
 * omocodia, its birth date a date) or partita IVA (11, also with its IT prefix, which is not sent); Spain NIF /
 * NIE / CIF, placeholders refused; Germany Steuer-ID or Steuernummer. Elsewhere: letters and digits, 20 at most.
 */
export function checkTaxId(raw: string, country: string | undefined): IdentifierCheck {
  let value = compactIdentifier(raw);
  if (!/^[A-Z0-9]{1,20}$/.test(value))
    return {
      ok: false,
      code: "tax_id_invalid",
      message: `"${raw}" is not a tax identification number (letters and digits, 20 at most)`,
    };
  // The partita IVA written as the VAT number is, with its prefix: the tax id is the number without it.
  if (country === "IT" && /^IT\d{11}$/.test(value)) value = value.slice(2);
  const validator = taxIdValidator(value, country);
  if (validator === undefined) return { ok: true, value };
  const [name, check] = validator;
  const result = check.validate(value);
  if (result.isValid) {
    if (country === "ES" && isSpanishPlaceholder(result.compact ?? value))
      return {
        ok: false,
        code: "tax_id_invalid",
        message: `"${raw}" is a placeholder (an example or all-zero number), not a real ${name}`,
      };
    return { ok: true, value: result.compact ?? value };
  }
  const checksum = result.error?.name === "InvalidChecksum";
  return {
    ok: false,
    code: checksum ? "tax_id_check_digits" : "tax_id_invalid",
    message: checksum
      ? `"${raw}": the check digits of this ${name} do not match (a typo in the number?)`
      : result.error?.name === "InvalidDate"
        ? `"${raw}": the birth date in this ${name} is not a date (month letter, or day 01-31, 41-71 for women)`
        : `"${raw}" does not have the format of a ${name}`,
  };
}

function taxIdValidator(value: string, country: string | undefined): [string, Validator] | undefined {
  switch (country) {
    case "FR":
      if (/^\d{9}$/.test(value)) return checked("SIREN", SIREN);
      if (/^\d{14}$/.test(value)) return checked("SIRET", SIRET);
      return ["SIREN or SIRET (9 or 14 digits)", { validate: () => ({ isValid: false }) }];
    case "IT":
      if (/^\d{11}$/.test(value)) return checked("partita IVA", PARTITA_IVA);
      return [
        "codice fiscale",
        {
          validate: (v) => {
            const result = CODICE_FISCALE.validate(v);
            // The check character first, as python-stdnum does, then the date.
            if (result.isValid && !codiceFiscaleDateValid(v))
              return { isValid: false, error: { name: "InvalidDate" } };
            return result;
          },
        },
      ];
    case "ES":
      return checked("NIF / NIE / CIF", NIF);
    case "DE":
      return [
        "Steuer-ID or Steuernummer",
        {
          validate: (v) =>
            STEUER_ID.validate(v).isValid || STEUERNUMMER.test(v)
              ? { isValid: true, compact: v }
              : { isValid: false, error: { name: "InvalidFormat" } },
        },
      ];
    default:
      return undefined;
  }
}
