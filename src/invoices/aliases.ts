// Invoice columns, kept as data like the client columns (src/map/aliases.ts): the canonical field each source
// column feeds, and the header names (EN, FR, IT, DE, ES and common export variants) that mean it. Matching is on
// foldHeader() forms, so "N° facture", "n facture" and "N. Facture" are one alias.

import { foldHeader } from "../map/aliases.js";
import { rowRoles, type RowRoles } from "../map/summary-rows.js";

/** Fields that belong to the invoice: every row of one invoice must agree on them (or leave them empty). */
export const INVOICE_LEVEL_FIELDS = {
  /** Groups rows into invoices when there is no invoice number (or to override it). */
  group: [
    "group",
    "grouping",
    "invoice group",
    "invoice id",
    "invoice key",
    "groupe",
    "id facture",
    "gruppo",
    "gruppe",
    "grupo",
  ],
  number: [
    "invoice number",
    "invoice no",
    "invoice nr",
    "invoice",
    "number",
    "n facture",
    "no facture",
    "numero facture",
    "numero de facture",
    "facture",
    "numero fattura",
    "n fattura",
    "nr fattura",
    "fattura",
    "rechnungsnummer",
    "rechnungs nr",
    "rechnung nr",
    "rechnung",
    "numero de factura",
    "n factura",
    "no factura",
    "factura",
  ],
  client_vat_number: [
    "client vat",
    "client vat number",
    "customer vat",
    "customer vat number",
    "vat number",
    "vat",
    "tva client",
    "n tva client",
    "numero de tva",
    "tva intracommunautaire",
    "partita iva cliente",
    "partita iva",
    "p iva",
    "ust id",
    "ust idnr",
    "ustid",
    "kunden ust id",
    "nif iva",
    "nif iva cliente",
  ],
  client_tax_id: [
    "client tax id",
    "customer tax id",
    "tax id",
    "tax identification number",
    "siren",
    "siret",
    "siren client",
    "siret client",
    "codice fiscale",
    "codice fiscale cliente",
    "steuernummer",
    "nif",
    "cif",
    "nif cliente",
  ],
  client_email: [
    "client email",
    "customer email",
    "email",
    "e mail",
    "email client",
    "courriel",
    "email cliente",
    "e mail cliente",
    "kunden e mail",
    "kunden email",
    "correo",
    "correo cliente",
    "correo electronico",
  ],
  client_name: [
    "client",
    "client name",
    "customer",
    "customer name",
    "company",
    "nom client",
    "nom du client",
    "raison sociale",
    "cliente",
    "nome cliente",
    "ragione sociale",
    "kunde",
    "kundenname",
    "firma",
    "nombre cliente",
    "nombre del cliente",
    "razon social",
  ],
  issue_date: [
    "issue date",
    "invoice date",
    "date",
    "date d emission",
    "date de facture",
    "date facture",
    "date de facturation",
    "data emissione",
    "data di emissione",
    "data fattura",
    "data",
    "rechnungsdatum",
    "ausstellungsdatum",
    "datum",
    "fecha de emision",
    "fecha emision",
    "fecha factura",
    "fecha de factura",
    "fecha",
  ],
  due_date: [
    "due date",
    "payment due",
    "payment due date",
    "date d echeance",
    "echeance",
    "date echeance",
    "data scadenza",
    "scadenza",
    "data di scadenza",
    "falligkeitsdatum",
    "falligkeit",
    "fallig am",
    "zahlbar bis",
    "fecha de vencimiento",
    "fecha vencimiento",
    "vencimiento",
  ],
  currency: ["currency", "devise", "monnaie", "valuta", "wahrung", "moneda", "divisa"],
  status: ["status", "invoice status", "statut", "etat", "stato", "estado"],
  purchase_order: [
    "purchase order",
    "po",
    "po number",
    "order number",
    "bon de commande",
    "n bon de commande",
    "numero de commande",
    "commande",
    "ordine di acquisto",
    "n ordine",
    "numero ordine",
    "bestellnummer",
    "bestellung",
    "orden de compra",
    "pedido",
    "numero de pedido",
  ],
  terms_and_conditions: [
    "terms and conditions",
    "terms",
    "conditions",
    "conditions generales",
    "conditions de paiement",
    "termini e condizioni",
    "condizioni",
    "geschaftsbedingungen",
    "bedingungen",
    "terminos y condiciones",
    "condiciones",
  ],
  header: [
    "header",
    "invoice header",
    "en tete",
    "entete",
    "intestazione",
    "kopfzeile",
    "encabezado",
    "cabecera",
  ],
  footer: ["footer", "invoice footer", "pied de page", "pie de pagina", "pie", "pie di pagina", "fusszeile"],
  payment_iban: [
    "iban",
    "payment iban",
    "iban de paiement",
    "iban paiement",
    "iban di pagamento",
    "iban pagamento",
    "zahlungs iban",
    "bankverbindung",
    "iban de pago",
  ],
  performance_start_date: [
    "performance start date",
    "performance start",
    "service start date",
    "period start",
    "date de debut de prestation",
    "debut de prestation",
    "debut prestation",
    "date de debut",
    "data inizio prestazione",
    "inizio prestazione",
    "data inizio",
    "leistungsbeginn",
    "leistungszeitraum von",
    "fecha de inicio",
    "inicio del servicio",
    "fecha inicio servicio",
  ],
  performance_end_date: [
    "performance end date",
    "performance end",
    "service end date",
    "period end",
    "date de fin de prestation",
    "fin de prestation",
    "fin prestation",
    "date de fin",
    "data fine prestazione",
    "fine prestazione",
    "data fine",
    "leistungsende",
    "leistungszeitraum bis",
    "fecha de fin",
    "fin del servicio",
    "fecha fin servicio",
  ],
  // Italian organizations only (the contract): refused for any other organization.
  report_einvoicing: ["report einvoicing", "report e invoicing", "invio sdi", "trasmissione sdi"],
  stamp_duty_amount: ["stamp duty", "stamp duty amount", "imposta di bollo", "bollo", "marca da bollo"],
  withholding_tax_rate: [
    "withholding tax rate",
    "withholding tax",
    "ritenuta d acconto",
    "aliquota ritenuta",
    "ritenuta",
    "irpf",
    "retencion irpf",
  ],
  welfare_fund_rate: [
    "welfare fund rate",
    "welfare fund",
    "cassa previdenziale",
    "aliquota cassa",
    "rivalsa",
  ],
} as const satisfies Record<string, readonly string[]>;

