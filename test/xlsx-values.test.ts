// Issue 16: cells shown the way the program that wrote the workbook shows them: the 1904 date system however its
// flag is spelled, durations and times of day, and SpreadsheetML read by namespace whatever its prefixes. The
// fixtures (test/fixtures/xlsx-values/, made by its scripts) come from two producers, openpyxl and Gnumeric, and
// from rewrites of their XML as LibreOffice and the .NET SDK write it.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputFileError } from "../src/errors.js";
import { buildWorkbook, buildZip, inlineCells, sheetXml, type ZipInput } from "./fixtures/xlsx/build-zip.js";
import {
  DATE,
  GENERAL,
  numberFormat,
  openXlsx,
  PERCENT,
  TIME,
  type NumberFormat,
} from "../src/parse/xlsx.js";
import { durationText, timeOfDayText } from "../src/parse/number-format.js";
import { stylesParser, workbookParser, xmlBoolean, XmlNames, type SaxEvent } from "../src/parse/ooxml.js";

const FIXTURES = fileURLToPath(new URL("./fixtures/xlsx-values/", import.meta.url));

// The reader's own SAX layer (exceljs's, patched).
const parseSax = createRequire(import.meta.url)("exceljs/lib/utils/parse-sax.js") as (
  chunks: Iterable<string>,
) => AsyncGenerator<SaxEvent[]>;

async function events(xml: string): Promise<SaxEvent[]> {
  const all: SaxEvent[] = [];
  for await (const batch of parseSax([xml])) all.push(...batch);
  return all;
}

// ---------------------------------------------------------------------------------------------------------------

describe("number formats that change what a number means", () => {
  const DURATION = { kind: "duration" } as const;
  it.each<[string, Partial<NumberFormat>]>([
    ["[h]:mm:ss", DURATION],
    ["[hh]:mm:ss", DURATION],
    ["[mm]:ss", DURATION],
    ["[ss]", DURATION],
    ["[h]:mm;@", DURATION],
    ["[Red][h]:mm", DURATION],
    ["hh:mm:ss", TIME],
    ["h:mm AM/PM", TIME],
    ["[$-409]h:mm:ss AM/PM", TIME],
    ["mm:ss", TIME],
    ["mmss.0", TIME],
    ['h"h"mm', TIME],
    ["yyyy-mm-dd", DATE],
    ["yyyy\\-mm\\-dd", DATE],
    ["m/d/yy h:mm", DATE],
    ["dd/mm/yyyy hh:mm", DATE],
    ["mmm-yy", DATE],
    ["[$-F800]dddd, mmmm dd, yyyy", DATE],
    ["General", GENERAL],
    ["0.00", GENERAL],
    ['#,##0.00 "h"', GENERAL],
    ["0%", PERCENT],
  ])("%s", (code, expected) => {
    expect(numberFormat(code)).toMatchObject(expected);
  });
});

describe("durations as Excel shows them", () => {
  const parts = (code: string) => {
    const format = numberFormat(code);
    if (format.kind !== "duration") throw new Error(`${code} is not a duration`);
    return format.parts;
  };
  it.each<[string, number, string]>([
    ["[hh]:mm:ss", 10.6320601851852, "255:10:10"],
    ["[h]:mm:ss", 10.6320601851852, "255:10:10"],
    ["[h]:mm:ss", 1 / 24, "1:00:00"],
    ["[hh]:mm:ss", 1 / 24, "01:00:00"],
    ["[h]:mm:ss", 0, "0:00:00"],
    ["[h]:mm:ss", -0.5, "-12:00:00"],
    ["[h]:mm", 1.5, "36:00"],
    // Rounded to the second, then the minutes shown: 59.6 s is a minute.
    ["[h]:mm", 59.6 / 86400, "0:01"],
    ["[h]:mm", 59.4 / 86400, "0:00"],
    ["[mm]:ss", 10.6320601851852, "15310:10"],
    ["[m]:ss", 90 / 86400, "1:30"],
    ["[ss]", 0.5, "43200"],
    ["[ss]", 59.6 / 86400, "60"],
    ["[h]:mm:ss.00", 1.5 / 86400, "0:00:01.50"],
    ['[h]" h "mm', 1.25, "30 h 00"],
  ])("%s of %s → %s", (code, days, text) => {
    expect(durationText(days, parts(code))).toBe(text);
  });

  it("leaves a value no format can show to the number", () => {
    expect(durationText(Number.NaN, parts("[h]:mm"))).toBeUndefined();
    expect(durationText(1e300, parts("[h]:mm"))).toBeUndefined();
  });
});

