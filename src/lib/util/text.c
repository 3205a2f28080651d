/*
 * text.c - label normalisation; OpenCC's conversion itself is t2s.c's.
 */
#include "text.h"

#include <stdlib.h>
#include <string.h>

#include "common.h"

static uint32_t fold_cp(uint32_t cp)
{
    if (cp >= 0xFF01 && cp <= 0xFF5E)
        return cp - 0xFEE0;
    if (cp == 0x3000 || cp == 0x00A0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0xFEFF)
        return ' ';
    return cp;
}

static int is_space_or_quote(uint32_t cp)
{
    switch (cp) {
    case ' ':
    case '\t':
    case '\n':
    case '\r':
    case '\v':
    case '\f':
    case '"':
    case '\'':
    case 0x201C:
    case 0x201D:
    case 0x2018:
    case 0x2019:
    case 0x300C:
    case 0x300D:
    case 0x300E:
    case 0x300F:
    case 0x201F:
    case 0x00B7:
    case 0x30FB:
        return 1;
    default:
        return 0;
    }
}

/* Copies in to out character by character, width-folded, dropping spaces and
 * quotes when drop_spaces is set; stops before out would overflow size (> 0)
 * and ends out with a NUL. Sets *convert when OpenCC has something to change,
 * so that the caller converts the whole text at once. Returns the bytes. */
static size_t fold_chars(const ogi_t2s_map *map, const char *in, size_t len, char *out, size_t size,
                         int drop_spaces, int *convert)
{
    size_t o = 0;
    *convert = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += ogi_utf8_decode(in + i, len - i, &cp);
        cp = fold_cp(cp);
        if (drop_spaces && is_space_or_quote(cp))
            continue;
        char enc[4];
        size_t n = ogi_utf8_encode(cp, enc);
        if (o + n >= size)
            break;
        memcpy(out + o, enc, n);
        o += n;
        *convert |= ogi_t2s_changes(map, cp);
    }
    out[o] = '\0';
    return o;
}

size_t ogi_text_fold(const ogi_t2s_map *map, const char *in, size_t len, char *out, size_t size)
{
    if (size == 0)
        return 0;
    int convert;
    size_t o = fold_chars(map, in, len, out, size, 0, &convert);
    /* the whole text at once: OpenCC reads a character by its phrase */
    return convert ? ogi_t2s_convert(map, out, o, out, size) : o;
}

static int is_cjk_numeral(uint32_t cp)
{
    static const uint32_t numerals[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D,
                                        0x4E03, 0x516B, 0x4E5D, 0x5341, 0x96F6, 0x3007};
    for (size_t i = 0; i < OGI_ARRAY_LEN(numerals); i++)
        if (cp == numerals[i])
            return 1;
    return 0;
}

static int is_digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

/* The bracket that closes an opening one, or 0: numbering is written in
 * any bracket form ((七) [七] 【七】 〔七〕 〖七〗 {七} <七> 〈七〉 《七》),
 * and each is numbering, never words. Full-width forms are folded
 * before this. */
static uint32_t closing_bracket(uint32_t cp)
{
    static const uint32_t pairs[][2] = {{'(', ')'},       {'[', ']'},       {'{', '}'},
                                        {'<', '>'},       {0x3010, 0x3011}, {0x3014, 0x3015},
                                        {0x3016, 0x3017}, {0x3008, 0x3009}, {0x300A, 0x300B},
                                        {0x3018, 0x3019}, {0x301A, 0x301B}};
    for (size_t i = 0; i < OGI_ARRAY_LEN(pairs); i++)
        if (pairs[i][0] == cp)
            return pairs[i][1];
    return 0;
}

