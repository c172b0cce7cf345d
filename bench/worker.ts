import { createReadStream } from "node:fs";
import { parseArgs } from "node:util";
import { parse } from "csv-parse";
import { runInvoicesImport } from "../src/invoices/run.js";
import { resolveImportOptions } from "../src/options/import.js";
import { resolveInvoiceOptions } from "../src/options/invoices.js";
import { runClientsImport } from "../src/clients/run.js";
import { peer } from "./peer.js";
import { matchHeader } from "../src/map/header.js";
import { EMPTY_MAPPING } from "../src/map/mapping-file.js";
import { normalizeDefaultsOf } from "../src/options/import.js";
import { openTable } from "../src/parse/open.js";
import type { SourceRow } from "../src/parse/source-row.js";
import { normalizeRow } from "../src/validate/normalize.js";

// Runs one measurement in its own process, so that its peak memory is its own.
//   worker parse <file.csv>                 csv-parse alone, as the baseline
//   worker peer <file.csv> <out.csv>        the script a competent engineer would write instead (peer.ts)
//   worker validate <file>                  normalizeRow alone, timed apart from the reading: validation's floor
//   worker import <file> <reportDir> [url]  the whole pipeline: a dry run, or an import into url
//   worker invoices <file> <reportDir> [url]  the same for an invoices file
// Options anywhere after the mode, passed on as the CLI's flags: --concurrency <n> (default 10 here) and
// --rate-limit <spec> (default the importer's own), --settle-delay <time> (default the importer's own, 30 s).
const { positionals, values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    concurrency: { type: "string" },
    "rate-limit": { type: "string" },
    "settle-delay": { type: "string" },
  },
  allowPositionals: true,
});
const [mode, file, reportDir, baseUrl] = positionals;
const started = performance.now();
let rows = 0;
let extra: Record<string, unknown> = {};
if (mode === "parse") {
  const parser = createReadStream(file ?? "").pipe(
    parse({ bom: true, delimiter: ";", relax_column_count: true }),
  );
  for await (const record of parser) if (record) rows += 1;
  rows -= 1; // the header
} else if (mode === "peer") {
  rows = await peer(file ?? "", reportDir ?? "");
} else if (mode === "validate") {
  const resolved = resolveImportOptions({ file, dryRun: true, quiet: true }, process.env);
  if (resolved.options === undefined) throw new Error(resolved.errors.join("; "));
  const table = await openTable(file ?? "");
  const { mapping } = matchHeader(table.header.columns, EMPTY_MAPPING);
  const defaults = normalizeDefaultsOf(resolved.options, {});
  // Only the normalization is timed, batch by batch: the time reported is what validation alone costs.
  let spent = 0;
  let batch: SourceRow[] = [];
  const run = () => {
    const t = performance.now();
    for (const row of batch) normalizeRow(row, mapping, defaults);
    spent += performance.now() - t;
    rows += batch.length;
    batch = [];
  };
  for await (const row of table.rows) if (batch.push(row) >= 1000) run();
  run();
  extra = { ms: spent };
} else if (mode === "invoices") {
  const resolved = resolveInvoiceOptions(
    {
      file,
      reportDir,
      dryRun: baseUrl === undefined,
      baseUrl,
      concurrency: values.concurrency ?? "10",
      ...(values["settle-delay"] === undefined ? {} : { settleDelay: values["settle-delay"] }),
      quiet: true,
    },
    process.env,
  );
  if (resolved.options === undefined) throw new Error(resolved.errors.join("; "));
  const { summary } = await runInvoicesImport(resolved.options, { log: () => undefined });
  rows = summary.input.rows;
  extra = { outcomes: summary.invoices?.outcomes, requests: summary.requests };
} else {
  const resolved = resolveImportOptions(
    {
      file,
      reportDir,
      dryRun: baseUrl === undefined,
      baseUrl,
      concurrency: values.concurrency ?? "10",
      threads: process.env.QONTO_IMPORT_THREADS,
      ...(values["rate-limit"] === undefined ? {} : { rateLimit: values["rate-limit"] }),
      ...(values["settle-delay"] === undefined ? {} : { settleDelay: values["settle-delay"] }),
      quiet: true,
    },
    process.env,
  );
  if (resolved.options === undefined) throw new Error(resolved.errors.join("; "));
  const { summary } = await runClientsImport(resolved.options, { log: () => undefined });
  rows = summary.input.rows;
  extra = { outcomes: summary.outcomes, requests: summary.requests };
}
const ms = performance.now() - started;
process.stdout.write(
  JSON.stringify({ rows, ms, maxRssMb: process.resourceUsage().maxRSS / 1024, ...extra }) + "\n",
);
