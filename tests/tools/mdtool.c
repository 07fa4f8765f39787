/*
 * mdtool.c: test helper. `mdtool text FILE.md` prints the text of every block of a Markdown file
 * (what a reader must find in the PDF); `mdtool spec SPEC.txt DIR` typesets every example of the
 * CommonMark spec through the PDF back end (each must make a PDF on its own), then all of them
 * in one document, each after a paragraph "§N§", as DIR/spec.pdf, with DIR/N.txt (example N's
 * text); it exits 1 if any example fails. `mdtool spec SPEC.txt DIR KINDS` takes only the
 * examples marked with one of KINDS (a comma-separated list: "table,strikethrough" in the GFM
 * spec, whose extensions' examples read "example table"), numbered from 1 among themselves.
 */
#include <cmark-gfm.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fonts.h"
#include "hyphenate.h"
#include "markdown.h"
#include "pdf.h"
#include "style.h"
#include "typeset.h"
#include "util.h"

/* The text of a document: each block's inline text on a line. */
static void
text_of(cmark_node *doc, struct buf *out)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *lit;

		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_INLINE: buf_puts(out, cmark_node_get_literal(n)); break;
		case CMARK_NODE_SOFTBREAK: buf_putc(out, ' '); break;
		case CMARK_NODE_LINEBREAK: buf_putc(out, '\n'); break;
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK:
			lit = cmark_node_get_literal(n);
			if (strncmp(lit, "<!-- verbale:", 13) != 0)
				buf_printf(out, "%s\n", lit);
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			if (ev == CMARK_EVENT_EXIT)
				buf_putc(out, '\n');
			break;
		default:
			/* a table's cells are words apart, its rows lines apart */
			if (ev == CMARK_EVENT_EXIT && markdown_node_kind(n) == MARKDOWN_TABLE_CELL)
				buf_putc(out, ' ');
			else if (ev == CMARK_EVENT_EXIT &&
			         markdown_node_kind(n) == MARKDOWN_TABLE_ROW)
				buf_putc(out, '\n');
			break;
		}
	}
	cmark_iter_free(it);
}

/* Whether the example whose fence line goes on with info is one of kinds (NULL: all). */
static bool
kind_wanted(const char *info, const char *kinds)
{
	size_t len = strcspn(info, "\n"), at;

	if (kinds == NULL)
		return true;
	while (len > 0 && info[0] == ' ') {
		info++;
		len--;
	}
	for (at = 0; len > 0 && kinds[at] != '\0'; at += strcspn(kinds + at, ",")) {
		at += kinds[at] == ',';
		if (strncmp(kinds + at, info, len) == 0 &&
		    (kinds[at + len] == ',' || kinds[at + len] == '\0'))
			return true;
	}
	return false;
}

static int
text(const char *path)
{
	char *md;
	size_t len;
	struct buf out = {0};
	struct cmark_node *doc;

	if (util_read_file(path, 1 << 26, &md, &len) != 0) {
		perror(path);
		return 1;
	}
	doc = markdown_parse(md, len);
	text_of(doc, &out);
	fwrite(out.data ? out.data : "", 1, out.len, stdout);
	markdown_free(doc);
	buf_free(&out);
	free(md);
	return 0;
}

static int
write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		return 1;
	}
	return 0;
}

