import { request } from "node:http";
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  stat,
  symlink,
  unlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator, type RunningEmulator } from "../src/emulator/index.js";
import { folderProblem } from "../src/report/safe-files.js";
import { runCli } from "./helpers/cli.js";
import { FR_INVOICE_HEADER, frVat, siren, toCsv } from "./helpers/data.js";

// Issue 18, "The file system": the report root, the report files, an unusable --report-dir, and the emulator's
// own files and Host check. The real CLI against the emulator; the ownership rule as a table.

const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
const ENV = { QONTO_LOGIN: KEY.login, QONTO_SECRET_KEY: KEY.secretKey };
const HEADER = ["Raison sociale", "Email", "N° TVA", "Code postal", "Ville", "Pays"];
const ROWS = Array.from({ length: 3 }, (_, i) => [
  `Société ${i} SAS`,
  `compta${i}@societe${i}.fr`,
  frVat(siren(4_200 + i * 13)),
  "75011",
  "Paris",
  "France",
]);
const INVOICE_HEADER = FR_INVOICE_HEADER;
const IS_ROOT = process.getuid?.() === 0;

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function setUp(): Promise<{ dir: string; csv: string; e: RunningEmulator }> {
  const dir = await mkdtemp(join(tmpdir(), "qonto-fsys-"));
  const csv = join(dir, "clients.csv");
  await writeFile(csv, toCsv(HEADER, ROWS));
  emulator = await startEmulator();
  return { dir, csv, e: emulator };
}

