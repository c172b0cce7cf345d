// Number formats of XLSX cells: which ones change what a stored number means (a date, a time of day, a duration,
// a percentage, zero-padded digits), and the text Excel shows for the time-based ones. Pure, table-tested.

/**
 * The part of a number format that changes what a value means: a date, a time of day (`hh:mm:ss`, `h:mm AM/PM`),
 * a duration (`[h]:mm:ss`: 10.632 days shows as 255:10:10, not as a date), integers padded with zeros ("00000",
 * how Excel keeps the leading zero of a French zip code such as 01000), or a percentage: a cell showing 10 %
 * stores 0.1, and an invoice's "10 %" discount must not be read as 0.10 €. Other formats (decimals, currency)
 * only change how a number looks, and the number is read as stored.
 */
export type NumberFormat =
  | { kind: "general" }
  | { kind: "date" }
  | { kind: "time" }
  | { kind: "duration"; parts: readonly DurationPart[] }
  | { kind: "percent" }
  | { kind: "zeros"; width: number };

/** A piece of a duration format: a unit (the first one in brackets counts the total) or literal text. */
export type DurationPart =
  { unit: "h" | "m" | "s"; width: number; total: boolean } | { fraction: number } | { text: string };

export const GENERAL: NumberFormat = { kind: "general" };
export const DATE: NumberFormat = { kind: "date" };
export const TIME: NumberFormat = { kind: "time" };
export const PERCENT: NumberFormat = { kind: "percent" };

/**
 * The built-in formats (ECMA-376 Part 1, 18.8.30) a style names by id without writing them out. Ids 27-36 and
 * 50-81 depend on the reader's locale and are left out (read as General), as exceljs and openpyxl do.
 */
export const BUILTIN_FORMATS: ReadonlyMap<number, string> = new Map([
  [0, "General"],
  [1, "0"],
  [2, "0.00"],
  [3, "#,##0"],
  [4, "#,##0.00"],
  [9, "0%"],
  [10, "0.00%"],
  [11, "0.00E+00"],
  [12, "# ?/?"],
  [13, "# ??/??"],
  [14, "mm-dd-yy"],
  [15, "d-mmm-yy"],
  [16, "d-mmm"],
  [17, "mmm-yy"],
  [18, "h:mm AM/PM"],
  [19, "h:mm:ss AM/PM"],
  [20, "h:mm"],
  [21, "h:mm:ss"],
  [22, "m/d/yy h:mm"],
  [37, "#,##0 ;(#,##0)"],
  [38, "#,##0 ;[Red](#,##0)"],
  [39, "#,##0.00;(#,##0.00)"],
  [40, "#,##0.00;[Red](#,##0.00)"],
  [45, "mm:ss"],
  [46, "[h]:mm:ss"],
  [47, "mmss.0"],
  [48, "##0.0E+0"],
  [49, "@"],
]);

/** Quoted text, escaped characters, and bracketed parts other than elapsed units ([Red], [$-409], [<100]). */
const LITERALS = /"[^"]*"|\\.|\[(?![hms]+\])[^\]]*\]/gi;

/** The NumberFormat of a format code. Pure. */
export function numberFormat(code: string): NumberFormat {
  const first = code.split(";")[0]?.trim() ?? "";
  const bare = first.replace(LITERALS, "");
  // Elapsed units in brackets make a duration whatever else the code holds.
  if (/\[(h+|m+|s+)\]/i.test(bare)) return { kind: "duration", parts: durationParts(first) };
  // Any date or time letter outside quotes and brackets, the rule exceljs applies to the whole code.
  if (/[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""))) {
    const letters = bare.replace(/AM\/PM|A\/P/gi, "");
    // Hours, minutes or seconds and no year, day or era: a time of day, shown without a date.
    return /[hs]/i.test(letters) && !/[ydegb]/i.test(letters) ? TIME : DATE;
  }
  // A % outside quoted text or an escape multiplies the shown number by 100.
  if (first.replace(/"[^"]*"|\\./g, "").includes("%")) return PERCENT;
  return /^0+$/.test(first) && first.length > 1 ? { kind: "zeros", width: first.length } : GENERAL;
}

