// The clients import template: its columns, headers, notes, example rows and drop-down lists in every language.
//
// aliases.ts does not say which language an alias belongs to, so the headers are an explicit table here (for
// invoices, in src/invoices/template.ts); a test checks that each one is an alias of its field and that matchHeader
// (matchInvoiceHeader) maps it back to that field.
import isoCountries from "i18n-iso-countries";
import type { SourceField } from "../map/aliases.js";
import { normalizeCountry } from "../validate/countries.js";
import { ITALIAN_PROVINCES } from "../validate/italy.js";
import { LOCALES } from "../validate/schema.js";
import type { TemplateLang } from "../template/kinds.js";

/** The fields a template has a column for, in column order; a language may leave some out (see LANGS). */
const FIELD_ORDER = [
  "kind",
  "name",
  "first_name",
  "last_name",
  "email",
  "extra_emails",
  "phone",
  "vat_number",
  "tax_identification_number",
  "address",
  "address2",
  "zip_code",
  "city",
  "province_code",
  "country",
  "locale",
  "currency",
  "e_invoicing_address",
  "recipient_code",
] as const satisfies readonly SourceField[];

export type TemplateField = (typeof FIELD_ORDER)[number];

export interface LangSpec {
  /** CSV delimiter: what Excel expects in that language's locale. */
  delimiter: "," | ";";
  sheetName: string;
  /** Header of each column; a field without one has no column in this language's template. */
  headers: Partial<Record<TemplateField, string>>;
  /** The note on each header: what the field is, whether it is required, its format. */
  notes: Partial<Record<TemplateField, string>>;
  /** The example row: a client of that language's country that imports with no problem. */
  example: Partial<Record<TemplateField, string>>;
  /** The kind drop-down: the words for company, individual (and freelancer where it applies) the importer reads. */
  kinds: readonly string[];
  /** Title and message of the warning Excel shows for a value outside a drop-down list. */
  outsideList: [title: string, message: string];
}

