/* Mapping, version detection and the rules, on books built cell by cell
 * (no file format involved): the layouts submitters use. */
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
#include "helpers.h"
#include "ogi.h"

static const char *const t2_2019[] = {
    "第二十条第（一）项",
    "信息内容|本年新制作数量|本年新公开数量|对外公开总数量",
    "规章|0|0|0",
    "规范性文件|8|8|70",
    "第二十条第（五）项",
    "信息内容|上一年项目数量|本年增/减|处理决定数量",
    "行政许可|1|0|3",
    "其他对外管理服务事项|0|0|0",
    "第二十条第（六）项",
    "信息内容|上一年项目数量|本年增/减|处理决定数量",
    "行政处罚|0|0|0",
    "行政强制|0|0|0",
    "第二十条第（八）项",
    "信息内容|上一年项目数量|本年增/减",
    "行政事业性收费|0|0",
    "第二十条第（九）项",
    "信息内容|采购项目数量|采购总金额",
    "政府集中采购|5|181.7098 万元",
};

/* 表三 with labels in three columns, unmerged (parents only on their
 * first row), as seed 000 (佛山) has it: balance fails for 自然人. */
static const char *const t3_three_cols[] = {
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）|||申请人情况",
    "|||自然人|法人或其他组织|||||总计",
    "||||商业企业|科研机构|社会公益组织|法律服务机构|其他",
    "一、本年新收政府信息公开申请数量|||37|0|0|0|0|0|37",
    "二、上年结转政府信息公开申请数量|||2|0|0|0|0|0|2",
    "三、本年度办理结果|（一）予以公开||8|0|0|0|0|0|8",
    "|（二）部分公开（区分处理的，只计这一情形，不计其他情形）||1|0|0|0|0|0|1",
    "|（三）不予公开|1.属于国家秘密|0|0|0|0|0|0|0",
    "||2.其他法律行政法规禁止公开|0|0|0|0|0|0|0",
    "||3.危及“三安全一稳定”|0|0|0|0|0|0|0",
    "||4.保护第三方合法权益|0|0|0|0|0|0|0",
    "||5.属于三类内部事务信息|0|0|0|0|0|0|0",
    "||6.属于四类过程性信息|3|0|0|0|0|0|3",
    "||7.属于行政执法案卷|0|0|0|0|0|0|0",
    "||8.属于行政查询事项|0|0|0|0|0|0|0",
    "|（四）无法提供|1.本机关不掌握相关政府信息|9|0|0|0|0|0|9",
    "||2.没有现成信息需要另行制作|1|0|0|0|0|0|1",
    "||3.补正后申请内容仍不明确|0|0|0|0|0|0|0",
    "|（五）不予处理|1.信访举报投诉类申请|0|0|0|0|0|0|0",
    "||2.重复申请|0|0|0|0|0|0|0",
    "||3.要求提供公开出版物|0|0|0|0|0|0|0",
    "||4.无正当理由大量反复申请|0|0|0|0|0|0|0",
    "||5.要求行政机关确认或重新出具已获取信息|5|0|0|0|0|0|5",
    "|（六）其他处理||0|0|0|0|0|0|0",
    "|（七）总计||37|0|0|0|0|0|37",
    "四、结转下年度继续办理|||0|0|0|0|0|0|0",
};

static const char *const t4_rows[] = {
    "行政复议|||||行政诉讼",
    "结果维持|结果纠正|其他结果|尚未审结|总计|未经复议直接起诉|||||复议后起诉",
    "|||||结果维持|结果纠正|其他结果|尚未审结|总计|结果维持|结果纠正|其他结果|尚未审结|总计",
    "0|0|1|0|1|0|0|0|0|0|0|0|0|0|0",
};

#define N(a) (sizeof(a) / sizeof *(a))

static ogi_book *foshan_book_of(int year, uint32_t row0, uint32_t col0)
{
    ogi_book *b = ogi_book_new(NULL);
    assert_non_null(b);
    assert_non_null(ogi_book_add_sheet(b, "年报统计表", strlen("年报统计表")));
    char line[200];
    snprintf(line, sizeof line, "佛山市人力资源和社会保障局%d年政府信息公开工作年度报告", year);
    const char *title[] = {line};
    helper_put_rows(b, 0, 0, 0, title, 1);
    helper_put_rows(b, 0, row0, col0, t2_2019, N(t2_2019));
    helper_put_rows(b, 0, row0 + 20, col0, t3_three_cols, N(t3_three_cols));
    helper_put_rows(b, 0, row0 + 50, col0, t4_rows, N(t4_rows));
    ogi_book_finish(b);
    return b;
}

