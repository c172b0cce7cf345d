import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator, type RunningEmulator } from "../src/emulator/index.js";
import {
  createQontoApi,
  parseRetryAfter,
  QontoApiError,
  STAGING_TOKEN_MESSAGE,
  type QontoApi,
  type QontoApiOptions,
} from "../src/upload/client.js";
import { createRateLimiter, type RateLimiter } from "../src/upload/rate-limiter.js";

const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;

describe("API client against the emulator", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({
      seedClients: Array.from({ length: 250 }, (_, i) => ({
        kind: "company",
        name: `Client ${String(i).padStart(3, "0")}`,
      })),
    });
  });
  afterAll(() => emulator.close());

  it("reads every page of the list, each client once", async () => {
    const api = createQontoApi({
      baseUrl: emulator.url,
      auth: { kind: "api_key", login: KEY.login, secretKey: KEY.secretKey },
    });
    const pages: number[] = [];
    const all = await api.listAllClients((fetched) => pages.push(fetched));
    expect(all).toHaveLength(250);
    expect(new Set(all.map((c) => c.id)).size).toBe(250);
    expect(pages).toEqual([100, 200, 250]);
    await api.close();
  });

  it("signs in with an OAuth token too", async () => {
    const api = createQontoApi({
      baseUrl: emulator.url,
      auth: { kind: "oauth", accessToken: DEFAULT_EMULATOR_CREDENTIALS.accessTokens[0]! },
    });
    const { meta } = await api.listClients({ perPage: 1 });
    expect(meta.total_count).toBeGreaterThanOrEqual(250);
    await api.close();
  });

  it("a refusal carries method, path, status and Qonto's entries, and never the credentials", async () => {
    const api = createQontoApi({
      baseUrl: emulator.url,
      auth: { kind: "api_key", login: KEY.login, secretKey: KEY.secretKey },
    });
    const err = await api.createClient({ kind: "company", name: "x".repeat(251) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QontoApiError);
    const e = err as QontoApiError;
    expect({ method: e.method, path: e.path, status: e.status, ambiguous: e.ambiguous }).toEqual({
      method: "POST",
      path: "/v2/clients",
      status: 422,
      ambiguous: false,
    });
    expect(e.entries).toContainEqual(expect.objectContaining({ pointer: "/name" }));
    expect(JSON.stringify(e) + e.message + String(e.stack)).not.toContain(KEY.secretKey);
    await api.close();
  });

  it("a wrong key is a 401 that is not retried", async () => {
    const before = emulator.requestCount().total;
    const api = createQontoApi({
      baseUrl: emulator.url,
      auth: { kind: "api_key", login: KEY.login, secretKey: "nope" },
      backoffMs: 1,
    });
    const err = (await api.listClients().catch((e: unknown) => e)) as QontoApiError;
    expect(err.status).toBe(401);
    expect(emulator.requestCount().total - before).toBe(1);
    await api.close();
  });

  it("an unreachable server is a connect failure: not ambiguous, and retried even for a POST", async () => {
    const api = createQontoApi({
      baseUrl: "http://127.0.0.1:9",
      auth: { kind: "oauth", accessToken: "t" },
      maxAttempts: 2,
      backoffMs: 1,
    });
    const err = (await api
      .createClient({ kind: "company", name: "A" })
      .catch((e: unknown) => e)) as QontoApiError;
    expect(err.kind).toBe("connect");
    expect(err.ambiguous).toBe(false);
    expect(api.stats().total).toBe(2); // nothing was sent, so repeating cannot create twice
    await api.close();
  });

  it("a sandbox without the right staging token answers a web page: named, fatal, nothing more sent", async () => {
    const sandbox = await startEmulator({ stagingToken: "the-right-staging-token" });
    try {
      const api = createQontoApi({
        baseUrl: sandbox.url,
        auth: { kind: "api_key", login: KEY.login, secretKey: KEY.secretKey },
        stagingToken: "a-wrong-staging-token",
      });
      const err = (await api.listClients().catch((e: unknown) => e)) as QontoApiError;
      expect(err.message).toContain(STAGING_TOKEN_MESSAGE);
      expect(err.fatal).toBe(true);
      // A 2xx we cannot read may have been carried out: a create answered so is looked up by a resume.
      expect(err.ambiguous).toBe(true);
      const before = sandbox.requestCount().total;
      const again = (await api.listClients().catch((e: unknown) => e)) as QontoApiError;
      expect(again.fatal).toBe(true);
      expect(sandbox.requestCount().total).toBe(before);
      expect(JSON.stringify(err) + err.message + String(err.stack)).not.toContain("a-wrong-staging-token");
      await api.close();
    } finally {
      await sandbox.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// A tiny HTTP server that answers each request from a script, to see exactly what the client sends and when.

type Step =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** Drops the connection once the request has been read: the answer is lost. */
  | "reset"
  /** Never answers. */
  | "hang";

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

interface Scripted {
  url: string;
  port: number;
  requests: Received[];
  close(): Promise<void>;
}

/** Serves the steps in order, the last one repeating. A body that is not a string is sent as JSON. */
async function scriptedServer(steps: Step[], port = 0): Promise<Scripted> {
  const requests: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const step = steps[Math.min(requests.length, steps.length - 1)] ?? { status: 500 };
      requests.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
      });
      if (step === "reset") return void req.socket.destroy();
      if (step === "hang") return;
      const json = typeof step.body !== "string" && step.body !== undefined;
      res.writeHead(step.status, {
        ...(json ? { "content-type": "application/json" } : {}),
        ...step.headers,
      });
      res.end(json ? JSON.stringify(step.body) : (step.body as string | undefined));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const SECRET = "sk-live-0123456789abcdef-do-not-leak";
const STAGING = "staging-token-0123456789-do-not-leak";
const client = (id = "c-1") => ({ status: 200, body: { client: { id, kind: "company", name: "ACME" } } });
const created = { status: 201, body: { client: { id: "c-new", kind: "company", name: "ACME" } } };
const noContent = { status: 204 };
const status = (code: number, headers?: Record<string, string>) => ({
  status: code,
  body: { errors: [{ code: `e${code}`, detail: `status ${code}` }] },
  ...(headers === undefined ? {} : { headers }),
});
const unauthorized = {
  status: 401,
  body: { errors: [{ code: "authorization_token_invalid", detail: "authorization token invalid" }] },
};
const PAYLOAD = { kind: "company", name: "ACME" } as const;

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

describe("API client against a scripted server", () => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const thing of open.splice(0)) await thing.close();
  });

  /** A server with the script, and an api on it with fast backoffs. */
  async function setup(steps: Step[], options: Partial<QontoApiOptions> = {}) {
    const server = await scriptedServer(steps);
    const api: QontoApi = createQontoApi({
      baseUrl: server.url,
      auth: { kind: "api_key", login: "acme-1234", secretKey: SECRET },
      stagingToken: STAGING,
      backoffMs: 1,
      backoffCapMs: 10,
      // Generous: a loaded machine must not turn a slow local answer into a timeout (the timeout test sets its own).
      requestTimeoutMs: 60_000,
      ...options,
    });
    open.push(api, server);
    return { server, api };
  }

  it("sends the credentials and the staging token as headers, and a JSON body", async () => {
    const { server, api } = await setup([created]);
    await api.createClient(PAYLOAD);
    const [req] = server.requests;
    expect(req?.headers.authorization).toBe(`acme-1234:${SECRET}`);
    expect(req?.headers["x-qonto-staging-token"]).toBe(STAGING);
    expect(req?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(req?.body ?? "")).toEqual(PAYLOAD);

    const oauth = createQontoApi({ baseUrl: server.url, auth: { kind: "oauth", accessToken: "tok-123" } });
    open.push(oauth);
    await oauth.getClient("c-1").catch(() => undefined);
    expect(server.requests[1]?.headers.authorization).toBe("Bearer tok-123");
    expect(server.requests[1]?.headers["x-qonto-staging-token"]).toBeUndefined();
  });

  it("waits out 429s on a GET, then succeeds, counting them", async () => {
    const { server, api } = await setup([status(429), status(429), client()]);
    expect((await api.getClient("c-1")).id).toBe("c-1");
    expect(server.requests).toHaveLength(3);
    expect(api.stats()).toMatchObject({
      total: 3,
      retries: 2,
      rateLimited: 2,
      byStatus: { "429": 2, "200": 1 },
    });
  });

  it("a 429 on a POST is retried (Qonto did nothing), after Retry-After, with the shared limiter paused", async () => {
    const inner = createRateLimiter([{ limit: 1000, windowMs: 1000 }]);
    const pauses: number[] = [];
    const rateLimiter: RateLimiter = {
      acquire: () => inner.acquire(),
      pause: (ms) => {
        pauses.push(ms);
        inner.pause(ms);
      },
    };
    const { server, api } = await setup([status(429, { "retry-after": "0.25" }), created], { rateLimiter });
    const started = Date.now();
    expect((await api.createClient(PAYLOAD)).id).toBe("c-new");
    expect(server.requests.map((r) => r.method)).toEqual(["POST", "POST"]);
    expect(pauses).toEqual([250]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(240);
  });

  it("a 429 holds back every request of the run, not only the one refused", async () => {
    const { server, api } = await setup([
      status(429, { "retry-after": "0.3" }),
      client("c-1"),
      client("c-2"),
    ]);
    const first = api.getClient("c-1");
    // Once the 429 is in, another request of the same run starts: it must wait out the pause as well.
    while (api.stats().rateLimited === 0) await new Promise((r) => setTimeout(r, 5));
    const second = api.getClient("c-2");
    await Promise.all([first, second]);
    expect(server.requests).toHaveLength(3);
    const refusedAt = server.requests[0]!.at;
    for (const later of server.requests.slice(1)) expect(later.at - refusedAt).toBeGreaterThanOrEqual(290);
  });

  it("without Retry-After, a 429 still waits (at least half the backoff), within its own budget", async () => {
    const { server, api } = await setup([status(429)], {
      backoffMs: 40,
      backoffCapMs: 1000,
      max429Retries: 2,
      random: () => 0,
    });
    const started = Date.now();
    const err = await rejection(api.listClients());
    // Two waits of at least 20 ms and 40 ms (half of 40 and 80), even with no jitter at all.
    expect(Date.now() - started).toBeGreaterThanOrEqual(58);
    expect({ status: err.status, kind: err.kind, ambiguous: err.ambiguous, fatal: err.fatal }).toEqual({
      status: 429,
      kind: "http",
      ambiguous: false,
      fatal: false,
    });
    expect(server.requests).toHaveLength(3);
    expect(api.stats()).toMatchObject({ rateLimited: 3, retries: 2 });
  });

  it("gives back every rate-limiter slot it takes, whatever the outcome", async () => {
    const inner = createRateLimiter([{ limit: 1000, windowMs: 1000 }]);
    let taken = 0;
    let given = 0;
    const rateLimiter: RateLimiter = {
      acquire: async () => {
        const release = await inner.acquire();
        taken += 1;
        return () => {
          given += 1;
          release();
        };
      },
      pause: (ms) => inner.pause(ms),
    };
    const { api } = await setup([status(429), status(503), "reset", client(), status(422), unauthorized], {
      rateLimiter,
    });
    await api.getClient("c-1");
    await rejection(api.createClient(PAYLOAD)); // 422
    await rejection(api.listClients()); // 401
    await rejection(api.listClients()); // not sent: no slot needed, but none is kept either
    expect(taken).toBe(6);
    expect(given).toBe(taken);
  });

  it("a GET is retried after a 503 and after a reset connection", async () => {
    const { server, api } = await setup([status(503), "reset", client()]);
    expect((await api.getClient("c-1")).id).toBe("c-1");
    expect(server.requests).toHaveLength(3);
    expect(api.stats()).toMatchObject({ retries: 2, byStatus: { "503": 1, network: 1, "200": 1 } });
  });

  it("a POST answered 503 is not retried, and is ambiguous", async () => {
    const { server, api } = await setup([status(503), created]);
    const err = await rejection(api.createClient(PAYLOAD));
    expect({ kind: err.kind, status: err.status, ambiguous: err.ambiguous, fatal: err.fatal }).toEqual({
      kind: "http",
      status: 503,
      ambiguous: true,
      fatal: false,
    });
    expect(server.requests).toHaveLength(1);
  });

  it("a POST whose connection is reset after sending is not retried, and is ambiguous", async () => {
    const { server, api } = await setup(["reset", created]);
    const err = await rejection(api.createClient(PAYLOAD));
    expect({ kind: err.kind, status: err.status, ambiguous: err.ambiguous }).toEqual({
      kind: "network",
      status: undefined,
      ambiguous: true,
    });
    expect(server.requests).toHaveLength(1);
    expect(api.stats().retries).toBe(0);
  });

  it("a GET with no answer times out, and is retried within its attempts", async () => {
    const { server, api } = await setup(["hang"], { requestTimeoutMs: 100, maxAttempts: 2 });
    const err = await rejection(api.listClients());
    expect({ kind: err.kind, ambiguous: err.ambiguous }).toEqual({ kind: "timeout", ambiguous: true });
    expect(server.requests).toHaveLength(2);
    expect(api.stats().byStatus).toEqual({ timeout: 2 });
  });

  it("a PATCH gives up after maxAttempts 5xx answers", async () => {
    const { server, api } = await setup([status(502)], { maxAttempts: 3 });
    const err = await rejection(api.updateClient("c-1", { email: "b@acme.fr" }));
    expect({ status: err.status, ambiguous: err.ambiguous }).toEqual({ status: 502, ambiguous: true });
    expect(server.requests.map((r) => r.method)).toEqual(["PATCH", "PATCH", "PATCH"]);
    expect(api.stats().retries).toBe(2);
  });

  it("a refusal such as 422 is not retried", async () => {
    const { server, api } = await setup([status(422), created]);
    const err = await rejection(api.createClient(PAYLOAD));
    expect({ status: err.status, ambiguous: err.ambiguous, fatal: err.fatal }).toEqual({
      status: 422,
      ambiguous: false,
      fatal: false,
    });
    expect(server.requests).toHaveLength(1);
  });

  it("a refused connection on a POST is retried, since nothing was sent, and succeeds once the server is up", async () => {
    // Take a free port, then free it: connecting to it is refused until the server comes back.
    const probe = await scriptedServer([created]);
    const port = probe.port;
    await probe.close();
    const api = createQontoApi({
      baseUrl: `http://127.0.0.1:${port}`,
      auth: { kind: "oauth", accessToken: SECRET },
      backoffMs: 50,
      backoffCapMs: 50,
      maxAttempts: 50,
      random: () => 1,
    });
    open.push(api);
    const pending = api.createClient(PAYLOAD);
    while ((api.stats().byStatus.connect ?? 0) === 0) await new Promise((r) => setTimeout(r, 5));
    const server = await scriptedServer([created], port);
    open.push(server);
    expect((await pending).id).toBe("c-new");
    expect(server.requests).toHaveLength(1);
    expect(api.stats().byStatus.connect).toBeGreaterThanOrEqual(1);
  });

  it("a POST that never connects ends as a connect failure, not ambiguous", async () => {
    const probe = await scriptedServer([created]);
    await probe.close();
    const api = createQontoApi({
      baseUrl: probe.url,
      auth: { kind: "oauth", accessToken: SECRET },
      backoffMs: 1,
      maxAttempts: 3,
    });
    open.push(api);
    const err = await rejection(api.createClient(PAYLOAD));
    expect({ kind: err.kind, ambiguous: err.ambiguous, fatal: err.fatal }).toEqual({
      kind: "connect",
      ambiguous: false,
      fatal: false,
    });
    expect(api.stats()).toMatchObject({ total: 3, retries: 2, byStatus: { connect: 3 } });
  });

  it.each([401, 403])("a %i stops the api: nothing more reaches the server", async (code) => {
    const { server, api } = await setup([code === 401 ? unauthorized : status(403), client(), created]);
    const first = await rejection(api.listClients());
    expect({ status: first.status, fatal: first.fatal, ambiguous: first.ambiguous }).toEqual({
      status: code,
      fatal: true,
      ambiguous: false,
    });
    expect(api.stopReason()).toContain(`${code}`);
    const later = await Promise.all([
      rejection(api.createClient(PAYLOAD)),
      rejection(api.getClient("c-1")),
      rejection(api.deleteClient("c-1")),
    ]);
    for (const err of later) {
      expect({ kind: err.kind, status: err.status, fatal: err.fatal, notSent: err.notSent }).toEqual({
        kind: "http",
        status: code,
        fatal: true,
        notSent: true,
      });
      expect(err.ambiguous).toBe(false);
      expect(err.message).toContain(api.stopReason());
    }
    expect(later[0]?.method).toBe("POST");
    expect(server.requests).toHaveLength(1);
    expect(api.stats().total).toBe(1);
  });

  it("requests already waiting for a retry are not sent once another one met a 401", async () => {
    // The jitter is drawn once the 503 is in hand and the retry is about to wait: only then is the 401 sent, so the
    // order does not depend on the machine's speed (polling the server's request count did: the 503's answer could
    // reach the client after the 401's).
    let waiting!: () => void;
    const retryWaits = new Promise<void>((resolve) => (waiting = resolve));
    const { server, api } = await setup([status(503), unauthorized, client()], {
      backoffMs: 2_000,
      random: () => (waiting(), 1),
    });
    const retrying = api.getClient("c-1"); // 503, then waits 2 s
    await retryWaits;
    await rejection(api.listClients()); // the 401
    const err = await rejection(retrying);
    expect(err.notSent).toBe(true);
    expect(server.requests).toHaveLength(2);
  });

  it("a web page with status 200 names the staging token, and stops the api", async () => {
    const page = "<!DOCTYPE html><html><head><title>Qonto</title></head><body>Sign in</body></html>";
    const { server, api } = await setup([
      { status: 200, body: page, headers: { "content-type": "text/html; charset=utf-8" } },
      created,
    ]);
    const err = await rejection(api.createClient(PAYLOAD));
    expect(err.message).toBe(`POST /v2/clients: ${STAGING_TOKEN_MESSAGE}`);
    expect({ status: err.status, kind: err.kind, fatal: err.fatal, ambiguous: err.ambiguous }).toEqual({
      status: 200,
      kind: "http",
      fatal: true,
      ambiguous: true,
    });
    const later = await rejection(api.listClients());
    expect({ status: later.status, fatal: later.fatal, notSent: later.notSent }).toEqual({
      status: 200,
      fatal: true,
      notSent: true,
    });
    expect(later.message).toContain(STAGING_TOKEN_MESSAGE);
    expect(server.requests).toHaveLength(1);
  });

  it.each<[string, Step]>([
    ["plain text", { status: 200, body: "OK", headers: { "content-type": "text/plain" } }],
    [
      "JSON that does not parse",
      { status: 200, body: '{"client": {', headers: { "content-type": "application/json" } },
    ],
    ["no content type", { status: 200, body: '{"client":{"id":"c-1"}}' }],
    [
      "an HTML page labelled JSON",
      { status: 200, body: "<html><body>hi</body></html>", headers: { "content-type": "application/json" } },
    ],
  ])("a 2xx with %s is fatal", async (label, step) => {
    const { server, api } = await setup([step, client()]);
    const err = await rejection(api.getClient("c-1"));
    expect(err.fatal).toBe(true);
    expect(err.message).toContain(
      label.includes("HTML") ? STAGING_TOKEN_MESSAGE : "answered with something that is not JSON",
    );
    await rejection(api.getClient("c-1"));
    expect(server.requests).toHaveLength(1);
  });

  it("a 2xx whose JSON lacks the expected fields is fatal rather than read as an empty list", async () => {
    const { server, api } = await setup([{ status: 200, body: { clients: [] } }, client()]);
    const err = await rejection(api.listAllClients());
    expect(err.fatal).toBe(true);
    expect(err.message).toContain('"meta"');
    await rejection(api.getClient("c-1"));
    expect(server.requests).toHaveLength(1);
  });

  it("deleteClient: a 204 is done; a 404 is an error, except after an attempt whose answer was lost", async () => {
    const { server, api } = await setup([noContent, status(404), "reset", status(404)]);
    await expect(api.deleteClient("c-1")).resolves.toBeUndefined();
    expect((await rejection(api.deleteClient("c-2"))).status).toBe(404);
    await expect(api.deleteClient("c-3")).resolves.toBeUndefined();
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "DELETE /v2/clients/c-1",
      "DELETE /v2/clients/c-2",
      "DELETE /v2/clients/c-3",
      "DELETE /v2/clients/c-3",
    ]);
  });

  it("errors carry status, Qonto's entries and the trace id, and never the secrets, even when echoed", async () => {
    const echo = `bad header ${SECRET} / ${STAGING}`;
    const { api } = await setup([
      {
        status: 422,
        headers: { "x-qonto-trace-id": "trace-abc" },
        body: { errors: [{ code: "invalid", detail: echo, source: { pointer: "/name" } }] },
      },
      { status: 500, headers: { "x-request-id": "req-42" }, body: "oops" },
      "reset",
      {
        status: 401,
        body: { errors: [{ code: "authorization_token_invalid", detail: `token ${SECRET} is invalid` }] },
      },
    ]);
    const refused = await rejection(api.createClient(PAYLOAD));
    expect({
      method: refused.method,
      path: refused.path,
      status: refused.status,
      traceId: refused.traceId,
    }).toEqual({
      method: "POST",
      path: "/v2/clients",
      status: 422,
      traceId: "trace-abc",
    });
    expect(refused.entries).toEqual([
      { code: "invalid", detail: expect.stringContaining("[redacted]"), pointer: "/name" },
    ]);
    const failed = await rejection(api.createClient(PAYLOAD));
    expect({ status: failed.status, traceId: failed.traceId }).toEqual({ status: 500, traceId: "req-42" });
    const lost = await rejection(api.createClient(PAYLOAD));
    const fatal = await rejection(api.createClient(PAYLOAD));
    const notSent = await rejection(api.listClients({ filter: { email: "a@b.fr" } }));
    expect(notSent.path).toBe("/v2/clients");
    for (const err of [refused, failed, lost, fatal, notSent]) {
      const seen = JSON.stringify(err) + err.message + String(err.stack) + JSON.stringify(err.entries);
      expect(seen).not.toContain(SECRET);
      expect(seen).not.toContain(STAGING);
    }
    expect(api.stopReason()).not.toContain(SECRET);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it.each<[string | undefined, number | undefined]>([
    ["3", 3000],
    [" 0 ", 0],
    ["0.25", 250],
    ["Thu, 01 Jan 2026 00:00:02 GMT", 2000],
    ["Wed, 31 Dec 2025 23:59:00 GMT", 0],
    ["soon", undefined],
    [undefined, undefined],
  ])("%s -> %s ms", (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });
});
