import { parseReport } from "./helpers/report-csv.js";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator, type RunningEmulator } from "../src/emulator/index.js";
import { runCli } from "./helpers/cli.js";
import { frVat, siren, toCsv } from "./helpers/data.js";
import { buildWorkbook, inlineCells, sheetXml } from "./fixtures/xlsx/build-zip.js";

// Acceptance of issue 14 (totals lines): an accounting export printed page by page (its header repeated on each
// page, a subtotal after each city, a grand total at the end) imports its clients and nothing else, through the
// built CLI into the emulator; its invoices export likewise.

const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
const ENV = { QONTO_LOGIN: KEY.login, QONTO_SECRET_KEY: KEY.secretKey };
const IBAN = "FR7630006000011234567890189";
const HEADER = [
  "Code client",
  "Raison sociale",
  "N° TVA",
  "E-mail",
  "Adresse",
  "Code postal",
  "Ville",
  "Pays",
  "Chiffre d'affaires",
];
const CITIES = [
  ["Paris", "75011"],
  ["Lyon", "69002"],
  ["Bordeaux", "33000"],
] as const;
// Rows a printed page holds: the header comes back after this many.
const PAGE = 7;

interface Line {
  cells: string[];
  /** A client's name, or the code of the ignored row. */
  client?: string;
  code?: "summary_row" | "repeated_header";
  /** XLSX: the amount, and for a total the rows it sums (1-based worksheet rows). */
  amount: number;
  sums?: [number, number];
}

const euros = (n: number) =>
  n.toLocaleString("fr-FR", { minimumFractionDigits: 2 }).replace(/\u202f|\u00a0/g, " ");

/** 15 clients in three cities; two are named like totals and have their VAT number or e-mail. */
function accountingExport(): Line[] {
  const lines: Line[] = [];
  let onPage = 0;
  let grand = 0;
  let count = 0;
  const push = (line: Line) => {
    if (onPage === PAGE) {
      lines.push({ cells: [...HEADER], code: "repeated_header", amount: 0 });
      onPage = 0;
    }
    lines.push(line);
    onPage += 1;
  };
  CITIES.forEach(([city, zip], c) => {
    let sub = 0;
    const first = lines.length + 2;
    for (let i = 0; i < 5; i++) {
      const n = c * 5 + i;
      const name =
        n === 0
          ? "Total Énergies Services"
          : n === 6
            ? "Totalgaz"
            : n === 12
              ? "Summa Consulting"
              : `Client ${n} SAS`;
      const amount = 1000 + n * 137.25;
      sub += amount;
      count += 1;
      push({
        cells: [
          `C${n}`,
          name,
          n % 2 === 0 ? frVat(siren(5_000 + n * 13)) : "",
          n % 2 === 0 ? "" : `compta${n}@client${n}.fr`,
          `${n} rue du Commerce`,
          zip,
          city,
          "France",
          euros(amount),
        ],
        client: name,
        amount,
      });
    }
    grand += sub;
    push({
      cells: ["", `Sous-total ${city}`, "", "", "", "", "", "", euros(sub)],
      code: "summary_row",
      amount: sub,
      sums: [first, lines.length + 1],
    });
  });
  push({
    cells: ["", `TOTAL GÉNÉRAL (${count} clients)`, "", "", "", "", "", "", euros(grand)],
    code: "summary_row",
    amount: grand,
    sums: [2, lines.length + 1],
  });
  return lines;
}

/** The same export as Excel saves it: amounts as numbers, totals as SUM formulas with their results. */
function asXlsx(lines: readonly Line[]): Buffer {
  const rows = [inlineCells(HEADER)];
  for (const line of lines) {
    const text = inlineCells(line.cells.slice(0, -1));
    if (line.code === "repeated_header") rows.push(inlineCells(line.cells));
    else if (line.sums !== undefined)
      rows.push(`${text}<c><f>SUM(I${line.sums[0]}:I${line.sums[1]})</f><v>${line.amount}</v></c>`);
    else rows.push(`${text}<c><v>${line.amount}</v></c>`);
  }
  return buildWorkbook({ sheets: [{ name: "Clients", xml: sheetXml(rows) }] });
}

