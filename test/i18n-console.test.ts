import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator, type RunningEmulator } from "../src/emulator/index.js";
import { CONSOLE_TEXTS, type ConsoleTexts } from "../src/i18n/console.js";
import { formatDuration } from "../src/i18n/duration.js";
import { LANGS, type Lang } from "../src/i18n/lang.js";
import { formatSummary } from "../src/report/console.js";
import { OUTCOMES, type Outcome } from "../src/report/outcome.js";
import type { Summary } from "../src/report/summary.js";
import { runCli } from "./helpers/cli.js";

const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
const ENV = { QONTO_LOGIN: KEY.login, QONTO_SECRET_KEY: KEY.secretKey };
const OTHERS = LANGS.filter((l): l is Exclude<Lang, "en"> => l !== "en");

// Every text a language has, rendered: what a person may read.
function rendered(t: ConsoleTexts): Record<string, string> {
  const r = t.rollback;
  return {
    ...Object.fromEntries(Object.entries(t.labels).map(([k, v]) => [`labels.${k}`, v])),
    ...Object.fromEntries(Object.entries(r.labels).map(([k, v]) => [`rollback.labels.${k}`, v])),
    problemsHeadingCut: t.problemsHeading(5, 12),
    problemsHeading: t.problemsHeading(5, 5),
    headlineDry: t.headline(true, 2, "f.csv"),
    headline: t.headline(false, 1, "f.csv"),
    accounted: t.accounted(3),
    notAccounted: t.notAccounted,
    frequentProblems: t.frequentProblems,
    invoices: t.invoices,
    requests: t.requests(10, 1, "42 s"),
    stoppedEarly: t.stoppedEarly,
    report: t.report("r"),
    next: t.next,
    nothingLeft: t.nothingLeft,
    runAgain: t.runAgain,
    fixPlanned1: t.fixPlanned(1, "r/results.csv", "cmd"),
    fixPlanned: t.fixPlanned(2, "r/results.csv", "cmd"),
    fixErrors1: t.fixErrors(1, "r/errors.csv", "cmd"),
    fixErrors: t.fixErrors(2, "r/errors.csv", "cmd"),
    refused1: t.refused(1),
    refused: t.refused(2),
    importInvoices: t.importInvoices,
    carryOutPlan: t.carryOutPlan("cmd"),
    "rollback.headlinePlan": r.headline(true, "run", 2),
    "rollback.headline": r.headline(false, "run", 1),
    "rollback.more": r.more(4),
    "rollback.deleteWarning": r.deleteWarning,
    "rollback.noneInQonto": r.noneInQonto,
    "rollback.notAccounted": r.notAccounted,
    "rollback.report": r.report("r"),
    "rollback.carryOut": r.carryOut("cmd"),
    "rollback.checkLeftAlone": r.checkLeftAlone,
    "rollback.seeWhy": r.seeWhy(2, "r/results.csv"),
    ...progressTexts(t),
  };
}

// The progress display's words, counts given as the display formats them.
function progressTexts(t: ConsoleTexts): Record<string, string> {
  const p = t.progress;
  const c = { created: 1, updated: 2, skipped: 3, invalid: 4, failed: 5, notSent: 6 };
  return {
    "progress.window": p.window("9,000", "10 min"),
    "progress.pause": p.pause,
    "progress.resumes": p.resumes("14:02", "11,000"),
    "progress.resumesNoTotal": p.resumes("14:02", undefined),
    "progress.rows": p.rows("5"),
    "progress.rowsOf": p.rowsOf("5", "10", 50),
    "progress.counts": p.counts(c, String),
    "progress.parked": p.parked("2"),
    "progress.eta": p.eta("3 min 00 s"),
    "progress.interrupted": p.interrupted,
    "progress.stopped": p.stopped,
  };
}

describe("the console's texts in every language", () => {
  const english = rendered(CONSOLE_TEXTS.en);

  it("English labels every outcome", () => {
    for (const outcome of OUTCOMES) expect(CONSOLE_TEXTS.en.labels[outcome]).not.toBe("");
  });

  it.each(OTHERS)("%s has every text, none empty and none left in English", (lang) => {
    const texts = rendered(CONSOLE_TEXTS[lang]);
    expect(Object.keys(texts).sort()).toEqual(Object.keys(english).sort());
    const untranslated = Object.entries(texts).filter(
      ([key, text]) => text.trim() === "" || text === english[key],
    );
    expect(untranslated).toEqual([]);
    for (const text of Object.values(CONSOLE_TEXTS[lang].invoiceLabels)) expect(text?.trim()).not.toBe("");
  });

  it.each(OTHERS)("%s keeps the names people type or search in English", (lang) => {
    const t = CONSOLE_TEXTS[lang];
    expect(t.fixErrors(2, "r/errors.csv", "qonto-import clients r/errors.csv")).toContain(
      "qonto-import clients r/errors.csv",
    );
    expect(t.importInvoices).toContain("--dry-run");
    expect(t.rollback.checkLeftAlone).toContain("--force");
    expect(t.problemsHeading(1, 2)).toContain("results.csv");
  });
});

