/* diag.c: the message catalogue, reporting and printing. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

static const struct {
	enum diag_level level;
	const char *fmt;
} catalogue[D_ID_MAX] = {
        [D_YAML_SYNTAX] = {DIAG_ERROR, "sintassi YAML: %s"},
        [D_YAML_ENCODING] = {DIAG_ERROR, "%s: il file deve essere in UTF-8"},
        [D_YAML_INDENT_MORE] = {DIAG_ERROR, "'%s' ha più spazi in testa della riga sopra (%u "
                                            "invece di %u): allinearla alle chiavi della stessa "
                                            "mappa"},
        [D_YAML_INDENT_LESS] = {DIAG_ERROR, "'%s' ha meno spazi in testa delle righe intorno (%u "
                                            "invece di %u): l'indentazione sbaglia qui; "
                                            "allinearla alle altre chiavi della mappa"},
        [D_VALUE_QUOTE] = {DIAG_ERROR, "un testo che comincia con '%s' va scritto tra "
                                       "virgolette: %s"},
        [D_ENCODING_LEGACY] = {DIAG_ERROR,
                               "il file non è in UTF-8: pare in %s, dove il byte 0x%02X "
                               "è '%s'; salvarlo in UTF-8 (nell'editor, \"Salva "
                               "con nome\" e codifica UTF-8)"},
        [D_UTF16] = {DIAG_ERROR, "il file è in UTF-16: salvarlo in UTF-8 (nell'editor, \"Salva "
                                 "con nome\" e codifica UTF-8)"},
        [D_FILE_EMPTY] = {DIAG_ERROR, "il file è vuoto: una seduta è una mappa con ente, organo, "
                                      "seduta, componenti, deliberazioni e firme"},
        [D_FILE_MULTIDOC] = {DIAG_ERROR, "il file contiene più di un documento YAML: tenere una "
                                         "sola seduta per file"},
        [D_FILE_TOO_BIG] = {DIAG_ERROR,
                            "il file è di %zu byte, oltre il limite di %zu MiB: ridurlo o "
                            "dividerlo in più file"},
        [D_FILE_MISSING] = {DIAG_ERROR,
                            "il file '%s' non esiste: controllare il nome e la cartella"},
        [D_TOO_DEEP] = {DIAG_ERROR, "annidamento oltre %d livelli: semplificare la struttura"},
        [D_ALIAS_UNDEFINED] = {DIAG_ERROR, "l'alias '*%s' non è definito: segnare prima il valore "
                                           "con l'ancora '&' dello stesso nome"},
        [D_ALIAS_RECURSIVE] = {DIAG_ERROR, "l'alias '*%s' rimanda a un valore che lo contiene: "
                                           "ripetere il valore invece di usare l'alias"},
        [D_ALIAS_TOO_BIG] = {DIAG_ERROR, "gli alias espandono il documento oltre %d valori: "
                                         "ripetere i valori invece di usare alias"},
        [D_TAG] = {DIAG_ERROR, "etichetta YAML '%s' non ammessa: toglierla (valgono solo !, !!str, "
                               "!!int, !!bool, !!null, !!seq e !!map)"},
        [D_TAG_KIND] = {DIAG_ERROR, "l'etichetta YAML '%s' non vale per %s: toglierla"},
        [D_TAG_VALUE] = {DIAG_ERROR, "l'etichetta YAML '%s' vuole %s: toglierla o correggere il "
                                     "valore"},
        [D_KEY_NOT_SCALAR] = {DIAG_ERROR, "una chiave deve essere un testo semplice, non %s: "
                                          "scrivere il nome della chiave seguito da ':'"},
        [D_KEY_UNKNOWN] = {DIAG_ERROR, "chiave sconosciuta '%s'%s%s"},
        [D_KEY_DUP] = {DIAG_ERROR, "chiave '%s' ripetuta: tenerne una sola"},
        [D_KEY_MISSING] = {DIAG_ERROR, "manca la chiave obbligatoria '%s'%s"},
        [D_TYPE] = {DIAG_ERROR, "'%s' deve essere %s, non %s"},
        [D_EMPTY] = {DIAG_ERROR, "'%s' non può essere vuoto"},
        [D_ENUM] = {DIAG_ERROR, "'%s': valore '%s' non ammesso%s; valori ammessi: %s"},
        [D_INT] = {DIAG_ERROR, "'%s': '%s' non è un numero intero da 0 a %ld"},
        [D_DATE] = {DIAG_ERROR, "'%s': '%s' non è una data valida (AAAA-MM-GG, per esempio "
                                "2022-02-23)"},
        [D_TIME] = {DIAG_ERROR, "'%s': '%s' non è un orario valido (HH:MM, per esempio 16:00)"},
        [D_DATE_DMY] = {DIAG_ERROR, "'%s': '%s' non è una data valida (AAAA-MM-GG): forse %s?"},
        [D_TIME_DOT] = {DIAG_ERROR, "'%s': '%s' non è un orario valido (HH:MM): forse \"%s\"?"},
        [D_BOOL] = {DIAG_ERROR, "'%s': '%s' non è un valore vero o falso (true o false)"},
        [D_VERSION] = {DIAG_ERROR, "versione %ld del formato non supportata: questo verbale "
                                   "legge la versione 1"},
        [D_LIMIT] = {DIAG_ERROR, "'%s' ha %zu elementi, oltre il limite di %zu: ridurre "
                                 "l'elenco o dividere la seduta in più file"},
        [D_STRING_LONG] = {DIAG_ERROR, "un valore di %zu byte, oltre il limite di %zu: dividere il "
                                       "testo o metterlo in un allegato"},
        [D_VLIST] = {DIAG_ERROR, "'%s' deve essere una lista di componenti, un numero, 'tutti' o "
                                 "'restanti'"},
        [D_ONE_OF] = {DIAG_ERROR, "indicare una sola tra %s"},
        [D_REF_UNKNOWN] = {DIAG_ERROR, "'%s' non è un componente%s"},
        [D_REF_AMBIGUOUS] = {DIAG_ERROR, "'%s' è ambiguo: può indicare %s; scrivere nome e cognome "
                                         "o l'id"},
        [D_MEMBER_DUP] = {DIAG_ERROR, "componente ripetuto: '%s' indica già un altro "
                                      "componente: toglierne uno o, se sono omonimi, dare a "
                                      "ciascuno un 'id'"},
        [D_MEMBER_LOOKALIKE] = {DIAG_ERROR,
                                "componenti quasi uguali: '%s' e '%s' differiscono solo per "
                                "maiuscole, accenti o caratteri invisibili: correggere la grafia "
                                "(se sono omonimi, scrivere il nome allo stesso modo e dare a "
                                "ciascuno un 'id')"},
        [D_OUT_OF_OFFICE] = {DIAG_ERROR, "'%s' non è in carica il giorno della seduta (%s): la "
                                         "sua carica %s; toglierne il nome o correggere 'dal' e "
                                         "'al' del componente"},
        [D_OFFICE_ORDER] = {DIAG_ERROR, "'dal' (%s) viene dopo 'al' (%s): correggere le date "
                                        "della carica del componente"},
        [D_CONTROL_CHAR] = {DIAG_ERROR, "carattere di controllo U+%04X in un valore: toglierlo "
                                        "(in un testo sono ammessi solo la tabulazione e l'a "
                                        "capo)"},
        [D_NONCHARACTER] = {DIAG_ERROR, "U+%04X non è un carattere (è riservato a uso interno "
                                        "dei programmi) e non può stare in un valore: toglierlo"},
        [D_NAME_INVISIBLE] = {DIAG_ERROR, "il nome '%s' contiene %s (U+%04X), che non si vede: "
                                          "toglierlo"},
        [D_NAME_SCRIPT] = {DIAG_ERROR, "il nome '%s' contiene '%s' (U+%04X), %s: riscriverlo "
                                       "con le lettere dell'alfabeto latino"},
        [D_ACT_DUP] = {DIAG_ERROR, "il numero '%s' è già di un'altra deliberazione di questa "
                                   "seduta: dare a ogni atto il suo numero"},
        [D_PARERE_DUP] = {DIAG_ERROR, "la deliberazione ha già un parere di %s: ogni tipo di "
                                      "parere (art. 49 TUEL) va dato una volta sola"},
        [D_CANDIDATE_NEAR] = {DIAG_ERROR, "il candidato '%s' non è un componente, ma somiglia a "
                                          "%s: correggere il nome o, se è un candidato esterno "
                                          "all'organo, aggiungere 'esterno: true'"},
        [D_ELECTION_BALLOTS] = {DIAG_ERROR,
                                "le schede non tornano: %ld voti ai candidati + %ld dispersi + "
                                "%ld bianche + %ld nulle = %ld, ma le schede votate sono %ld: "
                                "correggere i voti o le schede (i voti a chi non è candidato "
                                "vanno in 'dispersi')"},
        [D_CANDIDATE_EXCESS] = {DIAG_ERROR, "'%s' ha %ld voti, più delle %ld schede valide: "
                                            "una scheda dà al più un voto a ciascun candidato"},
        [D_ASSEGNATI] = {DIAG_ERROR, "'assegnati' è %ld, meno dei %zu componenti elencati: "
                                     "correggere 'assegnati' o l'elenco dei componenti"},
        [D_MOVE_RANGE] = {DIAG_ERROR, "la votazione %ld non esiste: la seduta ne ha %zu"},
        [D_MOVE_STATE] = {DIAG_ERROR, "%s %s, ma a quel punto %s"},
        [D_PRESIDENCY_ABSENT] = {DIAG_ERROR, "%s assume la presidenza %s, ma a quel punto non "
                                             "è in aula: indicarne prima l'entrata in "
                                             "'movimenti' o correggere il momento"},
        [D_REMOTE_ABSENT] = {DIAG_ERROR, "%s non è presente alla votazione %u (%s): non può "
                                         "votare da remoto"},
        [D_REMOTE_IN_PERSON] = {DIAG_ERROR, "'da_remoto' in una seduta in presenza: indicare "
                                            "nella seduta 'modalita: telematica' o 'mista', o "
                                            "togliere 'da_remoto'"},
        [D_MODE_SOURCE_IN_PERSON] = {DIAG_ERROR, "'modalita_fonte' in una seduta in presenza: "
                                                 "indicare 'modalita: telematica' o 'mista', o "
                                                 "togliere 'modalita_fonte'"},
        [D_PUNTI_RANGE] = {DIAG_ERROR, "il punto %ld non esiste: il dispositivo ne ha %zu"},
        [D_VOTE_TWICE] = {DIAG_ERROR, "%s compare due volte in questa votazione (%s e %s): "
                                      "lasciarlo in una sola lista"},
        [D_VOTE_TWICE_LIST] = {DIAG_ERROR, "%s compare due volte tra i %s: toglierne uno"},
        [D_VOTE_ABSENT] = {DIAG_ERROR, "%s non è in aula alla votazione %u (%s): non può "
                                       "comparire tra i %s"},
        [D_RESTANTI_TWICE] = {DIAG_ERROR, "'restanti' può comparire in una sola lista per "
                                          "votazione"},
        [D_TUTTI_OTHERS] = {DIAG_ERROR, "con '%s: tutti' nessun'altra lista può nominare "
                                        "qualcuno: togliere '%s' o usare 'restanti'"},
        [D_COUNTS] = {DIAG_ERROR,
                      "i voti non tornano: %ld favorevoli + %ld contrari + %ld "
                      "astenuti + %ld non partecipanti = %ld, ma in aula alla votazione %u "
                      "ci sono %ld componenti%s"},
        [D_SECRET_NAMES] = {DIAG_ERROR, "votazione segreta: '%s' non è ammesso; i voti si "
                                        "indicano in 'schede' (favorevoli, contrari, bianche, "
                                        "nulle), mai per nome"},
        [D_SECRET_SCHEDE] = {DIAG_ERROR, "votazione segreta senza 'schede': indicare favorevoli, "
                                         "contrari, bianche e nulle"},
        [D_SCHEDE_ONLY] = {DIAG_ERROR, "'schede' vale solo per le votazioni segrete (modalita: "
                                       "segreta) e le elezioni"},
        [D_BALLOTS_EXCEED] = {DIAG_ERROR, "le schede votate sono %ld, più dei %ld componenti in "
                                          "aula che partecipano alla votazione %u"},
        [D_BLANK_EXCEED] = {DIAG_ERROR, "bianche e nulle (%ld) superano le schede votate (%ld)"},
        [D_TIE_PRESIDENT] = {DIAG_ERROR, "parità (%ld a %ld) con voto prevalente del presidente, "
                                         "ma il suo voto non è noto: indicare 'presidente_vota' "
                                         "(favorevole o contrario)"},
        [D_ONLY_ELECTION] = {DIAG_ERROR, "'%s' vale solo per le elezioni (tipo: elezione)"},
        [D_ONLY_AMENDMENT] = {DIAG_ERROR, "'%s' vale solo per gli emendamenti (tipo: "
                                          "emendamento o subemendamento)"},
        [D_INTERPELLANZA_VOTES] = {DIAG_ERROR, "un'interpellanza non si vota: togliere "
                                               "'votazioni' o indicare un altro 'tipo' "
                                               "dell'atto (mozione, ordine_del_giorno)"},
        [D_IMMEDIATA_ACT] = {DIAG_ERROR, "l'immediata eseguibilità vale solo per una "
                                         "deliberazione: togliere la votazione o dare "
                                         "all'atto 'tipo: deliberazione'"},
        [D_ABST_DECLARED_OPEN] = {DIAG_ERROR, "'astensioni_dichiarate' vale solo per le "
                                              "votazioni segrete e le elezioni: in una "
                                              "votazione palese gli astenuti vanno in "
                                              "'astenuti'"},
        [D_ABST_DECLARED_EXCEED] = {DIAG_ERROR, "dichiarano di astenersi %zu componenti, ma "
                                                "gli astenuti (presenti che non hanno votato) "
                                                "sono %ld: correggere le schede o l'elenco"},
        [D_LISTE_OWN] = {DIAG_ERROR, "con 'liste' ogni lista ha i suoi '%s': toglierlo dalla "
                                     "votazione e indicarlo in ciascuna lista"},
        [D_ELECTION_LISTS] = {DIAG_ERROR, "un'elezione non ha '%s': indicare i voti dei "
                                          "candidati in 'candidati'"},
        [D_ELECTION_EXCESS] = {DIAG_ERROR, "i voti ai candidati (%ld) più i dispersi (%ld) fanno "
                                           "%ld, più di quanti ne consentono %ld schede valide "
                                           "con %ld preferenze (%ld)"},
        [D_PREFERENZE] = {DIAG_ERROR, "'preferenze' è %ld, più dei %ld posti da coprire"},
        [D_AT_LEAST] = {DIAG_ERROR, "'%s' deve essere almeno %ld"},
        [D_DECLARED] = {DIAG_ERROR, "'%s' dichiarato: %s; il calcolo dà %s"},
        [D_LIST_NOT_COUNT] = {DIAG_ERROR, "'%s' deve essere una lista di componenti, non un "
                                          "numero (%s): scriverne i cognomi tra parentesi "
                                          "quadre, per esempio [Rossi, Bianchi]"},
        [D_VOTE_NO_FIGURES] = {DIAG_ERROR,
                               "la votazione %u non indica né i voti né i nomi: indicare "
                               "favorevoli, contrari e astenuti (nomi o numeri) oppure, se il "
                               "verbale originale ne riporta solo l'esito, 'esito:' con "
                               "'opzioni: {trascrizione: true}'"},
        [D_TRANSCRIPTION_ONLY] = {DIAG_ERROR, "%s solo nella trascrizione di un verbale: "
                                              "aggiungere 'opzioni: {trascrizione: true}'%s"},
        [D_ESITO_WITH_FIGURES] = {DIAG_ERROR, "'esito' vale solo per una votazione di cui il "
                                              "verbale non riporta le cifre: togliere 'esito' "
                                              "(si calcola dai voti) o i voti"},
        [D_ESITO_DISAGREE] = {DIAG_ERROR, "'esito' è '%s', ma 'dichiarato' dice '%s': "
                                          "correggere l'uno o l'altro"},
        [D_PROCLAIMED_SUM] = {DIAG_ERROR, "le cifre proclamate non tornano: %s; correggere "
                                          "'rettifica.proclamato' come dal verbale originale"},
        [D_SOME_EXCEED] = {DIAG_ERROR, "'%s' nomina %zu componenti, più del suo 'numero' (%ld): "
                                       "correggere 'numero' o 'nomi'"},
        [D_PRESIDENT_UNKNOWN_TIE] = {DIAG_ERROR,
                                     "presidente 'ignoto' con la regola 'parita: "
                                     "voto_presidente', che dà al suo voto il peso decisivo: "
                                     "indicare il presidente o cambiare la regola"},
        [D_ANNEX_MISSING] = {DIAG_ERROR, "l'allegato '%s' non esiste: cercato come '%s'"},
        [D_LOGO_MISSING] = {DIAG_ERROR, "il logo '%s' non esiste: cercato come '%s'"},
        [D_PATH_OUTSIDE] = {DIAG_ERROR, "'%s' porta fuori dalla cartella della seduta: indicare "
                                        "un percorso relativo al suo interno, senza '..'"},
        [D_LINK_OUTSIDE] = {DIAG_ERROR, "'%s' è un collegamento che porta fuori dalla cartella "
                                        "della seduta: copiare il file nella cartella"},
        [D_ORGANO_MISSING] = {DIAG_ERROR, "il file dell'organo '%s' non esiste: cercato come "
                                          "'%s'; correggere 'file_organo' (il percorso è "
                                          "relativo al file che lo indica)"},
        [D_ROOT_OUTSIDE] = {DIAG_ERROR, "'%s' porta fuori dalla cartella radice '%s': indicare "
                                        "un file al suo interno, o una radice più in alto con "
                                        "--radice CARTELLA"},
        [D_ENCODING] = {DIAG_ERROR, "byte 0x%02X non valido: il file deve essere in UTF-8"},
        [D_IMAGE] = {DIAG_ERROR, "l'immagine '%s' non si può leggere (%s): usare un PNG o un JPEG "
                                 "valido"},
        [D_LENGTH] = {DIAG_ERROR, "'%s': '%s' non è una misura: un numero, in punti o con 'mm' o "
                                  "'cm'"},
        [D_OUTPUT_IS_INPUT] = {DIAG_ERROR, "'%s' è uno dei file da cui il verbale è fatto: non lo "
                                           "sovrascrivo; indicare un'altra cartella con -o"},
        [D_ACT_FILE_TWICE] = {DIAG_ERROR, "gli atti n. '%s' e n. '%s' darebbero lo stesso file "
                                          "%s%s: dare numeri che differiscano in lettere o cifre"},
        [D_ACT_FILE_COPY] = {DIAG_ERROR, "l'atto n. '%s' darebbe il file %s%s, quello di una copia "
                                         "pubblicata: cambiarne il numero"},
        [D_OMISSIS_NAME] = {DIAG_ERROR, "'%s' è nel nome di %s, che il verbale pubblica: i nomi "
                                        "dei componenti, del segretario e di chi firma non si "
                                        "omettono; toglierlo da 'omissis'"},
        [D_OMISSIS_ANNEX] = {DIAG_ERROR, "'%s' non è il 'file' di un allegato %s: scriverlo "
                                         "com'è scritto in 'allegati'"},
        [D_PUBLICATION_EARLY] = {DIAG_ERROR, "la pubblicazione comincerebbe prima della seduta: "
                                             "correggere 'dal'"},
        [D_STYLE_RANGE] = {DIAG_ERROR, "'%s': '%s' è fuori dai limiti (da %g a %g pt): "
                                       "correggere il valore"},
        [D_STYLE_AREA] = {DIAG_ERROR, "'%s' e '%s' lasciano al testo meno di un terzo %s "
                                      "della pagina: ridurre i margini"},
        [D_STYLE_LEADING] = {DIAG_ERROR, "'interlinea' deve essere da una a tre volte il 'corpo' "
                                         "del testo (%g pt): correggerla"},
        [D_STYLE_SKIP] = {DIAG_ERROR, "'%s' è più grande di '%s': %s uscirebbe dalla pagina; "
                                      "ridurla"},
        [D_TMPL_MISSING] = {DIAG_ERROR, "modello '%s' non trovato: crearlo nella cartella dei "
                                        "modelli o correggerne il nome"},
        [D_TMPL_UNCLOSED_TAG] = {DIAG_ERROR, "tag non chiuso: manca '%s'"},
        [D_TMPL_EMPTY_TAG] = {DIAG_ERROR, "tag senza nome: scrivere tra le graffe il nome di "
                                          "una variabile"},
        [D_TMPL_UNCLOSED_SECTION] = {DIAG_ERROR, "sezione '%s' non chiusa: manca '{{/%s}}'"},
        [D_TMPL_UNOPENED] = {DIAG_ERROR, "'{{/%s}}' chiude una sezione mai aperta: "
                                         "toglierlo o aprire prima la sezione"},
        [D_TMPL_MISMATCH] = {DIAG_ERROR, "'{{/%s}}' chiude la sezione '%s': chiudere prima "
                                         "'{{/%s}}'"},
        [D_TMPL_DELIMS] = {DIAG_ERROR, "delimitatori non validi '%s': servono due sequenze "
                                       "senza spazi e senza '=', per esempio {{=<%% %%>=}}"},
        [D_TMPL_PARTIAL] = {DIAG_ERROR, "partial '%s' non trovato (%s): crearlo o correggerne "
                                        "il nome"},
        [D_TMPL_PARTIAL_NAME] = {DIAG_ERROR, "nome di partial non ammesso '%s': solo lettere, "
                                             "cifre, '-' e '_', nessun percorso"},
        [D_TMPL_DEPTH] = {DIAG_ERROR, "partial annidati oltre %d livelli: un partial include "
                                      "sé stesso?"},
        [D_TMPL_OUTSIDE] = {DIAG_ERROR, "'%s' è un collegamento che porta fuori dalla cartella "
                                        "dei modelli: copiare il file nella cartella"},
        [D_TMPL_UNKNOWN] = {DIAG_ERROR, "variabile sconosciuta '%s': i dati sono descritti in "
                                        "README.md nella cartella dei modelli"},
        [D_PRESIDENT_ABSENT] = {DIAG_WARNING, "il presidente %s risulta assente all'appello"},
        [D_PRESIDENT_VOTE_UNUSED] = {DIAG_WARNING, "'presidente_vota' conta solo con la regola "
                                                   "'parita: voto_presidente'"},
        [D_OMISSIS_UNUSED] = {DIAG_WARNING, "'%s' di 'omissis' non compare nel verbale: la copia "
                                            "pubblicata non nasconde nulla; controllarne la "
                                            "grafia"},
        [D_NO_QUORUM] = {DIAG_WARNING, "numero legale non raggiunto alla votazione %u: presenti "
                                       "%ld, ne servono %ld; la votazione non è valida"},
        [D_WORD_BROKEN] = {DIAG_WARNING, "la parola '%s' è più larga della riga: spezzata dove "
                                         "capita; inserirvi spazi o trattini"},
        [D_MD_DEEP] = {DIAG_ERROR, "testo annidato oltre %d livelli di citazioni ed elenchi: "
                                   "ridurre i livelli"},
        [D_MD_BRACKETS] = {DIAG_ERROR,
                           "testo con %zu parentesi '[', oltre il limite di %zu: "
                           "ridurre link e immagini o scrivere le parentesi come '\\['"},
        [D_MD_EMPH] = {DIAG_ERROR, "testo con %zu gruppi di '*' o '_', oltre il limite di %zu: "
                                   "ridurre corsivi e grassetti o scrivere i segni come '\\*' "
                                   "e '\\_'"},
        [D_MD_COLUMNS] = {DIAG_ERROR, "riga con %zu barre '|', oltre il limite di %zu (una "
                                      "tabella ha al più 64 colonne): dividere la tabella o "
                                      "scrivere le barre come '\\|'"},
        [D_OUTLINE_FULL] = {DIAG_WARNING, "più di %zu titoli: i segnalibri del PDF elencano "
                                          "i primi, gli altri titoli sono nel testo ma non nei "
                                          "segnalibri"},
        [D_UNTAGGED] = {DIAG_WARNING, "più di %zu elementi (titoli, paragrafi, righe di tabella): "
                                      "il PDF non è marcato, in PDF/A-1b, e i lettori di schermo "
                                      "non ne vedono la struttura; dividere la seduta in più "
                                      "file"},
        [D_GLYPH_MISSING] = {DIAG_WARNING,
                             "nessun carattere installato ha il segno U+%04X ('%s'): nel "
                             "PDF si vede come �, ma il testo copiato resta esatto"},
        [D_TIMEOUT] = {DIAG_ERROR, "interrotto dopo %ld s"},
        [D_IMAGE_SKIPPED] = {DIAG_WARNING, "immagine '%s' non inserita (%s): al suo posto il testo "
                                           "alternativo"},
        [D_IMAGE_INLINE] = {DIAG_WARNING,
                            "immagine '%s' non inserita (non è da sola nel suo paragrafo): al suo "
                            "posto il testo alternativo; per inserirla, metterla in un paragrafo "
                            "da sola, con una riga vuota prima e dopo"},
        [D_LINK_UNSAFE] = {DIAG_WARNING, "collegamento '%s' lasciato come testo, non attivo: %s"},
        [D_BIDI_SHOWN] = {DIAG_WARNING, "il testo contiene U+%04X, un controllo della direzione "
                                        "del testo, che cambierebbe l'ordine in cui si legge: nel "
                                        "verbale è scritto come ‹U+%04X›; toglierlo"},
        [D_REGISTER_DUP] = {DIAG_WARNING, "l'atto n. %s del %s compare in due file: %s e %s"},
        [D_ORPHAN] = {DIAG_WARNING, "'%s' è il verbale di '%s', che non è più nell'archivio: "
                                    "cancellarlo con --prune"},
        [D_STALE_DOC] = {DIAG_WARNING, "'%s' è un documento di '%s' che la seduta non scrive "
                                       "più (un atto tolto o rinumerato, o la resa senza --atti "
                                       "o --copia): cancellarlo con --prune"},
        [D_PRUNED_DOC] = {DIAG_NOTE, "cancellato '%s', un documento di '%s' che la seduta non "
                                     "scrive più"},
        [D_DECLARED_WARN] = {DIAG_WARNING, "'%s' dichiarato %s, dal calcolo %s: il verbale "
                                           "riporta le cifre calcolate e, in nota, quelle "
                                           "dichiarate"},
        [D_PARERE_CONTABILE] = {DIAG_WARNING, "manca il parere di regolarità contabile (art. 49 "
                                              "TUEL) per una deliberazione con 'contabile: true': "
                                              "aggiungerlo in 'pareri'"},
        [D_MORE_ERRORS] = {DIAG_ERROR, "altri %zu errori non mostrati"},
        [D_MORE_WARNINGS] = {DIAG_WARNING, "altri %zu avvisi non mostrati"},
        [D_ONE_MORE_ERROR] = {DIAG_ERROR, "un altro errore non mostrato"},
        [D_ONE_MORE_WARNING] = {DIAG_WARNING, "un altro avviso non mostrato"},
        [D_REF_SWAPPED] = {DIAG_NOTE, "'%s' è letto come '%s', con il cognome prima del nome: "
                                      "il verbale scrive il nome com'è in 'componenti'"},
        [D_PRUNED] = {DIAG_NOTE, "cancellato '%s', il verbale di '%s', che non è più "
                                 "nell'archivio"},
        [D_USAGE] = {DIAG_USAGE, "%s"},
        [D_TEMPLATES_BAD] = {DIAG_ERROR, "'%s' non è una cartella di modelli: manca "
                                         "verbale.mustache"},
        [D_NEW_EXISTS] = {DIAG_ERROR, "'%s' esiste già: non viene sovrascritto; indicare un altro "
                                      "nome"},
        [D_READ] = {DIAG_SYSTEM, "impossibile leggere '%s': %s"},
        [D_WRITE] = {DIAG_SYSTEM, "impossibile scrivere '%s': %s"},
        [D_STDOUT] = {DIAG_SYSTEM, "impossibile scrivere l'output: %s"},
        [D_CREATE] = {DIAG_SYSTEM, "impossibile creare '%s': %s"},
        [D_TEMPLATES_NONE] = {DIAG_SYSTEM, "cartella dei modelli non trovata accanto al programma "
                                           "né in ../share/verbale/templates: reinstallare "
                                           "verbale o indicare --template DIR"},
        [D_NEW_SCAFFOLD] = {DIAG_SYSTEM, "manca '%s', il modello di una nuova seduta: reinstallare "
                                         "verbale o copiarlo nella cartella dei modelli"},
        [D_WATCH_DIR] = {DIAG_WARNING, "impossibile sorvegliare '%s': %s"},
        [D_INTERNAL] = {DIAG_SYSTEM, "errore interno: %s"},
        [D_FONT_MISSING] = {DIAG_SYSTEM, "carattere '%s' non trovato: installare il pacchetto %s"},
        [D_WORKER] = {DIAG_SYSTEM, "il lavoro su '%s' si è interrotto: %s"},
        [D_DELETE] = {DIAG_SYSTEM, "impossibile cancellare '%s': %s"},
        [D_SERVE_PORT] = {DIAG_SYSTEM, "impossibile servire l'anteprima sulla porta %u di "
                                       "127.0.0.1: %s; sceglierne un'altra con --serve"},
        [D_PDF] = {DIAG_SYSTEM, "libharu non ha potuto scrivere il PDF (errore 0x%04lX, dettaglio "
                                "%lu)"},
};

static const char *const level_names[DIAG_LEVEL_MAX] = {
        "nota", "avviso", "errore", "errore", "errore",
};

void
diags_init(struct diags *d, FILE *out)
{
	memset(d, 0, sizeof(*d));
	d->out = out;
	d->worst = DIAG_NOTE;
}

void
diags_clear(struct diags *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++) {
		free((char *)d->v[i].pos.file);
		free(d->v[i].msg);
		free((char *)d->v[i].note_pos.file);
		free(d->v[i].note);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->cap = d->flushed = d->errors = 0;
}

static struct pos
pos_copy(const struct pos *p)
{
	struct pos c = {NULL, 0, 0};

	if (p != NULL) {
		c = *p;
		c.file = p->file ? xstrdup(p->file) : NULL;
	}
	return c;
}

static void
report(struct diags *d, enum diag_id id, const struct pos *pos, va_list ap)
{
	struct diag *g;

	d->v = xgrow(d->v, &d->cap, d->n + 1, sizeof(*d->v));
	g = &d->v[d->n];
	memset(g, 0, sizeof(*g));
	g->id = id;
	g->level = catalogue[id].level;
	g->pos = pos_copy(pos);
	g->seq = d->n++;
	g->msg = xvasprintf(catalogue[id].fmt, ap);
	if (g->level > d->worst)
		d->worst = g->level;
	if (g->level >= DIAG_ERROR)
		d->errors++;
}

void
diag_report(struct diags *d, enum diag_id id, const struct pos *pos, ...)
{
	va_list ap;

	va_start(ap, pos);
	report(d, id, pos, ap);
	va_end(ap);
}

int
diag_say(FILE *out, enum diag_id id, ...)
{
	struct diags d;
	va_list ap;
	int status;

	diags_init(&d, out);
	va_start(ap, id);
	report(&d, id, NULL, ap);
	va_end(ap);
	diags_flush(&d);
	status = diags_status(&d);
	diags_clear(&d);
	return status;
}

void
diag_add(struct diags *d, enum diag_id id, enum diag_level level, const struct pos *pos,
         const char *msg)
{
	struct diag *g;

	d->v = xgrow(d->v, &d->cap, d->n + 1, sizeof(*d->v));
	g = &d->v[d->n];
	memset(g, 0, sizeof(*g));
	g->id = id;
	g->level = level;
	g->pos = pos_copy(pos);
	g->seq = d->n++;
	g->msg = xstrdup(msg);
	if (g->level > d->worst)
		d->worst = g->level;
	if (g->level >= DIAG_ERROR)
		d->errors++;
}

/* Whether two positions name the same place (files compared by name). */
static bool
pos_equal(const struct pos *a, const struct pos *b)
{
	return a->line == b->line && a->col == b->col &&
	       (a->file == b->file || (a->file && b->file && strcmp(a->file, b->file) == 0));
}

