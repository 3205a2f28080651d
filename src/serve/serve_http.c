/*
 * serve_http.c - the requests. libmicrohttpd runs one thread per
 * connection (a thread may wait for its upload's worker); the number of
 * connections, the memory of each, the idle time and the time of a whole
 * request are bounded, and so are the uploads at a time (the excess gets
 * 503 with Retry-After).
 *
 * An upload is written to .serve/tmp while it arrives and moved into the
 * inbox only when the whole body has arrived and every field checked: a
 * request refused, cut short or too slow leaves nothing behind. No part
 * of a request becomes a path: the agency and the file name are cleaned
 * into one folder and one file name (serve_name.c), results are found by
 * a random id checked to be hex, office rows by number.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "serve.h"
#include "serve_text.h"

#define POST_BUFFER 16384
#define FIELD_MAX 1024
#define FORM_MAX 8192 /* a login form */
#define MULTIPART_SLACK 65536
#define SESSION_SECONDS (8 * 3600)
#define NAME_WAIT_S 120

/* What one request carries between the calls of the handler. */
typedef struct request_state {
    serve_ctx *s;
    int kind; /* 1 upload, 2 login, 3 logout */
    struct MHD_PostProcessor *pp;
    int counted;     /* in s->uploads */
    unsigned status; /* a refusal decided while the body arrived */
    serve_text_id why;
    char csrf[128];
    char cookie_csrf[64]; /* the ogi_csrf cookie the request came with */
    char agency[FIELD_MAX];
    char token[256];
    size_t agency_len, csrf_len, token_len;
    char *file_name; /* cleaned */
    char *folder;    /* the submitter folder: the roster's, or the agency cleaned */
    char *tmp_path;
    int fd;
    int files;
    uint64_t file_bytes, body_bytes;
    int64_t started; /* monotonic ns */
    ogi_lang lang;
} request_state;

/* ---- answers ---- */

static void security_headers(const serve_ctx *s, struct MHD_Response *r)
{
    MHD_add_response_header(r, "Content-Security-Policy", s->csp);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
}

/* Sends b (consumed) as an HTML page with status. */
static enum MHD_Result send_page(const serve_ctx *s, struct MHD_Connection *c, unsigned status,
                                 serve_buf *b, const char *cookie)
{
    if (b->failed || !b->data) {
        serve_buf_free(b);
        static const char oom[] = "500";
        struct MHD_Response *r =
            MHD_create_response_from_buffer(sizeof oom - 1, (void *)oom, MHD_RESPMEM_PERSISTENT);
        enum MHD_Result ret = MHD_queue_response(c, 500, r);
        MHD_destroy_response(r);
        return ret;
    }
    struct MHD_Response *r =
        MHD_create_response_from_buffer(b->len, b->data, MHD_RESPMEM_MUST_FREE);
    *b = (serve_buf){0};
    MHD_add_response_header(r, "Content-Type", "text/html; charset=utf-8");
    security_headers(s, r);
    if (cookie)
        MHD_add_response_header(r, "Set-Cookie", cookie);
    if (status == 503)
        MHD_add_response_header(r, "Retry-After", "5");
    enum MHD_Result ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result send_message(const serve_ctx *s, struct MHD_Connection *c, unsigned status,
                                    ogi_lang lang, serve_text_id why)
{
    serve_buf b = {0};
    serve_page_message(&b, lang, serve_text(ST_BAD_REQUEST, lang), serve_text(why, lang));
    return send_page(s, c, status, &b, NULL);
}

static enum MHD_Result redirect(const serve_ctx *s, struct MHD_Connection *c, const char *to,
                                const char *cookie)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(r, "Location", to);
    security_headers(s, r);
    if (cookie)
        MHD_add_response_header(r, "Set-Cookie", cookie);
    enum MHD_Result ret = MHD_queue_response(c, 303, r);
    MHD_destroy_response(r);
    return ret;
}

