import type { Dispatcher } from "undici";
import type { ClientCreatePayload } from "../validate/schema.js";
import { createRateLimiter, type RateLimiter } from "./rate-limiter.js";

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

export type ClientUpdatePayload = Partial<Omit<ClientCreatePayload, "kind">>;

export interface ListClientsQuery {
  page?: number;
  perPage?: number;
  sortBy?: string;
  filter?: Partial<Record<"vat_number" | "tax_identification_number" | "email" | "name", string>>;
}

export interface PageMeta {
  current_page: number;
  next_page: number | null;
  prev_page: number | null;
  total_pages: number;
  total_count: number;
  per_page: number;
}

export interface QontoErrorEntry {
  code: string;
  detail: string;
  pointer?: string;
}

export type FailureKind = "http" | "network" | "timeout";

/**
 * A request that did not succeed. Carries what a person needs to investigate it (method, path, status, Qonto's
 * error entries, trace id) and never the credentials: headers are not kept.
 */
export class QontoApiError extends Error {
  override name = "QontoApiError";
  constructor(
    readonly method: string,
    readonly path: string,
    readonly kind: FailureKind,
    readonly status: number | undefined,
    readonly entries: QontoErrorEntry[],
    readonly traceId: string | undefined,
    detail: string,
  ) {
    super(`${method} ${path}: ${detail}`);
  }

  /** The request may have been carried out even though no answer came back. */
  get ambiguous(): boolean {
    return this.kind !== "http" || (this.status !== undefined && this.status >= 500);
  }
}

export interface QontoApiOptions {
  baseUrl: string;
  auth: QontoAuth;
  stagingToken?: string;
  dispatcher?: Dispatcher;
  rateLimiter?: RateLimiter;
  /** Attempts for requests that are safe to repeat (GET, PATCH) and for 429s; default 5. */
  maxAttempts?: number;
  requestTimeoutMs?: number;
  /** Base delay of the exponential backoff, in ms; default 500. */
  backoffMs?: number;
}

export interface RequestStats {
  total: number;
  byStatus: Record<string, number>;
  retries: number;
}

export interface QontoApi {
  listClients(query?: ListClientsQuery): Promise<{ clients: QontoClient[]; meta: PageMeta }>;
  /** Every page of the list, in order. */
  listAllClients(onPage?: (fetched: number, total: number) => void): Promise<QontoClient[]>;
  getClient(id: string): Promise<QontoClient>;
  createClient(payload: ClientCreatePayload): Promise<QontoClient>;
  updateClient(id: string, patch: ClientUpdatePayload): Promise<QontoClient>;
  stats(): RequestStats;
  close(): Promise<void>;
}

