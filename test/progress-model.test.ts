import { describe, expect, it } from "vitest";
import { createProgress } from "../src/report/progress.js";
import { RowsProgress, windowsEtaMs, noCounts } from "../src/report/progress-model.js";
import type { SchedulerState } from "../src/upload/rate-limiter.js";

// Qonto's default budget less 10 %: 900 per 10 s, 9,000 per 10 min. Times are ms from a fake epoch.
const MIN = 60_000;
const at = (h: number, m: number, s = 0) => ((h * 60 + m) * 60 + s) * 1000;
// The clock is injected: tests do not depend on the machine's time zone.
const clock = (ms: number) => {
  const m = Math.floor(ms / MIN);
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
};
const counts = { ...noCounts(), created: 8_990, skipped: 5, invalid: 4, failed: 1 };

/** The scheduler 8,000 requests into a run of 20,000 rows at 13:52:30, its 10-minute window full. */
function waitingFor10Minutes(): SchedulerState {
  return {
    windows: [
      { limit: 900, windowMs: 10_000, used: 0 },
      { limit: 9_000, windowMs: 10 * MIN, used: 9_000, freesAtMs: at(14, 1, 30) },
    ],
    waiting: { untilMs: at(14, 1, 30), windowMs: 10 * MIN },
  };
}

describe("the progress model while Qonto's windows hold the run back", () => {
  it("says it waits for the 10-minute limit, when it resumes, and the rows left", () => {
    const model = new RowsProgress("en", clock);
    const line = model.line(
      { settled: 9_000, total: 20_000, counts, scheduler: waitingFor10Minutes() },
      at(13, 53),
    );
    expect(line).toBe(
      "waiting for Qonto's limit of 9,000 requests per 10 min: resumes at 14:02, 11,000 rows left · " +
        "9,000/20,000 rows (45 %) · 8,990 created, 5 skipped, 4 invalid, 1 failed · about 18 min 30 s left",
    );
  });

  it.each([
    [
      "fr",
      "en attente de la limite de Qonto (9\u202f000 requêtes par 10 min) : reprise à 14:02, 11\u202f000 lignes restantes",
    ],
    ["de", "warte auf Qontos Limit (9.000 Anfragen pro 10 min): weiter um 14:02, noch 11.000 Zeilen"],
  ] as const)("says it in the run's language (%s)", (lang, start) => {
    const line = new RowsProgress(lang, clock).line(
      { settled: 9_000, total: 20_000, counts, scheduler: waitingFor10Minutes() },
      at(13, 53),
    );
    expect(line.startsWith(start)).toBe(true);
  });

  // The ETA from the windows: 11,000 requests left, 9,000 per 10 min, the first 9,000 from 14:01:30, the rest
  // 10 minutes later. It neither freezes at a speed measured before the wait nor jumps when the wait ends.
  it("computes the time left from the windows, the same all through the wait", () => {
    const model = new RowsProgress("en", clock);
    const etas: (number | undefined)[] = [];
    // Before the wait: 9,000 rows in 60 s, 150 rows/s; a speed-based ETA would say 73 s.
    model.line({ settled: 0, total: 20_000, counts: noCounts() }, at(13, 51, 30));
    for (let t = at(13, 52, 30); t <= at(14, 1); t += MIN) {
      const snapshot = { settled: 9_000, total: 20_000, counts, scheduler: waitingFor10Minutes() };
      model.line(snapshot, t);
      etas.push(model.etaMs(snapshot, t));
    }
    expect(etas[0]).toBe(at(14, 1, 30) - at(13, 52, 30) + 10 * MIN);
    // Every minute of waiting takes a minute off.
    expect(etas.map((e, i) => (e ?? 0) + i * MIN)).toEqual(etas.map(() => etas[0]));
  });

  it("when no window holds it back, the time left is the rows left at the speed measured while sending", () => {
    const model = new RowsProgress("en", clock);
    model.line({ settled: 0, total: 3_000, counts: noCounts() }, 0);
    const scheduler: SchedulerState = { windows: [{ limit: 900, windowMs: 10_000, used: 100 }] };
    expect(model.line({ settled: 1_000, total: 3_000, counts: noCounts(), scheduler }, 10_000)).toContain(
      "about 20 s left",
    );
  });

  it.each([
    [100, 0],
    [900, 0],
    [901, 4_000],
    [2_000, 4_000 + 10_000],
  ])("%d requests against 900 per 10 s with 100 used, oldest leaving in 4 s: %d ms", (requests, eta) => {
    const scheduler: SchedulerState = {
      windows: [{ limit: 900, windowMs: 10_000, used: 0, freesAtMs: 4_000 }],
    };
    expect(windowsEtaMs(requests, scheduler, 0)).toBe(eta);
  });
});

describe("progress on a fake clock, stderr not a terminal", () => {
  it("prints a line at least every 10 s while the run waits for a window, saying so", () => {
    let t = at(13, 52, 30);
    const lines: string[] = [];
    const progress = createProgress({ write: (s) => lines.push(s), tty: false, now: () => t });
    // One tick a second for two minutes of waiting: nothing settles, the lines keep coming.
    for (let i = 0; i < 120; i++) {
      t += 1000;
      progress.update({
        phase: "rows",
        done: 9_000,
        total: 20_000,
        label: "rows imported",
        counts,
        scheduler: waitingFor10Minutes(),
      });
    }
    expect(lines.length).toBe(12);
    for (const line of lines)
      expect(line).toMatch(/^progress: waiting for Qonto's limit of 9,000 requests per 10 min: resumes at /);
  });
});
