/* The similarity measure and the alignment of label_match.c: reworded
 * labels score high against their own statutory label, near-miss labels
 * (another row's) do not reach it, and the alignment keeps only pairs the
 * order and the margin make certain. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "label_match.h"

#define N(a) (sizeof(a) / sizeof *(a))

static unsigned sim(const char *a, const char *b)
{
    return ogi_label_similarity(a, strlen(a), b, strlen(b));
}

static void test_measure_values(void **state)
{
    (void)state;
    assert_int_equal(sim("属于国家秘密", "属于国家秘密"), 1000);
    /* 2 * LCS / (|a| + |b|): 12 of 13 and 12 characters */
    assert_int_equal(sim("属于国家秘密的", "属于国家秘密"), 2000 * 6 / 13);
    /* a published typo: 其他法律行政止公开 (9) against 12, 9 in common */
    assert_int_equal(sim("其他法律行政止公开", "其他法律行政法规禁止公开"), 2000 * 9 / 21);
    assert_int_equal(sim("予以公开", "部分公开"), 500);
    /* symmetric */
    assert_int_equal(sim("本年新收政府信息公开申请件数", "本年新收政府信息公开申请"),
                     sim("本年新收政府信息公开申请", "本年新收政府信息公开申请件数"));
    /* too short to be told apart by a measure: exact or nothing */
    assert_int_equal(sim("其他", "其他"), 0);
    assert_int_equal(sim("总计", "合计"), 0);
    assert_int_equal(sim("其他处理", "其他"), 0);
    /* a sentence is not a label */
    char longer[400] = "";
    for (int i = 0; i < 70; i++)
        strcat(longer, "公");
    assert_int_equal(sim(longer, longer), 0);
}

/* Each written form (a way submitters reword) against its own statutory
 * label and the statutory labels it could be confused with: its own
 * reaches OGI_SIM_ACCEPT, every other stays a margin below. */
typedef struct case_ {
    const char *written, *own;
    const char *others[3];
} case_;

static const case_ reworded[] = {
    {"本年新收政府信息公开申请件数",
     "本年新收政府信息公开申请数量",
     {"上年结转政府信息公开申请数量"}},
    {"上年结转的政府信息公开申请数量",
     "上年结转政府信息公开申请数量",
     {"本年新收政府信息公开申请数量"}},
    {"予以公开的", "予以公开", {"部分公开"}},
    {"其他法律行政止公开", "其他法律行政法规禁止公开", {"属于国家秘密", "保护第三方合法权益"}},
    {"危及三安全一稳定的情形", "危及三安全一稳定", {"属于三类内部事务信息"}},
    {"属于三类内部事务的信息", "属于三类内部事务信息", {"属于四类过程性信息"}},
    {"属于四类过程性的信息", "属于四类过程性信息", {"属于三类内部事务信息"}},
    {"属于行政执法案卷类", "属于行政执法案卷", {"属于行政查询事项"}},
    {"属于行政查询事项的", "属于行政查询事项", {"属于行政执法案卷"}},
    {"本机关不掌握相关的政府信息", "本机关不掌握相关政府信息", {"没有现成信息需要另行制作"}},
    {"无正当理由大量反覆申请", "无正当理由大量反复申请", {"重复申请"}},
    {"重复申请的", "重复申请", {"无正当理由大量反复申请"}},
    /* the three rows of 2021's （六）其他处理 */
    {"申请人无正当理由逾期不补正,行政机关不再处理其申请",
     "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
     {"申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"}},
    {"申请人逾期未按收费通知要求缴纳费用,行政机关不再处理其申请",
     "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
     {"申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"}},
    /* 表二 columns of the two formats */
    {"本年制发文件件数", "本年制发件数", {"本年废止件数", "现行有效件数", "本年新制作数量"}},
    {"本年新制作的数量", "本年新制作数量", {"本年新公开数量", "本年制发数量"}},
    {"法律服务类机构", "法律服务机构", {"社会公益组织", "科研机构"}},
    {"结果维持的", "结果维持", {"结果纠正", "其他结果"}},
    {"法人或者其他组织", "法人或其他组织", {"社会公益组织"}},
};

