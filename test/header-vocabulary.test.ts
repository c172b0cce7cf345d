// Issue 16: the header vocabulary of the exports users come from. Each row below is a header as a product writes it
// (the source is named above it); matchHeader must map the columns we can import and headerScore must find the row
// under title lines. Columns with no Qonto field (PEC, Civilité, client codes) or whose meaning differs between
// exports stay unmapped on purpose, and are listed too.
import { describe, expect, it } from "vitest";
import { foldHeader, SOURCE_FIELDS, type SourceField } from "../src/map/aliases.js";
import { detectHeaderRow, headerScore, matchHeader, type ColumnMapping } from "../src/map/header.js";
import { normalizeRow } from "../src/validate/normalize.js";

describe("the alias table", () => {
  const entries = Object.entries(SOURCE_FIELDS) as [SourceField, readonly string[]][];

  it("is written in folded form, so each alias is the key it is matched on", () => {
    for (const [, aliases] of entries) for (const alias of aliases) expect(foldHeader(alias)).toBe(alias);
  });

  it("gives no folded alias to two fields (the first field would silently win)", () => {
    const owners = new Map<string, Set<SourceField>>();
    for (const [field, aliases] of entries)
      for (const alias of [field.replace(/_/g, " "), ...aliases]) {
        const key = foldHeader(alias);
        owners.set(key, (owners.get(key) ?? new Set()).add(field));
      }
    const shared = [...owners]
      .filter(([, fields]) => fields.size > 1)
      .map(([key, fields]) => [key, [...fields]]);
    expect(shared).toEqual([]);
  });
});

describe("the words of the issue", () => {
  it.each([
    ["Nominativo", "full_name"],
    ["Cognome e nome", "full_name"],
    ["Nome e cognome", "full_name"],
    ["Nom complet", "full_name"],
    ["Nom et prénom", "full_name"],
    ["Denominazione", "name"],
    ["Ragione sociale", "name"],
    ["Dénomination", "name"],
    ["Intestatario", "name"],
    ["P.IVA", "vat_number"],
    ["P. IVA", "vat_number"],
    ["PIVA", "vat_number"],
    ["P.I.", "vat_number"],
    ["Partita I.V.A.", "vat_number"],
    ["C.F.", "tax_identification_number"],
    ["CF", "tax_identification_number"],
    ["Cod. Fisc.", "tax_identification_number"],
    ["Cod. fiscale", "tax_identification_number"],
    ["Località", "city"],
    ["Comune", "city"],
    ["Città", "city"],
    ["CAP", "zip_code"],
    ["Prov.", "province_code"],
    ["Indirizzo", "address"],
    ["Paese", "country"],
    ["Nazione", "country"],
    ["Cellulare", "phone"],
    ["Tel. cellulare", "phone"],
    ["Tél. portable", "phone"],
    ["Handy", "phone"],
    ["Móvil", "phone"],
    ["Courriel", "email"],
    ["Codice SDI", "recipient_code"],
    ["Cod. destinatario SDI", "recipient_code"],
    ["Code postal", "zip_code"],
    ["CP", "zip_code"],
    ["C.P.", "zip_code"],
    ["Ville", "city"],
    ["Pays", "country"],
    ["Land", "country"],
    ["País", "country"],
    ["USt-IdNr.", "vat_number"],
    ["USt.ID-Nr.", "vat_number"],
    ["Steuernummer", "tax_identification_number"],
    ["St.-Nr.", "tax_identification_number"],
    ["NIF", "tax_identification_number"],
    ["CIF", "tax_identification_number"],
    ["NIF/CIF", "tax_identification_number"],
    ["SIRET", "tax_identification_number"],
    ["N° SIRET", "tax_identification_number"],
  ] as const)("%s → %s", (column, field) => {
    expect(matchHeader([column]).mapping).toEqual({ [field]: column });
  });

  it.each([
    // No Qonto field: a PEC address is not a recipient code, a title or a client code has nowhere to go.
    "PEC",
    "Civilité",
    "Anrede",
    "Codice cliente",
    "Code client",
    "Kundennummer",
    "Customer number",
    // A company's contact person is not the client: as a person-name column it would turn a row without a company
    // name into a private client named after the contact.
    "Referente",
    "Contatto",
    "Ansprechpartner",
    "Persona de contacto",
    "Contact person",
    "Interlocuteur",
    // A trade name next to the legal name: whichever came first would win.
    "Nom commercial",
    "Nombre comercial",
    // A Danea or DATEV "Regione"/"EU-Land", Aruba "ID Paese": not the billing province or country.
    "Regione",
    "EU-Land",
    "ID Paese",
    // SDI code or PEC address in one column.
    "Indirizzo telematico",
    // Either identifier in one column.
    "P.IVA/C.F.",
  ])("%s stays unmapped", (column) => {
    expect(matchHeader([column]).unmapped).toEqual([column]);
  });

  it("a mobile column after the phone column is shadowed: Qonto takes one phone number", () => {
    const match = matchHeader(["Telefono", "Cellulare"]);
    expect(match.mapping).toEqual({ phone: "Telefono" });
    expect(match.shadowed).toEqual([{ column: "Cellulare", field: "phone", by: "Telefono" }]);
  });
});

