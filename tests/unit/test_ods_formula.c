/* ODS formulas as A1 text (ods_formula.c): what converts one to one, and
 * what gives up rather than write a wrong formula. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ods_formula.h"

static const char *a1(const char *of)
{
    static char buf[256];
    return ogi_ods_formula_a1(of, buf, sizeof buf) ? buf : NULL;
}

static void test_converted(void **state)
{
    (void)state;
    assert_string_equal(a1("of:=SUM([.D22:.I22])"), "SUM(D22:I22)");
    assert_string_equal(a1("of:=[.A1]+[.$B$2]*2"), "A1+$B$2*2");
    assert_string_equal(a1("of:=IF([.A1]>0;\"是;否\";\"a\"\"b\")"),
                        "IF(A1>0,\"是;否\",\"a\"\"b\")");
    assert_string_equal(a1("of:=SUM([$Sheet1.A1:.B2])"), "SUM(Sheet1!A1:B2)");
    assert_string_equal(a1("of:=['My sheet'.A1]"), "'My sheet'!A1");
    assert_string_equal(a1("of:=[$统计表.C3]"), "统计表!C3");
    assert_string_equal(a1("of:=SUM([.A:.A])"), "SUM(A:A)");
    assert_string_equal(a1("of:=[Sheet-2.A1]"), "'Sheet-2'!A1");
    assert_string_equal(a1("of:=1.5+[.A1]"), "1.5+A1");
}

static void test_given_up(void **state)
{
    (void)state;
    assert_null(a1("oooc:=SUM([.A1])"));               /* another dialect */
    assert_null(a1("of:=SUM({1;2|3;4})"));             /* an inline array */
    assert_null(a1("of:=SUM([Sheet1.A1:Sheet2.B2])")); /* across sheets */
    assert_null(a1("of:=[.A1]~[.B1]"));                /* a union */
    assert_null(a1("of:=ORG.OPENOFFICE.STYLE(\"x\")"));
    assert_null(a1("of:=#N/A"));
    assert_null(a1("of:=[.A1")); /* unterminated */
    assert_null(a1("of:=\"open"));
    assert_null(a1("of:=['file:///x.ods'#$Sheet1.A1]"));
    assert_null(a1("of:=[.NOTACELL]"));
    char small[4];
    assert_false(ogi_ods_formula_a1("of:=SUM([.A1:.B2])", small, sizeof small));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_converted),
        cmocka_unit_test(test_given_up),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
