// What report.html says, in each language a person may read it in. Data only: src/report/html.ts decides what is
// shown, these tables how. Problem codes, outcomes' machine values (the filter's checkbox values, results.csv's
// outcome column) and file names (results.csv, summary.json) stay English: people type and search them.
// Every text is plain text: the page escapes it, then puts the links in (footer, capNote get a placeholder).
import type { Outcome } from "../report/outcome.js";
import type { Lang } from "./lang.js";

/** What an invoices run's tiles count: invoices by outcome (their lines as the second figure). */
export const INVOICE_TILE_OUTCOMES = [
  "created",
  "skipped_existing",
  "invalid",
  "failed",
  "not_sent",
  "would_create",
  "ignored",
] as const satisfies readonly Outcome[];
export type InvoiceTileOutcome = (typeof INVOICE_TILE_OUTCOMES)[number];

export interface ReportTexts {
  /** The BCP 47 locale numbers are written in (12,345 / 12 345 / 12.345). */
  locale: string;
  /** "<tool> report: <file>", the page's title. */
  title(tool: string, file: string): string;
  pillImport: string;
  pillDryRun: string;
  pillRollback: string;
  pillRollbackPlan: string;
  inputFile: string;
  runRolledBack: string;
  rowsRead: string;
  /** An invoices run reads lines, grouped into invoices. */
  linesRead: string;
  notImported(n: string, count: number): string;
  notRolledBack(n: string, count: number): string;
  /** Below the lines read of an invoices run: how many invoices they make. */
  invoicesInAll(n: string, count: number): string;
  duration: string;
  started(when: string): string;
  requests: string;
  requestsNone: string;
  dryRunNothingSent: string;
  retried(n: string, count: number): string;
  rateLimited(n: string, count: number): string;
  accounted: string;
  yes: string;
  no: string;
  /** "NO", shouted: the outcomes do not add up, a bug. */
  noAlarm: string;
  accountedDetail: string;
  notAccountedDetail: string;
  stoppedEarly: string;
  ranToEnd: string;
  outcomesHeading: string;
  invoicesHeading: string;
  rowsPerOutcome: string;
  linesPerOutcome: string;
  frequentProblems: string;
  noRows: string;
  noProblems: string;
  moreProblemCodes(n: string, count: number): string;
  colProblemCode: string;
  colCount: string;
  colSeverity: string;
  colWhatToDo: string;
  severity: { error: string; warning: string };
  attentionHeading: string;
  noAttention: string;
  /** results stands for the link to results.csv. */
  capNote(shown: string, total: string | undefined, results: string): string;
  filterPlaceholder: string;
  /** The same in an invoices run, whose rows have an invoice number. */
  filterPlaceholderInvoices: string;
  filterLabel: string;
  /** "{n} of {total} rows shown": the page's script fills the numbers in as the filter changes. */
  shown: string;
  colRecord: string;
  colLine: string;
  colOutcome: string;
  colName: string;
  colClient: string;
  colInvoice: string;
  colVat: string;
  colEmail: string;
  colProblems: string;
  /** results and summary stand for the links to those files. */
  footer(dir: string, results: string, summary: string): string;
  clipped(n: string): string;
  /** An outcome's name on its tile, its bar and its checkbox, said of clients (or a rollback's rows). */
  outcomes: Record<Outcome, string>;
  /** The same said of invoice lines, where the language makes the words agree with a feminine noun. */
  lineOutcomes: Partial<Record<Outcome, string>>;
  /** One line under an outcome's tile, said of one client. */
  descriptions: Record<Outcome, string>;
  /** An invoices run's tiles: invoices by outcome ("ignored" counts lines: totals lines belong to no invoice). */
  invoiceTiles: Record<InvoiceTileOutcome, string>;
  lines(n: string, count: number): string;
}

