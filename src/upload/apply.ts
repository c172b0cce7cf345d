import { clientKeys, displayName, type ClientKeys, MATCH_KEYS, type MatchKey } from "../dedupe/keys.js";
import { evidenceOf, judge } from "../dedupe/match.js";
import { foldHeader } from "../map/aliases.js";
import type { ClientCreatePayload } from "../validate/schema.js";
import type { PlannedRow } from "../dedupe/plan.js";
import { problem, type Problem } from "../problems.js";
import type { RowResult } from "../report/outcome.js";
import type { JournalWriter } from "../journal/journal.js";
import { QontoApiError, type ListClientsQuery, type QontoApi, type QontoClient } from "./client.js";
import {
  attemptInSlot,
  inSlot,
  noteAnswered,
  noteUnanswered,
  now,
  park,
  settleDelay,
  type Settling,
} from "./settle.js";

export interface ApplyContext extends Settling {
  api: QontoApi;
  /**
   * Ids some row already accounts for: the clients Qonto had when the plan was made, then each client this run
   * creates. A look-up after a lost answer must never claim one of them.
   */
  accountedIds: Set<string>;
  /** Set by the first refusal of the credentials, by Ctrl-C, or when Qonto stops answering; later rows are not sent. */
  stop: { reason: string | null };
  /** After this many such rows in a row, Qonto is taken as unreachable and the run stops (default 5). */
  maxFailuresInARow?: number;
  /** Creates of rows without any key, chained by name: their look-up can only go by name, so two must not overlap. */
  nameChains?: Map<string, Promise<unknown>>;
  /** Creates whose answer was lost are looked up and, if absent, sent again: this many attempts in all (default 8). */
  maxCreateAttempts?: number;
  /** Where each write's intent and outcome are made durable, for a resume. */
  journal?: JournalWriter;
  /**
   * Records whose create may have happened in an earlier, interrupted run, each with the time (epoch ms) before
   * which it is not looked up (its intent's time plus the settle delay): looked up before being sent.
   */
  lookFirst?: ReadonlyMap<number, number>;
}

/** What the plan gives with nothing sent: a dry run's result for every row, a real run's for rows needing no write. */
export function planOnly(p: PlannedRow): RowResult {
  const base = { recordNo: p.row.recordNo, line: p.row.line, label: p.label, problems: p.problems };
  const plan = p.plan;
  switch (plan.action) {
    case "create":
      return {
        ...base,
        outcome: "would_create",
        ...(plan.matchedKey === undefined ? {} : { matchedKey: plan.matchedKey }),
      };
    case "update":
      return {
        ...base,
        outcome: "would_update",
        clientId: plan.clientId,
        matchedKey: plan.matchedKey,
        changes: plan.changes,
      };
    case "unchanged":
    case "skipped_existing":
      return { ...base, outcome: plan.action, clientId: plan.clientId, matchedKey: plan.matchedKey };
    case "duplicate_in_file":
      return {
        ...base,
        outcome: "duplicate_in_file",
        duplicateOf: plan.duplicateOf,
        matchedKey: plan.matchedKey,
      };
    case "needs_review":
      return { ...base, outcome: "needs_review" };
    case "invalid":
      return { ...base, outcome: "invalid" };
    case "ignored":
      return { ...base, outcome: "ignored" };
  }
}

