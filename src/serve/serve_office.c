/*
 * serve_office.c - the office's pages: where the campaign stands (the
 * roster's agencies: missing, failing, passing, with their tries), every
 * submission with its findings and marked-up workbook, the roll-up
 * workbooks. Until the register of issue 14 is in the box, what was
 * submitted is read from outbox/index.csv, the export every front writes.
 */
#include <dirent.h>
#include <glib.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "ogi_office.h"
#include "serve.h"
#include "serve_text.h"
#include "watch_messages.h"

/* The register of issue 14 (BOX/ogi.sqlite): the office's pages read it,
 * and fall back on outbox/index.csv for a box without one. */
static int overview_from_register(serve_buf *b, const serve_ctx *s, const serve_office_view *v);

#define INDEX_MAX_BYTES (64 * 1024 * 1024)
#define NCOLS 11               /* time + the ten fields of watch_register */
#define LISTED_SUBMISSIONS 500 /* the newest; each agency's latest is in the tables above */

enum {
    C_TIME,
    C_SUBMITTER,
    C_FILE,
    C_VERDICT,
    C_ERRORS,
    C_WARNINGS,
    C_INFOS,
    C_ORIGINAL,
    C_OUTPUTS,
    C_REASON,
    C_SHA
};

typedef struct index_row {
    char *f[NCOLS];
} index_row;

typedef struct index_rows {
    index_row *rows;
    size_t n, cap;
} index_rows;

static void free_rows(index_rows *r)
{
    for (size_t i = 0; i < r->n; i++)
        for (int k = 0; k < NCOLS; k++)
            free(r->rows[i].f[k]);
    free(r->rows);
    *r = (index_rows){0};
}

static char *slurp(const char *path, size_t max, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    serve_buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < max)
        serve_buf_addn(&b, chunk, n);
    fclose(f);
    if (b.failed) {
        serve_buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return b.data;
}

/* The rows of outbox/index.csv, oldest first (the header skipped). */
static void load_rows(const serve_ctx *s, index_rows *out)
{
    *out = (index_rows){0};
    char *path = watch_path(s->w.outbox, "index.csv");
    size_t len = 0;
    char *text = path ? slurp(path, INDEX_MAX_BYTES, &len) : NULL;
    free(path);
    if (!text)
        return;
    const char *p = text, *end = text + len;
    char *fields[NCOLS];
    int n = serve_csv_record(&p, end, fields, NCOLS); /* the header */
    for (int k = 0; k < n; k++)
        free(fields[k]);
    while ((n = serve_csv_record(&p, end, fields, NCOLS)) >= 0) {
        index_row row = {{0}};
        for (int k = 0; k < NCOLS; k++)
            row.f[k] = k < n ? fields[k] : strdup("");
        index_row *rows = n >= 3 ? SERVE_ARRAY_RESERVE(out->rows, &out->cap, out->n + 1) : NULL;
        if (!rows) { /* a blank line, or no memory */
            for (int k = 0; k < NCOLS; k++)
                free(row.f[k]);
            continue;
        }
        out->rows = rows;
        out->rows[out->n++] = row;
    }
    free(text);
}

/* 1 when v is the verdict word ogi watch writes for msg, in either
 * language (the register may have been written by a service run in the
 * other one). */
static int verdict_is(const char *v, watch_msg msg)
{
    return strcmp(v, watch_message(msg, OGI_LANG_ZH)) == 0 ||
           strcmp(v, watch_message(msg, OGI_LANG_EN)) == 0;
}

/* What a row's verdict means for its agency. */
static serve_text_id row_status(const index_row *r)
{
    const char *v = r->f[C_VERDICT];
    if (verdict_is(v, WATCH_MSG_PASS))
        return atoi(r->f[C_WARNINGS]) > 0 ? ST_ST_PASS_WARN : ST_ST_PASS;
    if (verdict_is(v, WATCH_MSG_FAIL))
        return ST_ST_FAIL;
    return ST_ST_REFUSED;
}

static const char *status_class(serve_text_id st)
{
    return st == ST_ST_PASS || st == ST_ST_PASS_WARN ? "pass"
           : st == ST_ST_MISSING                     ? "missing"
           : st == ST_ST_REFUSED                     ? "refused"
                                                     : "fail";
}

/* A path written by ogi into the register, still checked: under the box's
 * outbox, no way up. */
