/*
 * watch_messages.h - private to the watch front (src/watch, and src/serve,
 * which runs the same procedure): every string `ogi watch` shows or writes
 * of its own, in Chinese and English, as cli_messages.h is for the command
 * line. The library's strings are in src/lib/util/messages.c.
 */
#ifndef OGI_WATCH_MESSAGES_H
#define OGI_WATCH_MESSAGES_H

#include "ogi.h"

/* The comments give the printf arguments; tests/e2e/test_header.py checks
 * that both languages of an entry take the same ones. */
typedef enum watch_msg {
    /* the command line (watch.c) */
    WATCH_MSG_USAGE,      /* the usage lines, ending in a newline */
    WATCH_MSG_BAD_OPTION, /* after the option's own reason */
    WATCH_MSG_NEED_BOX,   /* no BOX, or more than one */
    WATCH_MSG_CANNOT_MAKE_BOX,
    WATCH_MSG_BOX_TAKEN, /* another service holds the box's lock */
    /* the service's log (watch.c) */
    WATCH_MSG_START_ONCE,        /* %s version, %s box, %s filesystem, %.1f settle seconds */
    WATCH_MSG_START_POLLING,     /* %s version, %s box, %.1f poll, %s filesystem, %.1f settle */
    WATCH_MSG_START_INOTIFY,     /* %s version, %s box, %s filesystem */
    WATCH_MSG_REMOTE_POLLING,    /* %s inbox, %s filesystem */
    WATCH_MSG_NO_INOTIFY,        /* %s strerror */
    WATCH_MSG_UNWATCHED_FOLDERS, /* %d folders */
    WATCH_MSG_EVENTS_LOST,
    WATCH_MSG_SCANNED,       /* %ld files, %.1f ms */
    WATCH_MSG_STALE_TEMPS,   /* %ld files */
    WATCH_MSG_STILL_WRITTEN, /* %zu files */
    WATCH_MSG_SIGNAL,        /* %u signal number */
    WATCH_MSG_WORKER_DIED,   /* %s file */
    WATCH_MSG_STOPPED,
    WATCH_MSG_PREVIOUS_FAILED,     /* %s ogi_strerror */
    WATCH_MSG_PREVIOUS_REGISTERED, /* %zu registered, %zu read */
    /* one file (watch_process.c) */
    WATCH_MSG_FILE_ERROR,    /* %s file, %s ogi_strerror */
    WATCH_MSG_WILL_RETRY,    /* %s file, %s ogi_strerror */
    WATCH_MSG_CANNOT_MOVE,   /* %s file, %s strerror */
    WATCH_MSG_MOVED_AT_LAST, /* %s file, %s folder, %s name */
    WATCH_MSG_REFUSED_LOG,   /* %s file, %s reason, %lld ms, %s where it went */
    WATCH_MSG_CHECKED_LOG,   /* %s file, %s verdict, %zu errors, warnings, infos, %lld ms, %s */
    WATCH_MSG_REFUSED,       /* the verdict word of outbox/index.csv */
    WATCH_MSG_PASS,
    WATCH_MSG_FAIL,
    /* a refused file's note beside it in failed/ holds both languages:
     * %s file, %s reason, %s time, %s SHA-256 */
    WATCH_MSG_REFUSED_NOTE,
    WATCH_MSG_CRASHED_REASON, /* why a file that crashed its worker twice is given up */
    WATCH_MSG_ROLLUP_FAILED,  /* %s ogi_strerror (watch_summary.c) */
    /* outbox/index.csv's header row, in its order (watch_record.c) */
    WATCH_MSG_COLUMN_TIME,
    WATCH_MSG_COLUMN_SUBMITTER,
    WATCH_MSG_COLUMN_FILE,
    WATCH_MSG_COLUMN_VERDICT,
    WATCH_MSG_COLUMN_ERRORS,
    WATCH_MSG_COLUMN_WARNINGS,
    WATCH_MSG_COLUMN_INFOS,
    WATCH_MSG_COLUMN_ORIGINAL,
    WATCH_MSG_COLUMN_OUTPUTS,
    WATCH_MSG_COLUMN_REASON,
    WATCH_MSG_COLUMN_SHA256,
    WATCH_MSG_COUNT
} watch_msg;

/* The text of msg in lang (never NULL). */
const char *watch_message(watch_msg msg, ogi_lang lang);

#endif /* OGI_WATCH_MESSAGES_H */
