import { parseReport } from "./helpers/report-csv.js";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterEach, describe, expect, it } from "vitest";
import {
  DEFAULT_EMULATOR_CREDENTIALS,
  startEmulator,
  type RenderedInvoice,
  type RunningEmulator,
} from "../src/emulator/index.js";
import { CLI, cliEnv, runCli } from "./helpers/cli.js";
import { frVat, siren, toCsv } from "./helpers/data.js";

// Acceptance of the invoices command (issue 8): the real CLI against the emulator with faults on. A clients
// import creates some clients first, in the same session; invoices then name clients old and new.

const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
const ENV = { QONTO_LOGIN: KEY.login, QONTO_SECRET_KEY: KEY.secretKey };
const IBAN = "FR7630006000011234567890189";
const BAD_IBAN = "FR7630006000011234567890180";
const FAULTS = { failRate: 0.08, resetRate: 0.04, lostResponseRate: 0.08 };

interface Client {
  name: string;
  email: string;
  vat: string;
}

const seeded: Client[] = Array.from({ length: 20 }, (_, i) => ({
  name: `Ancien Client ${i}`,
  email: `ancien${i}@clients.fr`,
  vat: frVat(siren(7_000 + i * 31)),
}));
// Two existing clients share a name: an invoice naming it cannot be resolved.
const TWINS = "Homonyme SARL";
const fresh: Client[] = Array.from({ length: 30 }, (_, i) => ({
  name: `Nouveau Client ${i}`,
  email: `nouveau${i}@clients.fr`,
  vat: frVat(siren(90_000 + i * 17)),
}));

function seedClients(): unknown[] {
  const address = { street_address: "1 rue Haute", city: "Lyon", zip_code: "69001", country_code: "FR" };
  return [
    ...seeded.map((c) => ({
      kind: "company",
      name: c.name,
      email: c.email,
      vat_number: c.vat,
      currency: "EUR",
      billing_address: address,
    })),
    ...[1, 2].map((n) => ({
      kind: "company",
      name: TWINS,
      email: `homonyme${n}@clients.fr`,
      currency: "EUR",
      billing_address: address,
    })),
  ];
}

const HEADER = [
  "N° facture",
  "TVA client",
  "Email client",
  "Nom client",
  "Date facture",
  "Date échéance",
  "Devise",
  "IBAN",
  "Début prestation",
  "Fin prestation",
  "Désignation",
  "Quantité",
  "Prix unitaire HT",
  "Taux TVA",
  "Remise",
];

interface ExpectedLine {
  title: string;
  quantity: string;
  unitPrice: string;
  vatRate: string;
  discount?: { type: "percentage" | "absolute"; value: string };
}

interface InvoiceCase {
  number: string;
  kind: "valid" | "existing" | "invalid";
  /** The client it must land on (by name), for valid ones. */
  client?: string;
  lines: ExpectedLine[];
  /** For invalid ones: the problem expected on some line. */
  code?: string;
}

// Line counts cycle 1, 6, 3, 4, 2, 4: 20 lines per 6 invoices, so 150 invoices make exactly 500 lines.
const COUNTS = [1, 6, 3, 4, 2, 4];
const EXISTING = new Set([5, 17, 29, 41, 53, 65, 77, 89, 101, 113]);
const INVALID: Record<number, string> = {
  3: "iban_invalid",
  11: "invoice_client_unresolved",
  23: "invoice_rows_disagree",
  35: "amount_invalid",
  47: "performance_period_invalid",
  59: "invoice_currency_not_eur",
  71: "invoice_field_missing",
  83: "vat_rate_invalid",
  95: "invoice_client_ambiguous",
  107: "invoice_number_duplicate_in_file",
  119: "invoice_number_duplicate_in_file",
  131: "invoice_client_unresolved",
  137: "amount_invalid",
  143: "invoice_date_invalid",
};
const RATES = [
  ["20 %", "0.2"],
  ["10", "0.1"],
  ["5,5 %", "0.055"],
  ["0,2", "0.2"],
] as const;
const PRICES = [
  ["1 234,50 €", "1234.50"],
  ["99,90", "99.90"],
  ["15", "15.00"],
  ["0,33", "0.33"],
  ["2 500,00", "2500.00"],
] as const;
const QUANTITIES = [
  ["2", "2"],
  ["1,5", "1.5"],
  ["3", "3"],
  ["7", "7"],
] as const;

