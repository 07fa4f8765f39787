/*
 * watch.h: `verbale watch`, the clerk's preview: render a session file, then again within tens
 * of milliseconds of every save of it, of its annexes and logo, or of a file in the templates'
 * folder, until SIGINT, SIGTERM or SIGHUP. Linux only (inotify, signalfd). Included by main.c.
 */
#ifndef VERBALE_WATCH_H
#define VERBALE_WATCH_H

#include "diag.h"
#include "render.h"

/*
 * Render path with opts (opts->template_dir must be set) until a signal ends the watch. The
 * environment (style file, fonts) is built here, and built again after a change in the
 * templates' folder. Problems found before the first render (path missing, a bad style file,
 * no inotify) are reported into d and their exit status returned; every later render gets its
 * own diagnostics, printed on d->out (nothing when NULL) with one status line after each.
 * Returns 0 when a signal ended the watch: SIGINT or SIGTERM (even when inherited as ignored,
 * as a script's background job is started), or SIGHUP unless ignored (nohup). They stay blocked
 * on return: the caller is expected to exit. Each of watch's own lines (not the diagnostics,
 * which keep the FILE:LINE:COL form editors read) starts with the local time, HH:MM:SS.
 * serve_port not 0 (--serve): the HTML preview is written too, whatever opts->formats says, and
 * served live on 127.0.0.1:serve_port (serve.h); a port that cannot be had is reported into d
 * before the first render (exit 3).
 */
int watch_run(const struct render_opts *opts, const char *path, unsigned serve_port,
              struct diags *d);

#endif