/* Length in bytes of the numbering at the start of s, or 0. */
STATIC size_t numbering_prefix(const char *s, size_t len)
{
    uint32_t cp;
    size_t i = 0, n = ogi_utf8_decode(s, len, &cp);
    if (n == 0)
        return 0;
    uint32_t close = closing_bracket(cp);
    if (close) {
        i = n;
        size_t digits = 0;
        while (i < len) {
            n = ogi_utf8_decode(s + i, len - i, &cp);
            if (!is_cjk_numeral(cp) && !is_digit(cp))
                break;
            i += n;
            digits++;
        }
        if (digits == 0 || digits > 3 || i >= len)
            return 0;
        n = ogi_utf8_decode(s + i, len - i, &cp);
        return cp == close ? i + n : 0;
    }
    int cjk = is_cjk_numeral(cp);
    if (!cjk && !is_digit(cp))
        return 0;
    size_t count = 0;
    while (i < len) {
        n = ogi_utf8_decode(s + i, len - i, &cp);
        if (cjk ? !is_cjk_numeral(cp) : !is_digit(cp))
            break;
        i += n;
        count++;
    }
    if (count > 3 || i >= len)
        return 0;
    n = ogi_utf8_decode(s + i, len - i, &cp);
    if (cp != '.' && cp != 0x3001 /* 、 */ && cp != ')' && cp != ',' && cp != 0x3002 /* 。 */)
        return 0;
    /* "2.5" is a number, not numbering */
    if (cp == '.' && i + n < len && is_digit((unsigned char)s[i + n]))
        return 0;
    return i + n;
}

/* The value of the numerals in a numbering token (digits, or Chinese
 * numerals up to 九十九), brackets and delimiters around them skipped. */
static unsigned numeral_value(const char *s, size_t len)
{
    static const uint32_t digits[] = {0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
                                      0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D};
    unsigned value = 0, pending = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += ogi_utf8_decode(s + i, len - i, &cp);
        if (is_digit(cp)) {
            value = value * 10 + (cp - '0');
            continue;
        }
        if (cp == 0x5341) { /* 十 */
            value += (pending ? pending : 1) * 10;
            pending = 0;
            continue;
        }
        for (unsigned d = 0; d < OGI_ARRAY_LEN(digits); d++)
            if (cp == digits[d])
                pending = d;
    }
    return value + pending;
}

unsigned ogi_label_number(const char *in, size_t len)
{
    char s[512];
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += ogi_utf8_decode(in + i, len - i, &cp);
        char enc[4];
        size_t k = ogi_utf8_encode(fold_cp(cp), enc);
        if (n + k >= sizeof s)
            break;
        memcpy(s + n, enc, k);
        n += k;
    }
    unsigned number = 0;
    int at_start = 1; /* the text's start, after white space or numbering */
    uint32_t prev = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = ogi_utf8_decode(s + i, n - i, &cp);
        size_t token = 0;
        if (cp >= 0x2460 && cp <= 0x2473) { /* ① … ⑳ */
            number = cp - 0x2460 + 1;
            token = k;
        } else if (cp == 0x7B2C && at_start) { /* 第二项 */
            size_t j = i + k, digits = 0;
            uint32_t d;
            size_t dk = 0;
            while (j < n && (dk = ogi_utf8_decode(s + j, n - j, &d)) &&
                   (is_cjk_numeral(d) || is_digit(d)) && digits < 3) {
                j += dk;
                digits++;
            }
            if (digits && j < n && ogi_utf8_decode(s + j, n - j, &d) && d == 0x9879 /* 项 */) {
                number = numeral_value(s + i + k, j - i - k);
                token = j + 3 - i;
            }
        } else if (at_start || closing_bracket(cp) || (is_digit(cp) && !is_digit(prev))) {
            token = numbering_prefix(s + i, n - i);
            if (token)
                number = numeral_value(s + i, token);
        }
        if (token) {
            i += token;
            at_start = 1;
            prev = 0;
            continue;
        }
        at_start = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r';
        prev = cp;
        i += k;
    }
    return number;
}

/* The bracket that opens a trailing note closed by cp, or 0: a note after a
 * label is written in round, square, lenticular or tortoise-shell brackets
 * alike ((单位：件) [件] 【件】 〔单位：件〕 〖注〗); full-width forms are
 * folded before this. */
static uint32_t note_opening(uint32_t cp)
{
    static const uint32_t pairs[][2] = {
        {'(', ')'}, {'[', ']'}, {0x3010, 0x3011}, {0x3014, 0x3015}, {0x3016, 0x3017}};
    for (size_t i = 0; i < OGI_ARRAY_LEN(pairs); i++)
        if (pairs[i][1] == cp)
            return pairs[i][0];
    return 0;
}

