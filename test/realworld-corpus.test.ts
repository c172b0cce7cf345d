// Issue 16: every file of the real-world corpus (../shared/realworld-corpus/files/, 80 spreadsheets and CSVs
// written by other programs; never copied into the project) ends in a read or a one-line refusal, in bounded
// time and memory, and for a sample of them the cells read are what independent readers show
// (test/fixtures/corpus-reference/: openpyxl and gnumeric for XLSX, Python's csv module for CSV).
//
// The files are read by child processes (test/helpers/read-corpus-file.mjs, a 512 MiB heap each) so that an
// abort or a runaway file is reported against its file instead of taking the test run down.
import { execFile, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, cliEnv, ROOT } from "./helpers/cli.js";

const CORPUS = fileURLToPath(new URL("../../shared/realworld-corpus/files/", import.meta.url));
const SOURCES = fileURLToPath(new URL("../../shared/realworld-corpus/SOURCES.md", import.meta.url));
const REFERENCE = fileURLToPath(new URL("./fixtures/corpus-reference/expected.json", import.meta.url));
const HELPER = fileURLToPath(new URL("./helpers/read-corpus-file.mjs", import.meta.url));
const EXPECTED_COUNT = 80;

/** The bounds: a child's heap, and how long one file may take before its child is killed. */
const HEAP_MIB = 512;
const FILE_TIMEOUT_MS = 120_000;
/** What a whole child process may reach (heap plus buffers): far above the ~100 MiB a file takes today. */
const MAX_RSS_MIB = 1024;

/** The files that must be refused, and what they are. */
const MUST_REFUSE: Record<string, string> = {
  "readxl--dates-1904.xls": "an Excel 97-2003 workbook (.xls)",
  "calamine--date.ods": "an OpenDocument spreadsheet (.ods)",
  "calamine--any_sheets.xlsb": "an Excel binary workbook (.xlsb)",
  "calamine--pass_protected.xlsx": "a password-protected workbook",
  "calamine--empty_sheet.xlsx": "a workbook whose only sheet is empty",
};

/** A refusal says what to do about it. */
const WHAT_TO_DO = /\b(save|export|remove|open|add|fill|choose|convert|re-?save|use)\b/i;

/**
 * Files whose test fails today, with the defect. Their tests run as `it.fails`: when a fix makes one pass, its
 * test fails and asks for the entry to be removed, so this list cannot go stale. Empty it as fixes merge.
 * Keys must be files of MUST_REFUSE or of the reference sample.
 */
const KNOWN_DEFECTS: Record<string, string> = {};

// ---------------------------------------------------------------------------------------------------------------
// The reference and the comparison.

interface ReferenceFile {
  format: "xlsx" | "csv";
  why: string;
  sheet?: string;
  encoding?: string;
  delimiter?: string;
  /** The header row (sheet row or CSV line) a person sees, the table's columns ("B:D"), and the header's last row
   * when merges spread it over several. */
  header: { row: number; columns: string; through?: number };
  /** Cell texts by sheet row (or the CSV line where a record starts), from column A; empty rows left out. */
  rows: Record<string, string[]>;
  notes: string[];
}

interface Reference {
  command: string;
  versions: Record<string, string>;
  window: { rows: number; columns: number };
  files: Record<string, ReferenceFile>;
}

interface ReadRow {
  line: number;
  fields: Record<string, string>;
}

type Outcome =
  | {
      outcome: "read";
      header: { columns: string[]; line: number; sheet?: string; delimiter?: string; encoding?: string };
      rowCount: number;
      recordCount: number;
      rows: ReadRow[];
      maxRssMiB: number;
    }
  | { outcome: "refused"; message: string; exitCode: number; maxRssMiB: number }
  | { outcome: "crash"; error: string }
  | { outcome: "timeout" | "aborted"; detail: string };

const reference = JSON.parse(readFileSync(REFERENCE, "utf8")) as Reference;
const WINDOW = reference.window;

