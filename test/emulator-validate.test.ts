import { describe, expect, it } from "vitest";
import type { ClientDraft } from "../src/emulator/types.js";
import { COUNTRY_CODES, CURRENCY_CODES, ITALIAN_PROVINCE_CODES } from "../src/emulator/client-codes.js";
import {
  validateCreatePayload,
  validateUpdatePayload,
  type ValidationOptions,
  type ValidationResult,
} from "../src/emulator/validate.js";

// The emulator's payload rules, called directly: one row per rule, checking code and pointer.
// Contract: /work/shared/qonto-api/create-client.openapi.md and update-client.txt.

type Body = Record<string, unknown>;
interface Expected {
  pointer: string;
  code: string;
}

const FR: ValidationOptions = { orgCountry: "FR" };
const IT: ValidationOptions = { orgCountry: "IT" };
const company = { kind: "company", name: "Acme" };
const person = { kind: "individual", first_name: "Jean", last_name: "Dupont" };
const itAddress = {
  street_address: "Via Roma 1",
  city: "Milano",
  zip_code: "20100",
  province_code: "MI",
  country_code: "IT",
};

function errorsOf(result: ValidationResult): Expected[] {
  return result.ok ? [] : result.errors.map(({ pointer, code }) => ({ pointer, code }));
}

function draftOf(result: ValidationResult): ClientDraft {
  if (!result.ok) throw new Error(`expected a valid payload: ${JSON.stringify(result.errors)}`);
  return result.draft;
}

function create(body: Body, options: ValidationOptions = FR): ValidationResult {
  return validateCreatePayload(body, options);
}

// Each row: label, body, expected errors (all of them, in the order reported), organization.
type InvalidRow = [string, Body, Expected[], ValidationOptions?];
type ValidRow = [string, Body, ValidationOptions?];

function expectErrors([_label, body, expected, options]: InvalidRow): void {
  expect(errorsOf(create(body, options))).toEqual(expected);
}

function expectValid([_label, body, options]: ValidRow): void {
  expect(errorsOf(create(body, options))).toEqual([]);
}

// Domain labels have at most 63 characters: 4 × 60 + 3 dots + ".fr" = 246.
const LONG_DOMAIN = `${Array.from({ length: 4 }, () => "b".repeat(60)).join(".")}.fr`;
const EMAIL_250 = `aaa@${LONG_DOMAIN}`;
const EMAIL_251 = `aaaa@${LONG_DOMAIN}`;

const err = (pointer: string, code: string): Expected[] => [{ pointer, code }];

describe("create: kind and the deprecated type", () => {
  it.each<InvalidRow>([
    ["missing kind", { name: "Acme" }, err("/kind", "missing_key")],
    ["blank kind", { kind: " ", name: "Acme" }, err("/kind", "missing_key")],
    ["null kind and no type", { kind: null, name: "Acme" }, err("/kind", "missing_key")],
    ["unknown kind", { kind: "person", name: "Acme" }, err("/kind", "invalid_value")],
    ["kind in upper case", { kind: "COMPANY", name: "Acme" }, err("/kind", "invalid_value")],
    ["kind as a number", { kind: 1, name: "Acme" }, err("/kind", "invalid_type")],
    ["unknown type", { type: "person", name: "Acme" }, err("/type", "invalid_value")],
    [
      "unknown kind wins over a good type",
      { kind: "x", type: "company", name: "A" },
      err("/kind", "invalid_value"),
    ],
    ["freelancer in a French organization", { ...person, kind: "freelancer" }, err("/kind", "invalid_value")],
    [
      "freelancer as type in a French organization",
      { type: "freelancer", first_name: "A", last_name: "B" },
      err("/type", "invalid_value"),
    ],
    [
      "freelancer in a German organization",
      { ...person, kind: "freelancer" },
      err("/kind", "invalid_value"),
      { orgCountry: "DE" },
    ],
  ])("refuses %s", (...row) => expectErrors(row));

  it.each<ValidRow>([
    ["company", company],
    ["individual", person],
    ["the deprecated type alone", { type: "company", name: "Acme" }],
    ["freelancer in an Italian organization", { ...person, kind: "freelancer" }, IT],
    [
      "freelancer with a lower-case organization country",
      { ...person, kind: "freelancer" },
      { orgCountry: "it" },
    ],
  ])("accepts %s", (...row) => expectValid(row));

  it("uses kind over type when both are sent", () => {
    expect(draftOf(create({ ...person, type: "company" })).kind).toBe("individual");
  });
});

