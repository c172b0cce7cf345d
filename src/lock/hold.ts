/**
 * Takes, keeps and releases the run locks (the thin wrapper around `run-lock.ts`). proper-lockfile makes each lock
 * a directory created atomically and refreshes its mtime while the run lives; a lock not refreshed for STALE_MS is
 * stale and the next run takes it over, which is how a crashed run's lock goes away. The owner record beside it
 * only decides between refusing at once (its process is alive) and waiting for the staleness (it is dead).
 */
import { readFileSync, unlinkSync } from "node:fs";
import { mkdir, readFile, rename, unlink } from "node:fs/promises";
import { homedir, hostname } from "node:os";
import { dirname, resolve } from "node:path";
import lockfile from "proper-lockfile";
import { RunLockedError, UsageError } from "../errors.js";
import { describeFsError } from "../parse/csv.js";
import { prepareReportRoot, writeReportFile } from "../report/safe-files.js";
import {
  folderLockPaths,
  heldMessage,
  holderState,
  lostMessage,
  organizationKey,
  organizationLockPaths,
  parseOwner,
  stateDir,
  takeoverMessage,
  type LockOwner,
  type LockPaths,
  type LockSubject,
  type LockTarget,
} from "./run-lock.js";

/** Ten seconds without a refresh and a lock is stale: the wait a crashed run's lock costs the next run. */
export const STALE_MS = 10_000;
const POLL_MS = 500;

export interface LockSettings {
  /** Where each run's report folder is made (named by the owner record until the folder is chosen). */
  reportDir: string;
  log(line: string): void;
  staleMs?: number;
  /** What the owner record names as the command; default this process's command line (no flag holds a secret). */
  command?: string;
  /** Default from the environment: QONTO_IMPORT_STATE_DIR, XDG_STATE_HOME, ~/.local/state. */
  stateDir?: string;
}

interface Held {
  paths: LockPaths;
  release: () => Promise<void>;
}

/** A writing run's locks: its organization's, taken first, then its report folder's. */
export class RunLock {
  private readonly folders = new Map<string, Held>();
  private lost: string | null = null;
  private readonly lostListeners: ((reason: string) => void)[] = [];

  private constructor(
    private readonly org: LockSubject,
    private orgHeld: Held | undefined,
    private owner: LockOwner,
    private readonly settings: LockSettings & { staleMs: number },
  ) {}

  static async take(target: LockTarget, settings: LockSettings): Promise<RunLock> {
    const key = organizationKey(target);
    const dir = settings.stateDir ?? stateDir(process.env, homedir());
    // Made 0700 where missing; one another user could write in could be used to block or fool the locks.
    await prepareReportRoot(resolve(dir, "locks"), {
      name: "the state folder (where runs lock the organization they write to)",
      instead: "set QONTO_IMPORT_STATE_DIR to a folder of your own",
    });
    const owner: LockOwner = {
      pid: process.pid,
      host: hostname(),
      startedAt: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
      command: settings.command ?? commandLine(),
      reportDir: settings.reportDir,
      reportFolderChosen: false,
    };
    const lock = new RunLock({ kind: "organization", label: key.label }, undefined, owner, {
      ...settings,
      staleMs: settings.staleMs ?? STALE_MS,
    });
    lock.orgHeld = await lock.acquire(organizationLockPaths(dir, key.id), lock.org);
    return lock;
  }

  /** Locks the run's report folder (a no-op if held) and names it in the organization's owner record. */
  async holdFolder(folder: string): Promise<void> {
    const dir = resolve(folder);
    if (!this.folders.has(dir))
      this.folders.set(dir, await this.acquire(folderLockPaths(dir), { kind: "folder", folder: dir }));
    this.owner = { ...this.owner, reportDir: dir, reportFolderChosen: true };
    if (this.orgHeld !== undefined) await writeOwner(this.orgHeld.paths.owner, this.owner);
  }

  /** Locks a folder the run may resume; false (and a line logged) when a live run holds it: that run is not unfinished. */
  async tryFolder(folder: string): Promise<boolean> {
    try {
      const dir = resolve(folder);
      if (!this.folders.has(dir))
        this.folders.set(dir, await this.acquire(folderLockPaths(dir), { kind: "folder", folder: dir }));
      return true;
    } catch (err) {
      if (!(err instanceof RunLockedError)) throw err;
      this.settings.log(`Not resuming: ${err.message.replace(/; wait for it.*$/, "")}.`);
      return false;
    }
  }

