import { parseReport } from "./report-csv.js";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { InspectResult } from "../../src/clients/inspect.js";
import { runCli } from "./cli.js";

/** Dry-runs a file through the CLI and reads its results.csv back, one record per input row. */
export async function dryRunResults(
  file: string,
  args: readonly string[] = [],
): Promise<{ code: number; rows: Record<string, string>[] }> {
  const reports = await mkdtemp(join(tmpdir(), "qonto-sample-"));
  const result = await runCli(["clients", file, ...args, "--dry-run", "--report-dir", reports]);
  const [run] = await readdir(reports);
  const rows = parseReport(await readFile(join(reports, run!, "results.csv")), {
    bom: true,
    columns: true,
  }) as Record<string, string>[];
  return { code: result.code, rows };
}

/** `inspect --json` on a file, with up to 20 rows as payloads. */
export async function inspectJson(file: string, args: readonly string[] = []): Promise<InspectResult> {
  return JSON.parse(
    (await runCli(["inspect", file, ...args, "--rows", "20", "--json"])).stdout,
  ) as InspectResult;
}
