/*
 * buf.c - growable memory with a cap (buf.h). One growth policy: double,
 * starting from a page, so that a grower costs O(log n) reallocations and
 * a small one a single allocation.
 */
#include "buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIRST_BYTES 4096 /* the first allocation of a buffer or array */

/* The capacity to grow to for need (> cap), doubling from a page, never
 * past limit (need <= limit). */
static size_t next_cap(size_t cap, size_t need, size_t first, size_t limit)
{
    size_t c = cap ? cap : first;
    while (c < need)
        c = c > limit / 2 ? limit : c * 2;
    return c < limit ? c : limit;
}

void ogi_buf_init(ogi_buf *b, size_t max, ogi_error too_large)
{
    *b = (ogi_buf){.max = max, .too_large = too_large};
}

static ogi_error cap_error(const ogi_buf *b)
{
    return b->too_large != OGI_OK ? b->too_large : OGI_ERROR_TOO_LARGE;
}

/* Room for n more bytes and the NUL. */
static ogi_error make_room(ogi_buf *b, size_t n)
{
    size_t max = b->max ? b->max : SIZE_MAX - 1;
    if (n > max - b->len)
        return cap_error(b);
    size_t need = b->len + n + 1;
    if (need <= b->cap)
        return OGI_OK;
    size_t cap = next_cap(b->cap, need, FIRST_BYTES, max + 1);
    char *grown = realloc(b->data, cap);
    if (!grown)
        return OGI_ERROR_MEMORY;
    b->data = grown;
    b->cap = cap;
    return OGI_OK;
}

ogi_error ogi_buf_reserve(ogi_buf *b, size_t n)
{
    ogi_error err = make_room(b, n);
    if (err == OGI_OK)
        b->data[b->len] = '\0';
    return err;
}

ogi_error ogi_buf_add_grow(ogi_buf *b, const void *s, size_t n)
{
    ogi_error err = make_room(b, n);
    if (err != OGI_OK)
        return err;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return OGI_OK;
}

ogi_error ogi_buf_adds(ogi_buf *b, const char *s)
{
    return ogi_buf_add(b, s, strlen(s));
}

ogi_error ogi_buf_vprintf(ogi_buf *b, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    size_t room = b->cap > b->len ? b->cap - b->len : 0;
    /* most texts fit what is left: printed once, measured only when not */
    int need = vsnprintf(room ? b->data + b->len : NULL, room, fmt, ap);
    ogi_error err = need < 0 ? OGI_ERROR_MEMORY : OGI_OK;
    if (err == OGI_OK && (size_t)need >= room) {
        err = make_room(b, (size_t)need);
        if (err == OGI_OK)
            vsnprintf(b->data + b->len, b->cap - b->len, fmt, again);
    }
    va_end(again);
    if (err == OGI_OK)
        b->len += (size_t)need;
    else if (b->data)
        b->data[b->len] = '\0'; /* what a cut-short print left is not kept */
    return err;
}

ogi_error ogi_buf_printf(ogi_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ogi_error err = ogi_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return err;
}

void ogi_buf_reset(ogi_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

char *ogi_buf_take(ogi_buf *b)
{
    char *text = b->data ? b->data : calloc(1, 1);
    b->data = NULL;
    b->len = b->cap = 0;
    return text;
}

void ogi_buf_free(ogi_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void *ogi_array_reserve(void *items, size_t *cap, size_t need, size_t elem, size_t max,
                        ogi_error *err)
{
    if (need <= *cap && items)
        return items;
    size_t limit = SIZE_MAX / (elem ? elem : 1);
    if (max && max < limit)
        limit = max;
    if (need > limit) {
        *err = OGI_ERROR_TOO_LARGE;
        return NULL;
    }
    size_t first = FIRST_BYTES / (elem ? elem : 1);
    size_t c = next_cap(*cap, need ? need : 1, first ? first : 1, limit);
    void *grown = realloc(items, c * elem);
    if (!grown) {
        *err = OGI_ERROR_MEMORY;
        return NULL;
    }
    *cap = c;
    return grown;
}
