// Splitting a full-name cell into first and last names. The conventions are data at the top; the order in which
// they apply is the code: nicknames, then the comma form, then leading titles and trailing suffixes, then words in
// capitals, then particles, then Spanish double surnames. What is dropped on the way is returned, for the row's note.
//
// When no rule decides, the last word is the last name and every word before it the first name, as nameparser
// reads names once its middle names join the first name: Qonto has no middle name.

import { GIVEN_NAMES, MARIAN_NAMES, SPANISH_SURNAMES } from "./name-lists.js";

/** Civilities and honorifics dropped where they lead a name, one or several ("Prof. Dr."), dots and case ignored. */
const TITLES = [
  // French (Me is Maître)
  "M.",
  "MM.",
  "Monsieur",
  "Messieurs",
  "Mme",
  "Mmes",
  "Madame",
  "Mesdames",
  "Mlle",
  "Mlles",
  "Mademoiselle",
  "Me",
  "Maître",
  "Dr",
  "Docteur",
  "Pr",
  "Prof",
  "Professeur",
  // English
  "Mr",
  "Mister",
  "Mrs",
  "Ms",
  "Miss",
  "Mx",
  // Italian
  "Sig.",
  "Signor",
  "Signore",
  "Sig.ra",
  "Signora",
  "Sig.na",
  "Signorina",
  "Dott.",
  "Dott.ssa",
  "Dr.ssa",
  "Prof.ssa",
  "Avv.",
  "Ing.",
  "Geom.",
  "Rag.",
  "Arch.",
  // German
  "Herr",
  "Frau",
  "Dr. med.",
  "Dr.-Ing.",
  "Dipl.-Ing.",
  "Dipl.-Kfm.",
  "Mag.",
  // Spanish
  "Sr.",
  "Señor",
  "Sra.",
  "Señora",
  "Srta.",
  "Señorita",
  "Don",
  "Doña",
  "D.",
  "Dña.",
  "Dra.",
  "Lic.",
];

/** Generational suffixes dropped where they end a name ("John Smith Jr.", "Smith, John III"), dots and case ignored. */
const SUFFIXES = ["Jr.", "Jnr", "Sr.", "Snr", "II", "III", "IV"];

/**
 * Nicknames and asides: in parentheses, or in the quotes of any of the five languages. Single quotes only where they
 * border the word, so that O'Brien and d'Alembert keep their apostrophes.
 */
const NICKNAME =
  /\([^()]*\)|"[^"]*"|“[^“”]*”|„[^„“”]*[“”]|«[^«»]*»|‹[^‹›]*›|(?<![\p{L}\p{N}])['‘’‚][^\s'‘’‚]+['‘’](?![\p{L}\p{N}])/gu;

/** Titles that are also a first name or an initial: kept when nothing else would be left ("Don", "M. Don"). */
const NAME_LIKE_TITLES = ["Don", "Me", "D."];
/** Of those, the ones that before a lone surname are a first name or an initial ("Don Johnson", "D. Smith"). */
const FIRST_NAME_LIKE_TITLES = ["Don", "D."];

/** Particles belong to the surname that follows them, whatever their case ("Mario De Rossi"). */
const PARTICLES = [
  "de",
  "de la",
  "du",
  "des",
  "d'",
  "di",
  "da",
  "del",
  "della",
  "dei",
  "degli",
  "dal",
  "dalla",
  "van",
  "van der",
  "van den",
  "von",
  "von der",
  "vom",
  "zu",
  "zum",
  "zur",
  "ten",
  "ter",
  "le",
  "la",
  "lo",
  "los",
  "las",
  "dos",
  "das",
  "y",
  "bin",
  "ibn",
  "al",
  "el",
];

/** Joins two surnames into one ("García y Pérez"): the word before it is part of the surname too. */
const JOINERS = ["y"];

// Titles compare without dots, accents or case ("Dott.ssa" = "dottssa", "Doña" = "dona"); particles compare by word,
// so "de la" and "van der" are covered by walking back one word at a time.
const titleKey = (word: string): string =>
  word.normalize("NFD").replace(/\p{M}/gu, "").replace(/\./g, "").toLowerCase();
