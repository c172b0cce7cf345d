/**
 * Where the tool writes its reports, and how: a report root only its user (or root) controls, a run folder of its
 * own, and files created exclusively, so that no one else can point a report, a plan or a journal at another file
 * through a link placed under its name.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  statSync,
  unlinkSync,
  type Stats,
} from "node:fs";
import { access, chmod, mkdir, open, stat } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { UsageError } from "../errors.js";
import { describeFsError } from "../parse/csv.js";

/** What folderProblem needs of a folder's stat. */
export interface FolderFacts {
  isDirectory: boolean;
  uid: number;
  mode: number;
}

/**
 * Why a folder is not safe to write reports in, or undefined. A report root may be shared as /tmp is (writable by
 * everyone, with the sticky bit, so no one can rename or remove another's entries); a run's own folder never is.
 * Root may own either: it can write anywhere all the same.
 */
export function folderProblem(facts: FolderFacts, uid: number, kind: "root" | "run"): string | undefined {
  if (!facts.isDirectory) return "it is not a folder";
  if (facts.uid !== uid && facts.uid !== 0) return `it is owned by another user (uid ${facts.uid})`;
  const sticky = (facts.mode & 0o1000) !== 0;
  if (kind === "root" && sticky) return undefined;
  const shared = kind === "root" ? " and has no sticky bit" : "";
  if ((facts.mode & 0o002) !== 0) return `it is writable by every user${shared}`;
  if ((facts.mode & 0o020) !== 0) return `it is writable by its group${shared}`;
  return undefined;
}

const factsOf = (s: Stats): FolderFacts => ({ isDirectory: s.isDirectory(), uid: s.uid, mode: s.mode });
// Windows has no uids: the checks that need one are skipped there.
const myUid = (): number | undefined => process.getuid?.();

/** How a refusal names a folder, and the other one the user may give instead. */
export interface FolderLabel {
  /** Before the path: "--report-dir", "the state folder". */
  name: string;
  /** What to do instead: "give another --report-dir". */
  instead: string;
}

const REPORT_DIR: FolderLabel = { name: "--report-dir", instead: "give another --report-dir" };

/**
 * Checks that `dir` can hold run folders, before anything is read from Qonto, without making anything: the folder
 * there, or, when it is missing, the nearest folder above it, which must be one the tool can create it in. Throws a
 * UsageError naming the folder, what is wrong and what to do.
 */
export async function checkReportRoot(dir: string, label: FolderLabel = REPORT_DIR): Promise<string> {
  const root = resolve(dir);
  if (isDanglingLink(root)) throw refusal(root, label, "it is a symbolic link to nothing");
  let above = root;
  for (;;) {
    try {
      await stat(above);
      break;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOTDIR") throw refusal(root, label, "a path above it is a file, not a folder");
      if (code !== "ENOENT" || dirname(above) === above)
        throw refusal(root, label, `it cannot be read: ${describeFsError(err)}`);
      above = dirname(above);
    }
  }
  if (above === root) await checkFolder(root, label);
  else await writable(above, root, label, `it cannot be created in ${above}`);
  return root;
}

/**
 * Makes sure `dir` can hold run folders: creates it (and the folders above it that are missing) 0700, or checks
 * the one there is (see checkReportRoot).
 */
export async function prepareReportRoot(dir: string, label: FolderLabel = REPORT_DIR): Promise<string> {
  const root = resolve(dir);
  if (isDanglingLink(root)) throw refusal(root, label, "it is a symbolic link to nothing");
  let created: string | undefined;
  try {
    created = await mkdir(root, { recursive: true, mode: 0o700 });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST" || code === "ENOTDIR")
      throw refusal(root, label, "it is not a folder (or a path above it is a file)");
    throw refusal(root, label, `it cannot be created: ${describeFsError(err)}`);
  }
  if (created !== undefined) {
    // mode is cut by the umask, and applies to new folders only: set it on each folder made here.
    const top = resolve(created);
    for (let d = root; d === top || isInside(d, top); d = dirname(d)) await chmod(d, 0o700);
  }
  await checkFolder(root, label);
  return root;
}

function refusal(root: string, label: FolderLabel, why: string, todo = label.instead): UsageError {
  return new UsageError(`${label.name} ${root}: ${why}; ${todo}`);
}

async function checkFolder(root: string, label: FolderLabel): Promise<void> {
  const uid = myUid();
  const s = await stat(root);
  if (uid !== undefined) {
    const problem = folderProblem(factsOf(s), uid, "root");
    if (problem !== undefined)
      throw refusal(
        root,
        label,
        `${problem}, so another user could put or replace files in it`,
        `make it yours and private (chmod 700 ${root}), or ${label.instead}`,
      );
  } else if (!s.isDirectory()) throw refusal(root, label, "it is not a folder");
  await writable(root, root, label, "it cannot be written in");
}

