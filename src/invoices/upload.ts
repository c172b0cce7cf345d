// Creating one invoice exactly once. POST /v2/client_invoices takes no idempotency key, but Qonto refuses a
// number already used (409 invoice_number_already_exists), and every invoice we send has its number. So:
// - an answer lost on the way back (5xx, reset, timeout) is settled by looking the number up among the invoices
//   created since the run began, before anything is sent again;
// - a 409 on an invoice this run (or the run it resumes) may already have created is that create's answer: created;
//   a 409 on a first attempt means someone else created the number since the run listed them: skipped_existing.
import type { JournalWriter } from "../journal/journal.js";
import type { Problem } from "../problems.js";
import type { RowResult } from "../report/outcome.js";
import {
  failure,
  journalFailed,
  journalFailedAs,
  journalFailure,
  notAttempted,
  unrecorded,
  unsettled,
  type Base,
} from "../upload/apply.js";
import { QontoApiError, type InvoiceCreatePayload, type QontoApi } from "../upload/client.js";
import { isRefusal, refusalOf } from "./refusals.js";
import {
  attemptInSlot,
  inSlot,
  noteAnswered,
  noteUnanswered,
  now,
  park,
  settleDelay,
  type Settling,
} from "../upload/settle.js";

export interface InvoiceWriteContext extends Settling {
  api: QontoApi;
  /** Set by the first refusal of the credentials, by Ctrl-C, or when Qonto stops answering. */
  stop: { reason: string | null };
  journal?: JournalWriter;
  maxFailuresInARow?: number;
  /** Attempts in all for a create whose answer was lost and whose number Qonto does not show (default 8). */
  maxCreateAttempts?: number;
  /** Look-ups of a lost create search the invoices created from this moment: the run's start less clock skew. */
  since: Date;
}

export interface InvoiceWrite {
  outcome: "created" | "skipped_existing" | "failed" | "not_sent";
  invoiceId?: string;
  /** Problems of the write, for every line of the invoice. */
  problems: Problem[];
}

/**
 * Sends one invoice, journaled: intent before, outcome after. `lookAfter` (epoch ms) says an earlier run had it on
 * its way without an answer: it is looked up by number once that time has come (the intent's time plus the settle
 * delay), and a 409 then is that create's. Never throws.
 */
