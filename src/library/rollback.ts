// The rollback of a clients run as a library call: the same plan, checks and run as `qonto-import rollback`.
import { UsageError } from "../errors.js";
import { resolveRollbackOptions, type RollbackOptions } from "../options/rollback.js";
import type { RollbackOutcome } from "../rollback/run.js";
import {
  envOf,
  hooksOf,
  rawRunOptions,
  resolvedOrThrow,
  type ConsoleFlags,
  type Prepared,
  type RunOptions,
} from "./common.js";

export interface RollbackRunOptions extends Omit<RunOptions, "settleDelay"> {
  /** Carry the rollback out; without it, only its plan is written. */
  yes?: boolean;
  /** Also roll back clients changed since the import, or with imported invoices. */
  force?: boolean;
  /** Report folders of invoices runs outside the run's reports folder. */
  invoicesReport?: string[];
}

export type RollbackResult = RollbackOutcome;

/**
 * The options of a rollback, resolved, or a UsageError. Without a folder, `resume` names a rollback's own report
 * folder, and the run it rolls back is read from its journal.
 */
export async function prepareRollback(
  folder: string | undefined,
  options: RollbackRunOptions,
  flags: ConsoleFlags = {},
): Promise<Prepared<RollbackOptions>> {
  let of = folder;
  if (of === undefined && options.resume !== undefined) {
    const { readJournal } = await import("../journal/journal.js");
    let recorded: unknown;
    try {
      const state = readJournal(options.resume);
      if (state?.start.options.command === "rollback") recorded = state.start.options.of;
    } catch (err) {
      // A damaged journal is named as such, not as a folder that is not a rollback's.
      throw new UsageError(`--resume ${options.resume}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (typeof recorded !== "string")
      throw new UsageError(
        `--resume ${options.resume}: not the report folder of a rollback carried out with --yes`,
      );
    of = recorded;
  }
  const { settleDelay: _none, ...run } = rawRunOptions(options);
  return resolvedOrThrow(
    resolveRollbackOptions(
      {
        folder: of,
        yes: options.yes,
        force: options.force,
        invoicesReport: options.invoicesReport,
        ...run,
        resume: options.resume,
        ...flags,
      },
      envOf(options.credentials),
    ),
  );
}

/** Undoes a clients run: deletes the clients it created and restores those it updated (a plan unless `yes`). */
export async function rollback(folder: string, options: RollbackRunOptions = {}): Promise<RollbackResult> {
  const { options: resolved, warnings } = await prepareRollback(folder, options);
  const { runRollback } = await import("../rollback/run.js");
  return runRollback(resolved, hooksOf(options, warnings));
}
