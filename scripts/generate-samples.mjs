#!/usr/bin/env node
// Writes the sample input files that show the common situations, byte for byte as the programs that make them
// would (an encoding, a delimiter, line endings, an XLSX with a title row and numbers for codes):
//
//   node scripts/generate-samples.mjs [out-dir]      (default: samples/)
//
//   fr-accounting-export.csv  a French accounting package's export: Windows-1252, ";", CRLF, Adresse 1/Adresse 2/CP/Ville
//   it-export.csv             an Italian export: UTF-8 with BOM, ";", partita IVA, codice fiscale, provincia, SDI code
//   de-es-mix.csv             a multinational ERP's export: UTF-8, ",", German and Spanish headers and rows
//   clients.xlsx              an XLSX with a title row, a date column, a SIRET and a zip code stored as numbers
//   invoices.csv              a French invoicing package's export of client invoices, one row per line, for the
//                             clients of clients.csv and existing-clients.json (the demo's)
//
// Each file has a test (test/samples-*.test.ts) that checks every row's outcome (invoices.csv: every invoice's); the
// identifiers are valid (check digits included) except where a row is wrong on purpose, as its comment says.
// test/samples-generator.test.ts checks the committed files are what this script writes.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";

const root = resolve(import.meta.dirname, "..");
const out = resolve(process.argv[2] ?? join(root, "samples"));
mkdirSync(out, { recursive: true });

