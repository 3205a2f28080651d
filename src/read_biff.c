/*
 * read_biff.c - the BIFF8 records freexl skips.
 *
 * freexl (Debian's 1.0.6) drops FORMULA cells entirely, yet agencies'
 * totals are often =SUM(...): the cached result of each formula is in the
 * FORMULA record (or, for a string, the STRING record after it).
 */
#include "read_biff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "text.h"

enum {
    REC_FORMULA = 0x0006,
    REC_EOF = 0x000A,
    REC_FILEPASS = 0x002F,
    REC_CONTINUE = 0x003C,
    REC_BOUNDSHEET = 0x0085,
    REC_MERGEDCELLS = 0x00E5,
    REC_MULRK = 0x00BD,
    REC_MULBLANK = 0x00BE,
    REC_LABELSST = 0x00FD,
    REC_BLANK = 0x0201,
    REC_NUMBER = 0x0203,
    REC_LABEL = 0x0204,
    REC_BOOLERR = 0x0205,
    REC_RK = 0x027E,
    REC_FORMAT = 0x041E,
    REC_SST = 0x00FC,
    REC_DIMENSIONS = 0x0200,
    REC_STRING = 0x0207,
    REC_ARRAY = 0x0221,
    REC_TABLE = 0x0236,
    REC_SHRFMLA = 0x04BC,
    REC_BOF = 0x0809
};

#define MAX_SHEETS 4096

typedef struct rec {
    uint16_t type;
    const unsigned char *data;
    size_t len;
    size_t offset; /* of the record header in the stream */
} rec;

typedef struct walker {
    const unsigned char *s;
    size_t len, pos;
} walker;

static uint16_t u16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* 0: end of stream; -1: a record that runs past the end. */
static int next_record(walker *w, rec *r)
{
    if (w->pos + 4 > w->len)
        return 0;
    r->offset = w->pos;
    r->type = u16(w->s + w->pos);
    r->len = u16(w->s + w->pos + 2);
    if (w->pos + 4 + r->len > w->len)
        return -1;
    r->data = w->s + w->pos + 4;
    w->pos += 4 + r->len;
    return 1;
}

/* UTF-16LE or "compressed" (Latin-1) characters -> UTF-8 appended to out. */
static size_t append_chars(const unsigned char *p, size_t avail, size_t count, int high,
                           char *out, size_t o, size_t cap, size_t *used)
{
    size_t width = high ? 2 : 1, n = 0;
    for (; n < count && (n + 1) * width <= avail; n++) {
        uint32_t cp = high ? u16(p + 2 * n) : p[n];
        if (cp >= 0xD800 && cp <= 0xDBFF && n + 1 < count && (n + 2) * width <= avail) {
            uint32_t lo = u16(p + 2 * (n + 1));
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                n++;
            }
        }
        if (o + 4 >= cap)
            break;
        o += ogi_utf8_encode(cp, out + o);
    }
    *used = n;
    return o;
}

static int add_sheet(ogi_book *book, const rec *r, uint32_t *offsets, size_t *nsheets)
{
    if (r->len < 8)
        return 0;
    /* only worksheets: charts and macro sheets hold no tables */
    if (r->data[5] != 0x00)
        return 1;
    if (*nsheets >= MAX_SHEETS)
        return 0;
    size_t cch = r->data[6];
    int high = r->data[7] & 1;
    char name[1024];
    size_t used;
    size_t n = append_chars(r->data + 8, r->len - 8, cch, high, name, 0, sizeof name, &used);
    if (!ogi_book_add_sheet(book, name, n))
        return 0;
    offsets[(*nsheets)++] = u32(r->data);
    return 1;
}

static const char *error_text(uint8_t code)
{
    switch (code) {
    case 0x00: return "#NULL!";
    case 0x07: return "#DIV/0!";
    case 0x0F: return "#VALUE!";
    case 0x17: return "#REF!";
    case 0x1D: return "#NAME?";
    case 0x24: return "#NUM!";
    case 0x2A: return "#N/A";
    default: return "#ERROR!";
    }
}

