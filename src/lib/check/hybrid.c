/*
 * hybrid.c - templates mixing the tables of the built-in formats.
 *
 * A template text is a header (format, title, years), one section per
 * table (from its `table` line to the next), then the rules and their
 * messages. A hybrid is the newest part's header, each table's section
 * from its own template, and the rules of each template that are about
 * the tables taken from it (a rule is about the first table whose id it
 * names, "t3." or "prev:t3.").
 */
#include "hybrid.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "common.h"

typedef struct span {
    const char *p;
    size_t len;
} span;

typedef struct parts {
    span header;
    span table[OGI_HYBRID_MAX_TABLES];
    char id[OGI_HYBRID_MAX_TABLES][16];
    size_t ntables;
    span rules; /* from the first rule line (or its comment) to the end */
} parts;

static int starts(const char *line, const char *word)
{
    return strncmp(line, word, strlen(word)) == 0;
}

static const char *next_line(const char *p)
{
    const char *nl = strchr(p, '\n');
    return nl ? nl + 1 : p + strlen(p);
}

/* 0 when the text is not laid out as expected (then no hybrid is made). */
static int split(const char *text, parts *out)
{
    memset(out, 0, sizeof *out);
    const char *p = text, *section = NULL, *comment = NULL;
    out->header.p = text;
    for (; *p; p = next_line(p)) {
        if (starts(p, "#")) {
            comment = comment ? comment : p;
            continue;
        }
        int table = starts(p, "table\t"), rule = starts(p, "rule\t");
        const char *end = comment ? comment : p;
        if ((table || rule) && section) {
            out->table[out->ntables - 1].len = (size_t)(end - section);
        } else if ((table || rule) && !out->header.len) {
            out->header.len = (size_t)(end - text);
        }
        if (rule) {
            out->rules = (span){end, strlen(end)};
            return out->ntables > 0;
        }
        if (table) {
            if (out->ntables == OGI_HYBRID_MAX_TABLES)
                return 0;
            const char *id = p + 6, *tab = strchr(id, '\t');
            if (!tab || tab - id >= (long)sizeof out->id[0])
                return 0;
            memcpy(out->id[out->ntables], id, (size_t)(tab - id));
            out->table[out->ntables++].p = section = end;
        }
        if (*p != '\n' && *p != '\r')
            comment = NULL;
    }
    return 0;
}

/* Which table (index in pt) a rule or msg line is about, or ntables. */
static size_t rule_table(const parts *pt, const char *line, size_t len)
{
    const char *name_end = memchr(line + 5, '\t', len > 5 ? len - 5 : 0);
    const char *p = name_end ? name_end : line + len;
    const char *end = line + len;
    for (; p < end; p++) {
        if (p > line &&
            (p[-1] == '_' || (p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= '0' && p[-1] <= '9')))
            continue;
        for (size_t t = 0; t < pt->ntables; t++) {
            size_t n = strlen(pt->id[t]);
            if ((size_t)(end - p) > n && memcmp(p, pt->id[t], n) == 0 && p[n] == '.')
                return t;
        }
    }
    return pt->ntables;
}

static int rule_name_is(const char *line, size_t skip, const char *name, size_t name_len)
{
    const char *p = line + skip;
    return strncmp(p, name, name_len) == 0 && p[name_len] == '\t';
}

static int put(ogi_buf *b, const char *s, size_t n)
{
    return ogi_buf_add(b, s, n) == OGI_OK;
}

/* Rules of template k about the tables taken from it, with their msg
 * lines (a msg follows its rule's name, "msg\tNAME\t"). */
static int put_rules(ogi_buf *b, const parts *pt, size_t k, const size_t *source)
{
    const char *p = pt->rules.p, *end = pt->rules.p + pt->rules.len;
    while (p < end) {
        const char *next = next_line(p);
        size_t len = (size_t)(next - p);
        if (starts(p, "rule\t")) {
            size_t t = rule_table(pt, p, len);
            const char *name = p + 5, *tab = memchr(name, '\t', len - 5);
            if (t < pt->ntables && source[t] == k && tab) {
                if (!put(b, p, len))
                    return 0;
                size_t name_len = (size_t)(tab - name);
                for (const char *q = pt->rules.p; q < end; q = next_line(q))
                    if (starts(q, "msg\t") && rule_name_is(q, 4, name, name_len) &&
                        !put(b, q, (size_t)(next_line(q) - q)))
                        return 0;
            }
        }
        p = next;
    }
    return 1;
}

static int same_tables(const parts *a, const parts *b)
{
    if (a->ntables != b->ntables)
        return 0;
    for (size_t t = 0; t < a->ntables; t++)
        if (strcmp(a->id[t], b->id[t]) != 0)
            return 0;
    return 1;
}

