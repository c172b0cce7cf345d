/**
 * The late-commit fault (a write carried out seconds after its connection dropped) and the rate limiter's count
 * (every request, at arrival). Nothing here asserts a duration: tests wait for the emulator's state, with room.
 */
import { mkdtemp, readFile } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createFaultDrawer } from "../src/emulator/faults.js";
import { createIpLimits } from "../src/emulator/limits.js";
import {
  startEmulator,
  STATS_PATH,
  type EmulatorOptions,
  type FaultOptions,
  type RunningEmulator,
} from "../src/emulator/index.js";
import { runCli } from "./helpers/cli.js";

const AUTH = "emulator-org:emulator-secret";
const CLIENT_ID = "11111111-1111-4111-8111-111111111111";
const SEED = [{ id: CLIENT_ID, kind: "company", name: "Acme", currency: "EUR", locale: "fr" }];
const IBAN = "FR1420041010050500013M02606";
/** Long enough that the state right after the dropped connection is the state before the write, on any machine. */
const LATE_MS = 1000;

type Json = Record<string, unknown>;

interface Answer {
  /** null: the connection was closed without an answer. */
  status: number | null;
  body: string;
}

function call(
  e: RunningEmulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = { authorization: AUTH },
): Promise<Answer> {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      `${e.url}${path}`,
      {
        method,
        agent: false,
        headers: { ...headers, ...(payload === undefined ? {} : { "content-type": "application/json" }) },
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

/** Polls until the condition holds; generous, as the machine may be slow. */
async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

const late = (faults: FaultOptions = {}): EmulatorOptions => ({
  faults: { seed: 1, lateCommitRate: 1, lateCommitMs: LATE_MS, ...faults },
});

const company = (name: string) => ({ kind: "company", name, currency: "EUR", locale: "fr" });
const invoice = (number: string, clientId = CLIENT_ID): Json => ({
  client_id: clientId,
  issue_date: "2024-03-01",
  due_date: "2024-03-31",
  currency: "EUR",
  payment_methods: { iban: IBAN },
  number,
  items: [
    { title: "Consulting", quantity: "1", unit_price: { value: "100.00", currency: "EUR" }, vat_rate: "0.2" },
  ],
});

async function logLines(file: string): Promise<Json[]> {
  return (await readFile(file, "utf8"))
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Json);
}

interface LateCase {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  /** What the emulator holds, as a comparable value: before the write, then after it lands. */
  state: (e: RunningEmulator) => unknown;
  before: unknown;
  after: unknown;
  /** The row the write creates or touches, for its timestamp: created_at or updated_at, null if none. */
  stamp?: (e: RunningEmulator) => string | undefined;
}

const names = (e: RunningEmulator) => e.clients().map((c) => c.name);
const CASES: LateCase[] = [
  {
    name: "a client create",
    method: "POST",
    path: "/v2/clients",
    body: company("Late SA"),
    state: names,
    before: ["Acme"],
    after: ["Acme", "Late SA"],
    stamp: (e) => e.clients().find((c) => c.name === "Late SA")?.created_at,
  },
  {
    name: "an invoice create",
    method: "POST",
    path: "/v2/client_invoices",
    body: invoice("INV-LATE"),
    state: (e) => e.invoices().map((i) => i.number),
    before: [],
    after: ["INV-LATE"],
    stamp: (e) => e.invoices()[0]?.created_at,
  },
  {
    name: "an update",
    method: "PATCH",
    path: `/v2/clients/${CLIENT_ID}`,
    body: { name: "Acme Renamed" },
    state: names,
    before: ["Acme"],
    after: ["Acme Renamed"],
    stamp: (e) => e.clients()[0]?.updated_at,
  },
  {
    name: "a delete",
    method: "DELETE",
    path: `/v2/clients/${CLIENT_ID}`,
    state: names,
    before: ["Acme"],
    after: [],
  },
];

describe("late commit: the connection closes unanswered, the write lands later", () => {
  it.each(CASES)("$name is absent right after the dropped connection, present later", async (c) => {
    // Due an hour later, so no pause of a busy machine lets it land before the "absent" check; the emulator's
    // close carries it out (the timer path itself is what the 50 ms cases below wait for).
    await withEmulator(late({ lateCommitMs: 3_600_000 }), async (e) => {
      const answer = await call(e, c.method, c.path, c.body);
      const droppedAt = Date.now();
      expect(answer.status).toBeNull();
      expect(c.state(e)).toEqual(c.before);
      expect(e.stats().lateCommits).toEqual({ scheduled: 1, applied: 0, refused: 0, pending: 1 });
      await e.close();
      expect(c.state(e)).toEqual(c.after);
      expect(e.stats().lateCommits).toEqual({ scheduled: 1, applied: 1, refused: 0, pending: 0 });
      // Its timestamp is when it landed, not when it was sent.
      const stamp = c.stamp?.(e);
      if (c.stamp !== undefined) expect(Date.parse(stamp ?? "")).toBeGreaterThanOrEqual(droppedAt);
    });
  });

  it("the importer's look-up after a lost answer finds nothing yet, a resend creates, and then the first lands", async () => {
    // A seed whose first write is late (the drawer is public).
    const seed = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].find(
      (s) => createFaultDrawer({ seed: s, lateCommitRate: 0.5 })(true).fault?.kind === "late_commit",
    );
    // Lands 10 s late: the resends below take far less, however busy the machine.
    await withEmulator(late({ lateCommitRate: 0.5, seed: seed ?? 1, lateCommitMs: 10_000 }), async (e) => {
      // Send the same create until one is answered: the late ones still land, each a duplicate.
      const answers: (number | null)[] = [];
      while (answers.at(-1) !== 200)
        answers.push((await call(e, "POST", "/v2/clients", company("Twice"))).status);
      const sent = answers.length;
      expect(sent).toBeGreaterThan(1);
      expect(names(e).filter((n) => n === "Twice")).toHaveLength(1);
      await until(() => e.stats().lateCommits.pending === 0);
      expect(names(e).filter((n) => n === "Twice")).toHaveLength(sent);
    });
  });

  it.each([
    ["an invalid create (422)", "POST", "/v2/clients", { kind: "company" }, 422],
    ["an invoice for an unknown client (422)", "POST", "/v2/client_invoices", invoice("X", "nope"), 422],
    ["an update of an unknown client (404)", "PATCH", "/v2/clients/nope", { name: "X" }, 404],
    ["a delete of an unknown client (404)", "DELETE", "/v2/clients/nope", undefined, 404],
  ] as const)("%s is refused late: unanswered, never applied", async (_name, method, path, body, would) => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-late-"));
    const logFile = join(dir, "requests.ndjson");
    await withEmulator({ ...late({ lateCommitMs: 50 }), logFile }, async (e) => {
      expect((await call(e, method, path, body)).status).toBeNull();
      await until(() => e.stats().lateCommits.refused === 1);
      expect(names(e)).toEqual(["Acme"]);
      expect(e.invoices()).toEqual([]);
    });
    const lines = await logLines(logFile);
    expect(lines.at(-1)).toMatchObject({ fault: "late_commit", late_commit: "refused", would_status: would });
  });

  it("an invoice number taken by the time it lands is a 409 then: nothing is applied", async () => {
    await withEmulator(late({ lateCommitMs: 50 }), async (e) => {
      expect((await call(e, "POST", "/v2/client_invoices", invoice("INV-1"))).status).toBeNull();
      expect((await call(e, "POST", "/v2/client_invoices", invoice("INV-1"))).status).toBeNull();
      await until(() => e.stats().lateCommits.pending === 0);
      expect(e.invoices().map((i) => i.number)).toEqual(["INV-1"]);
      expect(e.stats().lateCommits).toMatchObject({ applied: 1, refused: 1 });
    });
  });

  it("the client an invoice names is looked for when it lands", async () => {
    await withEmulator(late({ lateCommitMs: 50 }), async (e) => {
      // Both late, in this order: the client is gone when the invoice lands.
      await call(e, "DELETE", `/v2/clients/${CLIENT_ID}`);
      await call(e, "POST", "/v2/client_invoices", invoice("INV-2"));
      await until(() => e.stats().lateCommits.pending === 0);
      expect(e.invoices()).toEqual([]);
      expect(e.stats().lateCommits).toMatchObject({ applied: 1, refused: 1 });
    });
  });

  it("shows in the stats endpoint and in the request log, one line when dropped and one when applied", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-late-"));
    const logFile = join(dir, "requests.ndjson");
    await withEmulator({ ...late({ lateCommitMs: 50 }), logFile }, async (e) => {
      await call(e, "GET", "/v2/clients"); // reads are never late
      await call(e, "POST", "/v2/clients", company("Logged"));
      await until(() => e.stats().lateCommits.applied === 1);
      const stats = JSON.parse((await call(e, "GET", STATS_PATH, undefined, {})).body) as Json;
      expect(stats).toMatchObject({
        lateCommits: { scheduled: 1, applied: 1, refused: 0, pending: 0 },
        byStatus: { "200": 1, none: 1 },
        faults: { failed: 0, reset: 0, lost: 0 },
        clients: 2,
      });
    });
    const lines = await logLines(logFile);
    expect(lines.map((l) => [l.method, l.path, l.status, l.fault, l.late_commit, l.would_status])).toEqual([
      ["GET", "/v2/clients", 200, undefined, undefined, undefined],
      ["POST", "/v2/clients", null, "late_commit", undefined, undefined],
      ["POST", "/v2/clients", null, "late_commit", "applied", 200],
    ]);
  });

  it("pending writes are carried out when the emulator closes, through the data file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-late-"));
    const dataFile = join(dir, "state.ndjson");
    const e = await startEmulator({
      dataFile,
      faults: { seed: 1, lateCommitRate: 1, lateCommitMs: 600_000 },
    });
    expect((await call(e, "POST", "/v2/clients", company("Drained"))).status).toBeNull();
    expect(e.clients()).toEqual([]);
    await e.close();
    expect(e.clients().map((c) => c.name)).toEqual(["Drained"]);
    expect(e.stats().lateCommits).toMatchObject({ applied: 1, pending: 0 });
    await withEmulator({ dataFile }, async (restarted) => {
      expect(names(restarted)).toEqual(["Drained"]);
    });
  });
});

