/*
 * main.c - ogi's entry point: the table of commands and the dispatch.
 * Adding a command is one line here (and its texts in cli_messages.c).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_messages.h"
#include "cli_office.h"

static const struct command {
    const char *name;
    int (*run)(int argc, char **argv); /* argv[0] is the command's name */
} commands[] = {
    {"check", ogi_cli_check},   {"convert", ogi_cli_convert}, {"watch", ogi_cli_watch},
    {"status", ogi_cli_status}, {"summary", ogi_cli_summary}, {"serve", ogi_cli_exec},
};

int main(int argc, char **argv)
{
    ogi_lang lang = ogi_cli_lang(argc, argv);
    if (argc < 2) {
        ogi_cli_usage(stderr, lang);
        return OGI_EXIT_REFUSED;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        printf("ogi %s\n", OGI_VERSION);
        return OGI_EXIT_PASS;
    }
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        ogi_cli_usage(stdout, lang);
        return OGI_EXIT_PASS;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, ogi_cli_message(OGI_CLI_MSG_UNKNOWN_COMMAND, lang), cmd);
    ogi_cli_usage(stderr, lang);
    return OGI_EXIT_REFUSED;
}
