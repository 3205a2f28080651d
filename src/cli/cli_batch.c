/*
 * cli_batch.c - a bounded, ordered pool of worker threads for the fronts.
 *
 * A check is stateless over a read-only context, so files can be checked
 * side by side; printing stays in the calling thread and in the files'
 * order, so the output is the same whatever the number of threads.
 */
#include "cli_batch.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#define SLOTS_PER_THREAD 4

typedef struct pool {
    pthread_mutex_t lock;
    pthread_cond_t done;  /* a result was stored */
    pthread_cond_t space; /* a result was emitted: a slot is free */
    size_t n, next, emitted, window;
    void **result;  /* slot i % window */
    uint8_t *ready; /* slot holds its item's result */
    ogi_batch_work work;
    void *data;
} pool;

static void *worker(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->next < p->n && p->next >= p->emitted + p->window)
            pthread_cond_wait(&p->space, &p->lock);
        if (p->next >= p->n)
            break;
        size_t i = p->next++;
        pthread_mutex_unlock(&p->lock);
        void *r = p->work(p->data, i);
        pthread_mutex_lock(&p->lock);
        p->result[i % p->window] = r;
        p->ready[i % p->window] = 1;
        pthread_cond_broadcast(&p->done);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static void emit_in_order(pool *p, ogi_batch_emit emit)
{
    for (size_t i = 0; i < p->n; i++) {
        pthread_mutex_lock(&p->lock);
        while (!p->ready[i % p->window])
            pthread_cond_wait(&p->done, &p->lock);
        void *r = p->result[i % p->window];
        p->ready[i % p->window] = 0;
        p->emitted = i + 1;
        pthread_cond_broadcast(&p->space);
        pthread_mutex_unlock(&p->lock);
        emit(p->data, i, r);
    }
}

int ogi_batch_run(size_t n, unsigned jobs, ogi_batch_work work, ogi_batch_emit emit, void *data)
{
    if (jobs > n)
        jobs = (unsigned)n;
    if (jobs <= 1) {
        for (size_t i = 0; i < n; i++)
            emit(data, i, work(data, i));
        return 0;
    }
    pool p = {.n = n, .window = (size_t)jobs * SLOTS_PER_THREAD, .work = work, .data = data};
    p.result = calloc(p.window, sizeof *p.result);
    p.ready = calloc(p.window, sizeof *p.ready);
    pthread_t *threads = calloc(jobs, sizeof *threads);
    unsigned started = 0;
    if (p.result && p.ready && threads && pthread_mutex_init(&p.lock, NULL) == 0) {
        pthread_cond_init(&p.done, NULL);
        pthread_cond_init(&p.space, NULL);
        while (started < jobs && pthread_create(&threads[started], NULL, worker, &p) == 0)
            started++;
        if (started > 0)
            emit_in_order(&p, emit);
        for (unsigned t = 0; t < started; t++)
            pthread_join(threads[t], NULL);
        pthread_cond_destroy(&p.done);
        pthread_cond_destroy(&p.space);
        pthread_mutex_destroy(&p.lock);
    }
    free(threads);
    free(p.result);
    free(p.ready);
    return started > 0 ? 0 : -1;
}

unsigned ogi_batch_cpus(unsigned max)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        return 1;
    return (unsigned)n < max ? (unsigned)n : max;
}
