/*
 * watch_inotify.c - inotify on the inbox tree.
 *
 * What arrives how: cp gives IN_CLOSE_WRITE; mv within the filesystem
 * IN_MOVED_TO only; rsync a dot-temporary file then IN_MOVED_TO; ln
 * IN_CREATE only. New folders get their watch as they appear, then are
 * scanned (files may land before the watch). When the kernel's queue
 * overflows, or a folder is moved, the whole tree is scanned again.
 */
#include <errno.h>
#include <glib.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "watch.h"

#define FOLDER_EVENTS                                                                              \
    (IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MOVED_FROM | IN_DELETE_SELF | IN_MOVE_SELF |    \
     IN_ONLYDIR)

struct watch_inotify {
    int fd;
    GHashTable *rel_by_wd; /* watch descriptor -> rel of its folder */
};

watch_inotify *watch_inotify_new(void)
{
    watch_inotify *in = calloc(1, sizeof *in);
    if (!in)
        return NULL;
    in->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (in->fd < 0) {
        free(in);
        return NULL;
    }
    in->rel_by_wd = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free);
    return in;
}

void watch_inotify_free(watch_inotify *in)
{
    if (!in)
        return;
    close(in->fd);
    g_hash_table_destroy(in->rel_by_wd);
    free(in);
}

int watch_inotify_fd(const watch_inotify *in)
{
    return in->fd;
}

int watch_inotify_add(watch_inotify *in, const char *path, const char *rel)
{
    /* the same folder again gives its existing descriptor: the name is
     * refreshed (it may have been moved) */
    int wd = inotify_add_watch(in->fd, path, FOLDER_EVENTS);
    if (wd < 0)
        return -1;
    char *dup = strdup(rel);
    if (!dup)
        return -1;
    g_hash_table_insert(in->rel_by_wd, GINT_TO_POINTER(wd), dup);
    return 0;
}

/* One event; returns 1 when the tree must be scanned again, 2 when events
 * were lost. */
static int handle(watch_inotify *in, const struct inotify_event *ev, const watch_event_cb *cb)
{
    if (ev->mask & IN_Q_OVERFLOW)
        return 2;
    if (ev->mask & IN_IGNORED) {
        g_hash_table_remove(in->rel_by_wd, GINT_TO_POINTER(ev->wd));
        return 0;
    }
    if (ev->mask & IN_MOVE_SELF) {
        /* moved within the inbox, the rescan watches it under its new
         * name; moved out of it, it must not be watched any more */
        inotify_rm_watch(in->fd, ev->wd);
        return 1;
    }
    if (ev->mask & IN_DELETE_SELF)
        return 1;
    const char *dir = g_hash_table_lookup(in->rel_by_wd, GINT_TO_POINTER(ev->wd));
    if (!dir || ev->len == 0 || ev->name[0] == '\0')
        return 0;
    if (ev->mask & IN_ISDIR)
        /* a new or moved folder: watch it and look inside (done by the
         * rescan, which also renames watches of moved folders) */
        return ev->name[0] != '.';
    if (ev->mask & IN_MOVED_FROM || watch_name_ignored(ev->name))
        return 0;
    size_t n = strlen(dir) + strlen(ev->name) + 2;
    char *rel = malloc(n);
    if (!rel)
        return 1; /* cannot say which file: look at all of them */
    if (dir[0])
        snprintf(rel, n, "%s/%s", dir, ev->name);
    else
        snprintf(rel, n, "%s", ev->name);
    /* IN_CREATE alone is a hard link or the start of a copy: the
     * decision tells them apart by asking whether a writer holds it */
    cb->file(cb->data, rel, (ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) != 0);
    free(rel);
    return 0;
}

void watch_inotify_read(watch_inotify *in, const watch_event_cb *cb)
{
    char buf[64 * 1024] __attribute__((aligned(__alignof__(struct inotify_event))));
    int rescan = 0;
    for (;;) {
        ssize_t len = read(in->fd, buf, sizeof buf);
        if (len < 0 && errno == EINTR)
            continue;
        if (len <= 0)
            break;
        for (char *p = buf; p < buf + len;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            rescan |= handle(in, ev, cb);
            p += sizeof *ev + ev->len;
        }
    }
    if (rescan)
        cb->rescan(cb->data, (rescan & 2) != 0);
}
