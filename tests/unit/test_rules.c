/* Each rule of spec §6 on values set by hand (no workbook involved):
 * holds, fails, and the blank-cell cases (warning or error, suggested
 * value); then version detection from the tables themselves. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "book.h"
#include "context.h"
#include "findings.h"
#include "helpers.h"
#include "ogi.h"
#include "rules.h"
#include "template.h"

/* Every cell of t found and 0; then the overrides, "id=value" or "id="
 * for a blank. */
typedef struct sheet_values {
    const ogi_template *t;
    ogi_value *v;
} sheet_values;

static sheet_values values(const char *template_id, const char *const *set, size_t n)
{
    sheet_values s = {helper_template(template_id), NULL};
    s.v = calloc(s.t->ncells, sizeof *s.v);
    assert_non_null(s.v);
    for (size_t i = 0; i < s.t->ncells; i++) {
        s.v[i].id = s.t->cells[i].id;
        s.v[i].found = 1;
        s.v[i].raw = "0";
    }
    for (size_t k = 0; k < n; k++) {
        const char *eq = strchr(set[k], '=');
        char id[128];
        snprintf(id, sizeof id, "%.*s", (int)(eq - set[k]), set[k]);
        size_t cell = ogi_template_cell(s.t, id);
        assert_true(cell != OGI_NONE);
        if (eq[1] == '\0') {
            s.v[cell].is_null = 1;
            s.v[cell].raw = "";
        } else {
            s.v[cell].value = atof(eq + 1);
        }
    }
    return s;
}

typedef struct run {
    ogi_arena arena;
    ogi_findings f;
} run;

static void apply(run *r, sheet_values s, const ogi_value *prev, size_t nprev)
{
    ogi_arena_init(&r->arena);
    r->f = (ogi_findings){NULL, 0, 0, &r->arena, OGI_LANG_ZH};
    ogi_rule_inputs in = {s.v, prev, nprev};
    assert_true(ogi_rules_apply(s.t, &in, &r->f));
}

static void done(run *r, sheet_values s)
{
    ogi_findings_release(&r->f);
    ogi_arena_release(&r->arena);
    free(s.v);
}

static const ogi_finding *find(const run *r, const char *key)
{
    for (size_t i = 0; i < r->f.n; i++)
        if (strcmp(r->f.v[i].key, key) == 0)
            return &r->f.v[i];
    return NULL;
}

#define N(a) (sizeof(a) / sizeof *(a))

static void test_all_zero_holds(void **state)
{
    (void)state;
    const char *ids[] = {"ogi-2019", "ogi-2021"};
    for (size_t i = 0; i < N(ids); i++) {
        run r;
        sheet_values s = values(ids[i], NULL, 0);
        apply(&r, s, NULL, 0);
        assert_int_equal(r.f.n, 0);
        done(&r, s);
    }
}

static void test_balance(void **state)
{
    (void)state;
    /* 佛山: 37 + 2 = 39 received, 37 + 0 = 37 accounted for */
    const char *set[] = {"t3.new.person=37", "t3.carried.person=2", "t3.r.total.person=37",
                         "t3.r.granted.person=37"};
    run r;
    sheet_values s = values("ogi-2019", set, N(set));
    apply(&r, s, NULL, 0);
    const ogi_finding *f = find(&r, "t3.balance:person");
    assert_non_null(f);
    assert_int_equal(f->severity, OGI_SEVERITY_ERROR);
    assert_true(f->expected == 39 && f->actual == 37);
    assert_int_equal(f->ncells, 4);
    assert_string_equal(f->cells[0], "t3.new.person");
    assert_string_equal(f->cells[3], "t3.carry_over.person");
    assert_string_equal(f->message,
                        "第一项加第二项之和（39）不等于第三项加第四项之和（37），相差 2");
    assert_int_equal(f->has_suggested, 0);
    assert_null(find(&r, "t3.balance:business"));
    assert_null(find(&r, "t3.result_total:person"));
    /* the row totals do not hold either: 总计 is still 0 */
    assert_non_null(find(&r, "t3.row_total:new"));
    done(&r, s);
}

static void test_result_total_2021_counts_the_three_other_rows(void **state)
{
    (void)state;
    const char *set[] = {"t3.new.person=3",
                         "t3.r.total.person=3",
                         "t3.r.granted.person=1",
                         "t3.r.other.no_correction.person=1",
                         "t3.r.other.no_fee.person=1",
                         "t3.new.total=3",
                         "t3.r.total.total=2",
                         "t3.r.granted.total=1",
                         "t3.r.other.other.total=1"};
    run r;
    sheet_values s = values("ogi-2021", set, N(set));
    apply(&r, s, NULL, 0);
    assert_null(find(&r, "t3.result_total:person"));
    const ogi_finding *f = find(&r, "t3.balance:total");
    assert_non_null(f); /* 3 received, 2 accounted for */
    assert_true(f->expected == 3 && f->actual == 2);
    assert_null(find(&r, "t3.result_total:total")); /* 1 + 1 = 2 */
    done(&r, s);
}

