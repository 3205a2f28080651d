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

#endif /* OGI_TEXT_H */
