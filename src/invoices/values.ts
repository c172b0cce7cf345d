// Pure parsers for invoice cells: dates, amounts, VAT rates, IBANs. Each returns a value in the contract's form
// (POST /v2/client_invoices, shared/qonto-api/create-client-invoice.*) or a reason for people. Nothing here guesses
// row by row: the day/month order of a file is decided once, over all its dates (detectDateFormat).

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

// ---------------------------------------------------------------------------------------------------------------
// Dates
//
// Rules:
// - ISO yyyy-mm-dd, with or without a time (XLSX date cells come as 2024-01-31 or 2024-01-31T00:00:00; the time
//   is dropped), is always accepted.
// - Excel serial numbers (a date cell saved as General, or a CSV export of one) are accepted when they fall
//   between 1970-01-01 (25569) and 2100-12-31 (73415): a smaller number in a date column ("12", "2024") is a
//   mistake, not a date in 1900. 1900 date system only (Excel's default); Lotus's 1900 leap-year bug means serial
//   n is 1899-12-30 + n days for every serial in that range.
// - Day and month written with /, . or - and a four-digit year: dotted dates (dd.mm.yyyy) are always day first
//   (no locale writes mm.dd.yyyy); for / and -, the order is the file's (detectDateFormat): a day above 12 in any
//   date decides it; when every date could be read both ways the file is "ambiguous" and reported, never guessed.
// - Two-digit years are refused: "01/02/24" could be 1924 or 2024 to a spreadsheet.
// ---------------------------------------------------------------------------------------------------------------

/** Order of day and month in dates written with / or -: day first (dd/mm/yyyy) or month first (mm/dd/yyyy). */
export type DateFormat = "dmy" | "mdy";

export type DateDetection =
  { format: DateFormat; reason: string } | { format: "ambiguous"; reason: string; samples: string[] };

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DM_RE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{2,4})$/;
const SERIAL_RE = /^\d{5}(?:\.\d+)?$/;
const SERIAL_MIN = 25569; // 1970-01-01
const SERIAL_MAX = 73415; // 2100-12-31

/**
 * Decides the day/month order of a file from all its date cells (empty cells and ISO or serial dates say nothing).
 * Dotted dates are day first and do not count. A first number above 12 means day first, a second number above 12
 * month first; both in one file, or neither (every date readable both ways, unless day equals month), is
 * "ambiguous" with a reason naming example values.
 */
export function detectDateFormat(samples: readonly string[]): DateDetection {
  const dayFirst: string[] = [];
  const monthFirst: string[] = [];
  const undecided: string[] = [];
  for (const raw of samples) {
    const value = raw.trim();
    const m = DM_RE.exec(value);
    if (m === null || m[2] === ".") continue;
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (a > 12 && b <= 12) dayFirst.push(value);
    else if (b > 12 && a <= 12) monthFirst.push(value);
    else if (a !== b && a <= 12 && b <= 12) undecided.push(value);
  }
  if (dayFirst.length > 0 && monthFirst.length > 0)
    return {
      format: "ambiguous",
      reason: `the file mixes day-first dates (such as "${dayFirst[0]}") and month-first dates (such as "${monthFirst[0]}")`,
      samples: [dayFirst[0] ?? "", monthFirst[0] ?? ""],
    };
  if (dayFirst.length > 0) return { format: "dmy", reason: `"${dayFirst[0]}" can only be day/month/year` };
  if (monthFirst.length > 0)
    return { format: "mdy", reason: `"${monthFirst[0]}" can only be month/day/year` };
  if (undecided.length > 0)
    return {
      format: "ambiguous",
      reason: `every date in the file reads both as day/month and as month/day (such as "${undecided[0]}"); write dates as yyyy-mm-dd or give the date format`,
      samples: undecided.slice(0, 3),
    };
  return { format: "dmy", reason: "no date in the file depends on the day/month order" };
}

