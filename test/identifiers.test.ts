import { describe, expect, it } from "vitest";
import { matchHeader } from "../src/map/header.js";
import { checkTaxId, checkVat } from "../src/validate/identifiers.js";
import { normalizeRow } from "../src/validate/normalize.js";

// One valid VAT number for each of the 27 EU member states (Greece as EL); each with its last digit changed is a
// check-digit failure.
const VALID_VATS = [
  "ATU13585627",
  "BE0403170701",
  "BG175074752",
  "CY10259033P",
  "CZ25123891",
  "DE136695976",
  "DK13585628",
  "EE100931558",
  "EL094259216",
  "ESB12345674",
  "FI20774740",
  "FR47402032452",
  "HR33392005961",
  "HU12892312",
  "IE6433435F",
  "IT01234560157",
  "LT119511515",
  "LU15027442",
  "LV40003521600",
  "MT11679112",
  "NL004495445B01",
  "PL8567346215",
  "PT501964843",
  "RO18547290",
  "SE123456789701",
  "SI50223054",
  "SK2022749619",
];

const corrupt = (vat: string) => vat.slice(0, -1) + String((Number(vat.at(-1)) + 1) % 10);

describe("checkVat", () => {
  it.each(VALID_VATS)("%s is valid", (vat) => {
    expect(checkVat(vat, undefined)).toEqual({ ok: true, value: vat });
  });

  it.each(VALID_VATS.filter((v) => /\d$/.test(v) && !v.startsWith("NL") && !v.startsWith("SE")))(
    "%s with its last digit changed fails its check digits",
    (vat) => {
      expect(checkVat(corrupt(vat), undefined)).toMatchObject({ ok: false, code: "vat_check_digits" });
    },
  );

  it.each([
    ["fr 47 402.032.452", "FR47402032452"],
    ["FR-47-402-032-452", "FR47402032452"],
    ["GR094259216", "EL094259216"], // Greece's prefix is EL
    ["de 136/695/976", "DE136695976"],
    ["FR K7 399 859 412", "FRK7399859412"], // the French key may hold letters
    ["GB123456789", "GB123456789"], // not an EU state: format only
    ["CHE123456789", "CHE123456789"],
  ])("%s is written %s", (raw, value) => {
    expect(checkVat(raw, undefined)).toMatchObject({ ok: true, value });
  });

  it.each([
    "12345",
    "FR",
    "F1 234",
    "FR 75 512 345 679 000 000 000",
    "FR75512345679!",
    "FR4740203245",
    "IT0123456015",
  ])("%s is not a VAT number", (raw) => {
    expect(checkVat(raw, undefined)).toMatchObject({ ok: false, code: "vat_invalid" });
  });

  it.each([
    ["00743110157", "IT", "IT00743110157"],
    ["402032452", "FR", undefined], // a SIREN is not a VAT number: no key, so no prefix is added
    ["094259216", "GR", "EL094259216"],
    ["00743110157", undefined, undefined], // no country: no prefix to add
  ])("a bare number %s for a client in %s → %s", (raw, country, value) => {
    const result = checkVat(raw, country);
    if (value === undefined) expect(result).toMatchObject({ ok: false, code: "vat_invalid" });
    else expect(result).toMatchObject({ ok: true, value });
  });

  it.each([
    ["FR47402032452", "FR", undefined],
    ["EL094259216", "GR", undefined],
    ["FR47402032452", "BE", "vat_country_mismatch"],
    ["IT01234560157", "FR", "vat_country_mismatch"],
  ])("%s for a client in %s → warning %s", (vat, country, warning) => {
    const result = checkVat(vat, country);
    expect(result.ok).toBe(true);
    expect(result.ok && result.warning?.code).toBe(warning ?? undefined);
  });
});