static int
spec(const char *path, const char *dir, const char *kinds)
{
	static const char fence[] = "```````````````````````````````` example";
	struct ts_style st;
	struct ts_hooks hooks;
	struct diags d;
	struct fonts *f;
	struct hyphenator *h;
	char *data, *p, *end;
	size_t len;
	int n = 0, failures = 0;
	struct cmark_node *all = markdown_parse("", 0);
	struct buf pdf = {0};
	struct pdf_meta meta;
	struct ts_doc *ts;

	if (util_read_file(path, 1 << 26, &data, &len) != 0) {
		perror(path);
		return 1;
	}
	style_default(&st);
	memset(&hooks, 0, sizeof(hooks));
	hooks.warn_at.file = path;
	diags_init(&d, NULL); /* missing glyphs are expected here: the spec is all of Unicode */
	f = fonts_open(&st.fonts, &d);
	h = hyphenate_open(NULL, NULL, &d);
	if (f == NULL || h == NULL) {
		diags_flush(&d);
		return 1;
	}
	memset(&meta, 0, sizeof(meta));
	meta.title = "CommonMark";
	meta.author = "verbale";
	meta.creator = "verbale";
	meta.date = 0;
	meta.icc_path = "/usr/share/color/icc/sRGB.icc";
	for (p = strstr(data, fence); p != NULL; p = strstr(end, fence)) {
		struct buf md = {0}, txt = {0};
		cmark_node *doc, *c, *mark;
		char *name, *q, *dot, label[32];

		bool wanted;

		p += sizeof(fence) - 1;
		wanted = kind_wanted(p, kinds);
		p = strchr(p, '\n') + 1;
		dot = strstr(p, "\n.\n");
		end = strstr(p, "\n````````````````````````````````");
		if (dot == NULL || end == NULL)
			break;
		if (!wanted)
			continue;
		n++;
		/* the spec writes tabs as arrows */
		for (q = p; q < dot + 1; q++) {
			if (strncmp(q, "\xE2\x86\x92", 3) == 0) {
				buf_putc(&md, '\t');
				q += 2;
			} else
				buf_putc(&md, *q);
		}
		doc = markdown_parse(md.data ? md.data : "", md.len);
		text_of(doc, &txt);
		ts = ts_typeset(doc, &st, f, h, &hooks, &d);
		if (!pdf_write(ts, f, &meta, NULL, &pdf, &d)) {
			fprintf(stderr, "example %d: pdf_write failed\n", n);
			failures++;
		}
		pdf.len = 0;
		ts_free(ts);
		name = xasprintf("%s/%d.txt", dir, n);
		failures += write_file(name, txt.data ? txt.data : "", txt.len);
		free(name);
		/* then into the whole document, after its label */
		snprintf(label, sizeof(label), "\xC2\xA7%d\xC2\xA7", n);
		/* parsed, not made with cmark_node_new: cmark-gfm joins only nodes of one allocator
		 */
		mark = markdown_parse(label, strlen(label));
		while ((c = cmark_node_first_child(mark)) != NULL) {
			cmark_node_unlink(c);
			cmark_node_append_child(all, c);
		}
		markdown_free(mark);
		while ((c = cmark_node_first_child(doc)) != NULL) {
			cmark_node_unlink(c);
			cmark_node_append_child(all, c);
		}
		markdown_free(doc);
		buf_free(&md);
		buf_free(&txt);
	}
	ts = ts_typeset(all, &st, f, h, &hooks, &d);
	if (!pdf_write(ts, f, &meta, NULL, &pdf, &d)) {
		fputs("all examples: pdf_write failed\n", stderr);
		failures++;
	}
	{
		char *name = xasprintf("%s/spec.pdf", dir);

		failures += write_file(name, pdf.data ? pdf.data : "", pdf.len);
		free(name);
	}
	ts_free(ts);
	markdown_free(all);
	buf_free(&pdf);
	printf("%d examples\n", n);
	if (d.errors > 0) {
		d.out = stderr;
		diags_flush(&d);
		failures++;
	}
	diags_clear(&d);
	hyphenate_free(h);
	fonts_free(f);
	free(data);
	return failures ? 1 : 0;
}

int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "text") == 0)
		return text(argv[2]);
	if ((argc == 4 || argc == 5) && strcmp(argv[1], "spec") == 0)
		return spec(argv[2], argv[3], argc == 5 ? argv[4] : NULL);
	fputs("uso: mdtool text FILE.md | mdtool spec SPEC.txt DIR [KINDS]\n", stderr);
	return 2;
}