/** One CSV line: a value holding the delimiter, a quote or a line break is quoted, as Excel does. */
function csvLine(cells, delimiter) {
  return cells
    .map((v) => (v.includes(delimiter) || /["\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v))
    .join(delimiter);
}

function csv(rows, delimiter, eol) {
  return rows.map((r) => csvLine(r, delimiter)).join(eol) + eol;
}

// ---------------------------------------------------------------------------------------------------------------
// A French accounting package's client export (the "Fichier clients" of EBP, Sage, Ciel...): Windows-1252 as
// Excel and these packages write it on French Windows, ";" and CRLF, legacy address columns, one name column
// holding the company name or, for an individual, the person's full name, and accounting columns the import has
// no use for (account code, balance with a non-breaking space and €, creation date). "Adresse 2" matches no
// alias: fr-accounting-export.map.json maps it, and leaves the accounting columns out.
const NBSP = "\u00a0";
// prettier-ignore
const frAccounting = [
  [
    "Code client",
    "Type client",
    "Raison sociale",
    "Adresse 1",
    "Adresse 2",
    "CP",
    "Ville",
    "Pays",
    "Téléphone",
    "E-mail",
    "N° TVA intracommunautaire",
    "SIRET",
    "Solde",
    "Date de création",
  ],
  // 1 valid; two address lines joined
  ["CLI0001", "Société", "Boulangerie Le Fournil SARL", "12 rue de la République", "Bâtiment A", "69002", "Lyon", "France", "04 78 42 10 20", "contact@lefournil.fr", "FR89532014891", "53201489100016", `1${NBSP}250,00 €`, "12/03/2019"],
  // 2 valid; surname in capitals first, Bourg-en-Bresse's zip without its leading zero
  ["CLI0002", "Particulier", "DUPONT Marie", "3 rue Basse", "", "1000", "Bourg-en-Bresse", "France", "06 12 34 56 78", "marie.dupont@orange.fr", "", "", "0,00 €", "05/06/2020"],
  // 3 valid; a title before the name
  ["CLI0003", "Particulier", "M. Jean-Pierre Lefèvre", "27 avenue Jean Jaurès", "Appt 12", "33000", "Bordeaux", "France", "05 56 12 34 56", "jp.lefevre@free.fr", "", "", "", "17/09/2021"],
  // 4 valid; œ exists in Windows-1252, not in ISO-8859-1
  ["CLI0004", "Société", "Cœur de Lion SAS", "5 place du Marché", "", "13001", "Marseille", "France", "04 91 54 32 10", "compta@coeurdelion.fr", "FR33560184707", "56018470700019", `-320,50 €`, "02/01/2018"],
  // 5 invalid: the VAT key is 84, not 85 (vat_check_digits)
  ["CLI0005", "Société", "Garage Moderne SARL", "44 route de Paris", "", "44300", "Nantes", "France", "02 40 12 34 56", "garage.moderne@wanadoo.fr", "FR85432741080", "", "", "23/11/2017"],
  // 6 invalid: the SIRET's last digit is a typo (tax_id_check_digits)
  ["CLI0006", "Société", "Imprimerie Rapide", "9 rue des Arts", "", "59000", "Lille", "France", "03 20 12 34 56", "devis@imprimerie-rapide.fr", "", "88204537000014", "", "08/02/2022"],
  // 7 invalid: two @ in the e-mail (email_invalid)
  ["CLI0007", "Particulier", "Martin Sophie", "14 rue Victor Hugo", "", "67000", "Strasbourg", "France", "", "sophie.martin@@gmail.com", "", "", "", "30/06/2022"],
  // 8 duplicate of 1: entered twice, the VAT number with spaces
  ["CLI0008", "Société", "Boulangerie Le Fournil", "12 rue de la République", "", "69002", "Lyon", "France", "", "", "FR 89 532 014 891", "", "", "14/01/2023"],
  // 9 invalid: a person without a name (name_missing)
  ["CLI0009", "Particulier", "", "", "", "", "", "", "", "contact@exemple.fr", "", "", "", "01/03/2023"],
  // 10 valid; a Belgian client, country by its French name
  ["CLI0010", "Société", "Brasserie Bruxelloise SPRL", "Rue Neuve 15", "", "1000", "Bruxelles", "Belgique", "+32 2 555 12 12", "info@brasseriebxl.be", "BE0403170701", "", "", "19/04/2023"],
  // 11 valid with a warning: a phone number cut short is left out (phone_invalid)
  ["CLI0011", "Société", "Transports Vidal", "Zone industrielle Nord", "", "31200", "Toulouse", "France", "05 61", "exploitation@transports-vidal.fr", "FR61381209402", "38120940200019", "", "11/07/2023"],
  // 12 valid with a warning: no address, so Qonto cannot invoice her yet (not_invoiceable)
  ["CLI0012", "Particulier", "Hélène Moreau", "", "", "", "", "", "", "helene.moreau@laposte.net", "", "", "", "03/10/2023"],
  // 13 invalid: six digits in the zip code (zip_invalid)
  ["CLI0013", "Société", "Menuiserie Girard", "8 chemin des Vignes", "", "750011", "Paris", "France", "", "atelier@menuiserie-girard.fr", "", "", "", "27/11/2023"],
  // 14 invalid: a typo in the country (country_unknown)
  ["CLI0014", "Société", "Les Jardins d'Œuvre", "2 allée des Roses", "", "49000", "Angers", "Fance", "", "bonjour@jardins-doeuvre.fr", "", "", "", "15/01/2024"],
];
writeFileSync(
  join(out, "fr-accounting-export.csv"),
  iconv.encode(csv(frAccounting, ";", "\r\n"), "windows-1252"),
);

// ---------------------------------------------------------------------------------------------------------------
// An Italian management package's export, for an Italian organization (--org-country IT): UTF-8 with a BOM, ";",
// partita IVA without its IT prefix, codice fiscale, provincia (a code, once a name), CAP, codice destinatario and
// a PEC column (no Qonto field: listed as not imported).
// prettier-ignore
const itExport = [
  ["Codice", "Tipo", "Ragione sociale", "Nome", "Cognome", "Partita IVA", "Codice fiscale", "Indirizzo", "CAP", "Città", "Provincia", "Nazione", "Codice destinatario", "PEC", "Telefono", "Email"],
  // 1 valid company: the partita IVA is also its codice fiscale
  ["C001", "Azienda", "Trattoria Da Gino S.r.l.", "", "", "03145220970", "03145220970", "Via Torino 45", "20123", "Milano", "MI", "Italia", "M5UXCR1", "dagino@pec.it", "02 7200 1234", "amministrazione@dagino.it"],
  // 2 valid private client, invoices by PEC (code 0000000)
  ["C002", "Privato", "", "Mario", "Rossi", "", "RSSMRA85T10A562S", "Via del Corso 12", "00186", "Roma", "RM", "Italia", "0000000", "mario.rossi@pec.it", "333 123 4567", "mario.rossi@libero.it"],
  // 3 valid freelancer (Italian organizations only)
  ["C003", "Libero professionista", "", "Giulia", "Bianchi", "12345670124", "BNCGLI88E50F205X", "Corso Buenos Aires 8", "20124", "Milano", "MI", "Italia", "KRRH6B9", "giulia.bianchi@pec.it", "", "studio@giuliabianchi.it"],
  // 4 valid; the province by its name
  ["C004", "Azienda", "Pizzeria Vesuvio S.n.c.", "", "", "08912160705", "08912160705", "Via Toledo 256", "80134", "Napoli", "Napoli", "Italia", "SUBM70N", "", "081 552 1234", "info@pizzeriavesuvio.it"],
  // 5 valid; Rome's CAP with its leading zeros dropped by Excel
  ["C005", "Azienda", "Studio Bianchi & Associati", "", "", "04567890217", "04567890217", "Piazza Navona 5", "186", "Roma", "RM", "Italia", "W7YVJK9", "", "06 6880 1234", "segreteria@studiobianchi.it"],
  // 6 invalid: the partita IVA's check digit is 8, not 9 (vat_check_digits)
  ["C006", "Azienda", "Ferramenta Colombo S.r.l.", "", "", "IT 07654320999", "", "Via Emilia 100", "41121", "Modena", "MO", "Italia", "T04ZHR3", "", "", "ordini@ferramentacolombo.it"],
  // 7 invalid: the codice fiscale's check letter is X, not Y (tax_id_check_digits)
  ["C007", "Privato", "", "Luca", "Verdi", "", "VRDLCU79C12H501Y", "Via Garibaldi 3", "10122", "Torino", "TO", "Italia", "0000000", "", "", "luca.verdi@gmail.com"],
  // 8 invalid: no province XX (province_invalid)
  ["C008", "Azienda", "Bar Sport di Ferrari Marco", "", "", "02987650153", "02987650153", "Via Emilia Est 12", "41121", "Modena", "XX", "Italia", "USAL8PV", "", "", "barsport@libero.it"],
  // 9 invalid: a PEC address in the recipient code column (recipient_code_invalid)
  ["C009", "Azienda", "Edilizia Romano S.p.A.", "", "", "05876540583", "05876540583", "Via Tiburtina 500", "00159", "Roma", "RM", "Italia", "fatture@pec.ediliziaromano.it", "", "", "amministrazione@ediliziaromano.it"],
  // 10 invalid: six digits in the CAP (zip_invalid)
  ["C010", "Azienda", "Ottica Esposito", "", "", "06112230633", "06112230633", "Via Roma 10", "801345", "Napoli", "NA", "Italia", "", "", "", "info@otticaesposito.it"],
  // 11 valid with a warning: no province, which an Italian organization needs to invoice (not_invoiceable)
  ["C011", "Azienda", "Caseificio Marchetti", "", "", "09223340341", "09223340341", "Via dei Mille 4", "43121", "Parma", "", "Italia", "", "", "", "vendite@caseificiomarchetti.it"],
  // 12 valid with a warning: a French client; XXXXXXX (foreign client) is not sent (field_not_sent)
  ["C012", "Azienda", "Librairie du Midi SARL", "", "", "FR13886501204", "", "12 rue Alsace-Lorraine", "31000", "Tolosa", "", "Francia", "XXXXXXX", "", "+33 5 61 22 33 44", "contact@librairiedumidi.fr"],
];
writeFileSync(join(out, "it-export.csv"), "\ufeff" + csv(itExport, ";", "\r\n"));

// ---------------------------------------------------------------------------------------------------------------
// A multinational's ERP export with German and Spanish subsidiaries: UTF-8 without BOM, ",", LF. The customer
// columns come from the German side (Kundentyp ... Steuernummer), the address and invoicing columns from the
// Spanish side (Dirección ... Moneda); rows are German, Austrian and Spanish clients, each in its own words.
// prettier-ignore
const deEsMix = [
  ["Kundentyp", "Firmenname", "Vorname", "Nachname", "E-Mail", "Telefon", "USt-IdNr.", "Steuernummer", "Dirección", "Código postal", "Ciudad", "País", "Idioma", "Moneda"],
  // 1 valid German company
  ["Unternehmen", "Müller Maschinenbau GmbH", "", "", "buchhaltung@mueller-maschinenbau.de", "+49 30 1234567", "DE136820624", "21/815/08155", "Friedrichstraße 123", "10117", "Berlin", "Deutschland", "Deutsch", "EUR"],
  // 2 valid Spanish company; a comma inside the quoted street
  ["Empresa", "Distribuciones García S.L.", "", "", "administracion@distribucionesgarcia.es", "+34 912 345 678", "ESB65987653", "B65987653", "Calle de Alcalá, 45", "28014", "Madrid", "España", "Español", "EUR"],
  // 3 valid German individual; "von" stays with the surname, a national mobile number
  ["Privatperson", "", "Hans", "von Braun", "hans.vonbraun@web.de", "0171 2345678", "", "", "Leopoldstraße 12", "80802", "München", "DE", "de", "EUR"],
  // 4 valid Spanish individual with a DNI; Barcelona's zip without its leading zero
  ["Particular", "", "José", "García López", "jose.garcia@gmail.com", "612 345 678", "", "48291537R", "Avinguda Diagonal 640", "8017", "Barcelona", "ES", "es", "EUR"],
  // 5 valid Austrian company, the country in Spanish
  ["Unternehmen", "Alpenblick Hotel GmbH", "", "", "office@alpenblick.at", "+43 512 123456", "ATU13675405", "", "Maria-Theresien-Straße 18", "6020", "Innsbruck", "Austria", "Deutsch", "EUR"],
  // 6 invalid: the CIF's control digit is 2, not 3 (tax_id_check_digits)
  ["Empresa", "Construcciones Levante S.A.", "", "", "obras@construccioneslevante.es", "963 123 456", "ESA08435232", "A08435233", "Avenida del Puerto 120", "46023", "Valencia", "España", "Español", "EUR"],
  // 7 invalid: the USt-IdNr.'s check digit is 6, not 7 (vat_check_digits)
  ["Unternehmen", "Schneider Logistik AG", "", "", "info@schneider-logistik.de", "", "DE811514057", "", "Hafenstraße 7", "20457", "Hamburg", "Deutschland", "Deutsch", "EUR"],
  // 8 invalid: a currency written as a word (currency_invalid)
  ["Empresa", "Olivares del Sur S.L.", "", "", "pedidos@olivaresdelsur.es", "", "ESB12345674", "B12345674", "Calle Sierpes 20", "41004", "Sevilla", "España", "Español", "Euro"],
  // 9 valid with a warning: a German company's Madrid branch, its German VAT number (vat_country_mismatch)
  ["Unternehmen", "Weber Software GmbH", "", "", "kontakt@weber-software.de", "", "DE267890126", "", "Calle de Serrano 50", "28006", "Madrid", "España", "Deutsch", "EUR"],
  // 10 duplicate of 2: the same e-mail, the company written without dots
  ["Empresa", "Distribuciones Garcia SL", "", "", "Administracion@DistribucionesGarcia.es", "", "", "", "Calle de Alcalá 45", "28014", "Madrid", "España", "Español", "EUR"],
  // 11 invalid: Catalan is not a language Qonto invoices in (locale_invalid)
  ["Particular", "", "Montserrat", "Puig i Vidal", "montse.puig@gmail.com", "", "", "48151623L", "Carrer de Mallorca 401", "08013", "Barcelona", "España", "Catalán", "EUR"],
  // 12 valid German individual; Dresden's zip without its leading zero
  ["Privatperson", "", "Anna", "Schmidt", "anna.schmidt@gmx.de", "", "", "", "Prager Straße 5", "1069", "Dresden", "Deutschland", "Deutsch", "EUR"],
];
writeFileSync(join(out, "de-es-mix.csv"), csv(deEsMix, ",", "\n"));

// ---------------------------------------------------------------------------------------------------------------
// An XLSX as a user saves it from Excel: a title row (merged) and an empty row above the header, a SIRET and a
// phone number stored as numbers (the SIRET formatted "0" so Excel shows all 14 digits), a zip code stored as the
// number 1000 formatted "00000", a creation date and a turnover the import does not use.
const workbook = new ExcelJS.Workbook();
workbook.creator = "Gestion commerciale";
workbook.created = new Date(Date.UTC(2025, 10, 21));
workbook.modified = workbook.created;
const sheet = workbook.addWorksheet("Clients");
sheet.getCell("A1").value = "Export clients — Atelier Lumière — 21/11/2025";
sheet.getCell("A1").font = { bold: true, size: 14 };
sheet.mergeCells("A1:M1");
// prettier-ignore
const header = ["Raison sociale", "Prénom", "Nom", "E-mail", "Téléphone", "SIRET", "N° TVA", "Adresse", "Code postal", "Ville", "Pays", "Date de création", "CA 2024"];
sheet.getRow(3).values = header;
sheet.getRow(3).font = { bold: true };
const day = (y, m, d) => new Date(Date.UTC(y, m - 1, d));
// prettier-ignore
const xlsxRows = [
  // 1 valid company: a SIRET and a zip code stored as numbers
  ["Boulangerie Martin SARL", "", "", "contact@boulangerie-martin.fr", "+33 1 42 68 53 00", 61072390000011, "FR16610723900", "12 rue des Lilas", 75011, "Paris", "France", day(2019, 3, 12), 125000.5],
  // 2 valid individual: the zip code 1000 shown as 01000, a mobile number stored as a number (no leading zero)
  ["", "Élodie", "Martin", "elodie.martin@example.fr", 612345678, null, "", "3 rue Basse", 1000, "Bourg-en-Bresse", "France", day(2021, 6, 5), 0],
  // 3 invalid: the SIRET's last digit is a typo (tax_id_check_digits)
  ["Menuiserie Girard", "", "", "atelier@menuiserie-girard.fr", "", 39115220400016, "", "8 chemin des Vignes", 49000, "Angers", "France", day(2022, 9, 17), 48200],
  // 4 valid company
  ["Café des Arts", "", "", "bonjour@cafedesarts.fr", "04 91 54 32 10", 88650120400012, "FR13886501204", "5 place du Marché", 13001, "Marseille", "France", day(2023, 1, 2), 73950.25],
  // 5 invalid: a SIRET and no name (name_missing)
  ["", "", "", "", "", 56018470700019, "", "", "", "", "France", day(2024, 4, 30), null],
];
xlsxRows.forEach((values, i) => (sheet.getRow(4 + i).values = values));
sheet.getColumn(6).numFmt = "0";
sheet.getCell("I5").numFmt = "00000";
sheet.getColumn(12).numFmt = "dd/mm/yyyy";
sheet.getColumn(13).numFmt = "#,##0.00 €";
sheet.columns.forEach((column, i) => (column.width = i === 0 || i === 3 || i === 7 ? 30 : 16));
writeFileSync(join(out, "clients.xlsx"), Buffer.from(await workbook.xlsx.writeBuffer()));

// ---------------------------------------------------------------------------------------------------------------
// A French invoicing package's export of client invoices (a "journal des ventes" detail): Windows-1252, ";", CRLF,
// one row per invoice line, amounts with a decimal comma, a non-breaking space between thousands and sometimes
// "€", dd/mm/yyyy dates, and a "Total HT" column the import has no use for. Some invoices repeat their invoice
// columns on every line, others leave them empty after the first. The clients are those `npm run demo` leaves in
// the emulator (samples/clients.csv imported over samples/existing-clients.json), named by VAT number, e-mail or,
// with neither, by name. test/samples-invoices.test.ts checks every invoice's outcome.
//
// Wrong on purpose (every other invoice imports as is):
//   FA-2025-0106  its third line gives another due date (31/12/2025, not 14/12/2025): invoice_rows_disagree
//   FA-2025-0107  its number is on two separate runs of rows, records 16-17 and 19, with FA-2025-0108 between:
//                 invoice_number_duplicate_in_file on both runs, neither imported
//   FA-2025-0108  its IBAN's last two digits are swapped (check digits fail): iban_invalid
//   FA-2025-0109  Éditions du Levant is no client of the demo (its row in clients.csv is refused, country
//                 "Atlantide"): the invoice is valid but its client is not found when it is resolved
//   FA-2025-0110  a unit price "1.250 €": 1250 or 1.25, the import does not guess: amount_invalid
//   FA-2025-0111  the performance period ends (14/09/2025) before it starts (15/10/2025), a typo in the month:
//                 performance_period_invalid
const IBAN = "FR76 3000 6000 0112 3456 7890 189";
const BAD_IBAN = "FR76 3000 6000 0112 3456 7890 198";
const eur = (text) => `${text.replace(/ /g, NBSP)} €`;
const thousands = (text) => text.replace(/ /g, NBSP);
// prettier-ignore
const invoiceHeader = ["N° facture", "Date facture", "Échéance", "Client", "N° TVA client", "Email client", "Statut", "Devise", "Bon de commande", "IBAN", "Début prestation", "Fin prestation", "Désignation", "Qté", "Unité", "PU HT", "TVA", "Remise", "Motif d'exonération", "Total HT"];
// prettier-ignore
const invoiceRows = [
  // FA-2025-0101 valid, 3 lines: Boulangerie Martin SARL by VAT number (clients.csv); invoice columns on every line
  ["FA-2025-0101", "03/11/2025", "03/12/2025", "Boulangerie Martin SARL", "FR47402032452", "", "À payer", "EUR", "", IBAN, "", "", "Création du site vitrine", "1", "forfait", eur("2 400,00"), "20 %", "", "", thousands("2 400,00")],
  ["FA-2025-0101", "03/11/2025", "03/12/2025", "Boulangerie Martin SARL", "FR47402032452", "", "À payer", "EUR", "", IBAN, "", "", "Hébergement et maintenance", "12", "mois", eur("15,00"), "20 %", "", "", "180,00"],
  ["FA-2025-0101", "03/11/2025", "03/12/2025", "Boulangerie Martin SARL", "FR47402032452", "", "À payer", "EUR", "", IBAN, "", "", "Nom de domaine .fr", "1", "an", eur("12,00"), "20 %", "", "", "12,00"],
  // FA-2025-0102 valid, 3 lines: Atelier Lumière SAS by e-mail (clients.csv); a purchase order, a performance
  // period, a 10 % discount; invoice columns on the first line only
  ["FA-2025-0102", "05/11/2025", "05/12/2025", "Atelier Lumière SAS", "", "compta@atelier-lumiere.fr", "À payer", "EUR", "BC-7781", IBAN, "13/10/2025", "24/10/2025", "Shooting photo produits", "2", "jour", "650,00", "20 %", "10 %", "", thousands("1 170,00")],
  ["FA-2025-0102", "", "", "", "", "", "", "", "", "", "", "", "Retouche photo", "40", "photo", "8,50", "20 %", "", "", "340,00"],
  ["FA-2025-0102", "", "", "", "", "", "", "", "", "", "", "", "Frais de déplacement", "1", "forfait", "120,00", "20 %", "", "", "120,00"],
  // FA-2025-0103 valid draft, 2 lines: Camille Durand, an individual, by e-mail (clients.csv); a 10,00 € discount,
  // two VAT rates (5,5 % and 20 %), due on receipt
  ["FA-2025-0103", "07/11/2025", "07/11/2025", "Camille Durand", "", "camille.durand@example.fr", "Brouillon", "EUR", "", IBAN, "", "", "Coffret épicerie fine", "2", "coffret", eur("45,90"), "5,5 %", eur("10,00"), "", "81,80"],
  ["FA-2025-0103", "", "", "", "", "", "", "", "", "", "", "", "Livraison à domicile", "1", "", eur("9,90"), "20 %", "", "", "9,90"],
  // FA-2025-0104 valid, 2 lines: Trattoria Da Gino S.r.l. by VAT number (clients.csv); services to an Italian
  // business, VAT-exempt (reverse charge, S283)
  ["FA-2025-0104", "10/11/2025", "10/12/2025", "Trattoria Da Gino S.r.l.", "IT01234560157", "", "À payer", "EUR", "", IBAN, "01/10/2025", "31/10/2025", "Traduction de la carte FR/EN/IT", "1", "forfait", "480,00", "0 %", "", "S283", "480,00"],
  ["FA-2025-0104", "", "", "", "", "", "", "", "", "", "", "", "Relecture", "3", "heure", "55,00", "0 %", "", "S283", "165,00"],
  // FA-2025-0105 valid, 2 lines: Le Comptoir Breton by name (existing-clients.json); 10 % and 20 %, currency "€"
  ["FA-2025-0105", "12/11/2025", "12/12/2025", "Le Comptoir Breton", "", "", "À payer", "€", "", IBAN, "", "", "Buffet cocktail", "80", "couvert", eur("18,50"), "10 %", "", "", thousands("1 480,00")],
  ["FA-2025-0105", "12/11/2025", "12/12/2025", "Le Comptoir Breton", "", "", "À payer", "€", "", IBAN, "", "", "Service en salle", "4", "heure", eur("32,00"), "20 %", "", "", "128,00"],
  // FA-2025-0106 invalid: Maison Garnier by VAT number (clients.csv); the third line's due date differs
  ["FA-2025-0106", "14/11/2025", "14/12/2025", "Maison Garnier", "FR64443061841", "", "À payer", "EUR", "", IBAN, "", "", "Audit énergétique", "1", "forfait", eur("1 850,00"), "20 %", "", "", thousands("1 850,00")],
  ["FA-2025-0106", "14/11/2025", "14/12/2025", "Maison Garnier", "FR64443061841", "", "À payer", "EUR", "", IBAN, "", "", "Thermographie", "1", "forfait", eur("390,00"), "20 %", "", "", "390,00"],
  ["FA-2025-0106", "14/11/2025", "31/12/2025", "Maison Garnier", "FR64443061841", "", "À payer", "EUR", "", IBAN, "", "", "Rapport et préconisations", "1", "forfait", eur("450,00"), "20 %", "", "", "450,00"],
  // FA-2025-0107 invalid: Cave des Vignerons Réunis by e-mail (clients.csv); its third line is further down
  ["FA-2025-0107", "17/11/2025", "17/12/2025", "Cave des Vignerons Réunis", "", "cave@vignerons-reunis.fr", "À payer", "EUR", "", IBAN, "", "", "Étiquettes de bouteilles", thousands("5 000"), "pièce", "0,12", "20 %", "", "", "600,00"],
  ["FA-2025-0107", "", "", "", "", "", "", "", "", "", "", "", "Création graphique des étiquettes", "1", "forfait", "750,00", "20 %", "", "", "750,00"],
  // FA-2025-0108 invalid: Élodie Moreau by e-mail (existing-clients.json); the IBAN's last two digits swapped
  ["FA-2025-0108", "18/11/2025", "18/12/2025", "Élodie Moreau", "", "elodie.moreau@example.fr", "À payer", "EUR", "", BAD_IBAN, "", "", "Séance de coaching", "5", "séance", eur("60,00"), "20 %", "", "", "300,00"],
  // FA-2025-0107 again: the line missing above (invoice_number_duplicate_in_file)
  ["FA-2025-0107", "17/11/2025", "17/12/2025", "Cave des Vignerons Réunis", "", "cave@vignerons-reunis.fr", "À payer", "EUR", "", IBAN, "", "", "Capsules personnalisées", thousands("2 000"), "pièce", "0,08", "20 %", "", "", "160,00"],
  // FA-2025-0109 valid, but no client of the demo: Éditions du Levant, by e-mail then name, is found by neither
  ["FA-2025-0109", "19/11/2025", "19/12/2025", "Éditions du Levant", "", "contact@editions-levant.fr", "Brouillon", "EUR", "", IBAN, "", "", "Mise en page d'un ouvrage", "240", "page", "4,50", "20 %", "", "", thousands("1 080,00")],
  ["FA-2025-0109", "", "", "", "", "", "", "", "", "", "", "", "Correction d'épreuves", "240", "page", "2,00", "20 %", "", "", "480,00"],
  // FA-2025-0110 invalid: Bistrot Chez Paul by name (existing-clients.json: its e-mail is on two clients, its name
  // on one); the first line's unit price "1.250 €" is ambiguous
  ["FA-2025-0110", "20/11/2025", "20/12/2025", "Bistrot Chez Paul", "", "", "À payer", "EUR", "", IBAN, "", "", "Conception du menu de fêtes", "1", "forfait", "1.250 €", "20 %", "", "", thousands("1 250,00")],
  ["FA-2025-0110", "20/11/2025", "20/12/2025", "Bistrot Chez Paul", "", "", "À payer", "EUR", "", IBAN, "", "", "Impression des menus", "150", "pièce", "1,20", "20 %", "", "", "180,00"],
  // FA-2025-0111 invalid: Jean-Pierre de La Fontaine by e-mail (clients.csv); the period ends before it starts
  ["FA-2025-0111", "21/11/2025", "21/12/2025", "Jean-Pierre de La Fontaine", "", "jp.delafontaine@example.fr", "À payer", "EUR", "", IBAN, "15/10/2025", "14/09/2025", "Cours de piano", "8", "heure", eur("40,00"), "20 %", "", "", "320,00"],
  // FA-2025-0112 valid, 3 lines: Pasticceria Dolce Vita S.r.l. by VAT number (existing-clients.json); goods
  // delivered to an Italian business, VAT-exempt (intra-EU supply, S262); status "Impayée"
  ["FA-2025-0112", "24/11/2025", "24/12/2025", "Pasticceria Dolce Vita S.r.l.", "IT09876540155", "", "Impayée", "EUR", "CMD-IT-2025-118", IBAN, "", "", "Farine de sarrasin bio, sac de 25 kg", "40", "sac", "38,90", "0 %", "", "S262", thousands("1 556,00")],
  ["FA-2025-0112", "", "", "", "", "", "", "", "", "", "", "", "Sucre de canne, sac de 25 kg", "20", "sac", "31,50", "0 %", "", "S262", "630,00"],
  ["FA-2025-0112", "", "", "", "", "", "", "", "", "", "", "", "Transport", "1", "forfait", "180,00", "0 %", "", "S262", "180,00"],
];
writeFileSync(
  join(out, "invoices.csv"),
  iconv.encode(csv([invoiceHeader, ...invoiceRows], ";", "\r\n"), "windows-1252"),
);

for (const name of [
  "fr-accounting-export.csv",
  "it-export.csv",
  "de-es-mix.csv",
  "clients.xlsx",
  "invoices.csv",
])
  process.stdout.write(`${join(out, name)}\n`);
