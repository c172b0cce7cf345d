import { describe, expect, it } from "vitest";
import { invoiceRowRoles, matchInvoiceHeader } from "../src/invoices/aliases.js";
import { matchHeader } from "../src/map/header.js";
import { classifyRow, clientRowRoles, isNumberCell, isTotalLabel } from "../src/map/summary-rows.js";

// Totals lines and repeated headers (issue 14): both sides of the rule, in five languages. A real client left out
// would be worse than a totals line reported invalid, so the client side has as many cases as the totals side.

describe("a totals label", () => {
  it.each([
    "Total",
    "TOTAL",
    "Total :",
    "TOTAL GÉNÉRAL (200 clients)",
    "Total général",
    "Totaux",
    "Sous-total",
    "Sous-total Paris",
    "Sous total 75",
    "Total HT",
    "Total TTC",
    "Montant total",
    "Total des factures",
    "Grand total",
    "Grand Total:",
    "Subtotal",
    "Sub-total North",
    "Totals",
    "Total (EUR)",
    "Total 2024",
    "Totale",
    "Totale generale",
    "Totale complessivo",
    "Subtotale Milano",
    "Totali",
    "Summe",
    "Summe gesamt",
    "Gesamtsumme",
    "Gesamt",
    "Zwischensumme",
    "Zwischensumme Berlin",
    "Endsumme",
    "Total general",
    "Total General",
    "Totales",
    "Suma total",
    "Subtotal Madrid",
    "Total facture F2024-001",
  ])("%s reads as a total", (label) => {
    expect(isTotalLabel(label)).toBe(true);
  });

  it.each([
    "Total Énergies Services",
    "TotalEnergies",
    "Totalgaz",
    "Total SA",
    "Total S.A.",
    "TOTAL SE",
    "Total Paris",
    "Total Fitness GmbH",
    "Summa Consulting",
    "Summe & Partner GmbH",
    "Totale Servizi Srl",
    "Gesamtschule Nord",
    "Totalmente Hogar SL",
    "Grand Hôtel de la Gare",
    "Sous-sol Rénovation",
    "Le Total Look",
    "Factures et Totaux SARL",
    "",
    "12 345,00",
  ])("%s does not", (label) => {
    expect(isTotalLabel(label)).toBe(false);
  });
});

describe("a number in another cell", () => {
  it.each([
    ["2 079 629,88", true],
    ["1,234.50", true],
    ["-1.234,00 €", true],
    ["(12)", true],
    ["EUR 1,200.00", true],
    ["12 %", true],
    ["31/12/2024", true],
    ["2024-12-31", true],
    ["200", true],
    ["-", true],
    ["Paris", false],
    ["FR12345678901", false],
    ["200 clients", false],
    ["a@b.fr", false],
  ])("%s: %s", (value, expected) => {
    expect(isNumberCell(value)).toBe(expected);
  });
});

// One clients export per language: a client code, the name, VAT number, e-mail, address, zip, city, country,
// then an amount the import does not map.
const HEADERS = {
  fr: [
    "Code client",
    "Raison sociale",
    "N° TVA",
    "E-mail",
    "Adresse",
    "Code postal",
    "Ville",
    "Pays",
    "Chiffre d'affaires",
  ],
  en: [
    "Customer code",
    "Company name",
    "VAT number",
    "Email",
    "Address",
    "Zip code",
    "City",
    "Country",
    "Revenue",
  ],
  it: [
    "Codice cliente",
    "Ragione sociale",
    "Partita IVA",
    "Email",
    "Indirizzo",
    "CAP",
    "Città",
    "Paese",
    "Fatturato",
  ],
  de: ["Kundennummer", "Firmenname", "USt-IdNr", "E-Mail", "Straße", "PLZ", "Ort", "Land", "Umsatz"],
  es: [
    "Código cliente",
    "Razón social",
    "NIF IVA",
    "Correo electrónico",
    "Dirección",
    "Código postal",
    "Ciudad",
    "País",
    "Facturación",
  ],
} as const;
type Lang = keyof typeof HEADERS;

function classifyClient(lang: Lang, cells: readonly string[]) {
  const columns = [...HEADERS[lang]];
  const roles = clientRowRoles(columns, matchHeader(columns).mapping);
  return classifyRow(Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ""])), roles);
}

