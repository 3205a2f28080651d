/* The marked-up workbook compared with committed references, part by part
 * (libxlsxwriter's own method): each input below is checked and written at
 * a fixed check time, then every XML part of the output must equal the
 * same part of tests/fixtures/reference/NAME.xlsx byte for byte; docProps/core.xml
 * is compared with its creation time blanked (libxlsxwriter stamps it).
 * A change to what ogi writes fails here, showing the part and where.
 * (samples/huadu-2017.xls has no statutory table: no workbook is written.)
 *
 * Regenerate the references with tests/fixtures/reference/regenerate.sh, and only
 * when the change to the workbook is intended (tests/fixtures/reference/README.md). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helpers.h"
#include "ogi.h"

#define CHECK_TIME "2026-01-01 08:00:00"
#define REFERENCE_DIR "tests/fixtures/reference"

typedef struct reference_case {
    const char *input;
    ogi_lang lang;
    const char *name; /* tests/fixtures/reference/<name>.xlsx */
} reference_case;

static const reference_case cases[] = {
    {"samples/foshan-2019.xls", OGI_LANG_ZH, "foshan-2019"},
    {"samples/foshan-2019.xls", OGI_LANG_EN, "foshan-2019-en"},
    {"samples/guangdong-2020.xls", OGI_LANG_ZH, "guangdong-2020"},
    {"samples/synthetic-2021.xls", OGI_LANG_ZH, "synthetic-2021"},
    {"samples/tianjin-2019.xls", OGI_LANG_ZH, "tianjin-2019"},
    {"samples/yancheng-2020.xls", OGI_LANG_ZH, "yancheng-2020"},
    {"tests/fixtures/formats/lo/foshan-2019.ods", OGI_LANG_ZH, "foshan-2019-ods"},
    {"tests/fixtures/formats/excel/guangdong-2020.xlsx", OGI_LANG_ZH, "guangdong-2020-xlsx"},
};

typedef struct fixture {
    ogi_context *ctx;
    char *dir; /* the workbooks written, outside the checkout */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f || ogi_context_new(&f->ctx) != OGI_OK)
        return -1;
    f->dir = helper_temp_dir();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    ogi_context_free(f->ctx);
    helper_remove_dir(f->dir);
    free(f);
    return 0;
}

/* Writes the case's workbook to path at CHECK_TIME. */
static void write_case(const fixture *f, const reference_case *c, const char *path)
{
    ogi_book *book = NULL;
    ogi_report *report = NULL;
    assert_int_equal(ogi_book_open(f->ctx, c->input, &book), OGI_OK);
    ogi_check_options copts = {c->lang, NULL, 0};
    assert_int_equal(ogi_check(f->ctx, book, c->input, &copts, &report), OGI_OK);
    ogi_write_options wopts = {c->lang, CHECK_TIME};
    assert_int_equal(ogi_write_xlsx(report, book, path, &wopts), OGI_OK);
    ogi_report_free(report);
    ogi_book_free(book);
}

/* The time libxlsxwriter stamps in docProps/core.xml (dcterms:created and
 * dcterms:modified) blanked in place: it is the time of writing, not of the
 * check, so it differs on every run. */
static void blank_times(helper_zip_entry *e)
{
    static const char *const tags[] = {"<dcterms:created", "<dcterms:modified"};
    for (size_t t = 0; t < 2; t++) {
        char *open = strstr((char *)e->data, tags[t]);
        char *value = open ? strchr(open, '>') : NULL;
        char *close = value ? strchr(value, '<') : NULL;
        for (char *p = value ? value + 1 : NULL; p && p < close; p++)
            *p = '0';
    }
}

static const helper_zip_entry *find_part(const helper_zip_entry *parts, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(parts[i].name, name) == 0)
            return &parts[i];
    return NULL;
}

/* Fails with the part and the first difference, a little of each side. */
static void compare_part(const char *name, const helper_zip_entry *got,
                         const helper_zip_entry *want)
{
    size_t n = got->len < want->len ? got->len : want->len, at = 0;
    while (at < n && got->data[at] == want->data[at])
        at++;
    if (at == n && got->len == want->len)
        return;
    size_t from = at > 60 ? at - 60 : 0;
    fail_msg("%s: part %s differs at byte %zu (%zu bytes, reference %zu)\n"
             "  written:   ...%.120s\n  reference: ...%.120s",
             name, got->name, at, got->len, want->len, (const char *)got->data + from,
             (const char *)want->data + from);
}

static void test_workbooks_match_the_references(void **state)
{
    fixture *f = *state;
    int regenerate = getenv("OGI_WRITE_REFERENCE") != NULL;
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        const reference_case *c = &cases[k];
        char written[4096], reference[4096];
        snprintf(written, sizeof written, "%s/%s.xlsx", f->dir, c->name);
        snprintf(reference, sizeof reference, "%s/%s.xlsx", REFERENCE_DIR, c->name);
        if (regenerate) { /* tests/fixtures/reference/regenerate.sh, never the test suite */
            write_case(f, c, reference);
            continue;
        }
        write_case(f, c, written);
        size_t ngot, nwant;
        helper_zip_entry *got = helper_read_zip(written, &ngot);
        helper_zip_entry *want = helper_read_zip(reference, &nwant);
        if (!want)
            fail_msg("%s: no reference %s (tests/fixtures/reference/regenerate.sh)", c->name, reference);
        assert_non_null(got);
        assert_true(ngot > 5); /* a workbook: content types, workbook, sheets, styles... */
        for (size_t i = 0; i < nwant; i++)
            if (!find_part(got, ngot, want[i].name))
                fail_msg("%s: part %s of the reference was not written", c->name, want[i].name);
        for (size_t i = 0; i < ngot; i++) {
            const helper_zip_entry *w = find_part(want, nwant, got[i].name);
            if (!w)
                fail_msg("%s: part %s is not in the reference", c->name, got[i].name);
            if (strcmp(got[i].name, "docProps/core.xml") == 0) {
                blank_times(&got[i]);
                blank_times((helper_zip_entry *)w);
            }
            compare_part(c->name, &got[i], w);
        }
        helper_free_zip(got, ngot);
        helper_free_zip(want, nwant);
    }
}

/* The comparison itself can fail: a workbook differing in one byte of one
 * part is caught, and the creation time alone is not a difference. */
static void test_a_changed_part_is_caught(void **state)
{
    (void)state;
    unsigned char a[] = "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-12-05T23:00:00Z"
                        "</dcterms:created><x>1</x>";
    unsigned char b[] = "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2025-01-01T08:00:00Z"
                        "</dcterms:created><x>1</x>";
    helper_zip_entry ea = {"docProps/core.xml", a, sizeof a - 1};
    helper_zip_entry eb = {"docProps/core.xml", b, sizeof b - 1};
    assert_memory_not_equal(a, b, sizeof a - 1);
    blank_times(&ea);
    blank_times(&eb);
    assert_memory_equal(a, b, sizeof a - 1);
    assert_null(strstr((char *)a, "2026")); /* the time itself is gone */
    b[sizeof b - 3] = '2';                  /* <x>2</x> */
    assert_memory_not_equal(a, b, sizeof a - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_changed_part_is_caught),
        cmocka_unit_test_setup_teardown(test_workbooks_match_the_references, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
