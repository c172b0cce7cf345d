import { appendFile, mkdtemp, readFile } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../src/emulator/index.js";
import { isValidIban } from "../src/emulator/invoice-read.js";

const AUTH = "emulator-org:emulator-secret";
const CLIENT_ID = "11111111-1111-4111-8111-111111111111";
const SEED = [{ id: CLIENT_ID, kind: "company", name: "Acme", currency: "EUR", locale: "fr" }];
// A valid French IBAN (ISO 13616 check digits 14).
const IBAN = "FR1420041010050500013M02606";

interface Answer {
  status: number | null;
  body: string;
}

function call(e: RunningEmulator, method: string, path: string, body?: unknown): Promise<Answer> {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
    const req = httpRequest(
      `${e.url}${path}`,
      {
        method,
        agent: false,
        headers: {
          authorization: AUTH,
          ...(payload === undefined ? {} : { "content-type": "application/json" }),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? null, body: text }));
        res.on("error", () => resolve({ status: null, body: "" }));
      },
    );
    req.on("error", () => resolve({ status: null, body: "" }));
    req.end(payload);
  });
}

async function withEmulator<T>(options: EmulatorOptions, fn: (e: RunningEmulator) => Promise<T>): Promise<T> {
  const emulator = await startEmulator({ seedClients: SEED, ...options });
  try {
    return await fn(emulator);
  } finally {
    await emulator.close();
  }
}

type Json = Record<string, unknown>;

const item = (over: Json = {}): Json => ({
  title: "Consulting",
  quantity: "1",
  unit_price: { value: "100.00", currency: "EUR" },
  vat_rate: "0.2",
  ...over,
});

const invoice = (over: Json = {}): Json => ({
  client_id: CLIENT_ID,
  issue_date: "2024-03-01",
  due_date: "2024-03-31",
  currency: "EUR",
  payment_methods: { iban: IBAN },
  number: "INV-001",
  items: [item()],
  ...over,
});

/** Drops a key, possibly nested: without(invoice(), "payment_methods"). */
function without(obj: Json, key: string): Json {
  const copy = { ...obj };
  delete copy[key];
  return copy;
}

interface Case {
  name: string;
  payload: Json;
  orgCountry?: string;
  /** undefined: must be accepted. */
  error?: { code: string; pointer: string };
}