static ogi_book *foshan_book(uint32_t row0, uint32_t col0)
{
    return foshan_book_of(2019, row0, col0);
}

static const ogi_value *value_of(const ogi_report *r, const char *id)
{
    for (size_t i = 0; i < r->nvalues; i++)
        if (strcmp(r->values[i].id, id) == 0)
            return &r->values[i];
    fail_msg("no cell %s", id);
    return NULL;
}

static const ogi_finding *finding(const ogi_report *r, const char *key)
{
    for (size_t i = 0; i < r->nfindings; i++)
        if (strcmp(r->findings[i].key, key) == 0)
            return &r->findings[i];
    return NULL;
}

static size_t count_rule(const ogi_report *r, const char *rule, ogi_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < r->nfindings; i++)
        n += strcmp(r->findings[i].rule, rule) == 0 && r->findings[i].severity == sev;
    return n;
}

static void check_foshan(ogi_book *b, uint32_t row0, uint32_t col0)
{
    ogi_context *ctx = helper_context();
    ogi_report *r;
    assert_int_equal(ogi_check(ctx, b, "foshan.xls", NULL, &r), OGI_OK);
    assert_int_equal(r->status, OGI_STATUS_FAIL);
    assert_string_equal(r->template_id, "ogi-2019");
    assert_string_equal(r->agency, "佛山市人力资源和社会保障局");
    assert_int_equal(r->year, 2019);
    const ogi_value *v = value_of(r, "t3.new.person");
    assert_true(v->found);
    assert_true(v->value == 37);
    assert_int_equal(v->source.row, row0 + 23);
    assert_int_equal(v->source.col, col0 + 3);
    assert_true(value_of(r, "t2.procurement.amount")->value == 181.7098);
    assert_true(value_of(r, "t4.review.other")->value == 1);
    assert_true(value_of(r, "t4.suit_after_review.total")->found);
    const ogi_finding *f = finding(r, "t3.balance:person");
    assert_non_null(f);
    assert_int_equal(f->severity, OGI_SEVERITY_ERROR);
    assert_true(f->expected == 39 && f->actual == 37);
    assert_string_equal(f->cells[0], "t3.new.person");
    assert_string_equal(f->message,
                        "第一项加第二项之和（39）不等于第三项加第四项之和（37），相差 2");
    f = finding(r, "t3.result_total:person");
    assert_non_null(f);
    assert_true(f->expected == 27 && f->actual == 37);
    assert_non_null(finding(r, "t3.balance:total"));
    assert_null(finding(r, "t3.balance:business"));
    assert_null(finding(r, "t4.total:review"));
    assert_int_equal(count_rule(r, "map.missing_row", OGI_SEVERITY_ERROR), 0);
    assert_int_equal(count_rule(r, "map.missing_column", OGI_SEVERITY_ERROR), 0);
    assert_int_equal(count_rule(r, "value.unit_unknown", OGI_SEVERITY_INFO), 0);
    assert_int_equal(count_rule(r, "value.unit", OGI_SEVERITY_INFO), 1);
    assert_int_equal(r->counts[OGI_SEVERITY_ERROR], 4);
    ogi_report_free(r);
    ogi_book_free(b);
}

static void test_foshan_at_a1(void **state)
{
    (void)state;
    check_foshan(foshan_book(2, 0), 2, 0);
}

static void test_foshan_shifted(void **state)
{
    (void)state;
    check_foshan(foshan_book(11, 5), 11, 5);
}

