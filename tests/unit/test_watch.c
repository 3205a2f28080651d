/* ogi watch: the filesystem-type decision, names (ignored files, the
 * archive clash rule), and the one decision of when a file is taken. */
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

#include "watch.h"

/* STATIC in watch_process.c */
int slot_free(const watch_ctx *w, const char *dest_dir, const char *rel, unsigned k,
              const struct stat *src_st, const char *sha256, int *already);
int move_no_replace(const char *src, const char *dst);
int make_parents(const char *path);

#define S 1000000000LL
/* the wall clock of the test: files' times are seconds 1, 2, 3... */
#define WALL(mono) ((mono)-1000 * S + 1 * S)

static void test_network_and_fuse_filesystems_are_polled(void **state)
{
    (void)state;
    const unsigned long polled[] = {0x6969,     /* nfs */
                                    0x517B,     /* smb */
                                    0xFF534D42, /* cifs */
                                    0xFE534D42, /* smb2 */
                                    0x65735546, /* fuse: sshfs, rclone, gvfs */
                                    0x00c36400, /* ceph */
                                    0x01021997, /* 9p (WSL, VMs) */
                                    0x786f4256, /* vboxsf */
                                    0x12345678 /* unknown: polling is the safe side */};
    for (size_t i = 0; i < sizeof polled / sizeof *polled; i++)
        assert_int_equal(watch_fs_wants_poll(polled[i]), 1);
    const unsigned long local[] = {0xEF53,     0x58465342, 0x9123683E,
                                   0x01021994, 0x794c7630, 0x2fc12fc1};
    for (size_t i = 0; i < sizeof local / sizeof *local; i++)
        assert_int_equal(watch_fs_wants_poll(local[i]), 0);
    /* f_type is a signed long: CIFS's magic may arrive sign-extended */
    assert_int_equal(watch_fs_wants_poll((unsigned long)(long)(int)0xFF534D42), 1);
    char buf[32];
    assert_string_equal(watch_fs_name((unsigned long)(long)(int)0xFF534D42, buf, sizeof buf),
                        "cifs");
    assert_string_equal(watch_fs_name(0x6969, buf, sizeof buf), "nfs");
    assert_string_equal(watch_fs_name(0x12345678, buf, sizeof buf), "0x12345678");
    unsigned long magic = 0;
    assert_int_equal(watch_fs_type(".", &magic), 0);
    assert_int_not_equal(magic, 0);
    assert_int_equal(watch_fs_type("/no/such/folder", &magic), -1);
}

static void test_ignored_names(void **state)
{
    (void)state;
    const char *ignored[] = {".hidden.xls",         ".~lock.年报.xls#", "~$年报.xls",
                             "~WRL0001.tmp",        "年报.xls.TMP",     "年报.xls.part",
                             "年报.xls.crdownload", "年报.xls~",        "Thumbs.db",
                             "desktop.ini",         ".年报.xls.Ab12Cd", ""};
    for (size_t i = 0; i < sizeof ignored / sizeof *ignored; i++)
        assert_int_equal(watch_name_ignored(ignored[i]), 1);
    const char *taken[] = {"年报.xls", "report.XLS",   "年报.xlsx",
                           "年报.ods", "no extension", "a~b.xls"};
    for (size_t i = 0; i < sizeof taken / sizeof *taken; i++)
        assert_int_equal(watch_name_ignored(taken[i]), 0);
}

