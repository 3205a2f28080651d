/* The roster (src/lib/office/roster.c) as offices write it, and each
 * agency's status (overview.c) from a register. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <xlsxwriter.h>

#include "arena.h"
#include "ogi_office.h"
#include "roster.h"

typedef struct fixture {
    char dir[64];
    ogi_context *ctx;
    ogi_arena arena;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/ogi-roster-XXXXXX");
    if (!mkdtemp(f->dir) || ogi_context_new(&f->ctx) != OGI_OK)
        return -1;
    ogi_arena_init(&f->arena);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char path[128];
    const char *const files[] = {"roster.csv", "roster.xlsx", "ogi.sqlite", "ogi.sqlite-wal",
                                 "ogi.sqlite-shm"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", f->dir, files[i]);
        unlink(path);
    }
    rmdir(f->dir);
    ogi_arena_release(&f->arena);
    ogi_context_free(f->ctx);
    free(f);
    return 0;
}

static void write_file(const fixture *f, const char *name, const char *data, size_t len)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    fclose(fp);
}

static void test_no_roster(void **state)
{
    fixture *f = *state;
    ogi_roster r;
    assert_int_equal(ogi_roster_load(f->ctx, f->dir, &f->arena, &r), OGI_OK);
    assert_null(r.path);
    assert_int_equal(r.n, 0);
}

/* UTF-8 with a BOM, a title above the header, 单位名称, quoted fields, a
 * blank line, CRLF. */
static void test_csv_utf8(void **state)
{
    fixture *f = *state;
    static const char csv[] = "\xEF\xBB\xBF"
                              "2024年度报送名单,,\r\n"
                              "序号,单位名称,文件夹,分组\r\n"
                              "1,市财政局,财政,\"综合, 经济\"\r\n"
                              ",,,\r\n"
                              "2,\"市 教育局\",,社会\r\n";
    write_file(f, "roster.csv", csv, sizeof csv - 1);
    ogi_roster r;
    assert_int_equal(ogi_roster_load(f->ctx, f->dir, &f->arena, &r), OGI_OK);
    assert_string_equal(r.path, "roster.csv");
    assert_int_equal(r.n, 2);
    assert_string_equal(r.entries[0].name, "市财政局");
    assert_string_equal(r.entries[0].folder, "财政");
    assert_string_equal(r.entries[0].group, "综合, 经济");
    assert_string_equal(r.entries[1].key, "市教育局");
    assert_string_equal(r.entries[1].folder, "");
}

/* Excel in China saves CSV in GB18030: "单位,分组" then "市财政局,A". */
static void test_csv_gb18030(void **state)
{
    fixture *f = *state;
    static const char csv[] = "\xb5\xa5\xce\xbb,\xb7\xd6\xd7\xe9\r\n"
                              "\xca\xd0\xb2\xc6\xd5\xfe\xbe\xd6,A\r\n";
    write_file(f, "roster.csv", csv, sizeof csv - 1);
    ogi_roster r;
    assert_int_equal(ogi_roster_load(f->ctx, f->dir, &f->arena, &r), OGI_OK);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.entries[0].name, "市财政局");
    assert_string_equal(r.entries[0].group, "A");
}

static void test_no_agency_column(void **state)
{
    fixture *f = *state;
    static const char csv[] = "name,folder\nabc,def\n";
    write_file(f, "roster.csv", csv, sizeof csv - 1);
    ogi_roster r;
    assert_int_equal(ogi_roster_load(f->ctx, f->dir, &f->arena, &r), OGI_ERROR_ROSTER);
    assert_string_not_equal(ogi_strerror(OGI_ERROR_ROSTER, OGI_LANG_ZH), "未知错误");
}

/* roster.xlsx read with ogi's own reader; it wins over roster.csv. */
static void test_xlsx(void **state)
{
    fixture *f = *state;
    char path[128];
    snprintf(path, sizeof path, "%s/roster.xlsx", f->dir);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "名单");
    worksheet_write_string(ws, 0, 0, "单位", NULL);
    worksheet_write_string(ws, 0, 1, "文件夹", NULL);
    worksheet_write_string(ws, 1, 0, "市公安局", NULL);
    worksheet_write_number(ws, 1, 1, 101, NULL); /* a folder named by number */
    worksheet_write_string(ws, 2, 0, "市財政局（蓋章）", NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    static const char csv[] = "单位\n别的局\n";
    write_file(f, "roster.csv", csv, sizeof csv - 1);
    ogi_roster r;
    assert_int_equal(ogi_roster_load(f->ctx, f->dir, &f->arena, &r), OGI_OK);
    assert_string_equal(r.path, "roster.xlsx");
    assert_int_equal(r.n, 2);
    assert_string_equal(r.entries[0].folder, "101");
    assert_string_equal(r.entries[1].key, "市财政局");
}

