/* main.c: the command line: subcommands, options, exit status. No domain logic here. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "diag.h"
#include "load.h"
#include "model.h"
#include "render.h"
#include "text.h"
#include "util.h"
#include "validate.h"

#ifndef VERSION
#define VERSION "0.0.0"
#endif

static const char usage_text[] = "uso: verbale check [--json] FILE...\n"
                                 "     verbale --help | --version\n";

static const char help_text[] =
        "verbale: il processo verbale di una seduta, dal file YAML della seduta.\n"
        "\n"
        "  verbale check [--json] FILE...\n"
        "      legge ogni file di seduta, calcola presenti, votanti, favorevoli, contrari,\n"
        "      astenuti, soglia della maggioranza, numero legale ed esito di ogni votazione,\n"
        "      e li stampa in tabella (o in JSON con --json); segnala ogni errore come\n"
        "      FILE:RIGA:COLONNA: errore: MESSAGGIO.\n"
        "  verbale render FILE... [-o DIR] [-f pdf,md,html] [--template DIR]\n"
        "      scrive il processo verbale di ogni seduta nei formati indicati (NOME.pdf,\n"
        "      NOME.md, NOME.html) accanto al file o nella cartella DIR, creata se manca;\n"
        "      --template usa un'altra cartella di modelli.\n"
        "  verbale --help       questo aiuto\n"
        "  verbale --version    la versione\n"
        "\n"
        "Stato di uscita: 0 fatto (eventuali avvisi stampati); 1 errori nei file dati;\n"
        "2 uso sbagliato della riga di comando; 3 errore dell'ambiente (lettura, scrittura,\n"
        "memoria).\n";

static const char *const commands[] = {"check", "render", NULL};

static int
usage_error(const char *fmt, const char *arg, const char *near)
{
	char *msg = xasprintf(fmt, arg);

	fprintf(stderr, "verbale: errore: %s", msg);
	if (near != NULL)
		fprintf(stderr, "; forse '%s'?", near);
	fprintf(stderr, "\n%s", usage_text);
	free(msg);
	return 2;
}

/* Flush stdout; a write error there is the environment's. */
static int
finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "verbale: errore: impossibile scrivere l'output: %s\n",
		        strerror(errno ? errno : EIO));
		return 3;
	}
	return status;
}

static int
cmd_check(int argc, char **argv)
{
	static const char *const options[] = {"--json", NULL};
	struct diags d;
	bool json = false, dashdash = false;
	int i, nfiles = 0, status;

	for (i = 0; i < argc; i++) {
		if (dashdash || argv[i][0] != '-' || argv[i][1] == '\0')
			nfiles++;
		else if (strcmp(argv[i], "--") == 0)
			dashdash = true;
		else if (strcmp(argv[i], "--json") == 0)
			json = true;
		else
			return usage_error("opzione sconosciuta '%s' per check", argv[i],
			                   text_suggest(argv[i], options, 1));
	}
	if (nfiles == 0)
		return usage_error("%s: manca il file della seduta", "check", NULL);

	diags_init(&d, stderr);
	if (json && nfiles > 1)
		fputc('[', stdout);
	dashdash = false;
	for (i = 0, nfiles = 0; i < argc; i++) {
		struct session *s;
		size_t first = d.n;

		if (!dashdash && strcmp(argv[i], "--") == 0) {
			dashdash = true;
			continue;
		}
		if (!dashdash && argv[i][0] == '-' && argv[i][1] != '\0')
			continue;
		s = load_file(argv[i], &d);
		if (s != NULL)
			validate_session(s, &d);
		diags_flush(&d);
		if (json) {
			if (nfiles++ > 0)
				fputc(',', stdout);
			check_print_json(stdout, argv[i], s, &d, first);
		} else
			check_print_text(stdout, argv[i], s);
		session_free(s);
	}
	if (json)
		fputs(nfiles > 1 ? "]\n" : "\n", stdout);
	status = diags_status(&d);
	diags_clear(&d);
	return finish(status);
}

