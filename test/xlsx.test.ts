import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputFileError } from "../src/errors.js";
import type { SourceRow, SourceTable } from "../src/parse/source-row.js";
import {
  cellText,
  columnIndex,
  DATE,
  PERCENT,
  GENERAL,
  numberFormat,
  columnLetters,
  decodeEscapes,
  findSheet,
  isoDateText,
  mailtoAddress,
  numberText,
  openXlsx,
  parseRange,
  parseSheetExtras,
  plainDecimal,
  serialDateText,
  type CellContext,
  type NumberFormat,
  type RawCell,
  type SheetInfo,
} from "../src/parse/xlsx.js";
import { buildWorkbook, inlineCells, sheetXml } from "./fixtures/xlsx/build-zip.js";

const FIXTURES = fileURLToPath(new URL("./fixtures/xlsx/", import.meta.url));
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "qonto-import-xlsx-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function readAll(table: SourceTable): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const row of table.rows) rows.push(row);
  return rows;
}

async function workbookFile(name: string, content: Buffer): Promise<string> {
  const file = join(tmp, name);
  await writeFile(file, content);
  return file;
}

async function inputError(promise: Promise<unknown>): Promise<InputFileError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputFileError);
  return err as InputFileError;
}

// ---------------------------------------------------------------------------------------------------------------

describe("numberText", () => {
  it.each([
    ["12345678901234", "12345678901234"],
    ["1.2345678901234E+13", "12345678901234"],
    ["123456789012345678", "123456789012345678"],
    ["007", "7"],
    ["-5", "-5"],
    ["-0", "0"],
    ["0", "0"],
    ["3.14", "3.14"],
    ["0.30000000000000004", "0.3"],
    ["0.300000000000000000011", "0.3"],
    ["0.6000000000000001", "0.6"],
    ["2.9999999999999996", "3"],
    ["45293.604166666664", "45293.6041666667"],
    ["1E+20", "100000000000000000000"],
    ["1.5E+300", `15${"0".repeat(299)}`],
    ["1e-7", "0.0000001"],
    ["-1.5e-7", "-0.00000015"],
    ["12.5", "12.5"],
    ["not a number", "not a number"],
  ])("%s → %s", (raw, text) => {
    expect(numberText(raw)).toBe(text);
  });
});

describe("plainDecimal", () => {
  it.each([
    ["1e-7", "0.0000001"],
    ["1.25e+2", "125"],
    ["1.2e+21", "1200000000000000000000"],
    ["-4.5e-3", "-0.0045"],
    ["12.5", "12.5"],
  ])("%s → %s", (s, text) => {
    expect(plainDecimal(s)).toBe(text);
  });
});

describe("serialDateText", () => {
  it.each([
    [45366, false, "2024-03-15"],
    [45293.604166666664, false, "2024-01-02T14:30:00"],
    [45291, false, "2023-12-31"],
    [45366.999999999, false, "2024-03-16"],
    [0.5, false, "12:00:00"],
    [1, false, "1900-01-01"],
    [59, false, "1900-02-28"],
    [60, false, "1900-02-29"],
    [61, false, "1900-03-01"],
    [0, true, "1904-01-01"],
    [43904, true, "2024-03-15"],
    [2958465, false, "9999-12-31"],
  ])("%s (1904: %s) → %s", (serial, date1904, text) => {
    expect(serialDateText(serial, date1904)).toBe(text);
  });

  it("leaves serials no date can show to the number formatting", () => {
    expect(serialDateText(-1)).toBeUndefined();
    expect(serialDateText(Number.NaN)).toBeUndefined();
    expect(serialDateText(3e6)).toBeUndefined();
  });
});

describe("isoDateText", () => {
  it.each([
    ["2024-03-15T00:00:00.000Z", "2024-03-15"],
    ["2024-01-02T14:30:00.000Z", "2024-01-02T14:30:00"],
    ["2024-01-02T14:30", "2024-01-02T14:30:00"],
    ["2024-01-02", "2024-01-02"],
    ["15/03/2024", "15/03/2024"],
  ])("%s → %s", (value, text) => {
    expect(isoDateText(value)).toBe(text);
  });
});

