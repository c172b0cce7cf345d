import { createWriteStream, type WriteStream } from "node:fs";
import { chmod, mkdir } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import { once } from "node:events";
import { finished as streamFinished } from "node:stream/promises";
import { stringify } from "csv-stringify/sync";
import { keyLabel } from "../dedupe/plan.js";
import { UsageError } from "../errors.js";
import { ERROR_COLUMN_TITLES, RESULT_COLUMN_TITLES } from "../i18n/columns.js";
import { LANGS } from "../i18n/lang.js";
import { JOURNAL_FILE } from "../journal/journal.js";
import { HTML_ROW_CAP, needsAttention, renderHtmlReport } from "./html.js";
import { NOT_IMPORTED, OUTCOMES, type Outcome, type RowResult } from "./outcome.js";
import { CELL_CAP, capLabel, capProblem, capText } from "./printable.js";
import type { RunInfo, Summary } from "./summary.js";
import { createReportFile, prepareReportRoot, runFolderProblem, writeReportFile } from "./safe-files.js";
import { XlsxReport, type XlsxColumn } from "./xlsx-report.js";

export const RESULTS_COLUMNS = [
  "record",
  "line",
  "outcome",
  "qonto_client_id",
  "matched_by",
  "duplicate_of_record",
  "problem_codes",
  "problems",
  "changes",
  "name",
  "vat_number",
  "email",
] as const;

/** results.csv of an invoices run: one line per input line, with its invoice. */
export const INVOICE_RESULTS_COLUMNS = [
  "record",
  "line",
  "outcome",
  "invoice_number",
  "item",
  "qonto_invoice_id",
  "qonto_client_id",
  "client_matched_by",
  "problem_codes",
  "problems",
  "client",
] as const;

/** results.csv of a rollback: one line per row of the run rolled back, with what the import and the rollback did. */
export const ROLLBACK_RESULTS_COLUMNS = [
  "record",
  "line",
  "outcome",
  "qonto_client_id",
  "import_outcome",
  "problem_codes",
  "problems",
  "changes",
  "name",
  "vat_number",
  "email",
] as const;

/**
 * The delimiter of results.csv and errors.csv: the input's, so that they open in the user's spreadsheet as the input
 * did. An XLSX input has none: in French, Italian, Spanish or German the decimal separator is a comma and Excel
 * expects `;` (a comma file opens as one column there), so those languages get `;`.
 */
export function reportDelimiter(info: Pick<RunInfo, "delimiter" | "lang">): string {
  if (info.delimiter !== undefined) return info.delimiter;
  return info.lang === undefined || info.lang === "en" ? "," : ";";
}

/**
 * The delimiter a report CSV of ours was written with, from its first line: every header we write starts with
 * "record", so the character after it is the delimiter (older reports: a comma).
 */
export function delimiterOfReport(firstLine: string): string {
  const line = firstLine.replace(/^\uFEFF/, "");
  return line.startsWith("record") && line.length > 6 ? line.charAt(6) : ",";
}

/**
 * The column errors.csv adds, titled in the run's language; an input that has it (in any language) is an errors file
 * fed back, and the column is not imported. This is its English title.
 */
export const ERROR_COLUMN = ERROR_COLUMN_TITLES.en.error;

/**
 * The column errors.csv and errors.xlsx add before the reason: where the row is in the original file (its line in a
 * CSV, its row in a sheet), so that a row fixed in the errors file can be found in the file it came from. A file fed
 * back keeps the number it holds, so it still points at the original after several rounds. Never imported.
 */
export const SOURCE_LINE_COLUMN = ERROR_COLUMN_TITLES.en.sourceLine;

// An errors file made in one language may be fed back in a run in another (a colleague's LANG): recognised in all.
const ERROR_TITLES: ReadonlySet<string> = new Set(LANGS.map((l) => ERROR_COLUMN_TITLES[l].error));
const SOURCE_LINE_TITLES: readonly string[] = LANGS.map((l) => ERROR_COLUMN_TITLES[l].sourceLine);

/** Whether a column is our error column, in any language. */
export const isErrorColumn = (column: string): boolean => ERROR_TITLES.has(column);
/** Whether a column is our source-line column, in any language. */
export const isSourceLineColumn = (column: string): boolean => SOURCE_LINE_TITLES.includes(column);

/** results.xlsx's columns that hold numbers; every other cell is text (errors.xlsx says its own). */
const NUMBER_COLUMNS: ReadonlySet<string> = new Set(["record", "line", "duplicate_of_record", "item"]);

/** How many problems the console lists; all of them are in results.csv. */
export const CONSOLE_PROBLEMS = 40;