static bool
has_templates(const char *dir)
{
	char *f = util_join(dir, "verbale.mustache");
	struct stat st;
	bool ok = stat(f, &st) == 0 && S_ISREG(st.st_mode);

	free(f);
	return ok;
}

/* The default templates: beside the program (the source tree), one folder up (a build folder
 * inside it), or in ../share/verbale/templates (an installed tree, wherever it was moved).
 * NULL when none is there. */
static char *
default_templates(void)
{
	static const char *const rel[] = {"templates", "../templates",
	                                  "../share/verbale/templates"};
	char exe[4096], *dir, *t;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	size_t i;

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	dir = util_dirname(exe);
	for (i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
		t = util_join(dir, rel[i]);
		if (has_templates(t)) {
			free(dir);
			return t;
		}
		free(t);
	}
	free(dir);
	return NULL;
}

/* The value of option argv[*i], which takes one. */
static const char *
option_value(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

static int
cmd_render(int argc, char **argv)
{
	static const char *const options[] = {"-o", "-f", "--template", NULL};
	struct render_opts ro = {RENDER_PDF, NULL, NULL};
	const char *formats = "pdf", *tdir = NULL;
	char *deftdir = NULL, *bad = NULL;
	struct diags d;
	bool dashdash = false;
	int i, nfiles = 0, status;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (dashdash || a[0] != '-' || a[1] == '\0') {
			nfiles++;
			continue;
		}
		if (strcmp(a, "--") == 0)
			dashdash = true;
		else if (strcmp(a, "-o") == 0 || strcmp(a, "-f") == 0 ||
		         strcmp(a, "--template") == 0) {
			const char *v = option_value(argc, argv, &i);

			if (v == NULL)
				return usage_error("l'opzione '%s' vuole un valore", a, NULL);
			if (a[1] == 'o')
				ro.outdir = v;
			else if (a[1] == 'f')
				formats = v;
			else
				tdir = v;
		} else
			return usage_error("opzione sconosciuta '%s' per render", a,
			                   text_suggest(a, options, 3));
	}
	if (nfiles == 0)
		return usage_error("%s: manca il file della seduta", "render", NULL);
	if (!render_formats(formats, &ro.formats, &bad)) {
		int st = usage_error("formato sconosciuto '%s': i formati sono pdf, md, html", bad,
		                     NULL);

		free(bad);
		return st;
	}
	if (tdir == NULL) {
		tdir = deftdir = default_templates();
		if (tdir == NULL) {
			fputs("verbale: errore: cartella dei modelli non trovata accanto al "
			      "programma "
			      "né in ../share/verbale/templates: reinstallare verbale o indicare "
			      "--template DIR\n",
			      stderr);
			return 3;
		}
	} else if (!has_templates(tdir)) {
		fprintf(stderr,
		        "verbale: errore: '%s' non è una cartella di modelli: manca "
		        "verbale.mustache\n",
		        tdir);
		return 1;
	}
	ro.template_dir = tdir;

	diags_init(&d, stderr);
	dashdash = false;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (!dashdash && strcmp(a, "--") == 0) {
			dashdash = true;
			continue;
		}
		if (!dashdash && a[0] == '-' && a[1] != '\0') {
			if (strcmp(a, "-o") == 0 || strcmp(a, "-f") == 0 ||
			    strcmp(a, "--template") == 0)
				i++;
			continue;
		}
		render_file(a, &ro, &d);
		diags_flush(&d);
	}
	status = diags_status(&d);
	diags_clear(&d);
	free(deftdir);
	return finish(status);
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage_text, stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(help_text, stdout);
		return finish(0);
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("verbale %s\n", VERSION);
		return finish(0);
	}
	if (strcmp(argv[1], "check") == 0)
		return cmd_check(argc - 2, argv + 2);
	if (strcmp(argv[1], "render") == 0)
		return cmd_render(argc - 2, argv + 2);
	return usage_error("comando sconosciuto '%s'", argv[1], text_suggest(argv[1], commands, 2));
}
