import { execFile } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator, type EmulatorOptions } from "../src/emulator/index.js";
import { parseRateLimits, type RateWindow } from "../src/upload/rate-limiter.js";
import {
  invoiceClientVat,
  validClientRow,
  writeClientsCsv,
  writeClientsXlsx,
  writeInvoicesCsv,
} from "./generate.js";

// `npm run bench`: throughput and peak memory, measured here and never in tests. Each measurement runs in its own
// process. Sizes: BENCH_CSV_ROWS (default 1,000,000), BENCH_XLSX_ROWS (200,000), BENCH_IMPORT_ROWS (2,000),
// BENCH_UPLOAD_ROWS (20,000), BENCH_NAIVE_ROWS (1,000), BENCH_INVOICE_LINES (100,000: an invoices dry run) and
// BENCH_INVOICE_IMPORT_LINES (3,000: an invoices import into a hostile emulator); the upload part's limits: BENCH_UPLOAD_LIMIT
// (default "200/1s,12000/60s", Qonto's scaled down so that a run takes minutes, not hours).

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
      {
        env: {
          PATH: process.env.PATH ?? "",
          // A run on fewer worker threads than the default, to compare.
          ...(process.env.QONTO_IMPORT_THREADS === undefined
            ? {}
            : { QONTO_IMPORT_THREADS: process.env.QONTO_IMPORT_THREADS }),
          ...env,
        },
        maxBuffer: 1 << 20,
      },
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
    const peerRun = await measure(["peer", csv, join(dir, "peer-results.csv")]);
    console.log(line("peer script (bench/peer.ts)", peerRun));
    // Validation's floor: what normalizeRow alone costs a row on one core. Two cores can never carry more than
    // twice this rate through the pipeline, whatever the threads.
    const validation = await measure(["validate", csv]);
    console.log(
      `${line("normalizeRow alone, one thread", validation)}  (${((1000 * validation.ms) / validation.rows).toFixed(1)} µs a row)`,
    );
    // The same run kept on one thread, to show what the worker threads bring (src/clients/normalize-pool.ts).
    const oneThread = await measure(["import", csv, join(dir, "reports")], { QONTO_IMPORT_THREADS: "0" });
    console.log(line("CSV dry run, one thread", oneThread));
    const dry = await measure(["import", csv, join(dir, "reports")]);
    console.log(line("CSV dry run (whole pipeline)", dry));
    console.log(
      `  targets: >= 50,000 rows/s, peak RSS <= 256 MiB, >= 1.5 x the peer script; ` +
        `ratio to the peer ${(rate(dry) / rate(peerRun)).toFixed(2)}, to csv-parse alone ${(rate(dry) / rate(parseOnly)).toFixed(2)}`,
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
        // Its lost responses commit at once: a 2 s settle delay, not the 30 s a real server needs.
        const run = await measure(
          ["import", small, join(dir, `reports-${label.length}`), emulator.url, "--settle-delay", "2s"],
          {
            QONTO_LOGIN: key.login,
            QONTO_SECRET_KEY: key.secretKey,
          },
        );
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

  await invoices();

  const uploadRows = Number(process.env.BENCH_UPLOAD_ROWS ?? 20_000);
  if (uploadRows > 0) await uploadThroughput(uploadRows);
} finally {
  await rm(dir, { recursive: true, force: true });
}

/**
 * Invoices: a dry run of a big file (the file is held in memory whole, so its peak memory is the figure to watch),
 * then an import into a hostile emulator seeded with the clients the invoices name: each invoice created once.
 */
