/*
 * write_marks.c - which cells of the marked-up workbook a finding marks:
 * every cell it names gets the fill of its severity, its first cell the
 * comment. A cell named by several findings shows the strongest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "common.h"
#include "findings.h"
#include "messages.h"
#include "write_xlsx.h"

static uint8_t level_of(ogi_severity sev, int first)
{
    switch (sev) {
    case OGI_SEVERITY_ERROR:
        return first ? OGI_MARK_ERROR_FIRST : OGI_MARK_ERROR;
    case OGI_SEVERITY_WARNING:
        return first ? OGI_MARK_WARNING_FIRST : OGI_MARK_WARNING;
    default:
        return OGI_MARK_INFO;
    }
}

/* a + "\n\n" + b (either may be NULL), malloc'd; frees a. */
static char *append_text(char *a, const char *b)
{
    size_t la = a ? strlen(a) : 0, lb = strlen(b);
    char *out = realloc(a, la + lb + 3);
    if (!out) {
        free(a);
        return NULL;
    }
    if (la)
        memcpy(out + la, "\n\n", 2), la += 2;
    memcpy(out + la, b, lb + 1);
    return out;
}

/* A finding's text for a comment: severity, message, expected/actual. */
static char *finding_comment(const ogi_report *r, const ogi_finding *x)
{
    ogi_lang l = r->lang;
    const char *colon = ogi_message(OGI_MSG_SEP_COLON, l);
    const char *comma = ogi_message(OGI_MSG_SEP_COMMA, l);
    char sides[256] = "";
    if (x->has_sides) {
        char e[48], a[48];
        ogi_format_number(x->expected, e, sizeof e);
        ogi_format_number(x->actual, a, sizeof a);
        snprintf(sides, sizeof sides, "\n%s %s%s%s %s", ogi_message(OGI_MSG_EXPECTED, l), e, comma,
                 ogi_message(OGI_MSG_ACTUAL, l), a);
    }
    const char *sev = ogi_message((ogi_msg)(OGI_MSG_SEVERITY_ERROR + x->severity), l);
    size_t n = strlen(sev) + strlen(x->message) + strlen(sides) + 16;
    char *out = malloc(n);
    if (out)
        snprintf(out, n, "%s%s%s%s", sev, colon, x->message, sides);
    return out;
}

