/*
 * watch.c - `ogi watch BOX`: the watched folder (issues 4 and 9).
 *
 * Options, folders, signals and the loop. Files are noticed three ways
 * (inotify events, the scans at start and after lost events, polling);
 * all three only record an observation in the queue, and one decision
 * (watch_decide) and one procedure (watch_process.c) follow.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "common.h"
#include "ogi_office.h"
#include "watch.h"
#include "watch_messages.h"

#define NS_PER_S 1000000000LL
#define DEFAULT_POLL_S 2.0
#define DEFAULT_SETTLE_S 3.0
#define FILE_TIMEOUT_S 300
#define MAX_BACKOFF_S 300
#define CRASHES_BEFORE_GIVING_UP 2
#define LOCK_WAIT_MS 10000 /* a killed service's workers, dying on a loaded machine */
#define MAX_JOBS 16
#define DEFAULT_JOBS 2
#define SUMMARY_EVERY_NS (2 * NS_PER_S) /* the roll-up: at most this often */

typedef struct service {
    watch_ctx *w;
    watch_queue *q;
    watch_inotify *in; /* NULL when polling */
    int sigfd;
    int stop;             /* SIGTERM/SIGINT received: finish the file, exit */
    int rescan;           /* events were lost: walk the whole inbox */
    int watch_failures;   /* folders inotify could not watch */
    int summary_due;      /* files were done since the roll-up was made */
    int64_t summary_next; /* monotonic: not before */
    pid_t summary_pid;    /* the child making it, or 0 */
    char fs_name[32];     /* the inbox's filesystem, for the log */
} service;

/* The text of msg in the service's language. */
static const char *say(const watch_ctx *w, watch_msg msg)
{
    return watch_message(msg, w->common.lang);
}

/* ---- noticing files: everything ends in watch_queue_observe ---- */

static void scan_file(void *data, const char *rel, const struct stat *st)
{
    service *s = data;
    watch_queue_observe(s->q, rel, st, watch_now_ns(), watch_wall_ns(), 0);
}

static void scan_folder(void *data, const char *path, const char *rel)
{
    service *s = data;
    if (s->in && watch_inotify_add(s->in, path, rel) != 0)
        s->watch_failures++;
}

static void event_file(void *data, const char *rel, int closed)
{
    service *s = data;
    char *path = watch_path(s->w->inbox, rel);
    struct stat st;
    if (!path)
        return;
    int found = lstat(path, &st) == 0;
    if (found && S_ISREG(st.st_mode))
        watch_queue_observe(s->q, rel, &st, watch_now_ns(), watch_wall_ns(), closed);
    else if (found || errno == ENOENT) /* gone, or replaced by a link or folder */
        watch_queue_forget(s->q, rel);
    free(path);
}

static void event_rescan(void *data, int overflow)
{
    service *s = data;
    s->rescan = 1;
    if (overflow)
        watch_log(s->w, "%s", say(s->w, WATCH_MSG_EVENTS_LOST));
}

static void full_scan(service *s)
{
    int64_t t0 = watch_now_ns();
    watch_scan_cb cb = {scan_file, scan_folder, s};
    mkdir(s->w->inbox, 0755); /* someone may have removed it */
    watch_queue_begin_scan(s->q);
    long n = watch_scan(s->w->inbox, "", &cb);
    if (n >= 0)
        watch_queue_sweep(s->q); /* a failed walk forgets nothing */
    s->rescan = 0;
    if (s->w->verbose)
        watch_log(s->w, say(s->w, WATCH_MSG_SCANNED), n, (double)(watch_now_ns() - t0) / 1e6);
}

/* In inotify mode, files waiting for their settle time are looked at
 * again when it has passed (polling looks at everything anyway). */
static void look_again(service *s, int64_t now)
{
    size_t n;
    watch_entry **list = watch_queue_list(s->q, &n);
    for (size_t i = 0; list && i < n; i++)
        if (list[i]->look_at <= now)
            event_file(s, list[i]->rel, 0);
    free(list);
}

/* ---- taking files ---- */

static int signalled(service *s, int timeout_ms)
{
    struct pollfd p = {s->sigfd, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) > 0) {
        struct signalfd_siginfo si;
        if (read(s->sigfd, &si, sizeof si) == (ssize_t)sizeof si) {
            watch_log(s->w, say(s->w, WATCH_MSG_SIGNAL), si.ssi_signo);
            s->stop = 1;
        }
    }
    return s->stop;
}

