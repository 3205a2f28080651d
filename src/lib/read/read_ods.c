/*
 * read_ods.c - an OpenDocument spreadsheet: content.xml streamed through
 * expat. Positions advance by table:number-columns-repeated and
 * number-rows-repeated, so a run of empty rows or cells costs one
 * addition; a repeated cell or row that holds a value is stored once per
 * repetition (bounded by the cell limit). Spans become merges; covered
 * cells only advance the column (and give their value, if they hold one,
 * as an .xls does).
 */
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book.h"
#include "buf.h"
#include "common.h"
#include "ods_formula.h"
#include "readers.h"
#include "xml.h"

/* Bigger than any grid: positions saturate here instead of overflowing. */
#define FAR_AWAY (1ull << 40)

typedef enum value_kind { V_NONE, V_NUMBER, V_TEXT, V_BOOL, V_DATE, V_ERROR } value_kind;

typedef struct ods_cell {
    uint64_t repeat;
    uint64_t col_span, row_span;
    value_kind kind;
    double number;
    int formula;
    int has_a1;            /* formula_a1 holds the formula as A1 text */
    char formula_a1[2001]; /* the writer takes formulas of up to 2,000 bytes */
    int has_string_value;  /* office:string-value: the paragraphs do not count */
    char date[40];
    ogi_buf text;
    unsigned paragraphs;
    unsigned in_p; /* depth inside text:p / text:h */
    unsigned skip; /* depth inside an annotation, a note, a drawing */
} ods_cell;

/* Table styles with table:display="false" (a hidden sheet); more than
 * this many are not told apart, the sheets then read as visible. */
#define HIDDEN_STYLES 16
#define STYLE_NAME_MAX 64

typedef struct ods_state {
    ogi_book *book;
    char style[STYLE_NAME_MAX]; /* the table style being read, or "" */
    char hidden[HIDDEN_STYLES][STYLE_NAME_MAX];
    size_t nhidden;
    size_t sheet;
    int in_table;       /* inside a top-level table:table */
    unsigned sub_table; /* depth of tables nested in cells, ignored */
    uint64_t row, row_repeat, col;
    size_t row_first_cell, row_first_merge;
    int in_cell;
    ods_cell cell;
    size_t nmerges;
} ods_state;

static uint64_t attr_count(const char **attrs, const char *name)
{
    const char *v = ogi_xml_attr(attrs, OGI_NS_TABLE, name);
    if (!v)
        return 1;
    char *end;
    unsigned long long n = strtoull(v, &end, 10);
    if (end == v || n == 0)
        return 1;
    return n > FAR_AWAY ? FAR_AWAY : n;
}

static uint64_t advance(uint64_t pos, uint64_t by)
{
    return pos + by > FAR_AWAY ? FAR_AWAY : pos + by;
}

/* "PT12H30M05S" -> "12:30:05". */
STATIC int ogi_ods_time_text(const char *v, char *out, size_t size)
{
    unsigned long h = 0, m = 0;
    double s = 0;
    const char *p = strchr(v, 'T');
    if (!p)
        return 0;
    for (p++; *p;) {
        char *end;
        double n = g_ascii_strtod(p, &end);
        if (end == p || n < 0 || n > 1e9)
            return 0;
        if (*end == 'H')
            h = (unsigned long)n;
        else if (*end == 'M')
            m = (unsigned long)n;
        else if (*end == 'S')
            s = n;
        else
            return 0;
        p = end + 1;
    }
    unsigned long secs = (unsigned long)llround(s);
    int n = snprintf(out, size, "%02lu:%02lu:%02lu", h + (m + secs / 60) / 60, (m + secs / 60) % 60,
                     secs % 60);
    return n > 0 && (size_t)n < size;
}

/* "2020-01-01T12:00:00.5" -> "2020-01-01 12:00:00", as freexl shows an
 * .xls date. */
