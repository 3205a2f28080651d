/* The value of formulas saved without their results: what is computed,
 * and what is declined rather than guessed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "book.h"
#include "formula_eval.h"

static ogi_book *book_with_numbers(void)
{
    ogi_book *b = ogi_book_new(NULL);
    assert_non_null(b);
    assert_non_null(ogi_book_add_sheet(b, "S", 1));
    /* A1:C1 = 1 2 3, A2 = 10, B2 = text, C2 = an uncomputed =SUM(A1:C1) */
    for (uint32_t c = 0; c < 3; c++)
        assert_int_equal(ogi_sheet_set_number(b, 0, 0, c, (double)(c + 1), 0), OGI_OK);
    assert_int_equal(ogi_sheet_set_number(b, 0, 1, 0, 10, 0), OGI_OK);
    assert_int_equal(ogi_sheet_set_text(b, 0, 1, 1, "abc", 3, 0), OGI_OK);
    assert_int_equal(ogi_sheet_set_uncomputed(b, 0, 1, 2), OGI_OK);
    assert_int_equal(ogi_sheet_set_formula(b, 0, 1, 2, "SUM(A1:C1)"), OGI_OK);
    ogi_book_finish(b);
    return b;
}

static void test_computed(void **state)
{
    (void)state;
    ogi_book *b = book_with_numbers();
    const ogi_sheet *s = &b->sheets[0];
    double v = 0;
    assert_true(ogi_formula_eval(s, "SUM(A1:C1)", &v) && v == 6);
    assert_true(ogi_formula_eval(s, "=A1+B1-C1", &v) && v == 0);
    assert_true(ogi_formula_eval(s, "$A$1*(B1+C1)/5", &v) && v == 1);
    assert_true(ogi_formula_eval(s, "SUM(A1,B1:C1, 4)", &v) && v == 10);
    assert_true(ogi_formula_eval(s, "C2+A2", &v) && v == 16);          /* an uncomputed formula */
    assert_true(ogi_formula_eval(s, "SUM(A5:C9)+-A1", &v) && v == -1); /* empty cells are 0 */
    ogi_book_free(b);
}

static void test_declined(void **state)
{
    (void)state;
    ogi_book *b = book_with_numbers();
    const ogi_sheet *s = &b->sheets[0];
    double v = 42;
    const char *declined[] = {
        "B2+1", "Sheet2!A1", "AVERAGE(A1:C1)", "A1/0",          "SUM(A1:C1", "A1 A2",
        "",     "A0",        "C1:A1",          "A1:XFD1048576", "\"text\""};
    for (size_t i = 0; i < sizeof declined / sizeof *declined; i++)
        assert_false(ogi_formula_eval(s, declined[i], &v));
    /* nesting a hostile file could make deep enough to end the stack */
    static char deep[40001];
    memset(deep, '(', 20000);
    memset(deep + 20000, ')', 20000);
    assert_false(ogi_formula_eval(s, deep, &v));
    memset(deep, '-', 40000);
    assert_false(ogi_formula_eval(s, deep, &v));
    assert_true(v == 42); /* nothing written when declined */
    ogi_book_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_computed),
        cmocka_unit_test(test_declined),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
