/**
 * `qonto-import invoices <file>`: one row per invoice line → invoices created in Qonto, each exactly once, with one
 * outcome per line in the report. Read and group the whole file, find the numbers Qonto already has, then plan each
 * batch of invoices (normalize, resolve each one's client) and write it, journaled as client imports are, so
 * re-running the command finishes an interrupted run.
 *
 * Invoice files are read whole into memory: grouping needs every row of a number, and the date format is decided
 * from every date of the file. A batch's rows and payloads are let go once its lines are in the report.
 */
import { INTERRUPTED } from "../upload/apply.js";
import pLimit from "p-limit";
import { InputFileError, AbortRunError } from "../errors.js";
import { toRequestSummary } from "../execute/execute.js";
import { findRunToResume } from "../execute/find-run.js";
import { sha256File } from "../execute/batches.js";
import type { ExecuteOutcome, RunHooks } from "../execute/types.js";
import { withRunLock, type RunLock } from "../lock/hold.js";
import { closeRunJournal, lookUpAfter, openRunJournal } from "../journal/resume.js";
import type { InvoiceImportOptions } from "../options/invoices.js";
import { openOptionsOf, openTable, requireDataRows } from "../parse/open.js";
import { positionName, type SourceRow } from "../parse/source-row.js";
import type { RowResult } from "../report/outcome.js";
import { isErrorColumn, Reporter } from "../report/reporter.js";
import { checkReportRoot } from "../report/safe-files.js";
import { settingsOf } from "../execute/settings.js";
import { ignoredRow } from "../dedupe/ignored.js";
import { fedBackTable } from "../report/feed-back.js";
import { describeFormat } from "../parse/describe.js";
import { createQontoApi, type QontoApi } from "../upload/client.js";
import { InOrder, MAX_PENDING_BATCHES } from "../upload/in-order.js";
import {
  EMPTY_INVOICE_MAPPING,
  invoiceMappingNames,
  loadInvoiceMappingFile,
  matchInvoiceHeaderWith,
  missingInvoiceColumns,
} from "./mapping-file.js";
import { INVOICE_FIELDS, invoiceRowRoles, type InvoiceHeaderMatch } from "./aliases.js";
import { invoiceColumnGaps } from "./required.js";
import { readClientsReport } from "./clients-report.js";
import { groupInvoiceRows, type InvoiceGroup } from "./group.js";
import { detectInvoiceDateFormat, type InvoiceDefaults } from "./normalize.js";
import { ClientResolver } from "./resolve.js";
import { displayName } from "../dedupe/keys.js";
import { allowedVatRates } from "./vat-rates.js";
import { previousRefusals } from "./refusals.js";
import { createInvoiceOnce, type InvoiceWrite, type InvoiceWriteContext } from "./upload.js";
import { announceWrites } from "../upload/write-target.js";
import { lineResults, planInvoice, settleInvoice, type PlannedInvoice } from "./plan.js";
import { invoiceJournalOptions, runInfo } from "./recorded.js";

export interface InvoicesOutcome extends ExecuteOutcome {
  header: InvoiceHeaderMatch;
}

// Invoices whose writes run concurrently before the next ones are planned into the report, in file order.
const INVOICE_BATCH = 50;
// A lost create is looked up among invoices created from the run's start less this, for clock skew.
const CLOCK_SKEW_MS = 10 * 60_000;

export async function runInvoicesImport(
  options: InvoiceImportOptions,
  hooks: RunHooks,
): Promise<InvoicesOutcome> {
  const target =
    options.dryRun || options.auth === undefined
      ? undefined
      : { baseUrl: options.baseUrl, auth: options.auth };
  return withRunLock(target, { reportDir: options.reportDir, log: hooks.log }, (lock) =>
    importInvoices(options, hooks, lock),
  );
}

