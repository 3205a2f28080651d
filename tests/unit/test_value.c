/* Every example of spec §2: what a cell holds -> the value ogi reads. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "value.h"

static ogi_parsed text(const char *s, ogi_col_kind kind, ogi_unit unit)
{
    ogi_cell c = {0};
    c.kind = OGI_CELL_TEXT;
    c.text = s;
    c.text_len = (uint32_t)strlen(s);
    return ogi_value_parse(&c, kind, unit);
}

static ogi_parsed number(double v, ogi_col_kind kind, ogi_unit unit)
{
    ogi_cell c = {0};
    c.kind = OGI_CELL_NUMBER;
    c.number = v;
    return ogi_value_parse(&c, kind, unit);
}

#define EXPECT(p, v, notes_)                                                                       \
    do {                                                                                           \
        ogi_parsed p_ = (p);                                                                       \
        assert_true(p_.value > (v)-1e-9 && p_.value < (v) + 1e-9);                                 \
        assert_int_equal(p_.notes, (notes_));                                                      \
        assert_int_equal(p_.is_null, 0);                                                           \
    } while (0)

static void test_plain_number(void **state)
{
    (void)state;
    EXPECT(number(37, OGI_COL_COUNT, OGI_UNIT_NONE), 37, 0);
}

static void test_text_numbers(void **state)
{
    (void)state;
    EXPECT(text(" 220 ", OGI_COL_COUNT, 0), 220, OGI_NOTE_TEXT_NUMBER);
    EXPECT(text("２２０", OGI_COL_COUNT, 0), 220, OGI_NOTE_TEXT_NUMBER);
    EXPECT(text("1,234", OGI_COL_COUNT, 0), 1234, OGI_NOTE_TEXT_NUMBER);
    EXPECT(text("１，２３４", OGI_COL_COUNT, 0), 1234, OGI_NOTE_TEXT_NUMBER);
}

static void test_empty(void **state)
{
    (void)state;
    ogi_parsed p = ogi_value_parse(NULL, OGI_COL_COUNT, 0);
    assert_int_equal(p.is_null, 1);
    assert_int_equal(p.notes, OGI_NOTE_MISSING);
    p = text("   ", OGI_COL_COUNT, 0);
    assert_int_equal(p.is_null, 1);
    assert_int_equal(p.notes, OGI_NOTE_MISSING);
}

static void test_dashes(void **state)
{
    (void)state;
    const char *dashes[] = {"—", "-", "/", "无", "——", "－", "／"};
    for (size_t i = 0; i < sizeof dashes / sizeof *dashes; i++)
        EXPECT(text(dashes[i], OGI_COL_COUNT, 0), 0, OGI_NOTE_DASH);
}

static void test_expressions(void **state)
{
    (void)state;
    EXPECT(text("1+23", OGI_COL_COUNT, 0), 24, OGI_NOTE_EXPRESSION);
    EXPECT(text("53+1", OGI_COL_COUNT, 0), 54, OGI_NOTE_EXPRESSION);
    EXPECT(text("10 + 2 - 3", OGI_COL_COUNT, 0), 9, OGI_NOTE_EXPRESSION);
}

static void test_units(void **state)
{
    (void)state;
    EXPECT(text("283 批次", OGI_COL_COUNT, 0), 283, OGI_NOTE_UNIT);
    EXPECT(text("181.7098 万元", OGI_COL_MONEY, 0), 181.7098, OGI_NOTE_UNIT);
    EXPECT(text("83萬", OGI_COL_MONEY, 0), 83, OGI_NOTE_UNIT);
    EXPECT(text("251000元", OGI_COL_MONEY, 0), 25.1, OGI_NOTE_UNIT);
    EXPECT(text("4389.64万元", OGI_COL_MONEY, 0), 4389.64, OGI_NOTE_UNIT);
    EXPECT(text("26413 万元", OGI_COL_MONEY, 0), 26413, OGI_NOTE_UNIT);
}

static void test_money_without_unit(void **state)
{
    (void)state;
    EXPECT(number(52.5, OGI_COL_MONEY, OGI_UNIT_NONE), 52.5, OGI_NOTE_UNIT_UNKNOWN);
    EXPECT(number(52.5, OGI_COL_MONEY, OGI_UNIT_WAN), 52.5, 0);
    /* rescaled from the header's 元: said, not silent */
    EXPECT(number(250000, OGI_COL_MONEY, OGI_UNIT_YUAN), 25, OGI_NOTE_UNIT_YUAN);
    EXPECT(text("125000", OGI_COL_MONEY, OGI_UNIT_YUAN), 12.5,
           OGI_NOTE_TEXT_NUMBER | OGI_NOTE_UNIT_YUAN);
    /* a unit in the cell wins over the header's */
    EXPECT(text("3万元", OGI_COL_MONEY, OGI_UNIT_YUAN), 3, OGI_NOTE_UNIT);
    assert_string_equal(ogi_note_rule(OGI_NOTE_UNIT_YUAN), "value.unit");
    EXPECT(text("12", OGI_COL_MONEY, OGI_UNIT_NONE), 12,
           OGI_NOTE_TEXT_NUMBER | OGI_NOTE_UNIT_UNKNOWN);
}