/* A report's hash for diags_merge: its id, line, column and text. */
static unsigned long long
diag_key(const struct diag *g)
{
	unsigned long long h = util_hash_value(UTIL_HASH_INIT, (unsigned long long)g->id);

	h = util_hash_value(h, (unsigned long long)g->pos.line);
	h = util_hash_value(h, (unsigned long long)g->pos.col);
	return util_hash(h, g->msg, strlen(g->msg));
}

void
diags_merge(struct diags *d, const struct diags *from)
{
	size_t cap = 16, n = d->n, i, k;
	size_t *slot; /* open addressing over diag_key: 1 + the index of a report of d, or 0 */

	if (from->n == 0)
		return;
	while (cap < 2 * (n + from->n))
		cap *= 2;
	slot = xcalloc(cap, sizeof(*slot));
	for (i = 0; i < n; i++) {
		for (k = (size_t)diag_key(&d->v[i]) & (cap - 1); slot[k] != 0;
		     k = (k + 1) & (cap - 1))
			;
		slot[k] = i + 1;
	}
	for (i = 0; i < from->n; i++) {
		const struct diag *g = &from->v[i];

		for (k = (size_t)diag_key(g) & (cap - 1); slot[k] != 0; k = (k + 1) & (cap - 1)) {
			const struct diag *h = &d->v[slot[k] - 1];

			if (h->id == g->id && pos_equal(&h->pos, &g->pos) &&
			    strcmp(h->msg, g->msg) == 0)
				break;
		}
		if (slot[k] != 0)
			continue; /* d has it */
		diag_add(d, g->id, g->level, &g->pos, g->msg);
		if (g->note != NULL)
			diag_note(d, &g->note_pos, "%s", g->note);
		slot[k] = d->n;
	}
	free(slot);
}

