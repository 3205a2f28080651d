/*
 * cli_office.h - the office's commands (issue 14, docs/campaign.md):
 * ogi status (cli_status.c).
 */
#ifndef OGI_CLI_OFFICE_H
#define OGI_CLI_OFFICE_H

#include "ogi_office.h"

int ogi_cli_status(int argc, char **argv);

/* The box's register for reading (*reg NULL, OGI_OK, when the box has
 * none yet). */
ogi_error ogi_cli_open_register(const ogi_context *ctx, const char *box, ogi_register **reg);

#endif /* OGI_CLI_OFFICE_H */
