/*
 * cache.h: verbale's cache folder, $XDG_CACHE_HOME/verbale (~/.cache/verbale when that is unset
 * or not absolute), where start-up work is kept between runs: which font files fontconfig chose
 * (fonts_cache.c). Everything in it only saves work: a file that is missing, unreadable,
 * truncated, corrupt or out of date is a miss, and the work is done again; deleting the folder
 * is always safe. VERBALE_NO_CACHE=1 turns the cache off (nothing read, nothing written); a
 * folder that cannot be created or written (a read-only home) means no cache, never an error.
 * VERBALE_DEBUG_CACHE=1 prints one line on stderr for each use ("verbale: cache: ..."), for the
 * tests and for whoever wonders why a run is slow.
 *
 * A cache file is keyed by a list of file states (cache_stat_add): the state of each file or
 * folder whose change could change what was cached, taken after the work was done; the entry
 * holds while every state is as recorded (cache_stat_holds). No global state.
 */
#ifndef VERBALE_CACHE_H
#define VERBALE_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* The path of the cache file name (malloc'd), or NULL when the cache is off: VERBALE_NO_CACHE
 * set to anything but "" or "0", or neither XDG_CACHE_HOME (absolute) nor HOME set. */
char *cache_path(const char *name);

/* Whether VERBALE_DEBUG_CACHE asks for the debug lines; cache_debug prints one
 * ("verbale: cache: MESSAGE") when it does. */
bool cache_is_debug(void);
void cache_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Read the cache file at path (at most max bytes, NUL-terminated, malloc'd in *data): true when
 * it was read. */
bool cache_read(const char *path, size_t max, char **data, size_t *len);
/* Write data[0..len) to the cache file at path atomically, creating the folder (mode 0700) when
 * missing. Failures are silent (a debug line): the cache is only an optimisation. */
void cache_write(const char *path, const void *data, size_t len);

/*
 * Append to b the state of path as one line: "S DEV INO MODE SIZE MTIME CTIME PATH" (times in
 * nanoseconds) when it exists, else "M PATH" followed by the state of its nearest folder that
 * exists (creating path changes that folder). Returns false when path cannot be recorded (a
 * newline in it, not absolute). Symbolic links are followed, as fontconfig follows them.
 */
bool cache_stat_add(struct buf *b, const char *path);
/*
 * Whether the line line[0..len) (no newline) written by cache_stat_add still holds: the file is
 * there with the same device, inode, mode, size, modification and change times, or still
 * missing. A line of any other form does not hold. When it holds and path is not NULL, *path
 * receives where the path starts in line (it runs to the end of the line).
 */
bool cache_stat_holds(const char *line, size_t len, const char **path);

/*
 * Whether any of the states recorded in b[0..len) (lines of cache_stat_add, other lines
 * ignored) changed at or after the time since (a CLOCK_REALTIME reading, [ns]): a change made
 * while the cached work was being done, which the work may or may not have seen. Such a record
 * is not written.
 */
bool cache_is_recent(const char *b, size_t len, long long since);
/* CLOCK_REALTIME now [ns]. */
long long cache_now(void);

#endif