static void date_text(const char *v, char *out, size_t size)
{
    size_t n = 0;
    for (size_t i = 0; v[i] && v[i] != '.' && v[i] != 'Z' && v[i] != '+' && n + 1 < size; i++)
        out[n++] = v[i] == 'T' ? ' ' : v[i];
    out[n] = '\0';
}

static void start_cell_value(ods_cell *c, const char **attrs)
{
    const char *type = ogi_xml_attr(attrs, OGI_NS_OFFICE, "value-type");
    const char *ext = ogi_xml_attr(attrs, OGI_NS_CALCEXT, "value-type");
    const char *v;
    const char *formula = ogi_xml_attr(attrs, OGI_NS_TABLE, "formula");
    c->formula = formula != NULL;
    c->has_a1 = formula && ogi_ods_formula_a1(formula, c->formula_a1, sizeof c->formula_a1);
    if (ext && strcmp(ext, "error") == 0) {
        c->kind = V_ERROR; /* the paragraphs hold "#DIV/0!" */
    } else if (!type) {
        c->kind = V_NONE; /* text with no type, if any */
    } else if (strcmp(type, "float") == 0 || strcmp(type, "percentage") == 0 ||
               strcmp(type, "currency") == 0) {
        char *end;
        v = ogi_xml_attr(attrs, OGI_NS_OFFICE, "value");
        c->number = v ? g_ascii_strtod(v, &end) : 0;
        c->kind = v && end != v && isfinite(c->number) ? V_NUMBER : V_NONE;
    } else if (strcmp(type, "date") == 0 &&
               (v = ogi_xml_attr(attrs, OGI_NS_OFFICE, "date-value"))) {
        date_text(v, c->date, sizeof c->date);
        c->kind = V_DATE;
    } else if (strcmp(type, "time") == 0 &&
               (v = ogi_xml_attr(attrs, OGI_NS_OFFICE, "time-value"))) {
        c->kind = ogi_ods_time_text(v, c->date, sizeof c->date) ? V_DATE : V_NONE;
    } else if (strcmp(type, "boolean") == 0) {
        v = ogi_xml_attr(attrs, OGI_NS_OFFICE, "boolean-value");
        c->number = v && strcmp(v, "true") == 0;
        c->kind = V_BOOL;
    } else {
        c->kind = V_TEXT;
    }
}

static ogi_error start_cell(ods_state *st, const char **attrs)
{
    ods_cell *c = &st->cell;
    c->repeat = attr_count(attrs, "number-columns-repeated");
    c->col_span = attr_count(attrs, "number-columns-spanned");
    c->row_span = attr_count(attrs, "number-rows-spanned");
    c->text.len = 0;
    c->paragraphs = c->in_p = c->skip = 0;
    c->has_string_value = 0;
    start_cell_value(c, attrs);
    const char *sv = ogi_xml_attr(attrs, OGI_NS_OFFICE, "string-value");
    if (c->kind == V_TEXT && sv) {
        c->has_string_value = 1;
        return ogi_buf_add(&c->text, sv, strlen(sv));
    }
    return OGI_OK;
}

/* One repetition of the closed cell at (row, col). */
static ogi_error put_value_only(ods_state *st, uint32_t row, uint32_t col)
{
    ods_cell *c = &st->cell;
    const char *text = c->text.len ? c->text.data : "";
    switch (c->kind) {
    case V_NUMBER:
        return ogi_sheet_set_number(st->book, st->sheet, row, col, c->number, c->formula);
    case V_BOOL:
        return ogi_sheet_set_bool(st->book, st->sheet, row, col, c->number != 0, c->formula);
    case V_ERROR:
        return ogi_sheet_set_error(st->book, st->sheet, row, col, text, c->formula);
    case V_DATE: {
        ogi_error err =
            ogi_sheet_set_text(st->book, st->sheet, row, col, c->date, strlen(c->date), c->formula);
        if (err == OGI_OK)
            ogi_sheet_mark_date(st->book, st->sheet, row, col);
        return err;
    }
    default:
        return ogi_sheet_set_text(st->book, st->sheet, row, col, text, c->text.len, c->formula);
    }
}