const en: ReportTexts = {
  locale: "en-US",
  title: (tool, file) => `${tool} report: ${file}`,
  pillImport: "import",
  pillDryRun: "dry run: nothing sent to Qonto",
  pillRollback: "rollback",
  pillRollbackPlan: "rollback plan: nothing changed in Qonto",
  inputFile: "Input file",
  runRolledBack: "Run rolled back",
  rowsRead: "Rows read",
  linesRead: "Lines read",
  notImported: (n) => `${n} not imported`,
  notRolledBack: (n) => `${n} not rolled back`,
  invoicesInAll: (n, count) => `${n} invoice${count === 1 ? "" : "s"}`,
  duration: "Duration",
  started: (when) => `started ${when}`,
  requests: "Requests to Qonto",
  requestsNone: "none",
  dryRunNothingSent: "dry run: nothing sent",
  retried: (n) => `${n} retried`,
  rateLimited: (n) => `${n} rate-limited (429)`,
  accounted: "All rows accounted for",
  yes: "yes",
  no: "no",
  noAlarm: "NO",
  accountedDetail: "every row has exactly one outcome",
  notAccountedDetail: "the outcomes do not add up to the rows read: please report this as a bug",
  stoppedEarly: "Stopped early",
  ranToEnd: "the run went to the end",
  outcomesHeading: "Outcomes",
  invoicesHeading: "Invoices",
  rowsPerOutcome: "Rows per outcome",
  linesPerOutcome: "Lines per outcome",
  frequentProblems: "Most frequent problems",
  noRows: "No rows were read.",
  noProblems: "No problems were found.",
  moreProblemCodes: (n, count) =>
    `${n} more problem code${count === 1 ? "" : "s"}; summary.json counts them all.`,
  colProblemCode: "problem code",
  colCount: "count",
  colSeverity: "severity",
  colWhatToDo: "what to do",
  severity: { error: "error", warning: "warning" },
  attentionHeading: "Rows that need attention",
  noAttention: "No row needs attention: nothing invalid, to review or failed, and no warning.",
  capNote: (shown, total, results) =>
    `Only the first ${shown} rows that need attention are listed here${total === undefined ? "" : ` (of ${total})`}; ${results} has every row.`,
  filterPlaceholder: "Filter: name, VAT, e-mail, problem code or message…",
  filterPlaceholderInvoices: "Filter: invoice, client, VAT, e-mail, problem code or message…",
  filterLabel: "Filter rows",
  shown: "{n} of {total} rows shown",
  colRecord: "record",
  colLine: "line",
  colOutcome: "outcome",
  colName: "name",
  colClient: "client",
  colInvoice: "invoice",
  colVat: "VAT",
  colEmail: "e-mail",
  colProblems: "problems",
  footer: (dir, results, summary) =>
    `Report folder: ${dir} · every row is in ${results}, the counts in ${summary}.`,
  clipped: (n) => `(${n} characters in all)`,
  outcomes: {
    created: "Created",
    updated: "Updated",
    unchanged: "Unchanged",
    skipped_existing: "Already in Qonto",
    duplicate_in_file: "Duplicates",
    needs_review: "To review",
    invalid: "Invalid",
    failed: "Failed",
    not_sent: "Not sent (interrupted)",
    would_create: "Would be created",
    would_update: "Would be updated",
    ignored: "Ignored",
    deleted: "Deleted",
    restored: "Restored",
    already_gone: "Already gone",
    left_changed: "Left alone",
    refused_invoices: "Kept for their invoices",
    nothing_to_undo: "Nothing to undo",
    would_delete: "Would be deleted",
    would_restore: "Would be restored",
  },
  lineOutcomes: {},
  descriptions: {
    created: "created in Qonto",
    updated: "updated in Qonto",
    unchanged: "already up to date",
    skipped_existing: "already in Qonto, skipped",
    duplicate_in_file: "duplicate of an earlier row",
    needs_review: "matches several clients",
    invalid: "invalid, not sent",
    failed: "sending failed",
    not_sent: "not sent: the run was interrupted",
    would_create: "would be created",
    would_update: "would be updated",
    ignored: "totals line or repeated header",
    deleted: "created by the import, deleted",
    restored: "updated by the import, old values back",
    already_gone: "no longer in Qonto",
    left_changed: "changed since the import, left alone",
    refused_invoices: "has imported invoices, not deleted",
    nothing_to_undo: "not written by the import",
    would_delete: "would be deleted",
    would_restore: "would be restored",
  },
  invoiceTiles: {
    created: "Invoices created",
    skipped_existing: "Invoices already in Qonto",
    invalid: "Invalid invoices",
    failed: "Invoices failed",
    not_sent: "Invoices not sent (interrupted)",
    would_create: "Invoices to create",
    ignored: "Lines ignored",
  },
  lines: (n, count) => `${n} line${count === 1 ? "" : "s"}`,
};

