import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator } from "../src/emulator/index.js";
import { matchInvoiceHeader } from "../src/invoices/aliases.js";
import { groupInvoiceRows } from "../src/invoices/group.js";
import {
  invoicePayloadHash,
  previousRefusals,
  refusalsOf,
  refusedBeforeMessage,
  type PreviousRefusal,
} from "../src/invoices/refusals.js";
import { ClientResolver } from "../src/invoices/resolve.js";
import { planInvoice } from "../src/invoices/plan.js";
import { createInvoiceOnce } from "../src/invoices/upload.js";
import {
  JournalError,
  JournalWriter,
  parseJournal,
  readJournal,
  type JournalLine,
} from "../src/journal/journal.js";
import type { SourceRow } from "../src/parse/source-row.js";
import { nextSteps } from "../src/report/console.js";
import { OUTCOMES, type Outcome } from "../src/report/outcome.js";
import type { Summary } from "../src/report/summary.js";
import { createQontoApi, type InvoiceCreatePayload } from "../src/upload/client.js";

// An invoice Qonto refused (422) is final for its content: the journal records the refusal with the payload's
// hash, and a later run reports the same payload without sending it; a payload that changed is sent.

const CLIENT_ID = "11111111-1111-4111-8111-111111111111";
const IBAN = "FR7630006000011234567890189";
const BASE_URL = "https://thirdparty.qonto.com";

const payload = (over: Partial<InvoiceCreatePayload> = {}): InvoiceCreatePayload & { number: string } => ({
  client_id: CLIENT_ID,
  issue_date: "2026-03-01",
  due_date: "2026-03-31",
  currency: "EUR",
  payment_methods: { iban: IBAN },
  number: "F-1",
  items: [
    { title: "Conseil", quantity: "2", unit_price: { value: "10.00", currency: "EUR" }, vat_rate: "0.2" },
  ],
  ...over,
});

describe("the payload's hash: equal payloads hash alike, any change of content does not", () => {
  const base = invoicePayloadHash(payload());
  it("ignores the order of keys", () => {
    const { items, number, ...rest } = payload();
    // Every object's keys in reverse order.
    const reversed = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).reverse()) as T;
    const reordered = { ...reversed({ number, ...rest }), items: items.map(reversed) };
    expect(invoicePayloadHash(reordered)).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });
  it.each<[string, Partial<InvoiceCreatePayload>]>([
    ["a line's quantity", { items: [{ ...payload().items[0]!, quantity: "3" }] }],
    ["a line's title", { items: [{ ...payload().items[0]!, title: "Conseil, corrigé" }] }],
    ["one more line", { items: [...payload().items, ...payload().items] }],
    ["the due date", { due_date: "2026-04-30" }],
    ["the client", { client_id: "22222222-2222-4222-8222-222222222222" }],
    ["the status", { status: "draft" }],
  ])("changes with %s", (_what, over) => {
    expect(invoicePayloadHash(payload(over))).not.toBe(base);
  });
});

const start = (options: Record<string, unknown>, startedAt = "2026-03-01T10:00:00.000Z"): JournalLine => ({
  type: "start",
  tool: "qonto-import",
  version: "0",
  started_at: startedAt,
  input: { file: "f.csv", sha256: "s" },
  options,
  options_hash: "h",
});
const INVOICES = { command: "invoices", baseUrl: BASE_URL };
const intent = (record: number, number: string): JournalLine => ({
  type: "intent",
  record,
  action: "create_invoice",
  keys: {},
  client_id: CLIENT_ID,
  name: number,
  number,
});
const refusal = (
  record: number,
  hash: string,
  detail = "due_date must be on or after issue_date",
): JournalLine => ({
  type: "failed",
  record,
  ambiguous: false,
  at: "2026-03-01T10:00:05.000Z",
  refusal: {
    status: 422,
    payload_sha256: hash,
    errors: [{ code: "invalid_value", detail, pointer: "/due_date" }],
  },
});
const ndjson = (lines: JournalLine[]) => Buffer.from(lines.map((l) => JSON.stringify(l) + "\n").join(""));

describe("the journal keeps each refusal, until the row is done", () => {
  it.each<[string, JournalLine[], number[]]>([
    ["refused", [start(INVOICES), intent(1, "F-1"), refusal(1, "a")], [1]],
    [
      "refused, then created (a resume sending another payload)",
      [
        start(INVOICES),
        intent(1, "F-1"),
        refusal(1, "a"),
        intent(1, "F-1"),
        { type: "done", record: 1, outcome: "created", client_id: CLIENT_ID, invoice_id: "i" },
      ],
      [],
    ],
    [
      "failed without an answer: not a refusal",
      [start(INVOICES), intent(1, "F-1"), { type: "failed", record: 1, ambiguous: true }],
      [],
    ],
    [
      "a 4xx without a refusal recorded (a journal before refusals)",
      [start(INVOICES), intent(1, "F-1"), { type: "failed", record: 1, ambiguous: false }],
      [],
    ],
  ])("%s", (_name, lines, records) => {
    expect([...parseJournal(ndjson(lines), "j").refused.keys()]).toEqual(records);
  });

  it("a refusal without its hash or errors is a journal error naming its line", () => {
    const bad = { type: "failed", record: 1, ambiguous: false, refusal: { status: 422 } };
    const bytes = Buffer.from(
      [start(INVOICES), intent(1, "F-1"), bad].map((l) => JSON.stringify(l)).join("\n") + "\n",
    );
    expect(() => parseJournal(bytes, "j")).toThrow(JournalError);
    expect(() => parseJournal(bytes, "j")).toThrow("j, line 3");
  });
});

