/*
 * open.c - ogi_book_open: a file read whole, hashed, its format told from
 * its bytes (sniff.c, never its name) and handed to the reader of that
 * format (readers.h); the book finished and, for a workbook ogi wrote,
 * cut back to the submitter's sheets (resubmit.c).
 */
#include <nettle/sha2.h>
#include <stdlib.h>

#include "book.h"
#include "context.h"
#include "file.h"
#include "package.h"
#include "readers.h"
#include "resubmit.h"
#include "sniff.h"

/* nettle's SHA-256 uses the CPU's SHA instructions where there are some
 * (glib's took as long as reading the workbook), and starts with nothing
 * to set up: OpenSSL 3's EVP_Digest, and its SHA256() which goes through
 * it, fetched and initialised providers and configuration on first use,
 * 5.5 M instructions, more than the whole check of a report
 * (docs/performance.md, "Start-up"). */
static void hash_hex(const unsigned char *data, size_t len, char out[65])
{
    unsigned char digest[SHA256_DIGEST_SIZE];
    struct sha256_ctx sha;
    sha256_init(&sha);
    sha256_update(&sha, len, data);
    sha256_digest(&sha, sizeof digest, digest);
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < sizeof digest; i++) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 15];
    }
    out[64] = '\0';
}

/* A zip: .xlsx or .ods by what it holds, whatever its name says. */
static ogi_error read_package(ogi_book *book, const unsigned char *data, size_t len)
{
    ogi_package *pkg = NULL;
    ogi_error err = ogi_package_open(data, len, &pkg);
    if (err != OGI_OK)
        return err;
    ogi_format format = OGI_FORMAT_ZIP_OTHER;
    char workbook[1024];
    err = ogi_sniff_package(pkg, &format, workbook, sizeof workbook);
    if (err == OGI_OK) {
        switch (format) {
        case OGI_FORMAT_OOXML:
            err = ogi_read_xlsx(book, pkg, workbook);
            break;
        case OGI_FORMAT_ODS:
            err = ogi_read_ods(book, pkg);
            break;
        case OGI_FORMAT_XLSB:
            err = OGI_ERROR_OOXML;
            break;
        case OGI_FORMAT_ODF_OTHER:
            err = OGI_ERROR_ODS;
            break;
        default:
            err = OGI_ERROR_NOT_SPREADSHEET;
            break;
        }
    }
    ogi_package_free(pkg);
    return err;
}

static ogi_error read_by_format(ogi_book *book, const char *path, const unsigned char *data,
                                size_t len)
{
    switch (ogi_sniff(data, len)) {
    case OGI_FORMAT_OLE2:
        return ogi_read_xls(book, path, data, len);
    case OGI_FORMAT_ZIP:
        return read_package(book, data, len);
    default:
        return OGI_ERROR_NOT_SPREADSHEET;
    }
}

ogi_error ogi_book_open(const ogi_context *ctx, const char *path, ogi_book **out)
{
    *out = NULL;
    /* the context's limits are read from its struct, not through context.c:
     * reading a file needs nothing else of the checking stage */
    ogi_book *book = ogi_book_new(ctx ? &ctx->limits : NULL);
    if (!book)
        return OGI_ERROR_MEMORY;
    unsigned char *data = NULL;
    size_t len = 0;
    ogi_error err = ogi_file_read(path, book->limits.max_file_bytes, &data, &len);
    if (err == OGI_OK) {
        hash_hex(data, len, book->sha256);
        err = read_by_format(book, path, data, len);
        free(data);
    }
    if (err != OGI_OK) {
        ogi_book_free(book);
        return err;
    }
    ogi_book_finish(book);
    ogi_book_drop_own_sheets(book);
    *out = book;
    return OGI_OK;
}
