/*
 * serve.h - `ogi serve BOX` (issue 15), private to the front: an upload
 * page for submitters and the office's pages, over libmicrohttpd.
 *
 *   serve.c         options, the box, signals, start and stop
 *   serve_http.c    requests: routes, the upload (multipart), answers
 *   serve_worker.c  the processing process: every upload goes through the
 *                   procedure of `ogi watch` (watch_process.c) in a worker
 *   serve_page.c    the pages (HTML and CSS embedded), in Chinese or English
 *   serve_office.c  the office's overview: roster, register, submissions
 *   serve_auth.c    the office's token, sessions, CSRF, random ids
 *   serve_name.c    names: agency -> submitter folder, uploaded file names
 *   serve_buf.c     a growing text buffer with HTML escaping, and the
 *                   growth of the front's typed arrays
 *   serve_roster.c  the roster (BOX/roster.xlsx or .csv)
 *   serve_inbox.c   the names in process; files dropped into the inbox
 */
#ifndef OGI_SERVE_H
#define OGI_SERVE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "watch.h"

#define SERVE_ID_HEX 32 /* 128 random bits */
/* An upload's answer (BOX/.serve/results/<id>.json) is kept this many
 * days after it was last shown (serve_results.c, docs/serve.md). */
#define SERVE_RESULT_DAYS 30
#define SERVE_KEY_BYTES 32

/* ---- serve_buf.c ---- */

typedef struct serve_buf {
    char *data;
    size_t len, cap;
    int failed; /* out of memory: the text is incomplete */
} serve_buf;