static void test_match(void **state)
{
    fixture *f = *state;
    static const char csv[] = "单位,文件夹\n"
                              "市财政局,czj\n"
                              "广州市教育局,\n"
                              "市公安局,\n"
                              "区公安局,\n";
    write_file(f, "roster.csv", csv, sizeof csv - 1);
    ogi_roster r;
    assert_int_equal(ogi_roster_load(f->ctx, f->dir, &f->arena, &r), OGI_OK);
    char key[256], folder[256];
    struct {
        const char *agency, *folder;
        long want; /* index, -1: unlisted */
    } cases[] = {
        {"市财政局（盖章）", "", 0}, {"", "czj", 0}, /* no name read: the roster's folder */
        {"错别字局", "czj", 0},                      /* a name that differs: the folder */
        {"", "市财政局", 0},                         /* a folder named after the agency */
        {"廣州市教育局", "", 1},                     /* traditional */
        {"教育局", "", 1},                           /* one ends the other, one candidate */
        {"公安局", "", -1},                          /* ends two of them: a clerk would ask */
        {"市卫健委", "other", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ogi_agency_key(f->ctx, cases[i].agency, key, sizeof key);
        ogi_agency_key(f->ctx, cases[i].folder, folder, sizeof folder);
        const ogi_roster_entry *e = ogi_roster_match(&r, key, folder);
        long got = e ? (long)(e - r.entries) : -1;
        if (got != cases[i].want)
            fail_msg("%s / %s: got %ld, want %ld", cases[i].agency, cases[i].folder, got,
                     cases[i].want);
    }
}

static void add(ogi_register *reg, const char *submitter, const char *archived, const char *agency,
                int year, ogi_verdict v, size_t warnings)
{
    ogi_submission s = {.time = 1700000000,
                        .submitter = submitter,
                        .name = archived,
                        .archived = archived,
                        .sha256 = archived,
                        .format = "xlsx",
                        .agency = agency,
                        .year = year,
                        .template_id = "ogi-2021",
                        .verdict = v,
                        .counts = {v == OGI_VERDICT_FAIL, warnings, 0},
                        .outputs = "",
                        .json = "",
                        .reason = ""};
    assert_int_equal(ogi_register_add(reg, &s, NULL, NULL), OGI_OK);
}

/* Statuses, tries, the latest try deciding, unlisted kept, other years
 * apart. */
static void test_overview(void **state)
{
    fixture *f = *state;
    static const char csv[] = "单位,文件夹\n市财政局,czj\n市教育局,\n市公安局,\n市民政局,\n";
    write_file(f, "roster.csv", csv, sizeof csv - 1);
    ogi_register *reg;
    assert_int_equal(ogi_register_open(f->ctx, f->dir, 0, &reg), OGI_OK);
    add(reg, "czj", "archive/czj/1.xlsx", "市财政局", 2024, OGI_VERDICT_FAIL, 0);
    add(reg, "czj", "archive/czj/2.xlsx", "", 2024, OGI_VERDICT_PASS, 0);
    add(reg, "", "archive/jy.xlsx", "市教育局（盖章）", 2024, OGI_VERDICT_PASS, 3);
    add(reg, "", "archive/ga.xlsx", "市公安局", 2023, OGI_VERDICT_PASS, 0);
    add(reg, "", "archive/mz.xlsx", "市民政局", 2024, OGI_VERDICT_PASS, 0);
    add(reg, "", "failed/mz.xls", "", 0, OGI_VERDICT_REFUSED, 0); /* no year: this campaign */
    add(reg, "外来", "archive/x.xlsx", "某某局", 2024, OGI_VERDICT_PASS, 0);
    add(reg, "外来", "archive/y.xlsx", "某某局", 2024, OGI_VERDICT_FAIL, 0);
    ogi_overview *ov;
    assert_int_equal(ogi_overview_build(f->ctx, reg, f->dir, 0, &ov), OGI_OK);
    assert_int_equal(ov->year, 2024);
    assert_true(ov->has_roster);
    assert_int_equal(ov->nagencies, 4);
    assert_int_equal(ov->agencies[0].status, OGI_AGENCY_PASS); /* the second try */
    assert_int_equal(ov->agencies[0].submissions, 2);
    assert_int_equal(ov->agencies[1].status, OGI_AGENCY_PASS_WARNINGS);
    assert_int_equal(ov->agencies[2].status, OGI_AGENCY_MISSING); /* 2023 only */
    assert_int_equal(ov->agencies[2].submissions, 0);
    /* the refused file came from no folder and names nothing: unlisted */
    assert_int_equal(ov->agencies[3].status, OGI_AGENCY_PASS);
    assert_int_equal(ov->nunlisted, 2);
    assert_string_equal(ov->unlisted[0].name, "failed/mz.xls");
    assert_int_equal(ov->unlisted[0].status, OGI_AGENCY_FAIL);
    assert_string_equal(ov->unlisted[1].name, "某某局");
    assert_int_equal(ov->unlisted[1].submissions, 2);
    assert_int_equal(ov->unlisted[1].status, OGI_AGENCY_FAIL);
    assert_int_equal(ov->by_status[OGI_AGENCY_PASS], 2);
    assert_int_equal(ov->by_status[OGI_AGENCY_MISSING], 1);
    ogi_overview_free(ov);
    assert_int_equal(ogi_overview_build(f->ctx, reg, f->dir, 2023, &ov), OGI_OK);
    assert_int_equal(ov->agencies[2].status, OGI_AGENCY_PASS);
    assert_int_equal(ov->agencies[0].status, OGI_AGENCY_MISSING);
    assert_int_equal(ov->nunlisted, 0); /* the refused file is this year's */
    ogi_overview_free(ov);
    ogi_register_close(reg);
    assert_string_equal(ogi_agency_status_name(OGI_AGENCY_PASS_WARNINGS), "pass_warnings");
    assert_string_equal(ogi_agency_status_text(OGI_AGENCY_MISSING, OGI_LANG_ZH), "未报送");
}

/* A long roster (the index is sorted, the arena grows by doubling): each
 * agency is found by its name and by its folder, the first of two rows
 * with the same name wins, a folder beats no match, and an arena of
 * 3,000 rows stays far below the n-squared it cost (18 MB). */
static void test_long_roster(void **state)
{
    fixture *f = *state;
    size_t cap = 3000 * 64 + 64, len = 0;
    char *csv = malloc(cap);
    assert_non_null(csv);
    len += (size_t)snprintf(csv + len, cap - len, "单位,文件夹\n");
    for (int i = 0; i < 3000; i++)
        len += (size_t)snprintf(csv + len, cap - len, "第%04d局,f%04d\n", 2999 - i, i);
    len += (size_t)snprintf(csv + len, cap - len, "第0005局,again\n");
    write_file(f, "roster.csv", csv, len);
    free(csv);
    ogi_roster r;
    assert_int_equal(ogi_roster_load(f->ctx, f->dir, &f->arena, &r), OGI_OK);
    assert_int_equal(r.n, 3001);
    assert_true(f->arena.used_total < (4u << 20));
    for (int i = 0; i < 3000; i += 7) {
        char name[32], folder[32];
        snprintf(name, sizeof name, "第%04d局", 2999 - i);
        snprintf(folder, sizeof folder, "f%04d", i);
        const ogi_roster_entry *by_name = ogi_roster_match(&r, name, "");
        const ogi_roster_entry *by_folder = ogi_roster_match(&r, "", folder);
        assert_non_null(by_name);
        if (2999 - i != 5) /* its second row is later: the first one wins */
            assert_ptr_equal(by_name, &r.entries[i]);
        assert_ptr_equal(by_folder, &r.entries[i]);
    }
    assert_ptr_equal(ogi_roster_match(&r, "第0005局", ""), &r.entries[2994]);
    assert_ptr_equal(ogi_roster_match(&r, "", "again"), &r.entries[3000]);
    assert_null(ogi_roster_match(&r, "", "nowhere"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_no_roster, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_utf8, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_gb18030, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_agency_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_xlsx, setup, teardown),
        cmocka_unit_test_setup_teardown(test_match, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_roster, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overview, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
