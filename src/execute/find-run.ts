import { existsSync } from "node:fs";
import { otherBaseUrl, UsageError } from "../errors.js";
import { JOURNAL_FILE, readJournal, type JournalState } from "../journal/journal.js";
import { optionsHash, unfinishedRun, unfinishedRuns, type UnfinishedRun } from "../journal/resume.js";
import { type RunLock } from "../lock/hold.js";
import { runFolderProblem } from "../report/safe-files.js";
import type { ExecuteSettings, RunHooks, RunInput } from "./types.js";

/**
 * The unfinished run this one finishes: the one named by --resume, or one of the same input with the same options
 * (re-running the command that was interrupted finishes its job). Another unfinished run of the input, with other
 * options, is not guessed at: the user chooses. A folder is locked before its journal decides: one a live run
 * holds is that run's, not an unfinished one (and --resume of it is refused).
 */
export async function findRunToResume(
  input: Pick<RunInput, "file" | "sha256">,
  settings: Pick<ExecuteSettings, "resume" | "newRun" | "reportDir" | "recorded">,
  hooks: RunHooks,
  lock: RunLock,
): Promise<UnfinishedRun | undefined> {
  if (settings.resume !== undefined) {
    // A folder that is not there is reported below, as one without a journal.
    if (existsSync(settings.resume)) {
      const unsafe = runFolderProblem(settings.resume, JOURNAL_FILE);
      if (unsafe !== undefined)
        throw new UsageError(`--resume ${settings.resume}: ${unsafe}; it is not resumed`);
      await lock.holdFolder(settings.resume);
    }
    let state: JournalState | undefined;
    try {
      state = readJournal(settings.resume);
    } catch (err) {
      throw new UsageError(
        `--resume ${settings.resume}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    if (state === undefined)
      throw new UsageError(
        `--resume ${settings.resume}: no ${JOURNAL_FILE} there; it is not the report folder of an import`,
      );
    if (state.start.input.sha256 !== input.sha256)
      throw new UsageError(
        `--resume ${settings.resume}: ${input.file} has changed since that run read it; resume with the file as it was, or start a new import`,
      );
    // The journal says where the run wrote, never where this one writes: a journal edited to name another host
    // must not get the credentials sent there.
    const recordedUrl = state.start.options.baseUrl;
    const wantedUrl = settings.recorded.baseUrl;
    if (recordedUrl !== undefined && typeof wantedUrl === "string" && recordedUrl !== wantedUrl)
      throw new UsageError(
        `--resume ${settings.resume}: ${otherBaseUrl("that run", recordedUrl, wantedUrl)}`,
      );
    hooks.log(`Resuming the run in ${settings.resume}: rows already done are not sent again.`);
    return { dir: settings.resume, state };
  }
  if (settings.newRun) return undefined;
  const runs: UnfinishedRun[] = [];
  for (const found of unfinishedRuns(settings.reportDir, input.sha256, (line) => hooks.log(line))) {
    // A folder someone else could have made or written in is not this user's run to go on with.
    const unsafe = runFolderProblem(found.dir, JOURNAL_FILE);
    if (unsafe !== undefined) {
      hooks.log(`warning: the run in ${found.dir} is not resumed: ${unsafe}.`);
      continue;
    }
    if (!(await lock.tryFolder(found.dir))) continue;
    // Read again under the lock: the run that held it may have finished meanwhile.
    const again = unfinishedRun(found.dir, input.sha256);
    if (again === undefined) await lock.releaseFolder(found.dir);
    else runs.push(again);
  }
  const hash = optionsHash(settings.recorded);
  const same = runs.find((r) => r.state.start.options_hash === hash);
  // Only the folder resumed stays locked.
  for (const r of runs) if (r !== same) await lock.releaseFolder(r.dir);
  if (same !== undefined) {
    hooks.log(
      `An earlier run of this file stopped before the end (${same.dir}); finishing it: rows already done are not sent again.`,
    );
    return same;
  }
  const other = runs[0];
  if (other !== undefined)
    throw new UsageError(
      `an unfinished run of this file, with other options, is in ${other.dir}: finish it with --resume ${other.dir}, or start another with --new-run`,
    );
  return undefined;
}
