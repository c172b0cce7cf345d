import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";
import { dryRunResults, inspectJson } from "./helpers/samples.js";

// samples/clients.xlsx (written by scripts/generate-samples.mjs): a title row and an empty row above the header,
// a SIRET and a phone number stored as numbers, a zip code stored as 1000 formatted "00000", a date column.
const FILE = join(ROOT, "samples/clients.xlsx");

const EXPECTED: Record<number, { outcome: string; codes: string[] }> = {
  1: { outcome: "would_create", codes: [] }, // SIRET stored as a number
  2: { outcome: "would_create", codes: [] }, // zip 1000 shown 01000, mobile stored as a number
  3: { outcome: "invalid", codes: ["tax_id_check_digits"] },
  4: { outcome: "would_create", codes: [] },
  5: { outcome: "invalid", codes: ["name_missing"] },
};

describe("samples/clients.xlsx --dry-run", () => {
  it("skips the title row, keeps every digit of a number-stored SIRET, and gives each row its outcome", async () => {
    // The workbook holds what the sample is about: numbers, not text, and a real date.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(FILE);
    const sheet = workbook.getWorksheet("Clients")!;
    expect(sheet.getCell("F4").value).toBe(61072390000011);
    expect(sheet.getCell("I5")).toMatchObject({ value: 1000, numFmt: "00000" });
    expect(sheet.getCell("L4").value).toBeInstanceOf(Date);

    const { code, rows } = await dryRunResults(FILE, []);
    expect(code).toBe(1);
    expect(rows.map((r) => Number(r.record))).toEqual(Object.keys(EXPECTED).map(Number));
    for (const row of rows) {
      const expected = EXPECTED[Number(row.record)]!;
      expect({
        record: row.record,
        line: row.line,
        outcome: row.outcome,
        codes: [...new Set(row.problem_codes!.split(" ").filter((c) => c !== ""))].sort(),
      }).toEqual({ record: row.record, line: String(Number(row.record) + 3), ...expected });
    }

    const inspected = await inspectJson(FILE, []);
    expect(inspected.header).toMatchObject({ format: "xlsx", sheet: "Clients", line: 3 });
    // The date and the turnover have no Qonto field.
    expect(inspected.columns.filter((c) => c.field === null).map((c) => c.column)).toEqual([
      "Date de création",
      "CA 2024",
    ]);
    const payload = (record: number) => inspected.rows.find((r) => r.recordNo === record)?.payload;
    expect(payload(1)).toMatchObject({
      kind: "company",
      name: "Boulangerie Martin SARL",
      tax_identification_number: "61072390000011",
      vat_number: "FR16610723900",
      billing_address: { zip_code: "75011", country_code: "FR" },
    });
    expect(payload(2)).toMatchObject({
      kind: "individual",
      first_name: "Élodie",
      last_name: "Martin",
      phone: { country_code: "+33", number: "612345678" },
      billing_address: { zip_code: "01000" },
    });
    expect(payload(4)).toMatchObject({ name: "Café des Arts", tax_identification_number: "88650120400012" });
  });
});
