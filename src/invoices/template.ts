// The invoice import template (`qonto-import template invoices`): its columns, the header of each in every
// language, the notes on the XLSX headers, the drop-down lists and the example invoices. Pure data and formatting;
// src/template/render.ts writes it as CSV or XLSX, as it does the clients template.
//
// Each header is an alias of its field in aliases.ts, and a test checks that matchInvoiceHeader maps it back to that
// field. The example invoices are written once, language-neutral (ISO dates, decimal strings with a point, VAT rates
// in percent), and each language writes them in its own conventions: dd/mm/yyyy (dd.mm.yyyy in German, ISO in
// English) and a decimal comma (a point in English). In the XLSX, dates are date cells and amounts numbers.

import type { TemplateLang } from "../template/kinds.js";
import type { InvoiceField } from "./aliases.js";

/**
 * The fields a template has a column for, in column order: the invoice, then its line. The fields only Italian
 * organizations may send (and withholding tax, which Spanish freelancers also apply) come last, and only in the
 * Italian template (the Spanish one has the withholding tax): a French, German or English template never has a
 * column the organization would be refused. The welfare fund is left out everywhere: it is a type code (TC01–TC22)
 * and a rate in one cell ("TC22 4 %"), too rare to offer to every Italian user.
 */
export const INVOICE_TEMPLATE_FIELDS = [
  "number",
  "client_vat_number",
  "client_email",
  "client_name",
  "issue_date",
  "due_date",
  "status",
  "currency",
  "purchase_order",
  "payment_iban",
  "performance_start_date",
  "performance_end_date",
  "terms_and_conditions",
  "header",
  "footer",
  "title",
  "description",
  "quantity",
  "unit",
  "unit_price",
  "vat_rate",
  "vat_exemption_reason",
  "discount",
  "report_einvoicing",
  "stamp_duty_amount",
  "withholding_tax_rate",
] as const satisfies readonly InvoiceField[];
export type InvoiceTemplateField = (typeof INVOICE_TEMPLATE_FIELDS)[number];

/** The fields of an invoice's line: a second line of one invoice fills these (and the invoice number) only. */
const LINE_FIELDS: ReadonlySet<InvoiceTemplateField> = new Set([
  "title",
  "description",
  "quantity",
  "unit",
  "unit_price",
  "vat_rate",
  "vat_exemption_reason",
  "discount",
]);

/** Columns whose values a spreadsheet must keep as typed: codes, and rates and discounts written with "%". */
const TEXT_FIELDS: ReadonlySet<InvoiceTemplateField> = new Set([
  "number",
  "client_vat_number",
  "purchase_order",
  "payment_iban",
  "vat_rate",
  "vat_exemption_reason",
  "discount",
  "withholding_tax_rate",
]);
const DATE_FIELDS: ReadonlySet<InvoiceTemplateField> = new Set([
  "issue_date",
  "due_date",
  "performance_start_date",
  "performance_end_date",
]);
/** Amounts in euros: two decimals shown in the XLSX. */
const MONEY_FIELDS: ReadonlySet<InvoiceTemplateField> = new Set(["unit_price", "stamp_duty_amount"]);
const NUMBER_FIELDS: ReadonlySet<InvoiceTemplateField> = new Set([...MONEY_FIELDS, "quantity"]);

/** One line of an example invoice, language-neutral: decimals with a point, the VAT rate and discount in percent. */
export interface ExampleLine {
  title: string;
  description?: string;
  /** "2.5" */
  quantity: string;
  unit?: string;
  /** Euros, two decimals: "1200.00". */
  unit_price: string;
  /** Percent: "20", "5.5". */
  vat_rate: string;
  vat_exemption_reason?: string;
  /** Percent: "10". */
  discount?: string;
}

/** An example invoice, language-neutral: ISO dates. Its currency is EUR and its IBAN the language's. */
export interface ExampleInvoice {
  number: string;
  client_vat_number?: string;
  client_email?: string;
  client_name: string;
  issue_date: string;
  due_date: string;
  status: "draft" | "unpaid";
  purchase_order?: string;
  performance_start_date?: string;
  performance_end_date?: string;
  terms_and_conditions?: string;
  header?: string;
  footer?: string;
  lines: ExampleLine[];
}

interface InvoiceLangSpec {
  sheetName: string;
  headers: Partial<Record<InvoiceTemplateField, string>>;
  notes: Partial<Record<InvoiceTemplateField, string>>;
  /** The words for draft and unpaid the importer reads, in that order: the status drop-down. */
  statuses: readonly [draft: string, unpaid: string];
  /**
   * The country's usual VAT rates, in percent with a point: the VAT rate drop-down, and the rates its note lists
   * (its "{rates}", highest first), so the two never differ. Each is one of VAT_RATES' (vat-rates.ts), which a test checks.
   */
  vatRates: readonly string[];
  /** The word before the last of a list: "20 %, 10 % ou 0 %". */
  or: string;
  /** The yes and no words the importer reads (report_einvoicing), where the template has that column. */
  yesNo?: readonly [string, string];
  /** The IBAN the examples are paid to (valid check digits, the documented examples of each country). */
  iban: string;
  /** The IBAN as people write it, in groups of four. */
  ibanText: string;
  decimalMark: "," | ".";
  /** "20 %" (French, German, Spanish typography) or "20%". */
  percentSpace: boolean;
  dateOrder: "dmy" | "ymd";
  dateSeparator: "/" | "." | "-";
  examples: readonly ExampleInvoice[];
}