// French: 0 and 1 take the singular.
const frPlural = (count: number, one: string, many: string) => (count <= 1 ? one : many);

const fr: ReportTexts = {
  locale: "fr-FR",
  title: (tool, file) => `Rapport ${tool} : ${file}`,
  pillImport: "import",
  pillDryRun: "simulation : rien n'a été envoyé à Qonto",
  pillRollback: "annulation",
  pillRollbackPlan: "plan d'annulation : rien n'a changé dans Qonto",
  inputFile: "Fichier importé",
  runRolledBack: "Import annulé",
  rowsRead: "Lignes lues",
  linesRead: "Lignes lues",
  notImported: (n, count) => `${n} ${frPlural(count, "non importée", "non importées")}`,
  notRolledBack: (n, count) => `${n} ${frPlural(count, "non annulée", "non annulées")}`,
  invoicesInAll: (n, count) => `${n} ${frPlural(count, "facture", "factures")}`,
  duration: "Durée",
  started: (when) => `début ${when}`,
  requests: "Requêtes à Qonto",
  requestsNone: "aucune",
  dryRunNothingSent: "simulation : rien n'a été envoyé",
  retried: (n, count) => `${n} ${frPlural(count, "relancée", "relancées")}`,
  rateLimited: (n, count) => `${n} ${frPlural(count, "limitée", "limitées")} par Qonto (429)`,
  accounted: "Toutes les lignes comptées",
  yes: "oui",
  no: "non",
  noAlarm: "NON",
  accountedDetail: "chaque ligne a exactement un résultat",
  notAccountedDetail:
    "les résultats ne correspondent pas au nombre de lignes lues : merci de signaler ce bug",
  stoppedEarly: "Arrêt prématuré",
  ranToEnd: "l'exécution est allée jusqu'au bout",
  outcomesHeading: "Résultats",
  invoicesHeading: "Factures",
  rowsPerOutcome: "Lignes par résultat",
  linesPerOutcome: "Lignes par résultat",
  frequentProblems: "Problèmes les plus fréquents",
  noRows: "Aucune ligne n'a été lue.",
  noProblems: "Aucun problème détecté.",
  moreProblemCodes: (n, count) =>
    `${n} ${frPlural(count, "autre code de problème", "autres codes de problème")} ; summary.json les compte tous.`,
  colProblemCode: "code du problème",
  colCount: "nombre",
  colSeverity: "gravité",
  colWhatToDo: "que faire",
  severity: { error: "erreur", warning: "avertissement" },
  attentionHeading: "Lignes à traiter",
  noAttention: "Aucune ligne à traiter : rien d'invalide, à vérifier ou en échec, et aucun avertissement.",
  capNote: (shown, total, results) =>
    `Seules les ${shown} premières lignes à traiter sont listées ici${total === undefined ? "" : ` (sur ${total})`} ; ${results} contient toutes les lignes.`,
  filterPlaceholder: "Filtrer : nom, TVA, e-mail, code ou message du problème…",
  filterPlaceholderInvoices: "Filtrer : facture, client, TVA, e-mail, code ou message du problème…",
  filterLabel: "Filtrer les lignes",
  shown: "{n} sur {total} lignes affichées",
  colRecord: "enregistrement",
  colLine: "ligne",
  colOutcome: "résultat",
  colName: "nom",
  colClient: "client",
  colInvoice: "facture",
  colVat: "n° TVA",
  colEmail: "e-mail",
  colProblems: "problèmes",
  footer: (dir, results, summary) =>
    `Dossier du rapport : ${dir} · toutes les lignes sont dans ${results}, les totaux dans ${summary}.`,
  clipped: (n) => `(${n} caractères au total)`,
  outcomes: {
    created: "Créés",
    updated: "Mis à jour",
    unchanged: "Inchangés",
    skipped_existing: "Déjà dans Qonto",
    duplicate_in_file: "Doublons",
    needs_review: "À vérifier",
    invalid: "Invalides",
    failed: "En échec",
    not_sent: "Non envoyés (interruption)",
    would_create: "Seraient créés",
    would_update: "Seraient mis à jour",
    ignored: "Ignorés",
    deleted: "Supprimés",
    restored: "Rétablis",
    already_gone: "Déjà absents de Qonto",
    left_changed: "Laissés tels quels",
    refused_invoices: "Conservés (factures)",
    nothing_to_undo: "Rien à annuler",
    would_delete: "Seraient supprimés",
    would_restore: "Seraient rétablis",
  },
  lineOutcomes: {
    created: "Créées",
    would_create: "Seraient créées",
    ignored: "Ignorées",
  },
  descriptions: {
    created: "créé dans Qonto",
    updated: "mis à jour dans Qonto",
    unchanged: "déjà à jour",
    skipped_existing: "déjà dans Qonto, ignoré",
    duplicate_in_file: "doublon d'une ligne précédente",
    needs_review: "correspond à plusieurs clients",
    invalid: "invalide, non envoyé",
    failed: "l'envoi a échoué",
    not_sent: "non envoyé : l'import a été interrompu",
    would_create: "serait créé",
    would_update: "serait mis à jour",
    ignored: "ligne de total ou en-tête répété",
    deleted: "créé par l'import, supprimé",
    restored: "modifié par l'import, anciennes valeurs rétablies",
    already_gone: "n'est plus dans Qonto",
    left_changed: "modifié depuis l'import, laissé tel quel",
    refused_invoices: "a des factures importées, non supprimé",
    nothing_to_undo: "non écrit par l'import",
    would_delete: "serait supprimé",
    would_restore: "serait rétabli",
  },
  invoiceTiles: {
    created: "Factures créées",
    skipped_existing: "Factures déjà dans Qonto",
    invalid: "Factures invalides",
    failed: "Factures en échec",
    not_sent: "Factures non envoyées (interruption)",
    would_create: "Factures à créer",
    ignored: "Lignes ignorées",
  },
  lines: (n, count) => `${n} ${frPlural(count, "ligne", "lignes")}`,
};

