/*
 * cli.h - private to the fronts: the commands main.c dispatches to, and
 * what they share (cli_common.c). No checking logic lives here.
 */
#ifndef OGI_CLI_H
#define OGI_CLI_H

#include <stdio.h>

#include "ogi.h"

struct option;

/* Exit statuses, as documented in the README. */
enum { OGI_EXIT_PASS = 0, OGI_EXIT_FAIL = 1, OGI_EXIT_REFUSED = 2 };

/* The commands: argv[0] is the command's name; each returns an exit status. */
int ogi_cli_check(int argc, char **argv);
int ogi_cli_convert(int argc, char **argv);
int ogi_cli_watch(int argc, char **argv);
/* A command that is a program of its own: runs ogi-NAME (cli_exec.c) in
 * place of this process, or says why not. */
int ogi_cli_exec(int argc, char **argv);

/* Options every command shares. */
typedef struct ogi_common_opts {
    ogi_lang lang;
    const char *templates[16];
    size_t ntemplates;
    ogi_limits limits;
    const char *previous; /* last year's report, --previous */
} ogi_common_opts;

/* Handles a shared option; returns 1 if it was one, -1 on a bad value. */
int ogi_common_option(ogi_common_opts *o, int opt, const char *arg);
/* Creates the context with the options' templates and limits; prints why
 * on failure. */
ogi_context *ogi_cli_context(const ogi_common_opts *o);
/* Opens the --previous workbook (NULL when none or unreadable: *ok tells). */
ogi_book *ogi_cli_previous(const ogi_context *ctx, const ogi_common_opts *o, int *ok);
/* The language asked for by --lang anywhere in argv (for early errors). */
ogi_lang ogi_cli_lang(int argc, char **argv);
/* Prints "ogi: <path>: <why>" on stderr. */
void ogi_cli_error(const char *path, ogi_error err, ogi_lang lang);
/* Prints on stderr why getopt_long refused an option, in lang: unknown,
 * without its value, or with a bad value (opt is what getopt_long
 * returned; it must run with opterr = 0 and an optstring starting with
 * ':', shortopts). cmd is "ogi check"...; max_jobs bounds -j/--jobs. */
void ogi_cli_option_error(const char *cmd, char **argv, const char *shortopts,
                          const struct option *longopts, int opt, int max_jobs, ogi_lang lang);
/* Prints the usage of ogi: every command's synopsis, the exit statuses. */
void ogi_cli_usage(FILE *f, ogi_lang lang);
/* Prints the help of a command ("check", "convert", "watch") with the
 * options they share. */
void ogi_cli_help(FILE *f, const char *command, ogi_lang lang);
/* The worse of two exit statuses. */
int ogi_exit_worse(int a, int b);
/* The exit status a report calls for. */
int ogi_exit_for(const ogi_report *r);

#define OGI_COMMON_LONGOPTS                                                                        \
    {"lang", required_argument, NULL, 'L'}, {"template", required_argument, NULL, 'T'},            \
        {"max-file-size", required_argument, NULL, 1001},                                          \
        {"max-cells", required_argument, NULL, 1002},                                              \
        {"max-string", required_argument, NULL, 1003},                                             \
        {"previous", required_argument, NULL, 1004},                                               \
    {                                                                                              \
        "max-seconds", required_argument, NULL, 1005                                               \
    }

#endif /* OGI_CLI_H */
