/*
 * summary.c - what the roll-up workbook holds (rollup.c writes it): the
 * overview of the year, and per template the figures of each agency's
 * latest passing report from the register, their sums checked by the
 * template's own rules, and the findings counted by rule and by table.
 */
#include <glib.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "buf.h"
#include "context.h"
#include "findings.h"
#include "hybrid.h"
#include "messages.h"
#include "office.h"
#include "rollup.h"
#include "rules.h"

typedef struct part_build {
    ogi_rollup_part part;
    const ogi_agency **agencies;
    size_t cap;
    GHashTable *cell_index; /* id -> index + 1 */
    ogi_register *reg;
    double *values; /* the row being filled (the writer's) */
    int year;
    ogi_lang lang;
} part_build;

typedef struct counts_build {
    ogi_rollup_count *v[2]; /* by rule, by table */
    size_t n[2];
    size_t cap[2];
    int failed;
} counts_build;

static const ogi_template *template_by_id(const ogi_context *ctx, const char *id)
{
    for (size_t i = 0; i < ctx->ntemplates; i++)
        if (strcmp(ctx->templates[i]->id, id) == 0)
            return ctx->templates[i];
    for (size_t i = 0; i < ctx->nhybrids; i++)
        if (strcmp(ctx->hybrids[i].tmpl->id, id) == 0)
            return ctx->hybrids[i].tmpl;
    return NULL;
}

/* The part of template t, added when it is the first of its template; NULL
 * when out of memory. An added part moves the others. */
static part_build *part_for(part_build **parts, size_t *nparts, size_t *cap, const ogi_template *t)
{
    for (size_t i = 0; i < *nparts; i++)
        if ((*parts)[i].part.tmpl == t)
            return &(*parts)[i];
    ogi_error err;
    part_build *grown = OGI_ARRAY_RESERVE(*parts, cap, *nparts + 1, 0, &err);
    if (!grown)
        return NULL;
    *parts = grown;
    part_build *p = &grown[(*nparts)++];
    memset(p, 0, sizeof *p);
    p->part.tmpl = t;
    p->cell_index = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t c = 0; c < t->ncells; c++)
        g_hash_table_insert(p->cell_index, (gpointer)t->cells[c].id, GSIZE_TO_POINTER(c + 1));
    return p;
}

static int add_agency(part_build *p, const ogi_agency *a)
{
    ogi_error err;
    const ogi_agency **ag = OGI_ARRAY_RESERVE(p->agencies, &p->cap, p->part.n + 1, 0, &err);
    if (!ag)
        return -1;
    p->agencies = ag;
    p->agencies[p->part.n++] = a;
    return 0;
}

static int take_value(void *data, const char *cell, int is_null, double value)
{
    part_build *p = data;
    size_t at = GPOINTER_TO_SIZE(g_hash_table_lookup(p->cell_index, cell));
    if (at && !is_null)
        p->values[at - 1] = value;
    return 0;
}

/* One agency's row of the detail sheet, read from the register as the
 * writer reaches it. */
static ogi_error part_row(void *data, size_t i, double *values)
{
    part_build *p = data;
    for (size_t c = 0; c < p->part.tmpl->ncells; c++)
        values[c] = NAN;
    p->values = values;
    ogi_error err = ogi_register_values(p->reg, p->agencies[i]->passing_id, take_value, p);
    p->values = NULL;
    return err;
}

/* The sums as a report of the template, checked by its rules: a roll-up
 * whose sums do not hold shows where, like any report. */
static ogi_error check_sums(void *data, const double *sums, ogi_report **out)
{
    part_build *p = data;
    const ogi_template *t = p->part.tmpl;
    ogi_report *r = ogi_report_new("", p->lang);
    if (!r)
        return OGI_ERROR_MEMORY;
    ogi_arena *arena = ogi_report_arena(r);
    r->tmpl = t;
    r->template_id = t->id;
    r->year = p->year;
    r->values = ogi_arena_alloc(arena, (t->ncells ? t->ncells : 1) * sizeof *r->values);
    r->nvalues = t->ncells;
    ogi_findings f = {NULL, 0, 0, arena, p->lang};
    int ok = r->values != NULL;
    for (size_t c = 0; ok && c < t->ncells; c++) {
        ogi_value *v = &r->values[c];
        v->id = t->cells[c].id;
        v->found = 1;
        v->raw = "";
        v->source.sheet = -1;
        v->is_null = isnan(sums[c]);
        v->value = v->is_null ? 0 : sums[c];
    }
    ogi_rule_inputs in = {r->values, NULL, 0};
    ok = ok && ogi_rules_apply(t, &in, &f);
    if (ok && (r->findings = ogi_arena_alloc(arena, (f.n + 1) * sizeof *r->findings))) {
        if (f.n)
            memcpy(r->findings, f.v, f.n * sizeof *r->findings);
        r->nfindings = f.n;
        for (size_t i = 0; i < f.n; i++)
            r->counts[r->findings[i].severity]++;
        r->status = r->counts[OGI_SEVERITY_ERROR] ? OGI_STATUS_FAIL : OGI_STATUS_PASS;
    } else {
        ok = 0;
    }
    ogi_findings_release(&f);
    if (!ok) {
        ogi_report_free(r);
        return OGI_ERROR_MEMORY;
    }
    *out = r;
    return OGI_OK;
}

