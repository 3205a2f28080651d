/* dates.c: which number formats show a date, and the text every reader
 * gives a date serial, so a date in a table of counts is named alike
 * whatever format the workbook came in. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "dates.h"

static void test_date_formats(void **state)
{
    (void)state;
    assert_int_equal(ogi_numfmt_date_kind(14, NULL), OGI_DATE_DATE);
    assert_int_equal(ogi_numfmt_date_kind(31, NULL),
                     OGI_DATE_DATE); /* yyyy年m月d日, Chinese Excel */
    assert_int_equal(ogi_numfmt_date_kind(0, NULL), OGI_DATE_NONE);
    assert_int_equal(ogi_numfmt_date_kind(3, NULL), OGI_DATE_NONE);
    const char *dates[] = {"yyyy\"年\"m\"月\"d\"日\"", "yyyy-mm-dd", "[h]:mm", "[$-804]aaaa",
                           "h:mm AM/PM"};
    const char *not_dates[] = {"0.00\"万元\"", "[Red]0",    "#,##0_);(#,##0)", "General", "@",
                               "0\\d",         "\"days\" 0"};
    for (size_t i = 0; i < sizeof dates / sizeof *dates; i++)
        assert_int_not_equal(ogi_numfmt_date_kind(200, dates[i]), OGI_DATE_NONE);
    for (size_t i = 0; i < sizeof not_dates / sizeof *not_dates; i++)
        assert_int_equal(ogi_numfmt_date_kind(200, not_dates[i]), OGI_DATE_NONE);
}

static void test_serial_dates(void **state)
{
    (void)state;
    static const struct {
        double serial;
        int date1904;
        ogi_date_kind kind;
        const char *text;
    } shown[] = {
        {43891, 0, OGI_DATE_DATE, "2020-03-01"},
        {43831, 0, OGI_DATE_DATE, "2020-01-01"},
        {1, 0, OGI_DATE_DATE, "1900-01-01"},
        {60, 0, OGI_DATE_DATE, "1900-02-29"}, /* Lotus's leap day, kept by Excel */
        {61, 0, OGI_DATE_DATE, "1900-03-01"},
        {0, 1, OGI_DATE_DATE, "1904-01-01"},
        {42369, 1, OGI_DATE_DATE, "2020-01-01"},
        {0.5, 0, OGI_DATE_TIME, "12:00:00"},
        {43891.75, 0, OGI_DATE_DATETIME, "2020-03-01 18:00:00"},
        {43831.75, 0, OGI_DATE_DATETIME, "2020-01-01 18:00:00"},
    };
    char buf[40];
    for (size_t i = 0; i < sizeof shown / sizeof *shown; i++) {
        assert_true(ogi_serial_date_text(shown[i].serial, shown[i].date1904, shown[i].kind, buf,
                                         sizeof buf));
        assert_string_equal(buf, shown[i].text);
    }
    const double no_date[] = {-1, 1e300, NAN};
    for (size_t i = 0; i < sizeof no_date / sizeof *no_date; i++)
        assert_false(ogi_serial_date_text(no_date[i], 0, OGI_DATE_DATE, buf, sizeof buf));
}

static void test_builtin_and_code_kinds(void **state)
{
    (void)state;
    assert_int_equal(ogi_numfmt_date_kind(14, NULL), OGI_DATE_DATE);
    assert_int_equal(ogi_numfmt_date_kind(22, NULL), OGI_DATE_DATETIME);
    assert_int_equal(ogi_numfmt_date_kind(0, NULL), OGI_DATE_NONE);
    assert_int_equal(ogi_numfmt_date_kind(164, "h:mm"), OGI_DATE_TIME);
    assert_int_equal(ogi_numfmt_date_kind(164, "yyyy-mm-dd hh:mm"), OGI_DATE_DATETIME);
    assert_int_equal(ogi_numfmt_date_kind(164, "[Red]#,##0\"元\";[$-804]0.00_)"), OGI_DATE_NONE);
    assert_int_equal(ogi_numfmt_date_kind(164, "[DBNum1][$-804]General"), OGI_DATE_NONE);
    assert_int_equal(ogi_numfmt_date_kind(164, "[h]:mm"), OGI_DATE_TIME);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_formats),
        cmocka_unit_test(test_serial_dates),
        cmocka_unit_test(test_builtin_and_code_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
