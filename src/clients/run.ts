import { createPlanner } from "../dedupe/plan.js";
import { InputFileError } from "../errors.js";
import { execute } from "../execute/execute.js";
import { BATCH_SIZE, batches, sha256File } from "../execute/batches.js";
import type { ExecuteOutcome, RunHooks, RunInput } from "../execute/types.js";
import { journalOptions } from "../journal/resume.js";
import type { SourceField } from "../map/aliases.js";
import { mappingGaps, matchHeader, type ColumnMapping, type HeaderMatch } from "../map/header.js";
import { EMPTY_MAPPING, loadMappingFile, missingColumns } from "../map/mapping-file.js";
import { clientRowRoles } from "../map/summary-rows.js";
import { normalizeDefaultsOf, type ImportOptions } from "../options/import.js";
import { openOptionsOf, openTable, requireDataRows } from "../parse/open.js";
import { refuseInvoicesFile } from "../invoices/detect.js";
import { positionName, type SourceRow } from "../parse/source-row.js";
import { isErrorColumn } from "../report/reporter.js";
import { checkReportRoot } from "../report/safe-files.js";
import {
  defaultWorkerCount,
  inThreadNormalizer,
  workerNormalizer,
  workersAvailable,
} from "./normalize-pool.js";
import { finishedInOrder } from "../execute/ahead.js";
import { describeFormat } from "../parse/describe.js";
import { fedBackTable } from "../report/feed-back.js";
import { ignoredRow } from "../dedupe/ignored.js";
import { settingsOf } from "../execute/settings.js";

export type { RunHooks } from "../execute/types.js";

// Below this many rows a file is normalized on the main thread: starting workers costs more than they save.
const THREADS_AFTER_ROWS = 2_000;
// A dry run sends nothing, so its batches need not be an upload's: bigger ones mean fewer messages to the workers
// and fewer report writes.
const DRY_RUN_BATCH = 1_000;

export interface RunOutcome extends ExecuteOutcome {
  header: HeaderMatch;
}

