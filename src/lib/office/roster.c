/*
 * roster.c - the agencies a box expects: BOX/roster.xlsx (or .xls, .ods,
 * .et: read by ogi's own readers) or BOX/roster.csv, a header row with a
 * column 单位 (the agency), optionally 文件夹 (its folder under inbox/) and
 * 分组 (a group). Offices write these by hand, in Excel or WPS: the header
 * may sit below a title, be worded "单位名称" or "报送单位", a CSV may be
 * UTF-8 (with or without a BOM) or GB18030 as Excel saves it in China.
 */
#include <errno.h>
#include <iconv.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "book.h"
#include "context.h"
#include "roster.h"
#include "text.h"

#define HEADER_ROWS 10 /* a title or two may stand above the header */
#define MAX_ROSTER_BYTES (16u << 20)

typedef enum column { COL_AGENCY = 0, COL_FOLDER, COL_GROUP, COL_NONE } column;

/* What a header cell names, by the words it holds once folded. */
static column column_of(const ogi_context *ctx, const char *text)
{
    char norm[256];
    ogi_label_norm(ctx ? &ctx->t2s : NULL, text, strlen(text), norm, sizeof norm);
    if (strstr(norm, "文件夹") || strstr(norm, "目录"))
        return COL_FOLDER;
    if (strstr(norm, "分组") || strstr(norm, "组别") || strstr(norm, "类别"))
        return COL_GROUP;
    if (strstr(norm, "序号") || strstr(norm, "联系") || strstr(norm, "电话"))
        return COL_NONE;
    if (strstr(norm, "单位") || strstr(norm, "机关") || strstr(norm, "部门"))
        return COL_AGENCY;
    return COL_NONE;
}

/* ---- a grid of text, whichever file it came from ---- */

typedef struct grid {
    char ***cells; /* [row][col], arena strings or NULL */
    size_t *ncols; /* the columns each row has room for */
    size_t nrows;
    size_t cap; /* rows there is room for */
} grid;

/* Rows and columns grow by doubling: the arena never frees, so growing by
 * one would keep every shorter copy and a roster of n rows would cost
 * n squared (5,000 agencies: 200 MB). */
static int grid_put(grid *g, ogi_arena *arena, size_t row, size_t col, const char *text, size_t len)
{
    if (row >= g->cap) {
        size_t n = g->cap ? g->cap * 2 : 64;
        if (n <= row)
            n = row + 1;
        char ***cells = ogi_arena_alloc(arena, n * sizeof *cells);
        size_t *ncols = ogi_arena_alloc(arena, n * sizeof *ncols);
        if (!cells || !ncols)
            return -1;
        if (g->nrows) {
            memcpy(cells, g->cells, g->nrows * sizeof *cells);
            memcpy(ncols, g->ncols, g->nrows * sizeof *ncols);
        }
        g->cells = cells;
        g->ncols = ncols;
        g->cap = n;
    }
    if (row >= g->nrows)
        g->nrows = row + 1;
    if (col >= g->ncols[row]) {
        size_t n = g->ncols[row] ? g->ncols[row] * 2 : 8;
        if (n <= col)
            n = col + 1;
        char **r = ogi_arena_alloc(arena, n * sizeof *r);
        if (!r)
            return -1;
        if (g->ncols[row])
            memcpy(r, g->cells[row], g->ncols[row] * sizeof *r);
        g->cells[row] = r;
        g->ncols[row] = n;
    }
    g->cells[row][col] = ogi_arena_strndup(arena, text, len);
    return g->cells[row][col] ? 0 : -1;
}

static const char *grid_at(const grid *g, size_t row, size_t col)
{
    if (row >= g->nrows || col >= g->ncols[row] || !g->cells[row][col])
        return "";
    return g->cells[row][col];
}

