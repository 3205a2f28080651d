/*
 * cli_status.c - `ogi status BOX`: each agency's submissions for a report
 * year (the roster's, then those not on it), from the register, read-only:
 * it runs beside the service without slowing it (WAL readers).
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "cli_messages.h"
#include "cli_office.h"
#include "ogi_office.h"

typedef struct status_opts {
    ogi_lang lang;
    int year;
    int json;
    int all;
} status_opts;

static void local_time(int64_t t, char *buf, size_t size)
{
    struct tm tm;
    time_t tt = (time_t)t;
    if (t <= 0 || !localtime_r(&tt, &tm) || !strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm))
        snprintf(buf, size, "%s", "");
}

static json_t *agency_json(const ogi_agency *a)
{
    char when[32];
    local_time(a->last, when, sizeof when);
    json_t *o = json_object();
    json_object_set_new(o, "agency", json_string(a->name));
    json_object_set_new(o, "status", json_string(ogi_agency_status_name(a->status)));
    json_object_set_new(o, "submissions", json_integer(a->submissions));
    json_object_set_new(o, "last", a->last ? json_string(when) : json_null());
    json_object_set_new(o, "folder", json_string(a->folder));
    json_object_set_new(o, "group", json_string(a->group));
    json_object_set_new(o, "errors", json_integer((json_int_t)a->counts[0]));
    json_object_set_new(o, "warnings", json_integer((json_int_t)a->counts[1]));
    json_object_set_new(o, "infos", json_integer((json_int_t)a->counts[2]));
    json_object_set_new(o, "outputs", a->outputs[0] ? json_string(a->outputs) : json_null());
    json_object_set_new(o, "json", a->json[0] ? json_string(a->json) : json_null());
    json_object_set_new(o, "template",
                        a->template_id[0] ? json_string(a->template_id) : json_null());
    return o;
}

/* One array of agencies, an object per line, each made, printed and freed
 * in turn: over 5,000 agencies no document is held whole. */
static int print_agencies(const char *key, const ogi_agency *v, size_t n, int last)
{
    printf("  \"%s\": [", key);
    int ok = 1;
    for (size_t i = 0; ok && i < n; i++) {
        json_t *o = agency_json(&v[i]);
        fputs(i ? ",\n    " : "\n    ", stdout);
        ok = o && json_dumpf(o, stdout, 0) == 0;
        json_decref(o);
    }
    printf("%s]%s\n", n ? "\n  " : "", last ? "" : ",");
    return ok;
}

static int print_json(const ogi_overview *ov)
{
    json_t *counts = json_object();
    for (int s = 0; s < 4; s++)
        json_object_set_new(counts, ogi_agency_status_name((ogi_agency_status)s),
                            json_integer((json_int_t)ov->by_status[s]));
    char *head = json_dumps(counts, 0);
    json_decref(counts);
    if (!head)
        return OGI_EXIT_REFUSED;
    printf("{\n  \"year\": ");
    if (ov->year)
        printf("%d", ov->year);
    else
        fputs("null", stdout);
    printf(",\n  \"roster\": %s,\n  \"counts\": %s,\n", ov->has_roster ? "true" : "false", head);
    free(head);
    int ok = print_agencies("agencies", ov->agencies, ov->nagencies, 0) &&
             print_agencies("unlisted", ov->unlisted, ov->nunlisted, 1);
    puts("}");
    return ok && !ferror(stdout) ? OGI_EXIT_PASS : OGI_EXIT_REFUSED;
}

static void print_agency(const ogi_agency *a, ogi_lang lang)
{
    printf("  %s", a->name);
    if (a->submissions) {
        char when[32];
        local_time(a->last, when, sizeof when);
        printf("  ");
        printf(ogi_cli_message(OGI_CLI_MSG_STATUS_TRIES, lang), a->submissions, when);
        if (a->outputs[0])
            printf("  %s", a->outputs);
    } else if (a->folder[0]) {
        printf("  inbox/%s/", a->folder);
    }
    putchar('\n');
}

/* One section: the agencies of a status (every one with --all). */
static void print_section(const ogi_overview *ov, ogi_agency_status s, ogi_lang lang)
{
    if (!ov->by_status[s])
        return;
    size_t n = 0;
    for (size_t i = 0; i < ov->nagencies; i++)
        n += ov->agencies[i].status == s;
    if (!n)
        return;
    printf(ogi_cli_message(OGI_CLI_MSG_STATUS_SECTION, lang), ogi_agency_status_text(s, lang), n);
    for (size_t i = 0; i < ov->nagencies; i++)
        if (ov->agencies[i].status == s)
            print_agency(&ov->agencies[i], lang);
}

