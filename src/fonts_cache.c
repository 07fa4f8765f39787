/*
 * fonts_cache.c: fontconfig's choice of faces kept in the cache folder (cache.h), so that a run
 * whose configuration, fonts and style are as before opens the same files without loading
 * fontconfig's configuration (which parses dozens of XML files and costs most of verbale's
 * start-up).
 *
 * The file, fonts-HASH in the cache folder (HASH of the key), is text:
 *
 *   verbale-fonts-cache 1               the format
 *   verbale 0.1.0                       verbale's version
 *   fontconfig 21401                    the library's (FcGetVersion: no configuration loaded)
 *   exe /usr/bin/verbale                the program (fontconfig's prgname is its name)
 *   env NAME=VALUE | env NAME           each variable fontconfig reads, or that it is unset
 *   want FACE BOLD ITALIC FAMILY        the requests, one per face
 *   face FACE INDEX PATH                the choice, one per face
 *   S ... PATH | M PATH                 file states (cache_stat_add), the faces' files among them
 *   end
 *
 * The first lines up to the requests are the key: a file is used only when they are the same
 * bytes as the key computed now, every state holds, every face's file is among the states, and
 * the file ends with "end". The states are of every file and folder fontconfig reported reading
 * (FcConfigGetConfigFiles, FcConfigGetConfigDirs: the conf.d folder, whose time changes when a
 * file is added, removed or renamed in it), of every file the configuration files <include>,
 * also when missing (the user's ~/.config/fontconfig/fonts.conf, made later, changes the choice:
 * a missing path is recorded with the state of its nearest folder that exists), of the font
 * folders (FcConfigGetFontDirs, the subfolders and the missing ones included: fontconfig itself
 * rescans a folder when its time changes), of the chosen files and of the program. An <include>
 * is looked for in the text of each configuration file, not parsed as XML: every place a
 * relative path may be found (the including file's folder, FONTCONFIG_PATH, the main
 * configuration's folder, under FONTCONFIG_SYSROOT too) is recorded, and so is FONTCONFIG_FILE
 * (or the main configuration file), which fontconfig does without when it is missing.
 *
 * Not covered: an <include> whose path is written with XML entities or character references,
 * and a change made within one tick of the file system's clock of fontconfig reading it (a
 * state changed at or after the start of the search is never written: cache_is_recent).
 */
#include "fonts_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "util.h"

#define FONTS_CACHE_MAGIC     "verbale-fonts-cache 1\n"
#define FONTS_CACHE_MAX       (1 << 20) /* bytes of a cache file; more is not ours */
#define FONTS_CONF_MAX        (4 << 20) /* bytes of a configuration file searched for includes */
#define FONTS_CACHE_MAX_LINES 4096      /* file states of one cache file */

/* The environment fontconfig reads (configuration, user folders, language, debugging aside). */
static const char *const fonts_env[] = {
        "FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT", "HOME",
        "XDG_CONFIG_HOME", "XDG_DATA_HOME",   "XDG_CACHE_HOME",     "FC_LANG",
        "LANGUAGE",        "LC_ALL",          "LC_CTYPE",           "LANG",
};

char *
fonts_cache_key(const struct fonts_want want[FACE_MAX], char **path)
{
	struct buf b = {0};
	char exe[4096];
	const char *v;
	ssize_t n;
	size_t i;
	char *p;

	*path = NULL;
	if ((p = cache_path("")) == NULL)
		return NULL;
	free(p);
	buf_puts(&b, FONTS_CACHE_MAGIC);
	buf_printf(&b, "verbale %s\nfontconfig %d\n", VERSION, FcGetVersion());
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	exe[n > 0 ? n : 0] = '\0';
	buf_printf(&b, "exe %s\n", exe);
	for (i = 0; i < sizeof(fonts_env) / sizeof(fonts_env[0]); i++)
		if ((v = getenv(fonts_env[i])) != NULL)
			buf_printf(&b, "env %s=%s\n", fonts_env[i], v);
		else
			buf_printf(&b, "env %s\n", fonts_env[i]);
	for (i = 0; i < FACE_MAX; i++)
		buf_printf(&b, "want %zu %d %d %s\n", i, want[i].bold, want[i].italic,
		           want[i].family);
	/* one line per entry: a value with a newline (or a NUL) cannot be told apart */
	for (i = 0, n = 0; i < b.len; i++)
		n += b.data[i] == '\n';
	if (strchr(exe, '\n') != NULL || strlen(b.data) != b.len ||
	    (size_t)n != 4 + sizeof(fonts_env) / sizeof(fonts_env[0]) + FACE_MAX) {
		buf_free(&b);
		return NULL;
	}
	p = xasprintf("fonts-%016llx", util_hash(UTIL_HASH_INIT, b.data, b.len));
	*path = cache_path(p);
	free(p);
	return buf_detach(&b);
}

