/* ytree.c: libyaml events -> a tree of scalars, sequences and mappings, with positions. */
#include "ytree.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "diag.h"
#include "text.h"
#include "util.h"

/* libyaml's messages, in Italian. Unlisted ones are quoted as they are. */
static const char *const problems[][2] = {
        {"did not find expected key", "manca una chiave dove è atteso 'chiave: valore' "
                                      "(indentazione sbagliata?)"},
        {"did not find expected node content", "manca un valore"},
        {"did not find expected '-' indicator", "atteso un elemento di lista '- ' (indentazione "
                                                "sbagliata?)"},
        {"did not find expected ',' or ']'", "manca ',' o ']' in una lista tra parentesi"},
        {"did not find expected ',' or '}'", "manca ',' o '}' in una mappa tra graffe"},
        {"could not find expected ':'", "manca ':' dopo una chiave"},
        {"mapping values are not allowed in this context",
         "':' non ammesso qui: racchiudere il testo tra virgolette"},
        {"block sequence entries are not allowed in this context",
         "un elemento di lista '- ' non è ammesso qui (indentazione sbagliata?)"},
        {"found character that cannot start any token",
         "carattere non ammesso all'inizio di un valore: racchiudere il testo tra virgolette"},
        {"found a tab character that violates indentation",
         "tabulazione nell'indentazione: indentare con spazi"},
        {"found a tab character where an indentation space is expected",
         "tabulazione nell'indentazione: indentare con spazi"},
        {"found unexpected end of stream", "il file finisce prima di chiudere un valore"},
        {"found unexpected ':'", "':' inatteso: racchiudere il testo tra virgolette"},
        {"found undefined alias", "alias non definito"},
        {"found unknown escape character", "sequenza di escape sconosciuta tra virgolette doppie"},
        {"found unexpected document indicator", "indicatore di documento ('---' o '...') inatteso"},
        {"control characters are not allowed", "caratteri di controllo non ammessi"},
        {"found duplicate anchor; first occurrence", "ancora ripetuta"},
        {"did not find expected comment or line break", "atteso un commento o un a capo"},
        {"did not find expected whitespace or line break", "atteso uno spazio o un a capo"},
        {"expected <document start>", "atteso l'inizio del documento ('---')"},
        {"did not find expected <document start>", "atteso l'inizio del documento ('---')"},
        {"found incompatible YAML document", "versione YAML incompatibile"},
        {"mapping keys are not allowed in this context", "chiave di mappa non ammessa qui"},
        {"found an incorrect leading UTF-8 octet", "byte UTF-8 iniziale non valido"},
        {"found an incorrect trailing UTF-8 octet", "byte UTF-8 di continuazione non valido"},
        {"invalid leading UTF-8 octet", "byte UTF-8 iniziale non valido"},
        {"invalid trailing UTF-8 octet", "byte UTF-8 di continuazione non valido"},
        {"incomplete UTF-8 octet sequence", "sequenza UTF-8 incompleta"},
        {"invalid Unicode character", "carattere Unicode non valido"},
        {"invalid length of a UTF-8 sequence", "sequenza UTF-8 di lunghezza non valida"},
};

static const char *const contexts[][2] = {
        {"while parsing a block mapping", "nella mappa che inizia qui"},
        {"while parsing a block collection", "nella lista che inizia qui"},
        {"while parsing a flow sequence", "nella lista tra parentesi che inizia qui"},
        {"while parsing a flow mapping", "nella mappa tra graffe che inizia qui"},
        {"while scanning a simple key", "nella chiave che inizia qui"},
        {"while scanning a quoted scalar", "nel testo tra virgolette che inizia qui"},
        {"while scanning a plain scalar", "nel testo che inizia qui"},
        {"while scanning a block scalar", "nel blocco di testo che inizia qui"},
        {"while parsing a block node", "nel valore che inizia qui"},
        {"while parsing a flow node", "nel valore che inizia qui"},
        {"while parsing a node", "nel valore che inizia qui"},
        {"while scanning an alias", "nell'alias che inizia qui"},
        {"while scanning an anchor", "nell'ancora che inizia qui"},
        {"while scanning a tag", "nel tag che inizia qui"},
};