async function importInvoices(
  options: InvoiceImportOptions,
  hooks: RunHooks,
  lock: RunLock | undefined,
): Promise<InvoicesOutcome> {
  const startedAt = new Date();
  const sha256 = await sha256File(options.file);
  // The mapping file first: its column names help find the header row.
  const mappingFile =
    options.mapFile === undefined ? EMPTY_INVOICE_MAPPING : await loadInvoiceMappingFile(options.mapFile);
  const aliases = [...Object.values(INVOICE_FIELDS).flat(), ...invoiceMappingNames(mappingFile)];
  const opened = fedBackTable(await openTable(options.file, openOptionsOf(options, aliases)));
  const notInFile = missingInvoiceColumns(mappingFile, opened.header.columns);
  if (options.mapFile !== undefined && notInFile.length > 0)
    throw new InputFileError(
      options.mapFile,
      `names columns that ${options.file} does not have: ${notInFile.map((c) => `"${c}"`).join(", ")}; its columns are: ${opened.header.columns.join(", ")}`,
    );
  const header = matchInvoiceHeaderWith(
    opened.header.columns.filter((c) => !isErrorColumn(c)),
    mappingFile,
  );
  const missing = invoiceColumnGaps(header.mapping);
  if (missing.length > 0)
    throw new InputFileError(
      options.file,
      `${positionName(opened.header)} ${opened.header.line}: no column for ${missing.join("; ")}; columns found: ${opened.header.columns.join(", ")}`,
    );
  const table = await requireDataRows(options.file, opened);
  // An unusable report folder is said before the first request, not once Qonto has been read.
  await checkReportRoot(options.reportDir);
  hooks.log(`Reading ${options.file} (${describeFormat(table.header)}).`);
  if (header.unmapped.length > 0)
    hooks.log(`Columns not imported (no matching invoice field): ${header.unmapped.join(", ")}`);
  for (const { column, field, by } of header.shadowed)
    hooks.log(`Column "${column}" not imported: the ${field} field is already fed by column "${by}"`);

  const read: SourceRow[] = [];
  for await (const row of table.rows) read.push(row);
  // Totals lines and repeated headers are set aside before grouping: a header repeated inside an invoice does not
  // split it, and a totals line is not taken as a line of the invoice above it.
  const roles = invoiceRowRoles(
    table.header.columns.filter((c) => !isErrorColumn(c)),
    header.mapping,
  );
  const rows: SourceRow[] = [];
  const ignored: { result: RowResult; fields: SourceRow["fields"] }[] = [];
  for (const row of read) {
    const set = ignoredRow(row, roles);
    if (set === undefined) rows.push(row);
    else
      ignored.push({
        result: {
          recordNo: row.recordNo,
          line: row.line,
          outcome: "ignored",
          problems: set.problems,
          label: set.label,
        },
        fields: row.fields,
      });
  }

  const total = read.length;
  read.length = 0;
  const detected = detectInvoiceDateFormat(rows, header.mapping);
  const dateFormat = options.dateFormat ?? (detected.format === "ambiguous" ? "ambiguous" : detected.format);
  if (dateFormat === "ambiguous")
    hooks.log(
      `The file's dates read both as day/month and as month/day (${detected.reason}): dates whose day and month could be swapped are refused; give --date-format dmy or mdy.`,
    );
  const defaults: InvoiceDefaults = {
    orgCountry: options.orgCountry,
    dateFormat,
    strict: options.strict,
    extraVatRates: options.extraVatRates,
  };
  if (allowedVatRates(options.orgCountry) === undefined && options.extraVatRates.length === 0)
    hooks.log(
      `VAT rates are not checked: there is no list of ${options.orgCountry}'s rates; give them with --vat-rates to check them.`,
    );
  if (options.status !== undefined) defaults.status = options.status;
  if (options.paymentIban !== undefined) defaults.paymentIban = options.paymentIban;

  const settings = settingsOf(options, invoiceJournalOptions(options));
  const resumeFrom =
    lock === undefined
      ? undefined
      : await findRunToResume({ file: options.file, sha256 }, settings, hooks, lock);
  const api: QontoApi | undefined =
    options.auth === undefined
      ? undefined
      : createQontoApi({
          baseUrl: options.baseUrl,
          auth: options.auth,
          rateLimits: options.rateLimits,
          ...(options.stagingToken === undefined ? {} : { stagingToken: options.stagingToken }),
          beforeFirstWrite: announceWrites(hooks.log, { baseUrl: options.baseUrl, auth: options.auth }),
        });
  try {
    const resolver = new ClientResolver();
    const reports = [];
    for (const folder of options.clientsReports) {
      const report = await readClientsReport(folder);
      reports.push(report);
      hooks.log(
        `${folder}: ${report.existing.length} clients in Qonto, ${report.pending.length} a dry run would create.`,
      );
    }
    // Numbers Qonto has, and their invoices: the list has no number filter, so every page is read.
    const existingNumbers = new Map<string, string>();
    if (api !== undefined) {
      try {
        hooks.log("Reading the clients and the invoices already in Qonto...");
        const clients = await api.listAllClients((done, total) =>
          hooks.progress?.({ phase: "existing", done, total }),
        );
        for (const c of clients)
          resolver.addExisting({
            id: c.id,
            name: displayName(c),
            ...(c.vat_number == null ? {} : { vat_number: c.vat_number }),
            ...(c.tax_identification_number == null
              ? {}
              : { tax_identification_number: c.tax_identification_number }),
            ...(c.email == null ? {} : { email: c.email }),
          });
        const invoices = await api.listAllInvoices(undefined, { excludeImported: false });
        for (const i of invoices) if (i.number != null) existingNumbers.set(i.number.trim(), i.id);
        hooks.log(`${clients.length} clients and ${invoices.length} invoices found.`);
      } catch (err) {
        throw new AbortRunError(
          `could not read what Qonto already has, so nothing was sent: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }

    // After Qonto's own list: a client id a report names keeps the keys Qonto has for it, not the report's (a report
    // is a file anyone may have edited); the report still brings clients created too recently to be listed.
    for (const report of reports) {
      for (const c of report.existing) resolver.addExisting(c);
      for (const c of report.pending) resolver.addPending(c);
    }

    const refusals = previousRefusals(
      options.reportDir,
      options.baseUrl,
      resumeFrom === undefined ? [] : [resumeFrom.dir],
      hooks.log,
    );
    const groups: (InvoiceGroup | undefined)[] = groupInvoiceRows(rows, header.mapping);
    // The groups hold the rows from here; each batch's are let go once written.
    rows.length = 0;
    const plan = (group: InvoiceGroup) =>
      planInvoice(
        group,
        header,
        defaults,
        resolver,
        existingNumbers,
        api !== undefined,
        options.dryRun,
        refusals,
      );
    // Invoices are planned batch by batch, so that only those under way hold their payloads; but when an earlier
    // run's refusals may match, all are planned first, to say how many are not sent again before anything is.
    const planned: (PlannedInvoice | undefined)[] =
      refusals.size === 0 ? [] : groups.map((g) => (g === undefined ? undefined : plan(g)));
    const refusedBefore = planned.filter((p) => p?.plan.action === "refused_before").length;
    if (refusedBefore > 0)
      hooks.log(
        `${refusedBefore} invoice(s) that Qonto refused in an earlier run, and that have not changed since, are not sent again (api_rejected_before): fix their rows.`,
      );

    const reporter =
      resumeFrom === undefined
        ? await Reporter.open(options.reportDir, runInfo(options, sha256, startedAt, table.header))
        : Reporter.reopen(resumeFrom.dir, runInfo(options, sha256, startedAt, table.header));
    await lock?.holdFolder(reporter.dir);
    const limit = pLimit(options.concurrency);
    const parked = { now: 0 };
    const ctx: InvoiceWriteContext | undefined =
      api === undefined || options.dryRun
        ? undefined
        : {
            api,
            stop: { reason: null },
            slot: limit,
            settleMs: options.settleMs,
            parked,
            since: new Date(
              Date.parse(resumeFrom?.state.start.started_at ?? startedAt.toISOString()) - CLOCK_SKEW_MS,
            ),
          };
    if (ctx !== undefined)
      ctx.journal = await openRunJournal(
        reporter.dir,
        { file: options.file, sha256 },
        settings.recorded,
        startedAt,
        resumeFrom !== undefined,
      );
    const interrupt = () => {
      if (ctx !== undefined) ctx.stop.reason ??= INTERRUPTED;
    };
    if (hooks.signal?.aborted) interrupt();
    hooks.signal?.addEventListener("abort", interrupt, { once: true });
    lock?.onLost((reason) => {
      if (ctx !== undefined) ctx.stop.reason ??= reason;
    });

    let summary;
    let done = 0;
    const label = options.dryRun ? "lines checked" : "lines imported";
    // Written in input order as each batch completes; an invoice parked to settle does not hold up the next ones.
    const batches = new InOrder<number, (InvoiceWrite | undefined)[]>(async (at, writes) => {
      const batch = planned.slice(at, at + INVOICE_BATCH);
      const lines = batch.flatMap((p, i) =>
        p === undefined
          ? []
          : lineResults(p, writes[i]).map((result, j) => ({ result, fields: p.group.rows[j]?.fields })),
      );
      for (let i = at; i < at + batch.length; i += 1) {
        planned[i] = undefined;
        groups[i] = undefined;
      }
      // The ignored rows before the next batch's first line go with this batch, in input order.
      const next = groups[at + INVOICE_BATCH]?.rows[0]?.recordNo ?? Number.POSITIVE_INFINITY;
      let take = 0;
      while (take < ignored.length && (ignored[take]?.result.recordNo ?? 0) < next) take += 1;
      // The lines are in file order already (an invoice's rows are contiguous): only ignored rows need placing.
      const merged =
        take === 0
          ? lines
          : [...lines, ...ignored.splice(0, take)].sort((a, b) => a.result.recordNo - b.result.recordNo);
      const results = merged.map((m) => m.result);
      reporter.write(
        results,
        merged.map((m) => m.fields),
      );
      await reporter.drain();
      done += results.length;
      hooks.progress?.({
        phase: "rows",
        done,
        total,
        label,
        ...(parked.now > 0 ? { parked: parked.now } : {}),
      });
    }, MAX_PENDING_BATCHES);
    try {
      for (let at = 0; at < groups.length; at += INVOICE_BATCH) {
        const batch: PlannedInvoice[] = [];
        for (let i = at; i < Math.min(at + INVOICE_BATCH, groups.length); i += 1) {
          const group = groups[i];
          if (group === undefined) continue;
          const p = planned[i] ?? plan(group);
          planned[i] = p;
          batch.push(p);
        }
        await batches.push(
          at,
          Promise.all(
            batch.map((p) => {
              const settled = resumeFrom === undefined ? undefined : settleInvoice(p, resumeFrom.state);
              if (settled !== undefined) return Promise.resolve(settled);
              const plan = p.plan;
              const record = p.group.rows[0]?.recordNo ?? 0;
              if (ctx === undefined || plan.action !== "create") return Promise.resolve(undefined);
              // Not looked up before its create has had the settle delay to land.
              const lookAfter =
                resumeFrom?.state.uncertain.has(record) === true
                  ? lookUpAfter(resumeFrom.state, record, options.settleMs)
                  : undefined;
              return createInvoiceOnce(record, plan.payload, ctx, lookAfter);
            }),
          ),
        );
      }
      if (parked.now > 0)
        hooks.log(
          `Waiting for ${parked.now} invoice(s) sent without an answer: each is looked up in Qonto ${Math.round(options.settleMs / 1000)} s after its failure (--settle-delay), and sent again only if Qonto does not have its number.`,
        );
      await batches.finish();
      // A file of nothing but ignored rows has no invoice, so no batch wrote them.
      if (ignored.length > 0)
        reporter.write(
          ignored.map((m) => m.result),
          ignored.map((m) => m.fields),
        );
    } finally {
      await batches.finish().catch(() => undefined);
      summary = await reporter.close(
        table.recordCount(),
        api === undefined ? null : toRequestSummary(api.stats()),
        ctx?.stop.reason ?? null,
      );
      await closeRunJournal(ctx?.journal, summary.stopped_early === null);
    }
    return {
      summary,
      reportDir: reporter.dir,
      problems: { lines: reporter.problemLines, total: reporter.problemTotal },
      header,
    };
  } finally {
    await api?.close();
  }
}
