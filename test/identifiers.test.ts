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
    ["FR\u2013\u200947\u2013402\u2013032\u2013452", "FR47402032452"], // en dashes, thin spaces
    ["FR\u00a047\u00a0402\u202f032\u202f452", "FR47402032452"], // no-break and narrow no-break spaces
    ["BE 0403 \u2014 170 \u2014 701", "BE0403170701"], // em dashes
    ["\uff26\uff32\uff14\uff17\uff14\uff10\uff12\uff10\uff13\uff12\uff14\uff15\uff12", "FR47402032452"], // fullwidth
    ["GR094259216", "EL094259216"], // Greece's prefix is EL
    ["GR 94259216", "EL094259216"], // and its 8-digit numbers take a leading zero
    ["de 136/695/976", "DE136695976"],
    ["NL4495445B01", "NL004495445B01"], // the 9 digits before B, as VIES writes them
    ["FR K7 399 859 412", "FRK7399859412"], // the French key may hold letters
    ["GB 980 7806 84", "GB980780684"], // the United Kingdom, Switzerland and Norway: their own rules
    ["XI980780684", "XI980780684"], // Northern Ireland
    ["CHE-107.787.577 IVA", "CHE107787577IVA"],
    ["NO 974 760 673 MVA", "NO974760673MVA"],
  ])("%s is written %s", (raw, value) => {
    expect(checkVat(raw, undefined)).toEqual({ ok: true, value });
  });

  it.each([
    ["TVA FR47402032452", "FR47402032452"],
    ["N° TVA intracom : FR 47 402 032 452", "FR47402032452"],
    ["Nº TVA: FR47402032452", "FR47402032452"],
    ["Numéro de TVA intracommunautaire FR47402032452", "FR47402032452"],
    ["VAT: BE 0403.170.701", "BE0403170701"],
    ["VAT No. GB980780684", "GB980780684"],
    ["P.IVA IT01234560157", "IT01234560157"],
    ["Partita IVA: IT 01234560157", "IT01234560157"],
    ["IVA IT01234560157", "IT01234560157"],
    ["USt-IdNr. DE136695976", "DE136695976"],
    ["USt-IdNr.: DE 136 695 976", "DE136695976"],
    ["MwSt.-Nr. DE136695976", "DE136695976"],
    ["VAT DE 136695976", "DE136695976"], // DE is the prefix, not a word of the label
    ["DE-136-695-976", "DE136695976"],
    ["UID: ATU13585627", "ATU13585627"],
    ["NIF ESB12345674", "ESB12345674"],
    ["NIF-IVA: ESB12345674", "ESB12345674"],
    ["CIF ESB12345674", "ESB12345674"],
    ["BTW NL004495445B01", "NL004495445B01"],
    ["VAT NO 974760673 MVA", "NO974760673MVA"], // NO is the prefix
  ])("the label is left out: %s → %s", (raw, value) => {
    expect(checkVat(raw, undefined)).toEqual({ ok: true, value });
  });

  it.each([
    "12345",
    "FR",
    "F1 234",
    "FR 75 512 345 679 000 000 000",
    "FR75512345679!",
    "FR4740203245",
    "IT0123456015",
    "TVA",
    "CHE-107.787.577", // a Swiss UID is the VAT number only with MWST, TVA or IVA after it
  ])("%s is not a VAT number", (raw) => {
    expect(checkVat(raw, undefined)).toMatchObject({ ok: false, code: "vat_invalid" });
  });

  // Without its prefix, a number takes its client's country's: every EU state, the prefix sent to Qonto.
  it.each(VALID_VATS.map((vat) => [vat.slice(2), vat.startsWith("EL") ? "GR" : vat.slice(0, 2), vat]))(
    "a bare number %s for a client in %s → %s",
    (bare, country, value) => {
      expect(checkVat(bare, country)).toEqual({ ok: true, value });
    },
  );

  it.each([
    ["U 135 856 27", "AT", "ATU13585627"],
    ["0403.170.701", "BE", "BE0403170701"],
    ["X1234567L", "ES", "ESX1234567L"],
    ["4495445B01", "NL", "NL004495445B01"],
    ["P.IVA 01234560157", "IT", "IT01234560157"],
    ["CIF: B12345674", "ES", "ESB12345674"],
  ])("a bare number written %s for a client in %s → %s", (raw, country, value) => {
    expect(checkVat(raw, country)).toEqual({ ok: true, value });
  });

  it.each([
    ["U13585628", "AT", "vat_check_digits"], // the client's country's rule says what is wrong
    ["402032452", "FR", "vat_invalid"], // a SIREN is not a VAT number
    ["00743110157", undefined, "vat_invalid"], // no country: no prefix to add
    ["00743110157", "US", "vat_invalid"], // a country we have no rule for gives no prefix either
  ])("a bare number %s for a client in %s → %s", (raw, country, code) => {
    expect(checkVat(raw, country)).toMatchObject({ ok: false, code });
  });

  it.each([
    ["EU372000041", "OSS registration number"], // the One-Stop Shop's numbers are not a client's
    ["XX123456789", "XX is no country"],
    ["UK980780684", "GB's numbers start with GB"],
    ["ES12345678Z", "placeholder"], // the textbook DNI
    ["ESB00000000", "placeholder"],
  ])("%s is refused: %s", (raw, reason) => {
    const result = checkVat(raw, undefined);
    expect(result).toMatchObject({ ok: false, code: "vat_invalid" });
    expect(!result.ok && result.message).toContain(reason);
  });

  it.each([
    ["US12-3456789", "US", "US123456789", "vat_not_checked"],
    ["AE100123456700003", undefined, "AE100123456700003", "vat_not_checked"],
    ["US123456789", "FR", "US123456789", "vat_country_mismatch"],
  ])(
    "%s (client in %s), a country we have no rule for, is sent as %s with %s",
    (raw, country, value, code) => {
      expect(checkVat(raw, country)).toMatchObject({ ok: true, value, warning: { code } });
    },
  );

  it.each([
    ["FR47402032452", "FR", undefined],
    ["EL094259216", "GR", undefined],
    ["XI980780684", "GB", undefined],
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
    ["402\u2013032\u2013452", "FR", "402032452"], // any separator
    ["402\u00a0032\u00a0452", "FR", "402032452"],
    ["402/032/452", "FR", "402032452"],
    ["\uff14\uff10\uff12\uff10\uff13\uff12\uff14\uff15\uff12", "FR", "402032452"],
    ["35600000000048", "FR", "35600000000048"], // La Poste: SIRET not Luhn-valid, accepted by its own rule
    ["51234567900017", "FR", "51234567900017"], // SIRET
    ["512-345-679-00017", "FR", "51234567900017"],
    ["RSSMRA85T10A562S", "IT", "RSSMRA85T10A562S"], // codice fiscale
    ["rssmra85t10a562s", "IT", "RSSMRA85T10A562S"],
    ["RSSMRA85T10A56NH", "IT", "RSSMRA85T10A56NH"], // omocodia
    ["RSSMRA85T1MA562J", "IT", "RSSMRA85T1MA562J"], // omocodia in the day
    ["RSSMRA84B29A562Y", "IT", "RSSMRA84B29A562Y"], // 29 February 1984
    ["RSSMRA85D70A562R", "IT", "RSSMRA85D70A562R"], // a woman born on 30 April
    ["01234560157", "IT", "01234560157"], // partita IVA
    ["IT01234560157", "IT", "01234560157"], // written with its VAT prefix, which is not sent
    ["IT 0123 4560 157", "IT", "01234560157"],
    ["48291537R", "ES", "48291537R"], // DNI
    ["X1234567L", "ES", "X1234567L"], // NIE
    ["B12345674", "ES", "B12345674"], // CIF
    ["ESB12345674", "ES", "B12345674"],
    ["36574261809", "DE", "36574261809"], // Steuer-ID
    ["93815/08152", "DE", "9381508152"], // Steuernummer, as a Land writes it
    ["2893081508152", "DE", "2893081508152"], // and country-wide
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
    ["RSSMRA85F10A562R", "IT", "tax_id_invalid"], // F is no month
    ["RSSMRA85T32A562Y", "IT", "tax_id_invalid"], // day 32
    ["RSSMRA85T72A562C", "IT", "tax_id_invalid"], // day 72 (a woman's 32)
    ["RSSMRA85T85A562L", "IT", "tax_id_invalid"], // day 85: python-stdnum reads it as 5, the rule has no such day
    ["RSSMRA85B30A562G", "IT", "tax_id_invalid"], // 30 February
    ["RSSMRA85B29A562Z", "IT", "tax_id_invalid"], // 29 February 1985
    ["RSSMRA85D71A562Q", "IT", "tax_id_invalid"], // 31 April
    ["01234560158", "IT", "tax_id_check_digits"],
    ["IT01234560158", "IT", "tax_id_check_digits"],
    ["RSSMRA85", "IT", "tax_id_invalid"],
    ["12345678A", "ES", "tax_id_check_digits"],
    ["B12345675", "ES", "tax_id_check_digits"],
    ["12345678Z", "ES", "tax_id_invalid"], // placeholders: right check characters, no real number
    ["00000000T", "ES", "tax_id_invalid"],
    ["X0000000T", "ES", "tax_id_invalid"],
    ["A00000000", "ES", "tax_id_invalid"],
    ["B0000000J", "ES", "tax_id_invalid"],
    ["ABC", "DE", "tax_id_invalid"],
    ["1234567890123", "DE", "tax_id_invalid"], // 13 digits without a Land's code
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

  it("a labelled number without its prefix is sent with the prefix of the client's country", () => {
    const result = row({
      "Raison sociale": "ACME",
      "N° TVA": "NIF: B-1234567-4",
      SIRET: "",
      "Code postal": "28014",
      Ville: "Madrid",
      Pays: "Espagne",
    });
    expect(result.problems).toEqual([]);
    expect(result.ok && result.payload.vat_number).toBe("ESB12345674");
  });

  it("a number from a country we have no rule for is sent as written, with a warning naming the column", () => {
    const result = row({ "Raison sociale": "ACME", "N° TVA": "US 12-3456789", SIRET: "", Pays: "USA" });
    expect(result.ok && result.payload.vat_number).toBe("US123456789");
    expect(result.problems).toEqual([
      expect.objectContaining({ code: "vat_not_checked", severity: "warning", column: "N° TVA" }),
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
