/**
 * Carries out planned rows: the part an import of a file and the apply of a plan share. It reads the clients Qonto
 * has, lets the input plan its rows against them, then writes (or, in a dry run, only reports), journaling every
 * write so that re-running the command finishes an interrupted run exactly once.
 */
import { join } from "node:path";
import pLimit from "p-limit";
import { KeyIndex } from "../dedupe/index.js";
import { clientKeys, displayName } from "../dedupe/keys.js";
import { ALL_KEYS, evidenceOf } from "../dedupe/match.js";
import type { PlannedRow } from "../dedupe/plan.js";
import { AbortRunError, InputFileError } from "../errors.js";
import { JournalWriter, type JournalState } from "../journal/journal.js";
import {
  closeRunJournal,
  openRunJournal,
  optionsHash,
  lookUpAfter,
  settleFromJournal,
} from "../journal/resume.js";
import { withRunLock, type RunLock } from "../lock/hold.js";
import { PlanWriter, PLAN_FILE } from "../report/plan-file.js";
import { Reporter } from "../report/reporter.js";
import type { Summary } from "../report/summary.js";
import { applyRow, INTERRUPTED, planOnly, type ApplyContext } from "../upload/apply.js";
import { DEFAULT_SETTLE_MS } from "../upload/settle.js";
import { createRateLimiter } from "../upload/rate-limiter.js";
import { countRow, noCounts } from "../report/progress-model.js";
import { InOrder, MAX_PENDING_BATCHES } from "../upload/in-order.js";
import type { RowResult } from "../report/outcome.js";
import { createQontoApi, type ListClientsQuery, type QontoApi, type QontoClient } from "../upload/client.js";
import { announceWrites } from "../upload/write-target.js";
import { TOOL } from "../version.js";
import type { ExecuteOutcome, ExecuteSettings, ExistingClients, RunHooks, RunInput } from "./types.js";
import { findRunToResume } from "./find-run.js";

// A row costs up to four look-ups (VAT number, tax id, e-mail, name); a page of the list holds 100 clients.
const LOOKUPS_PER_ROW = 4;
const PAGE_SIZE = 100;

export async function execute(
  input: RunInput,
  settings: ExecuteSettings,
  hooks: RunHooks,
  startedAt: Date,
): Promise<ExecuteOutcome> {
  const target =
    settings.dryRun || settings.auth === undefined
      ? undefined
      : { baseUrl: settings.baseUrl, auth: settings.auth };
  return withRunLock(target, { reportDir: settings.reportDir, log: hooks.log }, (lock) =>
    executeLocked(input, settings, hooks, startedAt, lock),
  );
}

