/*
 * write_summary.c - the 审核结果 sheet: the verdict at a glance, what was
 * checked, then one row per finding with a link to the cell it marks.
 */
#include <stdio.h>
#include <string.h>

#include "common.h"
#include "findings.h"
#include "messages.h"
#include "write_xlsx.h"

enum {
    COL_NO,
    COL_SEV,
    COL_TABLE,
    COL_RULE,
    COL_POS,
    COL_CELL,
    COL_MSG,
    COL_EXP,
    COL_ACT,
    COL_SUG,
    NCOLS
};

static const double col_width[NCOLS] = {6, 7, 7, 16, 44, 20, 60, 9, 9, 28};
#define LINE_HEIGHT 14.4 /* points per line of 11-point text */
static const ogi_msg col_head[NCOLS] = {
    OGI_MSG_XLSX_NO,       OGI_MSG_XLSX_SEVERITY, OGI_MSG_XLSX_TABLE,   OGI_MSG_XLSX_RULE,
    OGI_MSG_XLSX_POSITION, OGI_MSG_XLSX_CELL,     OGI_MSG_XLSX_MESSAGE, OGI_MSG_EXPECTED,
    OGI_MSG_ACTUAL,        OGI_MSG_SUGGESTED};

#define META_LABEL_LAST COL_TABLE /* meta labels span A:C, values D:J */

typedef struct sheet {
    ogi_xw *xw;
    lxw_worksheet *ws;
    lxw_error err; /* the first failure of a write */
} sheet;

static void keep(sheet *s, lxw_error e)
{
    if (e != LXW_NO_ERROR && s->err == LXW_NO_ERROR)
        s->err = e;
}

static const char *msg(const sheet *s, ogi_msg m)
{
    return ogi_message(m, s->xw->lang);
}

static void meta_line(sheet *s, lxw_row_t row, const char *label, const char *value)
{
    const ogi_formats *f = &s->xw->fmt;
    keep(s, worksheet_merge_range(s->ws, row, 0, row, META_LABEL_LAST, label, f->label));
    keep(s, worksheet_merge_range(s->ws, row, META_LABEL_LAST + 1, row, NCOLS - 1, value, f->text));
}

static const char *verdict_text(const ogi_report *r)
{
    return ogi_message(r->status == OGI_STATUS_PASS ? OGI_MSG_PASS : OGI_MSG_FAIL, r->lang);
}

/* Title, verdict, and what was checked; returns the next free row. */
static lxw_row_t write_meta(sheet *s)
{
    const ogi_xw *xw = s->xw;
    const ogi_report *r = xw->report;
    const ogi_formats *f = &xw->fmt;
    ogi_lang l = xw->lang;
    keep(s, worksheet_merge_range(s->ws, 0, 0, 0, NCOLS - 1, msg(s, OGI_MSG_XLSX_TITLE), f->title));
    keep(s, worksheet_set_row(s->ws, 0, 24, NULL));
    keep(s,
         worksheet_merge_range(s->ws, 1, 0, 1, META_LABEL_LAST, msg(s, OGI_MSG_VERDICT), f->label));
    keep(s, worksheet_merge_range(s->ws, 1, META_LABEL_LAST + 1, 1, NCOLS - 1, verdict_text(r),
                                  r->status == OGI_STATUS_PASS ? f->pass : f->fail));
    keep(s, worksheet_set_row(s->ws, 1, 42, NULL));
    char year[16], version[256], counts[128], tool[64];
    if (r->year)
        snprintf(year, sizeof year, "%d", r->year);
    snprintf(version, sizeof version, msg(s, OGI_MSG_NAME_AND_TITLE),
             r->template_id ? r->template_id : "", xw->tmpl->title[l == OGI_LANG_EN]);
    snprintf(counts, sizeof counts, msg(s, OGI_MSG_COUNTS), r->counts[0], r->counts[1],
             r->counts[2]);
    snprintf(tool, sizeof tool, "ogi %s", OGI_VERSION);
    const char *unknown = msg(s, OGI_MSG_UNKNOWN);
    const char *lines[][2] = {
        {msg(s, OGI_MSG_AGENCY), r->agency ? r->agency : unknown},
        {msg(s, OGI_MSG_YEAR), r->year ? year : unknown},
        {msg(s, OGI_MSG_VERSION), version},
        {msg(s, OGI_MSG_XLSX_SOURCE), xw->source_name},
        {msg(s, OGI_MSG_XLSX_SHA256), r->sha256 ? r->sha256 : ""},
        {msg(s, OGI_MSG_XLSX_TIME), xw->check_time},
        {msg(s, OGI_MSG_XLSX_TOOL), tool},
        {msg(s, OGI_MSG_XLSX_FINDINGS), counts},
    };
    lxw_row_t row = 2;
    for (size_t i = 0; i < OGI_ARRAY_LEN(lines); i++)
        meta_line(s, row++, lines[i][0], lines[i][1]);
    keep(s, worksheet_merge_range(s->ws, row, 0, row, NCOLS - 1, msg(s, OGI_MSG_XLSX_LEGEND),
                                  f->text));
    return row + 2;
}

/* "表三" of "t3": the first word of the table's title. */
static void table_short(const ogi_xw *xw, const char *table, char *buf, size_t size)
{
    if (!*table) {
        snprintf(buf, size, "%s", ogi_message(OGI_MSG_GENERAL, xw->lang));
        return;
    }
    const char *title = ogi_table_title(xw->tmpl, table, xw->lang);
    const char *stop = strpbrk(title, ogi_message(OGI_MSG_TITLE_SHORT_END, xw->lang));
    int n = stop ? (int)(stop - title) : (int)strlen(title);
    snprintf(buf, size, "%.*s", n, title);
}

