/* The .xlsx and .ods readers and the sniffer, on packages built in memory
 * with libzip: each test states the XML a writer puts in a part and the
 * cells the book must then hold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-outfile-msole.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-output-memory.h>
#include <zip.h>

#include "book.h"
#include "helpers.h"
#include "package.h"
#include "readers.h"
#include "sniff.h"
#include "xlsx.h"

/* private functions, visible in the TESTING build */
int ogi_a1_parse(const char *s, const char **end, uint64_t *row, uint64_t *col);
int ogi_ods_time_text(const char *v, char *out, size_t size);

/* ---- building packages ------------------------------------------------ */

/* What book.c does with a zip: sniff, then the reader. */
static ogi_error read_zip(const helper_part *parts, ogi_book **out, ogi_format *format)
{
    size_t len;
    unsigned char *data = helper_make_zip(parts, &len);
    ogi_book *book = ogi_book_new(NULL);
    ogi_package *pkg = NULL;
    ogi_error err = ogi_package_open(data, len, &pkg);
    char workbook[256];
    ogi_format fmt = OGI_FORMAT_UNKNOWN;
    if (err == OGI_OK)
        err = ogi_sniff_package(pkg, &fmt, workbook, sizeof workbook);
    if (err == OGI_OK && fmt == OGI_FORMAT_OOXML)
        err = ogi_read_xlsx(book, pkg, workbook);
    else if (err == OGI_OK && fmt == OGI_FORMAT_ODS)
        err = ogi_read_ods(book, pkg);
    ogi_package_free(pkg);
    free(data);
    ogi_book_finish(book);
    if (format)
        *format = fmt;
    *out = book;
    return err;
}

#define XML "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
#define SSML "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define DOCREL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PKGREL "http://schemas.openxmlformats.org/package/2006/relationships"
#define CTYPES                                                                                     \
    XML "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"           \
        "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"                       \
        "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>"
#define WORKBOOK(sheets)                                                                           \
    XML "<workbook xmlns=\"" SSML "\" xmlns:r=\"" DOCREL "\"><sheets>" sheets "</sheets></"        \
        "workbook>"
#define RELS(rels) XML "<Relationships xmlns=\"" PKGREL "\">" rels "</Relationships>"
#define REL(id, type, target)                                                                      \
    "<Relationship Id=\"" id "\" Type=\"" DOCREL "/" type "\" Target=\"" target "\"/>"
#define SHEET(data) XML "<worksheet xmlns=\"" SSML "\">" data "</worksheet>"
#define ONE_SHEET_RELS                                                                             \
    RELS(REL("rId1", "worksheet", "worksheets/sheet1.xml") REL(                                    \
        "rId2", "sharedStrings", "sharedStrings.xml") REL("rId3", "styles", "styles.xml"))
#define ONE_SHEET WORKBOOK("<sheet name=\"表\" sheetId=\"1\" r:id=\"rId1\"/>")

static const ogi_cell *cell_at(const ogi_book *book, size_t sheet, uint32_t row, uint32_t col)
{
    assert_true(sheet < book->nsheets);
    return ogi_sheet_cell(&book->sheets[sheet], row, col);
}

static void assert_text(const ogi_book *book, size_t sheet, uint32_t row, uint32_t col,
                        const char *text)
{
    const ogi_cell *c = cell_at(book, sheet, row, col);
    assert_non_null(c);
    assert_int_equal(c->kind, OGI_CELL_TEXT);
    assert_string_equal(c->text, text);
}

static void assert_number(const ogi_book *book, size_t sheet, uint32_t row, uint32_t col,
                          double value)
{
    const ogi_cell *c = cell_at(book, sheet, row, col);
    assert_non_null(c);
    assert_int_equal(c->kind, OGI_CELL_NUMBER);
    assert_true(c->number == value);
}

/* ---- sniffing ------------------------------------------------------------ */

static void test_sniff_bytes(void **state)
{
    (void)state;
    const unsigned char ole2[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0};
    assert_int_equal(ogi_sniff(ole2, sizeof ole2), OGI_FORMAT_OLE2);
    assert_int_equal(ogi_sniff((const unsigned char *)"PK\x03\x04rest", 8), OGI_FORMAT_ZIP);
    assert_int_equal(ogi_sniff((const unsigned char *)"PK\x05\x06", 4), OGI_FORMAT_ZIP);
    assert_int_equal(ogi_sniff((const unsigned char *)"<html>", 6), OGI_FORMAT_UNKNOWN);
    assert_int_equal(ogi_sniff((const unsigned char *)"PK", 2), OGI_FORMAT_UNKNOWN);
    assert_int_equal(ogi_sniff(ole2, 0), OGI_FORMAT_UNKNOWN);
}

