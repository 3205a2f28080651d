/* The BIFF8 walk that gives ogi what freexl skips: the cached results of
 * formula cells (number, string, boolean, error), merges, embedded charts,
 * and the refusal of damaged streams. Streams are built record by record. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "book.h"
#include "helpers.h"
#include "read_biff.h"

/* Globals with one worksheet "S"; returns where its BOF offset is to be
 * patched. */
static size_t globals(helper_biff *s)
{
    helper_biff_bof(s, 0x0005);
    unsigned char sheet[9] = {0, 0, 0, 0, 0, 0, 1, 0, 'S'};
    size_t at = s->n + 4;
    helper_biff_record(s, 0x0085, sheet, sizeof sheet);
    helper_biff_record(s, 0x000A, NULL, 0);
    return at;
}

static void sheet_bof(helper_biff *s, size_t patch)
{
    uint32_t off = (uint32_t)s->n;
    memcpy(s->b + patch, &off, 4); /* little-endian hosts, as ogi assumes */
    helper_biff_bof(s, 0x0010);
}

/* A FORMULA record at (row, col) with an 8-byte cached result. */
static void formula(helper_biff *s, uint16_t row, uint16_t col, const unsigned char result[8])
{
    unsigned char d[22] = {(unsigned char)row, (unsigned char)(row >> 8), (unsigned char)col,
                           (unsigned char)(col >> 8)};
    memcpy(d + 6, result, 8);
    d[20] = 0; /* cce: no tokens needed for the cached result */
    helper_biff_record(s, 0x0006, d, sizeof d);
}

static ogi_book *walk(const helper_biff *s, ogi_error want)
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
    helper_biff s = {{0}, 0};
    size_t patch = globals(&s);
    sheet_bof(&s, patch);
    unsigned char dims[14] = {0, 0, 0, 0, 6, 0, 0, 0, 1, 0, 0, 0, 0, 0};
    helper_biff_record(&s, 0x0200, dims, sizeof dims);
    double seven = 7.0;
    unsigned char num[8];
    memcpy(num, &seven, 8);
    formula(&s, 2, 0, num); /* =SUM(A1:A2) saved with its result 7 */
    unsigned char str[8] = {0x00, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    formula(&s, 3, 0, str);
    unsigned char text[7] = {4, 0, 0, '2', '2', '4', ' '};
    helper_biff_record(&s, 0x0207, text, sizeof text);
    unsigned char yes[8] = {0x01, 0, 1, 0, 0, 0, 0xFF, 0xFF};
    formula(&s, 4, 0, yes);
    unsigned char div0[8] = {0x02, 0, 0x07, 0, 0, 0, 0xFF, 0xFF};
    formula(&s, 5, 0, div0);
    unsigned char merge[10] = {1, 0, 1, 0, 2, 0, 1, 0, 4, 0}; /* B2:E3 */
    helper_biff_record(&s, 0x00E5, merge, sizeof merge);
    helper_biff_record(&s, 0x000A, NULL, 0);
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
    unsigned char dim[14] = {0};
    size_t patch;
    /* a password */
    helper_biff e = {{0}, 0};
    helper_biff_bof(&e, 0x0005);
    helper_biff_record(&e, 0x002F, dim, 6);
    ogi_book_free(walk(&e, OGI_ERROR_ENCRYPTED));
    /* a record cut off: an interrupted upload */
    helper_biff t = {{0}, 0};
    patch = globals(&t);
    sheet_bof(&t, patch);
    helper_biff_record(&t, 0x0200, dim, sizeof dim);
    t.n -= 5;
    ogi_book_free(walk(&t, OGI_ERROR_CORRUPT));
    /* Excel 5.0 */
    helper_biff old = {{0}, 0};
    unsigned char bof5[8] = {0x00, 0x05, 0x05, 0x00};
    helper_biff_record(&old, 0x0809, bof5, sizeof bof5);
    ogi_book_free(walk(&old, OGI_ERROR_OLD_BIFF));
}

static void test_embedded_chart(void **state)
{
    (void)state;
    /* two sheets; the first holds a chart, and a merge after it */
    helper_biff s = {{0}, 0};
    helper_biff_bof(&s, 0x0005);
    unsigned char sheet1[9] = {0, 0, 0, 0, 0, 0, 1, 0, 'A'};
    unsigned char sheet2[9] = {0, 0, 0, 0, 0, 0, 1, 0, 'B'};
    size_t patch1 = s.n + 4;
    helper_biff_record(&s, 0x0085, sheet1, sizeof sheet1);
    size_t patch2 = s.n + 4;
    helper_biff_record(&s, 0x0085, sheet2, sizeof sheet2);
    helper_biff_record(&s, 0x000A, NULL, 0);
    unsigned char dims[14] = {0};
    sheet_bof(&s, patch1);
    helper_biff_record(&s, 0x0200, dims, sizeof dims);
    helper_biff_bof(&s, 0x0020);
    helper_biff_record(&s, 0x0200, dims, sizeof dims); /* a chart has its own */
    helper_biff_record(&s, 0x000A, NULL, 0);
    unsigned char merge[10] = {1, 0, 0, 0, 1, 0, 0, 0, 2, 0}; /* A1:C2 */
    helper_biff_record(&s, 0x00E5, merge, sizeof merge);
    helper_biff_record(&s, 0x000A, NULL, 0);
    sheet_bof(&s, patch2);
    helper_biff_record(&s, 0x0200, dims, sizeof dims);
    helper_biff_record(&s, 0x000A, NULL, 0);
    ogi_book *b = walk(&s, OGI_OK);
    assert_int_equal(b->nsheets, 2);
    assert_non_null(ogi_sheet_merge_at(&b->sheets[0], 1, 2)); /* after the chart */
    ogi_book_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formula_results),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_embedded_chart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
