/*
 * biff_sst.c - the shared string table: every text cell of a BIFF8
 * workbook is an index into it. Its strings run on across CONTINUE
 * records, and a string's characters may change width at a record
 * boundary, which is why it has a reader of its own.
 */
#include "biff_sst.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "text.h"

/* A read position across the SST's records. */
typedef struct cursor {
    const ogi_biff_seg *segs;
    size_t nsegs, seg, pos;
} cursor;

static int at_end(cursor *c)
{
    while (c->seg < c->nsegs && c->pos >= c->segs[c->seg].len) {
        c->seg++;
        c->pos = 0;
    }
    return c->seg >= c->nsegs;
}

/* 0 when the data ends first. */
static int get_byte(cursor *c, unsigned *out)
{
    if (at_end(c))
        return 0;
    *out = c->segs[c->seg].data[c->pos++];
    return 1;
}

static int get_u16(cursor *c, uint32_t *out)
{
    unsigned lo, hi;
    if (!get_byte(c, &lo) || !get_byte(c, &hi))
        return 0;
    *out = lo | hi << 8;
    return 1;
}

static int get_u32(cursor *c, uint32_t *out)
{
    uint32_t lo, hi;
    if (!get_u16(c, &lo) || !get_u16(c, &hi))
        return 0;
    *out = lo | hi << 16;
    return 1;
}

static int skip(cursor *c, uint64_t n)
{
    while (n > 0) {
        if (at_end(c))
            return 0;
        size_t left = c->segs[c->seg].len - c->pos;
        size_t step = n < left ? (size_t)n : left;
        c->pos += step;
        n -= step;
    }
    return 1;
}

size_t ogi_biff_chars(const unsigned char *p, size_t avail, size_t count, int high, char *out,
                      size_t o, size_t cap, size_t *used)
{
    size_t width = high ? 2 : 1, n = 0;
    for (; n < count && (n + 1) * width <= avail && o + 4 < cap; n++) {
        uint32_t cp = high ? (uint32_t)(p[2 * n] | p[2 * n + 1] << 8) : p[n];
        if (cp >= 0xD800 && cp <= 0xDBFF && n + 1 < count && (n + 2) * width <= avail) {
            uint32_t lo = (uint32_t)(p[2 * n + 2] | p[2 * n + 3] << 8);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                n++;
            }
        }
        if (cp >= 0xD800 && cp <= 0xDFFF)
            cp = 0xFFFD;
        o += ogi_utf8_encode(cp, out + o);
    }
    *used = n;
    return o;
}

/* The characters of one string; where they run on into the next record,
 * that record starts with a fresh width flag. */
static int read_chars(cursor *c, size_t cch, int high, char *out, size_t cap, size_t *o)
{
    while (cch > 0) {
        if (c->seg >= c->nsegs)
            return 0;
        const ogi_biff_seg *s = &c->segs[c->seg];
        if (c->pos >= s->len) {
            c->seg++;
            if (c->seg >= c->nsegs || c->segs[c->seg].len == 0)
                return 0;
            high = c->segs[c->seg].data[0] & 1;
            c->pos = 1;
            continue;
        }
        size_t used;
        *o = ogi_biff_chars(s->data + c->pos, s->len - c->pos, cch, high, out, *o, cap, &used);
        if (used == 0)
            return 0; /* half a character at the end of a record: damage */
        c->pos += used * (high ? 2 : 1);
        cch -= used;
    }
    return 1;
}

/* One XLUnicodeRichExtendedString; 0 when the data ends inside it. */
static int read_string(cursor *c, char *buf, size_t cap, size_t *len)
{
    uint32_t cch;
    unsigned flags;
    if (!get_u16(c, &cch) || !get_byte(c, &flags))
        return 0;
    uint32_t runs = 0, ext = 0;
    if ((flags & 0x08) && !get_u16(c, &runs))
        return 0;
    if ((flags & 0x04) && !get_u32(c, &ext))
        return 0;
    *len = 0;
    if (cch * 4u + 8 > cap)
        return -1;
    if (!read_chars(c, cch, flags & 1, buf, cap, len))
        return 0;
    return skip(c, (uint64_t)runs * 4 + ext);
}

static ogi_error push(ogi_book *book, ogi_sst *sst, size_t cap[2], const char *text, size_t len)
{
    /* two arrays side by side: each keeps its own capacity, both room for n + 1 */
    ogi_error err;
    const char **texts = OGI_ARRAY_RESERVE(sst->text, &cap[0], sst->n + 1, 0, &err);
    if (texts)
        sst->text = texts;
    uint32_t *lens = texts ? OGI_ARRAY_RESERVE(sst->len, &cap[1], sst->n + 1, 0, &err) : NULL;
    if (!lens)
        return err;
    sst->len = lens;
    char *copy = ogi_arena_strndup(&book->arena, text, len);
    if (!copy)
        return OGI_ERROR_MEMORY;
    sst->text[sst->n] = copy;
    sst->len[sst->n++] = (uint32_t)len;
    return OGI_OK;
}

ogi_error ogi_sst_read(ogi_book *book, const ogi_biff_seg *segs, size_t nsegs, ogi_sst *sst)
{
    memset(sst, 0, sizeof *sst);
    cursor c = {segs, nsegs, 0, 0};
    uint32_t total, unique;
    if (!get_u32(&c, &total) || !get_u32(&c, &unique))
        return OGI_OK; /* an empty table */
    size_t cap[2] = {0, 0}, buf_cap = (size_t)book->limits.max_string * 4 + 8;
    char *buf = malloc(buf_cap);
    if (!buf)
        return OGI_ERROR_MEMORY;
    ogi_error err = OGI_OK;
    /* unique is only a claim: the data decides how many strings there are */
    for (uint32_t i = 0; err == OGI_OK && i < unique && !at_end(&c); i++) {
        size_t len = 0;
        int got = read_string(&c, buf, buf_cap, &len);
        if (got < 0)
            err = OGI_ERROR_STRING_TOO_LONG;
        else if (got == 0)
            break; /* cut off: the cells pointing past the end stay empty */
        else
            err = push(book, sst, cap, buf, len);
    }
    free(buf);
    if (err != OGI_OK)
        ogi_sst_free(sst);
    return err;
}

void ogi_sst_free(ogi_sst *sst)
{
    free(sst->text);
    free(sst->len);
    memset(sst, 0, sizeof *sst);
}
