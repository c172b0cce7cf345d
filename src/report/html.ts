import { createHash } from "node:crypto";
import type { Lang } from "../i18n/lang.js";
import { problemHint } from "../i18n/problems.js";
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
  /** The language of the "what to do" hints (English when not given). */
  lang?: Lang;
}

const DESCRIPTIONS: Record<Outcome, string> = {
  created: "created in Qonto",
  updated: "updated in Qonto",
  unchanged: "already up to date",
  skipped_existing: "already in Qonto, skipped",
  duplicate_in_file: "duplicate of an earlier row",
  needs_review: "matches several clients",
  invalid: "invalid, not sent",
  failed: "failed",
  would_create: "would be created",
  would_update: "would be updated",
  ignored: "totals line or repeated header",
  deleted: "created by the import, deleted",
  restored: "updated by the import, old values back",
  already_gone: "no longer in Qonto",
  left_changed: "changed since the import, left alone",
  refused_invoices: "has imported invoices, not deleted",
  nothing_to_undo: "not written by the import",
  would_delete: "would be deleted",
  would_restore: "would be restored",
};

const COLORS: Record<Outcome, string> = {
  created: "#1a7f37",
  updated: "#0969da",
  unchanged: "#8c959f",
  skipped_existing: "#6e7781",
  duplicate_in_file: "#8250df",
  needs_review: "#bf8700",
  invalid: "#d1242f",
  failed: "#82071e",
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

const clip = (value: string, max = MAX_CELL): string =>
  value.length > max ? `${value.slice(0, max)}… (${fmt(value.length)} characters in all)` : value;

const fmt = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

const when = (iso: string): string =>
  iso
    .replace("T", " ")
    .replace(/\.\d+Z$/, " UTC")
    .replace(/Z$/, " UTC");

const baseName = (path: string): string => path.split(/[\\/]/).pop() || path;

/** Outcomes worth a tile and a bar: every one that happened, and the ones this kind of run can produce. */
function shownOutcomes(summary: Summary): Outcome[] {
  const hidden: readonly Outcome[] = summary.dry_run
    ? ["created", "updated", "deleted", "restored"]
    : ["would_create", "would_update", "would_delete", "would_restore"];
  const possible: readonly Outcome[] = summary.rollback === undefined ? IMPORT_OUTCOMES : ROLLBACK_OUTCOMES;
  return OUTCOMES.filter((o) => summary.outcomes[o] > 0 || (possible.includes(o) && !hidden.includes(o)));
}

function pill(summary: Summary): string {
  if (summary.rollback !== undefined)
    return summary.dry_run ? "rollback plan: nothing changed in Qonto" : "rollback";
  return summary.dry_run ? "dry run: nothing sent to Qonto" : "import";
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

/** A horizontal bar chart in inline SVG; the text is escaped, the numbers are numbers. */
function barChart(bars: readonly Bar[], ariaLabel: string, labelWidth: number): string {
  const width = 600;
  const rowHeight = 28;
  const countWidth = 64;
  const barSpace = width - labelWidth - countWidth;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * rowHeight + 8;
  const rows = bars.map((b, i) => {
    const y = 4 + i * rowHeight;
    const w = b.value === 0 ? 0 : Math.max(2, Math.round((b.value / max) * barSpace));
    return (
      `<g><title>${escapeHtml(b.title)}</title>` +
      `<text x="${labelWidth - 8}" y="${y + 18}" text-anchor="end" class="bar-label">${escapeHtml(b.label)}</text>` +
      `<rect x="${labelWidth}" y="${y + 4}" width="${barSpace}" height="${rowHeight - 8}" rx="3" class="track"/>` +
      `<rect x="${labelWidth}" y="${y + 4}" width="${w}" height="${rowHeight - 8}" rx="3" fill="${escapeHtml(b.color)}"/>` +
      `<text x="${labelWidth + w + 6}" y="${y + 18}" class="bar-count">${fmt(b.value)}</text></g>`
    );
  });
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(ariaLabel)}">${rows.join("")}</svg>`;
}

function outcomeChart(summary: Summary, outcomes: readonly Outcome[]): string {
  if (summary.input.rows === 0) return `<p class="empty">No rows were read.</p>`;
  return barChart(
    outcomes.map((o) => ({
      label: o,
      value: summary.outcomes[o],
      color: COLORS[o],
      title: `${o}: ${summary.outcomes[o]} (${DESCRIPTIONS[o]})`,
    })),
    "Rows per outcome",
    150,
  );
}

function hintOf(code: string, lang: Lang): { severity: string; hint: string } {
  return Object.hasOwn(PROBLEMS, code)
    ? { severity: PROBLEMS[code as keyof typeof PROBLEMS].severity, hint: problemHint(code, lang) }
    : { severity: "", hint: "" };
}

function problemChart(summary: Summary, lang: Lang): { chart: string; hints: string } {
  const entries = Object.entries(summary.problems)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return { chart: `<p class="empty">No problems were found.</p>`, hints: "" };
  const top = entries.slice(0, HTML_TOP_PROBLEMS);
  const chart = barChart(
    top.map(([code, n]) => {
      const { severity, hint } = hintOf(code, lang);
      return {
        label: code,
        value: n,
        color: severity === "warning" ? "#d4a72c" : "#cf222e",
        title: `${code}: ${n}. ${hint}`,
      };
    }),
    "Most frequent problem codes",
    200,
  );
  const legend = top
    .map(([code, n]) => {
      const { severity, hint } = hintOf(code, lang);
      return `<tr><td><code>${escapeHtml(code)}</code></td><td class="num">${fmt(n)}</td><td><span class="sev sev-${severity === "warning" ? "warning" : "error"}">${escapeHtml(severity)}</span></td><td lang="${lang}">${escapeHtml(hint)}</td></tr>`;
    })
    .join("");
  const more =
    entries.length > top.length
      ? `<p class="note">${fmt(entries.length - top.length)} more problem code${entries.length - top.length === 1 ? "" : "s"}; summary.json counts them all.</p>`
      : "";
  return {
    chart,
    hints: `<table class="hints"><thead><tr><th>problem code</th><th class="num">count</th><th>severity</th><th>what to do</th></tr></thead><tbody>${legend}</tbody></table>${more}`,
  };
}

function requestsTile(summary: Summary): string {
  const r = summary.requests;
  if (r === null) return tile("Requests to Qonto", "none", summary.dry_run ? "dry run: nothing sent" : "");
  const parts = [`${fmt(r.retries)} retried`];
  if (r.rate_limited > 0) parts.push(`${fmt(r.rate_limited)} rate-limited (429)`);
  const statuses = Object.entries(r.by_status)
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([status, n]) => `${escapeHtml(status)}: ${fmt(n)}`)
    .join(" · ");
  return tile(
    "Requests to Qonto",
    `<span data-requests="total">${fmt(r.total)}</span>`,
    escapeHtml(parts.join(", ")) + (statuses === "" ? "" : `<br><span class="muted">HTTP ${statuses}</span>`),
    "wide",
  );
}

