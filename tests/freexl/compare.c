/*
 * compare.c - freexl and ogi on the same .xls, cell by cell.
 *
 * freexl (Debian's libfreexl, an independent BIFF8 reader) is the
 * reference for ogi's own decoder (src/lib/read/read_biff.c): where the
 * two disagree, one of them is wrong. Each kind of difference is a row of
 * the table below, which says which reader is right and why; a difference
 * of no documented kind is an error of the test.
 */
#include "compare.h"

#include <freexl.h>
#include <math.h>
#include <string.h>

#include "book.h"

/* Kinds of difference. */
typedef enum diff_kind {
    DIFF_NONE = 0,
    DIFF_FORMULA_RESULT, /* ogi has a formula's cached result, freexl nothing */
    DIFF_NAN,            /* a NaN or infinite number: ogi's #NUM! */
    DIFF_LONG_TEXT,      /* a text across CONTINUE records */
    DIFF_OUTSIDE_DIMS,   /* a cell past the sheet's DIMENSIONS record */
    DIFF_SANITIZED_TEXT, /* invalid UTF-8 or NUL that ogi replaced */
    DIFF_EMPTY_SHEET,    /* freexl reads a worksheet as empty, ogi has cells */
    DIFF_BOOL,           /* a TRUE/FALSE cell against something else */
    DIFF_ERROR,          /* an error cell (#DIV/0!...) against something else */
    DIFF_TYPE,           /* one reader a number, the other a text */
    DIFF_NUMBER,         /* two numbers */
    DIFF_TEXT,           /* two texts */
    DIFF_ONLY_OGI,       /* ogi a value, freexl an empty cell */
    DIFF_ONLY_FREEXL,    /* freexl a value, ogi an empty cell */
    DIFF_SHEETS,         /* the worksheets (names, order) */
    DIFF_SHEET_NAME,     /* the same worksheet, another name */
    DIFF_SHEET_ONLY_OGI, /* a worksheet freexl does not list */
    DIFF_COUNT
} diff_kind;

/* How far a kind of difference is documented. */
enum { UNDOCUMENTED = 0, DOCUMENTED = 1, DOCUMENTED_ON_DAMAGE = 2 };

typedef struct diff_doc {
    const char *name;
    int documented; /* DOCUMENTED: deliberate or known, the test passes;
                       DOCUMENTED_ON_DAMAGE: on fuzzed (damaged) input only */
    const char *right;
} diff_doc;

/* What ogi does differently on purpose, and where freexl 1.0.6 (Debian
 * 12) is known to be wrong: each row was seen on the repository's files
 * and checked against LibreOffice. */