describe("create: names, required per kind, and their maximum lengths", () => {
  it.each<InvalidRow>([
    ["company without name", { kind: "company" }, err("/name", "missing_key")],
    ["company with a blank name", { kind: "company", name: "  " }, err("/name", "missing_key")],
    ["company with a null name", { kind: "company", name: null }, err("/name", "missing_key")],
    [
      "individual without first and last name",
      { kind: "individual", name: "Jean Dupont" },
      [
        { pointer: "/first_name", code: "missing_key" },
        { pointer: "/last_name", code: "missing_key" },
      ],
    ],
    [
      "individual without first_name",
      { ...person, first_name: undefined },
      err("/first_name", "missing_key"),
    ],
    ["individual with a blank last_name", { ...person, last_name: "" }, err("/last_name", "missing_key")],
    [
      "freelancer without last_name",
      { kind: "freelancer", first_name: "Mario" },
      err("/last_name", "missing_key"),
      IT,
    ],
    ["name of 251 characters", { kind: "company", name: "n".repeat(251) }, err("/name", "too_long")],
    [
      "first_name of 61 characters",
      { ...person, first_name: "f".repeat(61) },
      err("/first_name", "too_long"),
    ],
    ["last_name of 61 characters", { ...person, last_name: "l".repeat(61) }, err("/last_name", "too_long")],
    ["an unused name of 251 characters", { ...person, name: "n".repeat(251) }, err("/name", "too_long")],
    ["name as a number", { kind: "company", name: 42 }, err("/name", "invalid_type")],
    ["first_name as an object", { ...person, first_name: { a: 1 } }, err("/first_name", "invalid_type")],
  ])("refuses %s", (...row) => expectErrors(row));

  it.each<ValidRow>([
    ["a name of exactly 250 characters", { kind: "company", name: "n".repeat(250) }],
    ["names of exactly 60 characters", { ...person, first_name: "f".repeat(60), last_name: "l".repeat(60) }],
    ["250 characters counted as code points", { kind: "company", name: "é😀".repeat(125) }],
    ["a company with a contact person's names", { ...company, first_name: "Ana", last_name: "Lopez" }],
    ["an individual without a company name", person],
  ])("accepts %s", (...row) => expectValid(row));
});

describe("create: e-mail and extra_emails", () => {
  it.each<InvalidRow>([
    ["no @", { ...company, email: "not-an-email" }, err("/email", "invalid_format")],
    ["no dot in the domain", { ...company, email: "a@localhost" }, err("/email", "invalid_format")],
    ["two @", { ...company, email: "a@@b.fr" }, err("/email", "invalid_format")],
    ["consecutive dots", { ...company, email: "a..b@x.fr" }, err("/email", "invalid_format")],
    ["leading dot", { ...company, email: ".a@x.fr" }, err("/email", "invalid_format")],
    ["domain label starting with -", { ...company, email: "a@-x.fr" }, err("/email", "invalid_format")],
    ["one-letter top-level domain", { ...company, email: "a@x.f" }, err("/email", "invalid_format")],
    ["display name", { ...company, email: "Jean <jean@x.fr>" }, err("/email", "invalid_format")],
    ["surrounding space", { ...company, email: " jean@x.fr" }, err("/email", "invalid_format")],
    ["non-ASCII local part", { ...company, email: "jérôme@x.fr" }, err("/email", "invalid_format")],
    ["underscore in the domain", { ...company, email: "a@x_y.fr" }, err("/email", "invalid_format")],
    [
      "local part of 65 characters",
      { ...company, email: `${"a".repeat(65)}@x.fr` },
      err("/email", "invalid_format"),
    ],
    ["251 characters", { ...company, email: EMAIL_251 }, err("/email", "too_long")],
    ["a number", { ...company, email: 5 }, err("/email", "invalid_type")],
    [
      "101 extra e-mails",
      { ...company, extra_emails: Array.from({ length: 101 }, (_, i) => `a${i}@x.fr`) },
      err("/extra_emails", "too_long"),
    ],
    [
      "a bad extra e-mail",
      { ...company, extra_emails: ["ok@x.fr", "bad"] },
      err("/extra_emails/1", "invalid_format"),
    ],
    [
      "an extra e-mail of 251 characters",
      { ...company, extra_emails: [EMAIL_251] },
      err("/extra_emails/0", "too_long"),
    ],
    [
      "an extra e-mail as a number",
      { ...company, extra_emails: [1] },
      err("/extra_emails/0", "invalid_type"),
    ],
    [
      "extra_emails as a string",
      { ...company, extra_emails: "a@x.fr" },
      err("/extra_emails", "invalid_type"),
    ],
  ])("refuses %s", (...row) => expectErrors(row));

  it.each<ValidRow>([
    ["the contract's example", { ...company, email: "john.doe@qonto.eu" }],
    ["tags and subdomains", { ...company, email: "a+b_c@mail.example.co.uk" }],
    ["a punycode top-level domain", { ...company, email: "a@example.xn--p1ai" }],
    ["250 characters", { ...company, email: EMAIL_250 }],
    ["100 extra e-mails", { ...company, extra_emails: Array.from({ length: 100 }, (_, i) => `a${i}@x.fr`) }],
    ["extra_emails null", { ...company, extra_emails: null }],
    ["an empty email, stored as none", { ...company, email: "" }],
  ])("accepts %s", (...row) => expectValid(row));
});

