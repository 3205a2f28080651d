/*
 * read_xlsx.c - an .xlsx/.xlsm: sheets in the order workbook.xml lists
 * them, found through its relationships, each worksheet streamed through
 * expat into the book. The row and cell positions come from the r
 * attributes when present and by counting when not, so a missing
 * <dimension> or r attribute changes nothing.
 */
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book.h"
#include "buf.h"
#include "common.h"
#include "readers.h"
#include "xlsx.h"
#include "xml.h"

/* Excel's own limit is 8,192 characters; the writer takes 2,000 bytes. */
#define MAX_FORMULA_BYTES 2000

typedef enum cell_type { T_NUMBER, T_SHARED, T_STR, T_INLINE, T_BOOL, T_ERROR, T_DATE } cell_type;

typedef struct sheet_state {
    ogi_book *book;
    size_t sheet;
    const ogi_xlsx *x;
    int64_t row; /* of the current <row>, -1 before the first */
    int64_t col; /* of the last <c>, -1 at the start of a row */
    int in_data; /* inside <sheetData> */
    int in_cell, in_v, in_is, in_t, in_f, phonetic;
    cell_type type;
    uint32_t style;
    int formula;
    ogi_buf text; /* the <v> or inline string being read */
    ogi_buf f;    /* the formula's text, when it can be written back */
    int f_plain;  /* an ordinary formula: not shared, array or table */
    size_t nmerges;
} sheet_state;

/* "AB12" (with optional $) -> 0-based column and row; *end after it.
 * 0 when malformed; values saturate far beyond the grid. */
STATIC int ogi_a1_parse(const char *s, const char **end, uint64_t *row, uint64_t *col)
{
    uint64_t c = 0, r = 0;
    size_t i = 0, letters = 0, digits = 0;
    if (s[i] == '$')
        i++;
    for (; (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'); i++, letters++)
        if (c < (1ull << 40))
            c = c * 26 + (uint64_t)((s[i] | 0x20) - 'a' + 1);
    if (s[i] == '$')
        i++;
    for (; s[i] >= '0' && s[i] <= '9'; i++, digits++)
        if (r < (1ull << 40))
            r = r * 10 + (uint64_t)(s[i] - '0');
    if (letters == 0 || digits == 0 || r == 0)
        return 0;
    *row = r - 1;
    *col = c - 1;
    if (end)
        *end = s + i;
    return 1;
}

/* An ISO 8601 date (t="d") as the same text: "2020-01-01T12:00:00". */
static size_t iso_date_text(const char *iso, size_t len, char *out, size_t size)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n + 1 < size && iso[i] != 'Z' && iso[i] != '+' && iso[i] != '.';
         i++)
        out[n++] = iso[i] == 'T' ? ' ' : iso[i];
    out[n] = '\0';
    return n;
}

static ogi_error put_number(sheet_state *st, uint32_t row, uint32_t col, const char *v)
{
    char *end;
    double number = g_ascii_strtod(v, &end);
    while (*end == ' ')
        end++;
    if (end == v || *end || !isfinite(number))
        return OGI_ERROR_CORRUPT;
    ogi_date_kind kind =
        st->style < st->x->nxf ? (ogi_date_kind)st->x->xf_date[st->style] : OGI_DATE_NONE;
    char date[40];
    if (kind != OGI_DATE_NONE &&
        ogi_serial_date_text(number, st->x->date1904, kind, date, sizeof date)) {
        ogi_error err =
            ogi_sheet_set_text(st->book, st->sheet, row, col, date, strlen(date), st->formula);
        if (err == OGI_OK)
            ogi_sheet_mark_date(st->book, st->sheet, row, col);
        return err;
    }
    return ogi_sheet_set_number(st->book, st->sheet, row, col, number, st->formula);
}

