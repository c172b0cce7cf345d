// `qonto-import rollback`'s options.
import type { Lang } from "../i18n/lang.js";
import { dirname, resolve } from "node:path";
import { type QontoAuth } from "../upload/client.js";
import { formatRateLimits, type RateWindow } from "../upload/rate-limiter.js";
import { nonEmpty, resolveImportOptions, type Env } from "./import.js";

/** `qonto-import rollback`'s flags and environment, as given. */
export interface RawRollbackOptions {
  /** The report folder of the run to roll back. */
  folder?: string;
  /** --yes: carry the plan out; without it, only the plan. */
  yes?: boolean;
  force?: boolean;
  /** --invoices-report, repeatable: report folders of invoices runs outside the run's reports folder. */
  invoicesReport?: string[];
  baseUrl?: string;
  sandbox?: boolean;
  concurrency?: string;
  rateLimit?: string;
  reportDir?: string;
  resume?: string;
  newRun?: boolean;
  json?: boolean;
  quiet?: boolean;
  lang?: string;
}

export interface RollbackOptions {
  /** The report folder of the run rolled back. */
  folder: string;
  /** False: the plan only, nothing changed (reported as a dry run). */
  yes: boolean;
  dryRun: boolean;
  /** Roll back clients changed since the import, and delete clients with imported invoices, all the same. */
  force: boolean;
  invoicesReports: string[];
  /** From --base-url, --sandbox or the default, never from the journal (which must agree with it). */
  baseUrl: string;
  auth: QontoAuth;
  stagingToken?: string;
  concurrency: number;
  rateLimits: RateWindow[];
  /** Where the rollback's report folder is made: by default beside the run's, in the same reports folder. */
  reportDir: string;
  resume?: string;
  newRun: boolean;
  json: boolean;
  quiet: boolean;
  lang: Lang;
}

export interface ResolvedRollback {
  options?: RollbackOptions;
  warnings: string[];
  errors: string[];
}

/**
 * As resolveImportOptions for what a rollback shares with an import (credentials, base URL, concurrency, limits);
 * credentials are needed even for the plan, which reads the clients' state in Qonto.
 */
export function resolveRollbackOptions(raw: RawRollbackOptions, env: Env): ResolvedRollback {
  const folder = nonEmpty(raw.folder);
  const base = resolveImportOptions(
    {
      file: folder ?? "",
      baseUrl: raw.baseUrl,
      sandbox: raw.sandbox,
      concurrency: raw.concurrency,
      rateLimit: raw.rateLimit,
      resume: raw.resume,
      newRun: raw.newRun,
      json: raw.json,
      quiet: raw.quiet,
      lang: raw.lang,
    },
    env,
  );
  const errors = base.errors
    .filter((e) => !e.startsWith("missing the file"))
    .map((e) => e.replace(", or use --dry-run", ""));
  if (folder === undefined)
    errors.unshift("missing the report folder of the run to roll back: qonto-import rollback reports/<run>");
  if (raw.resume !== undefined && raw.yes !== true)
    errors.push("--resume finishes a rollback that was carried out: it needs --yes");
  if (errors.length > 0 || base.options === undefined || folder === undefined)
    return { warnings: base.warnings, errors };
  const o = base.options;
  if (o.auth === undefined) return { warnings: base.warnings, errors: ["no Qonto credentials"] };
  const options: RollbackOptions = {
    folder: resolve(folder),
    yes: raw.yes === true,
    dryRun: raw.yes !== true,
    force: raw.force === true,
    invoicesReports: (raw.invoicesReport ?? []).map((f) => resolve(f)),
    baseUrl: o.baseUrl,
    auth: o.auth,
    concurrency: o.concurrency,
    rateLimits: o.rateLimits,
    reportDir: resolve(raw.reportDir ?? dirname(resolve(folder))),
    newRun: o.newRun,
    json: o.json,
    quiet: o.quiet,
    lang: o.lang,
  };
  if (o.stagingToken !== undefined) options.stagingToken = o.stagingToken;
  if (o.resume !== undefined) options.resume = o.resume;
  return { options, warnings: base.warnings, errors };
}

/** Options as a rollback's report may show them: how it signed in, never with what. */
export function publicRollbackOptions(options: RollbackOptions, baseUrl: string): Record<string, unknown> {
  const { auth, stagingToken, rateLimits, ...rest } = options;
  return {
    ...rest,
    baseUrl,
    rate_limits: formatRateLimits(rateLimits),
    auth: auth.kind,
    staging_token: stagingToken === undefined ? "absent" : "set",
  };
}
