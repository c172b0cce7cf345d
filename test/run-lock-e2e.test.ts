import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator, type RunningEmulator } from "../src/emulator/index.js";
import { CLI, ROOT, cliEnv, runCli } from "./helpers/cli.js";
import { frVat, siren, toCsv } from "./helpers/data.js";

// Two runs of the same import at the same time (issue 14): the real CLI, the emulator, and a gate in front of it
// that holds the first run's creates while the second one starts, so no test depends on how fast the machine is.

const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
const ENV = { QONTO_LOGIN: KEY.login, QONTO_SECRET_KEY: KEY.secretKey };
const HEADER = ["Raison sociale", "Email", "N° TVA", "Code postal", "Ville", "Pays"];
const ROWS = 120;
// Creates let through before the gate holds the rest.
const LET_THROUGH = 20;

/**
 * A proxy to the emulator that holds every create after the first `letThrough` until `open()`: a run stays
 * mid-write, its lock held, for as long as a test needs.
 */
async function gate(target: string, letThrough: number) {
  let creates = 0;
  let release: () => void = () => undefined;
  const opened = new Promise<void>((r) => (release = r));
  let held = 0;
  let inflight = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      inflight += 1;
      void (async () => {
        if (req.method === "POST" && req.url === "/v2/clients" && ++creates > letThrough) {
          held += 1;
          await opened;
        }
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers))
          if (typeof v === "string" && !["host", "connection", "content-length"].includes(k)) headers[k] = v;
        try {
          const answer = await fetch(`${target}${req.url ?? "/"}`, {
            method: req.method ?? "GET",
            headers,
            ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
          });
          const body = Buffer.from(await answer.arrayBuffer());
          const out: Record<string, string> = {};
          answer.headers.forEach((v, k) => {
            if (!["content-length", "content-encoding", "transfer-encoding", "connection"].includes(k))
              out[k] = v;
          });
          res.writeHead(answer.status, out).end(body);
        } catch {
          res.destroy();
        }
      })().finally(() => (inflight -= 1));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Resolves once a create is being held: the run behind it is writing, and holds its locks. */
    async holding(): Promise<void> {
      while (held === 0) await new Promise((r) => setTimeout(r, 20));
    },
    open: () => release(),
    /** Resolves once every request received has had its answer from the emulator. */
    async idle(): Promise<void> {
      while (inflight > 0) await new Promise((r) => setTimeout(r, 20));
    },
    close: () =>
      new Promise<void>((r) => {
        release();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function setUp() {
  const dir = await mkdtemp(join(tmpdir(), "qonto-lock-e2e-"));
  const rows: string[][] = [];
  for (let i = 0; i < ROWS; i++)
    rows.push([
      `Verrou ${i} SAS`,
      `compta${i}@verrou${i}.fr`,
      frVat(siren(i * 7919 + 3)),
      "69002",
      "Lyon",
      "FR",
    ]);
  const file = join(dir, "clients.csv");
  await writeFile(file, toCsv(HEADER, rows));
  const emulator: RunningEmulator = await startEmulator({ faults: { latencyMs: [2, 10] } });
  const proxy = await gate(emulator.url, LET_THROUGH);
  cleanup.push(
    () => emulator.close(),
    () => proxy.close(),
  );
  const reports = join(dir, "reports");
  const args = (reportDir = reports) => ["clients", file, "--base-url", proxy.url, "--report-dir", reportDir];
  return { dir, file, emulator, proxy, reports, args, expected: rows.map((r) => r[0]!).sort() };
}

/** The first run, spawned; resolves its exit code and output when it ends. */
function start(args: string[]): {
  child: ChildProcess;
  done: Promise<{ code: number | null; stderr: string }>;
} {
  const child = spawn(process.execPath, [CLI, ...args], { env: cliEnv(ENV), cwd: ROOT });
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on("exit", (code) => resolve({ code, stderr })),
  );
  cleanup.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await done;
  });
  return { child, done };
}

async function onlyFolder(reports: string): Promise<string> {
  const folders = (await readdir(reports)).filter((n) => !n.startsWith("."));
  expect(folders).toHaveLength(1);
  return join(reports, folders[0]!);
}