function buildFile(): { csv: string; cases: InvoiceCase[]; lines: number } {
  const rows: string[][] = [];
  const cases: InvoiceCase[] = [];
  let serial = 0;
  for (let i = 0; i < 150; i++) {
    const number = i === 119 ? "FA-2026-0107" : `FA-2026-${String(i).padStart(4, "0")}`;
    const count = COUNTS[i % COUNTS.length]!;
    const code = INVALID[i];
    const kind = code !== undefined ? "invalid" : EXISTING.has(i) ? "existing" : "valid";
    // Clients: seeded by VAT, seeded by e-mail, new by name, new by VAT.
    let vat = "";
    let email = "";
    let name = "";
    let client: string;
    const old = seeded[i % seeded.length]!;
    const made = fresh[i % fresh.length]!;
    switch (i % 4) {
      case 0:
        vat = old.vat;
        client = old.name;
        break;
      case 1:
        email = old.email.toUpperCase();
        client = old.name;
        break;
      case 2:
        name = made.name.toLowerCase();
        client = made.name;
        break;
      default:
        vat = made.vat.replace(/^(..)(..)(...)/, "$1 $2 $3 ");
        client = made.name;
    }
    if (code === "invoice_client_unresolved") {
      vat = frVat(siren(555_000 + i));
      email = i === 131 ? "personne@nulle-part.fr" : "";
      if (i === 131) vat = "";
      name = "";
    }
    if (code === "invoice_client_ambiguous") {
      vat = "";
      email = "";
      name = TWINS;
    }
    const day = 13 + (i % 15);
    let issue = `${day}/03/2026`;
    let due = `${day}/04/2026`;
    let start = i % 3 === 0 ? `01/03/2026` : "";
    let end = i % 3 === 0 ? `${day}/03/2026` : "";
    if (code === "performance_period_invalid") {
      start = "20/03/2026";
      end = "10/03/2026";
    }
    if (code === "invoice_date_invalid") issue = "31/02/2026";
    const lines: ExpectedLine[] = [];
    for (let j = 0; j < count; j++, serial++) {
      const [rateText, rate] = RATES[serial % RATES.length]!;
      const [priceText, price] = PRICES[serial % PRICES.length]!;
      const [qtyText, qty] = QUANTITIES[serial % QUANTITIES.length]!;
      let discountText = "";
      let discount: ExpectedLine["discount"];
      if (serial % 5 === 0) {
        discountText = "10 %";
        discount = { type: "percentage", value: "0.1" };
      } else if (i === 137 && j === 0) {
        // More than the line's amount: a line cannot go below zero.
        discountText = "999 999,00 €";
      } else if (serial % 7 === 0 && price !== "0.33") {
        discountText = "1,50 €";
        discount = { type: "absolute", value: "1.50" };
      }
      const title = `Prestation ${i}.${j + 1}`;
      lines.push({
        title,
        quantity: qty,
        unitPrice: price,
        vatRate: rate,
        ...(discount ? { discount } : {}),
      });
      const first = j === 0;
      rows.push([
        number,
        first ? vat : "",
        first ? email : "",
        first ? name : "",
        first ? issue : "",
        // Later lines repeat the due date, as many exports do; one invoice's rows disagree on it.
        code === "invoice_rows_disagree" && j === 1 ? "30/04/2026" : due,
        code === "invoice_currency_not_eur" ? "USD" : first ? "EUR" : "",
        first ? (code === "iban_invalid" ? BAD_IBAN : IBAN) : "",
        first ? start : "",
        first ? end : "",
        code === "invoice_field_missing" && j === count - 1 ? "" : title,
        qtyText,
        i === 35 && j === 0 ? "12,3,4" : priceText,
        code === "vat_rate_invalid" ? "normal" : rateText,
        discountText,
      ]);
    }
    cases.push({ number, kind, ...(kind === "valid" ? { client } : {}), lines, ...(code ? { code } : {}) });
  }
  return { csv: toCsv(HEADER, rows), cases, lines: rows.length };
}

// The invoice's totals as an invoice printed line by line adds up: each amount rounded to the cent, half up.
function cents(decimal: string, scale: number): bigint {
  const [int, frac = ""] = decimal.split(".");
  return BigInt(int! + frac.padEnd(scale, "0").slice(0, scale));
}
function roundDiv(n: bigint, d: bigint): bigint {
  return (n * 2n + d) / (2n * d);
}
function expectedTotal(lines: ExpectedLine[]): { total: bigint; vat: bigint } {
  let total = 0n;
  let vat = 0n;
  for (const l of lines) {
    const gross4 = cents(l.quantity, 2) * cents(l.unitPrice, 2); // 1/10000 of a euro... times 100
    const gross = roundDiv(gross4, 100n); // cents
    let discount = 0n;
    if (l.discount?.type === "absolute") discount = cents(l.discount.value, 2);
    if (l.discount?.type === "percentage") discount = roundDiv(gross4 * cents(l.discount.value, 3), 100_000n);
    const subtotal = gross - discount;
    const lineVat = roundDiv(subtotal * cents(l.vatRate, 3), 1000n);
    vat += lineVat;
    total += subtotal + lineVat;
  }
  return { total, vat };
}
const euros = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, "0")}`;

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function post(url: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url + path, {
    method: "POST",
    headers: { authorization: `${KEY.login}:${KEY.secretKey}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