static ogi_error put_shared(sheet_state *st, uint32_t row, uint32_t col, const char *v)
{
    char *end;
    unsigned long index = strtoul(v, &end, 10);
    if (end == v || *end || index >= st->x->nsst)
        return OGI_ERROR_CORRUPT;
    const ogi_xlsx_string *s = &st->x->sst[index];
    if (s->len == 0)
        return OGI_OK; /* an empty string is no value */
    return ogi_sheet_set_text(st->book, st->sheet, row, col, s->text, s->len, st->formula);
}

/* The cell just closed, by its t attribute. */
static ogi_error put_cell(sheet_state *st)
{
    uint32_t row = (uint32_t)st->row, col = (uint32_t)st->col;
    const char *v = st->text.len ? st->text.data : "";
    size_t len = st->text.len;
    if (len == 0 && st->formula) /* a formula never computed */
        return ogi_sheet_set_uncomputed(st->book, st->sheet, row, col);
    if (len == 0)
        return OGI_OK; /* a styled blank */
    switch (st->type) {
    case T_SHARED:
        return put_shared(st, row, col, v);
    case T_STR:
    case T_INLINE:
        return ogi_sheet_set_text(st->book, st->sheet, row, col, v,
                                  ogi_xstring_decode(st->text.data, len), st->formula);
    case T_BOOL:
        return ogi_sheet_set_bool(st->book, st->sheet, row, col,
                                  strcmp(v, "1") == 0 || strcmp(v, "true") == 0, st->formula);
    case T_ERROR:
        return ogi_sheet_set_error(st->book, st->sheet, row, col, v, st->formula);
    case T_DATE: {
        char date[40];
        size_t n = iso_date_text(v, len, date, sizeof date);
        ogi_error err = ogi_sheet_set_text(st->book, st->sheet, row, col, date, n, st->formula);
        if (err == OGI_OK)
            ogi_sheet_mark_date(st->book, st->sheet, row, col);
        return err;
    }
    default:
        return put_number(st, row, col, v);
    }
}

/* The formula text of the cell just set, for the marked-up workbook to
 * write back: in OOXML it is already A1 text without "=". Shared-formula
 * children carry none; external and structured references ("[1]Sheet!A1",
 * "Table1[Col]") would not survive the copy; those cells keep their
 * values only. */
static ogi_error put_formula(sheet_state *st)
{
    if (!st->formula || !st->f_plain || st->f.len == 0 || memchr(st->f.data, '[', st->f.len))
        return OGI_OK;
    return ogi_sheet_set_formula(st->book, st->sheet, (uint32_t)st->row, (uint32_t)st->col,
                                 st->f.data);
}

static cell_type type_of(const char *t)
{
    if (!t || strcmp(t, "n") == 0)
        return T_NUMBER;
    if (strcmp(t, "s") == 0)
        return T_SHARED;
    if (strcmp(t, "str") == 0)
        return T_STR;
    if (strcmp(t, "inlineStr") == 0)
        return T_INLINE;
    if (strcmp(t, "b") == 0)
        return T_BOOL;
    if (strcmp(t, "e") == 0)
        return T_ERROR;
    if (strcmp(t, "d") == 0)
        return T_DATE;
    return T_NUMBER;
}

static ogi_error start_row(sheet_state *st, const char **attrs)
{
    const char *r = ogi_xml_attr(attrs, OGI_NS_NONE, "r");
    uint64_t row = (uint64_t)(st->row + 1);
    if (r) {
        char *end;
        unsigned long long n = strtoull(r, &end, 10);
        if (end == r || *end || n == 0)
            return OGI_ERROR_CORRUPT;
        row = n - 1;
    }
    if (row >= OGI_MAX_ROWS)
        return OGI_ERROR_SHEET_BOUNDS;
    st->row = (int64_t)row;
    st->col = -1;
    return OGI_OK;
}

