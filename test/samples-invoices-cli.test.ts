import { parseReport } from "./helpers/report-csv.js";
import { mkdtemp, readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  DEFAULT_EMULATOR_CREDENTIALS,
  loadSeedFile,
  startEmulator,
  type RunningEmulator,
} from "../src/emulator/index.js";
import { ROOT, runCli } from "./helpers/cli.js";

// samples/invoices.csv through the real CLI, as `npm run demo` uses it: after the clients of samples/clients.csv,
// into an emulator seeded with samples/existing-clients.json. Which invoice is wrong on purpose, and why, is in
// scripts/generate-samples.mjs.
const FILE = join(ROOT, "samples/invoices.csv");
const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
const ENV = { QONTO_LOGIN: KEY.login, QONTO_SECRET_KEY: KEY.secretKey };

// Each invoice's outcome (of all its lines) once the demo's clients are in Qonto.
const OUTCOMES: Record<string, string> = {
  "FA-2025-0101": "created",
  "FA-2025-0102": "created",
  "FA-2025-0103": "created",
  "FA-2025-0104": "created",
  "FA-2025-0105": "created",
  "FA-2025-0106": "invalid",
  "FA-2025-0107": "invalid",
  "FA-2025-0108": "invalid",
  "FA-2025-0109": "invalid",
  "FA-2025-0110": "invalid",
  "FA-2025-0111": "invalid",
  "FA-2025-0112": "created",
};

interface Summary {
  report_dir: string;
  all_rows_accounted_for: boolean;
  outcomes: Record<string, number>;
  invoices: { total: number; outcomes: Record<string, number> };
  problems: Record<string, number>;
}

type Result = Record<string, string>;

async function results(dir: string): Promise<Result[]> {
  return parseReport<Result>(await readFile(join(dir, "results.csv"), "utf8"), {
    bom: true,
    columns: true,
  });
}

