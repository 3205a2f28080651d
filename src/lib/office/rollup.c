/*
 * rollup.c - the roll-up workbook of a report year (docs/campaign.md):
 *
 *   报送情况   one row per agency (roster first, then unlisted): status in
 *              colour, tries, last time, counts, a link to its latest
 *              marked-up workbook; the totals on top as live COUNTIFs; a
 *              chart of agencies by status; autofilter, frozen header, A4
 *   明细       per template: one row per agency (its latest passing
 *              report), one column per statutory cell
 *   汇总-表X   per template: the statutory tables in their layout (the
 *              规范 sheets' writer, write_statutory.c), each figure a live
 *              SUM over its 明细 column, marked by the same rules
 *   问题统计   findings by rule and by table, most frequent first, with a
 *              chart by rule
 *
 * Live formulas carry their values, so a reader that does not compute
 * (openpyxl, a phone) shows the same figures as Excel.
 */
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "atomic.h"
#include "buf.h"
#include "messages.h"
#include "rollup.h"
#include "write_xlsx.h"

#define STATUS_HEAD_ROW 4 /* the agencies' header; totals above it */
#define NCOLS 10
#define TOP_RULES 15 /* bars in the chart of findings by rule */

typedef struct rw {
    const ogi_rollup *r;
    lxw_workbook *wb;
    ogi_lang lang;
    ogi_formats fmt;
    lxw_format *status_fmt[4]; /* by ogi_agency_status */
    lxw_format *count;         /* the totals */
    lxw_format *when;
    lxw_error err;
    char **names; /* sheet names made, freed at the end */
    size_t nnames, names_cap;
} rw;

static const char *msg(const rw *w, ogi_msg m)
{
    return ogi_message(m, w->lang);
}

static void keep(rw *w, lxw_error e)
{
    ogi_keep(&w->err, e);
}

/* A sheet name, kept until the workbook is closed. */
static const char *name_of(rw *w, const char *base, const char *suffix)
{
    char buf[96];
    snprintf(buf, sizeof buf, "%s%s%s", base, suffix[0] ? "-" : "", suffix);
    ogi_error err;
    char **grown = OGI_ARRAY_RESERVE(w->names, &w->names_cap, w->nnames + 1, 0, &err);
    if (!grown)
        return NULL;
    w->names = grown;
    return w->names[w->nnames++] = strdup(buf);
}

static void make_formats(rw *w)
{
    ogi_formats_init(&w->fmt, w->wb, w->lang);
    static const uint32_t fill[4] = {0xD9D9D9, 0xFFC7CE, 0xFFEB9C, 0xC6EFCE};
    static const uint32_t font[4] = {0x404040, 0x9C0006, 0x9C5700, 0x006100};
    for (int s = 0; s < 4; s++) {
        lxw_format *f = workbook_add_format(w->wb);
        format_set_font_name(f, msg(w, OGI_MSG_XLSX_FONT));
        format_set_pattern(f, LXW_PATTERN_SOLID);
        format_set_bg_color(f, fill[s]);
        format_set_font_color(f, font[s]);
        format_set_border(f, LXW_BORDER_THIN);
        format_set_align(f, LXW_ALIGN_CENTER);
        w->status_fmt[s] = f;
    }
    w->count = workbook_add_format(w->wb);
    format_set_bold(w->count);
    format_set_border(w->count, LXW_BORDER_THIN);
    format_set_align(w->count, LXW_ALIGN_CENTER);
    w->when = workbook_add_format(w->wb);
    format_set_border(w->when, LXW_BORDER_THIN);
}

/* ---- 报送情况 ---- */

static void local_time(int64_t t, char *buf, size_t size)
{
    struct tm tm;
    time_t tt = (time_t)t;
    if (t <= 0 || !localtime_r(&tt, &tm) || !strftime(buf, size, "%Y-%m-%d %H:%M", &tm))
        buf[0] = '\0';
}

