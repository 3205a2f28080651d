/*
 * write_xlsx.c - the marked-up workbook (spec §9): puts the sheets
 * together in their order and writes the file atomically. libxlsxwriter's
 * workbook_close writes straight to the path it is given, so it is given
 * a temporary name beside the output, which is renamed once complete.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "batch.h"
#include "common.h"
#include "messages.h"
#include "write_xlsx.h"

#define SHEET_NAME_MAX 31 /* characters, Excel's limit */

/* A sheet name Excel accepts: no []:*?/\ or control characters, no
 * leading or trailing quote, at most 31 characters, never empty.
 * malloc'd. */
STATIC char *legal_sheet_name(const char *name, size_t index)
{
    size_t len = strlen(name);
    char *out = malloc(len + 16);
    if (!out)
        return NULL;
    size_t o = 0, chars = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)name[i];
        if ((ch & 0xC0) != 0x80 && ++chars > SHEET_NAME_MAX)
            break;
        /* control characters would make the workbook's XML invalid */
        out[o++] = ch < 0x20 || ch == 0x7F || strchr("[]:*?/\\", ch) ? '_' : (char)ch;
    }
    out[o] = '\0';
    while (o > 0 && out[o - 1] == '\'')
        out[--o] = '\0';
    if (out[0] == '\'')
        out[0] = '_';
    if (o == 0)
        snprintf(out, len + 16, "Sheet%zu", index + 1);
    return out;
}

static int name_taken(char *const *names, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (names[i] && strcasecmp(names[i], name) == 0)
            return 1;
    return 0;
}

/* name, or "name (2)", "name (3)"... shortened so the suffix fits.
 * Takes name; malloc'd. */
STATIC char *unique_name(char *const *names, size_t n, char *name)
{
    if (!name || !name_taken(names, n, name))
        return name;
    for (int k = 2; k < 100000; k++) {
        char suffix[16];
        int sl = snprintf(suffix, sizeof suffix, " (%d)", k);
        size_t chars = 0, cut = 0;
        for (; name[cut]; cut++)
            if ((name[cut] & 0xC0) != 0x80 && ++chars > SHEET_NAME_MAX - (size_t)sl)
                break;
        char *next = malloc(cut + sizeof suffix);
        if (!next)
            break;
        snprintf(next, cut + sizeof suffix, "%.*s%s", (int)cut, name, suffix);
        if (!name_taken(names, n, next)) {
            free(name);
            return next;
        }
        free(next);
    }
    free(name);
    return NULL;
}

/* "规范-表二": the prefix and the first word of the table's title. */
static char *statutory_name(const ogi_template *t, size_t table, ogi_lang lang)
{
    const char *title = t->tables[table].display[lang == OGI_LANG_EN];
    const char *stop = strpbrk(title, ogi_message(OGI_MSG_TITLE_SHORT_END, lang));
    int n = stop ? (int)(stop - title) : (int)strlen(title);
    const char *prefix = ogi_message(OGI_MSG_SHEET_STATUTORY, lang);
    size_t size = strlen(prefix) + (size_t)n + 1;
    char *joined = malloc(size);
    if (joined)
        snprintf(joined, size, "%s%.*s", prefix, n, title);
    char *legal = joined ? legal_sheet_name(joined, table) : NULL;
    free(joined);
    return legal;
}

/* The submitter's names stay; ours give way when a submitter's sheet is
 * already called so. All names are decided before any sheet is added. */
static ogi_error decide_names(ogi_xw *xw)
{
    size_t ns = xw->book->nsheets, nt = xw->tmpl->ntables, n = 0;
    char **all = calloc(ns + nt + 1, sizeof *all);
    xw->sheet_names = calloc(ns ? ns : 1, sizeof *xw->sheet_names);
    xw->statutory_names = calloc(nt ? nt : 1, sizeof *xw->statutory_names);
    if (!all || !xw->sheet_names || !xw->statutory_names) {
        free(all);
        return OGI_ERROR_MEMORY;
    }
    ogi_error err = OGI_OK;
    for (size_t i = 0; i < ns && err == OGI_OK; i++) {
        char *name = unique_name(all, n, legal_sheet_name(xw->book->sheets[i].name, i));
        xw->sheet_names[i] = all[n++] = name;
        err = name ? OGI_OK : OGI_ERROR_MEMORY;
    }
    if (err == OGI_OK) {
        char *name = unique_name(all, n, strdup(ogi_message(OGI_MSG_SHEET_SUMMARY, xw->lang)));
        xw->summary_name = all[n++] = name;
        err = name ? OGI_OK : OGI_ERROR_MEMORY;
    }
    for (size_t t = 0; t < nt && err == OGI_OK; t++) {
        char *name = unique_name(all, n, statutory_name(xw->tmpl, t, xw->lang));
        xw->statutory_names[t] = all[n++] = name;
        err = name ? OGI_OK : OGI_ERROR_MEMORY;
    }
    free(all); /* the names belong to xw */
    return err;
}