const LANGS: Record<TemplateLang, InvoiceLangSpec> = {
  fr: {
    sheetName: "Factures",
    headers: {
      number: "N° facture",
      client_vat_number: "N° TVA client",
      client_email: "Email client",
      client_name: "Nom du client",
      issue_date: "Date d'émission",
      due_date: "Date d'échéance",
      status: "Statut",
      currency: "Devise",
      purchase_order: "Bon de commande",
      payment_iban: "IBAN de paiement",
      performance_start_date: "Début de prestation",
      performance_end_date: "Fin de prestation",
      terms_and_conditions: "Conditions générales",
      header: "En-tête",
      footer: "Pied de page",
      title: "Désignation",
      description: "Description",
      quantity: "Quantité",
      unit: "Unité",
      unit_price: "Prix unitaire HT",
      vat_rate: "Taux de TVA",
      vat_exemption_reason: "Motif d'exonération de TVA",
      discount: "Remise",
    },
    notes: {
      number:
        "Obligatoire. Numéro de la facture, 40 caractères au plus, unique dans Qonto. Une ligne du fichier est une ligne de facture : les lignes d'une même facture portent son numéro et se suivent ; sur les suivantes, les colonnes de la facture peuvent rester vides.",
      client_vat_number:
        "N° de TVA intracommunautaire du client, par ex. FR23802954784. Le client doit déjà être dans Qonto : il est cherché par son n° de TVA, sinon son e-mail, sinon son nom ; remplissez au moins une de ces colonnes.",
      client_email:
        "E-mail du client, pour le retrouver dans Qonto quand la facture ne donne pas son n° de TVA.",
      client_name:
        "Nom du client tel qu'il est dans Qonto (raison sociale, ou prénom et nom d'un particulier) : sert quand ni le n° de TVA ni l'e-mail ne le trouvent.",
      issue_date: "Obligatoire. Date d'émission : jj/mm/aaaa (ou aaaa-mm-jj), ou une cellule date.",
      due_date: "Obligatoire. Date d'échéance du paiement : jj/mm/aaaa (ou aaaa-mm-jj), ou une cellule date.",
      status:
        "Facultatif. Brouillon (modifiable dans Qonto) ou À payer (facture finalisée, qui ne peut plus être supprimée). Vide : à payer.",
      currency: "Facultatif. EUR : Qonto ne facture qu'en euros.",
      purchase_order: "Facultatif. Référence du bon de commande du client, 40 caractères au plus.",
      payment_iban:
        "Obligatoire. L'IBAN du compte Qonto sur lequel le client paie, par ex. FR76 3000 6000 0112 3456 7890 189 ; la clé est vérifiée.",
      performance_start_date:
        "Facultatif. Début de la période de prestation, jj/mm/aaaa. Obligatoire si une fin est donnée.",
      performance_end_date: "Facultatif. Fin de la période de prestation, jj/mm/aaaa, pas avant son début.",
      terms_and_conditions:
        "Facultatif. Conditions de paiement et mentions légales (pénalités de retard, indemnité forfaitaire de 40 €), 525 caractères au plus.",
      header: "Facultatif. Texte affiché en haut de la facture.",
      footer: "Facultatif. Texte affiché en bas de la facture.",
      title: "Obligatoire. Désignation du produit ou de la prestation, 250 caractères au plus.",
      description: "Facultatif. Détail de la ligne, affiché sous la désignation.",
      quantity: "Obligatoire. Quantité, avec une virgule décimale si besoin (2,5).",
      unit: "Facultatif. Unité : heure, jour, pièce, forfait…",
      unit_price: "Obligatoire. Prix unitaire hors taxes en euros, par ex. 1200,00 ou 1 200,00 €.",
      vat_rate: "Obligatoire. Taux de TVA de la ligne : {rates} (avec un motif d'exonération).",
      vat_exemption_reason:
        "Quand le taux est 0 % : le code du motif d'exonération, par ex. S293B (franchise en base), S262 (livraison intracommunautaire), S283 (autoliquidation).",
      discount:
        "Facultatif. Remise sur la ligne : un pourcentage (10 %) ou un montant hors taxes en euros (50,00).",
    },
    statuses: ["Brouillon", "À payer"],
    vatRates: ["0", "2.1", "5.5", "10", "20"],
    or: "ou",
    iban: "FR7630006000011234567890189",
    ibanText: "FR76 3000 6000 0112 3456 7890 189",
    decimalMark: ",",
    percentSpace: true,
    dateOrder: "dmy",
    dateSeparator: "/",
    examples: [
      {
        number: "F-2025-001",
        client_vat_number: "FR23802954784",
        client_name: "Atelier Lumière SARL",
        issue_date: "2025-01-15",
        due_date: "2025-02-14",
        status: "draft",
        purchase_order: "BC-2025-042",
        performance_start_date: "2025-01-06",
        performance_end_date: "2025-01-31",
        terms_and_conditions:
          "Paiement à 30 jours. Pénalités de retard : trois fois le taux d'intérêt légal ; indemnité forfaitaire pour frais de recouvrement : 40 €.",
        header: "Refonte de l'identité visuelle",
        footer: "Merci de votre confiance.",
        lines: [
          {
            title: "Création du logo",
            description: "Trois propositions, deux séries de corrections",
            quantity: "1",
            unit: "forfait",
            unit_price: "1200.00",
            vat_rate: "20",
            discount: "10",
          },
          {
            title: "Impression de cartes de visite",
            quantity: "500",
            unit: "pièce",
            unit_price: "0.35",
            vat_rate: "20",
          },
        ],
      },
      {
        number: "F-2025-002",
        client_email: "contact@atelier-lumiere.fr",
        client_name: "Atelier Lumière SARL",
        issue_date: "2025-01-31",
        due_date: "2025-03-02",
        status: "draft",
        lines: [
          {
            title: "Mise à jour du site web",
            quantity: "2.5",
            unit: "heure",
            unit_price: "65.00",
            vat_rate: "20",
          },
        ],
      },
    ],
  },

  en: {
    sheetName: "Invoices",
    headers: {
      number: "Invoice number",
      client_vat_number: "Client VAT number",
      client_email: "Client email",
      client_name: "Client name",
      issue_date: "Issue date",
      due_date: "Due date",
      status: "Status",
      currency: "Currency",
      purchase_order: "Purchase order",
      payment_iban: "Payment IBAN",
      performance_start_date: "Performance start date",
      performance_end_date: "Performance end date",
      terms_and_conditions: "Terms and conditions",
      header: "Header",
      footer: "Footer",
      title: "Item title",
      description: "Description",
      quantity: "Quantity",
      unit: "Unit",
      unit_price: "Unit price",
      vat_rate: "VAT rate",
      vat_exemption_reason: "VAT exemption reason",
      discount: "Discount",
    },
    notes: {
      number:
        "Required. The invoice number, 40 characters at most, unique in Qonto. One row is one invoice line: the rows of one invoice share its number and follow each other; on its later rows the invoice's columns may be left empty.",
      client_vat_number:
        "The client's VAT number, e.g. GB980780684. The client must already be in Qonto: it is looked up by VAT number, else e-mail, else name; fill in at least one of these columns.",
      client_email: "The client's e-mail address, to find it in Qonto when the invoice gives no VAT number.",
      client_name:
        "The client's name as in Qonto (company name, or first and last name of a person): used when neither the VAT number nor the e-mail finds it.",
      issue_date: "Required. Issue date: yyyy-mm-dd (or dd/mm/yyyy), or a date cell.",
      due_date: "Required. Payment due date: yyyy-mm-dd (or dd/mm/yyyy), or a date cell.",
      status:
        "Optional. draft (can still be edited in Qonto) or unpaid (finalized: it can no longer be deleted). Empty: unpaid.",
      currency: "Optional. EUR: Qonto invoices in euros only.",
      purchase_order: "Optional. The client's purchase order reference, 40 characters at most.",
      payment_iban:
        "Required. The IBAN of the Qonto account the client pays to, e.g. FR76 3000 6000 0112 3456 7890 189; its check digits are verified.",
      performance_start_date:
        "Optional. Start of the period the invoice covers, yyyy-mm-dd. Required when an end date is given.",
      performance_end_date:
        "Optional. End of the period the invoice covers, yyyy-mm-dd, not before its start.",
      terms_and_conditions: "Optional. Payment terms and legal notices, 525 characters at most.",
      header: "Optional. Text shown at the top of the invoice.",
      footer: "Optional. Text shown at the bottom of the invoice.",
      title: "Required. The product or service, 250 characters at most.",
      description: "Optional. Details of the line, shown under its title.",
      quantity: "Required. The quantity, with a decimal point if needed (2.5).",
      unit: "Optional. The unit: hour, day, piece, package...",
      unit_price: "Required. Unit price excluding VAT, in euros, e.g. 1200.00 or 1,200.00.",
      vat_rate: "Required. The line's VAT rate: {rates} (with an exemption reason).",
      vat_exemption_reason:
        "When the VAT rate is 0%: the exemption reason code, e.g. S259 (services to a business abroad), S262 (intra-EU supply of goods), S293B (VAT-exempt small business).",
      discount:
        "Optional. Discount on the line: a percentage (10%) or an amount in euros excluding VAT (50.00).",
    },
    statuses: ["draft", "unpaid"],
    vatRates: ["0", "2.1", "5.5", "10", "20"],
    or: "or",
    iban: "FR7630006000011234567890189",
    ibanText: "FR76 3000 6000 0112 3456 7890 189",
    decimalMark: ".",
    percentSpace: false,
    dateOrder: "ymd",
    dateSeparator: "-",
    examples: [
      {
        number: "INV-2025-001",
        client_vat_number: "GB980780684",
        client_name: "Harbour & Finch Ltd",
        issue_date: "2025-01-15",
        due_date: "2025-02-14",
        status: "draft",
        purchase_order: "PO-4471",
        performance_start_date: "2025-01-06",
        performance_end_date: "2025-01-31",
        terms_and_conditions: "Payment within 30 days of the invoice date.",
        header: "Brand identity redesign",
        footer: "Thank you for your business.",
        lines: [
          {
            title: "Logo design",
            description: "Three proposals, two rounds of changes",
            quantity: "1",
            unit: "package",
            unit_price: "1200.00",
            vat_rate: "0",
            vat_exemption_reason: "S259",
            discount: "10",
          },
          {
            title: "Brand guidelines",
            quantity: "1",
            unit: "package",
            unit_price: "450.00",
            vat_rate: "0",
            vat_exemption_reason: "S259",
          },
        ],
      },
      {
        number: "INV-2025-002",
        client_email: "accounts@harbourfinch.co.uk",
        client_name: "Harbour & Finch Ltd",
        issue_date: "2025-01-31",
        due_date: "2025-03-02",
        status: "draft",
        lines: [
          {
            title: "Website updates",
            quantity: "2.5",
            unit: "hour",
            unit_price: "65.00",
            vat_rate: "0",
            vat_exemption_reason: "S259",
          },
        ],
      },
    ],
  },

  it: {
    sheetName: "Fatture",
    headers: {
      number: "Numero fattura",
      client_vat_number: "Partita IVA cliente",
      client_email: "Email cliente",
      client_name: "Nome cliente",
      issue_date: "Data fattura",
      due_date: "Data scadenza",
      status: "Stato",
      currency: "Valuta",
      purchase_order: "Ordine di acquisto",
      payment_iban: "IBAN di pagamento",
      performance_start_date: "Data inizio prestazione",
      performance_end_date: "Data fine prestazione",
      terms_and_conditions: "Termini e condizioni",
      header: "Intestazione",
      footer: "Piè di pagina",
      title: "Articolo",
      description: "Descrizione",
      quantity: "Quantità",
      unit: "Unità di misura",
      unit_price: "Prezzo unitario",
      vat_rate: "Aliquota IVA",
      vat_exemption_reason: "Natura IVA",
      discount: "Sconto",
      report_einvoicing: "Invio SDI",
      stamp_duty_amount: "Imposta di bollo",
      withholding_tax_rate: "Ritenuta d'acconto",
    },
    notes: {
      number:
        "Obbligatorio. Numero della fattura, 40 caratteri al massimo, unico in Qonto. Una riga del file è una riga di fattura: le righe di una stessa fattura hanno il suo numero e sono consecutive; nelle successive le colonne della fattura possono restare vuote.",
      client_vat_number:
        "Partita IVA del cliente, es. IT03145220970. Il cliente deve essere già in Qonto: è cercato per partita IVA, altrimenti per email, altrimenti per nome; compilare almeno una di queste colonne.",
      client_email:
        "Email del cliente, per trovarlo in Qonto quando la fattura non ne indica la partita IVA.",
      client_name:
        "Nome del cliente come in Qonto (ragione sociale, o nome e cognome di un privato): usato quando né la partita IVA né l'email lo trovano.",
      issue_date: "Obbligatoria. Data di emissione: gg/mm/aaaa (o aaaa-mm-gg), o una cella data.",
      due_date: "Obbligatoria. Data di scadenza del pagamento: gg/mm/aaaa (o aaaa-mm-gg), o una cella data.",
      status:
        "Facoltativo. Bozza (ancora modificabile in Qonto) o Da pagare (fattura emessa, che non si può più eliminare). Vuoto: da pagare.",
      currency: "Facoltativo. EUR: Qonto fattura solo in euro.",
      purchase_order:
        "Facoltativo. Riferimento dell'ordine di acquisto del cliente, 40 caratteri al massimo.",
      payment_iban:
        "Obbligatorio. L'IBAN del conto Qonto su cui il cliente paga, es. IT60 X054 2811 1010 0000 0123 456; i caratteri di controllo vengono verificati.",
      performance_start_date:
        "Facoltativo. Inizio del periodo della prestazione, gg/mm/aaaa. Obbligatorio se è indicata la fine.",
      performance_end_date:
        "Facoltativo. Fine del periodo della prestazione, gg/mm/aaaa, non prima dell'inizio.",
      terms_and_conditions: "Facoltativo. Condizioni di pagamento e note legali, 525 caratteri al massimo.",
      header: "Facoltativo. Testo mostrato in alto nella fattura.",
      footer: "Facoltativo. Testo mostrato in fondo alla fattura.",
      title: "Obbligatorio. Il prodotto o servizio, 250 caratteri al massimo.",
      description: "Facoltativo. Dettaglio della riga, mostrato sotto l'articolo.",
      quantity: "Obbligatoria. Quantità, con la virgola decimale se serve (2,5).",
      unit: "Facoltativo. Unità di misura: ore, giorni, pezzi, a corpo...",
      unit_price: "Obbligatorio. Prezzo unitario IVA esclusa in euro, es. 1200,00 o 1.200,00 €.",
      vat_rate: "Obbligatoria. Aliquota IVA della riga: {rates} (con la natura IVA).",
      vat_exemption_reason:
        "Se l'aliquota è 0%: il codice natura dell'operazione (N1, N2.1, N2.2, N3.1 ... N7), come nella fattura elettronica.",
      discount:
        "Facoltativo. Sconto sulla riga: una percentuale (10%) o un importo IVA esclusa in euro (50,00).",
      report_einvoicing:
        "Solo organizzazioni italiane. Sì o No: inviare la fattura allo SDI. Vuoto: secondo le impostazioni di Qonto.",
      stamp_duty_amount:
        "Solo organizzazioni italiane. Imposta di bollo in euro (2,00) per le fatture esenti IVA oltre 77,47 €.",
      withholding_tax_rate:
        "Solo organizzazioni italiane (e liberi professionisti spagnoli). Aliquota della ritenuta d'acconto, es. 20%.",
    },
    statuses: ["Bozza", "Da pagare"],
    vatRates: ["0", "4", "5", "10", "22"],
    or: "o",
    yesNo: ["Sì", "No"],
    iban: "IT60X0542811101000000123456",
    ibanText: "IT60 X054 2811 1010 0000 0123 456",
    decimalMark: ",",
    percentSpace: false,
    dateOrder: "dmy",
    dateSeparator: "/",
    examples: [
      {
        number: "2025/001",
        client_vat_number: "IT03145220970",
        client_name: "Trattoria Da Gino S.r.l.",
        issue_date: "2025-01-15",
        due_date: "2025-02-14",
        status: "draft",
        purchase_order: "ODA-2025-042",
        performance_start_date: "2025-01-06",
        performance_end_date: "2025-01-31",
        terms_and_conditions: "Pagamento a 30 giorni data fattura.",
        header: "Nuova identità visiva",
        footer: "Grazie per la fiducia.",
        lines: [
          {
            title: "Progettazione del logo",
            description: "Tre proposte, due revisioni",
            quantity: "1",
            unit: "a corpo",
            unit_price: "1200.00",
            vat_rate: "22",
            discount: "10",
          },
          {
            title: "Stampa biglietti da visita",
            quantity: "500",
            unit: "pezzi",
            unit_price: "0.35",
            vat_rate: "22",
          },
        ],
      },
      {
        number: "2025/002",
        client_email: "amministrazione@dagino.it",
        client_name: "Trattoria Da Gino S.r.l.",
        issue_date: "2025-01-31",
        due_date: "2025-03-02",
        status: "draft",
        lines: [
          {
            title: "Aggiornamento sito web",
            quantity: "2.5",
            unit: "ore",
            unit_price: "65.00",
            vat_rate: "22",
          },
        ],
      },
    ],
  },

  de: {
    sheetName: "Rechnungen",
    headers: {
      number: "Rechnungsnummer",
      client_vat_number: "USt-IdNr.",
      client_email: "Kunden-E-Mail",
      client_name: "Kundenname",
      issue_date: "Rechnungsdatum",
      due_date: "Fälligkeitsdatum",
      status: "Status",
      currency: "Währung",
      purchase_order: "Bestellnummer",
      payment_iban: "Zahlungs-IBAN",
      performance_start_date: "Leistungsbeginn",
      performance_end_date: "Leistungsende",
      terms_and_conditions: "Geschäftsbedingungen",
      header: "Kopfzeile",
      footer: "Fußzeile",
      title: "Bezeichnung",
      description: "Beschreibung",
      quantity: "Menge",
      unit: "Einheit",
      unit_price: "Einzelpreis netto",
      vat_rate: "MwSt-Satz",
      vat_exemption_reason: "Steuerbefreiungsgrund",
      discount: "Rabatt",
    },
    notes: {
      number:
        "Pflicht. Rechnungsnummer, höchstens 40 Zeichen, in Qonto eindeutig. Eine Zeile der Datei ist eine Rechnungsposition: die Zeilen einer Rechnung tragen ihre Nummer und folgen aufeinander; in den weiteren Zeilen dürfen die Rechnungsspalten leer bleiben.",
      client_vat_number:
        "USt-IdNr. des Kunden, z. B. DE136820624. Der Kunde muss schon in Qonto sein: er wird über die USt-IdNr. gesucht, sonst über die E-Mail, sonst über den Namen; mindestens eine dieser Spalten ausfüllen.",
      client_email: "E-Mail des Kunden, um ihn in Qonto zu finden, wenn die Rechnung keine USt-IdNr. angibt.",
      client_name:
        "Name des Kunden wie in Qonto (Firmenname, oder Vor- und Nachname einer Privatperson): dient, wenn weder USt-IdNr. noch E-Mail ihn finden.",
      issue_date: "Pflicht. Rechnungsdatum: TT.MM.JJJJ (oder JJJJ-MM-TT), oder eine Datumszelle.",
      due_date: "Pflicht. Fälligkeitsdatum der Zahlung: TT.MM.JJJJ (oder JJJJ-MM-TT), oder eine Datumszelle.",
      status:
        "Optional. Entwurf (in Qonto noch änderbar) oder Offen (festgeschrieben, kann nicht mehr gelöscht werden). Leer: offen.",
      currency: "Optional. EUR: Qonto stellt Rechnungen nur in Euro.",
      purchase_order: "Optional. Bestellnummer des Kunden, höchstens 40 Zeichen.",
      payment_iban:
        "Pflicht. IBAN des Qonto-Kontos, auf das der Kunde zahlt, z. B. DE89 3704 0044 0532 0130 00; die Prüfziffern werden geprüft.",
      performance_start_date:
        "Optional. Beginn des Leistungszeitraums, TT.MM.JJJJ. Pflicht, wenn ein Ende angegeben ist.",
      performance_end_date: "Optional. Ende des Leistungszeitraums, TT.MM.JJJJ, nicht vor seinem Beginn.",
      terms_and_conditions: "Optional. Zahlungsbedingungen und Pflichtangaben, höchstens 525 Zeichen.",
      header: "Optional. Text oben auf der Rechnung.",
      footer: "Optional. Text unten auf der Rechnung.",
      title: "Pflicht. Produkt oder Leistung, höchstens 250 Zeichen.",
      description: "Optional. Einzelheiten der Position, unter der Bezeichnung angezeigt.",
      quantity: "Pflicht. Menge, bei Bedarf mit Dezimalkomma (2,5).",
      unit: "Optional. Einheit: Std., Tag, Stück, pauschal...",
      unit_price: "Pflicht. Einzelpreis netto in Euro, z. B. 1200,00 oder 1.200,00 €.",
      vat_rate: "Pflicht. MwSt-Satz der Position: {rates} (mit Steuerbefreiungsgrund).",
      vat_exemption_reason:
        "Bei 0 %: der Code des Befreiungsgrunds, den Qonto für die Rechnung erwartet, höchstens 10 Zeichen.",
      discount:
        "Optional. Rabatt auf die Position: ein Prozentsatz (10 %) oder ein Nettobetrag in Euro (50,00).",
    },
    statuses: ["Entwurf", "Offen"],
    vatRates: ["0", "7", "19"],
    or: "oder",
    iban: "DE89370400440532013000",
    ibanText: "DE89 3704 0044 0532 0130 00",
    decimalMark: ",",
    percentSpace: true,
    dateOrder: "dmy",
    dateSeparator: ".",
    examples: [
      {
        number: "RE-2025-001",
        client_vat_number: "DE136820624",
        client_name: "Müller Maschinenbau GmbH",
        issue_date: "2025-01-15",
        due_date: "2025-02-14",
        status: "draft",
        purchase_order: "BE-2025-042",
        performance_start_date: "2025-01-06",
        performance_end_date: "2025-01-31",
        terms_and_conditions: "Zahlbar innerhalb von 30 Tagen ohne Abzug.",
        header: "Neugestaltung des Corporate Designs",
        footer: "Vielen Dank für Ihren Auftrag.",
        lines: [
          {
            title: "Logoentwicklung",
            description: "Drei Entwürfe, zwei Korrekturschleifen",
            quantity: "1",
            unit: "pauschal",
            unit_price: "1200.00",
            vat_rate: "19",
            discount: "10",
          },
          {
            title: "Druck von Visitenkarten",
            quantity: "500",
            unit: "Stück",
            unit_price: "0.35",
            vat_rate: "19",
          },
        ],
      },
      {
        number: "RE-2025-002",
        client_email: "buchhaltung@mueller-maschinenbau.de",
        client_name: "Müller Maschinenbau GmbH",
        issue_date: "2025-01-31",
        due_date: "2025-03-02",
        status: "draft",
        lines: [
          {
            title: "Aktualisierung der Website",
            quantity: "2.5",
            unit: "Std.",
            unit_price: "65.00",
            vat_rate: "19",
          },
        ],
      },
    ],
  },

  es: {
    sheetName: "Facturas",
    headers: {
      number: "Número de factura",
      client_vat_number: "NIF-IVA cliente",
      client_email: "Correo cliente",
      client_name: "Nombre del cliente",
      issue_date: "Fecha de emisión",
      due_date: "Fecha de vencimiento",
      status: "Estado",
      currency: "Moneda",
      purchase_order: "Orden de compra",
      payment_iban: "IBAN de pago",
      performance_start_date: "Fecha inicio servicio",
      performance_end_date: "Fecha fin servicio",
      terms_and_conditions: "Términos y condiciones",
      header: "Encabezado",
      footer: "Pie de página",
      title: "Concepto",
      description: "Descripción",
      quantity: "Cantidad",
      unit: "Unidad",
      unit_price: "Precio unitario",
      vat_rate: "Tipo de IVA",
      vat_exemption_reason: "Causa de exención",
      discount: "Descuento",
      withholding_tax_rate: "Retención IRPF",
    },
    notes: {
      number:
        "Obligatorio. Número de la factura, 40 caracteres como máximo, único en Qonto. Una fila del archivo es una línea de factura: las filas de una misma factura llevan su número y van seguidas; en las siguientes, las columnas de la factura pueden quedar vacías.",
      client_vat_number:
        "NIF-IVA del cliente, p. ej. ESB65987653. El cliente debe estar ya en Qonto: se busca por su NIF-IVA, si no por su correo, si no por su nombre; rellene al menos una de estas columnas.",
      client_email: "Correo del cliente, para encontrarlo en Qonto cuando la factura no da su NIF-IVA.",
      client_name:
        "Nombre del cliente tal como está en Qonto (razón social, o nombre y apellidos de un particular): sirve cuando ni el NIF-IVA ni el correo lo encuentran.",
      issue_date: "Obligatoria. Fecha de emisión: dd/mm/aaaa (o aaaa-mm-dd), o una celda de fecha.",
      due_date:
        "Obligatoria. Fecha de vencimiento del pago: dd/mm/aaaa (o aaaa-mm-dd), o una celda de fecha.",
      status:
        "Opcional. Borrador (aún modificable en Qonto) o Pendiente (emitida: ya no se puede eliminar). Vacío: pendiente.",
      currency: "Opcional. EUR: Qonto solo factura en euros.",
      purchase_order: "Opcional. Referencia del pedido del cliente, 40 caracteres como máximo.",
      payment_iban:
        "Obligatorio. El IBAN de la cuenta Qonto en la que paga el cliente, p. ej. ES91 2100 0418 4502 0005 1332; se comprueban sus dígitos de control.",
      performance_start_date:
        "Opcional. Inicio del periodo del servicio, dd/mm/aaaa. Obligatorio si se indica el fin.",
      performance_end_date: "Opcional. Fin del periodo del servicio, dd/mm/aaaa, no anterior a su inicio.",
      terms_and_conditions: "Opcional. Condiciones de pago y menciones legales, 525 caracteres como máximo.",
      header: "Opcional. Texto que aparece arriba en la factura.",
      footer: "Opcional. Texto que aparece abajo en la factura.",
      title: "Obligatorio. El producto o servicio, 250 caracteres como máximo.",
      description: "Opcional. Detalle de la línea, bajo el concepto.",
      quantity: "Obligatoria. Cantidad, con coma decimal si hace falta (2,5).",
      unit: "Opcional. Unidad: horas, días, unidades, servicio...",
      unit_price: "Obligatorio. Precio unitario sin IVA en euros, p. ej. 1200,00 o 1.200,00 €.",
      vat_rate: "Obligatorio. Tipo de IVA de la línea: {rates} (con una causa de exención).",
      vat_exemption_reason:
        "Con un tipo del 0 %: el código de la causa de exención que Qonto espera para la factura, 10 caracteres como máximo.",
      discount:
        "Opcional. Descuento en la línea: un porcentaje (10 %) o un importe sin IVA en euros (50,00).",
      withholding_tax_rate:
        "Solo autónomos españoles (y organizaciones italianas). Porcentaje de retención del IRPF, p. ej. 15 %. Vacío para las empresas.",
    },
    statuses: ["Borrador", "Pendiente"],
    vatRates: ["0", "4", "10", "21"],
    or: "o",
    iban: "ES9121000418450200051332",
    ibanText: "ES91 2100 0418 4502 0005 1332",
    decimalMark: ",",
    percentSpace: true,
    dateOrder: "dmy",
    dateSeparator: "/",
    examples: [
      {
        number: "FAC-2025-001",
        client_vat_number: "ESB65987653",
        client_name: "Distribuciones García S.L.",
        issue_date: "2025-01-15",
        due_date: "2025-02-14",
        status: "draft",
        purchase_order: "OC-2025-042",
        performance_start_date: "2025-01-06",
        performance_end_date: "2025-01-31",
        terms_and_conditions: "Pago a 30 días desde la fecha de factura.",
        header: "Rediseño de la identidad corporativa",
        footer: "Gracias por su confianza.",
        lines: [
          {
            title: "Diseño del logotipo",
            description: "Tres propuestas, dos rondas de cambios",
            quantity: "1",
            unit: "servicio",
            unit_price: "1200.00",
            vat_rate: "21",
            discount: "10",
          },
          {
            title: "Impresión de tarjetas de visita",
            quantity: "500",
            unit: "unidades",
            unit_price: "0.35",
            vat_rate: "21",
          },
        ],
      },
      {
        number: "FAC-2025-002",
        client_email: "administracion@distribucionesgarcia.es",
        client_name: "Distribuciones García S.L.",
        issue_date: "2025-01-31",
        due_date: "2025-03-02",
        status: "draft",
        lines: [
          {
            title: "Actualización del sitio web",
            quantity: "2.5",
            unit: "horas",
            unit_price: "65.00",
            vat_rate: "21",
          },
        ],
      },
    ],
  },
};