describe("clients: a totals line is a summary row", () => {
  it.each(Object.keys(HEADERS) as Lang[])("%s: every column the rule relies on is recognised", (lang) => {
    const mapping = matchHeader([...HEADERS[lang]]).mapping;
    expect(Object.keys(mapping).sort()).toEqual(
      ["address", "city", "country", "email", "name", "vat_number", "zip_code"].sort(),
    );
  });

  it.each<{ lang: Lang; cells: string[]; column: string }>([
    {
      lang: "fr",
      cells: ["", "TOTAL GÉNÉRAL (200 clients)", "", "", "", "", "", "", "2 079 629,88"],
      column: "Raison sociale",
    },
    {
      lang: "fr",
      cells: ["", "Sous-total Paris", "", "", "", "", "", "", "1 234,50"],
      column: "Raison sociale",
    },
    { lang: "fr", cells: ["Totaux", "", "", "", "", "", "", "", "12 000"], column: "Code client" },
    { lang: "fr", cells: ["", "Total", "", "", "", "", "", "", ""], column: "Raison sociale" },
    // A merged cell gives every cell the label.
    { lang: "fr", cells: ["TOTAL", "TOTAL", "TOTAL", "", "", "", "", "", "-"], column: "Raison sociale" },
    { lang: "en", cells: ["", "Grand total", "", "", "", "", "", "", "12,345.00"], column: "Company name" },
    { lang: "en", cells: ["", "Subtotal North", "", "", "", "", "", "", "1,234.50"], column: "Company name" },
    { lang: "en", cells: ["Total", "", "", "", "", "", "", "", ""], column: "Customer code" },
    {
      lang: "it",
      cells: ["", "Totale generale", "", "", "", "", "", "", "1.234,50"],
      column: "Ragione sociale",
    },
    {
      lang: "it",
      cells: ["", "Subtotale Milano", "", "", "", "", "", "", "345,00"],
      column: "Ragione sociale",
    },
    { lang: "de", cells: ["", "Summe", "", "", "", "", "", "", "9.876,54"], column: "Firmenname" },
    {
      lang: "de",
      cells: ["", "Zwischensumme Berlin", "", "", "", "", "", "", "1.000,00"],
      column: "Firmenname",
    },
    { lang: "de", cells: ["Gesamtsumme", "", "", "", "", "", "", "", "10.876,54"], column: "Kundennummer" },
    { lang: "es", cells: ["", "Total general", "", "", "", "", "", "", "5.432,10"], column: "Razón social" },
    {
      lang: "es",
      cells: ["", "Subtotal Madrid", "", "", "", "", "", "", "432,10 €"],
      column: "Razón social",
    },
  ])("$lang: $cells.1$cells.0", ({ lang, cells, column }) => {
    expect(classifyClient(lang, cells)).toMatchObject({ code: "summary_row", severity: "warning", column });
  });
});

describe("clients: a client whose name starts like a total is a client", () => {
  it.each<{ lang: Lang; cells: string[] }>([
    // Names that are totals words, on rows with an address and a VAT number or an e-mail.
    {
      lang: "fr",
      cells: [
        "C001",
        "Total",
        "FR40303265045",
        "",
        "2 place Jean Millier",
        "92400",
        "Courbevoie",
        "France",
        "1 200,00",
      ],
    },
    { lang: "fr", cells: ["C002", "Total", "", "compta@total.fr", "", "", "", "", ""] },
    {
      lang: "fr",
      cells: [
        "",
        "Total Énergies Services",
        "FR40303265045",
        "",
        "2 place Jean Millier",
        "92400",
        "Courbevoie",
        "France",
        "980 000,00",
      ],
    },
    { lang: "fr", cells: ["", "Totalgaz", "", "contact@totalgaz.fr", "", "", "", "", ""] },
    {
      lang: "en",
      cells: ["", "Subtotal Ltd", "GB123456789", "", "1 High Street", "EC1A 1BB", "London", "UK", "1,000.00"],
    },
    { lang: "en", cells: ["", "Total SA", "", "ap@total.example", "", "", "", "", "12.00"] },
    {
      lang: "it",
      cells: ["", "Summa Consulting", "", "info@summa.it", "Via Roma 1", "20121", "Milano", "Italia", ""],
    },
    {
      lang: "it",
      cells: ["", "Totale", "IT00743110157", "", "Via Roma 1", "20121", "Milano", "Italia", "1.000,00"],
    },
    {
      lang: "de",
      cells: ["", "Summe", "", "buchhaltung@summe.de", "Hauptstraße 1", "10115", "Berlin", "Deutschland", ""],
    },
    { lang: "de", cells: ["", "Gesamtsumme", "", "", "Hauptstraße 1", "", "", "", "9.000,00"] },
    { lang: "es", cells: ["", "Total general", "ESB12345678", "", "", "", "", "", ""] },
    // A name that is no totals label stays a client even with nothing else on the row.
    { lang: "fr", cells: ["", "Total Énergies Services", "", "", "", "", "", "", "1 000,00"] },
    { lang: "fr", cells: ["", "Totalgaz", "", "", "", "", "", "", ""] },
    { lang: "en", cells: ["", "Total SA", "", "", "", "", "", "", "12.00"] },
    { lang: "it", cells: ["", "Summa Consulting", "", "", "", "", "", "", ""] },
    { lang: "de", cells: ["", "Summe & Partner GmbH", "", "", "", "", "", "", "1.000,00"] },
    { lang: "es", cells: ["", "Totalmente Hogar SL", "", "", "", "", "", "", ""] },
    // Text the rule cannot vouch for (a city in the client code, a count in words) keeps the row a client.
    { lang: "fr", cells: ["Paris", "Total", "", "", "", "", "", "", ""] },
    { lang: "en", cells: ["", "Total", "", "", "", "", "", "", "200 customers"] },
    { lang: "fr", cells: ["", "Dupont SARL", "", "", "", "", "", "", "Total"] },
  ])("$lang: $cells.1", ({ lang, cells }) => {
    expect(classifyClient(lang, cells)).toBeUndefined();
  });
});