static const char *
translate(const char *const table[][2], size_t n, const char *en)
{
	size_t i;

	if (en == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if (strcmp(table[i][0], en) == 0)
			return table[i][1];
	return NULL;
}

struct frame {
	struct ynode *node;
	struct ynode **kids;
	size_t n, cap;
	size_t anchor; /* 1 + the index of the anchor defined on node, 0 for none */
};

struct anchor {
	char *name;
	struct ynode *node;
	bool done;
	yaml_mark_t mark; /* where the node with the anchor begins (its '&') */
};

struct builder {
	const char *text;
	size_t len;
	const char *file;
	struct arena *a;
	struct diags *d;
	size_t *lines; /* byte offset of each line's start */
	size_t nlines, caplines;
	size_t last_line, last_col, last_off; /* the last mark that mark_offset found */
	struct frame stack[YTREE_MAX_DEPTH + 1];
	int depth;
	struct anchor *anchors;
	size_t nanchors, capanchors;
	size_t *slots;   /* open-addressing hash of anchor names: 1 + index into anchors, 0 empty */
	size_t nslots;   /* a power of two, at least twice the names in it */
	size_t nnames;   /* distinct names in slots */
	size_t aliased;  /* values added by aliases so far */
	size_t naliases; /* alias events so far */
	struct ynode *root;
	bool failed;
};

static void
index_lines(struct builder *b)
{
	size_t i;

	b->lines = xgrow(b->lines, &b->caplines, 1, sizeof(size_t));
	b->lines[b->nlines++] = 0;
	for (i = 0; i < b->len; i++) {
		if (b->text[i] == '\n' ||
		    (b->text[i] == '\r' && (i + 1 == b->len || b->text[i + 1] != '\n'))) {
			b->lines = xgrow(b->lines, &b->caplines, b->nlines + 1, sizeof(size_t));
			b->lines[b->nlines++] = i + 1;
		}
	}
}

/* The position of a byte offset: 1-based line, column in characters. */
static struct pos
offset_pos(const struct builder *b, size_t off)
{
	size_t lo = 0, hi = b->nlines;
	struct pos p;

	if (off > b->len)
		off = b->len;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (b->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	p.file = b->file;
	p.line = (unsigned)lo + 1;
	p.col = (unsigned)text_utf8_len(b->text + b->lines[lo], off - b->lines[lo]) + 1;
	return p;
}

/* The byte offset of a mark: its line's start plus its column in characters. Marks come in
 * order, so the walk goes on from the last mark when it is on the same line, before this one:
 * linear in the line's length, however many values the line holds. */
static size_t
mark_offset(struct builder *b, yaml_mark_t m)
{
	size_t off, col = 0;

	if (m.line >= b->nlines)
		return b->len;
	off = b->lines[m.line];
	if (b->last_line == m.line && b->last_col <= m.column && b->last_off >= off) {
		off = b->last_off;
		col = b->last_col;
	}
	for (; off < b->len && col < m.column; col++)
		text_utf8_next(b->text, b->len, &off);
	b->last_line = m.line;
	b->last_col = col;
	b->last_off = off;
	return off;
}

static struct pos
mark_pos(const struct builder *b, yaml_mark_t m)
{
	struct pos p = {b->file, (unsigned)m.line + 1, (unsigned)m.column + 1};

	return p;
}

/* For a block scalar starting at p (its | or > indicator): the first non-blank line after. */
static struct pos
block_content(const struct builder *b, struct pos p)
{
	size_t line = p.line; /* 0-based index of the line after the indicator */

	for (; line < b->nlines; line++) {
		size_t i = b->lines[line], end = line + 1 < b->nlines ? b->lines[line + 1] : b->len;
		size_t j = i;

		while (j < end && (b->text[j] == ' ' || b->text[j] == '\t'))
			j++;
		if (j < end && b->text[j] != '\n' && b->text[j] != '\r') {
			p.line = (unsigned)line + 1;
			p.col = (unsigned)(j - i) + 1;
			return p;
		}
	}
	return p;
}

static void
add_weight(size_t *w, size_t add)
{
	*w = (*w > SIZE_MAX - add) ? SIZE_MAX : *w + add;
}

static void
attach(struct builder *b, struct ynode *n)
{
	struct frame *f;

	if (b->depth == 0) {
		b->root = n;
		return;
	}
	f = &b->stack[b->depth - 1];
	f->kids = xgrow(f->kids, &f->cap, f->n + 1, sizeof(*f->kids));
	f->kids[f->n++] = n;
	add_weight(&f->node->weight, n->weight);
}

/* The slot of name in the hash: the one that holds it, or the empty one where it would go. */
static size_t *
anchor_slot(const struct builder *b, const char *name)
{
	size_t i = (size_t)util_hash_str(name) & (b->nslots - 1);

	while (b->slots[i] != 0 && strcmp(b->anchors[b->slots[i] - 1].name, name) != 0)
		i = (i + 1) & (b->nslots - 1);
	return &b->slots[i];
}

static void
grow_slots(struct builder *b)
{
	size_t *old = b->slots, nold = b->nslots, i;

	b->nslots = nold ? nold * 2 : 64;
	b->slots = xcalloc(b->nslots, sizeof(*b->slots));
	for (i = 0; i < nold; i++)
		if (old[i] != 0)
			*anchor_slot(b, b->anchors[old[i] - 1].name) = old[i];
	free(old);
}

/* Define an anchor on n and return 1 + its index; a name defined again means the latest. */
static size_t
define_anchor(struct builder *b, const yaml_char_t *name, struct ynode *n)
{
	size_t *slot;

	if (2 * (b->nnames + 1) > b->nslots)
		grow_slots(b);
	b->anchors = xgrow(b->anchors, &b->capanchors, b->nanchors + 1, sizeof(*b->anchors));
	b->anchors[b->nanchors].name = xstrdup((const char *)name);
	b->anchors[b->nanchors].node = n;
	b->anchors[b->nanchors].done = n->kind == YNODE_SCALAR;
	slot = anchor_slot(b, (const char *)name);
	if (*slot == 0)
		b->nnames++;
	*slot = ++b->nanchors;
	return b->nanchors;
}

static struct anchor *
find_anchor(const struct builder *b, const char *name)
{
	size_t *slot;

	if (b->nslots == 0)
		return NULL;
	slot = anchor_slot(b, name);
	return *slot ? &b->anchors[*slot - 1] : NULL;
}

static struct ynode *
new_node(struct builder *b, enum ynode_kind kind, yaml_mark_t m)
{
	struct ynode *n = arena_alloc(b->a, sizeof(*n));

	n->kind = kind;
	n->pos = n->content = mark_pos(b, m);
	n->weight = 1;
	return n;
}

/* A tag as written: "!!x" for the YAML types, the rest as libyaml gives it, control characters
 * as \xHH, cut at 60 bytes. */
static char *
tag_shown(const char *tag)
{
	static const char yaml_prefix[] = "tag:yaml.org,2002:";
	char *out = xmalloc(4 * 60 + 16), *o = out;
	size_t i = 0;

	if (strncmp(tag, yaml_prefix, sizeof(yaml_prefix) - 1) == 0) {
		*o++ = '!';
		*o++ = '!';
		tag += sizeof(yaml_prefix) - 1;
	} else if (tag[0] != '!') { /* written verbatim, !<...> */
		*o++ = '!';
		*o++ = '<';
	}
	for (; i < 60 && tag[i] != '\0'; i++) {
		unsigned char c = (unsigned char)tag[i];

		if (c < 0x20 || c == 0x7F)
			o += sprintf(o, "\\x%02X", c);
		else
			*o++ = (char)c;
	}
	if (tag[i] != '\0') {
		while (o > out && ((unsigned char)o[-1] & 0xC0) == 0x80) /* no cut character */
			o--;
		if (o > out && (unsigned char)o[-1] >= 0xC0)
			o--;
		o += sprintf(o, "...");
	}
	if (out[0] == '!' && out[1] == '<')
		*o++ = '>';
	*o = '\0';
	return out;
}

/* A scalar integer as YAML's core schema writes it in decimal. */
static bool
is_yaml_int(const char *s)
{
	return text_is_digits(s + (*s == '-' || *s == '+'));
}

/*
 * The tag of a value, if any: only the non-specific "!" and !!str (a string, never null),
 * !!int, !!bool and !!null on scalars that are one, !!seq on a sequence and !!map on a mapping.
 * Any other tag (!!binary, !custom) would be ignored: refuse it where it is written, and go on.
 */
static void
check_tag(struct builder *b, const char *tag, struct ynode *n, yaml_mark_t m)
{
	static const char core[] = "tag:yaml.org,2002:";
	const char *t, *want = NULL;
	struct pos at;
	char *shown;
	bool ok = false, known = true;

	if (tag == NULL)
		return;
	t = strncmp(tag, core, sizeof(core) - 1) == 0 ? tag + sizeof(core) - 1 : NULL;
	if (strcmp(tag, "!") == 0) {
		ok = true;
		n->plain = false;
	} else if (t == NULL)
		known = false;
	else if (strcmp(t, "seq") == 0)
		ok = n->kind == YNODE_SEQ;
	else if (strcmp(t, "map") == 0)
		ok = n->kind == YNODE_MAP;
	else if (strcmp(t, "str") != 0 && strcmp(t, "int") != 0 && strcmp(t, "bool") != 0 &&
	         strcmp(t, "null") != 0)
		known = false;
	else if (n->kind == YNODE_SCALAR) {
		ok = true;
		if (strcmp(t, "str") == 0)
			n->plain = false;
		else if (strcmp(t, "int") == 0) {
			want = "un numero intero";
			ok = is_yaml_int(n->s);
		} else if (strcmp(t, "bool") == 0) {
			want = "true o false";
			ok = strcmp(n->s, "true") == 0 || strcmp(n->s, "false") == 0 ||
			     strcmp(n->s, "True") == 0 || strcmp(n->s, "False") == 0 ||
			     strcmp(n->s, "TRUE") == 0 || strcmp(n->s, "FALSE") == 0;
		} else {
			want = "un valore vuoto (~ o null)";
			n->plain = true;
			ok = ytree_is_null(n);
		}
	}
	if (ok)
		return;
	at = mark_pos(b, m);
	shown = tag_shown(tag);
	if (!known)
		diag_report(b->d, D_TAG, &at, shown);
	else if (want != NULL)
		diag_report(b->d, D_TAG_VALUE, &at, shown, want);
	else
		diag_report(b->d, D_TAG_KIND, &at, shown,
		            n->kind == YNODE_SCALAR ? "un testo"
		            : n->kind == YNODE_SEQ  ? "una lista"
		                                    : "una mappa");
	free(shown);
}

/* Line l (0-based) of the text: its start and its end (before the newline). */
static void
line_span(const struct builder *b, size_t l, size_t *start, size_t *end)
{
	*start = b->lines[l];
	*end = l + 1 < b->nlines ? b->lines[l + 1] - 1 : b->len;
	if (*end > *start && b->text[*end - 1] == '\r')
		(*end)--;
}

/* Where line l's key begins (after its spaces and "- " marks), as a column from 0; false
 * for a blank line or a comment. */
static bool
line_key(const struct builder *b, size_t l, size_t *col)
{
	size_t i, end;

	line_span(b, l, &i, &end);
	*col = 0;
	for (; i < end; i++, (*col)++)
		if (b->text[i] == '-' && i + 1 < end && b->text[i + 1] == ' ')
			(*col)++, i++;
		else if (b->text[i] != ' ')
			break;
	return i < end && b->text[i] != '#';
}

/* Line l's key, its text up to ':' (at most 60 bytes), malloc'd; NULL when the line has no
 * "key: value" with a value on it (a scalar the next line may go on with). */
static char *
line_scalar_key(const struct builder *b, size_t l, bool need_value)
{
	size_t i, end, col, k;

	if (!line_key(b, l, &col))
		return NULL;
	line_span(b, l, &i, &end);
	i += strspn(b->text + i, " -");
	for (k = i; k < end && b->text[k] != ':'; k++)
		if (b->text[k] == '{' || b->text[k] == '[' || b->text[k] == '"' ||
		    b->text[k] == '\'')
			return NULL;
	if (k >= end || k == i || k - i > 60)
		return NULL;
	if (need_value) {
		size_t v = k + 1 + strspn(b->text + k + 1, " ");

		if (v >= end || strchr("#|>{[&*!", b->text[v]) != NULL)
			return NULL;
	}
	return xstrndup(b->text + i, k - i);
}

/*
 * libyaml's "mapping values are not allowed" on line l, when a key is out of line: the key
 * on l is indented more than the line above, "key: value", which libyaml reads as going on
 * with l; or the line above is the one out of line, indented less than the lines around it
 * (a key moved out of its mapping, the next lines read as its value's). True when it reported
 * which.
 */
static bool
indent_error(struct builder *b, size_t l)
{
	size_t cl, cp, cpp = 0, pl, ppl;
	bool has_pp = false;
	char *key;

	if (l >= b->nlines || !line_key(b, l, &cl))
		return false;
	for (pl = l; pl > 0 && !line_key(b, pl - 1, &cp); pl--)
		;
	if (pl == 0)
		return false;
	pl--;
	line_key(b, pl, &cp);
	for (ppl = pl; ppl > 0 && !(has_pp = line_key(b, ppl - 1, &cpp)); ppl--)
		;
	if (cl <= cp || (key = line_scalar_key(b, pl, true)) == NULL)
		return false;
	if (has_pp && cpp == cl) {
		struct pos at = {b->file, (unsigned)pl + 1, (unsigned)cp + 1};

		diag_report(b->d, D_YAML_INDENT_LESS, &at, key, (unsigned)cp, (unsigned)cl);
	} else {
		struct pos at = {b->file, (unsigned)l + 1, (unsigned)cl + 1};
		char *k = line_scalar_key(b, l, false);

		diag_report(b->d, D_YAML_INDENT_MORE, &at, k ? k : "la riga", (unsigned)cl,
		            (unsigned)cp);
		free(k);
	}
	free(key);
	return true;
}

/* The value that begins at mark m, up to the end of its line or a comment, as it would be
 * written between quotes: a malloc'd string. */
static char *
quoted_value(struct builder *b, yaml_mark_t m)
{
	size_t off = mark_offset(b, m), end = off, i;
	struct buf q = {0};
	bool dq;

	while (end < b->len && b->text[end] != '\n' && b->text[end] != '\r' &&
	       !(b->text[end] == '#' && end > off && b->text[end - 1] == ' '))
		end++;
	while (end > off && b->text[end - 1] == ' ')
		end--;
	dq = memchr(b->text + off, '"', end - off) == NULL &&
	     memchr(b->text + off, '\\', end - off) == NULL;
	buf_putc(&q, dq ? '"' : '\'');
	for (i = off; i < end; i++) {
		if (!dq && b->text[i] == '\'')
			buf_putc(&q, '\'');
		buf_putc(&q, b->text[i]);
	}
	buf_putc(&q, dq ? '"' : '\'');
	return buf_detach(&q);
}

/* A value that begins with '*' or '&' (c), not meant as YAML's alias or anchor, at mark m. */
static void
quote_error(struct builder *b, yaml_mark_t m, const char *c)
{
	struct pos at = mark_pos(b, m);
	char *q = quoted_value(b, m);

	diag_report(b->d, D_VALUE_QUOTE, &at, c, q);
	free(q);
}

static void
syntax_error(struct builder *b, const yaml_parser_t *p)
{
	const char *it = translate(problems, sizeof(problems) / sizeof(problems[0]), p->problem);
	const char *ctx = translate(contexts, sizeof(contexts) / sizeof(contexts[0]), p->context);
	char *msg;
	struct pos at;

	if (p->error == YAML_READER_ERROR) {
		at = offset_pos(b, p->problem_offset);
		if (p->problem_value >= 0 && p->problem_value <= 0xFF)
			msg = xasprintf("%s (byte 0x%02X)", it ? it : p->problem,
			                (unsigned)p->problem_value);
		else
			msg = xstrdup(it ? it : (p->problem ? p->problem : "errore di lettura"));
		diag_report(b->d, D_YAML_ENCODING, &at, msg);
		free(msg);
		return;
	}
	if (p->error == YAML_MEMORY_ERROR)
		util_out_of_memory();
	if (p->context != NULL && (strcmp(p->context, "while scanning an alias") == 0 ||
	                           strcmp(p->context, "while scanning an anchor") == 0)) {
		quote_error(b, p->context_mark,
		            strcmp(p->context, "while scanning an alias") == 0 ? "*" : "&");
		return;
	}
	if (p->problem != NULL &&
	    strcmp(p->problem, "mapping values are not allowed in this context") == 0 &&
	    indent_error(b, p->problem_mark.line))
		return;
	at = mark_pos(b, p->problem_mark);
	if (it != NULL)
		diag_report(b->d, D_YAML_SYNTAX, &at, it);
	else {
		msg = xasprintf("%s", p->problem ? p->problem : "errore sconosciuto");
		diag_report(b->d, D_YAML_SYNTAX, &at, msg);
		free(msg);
	}
	if (p->context != NULL) {
		struct pos cp = mark_pos(b, p->context_mark);

		diag_note(b->d, &cp, "%s", ctx ? ctx : p->context);
	}
}

/* A control character other than tab and newline, written as an escape ("\0", "\x1B"), would
 * cut a value short or hide text; a noncharacter (U+FDD0-FDEF, U+nFFFE, U+nFFFF) is not text
 * and breaks the PDF's XMP: refuse either where it is written, and go on. */
static void
check_controls(struct builder *b, const struct ynode *n)
{
	size_t i = 0, idx;

	for (idx = 0; i < n->len; idx++) {
		uint32_t cp = text_utf8_next(n->s, n->len, &i);

		if (cp != '\t' && cp != '\n' && (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))) {
			struct pos at = ytree_char_pos(b->text, b->len, n, idx);

			diag_report(b->d, D_CONTROL_CHAR, &at, (unsigned)cp);
			return;
		}
		if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
			struct pos at = ytree_char_pos(b->text, b->len, n, idx);

			diag_report(b->d, D_NONCHARACTER, &at, (unsigned)cp);
			return;
		}
	}
}

