/*
 * serve_inbox.c - the inbox while ogi serve holds the box.
 *
 * Uploads and dropped files share one rule: two files whose names would
 * compete for the same numbered names (NAME.xls, NAME.xlsx, NAME.1.xls)
 * are never processed at the same time; an upload claims its name before
 * it enters the inbox and gives it back once processed.
 *
 * Files dropped into the inbox (a Samba share, a sync client) are taken as
 * `ogi watch --poll` takes them: the same queue of observations and the
 * same decision (watch_queue.c), a file unchanged across two scans and
 * --settle seconds old; then the same procedure as an upload, without an
 * answer page. So one service serves both the page and the share.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "serve.h"

static int taken(const serve_ctx *s, const char *key)
{
    for (size_t i = 0; i < s->nnames; i++)
        if (strcmp(s->names[i], key) == 0)
            return 1;
    return 0;
}

int serve_inbox_claim(serve_ctx *s, const char *key, unsigned wait_s)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += wait_s;
    pthread_mutex_lock(&s->names_lock);
    int rc = 0;
    while (rc == 0 && taken(s, key))
        if (wait_s == 0 || pthread_cond_timedwait(&s->names_free, &s->names_lock, &until) != 0)
            rc = -1;
    if (rc == 0) {
        char **names = SERVE_ARRAY_RESERVE(s->names, &s->cap_names, s->nnames + 1);
        if (names)
            s->names = names;
        else
            rc = -1;
    }
    if (rc == 0 && !(s->names[s->nnames] = strdup(key)))
        rc = -1;
    if (rc == 0)
        s->nnames++;
    pthread_mutex_unlock(&s->names_lock);
    return rc;
}

void serve_inbox_release(serve_ctx *s, const char *key)
{
    pthread_mutex_lock(&s->names_lock);
    for (size_t i = 0; i < s->nnames; i++)
        if (strcmp(s->names[i], key) == 0) {
            free(s->names[i]);
            s->names[i] = s->names[--s->nnames];
            break;
        }
    pthread_cond_broadcast(&s->names_free);
    pthread_mutex_unlock(&s->names_lock);
}

/* ---- files dropped in ---- */

typedef struct scan_state {
    serve_ctx *s;
    watch_queue *q;
} scan_state;

static void seen(void *data, const char *rel, const struct stat *st)
{
    scan_state *ss = data;
    watch_queue_observe(ss->q, rel, st, watch_now_ns(), watch_wall_ns(), 0);
}

/* One pass: observe everything, take what has settled. */
static void pass(scan_state *ss)
{
    serve_ctx *s = ss->s;
    watch_scan_cb cb = {seen, NULL, ss};
    watch_queue_begin_scan(ss->q);
    if (watch_scan(s->w.inbox, "", &cb) >= 0)
        watch_queue_sweep(ss->q);
    size_t n;
    watch_entry **list = watch_queue_list(ss->q, &n);
    for (size_t i = 0; list && i < n && !atomic_load(&s->stopping); i++) {
        watch_entry *e = list[i];
        int64_t now = watch_now_ns();
        if (now < e->not_before ||
            watch_decide(e, now, s->settle_ns, 1, WATCH_PROBE_UNKNOWN) != WATCH_TAKE)
            continue;
        char *key = watch_name_clash_key(e->rel);
        /* an upload in process has claimed its name: it is not ours */
        if (!key || serve_inbox_claim(s, key, 0) != 0) {
            free(key);
            continue;
        }
        serve_outcome out = serve_worker_run(s->zygote, e->rel, "");
        serve_inbox_release(s, key);
        free(key);
        if (out.ok)
            watch_queue_forget(ss->q, e->rel);
        else
            e->not_before = now + 30 * 1000000000LL; /* a passing failure: later */
    }
    free(list);
}

static void *scanner(void *data)
{
    serve_ctx *s = data;
    scan_state ss = {s, watch_queue_new()};
    while (ss.q && !atomic_load(&s->stopping)) {
        pass(&ss);
        /* sleeps in short steps so that a stop is seen at once */
        for (int64_t slept = 0; slept < s->poll_ns && !atomic_load(&s->stopping);
             slept += 100000000LL) {
            struct timespec step = {0, 100000000L};
            nanosleep(&step, NULL);
        }
    }
    watch_queue_free(ss.q);
    return NULL;
}

int serve_inbox_start(serve_ctx *s)
{
    if (s->poll_ns <= 0)
        return 0;
    if (pthread_create(&s->scanner, NULL, scanner, s) != 0)
        return -1;
    s->scanner_started = 1;
    return 0;
}

void serve_inbox_stop(serve_ctx *s)
{
    if (s->scanner_started)
        pthread_join(s->scanner, NULL);
    s->scanner_started = 0;
}
