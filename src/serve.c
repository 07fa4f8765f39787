/*
 * serve.c: the live preview of `verbale watch --serve` (see serve.h), over libmicrohttpd.
 *
 * The listening socket is made here (bound to 127.0.0.1 alone, so that the message for a taken
 * port can say why) and handed to libmicrohttpd, which answers on a thread per connection: an
 * event stream blocks its own thread on a condition variable until the next render, or until
 * SERVE_KEEPALIVE_S have passed (then a comment line, which finds a client that went away). The
 * watcher's thread changes the shared state (the page as served, the images it names, the
 * render's count) under the mutex; the request threads copy what they answer while holding it.
 */
#define _GNU_SOURCE /* strcasestr, pthread_condattr_setclock */
#include "serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

enum {
	CONNECTIONS_MAX = 64, /* at a time: a few tabs of one clerk */
	IMAGES_MAX = 256,     /* the images of the page served; the others are 404 */
	BANNER_ERRORS = 50,   /* the errors the banner lists; then how many more */
	IDLE_S = 60,          /* a connection silent this long is closed */
	FIRST_S = 30,         /* how long `/` waits for the first render, then the stand-in */
};

/* An image the page names: the address it asks for, the file it gets. */
struct image {
	char *url;  /* "/" and the src attribute, percent-decoded */
	char *file; /* its real path, inside the session's or the outputs' folder */
	const char *type;
};

struct serve {
	struct MHD_Daemon *daemon;
	unsigned port;
	char *session_dir, *outdir; /* as given */
	pthread_mutex_t mu;         /* guards everything below */
	pthread_cond_t changed;     /* broadcast at each update and at the stop */
	char *good;                 /* the last good preview (NULL: none yet) */
	size_t good_len;
	char *page; /* what `/` serves: good (or a stand-in), the banner, the script */
	size_t page_len;
	struct image *images;
	size_t nimages, cimages;
	unsigned long gen; /* renders so far */
	bool broken;       /* the last render had errors */
	bool stopping;
};

/* An event stream's own state. */
struct client {
	struct serve *s;
	bool started;       /* the "retry:" line is sent */
	unsigned long sent; /* the render last told */
	bool told;          /* whether any render was told */
};

bool
serve_port_parse(const char *s, unsigned *port)
{
	unsigned long v = 0;
	const char *p;

	if (*s == '\0' || strlen(s) > 5)
		return false;
	for (p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		v = v * 10 + (unsigned long)(*p - '0');
	}
	if (v < 1 || v > 65535)
		return false;
	*port = (unsigned)v;
	return true;
}

/* --- the page ----------------------------------------------------------------------------- */

static void
buf_html(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default: buf_putc(b, s[i]);
		}
	}
}

/* The banner of a broken save: the errors of rd, as the terminal shows them. */
static void
banner_add(struct buf *b, const struct diags *rd, bool have_good)
{
	size_t i, shown = 0, more = 0;

	buf_puts(b, "<div id=\"verbale-errori\" role=\"alert\" style=\"position:fixed;top:0;left:0;"
	            "right:0;z-index:2147483647;margin:0;padding:10px 16px;background:#c00000;"
	            "color:#fff;font:14px/1.45 'DejaVu Sans',Arial,sans-serif;text-align:left;"
	            "max-height:45vh;overflow:auto;box-shadow:0 2px 8px rgba(0,0,0,.4)\">"
	            "<strong>");
	buf_puts(b, have_good ? "Errori nell'ultimo salvataggio: qui sotto l'ultimo verbale buono."
	                      : "Errori: nessun verbale buono ancora.");
	buf_puts(b, "</strong><ul style=\"margin:6px 0 0;padding-left:20px;"
	            "font-family:'DejaVu Sans Mono',monospace;white-space:pre-wrap\">");
	for (i = 0; rd != NULL && i < rd->n; i++) {
		char *text = NULL;
		size_t len = 0;
		FILE *f;

		if (rd->v[i].level < DIAG_ERROR)
			continue;
		if (shown == BANNER_ERRORS) {
			more++;
			continue;
		}
		if ((f = open_memstream(&text, &len)) == NULL)
			util_out_of_memory();
		diag_print(f, &rd->v[i]);
		fclose(f);
		while (len > 0 && text[len - 1] == '\n')
			len--;
		buf_puts(b, "<li>");
		buf_html(b, text, len);
		buf_puts(b, "</li>");
		free(text);
		shown++;
	}
	if (more == 1)
		buf_puts(b, "<li>e un altro errore</li>");
	else if (more > 1)
		buf_printf(b, "<li>e altri %zu errori</li>", more);
	buf_puts(b, "</ul></div>\n");
}

