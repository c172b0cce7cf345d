import { createHash } from "node:crypto";
import type { Lang } from "../i18n/lang.js";
import { problemHint } from "../i18n/problems.js";
import {
  formatCount,
  INVOICE_TILE_OUTCOMES,
  REPORT_TEXTS,
  type InvoiceTileOutcome,
  type ReportTexts,
} from "../i18n/report.js";
import { PROBLEMS } from "../problems.js";
import {
  IMPORT_OUTCOMES,
  NOT_IMPORTED,
  OUTCOMES,
  ROLLBACK_OUTCOMES,
  type Outcome,
  type RowResult,
} from "./outcome.js";
import { formatDuration } from "../i18n/duration.js";
import type { Summary } from "./summary.js";

// report.html: one self-contained page per run, for a person. Everything it shows comes from the summary (which
// holds no secret) and the rows' labels and problems; every value is escaped, and a Content-Security-Policy lets
// the page load nothing and run no script but its own filter, so a cell that slipped past escaping still could
// not run or fetch anything.

/** The most rows the page lists; results.csv has them all. */
export const HTML_ROW_CAP = 5000;

/** How many problem codes the chart shows. */
export const HTML_TOP_PROBLEMS = 10;

/** Longest cell text shown; results.csv has the whole value. */
const MAX_CELL = 500;

/** A row the page lists: not imported, or imported with a warning. */
export function needsAttention(result: RowResult): boolean {
  return NOT_IMPORTED.has(result.outcome) || result.problems.some((p) => p.severity === "warning");
}

export interface HtmlReportInfo {
  /** The run's report folder, shown as text. */
  reportDir: string;
  /** The caller kept only the first HTML_ROW_CAP rows needing attention. */
  capped: boolean;
  /** How many rows need attention in all, when the caller counted them (shown with the cap message). */
  attentionTotal?: number;
  /** The language the page is written in (English when not given). */
  lang?: Lang;
}

/** What every part of the page needs to know to say things: the run's language and kind. */
interface Ctx {
  lang: Lang;
  t: ReportTexts;
  fmt: (n: number) => string;
  /** An invoices run: its rows are invoice lines, and summary.invoices counts the invoices. */
  invoices: boolean;
}

const COLORS: Record<Outcome, string> = {
  created: "#1a7f37",
  updated: "#0969da",
  unchanged: "#8c959f",
  skipped_existing: "#6e7781",
  duplicate_in_file: "#8250df",
  needs_review: "#bf8700",
  invalid: "#d1242f",
  failed: "#82071e",
  not_sent: "#9a6700",
  would_create: "#4ac26b",
  would_update: "#54aeff",
  ignored: "#afb8c1",
  deleted: "#cf222e",
  restored: "#0969da",
  already_gone: "#8c959f",
  left_changed: "#bf8700",
  refused_invoices: "#953800",
  nothing_to_undo: "#6e7781",
  would_delete: "#ff8182",
  would_restore: "#54aeff",
};

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text safe in element content and in a double- or single-quoted attribute. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

const clip = (value: string, ctx: Ctx, max = MAX_CELL): string =>
  value.length > max ? `${value.slice(0, max)}… ${ctx.t.clipped(ctx.fmt(value.length))}` : value;

const when = (iso: string): string =>
  iso
    .replace("T", " ")
    .replace(/\.\d+Z$/, " UTC")
    .replace(/Z$/, " UTC");

const baseName = (path: string): string => path.split(/[\\/]/).pop() || path;

/** An outcome's name, said of clients, or of invoice lines in an invoices run. */
const outcomeName = (o: Outcome, ctx: Ctx): string =>
  (ctx.invoices ? ctx.t.lineOutcomes[o] : undefined) ?? ctx.t.outcomes[o];

