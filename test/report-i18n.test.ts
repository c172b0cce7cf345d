// Issue 20: report.html in the run's language, and an invoices run's report shaped for invoices.
import { describe, expect, it } from "vitest";
import { LANGS, type Lang } from "../src/i18n/lang.js";
import { formatCount, REPORT_TEXTS, type ReportTexts } from "../src/i18n/report.js";
import { problem, type ProblemCode } from "../src/problems.js";
import { HTML_ROW_CAP, needsAttention, renderHtmlReport, wrapLabel } from "../src/report/html.js";
import { OUTCOMES, type Outcome, type RowResult } from "../src/report/outcome.js";
import type { Summary } from "../src/report/summary.js";

function row(recordNo: number, outcome: Outcome, codes: ProblemCode[] = [], invoice?: string): RowResult {
  return {
    recordNo,
    line: recordNo + 1,
    outcome,
    // Messages and names a French user's file would hold: the page's own words are what is checked.
    problems: codes.map((c) => problem(c, "valeur refusée", "Colonne")),
    label: { name: `Société ${recordNo}`, vat: `FR0000000000${recordNo}`, email: `c${recordNo}@exemple.fr` },
    ...(invoice === undefined ? {} : { invoice: { number: invoice, item: 1 } }),
  };
}

function summaryOf(rows: readonly RowResult[], over: Partial<Summary> = {}): Summary {
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const problems: Record<string, number> = {};
  for (const r of rows) {
    outcomes[r.outcome] += 1;
    for (const p of r.problems) problems[p.code] = (problems[p.code] ?? 0) + 1;
  }
  return {
    tool: { name: "qonto-import", version: "9.9.9" },
    input: { file: "/data/clients.csv", sha256: "ab".repeat(32), rows: rows.length },
    dry_run: false,
    options: {},
    outcomes,
    all_rows_accounted_for: true,
    problems,
    requests: { total: 12_345, retries: 7, rate_limited: 2, by_status: { "201": 12_336, "429": 2 } },
    started_at: "2026-03-14T09:21:07.412Z",
    finished_at: "2026-03-14T09:24:51.918Z",
    duration_ms: 224_506,
    stopped_early: null,
    ...over,
  };
}

const info = { reportDir: "rapports/20260314-092107-clients", capped: false };

const clientRows = (): RowResult[] => [
  row(1, "created"),
  row(2, "updated"),
  row(3, "invalid", ["vat_check_digits"]),
  row(4, "needs_review", ["matches_several_clients"]),
  row(5, "failed", ["api_failed"]),
  row(6, "created", ["phone_invalid"]),
  row(7, "duplicate_in_file", ["duplicate_in_file"]),
  row(8, "skipped_existing"),
  ...Array.from({ length: 12 }, (_, i) => row(9 + i, "invalid", [`country_unknown`])),
];

/** An invoices run: 3 invoices created (5 lines), 1 skipped (2 lines), 1 invalid (1 line). */
function invoiceRun(over: Partial<Summary> = {}): { summary: Summary; rows: RowResult[] } {
  const rows = [
    row(1, "created", [], "F-2026-001"),
    row(2, "created", [], "F-2026-001"),
    row(3, "created", [], "F-2026-002"),
    row(4, "created", [], "F-2026-003"),
    row(5, "created", ["invoice_client_unresolved"], "F-2026-003"),
    row(6, "skipped_existing", [], "F-2025-117"),
    row(7, "skipped_existing", [], "F-2025-117"),
    row(8, "invalid", ["invoice_number_duplicate_in_file"], "F-2026-004"),
  ];
  const invoiceOutcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  invoiceOutcomes.created = 3;
  invoiceOutcomes.skipped_existing = 1;
  invoiceOutcomes.invalid = 1;
  const summary = summaryOf(rows, {
    input: { file: "/data/factures.csv", sha256: "cd".repeat(32), rows: rows.length },
    invoices: { total: 5, outcomes: invoiceOutcomes },
    ...over,
  });
  return { summary, rows };
}