/* The script that reloads the page when a render other than gen is told. */
static void
script_add(struct buf *b, unsigned long gen)
{
	buf_printf(b,
	           "<script>\n"
	           "(function () {\n"
	           "  var gen = \"%lu\", es = new EventSource(\"/events\");\n"
	           "  function told(e) { if (e.data !== gen) { es.close(); location.reload(); } }\n"
	           "  es.addEventListener(\"aggiornato\", told);\n"
	           "  es.addEventListener(\"errori\", told);\n"
	           "})();\n"
	           "</script>\n",
	           gen);
}

/* Where the tag that starts with tag ("<body") ends, past its '>', in html[0..n); 0: none. */
static size_t
tag_end(const char *html, size_t n, const char *tag)
{
	size_t i, k = strlen(tag);

	for (i = 0; i + k < n; i++) {
		if (strncasecmp(html + i, tag, k) != 0 ||
		    (html[i + k] != '>' && html[i + k] != ' ' && html[i + k] != '\n' &&
		     html[i + k] != '\t'))
			continue;
		for (i += k; i < n; i++)
			if (html[i] == '>')
				return i + 1;
		return 0;
	}
	return 0;
}

/* Where the last "</body" starts in html[0..n); n when there is none. */
static size_t
body_close(const char *html, size_t n)
{
	size_t i;

	for (i = n; i >= 6; i--)
		if (strncasecmp(html + i - 6, "</body", 6) == 0)
			return i - 6;
	return n;
}

static const char standin[] =
        "<!DOCTYPE html>\n<html lang=\"it\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<title>verbale: anteprima</title>\n</head>\n<body>\n"
        "<p>verbale: il primo verbale non è ancora pronto; la pagina si ricarica quando lo "
        "è.</p>\n</body>\n</html>\n";

/* s->page from s->good (or the stand-in), the banner when broken, the script. Locked. */
static void
page_make(struct serve *s, const struct diags *rd)
{
	const char *html = s->good ? s->good : standin;
	size_t n = s->good ? s->good_len : strlen(standin), open = tag_end(html, n, "<body"),
	       close = body_close(html, n);
	struct buf b = {0};

	if (close < open)
		close = n;
	buf_add(&b, html, open);
	if (s->broken)
		banner_add(&b, rd, s->good != NULL);
	buf_add(&b, html + open, close - open);
	script_add(&b, s->gen);
	buf_add(&b, html + close, n - close);
	free(s->page);
	s->page_len = b.len;
	s->page = buf_detach(&b);
}

/* --- the images the page names ----------------------------------------------------------- */

static const char *
image_type(const char *path)
{
	static const struct {
		const char *ext, *type;
	} types[] = {{".png", "image/png"}, {".jpg", "image/jpeg"},    {".jpeg", "image/jpeg"},
	             {".gif", "image/gif"}, {".svg", "image/svg+xml"}, {".webp", "image/webp"}};
	size_t i, n = strlen(path);

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		size_t k = strlen(types[i].ext);

		if (n > k && strcasecmp(path + n - k, types[i].ext) == 0)
			return types[i].type;
	}
	return NULL;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * The file src names, as a path relative to the page: its character references &amp; and
 * percent escapes decoded; NULL for anything else (an address with a scheme, an absolute path,
 * a query, "..", a NUL, a backslash). malloc'd.
 */
