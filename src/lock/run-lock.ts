/**
 * Which run holds what: the pure part of the run locks (keys, paths, the owner record and the messages). A run that
 * writes to Qonto holds one lock for the organization it writes to and one for its report folder; the files and
 * the waiting are in `hold.ts`.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { z } from "zod";
import type { QontoAuth } from "../upload/client.js";

/** An organization as a lock sees it: who writes where, without the secret. */
export interface LockTarget {
  baseUrl: string;
  auth: QontoAuth;
}

/** The organization's lock key (a file name) and how a message names it. Never holds a secret. */
export function organizationKey(target: LockTarget): { id: string; label: string } {
  const baseUrl = target.baseUrl.replace(/\/+$/, "");
  // A bearer token is itself the secret: it is keyed and named by its hash only.
  const who =
    target.auth.kind === "api_key"
      ? { key: `login:${target.auth.login}`, label: target.auth.login }
      : (() => {
          const hash = sha256(target.auth.accessToken);
          return { key: `token-sha256:${hash}`, label: `an OAuth token (sha256 ${hash.slice(0, 12)}…)` };
        })();
  return {
    id: sha256(JSON.stringify([baseUrl, who.key])).slice(0, 32),
    label: `${baseUrl} as ${who.label}`,
  };
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The per-user folder holding the organization locks. */
export function stateDir(env: Readonly<Record<string, string | undefined>>, home: string): string {
  const own = env.QONTO_IMPORT_STATE_DIR;
  if (own !== undefined && own !== "") return own;
  const xdg = env.XDG_STATE_HOME;
  // The XDG spec ignores a relative path.
  if (xdg !== undefined && xdg.startsWith("/")) return join(xdg, "qonto-import");
  return join(home, ".local", "state", "qonto-import");
}

/** A lock is a directory (proper-lockfile's); who holds it is in a file beside it. */
export interface LockPaths {
  lock: string;
  owner: string;
}

export function organizationLockPaths(dir: string, id: string): LockPaths {
  return { lock: join(dir, "locks", `${id}.lock`), owner: join(dir, "locks", `${id}.owner.json`) };
}

export function folderLockPaths(folder: string): LockPaths {
  return { lock: join(folder, ".run.lock"), owner: join(folder, ".run.lock.owner.json") };
}

const OwnerSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  startedAt: z.string(),
  command: z.string(),
  /** The run's report folder once it has one; until then the folder its report folder will be made in. */
  reportDir: z.string(),
  reportFolderChosen: z.boolean(),
});

export type LockOwner = z.infer<typeof OwnerSchema>;

/** The owner record as written; undefined if it is not one (being written, or from elsewhere). */
export function parseOwner(text: string): LockOwner | undefined {
  try {
    const parsed = OwnerSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What a lock found held means. "dead": its owner ran on this host and is gone, so the lock stops being refreshed
 * and goes stale within the stale period: wait and take it over. "alive" (or "elsewhere", where its pid cannot be
 * checked): refuse. "unknown": no owner record yet (the holder is between taking the lock and writing it): look again.
 */
export type HolderState = "alive" | "dead" | "elsewhere" | "unknown";

export function holderState(
  owner: LockOwner | undefined,
  thisHost: string,
  isAlive: (pid: number) => boolean,
): HolderState {
  if (owner === undefined) return "unknown";
  if (owner.host !== thisHost) return "elsewhere";
  return isAlive(owner.pid) ? "alive" : "dead";
}

/** What is locked, as the refusal names it. */
export type LockSubject = { kind: "organization"; label: string } | { kind: "folder"; folder: string };

function subject(what: LockSubject): string {
  return what.kind === "organization"
    ? `this organization (${what.label})`
    : `this report folder (${what.folder})`;
}

function ownerDetails(owner: LockOwner): string {
  const where = owner.reportFolderChosen
    ? `report folder ${owner.reportDir}`
    : `reports in ${owner.reportDir}`;
  return `pid ${owner.pid} on ${owner.host}, started ${owner.startedAt}, command "${owner.command}", ${where}`;
}

/** The one line a second run stops with. */
export function heldMessage(what: LockSubject, owner: LockOwner | undefined): string {
  const by = owner === undefined ? "(it has not said who it is yet)" : ownerDetails(owner);
  return `another qonto-import run is writing to ${subject(what)}: ${by}; wait for it to finish, or stop it`;
}

/** The line logged while waiting for the lock of a run that died to go stale. */
export function takeoverMessage(what: LockSubject, owner: LockOwner, staleMs: number): string {
  return `The run that held the lock on ${subject(what)} ended without releasing it (${ownerDetails(owner)}): taking it over once it is stale (within ${Math.ceil(staleMs / 1000)} s).`;
}

/** Why the run stopped when another run took its lock over (the machine slept, or the lock was removed). */
export function lostMessage(what: LockSubject): string {
  return `the lock on ${subject(what)} was lost (another run may have taken it over while this one was suspended): no more rows were sent; run the command again once no other run is writing to finish`;
}
