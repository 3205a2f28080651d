/*
 * watch.c - `ogi watch`: placeholder until the watched-folder service
 * lands (issue 4).
 */
#include <stdio.h>

#include "cli.h"

int ogi_cli_watch(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "ogi watch: not available in this build\n");
    return OGI_EXIT_REFUSED;
}
