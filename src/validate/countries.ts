import isoCountries from "i18n-iso-countries";
import { foldHeader } from "../map/aliases.js";
import { memoize } from "./memo.js";

// Country names come from the runtime's ICU data (Intl.DisplayNames) in the five languages our users write in, plus
// Dutch and Portuguese, rather than a hand-kept list; a few variants ICU does not produce are added by hand.
const LANGUAGES = ["en", "fr", "it", "de", "es", "nl", "pt"] as const;
// Regions ICU names that are not ISO 3166-1 countries (or are reserved codes, like FX "Metropolitan France").
const NOT_COUNTRIES = new Set([
  "EU",
  "EZ",
  "UN",
  "ZZ",
  "QO",
  "XA",
  "XB",
  "FX",
  "AC",
  "CP",
  "CQ",
  "DG",
  "EA",
  "IC",
  "TA",
]);

const VARIANTS: Record<string, string> = {
  uk: "GB",
  "great britain": "GB",
  england: "GB",
  usa: "US",
  "u s a": "US",
  "united states of america": "US",
  holland: "NL",
  "the netherlands": "NL",
  "pays bas": "NL",
  "republique tcheque": "CZ",
  "czech republic": "CZ",
  "repubblica ceca": "CZ",
  hellas: "GR",
  "the uk": "GB",
  rsm: "SM",
  // Common English names ICU does not give (it says "Türkiye", "Hong Kong SAR China", "Côte d’Ivoire").
  turkey: "TR",
  "hong kong": "HK",
  "ivory coast": "CI",
};

const KNOWN_CODES = new Set<string>();

const BY_NAME: ReadonlyMap<string, string> = (() => {
  const index = new Map<string, string>();
  const names = LANGUAGES.map((lang) => new Intl.DisplayNames([lang], { type: "region", fallback: "none" }));
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code)) continue;
      // ICU names retired codes after their successors (DD and "Germany", UK and "United Kingdom", YU and
      // "Serbia"); only the current code may claim a name or pass as a code.
      if (new Intl.Locale(`und-${code}`).region !== code) continue;
      const english = names[0]?.of(code);
      if (english === undefined || english === code || /unknown/i.test(english)) continue;
      KNOWN_CODES.add(code);
      for (const dn of names) {
        const name = dn.of(code);
        // First code wins: a name two codes share must not be taken by the rarer one.
        if (name !== undefined && !index.has(foldHeader(name))) index.set(foldHeader(name), code);
      }
    }
  }
  for (const [name, code] of Object.entries(VARIANTS)) index.set(foldHeader(name), code);
  return index;
})();

/** ISO 3166-1 alpha-2 code for a country written as a code (alpha-2 or alpha-3) or a name; undefined if unknown. */
export const normalizeCountry: (value: string) => string | undefined = memoize(countryCode);

function countryCode(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  const upper = trimmed.toUpperCase();
  if (upper === "EL") return "GR";
  if (/^[A-Z]{2}$/.test(upper) && KNOWN_CODES.has(upper)) return upper;
  // Alpha-3 codes (FRA, DEU) from i18n-iso-countries' ISO 3166 table.
  if (/^[A-Z]{3}$/.test(upper)) {
    const alpha2 = isoCountries.alpha3ToAlpha2(upper);
    if (alpha2 !== undefined && KNOWN_CODES.has(alpha2)) return alpha2;
  }
  return BY_NAME.get(foldHeader(trimmed));
}
