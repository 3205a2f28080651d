/*
 * read_biff.c - the records of a BIFF8 Workbook stream that hold cells.
 *
 * ogi decodes them itself: freexl (Debian's 1.0.6) drops FORMULA cells
 * (agencies' totals are often =SUM(...)), walks a dense grid of the
 * DIMENSIONS the file claims, says FREEXL_OK with no handle for some
 * files, and leaks memory on most damaged files (docs/security.md).
 */
#include "read_biff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "biff_sst.h"
#include "buf.h"
#include "common.h"
#include "dates.h"
#include "formula.h"

enum {
    REC_FORMULA = 0x0006,
    REC_EOF = 0x000A,
    REC_DATEMODE = 0x0022,
    REC_FILEPASS = 0x002F,
    REC_CONTINUE = 0x003C,
    REC_BOUNDSHEET = 0x0085,
    REC_MULRK = 0x00BD,
    REC_RSTRING = 0x00D6,
    REC_XF = 0x00E0,
    REC_MERGEDCELLS = 0x00E5,
    REC_SST = 0x00FC,
    REC_LABELSST = 0x00FD,
    REC_NUMBER = 0x0203,
    REC_LABEL = 0x0204,
    REC_BOOLERR = 0x0205,
    REC_STRING = 0x0207,
    REC_ARRAY = 0x0221,
    REC_TABLE = 0x0236,
    REC_RK = 0x027E,
    REC_FORMAT = 0x041E,
    REC_SHRFMLA = 0x04BC,
    REC_BOF = 0x0809
};

#define MAX_SHEETS 4096
#define MAX_COL 255 /* BIFF8: columns A to IV */
#define MAX_FORMAT_ID 65536

typedef struct rec {
    uint16_t type;
    const unsigned char *data;
    size_t len;
    size_t offset; /* of the record header in the stream */
} rec;

/* A shared formula (SHRFMLA): its tokens, relative to each cell of its
 * range, point into the stream. */
typedef struct shared_fmla {
    uint32_t first_row, last_row, first_col, last_col;
    const unsigned char *tokens;
    size_t len;
} shared_fmla;

typedef struct shared_set {
    shared_fmla *v;
    size_t n, cap;
} shared_set;

typedef struct walker {
    const unsigned char *s;
    size_t len, pos;
    shared_set *shared; /* of the current sheet */
} walker;

/* What the workbook globals say, and where the walk is. */
typedef struct biff {
    ogi_book *book;
    walker w;
    uint32_t offsets[MAX_SHEETS]; /* BOF offset of each worksheet */
    size_t nsheets, first;        /* first: index of sheet 0 in book */
    ogi_sst sst;
    uint16_t *xf_format; /* format id of each XF */
    size_t nxf, xf_cap;
    uint8_t custom_kind[MAX_FORMAT_ID]; /* 1 + the ogi_date_kind of each FORMAT record */
    int date1904;
} biff;

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

/* An XLUnicodeString (16-bit count) at p, decoded into a malloc'd buffer. */
static char *unicode_string(const unsigned char *p, size_t avail, uint32_t max_chars, size_t *len,
                            ogi_error *err)
{
    *err = OGI_OK;
    if (avail < 3) {
        *err = OGI_ERROR_CORRUPT;
        return NULL;
    }
    size_t cch = u16(p);
    if (cch > max_chars) {
        *err = OGI_ERROR_STRING_TOO_LONG;
        return NULL;
    }
    size_t cap = cch * 4 + 8, used;
    char *out = malloc(cap);
    if (!out) {
        *err = OGI_ERROR_MEMORY;
        return NULL;
    }
    *len = ogi_biff_chars(p + 3, avail - 3, cch, p[2] & 1, out, 0, cap, &used);
    out[*len] = '\0'; /* ogi_biff_chars leaves room for it */
    return out;
}

