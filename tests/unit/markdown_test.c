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

	harness.test = "markdown html";
	html = markdown_html("a <b>x</b>\n\n<div>y</div>\n", 25);
	STR_EQ(html,
	       "<p>a "
	       "&lt;b&gt;x&lt;/b&gt;</p>\n<pre><code>&lt;div&gt;y&lt;/div&gt;\n</code></pre>\n",
	       "raw HTML shown as text");
	free(html);
}