static int safe_rel(const char *rel, const char *prefix)
{
    size_t n = strlen(prefix);
    return strncmp(rel, prefix, n) == 0 && rel[n] == '/' && !strstr(rel, "/../") &&
           !strstr(rel, "/./") && strcmp(rel + strlen(rel) - 3, "/..") != 0;
}

static void cell(serve_buf *b, const char *text)
{
    serve_buf_add(b, "<td>");
    serve_buf_html(b, text);
    serve_buf_add(b, "</td>");
}

static void head(serve_buf *b, const serve_text_id *cols, size_t n, ogi_lang lang, const char *id)
{
    serve_buf_printf(b, "<table id=\"%s\"><thead><tr>", id);
    for (size_t i = 0; i < n; i++)
        serve_buf_printf(b, "<th>%s</th>", serve_text(cols[i], lang));
    serve_buf_add(b, "</tr></thead><tbody>");
}

/* What the register says of one submitter folder. */
typedef struct folder_stats {
    size_t tries;
    size_t last; /* its latest row, 1-based */
} folder_stats;

/* One pass over the register: folder -> stats, and the folders in the
 * order they first submitted (the table of unlisted submitters). */
static GHashTable *by_folder(const index_rows *rows, GPtrArray *order)
{
    GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
    for (size_t i = 0; i < rows->n; i++) {
        const char *folder = rows->rows[i].f[C_SUBMITTER];
        folder_stats *st = g_hash_table_lookup(h, folder);
        if (!st) {
            st = g_new0(folder_stats, 1);
            g_hash_table_insert(h, (gpointer)folder, st);
            g_ptr_array_add(order, (gpointer)folder);
        }
        st->tries++;
        st->last = i + 1;
    }
    return h;
}

