// What the console says at the end of an import, an apply or a rollback, in each language a person may read it in.
// Data only: src/report/console.ts and src/rollback/console.ts decide what is said, these tables how. Problem codes,
// option names, commands and file names (results.csv) stay English inside every text: people type and search them.
import type { Outcome } from "../report/outcome.js";
import type { Lang } from "./lang.js";

/** The outcomes a rollback's console lists, each with its own wording (it says what the run did to them). */
export type RollbackLabelled =
  | "would_delete"
  | "deleted"
  | "would_restore"
  | "restored"
  | "unchanged"
  | "already_gone"
  | "left_changed"
  | "refused_invoices"
  | "nothing_to_undo"
  | "needs_review"
  | "failed"
  | "not_sent";

export interface RollbackTexts {
  labels: Record<RollbackLabelled, string>;
  headline(plan: boolean, of: string, rows: number): string;
  /** Below a listing cut short. */
  more(n: number): string;
  deleteWarning: string;
  /** Not one client the run wrote is still in Qonto: perhaps another organization's credentials. */
  noneInQonto: string;
  notAccounted: string;
  report(dir: string): string;
  carryOut(command: string): string;
  checkLeftAlone: string;
  seeWhy(n: number, results: string): string;
}

/** An import's rows so far, by what became of them: the counters the progress display moves every second. */
export interface ProgressCounts {
  created: number;
  updated: number;
  /** Already in Qonto, up to date, or a duplicate of an earlier row: nothing to send. */
  skipped: number;
  invalid: number;
  failed: number;
  /** Never sent: the run was interrupted first. */
  notSent: number;
}

/** The progress display's words; counts come already formatted for the language (11,000 / 11 000). */
export interface ProgressTexts {
  /** Waiting for one of Qonto's windows: "waiting for Qonto's limit of 9,000 requests per 10 min". */
  window(limit: string, span: string): string;
  /** Waiting out the pause a 429 asked for. */
  pause: string;
  /** After either, with its separator (": ", French " : "): when sending resumes (local time), and the rows still to do. */
  resumes(at: string, left: string | undefined): string;
  rows(settled: string): string;
  rowsOf(settled: string, total: string, percent: number): string;
  counts(c: ProgressCounts, n: (x: number) => string): string;
  parked(n: string): string;
  eta(duration: string): string;
  /** The first Ctrl-C. */
  interrupted: string;
  /** Before why a run stopped early, with --json, with its separator ("Stopped: ", "Arrêt : "). */
  stopped: string;
}

export interface ConsoleTexts {
  /** After a count: "700  created in Qonto". Worded for clients. */
  labels: Record<Outcome, string>;
  /** The same for invoices and their lines, where the language makes the words agree with a feminine noun. */
  invoiceLabels: Partial<Record<Outcome, string>>;
  problemsHeading(shown: number, total: number): string;
  headline(dryRun: boolean, rows: number, file: string): string;
  accounted(rows: number): string;
  notAccounted: string;
  frequentProblems: string;
  invoices: string;
  requests(total: number, retries: number, duration: string): string;
  stoppedEarly: string;
  report(dir: string): string;
  /** Starts the first step; the next steps are indented as far. */
  next: string;
  nothingLeft: string;
  runAgain: string;
  fixPlanned(n: number, results: string, command: string): string;
  fixErrors(n: number, errors: string, command: string): string;
  refused(n: number): string;
  importInvoices: string;
  carryOutPlan(command: string): string;
  progress: ProgressTexts;
  rollback: RollbackTexts;
}

