import iconv from "iconv-lite";

/**
 * Text of another single-byte code page read as Windows-1252 turns into Latin-1 letters, but not into words any
 * Western language has. Three kinds of word give it away, and none occurs in real French, German, Spanish, Italian,
 * Portuguese, Nordic or Catalan text:
 *
 * - a word of four letters or more with no ASCII letter: Greek, Cyrillic, Hebrew and Arabic letters all map to
 *   Latin-1 letters ("Ëåùíéäáò", "Ìîñêâà", "ùìåí");
 * - a lowercase letter followed by an accented capital: Greek accented vowels (ή → Þ), KOI8-R (capitals and
 *   lowercase swapped), Polish ź → Ÿ ("£ódŸ"), UTF-8 read as Windows-1252 ("prÃ©sident"); but not Irish's
 *   mutated initials (na hÉireann);
 * - a symbol between two letters: Polish ł → ³, ą → ¹, ż → ¿ ("G³ówna"), Czech ť → a byte Windows-1252 lacks.
 *   The apostrophes (’ ´), the Catalan middle dot (col·legi), the soft hyphen, dashes and the ordinals (nº, 1ª,
 *   n°) are left out.
 *
 * Each such word counts once. A sample is garbled when it has at least two and they are at least a quarter of
 * its words holding a non-ASCII character: one odd word in a file of French names refuses nothing.
 */
export interface MojibakeScore {
  /** Words holding a character outside ASCII. */
  words: number;
  /** Those of them that no Western language writes. */
  garbled: number;
  /** The first garbled word, and its line in the text (1-based). */
  example?: { word: string; line: number };
}

const MIN_GARBLED = 2;
const MIN_SHARE = 0.25;

/** A word: letters, and the symbols that are letters in other code pages, and U+FFFD (a byte Windows-1252 lacks). */
const WORD =
  /[\p{L}\u0080-\u009f\u00a1-\u00aa\u00ac-\u00ba\u00bc-\u00bf\u00d7\u00f7\u2013-\u203a\u20ac\u2122\ufffd]+/gu;
/** Symbols no Western word holds between two letters. */
const ODD_SYMBOL =
  /[\u0080-\u009f\u00a1-\u00a9\u00ac\u00ae\u00af\u00b1-\u00b3\u00b5\u00b6\u00b8-\u00b9\u00bc-\u00bf\u00d7\u00f7\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\ufffd]/u;
const ACCENTED_CAPITAL = /[À-ÖØ-ÞŠŒŽŸ]/u;
const LETTER = /\p{L}/u;
const LOWER = /\p{Ll}/u;
const ASCII_LETTER = /[A-Za-z]/;

/** Irish writes a mutated initial vowel after one or two lowercase letters: na hÉireann, i nÉirinn, bhÁth. */
function irishMutation(chars: string[], capital: number): boolean {
  return (
    capital <= 2 &&
    /[ÁÉÍÓÚ]/.test(chars[capital] ?? "") &&
    chars.slice(0, capital).every((c) => LOWER.test(c))
  );
}

/** Whether a word cannot be Western text read right. */
function garbledWord(word: string): boolean {
  const chars = [...word];
  let letters = 0;
  let asciiLetters = 0;
  for (const [i, ch] of chars.entries()) {
    if (LETTER.test(ch)) {
      letters += 1;
      if (ASCII_LETTER.test(ch)) asciiLetters += 1;
    }
    const before = chars[i - 1];
    const after = chars[i + 1];
    if (before !== undefined && LOWER.test(before) && ACCENTED_CAPITAL.test(ch) && !irishMutation(chars, i))
      return true;
    if (before !== undefined && after !== undefined && ODD_SYMBOL.test(ch))
      if (LETTER.test(before) && LETTER.test(after)) return true;
  }
  return letters >= 4 && asciiLetters === 0;
}

