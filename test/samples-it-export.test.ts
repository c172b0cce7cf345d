import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";
import { dryRunResults, inspectJson } from "./helpers/samples.js";

// samples/it-export.csv (written by scripts/generate-samples.mjs): an Italian export for an Italian organization,
// UTF-8 with a BOM and ";": partita IVA without its prefix, codice fiscale, provincia, CAP, codice destinatario.
const FILE = join(ROOT, "samples/it-export.csv");

const EXPECTED: Record<number, { outcome: string; codes: string[] }> = {
  1: { outcome: "would_create", codes: [] },
  2: { outcome: "would_create", codes: [] }, // a private client with a codice fiscale, SDI code 0000000
  3: { outcome: "would_create", codes: [] }, // a freelancer: the organization is Italian
  4: { outcome: "would_create", codes: [] }, // province "Napoli" → NA
  5: { outcome: "would_create", codes: [] }, // CAP 186 → 00186
  6: { outcome: "invalid", codes: ["vat_check_digits"] },
  7: { outcome: "invalid", codes: ["tax_id_check_digits"] },
  8: { outcome: "invalid", codes: ["not_invoiceable", "province_invalid"] },
  9: { outcome: "invalid", codes: ["recipient_code_invalid"] }, // a PEC address as the SDI code
  10: { outcome: "invalid", codes: ["not_invoiceable", "zip_invalid"] },
  11: { outcome: "would_create", codes: ["not_invoiceable"] }, // no province
  12: { outcome: "would_create", codes: ["field_not_sent"] }, // XXXXXXX for a French client
};

describe("samples/it-export.csv --dry-run --org-country IT", () => {
  it("checks partita IVA, codice fiscale, provincia, CAP and codice destinatario, row by row", async () => {
    const args = ["--org-country", "IT"];
    const { code, rows } = await dryRunResults(FILE, [...args]);
    expect(code).toBe(1);
    expect(rows.map((r) => Number(r.record))).toEqual(Object.keys(EXPECTED).map(Number));
    for (const row of rows) {
      const expected = EXPECTED[Number(row.record)]!;
      expect({
        record: row.record,
        outcome: row.outcome,
        codes: [...new Set(row.problem_codes!.split(" ").filter((c) => c !== ""))].sort(),
      }).toEqual({ record: row.record, ...expected });
    }

    const inspected = await inspectJson(FILE, [...args]);
    expect(inspected.header).toMatchObject({ encoding: "utf-8", delimiter: ";" });
    // The client code and the PEC address have no Qonto field.
    expect(inspected.columns.filter((c) => c.field === null).map((c) => c.column)).toEqual(["Codice", "PEC"]);
    const payload = (record: number) => inspected.rows.find((r) => r.recordNo === record)?.payload;
    expect(payload(1)).toMatchObject({
      kind: "company",
      vat_number: "IT03145220970",
      tax_identification_number: "03145220970",
      recipient_code: "M5UXCR1",
      locale: "it",
      billing_address: { zip_code: "20123", province_code: "MI", country_code: "IT" },
    });
    expect(payload(2)).toMatchObject({
      kind: "individual",
      first_name: "Mario",
      last_name: "Rossi",
      tax_identification_number: "RSSMRA85T10A562S",
      recipient_code: "0000000",
    });
    expect(payload(3)).toMatchObject({
      kind: "freelancer",
      vat_number: "IT12345670124",
      tax_identification_number: "BNCGLI88E50F205X",
    });
    expect(payload(4)?.billing_address?.province_code).toBe("NA");
    expect(payload(5)?.billing_address?.zip_code).toBe("00186");
    expect(payload(12)).toMatchObject({ locale: "fr", billing_address: { country_code: "FR" } });
    expect(payload(12)?.recipient_code).toBeUndefined();
  });
});