const en: ConsoleTexts = {
  labels: {
    created: "created in Qonto",
    updated: "updated in Qonto",
    unchanged: "already up to date",
    skipped_existing: "already in Qonto (skipped)",
    duplicate_in_file: "duplicates of an earlier row",
    needs_review: "need review (match several clients)",
    invalid: "invalid (not sent)",
    failed: "failed",
    not_sent: "not sent (interrupted)",
    would_create: "would be created",
    would_update: "would be updated",
    ignored: "ignored (totals lines, repeated headers)",
    deleted: "deleted from Qonto",
    restored: "restored to their values before the import",
    already_gone: "no longer in Qonto",
    left_changed: "left alone: changed in Qonto since the import",
    refused_invoices: "not deleted: invoices were imported for them",
    nothing_to_undo: "not written by the import: nothing to undo",
    would_delete: "would be deleted",
    would_restore: "would be restored",
  },
  invoiceLabels: {},
  problemsHeading: (shown, total) =>
    shown < total ? `Problems (the first ${shown} of ${total}; all are in results.csv):` : "Problems:",
  headline: (dryRun, rows, file) =>
    `${dryRun ? "Dry run (nothing sent to Qonto)" : "Import finished"}: ${rows} row${rows === 1 ? "" : "s"} read from ${file}`,
  accounted: (rows) => `Every row has exactly one outcome (${rows} in, ${rows} reported).`,
  notAccounted: "WARNING: the outcomes do not add up to the rows read; please report this as a bug.",
  frequentProblems: "Most frequent problems",
  invoices: "Invoices",
  requests: (total, retries, duration) => `Requests to Qonto: ${total} (${retries} retried) in ${duration}`,
  stoppedEarly: "STOPPED EARLY",
  report: (dir) => `Report: ${dir} (open report.html in a browser)`,
  next: "Next: ",
  nothingLeft: "Nothing left to do.",
  runAgain: "run the same command again to finish: rows already done are not sent again",
  fixPlanned: (n, results, command) =>
    `see the ${n} row${n === 1 ? "" : "s"} not imported in ${results} (the reason is in its problems column), fix ${n === 1 ? "it" : "them"} in the input and plan again: ${command}`,
  fixErrors: (n, errors, command) =>
    `fix ${n} row${n === 1 ? "" : "s"} in ${errors} (the reason is in its last column) and import that file: ${command}`,
  refused: (n) =>
    `Qonto refused the invoice${n === 1 ? "" : "s"} of ${n} of those rows: ${n === 1 ? "it is" : "they are"} not sent again until ${n === 1 ? "its" : "their"} lines change, so fix ${n === 1 ? "it" : "them"} first`,
  importInvoices: "to import these invoices: the same command without --dry-run",
  carryOutPlan: (command) => `to carry out this plan: ${command}`,
  progress: {
    window: (limit, span) => `waiting for Qonto's limit of ${limit} requests per ${span}`,
    pause: "waiting out the pause Qonto asked for (429)",
    resumes: (at, left) => `: resumes at ${at}${left === undefined ? "" : `, ${left} rows left`}`,
    rows: (settled) => `${settled} rows`,
    rowsOf: (settled, total, percent) => `${settled}/${total} rows (${percent} %)`,
    counts: (c, n) =>
      [
        `${n(c.created)} created`,
        ...(c.updated > 0 ? [`${n(c.updated)} updated`] : []),
        `${n(c.skipped)} skipped`,
        `${n(c.invalid)} invalid`,
        `${n(c.failed)} failed`,
        ...(c.notSent > 0 ? [`${n(c.notSent)} not sent (interrupted)`] : []),
      ].join(", "),
    parked: (n) => `${n} waiting for Qonto to settle`,
    eta: (d) => `about ${d} left`,
    interrupted:
      "Interrupted: finishing the requests under way and writing the report (Ctrl-C again to quit at once)...",
    stopped: "Stopped: ",
  },
  rollback: {
    labels: {
      would_delete: "to delete: created by the run",
      deleted: "deleted: created by the run",
      would_restore: "to restore to their values before the run: updated by it",
      restored: "restored to their values before the run",
      unchanged: "already have their values from before the run: nothing sent",
      already_gone: "no longer in Qonto: nothing to do",
      left_changed:
        "left alone: changed in Qonto since the run wrote them (--force rolls them back all the same)",
      refused_invoices:
        "not deleted: an invoices run imported invoices for them (--force deletes them all the same, canceling their recurring invoices)",
      nothing_to_undo:
        "rows the run did not write (skipped, unchanged, duplicates, invalid, failed): nothing to undo",
      needs_review: "need review: the rollback cannot undo them (see why below or in results.csv)",
      failed: "failed",
      not_sent: "not sent (interrupted)",
    },
    headline: (plan, of, rows) =>
      plan
        ? `Rollback plan for ${of} (nothing was changed in Qonto): ${rows} row${rows === 1 ? "" : "s"}`
        : `Rollback of ${of}: ${rows} row${rows === 1 ? "" : "s"}`,
    more: (n) => `… and ${n} more (all are in results.csv)`,
    deleteWarning:
      "Deleting a client cannot be undone, and Qonto then cancels its recurring invoices (invoices already issued keep the client's details).",
    noneInQonto:
      "None of the clients the run wrote is in Qonto: if that is a surprise, check that these credentials are the organization's the run imported into.",
    notAccounted: "WARNING: the outcomes do not add up to the run's rows; please report this as a bug.",
    report: (dir) => `Report: ${dir} (results.csv has every row)`,
    carryOut: (command) => `to carry out this plan: the same command with --yes (${command})`,
    checkLeftAlone: "check the clients left alone; to roll them back all the same, add --force",
    seeWhy: (n, results) => `see why ${n} row(s) were not rolled back in ${results}`,
  },
};

// French: 0 and 1 take the singular.
const frRows = (n: number, one: string, many: string) => `${n} ${n <= 1 ? one : many}`;