/* The first visible sheet of a workbook as text. */
static ogi_error grid_from_book(const ogi_book *book, ogi_arena *arena, grid *g)
{
    for (size_t s = 0; s < book->nsheets; s++) {
        const ogi_sheet *sh = &book->sheets[s];
        if (sh->hidden || sh->ncells == 0)
            continue;
        for (size_t i = 0; i < sh->ncells; i++) {
            const ogi_cell *c = &sh->cells[i];
            char num[64];
            const char *text = NULL;
            size_t len = 0;
            if (c->kind == OGI_CELL_TEXT) {
                text = c->text;
                len = c->text_len;
            } else if (c->kind == OGI_CELL_NUMBER) {
                /* a folder or a group may be a number: 1, not 1.000000 */
                len = (size_t)snprintf(num, sizeof num, "%.15g", c->number);
                text = num;
            }
            if (text && grid_put(g, arena, c->row, c->col, text, len) != 0)
                return OGI_ERROR_MEMORY;
        }
        return OGI_OK;
    }
    return OGI_OK;
}

static int valid_utf8(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = ogi_utf8_decode(s + i, len - i, &cp);
        if (cp == 0xFFFD && !(n == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0))
            return 0;
        i += n;
    }
    return 1;
}

/* Excel in China saves "CSV" in GB18030 (GBK): convert it to UTF-8. */
static char *from_gb18030(const char *in, size_t len, size_t *out_len)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = len * 2 + 16, left_out = cap, left_in = len;
    char *out = malloc(cap), *o = out;
    char *i = (char *)in;
    if (out && iconv(cd, &i, &left_in, &o, &left_out) == (size_t)-1) {
        free(out);
        out = NULL;
    }
    iconv_close(cd);
    if (out)
        *out_len = cap - left_out;
    return out;
}

/* RFC 4180 CSV (also with ; or tab as Excel writes in some locales). */
static ogi_error grid_from_csv(const char *data, size_t len, ogi_arena *arena, grid *g)
{
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    char sep = ',';
    size_t first_line = strcspn(data, "\n");
    if (first_line > len)
        first_line = len;
    if (!memchr(data, ',', first_line))
        sep = memchr(data, ';', first_line) ? ';' : memchr(data, '\t', first_line) ? '\t' : ',';
    char *field = malloc(len + 1);
    if (!field)
        return OGI_ERROR_MEMORY;
    size_t row = 0, col = 0, n = 0;
    int quoted = 0, any = 0;
    ogi_error err = OGI_OK;
    for (size_t i = 0; i <= len && err == OGI_OK; i++) {
        char c = i < len ? data[i] : '\n';
        if (quoted) {
            if (c == '"' && i + 1 < len && data[i + 1] == '"')
                field[n++] = data[++i];
            else if (c == '"')
                quoted = 0;
            else if (i < len)
                field[n++] = c;
            continue;
        }
        if (c == '"') {
            quoted = any = 1;
        } else if (c == sep || c == '\n') {
            while (n > 0 && (field[n - 1] == '\r' || field[n - 1] == ' '))
                n--;
            if (n > 0 && grid_put(g, arena, row, col, field, n) != 0)
                err = OGI_ERROR_MEMORY;
            n = 0;
            any = 0;
            if (c == sep) {
                col++;
            } else {
                row++;
                col = 0;
            }
        } else if (i < len) {
            if (n > 0 || any || (c != ' ' && c != '\r'))
                field[n++] = c;
        }
    }
    free(field);
    return err;
}

static char *box_file(const char *box, const char *name)
{
    size_t n = strlen(box) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", box, name);
    return p;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static ogi_error read_csv(const char *path, ogi_arena *arena, grid *g)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return OGI_ERROR_ROSTER;
    char *data = malloc(MAX_ROSTER_BYTES);
    size_t len = data ? fread(data, 1, MAX_ROSTER_BYTES, f) : 0;
    int too_big = !feof(f);
    fclose(f);
    ogi_error err = !data ? OGI_ERROR_MEMORY : too_big ? OGI_ERROR_ROSTER : OGI_OK;
    if (err == OGI_OK && !valid_utf8(data, len)) {
        size_t ulen = 0;
        char *utf8 = from_gb18030(data, len, &ulen);
        if (utf8)
            err = grid_from_csv(utf8, ulen, arena, g);
        else
            err = OGI_ERROR_ROSTER;
        free(utf8);
    } else if (err == OGI_OK) {
        err = grid_from_csv(data, len, arena, g);
    }
    free(data);
    return err;
}