const cases: Case[] = [
  { name: "minimal valid invoice", payload: invoice() },
  {
    name: "client_id missing",
    payload: without(invoice(), "client_id"),
    error: { code: "missing_key", pointer: "/client_id" },
  },
  {
    name: "client_id unknown",
    payload: invoice({ client_id: "nope" }),
    error: { code: "invalid_client_id", pointer: "/client_id" },
  },
  {
    name: "issue_date missing",
    payload: without(invoice(), "issue_date"),
    error: { code: "missing_key", pointer: "/issue_date" },
  },
  {
    name: "issue_date not a date",
    payload: invoice({ issue_date: "01/03/2024" }),
    error: { code: "invalid_format", pointer: "/issue_date" },
  },
  {
    name: "issue_date impossible",
    payload: invoice({ issue_date: "2023-02-29" }),
    error: { code: "invalid_format", pointer: "/issue_date" },
  },
  { name: "leap day is valid", payload: invoice({ issue_date: "2024-02-29" }) },
  {
    name: "due_date missing",
    payload: without(invoice(), "due_date"),
    error: { code: "missing_key", pointer: "/due_date" },
  },
  {
    name: "due_date before issue_date",
    payload: invoice({ due_date: "2024-02-01" }),
    error: { code: "invalid_value", pointer: "/due_date" },
  },
  { name: "due_date equal to issue_date", payload: invoice({ due_date: "2024-03-01" }) },
  {
    name: "currency missing",
    payload: without(invoice(), "currency"),
    error: { code: "missing_key", pointer: "/currency" },
  },
  {
    name: "currency USD",
    payload: invoice({ currency: "USD" }),
    error: { code: "invalid_value", pointer: "/currency" },
  },
  {
    name: "number missing",
    payload: without(invoice(), "number"),
    error: { code: "missing_key", pointer: "/number" },
  },
  { name: "number of 40 characters", payload: invoice({ number: "N".repeat(40) }) },
  {
    name: "number of 41 characters",
    payload: invoice({ number: "N".repeat(41) }),
    error: { code: "too_long", pointer: "/number" },
  },
  { name: "purchase_order of 40", payload: invoice({ purchase_order: "P".repeat(40) }) },
  {
    name: "purchase_order of 41",
    payload: invoice({ purchase_order: "P".repeat(41) }),
    error: { code: "too_long", pointer: "/purchase_order" },
  },
  { name: "terms of 525", payload: invoice({ terms_and_conditions: "t".repeat(525) }) },
  {
    name: "terms of 526",
    payload: invoice({ terms_and_conditions: "t".repeat(526) }),
    error: { code: "too_long", pointer: "/terms_and_conditions" },
  },
  { name: "status draft", payload: invoice({ status: "draft" }) },
  {
    name: "status paid refused",
    payload: invoice({ status: "paid" }),
    error: { code: "invalid_value", pointer: "/status" },
  },
  {
    name: "performance period",
    payload: invoice({ performance_start_date: "2024-02-01", performance_end_date: "2024-02-29" }),
  },
  {
    name: "performance single day",
    payload: invoice({ performance_start_date: "2024-02-01", performance_end_date: "2024-02-01" }),
  },
  { name: "performance start only", payload: invoice({ performance_start_date: "2024-02-01" }) },
  {
    name: "performance end without start",
    payload: invoice({ performance_end_date: "2024-02-29" }),
    error: { code: "missing_key", pointer: "/performance_start_date" },
  },
  {
    name: "performance start after end",
    payload: invoice({ performance_start_date: "2024-03-01", performance_end_date: "2024-02-29" }),
    error: { code: "invalid_value", pointer: "/performance_end_date" },
  },
  {
    name: "payment_methods missing",
    payload: without(invoice(), "payment_methods"),
    error: { code: "missing_key", pointer: "/payment_methods" },
  },
  { name: "payment_methods without iban", payload: invoice({ payment_methods: {} }) },
  {
    name: "iban with spaces and lower case",
    payload: invoice({ payment_methods: { iban: "fr14 2004 1010 0505 0001 3m02 606" } }),
  },
  {
    name: "iban with wrong check digits",
    payload: invoice({ payment_methods: { iban: "FR1520041010050500013M02606" } }),
    error: { code: "invalid_format", pointer: "/payment_methods/iban" },
  },
  {
    name: "iban not an iban",
    payload: invoice({ payment_methods: { iban: "12345" } }),
    error: { code: "invalid_format", pointer: "/payment_methods/iban" },
  },
  {
    name: "items missing",
    payload: without(invoice(), "items"),
    error: { code: "missing_key", pointer: "/items" },
  },
  { name: "items empty", payload: invoice({ items: [] }), error: { code: "missing_key", pointer: "/items" } },
  {
    name: "items not an array",
    payload: invoice({ items: item() }),
    error: { code: "invalid_type", pointer: "/items" },
  },
  {
    name: "item not an object",
    payload: invoice({ items: ["x"] }),
    error: { code: "invalid_type", pointer: "/items/0" },
  },
  {
    name: "item title missing",
    payload: invoice({ items: [item(), without(item(), "title")] }),
    error: { code: "missing_key", pointer: "/items/1/title" },
  },
  {
    name: "item title blank",
    payload: invoice({ items: [item({ title: "  " })] }),
    error: { code: "missing_key", pointer: "/items/0/title" },
  },
  {
    name: "item quantity missing",
    payload: invoice({ items: [without(item(), "quantity")] }),
    error: { code: "missing_key", pointer: "/items/0/quantity" },
  },
  {
    name: "item quantity a number",
    payload: invoice({ items: [item({ quantity: 2 })] }),
    error: { code: "invalid_type", pointer: "/items/0/quantity" },
  },
  {
    name: "item quantity not decimal",
    payload: invoice({ items: [item({ quantity: "2,5" })] }),
    error: { code: "invalid_format", pointer: "/items/0/quantity" },
  },
  {
    name: "item quantity zero",
    payload: invoice({ items: [item({ quantity: "0" })] }),
    error: { code: "invalid_value", pointer: "/items/0/quantity" },
  },
  {
    name: "item quantity negative",
    payload: invoice({ items: [item({ quantity: "-1" })] }),
    error: { code: "invalid_value", pointer: "/items/0/quantity" },
  },
  { name: "item quantity decimal", payload: invoice({ items: [item({ quantity: "0.5" })] }) },
  {
    name: "item unit_price missing",
    payload: invoice({ items: [without(item(), "unit_price")] }),
    error: { code: "missing_key", pointer: "/items/0/unit_price" },
  },
  {
    name: "item unit_price value missing",
    payload: invoice({ items: [item({ unit_price: { currency: "EUR" } })] }),
    error: { code: "missing_key", pointer: "/items/0/unit_price/value" },
  },
  {
    name: "item unit_price 3 decimals",
    payload: invoice({ items: [item({ unit_price: { value: "1.005", currency: "EUR" } })] }),
    error: { code: "invalid_format", pointer: "/items/0/unit_price/value" },
  },
  {
    name: "item unit_price negative",
    payload: invoice({ items: [item({ unit_price: { value: "-10.00", currency: "EUR" } })] }),
    error: { code: "invalid_value", pointer: "/items/0/unit_price/value" },
  },
  {
    name: "item unit_price 0",
    payload: invoice({ items: [item({ unit_price: { value: "0.00", currency: "EUR" } })] }),
  },
  {
    name: "item unit_price currency missing",
    payload: invoice({ items: [item({ unit_price: { value: "1" } })] }),
    error: { code: "missing_key", pointer: "/items/0/unit_price/currency" },
  },
  {
    name: "item unit_price currency GBP",
    payload: invoice({ items: [item({ unit_price: { value: "1", currency: "GBP" } })] }),
    error: { code: "invalid_value", pointer: "/items/0/unit_price/currency" },
  },
  {
    name: "item vat_rate missing",
    payload: invoice({ items: [without(item(), "vat_rate")] }),
    error: { code: "missing_key", pointer: "/items/0/vat_rate" },
  },
  {
    name: "item vat_rate as percent",
    payload: invoice({ items: [item({ vat_rate: "20" })] }),
    error: { code: "invalid_value", pointer: "/items/0/vat_rate" },
  },
  { name: "item vat_rate 0.055", payload: invoice({ items: [item({ vat_rate: "0.055" })] }) },
  {
    name: "item vat_rate negative",
    payload: invoice({ items: [item({ vat_rate: "-0.2" })] }),
    error: { code: "invalid_value", pointer: "/items/0/vat_rate" },
  },
  // Contract silent on which rates: an organization's lines take its country's (FR, IT, ES, DE), any for others.
  ...(
    [
      [
        "FR",
        ["0.2", "0.20", "0.13", "0.1", "0.085", "0.055", "0.021", "0.0175", "0.0105", "0.009"],
        ["0.33", "0.19", "0.22", "0.196"],
      ],
      ["IT", ["0.22", "0.1", "0.05", "0.04"], ["0.2", "0.21"]],
      ["ES", ["0.21", "0.1", "0.05", "0.04"], ["0.2", "0.07"]],
      ["DE", ["0.19", "0.07"], ["0.2", "0.16"]],
      ["BE", ["0.21", "0.06", "0.33"], []],
    ] as const
  ).flatMap(([orgCountry, accepted, refused]): Case[] => [
    ...accepted.map((rate) => ({
      name: `item vat_rate ${rate} for an organization in ${orgCountry}`,
      orgCountry,
      payload: invoice({ items: [item({ vat_rate: rate })] }),
    })),
    ...refused.map((rate) => ({
      name: `item vat_rate ${rate} refused for an organization in ${orgCountry}`,
      orgCountry,
      payload: invoice({ items: [item({ vat_rate: rate })] }),
      error: { code: "invalid_value", pointer: "/items/0/vat_rate" },
    })),
  ]),
  {
    name: "item vat_rate 0",
    payload: invoice({ items: [item({ vat_rate: "0", vat_exemption_reason: "S262" })] }),
  },
  {
    name: "item discount percentage",
    payload: invoice({ items: [item({ discount: { type: "percentage", value: "0.1" } })] }),
  },
  {
    name: "item discount type unknown",
    payload: invoice({ items: [item({ discount: { type: "fixed", value: "1" } })] }),
    error: { code: "invalid_value", pointer: "/items/0/discount/type" },
  },
  {
    name: "item discount percentage above 1",
    payload: invoice({ items: [item({ discount: { type: "percentage", value: "10" } })] }),
    error: { code: "invalid_value", pointer: "/items/0/discount/value" },
  },
  {
    name: "item discount absolute above line",
    payload: invoice({ items: [item({ discount: { type: "absolute", value: "100.01" } })] }),
    error: { code: "invalid_value", pointer: "/items/0/discount/value" },
  },
  {
    name: "item discount absolute equal to line",
    payload: invoice({ items: [item({ discount: { type: "absolute", value: "100.00" } })] }),
  },
  ...(
    [
      "report_einvoicing",
      "welfare_fund",
      "withholding_tax",
      "stamp_duty_amount",
      "payment_reporting",
    ] as const
  ).map((key): Case => ({
    name: `${key} refused for a French organization`,
    payload: invoice({
      [key]: {
        report_einvoicing: true,
        welfare_fund: { type: "TC01", rate: "0.04" },
        withholding_tax: { reason: "RF01", rate: "0.2", payment_reason: "A" },
        stamp_duty_amount: "2.00",
        payment_reporting: { conditions: "TP02", method: "MP05" },
      }[key],
    }),
    error: { code: "invalid_value", pointer: `/${key}` },
  })),
  {
    name: "Italian fields accepted for an Italian organization",
    orgCountry: "IT",
    payload: invoice({
      items: [item({ vat_rate: "0.22" })],
      report_einvoicing: false,
      welfare_fund: { type: "TC01", rate: "0.04" },
      withholding_tax: { reason: "RF01", rate: "0.2", payment_reason: "A" },
      stamp_duty_amount: "2.00",
      payment_reporting: { conditions: "TP02", method: "MP05" },
    }),
  },
  {
    name: "Italian stamp duty too short",
    orgCountry: "IT",
    payload: invoice({ stamp_duty_amount: "2" }),
    error: { code: "invalid_format", pointer: "/stamp_duty_amount" },
  },
  {
    name: "Italian payment_reporting bad code",
    orgCountry: "IT",
    payload: invoice({ payment_reporting: { conditions: "TP09", method: "MP05" } }),
    error: { code: "invalid_value", pointer: "/payment_reporting/conditions" },
  },
];

