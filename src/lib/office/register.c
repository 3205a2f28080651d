/*
 * register.c - the register of every submission of a box, BOX/ogi.sqlite.
 *
 * Why SQLite in WAL mode: the service writes while the office reads
 * (ogi status, a web page) and neither waits for the other; a transaction
 * makes "registered" all or nothing across kill -9 and power cuts
 * (synchronous=FULL: the commit is on disk before the original is moved).
 * Exactly once: UNIQUE(archived, sha256). The archived name of a file done
 * again after a crash is the one chosen before (watch_process.c), so the
 * second INSERT finds the first and changes nothing.
 *
 * The schema is versioned with PRAGMA user_version; a database of a newer
 * version is refused (OGI_ERROR_REGISTER_DAMAGED) rather than misread.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "office.h"

#define SCHEMA_VERSION 1
#define BUSY_TIMEOUT_MS 5000

static const char schema_v1[] =
    "CREATE TABLE IF NOT EXISTS submissions("
    " id INTEGER PRIMARY KEY,"
    " time INTEGER NOT NULL,"
    " submitter TEXT NOT NULL,"
    " name TEXT NOT NULL,"
    " archived TEXT NOT NULL,"
    " sha256 TEXT NOT NULL,"
    " format TEXT NOT NULL,"
    " agency TEXT NOT NULL,"
    " agency_key TEXT NOT NULL,"
    " year INTEGER NOT NULL,"
    " template TEXT NOT NULL,"
    " verdict TEXT NOT NULL CHECK (verdict IN ('pass', 'fail', 'refused')),"
    " errors INTEGER NOT NULL, warnings INTEGER NOT NULL, infos INTEGER NOT NULL,"
    " outputs TEXT NOT NULL,"
    " json TEXT NOT NULL,"
    " reason TEXT NOT NULL,"
    " replaces_id INTEGER REFERENCES submissions(id),"
    " UNIQUE (archived, sha256));"
    "CREATE INDEX IF NOT EXISTS submissions_by_agency ON submissions(year, agency_key, id);"
    "CREATE TABLE IF NOT EXISTS findings("
    " submission INTEGER NOT NULL REFERENCES submissions(id),"
    " key TEXT NOT NULL,"
    " rule TEXT NOT NULL,"
    " severity TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'info')),"
    " table_id TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS findings_by_submission ON findings(submission);"
    /* the figures read, for the roll-up: NULL for a blank or missing cell */
    "CREATE TABLE IF NOT EXISTS cell_values("
    " submission INTEGER NOT NULL REFERENCES submissions(id),"
    " cell TEXT NOT NULL,"
    " value REAL,"
    " PRIMARY KEY (submission, cell)) WITHOUT ROWID;"
    "PRAGMA user_version = 1;";

static const char *const verdict_names[] = {"pass", "fail", "refused"};
static const char *const severity_names[] = {"error", "warning", "info"};

ogi_error ogi_register_error(int sqlite_rc)
{
    switch (sqlite_rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_DONE:
    case SQLITE_ROW:
        return OGI_OK;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return OGI_ERROR_REGISTER_BUSY;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        return OGI_ERROR_REGISTER_DAMAGED;
    case SQLITE_NOMEM:
        return OGI_ERROR_MEMORY;
    default:
        return OGI_ERROR_REGISTER;
    }
}

static ogi_error exec(sqlite3 *db, const char *sql)
{
    return ogi_register_error(sqlite3_exec(db, sql, NULL, NULL, NULL));
}

static ogi_error user_version(sqlite3 *db, int *version)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        *version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return ogi_register_error(rc);
}

/* Creates the schema once, under the write lock: two processes opening a
 * new box at the same time create it once. */
static ogi_error migrate(sqlite3 *db)
{
    int version = 0;
    ogi_error err = user_version(db, &version);
    if (err == OGI_OK && version == SCHEMA_VERSION)
        return OGI_OK;
    if (err == OGI_OK && version > SCHEMA_VERSION)
        return OGI_ERROR_REGISTER_DAMAGED; /* a newer ogi's: do not guess */
    if (err == OGI_OK)
        err = exec(db, "BEGIN IMMEDIATE");
    if (err != OGI_OK)
        return err;
    if ((err = user_version(db, &version)) == OGI_OK && version == 0)
        err = exec(db, schema_v1);
    if (err == OGI_OK)
        err = exec(db, "COMMIT");
    if (err != OGI_OK)
        exec(db, "ROLLBACK");
    return err;
}

