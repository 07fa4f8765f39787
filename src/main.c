/* main.c: the command line: subcommands, options, exit status. No domain logic here. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "check.h"
#include "cli.h"
#include "inputs.h"
#include "diag.h"
#include "load.h"
#include "model.h"
#include "render.h"
#include "scaffold.h"
#include "serve.h"
#include "text.h"
#include "util.h"
#include "watch.h"

#ifndef VERSION
#define VERSION "0.0.0"
#endif

/* The usage lines; each %s is the formats of -f (render_format_list). */
static const char usage_fmt[] =
        "uso: verbale check [--json] [--radice DIR] FILE...\n"
        "     verbale render FILE... [-o DIR] [-f %s] [--atti] [--copia]\n"
        "                    [--incorpora] [--template DIR] [--radice DIR]\n"
        "     verbale batch DIR [-o OUT] [-j N] [-f FORMATI] [--atti] [--copia] [--force]\n"
        "                   [--prune] [--shard K/N] [--timeout S] [--incorpora]\n"
        "                   [--template DIR]\n"
        "     verbale watch FILE [-o DIR] [-f %s] [--atti] [--copia]\n"
        "                   [--incorpora] [--template DIR] [--radice DIR] [--serve PORTA]\n"
        "     verbale new [FILE] [--template DIR] [--file-organo ORGANO]\n"
        "     verbale [COMANDO] --help | --version\n";

/* The help: its head (%s: the formats of -f), render's paragraph (%s: the files it writes),
 * filled by help_fill, and the rest (%s: the formats of -f). */
static const char help_head[] =
        "verbale: il processo verbale di una seduta, dal file YAML della seduta.\n"
        "\n"
        "  verbale check [--json] [--radice DIR] FILE...\n"
        "      legge ogni file di seduta, calcola presenti, votanti, favorevoli, contrari,\n"
        "      astenuti, soglia della maggioranza, numero legale ed esito di ogni votazione,\n"
        "      e li stampa in tabella (o in JSON con --json); segnala ogni errore come\n"
        "      FILE:RIGA:COLONNA: errore: MESSAGGIO. I file indicati dalla seduta\n"
        "      (file_organo, logo) non escono dalla sua cartella, o dalla cartella DIR\n"
        "      con --radice (anche per render e watch).\n"
        "  verbale render FILE... [-o DIR] [-f %s] [--atti] [--copia]\n"
        "                 [--incorpora] [--template DIR] [--radice DIR]\n";
static const char help_render[] =
        "scrive il processo verbale di ogni seduta nei formati indicati (%s) accanto al file "
        "o nella cartella DIR, creata se manca; --atti scrive anche ogni deliberazione come "
        "documento a sé, NOME-N (N il numero dell'atto, con _ al posto di ogni carattere che "
        "non sia una lettera, una cifra, un punto, un trattino o _); --copia scrive anche la "
        "copia da pubblicare di ogni documento, NOME-copia e NOME-N-copia (firme \"F.to\", "
        "ogni testo di omissis tolto, i certificati di pubblicazione ed esecutività); "
        "--incorpora fa del PDF del processo verbale un PDF/A-3b che contiene i file da cui "
        "è fatto (la seduta, il file dell'organo, gli allegati, il logo, le immagini) e i "
        "risultati di check --json (NOME-check.json), che pdfdetach estrae; "
        "--template usa un'altra cartella di modelli.";