static void test_row_total(void **state)
{
    (void)state;
    const char *set[] = {"t3.r.granted.person=20", "t3.r.granted.business=1",
                         "t3.r.granted.total=22"};
    run r;
    sheet_values s = values("ogi-2021", set, N(set));
    apply(&r, s, NULL, 0);
    const ogi_finding *f = find(&r, "t3.row_total:r.granted");
    assert_non_null(f);
    assert_int_equal(f->severity, OGI_SEVERITY_ERROR);
    assert_true(f->expected == 21 && f->actual == 22);
    assert_string_equal(f->cells[0], "t3.r.granted.total");
    done(&r, s);
}

static void test_t4_total(void **state)
{
    (void)state;
    const char *set[] = {"t4.suit_after_review.upheld=1", "t4.suit_after_review.pending=1",
                         "t4.suit_after_review.total=3", "t4.review.other=1", "t4.review.total=1"};
    run r;
    sheet_values s = values("ogi-2019", set, N(set));
    apply(&r, s, NULL, 0);
    const ogi_finding *f = find(&r, "t4.total:suit_after_review");
    assert_non_null(f);
    assert_true(f->expected == 2 && f->actual == 3);
    assert_null(find(&r, "t4.total:review"));
    done(&r, s);
}

static void test_le_rules(void **state)
{
    (void)state;
    const char *set19[] = {"t2.normative.published=8", "t2.normative.total=7",
                           "t2.rules.published=3", "t2.rules.total=3"};
    run r;
    sheet_values s = values("ogi-2019", set19, N(set19));
    apply(&r, s, NULL, 0);
    const ogi_finding *f = find(&r, "t2.published_le_total:normative");
    assert_non_null(f);
    assert_int_equal(f->severity, OGI_SEVERITY_WARNING);
    assert_true(f->actual == 8 && f->expected == 7);
    assert_null(find(&r, "t2.published_le_total:rules")); /* equal is fine */
    done(&r, s);
    /* 2021: issued − repealed may not exceed what is in force */
    const char *set21[] = {"t2.normative.issued=5",   "t2.normative.repealed=1",
                           "t2.normative.in_force=3", "t2.rules.issued=2",
                           "t2.rules.repealed=2",     "t2.rules.in_force=0"};
    s = values("ogi-2021", set21, N(set21));
    apply(&r, s, NULL, 0);
    f = find(&r, "t2.in_force:normative");
    assert_non_null(f);
    assert_int_equal(f->severity, OGI_SEVERITY_WARNING);
    assert_true(f->actual == 4 && f->expected == 3);
    assert_null(find(&r, "t2.in_force:rules"));
    done(&r, s);
}

static void test_blank_on_short_side_is_a_warning_with_a_suggestion(void **state)
{
    (void)state;
    /* 盐城 total column: 18 + 0 received, 0 + (blank) accounted for */
    const char *set[] = {"t3.new.total=18",      "t3.new.person=18",       "t3.carry_over.total=",
                         "t3.r.total.person=18", "t3.carry_over.person=0", "t3.r.granted.person=18",
                         "t3.r.granted.total=18"};
    run r;
    sheet_values s = values("ogi-2019", set, N(set));
    apply(&r, s, NULL, 0);
    const ogi_finding *f = find(&r, "t3.balance:total");
    assert_non_null(f);
    assert_int_equal(f->severity, OGI_SEVERITY_WARNING);
    assert_true(f->expected == 18 && f->actual == 0);
    assert_int_equal(f->has_suggested, 1);
    assert_string_equal(f->suggested_cell, "t3.carry_over.total");
    assert_true(f->suggested_value == 18);
    assert_non_null(strstr(f->message, "若 表三 第四项 结转下年度继续办理 总计 填 18 即相符"));
    done(&r, s);
}

