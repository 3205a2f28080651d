/*
 * value.c - reading a number out of what submitters type into a cell.
 */
#include "value.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "text.h"

#define VALUE_TEXT_MAX 256

static const struct {
    unsigned note;
    const char *rule;
    ogi_severity severity;
} note_table[] = {
    {OGI_NOTE_TEXT_NUMBER, "value.text_number", OGI_SEVERITY_INFO},
    {OGI_NOTE_MISSING, "value.missing", OGI_SEVERITY_WARNING},
    {OGI_NOTE_DASH, "value.dash", OGI_SEVERITY_INFO},
    {OGI_NOTE_EXPRESSION, "value.expression", OGI_SEVERITY_WARNING},
    {OGI_NOTE_UNIT, "value.unit", OGI_SEVERITY_INFO},
    {OGI_NOTE_UNIT_UNKNOWN, "value.unit_unknown", OGI_SEVERITY_INFO},
    {OGI_NOTE_ANNOTATED, "value.annotated", OGI_SEVERITY_WARNING},
    {OGI_NOTE_NEGATIVE, "value.negative", OGI_SEVERITY_ERROR},
    {OGI_NOTE_NOT_INTEGER, "value.not_integer", OGI_SEVERITY_ERROR},
    {OGI_NOTE_NOT_NUMBER, "value.not_number", OGI_SEVERITY_ERROR},
    {OGI_NOTE_UNIT_YUAN, "value.unit", OGI_SEVERITY_INFO},
    {OGI_NOTE_FORMULA_UNCACHED, "value.formula_uncached", OGI_SEVERITY_WARNING},
    {OGI_NOTE_FORMULA_COMPUTED, "value.formula_uncached", OGI_SEVERITY_WARNING},
};

const char *ogi_note_rule(unsigned note)
{
    for (size_t i = 0; i < OGI_ARRAY_LEN(note_table); i++)
        if (note_table[i].note == note)
            return note_table[i].rule;
    return "value.unknown";
}

ogi_severity ogi_note_severity(unsigned note)
{
    for (size_t i = 0; i < OGI_ARRAY_LEN(note_table); i++)
        if (note_table[i].note == note)
            return note_table[i].severity;
    return OGI_SEVERITY_INFO;
}

/* Units a count may carry; money units are handled apart. */
static const char *const count_units[] = {"件",   "项", "条",   "个",   "宗", "次",
                                          "批次", "批", "份",   "人次", "人", "家",
                                          "例",   "起", "项目", "篇",   "期"};

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Money units scaled to 万元; returns the factor, 0 when s is not one. */
static double money_factor(const char *s)
{
    if (strcmp(s, "万元") == 0 || strcmp(s, "萬元") == 0 || strcmp(s, "万") == 0 ||
        strcmp(s, "萬") == 0)
        return 1.0;
    if (strcmp(s, "元") == 0)
        return 1e-4;
    if (strcmp(s, "亿元") == 0 || strcmp(s, "億元") == 0)
        return 1e4;
    return 0.0;
}

static int is_count_unit(const char *s)
{
    for (size_t i = 0; i < OGI_ARRAY_LEN(count_units); i++)
        if (strcmp(s, count_units[i]) == 0)
            return 1;
    return 0;
}

/* Bytes of white space (ASCII, U+3000, U+00A0) ending at s + end, so
 * that a header spaced out character by character (万 元) reads as it is
 * meant, as labels do (ogi_label_norm drops white space too). */
static size_t space_before(const char *s, size_t end)
{
    size_t n = 0;
    for (;;) {
        if (end - n >= 1 && strchr(" \t\n\r\v\f", s[end - n - 1]) && s[end - n - 1])
            n += 1;
        else if (end - n >= 3 && memcmp(s + end - n - 3, "\xE3\x80\x80", 3) == 0)
            n += 3;
        else if (end - n >= 2 && memcmp(s + end - n - 2, "\xC2\xA0", 2) == 0)
            n += 2;
        else
            return n;
    }
}

ogi_unit ogi_unit_in_text(const char *text)
{
    if (!text)
        return OGI_UNIT_NONE;
    static const char yuan[] = "元", wan[] = "万", wan_t[] = "萬";
    ogi_unit unit = OGI_UNIT_NONE;
    for (const char *at = strstr(text, yuan); at; at = strstr(at + 1, yuan)) {
        size_t end = (size_t)(at - text);
        end -= space_before(text, end);
        if (end >= 3 &&
            (memcmp(text + end - 3, wan, 3) == 0 || memcmp(text + end - 3, wan_t, 3) == 0))
            return OGI_UNIT_WAN;
        unit = OGI_UNIT_YUAN;
    }
    return unit;
}

