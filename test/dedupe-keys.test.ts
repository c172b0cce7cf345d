import { describe, expect, it } from "vitest";
import { CompactKeyIndex } from "../src/dedupe/compact-index.js";
import { indexClients, KeyIndex } from "../src/dedupe/index.js";
import { clientKeys, MATCH_KEYS, type MatchKey } from "../src/dedupe/keys.js";
import { evidenceOf } from "../src/dedupe/match.js";
import {
  createPlanner,
  keyLabel,
  type FieldChange,
  type OnMatch,
  type PlannerOptions,
} from "../src/dedupe/plan.js";
import type { SourceRow } from "../src/parse/source-row.js";
import { problem, type Problem } from "../src/problems.js";
import type { QontoClient } from "../src/upload/client.js";
import type { NormalizedRow } from "../src/validate/normalize.js";
import type { ClientCreatePayload } from "../src/validate/schema.js";

const row = (recordNo: number): SourceRow => ({
  file: "x.csv",
  recordNo,
  line: recordNo + 1,
  fields: {},
  problems: [],
});
const ok = (payload: ClientCreatePayload, problems: Problem[] = []): NormalizedRow => ({
  ok: true,
  payload,
  problems,
});
type Company = Extract<ClientCreatePayload, { kind: "company" }>;
const company = (fields: Partial<Company>): Company => ({
  kind: "company",
  name: "Row Co",
  ...fields,
});

// Two clients that share no key; each key's fields, as a row writes them and as Qonto returns them.
const ALPHA = {
  name: "Alpha SAS",
  vat_number: "FR47402032452",
  tax_identification_number: "402032452",
  e_invoicing_address: "402032452_ABC12",
  email: "compta@alpha.fr",
  billing_address: { zip_code: "75011" },
} as const;
const BETA = {
  name: "Beta SARL",
  vat_number: "FR12345678901",
  tax_identification_number: "345678901",
  e_invoicing_address: "345678901_00002",
  email: "compta@beta.fr",
  billing_address: { zip_code: "69001" },
} as const;
const KEY_FIELDS: Record<MatchKey, (keyof typeof ALPHA)[]> = {
  vat_number: ["vat_number"],
  tax_identification_number: ["tax_identification_number"],
  e_invoicing_address: ["e_invoicing_address"],
  email: ["email"],
  name_zip: ["name", "billing_address"],
};
/** ALPHA's fields for the given keys only. */
const alphaFor = (...keys: MatchKey[]): Partial<Company> =>
  Object.fromEntries(keys.flatMap((k) => KEY_FIELDS[k].map((f) => [f, ALPHA[f]])));

describe("match keys", () => {
  it("are tried in this order", () => {
    expect(MATCH_KEYS).toEqual([
      "vat_number",
      "tax_identification_number",
      "e_invoicing_address",
      "email",
      "name_zip",
    ]);
    expect(MATCH_KEYS.map(keyLabel)).toEqual([
      "vat number",
      "tax id",
      "e-invoicing address",
      "email",
      "name and zip code",
    ]);
  });

  it.each([
    ["402032452_ABC12", "402032452_ABC12"],
    [" 402032452_abc12 ", "402032452_ABC12"],
    ["402032452 _ 00001", "402032452_00001"],
    ["402032452", "402032452"],
  ])("e-invoicing address %j → %s (spaces and case ignored)", (value, key) => {
    expect(clientKeys({ e_invoicing_address: value }).e_invoicing_address).toBe(key);
  });

  it('an e-invoicing address keeps its "_": SIREN_suffix is not the same as the digits run together', () => {
    expect(clientKeys({ e_invoicing_address: "402032452_00001" }).e_invoicing_address).not.toBe(
      clientKeys({ e_invoicing_address: "40203245200001" }).e_invoicing_address,
    );
    expect(clientKeys({ e_invoicing_address: "  " }).e_invoicing_address).toBeUndefined();
  });
});