describe("create: phone", () => {
  const phone = (p: unknown): Body => ({ ...company, phone: p });
  it.each<InvalidRow>([
    ["a string", phone("+33123456789"), err("/phone", "invalid_type")],
    ["no country code", phone({ number: "123456789" }), err("/phone/country_code", "missing_key")],
    ["no number", phone({ country_code: "+33" }), err("/phone/number", "missing_key")],
    [
      "a country code without +",
      phone({ country_code: "33", number: "1" }),
      err("/phone/country_code", "invalid_format"),
    ],
    [
      "a country code of 4 digits",
      phone({ country_code: "+1264", number: "1" }),
      err("/phone/country_code", "invalid_format"),
    ],
    [
      "a country code +0",
      phone({ country_code: "+0", number: "1" }),
      err("/phone/country_code", "invalid_format"),
    ],
    [
      "spaces in the number",
      phone({ country_code: "+33", number: "1 23 45" }),
      err("/phone/number", "invalid_format"),
    ],
    [
      "a + in the number",
      phone({ country_code: "+33", number: "+33123" }),
      err("/phone/number", "invalid_format"),
    ],
    [
      "16 digits in all",
      phone({ country_code: "+33", number: "1".repeat(14) }),
      err("/phone/number", "too_long"),
    ],
    [
      "a number as a JSON number",
      phone({ country_code: "+33", number: 123 }),
      err("/phone/number", "invalid_type"),
    ],
  ])("refuses %s", (...row) => expectErrors(row));

  it.each<ValidRow>([
    ["the contract's example", phone({ country_code: "+33", number: "123456789" })],
    ["15 digits in all", phone({ country_code: "+33", number: "1".repeat(13) })],
    ["a 3-digit calling code", phone({ country_code: "+355", number: "691234567" })],
    ["phone null", phone(null)],
  ])("accepts %s", (...row) => expectValid(row));
});

