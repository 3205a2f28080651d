/*
 * watch.h - the parts of `ogi watch` (issues 4 and 9), private to the
 * front. How a file is noticed (inotify event, scan, poll) differs; what
 * is done with it does not: every path ends in watch_queue_observe(), then
 * watch_decide(), then watch_process_start() (a worker per file).
 *
 *   watch.c          options, folders, signals, the loop
 *   watch_fs.c       which filesystems need polling (statfs)
 *   watch_scan.c     walking the inbox tree
 *   watch_inotify.c  inotify watches, events, overflow
 *   watch_queue.c    files noticed, their observations, the decision
 *   watch_process.c  one file: check, outputs, register, move
 *   watch_name.c     names: ignored files, numbered names, submitter
 *   watch_record.c   the log, the register and outbox/index.csv
 *   watch_summary.c  the roll-up workbook kept current
 *   watch_messages.c the front's own strings, Chinese and English
 */
#ifndef OGI_WATCH_H
#define OGI_WATCH_H

#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "cli.h"
#include "ogi_office.h"

/* ---- the service's settings and folders ---- */

typedef struct watch_ctx {
    ogi_common_opts common;
    const char *box;
    char *inbox, *outbox, *archive, *failed;
    int64_t settle_ns;  /* --settle */
    int64_t poll_ns;    /* 0: inotify */
    int once;           /* --once */
    unsigned jobs;      /* worker processes at a time, --jobs */
    int verbose;        /* --verbose: a line per poll scan */
    unsigned timeout_s; /* per file, against a hanging library call */
    int log_fd;         /* stdout or --log */
    ogi_context *ctx;
} watch_ctx;

int64_t watch_now_ns(void);  /* CLOCK_MONOTONIC */
int64_t watch_wall_ns(void); /* CLOCK_REALTIME */

/* ---- watch_fs.c ---- */

/* The name of a statfs f_type ("ext4", "nfs", "cifs"...; "0x1234" when
 * unknown, written to buf). */
const char *watch_fs_name(unsigned long magic, char *buf, size_t size);
/* 1 when inotify cannot see other machines' writes on this filesystem
 * (network and user-space filesystems): poll instead. */
int watch_fs_wants_poll(unsigned long magic);
/* statfs of path: 0 and *magic, or -1. */
int watch_fs_type(const char *path, unsigned long *magic);

/* ---- watch_name.c ---- */

/* 1 for names that are never submissions: dot files, temporary and lock
 * files of editors, browsers and copy tools. */
int watch_name_ignored(const char *base);
/* "a/NAME.xls", k -> "a/NAME.k.xls" (k = 0: unchanged); malloc'd. */
char *watch_name_numbered(const char *rel, unsigned k);
/* "a/NAME.xls", k -> "a/NAME" or "a/NAME.k": the stem of the outputs. */
char *watch_name_stem(const char *rel, unsigned k);
/* The first folder of rel ("" when rel is directly in the inbox). */
char *watch_name_submitter(const char *rel);
/* Lock files an editor keeps beside an open document: NULL-terminated
 * array of malloc'd names, caller frees with watch_name_free_list. */
char **watch_name_editor_locks(const char *base);
void watch_name_free_list(char **list);
/* "a/NAME.x.xls" -> "a/NAME": files with the same key may compete for the
 * same numbered names, so they are never processed at the same time. */
char *watch_name_clash_key(const char *rel);
/* dir + "/" + rel, malloc'd. */
char *watch_path(const char *dir, const char *rel);

/* ---- watch_queue.c ---- */

/* The name a file was given: NAME.k.xls in archive/ or failed/. */
typedef struct watch_slot {
    unsigned k;
    int refused; /* failed/, else archive/ */
} watch_slot;

