// Issue 17: VAT numbers and tax ids checked against an independent reference, python-stdnum's verdict on
// generated numbers (test/fixtures/reference/identifiers/, made by scripts/reference/make-identifier-vectors.py).
// Each vector is a cell as a user may write it, the client's country, and what python-stdnum says of the number
// in it: valid or not, and the compact form to send. Agreement is counted per class of input; the disagreements
// we keep on purpose are listed in KEPT with the reason, and any other disagreement fails the test.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkTaxId, checkVat, type IdentifierCheck } from "../src/validate/identifiers.js";

const DIR = fileURLToPath(new URL("./fixtures/reference/identifiers/", import.meta.url));

const Vector = z.object({
  class: z.string(),
  input: z.string(),
  country: z.string().nullable(),
  number: z.string(),
  valid: z.boolean(),
  value: z.string().optional(),
  error: z.string().optional(),
  /** python-stdnum has no rule for the country: the number is sent as written, with a warning. */
  unchecked: z.boolean().optional(),
});
type Vector = z.infer<typeof Vector>;

const load = (file: string): Vector[] =>
  readFileSync(`${DIR}${file}`, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => Vector.parse(JSON.parse(line)));

const VAT = load("vat.jsonl");
const TAX_IDS = load("tax-id.jsonl");

/** Whether our verdict is the reference's: valid or not, the same compact form, and a warning when unchecked. */
function agrees(v: Vector, ours: IdentifierCheck): boolean {
  if (!v.valid) return !ours.ok;
  if (!ours.ok || ours.value !== v.value) return false;
  return v.unchecked !== true || ours.warning?.code === "vat_not_checked";
}

/** The codice fiscale's day of birth, its digits possibly written as omocodia letters. */
const cfDay = (cf: string) =>
  Number(
    [...cf.slice(9, 11)]
      .map((c) => ("LMNPQRSTUV".includes(c) ? String("LMNPQRSTUV".indexOf(c)) : c))
      .join(""),
  );

/**
 * Disagreements kept on purpose: where the issue's rule is not python-stdnum's. Each applies to one class and
 * only to the vectors its test selects; anything else that disagrees fails.
 */
const KEPT: { class: string; reason: string; applies: (v: Vector, ours: IdentifierCheck) => boolean }[] = [
  {
    class: "taxid-es-nif-dummy",
    reason:
      "placeholders (12345678Z, all-zero bodies) have valid check characters, so stdnum accepts them; issue 17 refuses them",
    applies: (v, ours) => v.valid && !ours.ok,
  },
  {
    class: "vat-es-dummy",
    reason: "the same placeholders as Spanish VAT numbers: refused too",
    applies: (v, ours) => v.valid && !ours.ok,
  },
  {
    class: "taxid-it-cf-day-81-99",
    reason:
      "stdnum reads the day modulo 40, so 81-99 pass as 1-19; the codice fiscale's day is 01-31, or 41-71 for women",
    applies: (v, ours) => v.valid && !ours.ok && cfDay(v.number) >= 81,
  },
];

interface Tally {
  total: number;
  agree: number;
  kept: number;
  unexplained: { vector: Vector; ours: IdentifierCheck }[];
}

function tally(vectors: Vector[], check: (v: Vector) => IdentifierCheck): Map<string, Tally> {
  const byClass = new Map<string, Tally>();
  for (const v of vectors) {
    let t = byClass.get(v.class);
    if (t === undefined) byClass.set(v.class, (t = { total: 0, agree: 0, kept: 0, unexplained: [] }));
    const ours = check(v);
    t.total++;
    if (agrees(v, ours)) t.agree++;
    else if (KEPT.some((k) => k.class === v.class && k.applies(v, ours))) t.kept++;
    else t.unexplained.push({ vector: v, ours });
  }
  return byClass;
}

/** Agreement over the given classes: the kept disagreements count as disagreements. */
function agreement(tallies: Tally[]): { total: number; agree: number; kept: number; unexplained: number } {
  return tallies.reduce(
    (s, t) => ({
      total: s.total + t.total,
      agree: s.agree + t.agree,
      kept: s.kept + t.kept,
      unexplained: s.unexplained + t.unexplained.length,
    }),
    { total: 0, agree: 0, kept: 0, unexplained: 0 },
  );
}

const keptClass = (name: string) => KEPT.some((k) => k.class === name);
const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)} %`;

function table(title: string, byClass: Map<string, Tally>): string {
  const rows = [...byClass].map(([name, t]) => ({ name, ...agreement([t]) }));
  rows.push({ name: "overall", ...agreement([...byClass.values()]) });
  rows.push({
    name: "overall, kept rules' classes left out",
    ...agreement([...byClass].filter(([name]) => !keptClass(name)).map(([, t]) => t)),
  });
  const width = Math.max(...rows.map((r) => r.name.length));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(width) : c.padStart(i === 2 ? 8 : 6))).join("  ");
  return [
    title,
    line(["class", "n", "agree", "kept", "other"]),
    ...rows.map((r) =>
      line([r.name, String(r.total), pct(r.agree, r.total), String(r.kept), String(r.unexplained)]),
    ),
    ...KEPT.filter((k) => byClass.has(k.class)).map((k) => `kept in ${k.class}: ${k.reason}`),
  ].join("\n");
}

const describeUnexplained = (t: Tally) =>
  t.unexplained
    .slice(0, 10)
    .map(
      ({ vector, ours }) =>
        `${JSON.stringify(vector.input)} (${vector.country ?? "-"}): stdnum ${vector.valid ? `valid ${vector.value}` : `invalid (${vector.error})`}, ours ${ours.ok ? `valid ${ours.value}${ours.warning ? ` with ${ours.warning.code}` : ""}` : ours.code}`,
    );

describe.each([
  ["VAT numbers", VAT, (v: Vector) => checkVat(v.input, v.country ?? undefined)],
  ["tax identification numbers", TAX_IDS, (v: Vector) => checkTaxId(v.input, v.country ?? undefined)],
] as const)("%s against python-stdnum", (title, vectors, check) => {
  const byClass = tally(vectors, check);
  // The table is the point of this test: it shows where we stand, class by class.
  console.log(table(title, byClass));

  it("has thousands of vectors", () => {
    expect(vectors.length).toBeGreaterThan(2000);
  });

  it.each([...byClass.keys()])("%s: every disagreement is one kept on purpose", (name) => {
    const t = byClass.get(name);
    expect(t && describeUnexplained(t)).toEqual([]);
  });

  it.each(KEPT.filter((k) => byClass.has(k.class)).map((k) => [k.class, k]))(
    "the disagreements kept in %s still happen (the list cannot go stale)",
    (_, k) => {
      expect(byClass.get(k.class)?.kept).toBeGreaterThan(0);
    },
  );

  it("agrees on at least 99.5 % of the vectors outside the kept rules' classes", () => {
    const { agree, total } = agreement([...byClass].filter(([name]) => !keptClass(name)).map(([, t]) => t));
    expect(agree / total).toBeGreaterThanOrEqual(0.995);
  });
});
