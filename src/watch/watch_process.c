/*
 * watch_process.c - what becomes of one submission, however it was
 * noticed:
 *
 *   read and check it (the library decides what it can read), with last
 *   year's report of the same agency when the register knows one;
 *   if it changed meanwhile, or a refusal might be a truncated upload,
 *   leave it for later;
 *   write its outputs (temporary name, fsync, rename) to outbox/, or its
 *   reason to failed/;
 *   record it in the register (BOX/ogi.sqlite), then in outbox/index.csv;
 *   only then move the original to archive/ or failed/ under a name that
 *   overwrites nothing (NAME.xls, NAME.1.xls, ...).
 *
 * Every step can be cut by a crash and done again: the outputs are
 * rewritten whole, the database and index.csv skip a row they already hold
 * (watch_record.c), and a
 * name chosen once is chosen again (its outputs carry the same SHA-256).
 * So "done twice" is "done once", and kill -9 at any moment loses nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common.h"
#include "ogi_office.h"
#include "watch.h"
#include "watch_messages.h"

/* What one submission turned out to be. */
typedef struct outcome {
    const char *rel;    /* under inbox/ */
    const char *src;    /* inbox/rel */
    ogi_error refusal;  /* OGI_OK: checked */
    const char *why[2]; /* the refusal in Chinese and English */
    const char *sha256; /* "" when unread */
    ogi_report *report; /* when checked */
    ogi_book *book;
    int64_t started;   /* monotonic ns */
    watch_slot *slot;  /* the name chosen, for the service */
    ogi_register *reg; /* opened for this file, or NULL (opened to register) */
} outcome;

/* ---- files and folders ---- */

static void fsync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd); /* some filesystems refuse it on folders: nothing to do */
        close(fd);
    }
}

static void fsync_parent(const char *path)
{
    char *dup = strdup(path);
    if (dup) {
        fsync_dir(dirname(dup));
        free(dup);
    }
}

/* mkdir -p of the folder holding path; new folders are made durable. */
STATIC int make_parents(const char *path)
{
    char *dup = strdup(path);
    if (!dup)
        return -1;
    char *slash = strrchr(dup, '/');
    int rc = 0;
    if (slash) {
        *slash = '\0';
        for (char *p = strchr(dup + 1, '/');; p = strchr(p + 1, '/')) {
            if (p)
                *p = '\0';
            if (mkdir(dup, 0755) == 0)
                fsync_parent(dup);
            else if (errno != EEXIST)
                rc = -1;
            if (!p)
                break;
            *p = '/';
        }
    }
    free(dup);
    return rc;
}