static void test_reworded_close_to_own_far_from_others(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(reworded); i++) {
        unsigned own = sim(reworded[i].written, reworded[i].own);
        if (own < OGI_SIM_ACCEPT)
            fail_msg("%s vs %s: %u", reworded[i].written, reworded[i].own, own);
        for (size_t k = 0; k < N(reworded[i].others) && reworded[i].others[k]; k++) {
            unsigned other = sim(reworded[i].written, reworded[i].others[k]);
            if (other + OGI_SIM_MARGIN > own)
                fail_msg("%s: own %u, %s %u", reworded[i].written, own, reworded[i].others[k],
                         other);
        }
    }
}

/* Near misses: labels of another row, or of another format, that must not
 * reach the threshold against a statutory label. */
static void test_near_misses_stay_below(void **state)
{
    (void)state;
    static const char *const pairs[][2] = {
        {"行政处罚", "行政强制"},
        {"行政许可", "行政处罚"},
        {"属于行政执法案卷", "属于行政查询事项"},
        {"属于三类内部事务信息", "属于四类过程性信息"},
        {"本年制发件数", "本年废止件数"},
        {"本年新制作数量", "本年新公开数量"},
        {"本年处理决定数量", "上一年项目数量"},
        {"其他结果", "结果纠正"},
        {"其他处理", "其他结果"},
        {"其他处理", "申请人无正当理由逾期不补正"},
        {"信访举报投诉类申请", "重复申请"},
        {"收到和处理政府信息公开申请情况", "本年新收政府信息公开申请数量"},
        {"主动公开政府信息情况", "上年结转政府信息公开申请数量"},
        {"其他对外管理服务事项", "行政事业性收费"},
        {"申请人逾期的", "申请人无正当理由逾期不补正"},
        /* one character apart, another word: a parent is not a row */
        {"不予公开", "予以公开"},
        {"不予处理", "予以公开"},
    };
    for (size_t i = 0; i < N(pairs); i++) {
        unsigned s = sim(pairs[i][0], pairs[i][1]);
        if (s >= OGI_SIM_ACCEPT)
            fail_msg("%s ~ %s: %u", pairs[i][0], pairs[i][1], s);
    }
}

static void test_tail_after_inner_numbering(void **state)
{
    (void)state;
    const char *s = "不予公开1.属于国家秘密";
    size_t t = ogi_label_tail(s, strlen(s));
    assert_string_equal(s + t, "属于国家秘密");
    s = "无法提供(1)本机关不掌握相关政府信息";
    assert_string_equal(s + ogi_label_tail(s, strlen(s)), "本机关不掌握相关政府信息");
    s = "不予处理2、重复申请";
    assert_string_equal(s + ogi_label_tail(s, strlen(s)), "重复申请");
    s = "不予公开⑤属于三类内部事务信息";
    assert_string_equal(s + ogi_label_tail(s, strlen(s)), "属于三类内部事务信息");
    s = "属于国家秘密";
    assert_int_equal(ogi_label_tail(s, strlen(s)), 0);
    s = "收费金额3.5"; /* nothing after the numbering: no tail */
    assert_int_equal(ogi_label_tail(s, strlen(s)), 0);
}

/* score rows are written labels, columns template labels */
static void test_align_order_and_margin(void **state)
{
    (void)state;
    size_t pair[4];
    /* in order, clear */
    static const uint16_t clear[] = {
        900, 400, 0,   /* w0 */
        300, 880, 200, /* w1 */
        0,   100, 950, /* w2 */
    };
    assert_int_equal(ogi_label_align(clear, 3, 3, pair), 3);
    assert_int_equal(pair[0], 0);
    assert_int_equal(pair[1], 1);
    assert_int_equal(pair[2], 2);
    /* crossing is never taken: w0 looks like t1 and w1 like t0, but the
     * written order is the template's order */
    static const uint16_t crossing[] = {
        0, 800, /* w0 */
        800, 0, /* w1 */
    };
    assert_int_equal(ogi_label_align(crossing, 2, 2, pair), 1);
    assert_true(pair[0] == SIZE_MAX || pair[1] == SIZE_MAX);
    /* an added written row (w1, like nothing) is skipped */
    static const uint16_t added[] = {
        900, 0,   /* w0 */
        100, 150, /* w1 */
        0,   800, /* w2 */
    };
    assert_int_equal(ogi_label_align(added, 3, 2, pair), 2);
    assert_int_equal(pair[0], 0);
    assert_int_equal(pair[1], SIZE_MAX);
    assert_int_equal(pair[2], 1);
    /* two near-equal candidates: no margin, no pair */
    static const uint16_t tie[] = {
        820, 790, /* w0 */
    };
    assert_int_equal(ogi_label_align(tie, 1, 2, pair), 0);
    assert_int_equal(pair[0], SIZE_MAX);
    /* below the threshold: nothing, however alone */
    static const uint16_t weak[] = {700};
    assert_int_equal(ogi_label_align(weak, 1, 1, pair), 0);
    assert_int_equal(ogi_label_align(NULL, 0, 3, pair), 0);
}

