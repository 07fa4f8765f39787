/* cli.c: the command line's manners (cli.h). */
#define _XOPEN_SOURCE 700 /* realpath */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

bool
cli_is_option(const char *arg, const char *name)
{
	size_t n = strlen(name);

	return strncmp(arg, name, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

const char *
cli_option_value(int argc, char **argv, int *i)
{
	const char *eq = strchr(argv[*i], '=');

	if (argv[*i][0] == '-' && eq != NULL)
		return eq + 1;
	if (*i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

bool
cli_is_one_of(const char *arg, const char *const *names)
{
	for (; *names != NULL; names++)
		if (strcmp(arg, *names) == 0)
			return true;
	return false;
}

bool
cli_wants_help(int argc, char **argv)
{
	int i;

	for (i = 0; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return true;
	return false;
}

/* The line of text that starts at p: its length, without the newline. */
static size_t
line_len(const char *p)
{
	return strcspn(p, "\n");
}

/* The next line after the one at p, or the end. */
static const char *
line_next(const char *p)
{
	p += line_len(p);
	return *p ? p + 1 : p;
}

bool
cli_help_command(FILE *out, const char *help, const char *cmd)
{
	size_t n = strlen(cmd);
	const char *p, *last = NULL;

	/* the last paragraph: after the last empty line */
	for (p = help; *p; p = line_next(p))
		if (line_len(p) == 0 && p[1] != '\0')
			last = p + 1;
	for (p = help; *p; p = line_next(p))
		if (strncmp(p, "  verbale ", 10) == 0 && strncmp(p + 10, cmd, n) == 0 &&
		    (p[10 + n] == ' ' || p[10 + n] == '\n'))
			break;
	if (*p == '\0')
		return false;
	/* "  verbale CMD ..." as "uso: verbale CMD ...", its other usage lines (indented, then
	 * '[') moved as far, the description as it is, up to the next command or empty line */
	fprintf(out, "uso:%.*s\n", (int)line_len(p + 1), p + 1);
	for (p = line_next(p); *p && line_len(p) > 0 && strncmp(p, "  verbale ", 10) != 0;
	     p = line_next(p)) {
		size_t sp = strspn(p, " ");

		fprintf(out, "%s%.*s\n", p[sp] == '[' ? "   " : "", (int)line_len(p), p);
	}
	if (last != NULL)
		fprintf(out, "\n%s", last);
	return true;
}

bool
cli_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

size_t
cli_width(void)
{
	const char *c = getenv("COLUMNS");
	struct winsize ws;
	size_t w = 100;

	if (!isatty(STDOUT_FILENO))
		return w;
	if (c != NULL && *c) {
		char *e;
		long v = strtol(c, &e, 10);

		if (*e == '\0' && v > 0 && v < 10000)
			w = (size_t)v;
	} else if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		w = ws.ws_col;
	return w < 60 ? 60 : w;
}

char *
cli_realpath(const char *path)
{
	return path != NULL ? realpath(path, NULL) : NULL;
}
