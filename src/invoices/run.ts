/**
 * `qonto-import invoices <file>`: one row per invoice line → invoices created in Qonto, each exactly once, with one
 * outcome per line in the report. Plan first (read, group, normalize, resolve each invoice's client, find the
 * numbers Qonto already has), then write, journaled as client imports are, so re-running the command finishes an
 * interrupted run.
 *
 * Invoice files are read whole into memory: grouping needs every row of a number, and the date format is decided
 * from every date of the file. A monthly batch or an old tool's open invoices are far below what that costs.
 */
import pLimit from "p-limit";
import { InputFileError, AbortRunError } from "../errors.js";
import { toRequestSummary } from "../execute/execute.js";
import { findRunToResume } from "../execute/find-run.js";
import { sha256File } from "../execute/batches.js";
import type { ExecuteOutcome, RunHooks } from "../execute/types.js";
import type { JournalState } from "../journal/journal.js";
import { withRunLock, type RunLock } from "../lock/hold.js";
import { closeRunJournal, lookUpAfter, openRunJournal } from "../journal/resume.js";
import { publicOptions } from "../options/import.js";
import type { InvoiceImportOptions } from "../options/invoices.js";
import { openOptionsOf, openTable } from "../parse/open.js";
import { positionName, type SourceRow, type TableHeader } from "../parse/source-row.js";
import { problem, type Problem } from "../problems.js";
import type { Outcome, RowResult } from "../report/outcome.js";
import { ERROR_COLUMN, Reporter } from "../report/reporter.js";
import type { RunInfo } from "../report/summary.js";
import { checkReportRoot } from "../report/safe-files.js";
import { settingsOf } from "../execute/settings.js";
import { ignoredRow } from "../dedupe/ignored.js";
import { fedBackTable } from "../report/feed-back.js";
import { describeFormat } from "../parse/describe.js";
import { createQontoApi, type InvoiceCreatePayload, type QontoApi } from "../upload/client.js";
import { formatRateLimits } from "../upload/rate-limiter.js";
import { InOrder, MAX_PENDING_BATCHES } from "../upload/in-order.js";
import { TOOL } from "../version.js";
import {
  INVOICE_FIELDS,
  invoiceRowRoles,
  matchInvoiceHeader,
  type InvoiceField,
  type InvoiceHeaderMatch,
} from "./aliases.js";
import { readClientsReport } from "./clients-report.js";
import { groupInvoiceRows, type InvoiceGroup } from "./group.js";
import {
  detectInvoiceDateFormat,
  normalizeInvoice,
  type ClientRef,
  type InvoiceDefaults,
} from "./normalize.js";
import { ClientResolver, type RefKey } from "./resolve.js";
import { displayName } from "../dedupe/keys.js";
import { allowedVatRates, formatVatRates } from "./vat-rates.js";
import {
  invoicePayloadHash,
  previousRefusals,
  refusedBeforeMessage,
  type PreviousRefusal,
} from "./refusals.js";
import { createInvoiceOnce, type InvoiceWrite, type InvoiceWriteContext } from "./upload.js";
import { announceWrites } from "../upload/write-target.js";

export interface InvoicesOutcome extends ExecuteOutcome {
  header: InvoiceHeaderMatch;
}

/** What one invoice comes to before anything is sent. */
export type InvoicePlan =
  | { action: "invalid" }
  /** Qonto refused this very payload (422) in an earlier run: not sent again, reported with its reasons. */
  | { action: "refused_before"; refusal: PreviousRefusal; clientId: string; by?: RefKey }
  | { action: "skipped_existing"; invoiceId: string; clientId?: string; by?: RefKey }
  | {
      action: "create";
      /** client_id is "" when the client could not be checked (a dry run without credentials). */
      payload: InvoiceCreatePayload & { number: string };
      by?: RefKey;
    };

interface PlannedInvoice {
  group: InvoiceGroup;
  /** Where each problem goes: the record it names (and every record it names), else the invoice's first. */
  rowProblems: Map<number, Problem[]>;
  plan: InvoicePlan;
  label: RowResult["label"];
}

