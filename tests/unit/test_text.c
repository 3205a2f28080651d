/* Label normalisation: the wording variants a submitter writes compare
 * equal to the template's label. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"

size_t numbering_prefix(const char *s, size_t len);
size_t trailing_annotation(const char *s, size_t len);

static ogi_t2s_map map;

static int setup(void **state)
{
    (void)state;
    return ogi_t2s_map_build(&map) == OGI_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ogi_t2s_map_free(&map);
    return 0;
}

static const char *norm(const char *s)
{
    static char buf[512];
    ogi_label_norm(&map, s, strlen(s), buf, sizeof buf);
    return buf;
}

static void test_traditional(void **state)
{
    (void)state;
    assert_string_equal(norm("規範性文件"), "规范性文件");
    assert_string_equal(norm("（七）總計"), "总计");
    assert_string_equal(norm("二、上年結轉政府信息公開申請數量"), "上年结转政府信息公开申请数量");
    assert_int_equal(ogi_t2s(&map, 0x842C /* 萬 */), 0x4E07 /* 万 */);
}

static void test_numbering(void **state)
{
    (void)state;
    assert_string_equal(norm("一、本年新收政府信息公开申请数量"), "本年新收政府信息公开申请数量");
    assert_string_equal(norm("（三）不予公开"), "不予公开");
    assert_string_equal(norm("(3)不予公开"), "不予公开");
    assert_string_equal(norm("3.危及“三安全一稳定”"), "危及三安全一稳定");
    assert_string_equal(norm("3、重复申请"), "重复申请");
    assert_string_equal(norm("３．重复申请"), "重复申请");
    assert_string_equal(norm("三、（一）予以公开"), "予以公开");
    /* a number is not numbering */
    assert_string_equal(norm("2019年"), "2019年");
    assert_int_equal(numbering_prefix("2.5万", 5), 0);
}

static void test_spaces_and_width(void **state)
{
    (void)state;
    assert_string_equal(norm("结果 维持"), "结果维持");
    assert_string_equal(norm("尚 未 审 结"), "尚未审结");
    assert_string_equal(norm("本年新\n制作数量"), "本年新制作数量");
    assert_string_equal(norm("\xE3\x80\x80自然人\xC2\xA0"), "自然人");
}

static void test_annotations(void **state)
{
    (void)state;
    assert_string_equal(norm("规章(设区的市、自治州人民政府应提供相关数据)"), "规章");
    assert_string_equal(norm("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
                        "部分公开");
    assert_string_equal(norm("对外公开总数量（自2014年至今）"), "对外公开总数量");
    /* a label that is all annotation keeps its text */
    const char *note = "(本列数据的勾稽关系为)";
    assert_int_equal(trailing_annotation(note, strlen(note)), strlen(note));
}

static void test_wording_variants(void **state)
{
    (void)state;
    /* 其它 and 其他 are one word; the rest of the label is untouched */
    assert_string_equal(norm("其它对外管理服务事项"), "其他对外管理服务事项");
    assert_string_equal(norm("（六）其它处理"), "其他处理");
    assert_string_equal(norm("其它"), "其他");
    assert_string_equal(norm("它"), "它");
    /* half-width punctuation inside a label, a line break in a word */
    assert_string_equal(norm("3. 危及\"三安全一稳\n定\""), "危及三安全一稳定");
    assert_string_equal(norm("(二)部分公开(区分处理的,只计这一情形,不计其他情形)"), "部分公开");
    /* pinyin glosses a web page's converter added ("數(shù)"), seed 002 */
    assert_string_equal(norm("對外公開總數(shù)量"), "对外公开总数量");
    assert_string_equal(norm("二、上年結轉(zhuǎn)政府信息公開申請數(shù)量"),
                        "上年结转政府信息公开申请数量");
    /* only letters of pinyin, only after an ideograph */
    assert_string_equal(norm("属于(a1)国家秘密"), "属于(a1)国家秘密");
    assert_string_equal(norm("3(ab)国家秘密"), "3(ab)国家秘密");
    /* traditional and full-width together */
    assert_string_equal(norm("（１）本年新收政府信息公開申請數量"), "本年新收政府信息公开申请数量");
}

static void test_utf8(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(ogi_utf8_decode("\xE4\xB8\x87", 3, &cp), 3);
    assert_int_equal(cp, 0x4E07);
    assert_int_equal(ogi_utf8_decode("\xE4\xB8", 2, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(ogi_utf8_length("万元", strlen("万元")), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_traditional),      cmocka_unit_test(test_numbering),
        cmocka_unit_test(test_spaces_and_width), cmocka_unit_test(test_annotations),
        cmocka_unit_test(test_wording_variants), cmocka_unit_test(test_utf8),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
