#define _XOPEN_SOURCE 700 /* realpath */
/*
 * template.c: Mustache templates.
 *
 * A template is compiled into a flat array of ops in source order, a tree in preorder: a
 * section op records the index one past its last op, so its body is the ops between. Standalone
 * lines are removed while compiling; every op that starts a source line is marked, so that a
 * standalone partial's indentation is put before each of its lines while running (the same as
 * indenting the partial's source, without copying or recompiling it).
 *
 * Running is a loop over an explicit stack of frames (a partial, or one section being
 * iterated) and a stack of contexts: no C recursion, whatever the nesting of the template. A
 * budget of steps and of output bytes stops templates that would run for ever, and partials
 * nest at most opts->max_depth deep.
 */
#include "template.h"

#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

enum {
	TMPL_MAX_FILE = 1024 * 1024, /* a template file's largest size [bytes] */
	TMPL_MAX_DELIM = 32,         /* a delimiter's longest length [bytes] */
	TMPL_DEFAULT_DEPTH = 32,     /* partials within partials, when opts->max_depth is 0 */
	TMPL_MAX_RECOVER = 8,        /* open sections searched for a mismatched closing tag */
	TMPL_MAX_SHOWN = 60,         /* longest name or tag shown in a message [bytes] */
	TMPL_MAX_CANDS = 1000        /* names compared for a did-you-mean */
};

/* What one render may do at most: steps (ops run, contexts searched) and output bytes. */
#define TMPL_MAX_STEPS    ((size_t)50 * 1000 * 1000)
#define TMPL_STEPS_SHOWN  "50 milioni di"
#define TMPL_MAX_OUTPUT   ((size_t)256 * 1024 * 1024)
#define TMPL_OUTPUT_SHOWN "256 MiB"

#define NONE ((size_t)-1)

/* --- compiled templates ------------------------------------------------------------------- */

enum op_kind {
	OP_TEXT,     /* text as it is */
	OP_VAR,      /* {{name}}: escaped */
	OP_RAW,      /* {{{name}}}, {{& name}} */
	OP_SECTION,  /* {{#name}} ... {{/name}}: the ops up to end are the body */
	OP_INVERTED, /* {{^name}} ... {{/name}} */
	OP_PARTIAL,  /* {{> name}} */
	OP_KIND_MAX
};

struct name_part {
	const char *s; /* into the op's name */
	size_t len;
};

struct op {
	enum op_kind kind;
	bool bol;        /* starts a line of the source: indentation goes first */
	bool standalone; /* OP_PARTIAL alone on its line: ws is its indentation */
	bool reported;   /* a run-time error was reported for this op: once is enough */
	const char *s;   /* OP_TEXT: the text (into the template); else the name, NUL-terminated */
	size_t len;
	const char *ws; /* OP_PARTIAL standalone: the white space before the tag */
	size_t ws_len;
	struct name_part *parts; /* the name split at dots; none for "." */
	size_t nparts;
	size_t end;             /* sections: index one past their last op */
	struct pos pos;         /* the tag's opening delimiter */
	struct partial *target; /* OP_PARTIAL: resolved on first use */
};

struct tmpl {
	const char *file; /* as messages name it (in the render's arena) */
	bool ok;          /* compiled without errors */
	struct op *ops;   /* malloc'd */
	size_t n, cap;
};

/* A partial, compiled once per render. */
struct partial {
	const char *name;  /* in the arena */
	struct tmpl *tmpl; /* NULL when the partial could not be found or read */
	char *data;        /* a file's text, malloc'd */
	bool missing;      /* not found (as opposed to unreadable, already reported) */
};

/* A map in the context stack; when it is the item of a list, where it is in the list. */
struct ctx_map {
	size_t ctx;       /* its index in the context stack */
	size_t item, len; /* its index in its list, and the list's length (0: not an item) */
};

/* One running part: a template or partial, or a section's body being iterated. */
struct frame {
	struct tmpl *t;
	size_t pc, end;          /* the next op, one past the last */
	size_t body;             /* sections: the first op of the body */
	const struct tval *list; /* a section over a list: the list, and its next item */
	size_t item;
	bool pushed;    /* a context was pushed for this frame */
	size_t indent;  /* the partial frame whose indentation applies, or NONE */
	const char *ws; /* partial frames: the indentation they add after outer's */
	size_t ws_len;
	size_t outer;
	int depth; /* partials open, this frame's included */
};

