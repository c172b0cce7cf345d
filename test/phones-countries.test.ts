import { describe, expect, it } from "vitest";
import { matchHeader } from "../src/map/header.js";
import { normalizeCountry } from "../src/validate/countries.js";
import { normalizeRow } from "../src/validate/normalize.js";

const { mapping } = matchHeader(["Raison sociale", "Téléphone", "Pays"]);
const run = (phone: string, country: string, orgCountry = "FR") =>
  normalizeRow(
    {
      file: "f.csv",
      recordNo: 1,
      line: 2,
      fields: { "Raison sociale": "ACME", Téléphone: phone, Pays: country },
      problems: [],
    },
    mapping,
    { orgCountry, currency: "EUR" },
  );

describe("phones, read with the client's country as the default region", () => {
  it.each([
    ["01 42 68 53 00", "FR", "+33", "142685300"],
    ["06 12 34 56 78", "France", "+33", "612345678"],
    ["+33 6 12 34 56 78", "", "+33", "612345678"],
    ["0033 1 42 68 53 00", "FR", "+33", "142685300"],
    ["(+33) 1.42.68.53.00", "FR", "+33", "142685300"],
    ["02 7200 1234", "Italia", "+39", "0272001234"],
    ["333 123 4567", "IT", "+39", "3331234567"],
    ["+39 06 4881 2345", "", "+39", "0648812345"],
    ["030 1234567", "Deutschland", "+49", "301234567"],
    ["+49 (0)30 1234567", "", "+49", "301234567"],
    ["912 345 678", "España", "+34", "912345678"],
    ["+34 612 34 56 78", "", "+34", "612345678"],
    ["02 555 12 12", "Belgique", "+32", "25551212"],
    ["044 668 18 00", "Suisse", "+41", "446681800"],
    ["020 7946 0958", "United Kingdom", "+44", "2079460958"],
    ["(212) 555-0123", "USA", "+1", "2125550123"],
    ["020 123 4567", "Nederland", "+31", "201234567"],
    ["27 12 34 56", "Luxembourg", "+352", "27123456"],
    ["+377 93 15 20 00", "", "+377", "93152000"],
    ["01 42 68 53 00 ", "", "+33", "142685300"], // no country: the organization's (FR)
  ])("%j in %j → %s %s", (phone, country, countryCode, number) => {
    const result = run(phone, country);
    expect(result.ok && result.payload.phone).toEqual({ country_code: countryCode, number });
  });

  it.each([
    ["12", "FR"],
    ["hello", "FR"],
    ["+33 1 2", ""],
    ["06 12 34", "FR"],
    ["123456789012345678", "IT"],
  ])("%j in %j is not a phone: a warning, and the phone is not sent", (phone, country) => {
    const result = run(phone, country);
    expect(result.ok).toBe(true);
    expect(result.ok && result.payload.phone).toBe(undefined);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ code: "phone_invalid", column: "Téléphone" }),
    );
  });
});

describe("countries, by alpha-3 code", () => {
  it.each([
    ["BEL", "BE"],
    ["che", "CH"],
    ["NLD", "NL"],
    ["POL", "PL"],
    ["GBR", "GB"],
    ["JPN", "JP"],
    ["BRA", "BR"],
    ["ZAF", "ZA"],
    ["GRC", "GR"],
    ["MCO", "MC"],
  ])("%s → %s", (value, expected) => {
    expect(normalizeCountry(value)).toBe(expected);
  });

  it.each(["XXX", "EUR", "ABC"])("%s is not a country", (value) => {
    expect(normalizeCountry(value)).toBeUndefined();
  });
});
