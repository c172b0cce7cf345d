import type { FieldChange } from "../dedupe/plan.js";
import type { MatchKey } from "../dedupe/keys.js";
import type { Problem } from "../problems.js";

// Every input row ends with exactly one of these. The would_* outcomes are a dry run's plan.
/** What an import (clients or invoices) reports. */
export const IMPORT_OUTCOMES = [
  "created",
  "updated",
  "unchanged",
  "skipped_existing",
  "duplicate_in_file",
  "needs_review",
  "invalid",
  "failed",
  // Never sent: the run was interrupted (Ctrl-C) first. Nothing to fix: running the same command again sends it.
  "not_sent",
  "would_create",
  "would_update",
  // A totals line or a repeated header (src/map/summary-rows.ts): not a record, never sent, in a dry run too.
  "ignored",
] as const;

/**
 * What only `qonto-import rollback` reports, one per row of the run it rolls back (it also uses unchanged: the
 * client already has its values from before the import; needs_review; and failed).
 */
export const ROLLBACK_ONLY_OUTCOMES = [
  "deleted",
  "restored",
  "already_gone",
  "left_changed",
  "refused_invoices",
  "nothing_to_undo",
  "would_delete",
  "would_restore",
] as const;

export const OUTCOMES = [...IMPORT_OUTCOMES, ...ROLLBACK_ONLY_OUTCOMES] as const;

export type Outcome = (typeof OUTCOMES)[number];

/** The outcomes a rollback's report shows, in order. */
export const ROLLBACK_OUTCOMES: readonly Outcome[] = [
  "deleted",
  "restored",
  "unchanged",
  "already_gone",
  "left_changed",
  "refused_invoices",
  "nothing_to_undo",
  "needs_review",
  "failed",
  "not_sent",
  "would_delete",
  "would_restore",
];

/**
 * Outcomes that leave a row not done and make the exit code 1: not imported, or (a rollback) not rolled back
 * though the import wrote it.
 */
export const NOT_IMPORTED: ReadonlySet<Outcome> = new Set([
  "needs_review",
  "invalid",
  "failed",
  "left_changed",
  "refused_invoices",
]);

export interface RowResult {
  recordNo: number;
  line: number;
  outcome: Outcome;
  clientId?: string;
  matchedKey?: MatchKey;
  duplicateOf?: number;
  problems: Problem[];
  changes?: FieldChange[];
  label: { name: string; vat: string; email: string };
  /** For an invoice line: its invoice (clientId is then the invoice's client). */
  invoice?: InvoiceLine;
  /** For a rollback's row: what the run rolled back did with it (its results.csv outcome, or its journal's). */
  importOutcome?: string;
}

export interface InvoiceLine {
  /** The invoice number, or the grouping value when the invoice has no number. */
  number: string;
  /** The line's place in its invoice, from 1. */
  item: number;
  /** The Qonto invoice: the one created, or the one that already had the number. */
  id?: string;
  /** Which client reference found the client: vat_number, tax_identification_number, email or name. */
  clientMatchedBy?: string;
}