struct render {
	const struct tmpl_opts *opts;
	struct diags *d;
	struct arena *a;
	struct buf *out;
	size_t out_start;
	int max_depth;
	/* partials by name: open addressing, cap a power of two */
	struct partial **cache;
	size_t ncache, capcache;
	struct tmpl **tmpls; /* every compiled template, to free */
	size_t ntmpls, captmpls;
	/* run time */
	const struct tval **ctx; /* the context stack, top last */
	size_t nctx, capctx;
	struct ctx_map *maps; /* the maps in ctx: the only contexts names are looked up in */
	size_t nmaps, capmaps;
	struct tval *positions; /* item fields: "1", "2", ... as they are asked for */
	size_t npositions;
	struct frame *fr;
	size_t nfr, capfr;
	size_t *chain; /* scratch: frames of an indentation */
	size_t capchain;
	size_t steps;
	const struct pos *at; /* the position of the last tag run */
	bool stop;            /* a limit was reached: stop running */
};

/* --- compiling ---------------------------------------------------------------------------- */

struct compiler {
	struct render *R;
	struct tmpl *t;
	const char *text;
	size_t len;
	char otag[TMPL_MAX_DELIM + 1], ctag[TMPL_MAX_DELIM + 1];
	size_t olen, clen;
	size_t *open; /* indices of the sections open */
	size_t nopen, capopen;
	/* line and column at offset lc_off, advanced as tags are found */
	size_t lc_off;
	unsigned line, col;
};

/* s[0..n) as messages show it: at most TMPL_MAX_SHOWN bytes, cut at a character. Free it. */
static char *
shown(const char *s, size_t n)
{
	size_t k = n;

	if (n <= TMPL_MAX_SHOWN)
		return xstrndup(s, n);
	k = TMPL_MAX_SHOWN;
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	return xasprintf("%.*s...", (int)k, s);
}

static bool
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* The first occurrence of pat[0..m) in s[0..n), or NULL. m is small (a delimiter). */
static const char *
find(const char *s, size_t n, const char *pat, size_t m)
{
	const char *p = s, *end = s + n;

	if (m == 0)
		return NULL;
	while ((size_t)(end - p) >= m) {
		p = memchr(p, pat[0], (size_t)(end - p) - m + 1);
		if (p == NULL)
			return NULL;
		if (memcmp(p, pat, m) == 0)
			return p;
		p++;
	}
	return NULL;
}

/* The position of offset off, which is never before the last one asked. */
static struct pos
position(struct compiler *C, size_t off)
{
	const char *s = C->text + C->lc_off, *e = C->text + off, *p, *nl = NULL;
	struct pos pos;

	assert(off >= C->lc_off && "positions are asked in order");
	for (p = s; p < e && (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++) {
		C->line++;
		nl = p;
	}
	if (nl != NULL)
		C->col = 1 + (unsigned)text_utf8_len(nl + 1, (size_t)(e - nl - 1));
	else
		C->col += (unsigned)text_utf8_len(s, (size_t)(e - s));
	C->lc_off = off;
	pos.file = C->t->file;
	pos.line = C->line;
	pos.col = C->col;
	return pos;
}

static struct op *
add_op(struct compiler *C, enum op_kind kind)
{
	struct tmpl *t = C->t;
	struct op *op;

	t->ops = xgrow(t->ops, &t->cap, t->n + 1, sizeof(*t->ops));
	op = &t->ops[t->n++];
	memset(op, 0, sizeof(*op));
	op->kind = kind;
	op->end = t->n;
	return op;
}

/* Text from offset start to end. */
static void
add_text(struct compiler *C, size_t start, size_t end)
{
	struct op *op;

	if (start >= end)
		return;
	op = add_op(C, OP_TEXT);
	op->bol = start == 0 || C->text[start - 1] == '\n';
	op->s = C->text + start;
	op->len = end - start;
}

/*
 * A tag that gives no op (a comment, a closing tag, ...) but starts a line that stays: an
 * empty text where the line's indentation goes.
 */
static void
add_line_start(struct compiler *C, size_t tag)
{
	struct op *op;

	if (tag > 0 && C->text[tag - 1] != '\n')
		return;
	op = add_op(C, OP_TEXT);
	op->bol = true;
	op->s = C->text + tag;
}

/* Split name at dots into op->parts; "." has none. */
static void
split_name(struct compiler *C, struct op *op, const char *s, size_t n)
{
	size_t i, k, count = 1;

	op->s = arena_strndup(C->R->a, s, n);
	op->len = n;
	if (n == 1 && s[0] == '.')
		return;
	for (i = 0; i < n; i++)
		count += s[i] == '.';
	op->parts = arena_array(C->R->a, count, sizeof(*op->parts));
	op->nparts = count;
	for (i = 0, k = 0; k < count; k++) {
		size_t j = i;

		while (j < n && s[j] != '.')
			j++;
		op->parts[k].s = op->s + i;
		op->parts[k].len = j - i;
		i = j + 1;
	}
}

static bool
partial_name_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return false;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-'))
			return false;
	}
	return true;
}

