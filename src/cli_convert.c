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

#define MAX_JOBS 64

typedef struct convert_opts {
    ogi_common_opts common;
    const char *output; /* -o, one input only */
    const char *outdir;
    int jobs;
    int json;
    int quiet;
    const ogi_book *previous;
} convert_opts;

static const char *const known_exts[] = {".xls", ".xlsx", ".xlsm", ".ods", ".et", ".XLS",
                                         ".XLSX", ".ODS", ".ET"};

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

static void print_result(const convert_opts *o, const char *in, const char *out,
                         const ogi_report *r)
{
    if (o->quiet)
        return;
    ogi_lang l = o->common.lang;
    const char *verdict = r->status == OGI_STATUS_PASS
                              ? (l == OGI_LANG_EN ? "PASS" : "通过")
                              : (l == OGI_LANG_EN ? "FAIL" : "未通过");
    char line[4096];
    int n = l == OGI_LANG_EN
                ? snprintf(line, sizeof line, "%s -> %s: %s (%zu errors, %zu warnings, %zu infos)\n",
                           in, out, verdict, r->counts[0], r->counts[1], r->counts[2])
                : snprintf(line, sizeof line, "%s → %s：%s（错误 %zu 项，警告 %zu 项，提示 %zu 项）\n",
                           in, out, verdict, r->counts[0], r->counts[1], r->counts[2]);
    /* one write per line, so lines of parallel workers never interleave */
    if (n > 0 && write(STDOUT_FILENO, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1) < 0)
        return;
}

static ogi_error write_outputs(const convert_opts *o, const ogi_report *r,
                               const ogi_book *book, const char *out)
{
    ogi_write_options wo = {o->common.lang, NULL};
    ogi_error err = ogi_write_xlsx(r, book, out, &wo);
    if (err != OGI_OK || !o->json)
        return err;
    char *jpath = json_path_for(out), *text = NULL;
    if (!jpath)
        return OGI_ERROR_MEMORY;
    err = ogi_report_json(r, book, &text);
    if (err == OGI_OK)
        err = ogi_write_file_atomic(jpath, text, strlen(text));
    free(text);
    free(jpath);
    return err;
}

static int convert_one(const convert_opts *o, const ogi_context *ctx, const char *in)
{
    ogi_lang l = o->common.lang;
    ogi_book *book = NULL;
    ogi_report *r = NULL;
    ogi_check_options copts = {l, o->previous};
    ogi_error err = ogi_book_open(ctx, in, &book);
    if (err == OGI_OK)
        err = ogi_check(ctx, book, in, &copts, &r);
    if (err == OGI_OK && r->status == OGI_STATUS_NO_TABLES)
        err = OGI_ERROR_NO_TABLES;
    char *out = NULL;
    if (err == OGI_OK) {
        out = o->output ? strdup(o->output) : derived_path(in, o->outdir, ".checked.xlsx");
        err = out ? OGI_OK : OGI_ERROR_MEMORY; /* ogi_write_xlsx refuses the input itself */
    }
    if (err == OGI_OK)
        err = write_outputs(o, r, book, out);
    int status = OGI_EXIT_REFUSED;
    if (err == OGI_OK) {
        print_result(o, in, out, r);
        status = ogi_exit_for(r);
    } else {
        ogi_cli_error(in, err, l);
    }
    free(out);
    ogi_report_free(r);
    ogi_book_free(book);
    return status;
}

/* Worker k of n takes files k, k+n, k+2n... */
static int run_slice(const convert_opts *o, const ogi_context *ctx, char **files,
                     int nfiles, int k, int n)
{
    int status = OGI_EXIT_PASS;
    for (int i = k; i < nfiles; i += n)
        status = ogi_exit_worse(status, convert_one(o, ctx, files[i]));
    return status;
}

/* Processes, not threads: each worker has its own copy of everything a
 * library may keep per process, and a crash takes one worker, not all. */
static int run_workers(const convert_opts *o, const ogi_context *ctx, char **files,
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
        if (pid == 0)
            _exit(run_slice(o, ctx, files, nfiles, k, n));
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

static int bad_usage(ogi_lang l, const char *why_zh, const char *why_en)
{
    fprintf(stderr, "ogi convert: %s\n", l == OGI_LANG_EN ? why_en : why_zh);
    return OGI_EXIT_REFUSED;
}

int ogi_cli_convert(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'}, {"outdir", required_argument, NULL, 'd'},
        {"jobs", required_argument, NULL, 'j'},   {"json", no_argument, NULL, 'J'},
        {"quiet", no_argument, NULL, 'q'},        OGI_COMMON_LONGOPTS,
        {NULL, 0, NULL, 0}};
    convert_opts o = {.common = {.lang = ogi_cli_lang(argc, argv)}, .jobs = 1};
    ogi_lang l = o.common.lang;
    int opt;
    while ((opt = getopt_long(argc, argv, "o:d:j:q", longopts, NULL)) != -1) {
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
        else
            return bad_usage(l, "选项错误（见 ogi --help）", "bad option (see ogi --help)");
    }
    int nfiles = argc - optind;
    if (nfiles < 1)
        return bad_usage(l, "缺少输入文件", "no input file");
    if (o.output && (nfiles > 1 || o.outdir))
        return bad_usage(l, "-o 只能用于单个文件，且不能与 --outdir 同用",
                         "-o takes one input file and no --outdir");
    struct stat st;
    if (o.outdir && (stat(o.outdir, &st) != 0 || !S_ISDIR(st.st_mode)))
        return bad_usage(l, "--outdir 不是已存在的文件夹", "--outdir is not an existing folder");
    ogi_context *ctx = ogi_cli_context(&o.common);
    if (!ctx)
        return OGI_EXIT_REFUSED;
    int ok;
    ogi_book *previous = ogi_cli_previous(ctx, &o.common, &ok);
    o.previous = previous;
    int status = ok ? run_workers(&o, ctx, argv + optind, nfiles) : OGI_EXIT_REFUSED;
    ogi_book_free(previous);
    ogi_context_free(ctx);
    return status;
}
