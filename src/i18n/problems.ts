// The problem catalogue's "what to do" hints in the languages besides English (English stays next to each code in
// src/problems.ts). Typed as Record<ProblemCode, string> so that a code missing from any language, or a stray one,
// does not compile. Codes, options, field and file names, examples and numbers are kept as the English has them.

import { PROBLEMS, type ProblemCode } from "../problems.js";
import type { Lang } from "./lang.js";

type Hints = Record<ProblemCode, string>;

const fr: Hints = {
  row_too_few_fields:
    "La ligne compte moins de champs que l'en-tête : vérifiez le séparateur et les guillemets.",
  row_too_many_fields:
    "La ligne compte plus de champs que l'en-tête : une valeur qui contient le séparateur doit être entre guillemets.",
  encoding_invalid:
    "La ligne contient des octets non valides dans l'encodage du fichier : enregistrez le fichier en UTF-8 ou précisez --encoding.",
  control_characters:
    "La valeur contient des caractères de contrôle (NUL, échappement, retour arrière, etc. : U+0000–U+001F hors tabulation et sauts de ligne, U+007F–U+009F), qu'aucun texte ne devrait contenir ; ils viennent d'un export endommagé ou d'un copier-coller depuis un terminal. Supprimez-les : la ligne n'est pas envoyée tant qu'ils sont là.",
  formula_without_value:
    "Une formule de la ligne n'a pas de résultat enregistré (ou son résultat est une erreur comme #N/A) : ouvrez le fichier dans Excel ou LibreOffice, corrigez la formule et enregistrez de nouveau.",
  name_missing: "Une société doit avoir une raison sociale ; une personne, un prénom et un nom.",
  name_too_long:
    "La raison sociale est limitée à 250 caractères, le prénom et le nom à 60 caractères chacun.",
  kind_invalid: "Indiquez company, individual ou freelancer (ou leurs équivalents en FR/IT/DE/ES).",
  kind_freelancer_not_allowed:
    "Qonto n'accepte les clients freelancer que pour les organisations italiennes (--org-country IT).",
  email_invalid: "Indiquez une seule adresse e-mail, par exemple name@example.com.",
  country_unknown: "Indiquez un code pays ISO (FR, IT) ou le nom du pays.",
  zip_invalid:
    "Un code postal italien compte exactement 5 chiffres ; les autres codes postaux, 20 caractères au plus.",
  province_invalid: "Indiquez le code à deux lettres d'une province italienne, par exemple MI, RM ou TO.",
  province_not_sent:
    "Qonto n'accepte une province que pour les adresses italiennes (liste de codes du contrat d'API) ; la valeur n'est pas transmise.",
  field_not_sent:
    "La fiche client Qonto n'a pas de champ pour cette valeur sur cette ligne (raison sociale pour une personne, pays de livraison sans adresse de livraison, poste ou second numéro de téléphone, civilité, suffixe ou surnom dans un nom complet) ; elle n'est pas transmise.",
  einvoicing_address_invalid:
    "Utilisez l'un des formats français : SIREN, SIREN_SIRET, SIREN_SIRET_routing-code ou SIREN_suffix.",
  recipient_code_invalid:
    "Un code destinataire italien (SDI) compte 7 lettres ou chiffres (6 pour une administration publique) ; 0000000 pour une PEC.",
  vat_invalid:
    "Un numéro de TVA commence par le préfixe à deux lettres de son pays (à défaut, celui du pays du client est ajouté), compte 20 caractères au plus et, pour les États de l'UE, la Suisse, le Royaume-Uni et la Norvège, respecte le format de son pays ; les numéros OSS (EU…), les préfixes qui ne désignent aucun pays et les valeurs bidon sont refusés.",
  vat_check_digits:
    "La clé de contrôle du numéro de TVA est incorrecte : cherchez une faute de frappe, ou vérifiez le numéro sur le service VIES de l'UE.",
  vat_country_mismatch:
    "Le préfixe pays du numéro de TVA ne correspond pas au pays du client ; vérifiez les deux.",
  vat_not_checked:
    "Le numéro de TVA vient d'un pays hors UE dont nous ne connaissons pas le format (seuls les États de l'UE, la Suisse, le Royaume-Uni et la Norvège sont vérifiés) ; il est transmis tel quel.",
  tax_id_invalid:
    "Un identifiant fiscal compte 20 lettres et chiffres au plus et respecte le format de son pays lorsque nous le connaissons (la date de naissance d'un codice fiscale doit être une date valide) ; les valeurs bidon comme 12345678Z sont refusées.",
  tax_id_check_digits:
    "La clé de contrôle du SIREN, du SIRET, du codice fiscale, de la partita IVA ou du NIF est incorrecte : cherchez une faute de frappe.",
  field_too_long: "Raccourcissez la valeur à la longueur acceptée par Qonto.",
  currency_invalid: "Indiquez un code devise ISO 4217 à trois lettres, par exemple EUR.",
  locale_invalid: "Indiquez l'une des valeurs fr, en, it, de, es.",
  phone_invalid: "Saisissez le numéro de téléphone avec l'indicatif du pays, par exemple +33 1 23 45 67 89.",
  not_invoiceable:
    "Renseignez la rue, la ville, le code postal et le pays (et la province pour les clients italiens d'une organisation italienne) pour pouvoir facturer ce client ; avec --require-invoiceable, c'est une erreur.",
  matches_several_clients:
    "La ligne correspond à plusieurs clients existants dans Qonto ; fusionnez-les dans Qonto ou corrigez la ligne.",
  duplicate_in_file:
    "Le même client figure plus haut dans le fichier ; seule la première ligne est importée.",
  possible_duplicate:
    "La ligne partage une clé avec une ligne précédente ou un client Qonto, mais elles diffèrent sur un point décisif (deux e-mails, deux numéros de TVA, un homonyme sans autre point commun) ; elle est donc importée comme un client distinct : vérifiez qu'il ne s'agit pas du même.",
  summary_row:
    "Une ligne de total ou de sous-total (Total, Sous-total, Totale, Summe, Subtotal, ...) sans identifiant, e-mail, adresse ni téléphone n'est pas importée. Un client qui porte réellement ce nom est importé si sa ligne contient l'un de ces éléments.",
  repeated_header:
    "L'en-tête répété au milieu des données (les exports le réimpriment à chaque page) n'est pas importé.",
  api_rejected: "Qonto a refusé le client ; le message indique le motif donné par Qonto.",
  api_rejected_before:
    "Qonto a refusé cette facture, telle quelle, lors d'une exécution précédente (le message indique le motif donné par Qonto) ; elle ne sera pas renvoyée tant que ses lignes n'auront pas changé : corrigez la ligne.",
  api_failed: "La requête n'a pas pu aboutir ; relancez l'import pour réessayer cette ligne.",
  not_attempted:
    "L'exécution s'est arrêtée avant l'envoi de cette ligne ; corrigez la cause et relancez l'import.",
  plan_outdated:
    "Qonto a changé depuis l'établissement du plan (un client est apparu ou a disparu) ; la ligne n'a pas été écrite. Refaites le plan pour repartir d'une vue à jour.",
  invoice_field_missing:
    "Une facture doit avoir une date d'émission, une date d'échéance et un IBAN de paiement ; chaque ligne, un libellé, une quantité, un prix unitaire et un taux de TVA.",
  invoice_client_missing:
    "Indiquez le client de la facture : son numéro de TVA, son identifiant fiscal, son e-mail ou son nom.",
  invoice_date_invalid:
    "Écrivez les dates au format aaaa-mm-jj, jj/mm/aaaa ou jj.mm.aaaa (année sur quatre chiffres), ou utilisez des cellules de type date dans le fichier XLSX.",
  date_format_ambiguous:
    "Les dates du fichier peuvent se lire aussi bien jour/mois que mois/jour ; écrivez-les au format aaaa-mm-jj ou indiquez l'ordre utilisé par le fichier.",
  amount_invalid:
    "Écrivez les montants et les quantités sous forme de nombres, par exemple 1234.50 ou 1 234,50 ; 1,234 seul est refusé car ambigu.",
  vat_rate_invalid:
    "Indiquez le taux de TVA sous la forme 20%, 20 ou 0.2 (un nombre supérieur à 1 est un pourcentage, 1 signifie 1 %, un nombre inférieur à 1 est une fraction).",
  iban_invalid:
    "La longueur ou la clé de l'IBAN ne correspond pas à son pays ; recopiez-le depuis le RIB de la banque.",
  invoice_currency_not_eur: "Les factures Qonto sont uniquement en EUR ; indiquez les montants en euros.",
  invoice_status_invalid:
    "Le statut d'une facture importée est draft ou unpaid (ou leurs équivalents en FR/IT/DE/ES).",
  invoice_due_before_issue:
    "La date d'échéance est antérieure à la date d'émission (Qonto la refuse) ; vérifiez les deux dates, ainsi que l'ordre jour/mois du fichier.",
  quantity_not_positive:
    "La quantité d'une ligne doit être supérieure à zéro : une remise se saisit dans la colonne de remise, un remboursement dans un avoir établi dans Qonto.",
  unit_price_negative:
    "Le prix unitaire d'une ligne doit être positif ou nul : une remise se saisit dans la colonne de remise, un remboursement dans un avoir établi dans Qonto.",
  vat_rate_not_allowed:
    "Ce taux de TVA n'existe pas dans le pays de l'organisation (France 20, 13, 10, 8.5, 5.5, 2.1, 1.75, 1.05, 0.9, 0 ; Italie 22, 10, 5, 4, 0 ; Espagne 21, 10, 5, 4, 0 ; Allemagne 19, 7, 0) ; vérifiez-le, ou autorisez-le avec --vat-rates.",
  performance_period_invalid:
    "Une période de prestation qui a une date de fin doit aussi avoir une date de début, au plus tard égale à la date de fin.",
  invoice_rows_disagree:
    "Les lignes d'une même facture donnent des valeurs différentes pour une colonne propre à la facture ; harmonisez-les ou laissez vides les lignes suivantes.",
  invoice_number_duplicate_in_file:
    "Les lignes d'une facture doivent se suivre ; le même numéro plus bas dans le fichier constitue une seconde facture portant ce numéro. Triez le fichier ou renumérotez.",
  invoice_items_missing:
    "Une facture doit avoir au moins une ligne avec un libellé, une quantité, un prix unitaire et un taux de TVA.",
  italian_field_not_allowed:
    "Le rapport de facturation électronique, le droit de timbre, la caisse de prévoyance et la retenue à la source sont réservés aux organisations italiennes (la retenue à la source aussi aux espagnoles) ; supprimez la colonne.",
  invoice_number_missing:
    "Donnez un numéro à chaque facture : c'est ce qui évite de la créer deux fois (Qonto refuse un numéro déjà utilisé).",
  invoice_client_unresolved:
    "Aucun client Qonto ne correspond à la référence client de la facture ; importez d'abord le client (qonto-import clients), ou indiquez avec --clients-report le dossier de rapport de cet import.",
  invoice_client_ambiguous:
    "Plusieurs clients Qonto correspondent à la référence client de la facture ; désignez plutôt le client par son numéro de TVA ou son identifiant fiscal.",
  invoice_client_pending:
    "Le client de la facture n'est pas encore dans Qonto, mais l'import de clients indiqué par --clients-report le créerait ; importez les clients avant les factures.",
  invoice_client_not_checked:
    "Une simulation (dry run) sans identifiants de connexion ne peut pas rechercher le client de la facture dans Qonto ; fournissez vos identifiants pour le vérifier.",
  invoice_refused:
    "La ligne appartient à une facture refusée à cause d'un problème sur une autre de ses lignes ; corrigez celle-ci.",
  changed_since_import:
    "Quelqu'un a modifié le client dans Qonto après son écriture par l'import, le rollback n'y touche donc pas ; vérifiez-le, et ajoutez --force pour l'annuler malgré tout (la modification ultérieure sera perdue).",
  client_has_invoices:
    "Un import de factures a créé des factures pour ce client, et supprimer un client annule ses factures récurrentes ; le rollback ne le supprime qu'avec --force.",
  previous_values_unknown:
    "Le journal de l'import ne contient pas les valeurs remplacées par la mise à jour (il a été écrit par une version plus ancienne) : rétablissez-les à la main à partir de la colonne changes du results.csv de l'import.",
  client_not_recognised:
    "Le client dans Qonto ne porte aucun des identifiants (numéro de TVA, identifiant fiscal, adresse de facturation électronique, e-mail, nom et code postal ; ou son nom) que le journal de l'exécution a enregistrés pour lui : ce n'est peut-être pas le client que l'exécution a écrit (journal modifié), le rollback n'y touche donc pas, même avec --force. Vérifiez-le à la main.",
  import_unfinished:
    "Au moment de son arrêt, l'import attendait encore la réponse à la création de ce client : le client est peut-être dans Qonto. Terminez l'import (relancez-le), puis annulez-le avec rollback.",
};

