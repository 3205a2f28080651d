/* The agency and year a workbook states, without the form's seal notes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "meta.h"

/* The agency read from a sheet whose first row holds the given cells. */
static void expect_agency(const char *const *cells, size_t n, const char *want, int want_year)
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
    ogi_meta_find(book, NULL, &arena, &agency, &year);
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
        cmocka_unit_test(test_seal_note_before_the_colon),
        cmocka_unit_test(test_seal_note_after_the_name),
        cmocka_unit_test(test_names_without_seal_notes_are_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