/** Outcomes worth a tile and a bar: every one that happened, and the ones this kind of run can produce. */
function shownOutcomes(summary: Summary, ctx: Ctx): Outcome[] {
  // Rows not sent because of Ctrl-C get a tile only when there are some.
  const hidden: readonly Outcome[] = summary.dry_run
    ? ["created", "updated", "deleted", "restored", "not_sent"]
    : ["would_create", "would_update", "would_delete", "would_restore", "not_sent"];
  // An invoice is created or not: client-only outcomes (updated, needs review…) are no tile of an invoices run.
  const possible: readonly Outcome[] =
    summary.rollback !== undefined
      ? ROLLBACK_OUTCOMES
      : ctx.invoices
        ? INVOICE_TILE_OUTCOMES
        : IMPORT_OUTCOMES;
  return OUTCOMES.filter((o) => summary.outcomes[o] > 0 || (possible.includes(o) && !hidden.includes(o)));
}

function pill(summary: Summary, t: ReportTexts): string {
  if (summary.rollback !== undefined) return summary.dry_run ? t.pillRollbackPlan : t.pillRollback;
  return summary.dry_run ? t.pillDryRun : t.pillImport;
}

function tile(label: string, value: string, detail = "", cls = ""): string {
  return `<div class="tile${cls === "" ? "" : ` ${cls}`}"><div class="label">${escapeHtml(label)}</div><div class="value">${value}</div>${
    detail === "" ? "" : `<div class="detail">${detail}</div>`
  }</div>`;
}

interface Bar {
  label: string;
  value: number;
  color: string;
  title: string;
}

/** Longest line of a bar's label (the longest problem code fits); a longer label wraps rather than being cut. */
const LABEL_LINE = 34;

/**
 * A label cut into lines of at most LABEL_LINE characters: at spaces, or after "_" in a problem code, and only
 * mid-word for a word longer than a line.
 */
