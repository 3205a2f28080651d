/*
 * read_biff.h - a walk over a BIFF8 Workbook stream for what freexl does
 * not give: sheet order and names, formula results, merged ranges, and
 * whether the workbook is encrypted.
 */
#ifndef OGI_READ_BIFF_H
#define OGI_READ_BIFF_H

#include <stddef.h>

#include "book.h"

/* Adds the worksheets (in workbook order), their formula cells (cached
 * results) and merges to book. Never reads past len. */
ogi_error ogi_biff_walk(ogi_book *book, const unsigned char *stream, size_t len);

#endif /* OGI_READ_BIFF_H */
