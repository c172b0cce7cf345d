import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { matchHeader } from "../src/map/header.js";
import { openTable } from "../src/parse/open.js";
import {
  blockNames,
  guessHeaderRow,
  headerBlockEnd,
  tableColumns,
  type MergedRange,
} from "../src/parse/header-row.js";
import type { SourceRow } from "../src/parse/source-row.js";

const NONE: ReadonlySet<string> = new Set();
const letter = (i: number) => String.fromCharCode(65 + i);

describe("guessHeaderRow: the header of a table whose names are not client fields", () => {
  it.each([
    {
      name: "no title",
      rows: [
        ["Zeit", "Wasserstand", "Status"],
        ["09.07.2013", "146", "ok"],
      ],
      header: 0,
    },
    {
      name: "title and note lines of one cell above the table",
      rows: [
        ["Lots of people"],
        ["Source: registry"],
        ["Name", "Profession", "Age"],
        ["Bowie", "musician", "69"],
      ],
      header: 2,
    },
    {
      name: "title words spread over cells, narrower than the table (readxl's deaths.xlsx)",
      rows: [
        ["Lots of people", "", "", "", "", ""],
        ["simply cannot resist writing", "", "", "", "", "some notes"],
        ["at", "the", "top", "", "of", "their spreadsheets"],
        ["or", "merging", "", "", "", "cells"],
        ["Name", "Profession", "Age", "Has kids", "Date of birth", "Date of death"],
        ["David Bowie", "musician", "69", "true", "1947-01-08", "2016-01-10"],
        ["Carrie Fisher", "actor", "60", "true", "1956-10-21", "2016-12-27"],
      ],
      header: 4,
    },
    {
      name: "a note in a cell beside, above the real header",
      rows: [
        ["", "", "Note 1", ""],
        ["Columns", "Column A", "Column B", "Column C"],
        ["put data here", "1", "2", "3"],
      ],
      header: 1,
    },
    {
      name: "an unnamed index column: the header is narrower than its numeric data",
      rows: [
        ["", "var2", "", "var2"],
        ["1", "a", "1.1", "aa"],
        ["2", "b", "2.1", "bb"],
      ],
      header: 0,
    },
    {
      name: "a header naming years (numbers) under a title",
      rows: [
        ["CO2 emissions, 2000 to 2007"],
        ["Year", "2000", "2001"],
        ["Food", "2,666", "2,274"],
        ["Textiles", "498", "853"],
      ],
      header: 1,
    },
    {
      name: "a table of one column: a value with the delimiter is a record, not a header",
      rows: [["Name"], ["Dupont", " Jean"], ["Martin"], ["Durand"]],
      header: 0,
    },
    {
      name: "numbers only, no header: the first row",
      rows: [
        ["1", "2"],
        ["3", "4"],
      ],
      header: 0,
    },
    { name: "nothing but blank rows", rows: [[""], ["", ""]], header: 0 },
  ])("$name → row $header", ({ rows, header }) => {
    expect(guessHeaderRow(rows)).toBe(header);
  });
});

describe("tableColumns: the names of a table's columns", () => {
  it.each([
    { name: "a plain header", cells: ["Name", "Email"], first: 0, names: ["Name", "Email"] },
    {
      name: "trailing empty cells dropped",
      cells: ["Name", "Email", " ", ""],
      first: 0,
      names: ["Name", "Email"],
    },
    {
      name: "a table starting in column C",
      cells: ["", " ", "Name", "Email"],
      first: 2,
      names: ["Name", "Email"],
    },
    {
      name: "an unnamed column inside",
      cells: ["Name", "", "Email"],
      first: 0,
      names: ["Name", "(column B)", "Email"],
    },
    {
      name: "a repeated name that is no client field",
      cells: ["abcd", "abcd", "ABCD"],
      first: 0,
      names: ["abcd", "abcd (column B)", "ABCD (column C)"],
    },
    {
      name: "a placeholder that a real name already uses",
      cells: ["(column B)", "", "x"],
      first: 0,
      names: ["(column B)", "(column B) 2", "x"],
    },
  ])("$name", ({ cells, first, names }) => {
    expect(tableColumns(cells, NONE, letter)).toEqual({ first, names });
  });

  it.each([
    { cells: ["Name", "Email", "email"], col: 2, message: 'header "email" repeats column B' },
    { cells: ["Raison sociale", "Ville", "Ville"], col: 2, message: 'header "Ville" repeats column B' },
  ])("refuses a repeated name that names a client field: $cells", ({ cells, col, message }) => {
    expect(tableColumns(cells, NONE, letter)).toMatchObject({
      col,
      message: expect.stringContaining(message),
    });
  });

  it("refuses a repeated name a mapping file names", () => {
    expect(tableColumns(["Code", "Code"], new Set(["Code"]), letter)).toMatchObject({ col: 1 });
  });

  it("an empty row is no header", () => {
    expect(tableColumns(["", " "], NONE, letter)).toEqual({ message: "the header row is empty" });
  });
});