interface Export {
  product: string;
  columns: string[];
  /** The fields the columns must feed (a subset of the mapping: other columns may map too). */
  mapping: ColumnMapping;
  /** Columns that must stay unmapped. */
  unmapped?: string[];
}

const EXPORTS: Export[] = [
  {
    // Danea Easyfatt, Clienti > Utilità > Esporta con Excel: the export's columns as listed by public importers of it
    // (e.g. the "Soggetti" export quoted in a Danea → web shop migration note).
    product: "Danea Easyfatt (IT)",
    columns: [
      "Cod.",
      "Denominazione",
      "Indirizzo",
      "Cap",
      "Città",
      "Prov.",
      "Regione",
      "Nazione",
      "Referente",
      "Tel.",
      "Cell",
      "Fax",
      "e-mail",
      "Pec",
      "Cod. destinatario Fatt. elettr.",
      "Codice fiscale",
      "Partita Iva",
      "Sconti",
      "Listino",
      "Note",
    ],
    mapping: {
      name: "Denominazione",
      address: "Indirizzo",
      zip_code: "Cap",
      city: "Città",
      province_code: "Prov.",
      country: "Nazione",
      phone: "Tel.",
      email: "e-mail",
      recipient_code: "Cod. destinatario Fatt. elettr.",
      tax_identification_number: "Codice fiscale",
      vat_number: "Partita Iva",
    },
    unmapped: ["Cod.", "Regione", "Referente", "Pec"],
  },
  {
    // Aruba Fatturazione Elettronica, client import (guide.pec.it, "Faq inserimento anagrafiche"): Tipo Cliente,
    // Codice SDI or PEC, Partita Iva or Codice fiscale, Denominazione or Nome and Cognome, Indirizzo, CAP, Comune,
    // Nazione.
    product: "Aruba Fatturazione Elettronica (IT)",
    columns: [
      "Tipo Cliente",
      "Denominazione",
      "Nome",
      "Cognome",
      "Partita Iva",
      "Codice Fiscale",
      "Indirizzo",
      "CAP",
      "Comune",
      "Provincia",
      "Nazione",
      "Codice Destinatario",
      "PEC",
    ],
    mapping: {
      kind: "Tipo Cliente",
      name: "Denominazione",
      first_name: "Nome",
      last_name: "Cognome",
      vat_number: "Partita Iva",
      tax_identification_number: "Codice Fiscale",
      address: "Indirizzo",
      zip_code: "CAP",
      city: "Comune",
      province_code: "Provincia",
      country: "Nazione",
      recipient_code: "Codice Destinatario",
    },
    unmapped: ["PEC"],
  },
  {
    // An Italian register keyed on "Nominativo" (a public CRM's client form: Nominativo, Via, Comune, Provincia,
    // Telefono, Email) — the case: every private client was refused for a missing name.
    product: "Italian register with Nominativo",
    columns: ["Nominativo", "Via", "Comune", "Provincia", "Telefono", "Email"],
    mapping: {
      full_name: "Nominativo",
      address: "Via",
      city: "Comune",
      province_code: "Provincia",
      phone: "Telefono",
      email: "Email",
    },
  },
  {
    // An Italian supplier/client list exported to Excel by a public management app: Ragione Sociale, Sigla, Tipo,
    // P.IVA, Cod. Fiscale, Email, Telefono, Indirizzo, Comune, CAP, Provincia, Nazione, SDI.
    product: "Italian Excel list (P.IVA, Cod. Fiscale, SDI)",
    columns: [
      "Ragione Sociale",
      "Sigla",
      "Tipo",
      "P.IVA",
      "Cod. Fiscale",
      "Email",
      "Telefono",
      "Indirizzo",
      "Comune",
      "CAP",
      "Provincia",
      "Nazione",
      "SDI",
    ],
    mapping: {
      name: "Ragione Sociale",
      kind: "Tipo",
      vat_number: "P.IVA",
      tax_identification_number: "Cod. Fiscale",
      email: "Email",
      phone: "Telefono",
      address: "Indirizzo",
      city: "Comune",
      zip_code: "CAP",
      province_code: "Provincia",
      country: "Nazione",
      recipient_code: "SDI",
    },
  },
  {
    // A made-up Excel template gathering the Italian words (not one product's exact layout).
    product: "Italian Excel template (Cognome e nome, Località, Cellulare)",
    columns: [
      "Cognome e nome",
      "C.F.",
      "P. IVA",
      "Indirizzo",
      "C.A.P.",
      "Località",
      "Prov.",
      "Paese",
      "Cellulare",
      "E-mail",
      "PEC",
      "Codice SDI",
    ],
    mapping: {
      full_name: "Cognome e nome",
      tax_identification_number: "C.F.",
      vat_number: "P. IVA",
      address: "Indirizzo",
      zip_code: "C.A.P.",
      city: "Località",
      province_code: "Prov.",
      country: "Paese",
      phone: "Cellulare",
      email: "E-mail",
      recipient_code: "Codice SDI",
    },
    unmapped: ["PEC"],
  },
  {
    // Fatture in Cloud, "Importa le anagrafiche di clienti/fornitori" (help.fattureincloud.it/help/articolo/136):
    // "Nome, Indirizzo, Città, CAP, Provincia, Indirizzo extra, Paese". Its "Nome" is the whole name, which the
    // table reads as an Italian first name ("Nome" beside "Cognome"): such a file needs {"Nome": "name"} in --map.
    product: "Fatture in Cloud (IT)",
    columns: ["Nome", "Indirizzo", "Città", "CAP", "Provincia", "Indirizzo extra", "Paese"],
    mapping: {
      address: "Indirizzo",
      city: "Città",
      zip_code: "CAP",
      province_code: "Provincia",
      address2: "Indirizzo extra",
      country: "Paese",
    },
  },
  {
    // Sistemi (help.sistemi.com), client import from Excel, same layout as its export: Id, Codice, Tipo soggetto,
    // Ragione Sociale, Nome, Cognome, Indirizzo, CAP, Comune, Provincia, Nazione, Telefono. "Tipo soggetto" holds
    // "Società di capitali", "Società di persone", "Persona fisica", "Altro": not kind words, so it is left unmapped.
    product: "Sistemi (IT)",
    columns: [
      "Id",
      "Codice",
      "Tipo soggetto",
      "Ragione Sociale",
      "Nome",
      "Cognome",
      "Indirizzo",
      "CAP",
      "Comune",
      "Provincia",
      "Nazione",
      "Telefono",
    ],
    mapping: {
      name: "Ragione Sociale",
      first_name: "Nome",
      last_name: "Cognome",
      address: "Indirizzo",
      zip_code: "CAP",
      city: "Comune",
      province_code: "Provincia",
      country: "Nazione",
      phone: "Telefono",
    },
    unmapped: ["Id", "Codice", "Tipo soggetto"],
  },
  {
    // Xero, Contacts > Export (Contacts CSV): *ContactName, EmailAddress, FirstName, LastName, POAttentionTo,
    // POAddressLine1..4, POCity, PORegion, POPostalCode, POCountry, PhoneNumber, MobileNumber, …, TaxNumber.
    product: "Xero (EN)",
    columns: [
      "*ContactName",
      "AccountNumber",
      "EmailAddress",
      "FirstName",
      "LastName",
      "POAttentionTo",
      "POAddressLine1",
      "POAddressLine2",
      "POAddressLine3",
      "POAddressLine4",
      "POCity",
      "PORegion",
      "POPostalCode",
      "POCountry",
      "PhoneNumber",
      "MobileNumber",
      "TaxNumber",
    ],
    mapping: {
      name: "*ContactName",
      email: "EmailAddress",
      first_name: "FirstName",
      last_name: "LastName",
      address: "POAddressLine1",
      address2: "POAddressLine2",
      address3: "POAddressLine3",
      city: "POCity",
      province_code: "PORegion",
      zip_code: "POPostalCode",
      country: "POCountry",
      phone: "PhoneNumber",
      vat_number: "TaxNumber",
    },
    unmapped: ["AccountNumber", "POAttentionTo", "POAddressLine4"],
  },
  {
    // QuickBooks Online customer import/export field labels (Transaction Pro's QuickBooks customer field list).
    product: "QuickBooks Online (EN)",
    columns: [
      "Title",
      "Company",
      "First Name",
      "Middle Name",
      "Last Name",
      "Display Name As",
      "Billing Address Line 1",
      "Billing Address Line 2",
      "Billing Address City",
      "Billing Address State",
      "Billing Address PostalCode",
      "Billing Address Country",
      "Shipping Address Line 1",
      "Shipping Address City",
      "Shipping Address State",
      "Shipping Address PostalCode",
      "Shipping Address Country",
      "Phone",
      "Mobile",
      "Email",
    ],
    mapping: {
      name: "Company",
      first_name: "First Name",
      last_name: "Last Name",
      address: "Billing Address Line 1",
      address2: "Billing Address Line 2",
      city: "Billing Address City",
      province_code: "Billing Address State",
      zip_code: "Billing Address PostalCode",
      country: "Billing Address Country",
      delivery_address: "Shipping Address Line 1",
      delivery_city: "Shipping Address City",
      delivery_province_code: "Shipping Address State",
      delivery_zip_code: "Shipping Address PostalCode",
      delivery_country: "Shipping Address Country",
      phone: "Phone",
      email: "Email",
    },
    unmapped: ["Title", "Middle Name"],
  },
  {
    // Odoo, Contacts list > Export (res.partner: name, street, street2, city, state, zip, country, vat, phone,
    // mobile, email), with the field labels of the English interface.
    product: "Odoo (EN)",
    columns: [
      "Name",
      "Street",
      "Street2",
      "City",
      "State",
      "Zip",
      "Country",
      "Tax ID",
      "Phone",
      "Mobile",
      "Email",
    ],
    mapping: {
      name: "Name",
      address: "Street",
      address2: "Street2",
      city: "City",
      province_code: "State",
      zip_code: "Zip",
      country: "Country",
      tax_identification_number: "Tax ID",
      phone: "Phone",
      email: "Email",
    },
  },
  {
    // Holded, Contacts > Import (help.holded.com/en/articles/7325554): Fiscal name*, Trade name, Contact person,
    // Contact ID*, Contact email, Phone, Mobile, Address, Population, Postal code, Province, Country.
    product: "Holded (EN)",
    columns: [
      "Fiscal name",
      "Trade name",
      "Contact person",
      "Contact ID",
      "Contact email",
      "Phone",
      "Mobile",
      "Address",
      "Population",
      "Postal code",
      "Province",
      "Country",
    ],
    mapping: {
      name: "Fiscal name",
      email: "Contact email",
      phone: "Phone",
      address: "Address",
      city: "Population",
      zip_code: "Postal code",
      province_code: "Province",
      country: "Country",
    },
    unmapped: ["Trade name", "Contact person", "Contact ID"],
  },
  {
    // Holded's contact list columns in Spanish (academy.holded.com, "Cómo gestionar el listado de contactos"), and the
    // usual Spanish words for the rest. Holded's "Nombre" is the whole name: left to the person-name rules.
    product: "Holded / Spanish export (ES)",
    columns: [
      "Razón social",
      "NIF/CIF",
      "Nombre y apellidos",
      "Email",
      "Teléfono",
      "Móvil",
      "Dirección",
      "Población",
      "Código postal",
      "Provincia",
      "País",
      "Idioma",
      "Moneda",
    ],
    mapping: {
      name: "Razón social",
      tax_identification_number: "NIF/CIF",
      full_name: "Nombre y apellidos",
      email: "Email",
      phone: "Teléfono",
      address: "Dirección",
      city: "Población",
      zip_code: "Código postal",
      province_code: "Provincia",
      country: "País",
      locale: "Idioma",
      currency: "Moneda",
    },
  },
  {
    // lexoffice, Kontakte importieren (support.lexoffice.de, article 2112664): columns A–D are Kundennummer,
    // Firmenname, Steuernummer, Umsatzsteuer ID; the person and address columns follow with their German names.
    product: "lexoffice (DE)",
    columns: [
      "Kundennummer",
      "Firmenname",
      "Steuernummer",
      "Umsatzsteuer ID",
      "Anrede",
      "Vorname",
      "Nachname",
      "Straße",
      "PLZ",
      "Ort",
      "Land",
      "E-Mail",
      "Telefon",
      "Handy",
    ],
    mapping: {
      name: "Firmenname",
      tax_identification_number: "Steuernummer",
      vat_number: "Umsatzsteuer ID",
      first_name: "Vorname",
      last_name: "Nachname",
      address: "Straße",
      zip_code: "PLZ",
      city: "Ort",
      country: "Land",
      email: "E-Mail",
      phone: "Telefon",
    },
    unmapped: ["Kundennummer", "Anrede"],
  },
  {
    // DATEV Debitoren export (billwerk "Debitor Export" documents its columns): Konto, Name (Adressattyp
    // Unternehmen), Unternehmensgegenstand, Name (Adressattyp natürl. Person), Vorname (Adressattyp natürl. Person),
    // Name (Adressattyp keine Angabe), Adressattyp, Kurzbezeichnung, EU-Land, EU-UStID.
    product: "DATEV Debitoren (DE)",
    columns: [
      "Konto",
      "Name (Adressattyp Unternehmen)",
      "Unternehmensgegenstand",
      "Name (Adressattyp natürl. Person)",
      "Vorname (Adressattyp natürl. Person)",
      "Name (Adressattyp keine Angabe)",
      "Adressattyp",
      "Kurzbezeichnung",
      "EU-Land",
      "EU-UStID",
    ],
    mapping: {
      name: "Name (Adressattyp Unternehmen)",
      last_name: "Name (Adressattyp natürl. Person)",
      first_name: "Vorname (Adressattyp natürl. Person)",
      vat_number: "EU-UStID",
    },
    unmapped: ["Konto", "Adressattyp", "EU-Land"],
  },
  {
    // A German ERP's customer export (posted publicly): Nummer;Name 1;Name 2;Kurzbezeichnung;Telefon;Telefax;…;
    // USt.ID-Nr.;Kundenart.
    product: "German ERP customer list (DE)",
    columns: [
      "Nummer",
      "Name 1",
      "Name 2",
      "Kurzbezeichnung",
      "Telefon",
      "Telefax",
      "USt.ID-Nr.",
      "Kundenart",
    ],
    mapping: { name: "Name 1", phone: "Telefon", vat_number: "USt.ID-Nr.", kind: "Kundenart" },
    unmapped: ["Nummer", "Name 2"],
  },
  {
    // Indy, "Importer des clients" (wikicompta.indy.fr): Type | Nom de famille | Prénom | Nom d'entreprise |
    // N° SIRET | N° de TVA | Adresse facturation | Ville facturation | Code postal | Pays (Alpha-2) | Adresse
    // livraison | Ville livraison | Code postal | Pays | Téléphone | Email(s). The second "Code postal" and "Pays" are
    // the delivery ones: the billing columns, first, keep the fields.
    product: "Indy (FR)",
    columns: [
      "Type",
      "Nom de famille",
      "Prénom",
      "Nom d'entreprise",
      "N° SIRET",
      "N° de TVA",
      "Adresse facturation",
      "Ville facturation",
      "Code postal",
      "Pays (Alpha-2)",
      "Adresse livraison",
      "Ville livraison",
      "Téléphone",
      "Email(s)",
    ],
    mapping: {
      kind: "Type",
      last_name: "Nom de famille",
      first_name: "Prénom",
      name: "Nom d'entreprise",
      tax_identification_number: "N° SIRET",
      vat_number: "N° de TVA",
      address: "Adresse facturation",
      city: "Ville facturation",
      zip_code: "Code postal",
      country: "Pays (Alpha-2)",
      delivery_address: "Adresse livraison",
      delivery_city: "Ville livraison",
      phone: "Téléphone",
      email: "Email(s)",
    },
  },
  {
    // iPaidThat's client import template (help.ipaidthat.io): Nom de l'entreprise, Prénom, Nom, Email, Numéro de
    // téléphone, Numéro de TVA, Adresse, Code postal, Ville.
    product: "iPaidThat (FR)",
    columns: [
      "Nom de l'entreprise",
      "Prénom",
      "Nom",
      "Email",
      "Numéro de téléphone",
      "Numéro de TVA",
      "Adresse",
      "Code postal",
      "Ville",
    ],
    mapping: {
      name: "Nom de l'entreprise",
      first_name: "Prénom",
      last_name: "Nom",
      email: "Email",
      phone: "Numéro de téléphone",
      vat_number: "Numéro de TVA",
      address: "Adresse",
      zip_code: "Code postal",
      city: "Ville",
    },
  },
  {
    // A made-up export gathering the French words (not one product's exact layout).
    product: "French accounting export (Civilité, Dénomination, Tél. portable)",
    columns: [
      "Code client",
      "Civilité",
      "Dénomination",
      "Nom complet",
      "Adresse",
      "Complément d'adresse",
      "CP",
      "Ville",
      "Pays",
      "Tél. portable",
      "Courriel",
      "N° SIRET",
      "N° TVA intracom.",
    ],
    mapping: {
      name: "Dénomination",
      full_name: "Nom complet",
      address: "Adresse",
      address2: "Complément d'adresse",
      zip_code: "CP",
      city: "Ville",
      country: "Pays",
      phone: "Tél. portable",
      email: "Courriel",
      tax_identification_number: "N° SIRET",
      vat_number: "N° TVA intracom.",
    },
    unmapped: ["Code client", "Civilité"],
  },
  {
    // Sage 100, client (tiers) list: the labels of its F_COMPTET fields CT_Num, CT_Intitule, CT_Adresse,
    // CT_Complement, CT_CodePostal, CT_Ville, CT_Pays, CT_Telephone, CT_EMail, CT_Siret.
    product: "Sage 100 (FR)",
    columns: [
      "Numéro",
      "Intitulé",
      "Adresse",
      "Complément",
      "Code postal",
      "Ville",
      "Pays",
      "Téléphone",
      "E-mail",
      "SIRET",
    ],
    mapping: {
      name: "Intitulé",
      address: "Adresse",
      address2: "Complément",
      zip_code: "Code postal",
      city: "Ville",
      country: "Pays",
      phone: "Téléphone",
      email: "E-mail",
      tax_identification_number: "SIRET",
    },
  },
];