const it: Hints = {
  row_too_few_fields: "La riga ha meno campi dell'intestazione: controlla il separatore e le virgolette.",
  row_too_many_fields:
    "La riga ha più campi dell'intestazione: un valore che contiene il separatore va racchiuso tra virgolette.",
  encoding_invalid:
    "La riga contiene byte non validi nella codifica del file: salva il file in UTF-8 oppure indica --encoding.",
  control_characters:
    "Il valore contiene caratteri di controllo (NUL, escape, backspace e simili: U+0000–U+001F tranne tabulazione e a capo, U+007F–U+009F), che in un testo non ci sono; derivano da un'esportazione danneggiata o da una copia da terminale. Eliminali: finché ci sono, la riga non viene inviata.",
  formula_without_value:
    "Una formula della riga non ha un risultato salvato (o il risultato è un errore come #N/A): apri il file in Excel o LibreOffice, correggi la formula e salva di nuovo.",
  name_missing: "Un'azienda deve avere una ragione sociale; una persona, nome e cognome.",
  name_too_long:
    "La ragione sociale può avere al massimo 250 caratteri, nome e cognome al massimo 60 ciascuno.",
  kind_invalid: "Usa company, individual o freelancer (o i termini corrispondenti in FR/IT/DE/ES).",
  kind_freelancer_not_allowed:
    "Qonto accetta clienti freelancer solo per le organizzazioni italiane (--org-country IT).",
  email_invalid: "Indica un solo indirizzo e-mail, ad esempio name@example.com.",
  country_unknown: "Usa un codice paese ISO (FR, IT) o il nome del paese.",
  zip_invalid: "Il CAP italiano ha esattamente 5 cifre; gli altri codici postali al massimo 20 caratteri.",
  province_invalid: "Usa la sigla di due lettere di una provincia italiana, ad esempio MI, RM o TO.",
  province_not_sent:
    "Qonto accetta la provincia solo per gli indirizzi italiani (elenco di sigle previsto dall'API); il valore viene tralasciato.",
  field_not_sent:
    "Per questa riga il cliente Qonto non ha un campo adatto al valore (ragione sociale su una persona, paese di consegna senza indirizzo di consegna, interno o secondo numero di telefono, titolo, suffisso o soprannome in un nome completo); il valore viene tralasciato.",
  einvoicing_address_invalid:
    "Usa uno dei formati francesi: SIREN, SIREN_SIRET, SIREN_SIRET_routing-code o SIREN_suffix.",
  recipient_code_invalid:
    "Il codice destinatario (SDI) ha 7 lettere o cifre (6 per la pubblica amministrazione); 0000000 per chi usa la PEC.",
  vat_invalid:
    "Una partita IVA inizia con il prefisso di due lettere del suo paese (se manca, si usa quello del paese del cliente), ha al massimo 20 caratteri e, per gli Stati UE, la Svizzera, il Regno Unito e la Norvegia, il formato del suo paese; i numeri OSS (EU…), i prefissi che non corrispondono a nessun paese e i valori fittizi vengono rifiutati.",
  vat_check_digits:
    "Le cifre di controllo della partita IVA non tornano: verifica che non ci siano errori di battitura, oppure controllala sul servizio VIES dell'UE.",
  vat_country_mismatch:
    "Il prefisso paese della partita IVA è diverso dal paese del cliente; controlla entrambi.",
  vat_not_checked:
    "La partita IVA è di un paese extra UE di cui non conosciamo il formato (vengono verificati gli Stati UE, la Svizzera, il Regno Unito e la Norvegia); viene inviata così com'è.",
  tax_id_invalid:
    "Un codice fiscale o identificativo fiscale ha al massimo 20 lettere e cifre e, dove lo conosciamo, il formato del suo paese (la data di nascita di un codice fiscale deve essere una data valida); i valori fittizi come 12345678Z vengono rifiutati.",
  tax_id_check_digits:
    "Le cifre di controllo del SIREN, SIRET, codice fiscale, partita IVA o NIF non tornano: verifica che non ci siano errori di battitura.",
  field_too_long: "Accorcia il valore alla lunghezza accettata da Qonto.",
  currency_invalid: "Usa un codice valuta ISO 4217 di tre lettere, ad esempio EUR.",
  locale_invalid: "Usa uno tra fr, en, it, de, es.",
  phone_invalid: "Scrivi il numero di telefono con il prefisso internazionale, ad esempio +33 1 23 45 67 89.",
  not_invoiceable:
    "Aggiungi via, città, CAP e paese (e la provincia per i clienti italiani di un'organizzazione italiana) per poter fatturare al cliente; con --require-invoiceable diventa un errore.",
  matches_several_clients:
    "La riga corrisponde a più clienti già presenti in Qonto; uniscili in Qonto o correggi la riga.",
  duplicate_in_file: "Lo stesso cliente compare più sopra nel file; viene importata solo la prima riga.",
  possible_duplicate:
    "La riga ha una chiave in comune con una riga precedente o con un cliente Qonto, ma differisce in un punto decisivo (due e-mail, due partite IVA, un omonimo senza nient'altro in comune), quindi viene importata come cliente a sé; verifica che non si tratti dello stesso.",
  summary_row:
    "Una riga di totale o subtotale (Total, Sous-total, Totale, Summe, Subtotal, ...) senza identificativo, e-mail, indirizzo né telefono non viene importata. Un cliente che si chiama davvero così viene importato se la sua riga contiene uno di questi dati.",
  repeated_header:
    "L'intestazione ripetuta all'interno dei dati (le esportazioni la ristampano a ogni pagina) non viene importata.",
  api_rejected: "Qonto ha rifiutato il cliente; il messaggio riporta il motivo indicato da Qonto.",
  api_rejected_before:
    "Qonto ha rifiutato questa fattura, così com'è, in un'esecuzione precedente (il messaggio riporta il motivo indicato da Qonto); non verrà inviata di nuovo finché le sue righe non cambiano: correggi la riga.",
  api_failed:
    "Non è stato possibile completare la richiesta; esegui di nuovo l'importazione per riprovare questa riga.",
  not_attempted:
    "L'esecuzione si è interrotta prima dell'invio di questa riga; risolvi la causa ed esegui di nuovo l'importazione.",
  plan_outdated:
    "Qonto è cambiato da quando è stato preparato il piano (un cliente è stato aggiunto o eliminato); la riga non è stata scritta. Rifai il piano per avere un quadro aggiornato.",
  invoice_field_missing:
    "Una fattura richiede data di emissione, data di scadenza e IBAN di pagamento; ogni riga una descrizione, una quantità, un prezzo unitario e un'aliquota IVA.",
  invoice_client_missing: "Indica il cliente della fattura: partita IVA, codice fiscale, e-mail o nome.",
  invoice_date_invalid:
    "Scrivi le date come aaaa-mm-gg, gg/mm/aaaa o gg.mm.aaaa (anno a quattro cifre), oppure usa celle di tipo data nel file XLSX.",
  date_format_ambiguous:
    "Le date del file si possono leggere sia come giorno/mese sia come mese/giorno; scrivile come aaaa-mm-gg o indica quale ordine usa il file.",
  amount_invalid:
    "Scrivi importi e quantità come numeri, ad esempio 1234.50 o 1 234,50; 1,234 da solo viene rifiutato perché ambiguo.",
  vat_rate_invalid:
    "Scrivi l'aliquota IVA come 20%, 20 o 0.2 (un numero maggiore di 1 è una percentuale, 1 vale 1 %, un numero minore di 1 è una frazione).",
  iban_invalid:
    "La lunghezza o le cifre di controllo dell'IBAN non sono corrette per il suo paese; ricopialo dalle coordinate bancarie.",
  invoice_currency_not_eur: "Le fatture Qonto sono solo in EUR; indica gli importi in euro.",
  invoice_status_invalid:
    "Lo stato di una fattura importata è draft o unpaid (o i termini corrispondenti in FR/IT/DE/ES).",
  invoice_due_before_issue:
    "La data di scadenza è anteriore alla data di emissione (Qonto la rifiuta); controlla entrambe le date e l'ordine giorno/mese del file.",
  quantity_not_positive:
    "La quantità di una riga deve essere maggiore di zero: uno sconto va nella colonna dello sconto, un rimborso in una nota di credito emessa in Qonto.",
  unit_price_negative:
    "Il prezzo unitario di una riga deve essere zero o più: uno sconto va nella colonna dello sconto, un rimborso in una nota di credito emessa in Qonto.",
  vat_rate_not_allowed:
    "Non è un'aliquota IVA del paese dell'organizzazione (Francia 20, 13, 10, 8.5, 5.5, 2.1, 1.75, 1.05, 0.9, 0; Italia 22, 10, 5, 4, 0; Spagna 21, 10, 5, 4, 0; Germania 19, 7, 0); controllala, oppure consentila con --vat-rates.",
  performance_period_invalid:
    "Un periodo di competenza con data di fine deve avere anche la data di inizio, e l'inizio non può essere successivo alla fine.",
  invoice_rows_disagree:
    "Le righe di una stessa fattura riportano valori diversi in una colonna a livello di fattura; rendili uguali o lascia vuote le righe successive.",
  invoice_number_duplicate_in_file:
    "Le righe di una fattura devono essere consecutive; lo stesso numero più in basso è una seconda fattura con quel numero. Ordina il file o rinumera.",
  invoice_items_missing:
    "Una fattura richiede almeno una riga con descrizione, quantità, prezzo unitario e aliquota IVA.",
  italian_field_not_allowed:
    "Report per la fatturazione elettronica, imposta di bollo, cassa previdenziale e ritenuta d'acconto valgono solo per le organizzazioni italiane (la ritenuta anche per quelle spagnole); elimina la colonna.",
  invoice_number_missing:
    "Indica il numero di ogni fattura: è ciò che impedisce di crearla due volte (Qonto rifiuta un numero già usato).",
  invoice_client_unresolved:
    "Nessun cliente Qonto ha il riferimento cliente della fattura; importa prima il cliente (qonto-import clients), oppure indica con --clients-report la cartella del report di quell'importazione.",
  invoice_client_ambiguous:
    "Più clienti Qonto hanno il riferimento cliente della fattura; indica il cliente con la partita IVA o il codice fiscale.",
  invoice_client_pending:
    "Il cliente della fattura non è ancora in Qonto, ma l'importazione clienti indicata con --clients-report lo creerebbe; importa i clienti prima delle fatture.",
  invoice_client_not_checked:
    "Una simulazione (dry run) senza credenziali non può cercare il cliente della fattura in Qonto; fornisci le credenziali per verificarlo.",
  invoice_refused:
    "La riga appartiene a una fattura rifiutata per un problema su un'altra delle sue righe; correggi quella.",
  changed_since_import:
    "Qualcuno ha modificato il cliente in Qonto dopo che l'importazione lo ha scritto, quindi il rollback non lo tocca; controllalo, e usa --force per annullarlo comunque (la modifica successiva andrà persa).",
  client_has_invoices:
    "Un'importazione di fatture ha importato fatture per questo cliente, ed eliminare un cliente annulla le sue fatture ricorrenti; il rollback non lo elimina senza --force.",
  previous_values_unknown:
    "Il journal dell'importazione non contiene i valori sostituiti dall'aggiornamento (è stato scritto da una versione precedente): ripristinali a mano partendo dalla colonna changes del results.csv dell'importazione.",
  client_not_recognised:
    "Il cliente in Qonto non ha nessuno degli identificativi (partita IVA, codice fiscale, indirizzo di fatturazione elettronica, e-mail, nome e CAP; oppure il nome) che il journal dell'esecuzione ha registrato per lui: potrebbe non essere il cliente scritto dall'esecuzione (journal modificato), quindi il rollback non lo tocca, nemmeno con --force. Controllalo a mano.",
  import_unfinished:
    "Quando l'importazione si è interrotta, la creazione di questo cliente era stata inviata senza ricevere risposta, quindi il cliente potrebbe essere in Qonto: completa l'importazione (eseguila di nuovo), poi annullala con rollback.",
};

