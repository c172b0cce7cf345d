import { describe, expect, it } from "vitest";
import { matchHeader, mappingGaps } from "../src/map/header.js";
import type { SourceRow } from "../src/parse/source-row.js";
import { PROBLEMS, problem, type ProblemCode } from "../src/problems.js";
import { normalizeCountry } from "../src/validate/countries.js";
import { splitFullName } from "../src/validate/names.js";
import { normalizeRow, type NormalizeDefaults, type NormalizedRow } from "../src/validate/normalize.js";
import type { ClientCreatePayload } from "../src/validate/schema.js";

type Fields = Record<string, string>;

const FR_ORG: NormalizeDefaults = { orgCountry: "FR", currency: "EUR" };
const IT_ORG: NormalizeDefaults = { orgCountry: "IT", currency: "EUR" };

// Root-level address fields the contract deprecates in favour of billing_address.
const ROOT_ADDRESS_FIELDS = ["address", "city", "zip_code", "province_code", "country_code"];

/** Normalizes one row the way the pipeline does: header names → matchHeader → normalizeRow. */
function normalize(
  fields: Record<string, string>,
  defaults: NormalizeDefaults = FR_ORG,
  rowProblems: SourceRow["problems"] = [],
): NormalizedRow {
  const { mapping } = matchHeader(Object.keys(fields));
  const row: SourceRow = { file: "clients.csv", recordNo: 1, line: 2, fields, problems: rowProblems };
  return normalizeRow(row, mapping, defaults);
}

/** The payload of an accepted row; fails the test (showing the problems) when the row was refused. */
function payloadOf(result: NormalizedRow): ClientCreatePayload {
  if (!result.ok) expect.fail(`row refused: ${JSON.stringify(result.problems)}`);
  for (const field of ROOT_ADDRESS_FIELDS) expect(result.payload).not.toHaveProperty(field);
  return result.payload;
}

/** Asserts the row carries a problem with this code, on this source column, with the code's severity. */
function expectProblem(result: NormalizedRow, expected: { code: ProblemCode; column: string | undefined }) {
  const found = result.problems.filter((p) => p.code === expected.code);
  expect(
    found,
    `expected a ${expected.code} problem, got ${JSON.stringify(result.problems)}`,
  ).not.toHaveLength(0);
  expect(found.map((p) => p.column)).toContain(expected.column);
  for (const p of found) {
    expect(p.severity).toBe(PROBLEMS[expected.code].severity);
    expect(p.message).not.toBe("");
  }
}

describe("splitFullName", () => {
  it.each([
    { full: "Jean Dupont", first: "Jean", last: "Dupont" },
    { full: "  Jean   Dupont ", first: "Jean", last: "Dupont" },
    { full: "DUPONT Jean", first: "Jean", last: "DUPONT" },
    { full: "DE LA FONTAINE Jean", first: "Jean", last: "DE LA FONTAINE" },
    { full: "DUPONT Jean-Pierre", first: "Jean-Pierre", last: "DUPONT" },
    { full: "Dupont, Jean", first: "Jean", last: "Dupont" },
    { full: "Van Gogh, Vincent", first: "Vincent", last: "Van Gogh" },
    { full: "Dupont, M. Jean", first: "Jean", last: "Dupont" },
    { full: "M. Jean-Pierre de La Fontaine", first: "Jean-Pierre", last: "de La Fontaine" },
    { full: "Mme Marie Curie", first: "Marie", last: "Curie" },
    { full: "Dr. Jean Dupont", first: "Jean", last: "Dupont" },
    { full: "Sig.ra Maria Rossi", first: "Maria", last: "Rossi" },
    { full: "Dott.ssa Anna Bianchi", first: "Anna", last: "Bianchi" },
    { full: "Mario De Rossi", first: "Mario", last: "De Rossi" },
    { full: "Herr Hans von Braun", first: "Hans", last: "von Braun" },
    { full: "Frau Anna von der Leyen", first: "Anna", last: "von der Leyen" },
    { full: "Jean-Pierre DUPONT", first: "Jean-Pierre", last: "DUPONT" },
    { full: "JEAN DUPONT", first: "JEAN", last: "DUPONT" },
    { full: "J. Dupont", first: "J.", last: "Dupont" },
    { full: "DUPONT J.", first: "J.", last: "DUPONT" },
    { full: "Madonna", first: "", last: "Madonna" },
    { full: "M. DUPONT", first: "", last: "DUPONT" },
  ])("$full → first $first, last $last", ({ full, first, last }) => {
    expect(splitFullName(full)).toEqual({ first_name: first, last_name: last });
  });

  it.each(["", "   "])("%j → undefined", (full) => {
    expect(splitFullName(full)).toBeUndefined();
  });
});