describe("POST /v2/client_invoices validation", () => {
  for (const c of cases) {
    it(c.name, async () => {
      await withEmulator({ orgCountry: c.orgCountry ?? "FR" }, async (e) => {
        const answer = await call(e, "POST", "/v2/client_invoices", c.payload);
        const body = JSON.parse(answer.body);
        if (c.error === undefined) {
          expect(answer.status, answer.body).toBe(200);
          expect(body.client_invoice.id).toMatch(/^[0-9a-f-]{36}$/);
        } else {
          expect(answer.status).toBe(422);
          expect(body.errors).toContainEqual(
            expect.objectContaining({ code: c.error.code, source: { pointer: c.error.pointer } }),
          );
          expect(e.invoices()).toHaveLength(0);
        }
      });
    });
  }

  it("reports every error at once, in Qonto's JSON:API shape", async () => {
    await withEmulator({}, async (e) => {
      const answer = await call(e, "POST", "/v2/client_invoices", {
        currency: "USD",
        number: "N".repeat(41),
        payment_methods: { iban: "FR00" },
        items: [{ quantity: "x" }],
      });
      expect(answer.status).toBe(422);
      const { errors } = JSON.parse(answer.body) as { errors: Json[] };
      expect(errors.map((x) => (x.source as Json).pointer)).toEqual([
        "/client_id",
        "/issue_date",
        "/due_date",
        "/currency",
        "/payment_methods/iban",
        "/items/0/title",
        "/items/0/quantity",
        "/items/0/unit_price",
        "/items/0/vat_rate",
        "/number",
      ]);
      expect(errors[0]).toEqual({
        status: "unprocessable entity",
        code: "missing_key",
        detail: "client_id is missing",
        source: { pointer: "/client_id" },
      });
    });
  });

  it("refuses an invoice due before it is issued with a 422 naming /due_date (contract silent: harsher)", async () => {
    await withEmulator({}, async (e) => {
      const answer = await call(
        e,
        "POST",
        "/v2/client_invoices",
        invoice({ issue_date: "2024-03-01", due_date: "2024-02-29" }),
      );
      expect(answer.status).toBe(422);
      expect(JSON.parse(answer.body)).toEqual({
        errors: [
          {
            status: "unprocessable entity",
            code: "invalid_value",
            detail: "due_date must be on or after issue_date",
            source: { pointer: "/due_date" },
          },
        ],
      });
      expect(e.invoices()).toEqual([]);
    });
  });

  it("answers 400 malformed_json to a body that is not JSON", async () => {
    await withEmulator({}, async (e) => {
      const answer = await call(e, "POST", "/v2/client_invoices", "{nope");
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body).errors[0].code).toBe("malformed_json");
    });
  });

  it("checks IBAN check digits (ISO 13616)", () => {
    expect(isValidIban("DE89370400440532013000")).toBe(true);
    expect(isValidIban("GB82WEST12345698765432")).toBe(true);
    expect(isValidIban("DE88370400440532013000")).toBe(false);
  });
});

