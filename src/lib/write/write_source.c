/*
 * write_source.c - the submitter's own sheets, same names and cell
 * positions, values as read (numbers as numbers, text as text), merged
 * cells merged again, and every cell a finding names filled and, where a
 * finding starts, commented.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "write_xlsx.h"

#define MIN_WIDTH 9.0 /* narrower contents keep the default width */
#define MAX_WIDTH 48.0
#define MAX_MERGES_LOOKED_AT 256

typedef struct sheet {
    ogi_xw *xw;
    lxw_worksheet *ws;
    const ogi_sheet *src;
    lxw_error err;
} sheet;

static void keep(sheet *s, lxw_error e)
{
    if (e != LXW_NO_ERROR && s->err == LXW_NO_ERROR)
        s->err = e;
}

static lxw_format *format_for(const ogi_xw *xw, ogi_fmt_kind kind, const ogi_mark *m)
{
    return xw->fmt.cell[kind][m ? m->level : OGI_MARK_NONE];
}

/* The kind of format for a cell: in a table row, bordered as the form
 * is (the reader does not keep the submitter's own formats). */
static ogi_fmt_kind kind_of(const ogi_cell *c, int in_table)
{
    if (c && c->kind == OGI_CELL_NUMBER && c->is_date)
        return OGI_FMT_DATE;
    if (!in_table)
        return OGI_FMT_PLAIN;
    return c && (c->kind == OGI_CELL_TEXT || c->kind == OGI_CELL_ERROR) ? OGI_FMT_GRID_TEXT
                                                                        : OGI_FMT_GRID;
}

/* A formula with its cached result, so that every viewer shows the value
 * without recalculating (libxlsxwriter otherwise stores 0). Returns 0
 * when the cell is not a formula ogi could decode. */
static int write_formula(sheet *s, const ogi_cell *c, lxw_format *f)
{
    if (!c->is_formula || !c->formula || (c->kind == OGI_CELL_NUMBER && !isfinite(c->number)))
        return 0;
    char text[2056];
    snprintf(text, sizeof text, "=%s", c->formula);
    if (c->kind == OGI_CELL_NUMBER)
        keep(s, worksheet_write_formula_num(s->ws, c->row, (lxw_col_t)c->col, text, f, c->number));
    else if (c->kind == OGI_CELL_TEXT && c->text)
        keep(s, worksheet_write_formula_str(s->ws, c->row, (lxw_col_t)c->col, text, f, c->text));
    else
        return 0;
    return 1;
}

/* One position of the sheet: the submitter's cell (or NULL: empty), its
 * mark (or NULL), in a table row or not. */
static void write_value(sheet *s, lxw_row_t r, lxw_col_t col, const ogi_cell *c, const ogi_mark *m,
                        int in_table)
{
    lxw_format *f = format_for(s->xw, kind_of(c, in_table), m);
    if (c && write_formula(s, c, f)) {
        /* written with its cached result */
    } else if (c && c->kind == OGI_CELL_NUMBER) {
        keep(s, ogi_write_num(s->ws, r, col, c->number, f));
    } else if (c && (c->kind == OGI_CELL_TEXT || c->kind == OGI_CELL_ERROR)) {
        keep(s, worksheet_write_string(s->ws, r, col, c->text ? c->text : "", f));
    } else if (c && c->kind == OGI_CELL_BOOL) {
        keep(s, worksheet_write_boolean(s->ws, r, col, c->number != 0, f));
    } else if (m || in_table) {
        keep(s, worksheet_write_blank(s->ws, r, col, f));
    }
    if (m && m->comment)
        ogi_write_comment(s->ws, r, col, m->comment, &s->err);
}

/* Rows crossed by a merged range wider than one cell. */
static uint8_t *rows_with_merges(const ogi_sheet *src)
{
    uint8_t *rows = calloc(src->nrows ? src->nrows : 1, 1);
    for (size_t i = 0; rows && i < src->nmerges; i++) {
        const ogi_merge *m = &src->merges[i];
        if (m->first_col == m->last_col)
            continue;
        for (uint32_t r = m->first_row; r <= m->last_row && r < src->nrows; r++)
            rows[r] = 1;
    }
    return rows;
}

/* The next column at or after col that holds a cell or a mark. */
static uint32_t next_used(const ogi_cell *cells, size_t ncells, size_t i, const ogi_mark *marks,
                          size_t nmarks, size_t j)
{
    uint32_t next = i < ncells ? cells[i].col : UINT32_MAX;
    uint32_t mark = j < nmarks ? marks[j].src.col : UINT32_MAX;
    return mark < next ? mark : next;
}

/* One row: its cells and marks (both sorted by column) and, in a table
 * row, the empty cells between them, bordered. */
static void write_row(sheet *s, uint32_t row, const ogi_cell *cells, size_t ncells,
                      const ogi_mark *marks, size_t nmarks, int in_table)
{
    size_t i = 0, j = 0;
    uint32_t col = next_used(cells, ncells, 0, marks, nmarks, 0);
    while (col != UINT32_MAX && col < LXW_COL_MAX) {
        const ogi_cell *c = i < ncells && cells[i].col == col ? &cells[i++] : NULL;
        const ogi_mark *m = j < nmarks && marks[j].src.col == col ? &marks[j++] : NULL;
        if (c || m || in_table)
            write_value(s, row, (lxw_col_t)col, c, m, in_table);
        uint32_t next = next_used(cells, ncells, i, marks, nmarks, j);
        col = in_table && next != UINT32_MAX ? col + 1 : next;
    }
}

