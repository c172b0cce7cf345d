import { join } from "node:path";
import { fromFile } from "../errors.js";
import { printable } from "./printable.js";
import type { Summary } from "./summary.js";
import type { Outcome } from "./outcome.js";
import { CONSOLE_TEXTS, type ConsoleTexts } from "../i18n/console.js";
import { formatDuration } from "../i18n/duration.js";
import type { Lang } from "../i18n/lang.js";

/** The label after a count, worded for invoices when the summary is an invoices run's. */
function labelOf(texts: ConsoleTexts, outcome: Outcome, invoices: boolean): string {
  return (invoices ? texts.invoiceLabels[outcome] : undefined) ?? texts.labels[outcome];
}

/** The end-of-run summary a person reads in the terminal, after the first problems found. */
export function formatSummary(
  summary: Summary,
  reportDir: string,
  problems: { lines: string[]; total: number } = { lines: [], total: 0 },
  lang: Lang = "en",
): string {
  const t = CONSOLE_TEXTS[lang];
  const invoices = summary.invoices !== undefined;
  const lines: string[] = [];
  if (problems.total > 0) {
    lines.push(t.problemsHeading(problems.lines.length, problems.total));
    for (const line of problems.lines) lines.push(`  ${line}`);
  }
  const rows = summary.input.rows;
  lines.push(t.headline(summary.dry_run, rows, summary.input.file));
  const width = String(rows).length;
  for (const [outcome, count] of Object.entries(summary.outcomes) as [Outcome, number][]) {
    if (count > 0) lines.push(`  ${String(count).padStart(width)}  ${labelOf(t, outcome, invoices)}`);
  }
  lines.push(`  ${summary.all_rows_accounted_for ? t.accounted(rows) : t.notAccounted}`);
  const top = Object.entries(summary.problems).slice(0, 5);
  if (top.length > 0)
    lines.push(`  ${t.frequentProblems}: ${top.map(([code, n]) => `${code} (${n})`).join(", ")}`);
  if (summary.invoices !== undefined) {
    const inv = summary.invoices;
    const parts = (Object.entries(inv.outcomes) as [Outcome, number][])
      .filter(([, n]) => n > 0)
      .map(([o, n]) => `${n} ${labelOf(t, o, true)}`);
    lines.push(`  ${t.invoices}: ${inv.total}${parts.length > 0 ? ` (${parts.join(", ")})` : ""}`);
  }
  if (summary.requests !== null)
    lines.push(
      `  ${t.requests(summary.requests.total, summary.requests.retries, formatDuration(summary.duration_ms, lang))}`,
    );
  if (summary.stopped_early !== null) lines.push(`  ${t.stoppedEarly}: ${summary.stopped_early}`);
  lines.push(t.report(reportDir));
  lines.push(...nextSteps(summary, reportDir, lang));
  // One line each, and file names, report folders and problem messages come from the input and the user.
  return lines.map(printable).join("\n");
}

/** What to do now, in a line or two: the question every run leaves a person with. */
export function nextSteps(summary: Summary, reportDir: string, lang: Lang = "en"): string[] {
  const t = CONSOLE_TEXTS[lang];
  const o = summary.outcomes;
  const toFix = o.invalid + o.needs_review + o.failed;
  const steps: string[] = [];
  if (summary.stopped_early !== null && !summary.dry_run) steps.push(t.runAgain);
  // apply writes no errors.csv: a plan has no input columns to repeat, so the rows are fixed in the plan's input.
  const applied = typeof summary.options.plan === "string";
  const input = (summary.options.plan_input as { file?: unknown } | undefined)?.file;
  if (toFix > 0 && applied)
    steps.push(
      t.fixPlanned(
        toFix,
        join(reportDir, "results.csv"),
        `qonto-import clients ${typeof input === "string" ? fromFile(input) : "<file>"} --dry-run`,
      ),
    );
  else if (toFix > 0) {
    // An XLSX input gets errors.xlsx too: the file its user opens, fixes and feeds back.
    const errors = join(reportDir, /\.xls[xm]$/i.test(summary.input.file) ? "errors.xlsx" : "errors.csv");
    steps.push(
      t.fixErrors(
        toFix,
        errors,
        `qonto-import ${summary.invoices === undefined ? "clients" : "invoices"} ${errors}`,
      ),
    );
  }
  // Running again changes nothing for those: a refused invoice is sent again only once its lines changed.
  const refused =
    summary.invoices === undefined
      ? 0
      : (summary.problems.api_rejected ?? 0) + (summary.problems.api_rejected_before ?? 0);
  if (refused > 0) steps.push(t.refused(refused));
  // Plans are for clients: an invoices dry run is run again without --dry-run.
  if (summary.dry_run && summary.invoices !== undefined && o.would_create > 0) steps.push(t.importInvoices);
  else if (summary.dry_run && o.would_create + o.would_update > 0)
    steps.push(t.carryOutPlan(`qonto-import apply ${join(reportDir, "plan.json")}`));
  if (steps.length === 0) return [t.nothingLeft];
  return indentSteps(t.next, steps);
}

/** The first step after "Next: ", the others below it, as far in as that label is long in the language. */
export function indentSteps(next: string, steps: readonly string[]): string[] {
  const pad = " ".repeat([...next].length);
  return steps.map((s, i) => `${i === 0 ? next : pad}${s}`);
}
