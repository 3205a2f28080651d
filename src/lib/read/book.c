/*
 * book.c - the in-memory workbook and its cell lookup.
 */
#include "book.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "common.h"

#define DEFAULT_MAX_FILE_BYTES (64ull << 20)
#define DEFAULT_MAX_CELLS 2000000ull
#define DEFAULT_MAX_STRING 32767u
#define DEFAULT_MAX_SECONDS 30u

ogi_limits ogi_limits_resolve(const ogi_limits *limits)
{
    ogi_limits out = {DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_CELLS, DEFAULT_MAX_STRING,
                      DEFAULT_MAX_SECONDS};
    if (limits) {
        if (limits->max_file_bytes)
            out.max_file_bytes = limits->max_file_bytes;
        if (limits->max_cells)
            out.max_cells = limits->max_cells;
        if (limits->max_string)
            out.max_string = limits->max_string;
        if (limits->max_seconds)
            out.max_seconds = limits->max_seconds;
    }
    return out;
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

ogi_error ogi_book_check_time(const ogi_book *book)
{
    return now_ns() > book->deadline_ns ? OGI_ERROR_TIME_LIMIT : OGI_OK;
}

ogi_book *ogi_book_new(const ogi_limits *limits)
{
    ogi_book *book = calloc(1, sizeof *book);
    if (!book)
        return NULL;
    ogi_arena_init(&book->arena);
    book->limits = ogi_limits_resolve(limits);
    book->deadline_ns = now_ns() + (uint64_t)book->limits.max_seconds * 1000000000u;
    return book;
}

void ogi_sheet_release(ogi_sheet *sheet)
{
    free(sheet->cells);
    free(sheet->merges);
    free(sheet->merge_reach);
    free(sheet->row_first);
}

void ogi_book_free(ogi_book *book)
{
    if (!book)
        return;
    for (size_t i = 0; i < book->nsheets; i++)
        ogi_sheet_release(&book->sheets[i]);
    free(book->sheets);
    ogi_arena_release(&book->arena);
    free(book);
}

const char *ogi_book_sha256(const ogi_book *book)
{
    return book->sha256;
}

/* Copies s into the arena as valid UTF-8 with no NUL inside: a damaged or
 * hostile file must not hand invalid text to JSON, the writer or a
 * terminal. Each bad byte becomes U+FFFD. */
static char *arena_utf8(ogi_arena *arena, const char *s, size_t len, size_t *out_len)
{
    *out_len = len;
    if (g_utf8_validate(s, (gssize)len, NULL))
        return ogi_arena_strndup(arena, s, len);
    char *buf = ogi_arena_alloc(arena, len * 3 + 1);
    if (!buf)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        if (s[i] == '\0') {
            buf[o++] = ' ';
            i++;
            continue;
        }
        gunichar c = g_utf8_get_char_validated(s + i, (gssize)(len - i));
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            o += (size_t)g_unichar_to_utf8(0xFFFD, buf + o);
            i++;
            continue;
        }
        size_t n = (size_t)g_unichar_to_utf8(c, buf + o);
        o += n;
        i += n;
    }
    buf[o] = '\0';
    *out_len = o;
    return buf;
}

ogi_sheet *ogi_book_add_sheet(ogi_book *book, const char *name, size_t len)
{
    ogi_error err;
    ogi_sheet *sheets =
        OGI_ARRAY_RESERVE(book->sheets, &book->sheets_cap, book->nsheets + 1, 0, &err);
    if (!sheets)
        return NULL;
    book->sheets = sheets;
    ogi_sheet *sheet = &book->sheets[book->nsheets];
    memset(sheet, 0, sizeof *sheet);
    size_t name_len;
    sheet->name = arena_utf8(&book->arena, name, len, &name_len);
    if (!sheet->name)
        return NULL;
    book->nsheets++;
    return sheet;
}