void serve_buf_add(serve_buf *b, const char *text);
void serve_buf_addn(serve_buf *b, const char *text, size_t n);
void serve_buf_printf(serve_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* text with & < > " ' escaped */
void serve_buf_html(serve_buf *b, const char *text);
/* text %-encoded for a URL query value */
void serve_buf_url(serve_buf *b, const char *text);
void serve_buf_free(serve_buf *b);

/* Room for need elements of elem bytes each in items, of which *cap are
 * allocated: items itself when it has room, else items reallocated (the
 * capacity at least doubles), *cap updated; NULL when out of memory or
 * past what memory can address, items then unchanged and still the
 * caller's. The one grower of the serve front, which may not use the
 * library's private util/buf.h (docs/architecture.md). */
void *serve_array_reserve(void *items, size_t *cap, size_t need, size_t elem);
/* serve_array_reserve for a typed pointer: the element size is its own. */
#define SERVE_ARRAY_RESERVE(items, cap, need)                                                      \
    serve_array_reserve((items), (cap), (need), sizeof *(items))

/* ---- serve_name.c ---- */

/* The submitter folder for an agency as typed: one path component, valid
 * UTF-8, no control characters, slashes, leading dots or "~$", at most
 * 80 characters; NULL when nothing is left. malloc'd. */
char *serve_name_folder(const char *agency);
/* The file name to keep for an uploaded file name (a browser may send a
 * Windows path): its last component, cleaned as above, with one of the
 * extensions ogi reads (.xls .xlsx .ods .et, any case); NULL otherwise. */
char *serve_name_file(const char *uploaded);
/* 1 when s is valid UTF-8 without control characters. */
int serve_name_utf8_ok(const char *s, size_t n);

/* ---- serve_results.c ---- */

/* Removes the answers in dir not shown for SERVE_RESULT_DAYS days (only
 * files named <id>.json): how many, -1 when dir cannot be read. */
long serve_results_sweep(const char *dir, time_t now);
/* An answer shown now: its lifetime starts again. */
void serve_results_touch(const char *path);

/* ---- serve_roster.c ---- */

typedef struct serve_roster_entry {
    char *agency; /* 单位 */
    char *folder; /* 文件夹, or the folder made from the agency */
    char *group;  /* 分组, "" when none */
} serve_roster_entry;

typedef struct serve_roster {
    serve_roster_entry *entries;
    size_t n, cap;
} serve_roster;

/* Reads the box's roster as ogi status does (BOX/roster.xlsx, .xls,
 * .ods, .et or roster.csv; a header with 单位 and optionally 文件夹 and
 * 分组: ogi_overview_build). 0 with an empty roster when there is none;
 * -1 when it is unreadable or has no 单位 column. */
int serve_roster_load(const ogi_context *ctx, const char *box, serve_roster *out);
void serve_roster_free(serve_roster *r);
/* The entry whose agency is exactly name, or NULL. */
const serve_roster_entry *serve_roster_find(const serve_roster *r, const char *name);
/* Splits one CSV record starting at *p (quotes, doubled quotes, CRLF):
 * up to max fields, malloc'd, into fields; returns how many (-1 at the
 * end of text). *p moves past the record. */
int serve_csv_record(const char **p, const char *end, char **fields, int max);

/* ---- serve_auth.c ---- */

typedef struct serve_auth {
    unsigned char token[64]; /* the office's secret, as in the file */
    size_t token_len;
} serve_auth;

/* Reads the token file, or creates it (mode 0600, 32 random bytes in
 * hex) when absent; *created tells. 0 or -1 (errno). */
int serve_auth_load(serve_auth *a, const char *path, int *created);
/* 1 when typed is the token (constant time). */
int serve_auth_token_ok(const serve_auth *a, const char *typed);
/* A session cookie value valid until now + seconds, into buf (>= 96). */
void serve_auth_session(const serve_auth *a, int64_t now, int64_t seconds, char *buf, size_t size);
/* 1 when value is a session made by serve_auth_session and not expired. */
int serve_auth_session_ok(const serve_auth *a, const char *value, int64_t now);
/* The CSRF token of a session (hex, into buf >= 65). */
void serve_auth_csrf(const serve_auth *a, const char *session, char *buf, size_t size);
/* 1 when a and b are equal strings (constant time in their length). */
int serve_auth_equal(const char *a, const char *b);
/* n random bytes as 2n hex digits into buf (getrandom); 0 or -1. */
int serve_random_hex(char *buf, size_t nbytes);
/* 1 when id is SERVE_ID_HEX lowercase hex digits. */
int serve_id_ok(const char *id);

/* ---- serve_worker.c ---- */

/* What became of one upload, as the worker tells it. */
typedef struct serve_outcome {
    int ok;          /* processed: archived or refused, with a result */
    int busy;        /* a passing failure: nothing kept, try again */
    watch_slot slot; /* the name it was given */
} serve_outcome;

/* The processing process ("zygote"): forked before any thread exists, so
 * that the workers it forks for each upload start from a process with a
 * single thread. Returns its socket, or -1. */
int serve_worker_start(watch_ctx *w, const char *results_dir);
/* Has the file at inbox/rel processed (the procedure of `ogi watch`), its
 * result written to results_dir/<id>.json (id "" for none); blocks until
 * done. */
serve_outcome serve_worker_run(int zygote, const char *rel, const char *id);

/* ---- the server ---- */

typedef struct serve_ctx {
    watch_ctx w;
    char *state;   /* BOX/.serve: temporary uploads, results */
    char *tmp;     /* BOX/.serve/tmp */
    char *results; /* BOX/.serve/results */
    serve_auth auth;
    int zygote;
    uint64_t max_upload;      /* bytes of one request body */
    unsigned max_uploads;     /* at a time; the excess gets 503 */
    unsigned request_seconds; /* a whole request, against slow clients */
    atomic_uint uploads;      /* in flight */
    atomic_int stopping;      /* SIGTERM: new uploads get 503 */
    char csp[512];            /* serve_page_csp */
    int64_t poll_ns;          /* scan of the inbox for dropped files; 0: none */
    int64_t settle_ns;        /* a dropped file unchanged this long is taken */
    pthread_t scanner;
    int scanner_started;
    pthread_mutex_t names_lock; /* the inbox names being processed */
    pthread_cond_t names_free;
    char **names;
    size_t nnames, cap_names;
} serve_ctx;

/* ---- serve_inbox.c ---- */

/* Claims the clash key of an inbox name (watch_name_clash_key) for one
 * upload or dropped file: two files that would compete for the same
 * numbered names are never processed at once. Waits up to wait_s seconds
 * (0: only tries). 0, or -1 when still taken. */
int serve_inbox_claim(serve_ctx *s, const char *key, unsigned wait_s);
void serve_inbox_release(serve_ctx *s, const char *key);
/* Starts the thread that scans the inbox every poll_ns for files dropped
 * there (a share, a sync client) and processes each once it has settled,
 * deciding as `ogi watch --poll` does. 0 or -1. */
int serve_inbox_start(serve_ctx *s);
/* Stops it after the file in hand (s->stopping set first). */
void serve_inbox_stop(serve_ctx *s);

/* ---- serve_http.c ---- */

struct MHD_Daemon;
struct MHD_Daemon *serve_http_start(serve_ctx *s, const char *host, unsigned port);

/* ---- serve_page.c ---- */

/* The Content-Security-Policy of the pages (hashes of the embedded style
 * and script), into out; computed once at start. */
void serve_page_csp(char *out, size_t size);

typedef struct serve_upload_view {
    ogi_lang lang;
    const char *csrf;           /* the form's token */
    const serve_roster *roster; /* agencies to choose from (may be empty) */
    const char *agency;         /* as typed last time, or NULL */
    const char *error;          /* a message above the form, or NULL */
    const char *result_json;    /* the result to show below, or NULL */
    const char *result_id;
} serve_upload_view;

/* The upload page, with a result when there is one. */
void serve_page_upload(serve_buf *b, const serve_upload_view *v);
/* A short page with a title and a message (errors). */
void serve_page_message(serve_buf *b, ogi_lang lang, const char *title, const char *text);
/* The page frame: head with the style, header; ends with serve_page_end. */
void serve_page_begin(serve_buf *b, ogi_lang lang, const char *title);
void serve_page_end(serve_buf *b, ogi_lang lang, int with_script);

/* ---- serve_office.c ---- */

typedef struct serve_office_view {
    ogi_lang lang;
    const char *csrf; /* for the logout form */
    int year;         /* ?year=, 0: the latest the register knows */
} serve_office_view;

/* The office's overview page. */
void serve_office_overview(serve_buf *b, const serve_ctx *s, const serve_office_view *v);
/* One submission (row n of outbox/index.csv, 1 = first after the
 * header); 0 or -1 when there is no such row. */
int serve_office_submission(serve_buf *b, const serve_ctx *s, const serve_office_view *v,
                            unsigned row);
/* The path (under the box) of the marked-up workbook of row n, or of the
 * n-th roll-up workbook (outbox/汇总-*.xlsx); malloc'd, NULL when none. */
char *serve_office_row_xlsx(const serve_ctx *s, unsigned row);
/* The same by the register's submission id, when the box has a register
 * (BOX/ogi.sqlite, issue 14): the page (0, or -1 when there is no such
 * submission or no register), and its workbook's path under the box. */
int serve_office_registered(serve_buf *b, const serve_ctx *s, const serve_office_view *v,
                            int64_t id);
char *serve_office_registered_xlsx(const serve_ctx *s, int64_t id);
char *serve_office_rollup(const serve_ctx *s, unsigned n);
/* The login page. */
void serve_office_login(serve_buf *b, ogi_lang lang, const char *csrf, int wrong);

/* ---- serve.c ---- */

int ogi_cli_serve(int argc, char **argv);

#endif /* OGI_SERVE_H */