static ogi_format sniff_parts(const helper_part *parts, char *workbook, size_t size)
{
    size_t len;
    unsigned char *data = helper_make_zip(parts, &len);
    ogi_package *pkg = NULL;
    assert_int_equal(ogi_package_open(data, len, &pkg), OGI_OK);
    ogi_format format;
    assert_int_equal(ogi_sniff_package(pkg, &format, workbook, size), OGI_OK);
    ogi_package_free(pkg);
    free(data);
    return format;
}

static void test_sniff_packages(void **state)
{
    (void)state;
    char wb[256];
    const helper_part ods[] = {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, {0}};
    assert_int_equal(sniff_parts(ods, wb, sizeof wb), OGI_FORMAT_ODS);
    const helper_part odt[] = {{"mimetype", "application/vnd.oasis.opendocument.text"}, {0}};
    assert_int_equal(sniff_parts(odt, wb, sizeof wb), OGI_FORMAT_ODF_OTHER);
    /* no mimetype entry: the manifest says what the package is */
    const helper_part manifest[] = {
        {"META-INF/manifest.xml",
         XML "<m:manifest xmlns:m=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
             "<m:file-entry m:full-path=\"/\" "
             "m:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/></m:manifest>"},
        {0}};
    assert_int_equal(sniff_parts(manifest, wb, sizeof wb), OGI_FORMAT_ODS);
    /* the workbook helper_part is wherever the content types say */
    const helper_part ooxml[] = {
        {"[Content_Types].xml",
         XML "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
             "<Override PartName=\"/custom/Book%20One.xml\" ContentType=\"application/"
             "vnd.ms-excel.sheet.macroEnabled.main+xml\"/></Types>"},
        {0}};
    assert_int_equal(sniff_parts(ooxml, wb, sizeof wb), OGI_FORMAT_OOXML);
    assert_string_equal(wb, "custom/Book One.xml");
    const helper_part xlsb[] = {
        {"[Content_Types].xml",
         XML "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
             "<Override PartName=\"/xl/workbook.bin\" ContentType=\"application/"
             "vnd.ms-excel.sheet.binary.macroEnabled.main\"/></Types>"},
        {0}};
    assert_int_equal(sniff_parts(xlsb, wb, sizeof wb), OGI_FORMAT_XLSB);
    const helper_part docx[] = {
        {"[Content_Types].xml",
         XML "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
             "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
             "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"},
        {0}};
    assert_int_equal(sniff_parts(docx, wb, sizeof wb), OGI_FORMAT_ZIP_OTHER);
    const helper_part plain[] = {{"readme.txt", "hello"}, {0}};
    assert_int_equal(sniff_parts(plain, wb, sizeof wb), OGI_FORMAT_ZIP_OTHER);
}

/* An OLE2 file holding EncryptedPackage is a password-protected .xlsx. */
static void test_encrypted_ooxml_is_refused(void **state)
{
    (void)state;
    GsfOutput *mem = gsf_output_memory_new();
    GsfOutfile *ole = gsf_outfile_msole_new(mem);
    const char *names[] = {"EncryptionInfo", "EncryptedPackage"};
    for (int i = 0; i < 2; i++) {
        GsfOutput *s = gsf_outfile_new_child(ole, names[i], FALSE);
        guint8 zeros[64] = {0};
        gsf_output_write(s, sizeof zeros, zeros);
        gsf_output_close(s);
        g_object_unref(s);
    }
    gsf_output_close(GSF_OUTPUT(ole));
    g_object_unref(ole);
    size_t len = (size_t)gsf_output_size(mem);
    const guint8 *bytes = gsf_output_memory_get_bytes(GSF_OUTPUT_MEMORY(mem));
    assert_int_equal(ogi_sniff(bytes, len), OGI_FORMAT_OLE2);
    ogi_book *book = ogi_book_new(NULL);
    assert_int_equal(ogi_read_xls(book, "/nonexistent", bytes, len), OGI_ERROR_ENCRYPTED);
    ogi_book_free(book);
    g_object_unref(mem); /* closed with the outfile */
}

/* ---- .xlsx ------------------------------------------------------------- */

static const char styles_xml[] =
    XML "<styleSheet xmlns=\"" SSML "\"><numFmts count=\"1\">"
        "<numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
        "<numFmt numFmtId=\"165\" formatCode=\"#,##0.00&quot;元&quot;\"/></numFmts>"
        "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
        "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
        "<xf numFmtId=\"165\"/></cellXfs></styleSheet>";

