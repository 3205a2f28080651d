/*
 * read_xls.c - a BIFF8 .xls: freexl for the cells, the Workbook stream
 * (through libgsf's OLE2 reader) for sheets, formula results and merges.
 */
#include <freexl.h>
#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-outfile-msole.h>
#include <gsf/gsf-output-stdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "book.h"
#include "read_biff.h"

#define MIN_BIG_STREAM 4096 /* OLE2: shorter streams live in the mini-stream */

/* Reads the named stream of the OLE2 container whole; NULL if absent. */
static unsigned char *read_stream(GsfInfile *ole, const char *name, size_t max, size_t *len,
                                  ogi_error *err)
{
    GsfInput *in = gsf_infile_child_by_name(ole, name);
    if (!in)
        return NULL;
    gsf_off_t size = gsf_input_size(in);
    unsigned char *buf = NULL;
    if (size <= 0 || (uint64_t)size > max) {
        *err = size <= 0 ? OGI_ERROR_CORRUPT : OGI_ERROR_TOO_LARGE;
    } else if (!(buf = malloc((size_t)size))) {
        *err = OGI_ERROR_MEMORY;
    } else if (!gsf_input_read(in, (size_t)size, buf)) {
        free(buf);
        buf = NULL;
        *err = OGI_ERROR_CORRUPT;
    } else {
        *len = (size_t)size;
    }
    g_object_unref(in);
    return buf;
}