/** How garbled a text decoded as Windows-1252 looks. Pure, for tests. */
export function mojibakeScore(text: string): MojibakeScore {
  const score: MojibakeScore = { words: 0, garbled: 0 };
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    if (!/[^\x00-\x7f]/.test(word)) continue;
    score.words += 1;
    if (!garbledWord(word)) continue;
    score.garbled += 1;
    score.example ??= { word, line: (text.slice(0, match.index).match(/\r\n|\r|\n/g)?.length ?? 0) + 1 };
  }
  return score;
}

/**
 * The first garbled word of a text decoded as Windows-1252 and its line, when the text as a whole looks like
 * another code page read as Windows-1252 (see MojibakeScore); undefined when it reads as Western text. Pure.
 */
export function looksLikeMojibake(text: string): { word: string; line: number } | undefined {
  const score = mojibakeScore(text);
  if (score.garbled < MIN_GARBLED || score.garbled < MIN_SHARE * score.words) return undefined;
  return score.example;
}

/** A code page to suggest, and what it is for. */
export interface CodePageGuess {
  encoding: string;
  language: string;
}

/**
 * Letter frequencies (percent, lowercase, accents dropped) of each script's main language: Greek, Russian (with
 * Ukrainian's і, ї, є), Hebrew (final forms folded), Arabic. The code page whose decoding of a text is most likely
 * under its script's frequencies is the text's.
 */
interface Script {
  encodings: readonly string[];
  language: string;
  letter: RegExp;
  table: ReadonlyMap<string, number>;
}

const SCRIPTS: readonly Script[] = [
  {
    encodings: ["iso-8859-7", "windows-1253"],
    language: "Greek",
    letter: /\p{Script=Greek}/u,
    frequencies:
      "α12 ο9.8 ι8.9 ε8 τ7.9 σ7.5 ν6.6 η5.5 ρ4.5 υ4.4 κ4.1 π4 μ3.4 λ2.9 ω1.8 δ1.8 γ1.7 θ1.3 χ1.2 φ.8 β.7 ξ.4 ζ.3 ψ.1",
  },
  {
    encodings: ["windows-1251", "koi8-r"],
    language: "Cyrillic",
    letter: /\p{Script=Cyrillic}/u,
    frequencies:
      "о11 е8.5 а8 и7.4 н6.7 т6.3 с5.5 р4.7 в4.5 л4.4 к3.5 м3.2 д3 п2.8 у2.6 я2 ы1.9 ь1.7 г1.7 з1.7 б1.6 ч1.4 " +
      "й1.2 х1 ж.9 ш.7 ю.6 і.5 ц.5 щ.4 э.3 ф.3 ї.1 є.1 ъ.04",
  },
  {
    encodings: ["windows-1255", "iso-8859-8"],
    language: "Hebrew",
    letter: /\p{Script=Hebrew}/u,
    frequencies:
      "י11 ו10.4 ה8.9 ל7.4 מ6.5 א6.3 ר5.9 ת5.3 ב4.7 נ4.5 ש4.5 ע3.3 כ2.7 ד2.6 ח2.3 ק1.9 פ1.7 ג1.3 ט1.2 ס1.1 צ1 ז.9",
  },
  {
    encodings: ["windows-1256"],
    language: "Arabic",
    letter: /\p{Script=Arabic}/u,
    frequencies:
      "ا12.7 ل10.5 ي7.6 م6.3 ن6 و5.9 ر4.8 ت4.5 ه4.4 ب3.8 ع3.4 د3.1 س2.8 ف2.6 ق2.4 ك2.3 ة2.3 ح2 ج1.5 ى1 ش1.2 " +
      "ص1.1 خ.9 ط.9 ذ.6 ض.6 ز.5 ث.5 ء.4 غ.4 ظ.2",
  },
].map((script) => ({ ...script, table: frequencyTable(script.frequencies) }));

function frequencyTable(frequencies: string): ReadonlyMap<string, number> {
  return new Map(frequencies.split(" ").map((entry) => [entry.slice(0, 1), Number(entry.slice(1)) / 100]));
}

const FINAL_FORMS: Readonly<Record<string, string>> = { ς: "σ", ם: "מ", ן: "נ", ך: "כ", ף: "פ", ץ: "צ" };
/** The likelihood of a letter of the script that the table lacks, and of anything else beyond ASCII. */
const RARE_LETTER = 0.0005;
const FOREIGN_CHARACTER = 0.00005;

