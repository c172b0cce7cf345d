// Issue 16: workbooks no spreadsheet program writes, small files that claim huge sheets. Each is read by the real
// CLI (`inspect`) in a child process with a 512 MiB heap, as a user would run it: a refused one exits 2 with one
// line naming the file, the sheet and the cell, row or range; one that only claims a huge size (`spans`,
// `dimension`) is read. Never an abort (exit 134) and never more than 512 MiB. Time is bounded only by the
// child's generous timeout, never measured.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWorkbook, inlineCells } from "./fixtures/xlsx/build-zip.js";
import { CLI, cliEnv, ROOT } from "./helpers/cli.js";

const HEAP_MIB = 512;
const TIMEOUT_MS = 120_000;
const PEAK_RSS = fileURLToPath(new URL("./helpers/peak-rss.mjs", import.meta.url));

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const HEADER = `<row r="1">${inlineCells(["Raison sociale", "Email"])}</row>`;
const DATA = (r: number) =>
  `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>Client ${r}</t></is></c>` +
  `<c r="B${r}" t="inlineStr"><is><t>c${r}@example.com</t></is></c></row>`;

function sheet(rows: string, { before = "", after = "" } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}>${before}<sheetData>${HEADER}${rows}</sheetData>${after}</worksheet>`;
}

function workbook(xml: string, sharedStrings?: string[]): Buffer {
  return buildWorkbook({
    sheets: [{ name: "S", xml }],
    ...(sharedStrings === undefined ? {} : { sharedStrings }),
  });
}

function mergeCells(refs: readonly string[]): string {
  return `<mergeCells count="${refs.length}">${refs.map((r) => `<mergeCell ref="${r}"/>`).join("")}</mergeCells>`;
}

const repeat = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join("");
/** Column letters of a 0-based index below 702 (A, ..., Z, AA, ...). */
const letters = (i: number) =>
  (i < 26 ? "" : String.fromCharCode(64 + Math.floor(i / 26))) + String.fromCharCode(65 + (i % 26));
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** Refused: the message after `sheet "S": ` (or after the file name, for a workbook-wide part). */
interface Refused {
  refused: RegExp;
}
/** Read: the header `inspect` shows. */
interface Read {
  read: RegExp;
}

const CASES: [string, () => Buffer, Refused | Read][] = [
  [
    "a cell at column DEJTLY (a 2.4 KB file that once took 4.4 GB)",
    () => workbook(sheet(`<row r="2">${inline("DEJTLY2", "x")}</row>`)),
    { refused: /^sheet "S": cell DEJTLY2 lies beyond XFD1048576, the last cell a worksheet has: / },
  ],
  [
    "a cell below row 1,048,576",
    () => workbook(sheet(`<row r="2">${inline("A1048577", "x")}</row>`)),
    { refused: /^sheet "S": cell A1048577 lies beyond XFD1048576/ },
  ],
  [
    "a row below row 1,048,576",
    () => workbook(sheet(`<row r="99999999">${inline("A99999999", "x")}</row>`)),
    { refused: /^sheet "S": row 99999999 lies beyond row 1,048,576, the last a worksheet has: / },
  ],
  [
    "16,385 cells in one row",
    () => workbook(sheet(`<row r="2">${repeat(16_385, () => `<c r="A2"><v>1</v></c>`)}</row>`)),
    { refused: /^sheet "S": row 2 has more than 16,384 cells, the most a row has: / },
  ],
  [
    "a cell of 40,000 characters",
    () => workbook(sheet(`<row r="2">${inline("A2", "Client")}${inline("B2", "a".repeat(40_000))}</row>`)),
    { refused: /^sheet "S": cell B2 holds more than 32,767 characters, the most a cell holds: / },
  ],
  [
    "a cell of 200,000 rich-text runs",
    () =>
      workbook(
        sheet(
          `<row r="2"><c r="A2" t="inlineStr"><is>${repeat(200_000, () => "<r><t>abcdef</t></r>")}</is></c></row>`,
        ),
      ),
    { refused: /^sheet "S": cell A2 holds more than 32,767 characters/ },
  ],
  [
    "a row of 40 cells of 30,000 characters",
    () =>
      workbook(sheet(`<row r="2">${repeat(40, (i) => inline(`${letters(i)}2`, "b".repeat(30_000)))}</row>`)),
    { refused: /^sheet "S": row 2 holds more than 1,048,576 characters of text: / },
  ],
  [
    "2 MiB of digits in one value",
    () => workbook(sheet(`<row r="2"><c r="A2"><v>${"9".repeat(2 * 1024 * 1024)}</v></c></row>`)),
    { refused: /^sheet "S": xl\/worksheets\/sheet1\.xml holds more than 1 MiB of XML between two tags/ },
  ],
  [
    "a shared string of 2 MiB",
    () =>
      workbook(sheet(`<row r="2"><c r="A2" t="s"><v>0</v></c></row>`), [
        `<si><t>${"c".repeat(2 * 1024 * 1024)}</t></si>`,
      ]),
    { refused: /^xl\/sharedStrings\.xml holds more than 1 MiB of XML between two tags/ },
  ],
  [
    "100,001 merged ranges",
    () =>
      workbook(
        sheet(DATA(2), {
          after: mergeCells(Array.from({ length: 100_001 }, (_, i) => `C${i + 1}:D${i + 1}`)),
        }),
      ),
    { refused: /^sheet "S": it has more than 100,000 merged ranges: / },
  ],
  [
    "2,000 overlapping merges of a whole sheet",
    () =>
      workbook(sheet(DATA(2), { after: mergeCells(Array.from({ length: 2_000 }, () => "A2:XFD1048576")) })),
    { refused: /^sheet "S": its merged ranges cover more than 16,777,216 cells: / },
  ],
  [
    "2,000 overlapping merges of 10,000 cells",
    () => workbook(sheet(DATA(2), { after: mergeCells(Array.from({ length: 2_000 }, () => "A2:J1001")) })),
    { refused: /^sheet "S": its merged ranges cover more than 16,777,216 cells: / },
  ],
  [
    "a merge beyond XFD1048576",
    () => workbook(sheet(DATA(2), { after: mergeCells(["A2:ZZZZZ99999999"]) })),
    { refused: /^sheet "S": the merged range A2:ZZZZZ99999999 lies beyond XFD1048576/ },
  ],
  [
    "row spans of 16,000,000 columns on every row",
    () => workbook(sheet(repeat(1_000, (i) => DATA(i + 2).replace("<row ", '<row spans="1:16000000" ')))),
    { read: /Raison sociale/ },
  ],
  [
    "a dimension of A1:ZZZZZ99999999",
    () =>
      workbook(
        sheet(
          repeat(1_000, (i) => DATA(i + 2)),
          { before: '<dimension ref="A1:ZZZZZ99999999"/>' },
        ),
      ),
    { read: /Raison sociale/ },
  ],
  [
    "2,000 overlapping merges within the bounds, over 1,000 rows",
    () =>
      workbook(
        sheet(
          repeat(1_000, (i) => DATA(i + 2)),
          {
            after: mergeCells(Array.from({ length: 2_000 }, () => "A3:H1002")),
          },
        ),
      ),
    { read: /Raison sociale/ },
  ],
];

interface Run {
  code: number | string;
  stdout: string;
  stderr: string;
  peakRssMiB: number | undefined;
}

let dir: string;
const files = new Map<string, string>();
const runs = new Map<string, Run>();

function inspect(file: string, rssFile: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [`--max-old-space-size=${HEAP_MIB}`, "--import", PEAK_RSS, CLI, "inspect", file],
      {
        cwd: ROOT,
        env: cliEnv({ PEAK_RSS_FILE: rssFile }),
        timeout: TIMEOUT_MS,
        killSignal: "SIGKILL",
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : (error.code ?? error.signal ?? "unknown");
        const peak = existsSync(rssFile) ? Number(readFileSync(rssFile, "utf8")) / 1024 : undefined;
        resolve({ code: typeof code === "number" ? code : String(code), stdout, stderr, peakRssMiB: peak });
      },
    );
  });
}

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error("run `npm run build` first");
  dir = mkdtempSync(join(tmpdir(), "qonto-xlsx-hostile-"));
  for (const [i, [name, build]] of CASES.entries()) {
    const file = join(dir, `hostile-${i + 1}.xlsx`);
    writeFileSync(file, build());
    files.set(name, file);
  }
  // One after the other: the machine's cores are shared.
  for (const [i, [name]] of CASES.entries())
    runs.set(name, await inspect(files.get(name) ?? "", join(dir, `rss-${i + 1}`)));
}, CASES.length * TIMEOUT_MS);

afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe("hostile workbooks are refused in one line or read, within 512 MiB", () => {
  it.each(CASES)("%s", (name, _build, expected) => {
    const run = runs.get(name);
    const file = files.get(name) ?? "";
    expect(run, "ran").toBeDefined();
    if (run === undefined) return;
    expect(run.peakRssMiB, `peak RSS reported (exit ${run.code}: ${run.stderr.slice(0, 300)})`).toBeDefined();
    expect(run.peakRssMiB ?? Infinity, "peak RSS (MiB)").toBeLessThan(HEAP_MIB);
    if ("refused" in expected) {
      expect(run.code, run.stderr).toBe(2);
      const prefix = `qonto-import: ${file}: `;
      expect(run.stderr.startsWith(prefix), run.stderr).toBe(true);
      expect(run.stderr.endsWith("\n")).toBe(true);
      expect(run.stderr.trimEnd(), "one line").not.toMatch(/[\r\n]/);
      const message = run.stderr.slice(prefix.length).trimEnd();
      expect(message).toMatch(expected.refused);
      expect(message, "says what to do").toMatch(/save the table again .* as \.xlsx or CSV$/);
    } else {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(expected.read);
    }
  });
});
