import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_EMULATOR_CREDENTIALS,
  loadSeedFile,
  startEmulator,
  type EmulatorClient,
  type EmulatorOptions,
  type RunningEmulator,
} from "../src/emulator/index.js";

const API_KEY = "emulator-org:emulator-secret";
const BEARER = "Bearer emulator-token";

interface ApiError {
  code: string;
  detail: string;
  status?: string;
  source?: { pointer?: string; parameter?: string };
}
interface ErrorBody {
  errors: ApiError[];
}
interface ClientBody {
  client: EmulatorClient;
}
interface ListBody {
  clients: EmulatorClient[];
  meta: {
    current_page: number;
    next_page: number | null;
    prev_page: number | null;
    total_pages: number;
    total_count: number;
    per_page: number;
  };
}
interface Reply<T> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

interface CallOptions {
  /** null sends no Authorization header. */
  auth?: string | null;
  body?: unknown;
  rawBody?: string;
}

async function call<T>(
  emu: RunningEmulator,
  method: string,
  path: string,
  opts: CallOptions = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  const auth = opts.auth === undefined ? API_KEY : opts.auth;
  if (auth !== null) headers["authorization"] = auth;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${emu.url}${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: (text ? JSON.parse(text) : undefined) as T };
}

function query(params: Record<string, string | number>): string {
  return (
    "?" +
    new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString()
  );
}

async function listNames(emu: RunningEmulator, params: Record<string, string | number>): Promise<string[]> {
  const res = await call<ListBody>(emu, "GET", `/v2/clients${query(params)}`);
  expect(res.status).toBe(200);
  return res.body.clients.map((c) => c.name);
}