async function reportOf(root: string): Promise<string> {
  const [dir] = (await readdir(root)).sort();
  return join(root, dir!);
}

describe("qonto-import invoices, end to end", () => {
  it("imports 500 lines (150 invoices) under faults: every valid invoice exactly once, right items and totals, every line reported", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qi-invoices-"));
    const data = join(dir, "qonto.ndjson");
    // Setup on a calm emulator: existing clients and the invoices whose numbers Qonto already has.
    const calm = await startEmulator({ seedClients: seedClients(), dataFile: data });
    const { csv, cases, lines } = buildFile();
    expect(lines).toBe(500);
    const clients = calm.clients();
    const byName = (name: string) => clients.find((c) => c.name === name);
    for (const c of cases.filter((x) => x.kind === "existing")) {
      await post(calm.url, "/v2/client_invoices", {
        client_id: byName(seeded[0]!.name)!.id,
        issue_date: "2026-01-15",
        due_date: "2026-02-15",
        currency: "EUR",
        number: c.number,
        payment_methods: { iban: IBAN },
        items: [
          {
            title: "Already there",
            quantity: "1",
            unit_price: { value: "10.00", currency: "EUR" },
            vat_rate: "0.2",
          },
        ],
      });
    }
    await calm.close();

    emulator = await startEmulator({ dataFile: data, faults: { seed: 20261121, ...FAULTS } });
    const url = emulator.url;
    // The same session's clients import.
    const clientsFile = join(dir, "clients.csv");
    await writeFile(
      clientsFile,
      toCsv(
        ["Raison sociale", "Email", "N° TVA", "Adresse", "Code postal", "Ville", "Pays"],
        fresh.map((c) => [c.name, c.email, c.vat, "2 rue Basse", "75002", "Paris", "FR"]),
      ),
    );
    const clientsRun = await runCli(
      ["clients", clientsFile, "--base-url", url, "--report-dir", join(dir, "clients-reports"), "--json"],
      ENV,
    );
    expect(clientsRun.code, clientsRun.stderr).toBe(0);
    const clientsReport = await reportOf(join(dir, "clients-reports"));

    const file = join(dir, "factures.csv");
    await writeFile(file, csv);
    const run = await runCli(
      [
        "invoices",
        file,
        "--settle-delay",
        "300ms",
        "--base-url",
        url,
        "--report-dir",
        join(dir, "reports"),
        "--clients-report",
        clientsReport,
        "--json",
      ],
      ENV,
    );
    // Invalid invoices are in the file on purpose: exit 1, and nothing stopped the run.
    expect(run.code, run.stderr).toBe(1);
    const summary = JSON.parse(run.stdout) as {
      report_dir: string;
      all_rows_accounted_for: boolean;
      outcomes: Record<string, number>;
      invoices: { total: number; outcomes: Record<string, number> };
      stopped_early: string | null;
    };
    expect(summary.stopped_early).toBeNull();
    expect(summary.all_rows_accounted_for).toBe(true);

    const valid = cases.filter((c) => c.kind === "valid");
    const existing = cases.filter((c) => c.kind === "existing");
    const invalid = cases.filter((c) => c.kind === "invalid");
    const linesOf = (list: InvoiceCase[]) => list.reduce((n, c) => n + c.lines.length, 0);
    expect(summary.invoices.total).toBe(150);
    expect(summary.invoices.outcomes).toMatchObject({
      created: valid.length,
      skipped_existing: existing.length,
      invalid: invalid.length,
      failed: 0,
    });
    expect(summary.outcomes).toMatchObject({
      created: linesOf(valid),
      skipped_existing: linesOf(existing),
      invalid: linesOf(invalid),
      failed: 0,
    });

    // Faults did fire on the invoice creates.
    const stats = emulator.stats();
    expect(stats.faults.lost + stats.faults.failed + stats.faults.reset).toBeGreaterThan(20);

    // Qonto holds each valid invoice exactly once, with its client, items and totals; nothing else was added.
    const held = emulator.invoices();
    expect(held).toHaveLength(valid.length + existing.length);
    const heldBy = new Map<string, RenderedInvoice[]>();
    for (const inv of held) heldBy.set(inv.number, [...(heldBy.get(inv.number) ?? []), inv]);
    const now = emulator.clients();
    for (const c of valid) {
      const got = heldBy.get(c.number) ?? [];
      expect(got, c.number).toHaveLength(1);
      const inv = got[0]!;
      expect((inv.client as { id?: string }).id, c.number).toBe(now.find((x) => x.name === c.client)?.id);
      expect(
        inv.items.map((it) => [
          it.title,
          it.quantity,
          it.unit_price.value,
          it.vat_rate,
          it.discount?.value ?? null,
        ]),
        c.number,
      ).toEqual(c.lines.map((l) => [l.title, l.quantity, l.unitPrice, l.vatRate, l.discount?.value ?? null]));
      const want = expectedTotal(c.lines);
      expect([inv.total_amount.value, inv.vat_amount.value], c.number).toEqual([
        euros(want.total),
        euros(want.vat),
      ]);
    }
    for (const c of existing) expect(heldBy.get(c.number)?.[0]?.items[0]?.title).toBe("Already there");
    for (const c of invalid)
      if (c.number !== "FA-2026-0107") expect(heldBy.has(c.number), c.number).toBe(false);
    expect(heldBy.has("FA-2026-0107")).toBe(false);

    // The report: one line per input line, in order, each with its invoice's outcome and id.
    const results = parseReport(await readFile(join(summary.report_dir, "results.csv"), "utf8"), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(results).toHaveLength(500);
    expect(results.map((r) => Number(r.record))).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    let at = 0;
    for (const c of cases) {
      const mine = results.slice(at, at + c.lines.length);
      at += c.lines.length;
      const outcome = c.kind === "valid" ? "created" : c.kind === "existing" ? "skipped_existing" : "invalid";
      expect(new Set(mine.map((r) => r.outcome)), c.number).toEqual(new Set([outcome]));
      expect(mine.map((r) => r.item)).toEqual(c.lines.map((_, i) => String(i + 1)));
      if (c.kind !== "invalid") expect(mine[0]!.qonto_invoice_id).toBe(heldBy.get(c.number)?.[0]?.id);
      if (c.code !== undefined)
        expect(
          mine.flatMap((r) => r.problem_codes!.split(" ")),
          c.number,
        ).toContain(c.code);
      // Every line of a refused invoice says why, so errors.csv can be fixed line by line.
      if (c.kind === "invalid")
        for (const r of mine) expect(r.problems, `${c.number} record ${r.record}`).not.toBe("");
    }
    const errors = parse(await readFile(join(summary.report_dir, "errors.csv"), "utf8"), {
      bom: true,
      delimiter: ";",
      columns: true,
    }) as Record<string, string>[];
    expect(errors).toHaveLength(linesOf(invalid));
  }, 180_000);

  it("finishes an invoices run killed part-way: running the command again creates the rest, none twice", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qi-invoices-kill-"));
    emulator = await startEmulator({
      seedClients: seedClients(),
      faults: { seed: 7, lostResponseRate: 0.1, failRate: 0.05 },
    });
    const rows: string[][] = [];
    for (let i = 0; i < 120; i++)
      for (let j = 0; j < 2; j++)
        rows.push([
          `K-${i}`,
          j === 0 ? seeded[i % seeded.length]!.vat : "",
          "",
          "",
          j === 0 ? "15/03/2026" : "",
          j === 0 ? "15/04/2026" : "",
          "EUR",
          j === 0 ? IBAN : "",
          "",
          "",
          `Ligne ${j + 1}`,
          "1",
          "100,00",
          "20 %",
          "",
        ]);
    const file = join(dir, "factures.csv");
    await writeFile(file, toCsv(HEADER, rows));
    const args = [
      CLI,
      "invoices",
      file,
      "--settle-delay",
      "300ms",
      "--base-url",
      emulator.url,
      "--report-dir",
      join(dir, "reports"),
      "--quiet",
    ];
    // Kill the first run once 40 invoices are in Qonto, with writes on their way.
    const child = spawn(process.execPath, args, { env: cliEnv(ENV) });
    const e = emulator;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (e.invoices().length >= 40 || child.exitCode !== null) {
          clearInterval(timer);
          child.kill("SIGKILL");
          resolve();
        }
      }, 5);
    });
    await new Promise((resolve) => child.once("close", resolve));
    expect(emulator.invoices().length).toBeLessThan(120);

    const again = await runCli(args.slice(1).concat("--json"), ENV);
    expect(again.code, again.stderr).toBe(0);
    const summary = JSON.parse(again.stdout) as {
      all_rows_accounted_for: boolean;
      invoices: { outcomes: Record<string, number> };
    };
    expect(summary.all_rows_accounted_for).toBe(true);
    // Every invoice is reported created (by the first run or this one), none skipped as someone else's.
    expect(summary.invoices.outcomes).toMatchObject({ created: 120, skipped_existing: 0, failed: 0 });
    const numbers = emulator.invoices().map((i) => i.number);
    expect(new Set(numbers).size).toBe(120);
    expect(numbers).toHaveLength(120);
  }, 120_000);
});
