import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputFileError } from "../src/errors.js";
import { countLineBreaks, openCsv, sniffDelimiter } from "../src/parse/csv.js";
import type { SourceRow } from "../src/parse/source-row.js";

let dir: string;
let fileNo = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "qonto-import-csv-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function csvFile(content: string | Buffer): Promise<string> {
  fileNo += 1;
  const file = join(dir, `input-${fileNo}.csv`);
  await writeFile(file, content);
  return file;
}

async function readAll(file: string, options?: { delimiter?: string }) {
  const table = await openCsv(file, options);
  const rows: SourceRow[] = [];
  for await (const row of table.rows) rows.push(row);
  return { header: table.header, rows };
}

/** The error openCsv rejects with, checked to be an InputFileError. */
async function openError(file: string): Promise<InputFileError> {
  const table = openCsv(file).then(async (t) => {
    for await (const row of t.rows) void row;
  });
  const err: unknown = await table.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputFileError);
  return err as InputFileError;
}

describe("sniffDelimiter", () => {
  it.each([
    { name: "comma", sample: "name,email,city\nAcme,a@acme.fr,Paris\n", expected: "," },
    { name: "semicolon", sample: "nom;email;ville\nAcme;a@acme.fr;Paris\n", expected: ";" },
    { name: "tab", sample: "name\temail\tcity\nAcme\ta@acme.fr\tParis\n", expected: "\t" },
    { name: "pipe", sample: "name|email|city\nAcme|a@acme.fr|Paris\n", expected: "|" },
    {
      name: "semicolons inside quotes do not count",
      sample: '"a;b;c;d",email,city\n',
      expected: ",",
    },
    {
      name: "commas inside quotes do not count",
      sample: '"Raison sociale, nom";"Adresse, ligne 1"\n',
      expected: ";",
    },
    {
      name: "escaped quotes keep the quoted field closed",
      sample: '"say ""hi"", ok";b;c\n',
      expected: ";",
    },
    {
      name: "only the header line is read, not the data lines",
      sample: "name;email\nA,B,C,D,E,F,G\n",
      expected: ";",
    },
    {
      name: "a line break inside a quoted header name does not end the header",
      sample: '"first\nname";"last,name";email\n',
      expected: ";",
    },
    { name: "CRLF header", sample: "a|b|c\r\n1,2,3,4,5\r\n", expected: "|" },
    { name: "blank lines before the header are skipped", sample: "\r\n\nname;email\n", expected: ";" },
    { name: "a single column falls back to comma", sample: "name\nAcme\n", expected: "," },
  ])("$name", ({ sample, expected }) => {
    expect(sniffDelimiter(sample)).toBe(expected);
  });
});

describe("countLineBreaks", () => {
  it.each([
    { name: "empty", text: "", expected: 0 },
    { name: "LF", text: "a\nb\n", expected: 2 },
    { name: "CRLF counts once", text: "a\r\nb\r\n", expected: 2 },
    { name: "bare CR", text: "a\rb", expected: 1 },
    { name: "mixed", text: "\r\n\n\r", expected: 3 },
  ])("$name", ({ text, expected }) => {
    expect(countLineBreaks(text)).toBe(expected);
  });
});

