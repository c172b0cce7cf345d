import { existsSync } from "node:fs";
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { invoiceRowRoles, matchInvoiceHeader } from "../src/invoices/aliases.js";
import { matchHeader } from "../src/map/header.js";
import { clientRowRoles } from "../src/map/summary-rows.js";
import { openTable } from "../src/parse/open.js";
import { ignoredRow } from "../src/dedupe/ignored.js";
import { ROOT } from "./helpers/cli.js";
import { frVat, siren, toCsv } from "./helpers/data.js";
import { dryRunResults } from "./helpers/samples.js";
import { buildWorkbook, inlineCells, sheetXml } from "./fixtures/xlsx/build-zip.js";

// Totals lines and repeated headers in whole files, as a dry run reports them: each language's export as CSV and
// as XLSX (where the total is a formula, read as its cached result), then files other programs wrote.

interface Export {
  header: string[];
  /** Rows in file order, each with the outcome and code its record must get. */
  rows: { cells: string[]; outcome: "would_create" | "ignored"; code?: string }[];
}

const client = (cells: string[]) => ({ cells, outcome: "would_create" as const });
const total = (cells: string[]) => ({ cells, outcome: "ignored" as const, code: "summary_row" });

/** A page break: the header printed again. */
function header(cells: string[]) {
  return { cells, outcome: "ignored" as const, code: "repeated_header" };
}

// Each export has a client whose name starts like a total, with its address and an e-mail or VAT number.
const EXPORTS: Record<string, Export> = {
  fr: (() => {
    const h = [
      "Code client",
      "Raison sociale",
      "N° TVA",
      "E-mail",
      "Adresse",
      "Code postal",
      "Ville",
      "Pays",
      "CA",
    ];
    return {
      header: h,
      rows: [
        client([
          "C1",
          "Total Énergies Services",
          frVat(siren(11)),
          "",
          "2 place Jean Millier",
          "92400",
          "Courbevoie",
          "France",
          "980 000,00",
        ]),
        client([
          "C2",
          "Totalgaz",
          "",
          "contact@totalgaz.fr",
          "1 rue de Lyon",
          "75012",
          "Paris",
          "France",
          "1 000,00",
        ]),
        total(["", "Sous-total Paris", "", "", "", "", "", "", "981 000,00"]),
        header(h),
        client([
          "C3",
          "Dupont SARL",
          "",
          "compta@dupont.fr",
          "3 quai Perrache",
          "69002",
          "Lyon",
          "France",
          "98 629,88",
        ]),
        total(["", "TOTAL GÉNÉRAL (3 clients)", "", "", "", "", "", "", "1 079 629,88"]),
      ],
    };
  })(),
  en: (() => {
    const h = ["Customer code", "Company name", "Email", "Address", "Zip code", "City", "Country", "Revenue"];
    return {
      header: h,
      rows: [
        client([
          "A1",
          "Total SA",
          "ap@total.example",
          "1 High Street",
          "EC1A 1BB",
          "London",
          "United Kingdom",
          "1,200.00",
        ]),
        total(["", "Subtotal", "", "", "", "", "", "1,200.00"]),
        header(h),
        client([
          "A2",
          "Grand Total Ltd",
          "hello@grandtotal.example",
          "2 Low Street",
          "M1 1AE",
          "Manchester",
          "United Kingdom",
          "300.00",
        ]),
        client([
          "A3",
          "Acme Ltd",
          "ap@acme.example",
          "3 Main Road",
          "B1 1AA",
          "Birmingham",
          "United Kingdom",
          "50.00",
        ]),
        total(["Grand total", "", "", "", "", "", "", "1,550.00"]),
      ],
    };
  })(),
  it: (() => {
    const h = [
      "Codice cliente",
      "Ragione sociale",
      "Email",
      "Indirizzo",
      "CAP",
      "Città",
      "Paese",
      "Fatturato",
    ];
    return {
      header: h,
      rows: [
        client([
          "I1",
          "Summa Consulting",
          "info@summa.it",
          "Via Roma 1",
          "20121",
          "Milano",
          "Italia",
          "1.000,00",
        ]),
        client([
          "I2",
          "Totale Servizi Srl",
          "amministrazione@totaleservizi.it",
          "Via Po 2",
          "10123",
          "Torino",
          "Italia",
          "2.000,00",
        ]),
        total(["", "Subtotale Nord", "", "", "", "", "", "3.000,00"]),
        header(h),
        client([
          "I3",
          "Rossi SpA",
          "fatture@rossi.it",
          "Via Toledo 3",
          "80134",
          "Napoli",
          "Italia",
          "500,00",
        ]),
        total(["", "Totale generale", "", "", "", "", "", "3.500,00"]),
      ],
    };
  })(),
  de: (() => {
    const h = ["Kundennummer", "Firmenname", "E-Mail", "Straße", "PLZ", "Ort", "Land", "Umsatz"];
    return {
      header: h,
      rows: [
        client([
          "D1",
          "Summe & Partner GmbH",
          "buchhaltung@summe-partner.de",
          "Hauptstraße 1",
          "10115",
          "Berlin",
          "Deutschland",
          "1.000,00",
        ]),
        total(["", "Zwischensumme Berlin", "", "", "", "", "", "1.000,00"]),
        header(h),
        client([
          "D2",
          "Gesamtschule Nord e.V.",
          "verwaltung@gesamtschule.de",
          "Schulweg 2",
          "20095",
          "Hamburg",
          "Deutschland",
          "250,00",
        ]),
        total(["", "Zwischensumme Hamburg", "", "", "", "", "", "250,00"]),
        total(["Gesamtsumme", "", "", "", "", "", "", "1.250,00"]),
      ],
    };
  })(),
  es: (() => {
    const h = [
      "Código cliente",
      "Razón social",
      "Correo electrónico",
      "Dirección",
      "Código postal",
      "Ciudad",
      "País",
      "Facturación",
    ];
    return {
      header: h,
      rows: [
        client([
          "E1",
          "Totalmente Hogar SL",
          "admin@totalmente.es",
          "Calle Mayor 1",
          "28013",
          "Madrid",
          "España",
          "1.000,00",
        ]),
        total(["", "Subtotal Madrid", "", "", "", "", "", "1.000,00"]),
        header(h),
        client(["E2", "Total", "cuentas@total.es", "Gran Vía 2", "08007", "Barcelona", "España", "700,00"]),
        total(["", "Total general", "", "", "", "", "", "1.700,00"]),
      ],
    };
  })(),
};

