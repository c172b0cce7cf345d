import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator } from "../src/emulator/index.js";
import { writeClientsCsv } from "./generate.js";

// `npm run bench`: throughput and peak memory of the pipeline, measured here and never in tests.
// Sizes can be set with BENCH_DRY_ROWS and BENCH_IMPORT_ROWS.

const worker = fileURLToPath(new URL("./worker.js", import.meta.url));

interface WorkerResult {
  rows: number;
  ms: number;
  maxRssMb: number;
  outcomes: Record<string, number>;
  requests: { total: number; retries: number; by_status: Record<string, number> } | null;
}

function runWorker(args: string[], env: Record<string, string>): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [worker, ...args],
      { env: { PATH: process.env.PATH ?? "", ...env } },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`${err.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as WorkerResult);
      },
    );
  });
}

const dir = await mkdtemp(join(tmpdir(), "qonto-bench-"));
try {
  const dryRows = Number(process.env.BENCH_DRY_ROWS ?? 100_000);
  const importRows = Number(process.env.BENCH_IMPORT_ROWS ?? 2_000);

  const big = join(dir, "big.csv");
  await writeClientsCsv(big, dryRows);
  const dry = await runWorker([big, join(dir, "reports")], {});
  console.log(
    `dry run, ${dry.rows} rows: ${(dry.ms / 1000).toFixed(1)} s, ${Math.round(dry.rows / (dry.ms / 1000))} rows/s, peak RSS ${dry.maxRssMb.toFixed(0)} MB`,
  );

  const small = join(dir, "small.csv");
  await writeClientsCsv(small, importRows);
  const emulator = await startEmulator();
  const key = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
  try {
    const run = await runWorker([small, join(dir, "reports"), emulator.url], {
      QONTO_LOGIN: key.login,
      QONTO_SECRET_KEY: key.secretKey,
    });
    const statuses = Object.entries(run.requests?.by_status ?? {})
      .map(([s, n]) => `${s}: ${n}`)
      .join(", ");
    console.log(
      `import into the emulator, ${run.rows} rows: ${(run.ms / 1000).toFixed(1)} s, ${Math.round(run.rows / (run.ms / 1000))} rows/s, ` +
        `${run.requests?.total ?? 0} requests (${statuses}), ${run.outcomes.created ?? 0} created, peak RSS ${run.maxRssMb.toFixed(0)} MB`,
    );
  } finally {
    await emulator.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