static const diff_doc docs[DIFF_COUNT] = {
    [DIFF_NONE] = {"same", 1, ""},
    [DIFF_FORMULA_RESULT] = {"formula result", 1,
                             "ogi is right: a FORMULA record caches the result Excel and "
                             "LibreOffice show (a number, text, boolean or error); freexl 1.0.6 "
                             "gives an empty cell for every formula"},
    [DIFF_NAN] = {"NaN number", 1,
                  "ogi is right by design (docs/security.md): a NaN or infinite number, which "
                  "no spreadsheet shows as such, becomes the error #NUM!"},
    [DIFF_LONG_TEXT] = {"text across CONTINUE records", 1,
                        "ogi is right (LibreOffice reads the same text): a string of more than "
                        "one record's 8,224 bytes goes on in CONTINUE records; freexl 1.0.6 "
                        "decodes it wrongly past a record boundary (in tests/fixtures/bad/long-strings.xls "
                        "the first 7,387 of 32,767 characters agree, then other characters)"},
    [DIFF_OUTSIDE_DIMS] = {"cell outside DIMENSIONS", DOCUMENTED_ON_DAMAGE,
                           "ogi is right (LibreOffice shows the same cell, found by the fuzzer): "
                           "the cell record is there; freexl looks only inside the range a "
                           "damaged DIMENSIONS record claims (and refuses "
                           "tests/fixtures/bad/wrong-dimensions.xls whole)"},
    [DIFF_SANITIZED_TEXT] = {"text made valid UTF-8", 1,
                             "ogi is right by design (docs/security.md): invalid UTF-8 becomes "
                             "U+FFFD and NUL a space, so that JSON, the workbook and a terminal "
                             "get valid text (freexl's text ends at a NUL)"},
    [DIFF_EMPTY_SHEET] = {"worksheet freexl reads empty", 1,
                          "ogi is right (LibreOffice reads the same cells): after a damaged record "
                          "(found by the fuzzer: a DELTA record whose length swallows a sheet's "
                          "EOF) freexl 1.0.6 gives this and every later worksheet no cells, where "
                          "ogi and LibreOffice find each sheet at the offset its BOUNDSHEET "
                          "record gives"},
    [DIFF_BOOL] = {"boolean", 0, NULL},
    [DIFF_ERROR] = {"error value", 0, NULL},
    [DIFF_TYPE] = {"number against text", 0, NULL},
    [DIFF_NUMBER] = {"number", 0, NULL},
    [DIFF_TEXT] = {"text", 0, NULL},
    [DIFF_ONLY_OGI] = {"only ogi has a value", DOCUMENTED_ON_DAMAGE,
                       "ogi is right when the file is damaged (LibreOffice read the same value in "
                       "each case the fuzzer found, e.g. a NUMBER record cut in two): freexl 1.0.6 "
                       "drops a damaged cell record that ogi and LibreOffice read; on the "
                       "repository's own files this must not happen"},
    [DIFF_ONLY_FREEXL] = {"only freexl has a value", 0, NULL},
    [DIFF_SHEETS] = {"worksheets", 0, NULL},
    [DIFF_SHEET_ONLY_OGI] = {"worksheet only ogi has", DOCUMENTED_ON_DAMAGE,
                             "ogi is right (LibreOffice reads the same worksheet, found by the "
                             "fuzzer): in a damaged workbook freexl 1.0.6 listed no worksheet at "
                             "all"},
    [DIFF_SHEET_NAME] =
        {"worksheet name", DOCUMENTED_ON_DAMAGE,
         "ogi is right when the name's flags byte is damaged: [MS-XLS] defines only "
         "its bit 0 (1: UTF-16, 0: one byte a character), which ogi reads; freexl "
         "1.0.6 takes any non-zero flags for UTF-16 and LibreOffice 7.4 for a rich "
         "string (found by the fuzzer: flags 0x04 before \"Sheet1\" gave freexl "
         "\"\u6853\u6565\u3174\" and LibreOffice \"t1\")"},
};

static const char undecided[] =
    "undocumented: open the cell in LibreOffice to see which reader is right, then fix ogi "
    "or document the difference in tests/freexl/compare.c";

void xls_print_documented(FILE *f)
{
    for (int k = 1; k < DIFF_COUNT; k++)
        if (docs[k].documented)
            fprintf(f, "documented%s: %s: %s\n",
                    docs[k].documented == DOCUMENTED_ON_DAMAGE ? " (fuzzed input only)" : "",
                    docs[k].name, docs[k].right);
}

/* "AB12" for a 0-based row and column. */
static void cell_name(unsigned row, unsigned col, char *out, size_t size)
{
    char letters[8];
    int n = 0;
    for (unsigned c = col + 1; c > 0 && n < 7; c = (c - 1) / 26)
        letters[n++] = (char)('A' + (c - 1) % 26);
    size_t at = 0;
    while (n > 0 && at + 1 < size)
        out[at++] = letters[--n];
    snprintf(out + at, size - at, "%u", row + 1);
}

static int is_freexl_text(unsigned char type)
{
    return type == FREEXL_CELL_TEXT || type == FREEXL_CELL_SST_TEXT || type == FREEXL_CELL_DATE ||
           type == FREEXL_CELL_DATETIME || type == FREEXL_CELL_TIME;
}

static double freexl_number(const FreeXL_CellValue *v)
{
    return v->type == FREEXL_CELL_INT ? (double)v->value.int_value : v->value.double_value;
}

/* Does ogi's text equal freexl's after ogi's own cleaning (invalid UTF-8
 * to U+FFFD, NUL to a space)? Any U+FFFD or space in ogi's text may stand
 * for bytes freexl kept: the texts must agree everywhere else. */
