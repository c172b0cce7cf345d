// Splitting a full-name cell into first and last names. Kept small here; the rules are table-tested.

const TITLES = new Set(
  [
    "m",
    "mme",
    "mlle",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "pr",
    "prof",
    "me",
    "sig",
    "sig.ra",
    "sigra",
    "sig.na",
    "dott",
    "dott.ssa",
    "avv",
    "ing",
    "herr",
    "frau",
    "sr",
    "sra",
    "srta",
    "d",
    "dna",
  ].map((t) => t.replace(/\./g, "")),
);

const PARTICLES = new Set([
  "de",
  "du",
  "des",
  "del",
  "della",
  "di",
  "da",
  "van",
  "von",
  "der",
  "den",
  "la",
  "le",
  "dos",
  "das",
  "y",
]);

function isTitle(token: string): boolean {
  return TITLES.has(token.toLowerCase().replace(/\./g, ""));
}

function isUpperWord(token: string): boolean {
  // Two letters at least: an initial ("J. Dupont", "J.-P. Dupont") is written in capitals whatever the convention.
  return /\p{L}{2}/u.test(token) && token === token.toUpperCase() && token !== token.toLowerCase();
}

export interface SplitName {
  first_name: string;
  last_name: string;
}

/** "Jean Dupont", "DUPONT Jean", "Dupont, Jean", "M. Jean-Pierre de La Fontaine" → first and last name. */
export function splitFullName(full: string): SplitName | undefined {
  const cleaned = full.replace(/\s+/g, " ").trim();
  if (cleaned === "") return undefined;

  const comma = cleaned.indexOf(",");
  if (comma > 0) {
    const last = cleaned.slice(0, comma).trim();
    const first = dropTitles(
      cleaned
        .slice(comma + 1)
        .trim()
        .split(" "),
    ).join(" ");
    if (last !== "" && first !== "") return { first_name: first, last_name: last };
  }

  const tokens = dropTitles(cleaned.split(" "));
  if (tokens.length === 0) return undefined;
  if (tokens.length === 1) return { first_name: "", last_name: tokens[0] ?? "" };

  // French convention: the surname in capitals comes first ("DUPONT Jean", "DE LA FONTAINE Jean").
  const leadingUpper = tokens.findIndex((t) => !isUpperWord(t));
  if (leadingUpper > 0 && leadingUpper < tokens.length) {
    return {
      last_name: tokens.slice(0, leadingUpper).join(" "),
      first_name: tokens.slice(leadingUpper).join(" "),
    };
  }

  // Otherwise the surname is the last word, with the particles that precede it.
  let start = tokens.length - 1;
  while (start > 1 && PARTICLES.has((tokens[start - 1] ?? "").toLowerCase())) start -= 1;
  return { first_name: tokens.slice(0, start).join(" "), last_name: tokens.slice(start).join(" ") };
}

function dropTitles(tokens: string[]): string[] {
  const out = [...tokens];
  while (out.length > 1 && isTitle(out[0] ?? "")) out.shift();
  return out;
}