describe("formatDuration", () => {
  it.each<[number, Lang, string]>([
    [0, "en", "0.0 s"],
    [Number.NaN, "en", "0.0 s"],
    [800, "en", "0.8 s"],
    [800, "fr", "0,8 s"],
    [9_400, "de", "9,4 s"],
    [9_960, "en", "10 s"],
    [42_000, "it", "42 s"],
    [59_600, "en", "1 min 00 s"],
    [65_000, "es", "1 min 05 s"],
    [1_221_400, "en", "20 min 21 s"],
    [3_599_600, "en", "1 h 00 min"],
    [3_900_000, "fr", "1 h 05 min"],
    [26 * 3_600_000 + 59 * 60_000 + 40_000, "de", "27 h 00 min"],
  ])("%d ms in %s → %s", (ms, lang, text) => {
    expect(formatDuration(ms, lang)).toBe(text);
  });

  it("the summary says a long run's time in minutes", () => {
    const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
    const summary: Summary = {
      tool: { name: "qonto-import", version: "0" },
      input: { file: "f.csv", sha256: "", rows: 1 },
      dry_run: false,
      options: {},
      outcomes: { ...outcomes, created: 1 },
      all_rows_accounted_for: true,
      problems: {},
      requests: { total: 812, retries: 3, rate_limited: 0, by_status: {} },
      started_at: "",
      finished_at: "",
      duration_ms: 1_221_400,
      stopped_early: null,
    };
    expect(formatSummary(summary, "r")).toContain("Requests to Qonto: 812 (3 retried) in 20 min 21 s");
    expect(formatSummary(summary, "r", undefined, "de")).toContain(
      "Anfragen an Qonto: 812 (3 wiederholt) in 20 min 21 s",
    );
  });
});

describe("the summary of a real run in the language asked for", () => {
  let emulator: RunningEmulator;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    emulator = await startEmulator();
    dir = await mkdtemp(join(tmpdir(), "qonto-i18n-"));
    file = join(dir, "clients.csv");
    await writeFile(
      file,
      [
        "Type,Raison sociale,Email,Adresse,Code postal,Ville,Pays",
        "Société,ACME SARL,compta@acme.fr,1 rue de la Paix,75002,Paris,France",
        "Société,,pas-un-email,,,,France",
      ].join("\n") + "\n",
    );
  });
  afterAll(async () => {
    await emulator.close();
  });
  const run = (args: string[], env: Record<string, string> = {}) =>
    runCli(
      [
        "clients",
        file,
        "--dry-run",
        "--base-url",
        emulator.url,
        "--report-dir",
        join(dir, "reports"),
        ...args,
      ],
      { ...ENV, ...env },
    );

  it("--lang fr: a French summary, codes and file names left as they are", async () => {
    const result = await run(["--lang", "fr"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^Simulation \(rien n'a été envoyé à Qonto\) : 2 lignes lues dans .*clients\.csv$/m,
    );
    expect(result.stderr).toMatch(/^ {2}1 {2}seraient créés$/m);
    expect(result.stderr).toMatch(/^ {2}1 {2}invalides \(non envoyés\)$/m);
    expect(result.stderr).toContain(
      "Chaque ligne a exactement un résultat (2 en entrée, 2 dans le rapport).",
    );
    expect(result.stderr).toMatch(/^Ensuite : corrigez la ligne de .*errors\.csv/m);
    expect(result.stderr).toMatch(/^ {10}pour exécuter ce plan : qonto-import apply .*plan\.json$/m);
    expect(result.stderr).not.toContain("Dry run");
  });

  it("LANG=de_DE.UTF-8: a German summary without --lang", async () => {
    const result = await run([], { LANG: "de_DE.UTF-8" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^Probelauf \(nichts an Qonto gesendet\): 2 Zeilen aus .*clients\.csv gelesen$/m,
    );
    expect(result.stderr).toMatch(/^ {2}1 {2}würden angelegt$/m);
    expect(result.stderr).toMatch(/^Bericht: .* \(report\.html im Browser öffnen\)$/m);
    expect(result.stderr).toMatch(/^Als Nächstes: 1 Zeile in .*errors\.csv korrigieren/m);
  });

  it("no language in the environment: English, as before", async () => {
    const result = await run([]);
    expect(result.stderr).toMatch(/^Dry run \(nothing sent to Qonto\): 2 rows read from /m);
    expect(result.stderr).toMatch(/^ {2}1 {2}would be created$/m);
  });

  it("--lang xx exits 2 with a one-line error", async () => {
    const result = await run(["--lang", "xx"]);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toEqual(['qonto-import: --lang must be one of en, fr, it, es, de (got "xx")']);
  });
});
