import { appendFile, mkdtemp, readFile } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { seededRandom } from "../src/emulator/faults.js";
import {
  startEmulator,
  STATS_PATH,
  type EmulatorOptions,
  type RunningEmulator,
} from "../src/emulator/index.js";
import { runCli } from "./helpers/cli.js";

const AUTH = "emulator-org:emulator-secret";

interface Answer {
  /** null: the connection was destroyed before any answer. */
  status: number | null;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request on a fresh connection, so a destroyed socket shows as `status: null`, never as a thrown error. */
function call(
  emulator: RunningEmulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = { authorization: AUTH },
): Promise<Answer> {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      `${emulator.url}${path}`,
      {
        method,
        agent: false,
        headers: { ...headers, ...(payload === undefined ? {} : { "content-type": "application/json" }) },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? null, headers: res.headers, body: text }));
        res.on("error", () => resolve({ status: null, headers: {}, body: "" }));
      },
    );
    req.on("error", () => resolve({ status: null, headers: {}, body: "" }));
    req.end(payload);
  });
}

async function withEmulator<T>(options: EmulatorOptions, fn: (e: RunningEmulator) => Promise<T>): Promise<T> {
  const emulator = await startEmulator(options);
  try {
    return await fn(emulator);
  } finally {
    await emulator.close();
  }
}

const company = (name: string) => ({ kind: "company", name, currency: "EUR", locale: "fr" });

describe("emulator sandbox mode", () => {
  it("answers a web page with status 200 without the staging token, and JSON with it", async () => {
    await withEmulator({ stagingToken: "stg-123" }, async (e) => {
      const without = await call(e, "GET", "/v2/clients");
      expect(without.status).toBe(200);
      expect(without.headers["content-type"]).toContain("text/html");
      expect(without.body).toMatch(/^<!DOCTYPE html>/);
      const wrong = await call(e, "POST", "/v2/clients", company("Acme"), {
        authorization: AUTH,
        "x-qonto-staging-token": "nope",
      });
      expect(wrong.headers["content-type"]).toContain("text/html");
      expect(e.clients()).toHaveLength(0); // the page is all: nothing is created
      const right = await call(e, "GET", "/v2/clients", undefined, {
        authorization: AUTH,
        "x-qonto-staging-token": "stg-123",
      });
      expect(right.status).toBe(200);
      expect(JSON.parse(right.body)).toHaveProperty("clients");
    });
  });
});

describe("emulator rate limits", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("refuses with 429 beyond a window, and admits again once the window has moved on", async () => {
    // The emulator's clock is frozen (only Date is faked; sockets and timers stay real): five requests fall in one
    // 300 ms window however slow the machine, and the window moves on only when the test says so.
    vi.useFakeTimers({ toFake: ["Date"] });
    await withEmulator({ rateLimits: [{ limit: 3, windowMs: 300 }], retryAfter: true }, async (e) => {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await call(e, "GET", "/v2/clients")).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const refused = await call(e, "GET", "/v2/clients");
      expect(refused.headers["retry-after"]).toBe("1");
      expect(JSON.parse(refused.body).errors[0].code).toBe("too_many_requests");
      vi.setSystemTime(Date.now() + 300);
      expect((await call(e, "GET", "/v2/clients")).status).toBe(200);
      expect(e.stats().rateLimited).toBe(3);
    });
  });

  it("applies every window: the longer one refuses even when the shorter has room", async () => {
    const rateLimits = [
      { limit: 5, windowMs: 50 },
      { limit: 6, windowMs: 60_000 },
    ];
    await withEmulator({ rateLimits }, async (e) => {
      const statuses = [];
      for (let i = 0; i < 8; i++) {
        statuses.push((await call(e, "GET", "/v2/clients")).status);
        await new Promise((r) => setTimeout(r, 15));
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(6);
      expect(statuses.slice(6)).toEqual([429, 429]);
    });
  });

  it("sends no Retry-After unless asked, as Qonto documents none", async () => {
    await withEmulator({ rateLimits: [{ limit: 1, windowMs: 60_000 }] }, async (e) => {
      await call(e, "GET", "/v2/clients");
      const refused = await call(e, "GET", "/v2/clients");
      expect(refused.status).toBe(429);
      expect(refused.headers["retry-after"]).toBeUndefined();
    });
  });

  it("throttles an IP after more than the allowed 401s in an hour, even with the right key", async () => {
    await withEmulator({ max401PerHour: 3 }, async (e) => {
      const bad = { authorization: "emulator-org:wrong" };
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await call(e, "GET", "/v2/clients", undefined, bad)).status);
      expect(statuses).toEqual([401, 401, 401, 401]);
      const good = await call(e, "GET", "/v2/clients");
      expect(good.status).toBe(429);
      expect(JSON.parse(good.body).errors[0].detail).toMatch(/invalid credentials/);
    });
  });
});

