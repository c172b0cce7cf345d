import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { readClientsReport } from "../src/invoices/clients-report.js";
import type { ClientRef } from "../src/invoices/normalize.js";
import { ClientResolver, type KnownClient } from "../src/invoices/resolve.js";
import { RESULTS_COLUMNS } from "../src/report/reporter.js";

const existing: (KnownClient & { id: string })[] = [
  { id: "acme", name: "Acme SAS", vat_number: "FR32123456789", email: "compta@acme.fr" },
  { id: "acme-old", name: "Acme", vat_number: "FR00999999999" },
  { id: "bolt", name: "Bolt", email: "hello@bolt.io" },
  { id: "twin-1", name: "Homonyme" },
  { id: "twin-2", name: "Homonyme" },
  { id: "it", name: "Dolce Vita", tax_identification_number: "RSSMRA85T10A562S" },
  { id: "no-vat", name: "Sans TVA", email: "contact@sanstva.fr" },
];

describe("client resolution for invoices", () => {
  const resolver = new ClientResolver();
  for (const c of existing) resolver.addExisting(c);
  resolver.addPending({ name: "Futur Client", vat_number: "FR44555666777" });

  const cases: { name: string; ref: ClientRef; want: string }[] = [
    { name: "VAT number, spaced and lower case", ref: { vat_number: "fr 32 123 456 789" }, want: "acme" },
    { name: "e-mail, any case", ref: { email: "HELLO@bolt.io" }, want: "bolt" },
    { name: "tax id", ref: { tax_identification_number: "RSSMRA85T10A562S" }, want: "it" },
    { name: "name, case- and accent-blind", ref: { name: "dolce  VITA" }, want: "it" },
    {
      name: "VAT first: decides over a name that fits another client",
      ref: { vat_number: "FR32123456789", name: "Bolt" },
      want: "acme",
    },
    {
      name: "unknown VAT hands over to the e-mail",
      ref: { vat_number: "FR11111111111", email: "contact@sanstva.fr" },
      want: "no-vat",
    },
    {
      name: "a name whose client has another VAT number is not taken",
      ref: { vat_number: "FR11111111111", name: "Acme" },
      want: "invoice_client_unresolved",
    },
    { name: "nothing matches", ref: { email: "nobody@nowhere.fr" }, want: "invoice_client_unresolved" },
    { name: "two clients share the name", ref: { name: "Homonyme" }, want: "invoice_client_ambiguous" },
    { name: "a clients dry run's client is pending", ref: { vat_number: "FR44555666777" }, want: "pending" },
  ];
  it.each(cases)("$name", ({ ref, want }) => {
    const r = resolver.resolve(ref);
    const got = r.ok ? (r.pending ? "pending" : r.client.id) : r.code;
    expect(got).toBe(want);
  });

  it("says what it tried, and names the clients of an ambiguous reference", () => {
    const none = resolver.resolve({ vat_number: "FR11111111111", email: "x@y.fr" });
    expect(none.ok ? "" : none.message).toBe(
      'no Qonto client has the VAT number "FR11111111111", or the e-mail "x@y.fr"',
    );
    const twins = resolver.resolve({ name: "Homonyme" });
    expect(twins.ok ? "" : twins.message).toContain("twin-1");
    expect(twins.ok ? "" : twins.message).toContain("twin-2");
  });

  it("a client listed by Qonto and given by a clients report is one client, not an ambiguity", () => {
    const r = new ClientResolver();
    r.addExisting({ id: "a", name: "Acme" });
    r.addExisting({ id: "a", name: "Acme" });
    expect(r.resolve({ name: "acme" })).toMatchObject({ ok: true, client: { id: "a" } });
  });
});

describe("--clients-report", () => {
  it("reads the clients a clients run accounted for: ids for those in Qonto, pending for a dry run's creates", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qi-clients-report-"));
    const row = (outcome: string, id: string, name: string, vat: string, email: string) => {
      const cells: Record<string, string> = { outcome, qonto_client_id: id, name, vat_number: vat, email };
      return RESULTS_COLUMNS.map((c) => cells[c] ?? "");
    };
    await writeFile(
      join(dir, "results.csv"),
      stringify(
        [
          [...RESULTS_COLUMNS],
          row("created", "id-1", "Acme", "FR32123456789", ""),
          row("skipped_existing", "id-2", "Bolt", "", "hello@bolt.io"),
          row("would_create", "", "Futur", "", "'=futur@x.fr"),
          row("invalid", "", "Broken", "", ""),
        ],
        { bom: true },
      ),
    );
    const report = await readClientsReport(dir);
    expect(report.existing).toEqual([
      { id: "id-1", name: "Acme", vat_number: "FR32123456789" },
      { id: "id-2", name: "Bolt", email: "hello@bolt.io" },
    ]);
    // The reporter's formula guard (a leading quote) is taken off again.
    expect(report.pending).toEqual([{ name: "Futur", email: "=futur@x.fr" }]);
  });

  it("refuses a folder that is not a clients run's report, naming it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qi-clients-report-"));
    await expect(readClientsReport(dir)).rejects.toThrow(`--clients-report ${dir}: no results.csv there`);
    await writeFile(join(dir, "results.csv"), "record,line,outcome,invoice_number\n1,2,created,F-1\n");
    await expect(readClientsReport(dir)).rejects.toThrow("is not a clients import's");
  });
});