/* Parse "face I INDEX PATH" (line[0..len)) into pick[]; false when malformed or repeated. */
static bool
fonts_cache_face(const char *line, size_t len, struct fonts_pick pick[FACE_MAX])
{
	unsigned long face, index;
	char *end, *s = xstrndup(line, len);
	bool ok = false;

	if (strlen(s) != len || strncmp(s, "face ", 5) != 0 || s[5] < '0' || s[5] > '9')
		goto out;
	face = strtoul(s + 5, &end, 10);
	if (face >= FACE_MAX || pick[face].path != NULL || *end != ' ' || end[1] < '0' ||
	    end[1] > '9')
		goto out;
	index = strtoul(end + 1, &end, 10);
	if (index > 0xFFFFFFFFUL || *end != ' ' || end[1] != '/')
		goto out;
	pick[face].path = xstrdup(end + 1);
	pick[face].index = (unsigned)index;
	ok = true;
out:
	free(s);
	return ok;
}

bool
fonts_cache_lookup(const char *path, const char *key, struct fonts_pick pick[FACE_MAX])
{
	const char *line, *eol, *end, *why = NULL, *sp;
	char *data = NULL;
	size_t len, klen = strlen(key), i, lines = 0;
	bool ended = false, seen[FACE_MAX] = {false};

	memset(pick, 0, FACE_MAX * sizeof(*pick));
	if (!cache_read(path, FONTS_CACHE_MAX, &data, &len)) {
		cache_debug("caratteri: assente %s", path);
		return false;
	}
	if (len < klen || memcmp(data, key, klen) != 0) {
		why = "chiave diversa";
		goto out;
	}
	end = data + len;
	for (line = data + klen; line < end && why == NULL; line = eol + 1) {
		if ((eol = memchr(line, '\n', (size_t)(end - line))) == NULL) {
			why = "troncato";
			break;
		}
		if (ended || ++lines > FONTS_CACHE_MAX_LINES) {
			why = "righe in più";
		} else if (eol - line == 3 && memcmp(line, "end", 3) == 0) {
			ended = true;
		} else if (line[0] == 'f') {
			if (!fonts_cache_face(line, (size_t)(eol - line), pick))
				why = "riga non valida";
		} else if (!cache_stat_holds(line, (size_t)(eol - line), &sp)) {
			why = "cambiato";
			cache_debug("caratteri: cambiato: %.*s", (int)(eol - line), line);
		} else if (line[0] == 'S') {
			for (i = 0; i < FACE_MAX; i++)
				if (pick[i].path != NULL &&
				    strlen(pick[i].path) == (size_t)(eol - sp) &&
				    memcmp(pick[i].path, sp, (size_t)(eol - sp)) == 0)
					seen[i] = true;
		}
	}
	if (why == NULL && !ended)
		why = "troncato";
	for (i = 0; why == NULL && i < FACE_MAX; i++)
		if (pick[i].path == NULL || !seen[i])
			why = "facce mancanti";
out:
	free(data);
	if (why != NULL) {
		cache_debug("caratteri: non valida (%s) %s", why, path);
		for (i = 0; i < FACE_MAX; i++) {
			free(pick[i].path);
			pick[i].path = NULL;
		}
		return false;
	}
	cache_debug("caratteri: usata %s", path);
	return true;
}

/* Record path under the system root too, when there is one. */
static bool
fonts_cache_add(struct buf *b, const char *path)
{
	const char *root = getenv("FONTCONFIG_SYSROOT");
	char *p;
	bool ok = cache_stat_add(b, path);

	if (ok && root != NULL && root[0] == '/') {
		p = xasprintf("%s%s", root, path);
		ok = cache_stat_add(b, p);
		free(p);
	}
	return ok;
}

/* Record the places the include of name (as written, trimmed) in the file conf may be. */
static bool
fonts_cache_include(struct buf *b, const char *conf, const char *main_dir, const char *name,
                    bool xdg)
{
	const char *home = getenv("HOME"), *cfg = getenv("XDG_CONFIG_HOME");
	const char *fcpath = getenv("FONTCONFIG_PATH");
	char *p, *dir, *list, *tok, *save = NULL;
	bool ok = true;

	if (name[0] == '\0')
		return true;
	if (xdg) {
		if (cfg != NULL && cfg[0] == '/')
			p = xasprintf("%s/%s", cfg, name);
		else if (home != NULL)
			p = xasprintf("%s/.config/%s", home, name);
		else
			return true; /* fontconfig skips it too */
	} else if (name[0] == '~') {
		if (home == NULL)
			return true;
		p = xasprintf("%s%s", home, name + 1);
	} else if (name[0] == '/') {
		p = xstrdup(name);
	} else {
		dir = util_dirname(conf);
		p = util_join(dir, name);
		free(dir);
		ok = fonts_cache_add(b, p);
		free(p);
		p = util_join(main_dir, name);
		if (ok && fcpath != NULL) {
			list = xstrdup(fcpath);
			for (tok = strtok_r(list, ":", &save); ok && tok != NULL;
			     tok = strtok_r(NULL, ":", &save)) {
				char *q = util_join(tok, name);

				ok = q[0] != '/' || fonts_cache_add(b, q);
				free(q);
			}
			free(list);
		}
	}
	ok = ok && (p[0] != '/' || fonts_cache_add(b, p));
	free(p);
	return ok;
}