static char *
src_path(const char *v, size_t n)
{
	struct buf b = {0};
	size_t i, len;
	char *p, *seg;

	for (i = 0; i < n; i++) {
		int h, l;

		if (v[i] == '&' && i + 5 <= n && strncmp(v + i, "&amp;", 5) == 0) {
			buf_putc(&b, '&');
			i += 4;
		} else if (v[i] == '%' && i + 2 < n && (h = hexval(v[i + 1])) >= 0 &&
		           (l = hexval(v[i + 2])) >= 0) {
			buf_putc(&b, h * 16 + l);
			i += 2;
		} else
			buf_putc(&b, v[i]);
	}
	len = b.len;
	p = buf_detach(&b);
	if (*p == '\0' || *p == '/' || strlen(p) != len || strpbrk(p, ":?#\\&") != NULL) {
		free(p);
		return NULL;
	}
	for (seg = p; seg != NULL; seg = strchr(seg, '/') ? strchr(seg, '/') + 1 : NULL)
		if (strncmp(seg, "..", 2) == 0 && (seg[2] == '/' || seg[2] == '\0')) {
			free(p);
			return NULL;
		}
	return p;
}

/* rel's real path when it is a file inside dir (a real path); NULL otherwise. */
static char *
file_inside(const char *dir, const char *rel)
{
	char *f, *real;
	struct stat st;

	if (dir == NULL)
		return NULL;
	f = util_join(dir, rel);
	real = realpath(f, NULL);
	free(f);
	if (real != NULL && util_path_under(real, dir) != NULL && stat(real, &st) == 0 &&
	    S_ISREG(st.st_mode))
		return real;
	free(real);
	return NULL;
}

static void
images_clear(struct serve *s)
{
	size_t i;

	for (i = 0; i < s->nimages; i++) {
		free(s->images[i].url);
		free(s->images[i].file);
	}
	s->nimages = 0;
}

/* The image src names in the page, when it is one the list may hold: looked for in the
 * folders dirs[0..2) (real paths, NULL when missing). Locked. */
static void
image_add(struct serve *s, char *const dirs[2], const char *v, size_t n)
{
	char *rel = src_path(v, n), *file = NULL, *url;
	const char *type = rel ? image_type(rel) : NULL;
	size_t i;

	if (type == NULL || s->nimages == IMAGES_MAX ||
	    ((file = file_inside(dirs[0], rel)) == NULL &&
	     (file = file_inside(dirs[1], rel)) == NULL)) {
		free(rel);
		return;
	}
	url = xasprintf("/%s", rel);
	free(rel);
	for (i = 0; i < s->nimages; i++)
		if (strcmp(s->images[i].url, url) == 0)
			break;
	if (i < s->nimages) {
		free(url);
		free(file);
		return;
	}
	s->images = xgrow(s->images, &s->cimages, s->nimages + 1, sizeof(*s->images));
	s->images[s->nimages].url = url;
	s->images[s->nimages].file = file;
	s->images[s->nimages++].type = type;
}

/* The list of the images the good page names: the src of each <img>. Locked. */
static void
images_find(struct serve *s)
{
	const char *p = s->good, *end = s->good + s->good_len;
	char *dirs[2] = {realpath(s->outdir, NULL), realpath(s->session_dir, NULL)};

	images_clear(s);
	while (p < end && (p = strcasestr(p, "<img")) != NULL) {
		const char *gt = memchr(p, '>', (size_t)(end - p)), *a;

		if (gt == NULL)
			break;
		for (a = p + 4; a + 5 < gt; a++) {
			const char *v;
			char q;

			if (strncasecmp(a, "src=", 4) != 0 ||
			    (a[-1] != ' ' && a[-1] != '\n' && a[-1] != '\t'))
				continue;
			q = a[4];
			if (q != '"' && q != '\'')
				break;
			v = a + 5;
			a = memchr(v, q, (size_t)(gt - v));
			if (a != NULL)
				image_add(s, dirs, v, (size_t)(a - v));
			break;
		}
		p = gt + 1;
	}
	free(dirs[0]);
	free(dirs[1]);
}

/* --- requests ----------------------------------------------------------------------------- */

