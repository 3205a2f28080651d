/*
 * biff_date.c - dates in BIFF8: a number whose format shows a date. The
 * statistical tables hold counts, so a date in one is a mistake the
 * report must name, not a number to add up.
 */
#include "biff_date.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>

int ogi_builtin_format_is_date(unsigned id)
{
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
}

int ogi_format_code_is_date(const char *code, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = code[i];
        if (c == '"') { /* literal text */
            while (++i < len && code[i] != '"')
                ;
        } else if (c == '\\' || c == '_' || c == '*') { /* escaped, padding, fill */
            i++;
        } else if (c == '[') { /* colour, condition, locale; [h] [mm] [ss] elapsed time */
            if (i + 1 < len && (code[i + 1] == 'h' || code[i + 1] == 'H' || code[i + 1] == 'm' ||
                                code[i + 1] == 'M' || code[i + 1] == 's' || code[i + 1] == 'S'))
                return 1;
            while (++i < len && code[i] != ']')
                ;
        } else if ((c == 'a' || c == 'A') && i + 2 < len && (code[i + 1] | 0x20) == 'a' &&
                   (code[i + 2] | 0x20) == 'a') {
            return 1; /* aaa, aaaa: the weekday in Chinese Excel */
        } else if (c == 'y' || c == 'Y' || c == 'm' || c == 'M' || c == 'd' || c == 'D' ||
                   c == 'h' || c == 'H' || c == 's' || c == 'S') {
            return 1;
        }
    }
    return 0;
}

/* Proleptic Gregorian date of a count of days since 1970-01-01. */
static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

int ogi_serial_date_text(double serial, int date1904, char *out, size_t size)
{
    if (!isfinite(serial) || serial < 0 || serial >= 2958466.0)
        return 0;
    int64_t days = (int64_t)floor(serial);
    long secs = lround((serial - (double)days) * 86400.0);
    if (secs >= 86400) {
        days++;
        secs -= 86400;
    }
    int64_t y = 1900;
    unsigned m = 2, d = 29; /* serial 60: Lotus's 1900-02-29, which Excel keeps */
    if (date1904)
        civil_from_days(days - 24107, &y, &m, &d); /* 1904-01-01 is day 24107 */
    else if (days != 60)
        civil_from_days(days - 25569 + (days < 60), &y, &m, &d); /* 1899-12-30 + serial */
    int n;
    if (days == 0 && !date1904)
        n = snprintf(out, size, "%02ld:%02ld:%02ld", secs / 3600, secs / 60 % 60, secs % 60);
    else if (secs == 0)
        n = snprintf(out, size, "%04lld-%02u-%02u", (long long)y, m, d);
    else
        n = snprintf(out, size, "%04lld-%02u-%02u %02ld:%02ld:%02ld", (long long)y, m, d,
                     secs / 3600, secs / 60 % 60, secs % 60);
    return n > 0 && (size_t)n < size;
}
