// Issue 20: report.html's filter ignores accents and case, and the page gives durations in minutes and hours.
// The filter is tested twice: its folding function alone, and the page's own script run on a stand-in DOM, so
// the test covers the code the browser runs (the function's source is inlined in that script).
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { problem } from "../src/problems.js";
import { formatDuration } from "../src/i18n/duration.js";
import { foldForSearch, renderHtmlReport } from "../src/report/html.js";
import { OUTCOMES, type Outcome, type RowResult } from "../src/report/outcome.js";
import type { Summary } from "../src/report/summary.js";

const row = (recordNo: number, name: string, vat = "", email = ""): RowResult => ({
  recordNo,
  line: recordNo + 1,
  outcome: "invalid",
  problems: [problem("country_unknown", `"Atlantide" is not a country we know`, "Pays")],
  label: { name, vat, email },
});

function summaryOf(rows: readonly RowResult[], durationMs = 1000): Summary {
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const r of rows) outcomes[r.outcome] += 1;
  return {
    tool: { name: "qonto-import", version: "9.9.9" },
    input: { file: "/data/clients.csv", sha256: "ab".repeat(32), rows: rows.length },
    dry_run: false,
    options: {},
    outcomes,
    all_rows_accounted_for: true,
    problems: { country_unknown: rows.length },
    requests: null,
    started_at: "2026-03-14T09:21:07.412Z",
    finished_at: "2026-03-14T09:24:51.918Z",
    duration_ms: durationMs,
    stopped_early: null,
  };
}

const info = { reportDir: "reports/x", capped: false };

describe("the filter's folding", () => {
  it.each([
    { query: "societe", text: "Société Générale", found: true },
    { query: "MULLER", text: "Bureau Müller GmbH", found: true },
    { query: "müller", text: "MULLER SARL", found: true },
    { query: "Strasse", text: "Hauptstraße 5", found: true },
    { query: "coeur", text: "Sacré-Cœur", found: true },
    { query: "nunez", text: "Núñez Pérez", found: true },
    { query: "ÇA", text: "ça va", found: true },
    { query: "fr 12", text: "FR 12 345678901", found: true },
    { query: "dupond", text: "Dupont", found: false },
  ])('"$query" in "$text": $found', ({ query, text, found }) => {
    expect(foldForSearch(text).includes(foldForSearch(query))).toBe(found);
  });
});

interface FakeRow {
  textContent: string;
  hidden: boolean;
  getAttribute(name: string): string | null;
}

/** Runs the page's script against a stand-in of its table and controls; returns the rows' names left visible. */
function filterPage(rows: readonly RowResult[], query: string): string[] {
  const html = renderHtmlReport(summaryOf(rows), rows, info);
  const script = html.match(/<script>([\s\S]*?)<\/script>/)?.[1];
  expect(script).toBeDefined();
  const trs: FakeRow[] = rows.map((r) => ({
    // What the row's cells read: its name, VAT, e-mail and problems.
    textContent: `${r.recordNo} ${r.line} ${r.outcome} ${r.label.name} ${r.label.vat} ${r.label.email} ${r.problems.map((p) => `${p.code} ${p.message}`).join(" ")}`,
    hidden: false,
    getAttribute: (name) => (name === "data-outcome" ? r.outcome : null),
  }));
  const input = { value: query, addEventListener: () => undefined };
  const elements: Record<string, unknown> = {
    filter: input,
    rows: { tBodies: [{ rows: trs }], setAttribute: () => undefined },
    shown: { textContent: "", getAttribute: () => null },
  };
  const box = { value: "invalid", checked: true, addEventListener: () => undefined };
  const document = { getElementById: (id: string) => elements[id], querySelectorAll: () => [box] };
  runInNewContext(script ?? "", { document, location: { hash: "" } });
  return rows.filter((_, i) => trs[i]?.hidden === false).map((r) => r.label.name);
}

describe("report.html's filter, as the page runs it", () => {
  const rows = [
    row(1, "Société Générale", "FR 47 402032452"),
    row(2, "Bureau Müller GmbH", "DE999999999", "kontakt@mueller.de"),
    row(3, "Dupont SARL"),
  ];
  it.each([
    { query: "societe", shown: ["Société Générale"] },
    { query: "MULLER", shown: ["Bureau Müller GmbH"] },
    { query: "de999999999", shown: ["Bureau Müller GmbH"] },
    { query: "ATLANTIDE sarl", shown: ["Dupont SARL"] },
    { query: "", shown: ["Société Générale", "Bureau Müller GmbH", "Dupont SARL"] },
  ])('"$query" shows $shown', ({ query, shown }) => {
    expect(filterPage(rows, query)).toEqual(shown);
  });
});

describe("durations", () => {
  it.each([
    { ms: 420, text: "0.4 s" },
    { ms: 4_230, text: "4.2 s" },
    { ms: 42_000, text: "42 s" },
    { ms: 59_600, text: "1 min 00 s" },
    { ms: 224_506, text: "3 min 45 s" },
    { ms: 1_221_400, text: "20 min 21 s" },
    { ms: 3_900_000, text: "1 h 05 min" },
    { ms: 26 * 3_600_000 + 30 * 60_000, text: "26 h 30 min" },
  ])("$ms ms → $text", ({ ms, text }) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it("the report's Duration tile says it so", () => {
    const html = renderHtmlReport(summaryOf([row(1, "A")], 1_221_400), [], info);
    expect(html).toMatch(/Duration<\/div><div class="value">20 min 21 s</);
  });
});

describe("the report's 'what to do' column in the run's language", () => {
  it.each([
    ["en", "Use an ISO country code"],
    ["fr", "Indiquez un code pays ISO"],
  ] as const)("%s", (lang, start) => {
    const html = renderHtmlReport(summaryOf([row(1, "A")]), [], { ...info, lang });
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain(`<td>${start}`);
  });
});