describe("emulator faults", () => {
  it("a seed replays the same faults in the same order", async () => {
    const statuses = async () =>
      withEmulator({ faults: { seed: 42, failRate: 0.3, resetRate: 0.2 } }, async (e) => {
        const seen = [];
        for (let i = 0; i < 30; i++) seen.push((await call(e, "GET", "/v2/clients")).status);
        return seen;
      });
    const first = await statuses();
    expect(await statuses()).toEqual(first);
    expect(first).toContain(null);
    expect(first.some((s) => s !== null && s >= 500)).toBe(true);
    expect(first).toContain(200);
    // A different seed gives a different sequence.
    const other = await withEmulator({ faults: { seed: 7, failRate: 0.3, resetRate: 0.2 } }, async (e) => {
      const seen = [];
      for (let i = 0; i < 30; i++) seen.push((await call(e, "GET", "/v2/clients")).status);
      return seen;
    });
    expect(other).not.toEqual(first);
  });

  it("the generator is uniform enough that a rate means that share of requests", () => {
    const random = seededRandom(1);
    const draws = Array.from({ length: 100_000 }, random);
    const low = draws.filter((d) => d < 0.1).length;
    expect(low).toBeGreaterThan(9_500);
    expect(low).toBeLessThan(10_500);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
  });

  it("a failed request (500/502/503) creates nothing", async () => {
    await withEmulator({ faults: { seed: 1, failRate: 1 } }, async (e) => {
      const answers = [];
      for (let i = 0; i < 10; i++) answers.push(await call(e, "POST", "/v2/clients", company(`Acme ${i}`)));
      for (const a of answers) expect([500, 502, 503]).toContain(a.status);
      expect(new Set(answers.map((a) => a.status)).size).toBeGreaterThan(1);
      expect(e.clients()).toHaveLength(0);
      expect(e.stats().faults.failed).toBe(10);
    });
  });

  it("a reset destroys the connection before anything is done", async () => {
    await withEmulator({ faults: { seed: 1, resetRate: 1 } }, async (e) => {
      const answer = await call(e, "POST", "/v2/clients", company("Acme"));
      expect(answer.status).toBeNull();
      expect(e.clients()).toHaveLength(0);
      expect(e.stats().faults.reset).toBe(1);
    });
  });

  it("a lost response commits the create, then destroys the connection", async () => {
    await withEmulator({ faults: { seed: 1, lostResponseRate: 1 } }, async (e) => {
      const answer = await call(e, "POST", "/v2/clients", company("Acme"));
      expect(answer.status).toBeNull();
      expect(e.clients().map((c) => c.name)).toEqual(["Acme"]);
      // Reads are never "lost": the fault is about writes whose outcome the client cannot know.
      expect((await call(e, "GET", "/v2/clients")).status).toBe(200);
      const id = e.clients()[0]!.id;
      const update = await call(e, "PATCH", `/v2/clients/${id}`, { name: "Acme SA" });
      expect(update.status).toBeNull();
      expect(e.clients()[0]!.name).toBe("Acme SA");
      // A write that fails validation is answered: nothing was committed, nothing to lose.
      const invalid = await call(e, "POST", "/v2/clients", { kind: "company" });
      expect(invalid.status).toBe(422);
      expect(e.stats().faults.lost).toBe(2);
    });
  });

  it("latency delays answers by a drawn duration within the range", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-emu-"));
    const logFile = join(dir, "requests.ndjson");
    await withEmulator({ faults: { seed: 3, latencyMs: [40, 60] }, logFile }, async (e) => {
      for (let i = 0; i < 3; i++) await call(e, "GET", "/v2/clients");
    });
    const lines = (await readFile(logFile, "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l.ms).toBeGreaterThanOrEqual(39);
  });
});

describe("emulator injected invoice refusals (refuseInvoices)", () => {
  const invoice = (clientId: string, number: string, title = "Conseil") => ({
    client_id: clientId,
    issue_date: "2025-01-15",
    due_date: "2025-02-15",
    currency: "EUR",
    number,
    payment_methods: { iban: "FR7630006000011234567890189" },
    items: [{ title, quantity: "1", unit_price: { value: "10.00", currency: "EUR" }, vat_rate: "0.2" }],
  });

  it("refuses the number's first content with a 422 in Qonto's shape, and again while it is the same; other content and other numbers go through", async () => {
    const refuseInvoices = [{ number: "F-2", pointer: "/items/0/title", detail: "title is refused" }];
    await withEmulator({ seedClients: [company("Acme")], faults: { refuseInvoices } }, async (e) => {
      const id = e.clients()[0]!.id;
      const sent: [string, string, number | null][] = [];
      for (const [number, title] of [
        ["F-1", "Conseil"],
        ["F-2", "Conseil"],
        ["F-2", "Conseil"],
        ["F-2", "Conseil, corrigé"],
        ["F-2", "Conseil, corrigé"],
      ] as const)
        sent.push([
          number,
          title,
          (await call(e, "POST", "/v2/client_invoices", invoice(id, number, title))).status,
        ]);
      expect(sent).toEqual([
        ["F-1", "Conseil", 200],
        ["F-2", "Conseil", 422],
        ["F-2", "Conseil", 422],
        ["F-2", "Conseil, corrigé", 200],
        // Created now: the number is taken.
        ["F-2", "Conseil, corrigé", 409],
      ]);
      const refused = await call(e, "POST", "/v2/client_invoices", invoice(id, "F-2"));
      expect(JSON.parse(refused.body)).toEqual({
        errors: [
          {
            status: "unprocessable entity",
            code: "invalid_value",
            detail: "title is refused",
            source: { pointer: "/items/0/title" },
          },
        ],
      });
      expect(e.invoices().map((i) => [i.number, i.items[0]?.title])).toEqual([
        ["F-1", "Conseil"],
        ["F-2", "Conseil, corrigé"],
      ]);
      expect(e.stats().faults).toEqual({ failed: 0, reset: 0, lost: 0, refused: 3 });
    });
  });

  it("an invoice that is invalid anyway gets its own errors, not the injected one", async () => {
    await withEmulator(
      { seedClients: [company("Acme")], faults: { refuseInvoices: [{ number: "F-3" }] } },
      async (e) => {
        const bad = { ...invoice(e.clients()[0]!.id, "F-3"), due_date: "2025-01-01" };
        const answer = await call(e, "POST", "/v2/client_invoices", bad);
        expect(answer.status).toBe(422);
        expect(JSON.parse(answer.body).errors.map((x: { code: string }) => x.code)).toEqual([
          "invalid_value",
        ]);
        expect(JSON.parse(answer.body).errors[0].source).toEqual({ pointer: "/due_date" });
        expect(e.stats().faults.refused).toBe(0);
      },
    );
  });
});

describe("emulator credentials, log, stats and data file", () => {
  it("refuses the credentials after the allowed number of requests, as an expired token", async () => {
    await withEmulator({ expireCredentialsAfter: 2 }, async (e) => {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await call(e, "GET", "/v2/clients")).status);
      expect(statuses).toEqual([200, 200, 401, 401]);
    });
    await withEmulator({}, async (e) => {
      expect((await call(e, "GET", "/v2/clients")).status).toBe(200);
      e.revokeCredentials();
      const refused = await call(e, "GET", "/v2/clients");
      expect(refused.status).toBe(401);
      expect(JSON.parse(refused.body).errors[0].code).toBe("authorization_token_invalid");
    });
  });

  it("logs one JSON line per request, including the ones it never answered", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-emu-"));
    const logFile = join(dir, "requests.ndjson");
    await withEmulator({ logFile, faults: { seed: 1, lostResponseRate: 1 } }, async (e) => {
      await call(e, "GET", "/v2/clients?filter%5Bemail%5D=a%40b.fr");
      await call(e, "POST", "/v2/clients", company("Acme"));
      await call(e, "GET", "/v2/clients/nope");
    });
    const lines = (await readFile(logFile, "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.method, l.path, l.status, l.fault])).toEqual([
      ["GET", "/v2/clients?filter%5Bemail%5D=a%40b.fr", 200, undefined],
      ["POST", "/v2/clients", null, "lost"],
      ["GET", "/v2/clients/nope", 404, undefined],
    ]);
    for (const l of lines) expect(Number.isNaN(Date.parse(l.time))).toBe(false);
  });

  it("answers its stats without credentials, and counts statuses, faults and clients", async () => {
    await withEmulator({ faults: { seed: 1, failRate: 0 } }, async (e) => {
      await call(e, "POST", "/v2/clients", company("Acme"));
      await call(e, "GET", "/v2/clients", undefined, {});
      const answer = await call(e, "GET", STATS_PATH, undefined, {});
      expect(answer.status).toBe(200);
      const stats = JSON.parse(answer.body);
      expect(stats).toMatchObject({
        total: 2,
        clients: 1,
        rateLimited: 0,
        byStatus: { "200": 1, "401": 1 },
        byRoute: { "POST /v2/clients": 1, "GET /v2/clients": 1 },
        faults: { failed: 0, reset: 0, lost: 0, refused: 0 },
      });
    });
  });

  it("keeps its clients in the data file across a restart, ids and dates included", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-emu-"));
    const dataFile = join(dir, "state.ndjson");
    const before = await withEmulator({ dataFile, seedClients: [company("Seeded")] }, async (e) => {
      await call(e, "POST", "/v2/clients", company("Kept"));
      await call(e, "POST", "/v2/clients", company("Deleted"));
      const deleted = e.clients().find((c) => c.name === "Deleted")!;
      await call(e, "DELETE", `/v2/clients/${deleted.id}`);
      const kept = e.clients().find((c) => c.name === "Kept")!;
      await call(e, "PATCH", `/v2/clients/${kept.id}`, { email: "kept@example.fr" });
      return e.clients();
    });
    expect(before.map((c) => c.name)).toEqual(["Seeded", "Kept"]);
    // A crash may cut the last line short: that write was never answered, and the rest still loads.
    await appendFile(dataFile, '{"put": {"id": "half');
    // Seeds are only for a new file: restarting with them must not add them again.
    const after = await withEmulator({ dataFile, seedClients: [company("Seeded")] }, async (e) => {
      const created = await call(e, "POST", "/v2/clients", company("After restart"));
      expect(created.status).toBe(200);
      return e.clients();
    });
    expect(after.slice(0, 2)).toEqual(before);
    expect(after.map((c) => c.name)).toEqual(["Seeded", "Kept", "After restart"]);
    expect(after[1]!.email).toBe("kept@example.fr");
  });
});

describe("qonto-import emulator options", () => {
  it.each([
    [["--fail-rate", "2"], "--fail-rate must be a number from 0 to 1"],
    [["--latency", "50-10"], "--latency must be milliseconds as MIN-MAX"],
    [["--rate-limit", "lots"], "--rate-limit"],
    [["--seed", "abc"], "--seed must be a whole number"],
  ])("refuses %j with one line and exit 2", async (args, message) => {
    const result = await runCli(["emulator", ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain(message);
  });
});