/** Fields of one invoice line: each row gives one item. */
export const ITEM_FIELDS = {
  title: [
    "title",
    "item",
    "item title",
    "product",
    "service",
    "designation",
    "libelle",
    "article",
    "produit",
    "prestation",
    "titolo",
    "articolo",
    "prodotto",
    "servizio",
    "bezeichnung",
    "artikel",
    "leistung",
    "position",
    "titulo",
    "concepto",
    "producto",
    "articulo",
    "servicio",
  ],
  description: [
    "description",
    "item description",
    "details",
    "description de l article",
    "descrizione",
    "beschreibung",
    "descripcion",
  ],
  quantity: ["quantity", "qty", "quantite", "qte", "quantita", "qta", "menge", "anzahl", "cantidad", "cant"],
  unit: ["unit", "uom", "unite", "unita", "unita di misura", "einheit", "unidad"],
  unit_price: [
    "unit price",
    "price",
    "unit price excl vat",
    "unit price excl tax",
    "unit price ht",
    "prix unitaire",
    "prix unitaire ht",
    "pu ht",
    "prix ht",
    "prix",
    "prezzo unitario",
    "prezzo",
    "prezzo unitario netto",
    "einzelpreis",
    "preis",
    "einzelpreis netto",
    "stuckpreis",
    "precio unitario",
    "precio",
    "precio unitario sin iva",
  ],
  vat_rate: [
    "vat rate",
    "vat",
    "vat %",
    "tax rate",
    "taux de tva",
    "taux tva",
    "tva %",
    "tva",
    "aliquota iva",
    "aliquota",
    "iva %",
    "iva",
    "mwst satz",
    "mwst",
    "ust satz",
    "steuersatz",
    "umsatzsteuersatz",
    "tipo de iva",
    "tipo iva",
    "iva",
  ],
  vat_exemption_reason: [
    "vat exemption reason",
    "vat exemption",
    "exemption reason",
    "motif d exoneration",
    "motif d exoneration de tva",
    "exoneration tva",
    "natura",
    "natura iva",
    "codice natura",
    "motivo esenzione",
    "steuerbefreiungsgrund",
    "befreiungsgrund",
    "motivo de exencion",
    "causa de exencion",
  ],
  discount: ["discount", "rebate", "remise", "rabais", "reduction", "sconto", "rabatt", "descuento"],
} as const satisfies Record<string, readonly string[]>;

