// What a run reports: its description (RunInfo) and its summary.json. Below the reporter and the pages that show it.
import type { Lang } from "../i18n/lang.js";
import type { Outcome } from "./outcome.js";

/** What a rollback's summary adds: which run it rolls back, and how. */
export interface RollbackInfo {
  /** The report folder of the run rolled back. */
  of: string;
  /** Whether that run's journal says it finished. */
  import_complete: boolean;
  /** --force: clients changed since the import, or with imported invoices, are rolled back all the same. */
  force: boolean;
  /** The invoices runs whose invoices kept a client from being deleted: their report folders. */
  invoices_runs: string[];
}

export interface RunInfo {
  /** What the rows are: clients (the default), invoice lines, or a rollback's rows. */
  kind?: "clients" | "invoices" | "rollback";
  /** A rollback: the run it rolls back. */
  rollback?: RollbackInfo;
  /** What the report folder is named after, when not the input file. */
  folderStem?: string;
  tool: { name: string; version: string };
  inputFile: string;
  inputSha256: string;
  dryRun: boolean;
  /** Options as resolved, with no secret in them. */
  options: Record<string, unknown>;
  startedAt: Date;
  /** What a position is called in this input: a CSV line, or a worksheet row. */
  positionName: "line" | "row";
  /**
   * The input's columns, in order: errors.csv repeats them for the rows not imported, so the file can be fixed
   * and fed back. Undefined when the input has no columns of its own (a plan).
   */
  columns?: readonly string[];
  /** The input's CSV delimiter, kept in errors.csv so that it opens as the input did. */
  delimiter?: string;
  /** The language the report's pages and column titles are written in (English when not given). */
  lang?: Lang;
}

export interface Summary {
  tool: { name: string; version: string };
  input: { file: string; sha256: string; rows: number };
  dry_run: boolean;
  options: Record<string, unknown>;
  outcomes: Record<Outcome, number>;
  /** An invoices run: its invoices by outcome (outcomes counts their lines). */
  invoices?: { total: number; outcomes: Record<Outcome, number> };
  /** A rollback: the run it rolls back (input is then that run's report folder and journal). */
  rollback?: RollbackInfo;
  /** The outcome counts add up to input.rows; false would be a bug, and is shown as one. */
  all_rows_accounted_for: boolean;
  problems: Record<string, number>;
  requests: {
    total: number;
    retries: number;
    rate_limited: number;
    by_status: Record<string, number>;
    /** Requests per second over the whole run. */
    per_second?: number;
  } | null;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  stopped_early: string | null;
}
