/**
 * GET /v2/client_invoices: query parsing, filtering, sorting and pagination, as pure functions. The store is in
 * invoice-store.ts, the totals and response shape in invoice-render.ts.
 */
import type { InvoiceStatus } from "./invoice-types.js";
import type { StoredInvoice } from "./invoice-store.js";
import { renderInvoice, type RenderedInvoice } from "./invoice-render.js";
import { DEFAULT_PER_PAGE, MAX_PER_PAGE, type PageMeta, type ParsedListQuery } from "./list.js";

export const INVOICE_STATUSES: readonly InvoiceStatus[] = ["draft", "unpaid", "canceled", "paid"];

export interface InvoiceListQuery {
  statuses: ReadonlySet<InvoiceStatus> | undefined;
  created_at_from?: number;
  created_at_to?: number;
  updated_at_from?: number;
  updated_at_to?: number;
  excludeImported: boolean;
  direction: "asc" | "desc";
  page: number;
  perPage: number;
}

type ParsedInvoiceQuery =
  | { ok: true; query: InvoiceListQuery }
  | { ok: false; error: Extract<ParsedListQuery, { ok: false }>["error"] };

const DATE_FILTERS = ["created_at_from", "created_at_to", "updated_at_from", "updated_at_to"] as const;

function positiveInt(raw: string | null, fallback: number): number | null {
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw.trim())) return null;
  const n = Number(raw.trim());
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * Contract: filter[status] (comma-separated), filter[created_at_from|to], filter[updated_at_from|to],
 * exclude_imported, page, per_page, sort_by created_at:asc|desc. Contract silent on the default sort: the
 * Postman example's created_at:desc. An unknown filter or a bad value is a 400 invalid_parameter, as for clients.
 */
export function parseInvoiceListQuery(params: URLSearchParams): ParsedInvoiceQuery {
  const fail = (parameter: string, detail: string): ParsedInvoiceQuery => ({
    ok: false,
    error: { parameter, detail },
  });
  const query: InvoiceListQuery = {
    statuses: undefined,
    excludeImported: true,
    direction: "desc",
    page: 1,
    perPage: DEFAULT_PER_PAGE,
  };
  for (const key of new Set(params.keys())) {
    if (!key.startsWith("filter")) continue;
    const field = /^filter\[([a-z_]+)\]$/.exec(key)?.[1];
    const raw = params.get(key) ?? "";
    if (field === "status") {
      const values = raw
        .split(",")
        .map((s) => s.trim().toLowerCase())
        .filter((s) => s !== "");
      if (values.length === 0) return fail(key, "must not be blank");
      const bad = values.find((v) => !INVOICE_STATUSES.includes(v as InvoiceStatus));
      if (bad !== undefined)
        return fail(key, `must be a comma-separated list of ${INVOICE_STATUSES.join(", ")}`);
      query.statuses = new Set(values as InvoiceStatus[]);
    } else if (DATE_FILTERS.some((f) => f === field)) {
      const ms = Date.parse(raw);
      if (Number.isNaN(ms)) return fail(key, "must be a valid ISO 8601 date-time");
      query[field as (typeof DATE_FILTERS)[number]] = ms;
    } else {
      return fail(key, "is not a supported filter");
    }
  }
  const excludeImported = params.get("exclude_imported");
  if (excludeImported !== null) {
    if (excludeImported !== "true" && excludeImported !== "false")
      return fail("exclude_imported", "must be true or false");
    query.excludeImported = excludeImported === "true";
  }
  const sort = params.get("sort_by") ?? "created_at:desc";
  if (sort !== "created_at:asc" && sort !== "created_at:desc") {
    return fail("sort_by", "must be one of created_at:asc, created_at:desc");
  }
  query.direction = sort === "created_at:asc" ? "asc" : "desc";
  const page = positiveInt(params.get("page"), 1);
  if (page === null || page < 1) return fail("page", "must be an integer greater than or equal to 1");
  const perPage = positiveInt(params.get("per_page"), DEFAULT_PER_PAGE);
  if (perPage === null || perPage < 1 || perPage > MAX_PER_PAGE) {
    return fail("per_page", `must be an integer between 1 and ${MAX_PER_PAGE}`);
  }
  query.page = page;
  query.perPage = perPage;
  return { ok: true, query };
}

function matches(s: StoredInvoice, q: InvoiceListQuery): boolean {
  // Every invoice the emulator holds was created through the API, none imported: exclude_imported changes nothing.
  if (q.statuses && !q.statuses.has(s.status)) return false;
  if (q.created_at_from !== undefined && s.createdMs < q.created_at_from) return false;
  if (q.created_at_to !== undefined && s.createdMs > q.created_at_to) return false;
  if (q.updated_at_from !== undefined && s.updatedMs < q.updated_at_from) return false;
  if (q.updated_at_to !== undefined && s.updatedMs > q.updated_at_to) return false;
  return true;
}

export function listInvoices(
  all: readonly StoredInvoice[],
  query: InvoiceListQuery,
  orgCountry: string,
): { client_invoices: RenderedInvoice[]; meta: PageMeta } {
  const sign = query.direction === "asc" ? 1 : -1;
  const rows = all
    .filter((s) => matches(s, query))
    .sort((a, b) => sign * (a.createdMs - b.createdMs) || sign * (a.seq - b.seq));
  const { page, perPage } = query;
  const totalCount = rows.length;
  const totalPages = Math.ceil(totalCount / perPage);
  const start = (page - 1) * perPage;
  return {
    client_invoices: rows.slice(start, start + perPage).map((s) => renderInvoice(s, orgCountry)),
    meta: {
      current_page: page,
      next_page: page < totalPages ? page + 1 : null,
      prev_page: page > 1 && totalPages > 0 ? Math.min(page - 1, totalPages) : null,
      total_pages: totalPages,
      total_count: totalCount,
      per_page: perPage,
    },
  };
}
