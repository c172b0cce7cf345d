import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { matchHeader } from "../src/map/header.js";
import { normalizeRow } from "../src/validate/normalize.js";

// Phones checked against Google's phonenumbers (python): test/fixtures/reference/phones/README.md says how the
// vectors were made. Each goes through normalizeRow as a file's row would, and what the importer sends (or
// refuses) is compared with phonenumbers' verdict: valid or not, and the same country code and national number.

type Vector = [cell: string, client: string, org: string, expected: string | null, extra?: object];
const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/reference/phones/vectors.json", import.meta.url), "utf8"),
) as { vectors: Record<string, Vector[]> };

const { mapping } = matchHeader(["Raison sociale", "Téléphone", "Pays"]);
const run = (cell: string, client: string, org: string) =>
  normalizeRow(
    {
      file: "f.csv",
      recordNo: 1,
      line: 2,
      fields: { "Raison sociale": "ACME", Téléphone: cell, Pays: client },
      problems: [],
    },
    mapping,
    { orgCountry: org, currency: "EUR" },
  );

/** What the importer makes of a cell: "+33 612345678" (null: no phone) and the notes on the phone column. */
function sent(cell: string, client: string, org: string): { phone: string | null; notes: string[] } {
  const result = run(cell, client, org);
  const phone = result.ok ? result.payload.phone : undefined;
  return {
    phone: phone === undefined ? null : `${phone.country_code} ${phone.number}`,
    notes: result.problems.filter((p) => p.code === "field_not_sent").map((p) => p.message),
  };
}

const key = (cls: string, [cell, client, org]: Vector) =>
  `${cls} | ${JSON.stringify(cell)} | ${client} | ${org}`;

// Every disagreement kept on purpose, with why. The test fails on any other, and on an entry here that agrees.
const METADATA =
  "metadata versions: phonenumbers 8.12.57 (2022) against libphonenumber-js 1.13.16's (Google's 9.0 series)";
const KEPT: Record<string, string> = {
  'random_digits | "16332870931" | US | US': `${METADATA}; the newer one has the NANP personal numbers of area code 633`,
};

describe("phones against phonenumbers (python)", () => {
  const rows: { cls: string; total: number; agree: number }[] = [];
  const disagreements = new Map<string, string>();
  // Agreements where the importer should have said what it left out, and did not.
  const silent: string[] = [];
  for (const [cls, vectors] of Object.entries(fixture.vectors)) {
    let agree = 0;
    for (const v of vectors) {
      const extension = v[3] === null ? undefined : / ext\. (\d+)$/.exec(v[3])?.[1];
      const expected = v[3] === null ? null : v[3].replace(/ ext\. \d+$/, "");
      const actual = sent(v[0], v[1], v[2]);
      if (actual.phone !== expected) {
        disagreements.set(key(cls, v), `expected ${String(expected)}, sent ${String(actual.phone)}`);
        continue;
      }
      agree++;
      // An extension, and the other numbers of a cell, are not sent: the row's notes say so.
      if (extension !== undefined && !actual.notes.some((n) => n.includes(`extension ${extension} `)))
        silent.push(`${key(cls, v)}: no note on the extension ${extension}`);
      if (cls === "multi" && expected !== null && actual.notes.length === 0)
        silent.push(`${key(cls, v)}: no note on the other number`);
    }
    rows.push({ cls, total: vectors.length, agree });
  }
  const total = rows.reduce((n, r) => n + r.total, 0);
  const agree = rows.reduce((n, r) => n + r.agree, 0);
  const pct = (a: number, n: number) => `${((100 * a) / n).toFixed(2)} %`;
  const line = (cls: string, n: number, a: number) =>
    `${cls.padEnd(16)} ${String(n).padStart(7)} ${String(a).padStart(7)} ${pct(a, n).padStart(9)}`;
  console.log(
    [
      `${"class".padEnd(16)} ${"vectors".padStart(7)} ${"agree".padStart(7)} ${"".padStart(9)}`,
      ...rows.map((r) => line(r.cls, r.total, r.agree)),
      line("all", total, agree),
      ...[...disagreements].map(([k, why]) => `  ${k}: ${why}`),
    ].join("\n"),
  );

  it("agrees on at least 97 % of the vectors", () => {
    expect(agree / total).toBeGreaterThanOrEqual(0.97);
  });

  it("notes every extension and every other number it does not send", () => {
    expect(silent).toEqual([]);
  });

  it("disagrees only where the list says why", () => {
    expect([...disagreements.keys()].filter((k) => !(k in KEPT))).toEqual([]);
    expect(Object.keys(KEPT).filter((k) => !disagreements.has(k))).toEqual([]);
  });
});
