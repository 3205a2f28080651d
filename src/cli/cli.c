/*
 * cli.c - the shared part of the command line, and `ogi check`.
 */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_batch.h"
#include "messages.h"

static const char usage_zh[] =
    "用法：\n"
    "  ogi check [--format text|json] [-j N] [--lang zh|en] [--template 文件] [--previous "
    "上年报表] 文件...\n"
    "  ogi convert [-o 输出.xlsx | --outdir 目录] [-j N] [--json] [--lang zh|en] 文件...\n"
    "  ogi watch [--once] [--log 文件] [--poll 秒] [--settle 秒] [--jobs N] 收件箱目录\n"
    "  ogi serve [--listen 地址:端口] 收件箱目录\n"
    "  ogi --version\n"
    "每个命令的全部选项：ogi check --help、ogi convert --help、ogi watch --help\n"
    "退出状态：0 全部通过；1 有文件未通过；2 有文件无法读取、未找到法定表格或用法错误。\n";
static const char usage_en[] =
    "usage:\n"
    "  ogi check [--format text|json] [-j N] [--lang zh|en] [--template FILE] [--previous "
    "LAST.xls] FILE...\n"
    "  ogi convert [-o OUT.xlsx | --outdir DIR] [-j N] [--json] [--lang zh|en] FILE...\n"
    "  ogi watch [--once] [--log FILE] [--poll SECONDS] [--settle SECONDS] [--jobs N] BOX\n"
    "  ogi serve [--listen HOST:PORT] BOX\n"
    "  ogi --version\n"
    "all options of a command: ogi check --help, ogi convert --help, ogi watch --help\n"
    "exit status: 0 every file passed; 1 some file failed; 2 some file unreadable,\n"
    "without statutory tables, or bad usage.\n";

ogi_lang ogi_cli_lang(int argc, char **argv)
{
    ogi_lang lang = OGI_LANG_ZH;
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            v = argv[i + 1];
        else if (strncmp(argv[i], "--lang=", 7) == 0)
            v = argv[i] + 7;
        if (v)
            lang = strcmp(v, "en") == 0 ? OGI_LANG_EN : OGI_LANG_ZH;
    }
    return lang;
}

static void usage(FILE *f, ogi_lang lang)
{
    fputs(lang == OGI_LANG_EN ? usage_en : usage_zh, f);
}

void ogi_cli_help(FILE *f, const char *command, ogi_lang lang)
{
    ogi_msg own = strcmp(command, "convert") == 0 ? OGI_MSG_CLI_HELP_CONVERT
                  : strcmp(command, "watch") == 0 ? OGI_MSG_CLI_HELP_WATCH
                                                  : OGI_MSG_CLI_HELP_CHECK;
    fputs(ogi_message(own, lang), f);
    fputs(ogi_message(OGI_MSG_CLI_HELP_COMMON, lang), f);
}

/* "--jobs" for 'j', as the user may have typed it ("-j, --jobs"). */
static void option_name(const char *shortopts, const struct option *longopts, int opt, char *out,
                        size_t size)
{
    const char *name = NULL;
    for (const struct option *o = longopts; o && o->name; o++)
        if (o->val == opt) {
            name = o->name;
            break;
        }
    int letter = opt > ' ' && opt < 127 && opt != ':' && strchr(shortopts, opt);
    if (letter && name)
        snprintf(out, size, "-%c, --%s", opt, name);
    else if (name)
        snprintf(out, size, "--%s", name);
    else
        snprintf(out, size, "-%c", letter ? opt : '?');
}

/* What the value of an option should be. */
static const char *wanted(int opt, int max_jobs, ogi_lang lang, char *buf, size_t size)
{
    switch (opt) {
    case 'L':
        return ogi_message(OGI_MSG_CLI_WANT_LANG, lang);
    case 'f':
        return ogi_message(OGI_MSG_CLI_WANT_FORMAT, lang);
    case 'j':
        snprintf(buf, size, ogi_message(OGI_MSG_CLI_WANT_JOBS, lang), max_jobs);
        return buf;
    case 1001:
    case 1002:
    case 1003:
        return ogi_message(OGI_MSG_CLI_WANT_SIZE, lang);
    case 1005:
        return ogi_message(OGI_MSG_CLI_WANT_SECONDS, lang);
    default:
        return ogi_message(OGI_MSG_CLI_WANT_OTHER, lang);
    }
}