async function invoices(): Promise<void> {
  const dryLines = Number(process.env.BENCH_INVOICE_LINES ?? 100_000);
  const importLines = Number(process.env.BENCH_INVOICE_IMPORT_LINES ?? 3_000);
  const clients = 200;
  if (dryLines > 0) {
    const file = join(dir, "invoices.csv");
    await writeInvoicesCsv(file, dryLines, clients);
    const dry = await measure(["invoices", file, join(dir, "reports-invoices")]);
    console.log(line("invoices dry run (lines)", dry));
  }
  if (importLines <= 0) return;
  const file = join(dir, "invoices-import.csv");
  await writeInvoicesCsv(file, importLines, clients);
  const seedClients = Array.from({ length: clients }, (_, k) => ({
    kind: "company",
    name: `Client ${k}`,
    vat_number: invoiceClientVat(k),
    currency: "EUR",
  }));
  const emulator = await startEmulator({
    seedClients,
    faults: { seed: 2, failRate: 0.1, resetRate: 0.05, lostResponseRate: 0.05, latencyMs: [5, 50] },
  });
  try {
    const key = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
    const run = await measure(
      ["invoices", file, join(dir, "reports-invoices-import"), emulator.url, "--settle-delay", "2s"],
      {
        QONTO_LOGIN: key.login,
        QONTO_SECRET_KEY: key.secretKey,
      },
    );
    const stats = emulator.stats();
    const numbers = new Set(emulator.invoices().map((i) => i.number));
    console.log(line("invoices import, hostile emulator", run));
    console.log(
      `  ${run.requests?.total ?? 0} requests, ${run.requests?.retries ?? 0} retries; invoices ${JSON.stringify(run.outcomes)}; ` +
        `the emulator holds ${stats.client_invoices} invoices (${numbers.size} distinct numbers); faults: ` +
        `${stats.faults.failed} 5xx, ${stats.faults.reset} resets, ${stats.faults.lost} lost responses`,
    );
  } finally {
    await emulator.close();
  }
}

/**
 * Whether the scheduler uses the rate it is given: an import of uploadRows valid, new clients (so 1 listing of an
 * empty emulator + uploadRows creates) into an emulator that enforces the same limits the import is told, with
 * 20-100 ms of latency per request. Then the naive script, one request at a time, for comparison.
 */