/* The value, and the formula's A1 text for the marked-up workbook. */
static ogi_error put_value(ods_state *st, uint32_t row, uint32_t col)
{
    ogi_error err = put_value_only(st, row, col);
    if (err == OGI_OK && st->cell.has_a1)
        err = ogi_sheet_set_formula(st->book, st->sheet, row, col, st->cell.formula_a1);
    return err;
}

static int has_value(const ods_cell *c)
{
    switch (c->kind) {
    case V_NUMBER:
    case V_BOOL:
    case V_DATE:
        return 1;
    default: /* text, an error or an untyped cell: what the paragraphs say */
        return c->text.len > 0;
    }
}

static ogi_error add_span(ods_state *st, uint64_t col)
{
    const ods_cell *c = &st->cell;
    if (c->col_span <= 1 && c->row_span <= 1)
        return OGI_OK;
    uint64_t last_row = st->row + c->row_span - 1, last_col = col + c->col_span - 1;
    if (last_row >= OGI_MAX_ROWS || last_col >= OGI_MAX_COLS)
        return OGI_OK; /* a span off the grid is ignored, not trusted */
    if (++st->nmerges > OGI_MAX_MERGES)
        return OGI_ERROR_TOO_MANY_MERGES;
    ogi_merge m = {(uint32_t)st->row, (uint32_t)last_row, (uint32_t)col, (uint32_t)last_col};
    return ogi_sheet_add_merge(st->book, st->sheet, m);
}

static ogi_error end_cell(ods_state *st, int covered)
{
    ods_cell *c = &st->cell;
    uint64_t first = st->col;
    st->col = advance(st->col, c->repeat);
    int value = has_value(c);
    int span = !covered && (c->col_span > 1 || c->row_span > 1);
    if (!value && !span)
        return OGI_OK; /* an empty run: one addition, whatever its length */
    if (st->row >= OGI_MAX_ROWS || st->col > OGI_MAX_COLS)
        return value ? OGI_ERROR_SHEET_BOUNDS : OGI_OK;
    for (uint64_t col = first; col < st->col; col++) {
        ogi_error err = value ? put_value(st, (uint32_t)st->row, (uint32_t)col) : OGI_OK;
        if (err == OGI_OK && span)
            err = add_span(st, col);
        if (err != OGI_OK)
            return err;
    }
    return OGI_OK;
}

/* The repetitions of a row that holds values, copied from its first. */
static ogi_error repeat_row(ods_state *st)
{
    ogi_sheet *sheet = &st->book->sheets[st->sheet];
    size_t cells_end = sheet->ncells, merges_end = sheet->nmerges;
    if (st->row_repeat <= 1 ||
        (cells_end == st->row_first_cell && merges_end == st->row_first_merge))
        return OGI_OK;
    uint64_t repeat = st->row_repeat;
    if (st->row + repeat > OGI_MAX_ROWS) {
        if (cells_end > st->row_first_cell)
            return OGI_ERROR_SHEET_BOUNDS;
        repeat = OGI_MAX_ROWS - st->row; /* merged blanks: kept on the grid */
    }
    for (uint64_t r = 1; r < repeat; r++) {
        uint32_t row = (uint32_t)(st->row + r);
        for (size_t i = st->row_first_cell; i < cells_end; i++) {
            ogi_cell c = st->book->sheets[st->sheet].cells[i]; /* cells may move */
            ogi_error err;
            if (c.kind == OGI_CELL_NUMBER)
                err = ogi_sheet_set_number(st->book, st->sheet, row, c.col, c.number, c.is_formula);
            else if (c.kind == OGI_CELL_BOOL)
                err = ogi_sheet_set_bool(st->book, st->sheet, row, c.col, c.number != 0,
                                         c.is_formula);
            else if (c.kind == OGI_CELL_ERROR)
                err = ogi_sheet_set_error(st->book, st->sheet, row, c.col, c.text, c.is_formula);
            else
                err = ogi_sheet_set_text(st->book, st->sheet, row, c.col, c.text, c.text_len,
                                         c.is_formula);
            if (err == OGI_OK && c.is_date)
                ogi_sheet_mark_date(st->book, st->sheet, row, c.col);
            if (err == OGI_OK && c.formula) /* the same text in every repetition */
                err = ogi_sheet_set_formula(st->book, st->sheet, row, c.col, c.formula);
            if (err != OGI_OK)
                return err;
        }
        for (size_t i = st->row_first_merge; i < merges_end; i++) {
            ogi_merge m = st->book->sheets[st->sheet].merges[i];
            uint32_t height = m.last_row - m.first_row;
            m.first_row = row;
            m.last_row = row + height;
            if (m.last_row >= OGI_MAX_ROWS)
                continue;
            if (++st->nmerges > OGI_MAX_MERGES)
                return OGI_ERROR_TOO_MANY_MERGES;
            ogi_error err = ogi_sheet_add_merge(st->book, st->sheet, m);
            if (err != OGI_OK)
                return err;
        }
    }
    return OGI_OK;
}

