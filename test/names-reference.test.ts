// Issue 17: splitFullName against an independent reference, python-nameparser 1.1.2 configured for French,
// Italian, German and Spanish titles and particles (test/fixtures/reference/names/, made by
// scripts/reference/make-name-vectors.py). Names are compared as Qonto gets them: nameparser's first and middle
// names are the first name, its titles, suffixes and nicknames are no part of either, and a name with an empty
// first or last name is a refused row on both sides. That projection is also why Spanish double surnames are
// compared with the generator: nameparser's "José" / "García" (middle) / "López" would reach Qonto as first name
// "José García", and the importer sends first name "José", last name "García López".
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { splitFullName } from "../src/validate/names.js";

/** [first, last] as sent to Qonto, or null for a refused row. */
type Split = [string, string] | null;
type Vector = [input: string, intended: Split, nameparser: Split];

interface Reference {
  versions: Record<string, string>;
  classes: Record<string, { description: string; vectors: Vector[] }>;
}

const REFERENCE = JSON.parse(
  readFileSync(new URL("./fixtures/reference/names/vectors.json", import.meta.url), "utf8"),
) as Reference;

/**
 * Classes where the importer disagrees with nameparser on purpose: there it is compared with the generator's
 * intended answer instead, for the reason given.
 */
const AGAINST_INTENDED: Record<string, string> = {
  surname_caps_first:
    "nameparser does not know the French convention 'DUPONT Jean' (surname in capitals first) and takes DUPONT for the first name",
  inverted_trailing_particle:
    "in 'Gaulle, Charles de' nameparser keeps the particle with the first name ('Charles de'); it belongs to the surname",
  spanish_double:
    "nameparser takes the first of two Spanish surnames for a middle name ('José García' / 'López'); Qonto's last name is both, 'García López'",
  name_like_title_one_word:
    "nameparser drops Don and D. as titles and refuses 'Don Johnson' and 'D. Smith'; the importer reads a first name or an initial there, as before issue 17",
};

/**
 * The least agreement a class must keep, in percent, where it is below 100 today (rounded down), and why. Every
 * other class agrees on every name and must keep doing so.
 */
const FLOORS: Record<string, { floor: number; why: string }> = {
  spanish_double: {
    floor: 86,
    why:
      "two surnames are recognised only when one is a listed Spanish surname or ends in -ez and the word before " +
      "is no given name: rarer and Basque surnames the lists lack (Etxeberria Urrutia) and surnames that are also " +
      "given names (Santiago, Lorenzo, Cruz) fall back to the last word, which is what nameparser does",
  },
};
const OVERALL_FLOOR = 97;

function ours(input: string): Split {
  const split = splitFullName(input);
  if (split === undefined || split.first_name === "" || split.last_name === "") return null;
  return [split.first_name, split.last_name];
}

const same = (a: Split, b: Split): boolean => JSON.stringify(a) === JSON.stringify(b);

interface ClassResult {
  name: string;
  against: "nameparser" | "intended";
  total: number;
  agreed: number;
  misses: { input: string; expected: Split; got: Split }[];
}

const results: ClassResult[] = Object.entries(REFERENCE.classes).map(([name, { vectors }]) => {
  const against = name in AGAINST_INTENDED ? "intended" : "nameparser";
  const misses: ClassResult["misses"] = [];
  for (const [input, intended, nameparser] of vectors) {
    const expected = against === "intended" ? intended : nameparser;
    const got = ours(input);
    if (!same(got, expected)) misses.push({ input, expected, got });
  }
  return { name, against, total: vectors.length, agreed: vectors.length - misses.length, misses };
});

const percent = (agreed: number, total: number): number => (total === 0 ? 100 : (100 * agreed) / total);

describe(`splitFullName against nameparser ${REFERENCE.versions.nameparser ?? "?"}`, () => {
  it("prints the agreement per class", () => {
    const lines = results.map(
      (r) =>
        `${r.name.padEnd(28)} ${r.against.padEnd(10)} ${String(r.agreed).padStart(4)}/${String(r.total).padEnd(4)} ${percent(r.agreed, r.total).toFixed(1).padStart(5)} %` +
        r.misses
          .slice(0, 3)
          .map(
            (m) =>
              `\n    ${JSON.stringify(m.input)}: ${JSON.stringify(m.got)}, expected ${JSON.stringify(m.expected)}`,
          )
          .join(""),
    );
    const agreed = results.reduce((n, r) => n + r.agreed, 0);
    const total = results.reduce((n, r) => n + r.total, 0);
    lines.push(
      `${"overall".padEnd(39)} ${String(agreed).padStart(4)}/${total} ${percent(agreed, total).toFixed(1)} %`,
      "",
      "compared with the generator's intended answer, not nameparser's:",
      ...Object.entries(AGAINST_INTENDED).map(([name, why]) => `  ${name}: ${why}`),
      "below 100 %:",
      ...Object.entries(FLOORS).map(([name, { why }]) => `  ${name}: ${why}`),
    );
    console.log(lines.join("\n"));
    expect(total).toBeGreaterThan(0);
  });

  it(`agrees on ${OVERALL_FLOOR} % of the names at least`, () => {
    const agreed = results.reduce((n, r) => n + r.agreed, 0);
    const total = results.reduce((n, r) => n + r.total, 0);
    expect(percent(agreed, total)).toBeGreaterThanOrEqual(OVERALL_FLOOR);
  });

  it.each(results.map((r) => [r.name, r] as const))("%s keeps its agreement", (name, r) => {
    expect(
      percent(r.agreed, r.total),
      r.misses
        .slice(0, 10)
        .map((m) => JSON.stringify(m))
        .join("\n"),
    ).toBeGreaterThanOrEqual(FLOORS[name]?.floor ?? 100);
  });

  // An exemption must stay earned: in a class compared with the intended answer, nameparser disagrees with it.
  it.each(Object.keys(AGAINST_INTENDED))("nameparser disagrees with the intended answer in %s", (name) => {
    const vectors = REFERENCE.classes[name]?.vectors ?? [];
    const differ = vectors.filter(([, intended, nameparser]) => !same(intended, nameparser)).length;
    expect(percent(differ, vectors.length)).toBeGreaterThan(50);
  });

  it("lists only classes the reference has", () => {
    for (const name of [...Object.keys(AGAINST_INTENDED), ...Object.keys(FLOORS)])
      expect(Object.keys(REFERENCE.classes)).toContain(name);
  });
});
