import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RunLockedError } from "../src/errors.js";
import { RunLock, withRunLock } from "../src/lock/hold.js";
import {
  folderLockPaths,
  heldMessage,
  holderState,
  organizationKey,
  organizationLockPaths,
  stateDir,
  type LockOwner,
  type LockTarget,
} from "../src/lock/run-lock.js";

const TOKEN = "oauth-token-that-must-never-be-written";
const API_KEY: LockTarget = {
  baseUrl: "http://127.0.0.1:1234",
  auth: { kind: "api_key", login: "org-1", secretKey: "s3cret" },
};

describe("lock keys and messages (pure)", () => {
  it("keys an organization by base URL and login, a token by its hash only", () => {
    const a = organizationKey({ baseUrl: "https://thirdparty.qonto.com/", auth: API_KEY.auth });
    expect(a.label).toBe("https://thirdparty.qonto.com as org-1");
    expect(organizationKey({ baseUrl: "https://thirdparty.qonto.com", auth: API_KEY.auth }).id).toBe(a.id);
    const otherLogin = { kind: "api_key", login: "org-2", secretKey: "s3cret" } as const;
    expect(organizationKey({ baseUrl: "https://thirdparty.qonto.com", auth: otherLogin }).id).not.toBe(a.id);
    // The secret key is not part of the key: the same login with a new key is the same organization.
    const newSecret = { kind: "api_key", login: "org-1", secretKey: "other" } as const;
    expect(organizationKey({ baseUrl: "https://thirdparty.qonto.com", auth: newSecret }).id).toBe(a.id);
    const t = organizationKey({ baseUrl: "https://x", auth: { kind: "oauth", accessToken: TOKEN } });
    expect(t.id).toMatch(/^[0-9a-f]{32}$/);
    expect(`${t.id} ${t.label}`).not.toContain(TOKEN);
    expect(t.label).toMatch(/^https:\/\/x as an OAuth token \(sha256 [0-9a-f]{12}…\)$/);
  });

  it("finds the state folder: QONTO_IMPORT_STATE_DIR, else XDG_STATE_HOME, else ~/.local/state", () => {
    expect(stateDir({ QONTO_IMPORT_STATE_DIR: "/s", XDG_STATE_HOME: "/x" }, "/home/u")).toBe("/s");
    expect(stateDir({ XDG_STATE_HOME: "/x" }, "/home/u")).toBe("/x/qonto-import");
    expect(stateDir({ XDG_STATE_HOME: "relative" }, "/home/u")).toBe("/home/u/.local/state/qonto-import");
    expect(stateDir({}, "/home/u")).toBe("/home/u/.local/state/qonto-import");
  });

  it("tells a live holder from a dead one, and one on another host", () => {
    const owner: LockOwner = {
      pid: 42,
      host: "here",
      startedAt: "2026-12-04T15:20:03Z",
      command: "qonto-import clients a.csv",
      reportDir: "reports/20261204-152003-a",
      reportFolderChosen: true,
    };
    expect(holderState(owner, "here", () => true)).toBe("alive");
    expect(holderState(owner, "here", () => false)).toBe("dead");
    expect(holderState(owner, "there", () => false)).toBe("elsewhere");
    expect(holderState(undefined, "here", () => false)).toBe("unknown");
    expect(heldMessage({ kind: "organization", label: "https://x as org-1" }, owner)).toBe(
      'another qonto-import run is writing to this organization (https://x as org-1): pid 42 on here, started 2026-12-04T15:20:03Z, command "qonto-import clients a.csv", report folder reports/20261204-152003-a; wait for it to finish, or stop it',
    );
  });
});

async function fresh(): Promise<{
  state: string;
  reports: string;
  lines: string[];
  log: (l: string) => void;
}> {
  const root = await mkdtemp(join(tmpdir(), "qonto-lock-"));
  const lines: string[] = [];
  return { state: join(root, "state"), reports: join(root, "reports"), lines, log: (l) => lines.push(l) };
}