static void test_annotated(void **state)
{
    (void)state;
    EXPECT(text("22（其中修订16件）", OGI_COL_COUNT, 0), 22, OGI_NOTE_ANNOTATED);
}

static void test_changes(void **state)
{
    (void)state;
    EXPECT(text("+2", OGI_COL_CHANGE, 0), 2, OGI_NOTE_TEXT_NUMBER);
    EXPECT(text("-2155", OGI_COL_CHANGE, 0), -2155, OGI_NOTE_TEXT_NUMBER);
    EXPECT(text("增加23项", OGI_COL_CHANGE, 0), 23, OGI_NOTE_TEXT_NUMBER);
    EXPECT(text("减少2项", OGI_COL_CHANGE, 0), -2, OGI_NOTE_TEXT_NUMBER);
    EXPECT(text("无增减", OGI_COL_CHANGE, 0), 0, OGI_NOTE_TEXT_NUMBER);
    EXPECT(text("0", OGI_COL_CHANGE, 0), 0, OGI_NOTE_TEXT_NUMBER);
    EXPECT(number(-3, OGI_COL_CHANGE, 0), -3, 0);
}

static void test_word_minus_signs(void **state)
{
    (void)state;
    /* en dash, minus sign, small hyphen-minus, figure and em dash before digits */
    const char *minus[] = {"–2", "−2", "﹣2", "‒2", "—2", "－2", " – 2 "};
    for (size_t i = 0; i < sizeof minus / sizeof *minus; i++)
        EXPECT(text(minus[i], OGI_COL_CHANGE, 0), -2, OGI_NOTE_TEXT_NUMBER);
    EXPECT(text("−3", OGI_COL_COUNT, 0), -3, OGI_NOTE_TEXT_NUMBER | OGI_NOTE_NEGATIVE);
    EXPECT(text("5−2", OGI_COL_COUNT, 0), 3, OGI_NOTE_EXPRESSION);
    /* alone, each is still a dash standing for zero */
    EXPECT(text("–", OGI_COL_CHANGE, 0), 0, OGI_NOTE_DASH);
    EXPECT(text("—", OGI_COL_CHANGE, 0), 0, OGI_NOTE_DASH);
    EXPECT(text("—万", OGI_COL_MONEY, 0), 0, OGI_NOTE_NOT_NUMBER);
}

static void test_uncomputed_formula(void **state)
{
    (void)state;
    /* a formula saved without a result is not a forgotten blank */
    ogi_cell c = {0};
    c.kind = OGI_CELL_EMPTY;
    c.is_formula = 1;
    c.formula = "SUM(D7:I7)";
    ogi_parsed p = ogi_value_parse(&c, OGI_COL_COUNT, 0);
    assert_int_equal(p.is_null, 1);
    assert_int_equal(p.notes, OGI_NOTE_FORMULA_UNCACHED);
    assert_string_equal(ogi_note_rule(OGI_NOTE_FORMULA_UNCACHED), "value.formula_uncached");
    assert_int_equal(ogi_note_severity(OGI_NOTE_FORMULA_UNCACHED), OGI_SEVERITY_WARNING);
}

