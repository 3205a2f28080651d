/* The BIFF8 walk that gives ogi what freexl skips: the cached results of
 * formula cells (number, string, boolean, error), merges, and the refusal
 * of streams freexl would mishandle. Streams are built record by record. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "book.h"
#include "read_biff.h"

typedef struct stream {
    unsigned char b[4096];
    size_t n;
} stream;

static void rec(stream *s, uint16_t type, const unsigned char *data, uint16_t len)
{
    assert_true(s->n + 4 + len <= sizeof s->b);
    s->b[s->n++] = (unsigned char)(type & 0xFF);
    s->b[s->n++] = (unsigned char)(type >> 8);
    s->b[s->n++] = (unsigned char)(len & 0xFF);
    s->b[s->n++] = (unsigned char)(len >> 8);
    if (len)
        memcpy(s->b + s->n, data, len);
    s->n += len;
}

static void bof(stream *s, uint16_t kind)
{
    unsigned char d[16] = {0x00, 0x06, (unsigned char)(kind & 0xFF), (unsigned char)(kind >> 8)};
    rec(s, 0x0809, d, sizeof d);
}

/* Globals with one worksheet "S"; returns where its BOF offset is to be
 * patched. */
static size_t globals(stream *s)
{
    bof(s, 0x0005);
    unsigned char sheet[9] = {0, 0, 0, 0, 0, 0, 1, 0, 'S'};
    size_t at = s->n + 4;
    rec(s, 0x0085, sheet, sizeof sheet);
    rec(s, 0x000A, NULL, 0);
    return at;
}

static void sheet_bof(stream *s, size_t patch)
{
    uint32_t off = (uint32_t)s->n;
    memcpy(s->b + patch, &off, 4); /* little-endian hosts, as ogi assumes */
    bof(s, 0x0010);
}

/* A FORMULA record at (row, col) with an 8-byte cached result. */
static void formula(stream *s, uint16_t row, uint16_t col, const unsigned char result[8])
{
    unsigned char d[22] = {(unsigned char)row, (unsigned char)(row >> 8), (unsigned char)col,
                           (unsigned char)(col >> 8)};
    memcpy(d + 6, result, 8);
    d[20] = 0; /* cce: no tokens needed for the cached result */
    rec(s, 0x0006, d, sizeof d);
}

static ogi_book *walk(const stream *s, ogi_error want)
{
    ogi_book *b = ogi_book_new(NULL);
    assert_non_null(b);
    assert_int_equal(ogi_biff_walk(b, s->b, s->n), want);
    ogi_book_finish(b);
    return b;
}

