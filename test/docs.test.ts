import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SOURCE_FIELDS } from "../src/map/aliases.js";
import { PROBLEMS } from "../src/problems.js";
import { ROOT, runCli } from "./helpers/cli.js";

describe("the README stays true", () => {
  it("documents every problem code the tool can report", async () => {
    const readme = await readFile(join(ROOT, "README.md"), "utf8");
    const missing = Object.keys(PROBLEMS).filter((code) => !readme.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });

  it("lists every field a mapping file may name", async () => {
    const readme = await readFile(join(ROOT, "README.md"), "utf8");
    const section = readme.slice(
      readme.indexOf("### Mapping file"),
      readme.indexOf("### Matching existing clients"),
    );
    expect(Object.keys(SOURCE_FIELDS).filter((f) => !section.includes(`\`${f}\``))).toEqual([]);
  });

  it("documents every option that `clients --help` lists", async () => {
    const readme = await readFile(join(ROOT, "README.md"), "utf8");
    const help = (await runCli(["clients", "--help"])).stdout;
    const flags = [...help.matchAll(/^\s+(--[a-z-]+)/gm)].map((m) => m[1]!).filter((f) => f !== "--help");
    expect(flags.length).toBeGreaterThan(8);
    expect(flags.filter((f) => !readme.includes(`\`${f}`))).toEqual([]);
  });
});