int ogi_book_find_sheet(const ogi_book *book, const char *name)
{
    for (size_t i = 0; i < book->nsheets; i++)
        if (strcmp(book->sheets[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* Appends a cell slot; the caller fills the value. */
static ogi_cell *sheet_push(ogi_book *book, size_t sheet_index, uint32_t row, uint32_t col,
                            ogi_error *err)
{
    *err = OGI_OK;
    if (sheet_index >= book->nsheets) {
        *err = OGI_ERROR_CORRUPT;
        return NULL;
    }
    if (book->total_cells >= book->limits.max_cells) {
        *err = OGI_ERROR_TOO_MANY_CELLS;
        return NULL;
    }
    /* every reader comes through here: the time limit holds for each */
    if (++book->ticks % 65536 == 0 && (*err = ogi_book_check_time(book)) != OGI_OK)
        return NULL;
    ogi_sheet *sheet = &book->sheets[sheet_index];
    ogi_cell *cells = OGI_ARRAY_RESERVE(sheet->cells, &sheet->cells_cap, sheet->ncells + 1, 0, err);
    if (!cells)
        return NULL;
    sheet->cells = cells;
    free(sheet->row_first); /* a cell added after finishing: search all */
    sheet->row_first = NULL;
    ogi_cell *cell = &sheet->cells[sheet->ncells++];
    memset(cell, 0, sizeof *cell);
    cell->row = row;
    cell->col = col;
    if (row >= sheet->nrows)
        sheet->nrows = row + 1;
    if (col >= sheet->ncols)
        sheet->ncols = col + 1;
    sheet->sorted = 0;
    book->total_cells++;
    return cell;
}

ogi_error ogi_sheet_set_number(ogi_book *book, size_t sheet, uint32_t row, uint32_t col,
                               double value, int is_formula)
{
    /* Excel never stores NaN or infinity: such bits are damage, and they
     * would poison every sum and the JSON (which has no NaN) */
    if (!isfinite(value))
        return ogi_sheet_set_error(book, sheet, row, col, "#NUM!", is_formula);
    ogi_error err;
    ogi_cell *cell = sheet_push(book, sheet, row, col, &err);
    if (!cell)
        return err;
    cell->kind = OGI_CELL_NUMBER;
    cell->number = value;
    cell->is_formula = (uint8_t)(is_formula != 0);
    return OGI_OK;
}

static ogi_error set_string(ogi_book *book, size_t sheet, uint32_t row, uint32_t col,
                            const char *utf8, size_t len, int is_formula, ogi_cell_kind kind)
{
    if (len > (size_t)book->limits.max_string * 4u)
        return OGI_ERROR_STRING_TOO_LONG;
    ogi_error err;
    ogi_cell *cell = sheet_push(book, sheet, row, col, &err);
    if (!cell)
        return err;
    cell->kind = (uint8_t)kind;
    size_t text_len;
    cell->text = arena_utf8(&book->arena, utf8, len, &text_len);
    if (!cell->text)
        return OGI_ERROR_MEMORY;
    cell->text_len = (uint32_t)text_len;
    cell->is_formula = (uint8_t)(is_formula != 0);
    return OGI_OK;
}

ogi_error ogi_sheet_set_text(ogi_book *book, size_t sheet, uint32_t row, uint32_t col,
                             const char *utf8, size_t len, int is_formula)
{
    return set_string(book, sheet, row, col, utf8, len, is_formula, OGI_CELL_TEXT);
}

ogi_error ogi_sheet_set_error(ogi_book *book, size_t sheet, uint32_t row, uint32_t col,
                              const char *text, int is_formula)
{
    return set_string(book, sheet, row, col, text, strlen(text), is_formula, OGI_CELL_ERROR);
}

ogi_error ogi_sheet_set_bool(ogi_book *book, size_t sheet, uint32_t row, uint32_t col, int value,
                             int is_formula)
{
    ogi_error err;
    ogi_cell *cell = sheet_push(book, sheet, row, col, &err);
    if (!cell)
        return err;
    cell->kind = OGI_CELL_BOOL;
    cell->number = value ? 1.0 : 0.0;
    cell->is_formula = (uint8_t)(is_formula != 0);
    return OGI_OK;
}

ogi_error ogi_sheet_set_uncomputed(ogi_book *book, size_t sheet, uint32_t row, uint32_t col)
{
    ogi_error err;
    ogi_cell *cell = sheet_push(book, sheet, row, col, &err);
    if (!cell)
        return err;
    cell->kind = OGI_CELL_EMPTY;
    cell->is_formula = 1;
    return OGI_OK;
}

ogi_error ogi_sheet_set_formula(ogi_book *book, size_t sheet, uint32_t row, uint32_t col,
                                const char *text)
{
    if (sheet >= book->nsheets)
        return OGI_ERROR_CORRUPT;
    ogi_sheet *s = &book->sheets[sheet];
    for (size_t i = s->ncells; i-- > 0;) {
        if (s->cells[i].row == row && s->cells[i].col == col) {
            s->cells[i].formula = ogi_arena_strdup(&book->arena, text);
            return s->cells[i].formula ? OGI_OK : OGI_ERROR_MEMORY;
        }
    }
    return OGI_OK;
}

void ogi_sheet_mark_date(ogi_book *book, size_t sheet, uint32_t row, uint32_t col)
{
    if (sheet >= book->nsheets)
        return;
    ogi_sheet *s = &book->sheets[sheet];
    for (size_t i = s->ncells; i-- > 0;) {
        if (s->cells[i].row == row && s->cells[i].col == col) {
            s->cells[i].is_date = 1;
            return;
        }
    }
}

ogi_error ogi_sheet_add_merge(ogi_book *book, size_t sheet_index, ogi_merge merge)
{
    if (sheet_index >= book->nsheets || merge.first_row > merge.last_row ||
        merge.first_col > merge.last_col)
        return OGI_ERROR_CORRUPT;
    /* a merged range costs its area: the writer fills every cell of it
     * (libxlsxwriter's merge_range), and lookups scan the merges */
    uint64_t area = ((uint64_t)merge.last_row - merge.first_row + 1) *
                    ((uint64_t)merge.last_col - merge.first_col + 1);
    if (area > book->limits.max_cells - book->total_cells)
        return OGI_ERROR_TOO_MANY_CELLS;
    ogi_sheet *sheet = &book->sheets[sheet_index];
    ogi_error err;
    ogi_merge *merges =
        OGI_ARRAY_RESERVE(sheet->merges, &sheet->merges_cap, sheet->nmerges + 1, 0, &err);
    if (!merges)
        return err;
    sheet->merges = merges;
    sheet->merges[sheet->nmerges++] = merge;
    book->total_cells += area;
    free(sheet->merge_reach); /* a merge added after finishing: look up linearly */
    sheet->merge_reach = NULL;
    return OGI_OK;
}

static int cell_order(const void *a, const void *b)
{
    const ogi_cell *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return 0;
}

/* A stable merge sort: when a reader sets a cell twice, the later value
 * must win, which qsort (not stable) cannot promise. */
static void sort_cells_stable(ogi_cell *cells, size_t n, ogi_cell *tmp)
{
    if (n < 2)
        return;
    size_t half = n / 2;
    sort_cells_stable(cells, half, tmp);
    sort_cells_stable(cells + half, n - half, tmp);
    size_t i = 0, j = half, k = 0;
    while (i < half && j < n) {
        const ogi_cell *x = &cells[i], *y = &cells[j];
        int y_first = y->row < x->row || (y->row == x->row && y->col < x->col);
        tmp[k++] = y_first ? cells[j++] : cells[i++];
    }
    while (i < half)
        tmp[k++] = cells[i++];
    while (j < n)
        tmp[k++] = cells[j++];
    memcpy(cells, tmp, n * sizeof *cells);
}

static int is_sorted(const ogi_cell *cells, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (cell_order(&cells[i - 1], &cells[i]) >= 0)
            return 0;
    return 1;
}

static int merge_order(const void *a, const void *b)
{
    const ogi_merge *x = a, *y = b;
    if (x->first_row != y->first_row)
        return x->first_row < y->first_row ? -1 : 1;
    if (x->first_col != y->first_col)
        return x->first_col < y->first_col ? -1 : 1;
    return 0;
}

/* Sorts a sheet's merges by their first row and records how far down the
 * merges so far reach, so that finding the merge over a cell looks at the
 * few merges that can cover it, not at every merge of the sheet (a
 * workbook can hold tens of thousands). Without memory, lookups stay
 * linear. */
static void index_merges(ogi_sheet *sheet)
{
    free(sheet->merge_reach);
    sheet->merge_reach = NULL;
    if (sheet->nmerges < 2)
        return;
    qsort(sheet->merges, sheet->nmerges, sizeof *sheet->merges, merge_order);
    uint32_t *reach = malloc(sheet->nmerges * sizeof *reach);
    if (!reach)
        return;
    uint32_t most = 0;
    for (size_t i = 0; i < sheet->nmerges; i++) {
        if (sheet->merges[i].last_row > most)
            most = sheet->merges[i].last_row;
        reach[i] = most;
    }
    sheet->merge_reach = reach;
}

/* Where each row's cells start: the mapper and the checker look up
 * thousands of cells in each report, and a search of the whole sheet per
 * lookup was the check's costliest step. Built only for sheets whose rows
 * are not far more than their cells (a lone cell on row 1,000,000 must not
 * cost 4 MB); without it, or without memory, lookups search all cells. */
static void index_rows(ogi_sheet *sheet)
{
    free(sheet->row_first);
    sheet->row_first = NULL;
    if (sheet->ncells == 0 || sheet->ncells > UINT32_MAX || sheet->nrows == UINT32_MAX ||
        sheet->cells[sheet->ncells - 1].row >= sheet->nrows ||
        sheet->nrows > 2 * (uint64_t)sheet->ncells + 1024)
        return;
    uint32_t *first = malloc(((size_t)sheet->nrows + 1) * sizeof *first);
    if (!first)
        return;
    size_t i = 0;
    for (uint32_t r = 0; r <= sheet->nrows; r++) {
        while (i < sheet->ncells && sheet->cells[i].row < r)
            i++;
        first[r] = (uint32_t)i;
    }
    sheet->row_first = first;
}

void ogi_book_finish(ogi_book *book)
{
    for (size_t s = 0; s < book->nsheets; s++) {
        ogi_sheet *sheet = &book->sheets[s];
        if (sheet->ncells > 1 && !is_sorted(sheet->cells, sheet->ncells)) {
            ogi_cell *tmp = malloc(sheet->ncells * sizeof *tmp);
            if (tmp) {
                sort_cells_stable(sheet->cells, sheet->ncells, tmp);
                free(tmp);
            } else {
                qsort(sheet->cells, sheet->ncells, sizeof *sheet->cells, cell_order);
            }
            /* keep the last of equal positions */
            size_t out = 0;
            for (size_t i = 0; i < sheet->ncells; i++) {
                if (out > 0 && sheet->cells[out - 1].row == sheet->cells[i].row &&
                    sheet->cells[out - 1].col == sheet->cells[i].col)
                    out--;
                sheet->cells[out++] = sheet->cells[i];
            }
            sheet->ncells = out;
        }
        sheet->sorted = 1;
        index_merges(sheet);
        index_rows(sheet);
    }
}

size_t ogi_sheet_row_start(const ogi_sheet *sheet, uint32_t row)
{
    if (sheet->row_first)
        return row <= sheet->nrows ? sheet->row_first[row] : sheet->ncells;
    size_t lo = 0, hi = sheet->ncells;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sheet->cells[mid].row < row)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const ogi_cell *ogi_sheet_cell(const ogi_sheet *sheet, uint32_t row, uint32_t col)
{
    size_t lo = 0, hi = sheet->ncells;
    if (sheet->row_first) {
        if (row >= sheet->nrows)
            return NULL;
        lo = sheet->row_first[row];
        hi = sheet->row_first[row + 1];
    }
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const ogi_cell *c = &sheet->cells[mid];
        if (c->row < row || (c->row == row && c->col < col))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < sheet->ncells && sheet->cells[lo].row == row && sheet->cells[lo].col == col)
        return &sheet->cells[lo];
    return NULL;
}

const ogi_merge *ogi_sheet_merge_at(const ogi_sheet *sheet, uint32_t row, uint32_t col)
{
    if (sheet->merge_reach) {
        /* the merges that start at or above row, nearest first, while
         * some merge that far up still reaches down to row */
        size_t lo = 0, hi = sheet->nmerges;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (sheet->merges[mid].first_row <= row)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t i = lo; i-- > 0 && sheet->merge_reach[i] >= row;) {
            const ogi_merge *m = &sheet->merges[i];
            if (row <= m->last_row && col >= m->first_col && col <= m->last_col)
                return m;
        }
        return NULL;
    }
    for (size_t i = 0; i < sheet->nmerges; i++) {
        const ogi_merge *m = &sheet->merges[i];
        if (row >= m->first_row && row <= m->last_row && col >= m->first_col && col <= m->last_col)
            return m;
    }
    return NULL;
}

/* "A", "Z", "AA"...: col is 0-based. */
static void column_letters(uint32_t col, char *out)
{
    char tmp[8];
    size_t n = 0;
    uint64_t c = (uint64_t)col + 1;
    while (c > 0 && n < sizeof tmp) {
        c--;
        tmp[n++] = (char)('A' + c % 26);
        c /= 26;
    }
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

void ogi_source_ref(const ogi_book *book, ogi_source src, char *buf, size_t size)
{
    if (size == 0)
        return;
    buf[0] = '\0';
    if (!book || src.sheet < 0 || (size_t)src.sheet >= book->nsheets)
        return;
    char letters[8];
    column_letters(src.col, letters);
    /* quote the sheet name, doubling any quote inside it */
    size_t o = 0;
    buf[o++] = '\'';
    for (const char *s = book->sheets[src.sheet].name; *s && o + 2 < size; s++) {
        if (*s == '\'')
            buf[o++] = '\'';
        buf[o++] = *s;
    }
    if (o + 1 < size)
        buf[o++] = '\'';
    /* "!D7" by hand: this runs for every cell of every report */
    char row[12];
    size_t k = 0;
    for (uint32_t r = src.row + 1; r; r /= 10)
        row[k++] = (char)('0' + r % 10);
    if (o + 1 + strlen(letters) + k + 1 > size) {
        buf[o < size ? o : size - 1] = '\0';
        return;
    }
    buf[o++] = '!';
    for (const char *l = letters; *l; l++)
        buf[o++] = *l;
    while (k)
        buf[o++] = row[--k];
    buf[o] = '\0';
}
