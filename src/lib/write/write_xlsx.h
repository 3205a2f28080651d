/*
 * write_xlsx.h (private to the library) - the parts of the marked-up workbook writer (spec §9),
 * private to the library: write_xlsx.c puts the workbook together,
 * write_marks.c decides which cells are marked and how, write_formats.c
 * holds the cell formats, write_summary.c, write_source.c and
 * write_statutory.c each write their sheets, write_sums.c the sums beside
 * 表三, and write_cells.c holds the helpers they all share.
 */
#ifndef OGI_WRITE_XLSX_H
#define OGI_WRITE_XLSX_H

#include <stddef.h>
#include <xlsxwriter.h>

#include "book.h"
#include "ogi.h"
#include "template.h"

/* How strongly a cell is marked, weakest first: the strongest finding
 * naming a cell decides its fill. FIRST: the cell is the first (checked)
 * cell of a finding, where its comment goes. */
typedef enum ogi_mark_level {
    OGI_MARK_NONE = 0,
    OGI_MARK_INFO,
    OGI_MARK_WARNING,
    OGI_MARK_WARNING_FIRST,
    OGI_MARK_ERROR,
    OGI_MARK_ERROR_FIRST,
    OGI_MARK_LEVELS
} ogi_mark_level;

/* One marked cell of the submitter's workbook. */
typedef struct ogi_mark {
    ogi_source src;
    uint8_t level;
    const char *comment; /* NULL or the findings' text; owned by ogi_marks */
} ogi_mark;

typedef struct ogi_marks {
    uint8_t *cell_level;   /* per template cell */
    uint8_t *cell_as_text; /* per template cell: show the text read, not a number */
    char **cell_comment;   /* per template cell, malloc'd or NULL */
    size_t ncells;
    ogi_mark *at_source; /* sorted by sheet, row, col */
    size_t nat_source;
    char **owned; /* comments made by merging, freed with the marks */
    size_t nowned, owned_cap;
} ogi_marks;

/* Cell formats of the workbook: kind × mark level. */
typedef enum ogi_fmt_kind {
    OGI_FMT_PLAIN = 0, /* a submitter's value */
    OGI_FMT_DATE,      /* a submitter's date */
    OGI_FMT_GRID,      /* a number in a table: bordered, centred */
    OGI_FMT_GRID_TEXT, /* a text in a table: bordered */
    OGI_FMT_KINDS
} ogi_fmt_kind;

typedef struct ogi_formats {
    lxw_format *cell[OGI_FMT_KINDS][OGI_MARK_LEVELS];
    lxw_format *title;     /* a sheet's title line */
    lxw_format *pass;      /* the verdict, green */
    lxw_format *fail;      /* the verdict, red */
    lxw_format *label;     /* meta labels of the summary */
    lxw_format *text;      /* meta values, wrapped text */
    lxw_format *head;      /* table header cells: bold, bordered, shaded */
    lxw_format *row_label; /* a row label on a 规范 sheet */
    lxw_format *link;      /* a hyperlink in the findings table */
    lxw_format *sev[3];    /* severity cell of a finding, by ogi_severity */
    lxw_format *wrap;      /* a finding's message */
    lxw_format *num;       /* a number in the findings table */
    lxw_format *sum;       /* a computed sum beside 表三 */
    lxw_format *sum_off;   /* a computed sum that differs from its total */
} ogi_formats;

/* Everything the sheet writers share while one workbook is written. */
typedef struct ogi_xw {
    lxw_workbook *wb;
    const ogi_report *report;
    const ogi_book *book;
    const ogi_template *tmpl;
    ogi_lang lang;
    const char *source_name; /* the input's file name, no folder */
    const char *check_time;
    ogi_formats fmt;
    ogi_marks marks;
    char **sheet_names; /* output name of each submitter sheet */
    char *summary_name;
    char **statutory_names; /* per template table: 规范-表二... */
    /* per template cell, a live formula the 规范 sheets write in place of
     * the value (the value stays its cached result), or NULL: the office's
     * roll-up (rollup.c) sums a detail sheet this way */
    char *const *cell_formulas;
} ogi_xw;

/* write_marks.c */
/* A cell inside a merged range is marked on the range's first cell,
 * the one a viewer shows. */
ogi_error ogi_marks_build(ogi_marks *m, const ogi_report *r, const ogi_book *book);
/* The first cell of the merged range covering src, or src. */
ogi_source ogi_marks_anchor(const ogi_book *book, ogi_source src);
void ogi_marks_free(ogi_marks *m);
/* Marks of sheet's cells, in (row, col) order: *n entries from the result. */
const ogi_mark *ogi_marks_of_sheet(const ogi_marks *m, int32_t sheet, size_t *n);

/* write_formats.c */
void ogi_formats_init(ogi_formats *f, lxw_workbook *wb, ogi_lang lang);

/* write_summary.c: the 审核结果 sheet. */
ogi_error ogi_write_summary(ogi_xw *xw);
/* write_source.c: the submitter's sheets. */
ogi_error ogi_write_source_sheets(ogi_xw *xw);
/* write_statutory.c: the three 规范 sheets. */
ogi_error ogi_write_statutory(ogi_xw *xw);

/* Where each template cell stands on a 规范 sheet, for the sums beside
 * it (write_sums.c). */
typedef struct ogi_grid {
    lxw_worksheet *ws;
    lxw_row_t *row; /* per template cell */
    lxw_col_t *col;
    uint8_t *placed;
    lxw_error err; /* the first failure of a write */
} ogi_grid;

/* A block's computed sums: for each sum rule over its cells, the sides
 * the rule compared, as live formulas with their values: a column right
 * of the block (checks along a row) and rows under it (checks down a
 * column). head_top..head_bottom are its header rows, last_row its last
 * data row, labels the label columns. Returns the next free row. */
lxw_row_t ogi_write_sums(ogi_xw *xw, ogi_grid *g, const ogi_tblock *b, lxw_row_t head_top,
                         lxw_row_t head_bottom, lxw_row_t last_row, lxw_col_t labels);
/* write_xlsx.c: a new workbook at tmp, its per-sheet temporary files in
 * memory (/dev/shm) where there is one; for the roll-up too. */
lxw_workbook *ogi_xw_open_workbook(const char *tmp);
/* write_cells.c: helpers of every sheet writer. */
/* A finding's comment on a cell, its box sized to the text; the first
 * failure is kept in *err. */
void ogi_write_comment(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *text,
                       lxw_error *err);
/* A number, or #NUM! for a NaN or an infinity, which XML cannot hold. */
lxw_error ogi_write_num(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double value,
                        lxw_format *f);
/* Keeps the first failure. */
void ogi_keep(lxw_error *err, lxw_error e);
/* A merged range, or the one cell when the range is a single cell. */
void ogi_xw_merge(lxw_worksheet *ws, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2,
                  const char *text, lxw_format *f, lxw_error *err);

/* A link target / display text for a submitter's cell: "'Sheet'!D7". */
void ogi_xw_source_ref(const ogi_xw *xw, ogi_source src, char *buf, size_t size);
/* Replaces in place the control characters XML cannot hold (all but
 * newline) by spaces: for texts libxlsxwriter does not escape (document
 * properties, comments). */
void ogi_xml_safe(char *text);
/* Display width of UTF-8 text in character columns (CJK counts 2). */
double ogi_text_width(const char *s);

#ifdef TESTING
/* write_xlsx.c, for the unit tests */
char *legal_sheet_name(const char *name, size_t index);
char *unique_name(char *const *names, size_t n, char *name);
#endif

#endif /* OGI_WRITE_XLSX_H */