const wordKey = (word: string): string => word.replace(/[’‘]/g, "'").toLowerCase();

const TITLE_WORDS = TITLES.map((title) => title.split(" ").map(titleKey));
const SUFFIX_KEYS = new Set(SUFFIXES.map(titleKey));
const NAME_LIKE = new Set(NAME_LIKE_TITLES.map(titleKey));
const FIRST_NAME_LIKE = new Set(FIRST_NAME_LIKE_TITLES.map(titleKey));
const PARTICLE_WORDS = new Set(PARTICLES.flatMap((particle) => particle.split(" ")));
const JOINER_WORDS = new Set(JOINERS);

const isParticle = (word: string): boolean => PARTICLE_WORDS.has(wordKey(word));
const isJoiner = (word: string): boolean => JOINER_WORDS.has(wordKey(word));
const isSuffix = (word: string): boolean => SUFFIX_KEYS.has(titleKey(word));

// Given names and surnames compare without accents or case: exports often lose both ("Jose Garcia Lopez").
const foldKey = (word: string): string => word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
const GIVEN = new Set(Object.values(GIVEN_NAMES).flat().map(foldKey));
const SPANISH = new Set(SPANISH_SURNAMES.map(foldKey));
const MARIAN = new Set(MARIAN_NAMES.map(foldKey));

const isGivenName = (word: string): boolean => GIVEN.has(foldKey(word));
/** Listed, or a patronymic in -ez that is not a given name ("Fernández", "Rodriguez"; not "Inez"). */
const isSpanishSurname = (word: string): boolean => {
  const key = foldKey(word);
  return SPANISH.has(key) || (/^\p{L}{3,}ez$/u.test(key) && !GIVEN.has(key));
};

/** A word in capitals: two letters at least, since initials ("J.", "J.-P.") are capitals whatever the convention. */
function isUpperWord(word: string): boolean {
  // ß has no capital in common use: "GROß" is still written in capitals.
  return /\p{L}{2}/u.test(word) && /\p{Lu}/u.test(word) && !/(?!ß)\p{Ll}/u.test(word);
}

/** A word in capitals that is not a particle: what marks a surname in "DUPONT Jean" (a lone "LA" does not). */
const isCapitalSurname = (word: string): boolean => isUpperWord(word) && !isParticle(word);

export interface SplitName {
  first_name: string;
  last_name: string;
}

/** A part of a full name that is no part of its first or last name, as written. */
export interface DroppedPart {
  kind: "title" | "suffix" | "nickname";
  text: string;
}

export interface ReadName {
  /** Undefined when no word is left. */
  name: SplitName | undefined;
  dropped: DroppedPart[];
}

/** "Jean Dupont", "DUPONT Jean", "Dupont, Jean", "M. Jean-Pierre de La Fontaine" → first and last name. */
export function splitFullName(full: string): SplitName | undefined {
  return readFullName(full).name;
}

/** The first and last names of a full name, and the titles, suffixes and nicknames dropped from it. */
export function readFullName(full: string): ReadName {
  const dropped: DroppedPart[] = [];
  const text = dropNicknames(full, dropped);
  return { name: splitText(text, dropped), dropped };
}

/** The row's note: `the title "Dr." and the nickname «Pierrot» in "Dr. Pierre «Pierrot» Dubois" are not sent…`. */
export function droppedNote(full: string, dropped: readonly DroppedPart[]): string {
  const parts = (["title", "nickname", "suffix"] as const).flatMap((kind) =>
    dropped
      .filter((part) => part.kind === kind)
      .map((part) =>
        kind === "nickname" && part.text.startsWith("(")
          ? `the words in parentheses ${part.text}`
          : `the ${kind} ${quoted(part.text)}`,
      ),
  );
  const list =
    parts.length > 1
      ? `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1] ?? ""}`
      : (parts[0] ?? "");
  return `${list} in "${full.trim()}" ${parts.length > 1 ? "are" : "is"} not sent: no part of a first or last name`;
}