static void test_several_blanks_on_short_side_warn_without_suggestion(void **state)
{
    (void)state;
    const char *set[] = {"t3.r.total.person=26", "t3.new.person=26",
                         "t3.r.granted.person=", "t3.r.partial.person=", "t3.r.other.person=0"};
    run r;
    sheet_values s = values("ogi-2019", set, N(set));
    apply(&r, s, NULL, 0);
    const ogi_finding *f = find(&r, "t3.result_total:person");
    assert_non_null(f);
    assert_int_equal(f->severity, OGI_SEVERITY_WARNING);
    assert_int_equal(f->has_suggested, 0);
    assert_true(f->expected == 0 && f->actual == 26);
    done(&r, s);
}

static void test_blank_on_long_side_is_an_error(void **state)
{
    (void)state;
    /* 18 received; 26 + (blank) accounted for: filling the blank with a
     * number >= 0 only makes it worse */
    const char *set[] = {"t3.new.person=18",       "t3.r.total.person=26", "t3.carry_over.person=",
                         "t3.r.granted.person=26", "t3.new.total=18",      "t3.r.total.total=26",
                         "t3.r.granted.total=26",  "t3.carry_over.total="};
    run r;
    sheet_values s = values("ogi-2019", set, N(set));
    apply(&r, s, NULL, 0);
    const ogi_finding *f = find(&r, "t3.balance:person");
    assert_non_null(f);
    assert_int_equal(f->severity, OGI_SEVERITY_ERROR);
    assert_int_equal(f->has_suggested, 0);
    assert_true(f->expected == 18 && f->actual == 26);
    done(&r, s);
}

static void test_blank_that_balances_as_zero_is_silent(void **state)
{
    (void)state;
    const char *set[] = {"t3.new.ngo=", "t3.carry_over.ngo=", "t3.r.total.ngo="};
    run r;
    sheet_values s = values("ogi-2019", set, N(set));
    apply(&r, s, NULL, 0);
    assert_int_equal(r.f.n, 0); /* the blanks' own value.missing come from check.c */
    done(&r, s);
}

static void test_missing_cells_skip_their_rules(void **state)
{
    (void)state;
    const char *set[] = {"t4.review.total=5"};
    run r;
    sheet_values s = values("ogi-2019", set, N(set));
    s.v[ogi_template_cell(s.t, "t4.review.pending")].found = 0;
    apply(&r, s, NULL, 0);
    assert_null(find(&r, "t4.total:review"));
    done(&r, s);
}

static void test_year_rules_need_last_year(void **state)
{
    (void)state;
    const char *now[] = {"t3.carried.person=2",   "t3.new.person=0",     "t3.r.total.person=2",
                         "t3.r.granted.person=2", "t3.new.total=0",      "t3.carried.total=2",
                         "t3.r.total.total=2",    "t3.r.granted.total=2"};
    const char *last[] = {"t3.carry_over.person=3"};
    run r;
    sheet_values s = values("ogi-2019", now, N(now));
    sheet_values p = values("ogi-2019", last, N(last));
    apply(&r, s, NULL, 0);
    assert_int_equal(r.f.n, 0);
    done(&r, (sheet_values){s.t, NULL});
    apply(&r, s, p.v, p.t->ncells);
    const ogi_finding *f = find(&r, "year.carried:person");
    assert_non_null(f);
    assert_int_equal(f->severity, OGI_SEVERITY_WARNING);
    assert_true(f->actual == 2 && f->expected == 3);
    assert_string_equal(f->cells[1], "prev:t3.carry_over.person");
    done(&r, s);
    free(p.v);
}

static void test_format_number(void **state)
{
    (void)state;
    const struct {
        double v;
        const char *text;
    } cases[] = {{0, "0"},           {-0.0, "0"},
                 {37, "37"},         {-2155, "-2155"},
                 {202023, "202023"}, {181.7098, "181.7098"},
                 {25.1, "25.1"},     {4389.64, "4389.64"},
                 {-0.5, "-0.5"},     {1e15, "1000000000000000"},
                 {2.0000000001, "2"}};
    char buf[48];
    for (size_t i = 0; i < N(cases); i++) {
        ogi_format_number(cases[i].v, buf, sizeof buf);
        assert_string_equal(buf, cases[i].text);
    }
    ogi_format_number(123456, buf, 4); /* too small: cut, still terminated */
    assert_true(strlen(buf) < 4);
}

/* ---- version detection ---- */

static ogi_book *book_of(const char *const *rows, size_t n)
{
    ogi_book *b = ogi_book_new(NULL);
    assert_non_null(b);
    assert_non_null(ogi_book_add_sheet(b, "S", 1));
    for (size_t r = 0; r < n; r++) {
        const char *p = rows[r];
        for (uint32_t c = 0;; c++) {
            const char *bar = strchr(p, '|');
            size_t len = bar ? (size_t)(bar - p) : strlen(p);
            if (len)
                assert_int_equal(ogi_sheet_set_text(b, 0, (uint32_t)r, c, p, len, 0), OGI_OK);
            if (!bar)
                break;
            p = bar + 1;
        }
    }
    ogi_book_finish(b);
    return b;
}