/** Starts an emulator for the enclosing describe block. */
function useEmulator(options: EmulatorOptions = {}): () => RunningEmulator {
  let emu: RunningEmulator | undefined;
  beforeAll(async () => {
    emu = await startEmulator(options);
  });
  afterAll(async () => {
    await emu?.close();
  });
  return () => {
    if (!emu) throw new Error("emulator not started");
    return emu;
  };
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("authentication", () => {
  const emu = useEmulator();
  const company = { kind: "company", name: "Auth Test SAS" };

  it.each([
    ["GET", "missing", null, "authorization_header_missing", "authorization header missing"],
    [
      "GET",
      "wrong secret",
      "emulator-org:wrong",
      "authorization_token_invalid",
      "authorization token invalid",
    ],
    ["GET", "wrong token", "Bearer nope", "authorization_token_invalid", "authorization token invalid"],
    ["GET", "garbage", "nonsense", "authorization_token_invalid", "authorization token invalid"],
    ["POST", "missing", null, "authorization_header_missing", "authorization header missing"],
    [
      "POST",
      "wrong secret",
      "emulator-org:wrong",
      "authorization_token_invalid",
      "authorization token invalid",
    ],
    [
      "POST",
      "wrong login",
      "other-org:emulator-secret",
      "authorization_token_invalid",
      "authorization token invalid",
    ],
    ["POST", "wrong token", "Bearer nope", "authorization_token_invalid", "authorization token invalid"],
  ] as const)("%s with %s authorization → 401", async (method, _label, auth, code, detail) => {
    const res = await call<ErrorBody>(emu(), method, "/v2/clients", {
      auth,
      ...(method === "POST" ? { body: company } : {}),
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ errors: [{ code, detail }] });
  });

  it("a rejected POST creates nothing", () => {
    expect(emu().clients()).toHaveLength(0);
    expect(emu().requestCount().byRoute["POST /v2/clients"]).toBe(4);
  });

  it("checks auth before routing and body parsing", async () => {
    expect((await call(emu(), "GET", "/nowhere", { auth: null })).status).toBe(401);
    expect((await call(emu(), "POST", "/v2/clients", { auth: "x:y", rawBody: "{not json" })).status).toBe(
      401,
    );
  });

  it.each([
    ["API key", API_KEY],
    ["Bearer token", BEARER],
    ["lower-case bearer scheme", "bearer emulator-token"],
  ])("accepts %s on GET and POST", async (_label, auth) => {
    expect((await call(emu(), "GET", "/v2/clients", { auth })).status).toBe(200);
    const created = await call<ClientBody>(emu(), "POST", "/v2/clients", { auth, body: company });
    expect(created.status).toBe(200);
    expect(created.body.client.name).toBe("Auth Test SAS");
  });

  it("honours custom credentials", async () => {
    const custom = await startEmulator({
      credentials: { apiKeys: [{ login: "a", secretKey: "b" }], accessTokens: [] },
    });
    try {
      expect((await call(custom, "GET", "/v2/clients", { auth: "a:b" })).status).toBe(200);
      expect((await call(custom, "GET", "/v2/clients", { auth: API_KEY })).status).toBe(401);
      expect((await call(custom, "GET", "/v2/clients", { auth: BEARER })).status).toBe(401);
    } finally {
      await custom.close();
    }
  });

  it("exposes the default credentials", () => {
    expect(DEFAULT_EMULATOR_CREDENTIALS).toEqual({
      apiKeys: [{ login: "emulator-org", secretKey: "emulator-secret" }],
      accessTokens: ["emulator-token"],
    });
  });
});

describe("create validation (422)", () => {
  const emu = useEmulator();
  const it5 = { street_address: "Via Roma 1", city: "Milano", country_code: "IT", province_code: "MI" };

  it.each<[string, Record<string, unknown>, { pointer: string; code: string }[]]>([
    ["company without name", { kind: "company" }, [{ pointer: "/name", code: "missing_key" }]],
    [
      "company with blank name",
      { kind: "company", name: "   " },
      [{ pointer: "/name", code: "missing_key" }],
    ],
    [
      "individual without first and last name",
      { kind: "individual", name: "Jean Dupont" },
      [
        { pointer: "/first_name", code: "missing_key" },
        { pointer: "/last_name", code: "missing_key" },
      ],
    ],
    [
      "individual without last name",
      { kind: "individual", first_name: "Jean" },
      [{ pointer: "/last_name", code: "missing_key" }],
    ],
    [
      "name of 251 characters",
      { kind: "company", name: "n".repeat(251) },
      [{ pointer: "/name", code: "too_long" }],
    ],
    [
      "first_name of 61 characters",
      { kind: "individual", first_name: "f".repeat(61), last_name: "Doe" },
      [{ pointer: "/first_name", code: "too_long" }],
    ],
    ["missing kind", { name: "Acme" }, [{ pointer: "/kind", code: "missing_key" }]],
    ["bad kind", { kind: "person", name: "Acme" }, [{ pointer: "/kind", code: "invalid_value" }]],
    ["bad deprecated type", { type: "person", name: "Acme" }, [{ pointer: "/type", code: "invalid_value" }]],
    [
      "freelancer in a French organization",
      { kind: "freelancer", first_name: "Jean", last_name: "Dupont" },
      [{ pointer: "/kind", code: "invalid_value" }],
    ],
    ["name as a number", { kind: "company", name: 42 }, [{ pointer: "/name", code: "invalid_type" }]],
    [
      "Italian zip of 4 characters in billing_address",
      { kind: "company", name: "Acme", billing_address: { ...it5, zip_code: "2010" } },
      [{ pointer: "/billing_address/zip_code", code: "invalid_format" }],
    ],
    [
      "Italian zip of 4 characters at root level",
      { kind: "company", name: "Acme", country_code: "it", zip_code: "2010" },
      [{ pointer: "/zip_code", code: "invalid_format" }],
    ],
    [
      "Italian zip of 6 characters in delivery_address",
      { kind: "company", name: "Acme", delivery_address: { ...it5, zip_code: "201000" } },
      [{ pointer: "/delivery_address/zip_code", code: "invalid_format" }],
    ],
    [
      "unknown province code in billing_address",
      { kind: "company", name: "Acme", billing_address: { ...it5, zip_code: "20100", province_code: "XX" } },
      [{ pointer: "/billing_address/province_code", code: "invalid_value" }],
    ],
    [
      "unknown root-level province code",
      { kind: "company", name: "Acme", province_code: "ZZ" },
      [{ pointer: "/province_code", code: "invalid_value" }],
    ],
    [
      "root-level province code of 3 characters",
      { kind: "company", name: "Acme", province_code: "MIL" },
      [{ pointer: "/province_code", code: "too_long" }],
    ],
    [
      "country code of 3 letters",
      { kind: "company", name: "Acme", billing_address: { country_code: "FRA" } },
      [{ pointer: "/billing_address/country_code", code: "too_long" }],
    ],
    [
      "country code with a digit",
      { kind: "company", name: "Acme", country_code: "F1" },
      [{ pointer: "/country_code", code: "invalid_format" }],
    ],
    [
      "city of 51 characters",
      { kind: "company", name: "Acme", billing_address: { city: "c".repeat(51) } },
      [{ pointer: "/billing_address/city", code: "too_long" }],
    ],
    [
      "billing_address as a string",
      { kind: "company", name: "Acme", billing_address: "1 rue de Paris" },
      [{ pointer: "/billing_address", code: "invalid_type" }],
    ],
    [
      "bad email",
      { kind: "company", name: "Acme", email: "not-an-email" },
      [{ pointer: "/email", code: "invalid_format" }],
    ],
    [
      "email without a domain dot",
      { kind: "company", name: "Acme", email: "a@localhost" },
      [{ pointer: "/email", code: "invalid_format" }],
    ],
    [
      "bad extra email",
      { kind: "company", name: "Acme", extra_emails: ["ok@example.com", "bad"] },
      [{ pointer: "/extra_emails/1", code: "invalid_format" }],
    ],
    [
      "101 extra emails",
      {
        kind: "company",
        name: "Acme",
        extra_emails: Array.from({ length: 101 }, (_, i) => `a${i}@example.com`),
      },
      [{ pointer: "/extra_emails", code: "too_long" }],
    ],
    [
      "extra_emails as a string",
      { kind: "company", name: "Acme", extra_emails: "a@example.com" },
      [{ pointer: "/extra_emails", code: "invalid_type" }],
    ],
    [
      "vat_number of 21 characters",
      { kind: "company", name: "Acme", vat_number: "FR" + "1".repeat(19) },
      [{ pointer: "/vat_number", code: "too_long" }],
    ],
    [
      "tax_identification_number of 21 characters",
      { kind: "company", name: "Acme", tax_identification_number: "1".repeat(21) },
      [{ pointer: "/tax_identification_number", code: "too_long" }],
    ],
    [
      "vat_number as a number",
      { kind: "company", name: "Acme", vat_number: 12345 },
      [{ pointer: "/vat_number", code: "invalid_type" }],
    ],
    [
      "lower-case currency",
      { kind: "company", name: "Acme", currency: "eur" },
      [{ pointer: "/currency", code: "invalid_format" }],
    ],
    [
      "unsupported locale",
      { kind: "company", name: "Acme", locale: "pt" },
      [{ pointer: "/locale", code: "invalid_value" }],
    ],
    [
      "malformed locale",
      { kind: "company", name: "Acme", locale: "french" },
      [{ pointer: "/locale", code: "invalid_format" }],
    ],
    [
      "phone without country code",
      { kind: "company", name: "Acme", phone: { number: "123456789" } },
      [{ pointer: "/phone/country_code", code: "missing_key" }],
    ],
    [
      "phone as a string",
      { kind: "company", name: "Acme", phone: "+33123456789" },
      [{ pointer: "/phone", code: "invalid_type" }],
    ],
    [
      "several problems at once",
      {
        kind: "company",
        email: "bad@",
        vat_number: "X".repeat(21),
        billing_address: { country_code: "IT", zip_code: "123" },
      },
      [
        { pointer: "/name", code: "missing_key" },
        { pointer: "/email", code: "invalid_format" },
        { pointer: "/vat_number", code: "too_long" },
        { pointer: "/billing_address/zip_code", code: "invalid_format" },
      ],
    ],
  ])("%s", async (_label, payload, expected) => {
    const res = await call<ErrorBody>(emu(), "POST", "/v2/clients", { body: payload });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const got = res.body.errors.map((e) => ({ pointer: e.source?.pointer, code: e.code }));
    expect(got).toHaveLength(expected.length);
    expect(got).toEqual(expect.arrayContaining(expected));
    for (const error of res.body.errors) {
      expect(error.status).toBe("unprocessable entity");
      expect(error.detail).toEqual(expect.any(String));
    }
  });

  it("uses the contract's 422 error shape, with the field named in the detail", async () => {
    const res = await call<ErrorBody>(emu(), "POST", "/v2/clients", { body: { kind: "company" } });
    expect(res.body).toEqual({
      errors: [
        {
          status: "unprocessable entity",
          code: "missing_key",
          detail: "name is missing",
          source: { pointer: "/name" },
        },
      ],
    });
  });

  it("stores nothing when a create is rejected", () => {
    expect(emu().clients()).toEqual([]);
  });

  it.each<[string, Record<string, unknown>]>([
    ["a name of exactly 250 characters", { kind: "company", name: "n".repeat(250) }],
    [
      "names of exactly 60 characters",
      { kind: "individual", first_name: "f".repeat(60), last_name: "l".repeat(60) },
    ],
    ["the deprecated type instead of kind", { type: "company", name: "Acme" }],
    [
      "a 5-character Italian zip",
      { kind: "company", name: "Acme", billing_address: { ...it5, zip_code: "20100" } },
    ],
    [
      "a 4-character zip outside Italy",
      { kind: "company", name: "Acme", billing_address: { country_code: "BE", zip_code: "1000" } },
    ],
    ["extra_emails null", { kind: "company", name: "Acme", extra_emails: null }],
    ["a locale with a region", { kind: "company", name: "Acme", locale: "IT-it" }],
  ])("accepts %s", async (_label, payload) => {
    const res = await call<ClientBody>(emu(), "POST", "/v2/clients", { body: payload });
    expect(res.status).toBe(200);
  });
});

describe("client lifecycle", () => {
  const emu = useEmulator();

  const fullCompany = {
    kind: "company",
    name: "Acme SAS",
    email: "billing@acme.fr",
    extra_emails: ["cfo@acme.fr"],
    phone: { country_code: "+33", number: "123456789" },
    currency: "EUR",
    locale: "fr-FR",
    vat_number: "FR12345678901",
    tax_identification_number: "123456789",
    e_invoicing_address: "123456782",
    billing_address: {
      street_address: "1 rue de la Paix",
      city: "Paris",
      zip_code: "75002",
      country_code: "fr",
    },
    delivery_address: { street_address: "2 quai Est", city: "Lyon", zip_code: "69002", country_code: "FR" },
  };

  it("creates a company (200) and returns it in the contract's Client shape", async () => {
    const res = await call<ClientBody>(emu(), "POST", "/v2/clients", { body: fullCompany });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("x-request-id")).toMatch(/\S+/);
    const c = res.body.client;
    expect(c.id).toMatch(UUID_V4);
    expect(c).toMatchObject({
      kind: "company",
      type: "company",
      name: "Acme SAS",
      first_name: null,
      last_name: null,
      email: "billing@acme.fr",
      extra_emails: ["cfo@acme.fr"],
      phone: { country_code: "+33", number: "123456789" },
      phone_number: "+33123456789",
      currency: "EUR",
      locale: "fr",
      vat_number: "FR12345678901",
      tax_identification_number: "123456789",
      e_invoicing_address: "123456782",
      recipient_code: null,
      billing_address: {
        street_address: "1 rue de la Paix",
        city: "Paris",
        zip_code: "75002",
        province_code: null,
        country_code: "FR",
      },
      delivery_address: {
        street_address: "2 quai Est",
        city: "Lyon",
        zip_code: "69002",
        province_code: null,
        country_code: "FR",
      },
      address: "1 rue de la Paix",
      city: "Paris",
      zip_code: "75002",
      province_code: null,
      country_code: "FR",
    });
    expect(Date.parse(c.created_at)).not.toBeNaN();
    expect(c.updated_at).toBe(c.created_at);

    const fetched = await call<ClientBody>(emu(), "GET", `/v2/clients/${c.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body.client).toEqual(c);
  });

  it("returns null for every optional field that was not sent", async () => {
    const res = await call<ClientBody>(emu(), "POST", "/v2/clients", {
      body: { kind: "company", name: "Bare" },
    });
    const c = res.body.client;
    for (const key of [
      "email",
      "extra_emails",
      "phone",
      "currency",
      "locale",
      "billing_address",
      "city",
    ] as const) {
      expect(c[key]).toBeNull();
    }
  });

  it("names an individual first_name + ' ' + last_name", async () => {
    const res = await call<ClientBody>(emu(), "POST", "/v2/clients", {
      body: { kind: "individual", first_name: "Jean", last_name: "Dupont", name: "ignored" },
    });
    expect(res.body.client).toMatchObject({ kind: "individual", type: "individual", name: "Jean Dupont" });
  });

  it("lets billing_address take precedence over root-level address fields", async () => {
    const res = await call<ClientBody>(emu(), "POST", "/v2/clients", {
      body: {
        kind: "company",
        name: "Precedence",
        address: "9 old street",
        city: "Paris",
        zip_code: "75001",
        country_code: "FR",
        billing_address: { street_address: "1 new street", city: "Lyon", country_code: "fr" },
      },
    });
    expect(res.status).toBe(200);
    const c = res.body.client;
    expect(c.billing_address).toEqual({
      street_address: "1 new street",
      city: "Lyon",
      zip_code: null,
      province_code: null,
      country_code: "FR",
    });
    expect([c.address, c.city, c.zip_code, c.country_code]).toEqual(["1 new street", "Lyon", null, "FR"]);
  });

  it("fills billing_address from root-level fields sent alone", async () => {
    const res = await call<ClientBody>(emu(), "POST", "/v2/clients", {
      body: {
        kind: "company",
        name: "Root Only",
        address: "Via Roma 1",
        city: "Milano",
        zip_code: "20100",
        province_code: "mi",
        country_code: "it",
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.client.billing_address).toEqual({
      street_address: "Via Roma 1",
      city: "Milano",
      zip_code: "20100",
      province_code: "MI",
      country_code: "IT",
    });
    expect(res.body.client.country_code).toBe("IT");
  });

  it("uses kind over the deprecated type when both are sent", async () => {
    const res = await call<ClientBody>(emu(), "POST", "/v2/clients", {
      body: { kind: "individual", type: "company", first_name: "Ana", last_name: "Lopez" },
    });
    expect(res.body.client).toMatchObject({ kind: "individual", type: "individual", name: "Ana Lopez" });
  });

  it("gives strictly increasing created_at values to rapid creates", async () => {
    const created: EmulatorClient[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await call<ClientBody>(emu(), "POST", "/v2/clients", {
        body: { kind: "company", name: `Rapid ${i}` },
      });
      created.push(res.body.client);
    }
    const times = created.map((c) => Date.parse(c.created_at));
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1] ?? Infinity);
  });

  it("PATCH merges fields, merges addresses field by field and bumps updated_at", async () => {
    const created = (await call<ClientBody>(emu(), "POST", "/v2/clients", { body: fullCompany })).body.client;
    const res = await call<ClientBody>(emu(), "PATCH", `/v2/clients/${created.id}`, {
      body: {
        email: "new@acme.fr",
        extra_emails: null,
        billing_address: { city: "Marseille", zip_code: "13001" },
        delivery_address: { street_address: "3 quai Ouest" },
        kind: "company",
      },
    });
    expect(res.status).toBe(200);
    const c = res.body.client;
    expect(c).toMatchObject({
      id: created.id,
      kind: "company",
      type: "company",
      name: "Acme SAS",
      email: "new@acme.fr",
      extra_emails: null,
      vat_number: "FR12345678901",
      billing_address: {
        street_address: "1 rue de la Paix",
        city: "Marseille",
        zip_code: "13001",
        province_code: null,
        country_code: "FR",
      },
      delivery_address: {
        street_address: "3 quai Ouest",
        city: "Lyon",
        zip_code: "69002",
        country_code: "FR",
      },
      city: "Marseille",
      zip_code: "13001",
      created_at: created.created_at,
    });
    expect(Date.parse(c.updated_at)).toBeGreaterThan(Date.parse(created.updated_at));
    expect((await call<ClientBody>(emu(), "GET", `/v2/clients/${created.id}`)).body.client).toEqual(c);
  });

  it("PATCH recomputes an individual's name and accepts root-level address fields", async () => {
    const created = (
      await call<ClientBody>(emu(), "POST", "/v2/clients", {
        body: { kind: "individual", first_name: "Jean", last_name: "Dupont", city: "Paris" },
      })
    ).body.client;
    const res = await call<ClientBody>(emu(), "PATCH", `/v2/clients/${created.id}`, {
      body: { first_name: "Jeanne", zip_code: "75010" },
    });
    expect(res.status).toBe(200);
    expect(res.body.client).toMatchObject({
      name: "Jeanne Dupont",
      first_name: "Jeanne",
      billing_address: { city: "Paris", zip_code: "75010" },
    });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ["blank company name", { name: "" }, "/name", "missing_key"],
    ["null company name", { name: null }, "/name", "missing_key"],
    ["bad email", { email: "nope" }, "/email", "invalid_format"],
    ["another kind", { kind: "individual", type: "individual" }, "/kind", "immutable"],
    ["another kind as the deprecated type", { type: "individual" }, "/type", "immutable"],
    ["too-long name", { name: "n".repeat(251) }, "/name", "too_long"],
    [
      "4-char zip after switching to Italy",
      { billing_address: { country_code: "IT", zip_code: "2010" } },
      "/billing_address/zip_code",
      "invalid_format",
    ],
    [
      "unknown province code after switching to Italy",
      { billing_address: { country_code: "IT", province_code: "XX" } },
      "/billing_address/province_code",
      "invalid_value",
    ],
  ])("PATCH with %s → 422 and the client is unchanged", async (_label, patch, pointer, code) => {
    const created = (await call<ClientBody>(emu(), "POST", "/v2/clients", { body: fullCompany })).body.client;
    const res = await call<ErrorBody>(emu(), "PATCH", `/v2/clients/${created.id}`, { body: patch });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e) => [e.source?.pointer, e.code])).toEqual([[pointer, code]]);
    expect((await call<ClientBody>(emu(), "GET", `/v2/clients/${created.id}`)).body.client).toEqual(created);
  });

  it("PATCH checks name requirements on the merged individual", async () => {
    const created = (
      await call<ClientBody>(emu(), "POST", "/v2/clients", {
        body: { kind: "individual", first_name: "Jean", last_name: "Dupont" },
      })
    ).body.client;
    const res = await call<ErrorBody>(emu(), "PATCH", `/v2/clients/${created.id}`, {
      body: { last_name: " " },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]?.source?.pointer).toBe("/last_name");
  });

  it("DELETE answers 204 with an empty body, then the client is gone", async () => {
    const created = (
      await call<ClientBody>(emu(), "POST", "/v2/clients", { body: { kind: "company", name: "Doomed" } })
    ).body.client;
    const del = await call(emu(), "DELETE", `/v2/clients/${created.id}`);
    expect(del.status).toBe(204);
    expect(del.text).toBe("");
    expect(
      emu()
        .clients()
        .some((c) => c.id === created.id),
    ).toBe(false);
    for (const method of ["GET", "PATCH", "DELETE"]) {
      const res = await call<ErrorBody>(emu(), method, `/v2/clients/${created.id}`, {
        ...(method === "PATCH" ? { body: { name: "Back" } } : {}),
      });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({
        errors: [{ code: "not_found", detail: "Client not found", source: { parameter: "id" } }],
      });
    }
  });

  it("answers 404 for an unknown id", async () => {
    const res = await call<ErrorBody>(emu(), "GET", "/v2/clients/7b0c2f4e-2d7f-4a57-9a49-0a0d8c3a1e11");
    expect(res.status).toBe(404);
    expect(res.body.errors[0]).toMatchObject({ code: "not_found", source: { parameter: "id" } });
  });

  it.each<[string, string, string]>([
    ["POST", "/v2/clients", "{not json"],
    ["POST", "/v2/clients", ""],
    ["POST", "/v2/clients", "[1, 2]"],
    ["POST", "/v2/clients", '"a string"'],
    ["POST", "/v2/clients", "null"],
  ])("%s %s with body %j → 400 bad_request", async (method, path, rawBody) => {
    const before = emu().clients().length;
    const res = await call<ErrorBody>(emu(), method, path, { rawBody });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]?.code).toBe("bad_request");
    expect(emu().clients()).toHaveLength(before);
  });

  it("PATCH with malformed JSON → 400", async () => {
    const created = (
      await call<ClientBody>(emu(), "POST", "/v2/clients", { body: { kind: "company", name: "X1" } })
    ).body.client;
    const res = await call<ErrorBody>(emu(), "PATCH", `/v2/clients/${created.id}`, { rawBody: "{" });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]?.code).toBe("bad_request");
  });

  it("answers 404 for unknown routes and 405 for a wrong method", async () => {
    const unknown = await call<ErrorBody>(emu(), "GET", "/v2/invoices");
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0]?.code).toBe("not_found");
    const wrong = await call<ErrorBody>(emu(), "PUT", "/v2/clients/abc", { body: {} });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET, PATCH, DELETE");
  });

  it("counts requests per route", () => {
    const counts = emu().requestCount();
    expect(counts.byRoute["POST /v2/clients"]).toBeGreaterThan(10);
    expect(counts.byRoute["DELETE /v2/clients/{id}"]).toBe(2);
    expect(counts.byRoute["GET /v2/invoices"]).toBe(1);
    expect(counts.total).toBe(Object.values(counts.byRoute).reduce((a, b) => a + b, 0));
  });

  it("clients() returns a snapshot that callers cannot corrupt", () => {
    const snapshot = emu().clients();
    const first = snapshot[0];
    if (!first) throw new Error("expected clients");
    first.name = "mutated";
    expect(emu().clients()[0]?.name).not.toBe("mutated");
  });
});

describe("list filters", () => {
  const emu = useEmulator({
    seedClients: [
      {
        kind: "company",
        name: "École Dupont",
        vat_number: "FR12345678901",
        tax_identification_number: "123456789",
        email: "Contact@Ecole-Dupont.fr",
      },
      { kind: "individual", first_name: "Jean", last_name: "Dupont", email: "jean.dupont@example.com" },
      { kind: "company", name: "Dupont Frères SARL", vat_number: "FR98765432109" },
      { kind: "company", name: "Acme", email: "billing@acme.io", tax_identification_number: "987654321" },
      { kind: "individual", first_name: "Zoé", last_name: "Martin" },
    ],
  });

  it.each<[string, Record<string, string>, string[]]>([
    ["vat_number exact", { "filter[vat_number]": "FR12345678901" }, ["École Dupont"]],
    ["vat_number case-insensitive", { "filter[vat_number]": "fr12345678901" }, ["École Dupont"]],
    ["vat_number near-miss (prefix)", { "filter[vat_number]": "FR1234567890" }, []],
    ["vat_number near-miss (extra char)", { "filter[vat_number]": "FR123456789012" }, []],
    ["tax_identification_number exact", { "filter[tax_identification_number]": "987654321" }, ["Acme"]],
    ["tax_identification_number near-miss", { "filter[tax_identification_number]": "98765432" }, []],
    ["email case-insensitive", { "filter[email]": "CONTACT@ecole-dupont.FR" }, ["École Dupont"]],
    ["email with surrounding spaces", { "filter[email]": " billing@acme.io " }, ["Acme"]],
    ["email near-miss", { "filter[email]": "contact@ecole-dupont.f" }, []],
    ["email is not a partial match", { "filter[email]": "acme.io" }, []],
    ["name partial, accent-insensitive", { "filter[name]": "ecole" }, ["École Dupont"]],
    ["name upper-case with accent", { "filter[name]": "ÉCOLE" }, ["École Dupont"]],
    ["name of an individual across first and last", { "filter[name]": "jean dup" }, ["Jean Dupont"]],
    [
      "name matching several",
      { "filter[name]": "DUPONT" },
      ["Dupont Frères SARL", "École Dupont", "Jean Dupont"],
    ],
    ["name accent in the data only", { "filter[name]": "freres" }, ["Dupont Frères SARL"]],
    ["name accent in an individual's first name", { "filter[name]": "zoe m" }, ["Zoé Martin"]],
    ["name exact 2 characters", { "filter[name]": "ac" }, ["Acme"]],
    ["name without match", { "filter[name]": "xyz" }, []],
    [
      "name + vat_number",
      { "filter[name]": "dupont", "filter[vat_number]": "FR98765432109" },
      ["Dupont Frères SARL"],
    ],
    [
      "name + email",
      { "filter[name]": "dupont", "filter[email]": "jean.dupont@example.com" },
      ["Jean Dupont"],
    ],
    ["name + non-matching vat_number", { "filter[name]": "jean", "filter[vat_number]": "FR12345678901" }, []],
    [
      "vat_number + tax_identification_number",
      { "filter[vat_number]": "FR12345678901", "filter[tax_identification_number]": "123456789" },
      ["École Dupont"],
    ],
  ])("filter by %s", async (_label, params, expected) => {
    expect(await listNames(emu(), params)).toEqual(expected);
  });

  it("filters by updated_at range", async () => {
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect(await listNames(emu(), { "filter[updated_at_from]": future })).toEqual([]);
    expect(await listNames(emu(), { "filter[updated_at_to]": future })).toHaveLength(5);
  });

  it.each<[string, Record<string, string>, string]>([
    ["1-character name filter", { "filter[name]": "e" }, "filter[name]"],
    ["1-character name filter padded with spaces", { "filter[name]": " e  " }, "filter[name]"],
    ["empty name filter", { "filter[name]": "" }, "filter[name]"],
    ["blank email filter", { "filter[email]": " " }, "filter[email]"],
    ["unknown filter", { "filter[phone]": "123" }, "filter[phone]"],
    ["malformed filter key", { "filter[name": "dupont" }, "filter[name"],
    ["bad updated_at_from", { "filter[updated_at_from]": "yesterday" }, "filter[updated_at_from]"],
  ])("%s → 400 invalid_parameter", async (_label, params, parameter) => {
    const res = await call<ErrorBody>(emu(), "GET", `/v2/clients${query(params)}`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { code: "invalid_parameter", detail: expect.any(String), source: { parameter } },
    ]);
  });
});

describe("pagination", () => {
  const seeds = Array.from({ length: 250 }, (_, i) => ({
    kind: "company",
    name: `Client ${String(i + 1).padStart(3, "0")}`,
  }));
  const emu = useEmulator({ seedClients: seeds });

  it.each([
    [1, 100, { current_page: 1, next_page: 2, prev_page: null }],
    [2, 100, { current_page: 2, next_page: 3, prev_page: 1 }],
    [3, 50, { current_page: 3, next_page: null, prev_page: 2 }],
  ] as const)("page %i of per_page=100 has %i clients", async (page, size, pageMeta) => {
    const res = await call<ListBody>(emu(), "GET", `/v2/clients${query({ per_page: 100, page })}`);
    expect(res.status).toBe(200);
    expect(res.body.clients).toHaveLength(size);
    expect(res.body.meta).toEqual({ ...pageMeta, total_pages: 3, total_count: 250, per_page: 100 });
    expect(res.body.clients[0]?.name).toBe(`Client ${String((page - 1) * 100 + 1).padStart(3, "0")}`);
  });

  it("collects every id exactly once across pages", async () => {
    const ids: string[] = [];
    for (let page: number | null = 1; page !== null;) {
      const res: Reply<ListBody> = await call<ListBody>(
        emu(),
        "GET",
        `/v2/clients${query({ per_page: 100, page })}`,
      );
      ids.push(...res.body.clients.map((c) => c.id));
      page = res.body.meta.next_page;
    }
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    expect(new Set(ids)).toEqual(
      new Set(
        emu()
          .clients()
          .map((c) => c.id),
      ),
    );
  });

  it("collects every id exactly once with an odd page size and a desc sort", async () => {
    const ids: string[] = [];
    for (let page = 1; page <= 36; page++) {
      const res = await call<ListBody>(
        emu(),
        "GET",
        `/v2/clients${query({ per_page: 7, page, sort_by: "created_at:desc" })}`,
      );
      ids.push(...res.body.clients.map((c) => c.id));
    }
    expect(new Set(ids).size).toBe(250);
    expect(ids).toHaveLength(250);
  });

  it("defaults to page 1 and per_page 100", async () => {
    const res = await call<ListBody>(emu(), "GET", "/v2/clients");
    expect(res.body.clients).toHaveLength(100);
    expect(res.body.meta).toMatchObject({ current_page: 1, per_page: 100, total_pages: 3, total_count: 250 });
  });

  it("returns an empty page past the end, with correct meta", async () => {
    const res = await call<ListBody>(emu(), "GET", `/v2/clients${query({ per_page: 100, page: 4 })}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      clients: [],
      meta: {
        current_page: 4,
        next_page: null,
        prev_page: 3,
        total_pages: 3,
        total_count: 250,
        per_page: 100,
      },
    });
  });

  it("reports total_pages 0 when nothing matches", async () => {
    const res = await call<ListBody>(emu(), "GET", `/v2/clients${query({ "filter[name]": "nobody" })}`);
    expect(res.body).toEqual({
      clients: [],
      meta: {
        current_page: 1,
        next_page: null,
        prev_page: null,
        total_pages: 0,
        total_count: 0,
        per_page: 100,
      },
    });
  });

  it.each<[string, string | number]>([
    ["per_page", 0],
    ["per_page", 101],
    ["per_page", -1],
    ["per_page", "ten"],
    ["per_page", "1.5"],
    ["per_page", ""],
    ["page", 0],
    ["page", -2],
    ["page", "x"],
  ])("%s=%s → 400", async (parameter, value) => {
    const res = await call<ErrorBody>(emu(), "GET", `/v2/clients${query({ [parameter]: value })}`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ code: "invalid_parameter", source: { parameter } });
  });
});

