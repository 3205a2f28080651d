/* The register of submissions (src/lib/office/register.c) and agency
 * names as a clerk matches them (agency.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "ogi_office.h"

typedef struct fixture {
    char dir[64];
    ogi_context *ctx;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/ogi-register-XXXXXX");
    if (!mkdtemp(f->dir) || ogi_context_new(&f->ctx) != OGI_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char path[128];
    const char *const files[] = {"ogi.sqlite", "ogi.sqlite-wal", "ogi.sqlite-shm"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", f->dir, files[i]);
        unlink(path);
    }
    rmdir(f->dir);
    ogi_context_free(f->ctx);
    free(f);
    return 0;
}

static ogi_submission sample(const char *archived, const char *agency, int year,
                             ogi_verdict verdict)
{
    ogi_submission s = {.time = 1700000000,
                        .submitter = "市人社局",
                        .name = "市人社局/年报.xls",
                        .archived = archived,
                        .sha256 = "ab12",
                        .format = "xls",
                        .agency = agency,
                        .year = year,
                        .template_id = "ogi-2021",
                        .verdict = verdict,
                        .counts = {verdict == OGI_VERDICT_FAIL ? 2 : 0, 1, 0},
                        .outputs = "outbox/x.checked.xlsx",
                        .json = "outbox/x.json",
                        .reason = ""};
    return s;
}

typedef struct collected {
    int n;
    int64_t ids[16];
    int64_t replaces[16];
    char agency_key[16][64];
} collected;

static int collect(void *data, const ogi_submission *sub)
{
    collected *c = data;
    if (c->n < 16) {
        c->ids[c->n] = sub->id;
        c->replaces[c->n] = sub->replaces_id;
        snprintf(c->agency_key[c->n], sizeof c->agency_key[0], "%s", sub->agency_key);
        c->n++;
    }
    return 0;
}

/* The same archived name and SHA-256 again (a file done again after a
 * crash) is one submission, with the id it had. */
static void test_add_twice_is_once(void **state)
{
    fixture *f = *state;
    ogi_register *reg;
    assert_int_equal(ogi_register_open(f->ctx, f->dir, 0, &reg), OGI_OK);
    ogi_submission s = sample("archive/市人社局/年报.xls", "市人社局", 2024, OGI_VERDICT_FAIL);
    int64_t a = 0, b = 0, n = 0;
    assert_int_equal(ogi_register_add(reg, &s, NULL, &a), OGI_OK);
    assert_int_equal(ogi_register_add(reg, &s, NULL, &b), OGI_OK);
    assert_true(a > 0);
    assert_int_equal(a, b);
    assert_int_equal(ogi_register_count(reg, s.archived, s.sha256, &n), OGI_OK);
    assert_int_equal(n, 1);
    ogi_register_close(reg);
}

/* A second submission of the same agency and year replaces the first,
 * whatever seal note or full-width spelling the workbook used. */
static void test_replaces(void **state)
{
    fixture *f = *state;
    ogi_register *reg;
    assert_int_equal(ogi_register_open(f->ctx, f->dir, 0, &reg), OGI_OK);
    ogi_submission s1 = sample("archive/a/年报.xls", "市人社局（盖章）", 2024, OGI_VERDICT_FAIL);
    ogi_submission s2 = sample("archive/a/年报.1.xls", "市 人社局", 2024, OGI_VERDICT_PASS);
    ogi_submission other = sample("archive/b/年报.xls", "市人社局", 2023, OGI_VERDICT_PASS);
    int64_t id1, id2, id3;
    assert_int_equal(ogi_register_add(reg, &s1, NULL, &id1), OGI_OK);
    assert_int_equal(ogi_register_add(reg, &other, NULL, &id3), OGI_OK);
    assert_int_equal(ogi_register_add(reg, &s2, NULL, &id2), OGI_OK);
    collected c = {0};
    assert_int_equal(ogi_register_each(reg, 2024, collect, &c), OGI_OK);
    assert_int_equal(c.n, 2);
    assert_int_equal(c.ids[0], id1);
    assert_int_equal(c.replaces[0], 0);
    assert_int_equal(c.ids[1], id2);
    assert_int_equal(c.replaces[1], id1); /* not the 2023 one */
    assert_string_equal(c.agency_key[0], "市人社局");
    int year = 0;
    assert_int_equal(ogi_register_latest_year(reg, &year), OGI_OK);
    assert_int_equal(year, 2024);
    char path[256];
    assert_int_equal(ogi_register_find_report(reg, "市人社局【公章】", 2023, path, sizeof path),
                     OGI_OK);
    assert_string_equal(path, "archive/b/年报.xls");
    assert_int_equal(ogi_register_find_report(reg, "市财政局", 2023, path, sizeof path), OGI_OK);
    assert_string_equal(path, "");
    ogi_register_close(reg);
}