/* A file of the box (a path made by ogi, never by the request). */
static enum MHD_Result send_file(const serve_ctx *s, struct MHD_Connection *c, const char *rel)
{
    char *path = watch_path(s->w.box, rel);
    int fd = path ? open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) : -1;
    free(path);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (fd >= 0)
            close(fd);
        return send_message(s, c, 404, OGI_LANG_ZH, ST_ERR_NOT_FOUND);
    }
    struct MHD_Response *r = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
    const char *base = strrchr(rel, '/');
    serve_buf disp = {0};
    serve_buf_add(&disp, "attachment; filename*=UTF-8''");
    serve_buf_url(&disp, base ? base + 1 : rel);
    MHD_add_response_header(r, "Content-Type",
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    if (disp.data)
        MHD_add_response_header(r, "Content-Disposition", disp.data);
    serve_buf_free(&disp);
    security_headers(s, r);
    enum MHD_Result ret = MHD_queue_response(c, 200, r);
    MHD_destroy_response(r);
    return ret;
}

/* ---- what a request says ---- */

static ogi_lang request_lang(struct MHD_Connection *c)
{
    const char *q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "lang");
    if (q)
        return strcmp(q, "en") == 0 ? OGI_LANG_EN : OGI_LANG_ZH;
    const char *al = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Language");
    if (!al)
        return OGI_LANG_ZH;
    /* the first of zh or en the browser names wins */
    const char *zh = strstr(al, "zh"), *en = strstr(al, "en");
    return en && (!zh || en < zh) ? OGI_LANG_EN : OGI_LANG_ZH;
}

static const char *cookie(struct MHD_Connection *c, const char *name)
{
    return MHD_lookup_connection_value(c, MHD_COOKIE_KIND, name);
}

/* The double-submit token of the forms: a random cookie the page repeats
 * in a hidden field. A forged cross-site form carries no cookie
 * (SameSite=Strict) and cannot read it. */
static const char *form_token(struct MHD_Connection *c, char *fresh, size_t size, char *set_cookie,
                              size_t cookie_size)
{
    const char *have = cookie(c, "ogi_csrf");
    if (have && strlen(have) == 32 && serve_id_ok(have))
        return have;
    if (size < 33 || serve_random_hex(fresh, 16) != 0)
        return NULL;
    snprintf(set_cookie, cookie_size, "ogi_csrf=%s; Path=/; HttpOnly; SameSite=Strict", fresh);
    return fresh;
}

static int office_session(const serve_ctx *s, struct MHD_Connection *c)
{
    const char *v = cookie(c, "ogi_office");
    return v && serve_auth_session_ok(&s->auth, v, (int64_t)time(NULL));
}

/* ---- pages ---- */

static enum MHD_Result upload_page(serve_ctx *s, struct MHD_Connection *c, ogi_lang lang,
                                   unsigned status, const char *error, const char *agency,
                                   const char *result_json, const char *id)
{
    char fresh[40], set_cookie[128] = "";
    const char *csrf = form_token(c, fresh, sizeof fresh, set_cookie, sizeof set_cookie);
    if (!csrf)
        return send_message(s, c, 500, lang, ST_ERR_INTERNAL);
    serve_roster roster;
    if (serve_roster_load(s->w.ctx, s->w.box, &roster) != 0)
        roster = (serve_roster){0};
    serve_upload_view v = {lang, csrf, &roster, agency, error, result_json, id};
    serve_buf b = {0};
    serve_page_upload(&b, &v);
    serve_roster_free(&roster);
    return send_page(s, c, status, &b, set_cookie[0] ? set_cookie : NULL);
}

static char *read_result(const serve_ctx *s, const char *id)
{
    serve_buf path = {0};
    serve_buf_printf(&path, "%s/%s.json", s->results, id);
    FILE *f = path.data ? fopen(path.data, "rb") : NULL;
    if (f) /* shown again: kept SERVE_RESULT_DAYS from now */
        serve_results_touch(path.data);
    serve_buf_free(&path);
    if (!f)
        return NULL;
    serve_buf text = {0};
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        serve_buf_addn(&text, chunk, n);
    fclose(f);
    if (text.failed) {
        serve_buf_free(&text);
        return NULL;
    }
    return text.data;
}

