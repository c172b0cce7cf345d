// Issue 18, "Input cannot drive the terminal or the spreadsheet": each repro replayed through the real CLI.
import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator } from "../src/emulator/index.js";
import { runCli, type CliResult } from "./helpers/cli.js";

const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
const ENV = { QONTO_LOGIN: KEY.login, QONTO_SECRET_KEY: KEY.secretKey };
const AUTH = `${KEY.login}:${KEY.secretKey}`;

interface Summary {
  report_dir: string;
  outcomes: Record<string, number>;
  problems: Record<string, number>;
}

const ESC = "\x1b";
const BEL = "\x07";
const TITLE_AND_CLEAR = `${ESC}]0;TITLE${BEL}${ESC}[2J${ESC}[31mFAKE: all rows imported`;
const OSC52 = `${ESC}]52;c;SGVsbG8=${BEL}`;

// Anything that can move the cursor, recolour, retitle, write the clipboard or reorder what the terminal shows.
// Our own output has line feeds only.
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;

function expectTerminalSafe(result: CliResult): void {
  for (const [stream, text] of [
    ["stdout", result.stdout],
    ["stderr", result.stderr],
  ] as const) {
    const found = TERMINAL_CONTROL.exec(text);
    expect(
      found,
      `${stream} holds U+${found?.[0].codePointAt(0)?.toString(16)} near: ${JSON.stringify(text.slice(Math.max(0, (found?.index ?? 0) - 60), (found?.index ?? 0) + 20))}`,
    ).toBeNull();
    // A value holding a line break cannot start a line of its own: no fake summary line.
    expect(text.split("\n").filter((l) => /^\s*FAKE/.test(l))).toEqual([]);
  }
}

const csvCell = (v: string) => (/[;"\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = (rows: string[][]) => rows.map((r) => r.map(csvCell).join(";")).join("\n") + "\n";

/** A file whose cells and headers try every trick: OSC title, clear screen, colours, OSC 52, C1 CSI, CR, BS, bidi. */
async function hostileFile(dir: string): Promise<string> {
  const file = join(dir, "hostile.csv");
  await writeFile(
    file,
    csv([
      ["Raison sociale", "Email", "Notes\rFAKE: all rows imported", `Memo\nFAKE: header${ESC}[2J`],
      [`Acme${TITLE_AND_CLEAR}`, `x${OSC52}@bad`, "a", "b"],
      ["Beta", `y\u009b2J\u202eevil@bad`, "c", "d"],
      ["Gamma", `z\bFAKE: all rows imported\u2066@bad`, "e", "f"],
      [`Delta${ESC}[2J`, "delta@example.fr", "g", "h"],
    ]),
  );
  return file;
}

describe("terminal escapes in the input reach no terminal", () => {
  it("clients --dry-run: stderr shows escaped values, never the raw control characters", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-sec-"));
    const file = await hostileFile(dir);
    const result = await runCli(["clients", file, "--dry-run", "--report-dir", join(dir, "reports")]);
    expect(result.code).toBe(1);
    expectTerminalSafe(result);
    // What was there is still visible, in a readable escaped form.
    expect(result.stderr).toContain("\\u001b]52;c;SGVsbG8=\\u0007");
    expect(result.stderr).toContain("\\u009b2j\\u202eevil@bad");
    expect(result.stderr).toContain("Notes\\rFAKE: all rows imported");
  });

  it("clients against the emulator, and --json: no raw control character on either stream", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-sec-"));
    const file = await hostileFile(dir);
    const emulator = await startEmulator();
    try {
      const base = ["--base-url", emulator.url, "--report-dir", join(dir, "reports")];
      const text = await runCli(["clients", file, ...base], ENV);
      expectTerminalSafe(text);
      expect(text.stderr).toContain("Import finished");
      const json = await runCli(["clients", file, ...base, "--new-run", "--json"], ENV);
      expectTerminalSafe(json);
      JSON.parse(json.stdout);
      // The row whose only fault is an escape in its name is refused, not created.
      expect(emulator.clients()).toEqual([]);
    } finally {
      await emulator.close();
    }
  });

  it("inspect: stdout shows escaped values; inspect --json stays the same JSON, losslessly", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-sec-"));
    const file = await hostileFile(dir);
    const result = await runCli(["inspect", file]);
    expect(result.code).toBe(0);
    expectTerminalSafe(result);
    expect(result.stdout).toContain("Memo\\nFAKE: header\\u001b[2J");
    const json = await runCli(["inspect", file, "--json"]);
    expectTerminalSafe(json);
    const parsed = JSON.parse(json.stdout) as { header: { columns: string[] } };
    expect(parsed.header.columns).toContain(`Memo\nFAKE: header${ESC}[2J`);
  });

  it("a usage error naming a hostile file name is escaped too", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-sec-"));
    const result = await runCli(["clients", join(dir, `missing${ESC}[2J${BEL}.csv`), "--dry-run"]);
    expect(result.code).toBe(2);
    expectTerminalSafe(result);
    expect(result.stderr).toContain("missing\\u001b[2J\\u0007.csv");
  });
});

