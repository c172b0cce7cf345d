// Invoices Qonto refused (422) in earlier runs. A 422 is Qonto's verdict on a payload: sending the same payload
// again gets the same answer, so a refused invoice is final for its content. The journal records each refusal with
// the payload's hash (JournalRefusal); a later run reads the journals of the invoices runs beside its own and does
// not send a payload that was refused, but reports it with Qonto's original errors. A payload that changed (a
// line, a date, the client it resolves to) has another hash and is sent.

import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { readJournal, readJournalStart, type JournalRefusal, type JournalState } from "../journal/journal.js";
import { QontoApiError, type InvoiceCreatePayload } from "../upload/client.js";

/** A payload Qonto refused: in which run, when, and why. */
export interface PreviousRefusal extends JournalRefusal {
  /** The report folder of the run that sent it. */
  dir: string;
  number?: string;
  /** When Qonto refused it (ISO), when the journal says. */
  at?: string;
}

/** SHA-256 of the payload as JSON with its keys sorted: equal payloads, however built, hash the same. */
export function invoicePayloadHash(payload: InvoiceCreatePayload): string {
  return createHash("sha256").update(canonicalJson(payload)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null)
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

/** An answer that is Qonto's verdict on the payload itself: a 422 (validation). */
export function isRefusal(err: unknown): err is QontoApiError {
  return err instanceof QontoApiError && err.kind === "http" && err.status === 422;
}

/** What the journal keeps of a refusal. */
export function refusalOf(err: QontoApiError, payload: InvoiceCreatePayload): JournalRefusal {
  return {
    status: err.status ?? 422,
    payload_sha256: invoicePayloadHash(payload),
    errors: err.entries.map((e) => ({
      code: e.code,
      detail: e.detail,
      ...(e.pointer === undefined ? {} : { pointer: e.pointer }),
    })),
  };
}

/**
 * The refusals of these runs' journals, by payload hash. Pure. Only invoices runs against `baseUrl` count (another
 * Qonto is another organization); a later refusal of a payload replaces an earlier one.
 */
export function refusalsOf(
  runs: readonly { dir: string; state: JournalState }[],
  baseUrl: string,
): Map<string, PreviousRefusal> {
  const byHash = new Map<string, PreviousRefusal>();
  const ordered = runs
    .filter((r) => r.state.start.options.command === "invoices" && r.state.start.options.baseUrl === baseUrl)
    .sort((a, b) => a.state.start.started_at.localeCompare(b.state.start.started_at));
  for (const { dir, state } of ordered)
    for (const line of state.refused.values()) {
      const number = state.intents.get(line.record)?.number;
      byHash.set(line.refusal.payload_sha256, {
        ...line.refusal,
        dir,
        ...(number === undefined ? {} : { number }),
        ...(line.at === undefined ? {} : { at: line.at }),
      });
    }
  return byHash;
}

/**
 * The refusals recorded by the invoices runs in the report folders of `reportRoot`, plus `also` (a resumed run's
 * folder given elsewhere). A journal that cannot be read is said through `warn`: its refusals may be sent again.
 */
export function previousRefusals(
  reportRoot: string,
  baseUrl: string,
  also: readonly string[] = [],
  warn: (line: string) => void = () => undefined,
): Map<string, PreviousRefusal> {
  const folders = new Set(also.map((d) => resolve(d)));
  try {
    for (const name of readdirSync(resolve(reportRoot))) folders.add(join(resolve(reportRoot), name));
  } catch {
    // No reports yet: nothing was refused.
  }
  const runs: { dir: string; state: JournalState }[] = [];
  for (const dir of folders) {
    // The start line decides before the whole journal is read: a clients run's may hold a million lines.
    const start = readJournalStart(dir);
    if (start?.options.command !== "invoices" || start.options.baseUrl !== baseUrl) continue;
    try {
      const state = readJournal(dir);
      if (state !== undefined) runs.push({ dir, state });
    } catch (err) {
      warn(
        `warning: the invoices Qonto refused in ${dir} may be sent again, its journal cannot be read: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  return refusalsOf(runs, baseUrl);
}

/** Qonto's errors in one line: "/due_date: due_date must be on or after issue_date; ...". */
export function refusalReasons(errors: JournalRefusal["errors"]): string {
  return errors.map((e) => `${e.pointer ? `${e.pointer}: ` : ""}${e.detail || e.code}`).join("; ");
}

/** The report's message for an invoice refused before: when, where, and Qonto's own words. */
export function refusedBeforeMessage(refusal: PreviousRefusal): string {
  const when = refusal.at === undefined ? "" : ` on ${refusal.at.slice(0, 16).replace("T", " ")} UTC`;
  return `Qonto refused this invoice, as it is now, in an earlier run (${refusal.status}${when}, report ${refusal.dir}): ${refusalReasons(refusal.errors) || "no reason given"}; it is not sent again until its lines change: fix the row`;
}
