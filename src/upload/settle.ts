/**
 * A create without an answer may still land: a real API behind load balancers can be working on the request when
 * the connection drops, and commit it seconds later. So an ambiguous create is never looked up at once: its row is
 * parked, holding no request slot, while the run goes on with other rows, and is looked up once the settle delay
 * has passed since the failure. Only if Qonto still does not have it is it sent again.
 */
import { sleep } from "./client.js";

/**
 * 30 s: longer than the time a request may take to fail (the client's 30 s timeout is counted before it, as the
 * delay runs from the failure), and far longer than a load balancer's retry of a request in flight.
 */
export const DEFAULT_SETTLE_MS = 30_000;

/** What parking needs of a run: its stop flag, its request slots, the delay and the count of parked rows. */
export interface Settling {
  stop: { reason: string | null };
  /** Runs one request under the run's concurrency limit; without it, at once. */
  slot?: <T>(fn: () => Promise<T>) => Promise<T>;
  /** The settle delay, in ms (default DEFAULT_SETTLE_MS). */
  settleMs?: number;
  /** Rows parked now, for the progress display. */
  parked?: { now: number };
  /** Rows in a row whose request got no usable answer; reset by any answered write. */
  failuresInARow?: number;
  /** Creates sent without an answer since the last write that got one. */
  unansweredInARow?: number;
}

/**
 * Creates without an answer, one after another with no answered write between them, after which Qonto is taken as
 * not answering and the run stops: parked rows hold no slot, so without this an outage would see every row sent
 * once. 20: at a 20 % fault rate a run of 20 happens about once in 10¹⁴ creates.
 */
export const MAX_UNANSWERED_IN_A_ROW = 20;

/** A create went out and got no usable answer. */
export function noteUnanswered(ctx: Settling, message: string): void {
  ctx.unansweredInARow = (ctx.unansweredInARow ?? 0) + 1;
  if (ctx.unansweredInARow >= MAX_UNANSWERED_IN_A_ROW)
    ctx.stop.reason ??= `Qonto answered none of ${MAX_UNANSWERED_IN_A_ROW} creates in a row (last: ${message})`;
}

/** A write got its answer: Qonto is answering, both counts start again. */
export function noteAnswered(ctx: Settling): void {
  ctx.failuresInARow = 0;
  ctx.unansweredInARow = 0;
}

export function inSlot<T>(ctx: Settling, fn: () => Promise<T>): Promise<T> {
  return ctx.slot === undefined ? fn() : ctx.slot(fn);
}

/** The settle delay after a failure now. */
export function settleDelay(ctx: Settling): number {
  return ctx.settleMs ?? DEFAULT_SETTLE_MS;
}

// A parked row checks the stop flag this often, so Ctrl-C does not wait for the settle delay.
const STOP_POLL_MS = 200;

/**
 * Waits until `untilMs` (epoch ms) without holding a request slot. Resolves false if the run stopped meanwhile:
 * the row is then left for a resume, which looks it up first.
 */
export async function park(ctx: Settling, untilMs: number): Promise<boolean> {
  if (ctx.parked !== undefined) ctx.parked.now += 1;
  try {
    for (let left = untilMs - Date.now(); left > 0; left = untilMs - Date.now()) {
      if (ctx.stop.reason !== null) return false;
      await sleep(Math.min(left, STOP_POLL_MS));
    }
    return ctx.stop.reason === null;
  } finally {
    if (ctx.parked !== undefined) ctx.parked.now -= 1;
  }
}

/** One write's request under its slot: not sent (the run stopped, or its intent could not be journaled), answered, or failed. */
export type Attempt<T> =
  | { kind: "stopped" }
  | { kind: "journal"; err: unknown }
  | { kind: "answered"; value: T }
  | { kind: "error"; err: unknown };

/**
 * Sends one write once it has a request slot, its intent journaled first: rows waiting for a slot are not yet on
 * their way, so a crash leaves no intent for a request never sent. Never throws.
 */
export function attemptInSlot<T>(
  ctx: Settling,
  intent: () => Promise<void> | undefined,
  send: () => Promise<T>,
): Promise<Attempt<T>> {
  return inSlot(ctx, async (): Promise<Attempt<T>> => {
    if (ctx.stop.reason !== null) return { kind: "stopped" };
    try {
      await intent();
    } catch (err) {
      return { kind: "journal", err };
    }
    try {
      return { kind: "answered", value: await send() };
    } catch (err) {
      return { kind: "error", err };
    }
  });
}

/** A journal line's time. */
export const now = (): string => new Date().toISOString();
