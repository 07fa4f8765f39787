/* text_test.c: UTF-8, folding, edit distance, suggestions. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "text.h"

static void
fold_is(const char *in, const char *want)
{
	char *f = text_folded(in);

	STR_EQ(f, want, in);
	free(f);
	/* the same through text_folded_n, given a length and no NUL */
	f = text_folded_n(in, strlen(in));
	STR_EQ(f, want, in);
	free(f);
}

static void
name_flaw(const char *name, enum text_name_flaw want, size_t want_at, uint32_t want_cp)
{
	size_t at = 0;
	uint32_t cp = 0;

	INT_EQ(text_name_check(name, &at, &cp), want, name);
	if (want != TEXT_NAME_OK) {
		INT_EQ(at, want_at, name);
		INT_EQ(cp, want_cp, name);
	}
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
	/* ASCII is folded without utf8proc: its rule alone, lower case, ` as ', spaces as one */
	fold_is("\tArt.\r\n 5,  COMMA\x01 2-BIS ", "art. 5, comma\x01 2-bis");
	fold_is("", "");
	fold_is(" \t ", "");
	{
		char in[4] = "x_x", want[4] = "x_x";
		int c;

		for (c = '!'; c < 0x7F; c++) {
			in[1] = (char)c;
			want[1] = (char)(c >= 'A' && c <= 'Z' ? c + 'a' - 'A'
			                 : c == '`'           ? '\''
			                                      : c);
			fold_is(in, want);
		}
	}
	fold_is("\tLO\n RUSSO-Bis. 'X' \r", "lo russo-bis. 'x'");
	fold_is("LO RUSSÒ", "lo russo");
	fold_is("Nicolò Çelik", "nicolo celik");
	fold_is("ÀÉÎÕÜ àéîõü", "aeiou aeiou");
	fold_is("Łukasz Dvořák Ștefan", "lukasz dvorak stefan");
	fold_is("", "");
	/* NFC and NFD fold alike; case folding; invisible characters gone */
	fold_is("Repett\u00F2", "repetto");
	fold_is("Repetto\u0300", "repetto");
	fold_is("Stra\u00DFe STRASSE", "strasse strasse");
	fold_is("Rep\u200Betto R\u00ADossi \u202EVerdi", "repetto rossi verdi");
	fold_is("Espo\xFFsito", "espo\uFFFDsito");

	name_flaw("Nicolò D'Amico-Rossi", TEXT_NAME_OK, 0, 0);
	name_flaw("Nicolo\u0300 \u1E9Eu\u0141ukasz \u02BCOkeke", TEXT_NAME_OK, 0, 0);
	name_flaw("Rep\u200Betto", TEXT_NAME_INVISIBLE, 3, 0x200B);
	name_flaw("Ro\u00ADssi", TEXT_NAME_INVISIBLE, 2, 0xAD);
	name_flaw("Verdi\u202E", TEXT_NAME_INVISIBLE, 5, 0x202E);
	name_flaw("\u2066Bruno", TEXT_NAME_INVISIBLE, 0, 0x2066);
	name_flaw("Esp\u043Esito", TEXT_NAME_SCRIPT, 3, 0x43E);
	name_flaw("\u0391ndrea", TEXT_NAME_SCRIPT, 0, 0x391);
	name_flaw("\uFF32ossi", TEXT_NAME_SCRIPT, 0, 0xFF32);
	STR_EQ(text_char_kind(0x43E), "una lettera cirillica", "Cyrillic named");
	STR_EQ(text_char_kind(0x200B), "lo spazio a larghezza zero", "ZWSP named");
	{
		char *nfc = text_nfc("Cogno\u0300");

		STR_EQ(nfc, "Cogn\u00F2", "NFC composes");
		free(nfc);
	}

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
	INT_EQ(text_cp1252(0x93), 0x201C, "0x93 is a left double quote in Windows-1252");
	INT_EQ(text_cp1252(0x80), 0x20AC, "0x80 is the euro sign");
	INT_EQ(text_cp1252(0x81), 0, "0x81 is undefined");
	INT_EQ(text_cp1252(0xE0), 0xE0, "0xE0 is à, as in Latin-1");
	STR_EQ(text_legacy_encoding("citt\xE0", 5), "ISO-8859-1 (Latin-1)", "à in Latin-1");
	STR_EQ(text_legacy_encoding("\x93"
	                            "citt\xE0\x94",
	                            7),
	       "Windows-1252", "curly quotes");
	OK(text_legacy_encoding("citt\xC3\xA0 citt\xE0", 12) == NULL,
	   "UTF-8 beside a bad byte: a UTF-8 file, broken");
	OK(text_legacy_encoding("\x81", 1) == NULL, "a byte undefined in Windows-1252");
	INT_EQ(text_columns("città", 6), 5, "columns of città");
	INT_EQ(text_columns("citta\xCC\x80", 7), 5, "a combining grave accent takes no column");
	INT_EQ(text_columns("\xE6\x9D\xB1\xE4\xBA\xAC", 6), 4, "two CJK characters take four");
	INT_EQ(text_columns("a\xE2\x80\x8B"
	                    "b",
	                    5),
	       2, "a zero-width space takes none");
	INT_EQ(text_columns_cut("città di", 9, 4), 4, "4 columns of città: 'citt'");
	INT_EQ(text_columns_cut("città di", 9, 5), 6, "5 columns of città: the whole à");
	INT_EQ(text_columns_cut("\xE6\x9D\xB1\xE4\xBA\xAC", 6, 3), 3,
	       "3 columns of two CJK characters: one");

	INT_EQ(text_distance("cagno", "cogno"), 1, "one substitution");
	INT_EQ(text_distance("favorevli", "favorevoli"), 1, "one deletion");
	INT_EQ(text_distance("cnotrari", "contrari"), 1, "one transposition");
	INT_EQ(text_distance("", "abc"), 3, "from empty");
	STR_EQ(text_suggest("Cagno", names, 3), "Cogno", "Cagno suggests Cogno");
	STR_EQ(text_suggest("CONTICELI", names, 3), "Conticelli", "case ignored");
	OK(text_suggest("Rossi", names, 3) == NULL, "nothing close to Rossi");
}