const de: Hints = {
  row_too_few_fields:
    "Die Zeile hat weniger Felder als die Kopfzeile; prüfen Sie Trennzeichen und Anführungszeichen.",
  row_too_many_fields:
    "Die Zeile hat mehr Felder als die Kopfzeile; ein Wert, der das Trennzeichen enthält, muss in Anführungszeichen stehen.",
  encoding_invalid:
    "Die Zeile enthält Bytes, die in der Kodierung der Datei ungültig sind; speichern Sie die Datei als UTF-8 oder geben Sie --encoding an.",
  control_characters:
    "Der Wert enthält Steuerzeichen (NUL, Escape, Rückschritt und Ähnliches: U+0000–U+001F außer Tabulator und Zeilenumbrüchen, U+007F–U+009F), die in keinem Text vorkommen; sie stammen aus einem beschädigten Export oder aus einer Kopie aus dem Terminal. Entfernen Sie sie; bis dahin wird die Zeile nicht gesendet.",
  formula_without_value:
    "Eine Formel in der Zeile hat kein gespeichertes Ergebnis (oder das Ergebnis ist ein Fehler wie #N/A); öffnen Sie die Datei in Excel oder LibreOffice, korrigieren Sie die Formel und speichern Sie erneut.",
  name_missing: "Ein Unternehmen braucht einen Namen, eine Person Vor- und Nachnamen.",
  name_too_long: "Firmennamen haben höchstens 250 Zeichen, Vor- und Nachnamen jeweils höchstens 60.",
  kind_invalid:
    "Verwenden Sie company, individual oder freelancer (oder die entsprechenden Begriffe auf FR/IT/DE/ES).",
  kind_freelancer_not_allowed:
    "Qonto akzeptiert Kunden vom Typ freelancer nur für italienische Organisationen (--org-country IT).",
  email_invalid: "Geben Sie eine einzige E-Mail-Adresse an, z. B. name@example.com.",
  country_unknown: "Verwenden Sie einen ISO-Ländercode (FR, IT) oder einen Ländernamen.",
  zip_invalid:
    "Italienische Postleitzahlen haben genau 5 Ziffern, andere Postleitzahlen höchstens 20 Zeichen.",
  province_invalid:
    "Verwenden Sie das zweibuchstabige Kürzel einer italienischen Provinz, z. B. MI, RM oder TO.",
  province_not_sent:
    "Qonto nimmt eine Provinz nur bei italienischen Adressen an (Liste der Kürzel laut API-Vertrag); der Wert wird weggelassen.",
  field_not_sent:
    "Für diesen Wert gibt es beim Qonto-Kunden dieser Zeile kein Feld (ein Firmenname bei einer Person, ein Lieferland ohne Lieferadresse, eine Durchwahl oder zweite Telefonnummer, Anrede, Namenszusatz oder Spitzname im vollständigen Namen); er wird weggelassen.",
  einvoicing_address_invalid:
    "Verwenden Sie eines der französischen Formate: SIREN, SIREN_SIRET, SIREN_SIRET_routing-code oder SIREN_suffix.",
  recipient_code_invalid:
    "Ein italienischer Empfängercode (SDI) hat 7 Buchstaben oder Ziffern (6 bei öffentlichen Verwaltungen); 0000000 bei PEC.",
  vat_invalid:
    "Eine USt-IdNr. beginnt mit dem zweibuchstabigen Präfix ihres Landes (fehlt es, wird das Land des Kunden verwendet), hat höchstens 20 Zeichen und bei EU-Staaten, der Schweiz, dem Vereinigten Königreich und Norwegen das Format ihres Landes; OSS-Nummern (EU…), Präfixe, die zu keinem Land gehören, und Platzhalter werden abgelehnt.",
  vat_check_digits:
    "Die Prüfziffern der USt-IdNr. stimmen nicht: Prüfen Sie sie auf Tippfehler oder im VIES-Dienst der EU.",
  vat_country_mismatch: "Das Länderpräfix der USt-IdNr. weicht vom Land des Kunden ab; prüfen Sie beides.",
  vat_not_checked:
    "Die USt-IdNr. stammt aus einem Land außerhalb der EU, dessen Format wir nicht kennen (geprüft werden EU-Staaten, die Schweiz, das Vereinigte Königreich und Norwegen); sie wird unverändert übermittelt.",
  tax_id_invalid:
    "Eine Steuernummer hat höchstens 20 Buchstaben und Ziffern und, soweit wir es kennen, das Format ihres Landes (das Geburtsdatum in einem codice fiscale muss ein gültiges Datum sein); Platzhalter wie 12345678Z werden abgelehnt.",
  tax_id_check_digits:
    "Die Prüfziffern von SIREN, SIRET, codice fiscale, partita IVA oder NIF stimmen nicht: Prüfen Sie auf Tippfehler.",
  field_too_long: "Kürzen Sie den Wert auf die Länge, die Qonto akzeptiert.",
  currency_invalid: "Verwenden Sie einen dreibuchstabigen Währungscode nach ISO 4217, z. B. EUR.",
  locale_invalid: "Verwenden Sie einen der Werte fr, en, it, de, es.",
  phone_invalid: "Geben Sie die Telefonnummer mit Ländervorwahl an, z. B. +33 1 23 45 67 89.",
  not_invoiceable:
    "Ergänzen Sie Straße, Ort, Postleitzahl und Land (und bei italienischen Kunden einer italienischen Organisation die Provinz), damit der Kunde eine Rechnung erhalten kann; mit --require-invoiceable ist dies ein Fehler.",
  matches_several_clients:
    "Die Zeile passt zu mehreren bestehenden Qonto-Kunden; führen Sie diese in Qonto zusammen oder korrigieren Sie die Zeile.",
  duplicate_in_file: "Derselbe Kunde steht weiter oben in der Datei; nur die erste Zeile wird importiert.",
  possible_duplicate:
    "Die Zeile teilt einen Schlüssel mit einer früheren Zeile oder einem Qonto-Kunden, unterscheidet sich aber in einem entscheidenden Punkt (zwei E-Mail-Adressen, zwei USt-IdNr., eine namensgleiche Person ohne weitere Gemeinsamkeit) und wird daher als eigener Kunde importiert; prüfen Sie, dass es nicht derselbe ist.",
  summary_row:
    "Eine Summen- oder Zwischensummenzeile (Total, Sous-total, Totale, Summe, Subtotal, ...) ohne Kennung, E-Mail, Adresse oder Telefonnummer wird nicht importiert. Ein Kunde, der tatsächlich so heißt, wird importiert, wenn seine Zeile eine dieser Angaben enthält.",
  repeated_header:
    "Die innerhalb der Daten wiederholte Kopfzeile (Exporte drucken sie auf jeder Seite) wird nicht importiert.",
  api_rejected: "Qonto hat den Kunden abgelehnt; die Meldung nennt den Grund von Qonto.",
  api_rejected_before:
    "Qonto hat diese Rechnung in genau dieser Form bei einem früheren Lauf abgelehnt (die Meldung nennt den Grund von Qonto); sie wird erst wieder gesendet, wenn sich ihre Positionen ändern: Korrigieren Sie die Zeile.",
  api_failed:
    "Die Anfrage konnte nicht abgeschlossen werden; starten Sie den Import erneut, um diese Zeile noch einmal zu versuchen.",
  not_attempted:
    "Der Lauf wurde beendet, bevor diese Zeile gesendet wurde; beheben Sie die Ursache und starten Sie den Import erneut.",
  plan_outdated:
    "Qonto hat sich seit Erstellung des Plans geändert (ein Kunde ist hinzugekommen oder weggefallen); die Zeile wurde nicht geschrieben. Erstellen Sie den Plan neu, um den aktuellen Stand zu sehen.",
  invoice_field_missing:
    "Eine Rechnung braucht Rechnungsdatum, Fälligkeitsdatum und eine IBAN für die Zahlung; jede Position eine Bezeichnung, eine Menge, einen Einzelpreis und einen USt-Satz.",
  invoice_client_missing:
    "Geben Sie den Kunden der Rechnung an: seine USt-IdNr., Steuernummer, E-Mail-Adresse oder seinen Namen.",
  invoice_date_invalid:
    "Schreiben Sie Datumsangaben als JJJJ-MM-TT, TT/MM/JJJJ oder TT.MM.JJJJ (vierstellige Jahreszahl), oder verwenden Sie Datumszellen in XLSX.",
  date_format_ambiguous:
    "Die Datumsangaben der Datei lassen sich sowohl als Tag/Monat als auch als Monat/Tag lesen; schreiben Sie sie als JJJJ-MM-TT oder geben Sie an, welche Reihenfolge die Datei verwendet.",
  amount_invalid:
    "Schreiben Sie Beträge und Mengen als Zahlen wie 1234.50 oder 1 234,50; 1,234 allein wird als mehrdeutig abgelehnt.",
  vat_rate_invalid:
    "Geben Sie den USt-Satz als 20%, 20 oder 0.2 an (eine Zahl über 1 ist ein Prozentsatz, 1 bedeutet 1 %, eine Zahl unter 1 ein Bruchteil).",
  iban_invalid:
    "Länge oder Prüfziffern der IBAN passen nicht zu ihrem Land; übernehmen Sie sie erneut aus den Bankdaten.",
  invoice_currency_not_eur: "Qonto-Rechnungen gibt es nur in EUR; geben Sie die Beträge in Euro an.",
  invoice_status_invalid:
    "Der Status einer importierten Rechnung ist draft oder unpaid (oder die entsprechenden Begriffe auf FR/IT/DE/ES).",
  invoice_due_before_issue:
    "Das Fälligkeitsdatum liegt vor dem Rechnungsdatum (Qonto lehnt das ab); prüfen Sie beide Daten und die Tag/Monat-Reihenfolge der Datei.",
  quantity_not_positive:
    "Die Menge einer Position muss größer als null sein: Ein Rabatt gehört in die Rabattspalte, eine Erstattung in eine in Qonto erstellte Gutschrift.",
  unit_price_negative:
    "Der Einzelpreis einer Position muss null oder größer sein: Ein Rabatt gehört in die Rabattspalte, eine Erstattung in eine in Qonto erstellte Gutschrift.",
  vat_rate_not_allowed:
    "Kein USt-Satz des Landes der Organisation (Frankreich 20, 13, 10, 8.5, 5.5, 2.1, 1.75, 1.05, 0.9, 0; Italien 22, 10, 5, 4, 0; Spanien 21, 10, 5, 4, 0; Deutschland 19, 7, 0); prüfen Sie ihn oder lassen Sie ihn mit --vat-rates zu.",
  performance_period_invalid:
    "Ein Leistungszeitraum mit Enddatum braucht auch ein Anfangsdatum, und der Anfang darf nicht nach dem Ende liegen.",
  invoice_rows_disagree:
    "Die Zeilen einer Rechnung enthalten unterschiedliche Werte in einer Spalte auf Rechnungsebene; gleichen Sie sie an oder lassen Sie die späteren Zeilen leer.",
  invoice_number_duplicate_in_file:
    "Die Zeilen einer Rechnung müssen direkt aufeinander folgen; dieselbe Nummer weiter unten ist eine zweite Rechnung mit dieser Nummer. Sortieren Sie die Datei oder vergeben Sie neue Nummern.",
  invoice_items_missing:
    "Eine Rechnung braucht mindestens eine Position mit Bezeichnung, Menge, Einzelpreis und USt-Satz.",
  italian_field_not_allowed:
    "E-Rechnungs-Angaben, Stempelsteuer, Vorsorgekasse und Quellensteuer gibt es nur für italienische Organisationen (die Quellensteuer auch für spanische); entfernen Sie die Spalte.",
  invoice_number_missing:
    "Geben Sie jeder Rechnung ihre Nummer: Sie verhindert, dass eine Rechnung doppelt angelegt wird (Qonto lehnt eine bereits verwendete Nummer ab).",
  invoice_client_unresolved:
    "Kein Qonto-Kunde hat die Kundenreferenz der Rechnung; importieren Sie zuerst den Kunden (qonto-import clients) oder geben Sie mit --clients-report den Berichtsordner dieses Laufs an.",
  invoice_client_ambiguous:
    "Mehrere Qonto-Kunden haben die Kundenreferenz der Rechnung; verweisen Sie stattdessen über die USt-IdNr. oder Steuernummer auf den Kunden.",
  invoice_client_pending:
    "Der Kunde der Rechnung ist noch nicht in Qonto, würde aber durch den mit --clients-report angegebenen Kundenimport angelegt; importieren Sie die Kunden vor den Rechnungen.",
  invoice_client_not_checked:
    "Ein Probelauf (dry run) ohne Zugangsdaten kann den Kunden der Rechnung nicht in Qonto nachschlagen; geben Sie Zugangsdaten an, um ihn zu prüfen.",
  invoice_refused:
    "Die Zeile gehört zu einer Rechnung, die wegen eines Problems in einer anderen ihrer Zeilen abgelehnt wurde; korrigieren Sie jene.",
  changed_since_import:
    "Jemand hat den Kunden in Qonto geändert, nachdem der Import ihn geschrieben hat, daher lässt das Rollback ihn unverändert; prüfen Sie ihn und geben Sie --force an, um ihn trotzdem zurückzusetzen (die spätere Änderung geht verloren).",
  client_has_invoices:
    "Ein Rechnungsimport hat Rechnungen für diesen Kunden angelegt, und das Löschen eines Kunden storniert seine wiederkehrenden Rechnungen; das Rollback löscht ihn nur mit --force.",
  previous_values_unknown:
    "Das Journal des Imports enthält die durch die Aktualisierung ersetzten Werte nicht (es wurde von einer älteren Version geschrieben): Stellen Sie sie von Hand anhand der Spalte changes in der results.csv des Imports wieder her.",
  client_not_recognised:
    "Der Kunde in Qonto hat keine der Kennungen (USt-IdNr., Steuernummer, E-Rechnungsadresse, E-Mail, Name und Postleitzahl; oder seinen Namen), die das Journal des Laufs für ihn festgehalten hat: Möglicherweise ist es nicht der Kunde, den der Lauf geschrieben hat (bearbeitetes Journal), daher lässt das Rollback ihn unverändert, auch mit --force. Prüfen Sie ihn von Hand.",
  import_unfinished:
    "Als der Import anhielt, war die Anlage dieses Kunden unterwegs und noch unbeantwortet, der Kunde ist also möglicherweise in Qonto: Schließen Sie den Import ab (erneut starten) und setzen Sie ihn dann per Rollback zurück.",
};

