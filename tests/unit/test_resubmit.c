/* Recognising ogi's own marked-up workbook in a book (resubmit.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "book.h"
#include "helpers.h"
#include "resubmit.h"

/* The layout ogi convert writes: summary, the submitter's, statutory. */
static ogi_book *ogi_output(const char *summary, const char *tool, const char *tool_value)
{
    ogi_book *book = ogi_book_new(NULL);
    size_t s = helper_add_sheet(book, summary);
    helper_put_text(book, s, 0, 0, "政府信息公开工作年度报告 统计表格审核结果");
    helper_put_text(book, s, 8, 0, tool);
    helper_put_text(book, s, 8, 2, tool_value);
    s = helper_add_sheet(book, "年报统计表");
    helper_put_text(book, s, 0, 0, "一、本年新收政府信息公开申请数量");
    s = helper_add_sheet(book, "规范-表二");
    helper_put_text(book, s, 0, 0, "表二 主动公开政府信息情况");
    s = helper_add_sheet(book, "规范-表三 (2)");
    helper_put_text(book, s, 0, 0, "表三 收到和处理政府信息公开申请情况");
    s = helper_add_sheet(book, "Statutory Table 4");
    helper_put_text(book, s, 0, 0, "Table 4: administrative review and litigation");
    s = helper_add_sheet(book, "规范-说明"); /* a submitter's own sheet */
    helper_put_text(book, s, 0, 0, "说明文字");
    ogi_book_finish(book);
    return book;
}

static void test_ogi_output_keeps_the_submitters_sheets(void **state)
{
    (void)state;
    ogi_book *book = ogi_output("审核结果", "审核工具", "ogi 0.1.0");
    assert_int_equal(ogi_book_drop_own_sheets(book), 1);
    assert_int_equal(book->nsheets, 2);
    assert_string_equal(book->sheets[0].name, "年报统计表");
    assert_string_equal(book->sheets[1].name, "规范-说明");
    ogi_book_free(book);
    book = ogi_output("Check results (2)", "Checked by", "ogi 0.2.0");
    assert_int_equal(ogi_book_drop_own_sheets(book), 1);
    assert_int_equal(book->nsheets, 2);
    ogi_book_free(book);
}

static void test_other_workbooks_are_read_whole(void **state)
{
    (void)state;
    /* a sheet called 审核结果 that ogi did not write */
    ogi_book *book = ogi_output("审核结果", "审核人", "张三");
    assert_int_equal(ogi_book_drop_own_sheets(book), 0);
    assert_int_equal(book->nsheets, 6);
    ogi_book_free(book);
    book = ogi_output("审核结果表", "审核工具", "ogi 0.1.0");
    assert_int_equal(ogi_book_drop_own_sheets(book), 0);
    ogi_book_free(book);
    book = ogi_output("审核结果", "审核工具", "WPS");
    assert_int_equal(ogi_book_drop_own_sheets(book), 0);
    ogi_book_free(book);
}

static void test_statutory_sheets_alone_are_read(void **state)
{
    (void)state;
    ogi_book *book = ogi_book_new(NULL);
    size_t s = helper_add_sheet(book, "审核结果");
    helper_put_text(book, s, 8, 0, "审核工具");
    helper_put_text(book, s, 8, 2, "ogi 0.1.0");
    s = helper_add_sheet(book, "规范-表三");
    helper_put_text(book, s, 0, 0, "表三 收到和处理政府信息公开申请情况");
    ogi_book_finish(book);
    assert_int_equal(ogi_book_drop_own_sheets(book), 1);
    assert_int_equal(book->nsheets, 1);
    assert_string_equal(book->sheets[0].name, "规范-表三");
    ogi_book_free(book);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ogi_output_keeps_the_submitters_sheets),
        cmocka_unit_test(test_other_workbooks_are_read_whole),
        cmocka_unit_test(test_statutory_sheets_alone_are_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