static int64_t backoff(unsigned retries)
{
    int64_t s = retries >= 9 ? MAX_BACKOFF_S : (int64_t)1 << retries;
    return (s < MAX_BACKOFF_S ? s : MAX_BACKOFF_S) * NS_PER_S;
}

/* What the result of processing means for the entry. */
static void settle_result(service *s, watch_entry *e, watch_result res, const watch_slot *slot,
                          int64_t now)
{
    switch (res) {
    case WATCH_DONE:
    case WATCH_GONE:
        watch_queue_forget(s->q, e->rel);
        return;
    case WATCH_UNSETTLED:
        e->must_settle = 1;
        break;
    case WATCH_STUCK:
        /* outputs out, the original held: from now on only the move is
         * tried again, the file is not read again */
        e->outputs_done = 1;
        e->slot = *slot;
        /* fall through */
    case WATCH_RETRY:
        e->not_before = now + backoff(e->retries++);
        break;
    case WATCH_CRASHED:
        watch_log(s->w, say(s->w, WATCH_MSG_WORKER_DIED), e->rel);
        if (++e->crashes >= CRASHES_BEFORE_GIVING_UP) {
            watch_slot given;
            res = watch_give_up(s->w, e, &given);
            settle_result(s, e, res == WATCH_CRASHED ? WATCH_RETRY : res, &given, now);
            return;
        }
        e->not_before = now + NS_PER_S;
        break;
    }
    e->look_at = watch_next_look(e, now, s->w->settle_ns);
}

/* The decision; the probe opens the file, so it is asked only when its
 * answer can change the decision (a poll of 10,000 waiting files opens
 * none of them). */
static watch_verdict judge(const service *s, const watch_entry *e, int64_t now)
{
    int polling = s->w->poll_ns > 0;
    watch_verdict v = watch_decide(e, now, s->w->settle_ns, polling, WATCH_PROBE_UNKNOWN);
    if (now < e->not_before || (polling && v == WATCH_WAIT))
        return v;
    watch_probe probe = watch_probe_file(s->w->inbox, e->rel);
    return watch_decide(e, now, s->w->settle_ns, polling, probe);
}

/* The workers of one pass over the queue. */
typedef struct batch {
    struct {
        pid_t pid;
        watch_entry *e;
        char *key;  /* watch_name_clash_key */
        int report; /* the name it chose, see watch_process_start */
    } running[MAX_JOBS];
    unsigned n;
    size_t waiting; /* files left in the inbox for later */
} batch;

static void finished(service *s, batch *b, watch_entry *e, watch_result res, const watch_slot *slot)
{
    if (res == WATCH_DONE || res == WATCH_STUCK)
        s->summary_due = 1; /* registered: the roll-up is behind */
    settle_result(s, e, res, slot, watch_now_ns());
    if (res != WATCH_DONE && res != WATCH_GONE)
        b->waiting++;
}

/* Waits for one worker and applies its result. */
static void reap_one(service *s, batch *b)
{
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, 0)) < 0 && errno == EINTR)
        ;
    if (pid > 0 && pid == s->summary_pid) {
        s->summary_pid = 0; /* the roll-up's child, not a worker */
        return;
    }
    for (unsigned i = 0; i < b->n; i++) {
        if (pid >= 0 && b->running[i].pid != pid)
            continue;
        watch_entry *e = b->running[i].e;
        int report = b->running[i].report;
        free(b->running[i].key);
        b->running[i] = b->running[--b->n];
        watch_slot slot = {0, 0};
        watch_result res = WATCH_RETRY; /* no child to wait for: try again */
        if (pid >= 0)
            res = watch_process_result(status, report, &slot);
        else if (report >= 0)
            close(report);
        finished(s, b, e, res, &slot);
        return;
    }
}

static int key_running(const batch *b, const char *key)
{
    for (unsigned i = 0; i < b->n; i++)
        if (strcmp(b->running[i].key, key) == 0)
            return 1;
    return 0;
}

