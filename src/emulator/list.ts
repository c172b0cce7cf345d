/**
 * GET /v2/clients: query parsing, filtering, sorting and pagination, as pure functions.
 */
import { renderClient, type StoredClient } from "./store.js";
import type { EmulatorClient } from "./types.js";

export type SortField = "created_at" | "updated_at" | "name";
export type SortDirection = "asc" | "desc";

export interface ListFilters {
  name?: string;
  email?: string;
  vat_number?: string;
  tax_identification_number?: string;
  /** Inclusive bounds on updated_at, in epoch milliseconds. */
  updated_at_from?: number;
  updated_at_to?: number;
}

export interface ListQuery {
  filters: ListFilters;
  sort: { field: SortField; direction: SortDirection };
  page: number;
  perPage: number;
}

export interface PageMeta {
  current_page: number;
  next_page: number | null;
  prev_page: number | null;
  /** ceil(total_count / per_page): 0 when nothing matches. */
  total_pages: number;
  total_count: number;
  per_page: number;
}

export interface QueryError {
  parameter: string;
  detail: string;
}

export type ParsedListQuery = { ok: true; query: ListQuery } | { ok: false; error: QueryError };

export const DEFAULT_PER_PAGE = 100;
export const MAX_PER_PAGE = 100;
const MIN_NAME_FILTER_LENGTH = 2;

const EXACT_FILTERS = ["email", "vat_number", "tax_identification_number"] as const;
const DATE_FILTERS = ["updated_at_from", "updated_at_to"] as const;
const SORT_VALUES: ReadonlySet<string> = new Set(
  ["created_at", "updated_at", "name"].flatMap((f) => [`${f}:asc`, `${f}:desc`]),
);

/** Case- and accent-insensitive form used by the name filter ("École" → "ecole"). */
export function foldForSearch(value: string): string {
  return value.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

function foldExact(value: string): string {
  return value.trim().toLowerCase();
}

function parsePositiveInt(raw: string | null, fallback: number): number | null {
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw.trim())) return null;
  const n = Number(raw.trim());
  return Number.isSafeInteger(n) ? n : null;
}

export function parseListQuery(params: URLSearchParams): ParsedListQuery {
  const fail = (parameter: string, detail: string): ParsedListQuery => ({
    ok: false,
    error: { parameter, detail },
  });
  const filters: ListFilters = {};

  for (const key of new Set(params.keys())) {
    if (!key.startsWith("filter")) continue; // other unknown parameters are ignored, like most APIs do
    const match = /^filter\[([a-z_]+)\]$/.exec(key);
    const field = match?.[1];
    const raw = params.get(key) ?? "";
    if (field === "name") {
      const folded = foldForSearch(raw);
      if ([...folded].length < MIN_NAME_FILTER_LENGTH) {
        return fail(key, `must contain at least ${MIN_NAME_FILTER_LENGTH} characters`);
      }
      filters.name = folded;
    } else if (EXACT_FILTERS.some((f) => f === field)) {
      if (raw.trim() === "") return fail(key, "must not be blank");
      filters[field as (typeof EXACT_FILTERS)[number]] = foldExact(raw);
    } else if (DATE_FILTERS.some((f) => f === field)) {
      const ms = Date.parse(raw);
      if (Number.isNaN(ms)) return fail(key, "must be a valid ISO 8601 date-time");
      filters[field as (typeof DATE_FILTERS)[number]] = ms;
    } else {
      return fail(key, "is not a supported filter");
    }
  }

  const sortRaw = params.get("sort_by") ?? "name:asc";
  if (!SORT_VALUES.has(sortRaw)) {
    return fail("sort_by", `must be one of ${[...SORT_VALUES].join(", ")}`);
  }
  const [field, direction] = sortRaw.split(":") as [SortField, SortDirection];

  const page = parsePositiveInt(params.get("page"), 1);
  if (page === null || page < 1) return fail("page", "must be an integer greater than or equal to 1");
  const perPage = parsePositiveInt(params.get("per_page"), DEFAULT_PER_PAGE);
  if (perPage === null || perPage < 1 || perPage > MAX_PER_PAGE) {
    return fail("per_page", `must be an integer between 1 and ${MAX_PER_PAGE}`);
  }

  return { ok: true, query: { filters, sort: { field, direction }, page, perPage } };
}

function matches(stored: StoredClient, client: EmulatorClient, filters: ListFilters): boolean {
  if (filters.name !== undefined && !foldForSearch(client.name).includes(filters.name)) return false;
  for (const key of EXACT_FILTERS) {
    const wanted = filters[key];
    if (wanted === undefined) continue;
    const actual = client[key];
    if (actual === null || foldExact(actual) !== wanted) return false;
  }
  if (filters.updated_at_from !== undefined && stored.updatedMs < filters.updated_at_from) return false;
  if (filters.updated_at_to !== undefined && stored.updatedMs > filters.updated_at_to) return false;
  return true;
}

// Base sensitivity: "école" and "Ecole" compare equal, so ties fall back to creation order.
const nameCollator = new Intl.Collator("en", { sensitivity: "base" });

export function listClients(
  all: readonly StoredClient[],
  query: ListQuery,
): { clients: EmulatorClient[]; meta: PageMeta } {
  const rows = all
    .map((stored) => ({ stored, client: renderClient(stored) }))
    .filter(({ stored, client }) => matches(stored, client, query.filters));

  const sign = query.sort.direction === "asc" ? 1 : -1;
  const primary = (a: (typeof rows)[number], b: (typeof rows)[number]): number => {
    switch (query.sort.field) {
      case "name":
        return nameCollator.compare(a.client.name, b.client.name);
      case "created_at":
        return a.stored.createdMs - b.stored.createdMs;
      case "updated_at":
        return a.stored.updatedMs - b.stored.updatedMs;
    }
  };
  // Only the primary key is reversed for desc; ties always go by creation order.
  rows.sort((a, b) => sign * primary(a, b) || a.stored.seq - b.stored.seq);

  const { page, perPage } = query;
  const totalCount = rows.length;
  const totalPages = Math.ceil(totalCount / perPage);
  const start = (page - 1) * perPage;
  // Past the last page: empty list; prev_page points at the last existing page.
  const prevPage = page > 1 && totalPages > 0 ? Math.min(page - 1, totalPages) : null;
  return {
    clients: rows.slice(start, start + perPage).map((r) => r.client),
    meta: {
      current_page: page,
      next_page: page < totalPages ? page + 1 : null,
      prev_page: prevPage,
      total_pages: totalPages,
      total_count: totalCount,
      per_page: perPage,
    },
  };
}