/* The STRING record after a string FORMULA, with its CONTINUEs. */
static ogi_error read_string_result(ogi_book *book, walker *w, size_t sheet, uint32_t row,
                                    uint32_t col)
{
    rec r;
    walker before = *w;
    int got;
    /* a shared or array formula's own record may stand in between */
    while ((got = next_record(w, &r)) == 1 &&
           (r.type == REC_SHRFMLA || r.type == REC_ARRAY || r.type == REC_TABLE))
        ;
    if (got < 0)
        return OGI_ERROR_CORRUPT;
    if (got == 0 || r.type != REC_STRING || r.len < 3) {
        *w = before; /* no cached string: leave the cell empty */
        return OGI_OK;
    }
    size_t cch = u16(r.data);
    if (cch > book->limits.max_string)
        return OGI_ERROR_STRING_TOO_LONG;
    size_t cap = cch * 4 + 8;
    char *text = malloc(cap);
    if (!text)
        return OGI_ERROR_MEMORY;
    size_t used, o = append_chars(r.data + 3, r.len - 3, cch, r.data[2] & 1, text, 0, cap, &used);
    size_t left = cch - used;
    while (left > 0) {
        walker save = *w;
        if (next_record(w, &r) != 1 || r.type != REC_CONTINUE || r.len < 1) {
            *w = save;
            break;
        }
        o = append_chars(r.data + 1, r.len - 1, left, r.data[0] & 1, text, o, cap, &used);
        left -= used;
        if (used == 0)
            break;
    }
    ogi_error err = ogi_sheet_set_text(book, sheet, row, col, text, o, 1);
    free(text);
    return err;
}

static ogi_error read_formula(ogi_book *book, walker *w, const rec *r, size_t sheet)
{
    if (r->len < 20)
        return OGI_ERROR_CORRUPT;
    uint32_t row = u16(r->data), col = u16(r->data + 2);
    const unsigned char *v = r->data + 6;
    if (u16(v + 6) != 0xFFFF) {
        double d;
        memcpy(&d, v, sizeof d); /* little-endian IEEE, as the host */
        return ogi_sheet_set_number(book, sheet, row, col, d, 1);
    }
    switch (v[0]) {
    case 0:
        return read_string_result(book, w, sheet, row, col);
    case 1:
        return ogi_sheet_set_bool(book, sheet, row, col, v[2] != 0, 1);
    case 2:
        return ogi_sheet_set_error(book, sheet, row, col, error_text(v[2]), 1);
    default: /* an empty string result: nothing to read */
        return OGI_OK;
    }
}

static ogi_error read_merges(ogi_book *book, const rec *r, size_t sheet)
{
    if (r->len < 2)
        return OGI_ERROR_CORRUPT;
    size_t n = u16(r->data);
    if (2 + n * 8 > r->len)
        return OGI_ERROR_CORRUPT;
    for (size_t i = 0; i < n; i++) {
        const unsigned char *p = r->data + 2 + i * 8;
        ogi_merge m = {u16(p), u16(p + 2), u16(p + 4), u16(p + 6)};
        if (m.first_row > m.last_row || m.first_col > m.last_col)
            continue; /* a nonsense range is ignored, not trusted */
        ogi_error err = ogi_sheet_add_merge(book, sheet, m);
        if (err != OGI_OK)
            return err;
    }
    return OGI_OK;
}

/* Index of the worksheet whose BOF is at offset, or -1. */
static long sheet_at(const uint32_t *offsets, size_t n, size_t offset)
{
    for (size_t i = 0; i < n; i++)
        if (offsets[i] == offset)
            return (long)i;
    return -1;
}

/* ---- the shared string table ---- */

/* The SST's bytes as read across its CONTINUE records. */
typedef struct sst_reader {
    walker w;         /* at the record after the current segment */
    const unsigned char *seg;
    size_t len, pos;  /* within the current segment */
} sst_reader;

/* Moves to the next CONTINUE record; 0 when there is none. */
static int sst_next_segment(sst_reader *t)
{
    rec r;
    walker save = t->w;
    if (next_record(&t->w, &r) != 1 || r.type != REC_CONTINUE) {
        t->w = save;
        return 0;
    }
    t->seg = r.data;
    t->len = r.len;
    t->pos = 0;
    return 1;
}

