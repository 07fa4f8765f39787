/* load.c: libyaml events -> position-carrying tree -> session model. */
#include "load.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "text.h"
#include "typeset.h"
#include "util.h"

/* ------------------------------------------------------------------------------------------ */
/* Layer 1: events -> tree                                                                    */
/* ------------------------------------------------------------------------------------------ */

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
	struct frame stack[LOAD_MAX_DEPTH + 1];
	int depth;
	struct anchor *anchors;
	size_t nanchors, capanchors;
	size_t *slots;  /* open-addressing hash of anchor names: 1 + index into anchors, 0 empty */
	size_t nslots;  /* a power of two, at least twice the names in it */
	size_t nnames;  /* distinct names in slots */
	size_t aliased; /* values added by aliases so far */
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

static size_t
anchor_hash(const char *name)
{
	size_t h = 2166136261u; /* FNV-1a */

	for (; *name; name++)
		h = (h ^ (unsigned char)*name) * 16777619u;
	return h;
}

/* The slot of name in the hash: the one that holds it, or the empty one where it would go. */
static size_t *
anchor_slot(const struct builder *b, const char *name)
{
	size_t i = anchor_hash(name) & (b->nslots - 1);

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

static bool
is_digits(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* A scalar integer as YAML's core schema writes it in decimal. */
static bool
is_yaml_int(const char *s)
{
	return is_digits(s + (*s == '-' || *s == '+'));
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
			ok = load_is_null(n);
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
			struct pos at = load_char_pos(b->text, b->len, n, idx);

			diag_report(b->d, D_CONTROL_CHAR, &at, (unsigned)cp);
			return;
		}
		if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
			struct pos at = load_char_pos(b->text, b->len, n, idx);

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

		if (an == NULL) {
			diag_report(b->d, D_ALIAS_UNDEFINED, &p,
			            (const char *)ev->data.alias.anchor);
			return false;
		}
		if (!an->done) {
			diag_report(b->d, D_ALIAS_RECURSIVE, &p, an->name);
			return false;
		}
		add_weight(&b->aliased, an->node->weight);
		if (b->aliased > LOAD_MAX_ALIAS) {
			diag_report(b->d, D_ALIAS_TOO_BIG, &p, (int)LOAD_MAX_ALIAS);
			return false;
		}
		attach(b, an->node);
		return true;
	}
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.length > LOAD_MAX_STRING) {
			struct pos p = mark_pos(b, ev->start_mark);

			diag_report(b->d, D_STRING_LONG, &p, ev->data.scalar.length,
			            (size_t)LOAD_MAX_STRING);
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
		if (anchor != NULL)
			define_anchor(b, anchor, n);
		attach(b, n);
		return true;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (b->depth >= LOAD_MAX_DEPTH) {
			struct pos p = mark_pos(b, ev->start_mark);

			diag_report(b->d, D_TOO_DEEP, &p, (int)LOAD_MAX_DEPTH);
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
load_yaml(const char *text, size_t len, const char *file, struct arena *a, struct diags *d,
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
		char *msg = xasprintf("byte 0x%02X non valido", (unsigned char)text[bad]);

		diag_report(d, D_YAML_ENCODING, &at, msg);
		free(msg);
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
load_is_null(const struct ynode *n)
{
	if (n == NULL)
		return true;
	if (n->kind != YNODE_SCALAR || !n->plain)
		return false;
	return n->len == 0 || strcmp(n->s, "~") == 0 || strcmp(n->s, "null") == 0 ||
	       strcmp(n->s, "Null") == 0 || strcmp(n->s, "NULL") == 0;
}

const struct ynode *
load_get(const struct ynode *map, const char *key)
{
	size_t i;

	if (map == NULL || map->kind != YNODE_MAP)
		return NULL;
	for (i = 0; i + 1 < map->n; i += 2)
		if (map->kids[i]->kind == YNODE_SCALAR && strcmp(map->kids[i]->s, key) == 0)
			return load_is_null(map->kids[i + 1]) ? NULL : map->kids[i + 1];
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
load_char_pos(const char *text, size_t len, const struct ynode *n, size_t k)
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

/* ------------------------------------------------------------------------------------------ */
/* Layer 2: tree -> session, driven by one schema table per mapping                           */
/* ------------------------------------------------------------------------------------------ */

struct loader {
	const char *text; /* the document the tree was parsed from, for positions inside values */
	size_t len;
	struct session *s;
	struct arena *a;
	struct diags *d;
	struct ref **refs; /* every member reference read, resolved at the end */
	size_t nrefs, caprefs;
};

enum ftype {
	F_STR,     /* struct str, one line of text */
	F_MD,      /* struct str, Markdown */
	F_INT,     /* struct num */
	F_BOOL,    /* bool */
	F_DATE,    /* struct date */
	F_TIME,    /* struct hm */
	F_ENUM,    /* an enum, aux: the names */
	F_REF,     /* struct ref */
	F_REFLIST, /* struct reflist */
	F_STRLIST, /* struct strlist */
	F_MAP,     /* a nested struct, aux: its schema */
	F_LIST,    /* a list of maps, aux: its struct listdef */
	F_LENGTH,  /* double: a length with its unit (pt, mm, cm) in points, aux: its range */
	F_CUSTOM   /* aux: a reader */
};

/* The points an F_LENGTH may have. */
struct range {
	double lo, hi;
};

enum {
	REQ = 1, /* the key must be there, with a value that is not empty */
	NAME = 2 /* F_STR: a person's name (checked as member references are) */
};

struct field {
	const char *key;
	enum ftype type;
	size_t off;
	unsigned flags;
	const void *aux;
};

struct schema {
	const struct field *f;
	size_t n;
};

typedef void reader_fn(struct loader *L, const struct ynode *n, void *dst, const char *key);

struct custom {
	reader_fn *read;
};

/* A list of maps stored as (pointer, count) at off and off_n of the parent. */
struct listdef {
	size_t size;     /* of one element */
	size_t off_n;    /* offset of the count in the parent */
	reader_fn *read; /* reads one element into dst */
	size_t max;      /* most elements */
	bool nonempty;
};

static const char *
kind_name(const struct ynode *n)
{
	if (n->kind == YNODE_SEQ)
		return "una lista";
	if (n->kind == YNODE_MAP)
		return "una mappa";
	return load_is_null(n) ? "un valore vuoto" : "un testo";
}

static void
type_error(struct loader *L, const struct ynode *n, const char *key, const char *want)
{
	diag_report(L->d, D_TYPE, &n->pos, key, want, kind_name(n));
}

/* The scalar text of n, or NULL after reporting that it is not one. */
static const char *
scalar(struct loader *L, const struct ynode *n, const char *key)
{
	if (n->kind != YNODE_SCALAR || load_is_null(n)) {
		type_error(L, n, key, "un testo");
		return NULL;
	}
	return n->s;
}

/* True when s[0..n) are n decimal digits. */
static bool
digits_n(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static bool
is_text(const struct field *f)
{
	return f->type == F_STR || f->type == F_MD || f->type == F_REF;
}

static bool
is_blank(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	return *s == '\0';
}

static bool
read_long(struct loader *L, const struct ynode *n, const char *key, long max, long *out)
{
	const char *s;
	long v = 0;

	if (n->kind != YNODE_SCALAR || load_is_null(n)) {
		type_error(L, n, key, "un numero intero");
		return false;
	}
	s = n->s;
	if (*s == '+')
		s++;
	if (!is_digits(s) || strlen(s) > 9 || (v = strtol(s, NULL, 10)) > max) {
		diag_report(L->d, D_INT, &n->pos, key, n->s, max);
		return false;
	}
	*out = v;
	return true;
}

static void
read_num(struct loader *L, const struct ynode *n, struct num *dst, const char *key, long max)
{
	if (read_long(L, n, key, max, &dst->v)) {
		dst->pos = n->pos;
		dst->set = true;
	}
}

static int
days_in(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

static void
read_date(struct loader *L, const struct ynode *n, struct date *dst, const char *key)
{
	const char *s = scalar(L, n, key);
	int y, m, d;

	if (s == NULL)
		return;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !digits_n(s, 4) ||
	    !digits_n(s + 5, 2) || !digits_n(s + 8, 2)) {
		diag_report(L->d, D_DATE, &n->pos, key, s);
		return;
	}
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1000 || m < 1 || m > 12 || d < 1 || d > days_in(y, m)) {
		diag_report(L->d, D_DATE, &n->pos, key, s);
		return;
	}
	dst->y = y;
	dst->m = m;
	dst->d = d;
	dst->pos = n->pos;
	dst->set = true;
}

static void
read_time(struct loader *L, const struct ynode *n, struct hm *dst, const char *key)
{
	const char *s = scalar(L, n, key), *colon;
	int h, m;

	if (s == NULL)
		return;
	colon = strchr(s, ':');
	if (colon == NULL || colon - s < 1 || colon - s > 2 || strlen(colon + 1) != 2 ||
	    !digits_n(s, (size_t)(colon - s)) || !digits_n(colon + 1, 2)) {
		diag_report(L->d, D_TIME, &n->pos, key, s);
		return;
	}
	h = atoi(s);
	m = atoi(colon + 1);
	if (h > 23 || m > 59) {
		diag_report(L->d, D_TIME, &n->pos, key, s);
		return;
	}
	dst->h = h;
	dst->m = m;
	dst->pos = n->pos;
	dst->set = true;
}

static void
read_bool(struct loader *L, const struct ynode *n, bool *dst, const char *key)
{
	const char *s = scalar(L, n, key);

	if (s == NULL)
		return;
	if (strcmp(s, "true") == 0 || strcmp(s, "True") == 0 || strcmp(s, "TRUE") == 0)
		*dst = true;
	else if (strcmp(s, "false") == 0 || strcmp(s, "False") == 0 || strcmp(s, "FALSE") == 0)
		*dst = false;
	else
		diag_report(L->d, D_BOOL, &n->pos, key, s);
}

/* The index of s among names (folded comparison), or -1 after reporting. */
static int
read_enum(struct loader *L, const struct ynode *n, const char *const *names, const char *key)
{
	const char *s = scalar(L, n, key), *near;
	char *fs, *fn, *suffix;
	struct buf all = {0};
	size_t i, count = 0;
	int found = -1;

	if (s == NULL)
		return -1;
	fs = text_folded(s);
	for (i = 0; names[i] != NULL; i++) {
		if (names[i][0] == '\0')
			continue;
		fn = text_folded(names[i]);
		if (strcmp(fs, fn) == 0)
			found = (int)i;
		free(fn);
		count++;
	}
	free(fs);
	if (found >= 0)
		return found;
	for (i = 0; names[i] != NULL; i++) {
		if (names[i][0] == '\0')
			continue;
		buf_printf(&all, "%s%s", all.len ? ", " : "", names[i]);
	}
	near = text_suggest(s, names, count + (names[0][0] == '\0'));
	suffix = near ? xasprintf(" (forse '%s'?)", near) : xstrdup("");
	diag_report(L->d, D_ENUM, &n->pos, key, s, suffix, all.data);
	free(suffix);
	buf_free(&all);
	return -1;
}

static void
read_str(struct loader *L, const struct ynode *n, struct str *dst, const char *key, bool md)
{
	const char *s = scalar(L, n, key);

	if (s == NULL)
		return;
	dst->s = s; /* the tree lives in the session's arena */
	dst->pos = md ? n->content : n->pos;
}

/* A person's name must look as it reads: no invisible characters, no letters from other
 * alphabets that pass for Latin ones. */
static void
check_name(struct loader *L, const struct ynode *n)
{
	size_t at;
	uint32_t cp;
	enum text_name_flaw flaw;
	struct pos p;
	struct buf ch = {0};

	if (n->kind != YNODE_SCALAR || (flaw = text_name_check(n->s, &at, &cp)) == TEXT_NAME_OK)
		return;
	p = load_char_pos(L->text, L->len, n, at);
	if (flaw == TEXT_NAME_INVISIBLE)
		diag_report(L->d, D_NAME_INVISIBLE, &p, n->s, text_char_kind(cp), (unsigned)cp);
	else {
		text_utf8_put(&ch, cp);
		diag_report(L->d, D_NAME_SCRIPT, &p, n->s, ch.data, (unsigned)cp,
		            text_char_kind(cp));
	}
	buf_free(&ch);
}

static void
read_ref(struct loader *L, const struct ynode *n, struct ref *dst, const char *key)
{
	read_str(L, n, &dst->text, key, false);
	check_name(L, n);
	dst->member = -1;
	if (dst->text.s != NULL) {
		L->refs = xgrow(L->refs, &L->caprefs, L->nrefs + 1, sizeof(*L->refs));
		L->refs[L->nrefs++] = dst;
	}
}

static bool
check_len(struct loader *L, const struct ynode *n, const char *key, size_t max)
{
	if (n->n > max) {
		diag_report(L->d, D_LIMIT, &n->pos, key, n->n, max);
		return false;
	}
	return true;
}

static void
read_reflist(struct loader *L, const struct ynode *n, struct reflist *dst, const char *key)
{
	size_t i;

	if (n->kind != YNODE_SEQ) {
		type_error(L, n, key, "una lista di componenti");
		return;
	}
	if (!check_len(L, n, key, LOAD_MAX_ITEMS))
		return;
	dst->v = arena_array(L->a, n->n, sizeof(*dst->v));
	dst->n = n->n;
	dst->pos = n->pos;
	for (i = 0; i < n->n; i++)
		read_ref(L, n->kids[i], &dst->v[i], key);
}

static void
read_strlist(struct loader *L, const struct ynode *n, struct strlist *dst, const char *key, bool md)
{
	size_t i;

	if (n->kind != YNODE_SEQ) {
		type_error(L, n, key, "una lista di testi");
		return;
	}
	if (!check_len(L, n, key, LOAD_MAX_ITEMS))
		return;
	dst->v = arena_array(L->a, n->n, sizeof(*dst->v));
	dst->n = n->n;
	for (i = 0; i < n->n; i++)
		read_str(L, n->kids[i], &dst->v[i], key, md);
}

static void read_map(struct loader *L, const struct ynode *n, const struct schema *sc, void *dst,
                     const char *key);

static void
read_list(struct loader *L, const struct ynode *n, const struct listdef *ld, char *parent,
          size_t off, const char *key)
{
	char *v;
	size_t i;

	if (n->kind != YNODE_SEQ) {
		type_error(L, n, key, "una lista");
		return;
	}
	if (!check_len(L, n, key, ld->max))
		return;
	if (ld->nonempty && n->n == 0) {
		diag_report(L->d, D_EMPTY, &n->pos, key);
		return;
	}
	v = arena_array(L->a, n->n, ld->size);
	for (i = 0; i < n->n; i++)
		ld->read(L, n->kids[i], v + i * ld->size, key);
	memcpy(parent + off, &v, sizeof(v));
	memcpy(parent + ld->off_n, &n->n, sizeof(size_t));
}

/* A length: a number with an optional unit (pt, the default; mm; cm), stored as points, within
 * its range. */
static void
read_length(struct loader *L, const struct ynode *n, void *dst, const char *key,
            const struct range *r)
{
	const char *s = scalar(L, n, key);
	char *end;
	double v, unit = 1;

	if (s == NULL)
		return;
	v = strtod(s, &end);
	while (*end == ' ')
		end++;
	if (strcmp(end, "mm") == 0)
		unit = 72 / 25.4;
	else if (strcmp(end, "cm") == 0)
		unit = 72 / 2.54;
	else if (strcmp(end, "pt") != 0 && *end != '\0')
		end = NULL;
	if (end == NULL || end == s || !(v >= 0 && v <= 10000)) {
		diag_report(L->d, D_LENGTH, &n->pos, key, s);
		return;
	}
	/* a hair of tolerance, for a limit written in another unit */
	if (v * unit < r->lo - 1e-6 || v * unit > r->hi + 1e-6) {
		diag_report(L->d, D_STYLE_RANGE, &n->pos, key, s, r->lo, r->hi);
		return;
	}
	*(double *)dst = v * unit;
}

static void
read_field(struct loader *L, const struct field *f, const struct ynode *v, char *base)
{
	void *dst = base + f->off;
	int e;

	switch (f->type) {
	case F_STR:
		read_str(L, v, dst, f->key, false);
		if (f->flags & NAME)
			check_name(L, v);
		break;
	case F_MD: read_str(L, v, dst, f->key, true); break;
	case F_INT: read_num(L, v, dst, f->key, 1000000); break;
	case F_BOOL: read_bool(L, v, dst, f->key); break;
	case F_DATE: read_date(L, v, dst, f->key); break;
	case F_TIME: read_time(L, v, dst, f->key); break;
	case F_ENUM:
		if ((e = read_enum(L, v, f->aux, f->key)) >= 0)
			memcpy(dst, &e, sizeof(int));
		break;
	case F_REF: read_ref(L, v, dst, f->key); break;
	case F_REFLIST: read_reflist(L, v, dst, f->key); break;
	case F_STRLIST: read_strlist(L, v, dst, f->key, false); break;
	case F_MAP: read_map(L, v, f->aux, dst, f->key); break;
	case F_LIST: read_list(L, v, f->aux, base, f->off, f->key); break;
	case F_LENGTH: read_length(L, v, dst, f->key, f->aux); break;
	case F_CUSTOM: ((const struct custom *)f->aux)->read(L, v, dst, f->key); break;
	}
}

static void
unknown_key(struct loader *L, const struct ynode *k, const struct schema *sc, const char *where)
{
	const char *keys[64], *near;
	char *suffix, *in;
	size_t i;

	for (i = 0; i < sc->n && i < 64; i++)
		keys[i] = sc->f[i].key;
	near = text_suggest(k->s, keys, i);
	suffix = near ? xasprintf("; forse '%s'?", near) : xstrdup("");
	in = where ? xasprintf(" in '%s'", where) : xstrdup("");
	diag_report(L->d, D_KEY_UNKNOWN, &k->pos, k->s, in, suffix);
	free(suffix);
	free(in);
}

/* Read mapping n into dst following sc; every key is checked, every error reported. */
static void
read_map(struct loader *L, const struct ynode *n, const struct schema *sc, void *dst,
         const char *key)
{
	const struct ynode *seen[64] = {NULL};
	size_t i, j;

	if (n->kind != YNODE_MAP) {
		type_error(L, n, key ? key : "il documento", "una mappa (chiave: valore)");
		return;
	}
	for (i = 0; i + 1 < n->n; i += 2) {
		const struct ynode *k = n->kids[i], *v = n->kids[i + 1];

		if (k->kind != YNODE_SCALAR) {
			diag_report(L->d, D_KEY_NOT_SCALAR, &k->pos, kind_name(k));
			continue;
		}
		for (j = 0; j < sc->n; j++)
			if (strcmp(sc->f[j].key, k->s) == 0)
				break;
		if (j == sc->n) {
			unknown_key(L, k, sc, key);
			continue;
		}
		if (seen[j] != NULL) {
			diag_report(L->d, D_KEY_DUP, &k->pos, k->s);
			diag_note(L->d, &seen[j]->pos, "la prima volta è qui");
			continue;
		}
		seen[j] = k;
		if (load_is_null(v)) {
			if (sc->f[j].flags & REQ)
				diag_report(L->d, D_EMPTY, &v->pos, k->s);
		} else if ((sc->f[j].flags & REQ) && is_text(&sc->f[j]) &&
		           v->kind == YNODE_SCALAR && is_blank(v->s)) {
			diag_report(L->d, D_EMPTY, &v->pos, k->s); /* "" or "  " gives nothing */
		} else
			read_field(L, &sc->f[j], v, dst);
	}
	for (j = 0; j < sc->n; j++) {
		if ((sc->f[j].flags & REQ) && seen[j] == NULL) {
			char *in = key ? xasprintf(" in '%s'", key) : xstrdup("");

			diag_report(L->d, D_KEY_MISSING, &n->pos, sc->f[j].key, in);
			free(in);
		}
	}
}

#define SCHEMA(fields)                                                                             \
	{                                                                                          \
		fields, sizeof(fields) / sizeof(fields[0])                                         \
	}
#define OFF(type, member) offsetof(struct type, member)

/* --- custom readers ----------------------------------------------------------------------- */

static void
read_quorum(struct loader *L, const struct ynode *n, void *dst, const char *key)
{
	struct quorum *q = dst;
	int e;

	if (n->kind == YNODE_SCALAR && is_digits(n->s)) {
		if (read_long(L, n, key, LOAD_MAX_MEMBERS, &q->n))
			q->kind = QUORUM_NUMBER;
		return;
	}
	if ((e = read_enum(L, n, model_quorum_names, key)) > 0)
		q->kind = (enum quorum_kind)e;
}

static const struct field rules_fields[] = {
        {"base", F_CUSTOM, 0, 0, NULL}, /* read first, by read_rules */
        {"assegnati", F_INT, OFF(rules, assegnati), 0, NULL},
        {"numero_legale", F_CUSTOM, OFF(rules, numero_legale), 0, &(struct custom){read_quorum}},
        {"numero_legale_seconda", F_CUSTOM, OFF(rules, numero_legale_seconda), 0,
         &(struct custom){read_quorum}},
        {"astenuti", F_ENUM, OFF(rules, astenuti), 0, model_abstainers_names},
        {"non_partecipanti", F_ENUM, OFF(rules, non_partecipanti), 0, model_nonvoters_names},
        {"maggioranza", F_ENUM, OFF(rules, maggioranza), 0, model_majority_names},
        {"parita", F_ENUM, OFF(rules, parita), 0, model_tie_names},
        {"fonte", F_STR, OFF(rules, fonte), 0, NULL},
};

static void
skip_value(struct loader *L, const struct ynode *n, void *dst, const char *key)
{
	(void)L, (void)n, (void)dst, (void)key;
}

static void
read_rules(struct loader *L, const struct ynode *n, void *dst, const char *key)
{
	struct rules *r = dst;
	const struct ynode *base;
	const char *name = "tuel";
	struct field fields[sizeof(rules_fields) / sizeof(rules_fields[0])];
	struct schema sc = SCHEMA(fields);
	size_t i;
	int e;

	memcpy(fields, rules_fields, sizeof(fields));
	fields[0].aux = &(struct custom){skip_value};
	if (n->kind == YNODE_SCALAR) {
		if ((e = read_enum(L, n, model_preset_names, key)) >= 0)
			name = model_preset_names[e];
		model_preset(name, r);
		r->pos = n->pos;
		return;
	}
	if (n->kind != YNODE_MAP) {
		type_error(L, n, key, "il nome di un preset o una mappa");
		return;
	}
	if ((base = load_get(n, "base")) != NULL &&
	    (e = read_enum(L, base, model_preset_names, "base")) >= 0)
		name = model_preset_names[e];
	model_preset(name, r);
	r->pos = n->pos;
	for (i = 0; i + 1 < n->n; i += 2) /* a key besides base, with a value */
		if (!load_is_null(n->kids[i + 1]) &&
		    (n->kids[i]->kind != YNODE_SCALAR || strcmp(n->kids[i]->s, "base") != 0))
			r->modified = true;
	read_map(L, n, &sc, r, key);
	r->seconda_set = load_get(n, "numero_legale_seconda") != NULL;
	if (!r->seconda_set)
		r->numero_legale_seconda = r->numero_legale;
}

static void
read_vlist(struct loader *L, const struct ynode *n, void *dst, const char *key)
{
	struct vlist *vl = dst;
	struct reflist rl = {NULL, 0, {NULL, 0, 0}};

	vl->pos = n->pos;
	if (n->kind == YNODE_SEQ) {
		read_reflist(L, n, &rl, key);
		vl->kind = VL_NAMES;
		vl->v = rl.v;
		vl->n = rl.n;
		return;
	}
	if (n->kind == YNODE_SCALAR) {
		char *f = text_folded(n->s);

		if (strcmp(f, "tutti") == 0)
			vl->kind = VL_TUTTI;
		else if (strcmp(f, "restanti") == 0)
			vl->kind = VL_RESTANTI;
		else if (is_digits(n->s)) {
			if (read_long(L, n, key, 1000000, &vl->count))
				vl->kind = VL_COUNT;
		} else
			diag_report(L->d, D_VLIST, &n->pos, key);
		free(f);
		return;
	}
	diag_report(L->d, D_VLIST, &n->pos, key);
}

static void
read_president_vote(struct loader *L, const struct ynode *n, void *dst, const char *key)
{
	struct vote *v = (struct vote *)((char *)dst - OFF(vote, presidente_vota));
	int e = read_enum(L, n, model_president_vote_names, key);

	if (e > 0) {
		v->presidente_vota = (enum president_vote)e;
		v->presidente_vota_pos = n->pos;
	}
}

static void
read_outcome(struct loader *L, const struct ynode *n, void *dst, const char *key)
{
	struct declared *dc = (struct declared *)((char *)dst - OFF(declared, esito));
	int e = read_enum(L, n, model_outcome_names, key);

	if (e >= 0) {
		dc->esito = e;
		dc->esito_pos = n->pos;
	}
}

static void
read_points(struct loader *L, const struct ynode *n, void *dst, const char *key)
{
	struct vote *v = (struct vote *)((char *)dst - OFF(vote, punti));
	size_t i;

	if (n->kind != YNODE_SEQ) {
		type_error(L, n, key, "una lista di numeri");
		return;
	}
	if (!check_len(L, n, key, LOAD_MAX_ITEMS))
		return;
	v->punti = arena_array(L->a, n->n, sizeof(*v->punti));
	v->npunti = n->n;
	for (i = 0; i < n->n; i++)
		read_num(L, n->kids[i], &v->punti[i], key, 100000);
}

static const struct field ballots_fields[] = {
        {"favorevoli", F_INT, OFF(ballots, favorevoli), 0, NULL},
        {"contrari", F_INT, OFF(ballots, contrari), 0, NULL},
        {"bianche", F_INT, OFF(ballots, bianche), 0, NULL},
        {"nulle", F_INT, OFF(ballots, nulle), 0, NULL},
        {"votanti", F_INT, OFF(ballots, votanti), 0, NULL},
        {"dispersi", F_INT, OFF(ballots, dispersi), 0, NULL},
};
static const struct schema ballots_schema = SCHEMA(ballots_fields);

static const struct field declared_fields[] = {
        {"presenti", F_INT, OFF(declared, presenti), 0, NULL},
        {"votanti", F_INT, OFF(declared, votanti), 0, NULL},
        {"favorevoli", F_INT, OFF(declared, favorevoli), 0, NULL},
        {"contrari", F_INT, OFF(declared, contrari), 0, NULL},
        {"astenuti", F_INT, OFF(declared, astenuti), 0, NULL},
        {"esito", F_CUSTOM, OFF(declared, esito), 0, &(struct custom){read_outcome}},
};
static const struct schema declared_schema = SCHEMA(declared_fields);

static const struct field candidate_fields[] = {
        {"nome", F_STR, OFF(candidate, nome), REQ | NAME, NULL},
        {"voti", F_INT, OFF(candidate, voti), REQ, NULL},
        {"esterno", F_BOOL, OFF(candidate, esterno), 0, NULL},
};
static const struct schema candidate_schema = SCHEMA(candidate_fields);

static void
read_candidate(struct loader *L, const struct ynode *n, void *dst, const char *key)
{
	struct candidate *c = dst;

	c->member = -1;
	c->pos = n->pos;
	read_map(L, n, &candidate_schema, c, key);
}

static const struct field vote_fields[] = {
        {"oggetto", F_STR, OFF(vote, oggetto), REQ, NULL},
        {"punti", F_CUSTOM, OFF(vote, punti), 0, &(struct custom){read_points}},
        {"tipo", F_ENUM, OFF(vote, tipo), 0, model_type_names},
        {"modalita", F_ENUM, OFF(vote, modalita), 0, model_mode_names},
        {"sistema", F_STR, OFF(vote, sistema), 0, NULL},
        {"favorevoli", F_CUSTOM, OFF(vote, favorevoli), 0, &(struct custom){read_vlist}},
        {"contrari", F_CUSTOM, OFF(vote, contrari), 0, &(struct custom){read_vlist}},
        {"astenuti", F_CUSTOM, OFF(vote, astenuti), 0, &(struct custom){read_vlist}},
        {"non_partecipano", F_REFLIST, OFF(vote, non_partecipano), 0, NULL},
        {"schede", F_MAP, OFF(vote, schede), 0, &ballots_schema},
        {"maggioranza", F_ENUM, OFF(vote, maggioranza), 0, model_majority_names},
        {"presidente_vota", F_CUSTOM, OFF(vote, presidente_vota), 0,
         &(struct custom){read_president_vote}},
        {"dichiarato", F_MAP, OFF(vote, dichiarato), 0, &declared_schema},
        {"carica", F_STR, OFF(vote, carica), 0, NULL},
        {"posti", F_INT, OFF(vote, posti), 0, NULL},
        {"preferenze", F_INT, OFF(vote, preferenze), 0, NULL},
        {"candidati", F_LIST, OFF(vote, candidati), 0,
         &(struct listdef){sizeof(struct candidate), OFF(vote, ncandidati), read_candidate,
                           LOAD_MAX_MEMBERS, true}},
};
static const struct schema vote_schema = SCHEMA(vote_fields);

/* Where key is written in map with a value, or no position (a null value is not given). */
static struct pos
key_pos(const struct ynode *map, const char *key)
{
	size_t i;
	struct pos none = {NULL, 0, 0};

	for (i = 0; map->kind == YNODE_MAP && i + 1 < map->n; i += 2)
		if (map->kids[i]->kind == YNODE_SCALAR && strcmp(map->kids[i]->s, key) == 0)
			return load_is_null(map->kids[i + 1]) ? none : map->kids[i]->pos;
	return none;
}

static void
read_vote(struct loader *L, const struct ynode *n, void *dst, const char *key)
{
	struct vote *v = dst;
	size_t errors = L->d->errors;

	v->pos = n->pos;
	v->dichiarato.esito = -1;
	read_map(L, n, &vote_schema, v, key);
	v->damaged = L->d->errors > errors;
	v->maggioranza_set = load_get(n, "maggioranza") != NULL;
	v->schede.set = load_get(n, "schede") != NULL;
	v->schede.pos = key_pos(n, "schede");
	v->dichiarato.set = load_get(n, "dichiarato") != NULL;
	v->tipo_pos = key_pos(n, "tipo");
	v->modalita_pos = key_pos(n, "modalita");
	v->carica_pos = key_pos(n, "carica");
	v->posti_pos = key_pos(n, "posti");
	v->preferenze_pos = key_pos(n, "preferenze");
	v->candidati_pos = key_pos(n, "candidati");
	v->non_partecipano.pos = key_pos(n, "non_partecipano");
	if (!v->posti.set)
		v->posti.v = 1;
	if (!v->preferenze.set)
		v->preferenze.v = 1;
}

static const struct field annex_fields[] = {
        {"titolo", F_STR, OFF(annex, titolo), REQ, NULL},
        {"file", F_STR, OFF(annex, file), REQ, NULL},
};
static const struct schema annex_schema = SCHEMA(annex_fields);

static void
read_annex(struct loader *L, const struct ynode *n, void *dst, const char *key)
{
	read_map(L, n, &annex_schema, dst, key);
}

static void
read_md_list(struct loader *L, const struct ynode *n, void *dst, const char *key)
{
	read_strlist(L, n, dst, key, true);
}

static const struct field act_fields[] = {
        {"numero", F_STR, OFF(act, numero), REQ, NULL},
        {"oggetto", F_STR, OFF(act, oggetto), REQ, NULL},
        {"testo", F_MD, OFF(act, testo), 0, NULL},
        {"dispositivo", F_CUSTOM, OFF(act, dispositivo), 0, &(struct custom){read_md_list}},
        {"discussione", F_MD, OFF(act, discussione), 0, NULL},
        {"votazioni", F_LIST, OFF(act, votazioni), REQ,
         &(struct listdef){sizeof(struct vote), OFF(act, nvotazioni), read_vote, LOAD_MAX_ITEMS,
                           false}},
        {"allegati", F_LIST, OFF(act, allegati), 0,
         &(struct listdef){sizeof(struct annex), OFF(act, nallegati), read_annex, LOAD_MAX_ANNEXES,
                           false}},
};
static const struct schema act_schema = SCHEMA(act_fields);

static void
read_act(struct loader *L, const struct ynode *n, void *dst, const char *key)
{
	struct act *a = dst;

	a->pos = n->pos;
	read_map(L, n, &act_schema, a, key);
}

static const struct field member_fields[] = {
        {"cognome", F_STR, OFF(member, cognome), REQ | NAME, NULL},
        {"nome", F_STR, OFF(member, nome), REQ | NAME, NULL},
        {"ruolo", F_STR, OFF(member, ruolo), 0, NULL},
        {"id", F_STR, OFF(member, id), NAME, NULL},
};
static const struct schema member_schema = SCHEMA(member_fields);

static void
read_member(struct loader *L, const struct ynode *n, void *dst, const char *key)
{
	struct member *m = dst;

	m->pos = n->pos;
	read_map(L, n, &member_schema, m, key);
}

/* When a move happens: before or after the vote numbered N. */
struct when {
	struct num prima, dopo;
};

static const struct field when_fields[] = {
        {"prima_della_votazione", F_INT, OFF(when, prima), 0, NULL},
        {"dopo_la_votazione", F_INT, OFF(when, dopo), 0, NULL},
};
static const struct schema when_schema = SCHEMA(when_fields);

static void
read_when(struct loader *L, const struct ynode *n, struct move *mv, enum move_kind kind,
          const char *key)
{
	struct when w;

	memset(&w, 0, sizeof(w));
	mv->kind = kind;
	read_map(L, n, &when_schema, &w, key);
	if (n->kind != YNODE_MAP)
		return;
	if ((load_get(n, "prima_della_votazione") == NULL) ==
	    (load_get(n, "dopo_la_votazione") == NULL)) {
		diag_report(L->d, D_ONE_OF, &n->pos,
		            "'prima_della_votazione' e 'dopo_la_votazione'");
		return;
	}
	mv->after = w.dopo.set;
	mv->vote = w.dopo.set ? w.dopo : w.prima;
}

static void
read_enters(struct loader *L, const struct ynode *n, void *dst, const char *key)
{
	read_when(L, n, dst, MOVE_ENTRA, key);
}

static void
read_leaves(struct loader *L, const struct ynode *n, void *dst, const char *key)
{
	read_when(L, n, dst, MOVE_ESCE, key);
}

static const struct field move_fields[] = {
        {"componente", F_REF, OFF(move, componente), REQ, NULL},
        {"entra", F_CUSTOM, 0, 0, &(struct custom){read_enters}},
        {"esce", F_CUSTOM, 0, 0, &(struct custom){read_leaves}},
};
static const struct schema move_schema = SCHEMA(move_fields);

static void
read_move(struct loader *L, const struct ynode *n, void *dst, const char *key)
{
	struct move *mv = dst;

	mv->pos = n->pos;
	mv->componente.member = -1;
	read_map(L, n, &move_schema, mv, key);
	if (n->kind == YNODE_MAP &&
	    (load_get(n, "entra") == NULL) == (load_get(n, "esce") == NULL)) {
		diag_report(L->d, D_ONE_OF, &n->pos, "'entra' ed 'esce'");
		mv->vote.set = false; /* which one happened is not known: no later check on it */
	}
}

static const struct field secretary_fields[] = {
        {"nome", F_STR, OFF(secretary, nome), REQ | NAME, NULL},
        {"cognome", F_STR, OFF(secretary, cognome), REQ | NAME, NULL},
        {"qualifica", F_STR, OFF(secretary, qualifica), 0, NULL},
        {"genere", F_ENUM, OFF(secretary, genere), 0, model_gender_names},
};
static const struct schema secretary_schema = SCHEMA(secretary_fields);

static const struct field sitting_fields[] = {
        {"adunanza", F_STR, OFF(sitting, adunanza), 0, NULL},
        {"data", F_DATE, OFF(sitting, data), REQ, NULL},
        {"ora", F_TIME, OFF(sitting, ora), 0, NULL},
        {"luogo", F_STR, OFF(sitting, luogo), 0, NULL},
        {"convocazione", F_ENUM, OFF(sitting, convocazione), 0, model_convocation_names},
        {"avviso", F_DATE, OFF(sitting, avviso), 0, NULL},
        {"presidente", F_REF, OFF(sitting, presidente), REQ, NULL},
        {"presidente_titolo", F_STR, OFF(sitting, presidente_titolo), 0, NULL},
        {"presidente_genere", F_ENUM, OFF(sitting, presidente_genere), 0, model_gender_names},
        {"segretario", F_MAP, OFF(sitting, segretario), REQ, &secretary_schema},
};
static const struct schema sitting_schema = SCHEMA(sitting_fields);

static void
read_sitting(struct loader *L, const struct ynode *n, void *dst, const char *key)
{
	struct sitting *st = dst;

	st->pos = n->pos;
	read_map(L, n, &sitting_schema, st, key);
}

struct novote {
	struct str intestazione;
	struct strlist elenco;
};

static const struct field novote_fields[] = {
        {"intestazione", F_STR, OFF(novote, intestazione), 0, NULL},
        {"elenco", F_STRLIST, OFF(novote, elenco), 0, NULL},
};
static const struct schema novote_schema = SCHEMA(novote_fields);

static void
read_novote(struct loader *L, const struct ynode *n, void *dst, const char *key)
{
	struct session *s = (struct session *)((char *)dst - OFF(session, senza_voto_intestazione));
	struct novote nv;

	memset(&nv, 0, sizeof(nv));
	read_map(L, n, &novote_schema, &nv, key);
	s->senza_voto_intestazione = nv.intestazione;
	s->senza_voto_elenco = nv.elenco;
}

static const struct field signature_fields[] = {
        {"qualifica", F_STR, OFF(signature, qualifica), REQ, NULL},
        {"nome", F_STR, OFF(signature, nome), REQ | NAME, NULL},
        {"nota", F_STR, OFF(signature, nota), 0, NULL},
};
static const struct schema signature_schema = SCHEMA(signature_fields);

static void
read_signature(struct loader *L, const struct ynode *n, void *dst, const char *key)
{
	read_map(L, n, &signature_schema, dst, key);
}

static const struct field options_fields[] = {
        {"spiega_esiti", F_BOOL, OFF(options, spiega_esiti), 0, NULL},
};
static const struct schema options_schema = SCHEMA(options_fields);

static const struct field session_fields[] = {
        {"versione", F_INT, OFF(session, versione), 0, NULL},
        {"ente", F_STR, OFF(session, ente), REQ, NULL},
        {"organo", F_STR, OFF(session, organo), REQ, NULL},
        {"logo", F_STR, OFF(session, logo), 0, NULL},
        {"seduta", F_CUSTOM, OFF(session, seduta), REQ, &(struct custom){read_sitting}},
        {"regole", F_CUSTOM, OFF(session, regole), 0, &(struct custom){read_rules}},
        {"componenti", F_LIST, OFF(session, componenti), REQ,
         &(struct listdef){sizeof(struct member), OFF(session, ncomponenti), read_member,
                           LOAD_MAX_MEMBERS, true}},
        {"assenti", F_REFLIST, OFF(session, assenti), 0, NULL},
        {"giustificati", F_REFLIST, OFF(session, giustificati), 0, NULL},
        {"senza_voto", F_CUSTOM, OFF(session, senza_voto_intestazione), 0,
         &(struct custom){read_novote}},
        {"movimenti", F_LIST, OFF(session, movimenti), 0,
         &(struct listdef){sizeof(struct move), OFF(session, nmovimenti), read_move, LOAD_MAX_MOVES,
                           false}},
        {"deliberazioni", F_LIST, OFF(session, deliberazioni), REQ,
         &(struct listdef){sizeof(struct act), OFF(session, ndeliberazioni), read_act,
                           LOAD_MAX_ITEMS, true}},
        {"firme", F_LIST, OFF(session, firme), REQ,
         &(struct listdef){sizeof(struct signature), OFF(session, nfirme), read_signature,
                           LOAD_MAX_ITEMS, true}},
        {"opzioni", F_MAP, OFF(session, opzioni), 0, &options_schema},
};
static const struct schema session_schema = SCHEMA(session_fields);

/* --- the style file ----------------------------------------------------------------------- */

static void
read_cstr(struct loader *L, const struct ynode *n, void *dst, const char *key)
{
	const char *s = scalar(L, n, key);

	if (s != NULL)
		*(const char **)dst = s; /* the tree lives in the caller's arena */
}

static void
read_penalty(struct loader *L, const struct ynode *n, void *dst, const char *key)
{
	long v;

	if (read_long(L, n, key, 10000, &v))
		*(int *)dst = (int)v;
}

/* How far a justified line may stretch: a plain number, as TeX's \tolerance. */
static void
read_tolerance(struct loader *L, const struct ynode *n, void *dst, const char *key)
{
	long v;

	if (read_long(L, n, key, 10000, &v))
		*(double *)dst = (double)v;
}

static const struct custom cstr = {read_cstr}, penalty = {read_penalty},
                           tolerance = {read_tolerance};

/* The ranges of the style's lengths, in points: sane pages, margins, type sizes. */
static const struct range page_len = {100, 2000}, margin_len = {0, 1000}, type_len = {6, 30},
                          heading_len = {6, 72}, leading_len = {6, 90}, space_len = {0, 72},
                          logo_len = {0, 200};

#define LEN(key, member, range)                                                                    \
	{                                                                                          \
		key, F_LENGTH, offsetof(struct ts_style, member), 0, &range                        \
	}
#define TXT(key, member)                                                                           \
	{                                                                                          \
		key, F_CUSTOM, offsetof(struct ts_style, member), 0, &cstr                         \
	}

static const struct field page_fields[] = {
        LEN("larghezza", page_width, page_len),
        LEN("altezza", page_height, page_len),
        LEN("margine_alto", margin_top, margin_len),
        LEN("margine_basso", margin_bottom, margin_len),
        LEN("margine_sinistro", margin_left, margin_len),
        LEN("margine_destro", margin_right, margin_len),
};
static const struct field text_fields[] = {
        LEN("corpo", size, type_len),
        LEN("interlinea", leading, leading_len),
        LEN("spazio_paragrafi", para_skip, space_len),
        LEN("rientro", indent, space_len),
        LEN("titolo1", heading_size[0], heading_len),
        LEN("titolo2", heading_size[1], heading_len),
        LEN("titolo3", heading_size[2], heading_len),
        LEN("codice", code_size, type_len),
        {"tolleranza", F_CUSTOM, offsetof(struct ts_style, tolerance), 0, &tolerance},
        {"penalita_sillabazione", F_CUSTOM, offsetof(struct ts_style, hyphen_penalty), 0, &penalty},
};
static const struct field margins_fields[] = {
        TXT("testata", header),
        TXT("piede", footer),
        LEN("corpo", margin_size, type_len),
        LEN("distanza_testata", header_skip, margin_len),
        LEN("distanza_piede", footer_skip, margin_len),
        LEN("altezza_logo", logo_height, logo_len),
};
static const struct field document_fields[] = {
        TXT("titolo", title),
        TXT("oggetto", subject),
        TXT("parole_chiave", keywords),
};
static const struct field register_fields[] = {
        TXT("testata", register_header),
        TXT("piede", register_footer),
        TXT("titolo", register_title),
};
static const struct field fonts_fields[] = {
        TXT("testo", fonts.text),
        TXT("codice", fonts.mono),
        TXT("riserva", fonts.fallback),
        TXT("riserva2", fonts.fallback2),
};
static const struct schema page_schema = SCHEMA(page_fields), text_schema = SCHEMA(text_fields),
                           margins_schema = SCHEMA(margins_fields),
                           fonts_schema = SCHEMA(fonts_fields),
                           document_schema = SCHEMA(document_fields),
                           register_schema = SCHEMA(register_fields);
/* The style's sections all fill the one struct ts_style: offset 0. */
static const struct field style_fields[] = {
        {"pagina", F_MAP, 0, 0, &page_schema},        {"testo", F_MAP, 0, 0, &text_schema},
        {"margini", F_MAP, 0, 0, &margins_schema},    {"caratteri", F_MAP, 0, 0, &fonts_schema},
        {"documento", F_MAP, 0, 0, &document_schema}, {"registro", F_MAP, 0, 0, &register_schema},
};
static const struct schema style_schema = SCHEMA(style_fields);

/* Where a check of the style points: the value of the first of keys given in section sec, else
 * the section, else the file's start. */
static struct pos
style_at(const struct ynode *root, const char *sec, const char *k1, const char *k2)
{
	const struct ynode *m = load_get(root, sec), *v;

	if (m != NULL && m->kind == YNODE_MAP) {
		if ((v = load_get(m, k1)) != NULL || (k2 != NULL && (v = load_get(m, k2)) != NULL))
			return v->pos;
		return m->pos;
	}
	return root->pos;
}

/* The values together: the text area at least a third of the page each way, the leading one to
 * three times the body size, header and footer inside the page. */
static void
check_style(const struct ts_style *st, const struct ynode *root, struct diags *d)
{
	struct pos at;

	if (st->margin_left + st->margin_right > st->page_width * 2 / 3) {
		at = style_at(root, "pagina", "margine_destro", "margine_sinistro");
		diag_report(d, D_STYLE_AREA, &at, "margine_sinistro", "margine_destro",
		            "della larghezza");
	}
	if (st->margin_top + st->margin_bottom > st->page_height * 2 / 3) {
		at = style_at(root, "pagina", "margine_basso", "margine_alto");
		diag_report(d, D_STYLE_AREA, &at, "margine_alto", "margine_basso", "dell'altezza");
	}
	if (st->leading < st->size || st->leading > 3 * st->size) {
		at = style_at(root, "testo", "interlinea", "corpo");
		diag_report(d, D_STYLE_LEADING, &at, st->size);
	}
	if (st->header_skip > st->margin_top) {
		at = style_at(root, "margini", "distanza_testata", NULL);
		diag_report(d, D_STYLE_SKIP, &at, "distanza_testata", "margine_alto", "la testata");
	}
	if (st->footer_skip > st->margin_bottom) {
		at = style_at(root, "margini", "distanza_piede", NULL);
		diag_report(d, D_STYLE_SKIP, &at, "distanza_piede", "margine_basso",
		            "il piè di pagina");
	}
}

bool
load_style(const char *path, const struct util_reader *reader, struct ts_style *st, struct arena *a,
           struct diags *d)
{
	struct loader L;
	struct ynode *root;
	size_t errors = d->errors;
	char *data;
	size_t len;
	bool ok;
	int err = util_read_file_via(reader, path, 1024 * 1024, &data, &len);

	ts_style_default(st);
	if (err == ENOENT)
		return true; /* no style file: the defaults */
	if (err != 0) {
		struct pos p = {path, 0, 0};

		if (err == -1) /* user input, like the session file */
			diag_report(d, D_FILE_TOO_BIG, &p, len, (size_t)1);
		else
			diag_report(d, D_READ, &p, path, util_strerror(err));
		return false;
	}
	root = load_yaml(data, len, arena_strdup(a, path), a, d, &ok);
	if (!ok) {
		free(data);
		return false;
	}
	memset(&L, 0, sizeof(L));
	L.text = data;
	L.len = len;
	L.a = a;
	L.d = d;
	if (root != NULL && !load_is_null(root)) {
		read_map(&L, root, &style_schema, st, NULL);
		if (d->errors == errors)
			check_style(st, root, d);
	}
	free(data);
	return d->errors == errors;
}

/* --- member references -------------------------------------------------------------------- */

/*
 * Folded names of each member: surname, "nome cognome", id; and, for the did-you-mean, each
 * key's length and how many of its bytes fall in each of HIST buckets (byte & (HIST - 1)).
 */
enum { HIST = 64 };

struct names {
	char *(*keys)[3];
	size_t (*len)[3];
	unsigned char (*hist)[3][HIST]; /* counts, saturated at 255 */
	size_t n;
};

/* The byte histogram of s, in HIST buckets. */
static void
names_hist(const char *s, unsigned char h[HIST])
{
	memset(h, 0, HIST);
	for (; *s; s++)
		if (h[(unsigned char)*s & (HIST - 1)] < 255)
			h[(unsigned char)*s & (HIST - 1)]++;
}

static void
names_build(struct names *nm, const struct session *s)
{
	size_t i;

	size_t k;

	nm->n = s->ncomponenti;
	nm->keys = xcalloc(nm->n ? nm->n : 1, sizeof(*nm->keys));
	nm->len = xcalloc(nm->n ? nm->n : 1, sizeof(*nm->len));
	nm->hist = xcalloc(nm->n ? nm->n : 1, sizeof(*nm->hist));
	for (i = 0; i < nm->n; i++) {
		const struct member *m = &s->componenti[i];

		nm->keys[i][0] = m->cognome.s ? text_folded(m->cognome.s) : NULL;
		if (m->nome.s && m->cognome.s) {
			char *full = xasprintf("%s %s", m->nome.s, m->cognome.s);

			nm->keys[i][1] = text_folded(full);
			free(full);
		}
		nm->keys[i][2] = m->id.s ? text_folded(m->id.s) : NULL;
		for (k = 0; k < 3; k++) {
			if (nm->keys[i][k] == NULL)
				continue;
			nm->len[i][k] = strlen(nm->keys[i][k]);
			names_hist(nm->keys[i][k], nm->hist[i][k]);
		}
	}
}

static void
names_free(struct names *nm)
{
	size_t i, k;

	for (i = 0; i < nm->n; i++)
		for (k = 0; k < 3; k++)
			free(nm->keys[i][k]);
	free(nm->keys);
	free(nm->len);
	free(nm->hist);
}

/* A hash table from folded name to member index (-2: several members share it). */
struct index {
	const char **key;
	int *val;
	size_t cap;
};

static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static int *
index_slot(struct index *ix, const char *key, bool add)
{
	size_t i = hash(key) & (ix->cap - 1);

	while (ix->key[i] != NULL) {
		if (strcmp(ix->key[i], key) == 0)
			return &ix->val[i];
		i = (i + 1) & (ix->cap - 1);
	}
	if (!add)
		return NULL;
	ix->key[i] = key;
	ix->val[i] = -1;
	return &ix->val[i];
}

static void
index_build(struct index *ix, const struct names *nm)
{
	size_t i, k;

	for (ix->cap = 16; ix->cap < nm->n * 6 + 1; ix->cap *= 2)
		;
	ix->key = xcalloc(ix->cap, sizeof(*ix->key));
	ix->val = xcalloc(ix->cap, sizeof(*ix->val));
	for (i = 0; i < nm->n; i++) {
		for (k = 0; k < 3; k++) {
			int *slot;

			if (nm->keys[i][k] == NULL || (k > 0 && nm->keys[i][0] &&
			                               strcmp(nm->keys[i][k], nm->keys[i][0]) == 0))
				continue;
			slot = index_slot(ix, nm->keys[i][k], true);
			if (*slot == -1)
				*slot = (int)i;
			else if (*slot != (int)i)
				*slot = -2;
		}
	}
}

static void
index_free(struct index *ix)
{
	free(ix->key);
	free(ix->val);
}

/* Append how a message names member m: its surname, or its full name. */
static void
put_name(struct buf *b, const struct member *m, bool full)
{
	if (full && m->nome.s != NULL)
		buf_printf(b, "%s ", m->nome.s);
	buf_puts(b, m->cognome.s ? m->cognome.s : "?");
}

/*
 * A lower bound of the edit distance between w (length wlen, histogram wh, its nonzero
 * buckets in used[0..nused)) and key k of member i: an insertion or a deletion changes the
 * histograms' difference by one, a substitution by two, a transposition not at all; and no
 * edit changes the length by more than one.
 */
static unsigned
names_bound(const struct names *nm, size_t i, size_t k, size_t wlen, const unsigned char *wh,
            const unsigned char *used, size_t nused)
{
	const unsigned char *h = nm->hist[i][k];
	size_t len = nm->len[i][k], common = 0, j, l1;

	if (len > wlen + 255 || wlen > len + 255)
		return 255;
	for (j = 0; j < nused; j++)
		common += wh[used[j]] < h[used[j]] ? wh[used[j]] : h[used[j]];
	l1 = wlen + len - 2 * common;
	j = len > wlen ? len - wlen : wlen - len;
	return (unsigned)((l1 + 1) / 2 > j ? (l1 + 1) / 2 : j);
}

/*
 * The members nearest to the folded name w, within the did-you-mean distance, appended to sugg
 * as 'A' o 'B' (at most three); how many there are. The edit distance is computed only for the
 * keys whose lower bound (names_bound) is within the best distance so far: with 1,000 members,
 * a few of them.
 */
static size_t
near_members(struct loader *L, const char *w, const struct names *nm, struct buf *sugg)
{
	unsigned limit = text_close_enough(w), best = limit + 1, d;
	bool full = strchr(w, ' ') != NULL;
	size_t i, k, found = 0, wlen = strlen(w), nused = 0;
	unsigned *dist = xcalloc(nm->n ? nm->n : 1, sizeof(*dist));
	unsigned char wh[HIST], used[HIST];

	names_hist(w, wh);
	for (k = 0; k < HIST; k++)
		if (wh[k] > 0)
			used[nused++] = (unsigned char)k;
	for (i = 0; i < nm->n; i++) {
		dist[i] = 255;
		for (k = 0; k < 3; k++)
			if (nm->keys[i][k] &&
			    names_bound(nm, i, k, wlen, wh, used, nused) <=
			            (best < limit ? best : limit) &&
			    (d = text_distance(w, nm->keys[i][k])) < dist[i])
				dist[i] = d;
		if (dist[i] < best)
			best = dist[i];
	}
	for (i = 0; i < nm->n && best <= limit && found < 3; i++) {
		if (dist[i] != best)
			continue;
		if (found)
			buf_puts(sugg, " o ");
		buf_putc(sugg, '\'');
		put_name(sugg, &L->s->componenti[i], full);
		buf_putc(sugg, '\'');
		found++;
	}
	free(dist);
	return found;
}

static void
report_unknown(struct loader *L, const struct str *name, const struct names *nm)
{
	char *w = text_folded(name->s);
	struct buf near = {0}, sugg = {0};

	if (near_members(L, w, nm, &near))
		buf_printf(&sugg, "; forse %s?", near.data);
	diag_report(L->d, D_REF_UNKNOWN, &name->pos, name->s, sugg.data ? sugg.data : "");
	buf_free(&near);
	buf_free(&sugg);
	free(w);
}

static void
report_ambiguous(struct loader *L, const struct str *name, const struct names *nm)
{
	char *w = text_folded(name->s);
	struct buf who = {0};
	size_t i, k, found = 0;

	for (i = 0; i < nm->n; i++) {
		for (k = 0; k < 3; k++) {
			if (nm->keys[i][k] && strcmp(nm->keys[i][k], w) == 0) {
				const struct member *m = &L->s->componenti[i];

				buf_printf(&who, "%s'%s %s'", found ? " o " : "",
				           m->nome.s ? m->nome.s : "", m->cognome.s);
				found++;
				break;
			}
		}
	}
	diag_report(L->d, D_REF_AMBIGUOUS, &name->pos, name->s, who.data ? who.data : "");
	buf_free(&who);
	free(w);
}

/* Whether two members' names are written alike, letter for letter once in NFC. */
static bool
written_alike(const struct member *a, const struct member *b)
{
	const struct str *x[2] = {&a->nome, &a->cognome}, *y[2] = {&b->nome, &b->cognome};
	bool same = true;
	size_t i;

	for (i = 0; i < 2 && same; i++) {
		char *p = text_nfc(x[i]->s), *q = text_nfc(y[i]->s);

		same = strcmp(p, q) == 0;
		free(p);
		free(q);
	}
	return same;
}

/*
 * Two members with the same id, or with the same name once folded, cannot be told apart: an
 * error, unless they are true namesakes (written alike) with an id each. A name that folds
 * the same but is written otherwise (an accent, a capital, an invisible character) is an
 * error even then: it is a misspelling, or a trap.
 */
static void
check_members(struct loader *L, const struct names *nm)
{
	struct index ix;
	size_t i, k;

	memset(&ix, 0, sizeof(ix));
	for (ix.cap = 16; ix.cap < nm->n * 4 + 1; ix.cap *= 2)
		;
	ix.key = xcalloc(ix.cap, sizeof(*ix.key));
	ix.val = xcalloc(ix.cap, sizeof(*ix.val));
	for (i = 0; i < nm->n; i++) {
		for (k = 1; k < 3; k++) {
			const struct member *m = &L->s->componenti[i], *other;
			struct buf who = {0}, whom = {0};
			int *slot;

			if (nm->keys[i][k] == NULL)
				continue;
			slot = index_slot(&ix, nm->keys[i][k], true);
			if (*slot < 0) {
				*slot = (int)i;
				continue;
			}
			other = &L->s->componenti[*slot];
			put_name(&who, m, true);
			if (k == 2)
				diag_report(L->d, D_MEMBER_DUP, &m->pos, m->id.s);
			else if (!written_alike(m, other)) {
				put_name(&whom, other, true);
				diag_report(L->d, D_MEMBER_LOOKALIKE, &m->pos, who.data, whom.data);
			} else if (m->id.s == NULL || other->id.s == NULL)
				diag_report(L->d, D_MEMBER_DUP, &m->pos, who.data);
			else
				other = NULL; /* namesakes, each with an id */
			if (other != NULL)
				diag_note(L->d, &other->pos, "l'altro è qui");
			buf_free(&who);
			buf_free(&whom);
		}
	}
	index_free(&ix);
}

/*
 * A candidate may be anyone. When the name is a member's, remember whom; a name that only
 * comes near a member's, or fits several, is an error unless the candidate is marked esterno.
 */
static void
resolve_candidate(struct loader *L, struct candidate *c, struct index *ix, const struct names *nm)
{
	char *w;
	int *slot;
	struct buf near = {0};

	if (c->nome.s == NULL)
		return;
	w = text_folded(c->nome.s);
	slot = index_slot(ix, w, false);
	c->member = slot && *slot >= 0 ? *slot : -1;
	if (c->member < 0 && !c->esterno) {
		if (slot != NULL)
			report_ambiguous(L, &c->nome, nm);
		else if (near_members(L, w, nm, &near))
			diag_report(L->d, D_CANDIDATE_NEAR, &c->nome.pos, c->nome.s, near.data);
	}
	buf_free(&near);
	free(w);
}

static void
resolve_refs(struct loader *L)
{
	struct session *s = L->s;
	struct names nm;
	struct index ix;
	size_t i, j, c;

	names_build(&nm, s);
	check_members(L, &nm);
	index_build(&ix, &nm);
	for (i = 0; i < L->nrefs; i++) {
		struct ref *r = L->refs[i];
		char *w = text_folded(r->text.s);
		int *slot = index_slot(&ix, w, false);

		free(w);
		if (slot != NULL && *slot >= 0)
			r->member = *slot;
		else if (slot != NULL)
			report_ambiguous(L, &r->text, &nm);
		else
			report_unknown(L, &r->text, &nm);
	}
	for (i = 0; i < s->ndeliberazioni; i++)
		for (j = 0; j < s->deliberazioni[i].nvotazioni; j++)
			for (c = 0; c < s->deliberazioni[i].votazioni[j].ncandidati; c++)
				resolve_candidate(L, &s->deliberazioni[i].votazioni[j].candidati[c],
				                  &ix, &nm);
	index_free(&ix);
	names_free(&nm);
}

/* Each act of the sitting has its own number (compared as member names are: "16/A", "16/a"). */
static void
check_act_numbers(struct loader *L)
{
	const struct session *s = L->s;
	struct index ix;
	char **keys = xcalloc(s->ndeliberazioni ? s->ndeliberazioni : 1, sizeof(*keys));
	size_t i;

	memset(&ix, 0, sizeof(ix));
	for (ix.cap = 16; ix.cap < s->ndeliberazioni * 2 + 1; ix.cap *= 2)
		;
	ix.key = xcalloc(ix.cap, sizeof(*ix.key));
	ix.val = xcalloc(ix.cap, sizeof(*ix.val));
	for (i = 0; i < s->ndeliberazioni; i++) {
		const struct str *num = &s->deliberazioni[i].numero;
		int *slot;

		if (num->s == NULL)
			continue;
		keys[i] = text_folded(num->s);
		slot = index_slot(&ix, keys[i], true);
		if (*slot >= 0) {
			diag_report(L->d, D_ACT_DUP, &num->pos, num->s);
			diag_note(L->d, &s->deliberazioni[*slot].numero.pos,
			          "la prima volta è qui");
		} else
			*slot = (int)i;
	}
	for (i = 0; i < s->ndeliberazioni; i++)
		free(keys[i]);
	free(keys);
	index_free(&ix);
}

/* --- entry points ------------------------------------------------------------------------- */

static long
gap_of(const struct move *m)
{
	if (!m->vote.set)
		return LONG_MAX; /* an error was reported; keep it out of the way */
	return m->after ? m->vote.v : m->vote.v - 1;
}

/* Put movimenti in the order they happen: by gap between votes, then as written. */
static void
sort_moves(struct session *s)
{
	struct move *sorted;
	size_t *idx, i, j, n = s->nmovimenti;

	if (n < 2)
		return;
	idx = xcalloc(n, sizeof(*idx));
	for (i = 0; i < n; i++) {
		long g = gap_of(&s->movimenti[i]);

		for (j = i; j > 0 && gap_of(&s->movimenti[idx[j - 1]]) > g; j--)
			idx[j] = idx[j - 1];
		idx[j] = i;
	}
	sorted = arena_array(s->arena, n, sizeof(*sorted));
	for (i = 0; i < n; i++)
		sorted[i] = s->movimenti[idx[i]];
	s->movimenti = sorted;
	free(idx);
}

struct session *
load_session(const char *text, size_t len, const char *file, struct diags *d)
{
	struct arena *a = arena_new();
	struct session *s;
	struct loader L;
	struct ynode *root;
	unsigned seq = 0;
	bool ok;
	size_t i, j;

	root = load_yaml(text, len, file, a, d, &ok);
	if (!ok) {
		arena_free(a);
		return NULL;
	}
	if (root == NULL || load_is_null(root)) {
		struct pos p = {file, 0, 0};

		diag_report(d, D_FILE_EMPTY, &p);
		arena_free(a);
		return NULL;
	}
	s = arena_alloc(a, sizeof(*s));
	s->arena = a;
	s->file = file;
	model_preset("tuel", &s->regole);
	s->seduta.presidente.member = -1;
	memset(&L, 0, sizeof(L));
	L.text = text;
	L.len = len;
	L.s = s;
	L.a = a;
	L.d = d;
	read_map(&L, root, &session_schema, s, NULL);
	check_act_numbers(&L);
	if (s->versione.set && s->versione.v != 1)
		diag_report(d, D_VERSION, &s->versione.pos, s->versione.v);
	for (i = 0; i < s->ndeliberazioni; i++)
		seq += (unsigned)s->deliberazioni[i].nvotazioni;
	if (seq > LOAD_MAX_VOTES) {
		/* every later check goes through every vote: stop here */
		diag_report(d, D_LIMIT, &root->pos, "votazioni (in tutta la seduta)", (size_t)seq,
		            (size_t)LOAD_MAX_VOTES);
		free(L.refs);
		arena_free(a);
		return NULL;
	}
	seq = 0;
	for (i = 0; i < s->ndeliberazioni; i++)
		for (j = 0; j < s->deliberazioni[i].nvotazioni; j++)
			s->deliberazioni[i].votazioni[j].seq = ++seq;
	s->nvotes = seq;
	resolve_refs(&L); /* through pointers into the model: before moves are reordered */
	sort_moves(s);
	free(L.refs);
	return s;
}

struct session *
load_file(const char *path, const struct util_reader *reader, struct diags *d)
{
	struct pos p = {path, 0, 0};
	struct session *s;
	char *data;
	size_t len;
	int err;

	err = util_read_file_via(reader, path, LOAD_MAX_BYTES, &data, &len);
	if (err == -1) {
		diag_report(d, D_FILE_TOO_BIG, &p, len, (size_t)LOAD_MAX_BYTES / (1024 * 1024));
		return NULL;
	}
	if (err == ENOENT) {
		diag_report(d, D_FILE_MISSING, &p, path);
		return NULL;
	}
	if (err != 0) {
		diag_report(d, D_READ, &p, path, util_strerror(err));
		return NULL;
	}
	s = load_session(data, len, path, d);
	free(data);
	return s;
}