/* GET /r/<id> and /r/<id>/checked.xlsx */
static enum MHD_Result result_route(serve_ctx *s, struct MHD_Connection *c, const char *rest,
                                    ogi_lang lang)
{
    char id[SERVE_ID_HEX + 1];
    size_t n = strcspn(rest, "/");
    if (n != SERVE_ID_HEX)
        return send_message(s, c, 404, lang, ST_ERR_NOT_FOUND);
    memcpy(id, rest, n);
    id[n] = '\0';
    char *json = serve_id_ok(id) ? read_result(s, id) : NULL;
    if (!json)
        return send_message(s, c, 404, lang, ST_ERR_NOT_FOUND);
    enum MHD_Result ret;
    if (rest[n] == '\0') {
        ret = upload_page(s, c, lang, 200, NULL, NULL, json, id);
    } else if (strcmp(rest + n, "/checked.xlsx") == 0) {
        json_error_t jerr;
        json_t *doc = json_loads(json, 0, &jerr);
        const char *xlsx = doc ? json_string_value(json_object_get(doc, "xlsx")) : NULL;
        serve_buf rel = {0};
        if (xlsx)
            serve_buf_printf(&rel, "outbox/%s", xlsx);
        ret =
            rel.data ? send_file(s, c, rel.data) : send_message(s, c, 404, lang, ST_ERR_NOT_FOUND);
        serve_buf_free(&rel);
        json_decref(doc);
    } else {
        ret = send_message(s, c, 404, lang, ST_ERR_NOT_FOUND);
    }
    free(json);
    return ret;
}

/* ---- the office ---- */

static enum MHD_Result office_route(serve_ctx *s, struct MHD_Connection *c, const char *rest,
                                    ogi_lang lang)
{
    if (!office_session(s, c)) {
        char fresh[40], set_cookie[128] = "";
        const char *csrf = form_token(c, fresh, sizeof fresh, set_cookie, sizeof set_cookie);
        serve_buf b = {0};
        serve_office_login(&b, lang, csrf ? csrf : "", 0);
        return send_page(s, c, 401, &b, set_cookie[0] ? set_cookie : NULL);
    }
    char csrf[80];
    serve_auth_csrf(&s->auth, cookie(c, "ogi_office"), csrf, sizeof csrf);
    const char *y = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "year");
    long year = y ? strtol(y, NULL, 10) : 0;
    serve_office_view v = {lang, csrf, year >= 1990 && year <= 2200 ? (int)year : 0};
    serve_buf b = {0};
    char *end;
    if (rest[0] == '\0') {
        serve_office_overview(&b, s, &v);
        return send_page(s, c, 200, &b, NULL);
    }
    if (strncmp(rest, "/s/", 3) == 0 && rest[3] >= '1' && rest[3] <= '9') {
        unsigned long row = strtoul(rest + 3, &end, 10);
        if (row < 1000000000UL && *end == '\0') {
            if (serve_office_submission(&b, s, &v, (unsigned)row) == 0)
                return send_page(s, c, 200, &b, NULL);
        } else if (row < 1000000000UL && strcmp(end, "/checked.xlsx") == 0) {
            char *rel = serve_office_row_xlsx(s, (unsigned)row);
            enum MHD_Result ret =
                rel ? send_file(s, c, rel) : send_message(s, c, 404, lang, ST_ERR_NOT_FOUND);
            free(rel);
            return ret;
        }
    } else if (strncmp(rest, "/sub/", 5) == 0 && rest[5] >= '1' && rest[5] <= '9') {
        long long id = strtoll(rest + 5, &end, 10);
        if (id > 0 && *end == '\0') {
            if (serve_office_registered(&b, s, &v, id) == 0)
                return send_page(s, c, 200, &b, NULL);
        } else if (id > 0 && strcmp(end, "/checked.xlsx") == 0) {
            char *rel = serve_office_registered_xlsx(s, id);
            enum MHD_Result ret =
                rel ? send_file(s, c, rel) : send_message(s, c, 404, lang, ST_ERR_NOT_FOUND);
            free(rel);
            return ret;
        }
    } else if (strncmp(rest, "/rollup/", 8) == 0 && rest[8] >= '1' && rest[8] <= '9') {
        unsigned long n = strtoul(rest + 8, &end, 10);
        char *rel = *end == '\0' && n < 100000 ? serve_office_rollup(s, (unsigned)n) : NULL;
        enum MHD_Result ret =
            rel ? send_file(s, c, rel) : send_message(s, c, 404, lang, ST_ERR_NOT_FOUND);
        free(rel);
        return ret;
    }
    serve_buf_free(&b);
    return send_message(s, c, 404, lang, ST_ERR_NOT_FOUND);
}