const itPlural = (count: number, one: string, many: string) => (count === 1 ? one : many);

const it: ReportTexts = {
  locale: "it-IT",
  title: (tool, file) => `Report ${tool}: ${file}`,
  pillImport: "importazione",
  pillDryRun: "simulazione: nulla è stato inviato a Qonto",
  pillRollback: "annullamento",
  pillRollbackPlan: "piano di annullamento: nulla è cambiato in Qonto",
  inputFile: "File importato",
  runRolledBack: "Importazione annullata",
  rowsRead: "Righe lette",
  linesRead: "Righe lette",
  notImported: (n, count) => `${n} ${itPlural(count, "non importata", "non importate")}`,
  notRolledBack: (n, count) => `${n} ${itPlural(count, "non annullata", "non annullate")}`,
  invoicesInAll: (n, count) => `${n} ${itPlural(count, "fattura", "fatture")}`,
  duration: "Durata",
  started: (when) => `iniziata il ${when}`,
  requests: "Richieste a Qonto",
  requestsNone: "nessuna",
  dryRunNothingSent: "simulazione: nulla è stato inviato",
  retried: (n, count) => `${n} ${itPlural(count, "ripetuta", "ripetute")}`,
  rateLimited: (n, count) => `${n} ${itPlural(count, "limitata", "limitate")} da Qonto (429)`,
  accounted: "Tutte le righe conteggiate",
  yes: "sì",
  no: "no",
  noAlarm: "NO",
  accountedDetail: "ogni riga ha esattamente un esito",
  notAccountedDetail: "gli esiti non corrispondono alle righe lette: vi preghiamo di segnalarlo come bug",
  stoppedEarly: "Interrotta in anticipo",
  ranToEnd: "l'esecuzione è arrivata alla fine",
  outcomesHeading: "Esiti",
  invoicesHeading: "Fatture",
  rowsPerOutcome: "Righe per esito",
  linesPerOutcome: "Righe per esito",
  frequentProblems: "Problemi più frequenti",
  noRows: "Nessuna riga è stata letta.",
  noProblems: "Nessun problema rilevato.",
  moreProblemCodes: (n, count) =>
    `${count === 1 ? "Un altro codice" : `Altri ${n} codici`} di problema; summary.json li conta tutti.`,
  colProblemCode: "codice del problema",
  colCount: "numero",
  colSeverity: "gravità",
  colWhatToDo: "cosa fare",
  severity: { error: "errore", warning: "avviso" },
  attentionHeading: "Righe da controllare",
  noAttention:
    "Nessuna riga da controllare: niente di non valido, da verificare o non riuscito, e nessun avviso.",
  capNote: (shown, total, results) =>
    `Qui sono elencate solo le prime ${shown} righe da controllare${total === undefined ? "" : ` (su ${total})`}; ${results} contiene tutte le righe.`,
  filterPlaceholder: "Filtra: nome, partita IVA, e-mail, codice o messaggio del problema…",
  filterPlaceholderInvoices:
    "Filtra: fattura, cliente, partita IVA, e-mail, codice o messaggio del problema…",
  filterLabel: "Filtra le righe",
  shown: "{n} di {total} righe visualizzate",
  colRecord: "record",
  colLine: "riga",
  colOutcome: "esito",
  colName: "nome",
  colClient: "cliente",
  colInvoice: "fattura",
  colVat: "partita IVA",
  colEmail: "e-mail",
  colProblems: "problemi",
  footer: (dir, results, summary) =>
    `Cartella del report: ${dir} · tutte le righe sono in ${results}, i totali in ${summary}.`,
  clipped: (n) => `(${n} caratteri in tutto)`,
  outcomes: {
    created: "Creati",
    updated: "Aggiornati",
    unchanged: "Invariati",
    skipped_existing: "Già in Qonto",
    duplicate_in_file: "Duplicati",
    needs_review: "Da verificare",
    invalid: "Non validi",
    failed: "Non riusciti",
    not_sent: "Non inviati (interruzione)",
    would_create: "Verrebbero creati",
    would_update: "Verrebbero aggiornati",
    ignored: "Ignorati",
    deleted: "Eliminati",
    restored: "Ripristinati",
    already_gone: "Non più in Qonto",
    left_changed: "Lasciati invariati",
    refused_invoices: "Conservati (fatture)",
    nothing_to_undo: "Niente da annullare",
    would_delete: "Verrebbero eliminati",
    would_restore: "Verrebbero ripristinati",
  },
  lineOutcomes: {
    created: "Create",
    duplicate_in_file: "Duplicate",
    invalid: "Non valide",
    failed: "Non riuscite",
    would_create: "Verrebbero create",
    ignored: "Ignorate",
  },
  descriptions: {
    created: "creato in Qonto",
    updated: "aggiornato in Qonto",
    unchanged: "già aggiornato",
    skipped_existing: "già in Qonto, saltato",
    duplicate_in_file: "duplicato di una riga precedente",
    needs_review: "corrisponde a più clienti",
    invalid: "non valido, non inviato",
    failed: "invio non riuscito",
    not_sent: "non inviato: l'importazione è stata interrotta",
    would_create: "verrebbe creato",
    would_update: "verrebbe aggiornato",
    ignored: "riga dei totali o intestazione ripetuta",
    deleted: "creato dall'importazione, eliminato",
    restored: "aggiornato dall'importazione, valori precedenti ripristinati",
    already_gone: "non è più in Qonto",
    left_changed: "modificato dopo l'importazione, lasciato invariato",
    refused_invoices: "ha fatture importate, non eliminato",
    nothing_to_undo: "non scritto dall'importazione",
    would_delete: "verrebbe eliminato",
    would_restore: "verrebbe ripristinato",
  },
  invoiceTiles: {
    created: "Fatture create",
    skipped_existing: "Fatture già in Qonto",
    invalid: "Fatture non valide",
    failed: "Fatture non riuscite",
    not_sent: "Fatture non inviate (interruzione)",
    would_create: "Fatture da creare",
    ignored: "Righe ignorate",
  },
  lines: (n, count) => `${n} ${itPlural(count, "riga", "righe")}`,
};