describe("late commit: seeded like the other faults", () => {
  const statuses = (faults: FaultOptions) =>
    withEmulator({ faults: { lateCommitMs: 600_000, ...faults } }, async (e) => {
      const seen: (number | string | null)[] = [];
      for (let i = 0; i < 40; i++) {
        const before = e.stats().lateCommits.scheduled;
        const answer = await call(e, "POST", "/v2/clients", company(`Seeded ${i}`));
        seen.push(e.stats().lateCommits.scheduled > before ? "late" : answer.status);
      }
      return seen;
    });

  it("a seed replays the same sequence of late commits", async () => {
    const faults = { seed: 42, failRate: 0.1, resetRate: 0.1, lostResponseRate: 0.1, lateCommitRate: 0.3 };
    const first = await statuses(faults);
    expect(await statuses(faults)).toEqual(first);
    expect(first).toContain("late");
    expect(first).toContain(200);
  });

  it("switching late commits on changes only requests that had no fault: the others keep their fate", async () => {
    const base = { seed: 9, failRate: 0.2, resetRate: 0.1, lostResponseRate: 0.1 };
    const without = await statuses(base);
    const withLate = await statuses({ ...base, lateCommitRate: 0.3 });
    expect(withLate).toContain("late");
    withLate.forEach((s, i) => expect(s === "late" ? 200 : s).toBe(without[i]));
  });

  it("the drawer draws the same values per request whatever the fault, so latencies do not shift", () => {
    const latencies = (faults: FaultOptions) => {
      const draw = createFaultDrawer({ seed: 5, latencyMs: [0, 1000], ...faults });
      return Array.from({ length: 50 }, (_, i) => draw(i % 2 === 0).latencyMs);
    };
    expect(latencies({ lateCommitRate: 0.5 })).toEqual(latencies({}));
  });
});

