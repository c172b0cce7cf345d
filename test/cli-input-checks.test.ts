// The input mistakes that cost a support call, as a user meets them through the real CLI: a header with no data
// rows, a --delimiter that leaves the header as one column, an invoices file given to `clients`.
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";

let dir: string;
const CLIENTS_HEADER = "name;email;vat_number\n";
const INVOICES_HEADER = "invoice number;client;issue date;due date;title;quantity;unit price;vat rate\n";
const INVOICE_LINE = "F-1;Acme;2024-01-05;2024-02-05;Consulting;2;150;20\n";
// Credentials and a Qonto nobody listens on: a run that tried to send anything would stop with exit 3.
const CREDENTIALS = { QONTO_LOGIN: "acme", QONTO_SECRET_KEY: "secret" };
const NOWHERE = ["--base-url", "http://127.0.0.1:9"];

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

/** The last line of stderr: the one that says why the run stopped. */
function lastLine(stderr: string): string {
  return stderr.trim().split("\n").at(-1) ?? "";
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "qonto-input-checks-"));
});

describe("a file with a header and no data rows says so and exits 1", () => {
  const cases = [
    { command: "clients", text: CLIENTS_HEADER, dryRun: true },
    { command: "clients", text: CLIENTS_HEADER, dryRun: false },
    { command: "invoices", text: INVOICES_HEADER, dryRun: true },
    { command: "invoices", text: INVOICES_HEADER, dryRun: false },
    // Blank lines and bare delimiters under the header are not rows.
    { command: "clients", text: CLIENTS_HEADER + ";;\n\n", dryRun: true },
  ];
  it.each(cases)("$command, dry run $dryRun", async ({ command, text, dryRun }) => {
    const path = await file(`header-only-${command}-${dryRun}.csv`, text);
    const reports = join(dir, `reports-${command}-${dryRun}`);
    const args = [command, path, "--report-dir", reports, ...(dryRun ? ["--dry-run"] : NOWHERE)];
    const result = await runCli(args, dryRun ? {} : CREDENTIALS);
    expect(lastLine(result.stderr)).toBe(`qonto-import: ${path} has a header but no data rows`);
    expect(result.code).toBe(1);
    // Stopped before the run: no report folder of nothing.
    await expect(readdir(reports)).rejects.toThrow();
  });

  it("an empty file is still refused as empty (exit 2)", async () => {
    const path = await file("empty.csv", "");
    const result = await runCli(["clients", path, "--dry-run"]);
    expect(lastLine(result.stderr)).toBe(`qonto-import: ${path}: the file is empty`);
    expect(result.code).toBe(2);
  });
});

describe("a --delimiter that leaves the header as one column names the delimiter the file has", () => {
  const cases = [
    { command: "clients", text: CLIENTS_HEADER + "Acme;a@acme.fr;\n", given: ",", flag: ",", looks: ";" },
    { command: "invoices", text: INVOICES_HEADER + INVOICE_LINE, given: ",", flag: ",", looks: ";" },
    { command: "clients", text: "name,email\nAcme,a@acme.fr\n", given: "tab", flag: "tab", looks: "," },
    { command: "clients", text: "name\temail\nAcme\ta@acme.fr\n", given: ";", flag: ";", looks: "tab" },
  ];
  it.each(cases)("$command --delimiter '$given' on a '$looks' file", async (c) => {
    const path = await file(
      `delimiter-${c.command}-${c.looks === "\t" ? "tab" : c.looks.charCodeAt(0)}.csv`,
      c.text,
    );
    const result = await runCli([c.command, path, "--dry-run", "--delimiter", c.given]);
    expect(lastLine(result.stderr)).toBe(
      `qonto-import: ${path}: with --delimiter '${c.flag}' the header is one column; the file looks '${c.looks}'-delimited: try --delimiter '${c.looks}' or leave it out`,
    );
    expect(result.code).toBe(2);
  });

  it("a file of one column read with its own delimiter is imported, not refused", async () => {
    const path = await file("one-column.csv", "name\nAcme\n");
    const result = await runCli(["clients", path, "--dry-run", "--delimiter", ",", "--report-dir", dir]);
    expect(result.stderr).not.toMatch(/header is one column/);
    expect(result.code).toBe(0);
  });
});

describe("clients given an invoices file stops before anything is sent and names the invoices command", () => {
  it.each([
    { name: "made up", text: INVOICES_HEADER + INVOICE_LINE },
    {
      name: "French export",
      text: "N° facture;Client;Date facture;Échéance;Désignation;Qté;PU HT;TVA\nF-1;Acme;05/01/2024;05/02/2024;Conseil;2;150;20\n",
    },
  ])("$name", async ({ name, text }) => {
    const path = await file(`invoices-${name.replace(/ /g, "-")}.csv`, text);
    const reports = join(dir, `reports-wrong-${name.replace(/ /g, "-")}`);
    const result = await runCli(["clients", path, "--report-dir", reports, ...NOWHERE], CREDENTIALS);
    const line = lastLine(result.stderr);
    expect(line).toMatch(new RegExp(`^qonto-import: ${path} looks like an invoices file \\(columns .+\\)`));
    expect(line).toMatch(new RegExp(`run qonto-import invoices ${path}$`));
    expect(result.code).toBe(2);
    await expect(readdir(reports)).rejects.toThrow();
  });

  it.each([
    // VAT and a date are clients' columns too; an address makes it a clients file whatever else it has.
    { name: "vat-and-date", text: "Number;Name;VAT;Date\n12;Acme;FR40303265045;2024-01-05\n" },
    {
      name: "with-address",
      text: "Invoice;Name;Address;City;Price;Quantity\n1;Acme;1 rue Oberkampf;Paris;10;1\n",
    },
  ])("a clients file is not taken for one: $name", async ({ name, text }) => {
    const path = await file(`clients-${name}.csv`, text);
    const result = await runCli(["clients", path, "--dry-run", "--report-dir", dir]);
    expect(result.stderr).not.toMatch(/looks like an invoices file/);
  });
});
