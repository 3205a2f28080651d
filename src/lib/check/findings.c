/*
 * findings.c - the findings list of a report in the making.
 */
#include "findings.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

ogi_finding *ogi_findings_add(ogi_findings *f, ogi_severity severity, const char *rule,
                              const char *key, const char *table)
{
    ogi_error err;
    ogi_finding *v = OGI_ARRAY_RESERVE(f->v, &f->cap, f->n + 1, 0, &err);
    if (!v)
        return NULL;
    f->v = v;
    ogi_finding *x = &f->v[f->n++];
    memset(x, 0, sizeof *x);
    x->severity = severity;
    x->rule = rule;
    x->key = key;
    x->table = table ? table : "";
    x->message = "";
    x->source.sheet = -1;
    return x;
}

int ogi_finding_set_cells(ogi_findings *f, ogi_finding *x, const ogi_template *t,
                          const size_t *cells, size_t n)
{
    const char **ids = ogi_arena_alloc(f->arena, (n + 1) * sizeof *ids);
    if (!ids)
        return 0;
    for (size_t i = 0; i < n; i++)
        ids[i] = t->cells[cells[i]].id;
    x->cells = ids;
    x->ncells = n;
    return 1;
}

void ogi_findings_release(ogi_findings *f)
{
    free(f->v);
    f->v = NULL;
    f->n = f->cap = 0;
}

/* Whole numbers are nearly every value: written without printf, which
 * costs more than the rest of reading a cell. */
static int format_whole(double v, char *buf, size_t size)
{
    long long n = (long long)nearbyint(v);
    unsigned long long u = n < 0 ? 0ull - (unsigned long long)n : (unsigned long long)n;
    char digits[24];
    size_t k = 0;
    do {
        digits[k++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (n < 0)
        digits[k++] = '-';
    if (k + 1 > size)
        return 0;
    for (size_t i = 0; i < k; i++)
        buf[i] = digits[k - 1 - i];
    buf[k] = '\0';
    return 1;
}

void ogi_format_number(double v, char *buf, size_t size)
{
    if (fabs(v - nearbyint(v)) < 1e-9 && fabs(v) < 1e15) {
        if (!format_whole(v, buf, size))
            snprintf(buf, size, "%.0f", nearbyint(v) == 0 ? 0.0 : nearbyint(v));
        return;
    }
    snprintf(buf, size, "%.6f", v);
    char *end = buf + strlen(buf);
    while (end > buf && end[-1] == '0')
        *--end = '\0';
    if (end > buf && end[-1] == '.')
        end[-1] = '\0';
}
