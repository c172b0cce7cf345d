// Rows an export prints for people, not records: a totals or subtotals line ("TOTAL GÉNÉRAL (200 clients)",
// "Sous-total Paris", "Summe") and the header repeated on every printed page. Both imports set them aside as
// `ignored` before normalizing or grouping, so a totals line is never created as a client or taken as an
// invoice line. Pure, and table-tested on both sides: a false positive (a real client left out) is worse than
// a miss (a totals line reported invalid), so the rule asks for a lot.
//
// A row is a summary row when
//   1. its label, the cell of a name column (company, full, first or last name; for invoices the client name,
//      the line's title or description) or else its first non-empty cell, reads as a total (isTotalLabel), and
//   2. no evidence column (identifiers, e-mail, phone, address parts; for invoices the number, grouping value,
//      client references, dates, IBAN) holds anything, and
//   3. every other non-empty cell is a number (an amount, a count, a percentage, a date), a dash, or the label
//      again (a merged cell gives every cell the label).
// A number is not required: a label with every other cell empty is a summary row too.
//
// A label reads as a total when its words are, in order: words of FILLER, one total term, then only words of
// FILLER, total terms, or tokens holding a digit ("(200", "F2024-001"). A subtotal term (sous-total, subtotal,
// subtotale, zwischensumme, ...) may be followed by anything, as it names its group ("Sous-total Paris"). So
// "Total SA", "Total Énergies Services", "Totalgaz", "Summa Consulting" are not totals, whatever the row holds.
//
// A row is a repeated header when at least two of its non-empty cells, and more than half of them, are their
// own column's name (case, accents, punctuation and spacing ignored).

import { problem, type Problem } from "../problems.js";
import { foldHeader, type SourceField } from "./aliases.js";
import type { ColumnMapping } from "./header.js";

/** Which columns play which part, for one input's header. */
export interface RowRoles {
  /** The header's columns, in order: the first non-empty cell is looked for in this order. */
  columns: readonly string[];
  /** Columns naming the row's party or line: a total label there makes the row a summary row. */
  labels: readonly string[];
  /** Columns any value of which makes the row a record. */
  evidence: readonly string[];
  /** What a record of this input is, for the message: "client", "invoice line". */
  record: string;
}

/** A single total word: "total", "totaux", "totale", "summe", "gesamtsumme", ... */
const TOTAL_WORDS = new Set([
  "total",
  "totals",
  "totaux",
  "totale",
  "totali",
  "totales",
  "summe",
  "summen",
  "gesamt",
  "gesamtsumme",
  "endsumme",
  "gesamtbetrag",
]);

/** A subtotal: what follows names the group, so anything may. One word or two ("sous total", "sub total"). */
const SUBTOTAL_TERMS: readonly (readonly string[])[] = [
  ["soustotal"],
  ["soustotaux"],
  ["sous", "total"],
  ["sous", "totaux"],
  ["subtotal"],
  ["subtotals"],
  ["subtotale"],
  ["subtotali"],
  ["subtotales"],
  ["sub", "total"],
  ["sub", "totals"],
  ["sub", "totale"],
  ["sub", "totali"],
  ["zwischensumme"],
  ["zwischensummen"],
  ["teilsumme"],
];

// Words a totals label puts around its total word, in the five languages: qualifiers, articles and prepositions,
// what is counted, taxes and currencies. None of them names a company on its own; the list is kept short on
// purpose, since a word here is one a client's name may not hold next to "Total".
const FILLER = new Set([
  // qualifiers
  "grand",
  "general",
  "generale",
  "generali",
  "generales",
  "generaux",
  "global",
  "globale",
  "globales",
  "complessivo",
  "complessiva",
  "final",
  "finale",
  "montant",
  "amount",
  "importe",
  "importo",
  "betrag",
  "suma",
  "somme",
  "somma",
  // articles, prepositions
  "a",
  "au",
  "aux",
  "de",
  "des",
  "du",
  "la",
  "le",
  "les",
  "di",
  "del",
  "dei",
  "delle",
  "der",
  "die",
  "aller",
  "alle",
  "all",
  "the",
  "of",
  "for",
  "per",
  "pour",
  "en",
  // what is counted
  "clients",
  "client",
  "clienti",
  "cliente",
  "clientes",
  "kunden",
  "customers",
  "customer",
  "facture",
  "factures",
  "invoice",
  "invoices",
  "fattura",
  "fatture",
  "rechnung",
  "rechnungen",
  "factura",
  "facturas",
  "lignes",
  "lines",
  "righe",
  "zeilen",
  "lineas",
  // taxes and currencies
  "ht",
  "ttc",
  "tva",
  "vat",
  "iva",
  "mwst",
  "ust",
  "net",
  "netto",
  "brutto",
  "gross",
  "eur",
  "euro",
  "euros",
]);

/** Lower case, accents and ß folded; every token with a digit becomes "#", others split into their words. */
function labelWords(text: string): string[] {
  const words: string[] = [];
  for (const token of text.split(/[\s()[\]{}:;]+/)) {
    if (token === "") continue;
    if (/\d/.test(token)) words.push("#");
    else
      words.push(
        ...foldHeader(token)
          .split(" ")
          .filter((w) => w !== ""),
      );
  }
  return words;
}

function startsWith(words: readonly string[], at: number, term: readonly string[]): boolean {
  return term.every((w, i) => words[at + i] === w);
}

// Every total word and subtotal term holds one of these, so a label whose folded text holds none is no total: most
// cells are decided by one regular expression, without splitting them into words.
const MAY_BE_TOTAL = /tota|summe|gesamt/i;
const ASCII = /^[\x00-\x7f]*$/;

