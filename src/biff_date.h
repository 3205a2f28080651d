/*
 * biff_date.h - which BIFF8 number formats show a date, and the date text
 * of a serial number.
 */
#ifndef OGI_BIFF_DATE_H
#define OGI_BIFF_DATE_H

#include <stddef.h>

/* A built-in format id (the Chinese editions' ids 27-36, 50-58 too). */
int ogi_builtin_format_is_date(unsigned id);
/* A format string ("yyyy\"年\"m\"月\"d\"日\"", "0.00") that shows a date
 * or a time: a y, m, d, h, s or aaa outside quotes, escapes and
 * brackets. */
int ogi_format_code_is_date(const char *code, size_t len);
/* "2020-03-01", "2020-03-01 08:30:00" or "08:30:00" for an Excel serial
 * number (1900 or 1904 system); 0 when it is no date Excel can show. */
int ogi_serial_date_text(double serial, int date1904, char *out, size_t size);

#endif /* OGI_BIFF_DATE_H */