describe("cellText", () => {
  const ZIP: NumberFormat = { kind: "zeros", width: 5 };
  const ctx: CellContext = {
    sharedStrings: ["Société", "Très important — 東京", " padded "],
    date1904: false,
  };
  const cell = (over: Partial<RawCell>): RawCell => ({
    type: undefined,
    value: undefined,
    inline: undefined,
    formula: false,
    format: GENERAL,
    ...over,
  });

  it.each<[string, Partial<RawCell>, string]>([
    ["shared string", { type: "s", value: "0" }, "Société"],
    ["shared string kept as is (no trim)", { type: "s", value: "2" }, " padded "],
    ["shared string out of range", { type: "s", value: "99" }, ""],
    ["inline string", { type: "inlineStr", inline: "Élodie" }, "Élodie"],
    ["inline string, no <is>", { type: "inlineStr" }, ""],
    ["inline string with an escaped CR", { type: "inlineStr", inline: "a_x000D_b" }, "a\rb"],
    ["formula string result", { type: "str", value: "Łódź", formula: true }, "Łódź"],
    ["formula empty-string result", { type: "str", value: "", formula: true }, ""],
    ["number", { value: "12345678901234" }, "12345678901234"],
    ["number with t=n", { type: "n", value: "0.30000000000000004" }, "0.3"],
    ["number formula result", { value: "3", formula: true }, "3"],
    ["date", { value: "45366", format: DATE }, "2024-03-15"],
    ["date and time", { value: "45293.604166666664", format: DATE }, "2024-01-02T14:30:00"],
    ["date formula result", { value: "45366", format: DATE, formula: true }, "2024-03-15"],
    ["ISO date cell", { type: "d", value: "2024-03-15T00:00:00Z" }, "2024-03-15"],
    ["boolean true", { type: "b", value: "1" }, "true"],
    ["boolean false", { type: "b", value: "0" }, "false"],
    ["boolean formula result", { type: "b", value: "1", formula: true }, "true"],
    ["literal error", { type: "e", value: "#N/A" }, ""],
    ["empty cell", {}, ""],
    ["styled empty cell", { format: DATE }, ""],
    ["zip code with leading zero kept by format 00000", { value: "1000", format: ZIP }, "01000"],
    ["zip code format, number long enough", { value: "75001", format: ZIP }, "75001"],
    ["zip code format on a decimal", { value: "12.5", format: ZIP }, "12.5"],
    ["percent cell: the fraction stored, the percentage shown", { value: "0.1", format: PERCENT }, "10%"],
    ["percent cell with decimals, no float artefact", { value: "0.055", format: PERCENT }, "5.5%"],
    ["percent cell above 100 %", { value: "1.25", format: PERCENT }, "125%"],
    ["percent cell of zero", { value: "0", format: PERCENT }, "0%"],
  ])("%s", (_, over, text) => {
    expect(cellText(cell(over), ctx)).toBe(text);
  });

  it.each<[string, NumberFormat]>([
    ["General", GENERAL],
    ["yyyy-mm-dd", DATE],
    ["00000", ZIP],
    ["00000;@", ZIP],
    ["0", GENERAL],
    ["0.00", GENERAL],
    ['#,##0 "€"', GENERAL],
    ["0%", PERCENT],
    ["0.00%", PERCENT],
    ['0.0 "%"', GENERAL],
    ["0\\%", GENERAL],
  ])("format %s", (code, format) => {
    expect(numberFormat(code)).toEqual(format);
  });

  it.each<[string, Partial<RawCell>, string]>([
    ["formula without <v>", { formula: true }, "has no saved result"],
    ["formula with an empty <v>", { formula: true, value: "" }, "has no saved result"],
    ["boolean formula without <v>", { type: "b", formula: true }, "has no saved result"],
    ["formula string without <v>", { type: "str", formula: true }, "has no saved result"],
    ["formula whose result is an error", { type: "e", value: "#N/A", formula: true }, "has the error #N/A"],
  ])("%s is an issue", (_, over, detail) => {
    const out = cellText(cell(over), ctx);
    expect(typeof out).toBe("object");
    expect(out).toMatchObject({ text: "" });
    expect((out as { detail: string }).detail).toContain(detail);
  });
});