describe("normalizeCountry", () => {
  it.each([
    ["FR", "FR"],
    ["fr", "FR"],
    [" it ", "IT"],
    ["France", "FR"],
    ["france", "FR"],
    ["Italia", "IT"],
    ["Italie", "IT"],
    ["Allemagne", "DE"],
    ["Deutschland", "DE"],
    ["Germany", "DE"],
    ["Germania", "DE"],
    ["España", "ES"],
    ["Espana", "ES"],
    ["Espagne", "ES"],
    ["ITA", "IT"],
    ["DEU", "DE"],
    ["fra", "FR"],
    ["Royaume-Uni", "GB"],
    ["United Kingdom", "GB"],
    ["UK", "GB"],
    ["uk", "GB"],
    ["EL", "GR"],
    ["Grèce", "GR"],
    ["Pays-Bas", "NL"],
    ["Suisse", "CH"],
    ["USA", "US"],
    ["États-Unis", "US"],
    ["Stati Uniti", "US"],
    ["Belgique", "BE"],
    ["Serbia", "RS"],
    ["Vietnam", "VN"],
    ["Yemen", "YE"],
    ["Turkey", "TR"],
    ["Hong Kong", "HK"],
  ])("%j → %s", (value, expected) => {
    expect(normalizeCountry(value)).toBe(expected);
  });

  it.each(["", "   ", "Narnia", "XX", "ZZ", "EU", "DD", "YU", "Frankreichh", "F"])(
    "%j → undefined",
    (value) => {
      expect(normalizeCountry(value)).toBeUndefined();
    },
  );
});

describe("matchHeader on realistic headers", () => {
  it.each([
    {
      lang: "FR",
      columns: ["Raison sociale", "Prénom", "Nom", "E-mail", "Téléphone", "N° TVA", "SIRET", "Adresse"],
      expected: {
        name: "Raison sociale",
        first_name: "Prénom",
        last_name: "Nom",
        email: "E-mail",
        phone: "Téléphone",
        vat_number: "N° TVA",
        tax_identification_number: "SIRET",
        address: "Adresse",
      },
    },
    {
      lang: "IT",
      columns: [
        "Ragione sociale",
        "Partita IVA",
        "CAP",
        "Città",
        "Provincia",
        "Paese",
        "Codice destinatario",
      ],
      expected: {
        name: "Ragione sociale",
        vat_number: "Partita IVA",
        zip_code: "CAP",
        city: "Città",
        province_code: "Provincia",
        country: "Paese",
        recipient_code: "Codice destinatario",
      },
    },
    {
      lang: "EN",
      columns: [
        "Company name",
        "Email address",
        "Address line 1",
        "Address line 2",
        "Postcode",
        "Delivery city",
      ],
      expected: {
        name: "Company name",
        email: "Email address",
        address: "Address line 1",
        address2: "Address line 2",
        zip_code: "Postcode",
        delivery_city: "Delivery city",
      },
    },
  ])("$lang header", ({ columns, expected }) => {
    const { mapping, unmapped } = matchHeader(columns);
    expect(mapping).toEqual(expected);
    expect(unmapped).toEqual([]);
    expect(mappingGaps(mapping)).toEqual([]);
  });

  it("the first column claiming a field keeps it; a later one is reported as feeding the same field", () => {
    const { mapping, unmapped, shadowed } = matchHeader(["Company name", "Notes", "Société"]);
    expect(mapping.name).toBe("Company name");
    expect(unmapped).toEqual(["Notes"]);
    expect(shadowed).toEqual([{ column: "Société", field: "name", by: "Company name" }]);
  });

  it.each([
    { columns: ["Email", "Ville"], gap: true },
    { columns: ["Prénom", "Email"], gap: true },
    { columns: ["Prénom", "Nom"], gap: false },
    { columns: ["Nom complet"], gap: false },
  ])("mappingGaps for $columns → gap: $gap", ({ columns, gap }) => {
    expect(mappingGaps(matchHeader(columns).mapping).length > 0).toBe(gap);
  });
});

