// Reading a phone cell into Qonto's phone object ({country_code: "+33", number: "612345678"}).
//
// Default regions, in order (the first reading libphonenumber finds valid wins):
//   1. the client's country, or without one the organization's: "06 12 34 56 78" of a French client;
//   2. a number written with + or 00, as international whatever that country's international prefix: a US
//      client's "0041 44 668 18 00" (the US dial 011) is Swiss;
//   3. the organization's country: a French organization's "01 42 68 53 00" for a client in Belgium, typed as the
//      organization dials it. Not for numbers written internationally, which have their own country.
// Qonto's phone has no extension field and holds one number: an extension ("poste 12", "ext. 12", "x12") and the
// other numbers of a cell ("01 42 68 53 00 / 06 12 34 56 78") are left out with a field_not_sent note.
//
// Cost: a cell of digits and separators that reads valid with the first region is parsed once; only other cells
// (letters, several numbers, an invalid first reading) pay for more.

// The full ("max") metadata checks a number's digits against each country's ranges, as Google's libphonenumber
// does; the default ("min") checks only lengths, so "312 345 6789" would be German and a digit too many often go
// unseen. About a tenth more per parse.
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import type { ProblemCode } from "../problems.js";

export interface Phone {
  country_code: string;
  number: string;
}

export interface PhoneReading {
  /** The phone to send, or undefined when the cell holds none that is valid. */
  phone: Phone | undefined;
  /** What the row's report says about the cell: phone_invalid (nothing sent) or field_not_sent notes. */
  problems: readonly { code: ProblemCode; message: string }[];
}

const NOTHING: PhoneReading["problems"] = [];

// Digits and the separators people type between them, nothing else: one parse decides.
const PLAIN = /^\+?[\d\s().\-/]+$/;