static void test_shared_strings_rich_runs_and_escapes(void **state)
{
    (void)state;
    const helper_part parts[] = {
        {"[Content_Types].xml", CTYPES},
        {"xl/workbook.xml", ONE_SHEET},
        {"xl/_rels/workbook.xml.rels", ONE_SHEET_RELS},
        {"xl/styles.xml", styles_xml},
        {"xl/sharedStrings.xml",
         XML "<sst xmlns=\"" SSML "\"><si><t>（七）总计</t></si>"
             /* rich text: runs in two fonts, and a phonetic run that is not text */
             "<si><r><rPr><b/></rPr><t>行政</t></r><r><t xml:space=\"preserve\">复议 </t></r>"
             "<rPh sb=\"0\" eb=\"2\"><t>ぎょうせい</t></rPh></si>"
             "<si><t>a_x000D_b_x005F_x0041_</t></si><si><t></t></si></sst>"},
        {"xl/worksheets/sheet1.xml",
         SHEET(
             "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v>"
             "</c><c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c></row>"
             "</sheetData>")},
        {0}};
    ogi_book *book;
    assert_int_equal(read_zip(parts, &book, NULL), OGI_OK);
    assert_text(book, 0, 0, 0, "（七）总计");
    assert_text(book, 0, 0, 1, "行政复议 ");
    assert_text(book, 0, 0, 2, "a\rb_x0041_");
    assert_null(cell_at(book, 0, 0, 3)); /* an empty string is no value */
    ogi_book_free(book);

    const helper_part bad[] = {
        {"[Content_Types].xml", CTYPES},
        {"xl/workbook.xml", ONE_SHEET},
        {"xl/_rels/workbook.xml.rels", ONE_SHEET_RELS},
        {"xl/sharedStrings.xml", XML "<sst xmlns=\"" SSML "\"><si><t>x</t></si></sst>"},
        {"xl/worksheets/sheet1.xml",
         SHEET("<sheetData><row><c t=\"s\"><v>1</v></c></row></sheetData>")},
        {0}};
    assert_int_equal(read_zip(bad, &book, NULL), OGI_ERROR_CORRUPT);
    ogi_book_free(book);
}

static void test_xlsx_cells_without_dimension_or_refs(void **state)
{
    (void)state;
    const helper_part parts[] = {
        {"[Content_Types].xml", CTYPES},
        {"xl/workbook.xml", ONE_SHEET},
        {"xl/_rels/workbook.xml.rels", ONE_SHEET_RELS},
        {"xl/styles.xml", styles_xml},
        {"xl/sharedStrings.xml", XML "<sst xmlns=\"" SSML "\"/>"},
        /* no <dimension>; rows and cells without r count on from the last */
        {"xl/worksheets/sheet1.xml",
         SHEET("<sheetData><row><c><v>1</v></c><c><v>2.5</v></c><c r=\"E1\"><v>3</v></c>"
               "<c><v>4</v></c></row><row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>内联</t>"
               "</is></c><c t=\"b\"><v>1</v></c><c t=\"e\"><v>#DIV/0!</v></c>"
               "<c t=\"str\"><f>A1&amp;\"x\"</f><v>1x</v></c><c><f>SUM(A1:B1)</f><v>3.5</v></c>"
               "<c><f>NOW()</f></c><c s=\"1\"><v>43831</v></c><c s=\"2\"><v>43831.5</v></c>"
               "<c s=\"3\"><v>43831</v></c></row><row><c><v>-0.25</v></c>"
               "<c><f t=\"shared\" si=\"0\"/><v>7</v></c></row></sheetData>")},
        {0}};
    ogi_book *book;
    assert_int_equal(read_zip(parts, &book, NULL), OGI_OK);
    assert_number(book, 0, 0, 0, 1);
    assert_number(book, 0, 0, 1, 2.5);
    assert_number(book, 0, 0, 4, 3);
    assert_number(book, 0, 0, 5, 4);
    assert_text(book, 0, 2, 1, "内联");
    const ogi_cell *c = cell_at(book, 0, 2, 2);
    assert_int_equal(c->kind, OGI_CELL_BOOL);
    assert_true(c->number == 1);
    c = cell_at(book, 0, 2, 3);
    assert_int_equal(c->kind, OGI_CELL_ERROR);
    assert_string_equal(c->text, "#DIV/0!");
    c = cell_at(book, 0, 2, 4);
    assert_string_equal(c->text, "1x");
    assert_int_equal(c->is_formula, 1);
    assert_string_equal(c->formula, "A1&\"x\"");
    c = cell_at(book, 0, 2, 5);
    assert_true(c->number == 3.5);
    assert_int_equal(c->is_formula, 1);
    assert_string_equal(c->formula, "SUM(A1:B1)");
    c = cell_at(book, 0, 3, 1); /* a shared formula's child: no text of its own */
    assert_int_equal(c->is_formula, 1);
    assert_null(c->formula);
    assert_null(cell_at(book, 0, 0, 0)->formula);
    assert_int_equal(cell_at(book, 0, 0, 0)->is_formula, 0);
    c = cell_at(book, 0, 2, 6); /* a formula never computed: no value, but a formula */
    assert_int_equal(c->kind, OGI_CELL_EMPTY);
    assert_int_equal(c->is_formula, 1);
    assert_string_equal(c->formula, "NOW()");
    /* dates as an .xls gives them: text, marked */
    c = cell_at(book, 0, 2, 7);
    assert_string_equal(c->text, "2020-01-01");
    assert_int_equal(c->is_date, 1);
    assert_string_equal(cell_at(book, 0, 2, 8)->text, "2020-01-01");
    assert_number(book, 0, 2, 9, 43831); /* a money format is no date */
    assert_number(book, 0, 3, 0, -0.25);
    assert_int_equal(book->sheets[0].nrows, 4);
    ogi_book_free(book);
}