/* {{=open close=}}: content is what is between the equals signs. */
static void
set_delims(struct compiler *C, const char *s, size_t n, const struct pos *pos)
{
	size_t i = 0, a0, a1, b0, b1;

	while (i < n && is_space(s[i]))
		i++;
	a0 = i;
	while (i < n && !is_space(s[i]))
		i++;
	a1 = i;
	while (i < n && is_space(s[i]))
		i++;
	b0 = i;
	while (i < n && !is_space(s[i]))
		i++;
	b1 = i;
	while (i < n && is_space(s[i]))
		i++;
	if (a1 == a0 || b1 == b0 || i < n || a1 - a0 > TMPL_MAX_DELIM || b1 - b0 > TMPL_MAX_DELIM ||
	    memchr(s + a0, '=', a1 - a0) != NULL || memchr(s + b0, '=', b1 - b0) != NULL) {
		char *show = shown(s, n);

		diag_report(C->R->d, D_TMPL_DELIMS, pos, show);
		free(show);
		return;
	}
	memcpy(C->otag, s + a0, a1 - a0);
	C->otag[a1 - a0] = '\0';
	C->olen = a1 - a0;
	memcpy(C->ctag, s + b0, b1 - b0);
	C->ctag[b1 - b0] = '\0';
	C->clen = b1 - b0;
}

/* {{/name}}: close the innermost section, or say why not. */
static void
close_section(struct compiler *C, const char *name, size_t n, const struct pos *pos)
{
	struct tmpl *t = C->t;
	const struct op *o;
	size_t k, top;
	char *show, *open;

	if (C->nopen == 0) {
		show = shown(name, n);
		diag_report(C->R->d, D_TMPL_UNOPENED, pos, show);
		free(show);
		return;
	}
	top = C->open[C->nopen - 1];
	if (t->ops[top].len == n && memcmp(t->ops[top].s, name, n) == 0) {
		t->ops[top].end = t->n;
		C->nopen--;
		return;
	}
	o = &t->ops[top];
	show = shown(name, n);
	open = shown(o->s, o->len);
	diag_report(C->R->d, D_TMPL_MISMATCH, pos, show, show, open);
	diag_note(C->R->d, &o->pos, "la sezione '%s' è aperta qui", open);
	free(show);
	free(open);
	/*
	 * A closing tag for a section further out closes the ones inside it too; any other is
	 * taken for a misspelling of the innermost one. Either way one report.
	 */
	for (k = C->nopen - 1; k-- > 0 && C->nopen - 1 - k <= TMPL_MAX_RECOVER;) {
		o = &t->ops[C->open[k]];
		if (o->len == n && memcmp(o->s, name, n) == 0)
			break;
	}
	if (k == (size_t)-1 || C->nopen - 1 - k > TMPL_MAX_RECOVER)
		k = C->nopen - 1;
	while (C->nopen > k) {
		t->ops[C->open[C->nopen - 1]].end = t->n;
		C->nopen--;
	}
}

/* Where the line goes on after offset i when only blanks and a line end follow (or the end
 * of the text), else NONE. */
static size_t
after_line(const char *text, size_t len, size_t i)
{
	while (i < len && (text[i] == ' ' || text[i] == '\t'))
		i++;
	if (i == len)
		return len;
	if (text[i] == '\n')
		return i + 1;
	if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
		return i + 2;
	return NONE;
}

