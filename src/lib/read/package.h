/*
 * package.h (private to the library) - a zip container (.xlsx, .ods) read through libzip with the
 * limits hostile input needs: entries are streamed, never trusted for
 * their declared sizes, and the bytes they inflate to are counted.
 */
#ifndef OGI_PACKAGE_H
#define OGI_PACKAGE_H

#include <stddef.h>
#include <stdint.h>

#include "ogi.h"

/* Inflated bytes a whole package may produce: a real report is well under
 * a megabyte; 2,000,000 cells of XML are about 100 MiB. */
#define OGI_PACKAGE_MAX_INFLATED (256ull << 20)
/* An entry may inflate to at most this many times its compressed size,
 * once it is past OGI_PACKAGE_RATIO_GRACE bytes (real XML: 5-50x;
 * deflate's ceiling, a zip bomb's ratio: about 1000x). */
#define OGI_PACKAGE_MAX_RATIO 100u
#define OGI_PACKAGE_RATIO_GRACE (1u << 20)
#define OGI_PACKAGE_MAX_ENTRIES 10000u

typedef struct ogi_package ogi_package;

/* Opens the zip held in data (borrowed: it must outlive the package).
 * OGI_ERROR_CORRUPT for a broken or truncated zip. */
ogi_error ogi_package_open(const unsigned char *data, size_t len, ogi_package **out);
void ogi_package_free(ogi_package *pkg);

/* 1 when the package holds an entry called name (ASCII case ignored, as
 * OPC part names are compared). */
int ogi_package_has(const ogi_package *pkg, const char *name);

/* Receives the inflated bytes of an entry in order; a non-OK return stops
 * the reading and is passed on. */
typedef ogi_error (*ogi_package_sink)(void *ud, const char *chunk, size_t len);

/* Streams the entry called name into sink. OGI_ERROR_PART_MISSING when
 * there is none, OGI_ERROR_ZIP_BOMB past the limits. */
ogi_error ogi_package_stream(ogi_package *pkg, const char *name, ogi_package_sink sink, void *ud);

/* Reads a small entry whole (at most max bytes, else OGI_ERROR_CORRUPT),
 * NUL-terminated; the caller frees *out. */
ogi_error ogi_package_slurp(ogi_package *pkg, const char *name, size_t max, char **out,
                            size_t *len);

/* The part a relationship Target points at, as a zip entry name: target
 * resolved against the folder of the part base ("xl/workbook.xml"),
 * percent escapes decoded, "." and ".." applied. 0 when it does not fit
 * in size or climbs out of the package. */
int ogi_package_resolve(const char *base, const char *target, char *out, size_t size);

#endif /* OGI_PACKAGE_H */
