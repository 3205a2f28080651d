/*
 * utf8.h (private to the library) - UTF-8 one code point at a time: the
 * labels' normalisation (text.c) and OpenCC's quick test (t2s.c) both
 * decode, so it is a file of its own that neither depends on the other.
 */
#ifndef OGI_UTF8_H
#define OGI_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Inline: labels are folded a character at a time, thousands of
 * characters per report, and a call per character cost as much as the
 * decoding itself. */

/* Decodes one UTF-8 codepoint at s (len bytes left); returns its length
 * (>= 1), with U+FFFD for invalid bytes. */
static inline size_t ogi_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len == 0) {
        *cp = 0;
        return 0;
    }
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    size_t need;
    uint32_t v;
    if ((u[0] & 0xE0) == 0xC0) {
        need = 2;
        v = u[0] & 0x1F;
    } else if ((u[0] & 0xF0) == 0xE0) {
        need = 3;
        v = u[0] & 0x0F;
    } else if ((u[0] & 0xF8) == 0xF0) {
        need = 4;
        v = u[0] & 0x07;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (need > len) {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t i = 1; i < need; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (u[i] & 0x3F);
    }
    *cp = v;
    return need;
}

/* Encodes cp into out (4 bytes room); returns the length. */
static inline size_t ogi_utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Number of codepoints in a UTF-8 string. */
size_t ogi_utf8_length(const char *s, size_t len);

#endif /* OGI_UTF8_H */
