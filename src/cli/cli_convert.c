/*
 * cli_convert.c - `ogi convert`: the marked-up workbook for each file,
 * in worker processes when asked (-j).
 */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "cli_messages.h"
#include "cli_office.h"

#define MAX_JOBS 64

typedef struct convert_opts {
    ogi_common_opts common;
    const char *output; /* -o, one input only */
    const char *outdir;
    int jobs;
    int json;
    int quiet;
    const ogi_book *previous;
    const char *register_box; /* --register BOX */
} convert_opts;

static const char *const known_exts[] = {".xls", ".xlsx", ".xlsm", ".ods", ".et",
                                         ".XLS", ".XLSX", ".ODS",  ".ET"};

/* NAME.xls -> DIR/NAME<suffix>; malloc'd. */
static char *derived_path(const char *input, const char *dir, const char *suffix)
{
    char *dup = strdup(input), *dup2 = strdup(input);
    char *out = NULL;
    if (dup && dup2) {
        const char *base = basename(dup);
        const char *folder = dir ? dir : dirname(dup2);
        size_t stem = strlen(base);
        for (size_t i = 0; i < sizeof known_exts / sizeof *known_exts; i++) {
            size_t el = strlen(known_exts[i]);
            if (stem > el && strcmp(base + stem - el, known_exts[i]) == 0) {
                stem -= el;
                break;
            }
        }
        size_t n = strlen(folder) + stem + strlen(suffix) + 2;
        out = malloc(n);
        if (out)
            snprintf(out, n, "%s/%.*s%s", folder, (int)stem, base, suffix);
    }
    free(dup);
    free(dup2);
    return out;
}

/* OUT.checked.xlsx -> OUT.json, OUT.xlsx -> OUT.json. */
static char *json_path_for(const char *xlsx)
{
    size_t n = strlen(xlsx);
    const char *suffixes[] = {".checked.xlsx", ".xlsx"};
    size_t cut = n;
    for (size_t i = 0; i < 2; i++) {
        size_t sl = strlen(suffixes[i]);
        if (n > sl && strcmp(xlsx + n - sl, suffixes[i]) == 0) {
            cut = n - sl;
            break;
        }
    }
    char *out = malloc(cut + 6);
    if (out)
        snprintf(out, cut + 6, "%.*s.json", (int)cut, xlsx);
    return out;
}

/* A converted file whose workbook waits in the worker's batch: its line
 * is printed once the workbook exists under its name. */
typedef struct converted {
    const char *in;
    char *out;
    ogi_status status;
    size_t counts[3];
    int exit;
    size_t first, nout; /* its outputs in the batch */
} converted;

/* Outputs made durable together (ogi_batch): one flush per this many
 * files (each has its workbook and, with --json, its JSON). */
#define BATCH_FILES 64
#define OUTPUTS_PER_FILE 2

typedef struct worker {
    const convert_opts *o;
    const ogi_context *ctx;
    ogi_batch *batch;
    converted done[BATCH_FILES];
    size_t ndone;
    int status;
} worker;

static void print_result(const convert_opts *o, const converted *c)
{
    if (o->quiet)
        return;
    ogi_lang l = o->common.lang;
    const char *verdict = ogi_cli_message(
        c->status == OGI_STATUS_PASS ? OGI_CLI_MSG_VERDICT_PASS : OGI_CLI_MSG_VERDICT_FAIL, l);
    char line[4096];
    int n = snprintf(line, sizeof line, ogi_cli_message(OGI_CLI_MSG_CONVERTED, l), c->in, c->out,
                     verdict, c->counts[0], c->counts[1], c->counts[2]);
    /* one write per line, so lines of parallel workers never interleave */
    if (n > 0 &&
        write(STDOUT_FILENO, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1) < 0)
        return;
}

static ogi_error write_outputs(const worker *w, const ogi_report *r, const ogi_book *book,
                               const char *out)
{
    const convert_opts *o = w->o;
    ogi_write_options wo = {o->common.lang, NULL};
    ogi_error err = ogi_write_xlsx_batch(r, book, out, &wo, w->batch);
    if (err != OGI_OK || !o->json)
        return err;
    char *jpath = json_path_for(out), *text = NULL;
    if (!jpath)
        return OGI_ERROR_MEMORY;
    err = ogi_report_json(r, book, &text);
    if (err == OGI_OK)
        err = ogi_write_file_batch(jpath, text, strlen(text), w->batch);
    free(text);
    free(jpath);
    return err;
}