/** Turns a planned row into its final result, doing the one write it needs (if any). Never throws for a row. */
export async function applyRow(planned: PlannedRow, ctx: ApplyContext): Promise<RowResult> {
  const { row, plan, label } = planned;
  // Rows without a write end as the plan said.
  if (plan.action !== "create" && plan.action !== "update") return planOnly(planned);
  const base = { recordNo: row.recordNo, line: row.line, label };
  const problems: Problem[] = [...planned.problems];
  switch (plan.action) {
    case "update": {
      const journal = ctx.journal;
      const sent = await attemptInSlot(
        ctx,
        () =>
          journal?.append({
            type: "intent",
            record: row.recordNo,
            action: "update",
            // What the client is known by once updated: a rollback of an unanswered update checks it.
            keys: clientKeys(plan.payload),
            client_id: plan.clientId,
            name: label.name,
            // What a rollback puts back.
            ...(plan.previous === undefined ? {} : { previous: plan.previous }),
            at: now(),
          }),
        () => ctx.api.updateClient(plan.clientId, plan.patch),
      );
      if (sent.kind === "stopped") return notAttempted(base, problems, ctx.stop.reason ?? "the run stopped");
      if (sent.kind === "journal") return journalFailure(base, problems, sent.err, ctx);
      if (sent.kind === "error") {
        await journalFailed(journal, row.recordNo, sent.err);
        return failure(base, problems, sent.err, ctx);
      }
      const client = sent.value;
      noteAnswered(ctx);
      const result: RowResult = {
        ...base,
        outcome: "updated",
        clientId: client.id,
        matchedKey: plan.matchedKey,
        changes: plan.changes,
        problems,
      };
      try {
        await journal?.append({
          type: "done",
          record: row.recordNo,
          outcome: "updated",
          client_id: client.id,
          ...written(client),
        });
      } catch (err) {
        return { ...result, problems: [...problems, unrecorded(ctx, err, "updated")] };
      }
      return result;
    }
    case "create": {
      const create = () => createLookingBeforeRetry(planned, plan.payload, plan.keys, plan.matchedKey, ctx);
      if (Object.keys(plan.keys).length > 0) return create();
      return chained(ctx, foldHeader(displayName(plan.payload)), create);
    }
  }
}

async function createLookingBeforeRetry(
  planned: PlannedRow,
  payload: ClientCreatePayload,
  keys: ClientKeys,
  matchedKey: MatchKey | undefined,
  ctx: ApplyContext,
): Promise<RowResult> {
  const record = planned.row.recordNo;
  const base = { recordNo: record, line: planned.row.line, label: planned.label };
  const problems: Problem[] = [...planned.problems];
  const matched = matchedKey === undefined ? {} : { matchedKey };
  // Each attempt's outcome may be unknown (a 5xx or a reset after sending): the look-up settles it before the next.
  const maxAttempts = ctx.maxCreateAttempts ?? 8;
  const journal = ctx.journal;
  const created = async (client: QontoClient): Promise<RowResult> => {
    const id = client.id;
    ctx.accountedIds.add(id);
    noteAnswered(ctx);
    // The client exists either way; a journal that cannot record it is reported, and a resume would find it.
    try {
      await journal?.append({
        type: "done",
        record,
        outcome: "created",
        client_id: id,
        ...written(client),
      });
    } catch (err) {
      return journalFailure(base, problems, err, ctx, id);
    }
    return { ...base, outcome: "created", clientId: id, ...matched, problems };
  };
  const failed = async (err: unknown): Promise<RowResult> => {
    await journalFailed(journal, record, err);
    return failure(base, problems, err, ctx);
  };

  const intent = () =>
    journal?.append({ type: "intent", record, action: "create", keys, name: planned.label.name, at: now() });
  // Parked, the row holds no request slot; a stop meanwhile leaves it to a resume, which looks first.
  const settled = async (untilMs: number): Promise<QontoClient | RowResult | undefined> => {
    if (!(await park(ctx, untilMs))) {
      await journalFailedAs(journal, record, true);
      return unsettled(base, problems, ctx.stop.reason ?? "the run stopped");
    }
    try {
      return await inSlot(ctx, () => findCreated(ctx, payload, keys));
    } catch (err) {
      return undecided(err);
    }
  };
  // After a create without an answer, any later failure leaves it undecided: the journal must keep saying "may
  // exist", whatever the failure of the look-up itself says, or a resume would send it blind.
  const undecided = async (err: unknown): Promise<RowResult> => {
    await journalFailedAs(journal, record, true);
    // Counted as any failed row, so that a Qonto that stops answering stops the run.
    failure(base, problems, err, ctx);
    return unsettled(base, problems, err instanceof Error ? err.message : String(err));
  };

  if (ctx.stop.reason !== null) return notAttempted(base, problems, ctx.stop.reason);
  // A run that stopped while this create was on its way: Qonto may have it already, or be about to.
  const lookAfter = ctx.lookFirst?.get(record);
  if (lookAfter !== undefined) {
    const found = await settled(lookAfter);
    if (isResult(found)) return found;
    if (found !== undefined) return created(found);
  }
  for (let attempt = 1; ; attempt++) {
    // Each resend is a new intent: the journal shows how many creates went out.
    const sent = await attemptInSlot(ctx, intent, () => ctx.api.createClient(payload));
    if (sent.kind === "stopped") {
      await journalFailedAs(journal, record, attempt > 1);
      return notAttempted(base, problems, ctx.stop.reason ?? "the run stopped");
    }
    if (sent.kind === "journal") return journalFailure(base, problems, sent.err, ctx);
    if (sent.kind === "answered") return created(sent.value);
    const err = sent.err;
    if (!(err instanceof QontoApiError) || !err.ambiguous) return failed(err);
    // An answer that stops the run (a web page instead of JSON): no look-up can be made; a resume makes it.
    if (err.fatal) return undecided(err);
    noteUnanswered(ctx, err.message);
    // No answer does not mean no client, even now: Qonto may still be committing it. Look once it has settled.
    await journalFailedAs(journal, record, true);
    const found = await settled(Date.now() + settleDelay(ctx));
    if (isResult(found)) return found;
    if (found !== undefined) return created(found);
    if (attempt >= maxAttempts) return failed(err);
  }
}