void
diag_note(struct diags *d, const struct pos *pos, const char *fmt, ...)
{
	struct diag *g;
	va_list ap;

	if (d->n == 0)
		return;
	g = &d->v[d->n - 1];
	free((char *)g->note_pos.file);
	free(g->note);
	g->note_pos = pos_copy(pos);
	va_start(ap, fmt);
	g->note = xvasprintf(fmt, ap);
	va_end(ap);
}

static bool
is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

char *
diag_escape(const char *s)
{
	struct buf b = {0};
	size_t len = strlen(s), i, n;
	uint32_t cp = 0;

	for (i = 0; i < len; i += n)
		if ((n = text_utf8_decode(s + i, len - i, &cp)) == 0 || is_control(cp))
			break;
	if (i == len)
		return NULL; /* the common case: nothing to escape */
	buf_add(&b, s, i);
	for (; i < len; i += n) {
		if ((n = text_utf8_decode(s + i, len - i, &cp)) == 0) {
			buf_printf(&b, "\\x%02x", (unsigned char)s[i]); /* not UTF-8: the byte */
			n = 1;
		} else if (is_control(cp))
			buf_printf(&b, "\\x%02x", (unsigned)cp);
		else
			buf_add(&b, s + i, n);
	}
	return buf_detach(&b);
}

