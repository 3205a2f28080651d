/*
 * rollup.h - the office's roll-up workbook (outbox/汇总-YEAR.xlsx, docs/
 * campaign.md), private to the library: src/lib/office/summary.c gathers
 * what it holds, rollup.c writes it with libxlsxwriter.
 */
#ifndef OGI_ROLLUP_H
#define OGI_ROLLUP_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "ogi_office.h"
#include "template.h"

/* The reports of one template (2019 and 2021 are never summed together).
 * Its figures are not held: the writer asks for each agency's row as it
 * writes it (in order, once), adds the rows up, and asks for the sums to
 * be checked, so the roll-up of 5,000 agencies needs no more memory than
 * that of 50 (issue 14). */
typedef struct ogi_rollup_part {
    const ogi_template *tmpl;
    const ogi_agency *const *agencies; /* the detail sheet's rows, in order */
    size_t n;
    /* fills values[tmpl->ncells] (NaN for a blank cell) with the figures
     * of agencies[i] */
    ogi_error (*row)(void *data, size_t i, double *values);
    /* the sums (NaN where no agency has a figure) as a report of tmpl,
     * checked by its rules; the writer frees it */
    ogi_error (*check)(void *data, const double *sums, ogi_report **out);
    void *data;
} ogi_rollup_part;

typedef struct ogi_rollup_count {
    const char *what; /* a rule, or a table id ("t3"; "" for none) */
    int64_t n;
} ogi_rollup_count;

typedef struct ogi_rollup {
    const ogi_overview *ov;
    ogi_lang lang;
    /* put before an agency's outputs (without "outbox/") to link them:
     * "" when the roll-up is in outbox/ itself (relative links), else
     * "file:///…/outbox/" */
    const char *link_prefix;
    const ogi_rollup_part *parts;
    size_t nparts;
    const ogi_rollup_count *by_rule;
    size_t nrules;
    const ogi_rollup_count *by_table;
    size_t ntables;
    struct timespec as_of; /* when the figures were read: the file's mtime */
} ogi_rollup;

/* Writes the roll-up to path atomically (temporary name, fsync, rename). */
ogi_error ogi_rollup_write(const ogi_rollup *r, const char *path);

#endif /* OGI_ROLLUP_H */
