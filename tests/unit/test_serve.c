/* ogi serve: what a request may become (folder and file names), the
 * office's secret and sessions, and the CSV the roster and the register
 * are read from. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "ogi_office.h"
#include "serve.h"

static void expect_folder(const char *agency, const char *want)
{
    char *got = serve_name_folder(agency);
    if (!want) {
        if (got)
            fail_msg("%s became %s, should be refused", agency, got);
    } else {
        assert_non_null(got);
        assert_string_equal(got, want);
    }
    free(got);
}

static void expect_file(const char *uploaded, const char *want)
{
    char *got = serve_name_file(uploaded);
    if (!want) {
        if (got)
            fail_msg("%s became %s, should be refused", uploaded, got);
    } else {
        assert_non_null(got);
        assert_string_equal(got, want);
    }
    free(got);
}

static void test_agencies_become_one_folder_or_are_refused(void **state)
{
    (void)state;
    expect_folder("市人力资源和社会保障局", "市人力资源和社会保障局");
    expect_folder("  市统计局  ", "市统计局");
    expect_folder("市统计局（盖章）", "市统计局（盖章）");
    expect_folder("A:B*C?D\"E<F>G|H", "ABCDEFGH"); /* what Windows forbids is dropped */
    expect_folder("市统计局.", "市统计局");        /* Windows drops trailing dots */
    expect_folder("~$市统计局", "市统计局");       /* Office owner files are ignored */
    expect_folder("tab\there", NULL);              /* control characters: no typed name has them */
    /* ways out of the inbox are refused, not cleaned */
    expect_folder("..", NULL);
    expect_folder("../../etc", NULL);
    expect_folder("a/b", NULL);
    expect_folder("a\\b", NULL);
    expect_folder(".hidden", NULL);
    expect_folder("", NULL);
    expect_folder("   ", NULL);
    expect_folder("\xff\xfe", NULL); /* not UTF-8 */
}

static void test_long_agency_names_are_cut_at_a_character(void **state)
{
    (void)state;
    char name[400] = "";
    for (int i = 0; i < 100; i++)
        strcat(name, "局");
    char *got = serve_name_folder(name);
    assert_non_null(got);
    assert_int_equal(strlen(got), 80 * strlen("局"));
    assert_true(serve_name_utf8_ok(got, strlen(got)));
    free(got);
}

static void test_uploaded_names_keep_their_last_component(void **state)
{
    (void)state;
    expect_file("年报.xls", "年报.xls");
    expect_file("年报.XLSX", "年报.XLSX");
    expect_file("表.ods", "表.ods");
    expect_file("表.et", "表.et");
    expect_file("C:\\Users\\clerk\\年报.xls", "年报.xls"); /* old browsers send the path */
    expect_file("a.exe", NULL);
    expect_file("a.xls.exe", NULL);
    expect_file(".xls", NULL);
    expect_file("../a.xls", NULL);
    expect_file("..\\..\\a.xls", NULL);
    expect_file("/etc/a.xls", NULL);
    expect_file("~$年报.xls", "年报.xls");
    expect_file("年报.xls.tmp", NULL);
    expect_file("", NULL);
}

static void test_csv_records_with_quotes_and_crlf(void **state)
{
    (void)state;
    const char text[] = "单位,文件夹\r\n\"市局, 一处\",\"a \"\"b\"\"\"\r\nlast";
    const char *p = text, *end = text + strlen(text);
    char *f[4];
    assert_int_equal(serve_csv_record(&p, end, f, 4), 2);
    assert_string_equal(f[0], "单位");
    assert_string_equal(f[1], "文件夹");
    free(f[0]);
    free(f[1]);
    assert_int_equal(serve_csv_record(&p, end, f, 4), 2);
    assert_string_equal(f[0], "市局, 一处");
    assert_string_equal(f[1], "a \"b\"");
    free(f[0]);
    free(f[1]);
    assert_int_equal(serve_csv_record(&p, end, f, 4), 1);
    assert_string_equal(f[0], "last");
    free(f[0]);
    assert_int_equal(serve_csv_record(&p, end, f, 4), -1);
}

