/**
 * What the progress display says about an import's rows, computed from counts and the scheduler's state only (no
 * clock of its own, no I/O), so that it can be tested on a fake clock. While the scheduler waits for one of Qonto's
 * windows the display says so and when it resumes; the time left comes from the windows' budgets, since a speed
 * measured over the last seconds says nothing about a wait of eight minutes.
 */
import { CONSOLE_TEXTS, type ProgressCounts } from "../i18n/console.js";
import { formatDuration } from "../i18n/duration.js";
import type { Lang } from "../i18n/lang.js";
import { formatCount } from "../i18n/report.js";
import type { SchedulerState } from "../upload/rate-limiter.js";
import type { RowResult } from "./outcome.js";

export type { ProgressCounts };

/** One look at a run's rows: how many settled, how, and what the scheduler does now. */
export interface RowsSnapshot {
  settled: number;
  total: number | undefined;
  counts: ProgressCounts;
  scheduler?: SchedulerState;
  /** Rows sent without an answer, waiting for the settle delay before they are looked up. */
  parked?: number;
}

/**
 * Time (ms) the scheduler's windows need to let `requests` more requests out, from `now`: for each window, the
 * room it has now, then a full budget each time it slides by its length (its first room frees when its oldest
 * request leaves). The slowest window decides.
 */
export function windowsEtaMs(requests: number, scheduler: SchedulerState, now: number): number {
  let eta = scheduler.waiting === undefined ? 0 : Math.max(0, scheduler.waiting.untilMs - now);
  for (const w of scheduler.windows) {
    const room = Math.max(0, w.limit - w.used);
    if (requests <= room) continue;
    const refills = Math.ceil((requests - room) / w.limit);
    const firstFree = Math.max(0, (w.freesAtMs ?? now + w.windowMs) - now);
    eta = Math.max(eta, firstFree + (refills - 1) * w.windowMs);
  }
  return eta;
}

/**
 * Follows a run tick by tick: the speed is measured over the time requests were let out, never over a wait, so a
 * wait for a window neither slows nor speeds the estimate once it is over.
 */
export class RowsProgress {
  private sendingMs = 0;
  private settledWhileSending = 0;
  private last: { at: number; settled: number; waiting: boolean } | undefined;

  constructor(
    private readonly lang: Lang = "en",
    /** Local time of day of an epoch ms, "14:02"; injected so that tests do not depend on the time zone. */
    private readonly clock: (ms: number) => string = timeOfDay,
  ) {}

  /** Takes a snapshot at `now`; returns the line a person reads. */
  line(snapshot: RowsSnapshot, now: number): string {
    const waiting = snapshot.scheduler?.waiting;
    const previous = this.last;
    // The span since the last look counts as sending unless the scheduler was waiting at both ends.
    if (previous !== undefined && !(previous.waiting && waiting !== undefined)) {
      this.sendingMs += Math.max(0, now - previous.at);
      this.settledWhileSending += Math.max(0, snapshot.settled - previous.settled);
    }
    this.last = { at: now, settled: snapshot.settled, waiting: waiting !== undefined };
    return this.describe(snapshot, now);
  }

  /** Time left (ms), or undefined while it cannot be told (no total, nothing measured yet). */
  etaMs(snapshot: RowsSnapshot, now: number): number | undefined {
    if (snapshot.total === undefined) return undefined;
    // Every row left may need one write: an upper bound on the requests left, as invalid or unchanged rows need none.
    const left = Math.max(0, snapshot.total - snapshot.settled);
    if (left === 0) return 0;
    const byWindows = snapshot.scheduler === undefined ? 0 : windowsEtaMs(left, snapshot.scheduler, now);
    const rate = this.sendingMs > 0 ? this.settledWhileSending / this.sendingMs : 0;
    if (rate <= 0) return snapshot.scheduler?.waiting === undefined ? undefined : byWindows;
    return Math.max(byWindows, left / rate);
  }

  private describe(snapshot: RowsSnapshot, now: number): string {
    const t = CONSOLE_TEXTS[this.lang].progress;
    const n = (x: number) => formatCount(x, this.lang);
    const parts: string[] = [];
    const total = snapshot.total;
    const waiting = snapshot.scheduler?.waiting;
    if (waiting !== undefined) {
      const left = total === undefined ? undefined : n(Math.max(0, total - snapshot.settled));
      const limit = snapshot.scheduler?.windows.find((w) => w.windowMs === waiting.windowMs)?.limit;
      const what =
        waiting.windowMs === "pause" || limit === undefined
          ? t.pause
          : t.window(n(limit), span(waiting.windowMs));
      // Rounded up to the minute: "resumes at 14:02" must never be before it does.
      parts.push(`${what}${t.resumes(this.clock(Math.ceil(waiting.untilMs / 60_000) * 60_000), left)}`);
    }
    parts.push(
      total === undefined
        ? t.rows(n(snapshot.settled))
        : t.rowsOf(
            n(snapshot.settled),
            n(total),
            Math.floor((Math.min(snapshot.settled, total) * 100) / Math.max(1, total)),
          ),
    );
    parts.push(t.counts(snapshot.counts, n));
    if (snapshot.parked !== undefined && snapshot.parked > 0) parts.push(t.parked(n(snapshot.parked)));
    const eta = this.etaMs(snapshot, now);
    // Nothing left: no "about 0 s left".
    if (eta !== undefined && eta > 0 && total !== undefined)
      parts.push(t.eta(formatDuration(eta, this.lang)));
    return parts.join(" · ");
  }
}

export function timeOfDay(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

/** A window's length as Qonto words it: "10 min", "10 s", "1 h". */
function span(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Math.round(ms / 100) / 10} s`;
}

export const noCounts = (): ProgressCounts => ({
  created: 0,
  updated: 0,
  skipped: 0,
  invalid: 0,
  failed: 0,
  notSent: 0,
});

/** Counts one settled row under the counter a person reads it by. */
export function countRow(counts: ProgressCounts, result: Pick<RowResult, "outcome" | "problems">): void {
  switch (result.outcome) {
    case "created":
    case "would_create":
      counts.created += 1;
      return;
    case "updated":
    case "would_update":
      counts.updated += 1;
      return;
    case "invalid":
    case "needs_review":
      counts.invalid += 1;
      return;
    case "not_sent":
      counts.notSent += 1;
      return;
    case "failed":
      counts.failed += 1;
      return;
    default:
      counts.skipped += 1;
  }
}
