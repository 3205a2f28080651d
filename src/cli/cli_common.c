/*
 * cli_common.c - what the fronts (ogi check, convert, watch...) share:
 * the common options, the context they build, usage and help, errors on
 * stderr, exit statuses. It knows no command in particular, so every
 * command may use it and none is used by it.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_messages.h"

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

void ogi_cli_usage(FILE *f, ogi_lang lang)
{
    size_t n;
    const ogi_cli_command_text *cmds = ogi_cli_command_texts(&n);
    fputs(ogi_cli_message(OGI_CLI_MSG_USAGE, lang), f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "  %s\n", cmds[i].synopsis[lang == OGI_LANG_EN]);
    fputs("  ogi --version\n", f);
    fputs(ogi_cli_message(OGI_CLI_MSG_ALL_OPTIONS, lang), f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%sogi %s --help", i ? ogi_cli_message(OGI_CLI_MSG_LIST_SEP, lang) : "",
                cmds[i].name);
    fputc('\n', f);
    fputs(ogi_cli_message(OGI_CLI_MSG_EXIT_STATUS, lang), f);
}

void ogi_cli_help(FILE *f, const char *command, ogi_lang lang)
{
    size_t n;
    const ogi_cli_command_text *cmds = ogi_cli_command_texts(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(cmds[i].name, command) == 0)
            fputs(cmds[i].help[lang == OGI_LANG_EN], f);
    fputs(ogi_cli_message(OGI_CLI_MSG_HELP_COMMON, lang), f);
    fputs(ogi_cli_message(OGI_CLI_MSG_EXIT_STATUS, lang), f);
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
        return ogi_cli_message(OGI_CLI_MSG_WANT_LANG, lang);
    case 'f':
        return ogi_cli_message(OGI_CLI_MSG_WANT_FORMAT, lang);
    case 'j':
        snprintf(buf, size, ogi_cli_message(OGI_CLI_MSG_WANT_JOBS, lang), max_jobs);
        return buf;
    case 1001:
    case 1002:
    case 1003:
        return ogi_cli_message(OGI_CLI_MSG_WANT_SIZE, lang);
    case 1005:
        return ogi_cli_message(OGI_CLI_MSG_WANT_SECONDS, lang);
    default:
        return ogi_cli_message(OGI_CLI_MSG_WANT_OTHER, lang);
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
        ogi_cli_msg why = opt == '?' ? OGI_CLI_MSG_UNKNOWN_OPTION : OGI_CLI_MSG_MISSING_VALUE;
        fprintf(stderr, ogi_cli_message(why, lang), cmd, name);
        fputc('\n', stderr);
        return;
    }
    option_name(shortopts, longopts, opt, name, sizeof name);
    const char *why = wanted(opt, max_jobs, lang, want, sizeof want);
    const char *value = optarg ? optarg : "";
    if (lang == OGI_LANG_EN)
        fprintf(stderr, ogi_cli_message(OGI_CLI_MSG_BAD_VALUE, lang), cmd, value, name, why);
    else
        fprintf(stderr, ogi_cli_message(OGI_CLI_MSG_BAD_VALUE, lang), cmd, name, value, why);
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
        fprintf(stderr, "ogi: %s\n", ogi_strerror(err, o->lang));
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
