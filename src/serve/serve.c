/*
 * serve.c - `ogi serve BOX [--listen HOST:PORT]`: options, the box, the
 * start and the stop.
 *
 * At start: the box's lock (one service per box, watch or serve), the
 * office's token, the processing process (serve_worker.c) before any
 * thread, the HTTP server, and the scan of the inbox (serve_inbox.c),
 * which takes files dropped there and what a killed server left. SIGTERM
 * or SIGINT: no new upload is taken, the uploads and the dropped file in
 * hand are finished and answered, then it exits 0.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "common.h"
#include "serve.h"
#include "serve_text.h"

#define DEFAULT_LISTEN "127.0.0.1:8080"
#define DEFAULT_MAX_UPLOADS 4
#define MAX_MAX_UPLOADS 64
#define DEFAULT_TIMEOUT_S 60
#define FILE_TIMEOUT_S 300
#define DEFAULT_MAX_UPLOAD (20u * 1024 * 1024)
#define DEFAULT_POLL_S 5.0
#define DEFAULT_SETTLE_S 3.0
#define NS_PER_S 1000000000LL

static const char *say(const serve_ctx *s, serve_text_id id)
{
    return serve_text(id, s->w.common.lang);
}

static int bad_usage(ogi_lang l, serve_text_id why)
{
    fprintf(stderr, "ogi serve: %s\n", serve_text(why, l));
    ogi_cli_help(stderr, "serve", l);
    return OGI_EXIT_REFUSED;
}

static int parse_listen(const char *arg, char *host, size_t size, unsigned *port)
{
    const char *colon = strrchr(arg, ':');
    if (!colon || (size_t)(colon - arg) >= size || colon == arg)
        return 0;
    char *end;
    long p = strtol(colon + 1, &end, 10);
    if (end == colon + 1 || *end || p < 0 || p > 65535)
        return 0;
    /* "[::1]:8080": an IPv6 address in brackets */
    if (arg[0] == '[' && colon > arg + 1 && colon[-1] == ']')
        snprintf(host, size, "%.*s", (int)(colon - arg - 2), arg + 1);
    else
        snprintf(host, size, "%.*s", (int)(colon - arg), arg);
    if (strcmp(host, "localhost") == 0)
        snprintf(host, size, "127.0.0.1");
    *port = (unsigned)p;
    return 1;
}

static int parse_count(const char *arg, unsigned min, unsigned max, unsigned *out)
{
    char *end;
    long v = strtol(arg, &end, 10);
    if (end == arg || *end || v < (long)min || v > (long)max)
        return 0;
    *out = (unsigned)v;
    return 1;
}

/* Seconds as ns; 0 allowed (--poll 0: no scan of the inbox). */
static int parse_seconds(const char *arg, double min, int64_t *out)
{
    char *end;
    double v = strtod(arg, &end);
    if (end == arg || *end || !(v >= min) || v > 86400)
        return 0;
    *out = (int64_t)(v * NS_PER_S);
    return 1;
}

/* BOX/.serve/NAME, made when absent. */
static char *state_folder(const char *parent, const char *name)
{
    char *p = watch_path(parent, name);
    if (p && mkdir(p, 0700) != 0 && errno != EEXIST) {
        free(p);
        return NULL;
    }
    return p;
}

/* Uploads a killed server was receiving: never finished, never answered. */
static void clear_tmp(const char *tmp)
{
    DIR *d = opendir(tmp);
    struct dirent *de;
    while (d && (de = readdir(d)))
        if (strncmp(de->d_name, "upload-", 7) == 0) {
            char *p = watch_path(tmp, de->d_name);
            if (p)
                unlink(p);
            free(p);
        }
    if (d)
        closedir(d);
}

static int block_signals(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGINT);
    signal(SIGPIPE, SIG_IGN);
    /* every thread started later inherits the mask: only sigwait sees them */
    return pthread_sigmask(SIG_BLOCK, set, NULL);
}