ogi_error ogi_register_open(const ogi_context *ctx, const char *box, unsigned flags,
                            ogi_register **out)
{
    *out = NULL;
    ogi_register *reg = calloc(1, sizeof *reg);
    size_t n = strlen(box) + sizeof "/" OGI_REGISTER_FILE;
    char *path = malloc(n);
    if (!reg || !path) {
        free(reg);
        free(path);
        return OGI_ERROR_MEMORY;
    }
    snprintf(path, n, "%s/%s", box, OGI_REGISTER_FILE);
    reg->ctx = ctx;
    int readonly = (flags & OGI_REGISTER_READONLY) != 0;
    int oflags = (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                 SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path, &reg->db, oflags, NULL);
    free(path);
    ogi_error err = ogi_register_error(rc);
    if (err == OGI_OK && readonly && rc == SQLITE_OK) {
        sqlite3_busy_timeout(reg->db, BUSY_TIMEOUT_MS);
        int version = 0;
        err = user_version(reg->db, &version);
        if (err == OGI_OK && version != SCHEMA_VERSION)
            err = version > SCHEMA_VERSION ? OGI_ERROR_REGISTER_DAMAGED : OGI_ERROR_REGISTER;
    } else if (err == OGI_OK) {
        sqlite3_busy_timeout(reg->db, BUSY_TIMEOUT_MS);
        /* WAL: readers never block the writer nor the writer them; FULL:
         * a commit is durable before the original leaves the inbox */
        err = exec(reg->db, "PRAGMA journal_mode = WAL");
        if (err == OGI_OK)
            err = exec(reg->db, "PRAGMA synchronous = FULL");
        if (err == OGI_OK)
            err = migrate(reg->db);
    }
    if (err != OGI_OK) {
        ogi_register_close(reg);
        return err;
    }
    *out = reg;
    return OGI_OK;
}

void ogi_register_close(ogi_register *reg)
{
    if (!reg)
        return;
    sqlite3_close(reg->db);
    free(reg);
}

static const char *nz(const char *s)
{
    return s ? s : "";
}

/* The previous submission of the same agency (by name as matched, else by
 * submitter folder) and year: what this one replaces. */
static ogi_error previous_of(sqlite3 *db, const char *key, const ogi_submission *sub, int64_t *id)
{
    static const char sql[] = "SELECT id FROM submissions WHERE year = ?1 AND "
                              "((?2 <> '' AND agency_key = ?2) OR "
                              " (?2 = '' AND agency_key = '' AND submitter = ?3)) "
                              "ORDER BY id DESC LIMIT 1";
    sqlite3_stmt *st;
    *id = 0;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int(st, 1, sub->year);
        sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, nz(sub->submitter), -1, SQLITE_STATIC);
        if ((rc = sqlite3_step(st)) == SQLITE_ROW)
            *id = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return ogi_register_error(rc);
}

static ogi_error existing(sqlite3 *db, const char *archived, const char *sha256, int64_t *id)
{
    sqlite3_stmt *st;
    *id = 0;
    int rc = sqlite3_prepare_v2(
        db, "SELECT id FROM submissions WHERE archived = ?1 AND sha256 = ?2", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, archived, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, sha256, -1, SQLITE_STATIC);
        if ((rc = sqlite3_step(st)) == SQLITE_ROW)
            *id = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return ogi_register_error(rc);
}

