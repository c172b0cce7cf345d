// `inspect` on an invoices file shows the invoice mapping (detected, or with --invoices), not the clients one.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { InvoiceInspectResult } from "../src/invoices/inspect.js";
import type { InspectResult } from "../src/clients/inspect.js";
import { ROOT, runCli } from "./helpers/cli.js";

const SAMPLE = join(ROOT, "samples/invoices.csv");
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "qonto-inspect-invoices-"));
});

describe("inspect on an invoices file", () => {
  it.each([
    { name: "detected from its columns", args: [] as string[], detected: true },
    { name: "with --invoices", args: ["--invoices"], detected: false },
  ])("$name: the invoice mapping, the columns left out, the first lines", async ({ args, detected }) => {
    const result = await runCli(["inspect", SAMPLE, "--json", "--rows", "2", ...args]);
    expect(result.code).toBe(0);
    const inspected = JSON.parse(result.stdout) as InvoiceInspectResult;
    expect(inspected.kind).toBe("invoices");
    expect(inspected.columns).toContainEqual({ column: "N° facture", field: "number", ignored: false });
    expect(inspected.columns).toContainEqual({ column: "PU HT", field: "unit_price", ignored: false });
    expect(inspected.columns).toContainEqual({ column: "Échéance", field: "due_date", ignored: false });
    expect(inspected.columns).toContainEqual({ column: "Total HT", field: null, ignored: false });
    expect(inspected.missing).toEqual([]);
    expect(inspected.rows[0]).toMatchObject({ line: 2, values: { number: "FA-2025-0101", quantity: "1" } });
    expect(inspected.detectedFrom !== undefined).toBe(detected);
  });

  it("says in its text which field each column feeds and which columns are left out", async () => {
    const result = await runCli(["inspect", SAMPLE]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Read as: invoices/m);
    expect(result.stdout).toMatch(/^ {2}PU HT +-> unit_price$/m);
    expect(result.stdout).toMatch(/^ {2}Total HT +\(not imported: no matching invoice field\)$/m);
    expect(result.stdout).toMatch(/Missing: nothing; invoices can be built/);
    // Not the clients view: no "name" missing, no client payloads.
    expect(result.stdout).not.toMatch(/client's name|as Qonto would receive them/);
  });

  it("--invoices --map takes an invoices mapping file, and says what is still missing", async () => {
    const file = join(dir, "odd.csv");
    await writeFile(file, "Doc;Qty;Each;Notes\nF-1;2;150;x\n");
    const map = join(dir, "map.json");
    await writeFile(
      map,
      JSON.stringify({ columns: { Doc: "number", Each: "unit_price" }, ignore: ["Notes"] }),
    );
    const result = await runCli(["inspect", file, "--invoices", "--map", map, "--json"]);
    expect(result.code).toBe(0);
    const inspected = JSON.parse(result.stdout) as InvoiceInspectResult;
    expect(inspected.columns).toContainEqual({ column: "Doc", field: "number", ignored: false });
    expect(inspected.columns).toContainEqual({ column: "Notes", field: null, ignored: true });
    expect(inspected.missing).toContain("no column for issue date");
  });

  it("a clients file is still shown as clients", async () => {
    const result = await runCli(["inspect", join(ROOT, "samples/clients.csv"), "--json", "--rows", "1"]);
    expect(result.code).toBe(0);
    const inspected = JSON.parse(result.stdout) as InspectResult & { kind?: string };
    expect(inspected.kind).toBeUndefined();
    expect(inspected.columns).toContainEqual({ column: "Raison sociale", field: "name", ignored: false });
  });
});