/* Decides on every file in the queue and processes the ready ones, oldest
 * first, up to --jobs at a time, until a signal asks to stop; every worker
 * has finished when it returns. Returns how many files are still waiting. */
static size_t take_ready(service *s)
{
    batch b = {.n = 0};
    size_t n;
    watch_entry **list = watch_queue_list(s->q, &n);
    for (size_t i = 0; list && i < n; i++) {
        watch_entry *e = list[i];
        int64_t now = watch_now_ns();
        if (judge(s, e, now) == WATCH_WAIT) {
            e->look_at = watch_next_look(e, now, s->w->settle_ns);
            b.waiting++;
            continue;
        }
        char *key = watch_name_clash_key(e->rel);
        if (!key || key_running(&b, key)) {
            /* NAME.xls and NAME.xlsx would compete for NAME.1: one at a time */
            free(key);
            e->look_at = now;
            b.waiting++;
            continue;
        }
        if (signalled(s, 0)) {
            free(key);
            break;
        }
        watch_result res;
        watch_slot slot = e->slot;
        if (e->outputs_done) {
            /* only the move is left: no worker, no reading */
            free(key);
            res = watch_move_again(s->w, e);
            if (res == WATCH_UNSETTLED)
                e->outputs_done = 0;
            finished(s, &b, e, res, &slot);
            continue;
        }
        while (b.n >= s->w->jobs)
            reap_one(s, &b);
        int report;
        pid_t pid = watch_process_start(s->w, e, watch_settled(e, now, s->w->settle_ns), &res,
                                        &slot, &report);
        if (pid < 0) {
            free(key);
            finished(s, &b, e, res, &slot);
            continue;
        }
        b.running[b.n].pid = pid;
        b.running[b.n].e = e;
        b.running[b.n].report = report;
        b.running[b.n++].key = key;
    }
    while (b.n > 0)
        reap_one(s, &b);
    free(list);
    return b.waiting;
}

/* ---- the loop ---- */

static int64_t earliest_look(service *s)
{
    size_t n;
    int64_t t = INT64_MAX;
    watch_entry **list = watch_queue_list(s->q, &n);
    for (size_t i = 0; list && i < n; i++)
        if (list[i]->look_at < t)
            t = list[i]->look_at;
    free(list);
    return t;
}

static int timeout_ms(int64_t until, int64_t now)
{
    if (until == INT64_MAX)
        return -1;
    if (until <= now)
        return 0;
    int64_t ms = (until - now + 999999) / 1000000;
    return ms > 3600000 ? 3600000 : (int)ms;
}

/* Starts rebuilding the roll-up when files were done since it was made
 * and the last one started long enough ago; reaps the child. */
static void refresh_summary(service *s, int64_t now)
{
    if (s->summary_pid > 0 && waitpid(s->summary_pid, NULL, WNOHANG) == s->summary_pid)
        s->summary_pid = 0;
    if (!s->summary_due || s->summary_pid > 0 || now < s->summary_next)
        return;
    pid_t pid = watch_summary_start(s->w);
    if (pid > 0) {
        s->summary_pid = pid;
        s->summary_due = 0;
    }
    s->summary_next = now + SUMMARY_EVERY_NS;
}

static void serve(service *s)
{
    int polling = s->w->poll_ns > 0;
    int64_t next_scan = watch_now_ns() + s->w->poll_ns;
    while (!s->stop) {
        take_ready(s);
        if (s->stop)
            break;
        int64_t now = watch_now_ns();
        refresh_summary(s, now);
        int64_t until = polling ? next_scan : earliest_look(s);
        if ((s->summary_due || s->summary_pid > 0) && s->summary_next < until)
            until = s->summary_next; /* come back for the roll-up */
        struct pollfd fds[2] = {{s->sigfd, POLLIN, 0},
                                {s->in ? watch_inotify_fd(s->in) : -1, POLLIN, 0}};
        int rc = poll(fds, s->in ? 2 : 1, timeout_ms(until, now));
        if (rc < 0 && errno != EINTR)
            break;
        if (fds[0].revents & POLLIN && signalled(s, 0))
            break;
        if (s->in && fds[1].revents & POLLIN) {
            watch_event_cb cb = {event_file, event_rescan, s};
            watch_inotify_read(s->in, &cb);
        }
        now = watch_now_ns();
        if (polling && now >= next_scan) {
            full_scan(s);
            next_scan = watch_now_ns() + s->w->poll_ns;
        } else if (s->rescan) {
            full_scan(s);
        } else if (!polling) {
            look_again(s, now);
        }
    }
}