/** Each invoice number's outcomes, as a set (every line of an invoice has the invoice's outcome). */
function byInvoice(rows: Result[]): Record<string, string> {
  const out: Record<string, Set<string>> = {};
  for (const r of rows) (out[r.invoice_number!] ??= new Set()).add(r.outcome!);
  return Object.fromEntries(Object.entries(out).map(([n, s]) => [n, [...s].join("+")]));
}

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe("samples/invoices.csv through the CLI", () => {
  it("dry run without credentials: invoices are checked, clients are not looked up, every line is reported", async () => {
    const reports = await mkdtemp(join(tmpdir(), "qi-sample-inv-"));
    const run = await runCli(["invoices", FILE, "--dry-run", "--report-dir", reports, "--json"]);
    expect(run.code, run.stderr).toBe(1);
    const summary = JSON.parse(run.stdout) as Summary;
    expect(summary.all_rows_accounted_for).toBe(true);
    const rows = await results(summary.report_dir);
    expect(rows).toHaveLength(27);
    const outcomes = byInvoice(rows);
    // 0109's client cannot be looked up without credentials: its invoice is fine as far as the file goes.
    expect(outcomes["FA-2025-0109"]).toBe("would_create");
    expect(outcomes["FA-2025-0101"]).toBe("would_create");
    expect(outcomes["FA-2025-0108"]).toBe("invalid");
    expect(rows.find((r) => r.invoice_number === "FA-2025-0101")?.problem_codes).toBe(
      "invoice_client_not_checked",
    );
    // The lines of a refused invoice without a problem of their own say which line refused it.
    const refused = rows.filter((r) => r.invoice_number === "FA-2025-0110");
    expect(refused.map((r) => r.problem_codes)).toEqual(["amount_invalid", "invoice_refused"]);
    expect(refused[1]!.problems).toBe(
      "not imported with its invoice FA-2025-0110: amount_invalid on record 22",
    );
    // 12 numbers, one of them in two places of the file: 13 invoices.
    expect(summary.invoices.total).toBe(13);
  });

  it("after a clients dry run, with its report: the clients it would create are pending, not unresolved", async () => {
    const seed = await loadSeedFile(join(ROOT, "samples/existing-clients.json"));
    emulator = await startEmulator({ seedClients: seed });
    const reports = await mkdtemp(join(tmpdir(), "qi-sample-inv-"));
    const clients = await runCli(
      [
        "clients",
        join(ROOT, "samples/clients.csv"),
        "--dry-run",
        "--base-url",
        emulator.url,
        "--report-dir",
        join(reports, "c"),
        "--json",
      ],
      ENV,
    );
    const clientsDir = (JSON.parse(clients.stdout) as Summary).report_dir;
    const run = await runCli(
      [
        "invoices",
        FILE,
        "--dry-run",
        "--clients-report",
        clientsDir,
        "--base-url",
        emulator.url,
        "--report-dir",
        join(reports, "i"),
        "--json",
      ],
      ENV,
    );
    expect(run.code, run.stderr).toBe(1);
    const rows = await results((JSON.parse(run.stdout) as Summary).report_dir);
    const boulangerie = rows.find((r) => r.invoice_number === "FA-2025-0101")!;
    expect(boulangerie.outcome).toBe("would_create");
    expect(boulangerie.problem_codes).toBe("invoice_client_pending");
    // A seeded client is in Qonto already: found, with its id.
    const comptoir = rows.find((r) => r.invoice_number === "FA-2025-0105")!;
    expect(comptoir.qonto_client_id).toBe(
      emulator.clients().find((c) => c.name === "Le Comptoir Breton")?.id,
    );
    expect(rows.find((r) => r.invoice_number === "FA-2025-0109")?.problem_codes).toBe(
      "invoice_client_unresolved",
    );
    // Nothing was written.
    expect(emulator.invoices()).toHaveLength(0);
  });

  it("after the clients import: the valid invoices are created once, the rest reported; a second run skips them all", async () => {
    const seed = await loadSeedFile(join(ROOT, "samples/existing-clients.json"));
    emulator = await startEmulator({ seedClients: seed });
    const reports = await mkdtemp(join(tmpdir(), "qi-sample-inv-"));
    const clients = await runCli(
      [
        "clients",
        join(ROOT, "samples/clients.csv"),
        "--base-url",
        emulator.url,
        "--report-dir",
        join(reports, "c"),
        "--quiet",
      ],
      ENV,
    );
    expect(clients.code).toBe(1); // samples/clients.csv has invalid rows on purpose
    const args = ["invoices", FILE, "--base-url", emulator.url, "--report-dir", join(reports, "i"), "--json"];
    const run = await runCli(args, ENV);
    expect(run.code, run.stderr).toBe(1);
    const summary = JSON.parse(run.stdout) as Summary;
    expect(summary.all_rows_accounted_for).toBe(true);
    const rows = await results(summary.report_dir);
    expect(byInvoice(rows)).toEqual(OUTCOMES);
    const created = Object.values(OUTCOMES).filter((o) => o === "created").length;
    expect(
      emulator
        .invoices()
        .map((i) => i.number)
        .sort(),
    ).toEqual(Object.keys(OUTCOMES).filter((n) => OUTCOMES[n] === "created"));
    expect(summary.invoices.outcomes.created).toBe(created);
    // The invoice for Boulangerie Martin (by VAT number): 3 lines, 2,400 + 12 × 15 + 12 at 20 %.
    const boulangerie = emulator.invoices().find((i) => i.number === "FA-2025-0101")!;
    expect(boulangerie.items.map((i) => i.title)).toEqual([
      "Création du site vitrine",
      "Hébergement et maintenance",
      "Nom de domaine .fr",
    ]);
    expect(boulangerie.total_amount.value).toBe("3110.40");
    // errors.csv holds the refused lines, in the input's delimiter, ready to be fixed and imported again.
    const errorsCsv = await readFile(join(summary.report_dir, "errors.csv"), "utf8");
    const refused = rows.filter((r) => r.outcome === "invalid").length;
    expect(errorsCsv.trim().split(/\r?\n/)).toHaveLength(refused + 1);

    const again = await runCli(args, ENV);
    const second = JSON.parse(again.stdout) as Summary;
    expect(second.invoices.outcomes).toMatchObject({ created: 0, skipped_existing: created });
    expect(emulator.invoices()).toHaveLength(created);
    expect((await readdir(join(reports, "i"))).length).toBe(2);
  });
});