static ogi_error start_cell(sheet_state *st, const char **attrs)
{
    const char *r = ogi_xml_attr(attrs, OGI_NS_NONE, "r");
    uint64_t row = (uint64_t)(st->row < 0 ? 0 : st->row), col = (uint64_t)(st->col + 1);
    const char *end;
    if (r && (!ogi_a1_parse(r, &end, &row, &col) || *end))
        return OGI_ERROR_CORRUPT;
    if (row >= OGI_MAX_ROWS || col >= OGI_MAX_COLS)
        return OGI_ERROR_SHEET_BOUNDS;
    st->row = (int64_t)row;
    st->col = (int64_t)col;
    st->type = type_of(ogi_xml_attr(attrs, OGI_NS_NONE, "t"));
    const char *s = ogi_xml_attr(attrs, OGI_NS_NONE, "s");
    unsigned long style = s ? strtoul(s, NULL, 10) : 0;
    st->style = style > UINT32_MAX ? UINT32_MAX : (uint32_t)style;
    st->formula = 0;
    st->in_cell = 1;
    st->text.len = 0;
    return OGI_OK;
}

static ogi_error add_merge(sheet_state *st, const char *ref)
{
    uint64_t r1, c1, r2, c2;
    const char *end;
    if (!ref || !ogi_a1_parse(ref, &end, &r1, &c1) || *end != ':' ||
        !ogi_a1_parse(end + 1, &end, &r2, &c2) || *end)
        return OGI_OK; /* a nonsense range is ignored, not trusted */
    if (r1 > r2 || c1 > c2 || r2 >= OGI_MAX_ROWS || c2 >= OGI_MAX_COLS || (r1 == r2 && c1 == c2))
        return OGI_OK;
    if (++st->nmerges > OGI_MAX_MERGES)
        return OGI_ERROR_TOO_MANY_MERGES;
    ogi_merge m = {(uint32_t)r1, (uint32_t)r2, (uint32_t)c1, (uint32_t)c2};
    return ogi_sheet_add_merge(st->book, st->sheet, m);
}

static void sheet_start(ogi_xml *xml, void *ud, ogi_xml_ns ns, const char *local,
                        const char **attrs)
{
    sheet_state *st = ud;
    if (ns != OGI_NS_SSML)
        return;
    ogi_error err = OGI_OK;
    if (st->in_cell) {
        if (strcmp(local, "v") == 0) {
            st->in_v = 1;
            st->text.len = 0;
        } else if (strcmp(local, "f") == 0) {
            const char *t = ogi_xml_attr(attrs, OGI_NS_NONE, "t");
            st->formula = st->in_f = 1;
            st->f_plain = !t || strcmp(t, "normal") == 0;
            st->f.len = 0;
        } else if (strcmp(local, "is") == 0) {
            st->in_is = 1;
        } else if (strcmp(local, "rPh") == 0) {
            st->phonetic++;
        } else if (strcmp(local, "t") == 0) {
            st->in_t = st->in_is && !st->phonetic;
        }
    } else if (strcmp(local, "sheetData") == 0) {
        st->in_data = 1;
    } else if (st->in_data && strcmp(local, "row") == 0) {
        err = start_row(st, attrs);
    } else if (st->in_data && strcmp(local, "c") == 0) {
        err = start_cell(st, attrs);
    } else if (strcmp(local, "mergeCell") == 0) {
        err = add_merge(st, ogi_xml_attr(attrs, OGI_NS_NONE, "ref"));
    }
    if (err != OGI_OK)
        ogi_xml_stop(xml, err);
}

static void sheet_end(ogi_xml *xml, void *ud, ogi_xml_ns ns, const char *local)
{
    sheet_state *st = ud;
    if (ns != OGI_NS_SSML)
        return;
    if (!st->in_cell) {
        if (strcmp(local, "sheetData") == 0)
            st->in_data = 0;
        return;
    }
    if (strcmp(local, "v") == 0) {
        st->in_v = 0;
    } else if (strcmp(local, "f") == 0) {
        st->in_f = 0;
    } else if (strcmp(local, "t") == 0) {
        st->in_t = 0;
    } else if (strcmp(local, "rPh") == 0 && st->phonetic > 0) {
        st->phonetic--;
    } else if (strcmp(local, "is") == 0) {
        st->in_is = 0;
    } else if (strcmp(local, "c") == 0) {
        st->in_cell = st->in_v = st->in_is = st->in_t = st->in_f = st->phonetic = 0;
        size_t before = st->book->sheets[st->sheet].ncells;
        ogi_error err = put_cell(st);
        if (err == OGI_OK && st->book->sheets[st->sheet].ncells > before)
            err = put_formula(st);
        if (err != OGI_OK)
            ogi_xml_stop(xml, err);
    }
}