/** Reads, validates, de-duplicates and (unless a dry run) uploads one clients file, writing its report. */
export async function runClientsImport(options: ImportOptions, hooks: RunHooks): Promise<RunOutcome> {
  const startedAt = new Date();
  const inputSha256 = await sha256File(options.file);
  // The mapping file first: its column names help find the header row.
  const mappingFile = options.mapFile === undefined ? EMPTY_MAPPING : await loadMappingFile(options.mapFile);
  const openOptions = openOptionsOf(options, [...Object.keys(mappingFile.columns), ...mappingFile.ignore]);
  const opened = fedBackTable(await openTable(options.file, openOptions));
  const notInFile = missingColumns(mappingFile, opened.header.columns);
  if (options.mapFile !== undefined && notInFile.length > 0)
    throw new InputFileError(
      options.mapFile,
      `names columns that ${options.file} does not have: ${notInFile.map((c) => `"${c}"`).join(", ")}; its columns are: ${opened.header.columns.join(", ")}`,
    );
  // An errors.csv fed back: its error column (titled in the language it was made in) is ours, not data.
  const ours = opened.header.columns.filter(isErrorColumn);
  const header = matchHeader(
    opened.header.columns,
    ours.length > 0 ? { ...mappingFile, ignore: [...mappingFile.ignore, ...ours] } : mappingFile,
  );
  // An invoices file sent here would make one client per invoice line: refused, with the command it needs. A
  // mapping file says the user means clients, so it is trusted.
  if (options.mapFile === undefined) refuseInvoicesFile(options.file, opened.header.columns, header.mapping);
  const gaps = mappingGaps(header.mapping, mappingFile.constants);
  if (gaps.length > 0)
    throw new InputFileError(
      options.file,
      `${opened.header.format === "xlsx" ? `sheet "${opened.header.sheet ?? ""}", ` : ""}${positionName(opened.header)} ${opened.header.line}: ${gaps.join("; ")}; columns found: ${opened.header.columns.join(", ")}`,
    );
  const table = await requireDataRows(options.file, opened);
  // Before reading the file through: a report folder that cannot be used stops the run at once.
  await checkReportRoot(options.reportDir);
  hooks.log(`Reading ${options.file} (${describeFormat(table.header)}).`);
  let expectedRows: number | undefined;
  if (!options.dryRun) {
    // Nothing is sent unless the whole file reads: a broken quote at row 30,000 must not leave 29,999 rows half-imported.
    const check = await openTable(options.file, openOptions);
    for await (const row of check.rows) void row;
    expectedRows = check.recordCount();
  }
  if (header.unmapped.length > 0)
    hooks.log(`Columns not imported (no matching Qonto field): ${header.unmapped.join(", ")}`);
  for (const { column, field, by } of header.shadowed)
    hooks.log(
      `Column "${column}" not imported: the ${field} field is already fed by column "${by}" (use --map to choose)`,
    );

  const defaults = normalizeDefaultsOf(options, mappingFile.constants);
  const roles = clientRowRoles(
    table.header.columns.filter((c) => !isErrorColumn(c)),
    header.mapping,
  );
  const input: RunInput = {
    file: options.file,
    sha256: inputSha256,
    positionName: positionName(table.header),
    async *plan(existing) {
      const planner = createPlanner(existing.index, options.onMatch, {
        clearEmpty: options.clearEmpty,
        matchOn: options.matchOn,
        mappedFields: payloadPathsOf(header.mapping),
      });
      const setup = { mapping: header.mapping, defaults };
      const threads = options.threads ?? defaultWorkerCount();
      let normalizer = inThreadNormalizer(setup);
      let read = 0;
      // Each batch is handed to the normalizer as it is read; batches are planned in file order on this thread, so
      // in-file duplicates are decided as on one thread.
      const planned = finishedInOrder(
        batches<SourceRow>(table.rows, options.dryRun ? DRY_RUN_BATCH : BATCH_SIZE),
        (batch) => {
          read += batch.length;
          // A big file's rows are normalized on other cores; a small one does not wait for threads to start.
          if (!normalizer.parallel && threads > 0 && read > THREADS_AFTER_ROWS && workersAvailable())
            normalizer = workerNormalizer(setup, threads);
          // Totals lines and repeated headers are set aside first: never normalized, looked up, or indexed as
          // keys of the file (the planner never sees them).
          const ignored = batch.map((row) => ignoredRow(row, roles));
          const kept = batch.filter((_, i) => ignored[i] === undefined);
          const normalized = normalizer.normalize(kept);
          // Awaited in order when the batch is planned; meanwhile a failure must not count as unhandled.
          normalized.catch(() => undefined);
          return { ignored, kept: kept.length, normalized };
        },
        async (batch, { ignored, kept, normalized }) => {
          const rows = await normalized;
          if (rows.length !== kept) throw new Error(`normalization returned ${rows.length} rows for ${kept}`);
          let k = 0;
          const all = ignored.map((i) => (i === undefined ? rows[k++] : undefined));
          // Targeted look-ups: the clients this batch could match are fetched before it is planned.
          await existing.lookUp(all.flatMap((n) => (n?.ok === true ? [n.payload] : [])));
          return batch.map(
            (row, i) => ignored[i] ?? planner.plan(row, all[i] ?? { ok: false, problems: [] }),
          );
        },
        () => (normalizer.parallel ? 2 * threads : 0),
      );
      try {
        yield* planned;
      } finally {
        await normalizer.close();
      }
    },
    recordCount: () => table.recordCount(),
    columns: table.header.columns,
    ...(table.header.delimiter === undefined ? {} : { delimiter: table.header.delimiter }),
    ...(expectedRows === undefined ? {} : { expectedRows }),
  };
  const outcome = await execute(input, settingsOf(options, journalOptions(options)), hooks, startedAt);
  return { ...outcome, header };
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
