/*
 * write_cells.c - helpers every sheet writer of the marked-up workbook
 * shares (write_xlsx.h): numbers XML can hold, merged ranges, comments,
 * links to the submitter's cells, text made XML-safe, text widths. They
 * know no sheet in particular, so each writer depends on this file and
 * none on another writer.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "write_xlsx.h"

#define COMMENT_WIDTH 320 /* pixels */
#define COMMENT_CHARS 36  /* narrow characters per comment line */

double ogi_text_width(const char *s)
{
    double w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x80)
            w += 1;
        else if ((*p & 0xC0) != 0x80) /* a lead byte: wide when CJK-ish */
            w += *p >= 0xE1 ? 2.0 : 1;
    }
    return w;
}

lxw_error ogi_write_num(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double value,
                        lxw_format *f)
{
    /* XML has no NaN or infinity: Excel's own error stands for them */
    if (!isfinite(value))
        return worksheet_write_string(ws, row, col, "#NUM!", f);
    return worksheet_write_number(ws, row, col, value, f);
}

void ogi_keep(lxw_error *err, lxw_error e)
{
    if (e != LXW_NO_ERROR && *err == LXW_NO_ERROR)
        *err = e;
}

void ogi_xw_merge(lxw_worksheet *ws, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2,
                  const char *text, lxw_format *f, lxw_error *err)
{
    /* Excel does not merge a single cell */
    if (r1 == r2 && c1 == c2)
        ogi_keep(err, worksheet_write_string(ws, r1, c1, text, f));
    else
        ogi_keep(err, worksheet_merge_range(ws, r1, c1, r2, c2, text, f));
}

void ogi_xw_source_ref(const ogi_xw *xw, ogi_source src, char *buf, size_t size)
{
    if (size == 0)
        return;
    buf[0] = '\0';
    if (src.sheet < 0 || (size_t)src.sheet >= xw->book->nsheets)
        return;
    char cell[16];
    lxw_rowcol_to_cell(cell, src.row, (lxw_col_t)src.col);
    size_t o = 0;
    buf[o++] = '\'';
    for (const char *s = xw->sheet_names[src.sheet]; *s && o + 2 < size; s++) {
        if (*s == '\'')
            buf[o++] = '\'';
        buf[o++] = *s;
    }
    if (o + 1 < size)
        buf[o++] = '\'';
    snprintf(buf + o, size - o, "!%s", cell);
}

void ogi_xml_safe(char *text)
{
    for (unsigned char *p = (unsigned char *)text; *p; p++)
        if ((*p < 0x20 && *p != '\n') || *p == 0x7F)
            *p = ' ';
}

/* A box tall enough for the text at COMMENT_CHARS a line. */
static uint16_t comment_height(const char *text)
{
    double lines = 0, line = 0;
    for (const char *p = text;; p++) {
        if (*p == '\n' || !*p) {
            lines += line > 0 ? (int)((line - 0.01) / COMMENT_CHARS) + 1 : 1;
            line = 0;
            if (!*p)
                break;
            continue;
        }
        char one[2] = {*p, 0};
        if ((*p & 0xC0) != 0x80)
            line += (unsigned char)*p >= 0xE1 ? 2 : ogi_text_width(one);
    }
    double px = 16 * lines + 12;
    return (uint16_t)(px > 600 ? 600 : px);
}

void ogi_write_comment(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *text,
                       lxw_error *err)
{
    lxw_comment_options o = {0};
    o.author = "ogi";
    o.width = COMMENT_WIDTH;
    o.height = comment_height(text);
    char *safe = strdup(text); /* messages quote the submitter's labels */
    if (!safe) {
        ogi_keep(err, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    ogi_xml_safe(safe);
    lxw_error e = worksheet_write_comment_opt(ws, row, col, safe, &o);
    free(safe);
    if (e != LXW_NO_ERROR && *err == LXW_NO_ERROR)
        *err = e;
}