describe("rate windows count every request that reaches the server, at its arrival", () => {
  it.each([
    ["401s", "GET", "/v2/clients", undefined, { authorization: "emulator-org:wrong" }, 401],
    ["404s", "GET", "/v2/nowhere", undefined, { authorization: AUTH }, 404],
    ["422s", "POST", "/v2/clients", { kind: "company" }, { authorization: AUTH }, 422],
    ["405s", "PUT", "/v2/clients", undefined, { authorization: AUTH }, 405],
  ] as const)(
    "refused requests count: two %s fill a window of 2",
    async (_n, method, path, body, headers, status) => {
      await withEmulator({ rateLimits: [{ limit: 2, windowMs: 600_000 }] }, async (e) => {
        expect((await call(e, method, path, body, headers)).status).toBe(status);
        expect((await call(e, method, path, body, headers)).status).toBe(status);
        expect((await call(e, "GET", "/v2/clients")).status).toBe(429);
      });
    },
  );

  // A fake clock: [time, expected answer] in order, for a window of 2 requests per 1,000 ms.
  it.each([
    {
      name: "429s count too: knocking while refused keeps an IP refused",
      steps: [
        [0, 200],
        [10, 200],
        [20, 429],
        [500, 429],
        // The first two have aged out, but the two 429s have not.
        [1005, 429],
        [1600, 200],
      ],
    },
    {
      name: "a client that waits its Retry-After is admitted",
      steps: [
        [0, 200],
        [100, 200],
        [200, 429],
        [1100, 200],
      ],
    },
  ] as const)("$name", ({ steps }) => {
    let t = 0;
    const limits = createIpLimits([{ limit: 2, windowMs: 1000 }], 200, () => t);
    for (const [at, expected] of steps) {
      t = at;
      expect([at, limits.admit("10.0.0.1").allowed ? 200 : 429]).toEqual([at, expected]);
    }
  });

  it("Retry-After names when the window will have room again, refused requests included", () => {
    let t = 0;
    const limits = createIpLimits([{ limit: 2, windowMs: 10_000 }], 200, () => t);
    limits.admit("ip");
    t = 4000;
    limits.admit("ip");
    t = 5000;
    // Room again once the request at 0 has aged out: at 10,000 ms.
    expect(limits.admit("ip").retryAfterS).toBe(5);
    t = 6000;
    // Now the request at 4,000 ms must age out too (the 429 at 5,000 counts): at 14,000 ms.
    expect(limits.admit("ip").retryAfterS).toBe(8);
  });

  it("a request counts when it arrives, not after its latency", async () => {
    // Find a seed whose first request is fast and second slow (the drawer is public, and latency its first draw).
    const seed = Array.from({ length: 10_000 }, (_, i) => i + 1).find((s) => {
      const draw = createFaultDrawer({ seed: s, latencyMs: [0, 2000] });
      return draw(false).latencyMs < 100 && draw(false).latencyMs > 1800;
    });
    expect(seed).toBeDefined();
    await withEmulator(
      { rateLimits: [{ limit: 1, windowMs: 1000 }], faults: { seed: seed ?? 1, latencyMs: [0, 2000] } },
      async (e) => {
        const first = call(e, "GET", "/v2/clients");
        await until(() => e.requestCount().total === 1);
        // Arrives while the first is in the window; counted after its latency it would find the window empty.
        const second = call(e, "GET", "/v2/clients");
        expect((await first).status).toBe(200);
        expect((await second).status).toBe(429);
      },
    );
  });
});

