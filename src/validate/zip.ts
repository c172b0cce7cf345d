// Zip codes, per country. The contract caps a zip code at 20 characters and wants exactly 5 for Italy; the rest
// is there to catch typos and undo what spreadsheets do to zip codes before Qonto prints them on an invoice.
//
// Each rule works on the compact form: upper case, without spaces or hyphens, so "1012ab", "1012 AB" and
// "1012-AB" are the same code. A rule may then write the code the way the country's post does:
//   space:   GB / GG / JE / IM "SW1A 1AA" (before the last 3), NL "1012 AB", CZ / SK / SE / GR "110 00",
//            IE "D02 X285", MT "VLT 1117"
//   hyphen:  PT "1000-001", PL "00-950", US ZIP+4 "02134-1234"
//   nothing: every other country with a rule ("75009", "1000", "L-1234" becomes "1234").

export type ZipCheck = { ok: true; value: string } | { ok: false; message: string };

interface ZipRule {
  /** The subject of the error message: "an Italian zip code". */
  label: string;
  /** The rest of it: "has 5 digits". */
  expected: string;
  /** What the compact form must match. */
  pattern: RegExp;
  /** Writes the compact form the way the country's post does. */
  format?: (compact: string) => string;
  /**
   * The length of a digits-only code that may begin with 0: Excel reads "01067" as the number 1067 and drops the
   * zero. Only where codes can begin with 0; elsewhere a short code is a typo, not a lost zero.
   */
  digits?: 4 | 5;
  /** Country prefixes written before the code ("F-75009", "D-01067", "L-1234"): dropped. */
  prefixes?: readonly string[];
  /**
   * A value that does not match is an error (the countries the import knows well). Otherwise the rule only
   * formats what it recognizes, and anything else is kept under the generic rule.
   */
  strict: boolean;
}

const spaceBefore = (fromEnd: number) => (compact: string) =>
  `${compact.slice(0, -fromEnd)} ${compact.slice(-fromEnd)}`;
const hyphenBefore = (fromEnd: number) => (compact: string) =>
  `${compact.slice(0, -fromEnd)}-${compact.slice(-fromEnd)}`;
const spaceAfter = (position: number) => (compact: string) =>
  `${compact.slice(0, position)} ${compact.slice(position)}`;

// Outward code (area, district, optional sub-district) then inward code (sector digit, unit letters);
// GIR 0AA is Girobank's historic exception.
const UK_POSTCODE: Omit<ZipRule, "label" | "strict"> = {
  expected: 'looks like "SW1A 1AA"',
  pattern: /^(?:[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}|GIR0AA)$/,
  format: spaceBefore(3),
};
const FIVE_DIGITS_SPACED: Omit<ZipRule, "label" | "strict" | "pattern"> = {
  expected: 'has 5 digits, like "110 00"',
  format: spaceAfter(3),
};

