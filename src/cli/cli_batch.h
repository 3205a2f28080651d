/*
 * cli_batch.h (private to the fronts) - many files through the same work on several threads, with
 * the results handed back in the files' order.
 */
#ifndef OGI_CLI_BATCH_H
#define OGI_CLI_BATCH_H

#include <stddef.h>

/* Runs in a worker thread: does item i and returns its result (or NULL). */
typedef void *(*ogi_batch_work)(void *data, size_t i);
/* Runs in the calling thread, once per item, in order: takes the result. */
typedef void (*ogi_batch_emit)(void *data, size_t i, void *result);

/* Items 0..n-1 on `jobs` threads (1: all in the calling thread). At most a
 * few results per thread wait to be emitted, so memory does not grow with
 * n. Returns 0, or -1 when no thread could be started (then nothing ran). */
int ogi_batch_run(size_t n, unsigned jobs, ogi_batch_work work, ogi_batch_emit emit, void *data);

/* The number of processors online, at least 1 and at most max. */
unsigned ogi_batch_cpus(unsigned max);

#endif /* OGI_CLI_BATCH_H */