static void test_merged_header_and_labels(void **state)
{
    (void)state;
    /* the official layout: parents merged down, 法人或其他组织 merged over
     * its five columns, the 表四 groups merged over theirs */
    ogi_book *b = foshan_book(2, 0);
    ogi_merge merges[] = {
        {22, 24, 0, 2}, {22, 22, 3, 9}, {23, 24, 3, 3}, {23, 23, 4, 8},
        {23, 24, 9, 9}, {25, 25, 0, 2}, {26, 26, 0, 2}, {27, 44, 0, 0},
        {27, 27, 1, 2}, {29, 36, 1, 1}, {52, 52, 0, 4}, {52, 52, 5, 14},
        {53, 54, 0, 0}, {53, 54, 4, 4}, {53, 53, 5, 9}, {53, 53, 10, 14},
    };
    for (size_t i = 0; i < N(merges); i++)
        assert_int_equal(ogi_sheet_add_merge(b, 0, merges[i]), OGI_OK);
    check_foshan(b, 2, 0);
}

static void test_leaf_labels_one_column(void **state)
{
    (void)state;
    ogi_context *ctx = helper_context();
    static const char *const leaf[] = {
        "|自然人|商业企业|科研机构|社会公益组织|法律服务机构|其他|总计",
        "本年新收政府信息公开申请数量|1|0|0|0|0|0|1",
        "上年结转政府信息公开申请数量|0|0|0|0|0|0|0",
        "予以公开|1|0|0|0|0|0|1",
        "部分公开|0|0|0|0|0|0|0",
        "属于国家秘密|0|0|0|0|0|0|0",
        "其他法律行政法规禁止公开|0|0|0|0|0|0|0",
        "危及“三安全一稳定”|0|0|0|0|0|0|0",
        "保护第三方合法权益|0|0|0|0|0|0|0",
        "属于三类内部事务信息|0|0|0|0|0|0|0",
        "属于四类过程性信息|0|0|0|0|0|0|0",
        "属于行政执法案卷|0|0|0|0|0|0|0",
        "属于行政查询事项|0|0|0|0|0|0|0",
        "本机关不掌握相关政府信息|0|0|0|0|0|0|0",
        "没有现成信息需要另行制作|0|0|0|0|0|0|0",
        "补正后申请内容仍不明确|0|0|0|0|0|0|0",
        "信访举报投诉类申请|0|0|0|0|0|0|0",
        "重复申请|0|0|0|0|0|0|0",
        "要求提供公开出版物|0|0|0|0|0|0|0",
        "无正当理由大量反复申请|0|0|0|0|0|0|0",
        "要求行政机关确认或重新出具已获取信息|0|0|0|0|0|0|0",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请|0|0|0|0|0|0|0",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请|0|0|0|0|0|0|0",
        "其他|0|0|0|0|0|0|0",
        "总计|1|0|0|0|0|0|1",
        "结转下年度继续办理|0|0|0|0|0|0|0",
    };
    ogi_book *b = ogi_book_new(NULL);
    ogi_book_add_sheet(b, "Sheet1", 6);
    helper_put_rows(b, 0, 0, 0, leaf, N(leaf));
    ogi_book_finish(b);
    ogi_report *r;
    assert_int_equal(ogi_check(ctx, b, "leaf.xls", NULL, &r), OGI_OK);
    assert_string_equal(r->template_id, "ogi-2021");
    assert_true(value_of(r, "t3.r.other.other.person")->found);
    assert_int_equal(value_of(r, "t3.r.total.total")->source.row, 24);
    assert_int_equal(count_rule(r, "map.missing_row", OGI_SEVERITY_ERROR), 0);
    /* 表二 and 表四 are not there */
    assert_non_null(finding(r, "map.missing_table:t2"));
    assert_non_null(finding(r, "map.missing_table:t4"));
    assert_null(finding(r, "t3.balance:person"));
    ogi_report_free(r);
    ogi_book_free(b);
}

