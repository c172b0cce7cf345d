// Client-side scheduler shared by every request of a run, so a well-behaved run never meets a 429.
// Each window is a sliding log of requests, each counted from its start until its answer is in and then from the
// answer's time; a request waits until every window has room, and while a 429's pause lasts.

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

/** Says that a request's answer (or failure) is in. */
export type ReleaseSlot = () => void;

export interface RateLimiter {
  /**
   * Resolves when a request may start, counting it in every window. Call the function it gives once the answer
   * (or the failure) is in: the server counted the request at its arrival, which a busy event loop can put well
   * after the start, so from then on the slot counts from that later moment. Limiters of callers' own may give
   * nothing.
   */
  acquire(): Promise<ReleaseSlot | void>;
  /**
   * Holds every acquire back for ms from now (a 429 says the server's count disagrees with ours); a later, shorter
   * pause never cuts an earlier one short.
   */
  pause(ms: number): void;
}

/** The limiter createRateLimiter builds, which always gives a release. */
export interface ScheduledRateLimiter extends RateLimiter {
  acquire(): Promise<ReleaseSlot>;
}

interface Slot {
  start: number;
}

export function createRateLimiter(
  windows: readonly RateWindow[] = QONTO_RATE_LIMITS,
  safety = 0.9,
  now: () => number = Date.now,
): ScheduledRateLimiter {
  // Per window: the requests not yet released, in start order (they leave the window a windowMs after their start),
  // and the release times of the others, in order (they leave a windowMs after their release).
  const logs = windows.map((w) => ({
    limit: Math.max(1, Math.floor(w.limit * safety)),
    windowMs: w.windowMs,
    pending: [] as Slot[],
    released: [] as number[],
  }));
  let queue: Promise<unknown> = Promise.resolve();
  let pausedUntil = Number.NEGATIVE_INFINITY;

  async function take(): Promise<ReleaseSlot> {
    for (;;) {
      const t = now();
      let waitMs = pausedUntil - t;
      for (const log of logs) {
        const since = t - log.windowMs;
        while (log.pending.length > 0 && (log.pending[0]?.start ?? 0) <= since) log.pending.shift();
        while (log.released.length > 0 && (log.released[0] ?? 0) <= since) log.released.shift();
        if (log.pending.length + log.released.length >= log.limit) {
          const leaves = Math.min(log.pending[0]?.start ?? t, log.released[0] ?? t) + log.windowMs;
          waitMs = Math.max(waitMs, leaves - t);
        }
      }
      if (waitMs <= 0) {
        const slot: Slot = { start: t };
        for (const log of logs) log.pending.push(slot);
        let done = false;
        return () => {
          if (done) return;
          done = true;
          const at = Math.max(now(), slot.start);
          for (const log of logs) {
            // Still pending unless it outlived the window; in-flight requests are few, so the search is short.
            const index = log.pending.lastIndexOf(slot);
            if (index >= 0) log.pending.splice(index, 1);
            log.released.push(at);
          }
        };
      }
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }

  return {
    // Serialized so that concurrent callers are admitted in order and each sees the others' slots.
    acquire(): Promise<ReleaseSlot> {
      const turn = queue.then(take);
      queue = turn.catch(() => undefined);
      return turn;
    },
    pause(ms: number): void {
      if (ms > 0) pausedUntil = Math.max(pausedUntil, now() + ms);
    },
  };
}