function names(e: RunningEmulator): string[] {
  return e
    .clients()
    .map((c) => c.name)
    .sort();
}

describe("two runs of the same import at the same time", () => {
  it("the second, started while the first writes, is refused at once (exit 2) naming the first; every client once", async () => {
    const t = await setUp();
    const first = start(t.args());
    await t.proxy.holding();
    const folder = await onlyFolder(t.reports);

    const second = await runCli([...t.args(), "--quiet"], ENV);
    expect(second.code).toBe(2);
    const line = second.stderr.trim();
    expect(line.split("\n")).toHaveLength(1);
    expect(line).toContain(
      `another qonto-import run is writing to this organization (${t.proxy.url} as ${KEY.login})`,
    );
    expect(line).toContain(`pid ${first.child.pid}`);
    expect(line).toContain(`report folder ${folder}`);
    expect(line).not.toContain(KEY.secretKey);
    expect(await readdir(t.reports)).toHaveLength(1);

    t.proxy.open();
    const ended = await first.done;
    expect(ended.code).toBe(0);
    expect(names(t.emulator)).toEqual(t.expected);
    expect(t.emulator.requestCount().byRoute["POST /v2/clients"]).toBe(ROWS);
  });

  it("with another --report-dir, the second is refused all the same, and makes no report folder", async () => {
    const t = await setUp();
    const first = start(t.args());
    await t.proxy.holding();
    const folder = await onlyFolder(t.reports);

    const elsewhere = join(t.dir, "other-reports");
    const second = await runCli(t.args(elsewhere), ENV);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`pid ${first.child.pid}`);
    expect(second.stderr).toContain(`report folder ${folder}`);
    expect(existsSync(elsewhere)).toBe(false);

    t.proxy.open();
    expect((await first.done).code).toBe(0);
    expect(names(t.emulator)).toEqual(t.expected);
  });

  it("a dry run is allowed while a run holds the lock; apply, invoices and rollback --yes are refused", async () => {
    const t = await setUp();
    const first = start(t.args());
    await t.proxy.holding();
    const folder = await onlyFolder(t.reports);

    const plans = join(t.dir, "plans");
    const dry = await runCli([...t.args(plans), "--dry-run", "--quiet"], ENV);
    expect(dry.code).toBe(0);
    expect(dry.stderr).not.toContain("another qonto-import run");
    const plan = join(await onlyFolder(plans), "plan.json");

    const refusals = await Promise.all([
      runCli(["apply", plan, "--base-url", t.proxy.url, "--report-dir", join(t.dir, "applied")], ENV),
      runCli(
        ["invoices", join(ROOT, "samples/invoices.csv"), "--base-url", t.proxy.url, "--report-dir", plans],
        ENV,
      ),
      runCli(["rollback", folder, "--yes", "--base-url", t.proxy.url], ENV),
    ]);
    for (const r of refusals) {
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`pid ${first.child.pid}`);
    }
    // A rollback plan (no --yes) only reads: allowed.
    const rollbackPlan = await runCli(["rollback", folder, "--base-url", t.proxy.url, "--quiet"], ENV);
    expect(rollbackPlan.stderr).not.toContain("another qonto-import run");

    t.proxy.open();
    expect((await first.done).code).toBe(0);
    expect(names(t.emulator)).toEqual(t.expected);
  });

  it("a run killed with SIGKILL leaves a lock that does not block the next run: it takes over and finishes", async () => {
    const t = await setUp();
    const first = start([...t.args(), "--json"]);
    await t.proxy.holding();
    first.child.kill("SIGKILL");
    await first.done;
    const folder = await onlyFolder(t.reports);
    // What the crash left: the folder's lock (and the organization's, in the state folder).
    expect(existsSync(join(folder, ".run.lock"))).toBe(true);
    // The creates held when it died reach Qonto now, their answers lost: the re-run must not make them twice.
    t.proxy.open();
    await t.proxy.idle();

    const again = await runCli([...t.args(), "--json"], ENV);
    expect(again.stderr).toContain("finishing it");
    expect(again.code).toBe(0);
    expect(names(t.emulator)).toEqual(t.expected);
    expect(existsSync(join(folder, ".run.lock"))).toBe(false);
  });
});
