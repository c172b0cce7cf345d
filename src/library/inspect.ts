// inspect as a library call: how a file will be read, importing nothing and talking to no one.
import type { InspectResult } from "../clients/inspect.js";
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