export const LANGS: Record<TemplateLang, LangSpec> = {
  en: {
    delimiter: ",",
    sheetName: "Clients",
    headers: {
      kind: "Type",
      name: "Company name",
      first_name: "First name",
      last_name: "Last name",
      email: "Email",
      extra_emails: "Extra emails",
      phone: "Phone",
      vat_number: "VAT number",
      tax_identification_number: "Tax ID",
      address: "Address",
      address2: "Address line 2",
      zip_code: "Zip code",
      city: "City",
      province_code: "Province",
      country: "Country",
      locale: "Language",
      currency: "Currency",
      e_invoicing_address: "E-invoicing address",
      recipient_code: "Recipient code",
    },
    notes: {
      kind: "Optional. company, individual or freelancer (freelancer: Italian organizations only). Empty: a company if the row has a company name or a VAT number, else an individual.",
      name: "Required for a company: its legal name, 250 characters at most. Leave empty for an individual.",
      first_name:
        "Required for an individual or a freelancer, 60 characters at most. On a company: its contact person, optional.",
      last_name:
        "Required for an individual or a freelancer, 60 characters at most. On a company: its contact person, optional.",
      email:
        "Optional. One e-mail address, e.g. accounts@example.com. Also used to find a client already in Qonto.",
      extra_emails: "Optional. Other addresses that receive the invoices, separated by commas or semicolons.",
      phone:
        "Optional. With the country prefix, e.g. +44 20 7946 0958. A number that does not parse is left out (warning).",
      vat_number:
        "Optional. With its country prefix, e.g. GB980780684 or FR12345678901; EU numbers' check digits are verified.",
      tax_identification_number:
        "Optional. The national tax or company number: SIREN/SIRET (FR), codice fiscale (IT), NIF (ES), Steuernummer (DE), company number (UK); 20 characters at most.",
      address:
        "Street and number. Needed, with zip code, city and country, for Qonto to invoice the client; 250 characters at most with line 2.",
      address2: "Optional. Second address line (building, floor), joined to the street.",
      zip_code: "Postcode, as text so that leading zeros stay (01000). Italy: 5 digits.",
      city: "City, 50 characters at most.",
      province_code:
        "Italian addresses only: the two-letter province code (MI, RM, TO). Leave empty for other countries.",
      country: "Two-letter ISO code (GB, IE, FR, IT, DE, ES); a country name is accepted too.",
      locale: "Optional. Language of the client's invoices: en, fr, it, de or es. Empty: from the country.",
      currency: "Optional. ISO 4217 code, e.g. EUR (the default), GBP, USD.",
      e_invoicing_address:
        "Optional, French organizations only: SIREN, SIREN_SIRET, SIREN_SIRET_routing code or SIREN_suffix.",
      recipient_code:
        "Optional, Italian clients only: the SDI recipient code, 7 letters or digits (6 for a public administration); 0000000 when invoices go to a PEC address.",
    },
    example: {
      kind: "company",
      name: "Harbour & Finch Ltd",
      email: "accounts@harbourfinch.co.uk",
      phone: "+44 20 7946 0958",
      vat_number: "GB980780684",
      tax_identification_number: "09876543",
      address: "14 Clerkenwell Road",
      address2: "Unit 3",
      zip_code: "EC1M 5RN",
      city: "London",
      country: "GB",
      locale: "en",
      currency: "GBP",
    },
    kinds: ["company", "individual", "freelancer"],
    outsideList: ["Not in the list", "This value is not in the list: check that the import understands it."],
  },

  fr: {
    delimiter: ";",
    sheetName: "Clients",
    headers: {
      kind: "Type de client",
      name: "Raison sociale",
      first_name: "Prénom",
      last_name: "Nom",
      email: "E-mail",
      extra_emails: "Emails supplémentaires",
      phone: "Téléphone",
      vat_number: "N° TVA intracommunautaire",
      tax_identification_number: "SIRET",
      address: "Adresse",
      address2: "Complément d'adresse",
      zip_code: "Code postal",
      city: "Ville",
      province_code: "Province",
      country: "Pays",
      locale: "Langue",
      currency: "Devise",
      e_invoicing_address: "Adresse de facturation électronique",
    },
    notes: {
      kind: "Facultatif. Société ou Particulier. Vide : une société si la ligne a une raison sociale ou un n° de TVA, sinon un particulier.",
      name: "Obligatoire pour une société : sa raison sociale, 250 caractères au plus. Vide pour un particulier.",
      first_name:
        "Obligatoire pour un particulier, 60 caractères au plus. Pour une société : son contact, facultatif.",
      last_name:
        "Obligatoire pour un particulier, 60 caractères au plus. Pour une société : son contact, facultatif.",
      email:
        "Facultatif. Une seule adresse, par ex. contact@exemple.fr. Sert aussi à retrouver un client déjà dans Qonto.",
      extra_emails:
        "Facultatif. Autres adresses qui reçoivent les factures, séparées par des virgules ou des points-virgules.",
      phone:
        "Facultatif. Avec l'indicatif du pays, par ex. +33 1 23 45 67 89. Un numéro illisible n'est pas envoyé (avertissement).",
      vat_number:
        "Facultatif. Avec le préfixe du pays, par ex. FR12345678901 ; la clé des numéros européens est vérifiée.",
      tax_identification_number:
        "Facultatif. SIRET (14 chiffres) ou SIREN (9 chiffres) d'une entreprise française ; ailleurs, le numéro fiscal du pays. 20 caractères au plus.",
      address:
        "Numéro et rue. Nécessaire, avec le code postal, la ville et le pays, pour que Qonto puisse facturer le client.",
      address2: "Facultatif. Complément (bâtiment, étage), ajouté à la rue.",
      zip_code: "Code postal, en texte pour garder le zéro initial (01000). Italie : 5 chiffres.",
      city: "Ville, 50 caractères au plus.",
      province_code:
        "Adresses italiennes seulement : le code de la province en deux lettres (MI, RM, TO). Vide pour les autres pays.",
      country: "Code ISO à deux lettres (FR, BE, IT, DE, ES) ; un nom de pays est aussi accepté.",
      locale: "Facultatif. Langue des factures : fr, en, it, de ou es. Vide : d'après le pays.",
      currency: "Facultatif. Code ISO 4217, par ex. EUR (par défaut), USD, GBP.",
      e_invoicing_address:
        "Facultatif. SIREN, SIREN_SIRET, SIREN_SIRET_code de routage ou SIREN_suffixe, tel que l'annuaire de la facturation électronique le donne.",
    },
    example: {
      kind: "Société",
      name: "Atelier Lumière SARL",
      email: "contact@atelier-lumiere.fr",
      extra_emails: "compta@atelier-lumiere.fr",
      phone: "+33 4 78 42 10 20",
      vat_number: "FR23802954784",
      tax_identification_number: "80295478400012",
      address: "8 quai Saint-Vincent",
      address2: "Bâtiment B",
      zip_code: "69001",
      city: "Lyon",
      country: "FR",
      locale: "fr",
      currency: "EUR",
      e_invoicing_address: "802954784",
    },
    kinds: ["Société", "Particulier"],
    outsideList: [
      "Valeur hors liste",
      "Cette valeur n'est pas dans la liste : vérifiez que l'import la comprend.",
    ],
  },

  it: {
    delimiter: ";",
    sheetName: "Clienti",
    headers: {
      kind: "Tipo cliente",
      name: "Ragione sociale",
      first_name: "Nome",
      last_name: "Cognome",
      email: "Indirizzo email",
      extra_emails: "Altre email",
      phone: "Telefono",
      vat_number: "Partita IVA",
      tax_identification_number: "Codice fiscale",
      address: "Indirizzo",
      address2: "Indirizzo 2",
      zip_code: "CAP",
      city: "Città",
      province_code: "Provincia",
      country: "Paese",
      locale: "Lingua",
      currency: "Valuta",
      recipient_code: "Codice destinatario",
    },
    notes: {
      kind: "Facoltativo. Azienda, Privato o Libero professionista. Vuoto: azienda se la riga ha una ragione sociale o una partita IVA, altrimenti privato.",
      name: "Obbligatoria per un'azienda, 250 caratteri al massimo. Vuota per un privato.",
      first_name:
        "Obbligatorio per un privato o un libero professionista, 60 caratteri al massimo. Per un'azienda: il referente, facoltativo.",
      last_name:
        "Obbligatorio per un privato o un libero professionista, 60 caratteri al massimo. Per un'azienda: il referente, facoltativo.",
      email:
        "Facoltativo. Un solo indirizzo, es. amministrazione@esempio.it. Serve anche a ritrovare un cliente già presente in Qonto.",
      extra_emails:
        "Facoltativo. Altri indirizzi che ricevono le fatture, separati da virgole o punti e virgola.",
      phone:
        "Facoltativo. Con il prefisso internazionale, es. +39 02 1234 5678. Un numero non valido non viene inviato (avviso).",
      vat_number:
        "Facoltativo. 11 cifre, con o senza il prefisso IT; la cifra di controllo viene verificata.",
      tax_identification_number:
        "Facoltativo. Codice fiscale: 16 caratteri per una persona, le 11 cifre della partita IVA per un'azienda.",
      address:
        "Via e numero civico. Necessario, con CAP, città, provincia e paese, per poter fatturare il cliente.",
      address2: "Facoltativo. Seconda riga (scala, piano), aggiunta alla via.",
      zip_code: "CAP: 5 cifre, come testo per non perdere gli zeri iniziali (00186).",
      city: "Città o comune, 50 caratteri al massimo.",
      province_code:
        "Solo indirizzi italiani: la sigla della provincia (MI, RM, TO), necessaria per fatturare. Vuota per gli altri paesi.",
      country: "Codice ISO di due lettere (IT, SM, FR, DE); è accettato anche il nome del paese.",
      locale: "Facoltativo. Lingua delle fatture: it, en, fr, de o es. Vuoto: secondo il paese.",
      currency: "Facoltativo. Codice ISO 4217, es. EUR (predefinito), USD, GBP.",
      recipient_code:
        "Facoltativo, solo clienti italiani: il codice destinatario SDI, 7 caratteri (6 per la PA); 0000000 se le fatture vanno a una PEC.",
    },
    example: {
      kind: "Azienda",
      name: "Trattoria Da Gino S.r.l.",
      email: "amministrazione@dagino.it",
      phone: "+39 02 7200 1234",
      vat_number: "IT03145220970",
      tax_identification_number: "03145220970",
      address: "Via Torino 45",
      address2: "Scala B",
      zip_code: "20123",
      city: "Milano",
      province_code: "MI",
      country: "IT",
      locale: "it",
      currency: "EUR",
      recipient_code: "M5UXCR1",
    },
    kinds: ["Azienda", "Privato", "Libero professionista"],
    outsideList: [
      "Valore non in elenco",
      "Questo valore non è nell'elenco: verificare che l'importazione lo riconosca.",
    ],
  },

  de: {
    delimiter: ";",
    sheetName: "Kunden",
    headers: {
      kind: "Kundentyp",
      name: "Firmenname",
      first_name: "Vorname",
      last_name: "Nachname",
      email: "E-Mail",
      extra_emails: "Weitere E-Mails",
      phone: "Telefon",
      vat_number: "USt-IdNr.",
      tax_identification_number: "Steuernummer",
      address: "Straße",
      address2: "Adresszusatz",
      zip_code: "PLZ",
      city: "Ort",
      // No German alias names an Italian province ("Bundesland" is a German state): the Italian word, which the
      // note explains.
      province_code: "Provincia",
      country: "Land",
      locale: "Sprache",
      currency: "Währung",
    },
    notes: {
      kind: "Optional. Unternehmen oder Privatperson. Leer: ein Unternehmen, wenn die Zeile einen Firmennamen oder eine USt-IdNr. hat, sonst eine Privatperson.",
      name: "Pflicht für ein Unternehmen: der Firmenname, höchstens 250 Zeichen. Leer für eine Privatperson.",
      first_name:
        "Pflicht für eine Privatperson, höchstens 60 Zeichen. Bei einem Unternehmen: die Kontaktperson, optional.",
      last_name:
        "Pflicht für eine Privatperson, höchstens 60 Zeichen. Bei einem Unternehmen: die Kontaktperson, optional.",
      email:
        "Optional. Eine einzige Adresse, z. B. buchhaltung@beispiel.de. Dient auch dazu, einen schon in Qonto vorhandenen Kunden zu erkennen.",
      extra_emails: "Optional. Weitere Empfänger der Rechnungen, durch Kommas oder Semikolons getrennt.",
      phone:
        "Optional. Mit Ländervorwahl, z. B. +49 30 1234567. Eine ungültige Nummer wird nicht übertragen (Warnung).",
      vat_number:
        "Optional. Mit Länderkürzel, z. B. DE123456789; die Prüfziffer von EU-Nummern wird geprüft.",
      tax_identification_number:
        "Optional. Steuernummer (z. B. 21/815/08155) oder die Steuernummer des jeweiligen Landes; höchstens 20 Zeichen.",
      address:
        "Straße und Hausnummer. Mit PLZ, Ort und Land nötig, damit Qonto dem Kunden Rechnungen stellen kann.",
      address2: "Optional. Adresszusatz (Gebäude, Etage), wird an die Straße angehängt.",
      zip_code: "Postleitzahl, als Text, damit führende Nullen bleiben (01067).",
      city: "Ort, höchstens 50 Zeichen.",
      province_code:
        "Nur für italienische Adressen: das zweistellige Kürzel der Provinz (MI, RM, TO). Für alle anderen Länder leer lassen.",
      country: "Zweistelliger ISO-Code (DE, AT, CH, FR); ein Ländername wird auch akzeptiert.",
      locale: "Optional. Sprache der Rechnungen: de, en, fr, it oder es. Leer: nach dem Land.",
      currency: "Optional. ISO-4217-Code, z. B. EUR (Standard), CHF, USD.",
    },
    example: {
      kind: "Unternehmen",
      name: "Müller Maschinenbau GmbH",
      email: "buchhaltung@mueller-maschinenbau.de",
      phone: "+49 30 1234567",
      vat_number: "DE136820624",
      tax_identification_number: "21/815/08155",
      address: "Friedrichstraße 123",
      address2: "2. OG",
      zip_code: "10117",
      city: "Berlin",
      country: "DE",
      locale: "de",
      currency: "EUR",
    },
    kinds: ["Unternehmen", "Privatperson"],
    outsideList: [
      "Wert nicht in der Liste",
      "Dieser Wert steht nicht in der Liste: prüfen Sie, ob der Import ihn versteht.",
    ],
  },

  es: {
    delimiter: ";",
    sheetName: "Clientes",
    headers: {
      kind: "Tipo de cliente",
      name: "Razón social",
      first_name: "Nombre",
      last_name: "Apellidos",
      email: "Correo electrónico",
      extra_emails: "Correos adicionales",
      phone: "Teléfono",
      vat_number: "NIF-IVA",
      tax_identification_number: "NIF",
      address: "Dirección",
      address2: "Dirección 2",
      zip_code: "Código postal",
      city: "Ciudad",
      province_code: "Provincia",
      country: "País",
      locale: "Idioma",
      currency: "Moneda",
    },
    notes: {
      kind: "Opcional. Empresa o Particular. Vacío: una empresa si la fila tiene razón social o NIF-IVA, si no un particular.",
      name: "Obligatoria para una empresa, 250 caracteres como máximo. Vacía para un particular.",
      first_name:
        "Obligatorio para un particular, 60 caracteres como máximo. Para una empresa: la persona de contacto, opcional.",
      last_name:
        "Obligatorios para un particular, 60 caracteres como máximo. Para una empresa: la persona de contacto, opcional.",
      email:
        "Opcional. Una sola dirección, p. ej. administracion@ejemplo.es. Sirve también para reconocer un cliente que ya está en Qonto.",
      extra_emails:
        "Opcional. Otras direcciones que reciben las facturas, separadas por comas o puntos y comas.",
      phone:
        "Opcional. Con el prefijo del país, p. ej. +34 912 345 678. Un número no válido no se envía (aviso).",
      vat_number:
        "Opcional. Con el prefijo del país, p. ej. ESB12345674; se comprueba el dígito de control de los números de la UE.",
      tax_identification_number:
        "Opcional. NIF, NIE o CIF (p. ej. B12345674); se comprueba la letra o el dígito de control.",
      address:
        "Calle y número. Necesaria, con código postal, ciudad y país, para que Qonto pueda facturar al cliente.",
      address2: "Opcional. Piso, puerta o escalera, que se añade a la calle.",
      zip_code: "Código postal de 5 cifras, como texto para conservar el cero inicial (08017).",
      city: "Ciudad, 50 caracteres como máximo.",
      province_code:
        "Solo direcciones italianas: la sigla de la provincia italiana (MI, RM, TO). Dejar vacía para España y los demás países.",
      country: "Código ISO de dos letras (ES, FR, PT, DE); también se acepta el nombre del país.",
      locale: "Opcional. Idioma de las facturas: es, en, fr, it o de. Vacío: según el país.",
      currency: "Opcional. Código ISO 4217, p. ej. EUR (por defecto), USD, GBP.",
    },
    example: {
      kind: "Empresa",
      name: "Distribuciones García S.L.",
      email: "administracion@distribucionesgarcia.es",
      phone: "+34 912 345 678",
      vat_number: "ESB65987653",
      tax_identification_number: "B65987653",
      address: "Calle de Alcalá, 45",
      address2: "3º izquierda",
      zip_code: "28014",
      city: "Madrid",
      country: "ES",
      locale: "es",
      currency: "EUR",
    },
    kinds: ["Empresa", "Particular"],
    outsideList: [
      "Valor fuera de la lista",
      "Este valor no está en la lista: compruebe que la importación lo entiende.",
    ],
  },
};

