// The library API (package.json "exports"): what a Node program that imports clients nightly relies on. The README's
// example runs as written against the emulator; the functions return the CLI's results and report folders, send
// progress as events, throw refusals with the CLI's exit codes, and never write to the console or exit.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  applyPlan,
  DEFAULT_EMULATOR_CREDENTIALS,
  exitCodeOf,
  importClients,
  importInvoices,
  InputFileError,
  inspect,
  loadSeedFile,
  planClients,
  rollback,
  startEmulator,
  UsageError,
  type ProgressEvent,
  type RunningEmulator,
} from "../src/index.js";
import { cliEnv, ROOT } from "./helpers/cli.js";

const key = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0];
if (key === undefined) throw new Error("the emulator has no default API key");
const credentials = { login: key.login, secretKey: key.secretKey };
const SAMPLE = join(ROOT, "samples/clients.csv");
const INVOICES = join(ROOT, "samples/invoices.csv");
const EXAMPLE = join(ROOT, "examples/nightly-import.mjs");

let emulator: RunningEmulator;
const state = mkdtempSync(join(tmpdir(), "qonto-lib-state-"));
const savedStateDir = process.env.QONTO_IMPORT_STATE_DIR;

beforeAll(() => {
  // The runs' locks go to a folder of this test's own, as the CLI tests' do.
  process.env.QONTO_IMPORT_STATE_DIR = state;
});
// Each test has an emulator of its own, seeded with the sample's existing clients.
beforeEach(async () => {
  const seed = await loadSeedFile(join(ROOT, "samples/existing-clients.json"));
  emulator = await startEmulator({ port: 0, seedClients: seed, rateLimits: [] });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await emulator.close();
});
afterAll(() => {
  if (savedStateDir === undefined) delete process.env.QONTO_IMPORT_STATE_DIR;
  else process.env.QONTO_IMPORT_STATE_DIR = savedStateDir;
});

const reportDir = () => mkdtempSync(join(tmpdir(), "qonto-lib-reports-"));