static const char help_tail[] =
        "  verbale batch DIR [-o OUT] [-j N] [-f FORMATI] [--atti] [--copia] [--force]\n"
        "                [--prune] [--shard K/N] [--timeout S] [--incorpora]\n"
        "                [--template DIR]\n"
        "      rende ogni seduta sotto DIR (in OUT con la stessa struttura) su N processi,\n"
        "      solo quelle cambiate dall'ultima volta (--force: tutte); --shard K/N rende\n"
        "      la K-esima di N parti; una seduta che richiede più di S secondi (60 se non\n"
        "      indicato) viene interrotta e conta come errore; scrive il registro degli atti\n"
        "      (registro.md e .pdf; con --atti vi nomina il documento di ogni atto);\n"
        "      segnala i verbali delle sedute tolte dall'archivio e i documenti che una\n"
        "      seduta non scrive più (--prune: li cancella). I file dell'organo\n"
        "      (file_organo) e i file YAML senza seduta non sono sedute; DIR è la\n"
        "      cartella radice.\n"
        "  verbale watch FILE [-o DIR] [-f %s] [--atti] [--copia]\n"
        "                [--incorpora] [--template DIR] [--radice DIR] [--serve PORTA]\n"
        "      come render, poi di nuovo a ogni salvataggio del file, dei suoi allegati,\n"
        "      del file dell'organo, del logo o dei modelli; con errori l'ultimo verbale\n"
        "      buono resta; le righe di stato cominciano con l'ora. Ctrl-C per finire.\n"
        "      --serve scrive anche NOME.html e lo mostra su http://127.0.0.1:PORTA/ (solo\n"
        "      da questo computer): la pagina si ricarica a ogni salvataggio e, con errori,\n"
        "      li elenca in una fascia rossa sopra l'ultimo verbale buono.\n"
        "  verbale new [FILE] [--template DIR] [--file-organo ORGANO]\n"
        "      scrive un file di seduta da cui partire, con ogni chiave del formato e un\n"
        "      commento che dice che cos'è e quali valori ammette (nuova-seduta.yaml della\n"
        "      cartella dei modelli): su stdout (senza FILE, o con -), o in FILE se non\n"
        "      esiste ancora; un file che esiste non viene mai sovrascritto. Con\n"
        "      --file-organo, una seduta che indica il file dell'organo ORGANO (relativo a\n"
        "      FILE) con presenti tutti i componenti in carica oggi.\n"
        "  verbale --help       questo aiuto\n"
        "  verbale COMANDO --help\n"
        "                       l'aiuto del comando (anche -h)\n"
        "  verbale --version    la versione\n"
        "\n"
        "Un'opzione con un valore si scrive anche --opzione=valore (--template=DIR); i\n"
        "formati di -f si scrivono in minuscolo o in maiuscolo (-f PDF,MD).\n"
        "\n"
        "Stato di uscita: 0 fatto (eventuali avvisi stampati); 1 errori nei file dati;\n"
        "2 uso sbagliato della riga di comando; 3 errore dell'ambiente (lettura, scrittura,\n"
        "memoria).\n";

static void
usage_print(FILE *f)
{
	char *formats = render_format_list("", ",");

	fprintf(f, usage_fmt, formats, formats);
	free(formats);
}

/* A paragraph of the help: lines of at most HELP_WIDTH columns, as the rest of it, each
 * indented by HELP_INDENT columns. */
enum { HELP_INDENT = 6, HELP_WIDTH = 83 };

/* Fill the words of text (separated by spaces) into the help's lines. */
static void
help_fill(FILE *f, const char *text)
{
	size_t col = 0;

	while (*text) {
		size_t n = strcspn(text, " "), w = text_utf8_len(text, n);

		if (col > 0 && col + 1 + w > HELP_WIDTH) {
			fputc('\n', f);
			col = 0;
		}
		if (col == 0)
			fprintf(f, "%*s", HELP_INDENT, "");
		else
			fputc(' ', f);
		fwrite(text, 1, n, f);
		col += (col == 0 ? HELP_INDENT : 1) + w;
		text += n + strspn(text + n, " ");
	}
	fputc('\n', f);
}

static void
help_print(FILE *f)
{
	char *formats = render_format_list("", ","), *files = render_format_list("NOME.", ", "),
	     *render = xasprintf(help_render, files);

	fprintf(f, help_head, formats);
	help_fill(f, render);
	fprintf(f, help_tail, formats);
	free(render);
	free(files);
	free(formats);
}

static const char *const commands[] = {"check", "render", "batch", "watch", "new", NULL};

static int
usage_error(const char *fmt, const char *arg, const char *near)
{
	char *msg = xasprintf(fmt, arg),
	     *full = near ? xasprintf("%s; forse '%s'?", msg, near) : NULL;
	int status = diag_say(stderr, D_USAGE, full ? full : msg);

	usage_print(stderr);
	free(full);
	free(msg);
	return status;
}

/* Flush stdout; a write error there is the environment's. */
static int
finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		return diag_say(stderr, D_STDOUT, util_strerror(errno ? errno : EIO));
	return status;
}