static ogi_error insert_submission(sqlite3 *db, const ogi_submission *sub, const char *key,
                                   int64_t replaces, int64_t *id)
{
    static const char sql[] =
        "INSERT INTO submissions(time, submitter, name, archived, sha256, format, agency, "
        "agency_key, year, template, verdict, errors, warnings, infos, outputs, json, reason, "
        "replaces_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
        "?16, ?17, ?18)";
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, sub->time ? sub->time : (int64_t)time(NULL));
        const char *texts[] = {sub->submitter, sub->name, sub->archived, sub->sha256, sub->format,
                               sub->agency,    key};
        for (int i = 0; i < 7; i++)
            sqlite3_bind_text(st, 2 + i, nz(texts[i]), -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 9, sub->year);
        sqlite3_bind_text(st, 10, nz(sub->template_id), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 11,
                          verdict_names[sub->verdict <= OGI_VERDICT_REFUSED ? sub->verdict : 2], -1,
                          SQLITE_STATIC);
        for (int i = 0; i < 3; i++)
            sqlite3_bind_int64(st, 12 + i, (int64_t)sub->counts[i]);
        sqlite3_bind_text(st, 15, nz(sub->outputs), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 16, nz(sub->json), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 17, nz(sub->reason), -1, SQLITE_STATIC);
        if (replaces)
            sqlite3_bind_int64(st, 18, replaces);
        rc = sqlite3_step(st);
    }
    sqlite3_finalize(st);
    *id = sqlite3_last_insert_rowid(db);
    return ogi_register_error(rc);
}

static ogi_error insert_findings(sqlite3 *db, int64_t id, const ogi_report *report)
{
    if (!report || report->nfindings == 0)
        return OGI_OK;
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        db,
        "INSERT INTO findings(submission, key, rule, severity, table_id) VALUES (?, ?, ?, ?, ?)",
        -1, &st, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < report->nfindings; i++) {
        const ogi_finding *f = &report->findings[i];
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, nz(f->key), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, nz(f->rule), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, severity_names[f->severity <= OGI_SEVERITY_INFO ? f->severity : 2],
                          -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, nz(f->table), -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        rc = rc == SQLITE_DONE ? sqlite3_reset(st) : rc;
    }
    sqlite3_finalize(st);
    return ogi_register_error(rc);
}

static ogi_error insert_values(sqlite3 *db, int64_t id, const ogi_report *report)
{
    if (!report || !report->tmpl || report->nvalues == 0)
        return OGI_OK;
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        db, "INSERT INTO cell_values(submission, cell, value) VALUES (?, ?, ?)", -1, &st, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < report->nvalues; i++) {
        const ogi_value *v = &report->values[i];
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, v->id, -1, SQLITE_STATIC);
        if (v->found && !v->is_null && v->value == v->value)
            sqlite3_bind_double(st, 3, v->value);
        else
            sqlite3_bind_null(st, 3);
        rc = sqlite3_step(st);
        rc = rc == SQLITE_DONE ? sqlite3_reset(st) : rc;
    }
    sqlite3_finalize(st);
    return ogi_register_error(rc);
}

ogi_error ogi_register_add(ogi_register *reg, const ogi_submission *sub, const ogi_report *report,
                           int64_t *id)
{
    char key[1024];
    const char *agency = nz(sub->agency);
    ogi_agency_key(reg->ctx, agency, key, sizeof key);
    int64_t got = 0, replaces = 0;
    /* IMMEDIATE: the write lock first, so that two workers never both read
     * "not there" and then race to insert */
    ogi_error err = exec(reg->db, "BEGIN IMMEDIATE");
    if (err != OGI_OK)
        return err;
    err = existing(reg->db, nz(sub->archived), nz(sub->sha256), &got);
    if (err == OGI_OK && got == 0) {
        err = previous_of(reg->db, key, sub, &replaces);
        if (err == OGI_OK)
            err = insert_submission(reg->db, sub, key, replaces, &got);
        if (err == OGI_OK)
            err = insert_findings(reg->db, got, report);
        if (err == OGI_OK)
            err = insert_values(reg->db, got, report);
    }
    if (err == OGI_OK)
        err = exec(reg->db, "COMMIT");
    if (err != OGI_OK)
        exec(reg->db, "ROLLBACK");
    if (id)
        *id = err == OGI_OK ? got : 0;
    return err;
}