static const char *const t2_2019_head[] = {"第二十条第（一）项",
                                           "信息内容|本年新制作数量|本年新公开数量|对外公开总数量",
                                           "规章|0|0|0", "规范性文件|1|1|2"};
static const char *const t2_2021_head[] = {"第二十条第（一）项",
                                           "信息内容|本年制发件数|本年废止件数|现行有效件数",
                                           "规章|0|0|0", "规范性文件|1|0|2"};
static const char *const t2_2021_official[] = {"第二十条第（一）项",
                                               "信息内容|本年制发件数|本年废止件数|现行有效件数",
                                               "规章|0|0|0", "行政规范性文件|1|0|2"};

static void expect_version(const char *const *rows, size_t n, const char *want)
{
    ogi_context *ctx = helper_context();
    ogi_book *b = book_of(rows, n);
    ogi_report *r;
    assert_int_equal(ogi_check(ctx, b, "v.xls", NULL, &r), OGI_OK);
    assert_non_null(r->template_id);
    assert_string_equal(r->template_id, want);
    ogi_report_free(r);
    ogi_book_free(b);
}

static void test_version_from_table2_columns(void **state)
{
    (void)state;
    expect_version(t2_2019_head, N(t2_2019_head), "ogi-2019");
    expect_version(t2_2021_head, N(t2_2021_head), "ogi-2021");
    /* 2021 columns with the 2019 wording 规范性文件: still 2021 */
    expect_version(t2_2021_official, N(t2_2021_official), "ogi-2021");
}

static void test_version_from_table3_other_rows(void **state)
{
    (void)state;
    static const char *const t3_2021_tail[] = {
        "|自然人|商业企业|科研机构|社会公益组织|法律服务机构|其他|总计",
        "本年新收政府信息公开申请数量",
        "（六）其他处理|1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "|2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "|3.其他",
        "（七）总计",
        "四、结转下年度继续办理"};
    static const char *const t3_2019_tail[] = {
        "|自然人|商业企业|科研机构|社会公益组织|法律服务机构|其他|总计",
        "本年新收政府信息公开申请数量", "（六）其他处理", "（七）总计", "四、结转下年度继续办理"};
    expect_version(t3_2021_tail, N(t3_2021_tail), "ogi-2021");
    expect_version(t3_2019_tail, N(t3_2019_tail), "ogi-2019");
}

static void test_version_not_from_the_year(void **state)
{
    (void)state;
    /* a 2021 report year in the title, 2019 tables: the tables decide */
    static const char *const rows[] = {"某局2021年政府信息公开工作年度报告", "第二十条第（一）项",
                                       "信息内容|本年新制作数量|本年新公开数量|对外公开总数量",
                                       "规章|0|0|0", "规范性文件|1|1|2"};
    expect_version(rows, N(rows), "ogi-2019");
}

static void test_mixed_version_is_a_warning(void **state)
{
    (void)state;
    ogi_context *ctx = helper_context();
    static const char *const rows[] = {
        "第二十条第（一）项",
        "信息内容|本年制发件数|本年废止件数|现行有效件数",
        "规章|0|0|0",
        "行政规范性文件|1|0|2",
        "第二十条第（五）项",
        "信息内容|本年处理决定数量",
        "行政许可|3",
        "第二十条第（六）项",
        "信息内容|本年处理决定数量",
        "行政处罚|1",
        "行政强制|0",
        "第二十条第（八）项",
        "信息内容|本年收费金额（单位：万元）",
        "行政事业性收费|0",
        "",
        "|自然人|商业企业|科研机构|社会公益组织|法律服务机构|其他|总计",
        "本年新收政府信息公开申请数量",
        "上年结转政府信息公开申请数量",
        "（一）予以公开",
        "（六）其他处理",
        "（七）总计",
        "四、结转下年度继续办理"};
    ogi_book *b = book_of(rows, N(rows));
    ogi_report *r;
    assert_int_equal(ogi_check(ctx, b, "mixed.xls", NULL, &r), OGI_OK);
    assert_string_equal(r->template_id, "ogi-2021");
    int mixed = 0;
    for (size_t i = 0; i < r->nfindings; i++)
        if (strcmp(r->findings[i].key, "map.mixed_version:t3") == 0) {
            mixed = 1;
            assert_int_equal(r->findings[i].severity, OGI_SEVERITY_WARNING);
        }
    assert_true(mixed);
    ogi_report_free(r);
    ogi_book_free(b);
}

