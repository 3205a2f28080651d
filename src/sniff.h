/*
 * sniff.h - what a file is, by its bytes, not its name.
 */
#ifndef OGI_SNIFF_H
#define OGI_SNIFF_H

#include <stddef.h>

typedef enum ogi_format {
    OGI_FORMAT_UNKNOWN = 0,
    OGI_FORMAT_OLE2,  /* .xls, .et (and .doc, encrypted .xlsx) */
    OGI_FORMAT_OOXML, /* .xlsx, .xlsm */
    OGI_FORMAT_ODS,
    OGI_FORMAT_ZIP_OTHER
} ogi_format;

ogi_format ogi_sniff(const unsigned char *data, size_t len);

#endif /* OGI_SNIFF_H */
