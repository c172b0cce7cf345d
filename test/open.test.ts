import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { constants, deflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputFileError } from "../src/errors.js";
import { openTable, sniffMagic } from "../src/parse/open.js";
import { checkZipBounds, ZipArchive, ZipError, ZIP_LIMITS, type ZipEntry } from "../src/parse/zip.js";
import { buildWorkbook, buildZip, inlineCells, sheetXml } from "./fixtures/xlsx/build-zip.js";

const FIXTURES = fileURLToPath(new URL("./fixtures/xlsx/", import.meta.url));
const MiB = 1024 * 1024;
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "qonto-import-open-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function file(name: string, content: Buffer | string): Promise<string> {
  const path = join(tmp, name);
  await writeFile(path, content);
  return path;
}

/** Opens the file and reads every row; returns the error, which must be a one-line InputFileError (exit 2). */
async function refusal(path: string, options: { sheet?: string } = {}): Promise<string> {
  let err: unknown;
  try {
    const table = await openTable(path, options);
    for await (const row of table.rows) void row;
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(InputFileError);
  const e = err as InputFileError;
  expect(e.exitCode).toBe(2);
  expect(e.message).not.toContain("\n");
  expect(e.message.startsWith(`${path}: `)).toBe(true);
  return e.message.slice(path.length + 2);
}

const WORKBOOK = buildWorkbook({
  sheets: [
    { name: "Clients", xml: sheetXml([inlineCells(["Name", "Email"]), inlineCells(["ACME", "a@acme.fr"])]) },
  ],
});

describe("sniffMagic", () => {
  it.each<[string, Buffer, string]>([
    ["zip", Buffer.from("PK\x03\x04rest", "latin1"), "zip"],
    ["empty zip", Buffer.from("PK\x05\x06", "latin1"), "zip"],
    ["OLE2", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), "ole2"],
    ["PNG", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), "png"],
    ["PDF", Buffer.from("%PDF-1.7"), "pdf"],
    ["HTML", Buffer.from("\uFEFF  <!DOCTYPE html><html>"), "html"],
    ["XML", Buffer.from('<?xml version="1.0"?><Workbook>'), "xml"],
    ["CSV", Buffer.from("name;email\n"), "text"],
    ["nothing", Buffer.alloc(0), "empty"],
  ])("%s", (_, head, magic) => {
    expect(sniffMagic(head)).toBe(magic);
  });
});

describe("dispatch", () => {
  it("reads an .xlsx as XLSX", async () => {
    const table = await openTable(join(FIXTURES, "exceljs.xlsx"));
    expect(table.header).toMatchObject({ format: "xlsx", sheet: "Clients", line: 3 });
  });

  it("reads a .csv as CSV", async () => {
    const path = await file("clients.csv", "Name;Email\nSociété Générale;a@sg.fr\n");
    const table = await openTable(path);
    expect(table.header).toMatchObject({ format: "csv", delimiter: ";", columns: ["Name", "Email"] });
    const rows = [];
    for await (const row of table.rows) rows.push(row.fields);
    expect(rows).toEqual([{ Name: "Société Générale", Email: "a@sg.fr" }]);
  });

  it("reads a .csv that is really an XLSX workbook as XLSX", async () => {
    const path = await file("really-xlsx.csv", WORKBOOK);
    const table = await openTable(path);
    expect(table.header).toMatchObject({ format: "xlsx", columns: ["Name", "Email"] });
  });

  it("passes --sheet on to the XLSX reader", async () => {
    const table = await openTable(join(FIXTURES, "libreoffice.xlsx"), { sheet: "lisez-moi" });
    expect(table.header.sheet).toBe("Lisez-moi");
  });
});

