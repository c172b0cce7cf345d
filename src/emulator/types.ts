/**
 * Public and shared types of the Qonto clients-API emulator.
 *
 * Response-shape choice: every field of the Client schema is always present;
 * optional fields the client never received are `null` (never omitted), so a
 * consumer can rely on a fixed set of keys.
 */

import type { RenderedInvoice } from "./invoice-render.js";

export type ClientKind = "individual" | "company" | "freelancer";

export interface EmulatorAddress {
  street_address: string | null;
  city: string | null;
  zip_code: string | null;
  province_code: string | null;
  country_code: string | null;
}

export interface EmulatorPhone {
  country_code: string;
  number: string;
}

/** A stored client, in the shape returned by GET/POST/PATCH: the draft plus what the store adds or derives. */
export interface EmulatorClient extends Omit<ClientDraft, "name"> {
  id: string;
  /** Deprecated alias of `kind`, always equal to it. */
  type: ClientKind;
  /** Company name, or `first_name + " " + last_name` for individuals and freelancers. */
  name: string;
  /** Deprecated: `phone.country_code + phone.number`. */
  phone_number: string | null;
  /** Deprecated root-level fields, mirrored from `billing_address`. */
  address: string | null;
  city: string | null;
  zip_code: string | null;
  province_code: string | null;
  country_code: string | null;
  created_at: string;
  updated_at: string;
}

/** The client data a payload can set; id, timestamps and derived fields are added by the store. */
export interface ClientDraft {
  kind: ClientKind;
  /** As sent; only meaningful for companies (individuals get a computed name). */
  name: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  extra_emails: string[] | null;
  phone: EmulatorPhone | null;
  currency: string | null;
  /** Bare lower-case language ("fr-FR" is stored as "fr"). */
  locale: string | null;
  vat_number: string | null;
  tax_identification_number: string | null;
  e_invoicing_address: string | null;
  recipient_code: string | null;
  billing_address: EmulatorAddress | null;
  delivery_address: EmulatorAddress | null;
}

export interface EmulatorCredentials {
  /** Accepted as `Authorization: <login>:<secretKey>` (plain, not base64). */
  apiKeys: { login: string; secretKey: string }[];
  /** Accepted as `Authorization: Bearer <token>`. */
  accessTokens: string[];
}

export interface EmulatorOptions {
  /** Default 0: the OS picks a free port. */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** Default: DEFAULT_EMULATOR_CREDENTIALS. */
  credentials?: EmulatorCredentials;
  /**
   * Country of the emulated organization, default "FR". Qonto only accepts the
   * `freelancer` kind for Italian organizations, so it is refused unless this is "IT".
   */
  orgCountry?: string;
  /**
   * Create-payload-like objects stored before the server starts listening. They may
   * carry `id`, `created_at` and `updated_at`. Each is validated like a POST; a bad
   * one makes startEmulator reject with `seed client #<0-based index>: <reasons>`.
   */
  seedClients?: unknown[];
  /**
   * Sandbox mode: a request without this `X-Qonto-Staging-Token` gets an HTML page with status 200, as Qonto's
   * sandbox answers it.
   */
  stagingToken?: string;
  /** Request limits per client IP, each a sliding window; default Qonto's (1,000 / 10 s and 10,000 / 10 min). [] for none. */
  rateLimits?: readonly { limit: number; windowMs: number }[];
  /** Send `Retry-After` (seconds) with a 429; Qonto documents none, so off by default. */
  retryAfter?: boolean;
  /** An IP that got more than this many 401s within the last hour gets 429s until they age out; default 200. */
  max401PerHour?: number;
  faults?: FaultOptions;
  /** After this many authenticated requests the credentials stop being accepted (401), as when a token expires. */
  expireCredentialsAfter?: number;
  /**
   * State kept on disk: every write is appended to this file before it is answered, and a restarted emulator
   * reads it back, clients and client invoices. When the file exists, `seedClients` are ignored.
   */
  dataFile?: string;
  /**
   * Request log: one JSON object per line (time, method, path, status, ms, fault). A late commit adds a second line
   * for its request when its time comes, with `late_commit` "applied" or "refused" and the status it would have had.
   */
  logFile?: string;
}

/** Faults drawn from a generator seeded with `seed`: the same seed gives the same sequence of faults. */
export interface FaultOptions {
  seed?: number;
  /** Each request waits a duration drawn between these, in ms. */
  latencyMs?: readonly [number, number];
  /** Share of requests answered 500, 502 or 503 without doing anything. */
  failRate?: number;
  /** Share of requests whose connection is destroyed before anything is done or answered. */
  resetRate?: number;
  /** Share of writes (creates, updates, deletes, invoices) carried out, then their connection destroyed unanswered. */
  lostResponseRate?: number;
  /**
   * Share of writes (POST /v2/clients, POST /v2/client_invoices, PATCH, DELETE) whose connection is closed
   * unanswered once the body is read, and which are carried out `lateCommitMs` later, as a real server still busy
   * with a request when the connection dropped. Validated and applied then, against the state then: one that
   * would be refused (422, 404, 409) is never applied. Pending ones are applied when the emulator closes.
   */
  lateCommitRate?: number;
  /** Delay of a late commit, in ms; default 5000. */
  lateCommitMs?: number;
  /**
   * Invoices refused with a 422, by number, as Qonto refuses one for a reason the importer cannot check. The
   * first create of such a number is refused, and so is every later one with the same content (the validated
   * payload); one whose content changed is carried out as any other. Not drawn: no effect on the seeded sequence.
   */
  refuseInvoices?: readonly InvoiceRefusal[];
}

/** An injected refusal: the invoice number it applies to, and the error entry Qonto answers. */
export interface InvoiceRefusal {
  number: string;
  /** Default "invalid_value". */
  code?: string;
  /** Default "/items/0". */
  pointer?: string;
  /** Default "items/0 is refused (injected fault)". */
  detail?: string;
}

export interface RequestCounts {
  total: number;
  /** Keyed by route template, e.g. "POST /v2/clients", "GET /v2/clients/{id}". */
  byRoute: Record<string, number>;
}

/** What `GET /_emulator/stats` answers: for tests and benchmarks. */
export interface EmulatorStats extends RequestCounts {
  byStatus: Record<string, number>;
  /** refused: invoices refused with a 422 by refuseInvoices. */
  faults: { failed: number; reset: number; lost: number; refused: number };
  /** Requests refused with 429, by the rate limits or the 401 throttle. */
  rateLimited: number;
  /**
   * Late commits: scheduled (connection closed, write pending), applied, refused when their time came (invalid,
   * client gone, invoice number taken), and still pending.
   */
  lateCommits: { scheduled: number; applied: number; refused: number; pending: number };
  clients: number;
  client_invoices: number;
}

export interface RunningEmulator {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:43817 */
  url: string;
  port: number;
  /** Snapshot (deep copy) of all stored clients, in creation order. */
  clients(): EmulatorClient[];
  /** Snapshot of all stored client invoices, in the response shape, in creation order. */
  invoices(): RenderedInvoice[];
  /** Every request received, including rejected ones (401, 404, ...). */
  requestCount(): RequestCounts;
  stats(): EmulatorStats;
  /** From now on the credentials are refused with 401, as when they expire mid-run. */
  revokeCredentials(): void;
  close(): Promise<void>;
}