/* --once: what is there now; a file not yet settled gets one more look
 * after the settle time, and is otherwise left for the next run. */
static void serve_once(service *s)
{
    full_scan(s);
    if (take_ready(s) == 0 || s->stop)
        return;
    int64_t now = watch_now_ns(), until = earliest_look(s);
    int64_t limit = now + s->w->settle_ns + NS_PER_S / 4;
    if (signalled(s, timeout_ms(until < limit ? until : limit, now)))
        return;
    full_scan(s);
    size_t left = take_ready(s);
    if (left)
        watch_log(s->w, say(s->w, WATCH_MSG_STILL_WRITTEN), left);
}

/* The roll-up once files are done: --once makes it before it exits, the
 * service lets the child it started finish. */
static void final_summary(service *s)
{
    if (s->summary_pid > 0)
        while (waitpid(s->summary_pid, NULL, 0) < 0 && errno == EINTR)
            ;
    s->summary_pid = 0;
    if (s->summary_due)
        watch_summary_now(s->w);
}

/* ---- setting up ---- */

static void usage(FILE *f, ogi_lang l)
{
    fputs(watch_message(WATCH_MSG_USAGE, l), f);
}

static int bad_usage(ogi_lang l, watch_msg why)
{
    fprintf(stderr, "ogi watch: %s\n", watch_message(why, l));
    usage(stderr, l);
    return OGI_EXIT_REFUSED;
}

static int parse_seconds(const char *arg, int64_t *out, double min)
{
    char *end;
    double v = strtod(arg, &end);
    if (end == arg || *end || !isfinite(v) || v < min || v > 86400)
        return 0;
    *out = (int64_t)(v * NS_PER_S);
    return 1;
}

static int parse_jobs(const char *arg, unsigned *out)
{
    char *end;
    long v = strtol(arg, &end, 10);
    if (end == arg || *end || v < 1 || v > MAX_JOBS)
        return 0;
    *out = (unsigned)v;
    return 1;
}

/* One option: 1 when taken, 0 when bad. */
static int take_option(watch_ctx *w, int opt, const char *arg, const char **log_path,
                       int64_t *poll_asked)
{
    /* --previous (last year's report) means nothing for a folder */
    if (opt != 1004 && ogi_common_option(&w->common, opt, arg) == 1)
        return 1;
    switch (opt) {
    case 'o':
        w->once = 1;
        return 1;
    case 'v':
        w->verbose = 1;
        return 1;
    case 'l':
        *log_path = arg;
        return 1;
    case 'p':
        return parse_seconds(arg, poll_asked, 0.05);
    case 's':
        return parse_seconds(arg, &w->settle_ns, 0);
    case 'j':
        return parse_jobs(arg, &w->jobs);
    default:
        return 0;
    }
}

static char *box_folder(const char *box, const char *name)
{
    char *p = watch_path(box, name);
    if (p && mkdir(p, 0755) != 0 && errno != EEXIST) {
        free(p);
        return NULL;
    }
    return p;
}

int watch_make_box(watch_ctx *w)
{
    if (mkdir(w->box, 0755) != 0 && errno != EEXIST)
        return -1;
    w->inbox = box_folder(w->box, "inbox");
    w->outbox = box_folder(w->box, "outbox");
    w->archive = box_folder(w->box, "archive");
    w->failed = box_folder(w->box, "failed");
    return w->inbox && w->outbox && w->archive && w->failed ? 0 : -1;
}

/* One service per box: two would race for the same files. */
int watch_lock_box(const watch_ctx *w)
{
    char *path = watch_path(w->box, ".ogi-watch.lock");
    int fd = path ? open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644) : -1;
    free(path);
    if (fd < 0)
        return -1;
    /* the workers inherit the lock: after kill -9, a worker still dying
     * holds it for a moment, and the new service waits for it */
    for (int tries = 0; flock(fd, LOCK_EX | LOCK_NB) != 0 && errno != ENOLCK; tries++) {
        if (errno != EWOULDBLOCK || tries == LOCK_WAIT_MS / 50) {
            close(fd);
            return -1;
        }
        struct timespec pause = {0, 50 * 1000000};
        nanosleep(&pause, NULL);
    }
    return fd; /* held until exit */
}

