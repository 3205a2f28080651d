/*
 * ogi.h - check the statistical tables of Chinese government information
 * disclosure annual reports (政府信息公开工作年度报告).
 *
 * The one public header of libogi. The path every front takes:
 *
 *     ogi_context_new()            once per process (templates, OpenCC)
 *     ogi_book_open()              bytes of a file -> ogi_book
 *     ogi_check()                  ogi_book -> ogi_report (cells + findings)
 *     ogi_report_json()            ogi_report -> JSON text (spec §7)
 *     ogi_report_text()            ogi_report -> the human report
 *     ogi_write_xlsx()             ogi_report -> the marked-up workbook
 *
 * The library never prints and never exits: every function that can fail
 * returns an ogi_error, and ogi_strerror() gives its message in Chinese or
 * English. Out of memory is always OGI_ERROR_MEMORY, and a failed call
 * leaves its out-parameter NULL and nothing to free.
 *
 * Ownership and lifetimes. Every object is created by one function and
 * freed by its _free (which accepts NULL):
 *   - an ogi_context must outlive every report checked with it: a report
 *     points into it (report->tmpl, report->template_id, and the template
 *     names ogi_table_title() returns), so free reports before their
 *     context, and write a report's outputs while its context lives;
 *   - an ogi_book is independent of its context once opened (it copies the
 *     limits); a report does not point into its book, but the outputs that
 *     show where values came from (JSON sources, text, workbook) take the
 *     book the report was checked from;
 *   - a report owns every other string and array it points to.
 * Templates (ogi_context_load_template) and limits (ogi_context_set_limits)
 * are set up before the first book is opened or checked: they change the
 * context, which checks only read.
 *
 * Threads. A context, once set up, is only read (but for its cache of
 * OpenCC conversions, filled under a lock of its own): one context may be
 * shared by any number of threads calling ogi_book_open, ogi_check and the
 * output functions at once (`ogi check -j` does so). A book or report may be read
 * by several threads (the same previous-year book is given to every
 * check); freeing one, or setting up the context, must not race with any
 * other use of it. An ogi_batch belongs to one thread at a time. The
 * library keeps no global mutable state; ogi_context_new initialises
 * libgsf's type registry, which is not thread-safe on first use, so create
 * the first context before starting threads.
 *
 * Copyright (c) 2026 the ogi developers. BSD-2-Clause.
 */
#ifndef OGI_H
#define OGI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define OGI_VERSION "0.1.0"

/* Languages of user-facing text. Chinese is the default everywhere. */
typedef enum ogi_lang { OGI_LANG_ZH = 0, OGI_LANG_EN = 1 } ogi_lang;

/* Every failure the library reports. Keep ogi_strerror() in step. */
typedef enum ogi_error {
    OGI_OK = 0,
    OGI_ERROR_MEMORY,          /* out of memory */
    OGI_ERROR_NOT_FOUND,       /* no such file */
    OGI_ERROR_IS_DIRECTORY,    /* a directory where a file was expected */
    OGI_ERROR_READ,            /* the file could not be read */
    OGI_ERROR_EMPTY_FILE,      /* zero bytes */
    OGI_ERROR_NOT_SPREADSHEET, /* neither OLE2 nor any format ogi knows */
    OGI_ERROR_OOXML,           /* an OOXML package with no readable workbook (.xlsb) */
    OGI_ERROR_ODS,             /* an OpenDocument file that is not a spreadsheet */
    OGI_ERROR_NOT_WORKBOOK,    /* an OLE2 file with no workbook (.doc...) */
    OGI_ERROR_ENCRYPTED,       /* password protected */
    OGI_ERROR_CORRUPT,         /* truncated or damaged workbook */
    OGI_ERROR_OLD_BIFF,        /* Excel 5.0/95 or older */
    OGI_ERROR_TOO_LARGE,       /* file larger than the size limit */
    OGI_ERROR_TOO_MANY_CELLS,  /* more cells than the cell limit */
    OGI_ERROR_STRING_TOO_LONG, /* a string longer than the string limit */
    OGI_ERROR_NO_TABLES,       /* no statutory table found */
    OGI_ERROR_TEMPLATE,        /* a template file is malformed */
    OGI_ERROR_OPENCC,          /* OpenCC could not be opened */
    OGI_ERROR_WRITE,           /* the output could not be written */
    OGI_ERROR_SAME_FILE,       /* the output would overwrite the input */
    /* .xlsx and .ods (zip containers holding XML) */
    OGI_ERROR_ZIP_BOMB,        /* inflates beyond the size or ratio limit */
    OGI_ERROR_XML,             /* malformed XML inside the container */
    OGI_ERROR_XML_ENTITY,      /* a DOCTYPE or entity declaration */
    OGI_ERROR_XML_DEPTH,       /* XML nested deeper than the limit */
    OGI_ERROR_PART_MISSING,    /* a part the format requires is absent */
    OGI_ERROR_SHEET_BOUNDS,    /* a cell or repeat beyond the sheet grid */
    OGI_ERROR_TOO_MANY_MERGES, /* more merged ranges than the limit */
    OGI_ERROR_TIME_LIMIT,      /* reading or checking took longer than the limit */
    /* the office's register and roster (ogi_office.h) */
    OGI_ERROR_REGISTER,         /* the register cannot be opened or written */
    OGI_ERROR_REGISTER_BUSY,    /* the register stayed locked too long */
    OGI_ERROR_REGISTER_DAMAGED, /* the register is not a database ogi can use */
    OGI_ERROR_ROSTER,           /* the roster cannot be read or has no 单位 column */
    OGI_ERROR_COUNT
} ogi_error;

