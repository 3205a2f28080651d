/*
 * buf.h (private to the library) - growable memory with a cap: a byte
 * buffer for text (ogi_buf, after curl's dynbuf) and the growth of typed
 * arrays (ogi_array_reserve). Every grower of the library goes through
 * here, so each has a cap, one growth policy and one error for each way
 * of failing: OGI_ERROR_MEMORY, and a cap error past its limit.
 */
#ifndef OGI_BUF_H
#define OGI_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include "ogi.h"

/* Bytes gathered: text between tags, a report being rendered, a zip part
 * read whole. data is NUL-terminated once anything was added (NULL
 * before); len does not count the NUL. A failed call leaves the buffer as
 * it was, still usable. */
typedef struct ogi_buf {
    char *data;
    size_t len, cap;
    size_t max;          /* most bytes held; 0: no cap but memory */
    ogi_error too_large; /* returned past max; OGI_OK: OGI_ERROR_TOO_LARGE */
} ogi_buf;

/* An empty buffer holding at most max bytes (0: no cap); past the cap
 * every add returns too_large (OGI_OK: OGI_ERROR_TOO_LARGE), so that a
 * reader can say which limit was hit (OGI_ERROR_STRING_TOO_LONG...). A
 * zeroed ogi_buf is an empty buffer without cap. */
void ogi_buf_init(ogi_buf *b, size_t max, ogi_error too_large);
/* Room for n more bytes without growing again (a size known ahead). */
ogi_error ogi_buf_reserve(ogi_buf *b, size_t n);
/* Appends n bytes of s. The cap error or OGI_ERROR_MEMORY. */
static inline ogi_error ogi_buf_add(ogi_buf *b, const void *s, size_t n);
/* ogi_buf_add when the bytes do not fit the room left. */
ogi_error ogi_buf_add_grow(ogi_buf *b, const void *s, size_t n);
/* Appends the NUL-terminated s. */
ogi_error ogi_buf_adds(ogi_buf *b, const char *s);
/* Appends printf's text. The cap error, OGI_ERROR_MEMORY. */
ogi_error ogi_buf_printf(ogi_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
ogi_error ogi_buf_vprintf(ogi_buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Empties the buffer, keeping its memory for the next text. */
void ogi_buf_reset(ogi_buf *b);
/* Hands the text over (malloc'd, NUL-terminated, "" when nothing was
 * added; the caller frees it) and empties the buffer; NULL when out of
 * memory. */
char *ogi_buf_take(ogi_buf *b);
/* Frees the memory; the buffer is empty again, its cap kept. */
void ogi_buf_free(ogi_buf *b);

/* Room for need elements of elem bytes each in items, of which *cap are
 * allocated: items itself when it has room, else items reallocated (the
 * capacity doubles; the first allocation holds at least a page), *cap
 * updated. NULL when need passes max elements (0: what memory can
 * address), *err = OGI_ERROR_TOO_LARGE, or when out of memory, *err =
 * OGI_ERROR_MEMORY; items is then unchanged and still the caller's. */
void *ogi_array_reserve(void *items, size_t *cap, size_t need, size_t elem, size_t max,
                        ogi_error *err);
/* ogi_array_reserve for a typed pointer: the element size is its own. */
#define OGI_ARRAY_RESERVE(items, cap, need, max, err)                                              \
    ogi_array_reserve((items), (cap), (need), sizeof *(items), (max), (err))

/* Inline: jansson hands the JSON over a few bytes at a time, tens of
 * thousands of times a report. The room left never passes the cap. */
static inline ogi_error ogi_buf_add(ogi_buf *b, const void *s, size_t n)
{
    if (b->cap - b->len <= n) /* cap is 0 or holds len and the NUL */
        return ogi_buf_add_grow(b, s, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return OGI_OK;
}

#endif /* OGI_BUF_H */
