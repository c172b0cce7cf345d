import { describe, expect, it } from "vitest";
import { recheck } from "../src/clients/apply.js";
import { fromFile } from "../src/errors.js";
import { indexClients } from "../src/dedupe/index.js";
import { clientKeys } from "../src/dedupe/keys.js";
import type { PlannedAction } from "../src/dedupe/plan.js";
import { plannedWriteProblem, type PlanRow } from "../src/report/plan-file.js";
import { notRecognised } from "../src/rollback/decide.js";
import { nextSteps } from "../src/report/console.js";
import { OUTCOMES, type Outcome } from "../src/report/outcome.js";
import type { Summary as SummaryFile } from "../src/report/summary.js";
import type { QontoClient } from "../src/upload/client.js";
import { frVat, siren } from "./helpers/data.js";

// Issue 18: the checks that keep an edited plan or journal from deciding a write, case by case (the repros through
// the real CLI are in security-plan-journal.test.ts).

describe("the checks, case by case", () => {
  const vat = frVat(siren(7_930));
  const payload = { kind: "company", name: "Alpha SAS", vat_number: vat, email: "new@alpha.fr" } as const;
  const update = (over: Partial<Record<string, unknown>> = {}) =>
    ({
      action: "update",
      payload,
      clientId: "alpha",
      matchedKey: "vat_number",
      patch: { email: "new@alpha.fr" },
      changes: [{ field: "email", from: null, to: "new@alpha.fr" }],
      ...over,
    }) as Parameters<typeof plannedWriteProblem>[0];

  it.each([
    ["the row's own update", update(), undefined],
    ["a create as an import makes it", { action: "create", payload, keys: {} }, undefined],
    ["a skip (no write)", { action: "skipped_existing", clientId: "x", matchedKey: "email" }, undefined],
    ["a name of NULs", { action: "create", payload: { ...payload, name: "\0\0" }, keys: {} }, "control"],
    ["an escape in a city", update({ patch: { billing_address: { city: "\u001b[2J" } } }), "control"],
    ["a C1 control", { action: "create", payload: { ...payload, name: "A\u009bB" }, keys: {} }, "control"],
    ["a field no contract has", { action: "create", payload: { ...payload, iban: "x" }, keys: {} }, "iban"],
    ["no kind", { action: "create", payload: { name: "A" }, keys: {} }, "plan.payload"],
    ["a patch with a kind", update({ patch: { kind: "individual" } }), "plan.patch"],
    ["a patch with another e-mail", update({ patch: { email: "x@evil.fr" } }), "not the row's value"],
    ["a patch clearing the name", update({ patch: { name: null } }), "name"],
    ["a patch clearing the e-mail (--clear-empty)", update({ patch: { email: null } }), undefined],
  ])("%s", (_name, plan, expected) => {
    const found = plannedWriteProblem(plan as Parameters<typeof plannedWriteProblem>[0]);
    if (expected === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(expected);
  });

  const client = (id: string, fields: Partial<QontoClient>): QontoClient => ({
    id,
    kind: "company",
    ...fields,
  });
  const alpha = client("alpha", { name: "Alpha SAS", vat_number: vat });
  const other = client("other", { name: "Other SA", email: "boss@other.fr" });
  const row = (plan: PlannedAction, label = { name: "Alpha SAS", vat, email: "new@alpha.fr" }): PlanRow => ({
    record: 1,
    line: 2,
    label,
    problems: [],
    plan,
  });
  const clients = new Map([alpha, other].map((c) => [c.id, c]));
  const check = (r: PlanRow) => recheck(r, indexClients([alpha, other]), clients, "update");

  it.each([
    ["an update of the client with the key", update(), "update"],
    ["an update naming another client", update({ clientId: "other" }), "needs_review"],
    ["an update of a client gone", update({ clientId: "gone" }), "needs_review"],
    ["an update by a key the row lacks", update({ matchedKey: "tax_identification_number" }), "needs_review"],
    [
      "a skip of another client, by VAT",
      { action: "skipped_existing", clientId: "other", matchedKey: "vat_number" },
      "needs_review",
    ],
    [
      "a skip by a key the label cannot tell",
      { action: "skipped_existing", clientId: "alpha", matchedKey: "name_zip" },
      "skipped_existing",
    ],
    [
      "an unchanged row of the client",
      { action: "unchanged", clientId: "alpha", matchedKey: "vat_number" },
      "unchanged",
    ],
  ])("recheck: %s", (_name, plan, expected) => {
    const p = check(row(plan as PlannedAction));
    expect(p.plan.action).toBe(expected);
    if (expected === "needs_review") expect(p.problems.map((x) => x.code)).toEqual(["plan_outdated"]);
  });

  it("recheck: an update's changes and replaced values are the client's now; a create's keys are its payload's", () => {
    const withEmail = client("alpha", { name: "Alpha SAS", vat_number: vat, email: "old@alpha.fr" });
    const p = recheck(
      row(update({ changes: [], previous: { email: "forged@evil.fr" } }) as PlannedAction),
      indexClients([withEmail]),
      new Map([["alpha", withEmail]]),
      "update",
    );
    expect(p.plan).toMatchObject({
      action: "update",
      changes: [{ field: "email", from: "old@alpha.fr", to: "new@alpha.fr" }],
      previous: { email: "old@alpha.fr" },
    });
    const created = recheck(
      row({
        action: "create",
        payload: { ...payload, vat_number: frVat(siren(1234)) },
        keys: { email: "x@y.fr" },
      }),
      indexClients([]),
      new Map(),
      "skip",
    );
    expect(created.plan).toMatchObject({ keys: clientKeys({ ...payload, vat_number: frVat(siren(1234)) }) });
  });

  it.each([
    ["no identity recorded (a done line with no intent)", alpha, undefined, false],
    ["an empty identity (keys {} and no name)", alpha, { keys: {} }, false],
    ["the same VAT number", alpha, { keys: { vat_number: clientKeys(alpha).vat_number ?? "" } }, true],
    [
      "one key of several still the same",
      alpha,
      { keys: { vat_number: clientKeys(alpha).vat_number ?? "", email: "gone@alpha.fr" } },
      true,
    ],
    ["none of the keys", other, { keys: { vat_number: clientKeys(alpha).vat_number ?? "" } }, false],
    ["no key, the same name", alpha, { keys: {}, name: "ALPHA sas" }, true],
    ["no key, another name", other, { keys: {}, name: "Alpha SAS" }, false],
  ])("rollback recognises the run's client: %s", (_name, current, recorded, same) => {
    expect(notRecognised(current, recorded) === undefined).toBe(same);
  });
});

describe("Next: after apply", () => {
  const summary = (options: Record<string, unknown>, file = "r0/plan.json"): SummaryFile => ({
    tool: { name: "qonto-import", version: "0" },
    input: { file, sha256: "s", rows: 3 },
    dry_run: false,
    options,
    outcomes: Object.fromEntries(
      OUTCOMES.map((o) => [
        o,
        ({ created: 1, invalid: 1, needs_review: 1 } as Partial<Record<Outcome, number>>)[o] ?? 0,
      ]),
    ) as Record<Outcome, number>,
    all_rows_accounted_for: true,
    problems: {},
    requests: null,
    started_at: "",
    finished_at: "",
    duration_ms: 0,
    stopped_early: null,
  });
  it.each([
    [
      "apply: results.csv and the plan's input, never an errors.csv it does not write",
      { plan: "r0/plan.json", plan_input: { file: "/data/clients.csv", sha256: "s" } },
      "Next: see the 2 rows not imported in r/results.csv (the reason is in its problems column), fix them in the input and plan again: qonto-import clients /data/clients.csv --dry-run",
    ],
    [
      "an import: its errors.csv, which it writes",
      { file: "/data/clients.csv" },
      "Next: fix 2 rows in r/errors.csv (the reason is in its last column) and import that file: qonto-import clients r/errors.csv",
      "/data/clients.csv",
    ],
    [
      "an XLSX import: its errors.xlsx, the workbook its user opens",
      { file: "/data/Clients.XLSX" },
      "Next: fix 2 rows in r/errors.xlsx (the reason is in its last column) and import that file: qonto-import clients r/errors.xlsx",
      "/data/Clients.XLSX",
    ],
  ])("%s", (_name, options, line, file = "r0/plan.json") => {
    expect(nextSteps(summary(options, file), "r")).toEqual([line]);
  });
});

describe("a value from a plan or journal, as a message shows it", () => {
  it.each([
    ["https://thirdparty.qonto.com", "https://thirdparty.qonto.com"],
    ["\u001b]0;x\u0007\u001b[2J", "\\u001b]0;x\\u0007\\u001b[2J"],
    ["a\u009bb\u0000", "a\\u009bb\\u0000"],
    [42, "42"],
    [{ host: "evil" }, '{"host":"evil"}'],
  ])("%j", (value, shown) => {
    expect(fromFile(value)).toBe(shown);
  });
});
