/*
 * cache.c: the cache folder, its files, and the file states that key them.
 */
#include "cache.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

char *
cache_path(const char *name)
{
	const char *off = getenv("VERBALE_NO_CACHE"), *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");

	if (off != NULL && off[0] != '\0' && strcmp(off, "0") != 0)
		return NULL;
	/* The XDG base directory specification: a relative XDG_CACHE_HOME is ignored. */
	if (xdg != NULL && xdg[0] == '/')
		return xasprintf("%s/verbale/%s", xdg, name);
	if (home != NULL && home[0] == '/')
		return xasprintf("%s/.cache/verbale/%s", home, name);
	return NULL;
}

bool
cache_is_debug(void)
{
	const char *v = getenv("VERBALE_DEBUG_CACHE");

	return v != NULL && v[0] != '\0' && strcmp(v, "0") != 0;
}

void
cache_debug(const char *fmt, ...)
{
	va_list ap;

	if (!cache_is_debug())
		return;
	va_start(ap, fmt);
	fputs("verbale: cache: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

bool
cache_read(const char *path, size_t max, char **data, size_t *len)
{
	int err;

	*data = NULL;
	*len = 0;
	if ((err = util_read_file(path, max, data, len)) != 0) {
		free(*data);
		*data = NULL;
		*len = 0;
		return false;
	}
	return true;
}

void
cache_write(const char *path, const void *data, size_t len)
{
	char *dir = util_dirname(path), *parent = util_dirname(dir);
	int err;

	/* the parents as util_mkdirs makes them (0777 & ~umask), the cache's own folder private */
	err = util_mkdirs(parent);
	if (err == 0 && mkdir(dir, 0700) != 0 && errno != EEXIST)
		err = errno;
	if (err == 0)
		err = util_write_atomic(path, data, len);
	if (err != 0)
		cache_debug("non scritta %s: %s", path, strerror(err));
	else
		cache_debug("scritta %s", path);
	free(parent);
	free(dir);
}

static long long
cache_ns(const struct timespec *t)
{
	return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

bool
cache_stat_add(struct buf *b, const char *path)
{
	struct stat st;
	char *dir, *up;

	if (path[0] != '/' || strchr(path, '\n') != NULL)
		return false;
	if (stat(path, &st) == 0) {
		buf_printf(b, "S %llu %llu %o %lld %lld %lld %s\n", (unsigned long long)st.st_dev,
		           (unsigned long long)st.st_ino, (unsigned)st.st_mode,
		           (long long)st.st_size, cache_ns(&st.st_mtim), cache_ns(&st.st_ctim),
		           path);
		return true;
	}
	buf_printf(b, "M %s\n", path);
	/* the nearest folder that exists: creating path changes its entries */
	dir = xstrdup(path);
	for (;;) {
		up = strrchr(dir, '/');
		if (up == dir) {
			dir[1] = '\0';
		} else {
			*up = '\0';
		}
		if (stat(dir, &st) == 0 || strcmp(dir, "/") == 0)
			break;
	}
	cache_stat_add(b, dir);
	free(dir);
	return true;
}

/* The next decimal number of s[*i..len) after one blank; false when there is none. */
static bool
cache_number(const char *s, size_t len, size_t *i, int base, unsigned long long *v)
{
	unsigned long long x = 0;
	size_t start;
	unsigned d;

	if (*i >= len || s[*i] != ' ')
		return false;
	start = ++*i;
	for (; *i < len && s[*i] >= '0' && s[*i] < '0' + base; ++*i) {
		d = (unsigned)(s[*i] - '0');
		if (x > (~0ULL - d) / (unsigned)base)
			return false;
		x = x * (unsigned)base + d;
	}
	*v = x;
	return *i > start && *i - start <= 24;
}

bool
cache_stat_holds(const char *line, size_t len, const char **path)
{
	unsigned long long dev, ino, mode, size, mt, ct;
	struct stat st;
	char *p;
	size_t i = 1;
	bool ok;

	if (len < 3 || (line[0] != 'S' && line[0] != 'M'))
		return false;
	if (line[0] == 'S' &&
	    !(cache_number(line, len, &i, 10, &dev) && cache_number(line, len, &i, 10, &ino) &&
	      cache_number(line, len, &i, 8, &mode) && cache_number(line, len, &i, 10, &size) &&
	      cache_number(line, len, &i, 10, &mt) && cache_number(line, len, &i, 10, &ct)))
		return false;
	if (i + 1 >= len || line[i] != ' ' || line[i + 1] != '/')
		return false;
	p = xstrndup(line + i + 1, len - i - 1);
	if (strlen(p) != len - i - 1) { /* a NUL inside */
		free(p);
		return false;
	}
	if (line[0] == 'M')
		ok = stat(p, &st) != 0 && (errno == ENOENT || errno == ENOTDIR);
	else
		ok = stat(p, &st) == 0 && (unsigned long long)st.st_dev == dev &&
		     (unsigned long long)st.st_ino == ino &&
		     (unsigned long long)st.st_mode == mode &&
		     (unsigned long long)st.st_size == size &&
		     (unsigned long long)cache_ns(&st.st_mtim) == mt &&
		     (unsigned long long)cache_ns(&st.st_ctim) == ct;
	free(p);
	if (ok && path != NULL)
		*path = line + i + 1;
	return ok;
}

bool
cache_is_recent(const char *b, size_t len, long long since)
{
	const char *line, *eol, *end = b + len;
	unsigned long long v[6];
	size_t i, k;

	for (line = b; line < end; line = eol + 1) {
		if ((eol = memchr(line, '\n', (size_t)(end - line))) == NULL)
			eol = end;
		if (line[0] != 'S')
			continue;
		i = 1;
		for (k = 0; k < 6; k++)
			if (!cache_number(line, (size_t)(eol - line), &i, k == 2 ? 8 : 10, &v[k]))
				return true; /* not ours: do not trust it either */
		if ((long long)v[4] >= since || (long long)v[5] >= since)
			return true;
	}
	return false;
}

long long
cache_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_REALTIME, &t);
	return cache_ns(&t);
}
