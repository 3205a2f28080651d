/*
 * batch.c - many outputs made durable together. An fsync per file costs
 * a journal commit each (milliseconds on a disk, far more than writing a
 * workbook); one syncfs() for a batch costs about one. The atomicity is
 * the same: no output is renamed to its name before its bytes are on
 * disk.
 */
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "batch.h"
#include "buf.h"
#include "common.h"

typedef struct pending {
    char *tmp;  /* the temporary file, beside path */
    char *path; /* its name once committed */
} pending;

struct ogi_batch {
    pending *v;
    size_t n, cap;
};

ogi_batch *ogi_batch_new(void)
{
    return calloc(1, sizeof(ogi_batch));
}

size_t ogi_batch_pending(const ogi_batch *batch)
{
    return batch ? batch->n : 0;
}

ogi_error ogi_batch_add(ogi_batch *batch, char *tmp, const char *path)
{
    char *name = strdup(path);
    ogi_error err = OGI_ERROR_MEMORY;
    pending *v = name ? OGI_ARRAY_RESERVE(batch->v, &batch->cap, batch->n + 1, 0, &err) : NULL;
    if (v)
        batch->v = v;
    if (!v) {
        free(name);
        unlink(tmp);
        free(tmp);
        return OGI_ERROR_MEMORY;
    }
    batch->v[batch->n++] = (pending){tmp, name};
    return OGI_OK;
}

ogi_error ogi_write_file_batch(const char *path, const char *text, size_t len, ogi_batch *batch)
{
    if (!batch)
        return ogi_write_file_atomic(path, text, len);
    char *tmp = ogi_temp_write(path, text, len);
    return tmp ? ogi_batch_add(batch, tmp, path) : OGI_ERROR_WRITE;
}

/* Flushes the file system that holds file (all pending outputs of a
 * batch usually share one); an fsync per file where syncfs fails. */
static int flush_all(const ogi_batch *batch)
{
    int fd = open(batch->v[0].tmp, O_RDONLY | O_CLOEXEC);
    int ok = fd >= 0 && syncfs(fd) == 0;
    if (fd >= 0)
        close(fd);
    if (ok)
        return 1;
    for (size_t i = 0; i < batch->n; i++) {
        fd = open(batch->v[i].tmp, O_RDONLY | O_CLOEXEC);
        ok = fd >= 0 && fsync(fd) == 0;
        if (fd >= 0)
            close(fd);
        if (!ok)
            return 0;
    }
    return 1;
}

/* fsyncs each distinct folder of the outputs once, so the renames last. */
static void sync_folders(const ogi_batch *batch)
{
    for (size_t i = 0; i < batch->n; i++) {
        char *dup = strdup(batch->v[i].path);
        if (!dup)
            continue;
        const char *dir = dirname(dup);
        int seen = 0;
        for (size_t k = 0; k < i && !seen; k++) {
            char *other = strdup(batch->v[k].path);
            seen = other && strcmp(dirname(other), dir) == 0;
            free(other);
        }
        int fd = seen ? -1 : open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd >= 0) {
            fsync(fd); /* some file systems refuse: the data is safe anyway */
            close(fd);
        }
        free(dup);
    }
}

static void release(ogi_batch *batch, int remove_tmp)
{
    for (size_t i = 0; i < batch->n; i++) {
        if (remove_tmp)
            unlink(batch->v[i].tmp);
        free(batch->v[i].tmp);
        free(batch->v[i].path);
    }
    batch->n = 0;
}

ogi_error ogi_batch_commit(ogi_batch *batch, ogi_error *each)
{
    if (!batch || batch->n == 0)
        return OGI_OK;
    ogi_error first = OGI_OK;
    int durable = flush_all(batch);
    for (size_t i = 0; i < batch->n; i++) {
        ogi_error err = OGI_OK;
        if (!durable || rename(batch->v[i].tmp, batch->v[i].path) != 0) {
            unlink(batch->v[i].tmp);
            err = OGI_ERROR_WRITE;
        }
        if (each)
            each[i] = err;
        if (first == OGI_OK)
            first = err;
    }
    if (durable)
        sync_folders(batch);
    release(batch, 0);
    return first;
}

void ogi_batch_discard(ogi_batch *batch, size_t keep)
{
    for (; batch && batch->n > keep; batch->n--) {
        pending *p = &batch->v[batch->n - 1];
        unlink(p->tmp);
        free(p->tmp);
        free(p->path);
    }
}

void ogi_batch_free(ogi_batch *batch)
{
    if (!batch)
        return;
    release(batch, 1);
    free(batch->v);
    free(batch);
}
