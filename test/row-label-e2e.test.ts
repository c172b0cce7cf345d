// Issue 20, end to end: an invalid row's VAT number and e-mail, as its mapped columns hold them, are in the name,
// VAT and e-mail columns of results.csv and report.html, so a search for the VAT number finds the row.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator, type RunningEmulator } from "../src/emulator/index.js";
import { runCli } from "./helpers/cli.js";
import { RESULTS_COLUMNS } from "../src/report/reporter.js";
import { toCsv } from "./helpers/data.js";

const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
const ENV = { QONTO_LOGIN: KEY.login, QONTO_SECRET_KEY: KEY.secretKey };

describe("an invalid row in the reports", () => {
  let dir = "";
  let emulator: RunningEmulator;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "row-label-"));
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("is named by its mapped name, VAT number and e-mail", async () => {
    const csv = toCsv(
      ["Type", "Ville", "Raison sociale", "Prénom", "Nom", "Email", "N° TVA", "Pays"],
      [
        // Refused for its country; the first two cells ("Société", "Lyon") are not its name.
        ["Société", "Lyon", "Dupont SARL", "", "", "compta@dupont.fr", " FR 47 402032452 ", "Atlantide"],
        ["Particulier", "Paris", "", "Sophie", "Martin", "sophie@exemple.fr", "", "Atlantide"],
      ],
    );
    await writeFile(join(dir, "clients.csv"), csv);
    const result = await runCli(
      [
        "clients",
        join(dir, "clients.csv"),
        "--base-url",
        emulator.url,
        "--report-dir",
        join(dir, "reports"),
        "--json",
      ],
      ENV,
    );
    expect(result.stderr).not.toContain("internal error");
    const summary = JSON.parse(result.stdout) as { report_dir: string; outcomes: Record<string, number> };
    expect(summary.outcomes["invalid"]).toBe(2);

    const results = await readFile(join(summary.report_dir, "results.csv"), "utf8");
    const delimiter = results
      .replace(/^\uFEFF/, "")
      .split("\n")[0]
      ?.includes(";")
      ? ";"
      : ",";
    // By position: the header's words may be translated (--lang), the columns' order is not.
    const [, ...records] = parse(results, { bom: true, delimiter }) as string[][];
    const at = (name: (typeof RESULTS_COLUMNS)[number]) => RESULTS_COLUMNS.indexOf(name);
    expect(records.map((r) => [r[at("name")], r[at("vat_number")], r[at("email")]])).toEqual([
      ["Dupont SARL", "FR 47 402032452", "compta@dupont.fr"],
      ["Sophie Martin", "", "sophie@exemple.fr"],
    ]);

    const html = await readFile(join(summary.report_dir, "report.html"), "utf8");
    expect(html).toContain(`<td class="text name">Dupont SARL</td><td class="text vat">FR 47 402032452</td>`);
    expect(html).toContain(`<td class="text name">Sophie Martin</td>`);
    expect(html).not.toContain("Particulier Paris");
  });
});
