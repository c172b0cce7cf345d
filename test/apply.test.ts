import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pLimit from "p-limit";
import { afterEach, describe, expect, it, vi } from "vitest";
import { clientKeys } from "../src/dedupe/keys.js";
import type { PlannedRow } from "../src/dedupe/plan.js";
import { JOURNAL_FILE, JournalWriter, readJournal } from "../src/journal/journal.js";
import { applyRow, type ApplyContext } from "../src/upload/apply.js";
import {
  QontoApiError,
  type ListClientsQuery,
  type QontoApi,
  type QontoClient,
} from "../src/upload/client.js";
import type { ClientCreatePayload } from "../src/validate/schema.js";

type Fault =
  "ok" | "slow_commit" | "lost_response" | "late_commit" | "reset_before" | "422" | "401" | "503_committed";

/** How long after its dropped connection a "late_commit" create lands, as a server still working on it. */
const LATE_COMMIT_MS = 5_000;

/**
 * A stand-in for Qonto whose next creates fail in scripted ways: "lost_response" commits the client and then
 * loses the answer, which is how a naive importer creates duplicates.
 */
function scriptedApi(faults: Fault[], existing: QontoClient[] = []) {
  const clients: QontoClient[] = [...existing];
  const calls = { create: 0, list: 0, update: 0 };
  let n = 0;
  const netError = () =>
    new QontoApiError("POST", "/v2/clients", "network", undefined, [], undefined, "ECONNRESET");
  const api: QontoApi = {
    async listClients(query: ListClientsQuery = {}) {
      calls.list += 1;
      const f = query.filter ?? {};
      const hits = clients.filter(
        (c) =>
          (f.vat_number === undefined || c.vat_number === f.vat_number) &&
          (f.email === undefined || c.email?.toLowerCase() === f.email.toLowerCase()) &&
          (f.name === undefined || (c.name ?? "").toLowerCase().includes(f.name.toLowerCase())),
      );
      return {
        clients: hits,
        meta: {
          current_page: 1,
          next_page: null,
          prev_page: null,
          total_pages: 1,
          total_count: hits.length,
          per_page: 100,
        },
      };
    },
    async listAllClients() {
      return clients;
    },
    async getClient(id) {
      const c = clients.find((x) => x.id === id);
      if (c === undefined)
        throw new QontoApiError("GET", `/v2/clients/${id}`, "http", 404, [], undefined, "404");
      return c;
    },
    async createClient(payload: ClientCreatePayload) {
      calls.create += 1;
      const fault = faults.shift();
      const commit = () => {
        const c: QontoClient = { id: `new-${++n}`, ...payload } as QontoClient;
        clients.push(c);
        return c;
      };
      if (fault === "slow_commit") {
        const c = commit();
        await new Promise((r) => setTimeout(r, 50));
        return c;
      }
      if (fault === "lost_response") {
        commit();
        throw netError();
      }
      if (fault === "late_commit") {
        setTimeout(commit, LATE_COMMIT_MS);
        throw netError();
      }
      if (fault === "503_committed") {
        commit();
        throw new QontoApiError("POST", "/v2/clients", "http", 503, [], "trace-1", "503 HTTP 503");
      }
      if (fault === "reset_before") throw netError();
      if (fault === "422")
        throw new QontoApiError(
          "POST",
          "/v2/clients",
          "http",
          422,
          [{ code: "too_long", detail: "name is too long", pointer: "/name" }],
          undefined,
          "422",
        );
      if (fault === "401")
        throw new QontoApiError(
          "POST",
          "/v2/clients",
          "http",
          401,
          [{ code: "authorization_token_invalid", detail: "authorization token invalid" }],
          undefined,
          "401",
        );
      return commit();
    },
    async updateClient(id) {
      calls.update += 1;
      return this.getClient(id);
    },
    async deleteClient(id) {
      const at = clients.findIndex((x) => x.id === id);
      if (at >= 0) clients.splice(at, 1);
    },
    createInvoice() {
      throw new Error("not used");
    },
    listInvoices() {
      throw new Error("not used");
    },
    listAllInvoices() {
      throw new Error("not used");
    },
    stopReason: () => null,
    stats: () => ({ total: 0, byStatus: {}, retries: 0, rateLimited: 0 }),
    close: async () => undefined,
  };
  return { api, clients, calls };
}

