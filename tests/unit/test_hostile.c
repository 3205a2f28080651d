/* The reader's defences (docs/security.md): limits, the time limit, text
 * and numbers no file may smuggle in, shared strings across records, and
 * dates. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "biff_sst.h"
#include "book.h"
#include "read_biff.h"

static void test_limit_defaults(void **state)
{
    (void)state;
    ogi_limits l = ogi_limits_resolve(NULL);
    assert_int_equal(l.max_file_bytes, 64u << 20);
    assert_int_equal(l.max_cells, 2000000);
    assert_int_equal(l.max_string, 32767);
    assert_int_equal(l.max_seconds, 30);
    ogi_limits mine = {0, 10, 0, 2};
    l = ogi_limits_resolve(&mine);
    assert_int_equal(l.max_cells, 10);
    assert_int_equal(l.max_seconds, 2);
    assert_int_equal(l.max_string, 32767);
}

static void test_cell_limit_counts_merges(void **state)
{
    (void)state;
    /* a merged range costs its area: 2 x 2 here */
    ogi_limits l = {0, 6, 0, 0};
    ogi_book *b = ogi_book_new(&l);
    assert_non_null(ogi_book_add_sheet(b, "s", 1));
    assert_int_equal(ogi_sheet_set_number(b, 0, 0, 0, 1, 0), OGI_OK);
    ogi_merge m = {0, 1, 0, 1};
    assert_int_equal(ogi_sheet_add_merge(b, 0, m), OGI_OK);
    assert_int_equal(ogi_sheet_add_merge(b, 0, m), OGI_ERROR_TOO_MANY_CELLS);
    assert_int_equal(ogi_sheet_set_number(b, 0, 0, 1, 1, 0), OGI_OK);
    ogi_merge huge = {0, 65535, 0, 255};
    assert_int_equal(ogi_sheet_add_merge(b, 0, huge), OGI_ERROR_TOO_MANY_CELLS);
    assert_int_equal(ogi_sheet_set_number(b, 0, 0, 2, 1, 0), OGI_ERROR_TOO_MANY_CELLS);
    ogi_book_free(b);
}

static void test_non_finite_numbers_become_errors(void **state)
{
    (void)state;
    ogi_book *b = ogi_book_new(NULL);
    assert_non_null(ogi_book_add_sheet(b, "s", 1));
    assert_int_equal(ogi_sheet_set_number(b, 0, 0, 0, NAN, 0), OGI_OK);
    assert_int_equal(ogi_sheet_set_number(b, 0, 1, 0, -INFINITY, 1), OGI_OK);
    ogi_book_finish(b);
    const ogi_cell *c = ogi_sheet_cell(&b->sheets[0], 0, 0);
    assert_int_equal(c->kind, OGI_CELL_ERROR);
    assert_string_equal(c->text, "#NUM!");
    c = ogi_sheet_cell(&b->sheets[0], 1, 0);
    assert_int_equal(c->kind, OGI_CELL_ERROR);
    assert_int_equal(c->is_formula, 1);
    ogi_book_free(b);
}

static void test_text_is_made_valid_utf8(void **state)
{
    (void)state;
    ogi_book *b = ogi_book_new(NULL);
    assert_non_null(ogi_book_add_sheet(b, "bad\xff name", 9));
    assert_string_equal(b->sheets[0].name, "bad\xef\xbf\xbd name");
    static const char raw[] = {'a', '\0', 'b', '\xe4', '\xb8', 'c'}; /* NUL, cut 中 */
    assert_int_equal(ogi_sheet_set_text(b, 0, 0, 0, raw, sizeof raw, 0), OGI_OK);
    assert_int_equal(ogi_sheet_set_text(b, 0, 0, 1, "表三", strlen("表三"), 0), OGI_OK);
    ogi_book_finish(b);
    const ogi_cell *c = ogi_sheet_cell(&b->sheets[0], 0, 0);
    assert_string_equal(c->text, "a b\xef\xbf\xbd\xef\xbf\xbd"
                                 "c");
    assert_int_equal(c->text_len, strlen(c->text));
    assert_string_equal(ogi_sheet_cell(&b->sheets[0], 0, 1)->text, "表三");
    ogi_book_free(b);
}

/* A Workbook stream: globals BOF, n empty records of an unknown type, EOF. */
static unsigned char *stream_of(size_t n, size_t *len)
{
    *len = 20 + 4 * n + 4;
    unsigned char *s = calloc(1, *len);
    static const unsigned char bof[20] = {0x09, 0x08, 16, 0, 0x00, 0x06, 0x05, 0x00};
    memcpy(s, bof, sizeof bof);
    for (size_t i = 0; i < n; i++) {
        s[20 + 4 * i] = 0x34;
        s[21 + 4 * i] = 0x12;
    }
    s[*len - 4] = 0x0A; /* EOF */
    return s;
}

