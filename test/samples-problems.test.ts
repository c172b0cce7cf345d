import { parseReport } from "./helpers/report-csv.js";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./helpers/cli.js";

// samples/clients-problems.csv: one row per rule, in this order, after one valid row.
const EXPECTED: [string, string | undefined][] = [
  ["valid", undefined],
  ["row_too_few_fields", undefined],
  ["row_too_many_fields", undefined],
  ["encoding_invalid", "Raison sociale"],
  ["name_missing", "Nom"],
  ["name_too_long", "Raison sociale"],
  ["kind_invalid", "Type"],
  ["kind_freelancer_not_allowed", "Type"],
  ["email_invalid", "Email"],
  ["country_unknown", "Pays"],
  ["zip_invalid", "Code postal"],
  ["province_invalid", "Province"],
  ["province_not_sent", "Province"],
  ["vat_invalid", "N° TVA"],
  ["vat_check_digits", "N° TVA"],
  ["vat_country_mismatch", "N° TVA"],
  ["tax_id_invalid", "SIRET"],
  ["tax_id_check_digits", "SIRET"],
  ["einvoicing_address_invalid", "Adresse de facturation electronique"],
  ["recipient_code_invalid", "Codice destinatario"],
  ["field_too_long", "Ville"],
  ["currency_invalid", "Devise"],
  ["locale_invalid", "Langue"],
  ["phone_invalid", "Téléphone"],
  ["not_invoiceable", undefined],
  ["duplicate_in_file", undefined],
];

describe("samples/clients-problems.csv --dry-run", () => {
  it("shows each rule's problem with its record, line, column, code and message", async () => {
    const reports = await mkdtemp(join(tmpdir(), "qonto-problems-"));
    const result = await runCli([
      "clients",
      join(ROOT, "samples/clients-problems.csv"),
      "--dry-run",
      "--report-dir",
      reports,
    ]);
    expect(result.code).toBe(1);
    const [run] = await (await import("node:fs/promises")).readdir(reports);
    const rows = parseReport(await readFile(join(reports, run!, "results.csv")), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(rows).toHaveLength(EXPECTED.length);
    EXPECTED.forEach(([code, column], i) => {
      const row = rows[i]!;
      const line = i + 2;
      expect({ record: row.record, line: row.line }).toEqual({ record: String(i + 1), line: String(line) });
      if (code === "valid") {
        expect(row.problem_codes).toBe("");
        return;
      }
      expect(row.problem_codes?.split(" ")).toContain(code);
      // The console names the same problem: record, line, column where there is one, code and a message.
      const consoleLine = new RegExp(
        `record ${i + 1} \\(line ${line}\\)${column === undefined ? "" : ` \\[${column}\\]`} (error|warning) ${code}: \\S`,
      );
      expect(result.stderr).toMatch(consoleLine);
    });
  });
});