static void agency_row(rw *w, lxw_worksheet *ws, lxw_row_t row, size_t no, const ogi_agency *a,
                       int unlisted)
{
    const ogi_formats *f = &w->fmt;
    lxw_format *grid = f->cell[OGI_FMT_GRID][OGI_MARK_NONE];
    lxw_format *text = f->cell[OGI_FMT_GRID_TEXT][OGI_MARK_NONE];
    keep(w, worksheet_write_number(ws, row, 0, (double)no, grid));
    keep(w, worksheet_write_string(ws, row, 1, a->name, text));
    keep(w, worksheet_write_string(ws, row, 2,
                                   unlisted ? msg(w, OGI_MSG_STATUS_UNLISTED) : a->group, text));
    keep(w, worksheet_write_string(ws, row, 3, ogi_agency_status_text(a->status, w->lang),
                                   w->status_fmt[a->status]));
    keep(w, worksheet_write_number(ws, row, 4, a->submissions, grid));
    char when[32];
    local_time(a->last, when, sizeof when);
    keep(w, worksheet_write_string(ws, row, 5, when, w->when));
    for (int k = 0; k < 3; k++) {
        if (a->submissions)
            keep(w,
                 worksheet_write_number(ws, row, (lxw_col_t)(6 + k), (double)a->counts[k], grid));
        else
            keep(w, worksheet_write_blank(ws, row, (lxw_col_t)(6 + k), grid));
    }
    const char *out = a->outputs;
    if (strncmp(out, "outbox/", 7) == 0) {
        char url[8192];
        const char *prefix = w->r->link_prefix;
        snprintf(url, sizeof url, "%s%s", prefix[0] ? prefix : "external:", out + 7);
        lxw_error e =
            worksheet_write_url_opt(ws, row, 9, url, f->link, msg(w, OGI_MSG_ROLLUP_OPEN), out);
        if (e != LXW_NO_ERROR) /* a path too long for a link: its text */
            keep(w, worksheet_write_string(ws, row, 9, out, text));
    } else {
        keep(w, worksheet_write_blank(ws, row, 9, text));
    }
}

static void status_chart(rw *w, lxw_worksheet *ws, const char *sheet)
{
    lxw_chart *chart = workbook_add_chart(w->wb, LXW_CHART_COLUMN);
    char cats[256], vals[256];
    snprintf(cats, sizeof cats, "='%s'!$B$2:$E$2", sheet);
    snprintf(vals, sizeof vals, "='%s'!$B$3:$E$3", sheet);
    lxw_chart_series *series = chart_add_series(chart, cats, vals);
    static const uint32_t colors[4] = {0x00B050, 0xFFC000, 0xFF0000, 0xA6A6A6};
    lxw_chart_fill fills[4];
    lxw_chart_point points[4];
    lxw_chart_point *list[5];
    for (int i = 0; i < 4; i++) {
        fills[i] = (lxw_chart_fill){.color = colors[i]};
        points[i] = (lxw_chart_point){.fill = &fills[i]};
        list[i] = &points[i];
    }
    list[4] = NULL;
    chart_series_set_points(series, list);
    chart_title_set_name(chart, msg(w, OGI_MSG_ROLLUP_CHART_STATUS));
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    lxw_chart_options opt = {.x_scale = 1.2, .y_scale = 1.2};
    keep(w, worksheet_insert_chart_opt(ws, 1, NCOLS + 1, chart, &opt));
}

