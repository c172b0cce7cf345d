import { existsSync, readdirSync } from "node:fs";
import { appendFile, mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BENCH_HEADER, clientRow, writeClientsCsv } from "../bench/generate.js";
import { matchHeader, type ColumnMapping } from "../src/map/header.js";
import { InputFileError } from "../src/errors.js";
import { openTable } from "../src/parse/open.js";
import type { SourceRow } from "../src/parse/source-row.js";
import { problem } from "../src/problems.js";
import { normalizeRow, type NormalizeDefaults } from "../src/validate/normalize.js";
import { fromWire, toWire, wireColumns } from "../src/clients/normalize-pool.js";
import { resolveImportOptions } from "../src/options/import.js";
import { ROOT, runCli } from "./helpers/cli.js";

// Issue 21: a big file's rows are normalized in worker threads. What a user must see is nothing at all: the same
// outcomes, problems and payloads as on one thread, in the same order.

// The bench generator's columns: a French export, every client field mapped.
const HEADER_ALL = BENCH_HEADER;

describe("a batch crossing to a worker", () => {
  const { mapping } = matchHeader(HEADER_ALL);
  const columns = wireColumns(mapping);
  const row = (recordNo: number, cells: string[], problems: SourceRow["problems"] = []): SourceRow => ({
    file: "x.csv",
    recordNo,
    line: recordNo + 1,
    fields: Object.fromEntries(HEADER_ALL.map((c, i) => [c, cells[i] ?? ""])),
    problems,
  });
  it.each([
    ["a generated valid company", clientRow(1)],
    ["a generated person", clientRow(3)],
    ["a generated invalid row", clientRow(9)],
    [
      "quotes, separators, a line break",
      ["Société", 'A "B"; C\nD', "", "", "a@b.fr", "", "", "", "1, rue X"],
    ],
    ["a control character", ["Société", "Nul\u0000Co", "", "", "", "", "", "", ""]],
    ["unicode beyond Latin-1", ["Particulier", "", "Łukasz", "Żółć 🦊", "l@example.pl", "", "", "", ""]],
    ["empty", []],
  ])("%s normalizes the same after the round trip", (_, cells) => {
    const source = row(7, cells);
    const [back] = fromWire(JSON.parse(JSON.stringify(toWire(1, [source], columns))), columns);
    expect(back).toBeDefined();
    expect(normalizeRow(back as SourceRow, mapping, { orgCountry: "FR", currency: "EUR" })).toEqual(
      normalizeRow(source, mapping, { orgCountry: "FR", currency: "EUR" }),
    );
  });
  it("keeps the reader's problems of each row, and only the mapped columns' values", () => {
    const found = problem("row_too_few_fields", "record 2 (line 3) has 3 fields, the header has 15");
    const rows = [row(1, clientRow(1)), row(2, ["Société", "X"], [found])];
    rows[0]!.fields["Not mapped"] = "secret";
    const wire = toWire(4, rows, columns);
    expect(wire.values).not.toContain("secret");
    const back = fromWire(wire, columns);
    expect(back.map((r) => r.problems)).toEqual([[], [found]]);
    expect(back[1]?.fields["Raison sociale"]).toBe("X");
  });
});

describe("QONTO_IMPORT_THREADS", () => {
  it.each(["-1", "1.5", "two", "17"])("refuses %s in one line", (value) => {
    const resolved = resolveImportOptions({ file: "x.csv", dryRun: true, threads: value }, {});
    expect(resolved.options).toBeUndefined();
    expect(resolved.errors).toEqual([
      `QONTO_IMPORT_THREADS (threads) must be a whole number from 0 to 16 (0: no worker thread), not "${value}"`,
    ]);
  });
  it.each([
    ["0", 0],
    ["3", 3],
  ])("takes %s", (value, threads) => {
    expect(resolveImportOptions({ file: "x.csv", dryRun: true, threads: value }, {}).options?.threads).toBe(
      threads,
    );
  });
});

// The pool as the CLI runs it: the built module, which finds its compiled worker script beside it.
const builtPool = () =>
  import(join(ROOT, "dist/src/clients/normalize-pool.js")) as Promise<
    typeof import("../src/clients/normalize-pool.js")
  >;