async function reportDir(root: string): Promise<string> {
  const [dir] = (await readdir(root)).sort();
  return join(root, dir!);
}

async function resultsOf(dir: string): Promise<Record<string, string>[]> {
  return parseReport(await readFile(join(dir, "results.csv")), { bom: true, columns: true }) as Record<
    string,
    string
  >[];
}

interface SummaryFile {
  outcomes: Record<string, number>;
  problems: Record<string, number>;
  all_rows_accounted_for: boolean;
  input: { rows: number };
}

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe("an export with totals lines and repeated headers, end to end", () => {
  const lines = accountingExport();
  const clients = lines.flatMap((l) => (l.client === undefined ? [] : [l.client]));
  const counts = {
    summary_row: lines.filter((l) => l.code === "summary_row").length,
    repeated_header: lines.filter((l) => l.code === "repeated_header").length,
  };

  it("has what the test is about", () => {
    expect(clients).toHaveLength(15);
    expect(counts).toEqual({ summary_row: 4, repeated_header: 2 });
  });

  it.each(["csv", "xlsx"] as const)(
    "%s: imports only the clients; the totals and headers are ignored, counted and listed",
    async (format) => {
      const dir = await mkdtemp(join(tmpdir(), "qi-summary-e2e-"));
      const file = join(dir, `clients.${format}`);
      await writeFile(
        file,
        format === "csv"
          ? toCsv(
              HEADER,
              lines.map((l) => l.cells),
            )
          : asXlsx(lines),
      );
      emulator = await startEmulator();
      const reports = join(dir, "reports");
      const run = await runCli(["clients", file, "--base-url", emulator.url, "--report-dir", reports], ENV);
      expect(run.stderr).not.toContain("internal error");
      // Ignored rows leave nothing to fix.
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(
        `${counts.summary_row + counts.repeated_header}  ignored (totals lines, repeated headers)`,
      );
      expect(run.stderr).toMatch(
        /summary_row: a totals line \("TOTAL GÉNÉRAL \(15 clients\)"\), not a client/,
      );

      expect(
        emulator
          .clients()
          .map((c) => c.name)
          .sort(),
      ).toEqual([...clients].sort());

      const report = await reportDir(reports);
      const results = await resultsOf(report);
      expect(results.map((r) => [r.outcome, r.problem_codes])).toEqual(
        lines.map((l) => (l.code === undefined ? ["created", ""] : ["ignored", l.code])),
      );
      expect(results.find((r) => r.problem_codes === "summary_row")).toMatchObject({
        name: "Sous-total Paris",
        qonto_client_id: "",
      });
      const summary = JSON.parse(await readFile(join(report, "summary.json"), "utf8")) as SummaryFile;
      expect(summary.outcomes).toMatchObject({ created: 15, ignored: 6, invalid: 0 });
      expect(summary.problems).toEqual(counts);
      expect(summary.all_rows_accounted_for).toBe(true);
      expect(summary.input.rows).toBe(lines.length);
      const html = await readFile(join(report, "report.html"), "utf8");
      expect(html).toContain('data-outcome-count="ignored"');
      expect(html).toContain("TOTAL GÉNÉRAL (15 clients)");
      // Nothing to fix: errors.csv has its header only.
      expect((await readFile(join(report, "errors.csv"), "utf8")).trim().split("\n")).toHaveLength(1);
    },
  );

  it("a dry run plans them ignored, and apply carries the plan out without sending them", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qi-summary-plan-"));
    const file = join(dir, "clients.csv");
    await writeFile(
      file,
      toCsv(
        HEADER,
        lines.map((l) => l.cells),
      ),
    );
    emulator = await startEmulator();
    const dry = await runCli(
      ["clients", file, "--dry-run", "--base-url", emulator.url, "--report-dir", join(dir, "plan")],
      ENV,
    );
    expect(dry.code).toBe(0);
    const planDir = await reportDir(join(dir, "plan"));
    expect((await resultsOf(planDir)).map((r) => r.outcome)).toEqual(
      lines.map((l) => (l.code === undefined ? "would_create" : "ignored")),
    );
    const plan = JSON.parse(await readFile(join(planDir, "plan.json"), "utf8")) as {
      rows: { plan: { action: string }; problems: { code: string }[] }[];
    };
    expect(plan.rows.map((r) => r.plan.action)).toEqual(
      lines.map((l) => (l.code === undefined ? "create" : "ignored")),
    );
    expect(emulator.clients()).toHaveLength(0);

    const apply = await runCli(
      [
        "apply",
        join(planDir, "plan.json"),
        "--base-url",
        emulator.url,
        "--report-dir",
        join(dir, "apply"),
        "--json",
      ],
      ENV,
    );
    expect(apply.code).toBe(0);
    const summary = JSON.parse(apply.stdout) as SummaryFile;
    expect(summary.outcomes).toMatchObject({ created: 15, ignored: 6 });
    expect(summary.problems).toEqual(counts);
    expect(emulator.clients()).toHaveLength(15);
    expect(emulator.requestCount().byRoute["POST /v2/clients"]).toBe(15);
  });

  it("invoices: a header repeated inside an invoice, subtotals and a grand total are ignored, not grouped", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qi-summary-invoices-"));
    emulator = await startEmulator({
      seedClients: ["Dupont SARL", "Total Énergies Services"].map((name, i) => ({
        kind: "company",
        name,
        email: `compta${i}@client.fr`,
        currency: "EUR",
        billing_address: {
          street_address: "1 rue Haute",
          city: "Lyon",
          zip_code: "69001",
          country_code: "FR",
        },
      })),
    });
    const header = [
      "N° facture",
      "Nom client",
      "Date facture",
      "Date échéance",
      "IBAN",
      "Désignation",
      "Quantité",
      "Prix unitaire HT",
      "Taux TVA",
      "Montant HT",
    ];
    const line = (n: string, client: string, title: string, qty: string, price: string, amount: string) => [
      n,
      client,
      "15/03/2026",
      "15/04/2026",
      IBAN,
      title,
      qty,
      price,
      "20 %",
      amount,
    ];
    const rows: [string[], string][] = [
      [line("F2026-001", "Dupont SARL", "Conseil", "2", "100,00", "200,00"), "created"],
      // A page break inside invoice F2026-001: it must not split it.
      [header, "repeated_header"],
      [line("F2026-001", "Dupont SARL", "Formation", "1", "50,00", "50,00"), "created"],
      [["", "", "", "", "", "Sous-total F2026-001", "", "", "", "250,00"], "summary_row"],
      [line("F2026-002", "Total Énergies Services", "Audit", "1", "1 000,00", "1 000,00"), "created"],
      [["Total", "", "", "", "", "", "3", "", "", "1 250,00"], "summary_row"],
    ];
    const file = join(dir, "factures.csv");
    await writeFile(
      file,
      toCsv(
        header,
        rows.map(([cells]) => cells),
      ),
    );
    const run = await runCli(
      ["invoices", file, "--base-url", emulator.url, "--report-dir", join(dir, "reports"), "--json"],
      ENV,
    );
    expect(run.stderr).not.toContain("internal error");
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as SummaryFile & { invoices: { total: number } };
    expect(summary.outcomes).toMatchObject({ created: 3, ignored: 3, invalid: 0 });
    expect(summary.invoices.total).toBe(2);
    expect(summary.problems).toEqual({ summary_row: 2, repeated_header: 1 });
    const results = await resultsOf(await reportDir(join(dir, "reports")));
    expect(results.map((r) => [r.record, r.outcome === "ignored" ? r.problem_codes : r.outcome])).toEqual(
      rows.map(([, expected], i) => [String(i + 1), expected]),
    );
    expect(results.filter((r) => r.outcome === "created").map((r) => [r.invoice_number, r.item])).toEqual([
      ["F2026-001", "1"],
      ["F2026-001", "2"],
      ["F2026-002", "1"],
    ]);
    const invoices = emulator.invoices();
    expect(invoices.map((i) => [i.number, i.items.map((x) => x.title)]).sort()).toEqual([
      ["F2026-001", ["Conseil", "Formation"]],
      ["F2026-002", ["Audit"]],
    ]);
  });
});