static void write_status(rw *w)
{
    const ogi_overview *ov = w->r->ov;
    const char *sheet = name_of(w, msg(w, OGI_MSG_ROLLUP_SHEET_STATUS), "");
    lxw_worksheet *ws = sheet ? workbook_add_worksheet(w->wb, sheet) : NULL;
    if (!ws) {
        w->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
        return;
    }
    char title[128];
    snprintf(title, sizeof title, msg(w, OGI_MSG_ROLLUP_TITLE), ov->year);
    ogi_xw_merge(ws, 0, 0, 0, NCOLS - 1, title, w->fmt.title, &w->err);
    keep(w, worksheet_set_row(ws, 0, 24, NULL));
    lxw_row_t first = STATUS_HEAD_ROW + 1;
    lxw_row_t roster_last = first + (lxw_row_t)ov->nagencies - 1;
    lxw_row_t last = first + (lxw_row_t)(ov->nagencies + ov->nunlisted) - 1;
    /* the totals, live: over the roster's rows (no roster: every row) */
    lxw_row_t from = first, to = ov->has_roster ? roster_last : last;
    /* row by row: the sheet streams (ogi_rollup_write) */
    static const ogi_agency_status order[4] = {OGI_AGENCY_PASS, OGI_AGENCY_PASS_WARNINGS,
                                               OGI_AGENCY_FAIL, OGI_AGENCY_MISSING};
    keep(w, worksheet_write_string(ws, 1, 0, msg(w, OGI_MSG_ROLLUP_TOTALS), w->fmt.head));
    for (int i = 0; i < 4; i++)
        keep(w, worksheet_write_string(ws, 1, (lxw_col_t)(1 + i),
                                       ogi_agency_status_text(order[i], w->lang),
                                       w->status_fmt[order[i]]));
    keep(w, worksheet_write_string(ws, 1, 5, msg(w, OGI_MSG_STATUS_UNLISTED), w->fmt.head));
    keep(w, worksheet_write_string(ws, 2, 0, msg(w, OGI_MSG_ROLLUP_AGENCIES), w->fmt.head));
    for (int i = 0; i < 4; i++) {
        const char *word = ogi_agency_status_text(order[i], w->lang);
        char formula[256];
        snprintf(formula, sizeof formula, "=COUNTIF(D%u:D%u,\"%s\")", (unsigned)from + 1,
                 (unsigned)(to >= from ? to : from) + 1, word);
        size_t n = 0;
        for (size_t k = 0; k < ov->nagencies; k++)
            n += ov->agencies[k].status == order[i];
        for (size_t k = 0; !ov->has_roster && k < ov->nunlisted; k++)
            n += ov->unlisted[k].status == order[i];
        keep(w,
             worksheet_write_formula_num(ws, 2, (lxw_col_t)(1 + i), formula, w->count, (double)n));
    }
    keep(w, worksheet_write_number(ws, 2, 5, (double)ov->nunlisted, w->count));
    static const ogi_msg heads[NCOLS] = {OGI_MSG_XLSX_NO,        OGI_MSG_ROLLUP_AGENCY,
                                         OGI_MSG_ROLLUP_GROUP,   OGI_MSG_ROLLUP_STATUS,
                                         OGI_MSG_ROLLUP_TRIES,   OGI_MSG_ROLLUP_LAST,
                                         OGI_MSG_SEVERITY_ERROR, OGI_MSG_SEVERITY_WARNING,
                                         OGI_MSG_SEVERITY_INFO,  OGI_MSG_ROLLUP_OUTPUTS};
    static const double widths[NCOLS] = {6, 30, 12, 14, 9, 17, 7, 7, 7, 12};
    for (lxw_col_t c = 0; c < NCOLS; c++) {
        keep(w, worksheet_write_string(ws, STATUS_HEAD_ROW, c, msg(w, heads[c]), w->fmt.head));
        keep(w, worksheet_set_column(ws, c, c, widths[c], NULL));
    }
    size_t no = 0;
    for (size_t k = 0; k < ov->nagencies; k++, no++)
        agency_row(w, ws, first + (lxw_row_t)no, no + 1, &ov->agencies[k], 0);
    for (size_t k = 0; k < ov->nunlisted; k++, no++)
        agency_row(w, ws, first + (lxw_row_t)no, no + 1, &ov->unlisted[k], 1);
    keep(w, worksheet_autofilter(ws, STATUS_HEAD_ROW, 0, last >= first ? last : first, NCOLS - 1));
    worksheet_freeze_panes(ws, STATUS_HEAD_ROW + 1, 2);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, STATUS_HEAD_ROW, STATUS_HEAD_ROW);
    /* printed: the table, on A4 pages as wide as it; the chart is for the
     * screen */
    worksheet_print_area(ws, 0, 0, last >= first ? last : first, NCOLS - 1);
    status_chart(w, ws, sheet);
}

/* ---- 明细 and the statutory tables ---- */

