import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { matchHeader } from "../src/map/header.js";
import { ROOT, runCli } from "./helpers/cli.js";

describe("templates/clients.csv", () => {
  it("maps every column to a Qonto field", async () => {
    const header = (await readFile(join(ROOT, "templates/clients.csv"), "utf8")).split("\n")[0]!.split(",");
    expect(matchHeader(header).unmapped).toEqual([]);
  });

  it("passes a dry run with every row valid", async () => {
    const result = await runCli([
      "clients",
      join(ROOT, "templates/clients.csv"),
      "--dry-run",
      "--json",
      "--quiet",
      "--report-dir",
      await mkdtemp(join(tmpdir(), "qonto-tpl-")),
    ]);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { outcomes: Record<string, number> };
    expect(summary.outcomes.would_create).toBe(2);
  });
});
