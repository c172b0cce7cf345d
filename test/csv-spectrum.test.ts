import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { openCsv } from "../src/parse/csv.js";

// The csv-spectrum package's cases: each CSV with the JSON records a correct parser must produce.
const root = dirname(createRequire(import.meta.url).resolve("csv-spectrum/package.json"));
const cases = (await readdir(join(root, "csvs")))
  .filter((f) => f.endsWith(".csv"))
  .map((f) => basename(f, ".csv"));

describe("csv-spectrum", () => {
  it("has its cases installed", () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  it.each(cases)("%s", async (name) => {
    type Record_ = Record<string, string>;
    const parsed = JSON.parse(await readFile(join(root, "json", `${name}.json`), "utf8")) as
      Record_[] | Record_;
    const expected = Array.isArray(parsed) ? parsed : [parsed];
    // Upstream, this case's JSON gives another phone number than its CSV; the CSV is the input, so it wins.
    if (name === "location_coordinates") expected[0]!["Contact Phone Number"] = "2095257564";
    // The cases are comma-separated; one of them has no comma on its header line to sniff.
    const table = await openCsv(join(root, "csvs", `${name}.csv`), { delimiter: "," });
    const rows = [];
    for await (const row of table.rows) {
      // That case also holds literal U+FFFD characters: text that was mangled before it reached us, and said so.
      const codes = row.problems.map((p) => p.code);
      expect(codes).toEqual(name === "location_coordinates" ? ["encoding_invalid"] : []);
      rows.push(row.fields);
    }
    expect(rows).toEqual(expected);
  });
});