const CENTRAL_EUROPEAN: CodePageGuess = { encoding: "windows-1250", language: "Central European" };

/**
 * Which code page a file whose head reads as garbled Windows-1252 is probably in. UTF-8 with a few bad bytes is
 * UTF-8; words of Latin letters with a few odd ones are Central European (Polish, Czech); words with no Latin
 * letter are in the script whose common letters the bytes decode into most often. Undefined when nothing fits.
 * Pure.
 */
export function guessCodePage(bytes: Buffer): CodePageGuess | undefined {
  const utf8 = bytes.toString("utf8");
  const invalid = utf8.match(/\ufffd/g)?.length ?? 0;
  const multibyte = utf8.match(/[^\x00-\x7f\ufffd]/g)?.length ?? 0;
  if (multibyte > 0 && invalid * 10 <= multibyte) return { encoding: "utf-8", language: "UTF-8" };

  // In the words that hold a byte beyond ASCII, how many letters are ASCII: most in Polish, none in Greek.
  let letters = 0;
  let ascii = 0;
  for (const [word] of iconv.decode(bytes, "windows-1252").matchAll(WORD)) {
    if (!/[^\x00-\x7f]/.test(word)) continue;
    letters += word.match(/\p{L}/gu)?.length ?? 0;
    ascii += word.match(/[A-Za-z]/g)?.length ?? 0;
  }
  if (letters > 0 && ascii >= 0.5 * letters) return CENTRAL_EUROPEAN;

  // A code page fits when the bytes beyond ASCII decode into letters of its script (not Latin letters or marks
  // among them) at the rates its language has them: the mean log-likelihood of those characters.
  let best: (CodePageGuess & { fit: number }) | undefined;
  for (const script of SCRIPTS) {
    for (const encoding of script.encodings) {
      let high = 0;
      let logLikelihood = 0;
      let previous = "";
      for (const ch of iconv.decode(bytes, encoding)) {
        const after = previous;
        previous = ch;
        if (ch <= "\x7f") continue;
        high += 1;
        let p = FOREIGN_CHARACTER;
        // A capital after a lowercase letter is what a wrong Greek or Cyrillic code page makes (KOI8-R's swap).
        if (/\p{L}/u.test(ch) && script.letter.test(ch) && !(/\p{Lu}/u.test(ch) && /\p{Ll}/u.test(after))) {
          const base = (ch.normalize("NFD")[0] ?? ch).toLowerCase();
          p = script.table.get(FINAL_FORMS[base] ?? base) ?? RARE_LETTER;
        }
        logLikelihood += Math.log(p);
      }
      const fit = high === 0 ? -Infinity : logLikelihood / high;
      if (best === undefined || fit > best.fit) best = { encoding, language: script.language, fit };
    }
  }
  // Below a letter in 200 on average, the text is in none of these scripts.
  return best !== undefined && best.fit >= Math.log(0.005)
    ? { encoding: best.encoding, language: best.language }
    : undefined;
}

/**
 * The refusal of a file read as Windows-1252 (detected, not given) whose head reads as another code page, or
 * undefined. One line: the garbled word and its line, and the --encoding to try.
 */
export function garbledRefusal(sample: string, bytes: Buffer): string | undefined {
  const garbled = looksLikeMojibake(sample);
  if (garbled === undefined) return undefined;
  const guess = guessCodePage(bytes);
  const hint =
    guess === undefined
      ? "try --encoding with the file's code page, e.g. iso-8859-7 (Greek), windows-1251 (Cyrillic), windows-1250 (Central European)"
      : guess.encoding === "utf-8"
        ? "try --encoding utf-8 (the file is UTF-8 but for a few bytes)"
        : `try --encoding, e.g. --encoding ${guess.encoding} for ${guess.language}`;
  return `probably not windows-1252 (text such as "${garbled.word}" on line ${garbled.line} looks garbled): ${hint}`;
}
