/*
 * util.h: memory that never fails, growable buffers, arenas.
 *
 * Every allocation function here exits with status 3 and a message when memory runs out, so no
 * caller has an out-of-memory branch. Every free accepts NULL.
 */
#ifndef VERBALE_UTIL_H
#define VERBALE_UTIL_H

#include <stdarg.h>
#include <stddef.h>

/* The caller owns the result and frees it with free(). */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
/* Grow an array of *cap elements of size elem so that it holds at least need elements. */
void *xgrow(void *p, size_t *cap, size_t need, size_t elem);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print that memory is exhausted and exit with status 3. */
void util_out_of_memory(void) __attribute__((noreturn));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* A growable byte buffer, always NUL-terminated once anything was added. */
struct buf {
	char *data;
	size_t len, cap;
};

void buf_add(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, int c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append p[0..n) in base64 (RFC 4648, with '=' padding, no line breaks). */
void buf_base64(struct buf *b, const void *p, size_t n);
/* Hand the data over to the caller (free() it) and leave the buffer empty. Never NULL. */
char *buf_detach(struct buf *b);
/* Release the data; the buffer can be used again. */
void buf_free(struct buf *b);

/*
 * An arena: many small allocations released together. Used for one loaded session (model,
 * strings, positions) and freed by arena_free.
 */
struct arena;

struct arena *arena_new(void);
void arena_free(struct arena *a);
/* Zeroed memory, aligned for any type, valid until arena_free. */
void *arena_alloc(struct arena *a, size_t size);
void *arena_array(struct arena *a, size_t n, size_t size);
/* p, of size bytes from arena_alloc or arena_array, is not used any more: a later request of the
 * same size may have it (when size is a power of two up to 32 KiB; else it waits for
 * arena_free). */
void arena_recycle(struct arena *a, void *p, size_t size);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);

/* Read a whole file into a NUL-terminated malloc'd buffer; at most max bytes. Returns 0, or an
 * errno value, or -1 when the file is larger than max (then *len is its size). */
int util_read_file(const char *path, size_t max, char **data, size_t *len);

/*
 * Who reads files on someone's behalf: fn is shown every file read whole through the reader,
 * with its path as given, its status as taken when it was opened (before reading), and the
 * bytes read (borrowed for the call). How batch learns, byte for byte, what a render was made
 * from. A value passed down explicitly to the code that reads for a render or an environment
 * (there is no global hook); the caller owns it and ctx, and keeps both alive while it is in
 * use. NULL wherever nobody records.
 */
struct stat;
typedef void util_read_fn(void *ctx, const char *path, const struct stat *st, const char *data,
                          size_t len);
struct util_reader {
	util_read_fn *fn;
	void *ctx;
};

/* util_read_file; then, when the file was read and reader is not NULL, reader->fn is shown
 * it. Same results as util_read_file. */
int util_read_file_via(const struct util_reader *reader, const char *path, size_t max, char **data,
                       size_t *len);

/* Write data[0..len) to fd, again after EINTR and short writes: 0, or an errno value. */
int util_write_all(int fd, const void *data, size_t len);
/* Write data to path atomically: a temporary file in the same folder (.verbale-PID-XXXXXX),
 * fsync, rename. Either the old file or the new complete one is there afterwards, also after
 * SIGINT, SIGTERM or SIGHUP; the temporary files left by ended processes (SIGKILL) are removed
 * first. Returns 0 or an errno value. */
int util_write_atomic(const char *path, const void *data, size_t len);
/* Create dir and its parents when missing. Returns 0 or an errno value. */
int util_mkdirs(const char *dir);
/* When path is inside the folder dir (both as realpath gives them: absolute, no "..", no
 * links), what follows dir's "/" in path; else NULL (dir itself, a sibling such as dir2, or
 * anything else). Borrowed from path. */
const char *util_path_under(const char *path, const char *dir);
/* Where base/rel really is (symbolic links followed) when it is inside the folder root: 0 and
 * its real path malloc'd in *real; EXDEV when rel is absolute or the file (or, when it is
 * missing, its folder) is outside root; ENOENT when it does not exist. */
int util_path_resolve(const char *base, const char *rel, const char *root, char **real);
/* The folder of path ("." when there is none), malloc'd. */
char *util_dirname(const char *path);
/* path's last component without its extension (".yaml", ".yml"), malloc'd. */
char *util_stem(const char *path);
/* a/b, malloc'd ("b" alone when a is NULL or "", b alone when b is absolute). */
char *util_join(const char *a, const char *b);

/* What errno value err means, in Italian, with the fix where there is one (static text). */
const char *util_strerror(int err);

/* qsort, also for an empty or NULL array (which qsort may not be given). */
void util_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

/*
 * The one hash of verbale, 64-bit FNV-1a: of the bytes p[0..n), continuing from h (start with
 * UTIL_HASH_INIT); util_hash_str of a string; util_hash_value one step with a whole value v
 * (the font subset tags hash code points so, which keeps their tags as they were).
 */
#define UTIL_HASH_INIT 14695981039346656037ull
unsigned long long util_hash(unsigned long long h, const void *p, size_t n);
unsigned long long util_hash_str(const char *s);
unsigned long long util_hash_value(unsigned long long h, unsigned long long v);

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; m 1-12): the PDF's and the ODT's dates. */
long long util_days_from_civil(int y, int m, int d);

#endif
