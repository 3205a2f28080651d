/*
 * write_statutory.c - the 规范-表二/三/四 sheets: each statutory table in
 * the layout of the format, drawn from the template: sub-tables with
 * their title band, groups over columns (法人或其他组织, 行政复议 /
 * 行政诉讼), row labels nested as their ids are (r.denied.secret under
 * （三）不予公开 under 三、本年度办理结果), the values ogi read with the
 * same marks and comments as the submitter's cells, and the sums the
 * rules compared beside them (write_sums.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "messages.h"
#include "write_xlsx.h"

#define MAX_DEPTH 8  /* header rows: nested groups + the column labels */
#define MAX_LABELS 3 /* label columns: the nesting of row ids */
#define MAX_HEAD_COLS 256
#define VALUE_WIDTH 11.0 /* the least; wider where a header needs it */
#define VALUE_WIDTH_MAX 22.0

typedef struct sheet {
    ogi_xw *xw;
    ogi_grid g;
    const ogi_ttable *table;
    lxw_col_t labels; /* label columns of the blocks with rows */
    lxw_col_t width;  /* columns used */
    double label_width[MAX_LABELS];
    double value_width[MAX_HEAD_COLS]; /* per column, from the headers over it alone */
} sheet;

static void keep(sheet *s, lxw_error e)
{
    ogi_keep(&s->g.err, e);
}

static void merge(sheet *s, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2,
                  const char *text, lxw_format *f)
{
    ogi_xw_merge(s->g.ws, r1, c1, r2, c2, text, f, &s->g.err);
}

/* ---- column headers -------------------------------------------------- */

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
    if (id >= s->table->ngroups)
        return b->cols[OGI_NONE - 1 - id].display[en];
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

/* A column wide enough for a header standing over it alone. */
static void widen_value(sheet *s, size_t col, const char *text)
{
    double w = ogi_text_width(text) + 2;
    w = w > VALUE_WIDTH_MAX ? VALUE_WIDTH_MAX : w;
    if (col < MAX_HEAD_COLS && w > s->value_width[col])
        s->value_width[col] = w;
}

/* The header cells, each rectangle of one id merged once. */
static void write_header(sheet *s, const ogi_tblock *b, lxw_row_t top, lxw_col_t left, size_t depth)
{
    static const size_t ncols_max = MAX_HEAD_COLS;
    uint8_t done[MAX_DEPTH][MAX_HEAD_COLS] = {{0}};
    size_t ncols = b->ncols < ncols_max ? b->ncols : ncols_max;
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
            const char *text = header_text(s, b, id);
            merge(s, top + (lxw_row_t)level, left + (lxw_col_t)c, top + (lxw_row_t)l2,
                  left + (lxw_col_t)c2, text, s->xw->fmt.head);
            if (c == c2)
                widen_value(s, left + (lxw_col_t)c, text);
        }
}

/* ---- row labels ------------------------------------------------------ */

/* Segments of a row id: "r.denied.secret" is 3 deep. */
static size_t id_depth(const char *id)
{
    size_t n = 1;
    for (; *id; id++)
        n += *id == '.';
    return n;
}

static lxw_col_t row_depth(const sheet *s, const ogi_trow *row)
{
    size_t d = id_depth(row->id);
    return (lxw_col_t)(d < s->labels ? d : s->labels);
}

/* The first segs segments of a and b are the same. */
static int same_prefix(const char *a, const char *b, size_t segs)
{
    for (; *a && *a == *b; a++, b++)
        if (*a == '.' && --segs == 0)
            return 1;
    return segs == 1 && (*a == '.' || !*a) && (*b == '.' || !*b);
}

/* "（三）不予公开 1.属于国家秘密" -> the group's words, the row's words
 * ("item 3 (3) withheld, 1: state secret" splits at the comma). */
static const char *split_display(const char *d, char *group, size_t size)
{
    const char *cut = strstr(d, ", ");
    size_t skip = 2;
    if (!cut) {
        cut = strchr(d, ' ');
        skip = 1;
    }
    if (!cut) {
        snprintf(group, size, "%s", d);
        return d;
    }
    snprintf(group, size, "%.*s", (int)(cut - d), d);
    return cut + skip;
}

static void widen(sheet *s, lxw_col_t col, const char *text, double cap)
{
    double w = ogi_text_width(text) + 1;
    w = w > cap ? cap : w;
    if (col < MAX_LABELS && w > s->label_width[col])
        s->label_width[col] = w;
}

