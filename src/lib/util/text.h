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
#include "t2s.h"
#include "utf8.h"

/* Full-width ASCII -> ASCII, ideographic space -> space, then the whole
 * text traditional -> simplified by OpenCC's phrase-level t2s (map may be
 * NULL: no conversion). Writes at most size-1 bytes to out and terminates
 * it; returns the length written. Keeps white space. */
size_t ogi_text_fold(const ogi_t2s_map *map, const char *in, size_t len, char *out, size_t size);

/* The normalised form of a label: folded, white space and quotes
 * removed (so that a phrase broken over two lines is still one phrase
 * for OpenCC), leading numbering (一、 （三） (3) 3. 3、) and a trailing
 * parenthesised annotation stripped. Same contract as ogi_text_fold. */
size_t ogi_label_norm(const ogi_t2s_map *map, const char *in, size_t len, char *out, size_t size);

/* The number of a label's own numbering: the last one written in it
 * (（三）不予公开 1.属于国家秘密 -> 1, （七）总计 -> 7, 第二项… -> 2,
 * ③… -> 3), in any bracket or delimiter form, Arabic or Chinese
 * numerals; 0 when it has none. The mapper uses it as evidence of where a
 * row stands when its words are not enough. */
unsigned ogi_label_number(const char *in, size_t len);

#endif /* OGI_TEXT_H */