const mode = async (path: string) => (await stat(path)).mode & 0o7777;
const reportOf = (stderr: string) => /^Report: (.+?) \(/m.exec(stderr)?.[1] ?? "";

describe("folderProblem: whose folder a report may be written in", () => {
  const ME = 1000;
  const dir = (uid: number, mode: number, isDirectory = true) => ({ uid, mode, isDirectory });
  it.each<[string, ReturnType<typeof dir>, number, "root" | "run", string | undefined]>([
    ["my own folder, 0700", dir(ME, 0o700), ME, "root", undefined],
    ["my own folder, 0755", dir(ME, 0o755), ME, "root", undefined],
    ["my own folder, writable by its group", dir(ME, 0o775), ME, "root", "writable by its group"],
    ["my own folder, writable by everyone", dir(ME, 0o777), ME, "root", "writable by every user"],
    ["my own folder, 0777 with the sticky bit", dir(ME, 0o1777), ME, "root", undefined],
    ["my own folder, 0770 with the sticky bit", dir(ME, 0o1770), ME, "root", undefined],
    ["root's /tmp-like folder", dir(0, 0o1777), ME, "root", undefined],
    ["root's folder, 0755", dir(0, 0o755), ME, "root", undefined],
    ["another user's folder", dir(1001, 0o700), ME, "root", "owned by another user (uid 1001)"],
    ["another user's sticky folder", dir(1001, 0o1777), ME, "root", "owned by another user (uid 1001)"],
    ["another user's folder, as root", dir(ME, 0o755), 0, "root", `owned by another user (uid ${ME})`],
    ["a file", dir(ME, 0o600, false), ME, "root", "not a folder"],
    // A run's own folder is never shared: the sticky bit does not make it so.
    ["a run folder, 0700", dir(ME, 0o700), ME, "run", undefined],
    ["a run folder, sticky and writable by everyone", dir(ME, 0o1777), ME, "run", "writable by every user"],
    ["a run folder of another user", dir(1001, 0o700), ME, "run", "owned by another user (uid 1001)"],
  ])("%s", (_name, facts, uid, kind, expected) => {
    const problem = folderProblem(facts, uid, kind);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toContain(expected);
  });
});

describe("the report root", () => {
  it("is created 0700, with every folder the tool makes on the way", async () => {
    const { dir, csv } = await setUp();
    const root = join(dir, "a", "b", "reports");
    const result = await runCli(["clients", csv, "--dry-run", "--report-dir", root]);
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(0);
    for (const made of [join(dir, "a"), join(dir, "a", "b"), root]) expect(await mode(made)).toBe(0o700);
    const [run] = await readdir(root);
    expect(await mode(join(root, run!))).toBe(0o700);
  });

  it("writable by everyone without the sticky bit is refused, exit 2, before any request", async () => {
    const { dir, csv, e } = await setUp();
    const root = join(dir, "shared");
    await mkdir(root);
    await chmod(root, 0o777);
    const result = await runCli(["clients", csv, "--base-url", e.url, "--report-dir", root], ENV);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(root);
    expect(lines[0]).toMatch(/writable by every user/);
    expect(lines[0]).toMatch(/sticky/);
    expect(lines[0]).toMatch(/chmod 700/);
    expect(e.requestCount().total).toBe(0);
    expect(await readdir(root)).toEqual([]);
  });

  it("writable by everyone with the sticky bit (as /tmp) is accepted", async () => {
    const { dir, csv, e } = await setUp();
    const root = join(dir, "shared");
    await mkdir(root);
    await chmod(root, 0o1777);
    const result = await runCli(["clients", csv, "--base-url", e.url, "--report-dir", root], ENV);
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(0);
    expect(e.clients()).toHaveLength(ROWS.length);
    // The run's own folder in it is its alone.
    const [run] = await readdir(root);
    expect(await mode(join(root, run!))).toBe(0o700);
  });

  it.skipIf(!IS_ROOT)("owned by another user is refused (run as root, so the test can chown)", async () => {
    const { dir, csv, e } = await setUp();
    const root = join(dir, "theirs");
    await mkdir(root, { mode: 0o755 });
    const { chown } = await import("node:fs/promises");
    await chown(root, 4242, 4242);
    const result = await runCli(["clients", csv, "--base-url", e.url, "--report-dir", root], ENV);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(root);
    expect(result.stderr).toMatch(/owned by another user \(uid 4242\)/);
    expect(e.requestCount().total).toBe(0);
  });
});

describe("report files are never written through a link someone placed", () => {
  it("a resumed run replaces links named like its report files, and leaves what they point to alone", async () => {
    const { dir, csv, e } = await setUp();
    const root = join(dir, "reports");
    const args = ["clients", csv, "--base-url", e.url, "--report-dir", root];
    const first = await runCli(args, ENV);
    expect(first.code).toBe(0);
    const run = reportOf(first.stderr);
    expect(run).not.toBe("");
    // The run looks interrupted: its journal has no end line, so the same command resumes it in its folder.
    const journal = join(run, "journal.ndjson");
    const lines = (await readFile(journal, "utf8")).trimEnd().split("\n");
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ type: "end" });
    await writeFile(journal, lines.slice(0, -1).join("\n") + "\n");
    const victims: Record<string, string> = {};
    for (const name of ["results.csv", "errors.csv", "summary.json", "report.html"]) {
      const victim = join(dir, `victim-${name}`);
      await writeFile(victim, "precious\n");
      await unlink(join(run, name)).catch(() => undefined);
      await symlink(victim, join(run, name));
      victims[name] = victim;
    }
    const second = await runCli(args, ENV);
    expect(second.stderr).not.toMatch(/internal error/);
    expect(second.code).toBe(0);
    expect(reportOf(second.stderr)).toBe(run);
    for (const [name, victim] of Object.entries(victims)) {
      expect(await readFile(victim, "utf8"), name).toBe("precious\n");
      const placed = await lstat(join(run, name));
      expect(placed.isFile(), name).toBe(true);
      expect(placed.mode & 0o777, name).toBe(0o600);
    }
    expect(await readFile(join(run, "results.csv"), "utf8")).toContain("Société 0 SAS");
    expect(e.clients()).toHaveLength(ROWS.length);
  });

  it("an unfinished run whose journal is a link is not resumed, and the file linked to is left alone", async () => {
    const { dir, csv, e } = await setUp();
    const root = join(dir, "reports");
    const args = ["clients", csv, "--base-url", e.url, "--report-dir", root];
    const first = await runCli(args, ENV);
    expect(first.code).toBe(0);
    const run = reportOf(first.stderr);
    const journal = join(run, "journal.ndjson");
    const lines = (await readFile(journal, "utf8")).trimEnd().split("\n");
    const elsewhere = join(dir, "elsewhere.ndjson");
    await writeFile(elsewhere, lines.slice(0, -1).join("\n") + "\n");
    await unlink(journal);
    await symlink(elsewhere, journal);
    const before = await readFile(elsewhere, "utf8");
    const result = await runCli(args, ENV);
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.stderr).toContain(
      `warning: the run in ${run} is not resumed: ${journal} is a symbolic link`,
    );
    expect(result.code).toBe(0);
    // A new run instead, which finds the clients in Qonto and creates none again.
    expect(reportOf(result.stderr)).not.toBe(run);
    expect(e.clients()).toHaveLength(ROWS.length);
    expect(await readFile(elsewhere, "utf8")).toBe(before);
  });

  it("a run folder someone made in advance under the name the run would take is not used", async () => {
    const { dir, csv } = await setUp();
    const root = join(dir, "reports");
    await mkdir(root, { mode: 0o700 });
    // The folder is named after the run's start and its file: the run is opened in-process at a fixed start, so the
    // planted folder has the very name it would take, however long anything takes.
    const { Reporter, runFolderName } = await import("../src/report/reporter.js");
    const startedAt = new Date("2026-12-05T09:00:00Z");
    const planted = join(root, runFolderName(csv, startedAt));
    await mkdir(planted);
    await writeFile(join(dir, "victim.csv"), "precious\n");
    await symlink(join(dir, "victim.csv"), join(planted, "results.csv"));
    const reporter = await Reporter.open(root, {
      tool: { name: "qonto-import", version: "test" },
      inputFile: csv,
      inputSha256: "0".repeat(64),
      dryRun: true,
      options: {},
      startedAt,
      positionName: "line",
      columns: ["name"],
    });
    await reporter.close(0, { total: 0, retries: 0, rate_limited: 0, by_status: {} }, null);
    expect(reporter.dir).not.toBe(planted);
    expect(reporter.dir.startsWith(`${planted}-`)).toBe(true);
    expect(await readFile(join(dir, "victim.csv"), "utf8")).toBe("precious\n");
    expect((await lstat(join(reporter.dir, "results.csv"))).isFile()).toBe(true);
  });
});