function letters(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function columnIndex(name: string): number {
  let n = 0;
  for (const ch of name) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

interface Comparison {
  /** What differs, one readable line each: header placement, then cells, then rows not read. */
  wrong: string[];
  /** Reference cells of the table (below its header, in its columns, inside the window) with visible text. */
  total: number;
  /** Of those, the ones we read with the same text. */
  right: number;
}

/** Where our header's names sit in the reference row of our header: the column of the first one. */
function locate(ref: ReferenceFile, line: number, columns: readonly string[]): number | undefined {
  const row = ref.rows[String(line)] ?? [];
  let best: number | undefined;
  let bestScore = 0;
  for (let offset = 0; offset < WINDOW.columns; offset++) {
    let score = 0;
    columns.forEach((name, i) => {
      const cell = row[offset + i];
      if (cell !== undefined && cell.trim() !== "" && cell.trim() === name.trim()) score += 1;
    });
    if (score > bestScore) [best, bestScore] = [offset, score];
  }
  return best;
}

function compare(ref: ReferenceFile, result: Outcome | undefined): Comparison {
  const cell = (row: number, col: number): string => ref.rows[String(row)]?.[col] ?? "";
  const [firstCol, lastCol] = ref.header.columns.split(":").map(columnIndex) as [number, number];
  const tableCells: [number, number][] = [];
  const dataFrom = (ref.header.through ?? ref.header.row) + 1;
  for (let r = dataFrom; r <= WINDOW.rows; r++)
    for (let c = firstCol; c <= Math.min(lastCol, WINDOW.columns - 1); c++)
      if (cell(r, c).trim() !== "") tableCells.push([r, c]);
  const total = tableCells.length;
  if (result?.outcome !== "read")
    return { wrong: [`not read: ${summarize(result).replaceAll(CORPUS, "")}`], total, right: 0 };

  const where = (row: number, col: number): string =>
    ref.format === "csv" ? `line ${row} field ${col + 1}` : `${letters(col)}${row}`;
  const { header, rows } = result;
  const wrong: string[] = [];
  const unit = ref.format === "csv" ? "line" : "row";
  if (ref.sheet !== undefined && header.sheet !== ref.sheet)
    wrong.push(`sheet ${JSON.stringify(header.sheet)}, reference ${JSON.stringify(ref.sheet)}`);
  if (header.line !== ref.header.row)
    wrong.push(`header on ${unit} ${header.line}, reference ${unit} ${ref.header.row}`);
  const offset = locate(ref, header.line, header.columns);
  if (offset === undefined) {
    wrong.push(
      `header names ${JSON.stringify(header.columns)} not found in the reference ${unit} ${header.line}`,
    );
    return { wrong, total, right: 0 };
  }
  if (offset !== firstCol)
    wrong.push(`table starts in column ${letters(offset)}, reference ${letters(firstCol)}`);
  // Header names are compared trimmed; where the reader makes a repeated name unique, it may add to the text.
  header.columns.forEach((name, i) => {
    const col = offset + i;
    const expected = cell(header.line, col).trim();
    if (col < WINDOW.columns && expected !== "" && !name.startsWith(expected))
      wrong.push(
        `${where(header.line, col)} (header): ours ${JSON.stringify(name)}, reference ${JSON.stringify(expected)}`,
      );
  });

  const ours = new Map<number, ReadRow>(rows.map((row) => [row.line, row]));
  const oursAt = (row: number, col: number): string | undefined => {
    const name = header.columns[col - offset];
    const read = ours.get(row);
    return read === undefined || name === undefined ? undefined : (read.fields[name] ?? "");
  };
  for (const row of rows) {
    header.columns.forEach((name, i) => {
      const col = offset + i;
      if (col >= WINDOW.columns) return;
      const text = row.fields[name] ?? "";
      const expected = cell(row.line, col);
      if (text !== expected)
        wrong.push(
          `${where(row.line, col)} (${name}): ours ${JSON.stringify(text)}, reference ${JSON.stringify(expected)}`,
        );
    });
  }
  // Rows of the table (below our header, in our columns) that hold text but were not read; a row of only
  // whitespace is blank.
  const lastOurs = Math.min(offset + header.columns.length - 1, WINDOW.columns - 1);
  for (let r = Math.max(header.line + 1, dataFrom); r <= WINDOW.rows; r++) {
    if (ours.has(r)) continue;
    const texts = (ref.rows[String(r)] ?? []).slice(offset, lastOurs + 1).filter((t) => t.trim() !== "");
    if (texts.length > 0) wrong.push(`${unit} ${r} not read (reference: ${JSON.stringify(texts)})`);
  }
  const right = tableCells.filter(([r, c]) => oursAt(r, c) === cell(r, c)).length;
  return { wrong, total, right };
}

function summarize(result: Outcome | undefined): string {
  if (result === undefined) return "no result";
  switch (result.outcome) {
    case "read":
      return `read: header on ${result.header.line}, ${result.header.columns.length} columns, ${result.rowCount} rows`;
    case "refused":
      return `refused: ${result.message}`;
    case "crash":
      return `crashed: ${result.error}`;
    default:
      return `${result.outcome}: ${result.detail}`;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the corpus in child processes.

/**
 * Reads files one after the other in a child process; a file whose child aborts (or is killed after
 * FILE_TIMEOUT_MS) is reported as such and the rest go to a new child.
 */
async function readFiles(
  files: readonly string[],
  results: Map<string, Outcome>,
  encodings: ReadonlyMap<string, string> = new Map(),
): Promise<void> {
  let queue = [...files];
  while (queue.length > 0) {
    const finished = await new Promise<string[]>((resolve) => {
      const done: string[] = [];
      let current: string | undefined;
      let timer: NodeJS.Timeout | undefined;
      let stderr = "";
      let buffered = "";
      const child = spawn(
        process.execPath,
        [
          `--max-old-space-size=${HEAP_MIB}`,
          HELPER,
          String(WINDOW.rows),
          ...queue.flatMap((f) => {
            const encoding = encodings.get(f);
            return encoding === undefined ? [join(CORPUS, f)] : ["--encoding", encoding, join(CORPUS, f)];
          }),
        ],
        { cwd: ROOT, env: cliEnv(), stdio: ["ignore", "pipe", "pipe"] },
      );
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          if (current !== undefined)
            results.set(current, { outcome: "timeout", detail: `still reading after ${FILE_TIMEOUT_MS} ms` });
          child.kill("SIGKILL");
        }, FILE_TIMEOUT_MS);
      };
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
        stderr = (stderr + chunk).slice(-4000);
      });
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        buffered += chunk;
        let nl: number;
        while ((nl = buffered.indexOf("\n")) >= 0) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          let event: { event: string; file: string } & Outcome;
          try {
            event = JSON.parse(line) as typeof event;
          } catch {
            stderr = (stderr + line + "\n").slice(-4000); // not the helper's: something printed on stdout
            continue;
          }
          const name = event.file.slice(CORPUS.length).replace(/^\/+/, "");
          if (event.event === "start") {
            current = name;
            arm();
          } else {
            const { event: _e, file: _f, ...outcome } = event;
            results.set(name, outcome as Outcome);
            done.push(name);
            current = undefined;
          }
        }
      });
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        if (current !== undefined) {
          if (!results.has(current))
            results.set(current, {
              outcome: "aborted",
              detail: `the reading process ended (${signal ?? `exit code ${code}`}): ${stderr.trim()}`,
            });
          done.push(current);
        }
        resolve(done);
      });
    });
    if (finished.length === 0) {
      // Nothing started: the child could not run at all.
      for (const f of queue)
        results.set(f, { outcome: "aborted", detail: "the reading process did not start" });
      return;
    }
    const over = new Set(finished);
    queue = queue.filter((f) => !over.has(f));
  }
}