describe("refusalsOf: the refusals of earlier invoices runs against the same Qonto, by payload hash", () => {
  const run = (dir: string, lines: JournalLine[]) => ({ dir, state: parseJournal(ndjson(lines), dir) });
  it("takes invoices runs against this base URL only, the later refusal of a payload winning", () => {
    const found = refusalsOf(
      [
        run("later", [
          start(INVOICES, "2026-03-02T00:00:00.000Z"),
          intent(4, "F-9"),
          refusal(4, "h1", "second"),
        ]),
        run("earlier", [
          start(INVOICES),
          intent(1, "F-1"),
          refusal(1, "h1", "first"),
          intent(2, "F-2"),
          refusal(2, "h2"),
        ]),
        run("sandbox", [
          start({ ...INVOICES, baseUrl: "https://thirdparty-sandbox.staging.qonto.co" }),
          intent(1, "F-3"),
          refusal(1, "h3"),
        ]),
        run("clients", [start({ baseUrl: BASE_URL }), refusal(1, "h4")]),
      ],
      BASE_URL,
    );
    expect([...found.keys()].sort()).toEqual(["h1", "h2"]);
    expect(found.get("h1")).toMatchObject({ dir: "later", number: "F-9", errors: [{ detail: "second" }] });
    expect(found.get("h2")).toMatchObject({
      dir: "earlier",
      number: "F-2",
      status: 422,
      at: "2026-03-01T10:00:05.000Z",
    });
  });

  it("says when, where and Qonto's words, and to fix the row", () => {
    const r: PreviousRefusal = {
      status: 422,
      payload_sha256: "h",
      errors: [
        { code: "invalid_value", detail: "due_date must be on or after issue_date", pointer: "/due_date" },
      ],
      dir: "reports/f-2026",
      at: "2026-03-01T10:00:05.000Z",
    };
    expect(refusedBeforeMessage(r)).toBe(
      "Qonto refused this invoice, as it is now, in an earlier run (422 on 2026-03-01 10:00 UTC, report reports/f-2026): /due_date: due_date must be on or after issue_date; it is not sent again until its lines change: fix the row",
    );
  });

  it("previousRefusals reads the report folders beside, skips other runs, and warns of a journal it cannot read", async () => {
    const root = await mkdtemp(join(tmpdir(), "qi-refusals-"));
    const write = async (name: string, text: string) => {
      await mkdir(join(root, name));
      await writeFile(join(root, name, "journal.ndjson"), text);
    };
    await write("a-invoices", ndjson([start(INVOICES), intent(1, "F-1"), refusal(1, "h1")]).toString());
    await write("b-clients", ndjson([start({ baseUrl: BASE_URL }), refusal(1, "h2")]).toString());
    await write("c-broken", `${JSON.stringify(start(INVOICES))}\nnot json\n{"type":"end","complete":true}\n`);
    await mkdir(join(root, "d-dry-run"));
    const warnings: string[] = [];
    const found = previousRefusals(root, BASE_URL, [], (l) => warnings.push(l));
    expect([...found.keys()]).toEqual(["h1"]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      `the invoices Qonto refused in ${join(root, "c-broken")} may be sent again`,
    );
    expect(previousRefusals(join(root, "none"), BASE_URL).size).toBe(0);
  });
});

describe("createInvoiceOnce journals a 422 with the payload's hash", () => {
  it("records the refusal, and reports it as final for that content", async () => {
    const key = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
    const emulator = await startEmulator({
      seedClients: [{ id: CLIENT_ID, kind: "company", name: "Acme", currency: "EUR", locale: "fr" }],
      faults: { refuseInvoices: [{ number: "F-1", pointer: "/items/0/title", detail: "title is refused" }] },
    });
    const api = createQontoApi({
      baseUrl: emulator.url,
      auth: { kind: "api_key", login: key.login, secretKey: key.secretKey },
    });
    const dir = await mkdtemp(join(tmpdir(), "qi-refusal-journal-"));
    const journal = new JournalWriter(join(dir, "journal.ndjson"));
    try {
      await journal.append(start({ ...INVOICES, baseUrl: emulator.url }));
      const sent = payload();
      const write = await createInvoiceOnce(7, sent, {
        api,
        stop: { reason: null },
        journal,
        since: new Date(0),
      });
      expect(write.outcome).toBe("failed");
      expect(write.problems.map((p) => [p.code, p.message])).toEqual([
        [
          "api_rejected",
          "Qonto refused the invoice (422): /items/0/title: title is refused; it is not sent again until its lines change: fix the row",
        ],
      ]);
      journal.close();
      const state = readJournal(dir)!;
      expect(state.refused.get(7)?.refusal).toEqual({
        status: 422,
        payload_sha256: invoicePayloadHash(sent),
        errors: [{ code: "invalid_value", detail: "title is refused", pointer: "/items/0/title" }],
      });
      expect(state.uncertain.size).toBe(0);
      expect([...previousRefusals(join(dir, ".."), emulator.url, [dir]).keys()]).toEqual([
        invoicePayloadHash(sent),
      ]);
    } finally {
      journal.close();
      await api.close();
      await emulator.close();
    }
  });
});