static int sanitized_equal(const char *ogi, size_t ogi_len, const char *fx)
{
    const char *rep = "\xEF\xBF\xBD";
    size_t fl = strlen(fx);
    /* a NUL character: freexl's C string ends there, ogi's has a space */
    if (fl < ogi_len && memcmp(ogi, fx, fl) == 0 && ogi[fl] == ' ')
        return 1;
    int replaced = 0;
    for (size_t i = 0; i + 2 < ogi_len; i++)
        if (memcmp(ogi + i, rep, 3) == 0)
            replaced = 1;
    if (!replaced && !memchr(ogi, ' ', ogi_len))
        return 0;
    /* same prefix up to the first replacement, same suffix after the last */
    size_t p = 0, s = 0;
    while (p < ogi_len && p < fl && ogi[p] == fx[p])
        p++;
    while (s < ogi_len - p && s < fl - p && ogi[ogi_len - 1 - s] == fx[fl - 1 - s])
        s++;
    for (size_t i = p; i < ogi_len - s; i++)
        if (ogi[i] != ' ' && !(i + 2 < ogi_len && memcmp(ogi + i, rep, 3) == 0 && (i += 2, 1)))
            return 0;
    return 1;
}

/* Characters of UTF-8 text (bytes that start one). */
static size_t utf8_chars(const char *t, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)t[i] & 0xC0) != 0x80;
    return n;
}

/* A text freexl broke off at a CONTINUE record: longer in ogi than one
 * record can hold even at one byte a character, the same start (freexl
 * breaks off after the first record's worth), then other bytes. */
static int continue_text(const char *ogi, size_t ogi_len, const char *fx)
{
    size_t fl = strlen(fx), same = 0;
    while (same < fl && same < ogi_len && fx[same] == ogi[same])
        same++;
    return utf8_chars(ogi, ogi_len) > 8224 / 2 && same >= 1024 && same < ogi_len;
}

static diff_kind classify(const ogi_cell *c, const FreeXL_CellValue *v)
{
    int fx_empty = v->type == FREEXL_CELL_NULL;
    int ogi_empty = !c || c->kind == OGI_CELL_EMPTY;
    if (ogi_empty && fx_empty)
        return DIFF_NONE;
    if (ogi_empty)
        return DIFF_ONLY_FREEXL;
    if (fx_empty)
        return c->is_formula ? DIFF_FORMULA_RESULT : DIFF_ONLY_OGI;
    int fx_text = is_freexl_text(v->type);
    if (c->kind == OGI_CELL_ERROR && !fx_text && !isfinite(freexl_number(v)) &&
        strcmp(c->text, "#NUM!") == 0)
        return DIFF_NAN;
    if (c->kind == OGI_CELL_BOOL)
        return DIFF_BOOL;
    if (c->kind == OGI_CELL_ERROR)
        return DIFF_ERROR;
    if (c->kind == OGI_CELL_NUMBER) {
        if (fx_text)
            return DIFF_TYPE;
        return freexl_number(v) == c->number ? DIFF_NONE : DIFF_NUMBER;
    }
    /* ogi's text (dates too: both readers write them as text) */
    if (!fx_text)
        return DIFF_TYPE;
    const char *t = v->value.text_value;
    if (strlen(t) == c->text_len && memcmp(t, c->text, c->text_len) == 0)
        return DIFF_NONE;
    if (sanitized_equal(c->text, c->text_len, t))
        return DIFF_SANITIZED_TEXT;
    return continue_text(c->text, c->text_len, t) ? DIFF_LONG_TEXT : DIFF_TEXT;
}

static void describe_ogi(const ogi_cell *c, char *out, size_t size)
{
    if (!c || c->kind == OGI_CELL_EMPTY)
        snprintf(out, size, "empty%s", c && c->is_formula ? " (uncomputed formula)" : "");
    else if (c->kind == OGI_CELL_NUMBER)
        snprintf(out, size, "number %.17g%s", c->number, c->is_formula ? " (formula)" : "");
    else if (c->kind == OGI_CELL_BOOL)
        snprintf(out, size, "boolean %s", c->number != 0 ? "TRUE" : "FALSE");
    else
        snprintf(out, size, "%s \"%.60s\"%s", c->kind == OGI_CELL_ERROR ? "error" : "text", c->text,
                 c->is_formula ? " (formula)" : "");
}