static char *temp_dir(void)
{
    char tmpl[] = "/tmp/ogi-test-serve-XXXXXX";
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    return strdup(d);
}

static void write_file(const char *dir, const char *name, const char *text, mode_t mode)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    chmod(path, mode);
}

static void remove_file(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    unlink(path);
}

static void test_roster_columns_in_any_order(void **state)
{
    (void)state;
    ogi_context *ctx = NULL;
    assert_int_equal(ogi_context_new(&ctx), OGI_OK);
    char *box = temp_dir();
    write_file(box, "roster.csv",
               "\xEF\xBB\xBF分组,单位,文件夹\n市直,市统计局,tongji\n区县, 某区政府 ,\n,,\n", 0644);
    serve_roster r;
    assert_int_equal(serve_roster_load(ctx, box, &r), 0);
    assert_int_equal(r.n, 2);
    assert_string_equal(r.entries[0].agency, "市统计局");
    assert_string_equal(r.entries[0].folder, "tongji");
    assert_string_equal(r.entries[0].group, "市直");
    assert_string_equal(r.entries[1].folder, "某区政府"); /* no folder: the name */
    assert_ptr_equal(serve_roster_find(&r, "某区政府"), &r.entries[1]);
    assert_null(serve_roster_find(&r, "某区"));
    serve_roster_free(&r);
    write_file(box, "roster.csv", "名称,文件夹\n市统计局,x\n", 0644);
    assert_int_equal(serve_roster_load(ctx, box, &r), -1); /* no 单位 column */
    remove_file(box, "roster.csv");
    assert_int_equal(serve_roster_load(ctx, box, &r), 0); /* no roster: empty */
    assert_int_equal(r.n, 0);
    rmdir(box);
    free(box);
    ogi_context_free(ctx);
}

static void test_token_file_is_made_private_and_must_stay_so(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/serve.token", dir);
    serve_auth a, b;
    int created;
    assert_int_equal(serve_auth_load(&a, path, &created), 0);
    assert_true(created);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(a.token_len, 64);
    assert_int_equal(serve_auth_load(&b, path, &created), 0); /* read again, same */
    assert_false(created);
    assert_memory_equal(a.token, b.token, a.token_len);
    chmod(path, 0644);
    errno = 0;
    assert_int_equal(serve_auth_load(&b, path, &created), -1); /* others can read it */
    assert_int_equal(errno, EPERM);
    write_file(dir, "serve.token", "short\n", 0600);
    assert_int_equal(serve_auth_load(&b, path, &created), -1);
    unlink(path);
    rmdir(dir);
    free(dir);
}

static void test_sessions_and_csrf_tokens(void **state)
{
    (void)state;
    serve_auth a = {.token_len = 20}, other = {.token_len = 20};
    memcpy(a.token, "0123456789abcdef0123", 20);
    memcpy(other.token, "0123456789abcdef0124", 20);
    assert_true(serve_auth_token_ok(&a, "0123456789abcdef0123"));
    assert_true(serve_auth_token_ok(&a, " 0123456789abcdef0123\n")); /* pasted */
    assert_false(serve_auth_token_ok(&a, "0123456789abcdef012"));
    assert_false(serve_auth_token_ok(&a, ""));
    char s[160], c1[80], c2[80];
    serve_auth_session(&a, 1000, 3600, s, sizeof s);
    assert_true(serve_auth_session_ok(&a, s, 1000));
    assert_true(serve_auth_session_ok(&a, s, 4600));
    assert_false(serve_auth_session_ok(&a, s, 4601));     /* expired */
    assert_false(serve_auth_session_ok(&other, s, 1000)); /* another token */
    char forged[200];
    snprintf(forged, sizeof forged, "9%s", s); /* a later expiry, the same MAC */
    assert_false(serve_auth_session_ok(&a, forged, 1000));
    assert_false(serve_auth_session_ok(&a, "", 1000));
    assert_false(serve_auth_session_ok(&a, "99999999999.", 1000));
    serve_auth_csrf(&a, s, c1, sizeof c1);
    serve_auth_csrf(&other, s, c2, sizeof c2);
    assert_int_equal(strlen(c1), 64);
    assert_string_not_equal(c1, c2);
    assert_true(serve_auth_equal(c1, c1));
    assert_false(serve_auth_equal(c1, c2));
}

