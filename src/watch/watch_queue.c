/*
 * watch_queue.c - the files noticed in the inbox, what was seen of them,
 * and the one decision of when a file is complete enough to take.
 *
 * Memory follows the inbox, not the history: an entry lives while its
 * file is in the inbox and is freed when the file leaves or vanishes.
 * Observations compare size, modification time and inode only; a file's
 * contents are read once, when it is taken.
 */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"
#include "watch.h"

struct watch_queue {
    GHashTable *by_rel; /* rel -> watch_entry, owns both */
    unsigned generation;
};

static void entry_free(gpointer p)
{
    watch_entry *e = p;
    free(e->rel);
    free(e);
}

watch_queue *watch_queue_new(void)
{
    watch_queue *q = calloc(1, sizeof *q);
    if (!q)
        return NULL;
    /* the key is the entry's own rel: freed with the entry */
    q->by_rel = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, entry_free);
    return q;
}

void watch_queue_free(watch_queue *q)
{
    if (!q)
        return;
    g_hash_table_destroy(q->by_rel);
    free(q);
}

size_t watch_queue_size(const watch_queue *q)
{
    return g_hash_table_size(q->by_rel);
}

static int64_t mtime_ns(const struct stat *st)
{
    return (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
}

watch_entry *watch_queue_observe(watch_queue *q, const char *rel, const struct stat *st,
                                 int64_t now, int64_t wall, int closed)
{
    watch_entry *e = g_hash_table_lookup(q->by_rel, rel);
    if (!e) {
        e = calloc(1, sizeof *e);
        if (!e || !(e->rel = strdup(rel))) {
            free(e);
            return NULL;
        }
        g_hash_table_insert(q->by_rel, e->rel, e);
    }
    e->generation = q->generation;
    int same = e->observations > 0 && e->size == st->st_size && e->mtime_ns == mtime_ns(st) &&
               e->ino == st->st_ino && e->dev == st->st_dev;
    if (!same) {
        e->size = st->st_size;
        e->mtime_ns = mtime_ns(st);
        e->ino = st->st_ino;
        e->dev = st->st_dev;
        e->stable_since = now;
        e->observations = 0;
        e->closed = 0;
        e->must_settle = 0;
        e->outputs_done = 0; /* a new version: everything again */
        e->crashes = 0;
    }
    e->observations++;
    e->observed_at = now;
    e->age_ns = wall >= e->mtime_ns ? wall - e->mtime_ns : -1;
    if (closed)
        e->closed = 1;
    return e;
}

watch_entry *watch_queue_find(watch_queue *q, const char *rel)
{
    return g_hash_table_lookup(q->by_rel, rel);
}

void watch_queue_forget(watch_queue *q, const char *rel)
{
    g_hash_table_remove(q->by_rel, rel);
}

void watch_queue_begin_scan(watch_queue *q)
{
    q->generation++;
}

static gboolean unseen(gpointer key, gpointer value, gpointer data)
{
    (void)key;
    return ((watch_entry *)value)->generation != *(unsigned *)data;
}

void watch_queue_sweep(watch_queue *q)
{
    g_hash_table_foreach_remove(q->by_rel, unseen, &q->generation);
}

static int by_age(const void *a, const void *b)
{
    const watch_entry *x = *(watch_entry *const *)a, *y = *(watch_entry *const *)b;
    if (x->stable_since != y->stable_since)
        return x->stable_since < y->stable_since ? -1 : 1;
    return strcmp(x->rel, y->rel);
}

watch_entry **watch_queue_list(watch_queue *q, size_t *n)
{
    *n = g_hash_table_size(q->by_rel);
    watch_entry **list = malloc((*n + 1) * sizeof *list);
    if (!list) {
        *n = 0;
        return NULL;
    }
    GHashTableIter it;
    gpointer key, value;
    size_t i = 0;
    g_hash_table_iter_init(&it, q->by_rel);
    while (g_hash_table_iter_next(&it, &key, &value))
        list[i++] = value;
    qsort(list, *n, sizeof *list, by_age);
    return list;
}

/* A lock file an editor keeps beside the document while it is open. */
static int editor_has_it_open(const char *inbox, const char *rel)
{
    const char *slash = strrchr(rel, '/');
    const char *base = slash ? slash + 1 : rel;
    char **locks = watch_name_editor_locks(base);
    int found = 0;
    for (char **p = locks; p && *p && !found; p++) {
        size_t n = strlen(inbox) + strlen(rel) + strlen(*p) + 3;
        char *path = malloc(n);
        if (!path)
            break;
        snprintf(path, n, "%s/%.*s%s", inbox, (int)(slash ? slash - rel + 1 : 0), rel, *p);
        struct stat st;
        found = lstat(path, &st) == 0 && S_ISREG(st.st_mode);
        free(path);
    }
    watch_name_free_list(locks);
    return found;
}

watch_probe watch_probe_file(const char *inbox, const char *rel)
{
    if (editor_has_it_open(inbox, rel))
        return WATCH_PROBE_BUSY;
    char *path = watch_path(inbox, rel);
    if (!path)
        return WATCH_PROBE_UNKNOWN;
    /* O_NONBLOCK: fail instead of waiting when someone holds a lease */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
    free(path);
    if (fd < 0)
        return errno == EWOULDBLOCK ? WATCH_PROBE_BUSY : WATCH_PROBE_UNKNOWN;
    /* A read lease is refused (EAGAIN) while the file is open for writing
     * anywhere on this machine, smbd and nfsd included. Taken and given
     * back at once; the lease-break signal (SIGIO) is blocked. */
    watch_probe probe = WATCH_PROBE_UNKNOWN;
    if (fcntl(fd, F_SETLEASE, F_RDLCK) == 0) {
        fcntl(fd, F_SETLEASE, F_UNLCK);
        probe = WATCH_PROBE_FREE;
    } else if (errno == EAGAIN) {
        probe = WATCH_PROBE_BUSY;
    }
    close(fd);
    return probe;
}

int watch_settled(const watch_entry *e, int64_t now, int64_t settle_ns)
{
    if (e->observations < 2)
        return 0;
    if (e->age_ns >= 0 && e->age_ns + (now - e->observed_at) >= settle_ns)
        return 1;
    return now - e->stable_since >= settle_ns;
}

watch_verdict watch_decide(const watch_entry *e, int64_t now, int64_t settle_ns, int polling,
                           watch_probe probe)
{
    if (now < e->not_before || probe == WATCH_PROBE_BUSY)
        return WATCH_WAIT;
    if (watch_settled(e, now, settle_ns))
        return WATCH_TAKE;
    if (e->must_settle)
        return WATCH_WAIT;
    /* Polling sees other machines' writers, whom no probe or event can
     * vouch for: only time can. Locally, a writer's close, or nobody
     * holding the file open for writing, says the file is whole. */
    if (polling)
        return WATCH_WAIT;
    return e->closed || probe == WATCH_PROBE_FREE ? WATCH_TAKE : WATCH_WAIT;
}

int64_t watch_next_look(const watch_entry *e, int64_t now, int64_t settle_ns)
{
    int64_t t = e->stable_since + settle_ns;
    if (e->age_ns >= 0 && e->observed_at + settle_ns - e->age_ns < t)
        t = e->observed_at + settle_ns - e->age_ns; /* old enough by its time */
    if (e->not_before > t)
        t = e->not_before;
    /* settled but busy (a writer holds it open): look again a bit later */
    int64_t again = settle_ns > 250000000 ? settle_ns : 250000000;
    return t > now ? t : now + again;
}
