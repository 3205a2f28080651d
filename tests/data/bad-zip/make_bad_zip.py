#!/usr/bin/python3
"""make_bad_zip.py [DIR]: hostile and broken .xlsx/.ods files, each of which
ogi must refuse with a reason (tests/e2e/test_bad_zip.py says which), plus
ok.xlsx and ok.ods, the well-formed files they are made from. Run from the
repository root; writes into tests/data/bad-zip by default.
"""
import io
import os
import struct
import sys
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKGREL = "http://schemas.openxmlformats.org/package/2006/relationships"
DOCREL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORKBOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

LOL = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
       + "".join('<!ENTITY lol%d "%s">' % (i, ("&lol%s;" % ("" if i == 1 else i - 1)) * 10)
                 for i in range(1, 10))
       + "]>")


def content_types(workbook="/xl/workbook.xml", main_type=WORKBOOK_TYPE):
    return (XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="{workbook}" ContentType="{main_type}"/>'
            '</Types>')


def root_rels(target="xl/workbook.xml"):
    return (XML_HEAD + f'<Relationships xmlns="{PKGREL}"><Relationship Id="rId1" '
            f'Type="{DOCREL}/officeDocument" Target="{target}"/></Relationships>')


WORKBOOK = (XML_HEAD + f'<workbook xmlns="{MAIN}" xmlns:r="{RELNS}"><sheets>'
            '<sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (XML_HEAD + f'<Relationships xmlns="{PKGREL}">'
                 f'<Relationship Id="rId1" Type="{DOCREL}/worksheet" Target="worksheets/sheet1.xml"/>'
                 f'<Relationship Id="rId2" Type="{DOCREL}/sharedStrings" Target="sharedStrings.xml"/>'
                 '</Relationships>')
SST = XML_HEAD + f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>总计</t></si></sst>'


def sheet(data='<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>37</v></c></row>', after=""):
    return XML_HEAD + f'<worksheet xmlns="{MAIN}"><sheetData>{data}</sheetData>{after}</worksheet>'


def xlsx_parts(**override):
    parts = {
        "[Content_Types].xml": content_types(),
        "_rels/.rels": root_rels(),
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/sharedStrings.xml": SST,
        "xl/worksheets/sheet1.xml": sheet(),
    }
    parts.update(override)
    return {k: v for k, v in parts.items() if v is not None}


