import { parseReport } from "./helpers/report-csv.js";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  DEFAULT_EMULATOR_CREDENTIALS,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from "../src/emulator/index.js";
import { cliEnv, runCli } from "./helpers/cli.js";
import { frVat, siren, toCsv } from "./helpers/data.js";

// Acceptance of the API client and upload stage against a hostile emulator: the real CLI, a real HTTP server.

const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
const ENV = { QONTO_LOGIN: KEY.login, QONTO_SECRET_KEY: KEY.secretKey };
const HEADER = ["Raison sociale", "Email", "N° TVA", "Adresse", "Code postal", "Ville", "Pays"];

interface Summary {
  report_dir: string;
  input: { rows: number };
  outcomes: Record<string, number>;
  all_rows_accounted_for: boolean;
  problems: Record<string, number>;
}

interface Made {
  file: string;
  /** The client names that must exist in Qonto exactly once afterwards. */
  expected: string[];
  rows: number;
}

/**
 * `valid` unique clients (most with a VAT number and an e-mail, every 20th with a name only, so its look-up
 * after a lost answer can go by name alone), then repeats of some of them and invalid rows, interleaved.
 */
async function makeFile(dir: string, valid: number, repeats: number, invalid: number): Promise<Made> {
  const unique: string[][] = [];
  for (let i = 0; i < valid; i++) {
    const name = `Société ${i} SARL`;
    unique.push(
      i % 20 === 19
        ? [name, "", "", "", "", "", ""]
        : [
            name,
            `compta${i}@societe${i}.fr`,
            frVat(siren(i * 104_729 + 7)),
            `${i} rue Neuve`,
            "69002",
            "Lyon",
            "FR",
          ],
    );
  }
  const rows = [...unique];
  // Repeats and invalid rows spread through the file, each after the row it may repeat.
  // Only rows with a key: a name alone is not a key, so two name-only rows may be two different clients.
  const keyed = unique.filter((r) => r[1] !== "");
  for (let j = 0; j < repeats; j++) rows.splice(3 * j + 10, 0, [...keyed[j]!]);
  for (let j = 0; j < invalid; j++)
    rows.splice(7 * j + 3, 0, [`Invalide ${j}`, "pas-un-email", "FR00123", "", "", "", "Atlantide"]);
  const file = join(dir, "clients.csv");
  await writeFile(file, toCsv(HEADER, rows));
  return { file, expected: unique.map((r) => r[0]!), rows: rows.length };
}

/** The real CLI importing `file` into the emulator, with its report under `dir`. */
function importInto(e: RunningEmulator, file: string, dir: string, args: string[] = []) {
  // The emulator's lost responses commit at once: a short settle delay keeps the test quick.
  return runCli(
    [
      "clients",
      file,
      "--base-url",
      e.url,
      "--report-dir",
      join(dir, "reports"),
      "--settle-delay",
      "300ms",
      ...args,
    ],
    ENV,
  );
}

async function summaryOf(stdout: string): Promise<Summary> {
  return JSON.parse(stdout) as Summary;
}

function names(emulator: RunningEmulator): string[] {
  return emulator.clients().map((c) => c.name);
}

function sorted(values: string[]): string[] {
  return [...values].sort();
}

describe("exactly once across crashes", () => {
  it("3,000 rows, faults on, the CLI killed (SIGKILL) three times and re-run: every valid row exactly once", async () => {
    const { spawn } = await import("node:child_process");
    const { CLI } = await import("./helpers/cli.js");
    const dir = await mkdtemp(join(tmpdir(), "qonto-kill-"));
    const made = await makeFile(dir, 2800, 100, 100);
    expect(made.rows).toBe(3000);
    const e = await startEmulator({
      rateLimits: [{ limit: 50_000, windowMs: 10_000 }],
      faults: { seed: 6, lostResponseRate: 0.05, failRate: 0.05, resetRate: 0.02 },
    });
    const args = [
      "clients",
      made.file,
      "--settle-delay",
      "300ms",
      "--base-url",
      e.url,
      "--rate-limit",
      "20000/10s",
      "--concurrency",
      "8",
      "--report-dir",
      join(dir, "reports"),
      "--json",
    ];
    try {
      // Kill moments spread over the run, counted in creates the emulator received.
      for (const creates of [400, 1300, 2200]) {
        const child = spawn(process.execPath, [CLI, ...args], {
          env: cliEnv(ENV),
        });
        const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
        while ((e.requestCount().byRoute["POST /v2/clients"] ?? 0) < creates && child.exitCode === null)
          await new Promise((r) => setTimeout(r, 5));
        child.kill("SIGKILL");
        await exited;
      }
      expect(e.clients().length).toBeLessThan(2800); // the kills did land before the end
      const final = await runCli(args, ENV);
      expect(final.stderr).toContain("finishing it");
      const summary = await summaryOf(final.stdout);
      expect(summary.all_rows_accounted_for).toBe(true);
      expect(Object.values(summary.outcomes).reduce((a, b) => a + b, 0)).toBe(3000);
      expect(summary.outcomes).toMatchObject({
        created: 2800,
        duplicate_in_file: 100,
        invalid: 100,
        failed: 0,
      });
      expect(sorted(names(e))).toEqual(sorted(made.expected));
      expect(e.stats().faults.lost).toBeGreaterThan(10);
    } finally {
      await e.close();
    }
  }, 300_000);
});