char *
diag_quote(const char *s)
{
	size_t n = strlen(s), cut = n;

	if (n > DIAG_QUOTE_MAX) {
		cut = DIAG_QUOTE_MAX;
		while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--; /* after a whole character */
	}
	return xasprintf("%.*s%s", (int)cut, s, cut < n ? "…" : "");
}

static void
print_plain(FILE *out, const struct pos *p, const char *level, const char *msg)
{
	if (p->file == NULL)
		fprintf(out, "verbale: %s: %s\n", level, msg);
	else if (p->line == 0)
		fprintf(out, "%s: %s: %s\n", p->file, level, msg);
	else
		fprintf(out, "%s:%u:%u: %s: %s\n", p->file, p->line, p->col, level, msg);
}

/* Every line goes through here: the file name and the text may quote the user's input. */
static void
print_line(FILE *out, const struct pos *pos, const char *level, const char *text)
{
	char *file = pos->file ? diag_escape(pos->file) : NULL, *msg = diag_escape(text);
	struct pos q = *pos;

	if (file != NULL)
		q.file = file;
	print_plain(out, &q, level, msg ? msg : text);
	free(file);
	free(msg);
}

void
diag_print(FILE *out, const struct diag *g)
{
	print_line(out, &g->pos, level_names[g->level], g->msg);
	if (g->note != NULL)
		print_line(out, g->note_pos.file ? &g->note_pos : &g->pos, "nota", g->note);
}

