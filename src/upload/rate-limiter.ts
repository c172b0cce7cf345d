// Client-side scheduler shared by every request of a run, so a well-behaved run never meets a 429.
// Each window is a sliding log of start times; a request waits until every window has room.

export interface RateWindow {
  limit: number;
  windowMs: number;
}

/** Qonto's documented limits per IP: 1,000 requests per 10 s and 10,000 per 10 min. */
export const QONTO_RATE_LIMITS: readonly RateWindow[] = [
  { limit: 1000, windowMs: 10_000 },
  { limit: 10_000, windowMs: 600_000 },
];

export interface RateLimiter {
  acquire(): Promise<void>;
}

export function createRateLimiter(
  windows: readonly RateWindow[] = QONTO_RATE_LIMITS,
  safety = 0.9,
  now: () => number = Date.now,
): RateLimiter {
  const logs = windows.map((w) => ({
    limit: Math.max(1, Math.floor(w.limit * safety)),
    windowMs: w.windowMs,
    starts: [] as number[],
  }));
  let queue: Promise<void> = Promise.resolve();

  async function take(): Promise<void> {
    for (;;) {
      const t = now();
      let waitMs = 0;
      for (const log of logs) {
        while (log.starts.length > 0 && (log.starts[0] ?? 0) <= t - log.windowMs) log.starts.shift();
        if (log.starts.length >= log.limit)
          waitMs = Math.max(waitMs, (log.starts[0] ?? t) + log.windowMs - t);
      }
      if (waitMs <= 0) {
        for (const log of logs) log.starts.push(t);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }

  return {
    // Serialized so that concurrent callers are admitted in order and each sees the others' slots.
    acquire(): Promise<void> {
      const turn = queue.then(take);
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}