const payload: ClientCreatePayload = {
  kind: "company",
  name: "ACME SAS",
  vat_number: "FR47402032452",
  email: "a@acme.fr",
};
const planned = (recordNo = 1, p: ClientCreatePayload = payload): PlannedRow => ({
  row: { file: "f.csv", recordNo, line: recordNo + 1, fields: {}, problems: [] },
  plan: { action: "create", payload: p, keys: clientKeys(p) },
  problems: [],
  label: { name: p.kind === "company" ? p.name : "", vat: p.vat_number ?? "", email: p.email ?? "" },
});
const ctxFor = (api: QontoApi, accountedIds: string[] = []): ApplyContext => ({
  api,
  accountedIds: new Set(accountedIds),
  stop: { reason: null },
  settleMs: 0,
});

describe("applyRow: creates are never repeated blind", () => {
  it.each<[string, Fault[], number]>([
    ["an answer lost after the client was committed", ["lost_response"], 1],
    ["a 503 after the client was committed", ["503_committed"], 1],
  ])("%s: found by look-up, reported created, not sent again", async (_name, faults, posts) => {
    const { api, clients, calls } = scriptedApi(faults);
    const result = await applyRow(planned(), ctxFor(api));
    expect(result.outcome).toBe("created");
    expect(result.clientId).toBe("new-1");
    expect(calls.create).toBe(posts);
    expect(clients).toHaveLength(1);
  });

  it("a connection reset before anything was committed: looked up, absent, sent again once", async () => {
    const { api, clients, calls } = scriptedApi(["reset_before"]);
    const result = await applyRow(planned(), ctxFor(api));
    expect(result.outcome).toBe("created");
    expect(calls.create).toBe(2);
    expect(calls.list).toBeGreaterThan(0);
    expect(clients).toHaveLength(1);
  });

  it("the look-up ignores a client that was already there when the plan was made", async () => {
    const before: QontoClient = { id: "old", kind: "company", name: "ACME SAS", vat_number: "FR47402032452" };
    const { api, clients } = scriptedApi(["reset_before"], [before]);
    const result = await applyRow(planned(), ctxFor(api, ["old"]));
    expect(result).toMatchObject({ outcome: "created", clientId: "new-1" });
    expect(clients).toHaveLength(2);
  });

  it("a row with no key at all is looked up by its exact name after a lost answer", async () => {
    const nameOnly: ClientCreatePayload = { kind: "company", name: "Bistrot du Coin" };
    const { api, clients, calls } = scriptedApi(["lost_response"]);
    const result = await applyRow(planned(1, nameOnly), ctxFor(api));
    expect(result).toMatchObject({ outcome: "created", clientId: "new-1" });
    expect(calls.create).toBe(1);
    expect(clients).toHaveLength(1);
  });

  it("the look-up never claims a client that another row of the run created", async () => {
    const nameOnly: ClientCreatePayload = { kind: "company", name: "Bistrot du Coin" };
    const { api, clients } = scriptedApi(["ok", "reset_before"]);
    const ctx = ctxFor(api);
    const first = await applyRow(planned(1, nameOnly), ctx);
    const second = await applyRow(planned(2, nameOnly), ctx);
    expect(first.clientId).toBe("new-1");
    expect(second).toMatchObject({ outcome: "created", clientId: "new-2" });
    expect(clients).toHaveLength(2);
  });

  it("two concurrent rows without keys and with one name never share one client", async () => {
    const nameOnly: ClientCreatePayload = { kind: "company", name: "Bistrot du Coin" };
    // Row 1's create is refused before commit while row 2's has committed but not yet answered.
    const { api, clients } = scriptedApi(["reset_before", "slow_commit"]);
    const ctx = ctxFor(api);
    const [first, second] = await Promise.all([
      applyRow(planned(1, nameOnly), ctx),
      applyRow(planned(2, nameOnly), ctx),
    ]);
    expect(first.outcome).toBe("created");
    expect(second.outcome).toBe("created");
    expect(first.clientId).not.toBe(second.clientId);
    expect(clients).toHaveLength(2);
  });

  it("stops the run when Qonto stops answering, instead of retrying every remaining row", async () => {
    const { api, calls } = scriptedApi(Array(20).fill("reset_before") as Fault[]);
    const ctx = { ...ctxFor(api), maxFailuresInARow: 2, maxCreateAttempts: 1 };
    const results = [];
    for (let i = 1; i <= 5; i++)
      results.push(
        await applyRow(planned(i, { ...payload, vat_number: undefined, email: `r${i}@x.fr` }), ctx),
      );
    expect(results.map((r) => r.problems.at(-1)?.code)).toEqual([
      "api_failed",
      "api_failed",
      "not_attempted",
      "not_attempted",
      "not_attempted",
    ]);
    expect(ctx.stop.reason).toMatch(/did not answer/);
    expect(calls.create).toBe(2);
  });

  it("gives up after the attempts allowed, each looked up first, with a failed row that says why", async () => {
    const { api, calls } = scriptedApi(["reset_before", "reset_before", "reset_before"]);
    const result = await applyRow(planned(), { ...ctxFor(api), maxCreateAttempts: 3 });
    expect(result.outcome).toBe("failed");
    expect(result.problems.map((p) => p.code)).toEqual(["api_failed"]);
    expect(calls.create).toBe(3);
  });

  it("a 422 is Qonto's refusal: failed with Qonto's reason, never retried", async () => {
    const { api, calls } = scriptedApi(["422"]);
    const result = await applyRow(planned(), ctxFor(api));
    expect(result.outcome).toBe("failed");
    expect(result.problems[0]).toMatchObject({ code: "api_rejected" });
    expect(result.problems[0]?.message).toContain("/name: name is too long");
    expect(calls.create).toBe(1);
  });

  it("the first 401 stops the run: later rows are not sent and say so", async () => {
    const { api, calls } = scriptedApi(["401"]);
    const ctx = ctxFor(api);
    const first = await applyRow(planned(1), ctx);
    const second = await applyRow(
      planned(2, { ...payload, vat_number: "FR75512345679", email: "b@b.fr" }),
      ctx,
    );
    expect(ctx.stop.reason).toMatch(/401/);
    expect(first.outcome).toBe("failed");
    expect(second).toMatchObject({ outcome: "failed", problems: [{ code: "not_attempted" }] });
    expect(calls.create).toBe(1);
  });
});

