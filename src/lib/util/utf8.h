/*
 * utf8.h (private to the library) - UTF-8 one code point at a time: the
 * labels' normalisation (text.c) and OpenCC's quick test (t2s.c) both
 * decode, so it is a file of its own that neither depends on the other.
 */
#ifndef OGI_UTF8_H
#define OGI_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one UTF-8 codepoint at s (len bytes left); returns its length
 * (>= 1), with U+FFFD for invalid bytes. */
size_t ogi_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encodes cp into out (4 bytes room); returns the length. */
size_t ogi_utf8_encode(uint32_t cp, char *out);
/* Number of codepoints in a UTF-8 string. */
size_t ogi_utf8_length(const char *s, size_t len);

#endif /* OGI_UTF8_H */