static void agency_row(serve_buf *b, const char *agency, const char *group, const char *folder,
                       const index_rows *rows, GHashTable *stats, ogi_lang lang, size_t totals[5])
{
    const folder_stats *fs = g_hash_table_lookup(stats, folder);
    const index_row *last = fs ? &rows->rows[fs->last - 1] : NULL;
    serve_text_id st = last ? row_status(last) : ST_ST_MISSING;
    static const serve_text_id order[5] = {ST_ST_PASS, ST_ST_PASS_WARN, ST_ST_FAIL, ST_ST_REFUSED,
                                           ST_ST_MISSING};
    for (int i = 0; i < 5; i++)
        totals[i] += order[i] == st;
    serve_buf_printf(b, "<tr class=\"agency %s\">", status_class(st));
    cell(b, agency);
    if (group)
        cell(b, group);
    cell(b, folder);
    serve_buf_printf(b, "<td class=\"status %s\">%s</td><td class=\"num\">%zu</td>",
                     status_class(st), serve_text(st, lang), fs ? fs->tries : 0);
    cell(b, last ? last->f[C_TIME] : "");
    if (last)
        serve_buf_printf(b, "<td><a href=\"/office/s/%zu?lang=%s\">%s</a></td>", fs->last,
                         lang == OGI_LANG_EN ? "en" : "zh", serve_text(ST_VIEW, lang));
    else
        serve_buf_add(b, "<td></td>");
    serve_buf_add(b, "</tr>");
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The roll-up workbooks in outbox/, sorted; NULL-terminated, malloc'd. */
static char **rollups(const serve_ctx *s, size_t *n)
{
    *n = 0;
    size_t cap = 0;
    DIR *d = opendir(s->w.outbox);
    char **list = SERVE_ARRAY_RESERVE((char **)NULL, &cap, 1);
    if (list)
        list[0] = NULL;
    struct dirent *de;
    while (d && list && (de = readdir(d))) {
        if (!ogi_summary_file_name(de->d_name))
            continue;
        char **more = SERVE_ARRAY_RESERVE(list, &cap, *n + 2);
        if (!more)
            break;
        list = more;
        if ((list[*n] = strdup(de->d_name)))
            (*n)++;
        list[*n] = NULL;
    }
    if (d)
        closedir(d);
    if (list)
        qsort(list, *n, sizeof *list, by_name);
    return list;
}

/* The submissions table's heading and head, for n submissions; returns the
 * index of the oldest one listed (only the newest LISTED_SUBMISSIONS are). */
static size_t submissions_open(serve_buf *b, size_t n, ogi_lang lang)
{
    serve_buf_printf(b, "<h3>%s</h3>", serve_text(ST_SUBMISSIONS_HEAD, lang));
    static const serve_text_id scols[] = {ST_COL_TIME,    ST_COL_FOLDER, ST_COL_FILE,
                                          ST_COL_VERDICT, ST_COL_COUNTS, ST_COL_LINKS};
    if (n == 0)
        serve_buf_printf(b, "<p>%s</p>", serve_text(ST_NO_SUBMISSIONS, lang));
    else
        head(b, scols, 6, lang, "submissions");
    return n > LISTED_SUBMISSIONS ? n - LISTED_SUBMISSIONS : 0;
}

/* Closes what submissions_open began; says when older ones were left out. */
static void submissions_close(serve_buf *b, size_t n, size_t oldest, ogi_lang lang)
{
    if (n)
        serve_buf_add(b, "</tbody></table>");
    if (oldest) {
        char more[256];
        snprintf(more, sizeof more, serve_text(ST_NEWEST_ONLY, lang), (size_t)LISTED_SUBMISSIONS,
                 n);
        serve_buf_printf(b, "<p class=\"note\">%s</p>", more);
    }
}

static void rollup_list(serve_buf *b, const serve_ctx *s, ogi_lang lang)
{
    serve_buf_printf(b, "<h3>%s</h3>", serve_text(ST_ROLLUP_HEAD, lang));
    size_t nr = 0;
    char **list = rollups(s, &nr);
    if (nr == 0)
        serve_buf_printf(b, "<p>%s</p>", serve_text(ST_NO_ROLLUP, lang));
    else
        serve_buf_add(b, "<ul id=\"rollups\">");
    for (size_t i = 0; i < nr; i++) {
        serve_buf_printf(b, "<li><a href=\"/office/rollup/%zu\">", i + 1);
        serve_buf_html(b, list[i]);
        serve_buf_add(b, "</a></li>");
    }
    if (nr)
        serve_buf_add(b, "</ul>");
    for (size_t i = 0; list && i < nr; i++)
        free(list[i]);
    free(list);
}

/* The head of an office page: title, and the logout form carrying the
 * session's CSRF token (a logout is a POST, so a link elsewhere cannot
 * end the session). */
static void office_page_begin(serve_buf *b, const serve_office_view *v)
{
    ogi_lang lang = v->lang;
    serve_page_begin(b, lang, serve_text(ST_OFFICE_TITLE, lang));
    serve_buf_printf(b, "<h2>%s</h2>", serve_text(ST_OFFICE_TITLE, lang));
    serve_buf_printf(b,
                     "<form method=\"post\" action=\"/office/logout?lang=%s\">"
                     "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
                     "<button type=\"submit\" id=\"logout\">%s</button></form>",
                     lang == OGI_LANG_EN ? "en" : "zh", v->csrf, serve_text(ST_LOGOUT, lang));
}

void serve_office_overview(serve_buf *b, const serve_ctx *s, const serve_office_view *v)
{
    if (overview_from_register(b, s, v) == 0)
        return;
    ogi_lang lang = v->lang;
    const char *l = lang == OGI_LANG_EN ? "en" : "zh";
    index_rows rows;
    load_rows(s, &rows);
    serve_roster roster;
    if (serve_roster_load(s->w.ctx, s->w.box, &roster) != 0)
        roster = (serve_roster){0};
    office_page_begin(b, v);
    size_t totals[5] = {0};
    serve_buf agencies = {0};
    GPtrArray *first_seen = g_ptr_array_new();
    GHashTable *stats = by_folder(&rows, first_seen);
    GHashTable *listed = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < roster.n; i++)
        g_hash_table_add(listed, roster.entries[i].folder);
    static const serve_text_id cols[] = {ST_COL_AGENCY, ST_COL_GROUP, ST_COL_FOLDER, ST_COL_STATUS,
                                         ST_COL_TRIES,  ST_COL_LAST,  ST_COL_LINKS};
    if (roster.n) {
        serve_buf_printf(&agencies, "<h3>%s</h3>", serve_text(ST_ROSTER_HEAD, lang));
        head(&agencies, cols, 7, lang, "roster");
        for (size_t i = 0; i < roster.n; i++)
            agency_row(&agencies, roster.entries[i].agency, roster.entries[i].group,
                       roster.entries[i].folder, &rows, stats, lang, totals);
        serve_buf_add(&agencies, "</tbody></table>");
    } else {
        serve_buf_printf(&agencies, "<p class=\"note\">%s</p>", serve_text(ST_NO_ROSTER, lang));
    }
    static const serve_text_id ucols[] = {ST_COL_AGENCY, ST_COL_FOLDER, ST_COL_STATUS,
                                          ST_COL_TRIES,  ST_COL_LAST,   ST_COL_LINKS};
    int unlisted = 0;
    for (guint i = 0; i < first_seen->len; i++) {
        const char *folder = g_ptr_array_index(first_seen, i);
        if (g_hash_table_contains(listed, folder))
            continue;
        if (!unlisted++) {
            if (roster.n)
                serve_buf_printf(&agencies, "<h3>%s</h3>", serve_text(ST_UNLISTED_HEAD, lang));
            head(&agencies, ucols, 6, lang, "unlisted");
        }
        agency_row(&agencies, folder, NULL, folder, &rows, stats, lang, totals);
    }
    if (unlisted)
        serve_buf_add(&agencies, "</tbody></table>");
    g_hash_table_destroy(listed);
    g_hash_table_destroy(stats);
    g_ptr_array_free(first_seen, TRUE);
    char line[512];
    snprintf(line, sizeof line, serve_text(ST_TOTALS, lang), totals[0], totals[1], totals[2],
             totals[3], totals[4]);
    serve_buf_add(b, "<p id=\"totals\" class=\"note\">");
    serve_buf_html(b, line);
    serve_buf_add(b, "</p>");
    if (agencies.data)
        serve_buf_add(b, agencies.data);
    serve_buf_free(&agencies);

    size_t oldest = submissions_open(b, rows.n, lang);
    for (size_t i = rows.n; i-- > oldest;) {
        const index_row *r = &rows.rows[i];
        serve_buf_printf(b, "<tr class=\"submission %s\">", status_class(row_status(r)));
        cell(b, r->f[C_TIME]);
        cell(b, r->f[C_SUBMITTER]);
        cell(b, r->f[C_FILE]);
        cell(b, r->f[C_VERDICT]);
        serve_buf_printf(b, "<td class=\"num\">");
        serve_buf_html(b, r->f[C_ERRORS]);
        serve_buf_add(b, "/");
        serve_buf_html(b, r->f[C_WARNINGS]);
        serve_buf_add(b, "/");
        serve_buf_html(b, r->f[C_INFOS]);
        serve_buf_printf(b, "</td><td><a href=\"/office/s/%zu?lang=%s\">%s</a>", i + 1, l,
                         serve_text(ST_VIEW, lang));
        if (safe_rel(r->f[C_OUTPUTS], "outbox"))
            serve_buf_printf(b, " · <a href=\"/office/s/%zu/checked.xlsx\">%s</a>", i + 1,
                             serve_text(ST_WORKBOOK, lang));
        serve_buf_add(b, "</td></tr>");
    }
    submissions_close(b, rows.n, oldest, lang);
    serve_buf_printf(b, "<p><small>%s</small></p>", serve_text(ST_SOURCE_NOTE, lang));

    rollup_list(b, s, lang);
    serve_page_end(b, lang, 0);
    serve_roster_free(&roster);
    free_rows(&rows);
}

