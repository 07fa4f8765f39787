/* diag_test.c: what a later document of the same session adds to the reports (diags_merge). */
#include <string.h>

#include "diag.h"
#include "harness.h"

void
diag_tests(void)
{
	struct diags d, again;
	struct pos a = {"s.yaml", 3, 5}, b = {"s.yaml", 4, 1};

	harness.test = "diag: merge";
	diags_init(&d, NULL);
	diags_init(&again, NULL);
	diag_report(&d, D_LINK_UNSAFE, &a, "x", "perché");
	/* the same report again, one at another place, one with a note, and the note's twin */
	diag_report(&again, D_LINK_UNSAFE, &a, "x", "perché");
	diag_report(&again, D_LINK_UNSAFE, &b, "x", "perché");
	diag_report(&again, D_ACT_FILE_COPY, &b, "copia", "s", "-copia");
	diag_note(&again, &a, "la nota %d", 1);
	diag_report(&again, D_ACT_FILE_COPY, &b, "copia", "s", "-copia");
	diags_merge(&d, &again);
	INT_EQ((long)d.n, 3, "the new reports, each once");
	INT_EQ((long)d.v[1].pos.line, 4, "the one at another place");
	STR_EQ(d.v[2].msg,
	       "l'atto n. 'copia' darebbe il file s-copia, quello di una copia pubblicata: "
	       "cambiarne il numero",
	       "the error");
	STR_EQ(d.v[2].note, "la nota 1", "its note");
	INT_EQ((long)d.errors, 1, "one error");
	diags_merge(&d, &again);
	INT_EQ((long)d.n, 3, "merged again: nothing new");
	diags_clear(&again);
	diags_clear(&d);
}
