import { join } from "node:path";
import { fromFile } from "../errors.js";
import { printable } from "./printable.js";
import type { Summary } from "./summary.js";
import type { Outcome } from "./outcome.js";

const LABELS: Record<Outcome, string> = {
  created: "created in Qonto",
  updated: "updated in Qonto",
  unchanged: "already up to date",
  skipped_existing: "already in Qonto (skipped)",
  duplicate_in_file: "duplicates of an earlier row",
  needs_review: "need review (match several clients)",
  invalid: "invalid (not sent)",
  failed: "failed",
  would_create: "would be created",
  would_update: "would be updated",
  ignored: "ignored (totals lines, repeated headers)",
  deleted: "deleted from Qonto",
  restored: "restored to their values before the import",
  already_gone: "no longer in Qonto",
  left_changed: "left alone: changed in Qonto since the import",
  refused_invoices: "not deleted: invoices were imported for them",
  nothing_to_undo: "not written by the import: nothing to undo",
  would_delete: "would be deleted",
  would_restore: "would be restored",
};

/** The end-of-run summary a person reads in the terminal, after the first problems found. */
export function formatSummary(
  summary: Summary,
  reportDir: string,
  problems: { lines: string[]; total: number } = { lines: [], total: 0 },
): string {
  const lines: string[] = [];
  if (problems.total > 0) {
    lines.push(
      problems.total > problems.lines.length
        ? `Problems (the first ${problems.lines.length} of ${problems.total}; all are in results.csv):`
        : "Problems:",
    );
    for (const line of problems.lines) lines.push(`  ${line}`);
  }
  const rows = summary.input.rows;
  lines.push(
    `${summary.dry_run ? "Dry run (nothing sent to Qonto)" : "Import finished"}: ${rows} row${rows === 1 ? "" : "s"} read from ${summary.input.file}`,
  );
  const width = String(rows).length;
  for (const [outcome, count] of Object.entries(summary.outcomes) as [Outcome, number][]) {
    if (count > 0) lines.push(`  ${String(count).padStart(width)}  ${LABELS[outcome]}`);
  }
  lines.push(
    summary.all_rows_accounted_for
      ? `  Every row has exactly one outcome (${rows} in, ${rows} reported).`
      : "  WARNING: the outcomes do not add up to the rows read; please report this as a bug.",
  );
  const top = Object.entries(summary.problems).slice(0, 5);
  if (top.length > 0)
    lines.push(`  Most frequent problems: ${top.map(([code, n]) => `${code} (${n})`).join(", ")}`);
  if (summary.invoices !== undefined) {
    const inv = summary.invoices;
    const parts = (Object.entries(inv.outcomes) as [Outcome, number][])
      .filter(([, n]) => n > 0)
      .map(([o, n]) => `${n} ${LABELS[o]}`);
    lines.push(`  Invoices: ${inv.total}${parts.length > 0 ? ` (${parts.join(", ")})` : ""}`);
  }
  if (summary.requests !== null)
    lines.push(
      `  Requests to Qonto: ${summary.requests.total} (${summary.requests.retries} retried) in ${(summary.duration_ms / 1000).toFixed(1)} s`,
    );
  if (summary.stopped_early !== null) lines.push(`  STOPPED EARLY: ${summary.stopped_early}`);
  lines.push(`Report: ${reportDir} (open report.html in a browser)`);
  lines.push(...nextSteps(summary, reportDir));
  // One line each, and file names, report folders and problem messages come from the input and the user.
  return lines.map(printable).join("\n");
}

/** What to do now, in a line or two: the question every run leaves a person with. */
export function nextSteps(summary: Summary, reportDir: string): string[] {
  const o = summary.outcomes;
  const toFix = o.invalid + o.needs_review + o.failed;
  const steps: string[] = [];
  if (summary.stopped_early !== null && !summary.dry_run)
    steps.push("run the same command again to finish: rows already done are not sent again");
  // apply writes no errors.csv: a plan has no input columns to repeat, so the rows are fixed in the plan's input.
  const applied = typeof summary.options.plan === "string";
  const input = (summary.options.plan_input as { file?: unknown } | undefined)?.file;
  if (toFix > 0 && applied)
    steps.push(
      `see the ${toFix} row${toFix === 1 ? "" : "s"} not imported in ${join(reportDir, "results.csv")} (the reason is in its problems column), fix ${toFix === 1 ? "it" : "them"} in the input and plan again: qonto-import clients ${typeof input === "string" ? fromFile(input) : "<file>"} --dry-run`,
    );
  else if (toFix > 0)
    steps.push(
      `fix ${toFix} row${toFix === 1 ? "" : "s"} in ${join(reportDir, "errors.csv")} (the reason is in its last column) and import that file: qonto-import ${summary.invoices === undefined ? "clients" : "invoices"} ${join(reportDir, "errors.csv")}`,
    );
  // Running again changes nothing for those: a refused invoice is sent again only once its lines changed.
  const refused =
    summary.invoices === undefined
      ? 0
      : (summary.problems.api_rejected ?? 0) + (summary.problems.api_rejected_before ?? 0);
  if (refused > 0)
    steps.push(
      `Qonto refused the invoice${refused === 1 ? "" : "s"} of ${refused} of those rows: ${refused === 1 ? "it is" : "they are"} not sent again until ${refused === 1 ? "its" : "their"} lines change, so fix ${refused === 1 ? "it" : "them"} first`,
    );
  // Plans are for clients: an invoices dry run is run again without --dry-run.
  if (summary.dry_run && summary.invoices !== undefined && o.would_create > 0)
    steps.push("to import these invoices: the same command without --dry-run");
  else if (summary.dry_run && o.would_create + o.would_update > 0)
    steps.push(`to carry out this plan: qonto-import apply ${join(reportDir, "plan.json")}`);
  if (steps.length === 0) return ["Nothing left to do."];
  return steps.map((s, i) => `${i === 0 ? "Next: " : "      "}${s}`);
}