static void test_xlsx_sheet_order_names_and_merges(void **state)
{
    (void)state;
    const helper_part parts[] = {
        {"[Content_Types].xml", CTYPES},
        /* the order is the workbook's, not the helper_part names' */
        {"xl/workbook.xml", WORKBOOK("<sheet name=\"第一\" sheetId=\"7\" r:id=\"rB\"/>"
                                     "<sheet name=\"图表\" sheetId=\"8\" r:id=\"rC\"/>"
                                     "<sheet name=\"第二 &amp; 'x'\" sheetId=\"2\" r:id=\"rA\" "
                                     "state=\"hidden\"/>")},
        {"xl/_rels/workbook.xml.rels", RELS(REL("rA", "worksheet", "/xl/worksheets/sheet1.xml") REL(
                                           "rB", "worksheet", "worksheets/../worksheets/sheet2.xml")
                                                REL("rC", "chartsheet", "chartsheets/sheet1.xml"))},
        {"xl/worksheets/sheet1.xml", SHEET("<sheetData><row><c><v>1</v></c></row></sheetData>")},
        {"xl/worksheets/sheet2.xml",
         SHEET("<sheetData><row><c><v>2</v></c></row></sheetData><mergeCells>"
               "<mergeCell ref=\"A1:C2\"/><mergeCell ref=\"$D$4:$E$4\"/><mergeCell ref=\"B9\"/>"
               "<mergeCell ref=\"nonsense\"/></mergeCells>")},
        {0}};
    ogi_book *book;
    assert_int_equal(read_zip(parts, &book, NULL), OGI_OK);
    assert_int_equal(book->nsheets, 2); /* the chart sheet holds no table */
    assert_string_equal(book->sheets[0].name, "第一");
    assert_string_equal(book->sheets[1].name, "第二 & 'x'");
    assert_int_equal(book->sheets[0].hidden, OGI_SHEET_VISIBLE);
    assert_int_equal(book->sheets[1].hidden, OGI_SHEET_HIDDEN);
    assert_number(book, 0, 0, 0, 2);
    assert_number(book, 1, 0, 0, 1);
    const ogi_sheet *s = &book->sheets[0];
    assert_int_equal(s->nmerges, 2);
    const ogi_merge *m = ogi_sheet_merge_at(s, 1, 2);
    assert_non_null(m);
    assert_int_equal(m->first_row, 0);
    assert_int_equal(m->last_row, 1);
    assert_int_equal(m->last_col, 2);
    m = ogi_sheet_merge_at(s, 3, 4);
    assert_non_null(m);
    assert_int_equal(m->first_col, 3);
    ogi_book_free(book);
}

/* A merged range costs its area against the cell limit (the writer would
 * store a cell for each cell it covers): one over most of a sheet is
 * refused. */
static void test_giant_merge_is_refused(void **state)
{
    (void)state;
    const helper_part parts[] = {
        {"[Content_Types].xml", CTYPES},
        {"xl/workbook.xml", ONE_SHEET},
        {"xl/_rels/workbook.xml.rels", ONE_SHEET_RELS},
        {"xl/sharedStrings.xml", XML "<sst xmlns=\"" SSML "\"/>"},
        {"xl/worksheets/sheet1.xml",
         SHEET("<sheetData><row><c><v>1</v></c></row></sheetData><mergeCells>"
               "<mergeCell ref=\"A1:B2\"/><mergeCell ref=\"C100:XFD1048576\"/></mergeCells>")},
        {0}};
    ogi_book *book;
    assert_int_equal(read_zip(parts, &book, NULL), OGI_ERROR_TOO_MANY_CELLS);
    ogi_book_free(book);
}