/* A workbook of thousands of 表四 headers, with thousands of merges:
 * every lookup of the mapper must stay logarithmic (it took minutes when
 * they were linear scans). The first copy is the one mapped. */
static void test_thousands_of_headers(void **state)
{
    (void)state;
    ogi_context *ctx = helper_context();
    static const char *const leaf[] = {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};
    ogi_book *b = ogi_book_new(NULL);
    assert_non_null(ogi_book_add_sheet(b, "S", 1));
    for (uint32_t k = 0; k < 3000; k++) {
        uint32_t r = k * 4;
        assert_int_equal(ogi_sheet_set_text(b, 0, r, 0, "行政复议", strlen("行政复议"), 0), OGI_OK);
        assert_int_equal(ogi_sheet_set_text(b, 0, r, 5, "行政诉讼", strlen("行政诉讼"), 0), OGI_OK);
        assert_int_equal(ogi_sheet_add_merge(b, 0, (ogi_merge){r, r, 0, 4}), OGI_OK);
        assert_int_equal(ogi_sheet_add_merge(b, 0, (ogi_merge){r, r, 5, 14}), OGI_OK);
        for (uint32_t c = 0; c < 5; c++) {
            assert_int_equal(ogi_sheet_set_text(b, 0, r + 1, c, leaf[c], strlen(leaf[c]), 0),
                             OGI_OK);
            assert_int_equal(ogi_sheet_add_merge(b, 0, (ogi_merge){r + 1, r + 2, c, c}), OGI_OK);
        }
        const char *g1 = "未经复议直接起诉", *g2 = "复议后起诉";
        assert_int_equal(ogi_sheet_set_text(b, 0, r + 1, 5, g1, strlen(g1), 0), OGI_OK);
        assert_int_equal(ogi_sheet_set_text(b, 0, r + 1, 10, g2, strlen(g2), 0), OGI_OK);
        assert_int_equal(ogi_sheet_add_merge(b, 0, (ogi_merge){r + 1, r + 1, 5, 9}), OGI_OK);
        assert_int_equal(ogi_sheet_add_merge(b, 0, (ogi_merge){r + 1, r + 1, 10, 14}), OGI_OK);
        /* one column short in each copy, so that no copy ends the search */
        for (uint32_t c = 0; c < 9; c++)
            assert_int_equal(
                ogi_sheet_set_text(b, 0, r + 2, 5 + c, leaf[c % 5], strlen(leaf[c % 5]), 0),
                OGI_OK);
        for (uint32_t c = 0; c < 15; c++)
            assert_int_equal(ogi_sheet_set_number(b, 0, r + 3, c, 0, 0), OGI_OK);
    }
    ogi_book_finish(b);
    ogi_report *r;
    assert_int_equal(ogi_check(ctx, b, "many.xls", NULL, &r), OGI_OK);
    assert_int_equal(r->status, OGI_STATUS_FAIL); /* 表二 and 表三 are missing */
    size_t cell = ogi_template_cell(r->tmpl, "t4.review.upheld");
    assert_true(r->values[cell].found);
    assert_int_equal(r->values[cell].source.row, 3);
    assert_false(r->values[ogi_template_cell(r->tmpl, "t4.suit_after_review.total")].found);
    ogi_report_free(r);
    ogi_book_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_zero_holds),
        cmocka_unit_test(test_balance),
        cmocka_unit_test(test_result_total_2021_counts_the_three_other_rows),
        cmocka_unit_test(test_row_total),
        cmocka_unit_test(test_t4_total),
        cmocka_unit_test(test_le_rules),
        cmocka_unit_test(test_blank_on_short_side_is_a_warning_with_a_suggestion),
        cmocka_unit_test(test_several_blanks_on_short_side_warn_without_suggestion),
        cmocka_unit_test(test_blank_on_long_side_is_an_error),
        cmocka_unit_test(test_blank_that_balances_as_zero_is_silent),
        cmocka_unit_test(test_missing_cells_skip_their_rules),
        cmocka_unit_test(test_year_rules_need_last_year),
        cmocka_unit_test(test_format_number),
        cmocka_unit_test(test_version_from_table2_columns),
        cmocka_unit_test(test_version_from_table3_other_rows),
        cmocka_unit_test(test_version_not_from_the_year),
        cmocka_unit_test(test_mixed_version_is_a_warning),
        cmocka_unit_test(test_thousands_of_headers),
    };
    return cmocka_run_group_tests(tests, helper_context_setup, helper_context_teardown);
}
