/*
 * cli.h: the command line's manners, shared by main.c's subcommands: options written
 * "--name value" or "--name=value", a subcommand's own --help, a folder named where a file
 * is wanted, the width of the terminal. Included by main.c only.
 */
#ifndef VERBALE_CLI_H
#define VERBALE_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* arg is option name, written "NAME" or "NAME=VALUE". */
bool cli_is_option(const char *arg, const char *name);
/*
 * The value of option argv[*i] (one cli_is_option matched): what follows its '=', or else the
 * next argument (then *i moves onto it). NULL when there is none. The value is borrowed from
 * argv.
 */
const char *cli_option_value(int argc, char **argv, int *i);
/* arg is one of names[] (NULL-terminated), exactly: a command's name, or an option written
 * without "=VALUE", whose value is the next argument (for a second pass over argv to skip). */
bool cli_is_one_of(const char *arg, const char *const *names);
/* -h or --help is among argv[0..argc), before any "--". */
bool cli_wants_help(int argc, char **argv);
/*
 * Print to out the part of the help text help about subcommand cmd, as "uso: verbale CMD ..."
 * and its description, then the help's last paragraph (the exit status). False when help has
 * no such part.
 */
bool cli_help_command(FILE *out, const char *help, const char *cmd);
/* path names a folder (following symbolic links). */
bool cli_is_dir(const char *path);
/* path (NULL: none) as an absolute path without "." or "..", links resolved: a malloc'd
 * string, or NULL when it does not exist. */
char *cli_realpath(const char *path);
/*
 * The columns stdout's text may take: when stdout is a terminal, $COLUMNS if it is set to a
 * number, else the terminal's width (TIOCGWINSZ); otherwise, and when that fails, 100. Never
 * less than 60.
 */
size_t cli_width(void);

#endif
