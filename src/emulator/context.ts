/**
 * What the request handler works with: the emulator's state, limits and faults (ServerContext), and the request log's
 * line (RequestLogEntry).
 */
import type { ClientStore } from "./store.js";
import type { InvoiceStore } from "./invoice-store.js";
import type { FaultPlan, InjectedError } from "./faults.js";
import type { PendingWrites } from "./late.js";
import type { createIpLimits } from "./limits.js";
import type { EmulatorCredentials, EmulatorStats, RequestCounts } from "./types.js";

export interface ServerContext {
  store: ClientStore;
  invoices: InvoiceStore;
  credentials: EmulatorCredentials;
  orgCountry: string;
  counts: RequestCounts;
  stats: Omit<EmulatorStats, keyof RequestCounts | "clients" | "client_invoices">;
  limits: ReturnType<typeof createIpLimits>;
  drawFault: (isWrite: boolean) => FaultPlan;
  /** Injected 422s for chosen invoices (FaultOptions.refuseInvoices). */
  refuseInvoice: (number: string, content: string) => InjectedError | undefined;
  /** Requests being handled: close() waits for them, so no write lands after it (a latency bounds each). */
  inFlight: Set<Promise<void>>;
  /** Writes of the late-commit fault, waiting for their time. */
  pendingWrites: PendingWrites;
  retryAfter: boolean;
  stagingToken: string | undefined;
  /** Authenticated requests so far, and how many are allowed before the credentials expire. */
  credentialUses: number;
  expireCredentialsAfter: number | undefined;
  revoked: boolean;
  /** One NDJSON line per request, when a log file is asked for. */
  log: ((entry: RequestLogEntry) => void) | undefined;
}

export interface RequestLogEntry {
  time: string;
  method: string;
  path: string;
  /** null when the connection was destroyed without an answer. */
  status: number | null;
  ms: number;
  fault?: FaultKind;
  /** On the second line of a late commit, written when its time came: carried out or not. */
  late_commit?: "applied" | "refused";
  /** On that line too: the status the request would have been answered with then. */
  would_status?: number;
}

export type FaultKind = "reset" | "fail" | "lost" | "late_commit";