static int print_text(const ogi_overview *ov, const status_opts *o)
{
    ogi_lang lang = o->lang;
    if (!ov->year && !ov->nagencies) {
        puts(ogi_cli_message(OGI_CLI_MSG_STATUS_NO_YEAR, lang));
        return OGI_EXIT_PASS;
    }
    printf(ogi_cli_message(OGI_CLI_MSG_STATUS_HEAD, lang), ov->year, ov->by_status[OGI_AGENCY_PASS],
           ov->by_status[OGI_AGENCY_PASS_WARNINGS], ov->by_status[OGI_AGENCY_FAIL],
           ov->by_status[OGI_AGENCY_MISSING]);
    putchar('\n');
    if (!ov->has_roster)
        puts(ogi_cli_message(OGI_CLI_MSG_STATUS_NO_ROSTER, lang));
    print_section(ov, OGI_AGENCY_MISSING, lang);
    print_section(ov, OGI_AGENCY_FAIL, lang);
    if (o->all) {
        print_section(ov, OGI_AGENCY_PASS_WARNINGS, lang);
        print_section(ov, OGI_AGENCY_PASS, lang);
    }
    if (ov->nunlisted) {
        printf(ogi_cli_message(OGI_CLI_MSG_STATUS_SECTION, lang),
               ogi_cli_message(OGI_CLI_MSG_STATUS_UNLISTED, lang), ov->nunlisted);
        for (size_t i = 0; i < ov->nunlisted; i++) {
            const ogi_agency *a = &ov->unlisted[i];
            printf("  [%s]", ogi_agency_status_text(a->status, lang));
            print_agency(a, lang);
        }
    }
    return OGI_EXIT_PASS;
}

/* The register for reading; a box never served yet has none, which is
 * not an error (every agency of the roster is then missing). */
ogi_error ogi_cli_open_register(const ogi_context *ctx, const char *box, ogi_register **reg)
{
    *reg = NULL;
    size_t n = strlen(box) + sizeof "/" OGI_REGISTER_FILE;
    char *path = malloc(n);
    if (!path)
        return OGI_ERROR_MEMORY;
    snprintf(path, n, "%s/%s", box, OGI_REGISTER_FILE);
    struct stat st;
    int there = stat(path, &st) == 0;
    free(path);
    if (!there)
        return OGI_OK;
    return ogi_register_open(ctx, box, OGI_REGISTER_READONLY, reg);
}

int ogi_cli_parse_year(const char *arg, int *year)
{
    char *end;
    long y = strtol(arg, &end, 10);
    if (*end || y < 1990 || y > 2200)
        return 0;
    *year = (int)y;
    return 1;
}

int ogi_cli_status(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"year", required_argument, NULL, 'y'}, {"format", required_argument, NULL, 'f'},
        {"all", no_argument, NULL, 'a'},        {"lang", required_argument, NULL, 'L'},
        {"help", no_argument, NULL, 'h'},       {NULL, 0, NULL, 0}};
    status_opts o = {.lang = ogi_cli_lang(argc, argv)};
    int opt;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        int ok = 1;
        if (opt == 'h') {
            ogi_cli_office_help(stdout, "status", o.lang);
            return OGI_EXIT_PASS;
        } else if (opt == 'y') {
            ok = ogi_cli_parse_year(optarg, &o.year);
        } else if (opt == 'f') {
            ok = strcmp(optarg, "json") == 0 || strcmp(optarg, "text") == 0;
            o.json = strcmp(optarg, "json") == 0;
        } else if (opt == 'a') {
            o.all = 1;
        } else if (opt == 'L') {
            ok = strcmp(optarg, "zh") == 0 || strcmp(optarg, "en") == 0;
        } else {
            ok = 0;
        }
        if (!ok) {
            ogi_cli_option_error("ogi status", argv, ":h", longopts, opt, 0, o.lang);
            ogi_cli_office_help(stderr, "status", o.lang);
            return OGI_EXIT_REFUSED;
        }
    }
    if (optind != argc - 1) {
        ogi_cli_office_help(stderr, "status", o.lang);
        return OGI_EXIT_REFUSED;
    }
    const char *box = argv[optind];
    struct stat st;
    if (stat(box, &st) != 0 || !S_ISDIR(st.st_mode)) {
        ogi_cli_error(box, stat(box, &st) != 0 ? OGI_ERROR_NOT_FOUND : OGI_ERROR_READ, o.lang);
        return OGI_EXIT_REFUSED;
    }
    ogi_common_opts common = {.lang = o.lang};
    ogi_context *ctx = ogi_cli_context(&common);
    if (!ctx)
        return OGI_EXIT_REFUSED;
    ogi_register *reg = NULL;
    ogi_overview *ov = NULL;
    ogi_error err = ogi_cli_open_register(ctx, box, &reg);
    if (err != OGI_OK) {
        char where[4096];
        snprintf(where, sizeof where, "%s/%s", box, OGI_REGISTER_FILE);
        ogi_cli_error(where, err, o.lang);
    } else if ((err = ogi_overview_build(ctx, reg, box, o.year, &ov)) != OGI_OK) {
        ogi_cli_error(box, err, o.lang);
    }
    int status = OGI_EXIT_REFUSED;
    if (ov)
        status = o.json ? print_json(ov) : print_text(ov, &o);
    ogi_overview_free(ov);
    ogi_register_close(reg);
    ogi_context_free(ctx);
    return status;
}

void ogi_cli_office_help(FILE *f, const char *command, ogi_lang lang)
{
    size_t n;
    const ogi_cli_command_text *cmds = ogi_cli_command_texts(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(cmds[i].name, command) == 0)
            fputs(cmds[i].help[lang == OGI_LANG_EN], f);
}