/* A static message for err in lang; never NULL (an unknown err has a
 * message saying so). Thread-safe. */
const char *ogi_strerror(ogi_error err, ogi_lang lang);

/* Limits against hostile input; 0 in a field means "the default". */
typedef struct ogi_limits {
    uint64_t max_file_bytes; /* default 64 MiB */
    uint64_t max_cells;      /* default 2,000,000 */
    uint32_t max_string;     /* default 32,767 characters (Excel's limit) */
    uint32_t max_seconds;    /* default 30: reading and checking one file */
} ogi_limits;

/* What is costly to set up and the same for every file: the compiled-in
 * and user-loaded templates, the OpenCC converter's table. Read-only once
 * set up; one per process, shared by its threads (see the top of this
 * file). */
typedef struct ogi_context ogi_context;

/* Creates a context with the built-in statutory templates and the default
 * limits, once per process: it parses the templates and checks that
 * OpenCC's data is installed (OpenCC itself is opened by the first label
 * in traditional characters). *out is the caller's, freed with
 * ogi_context_free. Errors: OGI_ERROR_OPENCC (OpenCC's data missing),
 * OGI_ERROR_TEMPLATE (a built-in template is malformed, a build defect),
 * OGI_ERROR_MEMORY. */
ogi_error ogi_context_new(ogi_context **out);
/* Adds a statutory format from a template file (docs/templates.md); one
 * with the id of a built-in template replaces it. Call before any check:
 * it changes the context. The file is read and compiled; ctx keeps no
 * reference to path. Errors: OGI_ERROR_NOT_FOUND (cannot be opened),
 * OGI_ERROR_TEMPLATE (malformed, or over 4 MiB), OGI_ERROR_MEMORY; on
 * error ctx is unchanged. */
ogi_error ogi_context_load_template(ogi_context *ctx, const char *path);
/* Sets the limits every later ogi_book_open uses (limits is copied; NULL
 * or 0 fields: the defaults). Call before opening books. Cannot fail. */
void ogi_context_set_limits(ogi_context *ctx, const ogi_limits *limits);
/* Frees ctx and its templates. Every report made with it must have been
 * freed first (they point into it). NULL is allowed. */
void ogi_context_free(ogi_context *ctx);

/* A workbook as read: its sheets, cells and merged ranges, whatever the
 * file format was. Opaque: read it through ogi_check and the outputs. */
typedef struct ogi_book ogi_book;

/* Reads the file at path whole (ctx's limits apply; ctx may be NULL for
 * the defaults) and decodes it; the format (.xls, .et, .xlsx, .ods) is
 * decided by its bytes, never its name. The file is only read. *out is
 * the caller's, freed with ogi_book_free; NULL on error. Errors: the
 * file's (OGI_ERROR_NOT_FOUND, _IS_DIRECTORY, _READ, _EMPTY_FILE,
 * _TOO_LARGE), its format's (_NOT_SPREADSHEET, _OOXML, _ODS,
 * _NOT_WORKBOOK, _ENCRYPTED, _CORRUPT, _OLD_BIFF, _ZIP_BOMB, _XML,
 * _XML_ENTITY, _XML_DEPTH, _PART_MISSING), the limits' (_TOO_MANY_CELLS,
 * _STRING_TOO_LONG, _SHEET_BOUNDS, _TOO_MANY_MERGES, _TIME_LIMIT) and
 * OGI_ERROR_MEMORY. */
ogi_error ogi_book_open(const ogi_context *ctx, const char *path, ogi_book **out);
/* Frees book and all it holds. NULL is allowed. */
void ogi_book_free(ogi_book *book);
/* The lowercase hex SHA-256 of the bytes read (64 characters), owned by
 * book and valid while it lives. */
