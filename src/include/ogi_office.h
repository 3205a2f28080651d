/*
 * ogi_office.h - the office's side of a campaign (issue 14): the register
 * of every submission in the box (BOX/ogi.sqlite), the roster of the
 * agencies expected (BOX/roster.csv or BOX/roster.xlsx) and the status of
 * each agency for a report year.
 *
 *     ogi_register_open()      once per process (or per worker process)
 *     ogi_register_add()       one submission, its findings, in one transaction
 *     ogi_register_each()      the submissions of a year, oldest first
 *     ogi_overview_build()     roster + register -> each agency's status
 *
 * The register is SQLite in WAL mode: readers (ogi status, a web page)
 * never block the service, and a submission is written in one
 * transaction, so a kill -9 leaves it registered once or not at all.
 * Adding the same submission again (same archived name and SHA-256, a
 * file done again after a crash) is a no-op that returns the first id.
 *
 * Like the rest of the library: never prints, returns ogi_error.
 */
#ifndef OGI_OFFICE_H
#define OGI_OFFICE_H

#include <stddef.h>
#include <stdint.h>

#include "ogi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The database file inside a box. */
#define OGI_REGISTER_FILE "ogi.sqlite"
/* Last year's reports given once as a folder, BOX/previous/, are filed
 * in the register under this prefix, without a submitter folder. */
#define OGI_PREVIOUS_PREFIX "previous"

typedef struct ogi_register ogi_register;

enum {
    OGI_REGISTER_READONLY = 1 /* never creates nor migrates; for readers */
};

/* Opens BOX/ogi.sqlite (creating it and its schema unless READONLY).
 * ctx (may be NULL) gives the traditional -> simplified table used to
 * match agency names. Errors: OGI_ERROR_REGISTER (cannot open or create),
 * OGI_ERROR_REGISTER_BUSY (locked longer than the busy timeout),
 * OGI_ERROR_REGISTER_DAMAGED (not a database, or a newer schema). */
ogi_error ogi_register_open(const ogi_context *ctx, const char *box, unsigned flags,
                            ogi_register **out);
/* Closes the database and frees reg. NULL is allowed. One register per
 * process or thread: it is not shared between threads, and a child
 * process opens its own. */
void ogi_register_close(ogi_register *reg);

typedef enum ogi_verdict {
    OGI_VERDICT_PASS = 0, /* checked, no error */
    OGI_VERDICT_FAIL,     /* checked, errors */
    OGI_VERDICT_REFUSED   /* could not be checked (failed/) */
} ogi_verdict;

/* One row of the register. Strings are "" when unknown, never NULL. */
typedef struct ogi_submission {
    int64_t id;             /* set by the register */
    int64_t time;           /* Unix seconds */
    const char *submitter;  /* first folder under inbox/, "" */
    const char *name;       /* the original name, under inbox/ */
    const char *archived;   /* "archive/…", "failed/…", or a path */
    const char *sha256;     /* of the original's bytes */
    const char *format;     /* "xls", "xlsx", "ods", "et"… (by extension) */
    const char *agency;     /* as the workbook names it */
    const char *agency_key; /* set by the register: the name as matched */
    int year;               /* report year, 0 when unknown */
    const char *template_id;
    ogi_verdict verdict;
    size_t counts[3];    /* by ogi_severity */
    const char *outputs; /* the marked-up workbook, "outbox/…" */
    const char *json;    /* the findings, "outbox/…json" */
    const char *reason;  /* why refused */
    int64_t replaces_id; /* set by the register: the previous submission of
                            the same agency and year, 0 when none */
    int imported;        /* set by the register: one of last year's reports
                            imported from BOX/previous/, not submitted */
} ogi_submission;

/* Whether a row filed at archived from submitter is an import of
 * BOX/previous/ (OGI_PREVIOUS_PREFIX "/…", no submitter folder). */
int ogi_register_is_import(const char *submitter, const char *archived);

/* Registers sub (report, may be NULL, gives its findings) in one
 * transaction; *id (may be NULL) gets its id, or the id it already had. */
ogi_error ogi_register_add(ogi_register *reg, const ogi_submission *sub, const ogi_report *report,
                           int64_t *id);