/** A template cell: its CSV text, and its XLSX value (a number, a date at midnight UTC, or the text). */
export interface InvoiceTemplateCell {
  text: string;
  value: string | number | Date;
}

export interface InvoiceTemplateTable {
  fields: InvoiceTemplateField[];
  headers: string[];
  /** The example rows, one cell per column ({ text: "", value: "" } where the row has nothing). */
  rows: InvoiceTemplateCell[][];
}

/** The columns and example rows of a language's invoice template. */
export function invoiceTemplateTable(lang: TemplateLang): InvoiceTemplateTable {
  const spec = LANGS[lang];
  const fields = INVOICE_TEMPLATE_FIELDS.filter((f) => spec.headers[f] !== undefined);
  const rows: InvoiceTemplateCell[][] = [];
  for (const invoice of spec.examples)
    invoice.lines.forEach((line, i) => {
      const values = exampleValues(spec, invoice, line);
      rows.push(
        fields.map((field) => {
          const value = i === 0 || LINE_FIELDS.has(field) || field === "number" ? values[field] : undefined;
          return value === undefined ? { text: "", value: "" } : cell(spec, field, value);
        }),
      );
    });
  return { fields, headers: fields.map((f) => spec.headers[f] ?? ""), rows };
}

/** The example invoices of a language, language-neutral (what the payloads carry: ISO dates, decimal points). */
export function invoiceTemplateExamples(lang: TemplateLang): readonly ExampleInvoice[] {
  return LANGS[lang].examples;
}