/* A BOUNDSHEET record: a worksheet's name and where its substream starts. */
static ogi_error add_sheet(biff *b, const rec *r)
{
    /* a record too short for its fields is damage, not a lack of memory
     * (found by tests/fuzz/fuzz_freexl.c: "out of memory" for a 179 KB file) */
    if (r->len < 8)
        return OGI_ERROR_CORRUPT;
    /* only worksheets: charts and macro sheets hold no tables */
    if (r->data[5] != 0x00)
        return OGI_OK;
    if (b->nsheets >= MAX_SHEETS)
        return OGI_ERROR_CORRUPT;
    size_t cch = r->data[6];
    char name[1024];
    size_t used;
    size_t n =
        ogi_biff_chars(r->data + 8, r->len - 8, cch, r->data[7] & 1, name, 0, sizeof name, &used);
    ogi_sheet *sheet = ogi_book_add_sheet(b->book, name, n);
    if (!sheet)
        return OGI_ERROR_MEMORY;
    /* the hidden state: 0 visible, 1 hidden, 2 very hidden (3 undefined) */
    uint8_t state = r->data[4] & 3;
    sheet->hidden = state > OGI_SHEET_VERY_HIDDEN ? OGI_SHEET_HIDDEN : state;
    b->offsets[b->nsheets++] = u32(r->data);
    return OGI_OK;
}

static ogi_error add_xf(biff *b, const rec *r)
{
    if (r->len < 4)
        return OGI_ERROR_CORRUPT;
    ogi_error err;
    uint16_t *formats = OGI_ARRAY_RESERVE(b->xf_format, &b->xf_cap, b->nxf + 1, 0, &err);
    if (!formats)
        return err;
    b->xf_format = formats;
    b->xf_format[b->nxf++] = u16(r->data + 2);
    return OGI_OK;
}

static ogi_error add_format(biff *b, const rec *r)
{
    if (r->len < 5)
        return OGI_ERROR_CORRUPT;
    uint16_t id = u16(r->data);
    size_t len;
    ogi_error err;
    char *code = unicode_string(r->data + 2, r->len - 2, 1024, &len, &err);
    if (!code)
        return err == OGI_ERROR_STRING_TOO_LONG ? OGI_OK : err; /* no format is that long */
    b->custom_kind[id] = (uint8_t)(1 + ogi_numfmt_date_kind(id, code));
    free(code);
    return OGI_OK;
}

/* A FORMAT record may redefine a built-in id: its own code wins. */
static ogi_date_kind xf_date_kind(const biff *b, uint16_t xf)
{
    if (xf >= b->nxf)
        return OGI_DATE_NONE;
    uint16_t id = b->xf_format[xf];
    return b->custom_kind[id] ? (ogi_date_kind)(b->custom_kind[id] - 1)
                              : ogi_numfmt_date_kind(id, NULL);
}

/* The SST and the CONTINUE records after it. */
static ogi_error read_sst(biff *b, const rec *r)
{
    size_t n = 1;
    walker peek = b->w;
    rec c;
    while (next_record(&peek, &c) == 1 && c.type == REC_CONTINUE)
        n++;
    ogi_biff_seg *segs = malloc(n * sizeof *segs);
    if (!segs)
        return OGI_ERROR_MEMORY;
    segs[0] = (ogi_biff_seg){r->data, r->len};
    for (size_t i = 1; i < n; i++) {
        next_record(&b->w, &c);
        segs[i] = (ogi_biff_seg){c.data, c.len};
    }
    ogi_sst_free(&b->sst); /* a second SST replaces the first */
    ogi_error err = ogi_sst_read(b->book, segs, n, &b->sst);
    free(segs);
    return err;
}

static ogi_error put_number(biff *b, size_t sheet, uint32_t row, uint32_t col, uint16_t xf,
                            double value, int is_formula)
{
    char date[40];
    ogi_date_kind kind = xf_date_kind(b, xf);
    if (kind != OGI_DATE_NONE &&
        ogi_serial_date_text(value, b->date1904, kind, date, sizeof date)) {
        ogi_error err =
            ogi_sheet_set_text(b->book, sheet, row, col, date, strlen(date), is_formula);
        if (err == OGI_OK)
            ogi_sheet_mark_date(b->book, sheet, row, col);
        return err;
    }
    return ogi_sheet_set_number(b->book, sheet, row, col, value, is_formula);
}

