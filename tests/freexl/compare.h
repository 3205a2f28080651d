/*
 * compare.h - one .xls read by freexl and by ogi's own BIFF8 decoder, cell
 * by cell (docs/security.md, "freexl as the reference"). Shared by the
 * test program (freexl_compare.c) and the fuzz target (fuzz_freexl.c).
 */
#ifndef OGI_FREEXL_COMPARE_H
#define OGI_FREEXL_COMPARE_H

#include <stddef.h>
#include <stdio.h>

#include "ogi.h"

/* What the two readers made of a whole file. */
typedef enum xls_outcome {
    XLS_BOTH_READ = 0,
    XLS_BOTH_REFUSE,
    XLS_ONLY_OGI_READS,
    XLS_ONLY_FREEXL_READS
} xls_outcome;

typedef struct xls_comparison {
    xls_outcome outcome;
    ogi_error ogi_error; /* when ogi refuses */
    int freexl_error;    /* when freexl refuses (FREEXL_OK: a NULL handle) */
    size_t sheets;       /* sheets compared */
    size_t cells;        /* cells compared (either reader has a value) */
    size_t documented;   /* differences of a documented kind */
    size_t undocumented; /* differences no table entry explains */
    int damaged;         /* the input is fuzzed: kinds seen only on damage pass */
} xls_comparison;

/* Compares every cell of path; prints each difference on log (NULL: quiet)
 * as "path: 'Sheet'!B7: kind: ogi ..., freexl ...: which reader is right".
 * damaged: path is fuzzed bytes, where freexl is known to drop damaged
 * records that ogi and LibreOffice read. Returns 0, or -1 when out of
 * memory. */
int xls_compare(const ogi_context *ctx, const char *path, int damaged, FILE *log,
                xls_comparison *out);

/* The table of documented differences, printed for the test's log. */
void xls_print_documented(FILE *f);

#endif