/* verbale CMD --help: the part of the help about cmd, on stdout. */
static int
help_command(const char *cmd)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (f == NULL)
		return diag_say(stderr, D_INTERNAL, util_strerror(errno));
	help_print(f);
	fclose(f);
	cli_help_command(stdout, text, cmd);
	free(text);
	return finish(0);
}

/* A session file that is a folder: the usage error that suggests batch. */
static int
folder_error(const char *cmd, const char *dir)
{
	char *fmt = xasprintf("'%%s' è una cartella: %s vuole un file di seduta; per tutte le "
	                      "sedute di una cartella, usare 'verbale batch %s'",
	                      cmd, dir);
	int status = usage_error(fmt, dir, NULL);

	free(fmt);
	return status;
}

static int
cmd_check(int argc, char **argv)
{
	static const char *const options[] = {"--json", "--radice", NULL};
	struct diags d;
	struct load_opts lo = {NULL, NULL, NULL, NULL};
	bool json = false, dashdash = false;
	int i, nfiles = 0, status;

	for (i = 0; i < argc; i++) {
		if (dashdash || argv[i][0] != '-' || argv[i][1] == '\0') {
			if (cli_is_dir(argv[i]))
				return folder_error("check", argv[i]);
			nfiles++;
		} else if (strcmp(argv[i], "--") == 0)
			dashdash = true;
		else if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (cli_is_option(argv[i], "--radice")) {
			if ((lo.root = cli_option_value(argc, argv, &i)) == NULL)
				return usage_error("l'opzione '%s' vuole un valore", argv[i], NULL);
		} else
			return usage_error("opzione sconosciuta '%s' per check", argv[i],
			                   text_suggest(argv[i], options, 2));
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
		if (!dashdash && argv[i][0] == '-' && argv[i][1] != '\0') {
			i += cli_is_one_of(argv[i], options + 1);
			continue;
		}
		s = load_file_with(argv[i], &lo, &d);
		if (s != NULL) {
			/* what render checks, the same way: the rules and every file named */
			char *dir = util_dirname(argv[i]);

			inputs_check(s, dir, NULL, NULL, &d, NULL, NULL);
			free(dir);
		}
		diags_flush(&d);
		if (json) {
			if (nfiles++ > 0)
				fputc(',', stdout);
			check_print_json(stdout, argv[i], s, &d, first);
		} else
			check_print_text(stdout, argv[i], s, cli_width());
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

/* The first of the n paths rel[] (relative to the program's folder) that is a regular file
 * (with name appended, when not NULL), or NULL: a malloc'd path. */
static char *
beside_program(const char *const *rel, size_t n, const char *name)
{
	char exe[4096], *dir, *t;
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	size_t i;

	if (len <= 0)
		return NULL;
	exe[len] = '\0';
	dir = util_dirname(exe);
	for (i = 0; i < n; i++) {
		char *f;
		struct stat st;
		bool ok;

		t = util_join(dir, rel[i]);
		f = name != NULL ? util_join(t, name) : xstrdup(t);
		ok = stat(f, &st) == 0 && S_ISREG(st.st_mode);
		free(f);
		if (ok) {
			free(dir);
			return t;
		}
		free(t);
	}
	free(dir);
	return NULL;
}

/* The default templates: beside the program (the source tree), one folder up (a build folder
 * inside it), or in ../share/verbale/templates (an installed tree, wherever it was moved).
 * NULL when none is there. */
static char *
default_templates(void)
{
	static const char *const rel[] = {"templates", "../templates",
	                                  "../share/verbale/templates"};

	return beside_program(rel, 3, "verbale.mustache");
}

/* The session file's JSON Schema, found as the templates are (the source tree's schema/, or
 * ../share/verbale/ installed): its absolute path (malloc'd), or NULL. */
static char *
default_schema(void)
{
	static const char *const rel[] = {"schema/verbale.schema.json",
	                                  "../schema/verbale.schema.json",
	                                  "../share/verbale/verbale.schema.json"};
	char *f = beside_program(rel, 3, NULL), *r = cli_realpath(f);

	free(f);
	return r;
}

/*
 * The templates' folder: tdir (from --template) when given, else the default one (then
 * *owned holds it, for the caller to free). NULL after printing why not, with the exit status
 * in *status: 3 when no default folder is installed, 1 when tdir is not a templates' folder.
 */
static const char *
templates_dir(const char *tdir, char **owned, int *status)
{
	*owned = NULL;
	if (tdir == NULL) {
		if ((tdir = *owned = default_templates()) == NULL)
			*status = diag_say(stderr, D_TEMPLATES_NONE);
	} else if (!has_templates(tdir)) {
		*status = diag_say(stderr, D_TEMPLATES_BAD, tdir);
		tdir = NULL;
	}
	return tdir;
}

/* What render, watch and batch are given on the command line. */
struct render_args {
	struct render_opts ro;
	const char *file, *more; /* the first session file (batch: the folder), the second */
	int nfiles;
	char *deftdir; /* the default templates' folder (owned), when there was no --template */
	int jobs;      /* batch only: */
	long timeout;  /* seconds per session; 0: not given */
	bool force, prune;
	unsigned shard, shards;
};

/* "K/N" with 1 <= K <= N. */
static bool
parse_shard(const char *s, unsigned *k, unsigned *n)
{
	char *e;
	unsigned long a = strtoul(s, &e, 10), b;

	if (e == s || *e != '/')
		return false;
	s = e + 1;
	b = strtoul(s, &e, 10);
	if (e == s || *e != '\0' || a < 1 || b < 1 || a > b || b > 100000)
		return false;
	*k = (unsigned)a;
	*n = (unsigned)b;
	return true;
}

/* The value of a batch option; 0 to go on, else the exit status. */
static int
batch_option(struct render_args *ra, const char *a, const char *v)
{
	char *e;
	long j;

	if (strcmp(a, "--shard") == 0) {
		if (!parse_shard(v, &ra->shard, &ra->shards))
			return usage_error("--shard vuole K/N con 1 <= K <= N, non '%s'", v, NULL);
		return 0;
	}
	if (strcmp(a, "--timeout") == 0) {
		j = strtol(v, &e, 10);
		if (e == v || *e != '\0' || j < 1 || j > 86400)
			return usage_error(
			        "--timeout vuole un numero di secondi da 1 a 86400, non '%s'", v,
			        NULL);
		ra->timeout = j;
		return 0;
	}
	j = strtol(v, &e, 10);
	if (*e != '\0' || j < 1 || j > 1024)
		return usage_error("-j vuole un numero di processi da 1 a 1024, non '%s'", v, NULL);
	ra->jobs = (int)j;
	return 0;
}

/* The option of render, watch (batch: of batch) that a is, written "NAME" or "NAME=VALUE",
 * when it is one that takes a value: its name. */
static const char *
value_option(const char *a, bool batch)
{
	static const char *const names[] = {"-o", "-f",      "--template", "--radice",
	                                    "-j", "--shard", "--timeout",  NULL};
	size_t i;

	for (i = 0; names[i] != NULL; i++)
		if ((i < 3 || (i == 3) != batch) && cli_is_option(a, names[i]))
			return names[i];
	return NULL;
}

/*
 * Parse the options that render, watch and batch share (cmd names the command; batch also
 * takes -j, --force, --prune, --shard and --timeout), and find the templates' folder. Returns 0 to
 * go on (then free ra->deftdir), else the exit status after printing what was wrong.
 */
static int
render_args_parse(const char *cmd, int argc, char **argv, struct render_args *ra)
{
	static const char *const options[] = {"-o",         "--atti",    "--copia",     "-f",
	                                      "--template", "-j",        "--force",     "--shard",
	                                      "--prune",    "--timeout", "--incorpora", NULL};
	static const char *const render_options[] = {"-o",         "--atti",   "--copia",     "-f",
	                                             "--template", "--radice", "--incorpora", NULL};
	bool batch = strcmp(cmd, "batch") == 0;
	const char *formats = NULL, *tdir = NULL, *opt; /* NULL: the default formats */
	char *bad = NULL;
	bool dashdash = false;
	int i, st;

	memset(ra, 0, sizeof(*ra));
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (dashdash || a[0] != '-' || a[1] == '\0') {
			if (!batch && cli_is_dir(a))
				return folder_error(cmd, a);
			if (ra->nfiles++ == 0)
				ra->file = a;
			else if (ra->nfiles == 2)
				ra->more = a;
			continue;
		}
		if (strcmp(a, "--") == 0)
			dashdash = true;
		else if (batch && strcmp(a, "--force") == 0)
			ra->force = true;
		else if (batch && strcmp(a, "--prune") == 0)
			ra->prune = true;
		else if (strcmp(a, "--atti") == 0)
			ra->ro.atti = true;
		else if (strcmp(a, "--copia") == 0)
			ra->ro.copia = true;
		else if (strcmp(a, "--incorpora") == 0)
			ra->ro.incorpora = true;
		else if ((opt = value_option(a, batch)) != NULL) {
			const char *v = cli_option_value(argc, argv, &i);

			if (v == NULL)
				return usage_error("l'opzione '%s' vuole un valore", opt, NULL);
			if (strcmp(opt, "-o") == 0)
				ra->ro.outdir = v;
			else if (strcmp(opt, "-f") == 0)
				formats = v;
			else if (strcmp(opt, "--template") == 0)
				tdir = v;
			else if (strcmp(opt, "--radice") == 0)
				ra->ro.root = v;
			else if ((st = batch_option(ra, opt, v)) != 0)
				return st;
		} else {
			char *fmt = xasprintf("opzione sconosciuta '%%s' per %s", cmd);

			st = usage_error(fmt, a,
			                 batch ? text_suggest(a, options, 11)
			                       : text_suggest(a, render_options, 7));
			free(fmt);
			return st;
		}
	}
	if (ra->nfiles == 0)
		return usage_error(batch ? "%s: manca la cartella dell'archivio"
		                         : "%s: manca il file della seduta",
		                   cmd, NULL);
	if (!render_formats(formats, &ra->ro.formats, &bad)) {
		char *names = render_format_list("", ", "),
		     *fmt = xasprintf("formato sconosciuto '%%s': i formati sono %s", names);

		st = usage_error(fmt, bad, NULL);
		free(fmt);
		free(names);
		free(bad);
		return st;
	}
	if ((tdir = templates_dir(tdir, &ra->deftdir, &st)) == NULL)
		return st;
	ra->ro.template_dir = tdir;
	return 0;
}

static int
cmd_render(int argc, char **argv)
{
	struct render_args ra;
	struct render_env *env;
	struct diags d;
	bool dashdash = false;
	int i, status;

	if ((status = render_args_parse("render", argc, argv, &ra)) != 0)
		return status;
	diags_init(&d, stderr);
	if ((env = render_env_new(&ra.ro, &d)) == NULL) {
		diags_flush(&d);
		status = diags_status(&d);
		diags_clear(&d);
		free(ra.deftdir);
		return status;
	}
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (!dashdash && strcmp(a, "--") == 0) {
			dashdash = true;
			continue;
		}
		if (!dashdash && a[0] == '-' && a[1] != '\0') {
			static const char *const takes[] = {"-o", "-f", "--template", "--radice",
			                                    NULL};

			i += cli_is_one_of(a, takes);
			continue;
		}
		render_file(env, a, NULL, NULL, NULL, &d);
		diags_flush(&d);
	}
	render_env_free(env);
	status = diags_status(&d);
	diags_clear(&d);
	free(ra.deftdir);
	return finish(status);
}