/* Folds to half-width and drops white space: "２２０ " -> "220". */
static size_t squeeze(const char *in, size_t len, char *out, size_t size)
{
    char folded[VALUE_TEXT_MAX * 4];
    size_t n = ogi_text_fold(NULL, in, len, folded, sizeof folded);
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < size; i++)
        if (folded[i] != ' ' && folded[i] != '\t' && folded[i] != '\n' && folded[i] != '\r')
            out[o++] = folded[i];
    out[o] = '\0';
    return o;
}

/* Word, web forms and input methods write a minus as an en dash, a
 * minus sign, a small or an em dash: each is a minus when digits follow
 * at once ("–2"); alone it stays a dash (spec §2). Rewrites in place. */
static void fold_minus_signs(char *s)
{
    static const char *const minus[] = {"\u2212", "\u2013", "\u2012", "\u2014", "\ufe63", "\uff0d"};
    char *o = s;
    for (const char *i = s; *i;) {
        size_t len = 0;
        /* each of them starts with byte E2 or EF: the other bytes of a
         * label (this runs on every text cell a table is searched in)
         * need no comparing */
        unsigned char lead = (unsigned char)*i;
        for (size_t m = 0; m < OGI_ARRAY_LEN(minus) && !len && (lead == 0xE2 || lead == 0xEF); m++)
            if (starts_with(i, minus[m]))
                len = strlen(minus[m]);
        if (len && i[len] >= '0' && i[len] <= '9') {
            *o++ = '-';
            i += len;
        } else {
            *o++ = *i++;
        }
    }
    *o = '\0';
}

static int is_dash(const char *s)
{
    static const char *const dashes[] = {"-", "--", "—", "——", "–", "/", "无", "無", "－"};
    for (size_t i = 0; i < OGI_ARRAY_LEN(dashes); i++)
        if (strcmp(s, dashes[i]) == 0)
            return 1;
    return 0;
}

/* A number at s: digits with optional thousands commas and decimals.
 * Returns the bytes used, 0 if none. */
static size_t read_number(const char *s, double *out)
{
    char digits[64];
    size_t d = 0, i = 0;
    int seen_digit = 0, seen_dot = 0;
    for (; s[i] && d + 1 < sizeof digits; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            digits[d++] = c;
            seen_digit = 1;
        } else if (c == ',' && seen_digit && !seen_dot && s[i + 1] >= '0' && s[i + 1] <= '9') {
            continue;
        } else if (c == '.' && !seen_dot && s[i + 1] >= '0' && s[i + 1] <= '9') {
            digits[d++] = c;
            seen_dot = 1;
        } else {
            break;
        }
    }
    if (!seen_digit)
        return 0;
    digits[d] = '\0';
    *out = strtod(digits, NULL);
    return i;
}

static size_t read_signed(const char *s, double *out)
{
    int sign = 1;
    size_t i = 0;
    if (s[0] == '+' || s[0] == '-') {
        sign = s[0] == '-' ? -1 : 1;
        i = 1;
    }
    size_t n = read_number(s + i, out);
    if (n == 0)
        return 0;
    *out *= sign;
    return i + n;
}

/* 增加23项, 减少2项, 无增减 (本年增/减 only). */
static int parse_change_words(const char *s, double *out)
{
    static const char *const zero[] = {"无增减", "无变化", "持平", "不变", "无增加", "无减少"};
    for (size_t i = 0; i < OGI_ARRAY_LEN(zero); i++)
        if (strcmp(s, zero[i]) == 0) {
            *out = 0;
            return 1;
        }
    static const struct {
        const char *word;
        int sign;
    } words[] = {{"增加", 1}, {"新增", 1}, {"增", 1}, {"减少", -1}, {"减", -1}};
    for (size_t i = 0; i < OGI_ARRAY_LEN(words); i++) {
        if (!starts_with(s, words[i].word))
            continue;
        const char *rest = s + strlen(words[i].word);
        double v;
        size_t n = read_number(rest, &v);
        if (n == 0 || (rest[n] && !is_count_unit(rest + n)))
            return 0;
        *out = words[i].sign * v;
        return 1;
    }
    return 0;
}

