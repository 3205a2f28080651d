/*
 * resubmit.h (private to the library) - a workbook ogi wrote, sent in again: only the submitter's
 * sheets are read (docs/formats.md).
 */
#ifndef OGI_RESUBMIT_H
#define OGI_RESUBMIT_H

#include "book.h"

/* In a finished book, recognises ogi's marked-up workbook by its 审核结果
 * sheet and drops that sheet and the 规范-表二/三/四 sheets (unless they
 * are all that is left besides it). Returns 1 when the book was ogi's. */
int ogi_book_drop_own_sheets(ogi_book *book);

#endif /* OGI_RESUBMIT_H */