describe("applyRow: a create that lands after its answer was lost", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is not looked up before the settle delay, then found: created once", async () => {
    vi.useFakeTimers();
    const { api, clients, calls } = scriptedApi(["late_commit"]);
    const result = applyRow(planned(), { ...ctxFor(api), settleMs: 30_000 });
    await vi.advanceTimersByTimeAsync(29_000);
    // The client landed at 5 s; a look-up at once (the old way) would have missed it and sent it again.
    expect(clients).toHaveLength(1);
    expect(calls.list).toBe(0);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await result).toMatchObject({ outcome: "created", clientId: "new-1" });
    expect(calls.create).toBe(1);
    expect(clients).toHaveLength(1);
  });

  it("looked up too early (a settle delay shorter than the late commit), it is created twice: why the delay", async () => {
    vi.useFakeTimers();
    const { api, clients } = scriptedApi(["late_commit"]);
    const result = applyRow(planned(), { ...ctxFor(api), settleMs: 1_000 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await result).outcome).toBe("created");
    expect(clients).toHaveLength(2);
  });

  it("holds no request slot while parked: the next row is sent and done meanwhile", async () => {
    vi.useFakeTimers();
    const { api, calls, clients } = scriptedApi(["late_commit", "ok"]);
    const ctx = { ...ctxFor(api), settleMs: 30_000, slot: pLimit(1), parked: { now: 0 } };
    const first = applyRow(planned(1), ctx);
    const second = applyRow(
      planned(2, { ...payload, name: "Beta", vat_number: "FR12345678901", email: "b@b.fr" }),
      ctx,
    );
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await second).toMatchObject({ outcome: "created" });
    expect(ctx.parked.now).toBe(1);
    await vi.advanceTimersByTimeAsync(30_000);
    // The second row's client was made first; the late commit is the first row's.
    expect(await first).toMatchObject({ outcome: "created", clientId: "new-2" });
    expect(clients.map((c) => c.vat_number)).toEqual(["FR12345678901", payload.vat_number]);
    expect(ctx.parked.now).toBe(0);
    expect(calls.create).toBe(2);
  });

  it("a stop while parked ends the row at once, saying a re-run looks it up first", async () => {
    vi.useFakeTimers();
    const { api, calls } = scriptedApi(["late_commit"]);
    const ctx = { ...ctxFor(api), settleMs: 30_000 };
    const result = applyRow(planned(), ctx);
    await vi.advanceTimersByTimeAsync(1_000);
    ctx.stop.reason = "the run was interrupted (Ctrl-C)";
    await vi.advanceTimersByTimeAsync(500);
    const r = await result;
    expect(r.outcome).toBe("failed");
    expect(r.problems.map((p) => p.message).join(" ")).toContain(
      "running the same command again looks it up",
    );
    expect(calls.list).toBe(0);
  });
});