static void office_findings(serve_buf *b, const serve_ctx *s, const char *outputs, ogi_lang lang)
{
    /* outbox/NAME.checked.xlsx -> outbox/NAME.json */
    size_t n = strlen(outputs), suffix = strlen(".checked.xlsx");
    if (n <= suffix || strcmp(outputs + n - suffix, ".checked.xlsx") != 0)
        return;
    serve_buf rel = {0};
    serve_buf_printf(&rel, "%.*s.json", (int)(n - suffix), outputs);
    char *path = rel.data ? watch_path(s->w.box, rel.data) : NULL;
    serve_buf_free(&rel);
    json_error_t jerr;
    json_t *doc = path ? json_load_file(path, 0, &jerr) : NULL;
    free(path);
    json_t *list = json_object_get(doc, "findings");
    static const serve_text_id cols[] = {ST_COL_SEVERITY, ST_COL_EXPECTED, ST_COL_ACTUAL,
                                         ST_COL_MESSAGE};
    if (json_array_size(list) == 0)
        serve_buf_printf(b, "<p>%s</p>", serve_text(ST_NO_FINDINGS, lang));
    else
        head(b, cols, 4, lang, "findings");
    size_t i;
    json_t *f;
    json_array_foreach(list, i, f)
    {
        const char *sev = json_string_value(json_object_get(f, "severity"));
        sev = sev ? sev : "info";
        serve_text_id st = strcmp(sev, "error") == 0     ? ST_SEV_ERROR
                           : strcmp(sev, "warning") == 0 ? ST_SEV_WARNING
                                                         : ST_SEV_INFO;
        serve_buf_printf(b, "<tr class=\"finding %s\"><td>%s</td><td class=\"num\">", sev,
                         serve_text(st, lang));
        json_t *e = json_object_get(f, "expected"), *a = json_object_get(f, "actual");
        if (json_is_number(e))
            serve_buf_printf(b, "%.10g", json_number_value(e));
        serve_buf_add(b, "</td><td class=\"num\">");
        if (json_is_number(a))
            serve_buf_printf(b, "%.10g", json_number_value(a));
        serve_buf_add(b, "</td>");
        const char *msg = json_string_value(json_object_get(f, "message"));
        cell(b, msg ? msg : "");
        serve_buf_add(b, "</tr>");
    }
    if (json_array_size(list))
        serve_buf_add(b, "</tbody></table>");
    json_decref(doc);
}

