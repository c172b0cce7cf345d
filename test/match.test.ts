import { describe, expect, it } from "vitest";
import { recheck } from "../src/clients/apply.js";
import type { PlanRow } from "../src/report/plan-file.js";
import { indexClients, KeyIndex } from "../src/dedupe/index.js";
import { clientKeys, companyNameKey, type KeySource } from "../src/dedupe/keys.js";
import { evidenceOf, formatMatchOn, judge, parseMatchOn, streetKey } from "../src/dedupe/match.js";
import { createPlanner } from "../src/dedupe/plan.js";
import type { SourceRow } from "../src/parse/source-row.js";
import type { QontoClient } from "../src/upload/client.js";
import type { ClientCreatePayload } from "../src/validate/schema.js";

const row = (recordNo: number): SourceRow => ({
  file: "x.csv",
  recordNo,
  line: recordNo + 1,
  fields: {},
  problems: [],
});

const celine = (fields: Partial<KeySource> & { street?: string }): ClientCreatePayload => {
  const { street, ...rest } = fields;
  return {
    kind: "individual",
    first_name: "Céline",
    last_name: "Benoît",
    ...rest,
    billing_address: { zip_code: "13001", ...(street === undefined ? {} : { street_address: street }) },
  } as ClientCreatePayload;
};
const acme = (fields: Partial<KeySource>): ClientCreatePayload =>
  ({
    kind: "company",
    name: "ACME SAS",
    billing_address: { zip_code: "75011" },
    ...fields,
  }) as ClientCreatePayload;
const phone = (number: string) => ({ country_code: "+33", number });

// [case, a, b, same client?]. Each is checked both ways round, in the file and against Qonto.
const CASES: [string, ClientCreatePayload, ClientCreatePayload, boolean][] = [
  [
    "namesakes in one zip code with two e-mails",
    celine({ email: "celine.benoit39@example.org", phone: phone("648000001"), street: "113 allée des Pins" }),
    celine({ email: "celine.benoit275@example.org", phone: phone("649000002"), street: "104 chemin du Roy" }),
    false,
  ],
  [
    "namesakes, one without an e-mail, different streets",
    celine({ email: "celine@example.org", street: "113 allée des Pins" }),
    celine({ street: "104 chemin du Roy" }),
    false,
  ],
  [
    "namesakes, one without an e-mail, same street abbreviated",
    celine({ email: "celine@example.org", street: "113 allée des Pins" }),
    celine({ street: "113 All. des pins" }),
    true,
  ],
  ["namesakes, one without anything else", celine({ email: "celine@example.org" }), celine({}), false],
  ["namesakes with nothing else on either side", celine({}), celine({}), true],
  [
    "namesakes with the same phone",
    celine({ phone: phone("648000001") }),
    celine({ phone: phone("648000001") }),
    true,
  ],
  [
    "namesakes, same phone, one with an e-mail",
    celine({ phone: phone("648000001"), email: "celine@example.org" }),
    celine({ phone: phone("648000001") }),
    true,
  ],
  [
    "e-mails that differ only in case",
    celine({ email: "Celine.Benoit@Example.org" }),
    { kind: "individual", first_name: "C.", last_name: "Benoit", email: "celine.benoit@example.org" },
    true,
  ],
  [
    "one e-mail, two different people's names (a shared mailbox), nothing else differs",
    celine({ email: "famille@example.org" }),
    { kind: "individual", first_name: "Marc", last_name: "Benoît", email: "famille@example.org" },
    true,
  ],
  [
    "the same VAT number under two names",
    acme({ vat_number: "FR47402032452" }),
    acme({ name: "Alpha", vat_number: "fr 47 402 032 452" }),
    true,
  ],
  [
    "the same VAT number with two e-mails (a contact changed)",
    acme({ vat_number: "FR47402032452", email: "old@acme.fr" }),
    acme({ vat_number: "FR47402032452", email: "new@acme.fr" }),
    true,
  ],
  [
    "one accountant's e-mail for two companies with two VAT numbers",
    acme({ name: "Alpha", email: "cabinet@compta.fr", vat_number: "FR47402032452" }),
    acme({ name: "Beta", email: "cabinet@compta.fr", vat_number: "FR12345678901" }),
    false,
  ],
  [
    "the same e-mail, only one side with a VAT number",
    acme({ email: "contact@acme.fr", vat_number: "FR47402032452" }),
    acme({ name: "Acme", email: "contact@acme.fr" }),
    true,
  ],
  [
    "a company's name with and without its legal form, one without an e-mail",
    acme({ name: "ACME S.A.S.", email: "contact@acme.fr" }),
    acme({ name: "Acme" }),
    true,
  ],
  [
    "a company's name and zip code, two e-mails",
    acme({ email: "contact@acme.fr" }),
    acme({ name: "Acme", email: "hello@acme-paris.fr" }),
    false,
  ],
  [
    "a company's name and zip code, two VAT numbers",
    acme({ vat_number: "FR47402032452" }),
    acme({ vat_number: "FR12345678901" }),
    false,
  ],
  ["a company's name and zip code, nothing else on either side", acme({}), acme({ name: "Acme sarl" }), true],
  [
    "the same VAT number, a SIREN on one side and its SIRET on the other",
    acme({ vat_number: "FR47402032452", tax_identification_number: "402032452" }),
    acme({ vat_number: "FR47402032452", tax_identification_number: "402 032 452 00012" }),
    true,
  ],
  [
    "the same VAT number, two SIRETs (two establishments)",
    acme({ vat_number: "FR47402032452", tax_identification_number: "40203245200012" }),
    acme({ vat_number: "FR47402032452", tax_identification_number: "40203245200020" }),
    false,
  ],
  [
    "the same e-invoicing address, two VAT numbers",
    acme({ e_invoicing_address: "402032452_ABC12", vat_number: "FR47402032452" }),
    acme({ e_invoicing_address: "402032452_abc12", vat_number: "FR12345678901" }),
    false,
  ],
  [
    "a company and a person of the same name and zip code, the person with an e-mail",
    { kind: "company", name: "Céline Benoît", billing_address: { zip_code: "13001" } },
    celine({ email: "celine@example.org" }),
    false,
  ],
];

