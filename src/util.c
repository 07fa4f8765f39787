/* util.c: allocation that exits on failure, buffers, arenas, whole-file reads. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <unistd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* No allocation is possible here, so this one message is printed without the catalogue. */
void
util_out_of_memory(void)
{
	fputs("verbale: errore: memoria esaurita\n", stderr);
	exit(3);
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		util_out_of_memory();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		util_out_of_memory();
	return p;
}

void *
xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (p == NULL)
		util_out_of_memory();
	return p;
}

void *
xgrow(void *p, size_t *cap, size_t need, size_t elem)
{
	size_t n = *cap ? *cap : 8;

	if (need <= *cap)
		return p;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			util_out_of_memory();
		n *= 2;
	}
	if (n > SIZE_MAX / elem)
		util_out_of_memory();
	*cap = n;
	return xrealloc(p, n * elem);
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	struct buf b = {0};
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		util_out_of_memory();
	b.data = xmalloc((size_t)n + 1);
	vsnprintf(b.data, (size_t)n + 1, fmt, ap);
	return b.data;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	b->data = xgrow(b->data, &b->cap, b->len + n + 1, 1);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_putc(struct buf *b, int c)
{
	char ch = (char)c;

	buf_add(b, &ch, 1);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	buf_puts(b, s);
	free(s);
}

char *
buf_detach(struct buf *b)
{
	char *p = b->data ? b->data : xstrdup("");

	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void
buf_base64(struct buf *b, const void *p, size_t n)
{
	static const char digits[] =
	        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *s = p;
	char four[4];
	size_t i;

	if (n == 0)
		return;
	b->data = xgrow(b->data, &b->cap, b->len + (n + 2) / 3 * 4 + 1, 1);
	for (i = 0; i < n; i += 3) {
		unsigned long v = (unsigned long)s[i] << 16;

		if (i + 1 < n)
			v |= (unsigned long)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		four[0] = digits[v >> 18 & 63];
		four[1] = digits[v >> 12 & 63];
		four[2] = i + 1 < n ? digits[v >> 6 & 63] : '=';
		four[3] = i + 2 < n ? digits[v & 63] : '=';
		buf_add(b, four, 4);
	}
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

/* Arena: a list of blocks; big requests get a block of their own. */
struct block {
	struct block *next;
	size_t used, size;
	max_align_t data[];
};

/* Memory given back by arena_recycle, by size class: a power of two, 2^(k + ARENA_MIN_CLASS)
 * bytes in free[k], chained through their first bytes. */
enum { ARENA_MIN_CLASS = 4, ARENA_CLASSES = 12 };

struct arena {
	struct block *head;
	void *free[ARENA_CLASSES];
};

/* The size class of a request of size bytes (rounded), or -1 when it has none. */
static int
arena_class(size_t size)
{
	int k;

	for (k = 0; k < ARENA_CLASSES; k++)
		if (size == (size_t)1 << (k + ARENA_MIN_CLASS))
			return k;
	return -1;
}

enum { ARENA_BLOCK = 64 * 1024 };

struct arena *
arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void
arena_free(struct arena *a)
{
	struct block *b, *next;

	if (a == NULL)
		return;
	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

void *
arena_alloc(struct arena *a, size_t size)
{
	const size_t align = sizeof(max_align_t);
	struct block *b = a->head;
	void *p;
	int k;

	size = (size + align - 1) / align * align;
	if (size == 0)
		size = align;
	k = arena_class(size);
	if (k >= 0 && a->free[k] != NULL) {
		p = a->free[k];
		memcpy(&a->free[k], p, sizeof(void *));
		memset(p, 0, size);
		return p;
	}
	if (b == NULL || b->size - b->used < size) {
		size_t bsize = size > ARENA_BLOCK / 4 ? size : ARENA_BLOCK;

		if (bsize > SIZE_MAX - sizeof(struct block))
			util_out_of_memory();
		b = xmalloc(sizeof(struct block) + bsize);
		b->used = 0;
		b->size = bsize;
		if (a->head != NULL && bsize != ARENA_BLOCK) {
			/* Keep filling the current block: put the big one behind it. */
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	p = (char *)b->data + b->used;
	b->used += size;
	memset(p, 0, size);
	return p;
}

void
arena_recycle(struct arena *a, void *p, size_t size)
{
	const size_t align = sizeof(max_align_t);
	int k = arena_class((size + align - 1) / align * align);

	if (p == NULL || k < 0)
		return;
	memcpy(p, &a->free[k], sizeof(void *));
	a->free[k] = p;
}

void *
arena_array(struct arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		util_out_of_memory();
	return arena_alloc(a, n * size);
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

/* util_read_file, and the file's status as taken when it was opened in *st. */
static int
read_file(const char *path, size_t max, char **data, size_t *len, struct stat *st)
{
	struct buf b = {0};
	char chunk[65536];
	ssize_t n;
	int fd, err = 0;

	*data = NULL;
	*len = 0;
	/* O_NONBLOCK: a FIFO or a device must not hang the open; only regular files are read */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK)) < 0)
		return errno;
	if (fstat(fd, st) != 0) {
		err = errno;
		close(fd);
		return err;
	}
	if (!S_ISREG(st->st_mode)) {
		close(fd);
		return S_ISDIR(st->st_mode) ? EISDIR : EINVAL;
	}
	if ((uintmax_t)st->st_size > max) {
		close(fd);
		*len = (size_t)st->st_size;
		return -1;
	}
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			break;
		}
		if (b.len + (size_t)n > max) {
			*len = b.len + (size_t)n;
			buf_free(&b);
			close(fd);
			return -1;
		}
		buf_add(&b, chunk, (size_t)n);
	}
	close(fd);
	if (err) {
		buf_free(&b);
		return err;
	}
	*len = b.len;
	*data = buf_detach(&b);
	return 0;
}

int
util_read_file(const char *path, size_t max, char **data, size_t *len)
{
	struct stat st;

	return read_file(path, max, data, len, &st);
}

int
util_read_file_via(const struct util_reader *reader, const char *path, size_t max, char **data,
                   size_t *len)
{
	struct stat st;
	int err = read_file(path, max, data, len, &st);

	if (err == 0 && reader != NULL && reader->fn != NULL)
		reader->fn(reader->ctx, path, &st, *data, *len);
	return err;
}

/*
 * Remove from dir the temporary files (.verbale-PID-XXXXXX) of the processes that have ended:
 * killed with SIGKILL, or by a crash, between mkstemp and rename. Those of a process still
 * running (a batch or a watch writing into the same folder) stay; so do names of any other
 * shape, such as the manifest (.verbale-manifest). Our own pid cannot have a temporary file
 * in flight here (one write at a time): a file with it is an older process's that had it.
 */
static void
clean_leftovers(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	long self = (long)getpid();

	if (dp == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		const char *p = de->d_name;
		char *end;
		long pid;

		if (strncmp(p, ".verbale-", 9) != 0 || p[9] < '1' || p[9] > '9')
			continue;
		errno = 0;
		pid = strtol(p + 9, &end, 10);
		if (errno != 0 || pid > INT_MAX || *end != '-' || strlen(end + 1) != 6)
			continue;
		if (pid != self && (kill((pid_t)pid, 0) == 0 || errno != ESRCH))
			continue; /* alive (or not ours to signal, so alive too) */
		unlinkat(dirfd(dp), p, 0);
	}
	closedir(dp);
}

const char *
util_path_under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (n == 0 || strncmp(path, dir, n) != 0)
		return NULL;
	if (dir[n - 1] == '/') /* the root */
		return path[n] != '\0' ? path + n : NULL;
	return path[n] == '/' && path[n + 1] != '\0' ? path + n + 1 : NULL;
}

