import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";

/** Every quote of a line is closed: ' and " each come in pairs. */
function balanced(line: string): boolean {
  return (line.match(/'/g) ?? []).length % 2 === 0 && (line.match(/"/g) ?? []).length % 2 === 0;
}

describe("a mistyped option or command names the one the user most likely meant", () => {
  const cases: { args: string[]; line: RegExp }[] = [
    { args: ["clients", "x.csv", "--dyr-run"], line: /'--dyr-run': did you mean --dry-run\?/ },
    { args: ["clients", "x.csv", "--dryrun"], line: /'--dryrun': did you mean --dry-run\?/ },
    { args: ["clients", "x.csv", "--dry"], line: /did you mean --dry-run\?/ },
    { args: ["clients", "x.csv", "-dry-run"], line: /'-dry-run': did you mean --dry-run\?/ },
    { args: ["clients", "x.csv", "--on-mach", "skip"], line: /did you mean --on-match\?/ },
    { args: ["invoices", "x.csv", "--payment-iabn", "FR76"], line: /did you mean --payment-iban\?/ },
    { args: ["template", "clients", "--fromat", "csv"], line: /did you mean --format\?/ },
    { args: ["emulator", "--prot", "0"], line: /did you mean --port\?/ },
    { args: ["client", "x.csv"], line: /unknown command "client": did you mean clients\?/ },
  ];
  it.each(cases)("$args → $line", async ({ args, line }) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
    expect(lines[0]).toMatch(/qonto-import (\w+ )?--help$/);
    expect(balanced(lines[0]!)).toBe(true);
  });

  it.each([["--xyzzy"], ["-Z"], ["--frobnicate-everything"]])(
    "nothing close to %s: no guess, still one balanced line",
    async (option) => {
      const result = await runCli(["clients", "x.csv", option]);
      expect(result.code).toBe(2);
      const lines = result.stderr.trim().split("\n");
      expect(lines).toEqual([`qonto-import: Unknown option '${option}'; see qonto-import clients --help`]);
    },
  );
});

describe("no arguments at all", () => {
  it("prints the main help and exits 2", async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toMatch(/Usage:\n\s+qonto-import clients <file>/);
  });

  it("--help still exits 0", async () => {
    const result = await runCli(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage:/);
  });
});

describe("template never overwrites a file without --force", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "qonto-small-tpl-"));
  });

  it.each([
    {
      name: "--out",
      args: (d: string) => ["--out", join(d, "mine.csv")],
      file: (d: string) => join(d, "mine.csv"),
    },
    { name: "the default name", args: () => [], file: (d: string) => join(d, "clients-fr.csv") },
  ])("a filled-in file at $name is kept, and --force overwrites it", async ({ args, file }) => {
    const path = file(dir);
    await writeFile(path, "my filled-in clients\n");
    const refused = await runCli(["template", "clients", "--format", "csv", ...args(dir)], {}, dir);
    expect(refused.code).toBe(2);
    const lines = refused.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/already exists: give --force to overwrite it/);
    expect(lines[0]).toContain(args(dir).length > 0 ? path : "clients-fr.csv");
    expect(await readFile(path, "utf8")).toBe("my filled-in clients\n");

    const forced = await runCli(["template", "clients", "--format", "csv", "--force", ...args(dir)], {}, dir);
    expect(forced.code).toBe(0);
    expect(await readFile(path, "utf8")).not.toBe("my filled-in clients\n");
  });

  it("the help lists --force", async () => {
    const result = await runCli(["template", "--help"]);
    expect(result.stdout).toMatch(/^\s+--force\s/m);
  });
});