/* Calls fn for each submission of year (0: every year), oldest first;
 * the strings live until fn returns. fn returning non-zero stops. */
ogi_error ogi_register_each(ogi_register *reg, int year,
                            int (*fn)(void *data, const ogi_submission *sub), void *data);

/* The figures of a submission (cell id, value; is_null for a blank or
 * missing cell), in no particular order. */
ogi_error ogi_register_values(ogi_register *reg, int64_t submission,
                              int (*fn)(void *data, const char *cell, int is_null, double value),
                              void *data);

/* The findings of a submission in the order they were reported: key,
 * rule, severity, table ("" for none); the strings live until fn returns,
 * fn returning non-zero stops. */
ogi_error ogi_register_findings(ogi_register *reg, int64_t submission,
                                int (*fn)(void *data, const char *key, const char *rule,
                                          ogi_severity severity, const char *table),
                                void *data);

/* Each report year of the register with the time of its newest
 * submission (imports of BOX/previous/ left out), oldest year first;
 * fn returning non-zero stops. */
ogi_error ogi_register_years(ogi_register *reg, int (*fn)(void *data, int year, int64_t newest),
                             void *data);

/* The latest report year registered (0 when none). */
ogi_error ogi_register_latest_year(ogi_register *reg, int *year);

/* How many submissions are registered under (archived, sha256): 0 or 1
 * (sha256 NULL: under archived, whatever its bytes). */
ogi_error ogi_register_count(ogi_register *reg, const char *archived, const char *sha256,
                             int64_t *n);

/* The latest checked submission of agency (matched as the roster is) for
 * year: its archived path in buf ("" when none). For last year's figures. */
ogi_error ogi_register_find_report(ogi_register *reg, const char *agency, int year, char *buf,
                                   size_t size);

/* Findings of the year's latest submissions per agency, counted by rule
 * and by table: fn(data, rule_or_table, is_table, count), most frequent
 * first. */
ogi_error ogi_register_finding_counts(ogi_register *reg, int year,
                                      int (*fn)(void *data, const char *what, int is_table,
                                                int64_t count),
                                      void *data);

/* The name of an agency as a clerk compares it: full width folded,
 * traditional -> simplified, spaces, quotes and seal notes (盖章, 公章…)
 * removed. Writes at most size-1 bytes to out; returns the length. */
size_t ogi_agency_key(const ogi_context *ctx, const char *name, char *out, size_t size);

/* ---- last year's report, without asking ---- */

/* A folder of last year's reports, each read and checked once. */
typedef struct ogi_previous ogi_previous;

/* Reads every workbook under dir (sub-folders too) for its agency and
 * year; files ogi cannot read are skipped. OGI_ERROR_NOT_FOUND when dir
 * cannot be listed. ctx must outlive *out. */
ogi_error ogi_previous_scan(const ogi_context *ctx, const char *dir, ogi_previous **out);
/* How many of last year's reports p holds (0 for NULL). */
size_t ogi_previous_count(const ogi_previous *p);
/* Frees p and what it holds. NULL is allowed. */
void ogi_previous_free(ogi_previous *p);
/* Registers p's reports not yet in reg as submissions filed at
 * "prefix/REL" (ogi watch: BOX/previous/ at start, prefix
 * OGI_PREVIOUS_PREFIX) with no submitter folder, which marks them as
 * imports (ogi_register_is_import), and with what a submission has: their
 * figures, verdict and findings, so that last year's roll-up and the
 * year.* rules use them fully. *added: how many. */
ogi_error ogi_previous_register(const ogi_previous *p, ogi_register *reg, const char *prefix,
                                size_t *added);

/* Where last year's report may be found: the register of box first,
 * then the folder dir; any may be NULL. */
typedef struct ogi_auto_previous {
    ogi_register *reg;
    const char *box; /* the register's archived paths are under it */
    const ogi_previous *dir;
    const char *submitter; /* the file's folder under inbox/, or NULL */
} ogi_auto_previous;

/* ogi_check, with last year's report of the same agency (matched as the
 * roster is) when from finds one: the year.* rules run, and each of their
 * findings names that file. Without one, exactly ogi_check. An agency
 * renamed since last year is bridged in the register as a clerk would:
 * last year's reports of the same roster row (by name or by folder), or
 * without a roster row, from the same submitter folder, are its own. */
