/* paginate.c: the vertical list cut into pages, greedily, and placed on them (paginate.h). */
#include "paginate.h"

#include <stdlib.h>
#include <string.h>

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

	unsigned *group_lines = xcalloc((size_t)groups + 1, sizeof(unsigned)),
	         *seen = xcalloc((size_t)groups + 1, sizeof(unsigned));

	/* groups taller than a page may break like anything else */
	for (i = 0; i < nv; i++)
		if (v[i].group) {
			group_height[v[i].group] += item_advance(&v[i], false);
			group_lines[v[i].group] += v[i].kind == V_LINE;
		}
	for (i = 0; i + 1 < nv; i++) {
		unsigned g = v[i].group;

		if (g)
			seen[g] += v[i].kind == V_LINE;
		/* a break the group allows keeps two of its lines on each page */
		if (g && v[i].group_break && v[i].break_after && seen[g] >= 2 &&
		    group_lines[g] - seen[g] >= 2)
			continue;
		if (g && g == v[i + 1].group && group_height[g] <= area * GROUP_MAX)
			v[i].break_after = false;
	}
	free(group_lines);
	free(seen);
	i = 0;
	while (i < nv) {
		size_t start = i, last_ok = (size_t)-1;
		const struct vitem *head = repeated_head(v, i);
		double used = head ? head->height : 0;
		bool forced = false;

		/* spaces at the top of a page are dropped */
		while (i < nv) {
			double need = item_advance(&v[i], i == start);

			if (i > start && v[i].page_before) {
				forced = true;
				break;
			}
			if (used + need > area && i > start)
				break;
			used += need;
			if (v[i].break_after)
				last_ok = i;
			i++;
		}
		if (i < nv && !forced && last_ok != (size_t)-1 && last_ok + 1 < i)
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
	size_t nl = 0, nr = 0, ni = 0, nk = 0, nm = 0, i, k, opening = r->from;
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
		size_t l0 = pg->nlines, k0 = pg->nlinks;

		place_row(pg, head, y);
		y -= head->height;
		/* a header repeated is not read again: an artifact */
		for (k = l0; k < pg->nlines; k++)
			pg->lines[k].elem = NULL;
		for (k = k0; k < pg->nlinks; k++)
			pg->links[k].elem = NULL;
	}
	for (i = r->from; i < r->to; i++) {
		struct vitem *it = &v[i];

		/* a thematic break opening a page separates nothing: dropped, as spaces are there
		 * (a signature's line, of no height, never opens one) */
		if (i == opening && it->kind == V_RULE && it->height > 0 && i + 1 < r->to) {
			opening++;
			continue;
		}
		y -= item_advance(it, i == opening);
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

/* Signatures: the room to sign in (times the leading), the line's length (times the column),
 * stroke and gray. */
static const double SIGN_ROOM = 3.0, SIGN_LINE = 0.7, SIGN_WIDTH = 0.5, SIGN_GRAY = 0.3;
/* The signature field above a signature's line: as wide as the line, from it up to this many
 * leadings below the baseline of the text above it (clear of its descenders). */
static const double SIGN_CLEAR = 0.4;

size_t
paginate_columns(struct vitem *v, const size_t *bounds, size_t ncols, double leading,
                 struct arena *a)
{
	size_t from = bounds[0], n = 0, row, k, i, nout = 0;
	struct vitem *out;

	for (k = 0; k < ncols; k++) {
		size_t lines = 0;

		for (i = bounds[k]; i < bounds[k + 1]; i++)
			lines += v[i].kind == V_LINE;
		n = lines > n ? lines : n;
	}
	out = xcalloc(n + ncols + 1, sizeof(*out));
	for (row = 0; row < n; row++) {
		struct vitem *o = NULL;
		size_t runs = 0, links = 0;

		for (k = 0; k < ncols; k++) {
			size_t r = 0;

			for (i = bounds[k]; i < bounds[k + 1]; i++) {
				if (v[i].kind != V_LINE || r++ != row)
					continue;
				if (o == NULL) {
					o = &out[nout++];
					*o = v[i];
					o->line.runs = NULL;
					o->links = NULL;
					o->line.nruns = o->nlinks = 0;
				}
				/* the joined line's measure spans its columns' */
				if (v[i].line.left + v[i].line.measure >
				    o->line.left + o->line.measure)
					o->line.measure =
					        v[i].line.left + v[i].line.measure - o->line.left;
				o->skip = v[i].skip > o->skip ? v[i].skip : o->skip;
				o->height = v[i].height > o->height ? v[i].height : o->height;
				o->break_after = o->break_after && v[i].break_after;
				runs += v[i].line.nruns;
				links += v[i].nlinks;
			}
		}
		if (o == NULL)
			continue; /* no column has this row: never, rows end at the longest */
		o->line.runs = arena_array(a, runs ? runs : 1, sizeof(*o->line.runs));
		o->links = links ? arena_array(a, links, sizeof(*o->links)) : NULL;
		for (k = 0; k < ncols; k++) {
			size_t r = 0, q;

			for (i = bounds[k]; i < bounds[k + 1]; i++) {
				if (v[i].kind != V_LINE || r++ != row)
					continue;
				memcpy(o->line.runs + o->line.nruns, v[i].line.runs,
				       v[i].line.nruns * sizeof(*o->line.runs));
				/* each column's runs stay its paragraph's */
				for (q = o->line.nruns; q < o->line.nruns + v[i].line.nruns; q++)
					if (o->line.runs[q].elem == NULL)
						o->line.runs[q].elem = v[i].line.elem;
				o->line.nruns += v[i].line.nruns;
				if (v[i].nlinks)
					memcpy(o->links + o->nlinks, v[i].links,
					       v[i].nlinks * sizeof(*o->links));
				o->nlinks += v[i].nlinks;
			}
		}
	}
	/* the lines to sign on, of no height: all at the height of the first */
	for (k = 0; k < ncols && nout > 0; k++) {
		double left, width;
		struct vitem *r;

		if (bounds[k] == bounds[k + 1])
			continue;
		left = v[bounds[k]].line.left;
		width = v[bounds[k]].line.measure;
		r = &out[nout++];

		memset(r, 0, sizeof(*r));
		r->kind = V_RULE;
		r->skip = out[nout - 2].kind == V_RULE ? 0 : leading * SIGN_ROOM;
		r->group = out[0].group;
		r->act = out[0].act;
		r->rule.x0 = left + width * (1 - SIGN_LINE) / 2;
		r->rule.x1 = r->rule.x0 + width * SIGN_LINE;
		r->rule.width = SIGN_WIDTH;
		r->rule.gray = SIGN_GRAY;
		out[nout - 2].break_after = false;
		r->break_after = true;
	}
	memcpy(v + from, out, nout * sizeof(*out));
	free(out);
	return from + nout;
}

/* The room to sign above each signature's line, once placed. */
static void
sign_boxes(struct ts_doc *doc, const struct vitem *v, const struct page_range *ranges,
           double leading)
{
	size_t p, i, n = 0;

	for (p = 0; p < doc->npages; p++)
		for (i = ranges[p].from; i < ranges[p].to; i++)
			n += v[i].kind == V_RULE && v[i].sign != NULL;
	doc->signs = n ? arena_array(doc->arena, n, sizeof(*doc->signs)) : NULL;
	for (p = 0; p < doc->npages; p++)
		for (i = ranges[p].from; i < ranges[p].to; i++) {
			struct ts_sign *s;

			if (v[i].kind != V_RULE || v[i].sign == NULL)
				continue;
			s = &doc->signs[doc->nsigns++];
			s->page = p;
			s->x = v[i].rule.x0;
			s->w = v[i].rule.x1 - v[i].rule.x0;
			s->y = v[i].rule.y0;
			s->h = leading * (SIGN_ROOM - SIGN_CLEAR);
			s->qualifica = v[i].sign;
		}
}

struct ts_doc *
paginate_pages(struct vitem *v, size_t nv, unsigned groups, const struct ts_style *st,
               struct arena *a, struct paginate_acts **acts)
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
		(*acts)[p].first = (*acts)[p].last = NULL;
		for (i = ranges[p].from; i < ranges[p].to; i++) {
			/* a rule between two acts is neither's text */
			if (v[i].kind == V_RULE || v[i].act == NULL)
				continue;
			if ((*acts)[p].first == NULL)
				(*acts)[p].first = v[i].act;
			(*acts)[p].last = act = v[i].act;
		}
		if ((*acts)[p].first == NULL)
			(*acts)[p].first = (*acts)[p].last = act;
		place(pg, v, &ranges[p], top, a);
	}
	sign_boxes(doc, v, ranges, st->leading);
	free(ranges);
	return doc;
}