int
util_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno;
		if (n == 0)
			return EIO; /* no progress: never loop for ever */
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * The temporary file is .verbale-PID-XXXXXX, in the folder of path. From its creation to its
 * rename (or removal), SIGINT, SIGTERM and SIGHUP are blocked: one that comes meanwhile stays
 * pending and ends the process, as it would have, once the temporary file is gone. This needs
 * no handler and no global state; it delays the end by at most one write. A SIGKILL cannot be
 * blocked: clean_leftovers removes what it leaves, at the next write into the folder.
 */
int
util_write_atomic(const char *path, const void *data, size_t len)
{
	char *dir = util_dirname(path), *tmp;
	const char *p = data;
	int fd, err = 0;
	sigset_t ends, old;

	clean_leftovers(dir);
	tmp = xasprintf("%s/.verbale-%ld-XXXXXX", dir, (long)getpid());
	free(dir);
	sigemptyset(&ends);
	sigaddset(&ends, SIGINT);
	sigaddset(&ends, SIGTERM);
	sigaddset(&ends, SIGHUP);
	sigprocmask(SIG_BLOCK, &ends, &old);
	if ((fd = mkstemp(tmp)) < 0) {
		err = errno;
		sigprocmask(SIG_SETMASK, &old, NULL);
		free(tmp);
		return err;
	}
	err = util_write_all(fd, p, len);
	if (!err && fchmod(fd, 0644) != 0)
		err = errno;
	if (!err && fsync(fd) != 0)
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	if (!err && rename(tmp, path) != 0)
		err = errno;
	if (err)
		unlink(tmp);
	sigprocmask(SIG_SETMASK, &old, NULL); /* a pending SIGTERM ends the process here */
	if (!err) {
		/* make the rename itself durable */
		dir = util_dirname(path);
		if ((fd = open(dir, O_RDONLY)) >= 0) {
			fsync(fd);
			close(fd);
		}
		free(dir);
	}
	free(tmp);
	return err;
}