  /** Releases a folder locked by tryFolder that the run does not resume. */
  async releaseFolder(folder: string): Promise<void> {
    const dir = resolve(folder);
    const held = this.folders.get(dir);
    this.folders.delete(dir);
    if (held !== undefined) await releaseHeld(held);
  }

  /** Called once if a lock is lost while the run goes on (at once if it already was): the run must stop writing. */
  onLost(listener: (reason: string) => void): void {
    if (this.lost !== null) listener(this.lost);
    else this.lostListeners.push(listener);
  }

  /** Releases every lock; run in `finally`, whatever the exit. */
  async release(): Promise<void> {
    const held = [...this.folders.values(), ...(this.orgHeld === undefined ? [] : [this.orgHeld])];
    this.folders.clear();
    this.orgHeld = undefined;
    for (const h of held) await releaseHeld(h);
  }

  private async acquire(paths: LockPaths, what: LockSubject): Promise<Held> {
    const { staleMs, log } = this.settings;
    // A dead holder's lock goes stale within staleMs of its last refresh; a holder that has just taken the lock
    // writes its owner record at once.
    const deadline = Date.now() + staleMs + 5_000;
    let told = false;
    for (;;) {
      let release: () => Promise<void>;
      try {
        release = await lockfile.lock(paths.lock, {
          lockfilePath: paths.lock,
          realpath: false,
          stale: staleMs,
          onCompromised: () => this.compromised(what),
        });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ELOCKED")
          throw new UsageError(`cannot take the lock ${paths.lock}: ${describeFsError(err)}`);
        const holder = await readOwner(paths.owner);
        const state = holderState(holder, hostname(), isAlive);
        if (state === "alive" || state === "elsewhere" || Date.now() > deadline)
          throw new RunLockedError(heldMessage(what, holder));
        if (state === "dead" && holder !== undefined && !told) {
          log(takeoverMessage(what, holder, staleMs));
          told = true;
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
        continue;
      }
      const held = { paths, release };
      try {
        await writeOwner(
          paths.owner,
          what.kind === "folder"
            ? { ...this.owner, reportDir: what.folder, reportFolderChosen: true }
            : this.owner,
        );
      } catch (err) {
        await releaseHeld(held);
        throw new UsageError(`cannot write ${paths.owner}: ${describeFsError(err)}`);
      }
      heldOwners.add(paths.owner);
      return held;
    }
  }

  private compromised(what: LockSubject): void {
    if (this.lost !== null) return;
    this.lost = lostMessage(what);
    this.settings.log(`Stopping: ${this.lost}.`);
    for (const l of this.lostListeners.splice(0)) l(this.lost);
  }
}

/**
 * Runs `run` holding the locks of a run that writes to Qonto, released on every way out; with no target (a dry run,
 * a rollback plan) it takes none.
 */
export async function withRunLock<T>(
  target: LockTarget | undefined,
  settings: LockSettings,
  run: (lock: RunLock | undefined) => Promise<T>,
): Promise<T> {
  if (target === undefined) return run(undefined);
  const lock = await RunLock.take(target, settings);
  try {
    return await run(lock);
  } finally {
    await lock.release();
  }
}

function commandLine(): string {
  const line = ["qonto-import", ...process.argv.slice(2)].join(" ");
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, as another user's process.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    return parseOwner(await readFile(path, "utf8"));
  } catch {
    return undefined;
  }
}

// Written whole then renamed, so a reader never sees half a record.
async function writeOwner(path: string, owner: LockOwner): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  // Created exclusively (a link placed under the name is removed, never followed); one left by a crashed process
  // that had this pid is ours to replace.
  await writeReportFile(tmp, JSON.stringify(owner) + "\n", true);
  await rename(tmp, path);
}

async function releaseHeld(held: Held): Promise<void> {
  // The owner record first: once the lock is gone, the record beside it may be the next holder's.
  heldOwners.delete(held.paths.owner);
  await unlinkOwnIfOurs(held.paths.owner);
  // A lock lost meanwhile (compromised) is not ours to remove.
  await held.release().catch(() => undefined);
}

async function unlinkOwnIfOurs(path: string): Promise<void> {
  const owner = await readOwner(path);
  if (owner?.pid === process.pid) await unlink(path).catch(() => undefined);
}

// A second Ctrl-C exits at once: proper-lockfile removes its lock directories on exit, and this the owner records.
const heldOwners = new Set<string>();
process.on("exit", () => {
  for (const path of heldOwners)
    try {
      if (parseOwner(readFileSync(path, "utf8"))?.pid === process.pid) unlinkSync(path);
    } catch {
      // Gone already.
    }
});
