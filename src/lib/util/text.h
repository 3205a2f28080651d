/*
 * text.h (private to the library) - label normalisation: traditional -> simplified (OpenCC),
 * full-width -> half-width, white space and quotes removed, numbering and
 * trailing annotations stripped, so that submitters' wording variants of a
 * label compare equal to the template's.
 */
#ifndef OGI_TEXT_H
#define OGI_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "ogi.h"

/* OpenCC's t2s conversion of every single CJK codepoint, built once per
 * context: OpenCC costs about a microsecond per character, too slow to
 * call for every label of every workbook, while a table lookup is free. */
typedef struct ogi_t2s_map {
    uint32_t *to; /* index cp - OGI_T2S_FIRST; 0 = unchanged */
} ogi_t2s_map;

#define OGI_T2S_FIRST 0x3400u
#define OGI_T2S_LAST 0xFAFFu

ogi_error ogi_t2s_map_build(ogi_t2s_map *map);
void ogi_t2s_map_free(ogi_t2s_map *map);
uint32_t ogi_t2s(const ogi_t2s_map *map, uint32_t cp);

/* Decodes one UTF-8 codepoint at s (len bytes left); returns its length
 * (>= 1), with U+FFFD for invalid bytes. */
size_t ogi_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encodes cp into out (4 bytes room); returns the length. */
size_t ogi_utf8_encode(uint32_t cp, char *out);

/* Full-width ASCII -> ASCII, ideographic space -> space, traditional ->
 * simplified (map may be NULL). Writes at most size-1 bytes to out and
 * terminates it; returns the length written. Keeps white space. */
size_t ogi_text_fold(const ogi_t2s_map *map, const char *in, size_t len, char *out, size_t size);

/* The normalised form of a label: folded, white space and quotes
 * removed, leading numbering (一、 （三） (3) 3. 3、) and a trailing
 * parenthesised annotation stripped. Same contract as ogi_text_fold. */
size_t ogi_label_norm(const ogi_t2s_map *map, const char *in, size_t len, char *out, size_t size);

/* Number of codepoints in a UTF-8 string. */
size_t ogi_utf8_length(const char *s, size_t len);

#endif /* OGI_TEXT_H */