/* ---- POST bodies ---- */

static void refuse(request_state *rs, unsigned status, serve_text_id why)
{
    if (rs->status == 0) {
        rs->status = status;
        rs->why = why;
    }
    if (rs->fd >= 0) {
        close(rs->fd);
        rs->fd = -1;
    }
    if (rs->tmp_path) {
        unlink(rs->tmp_path);
        free(rs->tmp_path);
        rs->tmp_path = NULL;
    }
}

static void append_field(char *buf, size_t size, size_t *len, const char *data, size_t n,
                         request_state *rs)
{
    if (*len + n >= size) {
        refuse(rs, 400, ST_ERR_FORM);
        return;
    }
    memcpy(buf + *len, data, n);
    *len += n;
    buf[*len] = '\0';
}

/* The file part begins: everything it needs must be known by now (the
 * form puts the token and the agency before the file). */
static void begin_file(request_state *rs, const char *filename)
{
    if (++rs->files > 1) {
        refuse(rs, 400, ST_ERR_FORM);
        return;
    }
    if (!rs->cookie_csrf[0] || !serve_auth_equal(rs->cookie_csrf, rs->csrf)) {
        refuse(rs, 403, ST_ERR_CSRF);
        return;
    }
    if (!filename || !filename[0]) {
        refuse(rs, 400, ST_ERR_NO_FILE);
        return;
    }
    const char *typed = rs->agency;
    while (*typed == ' ')
        typed++;
    while (rs->agency_len > 0 && rs->agency[rs->agency_len - 1] == ' ')
        rs->agency[--rs->agency_len] = '\0'; /* as the roster's names are compared */
    if (!*typed || !serve_name_utf8_ok(rs->agency, rs->agency_len)) {
        refuse(rs, 400, ST_ERR_NO_AGENCY);
        return;
    }
    serve_roster roster;
    if (serve_roster_load(rs->s->w.ctx, rs->s->w.box, &roster) != 0)
        roster = (serve_roster){0};
    const serve_roster_entry *listed = serve_roster_find(&roster, typed);
    rs->folder = listed ? strdup(listed->folder) : serve_name_folder(typed);
    serve_roster_free(&roster);
    if (!rs->folder) {
        refuse(rs, 400, ST_ERR_BAD_AGENCY);
        return;
    }
    rs->file_name = serve_name_file(filename);
    if (!rs->file_name) {
        refuse(rs, 400, ST_ERR_BAD_NAME);
        return;
    }
    serve_buf tmpl = {0};
    serve_buf_printf(&tmpl, "%s/upload-XXXXXX", rs->s->tmp);
    if (tmpl.data && !tmpl.failed)
        rs->fd = mkostemp(tmpl.data, O_CLOEXEC);
    if (rs->fd < 0) {
        serve_buf_free(&tmpl);
        refuse(rs, 503, ST_ERR_INTERNAL);
        return;
    }
    rs->tmp_path = tmpl.data;
}

static void file_data(request_state *rs, const char *data, size_t size)
{
    rs->file_bytes += size;
    if (rs->file_bytes > rs->s->max_upload) {
        refuse(rs, 413, ST_ERR_TOO_LARGE);
        return;
    }
    while (size > 0) {
        ssize_t n = write(rs->fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            refuse(rs, 503, ST_ERR_INTERNAL); /* a full disk: nothing kept */
            return;
        }
        data += n;
        size -= (size_t)n;
    }
}

