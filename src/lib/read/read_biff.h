/*
 * read_biff.h (private to the library) - the cells of a BIFF8 Workbook stream: sheet order and
 * names, values (numbers, shared strings, formula results, dates),
 * merges, and whether the workbook is encrypted.
 */
#ifndef OGI_READ_BIFF_H
#define OGI_READ_BIFF_H

#include <stddef.h>

#include "book.h"

/* Adds the worksheets (in workbook order), their cells and merges to
 * book. Never reads past len. */
ogi_error ogi_biff_walk(ogi_book *book, const unsigned char *stream, size_t len);

#endif /* OGI_READ_BIFF_H */