describe("importing into a hostile Qonto", () => {
  let emulator: RunningEmulator | undefined;
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });
  const start = async (options: EmulatorOptions) => (emulator = await startEmulator(options));

  it("2,000 rows with 10 % 5xx, 5 % resets and 5 % lost responses: every valid row exactly once, every row reported", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-chaos-"));
    const made = await makeFile(dir, 1800, 100, 100);
    expect(made.rows).toBe(2000);
    const e = await start({
      rateLimits: [{ limit: 5000, windowMs: 10_000 }],
      faults: { seed: 20261121, failRate: 0.1, resetRate: 0.05, lostResponseRate: 0.05 },
    });
    const result = await importInto(e, made.file, dir, [
      "--rate-limit",
      "5000/10s",
      "--concurrency",
      "10",
      "--json",
    ]);
    expect(result.stderr).not.toContain("internal error");
    const summary = await summaryOf(result.stdout);
    expect(summary.all_rows_accounted_for).toBe(true);
    expect(summary.input.rows).toBe(2000);
    // On failure, say which problems the failed rows had.
    expect(summary.outcomes, JSON.stringify(summary.problems)).toMatchObject({
      created: 1800,
      duplicate_in_file: 100,
      invalid: 100,
      failed: 0,
    });
    // The faults did happen, and the lost responses were the ones that would have made duplicates.
    const stats = e.stats();
    expect(stats.faults.lost).toBeGreaterThan(20);
    expect(stats.faults.failed).toBeGreaterThan(50);
    expect(stats.faults.reset).toBeGreaterThan(20);
    expect(sorted(names(e))).toEqual(sorted(made.expected));
    expect(result.code).toBe(1); // the invalid rows
  }, 240_000);

  it("a 429 storm (the emulator allows far less than the run expects) ends with every row imported", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-429-"));
    const made = await makeFile(dir, 200, 0, 0);
    const e = await start({ rateLimits: [{ limit: 40, windowMs: 1000 }] });
    const result = await importInto(e, made.file, dir, [
      "--rate-limit",
      "1000/10s",
      "--concurrency",
      "10",
      "--json",
    ]);
    const summary = await summaryOf(result.stdout);
    expect(e.stats().rateLimited).toBeGreaterThan(0);
    expect(summary.outcomes).toMatchObject({ created: 200, failed: 0 });
    expect(sorted(names(e))).toEqual(sorted(made.expected));
    expect(result.code).toBe(0);
  }, 120_000);

  it("the scheduler keeps a run under the configured windows: zero 429s", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-sched-"));
    const made = await makeFile(dir, 220, 0, 0);
    const limits = "50/1s,200/5s";
    const e = await start({
      rateLimits: [
        { limit: 50, windowMs: 1000 },
        { limit: 200, windowMs: 5000 },
      ],
    });
    const result = await importInto(e, made.file, dir, [
      "--rate-limit",
      limits,
      "--concurrency",
      "20",
      "--json",
    ]);
    const summary = await summaryOf(result.stdout);
    expect(summary.outcomes).toMatchObject({ created: 220, failed: 0 });
    const stats = e.stats();
    // More requests than the longer window holds, so both windows had to be honoured, and none was refused.
    expect(stats.total).toBeGreaterThan(200);
    expect(stats.rateLimited).toBe(0);
    expect(stats.byStatus["429"]).toBeUndefined();
    expect(result.code).toBe(0);
  }, 120_000);

  it("credentials that expire mid-run stop it at the first 401; the report says which rows were done", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-401-"));
    const made = await makeFile(dir, 300, 0, 0);
    // The count of clients, one list page, then 60 creates; then every request is refused.
    const e = await start({ expireCredentialsAfter: 62 });
    const result = await importInto(e, made.file, dir, ["--concurrency", "4", "--json"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/credentials/i);
    expect(result.stderr).not.toContain(KEY.secretKey);
    const summary = await summaryOf(result.stdout);
    expect(summary.all_rows_accounted_for).toBe(true);
    expect(summary.outcomes.created).toBe(60);
    expect(summary.outcomes.failed).toBe(240);
    // Only the requests already on their way when the first 401 came back may have met one.
    const stats = e.stats();
    expect(stats.byStatus["401"]).toBeGreaterThanOrEqual(1);
    expect(stats.byStatus["401"]).toBeLessThanOrEqual(4);
    expect(stats.clients).toBe(60);
    // Row by row: the created rows carry the ids Qonto has, the others say they were not sent.
    const text = await readFile(join(summary.report_dir, "results.csv"), "utf8");
    const results = text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    const created = parseReport(text).filter((r) => r.outcome === "created");
    expect(new Set(created.map((r) => r.qonto_client_id))).toEqual(new Set(e.clients().map((c) => c.id)));
    expect(
      results.slice(1).filter((l) => l.includes("not_attempted") || l.includes("not sent")),
    ).toHaveLength(240);
  }, 120_000);

  it("a sandbox without the staging token (a web page instead of JSON) stops the run before anything is sent", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-sbx-"));
    const made = await makeFile(dir, 5, 0, 0);
    const e = await start({ stagingToken: "the-right-one" });
    const result = await runCli(
      ["clients", made.file, "--base-url", e.url, "--report-dir", join(dir, "reports")],
      { ...ENV, QONTO_STAGING_TOKEN: "a-wrong-one" },
    );
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/staging token \(QONTO_STAGING_TOKEN\) is missing or wrong/);
    expect(result.stderr).not.toContain("a-wrong-one");
    expect(e.stats().total).toBe(1);
    expect(e.clients()).toHaveLength(0);
  });
});