def zip_bytes(parts, method=zipfile.ZIP_DEFLATED, level=9):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in parts.items():
            if isinstance(data, str):
                data = data.encode("utf-8")
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            stored = name == "mimetype" or method == zipfile.ZIP_STORED
            info.compress_type = zipfile.ZIP_STORED if stored else method
            z.writestr(info, data, compresslevel=None if stored else level)
    return buf.getvalue()


ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"
ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"')
MANIFEST = (XML_HEAD + '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODS_MIME}"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            '</manifest:manifest>')


def ods_content(rows='<table:table-row><table:table-cell office:value-type="string"><text:p>总计</text:p>'
                     '</table:table-cell><table:table-cell office:value-type="float" office:value="37">'
                     '<text:p>37</text:p></table:table-cell></table:table-row>', doctype=""):
    return (XML_HEAD + doctype + f'<office:document-content {ODS_NS}><office:body><office:spreadsheet>'
            f'<table:table table:name="表">{rows}</table:table>'
            '</office:spreadsheet></office:body></office:document-content>')


def ods_parts(**override):
    parts = {"mimetype": ODS_MIME, "META-INF/manifest.xml": MANIFEST, "content.xml": ods_content()}
    parts.update(override)
    return {k: v for k, v in parts.items() if v is not None}


def patch_sizes(data, name, size):
    """Sets the uncompressed size that the local header and the central
    directory declare for entry name (a lie the reader must not trust)."""
    out = bytearray(data)
    raw = name.encode()
    pos = 0
    while True:
        pos = out.find(b"PK\x03\x04", pos)
        if pos < 0:
            break
        n = struct.unpack_from("<H", out, pos + 26)[0]
        if out[pos + 30:pos + 30 + n] == raw:
            struct.pack_into("<I", out, pos + 22, size)
        pos += 4
    pos = 0
    while True:
        pos = out.find(b"PK\x01\x02", pos)
        if pos < 0:
            break
        n = struct.unpack_from("<H", out, pos + 28)[0]
        if out[pos + 46:pos + 46 + n] == raw:
            struct.pack_into("<I", out, pos + 24, size)
        pos += 4
    return bytes(out)


def cfb(streams):
    """A compound file (OLE2) holding the given streams, each padded to at
    least 4096 bytes so that no mini stream is needed."""
    sec = 512
    names = sorted(streams, key=lambda s: (len(s), s.upper()))
    data = {n: streams[n] + b"\0" * max(0, 4096 - len(streams[n])) for n in names}
    fat = [0xFFFFFFFD, 0xFFFFFFFE]  # the FAT itself, the directory
    starts = {}
    for n in names:
        count = (len(data[n]) + sec - 1) // sec
        starts[n] = len(fat)
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [0xFFFFFFFE]
    assert len(fat) <= 128
    fat += [0xFFFFFFFF] * (128 - len(fat))
    header = bytearray(512)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<III", header, 44, 1, 1, 0)       # FAT sectors, first dir sector
    struct.pack_into("<IIIII", header, 56, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    struct.pack_into("<I", header, 76, 0)               # DIFAT[0]: the FAT is sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, 0xFFFFFFFF)

    def entry(name, kind, child, right, start, size):
        e = bytearray(128)
        raw = (name + "\0").encode("utf-16-le")
        e[0:len(raw)] = raw
        struct.pack_into("<HBB", e, 64, len(raw), kind, 1)
        struct.pack_into("<III", e, 68, 0xFFFFFFFF, right, child)
        struct.pack_into("<II", e, 116, start, size)
        return bytes(e)

    dirs = entry("Root Entry", 5, 1, 0xFFFFFFFF, 0xFFFFFFFE, 0)
    for i, n in enumerate(names):  # a chain to the right, in sort order
        right = i + 2 if i + 1 < len(names) else 0xFFFFFFFF
        dirs += entry(n, 2, 0xFFFFFFFF, right, starts[n], len(data[n]))
    dirs += b"\0" * (sec - len(dirs))
    body = struct.pack("<128I", *fat) + dirs + b"".join(
        d + b"\0" * (-len(d) % sec) for d in (data[n] for n in names))
    return bytes(header) + body


def giant_merge(base):
    """A sample with one more merged range, over most of the sheet below
    its tables: its area counts against the cell limit."""
    buf = io.BytesIO()
    with zipfile.ZipFile(base) as z, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for name in z.namelist():
            data = z.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</mergeCells>",
                                    b'<mergeCell ref="C100:XFD1048576"/></mergeCells>', 1)
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, data)
    return buf.getvalue()


