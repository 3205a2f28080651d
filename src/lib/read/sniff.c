/*
 * sniff.c - deciding a file's format from its bytes.
 */
#include "sniff.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common.h"
#include "xml.h"

static const unsigned char ole2_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

#define ODF_PREFIX "application/vnd.oasis.opendocument."
static const char *const ods_types[] = {
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.spreadsheet-template",
};

static const char *const workbook_types[] = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
};
static const char xlsb_type[] = "application/vnd.ms-excel.sheet.binary.macroEnabled.main";

ogi_format ogi_sniff(const unsigned char *data, size_t len)
{
    if (len >= sizeof ole2_magic && memcmp(data, ole2_magic, sizeof ole2_magic) == 0)
        return OGI_FORMAT_OLE2;
    /* a local file header, or the end record of an empty zip */
    if (len >= 4 && (memcmp(data, "PK\x03\x04", 4) == 0 || memcmp(data, "PK\x05\x06", 4) == 0))
        return OGI_FORMAT_ZIP;
    return OGI_FORMAT_UNKNOWN;
}

static int in_list(const char *type, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(type, list[i]) == 0)
            return 1;
    return 0;
}

/* An ODF media type -> ODS or ODF_OTHER. */
static ogi_format odf_kind(const char *type)
{
    return in_list(type, ods_types, OGI_ARRAY_LEN(ods_types)) ? OGI_FORMAT_ODS
                                                              : OGI_FORMAT_ODF_OTHER;
}

static void trim(char *s, size_t *len)
{
    while (*len > 0 && (s[*len - 1] == ' ' || s[*len - 1] == '\n' || s[*len - 1] == '\r' ||
                        s[*len - 1] == '\t'))
        s[--*len] = '\0';
}

/* ODF's uncompressed first entry, "mimetype". */
static ogi_error sniff_mimetype(ogi_package *pkg, ogi_format *format)
{
    char *text = NULL;
    size_t len = 0;
    ogi_error err = ogi_package_slurp(pkg, "mimetype", 256, &text, &len);
    if (err == OGI_ERROR_CORRUPT) /* too long for a media type: not ODF */
        return OGI_OK;
    if (err != OGI_OK)
        return err;
    trim(text, &len);
    if (strncmp(text, ODF_PREFIX, strlen(ODF_PREFIX)) == 0)
        *format = odf_kind(text);
    free(text);
    return OGI_OK;
}

static void on_manifest(ogi_xml *x, void *ud, ogi_xml_ns ns, const char *local, const char **attrs)
{
    (void)x;
    ogi_format *format = ud;
    if (ns != OGI_NS_MANIFEST || strcmp(local, "file-entry") != 0)
        return;
    const char *path = ogi_xml_attr(attrs, OGI_NS_MANIFEST, "full-path");
    const char *type = ogi_xml_attr(attrs, OGI_NS_MANIFEST, "media-type");
    if (path && type && strcmp(path, "/") == 0 &&
        strncmp(type, ODF_PREFIX, strlen(ODF_PREFIX)) == 0)
        *format = odf_kind(type);
}

typedef struct ctypes {
    ogi_format format;
    char *workbook;
    size_t size;
} ctypes;

static void on_ctypes(ogi_xml *x, void *ud, ogi_xml_ns ns, const char *local, const char **attrs)
{
    (void)x;
    ctypes *ct = ud;
    if (ns != OGI_NS_CTYPES || strcmp(local, "Override") != 0 || ct->format == OGI_FORMAT_OOXML)
        return;
    const char *part = ogi_xml_attr(attrs, OGI_NS_NONE, "PartName");
    const char *type = ogi_xml_attr(attrs, OGI_NS_NONE, "ContentType");
    if (!part || !type)
        return;
    if (strcasecmp(type, xlsb_type) == 0) {
        ct->format = OGI_FORMAT_XLSB;
    } else if (in_list(type, workbook_types, OGI_ARRAY_LEN(workbook_types)) &&
               ogi_package_resolve("", part, ct->workbook, ct->size)) {
        ct->format = OGI_FORMAT_OOXML;
    }
}

ogi_error ogi_sniff_package(ogi_package *pkg, ogi_format *format, char *workbook, size_t size)
{
    *format = OGI_FORMAT_ZIP_OTHER;
    if (size > 0)
        workbook[0] = '\0';
    ogi_error err = OGI_OK;
    if (ogi_package_has(pkg, "mimetype"))
        err = sniff_mimetype(pkg, format);
    if (err == OGI_OK && *format == OGI_FORMAT_ZIP_OTHER &&
        ogi_package_has(pkg, "META-INF/manifest.xml")) {
        ogi_xml_handlers h = {on_manifest, NULL, NULL, 0};
        err = ogi_xml_parse_part(pkg, "META-INF/manifest.xml", &h, format);
    }
    if (err == OGI_OK && *format == OGI_FORMAT_ZIP_OTHER &&
        ogi_package_has(pkg, "[Content_Types].xml") && ogi_package_has(pkg, "xl/workbook.xml") &&
        size > strlen("xl/workbook.xml")) {
        /* where every writer puts the workbook: no need to parse the types */
        strcpy(workbook, "xl/workbook.xml");
        *format = OGI_FORMAT_OOXML;
    }
    if (err == OGI_OK && *format == OGI_FORMAT_ZIP_OTHER &&
        ogi_package_has(pkg, "[Content_Types].xml")) {
        ctypes ct = {OGI_FORMAT_ZIP_OTHER, workbook, size};
        ogi_xml_handlers h = {on_ctypes, NULL, NULL, 0};
        err = ogi_xml_parse_part(pkg, "[Content_Types].xml", &h, &ct);
        *format = ct.format;
    }
    return err;
}