void ogi_cli_option_error(const char *cmd, char **argv, const char *shortopts,
                          const struct option *longopts, int opt, int max_jobs, ogi_lang lang)
{
    char name[96], want[160];
    const char *typed = optind > 0 ? argv[optind - 1] : "?";
    if (opt == '?' || opt == ':') {
        if (optopt > ' ' && optopt < 127 && typed[0] == '-' && typed[1] != '-')
            snprintf(name, sizeof name, "-%c", optopt);
        else
            snprintf(name, sizeof name, "%s", typed);
        ogi_msg why = opt == '?' ? OGI_MSG_CLI_UNKNOWN_OPTION : OGI_MSG_CLI_MISSING_VALUE;
        fprintf(stderr, ogi_message(why, lang), cmd, name);
        fputc('\n', stderr);
        return;
    }
    option_name(shortopts, longopts, opt, name, sizeof name);
    const char *why = wanted(opt, max_jobs, lang, want, sizeof want);
    const char *value = optarg ? optarg : "";
    if (lang == OGI_LANG_EN)
        fprintf(stderr, ogi_message(OGI_MSG_CLI_BAD_VALUE, lang), cmd, value, name, why);
    else
        fprintf(stderr, ogi_message(OGI_MSG_CLI_BAD_VALUE, lang), cmd, name, value, why);
    fputc('\n', stderr);
}

void ogi_cli_error(const char *path, ogi_error err, ogi_lang lang)
{
    fprintf(stderr, "ogi: %s: %s\n", path, ogi_strerror(err, lang));
}

int ogi_exit_worse(int a, int b)
{
    return a > b ? a : b;
}

int ogi_exit_for(const ogi_report *r)
{
    switch (r->status) {
    case OGI_STATUS_PASS:
        return OGI_EXIT_PASS;
    case OGI_STATUS_FAIL:
        return OGI_EXIT_FAIL;
    default:
        return OGI_EXIT_REFUSED;
    }
}

static int parse_size(const char *arg, uint64_t *out)
{
    char *end;
    if (*arg < '0' || *arg > '9') /* strtoull would take "-5" as a huge number */
        return 0;
    unsigned long long v = strtoull(arg, &end, 10);
    if (end == arg || v == 0)
        return 0;
    if (*end == 'k' || *end == 'K')
        v <<= 10, end++;
    else if (*end == 'm' || *end == 'M')
        v <<= 20, end++;
    if (*end)
        return 0;
    *out = v;
    return 1;
}

int ogi_common_option(ogi_common_opts *o, int opt, const char *arg)
{
    uint64_t v;
    switch (opt) {
    case 'L':
        if (strcmp(arg, "zh") != 0 && strcmp(arg, "en") != 0)
            return -1;
        o->lang = strcmp(arg, "en") == 0 ? OGI_LANG_EN : OGI_LANG_ZH;
        return 1;
    case 'T':
        if (o->ntemplates >= sizeof o->templates / sizeof *o->templates)
            return -1;
        o->templates[o->ntemplates++] = arg;
        return 1;
    case 1001:
        if (!parse_size(arg, &v))
            return -1;
        o->limits.max_file_bytes = v;
        return 1;
    case 1002:
        if (!parse_size(arg, &v))
            return -1;
        o->limits.max_cells = v;
        return 1;
    case 1004:
        o->previous = arg;
        return 1;
    case 1003:
        if (!parse_size(arg, &v) || v > UINT32_MAX)
            return -1;
        o->limits.max_string = (uint32_t)v;
        return 1;
    case 1005:
        if (!parse_size(arg, &v) || v > 86400)
            return -1;
        o->limits.max_seconds = (uint32_t)v;
        return 1;
    default:
        return 0;
    }
}

