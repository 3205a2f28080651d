/*
 * utf8.c - counting UTF-8 code points (decoding and encoding one are inline in utf8.h).
 */
#include "utf8.h"

size_t ogi_utf8_length(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}