static void check_str(char *got, const char *want)
{
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void test_numbered_names_and_stems(void **state)
{
    (void)state;
    check_str(watch_name_numbered("局/年报.xls", 0), "局/年报.xls");
    check_str(watch_name_numbered("局/年报.xls", 1), "局/年报.1.xls");
    check_str(watch_name_numbered("局/年报.xls", 12), "局/年报.12.xls");
    check_str(watch_name_numbered("年报", 2), "年报.2");
    check_str(watch_name_numbered("v1.2/年报", 1), "v1.2/年报.1"); /* a dot in the folder */
    check_str(watch_name_numbered("a/b.tar.gz", 1), "a/b.tar.1.gz");
    check_str(watch_name_stem("局/年报.xls", 0), "局/年报");
    check_str(watch_name_stem("局/年报.XLSX", 3), "局/年报.3");
    check_str(watch_name_stem("局/年报.ods", 0), "局/年报");
    check_str(watch_name_stem("局/说明.txt", 0), "局/说明.txt");
    /* NAME.xls, NAME.xlsx and NAME.1.xls may compete for NAME.1.xls */
    check_str(watch_name_clash_key("局/年报.xls"), "局/年报");
    check_str(watch_name_clash_key("局/年报.1.xlsx"), "局/年报");
    check_str(watch_name_clash_key("v1.2/年报"), "v1.2/年报");
    check_str(watch_name_submitter("局/科/年报.xls"), "局");
    check_str(watch_name_submitter("年报.xls"), "");
    char **locks = watch_name_editor_locks("年报2019.xls");
    assert_non_null(locks);
    assert_string_equal(locks[0], ".~lock.年报2019.xls#");
    assert_string_equal(locks[1], "~$年报2019.xls");
    assert_string_equal(locks[2], "~$2019.xls"); /* Office drops two characters */
    assert_null(locks[3]);
    watch_name_free_list(locks);
}

static void write_file(const char *path, const char *text)
{
    assert_int_equal(make_parents(path), 0);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static char *join(const char *a, const char *b)
{
    char *p = watch_path(a, b);
    assert_non_null(p);
    return p;
}

/* The archive clash rule: never overwrite, and after a crash choose the
 * same name again. */
static void test_archive_names_never_clash(void **state)
{
    (void)state;
    char root[] = "/tmp/ogi-test-watch-XXXXXX";
    assert_non_null(mkdtemp(root));
    watch_ctx w = {.box = root};
    w.inbox = join(root, "inbox");
    w.outbox = join(root, "outbox");
    w.archive = join(root, "archive");
    char *src = join(w.inbox, "局/年报.xls");
    write_file(src, "new submission");
    struct stat st;
    assert_int_equal(stat(src, &st), 0);
    int already;

    /* nothing archived yet: the plain name */
    assert_true(slot_free(&w, w.archive, "局/年报.xls", 0, &st, "aaa", &already));
    assert_false(already);

    /* an earlier submission of the same name: .1 */
    char *old = join(w.archive, "局/年报.xls");
    write_file(old, "earlier submission");
    assert_false(slot_free(&w, w.archive, "局/年报.xls", 0, &st, "aaa", &already));
    assert_true(slot_free(&w, w.archive, "局/年报.xls", 1, &st, "aaa", &already));

    /* outputs under .1 made from other bytes (年报.xlsx checked earlier) */
    char *json = join(w.outbox, "局/年报.1.json");
    write_file(json, "{\"sha256\": \"bbb\"}");
    assert_false(slot_free(&w, w.archive, "局/年报.xls", 1, &st, "aaa", &already));
    /* ... or from these very bytes: a crash after the outputs, the same name */
    assert_true(slot_free(&w, w.archive, "局/年报.xls", 1, &st, "bbb", &already));

    /* a move cut between link and unlink: the archived name is this file */
    char *linked = join(w.archive, "局/年报.2.xls");
    assert_int_equal(link(src, linked), 0);
    assert_true(slot_free(&w, w.archive, "局/年报.xls", 2, &st, "ccc", &already));
    assert_true(already);
    /* refused files have no outputs to compare */
    assert_true(slot_free(&w, w.archive, "局/年报.xls", 3, &st, NULL, &already));

    /* the move itself never overwrites */
    assert_int_equal(move_no_replace(src, old), EEXIST);
    FILE *f = fopen(old, "r");
    char buf[64] = "";
    assert_non_null(f);
    assert_non_null(fgets(buf, sizeof buf, f));
    fclose(f);
    assert_string_equal(buf, "earlier submission");
    char *dest = join(w.archive, "局/年报.3.xls");
    assert_int_equal(move_no_replace(src, dest), 0);
    assert_int_equal(access(src, F_OK), -1);

    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
    free(dest);
    free(linked);
    free(json);
    free(old);
    free(src);
    free(w.inbox);
    free(w.outbox);
    free(w.archive);
}

static struct stat fake_stat(off_t size, time_t mtime)
{
    struct stat st;
    memset(&st, 0, sizeof st);
    st.st_size = size;
    st.st_mtim.tv_sec = mtime;
    st.st_ino = 42;
    return st;
}

static void test_when_a_file_is_taken(void **state)
{
    (void)state;
    watch_queue *q = watch_queue_new();
    int64_t t = 1000 * S, settle = 3 * S;
    struct stat st = fake_stat(100, 1);

    /* an event: a writer closed it */
    watch_entry *e = watch_queue_observe(q, "a.xls", &st, t, WALL(t), 1);
    assert_int_equal(watch_decide(e, t, settle, 0, WATCH_PROBE_UNKNOWN), WATCH_TAKE);
    /* unless it is open for writing again, or an editor holds it */
    assert_int_equal(watch_decide(e, t, settle, 0, WATCH_PROBE_BUSY), WATCH_WAIT);
    /* polling trusts only time: two looks, settle apart */
    assert_int_equal(watch_decide(e, t, settle, 1, WATCH_PROBE_FREE), WATCH_WAIT);
    e = watch_queue_observe(q, "a.xls", &st, t + 2 * S, WALL(t + 2 * S), 0);
    assert_int_equal(watch_decide(e, t + 2 * S, settle, 1, WATCH_PROBE_UNKNOWN), WATCH_WAIT);
    e = watch_queue_observe(q, "a.xls", &st, t + 3 * S, WALL(t + 3 * S), 0);
    assert_int_equal(watch_decide(e, t + 3 * S, settle, 1, WATCH_PROBE_UNKNOWN), WATCH_TAKE);
    /* a settled file still open for writing (locally) waits */
    assert_int_equal(watch_decide(e, t + 3 * S, settle, 1, WATCH_PROBE_BUSY), WATCH_WAIT);

    /* growing: the clock starts again at each change */
    st = fake_stat(200, 2);
    e = watch_queue_observe(q, "a.xls", &st, t + 4 * S, WALL(t + 4 * S), 0);
    assert_int_equal(e->observations, 1);
    assert_int_equal(watch_decide(e, t + 8 * S, settle, 1, WATCH_PROBE_UNKNOWN), WATCH_WAIT);
    st = fake_stat(200, 3); /* same size, new time: still being written */
    e = watch_queue_observe(q, "a.xls", &st, t + 8 * S, WALL(t + 8 * S), 0);
    assert_int_equal(watch_decide(e, t + 9 * S, settle, 1, WATCH_PROBE_UNKNOWN), WATCH_WAIT);

    /* polling a file written long ago (a backlog): two looks suffice */
    st = fake_stat(100, 1);
    e = watch_queue_observe(q, "old.xls", &st, t + 100 * S, WALL(t + 100 * S), 0);
    assert_int_equal(watch_decide(e, t + 100 * S, settle, 1, WATCH_PROBE_UNKNOWN), WATCH_WAIT);
    e = watch_queue_observe(q, "old.xls", &st, t + 101 * S, WALL(t + 101 * S), 0);
    assert_int_equal(watch_decide(e, t + 101 * S, settle, 1, WATCH_PROBE_UNKNOWN), WATCH_TAKE);
    watch_queue_forget(q, "old.xls");

    /* found by a scan on a local disk: nobody writing means complete */
    st = fake_stat(300, 4);
    e = watch_queue_observe(q, "b.xls", &st, t, WALL(t), 0);
    assert_int_equal(watch_decide(e, t, settle, 0, WATCH_PROBE_FREE), WATCH_TAKE);
    assert_int_equal(watch_decide(e, t, settle, 0, WATCH_PROBE_UNKNOWN), WATCH_WAIT);
    /* read as incomplete: only time will do, even after a close */
    e->must_settle = 1;
    e = watch_queue_observe(q, "b.xls", &st, t + 1 * S, WALL(t + 1 * S), 1);
    assert_int_equal(watch_decide(e, t + 1 * S, settle, 0, WATCH_PROBE_FREE), WATCH_WAIT);
    assert_int_equal(watch_decide(e, t + 3 * S, settle, 0, WATCH_PROBE_FREE), WATCH_TAKE);
    /* backing off after a passing failure */
    e->not_before = t + 10 * S;
    assert_int_equal(watch_decide(e, t + 9 * S, settle, 0, WATCH_PROBE_FREE), WATCH_WAIT);
    assert_true(watch_next_look(e, t + 9 * S, settle) >= t + 10 * S);

    /* a full scan forgets files that left */
    assert_int_equal(watch_queue_size(q), 2);
    watch_queue_begin_scan(q);
    watch_queue_observe(q, "b.xls", &st, t + 20 * S, WALL(t + 20 * S), 0);
    watch_queue_sweep(q);
    assert_int_equal(watch_queue_size(q), 1);
    assert_null(watch_queue_find(q, "a.xls"));
    watch_queue_free(q);
}

static void test_csv_fields(void **state)
{
    (void)state;
    char buf[64];
    watch_csv_field(buf, sizeof buf, "plain 年报");
    assert_string_equal(buf, "plain 年报");
    watch_csv_field(buf, sizeof buf, "a,b \"c\"");
    assert_string_equal(buf, "\"a,b \"\"c\"\"\"");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_network_and_fuse_filesystems_are_polled),
        cmocka_unit_test(test_ignored_names),
        cmocka_unit_test(test_numbered_names_and_stems),
        cmocka_unit_test(test_archive_names_never_clash),
        cmocka_unit_test(test_when_a_file_is_taken),
        cmocka_unit_test(test_csv_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
