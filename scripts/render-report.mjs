#!/usr/bin/env node
// Renders a sample report.html from a made-up run, and a screenshot of it in headless Chromium when one is found.
//
//   npm run build && node scripts/render-report.mjs [out-dir] [--png docs/report.png]
//
// The page goes to out-dir (default: a new temporary folder); the screenshot to out-dir/report.png, or to the
// --png path. Chromium is looked up as $CHROMIUM, then chromium, chromium-browser, google-chrome on the PATH.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(import.meta.dirname, "..");
const built = join(root, "dist/src/report/html.js");
if (!existsSync(built)) {
  console.error(`${built} is missing: run npm run build first.`);
  process.exit(2);
}
const { renderHtmlReport, needsAttention, HTML_ROW_CAP } = await import(pathToFileURL(built).href);
const { OUTCOMES } = await import(pathToFileURL(join(root, "dist/src/report/outcome.js")).href);

const args = process.argv.slice(2);
const pngAt = args.indexOf("--png");
const png = pngAt === -1 ? undefined : resolve(args[pngAt + 1] ?? "report.png");
const positional = args.filter((_, i) => i !== pngAt && i !== pngAt + 1);
const outDir = positional[0] ? resolve(positional[0]) : mkdtempSync(join(tmpdir(), "qonto-report-"));
mkdirSync(outDir, { recursive: true });

// A made-up import of 1,240 rows: mostly created, some invalid, a few to review, one failure, warnings.
const problem = (code, severity, message, column) => ({
  code,
  severity,
  message,
  ...(column ? { column } : {}),
});
const companies = [
  "Boulangerie Martin",
  "Studio Rossi",
  "Atelier Dubois",
  "Ferramenta Bianchi",
  "Café Lefèvre",
];
const rows = [];
for (let i = 1; i <= 1240; i++) {
  const name = `${companies[i % companies.length]} ${i}`;
  const label = {
    name,
    vat: `FR${String(10 + (i % 89)).padStart(2, "0")}${String(400000000 + i)}`,
    email: `contact${i}@example.com`,
  };
  const row = { recordNo: i, line: i + 1, outcome: "created", problems: [], label };
  if (i % 29 === 0) {
    row.outcome = "invalid";
    row.problems.push(
      problem("vat_check_digits", "error", `check digits of ${label.vat} do not match`, "TVA"),
    );
  } else if (i % 47 === 0) {
    row.outcome = "invalid";
    label.email = "contact@@example";
    row.problems.push(
      problem("email_invalid", "error", `"${label.email}" is not an e-mail address`, "E-mail"),
    );
  } else if (i % 97 === 0) {
    row.outcome = "needs_review";
    row.problems.push(
      problem(
        "matches_several_clients",
        "error",
        "matches 2 existing Qonto clients (by VAT number); nothing was changed",
      ),
    );
  } else if (i % 13 === 0) {
    row.problems.push(
      problem("phone_invalid", "warning", "+33 12 not a valid phone number; left out", "Téléphone"),
    );
  } else if (i % 17 === 0) {
    row.problems.push(
      problem("not_invoiceable", "warning", "no street or zip code: the client cannot be invoiced yet"),
    );
  } else if (i % 61 === 0) {
    row.outcome = "skipped_existing";
  } else if (i % 31 === 0) {
    row.outcome = "duplicate_in_file";
    row.problems.push(
      problem(
        "duplicate_in_file",
        "warning",
        `same client as record ${i - 1}; only record ${i - 1} is imported`,
      ),
    );
  } else if (i % 19 === 0) {
    row.outcome = "updated";
  } else if (i % 23 === 0) {
    row.outcome = "unchanged";
  }
  rows.push(row);
}
// Cells that try to break out of the page: they must show as text.
rows[2] = {
  ...rows[2],
  outcome: "invalid",
  label: {
    name: "<script>alert(1)</script>",
    vat: '"onmouseover="alert(2)',
    email: "<img src=x onerror=alert(3)>",
  },
  problems: [problem("name_too_long", "error", "<b>not bold</b> & not a tag", "<Nom>")],
};
rows[5] = {
  ...rows[5],
  outcome: "failed",
  problems: [problem("api_failed", "error", "POST /v2/clients: 503 Service Unavailable after 8 tries")],
};

const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0]));
const problems = {};
for (const r of rows) {
  outcomes[r.outcome] += 1;
  for (const p of r.problems) problems[p.code] = (problems[p.code] ?? 0) + 1;
}
const summary = {
  tool: { name: "qonto-import", version: "0.1.0" },
  input: {
    file: "/home/claire/exports/clients-2026.csv",
    sha256: "9f2c4e1a7b3d5c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a",
    rows: rows.length,
  },
  dry_run: false,
  options: {},
  outcomes,
  all_rows_accounted_for: true,
  problems: Object.fromEntries(Object.entries(problems).sort((a, b) => b[1] - a[1])),
  requests: { total: 1318, retries: 14, rate_limited: 3, by_status: { 200: 91, 201: 1138, 429: 3, 503: 8 } },
  started_at: "2026-03-14T09:21:07.412Z",
  finished_at: "2026-03-14T09:24:51.918Z",
  duration_ms: 224506,
  stopped_early: null,
};

const attention = rows.filter(needsAttention);
const html = renderHtmlReport(summary, attention.slice(0, HTML_ROW_CAP), {
  reportDir: join("reports", "20260314-092107-clients-2026"),
  capped: attention.length > HTML_ROW_CAP,
  attentionTotal: attention.length,
});
const page = join(outDir, "report.html");
writeFileSync(page, html);
console.log(`${page} (${attention.length} rows need attention)`);

function findChromium() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const dir of (process.env.PATH ?? "").split(delimiter))
    for (const name of ["chromium", "chromium-browser", "google-chrome"])
      if (dir && existsSync(join(dir, name))) return join(dir, name);
  return undefined;
}

const chromium = findChromium();
if (chromium === undefined) {
  console.log("No Chromium found: no screenshot.");
} else {
  const shot = png ?? join(outDir, "report.png");
  const profile = mkdtempSync(join(tmpdir(), "qonto-report-chromium-"));
  execFileSync(
    chromium,
    [
      "--headless",
      ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--hide-scrollbars",
      `--user-data-dir=${profile}`,
      `--screenshot=${shot}`,
      "--window-size=1280,1600",
      pathToFileURL(page).href,
    ],
    { stdio: ["ignore", "ignore", "pipe"], timeout: 60_000 },
  );
  console.log(shot);
}