/* Strict OOXML: other namespaces and relationship types, same reading. */
static void test_strict_ooxml(void **state)
{
    (void)state;
#define STRICT "http://purl.oclc.org/ooxml/spreadsheetml/main"
#define STRICT_REL "http://purl.oclc.org/ooxml/officeDocument/relationships"
    const helper_part parts[] = {
        {"[Content_Types].xml", CTYPES},
        {"xl/workbook.xml", XML "<x:workbook xmlns:x=\"" STRICT "\" xmlns:r=\"" STRICT_REL "\">"
                                "<x:sheets><x:sheet name=\"严格\" sheetId=\"1\" r:id=\"s1\"/>"
                                "</x:sheets></x:workbook>"},
        {"xl/_rels/workbook.xml.rels",
         RELS("<Relationship Id=\"s1\" Type=\"" STRICT_REL "/worksheet\" "
              "Target=\"worksheets/sheet1.xml\"/>"
              "<Relationship Id=\"s2\" Type=\"" STRICT_REL "/sharedStrings\" "
              "Target=\"sharedStrings.xml\"/>")},
        {"xl/sharedStrings.xml", XML "<sst xmlns=\"" STRICT "\"><si><t>总计</t></si></sst>"},
        {"xl/worksheets/sheet1.xml",
         XML "<worksheet xmlns=\"" STRICT "\"><sheetData><row r=\"2\"><c r=\"B2\" t=\"s\">"
             "<v>0</v></c><c r=\"C2\" t=\"d\"><v>2021-06-30T00:00:00Z</v></c></row>"
             "</sheetData></worksheet>"},
        {0}};
    ogi_book *book;
    assert_int_equal(read_zip(parts, &book, NULL), OGI_OK);
    assert_string_equal(book->sheets[0].name, "严格");
    assert_text(book, 0, 1, 1, "总计");
    const ogi_cell *c = cell_at(book, 0, 1, 2);
    assert_string_equal(c->text, "2021-06-30 00:00:00");
    assert_int_equal(c->is_date, 1);
    ogi_book_free(book);
}

static void test_xlsx_missing_parts(void **state)
{
    (void)state;
    const helper_part no_sheet[] = {{"[Content_Types].xml", CTYPES},
                                    {"xl/workbook.xml", ONE_SHEET},
                                    {"xl/_rels/workbook.xml.rels", ONE_SHEET_RELS},
                                    {0}};
    ogi_book *book;
    assert_int_equal(read_zip(no_sheet, &book, NULL), OGI_ERROR_PART_MISSING);
    ogi_book_free(book);
    const helper_part no_workbook[] = {{"[Content_Types].xml", CTYPES}, {0}};
    ogi_format format;
    assert_int_equal(read_zip(no_workbook, &book, &format), OGI_ERROR_PART_MISSING);
    assert_int_equal(format, OGI_FORMAT_OOXML);
    ogi_book_free(book);
}

/* ---- .ods -------------------------------------------------------------- */

#define ODS_MIME                                                                                   \
    {                                                                                              \
        "mimetype", "application/vnd.oasis.opendocument.spreadsheet"                               \
    }
#define CONTENT(tables)                                                                            \
    XML "<office:document-content "                                                                \
        "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "                       \
        "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "                         \
        "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "                           \
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "                                           \
        "xmlns:calcext=\"urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0\">"  \
        "<office:body><office:spreadsheet>" tables                                                 \
        "</office:spreadsheet></office:body></office:document-content>"
#define FLOAT(v) "<table:table-cell office:value-type=\"float\" office:value=\"" v "\"/>"

static void test_ods_repeats(void **state)
{
    (void)state;
    const helper_part parts[] = {
        ODS_MIME,
        {"content.xml",
         CONTENT("<table:table table:name=\"表三\">"
                 "<table:table-column table:number-columns-repeated=\"1024\"/>"
                 /* a value repeated over three columns, then an empty run */
                 "<table:table-row><table:table-cell table:number-columns-repeated=\"3\" "
                 "office:value-type=\"float\" office:value=\"0\"><text:p>0</text:p>"
                 "</table:table-cell><table:table-cell table:number-columns-repeated=\"16000\"/>"
                 "</table:table-row>"
                 /* a row of values repeated twice */
                 "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell/>" FLOAT(
                     "7") "</table:table-row>"
                          /* a million empty rows cost one addition */
                          "<table:table-row table:number-rows-repeated=\"1000000\">"
                          "<table:table-cell table:number-columns-repeated=\"16384\"/>"
                          "</table:table-row>"
                          "<table:table-row>" FLOAT("9") "</table:table-row></table:table>")},
        {0}};
    ogi_book *book;
    assert_int_equal(read_zip(parts, &book, NULL), OGI_OK);
    const ogi_sheet *s = &book->sheets[0];
    assert_string_equal(s->name, "表三");
    assert_int_equal(s->ncells, 6);
    for (uint32_t c = 0; c < 3; c++)
        assert_number(book, 0, 0, c, 0);
    assert_null(cell_at(book, 0, 0, 3));
    assert_number(book, 0, 1, 1, 7);
    assert_number(book, 0, 2, 1, 7);
    assert_null(cell_at(book, 0, 3, 1));
    assert_number(book, 0, 1000003, 0, 9);
    ogi_book_free(book);
}

