import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SOURCE_FIELDS } from "../src/map/aliases.js";
import { END, renderProblemTable, START } from "../src/docs.js";
import { PROBLEMS } from "../src/problems.js";
import { ROOT, runCli } from "./helpers/cli.js";

describe("the README stays true", () => {
  it("its problem table is the catalogue, rendered (npm run docs)", async () => {
    const readme = await readFile(join(ROOT, "README.md"), "utf8");
    // Prettier pads the cells; compare the cells themselves.
    const cells = (table: string) =>
      table
        .split("\n")
        .filter((l) => l.startsWith("|") && !/^\|\s*-/.test(l))
        .map((l) =>
          l
            .split(/(?<!\\)\|/)
            .map((c) => c.trim())
            .filter((c) => c !== ""),
        );
    const section = readme.slice(readme.indexOf(START), readme.indexOf(END));
    expect(cells(section)).toEqual(cells(renderProblemTable()));
    expect(cells(section)).toHaveLength(Object.keys(PROBLEMS).length + 1);
  });

  it("every problem code is named by some test (the samples test checks each row rule is produced)", async () => {
    const dir = join(ROOT, "test");
    const texts = await Promise.all(
      (await readdir(dir))
        .filter((f) => f.endsWith(".test.ts") && f !== "docs.test.ts")
        .map((f) => readFile(join(dir, f), "utf8")),
    );
    const all = texts.join("\n");
    expect(Object.keys(PROBLEMS).filter((code) => !all.includes(`"${code}"`))).toEqual([]);
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