/** Every kind of page: an import, a dry run that stopped early, a capped table, a rollback, an invoices run, none. */
function pages(lang: Lang): string[] {
  const rows = clientRows();
  const attention = rows.filter(needsAttention);
  const rollbackRows = [row(1, "deleted"), row(2, "left_changed", ["changed_since_import"])];
  const invoices = invoiceRun();
  const many = Array.from({ length: HTML_ROW_CAP + 3 }, (_, i) => row(i + 1, "invalid", ["vat_invalid"]));
  return [
    renderHtmlReport(summaryOf(rows), attention, { ...info, lang }),
    renderHtmlReport(
      summaryOf(rows, {
        dry_run: true,
        requests: null,
        all_rows_accounted_for: false,
        stopped_early: "Qonto a refusé les identifiants (401)",
      }),
      attention,
      { ...info, lang },
    ),
    renderHtmlReport(summaryOf(many), many.slice(0, HTML_ROW_CAP), {
      ...info,
      lang,
      capped: true,
      attentionTotal: many.length,
    }),
    renderHtmlReport(
      summaryOf(rollbackRows, {
        dry_run: true,
        rollback: { of: "rapports/x", import_complete: true, force: false, invoices_runs: [] },
      }),
      rollbackRows.filter(needsAttention),
      { ...info, lang },
    ),
    renderHtmlReport(invoices.summary, invoices.rows.filter(needsAttention), { ...info, lang }),
    renderHtmlReport(invoices.summary, [], { ...info, lang }),
    renderHtmlReport(summaryOf([], { requests: null }), [], { ...info, lang }),
  ];
}

/** What a person reads on the page: its text and the attributes shown to them, without problem codes. */
function readable(html: string): string {
  const attrs = [...html.matchAll(/\s(?:placeholder|aria-label|data-template)="([^"]*)"/g)].map((m) => m[1]);
  const text = html
    .replace(/<(script|style|title)[\s\S]*?<\/\1>/g, " ")
    .replace(/<code[^>]*>[\s\S]*?<\/code>/g, " ")
    // The problem chart's labels are problem codes, in a monospace class of their own.
    .replace(/<text[^>]*class="bar-label mono"[^>]*>[\s\S]*?<\/text>/g, " ")
    .replace(/<[^>]+>/g, " ");
  return [text, ...attrs, /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? ""]
    .join(" ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

// The page's fixed English texts, as the English page says them.
const ENGLISH = [
  "Input file",
  "Run rolled back",
  "Rows read",
  "Lines read",
  "not imported",
  "not rolled back",
  "Duration",
  "started",
  "Requests to Qonto",
  "retried",
  "rate-limited",
  "All rows accounted for",
  "every row has exactly one outcome",
  "please report this as a bug",
  "Stopped early",
  "the run went to the end",
  "dry run",
  "nothing sent",
  "rollback plan",
  "Outcomes",
  "Rows per outcome",
  "Lines per outcome",
  "Most frequent problems",
  "No rows were read",
  "No problems were found",
  "problem code",
  "severity",
  "what to do",
  "warning",
  "Rows that need attention",
  "No row needs attention",
  "Only the first",
  "has every row",
  "Filter",
  "rows shown",
  "record",
  "outcome",
  "VAT",
  "problems",
  "invoice",
  "Invoices",
  "Report folder",
  "every row is in",
  "the counts in",
  "report",
  "Created",
  "Updated",
  "Unchanged",
  "Already in Qonto",
  "Duplicates",
  "To review",
  "Failed",
  "Would be created",
  "Ignored",
  "Deleted",
  "Left alone",
  "created in Qonto",
  "already up to date",
  "matches several clients",
  "not sent",
  "totals line",
  "changed since the import",
  "Invoices created",
  "Invalid invoices",
  "lines",
  "yes",
];

describe("report.html in the run's language", () => {
  it.each(["fr", "de"] as const)("%s: no English fixed text is left on any page", (lang) => {
    const left = new Set<string>();
    for (const html of pages(lang)) {
      const text = readable(html);
      for (const english of ENGLISH)
        if (new RegExp(`(^|[^\\p{L}_-])${english}(?![\\p{L}_-])`, "iu").test(text)) left.add(english);
    }
    expect([...left]).toEqual([]);
  });

  it("the English page still says them (the list above is the page's own words)", () => {
    const text = pages("en").map(readable).join(" ");
    const missing = ENGLISH.filter((e) => !new RegExp(`(^|[^\\p{L}_-])${e}(?![\\p{L}_-])`, "iu").test(text));
    expect(missing).toEqual([]);
  });

  it.each(LANGS)("%s: <html lang> says the page's language", (lang) => {
    for (const html of pages(lang)) expect(html).toContain(`<html lang="${lang}">`);
  });

  it.each([
    ["en", "12,345", "5,000"],
    ["fr", "12\u202f345", "5\u202f000"],
    ["it", "12.345", "5000"], // as Italian (CLDR) groups from five digits on
    ["es", "12.345", "5000"], // Spanish groups from five digits on
    ["de", "12.345", "5.000"],
  ] as const)("%s writes counts as %s", (lang, requests, cap) => {
    const [page, , capped] = pages(lang);
    expect(page).toContain(`<span data-requests="total">${requests}</span>`);
    expect(capped).toContain(cap);
    expect(formatCount(12_345, lang)).toBe(requests);
  });

  it("dates stay ISO, problem codes, outcome values and file names stay English", () => {
    const [page] = pages("de");
    expect(page).toContain("2026-03-14 09:21:07 UTC");
    expect(page).toContain("<code>vat_check_digits</code>");
    expect(page).toContain('value="needs_review"');
    expect(page).toContain('<tr data-outcome="invalid">');
    expect(page).toContain('<a href="results.csv">results.csv</a>');
    expect(page).toContain('<a href="summary.json">summary.json</a>');
    // The words around them are German.
    expect(page).toContain("Zeilen, die Aufmerksamkeit erfordern");
    expect(page).toContain('data-template="{n} von {total} Zeilen angezeigt"');
  });
});

/** Every text of a table, as the page would show it: functions called with sample arguments. */
function leaves(t: ReportTexts): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: unknown, path: string) => {
    if (typeof value === "string") out.set(path, value);
    else if (typeof value === "function") {
      const f = value as (...args: unknown[]) => unknown;
      for (const count of [1, 2, 5]) walk(f(String(count), count, String(count)), `${path}(${count})`);
    } else if (typeof value === "object" && value !== null)
      for (const [k, v] of Object.entries(value)) walk(v, path === "" ? k : `${path}.${k}`);
  };
  walk(t, "");
  return out;
}

