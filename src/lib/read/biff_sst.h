/*
 * biff_sst.h (private to the library) - the shared string table of a BIFF8 workbook (the SST record
 * and the CONTINUE records after it), decoded to UTF-8.
 */
#ifndef OGI_BIFF_SST_H
#define OGI_BIFF_SST_H

#include <stddef.h>
#include <stdint.h>

#include "book.h"

/* A record's body: where it is in the stream and how long. */
typedef struct ogi_biff_seg {
    const unsigned char *data;
    size_t len;
} ogi_biff_seg;

typedef struct ogi_sst {
    const char **text; /* UTF-8, owned by the book's arena */
    uint32_t *len;     /* bytes of each text */
    size_t n;
} ogi_sst;

/* Decodes the strings of the SST (segs[0]) and its CONTINUEs (the rest)
 * into sst; texts live in book's arena, the arrays are the caller's to
 * free with ogi_sst_free. A string past the book's string limit is a
 * refusal; strings cut off by the end of the data end the table. */
ogi_error ogi_sst_read(ogi_book *book, const ogi_biff_seg *segs, size_t nsegs, ogi_sst *sst);
void ogi_sst_free(ogi_sst *sst);

/* UTF-16LE or "compressed" (8-bit) characters -> UTF-8 appended at
 * out + o (room for 4 bytes per character is the caller's to give);
 * *used tells how many characters were taken. Lone surrogates become
 * U+FFFD. Returns the new length of out. */
size_t ogi_biff_chars(const unsigned char *p, size_t avail, size_t count, int high, char *out,
                      size_t o, size_t cap, size_t *used);

#endif /* OGI_BIFF_SST_H */
