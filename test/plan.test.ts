import { describe, expect, it } from "vitest";
import { indexClients, KeyIndex } from "../src/dedupe/index.js";
import { clientKeys } from "../src/dedupe/keys.js";
import { createPlanner, diffClient, type OnMatch } from "../src/dedupe/plan.js";
import type { SourceRow } from "../src/parse/source-row.js";
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
const ok = (payload: ClientCreatePayload): NormalizedRow => ({ ok: true, payload, problems: [] });

const acme: ClientCreatePayload = {
  kind: "company",
  name: "ACME SAS",
  vat_number: "FR47402032452",
  email: "compta@acme.fr",
  billing_address: { zip_code: "75011", city: "Paris", country_code: "FR" },
};
const existing: QontoClient[] = [
  {
    id: "c1",
    kind: "company",
    name: "ACME SAS",
    vat_number: "fr 47 402032452",
    email: null,
    billing_address: { zip_code: "75011", city: "Paris", country_code: "FR" },
  },
  { id: "c2", kind: "individual", first_name: "Jean", last_name: "Dupont", email: "JEAN@DUPONT.FR" },
  { id: "c3", kind: "company", name: "Other", email: "shared@x.fr" },
  { id: "c4", kind: "company", name: "Other bis", email: "shared@x.fr" },
  { id: "c5", kind: "company", name: "Café de la Gare", billing_address: { zip_code: "69001" } },
];

const planner = (onMatch: OnMatch = "skip") => createPlanner(indexClients(existing), onMatch);

describe("match keys", () => {
  it.each([
    [{ vat_number: "FR 47-402.032.452" }, "vat_number", "FR47402032452"],
    [{ vat_number: "EL123456789" }, "vat_number", "GR123456789"],
    [{ email: "  Jean@Dupont.FR " }, "email", "jean@dupont.fr"],
    [{ tax_identification_number: "402 032 452" }, "tax_identification_number", "402032452"],
    [{ e_invoicing_address: "402032452_abc 12" }, "e_invoicing_address", "402032452_ABC12"],
    [
      { kind: "company", name: "Café  de la GARE", billing_address: { zip_code: "69 001" } },
      "name_zip",
      "cafe de la gare|69001",
    ],
    [
      { kind: "individual", first_name: "Élodie", last_name: "Moreau", zip_code: "06000" },
      "name_zip",
      "elodie moreau|06000",
    ],
  ] as const)("%j → %s %s", (source, key, value) => {
    expect(clientKeys(source)[key]).toBe(value);
  });

  it("a name without a zip code is not a key: too many namesakes", () => {
    expect(clientKeys({ kind: "company", name: "ACME" }).name_zip).toBeUndefined();
  });
});

