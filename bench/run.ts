import { execFile } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator, type EmulatorOptions } from "../src/emulator/index.js";
import { writeClientsCsv, writeClientsXlsx } from "./generate.js";

// `npm run bench`: throughput and peak memory, measured here and never in tests. Each measurement runs in its own
// process. Sizes: BENCH_CSV_ROWS (default 1,000,000), BENCH_XLSX_ROWS (200,000), BENCH_IMPORT_ROWS (2,000).

const worker = fileURLToPath(new URL("./worker.js", import.meta.url));

interface Measured {
  rows: number;
  ms: number;
  maxRssMb: number;
  outcomes?: Record<string, number>;
  requests?: { total: number; retries: number; by_status: Record<string, number> } | null;
}

function measure(args: string[], env: Record<string, string> = {}): Promise<Measured> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [worker, ...args],
      { env: { PATH: process.env.PATH ?? "", ...env }, maxBuffer: 1 << 20 },
      (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as Measured),
    );
  });
}

const rate = (m: Measured) => Math.round(m.rows / (m.ms / 1000));
const line = (label: string, m: Measured) =>
  `${label.padEnd(34)} ${String(m.rows).padStart(9)} rows  ${(m.ms / 1000).toFixed(1).padStart(6)} s  ${String(rate(m)).padStart(7)} rows/s  peak RSS ${m.maxRssMb.toFixed(0)} MB`;

const dir = await mkdtemp(join(tmpdir(), "qonto-bench-"));
try {
  const csvRows = Number(process.env.BENCH_CSV_ROWS ?? 1_000_000);
  const xlsxRows = Number(process.env.BENCH_XLSX_ROWS ?? 200_000);
  const importRows = Number(process.env.BENCH_IMPORT_ROWS ?? 2_000);

  if (csvRows > 0) {
    const csv = join(dir, "clients.csv");
    await writeClientsCsv(csv, csvRows);
    console.log(`generated ${csv}: ${csvRows} rows, ${((await stat(csv)).size / 2 ** 20).toFixed(0)} MiB`);
    const parseOnly = await measure(["parse", csv]);
    console.log(line("csv-parse alone", parseOnly));
    const dry = await measure(["import", csv, join(dir, "reports")]);
    console.log(line("CSV dry run (whole pipeline)", dry));
    console.log(
      `  ratio to csv-parse alone: ${(rate(dry) / rate(parseOnly)).toFixed(2)} (target >= 0.6); peak RSS target <= 256 MiB`,
    );
  }

  if (xlsxRows > 0) {
    const xlsx = join(dir, "clients.xlsx");
    await writeClientsXlsx(xlsx, xlsxRows);
    console.log(`generated ${xlsx}: ${xlsxRows} rows, ${((await stat(xlsx)).size / 2 ** 20).toFixed(0)} MiB`);
    const xdry = await measure(["import", xlsx, join(dir, "reports")]);
    console.log(line("XLSX dry run (whole pipeline)", xdry));
    console.log("  targets: >= 20,000 rows/s, peak RSS <= 512 MiB");
  }

  if (importRows > 0) {
    const small = join(dir, "small.csv");
    await writeClientsCsv(small, importRows);
    const key = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
    const statuses = (m: Measured) =>
      Object.entries(m.requests?.by_status ?? {})
        .map(([s, n]) => `${s}: ${n}`)
        .join(", ");
    // Once as Qonto behaves on a good day, once hostile; the second must end with the same clients, none twice.
    const setups: [string, EmulatorOptions][] = [
      ["import into the emulator", {}],
      [
        "import, hostile emulator",
        { faults: { seed: 1, failRate: 0.1, resetRate: 0.05, lostResponseRate: 0.05, latencyMs: [5, 50] } },
      ],
    ];
    for (const [label, options] of setups) {
      const emulator = await startEmulator(options);
      try {
        const run = await measure(["import", small, join(dir, `reports-${label.length}`), emulator.url], {
          QONTO_LOGIN: key.login,
          QONTO_SECRET_KEY: key.secretKey,
        });
        const stats = emulator.stats();
        console.log(line(label, run));
        console.log(
          `  ${run.requests?.total ?? 0} requests (${statuses(run)}), ${run.requests?.retries ?? 0} retries; ` +
            `${run.outcomes?.created ?? 0} created, ${run.outcomes?.failed ?? 0} failed; the emulator holds ` +
            `${stats.clients} clients; faults: ${stats.faults.failed} 5xx, ${stats.faults.reset} resets, ` +
            `${stats.faults.lost} lost responses; 429s: ${stats.rateLimited}`,
        );
      } finally {
        await emulator.close();
      }
    }
    console.log("  the rate scheduler allows 900 requests per 10 s (Qonto's 1,000 with a 10 % margin)");
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