const fr: ConsoleTexts = {
  labels: {
    created: "créés dans Qonto",
    updated: "mis à jour dans Qonto",
    unchanged: "déjà à jour",
    skipped_existing: "déjà dans Qonto (ignorés)",
    duplicate_in_file: "doublons d'une ligne précédente",
    needs_review: "à vérifier (correspondent à plusieurs clients)",
    invalid: "invalides (non envoyés)",
    failed: "en échec",
    not_sent: "non envoyés (interruption)",
    would_create: "seraient créés",
    would_update: "seraient mis à jour",
    ignored: "ignorés (lignes de total, en-têtes répétés)",
    deleted: "supprimés de Qonto",
    restored: "rétablis à leurs valeurs d'avant l'import",
    already_gone: "plus présents dans Qonto",
    left_changed: "laissés tels quels : modifiés dans Qonto depuis l'import",
    refused_invoices: "non supprimés : des factures ont été importées pour eux",
    nothing_to_undo: "non écrits par l'import : rien à annuler",
    would_delete: "seraient supprimés",
    would_restore: "seraient rétablis",
  },
  invoiceLabels: {
    created: "créées dans Qonto",
    updated: "mises à jour dans Qonto",
    skipped_existing: "déjà dans Qonto (ignorées)",
    duplicate_in_file: "doublons d'une ligne précédente",
    needs_review: "à vérifier",
    invalid: "invalides (non envoyées)",
    would_create: "seraient créées",
    would_update: "seraient mises à jour",
    ignored: "ignorées (lignes de total, en-têtes répétés)",
  },
  problemsHeading: (shown, total) =>
    shown < total
      ? `Problèmes (les ${shown} premiers sur ${total} ; tous figurent dans results.csv) :`
      : "Problèmes :",
  headline: (dryRun, rows, file) =>
    `${dryRun ? "Simulation (rien n'a été envoyé à Qonto)" : "Import terminé"} : ${frRows(rows, "ligne lue", "lignes lues")} dans ${file}`,
  accounted: (rows) => `Chaque ligne a exactement un résultat (${rows} en entrée, ${rows} dans le rapport).`,
  notAccounted:
    "ATTENTION : le total des résultats ne correspond pas au nombre de lignes lues ; merci de le signaler comme un bogue.",
  frequentProblems: "Problèmes les plus fréquents",
  invoices: "Factures",
  requests: (total, retries, duration) =>
    `Requêtes envoyées à Qonto : ${total} (dont ${retries} relancées) en ${duration}`,
  stoppedEarly: "ARRÊT ANTICIPÉ",
  report: (dir) => `Rapport : ${dir} (ouvrez report.html dans un navigateur)`,
  next: "Ensuite : ",
  nothingLeft: "Plus rien à faire.",
  runAgain: "relancez la même commande pour terminer : les lignes déjà traitées ne sont pas renvoyées",
  fixPlanned: (n, results, command) =>
    `consultez ${n === 1 ? "la ligne non importée" : `les ${n} lignes non importées`} dans ${results} (la raison est dans la colonne problems), corrigez-${n === 1 ? "la" : "les"} dans le fichier d'origine et refaites le plan : ${command}`,
  fixErrors: (n, errors, command) =>
    `corrigez ${n === 1 ? "la ligne" : `les ${n} lignes`} de ${errors} (la raison est dans la dernière colonne) et importez ce fichier : ${command}`,
  refused: (n) =>
    n === 1
      ? "Qonto a refusé la facture d'une de ces lignes : elle ne sera pas renvoyée tant que ses lignes n'auront pas changé, corrigez-la d'abord"
      : `Qonto a refusé les factures de ${n} de ces lignes : elles ne seront pas renvoyées tant que leurs lignes n'auront pas changé, corrigez-les d'abord`,
  importInvoices: "pour importer ces factures : la même commande sans --dry-run",
  carryOutPlan: (command) => `pour exécuter ce plan : ${command}`,
  progress: {
    window: (limit, span) => `en attente de la limite de Qonto (${limit} requêtes par ${span})`,
    pause: "en attente de la fin de la pause demandée par Qonto (429)",
    resumes: (at, left) => ` : reprise à ${at}${left === undefined ? "" : `, ${left} lignes restantes`}`,
    rows: (settled) => `${settled} lignes`,
    rowsOf: (settled, total, percent) => `${settled}/${total} lignes (${percent} %)`,
    counts: (c, n) =>
      [
        `${n(c.created)} créés`,
        ...(c.updated > 0 ? [`${n(c.updated)} mis à jour`] : []),
        `${n(c.skipped)} déjà présents`,
        `${n(c.invalid)} invalides`,
        `${n(c.failed)} en échec`,
        ...(c.notSent > 0 ? [`${n(c.notSent)} non envoyés (interruption)`] : []),
      ].join(", "),
    parked: (n) => `${n} en attente de confirmation par Qonto`,
    eta: (d) => `encore environ ${d}`,
    interrupted:
      "Interruption : fin des requêtes en cours et écriture du rapport (Ctrl-C à nouveau pour quitter aussitôt)...",
    stopped: "Arrêt : ",
  },
  rollback: {
    labels: {
      would_delete: "à supprimer : créés par l'import",
      deleted: "supprimés : créés par l'import",
      would_restore: "à rétablir à leurs valeurs d'avant l'import : modifiés par celui-ci",
      restored: "rétablis à leurs valeurs d'avant l'import",
      unchanged: "ont déjà leurs valeurs d'avant l'import : rien n'est envoyé",
      already_gone: "plus présents dans Qonto : rien à faire",
      left_changed:
        "laissés tels quels : modifiés dans Qonto depuis l'import (--force les annule malgré tout)",
      refused_invoices:
        "non supprimés : un import de factures a importé des factures pour eux (--force les supprime malgré tout, en annulant leurs factures récurrentes)",
      nothing_to_undo:
        "lignes que l'import n'a pas écrites (ignorées, inchangées, doublons, invalides, en échec) : rien à annuler",
      needs_review:
        "à vérifier : l'annulation ne peut pas les défaire (voir pourquoi ci-dessous ou dans results.csv)",
      failed: "en échec",
      not_sent: "non traités (interruption)",
    },
    headline: (plan, of, rows) =>
      plan
        ? `Plan d'annulation de ${of} (rien n'a été modifié dans Qonto) : ${frRows(rows, "ligne", "lignes")}`
        : `Annulation de ${of} : ${frRows(rows, "ligne", "lignes")}`,
    more: (n) => `… et ${n} de plus (tous figurent dans results.csv)`,
    deleteWarning:
      "La suppression d'un client est définitive, et Qonto annule alors ses factures récurrentes (les factures déjà émises conservent les coordonnées du client).",
    noneInQonto:
      "Aucun des clients écrits par l'import n'est dans Qonto : si cela vous surprend, vérifiez que ces identifiants sont bien ceux de l'organisation dans laquelle l'import a été fait.",
    notAccounted:
      "ATTENTION : le total des résultats ne correspond pas aux lignes de l'import ; merci de le signaler comme un bogue.",
    report: (dir) => `Rapport : ${dir} (results.csv contient toutes les lignes)`,
    carryOut: (command) => `pour exécuter ce plan : la même commande avec --yes (${command})`,
    checkLeftAlone: "vérifiez les clients laissés tels quels ; pour les annuler malgré tout, ajoutez --force",
    seeWhy: (n, results) =>
      `voyez dans ${results} pourquoi ${n <= 1 ? `${n} ligne n'a pas été annulée` : `${n} lignes n'ont pas été annulées`}`,
  },
};

