/*
 * cli_check.c - `ogi check`: check each file and print its report, text or
 * JSON, in the files' order (worker threads, cli_batch.c).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_batch.h"
#include "cli_office.h"

/* Checks one file: a report, or an unreadable report with the reason. */
static ogi_report *check_one(const ogi_context *ctx, const char *path, ogi_lang lang,
                             const ogi_book *previous, const ogi_previous *previous_dir,
                             ogi_book **book)
{
    ogi_report *r = NULL;
    ogi_check_options copts = {lang, previous, 0};
    ogi_auto_previous from = {NULL, NULL, previous_dir, NULL};
    ogi_error err = ogi_book_open(ctx, path, book);
    if (err == OGI_OK && !previous && previous_dir)
        err = ogi_check_auto_previous(ctx, *book, path, &from, lang, &r);
    else if (err == OGI_OK)
        err = ogi_check(ctx, *book, path, &copts, &r);
    if (err != OGI_OK && ogi_report_unreadable(path, err, lang, &r) != OGI_OK)
        return NULL;
    return r;
}

/* One file of a batch, checked and rendered in a worker thread. */
typedef struct check_result {
    char *text; /* the report, rendered */
    ogi_error render_error;
    ogi_status status;
    ogi_error error; /* why it is unreadable / has no tables */
    int exit;
} check_result;

typedef struct check_batch {
    const ogi_context *ctx;
    char **paths;
    ogi_lang lang;
    const ogi_book *previous;
    int json;
    int status;                       /* the worst exit status so far */
    size_t printed;                   /* reports printed so far */
    const ogi_previous *previous_dir; /* --previous-dir, read once */
} check_batch;

static void *check_work(void *data, size_t i)
{
    const check_batch *b = data;
    check_result *res = calloc(1, sizeof *res);
    if (!res)
        return NULL;
    ogi_book *book = NULL;
    ogi_report *r = check_one(b->ctx, b->paths[i], b->lang, b->previous, b->previous_dir, &book);
    if (!r) {
        res->render_error = OGI_ERROR_MEMORY;
    } else {
        res->render_error =
            b->json ? ogi_report_json(r, book, &res->text) : ogi_report_text(r, book, &res->text);
        res->status = r->status;
        res->error = r->error;
        res->exit = ogi_exit_for(r);
    }
    ogi_report_free(r);
    ogi_book_free(book);
    return res;
}

/* Prints one file's report, in the files' order. */
static void check_emit(void *data, size_t i, void *result)
{
    check_batch *b = data;
    check_result *res = result;
    const char *path = b->paths[i];
    if (!res || res->render_error != OGI_OK) {
        ogi_cli_error(path, res ? res->render_error : OGI_ERROR_MEMORY, b->lang);
        b->status = OGI_EXIT_REFUSED;
    } else {
        const char *sep = b->printed == 0 ? "" : b->json ? ",\n" : "\n";
        printf("%s%s", sep, res->text);
        b->printed++;
        if (res->status == OGI_STATUS_UNREADABLE || res->status == OGI_STATUS_NO_TABLES)
            ogi_cli_error(path, res->error, b->lang);
        b->status = ogi_exit_worse(b->status, res->exit);
    }
    if (res)
        free(res->text);
    free(res);
}

#define MAX_CHECK_JOBS 64

int ogi_cli_check(int argc, char **argv)
{
    static const struct option longopts[] = {{"format", required_argument, NULL, 'f'},
                                             {"jobs", required_argument, NULL, 'j'},
                                             {"previous-dir", required_argument, NULL, 1006},
                                             OGI_COMMON_LONGOPTS,
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    ogi_common_opts o = {.lang = ogi_cli_lang(argc, argv)};
    const char *previous_dir = NULL;
    int json = 0, opt;
    /* files are checked side by side; the output does not depend on it */
    unsigned jobs = ogi_batch_cpus(8);
    static const char shortopts[] = ":f:j:h";
    opterr = 0; /* the reason is said below, in the user's language */
    while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        int common = ogi_common_option(&o, opt, optarg);
        if (common == 1)
            continue;
        if (opt == 'f' && (strcmp(optarg, "json") == 0 || strcmp(optarg, "text") == 0)) {
            json = strcmp(optarg, "json") == 0;
            continue;
        }
        if (opt == 1006) {
            previous_dir = optarg;
            continue;
        }
        if (opt == 'j' && atoi(optarg) >= 1 && atoi(optarg) <= MAX_CHECK_JOBS) {
            jobs = (unsigned)atoi(optarg);
            continue;
        }
        if (opt == 'h') {
            ogi_cli_help(stdout, "check", o.lang);
            return OGI_EXIT_PASS;
        }
        ogi_cli_option_error("ogi check", argv, shortopts, longopts, opt, MAX_CHECK_JOBS, o.lang);
        ogi_cli_usage(stderr, o.lang);
        return OGI_EXIT_REFUSED;
    }
    if (optind >= argc) {
        ogi_cli_usage(stderr, o.lang);
        return OGI_EXIT_REFUSED;
    }
    ogi_context *ctx = ogi_cli_context(&o);
    if (!ctx)
        return OGI_EXIT_REFUSED;
    int ok;
    ogi_book *previous = ogi_cli_previous(ctx, &o, &ok);
    if (!ok) {
        ogi_context_free(ctx);
        return OGI_EXIT_REFUSED;
    }
    ogi_previous *dir_index = NULL;
    ogi_error derr = previous_dir ? ogi_previous_scan(ctx, previous_dir, &dir_index) : OGI_OK;
    if (derr != OGI_OK) {
        ogi_cli_error(previous_dir, derr, o.lang);
        ogi_book_free(previous);
        ogi_context_free(ctx);
        return OGI_EXIT_REFUSED;
    }
    size_t nfiles = (size_t)(argc - optind);
    check_batch b = {ctx, argv + optind, o.lang, previous, json, OGI_EXIT_PASS, 0, dir_index};
    int array = json && nfiles > 1;
    if (array)
        printf("[\n");
    if (ogi_batch_run(nfiles, jobs, check_work, check_emit, &b) != 0)
        ogi_batch_run(nfiles, 1, check_work, check_emit, &b);
    printf(array ? "\n]\n" : "\n");
    ogi_previous_free(dir_index);
    ogi_book_free(previous);
    ogi_context_free(ctx);
    return b.status;
}