describe("normalizeRow: a full row per language", () => {
  it("FR company row", () => {
    const payload = payloadOf(
      normalize({
        "Raison sociale": "Acme SAS",
        Adresse: "1 rue de la Paix",
        "Complément d'adresse": "Bât. B",
        "Code postal": "7500",
        Ville: "Paris",
        Pays: "France",
        "E-mail": "Contact@ACME.fr",
        Téléphone: "01 42 68 53 00",
        "N° TVA": "FR 75 512 345 679",
        SIRET: "512 345 679 00017",
      }),
    );
    expect(payload).toEqual({
      kind: "company",
      name: "Acme SAS",
      email: "contact@acme.fr",
      phone: { country_code: "+33", number: "142685300" },
      vat_number: "FR75512345679",
      tax_identification_number: "51234567900017",
      currency: "EUR",
      locale: "fr",
      billing_address: {
        street_address: "1 rue de la Paix, Bât. B",
        city: "Paris",
        zip_code: "07500",
        country_code: "FR",
      },
    });
  });

  it("IT company row", () => {
    const payload = payloadOf(
      normalize(
        {
          "Ragione sociale": "Rossi Srl",
          "Partita IVA": "IT 12345670157",
          Indirizzo: "Via Roma 1",
          CAP: "186",
          Città: "Roma",
          Provincia: "rm",
          Paese: "Italia",
          "Codice destinatario": "abc1234",
          Telefono: "06 1234 5678",
        },
        IT_ORG,
      ),
    );
    expect(payload).toEqual({
      kind: "company",
      name: "Rossi Srl",
      phone: { country_code: "+39", number: "0612345678" },
      vat_number: "IT12345670157",
      recipient_code: "ABC1234",
      currency: "EUR",
      locale: "it",
      billing_address: {
        street_address: "Via Roma 1",
        city: "Roma",
        zip_code: "00186",
        province_code: "RM",
        country_code: "IT",
      },
    });
  });

  it("EN individual row with billing and delivery addresses", () => {
    const payload = payloadOf(
      normalize({
        "First name": "Jane",
        "Last name": "Doe",
        Email: "jane@example.com",
        "Address line 1": "221B Baker Street",
        "Address line 2": "Flat 2",
        Postcode: "NW1  6XE",
        City: "London",
        Country: "United Kingdom",
        "Delivery address": "Via Roma 1",
        "Delivery zip code": "186",
        "Delivery city": "Roma",
        "Delivery province": "rm",
        "Delivery country": "Italie",
      }),
    );
    expect(payload).toEqual({
      kind: "individual",
      first_name: "Jane",
      last_name: "Doe",
      email: "jane@example.com",
      currency: "EUR",
      locale: "en",
      billing_address: {
        street_address: "221B Baker Street, Flat 2",
        city: "London",
        zip_code: "NW1 6XE",
        country_code: "GB",
      },
      delivery_address: {
        street_address: "Via Roma 1",
        city: "Roma",
        zip_code: "00186",
        province_code: "RM",
        country_code: "IT",
      },
    });
  });
});