/* ---- the roster from its grid ---- */

/* Sorting an index by a key of the entries (qsort_r's context). */
typedef struct sort_by {
    const ogi_roster_entry *entries;
    size_t offset;
} sort_by;

static int compare_by(const void *a, const void *b, void *data)
{
    const sort_by *by = data;
    uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
    const char *ki = *(const char *const *)((const char *)&by->entries[i] + by->offset);
    const char *kj = *(const char *const *)((const char *)&by->entries[j] + by->offset);
    int c = strcmp(ki, kj);
    return c ? c : (i > j) - (i < j);
}

/* Indexes by name and by folder: matching a submission is then a binary
 * search, not a walk of the roster (status over 5,000 agencies). */
static ogi_error index_roster(ogi_roster *r, ogi_arena *arena)
{
    uint32_t *by_key = ogi_arena_alloc(arena, (r->n ? r->n : 1) * sizeof *by_key);
    uint32_t *by_folder = ogi_arena_alloc(arena, (r->n ? r->n : 1) * sizeof *by_folder);
    if (!by_key || !by_folder)
        return OGI_ERROR_MEMORY;
    for (size_t i = 0; i < r->n; i++)
        by_key[i] = by_folder[i] = (uint32_t)i;
    sort_by k = {r->entries, offsetof(ogi_roster_entry, key)};
    sort_by f = {r->entries, offsetof(ogi_roster_entry, folder_key)};
    qsort_r(by_key, r->n, sizeof *by_key, compare_by, &k);
    qsort_r(by_folder, r->n, sizeof *by_folder, compare_by, &f);
    r->by_key = by_key;
    r->by_folder = by_folder;
    return OGI_OK;
}

static ogi_error roster_from_grid(const ogi_context *ctx, const grid *g, ogi_arena *arena,
                                  ogi_roster *out)
{
    size_t header = g->nrows;
    long cols[3] = {-1, -1, -1};
    for (size_t r = 0; r < g->nrows && r < HEADER_ROWS && header == g->nrows; r++) {
        long found[3] = {-1, -1, -1};
        for (size_t c = 0; c < g->ncols[r]; c++) {
            column kind = column_of(ctx, grid_at(g, r, c));
            if (kind != COL_NONE && found[kind] < 0)
                found[kind] = (long)c;
        }
        if (found[COL_AGENCY] >= 0) {
            header = r;
            memcpy(cols, found, sizeof cols);
        }
    }
    if (header == g->nrows)
        return OGI_ERROR_ROSTER;
    size_t n = g->nrows - header - 1;
    out->entries = ogi_arena_alloc(arena, (n ? n : 1) * sizeof *out->entries);
    if (!out->entries)
        return OGI_ERROR_MEMORY;
    for (size_t r = header + 1; r < g->nrows; r++) {
        const char *name = grid_at(g, r, (size_t)cols[COL_AGENCY]);
        char key[1024];
        if (!ogi_agency_key(ctx, name, key, sizeof key))
            continue; /* a blank line, a note below the list */
        ogi_roster_entry *e = &out->entries[out->n++];
        e->name = name;
        e->key = ogi_arena_strdup(arena, key);
        e->folder = cols[COL_FOLDER] >= 0 ? grid_at(g, r, (size_t)cols[COL_FOLDER]) : "";
        e->group = cols[COL_GROUP] >= 0 ? grid_at(g, r, (size_t)cols[COL_GROUP]) : "";
        ogi_agency_key(ctx, e->folder, key, sizeof key);
        e->folder_key = ogi_arena_strdup(arena, key);
        if (!e->key || !e->folder_key)
            return OGI_ERROR_MEMORY;
    }
    return index_roster(out, arena);
}