static void describe_freexl(const FreeXL_CellValue *v, char *out, size_t size)
{
    if (v->type == FREEXL_CELL_NULL)
        snprintf(out, size, "empty");
    else if (v->type == FREEXL_CELL_INT)
        snprintf(out, size, "integer %d", v->value.int_value);
    else if (v->type == FREEXL_CELL_DOUBLE)
        snprintf(out, size, "number %.17g", v->value.double_value);
    else
        snprintf(out, size, "text \"%.60s\"", v->value.text_value ? v->value.text_value : "");
}

static void note(xls_comparison *out, FILE *log, const char *path, const char *sheet, unsigned row,
                 unsigned col, diff_kind kind, const ogi_cell *c, const FreeXL_CellValue *v)
{
    int documented = docs[kind].documented == DOCUMENTED ||
                     (docs[kind].documented == DOCUMENTED_ON_DAMAGE && out->damaged);
    if (documented)
        out->documented++;
    else
        out->undocumented++;
    if (!log)
        return;
    char ref[16], a[160], b[160];
    cell_name(row, col, ref, sizeof ref);
    describe_ogi(c, a, sizeof a);
    describe_freexl(v, b, sizeof b);
    char detail[96] = "";
    if (c && c->text && v->type != FREEXL_CELL_NULL && is_freexl_text(v->type)) {
        /* long texts differ past what the line shows: say where */
        const char *t = v->value.text_value;
        size_t fl = strlen(t), same = 0;
        while (same < fl && same < c->text_len && t[same] == c->text[same])
            same++;
        snprintf(detail, sizeof detail, " (ogi %u bytes, freexl %zu, the same for %zu)",
                 c->text_len, fl, same);
    }
    fprintf(log, "%s: '%s'!%s: %s: ogi %s, freexl %s%s: %s\n", path, sheet, ref, docs[kind].name, a,
            b, detail, documented ? docs[kind].right : undecided);
}

/* The worksheet of freexl called name, or -1: the one at the same place
 * first (two sheets may share a name in a damaged file), then any. */
static int freexl_sheet(const void *h, unsigned count, const char *name, size_t same_place)
{
    const char *there = NULL;
    if (same_place < count &&
        freexl_get_worksheet_name(h, (unsigned short)same_place, &there) == FREEXL_OK && there &&
        strcmp(there, name) == 0)
        return (int)same_place;
    for (unsigned i = 0; i < count; i++) {
        const char *n = NULL;
        if (freexl_get_worksheet_name(h, (unsigned short)i, &n) == FREEXL_OK && n &&
            strcmp(n, name) == 0)
            return (int)i;
    }
    return -1;
}

static void compare_sheet(const void *h, unsigned index, const ogi_sheet *sheet, const char *path,
                          FILE *log, xls_comparison *out)
{
    unsigned rows = 0;
    unsigned short cols = 0;
    if (freexl_select_active_worksheet(h, (unsigned short)index) != FREEXL_OK ||
        freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK)
        rows = cols = 0;
    out->sheets++;
    size_t fx_cells = 0, ogi_cells = 0;
    for (unsigned r = 0; r < rows; r++)
        for (unsigned c = 0; c < cols; c++) {
            FreeXL_CellValue v = {.type = FREEXL_CELL_NULL};
            if (freexl_get_cell_value(h, r, (unsigned short)c, &v) == FREEXL_OK &&
                v.type != FREEXL_CELL_NULL)
                fx_cells++;
        }
    for (size_t i = 0; i < sheet->ncells; i++)
        ogi_cells += sheet->cells[i].kind != OGI_CELL_EMPTY;
    if (fx_cells == 0 && ogi_cells > 0) { /* one note for the sheet, at its first cell */
        FreeXL_CellValue none = {.type = FREEXL_CELL_NULL};
        const ogi_cell *first = &sheet->cells[0];
        out->cells += ogi_cells;
        note(out, log, path, sheet->name, first->row, first->col, DIFF_EMPTY_SHEET, first, &none);
        return;
    }
    /* freexl's grid: every cell either reader has a value in */
    for (unsigned r = 0; r < rows; r++) {
        size_t at = ogi_sheet_row_start(sheet, r);
        for (unsigned c = 0; c < cols; c++) {
            FreeXL_CellValue v = {.type = FREEXL_CELL_NULL};
            if (freexl_get_cell_value(h, r, (unsigned short)c, &v) != FREEXL_OK)
                v.type = FREEXL_CELL_NULL;
            const ogi_cell *cell = NULL;
            while (at < sheet->ncells && sheet->cells[at].row == r && sheet->cells[at].col < c)
                at++;
            if (at < sheet->ncells && sheet->cells[at].row == r && sheet->cells[at].col == c)
                cell = &sheet->cells[at];
            if (v.type == FREEXL_CELL_NULL && (!cell || cell->kind == OGI_CELL_EMPTY))
                continue;
            out->cells++;
            diff_kind kind = classify(cell, &v);
            if (kind != DIFF_NONE)
                note(out, log, path, sheet->name, r, c, kind, cell, &v);
        }
    }
    /* ogi's cells past freexl's grid */
    FreeXL_CellValue none = {.type = FREEXL_CELL_NULL};
    for (size_t i = 0; i < sheet->ncells; i++) {
        const ogi_cell *cell = &sheet->cells[i];
        if (cell->kind == OGI_CELL_EMPTY || (cell->row < rows && cell->col < cols))
            continue;
        out->cells++;
        note(out, log, path, sheet->name, cell->row, cell->col, DIFF_OUTSIDE_DIMS, cell, &none);
    }
}

