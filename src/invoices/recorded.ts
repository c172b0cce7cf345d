// What an invoices run records of itself: its description for the report, its options as a report shows them and as
// its journal keeps them.
import { publicOptions } from "../options/import.js";
import type { InvoiceImportOptions } from "../options/invoices.js";
import { positionName, type TableHeader } from "../parse/source-row.js";
import type { RunInfo } from "../report/summary.js";
import { formatRateLimits } from "../upload/rate-limiter.js";
import { TOOL } from "../version.js";
import { formatVatRates } from "./vat-rates.js";

export function runInfo(
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
    lang: options.lang,
  };
}

/** Options as the report shows them: no secret, and none of the clients-only ones. */
export function publicInvoiceOptions(options: InvoiceImportOptions): Record<string, unknown> {
  const {
    onMatch: _m,
    clearEmpty: _c,
    currency: _cu,
    requireInvoiceable: _r,
    defaultCountry: _d,
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
    // Only when given, like vatRates: a run made before --map existed still resumes.
    ...(options.mapFile === undefined ? {} : { mapFile: options.mapFile }),
    // Recorded only when given, so that a run made before --vat-rates existed still resumes.
    ...(options.extraVatRates.length === 0 ? {} : { vatRates: formatVatRates(options.extraVatRates) }),
    concurrency: options.concurrency,
    rateLimits: formatRateLimits(options.rateLimits),
  };
}
