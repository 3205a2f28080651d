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

typedef struct ogi_hybrid_maker ogi_hybrid_maker;

typedef struct ogi_hybrid {
    /* id, title and years of its newest part; parsed by the first
     * ogi_hybrid_find that returns this hybrid, NULL until then */
    ogi_template *tmpl;
    size_t ntables;
    /* per table of tmpl: the index of the built-in template it is from */
    size_t source[OGI_HYBRID_MAX_TABLES];
    ogi_hybrid_maker *maker; /* shared by the hybrids of one build */
} ogi_hybrid;

/* Every mixture of the built-in templates texts[0..n) that have the same
 * tables in the same order; texts are in order of age, newest last, and
 * must outlive the hybrids. Only the list is made here (microseconds):
 * a mixture's template is parsed when a workbook first needs it, because
 * parsing all of them cost 2 ms of every process's start-up and an
 * ordinary workbook needs none. t2s must outlive the hybrids too. */
ogi_error ogi_hybrids_build(const ogi_t2s_map *t2s, const char *const *texts, size_t n,
                            ogi_hybrid **out, size_t *nout);
void ogi_hybrids_free(ogi_hybrid *h, size_t n);

/* The hybrid whose table i comes from template source[i], its template
 * parsed, or NULL (no such mixture, or its template could not be made).
 * Safe from several threads at once: the parse is done once, under the
 * maker's lock. */
const ogi_hybrid *ogi_hybrid_find(const ogi_hybrid *h, size_t n, const size_t *source,
                                  size_t ntables);

#endif /* OGI_HYBRID_H */