describe("create: currency and locale", () => {
  it.each<InvalidRow>([
    ["lower-case currency", { ...company, currency: "eur" }, err("/currency", "invalid_format")],
    ["4-letter currency", { ...company, currency: "EURO" }, err("/currency", "invalid_format")],
    ["currency with a space", { ...company, currency: "EUR " }, err("/currency", "invalid_format")],
    ["unknown currency", { ...company, currency: "ABC" }, err("/currency", "invalid_value")],
    ["withdrawn currency", { ...company, currency: "HRK" }, err("/currency", "invalid_value")],
    ["precious metal", { ...company, currency: "XAU" }, err("/currency", "invalid_value")],
    ["currency as a number", { ...company, currency: 978 }, err("/currency", "invalid_type")],
    ["unsupported language", { ...company, locale: "pt" }, err("/locale", "invalid_value")],
    ["unsupported language with a region", { ...company, locale: "pt-BR" }, err("/locale", "invalid_value")],
    ["a language name", { ...company, locale: "french" }, err("/locale", "invalid_format")],
    ["an underscore", { ...company, locale: "fr_FR" }, err("/locale", "invalid_format")],
    ["a 3-letter region", { ...company, locale: "fr-FRA" }, err("/locale", "invalid_format")],
    ["a surrounding space", { ...company, locale: " fr" }, err("/locale", "invalid_format")],
  ])("refuses %s", (...row) => expectErrors(row));

  it.each<[string, string, string]>(
    [
      ["fr", "fr"],
      ["EN", "en"],
      ["de-DE", "de"],
      ["IT-it", "it"],
      ["es-MX", "es"],
    ].map(([locale = "", stored = ""]) => [locale, locale, stored]),
  )("accepts locale %s, stored as its language", (_label, locale, stored) => {
    expect(draftOf(create({ ...company, locale })).locale).toBe(stored);
  });

  it.each(["EUR", "CHF", "GBP", "USD", "XOF", "XCG", "BGN"])("accepts currency %s", (currency) => {
    expect(draftOf(create({ ...company, currency })).currency).toBe(currency);
  });

  it("knows circulating currencies only", () => {
    expect(CURRENCY_CODES.size).toBe(156);
    for (const code of ["XDR", "XTS", "XXX", "CHE", "ANG", "ZWL"])
      expect(CURRENCY_CODES.has(code)).toBe(false);
  });
});

describe("create: VAT number, tax identification number", () => {
  it.each<InvalidRow>([
    [
      "vat_number of 21 characters",
      { ...company, vat_number: "DE" + "1".repeat(19) },
      err("/vat_number", "too_long"),
    ],
    [
      "French VAT one digit short",
      { ...company, vat_number: "FR1234567890" },
      err("/vat_number", "invalid_format"),
    ],
    [
      "French VAT in lower case",
      { ...company, vat_number: "fr12345678901" },
      err("/vat_number", "invalid_format"),
    ],
    [
      "French VAT with spaces",
      { ...company, vat_number: "FR12 345678901" },
      err("/vat_number", "invalid_format"),
    ],
    [
      "French VAT with a letter in the SIREN",
      { ...company, vat_number: "FR12A45678901" },
      err("/vat_number", "invalid_format"),
    ],
    ["vat_number as a number", { ...company, vat_number: 12345 }, err("/vat_number", "invalid_type")],
    [
      "tax_identification_number of 21 characters",
      { ...company, tax_identification_number: "1".repeat(21) },
      err("/tax_identification_number", "too_long"),
    ],
  ])("refuses %s", (...row) => expectErrors(row));

  it.each<ValidRow>([
    ["a French VAT with a numeric key", { ...company, vat_number: "FR12345678901" }],
    ["a French VAT with a letter key", { ...company, vat_number: "FRA1345678901" }],
    ["an Italian VAT", { ...company, vat_number: "IT01234560157" }],
    ["a 20-character VAT", { ...company, vat_number: "DE" + "1".repeat(18) }],
    ["a 20-character TIN", { ...company, tax_identification_number: "1".repeat(20) }],
    // The contract defers TIN formats to invoice creation.
    ["a TIN of no known format", { ...company, tax_identification_number: "ABC" }],
  ])("accepts %s", (...row) => expectValid(row));
});

