/*
 * dates.h (private to the library) - number formats that show a date, and the text of a date
 * serial. Every reader turns a date cell into the same text, so a date in
 * a table of counts is named alike whatever format the file came in.
 */
#ifndef OGI_DATES_H
#define OGI_DATES_H

#include <stddef.h>
#include <stdint.h>

typedef enum ogi_date_kind {
    OGI_DATE_NONE = 0,
    OGI_DATE_DATE,     /* "2020-01-01" */
    OGI_DATE_DATETIME, /* "2020-01-01 12:00:00" */
    OGI_DATE_TIME      /* "12:00:00" */
} ogi_date_kind;

/* What number format id shows: its code when the file defines one (a
 * NUL-terminated format string such as "yyyy\"年\"m\"月\"d\"日\""), else
 * the built-in format of that id (Chinese Excel's 27-36, 50-58 too). */
ogi_date_kind ogi_numfmt_date_kind(uint32_t id, const char *code);

/* The text of an Excel serial (1900 or 1904 system) shown as kind;
 * 0 when it is no date Excel can show. */
int ogi_serial_date_text(double serial, int date1904, ogi_date_kind kind, char *out, size_t size);

#endif /* OGI_DATES_H */
