import { execFileSync } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { decodeEscapes } from "../src/parse/xlsx-cells.js";
import { XlsxReport, type XlsxColumn } from "../src/report/xlsx-report.js";

// The values a report holds that a workbook writer gets wrong: numbers-looking text, XML's special characters,
// characters XML cannot hold, Excel's own _xHHHH_ escape written literally, spaces at the ends, and nothing.
const TRICKY = [
  "01000",
  "80314596300013",
  "=1+1",
  '&<>"',
  "bell\u0007here",
  "Zürich – 東京 😀",
  "  spaces both ends  ",
  "_x0041_",
  "",
  "two\nlines",
];

const COLUMNS: readonly XlsxColumn[] = [
  { header: "Valeur & <test>", kind: "text" },
  { header: "source_line", kind: "number" },
  { header: "qonto_import_error", kind: "text", highlight: true },
];

async function writeReport(rows: readonly (readonly string[])[], name = "errors"): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), "xlsx-report-")), "report.xlsx");
  const report = new XlsxReport(createWriteStream(path), name, COLUMNS);
  for (const row of rows) {
    report.add(row);
    await report.drain();
  }
  await report.close();
  return path;
}

const ROWS = TRICKY.map((v, i) => [v, String(i + 2), `reason ${v}`]);

/** A python3 with openpyxl, if this machine has one (the pyenv shim may not, the system's may). */
function openpyxlPython(): string | undefined {
  for (const python of ["python3", "/usr/bin/python3"]) {
    try {
      execFileSync(python, ["-c", "import openpyxl"], { stdio: "ignore" });
      return python;
    } catch {
      // next
    }
  }
  return undefined;
}
const PYTHON = openpyxlPython();

// openpyxl hands a cell's text as stored; Excel decodes its _xHHHH_ escapes, once, left to right: so does this.
const READ_WITH_OPENPYXL = `
import json, re, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
dec = lambda v: re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), v) if isinstance(v, str) else v
rows = [[{"value": dec(c.value), "type": type(c.value).__name__, "fmt": c.number_format,
          "bold": bool(c.font.b), "fill": c.fill.fgColor.rgb if c.fill.fill_type == "solid" else None}
         for c in row] for row in ws.iter_rows()]
print(json.dumps({"title": ws.title, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref, "rows": rows}))
`;

interface PyCell {
  value: string | number | null;
  type: string;
  fmt: string;
  bold: boolean;
  fill: string | null;
}

describe("XlsxReport", () => {
  it("reads back with exceljs: every value as written, text cells under @, counts as numbers", async () => {
    const path = await writeReport(ROWS);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.getWorksheet("errors");
    expect(sheet).toBeDefined();
    if (sheet === undefined) return;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBe("A1:C1");

    const header = sheet.getRow(1);
    expect([1, 2, 3].map((n) => header.getCell(n).value)).toEqual(COLUMNS.map((c) => c.header));
    for (const n of [1, 2, 3]) expect(header.getCell(n).font?.bold).toBe(true);
    expect(header.getCell(1).fill).toMatchObject({ pattern: "solid", fgColor: { argb: "FFD9D9D9" } });
    expect(header.getCell(3).fill).toMatchObject({ pattern: "solid", fgColor: { argb: "FFFFE699" } });

    // exceljs hands an inline string as stored; Excel (and our own XLSX reader) decode its _xHHHH_ escapes.
    const shown = (v: ExcelJS.CellValue) => (typeof v === "string" ? decodeEscapes(v) : v);
    TRICKY.forEach((value, i) => {
      const row = sheet.getRow(i + 2);
      const text = row.getCell(1);
      expect(shown(text.value)).toBe(value === "" ? null : value);
      if (value !== "") expect(text.numFmt).toBe("@");
      expect(row.getCell(2).value).toBe(i + 2);
      expect(shown(row.getCell(3).value)).toBe(`reason ${value}`);
      expect(row.getCell(3).fill).toMatchObject({ fgColor: { argb: "FFFFE699" } });
    });
    // Column widths as the header asks, within 12..60.
    expect(sheet.getColumn(1).width).toBe(17);
    expect(sheet.getColumn(3).width).toBe(20);
  });

  // In CI (.ci/run installs python3-openpyxl) a missing openpyxl fails the test rather than skipping it.
  it.skipIf(PYTHON === undefined && process.env.CI === undefined)(
    "reads back with openpyxl: the same values, formats, frozen header and filter",
    async () => {
      const path = await writeReport(ROWS, "résultats");
      const out = JSON.parse(
        execFileSync(PYTHON!, ["-c", READ_WITH_OPENPYXL, path], { encoding: "utf8" }),
      ) as {
        title: string;
        freeze: string;
        filter: string;
        rows: PyCell[][];
      };
      expect(out.title).toBe("résultats");
      expect(out.freeze).toBe("A2");
      expect(out.filter).toBe("A1:C1");
      const [header, ...rows] = out.rows;
      expect(header?.map((c) => c.value)).toEqual(COLUMNS.map((c) => c.header));
      expect(header?.map((c) => [c.bold, c.fill])).toEqual([
        [true, "FFD9D9D9"],
        [true, "FFD9D9D9"],
        [true, "FFFFE699"],
      ]);
      expect(rows).toHaveLength(TRICKY.length);
      TRICKY.forEach((value, i) => {
        const [text, line, reason] = rows[i] ?? [];
        expect(text?.value).toBe(value === "" ? null : value);
        if (value !== "") expect(text).toMatchObject({ type: "str", fmt: "@" });
        expect(line).toMatchObject({ value: i + 2, type: "int" });
        expect(reason).toMatchObject({ value: `reason ${value}`, fmt: "@", fill: "FFFFE699" });
      });
    },
  );

  it("a report of many rows, written while the disk takes it, holds them all", async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => [
      `client ${i} & co`,
      String(i + 2),
      i % 3 ? "" : "bad",
    ]);
    const path = await writeReport(rows);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.getWorksheet("errors");
    expect(sheet?.rowCount).toBe(30_001);
    expect(sheet?.getRow(30_001).getCell(1).value).toBe("client 29999 & co");
    expect(sheet?.getRow(30_001).getCell(2).value).toBe(30_001);
  });
});