/* Byte offset where a trailing bracketed note ("(...)", "【...】"...)
 * starts, or len when there is none or when it is the whole text. */
STATIC size_t trailing_annotation(const char *s, size_t len)
{
    size_t at = len;
    while (at > 0 && ((unsigned char)s[--at] & 0xC0) == 0x80)
        ;
    uint32_t close, cp;
    if (len == 0 || ogi_utf8_decode(s + at, len - at, &close) != len - at)
        return len;
    uint32_t open = note_opening(close);
    if (!open)
        return len;
    int depth = 0;
    for (size_t i = len; i > 0;) {
        while (i > 0 && ((unsigned char)s[--i] & 0xC0) == 0x80)
            ;
        ogi_utf8_decode(s + i, len - i, &cp);
        if (cp == close)
            depth++;
        else if (cp == open && --depth == 0)
            return i > 0 ? i : len;
    }
    return len;
}

/* 其它 and 其他 are the same word in these forms ("其它对外管理服务事项",
 * "其它结果"); both encode in three bytes, so the fold is in place. */
static void fold_variant_words(char *s, size_t len)
{
    static const char qita_it[] = "\xE5\x85\xB6\xE5\xAE\x83"; /* 其它 */
    static const char qita[] = "\xE5\x85\xB6\xE4\xBB\x96";    /* 其他 */
    for (size_t i = 0; i + 6 <= len; i++)
        if (memcmp(s + i, qita_it, 6) == 0)
            memcpy(s + i, qita, 6);
}

static int is_ideograph(uint32_t cp)
{
    return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF);
}

static int is_pinyin_letter(uint32_t cp)
{
    static const char tones[] = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü";
    if (cp >= 'a' && cp <= 'z')
        return 1;
    for (size_t i = 0; i < sizeof tones - 1;) {
        uint32_t t;
        i += ogi_utf8_decode(tones + i, sizeof tones - 1 - i, &t);
        if (t == cp)
            return 1;
    }
    return 0;
}

/* Length of a pinyin gloss "(shù)" at s, or 0. Web pages that convert to
 * traditional characters gloss some of them ("總數(shù)量", seed 002), and a
 * label copied from such a page keeps the gloss. */
static size_t pinyin_gloss(const char *s, size_t len)
{
    if (len < 3 || s[0] != '(')
        return 0;
    size_t i = 1, letters = 0;
    while (i < len && letters <= 8) {
        uint32_t cp;
        size_t n = ogi_utf8_decode(s + i, len - i, &cp);
        if (cp == ')')
            return letters > 0 ? i + 1 : 0;
        if (!is_pinyin_letter(cp))
            return 0;
        i += n;
        letters++;
    }
    return 0;
}

/* Drops pinyin glosses that follow an ideograph; returns the new length. */
static size_t drop_glosses(char *s, size_t len)
{
    size_t o = 0;
    uint32_t prev = 0;
    for (size_t i = 0; i < len;) {
        size_t gloss = is_ideograph(prev) ? pinyin_gloss(s + i, len - i) : 0;
        if (gloss) {
            i += gloss;
            continue;
        }
        size_t n = ogi_utf8_decode(s + i, len - i, &prev);
        memmove(s + o, s + i, n);
        o += n;
        i += n;
    }
    s[o] = '\0';
    return o;
}

size_t ogi_label_norm(const ogi_t2s_map *map, const char *in, size_t len, char *out, size_t size)
{
    if (size == 0)
        return 0;
    int convert;
    size_t o = fold_chars(map, in, len, out, size, 1, &convert);
    if (memchr(out, '(', o))
        o = drop_glosses(out, o);
    /* After the spaces and glosses are gone, so that a phrase broken over
     * two lines or glossed in the middle is still one phrase for OpenCC;
     * before the numbering is read, which OpenCC leaves as it is. */
    if (convert)
        o = ogi_t2s_convert(map, out, o, out, size);
    fold_variant_words(out, o);
    size_t skip, start = 0;
    while ((skip = numbering_prefix(out + start, o - start)) > 0)
        start += skip;
    if (start > 0 && start < o) {
        memmove(out, out + start, o - start);
        o -= start;
        out[o] = '\0';
    }
    o = trailing_annotation(out, o);
    out[o] = '\0';
    return o;
}
