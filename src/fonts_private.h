/*
 * fonts_private.h: between fonts.c and fonts_cache.c (the cache of fontconfig's choice); no
 * other file includes it.
 */
#ifndef VERBALE_FONTS_PRIVATE_H
#define VERBALE_FONTS_PRIVATE_H

#include <stdbool.h>

#include <fontconfig/fontconfig.h>

#include "fonts.h"

/* One face to find: its family and style. */
struct fonts_want {
	const char *family;
	bool bold, italic;
};

/* The face fontconfig chose: its file and index (the high 16 bits name a named instance). */
struct fonts_pick {
	char *path; /* owned */
	unsigned index;
};

/*
 * The cache's key for the faces want[0..FACE_MAX), as the first lines of its file: the cache's
 * format, verbale's and fontconfig's versions, the environment fontconfig reads, the program's
 * name and the requests (malloc'd). NULL when there is no cache (off, no folder, or a request
 * that cannot be written down); *path then is NULL too, else the cache file's path (malloc'd).
 */
char *fonts_cache_key(const struct fonts_want want[FACE_MAX], char **path);
/*
 * Read the cache file at path: true, with the faces in pick[0..FACE_MAX) (the caller frees
 * their paths), when it was written for key and every file and folder it recorded is as it
 * was, the faces' files among them. Anything else (missing, truncated, corrupt, hostile, out of
 * date) is false, with pick[] empty.
 */
bool fonts_cache_lookup(const char *path, const char *key, struct fonts_pick pick[FACE_MAX]);
/*
 * Write the cache file at path: key, the faces, and the state of everything cfg was made from
 * (its configuration files and folders, the files they include even when missing, its font
 * folders) and of the faces' files. Nothing is written when one of them changed since since
 * (cache_now before cfg was loaded).
 */
void fonts_cache_store(const char *path, const char *key, FcConfig *cfg,
                       const struct fonts_pick pick[FACE_MAX], long long since);

#endif
