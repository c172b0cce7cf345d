import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import { once } from "node:events";
import { finished as streamFinished } from "node:stream/promises";
import { stringify } from "csv-stringify/sync";
import { keyLabel } from "../dedupe/plan.js";
import { OUTCOMES, type Outcome, type RowResult } from "./outcome.js";

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

export interface RunInfo {
  tool: { name: string; version: string };
  inputFile: string;
  inputSha256: string;
  dryRun: boolean;
  /** Options as resolved, with no secret in them. */
  options: Record<string, unknown>;
  startedAt: Date;
  /** What a position is called in this input: a CSV line, or a worksheet row. */
  positionName: "line" | "row";
}

/** How many problems the console lists; all of them are in results.csv. */
export const CONSOLE_PROBLEMS = 40;

export interface Summary {
  tool: { name: string; version: string };
  input: { file: string; sha256: string; rows: number };
  dry_run: boolean;
  options: Record<string, unknown>;
  outcomes: Record<Outcome, number>;
  /** The outcome counts add up to input.rows; false would be a bug, and is shown as one. */
  all_rows_accounted_for: boolean;
  problems: Record<string, number>;
  requests: {
    total: number;
    retries: number;
    rate_limited: number;
    by_status: Record<string, number>;
  } | null;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  stopped_early: string | null;
}

// A cell starting with one of these is a formula to Excel; a leading quote makes it text.
const FORMULA_START = /^[=+\-@\t\r]/;
export const neutralize = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

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
  private readonly counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  private readonly problemCounts: Record<string, number> = {};
  private rows = 0;
  /** The first problems, one line each, for the console. */
  readonly problemLines: string[] = [];
  problemTotal = 0;
  private readonly file: WriteStream;

  private constructor(
    readonly dir: string,
    private readonly info: RunInfo,
  ) {
    // Reports hold client data: readable by the owner only.
    this.file = createWriteStream(join(dir, "results.csv"), { mode: 0o600 });
    // A BOM so that Excel reads the file as UTF-8.
    this.file.write(stringify([[...RESULTS_COLUMNS]], { bom: true }));
  }

  /** A resumed run reports into the folder of the run it finishes: every row again, from the journal and this run. */
  static reopen(dir: string, info: RunInfo): Reporter {
    return new Reporter(dir, info);
  }

  static async open(reportRoot: string, info: RunInfo): Promise<Reporter> {
    const base = join(resolve(reportRoot), runFolderName(info.inputFile, info.startedAt));
    await mkdir(resolve(reportRoot), { recursive: true });
    // Two runs in the same second get distinct folders rather than mixing their files.
    for (let n = 1; ; n++) {
      const dir = n === 1 ? base : `${base}-${n}`;
      try {
        await mkdir(dir, { mode: 0o700 });
        return new Reporter(dir, info);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      }
    }
  }

  /** Appends a batch of results, in input order: one CSV chunk per batch rather than one write per row. */
  write(results: readonly RowResult[]): void {
    if (results.length > 0) this.file.write(stringify(results.map((r) => this.cells(r))));
  }

  private cells(result: RowResult): string[] {
    this.rows += 1;
    this.counts[result.outcome] += 1;
    for (const p of result.problems) {
      this.problemCounts[p.code] = (this.problemCounts[p.code] ?? 0) + 1;
      this.problemTotal += 1;
      if (this.problemLines.length < CONSOLE_PROBLEMS)
        this.problemLines.push(
          `record ${result.recordNo} (${this.info.positionName} ${result.line})${p.column === undefined ? "" : ` [${p.column}]`} ${p.severity} ${p.code}: ${p.message}`,
        );
    }
    const cells = [
      String(result.recordNo),
      String(result.line),
      result.outcome,
      result.clientId ?? "",
      result.matchedKey === undefined ? "" : keyLabel(result.matchedKey),
      result.duplicateOf === undefined ? "" : String(result.duplicateOf),
      result.problems.map((p) => p.code).join(" "),
      result.problems
        .map((p) => (p.column === undefined ? p.message : `[${p.column}] ${p.message}`))
        .join(" | "),
      (result.changes ?? [])
        .map((c) => `${c.field}: ${c.from ?? "(empty)"} -> ${c.to ?? "(empty)"}`)
        .join(" | "),
      result.label.name,
      result.label.vat,
      result.label.email,
    ];
    return cells.map(neutralize);
  }

  /** Waits while the disk is behind, so a fast dry run of a big file does not pile results up in memory. */
  async drain(): Promise<void> {
    if (this.file.writableNeedDrain) await once(this.file, "drain");
  }

  /** rowsRead comes from the parser, so the summary checks the report against the input, not against itself. */
  async close(
    rowsRead: number,
    requests: Summary["requests"],
    stoppedEarly: string | null,
  ): Promise<Summary> {
    this.file.end();
    await streamFinished(this.file);
    const finished = new Date();
    const total = Object.values(this.counts).reduce((a, b) => a + b, 0);
    const summary: Summary = {
      tool: this.info.tool,
      input: { file: this.info.inputFile, sha256: this.info.inputSha256, rows: rowsRead },
      dry_run: this.info.dryRun,
      options: this.info.options,
      outcomes: this.counts,
      all_rows_accounted_for: total === rowsRead && this.rows === rowsRead,
      problems: Object.fromEntries(Object.entries(this.problemCounts).sort((a, b) => b[1] - a[1])),
      requests,
      started_at: this.info.startedAt.toISOString(),
      finished_at: finished.toISOString(),
      duration_ms: finished.getTime() - this.info.startedAt.getTime(),
      stopped_early: stoppedEarly,
    };
    await writeFile(join(this.dir, "summary.json"), JSON.stringify(summary, null, 2) + "\n", { mode: 0o600 });
    return summary;
  }
}
