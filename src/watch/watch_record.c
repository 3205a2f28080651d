/*
 * watch_record.c - what the service tells people: one log line per event
 * (stdout or --log), the register of every submission (BOX/ogi.sqlite,
 * ogi_office.h) and outbox/index.csv, its export that opens in Excel or
 * WPS (UTF-8 with a BOM).
 *
 * Order: the database first, then index.csv, then (watch_process.c) the
 * move of the original. Both writes are idempotent, so a crash between
 * them is repaired by processing the file again: the database finds its
 * row (UNIQUE archived name and SHA-256), index.csv finds its recent row,
 * and the missing one is written.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ogi_office.h"
#include "watch.h"
#include "watch_messages.h"

#define LINE_MAX_BYTES 8192
#define NFIELDS 10
#define RECENT_BYTES (1024 * 1024)
_Static_assert(WATCH_MSG_COLUMN_SHA256 - WATCH_MSG_COLUMN_SUBMITTER + 1 == NFIELDS,
               "index.csv: one header column per field");

int64_t watch_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t watch_wall_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* "2026-11-25 08:00:00.123" in local time. */
static void local_time(char *buf, size_t size, int millis)
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    localtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm);
    if (millis && n < size)
        snprintf(buf + n, size - n, ".%03ld", ts.tv_nsec / 1000000);
}

static void write_all(int fd, const char *text, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, text, len);
        if (n <= 0)
            return; /* a full log disk must not stop the service */
        text += n;
        len -= (size_t)n;
    }
}

void watch_log(const watch_ctx *w, const char *fmt, ...)
{
    char line[LINE_MAX_BYTES];
    local_time(line, sizeof line, 1);
    size_t n = strlen(line);
    line[n++] = ' ';
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(line + n, sizeof line - n - 1, fmt, ap);
    va_end(ap);
    n = m < 0 ? n : n + (size_t)m < sizeof line - 1 ? n + (size_t)m : sizeof line - 2;
    line[n++] = '\n';
    /* one write per line: lines of the service and its workers never mix */
    write_all(w->log_fd, line, n);
}

size_t watch_csv_field(char *buf, size_t size, const char *text)
{
    int quote = strpbrk(text, ",\"\r\n") != NULL;
    size_t n = 0;
    if (size == 0)
        return 0;
    if (quote && n + 1 < size)
        buf[n++] = '"';
    for (const char *p = text; *p && n + 2 < size; p++) {
        if (*p == '"')
            buf[n++] = '"';
        buf[n++] = *p;
    }
    if (quote && n + 1 < size)
        buf[n++] = '"';
    buf[n] = '\0';
    return n;
}

/* Everything after the time, so that a row written again after a crash is
 * recognised. */
static size_t row_body(char *buf, size_t size, const char *const fields[NFIELDS])
{
    size_t n = 0;
    for (int i = 0; i < NFIELDS && n + 2 < size; i++) {
        buf[n++] = ',';
        n += watch_csv_field(buf + n, size - n, fields[i]);
    }
    if (n + 1 < size)
        buf[n++] = '\n';
    buf[n] = '\0';
    return n;
}

/* 1 when a recent row of the register (its last MiB, some thousands of
 * rows) is time + body: the same file, name and verdict, registered
 * before a crash cut its processing short. */
static int recent_row_is(int fd, const char *body, size_t len)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || (size_t)st.st_size < len)
        return 0;
    size_t want = (size_t)st.st_size < RECENT_BYTES ? (size_t)st.st_size : RECENT_BYTES;
    char *tail = malloc(want);
    int found = 0;
    if (tail && pread(fd, tail, want, st.st_size - (off_t)want) == (ssize_t)want) {
        for (char *p = memmem(tail, want, body, len); p && !found;
             p = memmem(p + 1, want - (size_t)(p + 1 - tail), body, len)) {
            /* only the time may stand before it on its row */
            found = 1;
            for (char *q = p; q > tail && q[-1] != '\n'; q--)
                if (q[-1] == ',' || q[-1] == '"')
                    found = 0;
        }
    }
    free(tail);
    return found;
}

int watch_register(const watch_ctx *w, const char *const fields[NFIELDS])
{
    char *path = watch_path(w->outbox, "index.csv");
    if (!path)
        return -1;
    int fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    free(path);
    if (fd < 0)
        return -1;
    char body[LINE_MAX_BYTES], row[LINE_MAX_BYTES + 64];
    size_t blen = row_body(body, sizeof body, fields);
    int rc = 0;
    struct stat st;
    if (fstat(fd, &st) == 0 && st.st_size == 0) {
        /* the BOM makes Excel read UTF-8 */
        size_t n = (size_t)snprintf(row, sizeof row, "\xEF\xBB\xBF%s",
                                    watch_message(WATCH_MSG_COLUMN_TIME, w->common.lang));
        const char *h[NFIELDS];
        for (int i = 0; i < NFIELDS; i++)
            h[i] = watch_message((watch_msg)(WATCH_MSG_COLUMN_SUBMITTER + i), w->common.lang);
        n += row_body(row + n, sizeof row - n, h);
        write_all(fd, row, n);
    } else if (recent_row_is(fd, body, blen)) {
        close(fd);
        return 0;
    }
    char when[64];
    local_time(when, sizeof when, 0);
    int n = snprintf(row, sizeof row, "%s%s", when, body);
    if (n < 0 || write(fd, row, (size_t)n) != n || fsync(fd) != 0)
        rc = -1;
    close(fd);
    return rc;
}

ogi_error watch_register_db(const watch_ctx *w, ogi_register *reg, const ogi_submission *sub,
                            const ogi_report *report)
{
    if (reg)
        return ogi_register_add(reg, sub, report, NULL);
    ogi_error err = ogi_register_open(w->ctx, w->box, 0, &reg);
    if (err == OGI_OK) {
        err = ogi_register_add(reg, sub, report, NULL);
        ogi_register_close(reg);
    }
    return err;
}
