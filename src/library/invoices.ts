// The invoices import as a library call: the same normalizer, run and report folder as `qonto-import invoices`.
import type { InvoicesOutcome } from "../invoices/run.js";
import {
  rawInvoiceOptionsOfJournal,
  resolveInvoiceOptions,
  type InvoiceImportOptions,
  type RawInvoiceOptions,
} from "../options/invoices.js";
import { resumedRawOptions } from "../options/resumed.js";
import {
  envOf,
  hooksOf,
  rawRunOptions,
  resolvedOrThrow,
  type ConsoleFlags,
  type Prepared,
  type RunOptions,
} from "./common.js";

export interface InvoicesImportOptions extends RunOptions {
  dryRun?: boolean;
  /** Report folders of clients runs whose clients the invoices may name. */
  clientsReport?: string[];
  paymentIban?: string;
  /** "draft" (default) or "unpaid". */
  status?: string;
  /** How ambiguous dates read: "dmy" or "mdy". */
  dateFormat?: string;
  /** VAT rates allowed on top of the organization country's: "12.5,3". */
  vatRates?: string;
  delimiter?: string;
  encoding?: string;
  sheet?: string;
  /** A mapping file (JSON: {"columns": {column: invoice field or null}, "ignore": [column]}). */
  map?: string;
  orgCountry?: string;
  strict?: boolean;
}

export type InvoicesImportResult = InvoicesOutcome;

/** The options of an invoices import, resolved (and merged from the journal of the run resumed), or a UsageError. */
export async function prepareInvoicesImport(
  file: string | undefined,
  options: InvoicesImportOptions,
  flags: ConsoleFlags = {},
): Promise<Prepared<InvoiceImportOptions>> {
  let raw: RawInvoiceOptions = {
    file,
    dryRun: options.dryRun,
    clientsReport: options.clientsReport,
    paymentIban: options.paymentIban,
    status: options.status,
    dateFormat: options.dateFormat,
    vatRates: options.vatRates,
    ...rawRunOptions(options),
    delimiter: options.delimiter,
    encoding: options.encoding,
    sheet: options.sheet,
    map: options.map,
    orgCountry: options.orgCountry,
    strict: options.strict,
  };
  if (options.resume !== undefined)
    raw = await resumedRawOptions(options.resume, raw, "invoices", rawInvoiceOptionsOfJournal);
  return resolvedOrThrow(resolveInvoiceOptions({ ...raw, ...flags }, envOf(options.credentials)));
}

/** Reads, validates and (unless a dry run) creates the invoices of one file, each exactly once. */
export async function importInvoices(
  file: string,
  options: InvoicesImportOptions = {},
): Promise<InvoicesImportResult> {
  const { options: resolved, warnings } = await prepareInvoicesImport(file, options);
  const { runInvoicesImport } = await import("../invoices/run.js");
  return runInvoicesImport(resolved, hooksOf(options, warnings));
}
