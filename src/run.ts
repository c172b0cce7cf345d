import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import pLimit from "p-limit";
import { indexClients } from "./dedupe/index.js";
import { createPlanner } from "./dedupe/plan.js";
import { AbortRunError, InputFileError } from "./errors.js";
import { mappingGaps, matchHeader, type HeaderMatch } from "./map/header.js";
import { EMPTY_MAPPING, loadMappingFile, missingColumns } from "./map/mapping-file.js";
import { normalizeDefaultsOf, publicOptions, type ImportOptions } from "./options.js";
import { describeFsError } from "./parse/csv.js";
import { openOptionsOf, openTable } from "./parse/open.js";
import { positionName, type SourceRow, type TableHeader } from "./parse/source-row.js";
import { Reporter, type Summary } from "./report/reporter.js";
import { applyRow, planOnly, type ApplyContext } from "./upload/apply.js";
import { createQontoApi, type QontoApi, type QontoClient } from "./upload/client.js";
import { normalizeRow } from "./validate/normalize.js";
import { TOOL } from "./version.js";

export interface RunHooks {
  /** One line of progress or notice for a person; the CLI sends it to stderr. */
  log(line: string): void;
  /** Aborted by Ctrl-C: writes in flight finish, later rows are reported as not sent, and the report is completed. */
  signal?: AbortSignal;
}

export interface RunOutcome {
  summary: Summary;
  reportDir: string;
  header: HeaderMatch;
  /** The first problems, one line each (record, position, column, severity, code, message), and how many in all. */
  problems: { lines: string[]; total: number };
}

// Rows are planned in order, then a batch's writes run concurrently; results are written in input order.
const BATCH_SIZE = 200;

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } catch (err) {
    throw new InputFileError(file, describeFsError(err));
  }
  return hash.digest("hex");
}

export function describeFormat(header: TableHeader): string {
  if (header.format === "xlsx") return `XLSX, sheet "${header.sheet ?? ""}", header on row ${header.line}`;
  const delimiter = header.delimiter === "\t" ? "tab" : `"${header.delimiter ?? ","}"`;
  return `CSV, ${header.encoding ?? "utf-8"}, delimiter ${delimiter}`;
}

/** Groups a stream in batches; rows read before a read error are still handed on, then the error. */
async function* batches<T>(source: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  try {
    for await (const item of source) {
      batch.push(item);
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
  } catch (err) {
    if (batch.length > 0) yield batch;
    throw err;
  }
  if (batch.length > 0) yield batch;
}

/** Reads, validates, de-duplicates and (unless a dry run) uploads one clients file, writing its report. */
export async function runClientsImport(options: ImportOptions, hooks: RunHooks): Promise<RunOutcome> {
  const startedAt = new Date();
  const inputSha256 = await sha256File(options.file);
  // The mapping file first: its column names help find the header row.
  const mappingFile = options.mapFile === undefined ? EMPTY_MAPPING : await loadMappingFile(options.mapFile);
  const openOptions = openOptionsOf(options, [...Object.keys(mappingFile.columns), ...mappingFile.ignore]);
  const table = await openTable(options.file, openOptions);
  const notInFile = missingColumns(mappingFile, table.header.columns);
  if (options.mapFile !== undefined && notInFile.length > 0)
    throw new InputFileError(
      options.mapFile,
      `names columns that ${options.file} does not have: ${notInFile.map((c) => `"${c}"`).join(", ")}; its columns are: ${table.header.columns.join(", ")}`,
    );
  const header = matchHeader(table.header.columns, mappingFile);
  const gaps = mappingGaps(header.mapping, mappingFile.constants);
  if (gaps.length > 0)
    throw new InputFileError(
      options.file,
      `${table.header.format === "xlsx" ? `sheet "${table.header.sheet ?? ""}", ` : ""}${positionName(table.header)} ${table.header.line}: ${gaps.join("; ")}; columns found: ${table.header.columns.join(", ")}`,
    );
  hooks.log(`Reading ${options.file} (${describeFormat(table.header)}).`);
  if (!options.dryRun) {
    // Nothing is sent unless the whole file reads: a broken quote at row 30,000 must not leave 29,999 rows half-imported.
    const check = await openTable(options.file, openOptions);
    for await (const row of check.rows) void row;
  }
  if (header.unmapped.length > 0)
    hooks.log(`Columns not imported (no matching Qonto field): ${header.unmapped.join(", ")}`);
  for (const { column, field, by } of header.shadowed)
    hooks.log(
      `Column "${column}" not imported: the ${field} field is already fed by column "${by}" (use --map to choose)`,
    );

  const api: QontoApi | undefined =
    options.auth === undefined
      ? undefined
      : createQontoApi({
          baseUrl: options.baseUrl,
          auth: options.auth,
          rateLimits: options.rateLimits,
          ...(options.stagingToken === undefined ? {} : { stagingToken: options.stagingToken }),
        });
  try {
    let existing: QontoClient[] = [];
    if (api !== undefined) {
      hooks.log("Reading the clients already in Qonto...");
      try {
        existing = await api.listAllClients((fetched, total) => {
          if (fetched === total || fetched % 5000 === 0)
            hooks.log(`  ${fetched} of ${total} existing clients read`);
        });
      } catch (err) {
        throw new AbortRunError(
          `could not read the clients already in Qonto, so nothing was sent: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      hooks.log(`${existing.length} existing clients found.`);
    }
    const planner = createPlanner(indexClients(existing), options.onMatch);
    const ctx: ApplyContext | undefined =
      api === undefined
        ? undefined
        : { api, accountedIds: new Set(existing.map((c) => c.id)), stop: { reason: null } };
    const interrupt = () => {
      if (ctx !== undefined) ctx.stop.reason ??= "the run was interrupted (Ctrl-C)";
    };
    if (hooks.signal?.aborted) interrupt();
    hooks.signal?.addEventListener("abort", interrupt, { once: true });

    const reporter = await Reporter.open(options.reportDir, {
      tool: TOOL,
      inputFile: options.file,
      inputSha256,
      dryRun: options.dryRun,
      options: publicOptions(options),
      startedAt,
      positionName: positionName(table.header),
    });
    let summary: Summary;
    let readError: string | null = null;
    try {
      const limit = pLimit(options.concurrency);
      const defaults = normalizeDefaultsOf(options, mappingFile.constants);
      for await (const batch of batches<SourceRow>(table.rows, BATCH_SIZE)) {
        const planned = batch.map((row) => planner.plan(row, normalizeRow(row, header.mapping, defaults)));
        const results = await Promise.all(
          planned.map((p) =>
            options.dryRun || ctx === undefined
              ? Promise.resolve(planOnly(p))
              : limit(() => applyRow(p, ctx)),
          ),
        );
        reporter.write(results);
        await reporter.drain();
      }
    } catch (err) {
      if (err instanceof InputFileError) readError = `the file could not be read further: ${err.message}`;
      throw err;
    } finally {
      summary = await reporter.close(
        table.recordCount(),
        api === undefined ? null : toRequestSummary(api.stats()),
        readError ?? ctx?.stop.reason ?? null,
      );
    }
    return {
      summary,
      reportDir: reporter.dir,
      header,
      problems: { lines: reporter.problemLines, total: reporter.problemTotal },
    };
  } finally {
    await api?.close();
  }
}

function toRequestSummary(stats: ReturnType<QontoApi["stats"]>): Summary["requests"] {
  return {
    total: stats.total,
    retries: stats.retries,
    rate_limited: stats.rateLimited,
    by_status: stats.byStatus,
  };
}