describe("POST /v2/client_invoices totals", () => {
  async function totals(items: Json[]) {
    return withEmulator({}, async (e) => {
      const answer = await call(e, "POST", "/v2/client_invoices", invoice({ items }));
      expect(answer.status, answer.body).toBe(200);
      return JSON.parse(answer.body).client_invoice;
    });
  }

  it("computes one line at 20 %", async () => {
    const inv = await totals([item({ quantity: "3", unit_price: { value: "19.99", currency: "EUR" } })]);
    expect(inv.items[0]).toMatchObject({
      unit_price_cents: 1999,
      subtotal: { value: "59.97", currency: "EUR" },
      subtotal_cents: 5997,
      total_vat: { value: "11.99", currency: "EUR" }, // 11.994 → 11.99
      total_vat_cents: 1199,
      total_amount: { value: "71.96", currency: "EUR" },
      total_amount_cents: 7196,
      discount: null,
    });
    expect(inv).toMatchObject({
      total_amount: { value: "71.96", currency: "EUR" },
      total_amount_cents: 7196,
      vat_amount: { value: "11.99", currency: "EUR" },
      vat_amount_cents: 1199,
      status: "unpaid",
      currency: "EUR",
    });
  });

  it("sums several lines at 0, 5.5, 10 and 20 %, rounding each line half up", async () => {
    const inv = await totals([
      item({ quantity: "1", unit_price: { value: "10.00", currency: "EUR" }, vat_rate: "0" }),
      item({ quantity: "1", unit_price: { value: "10.10", currency: "EUR" }, vat_rate: "0.055" }), // 0.5555 → 0.56
      item({ quantity: "2.5", unit_price: { value: "4.33", currency: "EUR" }, vat_rate: "0.1" }), // 10.825 → 10.83; 1.083 → 1.08
      item({ quantity: "1", unit_price: { value: "0.05", currency: "EUR" }, vat_rate: "0.2" }), // 0.01
    ]);
    expect(
      inv.items.map((i: Json) => [
        (i.subtotal as Json).value,
        (i.total_vat as Json).value,
        (i.total_amount as Json).value,
      ]),
    ).toEqual([
      ["10.00", "0.00", "10.00"],
      ["10.10", "0.56", "10.66"],
      ["10.83", "1.08", "11.91"],
      ["0.05", "0.01", "0.06"],
    ]);
    expect(inv.vat_amount).toEqual({ value: "1.65", currency: "EUR" });
    expect(inv.total_amount).toEqual({ value: "32.63", currency: "EUR" });
    expect(inv.total_amount_cents).toBe(3263);
  });

  it("applies percentage and absolute discounts before VAT", async () => {
    const inv = await totals([
      item({
        quantity: "3",
        unit_price: { value: "33.33", currency: "EUR" },
        discount: { type: "percentage", value: "0.15" },
      }),
      item({
        quantity: "1",
        unit_price: { value: "50.00", currency: "EUR" },
        vat_rate: "0.1",
        discount: { type: "absolute", value: "5.50" },
      }),
    ]);
    // 99.99 × 0.15 = 14.9985 → 15.00; subtotal 84.99; VAT 16.998 → 17.00
    expect(inv.items[0]).toMatchObject({
      discount: { type: "percentage", value: "0.15", amount: { value: "15.00", currency: "EUR" } },
      subtotal: { value: "84.99" },
      total_vat: { value: "17.00" },
      total_amount: { value: "101.99" },
    });
    // 50 − 5.50 = 44.50; VAT 4.45
    expect(inv.items[1]).toMatchObject({
      discount: { type: "absolute", value: "5.50", amount: { value: "5.50", currency: "EUR" } },
      subtotal: { value: "44.50" },
      total_vat: { value: "4.45" },
      total_amount: { value: "48.95" },
    });
    expect(inv.total_amount).toEqual({ value: "150.94", currency: "EUR" });
    expect(inv.vat_amount).toEqual({ value: "21.45", currency: "EUR" });
  });

  it("returns id, timestamps, the client and the payment method", async () => {
    await withEmulator({}, async (e) => {
      const answer = await call(
        e,
        "POST",
        "/v2/client_invoices",
        invoice({ status: "draft", payment_methods: { iban: "fr14 2004 1010 0505 0001 3m02 606" } }),
      );
      const inv = JSON.parse(answer.body).client_invoice;
      expect(inv.status).toBe("draft");
      expect(inv.finalized_at).toBeNull();
      expect(Number.isNaN(Date.parse(inv.created_at))).toBe(false);
      expect(inv.client).toMatchObject({ id: CLIENT_ID, name: "Acme", type: "company" });
      expect(inv.payment_methods).toEqual([
        { beneficiary_name: null, bic: null, iban: IBAN, type: "transfer" },
      ]);
      expect(e.invoices()).toEqual([inv]);
    });
  });
});