describe("a request received is carried out, whoever is still listening", () => {
  it("a client that gives up during the latency (its timeout) still gets its create", async () => {
    await withEmulator({ faults: { seed: 1, latencyMs: [2000, 2000] } }, async (e) => {
      const req = httpRequest(`${e.url}/v2/clients`, {
        method: "POST",
        agent: false,
        headers: { authorization: AUTH, "content-type": "application/json" },
      });
      req.on("error", () => undefined);
      req.end(JSON.stringify(company("Abandoned")));
      await until(() => e.requestCount().total === 1);
      req.destroy();
      await until(() => names(e).includes("Abandoned"));
      expect(e.stats().byStatus).toEqual({ none: 1 });
    });
  });
  it("close() waits for a request still in its latency: nothing lands after it", async () => {
    const e = await startEmulator({ faults: { seed: 1, latencyMs: [500, 500] } });
    const answer = call(e, "POST", "/v2/clients", company("In flight"));
    await until(() => e.requestCount().total === 1);
    await e.close();
    expect(names(e)).toEqual(["In flight"]);
    expect((await answer).status).toBeNull();
  });
});

describe("qonto-import emulator late-commit options", () => {
  it.each([
    [["--late-commit-rate", "1.5"], "--late-commit-rate must be a number from 0 to 1"],
    [["--late-commit-ms", "soon"], "--late-commit-ms must be a whole number"],
    [["--late-commit-rate", "0.6", "--fail-rate", "0.5"], "add up to 1.1, more than 1"],
  ])("refuses %j with one line and exit 2", async (args, message) => {
    const result = await runCli(["emulator", ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain(message);
  });

  it("documents both options in its help", async () => {
    const result = await runCli(["emulator", "--help"]);
    expect(result.stdout).toContain("--late-commit-rate <0..1>");
    expect(result.stdout).toContain("--late-commit-ms <n>");
  });
});