function problemList(result: RowResult): string {
  if (result.problems.length === 0) return "";
  return `<ul class="problems">${result.problems
    .map(
      (p) =>
        `<li><code class="sev-${p.severity === "warning" ? "warning" : "error"}">${escapeHtml(p.code)}</code> ${
          p.column === undefined ? "" : `<span class="col">[${escapeHtml(clip(p.column, 100))}]</span> `
        }${escapeHtml(clip(p.message, 1000))}</li>`,
    )
    .join("")}</ul>`;
}

function rowHtml(r: RowResult): string {
  const cell = (v: string, cls: string) => `<td class="text ${cls}">${escapeHtml(clip(v))}</td>`;
  return `<tr data-outcome="${escapeHtml(r.outcome)}"><td class="num">${fmt(r.recordNo)}</td><td class="num">${fmt(r.line)}</td><td><span class="badge" style="background:${COLORS[r.outcome] ?? "#6e7781"}">${escapeHtml(r.outcome)}</span></td>${cell(r.label.name, "name")}${cell(r.label.vat, "vat")}${cell(r.label.email, "email")}<td>${problemList(r)}</td></tr>`;
}

function attentionSection(attention: readonly RowResult[], info: HtmlReportInfo): string {
  const rows = attention.slice(0, HTML_ROW_CAP);
  const capped = info.capped || attention.length > HTML_ROW_CAP;
  const heading = `<h2>Rows that need attention</h2>`;
  if (rows.length === 0 && !capped)
    return `${heading}<p class="empty" id="no-attention">No row needs attention: nothing invalid, to review or failed, and no warning.</p>`;
  const total = info.attentionTotal ?? (capped ? undefined : rows.length);
  const capNote = capped
    ? `<p class="cap" id="cap-note">Only the first ${fmt(rows.length)} rows that need attention are listed here${
        total === undefined ? "" : ` (of ${fmt(total)})`
      }; <a href="results.csv">results.csv</a> has every row.</p>`
    : "";
  const present = OUTCOMES.filter((o) => rows.some((r) => r.outcome === o));
  const boxes = present
    .map(
      (o) =>
        `<label class="check"><input type="checkbox" name="outcome" value="${escapeHtml(o)}" checked> <span class="dot" style="background:${COLORS[o]}"></span>${escapeHtml(o)} <span class="muted">(${fmt(rows.filter((r) => r.outcome === o).length)})</span></label>`,
    )
    .join("");
  return `${heading}${capNote}
<div class="filters"><input type="search" id="filter" placeholder="Filter: name, VAT, e-mail, problem code or message…" aria-label="Filter rows"><div class="checks">${boxes}</div><span id="shown" class="muted">${fmt(rows.length)} of ${fmt(rows.length)} rows shown</span></div>
<div class="table-wrap"><table id="rows"><thead><tr><th class="num">record</th><th class="num">line</th><th>outcome</th><th>name</th><th>VAT</th><th>e-mail</th><th>problems</th></tr></thead><tbody>
${rows.map(rowHtml).join("\n")}
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
    shown.textContent = n.toLocaleString("en-US") + " of " + rows.length.toLocaleString("en-US") + " rows shown";
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
.chart { display: block; max-width: 640px; font: 13px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
.chart .bar-label { fill: var(--fg); font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.chart .bar-count { fill: var(--fg); font-weight: 600; }
.chart .track { fill: #eaeef2; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--bg); font-size: 12.5px; position: sticky; top: 0; }
td.text { overflow-wrap: anywhere; unicode-bidi: isolate; }
td.name { min-width: 150px; }
td.vat { min-width: 130px; }
td.email { min-width: 200px; }
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
  const rows = summary.input.rows;
  const outcomes = shownOutcomes(summary);
  const problems = problemChart(summary, info.lang ?? "en");
  const file = summary.input.file;
  const notImported = OUTCOMES.filter((o) => NOT_IMPORTED.has(o)).reduce(
    (a, o) => a + summary.outcomes[o],
    0,
  );

  const runTiles = [
    tile(
      summary.rollback === undefined ? "Input file" : "Run rolled back",
      `<span class="value small">${escapeHtml(baseName(file))}</span>`,
      `${escapeHtml(file)}<br>sha256 ${escapeHtml(summary.input.sha256.slice(0, 16))}…`,
      "wide",
    ),
    tile(
      "Rows read",
      `<span data-rows>${fmt(rows)}</span>`,
      notImported > 0
        ? `${fmt(notImported)} ${summary.rollback === undefined ? "not imported" : "not rolled back"}`
        : "",
    ),
    tile(
      "Duration",
      escapeHtml(formatDuration(summary.duration_ms)),
      escapeHtml(`started ${when(summary.started_at)}`),
    ),
    requestsTile(summary),
    summary.all_rows_accounted_for
      ? tile("All rows accounted for", "yes", "every row has exactly one outcome", "ok")
      : tile(
          "All rows accounted for",
          "NO",
          "the outcomes do not add up to the rows read: please report this as a bug",
          "bad",
        ),
    summary.stopped_early === null
      ? tile("Stopped early", "no", "the run went to the end", "ok")
      : tile("Stopped early", "yes", escapeHtml(clip(summary.stopped_early, 1000)), "bad"),
  ].join("");

  const outcomeTiles = outcomes
    .map(
      (o) =>
        `<div class="tile outcome${summary.outcomes[o] === 0 ? " zero" : ""}" style="--c:${COLORS[o]}" data-outcome-count="${escapeHtml(o)}"><div class="label">${escapeHtml(o)}</div><div class="value">${fmt(summary.outcomes[o])}</div><div class="detail">${escapeHtml(DESCRIPTIONS[o])}</div></div>`,
    )
    .join("");

  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${SCRIPT_HASH}'; base-uri 'none'; form-action 'none'`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${summary.tool.name} report: ${baseName(file)}`)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(baseName(file))}<span class="pill ${summary.dry_run ? "dry" : "real"}">${pill(summary)}</span></h1>
<p class="sub">${escapeHtml(`${summary.tool.name} ${summary.tool.version} · ${when(summary.started_at)} → ${when(summary.finished_at)}`)}</p>
</header>
<section><div class="tiles run">${runTiles}</div></section>
<section><h2>Outcomes</h2><div class="tiles">${outcomeTiles}</div>
<div class="charts"><div><h3>Rows per outcome</h3>${outcomeChart(summary, outcomes)}</div><div><h3>Most frequent problems</h3>${problems.chart}</div></div>
${problems.hints}</section>
<section>${attentionSection(attention, info)}</section>
<footer>Report folder: ${escapeHtml(info.reportDir)} · every row is in <a href="results.csv">results.csv</a>, the counts in <a href="summary.json">summary.json</a>.</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