static void test_blank_verdicts(void **state)
{
    (void)state;
    ogi_context *ctx = helper_context();
    /* 盐城: results left blank: the result_total can be saved by filling
     * them (warning), the row total of （七） cannot (error) */
    ogi_book *b = ogi_book_new(NULL);
    ogi_book_add_sheet(b, "S", 1);
    static const char *const rows[] = {
        "|自然人|商业企业|科研机构|社会公益组织|法律服务机构|其他|总计",
        "一、本年新收政府信息公开申请数量|18|0|0|0|0|0|18",
        "二、上年结转政府信息公开申请数量|0|0|0|0|0|0|0",
        "（一）予以公开",
        "（二）部分公开",
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
        "1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
        "1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
        "（六）其他处理|0|0|0|0|0|0|0",
        "（七）总计|26|0|0|0|0|0|0",
        "四、结转下年度继续办理",
    };
    helper_put_rows(b, 0, 0, 0, rows, N(rows));
    ogi_book_finish(b);
    ogi_report *r;
    assert_int_equal(ogi_check(ctx, b, "yancheng.xls", NULL, &r), OGI_OK);
    const ogi_finding *f = finding(r, "t3.row_total:r.total");
    assert_non_null(f);
    assert_int_equal(f->severity, OGI_SEVERITY_ERROR); /* no blank among its terms */
    assert_true(f->expected == 26 && f->actual == 0);
    f = finding(r, "t3.result_total:person");
    assert_non_null(f);
    assert_int_equal(f->severity, OGI_SEVERITY_WARNING); /* blanks on the short side */
    assert_int_equal(f->has_suggested, 0);
    f = finding(r, "t3.balance:person");
    assert_non_null(f); /* 18 + 0 vs 26 + blank: only the long side blank */
    assert_int_equal(f->severity, OGI_SEVERITY_ERROR);
    f = finding(r, "t3.balance:total");
    assert_non_null(f); /* 18 vs 0 + blank carry_over: one blank settles it */
    assert_int_equal(f->severity, OGI_SEVERITY_WARNING);
    assert_int_equal(f->has_suggested, 1);
    assert_string_equal(f->suggested_cell, "t3.carry_over.total");
    assert_true(f->suggested_value == 18);
    assert_non_null(finding(r, "value.missing:t3.r.granted.person"));
    ogi_report_free(r);
    ogi_book_free(b);
}

static void test_no_tables(void **state)
{
    (void)state;
    ogi_context *ctx = helper_context();
    ogi_book *b = ogi_book_new(NULL);
    ogi_book_add_sheet(b, "报告", 6);
    static const char *const rows[] = {
        "广州市花都区人力资源和社会保障局2017年政府信息公开年度报告",
        "我局2017年全年主动公开政府信息591条",
        "类别|条数",
        "组织机构类|0",
        "部门文件类|40",
        "动态类|371",
    };
    helper_put_rows(b, 0, 0, 0, rows, N(rows));
    ogi_book_finish(b);
    ogi_report *r;
    assert_int_equal(ogi_check(ctx, b, "huadu.xls", NULL, &r), OGI_OK);
    assert_int_equal(r->status, OGI_STATUS_NO_TABLES);
    assert_int_equal(r->error, OGI_ERROR_NO_TABLES);
    assert_null(r->template_id);
    assert_int_equal(r->year, 2017);
    ogi_report_free(r);
    ogi_book_free(b);
}

static void test_year_on_year(void **state)
{
    (void)state;
    ogi_context *ctx = helper_context();
    /* last year carried 0 over in every column; this year says 2 persons
     * were carried over from last year */
    ogi_book *last = foshan_book_of(2018, 2, 0), *now = foshan_book(2, 0);
    ogi_check_options opts = {OGI_LANG_ZH, last, 0};
    ogi_report *r;
    assert_int_equal(ogi_check(ctx, now, "now.xls", &opts, &r), OGI_OK);
    const ogi_finding *f = finding(r, "year.carried:person");
    assert_non_null(f);
    assert_int_equal(f->severity, OGI_SEVERITY_WARNING);
    assert_true(f->expected == 0 && f->actual == 2);
    assert_string_equal(f->cells[1], "prev:t3.carry_over.person");
    assert_null(finding(r, "year.carried:business"));
    /* 许可 last year 1 + change 0 = 1 = this year's prev */
    assert_null(finding(r, "year.prev_items:license"));
    assert_null(finding(r, "year.previous_mismatch:year"));
    ogi_report_free(r);
    /* a "previous" report of the same year is not last year's: it is not
     * compared, and the report says why */
    opts.previous = now;
    assert_int_equal(ogi_check(ctx, now, "now.xls", &opts, &r), OGI_OK);
    f = finding(r, "year.previous_mismatch:year");
    assert_non_null(f);
    assert_int_equal(f->severity, OGI_SEVERITY_WARNING);
    assert_non_null(strstr(f->message, "2019"));
    assert_null(finding(r, "year.carried:person"));
    ogi_report_free(r);
    /* without last year's report the rule is not applied */
    assert_int_equal(ogi_check(ctx, now, "now.xls", NULL, &r), OGI_OK);
    assert_null(finding(r, "year.carried:person"));
    ogi_report_free(r);
    ogi_book_free(last);
    ogi_book_free(now);
}

