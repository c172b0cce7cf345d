import { parseReport } from "./helpers/report-csv.js";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator, type RunningEmulator } from "../src/emulator/index.js";
import { runCli } from "./helpers/cli.js";
import { frVat, siren, toCsv } from "./helpers/data.js";

// Issue 17, end to end: the real CLI against the emulator. Invoices Qonto would refuse, or that no one means (due
// before issued, a quantity of zero or less, a negative price, a VAT rate France does not charge), are never sent,
// each line saying why; an invoice Qonto refuses (a 422 injected by the emulator) is not sent again by later runs
// while its content is the same, and is sent once its line changed.

const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
const ENV = { QONTO_LOGIN: KEY.login, QONTO_SECRET_KEY: KEY.secretKey };
const IBAN = "FR7630006000011234567890189";
const VAT = frVat(siren(123_456));
const HEADER = [
  "N° facture",
  "TVA client",
  "Date facture",
  "Date échéance",
  "IBAN",
  "Désignation",
  "Quantité",
  "Prix unitaire HT",
  "Taux TVA",
];
const POST = "POST /v2/client_invoices";

interface Line {
  title: string;
  quantity?: string;
  price?: string;
  rate?: string;
}
interface Invoice {
  number: string;
  issue?: string;
  due?: string;
  lines: Line[];
  /** The problem each line reports, in order; undefined: the invoice is valid. */
  codes?: string[];
}

// The injected refusal's number: valid to the importer, refused by Qonto for a reason it cannot see.
const REFUSED = "F-10";
const INVOICES: Invoice[] = [
  { number: "F-01", lines: [{ title: "Conseil" }, { title: "Déplacement", quantity: "0,5", rate: "10 %" }] },
  {
    number: "F-02",
    issue: "2026-03-15",
    due: "2026-03-14",
    lines: [{ title: "Échéance avant" }],
    codes: ["invoice_due_before_issue"],
  },
  {
    number: "F-03",
    lines: [{ title: "Conseil" }, { title: "Ligne vide", quantity: "0" }],
    codes: ["invoice_refused", "quantity_not_positive"],
  },
  { number: "F-04", lines: [{ title: "Remise en ligne", quantity: "-1" }], codes: ["quantity_not_positive"] },
  { number: "F-05", lines: [{ title: "Avoir", price: "-50,00 €" }], codes: ["unit_price_negative"] },
  { number: "F-06", lines: [{ title: "Taux inventé", rate: "33 %" }], codes: ["vat_rate_not_allowed"] },
  { number: "F-07", lines: [{ title: "Taux en fraction", rate: "0.9" }], codes: ["vat_rate_not_allowed"] },
  {
    number: "F-08",
    lines: [
      { title: "Corse", rate: "0,9 %" },
      { title: "Outre-mer", rate: "8,5 %" },
    ],
  },
  { number: "F-09", lines: [{ title: "Sans TVA", rate: "0" }] },
  { number: REFUSED, lines: [{ title: "Prestation refusée" }, { title: "Frais" }] },
];
/** The invoices Qonto accepts, in the order of the file. */
const VALID = INVOICES.filter((i) => i.codes === undefined && i.number !== REFUSED).map((i) => i.number);
/** What the emulator holds, by number (invoices are created concurrently, in no set order). */
const held = (e: RunningEmulator) =>
  e
    .invoices()
    .map((i) => i.number)
    .sort();

function fileOf(invoices: Invoice[]): string {
  const rows = invoices.flatMap((inv) =>
    inv.lines.map((l, j) => [
      inv.number,
      j === 0 ? VAT : "",
      j === 0 ? (inv.issue ?? "2026-03-01") : "",
      j === 0 ? (inv.due ?? "2026-03-31") : "",
      j === 0 ? IBAN : "",
      l.title,
      l.quantity ?? "2",
      l.price ?? "100,00",
      l.rate ?? "20 %",
    ]),
  );
  return toCsv(HEADER, rows);
}