const char *ogi_book_sha256(const ogi_book *book);

typedef enum ogi_severity {
    OGI_SEVERITY_ERROR = 0,
    OGI_SEVERITY_WARNING = 1,
    OGI_SEVERITY_INFO = 2
} ogi_severity;

typedef enum ogi_status {
    OGI_STATUS_PASS = 0,
    OGI_STATUS_FAIL,
    OGI_STATUS_NO_TABLES,
    OGI_STATUS_UNREADABLE
} ogi_status;

/* Where a value was read in the submitter's workbook (0-based). */
typedef struct ogi_source {
    int32_t sheet; /* -1: not read from any cell */
    uint32_t row;
    uint32_t col;
} ogi_source;

/* One cell of the statutory template, as found. */
typedef struct ogi_value {
    const char *id;  /* canonical name, "t3.new.person" */
    int found;       /* 0: its table, row or column was not found */
    int is_null;     /* empty cell: null in JSON, 0 in sums */
    double value;    /* the value used (money in 万元) */
    const char *raw; /* the text read, "" for empty */
    int is_formula;  /* the submitter's cell held a formula */
    ogi_source source;
} ogi_value;

/* One finding: rule, severity, and the one instance (key) checked. */
typedef struct ogi_finding {
    ogi_severity severity;
    const char *rule;   /* "t3.balance" */
    const char *key;    /* "t3.balance:person" */
    const char *table;  /* "t2", "t3", "t4" or "" */
    const char **cells; /* template cell ids, the checked total first */
    size_t ncells;
    int has_sides; /* expected/actual are meaningful */
    double expected;
    double actual;
    int has_suggested;
    const char *suggested_cell;
    double suggested_value;
    const char *message; /* in the report's language */
    ogi_source source;   /* where to mark it (first cell, or the label) */
} ogi_finding;

/* A statutory format (tables, rows, columns, rules), owned by the context
 * it was built or loaded in. Opaque. */
typedef struct ogi_template ogi_template;

/* The result of checking one workbook, made only by ogi_check or
 * ogi_report_unreadable (never declare one: the report's storage lives
 * behind it) and freed with ogi_report_free. The fields are read-only.
 * tmpl and template_id point into the context the report was checked
 * with, so the report must not outlive it; everything else it points to
 * is owned by the report and freed with it. */
typedef struct ogi_report {
    const char *file;   /* path as given */
    const char *sha256; /* of the input bytes, "" if unread */
    ogi_status status;
    ogi_error error;          /* why it is unreadable / no_tables */
    const ogi_template *tmpl; /* NULL when no table was found */
    const char *template_id;  /* "ogi-2019", or NULL */
    const char *agency;       /* NULL when the workbook does not say */
    int year;                 /* 0 when the workbook does not say */
    ogi_lang lang;
    size_t counts[3];  /* by ogi_severity */
    ogi_value *values; /* one per template cell, template order */
    size_t nvalues;
    ogi_finding *findings; /* sorted: table, then severity; else as found */
    size_t nfindings;
} ogi_report;

typedef struct ogi_check_options {
    ogi_lang lang;            /* of the findings' messages */
    const ogi_book *previous; /* last year's report, or NULL; only read */
    /* 1: the caller found previous as this agency's under another name
     * (the same roster row or submitter folder last year: a rename), so
     * a different agency name in it is not year.previous_mismatch */
    int previous_same_agency;
} ogi_check_options;

/* Maps book onto the best-fitting template of ctx and applies the rules
 * (spec). file is the name the report gives (copied); opts NULL: Chinese,
 * no previous year. book and ctx are only read, so checks may run in
 * parallel over one context. *out is the caller's (ogi_report_free) and
 * points into ctx (see ogi_report). A book with no statutory table gives
 * a report with status OGI_STATUS_NO_TABLES and OGI_OK: that is a
 * verdict, not a failure. ctx and book must not be NULL. Errors:
 * OGI_ERROR_TIME_LIMIT (the book's time is up), OGI_ERROR_MEMORY; *out is
 * then NULL. */
ogi_error ogi_check(const ogi_context *ctx, const ogi_book *book, const char *file,
                    const ogi_check_options *opts, ogi_report **out);

/* A report for a file that could not be read (file copied; why: the
 * reason ogi_book_open gave), status OGI_STATUS_UNREADABLE, so that every
 * file has a report to print. It points into no context. Errors:
 * OGI_ERROR_MEMORY. */
