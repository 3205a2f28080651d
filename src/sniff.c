/*
 * sniff.c - deciding a file's format from its first bytes.
 */
#include "sniff.h"

#include <string.h>

static const unsigned char ole2_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
static const char ods_mime[] = "application/vnd.oasis.opendocument.spreadsheet";

static int has_name(const unsigned char *data, size_t len, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i + n <= len; i++)
        if (data[i] == (unsigned char)name[0] && memcmp(data + i, name, n) == 0)
            return 1;
    return 0;
}

ogi_format ogi_sniff(const unsigned char *data, size_t len)
{
    if (len >= sizeof ole2_magic && memcmp(data, ole2_magic, sizeof ole2_magic) == 0)
        return OGI_FORMAT_OLE2;
    if (len < 30 || memcmp(data, "PK\x03\x04", 4) != 0)
        return OGI_FORMAT_UNKNOWN;
    /* ODF puts an uncompressed "mimetype" entry first */
    size_t name_len = (size_t)data[26] | (size_t)data[27] << 8;
    size_t extra_len = (size_t)data[28] | (size_t)data[29] << 8;
    size_t body = 30 + name_len + extra_len;
    if (name_len == 8 && 30 + name_len <= len && memcmp(data + 30, "mimetype", 8) == 0 &&
        body + sizeof ods_mime - 1 <= len &&
        memcmp(data + body, ods_mime, sizeof ods_mime - 1) == 0)
        return OGI_FORMAT_ODS;
    /* part names stand in the local headers and the central directory */
    if (has_name(data, len, "[Content_Types].xml"))
        return OGI_FORMAT_OOXML;
    return OGI_FORMAT_ZIP_OTHER;
}