/* A sheet hidden in LibreOffice: its table's style says table:display="false". */
static void test_ods_hidden_table(void **state)
{
    (void)state;
    const helper_part parts[] = {
        ODS_MIME,
        {"content.xml",
         XML "<office:document-content "
             "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
             "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
             "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\">"
             "<office:automatic-styles>"
             "<style:style style:name=\"ta1\" style:family=\"table\">"
             "<style:table-properties table:display=\"true\"/></style:style>"
             "<style:style style:name=\"ta2\" style:family=\"table\">"
             "<style:table-properties table:display=\"false\"/></style:style>"
             "<style:style style:name=\"co1\" style:family=\"table-column\"/>"
             "</office:automatic-styles><office:body><office:spreadsheet>"
             "<table:table table:name=\"草稿\" table:style-name=\"ta2\"><table:table-row>" FLOAT(
                 "1") "</table:table-row></table:table>"
                      "<table:table table:name=\"年报\" "
                      "table:style-name=\"ta1\"><table:table-row>" FLOAT(
                          "2") "</table:table-row></table:table>"
                               "</office:spreadsheet></office:body></office:document-content>"},
        {0}};
    ogi_book *book;
    assert_int_equal(read_zip(parts, &book, NULL), OGI_OK);
    assert_int_equal(book->nsheets, 2);
    assert_int_equal(book->sheets[0].hidden, OGI_SHEET_HIDDEN);
    assert_int_equal(book->sheets[1].hidden, OGI_SHEET_VISIBLE);
    assert_number(book, 1, 0, 0, 2);
    ogi_book_free(book);
}

static void test_ods_text_values_and_formulas(void **state)
{
    (void)state;
    const helper_part parts[] = {
        ODS_MIME,
        {"content.xml",
         CONTENT("<table:table table:name=\"A\"><table:table-row>"
                 "<table:table-cell office:value-type=\"string\"><text:p>对外公开<text:s "
                 "text:c=\"3\"/>总数量<text:tab/>x</text:p><text:p>（自2014年<text:span>至今"
                 "</text:span>）<text:line-break/>y<text:s/></text:p>"
                 "<office:annotation><dc:creator>审核人</dc:creator><text:p>批注</text:p>"
                 "</office:annotation></table:table-cell>"
                 "<table:table-cell table:formula=\"of:=SUM([.A2:.B2])\" "
                 "office:value-type=\"float\" office:value=\"40\"><text:p>40</text:p>"
                 "</table:table-cell>"
                 "<table:table-cell office:value-type=\"percentage\" office:value=\"0.25\"/>"
                 "<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"true\"/>"
                 "<table:table-cell office:value-type=\"date\" "
                 "office:date-value=\"2020-01-01T12:00:00\"/>"
                 "<table:table-cell office:value-type=\"time\" office:time-value=\"PT18H30M05S\"/>"
                 "<table:table-cell table:formula=\"of:=1/0\" office:value-type=\"float\" "
                 "office:value=\"0\" calcext:value-type=\"error\"><text:p>#DIV/0!</text:p>"
                 "</table:table-cell>"
                 "<table:table-cell office:value-type=\"string\" office:string-value=\"sv\">"
                 "<text:p>shown</text:p></table:table-cell>"
                 "<table:table-cell><text:p>untyped</text:p></table:table-cell>"
                 "<table:table-cell table:formula=\"of:=A1\"/>"
                 "</table:table-row></table:table>")},
        {0}};
    ogi_book *book;
    assert_int_equal(read_zip(parts, &book, NULL), OGI_OK);
    assert_text(book, 0, 0, 0, "对外公开   总数量\tx\n（自2014年至今）\ny ");
    const ogi_cell *c = cell_at(book, 0, 0, 1);
    assert_true(c->number == 40);
    assert_int_equal(c->is_formula, 1);
    assert_string_equal(c->formula, "SUM(A2:B2)");
    assert_number(book, 0, 0, 2, 0.25);
    assert_int_equal(cell_at(book, 0, 0, 3)->kind, OGI_CELL_BOOL);
    c = cell_at(book, 0, 0, 4);
    assert_string_equal(c->text, "2020-01-01 12:00:00");
    assert_int_equal(c->is_date, 1);
    assert_string_equal(cell_at(book, 0, 0, 5)->text, "18:30:05");
    c = cell_at(book, 0, 0, 6);
    assert_int_equal(c->kind, OGI_CELL_ERROR);
    assert_string_equal(c->text, "#DIV/0!");
    assert_text(book, 0, 0, 7, "sv");
    assert_text(book, 0, 0, 8, "untyped");
    assert_null(cell_at(book, 0, 0, 9));
    ogi_book_free(book);
}

