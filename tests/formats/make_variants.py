#!/usr/bin/python3
"""make_variants.py DIR: OOXML shaped the way other writers shape it, from
the LibreOffice conversions in DIR/lo, into DIR/variants:

  guangdong-2020-bare.xlsx  no <dimension>, no r attribute where a row or
                            cell follows the one before, inline strings
                            instead of shared strings, the spreadsheetml
                            namespace under an "x:" prefix, and worksheet
                            parts renamed against the sheet order (so order
                            and names can only come from workbook.xml)
  foshan-2019-xlsx.xls      an .xlsx named .xls
  foshan-2019-ods.xls       an .ods named .xls
"""
import os
import re
import shutil
import sys
import zipfile
import xml.etree.ElementTree as ET

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"


def q(tag):
    return "{%s}%s" % (MAIN, tag)


def col_row(ref):
    m = re.match(r"([A-Z]+)(\d+)$", ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def shared_strings(z):
    if "xl/sharedStrings.xml" not in z.namelist():
        return []
    root = ET.fromstring(z.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter(q("t"))) for si in root.iter(q("si"))]


def bare_sheet(data, sst):
    ET.register_namespace("x", MAIN)
    ET.register_namespace("r", REL)
    root = ET.fromstring(data)
    for dim in root.findall(q("dimension")):
        root.remove(dim)
    last_row = -1
    for row in root.iter(q("row")):
        r = int(row.get("r")) - 1
        if r == last_row + 1:
            del row.attrib["r"]
        last_row = r
        last_col = -1
        for c in row.findall(q("c")):
            _, col = col_row(c.get("r"))
            if col == last_col + 1:
                del c.attrib["r"]
            last_col = col
            if c.get("t") == "s":
                v = c.find(q("v"))
                text = sst[int(v.text)]
                c.remove(v)
                c.set("t", "inlineStr")
                is_ = ET.SubElement(c, q("is"))
                t = ET.SubElement(is_, q("t"))
                t.text = text
    return ET.tostring(root, xml_declaration=True, encoding="UTF-8")


def bare(src, dst):
    with zipfile.ZipFile(src) as z:
        sst = shared_strings(z)
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        sheets = sorted(r.get("Target") for r in rels if r.get("Type").endswith("/worksheet"))
        renamed = dict(zip(sheets, ["worksheets/part%d.xml" % i for i in range(len(sheets), 0, -1)]))
        for r in list(rels):
            if r.get("Type").endswith("/sharedStrings"):
                rels.remove(r)
            elif r.get("Target") in renamed:
                r.set("Target", renamed[r.get("Target")])
        ET.register_namespace("", PKG)
        rels_xml = ET.tostring(rels, xml_declaration=True, encoding="UTF-8")
        ct = ET.fromstring(z.read("[Content_Types].xml"))
        for o in list(ct):
            name = (o.get("PartName") or "").lstrip("/")
            if name == "xl/sharedStrings.xml":
                ct.remove(o)
            elif name[3:] in renamed:
                o.set("PartName", "/xl/" + renamed[name[3:]])
        ET.register_namespace("", CT)
        ct_xml = ET.tostring(ct, xml_declaration=True, encoding="UTF-8")
        with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
            for name in reversed(z.namelist()):  # part order means nothing
                if name == "xl/sharedStrings.xml":
                    continue
                data = z.read(name)
                if name == "xl/_rels/workbook.xml.rels":
                    data = rels_xml
                elif name == "[Content_Types].xml":
                    data = ct_xml
                elif name[3:] in renamed:
                    data = bare_sheet(data, sst)
                    name = "xl/" + renamed[name[3:]]
                out.writestr(name, data)


def main():
    base = sys.argv[1] if len(sys.argv) > 1 else "tests/formats"
    lo, out = os.path.join(base, "lo"), os.path.join(base, "variants")
    os.makedirs(out, exist_ok=True)
    bare(os.path.join(lo, "guangdong-2020.xlsx"), os.path.join(out, "guangdong-2020-bare.xlsx"))
    shutil.copyfile(os.path.join(lo, "foshan-2019.xlsx"), os.path.join(out, "foshan-2019-xlsx.xls"))
    shutil.copyfile(os.path.join(lo, "foshan-2019.ods"), os.path.join(out, "foshan-2019-ods.xls"))


main()
