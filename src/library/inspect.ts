// inspect as a library call: how a file will be read, importing nothing and talking to no one.
import type { InspectResult } from "../clients/inspect.js";
import { invoiceEvidence } from "../invoices/detect.js";
import type { InvoiceInspectResult } from "../invoices/inspect.js";
import type { SourceField } from "../map/aliases.js";
import { resolveImportOptions } from "../options/import.js";
import { resolvedOrThrow, type ReadOptions } from "./common.js";

export interface InspectOptions extends ReadOptions {
  /** How many rows to show as they will be imported (default 5). */
  rows?: number;
}

/** The format, the column mapping and the first rows of a clients file, as an import would read them. */
export async function inspect(
  file: string | undefined,
  options: InspectOptions = {},
): Promise<InspectResult> {
  const { rows = 5, ...read } = options;
  // The same normalizer as an import, as a dry run without credentials: inspect never talks to Qonto.
  const { options: resolved } = resolvedOrThrow(resolveImportOptions({ file, dryRun: true, ...read }, {}));
  const { inspectFile } = await import("../clients/inspect.js");
  return inspectFile(resolved, rows);
}

/**
 * The format, the invoice column mapping and the first rows of an invoices file, as `invoices` would read them.
 * A `map` here is an invoices mapping file ({"columns": {column: invoice field or null}, "ignore": [column]}).
 */
export async function inspectInvoices(
  file: string | undefined,
  options: InspectOptions = {},
): Promise<InvoiceInspectResult> {
  const { rows = 5, ...read } = options;
  const { options: resolved } = resolvedOrThrow(
    resolveImportOptions({ file, dryRun: true, ...read }, {}, "invoices"),
  );
  const { inspectInvoicesFile } = await import("../invoices/inspect.js");
  return inspectInvoicesFile(resolved, rows);
}

/**
 * The columns that make a clients inspection's file an invoices file (see invoiceEvidence), or undefined: how
 * `inspect` decides, without --invoices, to show the invoice mapping instead.
 */
export function invoiceColumnsOf(result: InspectResult): string[] | undefined {
  const mapping: Partial<Record<SourceField, string>> = {};
  for (const c of result.columns) if (c.field !== null) mapping[c.field] = c.column;
  return invoiceEvidence(
    result.columns.map((c) => c.column),
    mapping,
  );
}