describe("the worker pool", () => {
  const { mapping } = matchHeader(HEADER_ALL);
  const rows = Array.from({ length: 30 }, (_, i): SourceRow => {
    const cells = clientRow(i);
    return {
      file: "x.csv",
      recordNo: i + 1,
      line: i + 2,
      fields: Object.fromEntries(HEADER_ALL.map((c, k) => [c, cells[k] ?? ""])),
      problems: [],
    };
  });
  it("gives each row what normalizeRow gives it, in order", async () => {
    const pool = (await builtPool()).workerNormalizer(
      { mapping, defaults: { orgCountry: "FR", currency: "EUR" } },
      2,
    );
    try {
      const [a, b] = await Promise.all([pool.normalize(rows.slice(0, 15)), pool.normalize(rows.slice(15))]);
      const got = [...(a ?? []), ...(b ?? [])];
      expect(got).toEqual(rows.map((r) => normalizeRow(r, mapping, { orgCountry: "FR", currency: "EUR" })));
    } finally {
      await pool.close();
    }
  });
  it("rejects a batch whose worker fails, and every batch after, instead of hanging", async () => {
    // Defaults that normalizeRow cannot read: the worker throws on its first row.
    const broken = { mapping, defaults: null as unknown as NormalizeDefaults };
    const pool = (await builtPool()).workerNormalizer(broken, 1);
    try {
      await expect(pool.normalize(rows.slice(0, 5))).rejects.toThrow();
      await expect(pool.normalize(rows.slice(5, 10))).rejects.toThrow();
    } finally {
      await pool.close();
    }
  });
});

describe("a dry run of 6,000 rows, on worker threads and without", () => {
  it("writes the same results, errors and plan", async () => {
    // The built worker script is what the CLI starts; without it the run would silently stay on one thread.
    expect((await builtPool()).workersAvailable()).toBe(true);
    const dir = await mkdtemp(join(tmpdir(), "qonto-threads-"));
    const file = join(dir, "clients.csv");
    await writeClientsCsv(file, 6_000);
    // What a real export adds: a totals line, a control character, a row cut short, among the generated rows.
    await appendFile(
      file,
      [
        "Société;Nul\u0001 SARL;;;n@example.fr;;;;1 rue A;;75001;Paris;;France;",
        ";TOTAL GÉNÉRAL (6000 clients);;;;;;;;;;;;;",
        "Société;Court SA;;;court@example.fr",
        "",
      ].join("\n"),
    );
    const run = async (threads: string) => {
      const reports = join(dir, `reports-${threads}`);
      const result = await runCli(["clients", file, "--dry-run", "--report-dir", reports], {
        QONTO_IMPORT_THREADS: threads,
      });
      expect(result.stderr).not.toMatch(/Error|at .*\.js:/);
      const [folder] = await readdir(reports);
      const read = (name: string) => readFile(join(reports, folder ?? "", name), "utf8");
      const plan = (await read("plan.json")).split("\n");
      return {
        code: result.code,
        results: await read("results.csv"),
        errors: await read("errors.csv"),
        // The header line holds the plan's time.
        planRows: plan.slice(1),
      };
    };
    const one = await run("0");
    const two = await run("2");
    expect(two.code).toBe(one.code);
    expect(one.results.split("\n").length).toBeGreaterThan(6_000);
    expect(one.results).toMatch(/;ignored;/);
    expect(one.errors).toMatch(/control_characters/);
    expect(two.results).toBe(one.results);
    expect(two.errors).toBe(one.errors);
    expect(two.planRows).toEqual(one.planRows);
  }, 120_000);
});

// Cells nobody here wrote (../shared/realworld-corpus: line breaks, UTF-16 text, accents, rich text, numbers as Excel
// stores them), fed to client fields column by column: the worker must give what the calling thread gives.
const corpus = fileURLToPath(new URL("../../shared/realworld-corpus/files/", import.meta.url));
describe.skipIf(!existsSync(corpus))("the real-world corpus's cells, normalized on a worker thread", () => {
  const FIELDS = ["name", "email", "phone", "address", "zip_code", "city", "country", "vat_number"] as const;
  const defaults: NormalizeDefaults = { orgCountry: "FR", currency: "EUR" };
  const files = (existsSync(corpus) ? readdirSync(corpus) : []).filter((f) =>
    /\.(csv|tsv|psv|xlsx)$/.test(f),
  );
  it("holds the corpus's CSV and XLSX files", () => {
    expect(files.length).toBeGreaterThan(60);
  });
  it.each(files)("%s", async (name) => {
    let table;
    try {
      table = await openTable(join(corpus, name));
    } catch (err) {
      // A file refused in one line has no rows (realworld-corpus.test.ts covers which); anything else is a bug.
      expect(err).toBeInstanceOf(InputFileError);
      return;
    }
    const rows: SourceRow[] = [];
    for await (const row of table.rows) if (rows.push(row) >= 2_000) break;
    const mapping: ColumnMapping = {};
    table.header.columns.slice(0, FIELDS.length).forEach((column, i) => {
      mapping[FIELDS[i] ?? "name"] = column;
    });
    const pool = (await builtPool()).workerNormalizer({ mapping, defaults }, 1);
    try {
      expect(await pool.normalize(rows)).toEqual(rows.map((r) => normalizeRow(r, mapping, defaults)));
    } finally {
      await pool.close();
    }
  });
});