/* Skips n bytes that may run on into CONTINUE records. */
static int sst_skip(sst_reader *t, size_t n)
{
    while (n > 0) {
        if (t->pos == t->len && !sst_next_segment(t))
            return 0;
        size_t k = t->len - t->pos < n ? t->len - t->pos : n;
        t->pos += k;
        n -= k;
    }
    return 1;
}

static int sst_read(sst_reader *t, unsigned char *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (t->pos == t->len && !sst_next_segment(t))
            return 0;
        out[i] = t->seg[t->pos++];
    }
    return 1;
}

/* Every string of the SST fits the records that hold it. freexl copies the
 * characters a string claims without checking that they are there (a heap
 * overflow, found by fuzzing). */
static int sst_fits(const walker *after, const rec *r)
{
    if (r->len < 8)
        return 0;
    sst_reader t = {*after, r->data, r->len, 8};
    uint32_t unique = u32(r->data + 4);
    for (uint32_t i = 0; i < unique; i++) {
        unsigned char head[3], ext[4];
        if (!sst_read(&t, head, 3))
            return 0;
        size_t chars = u16(head), runs = 0, extra = 0;
        int wide = head[2] & 1;
        if (head[2] & 0x08) {
            if (!sst_read(&t, ext, 2))
                return 0;
            runs = u16(ext);
        }
        if (head[2] & 0x04) {
            if (!sst_read(&t, ext, 4))
                return 0;
            extra = u32(ext);
        }
        while (chars > 0) {
            if (t.pos == t.len) {
                /* characters split over records: a new option byte */
                if (!sst_next_segment(&t) || t.len == 0)
                    return 0;
                wide = t.seg[t.pos++] & 1;
            }
            size_t width = wide ? 2 : 1, fit = (t.len - t.pos) / width;
            if (fit == 0)
                return 0;
            size_t n = fit < chars ? fit : chars;
            t.pos += n * width;
            chars -= n;
        }
        if (!sst_skip(&t, runs * 4 + extra))
            return 0;
    }
    return 1;
}

/* A string at off, its length in count_size bytes (1 or 2) then an
 * option byte, fits in the record. freexl copies the characters a string
 * claims without checking that they are there (FORMAT, found by fuzzing). */
static int string_fits(const rec *r, size_t off, size_t count_size)
{
    if (off + count_size + 1 > r->len)
        return 0;
    size_t chars = count_size == 1 ? r->data[off] : u16(r->data + off);
    size_t width = (r->data[off + count_size] & 1) ? 2 : 1;
    return off + count_size + 1 + chars * width <= r->len;
}

/* The records with a string that freexl reads, and where it is. */
static int strings_fit(const rec *r)
{
    switch (r->type) {
    case REC_FORMAT: return string_fits(r, 2, 2);
    case REC_BOUNDSHEET: return string_fits(r, 6, 1);
    case REC_LABEL: return string_fits(r, 6, 2);
    default: return 1;
    }
}

static int is_cell_record(uint16_t type)
{
    switch (type) {
    case REC_FORMULA: case REC_MULRK: case REC_MULBLANK: case REC_LABELSST: case REC_BLANK:
    case REC_NUMBER: case REC_LABEL: case REC_BOOLERR: case REC_RK:
        return 1;
    default:
        return 0;
    }
}

/* The length a cell record must have (fixed ones), or that it must fit. */
static int cell_length_ok(const rec *r)
{
    switch (r->type) {
    case REC_LABELSST: case REC_RK: return r->len == 10;
    case REC_NUMBER: return r->len == 14;
    case REC_BLANK: return r->len == 6;
    case REC_BOOLERR: return r->len == 8;
    case REC_MULRK: return r->len >= 12 && (r->len - 6) % 6 == 0;
    case REC_MULBLANK: return r->len >= 8 && r->len % 2 == 0;
    case REC_LABEL: return r->len >= 8;
    default: return r->len >= 20; /* FORMULA */
    }
}

/* A well-formed cell record inside the grid DIMENSIONS gave: freexl keeps
 * its cells in that grid, and loses memory over a cell outside it or a
 * record of the wrong length (found by fuzzing). */