static const char *const book_names[] = {"roster.xlsx", "roster.xls", "roster.ods", "roster.et"};

ogi_error ogi_roster_load(const ogi_context *ctx, const char *box, ogi_arena *arena,
                          ogi_roster *out)
{
    memset(out, 0, sizeof *out);
    grid g = {0};
    ogi_error err = OGI_OK;
    for (size_t i = 0; i < sizeof book_names / sizeof book_names[0] && !out->path; i++) {
        char *path = box_file(box, book_names[i]);
        if (!path)
            return OGI_ERROR_MEMORY;
        if (exists(path)) {
            ogi_book *book = NULL;
            err = ogi_book_open(ctx, path, &book);
            if (err == OGI_OK)
                err = grid_from_book(book, arena, &g);
            else
                err = OGI_ERROR_ROSTER;
            /* the grid's strings are copies: the book can go */
            ogi_book_free(book);
            out->path = ogi_arena_strdup(arena, book_names[i]);
        }
        free(path);
    }
    if (!out->path) {
        char *path = box_file(box, "roster.csv");
        if (!path)
            return OGI_ERROR_MEMORY;
        if (exists(path)) {
            err = read_csv(path, arena, &g);
            out->path = "roster.csv";
        }
        free(path);
    }
    if (!out->path || err != OGI_OK)
        return err;
    return roster_from_grid(ctx, &g, arena, out);
}

/* The first entry (in the roster's order) whose key at offset equals key:
 * a binary search of an index sorted by that key, then by position. */
static const ogi_roster_entry *find_by(const ogi_roster *roster, const uint32_t *index,
                                       size_t offset, const char *key)
{
    size_t lo = 0, hi = roster->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const ogi_roster_entry *e = &roster->entries[index[mid]];
        if (strcmp(*(const char *const *)((const char *)e + offset), key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == roster->n)
        return NULL;
    const ogi_roster_entry *e = &roster->entries[index[lo]];
    return strcmp(*(const char *const *)((const char *)e + offset), key) == 0 ? e : NULL;
}

static const ogi_roster_entry *first_of(const ogi_roster_entry *a, const ogi_roster_entry *b)
{
    return !a ? b : !b ? a : a < b ? a : b;
}

const ogi_roster_entry *ogi_roster_match(const ogi_roster *roster, const char *agency_key,
                                         const char *submitter_key)
{
    /* the name the workbook gives, as a clerk reads it */
    const ogi_roster_entry *e = NULL;
    if (agency_key[0] &&
        (e = find_by(roster, roster->by_key, offsetof(ogi_roster_entry, key), agency_key)))
        return e;
    /* the folder it was dropped in: the roster's 文件夹, or the folder
     * named after the agency itself */
    if (submitter_key[0]) {
        e = first_of(
            find_by(roster, roster->by_key, offsetof(ogi_roster_entry, key), submitter_key),
            find_by(roster, roster->by_folder, offsetof(ogi_roster_entry, folder_key),
                    submitter_key));
        if (e)
            return e;
    }
    /* one name the end of the other ("财政局" and "某市财政局"), when it
     * points at a single agency of the roster */
    const ogi_roster_entry *only = NULL;
    size_t alen = strlen(agency_key);
    for (size_t i = 0; alen >= 6 && i < roster->n; i++) {
        const ogi_roster_entry *e = &roster->entries[i];
        size_t klen = strlen(e->key);
        const char *shorter = klen < alen ? e->key : agency_key;
        const char *longer = klen < alen ? agency_key : e->key;
        size_t sl = strlen(shorter), ll = strlen(longer);
        if (sl >= 6 && strcmp(longer + ll - sl, shorter) == 0) {
            if (only)
                return NULL; /* two candidates: a clerk would ask */
            only = e;
        }
    }
    return only;
}
