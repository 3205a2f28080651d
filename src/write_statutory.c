/*
 * write_statutory.c - the 规范-表二/三/四 sheets: each statutory table in
 * the layout of the format, drawn from the template (sub-tables, groups
 * over columns, rows), holding the values ogi read, with the same marks
 * and comments as the submitter's cells.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "messages.h"
#include "write_xlsx.h"

#define MAX_DEPTH 8 /* header rows: nested groups + the column labels */
#define LABEL_WIDTH 46.0
#define VALUE_WIDTH 11.0

typedef struct sheet {
    ogi_xw *xw;
    lxw_worksheet *ws;
    const ogi_ttable *table;
    lxw_col_t width; /* columns used: labels + the widest block */
    lxw_error err;
} sheet;

static void keep(sheet *s, lxw_error e)
{
    if (e != LXW_NO_ERROR && s->err == LXW_NO_ERROR)
        s->err = e;
}

/* A merged range, or the one cell when the range is a single cell
 * (which Excel does not merge). */
static void merge(sheet *s, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2,
                  const char *text, lxw_format *f)
{
    if (r1 == r2 && c1 == c2)
        keep(s, worksheet_write_string(s->ws, r1, c1, text, f));
    else
        keep(s, worksheet_merge_range(s->ws, r1, c1, r2, c2, text, f));
}

/* The groups over a column, outermost first; returns how many. */
static size_t group_chain(const ogi_ttable *t, const ogi_tcol *col, size_t *chain)
{
    size_t n = 0;
    for (size_t g = col->group; g != OGI_NONE && n < MAX_DEPTH - 1; g = t->groups[g].parent)
        chain[n++] = g;
    for (size_t i = 0; i < n / 2; i++) {
        size_t tmp = chain[i];
        chain[i] = chain[n - 1 - i];
        chain[n - 1 - i] = tmp;
    }
    return n;
}

static size_t header_depth(const sheet *s, const ogi_tblock *b)
{
    size_t depth = 1, chain[MAX_DEPTH];
    for (size_t c = 0; c < b->ncols; c++) {
        size_t d = group_chain(s->table, &b->cols[c], chain) + 1;
        if (d > depth)
            depth = d;
    }
    return depth;
}

/* What heads column c at header level i: a group (its index) or, at the
 * bottom level and below a column's last group, the column itself
 * (OGI_NONE - 1 - c). A group too shallow for the depth reaches down. */
static size_t header_id(const sheet *s, const ogi_tblock *b, size_t c, size_t level, size_t depth)
{
    size_t chain[MAX_DEPTH], n = group_chain(s->table, &b->cols[c], chain);
    if (level + 1 == depth || n == 0)
        return OGI_NONE - 1 - c;
    return level < n ? chain[level] : chain[n - 1];
}

static const char *header_text(const sheet *s, const ogi_tblock *b, size_t id)
{
    int en = s->xw->lang == OGI_LANG_EN;
    if (id < s->table->ngroups) {
        /* "行政诉讼 未经复议直接起诉" under 行政诉讼: only the last words */
        const ogi_tgroup *g = &s->table->groups[id];
        const char *text = g->display[en];
        if (g->parent != OGI_NONE) {
            const char *outer = s->table->groups[g->parent].display[en];
            size_t n = strlen(outer);
            if (strncmp(text, outer, n) == 0 && text[n] == ' ')
                return text + n + 1;
        }
        return text;
    }
    return b->cols[OGI_NONE - 1 - id].display[en];
}

/* The header cells, each rectangle of one id merged once. */
static void write_header(sheet *s, const ogi_tblock *b, lxw_row_t top, lxw_col_t left, size_t depth)
{
    uint8_t done[MAX_DEPTH][256] = {{0}};
    size_t ncols = b->ncols < 256 ? b->ncols : 256;
    for (size_t level = 0; level < depth; level++)
        for (size_t c = 0; c < ncols; c++) {
            if (done[level][c])
                continue;
            size_t id = header_id(s, b, c, level, depth), c2 = c, l2 = level;
            while (c2 + 1 < ncols && header_id(s, b, c2 + 1, level, depth) == id)
                c2++;
            for (int same = 1; same && l2 + 1 < depth;) {
                for (size_t k = c; k <= c2 && same; k++)
                    same = header_id(s, b, k, l2 + 1, depth) == id;
                if (same)
                    l2++;
            }
            for (size_t l = level; l <= l2; l++)
                for (size_t k = c; k <= c2; k++)
                    done[l][k] = 1;
            lxw_row_t r1 = top + (lxw_row_t)level, r2 = top + (lxw_row_t)l2;
            lxw_col_t c1 = left + (lxw_col_t)c, cl = left + (lxw_col_t)c2;
            merge(s, r1, c1, r2, cl, header_text(s, b, id), s->xw->fmt.head);
        }
}

