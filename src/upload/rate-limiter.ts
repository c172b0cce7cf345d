// Client-side scheduler shared by every request of a run, so a well-behaved run never meets a 429.
// Each window is a sliding log of requests: a request in flight counts in every window until its answer is in, then
// from the answer's time, which is never before the server counted it (at arrival). A request waits until every
// window has room, and while a 429's pause lasts. So the windows can be kept exactly: the margin is in the limits.

export interface RateWindow {
  limit: number;
  windowMs: number;
}

/** Qonto's documented limits per IP: 1,000 requests per 10 s and 10,000 per 10 min. */
export const QONTO_RATE_LIMITS: readonly RateWindow[] = [
  { limit: 1000, windowMs: 10_000 },
  { limit: 10_000, windowMs: 600_000 },
];

/**
 * What a run keeps under by default: Qonto's limits less 10 %, since other tools may share the IP and Qonto does
 * not document how it counts. An explicit --rate-limit is kept as given.
 */
export const DEFAULT_RATE_LIMITS: readonly RateWindow[] = QONTO_RATE_LIMITS.map((w) => ({
  limit: Math.floor(w.limit * 0.9),
  windowMs: w.windowMs,
}));

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

/** One window as the scheduler sees it now: its budget, and the requests it counts. */
export interface WindowState extends RateWindow {
  /** Requests counted in the window now (in flight, or answered less than windowMs ago). */
  used: number;
  /** When the oldest answered request leaves the window, freeing room (epoch ms); none when none is counted. */
  freesAtMs?: number;
}

/** What the scheduler is doing, for the progress display: read only, it changes nothing in the pacing. */
export interface SchedulerState {
  windows: WindowState[];
  /** Set while requests are held back: until when (epoch ms, at the latest) and by which window (or a 429's pause). */
  waiting?: { untilMs: number; windowMs: number | "pause" };
}

/** The limiter createRateLimiter builds, which always gives a release, and shows its state. */
export interface ScheduledRateLimiter extends RateLimiter {
  acquire(): Promise<ReleaseSlot>;
  state(): SchedulerState;
}

export function createRateLimiter(
  windows: readonly RateWindow[] = DEFAULT_RATE_LIMITS,
  safety = 1,
  now: () => number = Date.now,
): ScheduledRateLimiter {
  // Per window: the release times of answered requests, in order (each leaves a windowMs after it). Requests in
  // flight count in every window whatever their age: the server may have counted them at any moment since.
  const logs = windows.map((w) => ({
    limit: Math.max(1, Math.floor(w.limit * safety)),
    windowMs: w.windowMs,
    released: [] as number[],
    head: 0,
  }));
  let inFlight = 0;
  let queue: Promise<unknown> = Promise.resolve();
  let pausedUntil = Number.NEGATIVE_INFINITY;
  // A request waiting for room is woken by a release as well as by its timer.
  let wake: (() => void) | undefined;
  // What the request at the head of the queue waits for, if anything: shown, never used for pacing.
  let waiting: SchedulerState["waiting"];

  async function take(): Promise<ReleaseSlot> {
    for (;;) {
      const t = now();
      let waitMs = pausedUntil - t;
      let full = false;
      let by: number | "pause" = "pause";
      for (const log of logs) {
        const since = t - log.windowMs;
        while (log.head < log.released.length && (log.released[log.head] ?? 0) <= since) log.head += 1;
        // Drop the consumed front now and then rather than shifting on every request.
        if (log.head > 4096 && log.head * 2 > log.released.length) {
          log.released.splice(0, log.head);
          log.head = 0;
        }
        if (inFlight + log.released.length - log.head >= log.limit) {
          full = true;
          const oldest = log.released[log.head];
          if (oldest !== undefined && oldest + log.windowMs - t > waitMs) {
            waitMs = oldest + log.windowMs - t;
            by = log.windowMs;
          }
        }
      }
      if (waitMs <= 0 && !full) {
        waiting = undefined;
        inFlight += 1;
        let done = false;
        return () => {
          if (done) return;
          done = true;
          inFlight -= 1;
          const at = now();
          for (const log of logs) log.released.push(at);
          wake?.();
        };
      }
      // Full of requests in flight only is not a wait for a window: the next answer frees room.
      waiting = waitMs > 0 ? { untilMs: t + waitMs, windowMs: by } : undefined;
      await new Promise<void>((resolve) => {
        const timer = waitMs > 0 ? setTimeout(done, waitMs) : undefined;
        function done() {
          if (timer !== undefined) clearTimeout(timer);
          if (wake === done) wake = undefined;
          resolve();
        }
        // Full of requests in flight only: the next answer frees room.
        if (full) wake = done;
      });
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
    state(): SchedulerState {
      const t = now();
      const windows = logs.map((log) => {
        let used = inFlight;
        let oldest: number | undefined;
        for (let i = log.head; i < log.released.length; i++) {
          const at = log.released[i] ?? 0;
          if (at <= t - log.windowMs) continue;
          oldest ??= at;
          used += 1;
        }
        const w: WindowState = { limit: log.limit, windowMs: log.windowMs, used };
        if (oldest !== undefined) w.freesAtMs = oldest + log.windowMs;
        return w;
      });
      return waiting !== undefined && waiting.untilMs > t ? { windows, waiting } : { windows };
    },
  };
}
