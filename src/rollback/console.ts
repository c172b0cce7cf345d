import { join } from "node:path";
import type { Outcome } from "../report/outcome.js";
import { printable } from "../report/printable.js";
import { indentSteps } from "../report/console.js";
import { CONSOLE_TEXTS, type RollbackLabelled } from "../i18n/console.js";
import { formatDuration } from "../i18n/duration.js";
import type { Lang } from "../i18n/lang.js";
import { LISTED_PER_OUTCOME, type RollbackOutcome } from "./run.js";

// The order the console lists them in: what is (or would be) done, then what is not.
const ORDER: readonly RollbackLabelled[] = [
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
  // Interrupted before they were rolled back: running the rollback again does them.
  "not_sent",
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
export function formatRollback(outcome: RollbackOutcome, lang: Lang = "en"): string {
  const { summary, reportDir, listing, of } = outcome;
  const all = CONSOLE_TEXTS[lang];
  const t = all.rollback;
  const o = summary.outcomes;
  const plan = summary.dry_run;
  const rows = summary.input.rows;
  const lines: string[] = [t.headline(plan, of, rows)];
  const width = String(rows).length;
  for (const outcome of ORDER) {
    const count = o[outcome];
    if (count === 0) continue;
    lines.push(`  ${String(count).padStart(width)}  ${t.labels[outcome]}`);
    if (!NAMED.has(outcome)) continue;
    for (const name of listing[outcome] ?? []) lines.push(`${" ".repeat(width + 6)}${name}`);
    if (count > LISTED_PER_OUTCOME)
      lines.push(`${" ".repeat(width + 6)}${t.more(count - LISTED_PER_OUTCOME)}`);
  }
  if (o.would_delete + o.deleted + o.refused_invoices > 0) lines.push(`  ${t.deleteWarning}`);
  const written =
    o.would_delete + o.deleted + o.would_restore + o.restored + o.left_changed + o.refused_invoices;
  if (o.already_gone > 0 && written + o.unchanged === 0) lines.push(`  ${t.noneInQonto}`);
  lines.push(`  ${summary.all_rows_accounted_for ? all.accounted(rows) : t.notAccounted}`);
  if (summary.requests !== null)
    lines.push(
      `  ${all.requests(summary.requests.total, summary.requests.retries, formatDuration(summary.duration_ms, lang))}`,
    );
  if (summary.stopped_early !== null) lines.push(`  ${all.stoppedEarly}: ${summary.stopped_early}`);
  lines.push(t.report(reportDir));
  const steps: string[] = [];
  if (summary.stopped_early !== null && !plan) steps.push(all.runAgain);
  if (plan && o.would_delete + o.would_restore > 0)
    steps.push(t.carryOut(`qonto-import rollback ${of} --yes`));
  if (o.left_changed + o.refused_invoices > 0 && summary.rollback?.force !== true)
    steps.push(t.checkLeftAlone);
  if (o.needs_review + o.failed > 0)
    steps.push(t.seeWhy(o.needs_review + o.failed, join(reportDir, "results.csv")));
  if (steps.length === 0) lines.push(all.nothingLeft);
  else lines.push(...indentSteps(all.next, steps));
  // One line each; client names and folders are data.
  return lines.map(printable).join("\n");
}