const RULES: Readonly<Record<string, ZipRule>> = {
  // Departments 01 to 98 (97 and 98 overseas and Monaco); there is no 00 nor 99.
  FR: {
    label: "a French zip code",
    expected: "has 5 digits (01000 to 98999)",
    pattern: /^(?!00|99)\d{5}$/,
    digits: 5,
    prefixes: ["FR", "F"],
    strict: true,
  },
  // The contract: exactly 5 characters. CAPs from 00010 (Rome's province) up.
  IT: {
    label: "an Italian zip code",
    expected: "has 5 digits",
    pattern: /^\d{5}$/,
    digits: 5,
    prefixes: ["IT", "I"],
    strict: true,
  },
  // Postleitzahlen run from 01001 (Dresden) to 99998.
  DE: {
    label: "a German zip code",
    expected: "has 5 digits (01000 to 99999)",
    pattern: /^(?!00)\d{5}$/,
    digits: 5,
    prefixes: ["DE", "D"],
    strict: true,
  },
  // The first two digits are the province, 01 to 52.
  ES: {
    label: "a Spanish zip code",
    expected: "has 5 digits (01000 to 52999)",
    pattern: /^(?:0[1-9]|[1-4]\d|5[0-2])\d{3}$/,
    digits: 5,
    prefixes: ["ES", "E"],
    strict: true,
  },
  // Monaco's codes are 980xx: none begins with 0, so there is no dropped zero to restore.
  MC: {
    label: "a Monaco zip code",
    expected: "has 5 digits starting with 980",
    pattern: /^980\d{2}$/,
    prefixes: ["MC"],
    strict: true,
  },
  BE: {
    label: "a Belgian zip code",
    expected: "has 4 digits (1000 to 9999)",
    pattern: /^[1-9]\d{3}$/,
    prefixes: ["BE", "B"],
    strict: true,
  },
  // SA, SD and SS are never used as the letters.
  NL: {
    label: "a Dutch zip code",
    expected: 'has 4 digits and 2 letters, like "1012 AB"',
    pattern: /^[1-9]\d{3}(?!SA|SD|SS)[A-Z]{2}$/,
    format: spaceAfter(4),
    prefixes: ["NL"],
    strict: true,
  },
  // Luxembourg's post writes "L-1234"; the code itself is the 4 digits.
  LU: {
    label: "a Luxembourg zip code",
    expected: "has 4 digits (1000 to 9999)",
    pattern: /^[1-9]\d{3}$/,
    prefixes: ["LU", "L"],
    strict: true,
  },
  AT: {
    label: "an Austrian zip code",
    expected: "has 4 digits (1000 to 9999)",
    pattern: /^[1-9]\d{3}$/,
    prefixes: ["AT", "A"],
    strict: true,
  },
  CH: {
    label: "a Swiss zip code",
    expected: "has 4 digits (1000 to 9999)",
    pattern: /^[1-9]\d{3}$/,
    prefixes: ["CH"],
    strict: true,
  },
  // Since 1998, 4 digits, a hyphen and 3 digits; the old 4-digit codes alone are no longer enough.
  PT: {
    label: "a Portuguese zip code",
    expected: 'has 4 digits, a hyphen and 3 digits, like "1000-001"',
    pattern: /^[1-9]\d{6}$/,
    format: hyphenBefore(3),
    prefixes: ["PT", "P"],
    strict: true,
  },
  GB: { label: "a UK postcode", ...UK_POSTCODE, strict: true },

  // Formatted when recognized, not enforced.
  GG: { label: "a Guernsey postcode", ...UK_POSTCODE, strict: false },
  JE: { label: "a Jersey postcode", ...UK_POSTCODE, strict: false },
  IM: { label: "an Isle of Man postcode", ...UK_POSTCODE, strict: false },
  IE: {
    label: "an Irish Eircode",
    expected: 'looks like "D02 X285"',
    pattern: /^(?:[AC-FHKNPRTV-Y]\d{2}|D6W)[0-9AC-FHKNPRTV-Y]{4}$/,
    format: spaceAfter(3),
    strict: false,
  },
  MT: {
    label: "a Maltese postcode",
    expected: 'looks like "VLT 1117"',
    pattern: /^[A-Z]{3}\d{4}$/,
    format: spaceAfter(3),
    strict: false,
  },
  PL: {
    label: "a Polish zip code",
    expected: 'has 5 digits, like "00-950"',
    pattern: /^\d{5}$/,
    format: hyphenBefore(3),
    digits: 5,
    prefixes: ["PL"],
    strict: false,
  },
  CZ: {
    label: "a Czech zip code",
    ...FIVE_DIGITS_SPACED,
    pattern: /^[1-7]\d{4}$/,
    prefixes: ["CZ"],
    strict: false,
  },
  SK: {
    label: "a Slovak zip code",
    ...FIVE_DIGITS_SPACED,
    pattern: /^[089]\d{4}$/,
    digits: 5,
    prefixes: ["SK"],
    strict: false,
  },
  SE: {
    label: "a Swedish zip code",
    ...FIVE_DIGITS_SPACED,
    pattern: /^[1-9]\d{4}$/,
    prefixes: ["SE", "S"],
    strict: false,
  },
  GR: {
    label: "a Greek zip code",
    ...FIVE_DIGITS_SPACED,
    pattern: /^[1-8]\d{4}$/,
    prefixes: ["GR"],
    strict: false,
  },
  FI: {
    label: "a Finnish zip code",
    expected: "has 5 digits",
    pattern: /^\d{5}$/,
    digits: 5,
    prefixes: ["FIN", "FI"],
    strict: false,
  },
  LT: {
    label: "a Lithuanian zip code",
    expected: "has 5 digits",
    pattern: /^\d{5}$/,
    digits: 5,
    prefixes: ["LT"],
    strict: false,
  },
  // The Vatican and San Marino use Italian CAPs.
  VA: { label: "a Vatican zip code", expected: "is 00120", pattern: /^00120$/, digits: 5, strict: false },
  SM: { label: "a San Marino zip code", expected: "is 4789x", pattern: /^4789\d$/, strict: false },
  NO: {
    label: "a Norwegian zip code",
    expected: "has 4 digits",
    pattern: /^\d{4}$/,
    digits: 4,
    prefixes: ["NO", "N"],
    strict: false,
  },
  DK: {
    label: "a Danish zip code",
    expected: "has 4 digits",
    pattern: /^\d{4}$/,
    digits: 4,
    prefixes: ["DK"],
    strict: false,
  },
  US: {
    label: "a US ZIP code",
    expected: 'has 5 digits, or 9 like "02134-1234"',
    pattern: /^\d{5}(?:\d{4})?$/,
    format: (compact) => (compact.length === 9 ? hyphenBefore(4)(compact) : compact),
    digits: 5,
    strict: false,
  },
};