export function wrapLabel(label: string, max = LABEL_LINE): string[] {
  const words = label.match(/[^\s_]+_?|\s+/g) ?? [""];
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (/^\s+$/.test(word)) {
      if (line !== "") line += " ";
      continue;
    }
    if (line.length + word.length > max && line.trim() !== "") {
      lines.push(line.trimEnd());
      line = "";
    }
    let rest = word;
    while (rest.length > max) {
      lines.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
    line += rest;
  }
  if (line.trim() !== "" || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/**
 * A horizontal bar chart in inline SVG; the text is escaped, the numbers are numbers. The label column is as wide
 * as the longest label line (labels wrap past LABEL_LINE characters), so no label is cut: French and German
 * outcome names and long problem codes are longer than the English ones the chart was first drawn for.
 */
function barChart(bars: readonly Bar[], ariaLabel: string, ctx: Ctx, mono: boolean): string {
  // An upper bound of a character's width at the chart's 12.5-13 px: 0.6 em in a monospace font, less in a
  // proportional one whose widest letters (m, W) are rare in a label.
  const charWidth = mono ? 7.6 : 7.4;
  const wrapped = bars.map((b) => wrapLabel(b.label));
  const longest = Math.max(1, ...wrapped.flat().map((l) => l.length));
  const labelWidth = Math.ceil(longest * charWidth) + 16;
  const countWidth = 72;
  const barSpace = 320;
  const width = labelWidth + barSpace + countWidth;
  const lineHeight = 16;
  const max = Math.max(1, ...bars.map((b) => b.value));
  let y = 4;
  const rows = bars.map((b, i) => {
    const lines = wrapped[i] ?? [b.label];
    const rowHeight = Math.max(28, lines.length * lineHeight + 12);
    const mid = y + rowHeight / 2;
    const w = b.value === 0 ? 0 : Math.max(2, Math.round((b.value / max) * barSpace));
    const firstLine = mid + 4.5 - ((lines.length - 1) * lineHeight) / 2;
    const text = lines
      .map(
        (l, n) => `<tspan x="${labelWidth - 8}" y="${firstLine + n * lineHeight}">${escapeHtml(l)}</tspan>`,
      )
      .join("");
    const row =
      `<g><title>${escapeHtml(b.title)}</title>` +
      `<text text-anchor="end" class="bar-label${mono ? " mono" : ""}">${text}</text>` +
      `<rect x="${labelWidth}" y="${mid - 10}" width="${barSpace}" height="20" rx="3" class="track"/>` +
      `<rect x="${labelWidth}" y="${mid - 10}" width="${w}" height="20" rx="3" fill="${escapeHtml(b.color)}"/>` +
      `<text x="${labelWidth + w + 6}" y="${mid + 4.5}" class="bar-count">${ctx.fmt(b.value)}</text></g>`;
    y += rowHeight;
    return row;
  });
  const height = y + 4;
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px" role="img" aria-label="${escapeHtml(ariaLabel)}">${rows.join("")}</svg>`;
}

function outcomeChart(summary: Summary, outcomes: readonly Outcome[], ctx: Ctx): string {
  const { t } = ctx;
  if (summary.input.rows === 0) return `<p class="empty">${escapeHtml(t.noRows)}</p>`;
  return barChart(
    outcomes.map((o) => ({
      label: outcomeName(o, ctx),
      value: summary.outcomes[o],
      color: COLORS[o],
      title: ctx.invoices
        ? `${outcomeName(o, ctx)} (${o}): ${ctx.fmt(summary.outcomes[o])}`
        : `${outcomeName(o, ctx)} (${o}): ${ctx.fmt(summary.outcomes[o])}, ${t.descriptions[o]}`,
    })),
    ctx.invoices ? t.linesPerOutcome : t.rowsPerOutcome,
    ctx,
    false,
  );
}

function hintOf(code: string, lang: Lang): { severity: string; hint: string } {
  return Object.hasOwn(PROBLEMS, code)
    ? { severity: PROBLEMS[code as keyof typeof PROBLEMS].severity, hint: problemHint(code, lang) }
    : { severity: "", hint: "" };
}

function problemChart(summary: Summary, ctx: Ctx): { chart: string; hints: string } {
  const { t, lang, fmt } = ctx;
  const entries = Object.entries(summary.problems)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return { chart: `<p class="empty">${escapeHtml(t.noProblems)}</p>`, hints: "" };
  const top = entries.slice(0, HTML_TOP_PROBLEMS);
  const chart = barChart(
    top.map(([code, n]) => {
      const { severity, hint } = hintOf(code, lang);
      return {
        label: code,
        value: n,
        color: severity === "warning" ? "#d4a72c" : "#cf222e",
        title: `${code}: ${fmt(n)}. ${hint}`,
      };
    }),
    t.frequentProblems,
    ctx,
    true,
  );
  const legend = top
    .map(([code, n]) => {
      const { severity, hint } = hintOf(code, lang);
      const sev = severity === "warning" ? "warning" : "error";
      return `<tr><td><code>${escapeHtml(code)}</code></td><td class="num">${fmt(n)}</td><td><span class="sev sev-${sev}">${severity === "" ? "" : escapeHtml(t.severity[sev])}</span></td><td>${escapeHtml(hint)}</td></tr>`;
    })
    .join("");
  const rest = entries.length - top.length;
  const more = rest > 0 ? `<p class="note">${escapeHtml(t.moreProblemCodes(fmt(rest), rest))}</p>` : "";
  return {
    chart,
    hints: `<table class="hints"><thead><tr><th>${escapeHtml(t.colProblemCode)}</th><th class="num">${escapeHtml(t.colCount)}</th><th>${escapeHtml(t.colSeverity)}</th><th>${escapeHtml(t.colWhatToDo)}</th></tr></thead><tbody>${legend}</tbody></table>${more}`,
  };
}

function requestsTile(summary: Summary, ctx: Ctx): string {
  const { t, fmt } = ctx;
  const r = summary.requests;
  if (r === null)
    return tile(
      t.requests,
      escapeHtml(t.requestsNone),
      summary.dry_run ? escapeHtml(t.dryRunNothingSent) : "",
    );
  const parts = [t.retried(fmt(r.retries), r.retries)];
  if (r.rate_limited > 0) parts.push(t.rateLimited(fmt(r.rate_limited), r.rate_limited));
  const statuses = Object.entries(r.by_status)
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([status, n]) => `${escapeHtml(status)}: ${fmt(n)}`)
    .join(" · ");
  return tile(
    t.requests,
    `<span data-requests="total">${fmt(r.total)}</span>`,
    escapeHtml(parts.join(", ")) + (statuses === "" ? "" : `<br><span class="muted">HTTP ${statuses}</span>`),
    "wide",
  );
}

function problemList(result: RowResult, ctx: Ctx): string {
  if (result.problems.length === 0) return "";
  return `<ul class="problems">${result.problems
    .map(
      (p) =>
        `<li><code class="sev-${p.severity === "warning" ? "warning" : "error"}">${escapeHtml(p.code)}</code> ${
          p.column === undefined ? "" : `<span class="col">[${escapeHtml(clip(p.column, ctx, 100))}]</span> `
        }${escapeHtml(clip(p.message, ctx, 1000))}</li>`,
    )
    .join("")}</ul>`;
}

function rowHtml(r: RowResult, ctx: Ctx): string {
  const cell = (v: string, cls: string) => `<td class="text ${cls}">${escapeHtml(clip(v, ctx))}</td>`;
  const badge = `<span class="badge" style="background:${COLORS[r.outcome] ?? "#6e7781"}" title="${escapeHtml(r.outcome)}">${escapeHtml(outcomeName(r.outcome, ctx))}</span>`;
  const invoice = ctx.invoices ? cell(r.invoice?.number ?? "", "invoice") : "";
  return `<tr data-outcome="${escapeHtml(r.outcome)}"><td class="num">${ctx.fmt(r.recordNo)}</td><td class="num">${ctx.fmt(r.line)}</td><td>${badge}</td>${invoice}${cell(r.label.name, "name")}${cell(r.label.vat, "vat")}${cell(r.label.email, "email")}<td>${problemList(r, ctx)}</td></tr>`;
}

function attentionSection(attention: readonly RowResult[], info: HtmlReportInfo, ctx: Ctx): string {
  const { t, fmt } = ctx;
  const rows = attention.slice(0, HTML_ROW_CAP);
  const capped = info.capped || attention.length > HTML_ROW_CAP;
  const heading = `<h2>${escapeHtml(t.attentionHeading)}</h2>`;
  if (rows.length === 0 && !capped)
    return `${heading}<p class="empty" id="no-attention">${escapeHtml(t.noAttention)}</p>`;
  const total = info.attentionTotal ?? (capped ? undefined : rows.length);
  const capNote = capped
    ? `<p class="cap" id="cap-note">${escapeHtml(t.capNote(fmt(rows.length), total === undefined ? undefined : fmt(total), "\u0000")).replace("\u0000", '<a href="results.csv">results.csv</a>')}</p>`
    : "";
  const present = OUTCOMES.filter((o) => rows.some((r) => r.outcome === o));
  const boxes = present
    .map(
      (o) =>
        `<label class="check" title="${escapeHtml(o)}"><input type="checkbox" name="outcome" value="${escapeHtml(o)}" checked> <span class="dot" style="background:${COLORS[o]}"></span>${escapeHtml(outcomeName(o, ctx))} <span class="muted">(${fmt(rows.filter((r) => r.outcome === o).length)})</span></label>`,
    )
    .join("");
  const th = (text: string, cls = "") => `<th${cls === "" ? "" : ` class="${cls}"`}>${escapeHtml(text)}</th>`;
  const columns = [
    th(t.colRecord, "num"),
    th(t.colLine, "num"),
    th(t.colOutcome),
    ...(ctx.invoices ? [th(t.colInvoice), th(t.colClient)] : [th(t.colName)]),
    th(t.colVat),
    th(t.colEmail),
    th(t.colProblems),
  ].join("");
  const shown = t.shown.replace("{n}", fmt(rows.length)).replace("{total}", fmt(rows.length));
  return `${heading}${capNote}
<div class="filters"><input type="search" id="filter" placeholder="${escapeHtml(ctx.invoices ? t.filterPlaceholderInvoices : t.filterPlaceholder)}" aria-label="${escapeHtml(t.filterLabel)}"><div class="checks">${boxes}</div><span id="shown" class="muted" data-template="${escapeHtml(t.shown)}" data-locale="${escapeHtml(t.locale)}">${escapeHtml(shown)}</span></div>
<div class="table-wrap"><table id="rows"><thead><tr>${columns}</tr></thead><tbody>
${rows.map((r) => rowHtml(r, ctx)).join("\n")}
</tbody></table></div>`;
}

/**
 * Text as the page's filter compares it: accents and case ignored ("societe" finds "Société", "MULLER" finds
 * "Müller"), and ß, œ and æ spelled out. The page runs this very function: its source is inlined in the script.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae");
}

// The page's only script: it reads the table and the controls, and takes no data from the report.
const SCRIPT = `(function () {
  var fold = ${foldForSearch.toString()};
  var input = document.getElementById("filter");
  var table = document.getElementById("rows");
  if (!input || !table) return;
  var shown = document.getElementById("shown");
  // The words and the number format come from the page, in its language: the script is the same for every page.
  var template = shown.getAttribute("data-template") || "{n} / {total}";
  var locale = shown.getAttribute("data-locale") || undefined;
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[name="outcome"]'));
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var texts = rows.map(function (row) { return fold(row.textContent); });
  function apply() {
    var words = fold(input.value).split(/\\s+/).filter(Boolean);
    var on = {};
    boxes.forEach(function (b) { on[b.value] = b.checked; });
    var n = 0;
    rows.forEach(function (row, i) {
      var ok = on[row.getAttribute("data-outcome")] === true && words.every(function (w) { return texts[i].indexOf(w) !== -1; });
      row.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = template
      .replace("{n}", n.toLocaleString(locale))
      .replace("{total}", rows.length.toLocaleString(locale));
  }
  // report.html#q=vat_invalid opens the page filtered.
  if (location.hash.indexOf("#q=") === 0) {
    try { input.value = decodeURIComponent(location.hash.slice(3)); } catch (e) { input.value = location.hash.slice(3); }
  }
  input.addEventListener("input", apply);
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  apply();
  table.setAttribute("data-filter-ready", "");
})();`;

const SCRIPT_HASH = createHash("sha256").update(SCRIPT).digest("base64");

const CSS = `
:root { color-scheme: light; --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
a { color: #0969da; }
.sub { color: var(--muted); margin: 0 0 18px; overflow-wrap: anywhere; }
.pill { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; vertical-align: 3px; margin-left: 6px; }
.pill.dry { background: #ddf4ff; color: #0550ae; }
.pill.real { background: #dafbe1; color: #116329; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(130px, 1fr)); gap: 10px; margin-bottom: 10px; }
.tile { border: 1px solid var(--line); border-radius: 8px; padding: 10px 11px; background: var(--bg); min-width: 0; }
.tile .label { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; overflow-wrap: anywhere; }
.tile.outcome .label { text-transform: none; letter-spacing: 0; font-size: 12px; color: var(--fg); }
.tile .value { font-size: 20px; font-weight: 600; margin-top: 2px; overflow-wrap: anywhere; }
.tile .value.small { font-size: 15px; }
.tile .detail { font-size: 12.5px; color: var(--muted); margin-top: 2px; overflow-wrap: anywhere; }
.tile.wide { grid-column: span 2; }
.tile.ok { background: #dafbe1; border-color: #4ac26b; }
.tile.bad { background: #ffebe9; border-color: #ff8182; }
.tile.warn { background: #fff8c5; border-color: #d4a72c; }
.tile.zero { opacity: .55; }
.tile.outcome { border-left: 5px solid var(--c); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 12px 32px; align-items: start; }
.charts h3 { font-size: 14px; margin: 8px 0 6px; color: var(--muted); font-weight: 600; }
.chart { display: block; font: 13px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
.chart .bar-label { fill: var(--fg); font-size: 13px; }
.chart .bar-label.mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.chart .bar-count { fill: var(--fg); font-weight: 600; }
.chart .track { fill: #eaeef2; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--bg); font-size: 12.5px; position: sticky; top: 0; }
td.text { overflow-wrap: anywhere; unicode-bidi: isolate; }
td.name { min-width: 150px; }
td.vat { min-width: 130px; }
td.email { min-width: 200px; }
td.invoice { min-width: 110px; white-space: nowrap; }
#rows { font-size: 13.5px; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.hints { max-width: 1100px; margin-top: 6px; font-size: 13px; }
.sev { font-size: 12px; padding: 0 6px; border-radius: 8px; }
.sev-error { color: #a40e26; }
.sev-warning { color: #7d4e00; }
span.sev-error { background: #ffebe9; }
span.sev-warning { background: #fff8c5; }
.badge { display: inline-block; color: #fff; border-radius: 10px; padding: 0 8px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; }
ul.problems { margin: 0; padding-left: 16px; overflow-wrap: anywhere; unicode-bidi: isolate; }
ul.problems li { margin: 0 0 2px; }
.col { color: var(--muted); }
.muted { color: var(--muted); }
.filters { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: center; margin: 8px 0 10px; }
.filters input[type=search] { flex: 1 1 320px; max-width: 480px; padding: 6px 10px; font: inherit; border: 1px solid var(--line); border-radius: 6px; }
.checks { display: flex; flex-wrap: wrap; gap: 4px 14px; }
.check { white-space: nowrap; cursor: pointer; }
.cap { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: 6px 10px; }
.empty { color: var(--muted); font-style: italic; }
.note { color: var(--muted); font-size: 12.5px; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; overflow-wrap: anywhere; }
tr[hidden] { display: none; }
`;

/**
 * The run's report as one HTML page with no outside asset: summary tiles, two SVG bar charts (outcomes, top
 * problem codes) and a filterable table of the rows that need attention. Pure: the same input gives the same page.
 */
export function renderHtmlReport(
  summary: Summary,
  attention: readonly RowResult[],
  info: HtmlReportInfo,
): string {
  const lang = info.lang ?? "en";
  const t = REPORT_TEXTS[lang];
  // The summary of an invoices run, and only of one, counts its invoices (src/report/reporter.ts).
  const invoices = summary.invoices;
  const ctx: Ctx = {
    lang,
    t,
    fmt: (n) => formatCount(n, lang),
    invoices: invoices !== undefined && summary.rollback === undefined,
  };
  const { fmt } = ctx;
  const rows = summary.input.rows;
  const outcomes = shownOutcomes(summary, ctx);
  const problems = problemChart(summary, ctx);
  const file = summary.input.file;
  const notImported = OUTCOMES.filter((o) => NOT_IMPORTED.has(o)).reduce(
    (a, o) => a + summary.outcomes[o],
    0,
  );
  const rowsDetail = [
    ...(ctx.invoices && invoices !== undefined ? [t.invoicesInAll(fmt(invoices.total), invoices.total)] : []),
    ...(notImported > 0
      ? [
          summary.rollback === undefined
            ? t.notImported(fmt(notImported), notImported)
            : t.notRolledBack(fmt(notImported), notImported),
        ]
      : []),
  ];

  const runTiles = [
    tile(
      summary.rollback === undefined ? t.inputFile : t.runRolledBack,
      `<span class="value small">${escapeHtml(baseName(file))}</span>`,
      `${escapeHtml(file)}<br>sha256 ${escapeHtml(summary.input.sha256.slice(0, 16))}…`,
      "wide",
    ),
    tile(
      ctx.invoices ? t.linesRead : t.rowsRead,
      `<span data-rows>${fmt(rows)}</span>`,
      escapeHtml(rowsDetail.join(", ")),
    ),
    tile(
      t.duration,
      escapeHtml(formatDuration(summary.duration_ms, lang)),
      escapeHtml(t.started(when(summary.started_at))),
    ),
    requestsTile(summary, ctx),
    summary.all_rows_accounted_for
      ? tile(t.accounted, escapeHtml(t.yes), escapeHtml(t.accountedDetail), "ok")
      : tile(t.accounted, escapeHtml(t.noAlarm), escapeHtml(t.notAccountedDetail), "bad"),
    summary.stopped_early === null
      ? tile(t.stoppedEarly, escapeHtml(t.no), escapeHtml(t.ranToEnd), "ok")
      : tile(t.stoppedEarly, escapeHtml(t.yes), escapeHtml(clip(summary.stopped_early, ctx, 1000)), "bad"),
  ].join("");

  const outcomeTile = (o: Outcome, label: string, value: number, detail: string, attrs: string) =>
    `<div class="tile outcome${value === 0 ? " zero" : ""}" style="--c:${COLORS[o]}" ${attrs} title="${escapeHtml(o)}"><div class="label">${escapeHtml(label)}</div><div class="value">${fmt(value)}</div><div class="detail">${escapeHtml(detail)}</div></div>`;
  // An invoices run counts invoices first, their lines second; totals lines ("ignored") belong to no invoice.
  const outcomeTiles =
    ctx.invoices && invoices !== undefined
      ? outcomes
          .filter((o): o is InvoiceTileOutcome => (INVOICE_TILE_OUTCOMES as readonly Outcome[]).includes(o))
          .map((o) =>
            o === "ignored"
              ? outcomeTile(o, t.invoiceTiles[o], summary.outcomes[o], "", `data-outcome-count="${o}"`)
              : outcomeTile(
                  o,
                  t.invoiceTiles[o],
                  invoices.outcomes[o],
                  t.lines(fmt(summary.outcomes[o]), summary.outcomes[o]),
                  `data-invoice-count="${o}" data-lines="${summary.outcomes[o]}"`,
                ),
          )
          .join("")
      : outcomes
          .map((o) =>
            outcomeTile(
              o,
              t.outcomes[o],
              summary.outcomes[o],
              t.descriptions[o],
              `data-outcome-count="${o}"`,
            ),
          )
          .join("");

  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${SCRIPT_HASH}'; base-uri 'none'; form-action 'none'`;
  const footer = escapeHtml(t.footer(info.reportDir, "\u0000", "\u0001"))
    .replace("\u0000", '<a href="results.csv">results.csv</a>')
    .replace("\u0001", '<a href="summary.json">summary.json</a>');

  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title(summary.tool.name, baseName(file)))}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(baseName(file))}<span class="pill ${summary.dry_run ? "dry" : "real"}">${escapeHtml(pill(summary, t))}</span></h1>
<p class="sub">${escapeHtml(`${summary.tool.name} ${summary.tool.version} · ${when(summary.started_at)} → ${when(summary.finished_at)}`)}</p>
</header>
<section><div class="tiles run">${runTiles}</div></section>
<section><h2>${escapeHtml(ctx.invoices ? t.invoicesHeading : t.outcomesHeading)}</h2><div class="tiles">${outcomeTiles}</div>
<div class="charts"><div><h3>${escapeHtml(ctx.invoices ? t.linesPerOutcome : t.rowsPerOutcome)}</h3>${outcomeChart(summary, outcomes, ctx)}</div><div><h3>${escapeHtml(t.frequentProblems)}</h3>${problems.chart}</div></div>
${problems.hints}</section>
<section>${attentionSection(attention, info, ctx)}</section>
<footer>${footer}</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
