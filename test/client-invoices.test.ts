import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator, type RunningEmulator } from "../src/emulator/index.js";
import {
  createQontoApi,
  QontoApiError,
  type InvoiceCreatePayload,
  type QontoApi,
  type QontoApiOptions,
} from "../src/upload/client.js";

const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
const CLIENT_ID = "11111111-1111-4111-8111-111111111111";
const SEED = [{ id: CLIENT_ID, kind: "company", name: "Acme", currency: "EUR", locale: "fr" }];
// A valid French IBAN (ISO 13616 check digits 14).
const IBAN = "FR1420041010050500013M02606";

const invoice = (number: string, over: Partial<InvoiceCreatePayload> = {}): InvoiceCreatePayload => ({
  client_id: CLIENT_ID,
  issue_date: "2024-03-01",
  due_date: "2024-03-31",
  currency: "EUR",
  payment_methods: { iban: IBAN },
  number,
  items: [
    { title: "Consulting", quantity: "2", unit_price: { value: "10.00", currency: "EUR" }, vat_rate: "0.2" },
  ],
  ...over,
});

/** Catches the rejection the test expects; fails the test if the call succeeds. */
async function rejection(promise: Promise<unknown>): Promise<QontoApiError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!("error" in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(QontoApiError);
  return outcome.error as QontoApiError;
}

const apiOn = (url: string, options: Partial<QontoApiOptions> = {}): QontoApi =>
  createQontoApi({
    baseUrl: url,
    auth: { kind: "api_key", login: KEY.login, secretKey: KEY.secretKey },
    backoffMs: 1,
    backoffCapMs: 10,
    requestTimeoutMs: 2_000,
    ...options,
  });

describe("client invoices against the emulator", () => {
  let emulator: RunningEmulator;
  let api: QontoApi;
  beforeAll(async () => {
    emulator = await startEmulator({ seedClients: SEED });
    api = apiOn(emulator.url);
  });
  afterAll(async () => {
    await api.close();
    await emulator.close();
  });

  it("creates an invoice: id, number, status and the totals Qonto computes", async () => {
    const created = await api.createInvoice(invoice("INV-001"));
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created).toMatchObject({
      number: "INV-001",
      currency: "EUR",
      issue_date: "2024-03-01",
      due_date: "2024-03-31",
      total_amount: { value: "24.00", currency: "EUR" },
      vat_amount: { value: "4.00", currency: "EUR" },
      client: { id: CLIENT_ID, name: "Acme" },
    });
    expect(typeof created.status).toBe("string");
    expect(Number.isNaN(Date.parse(created.created_at))).toBe(false);
    expect(created.items).toHaveLength(1);
    expect(created.items[0]).toMatchObject({
      title: "Consulting",
      quantity: "2",
      subtotal: { value: "20.00", currency: "EUR" },
      total_vat: { value: "4.00", currency: "EUR" },
      total_amount: { value: "24.00", currency: "EUR" },
    });
  });

  it("a number already taken is a 409: not ambiguous, not fatal, with Qonto's code", async () => {
    await api.createInvoice(invoice("INV-409"));
    const before = emulator.requestCount().total;
    const err = await rejection(api.createInvoice(invoice("INV-409")));
    expect({
      method: err.method,
      path: err.path,
      kind: err.kind,
      status: err.status,
      ambiguous: err.ambiguous,
      fatal: err.fatal,
    }).toEqual({
      method: "POST",
      path: "/v2/client_invoices",
      kind: "http",
      status: 409,
      ambiguous: false,
      fatal: false,
    });
    expect(err.entries.map((e) => e.code)).toContain("invoice_number_already_exists");
    expect(err.message).toContain("invoice_number_already_exists");
    expect(emulator.requestCount().total - before).toBe(1);
    // The api goes on: a 409 is about this invoice only.
    expect(api.stopReason()).toBeNull();
  });

  it("a refusal (unknown client) is a 422 whose entries carry code and pointer", async () => {
    const err = await rejection(
      api.createInvoice(invoice("INV-422", { client_id: "22222222-2222-4222-8222-222222222222" })),
    );
    expect({ status: err.status, ambiguous: err.ambiguous, fatal: err.fatal }).toEqual({
      status: 422,
      ambiguous: false,
      fatal: false,
    });
    expect(err.entries).toContainEqual(
      expect.objectContaining({ code: "invalid_client_id", pointer: "/client_id" }),
    );
    expect(JSON.stringify(err) + err.message + String(err.stack)).not.toContain(KEY.secretKey);
  });

  it("lists one page with its meta, filtered by status", async () => {
    const { invoices, meta } = await api.listInvoices({ perPage: 1, status: ["unpaid", "draft"] });
    expect(invoices).toHaveLength(1);
    expect(meta).toMatchObject({ current_page: 1, per_page: 1 });
    expect(meta.total_count).toBeGreaterThanOrEqual(2);
    const none = await api.listInvoices({ status: ["paid"] });
    expect(none.invoices).toEqual([]);
    expect(none.meta.total_count).toBe(0);
  });
});

