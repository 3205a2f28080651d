/*
 * previous.c - last year's report of the same agency, found without being
 * asked for: in the register (what the box received last year, or the
 * folder BOX/previous/ registered at the service's start), or in a folder
 * of last year's reports read once (ogi check --previous-dir). With it the
 * year.* rules run, and their findings name the file compared with.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "context.h"
#include "findings.h"
#include "messages.h"
#include "meta.h"
#include "office.h"
#include "roster.h"

#define MAX_DEPTH 8 /* folders below the one given */

typedef struct previous_entry {
    char *rel; /* under the folder */
    char *key; /* ogi_agency_key of the agency read */
    char *agency;
    char *sha256;
    char *template_id;
    int year;
    ogi_verdict verdict;
    size_t counts[3];
} previous_entry;

struct ogi_previous {
    const ogi_context *ctx; /* the scan's, to read the files again */
    char *dir;
    previous_entry *entries;
    size_t n, cap;
};

static int is_workbook_name(const char *name)
{
    /* dot files, editors' lock files and the reasons beside refused files */
    if (name[0] == '.' || strncmp(name, "~$", 2) == 0)
        return 0;
    size_t n = strlen(name);
    return !(n > 4 && strcmp(name + n - 4, ".txt") == 0);
}

static ogi_error add_file(ogi_previous *p, const ogi_context *ctx, const char *path,
                          const char *rel)
{
    ogi_book *book = NULL;
    ogi_report *r = NULL;
    if (ogi_book_open(ctx, path, &book) != OGI_OK)
        return OGI_OK; /* not a workbook ogi can read: not last year's report */
    ogi_check_options co = {OGI_LANG_ZH, NULL, 0};
    ogi_error err = ogi_check(ctx, book, rel, &co, &r);
    if (err == OGI_OK && r->status != OGI_STATUS_NO_TABLES && r->agency && r->year) {
        previous_entry *grown = OGI_ARRAY_RESERVE(p->entries, &p->cap, p->n + 1, 0, &err);
        if (grown)
            p->entries = grown;
        if (err == OGI_OK) {
            char key[1024];
            ogi_agency_key(ctx, r->agency, key, sizeof key);
            previous_entry *e = &p->entries[p->n];
            memset(e, 0, sizeof *e);
            e->rel = strdup(rel);
            e->key = strdup(key);
            e->agency = strdup(r->agency);
            e->sha256 = strdup(book->sha256);
            e->template_id = strdup(r->template_id ? r->template_id : "");
            e->year = r->year;
            e->verdict = r->status == OGI_STATUS_PASS ? OGI_VERDICT_PASS : OGI_VERDICT_FAIL;
            memcpy(e->counts, r->counts, sizeof e->counts);
            p->n++;
            if (!e->rel || !e->key || !e->agency || !e->sha256 || !e->template_id)
                err = OGI_ERROR_MEMORY;
        }
    }
    ogi_report_free(r);
    ogi_book_free(book);
    return err == OGI_ERROR_MEMORY ? err : OGI_OK;
}

static ogi_error walk(ogi_previous *p, const ogi_context *ctx, const char *dir, const char *rel,
                      int depth)
{
    ogi_error err = OGI_OK;
    /* sorted, so that the index (and which of two same reports wins) does
     * not depend on the order the filesystem lists them in */
    struct dirent **names = NULL;
    int n = scandir(dir, &names, NULL, alphasort);
    if (n < 0)
        return depth == 0 ? OGI_ERROR_NOT_FOUND : OGI_OK;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        if (err == OGI_OK && is_workbook_name(name)) {
            size_t plen = strlen(dir) + strlen(name) + 2, rlen = strlen(rel) + strlen(name) + 2;
            char *path = malloc(plen), *sub = malloc(rlen);
            struct stat st;
            if (!path || !sub) {
                err = OGI_ERROR_MEMORY;
            } else {
                snprintf(path, plen, "%s/%s", dir, name);
                snprintf(sub, rlen, "%s%s%s", rel, rel[0] ? "/" : "", name);
                int there = lstat(path, &st) == 0;
                if (there && S_ISDIR(st.st_mode) && depth < MAX_DEPTH)
                    err = walk(p, ctx, path, sub, depth + 1);
                else if (there && S_ISREG(st.st_mode))
                    err = add_file(p, ctx, path, sub);
            }
            free(path);
            free(sub);
        }
        free(names[i]);
    }
    free(names);
    return err;
}

ogi_error ogi_previous_scan(const ogi_context *ctx, const char *dir, ogi_previous **out)
{
    *out = NULL;
    ogi_previous *p = calloc(1, sizeof *p);
    if (!p || !(p->dir = strdup(dir))) {
        free(p);
        return OGI_ERROR_MEMORY;
    }
    p->ctx = ctx;
    ogi_error err = walk(p, ctx, dir, "", 0);
    if (err != OGI_OK) {
        ogi_previous_free(p);
        return err;
    }
    *out = p;
    return OGI_OK;
}

