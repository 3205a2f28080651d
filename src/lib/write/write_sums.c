/*
 * write_sums.c - beside 表三, the sums its rules compared, so a clerk sees
 * the arithmetic: for every side of a sum rule with more than one term, a
 * live formula (=SUM(...) over the cells on the 规范 sheet) with its value
 * written too, so any viewer shows it without recalculating. Checks along
 * a row get a column right of the table, checks down a column a row under
 * it. A computed sum of a check that fails is shown in red.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "messages.h"
#include "write_xlsx.h"

#define SUM_WIDTH 14.0
#define FORMULA_MAX 4096

typedef enum { ALONG_ROW, DOWN_COLUMN, NEITHER } orientation;

typedef struct sums {
    ogi_xw *xw;
    ogi_grid *g;
    const ogi_tblock *b;
    size_t block;
    lxw_row_t head_top, head_bottom, next_row;
    lxw_col_t labels, next_col;
} sums;

/* The check's cells are all drawn in this block. */
static int in_block(const sums *s, const ogi_rule_check *chk)
{
    const ogi_template *t = s->xw->tmpl;
    for (size_t i = 0; i < chk->nterms; i++) {
        size_t c = chk->terms[i].cell;
        if (c == OGI_NONE || c >= s->xw->report->nvalues || t->cells[c].block != s->block ||
            !s->g->placed[c])
            return 0;
    }
    return chk->nterms > 0;
}

static orientation orient(const sums *s, const ogi_rule_check *chk)
{
    int same_row = 1, same_col = 1;
    size_t c0 = chk->terms[0].cell;
    for (size_t i = 1; i < chk->nterms; i++) {
        size_t c = chk->terms[i].cell;
        same_row &= s->g->row[c] == s->g->row[c0];
        same_col &= s->g->col[c] == s->g->col[c0];
    }
    return same_row ? ALONG_ROW : same_col ? DOWN_COLUMN : NEITHER;
}

static size_t side_terms(const ogi_rule_check *chk, int right)
{
    size_t n = 0;
    for (size_t i = 0; i < chk->nterms; i++)
        n += chk->terms[i].right == right;
    return n;
}

static double side_value(const sums *s, const ogi_rule_check *chk, int right)
{
    double sum = 0;
    for (size_t i = 0; i < chk->nterms; i++) {
        const ogi_term *t = &chk->terms[i];
        const ogi_value *v = &s->xw->report->values[t->cell];
        if (t->right == right && v->found && !v->is_null)
            sum += t->sign * v->value;
    }
    return sum;
}

/* The rule holds for this check: the sides equal, or for a ≤ rule the
 * left no greater than the right (blank cells as 0, as the rule counts). */
static int holds(const sums *s, const ogi_rule_check *chk)
{
    double left = side_value(s, chk, 0), right = side_value(s, chk, 1);
    if (s->xw->tmpl->rules[chk->rule].op == OGI_OP_LE)
        return left <= right + 1e-9;
    return fabs(left - right) <= 1e-9;
}

/* =SUM(C5:H5) when the side is a run of cells added in order, else
 * =C5+C6-C7. */
static void side_formula(const sums *s, const ogi_rule_check *chk, int right, char *buf,
                         size_t size)
{
    lxw_row_t r0 = 0;
    lxw_col_t c0 = 0;
    size_t n = 0;
    int run = 1;
    char ref[32];
    size_t o = (size_t)snprintf(buf, size, "=");
    for (size_t i = 0; i < chk->nterms && o < size; i++) {
        const ogi_term *t = &chk->terms[i];
        if (t->right != right)
            continue;
        lxw_row_t r = s->g->row[t->cell];
        lxw_col_t c = s->g->col[t->cell];
        if (n == 0) {
            r0 = r;
            c0 = c;
        }
        run &= t->sign > 0 && ((r == r0 && c == c0 + n) || (c == c0 && r == r0 + n));
        lxw_rowcol_to_cell(ref, r, c);
        o += (size_t)snprintf(buf + o, size - o, "%s%s", t->sign < 0 ? "-" : n ? "+" : "", ref);
        n++;
    }
    if (run && n > 1 && o < size) {
        char first[32], last[32];
        const ogi_term *end = NULL;
        for (size_t i = 0; i < chk->nterms; i++)
            if (chk->terms[i].right == right)
                end = &chk->terms[i];
        lxw_rowcol_to_cell(first, r0, c0);
        lxw_rowcol_to_cell(last, s->g->row[end->cell], s->g->col[end->cell]);
        snprintf(buf, size, "=SUM(%s:%s)", first, last);
    }
}

/* The words for a term: a column's label along a row, the first words
 * of a row's label ("第一项", "item 1") down a column. */