describe("an existing client matched by each key alone", () => {
  // The existing client as Qonto returns it (other spellings), and the row carrying that one key.
  const cases: [MatchKey, Partial<QontoClient>, Partial<Company>][] = [
    ["vat_number", { vat_number: "fr 47 402 032 452" }, { vat_number: "FR47402032452" }],
    [
      "tax_identification_number",
      { tax_identification_number: "402 032 452" },
      { tax_identification_number: "402032452" },
    ],
    [
      "e_invoicing_address",
      { e_invoicing_address: "402032452_abc 12" },
      { e_invoicing_address: "402032452_ABC12" },
    ],
    ["email", { email: "Compta@Alpha.FR" }, { email: "compta@alpha.fr" }],
    [
      "name_zip",
      { name: "ALPHA  Sas.", billing_address: { zip_code: "75 011" } },
      { name: "Alpha SAS", billing_address: { zip_code: "75011" } },
    ],
  ];
  const decoy: QontoClient = { id: "decoy", kind: "company", ...BETA };

  it.each(cases)("by %s", (key, client, fields) => {
    const target: QontoClient = { id: "target", kind: "company", name: "Existing Co", ...client };
    const p = createPlanner(indexClients([decoy, target]), "skip").plan(row(1), ok(company(fields)));
    expect(p.plan).toEqual({ action: "skipped_existing", clientId: "target", matchedKey: key });
    expect(Object.keys(clientKeys(company(fields)))).toEqual([key]);
  });
});

describe("match order when several keys point at the same client", () => {
  const client: QontoClient = { id: "alpha", kind: "company", ...ALPHA };
  // The row keeps the keys from the i-th on: the first of them names the match.
  it.each(MATCH_KEYS.map((key, i) => [key, MATCH_KEYS.slice(i)] as const))(
    "matched by %s when the row has %j",
    (expected, keys) => {
      const fields = alphaFor(...keys);
      const payload = company({ name: "Unrelated name", ...fields });
      const p = createPlanner(indexClients([client]), "skip").plan(row(1), ok(payload));
      expect(p.plan).toMatchObject({ action: "skipped_existing", clientId: "alpha", matchedKey: expected });
    },
  );
});

describe("a row matching two different clients by different keys", () => {
  const pairs: [MatchKey, MatchKey][] = [
    ["vat_number", "e_invoicing_address"],
    ["tax_identification_number", "e_invoicing_address"],
    ["e_invoicing_address", "email"],
    ["e_invoicing_address", "name_zip"],
    ["vat_number", "email"],
  ];
  it.each(pairs)("by %s and by %s needs review, and nothing is changed", (first, second) => {
    const one: QontoClient = { id: "one", kind: "company", name: "One", ...alphaFor(first) };
    const two: QontoClient = { id: "two", kind: "company", name: "Two", ...alphaFor(second) };
    // The row would change both clients if it were matched (a new city).
    const payload = company({
      ...alphaFor(first, second),
      billing_address: { ...ALPHA.billing_address, city: "Lyon" },
    });
    const p = createPlanner(indexClients([two, one]), "update").plan(row(1), ok(payload));
    expect(p.plan).toEqual({ action: "needs_review", candidateIds: ["one", "two"] });
    const review = p.problems.find((x) => x.code === "matches_several_clients");
    expect(review?.message).toContain(`[one] by ${keyLabel(first)}`);
    expect(review?.message).toContain(`[two] by ${keyLabel(second)}`);
  });
});