int serve_office_submission(serve_buf *b, const serve_ctx *s, const serve_office_view *v,
                            unsigned row)
{
    ogi_lang lang = v->lang;
    index_rows rows;
    load_rows(s, &rows);
    if (row == 0 || row > rows.n) {
        free_rows(&rows);
        return -1;
    }
    const index_row *r = &rows.rows[row - 1];
    serve_page_begin(b, lang, serve_text(ST_SUBMISSION, lang));
    serve_buf_printf(b, "<p><a href=\"/office?lang=%s\">%s</a></p><h2 id=\"submission\">",
                     lang == OGI_LANG_EN ? "en" : "zh", serve_text(ST_BACK, lang));
    serve_buf_html(b, r->f[C_SUBMITTER]);
    serve_buf_add(b, " / ");
    serve_buf_html(b, r->f[C_FILE]);
    serve_buf_printf(b, "</h2><table id=\"details\"><tbody>");
    static const struct {
        serve_text_id label;
        int col;
    } details[] = {{ST_COL_TIME, C_TIME},     {ST_COL_VERDICT, C_VERDICT},
                   {ST_COL_COUNTS, C_ERRORS}, {ST_ORIGINAL, C_ORIGINAL},
                   {ST_REASON, C_REASON},     {ST_COL_FILE, C_SHA}};
    for (size_t i = 0; i < sizeof details / sizeof details[0]; i++) {
        serve_buf_printf(b, "<tr><th>%s</th>",
                         details[i].col == C_SHA ? "SHA-256" : serve_text(details[i].label, lang));
        if (details[i].col == C_ERRORS) {
            serve_buf_add(b, "<td>");
            serve_buf_html(b, r->f[C_ERRORS]);
            serve_buf_add(b, "/");
            serve_buf_html(b, r->f[C_WARNINGS]);
            serve_buf_add(b, "/");
            serve_buf_html(b, r->f[C_INFOS]);
            serve_buf_add(b, "</td>");
        } else {
            cell(b, r->f[details[i].col]);
        }
        serve_buf_add(b, "</tr>");
    }
    serve_buf_add(b, "</tbody></table>");
    if (safe_rel(r->f[C_OUTPUTS], "outbox")) {
        serve_buf_printf(b, "<p><a id=\"download\" href=\"/office/s/%u/checked.xlsx\">%s</a></p>",
                         row, serve_text(ST_DOWNLOAD, lang));
        office_findings(b, s, r->f[C_OUTPUTS], lang);
    }
    serve_page_end(b, lang, 0);
    free_rows(&rows);
    return 0;
}

char *serve_office_row_xlsx(const serve_ctx *s, unsigned row)
{
    index_rows rows;
    load_rows(s, &rows);
    char *rel = NULL;
    if (row >= 1 && row <= rows.n && safe_rel(rows.rows[row - 1].f[C_OUTPUTS], "outbox"))
        rel = strdup(rows.rows[row - 1].f[C_OUTPUTS]);
    free_rows(&rows);
    return rel;
}

char *serve_office_rollup(const serve_ctx *s, unsigned n)
{
    size_t count = 0;
    char **list = rollups(s, &count);
    char *rel = NULL;
    if (list && n >= 1 && n <= count)
        rel = watch_path("outbox", list[n - 1]);
    for (size_t i = 0; list && i < count; i++)
        free(list[i]);
    free(list);
    return rel;
}