// What people write before a number ("Tél. : ", "tel:", "Mob. ", "Fax/Tél. "): everything up to the first digit,
// "+" or bracket that opens one.
const LABEL = /^\D*?(?=\(?[+\d])/;

// An extension at the end of a number, with the words of the files we see (FR, EN, IT, DE, ES, PT) and
// libphonenumber's own ("x", "#", "int").
const EXTENSION =
  /[\s,;]*[(\-–]?\s*(?<!\p{L})(?:poste|ext|extn|extension|extensi[oó]n|x|int|interno|durchwahl|dw|apparat|app|nebenstelle|anexo|ramal|#)\s*[.:°=]?\s*(\d{1,7})\s*\)?\s*$/iu;

// Between two numbers of a cell. Tried before reading the cell as one number: none of these is found inside one.
const BETWEEN = /\s*[;,|]\s*|\s+(?:ou|et|or|and|oder|und|o|y|e|bzw\.?)\s+/iu;
// Also between two numbers, but also inside one ("030/1234567", "01 - 42 68 53 00"): a split first when its parts
// are long enough to be numbers, else only when the whole cell does not read as one number.
const BETWEEN_AMBIGUOUS = /\s*\/\s*|\s+[-–]\s+/u;

/** The parts of a cell that hold a number, an extension on its own ("..., ext. 12") kept with the one before. */
function numbers(parts: string[]): string[] {
  const out: string[] = [];
  for (const p of parts) {
    if (!/\d/.test(p)) continue;
    if (out.length > 0 && EXTENSION.exec(p)?.index === 0) out[out.length - 1] += ` ${p}`;
    else out.push(p);
  }
  return out;
}

/** Two parts or more of 6 digits or more: numbers of their own, not a number's groups ("030/1234567"). */
function several(parts: string[]): boolean {
  let n = 0;
  for (const p of parts) if ((p.match(/\d/g)?.length ?? 0) >= 6) n++;
  return n >= 2;
}

interface Found {
  phone: Phone;
  /** The extension left out, if any. */
  extension: string | undefined;
}

/**
 * The phone of a cell, with the client's country (undefined: none) and the organization's. Pure. Not memoized:
 * most files hold a phone per client, and a cache of unique cells costs a third of a parse.
 */
export function readPhone(cell: string, client: string | undefined, org: string): PhoneReading {
  const first = (client ?? org) as CountryCode;
  const ambiguous = /[/\-–]/.test(cell) ? cell.split(BETWEEN_AMBIGUOUS) : undefined;
  if (PLAIN.test(cell) && (ambiguous === undefined || !several(ambiguous))) {
    // The common case: one parse.
    const parsed = parsePhoneNumberFromString(cell, first);
    if (parsed?.isValid())
      return {
        phone: { country_code: `+${parsed.countryCallingCode}`, number: parsed.nationalNumber },
        problems: NOTHING,
      };
  }
  const text = cell.replace(LABEL, "");

  const parts = numbers(text.split(BETWEEN));
  if (parts.length > 1) {
    const reading = firstOf(cell, parts, client, org);
    if (reading !== undefined) return reading;
  }
  const slashed = ambiguous === undefined ? [] : numbers(text.split(BETWEEN_AMBIGUOUS));
  // "030 123456 / 030 654321": two numbers, though Germany's variable lengths would read one.
  if (several(slashed)) {
    const reading = firstOf(cell, slashed, client, org);
    if (reading !== undefined) return reading;
  }
  const whole = one(text, client, org);
  if (whole !== undefined) return withNotes(cell, whole, []);
  if (slashed.length > 1) {
    const reading = firstOf(cell, slashed, client, org);
    if (reading !== undefined) return reading;
  }
  // Numbers on lines of their own reach us as one line: "01 42 68 53 00 06 12 34 56 78".
  const words = text.split(" ");
  // A dozen groups at most (two numbers in pairs of digits): a long text is not tried at every space.
  for (let k = 1; k < words.length && words.length <= 12; k++) {
    const head = words.slice(0, k).join(" ");
    const tail = words.slice(k).join(" ");
    if (!/\d{2}/.test(head) || !/\d{2}/.test(tail)) continue;
    const a = one(head, client, org);
    if (a !== undefined && one(tail, client, org) !== undefined) return withNotes(cell, a, [tail]);
  }
  return {
    phone: undefined,
    problems: [{ code: "phone_invalid", message: `"${cell}" is not a valid phone number; it is not sent` }],
  };
}

/** The first part that reads as a number, the others noted as not sent; undefined when none reads. */
function firstOf(
  cell: string,
  parts: string[],
  client: string | undefined,
  org: string,
): PhoneReading | undefined {
  for (let i = 0; i < parts.length; i++) {
    const found = one(parts[i] ?? "", client, org);
    if (found === undefined) continue;
    const rest = parts.filter((_, j) => j !== i).map((p) => p.trim());
    return withNotes(
      cell,
      found,
      rest,
      parts.slice(0, i).map((p) => p.trim()),
    );
  }
  return undefined;
}

function withNotes(cell: string, found: Found, rest: string[], invalid: string[] = []): PhoneReading {
  const sent = `${found.phone.country_code} ${found.phone.number}`;
  const problems: { code: ProblemCode; message: string }[] = [];
  if (found.extension !== undefined)
    problems.push({
      code: "field_not_sent",
      message: `the extension ${found.extension} is not sent, Qonto's phone has none: "${cell}" is sent as ${sent}`,
    });
  if (rest.length > 0) {
    const list = rest
      .map((p) => (invalid.includes(p) ? `"${p}" (not a valid phone number)` : `"${p}"`))
      .join(", ");
    problems.push({
      code: "field_not_sent",
      message: `${list} ${rest.length > 1 ? "are" : "is"} not sent, Qonto's client has one phone: "${cell}" is sent as ${sent}`,
    });
  }
  return { phone: found.phone, problems: problems.length === 0 ? NOTHING : problems };
}

/** One number, with its extension if any, read in the order of default regions; undefined if none is valid. */
function one(raw: string, client: string | undefined, org: string): Found | undefined {
  const text = raw.replace(LABEL, "").trim();
  const m = EXTENSION.exec(text);
  const number = m === null ? text : text.slice(0, m.index);
  const first = (client ?? org) as CountryCode;
  let parsed = parsePhoneNumberFromString(number, first);
  if (!parsed?.isValid()) {
    parsed = undefined;
    const international = /^\(?\s*(\+|00)/.exec(number);
    if (international?.[1] === "00") {
      // 00 is the international prefix of most countries, not of all (US 011, ...): read it as +.
      const plus = parsePhoneNumberFromString(`+${number.slice(international[0].length)}`);
      if (plus?.isValid()) parsed = plus;
    } else if (international === null && org !== first) {
      const there = parsePhoneNumberFromString(number, org as CountryCode);
      if (there?.isValid()) parsed = there;
    }
  }
  if (parsed === undefined) return undefined;
  return {
    phone: { country_code: `+${parsed.countryCallingCode}`, number: parsed.nationalNumber },
    // libphonenumber reads some extensions itself ("; ext=12"): still not sent.
    extension: m?.[1] ?? parsed.ext,
  };
}