static enum MHD_Result post_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *filename, const char *content_type,
                                  const char *transfer_encoding, const char *data, uint64_t off,
                                  size_t size)
{
    (void)kind;
    (void)content_type;
    (void)transfer_encoding;
    request_state *rs = cls;
    if (rs->status)
        return MHD_YES; /* refused: the rest is read and dropped */
    if (strcmp(key, "csrf") == 0) {
        append_field(rs->csrf, sizeof rs->csrf, &rs->csrf_len, data, size, rs);
    } else if (strcmp(key, "agency") == 0 && rs->kind == 1) {
        append_field(rs->agency, sizeof rs->agency, &rs->agency_len, data, size, rs);
    } else if (strcmp(key, "token") == 0 && rs->kind == 2) {
        append_field(rs->token, sizeof rs->token, &rs->token_len, data, size, rs);
    } else if (strcmp(key, "file") == 0 && rs->kind == 1) {
        if (off == 0 && rs->files == 0)
            begin_file(rs, filename);
        if (!rs->status && rs->fd >= 0 && size > 0)
            file_data(rs, data, size);
    }
    return MHD_YES;
}

/* ---- the upload, once all of it has arrived ---- */

/* The upload into inbox/rel: durable, never over another file. */
static int into_inbox(request_state *rs, const char *folder, const char *rel)
{
    serve_ctx *s = rs->s;
    char *dir = watch_path(s->w.inbox, folder);
    char *dest = watch_path(s->w.inbox, rel);
    int rc = -1;
    /* the bytes are made durable here, once; the inbox name is not (the
     * procedure moves the file on and makes archive/ durable, and an upload
     * a crash loses before that was never answered) */
    if (dir && dest && fsync(rs->fd) == 0 && (mkdir(dir, 0755) == 0 || errno == EEXIST)) {
        if (renameat2(AT_FDCWD, rs->tmp_path, AT_FDCWD, dest, RENAME_NOREPLACE) == 0) {
            free(rs->tmp_path);
            rs->tmp_path = NULL;
            rc = 0;
        }
    }
    free(dir);
    free(dest);
    return rc;
}

static enum MHD_Result finish_upload(request_state *rs, struct MHD_Connection *c)
{
    serve_ctx *s = rs->s;
    ogi_lang lang = rs->lang;
    if (rs->fd < 0 || !rs->file_name || !rs->folder)
        return upload_page(s, c, lang, 400, serve_text(ST_ERR_NO_FILE, lang), rs->agency, NULL,
                           NULL);
    const char *folder = rs->folder;
    char *rel = watch_path(folder, rs->file_name);
    char *key = rel ? watch_name_clash_key(rel) : NULL;
    char id[SERVE_ID_HEX + 1];
    enum MHD_Result ret;
    if (!key || serve_random_hex(id, SERVE_ID_HEX / 2) != 0 ||
        serve_inbox_claim(s, key, NAME_WAIT_S) != 0) {
        ret = send_message(s, c, 503, lang, ST_ERR_BUSY);
    } else {
        serve_outcome out = {0, 1, {0, 0}};
        if (into_inbox(rs, folder, rel) == 0)
            out = serve_worker_run(s->zygote, rel, id);
        serve_inbox_release(s, key);
        if (out.ok) {
            char to[128];
            snprintf(to, sizeof to, "/r/%s?lang=%s", id, lang == OGI_LANG_EN ? "en" : "zh");
            ret = redirect(s, c, to, NULL);
        } else {
            ret = send_message(s, c, 503, lang, ST_ERR_INTERNAL);
        }
    }
    free(key);
    free(rel);
    return ret;
}