/* ---- from the register (issue 14) ---- */

static ogi_register *open_register(const serve_ctx *s)
{
    char *path = watch_path(s->w.box, OGI_REGISTER_FILE);
    struct stat st;
    int there = path && stat(path, &st) == 0;
    free(path);
    ogi_register *reg = NULL;
    /* one connection per request: a register is never shared by threads */
    if (!there || ogi_register_open(s->w.ctx, s->w.box, OGI_REGISTER_READONLY, &reg) != OGI_OK)
        return NULL;
    return reg;
}

static void local_time(int64_t t, char *buf, size_t size)
{
    time_t tt = (time_t)t;
    struct tm tm;
    buf[0] = '\0';
    if (t > 0 && localtime_r(&tt, &tm))
        strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm);
}

static const char *agency_class(ogi_agency_status st)
{
    return st == OGI_AGENCY_PASS || st == OGI_AGENCY_PASS_WARNINGS ? "pass"
           : st == OGI_AGENCY_MISSING                              ? "missing"
                                                                   : "fail";
}

static void registered_agency(serve_buf *b, const ogi_agency *a, int with_group, ogi_lang lang)
{
    char when[32];
    local_time(a->last, when, sizeof when);
    serve_buf_printf(b, "<tr class=\"agency %s\">", agency_class(a->status));
    cell(b, a->name);
    if (with_group)
        cell(b, a->group);
    cell(b, a->folder);
    serve_buf_printf(b, "<td class=\"status %s\">", agency_class(a->status));
    serve_buf_html(b, ogi_agency_status_text(a->status, lang));
    serve_buf_printf(b, "</td><td class=\"num\">%u</td>", a->submissions);
    cell(b, when);
    if (a->latest_id > 0)
        serve_buf_printf(b, "<td><a href=\"/office/sub/%lld?lang=%s\">%s</a></td>",
                         (long long)a->latest_id, lang == OGI_LANG_EN ? "en" : "zh",
                         serve_text(ST_VIEW, lang));
    else
        serve_buf_add(b, "<td></td>");
    serve_buf_add(b, "</tr>");
}

/* A copy of one row of the register. */
typedef struct reg_row {
    int64_t id, time;
    char *submitter, *name, *archived, *outputs, *json, *reason;
    ogi_verdict verdict;
    size_t counts[3];
} reg_row;

typedef struct reg_rows {
    reg_row *rows;
    size_t n, cap;
    int64_t only; /* > 0: keep this id only */
} reg_rows;

static int keep_row(void *data, const ogi_submission *sub)
{
    reg_rows *r = data;
    if (r->only > 0 && sub->id != r->only)
        return 0;
    reg_row *rows = SERVE_ARRAY_RESERVE(r->rows, &r->cap, r->n + 1);
    if (!rows)
        return 1;
    r->rows = rows;
    reg_row *row = &r->rows[r->n++];
    *row = (reg_row){.id = sub->id,
                     .time = sub->time,
                     .submitter = strdup(sub->submitter),
                     .name = strdup(sub->name),
                     .archived = strdup(sub->archived),
                     .outputs = strdup(sub->outputs),
                     .json = strdup(sub->json),
                     .reason = strdup(sub->reason),
                     .verdict = sub->verdict};
    memcpy(row->counts, sub->counts, sizeof row->counts);
    return r->only > 0; /* found: stop */
}

static void free_reg_rows(reg_rows *r)
{
    for (size_t i = 0; i < r->n; i++) {
        reg_row *row = &r->rows[i];
        free(row->submitter);
        free(row->name);
        free(row->archived);
        free(row->outputs);
        free(row->json);
        free(row->reason);
    }
    free(r->rows);
    *r = (reg_rows){0};
}

static const char *verdict_class(ogi_verdict v)
{
    return v == OGI_VERDICT_PASS ? "pass" : v == OGI_VERDICT_FAIL ? "fail" : "refused";
}

static serve_text_id verdict_text(ogi_verdict v)
{
    return v == OGI_VERDICT_PASS   ? ST_VERDICT_PASS
           : v == OGI_VERDICT_FAIL ? ST_VERDICT_FAIL
                                   : ST_VERDICT_REFUSED;
}

