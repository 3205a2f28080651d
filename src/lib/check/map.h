/*
 * map.h (private to the library) - finding the statutory tables in a book and binding each of
 * their cells to a template id.
 */
#ifndef OGI_MAP_H
#define OGI_MAP_H

#include "arena.h"
#include "book.h"
#include "template.h"
#include "text.h"
#include "value.h"

/* A text cell short enough to be a label, with its normalised form.
 * Built once per book and shared by every template tried. */
typedef struct ogi_lcell {
    uint32_t row, col;
    const char *norm;
    uint32_t len;
} ogi_lcell;

typedef struct ogi_label_index {
    ogi_lcell **cells; /* per sheet, sorted by (row, col) */
    size_t *ncells;
    size_t nsheets;
    /* per sheet, higher is preferred among equally complete tables
     * (visible before hidden, then the later title year); NULL: the
     * first sheet wins. Set by the caller after building. */
    const int64_t *sheet_rank;
} ogi_label_index;

ogi_error ogi_label_index_build(ogi_label_index *index, const ogi_book *book,
                                const ogi_t2s_map *t2s, ogi_arena *arena);

/* A row in a found table whose label the template does not know. */
typedef struct ogi_extra_row {
    ogi_source source;
    size_t table;
    const char *label; /* as written */
} ogi_extra_row;

/* A part of the template taken through a label written otherwise than
 * the format writes it (reported as map.label_variant). */
typedef struct ogi_label_read {
    ogi_source source;   /* the label's cell */
    const char *written; /* the label as written (the book's text) */
    ogi_label_kind kind; /* OGI_LABEL_ROW, OGI_LABEL_COL or OGI_LABEL_GROUP */
    size_t block, index; /* the row or column of that block, or the group of its table */
    unsigned sim;        /* how close, in thousandths */
} ogi_label_read;

/* Where each template cell was found. */
typedef struct ogi_mapping {
    const ogi_template *tmpl;
    ogi_source *source; /* per cell; sheet -1 when not found */
    ogi_unit *unit;     /* per cell: the unit its column header states */
    uint8_t *row_found; /* index row_base[block] + row */
    uint8_t *col_found; /* index col_base[block] + col */
    size_t *row_base, *col_base;
    uint8_t *block_found; /* per block */
    uint8_t *table_found; /* per table */
    size_t *table_score; /* per table: 2 per part found by its label as written, 1 by a close one */
    size_t score;
    ogi_extra_row *extra;
    size_t nextra;
    /* sheets holding another set of a block's rows as complete as the one
     * mapped, not checked (several reports or years in one workbook) */
    uint32_t *other_sheets;
    size_t nother;
    ogi_label_read *reads;
    size_t nreads;
} ogi_mapping;

ogi_error ogi_map(const ogi_template *tmpl, const ogi_book *book, const ogi_label_index *index,
                  ogi_arena *arena, ogi_mapping *out);

#endif /* OGI_MAP_H */