static int
by_position(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int c;

	if (x->pos.file != NULL && y->pos.file != NULL &&
	    (c = strcmp(x->pos.file, y->pos.file)) != 0)
		return c;
	if (x->pos.line != y->pos.line)
		return x->pos.line < y->pos.line ? -1 : 1;
	if (x->pos.col != y->pos.col)
		return x->pos.col < y->pos.col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Print "FILE: livello: altri N ... non mostrati" (errors, else warnings), or "un altro ..."
 * when n is 1. */
static void
print_more(FILE *out, const char *file, bool errors, size_t n)
{
	struct diags tmp;
	struct pos p = {file, 0, 0};
	enum diag_id id = errors ? (n == 1 ? D_ONE_MORE_ERROR : D_MORE_ERRORS)
	                         : (n == 1 ? D_ONE_MORE_WARNING : D_MORE_WARNINGS);

	diags_init(&tmp, NULL);
	diag_report(&tmp, id, &p, n);
	diag_print(out, &tmp.v[0]);
	diags_clear(&tmp);
}

static bool
same_file(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/*
 * Print v[from..to), the reports of one file, at most DIAG_SHOWN errors and DIAG_SHOWN
 * warnings of them, each cap followed by the count of what it left out. (A file with 10,000
 * errors would take seconds to print and bury the first ones, which are the ones to fix.)
 */
static void
print_file(FILE *out, const struct diag *v, size_t from, size_t to)
{
	size_t i, errors = 0, warnings = 0;
	const char *file = v[from].pos.file;

	for (i = from; i < to; i++) {
		const struct diag *g = &v[i];

		if (file != NULL && g->level >= DIAG_ERROR && errors++ >= DIAG_SHOWN)
			continue;
		if (file != NULL && g->level == DIAG_WARNING && warnings++ >= DIAG_SHOWN)
			continue;
		diag_print(out, g);
	}
	if (errors > DIAG_SHOWN)
		print_more(out, file, true, errors - DIAG_SHOWN);
	if (warnings > DIAG_SHOWN)
		print_more(out, file, false, warnings - DIAG_SHOWN);
}

void
diags_flush(struct diags *d)
{
	size_t i, from;

	if (d->n == d->flushed)
		return;
	qsort(d->v + d->flushed, d->n - d->flushed, sizeof(*d->v), by_position);
	if (d->out != NULL) {
		for (from = i = d->flushed; i <= d->n; i++) {
			if (i < d->n && same_file(d->v[i].pos.file, d->v[from].pos.file))
				continue;
			print_file(d->out, d->v, from, i);
			from = i;
		}
		fflush(d->out);
	}
	d->flushed = d->n;
}

int
diag_level_status(enum diag_level level)
{
	switch (level) {
	case DIAG_ERROR: return 1;
	case DIAG_USAGE: return 2;
	case DIAG_SYSTEM: return 3;
	default: return 0;
	}
}

int
diags_status(const struct diags *d)
{
	return diag_level_status(d->worst);
}

const char *
diag_format(enum diag_id id)
{
	return catalogue[id].fmt;
}

const char *
diag_level_name(enum diag_level level)
{
	return level_names[level];
}
