/*
 * serve_buf.c - a growing text buffer for the pages; once out of memory
 * it stays failed, and the caller answers 500 instead of half a page.
 * Also the growth of the front's typed arrays: the one realloc of ogi
 * serve.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve.h"

#define FIRST_BYTES 64 /* CSV fields are short; pages and lists grow by doubling */

void *serve_array_reserve(void *items, size_t *cap, size_t need, size_t elem)
{
    if (items && need <= *cap)
        return items;
    size_t limit = SIZE_MAX / (elem ? elem : 1) / 2;
    if (need > limit)
        return NULL;
    size_t c = *cap ? *cap : (FIRST_BYTES + elem - 1) / (elem ? elem : 1);
    while (c < need)
        c *= 2; /* need <= limit: c stays below SIZE_MAX / elem */
    void *grown = realloc(items, c * (elem ? elem : 1));
    if (!grown)
        return NULL;
    *cap = c;
    return grown;
}

static int reserve(serve_buf *b, size_t more)
{
    if (b->failed)
        return 0;
    if (b->len + more + 1 <= b->cap)
        return 1;
    char *data = more < SIZE_MAX - b->len - 1
                     ? SERVE_ARRAY_RESERVE(b->data, &b->cap, b->len + more + 1)
                     : NULL;
    if (!data) {
        b->failed = 1;
        return 0;
    }
    b->data = data;
    return 1;
}

void serve_buf_addn(serve_buf *b, const char *text, size_t n)
{
    if (!reserve(b, n))
        return;
    memcpy(b->data + b->len, text, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void serve_buf_add(serve_buf *b, const char *text)
{
    serve_buf_addn(b, text, strlen(text));
}

void serve_buf_printf(serve_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void serve_buf_html(serve_buf *b, const char *text)
{
    const char *start = text;
    for (const char *p = text; *p; p++) {
        const char *esc = NULL;
        switch (*p) {
        case '&':
            esc = "&amp;";
            break;
        case '<':
            esc = "&lt;";
            break;
        case '>':
            esc = "&gt;";
            break;
        case '"':
            esc = "&quot;";
            break;
        case '\'':
            esc = "&#39;";
            break;
        default:
            continue;
        }
        serve_buf_addn(b, start, (size_t)(p - start));
        serve_buf_add(b, esc);
        start = p + 1;
    }
    serve_buf_add(b, start);
}

void serve_buf_url(serve_buf *b, const char *text)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~", *p)) {
            serve_buf_addn(b, (const char *)p, 1);
        } else {
            char enc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            serve_buf_addn(b, enc, 3);
        }
    }
}

void serve_buf_free(serve_buf *b)
{
    free(b->data);
    *b = (serve_buf){0};
}
