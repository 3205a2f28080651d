/*
 * atomic.h (private to the library) - outputs appear whole or not at all: written under a
 * temporary name in the same folder, fsync'ed, then renamed.
 */
#ifndef OGI_ATOMIC_H
#define OGI_ATOMIC_H

#include <stddef.h>

#include "ogi.h"

/* Creates a new temporary file beside path ("DIR/.NAME.XXXXXX.tmp"),
 * returns its malloc'd name and its open descriptor in *fd; NULL when the
 * folder is not writable. */
char *ogi_temp_create(const char *path, int *fd);
/* Writes text to a new temporary file beside path, not yet fsync'ed;
 * returns its malloc'd name, or NULL (then nothing is left behind). */
char *ogi_temp_write(const char *path, const char *text, size_t len);
/* fsyncs tmp, renames it to path, fsyncs the folder. Removes tmp on
 * failure. */
ogi_error ogi_commit_file(const char *tmp, const char *path);
/* 1 when a and b name the same existing file. */
int ogi_same_file(const char *a, const char *b);

#endif /* OGI_ATOMIC_H */