/* The detail sheet: row 0 the position of each cell in words, row 1 its
 * id, then one row per agency, asked for as it is written (the sheet
 * streams to a temporary file: ogi_rollup_write) and added to sums
 * (NaN where no agency has a figure). Returns its name. */
static const char *write_detail(rw *w, const ogi_rollup_part *p, const char *suffix, double *sums,
                                double *row_values, ogi_error *err)
{
    const char *sheet = name_of(w, msg(w, OGI_MSG_ROLLUP_SHEET_DETAIL), suffix);
    lxw_worksheet *ws = sheet ? workbook_add_worksheet(w->wb, sheet) : NULL;
    if (!ws) {
        *err = OGI_ERROR_MEMORY;
        return NULL;
    }
    const ogi_template *t = p->tmpl;
    lxw_format *grid = w->fmt.cell[OGI_FMT_GRID][OGI_MARK_NONE];
    /* a streamed sheet takes its rows' and columns' looks before them */
    keep(w, worksheet_set_column(ws, 0, 0, 30, NULL));
    keep(w, worksheet_set_column(ws, 1, (lxw_col_t)t->ncells, 14, NULL));
    keep(w, worksheet_set_row(ws, 0, 60, w->fmt.head));
    keep(w, worksheet_write_string(ws, 0, 0, msg(w, OGI_MSG_ROLLUP_AGENCY), w->fmt.head));
    for (size_t c = 0; c < t->ncells; c++) {
        char pos[512];
        ogi_cell_position(t, t->cells[c].id, w->lang, pos, sizeof pos);
        keep(w, worksheet_write_string(ws, 0, (lxw_col_t)(c + 1), pos, w->fmt.head));
    }
    keep(w, worksheet_write_string(ws, 1, 0, "id", w->fmt.head));
    for (size_t c = 0; c < t->ncells; c++)
        keep(w, worksheet_write_string(ws, 1, (lxw_col_t)(c + 1), t->cells[c].id, w->fmt.head));
    for (size_t c = 0; c < t->ncells; c++)
        sums[c] = NAN;
    for (size_t i = 0; i < p->n && *err == OGI_OK; i++) {
        if ((*err = p->row(p->data, i, row_values)) != OGI_OK)
            break;
        lxw_row_t row = (lxw_row_t)(i + 2);
        keep(w, worksheet_write_string(ws, row, 0, p->agencies[i]->name,
                                       w->fmt.cell[OGI_FMT_GRID_TEXT][OGI_MARK_NONE]));
        for (size_t c = 0; c < t->ncells; c++) {
            double v = row_values[c];
            if (isnan(v)) {
                keep(w, worksheet_write_blank(ws, row, (lxw_col_t)(c + 1), grid));
            } else {
                keep(w, ogi_write_num(ws, row, (lxw_col_t)(c + 1), v, grid));
                sums[c] = isnan(sums[c]) ? v : sums[c] + v;
            }
        }
    }
    worksheet_freeze_panes(ws, 2, 1);
    worksheet_set_paper(ws, 9);
    worksheet_set_landscape(ws);
    return sheet;
}

