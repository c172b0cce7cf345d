/**
 * Request bodies: taken in as they arrive (at most 1 MiB kept), then read as one JSON object.
 */
import type { IncomingMessage } from "node:http";
import { isJsonObject } from "./payload.js";

const MAX_BODY_BYTES = 1024 * 1024;

type BodyResult = { ok: true; body: Record<string, unknown> } | { ok: false; status: number; detail: string };

/** A request's body as received; `whole: false` when the client hung up before sending all of it. */
type RawBody = { whole: true; chunks: Buffer[]; tooLarge: boolean } | { whole: false };

// Bodies are taken in from arrival, whatever the latency: a client that hangs up once its request is sent does
// not cancel it, as it would not on a real server.
export const BODY_OF = new WeakMap<IncomingMessage, Promise<RawBody>>();

export async function receiveBody(req: IncomingMessage): Promise<RawBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  try {
    for await (const chunk of req) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      // Keep draining so the connection stays usable, but stop buffering.
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(buffer);
    }
  } catch {
    return { whole: false };
  }
  return req.complete ? { whole: true, chunks, tooLarge } : { whole: false };
}

export async function readJsonObject(req: IncomingMessage): Promise<BodyResult> {
  const raw = await (BODY_OF.get(req) ?? receiveBody(req));
  // Half a request is no request: nothing to carry out, and no one to answer.
  if (!raw.whole) throw new Error("the client closed the connection before its request body was whole");
  const { chunks, tooLarge } = raw;
  if (tooLarge) return { ok: false, status: 413, detail: `request body exceeds ${MAX_BODY_BYTES} bytes` };
  const text = Buffer.concat(chunks).toString("utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, status: 400, detail: `request body is not valid JSON: ${reason}` };
  }
  if (!isJsonObject(parsed)) return { ok: false, status: 400, detail: "request body must be a JSON object" };
  return { ok: true, body: parsed };
}