export async function createInvoiceOnce(
  record: number,
  payload: InvoiceCreatePayload & { number: string },
  ctx: InvoiceWriteContext,
  lookAfter?: number,
): Promise<InvoiceWrite> {
  const mayExist = lookAfter !== undefined;
  const base: Base = { recordNo: record, line: 0, label: { name: "", vat: "", email: "" } };
  // Never sent because of Ctrl-C stays not_sent: running the same command again sends it, nothing needs fixing.
  const fromRow = (r: RowResult): InvoiceWrite => ({
    outcome: r.outcome === "not_sent" ? "not_sent" : "failed",
    problems: r.problems,
  });
  const journal = ctx.journal;
  const done = async (
    outcome: "created" | "skipped_existing",
    invoiceId: string | undefined,
  ): Promise<InvoiceWrite> => {
    noteAnswered(ctx);
    try {
      await journal?.append({
        type: "done",
        record,
        outcome,
        client_id: payload.client_id,
        ...(invoiceId === undefined ? {} : { invoice_id: invoiceId }),
      });
    } catch (err) {
      return {
        outcome,
        ...(invoiceId === undefined ? {} : { invoiceId }),
        problems: [unrecorded(ctx, err, outcome)],
      };
    }
    return { outcome, ...(invoiceId === undefined ? {} : { invoiceId }), problems: [] };
  };
  const failed = async (err: unknown): Promise<InvoiceWrite> => {
    await journalFailed(journal, record, err);
    return fromRow(failure(base, [], err, ctx, "the invoice"));
  };
  // Qonto's verdict on this payload: recorded with its hash, so that no later run sends the same payload again.
  const refused = async (err: QontoApiError): Promise<InvoiceWrite> => {
    await journal
      ?.append({ type: "failed", record, ambiguous: false, at: now(), refusal: refusalOf(err, payload) })
      .catch(() => undefined);
    const result = fromRow(failure(base, [], err, ctx, "the invoice"));
    return {
      ...result,
      problems: result.problems.map((p) =>
        p.code === "api_rejected"
          ? { ...p, message: `${p.message}; it is not sent again until its lines change: fix the row` }
          : p,
      ),
    };
  };

  // Parked, the invoice holds no request slot; a stop meanwhile leaves it to a resume, which looks first.
  const settled = async (untilMs: number): Promise<InvoiceWrite | string | undefined> => {
    if (!(await park(ctx, untilMs))) {
      await journalFailedAs(journal, record, true);
      return fromRow(unsettled(base, [], ctx.stop.reason ?? "the run stopped"));
    }
    try {
      return await inSlot(ctx, () => findByNumber(ctx, payload.number));
    } catch (err) {
      return undecided(err);
    }
  }; // After a create without an answer, any later failure leaves it undecided: the journal must keep saying "may
  // exist", whatever the failure of the look-up itself says, or a resume would send it blind.
  const undecided = async (err: unknown): Promise<InvoiceWrite> => {
    await journalFailedAs(journal, record, true);
    // Counted as any failed invoice, so that a Qonto that stops answering stops the run.
    failure(base, [], err, ctx, "the invoice");
    return fromRow(unsettled(base, [], err instanceof Error ? err.message : String(err)));
  };

  if (ctx.stop.reason !== null) return fromRow(notAttempted(base, [], ctx.stop.reason));
  if (lookAfter !== undefined) {
    const found = await settled(lookAfter);
    if (typeof found === "string") return done("created", found);
    if (found !== undefined) return found;
  }
  const maxAttempts = ctx.maxCreateAttempts ?? 8;
  for (let attempt = 1; ; attempt++) {
    // Each resend is a new intent.
    const sent = await attemptInSlot(
      ctx,
      () =>
        journal?.append({
          type: "intent",
          record,
          action: "create_invoice",
          keys: {},
          client_id: payload.client_id,
          name: payload.number,
          number: payload.number,
          at: now(),
        }),
      () => ctx.api.createInvoice(payload),
    );
    if (sent.kind === "stopped") {
      await journalFailedAs(journal, record, attempt > 1);
      return fromRow(notAttempted(base, [], ctx.stop.reason ?? "the run stopped"));
    }
    if (sent.kind === "journal") return fromRow(journalFailure(base, [], sent.err, ctx));
    if (sent.kind === "answered") return done("created", sent.value.id);
    const err = sent.err;
    if (isNumberTaken(err)) {
      let id: string | undefined;
      try {
        id = await inSlot(ctx, () => findByNumber(ctx, payload.number));
      } catch (lookupErr) {
        return failed(lookupErr);
      }
      // Ours if an earlier attempt (or the run this one finishes) may have made it; otherwise someone else's.
      return done(attempt > 1 || mayExist ? "created" : "skipped_existing", id);
    }
    if (isRefusal(err)) return refused(err);
    if (!(err instanceof QontoApiError) || !err.ambiguous) return failed(err);
    // An answer that stops the run (a web page instead of JSON): no look-up can be made; a resume makes it.
    if (err.fatal) return undecided(err);
    noteUnanswered(ctx, err.message);
    // No answer does not mean no invoice, even now: Qonto may still be committing it. Look once it has settled.
    await journalFailedAs(journal, record, true);
    const found = await settled(Date.now() + settleDelay(ctx));
    if (typeof found === "string") return done("created", found);
    if (found !== undefined) return found;
    if (attempt >= maxAttempts) return failed(err);
  }
}

export function isNumberTaken(err: unknown): boolean {
  return (
    err instanceof QontoApiError &&
    err.status === 409 &&
    err.entries.some((e) => e.code === "invoice_number_already_exists")
  );
}

/**
 * The list has no number filter: the invoices created since the run began are read newest first, page by page,
 * stopping at the number. A lost create is among the newest, so this is mostly one page, however long the run.
 */
async function findByNumber(ctx: InvoiceWriteContext, number: string): Promise<string | undefined> {
  for (let page = 1; ; page++) {
    const { invoices, meta } = await ctx.api.listInvoices({
      createdAtFrom: ctx.since.toISOString(),
      sort: "created_at:desc",
      excludeImported: false,
      perPage: 100,
      page,
    });
    const hit = invoices.find((i) => i.number?.trim() === number.trim());
    if (hit !== undefined) return hit.id;
    if (meta.next_page === null || invoices.length === 0) return undefined;
  }
}