/* The three tables on a new sheet of b under a title of that year. */
static void add_report_sheet(ogi_book *b, const char *name, int year, uint8_t hidden)
{
    ogi_sheet *sheet = ogi_book_add_sheet(b, name, strlen(name));
    assert_non_null(sheet);
    sheet->hidden = hidden;
    size_t s = b->nsheets - 1;
    char title[200];
    snprintf(title, sizeof title, "佛山市人力资源和社会保障局%d年政府信息公开工作年度报告", year);
    const char *rows[] = {title};
    helper_put_rows(b, s, 0, 0, rows, 1);
    helper_put_rows(b, s, 2, 0, t2_2019, N(t2_2019));
    helper_put_rows(b, s, 22, 0, t3_three_cols, N(t3_three_cols));
    helper_put_rows(b, s, 52, 0, t4_rows, N(t4_rows));
}

static void test_multiple_sets(void **state)
{
    (void)state;
    ogi_context *ctx = helper_context();
    /* a hidden draft first: the visible sheet is checked, the draft named */
    ogi_book *b = ogi_book_new(NULL);
    add_report_sheet(b, "草稿", 2020, OGI_SHEET_HIDDEN);
    add_report_sheet(b, "年报", 2019, OGI_SHEET_VISIBLE);
    ogi_book_finish(b);
    ogi_report *r;
    assert_int_equal(ogi_check(ctx, b, "two.xls", NULL, &r), OGI_OK);
    assert_int_equal(value_of(r, "t3.new.person")->source.sheet, 1);
    assert_int_equal(value_of(r, "t4.review.other")->source.sheet, 1);
    assert_int_equal(r->year, 2019);
    const ogi_finding *f = finding(r, "map.multiple_sets:'草稿'");
    assert_non_null(f);
    assert_int_equal(f->severity, OGI_SEVERITY_WARNING);
    assert_non_null(strstr(f->message, "'年报'"));
    ogi_report_free(r);
    ogi_book_free(b);
    /* two visible years: this year's tables, this year's title */
    b = ogi_book_new(NULL);
    add_report_sheet(b, "2019", 2019, OGI_SHEET_VISIBLE);
    add_report_sheet(b, "2020", 2020, OGI_SHEET_VISIBLE);
    ogi_book_finish(b);
    assert_int_equal(ogi_check(ctx, b, "two.xls", NULL, &r), OGI_OK);
    assert_int_equal(value_of(r, "t2.rules.made")->source.sheet, 1);
    assert_int_equal(value_of(r, "t3.new.person")->source.sheet, 1);
    assert_int_equal(r->year, 2020);
    assert_non_null(finding(r, "map.multiple_sets:'2019'"));
    ogi_report_free(r);
    ogi_book_free(b);
    /* one set: no such warning */
    b = foshan_book(2, 0);
    assert_int_equal(ogi_check(ctx, b, "one.xls", NULL, &r), OGI_OK);
    assert_int_equal(count_rule(r, "map.multiple_sets", OGI_SEVERITY_WARNING), 0);
    ogi_report_free(r);
    ogi_book_free(b);
}

