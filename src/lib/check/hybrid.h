/*
 * hybrid.h (private to the library) - templates made of the tables of several built-in formats,
 * for a workbook whose tables are of different versions (a 2021 表二 with
 * the 2019 表三 copied from an old file): each table is then read and
 * checked by the rules of its own version (spec §2, map.mixed_version).
 */
#ifndef OGI_HYBRID_H
#define OGI_HYBRID_H

#include <stddef.h>

#include "ogi.h"
#include "template.h"
#include "text.h"

#define OGI_HYBRID_MAX_TABLES 8

typedef struct ogi_hybrid {
    ogi_template *tmpl; /* id, title and years of its newest part */
    size_t ntables;
    /* per table of tmpl: the index of the built-in template it is from */
    size_t source[OGI_HYBRID_MAX_TABLES];
} ogi_hybrid;

/* Every mixture of the built-in templates texts[0..n) that have the same
 * tables in the same order; texts are in order of age, newest last. */
ogi_error ogi_hybrids_build(const ogi_t2s_map *t2s, const char *const *texts, size_t n,
                            ogi_hybrid **out, size_t *nout);
void ogi_hybrids_free(ogi_hybrid *h, size_t n);

/* The hybrid whose table i comes from template source[i], or NULL. */
const ogi_hybrid *ogi_hybrid_find(const ogi_hybrid *h, size_t n, const size_t *source,
                                  size_t ntables);

#endif /* OGI_HYBRID_H */