type Row = Record<string, string>;
async function results(reportDir: string): Promise<Row[]> {
  return parseReport<Row>(await readFile(join(reportDir, "results.csv"), "utf8"), {
    bom: true,
    columns: true,
  });
}
/** Each line as [invoice number, outcome, problem codes]. */
const outcomes = (rows: Row[]) => rows.map((r) => [r.invoice_number, r.outcome, r.problem_codes]);

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe("qonto-import invoices: invoices Qonto would refuse are not sent; one it refused is not sent again", () => {
  it("refuses each rule's invoices before sending, and sends a refused invoice again only once its line changed", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qi-refusals-"));
    emulator = await startEmulator({
      seedClients: [
        {
          kind: "company",
          name: "Atelier Durand",
          vat_number: VAT,
          currency: "EUR",
          billing_address: {
            street_address: "1 rue Haute",
            city: "Lyon",
            zip_code: "69001",
            country_code: "FR",
          },
        },
      ],
      faults: {
        refuseInvoices: [{ number: REFUSED, pointer: "/items/0/title", detail: "title is not accepted" }],
      },
    });
    const e = emulator;
    const reports = join(dir, "reports");
    const run = async (file: string, extra: string[] = []) => {
      const r = await runCli(
        ["invoices", file, "--base-url", e.url, "--report-dir", reports, "--json", ...extra],
        ENV,
      );
      const summary = JSON.parse(r.stdout) as {
        report_dir: string;
        invoices: { outcomes: Record<string, number> };
      };
      return { code: r.code, stderr: r.stderr, summary, rows: await results(summary.report_dir) };
    };
    const file = join(dir, "factures.csv");
    await writeFile(file, fileOf(INVOICES));

    // A dry run with --vat-rates 33: the option is the invoices command's, and 33 % is then a rate like another.
    const dry = await run(file, ["--dry-run", "--vat-rates", "33"]);
    expect(dry.rows.filter((r) => r.invoice_number === "F-06").map((r) => r.outcome)).toEqual([
      "would_create",
    ]);
    expect(e.stats().byRoute[POST]).toBeUndefined();

    // First run: the invalid invoices are never sent; the refused one is, once, and Qonto says no.
    const first = await run(file);
    expect(first.code, first.stderr).toBe(1);
    const expected = INVOICES.flatMap((inv) =>
      inv.lines.map((_, j) => [
        inv.number,
        inv.codes !== undefined ? "invalid" : inv.number === REFUSED ? "failed" : "created",
        inv.codes?.[j] ?? (inv.number === REFUSED ? "api_rejected" : ""),
      ]),
    );
    expect(outcomes(first.rows)).toEqual(expected);
    // Every line of a refused invoice says why, with the column it comes from for our own rules.
    for (const r of first.rows.filter((x) => x.outcome !== "created")) expect(r.problems).not.toBe("");
    expect(first.rows.find((r) => r.invoice_number === "F-02")?.problems).toContain(
      "[Date échéance] due_date: the invoice is due (2026-03-14) before it is issued (2026-03-15)",
    );
    expect(first.rows.find((r) => r.invoice_number === "F-07")?.problems).toContain(
      'for 0.9 % write "0.9 %"',
    );
    expect(first.rows.find((r) => r.invoice_number === REFUSED)?.problems).toContain(
      "Qonto refused the invoice (422): /items/0/title: title is not accepted; it is not sent again until its lines change",
    );
    expect(held(e)).toEqual(VALID);
    expect(e.stats().byRoute[POST]).toBe(VALID.length + 1);
    expect(e.stats().faults.refused).toBe(1);

    // Second run, same file: nothing is sent. The refused invoice is reported with Qonto's original error.
    const second = await runCli(["invoices", file, "--base-url", e.url, "--report-dir", reports], ENV);
    expect(second.code, second.stderr).toBe(1);
    expect(e.stats().byRoute[POST]).toBe(VALID.length + 1);
    const [secondDir] = /Report: (\S+)/.exec(second.stderr)?.slice(1) ?? [];
    const secondRows = await results(secondDir!);
    expect(outcomes(secondRows.filter((r) => r.invoice_number === REFUSED))).toEqual([
      [REFUSED, "failed", "api_rejected_before"],
      [REFUSED, "failed", "api_rejected_before"],
    ]);
    expect(secondRows.find((r) => r.invoice_number === REFUSED)?.problems).toContain(
      `Qonto refused this invoice, as it is now, in an earlier run (422 on `,
    );
    expect(secondRows.find((r) => r.invoice_number === REFUSED)?.problems).toContain(
      `report ${first.summary.report_dir}): /items/0/title: title is not accepted; it is not sent again until its lines change: fix the row`,
    );
    expect(outcomes(secondRows.filter((r) => VALID.includes(r.invoice_number!))).map((o) => o[1])).toEqual(
      VALID.flatMap((n) => INVOICES.find((i) => i.number === n)!.lines.map(() => "skipped_existing")),
    );
    expect(second.stderr).toContain(
      "1 invoice(s) that Qonto refused in an earlier run, and that have not changed since, are not sent again",
    );
    expect(second.stderr).toMatch(
      /Next: fix 9 rows in .*errors\.csv.*\n\s+Qonto refused the invoices of 2 of those rows: they are not sent again until their lines change, so fix them first/,
    );

    // The errors.csv that "Next:" names, imported as it is: still nothing sent.
    const fedBack = await run(join(secondDir!, "errors.csv"));
    expect(fedBack.code).toBe(1);
    expect(fedBack.summary.invoices.outcomes).toMatchObject({ failed: 1, invalid: 6, created: 0 });
    expect(e.stats().byRoute[POST]).toBe(VALID.length + 1);

    // Its line changed: sent again, and created; the rest is as before.
    const changed = INVOICES.map((inv) =>
      inv.number === REFUSED
        ? { ...inv, lines: [{ title: "Prestation, intitulé corrigé" }, inv.lines[1]!] }
        : inv,
    );
    await writeFile(file, fileOf(changed));
    const third = await run(file);
    expect(third.code).toBe(1); // the invalid invoices are still there
    expect(outcomes(third.rows.filter((r) => r.invoice_number === REFUSED))).toEqual([
      [REFUSED, "created", ""],
      [REFUSED, "created", ""],
    ]);
    expect(e.stats().byRoute[POST]).toBe(VALID.length + 2);
    expect(held(e)).toEqual([...VALID, REFUSED]);
    expect(
      e
        .invoices()
        .find((i) => i.number === REFUSED)
        ?.items.map((i) => i.title),
    ).toEqual(["Prestation, intitulé corrigé", "Frais"]);
  }, 120_000);
});
