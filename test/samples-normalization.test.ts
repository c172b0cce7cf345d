import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { InspectResult } from "../src/clients/inspect.js";
import { ROOT, runCli } from "./helpers/cli.js";

// samples/clients-normalization.csv: messy values as exports hold them, and the payload each must become.
const EXPECTED = [
  // titles dropped, compound first name, particles kept with the surname, a zip whose leading zero Excel dropped
  {
    kind: "individual",
    first_name: "Jean-Pierre",
    last_name: "de La Fontaine",
    billing_address: { zip_code: "01000", country_code: "FR" },
  },
  // the French convention: surname in capitals first
  { first_name: "Marie", last_name: "DUPONT", billing_address: { zip_code: "07500" } },
  // "LAST, First", a province by name, Rome's zip restored, a codice fiscale
  {
    first_name: "Mario",
    last_name: "Rossi",
    tax_identification_number: "RSSMRA85T10A562S",
    billing_address: { zip_code: "00186", province_code: "RM" },
  },
  // an Italian title, a province in lower case, an alpha-3 country, a language by name
  {
    first_name: "Giulia",
    last_name: "Esposito",
    locale: "it",
    billing_address: { province_code: "NA", country_code: "IT" },
  },
  // a German title, "von", a French country name, a German phone
  {
    first_name: "Hans",
    last_name: "von Braun",
    locale: "de",
    phone: { country_code: "+49", number: "301234567" },
    billing_address: { country_code: "DE" },
  },
  // two e-mails in a cell, an international prefix, a VAT number and SIREN with separators, two address lines
  {
    kind: "company",
    email: "contact@sgs.fr",
    extra_emails: ["compta@sgs.fr"],
    phone: { country_code: "+33", number: "142685300" },
    vat_number: "FR47402032452",
    tax_identification_number: "402032452",
    billing_address: { street_address: "29 boulevard Haussmann, Bât. A" },
  },
  // an Italian VAT number with punctuation, a province by name
  {
    kind: "company",
    vat_number: "IT01234560157",
    billing_address: { province_code: "MI", country_code: "IT" },
  },
  // a Spanish company: Spanish kind word, NIF, locale es-ES
  { kind: "company", vat_number: "ESB12345674", tax_identification_number: "B12345674", locale: "es" },
  // Greece: GR prefix written as EL, a Greek zip with its space
  { vat_number: "EL094259216", billing_address: { zip_code: "105 63", country_code: "GR" } },
];

// The one problem a row may carry: the title left out of a full name, said on the row (issue 17).
const TITLE_NOTES: Record<number, string> = {
  1: 'the title "M." in "M. Jean-Pierre de La Fontaine" is not sent: no part of a first or last name',
  4: 'the title "Sig.ra" in "Sig.ra Giulia Esposito" is not sent: no part of a first or last name',
  5: 'the title "Herr" in "Herr Hans von Braun" is not sent: no part of a first or last name',
};

describe("samples/clients-normalization.csv", () => {
  it("every messy value becomes the payload Qonto expects, with no problem but a dropped title's note", async () => {
    const result = await runCli([
      "inspect",
      join(ROOT, "samples/clients-normalization.csv"),
      "--rows",
      "50",
      "--json",
    ]);
    expect(result.code).toBe(0);
    const inspected = JSON.parse(result.stdout) as InspectResult;
    expect(inspected.columns.filter((c) => c.field === null)).toEqual([]);
    expect(inspected.rows).toHaveLength(EXPECTED.length);
    inspected.rows.forEach((row, i) => {
      const note = TITLE_NOTES[i + 1];
      expect({ record: row.recordNo, problems: row.problems }).toEqual({
        record: i + 1,
        problems:
          note === undefined
            ? []
            : [{ code: "field_not_sent", severity: "warning", column: "Nom complet", message: note }],
      });
      expect(row.payload).toMatchObject(EXPECTED[i]!);
    });
  });
});