/*
 * Take watch's --serve PORT (or --serve=PORT) out of argv[0..*argc) into *port, before the
 * options watch shares with render are parsed. 0 to go on, else the exit status.
 */
static int
serve_option(int *argc, char **argv, unsigned *port)
{
	int i, j = 0;

	*port = 0;
	for (i = 0; i < *argc; i++) {
		const char *v = NULL;

		if (strcmp(argv[i], "--") == 0) {
			while (i < *argc)
				argv[j++] = argv[i++];
			break;
		}
		if (cli_is_option(argv[i], "--serve") &&
		    (v = cli_option_value(*argc, argv, &i)) == NULL)
			return usage_error("l'opzione '%s' vuole un valore", "--serve", NULL);
		if (v == NULL)
			argv[j++] = argv[i];
		else if (!serve_port_parse(v, port))
			return usage_error(
			        "--serve vuole il numero di una porta da 1 a 65535, non '%s'", v,
			        NULL);
	}
	*argc = j;
	return 0;
}

/* watch FILE: render, then again at every save, until Ctrl-C (watch.c); --serve PORT: and
 * show it live on 127.0.0.1:PORT (serve.c). */
static int
cmd_watch(int argc, char **argv)
{
	struct render_args ra;
	struct diags d;
	unsigned port;
	int status;

	if ((status = serve_option(&argc, argv, &port)) != 0 ||
	    (status = render_args_parse("watch", argc, argv, &ra)) != 0)
		return status;
	if (ra.nfiles > 1) {
		free(ra.deftdir);
		return usage_error("watch sorveglia un solo file della seduta, non anche '%s'",
		                   ra.more, NULL);
	}
	diags_init(&d, stderr);
	status = watch_run(&ra.ro, ra.file, port, &d);
	diags_clear(&d);
	free(ra.deftdir);
	return finish(status);
}

