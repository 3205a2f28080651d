/*
 * roster.h - private to the library (src/lib/office): the list of
 * agencies a box expects (roster.c), as the overview (overview.c) uses it.
 */
#ifndef OGI_ROSTER_H
#define OGI_ROSTER_H

#include <stdint.h>

#include "arena.h"
#include "ogi_office.h"

typedef struct ogi_roster_entry {
    const char *name;       /* as the roster writes it */
    const char *key;        /* ogi_agency_key of name */
    const char *folder;     /* 文件夹, "" */
    const char *folder_key; /* ogi_agency_key of folder, "" */
    const char *group;      /* 分组, "" */
} ogi_roster_entry;

typedef struct ogi_roster {
    ogi_roster_entry *entries; /* in the roster's order */
    size_t n;
    const char *path;          /* "roster.xlsx"…, NULL when the box has none */
    const uint32_t *by_key;    /* entries' indexes sorted by key, then order */
    const uint32_t *by_folder; /* … by folder_key, then order */
} ogi_roster;

/* Reads BOX/roster.xlsx (.xls, .ods, .et) or BOX/roster.csv into arena.
 * No roster: OGI_OK with path NULL. One without a 单位 column, or that
 * cannot be read: OGI_ERROR_ROSTER. */
ogi_error ogi_roster_load(const ogi_context *ctx, const char *box, ogi_arena *arena,
                          ogi_roster *out);

/* The entry a submission belongs to: by the workbook's agency name, else
 * by its submitter folder, else by one name ending the other when that
 * points at one entry only. NULL: not on the roster. Keys are
 * ogi_agency_key's. */
const ogi_roster_entry *ogi_roster_match(const ogi_roster *roster, const char *agency_key,
                                         const char *submitter_key);

#endif /* OGI_ROSTER_H */