/* What follows the leading number: nothing, "+23", a unit, or a note. */
static void parse_tail(const char *tail, ogi_col_kind kind, ogi_parsed *p)
{
    if (!*tail)
        return;
    if (tail[0] == '+' || tail[0] == '-') {
        double sum = p->value, v;
        const char *s = tail;
        size_t n;
        while (*s && (n = read_signed(s, &v)) > 0 && (s[0] == '+' || s[0] == '-')) {
            sum += v;
            s += n;
        }
        if (!*s) {
            p->value = sum;
            p->notes |= OGI_NOTE_EXPRESSION;
            return;
        }
    }
    double factor = money_factor(tail);
    if (kind == OGI_COL_MONEY && factor > 0) {
        p->value *= factor;
        p->notes |= OGI_NOTE_UNIT;
        return;
    }
    if (kind != OGI_COL_MONEY && (is_count_unit(tail) || factor == 1.0)) {
        p->notes |= OGI_NOTE_UNIT;
        return;
    }
    p->notes |= OGI_NOTE_ANNOTATED;
}

ogi_parsed ogi_value_parse_text(const char *text, size_t len, ogi_col_kind kind,
                                ogi_unit header_unit)
{
    ogi_parsed p = {0, 0, 0};
    char s[VALUE_TEXT_MAX];
    if (len >= VALUE_TEXT_MAX)
        len = VALUE_TEXT_MAX - 1;
    squeeze(text, len, s, sizeof s);
    if (!*s) {
        p.is_null = 1;
        p.notes = OGI_NOTE_MISSING;
        return p;
    }
    if (is_dash(s)) {
        p.notes = OGI_NOTE_DASH;
        return p;
    }
    fold_minus_signs(s);
    if (kind == OGI_COL_CHANGE && parse_change_words(s, &p.value)) {
        p.notes = OGI_NOTE_TEXT_NUMBER;
        return p;
    }
    size_t n = read_signed(s, &p.value);
    if (n == 0) {
        p.notes = OGI_NOTE_NOT_NUMBER;
        return p;
    }
    p.notes = OGI_NOTE_TEXT_NUMBER;
    parse_tail(s + n, kind, &p);
    if (p.notes & (OGI_NOTE_UNIT | OGI_NOTE_EXPRESSION | OGI_NOTE_ANNOTATED))
        p.notes &= ~(unsigned)OGI_NOTE_TEXT_NUMBER;
    if (kind == OGI_COL_MONEY && !(p.notes & OGI_NOTE_UNIT)) {
        if (header_unit == OGI_UNIT_YUAN) {
            p.value *= 1e-4;
            p.notes |= OGI_NOTE_UNIT_YUAN;
        } else if (header_unit == OGI_UNIT_NONE)
            p.notes |= OGI_NOTE_UNIT_UNKNOWN;
    }
    return p;
}

static void check_kind(ogi_parsed *p, ogi_col_kind kind)
{
    if (p->is_null || (p->notes & OGI_NOTE_NOT_NUMBER))
        return;
    if (kind != OGI_COL_CHANGE && p->value < 0)
        p->notes |= OGI_NOTE_NEGATIVE;
    if (kind != OGI_COL_MONEY && p->value != floor(p->value))
        p->notes |= OGI_NOTE_NOT_INTEGER;
}

ogi_parsed ogi_value_parse(const ogi_cell *cell, ogi_col_kind kind, ogi_unit header_unit)
{
    ogi_parsed p = {0, 0, 0};
    if (!cell || cell->kind == OGI_CELL_EMPTY) {
        p.is_null = 1;
        /* a formula saved without its result (scripts, online forms) is
         * not a blank the submitter forgot */
        p.notes = cell && (cell->is_formula || cell->formula) ? OGI_NOTE_FORMULA_UNCACHED
                                                              : OGI_NOTE_MISSING;
        return p;
    }
    switch (cell->kind) {
    case OGI_CELL_NUMBER:
        if (!isfinite(cell->number)) { /* NaN or infinity: BIFF bits, not a count */
            p.notes = OGI_NOTE_NOT_NUMBER;
            break;
        }
        p.value = cell->number;
        if (kind == OGI_COL_MONEY && header_unit == OGI_UNIT_YUAN) {
            p.value *= 1e-4;
            p.notes |= OGI_NOTE_UNIT_YUAN;
        } else if (kind == OGI_COL_MONEY && header_unit == OGI_UNIT_NONE)
            p.notes |= OGI_NOTE_UNIT_UNKNOWN;
        break;
    case OGI_CELL_TEXT:
        if (cell->is_date)
            p.notes = OGI_NOTE_NOT_NUMBER;
        else
            p = ogi_value_parse_text(cell->text, cell->text_len, kind, header_unit);
        break;
    default: /* booleans and error values are not counts */
        p.notes = OGI_NOTE_NOT_NUMBER;
        break;
    }
    check_kind(&p, kind);
    return p;
}
