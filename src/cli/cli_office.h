/*
 * cli_office.h - private to the fronts (src/cli): the office's commands
 * (issue 14, docs/campaign.md):
 * ogi status (cli_status.c), ogi summary (cli_summary.c).
 */
#ifndef OGI_CLI_OFFICE_H
#define OGI_CLI_OFFICE_H

#include <stdio.h>

#include "ogi_office.h"

int ogi_cli_status(int argc, char **argv);
int ogi_cli_summary(int argc, char **argv);
/* A command's own help (cli_messages.c): status and summary take none of
 * the options the checking commands share. */
void ogi_cli_office_help(FILE *f, const char *command, ogi_lang lang);
/* A report year for --year (1990-2200): 1, or 0 when arg is not one. */
int ogi_cli_parse_year(const char *arg, int *year);

/* ogi convert --register BOX: records a converted file (in, its outputs
 * out and json, json may be NULL) in the box's register; says why not
 * and returns -1 when it cannot (cli_register.c). */
int ogi_cli_register_converted(const ogi_context *ctx, const char *box, const char *in,
                               const char *out, const char *json, const ogi_report *r,
                               ogi_lang lang);

/* Opens (creating) the box's register before any work; says why not and
 * returns -1 when it cannot. */
int ogi_cli_check_register(const ogi_context *ctx, const char *box, ogi_lang lang);

/* The box's register for reading (*reg NULL, OGI_OK, when the box has
 * none yet). */
ogi_error ogi_cli_open_register(const ogi_context *ctx, const char *box, ogi_register **reg);

#endif /* OGI_CLI_OFFICE_H */
