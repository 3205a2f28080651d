/*
 * cli_exec.c - the commands that are programs of their own (git's
 * `git-foo` model): `ogi serve ...` runs `ogi-serve serve ...`.
 * `ogi serve` alone needs libmicrohttpd and its TLS chain (gnutls, p11-kit,
 * nettle's hogweed, gmp...); linked into `ogi`, every one-file `ogi check`
 * paid for mapping them at start-up (docs/performance.md, "Start-up").
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_messages.h"

/* Where a program is looked for, relative to the folder of the running
 * `ogi`: beside it (the build tree), then PREFIX/libexec/ogi for an `ogi`
 * in PREFIX/bin (`make install`, wherever PREFIX and DESTDIR put it). */
static const char *const program_dirs[] = {"", "../libexec/ogi/"};

/* The folder of the running program, with its final '/'; 0 if unknown. */
static int own_folder(char *dir, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", dir, size - 1);
    if (n <= 0 || (size_t)n >= size - 1)
        return 0;
    dir[n] = '\0';
    char *slash = strrchr(dir, '/');
    if (!slash)
        return 0;
    slash[1] = '\0';
    return 1;
}

int ogi_cli_exec(int argc, char **argv)
{
    ogi_lang lang = ogi_cli_lang(argc, argv);
    char program[64];
    snprintf(program, sizeof program, "ogi-%s", argv[0]);
    char dir[PATH_MAX] = "", path[PATH_MAX + 64] = "";
    const char *command = argv[0];
    /* the program is called by its own name (ps, the journal) */
    argv[0] = program;
    if (own_folder(dir, sizeof dir)) {
        for (size_t i = 0; i < sizeof program_dirs / sizeof *program_dirs; i++) {
            snprintf(path, sizeof path, "%s%s%s", dir, program_dirs[i], program);
            /* execv returns only on failure; a missing file means try the
             * next place, anything else (not executable...) is the answer */
            execv(path, argv);
            if (errno != ENOENT && errno != ENOTDIR) {
                fprintf(stderr, ogi_cli_message(OGI_CLI_MSG_EXEC_FAILED, lang), command, path,
                        strerror(errno));
                return OGI_EXIT_REFUSED;
            }
        }
        snprintf(path, sizeof path, "%s%s", dir, program_dirs[1]);
    }
    fprintf(stderr, ogi_cli_message(OGI_CLI_MSG_NO_PROGRAM, lang), command, program, dir, path);
    return OGI_EXIT_REFUSED;
}