describe("an unusable --report-dir is a usage error before any request", () => {
  type Case = [string, (dir: string) => Promise<string>];
  const cases: Case[] = [
    [
      "a regular file",
      async (dir) => {
        const path = join(dir, "a-file");
        await writeFile(path, "x");
        return path;
      },
    ],
    [
      "a dangling symbolic link",
      async (dir) => {
        const path = join(dir, "dangling");
        await symlink(join(dir, "nowhere"), path);
        return path;
      },
    ],
  ];
  // root may write anywhere: a folder without write permission stops no one there.
  if (!IS_ROOT)
    cases.push([
      "a folder without write permission",
      async (dir) => {
        const path = join(dir, "read-only");
        await mkdir(path, { mode: 0o500 });
        return path;
      },
    ]);

  async function expectRefused(result: { code: number; stderr: string }, path: string, e: RunningEmulator) {
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(2);
    // One line says what is wrong (apply first says which plan it applies).
    const errors = result.stderr.split("\n").filter((l) => l.startsWith("qonto-import: "));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(path);
    expect(e.requestCount().total).toBe(0);
  }

  it.each(cases)("clients: %s", async (_name, make) => {
    const { dir, csv, e } = await setUp();
    const path = await make(dir);
    const result = await runCli(["clients", csv, "--base-url", e.url, "--report-dir", path], ENV);
    await expectRefused(result, path, e);
  });

  it.each(cases)("invoices: %s", async (_name, make) => {
    const { dir, e } = await setUp();
    const file = join(dir, "factures.csv");
    await writeFile(
      file,
      toCsv(INVOICE_HEADER, [
        ["F-1", "Société 0 SAS", "01/04/2026", "30/04/2026", "Conseil", "1", "100,00", "20 %"],
      ]),
    );
    const path = await make(dir);
    const result = await runCli(["invoices", file, "--base-url", e.url, "--report-dir", path], ENV);
    await expectRefused(result, path, e);
  });

  it.each(cases)("apply: %s", async (_name, make) => {
    const { dir, csv, e } = await setUp();
    const plan = await runCli([
      "clients",
      csv,
      "--dry-run",
      "--base-url",
      e.url,
      "--report-dir",
      join(dir, "reports"),
    ]);
    expect(plan.code).toBe(0);
    const path = await make(dir);
    const result = await runCli(
      ["apply", join(reportOf(plan.stderr), "plan.json"), "--base-url", e.url, "--report-dir", path],
      ENV,
    );
    await expectRefused(result, path, e);
  });

  it.each(cases)("rollback: %s", async (_name, make) => {
    const { dir, csv } = await setUp();
    const first = await runCli(
      ["clients", csv, "--base-url", emulator!.url, "--report-dir", join(dir, "reports")],
      ENV,
    );
    expect(first.code).toBe(0);
    // A fresh emulator with the same port is not needed: the rollback's requests are counted from here.
    const e = emulator!;
    const before = e.requestCount().total;
    const path = await make(dir);
    const result = await runCli(
      ["rollback", reportOf(first.stderr), "--yes", "--base-url", e.url, "--report-dir", path],
      ENV,
    );
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(2);
    const errors = result.stderr.split("\n").filter((l) => l.startsWith("qonto-import: "));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(path);
    expect(e.requestCount().total).toBe(before);
    expect(e.clients()).toHaveLength(ROWS.length);
  });
});

