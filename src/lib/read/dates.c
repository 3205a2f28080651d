/*
 * dates.c - number formats that show a date, and the text of a date
 * serial (dates.h). The statistical tables hold counts, so a date in one
 * is a mistake the report must name, not a number to add up.
 */
#include "dates.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The built-in formats that show dates or times; 27-36 and 50-58 are the
 * East Asian ones Chinese Excel writes without a numFmt element. */
static ogi_date_kind builtin_date_kind(uint32_t id)
{
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
        (id >= 50 && id <= 54) || id == 57 || id == 58)
        return OGI_DATE_DATE;
    if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47) || id == 32 || id == 33 || id == 55 ||
        id == 56)
        return OGI_DATE_TIME;
    if (id == 22)
        return OGI_DATE_DATETIME;
    return OGI_DATE_NONE;
}

/* A [..] section: elapsed time ([h], [mm], [ss]) or anything else
 * (colour, locale, condition), which shows no date. */
static int elapsed_time(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != s[0])
            return 0;
    return s[0] == 'h' || s[0] == 'H' || s[0] == 'm' || s[0] == 'M' || s[0] == 's' || s[0] == 'S';
}

static ogi_date_kind code_date_kind(const char *code)
{
    int date = 0, time = 0, month = 0;
    for (const char *p = code; *p; p++) {
        char c = *p;
        if (c == '"') {
            const char *q = strchr(p + 1, '"');
            if (!q)
                break;
            p = q;
        } else if ((c == '\\' || c == '_' || c == '*') && p[1]) {
            p++; /* an escaped, padding or fill character */
        } else if (c == '[') {
            const char *q = strchr(p + 1, ']');
            if (!q)
                break;
            time |= elapsed_time(p + 1, (size_t)(q - p - 1));
            p = q;
        } else if (c == 'y' || c == 'Y' || c == 'd' || c == 'D') {
            date = 1;
        } else if ((c == 'a' || c == 'A') && (p[1] | 0x20) == 'a' && (p[2] | 0x20) == 'a') {
            date = 1; /* aaa, aaaa: the weekday in Chinese Excel */
            p += 2;
        } else if (c == 'h' || c == 'H' || c == 's' || c == 'S') {
            time = 1;
        } else if (c == 'm' || c == 'M') {
            month = 1;
        }
    }
    if (month && !time)
        date = 1; /* with h or s, m is minutes */
    return date && time ? OGI_DATE_DATETIME
           : date       ? OGI_DATE_DATE
           : time       ? OGI_DATE_TIME
                        : OGI_DATE_NONE;
}

ogi_date_kind ogi_numfmt_date_kind(uint32_t id, const char *code)
{
    return code ? code_date_kind(code) : builtin_date_kind(id);
}

/* Days from 1970-01-01 -> civil date (proleptic Gregorian). */
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

int ogi_serial_date_text(double serial, int date1904, ogi_date_kind kind, char *out, size_t size)
{
    if (!isfinite(serial) || serial < 0 || serial > 2958466.0)
        return 0; /* beyond 9999-12-31 */
    int64_t days = (int64_t)floor(serial);
    int64_t secs = (int64_t)llround((serial - (double)days) * 86400.0);
    if (secs >= 86400) {
        days++;
        secs -= 86400;
    }
    int64_t y;
    unsigned m, d;
    if (!date1904 && days == 60) { /* Lotus's 29 February 1900, kept by Excel */
        y = 1900, m = 2, d = 29;
    } else {
        /* day 0 is 1899-12-31 (1900 system, before the false leap day) or
         * 1904-01-01; 1970-01-01 is day 25569 after 1899-12-30 */
        int64_t epoch = date1904 ? -24107 : days < 60 ? -25568 : -25569;
        civil_from_days(days + epoch, &y, &m, &d);
    }
    int n;
    unsigned hh = (unsigned)(secs / 3600), mm = (unsigned)(secs / 60 % 60),
             ss = (unsigned)(secs % 60);
    if (kind == OGI_DATE_TIME)
        n = snprintf(out, size, "%02u:%02u:%02u", hh, mm, ss);
    else if (kind == OGI_DATE_DATETIME)
        n = snprintf(out, size, "%04lld-%02u-%02u %02u:%02u:%02u", (long long)y, m, d, hh, mm, ss);
    else
        n = snprintf(out, size, "%04lld-%02u-%02u", (long long)y, m, d);
    return n > 0 && (size_t)n < size;
}