/* 0 when the page came from the register. */
static int overview_from_register(serve_buf *b, const serve_ctx *s, const serve_office_view *v)
{
    ogi_register *reg = open_register(s);
    ogi_overview *ov = NULL;
    if (!reg || ogi_overview_build(s->w.ctx, reg, s->w.box, v->year, &ov) != OGI_OK) {
        ogi_register_close(reg);
        return -1;
    }
    ogi_lang lang = v->lang;
    const char *l = lang == OGI_LANG_EN ? "en" : "zh";
    office_page_begin(b, v);
    serve_buf_printf(b,
                     "<form method=\"get\" action=\"/office\"><input type=\"hidden\" name=\"lang\" "
                     "value=\"%s\"><label for=\"year\">%s</label><input type=\"number\" "
                     "id=\"year\" name=\"year\" min=\"1990\" max=\"2200\" value=\"%d\"> "
                     "<button type=\"submit\">%s</button></form>",
                     l, serve_text(ST_YEAR, lang), ov->year, serve_text(ST_SHOW, lang));
    serve_buf_add(b, "<p id=\"totals\" class=\"note\">");
    for (int st = OGI_AGENCY_PASS; st >= OGI_AGENCY_MISSING; st--)
        serve_buf_printf(b, "%s%s %zu", st == OGI_AGENCY_PASS ? "" : serve_text(ST_LIST_SEP, lang),
                         ogi_agency_status_text((ogi_agency_status)st, lang), ov->by_status[st]);
    serve_buf_add(b, "</p>");
    static const serve_text_id cols[] = {ST_COL_AGENCY, ST_COL_GROUP, ST_COL_FOLDER, ST_COL_STATUS,
                                         ST_COL_TRIES,  ST_COL_LAST,  ST_COL_LINKS};
    if (ov->has_roster) {
        serve_buf_printf(b, "<h3>%s</h3>", serve_text(ST_ROSTER_HEAD, lang));
        head(b, cols, 7, lang, "roster");
        for (size_t i = 0; i < ov->nagencies; i++)
            registered_agency(b, &ov->agencies[i], 1, lang);
        serve_buf_add(b, "</tbody></table>");
    } else {
        serve_buf_printf(b, "<p class=\"note\">%s</p>", serve_text(ST_NO_ROSTER, lang));
    }
    if (ov->nunlisted) {
        static const serve_text_id ucols[] = {ST_COL_AGENCY, ST_COL_FOLDER, ST_COL_STATUS,
                                              ST_COL_TRIES,  ST_COL_LAST,   ST_COL_LINKS};
        if (ov->has_roster)
            serve_buf_printf(b, "<h3>%s</h3>", serve_text(ST_UNLISTED_HEAD, lang));
        head(b, ucols, 6, lang, "unlisted");
        for (size_t i = 0; i < ov->nunlisted; i++)
            registered_agency(b, &ov->unlisted[i], 0, lang);
        serve_buf_add(b, "</tbody></table>");
    }
    reg_rows rows = {0};
    ogi_register_each(reg, ov->year, keep_row, &rows);
    size_t oldest = submissions_open(b, rows.n, lang);
    for (size_t i = rows.n; i-- > oldest;) {
        const reg_row *r = &rows.rows[i];
        char when[32];
        local_time(r->time, when, sizeof when);
        serve_buf_printf(b, "<tr class=\"submission %s\">", verdict_class(r->verdict));
        cell(b, when);
        cell(b, r->submitter);
        cell(b, r->name);
        cell(b, serve_text(verdict_text(r->verdict), lang));
        serve_buf_printf(b, "<td class=\"num\">%zu/%zu/%zu</td>", r->counts[0], r->counts[1],
                         r->counts[2]);
        serve_buf_printf(b, "<td><a href=\"/office/sub/%lld?lang=%s\">%s</a>", (long long)r->id, l,
                         serve_text(ST_VIEW, lang));
        if (safe_rel(r->outputs, "outbox"))
            serve_buf_printf(b, " · <a href=\"/office/sub/%lld/checked.xlsx\">%s</a>",
                             (long long)r->id, serve_text(ST_WORKBOOK, lang));
        serve_buf_add(b, "</td></tr>");
    }
    submissions_close(b, rows.n, oldest, lang);
    char note[512];
    snprintf(note, sizeof note, serve_text(ST_REGISTER_NOTE, lang), ov->year);
    serve_buf_add(b, "<p><small>");
    serve_buf_html(b, note);
    serve_buf_add(b, "</small></p>");
    rollup_list(b, s, lang);
    serve_page_end(b, lang, 0);
    free_reg_rows(&rows);
    ogi_overview_free(ov);
    ogi_register_close(reg);
    return 0;
}