void ogi_previous_free(ogi_previous *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++) {
        free(p->entries[i].rel);
        free(p->entries[i].key);
        free(p->entries[i].agency);
        free(p->entries[i].sha256);
        free(p->entries[i].template_id);
    }
    free(p->entries);
    free(p->dir);
    free(p);
}

size_t ogi_previous_count(const ogi_previous *p)
{
    return p ? p->n : 0;
}

/* The report of agency (its key) for year: a passing one first, then the
 * last in name order. */
static const previous_entry *find(const ogi_previous *p, const char *key, int year)
{
    const previous_entry *best = NULL;
    for (size_t i = 0; p && key[0] && i < p->n; i++) {
        const previous_entry *e = &p->entries[i];
        if (e->year == year && strcmp(e->key, key) == 0 &&
            (!best || e->verdict == OGI_VERDICT_PASS || best->verdict != OGI_VERDICT_PASS))
            best = e;
    }
    return best;
}

/* The report of a file of p checked again, to register its figures and
 * findings with it: read once more rather than every report kept from
 * the scan, so that a folder of 300 reports costs one at a time. NULL
 * when it is gone or no longer reads (registered without figures). */
static ogi_report *report_of(const ogi_context *ctx, const ogi_previous *p, const previous_entry *e)
{
    size_t n = strlen(p->dir) + strlen(e->rel) + 2;
    char *path = malloc(n);
    ogi_book *book = NULL;
    ogi_report *r = NULL;
    if (path) {
        snprintf(path, n, "%s/%s", p->dir, e->rel);
        if (ogi_book_open(ctx, path, &book) == OGI_OK &&
            strcmp(book->sha256, e->sha256) == 0) { /* the file scanned */
            ogi_check_options co = {OGI_LANG_ZH, NULL, 0};
            if (ogi_check(ctx, book, e->rel, &co, &r) != OGI_OK)
                r = NULL;
        }
    }
    ogi_book_free(book);
    free(path);
    return r;
}

ogi_error ogi_previous_register(const ogi_previous *p, ogi_register *reg, const char *prefix,
                                size_t *added)
{
    *added = 0;
    for (size_t i = 0; i < p->n; i++) {
        const previous_entry *e = &p->entries[i];
        size_t n = strlen(prefix) + strlen(e->rel) + 2;
        char *archived = malloc(n);
        if (!archived)
            return OGI_ERROR_MEMORY;
        snprintf(archived, n, "%s/%s", prefix, e->rel);
        int64_t have = 0;
        ogi_error err = ogi_register_count(reg, archived, e->sha256, &have);
        ogi_submission sub = {.submitter = "",
                              .name = archived,
                              .archived = archived,
                              .sha256 = e->sha256,
                              .format = "",
                              .agency = e->agency,
                              .year = e->year,
                              .template_id = e->template_id,
                              .verdict = e->verdict,
                              .outputs = "",
                              .json = "",
                              .reason = ""};
        const char *dot = strrchr(e->rel, '.');
        sub.format = dot && !strchr(dot, '/') ? dot + 1 : "";
        memcpy(sub.counts, e->counts, sizeof sub.counts);
        if (err == OGI_OK && !have) {
            /* with its figures and findings, as a submission has them:
             * the roll-up and the year.* rules use them fully */
            ogi_report *r = report_of(p->ctx, p, e);
            err = ogi_register_add(reg, &sub, r, NULL);
            ogi_report_free(r);
            *added += err == OGI_OK;
        }
        free(archived);
        if (err != OGI_OK)
            return err;
    }
    return OGI_OK;
}

/* Last year's report of an agency renamed since: see find_renamed. */
typedef struct renamed {
    const ogi_context *ctx;
    const ogi_roster *roster;
    const ogi_roster_entry *entry; /* the file's roster row, or NULL */
    const char *submitter;         /* the file's folder, "" */
    int found_pass;
    char *buf;
    size_t size;
    char folder_agency[1024]; /* the agency the folder held last year */
    int shared;               /* it held several: no guess */
} renamed;

static int take_renamed(void *data, const ogi_submission *sub)
{
    renamed *r = data;
    if (sub->verdict == OGI_VERDICT_REFUSED)
        return 0;
    int same;
    if (r->entry) {
        char key[1024];
        ogi_agency_key(r->ctx, sub->submitter, key, sizeof key);
        same = ogi_roster_match(r->roster, sub->agency_key, key) == r->entry;
    } else {
        same = r->submitter[0] && strcmp(sub->submitter, r->submitter) == 0;
        /* a folder several agencies shared last year says nothing */
        if (same && !r->folder_agency[0])
            snprintf(r->folder_agency, sizeof r->folder_agency, "%s", sub->agency_key);
        else if (same && strcmp(r->folder_agency, sub->agency_key) != 0)
            r->shared = 1;
    }
    /* oldest first: the latest passing one, else the latest checked */
    if (same && (sub->verdict == OGI_VERDICT_PASS || !r->found_pass)) {
        snprintf(r->buf, r->size, "%s", sub->archived);
        r->found_pass = sub->verdict == OGI_VERDICT_PASS;
    }
    return 0;
}