static enum MHD_Result
answer(struct MHD_Connection *c, unsigned status, struct MHD_Response *r, const char *type)
{
	enum MHD_Result ret;

	if (r == NULL)
		return MHD_NO;
	if (type != NULL)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result
answer_text(struct MHD_Connection *c, unsigned status, const char *text)
{
	return answer(
	        c, status,
	        MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT),
	        "text/plain; charset=utf-8");
}

/* Whether the Host header, when there is one, names this machine: a page of another site that
 * a rebound name sends here is refused. */
static bool
host_ok(struct MHD_Connection *c, unsigned port)
{
	const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
	char a[32], b[32];

	if (h == NULL)
		return true;
	snprintf(a, sizeof(a), "127.0.0.1:%u", port);
	snprintf(b, sizeof(b), "localhost:%u", port);
	return strcmp(h, a) == 0 || strcmp(h, b) == 0 || strcmp(h, "127.0.0.1") == 0 ||
	       strcmp(h, "localhost") == 0;
}

/* The event stream: "retry:" first, then an event for the current render, then one for each
 * new render, or a comment line after SERVE_KEEPALIVE_S of quiet. */
static ssize_t
events_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct client *cl = cls;
	struct serve *s = cl->s;
	struct timespec until;
	int n;

	(void)pos;
	if (!cl->started) {
		cl->started = true;
		return snprintf(buf, max, "retry: 1000\n\n");
	}
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += SERVE_KEEPALIVE_S;
	pthread_mutex_lock(&s->mu);
	while (!s->stopping && (s->gen == 0 || (cl->told && cl->sent == s->gen)))
		if (pthread_cond_timedwait(&s->changed, &s->mu, &until) == ETIMEDOUT)
			break;
	if (s->stopping) {
		pthread_mutex_unlock(&s->mu);
		return MHD_CONTENT_READER_END_OF_STREAM;
	}
	if (s->gen > 0 && (!cl->told || cl->sent != s->gen)) {
		n = snprintf(buf, max, "event: %s\nid: %lu\ndata: %lu\n\n",
		             s->broken ? "errori" : "aggiornato", s->gen, s->gen);
		cl->sent = s->gen;
		cl->told = true;
	} else
		n = snprintf(buf, max, ": keepalive\n\n");
	pthread_mutex_unlock(&s->mu);
	return n < 0 || (size_t)n >= max ? MHD_CONTENT_READER_END_WITH_ERROR : n;
}

static enum MHD_Result
answer_events(struct MHD_Connection *c, struct serve *s, bool head)
{
	struct client *cl;

	if (head)
		return answer(
		        c, MHD_HTTP_OK,
		        MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT),
		        "text/event-stream");
	cl = xcalloc(1, sizeof(*cl));
	cl->s = s;
	return answer(
	        c, MHD_HTTP_OK,
	        MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 256, events_read, cl, free),
	        "text/event-stream");
}

static enum MHD_Result
answer_image(struct MHD_Connection *c, struct serve *s, const char *url)
{
	char *file = NULL;
	const char *type = NULL;
	struct stat st;
	size_t i;
	int fd;

	pthread_mutex_lock(&s->mu);
	for (i = 0; i < s->nimages; i++)
		if (strcmp(s->images[i].url, url) == 0) {
			file = xstrdup(s->images[i].file);
			type = s->images[i].type;
			break;
		}
	pthread_mutex_unlock(&s->mu);
	if (file == NULL)
		return answer_text(c, MHD_HTTP_NOT_FOUND, "non trovato\n");
	fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	free(file);
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		return answer_text(c, MHD_HTTP_NOT_FOUND, "non trovato\n");
	}
	/* the response owns fd from here */
	return answer(c, MHD_HTTP_OK, MHD_create_response_from_fd((uint64_t)st.st_size, fd), type);
}

