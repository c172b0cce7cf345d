import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { problem, type ProblemCode } from "../src/problems.js";
import { HTML_ROW_CAP, needsAttention, renderHtmlReport } from "../src/report/html.js";
import { IMPORT_OUTCOMES, OUTCOMES, type Outcome, type RowResult } from "../src/report/outcome.js";
import type { Summary } from "../src/report/summary.js";

const run = promisify(execFile);

function row(
  recordNo: number,
  outcome: Outcome,
  codes: ProblemCode[] = [],
  name = `Client ${recordNo}`,
): RowResult {
  return {
    recordNo,
    line: recordNo + 1,
    outcome,
    problems: codes.map((c) => problem(c, `message for ${c}`, "Col")),
    label: { name, vat: `FR0000000000${recordNo}`, email: `c${recordNo}@example.com` },
  };
}

/** A summary counted from the rows, as the Reporter counts it. */
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
    options: { token: "must-not-appear" },
    outcomes,
    all_rows_accounted_for: true,
    problems: Object.fromEntries(Object.entries(problems).sort((a, b) => b[1] - a[1])),
    requests: { total: 1234, retries: 7, rate_limited: 2, by_status: { "201": 1200, "429": 2 } },
    started_at: "2026-03-14T09:21:07.412Z",
    finished_at: "2026-03-14T09:24:51.918Z",
    duration_ms: 224_506,
    stopped_early: null,
    ...over,
  };
}

function sampleRows(): RowResult[] {
  const rows: RowResult[] = [];
  for (let i = 1; i <= 60; i++) {
    if (i % 7 === 0) rows.push(row(i, "invalid", ["vat_check_digits"]));
    else if (i % 11 === 0) rows.push(row(i, "needs_review", ["matches_several_clients"]));
    else if (i % 13 === 0) rows.push(row(i, "failed", ["api_failed"]));
    else if (i % 5 === 0) rows.push(row(i, "created", ["phone_invalid"]));
    else if (i % 17 === 0) rows.push(row(i, "duplicate_in_file", ["duplicate_in_file"]));
    else if (i % 3 === 0) rows.push(row(i, "updated"));
    else rows.push(row(i, "created"));
  }
  return rows;
}

const info = { reportDir: "reports/20260314-092107-clients", capped: false };