/* batch DIR: every session under DIR, incrementally, on N processes (batch.c). */
static int
cmd_batch(int argc, char **argv)
{
	struct render_args ra;
	struct batch_opts bo;
	struct diags d;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int status;

	if ((status = render_args_parse("batch", argc, argv, &ra)) != 0)
		return status;
	if (ra.nfiles > 1) {
		free(ra.deftdir);
		return usage_error("batch vuole una sola cartella, non anche '%s'", ra.more, NULL);
	}
	if (ra.prune && ra.shards > 0) {
		free(ra.deftdir);
		return usage_error("%s non va con --shard: una parte non vede i file delle altre; "
		                   "usare --prune senza --shard",
		                   "--prune", NULL);
	}
	memset(&bo, 0, sizeof(bo));
	bo.dir = ra.file;
	bo.outdir = ra.ro.outdir;
	bo.jobs = ra.jobs > 0 ? ra.jobs : ncpu > 0 ? (int)ncpu : 1;
	bo.force = ra.force;
	bo.shard = ra.shard;
	bo.shards = ra.shards;
	bo.prune = ra.prune;
	bo.timeout = ra.timeout > 0 ? ra.timeout : 60;
	bo.progress = isatty(STDERR_FILENO);
	ra.ro.outdir = NULL;  /* batch places each session's outputs itself */
	ra.ro.root = ra.file; /* no file named may leave the archive */
	diags_init(&d, stderr);
	status = batch_run(&ra.ro, &bo, &d);
	diags_flush(&d);
	if (diags_status(&d) > status)
		status = diags_status(&d);
	diags_clear(&d);
	free(ra.deftdir);
	return finish(status);
}