const itRows = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const it: ConsoleTexts = {
  labels: {
    created: "creati in Qonto",
    updated: "aggiornati in Qonto",
    unchanged: "già aggiornati",
    skipped_existing: "già presenti in Qonto (saltati)",
    duplicate_in_file: "duplicati di una riga precedente",
    needs_review: "da verificare (corrispondono a più clienti)",
    invalid: "non validi (non inviati)",
    failed: "non riusciti",
    not_sent: "non inviati (interruzione)",
    would_create: "verrebbero creati",
    would_update: "verrebbero aggiornati",
    ignored: "ignorati (righe di totale, intestazioni ripetute)",
    deleted: "eliminati da Qonto",
    restored: "riportati ai valori precedenti all'importazione",
    already_gone: "non più presenti in Qonto",
    left_changed: "lasciati invariati: modificati in Qonto dopo l'importazione",
    refused_invoices: "non eliminati: per loro sono state importate fatture",
    nothing_to_undo: "non scritti dall'importazione: niente da annullare",
    would_delete: "verrebbero eliminati",
    would_restore: "verrebbero ripristinati",
  },
  invoiceLabels: {
    created: "create in Qonto",
    updated: "aggiornate in Qonto",
    unchanged: "già aggiornate",
    skipped_existing: "già presenti in Qonto (saltate)",
    duplicate_in_file: "duplicate di una riga precedente",
    needs_review: "da verificare",
    invalid: "non valide (non inviate)",
    failed: "non riuscite",
    not_sent: "non inviate (interruzione)",
    would_create: "verrebbero create",
    would_update: "verrebbero aggiornate",
    ignored: "ignorate (righe di totale, intestazioni ripetute)",
  },
  problemsHeading: (shown, total) =>
    shown < total ? `Problemi (i primi ${shown} di ${total}; sono tutti in results.csv):` : "Problemi:",
  headline: (dryRun, rows, file) =>
    `${dryRun ? "Simulazione (nulla è stato inviato a Qonto)" : "Importazione completata"}: ${itRows(rows, "riga letta", "righe lette")} da ${file}`,
  accounted: (rows) => `Ogni riga ha esattamente un esito (${rows} in ingresso, ${rows} nel report).`,
  notAccounted: "ATTENZIONE: gli esiti non tornano con le righe lette; segnalatelo come bug.",
  frequentProblems: "Problemi più frequenti",
  invoices: "Fatture",
  requests: (total, retries, duration) => `Richieste a Qonto: ${total} (${retries} ripetute) in ${duration}`,
  stoppedEarly: "INTERROTTO PRIMA DELLA FINE",
  report: (dir) => `Report: ${dir} (aprire report.html in un browser)`,
  next: "Prossimo passo: ",
  nothingLeft: "Non resta nulla da fare.",
  runAgain: "eseguire di nuovo lo stesso comando per finire: le righe già elaborate non vengono reinviate",
  fixPlanned: (n, results, command) =>
    `vedere ${n === 1 ? "la riga non importata" : `le ${n} righe non importate`} in ${results} (il motivo è nella colonna problems), ${n === 1 ? "correggerla" : "correggerle"} nel file di origine e rifare il piano: ${command}`,
  fixErrors: (n, errors, command) =>
    `correggere ${itRows(n, "riga", "righe")} in ${errors} (il motivo è nell'ultima colonna) e importare quel file: ${command}`,
  refused: (n) =>
    n === 1
      ? "Qonto ha rifiutato la fattura di 1 di quelle righe: non verrà reinviata finché le sue righe non cambiano, quindi correggerla prima"
      : `Qonto ha rifiutato le fatture di ${n} di quelle righe: non verranno reinviate finché le loro righe non cambiano, quindi correggerle prima`,
  importInvoices: "per importare queste fatture: lo stesso comando senza --dry-run",
  carryOutPlan: (command) => `per eseguire questo piano: ${command}`,
  progress: {
    window: (limit, span) => `in attesa del limite di Qonto (${limit} richieste ogni ${span})`,
    pause: "in attesa della fine della pausa chiesta da Qonto (429)",
    resumes: (at, left) => `: riprende alle ${at}${left === undefined ? "" : `, ${left} righe rimanenti`}`,
    rows: (settled) => `${settled} righe`,
    rowsOf: (settled, total, percent) => `${settled}/${total} righe (${percent} %)`,
    counts: (c, n) =>
      [
        `${n(c.created)} creati`,
        ...(c.updated > 0 ? [`${n(c.updated)} aggiornati`] : []),
        `${n(c.skipped)} già presenti`,
        `${n(c.invalid)} non validi`,
        `${n(c.failed)} non riusciti`,
        ...(c.notSent > 0 ? [`${n(c.notSent)} non inviati (interruzione)`] : []),
      ].join(", "),
    parked: (n) => `${n} in attesa di conferma da Qonto`,
    eta: (d) => `ancora circa ${d}`,
    interrupted:
      "Interruzione: completamento delle richieste in corso e scrittura del report (di nuovo Ctrl-C per uscire subito)...",
    stopped: "Interrotto: ",
  },
  rollback: {
    labels: {
      would_delete: "da eliminare: creati dall'importazione",
      deleted: "eliminati: creati dall'importazione",
      would_restore: "da riportare ai valori precedenti all'importazione: modificati da essa",
      restored: "riportati ai valori precedenti all'importazione",
      unchanged: "hanno già i valori precedenti all'importazione: nulla inviato",
      already_gone: "non più presenti in Qonto: niente da fare",
      left_changed:
        "lasciati invariati: modificati in Qonto dopo l'importazione (--force li annulla comunque)",
      refused_invoices:
        "non eliminati: un'importazione di fatture ha importato fatture per loro (--force li elimina comunque, annullando le loro fatture ricorrenti)",
      nothing_to_undo:
        "righe non scritte dall'importazione (saltate, invariate, duplicate, non valide, non riuscite): niente da annullare",
      needs_review:
        "da verificare: l'annullamento non può ripristinarli (il motivo è qui sotto o in results.csv)",
      failed: "non riusciti",
      not_sent: "non trattati (interruzione)",
    },
    headline: (plan, of, rows) =>
      plan
        ? `Piano di annullamento di ${of} (nulla è stato modificato in Qonto): ${itRows(rows, "riga", "righe")}`
        : `Annullamento di ${of}: ${itRows(rows, "riga", "righe")}`,
    more: (n) => `… e altri ${n} (sono tutti in results.csv)`,
    deleteWarning:
      "L'eliminazione di un cliente è irreversibile, e Qonto annulla poi le sue fatture ricorrenti (le fatture già emesse conservano i dati del cliente).",
    noneInQonto:
      "Nessuno dei clienti scritti dall'importazione è in Qonto: se è inatteso, verificare che queste credenziali siano quelle dell'organizzazione in cui è stata fatta l'importazione.",
    notAccounted: "ATTENZIONE: gli esiti non tornano con le righe dell'importazione; segnalatelo come bug.",
    report: (dir) => `Report: ${dir} (results.csv contiene tutte le righe)`,
    carryOut: (command) => `per eseguire questo piano: lo stesso comando con --yes (${command})`,
    checkLeftAlone: "controllare i clienti lasciati invariati; per annullarli comunque, aggiungere --force",
    seeWhy: (n, results) =>
      `vedere in ${results} perché ${n === 1 ? "1 riga non è stata annullata" : `${n} righe non sono state annullate`}`,
  },
};