static int cell_in_grid(const rec *r, uint32_t rows, uint32_t cols)
{
    if (!cell_length_ok(r))
        return 0;
    uint32_t row = u16(r->data), col = u16(r->data + 2);
    if (r->type == REC_MULRK || r->type == REC_MULBLANK)
        col = u16(r->data + r->len - 2); /* the last column */
    return row < rows && col < cols;
}

static ogi_error walk(ogi_book *book, walker *w, uint32_t *offsets, size_t *nsheets)
{
    rec r;
    int got;
    long sheet = -1;
    int in_globals = 0, seen_bof = 0, dimensions = 0, ssts = 0, open_substream = 0;
    size_t reached = 0; /* worksheets whose BOF was found where listed */
    long outer = -1;     /* the worksheet around an embedded chart's substream */
    uint32_t grid_rows = 0, grid_cols = 0; /* the sheet's DIMENSIONS */
    int nested = 0;
    size_t first = book->nsheets;
    while ((got = next_record(w, &r)) == 1) {
        ogi_error err = OGI_OK;
        if (r.type == REC_BOF) {
            if (r.len < 4 || u16(r.data) != 0x0600)
                return seen_bof ? OGI_ERROR_CORRUPT : OGI_ERROR_OLD_BIFF;
            uint16_t dt = u16(r.data + 2);
            if (sheet >= 0 && !nested && dt != 0x0010 && dt != 0x0005) {
                /* a chart inside the sheet: its records are its own, and
                 * the sheet's (merges among them) go on after its EOF */
                outer = sheet;
                nested = 1;
                sheet = -1;
                continue;
            }
            if (open_substream) /* a sheet without its EOF: freexl leaks */
                return OGI_ERROR_CORRUPT;
            in_globals = dt == 0x0005;
            sheet = dt == 0x0010 ? sheet_at(offsets, *nsheets, r.offset) : -1;
            reached += sheet >= 0;
            seen_bof = 1;
            open_substream = 1;
            dimensions = 0;
            nested = 0;
        } else if (!seen_bof || (r.type == 0 && open_substream)) {
            /* no record is numbered 0 (zeros after the last EOF are a
             * writer's padding); freexl loses memory over one */
            return OGI_ERROR_CORRUPT;
        } else if (r.type == REC_FILEPASS) {
            return OGI_ERROR_ENCRYPTED;
        } else if (r.type == REC_DIMENSIONS && !nested && r.len >= 12 &&
                   (uint64_t)u32(r.data + 4) * u16(r.data + 10) >
                       book->limits.max_cells * 8u + 65536u) {
            /* freexl allocates the whole grid DIMENSIONS states as it
             * opens the file: refuse an absurd one before it does */
            return OGI_ERROR_TOO_MANY_CELLS;
        } else if ((r.type == REC_DIMENSIONS && !nested && ++dimensions > 1) ||
                   (in_globals && r.type == REC_SST && ++ssts > 1)) {
            /* one of each is the format; freexl loses memory on a second */
            return OGI_ERROR_CORRUPT;
        } else if ((r.type == REC_SST && !sst_fits(w, &r)) || !strings_fit(&r)) {
            return OGI_ERROR_CORRUPT;
        } else if (r.type == REC_DIMENSIONS && !nested && r.len >= 12) {
            grid_rows = u32(r.data + 4);
            grid_cols = u16(r.data + 10);
        } else if (sheet >= 0 && !nested && is_cell_record(r.type) &&
                   (dimensions != 1 || !cell_in_grid(&r, grid_rows, grid_cols))) {
            return OGI_ERROR_CORRUPT;
        } else if (in_globals && r.type == REC_BOUNDSHEET) {
            if (!add_sheet(book, &r, offsets, nsheets))
                return *nsheets >= MAX_SHEETS ? OGI_ERROR_CORRUPT : OGI_ERROR_MEMORY;
        } else if (sheet >= 0 && r.type == REC_FORMULA) {
            err = read_formula(book, w, &r, first + (size_t)sheet);
        } else if (sheet >= 0 && r.type == REC_MERGEDCELLS) {
            err = read_merges(book, &r, first + (size_t)sheet);
        } else if (r.type == REC_EOF && nested) {
            nested = 0;
            sheet = outer;
        } else if (r.type == REC_EOF) {
            /* a worksheet has exactly one DIMENSIONS (freexl loses memory
             * on a sheet without) */
            if (sheet >= 0 && dimensions != 1)
                return OGI_ERROR_CORRUPT;
            in_globals = 0;
            sheet = -1;
            open_substream = 0;
        }
        if (err != OGI_OK)
            return err;
    }
    /* a listed worksheet with no sheet where the list says (freexl loses
     * memory on it too) */
    if (!seen_bof || reached != *nsheets)
        return OGI_ERROR_CORRUPT;
    /* a record cut off at the end: an interrupted upload */
    return got < 0 ? OGI_ERROR_CORRUPT : OGI_OK;
}