ogi_context *ogi_cli_context(const ogi_common_opts *o)
{
    ogi_context *ctx;
    ogi_error err = ogi_context_new(&ctx);
    if (err != OGI_OK) {
        ogi_cli_error("ogi", err, o->lang);
        return NULL;
    }
    ogi_context_set_limits(ctx, &o->limits);
    for (size_t i = 0; i < o->ntemplates; i++) {
        err = ogi_context_load_template(ctx, o->templates[i]);
        if (err != OGI_OK) {
            ogi_cli_error(o->templates[i], err, o->lang);
            ogi_context_free(ctx);
            return NULL;
        }
    }
    return ctx;
}

ogi_book *ogi_cli_previous(const ogi_context *ctx, const ogi_common_opts *o, int *ok)
{
    *ok = 1;
    if (!o->previous)
        return NULL;
    ogi_book *book = NULL;
    ogi_error err = ogi_book_open(ctx, o->previous, &book);
    if (err != OGI_OK) {
        ogi_cli_error(o->previous, err, o->lang);
        *ok = 0;
    }
    return book;
}

/* Checks one file: a report, or an unreadable report with the reason. */
static ogi_report *check_one(const ogi_context *ctx, const char *path, ogi_lang lang,
                             const ogi_book *previous, ogi_book **book)
{
    ogi_report *r = NULL;
    ogi_check_options copts = {lang, previous};
    ogi_error err = ogi_book_open(ctx, path, book);
    if (err == OGI_OK)
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
    int status;     /* the worst exit status so far */
    size_t printed; /* reports printed so far */
} check_batch;

static void *check_work(void *data, size_t i)
{
    const check_batch *b = data;
    check_result *res = calloc(1, sizeof *res);
    if (!res)
        return NULL;
    ogi_book *book = NULL;
    ogi_report *r = check_one(b->ctx, b->paths[i], b->lang, b->previous, &book);
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
                                             OGI_COMMON_LONGOPTS,
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    ogi_common_opts o = {.lang = ogi_cli_lang(argc, argv)};
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
        if (opt == 'j' && atoi(optarg) >= 1 && atoi(optarg) <= MAX_CHECK_JOBS) {
            jobs = (unsigned)atoi(optarg);
            continue;
        }
        if (opt == 'h') {
            ogi_cli_help(stdout, "check", o.lang);
            return OGI_EXIT_PASS;
        }
        ogi_cli_option_error("ogi check", argv, shortopts, longopts, opt, MAX_CHECK_JOBS, o.lang);
        usage(stderr, o.lang);
        return OGI_EXIT_REFUSED;
    }
    if (optind >= argc) {
        usage(stderr, o.lang);
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
    size_t nfiles = (size_t)(argc - optind);
    check_batch b = {ctx, argv + optind, o.lang, previous, json, OGI_EXIT_PASS, 0};
    int array = json && nfiles > 1;
    if (array)
        printf("[\n");
    if (ogi_batch_run(nfiles, jobs, check_work, check_emit, &b) != 0)
        ogi_batch_run(nfiles, 1, check_work, check_emit, &b);
    printf(array ? "\n]\n" : "\n");
    ogi_book_free(previous);
    ogi_context_free(ctx);
    return b.status;
}

int ogi_cli_main(int argc, char **argv)
{
    ogi_lang lang = ogi_cli_lang(argc, argv);
    if (argc < 2) {
        usage(stderr, lang);
        return OGI_EXIT_REFUSED;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        printf("ogi %s\n", OGI_VERSION);
        return OGI_EXIT_PASS;
    }
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout, lang);
        return OGI_EXIT_PASS;
    }
    if (strcmp(cmd, "check") == 0)
        return ogi_cli_check(argc - 1, argv + 1);
    if (strcmp(cmd, "convert") == 0)
        return ogi_cli_convert(argc - 1, argv + 1);
    if (strcmp(cmd, "watch") == 0)
        return ogi_cli_watch(argc - 1, argv + 1);
    if (strcmp(cmd, "serve") == 0)
        return ogi_cli_serve(argc - 1, argv + 1);
    fprintf(stderr, lang == OGI_LANG_EN ? "ogi: unknown command: %s\n" : "ogi：未知命令：%s\n",
            cmd);
    usage(stderr, lang);
    return OGI_EXIT_REFUSED;
}