/* Commits the batch, then reports each file: its line, or why its
 * workbook could not be written. Returns the last file's outcome. */
static ogi_error flush_batch(worker *w)
{
    ogi_error last = OGI_OK;
    ogi_error each[BATCH_FILES * OUTPUTS_PER_FILE];
    size_t n = ogi_batch_pending(w->batch);
    for (size_t i = 0; i < n && i < sizeof each / sizeof *each; i++)
        each[i] = OGI_OK;
    ogi_batch_commit(w->batch, each);
    for (size_t i = 0; i < w->ndone; i++) {
        converted *c = &w->done[i];
        ogi_error err = OGI_OK;
        for (size_t k = c->first; k < c->first + c->nout && err == OGI_OK; k++)
            err = each[k];
        if (err == OGI_OK) {
            print_result(w->o, c);
            w->status = ogi_exit_worse(w->status, c->exit);
        } else {
            ogi_cli_error(c->in, err, w->o->common.lang);
            w->status = ogi_exit_worse(w->status, OGI_EXIT_REFUSED);
        }
        last = err;
        free(c->out);
    }
    w->ndone = 0;
    return last;
}

static void convert_one(worker *w, const char *in)
{
    const convert_opts *o = w->o;
    ogi_lang l = o->common.lang;
    ogi_book *book = NULL;
    ogi_report *r = NULL;
    ogi_check_options copts = {l, o->previous, 0};
    ogi_error err = ogi_book_open(w->ctx, in, &book);
    if (err == OGI_OK)
        err = ogi_check(w->ctx, book, in, &copts, &r);
    if (err == OGI_OK && r->status == OGI_STATUS_NO_TABLES)
        err = OGI_ERROR_NO_TABLES;
    char *out = NULL;
    if (err == OGI_OK) {
        out = o->output ? strdup(o->output) : derived_path(in, o->outdir, ".checked.xlsx");
        err = out ? OGI_OK : OGI_ERROR_MEMORY; /* ogi_write_xlsx refuses the input itself */
    }
    size_t first = ogi_batch_pending(w->batch);
    if (err == OGI_OK)
        err = write_outputs(w, r, book, out);
    if (err == OGI_OK) {
        converted *c = &w->done[w->ndone++];
        *c = (converted){.in = in,
                         .out = out,
                         .status = r->status,
                         .exit = ogi_exit_for(r),
                         .first = first,
                         .nout = ogi_batch_pending(w->batch) - first};
        memcpy(c->counts, r->counts, sizeof c->counts);
        if (o->register_box) {
            /* registered once its outputs exist under their names */
            char *json = o->json ? json_path_for(out) : NULL;
            char *kept = strdup(out);
            out = NULL;
            if (kept && flush_batch(w) == OGI_OK &&
                ogi_cli_register_converted(w->ctx, o->register_box, in, kept, json, r, l) != 0)
                w->status = ogi_exit_worse(w->status, OGI_EXIT_REFUSED);
            free(kept);
            free(json);
        }
        out = NULL;
    } else {
        ogi_batch_discard(w->batch, first); /* no half set of outputs */
        ogi_cli_error(in, err, l);
        w->status = ogi_exit_worse(w->status, OGI_EXIT_REFUSED);
    }
    free(out);
    ogi_report_free(r);
    ogi_book_free(book);
    if (w->ndone == BATCH_FILES)
        flush_batch(w);
}

/* Worker k of n takes files k, k+n, k+2n... */
static int run_slice(const convert_opts *o, const ogi_context *ctx, char **files, int nfiles, int k,
                     int n)
{
    worker *w = calloc(1, sizeof *w);
    ogi_batch *batch = ogi_batch_new();
    if (!w || !batch) {
        free(w);
        ogi_batch_free(batch);
        ogi_cli_error(files[k], OGI_ERROR_MEMORY, o->common.lang);
        return OGI_EXIT_REFUSED;
    }
    *w = (worker){.o = o, .ctx = ctx, .batch = batch, .status = OGI_EXIT_PASS};
    for (int i = k; i < nfiles; i += n)
        convert_one(w, files[i]);
    flush_batch(w);
    int status = w->status;
    ogi_batch_free(batch);
    free(w);
    return status;
}