/* What is known of one file in the inbox. */
typedef struct watch_entry {
    char *rel;  /* path under inbox: the key */
    off_t size; /* last observation */
    int64_t mtime_ns;
    ino_t ino;
    dev_t dev;
    int64_t stable_since;  /* monotonic: when the observation last changed */
    int64_t observed_at;   /* monotonic: the last observation */
    int64_t age_ns;        /* its modification time's age then (-1: future) */
    unsigned observations; /* times seen unchanged since then */
    int closed;            /* a writer closed it (event) since it changed */
    int must_settle;       /* it looked incomplete when read: wait for time */
    int64_t look_at;       /* monotonic: when to look at it again */
    int outputs_done;      /* outputs made, only the move is left */
    watch_slot slot;       /* with outputs_done: where it goes */
    unsigned retries;      /* transient failures in a row */
    unsigned crashes;      /* processes that died on it */
    int64_t not_before;    /* back-off after a transient failure */
    unsigned generation;   /* last full scan that saw it */
} watch_entry;

typedef struct watch_queue watch_queue;

watch_queue *watch_queue_new(void);
void watch_queue_free(watch_queue *q);
size_t watch_queue_size(const watch_queue *q);
/* Records that rel looks like st at now (monotonic) and wall (realtime
 * ns); closed: a writer just closed it. */
watch_entry *watch_queue_observe(watch_queue *q, const char *rel, const struct stat *st,
                                 int64_t now, int64_t wall, int closed);
watch_entry *watch_queue_find(watch_queue *q, const char *rel);
void watch_queue_forget(watch_queue *q, const char *rel);
/* Full scans: begin() opens a generation, sweep() forgets what it did not
 * see (files removed by their submitter). */
void watch_queue_begin_scan(watch_queue *q);
void watch_queue_sweep(watch_queue *q);
/* The entries, oldest observation first, in a malloc'd array (the caller
 * frees the array, not the entries; forgetting one frees it). */
watch_entry **watch_queue_list(watch_queue *q, size_t *n);

/* Whether anyone has the file open for writing (local leases). */
typedef enum watch_probe {
    WATCH_PROBE_UNKNOWN = 0, /* the filesystem cannot tell (network) */
    WATCH_PROBE_FREE,        /* nobody on this machine writes to it */
    WATCH_PROBE_BUSY         /* open for writing, or an editor's lock file */
} watch_probe;

watch_probe watch_probe_file(const char *inbox, const char *rel);

typedef enum watch_verdict {
    WATCH_WAIT = 0, /* not complete yet, or backing off */
    WATCH_TAKE      /* process it now */
} watch_verdict;

/* THE decision, whichever way the file was noticed. */
watch_verdict watch_decide(const watch_entry *e, int64_t now, int64_t settle_ns, int polling,
                           watch_probe probe);
/* 1 when e looked the same at two observations and is settle_ns old: by
 * its modification time, or, when that is in the future (a server's clock
 * ahead of ours), since this service first saw it so. */
int watch_settled(const watch_entry *e, int64_t now, int64_t settle_ns);
/* When e, found not ready at now, should be looked at again. */
int64_t watch_next_look(const watch_entry *e, int64_t now, int64_t settle_ns);

/* ---- watch_process.c ---- */

typedef enum watch_result {
    WATCH_DONE = 0,  /* the original left the inbox: forget it */
    WATCH_GONE,      /* it vanished (its submitter took it back) */
    WATCH_UNSETTLED, /* it changed or is still incomplete: look again later */
    WATCH_RETRY,     /* a passing failure (I/O, disk full): back off */
    WATCH_STUCK,     /* outputs made but the original cannot be moved yet */
    WATCH_CRASHED    /* the worker died */
} watch_result;

/* Starts processing one file in a worker process (a file that crashes or
 * hangs the library costs one worker, not the service): its pid, and in
 * *report a descriptor that will hold the name the worker chose (read it
 * with watch_process_report). -1 when it could not fork and did the work
 * itself: its result in *res, the name in *slot.
 * settled: a refusal may be final (a truncated upload is not refused). */
pid_t watch_process_start(const watch_ctx *w, const watch_entry *e, int settled, watch_result *res,
                          watch_slot *slot, int *report);