const asClient = (id: string, p: ClientCreatePayload): QontoClient => ({ id, ...p }) as QontoClient;

describe("one client or two: the same rule in the file and against Qonto, both ways round", () => {
  for (const [name, a, b, same] of CASES) {
    for (const [first, second, order] of [
      [a, b, "a then b"],
      [b, a, "b then a"],
    ] as const) {
      it(`${name} (${order}, in the file): ${same ? "one client" : "two, with a warning"}`, () => {
        const planner = createPlanner(new KeyIndex<QontoClient>(), "skip");
        expect(planner.plan(row(1), { ok: true, payload: first, problems: [] }).plan.action).toBe("create");
        const p = planner.plan(row(2), { ok: true, payload: second, problems: [] });
        if (same) expect(p.plan).toMatchObject({ action: "duplicate_in_file", duplicateOf: 1 });
        else {
          expect(p.plan.action).toBe("create");
          expect(p.problems.map((x) => x.code)).toEqual(["possible_duplicate"]);
          expect(p.problems[0]?.message).toContain("record 1");
        }
      });
      it(`${name} (${order}, against Qonto): ${same ? "matched" : "created, with a warning"}`, () => {
        const planner = createPlanner(indexClients([asClient("existing", first)]), "skip");
        const p = planner.plan(row(1), { ok: true, payload: second, problems: [] });
        if (same) expect(p.plan).toMatchObject({ action: "skipped_existing", clientId: "existing" });
        else {
          expect(p.plan.action).toBe("create");
          expect(p.problems.map((x) => x.code)).toEqual(["possible_duplicate"]);
          expect(p.problems[0]?.message).toContain("[existing]");
        }
      });
    }
  }
});

describe("a row matching several clients", () => {
  it("namesakes are not several matches: the one sharing the e-mail is the client", () => {
    const existing = indexClients([
      asClient("one", celine({ email: "celine.benoit39@example.org" })),
      asClient("two", celine({ email: "celine.benoit275@example.org" })),
    ]);
    const p = createPlanner(existing, "skip").plan(row(1), {
      ok: true,
      payload: celine({ email: "celine.benoit275@example.org" }),
      problems: [],
    });
    expect(p.plan).toEqual({ action: "skipped_existing", clientId: "two", matchedKey: "email" });
  });

  it("two clients that are each the row's stays needs_review", () => {
    const existing = indexClients([
      asClient("one", acme({ vat_number: "FR47402032452" })),
      asClient("two", acme({ name: "Other", email: "contact@acme.fr" })),
    ]);
    const p = createPlanner(existing, "skip").plan(row(1), {
      ok: true,
      payload: acme({ vat_number: "FR47402032452", email: "contact@acme.fr" }),
      problems: [],
    });
    expect(p.plan).toEqual({ action: "needs_review", candidateIds: ["one", "two"] });
  });
});

