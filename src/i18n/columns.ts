// Column titles of the reports people open: our two columns of errors.csv/errors.xlsx, and results.xlsx's titles.
// results.csv keeps its English keys whatever the language: scripts and our own readers key on them, as on
// summary.json's. Titles have no spaces, so that they read as one word and need no quoting in a CSV.
import type { Lang } from "./lang.js";

/** Our columns added to errors.csv and errors.xlsx: where the row was in the original file, and why it was not imported. */
export interface ErrorColumnTitles {
  sourceLine: string;
  error: string;
}

export const ERROR_COLUMN_TITLES: Record<Lang, ErrorColumnTitles> = {
  en: { sourceLine: "source_line", error: "qonto_import_error" },
  fr: { sourceLine: "ligne_source", error: "erreur_import_qonto" },
  it: { sourceLine: "riga_originale", error: "errore_importazione_qonto" },
  es: { sourceLine: "línea_origen", error: "error_importación_qonto" },
  de: { sourceLine: "Quellzeile", error: "Qonto-Importfehler" },
};

/** Every key of results.csv, in any of its three shapes (clients, invoices, rollback). */
export type ResultColumn =
  | "record"
  | "line"
  | "outcome"
  | "qonto_client_id"
  | "matched_by"
  | "duplicate_of_record"
  | "problem_codes"
  | "problems"
  | "changes"
  | "name"
  | "vat_number"
  | "email"
  | "invoice_number"
  | "item"
  | "qonto_invoice_id"
  | "client_matched_by"
  | "client"
  | "import_outcome";

const EN_RESULT_TITLES: Record<ResultColumn, ResultColumn> = {
  record: "record",
  line: "line",
  outcome: "outcome",
  qonto_client_id: "qonto_client_id",
  matched_by: "matched_by",
  duplicate_of_record: "duplicate_of_record",
  problem_codes: "problem_codes",
  problems: "problems",
  changes: "changes",
  name: "name",
  vat_number: "vat_number",
  email: "email",
  invoice_number: "invoice_number",
  item: "item",
  qonto_invoice_id: "qonto_invoice_id",
  client_matched_by: "client_matched_by",
  client: "client",
  import_outcome: "import_outcome",
};

/** results.xlsx's column titles; English keeps results.csv's keys. */
export const RESULT_COLUMN_TITLES: Record<Lang, Record<ResultColumn, string>> = {
  en: EN_RESULT_TITLES,
  fr: {
    record: "enregistrement",
    line: "ligne",
    outcome: "résultat",
    qonto_client_id: "id_client_qonto",
    matched_by: "reconnu_par",
    duplicate_of_record: "doublon_de",
    problem_codes: "codes_problème",
    problems: "problèmes",
    changes: "modifications",
    name: "nom",
    vat_number: "numéro_tva",
    email: "email",
    invoice_number: "numéro_facture",
    item: "ligne_facture",
    qonto_invoice_id: "id_facture_qonto",
    client_matched_by: "client_reconnu_par",
    client: "client",
    import_outcome: "résultat_import",
  },
  it: {
    record: "record",
    line: "riga",
    outcome: "esito",
    qonto_client_id: "id_cliente_qonto",
    matched_by: "riconosciuto_da",
    duplicate_of_record: "duplicato_di",
    problem_codes: "codici_problema",
    problems: "problemi",
    changes: "modifiche",
    name: "nome",
    vat_number: "partita_iva",
    email: "email",
    invoice_number: "numero_fattura",
    item: "riga_fattura",
    qonto_invoice_id: "id_fattura_qonto",
    client_matched_by: "cliente_riconosciuto_da",
    client: "cliente",
    import_outcome: "esito_importazione",
  },
  es: {
    record: "registro",
    line: "línea",
    outcome: "resultado",
    qonto_client_id: "id_cliente_qonto",
    matched_by: "reconocido_por",
    duplicate_of_record: "duplicado_de",
    problem_codes: "códigos_problema",
    problems: "problemas",
    changes: "cambios",
    name: "nombre",
    vat_number: "número_iva",
    email: "email",
    invoice_number: "número_factura",
    item: "línea_factura",
    qonto_invoice_id: "id_factura_qonto",
    client_matched_by: "cliente_reconocido_por",
    client: "cliente",
    import_outcome: "resultado_importación",
  },
  de: {
    record: "Datensatz",
    line: "Zeile",
    outcome: "Ergebnis",
    qonto_client_id: "Qonto-Kunden-ID",
    matched_by: "erkannt_über",
    duplicate_of_record: "Duplikat_von",
    problem_codes: "Problemcodes",
    problems: "Probleme",
    changes: "Änderungen",
    name: "Name",
    vat_number: "USt-IdNr.",
    email: "E-Mail",
    invoice_number: "Rechnungsnummer",
    item: "Position",
    qonto_invoice_id: "Qonto-Rechnungs-ID",
    client_matched_by: "Kunde_erkannt_über",
    client: "Kunde",
    import_outcome: "Importergebnis",
  },
};