static int any_submission(void *data, const ogi_submission *sub)
{
    (void)sub;
    *(int *)data = 1;
    return 1; /* one is enough */
}

/* When last year's report is not found under this year's name: the
 * agency may have been renamed (市科技局 -> 市科学技术局). What a clerk
 * goes by then is the roster's row, which the file matches by its name or
 * its folder (文件夹), and which last year's report matched by its own
 * name or folder; without a roster row, the same submitter folder, when
 * it held one agency's reports last year. Never a guess across agencies:
 * another agency's figures would give false findings. buf gets the
 * archived path, "" when none. */
static ogi_error find_renamed(const ogi_context *ctx, const ogi_auto_previous *from,
                              const char *key, int year, char *buf, size_t size)
{
    buf[0] = '\0';
    const char *submitter = from->submitter ? from->submitter : "";
    /* the first year with ogi: nothing to bridge to, no roster to read */
    int any = 0;
    ogi_error err = ogi_register_each(from->reg, year, any_submission, &any);
    if (err != OGI_OK || !any)
        return err;
    ogi_arena arena;
    ogi_arena_init(&arena);
    ogi_roster roster;
    err = ogi_roster_load(ctx, from->box, &arena, &roster);
    if (err == OGI_ERROR_ROSTER) { /* a roster ogi status refuses: folders only */
        memset(&roster, 0, sizeof roster);
        err = OGI_OK;
    }
    char submitter_key[1024];
    ogi_agency_key(ctx, submitter, submitter_key, sizeof submitter_key);
    renamed r = {ctx, &roster, NULL, submitter, 0, buf, size, "", 0};
    if (err == OGI_OK && roster.n)
        r.entry = ogi_roster_match(&roster, key, submitter_key);
    if (err == OGI_OK && (r.entry || submitter[0]))
        err = ogi_register_each(from->reg, year, take_renamed, &r);
    if (r.shared)
        buf[0] = '\0';
    ogi_arena_release(&arena);
    return err;
}

/* Findings of the year.* rules say which report they compared with. */
static void name_previous(ogi_report *r, const char *shown, ogi_lang lang)
{
    for (size_t i = 0; i < r->nfindings; i++) {
        ogi_finding *f = &r->findings[i];
        if (strncmp(f->rule, "year.", 5) != 0 || strcmp(f->rule, "year.previous_mismatch") == 0)
            continue;
        const char *named = ogi_arena_printf(
            ogi_report_arena(r), ogi_message(OGI_MSG_PREVIOUS_FILE, lang), f->message, shown);
        if (named)
            f->message = named;
    }
}

ogi_error ogi_check_auto_previous(const ogi_context *ctx, const ogi_book *book, const char *file,
                                  const ogi_auto_previous *from, ogi_lang lang, ogi_report **out)
{
    *out = NULL;
    ogi_arena scratch;
    ogi_arena_init(&scratch);
    const char *agency = NULL;
    int year = 0;
    /* the agency and year the check will read, read first to pick the
     * report to compare with */
    ogi_meta_find(book, &ctx->t2s, &scratch, &agency, &year);
    char key[1024], rel[4096] = "", path[8192] = "";
    ogi_agency_key(ctx, agency ? agency : "", key, sizeof key);
    ogi_error err = OGI_OK;
    int renamed_found = 0;
    if (from && key[0] && year > 1) {
        if (from->reg && from->box) {
            err = ogi_register_find_report(from->reg, agency, year - 1, rel, sizeof rel);
            if (err == OGI_OK && !rel[0]) {
                err = find_renamed(ctx, from, key, year - 1, rel, sizeof rel);
                renamed_found = rel[0] != '\0';
            }
            if (rel[0])
                snprintf(path, sizeof path, "%s/%s", from->box, rel);
        }
        const previous_entry *e = path[0] ? NULL : find(from->dir, key, year - 1);
        if (e) {
            snprintf(path, sizeof path, "%s/%s", from->dir->dir, e->rel);
            /* rel only names the file in findings: a longer path is cut
             * (said outright: snprintf's %s here fails -O0's
             * -Wformat-truncation, and make CFLAGS=-O0 must build) */
            size_t n = strlen(path) < sizeof rel ? strlen(path) : sizeof rel - 1;
            memcpy(rel, path, n);
            rel[n] = '\0';
        }
    }
    ogi_book *prev = NULL;
    if (err == OGI_OK && path[0] && ogi_book_open(ctx, path, &prev) != OGI_OK)
        prev = NULL; /* gone or unreadable: checked without it, as before */
    if (err == OGI_OK) {
        ogi_check_options co = {lang, prev, renamed_found};
        err = ogi_check(ctx, book, file, &co, out);
    }
    if (err == OGI_OK && prev)
        name_previous(*out, rel, lang);
    ogi_book_free(prev);
    ogi_arena_release(&scratch);
    return err;
}
