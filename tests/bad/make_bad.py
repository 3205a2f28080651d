#!/usr/bin/python3
"""Writes the hostile and broken inputs of tests/bad/ (docs/security.md).

Run from the repository root: /usr/bin/python3 tests/bad/make_bad.py
Needs LibreOffice (soffice) for the files other software writes: .xlsx,
.ods, Word .doc, an Excel 95 file, a password-protected .xls, and the
workbooks with error results, a date, many sheets, many rows and long
strings (built as flat ODF XML from a sample, then saved as .xls).
Everything is seeded: a second run writes the same bytes for the
byte-level files (LibreOffice's own output may differ in timestamps).

tests/bad/expect.tsv says what ogi must do with each file:
  refuse REASON   exit 2, the message of REASON (an ogi_error) naming the file
  refuse any      exit 2 with one of the damage reasons
  result          exit 0 or 1, a report
  either          a report, or a refusal with a damage reason
"""
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

OUT = "tests/bad"
BASE = "samples/synthetic-2021.xls"
OTHER = "samples/foshan-2019.xls"
expect = []


def write(name, data, how):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
    expect.append((name, how))


def byte_level():
    base = open(BASE, "rb").read()
    other = open(OTHER, "rb").read()
    rng = random.Random(20260601)
    write("empty.xls", b"", "refuse EMPTY_FILE")
    for n in (1, 7, 8, 100, 512, 513, 1024, 2048, 4096, 5000, 6144, 8192, 9000, len(base) - 512,
              len(base) - 1):
        write(f"truncated-{n:05d}.xls", base[:n], "refuse any")
    for i, n in enumerate((100, 4096, 30000)):
        write(f"random-{i}.xls", bytes(rng.getrandbits(8) for _ in range(n)), "refuse any")
    magic = bytes.fromhex("D0CF11E0A1B11AE1")
    for i, n in enumerate((512, 8192)):
        write(f"random-ole2-{i}.xls", magic + bytes(rng.getrandbits(8) for _ in range(n)),
              "refuse any")
    for i in range(12):
        src = bytearray(base if i % 2 == 0 else other)
        for _ in range(1 + i * 3):
            pos = rng.randrange(len(src))
            src[pos] ^= 1 << rng.randrange(8)
        write(f"bitflip-{i:02d}.xls", bytes(src), "either")
    # the sheet's DIMENSIONS record claims one row: freexl gives up on such
    # a file, LibreOffice opens it, and so must ogi (same report as BASE)
    dims = bytearray(base)
    at = dims.find(b"\x00\x02\x0e\x00")
    assert at > 0, "no DIMENSIONS record in " + BASE
    dims[at + 8:at + 12] = (1).to_bytes(4, "little")
    write("wrong-dimensions.xls", bytes(dims), "result")
    write("年报 2021（含 空格）.xls", base, "result")
    # LibreOffice 7.4 no longer writes Excel 95: an Excel 95 file keeps its
    # workbook in a stream called "Book", and its directory entry says so
    book = bytearray(base)
    name = "Workbook".encode("utf-16-le") + b"\0\0"
    at = book.find(name)
    assert at > 0 and at % 128 == 0, "no Workbook directory entry in " + BASE
    book[at:at + len(name)] = "Book".encode("utf-16-le") + bytes(len(name) - 8)
    book[at + 64:at + 66] = (10).to_bytes(2, "little")
    write("excel95-book-stream.xls", bytes(book), "refuse OLD_BIFF")


class Office:
    """LibreOffice headless with a profile of its own, holding the Basic
    macro that saves with a password (--convert-to cannot)."""

    MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub SaveEncrypted(src As String, dst As String, pw As String)
    Dim load(0) As New com.sun.star.beans.PropertyValue
    load(0).Name = &quot;Hidden&quot;
    load(0).Value = True
    doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), &quot;_blank&quot;, 0, load())
    Dim store(1) As New com.sun.star.beans.PropertyValue
    store(0).Name = &quot;FilterName&quot;
    store(0).Value = &quot;MS Excel 97&quot;
    store(1).Name = &quot;Password&quot;
    store(1).Value = pw
    doc.storeToURL(ConvertToURL(dst), store())
    doc.close(True)
