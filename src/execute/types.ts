// What the executor takes and gives: the settings and hooks of a run, its input, the clients Qonto has, its outcome.
import type { Lang } from "../i18n/lang.js";
import { KeyIndex } from "../dedupe/index.js";
import { type MatchOn } from "../dedupe/match.js";
import type { PlannedRow } from "../dedupe/plan.js";
import type { ProgressEvent } from "../report/progress.js";
import type { Summary } from "../report/summary.js";
import { type QontoAuth, type QontoClient } from "../upload/client.js";
import type { ClientCreatePayload } from "../validate/schema.js";
import type { RateWindow } from "../upload/rate-limiter.js";

export interface RunHooks {
  /** One line of progress or notice for a person; the CLI sends it to stderr. */
  log(line: string): void;
  /** Aborted by Ctrl-C: writes in flight finish, later rows are reported as not sent, and the report is completed. */
  signal?: AbortSignal;
  /** How far the run is: the existing clients read, then the rows done. */
  progress?(event: ProgressEvent): void;
}

/** How a run talks to Qonto and where it reports: the resolved options both commands share. */
export interface ExecuteSettings {
  dryRun: boolean;
  baseUrl: string;
  /** Undefined only in a dry run without credentials: existing clients are then not checked. */
  auth?: QontoAuth;
  stagingToken?: string;
  rateLimits: RateWindow[];
  concurrency: number;
  /** Where each run's report folder is made. */
  reportDir: string;
  /** The report folder of the unfinished run this one finishes. */
  resume?: string;
  newRun: boolean;
  /** --settle-delay: how long after a create without an answer its row is looked up (default 30 s). */
  settleMs?: number;
  /** --match-on: the keys that may propose a match; targeted look-ups ask Qonto by these only. */
  matchOn?: MatchOn;
  /** What the journal and the plan record: the same input with the same of these resumes an unfinished run. */
  recorded: Record<string, unknown>;
  /** Options as a report may show them (no secret). */
  publicOptions: Record<string, unknown>;
  /** The language of the report (English when not given). */
  lang?: Lang;
}

/** What is carried out: an input file's rows, or a plan's. */
export interface RunInput {
  file: string;
  sha256: string;
  positionName: "line" | "row";
  /** Planned rows in input order, in batches, planned against the clients Qonto has now. */
  plan(existing: ExistingClients): AsyncIterable<PlannedRow[]>;
  /** Records read, counted by the reader (not by the loop that reports them). */
  recordCount(): number;
  /** The input's own columns and delimiter, for errors.csv; undefined for a plan. */
  columns?: readonly string[];
  delimiter?: string;
  /**
   * Rows known before the run (a real import reads its file once first). With it, a small file against a big
   * organization looks its rows' clients up by filter instead of listing them all.
   */
  expectedRows?: number;
}

/** The clients Qonto has, as far as a run needs to know them. */
export interface ExistingClients {
  /** "listed": every client, read page by page; "targeted": only those a row's keys could match. */
  mode: "listed" | "targeted" | "none";
  index: KeyIndex<QontoClient>;
  /** The clients read, by id. */
  clients: Map<string, QontoClient>;
  /** Targeted mode: fetches the clients these payloads could match, before they are planned. Otherwise nothing. */
  lookUp(payloads: readonly ClientCreatePayload[]): Promise<void>;
}

export interface ExecuteOutcome {
  summary: Summary;
  reportDir: string;
  /** The first problems, one line each (record, position, column, severity, code, message), and how many in all. */
  problems: { lines: string[]; total: number };
}
