/*
 * serve_results.c - how long the answers to uploads are kept. Each upload's
 * answer is BOX/.serve/results/<id>.json, reachable only through its
 * /r/<id> address; without a limit they would pile up for ever. An answer
 * lives SERVE_RESULT_DAYS days from the last time it was shown: showing it
 * sets its modification time (serve_results_touch), and the sweep
 * (serve_results_sweep, when the server starts and every hour) removes
 * only answers not shown for that long, so a page someone still comes back
 * to stays. The marked-up workbooks (outbox/) and the register are the
 * office's records and are never touched here.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "serve.h"

/* "<32 hex>.json": an answer, and nothing else the folder may hold (a
 * temporary file being written is left to watch_remove_stale_temps). */
static int is_answer(const char *name)
{
    char id[SERVE_ID_HEX + 1];
    if (strlen(name) != SERVE_ID_HEX + sizeof ".json" - 1 ||
        strcmp(name + SERVE_ID_HEX, ".json") != 0)
        return 0;
    memcpy(id, name, SERVE_ID_HEX);
    id[SERVE_ID_HEX] = '\0';
    return serve_id_ok(id);
}

long serve_results_sweep(const char *dir, time_t now)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    long removed = 0;
    const time_t lifetime = (time_t)SERVE_RESULT_DAYS * 24 * 3600;
    struct dirent *e;
    while ((e = readdir(d))) {
        struct stat st;
        if (!is_answer(e->d_name) || fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
            !S_ISREG(st.st_mode) || now - st.st_mtime <= lifetime)
            continue;
        if (unlinkat(dirfd(d), e->d_name, 0) == 0)
            removed++;
    }
    closedir(d);
    return removed;
}

void serve_results_touch(const char *path)
{
    /* best effort: a read-only box still shows the answer */
    (void)utimensat(AT_FDCWD, path, NULL, 0);
}