describe("create: e-invoicing address and recipient code", () => {
  const einv = (value: string): Body => ({ ...company, e_invoicing_address: value });
  const rc = (value: string, extra: Body = { billing_address: itAddress }): Body => ({
    ...company,
    recipient_code: value,
    ...extra,
  });
  const P = "/e_invoicing_address";
  it.each<InvalidRow>([
    ["an 8-digit SIREN", einv("12345678"), err(P, "invalid_format")],
    [
      "a SIREN with a wrong check digit (the contract's example)",
      einv("987654321"),
      err(P, "invalid_format"),
    ],
    ["a bare SIRET", einv("12345678200002"), err(P, "invalid_format")],
    ["a SIRET with a wrong check digit", einv("123456782_12345678200011"), err(P, "invalid_format")],
    ["a SIRET of another SIREN", einv("123456782_73282932000074"), err(P, "invalid_format")],
    ["a routing code after a suffix", einv("123456782_00002_A1"), err(P, "invalid_format")],
    ["a trailing underscore", einv("123456782_"), err(P, "invalid_format")],
    ["a suffix with a hyphen", einv("123456782_ab-cd"), err(P, "invalid_format")],
    ["four parts", einv("123456782_12345678200002_A_B"), err(P, "invalid_format")],
    ["a valid address in an Italian organization", einv("123456782"), err(P, "invalid_value"), IT],
    ["a lower-case recipient code", rc("abc1234"), err("/recipient_code", "invalid_format")],
    ["a 4-character recipient code", rc("AB12"), err("/recipient_code", "invalid_format")],
    ["an 8-character recipient code", rc("ABC12345"), err("/recipient_code", "invalid_format")],
    [
      "a recipient code for a French client",
      rc("ABC1234", { billing_address: { country_code: "FR" } }),
      err("/recipient_code", "invalid_value"),
    ],
    [
      "a recipient code for a client without a country",
      rc("ABC1234", {}),
      err("/recipient_code", "invalid_value"),
    ],
    [
      "a recipient code with root-level IT overridden by billing_address FR",
      rc("ABC1234", { country_code: "IT", billing_address: { country_code: "FR" } }),
      err("/recipient_code", "invalid_value"),
    ],
    [
      "a recipient code with a bad billing country (one error only)",
      rc("ABC1234", { billing_address: { country_code: "XX" } }),
      err("/billing_address/country_code", "invalid_value"),
    ],
  ])("refuses %s", (...row) => expectErrors(row));

  it.each<ValidRow>([
    ["a SIREN", einv("123456782")],
    ["siren_siret", einv("123456782_12345678200002")],
    ["siren_siret_routingCode", einv("123456782_12345678200002_SERVICE01")],
    ["siren_suffix", einv("123456782_00002")],
    ["a La Poste SIRET (digit sum, not Luhn)", einv("356000000_35600000000001")],
    ["a 7-character recipient code for an Italian client", rc("ABC1234")],
    ["a 6-character recipient code (public body)", rc("UFY9MH")],
    ["recipient code 0000000 (PEC)", rc("0000000")],
    [
      "a recipient code with root-level Italian address",
      rc("ABC1234", { country_code: "it", zip_code: "00100" }),
    ],
  ])("accepts %s", (...row) => expectValid(row));
});

