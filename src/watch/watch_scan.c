/*
 * watch_scan.c - walking the inbox: the backlog at start, a rescan after
 * lost events, a new sub-folder, and every poll. Names, sizes and times
 * only (the stat fts does anyway); nothing is opened.
 */
#include <fts.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "watch.h"

long watch_scan(const char *dir, const char *rel, const watch_scan_cb *cb)
{
    char *top = watch_path(dir, rel);
    if (!top)
        return -1;
    char *paths[] = {top, NULL};
    /* FTS_PHYSICAL: symbolic links are reported as such, never followed */
    FTS *fts = fts_open(paths, FTS_PHYSICAL | FTS_NOCHDIR, NULL);
    if (!fts) {
        free(top);
        return -1;
    }
    size_t skip = strlen(dir) + 1; /* "DIR/" before each rel */
    long files = 0;
    FTSENT *ent;
    while ((ent = fts_read(fts)) != NULL) {
        const char *r = ent->fts_pathlen >= skip ? ent->fts_path + skip : "";
        switch (ent->fts_info) {
        case FTS_D:
            /* dot folders hold tools' state (.sync, .Trash-1000) */
            if (ent->fts_level > 0 && ent->fts_name[0] == '.') {
                fts_set(fts, ent, FTS_SKIP);
                break;
            }
            /* before fts reads its entries: the watch comes first, so a
             * file arriving meanwhile is seen by one or the other */
            if (cb->folder)
                cb->folder(cb->data, ent->fts_path, r);
            break;
        case FTS_F:
            if (!watch_name_ignored(ent->fts_name) && cb->file) {
                cb->file(cb->data, r, ent->fts_statp);
                files++;
            }
            break;
        default: /* symbolic links, sockets, unreadable folders */
            break;
        }
    }
    fts_close(fts);
    free(top);
    return files;
}

/* ".NAME.XXXXXX.tmp": a temporary output (atomic.c) a crash left behind. */
static int stale_temp(const char *name)
{
    size_t n = strlen(name);
    return name[0] == '.' && n > 12 && strcmp(name + n - 4, ".tmp") == 0 && name[n - 11] == '.';
}

long watch_remove_stale_temps(const char *dir)
{
    char *paths[] = {(char *)dir, NULL};
    FTS *fts = fts_open(paths, FTS_PHYSICAL | FTS_NOCHDIR, NULL);
    if (!fts)
        return -1;
    long removed = 0;
    FTSENT *ent;
    /* only one service per box (its lock is held): nobody else writes these */
    while ((ent = fts_read(fts)) != NULL)
        if (ent->fts_info == FTS_F && stale_temp(ent->fts_name) && unlink(ent->fts_path) == 0)
            removed++;
    fts_close(fts);
    return removed;
}