/**
 * The XLSX of an export: the amounts as numbers, each total a SUM formula with its cached result (as Excel and
 * LibreOffice save it), or without one (as a library that does not calculate, such as openpyxl, writes it).
 */
function xlsxOf(data: Export, cached: boolean): Buffer {
  const amount = (text: string) =>
    Number(
      text
        .replace(/[^\d,.]/g, "")
        .replace(/[.,](?=\d{3}\b)/g, "")
        .replace(",", "."),
    );
  const last = data.header.length;
  const column = String.fromCharCode(64 + last);
  const rows = [inlineCells(data.header)];
  data.rows.forEach(({ cells, code }, i) => {
    const text = cells.slice(0, -1);
    const value = cells.at(-1) ?? "";
    if (code === "summary_row")
      rows.push(
        `${inlineCells(text)}<c><f>SUM(${column}2:${column}${i + 1})</f>${cached ? `<v>${amount(value)}</v>` : ""}</c>`,
      );
    else if (code === "repeated_header") rows.push(inlineCells(cells));
    else rows.push(`${inlineCells(text)}<c><v>${amount(value)}</v></c>`);
  });
  return buildWorkbook({ sheets: [{ name: "Clients", xml: sheetXml(rows) }] });
}

describe("a clients export with totals lines and repeated headers, dry run", () => {
  type Format = "csv" | "xlsx" | "xlsx without formula results";
  const cases: { lang: string; format: Format; data: Export }[] = [
    ...Object.entries(EXPORTS).flatMap(([lang, data]) =>
      (["csv", "xlsx"] as const).map((format) => ({ lang, format, data })),
    ),
    { lang: "fr", format: "xlsx without formula results", data: EXPORTS.fr! },
  ];
  it.each(cases)(
    "$lang, $format: the totals and headers are ignored, every client would be created",
    async ({ lang, format, data }) => {
      const dir = await mkdtemp(join(tmpdir(), "qi-summary-"));
      const file = join(dir, `clients-${lang}.${format === "csv" ? "csv" : "xlsx"}`);
      const csv = () =>
        toCsv(
          data.header,
          data.rows.map((r) => r.cells),
        );
      await writeFile(file, format === "csv" ? csv() : xlsxOf(data, format === "xlsx"));
      const { code, rows } = await dryRunResults(file, ["--org-country", lang === "it" ? "IT" : "FR"]);
      const ours = (codes = "") =>
        codes
          .split(" ")
          .filter((c) => c === "summary_row" || c === "repeated_header")
          .join(" ");
      expect(rows.map((r) => [r.record, r.outcome, ours(r.problem_codes)])).toEqual(
        data.rows.map((r, i) => [String(i + 1), r.outcome, r.code ?? ""]),
      );
      // The rows that are totals carry nothing but the reason they are ignored (no formula_without_value).
      for (const r of rows.filter((x) => x.outcome === "ignored"))
        expect(r.problem_codes).toMatch(/^(summary_row|repeated_header)$/);
      // Nothing to fix: ignored rows do not make the exit code 1.
      expect(code).toBe(0);
    },
  );
});