describe("create: address fields, in billing_address, delivery_address and at root level", () => {
  // Root-level fields are the deprecated ones; their street field is `address`.
  const places = [
    { label: "billing_address", prefix: "/billing_address", street: "street_address" },
    { label: "delivery_address", prefix: "/delivery_address", street: "street_address" },
    { label: "root level", prefix: "", street: "address" },
  ] as const;
  const withFields = (prefix: string, fields: Body): Body =>
    prefix === "" ? { ...company, ...fields } : { ...company, [prefix.slice(1)]: fields };

  const rules: [string, (street: string) => Body, string, string][] = [
    ["street of 251 characters", (s) => ({ [s]: "s".repeat(251) }), "STREET", "too_long"],
    ["city of 51 characters", () => ({ city: "c".repeat(51) }), "city", "too_long"],
    ["zip_code of 21 characters", () => ({ zip_code: "1".repeat(21) }), "zip_code", "too_long"],
    ["zip_code as a number", () => ({ zip_code: 75011 }), "zip_code", "invalid_type"],
    [
      "Italian zip of 4 digits",
      () => ({ country_code: "IT", zip_code: "2010" }),
      "zip_code",
      "invalid_format",
    ],
    [
      "Italian zip of 6 digits",
      () => ({ country_code: "IT", zip_code: "201000" }),
      "zip_code",
      "invalid_format",
    ],
    [
      "Italian zip with a letter",
      () => ({ country_code: "it", zip_code: "2O100" }),
      "zip_code",
      "invalid_format",
    ],
    [
      "Italian zip with a space",
      () => ({ country_code: "IT", zip_code: "20 100" }),
      "zip_code",
      "invalid_format",
    ],
    ["unknown province code", () => ({ province_code: "XX" }), "province_code", "invalid_value"],
    [
      "abolished province code (Carbonia-Iglesias)",
      () => ({ province_code: "CI" }),
      "province_code",
      "invalid_value",
    ],
    ["1-character province code", () => ({ province_code: "M" }), "province_code", "invalid_value"],
    ["3-character province code", () => ({ province_code: "MIL" }), "province_code", "too_long"],
    ["3-letter country code", () => ({ country_code: "FRA" }), "country_code", "too_long"],
    ["1-letter country code", () => ({ country_code: "F" }), "country_code", "invalid_format"],
    ["country code with a digit", () => ({ country_code: "F1" }), "country_code", "invalid_format"],
    ["unassigned country code", () => ({ country_code: "XX" }), "country_code", "invalid_value"],
    ["reserved country code UK", () => ({ country_code: "UK" }), "country_code", "invalid_value"],
  ];
  const invalid: InvalidRow[] = places.flatMap(({ label, prefix, street }) =>
    rules.map(([rule, fields, field, code]): InvalidRow => [
      `${label}: ${rule}`,
      withFields(prefix, fields(street)),
      err(`${prefix}/${field === "STREET" ? street : field}`, code),
    ]),
  );
  it.each<InvalidRow>(invalid)("refuses %s", (...row) => expectErrors(row));

  const valid: ValidRow[] = places.flatMap(({ label, prefix, street }): ValidRow[] => [
    [
      `${label}: an Italian address`,
      withFields(prefix, { ...itAddress, street_address: undefined, [street]: "Via Roma 1" }),
    ],
    [
      `${label}: maximum lengths`,
      withFields(prefix, { [street]: "s".repeat(250), city: "c".repeat(50), zip_code: "1".repeat(20) }),
    ],
    [`${label}: a 4-digit zip outside Italy`, withFields(prefix, { country_code: "BE", zip_code: "1000" })],
    [`${label}: a lower-case country code`, withFields(prefix, { country_code: "fr" })],
    [`${label}: Kosovo`, withFields(prefix, { country_code: "XK" })],
  ]);
  it.each<ValidRow>(valid)("accepts %s", (...row) => expectValid(row));

  it.each<InvalidRow>([
    [
      "billing_address as a string",
      { ...company, billing_address: "1 rue de Paris" },
      err("/billing_address", "invalid_type"),
    ],
    [
      "delivery_address as an array",
      { ...company, delivery_address: [] },
      err("/delivery_address", "invalid_type"),
    ],
  ])("refuses %s", (...row) => expectErrors(row));

  it.each([...ITALIAN_PROVINCE_CODES])("accepts province code %s", (province_code) => {
    expect(
      draftOf(create({ ...company, billing_address: { ...itAddress, province_code } })).billing_address
        ?.province_code,
    ).toBe(province_code);
  });

  it("knows the contract's 107 province codes and the 249 ISO 3166-1 countries plus XK", () => {
    expect(ITALIAN_PROVINCE_CODES.size).toBe(107);
    expect(COUNTRY_CODES.size).toBe(250);
  });

  it("stores province and country codes upper-case", () => {
    const draft = draftOf(
      create({ ...company, billing_address: { ...itAddress, province_code: "mi", country_code: "it" } }),
    );
    expect(draft.billing_address).toEqual({ ...itAddress });
  });
});

