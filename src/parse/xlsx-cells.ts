import { clock, durationText, timeOfDayText, type NumberFormat } from "./number-format.js";
import { LIMITS } from "./xlsx-limits.js";

// Cell values to text, and cell references and ranges: pure, table-tested.

/** One `<c>` element of a worksheet, as read from the XML. */
export interface RawCell {
  /** The `t` attribute: s, str, inlineStr, b, e, d, n, or undefined (a number). */
  type: string | undefined;
  /** Text of `<v>`; undefined when the cell has none. */
  value: string | undefined;
  /** Text of `<is>` (an inline string, runs concatenated); undefined when the cell has none. */
  inline: string | undefined;
  /** The cell has a `<f>` (formula) element. */
  formula: boolean;
  /** What the cell's number format changes about its text. */
  format: NumberFormat;
}

export interface CellContext {
  sharedStrings: readonly string[];
  /** The workbook counts days from 1904-01-01 (old Mac Excel) rather than 1900. */
  date1904: boolean;
}

/** A cell whose text cannot be trusted: a formula without a saved result, or whose result is an error. */
export interface CellIssue {
  text: string;
  detail: string;
}

/**
 * The text of a cell, as a person sees it in the spreadsheet, minus formatting: numbers without float artefacts
 * or exponents, dates as ISO 8601, booleans as true/false. Strings are kept as they are (no trimming).
 * Error values (#N/A, #REF!) read as empty text; when a formula produced them, the cell is a CellIssue too.
 */
export function cellText(cell: RawCell, ctx: CellContext): string | CellIssue {
  if (cell.inline !== undefined) return decodeEscapes(cell.inline);
  const { value } = cell;
  switch (cell.type) {
    case "s": {
      if (value === undefined || value === "") return noValue(cell);
      return ctx.sharedStrings[Number(value)] ?? "";
    }
    case "inlineStr":
      return decodeEscapes(value ?? "");
    case "str":
      // A formula whose result is the empty string has an empty <v>: that is a value.
      return value === undefined ? noValue(cell) : decodeEscapes(value);
    case "b":
      if (value === undefined || value === "") return noValue(cell);
      return value === "1" || value.toLowerCase() === "true" ? "true" : "false";
    case "e":
      return cell.formula
        ? { text: "", detail: `has the error ${value ?? "(unknown)"} as its saved result` }
        : "";
    case "d":
      return value === undefined || value === "" ? noValue(cell) : isoDateText(value);
    default: {
      if (value === undefined || value.trim() === "") return noValue(cell);
      const { format } = cell;
      if (format.kind === "date") {
        const date = serialDateText(Number(value), ctx.date1904);
        if (date !== undefined) return date;
      } else if (format.kind === "time") {
        const time = timeOfDayText(Number(value));
        if (time !== undefined) return time;
      } else if (format.kind === "duration") {
        const duration = durationText(Number(value), format.parts);
        if (duration !== undefined) return duration;
      }
      const text = numberText(value);
      // As shown: the stored fraction times 100, shifted in decimal (0.055 → 5.5 %, never 5.500000000000001).
      if (format.kind === "percent" && /^-?\d+(\.\d+)?$/.test(text)) return `${plainDecimal(`${text}e2`)}%`;
      return format.kind === "zeros" && /^\d+$/.test(text) ? text.padStart(format.width, "0") : text;
    }
  }
}

function noValue(cell: RawCell): string | CellIssue {
  return cell.formula ? { text: "", detail: "has no saved result" } : "";
}

/**
 * A number as text: integers with all their digits and never in exponent form (a SIRET stored as a number stays
 * 14 digits), other numbers rounded to the 15 significant digits Excel shows (0.1+0.2 is 0.3), then in their
 * shortest form. Text that is not a number is returned unchanged. Pure.
 */