ogi_error ogi_check_auto_previous(const ogi_context *ctx, const ogi_book *book, const char *file,
                                  const ogi_auto_previous *from, ogi_lang lang, ogi_report **out);

/* ---- the roster and each agency's status ---- */

typedef enum ogi_agency_status {
    OGI_AGENCY_MISSING = 0,   /* 未报送 */
    OGI_AGENCY_FAIL,          /* 未通过 (also: only refused files) */
    OGI_AGENCY_PASS_WARNINGS, /* 通过（有警告） */
    OGI_AGENCY_PASS           /* 通过 */
} ogi_agency_status;

typedef struct ogi_agency {
    const char *name;   /* roster's name, or the workbook's when unlisted */
    const char *folder; /* roster's 文件夹, "" */
    const char *group;  /* roster's 分组, "" */
    ogi_agency_status status;
    unsigned submissions;         /* tries this year */
    int64_t last;                 /* time of the last, 0 when none */
    int64_t latest_id;            /* the submission that decides the status */
    int64_t passing_id;           /* the latest passing one (the roll-up's), 0 */
    const char *passing_template; /* its template, "" */
    size_t counts[3];             /* of that submission */
    const char *outputs;          /* its marked-up workbook, "" */
    const char *json;             /* its findings, "" */
    const char *template_id;
} ogi_agency;

typedef struct ogi_overview {
    int year;
    int has_roster;
    ogi_agency *agencies; /* the roster's, in its order */
    size_t nagencies;
    ogi_agency *unlisted; /* submitters not on the roster */
    size_t nunlisted;
    size_t by_status[4]; /* the roster's agencies by ogi_agency_status (no
                            roster: the unlisted ones) */
    struct ogi_arena *arena;
} ogi_overview;

/* The roster of box (roster.xlsx, else roster.csv; none: every submitter
 * is "unlisted") and the register's submissions of year (0: the latest)
 * -> each agency's status. OGI_ERROR_ROSTER when a roster is there but
 * has no 单位 column. */
ogi_error ogi_overview_build(const ogi_context *ctx, ogi_register *reg, const char *box, int year,
                             ogi_overview **out);
/* Frees ov and every string it points to. NULL is allowed. */
void ogi_overview_free(ogi_overview *ov);
/* "missing", "fail", "pass_warnings", "pass". */
const char *ogi_agency_status_name(ogi_agency_status s);
/* 未报送… or "not submitted"… */
const char *ogi_agency_status_text(ogi_agency_status s, ogi_lang lang);

/* ---- the roll-up workbook ---- */

/* Writes the roll-up of year (0: the latest) to path (NULL: BOX/outbox/
 * 汇总-YEAR.xlsx, summary-YEAR.xlsx in English) atomically: 报送情况, per
 * template a 明细 sheet and the statutory tables summed over it by live
 * formulas and checked by the template's rules, 问题统计, charts
 * (docs/campaign.md). *written (may be NULL) gets the path, malloc'd. */
ogi_error ogi_summary_write(const ogi_context *ctx, ogi_register *reg, const char *box, int year,
                            ogi_lang lang, const char *path, char **written);

/* What the service keeps current (ogi watch, after files are done): the
 * roll-up of the latest year submitted to (imports of BOX/previous/ alone
 * make none), and that of every other year whose roll-up
 * in BOX/outbox/ is missing or older than its newest submission (a late
 * report of last year refreshes last year's). A roll-up's modification
 * time is when its figures were read from the register, so a submission
 * registered while it was being written makes it stale. *written (may be
 * NULL) gets how many roll-ups were written; the first error stops. */
ogi_error ogi_summary_refresh(const ogi_context *ctx, ogi_register *reg, const char *box,
                              ogi_lang lang, size_t *written);

/* 1 when name (a file name without folder) is that of a roll-up workbook
 * as ogi names them in outbox/ in either language (汇总….xlsx,
 * summary….xlsx), else 0: how a page lists the roll-ups of a box whose
 * service may have run in the other language. */
int ogi_summary_file_name(const char *name);

#ifdef __cplusplus
}
#endif
#endif /* OGI_OFFICE_H */