static enum MHD_Result finish_login(request_state *rs, struct MHD_Connection *c)
{
    serve_ctx *s = rs->s;
    if (!rs->cookie_csrf[0] || !serve_auth_equal(rs->cookie_csrf, rs->csrf))
        return send_message(s, c, 403, rs->lang, ST_ERR_CSRF);
    if (!serve_auth_token_ok(&s->auth, rs->token)) {
        serve_buf b = {0};
        serve_office_login(&b, rs->lang, rs->cookie_csrf, 1);
        return send_page(s, c, 403, &b, NULL);
    }
    char session[160], set_cookie[256];
    serve_auth_session(&s->auth, (int64_t)time(NULL), SESSION_SECONDS, session, sizeof session);
    snprintf(set_cookie, sizeof set_cookie,
             "ogi_office=%s; Path=/office; Max-Age=%d; HttpOnly; SameSite=Strict", session,
             SESSION_SECONDS);
    return redirect(s, c, rs->lang == OGI_LANG_EN ? "/office?lang=en" : "/office?lang=zh",
                    set_cookie);
}

static enum MHD_Result finish_logout(request_state *rs, struct MHD_Connection *c)
{
    serve_ctx *s = rs->s;
    const char *session = cookie(c, "ogi_office");
    char want[80];
    if (!session || !serve_auth_session_ok(&s->auth, session, (int64_t)time(NULL)))
        return send_message(s, c, 403, rs->lang, ST_ERR_CSRF);
    serve_auth_csrf(&s->auth, session, want, sizeof want);
    if (!serve_auth_equal(want, rs->csrf))
        return send_message(s, c, 403, rs->lang, ST_ERR_CSRF);
    return redirect(s, c, "/office",
                    "ogi_office=; Path=/office; Max-Age=0; HttpOnly; SameSite=Strict");
}

/* ---- the handler ---- */

static int64_t now_ns(void)
{
    return watch_now_ns();
}

/* The first call of a POST: decide at once what can be decided from the
 * headers, before a byte of the body is read. */
static enum MHD_Result begin_post(serve_ctx *s, struct MHD_Connection *c, const char *url,
                                  ogi_lang lang, void **con_cls)
{
    int kind = strcmp(url, "/upload") == 0          ? 1
               : strcmp(url, "/office/login") == 0  ? 2
               : strcmp(url, "/office/logout") == 0 ? 3
                                                    : 0;
    if (kind == 0)
        return send_message(s, c, 404, lang, ST_ERR_NOT_FOUND);
    const char *length = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    uint64_t limit = kind == 1 ? s->max_upload + MULTIPART_SLACK : FORM_MAX;
    if (length && strtoull(length, NULL, 10) > limit)
        return send_message(s, c, 413, lang, ST_ERR_TOO_LARGE);
    request_state *rs = calloc(1, sizeof *rs);
    if (!rs)
        return MHD_NO;
    rs->s = s;
    rs->kind = kind;
    rs->fd = -1;
    rs->lang = lang;
    rs->started = now_ns();
    const char *have = cookie(c, "ogi_csrf");
    if (have && strlen(have) < sizeof rs->cookie_csrf)
        strcpy(rs->cookie_csrf, have);
    *con_cls = rs;
    if (kind == 1) {
        if (atomic_load(&s->stopping))
            return send_message(s, c, 503, lang, ST_ERR_STOPPING);
        if (atomic_fetch_add(&s->uploads, 1) >= s->max_uploads) {
            atomic_fetch_sub(&s->uploads, 1);
            return send_message(s, c, 503, lang, ST_ERR_BUSY);
        }
        rs->counted = 1;
    }
    rs->pp = MHD_create_post_processor(c, POST_BUFFER, post_field, rs);
    if (!rs->pp)
        return send_message(s, c, 400, lang, ST_ERR_FORM);
    return MHD_YES;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls)
{
    (void)version;
    serve_ctx *s = cls;
    ogi_lang lang = request_lang(c);
    int is_post = strcmp(method, "POST") == 0;
    if (is_post && !*con_cls)
        return begin_post(s, c, url, lang, con_cls);
    if (is_post) {
        request_state *rs = *con_cls;
        if (!rs->pp) {
            *upload_data_size = 0; /* answered already; the body is dropped */
            return MHD_YES;
        }
        if (*upload_data_size > 0) {
            uint64_t limit = rs->kind == 1 ? s->max_upload + MULTIPART_SLACK : FORM_MAX;
            rs->body_bytes += *upload_data_size;
            /* a body too large or too slow: the connection is closed */
            if (rs->body_bytes > limit ||
                now_ns() - rs->started > (int64_t)s->request_seconds * 1000000000LL) {
                refuse(rs, 413, ST_ERR_TOO_LARGE);
                return MHD_NO;
            }
            if (MHD_post_process(rs->pp, upload_data, *upload_data_size) != MHD_YES)
                refuse(rs, 400, ST_ERR_FORM);
            *upload_data_size = 0;
            return MHD_YES;
        }
        /* the whole body is here */
        enum MHD_Result complete = MHD_destroy_post_processor(rs->pp);
        rs->pp = NULL;
        if (complete != MHD_YES)
            refuse(rs, 400, ST_ERR_FORM);
        if (rs->status)
            return rs->kind == 1 ? upload_page(s, c, lang, rs->status, serve_text(rs->why, lang),
                                               rs->agency, NULL, NULL)
                                 : send_message(s, c, rs->status, lang, rs->why);
        if (rs->kind == 1)
            return finish_upload(rs, c);
        return rs->kind == 2 ? finish_login(rs, c) : finish_logout(rs, c);
    }
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
        return send_message(s, c, 405, lang, ST_ERR_METHOD);
    if (strcmp(url, "/") == 0)
        return upload_page(s, c, lang, 200, NULL, NULL, NULL, NULL);
    if (strncmp(url, "/r/", 3) == 0)
        return result_route(s, c, url + 3, lang);
    if (strcmp(url, "/office") == 0 || strncmp(url, "/office/", 8) == 0)
        return office_route(s, c, url + 7, lang);
    return send_message(s, c, 404, lang, ST_ERR_NOT_FOUND);
}

