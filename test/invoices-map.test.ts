// `invoices --map`: a file whose column names no alias knows is imported through a mapping file, as clients are.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";

let dir: string;
let invoices: string;
const MAPPING = {
  columns: {
    Doc: "number",
    Who: "client_name",
    Emitted: "issue_date",
    Payable: "due_date",
    What: "title",
    Qty: "quantity",
    Each: "unit_price",
    Rate: "vat_rate",
  },
  ignore: ["Notes"],
};

async function write(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "qonto-invoices-map-"));
  invoices = await write(
    "odd-names.csv",
    "Doc;Who;Emitted;Payable;What;Qty;Each;Rate;Notes\nF-1;Acme;2024-01-05;2024-02-05;Consulting;2;150;20;call back\nF-1;Acme;2024-01-05;2024-02-05;Travel;1;80;20;\n",
  );
});

describe("invoices --map", () => {
  it("maps columns no alias knows: the file's one invoice is planned", async () => {
    const map = await write("mapping.json", JSON.stringify(MAPPING));
    const result = await runCli(["invoices", invoices, "--map", map, "--dry-run", "--report-dir", dir]);
    expect(result.stderr).not.toMatch(/no column for/);
    expect(result.stderr).toMatch(/Invoices: 1\b/);
    // Ignored by the mapping file, so not reported as a column no field matched.
    expect(result.stderr).not.toMatch(/Columns not imported.*Notes/);
  });

  it.each([
    {
      name: "a column the file does not have",
      mapping: { columns: { ...MAPPING.columns, Dco: "number" } },
      line: /mapping-bad\.json: names columns that .*odd-names\.csv does not have: "Dco"/,
    },
    {
      name: "an unknown invoice field",
      mapping: { columns: { Doc: "invoice_no" } },
      line: /mapping-bad\.json: columns\.Doc: unknown invoice field; fields are: .*number.*unit_price/,
    },
    {
      name: "a clients-only key",
      mapping: { columns: {}, constants: { currency: "EUR" } },
      line: /unknown key\(s\) "constants"; an invoices mapping file takes "columns" and "ignore"/,
    },
  ])("refuses a mapping file with $name, in one line (exit 2)", async ({ mapping, line }) => {
    const map = await write("mapping-bad.json", JSON.stringify(mapping));
    const result = await runCli(["invoices", invoices, "--map", map, "--dry-run", "--report-dir", dir]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n").at(-1)).toMatch(line);
  });

  it("is in the help, so a mistyped --map is suggested", async () => {
    const help = await runCli(["invoices", "--help"]);
    expect(help.stdout).toMatch(/^\s+--map <mapping\.json>/m);
    const typo = await runCli(["invoices", invoices, "--mpa", "x.json"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/'--mpa': did you mean --map\?/);
  });
});