static void sheet_text(ogi_xml *xml, void *ud, const char *s, size_t len)
{
    sheet_state *st = ud;
    if (st->in_f && st->f_plain) {
        if (ogi_buf_add(&st->f, s, len) != OGI_OK)
            st->f_plain = 0; /* too long to write back: the value only */
        return;
    }
    if (!st->in_v && !st->in_t)
        return;
    ogi_error err = ogi_buf_add(&st->text, s, len);
    if (err != OGI_OK)
        ogi_xml_stop(xml, err);
}

static ogi_error read_worksheet(ogi_book *book, ogi_package *pkg, const ogi_xlsx *x,
                                const ogi_xlsx_sheet *sheet, const char *part)
{
    ogi_sheet *added = ogi_book_add_sheet(book, sheet->name, strlen(sheet->name));
    if (!added)
        return OGI_ERROR_MEMORY;
    added->hidden = sheet->hidden;
    sheet_state st = {0};
    st.book = book;
    st.sheet = book->nsheets - 1;
    st.x = x;
    st.row = -1;
    st.col = -1;
    ogi_buf_init(&st.text, x->max_string, OGI_ERROR_STRING_TOO_LONG);
    ogi_buf_init(&st.f, MAX_FORMULA_BYTES, OGI_ERROR_STRING_TOO_LONG);
    ogi_xml_handlers h = {sheet_start, sheet_end, sheet_text, book->deadline_ns};
    ogi_error err = ogi_xml_parse_part(pkg, part, &h, &st);
    ogi_buf_free(&st.text);
    ogi_buf_free(&st.f);
    return err;
}

/* Shared strings and styles, when the workbook has them. A styles part
 * that is missing only costs the dates. */
static ogi_error read_workbook_parts(ogi_xlsx *x, ogi_package *pkg)
{
    ogi_error err = OGI_OK;
    const ogi_xlsx_rel *sst = ogi_xlsx_rel_of_type(x, "/sharedStrings");
    if (sst)
        err = ogi_xlsx_read_shared_strings(x, pkg, sst->part);
    const ogi_xlsx_rel *styles = ogi_xlsx_rel_of_type(x, "/styles");
    if (err == OGI_OK && styles) {
        err = ogi_xlsx_read_styles(x, pkg, styles->part);
        if (err == OGI_ERROR_PART_MISSING)
            err = OGI_OK;
    }
    return err;
}

ogi_error ogi_read_xlsx(ogi_book *book, ogi_package *pkg, const char *workbook)
{
    ogi_xlsx x;
    ogi_xlsx_init(&x, book->limits.max_string * 4u, book->deadline_ns);
    ogi_error err = ogi_xlsx_read_workbook(&x, pkg, workbook);
    if (err == OGI_OK)
        err = ogi_xlsx_read_rels(&x, pkg, workbook);
    if (err == OGI_OK)
        err = read_workbook_parts(&x, pkg);
    for (size_t i = 0; err == OGI_OK && i < x.nsheets; i++) {
        const ogi_xlsx_rel *rel = ogi_xlsx_rel_by_id(&x, x.sheets[i].rel_id);
        if (!rel)
            err = OGI_ERROR_PART_MISSING;
        else if (strlen(rel->type) >= 10 &&
                 strcmp(rel->type + strlen(rel->type) - 10, "/worksheet") == 0)
            err = read_worksheet(book, pkg, &x, &x.sheets[i], rel->part);
        /* chart, dialog and macro sheets hold no tables */
    }
    ogi_xlsx_free(&x);
    return err;
}
