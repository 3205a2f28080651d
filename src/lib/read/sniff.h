/*
 * sniff.h (private to the library) - what a file is, by its bytes, not its name.
 */
#ifndef OGI_SNIFF_H
#define OGI_SNIFF_H

#include <stddef.h>

#include "ogi.h"
#include "package.h"

typedef enum ogi_format {
    OGI_FORMAT_UNKNOWN = 0,
    OGI_FORMAT_OLE2,      /* .xls, .et (and .doc, encrypted .xlsx) */
    OGI_FORMAT_OOXML,     /* .xlsx, .xlsm, .xltx: a workbook part in the package */
    OGI_FORMAT_ODS,       /* .ods, .ots */
    OGI_FORMAT_ZIP_OTHER, /* a zip that is neither (.docx, .zip) */
    OGI_FORMAT_ZIP,       /* a zip, its contents not yet looked at */
    OGI_FORMAT_XLSB,      /* Excel's binary workbook */
    OGI_FORMAT_ODF_OTHER  /* an OpenDocument text, drawing... */
} ogi_format;

/* By the first bytes: OLE2, ZIP or UNKNOWN. */
ogi_format ogi_sniff(const unsigned char *data, size_t len);

/* What a zip holds, from its entries: ODS when its mimetype (or, lacking
 * one, its manifest) says spreadsheet; OOXML when [Content_Types].xml
 * names a workbook part, whose entry name goes to workbook (even when the
 * entry is missing: the reader says so). */
ogi_error ogi_sniff_package(ogi_package *pkg, ogi_format *format, char *workbook, size_t size);

#endif /* OGI_SNIFF_H */
