/*
 * report_json.c - the JSON output of spec §7, built with jansson.
 */
#include <glib.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "book.h"
#include "buf.h"
#include "common.h"
#include "messages.h"
#include "text.h"

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

/* Keys here are ours (fixed names, template ids: plain ASCII, see
 * template.c), so jansson need not check them; the submitter's texts are
 * always checked. */
static int set(json_t *obj, const char *key, json_t *value)
{
    return value && json_object_set_new_nocheck(obj, key, value) == 0;
}

static json_t *ascii(const char *s)
{
    return json_string_nocheck(s);
}

/* A text from outside (a file name in GBK, a sheet name with a lone
 * surrogate): kept when it is UTF-8, else with U+FFFD for each bad byte. */
static json_t *text(const char *s)
{
    json_t *j = json_string(s);
    if (j)
        return j;
    size_t len = strlen(s), o = 0;
    char *clean = malloc(len * 3 + 1);
    if (!clean)
        return NULL;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = ogi_utf8_decode(s + i, len - i, &cp);
        char enc[4];
        size_t min = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if ((cp == 0xFFFD && n == 1) || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF ||
            n != min) {
            cp = 0xFFFD;
            n = 1;
        }
        size_t m = ogi_utf8_encode(cp, enc);
        memcpy(clean + o, enc, m);
        o += m;
        i += n;
    }
    clean[o] = '\0';
    j = json_string(clean);
    free(clean);
    return j;
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
            !set(c, "raw", text(v->raw)) || (book && !set(c, "source", text(ref))) ||
            json_object_set_new_nocheck(cells, v->id, c) != 0) {
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
        json_array_append_new(cells, ascii(x->cells[i]));
    int ok = set(f, "severity", ascii(severity_names[x->severity])) &&
             set(f, "rule", ascii(x->rule)) && set(f, "key", text(x->key)) &&
             set(f, "cells", cells);
    if (ok && x->has_sides)
        ok = set(f, "expected", number(x->expected)) && set(f, "actual", number(x->actual));
    if (ok && x->has_suggested) {
        json_t *s = json_object();
        ok = s && set(s, "cell", ascii(x->suggested_cell)) &&
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
         set(o, "template", r->template_id ? ascii(r->template_id) : json_null()) &&
         set(o, "status", ascii(status_names[r->status])) &&
         set(o, "agency", r->agency ? text(r->agency) : json_null()) &&
         set(o, "year", r->year ? json_integer(r->year) : json_null());
    if (ok && r->sha256 && r->sha256[0])
        ok = set(o, "sha256", ascii(r->sha256));
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

/* Where jansson writes the text: a buffer handed to the caller as it is
 * (json_dumps copies its result once more). */
static int append(const char *buf, size_t size, void *data)
{
    return ogi_buf_add(data, buf, size) == OGI_OK ? 0 : -1;
}

/* A report's JSON is tens of kilobytes: room for a typical one at once. */
#define JSON_FIRST_BYTES 32768

static ogi_error dump(json_t *root, char **out)
{
    if (!root)
        return OGI_ERROR_MEMORY;
    ogi_buf t = {0};
    int failed = ogi_buf_reserve(&t, JSON_FIRST_BYTES) != OGI_OK ||
                 json_dump_callback(root, append, &t, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0;
    json_decref(root);
    *out = failed ? NULL : ogi_buf_take(&t);
    ogi_buf_free(&t);
    return *out ? OGI_OK : OGI_ERROR_MEMORY;
}

ogi_error ogi_report_json(const ogi_report *report, const ogi_book *book, char **out)
{
    *out = NULL;
    return dump(report_object(report, book), out);
}

ogi_error ogi_reports_json(const ogi_report *const *reports, const ogi_book *const *books, size_t n,
                           char **out)
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