// A cell starting with one of = + - @ tab CR is a formula to Excel; a leading quote makes it text. A value that
// already starts with quotes before one of them gets one more, so that taking one off gives back what was there:
// unneutralize(neutralize(v)) === v for every v.
const NEUTRALIZE = /^'*[=+\-@\t\r]/;
const NEUTRALIZED = /^'+[=+\-@\t\r]/;
export const neutralize = (value: string): string => (NEUTRALIZE.test(value) ? `'${value}` : value);
/** The value neutralize() was given: what a report's cell holds once read back (errors.csv fed back, results.csv). */
export const unneutralize = (value: string): string => (NEUTRALIZED.test(value) ? value.slice(1) : value);

/**
 * A row as results.csv and report.html repeat it: each label, problem text and change cut to CELL_CAP characters,
 * so that one huge cell is not copied into every report (and 5,000 rows kept for report.html stay small).
 */
function cappedResult(result: RowResult): RowResult {
  const long = (text: string | null) => text !== null && text.length > CELL_CAP;
  const label = capLabel(result.label);
  const problems = result.problems.map(capProblem);
  const changesLong = (result.changes ?? []).some((c) => long(c.from) || long(c.to));
  if (label === result.label && problems.every((p, i) => p === result.problems[i]) && !changesLong)
    return result;
  return {
    ...result,
    label,
    problems,
    ...(result.changes === undefined || !changesLong
      ? {}
      : {
          changes: result.changes.map((c) => ({
            ...c,
            from: c.from === null ? null : capText(c.from),
            to: c.to === null ? null : capText(c.to),
          })),
        }),
  };
}

function reportStream(path: string, replace: boolean): WriteStream {
  return createWriteStream(path, { fd: createReportFile(path, replace) });
}

function zeroCounts(): Record<Outcome, number> {
  return Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
}

export function runFolderName(inputFile: string, at: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const stamp = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  const stem = basename(inputFile, extname(inputFile))
    .replace(/[^\p{L}\p{N}._-]+/gu, "_")
    .slice(0, 60);
  return `${stamp}-${stem}`;
}

/**
 * The one writer of a run's report folder. Results are appended as rows finish, in input order, so a crash
 * loses nothing already decided; close() writes the summary.
 */
export class Reporter {
  private readonly counts = zeroCounts();
  private readonly invoiceCounts = zeroCounts();
  private readonly problemCounts: Record<string, number> = {};
  private rows = 0;
  /** The first problems, one line each, for the console. */
  readonly problemLines: string[] = [];
  problemTotal = 0;
  private readonly file: WriteStream;
  private readonly errors: WriteStream | undefined;
  /** An XLSX input: results.xlsx and errors.xlsx too, as the workbook it was. */
  private readonly resultsXlsx: XlsxReport | undefined;
  private readonly errorsXlsx: XlsxReport | undefined;
  /** The input's columns that errors.csv repeats, and whether it adds SOURCE_LINE_COLUMN (not when the input has
   * a column of that name of its own: a fed-back file's is taken out as it is read, see feed-back.ts). */
  private readonly sourceColumns: readonly string[] | undefined;
  private readonly withSourceLine: boolean;
  /** The rows report.html lists (the first HTML_ROW_CAP of them), and how many there are in all. */
  private readonly attention: RowResult[] = [];
  private attentionTotal = 0;

  private constructor(
    readonly dir: string,
    private readonly info: RunInfo,
    /** A resumed run's folder: its report files are there already, and are written again whole. */
    private readonly replace = false,
  ) {
    // Reports hold client data: readable by the owner only, and never written through a link placed there.
    this.file = reportStream(join(dir, "results.csv"), replace);
    // A BOM so that Excel reads the file as UTF-8.
    const header =
      info.kind === "invoices"
        ? INVOICE_RESULTS_COLUMNS
        : info.kind === "rollback"
          ? ROLLBACK_RESULTS_COLUMNS
          : RESULTS_COLUMNS;
    this.file.write(stringify([[...header]], { bom: true, delimiter: this.delimiter }));
    const xlsx = info.positionName === "row" && info.kind !== "rollback";
    // results.xlsx is for people: its titles in their language (results.csv keeps its keys, for scripts).
    const lang = info.lang ?? "en";
    if (xlsx)
      this.resultsXlsx = new XlsxReport(
        reportStream(join(dir, "results.xlsx"), replace),
        "results",
        header.map((h) => ({
          header: RESULT_COLUMN_TITLES[lang][h],
          kind: NUMBER_COLUMNS.has(h) ? "number" : "text",
        })),
      );
    this.sourceColumns = info.columns?.filter((c) => !isErrorColumn(c));
    // An input with a column of that name in any language has its own: ours is not added next to it.
    this.withSourceLine = this.sourceColumns?.some(isSourceLineColumn) === false;
    const titles = ERROR_COLUMN_TITLES[lang];
    if (this.sourceColumns !== undefined) {
      const ours = [...(this.withSourceLine ? [titles.sourceLine] : []), titles.error];
      this.errors = reportStream(join(dir, "errors.csv"), replace);
      // Header cells are cells too: "=HYPERLINK(…)" as a column name runs in Excel as well as in a row.
      this.errors.write(
        stringify([[...this.sourceColumns.map(neutralize), ...ours]], {
          bom: true,
          delimiter: this.delimiter,
        }),
      );
      if (xlsx)
        this.errorsXlsx = new XlsxReport(reportStream(join(dir, "errors.xlsx"), replace), "errors", [
          ...this.sourceColumns.map((c): XlsxColumn => ({ header: c, kind: "text" })),
          ...(this.withSourceLine ? [{ header: titles.sourceLine, kind: "number" } as const] : []),
          { header: titles.error, kind: "text", highlight: true },
        ]);
    }
  }

