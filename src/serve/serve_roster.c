/*
 * serve_roster.c - the agencies the office expects (BOX/roster.xlsx or
 * roster.csv, read by the library as ogi status reads it): the upload page
 * offers them, the office's overview without a register says who is
 * missing. Also the CSV records of outbox/index.csv.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve.h"

int serve_csv_record(const char **p, const char *end, char **fields, int max)
{
    const char *s = *p;
    if (s >= end)
        return -1;
    int n = 0;
    serve_buf field = {0};
    int quoted = 0, done = 0;
    while (!done) {
        if (s >= end) {
            done = 1;
        } else if (quoted) {
            if (*s == '"' && s + 1 < end && s[1] == '"') {
                serve_buf_addn(&field, "\"", 1);
                s += 2;
                continue;
            }
            if (*s == '"')
                quoted = 0;
            else
                serve_buf_addn(&field, s, 1);
            s++;
            continue;
        } else if (*s == '"') {
            quoted = 1;
            s++;
            continue;
        } else if (*s == ',' || *s == '\n' || *s == '\r') {
            done = *s != ',';
            if (*s == '\r' && s + 1 < end && s[1] == '\n')
                s++;
            s++;
        } else {
            serve_buf_addn(&field, s, 1);
            s++;
            continue;
        }
        if (n < max)
            fields[n++] = field.data ? field.data : strdup("");
        else
            free(field.data);
        field = (serve_buf){0};
    }
    *p = s;
    return n;
}

static int add_entry(serve_roster *r, const char *agency, const char *folder, const char *group)
{
    serve_roster_entry *e = SERVE_ARRAY_RESERVE(r->entries, &r->cap, r->n + 1);
    if (!e)
        return -1;
    r->entries = e;
    e = &r->entries[r->n];
    e->agency = strdup(agency);
    e->folder = folder && *folder ? serve_name_folder(folder) : serve_name_folder(agency);
    e->group = strdup(group ? group : "");
    if (!e->agency || !e->folder || !e->group) {
        free(e->agency);
        free(e->folder);
        free(e->group);
        return e->agency && e->group ? 0 : -1; /* a name with nothing usable: skipped */
    }
    r->n++;
    return 0;
}

/* A roster's name as the page offers it: spaces around it dropped (the
 * register matches names more loosely, ogi_agency_key). */
static char *trimmed(const char *name)
{
    while (*name == ' ')
        name++;
    size_t n = strlen(name);
    while (n > 0 && name[n - 1] == ' ')
        n--;
    return strndup(name, n);
}

int serve_roster_load(const ogi_context *ctx, const char *box, serve_roster *out)
{
    *out = (serve_roster){0};
    /* the library's roster, as ogi status reads it: roster.xlsx (.xls,
     * .ods, .et) or roster.csv, in UTF-8 or GB18030, the header below a
     * title, 单位名称 or 报送单位 */
    ogi_overview *ov = NULL;
    if (ogi_overview_build(ctx, NULL, box, 0, &ov) != OGI_OK)
        return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < ov->nagencies; i++) {
        const ogi_agency *a = &ov->agencies[i];
        char *agency = trimmed(a->name), *folder = trimmed(a->folder);
        if (!agency || !folder)
            rc = -1;
        else if (*agency && serve_name_utf8_ok(agency, strlen(agency)))
            rc = add_entry(out, agency, folder, a->group);
        free(agency);
        free(folder);
    }
    ogi_overview_free(ov);
    if (rc != 0)
        serve_roster_free(out);
    return rc;
}

void serve_roster_free(serve_roster *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->entries[i].agency);
        free(r->entries[i].folder);
        free(r->entries[i].group);
    }
    free(r->entries);
    *r = (serve_roster){0};
}

const serve_roster_entry *serve_roster_find(const serve_roster *r, const char *name)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->entries[i].agency, name) == 0)
            return &r->entries[i];
    return NULL;
}