static void test_formula_results(void **state)
{
    (void)state;
    stream s = {{0}, 0};
    size_t patch = globals(&s);
    sheet_bof(&s, patch);
    unsigned char dims[14] = {0, 0, 0, 0, 6, 0, 0, 0, 0, 0, 1, 0, 0, 0}; /* A1:A6 */
    rec(&s, 0x0200, dims, sizeof dims);
    double seven = 7.0;
    unsigned char num[8];
    memcpy(num, &seven, 8);
    formula(&s, 2, 0, num); /* =SUM(A1:A2) saved with its result 7 */
    unsigned char str[8] = {0x00, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    formula(&s, 3, 0, str);
    unsigned char text[7] = {4, 0, 0, '2', '2', '4', ' '};
    rec(&s, 0x0207, text, sizeof text);
    unsigned char yes[8] = {0x01, 0, 1, 0, 0, 0, 0xFF, 0xFF};
    formula(&s, 4, 0, yes);
    unsigned char div0[8] = {0x02, 0, 0x07, 0, 0, 0, 0xFF, 0xFF};
    formula(&s, 5, 0, div0);
    unsigned char merge[10] = {1, 0, 1, 0, 2, 0, 1, 0, 4, 0}; /* B2:E3 */
    rec(&s, 0x00E5, merge, sizeof merge);
    rec(&s, 0x000A, NULL, 0);
    ogi_book *b = walk(&s, OGI_OK);
    assert_int_equal(b->nsheets, 1);
    assert_string_equal(b->sheets[0].name, "S");
    const ogi_cell *c = ogi_sheet_cell(&b->sheets[0], 2, 0);
    assert_non_null(c);
    assert_int_equal(c->kind, OGI_CELL_NUMBER);
    assert_true(c->is_formula && c->number == 7);
    c = ogi_sheet_cell(&b->sheets[0], 3, 0);
    assert_int_equal(c->kind, OGI_CELL_TEXT);
    assert_string_equal(c->text, "224 ");
    c = ogi_sheet_cell(&b->sheets[0], 4, 0);
    assert_int_equal(c->kind, OGI_CELL_BOOL);
    assert_true(c->number == 1);
    c = ogi_sheet_cell(&b->sheets[0], 5, 0);
    assert_int_equal(c->kind, OGI_CELL_ERROR);
    assert_string_equal(c->text, "#DIV/0!");
    const ogi_merge *m = ogi_sheet_merge_at(&b->sheets[0], 2, 3);
    assert_non_null(m);
    assert_true(m->first_row == 1 && m->last_row == 2 && m->first_col == 1 && m->last_col == 4);
    assert_null(ogi_sheet_merge_at(&b->sheets[0], 3, 3));
    ogi_book_free(b);
}

static void test_refusals(void **state)
{
    (void)state;
    /* two DIMENSIONS in one sheet: freexl would lose memory on it */
    stream s = {{0}, 0};
    size_t patch = globals(&s);
    sheet_bof(&s, patch);
    unsigned char dim[14] = {0};
    rec(&s, 0x0200, dim, sizeof dim);
    rec(&s, 0x0200, dim, sizeof dim);
    rec(&s, 0x000A, NULL, 0);
    ogi_book_free(walk(&s, OGI_ERROR_CORRUPT));
    /* a grid of 65536 x 256 cells, which freexl would allocate at once */
    stream g = {{0}, 0};
    patch = globals(&g);
    sheet_bof(&g, patch);
    unsigned char huge[14] = {0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0};
    rec(&g, 0x0200, huge, sizeof huge);
    rec(&g, 0x000A, NULL, 0);
    ogi_book_free(walk(&g, OGI_ERROR_TOO_MANY_CELLS));
    /* a cell outside the grid DIMENSIONS gives (row 258 of 20) */
    stream c = {{0}, 0};
    patch = globals(&c);
    sheet_bof(&c, patch);
    unsigned char small[14] = {0, 0, 0, 0, 20, 0, 0, 0, 0, 0, 5, 0, 0, 0};
    rec(&c, 0x0200, small, sizeof small);
    unsigned char blank[6] = {2, 1, 2, 0, 0x0F, 0};
    rec(&c, 0x0201, blank, sizeof blank);
    rec(&c, 0x000A, NULL, 0);
    ogi_book_free(walk(&c, OGI_ERROR_CORRUPT));
    /* a LABELSST of the wrong length, swallowing what follows it */
    stream w = {{0}, 0};
    patch = globals(&w);
    sheet_bof(&w, patch);
    rec(&w, 0x0200, small, sizeof small);
    unsigned char sst_cell[12] = {1, 0, 1, 0, 0x0F, 0, 0, 0, 0, 0, 0, 0};
    rec(&w, 0x00FD, sst_cell, sizeof sst_cell);
    rec(&w, 0x000A, NULL, 0);
    ogi_book_free(walk(&w, OGI_ERROR_CORRUPT));
    /* a record numbered 0 inside a sheet; zeros after the end are padding */
    stream z = {{0}, 0};
    patch = globals(&z);
    sheet_bof(&z, patch);
    rec(&z, 0x0200, small, sizeof small);
    rec(&z, 0x0000, NULL, 0);
    rec(&z, 0x000A, NULL, 0);
    ogi_book_free(walk(&z, OGI_ERROR_CORRUPT));
    z.n -= 8;
    rec(&z, 0x000A, NULL, 0);
    memset(z.b + z.n, 0, 64);
    z.n += 64;
    ogi_book_free(walk(&z, OGI_OK));
    /* a sheet that runs into the next one without its EOF */
    stream x = {{0}, 0};
    bof(&x, 0x0005);
    size_t pa = x.n + 4;
    rec(&x, 0x0085, (const unsigned char *)"\0\0\0\0\0\0\1\0A", 9);
    size_t pb = x.n + 4;
    rec(&x, 0x0085, (const unsigned char *)"\0\0\0\0\0\0\1\0B", 9);
    rec(&x, 0x000A, NULL, 0);
    sheet_bof(&x, pa);
    rec(&x, 0x0200, small, sizeof small);
    sheet_bof(&x, pb);
    rec(&x, 0x0200, small, sizeof small);
    rec(&x, 0x000A, NULL, 0);
    ogi_book_free(walk(&x, OGI_ERROR_CORRUPT));
    /* a worksheet without DIMENSIONS */
    stream d = {{0}, 0};
    patch = globals(&d);
    sheet_bof(&d, patch);
    rec(&d, 0x000A, NULL, 0);
    ogi_book_free(walk(&d, OGI_ERROR_CORRUPT));
    /* a worksheet listed where there is none */
    stream l = {{0}, 0};
    globals(&l);
    bof(&l, 0x0010);
    rec(&l, 0x000A, NULL, 0);
    ogi_book_free(walk(&l, OGI_ERROR_CORRUPT));
    /* a password */
    stream e = {{0}, 0};
    bof(&e, 0x0005);
    rec(&e, 0x002F, dim, 6);
    ogi_book_free(walk(&e, OGI_ERROR_ENCRYPTED));
    /* a record cut off: an interrupted upload */
    stream t = {{0}, 0};
    patch = globals(&t);
    sheet_bof(&t, patch);
    rec(&t, 0x0200, dim, sizeof dim);
    t.n -= 5;
    ogi_book_free(walk(&t, OGI_ERROR_CORRUPT));
    /* Excel 5.0 */
    stream old = {{0}, 0};
    unsigned char bof5[8] = {0x00, 0x05, 0x05, 0x00};
    rec(&old, 0x0809, bof5, sizeof bof5);
    ogi_book_free(walk(&old, OGI_ERROR_OLD_BIFF));
}

static void test_shared_strings(void **state)
{
    (void)state;
    /* one string of 6 characters split over the SST and a CONTINUE whose
     * option byte turns the rest to UTF-16 */
    stream s = {{0}, 0};
    bof(&s, 0x0005);
    unsigned char sst[15] = {1, 0, 0, 0, 1, 0, 0, 0, 6, 0, 0, 'a', 'b', 'c', 'd'};
    rec(&s, 0x00FC, sst, sizeof sst);
    unsigned char cont[5] = {1, 'e', 0, 'f', 0};
    rec(&s, 0x003C, cont, sizeof cont);
    rec(&s, 0x000A, NULL, 0);
    ogi_book_free(walk(&s, OGI_OK));
    /* a string that claims 1000 characters in 4 bytes */
    stream t = {{0}, 0};
    bof(&t, 0x0005);
    unsigned char big[15] = {1, 0, 0, 0, 1, 0, 0, 0, 0xE8, 0x03, 0, 'a', 'b', 'c', 'd'};
    rec(&t, 0x00FC, big, sizeof big);
    rec(&t, 0x000A, NULL, 0);
    ogi_book_free(walk(&t, OGI_ERROR_CORRUPT));
    /* a number format that claims 65528 characters in 7 bytes */
    stream f = {{0}, 0};
    bof(&f, 0x0005);
    unsigned char fmt[12] = {0xA4, 0, 0xF8, 0xFF, 0, 'G', 'e', 'n', 'e', 'r', 'a', 'l'};
    rec(&f, 0x041E, fmt, sizeof fmt);
    rec(&f, 0x000A, NULL, 0);
    ogi_book_free(walk(&f, OGI_ERROR_CORRUPT));
    fmt[2] = 7;
    fmt[3] = 0;
    f.n = 0;
    bof(&f, 0x0005);
    rec(&f, 0x041E, fmt, sizeof fmt);
    rec(&f, 0x000A, NULL, 0);
    ogi_book_free(walk(&f, OGI_OK));
    /* more strings than there are */
    stream u = {{0}, 0};
    bof(&u, 0x0005);
    unsigned char many[15] = {9, 0, 0, 0, 9, 0, 0, 0, 4, 0, 0, 'a', 'b', 'c', 'd'};
    rec(&u, 0x00FC, many, sizeof many);
    rec(&u, 0x000A, NULL, 0);
    ogi_book_free(walk(&u, OGI_ERROR_CORRUPT));
}

static void test_embedded_chart(void **state)
{
    (void)state;
    /* two sheets; the first holds a chart, and a merge after it */
    stream s = {{0}, 0};
    bof(&s, 0x0005);
    unsigned char sheet1[9] = {0, 0, 0, 0, 0, 0, 1, 0, 'A'};
    unsigned char sheet2[9] = {0, 0, 0, 0, 0, 0, 1, 0, 'B'};
    size_t patch1 = s.n + 4;
    rec(&s, 0x0085, sheet1, sizeof sheet1);
    size_t patch2 = s.n + 4;
    rec(&s, 0x0085, sheet2, sizeof sheet2);
    rec(&s, 0x000A, NULL, 0);
    unsigned char dims[14] = {0};
    sheet_bof(&s, patch1);
    rec(&s, 0x0200, dims, sizeof dims);
    size_t chart = s.n;
    bof(&s, 0x0020);
    rec(&s, 0x0200, dims, sizeof dims); /* a chart has its own */
    rec(&s, 0x000A, NULL, 0);
    size_t chart_len = s.n - chart;
    unsigned char merge[10] = {1, 0, 0, 0, 1, 0, 0, 0, 2, 0}; /* A1:C2 */
    rec(&s, 0x00E5, merge, sizeof merge);
    rec(&s, 0x000A, NULL, 0);
    sheet_bof(&s, patch2);
    uint32_t second = (uint32_t)(s.n - 20);
    rec(&s, 0x0200, dims, sizeof dims);
    rec(&s, 0x000A, NULL, 0);
    ogi_book *b = walk(&s, OGI_OK);
    assert_int_equal(b->nsheets, 2);
    assert_non_null(ogi_sheet_merge_at(&b->sheets[0], 1, 2)); /* after the chart */
    ogi_book_free(b);
    unsigned char *out;
    size_t n = ogi_biff_without_charts(s.b, s.n, &out);
    assert_int_equal(n, s.n - chart_len);
    uint32_t moved;
    memcpy(&moved, out + patch2, 4);
    assert_int_equal(moved, second - chart_len);
    assert_int_equal(out[moved], 0x09);            /* a BOF where the list says */
    assert_int_equal(memcmp(out, s.b, patch2), 0); /* all before the moved offset */
    stream t = {{0}, 0};
    memcpy(t.b, out, n);
    t.n = n;
    free(out);
    b = walk(&t, OGI_OK);
    assert_int_equal(b->nsheets, 2);
    assert_non_null(ogi_sheet_merge_at(&b->sheets[0], 0, 0));
    ogi_book_free(b);
    /* nothing to take out of a stream without charts */
    assert_int_equal(ogi_biff_without_charts(t.b, t.n, &out), 0);
    assert_null(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formula_results),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_shared_strings),
        cmocka_unit_test(test_embedded_chart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