static void test_finder_finds_close_labels_only(void **state)
{
    (void)state;
    static const char *const labels[] = {
        "本年新收政府信息公开申请数量",
        "上年结转政府信息公开申请数量",
        "属于国家秘密",
        "其他",
        "予以公开",
        "部分公开",
    };
    ogi_arena a;
    ogi_arena_init(&a);
    ogi_label_finder f;
    assert_int_equal(ogi_label_finder_build(&f, labels, N(labels), &a), OGI_OK);
    uint16_t *work = calloc(f.nlabels, sizeof *work);
    assert_non_null(work);
    ogi_label_candidate c[4];
    ogi_cps q;
    const char *text = "本年新收政府信息公开申请件数";
    assert_true(ogi_cps_from(text, strlen(text), &q));
    size_t n = ogi_label_finder_query(&f, &q, 650, work, c, 4);
    assert_int_equal(n, 2);
    assert_int_equal(c[0].label, 0);
    assert_int_equal(c[0].sim, sim(text, labels[0]));
    assert_int_equal(c[1].label, 1);
    assert_true(c[0].sim >= c[1].sim + OGI_SIM_MARGIN);
    for (size_t i = 0; i < f.nlabels; i++)
        assert_int_equal(work[i], 0); /* left zeroed for the next query */
    text = "予以公开的";
    assert_true(ogi_cps_from(text, strlen(text), &q));
    n = ogi_label_finder_query(&f, &q, 650, work, c, 4);
    assert_int_equal(n, 1);
    assert_int_equal(c[0].label, 4);
    /* short labels are never candidates */
    text = "其他情况";
    assert_true(ogi_cps_from(text, strlen(text), &q));
    assert_int_equal(ogi_label_finder_query(&f, &q, 0, work, c, 4), 0);
    /* the query agrees with comparing one by one */
    text = "部分公开的情形";
    assert_true(ogi_cps_from(text, strlen(text), &q));
    n = ogi_label_finder_query(&f, &q, 1, work, c, 4);
    for (size_t i = 0; i < N(labels); i++) {
        unsigned s = sim(text, labels[i]);
        int listed = 0;
        for (size_t k = 0; k < n; k++)
            listed |= c[k].label == i && c[k].sim == s;
        assert_int_equal(listed, s >= 1);
    }
    free(work);
    ogi_arena_release(&a);
}

static unsigned coverage(const char *written, const char *label)
{
    ogi_cps w, l;
    assert_true(ogi_cps_from(written, strlen(written), &w));
    assert_true(ogi_cps_from(label, strlen(label), &l));
    return ogi_label_coverage_cps(&w, &l);
}

/* How much of a statutory label a written one keeps (the tie rule's
 * "at least half"): it does not fall with what the writer added, and
 * labels too short to measure keep nothing. */
static void test_coverage_keeps_half(void **state)
{
    (void)state;
    assert_int_equal(coverage("同意公开", "予以公开"), 500);
    assert_int_equal(coverage("维持结果", "结果维持"), 500);
    assert_int_equal(coverage("结果维持（单位：件）", "结果维持"), 1000);
    assert_true(coverage("商业业业", "商业企业") >= OGI_SIM_SHARED_HALF);
    /* near misses: less than half */
    assert_true(coverage("申请人逾期的", "申请人无正当理由逾期不补正") < OGI_SIM_SHARED_HALF);
    assert_true(coverage("属于其他情形", "属于行政执法案卷") < OGI_SIM_SHARED_HALF);
    assert_true(coverage("已办结", "予以公开") < OGI_SIM_SHARED_HALF);
    /* too short to measure, either side */
    assert_int_equal(coverage("其余", "其他"), 0);
    assert_int_equal(coverage("总件数", "总计"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_measure_values),
        cmocka_unit_test(test_reworded_close_to_own_far_from_others),
        cmocka_unit_test(test_near_misses_stay_below),
        cmocka_unit_test(test_tail_after_inner_numbering),
        cmocka_unit_test(test_align_order_and_margin),
        cmocka_unit_test(test_finder_finds_close_labels_only),
        cmocka_unit_test(test_coverage_keeps_half),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