/** Whether a cell's text reads as a totals label (see the rule at the top of the file). */
export function isTotalLabel(text: string): boolean {
  if (!MAY_BE_TOTAL.test(ASCII.test(text) ? text : foldHeader(text))) return false;
  const words = labelWords(text);
  let at = 0;
  while (at < words.length && FILLER.has(words[at] ?? "")) at += 1;
  if (SUBTOTAL_TERMS.some((term) => startsWith(words, at, term))) return true;
  if (!TOTAL_WORDS.has(words[at] ?? "")) return false;
  return words.slice(at + 1).every((w) => w === "#" || FILLER.has(w) || TOTAL_WORDS.has(w));
}

// An amount, a count, a percentage or a date as exports write them: "2 079 629,88", "-1.234,00 €", "(12)",
// "12 %", "31/12/2024", "EUR 1,200.00".
const NUMBER =
  /^[(+\-−]?\s*(?:[€$£]|eur|chf|usd|gbp)?\s*[(+\-−]?\d[\d\s.,'’\u00a0\u202f/:-]*\)?\s*(?:%|‰|[€$£]|eur|chf|usd|gbp|k€)?\)?$/i;
// Accounting exports write a zero as a dash.
const DASH = /^[-–—]$/;

export function isNumberCell(value: string): boolean {
  const v = value.trim();
  return NUMBER.test(v) || DASH.test(v);
}

// A header's columns folded once: classifyRow runs on every row of a million-row file.
const foldedColumns = new WeakMap<readonly string[], string[]>();
function foldedOf(columns: readonly string[]): string[] {
  let folded = foldedColumns.get(columns);
  if (folded === undefined) {
    folded = columns.map(foldHeader);
    foldedColumns.set(columns, folded);
  }
  return folded;
}

/** foldHeader(value) === target, rejecting most values by their first letter or digit before folding them. */
function foldsTo(value: string, target: string): boolean {
  if (target === "") return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x80) break; // accents and the like: the full fold decides
    const lower = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
    if ((lower >= 0x61 && lower <= 0x7a) || (lower >= 0x30 && lower <= 0x39)) {
      if (lower !== target.charCodeAt(0)) return false;
      break;
    }
  }
  return foldHeader(value) === target;
}

/** Why a row is not a record, or undefined when it may be one. Pure. */
export function classifyRow(
  fields: Readonly<Record<string, string | undefined>>,
  roles: RowRoles,
): Problem | undefined {
  const { columns } = roles;
  const folded = foldedOf(columns);
  // The trimmed value of each column, "" when empty: one pass, no object per cell.
  const values: string[] = new Array<string>(columns.length);
  let count = 0;
  let named = 0;
  let first = -1;
  for (let i = 0; i < columns.length; i++) {
    const value = (fields[columns[i] ?? ""] ?? "").trim();
    values[i] = value;
    if (value === "") continue;
    count += 1;
    if (first < 0) first = i;
    if (foldsTo(value, folded[i] ?? "")) named += 1;
  }
  if (count === 0) return undefined;
  if (named >= 2 && named * 2 > count)
    return problem(
      "repeated_header",
      `the header repeated (${named} of its ${count} cells are column names), not a ${roles.record}: not imported`,
    );

  // The label: a label column's cell, in the header's order, else the first non-empty cell.
  let label = -1;
  for (let i = 0; i < columns.length && label < 0; i++)
    if (values[i] !== "" && roles.labels.includes(columns[i] ?? "") && isTotalLabel(values[i] ?? ""))
      label = i;
  if (label < 0 && isTotalLabel(values[first] ?? "")) label = first;
  if (label < 0) return undefined;
  const labelValue = values[label] ?? "";
  const same = foldHeader(labelValue);
  for (let i = 0; i < columns.length; i++) {
    const value = values[i] ?? "";
    if (value === "" || i === label || foldHeader(value) === same) continue;
    if (roles.evidence.includes(columns[i] ?? "") || !isNumberCell(value)) return undefined;
  }
  return problem(
    "summary_row",
    `a totals line ("${labelValue}"), not a ${roles.record}: not imported`,
    columns[label],
  );
}

// Client fields that name the row's party, and those that only a real client has.
const CLIENT_LABELS: readonly SourceField[] = ["name", "full_name", "first_name", "last_name"];
const CLIENT_EVIDENCE: readonly SourceField[] = [
  "vat_number",
  "tax_identification_number",
  "e_invoicing_address",
  "recipient_code",
  "email",
  "extra_emails",
  "phone",
  "address",
  "address2",
  "address3",
  "zip_code",
  "city",
  "province_code",
  "country",
  "delivery_address",
  "delivery_zip_code",
  "delivery_city",
  "delivery_province_code",
  "delivery_country",
];

/** The roles of a file's columns, from its mapping: which fields label a row, which only a real record has. */
export function rowRoles<F extends string>(
  columns: readonly string[],
  mapping: Partial<Record<F, string>>,
  fields: { labels: readonly F[]; evidence: readonly F[] },
  record: string,
): RowRoles {
  const columnsOf = (list: readonly F[]) =>
    list.flatMap((f) => (mapping[f] === undefined ? [] : [mapping[f]]));
  return { columns, labels: columnsOf(fields.labels), evidence: columnsOf(fields.evidence), record };
}

/** The roles of a clients file's columns, from its mapping. */
export function clientRowRoles(columns: readonly string[], mapping: ColumnMapping): RowRoles {
  return rowRoles(columns, mapping, { labels: CLIENT_LABELS, evidence: CLIENT_EVIDENCE }, "client");
}