static void test_errors(void **state)
{
    (void)state;
    EXPECT(number(-1, OGI_COL_COUNT, 0), -1, OGI_NOTE_NEGATIVE);
    EXPECT(number(2.5, OGI_COL_COUNT, 0), 2.5, OGI_NOTE_NOT_INTEGER);
    EXPECT(text("见附件", OGI_COL_COUNT, 0), 0, OGI_NOTE_NOT_NUMBER);
    /* "减少2项" is a change word, not a count */
    EXPECT(text("减少2项", OGI_COL_COUNT, 0), 0, OGI_NOTE_NOT_NUMBER);
    ogi_cell c = {0};
    c.kind = OGI_CELL_ERROR;
    c.text = "#DIV/0!";
    c.is_formula = 1;
    EXPECT(ogi_value_parse(&c, OGI_COL_COUNT, 0), 0, OGI_NOTE_NOT_NUMBER);
    c.kind = OGI_CELL_NUMBER;
    c.is_formula = 0;
    c.number = NAN;
    EXPECT(ogi_value_parse(&c, OGI_COL_COUNT, 0), 0, OGI_NOTE_NOT_NUMBER);
    c.number = INFINITY;
    EXPECT(ogi_value_parse(&c, OGI_COL_MONEY, OGI_UNIT_WAN), 0, OGI_NOTE_NOT_NUMBER);
    c.kind = OGI_CELL_TEXT;
    c.text = "2020-01-05";
    c.text_len = 10;
    c.is_date = 1;
    EXPECT(ogi_value_parse(&c, OGI_COL_COUNT, 0), 0, OGI_NOTE_NOT_NUMBER);
}

static void test_formula_results(void **state)
{
    (void)state;
    /* a formula is read as its cached result, like any other cell */
    ogi_cell c = {0};
    c.kind = OGI_CELL_NUMBER;
    c.number = 224;
    c.is_formula = 1;
    EXPECT(ogi_value_parse(&c, OGI_COL_COUNT, 0), 224, 0);
    c.kind = OGI_CELL_TEXT;
    c.text = "52 ";
    c.text_len = 3;
    EXPECT(ogi_value_parse(&c, OGI_COL_COUNT, 0), 52, OGI_NOTE_TEXT_NUMBER);
    c.kind = OGI_CELL_BOOL;
    c.number = 1;
    EXPECT(ogi_value_parse(&c, OGI_COL_COUNT, 0), 0, OGI_NOTE_NOT_NUMBER);
}

static void test_header_units(void **state)
{
    (void)state;
    assert_int_equal(ogi_unit_in_text("本年收费金额（单位：万元）"), OGI_UNIT_WAN);
    assert_int_equal(ogi_unit_in_text("采购总金额（元）"), OGI_UNIT_YUAN);
    assert_int_equal(ogi_unit_in_text("采购总金额"), OGI_UNIT_NONE);
    /* spaced out character by character, as labels are: still 万元 */
    assert_int_equal(ogi_unit_in_text("本 年 收 费 金 额 （ 单 位 ： 万 元 ）"), OGI_UNIT_WAN);
    assert_int_equal(ogi_unit_in_text("金额（万\xE3\x80\x80\xC2\xA0\n元）"), OGI_UNIT_WAN);
    assert_int_equal(ogi_unit_in_text("金额（ 元 ）"), OGI_UNIT_YUAN);
    assert_int_equal(ogi_unit_in_text("元"), OGI_UNIT_YUAN);
    assert_string_equal(ogi_note_rule(OGI_NOTE_MISSING), "value.missing");
    assert_int_equal(ogi_note_severity(OGI_NOTE_NEGATIVE), OGI_SEVERITY_ERROR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_number),
        cmocka_unit_test(test_text_numbers),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_dashes),
        cmocka_unit_test(test_expressions),
        cmocka_unit_test(test_units),
        cmocka_unit_test(test_money_without_unit),
        cmocka_unit_test(test_annotated),
        cmocka_unit_test(test_changes),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_word_minus_signs),
        cmocka_unit_test(test_uncomputed_formula),
        cmocka_unit_test(test_formula_results),
        cmocka_unit_test(test_header_units),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
