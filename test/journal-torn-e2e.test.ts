import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator } from "../src/emulator/index.js";
import { JOURNAL_FILE, readJournal, type JournalLine } from "../src/journal/journal.js";
import { unfinishedRuns } from "../src/journal/resume.js";
import { runCli } from "./helpers/cli.js";
import { frVat, siren, toCsv } from "./helpers/data.js";

// The real CLI against the emulator: a run whose journal was cut in the middle of a line is finished by running
// the command again, and a journal damaged otherwise is refused by name.

const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
const ENV = { QONTO_LOGIN: KEY.login, QONTO_SECRET_KEY: KEY.secretKey };
const HEADER = ["Raison sociale", "Email", "N° TVA", "Adresse", "Code postal", "Ville", "Pays"];

interface Summary {
  report_dir: string;
  input: { rows: number };
  outcomes: Record<string, number>;
  all_rows_accounted_for: boolean;
}

/** 40 clients; every 5th has a name only, so finding it after its `done` line was lost goes by name alone. */
async function makeFile(dir: string): Promise<{ file: string; names: string[] }> {
  const rows: string[][] = [];
  for (let i = 0; i < 40; i++) {
    const name = `Société Déchirée ${i}`;
    rows.push(
      i % 5 === 4
        ? [name, "", "", "", "", "", ""]
        : [
            name,
            `compta${i}@dechiree${i}.fr`,
            frVat(siren(i * 7919 + 11)),
            `${i} rue Haute`,
            "69001",
            "Lyon",
            "FR",
          ],
    );
  }
  const file = join(dir, "clients.csv");
  await writeFile(file, toCsv(HEADER, rows));
  return { file, names: rows.map((r) => r[0]!) };
}

describe("a journal torn by a crash", () => {
  it("is finished by running the command again: every client once, every row reported, nothing left unfinished", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-journal-torn-e2e-"));
    const made = await makeFile(dir);
    const e = await startEmulator({ rateLimits: [{ limit: 50_000, windowMs: 10_000 }] });
    const reports = join(dir, "reports");
    // A resume waits the settle delay after an intent before looking its create up: short here, as the test
    // knows the torn row's client is in the emulator already.
    const args = [
      "clients",
      made.file,
      "--base-url",
      e.url,
      "--report-dir",
      reports,
      "--json",
      "--settle-delay",
      "300ms",
    ];
    try {
      const first = await runCli(args, ENV);
      expect(first.code, first.stderr).toBe(0);
      const reportDir = (JSON.parse(first.stdout) as Summary).report_dir;
      const path = join(reportDir, JOURNAL_FILE);
      const lines = (await readFile(path, "utf8")).split("\n").filter((l) => l !== "");
      const parsed = lines.map((l) => JSON.parse(l) as JournalLine);

      // The crash: in the middle of writing the `done` of a name-only create, past half the run. What followed
      // it never happened: the creates whose intent comes after the cut are taken back out of Qonto.
      const keyless = new Set(
        parsed.flatMap((l) => (l.type === "intent" && Object.keys(l.keys).length === 0 ? [l.record] : [])),
      );
      const cutAt = parsed.findIndex(
        (l, i) => i > parsed.length / 2 && l.type === "done" && keyless.has(l.record),
      );
      expect(cutAt).toBeGreaterThan(0);
      const tornRecord = (parsed[cutAt] as { record: number }).record;
      const sentBefore = new Set(
        parsed.slice(0, cutAt).flatMap((l) => (l.type === "intent" ? [l.record] : [])),
      );
      const undone = parsed
        .slice(cutAt)
        .flatMap((l) => (l.type === "done" && !sentBefore.has(l.record) ? [l.client_id] : []));
      expect(undone.length).toBeGreaterThan(0);
      for (const id of undone) {
        const res = await fetch(`${e.url}/v2/clients/${id}`, {
          method: "DELETE",
          headers: { authorization: `${KEY.login}:${KEY.secretKey}` },
        });
        expect(res.ok).toBe(true);
      }
      const torn = lines[cutAt]!.slice(0, Math.floor(lines[cutAt]!.length / 2));
      await writeFile(path, lines.slice(0, cutAt).join("\n") + "\n" + torn);
      expect(e.clients().length).toBe(40 - undone.length);

      const second = await runCli(args, ENV);
      expect(second.code, second.stderr).toBe(0);
      expect(second.stderr).toContain("finishing it");
      expect(second.stderr).not.toContain("warning");
      const summary = JSON.parse(second.stdout) as Summary;
      expect(summary.report_dir).toBe(reportDir);
      expect(summary.all_rows_accounted_for).toBe(true);
      expect(summary.input.rows).toBe(40);
      expect(summary.outcomes).toMatchObject({ created: 40 });
      expect(
        e
          .clients()
          .map((c) => c.name)
          .sort(),
      ).toEqual([...made.names].sort());

      // The torn line is kept, fenced, and the journal reads back whole; the torn done's row was found by name (a
      // keyed row whose done was lost is settled by the listing instead, without a line).
      const text = await readFile(path, "utf8");
      expect(text).toContain(
        torn + "\n" + JSON.stringify({ type: "torn", bytes: Buffer.byteLength(torn) }) + "\n",
      );
      const state = readJournal(reportDir);
      expect(state?.complete).toBe(true);
      expect(state?.done.get(tornRecord)?.client_id).toBe(
        e.clients().find((c) => c.name === made.names[tornRecord - 1])?.id,
      );

      // A third run finds nothing to finish.
      const warnings: string[] = [];
      expect(unfinishedRuns(reports, state!.start.input.sha256, (l) => warnings.push(l))).toEqual([]);
      expect(warnings).toEqual([]);
    } finally {
      await e.close();
    }
  }, 120_000);

  it("a journal damaged otherwise: the next run says so, and rollback refuses it in one line (exit 2)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-journal-damaged-e2e-"));
    const made = await makeFile(dir);
    const e = await startEmulator({ rateLimits: [{ limit: 50_000, windowMs: 10_000 }] });
    const reports = join(dir, "reports");
    const args = ["clients", made.file, "--base-url", e.url, "--report-dir", reports, "--json"];
    try {
      const first = await runCli(args, ENV);
      expect(first.code, first.stderr).toBe(0);
      const reportDir = (JSON.parse(first.stdout) as Summary).report_dir;
      const path = join(reportDir, JOURNAL_FILE);
      const lines = (await readFile(path, "utf8")).split("\n").filter((l) => l !== "");
      // Garbage in the middle, and no `end`: an unfinished run whose journal cannot be trusted.
      await writeFile(path, [...lines.slice(0, 5), "#garbage#", ...lines.slice(5, -1)].join("\n") + "\n");

      const rollback = await runCli(["rollback", reportDir, "--base-url", e.url], ENV);
      expect(rollback.code).toBe(2);
      expect(rollback.stderr.trim().split("\n")).toEqual([
        `qonto-import: ${reportDir}: ${path}, line 6: not valid JSON`,
      ]);

      const again = await runCli([...args, "--dry-run"], ENV);
      expect(again.code, again.stderr).toBe(0);
      const real = await runCli(args, ENV);
      expect(real.stderr).toContain(
        `warning: the run in ${reportDir} is not resumed, its journal cannot be read: ${path}, line 6: not valid JSON`,
      );
      expect((JSON.parse(real.stdout) as Summary).report_dir).not.toBe(reportDir);
    } finally {
      await e.close();
    }
  }, 120_000);
});
