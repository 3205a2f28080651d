/*
 * serve_worker.c - where uploads are processed.
 *
 * A server with threads must not fork workers from its threads (a lock
 * held by another thread at the fork stays locked forever in the child).
 * So before the first thread starts, serve forks one process with a
 * single thread, the "zygote". For each upload a connection thread sends
 * it the name of the file in the inbox and one end of a fresh socket
 * pair; the zygote forks an upload worker, which:
 *
 *   reads the upload's bytes, then runs the procedure of `ogi watch` on
 *   it (watch_process_start: its own worker, time limit, outputs,
 *   register, archive) - the same outputs, register and exactly-once
 *   guarantees as a dropped file;
 *   meanwhile (two cores) checks those bytes again to put the findings in
 *   words a clerk reads (statutory table, row and column; the cell in the
 *   clerk's own sheet), in Chinese and English;
 *   once the procedure has said where the original went, writes the
 *   answer to .serve/results/<id>.json, reachable only through that
 *   random id, and answers on its socket.
 *
 * The zygote and its workers block SIGTERM: a stopping server finishes
 * the uploads in hand, and they die with it on kill -9 (PDEATHSIG).
 */
#include <errno.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "serve.h"
#include "serve_text.h"
#include "watch_messages.h"

#define REL_MAX 2048
#define ATTEMPTS 4

typedef struct request {
    char rel[REL_MAX]; /* under inbox/ */
    char id[SERVE_ID_HEX + 1];
} request;

static const char *const severity_names[] = {"error", "warning", "info"};

/* ---- the result file ---- */

static json_t *findings_json(const ogi_report *r, const ogi_book *book, ogi_lang lang)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < r->nfindings; i++) {
        const ogi_finding *f = &r->findings[i];
        char position[512] = "", cell[256] = "";
        if (r->tmpl && f->ncells > 0)
            ogi_cell_position(r->tmpl, f->cells[0], lang, position, sizeof position);
        if (f->source.sheet >= 0)
            ogi_source_ref(book, f->source, cell, sizeof cell);
        const char *table =
            r->tmpl && f->table && f->table[0] ? ogi_table_title(r->tmpl, f->table, lang) : "";
        json_t *o =
            json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "severity", severity_names[f->severity],
                      "rule", f->rule ? f->rule : "", "table", table ? table : "", "position",
                      position, "cell", cell, "message", f->message ? f->message : "");
        if (o && f->has_sides) {
            json_object_set_new(o, "expected", json_real(f->expected));
            json_object_set_new(o, "actual", json_real(f->actual));
        }
        if (o && f->has_suggested) {
            char where[512] = "";
            if (r->tmpl)
                ogi_cell_position(r->tmpl, f->suggested_cell, lang, where, sizeof where);
            json_object_set_new(o, "suggested_cell", json_string(where));
            json_object_set_new(o, "suggested_value", json_real(f->suggested_value));
        }
        json_array_append_new(list, o);
    }
    return list;
}

/* The answer as far as the file's bytes decide it: verdict, counts and
 * findings in Chinese and English, or why it cannot be checked. Built from
 * the upload in the inbox while watch's worker processes the same bytes,
 * so that both run at once; where the original went is added after. */
static json_t *answer_of(const watch_ctx *w, const char *path, ogi_book *book, ogi_error err)
{
    json_t *doc = json_object();
    json_t *by_lang = json_object();
    for (int l = 0; doc && err == OGI_OK && l < 2; l++) {
        ogi_check_options co = {(ogi_lang)l, NULL, 0};
        ogi_report *r = NULL;
        if ((err = ogi_check(w->ctx, book, path, &co, &r)) != OGI_OK)
            break;
        if (r->status == OGI_STATUS_NO_TABLES) {
            err = OGI_ERROR_NO_TABLES;
            ogi_report_free(r);
            break;
        }
        json_object_set_new(by_lang, l ? "en" : "zh", findings_json(r, book, (ogi_lang)l));
        if (l == 0) {
            json_object_set_new(doc, "verdict",
                                json_string(r->status == OGI_STATUS_PASS ? "pass" : "fail"));
            json_object_set_new(doc, "counts",
                                json_pack("{s:I, s:I, s:I}", "error", (json_int_t)r->counts[0],
                                          "warning", (json_int_t)r->counts[1], "info",
                                          (json_int_t)r->counts[2]));
            json_object_set_new(doc, "template",
                                r->template_id ? json_string(r->template_id) : json_null());
            json_object_set_new(doc, "agency_read",
                                r->agency ? json_string(r->agency) : json_null());
            json_object_set_new(doc, "year", r->year ? json_integer(r->year) : json_null());
        }
        ogi_report_free(r);
    }
    json_object_set_new(doc, "findings", by_lang);
    if (err != OGI_OK)
        json_object_set_new(doc, "reason",
                            json_pack("{s:s, s:s}", "zh", ogi_strerror(err, OGI_LANG_ZH), "en",
                                      ogi_strerror(err, OGI_LANG_EN)));
    return doc;
}

