/* markdown_test.c: the Markdown verbale writes is a fixed point of cmark; fields embed safely. */
#include <stdbool.h>
#include <stdlib.h>

#include "harness.h"
#include "markdown.h"
#include "util.h"

/* Parsing NAME.md with cmark and rendering it back as CommonMark gives NAME.md. */
static void
round_trip(const char *path)
{
	char *text, *again;
	size_t len;

	harness.test = path;
	if (util_read_file(path, 1 << 24, &text, &len) != 0) {
		OK(false, "golden Markdown file readable");
		return;
	}
	again = markdown_normalize(text, len, NULL);
	OK(strcmp(text, again) == 0, "parse and render give the same text");
	free(text);
	free(again);
}

static void
field(const char *in, int demote, int indent, const char *want, const char *what)
{
	char *got = markdown_field(in, demote, indent);

	STR_EQ(got, want, what);
	free(got);
}

/* markdown_check on text: whether it passes and, if not, the message. */
static void
check(const char *text, bool ok, enum diag_id id, const char *msg, const char *what)
{
	struct diags d;
	struct pos at = {"f.yaml", 3, 5};

	diags_init(&d, NULL);
	INT_EQ(markdown_check(text, &at, &d), ok, what);
	INT_EQ(d.n, ok ? 0 : 1, what);
	if (!ok && d.n == 1) {
		INT_EQ(d.v[0].id, id, what);
		STR_EQ(d.v[0].msg, msg, what);
		INT_EQ(d.v[0].pos.line, 3, what);
	}
	diags_clear(&d);
}

static char *
repeat(const char *s, size_t n, const char *tail)
{
	struct buf b = {0};
	size_t i;

	for (i = 0; i < n; i++)
		buf_puts(&b, s);
	buf_puts(&b, tail);
	return buf_detach(&b);
}

static void
limits(void)
{
	char *t;

	harness.test = "markdown limits";
	t = repeat("[a](b) ", MARKDOWN_MAX_BRACKETS, "\\[ \\[");
	check(t, true, D_MD_BRACKETS, "", "escaped brackets do not count");
	free(t);
	t = repeat("[a](b) ", MARKDOWN_MAX_BRACKETS + 1, "");
	check(t, false, D_MD_BRACKETS,
	      "testo con 2001 parentesi '[', oltre il limite di 2000: ridurre link e immagini o "
	      "scrivere le parentesi come '\\['",
	      "one bracket too many");
	free(t);
	t = repeat("*a* __b__ ", MARKDOWN_MAX_EMPH / 4, "");
	check(t, true, D_MD_EMPH, "", "as many emphasis runs as allowed");
	free(t);
	t = repeat("*a* __b__ ", MARKDOWN_MAX_EMPH / 4, "*");
	check(t, false, D_MD_EMPH,
	      "testo con 5001 gruppi di '*' o '_', oltre il limite di 5000: ridurre corsivi e "
	      "grassetti o scrivere i segni come '\\*' e '\\_'",
	      "one emphasis run too many");
	free(t);
	t = repeat("> - ", MARKDOWN_MAX_DEPTH / 2, "x");
	check(t, true, D_MD_DEEP, "", "quotes and lists as deep as allowed");
	free(t);
	t = repeat("> - ", MARKDOWN_MAX_DEPTH / 2, "> x");
	check(t, false, D_MD_DEEP,
	      "testo annidato oltre 100 livelli di citazioni ed elenchi: ridurre i livelli",
	      "one level too many");
	free(t);
	t = repeat("> ", 40000, "x");
	check(t, false, D_MD_DEEP,
	      "testo annidato oltre 100 livelli di citazioni ed elenchi: ridurre i livelli",
	      "40,000 quotes");
	free(t);
}

void
markdown_tests(void)
{
	static const char *const goldens[] = {
	        "tests/golden/samples/torino-2022-02-23.md",
	        "tests/golden/samples/consiglio-comunale-2024-04-18.md",
	        "tests/golden/markdown-ostile.md",
	};
	char *html;
	size_t i;

	for (i = 0; i < sizeof(goldens) / sizeof(goldens[0]); i++)
		round_trip(goldens[i]);

	harness.test = "markdown fields";
	field("```\ncodice", 0, 0, "``` \ncodice\n```", "an open code fence is closed");
	field("# Titolo\n\n## Sotto", 2, 0, "### Titolo\n\n#### Sotto", "headings moved down");
	field("###### Sei", 2, 0, "###### Sei", "never below level 6");
	field("uno\n\ndue", 0, 3, "uno\n\n   due", "continuation lines indented");
	field("", 0, 0, "", "an empty field");

	limits();

	harness.test = "markdown html";
	html = markdown_html("a <b>x</b>\n\n<div>y</div>\n", 25);
	STR_EQ(html,
	       "<p>a "
	       "&lt;b&gt;x&lt;/b&gt;</p>\n<pre><code>&lt;div&gt;y&lt;/div&gt;\n</code></pre>\n",
	       "raw HTML shown as text");
	free(html);
}