/* Renames src to dst unless dst exists: 0, or an errno. */
STATIC int move_no_replace(const char *src, const char *dst)
{
    if (renameat2(AT_FDCWD, src, AT_FDCWD, dst, RENAME_NOREPLACE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS)
        return errno;
    /* filesystems without RENAME_NOREPLACE (NFS, CIFS): a hard link
     * cannot overwrite either; a crash between link and unlink leaves two
     * names of one inode, which the next attempt recognises */
    if (link(src, dst) == 0)
        return unlink(src) == 0 || errno == ENOENT ? 0 : errno;
    if (errno == EEXIST || errno == ENOENT)
        return errno;
    /* no hard links either (some SMB servers): one instance per box, so
     * checking first is enough */
    struct stat st;
    if (lstat(dst, &st) == 0)
        return EEXIST;
    return rename(src, dst) == 0 ? 0 : errno;
}

static int same_inode(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* 1 when the file still is what was observed (no writer since). */
static int unchanged(const char *src, const watch_entry *e, int *gone)
{
    struct stat st;
    *gone = 0;
    if (lstat(src, &st) != 0) {
        *gone = errno == ENOENT;
        return 0;
    }
    int64_t mt = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    return S_ISREG(st.st_mode) && st.st_size == e->size && mt == e->mtime_ns &&
           st.st_ino == e->ino && st.st_dev == e->dev;
}

/* ---- choosing names ---- */

/* The SHA-256 recorded in an earlier outputs' JSON ("" when none). */
static int outputs_belong_to(const char *json_path, const char *sha256)
{
    json_error_t jerr;
    json_t *doc = json_load_file(json_path, 0, &jerr);
    if (!doc)
        return 0;
    const char *theirs = json_string_value(json_object_get(doc, "sha256"));
    int ours = theirs && strcmp(theirs, sha256) == 0;
    json_decref(doc);
    return ours;
}

static char *outbox_file(const watch_ctx *w, const char *stem, const char *suffix)
{
    size_t n = strlen(w->outbox) + strlen(stem) + strlen(suffix) + 2;
    char *out = malloc(n);
    if (out)
        snprintf(out, n, "%s/%s%s", w->outbox, stem, suffix);
    return out;
}

/* The k-th name in dest_dir is free for src: nothing there, or src itself
 * (a move cut short between link and unlink: *already is set). For
 * checked files, outputs under that name must be absent or made from the
 * same bytes, so a crash between outputs and move picks the same name. */
STATIC int slot_free(const watch_ctx *w, const char *dest_dir, const char *rel, unsigned k,
                     const struct stat *src_st, const char *sha256, int *already)
{
    char *numbered = watch_name_numbered(rel, k);
    char *dest = numbered ? watch_path(dest_dir, numbered) : NULL;
    struct stat st;
    int free_slot = 0;
    *already = 0;
    if (dest && lstat(dest, &st) != 0) {
        free_slot = 1;
    } else if (dest && same_inode(&st, src_st)) {
        free_slot = 1;
        *already = 1;
    }
    if (free_slot && sha256) {
        char *stem = watch_name_stem(rel, k);
        char *json = stem ? outbox_file(w, stem, ".json") : NULL;
        free_slot = json && (lstat(json, &st) != 0 || outputs_belong_to(json, sha256));
        free(json);
        free(stem);
    }
    free(dest);
    free(numbered);
    return free_slot;
}

/* The smallest free k; sha256 NULL for refused files (no outputs). */
static unsigned pick_slot(const watch_ctx *w, const char *dest_dir, const outcome *o,
                          const char *sha256, int *already)
{
    struct stat src_st;
    if (lstat(o->src, &src_st) != 0)
        memset(&src_st, 0, sizeof src_st);
    unsigned k = 0;
    while (!slot_free(w, dest_dir, o->rel, k, &src_st, sha256, already) && k < 100000)
        k++;
    return k;
}

/* ---- the last step, shared by checked and refused files ---- */

static void unlink_source(const char *src)
{
    if (unlink(src) == 0)
        fsync_parent(src);
}

/* Moves the original to dest (already there: just drops the inbox name). */
static watch_result file_away(const watch_ctx *w, const outcome *o, const char *dest, int already)
{
    if (already) {
        unlink_source(o->src);
        return WATCH_DONE;
    }
    if (make_parents(dest) != 0)
        return WATCH_RETRY;
    int err = move_no_replace(o->src, dest);
    if (err == ENOENT)
        return WATCH_GONE;
    if (err != 0) {
        /* a Windows client holding it open, a read-only inbox: the
         * outputs are out, the move is tried again later */
        watch_log(w, watch_message(WATCH_MSG_CANNOT_MOVE, w->common.lang), o->rel, strerror(err));
        return WATCH_STUCK;
    }
    /* The new name made durable is enough: should a crash bring the inbox
     * name back as well (filesystems without a journal), it is the same
     * inode, which slot_free recognises, and the inbox name is dropped. */
    fsync_parent(dest);
    return WATCH_DONE;
}

static long long elapsed_ms(const outcome *o)
{
    return (long long)((watch_now_ns() - o->started) / 1000000);
}

/* ---- the register ---- */

/* "xls" for "a/NAME.XLS": the format as submitted ("" without extension). */
static void format_of(const char *rel, char *buf, size_t size)
{
    const char *base = strrchr(rel, '/'), *dot = strrchr(base ? base + 1 : rel, '.');
    size_t n = 0;
    for (const char *p = dot ? dot + 1 : ""; *p && n + 1 < size; p++)
        buf[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    buf[n] = '\0';
}

/* Registers the outcome in the database; on failure says why (the file
 * stays in the inbox and is tried again: never registered, never moved). */
static int register_outcome(const watch_ctx *w, const outcome *o, const char *submitter,
                            const char *archived, const char *outputs, const char *json)
{
    char format[16];
    format_of(o->rel, format, sizeof format);
    const ogi_report *r = o->report;
    ogi_submission sub = {.time = time(NULL),
                          .submitter = submitter,
                          .name = o->rel,
                          .archived = archived,
                          .sha256 = o->sha256,
                          .format = format,
                          .agency = r && r->agency ? r->agency : "",
                          .year = r ? r->year : 0,
                          .template_id = r && r->template_id ? r->template_id : "",
                          .verdict = !r                             ? OGI_VERDICT_REFUSED
                                     : r->status == OGI_STATUS_PASS ? OGI_VERDICT_PASS
                                                                    : OGI_VERDICT_FAIL,
                          .outputs = outputs,
                          .json = json,
                          .reason = r ? "" : o->why[w->common.lang == OGI_LANG_EN]};
    for (int i = 0; r && i < 3; i++)
        sub.counts[i] = r->counts[i];
    ogi_error err = watch_register_db(w, o->reg, &sub, r);
    if (err != OGI_OK)
        watch_log(w, watch_message(WATCH_MSG_FILE_ERROR, w->common.lang), o->rel,
                  ogi_strerror(err, w->common.lang));
    return err == OGI_OK ? 0 : -1;
}

/* ---- refused ---- */

static char *reason_text(const outcome *o)
{
    char when[64];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
    const char *sha = o->sha256[0] ? o->sha256 : "-";
    /* Chinese, a blank line, English: whoever opens it reads one of them */
    const char *note[2] = {watch_message(WATCH_MSG_REFUSED_NOTE, OGI_LANG_ZH),
                           watch_message(WATCH_MSG_REFUSED_NOTE, OGI_LANG_EN)};
    int len[2];
    for (int i = 0; i < 2; i++)
        if ((len[i] = snprintf(NULL, 0, note[i], o->rel, o->why[i], when, sha)) < 0)
            return NULL;
    size_t n = (size_t)len[0] + 1 + (size_t)len[1] + 1;
    char *text = malloc(n);
    if (text) {
        snprintf(text, n, note[0], o->rel, o->why[0], when, sha);
        text[len[0]] = '\n';
        snprintf(text + len[0] + 1, n - (size_t)len[0] - 1, note[1], o->rel, o->why[1], when, sha);
    }
    return text;
}

static watch_result refuse(const watch_ctx *w, const outcome *o)
{
    int already;
    unsigned k = pick_slot(w, w->failed, o, NULL, &already);
    o->slot->k = k;
    o->slot->refused = 1;
    char *numbered = watch_name_numbered(o->rel, k);
    char *dest = numbered ? watch_path(w->failed, numbered) : NULL;
    size_t n = dest ? strlen(dest) + 5 : 0;
    char *txt = dest ? malloc(n) : NULL, *text = reason_text(o);
    watch_result res = WATCH_RETRY;
    if (txt && text) {
        snprintf(txt, n, "%s.txt", dest);
        char *sub = watch_name_submitter(o->rel);
        char *shown_dest = watch_path("failed", numbered);
        char *shown_txt = watch_path("failed", txt + strlen(w->failed) + 1);
        int en = w->common.lang == OGI_LANG_EN;
        const char *fields[10] = {sub ? sub : "",
                                  o->rel,
                                  watch_message(WATCH_MSG_REFUSED, w->common.lang),
                                  "",
                                  "",
                                  "",
                                  shown_dest ? shown_dest : "",
                                  shown_txt ? shown_txt : "",
                                  o->why[en],
                                  o->sha256};
        if (make_parents(dest) != 0 || ogi_write_file_atomic(txt, text, strlen(text)) != OGI_OK)
            watch_log(w, watch_message(WATCH_MSG_WILL_RETRY, w->common.lang), o->rel,
                      ogi_strerror(OGI_ERROR_WRITE, w->common.lang));
        else if (register_outcome(w, o, sub ? sub : "", shown_dest ? shown_dest : "", "", "") != 0)
            res = WATCH_RETRY;
        else if (watch_register(w, fields) == 0)
            res = file_away(w, o, dest, already);
        else
            watch_log(w, watch_message(WATCH_MSG_WILL_RETRY, w->common.lang), o->rel,
                      ogi_strerror(OGI_ERROR_WRITE, w->common.lang));
        if (res == WATCH_DONE || res == WATCH_STUCK)
            watch_log(w, watch_message(WATCH_MSG_REFUSED_LOG, w->common.lang), o->rel, o->why[en],
                      elapsed_ms(o), shown_dest ? shown_dest : "");
        free(sub);
        free(shown_dest);
        free(shown_txt);
    }
    free(text);
    free(txt);
    free(dest);
    free(numbered);
    return res;
}

/* ---- checked ---- */

static ogi_error write_outputs(const watch_ctx *w, const outcome *o, const char *xlsx,
                               const char *json)
{
    if (make_parents(xlsx) != 0)
        return OGI_ERROR_WRITE;
    ogi_write_options wo = {w->common.lang, NULL};
    ogi_error err = ogi_write_xlsx(o->report, o->book, xlsx, &wo);
    char *text = NULL;
    /* the JSON last: its SHA-256 claims the name (see slot_free) */
    if (err == OGI_OK)
        err = ogi_report_json(o->report, o->book, &text);
    if (err == OGI_OK)
        err = ogi_write_file_atomic(json, text, strlen(text));
    free(text);
    return err;
}

static const char *verdict_word(const ogi_report *r, ogi_lang lang)
{
    return watch_message(r->status == OGI_STATUS_PASS ? WATCH_MSG_PASS : WATCH_MSG_FAIL, lang);
}

static watch_result accept(const watch_ctx *w, const outcome *o)
{
    int already;
    unsigned k = pick_slot(w, w->archive, o, o->sha256, &already);
    o->slot->k = k;
    o->slot->refused = 0;
    char *numbered = watch_name_numbered(o->rel, k), *stem = watch_name_stem(o->rel, k);
    char *dest = numbered ? watch_path(w->archive, numbered) : NULL;
    char *xlsx = stem ? outbox_file(w, stem, ".checked.xlsx") : NULL;
    char *json = stem ? outbox_file(w, stem, ".json") : NULL;
    watch_result res = WATCH_RETRY;
    if (dest && xlsx && json) {
        char *sub = watch_name_submitter(o->rel);
        char *shown_dest = watch_path("archive", numbered);
        char *shown_xlsx = watch_path("outbox", xlsx + strlen(w->outbox) + 1);
        char *shown_json = watch_path("outbox", json + strlen(w->outbox) + 1);
        char counts[3][24];
        for (int i = 0; i < 3; i++)
            snprintf(counts[i], sizeof counts[i], "%zu", o->report->counts[i]);
        const char *fields[10] = {sub ? sub : "",
                                  o->rel,
                                  verdict_word(o->report, w->common.lang),
                                  counts[0],
                                  counts[1],
                                  counts[2],
                                  shown_dest ? shown_dest : "",
                                  shown_xlsx ? shown_xlsx : "",
                                  "",
                                  o->sha256};
        ogi_error err = write_outputs(w, o, xlsx, json);
        if (err != OGI_OK)
            watch_log(w, watch_message(WATCH_MSG_WILL_RETRY, w->common.lang), o->rel,
                      ogi_strerror(err, w->common.lang));
        else if (register_outcome(w, o, sub ? sub : "", shown_dest ? shown_dest : "",
                                  shown_xlsx ? shown_xlsx : "", shown_json ? shown_json : "") != 0)
            res = WATCH_RETRY;
        else if (watch_register(w, fields) == 0)
            res = file_away(w, o, dest, already);
        else
            watch_log(w, watch_message(WATCH_MSG_WILL_RETRY, w->common.lang), o->rel,
                      ogi_strerror(OGI_ERROR_WRITE, w->common.lang));
        if (res == WATCH_DONE || res == WATCH_STUCK)
            watch_log(w, watch_message(WATCH_MSG_CHECKED_LOG, w->common.lang), o->rel,
                      verdict_word(o->report, w->common.lang), o->report->counts[0],
                      o->report->counts[1], o->report->counts[2], elapsed_ms(o),
                      shown_xlsx ? shown_xlsx : "");
        free(sub);
        free(shown_dest);
        free(shown_xlsx);
        free(shown_json);
    }
    free(json);
    free(xlsx);
    free(dest);
    free(stem);
    free(numbered);
    return res;
}

/* ---- one file ---- */

/* Errors that say something about this machine, not about the file. */
static int passing(ogi_error err)
{
    return err == OGI_ERROR_READ || err == OGI_ERROR_MEMORY || err == OGI_ERROR_IS_DIRECTORY ||
           err == OGI_ERROR_WRITE || err == OGI_ERROR_TEMPLATE || err == OGI_ERROR_OPENCC;
}

STATIC watch_result watch_work(const watch_ctx *w, const watch_entry *e, int settled,
                               watch_slot *slot)
{
    outcome o = {.rel = e->rel, .sha256 = "", .started = watch_now_ns(), .slot = slot};
    char *src = watch_path(w->inbox, e->rel);
    if (!src)
        return WATCH_RETRY;
    o.src = src;
    ogi_error err = ogi_book_open(w->ctx, src, &o.book);
    if (err == OGI_OK) {
        /* the register also tells where last year's report of the same
         * agency is (a failure to open it is said when registering) */
        if (ogi_register_open(w->ctx, w->box, 0, &o.reg) != OGI_OK)
            o.reg = NULL;
        /* its folder bridges a rename since last year (the same agency) */
        char *submitter = watch_name_submitter(e->rel);
        ogi_auto_previous from = {o.reg, w->box, NULL, submitter};
        o.sha256 = ogi_book_sha256(o.book);
        err = ogi_check_auto_previous(w->ctx, o.book, e->rel, &from, w->common.lang, &o.report);
        free(submitter);
        if (err == OGI_OK && o.report->status == OGI_STATUS_NO_TABLES)
            err = OGI_ERROR_NO_TABLES;
    }
    int gone;
    watch_result res;
    if (err == OGI_ERROR_NOT_FOUND) {
        res = WATCH_GONE;
    } else if (passing(err)) {
        if (e->retries == 0)
            watch_log(w, watch_message(WATCH_MSG_WILL_RETRY, w->common.lang), e->rel,
                      ogi_strerror(err, w->common.lang));
        res = WATCH_RETRY;
    } else if (!unchanged(src, e, &gone)) {
        res = gone ? WATCH_GONE : WATCH_UNSETTLED; /* written to while read */
    } else if (err != OGI_OK && !settled) {
        res = WATCH_UNSETTLED; /* perhaps an upload still under way */
    } else if (err != OGI_OK) {
        o.refusal = err;
        o.why[0] = ogi_strerror(err, OGI_LANG_ZH);
        o.why[1] = ogi_strerror(err, OGI_LANG_EN);
        res = refuse(w, &o);
    } else {
        res = accept(w, &o);
    }
    ogi_report_free(o.report);
    ogi_book_free(o.book);
    ogi_register_close(o.reg);
    free(src);
    return res;
}

watch_result watch_give_up(const watch_ctx *w, const watch_entry *e, watch_slot *slot)
{
    char *src = watch_path(w->inbox, e->rel);
    if (!src)
        return WATCH_RETRY;
    outcome o = {.rel = e->rel,
                 .src = src,
                 .why = {watch_message(WATCH_MSG_CRASHED_REASON, OGI_LANG_ZH),
                         watch_message(WATCH_MSG_CRASHED_REASON, OGI_LANG_EN)},
                 .sha256 = "",
                 .started = watch_now_ns(),
                 .slot = slot};
    watch_result res = refuse(w, &o);
    free(src);
    return res;
}

pid_t watch_process_start(const watch_ctx *w, const watch_entry *e, int settled, watch_result *res,
                          watch_slot *slot, int *report)
{
    int fds[2];
    pid_t parent = getpid();
    pid_t pid = pipe2(fds, O_CLOEXEC) == 0 ? fork() : -1;
    if (pid < 0) {
        *report = -1;
        *res = watch_work(w, e, settled, slot);
        return -1;
    }
    if (pid == 0) {
        /* dies with the service: after kill -9 and a restart, no orphan
         * works on the same file as the new service */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(WATCH_RETRY);
        if (w->timeout_s)
            alarm(w->timeout_s); /* a file that hangs the library */
        close(fds[0]);
        watch_slot chosen = {0, 0};
        watch_result r = watch_work(w, e, settled, &chosen);
        /* a few bytes: the pipe holds them until the service reads them */
        if (write(fds[1], &chosen, sizeof chosen) != (ssize_t)sizeof chosen && r == WATCH_STUCK)
            r = WATCH_RETRY;
        _exit((int)r);
    }
    close(fds[1]);
    *report = fds[0];
    return pid;
}

watch_result watch_process_result(int status, int report, watch_slot *slot)
{
    watch_result res = WATCH_CRASHED;
    if (WIFEXITED(status) && WEXITSTATUS(status) < WATCH_CRASHED)
        res = (watch_result)WEXITSTATUS(status);
    if (report >= 0) {
        if (read(report, slot, sizeof *slot) != (ssize_t)sizeof *slot && res == WATCH_STUCK)
            res = WATCH_RETRY;
        close(report);
    }
    return res;
}

watch_result watch_move_again(const watch_ctx *w, const watch_entry *e)
{
    char *src = watch_path(w->inbox, e->rel);
    char *numbered = watch_name_numbered(e->rel, e->slot.k);
    char *dest = numbered ? watch_path(e->slot.refused ? w->failed : w->archive, numbered) : NULL;
    watch_result res = WATCH_RETRY;
    int gone, err;
    if (!src || !dest) {
        res = WATCH_RETRY;
    } else if (!unchanged(src, e, &gone)) {
        res = gone ? WATCH_GONE : WATCH_UNSETTLED; /* a new version: all again */
    } else if ((err = move_no_replace(src, dest)) == 0) {
        fsync_parent(dest);
        watch_log(w, watch_message(WATCH_MSG_MOVED_AT_LAST, w->common.lang), e->rel,
                  e->slot.refused ? "failed" : "archive", numbered);
        res = WATCH_DONE;
    } else {
        /* EEXIST: someone took the name meanwhile; all again, another name */
        res = err == ENOENT ? WATCH_GONE : err == EEXIST ? WATCH_UNSETTLED : WATCH_STUCK;
    }
    free(dest);
    free(numbered);
    free(src);
    return res;
}