/*
 * Create file with data[0..len), never replacing anything: O_EXCL makes the check and the
 * creation one step, so no other process can put a file there in between. A file that could
 * not be written whole is removed (it is ours: we created it). Returns the exit status.
 */
static int
new_file(const char *file, const char *data, size_t len)
{
	int fd = open(file, O_WRONLY | O_CREAT | O_EXCL, 0666), err;

	if (fd < 0) {
		if (errno == EEXIST)
			return diag_say(stderr, D_NEW_EXISTS, file);
		err = errno;
		return diag_say(stderr, D_CREATE, file,
		                err == ENOENT ? "la cartella non esiste" : util_strerror(err));
	}
	err = util_write_all(fd, data, len);
	if (err == 0 && fsync(fd) != 0 && errno != EINVAL)
		err = errno;
	if (close(fd) != 0 && err == 0)
		err = errno;
	if (err != 0) {
		unlink(file);
		return diag_say(stderr, D_WRITE, file, util_strerror(err));
	}
	return 0;
}

/* Today's date: SOURCE_DATE_EPOCH's day when it is set (reproducible runs), else the clock's. */
static struct date
today(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	time_t t = e != NULL && *e ? (time_t)strtoll(e, NULL, 10) : time(NULL);
	struct tm tm, *r = e != NULL && *e ? gmtime_r(&t, &tm) : localtime_r(&t, &tm);
	struct date day;

	memset(&day, 0, sizeof(day));
	if (r != NULL) {
		day.y = tm.tm_year + 1900;
		day.m = tm.tm_mon + 1;
		day.d = tm.tm_mday;
		day.set = true;
	}
	return day;
}

/*
 * The session new --file-organo writes (malloc'd in *out), from the scaffold text
 * data[0..len): the body file organo, relative to file's folder (the current one for stdout),
 * read with everyone in office today. Returns 0, or the exit status after reporting.
 */