/* The words of the group at level k over row r (k < its depth - 1). */
static void group_text(const sheet *s, const ogi_tblock *b, size_t r, lxw_col_t k, char *buf,
                       size_t size)
{
    int en = s->xw->lang == OGI_LANG_EN;
    /* 三、本年度办理结果 stands only in the form, over all the results */
    if (k == 0 && strcmp(s->table->id, "t3") == 0) {
        snprintf(buf, size, "%s", ogi_message(OGI_MSG_XLSX_T3_RESULTS, s->xw->lang));
        return;
    }
    split_display(b->rows[r].display[en], buf, size);
}

/* Group labels: each run of rows sharing an id prefix, merged down. */
static void write_groups(sheet *s, const ogi_tblock *b, lxw_row_t first)
{
    for (lxw_col_t k = 0; k + 1 < s->labels; k++)
        for (size_t r = 0; r < b->nrows;) {
            if (row_depth(s, &b->rows[r]) <= k + 1) {
                r++;
                continue;
            }
            size_t r2 = r;
            while (r2 + 1 < b->nrows && row_depth(s, &b->rows[r2 + 1]) > k + 1 &&
                   same_prefix(b->rows[r].id, b->rows[r2 + 1].id, k + 1))
                r2++;
            char text[512];
            group_text(s, b, r, k, text, sizeof text);
            merge(s, first + (lxw_row_t)r, k, first + (lxw_row_t)r2, k, text, s->xw->fmt.row_label);
            widen(s, k, text, k == 0 ? 10 : 16);
            r = r2 + 1;
        }
}

/* A row's own label, from its depth to the last label column. */
static void write_row_label(sheet *s, const ogi_tblock *b, size_t r, lxw_row_t row)
{
    int en = s->xw->lang == OGI_LANG_EN;
    lxw_col_t d = row_depth(s, &b->rows[r]), last = s->labels - 1;
    const char *display = b->rows[r].display[en];
    char group[512];
    const char *text = d >= 3 ? split_display(display, group, sizeof group) : display;
    merge(s, row, d - 1, row, last, text, s->xw->fmt.row_label);
    if (d - 1 == last)
        widen(s, last, text, 44);
}

/* ---- values ---------------------------------------------------------- */

/* One template cell: the value read, marked as on the submitter's sheet. */
static void write_value(sheet *s, lxw_row_t row, lxw_col_t col, size_t cell)
{
    const ogi_xw *xw = s->xw;
    const ogi_report *r = xw->report;
    if (cell >= r->nvalues)
        return;
    const ogi_value *v = &r->values[cell];
    lxw_format *f = xw->fmt.cell[OGI_FMT_GRID][xw->marks.cell_level[cell]];
    if (xw->cell_formulas && xw->cell_formulas[cell])
        keep(s, worksheet_write_formula_num(s->g.ws, row, col, xw->cell_formulas[cell], f,
                                            v->found && !v->is_null ? v->value : 0));
    else if (!v->found || v->is_null)
        keep(s, worksheet_write_blank(s->g.ws, row, col, f));
    else if (xw->marks.cell_as_text[cell])
        keep(s, worksheet_write_string(s->g.ws, row, col, v->raw ? v->raw : "", f));
    else
        keep(s, ogi_write_num(s->g.ws, row, col, v->value, f));
    if (xw->marks.cell_comment[cell])
        ogi_write_comment(s->g.ws, row, col, xw->marks.cell_comment[cell], &s->g.err);
    s->g.row[cell] = row;
    s->g.col[cell] = col;
    s->g.placed[cell] = 1;
}

/* The corner over the row labels: the form's note on 表三. */
static const char *corner_text(const sheet *s)
{
    int t3 = strcmp(s->table->id, "t3") == 0;
    return ogi_message(t3 ? OGI_MSG_XLSX_T3_NOTE : OGI_MSG_XLSX_ITEM, s->xw->lang);
}

/* A sub-table: its title band (when it has rows), header, rows, sums;
 * returns the row after it. */
