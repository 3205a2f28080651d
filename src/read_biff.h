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

/* The stream without the substreams embedded in its worksheets (charts),
 * with the worksheet list's offsets moved to match: freexl refuses a
 * workbook with an embedded chart. Returns its length and sets *out
 * (malloc'd), or 0 when there is nothing to take out. */
size_t ogi_biff_without_charts(const unsigned char *stream, size_t len, unsigned char **out);

#endif /* OGI_READ_BIFF_H */