/* One template cell: the value read, marked as on the submitter's sheet. */
static void write_value(sheet *s, lxw_row_t row, lxw_col_t col, size_t cell)
{
    const ogi_xw *xw = s->xw;
    const ogi_report *r = xw->report;
    if (cell >= r->nvalues)
        return;
    const ogi_value *v = &r->values[cell];
    uint8_t level = xw->marks.cell_level[cell];
    lxw_format *f = xw->fmt.cell[OGI_FMT_GRID][level];
    if (!v->found || v->is_null)
        keep(s, worksheet_write_blank(s->ws, row, col, f));
    else if (xw->marks.cell_as_text[cell])
        keep(s, worksheet_write_string(s->ws, row, col, v->raw ? v->raw : "", f));
    else
        keep(s, worksheet_write_number(s->ws, row, col, v->value, f));
    if (xw->marks.cell_comment[cell])
        ogi_write_comment(s->ws, row, col, xw->marks.cell_comment[cell], &s->err);
}

/* A sub-table: its title band (when it has rows), header, rows; returns
 * the row after it. */
static lxw_row_t write_block(sheet *s, const ogi_tblock *b, lxw_row_t row)
{
    int en = s->xw->lang == OGI_LANG_EN;
    const ogi_formats *f = &s->xw->fmt;
    lxw_col_t left = b->nrows ? 1 : 0;
    size_t depth = header_depth(s, b);
    if (b->nrows) {
        lxw_col_t last = (lxw_col_t)b->ncols;
        merge(s, row, left, row, last, b->display, f->head);
        merge(s, row, 0, row + (lxw_row_t)depth, 0, ogi_message(OGI_MSG_XLSX_ITEM, s->xw->lang),
              f->head);
        row++;
    }
    write_header(s, b, row, left, depth);
    row += (lxw_row_t)depth;
    size_t nrows = b->nrows ? b->nrows : 1;
    for (size_t r = 0; r < nrows; r++, row++) {
        if (b->nrows)
            keep(s, worksheet_write_string(s->ws, row, 0, b->rows[r].display[en], f->row_label));
        for (size_t c = 0; c < b->ncols; c++)
            write_value(s, row, left + (lxw_col_t)c, b->first_cell + r * b->ncols + c);
    }
    return row;
}

static void page_setup(sheet *s, int has_labels)
{
    if (has_labels)
        keep(s, worksheet_set_column(s->ws, 0, 0, LABEL_WIDTH, NULL));
    lxw_col_t first = has_labels ? 1 : 0;
    if (s->width > first)
        keep(s, worksheet_set_column(s->ws, first, s->width - 1, VALUE_WIDTH, NULL));
    worksheet_set_landscape(s->ws);
    worksheet_set_paper(s->ws, 9); /* A4 */
    worksheet_fit_to_pages(s->ws, 1, 0);
}

static ogi_error write_table(ogi_xw *xw, size_t t)
{
    const ogi_template *tmpl = xw->tmpl;
    sheet s = {xw, workbook_add_worksheet(xw->wb, xw->statutory_names[t]), &tmpl->tables[t], 0,
               LXW_NO_ERROR};
    if (!s.ws)
        return OGI_ERROR_WRITE;
    int has_labels = 0;
    for (size_t k = 0; k < s.table->nblocks; k++) {
        const ogi_tblock *b = &tmpl->blocks[s.table->first_block + k];
        lxw_col_t w = (lxw_col_t)b->ncols + (b->nrows ? 1 : 0);
        s.width = w > s.width ? w : s.width;
        has_labels |= b->nrows > 0;
    }
    merge(&s, 0, 0, 0, s.width > 1 ? s.width - 1 : 0, s.table->display[xw->lang == OGI_LANG_EN],
          xw->fmt.title);
    lxw_row_t row = 2;
    for (size_t k = 0; k < s.table->nblocks; k++)
        row = write_block(&s, &tmpl->blocks[s.table->first_block + k], row) + 1;
    page_setup(&s, has_labels);
    return s.err == LXW_NO_ERROR ? OGI_OK : OGI_ERROR_WRITE;
}

ogi_error ogi_write_statutory(ogi_xw *xw)
{
    ogi_error err = OGI_OK;
    for (size_t t = 0; t < xw->tmpl->ntables && err == OGI_OK; t++)
        err = write_table(xw, t);
    return err;
}