/** EUR first, then the currencies a European business most often invoices in. */
export const TEMPLATE_CURRENCIES = [
  "EUR",
  "USD",
  "GBP",
  "CHF",
  "SEK",
  "DKK",
  "NOK",
  "PLN",
  "CZK",
  "HUF",
  "RON",
  "BGN",
  "CAD",
  "AUD",
  "JPY",
  "CNY",
] as const;

/** Every ISO 3166-1 alpha-2 code the importer accepts as a country, sorted. */
export const TEMPLATE_COUNTRIES: readonly string[] = Object.keys(isoCountries.getAlpha2Codes())
  .filter((code) => normalizeCountry(code) === code)
  .sort();

/** The Italian province codes of the contract, sorted. */
export const TEMPLATE_PROVINCES: readonly string[] = [...ITALIAN_PROVINCES].sort();

export interface TemplateTable {
  fields: TemplateField[];
  headers: string[];
  /** The example row, one cell per header ("" where the example has no value). */
  example: string[];
  delimiter: "," | ";";
}

/** The columns and the example row of a clients template (invoices: invoiceTemplateTable). */
export function templateTable(kind: "clients", lang: TemplateLang): TemplateTable {
  if (kind !== "clients") throw new Error(`no template for "${String(kind)}"`);
  const spec = LANGS[lang];
  const fields = FIELD_ORDER.filter((f) => spec.headers[f] !== undefined);
  return {
    fields,
    headers: fields.map((f) => spec.headers[f] ?? ""),
    example: fields.map((f) => spec.example[f] ?? ""),
    delimiter: spec.delimiter,
  };
}

/** The note on a template's header cell for a field, in the template's language. */
export function templateNote(lang: TemplateLang, field: TemplateField): string {
  const note = LANGS[lang].notes[field];
  if (note === undefined) throw new Error(`no note for ${field} in the ${lang} template`);
  return note;
}

/** The values of a template's drop-down list for a field, or undefined when the column has none. */
export function templateList(lang: TemplateLang, field: TemplateField): readonly string[] | undefined {
  switch (field) {
    case "kind":
      return LANGS[lang].kinds;
    case "country":
      return TEMPLATE_COUNTRIES;
    case "province_code":
      return TEMPLATE_PROVINCES;
    case "locale":
      return LOCALES;
    case "currency":
      return TEMPLATE_CURRENCIES;
    default:
      return undefined;
  }
}

/** Columns whose values are codes that a spreadsheet must not turn into numbers (01000, 0000000). */
export const TEXT_FIELDS: ReadonlySet<TemplateField> = new Set([
  "phone",
  "vat_number",
  "tax_identification_number",
  "zip_code",
  "e_invoicing_address",
  "recipient_code",
]);