describe("the emulator's own files", () => {
  it("--data and --log are created 0600, and a log that was readable by others is made 0600", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-fsys-"));
    const dataFile = join(dir, "state.ndjson");
    const logFile = join(dir, "requests.ndjson");
    emulator = await startEmulator({ dataFile, logFile });
    await fetch(`${emulator.url}/v2/clients`, {
      headers: { authorization: `${KEY.login}:${KEY.secretKey}` },
    });
    await emulator.close();
    emulator = undefined;
    expect(await mode(dataFile)).toBe(0o600);
    expect(await mode(logFile)).toBe(0o600);
    // Files from before: widened, then the emulator started on them again.
    await chmod(dataFile, 0o644);
    await chmod(logFile, 0o644);
    emulator = await startEmulator({ dataFile, logFile });
    await emulator.close();
    emulator = undefined;
    expect(await mode(dataFile)).toBe(0o600);
    expect(await mode(logFile)).toBe(0o600);
  });

  it("the data file's temporary file is not written through a link placed under its name", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-fsys-"));
    const dataFile = join(dir, "state.ndjson");
    const victim = join(dir, "victim");
    await writeFile(victim, "precious\n");
    await symlink(victim, `${dataFile}.tmp`);
    emulator = await startEmulator({ dataFile, seedClients: [] });
    await emulator.close();
    emulator = undefined;
    expect(await readFile(victim, "utf8")).toBe("precious\n");
    expect((await lstat(dataFile)).isFile()).toBe(true);
  });
});

describe("the emulator answers only requests that name this machine (DNS rebinding)", () => {
  function raw(port: number, host: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path: "/v2/clients",
          headers: { host, authorization: `${KEY.login}:${KEY.secretKey}` },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
          );
        },
      );
      req.on("error", reject);
      req.end();
    });
  }

  it.each([
    ["evil.example", false],
    ["evil.example:PORT", false],
    ["localhost.evil.example", false],
    ["127.0.0.1.evil.example", false],
    // What the importer's --base-url rule refuses, the emulator refuses too: one rule for "this machine".
    ["localhost.:PORT", false],
    ["[::ffff:127.0.0.1]:PORT", false],
    ["localhost", true],
    ["localhost:PORT", true],
    ["LOCALHOST:PORT", true],
    ["127.0.0.1:PORT", true],
    ["127.1.2.3:PORT", true],
    ["[::1]:PORT", true],
  ])("Host: %s", async (host, accepted) => {
    emulator = await startEmulator();
    const answer = await raw(emulator.port, host.replace("PORT", String(emulator.port)));
    if (accepted) expect(answer.status).toBe(200);
    else {
      expect(answer.status).toBe(421);
      const body = JSON.parse(answer.body) as { errors: { code: string; detail: string }[] };
      expect(body.errors[0]?.code).toBe("misdirected_request");
      expect(body.errors[0]?.detail).toMatch(/loopback|this machine/);
      expect(emulator.clients()).toHaveLength(0);
    }
  });
});