/** The IBAN a language's example invoices are paid to, in its electronic form. */
export function invoiceTemplateIban(lang: TemplateLang): string {
  return LANGS[lang].iban;
}

export function invoiceTemplateSheetName(lang: TemplateLang): string {
  return LANGS[lang].sheetName;
}

/** The note on a template's header cell for a field, in the template's language. */
export function invoiceTemplateNote(lang: TemplateLang, field: InvoiceTemplateField): string {
  const spec = LANGS[lang];
  const note = spec.notes[field];
  if (note === undefined) throw new Error(`no note for ${field} in the ${lang} invoice template`);
  const rates = spec.vatRates.map((rate) => percentText(spec, rate)).reverse();
  const last = rates.pop() ?? "";
  return note.replace("{rates}", rates.length > 0 ? `${rates.join(", ")} ${spec.or} ${last}` : last);
}

/** The values of a template's drop-down list for a field, or undefined when the column has none. */
export function invoiceTemplateList(
  lang: TemplateLang,
  field: InvoiceTemplateField,
): readonly string[] | undefined {
  const spec = LANGS[lang];
  switch (field) {
    case "status":
      return spec.statuses;
    case "currency":
      return ["EUR"];
    case "vat_rate":
      return spec.vatRates.map((rate) => percentText(spec, rate));
    case "report_einvoicing":
      return spec.yesNo;
    default:
      return undefined;
  }
}

