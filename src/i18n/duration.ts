// How long a run took, as a person reads it: "0.8 s", "42 s", "20 min 21 s", "1 h 05 min", not "1221.4 s".
import type { Lang } from "./lang.js";

// s, min and h are the SI symbols every one of these languages writes; only the decimal mark differs.
const DECIMAL_COMMA: Record<Lang, boolean> = { en: false, fr: true, it: true, es: true, de: true };

const two = (n: number): string => String(n).padStart(2, "0");

/** A duration in milliseconds, to a tenth of a second under 10 s, to the second under an hour, then to the minute. */
export function formatDuration(ms: number, lang: Lang = "en"): string {
  const safe = Number.isFinite(ms) && ms > 0 ? ms : 0;
  // Rounded first, so that 9.96 s is "10 s" and 59.6 s is "1 min 00 s", never "10.0 s" or "60 s".
  const tenths = Math.round(safe / 100);
  if (tenths < 100) {
    const text = (tenths / 10).toFixed(1);
    return `${DECIMAL_COMMA[lang] ? text.replace(".", ",") : text} s`;
  }
  const seconds = Math.round(safe / 1000);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${two(seconds % 60)} s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${two(minutes % 60)} min`;
}