describe("in-file duplicates by each key", () => {
  it.each(MATCH_KEYS)("a later row sharing its %s, and nothing that differs, is a duplicate", (key) => {
    const pl = createPlanner(new KeyIndex<QontoClient>(), "skip");
    const first = pl.plan(row(1), ok(company({ ...ALPHA })));
    // Only this key, under another name (but for name_zip); the e-invoicing address written in another case.
    const shared = alphaFor(key);
    if (key === "e_invoicing_address") shared.e_invoicing_address = ALPHA.e_invoicing_address.toLowerCase();
    const second = pl.plan(row(2), ok(company({ name: "Other name", ...shared })));
    const third = pl.plan(row(3), ok(company({ ...BETA })));
    expect(first.plan.action).toBe("create");
    expect(second.plan).toEqual({ action: "duplicate_in_file", duplicateOf: 1, matchedKey: key });
    expect(second.problems.map((x) => x.message)).toEqual([
      `same client as record 1 (same ${keyLabel(key)}); only record 1 is imported`,
    ]);
    expect(third.plan.action).toBe("create");
  });

  it.each(MATCH_KEYS.filter((k) => k !== "vat_number"))(
    "a later row sharing its %s but with another VAT number is another client, with a warning",
    (key) => {
      const pl = createPlanner(new KeyIndex<QontoClient>(), "skip");
      pl.plan(row(1), ok(company({ ...ALPHA })));
      const second = pl.plan(row(2), ok(company({ ...alphaFor(key), vat_number: BETA.vat_number })));
      expect(second.plan.action).toBe("create");
      expect(second.problems.map((x) => [x.code, x.severity])).toEqual([["possible_duplicate", "warning"]]);
      expect(second.problems[0]?.message).toContain(
        `record 1 (same ${keyLabel(key)}, but their VAT numbers differ)`,
      );
    },
  );

  it("the compact index keeps every row under a shared value, and a value under one key never matches another key", () => {
    const index = new CompactKeyIndex(2);
    const e = evidenceOf({});
    index.add({ e_invoicing_address: "402032452", email: "a@x.fr" }, 1, e);
    index.add({ tax_identification_number: "402032452", email: "a@x.fr" }, 2, e);
    expect(
      index.find({ vat_number: "FR1", e_invoicing_address: "402032452" }).map((c) => [c.item, c.key]),
    ).toEqual([[1, "e_invoicing_address"]]);
    expect(
      index.find({ tax_identification_number: "402032452", email: "a@x.fr" }).map((c) => [c.item, c.key]),
    ).toEqual([
      [2, "tax_identification_number"],
      [1, "email"],
    ]);
  });
});