export function numberText(raw: string): string {
  const s = raw.trim();
  const integer = /^([+-]?)0*(\d+)$/.exec(s);
  if (integer !== null) {
    const digits = integer[2] ?? "0";
    return integer[1] === "-" && !/^0+$/.test(digits) ? `-${digits}` : digits;
  }
  const n = Number(s);
  if (s === "" || !Number.isFinite(n)) return raw;
  if (n === 0) return "0";
  // Beyond 2^53 a double's own digits are noise; 15 significant digits are what Excel shows.
  if (Number.isInteger(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER) return String(n);
  const rounded = Number(n.toPrecision(15));
  if (Number.isInteger(rounded) && Math.abs(rounded) > Number.MAX_SAFE_INTEGER)
    return plainDecimal(n.toPrecision(15));
  return plainDecimal(String(rounded));
}

/** "1.5e-7" → "0.00000015", "1.2e+21" → "1200000000000000000000"; other text unchanged. Pure. */
export function plainDecimal(s: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]?\d+)$/i.exec(s);
  if (m === null) return s;
  const sign = m[1] ?? "";
  const intPart = m[2] ?? "0";
  const fracPart = m[3] ?? "";
  const exp = Number(m[4]);
  const digits = intPart + fracPart;
  const point = intPart.length + exp;
  let out: string;
  if (point <= 0) out = `0.${"0".repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + "0".repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  if (out.includes(".")) out = out.replace(/0+$/, "").replace(/\.$/, "");
  out = out.replace(/^0+(?=\d)/, "");
  return out === "0" ? "0" : sign + out;
}

const DAY_MS = 86_400_000;

/**
 * An Excel date serial as ISO 8601: YYYY-MM-DD, with THH:MM:SS when it has a time of day, or HH:MM:SS alone for a
 * time without a date (serial below 1). Undefined for serials no date format can show. Pure.
 */
export function serialDateText(serial: number, date1904 = false): string | undefined {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2_958_466) return undefined;
  let days = Math.floor(serial);
  // Excel keeps milliseconds at best; rounding to the second removes float noise (0.9999999 s).
  let seconds = Math.round((serial - days) * 86_400);
  if (seconds === 86_400) {
    days += 1;
    seconds = 0;
  }
  const time = seconds === 0 ? "" : clock(seconds);
  if (days === 0 && !date1904) return time === "" ? "00:00:00" : time;
  let date: string;
  if (date1904) date = isoDay(Date.UTC(1904, 0, 1) + days * DAY_MS);
  // Excel's 1900 calendar has a 29 February 1900 (serial 60), kept from Lotus 1-2-3.
  else if (days === 60) date = "1900-02-29";
  else if (days < 60) date = isoDay(Date.UTC(1899, 11, 31) + days * DAY_MS);
  else date = isoDay(Date.UTC(1899, 11, 30) + days * DAY_MS);
  return time === "" ? date : `${date}T${time}`;
}

/** Days since 1970-01-01 as YYYY-MM-DD (proleptic Gregorian; integer arithmetic, no Date object per cell). */
function isoDay(ms: number): string {
  // Howard Hinnant's civil_from_days.
  const z = Math.round(ms / DAY_MS) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

/** A `t="d"` cell's ISO 8601 value, as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS (wall clock, offset dropped). Pure. */
export function isoDateText(value: string): string {
  const m =
    /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$/.exec(
      value.trim(),
    );
  if (m === null) return value;
  const time = `${m[2] ?? "00"}:${m[3] ?? "00"}:${m[4] ?? "00"}`;
  return time === "00:00:00" ? (m[1] ?? value) : `${m[1] ?? ""}T${time}`;
}

/** OOXML writes characters XML cannot hold (a CR in a cell) as _xHHHH_. Pure. */
export function decodeEscapes(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** 0-based column of a cell reference ("B7" → 1), -1 when it has no column letters. Pure. */
export function columnIndex(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else if (c !== 36) break; // $
  }
  return col - 1;
}

/** Column letters of a 0-based column index (1 → "B"). Pure. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export interface CellRange {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/**
 * "A1:C3" or "B2" as 1-based rows and 0-based columns; undefined when unreadable. Ranges beyond XFD1048576 are
 * read as they are: see withinSheet. Pure.
 */
export function parseRange(ref: string): CellRange | undefined {
  const m = /^\$?([A-Za-z]+)\$?(\d+)(?::\$?([A-Za-z]+)\$?(\d+))?$/.exec(ref.trim());
  if (m === null) return undefined;
  const c1 = columnIndex(m[1] ?? "");
  const r1 = Number(m[2]);
  const c2 = m[3] === undefined ? c1 : columnIndex(m[3]);
  const r2 = m[4] === undefined ? r1 : Number(m[4]);
  return { r1: Math.min(r1, r2), c1: Math.min(c1, c2), r2: Math.max(r1, r2), c2: Math.max(c1, c2) };
}

/** The range lies in A1:XFD1048576, the cells a worksheet has. Pure. */
export function withinSheet(range: CellRange): boolean {
  return range.r1 >= 1 && range.r2 <= LIMITS.rows && range.c1 >= 0 && range.c2 < LIMITS.columns;
}

/** Cells in a range (1 for a single cell). */
export function area(range: CellRange): number {
  return (range.r2 - range.r1 + 1) * (range.c2 - range.c1 + 1);
}