  private get delimiter(): string {
    return reportDelimiter(this.info);
  }

  /** A resumed run reports into the folder of the run it finishes: every row again, from the journal and this run. */
  static reopen(dir: string, info: RunInfo): Reporter {
    const problem = runFolderProblem(dir, JOURNAL_FILE);
    if (problem !== undefined) throw new UsageError(`${dir}: not written in again: ${problem}`);
    return new Reporter(dir, info, true);
  }

  static async open(reportRoot: string, info: RunInfo): Promise<Reporter> {
    const base = join(resolve(reportRoot), runFolderName(info.folderStem ?? info.inputFile, info.startedAt));
    await prepareReportRoot(reportRoot);
    // A folder of its own, made here (never one already there): two runs in the same second, or a folder someone
    // made in advance under the name, get the next name rather than mixing their files.
    for (let n = 1; ; n++) {
      const dir = n === 1 ? base : `${base}-${n}`;
      try {
        await mkdir(dir, { mode: 0o700 });
        // The umask may have cut the mode further.
        await chmod(dir, 0o700);
        return new Reporter(dir, info);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      }
    }
  }

  /**
   * Appends a batch of results, in input order: one CSV chunk per batch rather than one write per row. With the
   * rows' source fields, the rows not imported also go to errors.csv, their columns as read plus the reason.
   */
  write(
    results: readonly RowResult[],
    fields?: readonly (Readonly<Record<string, string>> | undefined)[],
  ): void {
    if (results.length === 0) return;
    const rows = results.map((r) => this.cells(r));
    // results.xlsx takes the cells as they are (add() serializes them at once); then they are neutralized where they
    // lie for results.csv: no copy per row.
    for (const cells of rows) {
      this.resultsXlsx?.add(cells);
      for (let i = 0; i < cells.length; i++) cells[i] = neutralize(cells[i] ?? "");
    }
    this.file.write(stringify(rows, { delimiter: this.delimiter }));
    const columns = this.sourceColumns;
    if (this.errors === undefined || columns === undefined || fields === undefined) return;
    const failed = results.flatMap((r, i) => {
      if (!NOT_IMPORTED.has(r.outcome)) return [];
      const source = fields[i] ?? {};
      const reason = r.problems
        .filter((p) => p.severity === "error")
        .map(
          (p) => `${p.code}: ${p.column === undefined ? "" : `[${capText(p.column)}] `}${capText(p.message)}`,
        )
        .join(" | ");
      // A row of a file fed back keeps the number it came with: the line of the original file.
      const at =
        SOURCE_LINE_TITLES.map((c) => source[c]?.trim()).find((v) => v !== undefined && v !== "") ??
        String(r.line);
      // The row's cells whole, so that the file can be fixed and fed back; the reason, ours, is cut like a report's.
      return [
        [...columns.map((c) => source[c] ?? ""), ...(this.withSourceLine ? [at] : []), reason || r.outcome],
      ];
    });
    if (failed.length === 0) return;
    this.errors.write(
      stringify(
        failed.map((cells) => cells.map(neutralize)),
        { delimiter: this.delimiter },
      ),
    );
    for (const cells of failed) this.errorsXlsx?.add(cells);
  }