static lxw_row_t write_block(sheet *s, const ogi_tblock *b, lxw_row_t row)
{
    const ogi_formats *f = &s->xw->fmt;
    lxw_col_t left = b->nrows ? s->labels : 0;
    size_t depth = header_depth(s, b);
    lxw_row_t head_top = row;
    if (b->nrows) {
        merge(s, row, left, row, left + (lxw_col_t)b->ncols - 1, b->display, f->head);
        if (b->ncols == 1)
            widen_value(s, left, b->display);
        merge(s, row, 0, row + (lxw_row_t)depth, left - 1, corner_text(s), f->head);
        row++;
    }
    write_header(s, b, row, left, depth);
    row += (lxw_row_t)depth;
    lxw_row_t first = row;
    size_t nrows = b->nrows ? b->nrows : 1;
    if (b->nrows)
        write_groups(s, b, first);
    for (size_t r = 0; r < nrows; r++, row++) {
        if (b->nrows)
            write_row_label(s, b, r, row);
        for (size_t c = 0; c < b->ncols; c++)
            write_value(s, row, left + (lxw_col_t)c, b->first_cell + r * b->ncols + c);
    }
    if (!b->nrows)
        return row;
    return ogi_write_sums(s->xw, &s->g, b, head_top, first - 1, row - 1, s->labels);
}

static void page_setup(sheet *s)
{
    for (lxw_col_t c = 0; c < s->labels && c < MAX_LABELS; c++)
        keep(s, worksheet_set_column(s->g.ws, c, c, s->label_width[c] < 8 ? 8 : s->label_width[c],
                                     NULL));
    for (lxw_col_t c = s->labels; c < s->width && c < MAX_HEAD_COLS; c++)
        keep(s, worksheet_set_column(s->g.ws, c, c, s->value_width[c], NULL));
    worksheet_set_landscape(s->g.ws);
    worksheet_set_paper(s->g.ws, 9); /* A4 */
    worksheet_fit_to_pages(s->g.ws, 1, 0);
}

static void measure(sheet *s)
{
    const ogi_template *t = s->xw->tmpl;
    for (size_t k = 0; k < s->table->nblocks; k++) {
        const ogi_tblock *b = &t->blocks[s->table->first_block + k];
        for (size_t r = 0; r < b->nrows; r++) {
            size_t d = id_depth(b->rows[r].id);
            lxw_col_t want = (lxw_col_t)(d > MAX_LABELS ? MAX_LABELS : d);
            s->labels = want > s->labels ? want : s->labels;
        }
    }
    for (size_t k = 0; k < s->table->nblocks; k++) {
        const ogi_tblock *b = &t->blocks[s->table->first_block + k];
        lxw_col_t w = (lxw_col_t)b->ncols + (b->nrows ? s->labels : 0);
        s->width = w > s->width ? w : s->width;
    }
}

static ogi_error write_table(ogi_xw *xw, size_t t, ogi_grid *g)
{
    const ogi_template *tmpl = xw->tmpl;
    sheet s = {.xw = xw, .g = *g, .table = &tmpl->tables[t]};
    s.g.ws = workbook_add_worksheet(xw->wb, xw->statutory_names[t]);
    if (!s.g.ws)
        return OGI_ERROR_WRITE;
    for (size_t c = 0; c < MAX_HEAD_COLS; c++)
        s.value_width[c] = VALUE_WIDTH;
    measure(&s);
    merge(&s, 0, 0, 0, s.width > 1 ? s.width - 1 : 0, s.table->display[xw->lang == OGI_LANG_EN],
          xw->fmt.title);
    keep(&s, worksheet_set_row(s.g.ws, 0, 24, NULL));
    lxw_row_t row = 2;
    for (size_t k = 0; k < s.table->nblocks; k++)
        row = write_block(&s, &tmpl->blocks[s.table->first_block + k], row) + 1;
    page_setup(&s);
    return s.g.err == LXW_NO_ERROR ? OGI_OK : OGI_ERROR_WRITE;
}

ogi_error ogi_write_statutory(ogi_xw *xw)
{
    size_t n = xw->report->nvalues ? xw->report->nvalues : 1;
    ogi_grid g = {NULL, calloc(n, sizeof(lxw_row_t)), calloc(n, sizeof(lxw_col_t)), calloc(n, 1),
                  LXW_NO_ERROR};
    ogi_error err = g.row && g.col && g.placed ? OGI_OK : OGI_ERROR_MEMORY;
    for (size_t t = 0; t < xw->tmpl->ntables && err == OGI_OK; t++)
        err = write_table(xw, t, &g);
    free(g.row);
    free(g.col);
    free(g.placed);
    return err;
}
