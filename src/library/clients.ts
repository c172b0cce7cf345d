// The clients import as a library call: the same normalizer, run and report folder as `qonto-import clients`.
import { join } from "node:path";
import { runClientsImport, type RunOutcome } from "../clients/run.js";
import { resolveImportOptions, type ImportOptions, type RawImportOptions } from "../options/import.js";
import { resumedRawOptions } from "../options/resumed.js";
import { PLAN_FILE } from "../report/plan-file.js";
import {
  envOf,
  hooksOf,
  rawRunOptions,
  resolvedOrThrow,
  type ConsoleFlags,
  type Prepared,
  type ReadOptions,
  type RunOptions,
} from "./common.js";

export interface ClientsImportOptions extends RunOptions, ReadOptions {
  /** Plan and report only: nothing is sent to Qonto. */
  dryRun?: boolean;
  /** What a row that matches an existing client does: "skip" (default), "update" or "review". */
  onMatch?: string;
  /** The keys that may propose a match, e.g. "vat,tin,email" (default: all). */
  matchOn?: string;
  /** With onMatch "update": an empty cell clears the field in Qonto. */
  clearEmpty?: boolean;
}

export type ClientsImportResult = RunOutcome;

export interface ClientsPlanResult extends RunOutcome {
  /** The plan to give applyPlan(): what the dry run decided, row by row. */
  planFile: string;
}

/** The options of a clients import, resolved (and merged from the journal of the run resumed), or a UsageError. */
export async function prepareClientsImport(
  file: string | undefined,
  options: ClientsImportOptions,
  flags: ConsoleFlags = {},
): Promise<Prepared<ImportOptions>> {
  let raw: RawImportOptions = {
    file,
    dryRun: options.dryRun,
    onMatch: options.onMatch,
    matchOn: options.matchOn,
    clearEmpty: options.clearEmpty,
    ...rawRunOptions(options),
    delimiter: options.delimiter,
    encoding: options.encoding,
    sheet: options.sheet,
    map: options.map,
    orgCountry: options.orgCountry,
    defaultCountry: options.defaultCountry,
    defaultCurrency: options.defaultCurrency,
    requireInvoiceable: options.requireInvoiceable,
    strict: options.strict,
  };
  if (options.resume !== undefined) raw = await resumedRawOptions(options.resume, raw);
  return resolvedOrThrow(resolveImportOptions({ ...raw, ...flags }, envOf(options.credentials)));
}

/** Reads, validates, de-duplicates and (unless a dry run) creates or updates the clients of one file. */
export async function importClients(
  file: string,
  options: ClientsImportOptions = {},
): Promise<ClientsImportResult> {
  const { options: resolved, warnings } = await prepareClientsImport(file, options);
  return runClientsImport(resolved, hooksOf(options, warnings));
}

/** A dry run: the report, and the plan that applyPlan() carries out later. Needs credentials to match against Qonto. */
export async function planClients(
  file: string,
  options: Omit<ClientsImportOptions, "dryRun"> = {},
): Promise<ClientsPlanResult> {
  const outcome = await importClients(file, { ...options, dryRun: true });
  return { ...outcome, planFile: join(outcome.reportDir, PLAN_FILE) };
}