/** Every start tag of the page: escaped cell text has no "<", so each one is the renderer's own. */
const tags = (html: string) => [...html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)];
const attributes = (html: string) =>
  tags(html).flatMap((t) => [...(t[2] ?? "").matchAll(/([^\s=/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)]);

const HOSTILE = {
  name: "<script>alert(1)</script>",
  vat: '"onmouseover="alert(2)',
  email: "'><img src=x onerror=alert(3)>",
};

describe("report.html", () => {
  it("escapes every value taken from the input", () => {
    const rows = sampleRows();
    rows.push({
      recordNo: 61,
      line: 62,
      outcome: "invalid",
      label: HOSTILE,
      problems: [
        {
          code: "name_too_long",
          severity: "error",
          column: '"><svg onload=alert(4)>',
          message: "</td></tr><iframe>",
        },
      ],
    });
    const summary = summaryOf(rows, {
      input: { file: "/tmp/<b>evil</b>.csv", sha256: "<i>", rows: rows.length },
      stopped_early: "<script>alert(5)</script>",
    });
    summary.problems["<unknown_code onclick=x>"] = 1;
    const html = renderHtmlReport(summary, rows.filter(needsAttention), {
      ...info,
      reportDir: "</footer><script>alert(6)</script>",
    });

    // The page's own script is its only one, and no tag from a cell made it through.
    expect(html.match(/<script/gi)).toHaveLength(1);
    for (const bad of ["img", "svg onload", "iframe", "b>evil", "i>"]) expect(html).not.toContain(`<${bad}`);
    expect(tags(html).map((t) => t[1]!.toLowerCase())).not.toContain("iframe");
    // No event handler attribute: the values that tried to open one are text.
    expect(attributes(html).filter((a) => /^on/i.test(a[1]!))).toEqual([]);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&quot;onmouseover=&quot;alert(2)");
    expect(html).toContain("&#39;&gt;&lt;img src=x onerror=alert(3)&gt;");
    expect(html).toContain("&lt;/td&gt;&lt;/tr&gt;&lt;iframe&gt;");
    expect(html).toContain("&lt;script&gt;alert(5)&lt;/script&gt;");
    // The options (where a secret could be) are not shown.
    expect(html).not.toContain("must-not-appear");
  });

  it("lets only its own script run: the Content-Security-Policy names its hash and allows no fetch", () => {
    const html = renderHtmlReport(summaryOf(sampleRows()), sampleRows().filter(needsAttention), info);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/
      .exec(html)?.[1]
      ?.replace(/&#39;/g, "'");
    expect(csp).toBeDefined();
    expect(csp).toContain("default-src 'none'");
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
    const hash = createHash("sha256").update(script).digest("base64");
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
  });

  it("shows the summary's counts", () => {
    const rows = sampleRows();
    const summary = summaryOf(rows);
    const html = renderHtmlReport(summary, rows.filter(needsAttention), info);
    for (const o of IMPORT_OUTCOMES) {
      const tile = new RegExp(
        `data-outcome-count="${o}"[^>]*><div class="label">[^<]+</div><div class="value">([\\d,]+)<`,
      ).exec(html);
      if (summary.outcomes[o] === 0 && (o === "would_create" || o === "would_update" || o === "not_sent")) {
        // A real import does not show a dry run's outcomes, nor "not sent" when it was not interrupted.
        expect(tile).toBeNull();
        continue;
      }
      expect(Number(tile?.[1]?.replace(/,/g, "")), o).toBe(summary.outcomes[o]);
    }
    expect(html).toContain(`<span data-rows>${rows.length}</span>`);
    expect(html).toContain(`<span data-requests="total">1,234</span>`);
    expect(html).toContain("7 retried, 2 rate-limited (429)");
    expect(html).toContain("3 min 45 s");
    expect(html).toMatch(/All rows accounted for<\/div><div class="value">yes/);
    expect(html).toMatch(/Stopped early<\/div><div class="value">no/);
    // Problem codes, with their hints, most frequent first.
    expect(html).toContain("The VAT number&#39;s check digits do not match");
    expect(html.indexOf("<code>vat_check_digits</code>")).toBeGreaterThan(-1);
    expect(html.indexOf("<code>phone_invalid</code>")).toBeLessThan(html.indexOf("<code>api_failed</code>"));
    // The table lists the rows needing attention, and only them.
    const listed = html.match(/<tr data-outcome=/g) ?? [];
    expect(listed).toHaveLength(rows.filter(needsAttention).length);
    expect(html).not.toContain("Client 1<"); // created, no warning
    expect(html).toContain("Client 5<"); // created with a warning
    expect(html).not.toContain('id="cap-note"');
  });

  it("says when the run stopped early, when rows are unaccounted for, and a dry run's outcomes", () => {
    const rows = [
      row(1, "would_create"),
      row(2, "invalid", ["email_invalid"]),
      row(3, "failed", ["not_attempted"]),
    ];
    const html = renderHtmlReport(
      summaryOf(rows, {
        dry_run: true,
        requests: null,
        all_rows_accounted_for: false,
        stopped_early: "Qonto refused the credentials (401)",
      }),
      rows.filter(needsAttention),
      info,
    );
    expect(html).toMatch(
      /Stopped early<\/div><div class="value">yes<\/div><div class="detail">Qonto refused the credentials \(401\)/,
    );
    expect(html).toMatch(/All rows accounted for<\/div><div class="value">NO/);
    expect(html).toContain("dry run: nothing sent to Qonto");
    expect(html).toContain('data-outcome-count="would_create"');
    expect(html).not.toContain('data-outcome-count="created"');
    expect(html).toMatch(/Requests to Qonto<\/div><div class="value">none/);
  });

  it("shows a rollback's outcomes, and not an import's, in a rollback's report (and no rollback outcome in an import's)", () => {
    const rows = [
      row(1, "would_delete"),
      row(2, "would_restore"),
      row(3, "left_changed", ["changed_since_import"]),
      row(4, "nothing_to_undo"),
    ];
    const rollback = { of: "/data/reports/run", import_complete: true, force: false, invoices_runs: [] };
    const html = renderHtmlReport(
      summaryOf(rows, { dry_run: true, rollback }),
      rows.filter(needsAttention),
      info,
    );
    expect(html).toContain("rollback plan: nothing changed in Qonto");
    for (const o of ["would_delete", "would_restore", "left_changed", "already_gone", "refused_invoices"])
      expect(html).toContain(`data-outcome-count="${o}"`);
    for (const o of ["would_create", "created", "invalid", "deleted"])
      expect(html).not.toContain(`data-outcome-count="${o}"`);
    expect(html).toContain("1 not rolled back");
    const imported = renderHtmlReport(summaryOf(sampleRows()), [], info);
    expect(imported).not.toContain('data-outcome-count="deleted"');
    expect(imported).not.toContain('data-outcome-count="nothing_to_undo"');
  });

  it("loads nothing from outside: no external URL in any src or href", () => {
    const rows = sampleRows();
    rows.push({
      ...row(99, "invalid", ["email_invalid"]),
      label: { name: '<a href="https://evil.example/">x</a>', vat: "", email: "//evil" },
    });
    const html = renderHtmlReport(summaryOf(rows), rows.filter(needsAttention), info);
    const links = attributes(html).filter((a) => /^(src|href|action|xlink:href|srcset|data)$/i.test(a[1]!));
    for (const a of links)
      expect(a[2]!.replace(/^["']|["']$/g, "")).not.toMatch(/^(\w+:)?\/\/|^(https?|ftp|data|javascript):/i);
    expect(links.map((a) => a[2])).toEqual(['"results.csv"', '"summary.json"']);
    expect(html).not.toMatch(/https?:\/\/(?!evil\.example\/&quot;)/); // only the escaped cell text has one
    expect(html).not.toMatch(/<link|@import|url\(/i);
  });

  it("caps the table and says so", () => {
    const rows = Array.from({ length: HTML_ROW_CAP + 250 }, (_, i) => row(i + 1, "invalid", ["vat_invalid"]));
    const summary = summaryOf(rows);
    const html = renderHtmlReport(summary, rows.slice(0, HTML_ROW_CAP), {
      ...info,
      capped: true,
      attentionTotal: rows.length,
    });
    expect(html.match(/<tr data-outcome=/g)).toHaveLength(HTML_ROW_CAP);
    expect(html).toContain("Only the first 5,000 rows that need attention are listed here (of 5,250)");
    expect(html).toContain('<a href="results.csv">results.csv</a> has every row');
    expect(html).toMatch(/<div class="label">Invalid<\/div><div class="value">5,250</);

    // Given more rows than the cap, the page still lists only the cap, and says so.
    const over = renderHtmlReport(summary, rows, { ...info, capped: false });
    expect(over.match(/<tr data-outcome=/g)).toHaveLength(HTML_ROW_CAP);
    expect(over).toContain('id="cap-note"');
  });

  it("renders an empty run", () => {
    const html = renderHtmlReport(summaryOf([], { requests: null, duration_ms: 12 }), [], info);
    expect(html).toContain("No rows were read.");
    expect(html).toContain("No problems were found.");
    expect(html).toContain("No row needs attention");
    expect(html).not.toContain('id="rows"');
    expect(html).toContain("<span data-rows>0</span>");
    expect(html).toContain("0.0 s");
    expect(html).toMatch(/<\/html>\n$/);
  });

  it("picks the rows that need attention", () => {
    expect(needsAttention(row(1, "invalid", ["name_missing"]))).toBe(true);
    expect(needsAttention(row(2, "needs_review", ["matches_several_clients"]))).toBe(true);
    expect(needsAttention(row(3, "failed", ["api_rejected"]))).toBe(true);
    expect(needsAttention(row(4, "created", ["not_invoiceable"]))).toBe(true);
    expect(needsAttention(row(5, "created"))).toBe(false);
    expect(needsAttention(row(6, "skipped_existing"))).toBe(false);
  });
});

const NAMES = ["chromium", "chromium-browser", "google-chrome"];

/**
 * The browser for the test below: CHROMIUM if set (a missing file is an error, not a reason to skip), else the first
 * of NAMES on PATH. With none, the test is skipped on a developer's machine but fails in CI (env CI, which .ci/run
 * sets): CI must run it every time.
 */
function findChromium(env: NodeJS.ProcessEnv): { path: string } | { error: string } | undefined {
  const fromEnv = env["CHROMIUM"];
  if (fromEnv !== undefined && fromEnv !== "")
    return existsSync(fromEnv)
      ? { path: fromEnv }
      : { error: `CHROMIUM is set to ${JSON.stringify(fromEnv)}, but there is no such file` };
  for (const dir of (env["PATH"] ?? "").split(delimiter))
    for (const name of NAMES) if (dir !== "" && existsSync(join(dir, name))) return { path: join(dir, name) };
  const ci = env["CI"];
  if (ci !== undefined && ci !== "" && ci !== "false" && ci !== "0")
    return {
      error: `no browser in CI: none of ${NAMES.join(", ")} is on PATH and CHROMIUM is not set (.ci/run installs the Debian package chromium)`,
    };
  return undefined;
}

describe("finding the browser", () => {
  const here = process.execPath;
  it.each([
    ["CHROMIUM names a file", { CHROMIUM: here, PATH: "" }, { path: here }],
    ["CHROMIUM names no file", { CHROMIUM: "/nonexistent/chromium", PATH: "" }, "error"],
    ["CHROMIUM names no file, in CI", { CHROMIUM: "/nonexistent/chromium", CI: "1", PATH: "" }, "error"],
    ["nothing found, outside CI", { PATH: "" }, undefined],
    ["nothing found, CI=false", { PATH: "", CI: "false" }, undefined],
    ["nothing found, in CI", { PATH: "", CI: "1" }, "error"],
    ["nothing found, in CI (CI=true)", { PATH: "", CI: "true" }, "error"],
  ] as const)("%s", (_, env, expected) => {
    const found = findChromium(env);
    if (expected === "error") expect(found).toMatchObject({ error: expect.any(String) });
    else expect(found).toEqual(expected);
  });
});

const browser = findChromium(process.env);

describe("report.html in headless Chromium", () => {
  it.skipIf(browser === undefined)("loads, runs its filter under its own CSP, and renders", async () => {
    if (browser === undefined || "error" in browser) throw new Error(browser?.error ?? "no browser");
    const chromium = browser.path;
    const dir = await mkdtemp(join(tmpdir(), "report-html-"));
    try {
      const rows = sampleRows();
      rows.push({ ...row(61, "invalid", ["name_too_long"]), label: HOSTILE });
      const attention = rows.filter(needsAttention);
      const page = join(dir, "report.html");
      await writeFile(page, renderHtmlReport(summaryOf(rows), attention, info));
      const flags = [
        "--headless",
        ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        `--user-data-dir=${join(dir, "profile")}`,
      ];
      const url = pathToFileURL(page).href;

      // #q= opens the page filtered: the script ran (its hash is allowed) and hid the other rows.
      const { stdout: dom } = await run(chromium, [...flags, "--dump-dom", `${url}#q=vat_check_digits`], {
        timeout: 60_000,
        maxBuffer: 32 << 20,
      });
      expect(dom).toContain(`<table id="rows" data-filter-ready="">`);
      const listed = dom.match(/<tr data-outcome="[^"]+"( hidden="")?>/g) ?? [];
      expect(listed).toHaveLength(attention.length);
      const visible = listed.filter((t) => !t.includes("hidden"));
      expect(visible).toHaveLength(
        rows.filter((r) => r.problems.some((p) => p.code === "vat_check_digits")).length,
      );
      // The hostile cell is still text in the live DOM.
      expect(dom).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
      expect(dom.match(/<script/g)).toHaveLength(1);

      const png = join(dir, "report.png");
      await run(
        chromium,
        [...flags, "--hide-scrollbars", `--screenshot=${png}`, "--window-size=1280,1600", url],
        {
          timeout: 60_000,
        },
      );
      expect((await stat(png)).size).toBeGreaterThan(20_000);
      expect((await readFile(png)).subarray(1, 4).toString()).toBe("PNG");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(browser === undefined)(
    "cuts no chart label and overflows no page width, in German and French, for clients and invoices",
    async () => {
      if (browser === undefined || "error" in browser) throw new Error(browser?.error ?? "no browser");
      const dir = await mkdtemp(join(tmpdir(), "report-layout-"));
      try {
        // The longest problem codes, and an invoices run's outcomes.
        const codes: ProblemCode[] = [
          "invoice_number_duplicate_in_file",
          "kind_freelancer_not_allowed",
          "einvoicing_address_invalid",
          "performance_period_invalid",
        ];
        const rows = [
          ...codes.map((c, i) => ({ ...row(i + 1, "invalid", [c]), invoice: { number: `F-${i}`, item: 1 } })),
          row(10, "created"),
          row(11, "skipped_existing"),
          row(12, "failed", ["api_failed"]),
          row(13, "ignored", ["summary_row"]),
        ];
        const invoices = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
        invoices.invalid = 4;
        invoices.created = 1;
        invoices.skipped_existing = 1;
        invoices.failed = 1;
        const pages = [
          ["de-invoices", summaryOf(rows, { invoices: { total: 7, outcomes: invoices } }), "de"],
          ["fr-clients", summaryOf([...sampleRows(), ...rows]), "fr"],
          [
            "de-rollback",
            summaryOf([row(1, "refused_invoices"), row(2, "nothing_to_undo"), row(3, "left_changed")], {
              rollback: { of: "x", import_complete: true, force: false, invoices_runs: [] },
            }),
            "de",
          ],
        ] as const;
        // The page's own CSP lets only its script run: the copy measured here drops it for a measuring script.
        const measure = `<script>
          var cut = [];
          document.querySelectorAll("svg.chart").forEach(function (svg) {
            var width = svg.viewBox.baseVal.width;
            svg.querySelectorAll("text").forEach(function (t) {
              var b = t.getBBox();
              if (b.x < -0.5 || b.x + b.width > width + 0.5) cut.push(t.textContent + " at " + Math.round(b.x) + "+" + Math.round(b.width) + " of " + width);
            });
          });
          if (document.documentElement.scrollWidth > window.innerWidth) cut.push("page " + document.documentElement.scrollWidth + " wide");
          document.body.setAttribute("data-cut", JSON.stringify(cut));
        </script>`;
        for (const [name, summary, lang] of pages) {
          const page = join(dir, `${name}.html`);
          const html = renderHtmlReport(summary, rows.filter(needsAttention), { ...info, lang })
            .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, "")
            .replace("</body>", `${measure}</body>`);
          await writeFile(page, html);
          const { stdout: dom } = await run(
            browser.path,
            [
              "--headless",
              ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
              "--disable-gpu",
              "--no-first-run",
              "--disable-background-networking",
              "--disable-component-update",
              "--disable-sync",
              "--hide-scrollbars",
              "--window-size=1280,1600",
              `--user-data-dir=${join(dir, "profile")}`,
              "--dump-dom",
              pathToFileURL(page).href,
            ],
            { timeout: 60_000, maxBuffer: 32 << 20 },
          );
          const cut = /<body data-cut="([^"]*)"/.exec(dom)?.[1]?.replace(/&quot;/g, '"');
          expect(cut, name).toBeDefined();
          expect(JSON.parse(cut ?? "null"), name).toEqual([]);
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