const MAX_LENGTH = 20; // the contract's maxLength for zip_code

function applyRule(rule: ZipRule, value: string): string | undefined {
  let compact = value.replace(/[\s-]/g, "");
  for (const prefix of rule.prefixes ?? []) {
    // Only a prefix followed by digits: every country with prefixes has codes that begin with a digit.
    if (compact.startsWith(prefix) && /^\d/.test(compact.slice(prefix.length))) {
      compact = compact.slice(prefix.length);
      break;
    }
  }
  // Excel drops at most two zeros from a 5-digit code (Rome's 00118) and one from a 4-digit code (Oslo's 0150):
  // more than that, and the value is too short to say which code it was.
  if (rule.digits !== undefined && /^\d+$/.test(compact)) {
    const missing = rule.digits - compact.length;
    if (missing === 1 || (missing === 2 && rule.digits === 5)) compact = compact.padStart(rule.digits, "0");
  }
  if (!rule.pattern.test(compact)) return undefined;
  return rule.format === undefined ? compact : rule.format(compact);
}

/**
 * A zip code checked and written the way `country` (ISO 3166 alpha-2) writes it: trimmed, upper-cased, the
 * leading zeros Excel dropped put back, spaces and hyphens where the country's post puts them. FR, IT, DE, ES,
 * MC, BE, NL, LU, AT, CH, PT and GB codes must match their country's format; elsewhere (or without a country), at
 * most 20 letters, digits, spaces and hyphens. An empty value is ok and stays empty: the zip code is optional.
 */
export function normalizeZip(raw: string, country: string | undefined): ZipCheck {
  const shown = raw.trim();
  // Runs of spaces (a non-breaking one included) become one; a rule may then drop or move it.
  const value = shown.replace(/\s+/g, " ").toUpperCase();
  if (value === "") return { ok: true, value: "" };
  const rule = country === undefined ? undefined : RULES[country.trim().toUpperCase()];
  if (rule !== undefined) {
    const formatted = applyRule(rule, value);
    if (formatted !== undefined) return { ok: true, value: formatted };
    if (rule.strict) return { ok: false, message: `${rule.label} ${rule.expected}, not "${shown}"` };
  }
  // Without a rule, a space may belong to the code (Canada's "K1A 0B1"): kept, as typed.
  if (value.length > MAX_LENGTH)
    return { ok: false, message: `a zip code has at most ${MAX_LENGTH} characters, not "${shown}"` };
  if (!/^[A-Z0-9 -]+$/.test(value))
    return { ok: false, message: `a zip code has only letters, digits, spaces and hyphens, not "${shown}"` };
  return { ok: true, value };
}
