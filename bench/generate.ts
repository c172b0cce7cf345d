import { createWriteStream } from "node:fs";

const HEADER = [
  "Type",
  "Raison sociale",
  "Prénom",
  "Nom",
  "Email",
  "Téléphone",
  "N° TVA",
  "SIRET",
  "Adresse",
  "Complément d'adresse",
  "Code postal",
  "Ville",
  "Province",
  "Pays",
  "Notes",
];

/** digits + the Luhn check digit that makes the whole valid (SIREN, SIRET). */
function luhn(digits: string): string {
  for (let d = 0; d < 10; d++) {
    const candidate = digits + String(d);
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let n = Number(candidate[candidate.length - 1 - i]);
      if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
      sum += n;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error("unreachable");
}

/** Identifiers with valid check digits, so that the benchmark's valid rows really are valid. */
function frIds(j: number): { vat: string; siret: string } {
  const siren = luhn(String(10_000_000 + (j % 89_999_999)));
  const key = (12 + 3 * (Number(siren) % 97)) % 97;
  return { vat: `FR${String(key).padStart(2, "0")}${siren}`, siret: luhn(`${siren}0001`) };
}

function itVat(j: number): string {
  // Seven digits, an office code (001-100), and a Luhn-style check digit.
  const body = `${String(j % 10_000_000).padStart(7, "0")}015`;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let n = Number(body[i]);
    if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
    sum += n;
  }
  return `IT${body}${(10 - (sum % 10)) % 10}`;
}

const quote = (v: string) => (/[;"\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** One realistic row; every 20th repeats an earlier client, every 20th (offset) is invalid. */
export function clientRow(i: number): string[] {
  const j = i % 20 === 19 ? i - 7 : i;
  const notes =
    j % 10 === 0
      ? `Client "VIP"; relancer\nle ${j % 28}/03`
      : j % 7 === 0
        ? "Paiement à 30 jours, fin de mois"
        : "";
  if (i % 20 === 9)
    return ["Société", `Invalide ${i}`, "", "", "bad@", "", "", "", "", "", "", "", "", "France", ""];
  if (j % 3 === 0)
    return [
      "Particulier",
      "",
      `Prénom${j}`,
      `Nom${j}`,
      `p${j}@example.fr`,
      `06 12 34 ${String(j % 100).padStart(2, "0")} 78`,
      "",
      "",
      `${j} av. Foch`,
      j % 4 === 0 ? "Bât. B, 2e étage" : "",
      "69001",
      "Lyon",
      "",
      "France",
      notes,
    ];
  if (j % 3 === 1)
    return [
      "Società",
      `Azienda ${j} S.r.l.`,
      "",
      "",
      `a${j}@example.it`,
      "02 7200 1234",
      itVat(j),
      "",
      `Via Torino ${j}`,
      "",
      "20123",
      "Milano",
      "MI",
      "Italia",
      notes,
    ];
  return [
    "Société",
    `Entreprise ${j}, Martin & Fils`,
    "",
    "",
    `c${j}@example.fr`,
    "01 42 68 53 00",
    frIds(j).vat,
    frIds(j).siret,
    `${j} rue de la Paix`,
    "",
    "75011",
    "Paris",
    "",
    "France",
    notes,
  ];
}

export const BENCH_HEADER = HEADER;

// The positions within each 20 rows of clientRow that are neither invalid (9) nor a repeat (19).
const VALID_POSITIONS = [...Array(20).keys()].filter((p) => p !== 9 && p !== 19);

/**
 * The k-th valid, new row of clientRow: the same variety (individuals, Italian and French companies, notes with
 * quotes and line breaks), each row a distinct client with its own keys (email, and VAT/SIRET for companies).
 */
export function validClientRow(k: number): string[] {
  const n = VALID_POSITIONS.length;
  return clientRow(Math.floor(k / n) * 20 + (VALID_POSITIONS[k % n] ?? 0));
}

/** Writes a realistic clients CSV of n rows without holding it in memory; rows from clientRow unless told. */
export async function writeClientsCsv(
  path: string,
  n: number,
  row: (i: number) => string[] = clientRow,
): Promise<void> {
  const out = createWriteStream(path);
  const write = (line: string) =>
    out.write(line) ? Promise.resolve() : new Promise<void>((resolve) => out.once("drain", () => resolve()));
  await write(HEADER.join(";") + "\n");
  let chunk = "";
  for (let i = 0; i < n; i++) {
    chunk += row(i).map(quote).join(";") + "\n";
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = "";
    }
  }
  await write(chunk);
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
}

/** Writes the same rows as an XLSX workbook with exceljs's streaming writer (shared strings off, as most tools). */
export async function writeClientsXlsx(path: string, n: number): Promise<void> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
  const sheet = workbook.addWorksheet("Clients");
  sheet.addRow(HEADER).commit();
  for (let i = 0; i < n; i++) sheet.addRow(clientRow(i)).commit();
  sheet.commit();
  await workbook.commit();
}

export const INVOICE_HEADER = [
  "N° facture",
  "TVA client",
  "Date facture",
  "Date échéance",
  "IBAN",
  "Désignation",
  "Quantité",
  "Prix unitaire HT",
  "Taux TVA",
  "Remise",
];

/** The VAT number of the k-th client an invoice file names: the emulator is seeded with the same. */
export function invoiceClientVat(k: number): string {
  return frIds(500_000 + k * 7).vat;
}

/**
 * Writes an invoices CSV of n lines: invoices of 1 to 6 lines (3.3 on average), each naming one of `clients`
 * clients by VAT number, with decimal commas, € signs and a discount now and then.
 */
export async function writeInvoicesCsv(path: string, n: number, clients: number): Promise<void> {
  const out = createWriteStream(path);
  let chunk = INVOICE_HEADER.join(";") + "\n";
  let invoice = 0;
  for (let line = 0; line < n; invoice++) {
    const count = 1 + ((invoice * 5) % 6);
    for (let j = 0; j < count && line < n; j++, line++) {
      const first = j === 0;
      chunk +=
        [
          `B-${invoice}`,
          first ? invoiceClientVat(invoice % clients) : "",
          first ? `${13 + (invoice % 15)}/03/2026` : "",
          first ? `${13 + (invoice % 15)}/04/2026` : "",
          first ? "FR7630006000011234567890189" : "",
          `Ligne ${j + 1} de la facture ${invoice}`,
          String(1 + (line % 9)),
          `${1 + (line % 1000)},${String(line % 100).padStart(2, "0")} €`,
          ["20 %", "10 %", "5,5 %"][line % 3],
          line % 10 === 0 ? "10 %" : "",
        ].join(";") + "\n";
    }
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      chunk = "";
    }
  }
  out.write(chunk);
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
}