/* An RK number: a 30-bit integer or the top of a double, maybe / 100. */
static double rk_value(uint32_t rk)
{
    double v;
    if (rk & 2) {
        v = (double)((int32_t)rk >> 2);
    } else {
        uint64_t bits = (uint64_t)(rk & 0xFFFFFFFCu) << 32;
        memcpy(&v, &bits, sizeof v);
    }
    return (rk & 1) ? v / 100.0 : v;
}

/* A damaged file may hold a code Excel does not define: still an error. */
static const char *error_text(uint8_t code)
{
    const char *text = ogi_biff_error_text(code);
    return text ? text : "#ERROR!";
}

/* The STRING record after a string FORMULA, with its CONTINUEs. */
static ogi_error read_string_result(biff *b, size_t sheet, uint32_t row, uint32_t col)
{
    walker *w = &b->w;
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
    if (cch > b->book->limits.max_string)
        return OGI_ERROR_STRING_TOO_LONG;
    size_t cap = cch * 4 + 8;
    char *text = malloc(cap);
    if (!text)
        return OGI_ERROR_MEMORY;
    size_t used, o = ogi_biff_chars(r.data + 3, r.len - 3, cch, r.data[2] & 1, text, 0, cap, &used);
    size_t left = cch - used;
    while (left > 0) {
        walker save = *w;
        if (next_record(w, &r) != 1 || r.type != REC_CONTINUE || r.len < 1) {
            *w = save;
            break;
        }
        o = ogi_biff_chars(r.data + 1, r.len - 1, left, r.data[0] & 1, text, o, cap, &used);
        left -= used;
        if (used == 0)
            break;
    }
    ogi_error err = ogi_sheet_set_text(b->book, sheet, row, col, text, o, 1);
    free(text);
    return err;
}

static ogi_error add_shared(shared_set *set, const rec *r)
{
    if (r->len < 10)
        return OGI_OK; /* too short to use: the cells keep their results */
    shared_fmla f = {u16(r->data), u16(r->data + 2), r->data[4],
                     r->data[5],   r->data + 10,     u16(r->data + 8)};
    if (10 + f.len > r->len)
        return OGI_OK;
    for (size_t i = 0; i < set->n; i++)
        if (set->v[i].first_row == f.first_row && set->v[i].first_col == f.first_col)
            return OGI_OK; /* seen ahead of its first cell */
    ogi_error err;
    shared_fmla *v = OGI_ARRAY_RESERVE(set->v, &set->cap, set->n + 1, 0, &err);
    if (!v)
        return err;
    set->v = v;
    set->v[set->n++] = f;
    return OGI_OK;
}

/* The shared formula a cell's ptgExp names: the SHRFMLA record follows
 * the first cell of its range, so that cell looks one record ahead. */
static const shared_fmla *find_shared(walker *w, uint32_t row, uint32_t col)
{
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < w->shared->n; i++) {
            const shared_fmla *f = &w->shared->v[i];
            if (row >= f->first_row && row <= f->last_row && col >= f->first_col &&
                col <= f->last_col)
                return f;
        }
        walker peek = *w;
        rec next;
        if (pass > 0 || next_record(&peek, &next) != 1 || next.type != REC_SHRFMLA ||
            add_shared(w->shared, &next) != OGI_OK)
            return NULL;
    }
    return NULL;
}

/* The formula's text, or "" when ogi cannot decode it (the cell then
 * keeps only its cached result). */
static void formula_text(walker *w, const rec *r, uint32_t row, uint32_t col, char *out,
                         size_t size)
{
    out[0] = '\0';
    size_t cce = r->len >= 22 ? u16(r->data + 20) : 0;
    if (cce == 0 || 22 + cce > r->len)
        return;
    const unsigned char *tokens = r->data + 22;
    if (tokens[0] == 0x01) { /* ptgExp: a shared formula */
        const shared_fmla *f = find_shared(w, row, col);
        if (!f)
            return;
        tokens = f->tokens;
        cce = f->len;
    }
    if (!ogi_formula_decode(tokens, cce, row, col, out, size))
        out[0] = '\0';
}

