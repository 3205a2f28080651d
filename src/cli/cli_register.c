/*
 * cli_register.c - `ogi convert --register BOX`: a file converted by hand
 * recorded in the box's register like a dropped one (docs/campaign.md),
 * so that it counts in ogi status and the roll-up. Its original stays
 * where it is: the register names it by its absolute path.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "cli_office.h"

static void format_of(const char *path, char *buf, size_t size)
{
    const char *base = strrchr(path, '/'), *dot = strrchr(base ? base + 1 : path, '.');
    size_t n = 0;
    for (const char *p = dot ? dot + 1 : ""; *p && n + 1 < size; p++)
        buf[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    buf[n] = '\0';
}

/* 0 on OGI_OK; otherwise says what went wrong with the box's register,
 * naming its file, and returns -1. */
static int register_outcome(const char *box, ogi_error err, ogi_lang lang)
{
    if (err == OGI_OK)
        return 0;
    char where[PATH_MAX + 32];
    snprintf(where, sizeof where, "%s/%s", box, OGI_REGISTER_FILE);
    ogi_cli_error(where, err, lang);
    return -1;
}

int ogi_cli_register_converted(const ogi_context *ctx, const char *box, const char *in,
                               const char *out, const char *json, const ogi_report *r,
                               ogi_lang lang)
{
    char real_in[PATH_MAX], real_out[PATH_MAX], real_json[PATH_MAX], format[16];
    if (!realpath(in, real_in))
        snprintf(real_in, sizeof real_in, "%s", in);
    if (!realpath(out, real_out))
        snprintf(real_out, sizeof real_out, "%s", out);
    if (!json || !realpath(json, real_json))
        real_json[0] = '\0';
    format_of(in, format, sizeof format);
    ogi_submission sub = {.time = time(NULL),
                          .submitter = "",
                          .name = in,
                          .archived = real_in,
                          .sha256 = r->sha256 ? r->sha256 : "",
                          .format = format,
                          .agency = r->agency ? r->agency : "",
                          .year = r->year,
                          .template_id = r->template_id ? r->template_id : "",
                          .verdict =
                              r->status == OGI_STATUS_PASS ? OGI_VERDICT_PASS : OGI_VERDICT_FAIL,
                          .outputs = real_out,
                          .json = real_json,
                          .reason = ""};
    memcpy(sub.counts, r->counts, sizeof sub.counts);
    ogi_register *reg = NULL;
    ogi_error err = ogi_register_open(ctx, box, 0, &reg);
    if (err == OGI_OK)
        err = ogi_register_add(reg, &sub, r, NULL);
    ogi_register_close(reg);
    return register_outcome(box, err, lang);
}

int ogi_cli_check_register(const ogi_context *ctx, const char *box, ogi_lang lang)
{
    ogi_register *reg = NULL;
    ogi_error err = ogi_register_open(ctx, box, 0, &reg);
    ogi_register_close(reg);
    return register_outcome(box, err, lang);
}
