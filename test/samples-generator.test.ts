import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";

// The samples scripts/generate-samples.mjs writes are the committed ones: the script is how they are changed.
describe("scripts/generate-samples.mjs", () => {
  it("writes the committed samples: the CSV files byte for byte, the workbook cell for cell", async () => {
    const out = await mkdtemp(join(tmpdir(), "qonto-samples-"));
    await promisify(execFile)(process.execPath, [join(ROOT, "scripts/generate-samples.mjs"), out]);
    for (const name of ["fr-accounting-export.csv", "it-export.csv", "de-es-mix.csv", "invoices.csv"])
      expect(await readFile(join(out, name)), name).toEqual(await readFile(join(ROOT, "samples", name)));
    expect(await cells(join(out, "clients.xlsx"))).toEqual(await cells(join(ROOT, "samples/clients.xlsx")));
  });
});

async function cells(path: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook.worksheets.map((sheet) => {
    const values: unknown[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => values.push([cell.address, cell.value, cell.numFmt])));
    return { name: sheet.name, merges: sheet.model.merges, values };
  });
}
