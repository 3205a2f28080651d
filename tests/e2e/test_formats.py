#!/usr/bin/python3
"""End-to-end tests of reading .xlsx and .ods: the real binary on files
written by three writers (tests/fixtures/formats/make_formats.sh makes them):
LibreOffice (--convert-to of every sample), Excel::Writer::XLSX (Excel's
way of writing OOXML) and hand-shaped OOXML. Whatever the format, `ogi
check` must give the JSON cells and findings of the .xls original, apart
from `file` and the sheet names in `source` references.
"""
import glob
import json
import os
import re
import tempfile

import openpyxl
from harness import finish, run, test

FORMATS = "tests/fixtures/formats"


def check_json(*paths):
    rc, out, err = run("check", "--format", "json", *paths)
    return rc, json.loads(out), err


SHEET_REF = re.compile(r"'(?:[^']|'')*'!")


def unsheeted(value):
    """value with every quoted sheet name of an A1 reference made anonymous."""
    return json.loads(SHEET_REF.sub("'*'!", json.dumps(value, ensure_ascii=False)))


def originals():
    return sorted(glob.glob("samples/*.xls")) + [os.path.join(FORMATS, "formula-totals.xls")]


def forms_of(original):
    name = os.path.splitext(os.path.basename(original))[0]
    return [os.path.join(FORMATS, "lo", name + ".xlsx"),
            os.path.join(FORMATS, "lo", name + ".ods"),
            os.path.join(FORMATS, "excel", name + ".xlsx")]


def assert_same(want, got, what):
    assert got["status"] == want["status"], f"{what}: status {got['status']} != {want['status']}"
    assert got["template"] == want["template"], f"{what}: template {got['template']}"
    assert got["counts"] == want["counts"], f"{what}: counts {got['counts']} != {want['counts']}"
    wc, gc = unsheeted(want["cells"]), unsheeted(got["cells"])
    for cid in wc:
        assert gc.get(cid) == wc[cid], f"{what}: {cid} is {gc.get(cid)}, the .xls gives {wc[cid]}"
    assert set(gc) == set(wc), f"{what}: extra cells {sorted(set(gc) - set(wc))}"
    assert unsheeted(got["findings"]) == unsheeted(want["findings"]), f"{what}: findings differ"


@test
def test_every_form_of_every_sample_gives_the_xls_cells_and_findings():
    compared = 0
    for original in originals():
        forms = forms_of(original)
        for form in forms:
            assert os.path.exists(form), f"{form} missing: run tests/fixtures/formats/make_formats.sh"
        rc, docs, _ = check_json(original, *forms)
        want = docs[0]
        for form, got in zip(forms, docs[1:]):
            assert got["file"] == form, got["file"]
            assert_same(want, got, form)
            compared += 1
    assert compared >= 21, f"only {compared} files compared"


@test
def test_values_read_from_each_format():
    # a spot check that could not pass by two readers being equally wrong
    for form in forms_of("samples/foshan-2019.xls"):
        _, doc, _ = check_json(form)
        c = doc["cells"]
        assert c["t3.new.person"]["value"] == 37, (form, c["t3.new.person"])
        assert c["t3.new.person"]["source"] == "'年报统计表'!D27", (form, c["t3.new.person"])
        assert c["t2.procurement.amount"]["raw"] == "181.7098 万元", (form, c["t2.procurement.amount"])
        assert c["t3.new.other_org"]["value"] == 0, form
    for form in forms_of("samples/tianjin-2019.xls"):
        _, doc, _ = check_json(form)
        # text cells with spaces, and a label with a line break
        assert doc["cells"]["t3.new.person"]["raw"] == " 220", (form, doc["cells"]["t3.new.person"])
        assert doc["status"] == "pass", (form, doc["status"])


@test
def test_formula_totals_are_their_cached_results():
    for form in [os.path.join(FORMATS, "formula-totals.xls")] + forms_of("formula-totals.xls"):
        _, doc, _ = check_json(form)
        c = doc["cells"]
        assert c["t3.r.total.person"]["value"] == 37, (form, c["t3.r.total.person"])
        assert c["t3.new.total"]["value"] == 40, (form, c["t3.new.total"])
        assert c["t4.review.total"]["value"] == 3, (form, c["t4.review.total"])
        assert doc["status"] == "pass", (form, doc["status"], doc["findings"][:2])


@test
def test_the_format_is_decided_by_the_bytes_not_the_name():
    _, want, _ = check_json("samples/foshan-2019.xls")
    for name in ("foshan-2019-xlsx.xls", "foshan-2019-ods.xls"):
        path = os.path.join(FORMATS, "variants", name)
        rc, got, err = check_json(path)
        assert rc == 1, (path, rc, err)
        assert_same(want, got, path)
    with tempfile.TemporaryDirectory() as d:  # and by no name at all
        blob = os.path.join(d, "upload-0001")
        with open(os.path.join(FORMATS, "lo", "foshan-2019.ods"), "rb") as f, open(blob, "wb") as g:
            g.write(f.read())
        rc, got, _ = check_json(blob)
        assert_same(want, got, blob)


