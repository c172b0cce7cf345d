import { foldHeader } from "../map/aliases.js";
import { memoize } from "./memo.js";
import type { ClientKind, Locale } from "./schema.js";

// The values a client's kind, language and currency may take: the words a cell may use for a kind or a language
// (in English, French, Italian, German and Spanish), a country's default language, and the ISO 4217 currencies.

const KIND_WORDS: Record<string, ClientKind> = Object.fromEntries(
  (
    [
      [
        "company",
        "company business b2b pro professional societe entreprise personne morale societa azienda impresa firma unternehmen empresa sociedad",
      ],
      [
        "individual",
        "individual person consumer private b2c particulier personne physique privato persona fisica privat privatperson privatkunde particular persona",
      ],
      [
        "freelancer",
        "freelancer freelance libero professionista professionista autonomo freiberufler autonomo",
      ],
    ] as const
  ).flatMap(([kind, words]) => [kind, ...words.split(" ")].map((w) => [w, kind])),
);
// Multi-word phrases, matched on the whole folded cell.
for (const [phrase, kind] of [
  ["personne morale", "company"],
  ["personne physique", "individual"],
  ["persona fisica", "individual"],
  ["persona giuridica", "company"],
  ["libero professionista", "freelancer"],
] as const)
  KIND_WORDS[phrase] = kind;

const LOCALE_WORDS: Record<string, Locale> = {};
for (const [locale, words] of [
  ["fr", "fr french francais francese franzosisch frances"],
  ["en", "en english anglais inglese englisch ingles"],
  ["it", "it italian italien italiano italienisch"],
  ["de", "de german allemand tedesco deutsch aleman"],
  ["es", "es spanish espagnol spagnolo spanisch espanol"],
] as const)
  for (const w of words.split(" ")) LOCALE_WORDS[w] = locale;

export const LOCALE_BY_COUNTRY: Record<string, Locale> = {
  FR: "fr",
  BE: "fr",
  LU: "fr",
  MC: "fr",
  IT: "it",
  SM: "it",
  VA: "it",
  DE: "de",
  AT: "de",
  LI: "de",
  ES: "es",
};

export const kindOf = memoize((cell: string): ClientKind | undefined => KIND_WORDS[foldHeader(cell)]);
export const localeOf = memoize(
  (cell: string): Locale | undefined => LOCALE_WORDS[foldHeader(cell).split(" ")[0] ?? ""],
);

// The runtime's ISO 4217 list (ICU), so that "XYZ" is refused and not only "Euro".
export const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf("currency"));