static ogi_error start_table(ods_state *st, const char **attrs)
{
    const char *name = ogi_xml_attr(attrs, OGI_NS_TABLE, "name");
    char fallback[32];
    if (!name) {
        snprintf(fallback, sizeof fallback, "Sheet%zu", st->book->nsheets + 1);
        name = fallback;
    }
    ogi_sheet *sheet = ogi_book_add_sheet(st->book, name, strlen(name));
    if (!sheet)
        return OGI_ERROR_MEMORY;
    const char *style = ogi_xml_attr(attrs, OGI_NS_TABLE, "style-name");
    for (size_t i = 0; style && i < st->nhidden; i++)
        if (strcmp(st->hidden[i], style) == 0)
            sheet->hidden = OGI_SHEET_HIDDEN;
    st->sheet = st->book->nsheets - 1;
    st->in_table = 1;
    st->row = 0;
    st->nmerges = 0;
    return OGI_OK;
}

static void start_row(ods_state *st, const char **attrs)
{
    st->row_repeat = attr_count(attrs, "number-rows-repeated");
    st->col = 0;
    st->row_first_cell = st->book->sheets[st->sheet].ncells;
    st->row_first_merge = st->book->sheets[st->sheet].nmerges;
}

/* Text inside a cell: paragraphs, spans, spaces, tabs, line breaks.
 * Annotations (comments), notes, drawings and nested tables are skipped
 * whole. */
static ogi_error cell_text_start(ods_cell *c, ogi_xml_ns ns, const char *local, const char **attrs)
{
    if (c->skip > 0 || ns != OGI_NS_TEXT || strcmp(local, "note") == 0) {
        c->skip++;
        return OGI_OK;
    }
    if (c->has_string_value)
        return OGI_OK;
    if (strcmp(local, "p") == 0 || strcmp(local, "h") == 0) {
        c->in_p++;
        if (c->paragraphs++ > 0)
            return ogi_buf_add(&c->text, "\n", 1);
    } else if (c->in_p && strcmp(local, "s") == 0) {
        const char *n = ogi_xml_attr(attrs, OGI_NS_TEXT, "c");
        unsigned long count = n ? strtoul(n, NULL, 10) : 1;
        for (unsigned long i = 0; i < (count ? count : 1); i++) {
            ogi_error err = ogi_buf_add(&c->text, " ", 1);
            if (err != OGI_OK)
                return err;
        }
    } else if (c->in_p && strcmp(local, "tab") == 0) {
        return ogi_buf_add(&c->text, "\t", 1);
    } else if (c->in_p && strcmp(local, "line-break") == 0) {
        return ogi_buf_add(&c->text, "\n", 1);
    }
    return OGI_OK;
}

/* <style:style style:family="table" style:name=N> holding
 * <style:table-properties table:display="false"/>: tables of style N are
 * hidden sheets. */
