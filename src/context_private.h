/*
 * context_private.h: what context.c and context_vote.c share, and nothing else includes: the
 * builder's state (struct ctx) and its helpers, each named ctx_. context.c builds the sitting,
 * its members and its acts; context_vote.c a vote's fields.
 */
#ifndef VERBALE_CONTEXT_PRIVATE_H
#define VERBALE_CONTEXT_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "rules.h"
#include "tval.h"
#include "util.h"

/* How many levels the headings of Markdown fields move down: an act's text, discussion and
 * operative points below the act's title (level 2) and the body's name (3); an annex's text
 * below the annex's title (2). */
enum { ACT_DEMOTE = 3, ANNEX_DEMOTE = 2 };

/*
 * Values that many places share rather than copy, so that a sitting of many votes and many
 * members costs memory in proportion to its size, not to votes x members: the keys (literals,
 * borrowed, and one array of them for all the votes), null, true, false and the empty list,
 * the counts up to the number of members, and each member's fields, built once and then an
 * item of every list that names the member. So a value here is never written once it is set:
 * a key gets a new value, not a changed one.
 */
struct ctx {
	const struct session *s;
	struct arena *a;
	bool *shared; /* per member: another member has the same surname */
	bool *present;
	enum cast *cast;
	size_t *order;        /* the members sorted by surname and name (Italian collation) */
	struct tval **member; /* per member: its fields, or NULL before they are needed */
	struct tval *null, *yes, *no, *empty; /* in the arena, as every shared value */
	struct tval *last_vote, *last_member; /* made before: the next shares their keys */
	struct tval *digits, *words; /* counts 0..ncounts-1: "3" and "tre", or null before use */
	size_t ncounts;
	const char *majority_key[MAJ_MAX]; /* "maggioranza_assoluta", ... */
};

/* --- context.c: the helpers (every key given to them is a literal, borrowed for as long as
 * the arena) ------------------------------------------------------------------------------ */

/* key: the string s (copied), or null when s is NULL. */
void ctx_put_str(struct ctx *c, struct tval *map, const char *key, const char *s);
/* key: b's text (empty when b has none); b is freed. */
void ctx_put_buf(struct ctx *c, struct tval *map, const char *key, struct buf *b);
/* key: a Markdown field, closed and indented so that it embeds safely (markdown_field),
 * its headings demoted by demote levels and its lines indented by indent columns. */
void ctx_put_md(struct ctx *c, struct tval *map, const char *key, const char *md, int demote,
                int indent);
/* key: the shared true or false. */
void ctx_put_bool(struct ctx *c, struct tval *map, const char *key, bool b);
/* A count n: its digits under key, its words under key_words, key_one when it is 1 and
 * key_none when it is 0 (put_count below names them). */
void ctx_put_count4(struct ctx *c, struct tval *map, long n, const char *key, const char *key_words,
                    const char *key_one, const char *key_none);
/* A new empty list under key, returned. */
struct tval *ctx_new_list(struct ctx *c, struct tval *map, const char *key);
/* A new empty map under key of parent, returned. */
struct tval *ctx_new_map(struct ctx *c, struct tval *parent, const char *key);
/* A new empty map appended to list, returned. */
struct tval *ctx_push_map(struct ctx *c, struct tval *list);
/* A member's fields (README.md: nome, cognome, appello, titolo, ...) into map m. */
void ctx_member_fields(struct ctx *c, struct tval *m, const struct member *p);
/* Member i's fields, made once and shared by every list that names the member. */
struct tval *ctx_member_map(struct ctx *c, size_t i);
/* The members whose cast is k (c->cast), sorted by surname and name, under key, and
 * key_any when there are any (member_list below names them). */
void ctx_member_list2(struct ctx *c, struct tval *map, enum cast k, const char *key,
                      const char *key_any);

/* A count: its digits under key, its words under key_lettere, key_uno when it is 1 and
 * key_nessuno when it is 0 (key a literal). */
#define put_count(c, map, key, n)                                                                  \
	ctx_put_count4(c, map, n, key, key "_lettere", key "_uno", key "_nessuno")

/* The members whose cast is k, sorted by surname and name, under key, and key_elencati
 * when there are any (key a literal). */
#define member_list(c, map, key, k) ctx_member_list2(c, map, k, key, key "_elencati")

/* --- context_vote.c ------------------------------------------------------------------------ */

/* Members entering or leaving in the gap before vote seq (seq nvotes + 1: after the last),
 * under enter and leave; whether there are any (gap_moves below names the keys). */
bool ctx_gap_moves2(struct ctx *c, struct tval *v, unsigned seq, const char *enter,
                    const char *leave);
/* Members entering or leaving just before vote seq (in the gap before it), under
 * entrano_KEY and escono_KEY (entrano_prima, entrano_dopo: key a literal). */
#define gap_moves(c, v, key, seq) ctx_gap_moves2(c, v, seq, "entrano_" key, "escono_" key)
/* Who takes the chair before vote seq, under key (null when nobody does). */
void ctx_presidency_fields(struct ctx *c, struct tval *v, const char *key, unsigned seq);
/* Vote vt of act a as template data into map v (README.md: "Una votazione"); fonte cites the
 * rules. */
void ctx_vote_fields(struct ctx *c, struct tval *v, const struct act *a, const struct vote *vt,
                     const char *fonte);

#endif