const es: Hints = {
  row_too_few_fields: "La fila tiene menos campos que la cabecera; revise el delimitador y las comillas.",
  row_too_many_fields:
    "La fila tiene más campos que la cabecera; un valor que contenga el delimitador debe ir entre comillas.",
  encoding_invalid:
    "La fila contiene bytes no válidos en la codificación del archivo; guarde el archivo en UTF-8 o indique --encoding.",
  control_characters:
    "El valor contiene caracteres de control (NUL, escape, retroceso y similares: U+0000–U+001F salvo tabulador y saltos de línea, U+007F–U+009F), que ningún texto lleva; proceden de una exportación dañada o de una copia desde un terminal. Elimínelos; hasta entonces la fila no se envía.",
  formula_without_value:
    "Una fórmula de la fila no tiene resultado guardado (o su resultado es un error como #N/A); abra el archivo en Excel o LibreOffice, corrija la fórmula y vuelva a guardarlo.",
  name_missing: "Una empresa necesita una razón social; una persona, nombre y apellidos.",
  name_too_long: "La razón social admite como máximo 250 caracteres; el nombre y los apellidos, 60 cada uno.",
  kind_invalid: "Use company, individual o freelancer (o sus equivalentes en FR/IT/DE/ES).",
  kind_freelancer_not_allowed:
    "Qonto solo acepta clientes freelancer en organizaciones italianas (--org-country IT).",
  email_invalid: "Indique una sola dirección de correo electrónico, por ejemplo name@example.com.",
  country_unknown: "Use un código de país ISO (FR, IT) o el nombre del país.",
  zip_invalid:
    "Los códigos postales italianos tienen exactamente 5 dígitos; los demás, como máximo 20 caracteres.",
  province_invalid: "Use la sigla de dos letras de una provincia italiana, por ejemplo MI, RM o TO.",
  province_not_sent:
    "Qonto solo admite la provincia en direcciones italianas (lista de siglas del contrato de la API); el valor se omite.",
  field_not_sent:
    "El cliente de Qonto no tiene dónde guardar este valor en esta fila (una razón social en una persona, un país de entrega sin dirección de entrega, la extensión de un teléfono o un segundo número, un tratamiento, sufijo o apodo en un nombre completo); se omite.",
  einvoicing_address_invalid:
    "Use uno de los formatos franceses: SIREN, SIREN_SIRET, SIREN_SIRET_routing-code o SIREN_suffix.",
  recipient_code_invalid:
    "El código de destinatario italiano (SDI) tiene 7 letras o dígitos (6 para una administración pública); 0000000 para PEC.",
  vat_invalid:
    "Un NIF-IVA empieza por el prefijo de dos letras de su país (si falta, se toma el del país del cliente), tiene como máximo 20 caracteres y, para los Estados de la UE, Suiza, el Reino Unido y Noruega, el formato de su país; se rechazan los números OSS (EU…), los prefijos que no corresponden a ningún país y los valores de relleno.",
  vat_check_digits:
    "Los dígitos de control del NIF-IVA no cuadran: busque una errata o compruébelo en el servicio VIES de la UE.",
  vat_country_mismatch: "El prefijo de país del NIF-IVA no coincide con el país del cliente; revise ambos.",
  vat_not_checked:
    "El NIF-IVA es de un país de fuera de la UE cuyo formato no conocemos (se comprueban los Estados de la UE, Suiza, el Reino Unido y Noruega); se envía tal cual.",
  tax_id_invalid:
    "Un número de identificación fiscal tiene como máximo 20 letras y dígitos y, cuando lo conocemos, el formato de su país (la fecha de nacimiento de un codice fiscale debe ser una fecha válida); se rechazan valores de relleno como 12345678Z.",
  tax_id_check_digits:
    "Los dígitos de control del SIREN, SIRET, codice fiscale, partita IVA o NIF no cuadran: busque una errata.",
  field_too_long: "Acorte el valor a la longitud que admite Qonto.",
  currency_invalid: "Use un código de divisa ISO 4217 de tres letras, por ejemplo EUR.",
  locale_invalid: "Use uno de estos valores: fr, en, it, de, es.",
  phone_invalid: "Escriba el teléfono con su prefijo internacional, por ejemplo +33 1 23 45 67 89.",
  not_invoiceable:
    "Añada calle, ciudad, código postal y país (y la provincia para clientes italianos de una organización italiana) para poder facturar al cliente; con --require-invoiceable esto es un error.",
  matches_several_clients:
    "La fila coincide con varios clientes existentes en Qonto; fusiónelos en Qonto o corrija la fila.",
  duplicate_in_file: "El mismo cliente aparece antes en el archivo; solo se importa la primera fila.",
  possible_duplicate:
    "La fila comparte una clave con una fila anterior o con un cliente de Qonto, pero difieren en algo decisivo (dos correos, dos NIF-IVA, un homónimo sin nada más en común), así que se importa como un cliente aparte; compruebe que no sea el mismo.",
  summary_row:
    "Una línea de total o subtotal (Total, Sous-total, Totale, Summe, Subtotal, ...) sin identificador, correo, dirección ni teléfono no se importa. Un cliente que realmente se llame así se importa si su fila tiene alguno de esos datos.",
  repeated_header:
    "La cabecera repetida dentro de los datos (las exportaciones la imprimen en cada página) no se importa.",
  api_rejected: "Qonto rechazó el cliente; el mensaje indica el motivo de Qonto.",
  api_rejected_before:
    "Qonto rechazó esta factura, tal como está, en una ejecución anterior (el mensaje indica el motivo de Qonto); no se volverá a enviar hasta que cambien sus líneas: corrija la fila.",
  api_failed:
    "La solicitud no se pudo completar; vuelva a ejecutar la importación para reintentar esta fila.",
  not_attempted:
    "La ejecución se detuvo antes de enviar esta fila; corrija la causa y vuelva a ejecutar la importación.",
  plan_outdated:
    "Qonto ha cambiado desde que se hizo el plan (se ha añadido o eliminado un cliente); la fila no se escribió. Vuelva a generar el plan para verlo actualizado.",
  invoice_field_missing:
    "Una factura necesita fecha de emisión, fecha de vencimiento e IBAN de cobro; cada línea, un concepto, una cantidad, un precio unitario y un tipo de IVA.",
  invoice_client_missing:
    "Indique el cliente de la factura: su NIF-IVA, número de identificación fiscal, correo electrónico o nombre.",
  invoice_date_invalid:
    "Escriba las fechas como aaaa-mm-dd, dd/mm/aaaa o dd.mm.aaaa (años de cuatro cifras), o use celdas de fecha en XLSX.",
  date_format_ambiguous:
    "Las fechas del archivo se pueden leer tanto como día/mes que como mes/día; escríbalas como aaaa-mm-dd o indique qué orden usa el archivo.",
  amount_invalid:
    "Escriba importes y cantidades como números, por ejemplo 1234.50 o 1 234,50; 1,234 a secas se rechaza por ambiguo.",
  vat_rate_invalid:
    "Escriba el tipo de IVA como 20%, 20 o 0.2 (un número mayor que 1 es un porcentaje, 1 es el 1 %, uno menor que 1 es una fracción).",
  iban_invalid:
    "La longitud o los dígitos de control del IBAN no son correctos para su país; cópielo de nuevo de los datos bancarios.",
  invoice_currency_not_eur: "Las facturas de Qonto son solo en EUR; indique los importes en euros.",
  invoice_status_invalid:
    "El estado de una factura importada es draft o unpaid (o sus equivalentes en FR/IT/DE/ES).",
  invoice_due_before_issue:
    "La fecha de vencimiento es anterior a la de emisión (Qonto lo rechaza); revise ambas fechas y el orden día/mes del archivo.",
  quantity_not_positive:
    "La cantidad de una línea debe ser mayor que cero: un descuento va en la columna de descuento y una devolución, en una factura rectificativa hecha en Qonto.",
  unit_price_negative:
    "El precio unitario de una línea debe ser cero o más: un descuento va en la columna de descuento y una devolución, en una factura rectificativa hecha en Qonto.",
  vat_rate_not_allowed:
    "No es un tipo de IVA del país de la organización (Francia 20, 13, 10, 8.5, 5.5, 2.1, 1.75, 1.05, 0.9, 0; Italia 22, 10, 5, 4, 0; España 21, 10, 5, 4, 0; Alemania 19, 7, 0); revíselo o permítalo con --vat-rates.",
  performance_period_invalid:
    "Un periodo de prestación con fecha de fin necesita también fecha de inicio, y el inicio no puede ser posterior al fin.",
  invoice_rows_disagree:
    "Las filas de una misma factura dan valores distintos en una columna de la factura; iguálelos o deje vacías las filas siguientes.",
  invoice_number_duplicate_in_file:
    "Las filas de una factura deben ir seguidas; el mismo número más abajo es una segunda factura con ese número. Ordene el archivo o renumere.",
  invoice_items_missing:
    "Una factura necesita al menos una línea con concepto, cantidad, precio unitario y tipo de IVA.",
  italian_field_not_allowed:
    "Los datos de factura electrónica italiana, el impuesto de timbre, la caja de previsión y la retención son solo para organizaciones italianas (la retención, también para las españolas); elimine la columna.",
  invoice_number_missing:
    "Indique el número de cada factura: es lo que evita que se cree dos veces (Qonto rechaza un número ya usado).",
  invoice_client_unresolved:
    "Ningún cliente de Qonto tiene la referencia de cliente de la factura; importe primero el cliente (qonto-import clients) o indique con --clients-report la carpeta del informe de esa ejecución.",
  invoice_client_ambiguous:
    "Varios clientes de Qonto tienen la referencia de cliente de la factura; identifique al cliente por su NIF-IVA o su número de identificación fiscal.",
  invoice_client_pending:
    "El cliente de la factura aún no está en Qonto, pero la importación de clientes indicada con --clients-report lo crearía; importe los clientes antes que las facturas.",
  invoice_client_not_checked:
    "Una simulación (dry run) sin credenciales no puede buscar el cliente de la factura en Qonto; facilite las credenciales para comprobarlo.",
  invoice_refused:
    "La línea pertenece a una factura rechazada por un problema en otra de sus líneas; corrija esa.",
  changed_since_import:
    "Alguien modificó el cliente en Qonto después de que la importación lo escribiera, así que el rollback no lo toca; revíselo y use --force para revertirlo de todos modos (se perderá el cambio posterior).",
  client_has_invoices:
    "Una importación de facturas creó facturas para este cliente, y eliminar un cliente cancela sus facturas recurrentes; el rollback no lo elimina salvo con --force.",
  previous_values_unknown:
    "El journal de la importación no guarda los valores que la actualización sustituyó (lo escribió una versión anterior): restáurelos a mano a partir de la columna changes del results.csv de la importación.",
  client_not_recognised:
    "El cliente en Qonto no tiene ninguno de los identificadores (NIF-IVA, número de identificación fiscal, dirección de facturación electrónica, correo, nombre y código postal; o su nombre) que el journal de la ejecución registró para él: puede que no sea el cliente que escribió la ejecución (journal editado), así que el rollback no lo toca, ni siquiera con --force. Revíselo a mano.",
  import_unfinished:
    "Cuando la importación se detuvo, la creación de este cliente estaba enviada sin respuesta, así que puede que el cliente esté en Qonto: termine la importación (vuelva a ejecutarla) y después reviértala con rollback.",
};

/** The hints by language; English is PROBLEMS[code].hint. Every language besides English has every code. */
export const PROBLEM_HINTS: Record<Exclude<Lang, "en">, Hints> = { fr, it, es, de };

const isProblemCode = (code: string): code is ProblemCode => Object.hasOwn(PROBLEMS, code);

/** The "what to do" hint of a problem in a language; "" for a code the catalogue does not declare. */
export function problemHint(code: string, lang: Lang): string {
  if (!isProblemCode(code)) return "";
  return lang === "en" ? PROBLEMS[code].hint : PROBLEM_HINTS[lang][code];
}