static void stop(serve_ctx *s, struct MHD_Daemon *d)
{
    atomic_store(&s->stopping, 1);
    MHD_socket listen = MHD_quiesce_daemon(d);
    /* the uploads in hand finish and are answered */
    int64_t until = watch_now_ns() + (int64_t)(2 * s->w.timeout_s + 60) * 1000000000LL;
    while (atomic_load(&s->uploads) > 0 && watch_now_ns() < until) {
        struct timespec pause = {0, 20 * 1000000};
        nanosleep(&pause, NULL);
    }
    serve_inbox_stop(s);
    MHD_stop_daemon(d);
    if (listen != MHD_INVALID_SOCKET)
        close(listen);
}

static int run(serve_ctx *s, const char *host, unsigned port, const char *token_path,
               int token_created)
{
    sigset_t set;
    if (block_signals(&set) != 0)
        return OGI_EXIT_REFUSED;
    s->zygote = serve_worker_start(&s->w, s->results);
    if (s->zygote < 0) {
        fprintf(stderr, "ogi serve: %s\n", strerror(errno));
        return OGI_EXIT_REFUSED;
    }
    clear_tmp(s->tmp);
    /* outputs a killed worker was writing: never renamed, never used */
    long stale = 0;
    const char *output_dirs[] = {s->w.outbox, s->w.failed, s->results};
    for (size_t i = 0; i < OGI_ARRAY_LEN(output_dirs); i++) {
        long n = watch_remove_stale_temps(output_dirs[i]);
        stale += n > 0 ? n : 0;
    }
    if (stale > 0)
        watch_log(&s->w, say(s, ST_LOG_STALE_TEMPS), stale);
    struct MHD_Daemon *d = serve_http_start(s, host, port);
    if (!d) {
        fprintf(stderr, "ogi serve: %s:%u: %s\n", host, port, say(s, ST_ERR_LISTEN));
        close(s->zygote);
        return OGI_EXIT_REFUSED;
    }
    /* files dropped in, and what a killed server left in the inbox */
    if (serve_inbox_start(s) != 0) {
        fprintf(stderr, "ogi serve: %s\n", strerror(errno));
        MHD_stop_daemon(d);
        close(s->zygote);
        return OGI_EXIT_REFUSED;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned bound = info ? info->port : port;
    if (token_created)
        watch_log(&s->w, say(s, ST_LOG_TOKEN_CREATED), token_path);
    int v6 = strchr(host, ':') != NULL;
    watch_log(&s->w, say(s, ST_LOG_STARTED), OGI_VERSION, s->w.box, v6 ? "[" : "", host,
              v6 ? "]" : "", bound, token_path);
    int sig = 0;
    while (sigwait(&set, &sig) != 0)
        ;
    watch_log(&s->w, say(s, ST_LOG_SIGNAL), sig);
    stop(s, d);
    close(s->zygote);
    while (wait(NULL) > 0 || errno == EINTR)
        ;
    watch_log(&s->w, "%s", say(s, ST_LOG_STOPPED));
    return OGI_EXIT_PASS;
}

static void free_ctx(serve_ctx *s)
{
    free(s->w.inbox);
    free(s->w.outbox);
    free(s->w.archive);
    free(s->w.failed);
    free(s->state);
    free(s->tmp);
    free(s->results);
    ogi_context_free(s->w.ctx);
    if (s->w.log_fd > STDERR_FILENO)
        close(s->w.log_fd);
    for (size_t i = 0; i < s->nnames; i++)
        free(s->names[i]);
    free(s->names);
    pthread_mutex_destroy(&s->names_lock);
    pthread_cond_destroy(&s->names_free);
}

int ogi_cli_serve(int argc, char **argv)
{
    static const struct option longopts[] = {{"listen", required_argument, NULL, 'l'},
                                             {"token-file", required_argument, NULL, 't'},
                                             {"max-uploads", required_argument, NULL, 'u'},
                                             {"timeout", required_argument, NULL, 's'},
                                             {"log", required_argument, NULL, 'g'},
                                             {"poll", required_argument, NULL, 'p'},
                                             {"settle", required_argument, NULL, 'e'},
                                             OGI_COMMON_LONGOPTS,
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    serve_ctx s = {.w = {.common = {.lang = ogi_cli_lang(argc, argv)},
                         .timeout_s = FILE_TIMEOUT_S,
                         .jobs = 1,
                         .log_fd = STDOUT_FILENO},
                   .max_uploads = DEFAULT_MAX_UPLOADS,
                   .request_seconds = DEFAULT_TIMEOUT_S,
                   .poll_ns = (int64_t)(DEFAULT_POLL_S * NS_PER_S),
                   .settle_ns = (int64_t)(DEFAULT_SETTLE_S * NS_PER_S),
                   .zygote = -1};
    pthread_mutex_init(&s.names_lock, NULL);
    pthread_cond_init(&s.names_free, NULL);
    ogi_lang l = s.w.common.lang;
    const char *listen = DEFAULT_LISTEN, *token_file = NULL, *log_path = NULL;
    int opt, status = OGI_EXIT_REFUSED;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        int ok = 1;
        if (opt == 'h') {
            ogi_cli_help(stdout, "serve", l);
            free_ctx(&s);
            return OGI_EXIT_PASS;
        } else if (opt == 'l') {
            listen = optarg;
        } else if (opt == 't') {
            token_file = optarg;
        } else if (opt == 'g') {
            log_path = optarg;
        } else if (opt == 'u') {
            ok = parse_count(optarg, 1, MAX_MAX_UPLOADS, &s.max_uploads);
        } else if (opt == 's') {
            ok = parse_count(optarg, 1, 3600, &s.request_seconds);
        } else if (opt == 'p') {
            ok = parse_seconds(optarg, 0, &s.poll_ns);
        } else if (opt == 'e') {
            ok = parse_seconds(optarg, 0, &s.settle_ns);
        } else {
            ok = opt != 1004 && ogi_common_option(&s.w.common, opt, optarg) == 1;
        }
        if (!ok) {
            ogi_cli_option_error("ogi serve", argv, ":h", longopts, opt, MAX_MAX_UPLOADS, l);
            free_ctx(&s);
            return bad_usage(l, ST_ERR_OPTION);
        }
    }
    char host[256];
    unsigned port = 0;
    if (optind != argc - 1) {
        free_ctx(&s);
        return bad_usage(l, ST_ERR_NO_BOX);
    }
    if (!parse_listen(listen, host, sizeof host, &port)) {
        free_ctx(&s);
        return bad_usage(l, ST_ERR_LISTEN_FORMAT);
    }
    s.w.box = argv[optind];
    s.max_upload =
        s.w.common.limits.max_file_bytes ? s.w.common.limits.max_file_bytes : DEFAULT_MAX_UPLOAD;
    if (log_path &&
        (s.w.log_fd = open(log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644)) < 0) {
        fprintf(stderr, "ogi serve: %s: %s\n", log_path, strerror(errno));
        free_ctx(&s);
        return OGI_EXIT_REFUSED;
    }
    serve_page_csp(s.csp, sizeof s.csp);
    int lock = -1, created = 0;
    char *token_path = token_file ? strdup(token_file) : watch_path(s.w.box, "serve.token");
    if (watch_make_box(&s.w) != 0 || !(s.state = state_folder(s.w.box, ".serve")) ||
        !(s.tmp = state_folder(s.state, "tmp")) || !(s.results = state_folder(s.state, "results")))
        fprintf(stderr, "ogi serve: %s: %s\n", s.w.box, serve_text(ST_ERR_BOX_FOLDERS, l));
    else if ((lock = watch_lock_box(&s.w)) < 0)
        fprintf(stderr, "ogi serve: %s: %s\n", s.w.box, serve_text(ST_ERR_BOX_LOCKED, l));
    else if (!token_path || serve_auth_load(&s.auth, token_path, &created) != 0)
        fprintf(stderr, "ogi serve: %s: %s\n", token_path ? token_path : "?",
                errno == EPERM    ? serve_text(ST_ERR_TOKEN_MODE, l)
                : errno == EINVAL ? serve_text(ST_ERR_TOKEN_FORMAT, l)
                                  : strerror(errno));
    else if ((s.w.ctx = ogi_cli_context(&s.w.common)))
        status = run(&s, host, port, token_path, created);
    if (lock >= 0)
        close(lock);
    free(token_path);
    free_ctx(&s);
    return status;
}