static void style_start(ods_state *st, const char *local, const char **attrs)
{
    if (strcmp(local, "style") == 0) {
        const char *family = ogi_xml_attr(attrs, OGI_NS_STYLE, "family");
        const char *name = ogi_xml_attr(attrs, OGI_NS_STYLE, "name");
        st->style[0] = '\0';
        if (family && name && strcmp(family, "table") == 0 && strlen(name) < STYLE_NAME_MAX)
            strcpy(st->style, name);
    } else if (strcmp(local, "table-properties") == 0 && st->style[0]) {
        const char *display = ogi_xml_attr(attrs, OGI_NS_TABLE, "display");
        if (display && strcmp(display, "false") == 0 && st->nhidden < HIDDEN_STYLES)
            strcpy(st->hidden[st->nhidden++], st->style);
    }
}

static void ods_start(ogi_xml *xml, void *ud, ogi_xml_ns ns, const char *local, const char **attrs)
{
    ods_state *st = ud;
    ogi_error err = OGI_OK;
    if (ns == OGI_NS_STYLE && !st->in_table) {
        style_start(st, local, attrs);
    } else if (st->in_cell) {
        err = cell_text_start(&st->cell, ns, local, attrs);
    } else if (ns != OGI_NS_TABLE) {
        return;
    } else if (strcmp(local, "table") == 0) {
        if (st->in_table)
            st->sub_table++;
        else
            err = start_table(st, attrs);
    } else if (!st->in_table || st->sub_table) {
        return;
    } else if (strcmp(local, "table-row") == 0) {
        start_row(st, attrs);
    } else if (strcmp(local, "table-cell") == 0 || strcmp(local, "covered-table-cell") == 0) {
        st->in_cell = 1;
        err = start_cell(st, attrs);
    }
    if (err != OGI_OK)
        ogi_xml_stop(xml, err);
}

static void ods_end(ogi_xml *xml, void *ud, ogi_xml_ns ns, const char *local)
{
    ods_state *st = ud;
    ogi_error err = OGI_OK;
    ods_cell *c = &st->cell;
    if (st->in_cell && c->skip > 0) {
        c->skip--;
    } else if (st->in_cell && ns == OGI_NS_TEXT) {
        if ((strcmp(local, "p") == 0 || strcmp(local, "h") == 0) && c->in_p > 0)
            c->in_p--;
    } else if (ns != OGI_NS_TABLE) {
        return;
    } else if (st->in_cell &&
               (strcmp(local, "table-cell") == 0 || strcmp(local, "covered-table-cell") == 0)) {
        st->in_cell = 0;
        err = end_cell(st, local[0] == 'c');
    } else if (strcmp(local, "table") == 0) {
        if (st->sub_table)
            st->sub_table--;
        else
            st->in_table = 0;
    } else if (st->in_table && !st->sub_table && strcmp(local, "table-row") == 0) {
        err = st->row < OGI_MAX_ROWS ? repeat_row(st) : OGI_OK;
        st->row = advance(st->row, st->row_repeat);
    }
    if (err != OGI_OK)
        ogi_xml_stop(xml, err);
}

static void ods_text(ogi_xml *xml, void *ud, const char *s, size_t len)
{
    ods_state *st = ud;
    ods_cell *c = &st->cell;
    if (!st->in_cell || !c->in_p || c->skip || c->has_string_value)
        return;
    ogi_error err = ogi_buf_add(&c->text, s, len);
    if (err != OGI_OK)
        ogi_xml_stop(xml, err);
}

ogi_error ogi_read_ods(ogi_book *book, ogi_package *pkg)
{
    ods_state st = {0};
    st.book = book;
    ogi_buf_init(&st.cell.text, book->limits.max_string * 4u, OGI_ERROR_STRING_TOO_LONG);
    ogi_xml_handlers h = {ods_start, ods_end, ods_text, book->deadline_ns};
    ogi_error err = ogi_xml_parse_part(pkg, "content.xml", &h, &st);
    ogi_buf_free(&st.cell.text);
    return err;
}