export type InvoiceLevelField = keyof typeof INVOICE_LEVEL_FIELDS;
export type ItemField = keyof typeof ITEM_FIELDS;
export type InvoiceField = InvoiceLevelField | ItemField;

export const INVOICE_FIELDS: Readonly<Record<InvoiceField, readonly string[]>> = {
  ...INVOICE_LEVEL_FIELDS,
  ...ITEM_FIELDS,
};

export const INVOICE_LEVEL_FIELD_NAMES = Object.keys(INVOICE_LEVEL_FIELDS) as InvoiceLevelField[];
export const ITEM_FIELD_NAMES = Object.keys(ITEM_FIELDS) as ItemField[];

/** Which source column feeds each invoice field. */
export type InvoiceColumnMapping = Partial<Record<InvoiceField, string>>;

export interface InvoiceHeaderMatch {
  mapping: InvoiceColumnMapping;
  /** Source columns that feed nothing. */
  unmapped: string[];
  /** Columns whose name means a field another column already feeds: left out, and said. */
  shadowed: { column: string; field: InvoiceField; by: string }[];
}

// Item aliases come first: "VAT" / "TVA" / "IVA" on an invoice line is the rate, and a client VAT number column
// says so ("client VAT", "partita IVA"). The first field that claims a folded alias keeps it.
const ALIAS_INDEX: ReadonlyMap<string, InvoiceField> = (() => {
  const index = new Map<string, InvoiceField>();
  const ordered = [...Object.entries(ITEM_FIELDS), ...Object.entries(INVOICE_LEVEL_FIELDS)] as [
    InvoiceField,
    readonly string[],
  ][];
  for (const [field, aliases] of ordered) {
    for (const alias of [field.replace(/_/g, " "), ...aliases]) {
      const key = foldHeader(alias);
      if (!index.has(key)) index.set(key, field);
    }
  }
  return index;
})();

/** The invoice field a header name means, if any. */
export function invoiceFieldOf(column: string): InvoiceField | undefined {
  return ALIAS_INDEX.get(foldHeader(column));
}

/** Matches header names to invoice fields; the first column that claims a field keeps it (as matchHeader does). */
export function matchInvoiceHeader(columns: readonly string[]): InvoiceHeaderMatch {
  const mapping: InvoiceColumnMapping = {};
  const unmapped: string[] = [];
  const shadowed: InvoiceHeaderMatch["shadowed"] = [];
  for (const column of columns) {
    const field = invoiceFieldOf(column);
    if (field === undefined) unmapped.push(column);
    else if (mapping[field] === undefined) mapping[field] = column;
    else shadowed.push({ column, field, by: mapping[field] ?? "" });
  }
  return { mapping, unmapped, shadowed };
}

// For totals lines (src/map/summary-rows.ts): the fields naming an invoice line's party or item, and those only a
// real invoice line has. Dates are evidence: an invoice line has its invoice's dates, a totals line rarely does,
// and a miss is better than an invoice line left out.
const LINE_LABELS: readonly InvoiceField[] = ["client_name", "title", "description"];
const LINE_EVIDENCE: readonly InvoiceField[] = [
  "group",
  "number",
  "client_vat_number",
  "client_tax_id",
  "client_email",
  "issue_date",
  "due_date",
  "payment_iban",
  "purchase_order",
  "performance_start_date",
  "performance_end_date",
];

/** The roles of an invoices file's columns, from its mapping. */
export function invoiceRowRoles(columns: readonly string[], mapping: InvoiceColumnMapping): RowRoles {
  return rowRoles(columns, mapping, { labels: LINE_LABELS, evidence: LINE_EVIDENCE }, "invoice line");
}