describe("refusals", () => {
  it("refuses an .xls (OLE2), whatever its name", async () => {
    const xls = join(FIXTURES, "refuse-libreoffice.xls");
    const message =
      "is an Excel 97-2003 workbook (.xls), which this tool does not read: save it as .xlsx or CSV";
    expect(await refusal(xls)).toBe(message);
    const renamed = join(tmp, "renamed.xlsx");
    await copyFile(xls, renamed);
    expect(await refusal(renamed)).toBe(message);
  });

  it("says when an OLE2 file is a password-protected workbook", async () => {
    const head = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const path = await file(
      "locked.xlsx",
      Buffer.concat([
        head,
        Buffer.alloc(1000),
        Buffer.from("EncryptedPackage", "utf16le"),
        Buffer.alloc(100),
      ]),
    );
    expect(await refusal(path)).toMatch(/^is a password-protected Excel workbook: remove the password/);
  });

  it("refuses an .ods, also when it is named .xlsx", async () => {
    const ods = join(FIXTURES, "refuse-libreoffice.ods");
    const message =
      "is an OpenDocument spreadsheet (.ods), which this tool does not read: save it as .xlsx or CSV";
    expect(await refusal(ods)).toBe(message);
    const renamed = join(tmp, "ods.xlsx");
    await copyFile(ods, renamed);
    expect(await refusal(renamed)).toBe(message);
  });

  it("refuses a .numbers file, a .numbers package folder, and a Numbers zip named .xlsx", async () => {
    const message =
      "is an Apple Numbers file, which this tool does not read: export it as .xlsx or CSV (File > Export To)";
    expect(
      await refusal(await file("clients.numbers", buildZip([{ name: "Index/Document.iwa", data: "x" }]))),
    ).toBe(message);
    const folder = join(tmp, "package.numbers");
    await mkdir(folder);
    expect(await refusal(folder)).toBe(message);
    const zip = buildZip([
      { name: "Index/Document.iwa", data: "x" },
      { name: "Metadata/Properties.plist", data: "x" },
    ]);
    expect(await refusal(await file("numbers.xlsx", zip))).toBe(message);
  });

  it("refuses an .xlsb and zips that are not workbooks", async () => {
    expect(await refusal(await file("binary.xlsb", buildZip([{ name: "xl/workbook.bin", data: "x" }])))).toBe(
      "is an Excel binary workbook (.xlsb), which this tool does not read: save it as .xlsx or CSV",
    );
    expect(await refusal(await file("notes.xlsx", buildZip([{ name: "readme.txt", data: "hello" }])))).toBe(
      "is a zip archive, not an XLSX workbook: save the table as .xlsx or CSV",
    );
    const docx = buildZip([
      {
        name: "_rels/.rels",
        data: '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      },
      { name: "word/document.xml", data: '<w:document xmlns:w="urn:w"><w:body/></w:document>' },
    ]);
    expect(await refusal(await file("letter.xlsx", docx))).toBe(
      "is a Word document, not an XLSX workbook: save the table as .xlsx or CSV",
    );
  });

  it("refuses a file whose content is not what its name says", async () => {
    expect(await refusal(await file("csv.xlsx", "Name;Email\nACME;a@acme.fr\n"))).toBe(
      "is named .xlsx but is not a spreadsheet; it is plain text: if it is CSV, rename it .csv",
    );
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(await refusal(await file("image.xlsx", png))).toBe(
      "is named .xlsx but is not a spreadsheet; it is a PNG image",
    );
    expect(await refusal(await file("image.csv", png))).toBe(
      "is a PNG image, not a CSV file or a spreadsheet",
    );
    expect(await refusal(await file("export.xls", "<html><body><table><tr><td>Name</td></tr></table>"))).toBe(
      "is named .xls but is not a spreadsheet; it is a web page (HTML), as some programs export under a spreadsheet name: open it in Excel and save it as .xlsx or CSV",
    );
    expect(await refusal(await file("empty.xlsx", ""))).toBe("the file is empty");
    expect(await refusal(join(tmp, "missing.xlsx"))).toBe("file not found");
  });

  it("refuses a truncated XLSX", async () => {
    const whole = await readFile(join(FIXTURES, "libreoffice.xlsx"));
    for (const length of [Math.floor(whole.length / 2), whole.length - 1, 100]) {
      const path = await file(`truncated-${length}.xlsx`, whole.subarray(0, length));
      expect(await refusal(path)).toBe(
        "cannot read this XLSX file: the zip directory at its end is missing: the file is truncated or damaged",
      );
    }
  });

  it("refuses a damaged XLSX: bad deflate data, a bad checksum, a damaged directory, damaged XML", async () => {
    const sheet = sheetXml(
      [inlineCells(["Name", "Email"])].concat(
        Array.from({ length: 500 }, (_, i) => inlineCells([`Client ${i}`, `c${i}@x.fr`])),
      ),
    );
    const good = buildWorkbook({ sheets: [{ name: "S", xml: sheet }] });
    const at = good.indexOf(Buffer.from("xl/worksheets/sheet1.xml")) + 200;

    const garbled = Buffer.from(good);
    for (let i = at; i < at + 64; i++) garbled[i] = (garbled[i] ?? 0) ^ 0x5a;
    expect(await refusal(await file("garbled.xlsx", garbled))).toMatch(
      /^sheet "S": cannot read this XLSX file: xl\/worksheets\/sheet1\.xml (cannot be inflated \(.*\)|inflates to \d+ bytes, its zip directory says \d+|fails its checksum): the file is (truncated or )?damaged$/,
    );

    const stored = buildWorkbook({
      sheets: [{ name: "S", xml: sheet }],
      extra: [{ name: "xl/worksheets/sheet1.xml", data: sheet, method: 0 }],
    });
    const flipped = Buffer.from(stored);
    const inSheet = flipped.indexOf(Buffer.from("Client 250"));
    flipped[inSheet] = "K".charCodeAt(0);
    expect(await refusal(await file("checksum.xlsx", flipped))).toBe(
      'sheet "S": cannot read this XLSX file: xl/worksheets/sheet1.xml fails its checksum: the file is damaged',
    );

    const directory = Buffer.from(good);
    const central = directory.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    directory.writeUInt32LE(0xdeadbeef, central);
    expect(await refusal(await file("directory.xlsx", directory))).toMatch(
      /^cannot read this XLSX file: its zip directory lists \d+ of the \d+ entries it announces$/,
    );

    const sizes = buildWorkbook({
      sheets: [{ name: "S", xml: sheet }],
      extra: [{ name: "xl/worksheets/sheet1.xml", data: sheet, method: 0, declaredSize: sheet.length + 1 }],
    });
    expect(await refusal(await file("sizes.xlsx", sizes))).toBe(
      "cannot read this XLSX file: its zip directory gives an uncompressed part two different sizes: the file is damaged",
    );

    const badXml = buildWorkbook({
      sheets: [{ name: "S", xml: sheet.replace("<sheetData>", "<sheetData><row>") }],
    });
    expect(await refusal(await file("xml.xlsx", badXml))).toMatch(
      /^sheet "S": cannot read this XLSX file: its XML is damaged \(\d+:\d+: .+\)$/,
    );

    const noEnd = buildWorkbook({ sheets: [{ name: "S", xml: sheet.replace(/<\/sheetData>.*$/, "") }] });
    expect(await refusal(await file("unclosed.xlsx", noEnd))).toMatch(
      /^sheet "S": cannot read this XLSX file: xl\/worksheets\/sheet1\.xml ends before its rows do: the file is damaged$/,
    );
  });
});

describe("zip bombs", () => {
  const prefix = Buffer.from(
    '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  );
  // 64 MiB of empty rows deflate to about 64 KiB (1000:1); a parser reading them finds no row worth keeping.
  const inflated = Buffer.concat([prefix, Buffer.alloc(64 * MiB, "<row/>")]);
  const compressed = deflateRawSync(inflated);

  // No time limits here: how fast is the bench's business, and a timed test fails on a busy machine. The messages
  // tell which check refused the file: the directory's ratio before inflating, or the count while inflating.
  it("refuses an entry whose directory declares a ratio above 200:1, before inflating it", async () => {
    const bomb = buildWorkbook({
      sheets: [{ name: "S", xml: "<placeholder/>" }],
      extra: [{ name: "xl/worksheets/sheet1.xml", data: inflated, compressed }],
    });
    expect(await refusal(await file("bomb.xlsx", bomb))).toMatch(
      /^cannot read this XLSX file: xl\/worksheets\/sheet1\.xml would inflate from \d+\.\d KiB to 64\.0 MiB \(more than 200:1\); refusing a likely zip bomb$/,
    );
  });

  it("stops inflating an entry that grows past the size its directory declares", async () => {
    // 1 GiB of empty rows as 64 independent deflate blocks of 16 MiB (about 1 MiB compressed); the directory
    // claims 1 MiB. Inflating it all would take seconds; counting stops it after the first megabyte.
    const block = deflateRawSync(Buffer.alloc(16 * MiB, "<row/>"), { finishFlush: constants.Z_FULL_FLUSH });
    const compressed = Buffer.concat([
      deflateRawSync(prefix, { finishFlush: constants.Z_FULL_FLUSH }),
      ...Array.from({ length: 64 }, () => block),
      Buffer.from([0x03, 0x00]),
    ]);
    const lying = buildWorkbook({
      sheets: [{ name: "S", xml: "<placeholder/>" }],
      extra: [{ name: "xl/worksheets/sheet1.xml", data: prefix, compressed, declaredSize: MiB }],
    });
    expect(await refusal(await file("lying-bomb.xlsx", lying))).toBe(
      'sheet "S": cannot read this XLSX file: xl/worksheets/sheet1.xml inflates to more than the 1048576 bytes its zip directory declares (damaged, or a zip bomb)',
    );
  });

  it("refuses entries declaring more than 1 GiB in all", async () => {
    const parts = Array.from({ length: 5 }, (_, i) => ({
      name: `xl/media/image${i}.bin`,
      data: "x",
      // 250 MiB each, compressed 2 MiB (125:1): no single entry is a bomb, together they are.
      compressed: Buffer.alloc(2 * MiB),
      declaredSize: 250 * MiB,
    }));
    const big = buildWorkbook({
      sheets: [{ name: "S", xml: sheetXml([inlineCells(["Name"])]) }],
      extra: parts,
    });
    expect(await refusal(await file("too-big.xlsx", big))).toBe(
      "cannot read this XLSX file: its parts would inflate to 1.2 GiB, more than the 1.0 GiB this tool reads",
    );
  });
});

describe("zip layer", () => {
  it("reads part names written with backslashes (.NET 4.5's zip writer)", async () => {
    const name = Buffer.from("xl/worksheets/sheet1.xml");
    const zip = Buffer.from(WORKBOOK);
    let found = 0;
    for (let at = zip.indexOf(name); at >= 0; at = zip.indexOf(name, at + 1), found++)
      Buffer.from("xl\\worksheets\\sheet1.xml").copy(zip, at);
    expect(found).toBe(2); // the local header and the directory
    const table = await openTable(await file("backslashes.xlsx", zip));
    const rows = [];
    for await (const row of table.rows) rows.push(row.fields);
    expect(rows).toEqual([{ Name: "ACME", Email: "a@acme.fr" }]);
  });

  it("refuses a directory with more entries than the limit before reading them", async () => {
    const path = await file("entries.xlsx", WORKBOOK);
    const err = await ZipArchive.open(path, { ...ZIP_LIMITS, maxEntries: 3 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZipError);
    expect((err as ZipError).message).toMatch(
      /^its zip directory lists \d+ entries, more than the 3 this tool reads$/,
    );
    expect((await ZipArchive.open(path)).entries.length).toBeGreaterThan(3);
  });
});

describe("checkZipBounds", () => {
  const entry = (name: string, compressedSize: number, uncompressedSize: number): ZipEntry => ({
    name,
    method: 8,
    flags: 0,
    crc32: 0,
    compressedSize,
    uncompressedSize,
    localHeaderOffset: 0,
  });

  it.each<[string, ZipEntry[], RegExp | undefined]>([
    ["a normal workbook", [entry("a", 17 * MiB, 117 * MiB), entry("b", 2 * MiB, 29 * MiB)], undefined],
    ["a small entry that compresses very well", [entry("styles", 1000, 5 * MiB)], undefined],
    [
      "a large entry above 200:1",
      [entry("sheet", 100 * 1024, 64 * MiB)],
      /^sheet would inflate from 100\.0 KiB to 64\.0 MiB \(more than 200:1\)/,
    ],
    ["an empty compressed entry declaring data", [entry("sheet", 0, 20 * MiB)], /more than 200:1/],
    [
      "more than 1 GiB in all",
      [entry("a", 600 * MiB, 600 * MiB), entry("b", 500 * MiB, 500 * MiB)],
      /1\.1 GiB/,
    ],
  ])("%s", (_, entries, problem) => {
    const out = checkZipBounds(entries, ZIP_LIMITS);
    if (problem === undefined) expect(out).toBeUndefined();
    else expect(out).toMatch(problem);
  });
});