/** errors.csv's lines, without the BOM. */
async function errorsLines(reportDir: string): Promise<string[]> {
  const text = await readFile(join(reportDir, "errors.csv"), "utf8");
  return text
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\n");
}

describe("errors.csv neutralizes headers, and every value round-trips", () => {
  it("formula-like headers are neutralized, and a mapping naming them still applies when the file is fed back", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-sec-"));
    const header = ["Raison sociale", "+Mail", '=HYPERLINK("http://x","click")', "@Tag", "-x"];
    await writeFile(join(dir, "in.csv"), csv([header, ["Acme", "not-an-email", "a", "b", "c"]]));
    await writeFile(join(dir, "map.json"), JSON.stringify({ columns: { "+Mail": "email" } }));
    const args = [
      "--dry-run",
      "--map",
      join(dir, "map.json"),
      "--report-dir",
      join(dir, "reports"),
      "--json",
    ];
    const first = await runCli(["clients", join(dir, "in.csv"), ...args]);
    const firstSummary = JSON.parse(first.stdout) as Summary;
    expect(firstSummary.outcomes.invalid).toBe(1);
    const lines = await errorsLines(firstSummary.report_dir);
    expect(lines[0]).toBe(
      `Raison sociale;'+Mail;"'=HYPERLINK(""http://x"",""click"")";'@Tag;'-x;source_line;qonto_import_error`,
    );

    // Fixed and fed back: the same columns are read, the mapping file still finds "+Mail".
    const fixed = (await readFile(join(firstSummary.report_dir, "errors.csv"), "utf8")).replace(
      "not-an-email",
      "acme@example.fr",
    );
    await writeFile(join(dir, "fixed.csv"), fixed);
    const second = await runCli(["clients", join(dir, "fixed.csv"), ...args]);
    expect(second.stderr).not.toContain("does not have");
    const summary = JSON.parse(second.stdout) as Summary;
    expect(summary.outcomes).toMatchObject({ would_create: 1, invalid: 0 });
    expect(second.stderr).toContain(
      `Columns not imported (no matching Qonto field): =HYPERLINK("http://x","click"), @Tag, -x`,
    );
    const plan = await readFile(join(summary.report_dir, "plan.json"), "utf8");
    expect(plan).toContain('"email":"acme@example.fr"');
  });

  it("a value that already starts with an apostrophe keeps it through errors.csv and back", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-sec-"));
    const header = ["Raison sociale", "Email", "Notes"];
    await writeFile(
      join(dir, "in.csv"),
      csv([header, ["'+Plus SARL", "bad-mail", "'=1+1"], ["'Quoted SA", "also-bad", "'@x"]]),
    );
    const emulator = await startEmulator();
    try {
      const args = ["--base-url", emulator.url, "--report-dir", join(dir, "reports"), "--json"];
      const first = JSON.parse(
        (await runCli(["clients", join(dir, "in.csv"), ...args], ENV)).stdout,
      ) as Summary;
      expect(first.outcomes.invalid).toBe(2);
      const text = await readFile(join(first.report_dir, "errors.csv"), "utf8");
      await writeFile(
        join(dir, "fixed.csv"),
        text.replace("bad-mail", "plus@example.fr").replace("also-bad", "quoted@example.fr"),
      );
      const second = JSON.parse(
        (await runCli(["clients", join(dir, "fixed.csv"), ...args], ENV)).stdout,
      ) as Summary;
      expect(second.outcomes.created).toBe(2);
      expect(
        emulator
          .clients()
          .map((c) => c.name)
          .sort(),
      ).toEqual(["'+Plus SARL", "'Quoted SA"]);
    } finally {
      await emulator.close();
    }
  });
});

