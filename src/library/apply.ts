// The apply of a clients plan as a library call: the same checks and run as `qonto-import apply`.
import type { ApplySettings } from "../clients/apply.js";
import type { ExecuteOutcome } from "../execute/types.js";
import { resolveImportOptions } from "../options/import.js";
import {
  envOf,
  hooksOf,
  rawRunOptions,
  resolvedOrThrow,
  type ConsoleFlags,
  type Prepared,
  type RunOptions,
} from "./common.js";

export type ApplyOptions = RunOptions;
export type ApplyResult = ExecuteOutcome;

/** What apply carries out, resolved with an import's checks (credentials, limits, concurrency), or a UsageError. */
export function prepareApply(
  plan: string | undefined,
  options: ApplyOptions,
  flags: ConsoleFlags = {},
): Prepared<ApplySettings & { dryRun: boolean; json: boolean; quiet: boolean }> {
  const { options: resolved, warnings } = resolvedOrThrow(
    resolveImportOptions(
      { file: plan, ...rawRunOptions(options), resume: options.resume, ...flags },
      envOf(options.credentials),
    ),
  );
  return {
    warnings,
    options: {
      plan: resolved.file,
      rateLimits: resolved.rateLimits,
      concurrency: resolved.concurrency,
      reportDir: resolved.reportDir,
      newRun: resolved.newRun,
      settleMs: resolved.settleMs,
      ...(resolved.auth === undefined ? {} : { auth: resolved.auth }),
      ...(resolved.stagingToken === undefined ? {} : { stagingToken: resolved.stagingToken }),
      ...(resolved.resume === undefined ? {} : { resume: resolved.resume }),
      baseUrl: resolved.baseUrl,
      dryRun: resolved.dryRun,
      json: resolved.json,
      quiet: resolved.quiet,
      lang: resolved.lang,
    },
  };
}

/** Carries out the plan a dry run wrote (planClients().planFile), re-checking every row against Qonto first. */
export async function applyPlan(plan: string, options: ApplyOptions = {}): Promise<ApplyResult> {
  const { options: settings, warnings } = prepareApply(plan, options);
  const { applyPlan: apply } = await import("../clients/apply.js");
  return apply(settings, hooksOf(options, warnings));
}
