/* BIFF8 formula tokens -> A1 text (src/lib/read/formula.c): the tokens a clerk's
 * sums produce, and refusal of what ogi does not decode. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "formula.h"

/* relative row and column, as Excel writes a plain reference */
#define REL 0xC0
#define REF(row, col) 0x24, (row), 0x00, (col), REL
#define AREA(r1, r2, c1, c2) 0x25, (r1), 0x00, (r2), 0x00, (c1), REL, (c2), REL

static const char *decode(const unsigned char *t, size_t n, uint32_t row, uint32_t col)
{
    static char out[512];
    memset(out, 'x', sizeof out);
    return ogi_formula_decode(t, n, row, col, out, sizeof out) ? out : NULL;
}

#define DECODE(tokens, row, col) decode(tokens, sizeof tokens, row, col)

static void test_references_and_operators(void **state)
{
    (void)state;
    /* D7 + E7 */
    static const unsigned char add[] = {REF(6, 3), REF(6, 4), 0x03};
    assert_string_equal(DECODE(add, 0, 0), "D7+E7");
    /* (B7 + C7) * 2 - 1 */
    static const unsigned char expr[] = {REF(6, 1), REF(6, 2), 0x03, 0x15, 0x1E, 2,
                                         0,         0x05,      0x1E, 1,    0,    0x04};
    assert_string_equal(DECODE(expr, 0, 0), "(B7+C7)*2-1");
    /* $A$1 / -B2 */
    static const unsigned char abs_ref[] = {0x24, 0, 0, 0, 0, REF(1, 1), 0x13, 0x06};
    assert_string_equal(DECODE(abs_ref, 0, 0), "$A$1/-B2");
}

static void test_numbers_strings_errors(void **state)
{
    (void)state;
    unsigned char num[9] = {0x1F};
    double d = 120.75;
    memcpy(num + 1, &d, sizeof d);
    assert_string_equal(DECODE(num, 0, 0), "120.75");
    static const unsigned char str[] = {0x17, 3, 0, 'a', '"', 'b'};
    assert_string_equal(DECODE(str, 0, 0), "\"a\"\"b\"");
    static const unsigned char cjk[] = {0x17, 1, 1, 0x08, 0x4E}; /* U+4E08 丈 */
    assert_string_equal(DECODE(cjk, 0, 0), "\"丈\"");
    static const unsigned char err[] = {0x1C, 0x07};
    assert_string_equal(DECODE(err, 0, 0), "#DIV/0!");
    static const unsigned char yes[] = {0x1D, 1};
    assert_string_equal(DECODE(yes, 0, 0), "TRUE");
}

static void test_sums(void **state)
{
    (void)state;
    /* AutoSum: area + ptgAttr SUM */
    static const unsigned char autosum[] = {AREA(6, 6, 3, 8), 0x19, 0x10, 0, 0};
    assert_string_equal(DECODE(autosum, 0, 0), "SUM(D7:I7)");
    /* SUM(B2, C3:C4) through ptgFuncVar (value class) */
    static const unsigned char var[] = {REF(1, 1), AREA(2, 3, 2, 2), 0x42, 2, 4, 0};
    assert_string_equal(DECODE(var, 0, 0), "SUM(B2,C3:C4)");
    /* ROUND(A1, 2) through ptgFunc with its fixed two arguments */
    static const unsigned char round2[] = {REF(0, 0), 0x1E, 2, 0, 0x41, 27, 0};
    assert_string_equal(DECODE(round2, 0, 0), "ROUND(A1,2)");
    /* spaces (ptgAttr space) leave no text */
    static const unsigned char spaced[] = {0x19, 0x40, 0, 1, REF(0, 0)};
    assert_string_equal(DECODE(spaced, 0, 0), "A1");
}

static void test_shared_relative(void **state)
{
    (void)state;
    /* a shared formula's ptgRefN: one row up, two columns left of the
     * cell it is in; ptgAreaN for the row's sum */
    static const unsigned char refn[] = {0x2C, 0xFF, 0xFF, 0xFE, REL};
    assert_string_equal(DECODE(refn, 9, 5), "D9");
    static const unsigned char arean[] = {0x2D, 0, 0, 0, 0, 0xFA, REL, 0xFF, REL, 0x19, 0x10, 0, 0};
    assert_string_equal(DECODE(arean, 6, 9), "SUM(D7:I7)");
}

static void test_refused(void **state)
{
    (void)state;
    char out[64];
    /* ptgExp (shared formula pointer): the caller's business */
    static const unsigned char exp[] = {0x01, 0, 0, 0, 0};
    assert_int_equal(ogi_formula_decode(exp, sizeof exp, 0, 0, out, sizeof out), 0);
    /* a reference to another sheet (ptgRef3d) */
    static const unsigned char ref3d[] = {0x3A, 0, 0, 0, 0, 0, REL};
    assert_int_equal(ogi_formula_decode(ref3d, sizeof ref3d, 0, 0, out, sizeof out), 0);
    /* a name, an unknown function, a cut-off token, an operator short of
     * operands, two values left over */
    static const unsigned char name[] = {0x23, 1, 0, 0, 0};
    static const unsigned char unknown[] = {REF(0, 0), 0x42, 1, 0xFF, 0x7F};
    static const unsigned char cut[] = {0x24, 0, 0};
    static const unsigned char lonely[] = {REF(0, 0), 0x03};
    static const unsigned char two[] = {REF(0, 0), REF(0, 1)};
    assert_int_equal(ogi_formula_decode(name, sizeof name, 0, 0, out, sizeof out), 0);
    assert_int_equal(ogi_formula_decode(unknown, sizeof unknown, 0, 0, out, sizeof out), 0);
    assert_int_equal(ogi_formula_decode(cut, sizeof cut, 0, 0, out, sizeof out), 0);
    assert_int_equal(ogi_formula_decode(lonely, sizeof lonely, 0, 0, out, sizeof out), 0);
    assert_int_equal(ogi_formula_decode(two, sizeof two, 0, 0, out, sizeof out), 0);
    /* a string constant with a control character XML cannot hold */
    static const unsigned char ctl[] = {0x17, 2, 0, 'a', 0x01};
    assert_int_equal(ogi_formula_decode(ctl, sizeof ctl, 0, 0, out, sizeof out), 0);
    /* the text would not fit */
    static const unsigned char sum[] = {AREA(6, 6, 3, 8), 0x19, 0x10, 0, 0};
    assert_int_equal(ogi_formula_decode(sum, sizeof sum, 0, 0, out, 5), 0);
    assert_int_equal(ogi_formula_decode(sum, 0, 0, 0, out, sizeof out), 0);
}

static void test_deep_nesting_is_bounded(void **state)
{
    (void)state;
    /* 200 parentheses around one reference: long text, bounded stack */
    unsigned char t[5 + 200];
    unsigned char ref[] = {REF(0, 0)};
    memcpy(t, ref, sizeof ref);
    memset(t + 5, 0x15, 200);
    char out[1024];
    assert_int_equal(ogi_formula_decode(t, sizeof t, 0, 0, out, sizeof out), 1);
    assert_int_equal(strlen(out), 402);
    /* 100 operands pushed: more than the stack holds */
    unsigned char many[500];
    for (size_t i = 0; i < 100; i++)
        memcpy(many + 5 * i, ref, sizeof ref);
    assert_int_equal(ogi_formula_decode(many, sizeof many, 0, 0, out, sizeof out), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_references_and_operators),
        cmocka_unit_test(test_numbers_strings_errors),
        cmocka_unit_test(test_sums),
        cmocka_unit_test(test_shared_relative),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_deep_nesting_is_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