describe("planner", () => {
  it("creates a client Qonto does not have", () => {
    const p = planner().plan(row(1), ok({ kind: "company", name: "New Co", vat_number: "FR75512345679" }));
    expect(p.plan.action).toBe("create");
  });

  it("skips a row whose VAT number matches an existing client, however it is written", () => {
    const p = planner().plan(row(1), ok(acme));
    expect(p.plan).toMatchObject({ action: "skipped_existing", clientId: "c1", matchedKey: "vat_number" });
  });

  it("matches by e-mail case-insensitively and by name with zip code, accents ignored", () => {
    const pl = planner();
    expect(
      pl.plan(row(1), ok({ kind: "individual", first_name: "J", last_name: "D", email: "jean@dupont.fr" }))
        .plan,
    ).toMatchObject({ clientId: "c2", matchedKey: "email" });
    expect(
      pl.plan(
        row(2),
        ok({ kind: "company", name: "CAFE DE LA GARE", billing_address: { zip_code: "69001" } }),
      ).plan,
    ).toMatchObject({ clientId: "c5", matchedKey: "name_zip" });
  });

  it("a row matching two different clients needs review and is not touched", () => {
    const p = planner("update").plan(row(1), ok({ kind: "company", name: "Third", email: "shared@x.fr" }));
    expect(p.plan).toMatchObject({ action: "needs_review", candidateIds: ["c3", "c4"] });
    expect(p.problems.map((x) => x.code)).toContain("matches_several_clients");
  });

  it("a later row with the same key is a duplicate of the first, which alone is sent", () => {
    const pl = createPlanner(new KeyIndex<QontoClient>(), "skip");
    const first = pl.plan(row(1), ok({ kind: "company", name: "A", email: "a@a.fr" }));
    const second = pl.plan(row(2), ok({ kind: "company", name: "A bis", email: "A@A.FR" }));
    const third = pl.plan(row(3), ok({ kind: "company", name: "B", email: "b@b.fr" }));
    expect(first.plan.action).toBe("create");
    expect(second.plan).toMatchObject({ action: "duplicate_in_file", duplicateOf: 1, matchedKey: "email" });
    expect(third.plan.action).toBe("create");
  });

  it("an invalid row stays invalid and does not shadow a later valid row", () => {
    const pl = createPlanner(new KeyIndex<QontoClient>(), "skip");
    expect(pl.plan(row(1), { ok: false, problems: [] }).plan.action).toBe("invalid");
    expect(pl.plan(row(2), ok(acme)).plan.action).toBe("create");
  });

  it("--on-match create creates anyway and says which client it matched", () => {
    expect(planner("create").plan(row(1), ok(acme)).plan).toMatchObject({
      action: "create",
      matchedKey: "vat_number",
    });
  });

  it("--on-match update sends only the fields that differ, or nothing", () => {
    const same = planner("update").plan(row(1), ok(acme));
    expect(same.plan).toMatchObject({ action: "update", patch: { email: "compta@acme.fr" } });
    if (same.plan.action !== "update") throw new Error("expected an update");
    expect(Object.keys(same.plan.patch)).toEqual(["email"]);
    expect(same.plan.changes).toEqual([{ field: "email", from: null, to: "compta@acme.fr" }]);

    const unchanged = planner("update").plan(
      row(1),
      ok({ kind: "company", name: "ACME SAS", vat_number: "FR47402032452" }),
    );
    expect(unchanged.plan).toMatchObject({ action: "unchanged", clientId: "c1" });
  });
});

describe("two rows, one existing client", () => {
  it.each<OnMatch>(["skip", "update"])(
    "--on-match %s: the second row resolving to the same client is a duplicate of the first",
    (onMatch) => {
      const pl = planner(onMatch);
      const byVat = pl.plan(row(1), ok({ ...acme, email: undefined, billing_address: { city: "Paris" } }));
      const byEmail = pl.plan(
        row(2),
        ok({
          kind: "individual",
          first_name: "Jean",
          last_name: "Dupont",
          email: "jean@dupont.fr",
          billing_address: { city: "Lyon" },
        }),
      );
      // Shares no key with row 1 (no VAT there, no zip code in row 1), yet is the same client c1 by name + zip.
      const sameAsFirst = pl.plan(
        row(3),
        ok({ kind: "company", name: "Acme SAS", billing_address: { zip_code: "75011", city: "Lyon" } }),
      );
      expect(byVat.plan).toMatchObject({ clientId: "c1" });
      expect(byEmail.plan).toMatchObject({ clientId: "c2" });
      expect(sameAsFirst.plan).toMatchObject({ action: "duplicate_in_file", duplicateOf: 1 });
    },
  );
});

describe("diffClient", () => {
  it("keeps the rest of an address when one part changes, and never blanks a field the row leaves empty", () => {
    const client: QontoClient = {
      id: "c",
      kind: "company",
      name: "X",
      email: "x@x.fr",
      billing_address: { street_address: "1 rue A", city: "Paris", zip_code: "75001", country_code: "fr" },
    };
    const { patch, changes } = diffClient(client, {
      kind: "company",
      name: "X",
      billing_address: { zip_code: "75002" },
    });
    expect(patch).toEqual({
      billing_address: { street_address: "1 rue A", city: "Paris", zip_code: "75002", country_code: "FR" },
    });
    expect(changes).toEqual([{ field: "billing_address.zip_code", from: "75001", to: "75002" }]);
  });
});