int xls_compare(const ogi_context *ctx, const char *path, int damaged, FILE *log,
                xls_comparison *out)
{
    *out = (xls_comparison){.damaged = damaged};
    ogi_book *book = NULL;
    out->ogi_error = ogi_book_open(ctx, path, &book);
    if (out->ogi_error == OGI_ERROR_MEMORY)
        return -1;
    const void *h = NULL;
    out->freexl_error = freexl_open(path, &h);
    int fx_ok = out->freexl_error == FREEXL_OK && h;
    int ogi_ok = out->ogi_error == OGI_OK;
    out->outcome = ogi_ok && fx_ok ? XLS_BOTH_READ
                   : ogi_ok        ? XLS_ONLY_OGI_READS
                   : fx_ok         ? XLS_ONLY_FREEXL_READS
                                   : XLS_BOTH_REFUSE;
    if (out->outcome == XLS_BOTH_READ) {
        unsigned count = 0;
        if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK)
            count = 0;
        size_t matched = 0;
        for (size_t s = 0; s < book->nsheets; s++) {
            int i = freexl_sheet(h, count, book->sheets[s].name, s);
            if (i < 0 && count == book->nsheets) {
                /* the same place in both, another name */
                const char *fx_name = NULL;
                if (freexl_get_worksheet_name(h, (unsigned short)s, &fx_name) != FREEXL_OK)
                    fx_name = NULL;
                i = (int)s;
                int documented =
                    docs[DIFF_SHEET_NAME].documented == DOCUMENTED ||
                    (docs[DIFF_SHEET_NAME].documented == DOCUMENTED_ON_DAMAGE && damaged);
                if (documented)
                    out->documented++;
                else
                    out->undocumented++;
                if (log)
                    fprintf(log, "%s: sheet %zu: %s: ogi '%s', freexl '%s': %s\n", path, s + 1,
                            docs[DIFF_SHEET_NAME].name, book->sheets[s].name,
                            fx_name ? fx_name : "",
                            documented ? docs[DIFF_SHEET_NAME].right : undecided);
            }
            if (i < 0) {
                int documented =
                    docs[DIFF_SHEET_ONLY_OGI].documented == DOCUMENTED ||
                    (docs[DIFF_SHEET_ONLY_OGI].documented == DOCUMENTED_ON_DAMAGE && damaged);
                if (documented)
                    out->documented++;
                else
                    out->undocumented++;
                if (log)
                    fprintf(log, "%s: sheet '%s': %s: %s\n", path, book->sheets[s].name,
                            docs[DIFF_SHEET_ONLY_OGI].name,
                            documented ? docs[DIFF_SHEET_ONLY_OGI].right : undecided);
                continue;
            }
            matched++;
            compare_sheet(h, (unsigned)i, &book->sheets[s], path, log, out);
        }
        if (matched != count) {
            out->undocumented++;
            if (log)
                fprintf(log, "%s: freexl has %u worksheets, ogi %zu of them: %s\n", path, count,
                        matched, undecided);
        }
    }
    if (h)
        freexl_close(h);
    ogi_book_free(book);
    return 0;
}
