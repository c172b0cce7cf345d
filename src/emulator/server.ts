/**
 * The emulator's request pipeline: the Host check, the stats endpoint, counting, drawn faults, rate limits, the
 * sandbox's staging token and auth, then the route (client-routes.ts, invoice-routes.ts); late commits and the
 * request log. Access checks are in access.ts, bodies in body.ts, answers and error shapes in respond.ts.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  clientNotFound,
  createRoute,
  deleteClient,
  getRoute,
  listRoute,
  updateRoute,
} from "./client-routes.js";
import { createInvoiceRoute, listInvoicesRoute } from "./invoice-routes.js";
import type { EmulatorStats } from "./types.js";
import { checkAuthorization, namesLoopback } from "./access.js";
import type { ServerContext } from "./context.js";
import {
  FAULT_OF,
  LOSE_ON_SUCCESS,
  errorAnswer,
  methodNotAllowed,
  reply,
  send,
  sendErrors,
  type Answer,
  type Work,
} from "./respond.js";
import { BODY_OF, receiveBody } from "./body.js";

export const STATS_PATH = "/_emulator/stats";

const SANDBOX_PAGE =
  "<!DOCTYPE html><html><head><title>Qonto sandbox</title></head><body><h1>Access restricted</h1>" +
  "<p>This environment needs a valid X-Qonto-Staging-Token header.</p></body></html>";

const COLLECTION_PATH = "/v2/clients";
const ITEM_PATH_RE = /^\/v2\/clients\/([^/]+)$/;
const INVOICES_PATH = "/v2/client_invoices";

function routeKey(method: string, pathname: string): string {
  if (pathname === INVOICES_PATH) return `${method} ${INVOICES_PATH}`;
  if (pathname === COLLECTION_PATH) return `${method} ${COLLECTION_PATH}`;
  if (ITEM_PATH_RE.test(pathname)) return `${method} ${COLLECTION_PATH}/{id}`;
  return `${method} ${pathname}`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function handle(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  if (!namesLoopback(req.headers.host)) {
    req.resume();
    return sendErrors(res, 421, [
      {
        status: "misdirected request",
        code: "misdirected_request",
        detail:
          "the emulator answers only requests addressed to this machine (Host: localhost, 127.0.0.1 or [::1], with any port)",
      },
    ]);
  }
  const url = new URL(req.url ?? "/", "http://emulator.invalid");
  const pathname = url.pathname;
  // The stats endpoint is the tester's window: no auth, no limits, no faults, not counted.
  if (pathname === STATS_PATH && method === "GET") {
    req.resume();
    return send(res, 200, {
      ...ctx.stats,
      total: ctx.counts.total,
      byRoute: ctx.counts.byRoute,
      clients: ctx.store.size,
      client_invoices: ctx.invoices.size,
    } satisfies EmulatorStats);
  }

  const key = routeKey(method, pathname);
  ctx.counts.total += 1;
  ctx.counts.byRoute[key] = (ctx.counts.byRoute[key] ?? 0) + 1;
  observe(ctx, req, res, `${pathname}${url.search}`);
  BODY_OF.set(req, receiveBody(req));

  const plan = ctx.drawFault(method === "POST" || method === "PATCH" || method === "DELETE");
  const ip = req.socket.remoteAddress ?? "unknown";
  // Counted at arrival, before the latency: a limiter in front of the application sees the request then. The
  // latency stands for the time the answer takes, so it delays a 429 as much as any other answer.
  const admitted = ctx.limits.admit(ip);
  if (plan.latencyMs > 0) await sleep(plan.latencyMs);

  if (!admitted.allowed) {
    req.resume();
    ctx.stats.rateLimited += 1;
    const detail =
      admitted.reason === "unauthorized_throttle"
        ? "too many requests with invalid credentials from this IP in the last hour"
        : "rate limit exceeded";
    sendErrors(
      res,
      429,
      [{ code: "too_many_requests", detail }],
      ctx.retryAfter ? { "retry-after": String(admitted.retryAfterS ?? 1) } : {},
    );
    return;
  }

  // Qonto's sandbox answers a request without its staging token with a web page, and status 200.
  if (ctx.stagingToken !== undefined && req.headers["x-qonto-staging-token"] !== ctx.stagingToken) {
    req.resume();
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(SANDBOX_PAGE);
    return;
  }

  // Auth comes before routing and body parsing, as on the real API.
  let auth = checkAuthorization(req.headers.authorization, ctx.credentials);
  if (auth === "ok" && ctx.expireCredentialsAfter !== undefined) {
    ctx.credentialUses += 1;
    if (ctx.credentialUses > ctx.expireCredentialsAfter) ctx.revoked = true;
  }
  if (auth === "ok" && ctx.revoked) auth = "invalid";
  if (auth !== "ok") {
    req.resume();
    ctx.limits.record401(ip);
    const [code, detail] =
      auth === "missing"
        ? ["authorization_header_missing", "authorization header missing"]
        : ["authorization_token_invalid", "authorization token invalid"];
    sendErrors(res, 401, [{ code, detail }]);
    return;
  }

  if (plan.fault?.kind === "reset") {
    ctx.stats.faults.reset += 1;
    FAULT_OF.set(res, "reset");
    req.socket.destroy();
    return;
  }
  if (plan.fault?.kind === "fail") {
    req.resume();
    ctx.stats.faults.failed += 1;
    FAULT_OF.set(res, "fail");
    sendErrors(res, plan.fault.status, [{ code: "internal_server_error", detail: "injected fault" }]);
    return;
  }
  if (plan.fault?.kind === "lost") LOSE_ON_SUCCESS.add(res);
  const lateMs = plan.fault?.kind === "late_commit" ? plan.fault.delayMs : undefined;
  const write = (work: Work) => carryOut(ctx, req, res, `${pathname}${url.search}`, work, lateMs);

  if (pathname === COLLECTION_PATH) {
    if (method === "GET") return listRoute(ctx, url, res);
    if (method === "POST") return write(await createRoute(ctx, req));
    return methodNotAllowed(req, res, "GET, POST");
  }

  if (pathname === INVOICES_PATH) {
    if (method === "GET") return listInvoicesRoute(ctx, url, res);
    if (method === "POST") return write(await createInvoiceRoute(ctx, req));
    return methodNotAllowed(req, res, "GET, POST");
  }

  const id = ITEM_PATH_RE.exec(pathname)?.[1];
  if (id !== undefined) {
    const clientId = safeDecode(id);
    if (clientId === undefined) {
      req.resume();
      return clientNotFound(res);
    }
    if (method === "GET") return getRoute(ctx, clientId, res);
    if (method === "PATCH") return write(await updateRoute(ctx, clientId, req, lateMs !== undefined));
    if (method === "DELETE") return write(() => deleteClient(ctx, clientId));
    return methodNotAllowed(req, res, "GET, PATCH, DELETE");
  }

  req.resume();
  sendErrors(res, 404, [{ code: "not_found", detail: `no route for ${method} ${pathname}` }]);
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined; // malformed %-escape: cannot name any stored client
  }
}

/**
 * Sends a write's answer now; or, under the late-commit fault, closes the connection unanswered (the body has been
 * read: the request did reach the server) and carries the write out `lateMs` later, validating it then.
 */