describe("create: billing_address over the deprecated root-level fields", () => {
  const root = { address: "9 old street", city: "Paris", zip_code: "75001", country_code: "FR" };

  it("uses billing_address alone when both are sent", () => {
    const draft = draftOf(
      create({
        ...company,
        ...root,
        billing_address: { street_address: "1 new street", country_code: "be" },
      }),
    );
    expect(draft.billing_address).toEqual({
      street_address: "1 new street",
      city: null,
      zip_code: null,
      province_code: null,
      country_code: "BE",
    });
  });

  it("fills billing_address from root-level fields sent alone", () => {
    const draft = draftOf(create({ ...company, ...root, province_code: "rm" }));
    expect(draft.billing_address).toEqual({
      street_address: "9 old street",
      city: "Paris",
      zip_code: "75001",
      province_code: "RM",
      country_code: "FR",
    });
  });

  it("fills billing_address from root-level fields when billing_address is null", () => {
    expect(draftOf(create({ ...company, ...root, billing_address: null })).billing_address?.city).toBe(
      "Paris",
    );
  });

  it.each<InvalidRow>([
    [
      "an ignored root-level field is still validated",
      { ...company, city: "c".repeat(51), billing_address: itAddress },
      err("/city", "too_long"),
    ],
    [
      "an ignored root-level Italian zip is still checked",
      { ...company, country_code: "IT", zip_code: "123", billing_address: itAddress },
      err("/zip_code", "invalid_format"),
    ],
  ])("%s", (...row) => expectErrors(row));
});

describe("create: errors", () => {
  it("reports every error at once, each with a pointer and a detail naming the field", () => {
    const result = create({
      kind: "company",
      email: "bad@",
      vat_number: "X".repeat(21),
      currency: "eur",
      phone: { country_code: "33" },
      billing_address: { country_code: "IT", zip_code: "123", province_code: "XX" },
    });
    expect(errorsOf(result)).toEqual([
      { pointer: "/email", code: "invalid_format" },
      { pointer: "/phone/number", code: "missing_key" },
      { pointer: "/phone/country_code", code: "invalid_format" },
      { pointer: "/currency", code: "invalid_format" },
      { pointer: "/vat_number", code: "too_long" },
      { pointer: "/billing_address/province_code", code: "invalid_value" },
      { pointer: "/name", code: "missing_key" },
      { pointer: "/billing_address/zip_code", code: "invalid_format" },
    ]);
    if (result.ok) throw new Error("unreachable");
    for (const error of result.errors) {
      expect(error.detail.startsWith(`${error.pointer.slice(1).replaceAll("/", ".")} `)).toBe(true);
    }
  });

  it("builds its long e-mails to the intended lengths", () => {
    expect([EMAIL_250.length, EMAIL_251.length]).toEqual([250, 251]);
  });

  it("ignores unknown keys, such as a seed's id and timestamps", () => {
    expectValid(["", { ...company, id: "seed-1", created_at: "2024-01-01T00:00:00Z", whatever: 1 }]);
  });

  it("stores blank optional strings as null", () => {
    expect(draftOf(create({ ...company, email: " ", vat_number: "" }))).toMatchObject({
      email: null,
      vat_number: null,
    });
  });
});