/* Processes, not threads: each worker has its own copy of everything a
 * library may keep per process, and a crash takes one worker, not all. */
static int run_workers(const convert_opts *o, ogi_context *ctx, ogi_book *previous, char **files,
                       int nfiles)
{
    int n = o->jobs < nfiles ? o->jobs : nfiles;
    if (n <= 1)
        return run_slice(o, ctx, files, nfiles, 0, 1);
    fflush(NULL);
    pid_t pids[MAX_JOBS];
    int started = 0, status = OGI_EXIT_PASS;
    for (int k = 0; k < n; k++) {
        pid_t pid = fork();
        if (pid == 0) {
            /* the worker's copies are its own to free (a clean valgrind) */
            int code = run_slice(o, ctx, files, nfiles, k, n);
            ogi_book_free(previous);
            ogi_context_free(ctx);
            _exit(code);
        }
        if (pid < 0) {
            status = ogi_exit_worse(status, run_slice(o, ctx, files, nfiles, k, n));
            continue;
        }
        pids[started++] = pid;
    }
    for (int i = 0; i < started; i++) {
        int ws;
        while (waitpid(pids[i], &ws, 0) < 0 && errno == EINTR)
            ;
        int code = WIFEXITED(ws) ? WEXITSTATUS(ws) : OGI_EXIT_REFUSED;
        status = ogi_exit_worse(status, code);
    }
    return status;
}

static int bad_usage(ogi_lang l, ogi_cli_msg why)
{
    fprintf(stderr, "ogi convert: %s\n", ogi_cli_message(why, l));
    return OGI_EXIT_REFUSED;
}

/* Why a folder could not be made, in the user's language. */
static const char *mkdir_reason(int err, ogi_lang l)
{
    switch (err) {
    case EACCES:
    case EPERM:
        return ogi_cli_message(OGI_CLI_MSG_WHY_PERMISSION, l);
    case EROFS:
        return ogi_cli_message(OGI_CLI_MSG_WHY_READ_ONLY, l);
    case ENOSPC:
    case EDQUOT:
        return ogi_cli_message(OGI_CLI_MSG_WHY_DISK_FULL, l);
    case ENOTDIR:
    case EEXIST:
        return ogi_cli_message(OGI_CLI_MSG_WHY_FILE_IN_PATH, l);
    case ENAMETOOLONG:
        return ogi_cli_message(OGI_CLI_MSG_WHY_PATH_TOO_LONG, l);
    default:
        return strerror(err);
    }
}

/* --outdir as `mkdir -p` makes it (the README's `--outdir out/` assumes a
 * new folder works): each missing folder of the path is created; a path
 * that exists and is not a folder is refused. 0 when DIR is a folder. */
static int make_outdir(const char *dir, ogi_lang l)
{
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return 0;
        fputs("ogi convert: ", stderr);
        fprintf(stderr, ogi_cli_message(OGI_CLI_MSG_OUTDIR_NOT_FOLDER, l), dir);
        fputc('\n', stderr);
        return -1;
    }
    char *path = strdup(dir);
    if (!path) {
        ogi_cli_error(dir, OGI_ERROR_MEMORY, l);
        return -1;
    }
    int err = 0;
    /* each prefix ending before a '/', then the whole path */
    for (char *p = path + 1; err == 0; p++) {
        int last = *p == '\0';
        if (!last && (*p != '/' || p[-1] == '/'))
            continue;
        char keep = *p;
        *p = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            err = errno;
        else if (stat(path, &st) != 0)
            err = errno;
        else if (!S_ISDIR(st.st_mode))
            err = ENOTDIR;
        *p = keep;
        if (last)
            break;
    }
    if (err) {
        fputs("ogi convert: ", stderr);
        fprintf(stderr, ogi_cli_message(OGI_CLI_MSG_OUTDIR_CANNOT_MAKE, l), dir,
                mkdir_reason(err, l));
        fputc('\n', stderr);
    }
    free(path);
    return err ? -1 : 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Two inputs that would write the same output (a/x.xls and b/x.xls into
 * one --outdir): the second would silently replace the first, so the
 * batch is refused before anything is written. */