function authorizationHeader(auth: QontoAuth): string {
  return auth.kind === "api_key" ? `${auth.login}:${auth.secretKey}` : `Bearer ${auth.accessToken}`;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createQontoApi(options: QontoApiOptions): QontoApi {
  const base = new URL(options.baseUrl);
  const ownsDispatcher = options.dispatcher === undefined;
  const timeout = options.requestTimeoutMs ?? 30_000;
  // undici is loaded on the first request: a dry run without credentials never needs it (nor its memory).
  let undici: typeof import("undici") | undefined;
  let dispatcher: Dispatcher | undefined = options.dispatcher;
  const http = async () => {
    undici ??= await import("undici");
    dispatcher ??= new undici.Agent({
      keepAliveTimeout: 10_000,
      connectTimeout: 10_000,
      headersTimeout: timeout,
      bodyTimeout: timeout,
    });
    return { undici, dispatcher };
  };
  const limiter = options.rateLimiter ?? createRateLimiter();
  const maxAttempts = options.maxAttempts ?? 5;
  const backoffMs = options.backoffMs ?? 500;
  const headers: Record<string, string> = {
    authorization: authorizationHeader(options.auth),
    accept: "application/json",
    "user-agent": "qonto-import",
  };
  if (options.stagingToken !== undefined) headers["x-qonto-staging-token"] = options.stagingToken;
  const stats: RequestStats = { total: 0, byStatus: {}, retries: 0 };

  async function once(method: "GET" | "POST" | "PATCH", path: string, body?: unknown): Promise<unknown> {
    await limiter.acquire();
    stats.total += 1;
    const url = new URL(path, base);
    let response: Dispatcher.ResponseData;
    try {
      const { undici, dispatcher } = await http();
      response = await undici.request(url, {
        method,
        dispatcher,
        headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      const isTimeout =
        undici !== undefined &&
        (err instanceof undici.errors.HeadersTimeoutError ||
          err instanceof undici.errors.BodyTimeoutError ||
          err instanceof undici.errors.ConnectTimeoutError);
      stats.byStatus[isTimeout ? "timeout" : "network"] =
        (stats.byStatus[isTimeout ? "timeout" : "network"] ?? 0) + 1;
      const reason =
        err instanceof Error ? ((err as Error & { code?: string }).code ?? err.message) : String(err);
      throw new QontoApiError(
        method,
        url.pathname,
        isTimeout ? "timeout" : "network",
        undefined,
        [],
        undefined,
        reason,
      );
    }
    const status = response.statusCode;
    stats.byStatus[String(status)] = (stats.byStatus[String(status)] ?? 0) + 1;
    const traceId = headerValue(response.headers["x-qonto-trace-id"] ?? response.headers["x-request-id"]);
    const text = await response.body.text().catch(() => "");
    const contentType = headerValue(response.headers["content-type"]) ?? "";
    if (status >= 200 && status < 300) {
      if (status === 204) return undefined;
      if (!contentType.includes("json")) {
        // The sandbox answers 200 with an HTML page when the staging token is missing or wrong.
        throw new QontoApiError(
          method,
          url.pathname,
          "http",
          status,
          [],
          traceId,
          "answered with a web page instead of JSON (is the staging token right?)",
        );
      }
      return JSON.parse(text) as unknown;
    }
    const entries = parseErrors(text);
    const detail =
      entries.length > 0 ? entries.map((e) => `${e.code}: ${e.detail}`).join("; ") : `HTTP ${status}`;
    throw new QontoApiError(method, url.pathname, "http", status, entries, traceId, `${status} ${detail}`);
  }

  /** GET and PATCH are safe to repeat; POST is repeated only after a 429, which Qonto refused before doing anything. */
  async function call(method: "GET" | "POST" | "PATCH", path: string, body?: unknown): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await once(method, path, body);
      } catch (err) {
        if (!(err instanceof QontoApiError) || attempt >= maxAttempts) throw err;
        const retriable = err.status === 429 || (method !== "POST" && err.ambiguous);
        if (!retriable) throw err;
        stats.retries += 1;
        await sleep(backoffMs * 2 ** (attempt - 1) * (0.5 + Math.random()));
      }
    }
  }

  return {
    async listClients(query = {}) {
      const params = new URLSearchParams();
      if (query.page !== undefined) params.set("page", String(query.page));
      if (query.perPage !== undefined) params.set("per_page", String(query.perPage));
      if (query.sortBy !== undefined) params.set("sort_by", query.sortBy);
      for (const [key, value] of Object.entries(query.filter ?? {}))
        if (value !== undefined) params.set(`filter[${key}]`, value);
      const qs = params.toString();
      const data = (await call("GET", `/v2/clients${qs === "" ? "" : `?${qs}`}`)) as {
        clients: QontoClient[];
        meta: PageMeta;
      };
      return data;
    },
    async listAllClients(onPage) {
      const all: QontoClient[] = [];
      // Sorted by creation so that a client created during the listing cannot shift earlier pages.
      for (let page = 1; ; page++) {
        const { clients, meta } = await this.listClients({ page, perPage: 100, sortBy: "created_at:asc" });
        all.push(...clients);
        onPage?.(all.length, meta.total_count);
        if (meta.next_page === null || clients.length === 0) return all;
      }
    },
    async getClient(id) {
      return ((await call("GET", `/v2/clients/${encodeURIComponent(id)}`)) as { client: QontoClient }).client;
    },
    async createClient(payload) {
      return ((await call("POST", "/v2/clients", payload)) as { client: QontoClient }).client;
    },
    async updateClient(id, patch) {
      return (
        (await call("PATCH", `/v2/clients/${encodeURIComponent(id)}`, patch)) as { client: QontoClient }
      ).client;
    },
    stats: () => structuredClone(stats),
    async close() {
      if (ownsDispatcher) await dispatcher?.close();
    },
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parseErrors(text: string): QontoErrorEntry[] {
  try {
    const body = JSON.parse(text) as {
      errors?: { code?: unknown; detail?: unknown; source?: { pointer?: unknown; parameter?: unknown } }[];
    };
    if (!Array.isArray(body.errors)) return [];
    return body.errors.map((e) => {
      const entry: QontoErrorEntry = { code: String(e.code ?? "unknown"), detail: String(e.detail ?? "") };
      const pointer = e.source?.pointer ?? e.source?.parameter;
      if (typeof pointer === "string") entry.pointer = pointer;
      return entry;
    });
  } catch {
    return [];
  }
}