describe("update (PATCH): partial, merged result still valid", () => {
  const stored = (body: Body, options: ValidationOptions = FR): ClientDraft => draftOf(create(body, options));
  const frCompany = stored({
    ...company,
    email: "billing@acme.fr",
    currency: "EUR",
    billing_address: {
      street_address: "1 rue de la Paix",
      city: "Paris",
      zip_code: "75002",
      country_code: "FR",
    },
  });
  const beCompany = stored({
    ...company,
    billing_address: { city: "Bruxelles", zip_code: "1000", country_code: "BE" },
  });
  const itPerson = stored({ ...person, recipient_code: "ABC1234", billing_address: itAddress });
  const itFreelancer = stored({ ...person, kind: "freelancer", billing_address: itAddress }, IT);

  type UpdateRow = [string, ClientDraft, Body, Expected[], ValidationOptions?];
  it.each<UpdateRow>([
    ["another kind", frCompany, { kind: "individual" }, err("/kind", "immutable")],
    ["another kind as the deprecated type", frCompany, { type: "individual" }, err("/type", "immutable")],
    ["another kind for a freelancer", itFreelancer, { kind: "company" }, err("/kind", "immutable"), IT],
    ["an unknown kind", frCompany, { kind: "person" }, err("/kind", "invalid_value")],
    ["a null company name", frCompany, { name: null }, err("/name", "missing_key")],
    ["a blank company name", frCompany, { name: "" }, err("/name", "missing_key")],
    ["a blank last_name", itPerson, { last_name: " " }, err("/last_name", "missing_key")],
    ["a too-long name", frCompany, { name: "n".repeat(251) }, err("/name", "too_long")],
    ["a bad e-mail", frCompany, { email: "nope" }, err("/email", "invalid_format")],
    ["a bad currency", frCompany, { currency: "EURO" }, err("/currency", "invalid_format")],
    [
      "a TIN of 31 characters",
      frCompany,
      { tax_identification_number: "1".repeat(31) },
      err("/tax_identification_number", "too_long"),
    ],
    [
      "switching to Italy with a stored 4-digit zip",
      beCompany,
      { billing_address: { country_code: "IT" } },
      err("/billing_address/zip_code", "invalid_format"),
    ],
    [
      "switching to Italy at root level with a stored 4-digit zip",
      beCompany,
      { country_code: "IT" },
      err("/zip_code", "invalid_format"),
    ],
    [
      "an unknown province",
      frCompany,
      { billing_address: { province_code: "XX" } },
      err("/billing_address/province_code", "invalid_value"),
    ],
    [
      "a recipient code for a French client",
      frCompany,
      { recipient_code: "ABC1234" },
      err("/recipient_code", "invalid_value"),
    ],
    [
      "moving a client with a recipient code out of Italy",
      itPerson,
      { billing_address: { country_code: "FR", zip_code: "75002", province_code: null } },
      err("/recipient_code", "invalid_value"),
    ],
    [
      "clearing the billing address of a client with a recipient code",
      itPerson,
      { billing_address: null },
      err("/recipient_code", "invalid_value"),
    ],
    [
      "an e-invoicing address in an Italian organization",
      frCompany,
      { e_invoicing_address: "123456782" },
      err("/e_invoicing_address", "invalid_value"),
      IT,
    ],
  ])("refuses %s", (_label, current, body, expected, options) => {
    expect(errorsOf(validateUpdatePayload(body, current, options))).toEqual(expected);
  });

  type ValidUpdateRow = [string, ClientDraft, Body, Partial<ClientDraft>];
  it.each<ValidUpdateRow>([
    ["an empty body", frCompany, {}, frCompany],
    [
      "one field, keeping the others",
      frCompany,
      { email: "new@acme.fr" },
      { email: "new@acme.fr", currency: "EUR", name: "Acme" },
    ],
    ["the same kind", frCompany, { kind: "company", type: "company" }, { kind: "company" }],
    ["a contact person's name cleared on a company", frCompany, { first_name: null }, { first_name: null }],
    [
      "billing_address merged field by field",
      frCompany,
      { billing_address: { city: "Marseille", zip_code: "13001" } },
      {
        billing_address: {
          street_address: "1 rue de la Paix",
          city: "Marseille",
          zip_code: "13001",
          province_code: null,
          country_code: "FR",
        },
      },
    ],
    [
      "root-level fields merged into billing_address",
      frCompany,
      { zip_code: "75010" },
      {
        billing_address: {
          street_address: "1 rue de la Paix",
          city: "Paris",
          zip_code: "75010",
          province_code: null,
          country_code: "FR",
        },
      },
    ],
    ["billing_address cleared", frCompany, { billing_address: null }, { billing_address: null }],
    [
      "a TIN of 30 characters (the update page's limit)",
      frCompany,
      { tax_identification_number: "1".repeat(30) },
      { tax_identification_number: "1".repeat(30) },
    ],
    [
      "the recipient code removed, then the client moved out of Italy",
      itPerson,
      { recipient_code: null, billing_address: { country_code: "FR", province_code: null } },
      { recipient_code: null },
    ],
    [
      "an Italian client's recipient code changed",
      itPerson,
      { recipient_code: "XYZ9876" },
      { recipient_code: "XYZ9876" },
    ],
    [
      "an e-invoicing address in the default (French) organization",
      frCompany,
      { e_invoicing_address: "123456782" },
      { e_invoicing_address: "123456782" },
    ],
    [
      "a freelancer's name",
      itFreelancer,
      { first_name: "Mario" },
      { kind: "freelancer", first_name: "Mario" },
    ],
  ])("accepts %s", (_label, current, body, expected) => {
    expect(draftOf(validateUpdatePayload(body, current))).toMatchObject(expected);
  });
});
