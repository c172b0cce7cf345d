import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";
import { dryRunResults, inspectJson } from "./helpers/samples.js";

// samples/de-es-mix.csv (written by scripts/generate-samples.mjs): a multinational ERP export, UTF-8 and ",",
// German headers for the customer columns and Spanish ones for the address and invoicing columns; German,
// Austrian and Spanish rows, each in its own words (Unternehmen / Empresa, Deutschland / España, Deutsch / Español).
const FILE = join(ROOT, "samples/de-es-mix.csv");

const EXPECTED: Record<number, { outcome: string; codes: string[]; duplicateOf?: number }> = {
  1: { outcome: "would_create", codes: [] },
  2: { outcome: "would_create", codes: [] }, // a quoted street with a comma
  3: { outcome: "would_create", codes: [] }, // "von Braun", a national mobile number
  4: { outcome: "would_create", codes: [] }, // a DNI, zip 8017 → 08017
  5: { outcome: "would_create", codes: [] }, // Austria, named in Spanish
  6: { outcome: "invalid", codes: ["tax_id_check_digits"] },
  7: { outcome: "invalid", codes: ["vat_check_digits"] },
  8: { outcome: "invalid", codes: ["currency_invalid"] }, // "Euro"
  9: { outcome: "would_create", codes: ["vat_country_mismatch"] }, // German VAT, Madrid address
  10: { outcome: "duplicate_in_file", codes: ["duplicate_in_file"], duplicateOf: 2 }, // same e-mail
  11: { outcome: "invalid", codes: ["locale_invalid"] }, // "Catalán"
  12: { outcome: "would_create", codes: [] }, // zip 1069 → 01069
};

describe("samples/de-es-mix.csv --dry-run", () => {
  it("reads German and Spanish headers and values in one file, row by row", async () => {
    const { code, rows } = await dryRunResults(FILE, []);
    expect(code).toBe(1);
    expect(rows.map((r) => Number(r.record))).toEqual(Object.keys(EXPECTED).map(Number));
    for (const row of rows) {
      const { duplicateOf, ...expected } = EXPECTED[Number(row.record)]!;
      expect({
        record: row.record,
        outcome: row.outcome,
        codes: [...new Set(row.problem_codes!.split(" ").filter((c) => c !== ""))].sort(),
      }).toEqual({ record: row.record, ...expected });
      if (duplicateOf !== undefined) expect(row.duplicate_of_record).toBe(String(duplicateOf));
    }

    const inspected = await inspectJson(FILE, []);
    expect(inspected.header).toMatchObject({ encoding: "utf-8", delimiter: "," });
    expect(inspected.columns.filter((c) => c.field === null)).toEqual([]);
    const payload = (record: number) => inspected.rows.find((r) => r.recordNo === record)?.payload;
    expect(payload(1)).toMatchObject({
      kind: "company",
      vat_number: "DE136820624",
      tax_identification_number: "2181508155",
      locale: "de",
      billing_address: { street_address: "Friedrichstraße 123", country_code: "DE" },
    });
    expect(payload(2)).toMatchObject({
      kind: "company",
      vat_number: "ESB65987653",
      locale: "es",
      billing_address: { street_address: "Calle de Alcalá, 45", zip_code: "28014", country_code: "ES" },
    });
    expect(payload(3)).toMatchObject({
      kind: "individual",
      first_name: "Hans",
      last_name: "von Braun",
      phone: { country_code: "+49", number: "1712345678" },
    });
    expect(payload(4)).toMatchObject({
      kind: "individual",
      tax_identification_number: "48291537R",
      phone: { country_code: "+34" },
      billing_address: { zip_code: "08017" },
    });
    expect(payload(5)).toMatchObject({
      vat_number: "ATU13675405",
      locale: "de",
      billing_address: { country_code: "AT" },
    });
    expect(payload(9)).toMatchObject({ vat_number: "DE267890126", billing_address: { country_code: "ES" } });
    expect(payload(12)?.billing_address?.zip_code).toBe("01069");
  });
});
