import { resolveImportOptions } from "../src/options.js";
import { runClientsImport } from "../src/run.js";

// Runs one import in its own process so that its peak memory is measured apart from the emulator's.
const [file, reportDir, baseUrl] = process.argv.slice(2);
const resolved = resolveImportOptions(
  { file, reportDir, dryRun: baseUrl === undefined, baseUrl, concurrency: "10", quiet: true },
  process.env,
);
if (resolved.options === undefined) throw new Error(resolved.errors.join("; "));
const started = performance.now();
const { summary } = await runClientsImport(resolved.options, { log: () => undefined });
const ms = performance.now() - started;
process.stdout.write(
  JSON.stringify({
    rows: summary.input.rows,
    ms,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    outcomes: summary.outcomes,
    requests: summary.requests,
  }) + "\n",
);