describe("sorting", () => {
  // Timestamps deliberately disagree with name order.
  const emu = useEmulator({
    seedClients: [
      {
        kind: "company",
        name: "bravo",
        created_at: "2024-01-03T00:00:00Z",
        updated_at: "2024-01-05T00:00:00Z",
      },
      {
        kind: "company",
        name: "Charlie",
        created_at: "2024-01-01T00:00:00Z",
        updated_at: "2024-01-02T00:00:00Z",
      },
      {
        kind: "company",
        name: "Éclair",
        created_at: "2024-01-05T00:00:00Z",
        updated_at: "2024-01-06T00:00:00Z",
      },
      {
        kind: "company",
        name: "zulu",
        created_at: "2024-01-02T00:00:00Z",
        updated_at: "2024-01-07T00:00:00Z",
      },
      { kind: "individual", first_name: "Alpha", last_name: "One", created_at: "2024-01-04T00:00:00Z" },
    ],
  });

  it.each<[string | undefined, string[]]>([
    [undefined, ["Alpha One", "bravo", "Charlie", "Éclair", "zulu"]],
    ["name:asc", ["Alpha One", "bravo", "Charlie", "Éclair", "zulu"]],
    ["name:desc", ["zulu", "Éclair", "Charlie", "bravo", "Alpha One"]],
    ["created_at:asc", ["Charlie", "zulu", "bravo", "Alpha One", "Éclair"]],
    ["created_at:desc", ["Éclair", "Alpha One", "bravo", "zulu", "Charlie"]],
    ["updated_at:asc", ["Charlie", "Alpha One", "bravo", "Éclair", "zulu"]],
    ["updated_at:desc", ["zulu", "Éclair", "bravo", "Alpha One", "Charlie"]],
  ])("sort_by=%s", async (sortBy, expected) => {
    expect(await listNames(emu(), sortBy === undefined ? {} : { sort_by: sortBy })).toEqual(expected);
  });

  it("keeps the seeded timestamps", () => {
    expect(emu().clients()[0]).toMatchObject({
      created_at: "2024-01-03T00:00:00.000Z",
      updated_at: "2024-01-05T00:00:00.000Z",
    });
    expect(emu().clients()[4]?.updated_at).toBe("2024-01-04T00:00:00.000Z");
  });

  it("breaks name ties by creation order, in both directions", async () => {
    const local = await startEmulator({
      seedClients: ["same", "SAME", "Same", "Sâme"].map((name) => ({ kind: "company", name })),
    });
    try {
      const ids = local.clients().map((c) => c.id);
      for (const sortBy of ["name:asc", "name:desc"]) {
        const res = await call<ListBody>(local, "GET", `/v2/clients${query({ sort_by: sortBy })}`);
        expect(res.body.clients.map((c) => c.id)).toEqual(ids);
      }
    } finally {
      await local.close();
    }
  });

  it("sorts a PATCHed client last by updated_at", async () => {
    const charlie = emu()
      .clients()
      .find((c) => c.name === "Charlie");
    if (!charlie) throw new Error("missing seed");
    expect(
      (await call(emu(), "PATCH", `/v2/clients/${charlie.id}`, { body: { currency: "EUR" } })).status,
    ).toBe(200);
    expect((await listNames(emu(), { sort_by: "updated_at:desc" }))[0]).toBe("Charlie");
  });

  it.each(["name", "name:up", "email:asc", "created_at:ASC", "", "name:asc,created_at:desc"])(
    "sort_by=%j → 400",
    async (sortBy) => {
      const res = await call<ErrorBody>(emu(), "GET", `/v2/clients${query({ sort_by: sortBy })}`);
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({
        code: "invalid_parameter",
        source: { parameter: "sort_by" },
      });
    },
  );
});

