/**
 * `qonto-import rollback <report-folder>`: undoes what a clients run wrote. Deletes the clients it created,
 * puts back the values of those it updated, leaves alone what someone changed since (and clients with imported
 * invoices), unless --force. Without --yes it is the plan: Qonto is read, nothing is changed. A real rollback is
 * journaled like an import: re-running the command finishes an interrupted one.
 */
import { dirname } from "node:path";
import pLimit from "p-limit";
import { AbortRunError, otherBaseUrl, UsageError } from "../errors.js";
import { toRequestSummary } from "../execute/execute.js";
import { findRunToResume } from "../execute/find-run.js";
import { BATCH_SIZE, batches } from "../execute/batches.js";
import { type ExecuteOutcome, type RunHooks } from "../execute/types.js";
import type { JournalState, JournalWriter } from "../journal/journal.js";
import { closeRunJournal, openRunJournal } from "../journal/resume.js";
import { withRunLock, type RunLock } from "../lock/hold.js";
import { publicRollbackOptions, type RollbackOptions } from "../options/rollback.js";
import type { Outcome, RowResult } from "../report/outcome.js";
import { Reporter } from "../report/reporter.js";
import type { RunInfo, Summary } from "../report/summary.js";
import { checkReportRoot } from "../report/safe-files.js";
import { failure, journalFailed, notAttempted, unrecorded } from "../upload/apply.js";
import { createQontoApi, QontoApiError, type QontoApi, type QontoClient } from "../upload/client.js";
import { formatRateLimits } from "../upload/rate-limiter.js";
import { announceWrites } from "../upload/write-target.js";
import { TOOL } from "../version.js";
import { decideRollback, decideWithoutQonto, type RollbackDecision } from "./decide.js";
import {
  invoicedClients,
  openRolledBackRun,
  readImportResults,
  rollbackTargets,
  type InvoicedClients,
  type RolledBackRun,
  type RollbackTarget,
} from "./targets.js";

/** How many rows of each outcome the console names; results.csv has them all. */
export const LISTED_PER_OUTCOME = 50;

export interface RollbackOutcome extends ExecuteOutcome {
  /** The run rolled back. */
  of: string;
  /** Per outcome, the first rows (name, client id, what changes) for the console. */
  listing: Partial<Record<Outcome, string[]>>;
}

interface RollbackContext {
  api: QontoApi;
  yes: boolean;
  force: boolean;
  stop: { reason: string | null };
  failuresInARow?: number;
  invoiced: InvoicedClients;
  /** Every client, when they were listed (cheaper than one look-up per row); else each is looked up. */
  listed: Map<string, QontoClient> | undefined;
  journal: JournalWriter | undefined;
  /** Rows whose write an interrupted run of this rollback had on its way. */
  sentBefore: ReadonlySet<number>;
}

// A page of the list holds 100 clients.
const PAGE_SIZE = 100;

export async function runRollback(options: RollbackOptions, hooks: RunHooks): Promise<RollbackOutcome> {
  const startedAt = new Date();
  const run = openRolledBackRun(options.folder);
  const baseUrl = options.baseUrl;
  // The journal says where the run wrote; a journal edited to name another host must not get the credentials.
  if (run.baseUrl !== undefined && run.baseUrl !== baseUrl)
    throw new UsageError(`${run.dir}: ${otherBaseUrl("that run", run.baseUrl, baseUrl)}`);
  // An unusable report folder is said before the first request, not once Qonto has been read.
  await checkReportRoot(options.reportDir);
  // A plan (no --yes) only reads.
  const target = options.yes ? { baseUrl, auth: options.auth } : undefined;
  return withRunLock(target, { reportDir: options.reportDir, log: hooks.log }, (lock) =>
    rollBack(options, hooks, startedAt, run, baseUrl, lock),
  );
}