/* SIGTERM/SIGINT through a descriptor, so they are read between files;
 * the workers inherit the mask and finish their file. SIGIO: lease
 * breaks of the write probe. */
static int signal_fd(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGIO);
    if (sigprocmask(SIG_BLOCK, &set, NULL) != 0)
        return -1;
    sigdelset(&set, SIGIO);
    signal(SIGPIPE, SIG_IGN);
    return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

/* Polling or inotify, said in the log either way. */
static void choose_mode(service *s, int64_t poll_asked)
{
    watch_ctx *w = s->w;
    unsigned long magic = 0;
    char buf[32];
    const char *fs =
        watch_fs_type(w->inbox, &magic) == 0 ? watch_fs_name(magic, buf, sizeof buf) : "?";
    /* --once needs no events, but decides as polling does on a share */
    if (poll_asked > 0) {
        w->poll_ns = poll_asked;
    } else if (watch_fs_wants_poll(magic)) {
        w->poll_ns = (int64_t)(DEFAULT_POLL_S * NS_PER_S);
        watch_log(w, say(w, WATCH_MSG_REMOTE_POLLING), w->inbox, fs);
    } else if (!w->once && !(s->in = watch_inotify_new())) {
        w->poll_ns = (int64_t)(DEFAULT_POLL_S * NS_PER_S);
        watch_log(w, say(w, WATCH_MSG_NO_INOTIFY), strerror(errno));
    }
    snprintf(s->fs_name, sizeof s->fs_name, "%s", fs);
}

/* Said once the watches are in place (after the first scan), so that
 * "watching" in the log means events are being received. */
static void announce_mode(const service *s)
{
    const watch_ctx *w = s->w;
    const char *fs = s->fs_name;
    if (w->once)
        watch_log(w, say(w, WATCH_MSG_START_ONCE), OGI_VERSION, w->box, fs,
                  (double)w->settle_ns / NS_PER_S);
    else if (w->poll_ns)
        watch_log(w, say(w, WATCH_MSG_START_POLLING), OGI_VERSION, w->box,
                  (double)w->poll_ns / NS_PER_S, fs, (double)w->settle_ns / NS_PER_S);
    else
        watch_log(w, say(w, WATCH_MSG_START_INOTIFY), OGI_VERSION, w->box, fs);
}

static int run(watch_ctx *w, int64_t poll_asked)
{
    service s = {.w = w, .q = watch_queue_new(), .sigfd = signal_fd()};
    if (!s.q || s.sigfd < 0) {
        watch_queue_free(s.q);
        return OGI_EXIT_REFUSED;
    }
    choose_mode(&s, poll_asked);
    s.summary_due = watch_summary_needed_at_start(w);
    long stale = 0;
    const char *output_dirs[] = {w->outbox, w->failed};
    for (size_t i = 0; i < OGI_ARRAY_LEN(output_dirs); i++) {
        long n = watch_remove_stale_temps(output_dirs[i]);
        stale += n > 0 ? n : 0;
    }
    if (stale > 0)
        watch_log(w, say(w, WATCH_MSG_STALE_TEMPS), stale);
    if (w->once) {
        announce_mode(&s);
        serve_once(&s);
    } else {
        /* the watches first, then the scan: nothing falls between */
        full_scan(&s);
        if (s.in && s.watch_failures) {
            watch_log(w, say(w, WATCH_MSG_UNWATCHED_FOLDERS), s.watch_failures);
            watch_inotify_free(s.in);
            s.in = NULL;
            w->poll_ns = (int64_t)(DEFAULT_POLL_S * NS_PER_S);
        }
        announce_mode(&s);
        serve(&s);
    }
    final_summary(&s);
    watch_log(w, "%s", say(w, WATCH_MSG_STOPPED));
    watch_inotify_free(s.in);
    watch_queue_free(s.q);
    close(s.sigfd);
    return OGI_EXIT_PASS;
}

/* Last year's reports given once as BOX/previous/ (docs/campaign.md):
 * registered, so that the year.* rules find them like last year's
 * submissions. Reports already registered are not added again. */