def files():
    ok_xlsx = zip_bytes(xlsx_parts())
    yield "ok.xlsx", ok_xlsx
    yield "ok.ods", zip_bytes(ods_parts())
    spaces = " " * (64 << 20)
    yield "zip-bomb.xlsx", zip_bytes(xlsx_parts(**{"xl/worksheets/sheet1.xml": sheet(spaces)}))
    yield "zip-bomb-declared.xlsx", patch_sizes(
        zip_bytes(xlsx_parts()), "xl/worksheets/sheet1.xml", 0xFFFFFF00)
    yield "zip-bomb-lying.xlsx", patch_sizes(
        zip_bytes(xlsx_parts(**{"xl/worksheets/sheet1.xml": sheet(spaces)})),
        "xl/worksheets/sheet1.xml", 4096)
    yield "zip-bomb.ods", zip_bytes(ods_parts(**{"content.xml": ods_content(spaces)}))
    deep = "<x:a xmlns:x='urn:deep'>" * 100000 + "</x:a>" * 100000
    yield "deep-nesting.xlsx", zip_bytes(xlsx_parts(**{"xl/worksheets/sheet1.xml": sheet(deep)}))
    yield "deep-nesting.ods", zip_bytes(ods_parts(**{"content.xml": ods_content(
        "<table:table-row><table:table-cell><text:p>" + "<text:span>" * 100000
        + "</text:span>" * 100000 + "</text:p></table:table-cell></table:table-row>")}))
    yield "billion-laughs.xlsx", zip_bytes(xlsx_parts(**{"xl/sharedStrings.xml": XML_HEAD + LOL +
        f'<sst xmlns="{MAIN}"><si><t>&lol9;</t></si></sst>'}))
    yield "billion-laughs.ods", zip_bytes(ods_parts(**{"content.xml": ods_content(
        '<table:table-row><table:table-cell office:value-type="string"><text:p>&lol9;</text:p>'
        '</table:table-cell></table:table-row>', LOL)}))
    yield "external-entity.xlsx", zip_bytes(xlsx_parts(**{"xl/worksheets/sheet1.xml":
        XML_HEAD + '<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + f'<worksheet xmlns="{MAIN}"><sheetData><row><c t="inlineStr"><is><t>&x;</t></is></c>'
        '</row></sheetData></worksheet>'}))
    yield "broken-zip.xlsx", ok_xlsx[: len(ok_xlsx) // 2]
    stored = zip_bytes(xlsx_parts(), method=zipfile.ZIP_STORED)
    yield "bad-crc.xlsx", stored.replace(b"<v>37</v>", b"<v>38</v>", 1)
    yield "not-a-zip.xlsx", b"PK\x03\x04" + bytes((i * 7919 + 13) % 256 for i in range(4096))
    yield "missing-workbook.xlsx", zip_bytes(xlsx_parts(**{"xl/workbook.xml": None}))
    yield "missing-sheet.xlsx", zip_bytes(xlsx_parts(**{"xl/worksheets/sheet1.xml": None}))
    yield "missing-rels.xlsx", zip_bytes(xlsx_parts(**{"xl/_rels/workbook.xml.rels": None}))
    yield "missing-content.ods", zip_bytes(ods_parts(**{"content.xml": None}))
    yield "malformed-xml.xlsx", zip_bytes(xlsx_parts(**{"xl/worksheets/sheet1.xml":
        sheet('<row r="1"><c r="A1"><v>1</v></row>')}))
    yield "cell-beyond-grid.xlsx", zip_bytes(xlsx_parts(**{"xl/worksheets/sheet1.xml":
        sheet('<row r="1"><c r="XFE1"><v>1</v></c></row>')}))
    yield "row-beyond-grid.xlsx", zip_bytes(xlsx_parts(**{"xl/worksheets/sheet1.xml":
        sheet('<row r="1048577"><c><v>1</v></c></row>')}))
    merges = "".join('<mergeCell ref="A%d:B%d"/>' % (i, i) for i in range(1, 20003))
    yield "too-many-merges.xlsx", zip_bytes(xlsx_parts(**{"xl/worksheets/sheet1.xml":
        sheet(after=f'<mergeCells count="20002">{merges}</mergeCells>')}))
    yield "giant-merge.xlsx", giant_merge("tests/formats/lo/foshan-2019.xlsx")
    areas = "".join('<mergeCell ref="A%d:IV%d"/>' % (200 * i + 1, 200 * i + 200) for i in range(50))
    yield "merged-area.xlsx", zip_bytes(xlsx_parts(**{"xl/worksheets/sheet1.xml":
        sheet(after=f'<mergeCells count="50">{areas}</mergeCells>')}))
    value = '<table:table-cell office:value-type="float" office:value="1"/>'
    yield "absurd-row-repeat.ods", zip_bytes(ods_parts(**{"content.xml": ods_content(
        f'<table:table-row table:number-rows-repeated="2000000">{value}</table:table-row>')}))
    yield "absurd-column-repeat.ods", zip_bytes(ods_parts(**{"content.xml": ods_content(
        '<table:table-row><table:table-cell office:value-type="float" office:value="1" '
        'table:number-columns-repeated="4294967296"/></table:table-row>')}))
    yield "too-many-cells.ods", zip_bytes(ods_parts(**{"content.xml": ods_content(
        '<table:table-row table:number-rows-repeated="200"><table:table-cell office:value-type="float" '
        'office:value="1" table:number-columns-repeated="16384"/></table:table-row>')}))
    yield "encrypted.xlsx", cfb({"EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00",
                                 "EncryptedPackage": b"\x00" * 8})
    yield "binary.xlsb", zip_bytes(xlsx_parts(**{
        "[Content_Types].xml": content_types("/xl/workbook.bin",
                                             "application/vnd.ms-excel.sheet.binary.macroEnabled.main"),
        "xl/workbook.xml": None, "xl/workbook.bin": b"\x83\x01\x00"}))
    yield "text.odt", zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text",
                                 "content.xml": XML_HEAD + "<office:document-content/>"})
    yield "document.docx", zip_bytes({
        "[Content_Types].xml": content_types("/word/document.xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
        "_rels/.rels": root_rels("word/document.xml"),
        "word/document.xml": XML_HEAD + "<w:document xmlns:w='urn:w'/>"})


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "tests/data/bad-zip"
    os.makedirs(out, exist_ok=True)
    for name, data in files():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


main()