const es: ReportTexts = {
  locale: "es-ES",
  title: (tool, file) => `Informe de ${tool}: ${file}`,
  pillImport: "importación",
  pillDryRun: "simulación: no se ha enviado nada a Qonto",
  pillRollback: "reversión",
  pillRollbackPlan: "plan de reversión: no ha cambiado nada en Qonto",
  inputFile: "Archivo importado",
  runRolledBack: "Importación revertida",
  rowsRead: "Filas leídas",
  linesRead: "Líneas leídas",
  notImported: (n) => `${n} sin importar`,
  notRolledBack: (n) => `${n} sin revertir`,
  invoicesInAll: (n, count) => `${n} ${itPlural(count, "factura", "facturas")}`,
  duration: "Duración",
  started: (when) => `inicio: ${when}`,
  requests: "Solicitudes a Qonto",
  requestsNone: "ninguna",
  dryRunNothingSent: "simulación: no se ha enviado nada",
  retried: (n, count) => `${n} ${itPlural(count, "reintentada", "reintentadas")}`,
  rateLimited: (n, count) => `${n} ${itPlural(count, "limitada", "limitadas")} por Qonto (429)`,
  accounted: "Todas las filas contabilizadas",
  yes: "sí",
  no: "no",
  noAlarm: "NO",
  accountedDetail: "cada fila tiene exactamente un resultado",
  notAccountedDetail: "los resultados no cuadran con las filas leídas: por favor, notifíquelo como un error",
  stoppedEarly: "Detenida antes de tiempo",
  ranToEnd: "la ejecución llegó hasta el final",
  outcomesHeading: "Resultados",
  invoicesHeading: "Facturas",
  rowsPerOutcome: "Filas por resultado",
  linesPerOutcome: "Líneas por resultado",
  frequentProblems: "Problemas más frecuentes",
  noRows: "No se ha leído ninguna fila.",
  noProblems: "No se ha encontrado ningún problema.",
  moreProblemCodes: (n, count) =>
    `${count === 1 ? "Otro código" : `Otros ${n} códigos`} de problema; summary.json los cuenta todos.`,
  colProblemCode: "código del problema",
  colCount: "cantidad",
  colSeverity: "gravedad",
  colWhatToDo: "qué hacer",
  severity: { error: "error", warning: "aviso" },
  attentionHeading: "Filas que requieren atención",
  noAttention: "Ninguna fila requiere atención: nada no válido, por revisar o fallido, y ningún aviso.",
  capNote: (shown, total, results) =>
    `Aquí solo se muestran las primeras ${shown} filas que requieren atención${total === undefined ? "" : ` (de ${total})`}; ${results} contiene todas las filas.`,
  filterPlaceholder: "Filtrar: nombre, NIF-IVA, correo, código o mensaje del problema…",
  filterPlaceholderInvoices: "Filtrar: factura, cliente, NIF-IVA, correo, código o mensaje del problema…",
  filterLabel: "Filtrar filas",
  shown: "{n} de {total} filas mostradas",
  colRecord: "registro",
  colLine: "línea",
  colOutcome: "resultado",
  colName: "nombre",
  colClient: "cliente",
  colInvoice: "factura",
  colVat: "NIF-IVA",
  colEmail: "correo",
  colProblems: "problemas",
  footer: (dir, results, summary) =>
    `Carpeta del informe: ${dir} · todas las filas están en ${results}, los totales en ${summary}.`,
  clipped: (n) => `(${n} caracteres en total)`,
  outcomes: {
    created: "Creados",
    updated: "Actualizados",
    unchanged: "Sin cambios",
    skipped_existing: "Ya en Qonto",
    duplicate_in_file: "Duplicados",
    needs_review: "Por revisar",
    invalid: "No válidos",
    failed: "Fallidos",
    not_sent: "No enviados (interrupción)",
    would_create: "Se crearían",
    would_update: "Se actualizarían",
    ignored: "Ignorados",
    deleted: "Eliminados",
    restored: "Restaurados",
    already_gone: "Ya no están en Qonto",
    left_changed: "Sin tocar",
    refused_invoices: "Conservados (facturas)",
    nothing_to_undo: "Nada que deshacer",
    would_delete: "Se eliminarían",
    would_restore: "Se restaurarían",
  },
  lineOutcomes: {
    created: "Creadas",
    duplicate_in_file: "Duplicadas",
    failed: "Fallidas",
    ignored: "Ignoradas",
  },
  descriptions: {
    created: "creado en Qonto",
    updated: "actualizado en Qonto",
    unchanged: "ya estaba al día",
    skipped_existing: "ya en Qonto, omitido",
    duplicate_in_file: "duplicado de una fila anterior",
    needs_review: "coincide con varios clientes",
    invalid: "no válido, no enviado",
    failed: "el envío falló",
    not_sent: "no enviado: la importación se interrumpió",
    would_create: "se crearía",
    would_update: "se actualizaría",
    ignored: "fila de totales o encabezado repetido",
    deleted: "creado por la importación, eliminado",
    restored: "actualizado por la importación, valores anteriores restaurados",
    already_gone: "ya no está en Qonto",
    left_changed: "modificado tras la importación, sin tocar",
    refused_invoices: "tiene facturas importadas, no eliminado",
    nothing_to_undo: "no escrito por la importación",
    would_delete: "se eliminaría",
    would_restore: "se restauraría",
  },
  invoiceTiles: {
    created: "Facturas creadas",
    skipped_existing: "Facturas ya en Qonto",
    invalid: "Facturas no válidas",
    failed: "Facturas fallidas",
    not_sent: "Facturas no enviadas (interrupción)",
    would_create: "Facturas por crear",
    ignored: "Líneas ignoradas",
  },
  lines: (n, count) => `${n} ${itPlural(count, "línea", "líneas")}`,
};