describe("listing every client invoice", () => {
  let emulator: RunningEmulator;
  let api: QontoApi;
  const created: { id: string; created_at: string }[] = [];
  beforeAll(async () => {
    emulator = await startEmulator({ seedClients: SEED });
    api = apiOn(emulator.url);
    for (let i = 0; i < 250; i++) {
      const inv = await api.createInvoice(invoice(`F-${String(i).padStart(3, "0")}`));
      created.push({ id: inv.id, created_at: inv.created_at });
    }
  });
  afterAll(async () => {
    await api.close();
    await emulator.close();
  });

  it("reads the 3 pages of 250 invoices, each once, oldest first", async () => {
    const before = emulator.requestCount().total;
    const pages: [number, number][] = [];
    const all = await api.listAllInvoices((fetched, total) => pages.push([fetched, total]));
    expect(all.map((i) => i.id)).toEqual(created.map((c) => c.id));
    expect(all[0]?.number).toBe("F-000");
    expect(all[249]?.number).toBe("F-249");
    expect(pages).toEqual([
      [100, 250],
      [200, 250],
      [250, 250],
    ]);
    expect(emulator.requestCount().total - before).toBe(3);
  });

  it("createdAtFrom narrows the list", async () => {
    const from = created[200]!.created_at;
    const narrowed = await api.listAllInvoices(undefined, { createdAtFrom: from });
    expect(narrowed.map((i) => i.id)).toEqual(created.slice(200).map((c) => c.id));
    const page = await api.listInvoices({ createdAtTo: created[9]!.created_at, sort: "created_at:desc" });
    expect(page.meta.total_count).toBe(10);
    expect(page.invoices[0]?.id).toBe(created[9]!.id);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// A scripted server, to see exactly what is sent and how failures are handled.

type Step = { status: number; body?: unknown } | "reset";

async function scriptedServer(steps: Step[]) {
  const requests: { method: string; url: string; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const step = steps[Math.min(requests.length, steps.length - 1)] ?? { status: 500 };
      requests.push({
        method: req.method ?? "",
        url: req.url ?? "",
        body: Buffer.concat(chunks).toString("utf8"),
      });
      if (step === "reset") return void req.socket.destroy();
      res.writeHead(step.status, { "content-type": "application/json" });
      res.end(JSON.stringify(step.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const META = {
  current_page: 1,
  next_page: null,
  prev_page: null,
  total_pages: 1,
  total_count: 1,
  per_page: 100,
};
const INVOICE = {
  id: "inv-1",
  number: "INV-001",
  status: "unpaid",
  issue_date: "2024-03-01",
  due_date: "2024-03-31",
  created_at: "2024-03-01T10:00:00.000Z",
  currency: "EUR",
  total_amount: { value: "24.00", currency: "EUR" },
  vat_amount: { value: "4.00", currency: "EUR" },
  items: [],
  client: { id: CLIENT_ID, name: "Acme" },
};
const createdAnswer: Step = { status: 200, body: { client_invoice: INVOICE } };
const listAnswer: Step = { status: 200, body: { client_invoices: [INVOICE], meta: META } };
const failure = (status: number): Step => ({
  status,
  body: { errors: [{ code: `e${status}`, detail: `status ${status}` }] },
});

describe("client invoices against a scripted server", () => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const thing of open.splice(0)) await thing.close();
  });
  async function setup(steps: Step[]) {
    const server = await scriptedServer(steps);
    const api = apiOn(server.url);
    open.push(api, server);
    return { server, api };
  }

  it("POSTs the payload as JSON to /v2/client_invoices", async () => {
    const { server, api } = await setup([createdAnswer]);
    const payload = invoice("INV-001");
    expect((await api.createInvoice(payload)).id).toBe("inv-1");
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: "POST", url: "/v2/client_invoices" });
    expect(JSON.parse(server.requests[0]!.body)).toEqual(payload);
  });

  it("sends the list's query parameters as Qonto names them", async () => {
    const { server, api } = await setup([listAnswer]);
    await api.listInvoices({
      page: 2,
      perPage: 50,
      status: ["draft", "unpaid"],
      createdAtFrom: "2024-01-01T00:00:00Z",
      createdAtTo: "2024-12-31T23:59:59Z",
      sort: "created_at:desc",
      excludeImported: false,
    });
    await api.listInvoices();
    await api.listAllInvoices();
    const [full, bare, all] = server.requests.map((r) => new URL(r.url, "http://x"));
    expect(full?.pathname).toBe("/v2/client_invoices");
    expect(Object.fromEntries(full!.searchParams)).toEqual({
      page: "2",
      per_page: "50",
      "filter[status]": "draft,unpaid",
      "filter[created_at_from]": "2024-01-01T00:00:00Z",
      "filter[created_at_to]": "2024-12-31T23:59:59Z",
      sort_by: "created_at:desc",
      exclude_imported: "false",
    });
    expect(bare?.search).toBe("");
    expect(Object.fromEntries(all!.searchParams)).toEqual({
      page: "1",
      per_page: "100",
      sort_by: "created_at:asc",
    });
  });

  it("a POST answered 503 is not retried, and is ambiguous", async () => {
    const { server, api } = await setup([failure(503), createdAnswer]);
    const err = await rejection(api.createInvoice(invoice("INV-001")));
    expect({ kind: err.kind, status: err.status, ambiguous: err.ambiguous, fatal: err.fatal }).toEqual({
      kind: "http",
      status: 503,
      ambiguous: true,
      fatal: false,
    });
    expect(server.requests).toHaveLength(1);
    expect(api.stats().retries).toBe(0);
  });

  it("a POST whose connection is reset after sending is not retried, and is ambiguous", async () => {
    const { server, api } = await setup(["reset", createdAnswer]);
    const err = await rejection(api.createInvoice(invoice("INV-001")));
    expect({ kind: err.kind, status: err.status, ambiguous: err.ambiguous }).toEqual({
      kind: "network",
      status: undefined,
      ambiguous: true,
    });
    expect(server.requests).toHaveLength(1);
  });

  it("a GET of the list is retried after a 503 and after a reset", async () => {
    const { server, api } = await setup([failure(503), "reset", listAnswer]);
    const { invoices } = await api.listInvoices();
    expect(invoices.map((i) => i.id)).toEqual(["inv-1"]);
    expect(server.requests).toHaveLength(3);
    expect(api.stats()).toMatchObject({ retries: 2, byStatus: { "503": 1, network: 1, "200": 1 } });
  });

  it("a 409 without a detail still names its code", async () => {
    const { api } = await setup([
      {
        status: 409,
        body: {
          errors: [{ status: "409", code: "invoice_number_already_exists", source: { pointer: "/number" } }],
        },
      },
    ]);
    const err = await rejection(api.createInvoice(invoice("INV-001")));
    expect(err.entries).toEqual([{ code: "invoice_number_already_exists", detail: "", pointer: "/number" }]);
    expect(err.message).toBe("POST /v2/client_invoices: 409 invoice_number_already_exists");
    expect(err.ambiguous).toBe(false);
  });

  it("a 2xx without a client_invoice is an unexpected answer that stops the api, and may have created it", async () => {
    const { server, api } = await setup([{ status: 200, body: { client: { id: "c-1" } } }]);
    const err = await rejection(api.createInvoice(invoice("INV-001")));
    expect({ unexpectedAnswer: err.unexpectedAnswer, fatal: err.fatal, ambiguous: err.ambiguous }).toEqual({
      unexpectedAnswer: true,
      fatal: true,
      ambiguous: true,
    });
    expect(err.message).toContain('"client_invoice"');
    expect(api.stopReason()).toContain("client_invoice");
    const again = await rejection(api.listInvoices());
    expect(again.notSent).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it("a 2xx list without client_invoices or its meta is an unexpected answer", async () => {
    const { api } = await setup([{ status: 200, body: { clients: [], meta: META } }]);
    const err = await rejection(api.listAllInvoices());
    expect(err.unexpectedAnswer).toBe(true);
    expect(err.message).toContain('a list of "client_invoices"');
    const { api: noMeta } = await setup([{ status: 200, body: { client_invoices: [] } }]);
    expect((await rejection(noMeta.listInvoices())).unexpectedAnswer).toBe(true);
  });
});
