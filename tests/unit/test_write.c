/* The marked-up workbook writer's own decisions (src/lib/write/write_*.c, src/lib/util/batch.c):
 * sheet names Excel accepts, atomic and batched outputs, refusals. The
 * workbook's content is checked end to end (tests/e2e/test_convert.py). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "ogi.h"
#include "write_xlsx.h"

static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += (*s & 0xC0) != 0x80;
    return n;
}

static void test_legal_names(void **state)
{
    (void)state;
    char *s = legal_sheet_name("a[b]c:d*e?f/g\\h", 0);
    assert_string_equal(s, "a_b_c_d_e_f_g_h");
    free(s);
    s = legal_sheet_name("'quoted'", 0);
    assert_string_equal(s, "_quoted");
    free(s);
    s = legal_sheet_name("", 2);
    assert_string_equal(s, "Sheet3");
    free(s);
    /* 40 characters of Chinese: cut at 31 characters, never inside one */
    const char *long_name =
        "政府信息公开工作年度报告统计表格政府信息公开工作年度报告统计表格一二三四五六七八";
    s = legal_sheet_name(long_name, 0);
    assert_int_equal(chars(s), 31);
    assert_memory_equal(s, long_name, strlen(s));
    free(s);
}

static void test_unique_names(void **state)
{
    (void)state;
    char *taken[] = {"审核结果", "Sheet1", "审核结果 (2)"};
    char *s = unique_name(taken, 3, strdup("审核结果"));
    assert_string_equal(s, "审核结果 (3)");
    free(s);
    s = unique_name(taken, 3, strdup("SHEET1")); /* Excel ignores case */
    assert_string_equal(s, "SHEET1 (2)");
    free(s);
    s = unique_name(taken, 3, strdup("规范-表二"));
    assert_string_equal(s, "规范-表二");
    free(s);
    /* a 31-character name makes room for its suffix */
    char *full[] = {"abcdefghijabcdefghijabcdefghijX"};
    s = unique_name(full, 1, strdup(full[0]));
    assert_string_equal(s, "abcdefghijabcdefghijabcdefg (2)");
    assert_int_equal(chars(s), 31);
    free(s);
    assert_null(unique_name(taken, 3, NULL));
}

static void test_text_width(void **state)
{
    (void)state;
    assert_true(ogi_text_width("ab") == 2.0);
    assert_true(ogi_text_width("表三") == 4.0);
    assert_true(ogi_text_width("表三 ab") == 7.0);
}

static void test_marks_anchor_on_merges(void **state)
{
    (void)state;
    ogi_book *b = ogi_book_new(NULL);
    assert_non_null(b);
    assert_non_null(ogi_book_add_sheet(b, "S", 1));
    ogi_merge m = {2, 4, 1, 3}; /* B3:D5 */
    assert_int_equal(ogi_sheet_add_merge(b, 0, m), OGI_OK);
    ogi_source inside = {0, 3, 2}, first = {0, 2, 1}, outside = {0, 5, 1}, none = {-1, 3, 2};
    ogi_source a = ogi_marks_anchor(b, inside);
    assert_int_equal(a.row, 2);
    assert_int_equal(a.col, 1);
    a = ogi_marks_anchor(b, first);
    assert_int_equal(a.row, 2);
    assert_int_equal(a.col, 1);
    a = ogi_marks_anchor(b, outside);
    assert_int_equal(a.row, 5);
    assert_int_equal(a.col, 1);
    a = ogi_marks_anchor(b, none);
    assert_int_equal(a.sheet, -1);
    ogi_book_free(b);
}

typedef struct fixture {
    ogi_context *ctx;
    ogi_book *book;
    ogi_report *report;
    char dir[64];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f || ogi_context_new(&f->ctx) != OGI_OK ||
        ogi_book_open(f->ctx, "samples/foshan-2019.xls", &f->book) != OGI_OK ||
        ogi_check(f->ctx, f->book, "samples/foshan-2019.xls", NULL, &f->report) != OGI_OK)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/ogi-test-write.XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        return -1;
    ogi_report_free(f->report);
    ogi_book_free(f->book);
    ogi_context_free(f->ctx);
    free(f);
    return 0;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Files in dir, hidden ones included (a temporary file left behind). */
