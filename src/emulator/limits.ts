/**
 * Rate limits per client IP, as Qonto applies them: sliding windows (1,000 requests per 10 s and 10,000 per
 * 10 min by default), and the throttle of an IP that collects too many 401s in an hour.
 *
 * Qonto does not say which requests count. We take the harsher reading, that of a per-IP limiter in front of the
 * application: every request that reaches the server counts, at its arrival (before any latency), refused ones
 * included (429s, 401s, 4xx). A client that keeps knocking while refused stays refused.
 */
import type { RateWindow } from "../upload/rate-limiter.js";

const HOUR_MS = 3_600_000;

/** Times in a sliding window; old entries leave from the front. */
class SlidingLog {
  private readonly times: number[] = [];
  private head = 0;
  count(now: number, windowMs: number): number {
    while (this.head < this.times.length && (this.times[this.head] ?? 0) <= now - windowMs) this.head += 1;
    // Drop the consumed front now and then, so the array does not grow for ever.
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
    return this.times.length - this.head;
  }
  /** The i-th time still in the window, oldest first (call count() first). */
  at(i: number): number | undefined {
    return this.times[this.head + i];
  }
  push(now: number): void {
    this.times.push(now);
  }
}

export interface LimitDecision {
  allowed: boolean;
  /** When refused: seconds until a request would be admitted. */
  retryAfterS?: number;
  reason?: "rate_limit" | "unauthorized_throttle";
}

export function createIpLimits(
  windows: readonly RateWindow[],
  max401PerHour: number,
  now: () => number = Date.now,
): { admit(ip: string): LimitDecision; record401(ip: string): void } {
  const logs = new Map<string, SlidingLog[]>();
  const logsOf = (ip: string): SlidingLog[] => {
    let ipLogs = logs.get(ip);
    if (ipLogs === undefined) {
      ipLogs = windows.map(() => new SlidingLog());
      logs.set(ip, ipLogs);
    }
    return ipLogs;
  };
  const unauthorized = new Map<string, SlidingLog>();
  return {
    admit(ip) {
      const t = now();
      const ipLogs = logsOf(ip);
      // Compute the decision on the requests before this one, then count this one whatever the decision.
      let waitMs = 0;
      windows.forEach((w, i) => {
        const log = ipLogs[i];
        if (log === undefined) return;
        const n = log.count(t, w.windowMs);
        // Admitted again once all but limit - 1 of these have aged out.
        if (n >= w.limit) waitMs = Math.max(waitMs, (log.at(n - w.limit) ?? t) + w.windowMs - t);
      });
      for (const log of ipLogs) log.push(t);
      const failures = unauthorized.get(ip);
      if (failures !== undefined && failures.count(t, HOUR_MS) > max401PerHour) {
        const oldest = failures.at(0) ?? t;
        return {
          allowed: false,
          reason: "unauthorized_throttle",
          retryAfterS: Math.ceil((oldest + HOUR_MS - t) / 1000),
        };
      }
      if (waitMs > 0)
        return { allowed: false, reason: "rate_limit", retryAfterS: Math.max(1, Math.ceil(waitMs / 1000)) };
      return { allowed: true };
    },
    record401(ip) {
      let log = unauthorized.get(ip);
      if (log === undefined) {
        log = new SlidingLog();
        unauthorized.set(ip, log);
      }
      log.push(now());
    },
  };
}
