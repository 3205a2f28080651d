/*
 * write_source.c - the submitter's own sheets, same names and cell
 * positions, values as read (numbers as numbers, text as text), merged
 * cells merged again, and every cell a finding names filled and, where a
 * finding starts, commented.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "write_xlsx.h"

#define MIN_WIDTH 4.0
#define MAX_WIDTH 48.0
#define COMMENT_WIDTH 320 /* pixels */
#define COMMENT_CHARS 36  /* narrow characters per comment line */

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

/* A box tall enough for the text at COMMENT_CHARS a line. */
static uint16_t comment_height(const char *text)
{
    double lines = 0, line = 0;
    for (const char *p = text;; p++) {
        if (*p == '\n' || !*p) {
            lines += line > 0 ? (int)((line - 0.01) / COMMENT_CHARS) + 1 : 1;
            line = 0;
            if (!*p)
                break;
            continue;
        }
        char one[2] = {*p, 0};
        if ((*p & 0xC0) != 0x80)
            line += (unsigned char)*p >= 0xE1 ? 2 : ogi_text_width(one);
    }
    double px = 16 * lines + 12;
    return (uint16_t)(px > 600 ? 600 : px);
}

void ogi_write_comment(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *text,
                       lxw_error *err)
{
    lxw_comment_options o = {0};
    o.author = "ogi";
    o.width = COMMENT_WIDTH;
    o.height = comment_height(text);
    lxw_error e = worksheet_write_comment_opt(ws, row, col, text, &o);
    if (e != LXW_NO_ERROR && *err == LXW_NO_ERROR)
        *err = e;
}

static void write_value(sheet *s, const ogi_cell *c, const ogi_mark *m)
{
    const ogi_xw *xw = s->xw;
    lxw_row_t r = c->row;
    lxw_col_t col = (lxw_col_t)c->col;
    switch (c->kind) {
    case OGI_CELL_NUMBER:
        keep(s,
             worksheet_write_number(s->ws, r, col, c->number,
                                    format_for(xw, c->is_date ? OGI_FMT_DATE : OGI_FMT_PLAIN, m)));
        break;
    case OGI_CELL_TEXT:
    case OGI_CELL_ERROR:
        keep(s, worksheet_write_string(s->ws, r, col, c->text ? c->text : "",
                                       format_for(xw, OGI_FMT_PLAIN, m)));
        break;
    case OGI_CELL_BOOL:
        keep(s, worksheet_write_boolean(s->ws, r, col, c->number != 0,
                                        format_for(xw, OGI_FMT_PLAIN, m)));
        break;
    default:
        if (m)
            keep(s, worksheet_write_blank(s->ws, r, col, format_for(xw, OGI_FMT_PLAIN, m)));
        break;
    }
    if (m && m->comment)
        ogi_write_comment(s->ws, r, col, m->comment, &s->err);
}

/* A marked cell the submitter left empty. */
static void write_blank_mark(sheet *s, const ogi_mark *m)
{
    keep(s, worksheet_write_blank(s->ws, m->src.row, (lxw_col_t)m->src.col,
                                  format_for(s->xw, OGI_FMT_PLAIN, m)));
    if (m->comment)
        ogi_write_comment(s->ws, m->src.row, (lxw_col_t)m->src.col, m->comment, &s->err);
}

static int before(const ogi_mark *m, const ogi_cell *c)
{
    return m->src.row < c->row || (m->src.row == c->row && m->src.col < c->col);
}

/* Cells and marks are both in (row, col) order: one walk over both. */
static void write_cells(sheet *s, int32_t index)
{
    size_t nmarks, j = 0;
    const ogi_mark *marks = ogi_marks_of_sheet(&s->xw->marks, index, &nmarks);
    for (size_t i = 0; i < s->src->ncells; i++) {
        const ogi_cell *c = &s->src->cells[i];
        while (j < nmarks && before(&marks[j], c))
            write_blank_mark(s, &marks[j++]);
        const ogi_mark *m = NULL;
        if (j < nmarks && marks[j].src.row == c->row && marks[j].src.col == c->col)
            m = &marks[j++];
        write_value(s, c, m);
    }
    while (j < nmarks)
        write_blank_mark(s, &marks[j++]);
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
                                      s->xw->fmt.cell[OGI_FMT_PLAIN][OGI_MARK_NONE]));
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

/* Widths that fit what the columns hold; merged labels do not widen a
 * column (they span several), long texts wrap at MAX_WIDTH. */
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
    for (size_t i = 0; i < s->src->ncells; i++) {
        const ogi_cell *c = &s->src->cells[i];
        if (c->col >= ncols)
            continue;
        double w = cell_width(c) + 1.5;
        if (w > width[c->col] && !ogi_sheet_merge_at(s->src, c->row, c->col))
            width[c->col] = w;
    }
    for (uint32_t c = 0; c < ncols; c++) {
        double w = width[c] < MIN_WIDTH ? 9 : width[c] > MAX_WIDTH ? MAX_WIDTH : width[c];
        if (w != 9)
            keep(s, worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL));
    }
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
        if (s.err != LXW_NO_ERROR)
            return OGI_ERROR_WRITE;
    }
    return OGI_OK;
}
