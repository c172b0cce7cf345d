import type { Dispatcher } from "undici";
import type { InvoicePayload } from "../invoices/schema.js";
import type { ClientAddress, ClientCreatePayload } from "../validate/schema.js";
import { UsageError } from "../errors.js";
import { baseOf, plainHttpRefusal } from "./base-url.js";
import { createRateLimiter, type RateLimiter, type RateWindow } from "./rate-limiter.js";
import { createRedactor } from "./redact.js";
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

export {
  parseRetryAfter,
  QontoApiError,
  STAGING_TOKEN_MESSAGE,
  type FailureKind,
  type QontoApiErrorFlags,
  type QontoErrorEntry,
} from "./api-error.js";

export const PRODUCTION_BASE_URL = "https://thirdparty.qonto.com";
export const SANDBOX_BASE_URL = "https://thirdparty-sandbox.staging.qonto.co";

export type QontoAuth =
  { kind: "api_key"; login: string; secretKey: string } | { kind: "oauth"; accessToken: string };

export interface QontoAddress {
  street_address?: string | null;
  city?: string | null;
  zip_code?: string | null;
  province_code?: string | null;
  country_code?: string | null;
}

/** A client as Qonto returns it; every optional field may be null. */
export interface QontoClient {
  id: string;
  kind?: string | null;
  name?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
  extra_emails?: string[] | null;
  phone?: { country_code?: string | null; number?: string | null } | null;
  vat_number?: string | null;
  tax_identification_number?: string | null;
  e_invoicing_address?: string | null;
  recipient_code?: string | null;
  currency?: string | null;
  locale?: string | null;
  billing_address?: QontoAddress | null;
  delivery_address?: QontoAddress | null;
  zip_code?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
}

type Nullable<T> = { [K in keyof T]?: T[K] | null };

/** An update: only the fields sent change; a field or address part sent as null is cleared (--clear-empty). */
export type ClientUpdatePayload = Nullable<
  Omit<ClientCreatePayload, "kind" | "billing_address" | "delivery_address">
> & {
  billing_address?: Nullable<ClientAddress>;
  delivery_address?: Nullable<ClientAddress>;
};

export interface ListClientsQuery {
  page?: number;
  perPage?: number;
  sortBy?: string;
  filter?: Partial<Record<"vat_number" | "tax_identification_number" | "email" | "name", string>>;
}

/** POST /v2/client_invoices: the invoice as the importer builds it, with the client it is for. */
export type InvoiceCreatePayload = InvoicePayload & { client_id: string };

export interface QontoMoney {
  value: string;
  currency: string;
}

export interface QontoInvoiceItem {
  title: string;
  quantity: string;
  unit_price: QontoMoney;
  vat_rate: string;
  description?: string | null;
  unit?: string | null;
  discount?: { type: string; value: string } | null;
  total_amount?: QontoMoney;
  total_vat?: QontoMoney;
  subtotal?: QontoMoney;
}

/** A client invoice as Qonto returns it: the fields the importer reads (Qonto sends many more). */
export interface QontoInvoice {
  id: string;
  number: string | null;
  status: string;
  issue_date: string;
  due_date: string;
  created_at: string;
  currency: string;
  total_amount: QontoMoney;
  vat_amount: QontoMoney;
  items: QontoInvoiceItem[];
  /** The client snapshot Qonto embeds; its id is the client's. */
  client?: { id?: string | null; name?: string | null } | null;
}

export interface ListInvoicesQuery {
  page?: number;
  /** per_page, at most 100. */
  perPage?: number;
  /** filter[status], comma-separated: draft, unpaid, canceled, paid. */
  status?: string[];
  /** filter[created_at_from], an ISO 8601 date-time. */
  createdAtFrom?: string;
  /** filter[created_at_to], an ISO 8601 date-time. */
  createdAtTo?: string;
  /** sort_by; Qonto's default is created_at:desc. */
  sort?: "created_at:asc" | "created_at:desc";
  /** exclude_imported, sent only when given (Qonto's default: true). */
  excludeImported?: boolean;
}

export interface PageMeta {
  current_page: number;
  next_page: number | null;
  prev_page: number | null;
  total_pages: number;
  total_count: number;
  per_page: number;
}

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

/** What the importer needs from Qonto; test stand-ins implement it. */
export interface QontoApi {
  listClients(query?: ListClientsQuery): Promise<{ clients: QontoClient[]; meta: PageMeta }>;
  /** Every page of the list, in order. */
  listAllClients(
    onPage?: (fetched: number, total: number) => void,
    filter?: ListClientsQuery["filter"],
  ): Promise<QontoClient[]>;
  getClient(id: string): Promise<QontoClient>;
  createClient(payload: ClientCreatePayload): Promise<QontoClient>;
  updateClient(id: string, patch: ClientUpdatePayload): Promise<QontoClient>;
  /** DELETE /v2/clients/{id}. A 404 after an attempt whose answer was lost counts as deleted. */
  deleteClient(id: string): Promise<void>;
  /** POST /v2/client_invoices. Never repeated after an ambiguous failure; a taken number is a 409. */
  createInvoice(payload: InvoiceCreatePayload): Promise<QontoInvoice>;
  listInvoices(query?: ListInvoicesQuery): Promise<{ invoices: QontoInvoice[]; meta: PageMeta }>;
  /** Every page, in order (per_page 100). */
  listAllInvoices(
    onPage?: (fetched: number, total: number) => void,
    query?: Omit<ListInvoicesQuery, "page" | "perPage">,
  ): Promise<QontoInvoice[]>;
  /** Why the api stopped sending (the first fatal error's message), or null. */
  stopReason(): string | null;
  stats(): RequestStats;
  close(): Promise<void>;
}