static void test_ods_spans_and_covered_cells(void **state)
{
    (void)state;
    const helper_part parts[] = {
        ODS_MIME,
        {"content.xml",
         CONTENT("<table:table table:name=\"S\"><table:table-row>"
                 "<table:table-cell table:number-columns-spanned=\"3\" "
                 "table:number-rows-spanned=\"2\" office:value-type=\"string\">"
                 "<text:p>申请人情况</text:p></table:table-cell>"
                 "<table:covered-table-cell table:number-columns-repeated=\"2\"/>" FLOAT(
                     "5") "</table:table-row><table:table-row>"
                          "<table:covered-table-cell table:number-columns-repeated=\"3\"/>" FLOAT(
                              "6") "</table:table-row></table:table>"
                                   "<table:table "
                                   "table:name=\"T\"><table:table-row><table:table-cell/>" FLOAT(
                                       "1") "</table:table-row></table:table>")},
        {0}};
    ogi_book *book;
    assert_int_equal(read_zip(parts, &book, NULL), OGI_OK);
    assert_int_equal(book->nsheets, 2);
    const ogi_sheet *s = &book->sheets[0];
    assert_int_equal(s->nmerges, 1);
    const ogi_merge *m = ogi_sheet_merge_at(s, 1, 2);
    assert_non_null(m);
    assert_int_equal(m->first_row, 0);
    assert_int_equal(m->last_row, 1);
    assert_int_equal(m->first_col, 0);
    assert_int_equal(m->last_col, 2);
    assert_text(book, 0, 0, 0, "申请人情况");
    assert_number(book, 0, 0, 3, 5); /* after the covered cells */
    assert_number(book, 0, 1, 3, 6);
    assert_string_equal(book->sheets[1].name, "T");
    assert_number(book, 1, 0, 1, 1);
    ogi_book_free(book);
}

static void test_ods_absurd_repeat_is_refused(void **state)
{
    (void)state;
    const helper_part parts[] = {
        ODS_MIME,
        {"content.xml", CONTENT("<table:table table:name=\"S\">"
                                "<table:table-row table:number-rows-repeated=\"1048576\">"
                                "<table:table-cell/></table:table-row>"
                                "<table:table-row>" FLOAT("1") "</table:table-row>"
                                                               "</table:table>")},
        {0}};
    ogi_book *book;
    assert_int_equal(read_zip(parts, &book, NULL), OGI_ERROR_SHEET_BOUNDS);
    ogi_book_free(book);
}

/* A reader stops at the book's deadline (the hostile-input time limit). */
static void test_deadline_stops_the_reading(void **state)
{
    (void)state;
    static char content[200000];
    size_t o = (size_t)snprintf(content, sizeof content, "%s",
                                CONTENT("<table:table table:name=\"S\">@</table:table>"));
    char *at = strchr(content, '@');
    char tail[512];
    snprintf(tail, sizeof tail, "%s", at + 1);
    o = (size_t)(at - content);
    for (int i = 0; i < 6000; i++)
        o += (size_t)snprintf(content + o, sizeof content - o, "<table:table-row/>");
    snprintf(content + o, sizeof content - o, "%s", tail);
    const helper_part parts[] = {ODS_MIME, {"content.xml", content}, {0}};
    size_t len;
    unsigned char *data = helper_make_zip(parts, &len);
    ogi_package *pkg = NULL;
    assert_int_equal(ogi_package_open(data, len, &pkg), OGI_OK);
    ogi_book *book = ogi_book_new(NULL);
    assert_int_equal(ogi_read_ods(book, pkg), OGI_OK);
    ogi_book_free(book);
    book = ogi_book_new(NULL);
    book->deadline_ns = 1; /* long past */
    assert_int_equal(ogi_read_ods(book, pkg), OGI_ERROR_TIME_LIMIT);
    ogi_book_free(book);
    ogi_package_free(pkg);
    free(data);
}

/* ---- the small pieces ---------------------------------------------------- */

static void test_a1_references(void **state)
{
    (void)state;
    uint64_t r, c;
    const char *end;
    assert_true(ogi_a1_parse("A1", &end, &r, &c) && r == 0 && c == 0 && !*end);
    assert_true(ogi_a1_parse("$AB$12:", &end, &r, &c) && r == 11 && c == 27 && *end == ':');
    assert_true(ogi_a1_parse("XFD1048576", &end, &r, &c) && r == 1048575 && c == 16383);
    assert_true(ogi_a1_parse("ZZZZZZZZZZZZZZZZ99999999999999999999", &end, &r, &c));
    assert_true(r >= OGI_MAX_ROWS && c >= OGI_MAX_COLS);
    assert_false(ogi_a1_parse("A0", &end, &r, &c));
    assert_false(ogi_a1_parse("12", &end, &r, &c));
    assert_false(ogi_a1_parse("", &end, &r, &c));
}

