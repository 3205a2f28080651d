/*
 * report_json.c - the JSON output of spec §7, built with jansson.
 */
#include <glib.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>

#include "book.h"
#include "common.h"
#include "messages.h"

static const char *const status_names[] = {"pass", "fail", "no_tables", "unreadable"};
static const char *const severity_names[] = {"error", "warning", "info"};

/* Integers as JSON integers (39, not 39.0), other numbers as reals. */
static json_t *number(double v)
{
    if (!isfinite(v)) /* JSON has no NaN or infinity */
        return json_null();
    if (fabs(v - nearbyint(v)) < 1e-9 && fabs(v) < 9e15)
        return json_integer((json_int_t)nearbyint(v));
    return json_real(v);
}

/* A JSON string of s; a path in a legacy encoding (a GBK file name from a
 * Windows share) is not UTF-8, and is shown with U+FFFD, not refused. */
static json_t *text(const char *s)
{
    json_t *j = json_string(s);
    if (j || !s)
        return j;
    char *valid = g_utf8_make_valid(s, -1);
    j = valid ? json_string(valid) : NULL;
    g_free(valid);
    return j;
}

static int set(json_t *obj, const char *key, json_t *value)
{
    return value && json_object_set_new(obj, key, value) == 0;
}

static json_t *cells_json(const ogi_report *r, const ogi_book *book)
{
    json_t *cells = json_object();
    char ref[512];
    for (size_t i = 0; cells && i < r->nvalues; i++) {
        const ogi_value *v = &r->values[i];
        if (!v->found)
            continue;
        json_t *c = json_object();
        ogi_source_ref(book, v->source, ref, sizeof ref);
        if (!c || !set(c, "value", v->is_null ? json_null() : number(v->value)) ||
            !set(c, "raw", text(v->raw)) ||
            (book && !set(c, "source", text(ref))) ||
            json_object_set_new(cells, v->id, c) != 0) {
            json_decref(cells);
            return NULL;
        }
    }
    return cells;
}

static json_t *finding_json(const ogi_finding *x)
{
    json_t *f = json_object(), *cells = json_array();
    if (!f || !cells) {
        json_decref(f);
        json_decref(cells);
        return NULL;
    }
    for (size_t i = 0; i < x->ncells; i++)
        json_array_append_new(cells, json_string(x->cells[i]));
    int ok = set(f, "severity", json_string(severity_names[x->severity])) &&
             set(f, "rule", json_string(x->rule)) && set(f, "key", json_string(x->key)) &&
             set(f, "cells", cells);
    if (ok && x->has_sides)
        ok = set(f, "expected", number(x->expected)) && set(f, "actual", number(x->actual));
    if (ok && x->has_suggested) {
        json_t *s = json_object();
        ok = s && set(s, "cell", json_string(x->suggested_cell)) &&
             set(s, "value", number(x->suggested_value)) && set(f, "suggested", s);
    }
    ok = ok && set(f, "message", text(x->message));
    if (!ok) {
        json_decref(f);
        return NULL;
    }
    return f;
}

static json_t *report_object(const ogi_report *r, const ogi_book *book)
{
    json_t *o = json_object(), *counts = json_object(), *findings = json_array();
    int ok = o && counts && findings;
    ok = ok && set(o, "file", text(r->file)) &&
         set(o, "template", r->template_id ? json_string(r->template_id) : json_null()) &&
         set(o, "status", json_string(status_names[r->status])) &&
         set(o, "agency", r->agency ? text(r->agency) : json_null()) &&
         set(o, "year", r->year ? json_integer(r->year) : json_null());
    if (ok && r->sha256 && r->sha256[0])
        ok = set(o, "sha256", json_string(r->sha256));
    if (ok && (r->status == OGI_STATUS_UNREADABLE || r->status == OGI_STATUS_NO_TABLES))
        ok = set(o, "message", json_string(ogi_strerror(r->error, r->lang)));
    for (size_t i = 0; ok && i < 3; i++)
        ok = set(counts, severity_names[i], json_integer((json_int_t)r->counts[i]));
    if (ok) {
        ok = set(o, "counts", counts); /* set() takes counts either way */
        counts = NULL;
    }
    ok = ok && set(o, "cells", cells_json(r, book));
    for (size_t i = 0; ok && i < r->nfindings; i++)
        ok = json_array_append_new(findings, finding_json(&r->findings[i])) == 0;
    if (ok) {
        ok = set(o, "findings", findings);
        findings = NULL;
    }
    if (!ok) {
        json_decref(o);
        json_decref(counts);
        json_decref(findings);
        return NULL;
    }
    return o;
}

static ogi_error dump(json_t *root, char **out)
{
    if (!root)
        return OGI_ERROR_MEMORY;
    *out = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    return *out ? OGI_OK : OGI_ERROR_MEMORY;
}

ogi_error ogi_report_json(const ogi_report *report, const ogi_book *book,
                          char **out)
{
    *out = NULL;
    return dump(report_object(report, book), out);
}

ogi_error ogi_reports_json(const ogi_report *const *reports,
                           const ogi_book *const *books, size_t n, char **out)
{
    *out = NULL;
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++)
        if (json_array_append_new(arr, report_object(reports[i], books ? books[i] : NULL))) {
            json_decref(arr);
            return OGI_ERROR_MEMORY;
        }
    return dump(arr, out);
}
