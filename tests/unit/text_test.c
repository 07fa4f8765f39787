/* text_test.c: UTF-8, folding, edit distance, suggestions. */
#include <stdlib.h>

#include "harness.h"
#include "text.h"

static void
fold_is(const char *in, const char *want)
{
	char *f = text_folded(in);

	STR_EQ(f, want, in);
	free(f);
}

void
text_tests(void)
{
	static const char *const names[] = {"Cogno", "Conticelli", "Cera"};
	uint32_t cp = 0;
	size_t bad = 0;

	harness.test = "text";
	fold_is("D'Agostino", "d'agostino");
	fold_is("D’AGOSTINO", "d'agostino");
	fold_is("d‘agostino", "d'agostino");
	fold_is("  Lo   Russo ", "lo russo");
	fold_is("Nicolò Çelik", "nicolo celik");
	fold_is("ÀÉÎÕÜ àéîõü", "aeiou aeiou");
	fold_is("Łukasz Dvořák Ștefan", "lukasz dvorak stefan");
	fold_is("", "");

	INT_EQ(text_utf8_decode("\xC3\xA8", 2, &cp), 2, "è is two bytes");
	INT_EQ(cp, 0xE8, "è code point");
	INT_EQ(text_utf8_decode("\xE2\x80\x99", 3, &cp), 3, "’ is three bytes");
	INT_EQ(text_utf8_decode("\xC0\xAF", 2, &cp), 0, "overlong refused");
	INT_EQ(text_utf8_decode("\xED\xA0\x80", 3, &cp), 0, "surrogate refused");
	INT_EQ(text_utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0, "beyond U+10FFFF refused");
	OK(text_utf8_valid("città", 6, &bad), "valid UTF-8");
	OK(!text_utf8_valid("ab\xFF"
	                    "cd",
	                    5, &bad),
	   "0xFF is not UTF-8");
	INT_EQ(bad, 2, "offset of the bad byte");
	INT_EQ(text_utf8_len("città", 6), 5, "characters in città");

	INT_EQ(text_distance("cagno", "cogno"), 1, "one substitution");
	INT_EQ(text_distance("favorevli", "favorevoli"), 1, "one deletion");
	INT_EQ(text_distance("cnotrari", "contrari"), 1, "one transposition");
	INT_EQ(text_distance("", "abc"), 3, "from empty");
	STR_EQ(text_suggest("Cagno", names, 3), "Cogno", "Cagno suggests Cogno");
	STR_EQ(text_suggest("CONTICELI", names, 3), "Conticelli", "case ignored");
	OK(text_suggest("Rossi", names, 3) == NULL, "nothing close to Rossi");
}
