/*
 * italian.h: how Italian minutes write things: numbers in words, dates and times, names,
 * upper case, sorting by Italian collation, singular and plural. Pure functions; results are
 * appended to a caller's buffer.
 */
#ifndef VERBALE_ITALIAN_H
#define VERBALE_ITALIAN_H

#include <stdbool.h>

#include "util.h"

/* n in words, 0 to 999,999,999: 0 "zero", 21 "ventuno", 23 "ventitré", 108 "centootto",
 * 1000 "mille", 2022 "duemilaventidue", 1000000 "un milione". Outside the range: digits. */
void it_number_words(long n, struct buf *out);
/* "gennaio" ... "dicembre" for 1..12, "" otherwise. */
const char *it_month(int m);
/* "23 febbraio 2022"; the first of the month as "1° marzo 2022". */
void it_date(int y, int m, int d, struct buf *out);
/* The date after "di" with its article: "del 17 febbraio 2022", "dell'8 marzo 2024". */
void it_date_of(int y, int m, int d, struct buf *out);
/* A date known only to the month (m > 0: "novembre 2020") or the year (m == 0: "2020"). */
void it_period(int y, int m, struct buf *out);
/* "del novembre 2020", "del 2020". */
void it_period_of(int y, int m, struct buf *out);
/* An ISO 8601 date, whole (AAAA-MM-GG) or of a month (AAAA-MM) or a year (AAAA), in words;
 * nothing when it is none of these. */
void it_date_iso(const char *iso, struct buf *out);
/* The date with its article, after a verb: "il 7 marzo 2024", "l'8 marzo 2024". */
void it_date_on(int y, int m, int d, struct buf *out);
/* "da" joined to who and its article: "il Responsabile" -> "dal Responsabile", "l'Ufficio" ->
 * "dall'Ufficio"; with no article, "da Mario Rossi". */
void it_from(const char *who, struct buf *out);
/* "16,00": hours and minutes as the minutes write them. */
void it_time(int h, int m, struct buf *out);
/* Where the sitting was held, after the verb: "in Sala consiliare", or the place as written
 * when it starts with a preposition ("nella Sala del Consiglio", "presso il Municipio"), so
 * that the minutes never say "in nella" or "in in". */
void it_place(const char *luogo, struct buf *out);
/* Upper case of UTF-8 text, accented Latin letters included ("d'Agostino" -> "D'AGOSTINO",
 * "Nicolò" -> "NICOLÒ"). */
void it_upper(const char *s, struct buf *out);
/* "Stefano LO RUSSO": the first name as written, the surname in upper case (the roll call). */
void it_name_roll(const char *nome, const char *cognome, struct buf *out);
/*
 * Italian collation of two names or words: case, accents, apostrophes, spaces and hyphens
 * ignored ("D'Agostino" sorts as "Dagostino", "Lo Russo" as "Lorusso"); equal keys are ordered
 * by the folded text and then by bytes, so the order is total. Returns <0, 0 or >0.
 */
int it_collate(const char *a, const char *b);
/*
 * Sort v[0..n), indices into cognomi and nomi (a NULL entry reads as ""), by surname, then by
 * first name, each by it_collate, then by index, so that full ties keep the order of the
 * indices. Every name's collation key is computed once: O(n log n), not a comparison's
 * allocations each time.
 */
void it_sort_names(const char *const *cognomi, const char *const *nomi, size_t *v, size_t n);
/*
 * The definite article of a body's name, from its first word: "il" (Consiglio), "lo" (before
 * s and a consonant, z, x, y, gn, ps, pn: Staff), "la" (Giunta), "l'" (before a vowel:
 * Assemblea, Ufficio). A word ending in -a is feminine (but for a few: sistema, programma,
 * ...), one ending in -ione, -ice, -tà or -tù too, any other masculine.
 */
const char *it_article(const char *name);
/* Whether a body's name is feminine, by the same rule ("la Giunta si è riunita"). */
bool it_is_feminine(const char *name);
/*
 * The definite article of a person's title, by the title's first word and the person's (or
 * group's) gender and number: il Consigliere, lo Staff, l'Assessore, la Sindaca, l'Assessora;
 * i Consiglieri, gli Assessori, le Consigliere.
 */
const char *it_article_for(const char *word, bool feminine, bool plural);
/*
 * A title in the gender and number asked, when its first word is a known title (Consigliere,
 * Assessore, Sindaco, Vicesindaco, Segretario, Vicesegretario, Commissario, Delegato,
 * Presidente, Vicepresidente, componente, in any of their four forms): "Sindaco
 * metropolitano" feminine "Sindaca metropolitana", "Segretario generale" plural "Segretari
 * generali"; the adjectives after it agree up to a preposition or a capital ("Presidente del
 * Consiglio"). Any other title is written as it is.
 */
void it_title(const char *title, bool feminine, bool plural, struct buf *out);
/* Whether a title is a known title's feminine form (Consigliera, Assessora, Sindaca,
 * Vicesindaca, Segretaria, ...): the person is a woman. "Presidente" says nothing. */
bool it_title_is_feminine(const char *title);
/* The gender a title as written asks of its article: a known title's own (a woman may keep
 * "il Sindaco"), else the person's, feminine (Presidente, or a title not known). */
bool it_title_reads_feminine(const char *title, bool feminine);
/* "di" joined with a definite article: il "del", lo "dello", l' "dell'", la "della", i "dei",
 * gli "degli", le "delle"; "di" for anything else. */
const char *it_of_article(const char *article);
/* The article (or preposition) art before word: a space between them, none after an elision
 * ("il Sindaco", "l'Assessore", "dell'Ufficio"). */
void it_join_article(const char *art, const char *word, struct buf *out);
/* name after its article: "il Consiglio metropolitano", "l'Assemblea dei sindaci". */
void it_with_article(const char *name, struct buf *out);
/* sing when n == 1, else plur. */
const char *it_plural(long n, const char *sing, const char *plur);

#endif