describe("invoice numbers", () => {
  it("answers 409 invoice_number_already_exists to a number already used", async () => {
    await withEmulator({}, async (e) => {
      expect((await call(e, "POST", "/v2/client_invoices", invoice())).status).toBe(200);
      const again = await call(e, "POST", "/v2/client_invoices", invoice({ number: " INV-001 " }));
      expect(again.status).toBe(409);
      expect(JSON.parse(again.body).errors).toEqual([
        expect.objectContaining({ code: "invoice_number_already_exists", source: { pointer: "/number" } }),
      ]);
      expect((await call(e, "POST", "/v2/client_invoices", invoice({ number: "INV-002" }))).status).toBe(200);
      expect(e.invoices()).toHaveLength(2);
    });
  });
});

describe("GET /v2/client_invoices", () => {
  async function seeded(e: RunningEmulator): Promise<void> {
    for (let i = 1; i <= 5; i++) {
      const answer = await call(
        e,
        "POST",
        "/v2/client_invoices",
        invoice({ number: `INV-${i}`, status: i % 2 === 0 ? "draft" : "unpaid" }),
      );
      expect(answer.status).toBe(200);
    }
  }
  const numbers = (body: string) => (JSON.parse(body).client_invoices as Json[]).map((i) => i.number);

  it("paginates, newest first by default", async () => {
    await withEmulator({}, async (e) => {
      await seeded(e);
      const first = await call(e, "GET", "/v2/client_invoices?per_page=2");
      expect(numbers(first.body)).toEqual(["INV-5", "INV-4"]);
      expect(JSON.parse(first.body).meta).toEqual({
        current_page: 1,
        next_page: 2,
        prev_page: null,
        total_pages: 3,
        total_count: 5,
        per_page: 2,
      });
      const last = await call(e, "GET", "/v2/client_invoices?per_page=2&page=3&sort_by=created_at:asc");
      expect(numbers(last.body)).toEqual(["INV-5"]);
      expect(JSON.parse(last.body).meta).toMatchObject({ current_page: 3, next_page: null, prev_page: 2 });
    });
  });

  it("filters by status (comma-separated) and created_at/updated_at ranges", async () => {
    await withEmulator({}, async (e) => {
      await seeded(e);
      expect(
        numbers(
          (await call(e, "GET", "/v2/client_invoices?filter[status]=draft&sort_by=created_at:asc")).body,
        ),
      ).toEqual(["INV-2", "INV-4"]);
      expect(
        numbers((await call(e, "GET", "/v2/client_invoices?filter[status]=draft,unpaid")).body),
      ).toHaveLength(5);
      expect(numbers((await call(e, "GET", "/v2/client_invoices?filter[status]=paid")).body)).toEqual([]);
      const all = e.invoices();
      const third = all[2]!;
      const from = encodeURIComponent(third.created_at);
      expect(
        numbers(
          (await call(e, "GET", `/v2/client_invoices?filter[created_at_from]=${from}&sort_by=created_at:asc`))
            .body,
        ),
      ).toEqual(["INV-3", "INV-4", "INV-5"]);
      expect(
        numbers(
          (await call(e, "GET", `/v2/client_invoices?filter[created_at_to]=${from}&sort_by=created_at:asc`))
            .body,
        ),
      ).toEqual(["INV-1", "INV-2", "INV-3"]);
      const upd = encodeURIComponent(third.updated_at);
      expect(
        numbers(
          (
            await call(
              e,
              "GET",
              `/v2/client_invoices?filter[updated_at_from]=${upd}&filter[updated_at_to]=${upd}`,
            )
          ).body,
        ),
      ).toEqual(["INV-3"]);
      expect((await call(e, "GET", "/v2/client_invoices?exclude_imported=false")).status).toBe(200);
    });
  });

  it.each([
    ["filter[status]=late", "filter[status]"],
    ["filter[created_at_from]=yesterday", "filter[created_at_from]"],
    ["filter[number]=INV-1", "filter[number]"],
    ["sort_by=number:asc", "sort_by"],
    ["per_page=101", "per_page"],
    ["page=0", "page"],
    ["exclude_imported=maybe", "exclude_imported"],
  ])("refuses %s with 400 invalid_parameter", async (query, parameter) => {
    await withEmulator({}, async (e) => {
      const answer = await call(e, "GET", `/v2/client_invoices?${query}`);
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body).errors[0]).toMatchObject({
        code: "invalid_parameter",
        source: { parameter },
      });
    });
  });
});

