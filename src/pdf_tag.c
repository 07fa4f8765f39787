/*
 * pdf_tag.c: the logical structure of the PDF (tagged PDF, PDF/A-1a), built from the structure
 * elements the typesetter gives each line, image and link (typeset.h's ts_elem).
 *
 * libharu knows nothing of it: the structure tree is made of plain dictionaries. The root
 * (/StructTreeRoot) holds one Document element; each ts_elem becomes a StructElem the first time
 * a page draws something of it, appended to its parent's /K, so that the tree's order is the
 * order of the text (the typesetter's vertical list, which is the reading order). The page
 * content marks each line's text as /TYPE <</MCID n>> BDC ... EMC (pdf.c asks for it through
 * pdf_tag_open); the MCIDs of a page are listed, element by element, in the ParentTree under the
 * page's /StructParents. What is no part of the text (headers, footers, the logo, rules, a
 * table's header repeated on a later page) is marked /Artifact. An annotation (a link; a
 * signature widget, pdf_tag_form) becomes an OBJR in its own element, its /StructParent a key of
 * the ParentTree after the pages'.
 */
#include <stdlib.h>
#include <string.h>

#include "pdf_private.h"

struct pdf_tags {
	HPDF_Dict root;   /* /StructTreeRoot */
	HPDF_Dict docel;  /* the Document element */
	HPDF_Array nums;  /* the ParentTree's /Nums, pages first */
	HPDF_Dict *elems; /* per ts_elem id, once made */
	HPDF_Page *pg;    /* the page each was first seen on (its /Pg) */
	size_t nelems;
	size_t npages;
	HPDF_Page page;     /* the page being drawn */
	HPDF_Array parents; /* its ParentTree entry: the element of each MCID */
	int mcid;           /* its next MCID */
	HPDF_Dict *annots;  /* the element of each annotation, in /StructParent order */
	size_t nannots, capannots;
};

static const char *
pdf_tag_name(const struct ts_elem *e)
{
	static const char *const names[TS_K_MAX] = {
	        [TS_K_P] = "P",
	        [TS_K_H] = "H",
	        [TS_K_L] = "L",
	        [TS_K_LI] = "LI",
	        [TS_K_LBL] = "Lbl",
	        [TS_K_LBODY] = "LBody",
	        [TS_K_TABLE] = "Table",
	        [TS_K_TR] = "TR",
	        [TS_K_TH] = "TH",
	        [TS_K_TD] = "TD",
	        [TS_K_QUOTE] = "BlockQuote",
	        [TS_K_NOTE] = "Note",
	        [TS_K_FIGURE] = "Figure",
	        [TS_K_CODE] = "Code",
	};
	static const char *const h[6] = {"H1", "H2", "H3", "H4", "H5", "H6"};

	if (e->kind == TS_K_H)
		return h[e->level >= 1 && e->level <= 6 ? e->level - 1 : 0];
	return e->kind < TS_K_MAX && names[e->kind] ? names[e->kind] : "P";
}

/* libharu's arrays hold 32,767 items: a /K as full as this goes on in a Div at its end. */
#define PDF_TAG_MAX_K 30000