/** The XLSX number format of a field's column: text for codes and rates, the language's dates, two decimals. */
export function invoiceTemplateNumFmt(lang: TemplateLang, field: InvoiceTemplateField): string | undefined {
  if (TEXT_FIELDS.has(field)) return "@";
  if (DATE_FIELDS.has(field))
    return LANGS[lang].dateOrder === "ymd"
      ? "yyyy-mm-dd"
      : `dd${LANGS[lang].dateSeparator}mm${LANGS[lang].dateSeparator}yyyy`;
  if (MONEY_FIELDS.has(field)) return "#,##0.00";
  return undefined;
}

/** An example invoice's value for each field on the row of one of its lines, language-neutral. */
function exampleValues(
  spec: InvoiceLangSpec,
  invoice: ExampleInvoice,
  line: ExampleLine,
): Partial<Record<InvoiceTemplateField, string>> {
  const { lines: _lines, status, ...level } = invoice;
  return {
    ...level,
    status: spec.statuses[status === "draft" ? 0 : 1],
    currency: "EUR",
    payment_iban: spec.ibanText,
    ...line,
  };
}

function cell(spec: InvoiceLangSpec, field: InvoiceTemplateField, value: string): InvoiceTemplateCell {
  if (DATE_FIELDS.has(field)) {
    const [y = "", m = "", d = ""] = value.split("-");
    const text = spec.dateOrder === "ymd" ? value : [d, m, y].join(spec.dateSeparator);
    return { text, value: new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))) };
  }
  if (NUMBER_FIELDS.has(field)) return { text: decimalText(spec, value), value: Number(value) };
  if (field === "vat_rate" || field === "discount") {
    const text = percentText(spec, value);
    return { text, value: text };
  }
  return { text: value, value };
}

function decimalText(spec: InvoiceLangSpec, decimal: string): string {
  return spec.decimalMark === "," ? decimal.replace(".", ",") : decimal;
}

function percentText(spec: InvoiceLangSpec, percent: string): string {
  return `${decimalText(spec, percent)}${spec.percentSpace ? " " : ""}%`;
}