describe("cell references", () => {
  it.each([
    ["A1", 0],
    ["B7", 1],
    ["Z9", 25],
    ["AA1", 26],
    ["XFD1048576", 16383],
    ["$C$3", 2],
  ])("%s is column %i", (ref, col) => {
    expect(columnIndex(ref)).toBe(col);
    expect(columnLetters(col)).toBe(ref.replace(/[$\d]/g, ""));
  });

  it("parses ranges, in either corner order", () => {
    expect(parseRange("A1:I1")).toEqual({ r1: 1, c1: 0, r2: 1, c2: 8 });
    expect(parseRange("C6:A5")).toEqual({ r1: 5, c1: 0, r2: 6, c2: 2 });
    expect(parseRange("D4")).toEqual({ r1: 4, c1: 3, r2: 4, c2: 3 });
    expect(parseRange("Sheet1!A1")).toBeUndefined();
  });

  it("decodes _xHHHH_ escapes", () => {
    expect(decodeEscapes("line_x000D__x000A_two")).toBe("line\r\ntwo");
    expect(decodeEscapes("plain_text")).toBe("plain_text");
  });
});

describe("findSheet", () => {
  const sheets: SheetInfo[] = [
    { name: "Lisez-moi", kind: "worksheet", hidden: false, path: "a" },
    { name: "Clients", kind: "worksheet", hidden: false, path: "b" },
    { name: "1", kind: "worksheet", hidden: false, path: "c" },
  ];
  it.each<[string, number | undefined]>([
    ["Clients", 1],
    ["CLIENTS", 1],
    ["lisez-moi", 0],
    ["2", 1],
    // A sheet named "1" is found by its name before index 1.
    ["1", 2],
    ["3", 2],
    ["4", undefined],
    ["0", undefined],
    ["Client", undefined],
  ])("%s → %s", (wanted, index) => {
    expect(findSheet(sheets, wanted)).toBe(index);
  });
});