static const char *col(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

/* Fills sub from a row of SUBMISSION_COLUMNS. */
static void row_to_submission(sqlite3_stmt *st, ogi_submission *sub)
{
    memset(sub, 0, sizeof *sub);
    sub->id = sqlite3_column_int64(st, 0);
    sub->time = sqlite3_column_int64(st, 1);
    sub->submitter = col(st, 2);
    sub->name = col(st, 3);
    sub->archived = col(st, 4);
    sub->sha256 = col(st, 5);
    sub->format = col(st, 6);
    sub->agency = col(st, 7);
    sub->agency_key = col(st, 8);
    sub->year = sqlite3_column_int(st, 9);
    sub->template_id = col(st, 10);
    const char *v = col(st, 11);
    sub->verdict = strcmp(v, "pass") == 0   ? OGI_VERDICT_PASS
                   : strcmp(v, "fail") == 0 ? OGI_VERDICT_FAIL
                                            : OGI_VERDICT_REFUSED;
    for (int i = 0; i < 3; i++)
        sub->counts[i] = (size_t)sqlite3_column_int64(st, 12 + i);
    sub->outputs = col(st, 15);
    sub->json = col(st, 16);
    sub->reason = col(st, 17);
    sub->replaces_id = sqlite3_column_int64(st, 18);
    sub->imported = ogi_register_is_import(sub->submitter, sub->archived);
}

int ogi_register_is_import(const char *submitter, const char *archived)
{
    return !submitter[0] &&
           strncmp(archived, OGI_PREVIOUS_PREFIX "/", sizeof OGI_PREVIOUS_PREFIX) == 0;
}

#define SUBMISSION_COLUMNS                                                                         \
    "id, time, submitter, name, archived, sha256, format, agency, agency_key, year, template, "    \
    "verdict, errors, warnings, infos, outputs, json, reason, replaces_id"

ogi_error ogi_register_each(ogi_register *reg, int year,
                            int (*fn)(void *data, const ogi_submission *sub), void *data)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(reg->db,
                                year ? "SELECT " SUBMISSION_COLUMNS
                                       " FROM submissions WHERE year = ?1 ORDER BY id"
                                     : "SELECT " SUBMISSION_COLUMNS " FROM submissions ORDER BY id",
                                -1, &st, NULL);
    if (rc == SQLITE_OK && year)
        sqlite3_bind_int(st, 1, year);
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
        rc = sqlite3_step(st);
        if (rc != SQLITE_ROW)
            break;
        ogi_submission sub;
        row_to_submission(st, &sub);
        if (fn(data, &sub)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(st);
    return ogi_register_error(rc);
}

ogi_error ogi_register_years(ogi_register *reg, int (*fn)(void *data, int year, int64_t newest),
                             void *data)
{
    /* last year's reports imported from BOX/previous/ are not news */
    static const char sql[] = "SELECT year, MAX(time) FROM submissions WHERE year > 0 AND NOT "
                              "(submitter = '' AND substr(archived, 1, ?1) = ?2) "
                              "GROUP BY year ORDER BY year";
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(reg->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int(st, 1, (int)sizeof OGI_PREVIOUS_PREFIX);
        sqlite3_bind_text(st, 2, OGI_PREVIOUS_PREFIX "/", -1, SQLITE_STATIC);
    }
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
        if ((rc = sqlite3_step(st)) != SQLITE_ROW)
            break;
        if (fn(data, sqlite3_column_int(st, 0), sqlite3_column_int64(st, 1))) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(st);
    return ogi_register_error(rc);
}

ogi_error ogi_register_latest_year(ogi_register *reg, int *year)
{
    sqlite3_stmt *st;
    *year = 0;
    int rc = sqlite3_prepare_v2(reg->db, "SELECT MAX(year) FROM submissions", -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        *year = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return ogi_register_error(rc);
}

ogi_error ogi_register_count(ogi_register *reg, const char *archived, const char *sha256,
                             int64_t *n)
{
    sqlite3_stmt *st;
    *n = 0;
    int rc = sqlite3_prepare_v2(reg->db,
                                "SELECT COUNT(*) FROM submissions WHERE archived = ?1 AND "
                                "(?2 IS NULL OR sha256 = ?2)",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, archived, -1, SQLITE_STATIC);
        if (sha256)
            sqlite3_bind_text(st, 2, sha256, -1, SQLITE_STATIC);
        if ((rc = sqlite3_step(st)) == SQLITE_ROW)
            *n = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return ogi_register_error(rc);
}

ogi_error ogi_register_find_report(ogi_register *reg, const char *agency, int year, char *buf,
                                   size_t size)
{
    char key[1024];
    ogi_agency_key(reg->ctx, agency, key, sizeof key);
    if (size)
        buf[0] = '\0';
    if (!key[0])
        return OGI_OK;
    sqlite3_stmt *st;
    /* the latest passing report, else the latest checked one */
    int rc = sqlite3_prepare_v2(reg->db,
                                "SELECT archived FROM submissions WHERE year = ?1 AND "
                                "agency_key = ?2 AND verdict <> 'refused' "
                                "ORDER BY verdict = 'pass' DESC, id DESC LIMIT 1",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int(st, 1, year);
        sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
        if ((rc = sqlite3_step(st)) == SQLITE_ROW && size)
            snprintf(buf, size, "%s", col(st, 0));
    }
    sqlite3_finalize(st);
    return ogi_register_error(rc);
}

ogi_error ogi_register_finding_counts(ogi_register *reg, int year,
                                      int (*fn)(void *data, const char *what, int is_table,
                                                int64_t count),
                                      void *data)
{
    /* the latest submission of each agency: what is still to be fixed */
    static const char *const sql[2] = {
        "WITH latest AS (SELECT MAX(id) AS id FROM submissions WHERE year = ?1 "
        "GROUP BY CASE WHEN agency_key <> '' THEN agency_key ELSE 'folder:' || submitter END) "
        "SELECT rule, COUNT(*) AS n FROM findings WHERE submission IN (SELECT id FROM latest) "
        "GROUP BY rule ORDER BY n DESC, rule",
        "WITH latest AS (SELECT MAX(id) AS id FROM submissions WHERE year = ?1 "
        "GROUP BY CASE WHEN agency_key <> '' THEN agency_key ELSE 'folder:' || submitter END) "
        "SELECT table_id, COUNT(*) AS n FROM findings WHERE submission IN (SELECT id FROM latest) "
        "GROUP BY table_id ORDER BY n DESC, table_id"};
    int rc = SQLITE_OK;
    for (int is_table = 0; is_table < 2 && (rc == SQLITE_OK || rc == SQLITE_DONE); is_table++) {
        sqlite3_stmt *st;
        rc = sqlite3_prepare_v2(reg->db, sql[is_table], -1, &st, NULL);
        if (rc == SQLITE_OK)
            sqlite3_bind_int(st, 1, year);
        while (rc == SQLITE_OK || rc == SQLITE_ROW) {
            if ((rc = sqlite3_step(st)) != SQLITE_ROW)
                break;
            if (fn(data, col(st, 0), is_table, sqlite3_column_int64(st, 1))) {
                rc = SQLITE_DONE;
                break;
            }
        }
        sqlite3_finalize(st);
    }
    return ogi_register_error(rc);
}

ogi_error ogi_register_values(ogi_register *reg, int64_t submission,
                              int (*fn)(void *data, const char *cell, int is_null, double value),
                              void *data)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        reg->db, "SELECT cell, value FROM cell_values WHERE submission = ?1", -1, &st, NULL);
    if (rc == SQLITE_OK)
        sqlite3_bind_int64(st, 1, submission);
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
        if ((rc = sqlite3_step(st)) != SQLITE_ROW)
            break;
        int is_null = sqlite3_column_type(st, 1) == SQLITE_NULL;
        if (fn(data, col(st, 0), is_null, is_null ? 0 : sqlite3_column_double(st, 1))) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(st);
    return ogi_register_error(rc);
}

ogi_error ogi_register_findings(ogi_register *reg, int64_t submission,
                                int (*fn)(void *data, const char *key, const char *rule,
                                          ogi_severity severity, const char *table),
                                void *data)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(reg->db,
                                "SELECT key, rule, severity, table_id FROM findings "
                                "WHERE submission = ?1 ORDER BY rowid",
                                -1, &st, NULL);
    if (rc == SQLITE_OK)
        sqlite3_bind_int64(st, 1, submission);
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
        if ((rc = sqlite3_step(st)) != SQLITE_ROW)
            break;
        const char *sev = col(st, 2);
        ogi_severity s = strcmp(sev, "error") == 0     ? OGI_SEVERITY_ERROR
                         : strcmp(sev, "warning") == 0 ? OGI_SEVERITY_WARNING
                                                       : OGI_SEVERITY_INFO;
        if (fn(data, col(st, 0), col(st, 1), s, col(st, 3))) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(st);
    return ogi_register_error(rc);
}