describe("openCsv: header", () => {
  it("strips the UTF-8 BOM from the first header name so the column still maps", async () => {
    const file = await csvFile("\uFEFFRaison sociale;Email\nAcme;contact@acme.fr\n");
    const { header, rows } = await readAll(file);
    expect(header.columns).toEqual(["Raison sociale", "Email"]);
    expect(header.delimiter).toBe(";");
    expect(rows[0]?.fields["Raison sociale"]).toBe("Acme");
  });

  it("keeps the BOM out of the first value when the delimiter is given explicitly", async () => {
    const file = await csvFile("\uFEFFName\tCity\nAcme\tParis\n");
    const { header, rows } = await readAll(file, { delimiter: "\t" });
    expect(header.columns[0]).toBe("Name");
    expect(header.columns[0]?.charCodeAt(0)).not.toBe(0xfeff);
    expect(rows[0]?.fields).toEqual({ Name: "Acme", City: "Paris" });
  });

  it("trims header names and drops the empty trailing header cells spreadsheets leave", async () => {
    const file = await csvFile(" Name ; Email ;;\nAcme;a@acme.fr;;\n");
    const { header, rows } = await readAll(file);
    expect(header.columns).toEqual(["Name", "Email"]);
    expect(rows[0]?.problems).toEqual([]);
  });

  it("finds the header after blank lines and counts lines from the top of the file", async () => {
    const file = await csvFile("\n\nName;City\nAcme;Paris\n");
    const { header, rows } = await readAll(file);
    expect(header.columns).toEqual(["Name", "City"]);
    expect(rows.map((r) => [r.recordNo, r.line])).toEqual([[1, 4]]);
  });

  it.each([
    {
      name: "duplicate header name (case-insensitive)",
      content: "Name;Email;name\nA;b;c\n",
      message: /line 1, column 3: header "name" repeats column 1/,
    },
    {
      name: "duplicate header on a later line after blank lines",
      content: "\n\nName;Email;Email\nA;b;c\n",
      message: /line 3, column 3: header "Email" repeats column 2/,
    },
    { name: "only bare delimiters", content: ";;\n;;\n", message: /the file is empty/ },
    { name: "empty file", content: "", message: /the file is empty/ },
    { name: "file of blank lines", content: "\n  \r\n\n", message: /the file is empty/ },
    { name: "BOM only", content: "\uFEFF", message: /the file is empty/ },
  ])("$name → InputFileError naming the file", async ({ content, message }) => {
    const file = await csvFile(content);
    const err = await openError(file);
    expect(err.file).toBe(file);
    expect(err.message.startsWith(`${file}: `)).toBe(true);
    expect(err.message).toMatch(message);
  });

  it("a column without a name keeps its cells under its position; a repeated unknown name is told apart", async () => {
    const file = await csvFile("Name;;City;Note;note\nA;b;c;d;e\n");
    const { header, rows } = await readAll(file);
    expect(header.columns).toEqual(["Name", "(column 2)", "City", "Note", "note (column 5)"]);
    expect(rows[0]?.fields).toEqual({
      Name: "A",
      "(column 2)": "b",
      City: "c",
      Note: "d",
      "note (column 5)": "e",
    });
  });

  it("a table that starts in a later column: empty leading columns are margin", async () => {
    const file = await csvFile(";;Title of the table;;\n;;;;\n;;Name;Email;City\n;;Acme;a@acme.fr;Paris\n");
    const { header, rows } = await readAll(file);
    expect(header).toMatchObject({ line: 3, columns: ["Name", "Email", "City"], firstColumn: 2 });
    expect(rows.map((r) => [r.line, r.fields, r.problems])).toEqual([
      [4, { Name: "Acme", Email: "a@acme.fr", City: "Paris" }, []],
    ]);
  });

  it("missing file → InputFileError 'file not found' naming the file", async () => {
    const file = join(dir, "does-not-exist.csv");
    const err = await openError(file);
    expect(err.message).toBe(`${file}: file not found`);
    expect(err.exitCode).toBe(2);
  });

  it("a directory → InputFileError", async () => {
    const err = await openError(dir);
    expect(err.message).toContain("is a directory");
  });
});

describe("openCsv: record numbers and physical lines", () => {
  it.each([
    {
      name: "LF, line break inside a quoted value",
      content: 'Name;Address;City\nAcme;"1 rue de la Paix\nBât. B";Paris\nBeta;2 rue;Lyon\n',
      expected: [
        { recordNo: 1, line: 2, address: "1 rue de la Paix\nBât. B" },
        { recordNo: 2, line: 4, address: "2 rue" },
      ],
    },
    {
      name: "CRLF, two line breaks inside a quoted value",
      content:
        'Name;Address;City\r\nAcme;"1 rue\r\nBât. B\r\n3e étage";Paris\r\nBeta;2 rue;Lyon\r\nGamma;3 rue;Nice\r\n',
      expected: [
        { recordNo: 1, line: 2, address: "1 rue\r\nBât. B\r\n3e étage" },
        { recordNo: 2, line: 5, address: "2 rue" },
        { recordNo: 3, line: 6, address: "3 rue" },
      ],
    },
    {
      name: "CRLF, breaks inside quotes in two records",
      content: 'Name;Address;City\r\n"Acme\r\nSAS";"a\r\nb";Paris\r\nBeta;"c\r\nd";Lyon\r\n',
      expected: [
        { recordNo: 1, line: 2, address: "a\r\nb" },
        { recordNo: 2, line: 5, address: "c\r\nd" },
      ],
    },
    {
      name: "LF, blank lines skipped but counted",
      content: "Name;Address;City\n\nAcme;1 rue;Paris\n\n\nBeta;2 rue;Lyon\n\n",
      expected: [
        { recordNo: 1, line: 3, address: "1 rue" },
        { recordNo: 2, line: 6, address: "2 rue" },
      ],
    },
    {
      name: "CRLF, blank lines skipped but counted, with a quoted break after them",
      content: 'Name;Address;City\r\n\r\nAcme;"1 rue\r\nBât. B";Paris\r\n\r\n\r\nBeta;2 rue;Lyon',
      expected: [
        { recordNo: 1, line: 3, address: "1 rue\r\nBât. B" },
        { recordNo: 2, line: 7, address: "2 rue" },
      ],
    },
    {
      name: "rows of blanks or bare delimiters are blank lines",
      content: "Name;Address;City\nAcme;1 rue;Paris\n  \n;;\n ; ; \nBeta;2 rue;Lyon\n;;\n",
      expected: [
        { recordNo: 1, line: 2, address: "1 rue" },
        { recordNo: 2, line: 6, address: "2 rue" },
      ],
    },
  ])("$name", async ({ content, expected }) => {
    const file = await csvFile(content);
    const { rows } = await readAll(file);
    expect(rows.map((r) => ({ recordNo: r.recordNo, line: r.line, address: r.fields["Address"] }))).toEqual(
      expected,
    );
    for (const r of rows) {
      expect(r.file).toBe(file);
      expect(r.problems).toEqual([]);
    }
  });

  it("line numbers stay right far into a large CRLF file with multi-line values", async () => {
    // Larger than one read chunk (64 KiB), so the count must survive chunk boundaries.
    const lines = ["Name;Address;City"];
    for (let i = 1; i <= 3000; i++)
      lines.push(i % 3 === 0 ? `Client ${i};"${i} rue\r\nBât. ${i}";Paris` : `Client ${i};${i} rue;Lyon`);
    const content = lines.join("\r\n") + "\r\n";
    expect(content.length).toBeGreaterThan(64 * 1024);
    const file = await csvFile(content);
    const { rows } = await readAll(file);
    expect(rows).toHaveLength(3000);
    // Record n starts on line 2 + (n - 1) + (records before n holding a break) = n + 1 + floor((n - 1) / 3).
    for (const n of [1, 2, 3, 4, 1000, 2999, 3000]) {
      const row = rows[n - 1];
      expect(row?.fields["Name"]).toBe(`Client ${n}`);
      expect(row?.line).toBe(n + 1 + Math.floor((n - 1) / 3));
    }
  });
});