// Columns a file must have: an invoice is refused without them anyway, and one message says it better than
// the same problem on every invoice.
const REQUIRED_COLUMNS: readonly (InvoiceField | InvoiceField[])[] = [
  "number",
  ["client_vat_number", "client_tax_id", "client_email", "client_name"],
  "issue_date",
  "due_date",
  "title",
  "quantity",
  "unit_price",
  "vat_rate",
];

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
  const aliases = Object.values(INVOICE_FIELDS).flat();
  const table = fedBackTable(await openTable(options.file, openOptionsOf(options, aliases)));
  const header = matchInvoiceHeader(table.header.columns.filter((c) => c !== ERROR_COLUMN));
  const missing = REQUIRED_COLUMNS.flatMap((need) => {
    const fields = Array.isArray(need) ? need : [need];
    if (fields.some((f) => header.mapping[f] !== undefined)) return [];
    if (need === "number" && header.mapping.group !== undefined) return [];
    return [fields.map((f) => f.replace(/_/g, " ")).join(" or ")];
  });
  if (missing.length > 0)
    throw new InputFileError(
      options.file,
      `${positionName(table.header)} ${table.header.line}: no column for ${missing.join("; ")}; columns found: ${table.header.columns.join(", ")}`,
    );
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
    table.header.columns.filter((c) => c !== ERROR_COLUMN),
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
    const planned = groupInvoiceRows(rows, header.mapping).map((group) =>
      planInvoice(
        group,
        header,
        defaults,
        resolver,
        existingNumbers,
        api !== undefined,
        options.dryRun,
        refusals,
      ),
    );
    const refusedBefore = planned.filter((p) => p.plan.action === "refused_before").length;
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
      if (ctx !== undefined) ctx.stop.reason ??= "the run was interrupted (Ctrl-C)";
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
        lineResults(p, writes[i]).map((result, j) => ({ result, fields: p.group.rows[j]?.fields })),
      );
      // The ignored rows before the next batch's first line go with this batch, in input order.
      const next = planned[at + INVOICE_BATCH]?.group.rows[0]?.recordNo ?? Number.POSITIVE_INFINITY;
      let take = 0;
      while (take < ignored.length && (ignored[take]?.result.recordNo ?? 0) < next) take += 1;
      const merged = [...lines, ...ignored.splice(0, take)].sort(
        (a, b) => a.result.recordNo - b.result.recordNo,
      );
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
        total: read.length,
        label,
        ...(parked.now > 0 ? { parked: parked.now } : {}),
      });
    }, MAX_PENDING_BATCHES);
    try {
      for (let at = 0; at < planned.length; at += INVOICE_BATCH) {
        const batch = planned.slice(at, at + INVOICE_BATCH);
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

function runInfo(
  options: InvoiceImportOptions,
  sha256: string,
  startedAt: Date,
  header: TableHeader,
): RunInfo {
  return {
    kind: "invoices",
    tool: TOOL,
    inputFile: options.file,
    inputSha256: sha256,
    dryRun: options.dryRun,
    options: publicInvoiceOptions(options),
    startedAt,
    positionName: positionName(header),
    columns: header.columns,
    ...(header.delimiter === undefined ? {} : { delimiter: header.delimiter }),
  };
}

/** Options as the report shows them: no secret, and none of the clients-only ones. */
function publicInvoiceOptions(options: InvoiceImportOptions): Record<string, unknown> {
  const {
    onMatch: _m,
    clearEmpty: _c,
    currency: _cu,
    requireInvoiceable: _r,
    defaultCountry: _d,
    mapFile: _f,
    ...rest
  } = publicOptions(options);
  return rest;
}

/** What decides an invoices run's writes: a re-run with the same file and these resumes the unfinished one. */
export function invoiceJournalOptions(options: InvoiceImportOptions): Record<string, unknown> {
  return {
    command: "invoices",
    file: options.file,
    baseUrl: options.baseUrl,
    delimiter: options.delimiter ?? null,
    encoding: options.encoding ?? null,
    sheet: options.sheet ?? null,
    orgCountry: options.orgCountry,
    strict: options.strict,
    clientsReports: options.clientsReports,
    paymentIban: options.paymentIban ?? null,
    status: options.status ?? null,
    dateFormat: options.dateFormat ?? null,
    // Recorded only when given, so that a run made before --vat-rates existed still resumes.
    ...(options.extraVatRates.length === 0 ? {} : { vatRates: formatVatRates(options.extraVatRates) }),
    concurrency: options.concurrency,
    rateLimits: formatRateLimits(options.rateLimits),
  };
}

/** An invoice, planned: refused, already in Qonto, or to create for its resolved client. Pure. */
export function planInvoice(
  group: InvoiceGroup,
  header: InvoiceHeaderMatch,
  defaults: InvoiceDefaults,
  resolver: ClientResolver,
  existingNumbers: ReadonlyMap<string, string>,
  checked: boolean,
  dryRun: boolean,
  refusals: ReadonlyMap<string, PreviousRefusal> = new Map(),
): PlannedInvoice {
  const first = group.rows[0]?.recordNo ?? 0;
  const normalized = normalizeInvoice(group, header.mapping, defaults);
  const rowProblems = new Map<number, Problem[]>();
  const put = (record: number, p: Problem) =>
    rowProblems.set(record, [...(rowProblems.get(record) ?? []), p]);
  for (const p of normalized.problems) {
    const { recordNo, records, ...plain } = p;
    for (const r of records ?? [recordNo]) put(r, plain);
  }
  const ref: ClientRef = normalized.ok ? normalized.clientRef : {};
  const given = (field: "client_vat_number" | "client_tax_id" | "client_email" | "client_name") =>
    group.values[field]?.value ?? "";
  const label = {
    name: given("client_name"),
    vat: given("client_vat_number") || given("client_tax_id"),
    email: given("client_email"),
  };
  const planned = (plan: InvoicePlan): PlannedInvoice => ({ group, rowProblems, plan, label });
  if (!normalized.ok) return planned({ action: "invalid" });
  const number = normalized.payload.number;
  // The column of the strongest reference the invoice gives: the one resolution went by first.
  const refField = (["client_vat_number", "client_tax_id", "client_email", "client_name"] as const).find(
    (f) => given(f) !== "",
  );
  const clientColumn = refField === undefined ? undefined : header.mapping[refField];
  let clientId = "";
  let by: RefKey | undefined;
  const resolution = resolver.resolve(ref);
  if (resolution.ok) {
    by = resolution.by;
    if (resolution.client.name !== "") label.name = resolution.client.name;
    if (resolution.pending) {
      if (!dryRun) {
        put(
          first,
          problem(
            "invoice_client_unresolved",
            `the client (${resolution.client.name}) is not in Qonto: the clients run given with --clients-report only planned it; import the clients first`,
            clientColumn,
          ),
        );
        return planned({ action: "invalid" });
      }
      put(
        first,
        problem(
          "invoice_client_pending",
          `the client (${resolution.client.name}) is not in Qonto yet: the clients run would create it`,
          clientColumn,
        ),
      );
    } else clientId = resolution.client.id ?? "";
  } else if (checked || resolution.code === "invoice_client_ambiguous") {
    put(first, problem(resolution.code, resolution.message, clientColumn));
    return planned({ action: "invalid" });
  } else
    put(
      first,
      problem(
        "invoice_client_not_checked",
        "the client is not looked up in Qonto without credentials",
        clientColumn,
      ),
    );
  const byOf = by === undefined ? {} : { by };
  // normalizeInvoice refuses an invoice without a number; the check is for the type.
  if (number === undefined) return planned({ action: "invalid" });
  const existing = existingNumbers.get(number.trim());
  if (existing !== undefined)
    return planned({
      action: "skipped_existing",
      invoiceId: existing,
      ...(clientId === "" ? {} : { clientId }),
      ...byOf,
    });
  const payload = { ...normalized.payload, number, client_id: clientId };
  // Hashed as it would be sent: the same lines for another client are another invoice.
  const refusal = clientId === "" ? undefined : refusals.get(invoicePayloadHash(payload));
  if (refusal !== undefined) return planned({ action: "refused_before", refusal, clientId, ...byOf });
  return planned({ action: "create", payload, ...byOf });
}

/** Where the interrupted run already settled an invoice; undefined when it is carried out as planned. */
function settleInvoice(p: PlannedInvoice, state: JournalState): InvoiceWrite | undefined {
  const record = p.group.rows[0]?.recordNo ?? 0;
  const done = state.done.get(record);
  if (done !== undefined)
    return {
      outcome: done.outcome === "skipped_existing" ? "skipped_existing" : "created",
      ...(done.invoice_id === undefined ? {} : { invoiceId: done.invoice_id }),
      problems: [],
    };
  // On its way when the run stopped, and Qonto has the number now: that create went through.
  if (state.uncertain.has(record) && p.plan.action === "skipped_existing")
    return { outcome: "created", invoiceId: p.plan.invoiceId, problems: [] };
  return undefined;
}

/** One result per line of the invoice, all with the invoice's outcome. */
function lineResults(p: PlannedInvoice, write: InvoiceWrite | undefined): RowResult[] {
  const plan = p.plan;
  const number = p.group.key;
  const outcome: Outcome =
    write?.outcome ??
    (plan.action === "invalid"
      ? "invalid"
      : plan.action === "skipped_existing"
        ? "skipped_existing"
        : plan.action === "refused_before"
          ? "failed"
          : "would_create");
  const invoiceId = write?.invoiceId ?? (plan.action === "skipped_existing" ? plan.invoiceId : undefined);
  const clientId =
    plan.action === "create"
      ? plan.payload.client_id
      : plan.action === "skipped_existing" || plan.action === "refused_before"
        ? plan.clientId
        : undefined;
  const refusedBefore =
    plan.action === "refused_before" && write === undefined
      ? [problem("api_rejected_before", refusedBeforeMessage(plan.refusal))]
      : [];
  const by = plan.action === "invalid" ? undefined : plan.by;
  const firstError = [...p.rowProblems.entries()].flatMap(([record, list]) =>
    list.filter((x) => x.severity === "error").map((x) => ({ record, x })),
  )[0];
  return p.group.rows.map((row, i) => {
    const problems = [
      ...(p.rowProblems.get(row.recordNo) ?? []),
      ...(write?.problems ?? []),
      ...refusedBefore,
    ];
    if (outcome === "invalid" && !problems.some((x) => x.severity === "error") && firstError !== undefined)
      problems.push(
        problem(
          "invoice_refused",
          `not imported with its invoice${number === "" ? "" : ` ${number}`}: ${firstError.x.code} on record ${firstError.record}`,
        ),
      );
    const result: RowResult = {
      recordNo: row.recordNo,
      line: row.line,
      outcome,
      problems,
      label: p.label,
      invoice: {
        number,
        item: i + 1,
        ...(invoiceId === undefined ? {} : { id: invoiceId }),
        ...(by === undefined ? {} : { clientMatchedBy: by }),
      },
    };
    if (clientId !== undefined && clientId !== "") result.clientId = clientId;
    return result;
  });
}