static void register_previous(const watch_ctx *w, ogi_register *reg)
{
    char *dir = watch_path(w->box, "previous");
    struct stat st;
    ogi_previous *p = NULL;
    size_t added = 0;
    ogi_error err = OGI_OK;
    if (dir && stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) {
        err = ogi_previous_scan(w->ctx, dir, &p);
        if (err == OGI_OK)
            err = ogi_previous_register(p, reg, "previous", &added);
        if (err != OGI_OK)
            watch_log(w, say(w, WATCH_MSG_PREVIOUS_FAILED), ogi_strerror(err, w->common.lang));
        else if (added)
            watch_log(w, say(w, WATCH_MSG_PREVIOUS_REGISTERED), added, ogi_previous_count(p));
    }
    ogi_previous_free(p);
    free(dir);
}

/* Creates or checks the register (BOX/ogi.sqlite) before any file is
 * taken: a damaged or foreign database stops the service at once, with
 * the inbox untouched, instead of leaving every file to retry. */
static int open_register(const watch_ctx *w)
{
    ogi_register *reg;
    ogi_error err = ogi_register_open(w->ctx, w->box, 0, &reg);
    if (err != OGI_OK) {
        fprintf(stderr, "ogi watch: %s/%s: %s\n", w->box, OGI_REGISTER_FILE,
                ogi_strerror(err, w->common.lang));
        return -1;
    }
    register_previous(w, reg);
    ogi_register_close(reg);
    return 0;
}

static void free_ctx(watch_ctx *w)
{
    free(w->inbox);
    free(w->outbox);
    free(w->archive);
    free(w->failed);
    ogi_context_free(w->ctx);
    if (w->log_fd > STDERR_FILENO)
        close(w->log_fd);
}

int ogi_cli_watch(int argc, char **argv)
{
    static const struct option longopts[] = {{"once", no_argument, NULL, 'o'},
                                             {"log", required_argument, NULL, 'l'},
                                             {"poll", required_argument, NULL, 'p'},
                                             {"settle", required_argument, NULL, 's'},
                                             {"verbose", no_argument, NULL, 'v'},
                                             {"jobs", required_argument, NULL, 'j'},
                                             OGI_COMMON_LONGOPTS,
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    watch_ctx w = {.common = {.lang = ogi_cli_lang(argc, argv)},
                   .settle_ns = (int64_t)(DEFAULT_SETTLE_S * NS_PER_S),
                   .timeout_s = FILE_TIMEOUT_S,
                   .jobs = DEFAULT_JOBS,
                   .log_fd = STDOUT_FILENO};
    ogi_lang l = w.common.lang;
    const char *log_path = NULL;
    int64_t poll_asked = 0;
    int opt;
    opterr = 0; /* the reason is said below, in the user's language */
    while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        if (opt == 'h') {
            ogi_cli_help(stdout, "watch", l);
            return OGI_EXIT_PASS;
        }
        if (!take_option(&w, opt, optarg, &log_path, &poll_asked)) {
            ogi_cli_option_error("ogi watch", argv, ":h", longopts, opt, MAX_JOBS, l);
            return bad_usage(l, WATCH_MSG_BAD_OPTION);
        }
    }
    if (optind != argc - 1)
        return bad_usage(l, WATCH_MSG_NEED_BOX);
    w.box = argv[optind];
    if (log_path &&
        (w.log_fd = open(log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644)) < 0) {
        fprintf(stderr, "ogi watch: %s: %s\n", log_path, strerror(errno));
        return OGI_EXIT_REFUSED;
    }
    int status = OGI_EXIT_REFUSED, lock = -1;
    if (watch_make_box(&w) != 0)
        fprintf(stderr, "ogi watch: %s: %s\n", w.box, watch_message(WATCH_MSG_CANNOT_MAKE_BOX, l));
    else if ((lock = watch_lock_box(&w)) < 0)
        fprintf(stderr, "ogi watch: %s: %s\n", w.box, watch_message(WATCH_MSG_BOX_TAKEN, l));
    else if ((w.ctx = ogi_cli_context(&w.common)) && open_register(&w) == 0)
        status = run(&w, poll_asked);
    if (lock >= 0)
        close(lock);
    free_ctx(&w);
    return status;
}