  /** A row of results.csv, its cells as they are (results.csv neutralizes them, results.xlsx need not). */
  private cells(full: RowResult): string[] {
    const result = cappedResult(full);
    this.rows += 1;
    if (needsAttention(result)) {
      this.attentionTotal += 1;
      if (this.attention.length < HTML_ROW_CAP) this.attention.push(result);
    }
    this.counts[result.outcome] += 1;
    if (result.invoice?.item === 1) this.invoiceCounts[result.outcome] += 1;
    for (const p of result.problems) {
      this.problemCounts[p.code] = (this.problemCounts[p.code] ?? 0) + 1;
      this.problemTotal += 1;
      if (this.problemLines.length < CONSOLE_PROBLEMS)
        this.problemLines.push(
          `record ${result.recordNo} (${this.info.positionName} ${result.line})${p.column === undefined ? "" : ` [${p.column}]`} ${p.severity} ${p.code}: ${p.message}`,
        );
    }
    const codes = result.problems.map((p) => p.code).join(" ");
    const messages = result.problems
      .map((p) => (p.column === undefined ? p.message : `[${p.column}] ${p.message}`))
      .join(" | ");
    if (this.info.kind === "invoices")
      return [
        String(result.recordNo),
        String(result.line),
        result.outcome,
        result.invoice?.number ?? "",
        String(result.invoice?.item ?? ""),
        result.invoice?.id ?? "",
        result.clientId ?? "",
        result.invoice?.clientMatchedBy ?? "",
        codes,
        messages,
        result.label.name,
      ];
    const changes = (result.changes ?? [])
      .map((c) => `${c.field}: ${c.from ?? "(empty)"} -> ${c.to ?? "(empty)"}`)
      .join(" | ");
    if (this.info.kind === "rollback")
      return [
        String(result.recordNo),
        String(result.line),
        result.outcome,
        result.clientId ?? "",
        result.importOutcome ?? "",
        codes,
        messages,
        changes,
        result.label.name,
        result.label.vat,
        result.label.email,
      ];
    return [
      String(result.recordNo),
      String(result.line),
      result.outcome,
      result.clientId ?? "",
      result.matchedKey === undefined ? "" : keyLabel(result.matchedKey),
      result.duplicateOf === undefined ? "" : String(result.duplicateOf),
      codes,
      messages,
      changes,
      result.label.name,
      result.label.vat,
      result.label.email,
    ];
  }

  /** Waits while the disk is behind, so a fast dry run of a big file does not pile results up in memory. */
  async drain(): Promise<void> {
    if (this.file.writableNeedDrain) await once(this.file, "drain");
    if (this.errors?.writableNeedDrain === true) await once(this.errors, "drain");
    await Promise.all([this.resultsXlsx?.drain(), this.errorsXlsx?.drain()]);
  }

  /** rowsRead comes from the parser, so the summary checks the report against the input, not against itself. */
  async close(
    rowsRead: number,
    requests: Summary["requests"],
    stoppedEarly: string | null,
  ): Promise<Summary> {
    this.file.end();
    this.errors?.end();
    await Promise.all([
      streamFinished(this.file),
      this.errors === undefined ? undefined : streamFinished(this.errors),
      this.resultsXlsx?.close(),
      this.errorsXlsx?.close(),
    ]);
    const finished = new Date();
    const total = Object.values(this.counts).reduce((a, b) => a + b, 0);
    const summary: Summary = {
      tool: this.info.tool,
      input: { file: this.info.inputFile, sha256: this.info.inputSha256, rows: rowsRead },
      dry_run: this.info.dryRun,
      options: this.info.options,
      outcomes: this.counts,
      ...(this.info.kind === "invoices"
        ? {
            invoices: {
              total: Object.values(this.invoiceCounts).reduce((a, b) => a + b, 0),
              outcomes: this.invoiceCounts,
            },
          }
        : {}),
      ...(this.info.rollback === undefined ? {} : { rollback: this.info.rollback }),
      all_rows_accounted_for: total === rowsRead && this.rows === rowsRead,
      problems: Object.fromEntries(Object.entries(this.problemCounts).sort((a, b) => b[1] - a[1])),
      requests:
        requests === null
          ? null
          : {
              ...requests,
              per_second:
                Math.round(
                  (requests.total * 10_000) / Math.max(1, finished.getTime() - this.info.startedAt.getTime()),
                ) / 10,
            },
      started_at: this.info.startedAt.toISOString(),
      finished_at: finished.toISOString(),
      duration_ms: finished.getTime() - this.info.startedAt.getTime(),
      stopped_early: stoppedEarly,
    };
    await writeReportFile(
      join(this.dir, "summary.json"),
      JSON.stringify(summary, null, 2) + "\n",
      this.replace,
    );
    const html = renderHtmlReport(summary, this.attention, {
      reportDir: this.dir,
      capped: this.attentionTotal > this.attention.length,
      attentionTotal: this.attentionTotal,
      ...(this.info.lang === undefined ? {} : { lang: this.info.lang }),
    });
    await writeReportFile(join(this.dir, "report.html"), html, this.replace);
    return summary;
  }
}