static void write_link(sheet *s, lxw_row_t row, const ogi_finding *x)
{
    const ogi_formats *f = &s->xw->fmt;
    char ref[600], url[640];
    /* to the cell a viewer shows, where the comment is */
    ogi_xw_source_ref(s->xw, ogi_marks_anchor(s->xw->book, x->source), ref, sizeof ref);
    if (!*ref) {
        keep(s, worksheet_write_blank(s->ws, row, COL_CELL, f->num));
        return;
    }
    snprintf(url, sizeof url, "internal:%s", ref);
    keep(s, worksheet_write_url_opt(s->ws, row, COL_CELL, url, f->link, ref, NULL));
}

static void write_suggested(sheet *s, lxw_row_t row, const ogi_finding *x)
{
    const ogi_xw *xw = s->xw;
    if (!x->has_suggested) {
        keep(s, worksheet_write_blank(s->ws, row, COL_SUG, xw->fmt.num));
        return;
    }
    char pos[400], num[48], text[512];
    ogi_cell_position(xw->tmpl, x->suggested_cell, xw->lang, pos, sizeof pos);
    ogi_format_number(x->suggested_value, num, sizeof num);
    snprintf(text, sizeof text, "%s = %s", pos, num);
    keep(s, worksheet_write_string(s->ws, row, COL_SUG, text, xw->fmt.wrap));
}

static double lines_for(const char *text, lxw_col_t col)
{
    double per_line = col_width[col] - 1.5, w = ogi_text_width(text);
    return w <= per_line ? 1 : (double)(int)((w + per_line - 1) / per_line);
}

/* Viewers do not all grow a row to its wrapped text: the height is set. */
static void fit_row(sheet *s, lxw_row_t row, const ogi_finding *x, const char *pos)
{
    double lines = lines_for(x->message, COL_MSG);
    double more = lines_for(pos, COL_POS);
    lines = more > lines ? more : lines;
    more = lines_for(x->rule, COL_RULE);
    lines = more > lines ? more : lines;
    if (lines > 1)
        keep(s, worksheet_set_row(s->ws, row, LINE_HEIGHT * lines + 2, NULL));
}

static void write_finding(sheet *s, lxw_row_t row, size_t i)
{
    const ogi_xw *xw = s->xw;
    const ogi_formats *f = &xw->fmt;
    const ogi_finding *x = &xw->report->findings[i];
    char table[64], pos[400] = "";
    table_short(xw, x->table, table, sizeof table);
    if (x->ncells)
        ogi_cell_position(xw->tmpl, x->cells[0], xw->lang, pos, sizeof pos);
    keep(s, ogi_write_num(s->ws, row, COL_NO, (double)(i + 1), f->num));
    keep(s, worksheet_write_string(
                s->ws, row, COL_SEV,
                ogi_message((ogi_msg)(OGI_MSG_SEVERITY_ERROR + x->severity), xw->lang),
                f->sev[x->severity]));
    keep(s, worksheet_write_string(s->ws, row, COL_TABLE, table, f->num));
    keep(s, worksheet_write_string(s->ws, row, COL_RULE, x->rule, f->wrap));
    keep(s, worksheet_write_string(s->ws, row, COL_POS, pos, f->wrap));
    write_link(s, row, x);
    keep(s, worksheet_write_string(s->ws, row, COL_MSG, x->message, f->wrap));
    if (x->has_sides) {
        keep(s, ogi_write_num(s->ws, row, COL_EXP, x->expected, f->num));
        keep(s, ogi_write_num(s->ws, row, COL_ACT, x->actual, f->num));
    } else {
        keep(s, worksheet_write_blank(s->ws, row, COL_EXP, f->num));
        keep(s, worksheet_write_blank(s->ws, row, COL_ACT, f->num));
    }
    write_suggested(s, row, x);
    fit_row(s, row, x, pos);
}

static void page_setup(sheet *s, lxw_row_t head, lxw_row_t last)
{
    for (lxw_col_t c = 0; c < NCOLS; c++)
        keep(s, worksheet_set_column(s->ws, c, c, col_width[c], NULL));
    worksheet_freeze_panes(s->ws, head + 1, 0);
    keep(s, worksheet_autofilter(s->ws, head, 0, last, NCOLS - 1));
    keep(s, worksheet_repeat_rows(s->ws, head, head));
    worksheet_set_landscape(s->ws);
    worksheet_set_paper(s->ws, 9); /* A4 */
    worksheet_fit_to_pages(s->ws, 1, 0);
    worksheet_set_margins(s->ws, 0.5, 0.5, 0.6, 0.6);
}

ogi_error ogi_write_summary(ogi_xw *xw)
{
    sheet s = {xw, workbook_add_worksheet(xw->wb, xw->summary_name), LXW_NO_ERROR};
    if (!s.ws)
        return OGI_ERROR_WRITE;
    worksheet_activate(s.ws);
    lxw_row_t head = write_meta(&s);
    for (lxw_col_t c = 0; c < NCOLS; c++)
        keep(&s, worksheet_write_string(s.ws, head, c, msg(&s, col_head[c]), xw->fmt.head));
    const ogi_report *r = xw->report;
    for (size_t i = 0; i < r->nfindings; i++)
        write_finding(&s, head + 1 + (lxw_row_t)i, i);
    if (r->nfindings == 0)
        keep(&s, worksheet_merge_range(s.ws, head + 1, 0, head + 1, NCOLS - 1,
                                       msg(&s, OGI_MSG_XLSX_NONE), xw->fmt.text));
    page_setup(&s, head, head + (r->nfindings ? (lxw_row_t)r->nfindings : 1));
    return s.err == LXW_NO_ERROR ? OGI_OK : OGI_ERROR_WRITE;
}
