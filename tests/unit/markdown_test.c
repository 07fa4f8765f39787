/* markdown_test.c: the Markdown verbale writes is a fixed point of cmark; fields embed safely. */
#include <stdbool.h>
#include <stdlib.h>

#include <cmark-gfm.h>

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

static void
limits(void)
{
	char *t;

	harness.test = "markdown limits";
	t = harness_repeat("[a](b) ", MARKDOWN_MAX_BRACKETS, "\\[ \\[");
	check(t, true, D_MD_BRACKETS, "", "escaped brackets do not count");
	free(t);
	t = harness_repeat("[a](b) ", MARKDOWN_MAX_BRACKETS + 1, "");
	check(t, false, D_MD_BRACKETS,
	      "testo con 2001 parentesi '[', oltre il limite di 2000: ridurre link e immagini o "
	      "scrivere le parentesi come '\\['",
	      "one bracket too many");
	free(t);
	t = harness_repeat("*a* __b__ ", MARKDOWN_MAX_EMPH / 4, "");
	check(t, true, D_MD_EMPH, "", "as many emphasis runs as allowed");
	free(t);
	t = harness_repeat("*a* __b__ ", MARKDOWN_MAX_EMPH / 4, "*");
	check(t, false, D_MD_EMPH,
	      "testo con 5001 gruppi di '*' o '_', oltre il limite di 5000: ridurre corsivi e "
	      "grassetti o scrivere i segni come '\\*' e '\\_'",
	      "one emphasis run too many");
	free(t);
	t = harness_repeat("> - ", MARKDOWN_MAX_DEPTH / 2, "x");
	check(t, true, D_MD_DEEP, "", "quotes and lists as deep as allowed");
	free(t);
	t = harness_repeat("> - ", MARKDOWN_MAX_DEPTH / 2, "> x");
	check(t, false, D_MD_DEEP,
	      "testo annidato oltre 100 livelli di citazioni ed elenchi: ridurre i livelli",
	      "one level too many");
	free(t);
	t = harness_repeat("> ", 40000, "x");
	check(t, false, D_MD_DEEP,
	      "testo annidato oltre 100 livelli di citazioni ed elenchi: ridurre i livelli",
	      "40,000 quotes");
	free(t);
	/* lists nested by indentation, a level a line, with each kind of line ending: the
	 * check parses only the text whose lines may nest deeper than allowed */
	for (int eol = 0; eol < 3; eol++) {
		static const char *const ends[] = {"\n", "\r", "\r\n"};
		int levels[] = {MARKDOWN_MAX_DEPTH, MARKDOWN_MAX_DEPTH + 1}, k, i;

		for (k = 0; k < 2; k++) {
			struct buf b = {0};

			for (i = 0; i < levels[k]; i++)
				buf_printf(&b, "%*s- livello %d%s", 2 * i, "", i + 1, ends[eol]);
			check(b.data, k == 0, D_MD_DEEP,
			      "testo annidato oltre 100 livelli di citazioni ed elenchi: ridurre i "
			      "livelli",
			      k == 0 ? "lists nested by indentation as deep as allowed"
			             : "lists nested by indentation, one level too many");
			buf_free(&b);
		}
	}
	check("> > > x\n>>>>", true, D_MD_DEEP, "", "a few quotes, no parse needed");
}

/* markdown_html's images: those whose address starts with "ok" are shown as a data: address
 * (a JPEG for "okj"), which cmark's safe HTML keeps; the others are listed. */
static char *
keep_ok(void *ctx, const char *url)
{
	struct buf *asked = ctx;

	buf_printf(asked, "[%s]", url);
	if (strncmp(url, "ok", 2) != 0)
		return NULL;
	return xstrdup(url[2] == 'j' ? "data:image/jpeg;base64,QUJD"
	                             : "data:image/png;base64,QUJD");
}