describe("normalizeRow: client kind", () => {
  const person = { Prénom: "Jean", Nom: "Dupont", "Raison sociale": "Acme SAS" };
  it.each([
    { word: "Particulier", kind: "individual" },
    { word: "Personne physique", kind: "individual" },
    { word: "Société", kind: "company" },
    { word: "Entreprise", kind: "company" },
    { word: "Personne morale", kind: "company" },
    { word: "Privato", kind: "individual" },
    { word: "Persona fisica", kind: "individual" },
    { word: "Azienda", kind: "company" },
    { word: "Privatkunde", kind: "individual" },
    { word: "Unternehmen", kind: "company" },
    { word: "Particular", kind: "individual" },
    { word: "EMPRESA", kind: "company" },
    { word: "individual", kind: "individual" },
    { word: "B2B", kind: "company" },
  ])("explicit word $word → $kind", ({ word, kind }) => {
    const payload = payloadOf(normalize({ Type: word, ...person }));
    expect(payload.kind).toBe(kind);
    if (kind === "company") expect(payload).toMatchObject({ name: "Acme SAS" });
    else expect(payload).toMatchObject({ first_name: "Jean", last_name: "Dupont" });
  });

  it.each([
    { column: "Tipo", word: "Libero professionista" },
    { column: "Kundentyp", word: "Freiberufler" },
    { column: "Tipo de cliente", word: "Autónomo" },
    { column: "Type", word: "freelance" },
  ])("freelancer ($word) is refused for a French organization, on column $column", ({ column, word }) => {
    const fields = { [column]: word, Nome: "Mario", Cognome: "Rossi" };
    const result = normalize(fields, FR_ORG);
    expect(result.ok).toBe(false);
    expectProblem(result, { code: "kind_freelancer_not_allowed", column });
    const accepted = payloadOf(normalize(fields, IT_ORG));
    expect(accepted).toMatchObject({ kind: "freelancer", first_name: "Mario", last_name: "Rossi" });
  });

  it("an unknown kind word → kind_invalid on the kind column, and nothing else", () => {
    const result = normalize({ "Type de client": "Alien", Name: "Jean Dupont", Email: "jean@example.com" });
    expect(result.ok).toBe(false);
    expectProblem(result, { code: "kind_invalid", column: "Type de client" });
    // not_invoiceable is about the missing address, not the kind.
    expect(result.problems.map((p) => p.code).filter((c) => c !== "not_invoiceable")).toEqual([
      "kind_invalid",
    ]);
  });

  it.each<{ name: string; fields: Fields; expected: Record<string, string> }>([
    {
      name: "company name only",
      fields: { "Raison sociale": "Acme SAS", Ville: "Paris" },
      expected: { kind: "company", name: "Acme SAS" },
    },
    {
      name: "company name with a contact person",
      fields: { "Company name": "Acme Ltd", "First name": "Jane", "Last name": "Doe" },
      expected: { kind: "company", name: "Acme Ltd", first_name: "Jane", last_name: "Doe" },
    },
    {
      name: "first and last name",
      fields: { Prénom: "Jean", Nom: "Dupont", Ville: "Paris" },
      expected: { kind: "individual", first_name: "Jean", last_name: "Dupont" },
    },
    {
      name: "full name only",
      fields: { "Nome completo": "Sig.ra Maria Rossi" },
      expected: { kind: "individual", first_name: "Maria", last_name: "Rossi" },
    },
    {
      name: "a person with a VAT number and no company name",
      fields: { Prénom: "Jean", Nom: "Dupont", "N° TVA": "FR75512345679" },
      expected: { kind: "individual", first_name: "Jean", last_name: "Dupont", vat_number: "FR75512345679" },
    },
  ])("without a kind column: $name", ({ fields, expected }) => {
    const payload = payloadOf(normalize(fields));
    expect(payload).toMatchObject(expected);
    // A company carries a contact person's names only when the row has them.
    if (expected.kind !== "company") expect(payload).not.toHaveProperty("name");
    else if (!("first_name" in expected)) expect(payload).not.toHaveProperty("first_name");
  });

  it("a VAT number and no name at all makes a company, which then lacks its name", () => {
    const result = normalize({ "Company name": "", "VAT number": "FR75512345679", Email: "a@acme.fr" });
    expect(result.ok).toBe(false);
    expectProblem(result, { code: "name_missing", column: "Company name" });
    expect(result.problems.find((p) => p.code === "name_missing")?.message).toMatch(/company name/);
  });

  it("a person row whose name sits in the company-name column is split", () => {
    const payload = payloadOf(normalize({ Type: "Particulier", "Raison sociale": "DUPONT Jean" }));
    expect(payload).toMatchObject({ kind: "individual", first_name: "Jean", last_name: "DUPONT" });
  });
});

