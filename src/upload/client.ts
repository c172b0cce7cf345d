import type { InvoicePayload } from "../invoices/schema.js";
import type { ClientAddress, ClientCreatePayload } from "../validate/schema.js";
import {
  createTransport,
  type Answer,
  type Method,
  type QontoApiOptions,
  type RequestStats,
} from "./request.js";

export {
  parseRetryAfter,
  QontoApiError,
  STAGING_TOKEN_MESSAGE,
  type FailureKind,
  type QontoApiErrorFlags,
  type QontoErrorEntry,
} from "./api-error.js";
export { sleep, type QontoApiOptions, type QontoAuth, type RequestStats } from "./request.js";

export const PRODUCTION_BASE_URL = "https://thirdparty.qonto.com";
export const SANDBOX_BASE_URL = "https://thirdparty-sandbox.staging.qonto.co";

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

export function createQontoApi(options: QontoApiOptions): QontoApi {
  const { call, unexpected, entityOf, stopReason, stats, close } = createTransport(options);
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
    stopReason,
    stats,
    close,
  };
}
