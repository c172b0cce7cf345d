import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputFileError } from "../src/errors.js";
import { matchHeader, mappingGaps } from "../src/map/header.js";
import { loadMappingFile, missingColumns } from "../src/map/mapping-file.js";
import { normalizeRow } from "../src/validate/normalize.js";
import { runCli } from "./helpers/cli.js";

const dir = await mkdtemp(join(tmpdir(), "qonto-map-"));
async function mappingFile(content: string): Promise<string> {
  const file = join(dir, `m${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, content);
  return file;
}

describe("loadMappingFile", () => {
  it("reads columns, constants and ignored columns", async () => {
    const file = await mappingFile(
      JSON.stringify({
        columns: { Nom: "name", Notes: null },
        constants: { kind: "company" },
        ignore: ["Tel"],
      }),
    );
    expect(await loadMappingFile(file)).toEqual({
      columns: { Nom: "name", Notes: null },
      constants: { kind: "company" },
      ignore: ["Tel"],
    });
  });

  it.each([
    ["not JSON", "{ columns: ", /not valid JSON/],
    [
      "an unknown field",
      JSON.stringify({ columns: { Nom: "company_name" } }),
      /columns\.Nom: unknown field; fields are: kind, name,/,
    ],
    ["an unknown constant", JSON.stringify({ constants: { colour: "red" } }), /constants.*unknown field/],
    ["an unknown key", JSON.stringify({ column: {} }), /unknown key\(s\) "column"/],
    ["a constant that is not text", JSON.stringify({ constants: { kind: 3 } }), /constants\.kind/],
  ])("refuses %s with one line naming the file and the entry", async (_name, content, message) => {
    const file = await mappingFile(content);
    const err = (await loadMappingFile(file).catch((e: unknown) => e)) as InputFileError;
    expect(err).toBeInstanceOf(InputFileError);
    expect(err.message.startsWith(`${file}: `)).toBe(true);
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain("\n");
  });

  it("a missing mapping file is named", async () => {
    await expect(loadMappingFile(join(dir, "nope.json"))).rejects.toThrow(
      /nope\.json: mapping file not found/,
    );
  });

  it("reports the columns it names that the input does not have", () => {
    expect(
      missingColumns({ columns: { Nom: "name", Mail: "email" }, constants: {}, ignore: ["X"] }, ["Nom"]),
    ).toEqual(["Mail", "X"]);
  });
});

describe("matchHeader with a mapping file", () => {
  it.each([
    {
      name: "an explicit column wins over the alias table",
      columns: ["Nom", "Mail"],
      explicit: { columns: { Nom: "name" as const }, ignore: [] },
      mapping: { name: "Nom", email: "Mail" },
      unmapped: [],
      ignored: [],
      shadowed: [],
    },
    {
      name: "null and ignore leave columns out, without calling them unmapped",
      columns: ["Raison sociale", "Email", "Notes", "Téléphone"],
      explicit: { columns: { Email: null }, ignore: ["Téléphone"] },
      mapping: { name: "Raison sociale" },
      unmapped: ["Notes"],
      ignored: ["Email", "Téléphone"],
      shadowed: [],
    },
    {
      name: "an alias does not take a field the file assigns elsewhere",
      columns: ["Email", "Courriel principal"],
      explicit: { columns: { "Courriel principal": "email" as const }, ignore: [] },
      mapping: { email: "Courriel principal" },
      unmapped: [],
      ignored: [],
      shadowed: [{ column: "Email", field: "email" as const, by: "Courriel principal" }],
    },
  ])("$name", ({ columns, explicit, mapping, unmapped, ignored, shadowed }) => {
    expect(matchHeader(columns, explicit)).toEqual({ mapping, unmapped, ignored, shadowed });
  });

  it("constants fill fields that have no column, or an empty cell", () => {
    const { mapping } = matchHeader(["Client", "Ville"], { columns: { Client: "name" }, ignore: [] });
    expect(mappingGaps(mapping)).toEqual([]);
    expect(mappingGaps({}, { name: "X" })).toEqual([]);
    const row = { file: "f", recordNo: 1, line: 2, fields: { Client: "ACME", Ville: "" }, problems: [] };
    const result = normalizeRow(row, mapping, {
      orgCountry: "FR",
      currency: "EUR",
      constants: { kind: "company", country: "Italie", city: "Milano" },
    });
    expect(result.ok && result.payload).toMatchObject({
      kind: "company",
      name: "ACME",
      billing_address: { city: "Milano", country_code: "IT" },
      locale: "it",
    });
  });
});

describe("--map on the command line", () => {
  it("imports a file whose headers the alias table does not know", async () => {
    const csv = join(dir, "odd.csv");
    await writeFile(csv, "Kunde;Kontakt;Bemerkung\nACME GmbH;info@acme.de;VIP\n");
    const map = await mappingFile(
      JSON.stringify({
        columns: { Kunde: "name", Kontakt: "email" },
        constants: { country: "DE" },
        ignore: ["Bemerkung"],
      }),
    );
    const result = await runCli(["clients", csv, "--dry-run", "--map", map, "--json", "--report-dir", dir]);
    expect(result.stderr).not.toMatch(/Columns not imported/);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { outcomes: Record<string, number> }).outcomes.would_create).toBe(1);
  });

  it("a mapping file naming a column the input lacks stops with exit 2, naming both", async () => {
    const csv = join(dir, "plain.csv");
    await writeFile(csv, "Raison sociale;Email\nACME;a@acme.fr\n");
    const map = await mappingFile(JSON.stringify({ columns: { "Raison Sociale ": "name" } }));
    const result = await runCli(["clients", csv, "--dry-run", "--quiet", "--map", map, "--report-dir", dir]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain(`${map}: names columns that ${csv} does not have: "Raison Sociale "`);
  });
});

describe("reader problems and the columns in use", () => {
  const mapping = { name: "Company" };
  const defaults = { orgCountry: "FR", currency: "EUR" };
  const rowWith = (column: string | undefined) => ({
    file: "f.xlsx",
    recordNo: 1,
    line: 4,
    fields: { Company: "ACME", Total: "" },
    problems: [
      {
        code: "formula_without_value" as const,
        severity: "error" as const,
        message: "no saved result",
        ...(column === undefined ? {} : { column }),
      },
    ],
  });

  it.each([
    ["in a column the import does not use, is ignored", "Total", true],
    ["in a mapped column, refuses the row", "Company", false],
    ["about the whole row, refuses the row", undefined, false],
  ])("a problem %s", (_name, column, ok) => {
    expect(normalizeRow(rowWith(column), mapping, defaults).ok).toBe(ok);
  });
});

describe("a mapping file helps find the header", () => {
  it("below a title row, when the header's names are known only to the mapping file", async () => {
    const csv = join(dir, "titled.csv");
    await writeFile(csv, "Kundenliste 2024\nKunde;Kontakt\nACME GmbH;info@acme.de\n");
    const map = await mappingFile(JSON.stringify({ columns: { Kunde: "name", Kontakt: "email" } }));
    const result = await runCli([
      "clients",
      csv,
      "--dry-run",
      "--quiet",
      "--json",
      "--map",
      map,
      "--report-dir",
      dir,
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { outcomes: Record<string, number> }).outcomes.would_create).toBe(1);
  });
});
