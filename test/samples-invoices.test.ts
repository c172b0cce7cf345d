import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { clientKeys, displayName, type KeySource } from "../src/dedupe/keys.js";
import { matchInvoiceHeader } from "../src/invoices/aliases.js";
import { groupInvoiceRows, type InvoiceGroup } from "../src/invoices/group.js";
import { detectInvoiceDateFormat, normalizeInvoice, type ClientRef } from "../src/invoices/normalize.js";
import { foldHeader } from "../src/map/aliases.js";
import { matchHeader } from "../src/map/header.js";
import { openTable } from "../src/parse/open.js";
import type { SourceRow } from "../src/parse/source-row.js";
import { normalizeRow } from "../src/validate/normalize.js";
import { ROOT } from "./helpers/cli.js";

// samples/invoices.csv (written by scripts/generate-samples.mjs, whose comments say which invoice is wrong on purpose
// and why): a French invoicing package's export of client invoices, Windows-1252, ";", one row per invoice line.
// Pure: the file goes through the importer's reader and invoice core (openTable, matchInvoiceHeader,
// groupInvoiceRows, detectInvoiceDateFormat, normalizeInvoice for a French organization), no CLI, no network. The
// clients it names are checked against the clients `npm run demo` leaves: samples/existing-clients.json (the
// emulator's seed) and the rows of samples/clients.csv the import accepts.
const FILE = join(ROOT, "samples/invoices.csv");
const IBAN = "FR7630006000011234567890189";

type RefKey = keyof ClientRef;
interface Expected {
  number: string;
  records: number[];
  /** The key that finds the client, and the client's name; null: no client of the demo has any of its keys. */
  client: [RefKey, string] | null;
  /** The problems that refuse the invoice (none: it imports). */
  problems?: { code: string; recordNo: number; column: string; records?: number[] }[];
  /** Values the payload must have. */
  payload?: Record<string, unknown>;
}

// Each invoice (each run of rows with one number) in file order, and what it must give.
const EXPECTED: Expected[] = [
  {
    number: "FA-2025-0101",
    records: [1, 2, 3],
    client: ["vat_number", "Boulangerie Martin SARL"],
    payload: {
      number: "FA-2025-0101",
      issue_date: "2025-11-03",
      due_date: "2025-12-03",
      status: "unpaid",
      currency: "EUR",
      payment_methods: { iban: IBAN },
      items: [
        {
          title: "Création du site vitrine",
          quantity: "1",
          unit: "forfait",
          unit_price: { value: "2400.00", currency: "EUR" },
          vat_rate: "0.2",
        },
        {
          title: "Hébergement et maintenance",
          quantity: "12",
          unit: "mois",
          unit_price: { value: "15.00", currency: "EUR" },
          vat_rate: "0.2",
        },
        {
          title: "Nom de domaine .fr",
          quantity: "1",
          unit: "an",
          unit_price: { value: "12.00", currency: "EUR" },
          vat_rate: "0.2",
        },
      ],
    },
  },
  {
    number: "FA-2025-0102",
    records: [4, 5, 6],
    client: ["email", "Atelier Lumière SAS"],
    payload: {
      purchase_order: "BC-7781",
      performance_start_date: "2025-10-13",
      performance_end_date: "2025-10-24",
      items: [
        expect.objectContaining({
          unit_price: { value: "650.00", currency: "EUR" },
          discount: { type: "percentage", value: "0.1" },
        }),
        expect.objectContaining({ title: "Retouche photo", quantity: "40" }),
        expect.objectContaining({ title: "Frais de déplacement" }),
      ],
    },
  },
  {
    number: "FA-2025-0103",
    records: [7, 8],
    client: ["email", "Camille Durand"],
    payload: {
      status: "draft",
      issue_date: "2025-11-07",
      due_date: "2025-11-07",
      items: [
        {
          title: "Coffret épicerie fine",
          quantity: "2",
          unit: "coffret",
          unit_price: { value: "45.90", currency: "EUR" },
          vat_rate: "0.055",
          discount: { type: "absolute", value: "10.00" },
        },
        {
          title: "Livraison à domicile",
          quantity: "1",
          unit_price: { value: "9.90", currency: "EUR" },
          vat_rate: "0.2",
        },
      ],
    },
  },
  {
    number: "FA-2025-0104",
    records: [9, 10],
    client: ["vat_number", "Trattoria Da Gino S.r.l."],
    payload: {
      performance_start_date: "2025-10-01",
      performance_end_date: "2025-10-31",
      items: [
        expect.objectContaining({ vat_rate: "0", vat_exemption_reason: "S283" }),
        expect.objectContaining({ vat_rate: "0", vat_exemption_reason: "S283", quantity: "3" }),
      ],
    },
  },
  {
    number: "FA-2025-0105",
    records: [11, 12],
    client: ["name", "Le Comptoir Breton"],
    payload: {
      currency: "EUR",
      items: [
        expect.objectContaining({ unit_price: { value: "18.50", currency: "EUR" }, vat_rate: "0.1" }),
        expect.objectContaining({ vat_rate: "0.2" }),
      ],
    },
  },
  {
    number: "FA-2025-0106",
    records: [13, 14, 15],
    client: ["vat_number", "Maison Garnier"],
    problems: [{ code: "invoice_rows_disagree", recordNo: 13, column: "Échéance", records: [13, 14, 15] }],
  },
  {
    number: "FA-2025-0107",
    records: [16, 17],
    client: ["email", "Cave des Vignerons Réunis"],
    problems: [
      { code: "invoice_number_duplicate_in_file", recordNo: 16, column: "N° facture", records: [16, 17, 19] },
    ],
  },
  {
    number: "FA-2025-0108",
    records: [18],
    client: ["email", "Élodie Moreau"],
    problems: [{ code: "iban_invalid", recordNo: 18, column: "IBAN" }],
  },
  {
    number: "FA-2025-0107",
    records: [19],
    client: ["email", "Cave des Vignerons Réunis"],
    problems: [
      { code: "invoice_number_duplicate_in_file", recordNo: 19, column: "N° facture", records: [16, 17, 19] },
    ],
  },
  // Valid, but its client is no client of the demo: resolving it fails (invoice_client_unresolved).
  { number: "FA-2025-0109", records: [20, 21], client: null, payload: { status: "draft" } },
  {
    number: "FA-2025-0110",
    records: [22, 23],
    client: ["name", "Bistrot Chez Paul"],
    problems: [{ code: "amount_invalid", recordNo: 22, column: "PU HT" }],
  },
  {
    number: "FA-2025-0111",
    records: [24],
    client: ["email", "Jean-Pierre de La Fontaine"],
    problems: [{ code: "performance_period_invalid", recordNo: 24, column: "Début prestation" }],
  },
  {
    number: "FA-2025-0112",
    records: [25, 26, 27],
    client: ["vat_number", "Pasticceria Dolce Vita S.r.l."],
    payload: {
      status: "unpaid",
      purchase_order: "CMD-IT-2025-118",
      items: [
        {
          title: "Farine de sarrasin bio, sac de 25 kg",
          quantity: "40",
          unit: "sac",
          unit_price: { value: "38.90", currency: "EUR" },
          vat_rate: "0",
          vat_exemption_reason: "S262",
        },
        expect.objectContaining({ quantity: "20", vat_exemption_reason: "S262" }),
        expect.objectContaining({ title: "Transport", vat_exemption_reason: "S262" }),
      ],
    },
  },
];

