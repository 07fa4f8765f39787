/*
 * serve.h: the live preview of `verbale watch --serve PORT`, over libmicrohttpd (the only module
 * that includes microhttpd.h). It listens on 127.0.0.1 alone and serves three things, nothing
 * else: `/`, the last good HTML preview with a small script that reloads it at each render and,
 * after a broken save, a red banner listing the errors; the images that page names, when they
 * lie inside the session's folder or the outputs' folder (a list made from the page, not a
 * mapping of the file system); and `/events`, Server-Sent Events, one after each render. Any
 * other path is 404, any method but GET and HEAD 405, a Host header naming another machine 403.
 * Requests run on libmicrohttpd's threads (one a connection); the page, the errors and the
 * render's count are shared with them under a mutex. Included by watch.c and main.c.
 */
#ifndef VERBALE_SERVE_H
#define VERBALE_SERVE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

/* Seconds between the comment lines (": keepalive") an idle event stream sends, so that a
 * client that went away is noticed. */
enum { SERVE_KEEPALIVE_S = 3 };

struct serve;

/* PORT as --serve takes it: a decimal number from 1 to 65535, nothing else; false when not. */
bool serve_port_parse(const char *s, unsigned *port);

/*
 * Listen on 127.0.0.1:port and serve until serve_stop. session_dir is the session file's folder
 * and outdir the outputs' (where the HTML preview is written): the images the page names are
 * looked for in outdir, then in session_dir, and served only when inside one of them; both are
 * copied. Until the first serve_update, a request for `/` waits for it (30 s at most, then a
 * page saying that the first render is not ready) and an event stream sends only keepalives.
 * NULL after reporting into d why not (D_SERVE_PORT: the port is taken or not allowed, exit 3).
 */
struct serve *serve_start(unsigned port, const char *session_dir, const char *outdir,
                          struct diags *d);

/*
 * A render ended. html (len bytes, borrowed for the call) is the new preview after a good
 * render: it replaces the page and clears the banner. NULL after a broken one: the last good
 * page stays, under a banner listing the errors of rd (its reports at DIAG_ERROR or worse, each
 * as FILE:LINE:COL: errore: MESSAGE with its note). Either way every event stream gets an event.
 */
void serve_update(struct serve *s, const char *html, size_t len, const struct diags *rd);

/* Stop listening, end the event streams, wait for every request to finish, free s (NULL-safe). */
void serve_stop(struct serve *s);

#endif
