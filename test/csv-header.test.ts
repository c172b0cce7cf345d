import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openCsv } from "../src/parse/csv.js";

async function read(content: string) {
  const file = join(await mkdtemp(join(tmpdir(), "qonto-hdr-")), "in.csv");
  await writeFile(file, content);
  const table = await openCsv(file);
  const rows = [];
  for await (const row of table.rows) rows.push(row);
  return { header: table.header, rows };
}

describe("title rows above the header", () => {
  it.each([
    [
      "a title line and a blank line",
      "Liste des clients au 12/03/2026\n\nRaison sociale;Email;Ville\nACME;a@acme.fr;Paris\n",
      3,
    ],
    [
      "an Excel title row padded with delimiters",
      "Export clients;;\n;;\nRaison sociale;Email;Ville\nACME;a@acme.fr;Paris\n",
      3,
    ],
    [
      "two title lines, one with a comma",
      "Clients, export du 12/03\nSociété Martin\nRaison sociale;Email;Ville\nACME;a@acme.fr;Paris\n",
      3,
    ],
    ["no title", "Raison sociale;Email;Ville\nACME;a@acme.fr;Paris\n", 1],
  ])(
    "%s: the header is found and the first client keeps its real line",
    async (_name, content, headerLine) => {
      const { header, rows } = await read(content);
      expect(header.columns).toEqual(["Raison sociale", "Email", "Ville"]);
      expect(header.delimiter).toBe(";");
      expect(header.line).toBe(headerLine);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        recordNo: 1,
        line: headerLine + 1,
        fields: { "Raison sociale": "ACME" },
      });
    },
  );

  it("a file whose header names no known field keeps its first row as the header", async () => {
    const { header, rows } = await read("Foo;Bar\n1;2\n");
    expect(header.columns).toEqual(["Foo", "Bar"]);
    expect(rows).toHaveLength(1);
  });

  it("rows after the first twenty are read as usual", async () => {
    const data = Array.from({ length: 50 }, (_, i) => `Client ${i};c${i}@x.fr`).join("\n");
    const { rows } = await read(`Titre\nNom de l'entreprise;Email\n${data}\n`);
    expect(rows.map((r) => r.recordNo)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(rows.at(-1)).toMatchObject({ line: 52, fields: { Email: "c49@x.fr" } });
  });
});

describe("a mapping file's column names find the delimiter and the header of a table of no client fields", () => {
  // A title with commas, then a ';' table of decimal-comma numbers: the field counts alone favour ','.
  const content = "Messung, Rhein, Köln\nZeit;Wasserstand\n1,5;2,5\n3,5;4,5\n";

  it("with the names, ';' and the header on line 2", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "qonto-hdr-")), "in.csv");
    await writeFile(file, content);
    const table = await openCsv(file, { headerNames: ["Zeit", "Wasserstand"] });
    expect(table.header).toMatchObject({ delimiter: ";", line: 2, columns: ["Zeit", "Wasserstand"] });
    const rows = [];
    for await (const row of table.rows) rows.push(row.fields);
    expect(rows).toEqual([
      { Zeit: "1,5", Wasserstand: "2,5" },
      { Zeit: "3,5", Wasserstand: "4,5" },
    ]);
  });

  it("without them, the sniffer's guess differs: the names are what decides", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "qonto-hdr-")), "in.csv");
    await writeFile(file, content);
    expect((await openCsv(file)).header.delimiter).toBe(",");
  });
});