/* Compile text[0..len) into t, reporting every error found. */
static void
compile(struct render *R, struct tmpl *t, const char *text, size_t len)
{
	struct compiler C;
	size_t p = 0, text_start = 0;

	memset(&C, 0, sizeof(C));
	C.R = R;
	C.t = t;
	C.text = text;
	C.len = len;
	memcpy(C.otag, "{{", 3);
	memcpy(C.ctag, "}}", 3);
	C.olen = C.clen = 2;
	C.line = C.col = 1;

	for (;;) {
		const char *q = find(text + p, len - p, C.otag, C.olen), *e;
		char close[TMPL_MAX_DELIM + 2];
		size_t tag, r, clen, c0, c1, tag_end, ls, next;
		struct pos pos;
		bool standalone = false;
		int type = 0;
		struct op *op;

		if (q == NULL)
			break;
		tag = (size_t)(q - text);
		pos = position(&C, tag);
		r = tag + C.olen;
		if (r < len && text[r] != '\0' && strchr("#^/>!=&{", text[r]) != NULL)
			type = (unsigned char)text[r++];
		close[0] = type == '{' ? '}' : '=';
		clen = type == '{' || type == '=' ? 1 : 0;
		memcpy(close + clen, C.ctag, C.clen + 1);
		clen += C.clen;
		e = find(text + r, len - r, close, clen);
		if (e == NULL) {
			diag_report(R->d, D_TMPL_UNCLOSED_TAG, &pos, close);
			break; /* no later tag can be closed either: the rest is text */
		}
		tag_end = (size_t)(e - text) + clen;
		c0 = r;
		c1 = (size_t)(e - text);
		while (c0 < c1 && is_space(text[c0]))
			c0++;
		while (c1 > c0 && is_space(text[c1 - 1]))
			c1--;

		/* Standalone: only white space before the tag on its line, and after it. */
		ls = tag;
		next = tag_end;
		if (type != 0 && type != '&' && type != '{') {
			while (ls > text_start && (text[ls - 1] == ' ' || text[ls - 1] == '\t'))
				ls--;
			if (ls == 0 || text[ls - 1] == '\n') {
				next = after_line(text, len, tag_end);
				standalone = next != NONE;
			}
		}
		if (!standalone) {
			ls = tag;
			next = tag_end;
		}
		add_text(&C, text_start, ls);
		text_start = p = next;

		if (type == '!' || type == '=') {
			if (type == '=')
				set_delims(&C, text + r, (size_t)(e - text) - r, &pos);
			if (!standalone)
				add_line_start(&C, tag);
			continue;
		}
		if (c0 == c1) {
			diag_report(R->d, D_TMPL_EMPTY_TAG, &pos);
			if (!standalone)
				add_line_start(&C, tag);
			continue;
		}
		if (type == '/') {
			if (!standalone)
				add_line_start(&C, tag); /* inside the section: each pass indents */
			close_section(&C, text + c0, c1 - c0, &pos);
			continue;
		}
		if (type == '>' && !partial_name_ok(text + c0, c1 - c0)) {
			char *show = shown(text + c0, c1 - c0);

			diag_report(R->d, D_TMPL_PARTIAL_NAME, &pos, show);
			free(show);
			if (!standalone)
				add_line_start(&C, tag);
			continue;
		}
		switch (type) {
		case '#': op = add_op(&C, OP_SECTION); break;
		case '^': op = add_op(&C, OP_INVERTED); break;
		case '>': op = add_op(&C, OP_PARTIAL); break;
		case '&':
		case '{': op = add_op(&C, OP_RAW); break;
		default: op = add_op(&C, OP_VAR); break;
		}
		op->pos = pos;
		op->bol = !standalone && (tag == 0 || text[tag - 1] == '\n');
		split_name(&C, op, text + c0, c1 - c0);
		if (type == '>') {
			op->standalone = standalone;
			op->ws = text + ls;
			op->ws_len = standalone ? tag - ls : 0;
		}
		if (type == '#' || type == '^') {
			C.open = xgrow(C.open, &C.capopen, C.nopen + 1, sizeof(*C.open));
			C.open[C.nopen++] = t->n - 1;
		}
	}
	add_text(&C, text_start, len);
	while (C.nopen > 0) {
		struct op *op = &t->ops[C.open[--C.nopen]];
		char *show = shown(op->s, op->len);

		diag_report(R->d, D_TMPL_UNCLOSED_SECTION, &op->pos, show, show);
		free(show);
		op->end = t->n;
	}
	free(C.open);
}

static struct tmpl *
tmpl_new(struct render *R, const char *text, size_t len, const char *file)
{
	struct tmpl *t = xcalloc(1, sizeof(*t));
	size_t errors;

	t->file = file != NULL ? arena_strdup(R->a, file) : NULL;
	R->tmpls = xgrow(R->tmpls, &R->captmpls, R->ntmpls + 1, sizeof(*R->tmpls));
	R->tmpls[R->ntmpls++] = t;
	errors = R->d->errors;
	compile(R, t, text, len);
	t->ok = R->d->errors == errors;
	return t;
}

/* --- partials ----------------------------------------------------------------------------- */

static void
cache_insert(struct render *R, struct partial *p)
{
	size_t i;

	if (2 * (R->ncache + 1) > R->capcache) {
		struct partial **old = R->cache;
		size_t oldcap = R->capcache, k;

		R->capcache = oldcap ? oldcap * 2 : 16;
		R->cache = xcalloc(R->capcache, sizeof(*R->cache));
		for (k = 0; k < oldcap; k++) {
			if (old[k] == NULL)
				continue;
			for (i = (size_t)util_hash_str(old[k]->name) & (R->capcache - 1);
			     R->cache[i] != NULL; i = (i + 1) & (R->capcache - 1))
				;
			R->cache[i] = old[k];
		}
		free(old);
	}
	for (i = (size_t)util_hash_str(p->name) & (R->capcache - 1); R->cache[i] != NULL;
	     i = (i + 1) & (R->capcache - 1))
		;
	R->cache[i] = p;
	R->ncache++;
}

static struct partial *
cache_find(const struct render *R, const char *name)
{
	size_t i;

	if (R->capcache == 0)
		return NULL;
	for (i = (size_t)util_hash_str(name) & (R->capcache - 1); R->cache[i] != NULL;
	     i = (i + 1) & (R->capcache - 1))
		if (strcmp(R->cache[i]->name, name) == 0)
			return R->cache[i];
	return NULL;
}

