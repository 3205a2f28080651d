/*
 * xlsx.h (private to the library) - the parts of an .xlsx around its worksheets: the workbook
 * (sheet names and order), its relationships (where each sheet is), the
 * shared strings and the styles (which cells are dates). Private to the
 * .xlsx reader.
 */
#ifndef OGI_XLSX_H
#define OGI_XLSX_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "dates.h"
#include "ogi.h"
#include "package.h"

typedef struct ogi_xlsx_sheet {
    const char *name;
    const char *rel_id; /* r:id, the key into the relationships */
    uint8_t hidden;     /* state="hidden|veryHidden": OGI_SHEET_* */
} ogi_xlsx_sheet;

typedef struct ogi_xlsx_rel {
    const char *id;
    const char *part; /* resolved to a zip entry name */
    const char *type; /* the relationship type URI */
} ogi_xlsx_rel;

typedef struct ogi_xlsx_string {
    const char *text;
    uint32_t len;
} ogi_xlsx_string;

typedef struct ogi_xlsx {
    ogi_arena scratch; /* everything below, freed after reading */
    ogi_xlsx_sheet *sheets;
    size_t nsheets, sheets_cap;
    ogi_xlsx_rel *rels;
    size_t nrels, rels_cap;
    int date1904;
    ogi_xlsx_string *sst; /* shared strings */
    size_t nsst, sst_cap;
    /* styles: the date kind of each cell format (the s attribute) */
    uint8_t *xf_date;
    size_t nxf;
    uint32_t max_string;  /* bytes, from the book's limits */
    uint64_t deadline_ns; /* the book's */
} ogi_xlsx;

void ogi_xlsx_init(ogi_xlsx *x, uint32_t max_string_bytes, uint64_t deadline_ns);
void ogi_xlsx_free(ogi_xlsx *x);

/* The sheets listed by the workbook part, in its order. */
ogi_error ogi_xlsx_read_workbook(ogi_xlsx *x, ogi_package *pkg, const char *workbook);
/* The relationships of part (from its _rels/NAME.rels). */
ogi_error ogi_xlsx_read_rels(ogi_xlsx *x, ogi_package *pkg, const char *part);
/* The relationship whose type ends in suffix ("/sharedStrings"), or NULL. */
const ogi_xlsx_rel *ogi_xlsx_rel_of_type(const ogi_xlsx *x, const char *suffix);
const ogi_xlsx_rel *ogi_xlsx_rel_by_id(const ogi_xlsx *x, const char *id);
ogi_error ogi_xlsx_read_shared_strings(ogi_xlsx *x, ogi_package *pkg, const char *part);
ogi_error ogi_xlsx_read_styles(ogi_xlsx *x, ogi_package *pkg, const char *part);
/* OOXML's _xHHHH_ escapes decoded in place; returns the new length. */
size_t ogi_xstring_decode(char *s, size_t len);

#endif /* OGI_XLSX_H */