async function readSample() {
  const table = await openTable(FILE);
  const match = matchInvoiceHeader(table.header.columns);
  const rows: SourceRow[] = [];
  for await (const row of table.rows) rows.push(row);
  const detection = detectInvoiceDateFormat(rows, match.mapping);
  const groups = groupInvoiceRows(rows, match.mapping);
  const invoices = groups.map((group) =>
    normalizeInvoice(group, match.mapping, { orgCountry: "FR", dateFormat: detection.format }),
  );
  return { header: table.header, match, rows, detection, groups, invoices };
}

interface Known {
  name: string;
  keys: Partial<Record<RefKey, string>>;
}

function keysOf(source: KeySource): Partial<Record<RefKey, string>> {
  const k = clientKeys(source);
  const keys: Partial<Record<RefKey, string>> = {};
  if (k.vat_number !== undefined) keys.vat_number = k.vat_number;
  if (k.tax_identification_number !== undefined) keys.tax_identification_number = k.tax_identification_number;
  if (k.email !== undefined) keys.email = k.email;
  const name = foldHeader(displayName(source));
  if (name !== "") keys.name = name;
  return keys;
}

/**
 * The clients the demo leaves in the emulator: the seed, then each row of clients.csv the import accepts and that
 * is no client already there (a row the import skips as existing, or as a duplicate of an earlier row).
 */
async function demoClients(): Promise<Known[]> {
  const seed = JSON.parse(await readFile(join(ROOT, "samples/existing-clients.json"), "utf8")) as {
    clients: KeySource[];
  };
  const known: Known[] = seed.clients.map((c) => ({ name: displayName(c), keys: keysOf(c) }));
  const table = await openTable(join(ROOT, "samples/clients.csv"));
  const { mapping } = matchHeader(table.header.columns);
  for await (const row of table.rows) {
    const result = normalizeRow(row, mapping, { orgCountry: "FR", currency: "EUR" });
    if (!result.ok) continue;
    const keys = keysOf(result.payload);
    const existing = (Object.keys(keys) as RefKey[]).some((k) => known.some((c) => c.keys[k] === keys[k]));
    if (!existing) known.push({ name: displayName(result.payload), keys });
  }
  return known;
}

