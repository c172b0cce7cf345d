import { join } from "node:path";
import type { Outcome } from "../report/outcome.js";
import { printable } from "../report/printable.js";
import { LISTED_PER_OUTCOME, type RollbackOutcome } from "./run.js";

const LABELS: Partial<Record<Outcome, string>> = {
  would_delete: "to delete: created by the run",
  deleted: "deleted: created by the run",
  would_restore: "to restore to their values before the run: updated by it",
  restored: "restored to their values before the run",
  unchanged: "already have their values from before the run: nothing sent",
  already_gone: "no longer in Qonto: nothing to do",
  left_changed:
    "left alone: changed in Qonto since the run wrote them (--force rolls them back all the same)",
  refused_invoices:
    "not deleted: an invoices run imported invoices for them (--force deletes them all the same, canceling their recurring invoices)",
  nothing_to_undo:
    "rows the run did not write (skipped, unchanged, duplicates, invalid, failed): nothing to undo",
  needs_review: "need review: the rollback cannot undo them (see why below or in results.csv)",
  failed: "failed",
};

// The order the console lists them in: what is (or would be) done, then what is not.
const ORDER: readonly Outcome[] = [
  "would_delete",
  "deleted",
  "would_restore",
  "restored",
  "unchanged",
  "already_gone",
  "left_changed",
  "refused_invoices",
  "needs_review",
  "failed",
  "nothing_to_undo",
];

// The rows the console names; the others are only counted.
const NAMED: ReadonlySet<Outcome> = new Set([
  "would_delete",
  "deleted",
  "would_restore",
  "restored",
  "left_changed",
  "refused_invoices",
  "needs_review",
  "failed",
  "already_gone",
]);

/** What a person reads at the end of a rollback or of its plan: how many of each, with names, and what next. */
export function formatRollback(outcome: RollbackOutcome): string {
  const { summary, reportDir, listing, of } = outcome;
  const o = summary.outcomes;
  const plan = summary.dry_run;
  const rows = summary.input.rows;
  const lines: string[] = [
    plan
      ? `Rollback plan for ${of} (nothing was changed in Qonto): ${rows} row${rows === 1 ? "" : "s"}`
      : `Rollback of ${of}: ${rows} row${rows === 1 ? "" : "s"}`,
  ];
  const width = String(rows).length;
  for (const outcome of ORDER) {
    const count = o[outcome];
    if (count === 0) continue;
    lines.push(`  ${String(count).padStart(width)}  ${LABELS[outcome] ?? outcome}`);
    if (!NAMED.has(outcome)) continue;
    for (const name of listing[outcome] ?? []) lines.push(`${" ".repeat(width + 6)}${name}`);
    if (count > LISTED_PER_OUTCOME)
      lines.push(`${" ".repeat(width + 6)}… and ${count - LISTED_PER_OUTCOME} more (all are in results.csv)`);
  }
  if (o.would_delete + o.deleted + o.refused_invoices > 0)
    lines.push(
      "  Deleting a client cannot be undone, and Qonto then cancels its recurring invoices (invoices already issued keep the client's details).",
    );
  const written =
    o.would_delete + o.deleted + o.would_restore + o.restored + o.left_changed + o.refused_invoices;
  if (o.already_gone > 0 && written + o.unchanged === 0)
    lines.push(
      "  None of the clients the run wrote is in Qonto: if that is a surprise, check that these credentials are the organization's the run imported into.",
    );
  lines.push(
    summary.all_rows_accounted_for
      ? `  Every row has exactly one outcome (${rows} in, ${rows} reported).`
      : "  WARNING: the outcomes do not add up to the run's rows; please report this as a bug.",
  );
  if (summary.requests !== null)
    lines.push(
      `  Requests to Qonto: ${summary.requests.total} (${summary.requests.retries} retried) in ${(summary.duration_ms / 1000).toFixed(1)} s`,
    );
  if (summary.stopped_early !== null) lines.push(`  STOPPED EARLY: ${summary.stopped_early}`);
  lines.push(`Report: ${reportDir} (results.csv has every row)`);
  const steps: string[] = [];
  if (summary.stopped_early !== null && !plan)
    steps.push("run the same command again to finish: rows already done are not sent again");
  if (plan && o.would_delete + o.would_restore > 0)
    steps.push(`to carry out this plan: the same command with --yes (qonto-import rollback ${of} --yes)`);
  if (o.left_changed + o.refused_invoices > 0 && summary.rollback?.force !== true)
    steps.push("check the clients left alone; to roll them back all the same, add --force");
  if (o.needs_review + o.failed > 0)
    steps.push(
      `see why ${o.needs_review + o.failed} row(s) were not rolled back in ${join(reportDir, "results.csv")}`,
    );
  if (steps.length === 0) lines.push("Nothing left to do.");
  else lines.push(...steps.map((s, i) => `${i === 0 ? "Next: " : "      "}${s}`));
  // One line each; client names and folders are data.
  return lines.map(printable).join("\n");
}