describe("invoice routes share auth, faults, stats and persistence", () => {
  it("requires credentials and counts the routes", async () => {
    await withEmulator({}, async (e) => {
      const noAuth = await new Promise<number | undefined>((resolve) => {
        httpRequest(`${e.url}/v2/client_invoices`, { agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode);
        }).end();
      });
      expect(noAuth).toBe(401);
      await call(e, "POST", "/v2/client_invoices", invoice());
      expect((await call(e, "DELETE", "/v2/client_invoices")).status).toBe(405);
      expect(e.stats()).toMatchObject({
        client_invoices: 1,
        byRoute: {
          "GET /v2/client_invoices": 1,
          "POST /v2/client_invoices": 1,
          "DELETE /v2/client_invoices": 1,
        },
      });
    });
  });

  it("commits the invoice when the response is lost, so a retry gets 409", async () => {
    await withEmulator({ faults: { seed: 7, lostResponseRate: 1 } }, async (e) => {
      const lost = await call(e, "POST", "/v2/client_invoices", invoice());
      expect(lost.status).toBeNull();
      expect(e.invoices().map((i) => i.number)).toEqual(["INV-001"]);
      expect(e.stats().faults.lost).toBe(1);
      const retry = await call(e, "POST", "/v2/client_invoices", invoice());
      expect(retry.status).toBe(409);
    });
  });

  it("does nothing on an injected failure", async () => {
    await withEmulator({ faults: { seed: 7, failRate: 1 } }, async (e) => {
      const failed = await call(e, "POST", "/v2/client_invoices", invoice());
      expect([500, 502, 503]).toContain(failed.status);
      expect(e.invoices()).toHaveLength(0);
    });
  });

  it("keeps invoices in the data file across a restart, and reads files without invoices", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-emu-inv-"));
    const dataFile = join(dir, "state.ndjson");
    // An old journal, written before invoices existed: clients only.
    const old = await withEmulator({ dataFile }, async (e) => e.clients());
    expect(old).toHaveLength(1);
    const before = await withEmulator({ dataFile }, async (e) => {
      expect(e.clients()).toEqual(old);
      expect((await call(e, "POST", "/v2/client_invoices", invoice())).status).toBe(200);
      expect(
        (await call(e, "POST", "/v2/client_invoices", invoice({ number: "INV-002", status: "draft" })))
          .status,
      ).toBe(200);
      return e.invoices();
    });
    expect(await readFile(dataFile, "utf8")).toContain('"put_invoice"');
    await appendFile(dataFile, '{"put_invoice": {"id": "half');
    await withEmulator({ dataFile }, async (e) => {
      expect(e.invoices()).toEqual(before);
      expect((await call(e, "POST", "/v2/client_invoices", invoice())).status).toBe(409);
      const list = await call(e, "GET", "/v2/client_invoices?sort_by=created_at:asc");
      expect(numbersOf(list.body)).toEqual(["INV-001", "INV-002"]);
    });
  });
});

function numbersOf(body: string): unknown[] {
  return (JSON.parse(body).client_invoices as Json[]).map((i) => i.number);
}
