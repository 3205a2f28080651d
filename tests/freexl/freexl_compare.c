/*
 * freexl_compare.c - `freexl_compare FILE...`: each .xls read by freexl and
 * by ogi, every cell compared (compare.c). Prints one line per file
 * (what each reader made of it, cells compared, differences) and one per
 * difference; exits 1 when a difference is of no documented kind.
 */
#include <stdio.h>
#include <string.h>

#include "compare.h"

static const char *const outcomes[] = {"both read", "both refuse", "only ogi reads",
                                       "only freexl reads"};

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: freexl_compare FILE.xls...\n");
        return 2;
    }
    ogi_context *ctx = NULL;
    if (ogi_context_new(&ctx) != OGI_OK) {
        fprintf(stderr, "freexl_compare: no ogi context\n");
        return 2;
    }
    int status = 0;
    xls_print_documented(stdout);
    for (int i = 1; i < argc; i++) {
        xls_comparison c;
        if (xls_compare(ctx, argv[i], 0, stdout, &c) != 0) {
            fprintf(stderr, "freexl_compare: %s: out of memory\n", argv[i]);
            status = 2;
            continue;
        }
        printf("file: %s: %s (ogi: %s; freexl: %d): %zu sheets, %zu cells, %zu documented, "
               "%zu undocumented differences\n",
               argv[i], outcomes[c.outcome], ogi_strerror(c.ogi_error, OGI_LANG_EN), c.freexl_error,
               c.sheets, c.cells, c.documented, c.undocumented);
        if (c.undocumented && !status)
            status = 1;
    }
    ogi_context_free(ctx);
    return status;
}