static int
new_with_organo(const char *organo, const char *file, const char *data, size_t len, char **out)
{
	char *dir = file != NULL && strcmp(file, "-") != 0 ? util_dirname(file) : xstrdup("."),
	     *path = util_join(strcmp(dir, ".") == 0 ? NULL : dir, organo);
	struct date day = today();
	struct session *body;
	struct diags d;
	int status;

	diags_init(&d, stderr);
	body = load_organo_file(path, &day, &d);
	if (body != NULL)
		*out = scaffold_organo(data, len, organo, body, &day);
	diags_flush(&d);
	status = body != NULL ? 0 : diags_status(&d);
	session_free(body);
	diags_clear(&d);
	free(path);
	free(dir);
	return status;
}

/* new [FILE]: the commented starting session of the templates' folder, on stdout or in FILE;
 * with --file-organo, the one that names a body file. */
static int
cmd_new(int argc, char **argv)
{
	static const char *const options[] = {"--template", "--file-organo", NULL};
	const char *tdir = NULL, *file = NULL, *organo = NULL;
	char *deftdir = NULL, *path = NULL, *data = NULL, *made = NULL;
	bool dashdash = false;
	size_t len = 0;
	int i, err, status = 0;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (dashdash || a[0] != '-' || a[1] == '\0') {
			if (file != NULL)
				return usage_error("new scrive un solo file, non anche '%s'", a,
				                   NULL);
			file = a;
		} else if (strcmp(a, "--") == 0)
			dashdash = true;
		else if (cli_is_option(a, "--template")) {
			if ((tdir = cli_option_value(argc, argv, &i)) == NULL)
				return usage_error("l'opzione '%s' vuole un valore", a, NULL);
		} else if (cli_is_option(a, "--file-organo")) {
			if ((organo = cli_option_value(argc, argv, &i)) == NULL)
				return usage_error("l'opzione '%s' vuole un valore", a, NULL);
		} else
			return usage_error("opzione sconosciuta '%s' per new", a,
			                   text_suggest(a, options, 2));
	}
	if ((tdir = templates_dir(tdir, &deftdir, &status)) == NULL)
		return status;
	path = util_join(tdir, organo != NULL ? "nuova-seduta-organo.yaml" : "nuova-seduta.yaml");
	err = util_read_file(path, LOAD_MAX_BYTES, &data, &len);
	if (err == 0) { /* {{schema}}: where the schema is installed */
		char *schema = default_schema(), *filled = scaffold_schema(data, len, schema, &len);

		free(schema);
		free(data);
		data = filled;
	}
	if (err == ENOENT)
		status = diag_say(stderr, D_NEW_SCAFFOLD, path);
	else if (err != 0)
		status = diag_say(stderr, D_READ, path,
		                  err == -1 ? "più di 16 MiB" : util_strerror(err));
	else if (organo != NULL &&
	         (status = new_with_organo(organo, file, data, len, &made)) != 0) {
	} else {
		const char *text = made != NULL ? made : data;
		size_t n = made != NULL ? strlen(made) : len;

		if (file == NULL || strcmp(file, "-") == 0) {
			fwrite(text, 1, n, stdout);
			status = finish(0);
		} else
			status = new_file(file, text, n);
	}
	free(made);
	free(data);
	free(path);
	free(deftdir);
	return status;
}

int
main(int argc, char **argv)
{
	/* a file over the size limit (ulimit -f) makes write fail with EFBIG, reported as the
	 * environment's error, instead of killing the program half-way */
	signal(SIGXFSZ, SIG_IGN);
	if (argc < 2) {
		usage_print(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		help_print(stdout);
		return finish(0);
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("verbale %s\n", VERSION);
		return finish(0);
	}
	if (cli_is_one_of(argv[1], commands) && cli_wants_help(argc - 2, argv + 2))
		return help_command(argv[1]);
	if (strcmp(argv[1], "check") == 0)
		return cmd_check(argc - 2, argv + 2);
	if (strcmp(argv[1], "render") == 0)
		return cmd_render(argc - 2, argv + 2);
	if (strcmp(argv[1], "batch") == 0)
		return cmd_batch(argc - 2, argv + 2);
	if (strcmp(argv[1], "watch") == 0)
		return cmd_watch(argc - 2, argv + 2);
	if (strcmp(argv[1], "new") == 0)
		return cmd_new(argc - 2, argv + 2);
	return usage_error("comando sconosciuto '%s'", argv[1], text_suggest(argv[1], commands, 5));
}