/* The partial called name (checked by partial_name_ok), compiled on first use. */
/*
 * Whether path, with symbolic links followed, stays inside the folder dir: a partial or a
 * template that is a link leading elsewhere is refused. A path that does not exist is
 * "inside" (the caller reports it missing).
 */
static bool
stays_inside(const char *dir, const char *path)
{
	char *rd = realpath(dir, NULL), *rp = realpath(path, NULL);
	bool ok = rp == NULL;

	if (rp != NULL && rd != NULL)
		ok = util_path_under(rp, rd) != NULL;
	free(rd);
	free(rp);
	return ok;
}

static struct partial *
partial_get(struct render *R, const char *name)
{
	struct partial *p = cache_find(R, name);
	const struct tval *v;

	if (p != NULL)
		return p;
	p = arena_alloc(R->a, sizeof(*p));
	p->name = arena_strdup(R->a, name);
	cache_insert(R, p);
	v = tval_get(R->opts->partials, name);
	if (v != NULL && v->kind == TV_STR) {
		p->tmpl = tmpl_new(R, v->s, strlen(v->s), name);
	} else if (R->opts->dir != NULL) {
		char *path = xasprintf("%s/%s.mustache", R->opts->dir, name);
		struct pos fp = {path, 0, 0};
		size_t len = 0;
		int err = stays_inside(R->opts->dir, path)
		                  ? util_read_file_via(R->opts->reader, path, TMPL_MAX_FILE,
		                                       &p->data, &len)
		                  : EXDEV;

		if (err == EXDEV)
			diag_report(R->d, D_TMPL_OUTSIDE, &fp, path);
		else if (err == 0)
			p->tmpl = tmpl_new(R, p->data, len, path);
		else if (err == ENOENT || err == ENOTDIR)
			p->missing = true;
		else if (err == -1)
			diag_report(R->d, D_FILE_TOO_BIG, &fp, len, (size_t)TMPL_MAX_FILE >> 20);
		else
			diag_report(R->d, D_READ, &fp, path, util_strerror(err));
		free(path);
	} else {
		p->missing = true;
	}
	return p;
}

/* --- running ------------------------------------------------------------------------------ */

/* Push v, which is item `item` of list when list is not NULL. */
static void
push_ctx(struct render *R, const struct tval *v, const struct tval *list, size_t item)
{
	R->ctx = xgrow(R->ctx, &R->capctx, R->nctx + 1, sizeof(*R->ctx));
	if (v->kind == TV_MAP) {
		R->maps = xgrow(R->maps, &R->capmaps, R->nmaps + 1, sizeof(*R->maps));
		R->maps[R->nmaps].ctx = R->nctx;
		R->maps[R->nmaps].item = item;
		R->maps[R->nmaps].len = list != NULL ? list->n : 0;
		R->nmaps++;
	}
	R->ctx[R->nctx++] = v;
}

static void
pop_ctx(struct render *R)
{
	R->nctx--;
	if (R->nmaps > 0 && R->maps[R->nmaps - 1].ctx == R->nctx)
		R->nmaps--;
}

/* The item fields, in the order a did-you-mean offers them. */
static const char *const item_fields[] = {"posizione", "primo", "ultimo", "penultimo"};

/* The item field s[0..n) of the list item m, or NULL when s names none or m is no item. */
static const struct tval *
item_field(struct render *R, const struct ctx_map *m, const char *s, size_t n)
{
	static const struct tval yes = {.kind = TV_BOOL, .b = true}, no = {.kind = TV_BOOL};
	size_t i;

	if (m->len == 0)
		return NULL;
	for (i = 0; i < sizeof(item_fields) / sizeof(*item_fields); i++)
		if (strlen(item_fields[i]) == n && memcmp(item_fields[i], s, n) == 0)
			break;
	switch (i) {
	case 0:
		if (R->npositions <= m->item) {
			/* every position up to this one, each made once per render */
			size_t k, cap = m->len;
			struct tval *p = arena_array(R->a, cap, sizeof(*p));

			if (R->npositions > 0)
				memcpy(p, R->positions, R->npositions * sizeof(*p));
			for (k = R->npositions; k < cap; k++)
				tval_strf(&p[k], R->a, "%zu", k + 1);
			R->positions = p;
			R->npositions = cap;
		}
		return &R->positions[m->item];
	case 1: return m->item == 0 ? &yes : &no;
	case 2: return m->item + 1 == m->len ? &yes : &no;
	case 3: return m->item + 2 == m->len ? &yes : &no;
	default: return NULL;
	}
}

