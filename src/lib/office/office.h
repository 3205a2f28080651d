/*
 * office.h - private to the library: what the office's files
 * (register.c, agency.c, roster.c, overview.c, previous.c, summary.c)
 * share; the public side is ogi_office.h.
 */
#ifndef OGI_OFFICE_PRIVATE_H
#define OGI_OFFICE_PRIVATE_H

#include <sqlite3.h>

#include "ogi_office.h"

struct ogi_register {
    sqlite3 *db;
    const ogi_context *ctx; /* for matching agency names; may be NULL */
};

/* The ogi_error of an SQLite result code. */
ogi_error ogi_register_error(int sqlite_rc);

#endif /* OGI_OFFICE_PRIVATE_H */
