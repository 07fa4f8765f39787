/* paginate.c: the vertical list cut into pages, greedily, and placed on them (paginate.h). */
#include "paginate.h"

#include <stdlib.h>

#include "util.h"

/* A keep-together group taller than this fraction of the text area breaks like any text: kept
 * whole, it would leave most of a page empty. */
static const double GROUP_MAX = 0.9;
/* A link's area on its line: from this fraction of the line's height below the baseline to
 * this fraction above it (descenders and ascenders of the text). */
static const double LINK_BELOW = 0.25, LINK_ABOVE = 0.75;

struct page_range {
	size_t from, to; /* items [from, to) */
};

static double
item_advance(const struct vitem *it, bool first)
{
	return (first ? 0 : it->skip) + it->height;
}

/* The header row set again above item i when i starts a page, or NULL. */
static const struct vitem *
repeated_head(const struct vitem *v, size_t i)
{
	if (v[i].kind != V_ROW || v[i].head == 0 || v[i].head - 1 >= i)
		return NULL;
	return &v[v[i].head - 1];
}

/* Cut the vertical list into ranges of items, one a page; *npages of them. */
static struct page_range *
cut(struct vitem *v, size_t nv, unsigned groups, double area, size_t *npages)
{
	struct page_range *pages = NULL;
	size_t n = 0, cap = 0, i = 0;
	double *group_height = xcalloc((size_t)groups + 1, sizeof(double));

	/* groups taller than a page may break like anything else */
	for (i = 0; i < nv; i++)
		if (v[i].group)
			group_height[v[i].group] += item_advance(&v[i], false);
	for (i = 0; i + 1 < nv; i++) {
		unsigned g = v[i].group;

		if (g && g == v[i + 1].group && group_height[g] <= area * GROUP_MAX)
			v[i].break_after = false;
	}
	i = 0;
	while (i < nv) {
		size_t start = i, last_ok = (size_t)-1;
		const struct vitem *head = repeated_head(v, i);
		double used = head ? head->height : 0;

		/* spaces at the top of a page are dropped */
		while (i < nv) {
			double need = item_advance(&v[i], i == start);

			if (used + need > area && i > start)
				break;
			used += need;
			if (v[i].break_after)
				last_ok = i;
			i++;
		}
		if (i < nv && last_ok != (size_t)-1 && last_ok + 1 < i)
			i = last_ok + 1;
		pages = xgrow(pages, &cap, n + 1, sizeof(*pages));
		pages[n].from = start;
		pages[n].to = i;
		n++;
	}
	free(group_height);
	*npages = n;
	return pages;
}

/* Place row (its lines, rules and links) on pg, its top at y. */
static void
place_row(struct ts_page *pg, const struct vitem *row, double y)
{
	size_t k;

	for (k = 0; k < row->nlines; k++) {
		pg->lines[pg->nlines] = row->lines[k];
		pg->lines[pg->nlines++].y += y;
	}
	for (k = 0; k < row->nrules; k++) {
		struct ts_rule *r = &pg->rules[pg->nrules++];

		*r = row->rules[k];
		r->y0 += y;
		r->y1 += y;
	}
	for (k = 0; k < row->nlinks; k++) {
		struct ts_link *l = &pg->links[pg->nlinks++];

		*l = row->links[k];
		l->y0 += y;
		l->y1 += y;
	}
}

/* Place items [r->from, r->to) on page pg, from the top of the text area down. */
static void
place(struct ts_page *pg, struct vitem *v, const struct page_range *r, double top, struct arena *a)
{
	size_t nl = 0, nr = 0, ni = 0, nk = 0, nm = 0, i, k;
	const struct vitem *head = r->from < r->to ? repeated_head(v, r->from) : NULL;
	double y = top;

	for (i = r->from; i < r->to; i++) {
		nl += v[i].kind == V_LINE ? 1 : v[i].nlines;
		nr += (v[i].kind == V_RULE) + v[i].nrules;
		ni += v[i].kind == V_IMAGE;
		nk += v[i].nlinks;
		nm += v[i].mark != NULL;
	}
	if (head != NULL) {
		nl += head->nlines;
		nr += head->nrules;
		nk += head->nlinks;
	}
	pg->lines = arena_array(a, nl + PAGINATE_MARGIN_LINES, sizeof(*pg->lines));
	pg->rules = arena_array(a, nr + PAGINATE_MARGIN_RULES, sizeof(*pg->rules));
	pg->images = arena_array(a, ni + PAGINATE_MARGIN_IMAGES, sizeof(*pg->images));
	pg->links = arena_array(a, nk + 1, sizeof(*pg->links));
	pg->marks = arena_array(a, nm + 1, sizeof(*pg->marks));
	if (head != NULL) {
		place_row(pg, head, y);
		y -= head->height;
	}
	for (i = r->from; i < r->to; i++) {
		struct vitem *it = &v[i];

		y -= item_advance(it, i == r->from);
		switch (it->kind) {
		case V_LINE:
			it->line.y = y;
			pg->lines[pg->nlines++] = it->line;
			for (k = 0; k < it->nlinks; k++) {
				struct ts_link *l = &pg->links[pg->nlinks++];

				*l = it->links[k];
				l->y0 = y - it->height * LINK_BELOW;
				l->y1 = y + it->height * LINK_ABOVE;
			}
			if (it->mark) {
				struct ts_mark *m = &pg->marks[pg->nmarks++];

				m->level = it->mark_level;
				m->title = it->mark;
				m->y = y + it->height;
			}
			for (k = 0; k < it->nrules; k++) {
				struct ts_rule *rl = &pg->rules[pg->nrules++];

				*rl = it->rules[k];
				rl->y0 += y;
				rl->y1 += y;
			}
			break;
		case V_ROW: place_row(pg, it, y + it->height); break;
		case V_RULE:
			it->rule.y0 = it->rule.y1 = y + it->height / 2;
			pg->rules[pg->nrules++] = it->rule;
			break;
		case V_IMAGE:
			it->image.y = y;
			pg->images[pg->nimages++] = it->image;
			break;
		}
	}
}

struct ts_doc *
paginate_pages(struct vitem *v, size_t nv, unsigned groups, const struct ts_style *st,
               struct arena *a, const char ***acts)
{
	double top = st->page_height - st->margin_top, area = top - st->margin_bottom;
	struct ts_doc *doc = arena_alloc(a, sizeof(*doc));
	struct page_range *ranges;
	const char *act = NULL;
	size_t p, i;

	ranges = cut(v, nv, groups, area, &doc->npages);
	doc->arena = a;
	doc->pages = arena_array(a, doc->npages ? doc->npages : 1, sizeof(*doc->pages));
	*acts = arena_array(a, doc->npages ? doc->npages : 1, sizeof(**acts));
	for (p = 0; p < doc->npages; p++) {
		struct ts_page *pg = &doc->pages[p];

		pg->width = st->page_width;
		pg->height = st->page_height;
		for (i = ranges[p].from; i < ranges[p].to; i++)
			if (v[i].act)
				act = v[i].act;
		(*acts)[p] = act;
		place(pg, v, &ranges[p], top, a);
	}
	free(ranges);
	return doc;
}