static int mark_cmp(const void *a, const void *b)
{
    const ogi_source *x = &((const ogi_mark *)a)->src, *y = &((const ogi_mark *)b)->src;
    if (x->sheet != y->sheet)
        return x->sheet < y->sheet ? -1 : 1;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

/* Per template cell: the strongest level and the comments of the
 * findings whose first cell it is. */
static ogi_error mark_template_cells(ogi_marks *m, const ogi_report *r)
{
    const ogi_template *t = r->tmpl;
    for (size_t i = 0; i < r->nfindings; i++) {
        const ogi_finding *x = &r->findings[i];
        for (size_t k = 0; k < x->ncells; k++) {
            size_t c = ogi_template_cell(t, x->cells[k]);
            if (c == OGI_NONE || c >= m->ncells) /* a cell of last year's report */
                continue;
            if (strcmp(x->rule, "value.not_number") == 0)
                m->cell_as_text[c] = 1;
            uint8_t lv = level_of(x->severity, k == 0);
            if (lv > m->cell_level[c])
                m->cell_level[c] = lv;
            if (k > 0)
                continue;
            char *text = finding_comment(r, x);
            if (!text)
                return OGI_ERROR_MEMORY;
            m->cell_comment[c] = append_text(m->cell_comment[c], text);
            free(text);
            if (!m->cell_comment[c])
                return OGI_ERROR_MEMORY;
        }
    }
    return OGI_OK;
}

static ogi_error add_owned(ogi_marks *m, char *text)
{
    ogi_error err;
    char **owned = OGI_ARRAY_RESERVE(m->owned, &m->owned_cap, m->nowned + 1, 0, &err);
    if (!owned) {
        free(text);
        return err;
    }
    m->owned = owned;
    m->owned[m->nowned++] = text;
    return OGI_OK;
}

/* Findings that name no template cell (a label the mapper reports) mark
 * the cell they point at. */
static ogi_error add_label_marks(ogi_marks *m, const ogi_report *r, const ogi_book *book, size_t *n)
{
    for (size_t i = 0; i < r->nfindings; i++) {
        const ogi_finding *x = &r->findings[i];
        if (x->ncells > 0 || x->source.sheet < 0)
            continue;
        char *text = finding_comment(r, x);
        if (!text || add_owned(m, text) != OGI_OK)
            return OGI_ERROR_MEMORY;
        m->at_source[(*n)++] =
            (ogi_mark){ogi_marks_anchor(book, x->source), level_of(x->severity, 1), text};
    }
    return OGI_OK;
}

/* Two template cells read from one cell, or a label there too: one mark
 * with the strongest level and both comments. */
static ogi_error merge_duplicates(ogi_marks *m)
{
    size_t out = 0;
    for (size_t i = 0; i < m->nat_source; i++) {
        ogi_mark *cur = &m->at_source[i];
        ogi_mark *prev = out ? &m->at_source[out - 1] : NULL;
        if (!prev || mark_cmp(prev, cur) != 0) {
            m->at_source[out++] = *cur;
            continue;
        }
        if (cur->level > prev->level)
            prev->level = cur->level;
        if (cur->comment && prev->comment) {
            char *both = append_text(strdup(prev->comment), cur->comment);
            if (!both || add_owned(m, both) != OGI_OK)
                return OGI_ERROR_MEMORY;
            prev->comment = both;
        } else if (cur->comment) {
            prev->comment = cur->comment;
        }
    }
    m->nat_source = out;
    return OGI_OK;
}

ogi_source ogi_marks_anchor(const ogi_book *book, ogi_source src)
{
    if (src.sheet < 0 || (size_t)src.sheet >= book->nsheets)
        return src;
    const ogi_merge *mg = ogi_sheet_merge_at(&book->sheets[src.sheet], src.row, src.col);
    if (mg) {
        src.row = mg->first_row;
        src.col = mg->first_col;
    }
    return src;
}

static ogi_error mark_sources(ogi_marks *m, const ogi_report *r, const ogi_book *book)
{
    size_t cap = r->nvalues + r->nfindings, n = 0;
    m->at_source = calloc(cap ? cap : 1, sizeof *m->at_source);
    if (!m->at_source)
        return OGI_ERROR_MEMORY;
    for (size_t c = 0; c < r->nvalues; c++) {
        const ogi_value *v = &r->values[c];
        if (m->cell_level[c] != OGI_MARK_NONE && v->found && v->source.sheet >= 0)
            m->at_source[n++] =
                (ogi_mark){ogi_marks_anchor(book, v->source), m->cell_level[c], m->cell_comment[c]};
    }
    ogi_error err = add_label_marks(m, r, book, &n);
    m->nat_source = n;
    qsort(m->at_source, n, sizeof *m->at_source, mark_cmp);
    return err == OGI_OK ? merge_duplicates(m) : err;
}

ogi_error ogi_marks_build(ogi_marks *m, const ogi_report *r, const ogi_book *book)
{
    memset(m, 0, sizeof *m);
    size_t n = r->nvalues ? r->nvalues : 1;
    m->cell_level = calloc(n, sizeof *m->cell_level);
    m->cell_comment = calloc(n, sizeof *m->cell_comment);
    m->cell_as_text = calloc(n, sizeof *m->cell_as_text);
    if (!m->cell_level || !m->cell_comment || !m->cell_as_text)
        return OGI_ERROR_MEMORY;
    m->ncells = r->nvalues;
    ogi_error err = r->tmpl ? mark_template_cells(m, r) : OGI_OK;
    return err == OGI_OK ? mark_sources(m, r, book) : err;
}

void ogi_marks_free(ogi_marks *m)
{
    for (size_t i = 0; m->cell_comment && i < m->ncells; i++)
        free(m->cell_comment[i]);
    free(m->cell_comment);
    free(m->cell_level);
    free(m->cell_as_text);
    free(m->at_source);
    for (size_t i = 0; i < m->nowned; i++)
        free(m->owned[i]);
    free(m->owned);
    memset(m, 0, sizeof *m);
}

const ogi_mark *ogi_marks_of_sheet(const ogi_marks *m, int32_t sheet, size_t *n)
{
    size_t lo = 0, hi = m->nat_source;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->at_source[mid].src.sheet < sheet)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < m->nat_source && m->at_source[end].src.sheet == sheet)
        end++;
    *n = end - lo;
    return m->at_source + lo;
}
