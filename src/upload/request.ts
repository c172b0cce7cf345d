import type { Dispatcher } from "undici";
import { UsageError } from "../errors.js";
import {
  classifyTransportError,
  headerValue,
  looksLikeHtml,
  parseErrors,
  parseRetryAfter,
  QontoApiError,
  STAGING_TOKEN_MESSAGE,
  type FailureKind,
  type QontoApiErrorFlags,
  type QontoErrorEntry,
} from "./api-error.js";
import { baseOf, plainHttpRefusal } from "./base-url.js";
import { createRateLimiter, type RateLimiter, type RateWindow } from "./rate-limiter.js";
import { createRedactor } from "./redact.js";

// The request plumbing every endpoint shares: the credentials, one keep-alive connection pool, one deadline per
// request, the retries that are safe for each method, the shared rate limiter, and the first fatal error, after
// which nothing more is sent. The endpoints (client.ts) only name paths and read what came back.

export type QontoAuth =
  { kind: "api_key"; login: string; secretKey: string } | { kind: "oauth"; accessToken: string };

export interface QontoApiOptions {
  baseUrl: string;
  auth: QontoAuth;
  stagingToken?: string;
  dispatcher?: Dispatcher;
  /** The scheduler shared by every request of the run; wins over rateLimits. */
  rateLimiter?: RateLimiter;
  /** Windows for a limiter of the api's own when no rateLimiter is given; default Qonto's documented limits. */
  rateLimits?: readonly RateWindow[];
  /**
   * Attempts, the first included, for a failure worth repeating: a 5xx, lost answer or timeout on GET, PATCH or
   * DELETE, and a connection that could not be made on any method; default 8.
   */
  maxAttempts?: number;
  /** 429s one request may wait out before giving up; default 8. */
  max429Retries?: number;
  /** Time to establish a connection, in ms; default 10 s. */
  connectTimeoutMs?: number;
  /** Time for the whole answer, headers and body, in ms; default 30 s. */
  requestTimeoutMs?: number;
  /** Base delay of the exponential backoff, in ms; default 500. */
  backoffMs?: number;
  /** Longest backoff delay, in ms; default 30 s. Retry-After is honoured beyond it. */
  backoffCapMs?: number;
  /** Source of the jitter, in [0, 1); default Math.random. */
  random?: () => number;
  /** Called once, just before the first POST, PATCH or DELETE goes out (the run says where it writes). */
  beforeFirstWrite?: () => void;
}

export interface RequestStats {
  /** Requests that went to the network, each attempt counted. */
  total: number;
  /** Answers by status, and failures as "connect", "network" or "timeout". */
  byStatus: Record<string, number>;
  /** Attempts repeated after a failure or a 429. */
  retries: number;
  /** 429 answers. */
  rateLimited: number;
}