/* The value of the name s[0..n) in the map m of the context stack, or NULL. */
static const struct tval *
ctx_get(struct render *R, const struct ctx_map *m, const char *s, size_t n)
{
	const struct tval *v = tval_get_n(R->ctx[m->ctx], s, n);

	return v != NULL ? v : item_field(R, m, s, n);
}

static struct frame *
push_frame(struct render *R)
{
	struct frame *f;

	R->fr = xgrow(R->fr, &R->capfr, R->nfr + 1, sizeof(*R->fr));
	f = &R->fr[R->nfr++];
	memset(f, 0, sizeof(*f));
	f->indent = f->outer = NONE;
	return f;
}

/* Put the indentation of frame chain (outermost first). */
static void
put_indent(struct render *R, size_t fi)
{
	size_t n = 0, i;

	for (i = fi; i != NONE; i = R->fr[i].outer) {
		R->chain = xgrow(R->chain, &R->capchain, n + 1, sizeof(*R->chain));
		R->chain[n++] = i;
	}
	while (n-- > 0)
		buf_add(R->out, R->fr[R->chain[n]].ws, R->fr[R->chain[n]].ws_len);
}

/* Text of the template, indented after each of its line ends when in an indented partial. */
static void
put_text(struct render *R, const char *s, size_t n, size_t indent)
{
	const char *nl;

	if (indent == NONE) {
		buf_add(R->out, s, n);
		return;
	}
	while (n > 0 && (nl = memchr(s, '\n', n)) != NULL && (size_t)(nl - s) + 1 < n) {
		size_t k = (size_t)(nl - s) + 1;

		buf_add(R->out, s, k);
		put_indent(R, indent);
		s += k;
		n -= k;
	}
	buf_add(R->out, s, n);
}

static bool
is_md_punct(unsigned char c)
{
	return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) ||
	       (c >= 123 && c <= 126);
}

static void
put_escaped(struct render *R, const char *s)
{
	struct buf *out = R->out;
	const char *run = s;
	bool space = false, any = false;

	switch (R->opts->escape) {
	case TMPL_ESCAPE_HTML:
		for (; *s != '\0'; s++) {
			const char *rep = NULL;

			switch (*s) {
			case '&': rep = "&amp;"; break;
			case '"': rep = "&quot;"; break;
			case '<': rep = "&lt;"; break;
			case '>': rep = "&gt;"; break;
			default: continue;
			}
			buf_add(out, run, (size_t)(s - run));
			buf_puts(out, rep);
			run = s + 1;
		}
		buf_add(out, run, (size_t)(s - run));
		break;
	case TMPL_ESCAPE_MARKDOWN:
		for (; *s != '\0'; s++) {
			unsigned char c = (unsigned char)*s;

			if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
				space = any;
				continue;
			}
			if (space)
				buf_putc(out, ' ');
			space = false;
			any = true;
			if (is_md_punct(c))
				buf_putc(out, '\\');
			buf_putc(out, c);
		}
		break;
	default: buf_puts(out, s); break;
	}
}

/*
 * The value of op's name in the contexts; *found is false when no context has it. The maps
 * walked count as steps: deep stacks of maps cost what they cost, within the budget.
 */
static const struct tval *
resolve(struct render *R, const struct op *op, bool *found)
{
	const struct tval *v = NULL;
	size_t i, k;

	*found = true;
	if (op->nparts == 0)
		return R->ctx[R->nctx - 1];
	for (i = R->nmaps; i-- > 0 && v == NULL; R->steps++)
		v = ctx_get(R, &R->maps[i], op->parts[0].s, op->parts[0].len);
	for (k = 1; v != NULL && k < op->nparts; k++) {
		if (v->kind == TV_NULL)
			return v; /* an absent optional value, not a misspelt name */
		v = tval_get_n(v, op->parts[k].s, op->parts[k].len);
	}
	*found = v != NULL;
	return v;
}

/* Report a run-time error of op once. */
static bool
first_report(struct op *op)
{
	bool first = !op->reported;

	op->reported = true;
	return first;
}

/* Add the keys of map v to the candidates of a suggestion. */
static void
add_keys(const struct tval *v, const char ***cands, size_t *n, size_t *cap)
{
	size_t i;

	for (i = 0; v != NULL && v->kind == TV_MAP && i < v->n && *n < TMPL_MAX_CANDS; i++) {
		*cands = xgrow(*cands, cap, *n + 1, sizeof(**cands));
		(*cands)[(*n)++] = v->keys[i];
	}
}