describe("checkTaxId", () => {
  it.each([
    ["402032452", "FR", "402032452"], // SIREN
    ["402 032 452", "FR", "402032452"],
    ["35600000000048", "FR", "35600000000048"], // La Poste: SIRET not Luhn-valid, accepted by its own rule
    ["51234567900017", "FR", "51234567900017"], // SIRET
    ["RSSMRA85T10A562S", "IT", "RSSMRA85T10A562S"], // codice fiscale
    ["rssmra85t10a562s", "IT", "RSSMRA85T10A562S"],
    ["RSSMRA85T10A56NH", "IT", "RSSMRA85T10A56NH"], // omocodia
    ["01234560157", "IT", "01234560157"], // partita IVA
    ["12345678Z", "ES", "12345678Z"], // DNI
    ["X1234567L", "ES", "X1234567L"], // NIE
    ["B12345674", "ES", "B12345674"], // CIF
    ["93815/08152", "DE", "9381508152"], // Steuernummer
    ["A1B2C3", "GB", "A1B2C3"], // no national rule: letters and digits
    ["A1B2C3", undefined, "A1B2C3"],
  ])("%s (%s) is valid, written %s", (raw, country, value) => {
    expect(checkTaxId(raw, country)).toEqual({ ok: true, value });
  });

  it.each([
    ["402032453", "FR", "tax_id_check_digits"],
    ["35600000000049", "FR", "tax_id_check_digits"],
    ["51234567900012", "FR", "tax_id_check_digits"],
    ["4020324", "FR", "tax_id_invalid"],
    ["RSSMRA85T10A562T", "IT", "tax_id_check_digits"],
    ["01234560158", "IT", "tax_id_check_digits"],
    ["RSSMRA85", "IT", "tax_id_invalid"],
    ["12345678A", "ES", "tax_id_check_digits"],
    ["B12345675", "ES", "tax_id_check_digits"],
    ["ABC", "DE", "tax_id_invalid"],
    ["123456789012345678901", undefined, "tax_id_invalid"],
    ["A1 B2 C3 !", undefined, "tax_id_invalid"],
  ])("%s (%s) → %s", (raw, country, code) => {
    expect(checkTaxId(raw, country)).toMatchObject({ ok: false, code });
  });
});

describe("identifiers in a row", () => {
  const columns = ["Raison sociale", "N° TVA", "SIRET", "Adresse", "Code postal", "Ville", "Pays"];
  const { mapping } = matchHeader(columns);
  // A full address, so that the only problems are the identifiers'.
  const address = { Adresse: "1 rue de la Paix", "Code postal": "75002", Ville: "Paris" };
  const row = (fields: Record<string, string>) =>
    normalizeRow(
      { file: "f.csv", recordNo: 1, line: 2, fields: { ...address, ...fields }, problems: [] },
      mapping,
      {
        orgCountry: "FR",
        currency: "EUR",
      },
    );

  it("a VAT number whose check digits fail refuses the row, naming the column, once", () => {
    const result = row({ "Raison sociale": "ACME", "N° TVA": "FR48402032452", SIRET: "", Pays: "FR" });
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.code, p.column])).toEqual([["vat_check_digits", "N° TVA"]]);
  });

  it("a VAT number from another country than the client's is sent, with a warning", () => {
    const result = row({ "Raison sociale": "ACME", "N° TVA": "BE0403170701", SIRET: "", Pays: "France" });
    expect(result.ok && result.payload.vat_number).toBe("BE0403170701");
    expect(result.problems).toEqual([
      expect.objectContaining({ code: "vat_country_mismatch", severity: "warning", column: "N° TVA" }),
    ]);
  });

  it("the tax id follows the client's country, or its VAT number's", () => {
    expect(row({ "Raison sociale": "ACME", "N° TVA": "", SIRET: "402032453", Pays: "FR" }).problems).toEqual([
      expect.objectContaining({ code: "tax_id_check_digits", column: "SIRET" }),
    ]);
    const byVat = row({ "Raison sociale": "ACME", "N° TVA": "FR47402032452", SIRET: "402032453", Pays: "" });
    // No country: the VAT number's (FR) decides the tax id's rule.
    expect(byVat.problems.map((p) => p.code)).toEqual(["tax_id_check_digits", "not_invoiceable"]);
  });
});