const de: ReportTexts = {
  locale: "de-DE",
  title: (tool, file) => `${tool}-Bericht: ${file}`,
  pillImport: "Import",
  pillDryRun: "Probelauf: nichts an Qonto gesendet",
  pillRollback: "Rückgängig machen",
  pillRollbackPlan: "Plan zum Rückgängigmachen: nichts in Qonto geändert",
  inputFile: "Eingabedatei",
  runRolledBack: "Rückgängig gemachter Lauf",
  rowsRead: "Gelesene Zeilen",
  linesRead: "Gelesene Zeilen",
  notImported: (n) => `${n} nicht importiert`,
  notRolledBack: (n) => `${n} nicht rückgängig gemacht`,
  invoicesInAll: (n, count) => `${n} ${itPlural(count, "Rechnung", "Rechnungen")}`,
  duration: "Dauer",
  started: (when) => `Beginn ${when}`,
  requests: "Anfragen an Qonto",
  requestsNone: "keine",
  dryRunNothingSent: "Probelauf: nichts gesendet",
  retried: (n) => `${n} wiederholt`,
  rateLimited: (n) => `${n} von Qonto begrenzt (429)`,
  accounted: "Alle Zeilen erfasst",
  yes: "ja",
  no: "nein",
  noAlarm: "NEIN",
  accountedDetail: "jede Zeile hat genau ein Ergebnis",
  notAccountedDetail:
    "die Ergebnisse ergeben nicht die Zahl der gelesenen Zeilen: bitte melden Sie dies als Fehler",
  stoppedEarly: "Vorzeitig abgebrochen",
  ranToEnd: "der Lauf wurde vollständig ausgeführt",
  outcomesHeading: "Ergebnisse",
  invoicesHeading: "Rechnungen",
  rowsPerOutcome: "Zeilen je Ergebnis",
  linesPerOutcome: "Zeilen je Ergebnis",
  frequentProblems: "Häufigste Probleme",
  noRows: "Es wurden keine Zeilen gelesen.",
  noProblems: "Es wurden keine Probleme gefunden.",
  moreProblemCodes: (n, count) =>
    `${count === 1 ? "Ein weiterer Problemcode" : `${n} weitere Problemcodes`}; summary.json zählt sie alle.`,
  colProblemCode: "Problemcode",
  colCount: "Anzahl",
  colSeverity: "Schwere",
  colWhatToDo: "Was tun",
  severity: { error: "Fehler", warning: "Warnung" },
  attentionHeading: "Zeilen, die Aufmerksamkeit erfordern",
  noAttention:
    "Keine Zeile erfordert Aufmerksamkeit: nichts Ungültiges, zu Prüfendes oder Fehlgeschlagenes und keine Warnung.",
  capNote: (shown, total, results) =>
    `Hier sind nur die ersten ${shown} Zeilen aufgeführt, die Aufmerksamkeit erfordern${total === undefined ? "" : ` (von ${total})`}; ${results} enthält alle Zeilen.`,
  filterPlaceholder: "Filtern: Name, USt-IdNr., E-Mail, Problemcode oder Meldung…",
  filterPlaceholderInvoices: "Filtern: Rechnung, Kunde, USt-IdNr., E-Mail, Problemcode oder Meldung…",
  filterLabel: "Zeilen filtern",
  shown: "{n} von {total} Zeilen angezeigt",
  colRecord: "Datensatz",
  colLine: "Zeile",
  colOutcome: "Ergebnis",
  colName: "Name",
  colClient: "Kunde",
  colInvoice: "Rechnung",
  colVat: "USt-IdNr.",
  colEmail: "E-Mail",
  colProblems: "Probleme",
  footer: (dir, results, summary) =>
    `Berichtsordner: ${dir} · alle Zeilen stehen in ${results}, die Summen in ${summary}.`,
  clipped: (n) => `(insgesamt ${n} Zeichen)`,
  outcomes: {
    created: "Angelegt",
    updated: "Aktualisiert",
    unchanged: "Unverändert",
    skipped_existing: "Bereits in Qonto",
    duplicate_in_file: "Duplikate",
    needs_review: "Zu prüfen",
    invalid: "Ungültig",
    failed: "Fehlgeschlagen",
    not_sent: "Nicht gesendet (abgebrochen)",
    would_create: "Würden angelegt",
    would_update: "Würden aktualisiert",
    ignored: "Ignoriert",
    deleted: "Gelöscht",
    restored: "Zurückgesetzt",
    already_gone: "Nicht mehr in Qonto",
    left_changed: "Unverändert gelassen",
    refused_invoices: "Behalten (Rechnungen)",
    nothing_to_undo: "Nichts rückgängig zu machen",
    would_delete: "Würden gelöscht",
    would_restore: "Würden zurückgesetzt",
  },
  // German participles do not agree with the noun.
  lineOutcomes: {},
  descriptions: {
    created: "in Qonto angelegt",
    updated: "in Qonto aktualisiert",
    unchanged: "bereits aktuell",
    skipped_existing: "bereits in Qonto, übersprungen",
    duplicate_in_file: "Duplikat einer früheren Zeile",
    needs_review: "passt zu mehreren Kunden",
    invalid: "ungültig, nicht gesendet",
    failed: "Senden fehlgeschlagen",
    not_sent: "nicht gesendet: der Import wurde abgebrochen",
    would_create: "würde angelegt",
    would_update: "würde aktualisiert",
    ignored: "Summenzeile oder wiederholte Kopfzeile",
    deleted: "vom Import angelegt, gelöscht",
    restored: "vom Import geändert, alte Werte wiederhergestellt",
    already_gone: "nicht mehr in Qonto",
    left_changed: "seit dem Import geändert, unverändert gelassen",
    refused_invoices: "hat importierte Rechnungen, nicht gelöscht",
    nothing_to_undo: "nicht vom Import geschrieben",
    would_delete: "würde gelöscht",
    would_restore: "würde zurückgesetzt",
  },
  invoiceTiles: {
    created: "Angelegte Rechnungen",
    skipped_existing: "Rechnungen bereits in Qonto",
    invalid: "Ungültige Rechnungen",
    failed: "Fehlgeschlagene Rechnungen",
    not_sent: "Nicht gesendete Rechnungen (abgebrochen)",
    would_create: "Anzulegende Rechnungen",
    ignored: "Ignorierte Zeilen",
  },
  lines: (n, count) => `${n} ${itPlural(count, "Zeile", "Zeilen")}`,
};

export const REPORT_TEXTS: Record<Lang, ReportTexts> = { en, fr, it, es, de };

const FORMATS = Object.fromEntries(
  Object.entries(REPORT_TEXTS).map(([lang, t]) => [lang, new Intl.NumberFormat(t.locale)]),
) as Record<Lang, Intl.NumberFormat>;

/** A count as the language writes it: 12,345 (en), 12 345 (fr), 12.345 (it, de), 12.345 but 1234 (es). */
export function formatCount(n: number, lang: Lang): string {
  return FORMATS[lang].format(n);
}