static int take_count(void *data, const char *what, int is_table, int64_t count)
{
    counts_build *c = data;
    int k = is_table != 0;
    ogi_error err;
    ogi_rollup_count *v = OGI_ARRAY_RESERVE(c->v[k], &c->cap[k], c->n[k] + 1, 0, &err);
    if (!v) {
        c->failed = 1;
        return 1;
    }
    c->v[k] = v;
    char *copy = strdup(what);
    if (!copy) {
        c->failed = 1;
        return 1;
    }
    c->v[k][c->n[k]++] = (ogi_rollup_count){copy, count};
    return 0;
}

/* BOX/outbox/汇总-YEAR.xlsx (summary-YEAR.xlsx in English): where a
 * year's roll-up goes when no path is given. */
static void default_path(char *path, size_t size, const char *box, ogi_lang lang, int year)
{
    snprintf(path, size, "%s/outbox/%s-%d.xlsx", box, ogi_message(OGI_MSG_ROLLUP_FILE, lang), year);
}

int ogi_summary_file_name(const char *name)
{
    static const char ext[] = ".xlsx";
    size_t n = strlen(name), n_ext = sizeof ext - 1;
    if (n <= n_ext || strcmp(name + n - n_ext, ext) != 0)
        return 0;
    for (int en = 0; en < 2; en++) {
        const char *base = ogi_message(OGI_MSG_ROLLUP_FILE, en ? OGI_LANG_EN : OGI_LANG_ZH);
        size_t nb = strlen(base);
        if (n >= nb + n_ext && strncmp(name, base, nb) == 0)
            return 1;
    }
    return 0;
}

/* Links from the roll-up to the marked-up workbooks: relative when the
 * roll-up is in outbox/ itself (the folder can move, shares differ),
 * else file:// URLs of the absolute paths. */
static char *link_prefix(const char *box, const char *path)
{
    size_t n = strlen(box) + sizeof "/outbox";
    char *outbox = malloc(n), *dir = g_path_get_dirname(path);
    if (outbox)
        snprintf(outbox, n, "%s/outbox", box);
    char *real_outbox = outbox ? realpath(outbox, NULL) : NULL;
    char *real_dir = realpath(dir, NULL);
    char *prefix;
    if (!real_outbox || (real_dir && strcmp(real_outbox, real_dir) == 0)) {
        prefix = strdup("");
    } else {
        n = strlen(real_outbox) + sizeof "file:///";
        if ((prefix = malloc(n)))
            snprintf(prefix, n, "file://%s/", real_outbox);
    }
    free(real_outbox);
    free(real_dir);
    free(outbox);
    g_free(dir);
    return prefix;
}

