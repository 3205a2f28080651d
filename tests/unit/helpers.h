/* helpers.h - what the unit tests share: books built cell by cell, zip
 * packages built and read back in memory, temporary folders. Each helper
 * fails the running cmocka test on any error, so a test reads as what it
 * builds and what it expects. */
#ifndef OGI_TEST_HELPERS_H
#define OGI_TEST_HELPERS_H

#include <stddef.h>
#include <stdint.h>

#include "book.h"
#include "ogi.h"
#include "template.h"

/* ---- the context ---- */

/* cmocka group set-up and tear-down of the one ogi_context a test file's
 * tests share: made once per file, as ogi makes it once per process. */
int helper_context_setup(void **state);
int helper_context_teardown(void **state);
/* The context made by helper_context_setup. */
ogi_context *helper_context(void);
/* Its statutory template called id; fails the test when there is none. */
const ogi_template *helper_template(const char *id);

/* ---- books ---- */

/* Appends a sheet called name; returns its index. */
size_t helper_add_sheet(ogi_book *book, const char *name);
/* Sets one text cell. */
void helper_put_text(ogi_book *book, size_t sheet, uint32_t row, uint32_t col, const char *text);
/* Adds rows of "|"-separated cells to sheet from (row0, col0); a cell that
 * parses whole as a number is a number, an empty one is left out. */
void helper_put_rows(ogi_book *book, size_t sheet, uint32_t row0, uint32_t col0,
                     const char *const *rows, size_t n);

/* ---- BIFF8 streams (.xls), record by record ---- */

typedef struct helper_biff {
    unsigned char b[4096];
    size_t n;
} helper_biff;

/* Appends a record: type, length, data. */
void helper_biff_record(helper_biff *s, uint16_t type, const unsigned char *data, uint16_t len);
/* Appends a BIFF8 BOF of kind (0x0005 globals, 0x0010 worksheet, 0x0020
 * chart). */
void helper_biff_bof(helper_biff *s, uint16_t kind);

/* ---- zip packages (.xlsx, .ods) ---- */

typedef struct helper_part {
    const char *name;
    const char *data; /* NUL-terminated: the length is strlen(data) */
} helper_part;

/* A zip holding parts (up to a NULL name), in memory; the caller frees it. */
unsigned char *helper_make_zip(const helper_part *parts, size_t *len);

/* One part of a zip read back: name and bytes, both malloc'd. */
typedef struct helper_zip_entry {
    char *name;
    unsigned char *data;
    size_t len;
} helper_zip_entry;

/* Every part of the zip file at path, in the order stored; *n is set.
 * NULL with *n = 0 when the file is not a readable zip. */
helper_zip_entry *helper_read_zip(const char *path, size_t *n);
void helper_free_zip(helper_zip_entry *entries, size_t n);

/* ---- files ---- */

/* A new empty folder under $TMPDIR or /tmp, malloc'd; never in the
 * checkout, so that tests leave nothing there. */
char *helper_temp_dir(void);
/* Removes the files of a folder made by helper_temp_dir (no sub-folders)
 * and the folder, and frees its name. */
void helper_remove_dir(char *dir);

#endif /* OGI_TEST_HELPERS_H */