describe("openCsv: field count", () => {
  it.each([
    {
      name: "too few fields",
      content: "Name;City;Zip\nAcme;Paris\n",
      code: "row_too_few_fields",
      message: "record 1 (line 2) has 2 fields, the header has 3",
    },
    {
      name: "too many fields with a non-empty extra",
      content: "Name;City;Zip\nAcme;Paris;75001;oops\n",
      code: "row_too_many_fields",
      message: "record 1 (line 2) has 4 fields, the header has 3",
    },
    {
      name: "too many fields, after a multi-line record (CRLF)",
      content: 'Name;City;Zip\r\n"Acme\r\nSAS";Paris;75001\r\n\r\nBeta;Lyon;69001;x;y\r\n',
      code: "row_too_many_fields",
      message: "record 2 (line 5) has 5 fields, the header has 3",
    },
  ])("$name → $code naming record and line", async ({ content, code, message }) => {
    const file = await csvFile(content);
    const { rows } = await readAll(file);
    const bad = rows.find((r) => r.problems.length > 0);
    expect(bad?.problems).toEqual([{ code, severity: "error", message }]);
    expect(rows.filter((r) => r.problems.length > 0)).toHaveLength(1);
  });

  it("fills missing fields with empty strings and keeps the known ones", async () => {
    const file = await csvFile("Name;City;Zip\nAcme;Paris\n");
    const { rows } = await readAll(file);
    expect(rows[0]?.fields).toEqual({ Name: "Acme", City: "Paris", Zip: "" });
  });

  it.each([
    { name: "one empty extra", line: "Acme;Paris;75001;" },
    { name: "several empty extras", line: "Acme;Paris;75001;;;" },
    { name: "blank extras", line: "Acme;Paris;75001; ;  " },
  ])("trailing empty extra fields are fine: $name", async ({ line }) => {
    const file = await csvFile(`Name;City;Zip\n${line}\n`);
    const { rows } = await readAll(file);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.problems).toEqual([]);
    expect(rows[0]?.fields).toEqual({ Name: "Acme", City: "Paris", Zip: "75001" });
  });

  it("does not trim values: normalization decides what whitespace means", async () => {
    const file = await csvFile("Name,City\n  Acme , Paris\n");
    const { rows } = await readAll(file);
    expect(rows[0]?.fields).toEqual({ Name: "  Acme ", City: " Paris" });
  });

  it("an explicit delimiter overrides sniffing", async () => {
    const file = await csvFile("Name;Note\nAcme;a,b,c\nBeta;x\nGamma;y\n");
    const { header, rows } = await readAll(file, { delimiter: "," });
    expect(header.delimiter).toBe(",");
    // A table of one column: its first row is the header, and the row a comma splits is a record, not a header.
    expect(header.columns).toEqual(["Name;Note"]);
    expect(rows[0]?.problems.map((p) => p.code)).toEqual(["row_too_many_fields"]);
    expect(rows).toHaveLength(3);
  });

  it.each([
    ["a quote opened and never closed", 'Name,Email\nACME,"'],
    ["one endless line without a break", "Name,Email\nACME,"],
  ])("a record over 8 MiB (%s) is refused at its line, not held in memory", async (_what, start) => {
    const file = await csvFile(start + "x".repeat(9 * 2 ** 20));
    const err = await openError(file);
    expect(err.message).toBe(
      `${file}: line 2: a record longer than 8 MiB characters starts here (a quote that is never closed, or not a CSV file)`,
    );
  });

  it("an unclosed quote → InputFileError naming file and line", async () => {
    const file = await csvFile('Name;City\nAcme;Paris\nBeta;"Lyon\n');
    const err = await openError(file);
    expect(err.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: line \\d+: `));
    expect(err.message).toMatch(/quote/i);
  });
});