describe.each(EXPORTS)("$product", ({ columns, mapping, unmapped = [] }) => {
  it("maps the columns it can import", () => {
    const match = matchHeader(columns);
    expect(match.mapping).toMatchObject(mapping);
    for (const column of unmapped) expect(match.unmapped).toContain(column);
  });

  it("is found as the header below title lines", () => {
    expect(headerScore(columns)).toBeGreaterThanOrEqual(2);
    const rows = [["Export clients 2025"], ["Généré le 12/03/2025", "", ""], [], columns];
    expect(detectHeaderRow(rows)).toBe(3);
  });
});

describe("a private client named in one Italian column is imported, not refused for a missing name", () => {
  const defaults = { orgCountry: "IT", currency: "EUR" };
  const row = (fields: Record<string, string>) => ({
    file: "clienti.csv",
    recordNo: 1,
    line: 2,
    fields,
    problems: [],
  });

  it.each([
    ["Nominativo", "Mario Rossi", "Rossi"],
    // Surname first, as "Cognome e nome" says: the capitals tell the surname.
    ["Cognome e nome", "ROSSI Mario", "ROSSI"],
  ])("%s", (column, value, lastName) => {
    const fields = {
      [column]: value,
      Indirizzo: "Via del Corso 12",
      CAP: "00186",
      Località: "Roma",
      Prov: "RM",
      Nazione: "Italia",
      "C.F.": "RSSMRA85T10A562S",
    };
    const result = normalizeRow(row(fields), matchHeader(Object.keys(fields)).mapping, defaults);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.payload).toMatchObject({
      kind: "individual",
      first_name: "Mario",
      last_name: lastName,
      tax_identification_number: "RSSMRA85T10A562S",
      billing_address: { city: "Roma", zip_code: "00186", province_code: "RM", country_code: "IT" },
    });
  });
});