function authorizationHeader(auth: QontoAuth): string {
  return auth.kind === "api_key" ? `${auth.login}:${auth.secretKey}` : `Bearer ${auth.accessToken}`;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A Retry-After wait beyond this is not waited out: the 429 is returned to the caller. */
const MAX_RETRY_AFTER_MS = 15 * 60_000;

type Method = "GET" | "POST" | "PATCH" | "DELETE";
type Answer = { status: number; data: unknown };

export function createQontoApi(options: QontoApiOptions): QontoApi {
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
  const clientOf = (answer: Answer, method: Method, path: string) =>
    entityOf<QontoClient>(answer, method, path, "client");
  const invoiceOf = (answer: Answer, method: Method, path: string) =>
    entityOf<QontoInvoice>(answer, method, path, "client_invoice");

  /** One page of a list: GET path?params, whose answer holds the array under `key` and the page's meta. */
  async function page<T>(
    listPath: string,
    params: URLSearchParams,
    key: string,
  ): Promise<{ items: T[]; meta: PageMeta }> {
    const qs = params.toString();
    const path = `${listPath}${qs === "" ? "" : `?${qs}`}`;
    const answer = await call("GET", path);
    const data = answer.data as
      (Record<string, unknown> & { meta?: Partial<Record<keyof PageMeta, unknown>> }) | undefined;
    const items = data?.[key];
    // A meta without next_page would end the listing early, and the entries left unread would be created again.
    const meta = data?.meta;
    if (
      !Array.isArray(items) ||
      typeof meta !== "object" ||
      meta === null ||
      !(meta.next_page === null || typeof meta.next_page === "number") ||
      typeof meta.total_count !== "number"
    )
      throw unexpected("GET", path, answer.status, `a list of "${key}" with its "meta"`);
    return { items: items as T[], meta: meta as PageMeta };
  }

  /** Pages 1, 2, … of a list (100 each) until the last, in order. */
  async function allPages<T>(
    fetch: (page: number) => Promise<{ items: T[]; meta: PageMeta }>,
    onPage?: (fetched: number, total: number) => void,
  ): Promise<T[]> {
    const all: T[] = [];
    for (let n = 1; ; n++) {
      const { items, meta } = await fetch(n);
      all.push(...items);
      onPage?.(all.length, meta.total_count);
      if (meta.next_page === null || items.length === 0) return all;
    }
  }

  async function listClients(
    query: ListClientsQuery = {},
  ): Promise<{ clients: QontoClient[]; meta: PageMeta }> {
    const params = new URLSearchParams();
    if (query.page !== undefined) params.set("page", String(query.page));
    if (query.perPage !== undefined) params.set("per_page", String(query.perPage));
    if (query.sortBy !== undefined) params.set("sort_by", query.sortBy);
    for (const [key, value] of Object.entries(query.filter ?? {}))
      if (value !== undefined) params.set(`filter[${key}]`, value);
    const { items, meta } = await page<QontoClient>("/v2/clients", params, "clients");
    return { clients: items, meta };
  }

  async function listInvoices(
    query: ListInvoicesQuery = {},
  ): Promise<{ invoices: QontoInvoice[]; meta: PageMeta }> {
    const params = new URLSearchParams();
    if (query.status !== undefined && query.status.length > 0)
      params.set("filter[status]", query.status.join(","));
    if (query.createdAtFrom !== undefined) params.set("filter[created_at_from]", query.createdAtFrom);
    if (query.createdAtTo !== undefined) params.set("filter[created_at_to]", query.createdAtTo);
    if (query.excludeImported !== undefined) params.set("exclude_imported", String(query.excludeImported));
    if (query.page !== undefined) params.set("page", String(query.page));
    if (query.perPage !== undefined) params.set("per_page", String(query.perPage));
    if (query.sort !== undefined) params.set("sort_by", query.sort);
    const { items, meta } = await page<QontoInvoice>("/v2/client_invoices", params, "client_invoices");
    return { invoices: items, meta };
  }

  return {
    listClients,
    async listAllClients(onPage, filter) {
      // Sorted by creation so that a client created during the listing cannot shift earlier pages.
      return allPages(async (n) => {
        const { clients, meta } = await listClients({
          page: n,
          perPage: 100,
          sortBy: "created_at:asc",
          ...(filter === undefined ? {} : { filter }),
        });
        return { items: clients, meta };
      }, onPage);
    },
    async getClient(id) {
      const path = `/v2/clients/${encodeURIComponent(id)}`;
      return clientOf(await call("GET", path), "GET", path);
    },
    async createClient(payload) {
      return clientOf(await call("POST", "/v2/clients", payload), "POST", "/v2/clients");
    },
    async updateClient(id, patch) {
      const path = `/v2/clients/${encodeURIComponent(id)}`;
      return clientOf(await call("PATCH", path, patch), "PATCH", path);
    },
    async deleteClient(id) {
      await call("DELETE", `/v2/clients/${encodeURIComponent(id)}`);
    },
    async createInvoice(payload) {
      const path = "/v2/client_invoices";
      return invoiceOf(await call("POST", path, payload), "POST", path);
    },
    listInvoices,
    async listAllInvoices(onPage, query = {}) {
      // Oldest first unless asked otherwise, so that an invoice created during the listing cannot shift earlier pages.
      return allPages(async (n) => {
        const { invoices, meta } = await listInvoices({
          ...query,
          sort: query.sort ?? "created_at:asc",
          page: n,
          perPage: 100,
        });
        return { items: invoices, meta };
      }, onPage);
    },
    stopReason: () => stopped?.message ?? null,
    stats: () => structuredClone(stats),
    async close() {
      if (ownsDispatcher) await dispatcher?.close();
    },
  };
}
