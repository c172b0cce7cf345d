import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";
import { dryRunResults, inspectJson } from "./helpers/samples.js";

// samples/fr-accounting-export.csv (written by scripts/generate-samples.mjs): a French accounting package's client
// export in Windows-1252, ";" and CRLF, with legacy address columns and one name column that holds a person's full
// name on "Particulier" rows. fr-accounting-export.map.json maps "Adresse 2" and leaves the accounting columns out.
const FILE = join(ROOT, "samples/fr-accounting-export.csv");
const MAP = join(ROOT, "samples/fr-accounting-export.map.json");

// What each row must give, and why (the generator's comments say the same).
const EXPECTED: Record<number, { outcome: string; codes: string[]; duplicateOf?: number }> = {
  1: { outcome: "would_create", codes: [] }, // two address lines joined
  2: { outcome: "would_create", codes: [] }, // "DUPONT Marie", zip 1000 → 01000
  3: { outcome: "would_create", codes: ["field_not_sent"] }, // "M. Jean-Pierre Lefèvre": the title is noted
  4: { outcome: "would_create", codes: [] }, // œ, a Windows-1252 character
  5: { outcome: "invalid", codes: ["vat_check_digits"] },
  6: { outcome: "invalid", codes: ["tax_id_check_digits"] },
  7: { outcome: "invalid", codes: ["email_invalid"] },
  8: { outcome: "duplicate_in_file", codes: ["duplicate_in_file"], duplicateOf: 1 }, // same VAT, with spaces
  9: { outcome: "invalid", codes: ["name_missing"] },
  10: { outcome: "would_create", codes: [] }, // Belgium
  11: { outcome: "would_create", codes: ["phone_invalid"] },
  12: { outcome: "would_create", codes: ["not_invoiceable"] },
  13: { outcome: "invalid", codes: ["not_invoiceable", "zip_invalid"] },
  14: { outcome: "invalid", codes: ["country_unknown", "not_invoiceable"] },
};

describe("samples/fr-accounting-export.csv --dry-run", () => {
  it("reads Windows-1252, splits full names, joins Adresse 1 and 2, and gives each row its outcome", async () => {
    const bytes = await readFile(FILE);
    // Windows-1252, not UTF-8: œ is 0x9C, é 0xE9; lines end in CRLF.
    expect(bytes.includes(Buffer.from("Cœur", "utf8"))).toBe(false);
    expect(bytes.includes(Buffer.from([0x43, 0x9c, 0x75, 0x72]))).toBe(true);
    expect(bytes.includes(Buffer.from("\r\n"))).toBe(true);

    const { code, rows } = await dryRunResults(FILE, ["--map", MAP]);
    expect(code).toBe(1);
    expect(rows.map((r) => Number(r.record))).toEqual(Object.keys(EXPECTED).map(Number));
    for (const row of rows) {
      const expected = EXPECTED[Number(row.record)]!;
      expect({
        record: row.record,
        line: row.line,
        outcome: row.outcome,
        codes: [...new Set(row.problem_codes!.split(" ").filter((c) => c !== ""))].sort(),
      }).toEqual({
        record: row.record,
        line: String(Number(row.record) + 1),
        outcome: expected.outcome,
        codes: expected.codes,
      });
      if (expected.duplicateOf !== undefined)
        expect(row.duplicate_of_record).toBe(String(expected.duplicateOf));
    }

    const inspected = await inspectJson(FILE, ["--map", MAP]);
    expect(inspected.header).toMatchObject({ encoding: "windows-1252", delimiter: ";" });
    expect(inspected.columns.filter((c) => c.field === null && !c.ignored)).toEqual([]);
    const payload = (record: number) => inspected.rows.find((r) => r.recordNo === record)?.payload;
    expect(payload(1)).toMatchObject({
      kind: "company",
      name: "Boulangerie Le Fournil SARL",
      vat_number: "FR89532014891",
      tax_identification_number: "53201489100016",
      billing_address: { street_address: "12 rue de la République, Bâtiment A", zip_code: "69002" },
    });
    expect(payload(2)).toMatchObject({
      kind: "individual",
      first_name: "Marie",
      last_name: "DUPONT",
      billing_address: { zip_code: "01000", country_code: "FR" },
    });
    expect(payload(3)).toMatchObject({
      kind: "individual",
      first_name: "Jean-Pierre",
      last_name: "Lefèvre",
      billing_address: { street_address: "27 avenue Jean Jaurès, Appt 12" },
    });
    expect(payload(4)).toMatchObject({ name: "Cœur de Lion SAS" });
    expect(payload(10)).toMatchObject({
      vat_number: "BE0403170701",
      billing_address: { country_code: "BE" },
    });
    expect(payload(11)?.phone).toBeUndefined();
  });
});