@test
def test_bare_ooxml_inline_strings_no_dimension_no_refs_renamed_parts():
    path = os.path.join(FORMATS, "variants", "guangdong-2020-bare.xlsx")
    _, want, _ = check_json("samples/guangdong-2020.xls")
    _, got, _ = check_json(path)
    assert_same(want, got, path)
    # sheet names and order come from workbook.xml, not from the part names
    assert got["cells"]["t2.license.decisions"]["source"].startswith("'主动公开'!"), got["cells"]["t2.license.decisions"]
    assert got["cells"]["t3.new.person"]["source"].startswith("'依申请公开'!"), got["cells"]["t3.new.person"]
    assert got["cells"]["t4.review.total"]["source"].startswith("'复议诉讼'!"), got["cells"]["t4.review.total"]


@test
def test_text_report_in_english_for_an_ods():
    rc, out, _ = run("check", "--lang", "en", os.path.join(FORMATS, "lo", "synthetic-2021.ods"))
    assert rc == 1, rc
    assert "Verdict: FAIL" in out, out
    assert "ogi-2021" in out, out


@test
def test_not_a_spreadsheet_message_names_the_readable_formats():
    with tempfile.TemporaryDirectory() as d:
        p = os.path.join(d, "notes.txt")
        with open(p, "w") as f:
            f.write("not a workbook\n")
        rc, _, err = run("check", p)
        assert rc == 2, rc
        assert ".xlsx" in err and ".ods" in err and "暂不能读取" not in err, err
        rc, _, err = run("check", "--lang", "en", p)
        assert ".xlsx" in err and ".ods" in err and "cannot read yet" not in err, err
        assert os.listdir(d) == ["notes.txt"], os.listdir(d)


@test
def test_convert_names_the_output_after_any_input():
    with tempfile.TemporaryDirectory() as d:
        for src in ("lo/synthetic-2021.xlsx", "lo/synthetic-2021.ods"):
            path = os.path.join(d, os.path.basename(src))
            with open(os.path.join(FORMATS, src), "rb") as f, open(path, "wb") as g:
                g.write(f.read())
            before = open(path, "rb").read()
            rc, out, err = run("convert", path)
            assert rc == 1, (src, rc, err)
            assert open(path, "rb").read() == before, f"{src}: the input changed"
            out_path = os.path.join(d, "synthetic-2021.checked.xlsx")
            assert os.path.exists(out_path), os.listdir(d)
            wb = openpyxl.load_workbook(out_path, read_only=True)
            assert wb.sheetnames[:2] == ["审核结果", "统计表"], wb.sheetnames
            os.remove(out_path)


@test
def test_formulas_are_written_back_with_their_values():
    # the marked-up workbook keeps a submitter's formulas, whatever the format
    with tempfile.TemporaryDirectory() as d:
        for src in ("formula-totals.xls", "lo/formula-totals.ods", "lo/formula-totals.xlsx",
                    "excel/formula-totals.xlsx"):
            out = os.path.join(d, src.replace("/", "-"))
            rc, _, err = run("convert", "-o", out + ".checked.xlsx", os.path.join(FORMATS, src))
            assert rc == 0, (src, rc, err)
            ws = openpyxl.load_workbook(out + ".checked.xlsx")["统计表"]
            values = openpyxl.load_workbook(out + ".checked.xlsx", data_only=True)["统计表"]
            assert ws["J22"].value == "=SUM(D22:I22)", (src, ws["J22"].value)
            assert values["J22"].value == 40, (src, values["J22"].value)
            assert ws["D45"].value == "=SUM(D24:D44)", (src, ws["D45"].value)
            assert values["D45"].value == 37, (src, values["D45"].value)


@test
def test_watch_takes_xlsx_and_ods_not_to_failed():
    with tempfile.TemporaryDirectory() as box:
        inbox = os.path.join(box, "inbox")
        os.makedirs(inbox)
        names = {"a.xlsx": "excel/foshan-2019.xlsx", "b.ods": "lo/tianjin-2019.ods",
                 "c.xls": "variants/foshan-2019-xlsx.xls"}
        old = os.stat(FORMATS).st_mtime - 3600
        for name, src in names.items():
            with open(os.path.join(FORMATS, src), "rb") as f, open(os.path.join(inbox, name), "wb") as g:
                g.write(f.read())
            os.utime(os.path.join(inbox, name), (old, old))
        rc, out, err = run("watch", "--once", box)
        outbox = sorted(os.listdir(os.path.join(box, "outbox")))
        for stem in ("a", "b", "c"):
            assert stem + ".checked.xlsx" in outbox, (outbox, out, err)
        failed = os.path.join(box, "failed")
        assert not os.path.isdir(failed) or not os.listdir(failed), os.listdir(failed)
        with open(os.path.join(box, "outbox", "b.json"), encoding="utf-8") as f:
            assert json.load(f)["status"] == "pass"

finish()