describe("normalizeRow: zip codes, provinces, regions", () => {
  it.each([
    { country: "France", zip: "7500", expected: "07500" },
    { country: "FR", zip: "75 001", expected: "75001" },
    { country: "Italia", zip: "186", expected: "00186" },
    { country: "IT", zip: "1234", expected: "01234" },
    { country: "Deutschland", zip: "1067", expected: "01067" },
    { country: "Belgique", zip: "1000", expected: "1000" },
    { country: "USA", zip: "2134", expected: "02134" },
    { country: "Nederland", zip: "1012ab", expected: "1012 AB" },
  ])("$country zip $zip → $expected", ({ country, zip, expected }) => {
    const payload = payloadOf(normalize({ Company: "Acme", Zip: zip, Country: country }));
    expect(payload.billing_address?.zip_code).toBe(expected);
  });

  it.each([
    { country: "Suisse", zip: "800" },
    { country: "FR", zip: "75" },
    { country: "FR", zip: "123" },
    { country: "Nederland", zip: "1012" },
  ])(
    "$country zip $zip does not have the country's format → zip_invalid on the zip column",
    ({ country, zip }) => {
      const result = normalize({ Company: "Acme", Zip: zip, Country: country });
      expect(result.ok).toBe(false);
      expectProblem(result, { code: "zip_invalid", column: "Zip" });
    },
  );

  it("no country and no default country: the zip is left as written", () => {
    const payload = payloadOf(normalize({ Company: "Acme", Zip: "7500" }));
    expect(payload.billing_address).toEqual({ zip_code: "7500" });
  });

  it("the default country fills a row without a country, and its zip rule applies", () => {
    const payload = payloadOf(
      normalize({ Company: "Acme", Zip: "7500" }, { ...FR_ORG, defaultCountry: "FR" }),
    );
    expect(payload.billing_address).toEqual({ zip_code: "07500", country_code: "FR" });
    expect(payload.locale).toBe("fr");
  });

  it.each([
    { zip: "12", name: "too short to pad" },
    { zip: "1234567", name: "too long" },
  ])("Italian zip $zip ($name) → zip_invalid on the zip column", ({ zip }) => {
    const result = normalize({ "Ragione sociale": "Rossi Srl", CAP: zip, Paese: "IT" }, IT_ORG);
    expect(result.ok).toBe(false);
    expectProblem(result, { code: "zip_invalid", column: "CAP" });
  });

  it("a zip longer than 20 characters → zip_invalid on the zip column", () => {
    const result = normalize({ Company: "Acme", Zip: "1".repeat(21), Country: "US" });
    expect(result.ok).toBe(false);
    expectProblem(result, { code: "zip_invalid", column: "Zip" });
  });

  it.each([
    { province: "mi", expected: "MI" },
    { province: " Rm ", expected: "RM" },
    { province: "TO", expected: "TO" },
  ])("Italian province $province → $expected", ({ province, expected }) => {
    const payload = payloadOf(
      normalize(
        { "Ragione sociale": "Rossi Srl", CAP: "20100", Provincia: province, Paese: "Italia" },
        IT_ORG,
      ),
    );
    expect(payload.billing_address?.province_code).toBe(expected);
  });

  it.each(["XX", "Paris", "M"])(
    "unknown Italian province %j → province_invalid naming the Province column",
    (p) => {
      const result = normalize({ Company: "Acme", Province: p, Country: "IT" }, IT_ORG);
      expect(result.ok).toBe(false);
      expectProblem(result, { code: "province_invalid", column: "Province" });
    },
  );

  it("an invalid delivery province names the delivery province column", () => {
    const result = normalize({
      Company: "Acme",
      Country: "IT",
      "Delivery address": "Via Roma 1",
      "Delivery province": "zz",
    });
    expectProblem(result, { code: "province_invalid", column: "Delivery province" });
  });

  it.each([
    { country: "France", region: "Île-de-France" },
    { country: "Deutschland", region: "Bayern" },
    { country: "España", region: "Cataluña" },
  ])("non-Italian region text is dropped ($region)", ({ country, region }) => {
    const payload = payloadOf(normalize({ Company: "Acme", City: "X", Region: region, Country: country }));
    expect(payload.billing_address).not.toHaveProperty("province_code");
    expect(payload.billing_address?.city).toBe("X");
  });
});

