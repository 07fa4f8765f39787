/*
 * pdf_embed.c: the source inside the PDF (render --incorpora): the files a render read, and the
 * results of `check --json`, embedded as PDF/A-3 associated files, and the XMP's claim turned
 * into PDF/A-3b.
 *
 * Each file is an /EmbeddedFile stream (compressed) with /Subtype its MIME type as a name
 * (/application#2Fyaml), /Params << /ModDate /Size /CheckSum >>, the date the session's (never
 * the file's: the same input gives the same bytes); a /Filespec with /F and /UF its base name,
 * /Desc its path from the session's folder, /EF and /AFRelationship (/Source for what the
 * minutes were made from, /Data for the check's results). The catalogue lists the file
 * specifications in /AF and in its /Names /EmbeddedFiles name tree, whose keys (each file's
 * path from the session's folder, unique) are sorted as bytes.
 *
 * The header says %PDF-1.7, as PDF/A-3 is built on ISO 32000-1.
 *
 * pdfdetach extracts the files flat, by their base names: a file that sat in a subfolder of
 * the session's (a body file in organi/) goes back to the path its /Desc gives.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "pdf_private.h"
#include "text.h"

#define PDF_EMBED_MAX (64u << 20) /* bytes: a file larger than this is not embedded */

/* One file to embed. */
struct pdf_att {
	char *key;  /* its path from the session's folder (the name tree's key, /Desc) */
	char *name; /* its base name (/F, /UF) */
	const char *mime, *rel;
	char *data; /* owned, or borrowed when not own */
	size_t len;
	bool own;
	HPDF_Binary skey; /* the key as a PDF text string */
};

/* The MIME type of a file, by its extension. */
static const char *
pdf_embed_mime(const char *name)
{
	static const struct {
		const char *ext, *mime;
	} types[] = {
	        {".yaml", "application/yaml"}, {".yml", "application/yaml"},
	        {".md", "text/markdown"},      {".png", "image/png"},
	        {".jpg", "image/jpeg"},        {".jpeg", "image/jpeg"},
	        {".json", "application/json"},
	};
	const char *dot = strrchr(name, '.');
	size_t i;

	for (i = 0; dot != NULL && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcasecmp(dot, types[i].ext) == 0)
			return types[i].mime;
	return "application/octet-stream";
}

static const char *
pdf_embed_base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* s as a PDF text string: PDFDocEncoding's ASCII as it is, anything else UTF-16BE with a byte
 * order mark. */
static HPDF_Binary
pdf_embed_text(struct pdf_state *p, const char *s)
{
	size_t n = strlen(s), i;
	unsigned char *u = xmalloc(2 + 4 * n + 1), *q = u;
	bool ascii = true;
	HPDF_Binary b;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7E)
			ascii = false;
	if (ascii) {
		memcpy(u, s, n);
		q = u + n;
	} else {
		*q++ = 0xFE;
		*q++ = 0xFF;
		for (i = 0; i < n;) {
			uint32_t cp = text_utf8_next(s, n, &i);

			if (cp > 0xFFFF) {
				uint32_t hi = 0xD800 + ((cp - 0x10000) >> 10);

				*q++ = (unsigned char)(hi >> 8);
				*q++ = (unsigned char)hi;
				cp = 0xDC00 + (cp & 0x3FF);
			}
			*q++ = (unsigned char)(cp >> 8);
			*q++ = (unsigned char)cp;
		}
	}
	/* a Binary is written <hex>: the same string to a reader, escaping nothing */
	b = HPDF_Binary_New(p->doc->mmgr, u, (HPDF_UINT)(q - u));
	free(u);
	pdf_got(p, b);
	return b;
}

static int
pdf_embed_cmp(const void *a, const void *b)
{
	const struct pdf_att *x = a, *y = b;
	HPDF_UINT lx = HPDF_Binary_GetLen(x->skey), ly = HPDF_Binary_GetLen(y->skey);
	int c = memcmp(HPDF_Binary_GetValue(x->skey), HPDF_Binary_GetValue(y->skey),
	               lx < ly ? lx : ly);

	return c ? c : lx < ly ? -1 : lx > ly;
}

/* The path of path from the folder real (a real path), with "../" to leave it (a body file
 * elsewhere under --radice); its base name when its folder cannot be resolved. */