typedef struct listed {
    int n;
    char keys[4][32];
    ogi_severity sev[4];
} listed;

static int list_cb(void *data, const char *key, const char *rule, ogi_severity severity,
                   const char *table)
{
    listed *l = data;
    (void)rule;
    (void)table;
    if (l->n < 4) {
        snprintf(l->keys[l->n], sizeof l->keys[0], "%s", key);
        l->sev[l->n++] = severity;
    }
    return 0;
}

typedef struct counts {
    char what[8][32];
    int is_table[8];
    int64_t n[8];
    int k;
} counts;

static int count_cb(void *data, const char *what, int is_table, int64_t n)
{
    counts *c = data;
    if (c->k < 8) {
        snprintf(c->what[c->k], sizeof c->what[0], "%s", what);
        c->is_table[c->k] = is_table;
        c->n[c->k++] = n;
    }
    return 0;
}

/* Findings are stored with their submission and counted over each
 * agency's latest submission only. */
static void test_findings(void **state)
{
    fixture *f = *state;
    ogi_register *reg;
    assert_int_equal(ogi_register_open(f->ctx, f->dir, 0, &reg), OGI_OK);
    ogi_finding fs[3] = {
        {.severity = OGI_SEVERITY_ERROR,
         .rule = "t3.balance",
         .key = "t3.balance:a",
         .table = "t3"},
        {.severity = OGI_SEVERITY_ERROR,
         .rule = "t3.balance",
         .key = "t3.balance:b",
         .table = "t3"},
        {.severity = OGI_SEVERITY_WARNING, .rule = "t2.sum", .key = "t2.sum", .table = "t2"}};
    ogi_report r = {.findings = fs, .nfindings = 3};
    ogi_submission old = sample("archive/x/1.xls", "甲局", 2024, OGI_VERDICT_FAIL);
    ogi_submission s = sample("archive/x/2.xls", "甲局", 2024, OGI_VERDICT_FAIL);
    int64_t id = 0;
    assert_int_equal(ogi_register_add(reg, &old, &r, NULL), OGI_OK);
    r.nfindings = 3;
    assert_int_equal(ogi_register_add(reg, &s, &r, &id), OGI_OK);
    listed l = {0};
    assert_int_equal(ogi_register_findings(reg, id, list_cb, &l), OGI_OK);
    assert_int_equal(l.n, 3);
    assert_string_equal(l.keys[1], "t3.balance:b");
    assert_int_equal(l.sev[2], OGI_SEVERITY_WARNING);
    counts c = {0};
    assert_int_equal(ogi_register_finding_counts(reg, 2024, count_cb, &c), OGI_OK);
    assert_int_equal(c.k, 4);
    assert_string_equal(c.what[0], "t3.balance");
    assert_int_equal(c.n[0], 2); /* not 4: the older try is replaced */
    assert_false(c.is_table[0]);
    assert_string_equal(c.what[1], "t2.sum");
    assert_string_equal(c.what[2], "t3");
    assert_true(c.is_table[2]);
    assert_int_equal(c.n[2], 2);
    sqlite3 *db;
    char path[128];
    snprintf(path, sizeof path, "%s/ogi.sqlite", f->dir);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM findings", -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 6);
    sqlite3_finalize(st);
    sqlite3_close(db);
    ogi_register_close(reg);
}

/* A file that is not a database, and one of a newer schema, are refused
 * with their own error, never overwritten. */
static void test_damaged(void **state)
{
    fixture *f = *state;
    char path[128];
    snprintf(path, sizeof path, "%s/ogi.sqlite", f->dir);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    for (int i = 0; i < 512; i++)
        fputs("not a database ", fp);
    fclose(fp);
    ogi_register *reg = (ogi_register *)1;
    assert_int_equal(ogi_register_open(f->ctx, f->dir, 0, &reg), OGI_ERROR_REGISTER_DAMAGED);
    assert_null(reg);
    assert_int_equal(ogi_register_open(f->ctx, f->dir, OGI_REGISTER_READONLY, &reg),
                     OGI_ERROR_REGISTER_DAMAGED);
    fp = fopen(path, "rb");
    char head[16] = {0};
    assert_int_equal(fread(head, 1, 15, fp), 15);
    fclose(fp);
    assert_string_equal(head, "not a database ");
    unlink(path);

    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(ogi_register_open(f->ctx, f->dir, 0, &reg), OGI_ERROR_REGISTER_DAMAGED);
    assert_string_not_equal(ogi_strerror(OGI_ERROR_REGISTER_DAMAGED, OGI_LANG_EN), "unknown error");
}

