/**
 * Progress on stderr: cli-progress bars in a terminal; elsewhere (CI, pipes, log files) one short line at a steady
 * interval, since redrawn bars would fill a log with escape codes.
 */
import cliProgress from "cli-progress";
import type { Lang } from "../i18n/lang.js";
import type { SchedulerState } from "../upload/rate-limiter.js";
import { terminalSafe } from "./printable.js";
import { RowsProgress, type ProgressCounts } from "./progress-model.js";

export type ProgressEvent =
  | { phase: "existing"; done: number; total: number }
  | {
      phase: "rows";
      done: number;
      total: number | undefined;
      label: string;
      /** Rows sent without an answer, waiting for the settle delay before they are looked up. */
      parked?: number;
      /** An import's rows by outcome so far: with them, the line is the progress model's (progress-model.ts). */
      counts?: ProgressCounts;
      /** The scheduler's windows now: what the time left is computed from, and any wait for one. */
      scheduler?: SchedulerState;
      /** The run's language. */
      lang?: Lang;
    };

export interface Progress {
  update(event: ProgressEvent): void;
  /** A notice for a person, printed without breaking the bars. */
  log(line: string): void;
  stop(): void;
}

export interface ProgressOptions {
  write(text: string): void;
  /** stderr is a terminal: draw bars. */
  tty: boolean;
  /** Non-terminal: at most one line per this many ms (default 10 s). */
  intervalMs?: number;
  now?: () => number;
}

const eta = (seconds: number): string =>
  seconds >= 3600
    ? `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`
    : seconds >= 60
      ? `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`
      : `${Math.round(seconds)} s`;

/** One line a person can read in a log: what, how far, how fast, how long still. */
export function progressLine(event: ProgressEvent, elapsedMs: number): string {
  const what =
    event.phase === "existing"
      ? "existing clients read"
      : `${event.label}${event.parked ? ` (${event.parked} waiting for Qonto to settle)` : ""}`;
  const rate = elapsedMs > 0 ? (event.done * 1000) / elapsedMs : 0;
  const total = event.total;
  if (total === undefined || total <= 0) return `progress: ${event.done} ${what}, ${rate.toFixed(0)}/s`;
  const pct = Math.min(100, (event.done * 100) / total);
  const left = rate > 0 ? eta((total - event.done) / rate) : "unknown";
  return `progress: ${event.done}/${total} ${what} (${pct.toFixed(0)} %), ${rate.toFixed(0)}/s, ETA ${left}`;
}

export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? Date.now;
  let model: RowsProgress | undefined;
  // The model's line for an import's rows, or undefined for the other events.
  const modelLine = (event: ProgressEvent, t: number): string | undefined => {
    if (event.phase !== "rows" || event.counts === undefined) return undefined;
    model ??= new RowsProgress(event.lang ?? "en");
    return model.line(
      {
        settled: event.done,
        total: event.total,
        counts: event.counts,
        ...(event.scheduler === undefined ? {} : { scheduler: event.scheduler }),
        ...(event.parked === undefined ? {} : { parked: event.parked }),
      },
      t,
    );
  };
  const started = new Map<string, number>();
  // A phase begins when the one before it last moved (or when the run began), not at its own first event.
  let lastEvent = now();
  const startOf = (phase: string) => {
    const t = started.get(phase) ?? lastEvent;
    started.set(phase, t);
    lastEvent = now();
    return t;
  };
  if (!options.tty) {
    const interval = options.intervalMs ?? 10_000;
    let last = now();
    return {
      update(event) {
        const begun = startOf(event.phase);
        const t = now();
        // The model follows every event (its speed excludes waits), printed or not.
        const line = modelLine(event, t);
        if (t - last < interval) return;
        last = t;
        options.write((line === undefined ? progressLine(event, t - begun) : `progress: ${line}`) + "\n");
      },
      log: (line) => options.write(line + "\n"),
      stop() {},
    };
  }
  const bars = new cliProgress.MultiBar(
    {
      format: " {phase} [{bar}] {status}",
      hideCursor: true,
      clearOnComplete: false,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  const byPhase = new Map<string, cliProgress.SingleBar>();
  return {
    update(event) {
      // An empty organization has nothing to read: no bar for it.
      if (event.phase === "existing" && event.total === 0) return;
      const t = now();
      const elapsed = t - startOf(event.phase);
      const label = event.phase === "existing" ? "existing clients" : event.label;
      const total = event.total ?? event.done;
      const status =
        modelLine(event, t) ??
        `${event.done}/${total} | ${elapsed > 0 ? ((event.done * 1000) / elapsed).toFixed(0) : "0"}/s`;
      let bar = byPhase.get(event.phase);
      if (bar === undefined) {
        bar = bars.create(total, 0, { phase: label.padEnd(18), status });
        byPhase.set(event.phase, bar);
      }
      bar.setTotal(total);
      bar.update(event.done, { phase: label.padEnd(18), status });
    },
    log(line) {
      if (byPhase.size === 0) options.write(line + "\n");
      // The bars write to the terminal itself, past the CLI's own escaping.
      else bars.log(terminalSafe(line) + "\n");
    },
    stop() {
      bars.stop();
    },
  };
}
