import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator, type RunningEmulator } from "../src/emulator/index.js";
import { createQontoApi, QontoApiError } from "../src/upload/client.js";
import { createRateLimiter } from "../src/upload/rate-limiter.js";

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

  it("an unreachable server is a network failure, marked ambiguous", async () => {
    const api = createQontoApi({
      baseUrl: "http://127.0.0.1:9",
      auth: { kind: "oauth", accessToken: "t" },
      maxAttempts: 2,
      backoffMs: 1,
    });
    const err = (await api
      .createClient({ kind: "company", name: "A" })
      .catch((e: unknown) => e)) as QontoApiError;
    expect(err.kind).toBe("network");
    expect(err.ambiguous).toBe(true);
    expect(api.stats().total).toBe(1); // a POST is never retried blind
    await api.close();
  });
});

describe("rate limiter", () => {
  it("admits at most the window's share, then waits for the oldest request to leave the window", async () => {
    let t = 0;
    const limiter = createRateLimiter([{ limit: 10, windowMs: 1000 }], 0.5, () => t);
    for (let i = 0; i < 5; i++) await limiter.acquire();
    let sixth = false;
    const pending = limiter.acquire().then(() => (sixth = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(sixth).toBe(false);
    t = 1000;
    await pending;
    expect(sixth).toBe(true);
  });
});