static void
html_images(void)
{
	static const struct {
		const char *md, *html, *asked, *what;
	} cases[] = {
	        {"a ![una *foto* <b>](https://t.example/p.gif) b\n",
	         "<p>a una <em>foto</em> &lt;b&gt; b</p>\n", "[https://t.example/p.gif]",
	         "a remote image: its description, escaped"},
	        {"![pixel](//t.example/p.gif)\n", "<p>pixel</p>\n", "[//t.example/p.gif]",
	         "protocol-relative"},
	        {"![x](ok.png)\n", "<p><img src=\"data:image/png;base64,QUJD\" alt=\"x\" /></p>\n",
	         "[ok.png]", "an image the caller accepts: the address it gives"},
	        {"t ![x](okj.jpg) t\n",
	         "<p>t <img src=\"data:image/jpeg;base64,QUJD\" alt=\"x\" /> t</p>\n", "[okj.jpg]",
	         "inside text, a JPEG"},
	        {"![a ![b](ok.png)](https://t/)\n",
	         "<p>a <img src=\"data:image/png;base64,QUJD\" alt=\"b\" /></p>\n",
	         "[https://t/][ok.png]",
	         "an image in a dropped image's description is asked about"},
	        {"![a ![b](https://t/)](ok.png)\n",
	         "<p><img src=\"data:image/png;base64,QUJD\" alt=\"a b\" /></p>\n", "[ok.png]",
	         "an image in a kept one's description is alt text"},
	        {"[![a](x.png)](https://e.it/)\n", "<p><a href=\"https://e.it/\">a</a></p>\n",
	         "[x.png]", "inside a link"},
	        {"![](x.png)\n", "<p></p>\n", "[x.png]", "no description"},
	};
	size_t i;
	char *html;

	harness.test = "markdown html images";
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf asked = {0};

		html = markdown_html(cases[i].md, strlen(cases[i].md), MARKDOWN_QUOTES_STRAIGHT,
		                     keep_ok, &asked);
		STR_EQ(html, cases[i].html, cases[i].what);
		STR_EQ(asked.data ? asked.data : "", cases[i].asked, cases[i].what);
		free(html);
		buf_free(&asked);
	}
	html = markdown_html("![x](ok.png)\n", 13, MARKDOWN_QUOTES_STRAIGHT, NULL, NULL);
	STR_EQ(html, "<p>x</p>\n", "no callback: no image");
	free(html);
	html = markdown_html("| a | b |\n|---|--:|\n| 1 | 2 |\n\n~~via~~\n", 39,
	                     MARKDOWN_QUOTES_STRAIGHT, NULL, NULL);
	STR_EQ(html,
	       "<table>\n<thead>\n<tr>\n<th>a</th>\n<th align=\"right\">b</th>\n</tr>\n</thead>\n"
	       "<tbody>\n<tr>\n<td>1</td>\n<td align=\"right\">2</td>\n</tr>\n</tbody>\n</table>\n"
	       "<p><del>via</del></p>\n",
	       "a GFM table and a strikethrough in HTML");
	free(html);

	harness.test = "markdown remote urls";
	OK(markdown_url_is_remote("https://e.it/a.png"), "https:");
	OK(markdown_url_is_remote("HTTP://E.IT/a.png"), "HTTP:");
	OK(markdown_url_is_remote("//e.it/a.png"), "protocol-relative");
	OK(markdown_url_is_remote("data:image/png;base64,AAAA"), "data:");
	OK(markdown_url_is_remote("c:a.png"), "any scheme");
	OK(markdown_url_is_remote("svn+ssh.x-y:z"), "a scheme with '+', '.' and '-'");
	OK(!markdown_url_is_remote("grafico.png"), "a file");
	OK(!markdown_url_is_remote("img/grafico.png"), "a file in a folder");
	OK(!markdown_url_is_remote("./c:a.png"), "a file with ':' after './'");
	OK(!markdown_url_is_remote("1a:b.png"), "a scheme starts with a letter");
	OK(!markdown_url_is_remote("/etc/a.png"), "an absolute path (outside, not remote)");
	OK(!markdown_url_is_remote(""), "empty");

	harness.test = "base64";
	{
		static const char *const want[] = {
		        "", "YQ==", "YWI=", "YWJj", "YWJjZA==", "YWJjZGU="};
		struct buf b = {0};

		for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
			buf_base64(&b, "abcde", i);
			STR_EQ(b.data ? b.data : "", want[i], "RFC 4648");
			buf_free(&b);
		}
		buf_base64(&b, "\xff\xfe\x00", 3);
		STR_EQ(b.data, "//4A", "high bytes and NUL");
		buf_free(&b);
	}
}

/* The text of the first paragraph of doc, its text nodes joined, and how many there are. */
static char *
para_text(struct cmark_node *doc, int *nodes)
{
	struct cmark_node *n = cmark_node_first_child(cmark_node_first_child(doc));
	struct buf b = {0};

	*nodes = 0;
	for (; n != NULL; n = cmark_node_next(n))
		if (cmark_node_get_type(n) == CMARK_NODE_TEXT) {
			buf_puts(&b, cmark_node_get_literal(n));
			(*nodes)++;
		}
	return buf_detach(&b);
}

/* stile.yaml's virgolette: the tree the PDF is set from and the HTML have cmark's smart
 * punctuation, with “ ” or « », or the source's characters; the Markdown always has those. */