function isResult(value: QontoClient | RowResult | undefined): value is RowResult {
  return value !== undefined && "outcome" in value;
}

/** A write without an answer, whose row the run stopped before it could look up: a re-run looks before sending. */
export function unsettled(base: Base, problems: Problem[], reason: string): RowResult {
  return {
    ...base,
    outcome: "failed",
    problems: [
      ...problems,
      problem(
        "api_failed",
        `sent without an answer, and not looked up since: ${reason}; running the same command again looks it up in Qonto before sending anything`,
      ),
    ],
  };
}

/** The client's updated_at as Qonto answered it after a write, for the journal: how a rollback tells a later change. */
function updatedAt(client: Pick<QontoClient, "updated_at">): { updated_at?: string } {
  return typeof client.updated_at === "string" && client.updated_at !== ""
    ? { updated_at: client.updated_at }
    : {};
}

/**
 * What the journal's `done` line records of the client a write left: when (updated_at), and what it is known by
 * (its keys and name), so that a rollback can tell the client the run wrote from another one a journal names.
 */
function written(client: QontoClient): { updated_at?: string; keys: ClientKeys; name: string } {
  return { ...updatedAt(client), keys: clientKeys(client), name: displayName(client) };
}

/** Runs fn after every earlier call chained under the same name has finished. */
function chained<T>(ctx: ApplyContext, name: string, fn: () => Promise<T>): Promise<T> {
  ctx.nameChains ??= new Map();
  const chains = ctx.nameChains;
  const next = (chains.get(name) ?? Promise.resolve()).then(fn, fn);
  const tail = next.catch(() => undefined);
  chains.set(name, tail);
  void tail.then(() => {
    if (chains.get(name) === tail) chains.delete(name);
  });
  return next;
}

/**
 * The client a create whose answer was lost may have made: not accounted for by any row, and the same client as
 * the row by the import's own rule (a shared key, judged), or, for a row with no key at all, bearing exactly its
 * name. Filters use the values as sent.
 */
async function findCreated(
  ctx: ApplyContext,
  payload: ClientCreatePayload,
  keys: ClientKeys,
): Promise<QontoClient | undefined> {
  const name = displayName(payload);
  const lookups: [ListClientsQuery["filter"], (c: QontoClient) => boolean][] = [];
  const evidence = evidenceOf(payload, keys);
  const shares = (c: QontoClient) => {
    const theirs = clientKeys(c);
    const key = MATCH_KEYS.find((k) => keys[k] !== undefined && keys[k] === theirs[k]);
    return key !== undefined && judge(key, evidence, evidenceOf(c, theirs)).same;
  };
  if (payload.vat_number !== undefined) lookups.push([{ vat_number: payload.vat_number }, shares]);
  if (payload.tax_identification_number !== undefined)
    lookups.push([{ tax_identification_number: payload.tax_identification_number }, shares]);
  if (payload.email !== undefined) lookups.push([{ email: payload.email }, shares]);
  if (name.length >= 2) {
    const sameName = (c: QontoClient) => foldHeader(displayName(c)) === foldHeader(name);
    lookups.push([{ name }, Object.keys(keys).length > 0 ? shares : sameName]);
  }
  for (const [filter, matches] of lookups) {
    const { clients } = await ctx.api.listClients({ filter, perPage: 100 });
    const hit = clients.find((c) => !ctx.accountedIds.has(c.id) && matches(c));
    if (hit !== undefined) return hit;
  }
  return undefined;
}