async function executeLocked(
  input: RunInput,
  settings: ExecuteSettings,
  hooks: RunHooks,
  startedAt: Date,
  lock: RunLock | undefined,
): Promise<ExecuteOutcome> {
  const resumeFrom = lock === undefined ? undefined : await findRunToResume(input, settings, hooks, lock);
  // The run's scheduler, made here so that the progress display can show its windows (the api paces by it alone).
  const limiter = createRateLimiter(settings.rateLimits);
  const api: QontoApi | undefined =
    settings.auth === undefined
      ? undefined
      : createQontoApi({
          baseUrl: settings.baseUrl,
          auth: settings.auth,
          rateLimiter: limiter,
          ...(settings.stagingToken === undefined ? {} : { stagingToken: settings.stagingToken }),
          beforeFirstWrite: announceWrites(hooks.log, { baseUrl: settings.baseUrl, auth: settings.auth }),
        });
  try {
    const lookFirst = new Map<number, number>();
    const limit = pLimit(settings.concurrency);
    const settleMs = settings.settleMs ?? DEFAULT_SETTLE_MS;
    const parked = { now: 0 };
    const ctx: ApplyContext | undefined =
      api === undefined || settings.dryRun
        ? undefined
        : {
            api,
            accountedIds: new Set(),
            stop: { reason: null },
            lookFirst,
            slot: limit,
            settleMs,
            parked,
          };
    const claimable = claimableSince(resumeFrom?.state);
    // Ids some row accounts for: a look-up after a lost answer must never claim one (see claimableSince). A targeted
    // look-up made while this run writes may return a client this run is still settling: only clients older than
    // the run (less clock skew) are accounted for then.
    const duringRun = Math.min(claimable, startedAt.getTime() - CLOCK_SKEW_MS);
    const account = (clients: readonly QontoClient[], whileWriting: boolean) => {
      const since = whileWriting ? duringRun : claimable;
      for (const c of clients) if (!(Date.parse(c.created_at ?? "") >= since)) ctx?.accountedIds.add(c.id);
    };
    for (const done of resumeFrom?.state.done.values() ?? []) ctx?.accountedIds.add(done.client_id);
    let existing: ExistingClients;
    try {
      existing = await readExisting(api, input, settings, hooks, account);
    } catch (err) {
      throw new AbortRunError(
        `could not read the clients already in Qonto, so nothing was sent: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    const interrupt = () => {
      if (ctx !== undefined) ctx.stop.reason ??= INTERRUPTED;
    };
    if (hooks.signal?.aborted) interrupt();
    hooks.signal?.addEventListener("abort", interrupt, { once: true });
    lock?.onLost((reason) => {
      if (ctx !== undefined) ctx.stop.reason ??= reason;
    });

    const info = {
      tool: TOOL,
      inputFile: input.file,
      inputSha256: input.sha256,
      dryRun: settings.dryRun,
      options: settings.publicOptions,
      startedAt,
      positionName: input.positionName,
      ...(input.columns === undefined ? {} : { columns: input.columns }),
      ...(input.delimiter === undefined ? {} : { delimiter: input.delimiter }),
      ...(settings.lang === undefined ? {} : { lang: settings.lang }),
    };
    const reporter =
      resumeFrom === undefined
        ? await Reporter.open(settings.reportDir, info)
        : Reporter.reopen(resumeFrom.dir, info);
    await lock?.holdFolder(reporter.dir);
    // Every write of a real run is journaled, so that re-running the command finishes the job exactly once.
    let journal: JournalWriter | undefined;
    if (ctx !== undefined) {
      journal = await openRunJournal(
        reporter.dir,
        { file: input.file, sha256: input.sha256 },
        settings.recorded,
        startedAt,
        resumeFrom !== undefined,
      );
      ctx.journal = journal;
    }
    // A dry run is the plan: written for `qonto-import apply` to carry out.
    const planFile = settings.dryRun
      ? await PlanWriter.open(join(reporter.dir, PLAN_FILE), {
          tool: TOOL,
          input: { file: input.file, sha256: input.sha256 },
          options: settings.recorded,
          optionsHash: optionsHash(settings.recorded),
          existingClientsChecked: api !== undefined,
          createdAt: startedAt,
        })
      : undefined;
    let summary: Summary;
    let readError: string | null = null;
    let done = 0;
    const label = settings.dryRun ? "rows checked" : "rows imported";
    // A real run's rows counted as each settles, not as its batch is written: the display moves every second.
    const counts = noCounts();
    let settledRows = 0;
    const settle = (result: RowResult): RowResult => {
      settledRows += 1;
      countRow(counts, result);
      return result;
    };
    const tick = () =>
      hooks.progress?.({
        phase: "rows",
        done: settledRows,
        total: input.expectedRows,
        label,
        ...(parked.now > 0 ? { parked: parked.now } : {}),
        counts: { ...counts },
        scheduler: limiter.state(),
        ...(settings.lang === undefined ? {} : { lang: settings.lang }),
      });
    // Once a second, whatever the rows do: a wait for one of Qonto's windows may last minutes.
    const ticker = ctx !== undefined && hooks.progress !== undefined ? setInterval(tick, 1000) : undefined;
    ticker?.unref();
    const batches = new InOrder<PlannedRow[], RowResult[]>(async (planned, results) => {
      planFile?.write(planned);
      reporter.write(
        results,
        planned.map((p) => p.row.fields),
      );
      await Promise.all([reporter.drain(), planFile?.drain()]);
      done += results.length;
      if (ticker !== undefined) return;
      hooks.progress?.({
        phase: "rows",
        done,
        total: input.expectedRows,
        label,
        ...(parked.now > 0 ? { parked: parked.now } : {}),
      });
    }, MAX_PENDING_BATCHES);
    try {
      for await (const planned of input.plan(existing)) {
        await batches.push(
          planned,
          Promise.all(
            planned.map((p) => {
              if (ctx === undefined) return Promise.resolve(planOnly(p));
              const settled = resumeFrom === undefined ? undefined : settleFromJournal(p, resumeFrom.state);
              if (settled === "look_first") {
                // Not looked up before its create has had the settle delay to land.
                if (resumeFrom !== undefined)
                  lookFirst.set(p.row.recordNo, lookUpAfter(resumeFrom.state, p.row.recordNo, settleMs));
              } else if (settled !== undefined) {
                if (settled.clientId !== undefined) ctx.accountedIds.add(settled.clientId);
                return Promise.resolve(settle(settled));
              }
              return applyRow(p, ctx).then(settle);
            }),
          ),
        );
      }
      if (parked.now > 0)
        hooks.log(
          `Waiting for ${parked.now} row(s) sent without an answer: each is looked up in Qonto ${Math.round(settleMs / 1000)} s after its failure (--settle-delay), and sent again only if Qonto does not have it.`,
        );
      await batches.finish();
    } catch (err) {
      // Whatever stopped the run, its journal must not say it finished: a re-run then resumes it, looking first.
      readError =
        err instanceof InputFileError
          ? `the file could not be read further: ${err.message}`
          : `the run stopped on an error: ${err instanceof Error ? err.message : String(err)}`;
      throw err;
    } finally {
      // Rows already under way finish and are reported, whatever stopped the reading.
      await batches.finish().catch(() => undefined);
      if (ticker !== undefined) {
        clearInterval(ticker);
        tick();
      }
      await planFile?.close(readError === null);
      summary = await reporter.close(
        input.recordCount(),
        api === undefined ? null : toRequestSummary(api.stats()),
        readError ?? ctx?.stop.reason ?? null,
      );
      await closeRunJournal(journal, summary.stopped_early === null);
    }
    return {
      summary,
      reportDir: reporter.dir,
      problems: { lines: reporter.problemLines, total: reporter.problemTotal },
    };
  } finally {
    await api?.close();
  }
}

/**
 * Clients created from this moment on may be a lost create's, so a look-up may claim them. On a resume that is the
 * interrupted run's start, less ten minutes for clock skew (unless its journal says which row made them);
 * otherwise no existing client is claimable.
 */
function claimableSince(resumed: JournalState | undefined): number {
  return resumed === undefined
    ? Number.POSITIVE_INFINITY
    : Date.parse(resumed.start.started_at) - CLOCK_SKEW_MS;
}

const CLOCK_SKEW_MS = 10 * 60_000;

/**
 * Reads the clients Qonto has: all pages of the list, or, for a file small against the organization, only the
 * clients each row's keys could match, by filter, batch by batch. Chosen by request count.
 */
async function readExisting(
  api: QontoApi | undefined,
  input: RunInput,
  settings: ExecuteSettings,
  hooks: RunHooks,
  account: (clients: readonly QontoClient[], whileWriting: boolean) => void,
): Promise<ExistingClients> {
  const index = new KeyIndex<QontoClient>();
  const byId = new Map<string, QontoClient>();
  const add = (clients: readonly QontoClient[], whileWriting = false) => {
    for (const c of clients)
      if (!byId.has(c.id)) {
        byId.set(c.id, c);
        const keys = clientKeys(c);
        index.add(keys, c, evidenceOf(c, keys));
      }
    account(clients, whileWriting);
  };
  if (api === undefined) return { mode: "none", index, clients: byId, lookUp: async () => undefined };
  hooks.log("Reading the clients already in Qonto...");
  if (input.expectedRows !== undefined) {
    const { meta } = await api.listClients({ perPage: 1 });
    const pages = Math.ceil(meta.total_count / PAGE_SIZE);
    if (input.expectedRows * LOOKUPS_PER_ROW < pages) {
      hooks.log(
        `${meta.total_count} clients in Qonto and ${input.expectedRows} rows: looking each row's client up instead of reading them all.`,
      );
      const limit = pLimit(settings.concurrency);
      const asked = new Set<string>();
      return {
        mode: "targeted",
        index,
        clients: byId,
        async lookUp(payloads) {
          const queries: ListClientsQuery["filter"][] = [];
          const ask = (filter: NonNullable<ListClientsQuery["filter"]>) => {
            const key = JSON.stringify(filter);
            if (!asked.has(key)) {
              asked.add(key);
              queries.push(filter);
            }
          };
          const use = settings.matchOn ?? ALL_KEYS;
          for (const p of payloads) {
            if (p.vat_number !== undefined && use.has("vat_number")) ask({ vat_number: p.vat_number });
            if (p.tax_identification_number !== undefined && use.has("tax_identification_number"))
              ask({ tax_identification_number: p.tax_identification_number });
            if (p.email !== undefined && use.has("email")) ask({ email: p.email });
            // The name filter is partial: the index keeps only exact name-and-zip matches, and judges them.
            const name = displayName(p);
            if (use.has("name_zip") && clientKeys(p).name_zip !== undefined && name.length >= 2)
              ask({ name });
          }
          const found = await Promise.all(
            queries.map((filter) => limit(() => api.listAllClients(undefined, filter))),
          );
          for (const clients of found) add(clients, true);
        },
      };
    }
  }
  add(
    await api.listAllClients((fetched, total) => {
      hooks.progress?.({ phase: "existing", done: fetched, total });
    }),
  );
  hooks.log(`${byId.size} existing clients found.`);
  return { mode: "listed", index, clients: byId, lookUp: async () => undefined };
}

export function toRequestSummary(stats: ReturnType<QontoApi["stats"]>): Summary["requests"] {
  return {
    total: stats.total,
    retries: stats.retries,
    rate_limited: stats.rateLimited,
    by_status: stats.byStatus,
  };
}