/** The pieces of a duration format's first section, in order. */
function durationParts(section: string): DurationPart[] {
  const parts: DurationPart[] = [];
  let total = true;
  const text = (t: string) => {
    const last = parts.at(-1);
    if (last !== undefined && "text" in last) parts[parts.length - 1] = { text: last.text + t };
    else parts.push({ text: t });
  };
  const re = /"([^"]*)"|\\(.)|\[([hms]+)\]|\[[^\]]*\]|([hms])\4*|\.(0+)|_.|\*.|AM\/PM|A\/P|(.)/gis;
  for (const m of section.matchAll(re)) {
    const [all, quoted, escaped, bracket, unit, fraction, other] = m;
    if (quoted !== undefined) text(quoted);
    else if (escaped !== undefined) text(escaped);
    else if (bracket !== undefined) {
      // Only the first bracketed unit counts the total; Excel shows any later one as a plain unit.
      parts.push({ unit: unitOf(bracket), width: bracket.length, total });
      total = false;
    } else if (unit !== undefined) parts.push({ unit: unitOf(unit), width: all.length, total: false });
    else if (fraction !== undefined) parts.push({ fraction: fraction.length });
    else if (all.startsWith("_")) text(" ");
    else if (other !== undefined) text(other);
    // Colours, locales, conditions, fill characters and AM/PM (meaningless on a duration) show nothing.
  }
  return parts;
}

const SIZE = { h: 3, m: 2, s: 1 } as const;

function larger(a: "h" | "m" | "s", b: "h" | "m" | "s"): boolean {
  return SIZE[a] > SIZE[b];
}

function unitOf(letters: string): "h" | "m" | "s" {
  const c = letters.charAt(0).toLowerCase();
  return c === "h" ? "h" : c === "m" ? "m" : "s";
}

/**
 * A number of days as a duration format shows it: `[h]:mm:ss` gives 10.6320601851852 as 255:10:10, `[mm]:ss` as
 * 15310:10. The value is rounded to the smallest unit shown (the second, or the format's decimals); the units
 * after the total are what remains. Undefined for values no number format can show. Pure.
 */
export function durationText(days: number, parts: readonly DurationPart[]): string | undefined {
  if (!Number.isFinite(days) || Math.abs(days) > 1e10) return undefined;
  let digits = 0;
  for (const p of parts) if ("fraction" in p) digits = Math.max(digits, Math.min(p.fraction, 3));
  const scale = 10 ** digits;
  const ticks = Math.round(Math.abs(days) * 86_400 * scale);
  const seconds = Math.floor(ticks / scale);
  const rest = ticks - seconds * scale;
  const totalUnit = parts.find((p) => "unit" in p && p.total);
  const biggest = totalUnit !== undefined && "unit" in totalUnit ? totalUnit.unit : "h";
  const total = { h: Math.floor(seconds / 3600), m: Math.floor(seconds / 60), s: seconds };
  const remainder = { h: total.h % 24, m: total.m % 60, s: seconds % 60 };
  let out = days < 0 && ticks > 0 ? "-" : "";
  for (const p of parts) {
    if ("text" in p) out += p.text;
    else if ("fraction" in p)
      out += `.${String(rest).padStart(digits, "0").slice(0, p.fraction).padEnd(p.fraction, "0")}`;
    else {
      // Units larger than the total one (an hour in [mm]:ss) are not Excel's to show either: they read as totals.
      const n = p.unit === biggest || larger(p.unit, biggest) ? total[p.unit] : remainder[p.unit];
      out += String(n).padStart(p.width, "0");
    }
  }
  return out;
}

/** The time of day of a date serial as HH:MM:SS (rounded to the second), the date dropped. Pure. */
export function timeOfDayText(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2_958_466) return undefined;
  let seconds = Math.round((serial - Math.floor(serial)) * 86_400);
  if (seconds === 86_400) seconds = 0;
  return clock(seconds);
}

/** Seconds of a day as HH:MM:SS. */
export function clock(seconds: number): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}
