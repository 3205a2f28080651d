#!/usr/bin/python3
"""End-to-end tests of hostile and broken .xlsx/.ods files (made by
tests/fixtures/data/bad-zip/make_bad_zip.py): each is refused with its reason, in
Chinese and in English, exit status 2, and nothing is written; the
well-formed files they are made from are read.
"""
import hashlib
import json
import os
import tempfile
from harness import finish, run, test

DIR = "tests/fixtures/data/bad-zip"

# file -> (a phrase of the Chinese message, of the English one)
BOMB = ("压缩炸弹", "zip bomb")
ENTITY = ("实体声明", "declares entities")
DEPTH = ("嵌套层数", "nested deeper")
CORRUPT = ("已损坏或不完整", "damaged or incomplete")
MISSING = ("缺少必需的组成部分", "lacks a part")
BOUNDS = ("超出表格范围", "beyond the sheet")
REFUSED = {
    "zip-bomb.xlsx": BOMB,
    "zip-bomb-declared.xlsx": BOMB,
    "zip-bomb-lying.xlsx": BOMB,
    "zip-bomb.ods": BOMB,
    "deep-nesting.xlsx": DEPTH,
    "deep-nesting.ods": DEPTH,
    "billion-laughs.xlsx": ENTITY,
    "billion-laughs.ods": ENTITY,
    "external-entity.xlsx": ENTITY,
    "broken-zip.xlsx": CORRUPT,
    "bad-crc.xlsx": CORRUPT,
    "not-a-zip.xlsx": CORRUPT,
    "missing-workbook.xlsx": MISSING,
    "missing-sheet.xlsx": MISSING,
    "missing-rels.xlsx": MISSING,
    "missing-content.ods": MISSING,
    "malformed-xml.xlsx": ("XML 已损坏", "XML inside the workbook is damaged"),
    "cell-beyond-grid.xlsx": BOUNDS,
    "row-beyond-grid.xlsx": BOUNDS,
    "absurd-row-repeat.ods": BOUNDS,
    "absurd-column-repeat.ods": BOUNDS,
    "too-many-cells.ods": ("单元格数超过上限", "more cells than the limit"),
    "too-many-merges.xlsx": ("合并单元格数超过上限", "merged ranges than the limit"),
    # merged ranges cost their area: the marked-up workbook would store a
    # cell for every cell they cover (17 billion for the giant one)
    "giant-merge.xlsx": ("单元格数超过上限", "more cells than the limit"),
    "merged-area.xlsx": ("单元格数超过上限", "more cells than the limit"),
    "encrypted.xlsx": ("设有打开密码", "password protected"),
    "binary.xlsb": (".xlsb", ".xlsb"),
    "text.odt": ("不是电子表格", "not a spreadsheet"),
    "document.docx": ("不是电子表格文件", "not a spreadsheet"),
}


@test
def test_the_corpus_is_complete():
    have = set(os.listdir(DIR))
    missing = [f for f in list(REFUSED) + ["ok.xlsx", "ok.ods"] if f not in have]
    assert not missing, f"run {DIR}/make_bad_zip.py: missing {missing}"


@test
def test_each_file_is_refused_with_its_reason():
    # one process for all the files: each is judged on its own
    paths = [os.path.join(DIR, n) for n in REFUSED]
    rc, out, err = run("check", *paths)
    assert rc == 2, (rc, err[-500:])
    lines = err.splitlines()
    for name, (zh, _) in REFUSED.items():
        said = [l for l in lines if os.path.join(DIR, name) + ":" in l]
        assert len(said) == 1 and zh in said[0], (name, said)
    rc, out, err = run("check", "--lang", "en", "--format", "json", *paths)
    assert rc == 2, rc
    docs = json.loads(out)
    assert [d["file"] for d in docs] == paths, [d["file"] for d in docs]
    for (name, (_, en)), doc in zip(REFUSED.items(), docs):
        assert doc["status"] == "unreadable", (name, doc["status"])
        assert en in doc["message"], (name, doc["message"])
        assert doc["cells"] == {} and doc["findings"] == [], (name, doc)


@test
def test_the_files_they_are_made_from_are_read():
    for name in ("ok.xlsx", "ok.ods"):
        rc, out, _ = run("check", "--format", "json", os.path.join(DIR, name))
        doc = json.loads(out)
        # read, but a two-cell sheet holds no statutory table
        assert doc["status"] == "no_tables", (name, doc["status"], doc.get("message"))
        assert len(doc["sha256"]) == 64, doc


@test
def test_convert_writes_nothing_for_a_refused_file():
    # one batch per extension: NAME.xlsx and NAME.ods in one batch would
    # both write NAME.checked.xlsx, which convert refuses as a whole
    for ext in sorted({os.path.splitext(n)[1] for n in REFUSED}):
        names = [n for n in REFUSED if n.endswith(ext)]
        with tempfile.TemporaryDirectory() as d:
            rc, out, err = run("convert", "--outdir", d, "--json",
                               *[os.path.join(DIR, n) for n in names])
            assert rc == 2, (rc, err[-500:])
            assert os.listdir(d) == [], f"left behind: {os.listdir(d)}"
            for n in names:
                assert n in err, f"no message for {n}"


@test
def test_the_inputs_are_left_unchanged():
    def digests():
        out = {}
        for n in REFUSED:
            with open(os.path.join(DIR, n), "rb") as f:
                out[n] = hashlib.sha256(f.read()).hexdigest()
        return out
    before = digests()
    run("check", *[os.path.join(DIR, n) for n in REFUSED])
    assert digests() == before

finish()