describe("normalizeRow: e-mail, phone, VAT", () => {
  it.each([
    { email: "Contact@ACME.fr", expected: "contact@acme.fr" },
    { email: "  jean.dupont@exemple.fr ", expected: "jean.dupont@exemple.fr" },
    { email: "mailto:Jean@Example.COM", expected: "jean@example.com" },
  ])("e-mail $email → $expected", ({ email, expected }) => {
    expect(payloadOf(normalize({ Company: "Acme", "Adresse e-mail": email })).email).toBe(expected);
  });

  it.each(["not-an-email", "jean@", "a@b.fr; c@", "jean dupont@example.com"])(
    "e-mail %j → email_invalid on the e-mail column",
    (email) => {
      const result = normalize({ Company: "Acme", Courriel: email });
      expect(result.ok).toBe(false);
      expectProblem(result, { code: "email_invalid", column: "Courriel" });
    },
  );

  it.each([
    { phone: "01 42 68 53 00", country: "France", defaults: FR_ORG },
    { phone: "+33 1 42 68 53 00", country: "", defaults: FR_ORG },
    { phone: "0142685300", country: "", defaults: FR_ORG },
    { phone: "+33 (0)1 42-68-53-00", country: "Italia", defaults: IT_ORG },
    { phone: "0033 1 42 68 53 00", country: "FR", defaults: FR_ORG },
  ])("phone $phone (country $country) → +33 142685300", ({ phone, country, defaults }) => {
    const payload = payloadOf(normalize({ Company: "Acme", Téléphone: phone, Pays: country }, defaults));
    expect(payload.phone).toEqual({ country_code: "+33", number: "142685300" });
  });

  it("an Italian number is read with the row's country", () => {
    const payload = payloadOf(normalize({ Company: "Acme", Telefono: "333 123 4567", Paese: "IT" }));
    expect(payload.phone).toEqual({ country_code: "+39", number: "3331234567" });
  });

  it.each(["12", "hello", "+33 1 2"])("invalid phone %j → phone_invalid warning, row still ok", (phone) => {
    const result = normalize({ Company: "Acme", "Phone number": phone, Country: "FR" });
    expect(result.ok).toBe(true);
    expectProblem(result, { code: "phone_invalid", column: "Phone number" });
    expect(result.problems.filter((p) => p.code !== "not_invoiceable")).toHaveLength(1);
    expect(payloadOf(result)).not.toHaveProperty("phone");
  });

  it.each([
    { vat: "FR 75 512 345 679", expected: "FR75512345679" },
    { vat: "fr75512345679", expected: "FR75512345679" },
    { vat: "IT-123.456.701/57", expected: "IT12345670157" },
    { vat: "DE 136 695 976", expected: "DE136695976" },
  ])("VAT $vat → $expected", ({ vat, expected }) => {
    expect(payloadOf(normalize({ Company: "Acme", "Numéro de TVA": vat })).vat_number).toBe(expected);
  });

  it.each(["12345", "FR", "F1 234", "FR 75 512 345 679 000 000 000", "FR75512345679!"])(
    "bad VAT %j → vat_invalid on the VAT column",
    (vat) => {
      const result = normalize({ "Ragione sociale": "Rossi Srl", "Partita IVA": vat });
      expect(result.ok).toBe(false);
      expectProblem(result, { code: "vat_invalid", column: "Partita IVA" });
    },
  );
});

describe("normalizeRow: names", () => {
  it.each<{ name: string; fields: Fields; column: string }>([
    {
      name: "company name of 251 characters",
      fields: { "Raison sociale": "A".repeat(251) },
      column: "Raison sociale",
    },
    {
      name: "first name of 61 characters",
      fields: { Prénom: "J".repeat(61), Nom: "Dupont" },
      column: "Prénom",
    },
    {
      name: "last name of 61 characters",
      fields: { Nome: "Mario", Cognome: "R".repeat(61) },
      column: "Cognome",
    },
    {
      name: "last name from a full name, 61 characters",
      fields: { "Full name": `Jean ${"d".repeat(61)}` },
      column: "Full name",
    },
  ])("$name → name_too_long naming the column", ({ fields, column }) => {
    const result = normalize(fields);
    expect(result.ok).toBe(false);
    expectProblem(result, { code: "name_too_long", column });
  });

  it.each<{ name: string; fields: Fields }>([
    { name: "company name of 250 characters", fields: { "Raison sociale": "A".repeat(250) } },
    { name: "first name of 60 characters", fields: { Prénom: "J".repeat(60), Nom: "Dupont" } },
  ])("$name is accepted", ({ fields }) => {
    expect(normalize(fields).ok).toBe(true);
  });

  it.each<{ name: string; fields: Fields; columns: string[] }>([
    { name: "no last name", fields: { Prénom: "Jean", Nom: "" }, columns: ["Nom"] },
    { name: "no first name", fields: { Prénom: "", Nom: "Dupont" }, columns: ["Prénom"] },
    { name: "blank first and last name", fields: { Prénom: " ", Nom: "" }, columns: ["Prénom", "Nom"] },
    { name: "single-word full name", fields: { "Nom complet": "Madonna" }, columns: ["Nom complet"] },
    { name: "empty full name", fields: { "Full name": "", Email: "a@b.fr" }, columns: ["Full name"] },
    {
      name: "company kind without a company name",
      fields: { Type: "Société", "Raison sociale": "", Prénom: "Jean", Nom: "Dupont" },
      columns: ["Raison sociale"],
    },
  ])("$name → name_missing naming $columns", ({ fields, columns }) => {
    const result = normalize(fields);
    expect(result.ok).toBe(false);
    for (const column of columns) expectProblem(result, { code: "name_missing", column });
  });
});