ogi_error ogi_report_unreadable(const char *file, ogi_error why, ogi_lang lang, ogi_report **out);
/* Frees report and everything it owns. NULL is allowed. */
void ogi_report_free(ogi_report *report);

/* The title of a table of tmpl (a report's tmpl) in lang: "表三"; table
 * is its id ("t3"). The string belongs to the template (lives as long as
 * the context); table itself for an unknown table or a NULL tmpl. */
const char *ogi_table_title(const ogi_template *tmpl, const char *table, ogi_lang lang);
/* The statutory position of a template cell in words: "表三 （七）总计
 * 自然人", written to buf of size bytes (always terminated when size > 0;
 * cut short when too small; the id itself for an unknown cell). */
void ogi_cell_position(const ogi_template *tmpl, const char *cell_id, ogi_lang lang, char *buf,
                       size_t size);

/* The A1 reference of src in book with the sheet name quoted:
 * "'年报统计表'!D7", written to buf of size bytes (always terminated when
 * size > 0); "" when src names no sheet of book. */
void ogi_source_ref(const ogi_book *book, ogi_source src, char *buf, size_t size);

/* The report as JSON (spec §7): *out is malloc'd, NUL-terminated, the
 * caller's to free(). book is the one the report was checked from, or
 * NULL (sources are then omitted). Errors: OGI_ERROR_MEMORY (*out NULL). */
ogi_error ogi_report_json(const ogi_report *report, const ogi_book *book, char **out);
/* n reports as one JSON array; books[i] goes with reports[i] (books or
 * any entry may be NULL). Same ownership and errors. */
ogi_error ogi_reports_json(const ogi_report *const *reports, const ogi_book *const *books, size_t n,
                           char **out);
/* The human-readable report in the report's language: *out is malloc'd,
 * the caller's to free(). book as for ogi_report_json. Errors:
 * OGI_ERROR_MEMORY (*out NULL). */
ogi_error ogi_report_text(const ogi_report *report, const ogi_book *book, char **out);

/* Outputs written under temporary names and made durable together: one
 * flush of the file system (syncfs) for many files instead of an fsync
 * per file, then each is renamed to its name. Until then none of them
 * exists under its own name, so a crash leaves no half file. */
typedef struct ogi_batch ogi_batch;

typedef struct ogi_write_options {
    ogi_lang lang;          /* of the sheets' texts */
    const char *check_time; /* shown as the time of the check; ISO 8601; NULL: now */
} ogi_write_options;

/* Writes the marked-up workbook (spec §9, docs/convert.md) of report and
 * the book it was checked from to path atomically: a temporary file in
 * the same folder, fsync, rename; path is replaced whole or not at all.
 * opts NULL: the report's language, now. Never writes over the report's
 * own file. Errors: OGI_ERROR_SAME_FILE, OGI_ERROR_WRITE (folder not
 * writable, disk full...), the report's own error or OGI_ERROR_NO_TABLES
 * for a report without tables (nothing to mark), OGI_ERROR_MEMORY. */
ogi_error ogi_write_xlsx(const ogi_report *report, const ogi_book *book, const char *path,
                         const ogi_write_options *opts);
/* The same, the renaming left to ogi_batch_commit (batch NULL: now). */
ogi_error ogi_write_xlsx_batch(const ogi_report *report, const ogi_book *book, const char *path,
                               const ogi_write_options *opts, ogi_batch *batch);

/* An empty batch, the caller's (ogi_batch_free); NULL when out of memory. */
ogi_batch *ogi_batch_new(void);
/* Outputs waiting in the batch. */
size_t ogi_batch_pending(const ogi_batch *batch);
/* Makes every waiting output durable, renames each to its name and syncs
 * each folder once; each[i] (may be NULL) gets the result of the i-th
 * output added since the last commit. Returns the first error. */
ogi_error ogi_batch_commit(ogi_batch *batch, ogi_error *each);
/* Removes the outputs added after the first keep ones (a file whose
 * outputs could not all be written). */
void ogi_batch_discard(ogi_batch *batch, size_t keep);
/* Removes the outputs not committed and frees the batch. */
void ogi_batch_free(ogi_batch *batch);

/* Writes len bytes of text to path atomically (temporary file, fsync,
 * rename). Errors: OGI_ERROR_WRITE, OGI_ERROR_MEMORY. */
ogi_error ogi_write_file_atomic(const char *path, const char *text, size_t len);
/* The same, the renaming left to ogi_batch_commit (batch NULL: now). */
ogi_error ogi_write_file_batch(const char *path, const char *text, size_t len, ogi_batch *batch);

#ifdef __cplusplus
}
#endif
#endif /* OGI_H */
