import { describe, expect, it } from "vitest";
import { PROBLEM_HINTS, problemHint } from "../src/i18n/problems.js";
import { PROBLEMS, type ProblemCode } from "../src/problems.js";

const codes = Object.keys(PROBLEMS) as ProblemCode[];
const langs = Object.keys(PROBLEM_HINTS) as (keyof typeof PROBLEM_HINTS)[];

// What a translation must carry over untouched, because a user types or searches for it: options, field and format
// names with an underscore, file names, and every number (limits, rates, examples).
const literals = (text: string): string[] => [
  ...(text.match(/--[a-z][a-z-]*/g) ?? []),
  ...(text.match(/\b[A-Za-z0-9-]+(?:_[A-Za-z0-9-]+)+\b/g) ?? []),
  ...(text.match(/\b[\w-]+\.(?:csv|xlsx|html|json)\b/g) ?? []),
  ...(text.match(/\d+(?:[.,]\d+)*/g) ?? []),
];

describe("the problem catalogue's hints in every language", () => {
  it("covers the four languages besides English", () => {
    expect(langs.sort()).toEqual(["de", "es", "fr", "it"]);
  });

  const cases = langs.flatMap((lang) => codes.map((code) => [lang, code] as const));

  it.each(cases)("%s: %s has its own hint", (lang, code) => {
    const hint = PROBLEM_HINTS[lang][code];
    expect(hint.trim()).not.toBe("");
    expect(hint).not.toBe(PROBLEMS[code].hint);
  });

  it.each(cases)("%s: %s keeps the options, names and numbers of the English hint", (lang, code) => {
    const hint = PROBLEM_HINTS[lang][code];
    const missing = literals(PROBLEMS[code].hint).filter((literal) => !hint.includes(literal));
    expect(missing).toEqual([]);
  });

  it("has no hint for a code the catalogue does not declare", () => {
    for (const lang of langs) expect(Object.keys(PROBLEM_HINTS[lang]).sort()).toEqual([...codes].sort());
  });
});

describe("problemHint", () => {
  it.each([
    ["vat_invalid", "en", PROBLEMS.vat_invalid.hint],
    ["vat_invalid", "fr", PROBLEM_HINTS.fr.vat_invalid],
    ["iban_invalid", "de", PROBLEM_HINTS.de.iban_invalid],
    ["summary_row", "es", PROBLEM_HINTS.es.summary_row],
    ["not_invoiceable", "it", PROBLEM_HINTS.it.not_invoiceable],
    ["no_such_code", "en", ""],
    ["no_such_code", "it", ""],
    // An inherited property name is no code either.
    ["toString", "es", ""],
  ] as const)("%s in %s", (code, lang, expected) => {
    expect(problemHint(code, lang)).toBe(expected);
  });
});
