/**
 * Qonto clients-API emulator: a stateful HTTP server on 127.0.0.1 that behaves like
 * POST/GET /v2/clients, GET/PATCH/DELETE /v2/clients/{id} and POST/GET /v2/client_invoices, for tests and demos.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { closeSync, createWriteStream, fchmodSync, fstatSync, openSync, type WriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { createFaultDrawer, createInvoiceRefuser } from "./faults.js";
import { QONTO_RATE_LIMITS } from "../upload/rate-limiter.js";
import { createIpLimits } from "./limits.js";
import { PendingWrites } from "./late.js";
import { attachDataFile, loadDataFile } from "./persist.js";
import { createRequestHandler } from "./server.js";
import type { ServerContext } from "./context.js";
import { ClientStore, renderClient, type InsertMeta } from "./store.js";
import { InvoiceStore } from "./invoice-store.js";
import { renderInvoice } from "./invoice-render.js";
import type { EmulatorCredentials, EmulatorOptions, RunningEmulator } from "./types.js";
import { isJsonObject } from "./payload.js";
import { validateCreatePayload } from "./validate.js";

export type {
  ClientKind,
  EmulatorAddress,
  EmulatorClient,
  EmulatorCredentials,
  EmulatorOptions,
  EmulatorPhone,
  EmulatorStats,
  FaultOptions,
  InvoiceRefusal,
  RequestCounts,
  RunningEmulator,
} from "./types.js";
export type { ErrorCode, FieldError } from "./validate.js";
export type { InvoiceErrorCode, InvoiceFieldError } from "./invoice-validate.js";
export type { RenderedInvoice } from "./invoice-render.js";
export { STATS_PATH } from "./server.js";
export type { RequestLogEntry } from "./context.js";

export const DEFAULT_EMULATOR_CREDENTIALS: EmulatorCredentials = {
  apiKeys: [{ login: "emulator-org", secretKey: "emulator-secret" }],
  accessTokens: ["emulator-token"],
};

function seedTimestamp(value: unknown, field: string, index: number): Date | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === "string" ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms))
    throw new Error(`seed client #${index}: ${field} must be an ISO 8601 date-time string`);
  return new Date(ms);
}

function seedStore(store: ClientStore, seeds: readonly unknown[], orgCountry: string): void {
  seeds.forEach((seed, index) => {
    if (!isJsonObject(seed)) throw new Error(`seed client #${index}: must be a JSON object`);
    const result = validateCreatePayload(seed, { orgCountry });
    if (!result.ok) {
      const reasons = result.errors.map((e) => `${e.pointer}: ${e.detail} (${e.code})`).join("; ");
      throw new Error(`seed client #${index}: ${reasons}`);
    }
    const meta: InsertMeta = {};
    const id = seed["id"];
    if (id !== undefined && id !== null) {
      if (typeof id !== "string" || id.trim() === "") {
        throw new Error(`seed client #${index}: id must be a non-empty string`);
      }
      if (store.has(id)) throw new Error(`seed client #${index}: duplicate id ${id}`);
      meta.id = id;
    }
    const createdAt = seedTimestamp(seed["created_at"], "created_at", index);
    const updatedAt = seedTimestamp(seed["updated_at"], "updated_at", index);
    if (createdAt) meta.createdAt = createdAt;
    if (updatedAt) meta.updatedAt = updatedAt;
    store.insert(result.draft, meta);
  });
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? "127.0.0.1";
  const orgCountry = (options.orgCountry ?? "FR").toUpperCase();
  const store = new ClientStore();
  const invoices = new InvoiceStore();
  // Seed before listening so a bad seed fails fast without leaking a server.
  const restored = options.dataFile !== undefined && loadDataFile(options.dataFile, store, invoices);
  if (!restored) seedStore(store, options.seedClients ?? [], orgCountry);
  const closeDataFile =
    options.dataFile === undefined ? undefined : attachDataFile(options.dataFile, store, invoices);
  const logStream = options.logFile === undefined ? undefined : openLog(options.logFile);

  const ctx: ServerContext = {
    store,
    invoices,
    credentials: options.credentials ?? DEFAULT_EMULATOR_CREDENTIALS,
    orgCountry,
    counts: { total: 0, byRoute: {} },
    stats: {
      byStatus: {},
      faults: { failed: 0, reset: 0, lost: 0, refused: 0 },
      rateLimited: 0,
      lateCommits: { scheduled: 0, applied: 0, refused: 0, pending: 0 },
    },
    limits: createIpLimits(options.rateLimits ?? QONTO_RATE_LIMITS, options.max401PerHour ?? 200),
    drawFault: createFaultDrawer(options.faults),
    refuseInvoice: createInvoiceRefuser(options.faults?.refuseInvoices),
    inFlight: new Set(),
    pendingWrites: new PendingWrites(),
    retryAfter: options.retryAfter ?? false,
    stagingToken: options.stagingToken,
    credentialUses: 0,
    expireCredentialsAfter: options.expireCredentialsAfter,
    revoked: false,
    // A request still under way when the emulator closes ends after the log does: its line is lost, not an error.
    log:
      logStream === undefined
        ? undefined
        : (entry) => {
            if (!logStream.writableEnded) logStream.write(JSON.stringify(entry) + "\n");
          },
  };
  const server = createServer(createRequestHandler(ctx));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    clients: () => store.all().map(renderClient),
    invoices: () => invoices.all().map((i) => renderInvoice(i, orgCountry)),
    requestCount: () => ({ total: ctx.counts.total, byRoute: { ...ctx.counts.byRoute } }),
    stats: () =>
      structuredClone({
        ...ctx.stats,
        total: ctx.counts.total,
        byRoute: ctx.counts.byRoute,
        clients: store.size,
        client_invoices: invoices.size,
      }),
    revokeCredentials: () => {
      ctx.revoked = true;
    },
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets (fetch/undici pools) would otherwise hold close() open.
        server.closeAllConnections();
      }).then(async () => {
        // Requests still in their latency carry on (a client hanging up cancels nothing), then the late commits
        // still pending are carried out, through the data file and the log (see late.ts): nothing lands later.
        await Promise.allSettled([...ctx.inFlight]);
        ctx.pendingWrites.close();
        closeDataFile?.();
        return new Promise<void>((resolve) => (logStream === undefined ? resolve() : logStream.end(resolve)));
      });
      return closing;
    },
  };
}

/**
 * The request log, appended to. It names clients' ids and the e-mails and VAT numbers looked up: created 0600, and
 * a log file of this user's that others could read is made 0600 (a terminal or a pipe named instead is left as is).
 */
function openLog(path: string): WriteStream {
  const fd = openSync(path, "a", 0o600);
  try {
    const s = fstatSync(fd);
    if (s.isFile() && (s.mode & 0o077) !== 0 && s.uid === process.getuid?.()) fchmodSync(fd, 0o600);
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  return createWriteStream(path, { fd });
}

/** Reads seed clients from a JSON file: an array of clients, or `{"clients": [...]}`. */
export async function loadSeedFile(path: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot read seed file ${path}: ${reason}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, "")); // tolerate a BOM from Windows editors
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`seed file ${path} is not valid JSON: ${reason}`);
  }
  if (Array.isArray(data)) return data;
  if (isJsonObject(data) && Array.isArray(data["clients"])) return data["clients"];
  throw new Error(`seed file ${path} must contain an array of clients or an object {"clients": [...]}`);
}