/* The statutory tables of a part, each figure =SUM over its detail column. */
static ogi_error write_totals(rw *w, const ogi_rollup_part *p, const ogi_report *report,
                              const char *detail, const char *suffix)
{
    const ogi_template *t = p->tmpl;
    char **formulas = calloc(t->ncells ? t->ncells : 1, sizeof *formulas);
    char **names = calloc(t->ntables ? t->ntables : 1, sizeof *names);
    ogi_book *empty = ogi_book_new(NULL);
    ogi_xw xw = {.wb = w->wb,
                 .report = report,
                 .book = empty,
                 .tmpl = t,
                 .lang = w->lang,
                 .fmt = w->fmt,
                 .statutory_names = names,
                 .cell_formulas = formulas};
    ogi_error err = formulas && names && empty ? OGI_OK : OGI_ERROR_MEMORY;
    for (size_t c = 0; err == OGI_OK && c < t->ncells; c++) {
        char col[16];
        lxw_col_to_name(col, (lxw_col_t)(c + 1), 0);
        char f[256];
        if (p->n)
            snprintf(f, sizeof f, "=SUM('%s'!%s3:%s%zu)", detail, col, col, p->n + 2);
        else
            snprintf(f, sizeof f, "=0");
        if (!(formulas[c] = strdup(f)))
            err = OGI_ERROR_MEMORY;
    }
    for (size_t k = 0; err == OGI_OK && k < t->ntables; k++) {
        /* "表二 主动公开政府信息情况" -> "汇总-表二": sheet names are short */
        const char *title = ogi_table_title(t, t->tables[k].id, w->lang);
        const char *space = strchr(title, ' ');
        int len = space ? (int)(space - title) : (int)strlen(title);
        if (w->lang == OGI_LANG_EN && space && strncmp(title, "Table ", 6) == 0)
            len = (int)strcspn(title + 6, " :") + 6; /* "Table 2" */
        char base[64];
        snprintf(base, sizeof base, "%s%.*s", msg(w, OGI_MSG_ROLLUP_SHEET_TOTAL),
                 len > 24 ? 24 : len, title);
        const char *n = name_of(w, base, suffix);
        if (!n || !(names[k] = strdup(n)))
            err = OGI_ERROR_MEMORY;
    }
    if (err == OGI_OK)
        err = ogi_marks_build(&xw.marks, report, empty);
    if (err == OGI_OK)
        err = ogi_write_statutory(&xw);
    ogi_marks_free(&xw.marks);
    for (size_t c = 0; formulas && c < t->ncells; c++)
        free(formulas[c]);
    for (size_t k = 0; names && k < t->ntables; k++)
        free(names[k]);
    free(formulas);
    free(names);
    ogi_book_free(empty);
    return err;
}

/* ---- 问题统计 ---- */

static void write_findings(rw *w)
{
    const char *sheet = name_of(w, msg(w, OGI_MSG_ROLLUP_SHEET_FINDINGS), "");
    lxw_worksheet *ws = sheet ? workbook_add_worksheet(w->wb, sheet) : NULL;
    if (!ws) {
        w->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
        return;
    }
    const ogi_rollup *r = w->r;
    lxw_format *grid = w->fmt.cell[OGI_FMT_GRID][OGI_MARK_NONE];
    lxw_format *text = w->fmt.cell[OGI_FMT_GRID_TEXT][OGI_MARK_NONE];
    keep(w, worksheet_write_string(ws, 0, 0, msg(w, OGI_MSG_ROLLUP_BY_RULE), w->fmt.head));
    keep(w, worksheet_write_string(ws, 0, 1, msg(w, OGI_MSG_ROLLUP_COUNT), w->fmt.head));
    keep(w, worksheet_write_string(ws, 0, 3, msg(w, OGI_MSG_ROLLUP_BY_TABLE), w->fmt.head));
    keep(w, worksheet_write_string(ws, 0, 4, msg(w, OGI_MSG_ROLLUP_COUNT), w->fmt.head));
    for (size_t i = 0; i < r->nrules; i++) {
        keep(w, worksheet_write_string(ws, (lxw_row_t)(i + 1), 0, r->by_rule[i].what, text));
        keep(w, worksheet_write_number(ws, (lxw_row_t)(i + 1), 1, (double)r->by_rule[i].n, grid));
    }
    const ogi_template *t = r->nparts ? r->parts[0].tmpl : NULL;
    for (size_t i = 0; i < r->ntables; i++) {
        const char *what = r->by_table[i].what;
        const char *shown =
            what[0] && t ? ogi_table_title(t, what, w->lang) : msg(w, OGI_MSG_GENERAL);
        keep(w, worksheet_write_string(ws, (lxw_row_t)(i + 1), 3, shown, text));
        keep(w, worksheet_write_number(ws, (lxw_row_t)(i + 1), 4, (double)r->by_table[i].n, grid));
    }
    keep(w, worksheet_set_column(ws, 0, 0, 30, NULL));
    keep(w, worksheet_set_column(ws, 3, 3, 16, NULL));
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_set_paper(ws, 9);
    if (r->nrules) {
        size_t n = r->nrules < TOP_RULES ? r->nrules : TOP_RULES;
        lxw_chart *chart = workbook_add_chart(w->wb, LXW_CHART_BAR);
        char cats[256], vals[256];
        snprintf(cats, sizeof cats, "='%s'!$A$2:$A$%zu", sheet, n + 1);
        snprintf(vals, sizeof vals, "='%s'!$B$2:$B$%zu", sheet, n + 1);
        chart_add_series(chart, cats, vals);
        chart_title_set_name(chart, msg(w, OGI_MSG_ROLLUP_CHART_RULES));
        chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
        chart_axis_set_reverse(chart->y_axis); /* the most frequent on top */
        lxw_chart_options opt = {.x_scale = 1.4, .y_scale = 1.4};
        keep(w, worksheet_insert_chart_opt(ws, 1, 6, chart, &opt));
    }
}