// Texts a language writes as English does: the same word (e-mail, client, import, no…) or a code-like value.
const SAME_AS_ENGLISH: Record<Exclude<Lang, "en">, readonly string[]> = {
  fr: ["pillImport", "colEmail", "colClient"],
  it: ["no", "noAlarm", "colRecord", "colEmail"],
  es: ["no", "noAlarm", "severity.error"],
  de: [],
};

describe("the report's texts", () => {
  const english = leaves(REPORT_TEXTS.en);

  it.each(LANGS)("%s: every text is there and not empty", (lang) => {
    const texts = leaves(REPORT_TEXTS[lang]);
    // The type makes every key required; this catches an empty string or a function returning one.
    for (const [path, text] of texts) expect(text.trim(), path).not.toBe("");
    for (const path of english.keys())
      if (!path.startsWith("lineOutcomes")) expect(texts.has(path), path).toBe(true);
  });

  it.each(["fr", "it", "es", "de"] as const)("%s: each text is translated, not left English", (lang) => {
    const texts = leaves(REPORT_TEXTS[lang]);
    const same = [...english]
      .filter(([path, text]) => path !== "locale" && texts.get(path) === text)
      .map(([path]) => path.replace(/\(\d\)$/, ""));
    expect([...new Set(same)].sort()).toEqual([...SAME_AS_ENGLISH[lang]].sort());
  });

  it.each(LANGS)("%s: the filter's template has both numbers", (lang) => {
    expect(REPORT_TEXTS[lang].shown).toContain("{n}");
    expect(REPORT_TEXTS[lang].shown).toContain("{total}");
  });
});