/* Cells and marks are both in (row, col) order: one walk over both, a
 * row at a time. A table row has two values or more, or part of a merged
 * range wider than a cell; a heading alone on its line gets no border
 * (the reader does not keep the submitter's own borders). */
static void write_cells(sheet *s, int32_t index)
{
    size_t nmarks, j = 0, i = 0;
    const ogi_mark *marks = ogi_marks_of_sheet(&s->xw->marks, index, &nmarks);
    const ogi_sheet *src = s->src;
    uint8_t *merged_rows = rows_with_merges(src);
    if (!merged_rows) {
        keep(s, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    while (i < src->ncells || j < nmarks) {
        uint32_t row = i < src->ncells ? src->cells[i].row : UINT32_MAX;
        row = j < nmarks && marks[j].src.row < row ? marks[j].src.row : row;
        size_t i2 = i, j2 = j;
        while (i2 < src->ncells && src->cells[i2].row == row)
            i2++;
        while (j2 < nmarks && marks[j2].src.row == row)
            j2++;
        int in_table = i2 - i >= 2 || (row < src->nrows && merged_rows[row]);
        if (row < LXW_ROW_MAX)
            write_row(s, row, src->cells + i, i2 - i, marks + j, j2 - j, in_table);
        i = i2;
        j = j2;
    }
    free(merged_rows);
}

static int overlaps(const ogi_merge *a, const ogi_merge *b)
{
    return a->first_row <= b->last_row && b->first_row <= a->last_row &&
           a->first_col <= b->last_col && b->first_col <= a->last_col;
}

/* Merged again as read; a merge overlapping an earlier one (a damaged
 * file) is left out, since Excel refuses overlapping merges. */
static void write_merges(sheet *s)
{
    const ogi_sheet *src = s->src;
    for (size_t i = 0; i < src->nmerges; i++) {
        const ogi_merge *m = &src->merges[i];
        if (m->first_row == m->last_row && m->first_col == m->last_col)
            continue;
        if (m->last_row >= LXW_ROW_MAX || m->last_col >= LXW_COL_MAX ||
            m->first_row > m->last_row || m->first_col > m->last_col)
            continue;
        int clash = 0;
        for (size_t k = 0; k < i && !clash; k++)
            clash = overlaps(m, &src->merges[k]);
        if (clash)
            continue;
        keep(s, worksheet_merge_range(s->ws, m->first_row, (lxw_col_t)m->first_col, m->last_row,
                                      (lxw_col_t)m->last_col, "",
                                      s->xw->fmt.cell[OGI_FMT_GRID_TEXT][OGI_MARK_NONE]));
    }
}

static double cell_width(const ogi_cell *c)
{
    char buf[64];
    switch (c->kind) {
    case OGI_CELL_NUMBER:
        if (c->is_date)
            return 10;
        snprintf(buf, sizeof buf, "%.10g", c->number);
        return (double)strlen(buf);
    case OGI_CELL_TEXT:
    case OGI_CELL_ERROR:
        return c->text ? ogi_text_width(c->text) : 0;
    default:
        return 0;
    }
}

/* Widths that fit what the columns hold, at most MAX_WIDTH (a longer
 * text spills into empty neighbours as in the original). A merged label
 * does not widen its column: it spans several. Merges are looked at only
 * in workbooks with few of them (real reports have tens), so a hostile
 * file cannot make this quadratic. */
static void set_widths(sheet *s)
{
    uint32_t ncols = s->src->ncols < LXW_COL_MAX ? s->src->ncols : LXW_COL_MAX;
    if (ncols == 0)
        return;
    double *width = calloc(ncols, sizeof *width);
    if (!width) {
        keep(s, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    int look_at_merges = s->src->nmerges <= MAX_MERGES_LOOKED_AT;
    for (size_t i = 0; i < s->src->ncells; i++) {
        const ogi_cell *c = &s->src->cells[i];
        if (c->col >= ncols)
            continue;
        double w = cell_width(c) + 1.5;
        w = w > MAX_WIDTH ? MAX_WIDTH : w;
        if (w > width[c->col] && !(look_at_merges && ogi_sheet_merge_at(s->src, c->row, c->col)))
            width[c->col] = w;
    }
    for (uint32_t c = 0; c < ncols; c++)
        if (width[c] >= MIN_WIDTH)
            keep(s, worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, width[c], NULL));
    free(width);
}

static void page_setup(sheet *s)
{
    worksheet_set_landscape(s->ws);
    worksheet_set_paper(s->ws, 9); /* A4 */
    worksheet_fit_to_pages(s->ws, 1, 0);
}

ogi_error ogi_write_source_sheets(ogi_xw *xw)
{
    for (size_t i = 0; i < xw->book->nsheets; i++) {
        sheet s = {xw, workbook_add_worksheet(xw->wb, xw->sheet_names[i]), &xw->book->sheets[i],
                   LXW_NO_ERROR};
        if (!s.ws)
            return OGI_ERROR_WRITE;
        write_merges(&s);
        write_cells(&s, (int32_t)i);
        set_widths(&s);
        page_setup(&s);
        /* the submitter's hidden sheets stay hidden (a draft, a lookup
         * list): the summary sheet is the active one, so hiding is allowed */
        if (s.src->hidden != OGI_SHEET_VISIBLE)
            worksheet_hide(s.ws);
        if (s.err != LXW_NO_ERROR)
            return OGI_ERROR_WRITE;
    }
    return OGI_OK;
}