/* What became of the file, from its worker's wait status and report. */
watch_result watch_process_result(int status, int report, watch_slot *slot);
/* For a file whose outputs are out (WATCH_STUCK): only the move, without
 * reading the file again. */
watch_result watch_move_again(const watch_ctx *w, const watch_entry *e);
/* Moves a file that keeps crashing ogi to failed/, the reason said in
 * both languages (WATCH_MSG_CRASHED_REASON). */
watch_result watch_give_up(const watch_ctx *w, const watch_entry *e, watch_slot *slot);

/* ---- watch_record.c ---- */

/* One log line: local time, then the formatted text. */
void watch_log(const watch_ctx *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends one row to outbox/index.csv (creating it with its header),
 * unless a recent row already records the same thing (a file done again
 * after a crash). fields: submitter, file, verdict, errors, warnings,
 * infos, original, outputs, reason, sha256. 0 or -1. */
int watch_register(const watch_ctx *w, const char *const fields[10]);
/* Records sub (and report's findings, report may be NULL) in the box's
 * register, BOX/ogi.sqlite (reg, or opened for this call when NULL).
 * Registering again what a crash cut short changes nothing. */
ogi_error watch_register_db(const watch_ctx *w, ogi_register *reg, const ogi_submission *sub,
                            const ogi_report *report);
/* Writes text as one CSV field (quoted when needed) into buf. */
size_t watch_csv_field(char *buf, size_t size, const char *text);

/* ---- watch_scan.c ---- */

typedef struct watch_scan_cb {
    /* a regular, non-ignored file */
    void (*file)(void *data, const char *rel, const struct stat *st);
    /* a folder (rel "" for the inbox itself), before its entries are read */
    void (*folder)(void *data, const char *path, const char *rel);
    void *data;
} watch_scan_cb;

/* Walks dir/rel (rel "" for all of dir), physical, skipping dot folders
 * and symbolic links. Returns the number of files found, -1 on error. */
long watch_scan(const char *dir, const char *rel, const watch_scan_cb *cb);

/* Removes the temporary outputs a crash left in dir; how many. */
long watch_remove_stale_temps(const char *dir);

/* ---- watch_inotify.c ---- */

typedef struct watch_inotify watch_inotify;

typedef struct watch_event_cb {
    /* a file was closed after writing, moved in, or linked in */
    void (*file)(void *data, const char *rel, int closed);
    /* events were lost, or folders changed: scan everything again */
    void (*rescan)(void *data, int overflow);
    void *data;
} watch_event_cb;

watch_inotify *watch_inotify_new(void);
void watch_inotify_free(watch_inotify *in);
int watch_inotify_fd(const watch_inotify *in);
/* Adds a watch on folder path (rel under the inbox); 0 or -1. */
int watch_inotify_add(watch_inotify *in, const char *path, const char *rel);
/* Reads what is pending (non-blocking) and reports it. */
void watch_inotify_read(watch_inotify *in, const watch_event_cb *cb);

/* ---- watch_summary.c ---- */

/* Rewrites outbox/汇总-YEAR.xlsx of the latest year from the register
 * (its failure is logged). */
void watch_summary_now(const watch_ctx *w);
/* The same in a child process at low priority: its pid, or -1. */
pid_t watch_summary_start(const watch_ctx *w);
/* 1 when the register holds submissions, so that a new service remakes
 * the roll-up (its predecessor may have died before doing so). */
int watch_summary_needed_at_start(const watch_ctx *w);

/* ---- watch.c ---- */

int ogi_cli_watch(int argc, char **argv);
/* Creates BOX and its folders, filling w's inbox, outbox, archive, failed
 * (also for `ogi serve`). 0 or -1. */
int watch_make_box(watch_ctx *w);
/* Takes the box's lock: one service (watch or serve) per box, two would
 * race for the same files. The descriptor, held until exit, or -1. */
int watch_lock_box(const watch_ctx *w);

#endif /* OGI_WATCH_H */
