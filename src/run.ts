import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { join } from "node:path";
import pLimit from "p-limit";
import { indexClients } from "./dedupe/index.js";
import { createPlanner } from "./dedupe/plan.js";
import { AbortRunError, InputFileError, UsageError } from "./errors.js";
import { JOURNAL_FILE, JournalWriter, readJournal, type JournalState } from "./journal/journal.js";
import {
  journalOptions,
  optionsHash,
  settleFromJournal,
  unfinishedRuns,
  type UnfinishedRun,
} from "./journal/resume.js";
import type { SourceField } from "./map/aliases.js";
import { mappingGaps, matchHeader, type ColumnMapping, type HeaderMatch } from "./map/header.js";
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
  const resumeFrom = options.dryRun ? undefined : findRunToResume(options, inputSha256, hooks);
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
    const planner = createPlanner(indexClients(existing), options.onMatch, {
      clearEmpty: options.clearEmpty,
      mappedFields: payloadPathsOf(header.mapping),
    });
    const lookFirst = new Set<number>();
    const ctx: ApplyContext | undefined =
      api === undefined
        ? undefined
        : { api, accountedIds: accountedIds(existing, resumeFrom?.state), stop: { reason: null }, lookFirst };
    const interrupt = () => {
      if (ctx !== undefined) ctx.stop.reason ??= "the run was interrupted (Ctrl-C)";
    };
    if (hooks.signal?.aborted) interrupt();
    hooks.signal?.addEventListener("abort", interrupt, { once: true });

    const info = {
      tool: TOOL,
      inputFile: options.file,
      inputSha256,
      dryRun: options.dryRun,
      options: publicOptions(options),
      startedAt,
      positionName: positionName(table.header),
    };
    const reporter =
      resumeFrom === undefined
        ? await Reporter.open(options.reportDir, info)
        : Reporter.reopen(resumeFrom.dir, info);
    // Every write of a real run is journaled, so that re-running the command finishes the job exactly once.
    let journal: JournalWriter | undefined;
    if (ctx !== undefined && !options.dryRun) {
      journal = new JournalWriter(join(reporter.dir, JOURNAL_FILE));
      ctx.journal = journal;
      const recorded = journalOptions(options);
      await journal.append({
        type: "start",
        tool: TOOL.name,
        version: TOOL.version,
        started_at: startedAt.toISOString(),
        input: { file: options.file, sha256: inputSha256 },
        options: recorded,
        options_hash: optionsHash(recorded),
        ...(resumeFrom === undefined ? {} : { resumed: true }),
      });
    }
    let summary: Summary;
    let readError: string | null = null;
    try {
      const limit = pLimit(options.concurrency);
      const defaults = normalizeDefaultsOf(options, mappingFile.constants);
      for await (const batch of batches<SourceRow>(table.rows, BATCH_SIZE)) {
        const planned = batch.map((row) => planner.plan(row, normalizeRow(row, header.mapping, defaults)));
        const results = await Promise.all(
          planned.map((p) => {
            if (options.dryRun || ctx === undefined) return Promise.resolve(planOnly(p));
            const settled = resumeFrom === undefined ? undefined : settleFromJournal(p, resumeFrom.state);
            if (settled === "look_first") lookFirst.add(p.row.recordNo);
            else if (settled !== undefined) {
              if (settled.clientId !== undefined) ctx.accountedIds.add(settled.clientId);
              return Promise.resolve(settled);
            }
            return limit(() => applyRow(p, ctx));
          }),
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
      if (journal !== undefined) {
        await journal
          .append({
            type: "end",
            finished_at: new Date().toISOString(),
            complete: summary.stopped_early === null,
          })
          .catch(() => undefined);
        journal.close();
      }
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

// Which payload field (or address part) each source field feeds: what --clear-empty may clear.
const PAYLOAD_PATH: Partial<Record<SourceField, string>> = {
  name: "name",
  full_name: "first_name",
  first_name: "first_name",
  last_name: "last_name",
  email: "email",
  extra_emails: "extra_emails",
  phone: "phone",
  vat_number: "vat_number",
  tax_identification_number: "tax_identification_number",
  e_invoicing_address: "e_invoicing_address",
  recipient_code: "recipient_code",
  currency: "currency",
  locale: "locale",
  address: "billing_address.street_address",
  address2: "billing_address.street_address",
  address3: "billing_address.street_address",
  zip_code: "billing_address.zip_code",
  city: "billing_address.city",
  province_code: "billing_address.province_code",
  country: "billing_address.country_code",
  delivery_address: "delivery_address.street_address",
  delivery_zip_code: "delivery_address.zip_code",
  delivery_city: "delivery_address.city",
  delivery_province_code: "delivery_address.province_code",
  delivery_country: "delivery_address.country_code",
};

function payloadPathsOf(mapping: ColumnMapping): Set<string> {
  const paths = new Set<string>();
  for (const field of Object.keys(mapping) as SourceField[]) {
    const path = PAYLOAD_PATH[field];
    if (path !== undefined) paths.add(path);
    // A full name feeds both names.
    if (field === "full_name") paths.add("last_name");
  }
  return paths;
}

/**
 * The unfinished run this one finishes: the one named by --resume, or one of the same file with the same options
 * (re-running the command that was interrupted finishes its job). Another unfinished run of the file, with other
 * options, is not guessed at: the user chooses.
 */
function findRunToResume(
  options: ImportOptions,
  inputSha256: string,
  hooks: RunHooks,
): UnfinishedRun | undefined {
  if (options.resume !== undefined) {
    let state: JournalState | undefined;
    try {
      state = readJournal(options.resume);
    } catch (err) {
      throw new UsageError(`--resume ${options.resume}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (state === undefined)
      throw new UsageError(
        `--resume ${options.resume}: no ${JOURNAL_FILE} there; it is not the report folder of an import`,
      );
    if (state.start.input.sha256 !== inputSha256)
      throw new UsageError(
        `--resume ${options.resume}: ${options.file} has changed since that run read it; resume with the file as it was, or start a new import`,
      );
    hooks.log(`Resuming the run in ${options.resume}: rows already done are not sent again.`);
    return { dir: options.resume, state };
  }
  if (options.newRun) return undefined;
  const runs = unfinishedRuns(options.reportDir, inputSha256);
  const hash = optionsHash(journalOptions(options));
  const same = runs.find((r) => r.state.start.options_hash === hash);
  if (same !== undefined) {
    hooks.log(
      `An earlier import of this file stopped before the end (${same.dir}); finishing it: rows already done are not sent again.`,
    );
    return same;
  }
  const other = runs[0];
  if (other !== undefined)
    throw new UsageError(
      `an unfinished import of this file, with other options, is in ${other.dir}: finish it with --resume ${other.dir}, or start another with --new-run`,
    );
  return undefined;
}

/**
 * Ids some row already accounts for: a look-up after a lost answer must never claim one. On a resume, clients
 * created since the interrupted run began (less a margin for clock skew) may be that run's lost creates, so they
 * stay claimable, unless its journal says which row made them.
 */
function accountedIds(existing: readonly QontoClient[], resumed: JournalState | undefined): Set<string> {
  if (resumed === undefined) return new Set(existing.map((c) => c.id));
  const since = Date.parse(resumed.start.started_at) - 10 * 60_000;
  const ids = new Set(existing.filter((c) => !(Date.parse(c.created_at ?? "") >= since)).map((c) => c.id));
  for (const done of resumed.done.values()) ids.add(done.client_id);
  return ids;
}

function toRequestSummary(stats: ReturnType<QontoApi["stats"]>): Summary["requests"] {
  return {
    total: stats.total,
    retries: stats.retries,
    rate_limited: stats.rateLimited,
    by_status: stats.byStatus,
  };
}