static int outputs_collide(const convert_opts *o, char **files, int nfiles)
{
    char **outs = calloc((size_t)nfiles, sizeof *outs);
    int collide = !outs ? 0 : -1;
    for (int i = 0; outs && i < nfiles && collide < 0; i++)
        if (!(outs[i] = derived_path(files[i], o->outdir, ".checked.xlsx")))
            collide = 0; /* out of memory: the conversion will say so */
    if (collide < 0) {
        qsort(outs, (size_t)nfiles, sizeof *outs, by_name);
        collide = 0;
        for (int i = 1; i < nfiles && !collide; i++)
            if (strcmp(outs[i - 1], outs[i]) == 0) {
                fprintf(stderr, ogi_cli_message(OGI_CLI_MSG_CONVERT_COLLIDE, o->common.lang),
                        outs[i]);
                collide = 1;
            }
    }
    for (int i = 0; outs && i < nfiles; i++)
        free(outs[i]);
    free(outs);
    return collide;
}

int ogi_cli_convert(int argc, char **argv)
{
    static const struct option longopts[] = {{"output", required_argument, NULL, 'o'},
                                             {"outdir", required_argument, NULL, 'd'},
                                             {"jobs", required_argument, NULL, 'j'},
                                             {"json", no_argument, NULL, 'J'},
                                             {"quiet", no_argument, NULL, 'q'},
                                             {"register", required_argument, NULL, 'R'},
                                             OGI_COMMON_LONGOPTS,
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    convert_opts o = {.common = {.lang = ogi_cli_lang(argc, argv)}, .jobs = 1};
    ogi_lang l = o.common.lang;
    int opt;
    static const char shortopts[] = ":o:d:j:qh";
    opterr = 0; /* the reason is said below, in the user's language */
    while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        int common = ogi_common_option(&o.common, opt, optarg);
        if (common == 1)
            continue;
        if (opt == 'o')
            o.output = optarg;
        else if (opt == 'd')
            o.outdir = optarg;
        else if (opt == 'j' && atoi(optarg) >= 1 && atoi(optarg) <= MAX_JOBS)
            o.jobs = atoi(optarg);
        else if (opt == 'J')
            o.json = 1;
        else if (opt == 'q')
            o.quiet = 1;
        else if (opt == 'R')
            o.register_box = optarg;
        else if (opt == 'h') {
            ogi_cli_help(stdout, "convert", l);
            return OGI_EXIT_PASS;
        } else {
            ogi_cli_option_error("ogi convert", argv, shortopts, longopts, opt, MAX_JOBS, l);
            return bad_usage(l, OGI_CLI_MSG_CONVERT_BAD_OPTION);
        }
    }
    int nfiles = argc - optind;
    if (nfiles < 1)
        return bad_usage(l, OGI_CLI_MSG_CONVERT_NO_INPUT);
    if (o.output && (nfiles > 1 || o.outdir))
        return bad_usage(l, OGI_CLI_MSG_CONVERT_ONE_OUTPUT);
    if (o.outdir && !*o.outdir)
        return bad_usage(l, OGI_CLI_MSG_OUTDIR_EMPTY);
    if (!o.output && nfiles > 1 && outputs_collide(&o, argv + optind, nfiles))
        return OGI_EXIT_REFUSED;
    if (o.outdir && make_outdir(o.outdir, l) != 0)
        return OGI_EXIT_REFUSED;
    ogi_context *ctx = ogi_cli_context(&o.common);
    if (!ctx)
        return OGI_EXIT_REFUSED;
    if (o.register_box && ogi_cli_check_register(ctx, o.register_box, l) != 0) {
        ogi_context_free(ctx);
        return OGI_EXIT_REFUSED;
    }
    int ok;
    ogi_book *previous = ogi_cli_previous(ctx, &o.common, &ok);
    o.previous = previous;
    int status = ok ? run_workers(&o, ctx, previous, argv + optind, nfiles) : OGI_EXIT_REFUSED;
    ogi_book_free(previous);
    ogi_context_free(ctx);
    return status;
}