static int write_result(const char *results, const request *rq, const watch_slot *slot, int gave_up,
                        json_t *doc)
{
    char *numbered = watch_name_numbered(rq->rel, slot->k);
    char *stem = watch_name_stem(rq->rel, slot->k);
    char *submitter = watch_name_submitter(rq->rel);
    const char *base = strrchr(rq->rel, '/');
    char when[32];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
    int rc = -1;
    if (numbered && stem && submitter && doc) {
        json_object_set_new(doc, "file", json_string(base ? base + 1 : rq->rel));
        json_object_set_new(doc, "submitter", json_string(submitter));
        json_object_set_new(doc, "time", json_string(when));
        serve_buf shown = {0};
        serve_buf_printf(&shown, "%s/%s", slot->refused ? "failed" : "archive", numbered);
        json_object_set_new(doc, "original", json_string(shown.data ? shown.data : ""));
        serve_buf_free(&shown);
        if (slot->refused) {
            /* the procedure's word is final: refused, with the reason read
             * (or, after crashes, the procedure's own) */
            json_object_set_new(doc, "verdict", json_string("refused"));
            if (gave_up || !json_object_get(doc, "reason"))
                json_object_set_new(
                    doc, "reason",
                    json_pack("{s:s, s:s}", "zh",
                              watch_message(WATCH_MSG_CRASHED_REASON, OGI_LANG_ZH), "en",
                              watch_message(WATCH_MSG_CRASHED_REASON, OGI_LANG_EN)));
        } else {
            serve_buf x = {0};
            serve_buf_printf(&x, "%s.checked.xlsx", stem);
            json_object_set_new(doc, "xlsx", json_string(x.data ? x.data : ""));
            serve_buf_free(&x);
        }
        char *text = json_dumps(doc, JSON_INDENT(1));
        serve_buf path = {0};
        serve_buf_printf(&path, "%s/%s.json", results, rq->id);
        if (text && path.data && !path.failed)
            rc = ogi_write_file_atomic(path.data, text, strlen(text)) == OGI_OK ? 0 : -1;
        serve_buf_free(&path);
        free(text);
    }
    free(submitter);
    free(stem);
    free(numbered);
    return rc;
}

/* ---- one upload ---- */

static int observe(const watch_ctx *w, const char *rel, watch_entry *e)
{
    char *path = watch_path(w->inbox, rel);
    struct stat st;
    int rc = path && lstat(path, &st) == 0 && S_ISREG(st.st_mode) ? 0 : -1;
    free(path);
    if (rc == 0) {
        e->size = st.st_size;
        e->mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
        e->ino = st.st_ino;
        e->dev = st.st_dev;
    }
    return rc;
}

static serve_outcome process(const watch_ctx *w, const char *results, request *rq)
{
    serve_outcome out = {0, 0, {0, 0}};
    watch_entry e = {.rel = rq->rel};
    int gave_up = 0;
    json_t *answer = NULL;
    watch_result res = WATCH_RETRY;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        if (observe(w, rq->rel, &e) != 0) {
            res = WATCH_GONE;
            break;
        }
        int report = -1, status = 0;
        watch_slot slot = {0, 0};
        /* the bytes are read before the worker may move the file on; they
         * are the worker's bytes (an upload is never written again) */
        char *path = !answer && rq->id[0] ? watch_path(w->inbox, rq->rel) : NULL;
        ogi_book *book = NULL;
        ogi_error err = path ? ogi_book_open(w->ctx, path, &book) : OGI_OK;
        pid_t pid = watch_process_start(w, &e, 1, &res, &slot, &report);
        if (path)
            answer = answer_of(w, path, book, err);
        ogi_book_free(book);
        free(path);
        if (pid > 0) {
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
                ;
            res = watch_process_result(status, report, &slot);
        }
        if (res == WATCH_CRASHED && ++e.crashes >= 2) {
            res = watch_give_up(w, &e, &slot);
            gave_up = 1;
        }
        if (res == WATCH_DONE || res == WATCH_STUCK) {
            out.ok = 1;
            out.slot = slot;
            break;
        }
        if (res == WATCH_GONE)
            break;
        struct timespec pause = {0, 100000000L * (attempt + 1)};
        nanosleep(&pause, NULL);
    }
    if (!out.ok) {
        /* not processed: the upload is refused, and nothing of it stays */
        out.busy = 1;
        char *path = watch_path(w->inbox, rq->rel);
        if (path && res != WATCH_GONE)
            unlink(path);
        free(path);
    } else if (rq->id[0] && write_result(results, rq, &out.slot, gave_up, answer) != 0) {
        out.ok = 0; /* processed and registered, but no answer to give */
        out.busy = 1;
    }
    json_decref(answer);
    return out;
}

/* ---- the zygote ---- */

/* The roll-up workbook of issue 14 (outbox/汇总-YEAR.xlsx) is remade after
 * uploads, at most every few seconds, by a low-priority child of this
 * single-threaded process, as ogi watch does (watch_summary.c). */
#define SUMMARY_EVERY_NS (2 * 1000000000LL)

/* Answers not shown for SERVE_RESULT_DAYS are removed at start and then
 * this often (serve_results.c). */