static void test_time_limit_stops_the_reader(void **state)
{
    (void)state;
    size_t len;
    unsigned char *s = stream_of(20000, &len);
    ogi_book *b = ogi_book_new(NULL);
    assert_int_equal(ogi_book_check_time(b), OGI_OK);
    assert_int_equal(ogi_biff_walk(b, s, len), OGI_OK);
    b->deadline_ns = 0; /* as if the time were up */
    assert_int_equal(ogi_book_check_time(b), OGI_ERROR_TIME_LIMIT);
    assert_int_equal(ogi_biff_walk(b, s, len), OGI_ERROR_TIME_LIMIT);
    ogi_book_free(b);
    free(s);
}

static void test_time_limit_stops_every_reader(void **state)
{
    (void)state;
    ogi_book *b = ogi_book_new(NULL);
    assert_non_null(ogi_book_add_sheet(b, "s", 1));
    b->deadline_ns = 0;
    ogi_error err = OGI_OK;
    uint32_t n = 0;
    for (; n < 200000 && err == OGI_OK; n++)
        err = ogi_sheet_set_number(b, 0, n, 0, 1, 0);
    assert_int_equal(err, OGI_ERROR_TIME_LIMIT);
    assert_true(n <= 65536);
    ogi_book_free(b);
}

static void test_time_limit_stops_the_check(void **state)
{
    (void)state;
    ogi_context *ctx;
    assert_int_equal(ogi_context_new(&ctx), OGI_OK);
    ogi_book *b = ogi_book_new(NULL);
    assert_non_null(ogi_book_add_sheet(b, "s", 1));
    ogi_book_finish(b);
    ogi_report *r = NULL;
    assert_int_equal(ogi_check(ctx, b, "x.xls", NULL, &r), OGI_OK);
    ogi_report_free(r);
    b->deadline_ns = 0;
    r = NULL;
    assert_int_equal(ogi_check(ctx, b, "x.xls", NULL, &r), OGI_ERROR_TIME_LIMIT);
    assert_null(r);
    ogi_book_free(b);
    ogi_context_free(ctx);
}

static void test_sst_across_continue(void **state)
{
    (void)state;
    /* "ab" then, in a CONTINUE with a new width flag, 中文 as UTF-16;
     * then a second string wholly in the CONTINUE */
    static const unsigned char sst[] = {2, 0, 0, 0, 2, 0, 0, 0, 4, 0, 0x00, 'a', 'b'};
    static const unsigned char cont[] = {0x01, 0x2D, 0x4E, 0x87, 0x65, 1, 0, 0x00, 'z'};
    ogi_biff_seg segs[2] = {{sst, sizeof sst}, {cont, sizeof cont}};
    ogi_book *b = ogi_book_new(NULL);
    ogi_sst t;
    assert_int_equal(ogi_sst_read(b, segs, 2, &t), OGI_OK);
    assert_int_equal(t.n, 2);
    assert_string_equal(t.text[0], "ab中文");
    assert_string_equal(t.text[1], "z");
    ogi_sst_free(&t);
    /* cut off inside the characters: the table ends there */
    assert_int_equal(ogi_sst_read(b, segs, 1, &t), OGI_OK);
    assert_int_equal(t.n, 0);
    ogi_sst_free(&t);
    /* a string past the limit is a refusal */
    ogi_limits l = {0, 0, 3, 0};
    ogi_book *small = ogi_book_new(&l);
    assert_int_equal(ogi_sst_read(small, segs, 2, &t), OGI_ERROR_STRING_TOO_LONG);
    ogi_book_free(small);
    ogi_book_free(b);
}

static void test_lone_surrogate_is_replaced(void **state)
{
    (void)state;
    static const unsigned char p[] = {0x00, 0xD8, 'x', 0};
    char out[32];
    size_t used;
    size_t n = ogi_biff_chars(p, sizeof p, 2, 1, out, 0, sizeof out, &used);
    out[n] = '\0';
    assert_int_equal(used, 2);
    assert_string_equal(out, "\xef\xbf\xbdx");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_limit_defaults),
        cmocka_unit_test(test_cell_limit_counts_merges),
        cmocka_unit_test(test_non_finite_numbers_become_errors),
        cmocka_unit_test(test_text_is_made_valid_utf8),
        cmocka_unit_test(test_time_limit_stops_the_reader),
        cmocka_unit_test(test_time_limit_stops_every_reader),
        cmocka_unit_test(test_time_limit_stops_the_check),
        cmocka_unit_test(test_sst_across_continue),
        cmocka_unit_test(test_lone_surrogate_is_replaced),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