describe("--match-on", () => {
  it.each([
    ["vat,tin,email", ["vat_number", "tax_identification_number", "email"]],
    [" Email , name ", ["email", "name_zip"]],
    [
      "vat,tin,einvoicing,email,name",
      ["vat_number", "tax_identification_number", "e_invoicing_address", "email", "name_zip"],
    ],
  ])("%j → %j", (text, keys) => {
    const parsed = parseMatchOn(text);
    expect(parsed.ok && [...parsed.keys]).toEqual(keys);
  });

  it.each([
    ["vat,phone", 'unknown key "phone"; use vat, tin, einvoicing, email, name'],
    [" , ", "name at least one key: vat, tin, einvoicing, email, name"],
  ])("%j is refused: %s", (text, error) => {
    expect(parseMatchOn(text)).toEqual({ ok: false, error });
  });

  it("writes back as given, in match order", () => {
    const parsed = parseMatchOn("name,vat");
    expect(parsed.ok && formatMatchOn(parsed.keys)).toBe("vat,name");
  });

  it("without name, a company of the same name and zip code is created, and is not even a possible duplicate", () => {
    const parsed = parseMatchOn("vat,tin,email");
    if (!parsed.ok) throw new Error(parsed.error);
    const planner = createPlanner(indexClients([asClient("acme", acme({}))]), "skip", {
      matchOn: parsed.keys,
    });
    const p = planner.plan(row(1), { ok: true, payload: acme({}), problems: [] });
    expect(p.plan.action).toBe("create");
    expect(p.problems).toEqual([]);
    expect(planner.plan(row(2), { ok: true, payload: acme({}), problems: [] }).plan.action).toBe("create");
  });
});

describe("what the keys and the judge compare", () => {
  it.each([
    ["ACME SAS", "acme"],
    ["Acme S.A.S.", "acme"],
    ["SARL Dupont & Fils", "dupont fils"],
    ["Rossi S.r.l.", "rossi"],
    ["Bianchi S.p.A.", "bianchi"],
    ["Müller GmbH & Co. KG", "muller"],
    ["Construcciones García, S.L.", "construcciones garcia"],
    ["Smith Ltd.", "smith"],
    ["Les Sa Voyages", "les sa voyages"],
    ["SAS", "sas"],
    ["Total Énergies Services", "total energies services"],
  ])("company name %j → %j", (name, key) => {
    expect(companyNameKey(name)).toBe(key);
  });

  it.each([
    ["113 allée des Pins", "113 All. des pins"],
    ["12, avenue Victor-Hugo", "12 av Victor Hugo"],
    ["5 bd Haussmann", "5 Boulevard Haussmann"],
    ["Hauptstr. 5", "Hauptstraße 5"],
  ])("street %j is %j", (a, b) => {
    expect(streetKey(a)).toBe(streetKey(b));
  });

  it("a person's name key is first and last name; a company's, its name without the legal form", () => {
    expect(clientKeys(celine({})).name_zip).toBe("celine benoit|13001");
    expect(clientKeys(acme({ name: "Acme S.A.S." })).name_zip).toBe("acme|75011");
  });

  it("the judge says why two records are two clients", () => {
    const a = evidenceOf(
      acme({ vat_number: "FR47402032452", email: "a@x.fr", tax_identification_number: "1" }),
    );
    const b = evidenceOf(
      acme({ vat_number: "FR12345678901", email: "b@x.fr", tax_identification_number: "2" }),
    );
    expect(judge("name_zip", a, b)).toEqual({
      same: false,
      why: "their VAT numbers and tax ids and e-mails differ",
    });
  });
});

describe("apply's re-check of a planned create uses the same rule", () => {
  const planned = (payload: ClientCreatePayload): PlanRow => ({
    record: 1,
    line: 2,
    label: { name: "Céline Benoît", vat: "", email: payload.email ?? "" },
    problems: [],
    plan: { action: "create", payload, keys: clientKeys(payload) },
  });
  const payload = celine({ email: "celine.benoit39@example.org", street: "113 allée des Pins" });

  it("a namesake created in Qonto since the plan does not stop the create", () => {
    const namesake = asClient(
      "namesake",
      celine({ email: "celine.benoit275@example.org", street: "104 chemin du Roy" }),
    );
    const p = recheck(planned(payload), indexClients([namesake]), new Map([["namesake", namesake]]), "skip");
    expect(p.plan.action).toBe("create");
  });

  it("the same person created since is not created again", () => {
    const same = asClient("same", celine({ email: "Celine.Benoit39@example.org" }));
    const p = recheck(planned(payload), indexClients([same]), new Map([["same", same]]), "skip");
    expect(p.plan).toEqual({ action: "skipped_existing", clientId: "same", matchedKey: "email" });
    expect(p.problems.map((x) => x.code)).toEqual(["plan_outdated"]);
  });
});

describe("an identifier that agrees excuses a changed e-mail, whichever key proposed the match", () => {
  it("--match-on email,name: same VAT number, name and zip code, a new e-mail: the same client", () => {
    const parsed = parseMatchOn("email,name");
    if (!parsed.ok) throw new Error(parsed.error);
    const existing = indexClients([
      asClient("acme", acme({ vat_number: "FR47402032452", email: "old@acme.fr" })),
    ]);
    const p = createPlanner(existing, "skip", { matchOn: parsed.keys }).plan(row(1), {
      ok: true,
      payload: acme({ vat_number: "FR47402032452", email: "new@acme.fr" }),
      problems: [],
    });
    expect(p.plan).toEqual({ action: "skipped_existing", clientId: "acme", matchedKey: "name_zip" });
  });
});