describe("freelancers and the organization country", () => {
  const emu = useEmulator({ orgCountry: "IT" });

  it("accepts freelancer for an Italian organization and names it like an individual", async () => {
    const res = await call<ClientBody>(emu(), "POST", "/v2/clients", {
      body: {
        kind: "freelancer",
        first_name: "Mario",
        last_name: "Rossi",
        recipient_code: "ABC1234",
        billing_address: {
          street_address: "Via Roma 1",
          city: "Roma",
          zip_code: "00100",
          province_code: "RM",
          country_code: "IT",
        },
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.client).toMatchObject({
      kind: "freelancer",
      type: "freelancer",
      name: "Mario Rossi",
      recipient_code: "ABC1234",
      province_code: "RM",
    });
  });

  it("still requires first and last name for a freelancer", async () => {
    const res = await call<ErrorBody>(emu(), "POST", "/v2/clients", {
      body: { kind: "freelancer", name: "Rossi Srl" },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e) => e.source?.pointer).sort()).toEqual(["/first_name", "/last_name"]);
  });
});

describe("seeding", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "emulator-seed-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("stores seedClients with their id and timestamps", async () => {
    const emu = await startEmulator({
      seedClients: [
        {
          id: "seed-1",
          kind: "company",
          name: "Seeded SA",
          vat_number: "FR11111111111",
          created_at: "2023-06-01T10:00:00Z",
          updated_at: "2023-07-01T10:00:00Z",
        },
        { kind: "individual", first_name: "Lou", last_name: "Reed" },
      ],
    });
    try {
      const res = await call<ClientBody>(emu, "GET", "/v2/clients/seed-1");
      expect(res.status).toBe(200);
      expect(res.body.client).toMatchObject({
        id: "seed-1",
        name: "Seeded SA",
        created_at: "2023-06-01T10:00:00.000Z",
        updated_at: "2023-07-01T10:00:00.000Z",
      });
      const second = emu.clients()[1];
      expect(second?.id).toMatch(UUID_V4);
      expect(second?.name).toBe("Lou Reed");
      const found = await call<ListBody>(
        emu,
        "GET",
        `/v2/clients${query({ "filter[vat_number]": "fr11111111111" })}`,
      );
      expect(found.body.clients.map((c) => c.id)).toEqual(["seed-1"]);
      // New clients sort after seeded ones by created_at.
      await call(emu, "POST", "/v2/clients", { body: { kind: "company", name: "Newest" } });
      expect((await listNames(emu, { sort_by: "created_at:desc" }))[0]).toBe("Newest");
    } finally {
      await emu.close();
    }
  });

  it.each<[string, unknown[], RegExp]>([
    [
      "missing company name",
      [{ kind: "company", name: "Ok" }, { kind: "company" }],
      /^seed client #1: .*\/name/,
    ],
    ["bad email", [{ kind: "company", name: "Ok", email: "x" }], /^seed client #0: .*\/email/],
    ["not an object", [{ kind: "company", name: "Ok" }, "Acme"], /^seed client #1: must be a JSON object/],
    [
      "duplicate id",
      [
        { id: "a", kind: "company", name: "A" },
        { id: "a", kind: "company", name: "B" },
      ],
      /seed client #1: duplicate id a/,
    ],
    ["bad created_at", [{ kind: "company", name: "A", created_at: "someday" }], /seed client #0: created_at/],
  ])("rejects a bad seed (%s) with its index and reason", async (_label, seedClients, message) => {
    await expect(startEmulator({ seedClients })).rejects.toThrow(message);
  });

  it.each<[string, unknown]>([
    ["an array", [{ kind: "company", name: "From File" }]],
    ["a {clients: [...]} object", { clients: [{ kind: "company", name: "From File" }] }],
  ])("loads a seed file holding %s", async (_label, content) => {
    const file = join(dir, `seed-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(file, JSON.stringify(content));
    const seedClients = await loadSeedFile(file);
    expect(seedClients).toEqual([{ kind: "company", name: "From File" }]);
    const emu = await startEmulator({ seedClients });
    try {
      expect(await listNames(emu, { "filter[name]": "from file" })).toEqual(["From File"]);
    } finally {
      await emu.close();
    }
  });

  it("names the file when its JSON is malformed", async () => {
    const file = join(dir, "broken.json");
    await writeFile(file, '[{"kind": "company",');
    await expect(loadSeedFile(file)).rejects.toThrow(/broken\.json.*not valid JSON/);
  });

  it("names the file when its JSON has the wrong shape", async () => {
    const file = join(dir, "shape.json");
    await writeFile(file, '{"customers": []}');
    await expect(loadSeedFile(file)).rejects.toThrow(/shape\.json/);
  });

  it("names the file when it does not exist", async () => {
    await expect(loadSeedFile(join(dir, "missing.json"))).rejects.toThrow(/missing\.json/);
  });
});