function carryOut(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  work: Work,
  lateMs: number | undefined,
): void {
  if (lateMs === undefined) return reply(res, typeof work === "function" ? work() : work);
  const started = Date.now();
  FAULT_OF.set(res, "late_commit");
  ctx.stats.lateCommits.scheduled += 1;
  ctx.stats.lateCommits.pending += 1;
  res.socket?.destroy();
  ctx.pendingWrites.schedule(lateMs, () => {
    let answer: Answer;
    try {
      answer = typeof work === "function" ? work() : work;
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      answer = errorAnswer(500, [{ code: "internal_server_error", detail }]);
    }
    const applied = answer.status < 300;
    ctx.stats.lateCommits.pending -= 1;
    ctx.stats.lateCommits[applied ? "applied" : "refused"] += 1;
    ctx.log?.({
      time: new Date().toISOString(),
      method: req.method ?? "GET",
      path,
      status: null,
      ms: Date.now() - started,
      fault: "late_commit",
      late_commit: applied ? "applied" : "refused",
      would_status: answer.status,
    });
  });
}

/** Counts the answer's status and writes the request log line once the exchange is over, answered or not. */
function observe(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, path: string): void {
  const started = Date.now();
  res.once("close", () => {
    const status = res.headersSent ? res.statusCode : null;
    const fault = FAULT_OF.get(res);
    if (fault === "lost") ctx.stats.faults.lost += 1;
    const statusKey = status === null ? "none" : String(status);
    ctx.stats.byStatus[statusKey] = (ctx.stats.byStatus[statusKey] ?? 0) + 1;
    ctx.log?.({
      time: new Date(started).toISOString(),
      method: req.method ?? "GET",
      path,
      status,
      ms: Date.now() - started,
      ...(fault === undefined ? {} : { fault }),
    });
  });
}

export function createRequestHandler(
  ctx: ServerContext,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const handled = handle(ctx, req, res).catch((error: unknown) => {
      const detail = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) sendErrors(res, 500, [{ code: "internal_server_error", detail }]);
      else res.destroy();
    });
    ctx.inFlight.add(handled);
    void handled.finally(() => ctx.inFlight.delete(handled));
  };
}