describe("--on-match update, create and skip", () => {
  const existing: QontoClient = {
    id: "c",
    kind: "company",
    name: "ACME SAS",
    first_name: "Marie",
    vat_number: "FR47402032452",
    email: "old@acme.fr",
    extra_emails: ["boss@acme.fr"],
    phone: { country_code: "+33", number: "123456789" },
    e_invoicing_address: "402032452",
    billing_address: { street_address: "1 rue A", city: "Paris", zip_code: "75011", country_code: "FR" },
  };
  // Matched by VAT number; every other field the row leaves empty.
  const bare = company({ name: "ACME SAS", first_name: "Marie", vat_number: "FR47402032452" });
  const ALL_FIELDS = new Set([
    "first_name",
    "email",
    "extra_emails",
    "phone",
    "e_invoicing_address",
    "billing_address",
  ]);
  const address = { street_address: "1 rue A", city: "Paris", zip_code: "75011", country_code: "FR" };

  type Case = {
    title: string;
    payload: Company;
    options?: PlannerOptions;
    problems?: Problem[];
    patch?: Record<string, unknown>;
    changes?: FieldChange[];
  };
  const cases: Case[] = [
    {
      title: "a changed field is sent, alone",
      payload: { ...bare, email: "new@acme.fr" },
      patch: { email: "new@acme.fr" },
      changes: [{ field: "email", from: "old@acme.fr", to: "new@acme.fr" }],
    },
    {
      title: "an unchanged field (other case, e-invoicing address with a space) is not a change",
      payload: {
        ...bare,
        email: "OLD@acme.fr",
        e_invoicing_address: "402 032 452",
        billing_address: { city: "PARIS" },
      },
    },
    {
      title: "an empty cell never blanks a value without clearEmpty, even for mapped fields",
      payload: bare,
      options: { mappedFields: ALL_FIELDS },
    },
    {
      title: "clearEmpty without mappedFields clears nothing",
      payload: bare,
      options: { clearEmpty: true },
    },
    {
      title: "clearEmpty clears the mapped fields the row leaves empty, and only those",
      payload: bare,
      options: {
        clearEmpty: true,
        mappedFields: new Set(["email", "billing_address.city", "recipient_code"]),
      },
      patch: { email: null, billing_address: { ...address, city: null } },
      changes: [
        { field: "email", from: "old@acme.fr", to: null },
        { field: "billing_address.city", from: "Paris", to: null },
      ],
    },
    {
      title:
        "clearEmpty clears phone, extra e-mails, e-invoicing address, a company's contact name and a whole address",
      payload: { ...bare, first_name: undefined, email: "old@acme.fr", billing_address: { city: "Paris" } },
      options: { clearEmpty: true, mappedFields: ALL_FIELDS },
      patch: {
        first_name: null,
        e_invoicing_address: null,
        extra_emails: null,
        phone: null,
        billing_address: { street_address: null, city: "Paris", zip_code: null, country_code: null },
      },
      changes: [
        { field: "first_name", from: "Marie", to: null },
        { field: "e_invoicing_address", from: "402032452", to: null },
        { field: "extra_emails", from: "boss@acme.fr", to: null },
        { field: "phone", from: "+33 123456789", to: null },
        { field: "billing_address.street_address", from: "1 rue A", to: null },
        { field: "billing_address.zip_code", from: "75011", to: null },
        { field: "billing_address.country_code", from: "FR", to: null },
      ],
    },
    {
      title: "clearEmpty leaves a value the row had but that was not sent (a phone that does not parse)",
      payload: { ...bare, email: "old@acme.fr" },
      options: { clearEmpty: true, mappedFields: new Set(["phone", "email"]) },
      problems: [problem("phone_invalid", '"12" is not a valid phone number; it is not sent', "Phone")],
    },
    {
      title: "a nested billing address change sends the whole address, other parts kept",
      payload: { ...bare, email: "old@acme.fr", billing_address: { city: "Lyon", zip_code: "69001" } },
      patch: { billing_address: { ...address, city: "Lyon", zip_code: "69001" } },
      changes: [
        { field: "billing_address.city", from: "Paris", to: "Lyon" },
        { field: "billing_address.zip_code", from: "75011", to: "69001" },
      ],
    },
  ];

  it.each(cases)("$title", ({ payload, options, problems, patch, changes }) => {
    const p = createPlanner(indexClients([existing]), "update", options).plan(row(1), ok(payload, problems));
    if (patch === undefined) {
      expect(p.plan).toEqual({ action: "unchanged", clientId: "c", matchedKey: "vat_number" });
      return;
    }
    expect(p.plan).toMatchObject({ action: "update", clientId: "c", matchedKey: "vat_number" });
    if (p.plan.action !== "update") throw new Error("expected an update");
    expect(p.plan.patch).toEqual(patch);
    expect(p.plan.changes).toEqual(changes);
  });

  it("a person's names are never cleared", () => {
    const person: QontoClient = {
      id: "p",
      kind: "individual",
      first_name: "Jean",
      last_name: "Dupont",
      email: "jean@dupont.fr",
    };
    const pl = createPlanner(indexClients([person]), "update", {
      clearEmpty: true,
      mappedFields: new Set(["first_name", "last_name", "name", "kind"]),
    });
    // A company row on a person: its name is sent as before, the person's names stay.
    const p = pl.plan(row(1), ok({ kind: "company", name: "Dupont Conseil", email: "jean@dupont.fr" }));
    if (p.plan.action !== "update") throw new Error("expected an update");
    expect(p.plan.patch).toEqual({ name: "Dupont Conseil" });
  });

  it.each<[OnMatch, unknown]>([
    ["create", { action: "create", matchedKey: "vat_number", keys: clientKeys(bare), payload: bare }],
    ["skip", { action: "skipped_existing", clientId: "c", matchedKey: "vat_number" }],
  ])("--on-match %s ignores clearEmpty", (onMatch, expected) => {
    const pl = createPlanner(indexClients([existing]), onMatch, {
      clearEmpty: true,
      mappedFields: ALL_FIELDS,
    });
    expect(pl.plan(row(1), ok(bare)).plan).toEqual(expected);
  });
});