ogi_error ogi_biff_walk(ogi_book *book, const unsigned char *stream, size_t len)
{
    uint32_t *offsets = malloc(MAX_SHEETS * sizeof *offsets);
    if (!offsets)
        return OGI_ERROR_MEMORY;
    walker w = {stream, len, 0};
    size_t nsheets = 0;
    ogi_error err = walk(book, &w, offsets, &nsheets);
    free(offsets);
    return err;
}

/* ---- embedded charts ---- */

typedef struct span {
    size_t start, end;
} span;

/* The substreams embedded in worksheets (charts), in stream order; -1 on
 * a malformed stream or no memory, else their number. */
static long chart_spans(const unsigned char *stream, size_t len, span **out)
{
    walker w = {stream, len, 0};
    rec r;
    int got, in_sheet = 0, depth = 0;
    size_t n = 0, cap = 0, start = 0;
    span *v = NULL;
    while ((got = next_record(&w, &r)) == 1) {
        if (r.type == REC_BOF && r.len >= 4) {
            uint16_t dt = u16(r.data + 2);
            if (in_sheet && (depth > 0 || (dt != 0x0010 && dt != 0x0005))) {
                if (depth++ == 0)
                    start = r.offset;
            } else {
                in_sheet = dt == 0x0010;
            }
        } else if (r.type == REC_EOF && depth > 0) {
            if (--depth > 0)
                continue;
            if (n == cap) {
                cap = cap ? cap * 2 : 8;
                span *grown = realloc(v, cap * sizeof *grown);
                if (!grown) {
                    free(v);
                    return -1;
                }
                v = grown;
            }
            v[n++] = (span){start, w.pos};
        } else if (r.type == REC_EOF) {
            in_sheet = 0;
        }
    }
    if (got < 0 || depth > 0) {
        free(v);
        return -1;
    }
    *out = v;
    return (long)n;
}

/* Bytes of the spans that start before offset. */
static size_t removed_before(const span *v, size_t n, size_t offset)
{
    size_t gone = 0;
    for (size_t i = 0; i < n && v[i].start < offset; i++)
        gone += v[i].end - v[i].start;
    return gone;
}

size_t ogi_biff_without_charts(const unsigned char *stream, size_t len, unsigned char **out)
{
    *out = NULL;
    span *v = NULL;
    long n = chart_spans(stream, len, &v);
    if (n <= 0 || !(*out = malloc(len))) {
        free(v);
        return 0;
    }
    size_t o = 0, pos = 0;
    for (long i = 0; i <= n; i++) {
        size_t end = i < n ? v[i].start : len;
        memcpy(*out + o, stream + pos, end - pos);
        o += end - pos;
        pos = i < n ? v[i].end : len;
    }
    /* the worksheet list gives where each sheet starts: move those */
    walker w = {*out, o, 0};
    rec r;
    while (next_record(&w, &r) == 1 && r.type != REC_EOF) {
        if (r.type != REC_BOUNDSHEET || r.len < 4)
            continue;
        uint32_t at = u32(r.data);
        uint32_t moved = at - (uint32_t)removed_before(v, (size_t)n, at);
        unsigned char *p = *out + r.offset + 4;
        p[0] = (unsigned char)moved;
        p[1] = (unsigned char)(moved >> 8);
        p[2] = (unsigned char)(moved >> 16);
        p[3] = (unsigned char)(moved >> 24);
    }
    free(v);
    return o;
}