const es: ConsoleTexts = {
  labels: {
    created: "creados en Qonto",
    updated: "actualizados en Qonto",
    unchanged: "ya al día",
    skipped_existing: "ya en Qonto (omitidos)",
    duplicate_in_file: "duplicados de una fila anterior",
    needs_review: "por revisar (coinciden con varios clientes)",
    invalid: "no válidos (no enviados)",
    failed: "fallidos",
    not_sent: "no enviados (interrupción)",
    would_create: "se crearían",
    would_update: "se actualizarían",
    ignored: "ignorados (filas de totales, encabezados repetidos)",
    deleted: "eliminados de Qonto",
    restored: "restaurados a sus valores anteriores a la importación",
    already_gone: "ya no están en Qonto",
    left_changed: "sin tocar: modificados en Qonto después de la importación",
    refused_invoices: "no eliminados: se importaron facturas para ellos",
    nothing_to_undo: "no escritos por la importación: nada que deshacer",
    would_delete: "se eliminarían",
    would_restore: "se restaurarían",
  },
  invoiceLabels: {
    created: "creadas en Qonto",
    updated: "actualizadas en Qonto",
    skipped_existing: "ya en Qonto (omitidas)",
    duplicate_in_file: "duplicadas de una fila anterior",
    needs_review: "por revisar",
    invalid: "no válidas (no enviadas)",
    failed: "fallidas",
    not_sent: "no enviadas (interrupción)",
    ignored: "ignoradas (filas de totales, encabezados repetidos)",
  },
  problemsHeading: (shown, total) =>
    shown < total
      ? `Problemas (los primeros ${shown} de ${total}; todos están en results.csv):`
      : "Problemas:",
  headline: (dryRun, rows, file) =>
    `${dryRun ? "Simulación (no se envió nada a Qonto)" : "Importación terminada"}: ${itRows(rows, "fila leída", "filas leídas")} de ${file}`,
  accounted: (rows) => `Cada fila tiene exactamente un resultado (${rows} leídas, ${rows} en el informe).`,
  notAccounted: "AVISO: los resultados no suman las filas leídas; por favor, informe de ello como un error.",
  frequentProblems: "Problemas más frecuentes",
  invoices: "Facturas",
  requests: (total, retries, duration) =>
    `Solicitudes a Qonto: ${total} (${retries} reintentadas) en ${duration}`,
  stoppedEarly: "DETENIDO ANTES DE TERMINAR",
  report: (dir) => `Informe: ${dir} (abra report.html en un navegador)`,
  next: "Siguiente paso: ",
  nothingLeft: "No queda nada por hacer.",
  runAgain: "ejecute de nuevo el mismo comando para terminar: las filas ya procesadas no se vuelven a enviar",
  fixPlanned: (n, results, command) =>
    `consulte ${n === 1 ? "la fila no importada" : `las ${n} filas no importadas`} en ${results} (el motivo está en la columna problems), ${n === 1 ? "corríjala" : "corríjalas"} en el archivo de origen y vuelva a planificar: ${command}`,
  fixErrors: (n, errors, command) =>
    `corrija ${itRows(n, "fila", "filas")} en ${errors} (el motivo está en la última columna) e importe ese archivo: ${command}`,
  refused: (n) =>
    n === 1
      ? "Qonto rechazó la factura de 1 de esas filas: no se volverá a enviar hasta que cambien sus líneas, así que corríjala primero"
      : `Qonto rechazó las facturas de ${n} de esas filas: no se volverán a enviar hasta que cambien sus líneas, así que corríjalas primero`,
  importInvoices: "para importar estas facturas: el mismo comando sin --dry-run",
  carryOutPlan: (command) => `para ejecutar este plan: ${command}`,
  progress: {
    window: (limit, span) => `esperando el límite de Qonto (${limit} solicitudes cada ${span})`,
    pause: "esperando a que termine la pausa pedida por Qonto (429)",
    resumes: (at, left) => `: se reanuda a las ${at}${left === undefined ? "" : `, quedan ${left} filas`}`,
    rows: (settled) => `${settled} filas`,
    rowsOf: (settled, total, percent) => `${settled}/${total} filas (${percent} %)`,
    counts: (c, n) =>
      [
        `${n(c.created)} creados`,
        ...(c.updated > 0 ? [`${n(c.updated)} actualizados`] : []),
        `${n(c.skipped)} ya existentes`,
        `${n(c.invalid)} no válidos`,
        `${n(c.failed)} fallidos`,
        ...(c.notSent > 0 ? [`${n(c.notSent)} no enviados (interrupción)`] : []),
      ].join(", "),
    parked: (n) => `${n} esperando la confirmación de Qonto`,
    eta: (d) => `quedan unos ${d}`,
    interrupted:
      "Interrumpido: terminando las solicitudes en curso y escribiendo el informe (Ctrl-C otra vez para salir de inmediato)...",
    stopped: "Detenido: ",
  },
  rollback: {
    labels: {
      would_delete: "por eliminar: creados por la importación",
      deleted: "eliminados: creados por la importación",
      would_restore: "por restaurar a sus valores anteriores a la importación: modificados por ella",
      restored: "restaurados a sus valores anteriores a la importación",
      unchanged: "ya tienen sus valores anteriores a la importación: no se envió nada",
      already_gone: "ya no están en Qonto: nada que hacer",
      left_changed:
        "sin tocar: modificados en Qonto después de la importación (--force los revierte de todos modos)",
      refused_invoices:
        "no eliminados: una importación de facturas importó facturas para ellos (--force los elimina de todos modos, cancelando sus facturas recurrentes)",
      nothing_to_undo:
        "filas que la importación no escribió (omitidas, sin cambios, duplicadas, no válidas, fallidas): nada que deshacer",
      needs_review: "por revisar: la reversión no puede deshacerlos (el motivo está abajo o en results.csv)",
      failed: "fallidos",
      not_sent: "no tratados (interrupción)",
    },
    headline: (plan, of, rows) =>
      plan
        ? `Plan de reversión de ${of} (no se cambió nada en Qonto): ${itRows(rows, "fila", "filas")}`
        : `Reversión de ${of}: ${itRows(rows, "fila", "filas")}`,
    more: (n) => `… y ${n} más (todas están en results.csv)`,
    deleteWarning:
      "Eliminar un cliente no se puede deshacer, y Qonto cancela entonces sus facturas recurrentes (las facturas ya emitidas conservan los datos del cliente).",
    noneInQonto:
      "Ninguno de los clientes que escribió la importación está en Qonto: si le sorprende, compruebe que estas credenciales son las de la organización en la que se importó.",
    notAccounted:
      "AVISO: los resultados no suman las filas de la importación; por favor, informe de ello como un error.",
    report: (dir) => `Informe: ${dir} (results.csv tiene todas las filas)`,
    carryOut: (command) => `para ejecutar este plan: el mismo comando con --yes (${command})`,
    checkLeftAlone: "revise los clientes sin tocar; para revertirlos de todos modos, añada --force",
    seeWhy: (n, results) =>
      `vea en ${results} por qué ${n === 1 ? "1 fila no se revirtió" : `${n} filas no se revirtieron`}`,
  },
};

