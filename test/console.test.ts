import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator } from "../src/emulator/index.js";
import { createProgress, progressLine } from "../src/report/progress.js";
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

  // The interval itself, on a fake clock: at most one line per interval, whatever the pace of the events.
  it("prints at most one line per interval, each phase timed from when the one before it last moved", () => {
    let t = 0;
    const lines: string[] = [];
    const progress = createProgress({
      write: (s) => lines.push(s),
      tty: false,
      intervalMs: 1000,
      now: () => t,
    });
    for (let done = 100; done <= 500; done += 100) {
      t += 400;
      progress.update({ phase: "existing", done, total: 500 });
    }
    for (let done = 50; done <= 300; done += 50) {
      t += 300;
      progress.update({ phase: "rows", done, total: 300, label: "rows imported" });
    }
    expect(lines).toEqual([
      "progress: 300/500 existing clients read (60 %), 250/s, ETA 1 s\n",
      "progress: 50/300 rows imported (17 %), 167/s, ETA 2 s\n",
      "progress: 250/300 rows imported (83 %), 167/s, ETA 0 s\n",
    ]);
  });

  it("prints short lines during an import, phase by phase, and a summary saying what to do next", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-prog-"));
    const rows = Array.from({ length: 600 }, (_, i) => [
      `Entreprise ${i}`,
      i === 7 ? "pas-un-email" : `c${i}@example.fr`,
    ]);
    await writeFile(join(dir, "big.csv"), toCsv(["Raison sociale", "Email"], rows));
    const emulator = await startEmulator({ faults: { seed: 1, latencyMs: [5, 10] } });
    try {
      // A 1 ms interval prints every event: each comes after at least one request of 5 ms or more, so on any
      // machine, however slow or fast, both phases print and the last rows line is 600/600 (the steady interval
      // itself is tested above on a fake clock).
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
        { ...ENV, QONTO_IMPORT_PROGRESS_MS: "1" },
      );
      const progress = result.stderr.split("\n").filter((l) => l.startsWith("progress: "));
      const existing = progress.filter((l) => l.includes("existing clients read"));
      const imported = progress.filter((l) => / rows \(\d+ %\)/.test(l));
      // The emulator starts empty: nothing to read, said once, before any row is imported.
      expect(existing).toEqual([expect.stringMatching(/^progress: 0 existing clients read, \d+\/s$/)]);
      expect(progress.indexOf(existing[0]!)).toBe(0);
      // A line a second while rows settle, and one when the last has: how many depends on the machine's speed.
      expect(imported.length).toBeGreaterThan(0);
      expect(progress).toEqual([...existing, ...imported]);
      for (const line of imported)
        expect(line).toMatch(
          /^progress: \d+\/600 rows \(\d+ %\) · \d+ created, \d+ skipped, \d+ invalid, \d+ failed/,
        );
      const counts = imported.map((l) => Number(/^progress: (\d+)\//.exec(l)?.[1]));
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
      expect(imported.at(-1)).toBe(
        "progress: 600/600 rows (100 %) · 599 created, 0 skipped, 1 invalid, 0 failed",
      );
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