describe("applyRow: a create left undecided stays undecided in the journal", () => {
  it.each<[string, (api: QontoApi) => QontoApi]>([
    [
      "a look-up refused (401) after a create without an answer",
      (api) => ({
        ...api,
        listClients: () =>
          Promise.reject(new QontoApiError("GET", "/v2/clients", "http", 401, [], undefined, "401")),
      }),
    ],
    [
      "a create answered 200 with something that is not the contract's JSON",
      (api) => ({
        ...api,
        createClient: () =>
          Promise.reject(
            new QontoApiError("POST", "/v2/clients", "http", 200, [], undefined, "a web page", {
              unexpectedAnswer: true,
            }),
          ),
      }),
    ],
  ])(
    "%s: the run stops, the row says a re-run looks first, and the journal keeps it uncertain",
    async (_n, wrap) => {
      const dir = await mkdtemp(join(tmpdir(), "qonto-undecided-"));
      const { api } = scriptedApi(["late_commit"]);
      const journal = new JournalWriter(join(dir, JOURNAL_FILE));
      await journal.append({
        type: "start",
        tool: "t",
        version: "0",
        started_at: new Date().toISOString(),
        input: { file: "f.csv", sha256: "x" },
        options: {},
        options_hash: "h",
      });
      const ctx = { ...ctxFor(wrap(api)), settleMs: 0, journal };
      const result = await applyRow(planned(), ctx);
      journal.close();
      expect(result.outcome).toBe("failed");
      expect(result.problems.map((p) => p.message).join(" ")).toContain(
        "running the same command again looks it up",
      );
      expect(ctx.stop.reason).not.toBeNull();
      expect(readJournal(dir)?.uncertain.has(1)).toBe(true);
    },
  );
});

describe("applyRow: a Qonto that answers no create stops the run", () => {
  it("after 20 creates in a row without an answer, nothing more is sent and the row is left to a re-run", async () => {
    const { api, calls } = scriptedApi(Array.from({ length: 30 }, () => "reset_before" as const));
    const ctx = { ...ctxFor(api), settleMs: 0, maxCreateAttempts: 30 };
    const result = await applyRow(planned(), ctx);
    expect(calls.create).toBe(20);
    expect(ctx.stop.reason).toContain("answered none of 20 creates in a row");
    expect(result.outcome).toBe("failed");
    expect(result.problems.map((p) => p.message).join(" ")).toContain(
      "running the same command again looks it up",
    );
  });
});