async function writable(folder: string, root: string, label: FolderLabel, what: string): Promise<void> {
  if (!(await stat(folder)).isDirectory()) throw refusal(root, label, `${folder} is a file, not a folder`);
  try {
    await access(folder, constants.W_OK | constants.X_OK);
  } catch (err) {
    throw refusal(root, label, `${what}: ${describeFsError(err)}`);
  }
}

function isDanglingLink(path: string): boolean {
  try {
    if (!lstatSync(path).isSymbolicLink()) return false;
  } catch {
    return false;
  }
  try {
    statSync(path);
    return false;
  } catch {
    return true;
  }
}

const isInside = (path: string, parent: string) => {
  const rel = relative(resolve(parent), path);
  return rel !== "" && !rel.startsWith("..") && !rel.startsWith(sep);
};

/**
 * Why an existing run folder (one to resume, or to write a rollback's report in again) is not to be written in, or
 * undefined: it must be a folder of this user's that no one else can write in, and its journal, if any, a file of
 * theirs rather than a link (it is appended to, not replaced).
 */
export function runFolderProblem(dir: string, journalFile: string): string | undefined {
  const uid = myUid();
  let s: Stats;
  try {
    s = statSync(dir);
  } catch (err) {
    return `it cannot be read: ${describeFsError(err)}`;
  }
  if (uid !== undefined) {
    const problem = folderProblem(factsOf(s), uid, "run");
    if (problem !== undefined) return problem;
  }
  const journal = join(dir, journalFile);
  try {
    const j = lstatSync(journal);
    if (j.isSymbolicLink()) return `${journal} is a symbolic link, not the journal the run wrote`;
    if (!j.isFile()) return `${journal} is not a regular file`;
    if (uid !== undefined && j.uid !== uid && j.uid !== 0)
      return `${journal} is owned by another user (uid ${j.uid})`;
  } catch {
    // No journal: said by the caller, as a folder that is not a run's.
  }
  return undefined;
}

// O_NOFOLLOW is POSIX; where it is missing (Windows) O_EXCL alone already refuses an existing name.
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NEW_FILE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW;

/**
 * Creates a report file, failing if anything (a file, a link) is there already: a link placed under its name is
 * never followed. `replace`: the file belongs to a run being resumed and is written again whole, so what is there
 * is removed first (a link itself, never what it points to).
 */
export function createReportFile(path: string, replace = false): number {
  if (replace) removeEntry(path);
  try {
    return openSync(path, NEW_FILE, 0o600);
  } catch (err) {
    throw reportFileError(path, err);
  }
}

/** Writes a whole report file, as createReportFile creates it. */
export async function writeReportFile(path: string, data: string, replace = false): Promise<void> {
  if (replace) removeEntry(path);
  let handle;
  try {
    handle = await open(path, NEW_FILE, 0o600);
  } catch (err) {
    throw reportFileError(path, err);
  }
  try {
    await handle.writeFile(data);
  } finally {
    await handle.close();
  }
}

function removeEntry(path: string): void {
  try {
    unlinkSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw reportFileError(path, err);
  }
}

function reportFileError(path: string, err: unknown): Error {
  if ((err as NodeJS.ErrnoException).code === "EEXIST")
    return new UsageError(
      `${path} appeared while the run was writing its report there (a report file is never written over): was another program writing in that folder?`,
    );
  return new UsageError(`${path} cannot be written: ${describeFsError(err)}`);
}

/**
 * Opens a journal to append to (and read its tail): "new" creates it exclusively, "append" opens the one there
 * is, "either" does whichever applies. Never through a link, and only a regular file of this user's.
 */
export function openJournalFile(path: string, how: "new" | "append" | "either"): number {
  const create =
    how === "new" ? constants.O_CREAT | constants.O_EXCL : how === "either" ? constants.O_CREAT : 0;
  const flags = constants.O_RDWR | constants.O_APPEND | NOFOLLOW | create;
  let fd: number;
  try {
    fd = openSync(path, flags, 0o600);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ELOOP")
      throw new UsageError(`${path} is a symbolic link: a journal is never written through one`);
    throw err;
  }
  const s = fstatSync(fd);
  const uid = myUid();
  const problem = !s.isFile()
    ? "is not a regular file"
    : uid !== undefined && s.uid !== uid && s.uid !== 0
      ? `is owned by another user (uid ${s.uid})`
      : undefined;
  if (problem !== undefined) {
    closeSync(fd);
    throw new UsageError(`${path} ${problem}: a journal is only appended to by the user who wrote it`);
  }
  return fd;
}