ogi_error ogi_summary_write(const ogi_context *ctx, ogi_register *reg, const char *box, int year,
                            ogi_lang lang, const char *path, char **written)
{
    if (written)
        *written = NULL;
    struct timespec as_of;
    clock_gettime(CLOCK_REALTIME, &as_of);
    ogi_overview *ov = NULL;
    ogi_error err = ogi_overview_build(ctx, reg, box, year, &ov);
    if (err != OGI_OK)
        return err;
    char fallback[PATH_MAX];
    if (!path) {
        default_path(fallback, sizeof fallback, box, lang, ov->year);
        path = fallback;
    }
    part_build *parts = NULL;
    size_t nparts = 0, parts_cap = 0;
    /* the roster's agencies in its order, then the unlisted */
    for (size_t k = 0; err == OGI_OK && k < ov->nagencies + ov->nunlisted; k++) {
        const ogi_agency *a =
            k < ov->nagencies ? &ov->agencies[k] : &ov->unlisted[k - ov->nagencies];
        if (!a->passing_id)
            continue;
        const ogi_template *t = template_by_id(ctx, a->passing_template);
        if (!t)
            continue; /* a template this ogi no longer has: nothing to add up */
        part_build *p = part_for(&parts, &nparts, &parts_cap, t);
        if (!p || add_agency(p, a) != 0) {
            err = OGI_ERROR_MEMORY;
            break;
        }
    }
    ogi_rollup_part *list = calloc(nparts ? nparts : 1, sizeof *list);
    if (!list && err == OGI_OK)
        err = OGI_ERROR_MEMORY;
    /* the parts are complete: their addresses hold from here on */
    for (size_t i = 0; err == OGI_OK && i < nparts; i++) {
        part_build *p = &parts[i];
        p->reg = reg;
        p->year = ov->year;
        p->lang = lang;
        p->part.agencies = p->agencies;
        p->part.row = part_row;
        p->part.check = check_sums;
        p->part.data = p;
        list[i] = p->part;
    }
    counts_build counts = {{NULL, NULL}, {0, 0}, {0, 0}, 0};
    if (err == OGI_OK && reg)
        err = ogi_register_finding_counts(reg, ov->year, take_count, &counts);
    if (err == OGI_OK && counts.failed)
        err = OGI_ERROR_MEMORY;
    char *prefix = err == OGI_OK ? link_prefix(box, path) : NULL;
    if (err == OGI_OK && !prefix)
        err = OGI_ERROR_MEMORY;
    if (err == OGI_OK) {
        ogi_rollup r = {.ov = ov,
                        .lang = lang,
                        .link_prefix = prefix,
                        .parts = list,
                        .nparts = nparts,
                        .by_rule = counts.v[0],
                        .nrules = counts.n[0],
                        .by_table = counts.v[1],
                        .ntables = counts.n[1],
                        .as_of = as_of};
        err = ogi_rollup_write(&r, path);
    }
    if (err == OGI_OK && written)
        *written = strdup(path);
    free(prefix);
    for (int k = 0; k < 2; k++) {
        for (size_t i = 0; i < counts.n[k]; i++)
            free((char *)counts.v[k][i].what);
        free(counts.v[k]);
    }
    for (size_t i = 0; i < nparts; i++) {
        free(parts[i].agencies);
        g_hash_table_destroy(parts[i].cell_index);
    }
    free(parts);
    free(list);
    ogi_overview_free(ov);
    return err;
}

typedef struct year_seen {
    int year;
    int64_t newest; /* its latest submission's time */
} year_seen;

typedef struct years {
    year_seen *v;
    size_t n, cap;
    int failed;
} years;

static int take_year(void *data, int year, int64_t newest)
{
    years *y = data;
    ogi_error err;
    year_seen *v = OGI_ARRAY_RESERVE(y->v, &y->cap, y->n + 1, 0, &err);
    if (!v) {
        y->failed = 1;
        return 1;
    }
    y->v = v;
    y->v[y->n++] = (year_seen){year, newest};
    return 0;
}

ogi_error ogi_summary_refresh(const ogi_context *ctx, ogi_register *reg, const char *box,
                              ogi_lang lang, size_t *written)
{
    if (written)
        *written = 0;
    years y = {0};
    ogi_error err = ogi_register_years(reg, take_year, &y);
    if (err == OGI_OK && y.failed)
        err = OGI_ERROR_MEMORY;
    /* the latest year submitted to: last year's imports alone are not a
     * campaign, and make no roll-up */
    int latest = err == OGI_OK && y.n ? y.v[y.n - 1].year : 0;
    /* the latest year's first: it is the one the office watches */
    if (err == OGI_OK && latest) {
        err = ogi_summary_write(ctx, reg, box, latest, lang, NULL, NULL);
        if (err == OGI_OK && written)
            (*written)++;
    }
    for (size_t i = 0; err == OGI_OK && i < y.n; i++) {
        if (y.v[i].year == latest)
            continue;
        char path[PATH_MAX];
        default_path(path, sizeof path, box, lang, y.v[i].year);
        struct stat st;
        /* its mtime is when its figures were read: a submission of the
         * same second may have come after */
        if (stat(path, &st) == 0 && (int64_t)st.st_mtim.tv_sec > y.v[i].newest)
            continue;
        err = ogi_summary_write(ctx, reg, box, y.v[i].year, lang, path, NULL);
        if (err == OGI_OK && written)
            (*written)++;
    }
    free(y.v);
    return err;
}