static ogi_error read_result(biff *b, const rec *r, size_t sheet)
{
    uint32_t row = u16(r->data), col = u16(r->data + 2);
    const unsigned char *v = r->data + 6;
    if (u16(v + 6) != 0xFFFF) {
        double d;
        memcpy(&d, v, sizeof d); /* little-endian IEEE, as the host */
        return put_number(b, sheet, row, col, u16(r->data + 4), d, 1);
    }
    switch (v[0]) {
    case 0:
        return read_string_result(b, sheet, row, col);
    case 1:
        return ogi_sheet_set_bool(b->book, sheet, row, col, v[2] != 0, 1);
    case 2:
        return ogi_sheet_set_error(b->book, sheet, row, col, error_text(v[2]), 1);
    default: /* an empty string result: nothing to read */
        return OGI_OK;
    }
}

static ogi_error read_formula(biff *b, const rec *r, size_t sheet)
{
    if (r->len < 20)
        return OGI_ERROR_CORRUPT;
    uint32_t row = u16(r->data), col = u16(r->data + 2);
    char text[2048];
    formula_text(&b->w, r, row, col, text, sizeof text);
    ogi_error err = read_result(b, r, sheet);
    if (err == OGI_OK && text[0])
        err = ogi_sheet_set_formula(b->book, sheet, row, col, text);
    return err;
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
        if (m.first_row > m.last_row || m.first_col > m.last_col || m.last_col > MAX_COL)
            continue; /* a nonsense range is ignored, not trusted */
        ogi_error err = ogi_sheet_add_merge(book, sheet, m);
        if (err != OGI_OK)
            return err;
    }
    return OGI_OK;
}

static ogi_error read_mulrk(biff *b, const rec *r, size_t sheet)
{
    if (r->len < 6)
        return OGI_ERROR_CORRUPT;
    uint32_t row = u16(r->data), col = u16(r->data + 2);
    size_t n = (r->len - 6) / 6;
    if (col + n > MAX_COL + 1)
        return OGI_ERROR_CORRUPT;
    for (size_t i = 0; i < n; i++) {
        const unsigned char *p = r->data + 4 + i * 6;
        ogi_error err =
            put_number(b, sheet, row, col + (uint32_t)i, u16(p), rk_value(u32(p + 2)), 0);
        if (err != OGI_OK)
            return err;
    }
    return OGI_OK;
}

static ogi_error read_label(biff *b, const rec *r, size_t sheet)
{
    if (r->len < 9)
        return OGI_ERROR_CORRUPT;
    size_t len;
    ogi_error err;
    char *text = unicode_string(r->data + 6, r->len - 6, b->book->limits.max_string, &len, &err);
    if (!text)
        return err;
    err = ogi_sheet_set_text(b->book, sheet, u16(r->data), u16(r->data + 2), text, len, 0);
    free(text);
    return err;
}

static int is_cell_record(uint16_t type)
{
    return type == REC_NUMBER || type == REC_RK || type == REC_MULRK || type == REC_LABELSST ||
           type == REC_LABEL || type == REC_RSTRING || type == REC_BOOLERR || type == REC_FORMULA;
}