/* Handle one event; false stops the parse. */
static bool
on_event(struct builder *b, yaml_event_t *ev, int *docs)
{
	struct ynode *n;
	const yaml_char_t *anchor = NULL;

	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++*docs > 1) {
			struct pos p = mark_pos(b, ev->start_mark);

			diag_report(b->d, D_FILE_MULTIDOC, &p);
			return false;
		}
		return true;
	case YAML_ALIAS_EVENT: {
		struct anchor *an = find_anchor(b, (const char *)ev->data.alias.anchor);
		struct pos p = mark_pos(b, ev->start_mark);

		b->naliases++;
		if (an == NULL && b->nanchors == 0) /* no anchors: '*' begins a text */
			quote_error(b, ev->start_mark, "*");
		if (an == NULL) {
			if (b->nanchors > 0)
				diag_report(b->d, D_ALIAS_UNDEFINED, &p,
				            (const char *)ev->data.alias.anchor);
			return false;
		}
		if (!an->done) {
			diag_report(b->d, D_ALIAS_RECURSIVE, &p, an->name);
			return false;
		}
		add_weight(&b->aliased, an->node->weight);
		if (b->aliased > YTREE_MAX_ALIAS) {
			diag_report(b->d, D_ALIAS_TOO_BIG, &p, (int)YTREE_MAX_ALIAS);
			return false;
		}
		attach(b, an->node);
		return true;
	}
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.length > YTREE_MAX_STRING) {
			struct pos p = mark_pos(b, ev->start_mark);

			diag_report(b->d, D_STRING_LONG, &p, ev->data.scalar.length,
			            (size_t)YTREE_MAX_STRING);
			return false;
		}
		n = new_node(b, YNODE_SCALAR, ev->start_mark);
		n->len = ev->data.scalar.length;
		n->s = arena_strndup(b->a, (const char *)ev->data.scalar.value, n->len);
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		n->off = mark_offset(b, ev->start_mark);
		check_tag(b, (const char *)ev->data.scalar.tag, n, ev->start_mark);
		switch (ev->data.scalar.style) {
		case YAML_DOUBLE_QUOTED_SCALAR_STYLE: n->style = '"'; break;
		case YAML_SINGLE_QUOTED_SCALAR_STYLE: n->style = '\''; break;
		case YAML_LITERAL_SCALAR_STYLE:
		case YAML_FOLDED_SCALAR_STYLE:
			n->style = '|';
			n->content = block_content(b, n->pos);
			break;
		default: break;
		}
		check_controls(b, n);
		anchor = ev->data.scalar.anchor;
		if (anchor != NULL) {
			size_t k = define_anchor(b, anchor, n); /* it may move b->anchors */

			b->anchors[k - 1].mark = ev->start_mark;
		}
		attach(b, n);
		return true;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (b->depth >= YTREE_MAX_DEPTH) {
			struct pos p = mark_pos(b, ev->start_mark);

			diag_report(b->d, D_TOO_DEEP, &p, (int)YTREE_MAX_DEPTH);
			return false;
		}
		n = new_node(b, ev->type == YAML_SEQUENCE_START_EVENT ? YNODE_SEQ : YNODE_MAP,
		             ev->start_mark);
		anchor = ev->type == YAML_SEQUENCE_START_EVENT ? ev->data.sequence_start.anchor
		                                               : ev->data.mapping_start.anchor;
		check_tag(b,
		          (const char *)(ev->type == YAML_SEQUENCE_START_EVENT
		                                 ? ev->data.sequence_start.tag
		                                 : ev->data.mapping_start.tag),
		          n, ev->start_mark);
		b->stack[b->depth].anchor = anchor != NULL ? define_anchor(b, anchor, n) : 0;
		b->stack[b->depth].node = n;
		b->stack[b->depth].kids = NULL;
		b->stack[b->depth].n = b->stack[b->depth].cap = 0;
		b->depth++;
		return true;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT: {
		struct frame *f = &b->stack[--b->depth];

		n = f->node;
		n->n = f->n;
		n->kids = arena_array(b->a, f->n, sizeof(*n->kids));
		if (f->n)
			memcpy(n->kids, f->kids, f->n * sizeof(*n->kids));
		free(f->kids);
		f->kids = NULL;
		if (f->anchor != 0)
			b->anchors[f->anchor - 1].done = true;
		attach(b, n);
		return true;
	}
	default: return true;
	}
}