describe("normalizeRow: country and locale", () => {
  it.each([
    { column: "Pays", value: "Narnia" },
    { column: "Country", value: "XX" },
    { column: "Delivery country", value: "Atlantis" },
  ])("unknown country $value → country_unknown on $column", ({ column, value }) => {
    const result = normalize({ Company: "Acme", "Delivery city": "Lyon", [column]: value });
    expect(result.ok).toBe(false);
    expectProblem(result, { code: "country_unknown", column });
  });

  it.each([
    { country: "IT", locale: "it" },
    { country: "Italia", locale: "it" },
    { country: "FR", locale: "fr" },
    { country: "Belgique", locale: "fr" },
    { country: "Deutschland", locale: "de" },
    { country: "Österreich", locale: "de" },
    { country: "España", locale: "es" },
    { country: "US", locale: "en" },
    { country: "United Kingdom", locale: "en" },
    { country: "", locale: "en" },
  ])("country $country → locale $locale", ({ country, locale }) => {
    expect(payloadOf(normalize({ Company: "Acme", Country: country })).locale).toBe(locale);
  });

  it.each([
    { column: "Language", value: "English", country: "IT", locale: "en" },
    { column: "Langue", value: "Italien", country: "FR", locale: "it" },
    { column: "Lingua", value: "tedesco", country: "IT", locale: "de" },
    { column: "Idioma", value: "es", country: "FR", locale: "es" },
    { column: "Sprache", value: "Français", country: "DE", locale: "fr" },
    { column: "Locale", value: "fr-FR", country: "IT", locale: "fr" },
    { column: "Locale", value: "FR", country: "DE", locale: "fr" },
    { column: "Lingua", value: "Italiano", country: "FR", locale: "it" },
    { column: "Langue", value: "de_DE", country: "FR", locale: "de" },
  ])("explicit $column $value overrides the country's locale", ({ column, value, country, locale }) => {
    expect(payloadOf(normalize({ Company: "Acme", Country: country, [column]: value })).locale).toBe(locale);
  });

  it("an unknown language → locale_invalid on the language column", () => {
    const result = normalize({ Company: "Acme", Lingua: "klingon" });
    expect(result.ok).toBe(false);
    expectProblem(result, { code: "locale_invalid", column: "Lingua" });
  });

  it("currency defaults to the organization's and is upper-cased when given", () => {
    expect(payloadOf(normalize({ Company: "Acme" }, { ...FR_ORG, currency: "EUR" })).currency).toBe("EUR");
    expect(payloadOf(normalize({ Company: "Acme", Devise: "usd" })).currency).toBe("USD");
    const result = normalize({ Company: "Acme", Devise: "dollars" });
    expectProblem(result, { code: "currency_invalid", column: "Devise" });
  });
});

describe("normalizeRow: addresses", () => {
  it("joins address lines and collapses whitespace into billing_address.street_address", () => {
    const payload = payloadOf(
      normalize({
        Company: "Acme",
        Address: "  1   rue\nde la Paix ",
        "Address line 2": "Bât. B",
        City: "Paris",
      }),
    );
    expect(payload.billing_address).toEqual({ street_address: "1 rue de la Paix, Bât. B", city: "Paris" });
  });

  it("an empty second address line adds no separator", () => {
    const payload = payloadOf(normalize({ Company: "Acme", Indirizzo: "Via Roma 1", "Indirizzo 2": "" }));
    expect(payload.billing_address?.street_address).toBe("Via Roma 1");
  });

  it("delivery columns fill delivery_address, taking the billing country when they have none", () => {
    const payload = payloadOf(
      normalize({
        Company: "Acme",
        Adresse: "1 rue de la Paix",
        "Code postal": "75002",
        Ville: "Paris",
        Pays: "FR",
        "Adresse de livraison": "5 quai Perrache",
        "Code postal de livraison": "69002",
        "Ville de livraison": "Lyon",
      }),
    );
    expect(payload.billing_address).toEqual({
      street_address: "1 rue de la Paix",
      zip_code: "75002",
      city: "Paris",
      country_code: "FR",
    });
    expect(payload.delivery_address).toEqual({
      street_address: "5 quai Perrache",
      zip_code: "69002",
      city: "Lyon",
      country_code: "FR",
    });
  });

  it("a delivery country of its own, named in another language", () => {
    const payload = payloadOf(
      normalize({
        Company: "Acme",
        Country: "FR",
        "Delivery city": "Berlin",
        "Delivery country": "Allemagne",
      }),
    );
    expect(payload.billing_address).toEqual({ country_code: "FR" });
    expect(payload.delivery_address).toEqual({ city: "Berlin", country_code: "DE" });
  });

  it("no address columns → no address objects", () => {
    const payload = payloadOf(normalize({ Company: "Acme", Email: "a@acme.fr" }));
    expect(payload).not.toHaveProperty("billing_address");
    expect(payload).not.toHaveProperty("delivery_address");
  });

  it("a delivery country alone does not create a delivery address", () => {
    const payload = payloadOf(normalize({ Company: "Acme", "Delivery country": "IT" }));
    expect(payload).not.toHaveProperty("delivery_address");
  });

  it("the payload never carries root-level address fields, whatever the columns", () => {
    const payload = payloadOf(
      normalize(
        {
          "Ragione sociale": "Rossi Srl",
          Indirizzo: "Via Roma 1",
          CAP: "00186",
          Città: "Roma",
          Provincia: "RM",
          Paese: "IT",
          "Indirizzo di consegna": "Via Po 2",
          "CAP di consegna": "10123",
          "Città di consegna": "Torino",
          "Provincia di consegna": "TO",
        },
        IT_ORG,
      ),
    );
    expect(Object.keys(payload).sort()).toEqual(
      ["kind", "name", "currency", "locale", "billing_address", "delivery_address"].sort(),
    );
    expect(payload.delivery_address).toEqual({
      street_address: "Via Po 2",
      zip_code: "10123",
      city: "Torino",
      province_code: "TO",
      country_code: "IT",
    });
  });
});