async function uploadThroughput(uploadRows: number): Promise<void> {
  // Qonto's window lengths (10 s, then a longer one), scaled down in count: the same sustained rate as 200/1s, but
  // an answer's latency weighs on a 10 s window as it does on Qonto's, not ten times more.
  const spec = process.env.BENCH_UPLOAD_LIMIT ?? "2000/10s,12000/60s";
  const parsed = parseRateLimits(spec);
  if (!parsed.ok) throw new Error(`BENCH_UPLOAD_LIMIT: ${parsed.error}`);
  const windows = parsed.windows;
  const naiveRows = Number(process.env.BENCH_NAIVE_ROWS ?? 1_000);
  const latencyMs = [20, 100] as const;
  // Little's law: 200 requests/s with answers in 20-100 ms need 200 × 0.1 = 20 in flight at the slowest, and more
  // while a window's free slots are taken at once (the scheduler then starts as many as the concurrency allows);
  // 32 leaves that margin, and stays below the importer's maximum of 50.
  const concurrency = 32;
  const key = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
  const sustained = Math.min(...windows.map((w) => w.limit / (w.windowMs / 1000)));
  // Under sliding windows (limit L_i per W_i ms) the N-th request can start no earlier than floor((N-1)/L_i) × W_i
  // after the first (each run of L_i requests must wait for the first of the previous run to leave the window), so
  // N requests need at least max_i floor((N-1)/L_i) × W_i.
  const minMs = (n: number, ws: readonly RateWindow[]) =>
    Math.max(0, ...ws.map((w) => Math.floor((n - 1) / w.limit) * w.windowMs));

  const importInto = async (
    label: string,
    file: string,
    rows: number,
    c: number,
    faults: EmulatorOptions["faults"] = {},
    extra: string[] = [],
  ) => {
    const emulator = await startEmulator({ rateLimits: windows, faults: { latencyMs, seed: 1, ...faults } });
    try {
      const run = await measure(
        [
          "import",
          file,
          join(dir, `reports-${label}`),
          emulator.url,
          "--rate-limit",
          spec,
          "--concurrency",
          String(c),
          ...extra,
        ],
        { QONTO_LOGIN: key.login, QONTO_SECRET_KEY: key.secretKey },
      );
      // Writes accepted late land before the count is taken: a duplicate would show here.
      while (emulator.stats().lateCommits.pending > 0) await new Promise((r) => setTimeout(r, 100));
      const stats = emulator.stats();
      if (run.rows !== rows || run.outcomes?.created !== rows)
        console.log(
          `  warning: ${run.rows} rows read, ${run.outcomes?.created ?? 0} created; expected ${rows} of each`,
        );
      return { run, stats };
    } finally {
      await emulator.close();
    }
  };

  const upload = join(dir, "upload.csv");
  await writeClientsCsv(upload, uploadRows, validClientRow);
  console.log(
    `generated ${upload}: ${uploadRows} rows, every one a valid new client, ${((await stat(upload)).size / 2 ** 20).toFixed(0)} MiB`,
  );
  const describe = (title: string, { run, stats }: Awaited<ReturnType<typeof importInto>>) => {
    console.log(line(title, run));
    // The emulator's windows count every request it receives, refused or not, as a limiter in front of an API would.
    const admitted = stats.total;
    const seconds = run.ms / 1000;
    const achieved = admitted / seconds;
    const floorMs = minMs(admitted, windows);
    const statuses = Object.entries(stats.byStatus)
      .map(([s, n]) => `${s}: ${n}`)
      .join(", ");
    console.log(
      `  limits ${spec} at the emulator and as the import's --rate-limit; latency ${latencyMs[0]}-${latencyMs[1]} ms a request`,
    );
    console.log(
      `  requests at the emulator: ${stats.total} (${statuses}); 429s: ${stats.rateLimited} (target 0); ` +
        `${stats.clients} clients created`,
    );
    console.log(
      `  request rate: achieved ${achieved.toFixed(1)}/s vs ${sustained.toFixed(1)}/s allowed sustained: ratio ` +
        `${(achieved / sustained).toFixed(3)} (target >= 0.95)`,
    );
    console.log(
      `  total time: ${seconds.toFixed(1)} s vs ${(floorMs / 1000).toFixed(1)} s, the least the windows allow for ` +
        `${admitted} requests: ratio ${floorMs > 0 ? (run.ms / floorMs).toFixed(3) : "n/a"} (target <= 1.05)`,
    );
    return seconds;
  };
  const seconds = describe(
    `scheduled upload, concurrency ${concurrency}`,
    await importInto("upload", upload, uploadRows, concurrency),
  );
  // 2 % of creates dropped unanswered and committed 2 s later: parked rows must neither stall the run nor be
  // created twice (the settle delay, 3 s, outlasts the late commit).
  const late = await importInto(
    "late",
    upload,
    uploadRows,
    concurrency,
    { lateCommitRate: 0.02, lateCommitMs: 2_000 },
    ["--settle-delay", "3s"],
  );
  const lateSeconds = describe(`upload with 2 % late commits (2 s), --settle-delay 3s`, late);
  // A create failing at t cannot be settled before t + the delay: the end of the run waits that long at least.
  const lateFloorMs = minMs(late.stats.total, windows) + 3_000;
  console.log(
    `  with the one settle delay the run's end must wait for its last parked row: ${(lateFloorMs / 1000).toFixed(1)} s ` +
      `at the least; ratio ${(lateSeconds / (lateFloorMs / 1000)).toFixed(3)}`,
  );
  console.log(
    `  late commits: ${late.stats.lateCommits.scheduled} scheduled, ${late.stats.lateCommits.applied} applied; ` +
      `${late.stats.clients} clients for ${uploadRows} rows (target: equal)`,
  );

  if (naiveRows > 0) {
    const small = join(dir, "naive.csv");
    await writeClientsCsv(small, naiveRows, validClientRow);
    const naive = await importInto("naive", small, naiveRows, 1);
    console.log(line("naive script (one request at a time)", naive.run));
    const extrapolatedS = ((naive.run.ms / naiveRows) * uploadRows) / 1000;
    console.log(
      `  ${naive.stats.total} requests, 429s: ${naive.stats.rateLimited}; extrapolated (not measured) to ${uploadRows} rows: ` +
        `${extrapolatedS.toFixed(0)} s (${(extrapolatedS / 60).toFixed(1)} min), ${(extrapolatedS / seconds).toFixed(1)}× the scheduled run`,
    );
  }
}
