import type { FaultOptions, InvoiceRefusal } from "./types.js";

/** mulberry32: a small seeded generator, so `--seed` replays the same faults in the same request order. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Fault =
  | { kind: "reset" }
  | { kind: "fail"; status: 500 | 502 | 503 }
  | { kind: "lost" }
  | { kind: "late_commit"; delayMs: number }
  | null;

export interface FaultPlan {
  latencyMs: number;
  /**
   * What happens before the request is handled: a reset or a 5xx; for a write, "lost" (carried out, answered
   * never) or "late_commit" (the connection closed unanswered, the write carried out delayMs later).
   */
  fault: Fault;
}

export const DEFAULT_LATE_COMMIT_MS = 5000;

const FAIL_STATUSES = [500, 502, 503] as const;

/** Draws each request's fate from one seeded sequence: latency first, then at most one fault. */
export function createFaultDrawer(options: FaultOptions = {}): (isWrite: boolean) => FaultPlan {
  const random = seededRandom(options.seed ?? Date.now());
  const [min, max] = options.latencyMs ?? [0, 0];
  const reset = options.resetRate ?? 0;
  const fail = options.failRate ?? 0;
  const lost = options.lostResponseRate ?? 0;
  const late = options.lateCommitRate ?? 0;
  const delayMs = options.lateCommitMs ?? DEFAULT_LATE_COMMIT_MS;
  return (isWrite) => {
    const latencyMs = max > 0 ? min + Math.floor(random() * (max - min + 1)) : 0;
    // Every request draws the same number of values, so one request's kind never shifts the next one's fate.
    const r = random();
    const pick = random();
    let fault: Fault = null;
    if (r < reset) fault = { kind: "reset" };
    else if (r < reset + fail) fault = { kind: "fail", status: FAIL_STATUSES[Math.floor(pick * 3)] ?? 503 };
    else if (isWrite && r < reset + fail + lost) fault = { kind: "lost" };
    // A band of the same draw above the others': with no late commits, a seed replays exactly what it did before.
    else if (isWrite && r < reset + fail + lost + late) fault = { kind: "late_commit", delayMs };
    return { latencyMs, fault };
  };
}

/** The error entry of an injected invoice refusal. */
export interface InjectedError {
  code: string;
  detail: string;
  pointer: string;
}

/**
 * The refusals of FaultOptions.refuseInvoices: given a valid invoice's number and its content (any string that is
 * equal for equal payloads), the error to answer with, or undefined to carry it out. The first content seen for a
 * number is the one refused, then and every time it comes again.
 */
export function createInvoiceRefuser(
  rules: readonly InvoiceRefusal[] = [],
): (number: string, content: string) => InjectedError | undefined {
  const byNumber = new Map(rules.map((r) => [r.number, r]));
  const refusedContent = new Map<string, string>();
  return (number, content) => {
    const rule = byNumber.get(number);
    if (rule === undefined) return undefined;
    const first = refusedContent.get(number);
    if (first === undefined) refusedContent.set(number, content);
    else if (first !== content) return undefined;
    const pointer = rule.pointer ?? "/items/0";
    return {
      code: rule.code ?? "invalid_value",
      pointer,
      detail: rule.detail ?? `${pointer.slice(1).replaceAll("/", ".")} is refused (injected fault)`,
    };
  };
}