describe("headerBlockEnd and blockNames: a header spread over rows by merges", () => {
  const merges: MergedRange[] = [
    { r1: 3, c1: 0, r2: 4, c2: 0 }, // Raison sociale, down
    { r1: 3, c1: 1, r2: 3, c2: 2 }, // Adresse, across Rue and Ville
    { r1: 3, c1: 3, r2: 4, c2: 3 }, // Email, down
  ];
  const rows = [
    { r: 3, cells: ["Raison sociale", "Adresse", "", "Email"] },
    { r: 4, cells: ["", "Rue", "Ville", ""] },
  ];
  const at = (r: number) => rows.find((x) => x.r === r)?.cells;
  const known = (s: string) => ["Rue", "Ville", "Email"].includes(s);

  it.each([
    { name: "merged down", merges, header: 3, end: 4 },
    { name: "a group across with sub-names under it only", merges: merges.slice(1, 2), header: 3, end: 4 },
    { name: "no merge: one row", merges: [], header: 3, end: 3 },
    {
      name: "a title merged across above the header does not count",
      merges: [{ r1: 1, c1: 0, r2: 1, c2: 3 }],
      header: 3,
      end: 3,
    },
    {
      name: "a merge down a data column far below",
      merges: [{ r1: 9, c1: 0, r2: 12, c2: 0 }],
      header: 3,
      end: 3,
    },
    { name: "never more than four rows below", merges: [{ r1: 3, c1: 0, r2: 40, c2: 0 }], header: 3, end: 7 },
  ])("$name → ends on row $end", ({ merges: m, header, end }) => {
    expect(headerBlockEnd(header, { first: 0, last: 3 }, m, at)).toBe(end);
  });

  it("a group's sub-names that are client fields stand alone; others are joined to the group", () => {
    expect(blockNames(rows, merges, 4, known)).toEqual(["Raison sociale", "Rue", "Ville", "Email"]);
    expect(blockNames(rows, merges, 4, () => false)).toEqual([
      "Raison sociale",
      "Adresse Rue",
      "Adresse Ville",
      "Email",
    ]);
  });

  it("a sub-name two groups share is joined to its group (billing and delivery cities)", () => {
    const two = [
      { r: 1, cells: ["Facturation", "", "Livraison", ""] },
      { r: 2, cells: ["Rue", "Ville", "Rue", "Ville"] },
    ];
    const groups = [
      { r1: 1, c1: 0, r2: 1, c2: 1 },
      { r1: 1, c1: 2, r2: 1, c2: 3 },
    ];
    expect(blockNames(two, groups, 4, known)).toEqual([
      "Facturation Rue",
      "Facturation Ville",
      "Livraison Rue",
      "Livraison Ville",
    ]);
  });
});

// The same layouts written by two programs: openpyxl, and Gnumeric rewriting openpyxl's file (make-*.* beside them).
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures/xlsx-layout");

async function read(file: string, sheet: string, headerNames: string[] = []) {
  const table = await openTable(join(FIXTURES, file), { sheet, headerNames });
  const rows: SourceRow[] = [];
  for await (const row of table.rows) rows.push(row);
  return { header: table.header, rows };
}

describe.each(["openpyxl.xlsx", "gnumeric.xlsx"])("%s", (file) => {
  it("a header merged over two rows is one header: no phantom record from its second row", async () => {
    const { header, rows } = await read(file, "Merged");
    expect(header).toMatchObject({
      line: 3,
      columns: ["Raison sociale", "Rue", "Ville", "Email", "Contact"],
    });
    expect(rows.map((r) => [r.line, r.recordNo, r.fields["Raison sociale"], r.fields.Ville])).toEqual([
      [5, 1, "ACME SARL", "Paris"],
      [6, 2, "Béta SAS", "Lyon"],
    ]);
    const { mapping } = matchHeader(header.columns);
    expect(mapping).toMatchObject({
      name: "Raison sociale",
      city: "Ville",
      email: "Email",
      full_name: "Contact",
    });
  });

  it("a table starting at C4 with a note in F1: the note is not the header, the table is read", async () => {
    const { header, rows } = await read(file, "Offset");
    expect(header).toMatchObject({ line: 4, firstColumn: 2, columns: ["Raison sociale", "Email", "Ville"] });
    expect(rows.map((r) => [r.line, r.fields])).toEqual([
      [5, { "Raison sociale": "ACME SARL", Email: "compta@acme.fr", Ville: "Paris" }],
      [6, { "Raison sociale": "Béta SAS", Email: "hello@beta.fr", Ville: "Lyon" }],
    ]);
  });

  it.each([[[]], [["Messstelle", "Wasserstand"]]])(
    "a foreign table under title lines: its header is found (mapping file names: %j)",
    async (names) => {
      const { header, rows } = await read(file, "Foreign", names);
      expect(header).toMatchObject({ line: 4, columns: ["Messstelle", "Wasserstand", "Status"] });
      expect(rows.map((r) => r.fields.Wasserstand)).toEqual(["146", "145"]);
    },
  );
});