End Sub
</script:module>
"""

    def __init__(self, tmp):
        self.tmp = tmp
        self.profile = os.path.join(tmp, "profile")

    def run(self, *args):
        cmd = ["soffice", "--headless", "--norestore",
               "-env:UserInstallation=file://" + self.profile] + list(args)
        subprocess.run(cmd, check=True, capture_output=True, timeout=300)

    def convert(self, src, fmt):
        self.run("--convert-to", fmt, "--outdir", self.tmp, src)
        stem = os.path.splitext(os.path.basename(src))[0]
        return os.path.join(self.tmp, stem + "." + fmt.split(":")[0])

    def save_encrypted(self, src, dst, password):
        module = os.path.join(self.profile, "user/basic/Standard/Module1.xba")
        with open(module, "w", encoding="utf-8") as f:
            f.write(self.MACRO)
        self.run(f'macro:///Standard.Module1.SaveEncrypted("{src}","{dst}","{password}")')


DATE_STYLE = ('<number:date-style style:name="Nbad"><number:year number:style="long"/>'
              '<number:text>-</number:text><number:month number:style="long"/>'
              '<number:text>-</number:text><number:day number:style="long"/></number:date-style>'
              '<style:style style:name="cebad" style:family="table-cell" '
              'style:parent-style-name="Default" style:data-style-name="Nbad"/>')


def float_cell(value):
    return re.compile(r'<table:table-cell table:style-name="(\w+)" office:value-type="float" '
                      r'office:value="%s" calcext:value-type="float">\s*<text:p>%s</text:p>'
                      % (value, value))


def in_row(xml, label, value, replacement):
    """xml with the first cell holding value in the row labelled label
    replaced (replacement gets the cell's style name)."""
    at = xml.index(label)
    end = xml.index("</table:table-row>", at)
    row, n = float_cell(value).subn(lambda m: replacement % m.group(1), xml[at:end], count=1)
    assert n == 1, f"no cell {value} in the row {label}"
    return xml[:at] + row + xml[end:]


def with_sheets(xml, sheets):
    at = xml.index("</office:spreadsheet>")
    at = xml.rindex("</table:table>", 0, at) + len("</table:table>")
    return xml[:at] + "".join(sheets) + xml[at:]


def sheet(name, rows):
    return f'<table:table table:name="{name}">{rows}</table:table>'


def text_row(text):
    return ('<table:table-row><table:table-cell office:value-type="string">'
            f'<text:p>{text}</text:p></table:table-cell></table:table-row>')


def office_level(tmp):
    office = Office(tmp)
    base = os.path.abspath(BASE)
    flat = open(office.convert(base, "fods"), encoding="utf-8").read()

    def save(name, xml, how):
        src = os.path.join(tmp, os.path.splitext(name)[0] + ".fods")
        with open(src, "w", encoding="utf-8") as f:
            f.write(xml)
        shutil.copy(office.convert(src, "xls"), os.path.join(OUT, name))
        expect.append((name, how))

    errors = in_row(flat, "（七）总计", "37",
                    '<table:table-cell table:style-name="%s" table:formula="of:=1/0"><text:p/>')
    errors = in_row(errors, "（七）总计", "2",
                    '<table:table-cell table:style-name="%s" table:formula="of:=[.#REF!]"><text:p/>')
    save("table-errors.xls", errors, "result")
    date = in_row(flat, "一、本年新收", "38",
                  '<table:table-cell table:style-name="cebad" office:value-type="date" '
                  'office:date-value="2020-03-01"><text:p>2020-03-01</text:p><!-- %s -->')
    date = date.replace("</office:automatic-styles>", DATE_STYLE + "</office:automatic-styles>")
    save("table-date.xls", date, "result")
    save("many-sheets.xls",
         with_sheets(flat, [sheet(f"附表{i}", text_row(f"附表 {i}")) for i in range(1, 301)]),
         "result")
    rows = ('<table:table-row table:number-rows-repeated="65536"><table:table-cell '
            'office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
            '</table:table-row>')
    save("rows-65536.xls", with_sheets(flat, [sheet("明细", rows)]), "result")
    long_text = ("政府信息公开" * 6000)[:32767]
    save("long-strings.xls", with_sheets(flat, [sheet("说明", text_row(long_text) * 3)]), "result")

    for fmt, name, how in (("xlsx", "xlsx-as-xls.xls", "either"),
                           ("ods", "ods-as-xls.xls", "either")):
        shutil.copy(office.convert(base, fmt), os.path.join(OUT, name))
        expect.append((name, how))
    note = os.path.join(tmp, "note.txt")
    with open(note, "w", encoding="utf-8") as f:
        f.write("这是一份 Word 文档，不是年度报告的统计表。\n")
    shutil.copy(office.convert(note, "doc"), os.path.join(OUT, "word.doc"))
    expect.append(("word.doc", "refuse NOT_WORKBOOK"))
    office.save_encrypted(base, os.path.abspath(os.path.join(OUT, "encrypted.xls")), "ogi-secret")
    expect.append(("encrypted.xls", "refuse ENCRYPTED"))


def main():
    for old in os.listdir(OUT):
        if old.endswith((".xls", ".doc")):
            os.remove(os.path.join(OUT, old))
    byte_level()
    with tempfile.TemporaryDirectory() as tmp:
        office_level(tmp)
    with open(os.path.join(OUT, "expect.tsv"), "w", encoding="utf-8") as f:
        f.write("# file\texpectation (written by make_bad.py)\n")
        for name, how in sorted(expect):
            f.write(f"{name}\t{how}\n")
    print(f"{len(expect)} files in {OUT}")


if __name__ == "__main__":
    sys.exit(main())