async function rollBack(
  options: RollbackOptions,
  hooks: RunHooks,
  startedAt: Date,
  run: RolledBackRun,
  baseUrl: string,
  lock: RunLock | undefined,
): Promise<RollbackOutcome> {
  if (!run.state.complete)
    hooks.log(
      "That run did not finish: what its journal says it did is rolled back; a create it had on its way is left for review (finishing the run first, by running it again, lets the rollback see it).",
    );
  // The whole results.csv is read once before the first request, so a damaged file cannot stop the rollback half-way.
  const journalOnly = new Set([...run.state.intents.keys(), ...run.state.done.keys()]);
  const writes = journalOnly.size;
  let expectedRows = 0;
  for await (const row of readImportResults(run.dir)) {
    expectedRows += 1;
    journalOnly.delete(row.record);
  }
  expectedRows += journalOnly.size;
  const invoiced = invoicedClients(dirname(run.dir), options.invoicesReports, (line) => hooks.log(line));
  const recorded = {
    command: "rollback",
    of: run.dir,
    baseUrl,
    force: options.force,
    invoicesReports: options.invoicesReports,
    concurrency: options.concurrency,
    rateLimits: formatRateLimits(options.rateLimits),
  };
  const input = { file: run.dir, sha256: run.sha256 };
  const resumeFrom =
    lock === undefined
      ? undefined
      : await findRunToResume(
          input,
          { resume: options.resume, newRun: options.newRun, reportDir: options.reportDir, recorded },
          hooks,
          lock,
        );
  const api = createQontoApi({
    baseUrl,
    auth: options.auth,
    rateLimits: options.rateLimits,
    ...(options.stagingToken === undefined ? {} : { stagingToken: options.stagingToken }),
    beforeFirstWrite: announceWrites(hooks.log, { baseUrl, auth: options.auth }),
  });
  try {
    let listed: Map<string, QontoClient> | undefined;
    try {
      listed = await readClients(api, writes, hooks);
    } catch (err) {
      throw new AbortRunError(
        `could not read the clients in Qonto, so nothing was changed: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    const ctx: RollbackContext = {
      api,
      yes: options.yes,
      force: options.force,
      stop: { reason: null },
      invoiced,
      listed,
      journal: undefined,
      sentBefore: new Set(resumeFrom?.state.uncertain.keys() ?? []),
    };
    const interrupt = () => {
      ctx.stop.reason ??= "the run was interrupted (Ctrl-C)";
    };
    if (hooks.signal?.aborted) interrupt();
    hooks.signal?.addEventListener("abort", interrupt, { once: true });
    lock?.onLost((reason) => {
      ctx.stop.reason ??= reason;
    });

    const info: RunInfo = {
      kind: "rollback",
      rollback: {
        of: run.dir,
        import_complete: run.state.complete,
        force: options.force,
        invoices_runs: [...new Set([...invoiced.values()].flatMap((v) => v.runs))].sort(),
      },
      folderStem: `rollback-${run.dir.split(/[\\/]/).pop() ?? "run"}`,
      tool: TOOL,
      inputFile: run.dir,
      inputSha256: run.sha256,
      dryRun: !options.yes,
      options: publicRollbackOptions(options, baseUrl),
      startedAt,
      positionName: "line",
      lang: options.lang,
    };
    const reporter =
      resumeFrom === undefined
        ? await Reporter.open(options.reportDir, info)
        : Reporter.reopen(resumeFrom.dir, info);
    await lock?.holdFolder(reporter.dir);
    if (options.yes)
      ctx.journal = await openRunJournal(reporter.dir, input, recorded, startedAt, resumeFrom !== undefined);
    const listing: Partial<Record<Outcome, string[]>> = {};
    const counted = { rows: 0 };
    let summary: Summary;
    try {
      const limit = pLimit(options.concurrency);
      let done = 0;
      for await (const batch of batches(rollbackTargets(run, counted), BATCH_SIZE)) {
        const results = await Promise.all(
          batch.map((t) => {
            const settled = resumeFrom === undefined ? undefined : settledBefore(t, resumeFrom.state);
            if (settled !== undefined) return Promise.resolve(settled);
            const early = decideWithoutQonto(t);
            if (early !== undefined) return Promise.resolve(resultOf(t, early));
            return limit(() => rollbackRow(t, ctx));
          }),
        );
        reporter.write(results);
        for (const r of results) {
          const names = (listing[r.outcome] ??= []);
          if (names.length < LISTED_PER_OUTCOME) names.push(describe(r));
        }
        await reporter.drain();
        done += results.length;
        hooks.progress?.({
          phase: "rows",
          done,
          total: expectedRows,
          label: options.yes ? "rows rolled back" : "rows checked",
        });
      }
    } finally {
      summary = await reporter.close(counted.rows, toRequestSummary(api.stats()), ctx.stop.reason);
      await closeRunJournal(ctx.journal, summary.stopped_early === null);
    }
    return {
      summary,
      reportDir: reporter.dir,
      problems: { lines: reporter.problemLines, total: reporter.problemTotal },
      of: run.dir,
      listing,
    };
  } finally {
    await api.close();
  }
}

/**
 * Every client at once when that takes fewer requests than looking up each client the run wrote (one page of 100
 * against one request a client); undefined otherwise.
 */
async function readClients(
  api: QontoApi,
  writes: number,
  hooks: RunHooks,
): Promise<Map<string, QontoClient> | undefined> {
  if (writes === 0) return undefined;
  const { meta } = await api.listClients({ perPage: 1 });
  if (writes < Math.ceil(meta.total_count / PAGE_SIZE)) return undefined;
  hooks.log("Reading the clients in Qonto...");
  const clients = await api.listAllClients((fetched, total) =>
    hooks.progress?.({ phase: "existing", done: fetched, total }),
  );
  return new Map(clients.map((c) => [c.id, c]));
}

/** The client as Qonto has it now, or null when it has it no more. A client the list lacks is asked for by id. */
async function lookUp(ctx: RollbackContext, id: string): Promise<QontoClient | null> {
  const listed = ctx.listed?.get(id);
  if (listed !== undefined) return listed;
  try {
    return await ctx.api.getClient(id);
  } catch (err) {
    if (err instanceof QontoApiError && err.status === 404) return null;
    throw err;
  }
}

/** A row an interrupted run of this rollback carried out: its result from that run's journal. */
function settledBefore(t: RollbackTarget, state: JournalState): RowResult | undefined {
  const done = state.done.get(t.record);
  if (done === undefined || (done.outcome !== "deleted" && done.outcome !== "restored")) return undefined;
  return { ...baseOf(t), outcome: done.outcome, clientId: done.client_id, problems: [] };
}

function baseOf(t: RollbackTarget) {
  return { recordNo: t.record, line: t.line, label: t.label, importOutcome: t.importOutcome };
}

function clientIdOf(t: RollbackTarget): string | undefined {
  return t.write.kind === "create" || t.write.kind === "update" ? t.write.clientId : undefined;
}

/** The row's result for a decision; in a plan, what would be done. */
function resultOf(t: RollbackTarget, d: RollbackDecision, plan = false): RowResult {
  const clientId = clientIdOf(t);
  const outcome: Outcome =
    plan && d.write === "delete"
      ? "would_delete"
      : plan && d.write === "restore"
        ? "would_restore"
        : d.outcome;
  return {
    ...baseOf(t),
    outcome,
    ...(clientId === undefined ? {} : { clientId }),
    problems: d.problems,
    ...("changes" in d && d.changes !== undefined ? { changes: d.changes } : {}),
  };
}

/** Checks the row's client in Qonto, decides, and (with --yes) writes, journaled. Never throws for a row. */
async function rollbackRow(t: RollbackTarget, ctx: RollbackContext): Promise<RowResult> {
  const id = clientIdOf(t) ?? "";
  const base = baseOf(t);
  const withId = { clientId: id };
  if (ctx.stop.reason !== null) return { ...notAttempted(base, [], ctx.stop.reason), ...withId };
  let current: QontoClient | null;
  try {
    current = await lookUp(ctx, id);
  } catch (err) {
    return { ...failure(base, [], err, ctx), ...withId };
  }
  const d = decideRollback({
    target: t,
    current,
    ...(ctx.invoiced.has(id) ? { invoices: ctx.invoiced.get(id) } : {}),
    sentBefore: ctx.sentBefore.has(t.record),
    force: ctx.force,
  });
  if (d.write === null || !ctx.yes) return resultOf(t, d, !ctx.yes);
  if (ctx.stop.reason !== null) return { ...notAttempted(base, d.problems, ctx.stop.reason), ...withId };
  const journal = ctx.journal;
  try {
    await journal?.append({
      type: "intent",
      record: t.record,
      action: d.write === "delete" ? "delete" : "restore",
      keys: {},
      client_id: id,
      name: t.label.name,
    });
  } catch (err) {
    ctx.stop.reason ??= `the journal could not be written (${err instanceof Error ? err.message : String(err)})`;
    return { ...notAttempted(base, d.problems, ctx.stop.reason), ...withId };
  }
  let updatedAt: string | null | undefined;
  try {
    if (d.write === "delete") await ctx.api.deleteClient(id);
    else updatedAt = (await ctx.api.updateClient(id, d.patch)).updated_at;
    ctx.failuresInARow = 0;
  } catch (err) {
    // Gone between the look-up and the write: someone else deleted it.
    if (err instanceof QontoApiError && err.status === 404 && !err.ambiguous) {
      await journal?.append({ type: "failed", record: t.record, ambiguous: false }).catch(() => undefined);
      return resultOf(t, { write: null, outcome: "already_gone", problems: d.problems });
    }
    await journalFailed(journal, t.record, err);
    return { ...failure(base, d.problems, err, ctx), ...withId };
  }
  try {
    await journal?.append({
      type: "done",
      record: t.record,
      outcome: d.outcome,
      client_id: id,
      ...(typeof updatedAt === "string" && updatedAt !== "" ? { updated_at: updatedAt } : {}),
    });
  } catch (err) {
    return { ...resultOf(t, d), problems: [...d.problems, unrecorded(ctx, err, d.outcome)] };
  }
  return resultOf(t, d);
}

/** One line of the console's listing: the client, and what a restore changes. */
function describe(r: RowResult): string {
  const id = r.clientId === undefined || r.clientId === "" ? "" : ` [${r.clientId}]`;
  const name = r.label.name === "" ? `record ${r.recordNo}` : r.label.name;
  const changes = (r.changes ?? []).map((c) => `${c.field}: ${c.from ?? "(empty)"} -> ${c.to ?? "(empty)"}`);
  const why = r.problems.map((p) => p.message);
  const detail = [...changes, ...why].join("; ");
  const line = `${name}${id}${detail === "" ? "" : ` (${detail})`}`;
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}