static void test_ids_are_random_hex(void **state)
{
    (void)state;
    char a[SERVE_ID_HEX + 1], b[SERVE_ID_HEX + 1];
    assert_int_equal(serve_random_hex(a, SERVE_ID_HEX / 2), 0);
    assert_int_equal(serve_random_hex(b, SERVE_ID_HEX / 2), 0);
    assert_true(serve_id_ok(a));
    assert_string_not_equal(a, b);
    assert_false(serve_id_ok("../../../../../../../serve.token"));
    assert_false(serve_id_ok("0123456789ABCDEF0123456789abcdef")); /* upper case */
    assert_false(serve_id_ok("0123456789abcdef"));
}

static void test_html_is_escaped(void **state)
{
    (void)state;
    serve_buf b = {0};
    serve_buf_html(&b, "<script>alert('x')</script> & \"q\"");
    assert_string_equal(b.data,
                        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    serve_buf_free(&b);
    serve_buf_url(&b, "年 a/b");
    assert_string_equal(b.data, "%E5%B9%B4%20a%2Fb");
    serve_buf_free(&b);
}

static void test_arrays_grow_and_keep_their_items(void **state)
{
    (void)state;
    size_t cap = 0;
    int *v = NULL;
    for (int i = 0; i < 1000; i++) {
        int *grown = SERVE_ARRAY_RESERVE(v, &cap, (size_t)i + 1);
        assert_non_null(grown);
        assert_true(cap >= (size_t)i + 1);
        v = grown;
        v[i] = i * 7;
    }
    for (int i = 0; i < 1000; i++)
        assert_int_equal(v[i], i * 7);
    size_t was = cap;
    /* room already there: the same memory, no growth */
    assert_ptr_equal(SERVE_ARRAY_RESERVE(v, &cap, 10), v);
    assert_int_equal(cap, was);
    /* past what memory can address: NULL, the array still the caller's */
    assert_null(SERVE_ARRAY_RESERVE(v, &cap, SIZE_MAX / 2));
    assert_int_equal(cap, was);
    assert_int_equal(v[999], 999 * 7);
    free(v);
}

static void test_rollup_names_in_either_language(void **state)
{
    (void)state;
    /* what ogi summary and the service write, in Chinese or English */
    assert_true(ogi_summary_file_name("汇总-2024.xlsx"));
    assert_true(ogi_summary_file_name("summary-2024.xlsx"));
    assert_true(ogi_summary_file_name("汇总2023.xlsx"));
    assert_false(ogi_summary_file_name("汇总-2024.xls"));
    assert_false(ogi_summary_file_name("汇总"));
    assert_false(ogi_summary_file_name(".xlsx"));
    assert_false(ogi_summary_file_name("年报-汇总.xlsx"));
    assert_false(ogi_summary_file_name("f01/年报.checked.xlsx"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_agencies_become_one_folder_or_are_refused),
        cmocka_unit_test(test_long_agency_names_are_cut_at_a_character),
        cmocka_unit_test(test_uploaded_names_keep_their_last_component),
        cmocka_unit_test(test_csv_records_with_quotes_and_crlf),
        cmocka_unit_test(test_roster_columns_in_any_order),
        cmocka_unit_test(test_token_file_is_made_private_and_must_stay_so),
        cmocka_unit_test(test_sessions_and_csrf_tokens),
        cmocka_unit_test(test_ids_are_random_hex),
        cmocka_unit_test(test_html_is_escaped),
        cmocka_unit_test(test_arrays_grow_and_keep_their_items),
        cmocka_unit_test(test_rollup_names_in_either_language),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