const de: ConsoleTexts = {
  labels: {
    created: "in Qonto angelegt",
    updated: "in Qonto aktualisiert",
    unchanged: "bereits aktuell",
    skipped_existing: "bereits in Qonto (übersprungen)",
    duplicate_in_file: "Duplikate einer früheren Zeile",
    needs_review: "zu prüfen (passen zu mehreren Kunden)",
    invalid: "ungültig (nicht gesendet)",
    failed: "fehlgeschlagen",
    not_sent: "nicht gesendet (abgebrochen)",
    would_create: "würden angelegt",
    would_update: "würden aktualisiert",
    ignored: "ignoriert (Summenzeilen, wiederholte Kopfzeilen)",
    deleted: "aus Qonto gelöscht",
    restored: "auf ihre Werte vor dem Import zurückgesetzt",
    already_gone: "nicht mehr in Qonto",
    left_changed: "unverändert gelassen: seit dem Import in Qonto geändert",
    refused_invoices: "nicht gelöscht: für sie wurden Rechnungen importiert",
    nothing_to_undo: "nicht vom Import geschrieben: nichts rückgängig zu machen",
    would_delete: "würden gelöscht",
    would_restore: "würden zurückgesetzt",
  },
  // German participles do not agree with the noun.
  invoiceLabels: { needs_review: "zu prüfen" },
  problemsHeading: (shown, total) =>
    shown < total ? `Probleme (die ersten ${shown} von ${total}; alle stehen in results.csv):` : "Probleme:",
  headline: (dryRun, rows, file) =>
    `${dryRun ? "Probelauf (nichts an Qonto gesendet)" : "Import abgeschlossen"}: ${itRows(rows, "Zeile", "Zeilen")} aus ${file} gelesen`,
  accounted: (rows) => `Jede Zeile hat genau ein Ergebnis (${rows} gelesen, ${rows} im Bericht).`,
  notAccounted:
    "WARNUNG: Die Ergebnisse ergeben nicht die Zahl der gelesenen Zeilen; bitte melden Sie dies als Fehler.",
  frequentProblems: "Häufigste Probleme",
  invoices: "Rechnungen",
  requests: (total, retries, duration) =>
    `Anfragen an Qonto: ${total} (${retries} wiederholt) in ${duration}`,
  stoppedEarly: "VORZEITIG ABGEBROCHEN",
  report: (dir) => `Bericht: ${dir} (report.html im Browser öffnen)`,
  next: "Als Nächstes: ",
  nothingLeft: "Nichts weiter zu tun.",
  runAgain:
    "denselben Befehl erneut ausführen, um abzuschließen: bereits erledigte Zeilen werden nicht erneut gesendet",
  fixPlanned: (n, results, command) =>
    `${n === 1 ? "die nicht importierte Zeile" : `die ${n} nicht importierten Zeilen`} in ${results} ansehen (der Grund steht in der Spalte problems), in der Eingabedatei korrigieren und neu planen: ${command}`,
  fixErrors: (n, errors, command) =>
    `${itRows(n, "Zeile", "Zeilen")} in ${errors} korrigieren (der Grund steht in der letzten Spalte) und diese Datei importieren: ${command}`,
  refused: (n) =>
    n === 1
      ? "Qonto hat die Rechnung von 1 dieser Zeilen abgelehnt: sie wird erst wieder gesendet, wenn sich ihre Positionen ändern, also zuerst korrigieren"
      : `Qonto hat die Rechnungen von ${n} dieser Zeilen abgelehnt: sie werden erst wieder gesendet, wenn sich ihre Positionen ändern, also zuerst korrigieren`,
  importInvoices: "um diese Rechnungen zu importieren: derselbe Befehl ohne --dry-run",
  carryOutPlan: (command) => `um diesen Plan auszuführen: ${command}`,
  progress: {
    window: (limit, span) => `warte auf Qontos Limit (${limit} Anfragen pro ${span})`,
    pause: "warte das Ende der von Qonto verlangten Pause ab (429)",
    resumes: (at, left) => `: weiter um ${at}${left === undefined ? "" : `, noch ${left} Zeilen`}`,
    rows: (settled) => `${settled} Zeilen`,
    rowsOf: (settled, total, percent) => `${settled}/${total} Zeilen (${percent} %)`,
    counts: (c, n) =>
      [
        `${n(c.created)} angelegt`,
        ...(c.updated > 0 ? [`${n(c.updated)} aktualisiert`] : []),
        `${n(c.skipped)} bereits vorhanden`,
        `${n(c.invalid)} ungültig`,
        `${n(c.failed)} fehlgeschlagen`,
        ...(c.notSent > 0 ? [`${n(c.notSent)} nicht gesendet (abgebrochen)`] : []),
      ].join(", "),
    parked: (n) => `${n} warten auf die Bestätigung durch Qonto`,
    eta: (d) => `noch etwa ${d}`,
    interrupted:
      "Abgebrochen: laufende Anfragen werden abgeschlossen und der Bericht geschrieben (erneut Strg+C zum sofortigen Beenden)...",
    stopped: "Gestoppt: ",
  },
  rollback: {
    labels: {
      would_delete: "zu löschen: vom Import angelegt",
      deleted: "gelöscht: vom Import angelegt",
      would_restore: "auf die Werte vor dem Import zurückzusetzen: von ihm geändert",
      restored: "auf die Werte vor dem Import zurückgesetzt",
      unchanged: "haben bereits ihre Werte von vor dem Import: nichts gesendet",
      already_gone: "nicht mehr in Qonto: nichts zu tun",
      left_changed:
        "unverändert gelassen: seit dem Import in Qonto geändert (--force setzt sie trotzdem zurück)",
      refused_invoices:
        "nicht gelöscht: ein Rechnungsimport hat Rechnungen für sie importiert (--force löscht sie trotzdem und storniert ihre wiederkehrenden Rechnungen)",
      nothing_to_undo:
        "Zeilen, die der Import nicht geschrieben hat (übersprungen, unverändert, Duplikate, ungültig, fehlgeschlagen): nichts rückgängig zu machen",
      needs_review: "zu prüfen: lassen sich nicht rückgängig machen (Grund unten oder in results.csv)",
      failed: "fehlgeschlagen",
      not_sent: "nicht bearbeitet (abgebrochen)",
    },
    headline: (plan, of, rows) =>
      plan
        ? `Plan zum Rückgängigmachen von ${of} (in Qonto wurde nichts geändert): ${itRows(rows, "Zeile", "Zeilen")}`
        : `Rückgängigmachen von ${of}: ${itRows(rows, "Zeile", "Zeilen")}`,
    more: (n) => `… und ${n} weitere (alle stehen in results.csv)`,
    deleteWarning:
      "Das Löschen eines Kunden lässt sich nicht rückgängig machen, und Qonto storniert dann seine wiederkehrenden Rechnungen (bereits ausgestellte Rechnungen behalten die Kundendaten).",
    noneInQonto:
      "Keiner der vom Import geschriebenen Kunden ist in Qonto: Falls das überrascht, prüfen Sie, ob diese Zugangsdaten zu der Organisation gehören, in die importiert wurde.",
    notAccounted:
      "WARNUNG: Die Ergebnisse ergeben nicht die Zahl der Zeilen des Imports; bitte melden Sie dies als Fehler.",
    report: (dir) => `Bericht: ${dir} (results.csv enthält alle Zeilen)`,
    carryOut: (command) => `um diesen Plan auszuführen: derselbe Befehl mit --yes (${command})`,
    checkLeftAlone:
      "die unverändert gelassenen Kunden prüfen; um sie trotzdem zurückzusetzen, --force hinzufügen",
    seeWhy: (n, results) =>
      `in ${results} nachsehen, warum ${n === 1 ? "1 Zeile nicht rückgängig gemacht wurde" : `${n} Zeilen nicht rückgängig gemacht wurden`}`,
  },
};

/** Every text in every language: the type makes a missing one a compile error. */
export const CONSOLE_TEXTS: Record<Lang, ConsoleTexts> = { en, fr, it, es, de };
