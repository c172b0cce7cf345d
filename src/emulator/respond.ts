/**
 * Answers in the API's shape: JSON bodies with an x-request-id, JSON:API-style error lists (`{ errors: [...] }`, 422
 * entries with `source.pointer`), and the answer a write decides before it is sent (or lost, under a fault).
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FaultKind } from "./context.js";
import type { FieldError } from "./client-read.js";

// Responses to destroy instead of sending, once the write they answer is committed: the "lost response" fault.
export const LOSE_ON_SUCCESS = new WeakSet<ServerResponse>();
export const FAULT_OF = new WeakMap<ServerResponse, FaultKind>();

export interface ErrorItem {
  code: string;
  detail: string;
  status?: string;
  source?: { pointer?: string; parameter?: string };
}

/** An answer decided but not yet sent: a write decides its answer when it is carried out, maybe never sent. */
export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A write route's work once its body is read: an answer decided at once (a body that is not JSON), or the
 * validation and the write itself, run now or, under the late-commit fault, later against the state then.
 */
export type Work = Answer | (() => Answer);

export const errorAnswer = (
  status: number,
  errors: ErrorItem[],
  headers?: Record<string, string>,
): Answer => ({
  status,
  body: { errors },
  ...(headers === undefined ? {} : { headers }),
});

export function send(
  res: ServerResponse,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): void {
  if (status < 300 && LOSE_ON_SUCCESS.has(res)) {
    // Committed, never answered: the client cannot tell whether its write happened.
    FAULT_OF.set(res, "lost");
    res.socket?.destroy();
    return;
  }
  // Stands in for Qonto's trace id header, so clients can log it with failures.
  res.setHeader("x-request-id", randomUUID());
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(payload),
  });
  res.end(payload);
}

export function sendErrors(
  res: ServerResponse,
  status: number,
  errors: ErrorItem[],
  headers?: Record<string, string>,
) {
  send(res, status, { errors }, headers);
}

export function unprocessable(errors: readonly (Omit<FieldError, "code"> & { code: string })[]): Answer {
  return errorAnswer(
    422,
    errors.map((e) => ({
      status: "unprocessable entity",
      code: e.code,
      detail: e.detail,
      source: { pointer: e.pointer },
    })),
  );
}

export function reply(res: ServerResponse, answer: Answer): void {
  send(res, answer.status, answer.body, answer.headers);
}

export function methodNotAllowed(req: IncomingMessage, res: ServerResponse, allow: string): void {
  req.resume();
  sendErrors(res, 405, [{ code: "method_not_allowed", detail: `allowed methods: ${allow}` }], { allow });
}
