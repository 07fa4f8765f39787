/* copia.c: the published copy of a document, as template data (copia.h). */
#include "copia.h"

#include "util.h"

struct tval *
copia_data(struct tval *data, const struct session *s, const struct act *act, struct arena *a)
{
	struct tval *v = tval_copy(data, a), *yes = arena_alloc(a, sizeof(*yes));

	(void)s;
	(void)act;
	tval_bool(yes, true);
	tval_set_shared(v, a, "copia", yes);
	return v;
}
