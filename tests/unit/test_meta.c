/* meta.c, all of it: the agency and year a workbook states (a report's
 * title, a 填报单位 line), without the form's seal notes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "context.h"
#include "meta.h"

/* The agency read from a sheet whose first row holds the given cells,
 * labels compared through t2s (NULL: as written). */
static void expect_agency_t2s(const char *const *cells, size_t n, const ogi_t2s_map *t2s,
                              const char *want, int want_year)
{
    ogi_book *book = ogi_book_new(NULL);
    assert_non_null(book);
    assert_non_null(ogi_book_add_sheet(book, "Sheet1", 6));
    for (size_t i = 0; i < n; i++)
        assert_int_equal(ogi_sheet_set_text(book, 0, (uint32_t)(i / 4), (uint32_t)(i % 4), cells[i],
                                            strlen(cells[i]), 0),
                         OGI_OK);
    ogi_book_finish(book);
    ogi_arena arena;
    ogi_arena_init(&arena);
    const char *agency;
    int year;
    ogi_meta_find(book, t2s, &arena, &agency, &year);
    if (want) {
        assert_non_null(agency);
        assert_string_equal(agency, want);
    } else {
        assert_null(agency);
    }
    assert_int_equal(year, want_year);
    ogi_arena_release(&arena);
    ogi_book_free(book);
}

static void expect_agency(const char *const *cells, size_t n, const char *want, int want_year)
{
    expect_agency_t2s(cells, n, NULL, want, want_year);
}

/* A report's own title: agency and year before or after each other, in
 * traditional characters too (read through the context's t2s table). */
static void test_agency_and_year_from_the_title(void **state)
{
    (void)state;
    ogi_context *ctx;
    assert_int_equal(ogi_context_new(&ctx), OGI_OK);
    static const struct {
        const char *title, *agency;
        int year;
    } titles[] = {
        {"佛山市人力资源和社会保障局2019年政府信息公开工作年度报告", "佛山市人力资源和社会保障局",
         2019},
        {"2020年广东省人力资源和社会保障厅政府信息公开工作年度报告", "广东省人力资源和社会保障厅",
         2020},
        {"2020年度鹽城市人力資源和社會保障局政府信息公開工作年度報告", "盐城市人力资源和社会保障局",
         2020},
        {"2021年政府信息公开工作年度报告", NULL, 2021},
        {"二、主动公开政府信息情况", NULL, 0},
    };
    for (size_t i = 0; i < sizeof titles / sizeof *titles; i++)
        expect_agency_t2s(&titles[i].title, 1, &ctx->t2s, titles[i].agency, titles[i].year);
    ogi_context_free(ctx);
}

static void test_seal_note_before_the_colon(void **state)
{
    (void)state;
    const char *a[] = {"填报单位（盖章）：某市人力资源和社会保障局"};
    expect_agency(a, 1, "某市人力资源和社会保障局", 0);
    const char *b[] = {"填报单位(公章): 某县财政局   填报日期：2020年1月"};
    expect_agency(b, 1, "某县财政局", 0);
}

static void test_seal_note_after_the_name(void **state)
{
    (void)state;
    const char *a[] = {"填报单位：", "天津市人力资源和社会保障局(盖章)"};
    expect_agency(a, 2, "天津市人力资源和社会保障局", 0);
    const char *b[] = {"填报单位：天津市人力资源和社会保障局（公章）"};
    expect_agency(b, 1, "天津市人力资源和社会保障局", 0);
    const char *c[] = {"填报单位（盖章）", "【盖章】某区教育局"};
    expect_agency(c, 2, "某区教育局", 0);
    const char *d[] = {"报送单位：某区教育局盖章"};
    expect_agency(d, 1, "某区教育局", 0);
}

static void test_names_without_seal_notes_are_kept(void **state)
{
    (void)state;
    /* a parenthesis that is part of the name stays */
    const char *a[] = {"填报单位：某市人民政府办公室（市政府外事办公室）"};
    expect_agency(a, 1, "某市人民政府办公室(市政府外事办公室)", 0);
    const char *b[] = {"佛山市人力资源和社会保障局2019年政府信息公开工作年度报告"};
    expect_agency(b, 1, "佛山市人力资源和社会保障局", 2019);
    const char *c[] = {"填报单位（盖章）："};
    expect_agency(c, 1, NULL, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_agency_and_year_from_the_title),
        cmocka_unit_test(test_seal_note_before_the_colon),
        cmocka_unit_test(test_seal_note_after_the_name),
        cmocka_unit_test(test_names_without_seal_notes_are_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
