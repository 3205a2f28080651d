/*
 * serve_main.c - the entry point of ogi-serve, the program `ogi serve`
 * runs (src/cli/cli_exec.c): only it links libmicrohttpd, so `ogi check`
 * starts without loading it (docs/architecture.md, "Programs").
 */
#include "serve.h"

int main(int argc, char **argv)
{
    /* ogi serve's options start after its name, as under `ogi` */
    static char name[] = "serve";
    argv[0] = name;
    return ogi_cli_serve(argc, argv);
}
