import { describe, expect, it } from "vitest";
import { matchHeader } from "../src/map/header.js";
import { normalizeRow } from "../src/validate/normalize.js";

const columns = [
  "Raison sociale",
  "Adresse",
  "Code postal",
  "Ville",
  "Province",
  "Pays",
  "Adresse de facturation electronique",
  "Codice destinatario",
];
const { mapping } = matchHeader(columns);
const base = {
  "Raison sociale": "ACME",
  Adresse: "1 rue de la Paix",
  "Code postal": "75002",
  Ville: "Paris",
  Province: "",
  Pays: "FR",
  "Adresse de facturation electronique": "",
  "Codice destinatario": "",
};
const run = (fields: Partial<typeof base>, orgCountry = "FR") =>
  normalizeRow(
    { file: "f.csv", recordNo: 1, line: 2, fields: { ...base, ...fields }, problems: [] },
    mapping,
    {
      orgCountry,
      currency: "EUR",
    },
  );

describe("addresses in a row", () => {
  it.each([
    ["Milano", "MI"],
    ["Reggio Emilia", "RE"],
    ["roma", "RM"],
    ["to", "TO"],
  ])("an Italian province %j is sent as %s", (province, code) => {
    const result = run(
      { Adresse: "Via Roma 1", "Code postal": "20121", Ville: "Milano", Province: province, Pays: "Italia" },
      "IT",
    );
    expect(result.ok && result.payload.billing_address?.province_code).toBe(code);
  });

  it("a region outside Italy is not sent, and the report says so", () => {
    const result = run({ Province: "Île-de-France" });
    expect(result.ok && result.payload.billing_address?.province_code).toBe(undefined);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ code: "province_not_sent", severity: "warning", column: "Province" }),
    );
  });

  it("a two-letter region code outside Italy is not sent either: Qonto's codes are Italian provinces", () => {
    const result = run({ Province: "ny", Pays: "US", "Code postal": "10001", Ville: "New York" });
    expect(result.ok && result.payload.billing_address?.province_code).toBe(undefined);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ code: "province_not_sent", column: "Province" }),
    );
  });
});

describe("address lines", () => {
  it("lines 1, 2 and 3 are joined into billing_address.street_address; no root-level field is sent", () => {
    const { mapping: lines } = matchHeader([
      "Company",
      "Address line 1",
      "Address line 2",
      "Address line 3",
      "Zip",
      "City",
      "Country",
    ]);
    const result = normalizeRow(
      {
        file: "f.csv",
        recordNo: 1,
        line: 2,
        fields: {
          Company: "ACME",
          "Address line 1": "12 rue des Lilas",
          "Address line 2": "Bât. B",
          "Address line 3": "Lieu-dit Les Prés",
          Zip: "75011",
          City: "Paris",
          Country: "FR",
        },
        problems: [],
      },
      lines,
      { orgCountry: "FR", currency: "EUR" },
    );
    expect(result.ok && result.payload.billing_address).toEqual({
      street_address: "12 rue des Lilas, Bât. B, Lieu-dit Les Prés",
      city: "Paris",
      zip_code: "75011",
      country_code: "FR",
    });
    expect(result.ok && Object.keys(result.payload)).not.toContain("address");
    expect(result.ok && Object.keys(result.payload)).not.toContain("zip_code");
  });
});

describe("e-invoicing address and recipient code", () => {
  it.each([
    ["402032452", "402032452"],
    ["402 032 452_40203245200011", "402032452_40203245200011"],
  ])("e-invoicing address %j → %s", (cell, value) => {
    const result = run({ "Adresse de facturation electronique": cell });
    expect(result.ok && result.payload.e_invoicing_address).toBe(value);
  });

  it("a malformed e-invoicing address refuses the row, naming the column", () => {
    const result = run({ "Adresse de facturation electronique": "402032453" });
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        code: "einvoicing_address_invalid",
        column: "Adresse de facturation electronique",
      }),
    );
  });

  it.each([
    ["abc1234", "ABC1234", true],
    ["UFABCD", "UFABCD", true],
    ["ABC12", undefined, false],
  ])("recipient code %j → %s", (cell, value, ok) => {
    // Recipient codes are for Italian clients only.
    const result = run({
      "Codice destinatario": cell,
      Adresse: "Via Roma 1",
      "Code postal": "00186",
      Ville: "Roma",
      Province: "RM",
      Pays: "IT",
    });
    expect(result.ok).toBe(ok);
    if (ok) expect(result.ok && result.payload.recipient_code).toBe(value);
    else
      expect(result.problems).toContainEqual(
        expect.objectContaining({ code: "recipient_code_invalid", column: "Codice destinatario" }),
      );
  });
});

describe("values with no place in the payload are reported, not lost", () => {
  const { mapping: m } = matchHeader([
    "Raison sociale",
    "Prénom",
    "Nom",
    "Type",
    "Pays de livraison",
    "Adresse",
    "Code postal",
    "Ville",
    "Pays",
  ]);
  const row = (fields: Record<string, string>) =>
    normalizeRow(
      {
        file: "f.csv",
        recordNo: 1,
        line: 2,
        fields: {
          Adresse: "1 rue de la Paix",
          "Code postal": "75002",
          Ville: "Paris",
          Pays: "FR",
          ...fields,
        },
        problems: [],
      },
      m,
      { orgCountry: "FR", currency: "EUR" },
    );

  it("a company row keeps its contact person's names", () => {
    const result = row({ "Raison sociale": "ACME", Prénom: "Élodie", Nom: "Martin", Type: "Société" });
    expect(result.ok && result.payload).toMatchObject({
      kind: "company",
      name: "ACME",
      first_name: "Élodie",
      last_name: "Martin",
    });
  });

  it("a person row with a company name says the company name is not sent", () => {
    const result = row({ "Raison sociale": "ACME", Prénom: "Élodie", Nom: "Martin", Type: "Particulier" });
    expect(result.ok && result.payload).toMatchObject({
      kind: "individual",
      first_name: "Élodie",
      last_name: "Martin",
    });
    expect(result.problems).toContainEqual(
      expect.objectContaining({ code: "field_not_sent", column: "Raison sociale" }),
    );
  });

  it("a delivery country without a delivery address says it is not sent", () => {
    const result = row({ "Raison sociale": "ACME", "Pays de livraison": "Italie" });
    expect(result.ok && result.payload.delivery_address).toBe(undefined);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ code: "field_not_sent", column: "Pays de livraison" }),
    );
  });
});
