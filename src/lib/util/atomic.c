/*
 * atomic.c - crash-safe output files.
 */
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *ogi_temp_create(const char *path, int *fd)
{
    char *dup1 = strdup(path), *dup2 = strdup(path);
    char *out = NULL;
    *fd = -1;
    if (dup1 && dup2) {
        const char *dir = dirname(dup1), *base = basename(dup2);
        size_t n = strlen(dir) + strlen(base) + 32;
        out = malloc(n);
        if (out) {
            snprintf(out, n, "%s/.%s.XXXXXX.tmp", dir, base);
            *fd = mkstemps(out, 4);
            if (*fd < 0) {
                free(out);
                out = NULL;
            }
        }
    }
    free(dup1);
    free(dup2);
    return out;
}

static int fsync_path(const char *path, int flags)
{
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    /* some filesystems refuse fsync on a folder: not an error */
    if (rc != 0 && (errno == EINVAL || errno == EBADF) && (flags & O_DIRECTORY))
        rc = 0;
    close(fd);
    return rc;
}

ogi_error ogi_commit_file(const char *tmp, const char *path)
{
    if (fsync_path(tmp, O_RDONLY) != 0 || rename(tmp, path) != 0) {
        unlink(tmp);
        return OGI_ERROR_WRITE;
    }
    char *dup = strdup(path);
    if (dup) {
        fsync_path(dirname(dup), O_RDONLY | O_DIRECTORY);
        free(dup);
    }
    return OGI_OK;
}

int ogi_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
        return 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

char *ogi_temp_write(const char *path, const char *text, size_t len)
{
    int fd;
    char *tmp = ogi_temp_create(path, &fd);
    if (!tmp)
        return NULL;
    fchmod(fd, 0644);
    int ok = 1;
    size_t done = 0;
    while (ok && done < len) {
        ssize_t n = write(fd, text + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            ok = 0;
        else
            done += (size_t)n;
    }
    if (close(fd) != 0)
        ok = 0;
    if (!ok) {
        unlink(tmp);
        free(tmp);
        return NULL;
    }
    return tmp;
}

ogi_error ogi_write_file_atomic(const char *path, const char *text, size_t len)
{
    char *tmp = ogi_temp_write(path, text, len);
    if (!tmp)
        return OGI_ERROR_WRITE;
    ogi_error err = ogi_commit_file(tmp, path);
    free(tmp);
    return err;
}
