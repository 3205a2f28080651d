/*
 * file.h - private to the library: a whole file read into memory.
 */
#ifndef OGI_FILE_H
#define OGI_FILE_H

#include <stddef.h>
#include <stdint.h>

#include "ogi.h"

/* Reads the regular file at path whole into *data (malloc'd, the caller
 * frees it; one '\0' follows the *len bytes, so text can be read as a
 * string). Refuses what is not a regular readable file: OGI_ERROR_NOT_FOUND,
 * OGI_ERROR_IS_DIRECTORY, OGI_ERROR_READ, OGI_ERROR_EMPTY_FILE, and
 * OGI_ERROR_TOO_LARGE past max_bytes; OGI_ERROR_MEMORY. *data is NULL on
 * any error. */
ogi_error ogi_file_read(const char *path, uint64_t max_bytes, unsigned char **data, size_t *len);

#endif /* OGI_FILE_H */