static int find_registered(const serve_ctx *s, int64_t id, reg_rows *rows)
{
    *rows = (reg_rows){.only = id};
    ogi_register *reg = open_register(s);
    if (!reg)
        return -1;
    ogi_register_each(reg, 0, keep_row, rows);
    ogi_register_close(reg);
    return rows->n == 1 ? 0 : -1;
}

int serve_office_registered(serve_buf *b, const serve_ctx *s, const serve_office_view *v,
                            int64_t id)
{
    reg_rows rows;
    if (find_registered(s, id, &rows) != 0) {
        free_reg_rows(&rows);
        return -1;
    }
    const reg_row *r = &rows.rows[0];
    ogi_lang lang = v->lang;
    char when[32], counts[80];
    local_time(r->time, when, sizeof when);
    snprintf(counts, sizeof counts, "%zu/%zu/%zu", r->counts[0], r->counts[1], r->counts[2]);
    serve_page_begin(b, lang, serve_text(ST_SUBMISSION, lang));
    serve_buf_printf(b, "<p><a href=\"/office?lang=%s\">%s</a></p><h2 id=\"submission\">",
                     lang == OGI_LANG_EN ? "en" : "zh", serve_text(ST_BACK, lang));
    serve_buf_html(b, r->submitter);
    serve_buf_add(b, " / ");
    serve_buf_html(b, r->name);
    serve_buf_add(b, "</h2><table id=\"details\"><tbody>");
    const struct {
        serve_text_id label;
        const char *value;
    } details[] = {{ST_COL_TIME, when},
                   {ST_COL_VERDICT, serve_text(verdict_text(r->verdict), lang)},
                   {ST_COL_COUNTS, counts},
                   {ST_ORIGINAL, r->archived},
                   {ST_REASON, r->reason}};
    for (size_t i = 0; i < sizeof details / sizeof details[0]; i++) {
        serve_buf_printf(b, "<tr><th>%s</th>", serve_text(details[i].label, lang));
        cell(b, details[i].value);
        serve_buf_add(b, "</tr>");
    }
    serve_buf_add(b, "</tbody></table>");
    if (safe_rel(r->outputs, "outbox")) {
        serve_buf_printf(b,
                         "<p><a id=\"download\" href=\"/office/sub/%lld/checked.xlsx\">%s</a></p>",
                         (long long)r->id, serve_text(ST_DOWNLOAD, lang));
        office_findings(b, s, r->outputs, lang);
    }
    serve_page_end(b, lang, 0);
    free_reg_rows(&rows);
    return 0;
}

char *serve_office_registered_xlsx(const serve_ctx *s, int64_t id)
{
    reg_rows rows;
    char *rel = NULL;
    if (find_registered(s, id, &rows) == 0 && safe_rel(rows.rows[0].outputs, "outbox"))
        rel = strdup(rows.rows[0].outputs);
    free_reg_rows(&rows);
    return rel;
}

void serve_office_login(serve_buf *b, ogi_lang lang, const char *csrf, int wrong)
{
    const char *l = lang == OGI_LANG_EN ? "en" : "zh";
    serve_page_begin(b, lang, serve_text(ST_OFFICE_TITLE, lang));
    serve_buf_printf(b, "<h2>%s</h2><p>%s</p>", serve_text(ST_OFFICE_TITLE, lang),
                     serve_text(ST_LOGIN_INTRO, lang));
    if (wrong)
        serve_buf_printf(b, "<p id=\"error\" class=\"note error\">%s</p>",
                         serve_text(ST_LOGIN_WRONG, lang));
    serve_buf_printf(b,
                     "<form id=\"login\" class=\"upload\" method=\"post\" "
                     "action=\"/office/login?lang=%s\"><input type=\"hidden\" name=\"csrf\" "
                     "value=\"",
                     l);
    serve_buf_html(b, csrf);
    serve_buf_printf(b,
                     "\"><label for=\"token\">%s</label><input type=\"password\" id=\"token\" "
                     "name=\"token\" required autocomplete=\"current-password\">"
                     "<p><button type=\"submit\" id=\"login-submit\">%s</button></p></form>",
                     serve_text(ST_LOGIN_TOKEN, lang), serve_text(ST_LOGIN_SUBMIT, lang));
    serve_page_end(b, lang, 0);
}