describe("normalizeRow: problems from reading the row", () => {
  it("a row-level error from the CSV reader refuses an otherwise valid row", () => {
    const readProblem = problem("row_too_many_fields", "record 1 (line 2) has 4 fields, the header has 3");
    const result = normalize({ Company: "Acme", City: "Paris" }, FR_ORG, [readProblem]);
    expect(result.ok).toBe(false);
    expect(result.problems.filter((p) => p.code !== "not_invoiceable")).toEqual([readProblem]);
  });

  it("several problems on one row are all reported, each on its column", () => {
    const result = normalize({
      "Raison sociale": "Acme",
      "E-mail": "nope",
      "N° TVA": "123",
      Pays: "Narnia",
      Téléphone: "12",
    });
    expect(result.ok).toBe(false);
    expectProblem(result, { code: "email_invalid", column: "E-mail" });
    expectProblem(result, { code: "vat_invalid", column: "N° TVA" });
    expectProblem(result, { code: "country_unknown", column: "Pays" });
    expectProblem(result, { code: "phone_invalid", column: "Téléphone" });
  });
});

describe("fields the contract limits to some countries", () => {
  it.each<{ name: string; fields: Fields; defaults: NormalizeDefaults; column: string; absent: string }>([
    {
      name: "a recipient code for a French client",
      fields: { "Raison sociale": "Dupont SA", Pays: "France", "Codice destinatario": "ABC1234" },
      defaults: IT_ORG,
      column: "Codice destinatario",
      absent: "recipient_code",
    },
    {
      name: "a recipient code for a client without a country",
      fields: { "Raison sociale": "Dupont SA", "Codice destinatario": "ABC1234" },
      defaults: IT_ORG,
      column: "Codice destinatario",
      absent: "recipient_code",
    },
    {
      name: "an e-invoicing address for an Italian organization",
      fields: {
        "Raison sociale": "Dupont SA",
        Pays: "France",
        "Adresse de facturation électronique": "123456782",
      },
      defaults: IT_ORG,
      column: "Adresse de facturation électronique",
      absent: "e_invoicing_address",
    },
  ])("$name is not sent, with a field_not_sent warning", ({ fields, defaults, column, absent }) => {
    const result = normalize(fields, defaults);
    expect(matchHeader(Object.keys(fields)).unmapped).toEqual([]);
    expect(payloadOf(result)).not.toHaveProperty(absent);
    expectProblem(result, { code: "field_not_sent", column });
  });

  it.each<[Fields, string]>([
    [{ "Ragione sociale": "Rossi Srl", Paese: "Italia", "Codice destinatario": "ABC1234" }, "recipient_code"],
    [
      { "Raison sociale": "Dupont SA", Pays: "France", "Adresse de facturation électronique": "123456782" },
      "e_invoicing_address",
    ],
  ])("is sent where it applies: %j", (fields, field) => {
    const defaults = field === "recipient_code" ? IT_ORG : FR_ORG;
    expect(payloadOf(normalize(fields, defaults))).toHaveProperty(field);
  });
});
