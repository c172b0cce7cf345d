// What every library call shares: credentials given as values (the library reads no environment), how a run talks to
// Qonto and where it reports, and the events it sends while it runs.
import { EXIT, UsageError, type ExitCode } from "../errors.js";
import type { RunHooks } from "../execute/types.js";
import type { Env, RawImportOptions } from "../options/import.js";
import { NOT_IMPORTED, type Outcome } from "../report/outcome.js";
import type { ProgressEvent } from "../report/progress.js";
import type { Summary } from "../report/summary.js";

/** An API key (login and secret key) or an OAuth access token; a staging token for the sandbox. */
export interface Credentials {
  login?: string;
  secretKey?: string;
  accessToken?: string;
  stagingToken?: string;
}

/** What a run tells its caller while it runs; none is required. */
export interface RunEvents {
  /** How far the run is: the existing clients read, then the rows done. */
  onProgress?(event: ProgressEvent): void;
  /** One line for a person: a warning, a notice, a resume. */
  onLog?(line: string): void;
  /** Aborting it finishes the requests under way and the report; later rows are reported as not sent. */
  signal?: AbortSignal;
}

/** How a run talks to Qonto and where it reports. Values have the form of the CLI flag of the same name. */
export interface RunOptions extends RunEvents {
  credentials?: Credentials;
  /** Qonto's production API unless given; `sandbox: true` for the sandbox. */
  baseUrl?: string;
  sandbox?: boolean;
  concurrency?: number | string;
  /** Request windows, e.g. "900/10s,9000/10m"; "none" only against a local emulator. */
  rateLimit?: string;
  /** Where the run's report folder is made (default: ./reports). */
  reportDir?: string;
  /** The report folder of an unfinished run to finish. */
  resume?: string;
  /** Start a new run even though an unfinished one of the same input exists. */
  newRun?: boolean;
  /** How long a create without an answer is left to settle before it is looked up: "30s", "2m". */
  settleDelay?: string;
  /** The language of the report and its messages: en (default), fr, it, es or de. */
  lang?: string;
  /** Worker threads normalizing a big clients file's rows: one per core but one (at most four) by default; 0 keeps
   * the run on one thread. */
  threads?: number | string;
}

/** How a file is read and normalized. */
export interface ReadOptions {
  delimiter?: string;
  encoding?: string;
  sheet?: string;
  /** A mapping file (JSON: field → column). */
  map?: string;
  orgCountry?: string;
  defaultCountry?: string;
  defaultCurrency?: string;
  requireInvoiceable?: boolean;
  strict?: boolean;
}

/** How the CLI shows a run; a library call leaves both false. */
export interface ConsoleFlags {
  json?: boolean;
  quiet?: boolean;
}

/** Options resolved by the one normalizer, and what it warned about. */
export interface Prepared<T> {
  options: T;
  warnings: string[];
}

/** The credentials the CLI reads from its environment (QONTO_LOGIN, QONTO_SECRET_KEY, QONTO_ACCESS_TOKEN, QONTO_STAGING_TOKEN). */
export function credentialsFromEnv(env: Env): Credentials {
  return {
    login: env.QONTO_LOGIN,
    secretKey: env.QONTO_SECRET_KEY,
    accessToken: env.QONTO_ACCESS_TOKEN,
    stagingToken: env.QONTO_STAGING_TOKEN,
  };
}

/** The credentials in the form the options normalizer reads them. */
export function envOf(credentials: Credentials | undefined): Env {
  return {
    QONTO_LOGIN: credentials?.login,
    QONTO_SECRET_KEY: credentials?.secretKey,
    QONTO_ACCESS_TOKEN: credentials?.accessToken,
    QONTO_STAGING_TOKEN: credentials?.stagingToken,
  };
}

/** The run options as the normalizer's raw options. */
export function rawRunOptions(
  options: RunOptions,
): Pick<
  RawImportOptions,
  | "baseUrl"
  | "sandbox"
  | "concurrency"
  | "rateLimit"
  | "reportDir"
  | "newRun"
  | "settleDelay"
  | "lang"
  | "threads"
> {
  return {
    threads: options.threads === undefined ? undefined : String(options.threads),
    baseUrl: options.baseUrl,
    sandbox: options.sandbox,
    concurrency: options.concurrency === undefined ? undefined : String(options.concurrency),
    rateLimit: options.rateLimit,
    reportDir: options.reportDir,
    newRun: options.newRun,
    settleDelay: options.settleDelay,
    lang: options.lang,
  };
}

/** A normalizer's answer: its options, or a usage error naming every problem. */
export function resolvedOrThrow<T>(resolved: {
  options?: T;
  errors: string[];
  warnings: string[];
}): Prepared<T> {
  if (resolved.options === undefined) throw new UsageError(resolved.errors.join("; "));
  return { options: resolved.options, warnings: resolved.warnings };
}

/** The hooks a run takes, from a caller's events: warnings first, as the CLI prints them. */
export function hooksOf(events: RunEvents, warnings: readonly string[]): RunHooks {
  const log = (line: string) => events.onLog?.(line);
  for (const w of warnings) log(`warning: ${w}`);
  return {
    log,
    ...(events.signal === undefined ? {} : { signal: events.signal }),
    ...(events.onProgress === undefined ? {} : { progress: (e: ProgressEvent) => events.onProgress?.(e) }),
  };
}

/** The CLI's exit code for a finished run: 3 if it stopped part-way, 1 if some rows were not imported, else 0. */
export function exitCodeOf(summary: Summary): ExitCode {
  if (summary.stopped_early !== null) return EXIT.aborted;
  const notImported = (Object.entries(summary.outcomes) as [Outcome, number][]).some(
    ([o, n]) => n > 0 && NOT_IMPORTED.has(o),
  );
  return notImported ? EXIT.rowsNotImported : EXIT.ok;
}