function authorizationHeader(auth: QontoAuth): string {
  return auth.kind === "api_key" ? `${auth.login}:${auth.secretKey}` : `Bearer ${auth.accessToken}`;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A Retry-After wait beyond this is not waited out: the 429 is returned to the caller. */
const MAX_RETRY_AFTER_MS = 15 * 60_000;

export type Method = "GET" | "POST" | "PATCH" | "DELETE";
export type Answer = { status: number; data: unknown };

/** What createTransport hands to the endpoints. */
export interface Transport {
  /** A request with the retries that are safe for it: the status and parsed JSON, or a QontoApiError. */
  call(method: Method, path: string, body?: unknown): Promise<Answer>;
  /** The error for a 2xx that is JSON but not the expected shape; it stops the api. */
  unexpected(method: Method, path: string, status: number, what: string): QontoApiError;
  /** The object under `key` of a 2xx answer, which must carry a string id. */
  entityOf<T>(answer: Answer, method: Method, path: string, key: string): T;
  /** Why the api stopped sending (the first fatal error's message), or null. */
  stopReason(): string | null;
  stats(): RequestStats;
  close(): Promise<void>;
}

export function createTransport(options: QontoApiOptions): Transport {
  const base = new URL(options.baseUrl);
  // The options refuse such a URL with a better message; this is for any other way a base URL could arrive.
  const refused = plainHttpRefusal(base);
  if (refused !== undefined) throw new UsageError(refused);
  // The API's paths go under the base URL's own path (a gateway's /qonto), which new URL(path, base) would drop.
  const root = baseOf(base);
  const ownsDispatcher = options.dispatcher === undefined;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  // undici is loaded on the first request: a dry run without credentials never needs it (nor its memory).
  let undici: typeof import("undici") | undefined;
  let dispatcher: Dispatcher | undefined = options.dispatcher;
  const http = async () => {
    undici ??= await import("undici");
    // One keep-alive agent for the whole run. Idle sockets are dropped before a server would drop them, so a
    // request rarely lands on a socket the server is closing (a lost answer for a POST).
    dispatcher ??= new undici.Agent({
      keepAliveTimeout: 4_000,
      connectTimeout: connectTimeoutMs,
      headersTimeout: requestTimeoutMs,
      bodyTimeout: requestTimeoutMs,
    });
    return { undici, dispatcher };
  };
  const limiter = options.rateLimiter ?? createRateLimiter(options.rateLimits);
  const maxAttempts = Math.max(1, options.maxAttempts ?? 8);
  const max429Retries = Math.max(0, options.max429Retries ?? 8);
  const backoffMs = options.backoffMs ?? 500;
  const backoffCapMs = options.backoffCapMs ?? 30_000;
  const random = options.random ?? Math.random;
  const headers: Record<string, string> = {
    authorization: authorizationHeader(options.auth),
    accept: "application/json",
    "user-agent": "qonto-import",
  };
  if (options.stagingToken !== undefined) headers["x-qonto-staging-token"] = options.stagingToken;
  // Anything the server echoes back is scrubbed of the secrets, in any form, before it reaches an error message.
  const redact = createRedactor([
    headers.authorization,
    options.auth.kind === "api_key" ? options.auth.secretKey : options.auth.accessToken,
    options.stagingToken,
  ]);
  let announced = false;
  const stats: RequestStats = { total: 0, byStatus: {}, retries: 0, rateLimited: 0 };
  const count = (key: string) => (stats.byStatus[key] = (stats.byStatus[key] ?? 0) + 1);
  /** The first fatal error: from then on nothing is sent. */
  let stopped: QontoApiError | undefined;

  /** The path as errors show it: the API's, without the query (the base URL is in the report's options). */
  const shown = (path: string) => path.split("?")[0] ?? path;

  function notSent(method: Method, path: string, cause: QontoApiError): QontoApiError {
    return new QontoApiError(
      method,
      shown(path),
      "http",
      cause.status,
      cause.entries,
      undefined,
      `not sent: ${cause.message}`,
      {
        notSent: true,
        unexpectedAnswer: cause.unexpectedAnswer,
      },
    );
  }

  /** One request, with no retry: the status and parsed JSON (undefined for an empty 204), or a QontoApiError. */
  async function once(method: Method, path: string, body?: unknown): Promise<Answer> {
    const fail = (
      kind: FailureKind,
      status: number | undefined,
      entries: QontoErrorEntry[],
      traceId: string | undefined,
      detail: string,
      flags?: QontoApiErrorFlags,
    ) =>
      new QontoApiError(
        method,
        shown(path),
        kind,
        status,
        entries,
        traceId === undefined ? undefined : redact(traceId),
        redact(detail),
        flags,
      );
    const url = new URL(root + path);
    // An id such as ".." would climb out of the path it is part of (and out of a gateway's prefix).
    if (url.pathname !== root.slice(base.origin.length) + shown(path))
      throw fail("http", undefined, [], undefined, `not sent: the path ${shown(path)} is not a plain path`, {
        notSent: true,
      });
    stats.total += 1;
    // One deadline for headers and body together: undici's own timeouts restart with every chunk.
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, requestTimeoutMs);
    let status: number;
    let responseHeaders: Dispatcher.ResponseData["headers"];
    let text: string;
    try {
      const { undici, dispatcher } = await http();
      const response = await undici.request(url, {
        method,
        dispatcher,
        signal: abort.signal,
        headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      status = response.statusCode;
      responseHeaders = response.headers;
      // A body cut short is a lost answer like any other, not an empty one.
      text = await response.body.text();
    } catch (err) {
      const { kind, reason } = timedOut
        ? { kind: "timeout" as const, reason: `no complete answer within ${requestTimeoutMs} ms` }
        : classifyTransportError(err);
      count(kind);
      throw fail(kind, undefined, [], undefined, reason);
    } finally {
      clearTimeout(timer);
    }
    count(String(status));
    const traceId = headerValue(responseHeaders["x-qonto-trace-id"] ?? responseHeaders["x-request-id"]);
    const contentType = (headerValue(responseHeaders["content-type"]) ?? "").toLowerCase();
    if (status >= 200 && status < 300) {
      if (text.trim() === "" && (status === 204 || method === "DELETE")) return { status, data: undefined };
      let data: unknown;
      let parsed = false;
      if (contentType.includes("json")) {
        try {
          data = JSON.parse(text) as unknown;
          parsed = true;
        } catch {
          // Reported below with the other answers that are not JSON.
        }
      }
      if (!parsed)
        throw fail(
          "http",
          status,
          [],
          traceId,
          looksLikeHtml(contentType, text)
            ? STAGING_TOKEN_MESSAGE
            : `Qonto answered with something that is not JSON (status ${status}, content-type ${contentType || "none"})`,
          { unexpectedAnswer: true },
        );
      return { status, data };
    }
    const entries = parseErrors(text).map((e) => {
      const entry: QontoErrorEntry = { code: redact(e.code), detail: redact(e.detail) };
      if (e.pointer !== undefined) entry.pointer = redact(e.pointer);
      return entry;
    });
    // Some entries carry no detail (Qonto's 409 for a taken invoice number has only a code and a pointer).
    const reasons = entries.map((e) => (e.detail === "" ? e.code : `${e.code}: ${e.detail}`)).join("; ");
    const detail =
      status === 401 || status === 403
        ? `${status} ${status === 401 ? "Qonto refused the credentials" : "Qonto does not allow these credentials to do this"}${reasons === "" ? "" : ` (${reasons})`}`
        : `${status} ${reasons === "" ? `HTTP ${status}` : reasons}`;
    const retryAfterMs = parseRetryAfter(headerValue(responseHeaders["retry-after"]));
    throw fail("http", status, entries, traceId, detail, retryAfterMs === undefined ? {} : { retryAfterMs });
  }

  /**
   * A request with the retries that are safe for it. 429s are waited out on any method (Qonto refused before
   * doing anything) and pause the shared limiter; a connection that could not be made is repeated on any method
   * (nothing was sent); a lost answer, timeout or 5xx is repeated on GET, PATCH and DELETE only: a POST whose
   * outcome is unknown goes back to the caller, who looks before creating again.
   */
  async function call(method: Method, path: string, body?: unknown): Promise<Answer> {
    let failures = 0;
    let rateLimited = 0;
    let lostAnswer = false;
    for (;;) {
      if (stopped !== undefined) throw notSent(method, path, stopped);
      const release = await limiter.acquire();
      let outcome: { answer: Answer } | { error: unknown };
      try {
        // The wait may have been long: another request may have stopped the api meanwhile.
        if (stopped !== undefined) throw notSent(method, path, stopped);
        if (method !== "GET" && !announced) {
          announced = true;
          options.beforeFirstWrite?.();
        }
        outcome = { answer: await once(method, path, body) };
      } catch (error) {
        outcome = { error };
      } finally {
        release?.();
      }
      if ("answer" in outcome) return outcome.answer;
      const err = outcome.error;
      if (!(err instanceof QontoApiError)) throw err;
      if (err.fatal) {
        stopped ??= err;
        throw err;
      }
      if (method === "DELETE" && err.status === 404 && lostAnswer) return { status: 404, data: undefined };
      let waitMs: number;
      if (err.status === 429) {
        stats.rateLimited += 1;
        rateLimited += 1;
        if (rateLimited > max429Retries) throw err;
        if (err.retryAfterMs !== undefined && err.retryAfterMs > MAX_RETRY_AFTER_MS) throw err;
        // Never zero: the point is to let the server's window move on.
        const delay = Math.min(backoffCapMs, backoffMs * 2 ** (rateLimited - 1));
        waitMs = err.retryAfterMs ?? delay * (0.5 + 0.5 * random());
        // Every request of the run holds back, so a storm of 429s calms down instead of feeding itself.
        limiter.pause(waitMs);
      } else {
        const repeatable = err.kind === "connect" || (method !== "POST" && err.ambiguous);
        failures += 1;
        if (!repeatable || failures >= maxAttempts) throw err;
        if (err.ambiguous) lostAnswer = true;
        // Full jitter spreads the retries of concurrent requests over the whole interval.
        const ceiling = Math.min(backoffCapMs, backoffMs * 2 ** (failures - 1));
        waitMs = Math.max(ceiling * random(), Math.min(backoffCapMs, err.retryAfterMs ?? 0));
      }
      stats.retries += 1;
      await sleep(waitMs);
    }
  }

  /** A 2xx that is JSON but not the expected shape: something else answered, so the api stops like for a web page. */
  const unexpected = (method: Method, path: string, status: number, what: string) => {
    const err = new QontoApiError(
      method,
      shown(path),
      "http",
      status,
      [],
      undefined,
      `Qonto answered ${status} without ${what}`,
      { unexpectedAnswer: true },
    );
    stopped ??= err;
    return err;
  };
  /** The object under `key` of a 2xx answer, which must carry a string id. */
  const entityOf = <T>({ status, data }: Answer, method: Method, path: string, key: string): T => {
    const entity = (data as Record<string, unknown> | undefined)?.[key];
    if (typeof entity === "object" && entity !== null && typeof (entity as { id?: unknown }).id === "string")
      return entity as T;
    throw unexpected(method, path, status, `a "${key}" with an id`);
  };

  return {
    call,
    unexpected,
    entityOf,
    stopReason: () => stopped?.message ?? null,
    stats: () => structuredClone(stats),
    async close() {
      if (ownsDispatcher) await dispatcher?.close();
    },
  };
}
