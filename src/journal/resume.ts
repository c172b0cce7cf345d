import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { MATCH_KEYS } from "../dedupe/keys.js";
import { formatMatchOn } from "../dedupe/match.js";
import type { PlannedRow } from "../dedupe/plan.js";
import type { ImportOptions } from "../options/import.js";
import { planOnly } from "../upload/apply.js";
import type { RowResult } from "../report/outcome.js";
import { formatRateLimits } from "../upload/rate-limiter.js";
import { TOOL } from "../version.js";
import { JOURNAL_FILE, JournalError, JournalWriter, readJournal, type JournalState } from "./journal.js";

/** What decides which writes a run makes; a re-run with the same file and these resumes the unfinished run. */
export function journalOptions(options: ImportOptions): Record<string, unknown> {
  return {
    file: options.file,
    baseUrl: options.baseUrl,
    onMatch: options.onMatch,
    // Recorded only when narrowed, so a run with every key resumes a run made before --match-on existed.
    ...(options.matchOn.size === MATCH_KEYS.length ? {} : { matchOn: formatMatchOn(options.matchOn) }),
    clearEmpty: options.clearEmpty,
    mapFile: options.mapFile ?? null,
    delimiter: options.delimiter ?? null,
    encoding: options.encoding ?? null,
    sheet: options.sheet ?? null,
    orgCountry: options.orgCountry,
    defaultCountry: options.defaultCountry ?? null,
    currency: options.currency,
    requireInvoiceable: options.requireInvoiceable,
    strict: options.strict,
    concurrency: options.concurrency,
    rateLimits: formatRateLimits(options.rateLimits),
  };
}

export function optionsHash(options: Record<string, unknown>): string {
  // Concurrency and limits change how fast, not what: a re-run with other values is the same job.
  const { concurrency: _c, rateLimits: _r, ...decisive } = options;
  return createHash("sha256").update(JSON.stringify(decisive)).digest("hex").slice(0, 16);
}

export interface UnfinishedRun {
  dir: string;
  state: JournalState;
}

/**
 * Runs of this input (same content) in the report root whose journal does not say they finished, newest first.
 * A journal that cannot be read is not resumed, but said through `warn` (unless it is another file's run, or
 * recorded nothing): passing it over in silence would let its run's writes be made again.
 */
export function unfinishedRuns(
  reportRoot: string,
  inputSha256: string,
  warn: (line: string) => void = () => undefined,
): UnfinishedRun[] {
  let names: string[];
  try {
    names = readdirSync(resolve(reportRoot));
  } catch {
    return [];
  }
  const runs: UnfinishedRun[] = [];
  for (const name of names.sort().reverse()) {
    const run = unfinishedRun(join(resolve(reportRoot), name), inputSha256, warn);
    if (run !== undefined) runs.push(run);
  }
  return runs;
}

/**
 * The run in this folder, if its journal says it is one of this input that did not finish. A journal that cannot
 * be read is said through `warn` (unless it is another file's run, or recorded nothing).
 */
export function unfinishedRun(
  dir: string,
  inputSha256: string,
  warn: (line: string) => void = () => undefined,
): UnfinishedRun | undefined {
  let state: JournalState | undefined;
  try {
    state = readJournal(dir);
  } catch (err) {
    const otherRun =
      err instanceof JournalError &&
      (err.empty || (err.start !== undefined && err.start.input.sha256 !== inputSha256));
    if (!otherRun)
      warn(
        `warning: the run in ${dir} is not resumed, its journal cannot be read: ${err instanceof Error ? err.message : String(err)}`,
      );
    return undefined;
  }
  return state !== undefined && !state.complete && state.start.input.sha256 === inputSha256
    ? { dir, state }
    : undefined;
}

/**
 * Where the interrupted run already settled a row: its result without sending anything. "look_first" for a create
 * that was on its way and whose client the fresh listing does not show by its keys (a row with no key can only
 * be looked up by name). Undefined: the row is carried out as planned.
 */
export function settleFromJournal(
  planned: PlannedRow,
  state: JournalState,
): RowResult | "look_first" | undefined {
  const record = planned.row.recordNo;
  const done = state.done.get(record);
  const base = { recordNo: record, line: planned.row.line, label: planned.label, problems: planned.problems };
  if (done !== undefined) return { ...base, outcome: done.outcome, clientId: done.client_id };
  const intent = state.uncertain.get(record);
  if (intent === undefined) return undefined;
  const plan = planned.plan;
  if (intent.action === "create") {
    // The listing shows a client with this row's keys: the create went through before the answer was lost.
    if (plan.action === "skipped_existing" || plan.action === "unchanged" || plan.action === "update")
      return { ...base, outcome: "created", clientId: plan.clientId, matchedKey: plan.matchedKey };
    return plan.action === "create" ? "look_first" : undefined;
  }
  // An update is safe to send again; if Qonto already has the new values, it went through.
  if (plan.action === "unchanged") return { ...planOnly(planned), outcome: "updated" };
  return undefined;
}

/** Opens a run's journal in its report folder and writes its `start` line: every write of the run follows it. */
export async function openRunJournal(
  dir: string,
  input: { file: string; sha256: string },
  recorded: Record<string, unknown>,
  startedAt: Date,
  resumed: boolean,
): Promise<JournalWriter> {
  const journal = new JournalWriter(join(dir, JOURNAL_FILE), resumed ? "append" : "new");
  await journal.append({
    type: "start",
    tool: TOOL.name,
    version: TOOL.version,
    started_at: startedAt.toISOString(),
    input,
    options: recorded,
    options_hash: optionsHash(recorded),
    ...(resumed ? { resumed: true } : {}),
  });
  return journal;
}

/** Writes the `end` line (best effort: the report is written either way) and closes the journal. */
export async function closeRunJournal(journal: JournalWriter | undefined, complete: boolean): Promise<void> {
  if (journal === undefined) return;
  await journal
    .append({ type: "end", finished_at: new Date().toISOString(), complete })
    .catch(() => undefined);
  journal.close();
}

/**
 * When a resume may look up a create the interrupted run had on its way (epoch ms): the settle delay after the
 * later of its last journal line for the row and the journal's last write (a crash drops the connection then).
 */
export function lookUpAfter(state: JournalState, record: number, settleMs: number): number {
  const at = Date.parse(state.uncertain.get(record)?.at ?? "");
  return Math.max(Number.isNaN(at) ? 0 : at, state.lastWriteAt ?? 0) + settleMs;
}
