// Issue 17, as a user sees it on a row: a full name's title, suffix or nickname is left out with a note on the
// full-name column and the row is still imported; a name that leaves a single word is refused, never guessed.
import { describe, expect, it } from "vitest";
import { matchHeader } from "../src/map/header.js";
import type { SourceRow } from "../src/parse/source-row.js";
import { normalizeRow } from "../src/validate/normalize.js";

function normalize(fields: Record<string, string>) {
  const { mapping } = matchHeader(Object.keys(fields));
  const row: SourceRow = { file: "clients.csv", recordNo: 1, line: 2, fields, problems: [] };
  return normalizeRow(row, mapping, { orgCountry: "FR", currency: "EUR" });
}

describe("a full name on a person row", () => {
  it.each([
    { full: "Jean Dupont", first: "Jean", last: "Dupont", note: undefined },
    { full: "Dr. Jean Dupont", first: "Jean", last: "Dupont", note: 'the title "Dr."' },
    {
      full: "Dott.ssa Maria Grazia Rossi",
      first: "Maria Grazia",
      last: "Rossi",
      note: 'the title "Dott.ssa"',
    },
    {
      full: "Herr Dr.-Ing. Karl von Braun",
      first: "Karl",
      last: "von Braun",
      note: 'the title "Herr Dr.-Ing."',
    },
    {
      full: "Pierre (Pierrot) Dubois",
      first: "Pierre",
      last: "Dubois",
      note: "the words in parentheses (Pierrot)",
    },
    { full: "Jean « Jeannot » Martin", first: "Jean", last: "Martin", note: "the nickname « Jeannot »" },
    { full: "John Smith, Jr.", first: "John", last: "Smith", note: 'the suffix "Jr."' },
    { full: "DUPONT Jean-Pierre", first: "Jean-Pierre", last: "DUPONT", note: undefined },
    { full: "José García López", first: "José", last: "García López", note: undefined },
  ])("$full → $first / $last", ({ full, first, last, note }) => {
    const result = normalize({ "Full name": full, Type: "individual", Email: "a@b.fr" });
    if (!result.ok) expect.fail(`row refused: ${JSON.stringify(result.problems)}`);
    expect(result.payload).toMatchObject({ first_name: first, last_name: last });
    const notes = result.problems.filter((p) => p.code === "field_not_sent");
    if (note === undefined) expect(notes).toEqual([]);
    else {
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({ severity: "warning", column: "Full name" });
      expect(notes[0]?.message).toContain(`${note} in "${full}"`);
    }
  });

  it.each([
    { full: "Madonna", note: false },
    { full: "DUPONT", note: false },
    { full: "M. Dupont", note: true },
    { full: "Sig.ra Rossi", note: true },
    { full: "Mme", note: true },
    { full: "Prof. Dr.", note: true },
    { full: "Smith Jr.", note: true },
  ])("$full is refused: name_missing on the full-name column", ({ full, note }) => {
    const result = normalize({ "Full name": full, Type: "individual", Email: "a@b.fr" });
    expect(result.ok).toBe(false);
    expect(result.problems.filter((p) => p.code === "name_missing").map((p) => p.column)).toContain(
      "Full name",
    );
    // What was dropped is said too: it is why a single word is left.
    expect(result.problems.some((p) => p.code === "field_not_sent")).toBe(note);
  });

  it("a title in separate first/last name columns is not the full name's business", () => {
    const result = normalize({ "First name": "Jean", "Last name": "Dupont", "Full name": "Dr. Jean Dupont" });
    if (!result.ok) expect.fail(`row refused: ${JSON.stringify(result.problems)}`);
    expect(result.payload).toMatchObject({ first_name: "Jean", last_name: "Dupont" });
    expect(result.problems.filter((p) => p.code === "field_not_sent")).toEqual([]);
  });
});