export type Base = Pick<RowResult, "recordNo" | "line" | "label">;

/** Why a run stops on Ctrl-C: the rows it then never sends are not_sent, not failed. */
export const INTERRUPTED = "the run was interrupted (Ctrl-C)";

export function notAttempted(base: Base, problems: Problem[], reason: string): RowResult {
  return {
    ...base,
    // Nothing went wrong with the row: running the same command again sends it.
    outcome: reason === INTERRUPTED ? "not_sent" : "failed",
    problems: [...problems, problem("not_attempted", `not sent: ${reason}`)],
  };
}

/**
 * Records a failed write; whether it may have happened all the same decides whether a resume looks before
 * sending it again. Best effort: the row's failure is reported either way.
 */
export async function journalFailed(
  journal: JournalWriter | undefined,
  record: number,
  err: unknown,
): Promise<void> {
  await journalFailedAs(journal, record, !(err instanceof QontoApiError) || err.ambiguous);
}

/** Records a failed write, saying whether it may have happened all the same. Best effort. */
export async function journalFailedAs(
  journal: JournalWriter | undefined,
  record: number,
  ambiguous: boolean,
): Promise<void> {
  await journal?.append({ type: "failed", record, ambiguous, at: now() }).catch(() => undefined);
}

/** The journal cannot be written (disk full, folder gone): no write may go out that a resume could not account for. */
export function journalFailure(
  base: Base,
  problems: Problem[],
  err: unknown,
  ctx: Pick<ApplyContext, "stop">,
  createdId?: string,
): RowResult {
  if (createdId !== undefined)
    return {
      ...base,
      outcome: "created",
      clientId: createdId,
      problems: [...problems, unrecorded(ctx, err, "created")],
    };
  return notAttempted(base, problems, stopForJournal(ctx, err));
}

/** The run stops: a later write could not be accounted for by a resume. Returns why. */
function stopForJournal(ctx: Pick<ApplyContext, "stop">, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  ctx.stop.reason ??= `the journal could not be written (${message})`;
  return ctx.stop.reason;
}

/** A write Qonto carried out that the journal could not record: the run stops, and the row says what happened. */
export function unrecorded(ctx: Pick<ApplyContext, "stop">, err: unknown, done: string): Problem {
  stopForJournal(ctx, err);
  const message = err instanceof Error ? err.message : String(err);
  return problem("api_failed", `${done}, but not recorded in the journal: ${message}`);
}

/** What a failed write leaves: the stop of the run (refused credentials, Qonto unreachable), or the row's failure. */
export function failure(
  base: Base,
  problems: Problem[],
  err: unknown,
  ctx: Pick<ApplyContext, "stop" | "failuresInARow" | "maxFailuresInARow">,
  what = "the client",
): RowResult {
  if (err instanceof QontoApiError && err.fatal) {
    // Qonto throttles an IP after 200 401s an hour: the first refusal stops every further request. A web page
    // instead of JSON (the sandbox without its staging token) would answer every request the same way.
    ctx.stop.reason ??=
      err.status === 401 || err.status === 403
        ? `Qonto refused the credentials (${err.status} on ${err.method} ${err.path})`
        : err.message;
    return notAttempted(base, problems, ctx.stop.reason);
  }
  if (
    err instanceof QontoApiError &&
    err.kind === "http" &&
    err.status !== undefined &&
    err.status < 500 &&
    err.status !== 429
  ) {
    const reasons = err.entries
      .map((e) => `${e.pointer ? `${e.pointer}: ` : ""}${e.detail || e.code}`)
      .join("; ");
    return {
      ...base,
      outcome: "failed",
      problems: [
        ...problems,
        problem("api_rejected", `Qonto refused ${what} (${err.status}): ${reasons || err.message}`),
      ],
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  // Rows failing one after another for want of an answer: Qonto is down or unreachable, and retrying every
  // remaining row would only hammer it. Stop, and let the report say which rows were not sent.
  ctx.failuresInARow = (ctx.failuresInARow ?? 0) + 1;
  const limit = ctx.maxFailuresInARow ?? 5;
  if (ctx.failuresInARow >= limit)
    ctx.stop.reason ??= `Qonto did not answer for ${limit} rows in a row (last: ${message})`;
  return { ...base, outcome: "failed", problems: [...problems, problem("api_failed", message)] };
}
