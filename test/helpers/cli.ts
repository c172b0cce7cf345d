import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const CLI = `${ROOT}dist/src/cli.js`;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

// The runs' locks live here, one folder per test file, never in the user's own state folder.
const STATE_DIR = mkdtempSync(join(tmpdir(), "qonto-state-"));

/** The environment a test gives the CLI: PATH, a state folder of the test's own, then what the test sets. */
export function cliEnv(env: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? "", QONTO_IMPORT_STATE_DIR: STATE_DIR, ...env };
}

/** Runs the built CLI as a user would, with only the environment given (plus PATH and a state folder). */
export function runCli(args: string[], env: Record<string, string> = {}, cwd = ROOT): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd, env: cliEnv(env), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