describe("the README's 'Use it from code' example", () => {
  it("is the file examples/nightly-import.mjs, word for word", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Use it from code"));
    const block = /```js\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBe(readFileSync(EXAMPLE, "utf8"));
  });

  it("runs as written: imports the sample into the emulator and reports every row", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "qonto-lib-example-"));
    const before = emulator.stats().clients;
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [EXAMPLE, SAMPLE],
        {
          cwd,
          env: cliEnv({
            QONTO_LOGIN: key.login,
            QONTO_SECRET_KEY: key.secretKey,
            QONTO_BASE_URL: emulator.url,
          }),
        },
        (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr }),
      );
    });
    const line = /^(\d+) created, (\d+) updated, (\d+) invalid; report in (.+)\n$/.exec(run.stdout);
    expect(line, run.stderr).not.toBeNull();
    const [, created, , invalid, folder] = line ?? [];
    expect(Number(created)).toBeGreaterThan(0);
    expect(emulator.stats().clients).toBe(before + Number(created));
    // The sample has invalid rows on purpose: the CLI's exit code 1, and the rows are in errors.csv.
    expect(Number(invalid)).toBeGreaterThan(0);
    expect(run.code).toBe(1);
    expect(folder?.startsWith(join(cwd, "reports"))).toBe(true);
    expect(existsSync(join(folder ?? "", "errors.csv"))).toBe(true);
    expect(run.stderr).toMatch(/^\d+ rows done$/m);
  });
});

describe("importClients, planClients, applyPlan, rollback", () => {
  it("plans without writing, applies the plan, and a second import creates nothing", async () => {
    const dir = reportDir();
    const before = emulator.stats().clients;
    const plan = await planClients(SAMPLE, { credentials, baseUrl: emulator.url, reportDir: dir });
    expect(emulator.stats().clients).toBe(before);
    expect(plan.summary.dry_run).toBe(true);
    expect(existsSync(plan.planFile)).toBe(true);
    const wouldCreate = plan.summary.outcomes.would_create;
    expect(wouldCreate).toBeGreaterThan(0);

    const applied = await applyPlan(plan.planFile, { credentials, baseUrl: emulator.url, reportDir: dir });
    expect(applied.summary.outcomes.created).toBe(wouldCreate);
    expect(emulator.stats().clients).toBe(before + wouldCreate);
    expect(existsSync(join(applied.reportDir, "results.csv"))).toBe(true);

    const again = await importClients(SAMPLE, { credentials, baseUrl: emulator.url, reportDir: dir });
    expect(again.summary.outcomes.created).toBe(0);
    expect(again.summary.all_rows_accounted_for).toBe(true);
    expect(emulator.stats().clients).toBe(before + wouldCreate);
    expect(exitCodeOf(again.summary)).toBe(1);

    // Rolling back the apply deletes what it created, and only that.
    const undone = await rollback(applied.reportDir, {
      credentials,
      baseUrl: emulator.url,
      reportDir: dir,
      yes: true,
    });
    expect(undone.summary.outcomes.deleted).toBe(wouldCreate);
    expect(emulator.stats().clients).toBe(before);
  });

  it("sends progress and notices as events, and writes nothing to the console", async () => {
    const out = vi.spyOn(process.stdout, "write");
    const err = vi.spyOn(process.stderr, "write");
    const exit = vi.spyOn(process, "exit");
    const events: ProgressEvent[] = [];
    const lines: string[] = [];
    const result = await importClients(SAMPLE, {
      credentials,
      baseUrl: emulator.url,
      reportDir: reportDir(),
      dryRun: true,
      onProgress: (e) => events.push(e),
      onLog: (line) => lines.push(line),
    });
    expect(out).not.toHaveBeenCalled();
    expect(err).not.toHaveBeenCalled();
    expect(exit).not.toHaveBeenCalled();
    const rows = events.filter((e) => e.phase === "rows");
    expect(rows.at(-1)?.done).toBe(result.summary.input.rows);
    expect(events.some((e) => e.phase === "existing")).toBe(true);
    expect(lines.length).toBeGreaterThan(0);
  });

  it("imports invoices for the clients a clients run created", async () => {
    const dir = reportDir();
    const clients = await importClients(SAMPLE, { credentials, baseUrl: emulator.url, reportDir: dir });
    const before = emulator.invoices().length;
    const invoices = await importInvoices(INVOICES, {
      credentials,
      baseUrl: emulator.url,
      reportDir: dir,
      clientsReport: [clients.reportDir],
    });
    const created = invoices.summary.invoices?.outcomes.created ?? 0;
    expect(created).toBeGreaterThan(0);
    expect(emulator.invoices().length).toBe(before + created);
    expect(invoices.summary.all_rows_accounted_for).toBe(true);
  });

  it("inspects a file without talking to anyone", async () => {
    const result = await inspect(SAMPLE, { rows: 2 });
    expect(result.rows).toHaveLength(2);
  });
});

describe("refusals are thrown, with the CLI's exit codes", () => {
  it.each([
    ["an option out of range", { concurrency: 0 }, UsageError, /--concurrency/],
    ["credentials missing for a real import", { credentials: {} }, UsageError, /QONTO_LOGIN/],
  ] as const)("%s", async (_, options, type, message) => {
    const run = importClients(SAMPLE, {
      baseUrl: emulator.url,
      credentials,
      reportDir: reportDir(),
      ...options,
    });
    await expect(run).rejects.toBeInstanceOf(type);
    await expect(run).rejects.toMatchObject({ exitCode: 2 });
    await expect(run).rejects.toThrow(message);
  });

  it("a file that is not there", async () => {
    const run = importClients(join(tmpdir(), "no-such-file.csv"), { credentials, baseUrl: emulator.url });
    await expect(run).rejects.toBeInstanceOf(InputFileError);
    await expect(run).rejects.toMatchObject({ exitCode: 2 });
  });
});