static int has_stream(GsfInfile *ole, const char *name)
{
    GsfInput *in = gsf_infile_child_by_name(ole, name);
    if (in)
        g_object_unref(in);
    return in != NULL;
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The FAT entry of sector sid, or UINT32_MAX when the FAT does not say. */
static uint32_t fat_next(const unsigned char *d, size_t len, size_t ssz, uint32_t sid)
{
    size_t per = ssz / 4, k = sid / per, fat_sid;
    if (k < 109) {
        fat_sid = le32(d + 0x4C + 4 * k);
    } else {
        /* further FAT sectors are listed in the DIFAT chain */
        size_t rest = k - 109;
        uint32_t difat = le32(d + 0x44);
        for (size_t hops = 0; rest >= per - 1; hops++, rest -= per - 1) {
            size_t off = ((size_t)difat + 1) * ssz;
            if (hops > len / ssz || off + ssz > len)
                return UINT32_MAX;
            difat = le32(d + off + ssz - 4);
        }
        size_t off = ((size_t)difat + 1) * ssz;
        if (off + ssz > len)
            return UINT32_MAX;
        fat_sid = le32(d + off + 4 * rest);
    }
    size_t off = (fat_sid + 1) * ssz;
    if (fat_sid >= 0xFFFFFFFA || off + ssz > len)
        return UINT32_MAX;
    return le32(d + off + 4 * (sid % per));
}

/* freexl converts the name of each OLE2 directory entry with the length
 * the entry states, reading past the 64-byte name field when that is
 * larger, and libgsf loses memory over a directory that does not start
 * with the root (both found by `make fuzz`): such a container is damaged.
 * Only that is looked for; a directory that cannot be followed is left to
 * the readers. */
static int ole_names_fit(const unsigned char *d, size_t len)
{
    if (len < 512)
        return 1;
    unsigned shift = (unsigned)(d[0x1E] | d[0x1F] << 8);
    if (shift != 9 && shift != 12)
        return 1;
    size_t ssz = (size_t)1 << shift;
    uint32_t sid = le32(d + 0x30);
    for (size_t steps = 0; sid < 0xFFFFFFFA && steps <= len / ssz; steps++) {
        size_t off = ((size_t)sid + 1) * ssz;
        if (off + ssz > len)
            return 1;
        /* the first entry is the root storage (type 5): libgsf loses
         * memory over a directory whose first entry is not */
        if (steps == 0 && d[off + 66] != 5)
            return 0;
        for (size_t e = 0; e < ssz / 128; e++)
            if ((d[off + e * 128 + 64] | d[off + e * 128 + 65] << 8) > 64)
                return 0;
        sid = fat_next(d, len, ssz, sid);
    }
    return 1;
}

/* The container's Workbook stream walked for what freexl skips. When the
 * stream has charts embedded in its sheets, *stripped is the stream
 * without them (for freexl, which refuses them). */
static ogi_error walk_container(ogi_book *book, const unsigned char *data, size_t len,
                                unsigned char **stripped, size_t *stripped_len)
{
    if (!ole_names_fit(data, len))
        return OGI_ERROR_CORRUPT;
    GsfInput *mem = gsf_input_memory_new(data, (gsf_off_t)len, FALSE);
    if (!mem)
        return OGI_ERROR_MEMORY;
    GsfInfile *ole = gsf_infile_msole_new(mem, NULL);
    g_object_unref(mem);
    if (!ole)
        return OGI_ERROR_CORRUPT;
    ogi_error err = OGI_OK;
    size_t slen = 0;
    unsigned char *stream = read_stream(ole, "Workbook", book->limits.max_file_bytes, &slen, &err);
    if (!stream && err == OGI_OK) {
        err = has_stream(ole, "EncryptedPackage") ? OGI_ERROR_ENCRYPTED
              : has_stream(ole, "Book")           ? OGI_ERROR_OLD_BIFF
                                                  : OGI_ERROR_NOT_WORKBOOK;
    }
    g_object_unref(ole);
    if (stream)
        err = ogi_biff_walk(book, stream, slen);
    if (err == OGI_OK)
        *stripped_len = ogi_biff_without_charts(stream, slen, stripped);
    free(stream);
    return err;
}

/* Writes an OLE2 file at a new temporary path holding stream as its
 * Workbook; the path is written to tmp. */
static ogi_error write_workbook(const unsigned char *stream, size_t len, char *tmp, size_t size)
{
    const char *dir = getenv("TMPDIR");
    snprintf(tmp, size, "%s/ogi-xls-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(tmp);
    if (fd < 0)
        return OGI_ERROR_WRITE;
    close(fd);
    GsfOutput *file = gsf_output_stdio_new(tmp, NULL);
    GsfOutfile *ole = file ? gsf_outfile_msole_new(file) : NULL;
    GsfOutput *child = ole ? gsf_outfile_new_child(ole, "Workbook", FALSE) : NULL;
    int ok = child && gsf_output_write(child, len, stream) && gsf_output_close(child);
    ok = ole && gsf_output_close(GSF_OUTPUT(ole)) && ok;
    if (child)
        g_object_unref(child);
    if (ole)
        g_object_unref(ole);
    if (file)
        g_object_unref(file);
    if (!ok) {
        unlink(tmp);
        return OGI_ERROR_WRITE;
    }
    return OGI_OK;
}

static ogi_error put_cell(ogi_book *book, size_t sheet, uint32_t row, uint32_t col,
                          const FreeXL_CellValue *v)
{
    switch (v->type) {
    case FREEXL_CELL_INT:
        return ogi_sheet_set_number(book, sheet, row, col, v->value.int_value, 0);
    case FREEXL_CELL_DOUBLE:
        return ogi_sheet_set_number(book, sheet, row, col, v->value.double_value, 0);
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
        return ogi_sheet_set_text(book, sheet, row, col, v->value.text_value,
                                  strlen(v->value.text_value), 0);
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
    case FREEXL_CELL_TIME: {
        ogi_error err = ogi_sheet_set_text(book, sheet, row, col, v->value.text_value,
                                           strlen(v->value.text_value), 0);
        if (err == OGI_OK)
            ogi_sheet_mark_date(book, sheet, row, col);
        return err;
    }
    default:
        return OGI_OK;
    }
}

static ogi_error read_sheet(ogi_book *book, const void *xls, unsigned short index)
{
    const char *name = NULL;
    unsigned int rows = 0;
    unsigned short cols = 0;
    if (freexl_get_worksheet_name(xls, index, &name) != FREEXL_OK || !name ||
        freexl_select_active_worksheet(xls, index) != FREEXL_OK ||
        freexl_worksheet_dimensions(xls, &rows, &cols) != FREEXL_OK)
        return OGI_ERROR_CORRUPT;
    int sheet = ogi_book_find_sheet(book, name);
    if (sheet < 0)
        return OGI_OK; /* not a worksheet of the BOUNDSHEET list */
    /* the dense grid freexl walks: refuse an absurd one before walking */
    if ((uint64_t)rows * cols > book->limits.max_cells * 8u + 65536u)
        return OGI_ERROR_TOO_MANY_CELLS;
    for (unsigned int r = 0; r < rows; r++)
        for (unsigned short c = 0; c < cols; c++) {
            FreeXL_CellValue v;
            if (freexl_get_cell_value(xls, r, c, &v) != FREEXL_OK || v.type == FREEXL_CELL_NULL)
                continue;
            ogi_error err = put_cell(book, (size_t)sheet, r, c, &v);
            if (err != OGI_OK)
                return err;
        }
    return OGI_OK;
}

static ogi_error read_cells(ogi_book *book, const char *path)
{
    const void *xls = NULL;
    int rc = freexl_open(path, &xls);
    /* freexl says OK with no handle for a password or a bad DIMENSIONS
     * record, and allocates a handle even when it fails */
    if (rc != FREEXL_OK || !xls) {
        if (xls)
            freexl_close(xls);
        return OGI_ERROR_CORRUPT;
    }
    unsigned int count = 0;
    ogi_error err = freexl_get_info(xls, FREEXL_BIFF_SHEET_COUNT, &count) == FREEXL_OK
                        ? OGI_OK
                        : OGI_ERROR_CORRUPT;
    for (unsigned int i = 0; err == OGI_OK && i < count && i < 65535; i++)
        err = read_sheet(book, xls, (unsigned short)i);
    freexl_close(xls);
    return err;
}

ogi_error ogi_read_xls(ogi_book *book, const char *path, const unsigned char *data, size_t len)
{
    unsigned char *stripped = NULL;
    size_t stripped_len = 0;
    ogi_error err = walk_container(book, data, len, &stripped, &stripped_len);
    if (err == OGI_OK && stripped && stripped_len < MIN_BIG_STREAM) {
        /* a shorter stream would go to the OLE mini-stream, which freexl
         * does not read: pad it with zeros as writers do */
        unsigned char *grown = realloc(stripped, MIN_BIG_STREAM);
        if (!grown) {
            err = OGI_ERROR_MEMORY;
        } else {
            memset(grown + stripped_len, 0, MIN_BIG_STREAM - stripped_len);
            stripped = grown;
            stripped_len = MIN_BIG_STREAM;
        }
    }
    if (err == OGI_OK && stripped) {
        /* freexl reads paths only: the workbook without its charts goes
         * through a temporary file, removed at once */
        char tmp[4096];
        err = write_workbook(stripped, stripped_len, tmp, sizeof tmp);
        if (err == OGI_OK) {
            err = read_cells(book, tmp);
            unlink(tmp);
        }
    } else if (err == OGI_OK) {
        err = read_cells(book, path);
    }
    free(stripped);
    return err;
}
