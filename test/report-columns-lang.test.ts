import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator } from "../src/emulator/index.js";
import { ERROR_COLUMN_TITLES, RESULT_COLUMN_TITLES } from "../src/i18n/columns.js";
import { LANGS } from "../src/i18n/lang.js";
import type { SourceRow } from "../src/parse/source-row.js";
import { fedBackTable } from "../src/report/feed-back.js";
import { RESULTS_COLUMNS } from "../src/report/reporter.js";
import { runCli } from "./helpers/cli.js";

const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
const ENV = { QONTO_LOGIN: KEY.login, QONTO_SECRET_KEY: KEY.secretKey };

interface Summary {
  report_dir: string;
  outcomes: Record<string, number>;
}

const headerOf = (text: string) =>
  text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)[0]!
    .split(";");

describe("report columns in the run's language", () => {
  it("errors.csv titles our columns in French, results.csv keeps its keys, and a German run takes the file back", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-cols-"));
    const input = [
      "Raison sociale;Email",
      "Dupont SA;contact@dupont.fr",
      "Martin SARL;martin@@exemple",
      "Durand SAS;pas-un-email",
      "",
    ].join("\n");
    await writeFile(join(dir, "clients.csv"), input);
    const emulator = await startEmulator();
    try {
      const args = ["--base-url", emulator.url, "--report-dir", join(dir, "reports"), "--json"];
      const first = await runCli(["clients", join(dir, "clients.csv"), ...args, "--lang", "fr"], ENV);
      const summary = JSON.parse(first.stdout) as Summary;
      expect(summary.outcomes).toMatchObject({ created: 1, invalid: 2 });
      const errors = await readFile(join(summary.report_dir, "errors.csv"), "utf8");
      // The user's columns as they were, then ours in French.
      expect(headerOf(errors)).toEqual(["Raison sociale", "Email", "ligne_source", "erreur_import_qonto"]);
      // results.csv is for scripts: its keys stay English.
      const results = await readFile(join(summary.report_dir, "results.csv"), "utf8");
      expect(headerOf(results)).toEqual([...RESULTS_COLUMNS]);

      // A colleague in German fixes one row and feeds the French file back.
      await writeFile(join(dir, "fixed.csv"), errors.replace("martin@@exemple", "martin@exemple.fr"));
      const second = await runCli(["clients", join(dir, "fixed.csv"), ...args, "--lang", "de"], ENV);
      expect(second.code, second.stderr).toBe(1);
      const again = JSON.parse(second.stdout) as Summary;
      expect(again.outcomes).toMatchObject({ created: 1, invalid: 1, skipped_existing: 0 });
      // Our French columns are neither imported, nor said to be "not imported".
      expect(second.stderr).not.toContain("ligne_source");
      expect(second.stderr).not.toContain("erreur_import_qonto");
      expect(JSON.stringify(emulator.clients())).not.toContain("ligne_source");
      expect(emulator.clients().map((c) => c.name)).toContain("Martin SARL");
      // The row still to fix now has German titles, and still points at its line in clients.csv.
      const left: unknown = parse(await readFile(join(again.report_dir, "errors.csv")), {
        bom: true,
        columns: true,
        delimiter: ";",
      });
      expect(left).toEqual([
        {
          "Raison sociale": "Durand SAS",
          Email: "pas-un-email",
          Quellzeile: "4",
          "Qonto-Importfehler": expect.stringMatching(/^email_invalid/),
        },
      ]);
    } finally {
      await emulator.close();
    }
  });

  it("an XLSX input in German: results.xlsx and errors.xlsx titled in German", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-colx-"));
    const input = join(dir, "clients.xlsx");
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Kunden");
    sheet.addRow(["Firma", "Email"]);
    sheet.addRow(["Müller GmbH", "info@mueller.de"]);
    sheet.addRow(["Schmidt AG", "schmidt@@beispiel"]);
    await book.xlsx.writeFile(input);
    const emulator = await startEmulator();
    try {
      const args = ["--base-url", emulator.url, "--report-dir", join(dir, "reports"), "--json"];
      const run = await runCli(["clients", input, ...args, "--lang", "de"], ENV);
      const summary = JSON.parse(run.stdout) as Summary;
      expect(summary.outcomes).toMatchObject({ created: 1, invalid: 1 });
      const headerRow = async (name: string) => {
        const read = new ExcelJS.Workbook();
        await read.xlsx.readFile(join(summary.report_dir, name));
        return (read.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
      };
      expect(await headerRow("results.xlsx")).toEqual(RESULTS_COLUMNS.map((c) => RESULT_COLUMN_TITLES.de[c]));
      expect((await headerRow("results.xlsx")).slice(0, 3)).toEqual(["Datensatz", "Zeile", "Ergebnis"]);
      expect(await headerRow("errors.xlsx")).toEqual(["Firma", "Email", "Quellzeile", "Qonto-Importfehler"]);
    } finally {
      await emulator.close();
    }
  });
});

describe("our columns' titles, language by language", () => {
  it.each(LANGS)(
    "%s: titles set, distinct, and an errors file with them is recognised when fed back",
    async (lang) => {
      const { sourceLine, error } = ERROR_COLUMN_TITLES[lang];
      for (const title of [sourceLine, error]) expect(title).toMatch(/^\S+$/);
      expect(sourceLine).not.toBe(error);
      const results = Object.values(RESULT_COLUMN_TITLES[lang]);
      for (const title of results) expect(title).toMatch(/^\S+$/);
      expect(new Set(results).size).toBe(results.length);

      async function* rows(): AsyncGenerator<SourceRow> {
        yield {
          file: "f",
          recordNo: 1,
          line: 2,
          fields: { Nom: "x", [sourceLine]: "7", [error]: "e" },
          problems: [],
        };
      }
      for (const format of ["csv", "xlsx"] as const) {
        const table = fedBackTable({
          header: { file: "f", format, line: 1, columns: ["Nom", sourceLine, error] },
          rows: rows(),
          recordCount: () => 1,
        });
        // Fed back: the source line is not a column to map (the import leaves the error column out itself).
        expect(table.header.columns).toEqual(["Nom", error]);
      }
    },
  );

  it("every language's titles differ from every other's, so no two languages' columns are confused", () => {
    const all = LANGS.flatMap((l) => [ERROR_COLUMN_TITLES[l].sourceLine, ERROR_COLUMN_TITLES[l].error]);
    expect(new Set(all).size).toBe(all.length);
  });
});