// A nickname keeps its own quotes in a message; a title or suffix gets ours.
const quoted = (text: string): string => (/^["“„«‹'‘’‚]/u.test(text) ? text : `"${text}"`);

function dropNicknames(full: string, dropped: DroppedPart[]): string {
  const found: string[] = [];
  const rest = full.replace(NICKNAME, (match) => {
    found.push(match);
    return " ";
  });
  // A name wholly in quotes or parentheses is the name: its marks go, its words stay.
  if (words(rest).length === 0) return full.replace(NICKNAME, (match) => ` ${match.slice(1, -1)} `);
  for (const text of found)
    if (/[\p{L}\p{N}]/u.test(text)) dropped.push({ kind: "nickname", text: text.replace(/\s+/gu, " ") });
  return rest;
}

function splitText(text: string, dropped: DroppedPart[]): SplitName | undefined {
  const comma = text.indexOf(",");
  if (comma >= 0) {
    const before = words(text.slice(0, comma));
    const after = words(text.slice(comma + 1));
    // "John Smith, Jr.": a suffix after the comma, not the "LAST, First" form.
    if (after.length > 0 && after.every(isSuffix)) {
      const name = splitWords(dropSuffixes(dropTitles(before, dropped), dropped));
      dropped.push({ kind: "suffix", text: after.join(" ") });
      return name;
    }
    // A stray comma ("Jean Dupont,") is not the "LAST, First" form either.
    if (before.length > 0 && after.length > 0)
      return splitInverted(
        dropSuffixes(dropTitles(before, dropped), dropped),
        dropSuffixes(dropTitles(after, dropped), dropped),
      );
    return splitWords(dropSuffixes(dropTitles([...before, ...after], dropped), dropped));
  }
  return splitWords(dropSuffixes(dropTitles(words(text), dropped), dropped));
}

function words(text: string): string[] {
  return text.split(/[\s,]+/u).filter((word) => word !== "");
}

/** How many words the title starting at `at` covers, 0 when none does. */
function titleAt(tokens: readonly string[], at: number): number {
  const here = titleKey(tokens[at] ?? "");
  let longest = 0;
  for (const title of TITLE_WORDS) {
    // "Dr.med." glued in one word counts as "Dr. med.".
    if (title.join("") === here) longest = Math.max(longest, 1);
    if (title.every((word, i) => titleKey(tokens[at + i] ?? "") === word))
      longest = Math.max(longest, title.length);
  }
  return longest;
}

function dropTitles(tokens: readonly string[], dropped: DroppedPart[]): string[] {
  let at = 0;
  let lastAt = 0;
  let lastTitle = "";
  for (let length = titleAt(tokens, at); length > 0; length = titleAt(tokens, at)) {
    lastAt = at;
    lastTitle = tokens.slice(at, at + length).join(" ");
    at += length;
  }
  // How many leading words go; a title kept as the name is not dropped.
  let droppedTo = at;
  let kept = tokens.slice(at);
  // A name-like title followed by a single word is a first name ("Don Johnson", "D. Smith"): dropping it would
  // leave a surname alone and refuse the row.
  // "Me Dupont" stays a title (Maître): a lawyer's first name is not "Me", and a refused row says so.
  if (at === tokens.length - 1 && FIRST_NAME_LIKE.has(titleKey(lastTitle))) {
    droppedTo = lastAt;
    kept = [lastTitle, ...kept];
  }
  // Only titles: the last one may be the name itself ("Don", "M. Don"); "Mme" alone is no name.
  if (at === tokens.length && NAME_LIKE.has(titleKey(lastTitle))) {
    droppedTo = lastAt;
    kept = [lastTitle];
  }
  if (droppedTo > 0) dropped.push({ kind: "title", text: tokens.slice(0, droppedTo).join(" ") });
  return kept;
}

/** Suffixes at the end go ("Smith Jr.", "Henry Ford II"); a word is always left, even if it looks like one. */
function dropSuffixes(tokens: readonly string[], dropped: DroppedPart[]): string[] {
  let end = tokens.length;
  while (end > 1 && isSuffix(tokens[end - 1] ?? "")) end -= 1;
  if (end < tokens.length) dropped.push({ kind: "suffix", text: tokens.slice(end).join(" ") });
  return tokens.slice(0, end);
}

/** "LAST, First", each side as written; particles listed after the first name go back ("Gaulle, Charles de"). */
function splitInverted(last: readonly string[], first: readonly string[]): SplitName | undefined {
  if (last.length === 0 && first.length === 0) return undefined;
  let cut = first.length;
  while (cut > 1 && isParticle(first[cut - 1] ?? "")) cut -= 1;
  return named(first.slice(0, cut), [...first.slice(cut), ...last]);
}

function splitWords(tokens: readonly string[]): SplitName | undefined {
  const count = tokens.length;
  if (count === 0) return undefined;
  // One word: a surname; the caller reports the missing first name.
  if (count === 1) return named([], tokens);

  // All in capitals ("JEAN DUPONT"), capitals tell nothing: fall through to the last word.
  if (!tokens.every(isUpperWord)) {
    const surnameWord = (word: string): boolean => isUpperWord(word) || isParticle(word);

    // French convention, surname in capitals first: "DUPONT Jean", "DE LA FONTAINE Jean", "de LA TOUR Marie". The run
    // ends on its last capital surname word, so a particle after it stays with the first name.
    let lead = 0;
    for (let i = 0; i < count && surnameWord(tokens[i] ?? ""); i += 1)
      if (isCapitalSurname(tokens[i] ?? "")) lead = i + 1;
    if (lead > 0 && lead < count) return named(tokens.slice(lead), tokens.slice(0, lead));

    // Surname in capitals last: "Jean DUPONT", "Gabriel GARCÍA MÁRQUEZ", "Ludwig van der ROHE". The first word stays.
    let tail = count;
    while (tail > 1 && surnameWord(tokens[tail - 1] ?? "")) tail -= 1;
    if (tokens.slice(tail).some(isCapitalSurname)) return named(tokens.slice(0, tail), tokens.slice(tail));
  }

  // Otherwise the surname is the last word with the particles before it; the first word is always the first name.
  let start = count - 1;
  while (start > 1) {
    if (isParticle(tokens[start - 1] ?? "")) start -= 1;
    else if (isJoiner(tokens[start] ?? "")) start -= 1;
    else break;
  }
  start = spanishFirstSurname(tokens, start);
  return named(tokens.slice(0, start), tokens.slice(start));
}

/**
 * Spanish names carry two surnames, and Qonto's last name is both: "José García López", "José Luis Rodríguez
 * Zapatero", "Ana de la Rosa Caballero". The word before the surname found so far is a first surname when it is a
 * Spanish surname, or when the last word is one and that word is no given name (or follows a particle, as "Rosa"
 * in "de la Rosa"). Returns where the last name starts, with that first surname and its particles.
 */
function spanishFirstSurname(tokens: readonly string[], start: number): number {
  const at = start - 1;
  // The first word is always the first name.
  if (at < 1) return start;
  const word = tokens[at] ?? "";
  let from = at;
  while (from > 1 && isParticle(tokens[from - 1] ?? "")) from -= 1;
  const afterParticle = from < at;
  // "María del Carmen García": a Marian name after María is part of the first name.
  if (afterParticle && MARIAN.has(foldKey(word)) && /^mar[ií]a$/iu.test(tokens[from - 1] ?? "")) return start;
  const given = isGivenName(word);
  const last = tokens[tokens.length - 1] ?? "";
  const surname = (isSpanishSurname(word) && !given) || (isSpanishSurname(last) && (!given || afterParticle));
  return surname ? from : start;
}

function named(first: readonly string[], last: readonly string[]): SplitName {
  return { first_name: first.join(" "), last_name: last.join(" ") };
}
