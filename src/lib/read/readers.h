/*
 * readers.h - private to the library: one reader per format, which
 * open.c chooses among by the bytes (sniff.h). Each fills an empty book
 * (book.h) and returns why it could not; the book is finished by open.c.
 */
#ifndef OGI_READERS_H
#define OGI_READERS_H

#include <stddef.h>

#include "book.h"

/* Registers libgsf's types and quiets its log, once per process; safe to
 * call from any thread (ogi_context_new calls it before fronts start
 * threads, the .xls reader again for callers without a context). */
void ogi_read_xls_init(void);
/* .xls (and WPS's .et): the OLE2 file whole in (data, len); path names it. */
ogi_error ogi_read_xls(ogi_book *book, const char *path, const unsigned char *data, size_t len);

struct ogi_package;
/* .xlsx: workbook is the workbook part the sniffer found ("xl/workbook.xml"). */
ogi_error ogi_read_xlsx(ogi_book *book, struct ogi_package *pkg, const char *workbook);
/* .ods: content.xml of the package. */
ogi_error ogi_read_ods(ogi_book *book, struct ogi_package *pkg);

#endif /* OGI_READERS_H */