describe("planInvoice: a payload refused before is not planned for sending", () => {
  const header = matchInvoiceHeader([
    "N° facture",
    "TVA client",
    "Date facture",
    "Date échéance",
    "IBAN",
    "Désignation",
    "Quantité",
    "Prix unitaire HT",
    "Taux TVA",
  ]);
  const rowOf = (title: string): SourceRow => ({
    file: "f.csv",
    recordNo: 1,
    line: 2,
    problems: [],
    fields: {
      "N° facture": "F-1",
      "TVA client": "FR32123456789",
      "Date facture": "01/03/2026",
      "Date échéance": "31/03/2026",
      IBAN,
      Désignation: title,
      Quantité: "2",
      "Prix unitaire HT": "10,00",
      "Taux TVA": "20 %",
    },
  });
  const resolver = new ClientResolver();
  resolver.addExisting({ id: CLIENT_ID, name: "Acme", vat_number: "FR32123456789" });
  const plan = (title: string, refusals: Map<string, PreviousRefusal>, checked = true) => {
    const [group] = groupInvoiceRows([rowOf(title)], header.mapping);
    return planInvoice(
      group!,
      header,
      { orgCountry: "FR", dateFormat: "dmy" },
      resolver,
      new Map(),
      checked,
      false,
      refusals,
    ).plan;
  };
  const sent = payload();
  const refused: PreviousRefusal = {
    status: 422,
    payload_sha256: invoicePayloadHash(sent),
    errors: [{ code: "invalid_value", detail: "title is refused", pointer: "/items/0/title" }],
    dir: "reports/earlier",
  };
  const refusals = new Map([[refused.payload_sha256, refused]]);

  it.each([
    ["the payload that was refused", "Conseil", "refused_before"],
    ["its line changed", "Conseil, corrigé", "create"],
  ])("%s → %s", (_name, title, action) => {
    expect(plan(title, new Map()).action).toBe("create");
    expect(plan(title, refusals).action).toBe(action);
  });

  it("the planned payload is exactly what was hashed when it was sent", () => {
    const p = plan("Conseil", new Map());
    expect(p.action === "create" && invoicePayloadHash(p.payload)).toBe(refused.payload_sha256);
  });
});

describe("Next: after refusals", () => {
  const summary = (outcomes: Partial<Record<Outcome, number>>, problems: Record<string, number>): Summary => {
    const counts = Object.fromEntries(OUTCOMES.map((o) => [o, outcomes[o] ?? 0])) as Record<Outcome, number>;
    return {
      tool: { name: "qonto-import", version: "0" },
      input: { file: "f.csv", sha256: "s", rows: 3 },
      dry_run: false,
      options: {},
      outcomes: counts,
      invoices: { total: 2, outcomes: counts },
      all_rows_accounted_for: true,
      problems,
      requests: null,
      started_at: "",
      finished_at: "",
      duration_ms: 0,
      stopped_early: null,
    };
  };
  it.each<[string, Partial<Record<Outcome, number>>, Record<string, number>, string[]]>([
    [
      "refused in an earlier run",
      { failed: 2, created: 1 },
      { api_rejected_before: 2 },
      [
        "Next: fix 2 rows in r/errors.csv (the reason is in its last column) and import that file: qonto-import invoices r/errors.csv",
        "      Qonto refused the invoices of 2 of those rows: they are not sent again until their lines change, so fix them first",
      ],
    ],
    [
      "refused now",
      { failed: 1, created: 2 },
      { api_rejected: 1 },
      [
        "Next: fix 1 row in r/errors.csv (the reason is in its last column) and import that file: qonto-import invoices r/errors.csv",
        "      Qonto refused the invoice of 1 of those rows: it is not sent again until its lines change, so fix it first",
      ],
    ],
    ["nothing refused", { created: 3 }, {}, ["Nothing left to do."]],
  ])("%s", (_name, outcomes, problems, lines) => {
    expect(nextSteps(summary(outcomes, problems), "r")).toEqual(lines);
  });
});