/* Whatever became of a request, its state and temporary file go. */
static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
    (void)c;
    (void)toe;
    serve_ctx *s = cls;
    request_state *rs = *con_cls;
    if (!rs)
        return;
    if (rs->pp)
        MHD_destroy_post_processor(rs->pp);
    if (rs->fd >= 0)
        close(rs->fd);
    if (rs->tmp_path)
        unlink(rs->tmp_path);
    if (rs->counted)
        atomic_fetch_sub(&s->uploads, 1);
    free(rs->tmp_path);
    free(rs->file_name);
    free(rs->folder);
    free(rs);
    *con_cls = NULL;
}

struct MHD_Daemon *serve_http_start(serve_ctx *s, const char *host, unsigned port)
{
    /* an address, never a name: which interface is served is the office's
     * decision, not a resolver's */
    struct sockaddr_in v4 = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    struct sockaddr_in6 v6 = {.sin6_family = AF_INET6, .sin6_port = htons((uint16_t)port)};
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
                     MHD_USE_POLL | MHD_USE_ITC;
    const struct sockaddr *addr = (const struct sockaddr *)&v4;
    if (inet_pton(AF_INET6, host, &v6.sin6_addr) == 1) {
        flags |= MHD_USE_IPv6;
        addr = (const struct sockaddr *)&v6;
    } else if (inet_pton(AF_INET, host, &v4.sin_addr) != 1) {
        return NULL;
    }
    return MHD_start_daemon(flags, (uint16_t)port, NULL, NULL, handle, s, MHD_OPTION_SOCK_ADDR,
                            addr, MHD_OPTION_CONNECTION_LIMIT, (unsigned)(s->max_uploads * 4 + 16),
                            MHD_OPTION_CONNECTION_TIMEOUT, s->request_seconds,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
                            MHD_OPTION_THREAD_STACK_SIZE, (size_t)(512 * 1024),
                            MHD_OPTION_NOTIFY_COMPLETED, completed, s, MHD_OPTION_END);
}
