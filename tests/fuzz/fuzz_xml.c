/*
 * fuzz_xml.c - libFuzzer harness for the .xlsx and .ods readers. Mutating
 * a whole zip rarely gets past its CRCs, so the fuzzed bytes are one XML
 * part, put into an otherwise well-formed package built in memory with
 * libzip: the first byte chooses which part (worksheet, shared strings,
 * workbook, relationships, styles, ODS content). The book read is then
 * checked and reported like any other. `make fuzz-xml` runs it; its seeds
 * are the parts of the files in tests/fixtures/formats and tests/fixtures/data/bad-zip.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "book.h"
#include "readers.h"
#include "ogi.h"
#include "package.h"
#include "resubmit.h"
#include "sniff.h"

static ogi_context *fuzz_ctx; /* the harness's own set-up, built once */

#define SSML "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PKG "http://schemas.openxmlformats.org/package/2006/relationships"

static const char ctypes[] =
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>";
static const char workbook[] =
    "<workbook xmlns=\"" SSML "\" xmlns:r=\"" REL "\"><sheets>"
    "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char rels[] =
    "<Relationships xmlns=\"" PKG "\">"
    "<Relationship Id=\"rId1\" Type=\"" REL "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" REL "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" REL "/styles\" Target=\"styles.xml\"/></Relationships>";
static const char sst[] = "<sst xmlns=\"" SSML "\"><si><t>a</t></si><si><t>b</t></si></sst>";
static const char styles[] = "<styleSheet xmlns=\"" SSML "\"><cellXfs><xf numFmtId=\"0\"/>"
                             "<xf numFmtId=\"14\"/></cellXfs></styleSheet>";
static const char sheet[] = "<worksheet xmlns=\"" SSML "\"><sheetData><row><c t=\"s\"><v>0</v>"
                            "</c><c s=\"1\"><v>1</v></c></row></sheetData></worksheet>";

typedef struct part {
    const char *name;
    const char *data;
    size_t len;
} part;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (ogi_context_new(&fuzz_ctx) != OGI_OK)
        abort();
    ogi_limits limits = {1u << 20, 200000, 32767, 10};
    ogi_context_set_limits(fuzz_ctx, &limits);
    return 0;
}

/* The zip of parts in memory; NULL on failure. */
static unsigned char *build_zip(const part *parts, size_t n, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    unsigned char *out = NULL;
    if (!src)
        return NULL;
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    for (size_t i = 0; z && i < n; i++) {
        zip_source_t *s = zip_source_buffer(z, parts[i].data, parts[i].len, 0);
        if (!s || zip_file_add(z, parts[i].name, s, 0) < 0)
            zip_source_free(s);
    }
    if (z && zip_close(z) == 0 && zip_source_open(src) == 0) {
        zip_source_seek(src, 0, SEEK_END);
        zip_int64_t size = zip_source_tell(src);
        zip_source_seek(src, 0, SEEK_SET);
        if (size > 0 && (out = malloc((size_t)size)) &&
            zip_source_read(src, out, (zip_uint64_t)size) == size) {
            *len = (size_t)size;
        } else {
            free(out);
            out = NULL;
        }
        zip_source_close(src);
    } else if (z) {
        zip_discard(z);
    }
    zip_source_free(src);
    zip_error_fini(&ze);
    return out;
}

static void check_book(ogi_book *book)
{
    ogi_book_finish(book);
    ogi_book_drop_own_sheets(book);
    ogi_report *report = NULL;
    if (ogi_check(fuzz_ctx, book, "fuzz.xlsx", NULL, &report) == OGI_OK) {
        char *text = NULL;
        if (ogi_report_json(report, book, &text) == OGI_OK)
            free(text);
    }
    ogi_report_free(report);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned which = data[0] % 6;
    const char *xml = (const char *)data + 1;
    size_t xml_len = size - 1;
    part xlsx[] = {{"[Content_Types].xml", ctypes, sizeof ctypes - 1},
                   {"xl/workbook.xml", workbook, sizeof workbook - 1},
                   {"xl/_rels/workbook.xml.rels", rels, sizeof rels - 1},
                   {"xl/sharedStrings.xml", sst, sizeof sst - 1},
                   {"xl/styles.xml", styles, sizeof styles - 1},
                   {"xl/worksheets/sheet1.xml", sheet, sizeof sheet - 1}};
    part ods[] = {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet", 46},
                  {"content.xml", xml, xml_len}};
    part *parts = xlsx;
    size_t nparts = 6;
    if (which == 5) {
        parts = ods;
        nparts = 2;
    } else {
        /* 0 worksheet, 1 shared strings, 2 workbook, 3 relationships, 4 styles */
        static const size_t slot[] = {5, 3, 1, 2, 4};
        xlsx[slot[which]].data = xml;
        xlsx[slot[which]].len = xml_len;
    }
    size_t len = 0;
    unsigned char *zipped = build_zip(parts, nparts, &len);
    if (!zipped)
        return 0;
    ogi_package *pkg = NULL;
    ogi_book *book = ogi_book_new(&(ogi_limits){1u << 20, 200000, 32767, 10});
    if (book && ogi_package_open(zipped, len, &pkg) == OGI_OK) {
        ogi_format format;
        char wb[256];
        ogi_error err = ogi_sniff_package(pkg, &format, wb, sizeof wb);
        if (err == OGI_OK && format == OGI_FORMAT_OOXML)
            err = ogi_read_xlsx(book, pkg, wb);
        else if (err == OGI_OK && format == OGI_FORMAT_ODS)
            err = ogi_read_ods(book, pkg);
        if (err == OGI_OK)
            check_book(book);
    }
    ogi_package_free(pkg);
    ogi_book_free(book);
    free(zipped);
    return 0;
}