static void free_names(ogi_xw *xw)
{
    for (size_t i = 0; xw->sheet_names && i < xw->book->nsheets; i++)
        free(xw->sheet_names[i]);
    free(xw->sheet_names);
    free(xw->summary_name);
    for (size_t t = 0; xw->statutory_names && t < xw->tmpl->ntables; t++)
        free(xw->statutory_names[t]);
    free(xw->statutory_names);
}

static void now_iso(char *buf, size_t size)
{
    time_t t = time(NULL);
    struct tm tm;
    if (!localtime_r(&t, &tm) || strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm) == 0)
        snprintf(buf, size, "?");
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void set_properties(ogi_xw *xw)
{
    char title[512], comments[1024];
    const ogi_report *r = xw->report;
    snprintf(title, sizeof title, "%s%s%s", ogi_message(OGI_MSG_PROP_TITLE, xw->lang),
             r->agency ? r->agency : "", r->agency ? "" : xw->source_name);
    snprintf(comments, sizeof comments, "%s %s, SHA-256 %s",
             ogi_message(OGI_MSG_PROP_SOURCE, xw->lang), xw->source_name, r->sha256);
    ogi_xml_safe(title); /* the agency's and the file's names are the submitter's */
    ogi_xml_safe(comments);
    /* libxlsxwriter's fields are char * but only read (copied into the
     * workbook), so the library's constant messages are given as they are */
    lxw_doc_properties props = {
        .title = title,
        .subject = (char *)ogi_message(OGI_MSG_PROP_SUBJECT, xw->lang),
        .author = "ogi " OGI_VERSION,
        .company = "",
        .category = (char *)ogi_message(OGI_MSG_PROP_CATEGORY, xw->lang),
        .keywords = (char *)ogi_message(OGI_MSG_PROP_KEYWORDS, xw->lang),
        .comments = comments,
        .status = (char *)ogi_message(r->status == OGI_STATUS_PASS ? OGI_MSG_PASS : OGI_MSG_FAIL,
                                      xw->lang),
    };
    workbook_set_properties(xw->wb, &props);
}

/* libxlsxwriter keeps a temporary file per sheet; /dev/shm is memory. */
lxw_workbook *ogi_xw_open_workbook(const char *tmp)
{
    static char shm[] = "/dev/shm";
    lxw_workbook_options o = {0, NULL, 0};
    struct stat st;
    if (stat(shm, &st) == 0 && S_ISDIR(st.st_mode) && access(shm, W_OK | X_OK) == 0)
        o.tmpdir = shm;
    return workbook_new_opt(tmp, &o);
}

static ogi_error write_sheets(ogi_xw *xw)
{
    ogi_error err = decide_names(xw);
    if (err == OGI_OK)
        err = ogi_marks_build(&xw->marks, xw->report, xw->book);
    if (err != OGI_OK)
        return err;
    ogi_formats_init(&xw->fmt, xw->wb, xw->lang);
    set_properties(xw);
    err = ogi_write_summary(xw);
    if (err == OGI_OK)
        err = ogi_write_source_sheets(xw);
    if (err == OGI_OK)
        err = ogi_write_statutory(xw);
    return err;
}

ogi_error ogi_write_xlsx(const ogi_report *report, const ogi_book *book, const char *path,
                         const ogi_write_options *opts)
{
    return ogi_write_xlsx_batch(report, book, path, opts, NULL);
}

ogi_error ogi_write_xlsx_batch(const ogi_report *report, const ogi_book *book, const char *path,
                               const ogi_write_options *opts, ogi_batch *batch)
{
    if (!report || !book || !path)
        return OGI_ERROR_WRITE;
    if (!report->tmpl)
        return report->error != OGI_OK ? report->error : OGI_ERROR_NO_TABLES;
    if (report->file && ogi_same_file(report->file, path))
        return OGI_ERROR_SAME_FILE;
    char when[32];
    if (!opts || !opts->check_time)
        now_iso(when, sizeof when);
    int fd;
    char *tmp = ogi_temp_create(path, &fd);
    if (!tmp)
        return OGI_ERROR_WRITE;
    fchmod(fd, 0644);
    close(fd);
    ogi_xw xw = {
        .report = report,
        .book = book,
        .tmpl = report->tmpl,
        .lang = opts ? opts->lang : report->lang,
        .source_name = base_name(report->file ? report->file : ""),
        .check_time = opts && opts->check_time ? opts->check_time : when,
    };
    xw.wb = ogi_xw_open_workbook(tmp);
    ogi_error err = xw.wb ? write_sheets(&xw) : OGI_ERROR_MEMORY;
    if (xw.wb && workbook_close(xw.wb) != LXW_NO_ERROR && err == OGI_OK)
        err = OGI_ERROR_WRITE;
    ogi_marks_free(&xw.marks);
    free_names(&xw);
    if (err != OGI_OK) {
        unlink(tmp);
        free(tmp);
        return err;
    }
    if (batch)
        return ogi_batch_add(batch, tmp, path); /* takes tmp */
    err = ogi_commit_file(tmp, path);
    free(tmp);
    return err;
}
