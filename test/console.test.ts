import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator } from "../src/emulator/index.js";
import { progressLine } from "../src/report/progress.js";
import { runCli } from "./helpers/cli.js";
import { toCsv } from "./helpers/data.js";

const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
const ENV = { QONTO_LOGIN: KEY.login, QONTO_SECRET_KEY: KEY.secretKey };

describe("progress when stderr is not a terminal", () => {
  it.each([
    [
      { phase: "rows", done: 1200, total: 3000, label: "rows imported" },
      10_000,
      "progress: 1200/3000 rows imported (40 %), 120/s, ETA 15 s",
    ],
    [
      { phase: "existing", done: 500, total: 20_000 },
      5_000,
      "progress: 500/20000 existing clients read (3 %), 100/s, ETA 3 min 15 s",
    ],
    [
      { phase: "rows", done: 80, total: undefined, label: "rows checked" },
      1_000,
      "progress: 80 rows checked, 80/s",
    ],
  ] as const)("%j after %d ms reads %j", (event, elapsed, line) => {
    expect(progressLine(event, elapsed)).toBe(line);
  });

  it("prints a short line at a steady interval during an import, and a summary saying what to do next", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-prog-"));
    const rows = Array.from({ length: 600 }, (_, i) => [
      `Entreprise ${i}`,
      i === 7 ? "pas-un-email" : `c${i}@example.fr`,
    ]);
    await writeFile(join(dir, "big.csv"), toCsv(["Raison sociale", "Email"], rows));
    const emulator = await startEmulator({ faults: { seed: 1, latencyMs: [5, 10] } });
    try {
      const result = await runCli(
        [
          "clients",
          join(dir, "big.csv"),
          "--base-url",
          emulator.url,
          "--report-dir",
          join(dir, "r"),
          "--concurrency",
          "2",
        ],
        { ...ENV, QONTO_IMPORT_PROGRESS_MS: "300" },
      );
      // Reading the file and Qonto's clients may take longer than one interval on a slow machine: then a line
      // about the existing clients comes first.
      const progress = result.stderr
        .split("\n")
        .filter((l) => l.startsWith("progress: ") && !/^progress: \d+ existing clients read, \d+\/s/.test(l));
      expect(progress.length).toBeGreaterThan(1);
      for (const line of progress)
        expect(line).toMatch(/^progress: \d+\/600 rows imported \(\d+ %\), \d+\/s, ETA /);
      // No bar drawing in a log: no escape codes, no carriage returns.
      expect(result.stderr).not.toMatch(/\x1b\[|\r/);
      expect(result.stderr).toMatch(/Next: fix 1 row in .*errors\.csv/);
      expect(result.code).toBe(1);
    } finally {
      await emulator.close();
    }
  }, 60_000);
});

describe("--json and the secret", () => {
  it("prints only the summary as JSON on stdout, and the secret appears in no output or file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-json-"));
    await writeFile(join(dir, "c.csv"), "Raison sociale;Email\nACME;a@acme.fr\nBeta;pas-un-email\n");
    const emulator = await startEmulator();
    try {
      const reports = join(dir, "r");
      const result = await runCli(
        ["clients", join(dir, "c.csv"), "--base-url", emulator.url, "--report-dir", reports, "--json"],
        ENV,
      );
      const summary = JSON.parse(result.stdout) as Record<string, unknown>;
      expect(Object.keys(summary).sort()).toEqual(
        [
          "all_rows_accounted_for",
          "dry_run",
          "duration_ms",
          "finished_at",
          "input",
          "options",
          "outcomes",
          "problems",
          "report_dir",
          "requests",
          "started_at",
          "stopped_early",
          "tool",
        ].sort(),
      );
      expect(summary.outcomes).toMatchObject({ created: 1, invalid: 1 });
      expect(summary.options).toMatchObject({ auth: "api_key", staging_token: "absent" });
      const [run] = await readdir(reports);
      const texts = await Promise.all(
        (await readdir(join(reports, run!))).map((f) => readFile(join(reports, run!, f), "utf8")),
      );
      for (const text of [result.stdout, result.stderr, ...texts]) expect(text).not.toContain(KEY.secretKey);
    } finally {
      await emulator.close();
    }
  });
});