/* A reader finds no register in a box that has none, and says so. */
static void test_readonly_missing(void **state)
{
    fixture *f = *state;
    ogi_register *reg;
    assert_int_equal(ogi_register_open(f->ctx, f->dir, OGI_REGISTER_READONLY, &reg),
                     OGI_ERROR_REGISTER);
    char path[128];
    snprintf(path, sizeof path, "%s/ogi.sqlite", f->dir);
    assert_int_not_equal(access(path, F_OK), 0); /* a reader creates nothing */
}

static void test_agency_key(void **state)
{
    fixture *f = *state;
    static const char *const same[][2] = {
        {"市人社局（盖章）", "市人社局"},
        {"市 人社局", "市人社局"},
        {"盖章：市人社局", "市人社局"},
        {"市人社局【公章】", "市人社局"},
        {"“市人社局”", "市人社局"},
        {"廣州市人力資源和社會保障局", "广州市人力资源和社会保障局"},
        {"ＡＢＣ局", "ABC局"},
        {"市人社局（本级）", "市人社局(本级)"}, /* not a seal note: kept */
    };
    char out[256];
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        ogi_agency_key(f->ctx, same[i][0], out, sizeof out);
        assert_string_equal(out, same[i][1]);
    }
    /* a short buffer never cuts a character in two */
    assert_int_equal(ogi_agency_key(f->ctx, "市人社局", out, 5), 3);
    assert_string_equal(out, "市");
}

typedef struct year_list {
    int n;
    int year[8];
    int64_t newest[8];
} year_list;

static int take_year(void *data, int year, int64_t newest)
{
    year_list *y = data;
    if (y->n < 8) {
        y->year[y->n] = year;
        y->newest[y->n++] = newest;
    }
    return 0;
}

static int count_imports(void *data, const ogi_submission *sub)
{
    *(int *)data += sub->imported;
    return 0;
}

/* Each year with its newest submission, for the service's roll-ups: an
 * import of BOX/previous/ (filed as previous/…, no submitter folder) is
 * not news, a file of that year submitted through the inbox is, even in
 * a folder named previous. */
static void test_years_leave_imports_out(void **state)
{
    fixture *f = *state;
    ogi_register *reg;
    assert_int_equal(ogi_register_open(f->ctx, f->dir, 0, &reg), OGI_OK);
    ogi_submission imp = sample("previous/2022/a.xls", "市人社局", 2022, OGI_VERDICT_PASS);
    imp.submitter = "";
    imp.time = 1800000000; /* newer than any: still not news */
    ogi_submission late = sample("archive/b/年报.xls", "市财政局", 2023, OGI_VERDICT_PASS);
    ogi_submission newer = sample("archive/c/年报.xls", "市财政局", 2023, OGI_VERDICT_FAIL);
    newer.time = 1700000500;
    ogi_submission now = sample("previous/x.xls", "市教育局", 2024, OGI_VERDICT_PASS);
    assert_int_equal(ogi_register_add(reg, &imp, NULL, NULL), OGI_OK);
    assert_int_equal(ogi_register_add(reg, &late, NULL, NULL), OGI_OK);
    assert_int_equal(ogi_register_add(reg, &newer, NULL, NULL), OGI_OK);
    assert_int_equal(ogi_register_add(reg, &now, NULL, NULL), OGI_OK);
    year_list y = {0};
    assert_int_equal(ogi_register_years(reg, take_year, &y), OGI_OK);
    assert_int_equal(y.n, 2);
    assert_int_equal(y.year[0], 2023);
    assert_int_equal(y.newest[0], 1700000500);
    assert_int_equal(y.year[1], 2024);
    int imports = 0;
    assert_int_equal(ogi_register_each(reg, 0, count_imports, &imports), OGI_OK);
    assert_int_equal(imports, 1);
    assert_true(ogi_register_is_import("", "previous/a.xls"));
    assert_false(ogi_register_is_import("previous", "previous/a.xls"));
    assert_false(ogi_register_is_import("", "previously/a.xls"));
    ogi_register_close(reg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_add_twice_is_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_replaces, setup, teardown),
        cmocka_unit_test_setup_teardown(test_findings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readonly_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_agency_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_years_leave_imports_out, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