int
util_mkdirs(const char *dir)
{
	char *p, *q;
	struct stat st;
	int err = 0;

	if (*dir == '\0')
		return 0;
	p = xstrdup(dir);
	for (q = p + 1; !err; q++) {
		if (*q != '/' && *q != '\0')
			continue;
		{
			char c = *q;

			*q = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST)
				err = errno;
			else if (stat(p, &st) != 0)
				err = errno;
			else if (!S_ISDIR(st.st_mode))
				err = ENOTDIR;
			*q = c;
			if (c == '\0')
				break;
		}
	}
	free(p);
	return err;
}

int
util_path_resolve(const char *base, const char *rel, const char *root, char **real)
{
	char *path, *rroot, *dir;
	int err = 0;

	*real = NULL;
	if (*rel == '/')
		return EXDEV;
	path = util_join(base, rel);
	rroot = realpath(root, NULL);
	*real = realpath(path, NULL);
	if (*real == NULL) {
		/* missing: outside all the same when its folder is */
		char *rdir;

		dir = util_dirname(path);
		rdir = realpath(dir, NULL);
		err = rdir != NULL && rroot != NULL && strcmp(rdir, rroot) != 0 &&
		                      util_path_under(rdir, rroot) == NULL
		              ? EXDEV
		              : ENOENT;
		free(rdir);
		free(dir);
	} else if (rroot == NULL || util_path_under(*real, rroot) == NULL) {
		free(*real);
		*real = NULL;
		err = EXDEV;
	}
	free(rroot);
	free(path);
	return err;
}

char *
util_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

char *
util_stem(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (dot != NULL && dot != base && (strcmp(dot, ".yaml") == 0 || strcmp(dot, ".yml") == 0))
		return xstrndup(base, (size_t)(dot - base));
	return xstrdup(base);
}

char *
util_join(const char *a, const char *b)
{
	if (a == NULL || *a == '\0' || *b == '/')
		return xstrdup(b);
	if (a[strlen(a) - 1] == '/')
		return xasprintf("%s%s", a, b);
	return xasprintf("%s/%s", a, b);
}

unsigned long long
util_hash_value(unsigned long long h, unsigned long long v)
{
	return (h ^ v) * 1099511628211ull;
}

unsigned long long
util_hash(unsigned long long h, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i;

	for (i = 0; i < n; i++)
		h = util_hash_value(h, s[i]);
	return h;
}

unsigned long long
util_hash_str(const char *s)
{
	return util_hash(UTIL_HASH_INIT, s, strlen(s));
}

void
util_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

const char *
util_strerror(int err)
{
	switch (err) {
	case ENOENT: return "non esiste";
	case EACCES: return "permesso negato: controllare i permessi del file e delle sue cartelle";
	case EPERM: return "operazione non permessa";
	case EISDIR: return "è una cartella: indicare un file";
	case EINVAL: return "non è un file regolare";
	case ENOTDIR: return "un elemento del percorso non è una cartella";
	case ENOSPC: return "disco pieno: liberare spazio e ripetere il comando";
	case EDQUOT: return "quota del disco esaurita: liberare spazio e ripetere il comando";
	case EFBIG:
		return "file più grande di quanto il sistema consenta: alzare il limite "
		       "(ulimit -f) e ripetere il comando";
	case EROFS: return "file system in sola lettura: scegliere una cartella scrivibile";
	case EIO: return "errore di lettura o scrittura del dispositivo: controllare il disco";
	case ENAMETOOLONG: return "percorso troppo lungo";
	case ELOOP: return "troppi collegamenti simbolici";
	case EMFILE:
	case ENFILE:
		return "troppi file aperti: alzare il limite (ulimit -n) e ripetere il comando";
	case ENOMEM: return "memoria esaurita";
	case EEXIST: return "esiste già";
	case EBUSY: return "occupato";
	case EXDEV: return "su un altro file system";
	default: return strerror(err);
	}
}

long long
util_days_from_civil(int y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}