describe("a repeated header", () => {
  it.each<{ lang: Lang; cells: string[]; expected: "repeated_header" | undefined }>([
    { lang: "fr", cells: [...HEADERS.fr], expected: "repeated_header" },
    { lang: "en", cells: HEADERS.en.map((h) => h.toUpperCase()), expected: "repeated_header" },
    {
      lang: "it",
      cells: ["codice cliente", "RAGIONE SOCIALE", "", "", "", "", "Citta", "", ""],
      expected: "repeated_header",
    },
    {
      lang: "de",
      cells: [
        " Kundennummer ",
        "Firmenname",
        "USt IdNr",
        "E Mail",
        "Strasse",
        "PLZ",
        "Ort",
        "Land",
        "Umsatz",
      ],
      expected: "repeated_header",
    },
    {
      lang: "es",
      cells: ["", "Razón social", "", "Correo electrónico", "", "", "", "", ""],
      expected: "repeated_header",
    },
    // One cell equal to its column's name is not enough, nor a minority of them.
    { lang: "fr", cells: ["", "Ville", "", "", "", "", "Ville", "", ""], expected: undefined },
    {
      lang: "en",
      cells: ["", "Acme", "", "a@acme.com", "", "", "City", "Country", "10"],
      expected: undefined,
    },
    { lang: "de", cells: ["", "Firmenname", "", "", "", "", "", "", ""], expected: undefined },
  ])("$lang: $cells", ({ lang, cells, expected }) => {
    expect(classifyClient(lang, cells)?.code).toBe(expected);
  });
});

describe("invoices: a totals line is a summary row, an invoice line is not", () => {
  const columns = [
    "N° facture",
    "Nom client",
    "Date facture",
    "Date échéance",
    "Désignation",
    "Quantité",
    "Prix unitaire HT",
    "Taux TVA",
    "Montant HT",
  ];
  const roles = invoiceRowRoles(columns, matchInvoiceHeader(columns).mapping);
  const classify = (cells: string[]) =>
    classifyRow(Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ""])), roles);

  it.each<{ name: string; cells: string[]; expected: string | undefined }>([
    {
      name: "a grand total",
      cells: ["", "TOTAL GÉNÉRAL", "", "", "", "12", "", "", "2 079,88"],
      expected: "summary_row",
    },
    {
      name: "a total in the number column",
      cells: ["Total", "", "", "", "", "", "", "", "1 200,00"],
      expected: "summary_row",
    },
    {
      name: "an invoice's subtotal in the title",
      cells: ["", "", "", "", "Sous-total F2024-001", "", "", "", "300,00"],
      expected: "summary_row",
    },
    { name: "the header repeated", cells: [...columns], expected: "repeated_header" },
    {
      name: "a line for a client named Total",
      cells: ["F2024-001", "Total", "01/03/2024", "31/03/2024", "Conseil", "1", "100", "20 %", "100"],
      expected: undefined,
    },
    {
      name: "a later line titled Total, with its number",
      cells: ["F2024-001", "", "", "", "Total", "1", "100", "20 %", "100"],
      expected: undefined,
    },
    {
      name: "a line without a number but with its dates",
      cells: ["", "Total", "01/03/2024", "31/03/2024", "", "1", "100", "20 %", "100"],
      expected: undefined,
    },
  ])("$name", ({ cells, expected }) => {
    expect(classify(cells)?.code).toBe(expected);
  });
});