/* A name close to op's that is there (a did-you-mean), or NULL. The caller frees it. */
static char *
suggestion(struct render *R, const struct op *op)
{
	const struct tval *v = NULL;
	const char **cands = NULL, *best;
	size_t ncands = 0, cap = 0, i, k = 0;
	char *word, *show, *s = NULL;

	for (i = R->nmaps; i-- > 0 && v == NULL;)
		v = ctx_get(R, &R->maps[i], op->parts[0].s, op->parts[0].len);
	if (v == NULL) {
		for (i = R->nmaps; i-- > 0;) {
			add_keys(R->ctx[R->maps[i].ctx], &cands, &ncands, &cap);
			for (k = 0;
			     R->maps[i].len > 0 && k < sizeof(item_fields) / sizeof(*item_fields);
			     k++) {
				cands = xgrow(cands, &cap, ncands + 1, sizeof(*cands));
				cands[ncands++] = item_fields[k];
			}
		}
		k = 0;
	} else {
		for (k = 1; k < op->nparts; k++) {
			const struct tval *w = tval_get_n(v, op->parts[k].s, op->parts[k].len);

			if (w == NULL)
				break;
			v = w;
		}
		add_keys(v, &cands, &ncands, &cap);
	}
	if (k >= op->nparts)
		k = op->nparts - 1;
	word = xstrndup(op->parts[k].s, op->parts[k].len);
	best = text_suggest(word, cands, ncands);
	if (best != NULL) {
		show = shown(best, strlen(best));
		s = xasprintf("%.*s%s", (int)(op->parts[k].s - op->s), op->s, show);
		free(show);
	}
	free(word);
	free(cands);
	return s;
}

static const struct tval *
lookup(struct render *R, struct op *op)
{
	bool found;
	const struct tval *v = resolve(R, op, &found);

	if (!found && R->opts->strict && first_report(op)) {
		char *show = shown(op->s, op->len), *hint = suggestion(R, op);

		diag_report(R->d, D_TMPL_UNKNOWN, &op->pos, show);
		if (hint != NULL)
			diag_note(R->d, &op->pos, "forse '%s'?", hint);
		free(show);
		free(hint);
	}
	return v;
}

static void
put_value(struct render *R, const struct op *op, const struct tval *v)
{
	const char *s = NULL;

	if (v == NULL)
		return;
	if (v->kind == TV_STR)
		s = v->s;
	else if (v->kind == TV_BOOL)
		s = v->b ? "true" : "false";
	if (s == NULL || *s == '\0')
		return;
	if (op->kind == OP_RAW)
		buf_puts(R->out, s);
	else
		put_escaped(R, s);
}

/* Begin the body of section op (in frame fi) with the context v. */
static void
enter_section(struct render *R, size_t fi, const struct op *op, const struct tval *v,
              const struct tval *list)
{
	size_t body = R->fr[fi].pc;
	struct frame *f;

	R->fr[fi].pc = op->end;
	f = push_frame(R);
	f->t = R->fr[fi].t;
	f->pc = f->body = body;
	f->end = op->end;
	f->list = list;
	f->item = 1;
	f->pushed = true;
	f->indent = R->fr[fi].indent;
	f->depth = R->fr[fi].depth;
	push_ctx(R, v, list, 0);
}

static void
enter_partial(struct render *R, size_t fi, struct op *op)
{
	struct partial *p = op->target;
	struct frame *f;
	int depth = R->fr[fi].depth + 1;

	if (p == NULL)
		p = op->target = partial_get(R, op->s);
	if (p->tmpl == NULL) {
		if (p->missing && R->opts->strict && first_report(op)) {
			char *where = R->opts->dir != NULL
			                      ? xasprintf("%s/%s.mustache", R->opts->dir, op->s)
			                      : xstrdup("nessuna cartella di modelli indicata");

			diag_report(R->d, D_TMPL_PARTIAL, &op->pos, op->s, where);
			free(where);
		}
		return;
	}
	if (!p->tmpl->ok)
		return; /* its errors were reported; running it would only add more */
	if (depth > R->max_depth) {
		diag_report(R->d, D_TMPL_DEPTH, &op->pos, R->max_depth);
		R->stop = true;
		return;
	}
	f = push_frame(R);
	f->t = p->tmpl;
	f->end = p->tmpl->n;
	f->depth = depth;
	if (op->standalone) {
		f->ws = op->ws;
		f->ws_len = op->ws_len;
		f->outer = R->fr[fi].indent;
		if (f->ws_len > 0 || f->outer != NONE)
			f->indent = R->nfr - 1;
	}
}