static char *
pdf_embed_key(const char *path, const char *real)
{
	/* the folder's real path and the file's own name: a file that is a link keeps the name
	 * the session gives it */
	char *dir = util_dirname(path), *rdir = realpath(dir, NULL), *key;
	char *rp = rdir ? util_join(rdir, pdf_embed_base(path)) : NULL;
	const char *under = rp && real ? util_path_under(rp, real) : NULL;
	struct buf b = {NULL, 0, 0};
	size_t common = 0, i;

	free(dir);
	free(rdir);
	if (rp == NULL || real == NULL || under != NULL) {
		key = xstrdup(under ? under : pdf_embed_base(path));
		free(rp);
		return key;
	}
	/* the folders both are in: up from real to there, then down to rp */
	for (i = 0; real[i] != '\0' && real[i] == rp[i]; i++)
		if (real[i] == '/')
			common = i;
	for (i = common; real[i] != '\0'; i++)
		if (real[i] == '/')
			buf_puts(&b, "../");
	buf_puts(&b, rp + common + 1);
	free(rp);
	return buf_detach(&b);
}

/* The XMP's pdfaid:part and conformance made 3 and B. */
static bool
pdf_embed_xmp(struct pdf_state *p)
{
	static const char part[] = "pdfaid:part='";
	HPDF_Dict md = HPDF_Dict_GetItem(p->doc->catalog, "Metadata", HPDF_OCLASS_DICT);
	HPDF_UINT32 size;
	HPDF_UINT got;
	char *x, *at;
	bool ok;

	if (!pdf_got(p, md) || !pdf_ok(p, HPDF_Stream_Seek(md->stream, 0, HPDF_SEEK_SET)))
		return false;
	size = HPDF_Stream_Size(md->stream);
	got = size;
	x = xmalloc(size + 1);
	if (!pdf_ok(p, HPDF_Stream_Read(md->stream, (HPDF_BYTE *)x, &got)) || got != size) {
		free(x);
		return pdf_ok(p, HPDF_INVALID_STREAM);
	}
	x[size] = '\0';
	if ((at = strstr(x, part)) != NULL) {
		char *conf;

		at[sizeof(part) - 1] = '3';
		if ((conf = strstr(at, "pdfaid:conformance='")) != NULL)
			conf[sizeof("pdfaid:conformance='") - 1] = 'B';
	}
	HPDF_MemStream_FreeData(md->stream);
	ok = at != NULL ? pdf_ok(p, HPDF_Stream_Write(md->stream, (HPDF_BYTE *)x, size))
	                : pdf_ok(p, HPDF_INVALID_STREAM);
	free(x);
	return ok;
}

/* The /EmbeddedFile stream and the /Filespec of a; the file specification, or NULL. */
static HPDF_Dict
pdf_embed_one(struct pdf_state *p, const struct pdf_att *a, const char *date)
{
	HPDF_MMgr mm = p->doc->mmgr;
	HPDF_Dict ef = pdf_stream(p, a->data, a->len), params, fs, efd;
	HPDF_MD5_CTX md5;
	HPDF_BYTE digest[16];
	HPDF_STATUS ret = HPDF_OK;

	if (ef == NULL || !pdf_got(p, params = HPDF_Dict_New(mm)) ||
	    !pdf_got(p, fs = HPDF_Dict_New(mm)) || !pdf_got(p, efd = HPDF_Dict_New(mm)) ||
	    !pdf_ok(p, HPDF_Xref_Add(p->doc->xref, fs)))
		return NULL;
	HPDF_MD5Init(&md5);
	HPDF_MD5Update(&md5, (const HPDF_BYTE *)a->data, (HPDF_UINT32)a->len);
	HPDF_MD5Final(digest, &md5);
	ret += HPDF_Dict_AddName(ef, "Type", "EmbeddedFile");
	ret += HPDF_Dict_AddName(ef, "Subtype", a->mime); /* '/' is written #2F */
	ret += HPDF_Dict_Add(ef, "Params", params);
	ret += HPDF_Dict_Add(params, "ModDate", HPDF_String_New(mm, date, NULL));
	ret += HPDF_Dict_AddNumber(params, "Size", (HPDF_INT32)a->len);
	ret += HPDF_Dict_Add(params, "CheckSum", HPDF_Binary_New(mm, digest, 16));
	ret += HPDF_Dict_AddName(fs, "Type", "Filespec");
	ret += HPDF_Dict_Add(fs, "F", pdf_embed_text(p, a->name));
	ret += HPDF_Dict_Add(fs, "UF", pdf_embed_text(p, a->name));
	ret += HPDF_Dict_Add(fs, "Desc", pdf_embed_text(p, a->key));
	ret += HPDF_Dict_Add(fs, "EF", efd);
	ret += HPDF_Dict_Add(efd, "F", ef);
	ret += HPDF_Dict_Add(efd, "UF", ef);
	ret += HPDF_Dict_AddName(fs, "AFRelationship", a->rel);
	return pdf_ok(p, ret) ? fs : NULL;
}

