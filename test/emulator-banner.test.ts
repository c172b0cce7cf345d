// The emulator's banner, read as a user reads it: what it says to export, then the command it suggests, pasted.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CLI, runCli } from "./helpers/cli.js";
import { toCsv } from "./helpers/data.js";

const running: ChildProcessWithoutNullStreams[] = [];

afterEach(async () => {
  await Promise.all(
    running.splice(0).map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
        }),
    ),
  );
});

/** Starts `qonto-import emulator --port 0` and resolves with its banner once the suggested command is printed. */
function startEmulatorCli(args: string[], env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, [CLI, "emulator", "--port", "0", ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  running.push(child);
  let stderr = "";
  return new Promise((resolve, reject) => {
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (/Import into it with: .*\n/.test(stderr)) resolve(stderr);
    });
    child.on("exit", () => reject(new Error(`emulator exited: ${stderr}`)));
  });
}

/** The variables of the banner's `export A=1 B=2` line, as a shell would set them. */
function exported(banner: string): Record<string, string> {
  const line = /export (.+)\n/.exec(banner)?.[1];
  if (line === undefined) throw new Error(`the banner says nothing to export:\n${banner}`);
  return Object.fromEntries(
    line.split(" ").map((pair) => {
      const eq = pair.indexOf("=");
      return [pair.slice(0, eq), pair.slice(eq + 1)];
    }),
  );
}

async function pasteSuggestedCommand(banner: string, env: Record<string, string>) {
  const command = /Import into it with: (.+)\n/.exec(banner)?.[1];
  if (command === undefined) throw new Error(`no suggested command in:\n${banner}`);
  const dir = await mkdtemp(join(tmpdir(), "qonto-banner-"));
  const file = join(dir, "clients.csv");
  await writeFile(
    file,
    toCsv(
      ["Raison sociale", "Email", "Pays"],
      [
        ["Boulangerie Martin SARL", "contact@boulangerie-martin.fr", "France"],
        ["Atelier Lumière SAS", "compta@atelier-lumiere.fr", "France"],
      ],
    ),
  );
  const [program, ...args] = command.split(" ");
  expect(program).toBe("qonto-import");
  return runCli(
    args.map((arg) => (arg === "<file.csv>" ? file : arg)),
    env,
    dir,
  );
}

describe("the emulator's banner", () => {
  it("with the demo credentials, says what to export, and its suggested command then imports", async () => {
    const banner = await startEmulatorCli([], {});
    const env = exported(banner);
    expect(env).toEqual({ QONTO_LOGIN: "emulator-org", QONTO_SECRET_KEY: "emulator-secret" });
    const result = await pasteSuggestedCommand(banner, env);
    expect(result.stderr).not.toMatch(/credentials|401/i);
    expect(result.code).toBe(0);
  });

  it("under --sandbox, also gives the staging token, and the pasted command imports", async () => {
    const banner = await startEmulatorCli(["--sandbox"], {});
    const env = exported(banner);
    expect(env.QONTO_STAGING_TOKEN).toBe("emulator-staging-token");
    const result = await pasteSuggestedCommand(banner, env);
    expect(result.code).toBe(0);
  });

  it("with credentials the user set, names the variables and never prints the secret", async () => {
    const own = { QONTO_LOGIN: "my-org-1234", QONTO_SECRET_KEY: "s3cr3t-not-to-print" };
    const banner = await startEmulatorCli([], own);
    expect(banner).not.toContain("s3cr3t-not-to-print");
    expect(banner).not.toContain("emulator-secret");
    expect(banner).toContain("QONTO_LOGIN/QONTO_SECRET_KEY as set");
    expect(banner).not.toMatch(/export /);
    const result = await pasteSuggestedCommand(banner, own);
    expect(result.code).toBe(0);
  });
});
