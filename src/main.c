/* main.c: the command line: subcommands, options, exit status. No domain logic here. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diag.h"
#include "load.h"
#include "model.h"
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
        "  verbale --help       questo aiuto\n"
        "  verbale --version    la versione\n"
        "\n"
        "Stato di uscita: 0 fatto (eventuali avvisi stampati); 1 errori nei file dati;\n"
        "2 uso sbagliato della riga di comando; 3 errore dell'ambiente (lettura, scrittura,\n"
        "memoria).\n";

static const char *const commands[] = {"check", NULL};

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
	return usage_error("comando sconosciuto '%s'", argv[1], text_suggest(argv[1], commands, 1));
}