/* Record every <include> of the configuration file conf. */
static bool
fonts_cache_includes(struct buf *b, const char *conf, const char *main_dir)
{
	char *data = NULL, *s, *tag, *close, *text, *stop;
	size_t len;
	bool ok = true, xdg;
	struct stat st;

	if (stat(conf, &st) != 0 || !S_ISREG(st.st_mode))
		return true; /* a folder: its files are listed themselves */
	if (util_read_file(conf, FONTS_CONF_MAX, &data, &len) != 0) {
		free(data);
		return false;
	}
	for (s = data; ok && (tag = strstr(s, "<include")) != NULL; s = stop) {
		stop = tag + 8;
		if (*stop != '>' && *stop != ' ' && *stop != '\t' && *stop != '\n' && *stop != '\r')
			continue;
		if ((close = strchr(stop, '>')) == NULL)
			break;
		*close = '\0';
		xdg = strstr(stop, "\"xdg\"") != NULL || strstr(stop, "'xdg'") != NULL;
		text = close + 1;
		if (close[-1] == '/' || (stop = strstr(text, "</include")) == NULL) {
			stop = text;
			continue;
		}
		*stop = '\0';
		while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r')
			text++;
		for (close = stop; close > text && (close[-1] == ' ' || close[-1] == '\t' ||
		                                    close[-1] == '\n' || close[-1] == '\r');)
			*--close = '\0';
		ok = fonts_cache_include(b, conf, main_dir, text, xdg);
		stop++;
	}
	free(data);
	return ok;
}

/* Record every entry of list (consumed). */
static bool
fonts_cache_list(struct buf *b, FcStrList *list, const char *main_dir, bool includes)
{
	FcChar8 *s;
	bool ok = list != NULL;

	while (ok && (s = FcStrListNext(list)) != NULL)
		ok = fonts_cache_add(b, (const char *)s) &&
		     (!includes || fonts_cache_includes(b, (const char *)s, main_dir));
	FcStrListDone(list);
	return ok;
}

void
fonts_cache_store(const char *path, const char *key, FcConfig *cfg,
                  const struct fonts_pick pick[FACE_MAX], long long since)
{
	struct buf b = {0};
	FcStrList *files;
	FcChar8 *first;
	char *main_dir = NULL, *main_conf, exe[4096];
	const char *conf;
	ssize_t n;
	bool ok = true;
	size_t i;

	buf_puts(&b, key);
	for (i = 0; ok && i < FACE_MAX; i++) {
		ok = pick[i].path != NULL && strchr(pick[i].path, '\n') == NULL;
		if (ok)
			buf_printf(&b, "face %zu %u %s\n", i, pick[i].index, pick[i].path);
	}
	/* the main configuration file comes first: relative includes may be under its folder */
	if (ok && (files = FcConfigGetConfigFiles(cfg)) != NULL) {
		first = FcStrListNext(files);
		main_dir =
		        util_dirname(first != NULL ? (const char *)first : "/etc/fonts/fonts.conf");
		FcStrListDone(files);
	}
	/* FONTCONFIG_FILE, or the main configuration, when it is missing: made later, it counts */
	conf = getenv("FONTCONFIG_FILE");
	if (ok && main_dir != NULL) {
		main_conf = util_join(main_dir, "fonts.conf");
		ok = fonts_cache_include(&b, main_conf, main_dir, conf != NULL ? conf : main_conf,
		                         false);
		free(main_conf);
	}
	ok = ok && main_dir != NULL &&
	     fonts_cache_list(&b, FcConfigGetConfigFiles(cfg), main_dir, true) &&
	     fonts_cache_list(&b, FcConfigGetConfigDirs(cfg), main_dir, false) &&
	     fonts_cache_list(&b, FcConfigGetFontDirs(cfg), main_dir, false);
	for (i = 0; ok && i < FACE_MAX; i++)
		ok = cache_stat_add(&b, pick[i].path);
	/* the program itself: another build of the same version may choose otherwise */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (ok && n > 0) {
		exe[n] = '\0';
		ok = cache_stat_add(&b, exe);
	}
	buf_puts(&b, "end\n");
	if (!ok)
		cache_debug("caratteri: non registrabile %s", path);
	else if (cache_is_recent(b.data, b.len, since))
		cache_debug("caratteri: file cambiati durante la lettura, non scritta %s", path);
	else
		cache_write(path, b.data, b.len);
	free(main_dir);
	buf_free(&b);
}