static char *compose(const parts *pt, size_t newest, const size_t *source, size_t n)
{
    ogi_buf b = {0};
    int ok = put(&b, pt[newest].header.p, pt[newest].header.len);
    for (size_t t = 0; ok && t < pt[0].ntables; t++)
        ok = put(&b, pt[source[t]].table[t].p, pt[source[t]].table[t].len) && put(&b, "\n", 1);
    for (size_t k = 0; ok && k < n; k++)
        ok = put_rules(&b, &pt[k], k, source);
    if (!ok) {
        ogi_buf_free(&b);
        return NULL;
    }
    return ogi_buf_take(&b);
}

/* The next assignment of tables to templates (an odometer); 0 at the end. */
static int next_source(size_t *source, size_t ntables, size_t n)
{
    for (size_t t = 0; t < ntables; t++) {
        if (++source[t] < n)
            return 1;
        source[t] = 0;
    }
    return 0;
}

/* What the hybrids of one build share to parse their templates late. */
struct ogi_hybrid_maker {
    pthread_mutex_t lock; /* guards the tmpl of every hybrid of the build */
    const ogi_t2s_map *t2s;
    parts pt[4];
    size_t n;
    ogi_hybrid *hybrids; /* the build's array, written only under lock */
};

static ogi_error add_hybrid(ogi_hybrid_maker *maker, const size_t *source, ogi_hybrid **out,
                            size_t *nout, size_t *cap)
{
    ogi_error err;
    ogi_hybrid *grown = OGI_ARRAY_RESERVE(*out, cap, *nout + 1, 0, &err);
    if (!grown)
        return err;
    *out = grown;
    ogi_hybrid *h = &grown[(*nout)++];
    memset(h, 0, sizeof *h);
    h->ntables = maker->pt[0].ntables;
    memcpy(h->source, source, h->ntables * sizeof *source);
    h->maker = maker;
    return OGI_OK;
}

/* Parses hybrid i's template; called under the maker's lock. */
static void make_template(ogi_hybrid_maker *maker, size_t i)
{
    ogi_hybrid *h = &maker->hybrids[i];
    size_t newest = 0;
    for (size_t t = 0; t < h->ntables; t++)
        newest = h->source[t] > newest ? h->source[t] : newest;
    char *text = compose(maker->pt, newest, h->source, maker->n);
    if (!text)
        return;
    ogi_template *tmpl;
    size_t line;
    if (ogi_template_parse(maker->t2s, text, &tmpl, &line) == OGI_OK)
        h->tmpl = tmpl;
    free(text);
}

ogi_error ogi_hybrids_build(const ogi_t2s_map *t2s, const char *const *texts, size_t n,
                            ogi_hybrid **out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    if (n < 2 || n > 4)
        return OGI_OK; /* mixtures grow as n^tables: only a few formats */
    ogi_hybrid_maker *maker = calloc(1, sizeof *maker);
    if (!maker)
        return OGI_ERROR_MEMORY;
    maker->t2s = t2s;
    maker->n = n;
    for (size_t k = 0; k < n; k++)
        if (!split(texts[k], &maker->pt[k]) || !same_tables(&maker->pt[0], &maker->pt[k])) {
            free(maker);
            return OGI_OK;
        }
    if (pthread_mutex_init(&maker->lock, NULL) != 0) {
        free(maker);
        return OGI_ERROR_MEMORY;
    }
    size_t source[OGI_HYBRID_MAX_TABLES] = {0}, cap = 0;
    ogi_error err = OGI_OK;
    while (err == OGI_OK && next_source(source, maker->pt[0].ntables, n)) {
        int pure = 1;
        for (size_t t = 1; t < maker->pt[0].ntables; t++)
            pure &= source[t] == source[0];
        if (!pure)
            err = add_hybrid(maker, source, out, nout, &cap);
    }
    if (err != OGI_OK || *nout == 0) {
        free(*out);
        *out = NULL;
        *nout = 0;
        pthread_mutex_destroy(&maker->lock);
        free(maker);
        return err;
    }
    maker->hybrids = *out;
    return OGI_OK;
}

void ogi_hybrids_free(ogi_hybrid *h, size_t n)
{
    for (size_t i = 0; i < n; i++)
        ogi_template_free(h[i].tmpl);
    if (n > 0) {
        pthread_mutex_destroy(&h[0].maker->lock);
        free(h[0].maker);
    }
    free(h);
}

const ogi_hybrid *ogi_hybrid_find(const ogi_hybrid *h, size_t n, const size_t *source,
                                  size_t ntables)
{
    for (size_t i = 0; i < n; i++) {
        if (h[i].ntables != ntables || memcmp(h[i].source, source, ntables * sizeof *source) != 0)
            continue;
        ogi_hybrid_maker *maker = h[i].maker;
        pthread_mutex_lock(&maker->lock);
        if (!maker->hybrids[i].tmpl)
            make_template(maker, i);
        const ogi_template *tmpl = maker->hybrids[i].tmpl;
        pthread_mutex_unlock(&maker->lock);
        return tmpl ? &h[i] : NULL;
    }
    return NULL;
}
