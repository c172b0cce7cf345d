import type { FieldChange } from "../dedupe/plan.js";
import type { MatchKey } from "../dedupe/keys.js";
import type { Problem } from "../problems.js";

// Every input row ends with exactly one of these. The would_* outcomes are a dry run's plan.
export const OUTCOMES = [
  "created",
  "updated",
  "unchanged",
  "skipped_existing",
  "duplicate_in_file",
  "needs_review",
  "invalid",
  "failed",
  "would_create",
  "would_update",
] as const;

export type Outcome = (typeof OUTCOMES)[number];

/** Outcomes that leave a row not imported and make the exit code 1. */
export const NOT_IMPORTED: ReadonlySet<Outcome> = new Set(["needs_review", "invalid", "failed"]);

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