static void
quotes(void)
{
	static const char src[] = "L'aula: \"il 'voto'\" -- fine... [x](javascript:y)\n",
	                  field_src[] = "Davide D\\'AGOSTINO \\\"Pino\\\"\n";
	static const struct {
		enum markdown_quotes q;
		const char *text, *html;
		int nodes;
	} cases[] = {
	        {MARKDOWN_QUOTES_HIGH, "L’aula: “il ‘voto’” – fine… x",
	         "<p>L’aula: “il ‘voto’” – fine… x</p>\n", 1},
	        {MARKDOWN_QUOTES_LOW, "L’aula: «il ‘voto’» – fine… x",
	         "<p>L’aula: «il ‘voto’» – fine… x</p>\n", 1},
	        {MARKDOWN_QUOTES_STRAIGHT, "L'aula: \"il 'voto'\" -- fine... x",
	         "<p>L'aula: &quot;il 'voto'&quot; -- fine... x</p>\n", 2},
	};
	char *plain = markdown_normalize(src, strlen(src), NULL), *md, *text, *html;
	struct cmark_node *ast;
	size_t i;
	int nodes;

	harness.test = "markdown quotes";
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		md = markdown_normalize_safe(src, strlen(src), cases[i].q, &ast, NULL, NULL);
		OK(strstr(md, "L'aula: \"il 'voto'\" -- fine... x") != NULL,
		   "the Markdown keeps the source's characters");
		OK(strstr(plain, "[x](javascript:y)") != NULL && strstr(md, "javascript") == NULL,
		   "the unsafe link left as its text");
		text = para_text(ast, &nodes);
		STR_EQ(text, cases[i].text, "the typeset tree's text");
		INT_EQ(nodes, cases[i].nodes, "text nodes (joined when smart)");
		html = markdown_html(md, strlen(md), cases[i].q, NULL, NULL);
		STR_EQ(html, cases[i].html, "the HTML");
		free(html);
		free(text);
		free(md);
		markdown_free(ast);
	}
	free(plain);

	/* a plain field's punctuation comes escaped from the templates: still typographic */
	md = markdown_normalize_safe(field_src, strlen(field_src), MARKDOWN_QUOTES_HIGH, &ast, NULL,
	                             NULL);
	STR_EQ(md, "Davide D'AGOSTINO \"Pino\"\n", "the Markdown without the escapes");
	text = para_text(ast, &nodes);
	STR_EQ(text, "Davide D’AGOSTINO “Pino”", "escaped quotes of a plain field set too");
	free(text);
	free(md);
	markdown_free(ast);
}

/* markdown_make gives the text only when asked, and the tree markdown_normalize_safe gives
 * (compared as cmark's XML), whether the text is made or not. */
static void
make(void)
{
	static const char src[] = "# L'atto\n\nIl \"testo\" -- D\\'AGOSTINO... [x](javascript:y) e "
	                          "[ok](https://a.it)\n\n- uno\n- due\n";
	enum markdown_quotes q;

	harness.test = "markdown make";
	for (q = 0; q < MARKDOWN_QUOTES_MAX; q++) {
		cmark_node *want_ast, *ast = NULL;
		char *want =
		        markdown_normalize_safe(src, sizeof(src) - 1, q, &want_ast, NULL, NULL);
		char *want_xml = cmark_render_xml(want_ast, CMARK_OPT_DEFAULT), *xml;
		char *md = markdown_make(src, sizeof(src) - 1, q, false, &ast, NULL, NULL);

		INT_EQ(md == NULL, true, "no text unless asked for");
		xml = cmark_render_xml(ast, CMARK_OPT_DEFAULT);
		STR_EQ(xml, want_xml, "the tree without the text");
		free(xml);
		markdown_free(ast);
		md = markdown_make(src, sizeof(src) - 1, q, true, &ast, NULL, NULL);
		STR_EQ(md, want, "the text when asked for");
		xml = cmark_render_xml(ast, CMARK_OPT_DEFAULT);
		STR_EQ(xml, want_xml, "the tree with the text");
		free(xml);
		free(md);
		markdown_free(ast);
		md = markdown_make(src, sizeof(src) - 1, q, true, NULL, NULL, NULL);
		STR_EQ(md, want, "the text alone");
		free(md);
		free(want);
		free(want_xml);
		markdown_free(want_ast);
	}
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
	field("```\ncodice", 0, 0, "    codice", "an open code fence is closed (as indented code)");
	field("| a | b |\n|---|--:|\n| 1 | 2 |", 0, 0, "| a | b |\n| --- | --: |\n| 1 | 2 |",
	      "a GFM table stays a table, with its alignment");
	field("~~cancellato~~ testo", 0, 0, "~~cancellato~~ testo", "strikethrough kept");
	field("# Titolo\n\n## Sotto", 2, 0, "### Titolo\n\n#### Sotto", "headings moved down");
	field("###### Sei", 2, 0, "###### Sei", "never below level 6");
	field("uno\n\ndue", 0, 3, "uno\n\n   due", "continuation lines indented");
	field("", 0, 0, "", "an empty field");

	limits();
	quotes();
	make();

	harness.test = "markdown html";
	html = markdown_html("a <b>x</b>\n\n<div>y</div>\n", 25, MARKDOWN_QUOTES_STRAIGHT, NULL,
	                     NULL);
	STR_EQ(html,
	       "<p>a "
	       "&lt;b&gt;x&lt;/b&gt;</p>\n<pre><code>&lt;div&gt;y&lt;/div&gt;\n</code></pre>\n",
	       "raw HTML shown as text");
	free(html);
	html_images();
}