/* The last item of k when it is a Div made by pdf_tag_kids, else NULL. */
static HPDF_Dict
pdf_tag_spill(HPDF_Array k)
{
	HPDF_Obj_Header *h = HPDF_List_ItemAt(k->list, k->list->count - 1);
	HPDF_Name s;

	if (h != NULL && (h->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_PROXY)
		h = ((HPDF_Proxy)h)->obj;
	if (h == NULL || (h->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT)
		return NULL;
	s = HPDF_Dict_GetItem((HPDF_Dict)h, "S", HPDF_OCLASS_NAME);
	return s != NULL && strcmp(HPDF_Name_GetValue(s), "Div") == 0 ? (HPDF_Dict)h : NULL;
}

/* The /K new children of *parent go into, made when missing; when it is full, the /K of the Div
 * at its end (made when needed), *parent becoming that Div. NULL after recording the error. */
static HPDF_Array
pdf_tag_kids(struct pdf_state *p, HPDF_Dict *parent)
{
	HPDF_MMgr mm = p->doc->mmgr;

	for (;;) {
		HPDF_Array k = HPDF_Dict_GetItem(*parent, "K", HPDF_OCLASS_ARRAY);
		HPDF_Dict div;
		HPDF_STATUS ret = HPDF_OK;

		if (k == NULL) {
			if (!pdf_got(p, k = HPDF_Array_New(mm)) ||
			    !pdf_ok(p, HPDF_Dict_Add(*parent, "K", k)))
				return NULL;
			return k;
		}
		if (HPDF_Array_Items(k) < PDF_TAG_MAX_K)
			return k;
		if ((div = pdf_tag_spill(k)) == NULL) {
			if (!pdf_got(p, div = HPDF_Dict_New(mm)) ||
			    !pdf_ok(p, HPDF_Xref_Add(p->doc->xref, div)))
				return NULL;
			ret += HPDF_Dict_AddName(div, "Type", "StructElem");
			ret += HPDF_Dict_AddName(div, "S", "Div");
			ret += HPDF_Dict_Add(div, "P", *parent);
			ret += HPDF_Array_Add(k, div);
			if (!pdf_ok(p, ret))
				return NULL;
		}
		*parent = div;
	}
}

/* A new indirect StructElem of type s in parent (appended to its /K; first: before the rest, a
 * Lbl before its item's LBody), on page pg. */
static HPDF_Dict
pdf_tag_elem_at(struct pdf_state *p, HPDF_Dict parent, const char *s, HPDF_Page pg, bool first)
{
	HPDF_MMgr mm = p->doc->mmgr;
	HPDF_Dict e;
	HPDF_Array k;
	HPDF_STATUS ret = HPDF_OK;

	if ((k = pdf_tag_kids(p, &parent)) == NULL || !pdf_got(p, e = HPDF_Dict_New(mm)) ||
	    !pdf_ok(p, HPDF_Xref_Add(p->doc->xref, e)))
		return NULL;
	ret += HPDF_Dict_AddName(e, "Type", "StructElem");
	ret += HPDF_Dict_AddName(e, "S", s);
	ret += HPDF_Dict_Add(e, "P", parent);
	if (pg != NULL)
		ret += HPDF_Dict_Add(e, "Pg", pg);
	if (first && HPDF_Array_Items(k) > 0)
		ret += HPDF_Array_Insert(k, HPDF_Array_GetItem(k, 0, HPDF_OCLASS_DICT), e);
	else
		ret += HPDF_Array_Add(k, e);
	return pdf_ok(p, ret) ? e : NULL;
}

static HPDF_Dict
pdf_tag_elem(struct pdf_state *p, HPDF_Dict parent, const char *s, HPDF_Page pg)
{
	return pdf_tag_elem_at(p, parent, s, pg, false);
}

/* The StructElem of e (made by pdf_tag_begin), its /Pg the current page when it has none. */
static HPDF_Dict
pdf_tag_get(struct pdf_state *p, const struct ts_elem *e)
{
	struct pdf_tags *t = p->tags;
	HPDF_Dict d;

	if (e->id >= t->nelems || (d = t->elems[e->id]) == NULL) {
		pdf_ok(p, HPDF_INVALID_OBJECT);
		return NULL;
	}
	if (t->pg[e->id] == NULL) {
		if (!pdf_ok(p, HPDF_Dict_Add(d, "Pg", t->page)))
			return NULL;
		t->pg[e->id] = t->page;
	}
	return d;
}

/* Note e and its ancestors in byid[0..n). */
static void
pdf_tag_note(const struct ts_elem **byid, size_t n, const struct ts_elem *e)
{
	for (; e != NULL && e->id < n && byid[e->id] == NULL; e = e->parent)
		byid[e->id] = e;
}

/* Every element some line, run, image or link of doc belongs to (with its ancestors), made in
 * the order of their ids: the typesetter's, which is the reading order (a parent before its
 * children), whatever order the pages draw them in (images before text). */
static bool
pdf_tag_make(struct pdf_state *p, const struct ts_doc *doc)
{
	struct pdf_tags *t = p->tags;
	const struct ts_elem **byid = xcalloc(t->nelems ? t->nelems : 1, sizeof(*byid));
	size_t pg, i, r;
	bool ok = true;

	for (pg = 0; pg < doc->npages; pg++) {
		const struct ts_page *tp = &doc->pages[pg];

		for (i = 0; i < tp->nlines; i++) {
			pdf_tag_note(byid, t->nelems, tp->lines[i].elem);
			for (r = 0; r < tp->lines[i].nruns; r++)
				pdf_tag_note(byid, t->nelems, tp->lines[i].runs[r].elem);
		}
		for (i = 0; i < tp->nimages; i++)
			pdf_tag_note(byid, t->nelems, tp->images[i].elem);
		for (i = 0; i < tp->nlinks; i++)
			pdf_tag_note(byid, t->nelems, tp->links[i].elem);
	}
	for (i = 0; i < t->nelems && ok; i++) {
		const struct ts_elem *x = byid[i];
		HPDF_Dict parent;

		if (x == NULL)
			continue;
		parent = x->parent != NULL && x->parent->id < t->nelems && t->elems[x->parent->id]
		                 ? t->elems[x->parent->id]
		                 : t->docel;
		ok = (t->elems[i] = pdf_tag_elem(p, parent, pdf_tag_name(x), NULL)) != NULL;
		if (ok && x->kind == TS_K_FIGURE)
			ok = pdf_ok(p, HPDF_Dict_Add(t->elems[i], "Alt",
			                             pdf_text_string(p, x->alt ? x->alt : "")));
	}
	free(byid);
	return ok;
}

bool
pdf_tag_begin(struct pdf_state *p, const struct ts_doc *doc, size_t npages)
{
	HPDF_MMgr mm = p->doc->mmgr;
	struct pdf_tags *t;
	HPDF_Dict tree;
	HPDF_STATUS ret = HPDF_OK;

	/* libharu spends some 2 KiB on an element: a document of more (200,000 headings) is
	 * left untagged, PDF/A-1b (typeset.c has warned) */
	if (doc->nelems > TS_MAX_ELEMS)
		return true;
	p->tags = t = xcalloc(1, sizeof(*t));
	t->nelems = doc->nelems;
	t->npages = npages;
	t->elems = xcalloc(t->nelems ? t->nelems : 1, sizeof(*t->elems));
	t->pg = xcalloc(t->nelems ? t->nelems : 1, sizeof(*t->pg));
	if (!pdf_got(p, t->root = HPDF_Dict_New(mm)) ||
	    !pdf_ok(p, HPDF_Xref_Add(p->doc->xref, t->root)) ||
	    !pdf_got(p, tree = HPDF_Dict_New(mm)) ||
	    !pdf_ok(p, HPDF_Xref_Add(p->doc->xref, tree)) ||
	    !pdf_got(p, t->nums = HPDF_Array_New(mm)))
		return false;
	ret += HPDF_Dict_AddName(t->root, "Type", "StructTreeRoot");
	ret += HPDF_Dict_Add(tree, "Nums", t->nums);
	ret += HPDF_Dict_Add(t->root, "ParentTree", tree);
	ret += HPDF_Dict_Add(p->doc->catalog, "StructTreeRoot", t->root);
	if (!pdf_ok(p, ret))
		return false;
	t->docel = pdf_tag_elem(p, t->root, "Document", NULL);
	return t->docel != NULL && pdf_tag_make(p, doc);
}

bool
pdf_tag_page(struct pdf_state *p, size_t index, HPDF_Page page)
{
	struct pdf_tags *t = p->tags;
	HPDF_STATUS ret = HPDF_OK;

	if (t == NULL)
		return true;
	t->page = page;
	t->mcid = 0;
	if (!pdf_got(p, t->parents = HPDF_Array_New(p->doc->mmgr)) ||
	    !pdf_ok(p, HPDF_Xref_Add(p->doc->xref, t->parents)))
		return false;
	ret += HPDF_Dict_AddNumber(page, "StructParents", (HPDF_INT32)index);
	ret += HPDF_Array_AddNumber(t->nums, (HPDF_INT32)index);
	ret += HPDF_Array_Add(t->nums, t->parents);
	return pdf_ok(p, ret);
}

/* Append a marked-content reference to MCID mcid of the current page to d's /K. */
static bool
pdf_tag_mcid(struct pdf_state *p, HPDF_Dict d, HPDF_Page elem_page, int mcid)
{
	HPDF_MMgr mm = p->doc->mmgr;
	HPDF_Dict in = d;
	HPDF_Array k = pdf_tag_kids(p, &in);
	HPDF_STATUS ret = HPDF_OK;

	if (k == NULL)
		return false;
	if (elem_page == p->tags->page && in == d) {
		ret += HPDF_Array_AddNumber(k, mcid);
	} else {
		HPDF_Dict mcr = HPDF_Dict_New(mm);

		if (!pdf_got(p, mcr))
			return false;
		ret += HPDF_Dict_AddName(mcr, "Type", "MCR");
		ret += HPDF_Dict_Add(mcr, "Pg", p->tags->page);
		ret += HPDF_Dict_AddNumber(mcr, "MCID", mcid);
		ret += HPDF_Array_Add(k, mcr);
	}
	return pdf_ok(p, ret);
}

bool
pdf_tag_open(struct pdf_state *p, struct buf *ops, const struct ts_elem *e, bool label,
             const char *actual)
{
	struct pdf_tags *t = p->tags;
	HPDF_Dict d = NULL;
	HPDF_Page pg;
	const char *s;
	int mcid;

	if (t == NULL)
		return true;
	if (e == NULL || e->id >= t->nelems) {
		buf_puts(ops, "/Artifact BMC\n");
		return true;
	}
	while (label && e != NULL) {
		/* a list item's marker in its paragraph's first line: a Lbl of its own in the
		 * item (LI), before the body */
		const struct ts_elem *li = e;
		HPDF_Dict lid;

		while (li != NULL && li->kind != TS_K_LI)
			li = li->parent;
		if (li == NULL) {
			label = false; /* not in a list: part of its paragraph */
			break;
		}
		if ((lid = pdf_tag_get(p, li)) == NULL ||
		    (d = pdf_tag_elem_at(p, lid, "Lbl", t->page, true)) == NULL)
			return false;
		pg = t->page;
		s = "Lbl";
		break;
	}
	if (!label && actual != NULL) {
		/* a hyphenated word, its parts on two lines: a Span of its own in e whose
		 * /ActualText is the whole word (the text drawn has a soft hyphen) */
		HPDF_Dict ed = pdf_tag_get(p, e);

		if (ed == NULL || (d = pdf_tag_elem(p, ed, "Span", t->page)) == NULL ||
		    !pdf_ok(p, HPDF_Dict_Add(d, "ActualText", pdf_text_string(p, actual))))
			return false;
		pg = t->page;
		s = "Span";
	} else if (!label) {
		if ((d = pdf_tag_get(p, e)) == NULL)
			return false;
		pg = t->pg[e->id];
		s = pdf_tag_name(e);
	}
	mcid = t->mcid++;
	if (!pdf_tag_mcid(p, d, pg, mcid) || !pdf_ok(p, HPDF_Array_Add(t->parents, d)))
		return false;
	buf_printf(ops, "/%s <</MCID %d>> BDC\n", s, mcid);
	return true;
}

void
pdf_tag_close(struct pdf_state *p, struct buf *ops)
{
	if (p->tags != NULL)
		buf_puts(ops, "EMC\n");
}

/* A new element of type s in parent holding the annotation annot of page as an OBJR, its key
 * in the ParentTree given to the annotation as /StructParent. */
static bool
pdf_tag_objr(struct pdf_state *p, HPDF_Dict parent, const char *s, HPDF_Dict annot, HPDF_Page page)
{
	struct pdf_tags *t = p->tags;
	HPDF_MMgr mm = p->doc->mmgr;
	HPDF_Dict e, objr;
	HPDF_Array k;
	HPDF_STATUS ret = HPDF_OK;

	if ((e = pdf_tag_elem(p, parent, s, page)) == NULL ||
	    !pdf_got(p, objr = HPDF_Dict_New(mm)) || !pdf_got(p, k = HPDF_Array_New(mm)))
		return false;
	ret += HPDF_Dict_AddName(objr, "Type", "OBJR");
	ret += HPDF_Dict_Add(objr, "Obj", annot);
	ret += HPDF_Dict_Add(objr, "Pg", page);
	ret += HPDF_Array_Add(k, objr);
	ret += HPDF_Dict_Add(e, "K", k);
	ret += HPDF_Dict_AddNumber(annot, "StructParent", (HPDF_INT32)(t->npages + t->nannots));
	t->annots = xgrow(t->annots, &t->capannots, t->nannots + 1, sizeof(*t->annots));
	t->annots[t->nannots++] = e;
	return pdf_ok(p, ret);
}

bool
pdf_tag_link(struct pdf_state *p, HPDF_Annotation annot, const struct ts_elem *e)
{
	HPDF_Dict parent;

	if (p->tags == NULL)
		return true;
	parent = e != NULL ? pdf_tag_get(p, e) : p->tags->docel;
	return parent != NULL && pdf_tag_objr(p, parent, "Link", annot, p->tags->page);
}

bool
pdf_tag_form(struct pdf_state *p, HPDF_Dict widget, HPDF_Page page)
{
	struct pdf_tags *t = p->tags;

	if (t == NULL)
		return true; /* an untagged document */
	return pdf_tag_objr(p, t->docel, "Form", widget, page);
}

bool
pdf_tag_end(struct pdf_state *p)
{
	struct pdf_tags *t = p->tags;
	HPDF_MMgr mm = p->doc->mmgr;
	HPDF_Dict mark, prefs;
	HPDF_STATUS ret = HPDF_OK;
	size_t i;

	if (t == NULL)
		return true;
	for (i = 0; i < t->nannots; i++) {
		ret += HPDF_Array_AddNumber(t->nums, (HPDF_INT32)(t->npages + i));
		ret += HPDF_Array_Add(t->nums, t->annots[i]);
	}
	ret += HPDF_Dict_AddNumber(t->root, "ParentTreeNextKey",
	                           (HPDF_INT32)(t->npages + t->nannots));
	if (!pdf_ok(p, ret) || !pdf_got(p, mark = HPDF_Dict_New(mm)) ||
	    !pdf_got(p, prefs = HPDF_Dict_New(mm)))
		return false;
	ret += HPDF_Dict_Add(mark, "Marked", HPDF_Boolean_New(mm, HPDF_TRUE));
	ret += HPDF_Dict_Add(p->doc->catalog, "MarkInfo", mark);
	ret += HPDF_Dict_Add(prefs, "DisplayDocTitle", HPDF_Boolean_New(mm, HPDF_TRUE));
	ret += HPDF_Dict_Add(p->doc->catalog, "ViewerPreferences", prefs);
	ret += HPDF_Dict_Add(p->doc->catalog, "Lang", HPDF_String_New(mm, "it-IT", NULL));
	return pdf_ok(p, ret);
}

void
pdf_tag_free(struct pdf_state *p)
{
	if (p->tags == NULL)
		return;
	free(p->tags->elems);
	free(p->tags->pg);
	free(p->tags->annots);
	free(p->tags);
	p->tags = NULL;
}