/* 合计 of the organisations under 法人或其他组织 is not the 总计 column. */
static void test_subtotal_under_group_is_not_total(void **state)
{
    (void)state;
    ogi_context *ctx = helper_context();
    static const char *const t3[] = {
        "|申请人情况",
        "|自然人|法人或其他组织||||||总计",
        "||商业企业|科研机构|社会公益组织|法律服务机构|其他|合计",
        "一、本年新收政府信息公开申请数量|5|1|0|0|0|0|1|6",
        "二、上年结转政府信息公开申请数量|1|0|0|0|0|0|0|1",
        "三、本年度办理结果（一）予以公开|6|1|0|0|0|0|1|7",
        "三、本年度办理结果（七）总计|6|1|0|0|0|0|1|7",
        "四、结转下年度继续办理|0|0|0|0|0|0|0|0",
    };
    ogi_book *b = ogi_book_new(NULL);
    assert_non_null(ogi_book_add_sheet(b, "Sheet1", 6));
    helper_put_rows(b, 0, 0, 0, t3, N(t3));
    ogi_book_finish(b);
    ogi_report *r;
    assert_int_equal(ogi_check(ctx, b, "heji.xls", NULL, &r), OGI_OK);
    const ogi_value *v = value_of(r, "t3.new.total");
    assert_int_equal(v->source.col, 8);
    assert_true(v->value == 6);
    assert_null(finding(r, "t3.row_total:new"));
    ogi_report_free(r);
    ogi_book_free(b);
}

/* 表四 as two tables one over the other, and 表三 continued on the next
 * sheet after a page break. */
static void test_stacked_t4_and_continued_t3(void **state)
{
    (void)state;
    ogi_context *ctx = helper_context();
    static const char *const t4_stacked[] = {
        "行政复议",
        "结果维持|结果纠正|其他结果|尚未审结|总计",
        "0|0|1|0|1",
        "",
        "行政诉讼",
        "未经复议直接起诉|||||复议后起诉",
        "结果维持|结果纠正|其他结果|尚未审结|总计|结果维持|结果纠正|其他结果|尚未审结|总计",
        "0|0|0|0|0|0|0|0|0|0",
    };
    ogi_book *b = ogi_book_new(NULL);
    assert_non_null(ogi_book_add_sheet(b, "表二", 6));
    assert_non_null(ogi_book_add_sheet(b, "表三（1）", strlen("表三（1）")));
    assert_non_null(ogi_book_add_sheet(b, "表三（2）", strlen("表三（2）")));
    helper_put_rows(b, 0, 0, 0, t2_2019, N(t2_2019));
    /* the header and rows 一 to （三）1 on one sheet, the header again and
     * the rest on the next */
    helper_put_rows(b, 1, 0, 0, t3_three_cols, 8);
    helper_put_rows(b, 2, 0, 0, t3_three_cols, 3);
    helper_put_rows(b, 2, 3, 0, t3_three_cols + 8, N(t3_three_cols) - 8);
    helper_put_rows(b, 2, 30, 0, t4_stacked, N(t4_stacked));
    ogi_book_finish(b);
    ogi_report *r;
    assert_int_equal(ogi_check(ctx, b, "split.xls", NULL, &r), OGI_OK);
    assert_int_equal(count_rule(r, "map.missing_row", OGI_SEVERITY_ERROR), 0);
    assert_int_equal(count_rule(r, "map.missing_column", OGI_SEVERITY_ERROR), 0);
    const ogi_value *v = value_of(r, "t3.r.denied.secret.person");
    assert_int_equal(v->source.sheet, 1);
    v = value_of(r, "t3.carry_over.person");
    assert_int_equal(v->source.sheet, 2);
    assert_int_equal(v->source.row, 3 + N(t3_three_cols) - 8 - 1);
    v = value_of(r, "t4.review.other");
    assert_true(v->found && v->value == 1);
    assert_int_equal(v->source.row, 32);
    assert_int_equal(value_of(r, "t4.suit_after_review.total")->source.row, 37);
    /* a continuation is not another set */
    assert_int_equal(count_rule(r, "map.multiple_sets", OGI_SEVERITY_WARNING), 0);
    ogi_report_free(r);
    ogi_book_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_foshan_at_a1),
        cmocka_unit_test(test_foshan_shifted),
        cmocka_unit_test(test_merged_header_and_labels),
        cmocka_unit_test(test_leaf_labels_one_column),
        cmocka_unit_test(test_blank_verdicts),
        cmocka_unit_test(test_no_tables),
        cmocka_unit_test(test_year_on_year),
        cmocka_unit_test(test_multiple_sets),
        cmocka_unit_test(test_subtotal_under_group_is_not_total),
        cmocka_unit_test(test_stacked_t4_and_continued_t3),
    };
    return cmocka_run_group_tests(tests, helper_context_setup, helper_context_teardown);
}