describe("an invoices run's report", () => {
  const { summary, rows } = invoiceRun();
  const html = renderHtmlReport(summary, rows, info);

  it("counts invoices on its tiles, with their lines as the second figure", () => {
    const tile = (o: string) =>
      new RegExp(
        `data-invoice-count="${o}"[^>]*><div class="label">([^<]+)</div><div class="value">(\\d+)</div><div class="detail">([^<]+)<`,
      )
        .exec(html)
        ?.slice(1);
    expect(tile("created")).toEqual(["Invoices created", "3", "5 lines"]);
    expect(tile("skipped_existing")).toEqual(["Invoices already in Qonto", "1", "2 lines"]);
    expect(tile("invalid")).toEqual(["Invalid invoices", "1", "1 line"]);
    expect(html).toMatch(
      /Lines read<\/div><div class="value"><span data-rows>8<\/span><\/div><div class="detail">5 invoices, 1 not imported/,
    );
  });

  it("has no client-only tile", () => {
    for (const o of ["updated", "unchanged", "needs_review", "duplicate_in_file", "would_update"])
      expect(html).not.toMatch(new RegExp(`data-(outcome|invoice)-count="${o}"`));
  });

  it("lists each row's invoice number in a column of its own", () => {
    expect(html).toMatch(/<th>outcome<\/th><th>invoice<\/th><th>client<\/th>/);
    expect(html).toContain('placeholder="Filter: invoice, client, VAT');
    expect(html).toContain('<td class="text invoice">F-2026-004</td><td class="text name">Société 8</td>');
  });

  it("in French too", () => {
    const fr = renderHtmlReport(summary, rows, { ...info, lang: "fr" });
    expect(fr).toMatch(
      /data-invoice-count="created"[^>]*><div class="label">Factures créées<\/div><div class="value">3<\/div><div class="detail">5 lignes</,
    );
    expect(fr).toMatch(/<th>résultat<\/th><th>facture<\/th><th>client<\/th>/);
    expect(fr).toContain("Lignes par résultat");
  });

  it("a clients run has no invoice column", () => {
    const clients = renderHtmlReport(summaryOf(clientRows()), clientRows(), info);
    expect(clients).not.toContain("<th>invoice</th>");
    expect(clients).toContain('placeholder="Filter: name, VAT');
    expect(clients).not.toContain("data-invoice-count");
    expect(clients).toContain('data-outcome-count="needs_review"');
  });
});

describe("chart labels", () => {
  it.each([
    ["invoice_number_duplicate_in_file", 30, ["invoice_number_duplicate_in_", "file"]],
    ["Nichts rückgängig zu machen", 30, ["Nichts rückgängig zu machen"]],
    ["Plus présents dans Qonto depuis longtemps", 30, ["Plus présents dans Qonto", "depuis longtemps"]],
    ["abcdefghij", 4, ["abcd", "efgh", "ij"]],
    ["", 30, [""]],
  ] as const)("%s wraps into %j", (label, max, lines) => {
    expect(wrapLabel(label, max)).toEqual(lines);
  });

  it("the label column is as wide as the longest label line: the longest code is not drawn left of the chart", () => {
    const { summary, rows } = invoiceRun();
    const html = renderHtmlReport(summary, rows, info);
    const svgs = [...html.matchAll(/<svg class="chart" viewBox="0 0 (\d+) \d+"[\s\S]*?<\/svg>/g)];
    expect(svgs).toHaveLength(2);
    for (const svg of svgs) {
      const width = Number(svg[1]);
      const spans = [...svg[0].matchAll(/<tspan x="([\d.]+)"[^>]*>([^<]*)<\/tspan>/g)];
      expect(spans.length).toBeGreaterThan(0);
      for (const t of spans) {
        // 7.6 px a character is a monospace font's 0.6 em at 12.5 px.
        expect(Number(t[1]) - t[2]!.length * 7.6, t[2]).toBeGreaterThanOrEqual(0);
        expect(Number(t[1])).toBeLessThan(width);
      }
    }
  });
});