/** The client reference an invoice's rows give, whether or not the invoice is valid. */
function refOf(group: InvoiceGroup): ClientRef {
  const ref: ClientRef = {};
  const v = group.values;
  if (v.client_vat_number !== undefined) ref.vat_number = v.client_vat_number.value;
  if (v.client_tax_id !== undefined) ref.tax_identification_number = v.client_tax_id.value;
  if (v.client_email !== undefined) ref.email = v.client_email.value;
  if (v.client_name !== undefined) ref.name = v.client_name.value;
  return ref;
}

/** As invoices are resolved: the strongest key that finds any client decides; a key that finds none hands over. */
function findClient(ref: ClientRef, known: Known[]): [RefKey, string[]] | null {
  const wanted = keysOf({
    kind: "company",
    name: ref.name ?? null,
    vat_number: ref.vat_number ?? null,
    tax_identification_number: ref.tax_identification_number ?? null,
    email: ref.email ?? null,
  });
  for (const key of ["vat_number", "tax_identification_number", "email", "name"] as const) {
    if (wanted[key] === undefined) continue;
    const found = known.filter((c) => c.keys[key] === wanted[key]);
    if (found.length > 0) return [key, found.map((c) => c.name)];
  }
  return null;
}

describe("samples/invoices.csv", () => {
  it("is a French export: Windows-1252 with €, ';', CRLF, dd/mm/yyyy dates, a column the import does not use", async () => {
    const bytes = await readFile(FILE);
    expect(bytes.includes(Buffer.from([0x80]))).toBe(true); // € in Windows-1252
    expect(bytes.includes(Buffer.from("€", "utf8"))).toBe(false);
    expect(bytes.includes(Buffer.from("\r\n"))).toBe(true);
    const { header, match, rows, detection } = await readSample();
    expect(header).toMatchObject({ encoding: "windows-1252", delimiter: ";" });
    expect(match.unmapped).toEqual(["Total HT"]);
    expect(match.shadowed).toEqual([]);
    expect(Object.keys(match.mapping).sort()).toEqual(
      [
        "number",
        "issue_date",
        "due_date",
        "client_name",
        "client_vat_number",
        "client_email",
        "status",
        "currency",
        "purchase_order",
        "payment_iban",
        "performance_start_date",
        "performance_end_date",
        "title",
        "quantity",
        "unit",
        "unit_price",
        "vat_rate",
        "discount",
        "vat_exemption_reason",
      ].sort(),
    );
    expect(rows).toHaveLength(27);
    expect(rows.every((r) => r.problems.length === 0)).toBe(true);
    expect(detection.format).toBe("dmy");
  });

  it("gives each invoice its outcome: imported, or refused for the problem it has on purpose", async () => {
    const { groups, invoices } = await readSample();
    expect(groups.map((g) => g.key)).toEqual(EXPECTED.map((e) => e.number));
    expect(new Set(groups.map((g) => g.key)).size).toBe(12);
    EXPECTED.forEach((expected, i) => {
      const group = groups[i]!;
      const invoice = invoices[i]!;
      const label = `${expected.number} (records ${expected.records.join(", ")})`;
      expect(
        group.rows.map((r) => r.recordNo),
        label,
      ).toEqual(expected.records);
      const problems = invoice.problems.map((p) => ({
        code: p.code,
        recordNo: p.recordNo,
        column: p.column,
        ...(p.records === undefined ? {} : { records: p.records }),
      }));
      expect(problems, label).toEqual(expected.problems ?? []);
      expect(invoice.ok, label).toBe(expected.problems === undefined);
      if (invoice.ok) {
        expect(invoice.payload, label).toMatchObject({
          number: expected.number,
          currency: "EUR",
          payment_methods: { iban: IBAN },
          ...expected.payload,
        });
        expect(invoice.payload.items, label).toHaveLength(expected.records.length);
      } else
        expect(
          invoice.problems.every((p) => p.severity === "error"),
          label,
        ).toBe(true);
    });
  });

  it("names clients of the demo by VAT number, e-mail or name, one client each; one invoice names none of them", async () => {
    const known = await demoClients();
    // The seed's five clients and the nine clients.csv creates (test/samples.test.ts).
    expect(known).toHaveLength(14);
    const { groups, invoices } = await readSample();
    EXPECTED.forEach((expected, i) => {
      const ref = invoices[i]!.ok ? (invoices[i] as { clientRef: ClientRef }).clientRef : refOf(groups[i]!);
      const found = findClient(ref, known);
      const label = `${expected.number} (records ${expected.records.join(", ")})`;
      if (expected.client === null) expect(found, label).toBeNull();
      else expect(found, label).toEqual([expected.client[0], [expected.client[1]]]);
    });
    // Some invoices of each kind of reference.
    const by = EXPECTED.map((e) => e.client?.[0]);
    for (const key of ["vat_number", "email", "name"] as const) expect(by).toContain(key);
  });
});
