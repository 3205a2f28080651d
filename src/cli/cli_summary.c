/*
 * cli_summary.c - `ogi summary BOX [--year Y] [-o FILE]`: the roll-up
 * workbook of a report year (docs/campaign.md), from the register, read
 * only: it can run beside the service.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "cli_messages.h"
#include "cli_office.h"

/* The default roll-up goes to BOX/outbox/, made if need be. */
static int make_outbox(const char *box)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/outbox", box);
    return mkdir(path, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

int ogi_cli_summary(int argc, char **argv)
{
    static const struct option longopts[] = {{"year", required_argument, NULL, 'y'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"lang", required_argument, NULL, 'L'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    ogi_lang lang = ogi_cli_lang(argc, argv);
    const char *out = NULL;
    int year = 0, opt;
    static const char shortopts[] = ":o:h";
    opterr = 0;
    while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        int ok = 1;
        if (opt == 'h') {
            ogi_cli_office_help(stdout, "summary", lang);
            return OGI_EXIT_PASS;
        } else if (opt == 'y') {
            ok = ogi_cli_parse_year(optarg, &year);
        } else if (opt == 'o') {
            out = optarg;
        } else if (opt == 'L') {
            ok = strcmp(optarg, "zh") == 0 || strcmp(optarg, "en") == 0;
        } else {
            ok = 0;
        }
        if (!ok) {
            ogi_cli_option_error("ogi summary", argv, shortopts, longopts, opt, 0, lang);
            ogi_cli_office_help(stderr, "summary", lang);
            return OGI_EXIT_REFUSED;
        }
    }
    if (optind != argc - 1) {
        ogi_cli_office_help(stderr, "summary", lang);
        return OGI_EXIT_REFUSED;
    }
    const char *box = argv[optind];
    struct stat st;
    if (stat(box, &st) != 0 || !S_ISDIR(st.st_mode)) {
        ogi_cli_error(box, stat(box, &st) != 0 ? OGI_ERROR_NOT_FOUND : OGI_ERROR_READ, lang);
        return OGI_EXIT_REFUSED;
    }
    ogi_common_opts common = {.lang = lang};
    ogi_context *ctx = ogi_cli_context(&common);
    if (!ctx)
        return OGI_EXIT_REFUSED;
    ogi_register *reg = NULL;
    char *written = NULL;
    ogi_error err = ogi_cli_open_register(ctx, box, &reg);
    if (err != OGI_OK) {
        char where[4096];
        snprintf(where, sizeof where, "%s/%s", box, OGI_REGISTER_FILE);
        ogi_cli_error(where, err, lang);
    } else if (!year && (!reg || ogi_register_latest_year(reg, &year) != OGI_OK || !year)) {
        /* no year asked and none registered: nothing to sum up */
        fprintf(stderr, "ogi summary: %s: %s\n", box,
                ogi_cli_message(OGI_CLI_MSG_STATUS_NO_YEAR, lang));
        err = OGI_ERROR_NOT_FOUND;
    } else if (!out && make_outbox(box) != 0) {
        ogi_cli_error(box, OGI_ERROR_WRITE, lang);
        err = OGI_ERROR_WRITE;
    } else if ((err = ogi_summary_write(ctx, reg, box, year, lang, out, &written)) != OGI_OK) {
        ogi_cli_error(out ? out : box, err, lang);
    } else {
        puts(written);
    }
    free(written);
    ogi_register_close(reg);
    ogi_context_free(ctx);
    return err == OGI_OK ? OGI_EXIT_PASS : OGI_EXIT_REFUSED;
}
