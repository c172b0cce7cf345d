import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator } from "../src/emulator/index.js";
import { runCli } from "./helpers/cli.js";
import { parseReport } from "./helpers/report-csv.js";

const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
const ENV = { QONTO_LOGIN: KEY.login, QONTO_SECRET_KEY: KEY.secretKey };

interface Summary {
  report_dir: string;
  outcomes: Record<string, number>;
}

const HEADER = [
  "Raison sociale",
  "SIRET",
  "Adresse",
  "Code postal",
  "Ville",
  "Pays",
  "Téléphone",
  "Email",
  "Notes",
];

/** The input as a person's workbook has it: the SIRET a number cell (Excel's default), zip and phone text cells. */
async function writeInput(path: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Clients");
  sheet.addRow(HEADER);
  sheet.addRow([
    "Dupont SA",
    55203253400646,
    "1 rue de la Paix",
    "75002",
    "Paris",
    "FR",
    "0142685300",
    "contact@dupont.fr",
    "",
  ]);
  sheet.addRow([
    "Martin SARL",
    80314596300010,
    "2 place des Arts",
    "01000",
    "Bourg-en-Bresse",
    "FR",
    "0612345678",
    "martin@@exemple",
    "'=not a formula",
  ]);
  await workbook.xlsx.writeFile(path);
}

/** A sheet's cells as exceljs reads them back: value and type, row by row. */
async function sheetOf(path: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0]!;
  return { workbook, sheet };
}

describe("errors.xlsx: an XLSX input's rows not imported, as a workbook to fix and feed back", () => {
  it("keeps SIRET, zip and phone as text, points at the sheet row, and after one fix imports that row", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-errx-"));
    const input = join(dir, "clients.xlsx");
    await writeInput(input);
    const emulator = await startEmulator();
    try {
      const args = ["--base-url", emulator.url, "--report-dir", join(dir, "reports"), "--json"];
      const first = await runCli(["clients", input, ...args], ENV);
      const summary = JSON.parse(first.stdout) as Summary;
      expect(summary.outcomes).toMatchObject({ created: 1, invalid: 1 });
      const files = await readdir(summary.report_dir);
      expect(files).toEqual(
        expect.arrayContaining(["errors.csv", "errors.xlsx", "results.csv", "results.xlsx"]),
      );

      const errorsFile = join(summary.report_dir, "errors.xlsx");
      const { workbook, sheet } = await sheetOf(errorsFile);
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      // The input's columns, then where the row was in the input, then the reason, last.
      expect(header).toEqual([...HEADER, "source_line", "qonto_import_error"]);
      expect(sheet.rowCount).toBe(2);
      const cell = (name: string) => sheet.getRow(2).getCell(header.indexOf(name) + 1);
      for (const [name, value] of [
        ["SIRET", "80314596300010"],
        ["Code postal", "01000"],
        ["Téléphone", "0612345678"],
        // A plain string in a workbook is never a formula: no neutralizing quote added, the user's own one kept.
        ["Notes", "'=not a formula"],
      ] as const) {
        expect(cell(name).value, name).toBe(value);
        expect(cell(name).type, name).toBe(ExcelJS.ValueType.String);
        expect(cell(name).numFmt, name).toBe("@");
      }
      // Sheet row 3 of the input: the header is row 1, Dupont row 2.
      expect(cell("source_line").value).toBe(3);
      expect(String(cell("qonto_import_error").value)).toMatch(/^email_invalid: \[Email\]/);
      // The reason stands out, the header stays in view and has filter buttons.
      expect(cell("qonto_import_error").fill).toMatchObject({ type: "pattern", pattern: "solid" });
      expect(sheet.getRow(1).getCell(header.length).font?.bold).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();

      // errors.csv has the same column, and results.xlsx the same text cells.
      const errorsCsv = parseReport(await readFile(join(summary.report_dir, "errors.csv")));
      expect(errorsCsv).toEqual([expect.objectContaining({ SIRET: "80314596300010", source_line: "3" })]);
      const results = (await sheetOf(join(summary.report_dir, "results.xlsx"))).sheet;
      expect((results.getRow(1).values as unknown[]).slice(1, 4)).toEqual(["record", "line", "outcome"]);
      expect((results.getRow(3).values as unknown[]).slice(1, 4)).toEqual([2, 3, "invalid"]);

      // Fix the e-mail in Excel's place and feed the workbook back: only that row is sent, with its values whole.
      cell("Email").value = "martin@exemple.fr";
      const fixed = join(dir, "fixed.xlsx");
      await workbook.xlsx.writeFile(fixed);
      const second = await runCli(["clients", fixed, ...args], ENV);
      const again = JSON.parse(second.stdout) as Summary;
      expect(again.outcomes).toMatchObject({ created: 1, invalid: 0, skipped_existing: 0 });
      // Our columns are not "not imported" noise.
      expect(second.stderr).not.toContain("qonto_import_error");
      expect(second.stderr).not.toContain("source_line");
      const martin = emulator.clients().find((c) => c.name === "Martin SARL");
      expect(martin).toMatchObject({
        tax_identification_number: "80314596300010",
        phone: { number: "612345678" },
      });
      expect(JSON.stringify(martin)).toContain('"01000"');
      expect(JSON.stringify(martin)).not.toContain("source_line");
    } finally {
      await emulator.close();
    }
  });
});