describe("links and merges", () => {
  it("reads the address of mailto: links", () => {
    expect(mailtoAddress("mailto:zoe@example.fr")).toBe("zoe@example.fr");
    expect(mailtoAddress("MAILTO:zo%C3%AB@example.fr?subject=Bonjour")).toBe("zoë@example.fr");
    expect(mailtoAddress("https://example.fr")).toBeUndefined();
  });

  it("finds merges and mailto: links after the rows, namespace prefixes and all", () => {
    const tail =
      '<x:mergeCells count="2"><x:mergeCell ref="A1:I1"/><x:mergeCell ref="A5:A6"/><x:mergeCell ref="B2"/></x:mergeCells>' +
      '<x:hyperlinks><x:hyperlink ref="D4" r:id="rId1"/><x:hyperlink ref="D5" r:id="rId2" display="x"/>' +
      '<x:hyperlink ref="D6" location="Sheet2!A1"/></x:hyperlinks>';
    const rels = [
      { Id: "rId1", Type: "http://x/relationships/hyperlink", Target: "mailto:elodie@example.fr" },
      { Id: "rId2", Type: "http://x/relationships/hyperlink", Target: "https://example.fr" },
    ];
    expect(parseSheetExtras(tail, rels)).toEqual({
      merges: [
        { r1: 1, c1: 0, r2: 1, c2: 8 },
        { r1: 5, c1: 0, r2: 6, c2: 0 },
      ],
      mailto: [
        { r1: 4, c1: 3, r2: 4, c2: 3, target: "mailto:elodie@example.fr", address: "elodie@example.fr" },
      ],
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// One test per producer: the same table, written by five programs.

const HEADER = [
  "Company name",
  "First name",
  "Last name",
  "Email",
  "SIRET",
  "Created",
  "Total",
  "Active",
  "Notes",
];

const CLIENTS = [
  {
    "Company name": "Société Générale",
    "First name": "Élodie",
    "Last name": "Łódź",
    Email: "elodie@example.fr",
    SIRET: "12345678901234",
    Created: "2024-03-15",
    Total: "3",
    Active: "true",
    Notes: "Très important — 東京",
  },
  {
    // The mailto: link of this cell has no text (or its text is the link): the address is the value.
    "Company name": "Café du Marché",
    "First name": "Zoë",
    "Last name": "Ñandú",
    Email: "zoe@example.fr",
    SIRET: "98765432100012",
    Created: "2024-01-02T14:30:00",
    Total: "0.3",
    Active: "false",
    Notes: "Client fidèle",
  },
  {
    // A1:A5 is merged down over this row.
    "Company name": "Café du Marché",
    "First name": "Noël",
    "Last name": "Dupont",
    Email: "noel@example.fr",
    SIRET: "55555555500015",
    Created: "2023-12-31",
    Total: "0.6",
    Active: "true",
    Notes: "",
  },
];

async function expectClients(fixture: string, fields = CLIENTS): Promise<SourceRow[]> {
  const file = join(FIXTURES, fixture);
  const table = await openXlsx(file, {});
  expect(table.header).toEqual({ file, format: "xlsx", sheet: "Clients", line: 3, columns: HEADER });
  const rows = await readAll(table);
  expect(rows.map((r) => [r.sheet, r.recordNo, r.line])).toEqual([
    ["Clients", 1, 4],
    ["Clients", 2, 5],
    ["Clients", 3, 6],
  ]);
  expect(rows.map((r) => r.fields)).toEqual(fields);
  expect(table.recordCount()).toBe(3);
  return rows;
}

describe("fixtures from different producers", () => {
  it("exceljs.xlsx (exceljs: shared strings, rich text, float artefacts in cached results)", async () => {
    const rows = await expectClients("exceljs.xlsx");
    expect(rows.flatMap((r) => r.problems)).toEqual([]);
  });

  it("openpyxl.xlsx (openpyxl: inline strings, formulas without saved results)", async () => {
    const rows = await expectClients("openpyxl.xlsx", [
      { ...CLIENTS[0]!, Total: "" },
      // openpyxl wrote this one as a plain number, not a formula.
      CLIENTS[1]!,
      { ...CLIENTS[2]!, Total: "" },
    ]);
    expect(rows.map((r) => r.problems.map((p) => [p.code, p.severity, p.column]))).toEqual([
      [["formula_without_value", "error", "Total"]],
      [],
      [["formula_without_value", "error", "Total"]],
    ]);
    expect(rows[0]?.problems[0]?.message).toBe(
      'record 1 (row 4), column "Total" (cell G4): the formula has no saved result',
    );
  });

  it("libreoffice.xlsx (LibreOffice Calc: a first sheet without a header is passed over)", async () => {
    const rows = await expectClients("libreoffice.xlsx");
    expect(rows.flatMap((r) => r.problems)).toEqual([]);
  });

  it("gnumeric.xlsx (Gnumeric: pretty-printed XML, inline rich text, 21-digit numbers)", async () => {
    const rows = await expectClients("gnumeric.xlsx");
    expect(rows.flatMap((r) => r.problems)).toEqual([]);
  });

  it("sheetjs.xlsx (SheetJS: t=str strings, t=d dates, a link on an empty cell)", async () => {
    const rows = await expectClients("sheetjs.xlsx");
    expect(rows.flatMap((r) => r.problems)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("choosing the sheet", () => {
  const libreoffice = join(FIXTURES, "libreoffice.xlsx");

  it("takes --sheet as a name, case-insensitive, or a 1-based index", async () => {
    expect((await openXlsx(libreoffice, { sheet: "clients" })).header.sheet).toBe("Clients");
    expect((await openXlsx(libreoffice, { sheet: "2" })).header.sheet).toBe("Clients");
    const first = await openXlsx(libreoffice, { sheet: "1" });
    expect(first.header).toMatchObject({ sheet: "Lisez-moi", line: 1 });
    expect(await readAll(first)).toEqual([]);
  });

  it("refuses a sheet that does not exist, listing the sheets", async () => {
    for (const sheet of ["3", "Customers"]) {
      const err = await inputError(openXlsx(libreoffice, { sheet }));
      expect(err.message).toBe(
        `${libreoffice}: no sheet "${sheet}"; the sheets are 1 "Lisez-moi", 2 "Clients"`,
      );
      expect(err.exitCode).toBe(2);
    }
  });

  it("passes over chart sheets and hidden sheets by default; refuses a chart sheet by name", async () => {
    const table = sheetXml([inlineCells(["Company name", "Email"]), inlineCells(["ACME", "a@acme.fr"])]);
    const file = await workbookFile(
      "charts.xlsx",
      buildWorkbook({
        sheets: [
          { name: "Chart" },
          { name: "Hidden", xml: table, state: "hidden" },
          { name: "Visible", xml: table },
        ],
      }),
    );
    expect((await openXlsx(file, {})).header.sheet).toBe("Visible");
    expect((await openXlsx(file, { sheet: "hidden" })).header.sheet).toBe("Hidden");
    const err = await inputError(openXlsx(file, { sheet: "Chart" }));
    expect(err.message).toBe(`${file}: sheet "Chart" is a chart or macro sheet, not a table of cells`);
  });

  it("takes the first sheet when none has a recognisable header", async () => {
    const file = await workbookFile(
      "no-header.xlsx",
      buildWorkbook({
        sheets: [
          { name: "One", xml: sheetXml([inlineCells(["foo", "bar"]), inlineCells(["1", "2"])]) },
          { name: "Two", xml: sheetXml([inlineCells(["baz"])]) },
        ],
      }),
    );
    const table = await openXlsx(file, {});
    expect(table.header).toMatchObject({ sheet: "One", line: 1, columns: ["foo", "bar"] });
  });

  it("passes over an empty first sheet (a blank cover) when none has a recognisable header", async () => {
    const file = await workbookFile(
      "cover.xlsx",
      buildWorkbook({
        sheets: [
          { name: "Cover", xml: sheetXml([]) },
          { name: "Data", xml: sheetXml([inlineCells(["foo", "bar"]), inlineCells(["1", "2"])]) },
        ],
      }),
    );
    expect((await openXlsx(file, {})).header).toMatchObject({ sheet: "Data", columns: ["foo", "bar"] });
    // Named, the empty sheet is refused as such.
    expect((await inputError(openXlsx(file, { sheet: "Cover" }))).message).toBe(
      `${file}: sheet "Cover" is empty: choose the sheet that holds the table with --sheet (the others are "Data")`,
    );
  });
});

describe("header", () => {
  async function headerError(rows: string[]): Promise<string> {
    const file = await workbookFile(
      "header.xlsx",
      buildWorkbook({ sheets: [{ name: "Feuil1", xml: sheetXml(rows) }] }),
    );
    return (await inputError(openXlsx(file, {}))).message.replace(`${file}: `, "");
  }

  it("refuses a repeated header name, naming the sheet, row and column", async () => {
    expect(await headerError([inlineCells(["Name", "Email", "email"]), inlineCells(["a", "b", "c"])])).toBe(
      'sheet "Feuil1", row 1, column C: header "email" repeats column B; each column needs its own name',
    );
  });

  it("names a column without a header after its letter, keeping its cells", async () => {
    const file = await workbookFile(
      "unnamed.xlsx",
      buildWorkbook({
        sheets: [
          { name: "S", xml: sheetXml([inlineCells(["Name", "", "Email"]), inlineCells(["a", "b", "c"])]) },
        ],
      }),
    );
    const table = await openXlsx(file, {});
    expect(table.header.columns).toEqual(["Name", "(column B)", "Email"]);
    expect((await readAll(table))[0]?.fields).toEqual({ Name: "a", "(column B)": "b", Email: "c" });
  });

  it("names the header from cells as stored: a merged title above it is one cell, not a header", async () => {
    const xml = sheetXml(
      [
        inlineCells(["Klantenlijst 2024"]),
        inlineCells(["Naam", "Adres", "Stad"]),
        inlineCells(["ACME", "x", "y"]),
      ],
      '<mergeCells><mergeCell ref="A1:C1"/></mergeCells>',
    );
    const file = await workbookFile("dutch.xlsx", buildWorkbook({ sheets: [{ name: "S", xml }] }));
    // No recognisable header: the title (one cell, though merged across) is not it; the row as wide as the data is.
    expect((await openXlsx(file, {})).header).toMatchObject({ line: 2, columns: ["Naam", "Adres", "Stad"] });
  });

  it("refuses an empty sheet", async () => {
    expect(await headerError([])).toBe(
      'sheet "Feuil1" is empty: the workbook holds no table; check that the file is the export you meant',
    );
  });

  it("drops trailing empty header cells, skips title and empty rows, ignores cells right of the header", async () => {
    const file = await workbookFile(
      "title.xlsx",
      buildWorkbook({
        sheets: [
          {
            name: "S",
            xml: sheetXml([
              inlineCells(["Export du 15/03/2024"]),
              "",
              inlineCells(["Raison sociale", "E-mail", " ", ""]),
              inlineCells(["ACME", "a@acme.fr", "", "", "note à droite"]),
              inlineCells(["", "  "]),
              inlineCells(["", "", "", "", "seulement à droite"]),
              inlineCells(["Beta", ""]),
            ]),
          },
        ],
      }),
    );
    const table = await openXlsx(file, {});
    expect(table.header).toMatchObject({ line: 3, columns: ["Raison sociale", "E-mail"] });
    const rows = await readAll(table);
    expect(rows.map((r) => [r.recordNo, r.line, r.fields])).toEqual([
      [1, 4, { "Raison sociale": "ACME", "E-mail": "a@acme.fr" }],
      [2, 7, { "Raison sociale": "Beta", "E-mail": "" }],
    ]);
  });
});

describe("cells read from hand-made sheets", () => {
  it("reads prefixed XML, phonetic guides, escapes, 1904 dates, errors and formulas without values", async () => {
    const x = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?><x:worksheet ${x}><x:sheetData>` +
      '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c>' +
      '<x:c r="C1" t="s"><x:v>2</x:v></x:c><x:c r="D1" t="s"><x:v>3</x:v></x:c></x:row>' +
      '<x:row r="2"><x:c r="A2" t="s"><x:v>4</x:v></x:c><x:c r="B2" s="1"><x:v>43904</x:v></x:c>' +
      '<x:c r="C2" t="e"><x:v>#N/A</x:v></x:c><x:c r="D2" t="e"><x:f>VLOOKUP(A2,X:Y,2,0)</x:f><x:v>#N/A</x:v></x:c>' +
      '<x:c r="E2"><x:f>1/0</x:f></x:c></x:row>' +
      '<x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:r><x:t>Ligne_x000D_</x:t></x:r><x:r><x:t xml:space="preserve"> deux</x:t></x:r></x:is></x:c></x:row>' +
      "</x:sheetData></x:worksheet>";
    const file = await workbookFile(
      "odd.xlsx",
      buildWorkbook({
        date1904: true,
        sharedStrings: [
          "<si><t>Name</t></si>",
          "<si><t>Created</t></si>",
          "<si><t>Status</t></si>",
          "<si><t>Email</t></si>",
          // Japanese Excel keeps the reading of a name in <rPh>; it is not part of the text.
          '<si><t>東京商事</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>',
        ],
        styles: '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>',
        sheets: [{ name: "S", xml }],
      }),
    );
    const table = await openXlsx(file, {});
    expect(table.header.columns).toEqual(["Name", "Created", "Status", "Email"]);
    const rows = await readAll(table);
    expect(rows.map((r) => r.fields)).toEqual([
      { Name: "東京商事", Created: "2024-03-15", Status: "", Email: "" },
      { Name: "Ligne\r deux", Created: "", Status: "", Email: "" },
    ]);
    // The literal #N/A is an empty cell; the formula's #N/A is a problem; E2 is outside the table.
    expect(rows[0]?.problems.map((p) => [p.code, p.column, p.message])).toEqual([
      [
        "formula_without_value",
        "Email",
        'record 1 (row 2), column "Email" (cell D2): the formula has the error #N/A as its saved result',
      ],
    ]);
  });

  it("fills every cell of a merge with its first cell, across and down, from above the header too", async () => {
    const xml = sheetXml(
      [
        inlineCells(["Name", "Street", "City", "Email"]),
        inlineCells(["ACME", "1 rue de la Paix", "", ""]),
        inlineCells(["", "", "", "b@acme.fr"]),
        inlineCells(["Beta", "", "", ""]),
      ],
      '<mergeCells><mergeCell ref="B2:C2"/><mergeCell ref="A2:A3"/></mergeCells>' +
        '<hyperlinks><hyperlink ref="D2:D4" r:id="rId1"/></hyperlinks>',
    );
    const rels =
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="mailto:contact@acme.fr" TargetMode="External"/>';
    const file = await workbookFile("merges.xlsx", buildWorkbook({ sheets: [{ name: "S", xml, rels }] }));
    const rows = await readAll(await openXlsx(file, {}));
    expect(rows.map((r) => r.fields)).toEqual([
      { Name: "ACME", Street: "1 rue de la Paix", City: "1 rue de la Paix", Email: "contact@acme.fr" },
      { Name: "ACME", Street: "", City: "", Email: "b@acme.fr" },
      { Name: "Beta", Street: "", City: "", Email: "contact@acme.fr" },
    ]);
  });

  it("reports damaged XML in the middle of the sheet after the rows before it", async () => {
    const rows = [inlineCells(["Name", "Email"])];
    for (let i = 1; i <= 3000; i++) rows.push(inlineCells([`Client ${i}`, `c${i}@example.fr`]));
    const xml = sheetXml(rows).replace('<row r="2500">', '<row r="2500"><c><v>1</c>');
    const file = await workbookFile("broken-xml.xlsx", buildWorkbook({ sheets: [{ name: "S", xml }] }));
    const table = await openXlsx(file, {});
    const seen: number[] = [];
    const err = await inputError(
      (async () => {
        for await (const row of table.rows) seen.push(row.line);
      })(),
    );
    expect(err.message).toMatch(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: sheet "S", after row \\d+: cannot read this XLSX file: its XML is damaged`,
      ),
    );
    expect(seen.length).toBeGreaterThan(2000);
    expect(seen.at(-1)).toBeLessThan(2500);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// exceljs 4.4.0's SAX layer decodes each inflated chunk on its own, so a character whose UTF-8 bytes straddle two
// chunks became two U+FFFD (exceljs #2084, #2316). patches/exceljs+4.4.0.patch gives it a streaming decoder;
// these tests fail without it.

const NAMES = [
  "Société Générale",
  "Élodie",
  "Ñandú",
  "Łódź",
  "東京",
  "Zoë Noël",
  "Ægir Øresund",
  "Şişli Çağ",
];
const ROWS = 20_000;

function accented(i: number): string[] {
  return [
    `${NAMES[i % NAMES.length]} ${i}`,
    `${NAMES[(i + 3) % NAMES.length]} — ${NAMES[(i + 5) % NAMES.length]}`,
    `${i}-é@exemple.fr`,
  ];
}

async function writeAccented(file: string, useSharedStrings: boolean): Promise<void> {
  const require = createRequire(import.meta.url);
  const ExcelJS = require("exceljs") as typeof import("exceljs");
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings });
  const ws = wb.addWorksheet("Clients");
  ws.addRow(["Company name", "Notes", "Email"]).commit();
  for (let i = 0; i < ROWS; i++) ws.addRow(accented(i)).commit();
  ws.commit();
  await wb.commit();
}

describe("UTF-8 characters split across inflated chunks (patched exceljs)", () => {
  const accents = (shared: boolean) => join(tmp, `accents-${String(shared)}.xlsx`);
  beforeAll(async () => {
    await writeAccented(accents(false), false);
    await writeAccented(accents(true), true);
  });

  it.each([
    ["inline strings in the sheet", false],
    ["a shared-strings table", true],
  ])("reads 20,000 rows of accented text intact from %s", async (_, shared) => {
    const file = accents(shared);
    const table = await openXlsx(file, {});
    let i = 0;
    const wrong: string[] = [];
    for await (const row of table.rows) {
      const [name, notes, email] = accented(i);
      const f = row.fields;
      if (f["Company name"] !== name || f.Notes !== notes || f.Email !== email)
        wrong.push(`${row.line}: ${JSON.stringify(f)}`);
      i += 1;
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(i).toBe(ROWS);
  });

  it("exceljs's own streaming reader reads them intact too", async () => {
    const file = accents(true);
    const require = createRequire(import.meta.url);
    const ExcelJS = require("exceljs") as typeof import("exceljs");
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      sharedStrings: "cache",
      worksheets: "emit",
    });
    let garbled = 0;
    let rows = 0;
    for await (const sheet of reader)
      for await (const row of sheet) {
        rows += 1;
        for (const v of row.values as unknown[])
          if (typeof v === "string" && v.includes("\uFFFD")) garbled += 1;
      }
    expect(rows).toBe(ROWS + 1);
    expect(garbled).toBe(0);
  });

  it("stops reading when the consumer stops", async () => {
    const table = await openXlsx(accents(false), {});
    let n = 0;
    for await (const row of table.rows) {
      void row;
      if (++n === 10) break;
    }
    expect(table.recordCount()).toBe(10);
  });
});