static enum MHD_Result
serve_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
              const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	struct serve *s = cls;
	bool head = strcmp(method, MHD_HTTP_METHOD_HEAD) == 0;
	struct MHD_Response *r;
	struct timespec until;

	(void)version;
	(void)upload;
	(void)con_cls;
	*upload_size = 0; /* a body is never read */
	if (!head && strcmp(method, MHD_HTTP_METHOD_GET) != 0)
		return answer_text(c, MHD_HTTP_METHOD_NOT_ALLOWED, "metodo non ammesso\n");
	if (!host_ok(c, s->port))
		return answer_text(c, MHD_HTTP_FORBIDDEN, "host non ammesso\n");
	if (strcmp(url, "/events") == 0)
		return answer_events(c, s, head);
	if (strcmp(url, "/") != 0)
		return answer_image(c, s, url);
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += FIRST_S;
	pthread_mutex_lock(&s->mu);
	while (!s->stopping && s->gen == 0) /* a browser opened at once gets the first render */
		if (pthread_cond_timedwait(&s->changed, &s->mu, &until) == ETIMEDOUT)
			break;
	r = MHD_create_response_from_buffer(s->page_len, s->page, MHD_RESPMEM_MUST_COPY);
	pthread_mutex_unlock(&s->mu);
	return answer(c, MHD_HTTP_OK, r, "text/html; charset=utf-8");
}

/* --- the server --------------------------------------------------------------------------- */

/* A socket listening on 127.0.0.1:port, or -1 with errno set. */
static int
listen_loopback(unsigned port)
{
	struct sockaddr_in sa;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), on = 1, err;

	if (fd < 0)
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) != 0 ||
	    bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(fd, 16) != 0) {
		err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

static const char *
port_why(int err)
{
	switch (err) {
	case EADDRINUSE: return "è già in uso";
	case EACCES:
		return "le porte sotto la 1024 sono riservate all'amministratore: usarne una da "
		       "1024 "
		       "a 65535";
	default: return util_strerror(err);
	}
}

struct serve *
serve_start(unsigned port, const char *session_dir, const char *outdir, struct diags *d)
{
	struct serve *s;
	pthread_condattr_t ca;
	int fd = listen_loopback(port);

	if (fd < 0) {
		diag_report(d, D_SERVE_PORT, NULL, port, port_why(errno));
		return NULL;
	}
	s = xcalloc(1, sizeof(*s));
	s->port = port;
	s->session_dir = xstrdup(session_dir);
	s->outdir = xstrdup(outdir);
	pthread_mutex_init(&s->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&s->changed, &ca);
	pthread_condattr_destroy(&ca);
	page_make(s, NULL);
	s->daemon = MHD_start_daemon(
	        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION, (uint16_t)port,
	        NULL, NULL, serve_request, s, MHD_OPTION_LISTEN_SOCKET, fd,
	        MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONNECTIONS_MAX,
	        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_S, MHD_OPTION_END);
	if (s->daemon == NULL) {
		close(fd);
		diag_report(d, D_SERVE_PORT, NULL, port, "libmicrohttpd non è partito");
		serve_stop(s);
		return NULL;
	}
	return s;
}

void
serve_update(struct serve *s, const char *html, size_t len, const struct diags *rd)
{
	pthread_mutex_lock(&s->mu);
	s->gen++;
	s->broken = html == NULL;
	if (html != NULL) {
		free(s->good);
		s->good = xstrndup(html, len);
		s->good_len = len;
		images_find(s);
	}
	page_make(s, rd);
	pthread_cond_broadcast(&s->changed);
	pthread_mutex_unlock(&s->mu);
}

void
serve_stop(struct serve *s)
{
	if (s == NULL)
		return;
	pthread_mutex_lock(&s->mu);
	s->stopping = true;
	pthread_cond_broadcast(&s->changed);
	pthread_mutex_unlock(&s->mu);
	if (s->daemon != NULL)
		MHD_stop_daemon(s->daemon); /* waits for every connection's thread */
	images_clear(s);
	free(s->images);
	free(s->good);
	free(s->page);
	free(s->session_dir);
	free(s->outdir);
	pthread_cond_destroy(&s->changed);
	pthread_mutex_destroy(&s->mu);
	free(s);
}