function runInspect(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [`--max-old-space-size=${HEAP_MIB}`, CLI, "inspect", file],
      {
        cwd: ROOT,
        env: cliEnv(),
        timeout: FILE_TIMEOUT_MS,
        killSignal: "SIGKILL",
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A refusal is one line naming the file: no stack trace, no "Error:" prefix, no line break. */
function expectOneLineRefusal(path: string, message: string): void {
  expect(message, "the refusal is one line").not.toMatch(/[\r\n]/);
  expect(message.startsWith(`${path}: `), `the refusal names the file: ${message}`).toBe(true);
  expect(message, "no error-class prefix").not.toMatch(/^(\w*Error|Error)\b/);
  expect(message, "no stack trace").not.toMatch(/\bat .+:\d+:\d+/);
}

// ---------------------------------------------------------------------------------------------------------------
// The tests.

const PRESENT = existsSync(CORPUS);
const FILES = PRESENT
  ? readdirSync(CORPUS)
      .filter((f) => statSync(join(CORPUS, f)).isFile())
      .sort()
  : [];
const SAMPLE = Object.keys(reference.files).filter((f) => FILES.includes(f));

if (!PRESENT)
  console.warn(`realworld-corpus.test.ts: ${CORPUS} is absent, so the real-world corpus tests are skipped`);

describe("real-world corpus (issue 16)", () => {
  if (!PRESENT) {
    it.skip(`skipped: the corpus folder ${CORPUS} is absent`, () => {});
    return;
  }

  const results = new Map<string, Outcome>();
  const comparisons = new Map<string, Comparison>();
  const inspected = new Map<string, { code: number; stdout: string; stderr: string }>();

  beforeAll(async () => {
    if (!existsSync(join(ROOT, "dist/src/parse/open.js"))) throw new Error("run `npm run build` first");
    const workers = Math.max(1, Math.min(4, availableParallelism()));
    const shares = Array.from({ length: workers }, (_, w) => FILES.filter((_, i) => i % workers === w));
    await Promise.all([
      ...shares.map((share) => readFiles(share, results)),
      // What a user sees of the refusals: the CLI's inspect command.
      ...Object.keys(MUST_REFUSE)
        .filter((f) => FILES.includes(f))
        .map(async (f) => inspected.set(f, await runInspect(join(CORPUS, f)))),
    ]);
    // A file refused as "probably not windows-1252: try --encoding" is compared as read the way the refusal says.
    const retry = new Map<string, string>();
    for (const name of SAMPLE) {
      const result = results.get(name);
      const encoding = reference.files[name]?.encoding;
      if (result?.outcome === "refused" && /try --encoding/.test(result.message) && encoding !== undefined)
        retry.set(name, encoding);
    }
    const reread = new Map<string, Outcome>();
    await readFiles([...retry.keys()], reread, retry);
    for (const name of SAMPLE) {
      const ref = reference.files[name];
      if (ref !== undefined) comparisons.set(name, compare(ref, reread.get(name) ?? results.get(name)));
    }
  }, 10 * FILE_TIMEOUT_MS);

  afterAll(() => {
    const count = (o: Outcome["outcome"]) => [...results.values()].filter((r) => r.outcome === o).length;
    const lines = [
      `real-world corpus: ${results.size} files: ${count("read")} read, ${count("refused")} refused, ` +
        `${count("crash") + count("aborted") + count("timeout")} crashed or timed out`,
    ];
    let right = 0;
    let total = 0;
    let matching = 0;
    for (const [name, c] of comparisons) {
      right += c.right;
      total += c.total;
      if (c.wrong.length === 0) matching += 1;
      const status = c.wrong.length === 0 ? "same as the reference" : `${c.wrong.length} differences`;
      const example = c.wrong[0] === undefined ? "" : `; first: ${c.wrong[0].slice(0, 160)}`;
      lines.push(`  ${name}: ${c.right}/${c.total} cells right, ${status}${example}`);
    }
    const share = total === 0 ? "-" : `${((100 * right) / total).toFixed(1)}%`;
    lines.push(
      `reference sample: ${comparisons.size} files, ${matching} the same as the reference; ` +
        `cells right ${right} / ${total} (${share})`,
    );
    console.log(lines.join("\n"));
  });

  it(`holds the ${EXPECTED_COUNT} files of SOURCES.md`, () => {
    expect(FILES.length, `files in ${CORPUS}`).toBe(EXPECTED_COUNT);
    if (existsSync(SOURCES)) {
      const listed = [...readFileSync(SOURCES, "utf8").matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
      expect(FILES).toEqual([...listed].sort());
    }
  });

  it("knows each file it names", () => {
    const named = [
      ...Object.keys(MUST_REFUSE),
      ...Object.keys(reference.files),
      ...Object.keys(KNOWN_DEFECTS),
    ];
    expect(named.filter((f) => !FILES.includes(f))).toEqual([]);
    const testable = new Set([...Object.keys(MUST_REFUSE), ...SAMPLE]);
    expect(Object.keys(KNOWN_DEFECTS).filter((f) => !testable.has(f))).toEqual([]);
  });

  describe("every file ends in a read or a one-line refusal, within the bounds", () => {
    it.each(FILES)("%s", (name) => {
      const result = results.get(name);
      const path = join(CORPUS, name);
      expect(result, "no result").toBeDefined();
      if (result === undefined) return;
      expect(["read", "refused"], summarize(result)).toContain(result.outcome);
      if (result.outcome === "read") {
        expect(result.header.columns.length, "header columns").toBeGreaterThan(0);
        expect(result.recordCount, "records reported = rows iterated").toBe(result.rowCount);
        expect(result.maxRssMiB, "peak memory of the reading process (MiB)").toBeLessThan(MAX_RSS_MIB);
      } else if (result.outcome === "refused") {
        expectOneLineRefusal(path, result.message);
        expect(result.exitCode, "exit code of a refused input").toBe(2);
        expect(result.maxRssMiB, "peak memory of the reading process (MiB)").toBeLessThan(MAX_RSS_MIB);
      }
    });
  });

  describe("refused with what to do", () => {
    for (const [name, what] of Object.entries(MUST_REFUSE)) {
      const defect = KNOWN_DEFECTS[name];
      const test = defect === undefined ? it : it.fails;
      test(`${name} (${what})${defect === undefined ? "" : ` [known defect: ${defect}]`}`, () => {
        const path = join(CORPUS, name);
        const result = results.get(name);
        expect(result?.outcome, summarize(result)).toBe("refused");
        if (result?.outcome !== "refused") return;
        expectOneLineRefusal(path, result.message);
        expect(result.message.slice(path.length + 2), "says what to do").toMatch(WHAT_TO_DO);
        // What a user sees: one line on stderr, exit code 2.
        const cli = inspected.get(name);
        expect(cli?.code, cli?.stderr).toBe(2);
        expect(cli?.stderr).toBe(`qonto-import: ${result.message}\n`);
      });
    }
  });

  const { openpyxl, gnumeric } = reference.versions;
  describe(`cells match independent readers (openpyxl ${openpyxl}, gnumeric ${gnumeric}, Python's csv)`, () => {
    for (const name of SAMPLE) {
      const defect = KNOWN_DEFECTS[name];
      const test = defect === undefined ? it : it.fails;
      test(`${name}${defect === undefined ? "" : ` [known defect: ${defect}]`}`, () => {
        const comparison = comparisons.get(name);
        expect(comparison, "compared").toBeDefined();
        expect(comparison?.wrong, `${name}: what differs from the reference`).toEqual([]);
      });
    }
  });
});
