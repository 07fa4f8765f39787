/*
 * fuzz_style.c: any bytes as the template folder's style file (stile.yaml), read by style_load
 * through render_env_new as verbale reads it, then a small fixed session rendered to PDF in
 * memory with that style: the page and its margins, the sizes, the header, footer and
 * metadata templates and the font families all come from the input.
 *
 * In the big pass (VERBALE_FUZZ_BIG set, inputs up to 2 MiB, the style file's limit is 1 MiB)
 * a style file of more than 64 KiB is only loaded: the header and footer are typeset whole
 * on every page, linear work that a long one makes take longer than the big pass's 5 s per
 * input under the sanitizers.
 *
 * The style is read from a file, so each input is written to stile.yaml in a temporary folder
 * that holds copies of the other files of templates/ (run from the project's root: links
 * leading out of the folder are refused); the folder goes at exit.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <unistd.h>

#include "diag.h"
#include "render.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Two acts, a heading, lists, a quote, code and a link: what the style's sizes act on. */
static const char session[] =
        "ente: Comune di Prova\n"
        "organo: Consiglio comunale\n"
        "seduta: {data: 2024-03-01, ora: \"18:00\", adunanza: ordinaria, presidente: Rossi,\n"
        "  segretario: {nome: Anna, cognome: Neri}}\n"
        "componenti:\n"
        "  - {cognome: Rossi, nome: Mario, ruolo: Sindaco}\n"
        "  - {cognome: Bianchi, nome: Luca}\n"
        "  - {cognome: Verdi, nome: Giulia}\n"
        "deliberazioni:\n"
        "  - numero: \"12\"\n"
        "    oggetto: Approvazione del regolamento per l'uso delle sale comunali\n"
        "    testo: |\n"
        "      ## Premesso\n"
        "\n"
        "      Che il regolamento vigente risale al 1998 e va aggiornato; *visto* il parere\n"
        "      **favorevole** della commissione, pubblicato su [il sito](https://example.it/r).\n"
        "\n"
        "      1. le sale sono tre;\n"
        "      2. l'uso è gratuito per le associazioni iscritte all'albo.\n"
        "\n"
        "      > Articolo 1. Il presente regolamento disciplina l'uso delle sale.\n"
        "\n"
        "          codice: 42\n"
        "    dispositivo: [di approvare il regolamento, di pubblicarlo all'albo]\n"
        "    votazioni:\n"
        "      - {oggetto: intera deliberazione, favorevoli: tutti}\n"
        "  - numero: \"13\"\n"
        "    oggetto: Variazione di bilancio\n"
        "    dispositivo: [di approvare la variazione]\n"
        "    votazioni:\n"
        "      - {oggetto: intera deliberazione, favorevoli: [Rossi, Verdi], contrari: [Bianchi]}\n"
        "firme:\n"
        "  - {qualifica: Il Presidente, nome: Mario Rossi}\n"
        "  - {qualifica: Il Segretario, nome: Anna Neri}\n";

static bool big;    /* the big pass */
static char *dir;   /* the temporary template folder */
static char *style; /* dir/stile.yaml */

static void
cleanup(void)
{
	DIR *dp = opendir(dir);
	struct dirent *de;

	while (dp != NULL && (de = readdir(dp)) != NULL)
		if (de->d_name[0] != '.')
			unlinkat(dirfd(dp), de->d_name, 0);
	if (dp != NULL)
		closedir(dp);
	rmdir(dir);
	free(style);
	free(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	DIR *dp = opendir("templates");
	struct dirent *de;

	(void)argc;
	(void)argv;
	big = getenv("VERBALE_FUZZ_BIG") != NULL;
	dir = util_join(tmp, "verbale-fuzz-style-XXXXXX");
	if (dp == NULL || mkdtemp(dir) == NULL) {
		perror("fuzz_style: templates/ and a temporary folder");
		abort();
	}
	atexit(cleanup);
	while ((de = readdir(dp)) != NULL) {
		char *from, *to, *text;
		size_t len;

		if (de->d_name[0] == '.' || strcmp(de->d_name, "stile.yaml") == 0)
			continue;
		from = util_join("templates", de->d_name);
		to = util_join(dir, de->d_name);
		if (util_read_file(from, 1 << 24, &text, &len) != 0 ||
		    util_write_atomic(to, text, len) != 0) {
			perror(to);
			abort();
		}
		free(text);
		free(from);
		free(to);
	}
	closedir(dp);
	style = util_join(dir, "stile.yaml");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct render_opts ro = {RENDER_PDF, NULL, dir, NULL, false, NULL};
	struct render_env *env;
	struct render_output o;
	struct diags d;
	FILE *fp = fopen(style, "wb");

	if (fp == NULL || fwrite(data, 1, size, fp) != size || fclose(fp) != 0) {
		perror(style);
		abort();
	}
	diags_init(&d, NULL);
	if ((env = render_env_new(&ro, &d)) != NULL && !(big && size > 65536)) {
		render_buffer(env, session, sizeof(session) - 1, "fuzz.yaml", &o, &d);
		render_output_clear(&o);
	}
	render_env_free(env);
	diags_clear(&d);
	return 0;
}