describe("times of day", () => {
  it.each<[number, string | undefined]>([
    [0.6319444444444444, "15:10:00"],
    [1.75, "18:00:00"],
    [45000.5, "12:00:00"],
    [0.999999999, "00:00:00"],
    [0, "00:00:00"],
    [-0.5, undefined],
  ])("%s → %s", (serial, text) => {
    expect(timeOfDayText(serial)).toBe(text);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("names resolved by namespace, not by prefix", () => {
  const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

  it.each<[string, string, { sheets: [string, string | undefined][]; date1904: boolean } | "not a workbook"]>(
    [
      [
        "Excel: default namespace, r:",
        `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr date1904="1"/><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        { sheets: [["A", "rId1"]], date1904: true },
      ],
      [
        ".NET SDK: x:, r: declared on each sheet",
        `\uFEFF<x:workbook xmlns:x="${MAIN}"><x:sheets><x:sheet name="A" sheetId="1" r:id="R1" xmlns:r="${REL}"/></x:sheets></x:workbook>`,
        { sheets: [["A", "R1"]], date1904: false },
      ],
      [
        "relationships bound to ns:",
        `<workbook xmlns="${MAIN}"><sheets><sheet name="A" sheetId="1" xmlns:ns="${REL}" ns:id="rId3"/></sheets></workbook>`,
        { sheets: [["A", "rId3"]], date1904: false },
      ],
      [
        'LibreOffice: date1904="true"',
        `<workbook xmlns="${MAIN}"><workbookPr date1904="true"/><sheets/></workbook>`,
        { sheets: [], date1904: true },
      ],
      [
        'date1904="false"',
        `<workbook xmlns="${MAIN}"><workbookPr date1904="false"/><sheets/></workbook>`,
        { sheets: [], date1904: false },
      ],
      [
        "Strict OOXML",
        `<workbook xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main" xmlns:r="http://purl.oclc.org/ooxml/officeDocument/relationships"><sheets><sheet name="A" r:id="rId1"/></sheets></workbook>`,
        { sheets: [["A", "rId1"]], date1904: false },
      ],
      [
        "an r: bound to another namespace names no relationship",
        `<workbook xmlns="${MAIN}" xmlns:r="urn:other"><sheets><sheet name="A" r:id="rId1"/></sheets></workbook>`,
        { sheets: [["A", undefined]], date1904: false },
      ],
      [
        "an extension's sheets are not the workbook's",
        `<workbook xmlns="${MAIN}" xmlns:e="urn:ext"><e:sheets><e:sheet name="B"/></e:sheets><sheets><sheet name="A"/></sheets></workbook>`,
        { sheets: [["A", undefined]], date1904: false },
      ],
      ["a Word document", `<w:document xmlns:w="urn:w"><w:body/></w:document>`, "not a workbook"],
      [
        "a workbook element of another namespace",
        `<x:workbook xmlns:x="urn:x"><x:sheets/></x:workbook>`,
        "not a workbook",
      ],
    ],
  )("%s", async (_, xml, expected) => {
    const { walker, result } = workbookParser();
    walker.feed(await events(xml));
    if (expected === "not a workbook") {
      expect(result.isWorkbook).toBe(false);
      return;
    }
    expect(result.isWorkbook).toBe(true);
    expect(result.sheets.map((s) => [s.name, s.rId])).toEqual(expected.sheets);
    expect(result.date1904).toBe(expected.date1904);
  });

  it("reads the styles of a prefixed styles.xml, their own formats winning over built-in ids", async () => {
    const { walker, formats } = stylesParser();
    walker.feed(
      await events(
        `<x:styleSheet xmlns:x="${MAIN}"><x:numFmts><x:numFmt numFmtId="164" formatCode="[hh]:mm:ss"/>` +
          `<x:numFmt numFmtId="14" formatCode="0.00"/></x:numFmts>` +
          `<x:cellStyleXfs><x:xf numFmtId="21"/></x:cellStyleXfs>` +
          `<x:cellXfs><x:xf numFmtId="0"/><x:xf numFmtId="164"/><x:xf numFmtId="14"/><x:xf numFmtId="21"/><x:xf numFmtId="46"/><x:xf/></x:cellXfs></x:styleSheet>`,
      ),
    );
    expect(formats().map((f) => f.kind)).toEqual([
      "general",
      "duration",
      "general",
      "time",
      "duration",
      "general",
    ]);
  });

  it.each<[string, number]>([
    ["in the first chunk of the sheet", 0],
    // Past the first 64 KiB inflated: names were resolved against the bindings frozen at <sheetData> until then.
    ["after 3,000 rows", 3_000],
  ])("reads cells declaring namespaces inside the rows, %s", async (_, before) => {
    const dir = mkdtempSync(join(tmpdir(), "qonto-xlsx-ns-"));
    try {
      const filler = Array.from({ length: before }, (_, i) =>
        inlineCells([`Filler ${i}`, `f${i}@example.com`]),
      );
      const rows = [
        inlineCells(["Raison sociale", "Email"]),
        ...filler,
        // A prefix declared on the cell itself, and a cell of another namespace, which is not SpreadsheetML's.
        `<c r="A${before + 2}" t="inlineStr"><is><t>ACME</t></is></c><c r="B${before + 2}" t="inlineStr" xmlns:y="${MAIN}"><y:is><y:t>a@acme.fr</y:t></y:is></c>`,
        `<c r="A${before + 3}" t="inlineStr"><is><t>Beta</t></is></c><o:c r="B${before + 3}" t="inlineStr" xmlns:o="urn:other"><o:is><o:t>not a cell</o:t></o:is></o:c>`,
      ];
      const file = join(dir, "ns.xlsx");
      writeFileSync(file, buildWorkbook({ sheets: [{ name: "S", xml: sheetXml(rows) }] }));
      const table = await openXlsx(file);
      const read: Record<string, string>[] = [];
      for await (const row of table.rows) read.push(row.fields);
      expect(read.length).toBe(before + 2);
      expect(read.slice(-2)).toEqual([
        { "Raison sociale": "ACME", Email: "a@acme.fr" },
        { "Raison sociale": "Beta", Email: "" },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each<[string | undefined, boolean]>([
    ["1", true],
    ["true", true],
    [" True ", true],
    ["on", true],
    ["0", false],
    ["false", false],
    ["", false],
    [undefined, false],
  ])("date1904=%j is %s", (value, expected) => {
    expect(xmlBoolean(value)).toBe(expected);
  });

  it("undoes a declaration when its element ends", () => {
    const names = new XmlNames([MAIN]);
    names.enter({ "xmlns:x": MAIN });
    names.enter({ "xmlns:x": "urn:other" });
    expect(names.local("x:c")).toBeUndefined();
    names.leave();
    expect(names.local("x:c")).toBe("c");
    expect(names.local("c")).toBe("c");
    names.enter({ xmlns: "urn:other" });
    expect(names.local("c")).toBeUndefined();
    names.leave();
    names.leave();
  });
});

// ---------------------------------------------------------------------------------------------------------------

/** Each fixture's rows below its header, as Excel shows them (dates as ISO 8601, times of day as HH:MM:SS). */
const EXPECTED_ROWS = [
  ["ACME SARL", "2021-01-01", "255:10:10", "01:01:00", "15310:10", "43200", "36:00", "15:10:00", "18:00:00"],
  ["Béta SAS", "2024-02-29", "0:00:01", "00:00:00", "01:00", "60", "0:01", "00:00:00", "12:00:00"],
];
const HEADER = ["Client", "Date", "Total", "Pause", "Minutes", "Secondes", "Trajet", "Arrivée", "Départ"];

describe("fixtures from two producers and rewrites of their XML", () => {
  it.each([
    ["openpyxl.xlsx", "openpyxl 3.0.9, 1900 date system"],
    ["openpyxl-1904.xlsx", 'openpyxl, 1904 date system (date1904="1")'],
    ["openpyxl-1904-true.xlsx", 'openpyxl\'s 1904 workbook with date1904="true", as LibreOffice writes it'],
    [
      "openpyxl-prefixed.xlsx",
      "openpyxl's workbook with x:-prefixed SpreadsheetML and ns:id, as the .NET SDK",
    ],
    ["gnumeric.xlsx", "Gnumeric 1.12.55 (built-in format ids, pretty-printed XML)"],
    ["gnumeric-1904.xlsx", 'Gnumeric, 1904 date system (date1904="1")'],
    ["gnumeric-1904-true.xlsx", 'Gnumeric\'s 1904 workbook with date1904="true"'],
    ["gnumeric-prefixed.xlsx", "Gnumeric's workbook with x:-prefixed SpreadsheetML and ns:id"],
  ])("%s (%s)", async (file) => {
    const table = await openXlsx(`${FIXTURES}${file}`);
    expect(table.header.columns).toEqual(HEADER);
    const rows: string[][] = [];
    for await (const row of table.rows) rows.push(HEADER.map((name) => row.fields[name] ?? ""));
    expect(rows).toEqual(EXPECTED_ROWS);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("the workbook part, found from [Content_Types].xml when the package's relationships do not name it", () => {
  const dir = mkdtempSync(join(tmpdir(), "qonto-xlsx-values-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const CT = "http://schemas.openxmlformats.org/package/2006/content-types";
  const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
  const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const types = (overrides: string) =>
    `<ct:Types xmlns:ct="${CT}"><ct:Default Extension="xml" ContentType="application/xml"/>${overrides}</ct:Types>`;
  const book: ZipInput[] = [
    {
      name: "xl/book.xml",
      data: `<x:workbook xmlns:x="${MAIN}" xmlns:r="${REL}"><x:sheets><x:sheet name="Clients" r:id="s1"/></x:sheets></x:workbook>`,
    },
    {
      name: "xl/_rels/book.xml.rels",
      data: `<Relationships xmlns="${PKG}"><Relationship Id="s1" Type="${REL}/worksheet" Target="sheets/one.xml"/></Relationships>`,
    },
    {
      name: "xl/sheets/one.xml",
      data: sheetXml([inlineCells(["Raison sociale", "Email"]), inlineCells(["ACME", "a@acme.fr"])]),
    },
  ];
  const SHEET_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
  const WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

  it.each<[string, ZipInput[], string]>([
    [
      "no _rels/.rels: the override naming the workbook",
      [
        {
          name: "[Content_Types].xml",
          data: types(`<ct:Override PartName="/xl/book.xml" ContentType="${SHEET_MAIN}"/>`),
        },
        ...book,
      ],
      "read",
    ],
    [
      "_rels/.rels naming a missing part",
      [
        {
          name: "[Content_Types].xml",
          data: types(`<ct:Override PartName="/xl/book.xml" ContentType="${SHEET_MAIN}"/>`),
        },
        {
          name: "_rels/.rels",
          data: `<Relationships xmlns="${PKG}"><Relationship Id="r" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
        },
        ...book,
      ],
      "read",
    ],
    [
      "a Word document whose relationships are missing",
      [
        {
          name: "[Content_Types].xml",
          data: types(`<ct:Override PartName="/doc/main.xml" ContentType="${WORD_MAIN}"/>`),
        },
        { name: "doc/main.xml", data: '<w:document xmlns:w="urn:w"><w:body/></w:document>' },
      ],
      "is a Word document, not an XLSX workbook: save the table as .xlsx or CSV",
    ],
  ])("%s", async (name, entries, expected) => {
    const file = join(dir, `${name.replace(/\W+/g, "-")}.xlsx`);
    writeFileSync(file, buildZip(entries));
    if (expected === "read") {
      const table = await openXlsx(file);
      expect(table.header.sheet).toBe("Clients");
      const rows = [];
      for await (const row of table.rows) rows.push(row.fields);
      expect(rows).toEqual([{ "Raison sociale": "ACME", Email: "a@acme.fr" }]);
    } else {
      const err = await openXlsx(file).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(InputFileError);
      expect((err as Error).message).toBe(`${file}: ${expected}`);
    }
  });
});