// Files written by other programs (see ../shared/realworld-corpus/SOURCES.md). Not client lists, but what a
// reader meets: their data rows must never be taken for totals, and their real totals lines should be.
const CORPUS = resolve(ROOT, "../shared/realworld-corpus/files");
const corpus = existsSync(CORPUS) ? describe : describe.skip;
if (!existsSync(CORPUS)) console.warn(`skipping the real-world corpus tests: ${CORPUS} is absent`);

corpus("real-world files", () => {
  it("of the 80 files, only the two real totals lines are ignored", async () => {
    const found: string[] = [];
    let read = 0;
    for (const name of (await readdir(CORPUS)).sort()) {
      let table;
      try {
        table = await openTable(join(CORPUS, name), {});
      } catch {
        continue; // refused (.xls, .ods, encrypted, no header): another test's business
      }
      const columns = table.header.columns;
      const roles = [
        clientRowRoles(columns, matchHeader(columns).mapping),
        invoiceRowRoles(columns, matchInvoiceHeader(columns).mapping),
      ];
      try {
        for await (const row of table.rows) {
          read += 1;
          for (const r of roles) {
            const why = ignoredRow(row, r)?.problems[0]?.code;
            if (why !== undefined) found.push(`${name} ${row.recordNo} ${r.record} ${why}`);
          }
        }
      } catch {
        // a file that breaks part-way: its rows read so far were checked
      }
    }
    expect(read).toBeGreaterThan(15_000);
    // The only rows taken for totals are the two real ones, found without a mapping file now that their tables'
    // headers are found under the title lines. frictionless' multiline-headers.xlsx spreads its header over rows
    // 1-5 with merges: those rows are its header, not records that repeat it.
    expect(found).toEqual([
      "frictionless--skip-rows.xlsx 2 client summary_row",
      "frictionless--skip-rows.xlsx 2 invoice line summary_row",
      "messytables--excel_pasting.csv 14 client summary_row",
      "messytables--excel_pasting.csv 14 invoice line summary_row",
    ]);
  });

  it.each([
    {
      file: "messytables--excel_pasting.csv",
      // A UK statistics table: its header row names the sectors column "Year", then the years.
      map: { columns: { Year: "name", "2000": null } },
      ignored: { record: "14", line: "21", name: "Total" },
      rows: 16,
    },
    {
      file: "frictionless--skip-rows.xlsx",
      // A title merged above the header "A, B", one row, and "TOTAL" in column B.
      map: { columns: { A: "name", B: null } },
      ignored: { record: "2", line: "4", name: "TOTAL" },
      rows: 2,
    },
  ])(
    "$file: its totals line is ignored, its other rows are not",
    async ({ file, map, ignored, rows: count }) => {
      const dir = await mkdtemp(join(tmpdir(), "qi-corpus-"));
      await writeFile(join(dir, "map.json"), JSON.stringify(map));
      const { code, rows } = await dryRunResults(join(CORPUS, file), ["--map", join(dir, "map.json")]);
      expect(code).toBe(0);
      expect(rows).toHaveLength(count);
      expect(rows.filter((r) => r.outcome === "ignored")).toEqual([
        expect.objectContaining({ ...ignored, problem_codes: "summary_row" }),
      ]);
      expect(rows.filter((r) => r.outcome !== "ignored").every((r) => r.outcome === "would_create")).toBe(
        true,
      );
    },
  );
});