/** The pid of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(child.stdout.toString());
}

describe("run locks (files)", () => {
  it("refuses a second holder with the first's owner, and lets it in once released", async () => {
    const t = await fresh();
    const settings = {
      reportDir: t.reports,
      log: t.log,
      stateDir: t.state,
      command: "qonto-import clients a.csv",
    };
    const first = await RunLock.take(API_KEY, settings);
    const folder = join(t.reports, "20261204-152003-a");
    mkdirSync(folder, { recursive: true });
    await first.holdFolder(folder);

    const refused = await RunLock.take(API_KEY, settings).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RunLockedError);
    const message = (refused as Error).message;
    expect(message).toContain(
      "another qonto-import run is writing to this organization (http://127.0.0.1:1234 as org-1)",
    );
    expect(message).toContain(`pid ${process.pid} on ${hostname()}`);
    expect(message).toContain(`report folder ${folder}`);
    expect(message).toContain('command "qonto-import clients a.csv"');

    // The same report folder, through another organization: refused too.
    const other = await RunLock.take({ ...API_KEY, baseUrl: "http://127.0.0.1:9" }, settings);
    expect(await other.tryFolder(folder)).toBe(false);
    expect(t.lines.join("\n")).toContain(`this report folder (${folder})`);
    const again = await other.holdFolder(folder).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(RunLockedError);
    await other.release();

    await first.release();
    expect(readdirSync(join(t.state, "locks"))).toEqual([]);
    expect(readdirSync(folder)).toEqual([]);
    const second = await RunLock.take(API_KEY, settings);
    await second.release();
  });

  it("writes no secret in its files, and keeps its state folder private", async () => {
    const t = await fresh();
    const target = { baseUrl: "http://127.0.0.1:1234", auth: { kind: "oauth", accessToken: TOKEN } } as const;
    await withRunLock(target, { reportDir: t.reports, log: t.log, stateDir: t.state }, async () => {
      const files = readdirSync(join(t.state, "locks"));
      expect(files).toHaveLength(2);
      for (const f of files) {
        expect(f).not.toContain(TOKEN);
        if (f.endsWith(".json")) expect(readFileSync(join(t.state, "locks", f), "utf8")).not.toContain(TOKEN);
      }
      const refused = await RunLock.take(target, {
        reportDir: t.reports,
        log: t.log,
        stateDir: t.state,
      }).catch((e: unknown) => e as Error);
      expect(refused).toBeInstanceOf(RunLockedError);
      expect((refused as Error).message).not.toContain(TOKEN);
    });
    const { statSync } = await import("node:fs");
    expect(statSync(join(t.state, "locks")).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(t.state, "locks"))).toEqual([]);
  });

  it("releases on an error thrown by the run", async () => {
    const t = await fresh();
    const settings = { reportDir: t.reports, log: t.log, stateDir: t.state };
    await expect(withRunLock(API_KEY, settings, () => Promise.reject(new Error("boom")))).rejects.toThrow(
      "boom",
    );
    expect(readdirSync(join(t.state, "locks"))).toEqual([]);
  });

  it("takes over the lock of a run that died, once it is stale, saying so once", async () => {
    const t = await fresh();
    const { id } = organizationKey(API_KEY);
    const paths = organizationLockPaths(t.state, id);
    // What a SIGKILLed run leaves: its lock directory, fresh, and its owner record.
    mkdirSync(paths.lock, { recursive: true });
    const dead: LockOwner = {
      pid: deadPid(),
      host: hostname(),
      startedAt: "2026-12-04T15:20:03Z",
      command: "qonto-import clients a.csv",
      reportDir: "reports/x",
      reportFolderChosen: true,
    };
    writeFileSync(paths.owner, JSON.stringify(dead));
    const lock = await RunLock.take(API_KEY, {
      reportDir: t.reports,
      log: t.log,
      stateDir: t.state,
      staleMs: 2_000,
    });
    expect(t.lines.filter((l) => l.includes("ended without releasing it"))).toHaveLength(1);
    expect(t.lines[0]).toContain(`pid ${dead.pid}`);
    const owner = JSON.parse(readFileSync(paths.owner, "utf8")) as LockOwner;
    expect(owner.pid).toBe(process.pid);
    await lock.release();
  });

  it("refuses at once a holder on another host (its pid cannot be checked) while its lock is fresh", async () => {
    const t = await fresh();
    const folder = join(t.reports, "run");
    const paths = folderLockPaths(folder);
    mkdirSync(paths.lock, { recursive: true });
    const elsewhere: LockOwner = {
      pid: deadPid(),
      host: `${hostname()}-other`,
      startedAt: "2026-12-04T15:20:03Z",
      command: "qonto-import clients a.csv",
      reportDir: folder,
      reportFolderChosen: true,
    };
    writeFileSync(paths.owner, JSON.stringify(elsewhere));
    const lock = await RunLock.take(API_KEY, { reportDir: t.reports, log: t.log, stateDir: t.state });
    const refused = await lock.holdFolder(folder).catch((e: unknown) => e as Error);
    expect(refused).toBeInstanceOf(RunLockedError);
    expect((refused as Error).message).toContain(`on ${hostname()}-other`);
    await lock.release();
    // Not ours: left as it was.
    expect(readdirSync(folder).sort()).toEqual([".run.lock", ".run.lock.owner.json"]);
  });

  it("tells the run to stop when its lock is lost while it runs", async () => {
    const t = await fresh();
    const lock = await RunLock.take(API_KEY, {
      reportDir: t.reports,
      log: t.log,
      stateDir: t.state,
      staleMs: 2_000,
    });
    const lost = new Promise<string>((resolve) => lock.onLost(resolve));
    // Another process removing the lock (or taking it over after a suspend) is what proper-lockfile notices.
    rmSync(organizationLockPaths(t.state, organizationKey(API_KEY).id).lock, { recursive: true });
    expect(await lost).toContain("was lost");
    await lock.release(); // does not throw
  });
});