/** One cell as an ISO date (yyyy-mm-dd), given the file's day/month order. Empty cells are the caller's business. */
export function parseDate(raw: string, format: DateFormat): Parsed<string> {
  const value = raw.trim();
  const iso = ISO_RE.exec(value);
  if (iso !== null) return checkedDate(Number(iso[1]), Number(iso[2]), Number(iso[3]), value);
  if (SERIAL_RE.test(value)) {
    const serial = Math.floor(Number(value));
    if (serial < SERIAL_MIN || serial > SERIAL_MAX)
      return fail(`"${value}" is not a date (as an Excel date number it is outside 1970–2100)`);
    return ok(isoFromEpochDays(serial - SERIAL_MIN));
  }
  const dm = DM_RE.exec(value);
  if (dm !== null) {
    if ((dm[4] ?? "").length !== 4) return fail(`"${value}": write the year with four digits`);
    const a = Number(dm[1]);
    const b = Number(dm[3]);
    const dayFirst = dm[2] === "." || format === "dmy";
    return checkedDate(Number(dm[4]), dayFirst ? b : a, dayFirst ? a : b, value);
  }
  return fail(`"${value}" is not a date (use yyyy-mm-dd, dd/mm/yyyy or dd.mm.yyyy)`);
}

function checkedDate(year: number, month: number, day: number, value: string): Parsed<string> {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (year < 1900 || days === undefined || day < 1 || day > days)
    return fail(`"${value}" is not a calendar date`);
  return ok(
    `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
  );
}

function isoFromEpochDays(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------------------------
// Amounts
//
// The contract writes amounts as decimal strings with a point: "12.50", "10.0", "1.00". Rules:
// - Currency symbols and codes before or after the number (€, $, £, EUR, USD...) are taken off and returned, so
//   the caller can refuse a currency other than the invoice's.
// - Negative: a leading or trailing minus (also U+2212), or parentheses "(12.50)".
// - Thousands separators: space, no-break space (U+00A0), narrow no-break space (U+202F), thin space, apostrophe
//   (' and ’), and "." or "," when the other one is the decimal mark or when it appears more than once. Groups
//   after a thousands separator must have exactly three digits.
// - With both "." and ",", the last one is the decimal mark ("1.234,56", "1,234.56").
// - A single "." or "," followed by exactly three digits, with 1–3 non-zero-led digits before and no other
//   separator ("1,234", "12.500"), is refused as ambiguous: it is 1234 to one locale and 1.234 to another, and a
//   wrong guess changes an invoice a thousandfold. "0,125", "1,5", "1 234,567" and "1234.567" are unambiguous.
// - Output: digits, "." and the decimals as written (trailing zeros kept), with at least minDecimals decimals.
// ---------------------------------------------------------------------------------------------------------------

export interface ParsedAmount {
  /** Decimal string, "." as the decimal mark: "1234.50", "-12.00". */
  value: string;
  /** ISO code of a currency symbol or code written in the cell, when there was one. */
  currency?: string;
}

const CURRENCY_SYMBOLS: Record<string, string> = { "€": "EUR", $: "USD", "£": "GBP", "¥": "JPY", "₣": "CHF" };
const SPACE_GROUP = /[ \u00a0\u202f\u2009'’]/;

export function parseAmount(raw: string, options: { minDecimals?: number } = {}): Parsed<ParsedAmount> {
  let text = raw.trim().replace(/\u2212/g, "-");
  if (text === "") return fail("the amount is empty");
  let currency: string | undefined;
  const takeCurrency = (re: RegExp) => {
    const m = re.exec(text);
    if (m === null) return;
    const token = (m[1] ?? "").toUpperCase();
    currency = CURRENCY_SYMBOLS[token] ?? token;
    text = text.replace(re, "").trim();
  };
  takeCurrency(/^([€$£¥₣]|[A-Za-z]{3})\s*/);
  takeCurrency(/\s*([€$£¥₣]|[A-Za-z]{3})$/);
  let negative = false;
  const paren = /^\((.*)\)$/.exec(text);
  if (paren !== null) {
    negative = true;
    text = (paren[1] ?? "").trim();
  }
  if (/^[-+]/.test(text)) {
    negative ||= text.startsWith("-");
    text = text.slice(1).trim();
  } else if (/-$/.test(text)) {
    negative = true;
    text = text.slice(0, -1).trim();
  }
  // A currency written inside the sign ("-12 €", "€-12") was taken off already; one after the sign is too.
  if (currency === undefined) {
    takeCurrency(/^([€$£¥₣])\s*/);
    takeCurrency(/\s*([€$£¥₣])$/);
  }
  const digits = splitDecimal(text);
  if (!digits.ok) return fail(`"${raw.trim()}": ${digits.message}`);
  let [int, frac] = digits.value;
  int = int.replace(/^0+(?=\d)/, "");
  const minDecimals = options.minDecimals ?? 0;
  if (frac.length < minDecimals) frac = frac.padEnd(minDecimals, "0");
  const isZero = /^0*$/.test(int + frac);
  const value = `${negative && !isZero ? "-" : ""}${int}${frac === "" ? "" : `.${frac}`}`;
  return ok(currency === undefined ? { value } : { value, currency });
}

/**
 * Why a line's quantity (parseAmount's value) cannot be sent, or undefined. Above zero only: a negative line is
 * not how a discount is written (the discount column is), and the contract's only create is an invoice's (credit
 * notes are not in it); a zero line bills nothing.
 */
export function quantityProblem(value: string): string | undefined {
  if (value.startsWith("-"))
    return `the quantity ${value} is negative: write a discount in the discount column, and a refund as a credit note in Qonto`;
  if (/^[0.]*$/.test(value)) return "the quantity is 0: a line bills something, or is left out";
  return undefined;
}

/** Why a line's unit price (parseAmount's value) cannot be sent, or undefined: zero is a free line, below is not. */
export function unitPriceProblem(value: string): string | undefined {
  return value.startsWith("-")
    ? `the unit price ${value} is negative: write a discount in the discount column, and a refund as a credit note in Qonto`
    : undefined;
}

/** Integer and fraction digits of an unsigned number written with any of the separators above. */
function splitDecimal(text: string): Parsed<[string, string]> {
  if (!/^[\d.,\u00a0\u202f\u2009 '’]+$/.test(text) || !/\d/.test(text))
    return fail("not an amount (digits with a decimal comma or point)");
  const spaced = SPACE_GROUP.test(text);
  const lastDot = text.lastIndexOf(".");
  const lastComma = text.lastIndexOf(",");
  const dots = text.split(".").length - 1;
  const commas = text.split(",").length - 1;
  let decimalMark: "." | "," | undefined;
  if (dots > 0 && commas > 0) decimalMark = lastDot > lastComma ? "." : ",";
  else if (dots === 1 || commas === 1) {
    const mark = dots === 1 ? "." : ",";
    const [before = "", after = ""] = text.split(mark);
    const ambiguous = !spaced && after.length === 3 && /^[1-9]\d{0,2}$/.test(before);
    if (ambiguous) {
      // The decimal reading written so that it cannot be read as thousands: 1.250 → 1.25, 1.234 → 1.2340.
      const trimmed = after.replace(/0+$/, "");
      const decimal = `${before}${mark}${trimmed.length === 3 ? `${after}0` : trimmed || "0"}`;
      return fail(
        `ambiguous: "${mark}" may be a thousands separator or a decimal mark (${before}${after} or ${before}.${trimmed || "0"}); write ${before}${after} or ${decimal}`,
      );
    }
    decimalMark = mark;
  }
  const [intPart = "", fracPart = "", ...rest] = decimalMark === undefined ? [text] : text.split(decimalMark);
  if (rest.length > 0) return fail("more than one decimal mark");
  if (!/^\d*$/.test(fracPart)) return fail("a thousands separator after the decimal mark");
  if (decimalMark !== undefined && fracPart === "") return fail("no digits after the decimal mark");
  const groups = intPart.split(/[.,\u00a0\u202f\u2009 '’]/);
  if (
    groups.length > 1 &&
    (!/^\d{1,3}$/.test(groups[0] ?? "") || groups.slice(1).some((g) => !/^\d{3}$/.test(g)))
  )
    return fail("thousands separators must separate groups of three digits");
  const int = groups.join("");
  if (int === "" && fracPart === "") return fail("no digits");
  return ok([int === "" ? "0" : int, fracPart]);
}

// ---------------------------------------------------------------------------------------------------------------
// VAT rate
//
// The contract's vat_rate is a decimal fraction string: "0.1" is 10 % (the example item also shows discount
// "0.1" as a percentage and welfare_fund rate "0.0001"). Rules, on the number written (comma or point, optional
// "%"):
// - with "%": a percent ("20%" → "0.2", "5,5 %" → "0.055", "0%" → "0");
// - without: above 1 it is a percent ("20" → "0.2", "2.1" → "0.021"); exactly 1 is 1 % ("1" → "0.01": no VAT
//   rate is 100 %); below 1 it is already a fraction ("0.2" → "0.2", "0.055" → "0.055"); "0" is 0.
// - Negative rates and rates of 100 % or more are refused.
// Arithmetic is on the decimal digits (no floating point): the result has no trailing zeros.
// ---------------------------------------------------------------------------------------------------------------

export function parseVatRate(raw: string): Parsed<string> {
  const text = raw.trim();
  const m = /^(\d+)(?:[.,](\d+))?\s*(%)?$/.exec(text);
  if (m === null) return fail(`"${text}" is not a VAT rate (write 20%, 20 or 0.2)`);
  const int = m[1] ?? "";
  const frac = m[2] ?? "";
  const percent = m[3] === "%" || compareDecimal(int, frac, "1") >= 0;
  const fraction = percent ? shiftLeft(int, frac, 2) : trimDecimal(int, frac);
  if (!/^0(\.\d+)?$/.test(fraction)) return fail(`"${text}" is not a VAT rate: it is 100 % or more`);
  return ok(fraction);
}

/** Sign of int.frac − other, for non-negative decimals. */
function compareDecimal(int: string, frac: string, other: string): number {
  const a = Number(`${int}.${frac || "0"}`);
  return Math.sign(a - Number(other));
}

/** int.frac divided by 10^places, as a decimal string without trailing zeros. */
function shiftLeft(int: string, frac: string, places: number): string {
  const padded = int.replace(/^0+/, "").padStart(places + 1, "0");
  return trimDecimal(padded.slice(0, -places), padded.slice(-places) + frac);
}

function trimDecimal(int: string, frac: string): string {
  const i = int.replace(/^0+(?=\d)/, "") || "0";
  const f = frac.replace(/0+$/, "");
  return f === "" ? i : `${i}.${f}`;
}

/**
 * A discount cell: "10%" / "10 %" is a percentage (sent as a fraction like the VAT rate, "0.1"); any other
 * number is an absolute amount in the invoice currency ("5", "5,00 €" → "5.00").
 */
export function parseDiscount(
  raw: string,
): Parsed<{ type: "percentage" | "absolute"; value: string; currency?: string }> {
  const text = raw.trim();
  if (/%$/.test(text)) {
    const m = /^(\d+)(?:[.,](\d+))?\s*%$/.exec(text);
    if (m === null) return fail(`"${text}" is not a percentage`);
    const value = shiftLeft(m[1] ?? "", m[2] ?? "", 2);
    if (!/^0(\.\d+)?$|^1$/.test(value)) return fail(`"${text}" is more than 100 %`);
    return ok({ type: "percentage", value });
  }
  const amount = parseAmount(text, { minDecimals: 2 });
  if (!amount.ok) return amount;
  if (amount.value.value.startsWith("-"))
    return fail(`"${text}": a discount is written without a minus sign`);
  return ok({ type: "absolute", ...amount.value });
}

// ---------------------------------------------------------------------------------------------------------------
// IBAN (ISO 13616): country code, two check digits, the national account number; mod 97 of the rearranged
// number is 1. Spaces and lower case are accepted. The lengths are SWIFT's IBAN registry's. Written here rather
// than taken from ibantools (4.5.4 on npm) to keep the dependency list as it is: the check is 20 lines.
// ---------------------------------------------------------------------------------------------------------------

const IBAN_LENGTHS: Record<string, number> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HN: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
};

/** An IBAN in its electronic form (no spaces, upper case), or why it is not one. */
export function checkIban(raw: string): Parsed<string> {
  const iban = raw.replace(/[\s\u00a0\u202f-]/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return fail(`"${raw.trim()}" is not an IBAN`);
  const country = iban.slice(0, 2);
  const length = IBAN_LENGTHS[country];
  if (length === undefined) return fail(`"${raw.trim()}": ${country} is not a country that uses IBANs`);
  if (iban.length !== length)
    return fail(`"${raw.trim()}": a ${country} IBAN has ${length} characters, not ${iban.length}`);
  if (ibanRemainder(iban) !== 1)
    return fail(`"${raw.trim()}": the IBAN's check digits do not match (a typo?)`);
  return ok(iban);
}

/** ISO 7064 mod 97-10 over the IBAN with its first four characters moved to the end, letters as 10..35. */
function ibanRemainder(iban: string): number {
  let remainder = 0;
  for (const ch of iban.slice(4) + iban.slice(0, 4)) {
    const code = ch.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder;
}