describe("control characters in a value are a row problem, never sent", () => {
  it("a client named NUL NUL NUL, or with an escape in its name, is invalid and Qonto receives nothing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-sec-"));
    await writeFile(
      join(dir, "in.csv"),
      csv([
        ["Raison sociale", "Email", "Ville"],
        ["\0\0\0", "nul@example.fr", "Paris"],
        [`Acme${ESC}[2J`, "acme@example.fr", "Lyon"],
        ["Bien SA", "bien@example.fr", `Nice\u0085`],
      ]),
    );
    const emulator = await startEmulator();
    try {
      const result = await runCli(
        [
          "clients",
          join(dir, "in.csv"),
          "--base-url",
          emulator.url,
          "--report-dir",
          join(dir, "reports"),
          "--json",
        ],
        ENV,
      );
      const summary = JSON.parse(result.stdout) as Summary;
      expect(emulator.clients()).toEqual([]);
      expect(summary.outcomes.invalid).toBe(3);
      expect(summary.problems.control_characters).toBe(3);
      const results = await readFile(join(summary.report_dir, "results.csv"), "utf8");
      const rows = results.trimEnd().split("\n").slice(1);
      expect(rows).toHaveLength(3);
      for (const row of rows) expect(row).toMatch(/^\d+[,;]\d+[,;]invalid[,;].*control_characters/);
    } finally {
      await emulator.close();
    }
  });

  it("the emulator refuses control characters with a 422 in Qonto's error shape", async () => {
    const emulator = await startEmulator();
    try {
      const response = await fetch(`${emulator.url}/v2/clients`, {
        method: "POST",
        headers: { authorization: AUTH, "content-type": "application/json" },
        body: JSON.stringify({ kind: "company", name: "\0\0\0", currency: "EUR" }),
      });
      expect(response.status).toBe(422);
      const body = (await response.json()) as {
        errors: { code: string; detail: string; source: { pointer: string } }[];
      };
      expect(body.errors).toEqual([
        expect.objectContaining({ code: "invalid_format", source: { pointer: "/name" } }),
      ]);
      expect(emulator.clients()).toEqual([]);
    } finally {
      await emulator.close();
    }
  });
});

describe("a report repeats at most 1,000 characters of a cell", () => {
  it("a 5 MB invalid cell: results.csv, plan.json and report.html stay small; errors.csv keeps it whole", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-sec-"));
    const big = "a".repeat(5 * 1024 * 1024);
    await writeFile(
      join(dir, "in.csv"),
      csv([
        ["Raison sociale", "Email"],
        // The reader takes records of up to 8 MiB: a 2 MB name (the label) and a 5 MB e-mail (quoted by its problem).
        [`N${big.slice(0, 2 * 1024 * 1024)}`, `${big}@`],
        ["Fine SA", "fine@example.fr"],
      ]),
    );
    const result = await runCli([
      "clients",
      join(dir, "in.csv"),
      "--dry-run",
      "--report-dir",
      join(dir, "reports"),
      "--json",
    ]);
    const summary = JSON.parse(result.stdout) as Summary;
    expect(summary.outcomes).toMatchObject({ invalid: 1, would_create: 1 });
    const size = async (name: string) => (await stat(join(summary.report_dir, name))).size;
    expect(await size("results.csv")).toBeLessThan(20_000);
    expect(await size("plan.json")).toBeLessThan(20_000);
    expect(await size("report.html")).toBeLessThan(200_000);
    expect(result.stderr.length + result.stdout.length).toBeLessThan(20_000);
    const results = await readFile(join(summary.report_dir, "results.csv"), "utf8");
    // The e-mail's problem quotes it: cut, and said to be.
    expect(results).toMatch(/aaaa…\[cut: \d{7} characters in all\]/);
    const errors = await readFile(join(summary.report_dir, "errors.csv"), "utf8");
    expect(errors).toContain(`N${big.slice(0, 2 * 1024 * 1024)};${big}@;`);
    // The plan of the valid row is whole.
    expect(await readFile(join(summary.report_dir, "plan.json"), "utf8")).toContain(
      '"email":"fine@example.fr"',
    );
  });
});
