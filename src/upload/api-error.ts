// How a request to Qonto failed, and what its answer said: the error the importer sees (with the request it was
// for), transport errors sorted into connect / network / timeout, Qonto's error entries, Retry-After.

export interface QontoErrorEntry {
  code: string;
  detail: string;
  pointer?: string;
}

/**
 * How a request failed. "http": a status came back. "connect": no connection could be made (refused, DNS, connect
 * timeout), so nothing was sent. "network": the connection broke after the request went out. "timeout": no
 * complete answer came in time.
 */
export type FailureKind = "http" | "connect" | "network" | "timeout";

export interface QontoApiErrorFlags {
  /** A 2xx that is not Qonto's JSON: the sandbox's web page, a proxy's answer, a wrong base URL. */
  unexpectedAnswer?: boolean;
  /** Never sent: an earlier fatal error stopped the api. */
  notSent?: boolean;
  /** The wait the server asked for with Retry-After, in ms. */
  retryAfterMs?: number;
}

/**
 * A request that did not succeed. Carries what a person needs to investigate it (method, path, status, Qonto's
 * error entries, trace id) and never the credentials: headers are not kept, and answers are scrubbed of them.
 */
export class QontoApiError extends Error {
  override name = "QontoApiError";
  readonly unexpectedAnswer: boolean;
  readonly notSent: boolean;
  readonly retryAfterMs: number | undefined;
  constructor(
    readonly method: string,
    readonly path: string,
    readonly kind: FailureKind,
    readonly status: number | undefined,
    readonly entries: QontoErrorEntry[],
    readonly traceId: string | undefined,
    detail: string,
    flags: QontoApiErrorFlags = {},
  ) {
    super(`${method} ${path}: ${detail}`);
    this.unexpectedAnswer = flags.unexpectedAnswer ?? false;
    this.notSent = flags.notSent ?? false;
    this.retryAfterMs = flags.retryAfterMs;
  }

  /**
   * The request may have been carried out even though no usable answer came back: no answer, a 5xx, or a 2xx that
   * is not the JSON the contract describes (something answered "done" in a language we cannot read).
   */
  get ambiguous(): boolean {
    if (this.notSent) return false;
    if (this.kind === "network" || this.kind === "timeout") return true;
    if (this.kind !== "http" || this.status === undefined) return false;
    return this.status >= 500 || (this.unexpectedAnswer && this.status >= 200 && this.status < 300);
  }

  /** Every later request would fail the same way (refused credentials, no JSON): the api sends nothing more. */
  get fatal(): boolean {
    return this.status === 401 || this.status === 403 || this.unexpectedAnswer;
  }
}

/** Retry-After as ms from now: delta-seconds (decimals tolerated) or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

// Errors raised while connecting: the request never left, so repeating it cannot do anything twice.
const CONNECT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_FAIL",
  "EAI_NONAME",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
]);
const TIMEOUT_CODES = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

interface ErrorInfo {
  code?: unknown;
  syscall?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** The error and those it wraps (cause, AggregateError's list), as Node and undici nest them. */
function errorChain(err: unknown, depth = 0): ErrorInfo[] {
  if (typeof err !== "object" || err === null || depth > 3) return [];
  const info = err as ErrorInfo;
  const inner = Array.isArray(info.errors) ? (info.errors as unknown[]) : [];
  return [info, ...errorChain(info.cause, depth + 1), ...inner.flatMap((e) => errorChain(e, depth + 1))];
}

export function classifyTransportError(err: unknown): {
  kind: "connect" | "network" | "timeout";
  reason: string;
} {
  const chain = errorChain(err);
  const codes = chain.map((e) => (typeof e.code === "string" ? e.code : ""));
  const message =
    chain.map((e) => (typeof e.message === "string" ? e.message : "")).find((m) => m !== "") ??
    codes.find((c) => c !== "") ??
    String(err);
  if (codes.some((c) => TIMEOUT_CODES.has(c)))
    return { kind: "timeout", reason: `no answer in time (${message})` };
  const connecting = chain.some(
    (e) =>
      (typeof e.code === "string" && CONNECT_CODES.has(e.code)) ||
      e.syscall === "connect" ||
      e.syscall === "getaddrinfo",
  );
  return connecting
    ? { kind: "connect", reason: `could not connect (${message})` }
    : { kind: "network", reason: `the connection broke before the answer came (${message})` };
}

export function looksLikeHtml(contentType: string, text: string): boolean {
  return (
    contentType.includes("html") ||
    /^\s*(<!doctype html|<html|<head|<body)/i.test(text.replace(/^\uFEFF/, ""))
  );
}

export const STAGING_TOKEN_MESSAGE =
  "the sandbox staging token (QONTO_STAGING_TOKEN) is missing or wrong: Qonto answered with a web page instead of JSON";

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function parseErrors(text: string): QontoErrorEntry[] {
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