ogi_error ogi_rollup_write(const ogi_rollup *r, const char *path)
{
    int fd;
    char *tmp = ogi_temp_create(path, &fd);
    if (!tmp)
        return OGI_ERROR_WRITE;
    fchmod(fd, 0644);
    close(fd);
    /* the streamed sheets' temporary files on disk (TMPDIR, else /tmp),
     * not in /dev/shm as a marked-up workbook's: they grow with the
     * agencies and would take memory all the same */
    const char *tmpdir = getenv("TMPDIR");
    lxw_workbook_options opt = {.tmpdir = tmpdir && tmpdir[0] ? (char *)tmpdir : NULL};
    rw w = {.r = r, .lang = r->lang, .wb = workbook_new_opt(tmp, &opt)};
    ogi_error err = w.wb ? OGI_OK : OGI_ERROR_MEMORY;
    if (err == OGI_OK) {
        make_formats(&w);
        /* The sheets with a row per agency stream to a temporary file
         * (libxlsxwriter's constant memory, which a sheet takes when it is
         * added); the statutory tables, written cell by cell in their
         * layout, and the findings stay in memory: their size does not
         * grow with the agencies. */
        w.wb->options.constant_memory = 1;
        write_status(&w);
        for (size_t i = 0; i < r->nparts && w.err == LXW_NO_ERROR && err == OGI_OK; i++) {
            /* two templates in one year: each its own sheets */
            const ogi_rollup_part *p = &r->parts[i];
            const char *suffix = r->nparts > 1 ? p->tmpl->id : "";
            size_t nc = p->tmpl->ncells ? p->tmpl->ncells : 1;
            double *sums = malloc(nc * sizeof *sums), *row = malloc(nc * sizeof *row);
            ogi_report *report = NULL;
            err = sums && row ? OGI_OK : OGI_ERROR_MEMORY;
            w.wb->options.constant_memory = 1;
            const char *detail =
                err == OGI_OK ? write_detail(&w, p, suffix, sums, row, &err) : NULL;
            w.wb->options.constant_memory = 0;
            if (err == OGI_OK && detail)
                err = p->check(p->data, sums, &report);
            if (err == OGI_OK)
                err = write_totals(&w, p, report, detail, suffix);
            ogi_report_free(report);
            free(sums);
            free(row);
        }
        w.wb->options.constant_memory = 0;
        if (err == OGI_OK && w.err == LXW_NO_ERROR)
            write_findings(&w);
        lxw_error closed = workbook_close(w.wb);
        if (err == OGI_OK && (w.err != LXW_NO_ERROR || closed != LXW_NO_ERROR))
            err = OGI_ERROR_WRITE;
    }
    for (size_t i = 0; i < w.nnames; i++)
        free(w.names[i]);
    free(w.names);
    if (err != OGI_OK) {
        unlink(tmp);
        free(tmp);
        return err;
    }
    /* stamped with when its figures were read (ogi_summary_refresh) */
    struct timespec times[2] = {r->as_of, r->as_of};
    if (r->as_of.tv_sec && utimensat(AT_FDCWD, tmp, times, 0) != 0) {
        unlink(tmp);
        free(tmp);
        return OGI_ERROR_WRITE;
    }
    err = ogi_commit_file(tmp, path);
    free(tmp);
    return err;
}