struct ynode *
ytree_parse(const char *text, size_t len, const char *file, struct arena *a, struct diags *d,
            bool *ok)
{
	struct builder b;
	yaml_parser_t p;
	yaml_event_t ev;
	int docs = 0;
	bool done = false;
	size_t bad, i;

	memset(&b, 0, sizeof(b));
	b.text = text;
	b.len = len;
	b.file = file;
	b.a = a;
	b.d = d;
	index_lines(&b);
	*ok = true;

	/* UTF-16, with a BOM (FF FE, FE FF) or without (a NUL in every other byte of the first
	 * two characters): libyaml would read it, with columns counted in bytes; refuse it at
	 * once, at line 1. */
	if (len >= 2 && (((unsigned char)text[0] == 0xFF && (unsigned char)text[1] == 0xFE) ||
	                 ((unsigned char)text[0] == 0xFE && (unsigned char)text[1] == 0xFF) ||
	                 (len >= 4 && (text[0] == 0) != (text[1] == 0) &&
	                  (text[0] == 0) == (text[2] == 0) && (text[1] == 0) == (text[3] == 0)))) {
		struct pos at = {file, 1, 1};

		diag_report(d, D_UTF16, &at);
		free(b.lines);
		*ok = false;
		return NULL;
	}
	/* otherwise say exactly where UTF-8 breaks */
	if (!text_utf8_valid(text, len, &bad)) {
		struct pos at = offset_pos(&b, bad);
		const char *enc = text_legacy_encoding(text, len);
		unsigned char c = (unsigned char)text[bad];

		if (enc != NULL) { /* Latin-1 or Windows-1252: name the character */
			struct buf ch = {0};

			text_utf8_put(&ch, text_cp1252(c));
			diag_report(d, D_ENCODING_LEGACY, &at, enc, c, ch.data);
			buf_free(&ch);
		} else {
			char *msg = xasprintf("byte 0x%02X non valido", c);

			diag_report(d, D_YAML_ENCODING, &at, msg);
			free(msg);
		}
		free(b.lines);
		*ok = false;
		return NULL;
	}

	if (!yaml_parser_initialize(&p))
		util_out_of_memory();
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			syntax_error(&b, &p);
			b.failed = true;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		if (!on_event(&b, &ev, &docs)) {
			b.failed = true;
			done = true;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	/* "&nome testo" in a file without aliases: an anchor nobody uses, that takes "&nome"
	 * out of the text; it was meant as text */
	for (i = 0; !b.failed && b.naliases == 0 && i < b.nanchors; i++)
		if (b.anchors[i].node->kind == YNODE_SCALAR) {
			quote_error(&b, b.anchors[i].mark, "&");
			b.failed = true;
		}
	for (i = 0; i < (size_t)b.depth; i++)
		free(b.stack[i].kids);
	for (i = 0; i < b.nanchors; i++)
		free(b.anchors[i].name);
	free(b.anchors);
	free(b.slots);
	free(b.lines);
	if (b.failed) {
		*ok = false;
		return NULL;
	}
	return b.root;
}

bool
ytree_is_null(const struct ynode *n)
{
	if (n == NULL)
		return true;
	if (n->kind != YNODE_SCALAR || !n->plain)
		return false;
	return n->len == 0 || strcmp(n->s, "~") == 0 || strcmp(n->s, "null") == 0 ||
	       strcmp(n->s, "Null") == 0 || strcmp(n->s, "NULL") == 0;
}

const struct ynode *
ytree_get(const struct ynode *map, const char *key)
{
	size_t i;

	if (map == NULL || map->kind != YNODE_MAP)
		return NULL;
	for (i = 0; i + 1 < map->n; i += 2)
		if (map->kids[i]->kind == YNODE_SCALAR && strcmp(map->kids[i]->s, key) == 0)
			return ytree_is_null(map->kids[i + 1]) ? NULL : map->kids[i + 1];
	return NULL;
}

/* Source bytes an escape takes after its backslash at t[0] (the letter and any digits). */
static size_t
escape_len(const char *t, size_t n)
{
	size_t k;

	if (n == 0)
		return 0;
	k = t[0] == 'x' ? 3 : t[0] == 'u' ? 5 : t[0] == 'U' ? 9 : 1;
	return k < n ? k : n;
}

struct pos
ytree_char_pos(const char *text, size_t len, const struct ynode *n, size_t k)
{
	struct pos p = n->pos;
	size_t i = n->off, c = 0;

	if (n->kind != YNODE_SCALAR || n->style == '|' || text == NULL || i >= len)
		return n->content;
	if (n->style != 0) {
		i++;
		p.col++;
	}
	while (i < len && c < k) {
		size_t step = 1;
		uint32_t cp;

		if (text[i] == '\n' || text[i] == '\r')
			return n->pos; /* a folded value: its start is as near as it gets */
		if (n->style == '"' && text[i] == '\\')
			step = 1 + escape_len(text + i + 1, len - i - 1);
		else if (n->style == '\'' && text[i] == '\'' && i + 1 < len && text[i + 1] == '\'')
			step = 2;
		else if ((step = text_utf8_decode(text + i, len - i, &cp)) == 0)
			step = 1;
		/* a column a character: an escape is as wide as it is written */
		p.col += (unsigned)((unsigned char)text[i] < 0x80 ? step : 1);
		i += step;
		c++;
	}
	return p;
}
