/*
 * common.h - private helpers shared by the library's modules.
 */
#ifndef OGI_COMMON_H
#define OGI_COMMON_H

#include "ogi.h"

/* Private functions are static in the library and visible to the unit
 * tests, which build with -DTESTING (libxlsxwriter's STATIC idea). */
#ifdef TESTING
#define STATIC
#else
#define STATIC static
#endif

#define OGI_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif /* OGI_COMMON_H */