static void term_words(const sums *s, const ogi_term *t, orientation o, char *buf, size_t size)
{
    int en = s->xw->lang == OGI_LANG_EN;
    const ogi_tcell *cell = &s->xw->tmpl->cells[t->cell];
    if (o == ALONG_ROW || cell->row == OGI_NONE) {
        snprintf(buf, size, "%s", s->b->cols[cell->col].display[en]);
        return;
    }
    const char *d = s->b->rows[cell->row].display[en];
    const char *stop = strchr(d, ':');
    if (!stop)
        stop = strchr(d, ' ');
    snprintf(buf, size, "%.*s", stop ? (int)(stop - d) : (int)strlen(d), d);
}

/* "计算：第一项 + 第二项", "计算：（一）予以公开 + … + （六）其他处理". */
static void side_label(const sums *s, const ogi_rule_check *chk, int right, orientation o,
                       char *buf, size_t size)
{
    const ogi_term *first = NULL, *last = NULL;
    size_t n = 0;
    for (size_t i = 0; i < chk->nterms; i++)
        if (chk->terms[i].right == right) {
            first = first ? first : &chk->terms[i];
            last = &chk->terms[i];
            n++;
        }
    char a[256], b[256], text[600];
    term_words(s, first, o, a, sizeof a);
    term_words(s, last, o, b, sizeof b);
    const char *op = last->sign < 0 ? " − " : " + ";
    snprintf(text, sizeof text, "%s%s%s%s", a, n > 2 ? " + … " : "", n > 2 ? op + 1 : op, b);
    snprintf(buf, size, ogi_message(OGI_MSG_XLSX_SUM_OF, s->xw->lang), text);
}

/* Where the sum of one check goes: its row in the new column, or its
 * column in the new row. */
static void write_sum(sums *s, const ogi_rule_check *chk, int right, orientation o, lxw_row_t row,
                      lxw_col_t col)
{
    char formula[FORMULA_MAX];
    size_t c0 = chk->terms[0].cell;
    if (o == ALONG_ROW)
        row = s->g->row[c0];
    else
        col = s->g->col[c0];
    side_formula(s, chk, right, formula, sizeof formula);
    double mine = side_value(s, chk, right);
    const ogi_formats *f = &s->xw->fmt;
    lxw_format *fmt = holds(s, chk) ? f->sum : f->sum_off;
    if (isfinite(mine))
        ogi_keep(&s->g->err, worksheet_write_formula_num(s->g->ws, row, col, formula, fmt, mine));
    else
        ogi_keep(&s->g->err, ogi_write_num(s->g->ws, row, col, mine, fmt));
}

/* One side of one rule over the block: a new column or row of sums. */
static void write_side(sums *s, size_t rule, int right, orientation o)
{
    const ogi_template *t = s->xw->tmpl;
    int labelled = 0;
    lxw_row_t row = s->next_row;
    lxw_col_t col = s->next_col;
    for (size_t k = 0; k < t->nchecks; k++) {
        const ogi_rule_check *chk = &t->checks[k];
        if (chk->rule != rule || !in_block(s, chk) || orient(s, chk) != o)
            continue;
        if (!labelled) {
            char label[700];
            side_label(s, chk, right, o, label, sizeof label);
            if (o == ALONG_ROW)
                ogi_xw_merge(s->g->ws, s->head_top, col, s->head_bottom, col, label,
                             s->xw->fmt.head, &s->g->err);
            else
                ogi_xw_merge(s->g->ws, row, 0, row, s->labels - 1, label, s->xw->fmt.head,
                             &s->g->err);
            labelled = 1;
        }
        write_sum(s, chk, right, o, row, col);
    }
    if (labelled && o == ALONG_ROW) {
        ogi_keep(&s->g->err, worksheet_set_column(s->g->ws, col, col, SUM_WIDTH, NULL));
        s->next_col++;
    } else if (labelled) {
        s->next_row++;
    }
}

/* The first check of rule in this block, or NULL. */
static const ogi_rule_check *first_check(const sums *s, size_t rule)
{
    const ogi_template *t = s->xw->tmpl;
    for (size_t k = 0; k < t->nchecks; k++)
        if (t->checks[k].rule == rule && in_block(s, &t->checks[k]))
            return &t->checks[k];
    return NULL;
}

lxw_row_t ogi_write_sums(ogi_xw *xw, ogi_grid *g, const ogi_tblock *b, lxw_row_t head_top,
                         lxw_row_t head_bottom, lxw_row_t last_row, lxw_col_t labels)
{
    const ogi_template *t = xw->tmpl;
    sums s = {xw,
              g,
              b,
              (size_t)(b - t->blocks),
              head_top,
              head_bottom,
              last_row + 1,
              labels,
              labels + (lxw_col_t)b->ncols};
    for (size_t rule = 0; rule < t->nrules; rule++) {
        const ogi_rule_check *chk = first_check(&s, rule);
        if (!chk || t->rules[rule].needs_previous)
            continue;
        orientation o = orient(&s, chk);
        for (int right = 0; right < 2 && o != NEITHER; right++)
            if (side_terms(chk, right) > 1)
                write_side(&s, rule, right, o);
    }
    return s.next_row;
}