/* One step of the top frame. */
static void
step(struct render *R)
{
	size_t fi = R->nfr - 1;
	struct frame *f = &R->fr[fi];
	struct op *op;
	const struct tval *v;

	if (f->pc >= f->end) {
		if (f->list != NULL && f->item < f->list->n) {
			pop_ctx(R);
			push_ctx(R, f->list->items[f->item], f->list, f->item);
			f->item++;
			f->pc = f->body;
			return;
		}
		if (f->pushed)
			pop_ctx(R);
		R->nfr--;
		return;
	}
	op = &f->t->ops[f->pc++];
	if (op->kind != OP_TEXT)
		R->at = &op->pos;
	if (op->bol && f->indent != NONE)
		put_indent(R, f->indent);
	switch (op->kind) {
	case OP_TEXT: put_text(R, op->s, op->len, f->indent); break;
	case OP_VAR:
	case OP_RAW: put_value(R, op, lookup(R, op)); break;
	case OP_SECTION:
		v = lookup(R, op);
		if (v != NULL && v->kind == TV_LIST) {
			if (v->n > 0)
				enter_section(R, fi, op, v->items[0], v);
			else
				f->pc = op->end;
		} else if (tval_is_truthy(v)) {
			enter_section(R, fi, op, v, NULL);
		} else {
			f->pc = op->end;
		}
		break;
	case OP_INVERTED:
		if (tval_is_truthy(lookup(R, op)))
			f->pc = op->end; /* else the body runs here, in the same context */
		break;
	case OP_PARTIAL: enter_partial(R, fi, op); break;
	default: break;
	}
}

static void
run(struct render *R, struct tmpl *t, const struct tval *data, const char *file)
{
	static const struct tval null_value;
	const struct pos start = {file, 0, 0};
	struct frame *f;

	push_ctx(R, data != NULL ? data : &null_value, NULL, 0);
	f = push_frame(R);
	f->t = t;
	f->end = t->n;
	while (R->nfr > 0 && !R->stop) {
		step(R);
		if (++R->steps > TMPL_MAX_STEPS || R->out->len - R->out_start > TMPL_MAX_OUTPUT) {
			/* No message of its own: the nearest is the one for runaway partials. */
			diag_report(R->d, D_TMPL_DEPTH, R->at != NULL ? R->at : &start,
			            R->max_depth);
			diag_note(R->d, R->at != NULL ? R->at : &start,
			          "il modello si espande oltre " TMPL_STEPS_SHOWN
			          " passi o " TMPL_OUTPUT_SHOWN
			          " di testo: sezioni o partial si ripetono "
			          "troppe volte");
			R->stop = true;
		}
	}
}

/* --- entry points ------------------------------------------------------------------------- */

bool
tmpl_render(const char *text, size_t len, const char *file, const struct tval *data,
            const struct tmpl_opts *opts, struct buf *out, struct diags *d)
{
	struct render R;
	size_t errors = d->errors, i;
	struct tmpl *t;
	bool ok;

	memset(&R, 0, sizeof(R));
	R.opts = opts;
	R.d = d;
	R.a = arena_new();
	R.out = out;
	R.out_start = out->len;
	R.max_depth = opts->max_depth > 0 ? opts->max_depth : TMPL_DEFAULT_DEPTH;

	t = tmpl_new(&R, text != NULL ? text : "", text != NULL ? len : 0, file);
	if (t->ok)
		run(&R, t, data, file);
	ok = d->errors == errors;
	if (!ok) {
		out->len = R.out_start;
		if (out->data != NULL)
			out->data[out->len] = '\0';
	}

	for (i = 0; i < R.ntmpls; i++) {
		free(R.tmpls[i]->ops);
		free(R.tmpls[i]);
	}
	for (i = 0; i < R.capcache; i++)
		if (R.cache[i] != NULL)
			free(R.cache[i]->data);
	free(R.tmpls);
	free(R.cache);
	free(R.ctx);
	free(R.maps);
	free(R.fr);
	free(R.chain);
	arena_free(R.a);
	return ok;
}

bool
tmpl_render_file(const char *name, const struct tval *data, const struct tmpl_opts *opts,
                 struct buf *out, struct diags *d)
{
	const char *dir = opts->dir != NULL ? opts->dir : ".";
	char *path = NULL, *text = NULL;
	size_t len = 0;
	struct pos fp = {NULL, 0, 0};
	bool ok = false;
	int err;

	if (!partial_name_ok(name, strlen(name))) {
		diag_report(d, D_TMPL_PARTIAL_NAME, &fp, name);
		goto out;
	}
	path = xasprintf("%s/%s.mustache", dir, name);
	fp.file = path;
	err = stays_inside(dir, path)
	              ? util_read_file_via(opts->reader, path, TMPL_MAX_FILE, &text, &len)
	              : EXDEV;
	if (err == EXDEV)
		diag_report(d, D_TMPL_OUTSIDE, &fp, path);
	else if (err == ENOENT || err == ENOTDIR)
		diag_report(d, D_TMPL_MISSING, &fp, path);
	else if (err == -1)
		diag_report(d, D_FILE_TOO_BIG, &fp, len, (size_t)TMPL_MAX_FILE >> 20);
	else if (err != 0)
		diag_report(d, D_READ, &fp, path, util_strerror(err));
	else
		ok = tmpl_render(text, len, path, data, opts, out, d);
out:
	free(text);
	free(path);
	return ok;
}
