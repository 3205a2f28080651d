/*
 * serve_roster.c - BOX/roster.csv, the agencies the office expects: the
 * upload page offers them, the office's overview says who is missing.
 * (The register of issue 14 reads the roster too; until then, this is
 * the serve front's own reading of the same file.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve.h"

#define MAX_FIELDS 32
#define MAX_ROSTER_BYTES (4 * 1024 * 1024)

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

static void free_fields(char **fields, int n)
{
    for (int i = 0; i < n; i++)
        free(fields[i]);
}

static int column(char **fields, int n, const char *name)
{
    for (int i = 0; i < n; i++) {
        const char *f = fields[i];
        while (*f == ' ')
            f++;
        if (strncmp(f, name, strlen(name)) == 0)
            return i;
    }
    return -1;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *text = malloc(MAX_ROSTER_BYTES + 1);
    size_t n = text ? fread(text, 1, MAX_ROSTER_BYTES, f) : 0;
    fclose(f);
    if (text)
        text[n] = '\0';
    *len = n;
    return text;
}

static int add_entry(serve_roster *r, const char *agency, const char *folder, const char *group)
{
    serve_roster_entry *e = realloc(r->entries, (r->n + 1) * sizeof *e);
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

int serve_roster_load(const char *box, serve_roster *out)
{
    *out = (serve_roster){0};
    char *path = watch_path(box, "roster.csv");
    size_t len = 0;
    char *text = path ? read_all(path, &len) : NULL;
    free(path);
    if (!text)
        return 0;
    const char *p = text, *end = text + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    char *fields[MAX_FIELDS];
    int n = serve_csv_record(&p, end, fields, MAX_FIELDS);
    int c_agency = n > 0 ? column(fields, n, "单位") : -1;
    int c_folder = n > 0 ? column(fields, n, "文件夹") : -1;
    int c_group = n > 0 ? column(fields, n, "分组") : -1;
    free_fields(fields, n);
    int rc = c_agency < 0 ? -1 : 0;
    while (rc == 0 && (n = serve_csv_record(&p, end, fields, MAX_FIELDS)) >= 0) {
        char empty[1] = "";
        char *agency = c_agency < n ? fields[c_agency] : empty;
        while (*agency == ' ')
            agency++;
        for (size_t k = strlen(agency); k > 0 && agency[k - 1] == ' '; k--)
            agency[k - 1] = '\0';
        if (*agency && serve_name_utf8_ok(agency, strlen(agency)))
            rc = add_entry(out, agency, c_folder >= 0 && c_folder < n ? fields[c_folder] : NULL,
                           c_group >= 0 && c_group < n ? fields[c_group] : NULL);
        free_fields(fields, n);
    }
    free(text);
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