#define SWEEP_EVERY_NS (3600 * 1000000000LL)

typedef struct zygote_state {
    pid_t summary;        /* the roll-up's child, or 0 */
    int summary_due;      /* uploads were done since it was made */
    int64_t summary_next; /* monotonic: not before */
    int64_t sweep_next;   /* monotonic: the next sweep of old answers */
} zygote_state;

/* Reaps the children that have finished (the workers' CPU time adds to
 * the zygote's, where bench/serve.py reads it). */
static void reap(zygote_state *z)
{
    pid_t pid;
    while ((pid = waitpid(-1, NULL, WNOHANG)) > 0) {
        if (pid == z->summary)
            z->summary = 0;
        else
            z->summary_due = 1; /* an upload worker: the register has moved */
    }
}

static void refresh_summary(const watch_ctx *w, zygote_state *z)
{
    int64_t now = watch_now_ns();
    if (!z->summary_due || z->summary > 0 || now < z->summary_next)
        return;
    pid_t pid = watch_summary_start(w);
    if (pid > 0) {
        z->summary = pid;
        z->summary_due = 0;
    }
    z->summary_next = now + SUMMARY_EVERY_NS;
}

static void sweep_results(const watch_ctx *w, const char *results, zygote_state *z)
{
    int64_t now = watch_now_ns();
    if (now < z->sweep_next)
        return;
    z->sweep_next = now + SWEEP_EVERY_NS;
    long n = serve_results_sweep(results, time(NULL));
    if (n > 0)
        watch_log(w, serve_text(ST_RESULTS_SWEPT, w->common.lang), n, SERVE_RESULT_DAYS);
}

static void zygote_loop(watch_ctx *w, const char *results, int sock)
{
    zygote_state z = {0, 0, 0, 0};
    for (;;) {
        reap(&z);
        refresh_summary(w, &z);
        sweep_results(w, results, &z);
        struct pollfd p = {sock, POLLIN, 0};
        if (poll(&p, 1, 1000) == 0)
            continue;
        request rq;
        char control[CMSG_SPACE(sizeof(int))];
        struct iovec iov = {&rq, sizeof rq};
        struct msghdr msg = {.msg_iov = &iov,
                             .msg_iovlen = 1,
                             .msg_control = control,
                             .msg_controllen = sizeof control};
        ssize_t n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break; /* the server is gone or has stopped */
        struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
        if (!c || c->cmsg_type != SCM_RIGHTS || n != (ssize_t)sizeof rq)
            continue;
        int reply;
        memcpy(&reply, CMSG_DATA(c), sizeof reply);
        rq.rel[REL_MAX - 1] = '\0';
        rq.id[SERVE_ID_HEX] = '\0';
        pid_t pid = fork();
        if (pid == 0) {
            close(sock);
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            alarm(2 * w->timeout_s + 30);
            serve_outcome out = process(w, results, &rq);
            ssize_t wn = write(reply, &out, sizeof out);
            _exit(wn == (ssize_t)sizeof out ? 0 : 1);
        }
        if (pid < 0) {
            serve_outcome out = {0, 1, {0, 0}};
            if (write(reply, &out, sizeof out) < 0) {
                /* the connection thread sees its socket closed */
            }
        }
        close(reply);
    }
    while (wait(NULL) > 0 || errno == EINTR)
        ; /* the uploads in hand finish before the zygote goes */
    if (z.summary_due)
        watch_summary_now(w); /* the last uploads are in the roll-up too */
}

int serve_worker_start(watch_ctx *w, const char *results_dir)
{
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0)
        return -1;
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        close(pair[0]);
        close(pair[1]);
        return -1;
    }
    if (pid == 0) {
        close(pair[0]);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(0);
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGTERM);
        sigaddset(&set, SIGINT);
        sigprocmask(SIG_BLOCK, &set, NULL);
        signal(SIGPIPE, SIG_IGN);
        zygote_loop(w, results_dir, pair[1]);
        _exit(0);
    }
    close(pair[1]);
    return pair[0];
}

serve_outcome serve_worker_run(int zygote, const char *rel, const char *id)
{
    serve_outcome out = {0, 1, {0, 0}};
    request rq;
    memset(&rq, 0, sizeof rq);
    if (strlen(rel) >= REL_MAX || strlen(id) > SERVE_ID_HEX)
        return out;
    strcpy(rq.rel, rel);
    strcpy(rq.id, id);
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
        return out;
    char control[CMSG_SPACE(sizeof(int))];
    memset(control, 0, sizeof control);
    struct iovec iov = {&rq, sizeof rq};
    struct msghdr msg = {
        .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control};
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &pair[1], sizeof(int));
    ssize_t sent = sendmsg(zygote, &msg, MSG_NOSIGNAL);
    close(pair[1]);
    if (sent == (ssize_t)sizeof rq) {
        serve_outcome got;
        ssize_t n;
        while ((n = read(pair[0], &got, sizeof got)) < 0 && errno == EINTR)
            ;
        if (n == (ssize_t)sizeof got)
            out = got;
    }
    close(pair[0]);
    return out;
}