static int files_in(const char *dir)
{
    char cmd[160];
    snprintf(cmd, sizeof cmd, "test $(ls -A '%s' | wc -l) -eq 0", dir);
    int empty = system(cmd) == 0;
    return !empty;
}

static void test_writes_and_refuses(void **state)
{
    fixture *f = *state;
    char out[128];
    snprintf(out, sizeof out, "%s/out.xlsx", f->dir);
    ogi_write_options o = {OGI_LANG_ZH, "2026-01-01 00:00:00"};
    assert_int_equal(ogi_write_xlsx(f->report, f->book, out, &o), OGI_OK);
    assert_true(exists(out));
    /* over its own input: refused, the input untouched */
    assert_int_equal(ogi_write_xlsx(f->report, f->book, "samples/foshan-2019.xls", &o),
                     OGI_ERROR_SAME_FILE);
    /* a folder that does not exist */
    char bad[160];
    snprintf(bad, sizeof bad, "%s/none/out.xlsx", f->dir);
    assert_int_equal(ogi_write_xlsx(f->report, f->book, bad, &o), OGI_ERROR_WRITE);
    assert_int_equal(unlink(out), 0);
    assert_false(files_in(f->dir));
}

static void test_batch(void **state)
{
    fixture *f = *state;
    char a[128], b[128];
    snprintf(a, sizeof a, "%s/a.xlsx", f->dir);
    snprintf(b, sizeof b, "%s/b.xlsx", f->dir);
    ogi_batch *batch = ogi_batch_new();
    assert_non_null(batch);
    assert_int_equal(ogi_write_xlsx_batch(f->report, f->book, a, NULL, batch), OGI_OK);
    assert_int_equal(ogi_write_xlsx_batch(f->report, f->book, b, NULL, batch), OGI_OK);
    /* nothing under its own name before the commit */
    assert_int_equal(ogi_batch_pending(batch), 2);
    assert_false(exists(a) || exists(b));
    ogi_error each[2] = {OGI_ERROR_WRITE, OGI_ERROR_WRITE};
    assert_int_equal(ogi_batch_commit(batch, each), OGI_OK);
    assert_int_equal(each[0], OGI_OK);
    assert_int_equal(each[1], OGI_OK);
    assert_true(exists(a) && exists(b));
    assert_int_equal(ogi_batch_pending(batch), 0);
    /* a text output in the batch, then discarded: nothing left */
    char j[128];
    snprintf(j, sizeof j, "%s/c.json", f->dir);
    assert_int_equal(ogi_write_file_batch(j, "{}", 2, batch), OGI_OK);
    assert_int_equal(ogi_batch_pending(batch), 1);
    ogi_batch_discard(batch, 0);
    assert_int_equal(ogi_batch_pending(batch), 0);
    assert_int_equal(ogi_batch_commit(batch, NULL), OGI_OK);
    assert_false(exists(j));
    /* outputs never committed are removed with the batch */
    assert_int_equal(unlink(a), 0);
    assert_int_equal(unlink(b), 0);
    assert_int_equal(ogi_write_xlsx_batch(f->report, f->book, a, NULL, batch), OGI_OK);
    assert_true(files_in(f->dir));
    ogi_batch_free(batch);
    assert_false(files_in(f->dir));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_legal_names),
        cmocka_unit_test(test_unique_names),
        cmocka_unit_test(test_text_width),
        cmocka_unit_test(test_marks_anchor_on_merges),
        cmocka_unit_test_setup_teardown(test_writes_and_refuses, setup, teardown),
        cmocka_unit_test_setup_teardown(test_batch, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
