import { mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator } from "../src/emulator/index.js";
import { runCli } from "./helpers/cli.js";

const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
const ENV = { QONTO_LOGIN: KEY.login, QONTO_SECRET_KEY: KEY.secretKey };

interface Summary {
  report_dir: string;
  outcomes: Record<string, number>;
}

describe("errors.csv: the rows not imported, to fix and feed back", () => {
  it("keeps the original columns, neutralizes formulas, and after one fix imports only that row", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-err-"));
    const input = [
      "Raison sociale;Email;Téléphone;Notes",
      "Dupont SA;contact@dupont.fr;+33 1 42 68 53 00;client depuis 2019",
      'Martin SARL;martin@@exemple;+33 1 42 68 53 01;=HYPERLINK("http://x")',
      "=cmd|' /C calc'!A0;pas-un-email;-12;",
      "",
    ].join("\n");
    await writeFile(join(dir, "clients.csv"), input);
    const emulator = await startEmulator();
    try {
      const args = ["--base-url", emulator.url, "--report-dir", join(dir, "reports"), "--json"];
      const first = await runCli(["clients", join(dir, "clients.csv"), ...args], ENV);
      const summary = JSON.parse(first.stdout) as Summary;
      expect(summary.outcomes).toMatchObject({ created: 1, invalid: 2 });
      const errorsFile = join(summary.report_dir, "errors.csv");
      expect((await stat(errorsFile)).mode & 0o777).toBe(0o600);
      const text = await readFile(errorsFile, "utf8");
      expect(text.startsWith("\uFEFF")).toBe(true);
      const lines = text
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\n");
      // The input's columns and delimiter, then the row's line in the input, then the reason; only the two rows not
      // imported.
      expect(lines[0]).toBe("Raison sociale;Email;Téléphone;Notes;source_line;qonto_import_error");
      expect(lines).toHaveLength(3);
      expect(lines[1]).toMatch(
        /^Martin SARL;martin@@exemple;'\+33 1 42 68 53 01;"'=HYPERLINK\(""http:\/\/x""\)";3;"email_invalid: \[Email\]/,
      );
      // Every cell Excel would run as a formula starts with a quote.
      expect(lines[2]).toMatch(/^'=cmd\|' \/C calc'!A0;pas-un-email;'-12;;4;"email_invalid/);

      // Fix the e-mail of the first rejected row and feed the file back: only that row is sent.
      await writeFile(join(dir, "fixed.csv"), text.replace("martin@@exemple", "martin@exemple.fr"));
      const second = await runCli(["clients", join(dir, "fixed.csv"), ...args], ENV);
      const again = JSON.parse(second.stdout) as Summary;
      expect(again.outcomes).toMatchObject({ created: 1, invalid: 1, skipped_existing: 0 });
      expect(second.stderr).not.toContain("qonto_import_error"); // our column is not "not imported" noise
      const clients = emulator.clients();
      expect(clients.map((c) => c.name).sort()).toEqual(["Dupont SA", "Martin SARL"]);
      // The neutralizing quote is gone again: the phone is the one the user wrote.
      expect(clients.find((c) => c.name === "Martin SARL")?.phone).toEqual({
        country_code: "+33",
        number: "142685301",
      });
      const reports = await readdir(join(dir, "reports"));
      expect(reports).toHaveLength(2);
      // The row still to fix is on line 3 of fixed.csv, and still says line 4: where it is in clients.csv.
      const left = (await readFile(join(again.report_dir, "errors.csv"), "utf8"))
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\n");
      expect(left[0]).toBe("Raison sociale;Email;Téléphone;Notes;source_line;qonto_import_error");
      expect(left.slice(1)).toEqual([
        expect.stringMatching(/^'=cmd\|' \/C calc'!A0;pas-un-email;'-12;;4;"email_invalid/),
      ]);
      // And no CSV input gets a workbook.
      expect(await readdir(again.report_dir)).not.toContain("errors.xlsx");
    } finally {
      await emulator.close();
    }
  });
});
