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

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parses a limit spec such as "1000/10s,10000/10m" (units ms, s, m, h): the importer's `--rate-limit` and the
 * emulator's use the same form. Returns an error message for people instead of throwing.
 */
export function parseRateLimits(
  spec: string,
): { ok: true; windows: RateWindow[] } | { ok: false; error: string } {
  const windows: RateWindow[] = [];
  for (const part of spec.split(",")) {
    const m = /^\s*(\d+)\s*\/\s*(\d+)?\s*(ms|s|m|h)\s*$/.exec(part);
    const limit = Number(m?.[1]);
    const windowMs = Number(m?.[2] ?? 1) * (UNIT_MS[m?.[3] ?? ""] ?? Number.NaN);
    if (m === null || !(limit >= 1) || !(windowMs >= 1))
      return {
        ok: false,
        error: `"${part.trim()}" is not a rate limit such as 1000/10s (units: ms, s, m, h)`,
      };
    windows.push({ limit, windowMs });
  }
  return { ok: true, windows };
}

export function formatRateLimits(windows: readonly RateWindow[]): string {
  const span = (ms: number) =>
    ms % 3_600_000 === 0
      ? `${ms / 3_600_000}h`
      : ms % 60_000 === 0
        ? `${ms / 60_000}m`
        : ms % 1000 === 0
          ? `${ms / 1000}s`
          : `${ms}ms`;
  return windows.map((w) => `${w.limit}/${span(w.windowMs)}`).join(",");
}

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
