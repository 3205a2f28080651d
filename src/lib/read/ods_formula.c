/*
 * ods_formula.c - an ODS formula (OpenFormula, "of:=SUM([.D22:.I22])") as
 * the A1 text the marked-up workbook writes back ("SUM(D22:I22)"), as the
 * .xls and .xlsx readers keep theirs. Only what converts one to one is
 * converted: references within a sheet or to one other sheet, ';' between
 * arguments, strings. Anything else (inline arrays, references across a
 * range of sheets or to other files, a very long text) gives up, and the
 * cell is written with its value only: a formula half converted would show
 * a wrong value wherever it is recalculated.
 */
#include "ods_formula.h"

#include <string.h>

typedef struct out {
    char *buf;
    size_t size, len;
    int ok;
} out;

static void put(out *o, const char *s, size_t n)
{
    if (!o->ok || n >= o->size - o->len) {
        o->ok = 0;
        return;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    o->buf[o->len] = '\0';
}

static int is_alpha(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A cell, column or row address: $A$1, A1, A, 1 (with optional $). */
static int is_address(const char *s, size_t n)
{
    size_t i = 0, letters = 0, digits = 0;
    if (i < n && s[i] == '$')
        i++;
    while (i < n && is_alpha(s[i]))
        i++, letters++;
    if (i < n && s[i] == '$')
        i++;
    while (i < n && is_digit(s[i]))
        i++, digits++;
    return i == n && (letters || digits) && letters <= 3;
}

/* One side of a reference, "Sheet.A1", "'My sheet'.A1", "$Sheet.A1" or
 * ".A1": its sheet (may be empty) and its address. */
static int split_side(const char *s, size_t n, const char **sheet, size_t *sheet_len,
                      const char **addr, size_t *addr_len)
{
    size_t i = 0;
    if (i < n && s[i] == '$')
        i++;
    size_t start = i;
    if (i < n && s[i] == '\'') {
        for (i++; i < n; i++)
            if (s[i] == '\'' && !(i + 1 < n && s[i + 1] == '\''))
                break;
            else if (s[i] == '\'')
                i++;
        if (i >= n)
            return 0;
        i++;
    } else {
        while (i < n && s[i] != '.')
            i++;
    }
    if (i >= n || s[i] != '.')
        return 0;
    *sheet = s + start;
    *sheet_len = i - start;
    *addr = s + i + 1;
    *addr_len = n - i - 1;
    return is_address(*addr, *addr_len);
}

/* The sheet part of an A1 reference: Sheet! or 'My sheet'! */
static void put_sheet(out *o, const char *sheet, size_t n)
{
    int quoted = n > 0 && sheet[0] == '\'';
    int plain = !quoted;
    for (size_t i = 0; i < n && plain; i++)
        plain = is_alpha(sheet[i]) || is_digit(sheet[i]) || sheet[i] == '_' ||
                (unsigned char)sheet[i] >= 0x80;
    if (plain && n > 0 && is_digit(sheet[0]))
        plain = 0;
    if (quoted || plain) {
        put(o, sheet, n); /* ODF quotes as Excel does, doubling quotes */
    } else {
        put(o, "'", 1);
        put(o, sheet, n);
        put(o, "'", 1);
    }
    put(o, "!", 1);
}

/* "[.A1]", "[.A1:.B2]", "[$Sheet.A1:.B2]" -> "A1", "A1:B2", "Sheet!A1:B2". */
static size_t convert_ref(const char *s, size_t n, out *o)
{
    size_t end = 1;
    int in_quote = 0;
    for (; end < n; end++) {
        if (s[end] == '\'')
            in_quote = !in_quote;
        else if (s[end] == ']' && !in_quote)
            break;
    }
    if (end >= n)
        return 0;
    const char *body = s + 1;
    size_t len = end - 1, colon = len;
    in_quote = 0;
    for (size_t i = 0; i < len; i++) {
        if (body[i] == '\'')
            in_quote = !in_quote;
        else if (body[i] == ':' && !in_quote && colon == len)
            colon = i;
    }
    const char *sheet1, *addr1, *sheet2 = NULL, *addr2 = NULL;
    size_t sl1, al1, sl2 = 0, al2 = 0;
    if (!split_side(body, colon, &sheet1, &sl1, &addr1, &al1))
        return 0;
    if (colon < len && !split_side(body + colon + 1, len - colon - 1, &sheet2, &sl2, &addr2, &al2))
        return 0;
    if (sl2 > 0 && (sl2 != sl1 || memcmp(sheet1, sheet2, sl1) != 0))
        return 0; /* a range across sheets has no A1 form Excel shares */
    if (sl1 > 0)
        put_sheet(o, sheet1, sl1);
    put(o, addr1, al1);
    if (addr2) {
        put(o, ":", 1);
        put(o, addr2, al2);
    }
    return end + 1;
}

int ogi_ods_formula_a1(const char *formula, char *buf, size_t size)
{
    out o = {buf, size, 0, size > 0};
    if (size > 0)
        buf[0] = '\0';
    if (strncmp(formula, "of:", 3) != 0)
        return 0; /* an older or foreign dialect */
    const char *s = formula + 3;
    if (*s == '=')
        s++;
    size_t n = strlen(s);
    for (size_t i = 0; i < n && o.ok;) {
        char c = s[i];
        if (c == '"') {
            size_t j = i + 1;
            while (j < n && !(s[j] == '"' && (j + 1 >= n || s[j + 1] != '"')))
                j += s[j] == '"' ? 2 : 1;
            if (j >= n)
                return 0;
            put(&o, s + i, j + 1 - i);
            i = j + 1;
        } else if (c == '[') {
            size_t used = convert_ref(s + i, n - i, &o);
            if (used == 0)
                return 0;
            i += used;
        } else if (c == ';') {
            put(&o, ",", 1);
            i++;
        } else if (c == '{' || c == '}' || c == '|' || c == '\'' || c == '#' || c == '~' ||
                   c == '!' || (c == '.' && i > 0 && is_alpha(s[i - 1]))) {
            /* inline arrays, stray quotes, error literals, reference union
             * and intersection, dotted names (ORG.OPENOFFICE.*) */
            return 0;
        } else {
            put(&o, &c, 1);
            i++;
        }
    }
    return o.ok && o.len > 0;
}