/* Read the files of e (a missing one, such as an image the typesetter warned about, is left
 * out) into att[0..*n); false after reporting a file that cannot be read. */
static bool
pdf_embed_gather(struct pdf_state *p, const struct pdf_embed *e, struct pdf_att *att, size_t *n)
{
	char *real = e->dir ? realpath(e->dir, NULL) : NULL;
	size_t i, k;
	bool ok = true;

	for (i = 0; ok && i < e->npaths; i++) {
		struct pdf_att *a = &att[*n];
		char *key = pdf_embed_key(e->paths[i], real);
		int err;

		for (k = 0; k < *n && strcmp(att[k].key, key) != 0; k++)
			;
		if (k < *n) { /* read twice (an image shown twice) */
			free(key);
			continue;
		}
		err = util_read_file_via(p->reader, e->paths[i], PDF_EMBED_MAX, &a->data, &a->len);
		if (err == ENOENT) {
			free(key);
			continue;
		}
		if (err != 0) {
			diag_report(p->d, D_READ, NULL, e->paths[i],
			            err > 0 ? util_strerror(err) : "file troppo grande");
			p->reported = true;
			free(key);
			ok = false;
			break;
		}
		a->key = key;
		a->name = xstrdup(pdf_embed_base(e->paths[i]));
		a->mime = pdf_embed_mime(a->name);
		a->rel = "Source";
		a->own = true;
		(*n)++;
	}
	if (ok && e->json != NULL) {
		struct pdf_att *a = &att[(*n)++];

		a->key = xstrdup(e->json_name);
		a->name = xstrdup(e->json_name);
		a->mime = "application/json";
		a->rel = "Data";
		a->data = (char *)e->json;
		a->len = e->jsonlen;
	}
	free(real);
	return ok;
}

bool
pdf_embed_files(struct pdf_state *p, const struct pdf_embed *e, long long date)
{
	HPDF_MMgr mm = p->doc->mmgr;
	struct pdf_att *att;
	HPDF_Array af = NULL, names = NULL;
	HPDF_Dict nd, tree;
	time_t t = (time_t)(date < 0 ? 0 : date > 253402300799 ? 253402300799 : date);
	struct tm tm;
	char when[80];
	size_t n = 0, i;
	bool ok;

	if (e == NULL)
		return true;
	p->doc->pdf_version = HPDF_VER_17; /* PDF/A-3 is ISO 32000-1, PDF 1.7 */
	if (gmtime_r(&t, &tm) == NULL)
		memset(&tm, 0, sizeof(tm));
	snprintf(when, sizeof(when), "D:%04d%02d%02d%02d%02d%02d+00'00'", tm.tm_year + 1900,
	         tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	att = xcalloc(e->npaths + 1, sizeof(*att));
	ok = pdf_embed_gather(p, e, att, &n) && pdf_embed_xmp(p);
	for (i = 0; ok && i < n; i++)
		ok = (att[i].skey = pdf_embed_text(p, att[i].key)) != NULL;
	if (ok)
		util_sort(att, n, sizeof(*att), pdf_embed_cmp);
	ok = ok && pdf_got(p, af = HPDF_Array_New(mm)) && pdf_got(p, names = HPDF_Array_New(mm)) &&
	     pdf_got(p, nd = HPDF_Dict_New(mm)) && pdf_got(p, tree = HPDF_Dict_New(mm)) &&
	     pdf_ok(p, HPDF_Dict_Add(tree, "Names", names)) &&
	     pdf_ok(p, HPDF_Dict_Add(nd, "EmbeddedFiles", tree)) &&
	     pdf_ok(p, HPDF_Dict_Add(p->doc->catalog, "Names", nd)) &&
	     pdf_ok(p, HPDF_Dict_Add(p->doc->catalog, "AF", af));
	for (i = 0; ok && i < n; i++) {
		HPDF_Dict fs = pdf_embed_one(p, &att[i], when);

		ok = fs != NULL && pdf_ok(p, HPDF_Array_Add(names, att[i].skey)) &&
		     pdf_ok(p, HPDF_Array_Add(names, fs)) && pdf_ok(p, HPDF_Array_Add(af, fs));
	}
	for (i = 0; i < n; i++) {
		free(att[i].key);
		free(att[i].name);
		if (att[i].own)
			free(att[i].data);
	}
	free(att);
	return ok;
}