/* A cell record of a worksheet. */
static ogi_error read_cell(biff *b, const rec *r, size_t sheet)
{
    const unsigned char *d = r->data;
    /* BIFF8 has 256 columns: a cell past them is damage, and would make
     * the marked-up copy absurdly wide */
    if (is_cell_record(r->type) && r->len >= 4 && u16(d + 2) > MAX_COL)
        return OGI_ERROR_CORRUPT;
    switch (r->type) {
    case REC_NUMBER: {
        if (r->len < 14)
            return OGI_ERROR_CORRUPT;
        double v;
        memcpy(&v, d + 6, sizeof v); /* little-endian IEEE, as the host */
        return put_number(b, sheet, u16(d), u16(d + 2), u16(d + 4), v, 0);
    }
    case REC_RK:
        if (r->len < 10)
            return OGI_ERROR_CORRUPT;
        return put_number(b, sheet, u16(d), u16(d + 2), u16(d + 4), rk_value(u32(d + 6)), 0);
    case REC_MULRK:
        return read_mulrk(b, r, sheet);
    case REC_LABELSST: {
        if (r->len < 10)
            return OGI_ERROR_CORRUPT;
        uint32_t i = u32(d + 6);
        if (i >= b->sst.n)
            return OGI_OK; /* past a cut-off table: an empty cell */
        return ogi_sheet_set_text(b->book, sheet, u16(d), u16(d + 2), b->sst.text[i], b->sst.len[i],
                                  0);
    }
    case REC_LABEL:
    case REC_RSTRING:
        return read_label(b, r, sheet);
    case REC_BOOLERR:
        if (r->len < 8)
            return OGI_ERROR_CORRUPT;
        if (d[7])
            return ogi_sheet_set_error(b->book, sheet, u16(d), u16(d + 2), error_text(d[6]), 0);
        return ogi_sheet_set_bool(b->book, sheet, u16(d), u16(d + 2), d[6] != 0, 0);
    case REC_FORMULA:
        return read_formula(b, r, sheet);
    case REC_SHRFMLA:
        return add_shared(b->w.shared, r);
    case REC_MERGEDCELLS:
        return read_merges(b->book, r, sheet);
    default:
        return OGI_OK;
    }
}

static ogi_error read_global(biff *b, const rec *r)
{
    switch (r->type) {
    case REC_BOUNDSHEET:
        return add_sheet(b, r);
    case REC_SST:
        return read_sst(b, r);
    case REC_XF:
        return add_xf(b, r);
    case REC_FORMAT:
        return add_format(b, r);
    case REC_DATEMODE:
        b->date1904 = r->len >= 2 && u16(r->data) == 1;
        return OGI_OK;
    default:
        return OGI_OK;
    }
}

/* Index of the worksheet whose BOF is at offset, or -1. */
static long sheet_at(const biff *b, size_t offset)
{
    for (size_t i = 0; i < b->nsheets; i++)
        if (b->offsets[i] == offset)
            return (long)i;
    return -1;
}

static ogi_error walk(biff *b)
{
    rec r;
    int got;
    long sheet = -1;
    int in_globals = 0, seen_bof = 0;
    long outer = -1; /* the worksheet around an embedded chart's substream */
    int nested = 0;
    for (size_t n = 1; (got = next_record(&b->w, &r)) == 1; n++) {
        ogi_error err = n % 4096 == 0 ? ogi_book_check_time(b->book) : OGI_OK;
        if (err != OGI_OK)
            return err;
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
            in_globals = dt == 0x0005;
            /* the BOUNDSHEET records say which substream is a worksheet;
             * a damaged type in its BOF does not make it something else
             * (LibreOffice and freexl read it too: tests/freexl) */
            sheet = in_globals ? -1 : sheet_at(b, r.offset);
            seen_bof = 1;
            nested = 0;
            b->w.shared->n = 0;
        } else if (!seen_bof) {
            return OGI_ERROR_CORRUPT;
        } else if (r.type == REC_FILEPASS) {
            return OGI_ERROR_ENCRYPTED;
        } else if (in_globals) {
            err = read_global(b, &r);
        } else if (sheet >= 0) {
            err = read_cell(b, &r, b->first + (size_t)sheet);
        }
        if (r.type == REC_EOF && nested) {
            nested = 0;
            sheet = outer;
        } else if (r.type == REC_EOF) {
            in_globals = 0;
            sheet = -1;
        }
        if (err != OGI_OK)
            return err;
    }
    if (!seen_bof)
        return OGI_ERROR_CORRUPT;
    /* a record cut off at the end: an interrupted upload */
    return got < 0 ? OGI_ERROR_CORRUPT : OGI_OK;
}

ogi_error ogi_biff_walk(ogi_book *book, const unsigned char *stream, size_t len)
{
    biff *b = calloc(1, sizeof *b);
    if (!b)
        return OGI_ERROR_MEMORY;
    b->book = book;
    shared_set shared = {NULL, 0, 0};
    b->w = (walker){stream, len, 0, &shared};
    b->first = book->nsheets;
    ogi_error err = walk(b);
    ogi_sst_free(&b->sst);
    free(shared.v);
    free(b->xf_format);
    free(b);
    return err;
}