static void test_part_names(void **state)
{
    (void)state;
    char out[64];
    assert_true(ogi_package_resolve("xl/workbook.xml", "worksheets/sheet1.xml", out, sizeof out));
    assert_string_equal(out, "xl/worksheets/sheet1.xml");
    assert_true(ogi_package_resolve("xl/workbook.xml", "/xl/s.xml", out, sizeof out));
    assert_string_equal(out, "xl/s.xml");
    assert_true(ogi_package_resolve("xl/workbook.xml", "../other/./a%20b.xml", out, sizeof out));
    assert_string_equal(out, "other/a b.xml");
    assert_false(ogi_package_resolve("xl/workbook.xml", "../../etc/passwd", out, sizeof out));
    assert_false(ogi_package_resolve("xl/workbook.xml", "", out, sizeof out));
    assert_false(ogi_package_resolve("a.xml", "a-name-much-longer-than-eight", out, 8));
    char s[] = "x_x000D__xD83D__xDE00_y";
    size_t n = ogi_xstring_decode(s, strlen(s));
    s[n] = '\0';
    assert_string_equal(s, "x\r\xF0\x9F\x98\x80y");
}

static void test_ods_time(void **state)
{
    (void)state;
    char buf[40];
    assert_true(ogi_ods_time_text("PT25H01M02.6S", buf, sizeof buf));
    assert_string_equal(buf, "25:01:03");
    assert_false(ogi_ods_time_text("garbage", buf, sizeof buf));
}

/* A finished book finds a cell by its row's start (row_first): cells in
 * rows with gaps, absent cells, a row past the last, a sheet too sparse
 * for the index, and a cell added after finishing must all read as a
 * search of every cell would. */
static void test_cell_lookup_by_row(void **state)
{
    (void)state;
    ogi_book *book = ogi_book_new(NULL);
    assert_non_null(book);
    assert_non_null(ogi_book_add_sheet(book, "a", 1));
    assert_non_null(ogi_book_add_sheet(book, "sparse", 6));
    /* out of order, rows 1, 3 and 4 empty */
    static const uint32_t at[][2] = {{5, 2}, {0, 1}, {2, 0}, {0, 0}, {2, 7}, {5, 0}};
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++)
        assert_int_equal(ogi_sheet_set_number(book, 0, at[i][0], at[i][1], (double)(i + 1), 0),
                         OGI_OK);
    assert_int_equal(ogi_sheet_set_number(book, 1, 1000000, 3, 42, 0), OGI_OK);
    ogi_book_finish(book);
    const ogi_sheet *a = &book->sheets[0], *sparse = &book->sheets[1];
    assert_non_null(a->row_first);
    assert_null(sparse->row_first);
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
        const ogi_cell *c = ogi_sheet_cell(a, at[i][0], at[i][1]);
        assert_non_null(c);
        assert_true(c->number == (double)(i + 1));
    }
    assert_null(ogi_sheet_cell(a, 1, 0));
    assert_null(ogi_sheet_cell(a, 2, 3));
    assert_null(ogi_sheet_cell(a, 6, 0));
    assert_null(ogi_sheet_cell(a, UINT32_MAX, 0));
    assert_int_equal(ogi_sheet_row_start(a, 0), 0);
    assert_int_equal(ogi_sheet_row_start(a, 1), 2);
    assert_int_equal(ogi_sheet_row_start(a, 3), 4);
    assert_int_equal(ogi_sheet_row_start(a, 9), 6);
    assert_non_null(ogi_sheet_cell(sparse, 1000000, 3));
    assert_null(ogi_sheet_cell(sparse, 1000000, 2));
    /* added after finishing, on a new last row: the index is dropped and
     * the new cell is found all the same */
    assert_int_equal(ogi_sheet_set_number(book, 0, 7, 1, 99, 0), OGI_OK);
    assert_null(a->row_first);
    assert_true(ogi_sheet_cell(a, 7, 1)->number == 99);
    assert_true(ogi_sheet_cell(a, 2, 7)->number == 5);
    ogi_book_free(book);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ods_time),
        cmocka_unit_test(test_cell_lookup_by_row),
        cmocka_unit_test(test_sniff_bytes),
        cmocka_unit_test(test_sniff_packages),
        cmocka_unit_test(test_encrypted_ooxml_is_refused),
        cmocka_unit_test(test_shared_strings_rich_runs_and_escapes),
        cmocka_unit_test(test_xlsx_cells_without_dimension_or_refs),
        cmocka_unit_test(test_xlsx_sheet_order_names_and_merges),
        cmocka_unit_test(test_giant_merge_is_refused),
        cmocka_unit_test(test_strict_ooxml),
        cmocka_unit_test(test_xlsx_missing_parts),
        cmocka_unit_test(test_ods_repeats),
        cmocka_unit_test(test_ods_hidden_table),
        cmocka_unit_test(test_ods_text_values_and_formulas),
        cmocka_unit_test(test_ods_spans_and_covered_cells),
        cmocka_unit_test(test_ods_absurd_repeat_is_refused),
        cmocka_unit_test(test_deadline_stops_the_reading),
        cmocka_unit_test(test_a1_references),
        cmocka_unit_test(test_part_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
