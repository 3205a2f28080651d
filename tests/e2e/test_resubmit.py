#!/usr/bin/python3
"""End-to-end tests of the round trip (docs/formats.md): submitters correct
the marked-up workbook ogi wrote and send it in again. `ogi check` on a
workbook ogi wrote gives the values and findings of the original; after a
cell is corrected in it (with openpyxl), the corrected verdict; and ogi's
own sheets (审核结果, 规范-表二/三/四) are not read as the submitter's.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import tempfile

import openpyxl
from harness import finish, run, test


def check_json(*paths):
    rc, out, err = run("check", "--format", "json", *paths)
    doc = json.loads(out)
    return rc, doc, err


SHEET_REF = re.compile(r"'(?:[^']|'')*'!")


def unsheeted(value):
    return json.loads(SHEET_REF.sub("'*'!", json.dumps(value, ensure_ascii=False)))


def assert_same(want, got, what):
    assert got["status"] == want["status"], f"{what}: status {got['status']} != {want['status']}"
    assert got["counts"] == want["counts"], f"{what}: counts {got['counts']} != {want['counts']}"
    assert unsheeted(got["cells"]) == unsheeted(want["cells"]), f"{what}: cells differ"
    assert unsheeted(got["findings"]) == unsheeted(want["findings"]), f"{what}: findings differ"


def convert(src, outdir, *opts):
    rc, out, err = run("convert", "-q", "--outdir", outdir, *opts, src)
    base = os.path.splitext(os.path.basename(src))[0]
    path = os.path.join(outdir, base + ".checked.xlsx")
    assert os.path.exists(path), (src, rc, err)
    return path


def originals():
    files = sorted(glob.glob("samples/*.xls")) + sorted(glob.glob("tests/fixtures/data/*.xls"))
    files += [os.path.join("tests/fixtures/formats/lo", n) for n in ("guangdong-2020.ods", "tianjin-2019.xlsx")]
    return [f for f in files if os.path.exists(f)]


@test
def test_ogi_output_checks_like_the_original():
    # one process per step for all the files (valgrind runs stay short)
    srcs = originals()
    _, wants, _ = check_json(*srcs)
    srcs = [src for src, want in zip(srcs, wants) if want["status"] in ("pass", "fail")]
    wants = [want for want in wants if want["status"] in ("pass", "fail")]
    assert len(srcs) >= 20, f"only {len(srcs)} round trips"
    with tempfile.TemporaryDirectory() as d:
        outs = []
        for i, src in enumerate(srcs):  # a folder each: two sources may share a name
            os.makedirs(os.path.join(d, str(i)))
            base = os.path.splitext(os.path.basename(src))[0]
            outs.append(os.path.join(d, str(i), base + ".checked.xlsx"))
        for sub in sorted({os.path.dirname(src) for src in srcs}):
            group = [(src, out) for src, out in zip(srcs, outs) if os.path.dirname(src) == sub]
            names = [os.path.splitext(os.path.basename(s))[0] for s, _ in group]
            if len(set(names)) == len(names):
                os.makedirs(os.path.join(d, "batch"), exist_ok=True)
                run("convert", "-q", "--outdir", os.path.join(d, "batch"), *[s for s, _ in group])
                for src, out in group:
                    base = os.path.splitext(os.path.basename(src))[0]
                    os.replace(os.path.join(d, "batch", base + ".checked.xlsx"), out)
            else:
                for src, out in group:
                    convert(src, os.path.dirname(out))
        for out in outs:
            assert os.path.exists(out), out
        _, gots, _ = check_json(*outs)
        for src, want, got in zip(srcs, wants, gots):
            assert_same(want, got, src)


@test
def test_english_output_is_read_back_too():
    with tempfile.TemporaryDirectory() as d:
        for src in ("samples/foshan-2019.xls", "tests/fixtures/data/only-t3.xls"):
            _, want, _ = check_json(src)
            out = convert(src, d, "--lang", "en")
            names = openpyxl.load_workbook(out, read_only=True).sheetnames
            assert names[0] == "Check results" and names[-1].startswith("Statutory "), names
            _, got, _ = check_json(out)
            assert_same(want, got, out)


@test
def test_ogi_sheets_would_count_if_read():
    # the control: only-t3 has no 表二/表四; read whole, ogi's 规范 sheets
    # would supply them. With the 审核结果 sheet no longer ogi's (its tool
    # line gone), the workbook is read as any other, and differs.
    with tempfile.TemporaryDirectory() as d:
        _, want, _ = check_json("tests/fixtures/data/only-t3.xls")
        out = convert("tests/fixtures/data/only-t3.xls", d)
        wb = openpyxl.load_workbook(out)
        for row in wb["审核结果"].iter_rows():
            for c in row:
                if c.value == "审核工具":
                    c.value = "工具"
        other = os.path.join(d, "not-ogi.xlsx")
        wb.save(other)
        _, got, _ = check_json(other)
        assert got["cells"].keys() != want["cells"].keys(), "the 规范 sheets were not read"
        assert any(c["source"].startswith("'规范-") for c in got["cells"].values())


def corrected(path, out, sheet, fixes):
    wb = openpyxl.load_workbook(path)
    for ref, value in fixes.items():
        wb[sheet][ref] = value
    wb.save(out)


@test
def test_a_corrected_resubmission_gets_the_corrected_verdict():
    with tempfile.TemporaryDirectory() as d:
        _, before, _ = check_json("samples/synthetic-2021.xls")
        errors = sorted(f["key"] for f in before["findings"] if f["severity"] == "error")
        assert errors == ["t3.result_total:total", "t3.row_total:r.granted",
                          "t4.total:suit_after_review"], errors
        assert before["cells"]["t3.r.granted.total"]["source"] == "'统计表'!J24"
        assert before["cells"]["t4.suit_after_review.total"]["source"] == "'统计表'!O51"
        out = convert("samples/synthetic-2021.xls", d)
        fixed = os.path.join(d, "synthetic-2021-fixed.xlsx")
        corrected(out, fixed, "统计表", {"J24": 21, "O51": 2})
        rc, after, _ = check_json(fixed)
        assert rc == 0 and after["status"] == "pass", (rc, after["status"], after["findings"])
        assert after["counts"]["error"] == 0, after["counts"]
        assert after["cells"]["t3.r.granted.total"]["value"] == 21
        assert after["cells"]["t4.suit_after_review.total"]["value"] == 2
        changed = {k for k in before["cells"] if before["cells"][k] != after["cells"][k]}
        assert changed == {"t3.r.granted.total", "t4.suit_after_review.total"}, changed
        # one correction of two: still a fail, with only the other error left
        half = os.path.join(d, "synthetic-2021-half.xlsx")
        corrected(out, half, "统计表", {"O51": 2})
        rc, doc, _ = check_json(half)
        assert rc == 1 and doc["status"] == "fail", doc["status"]
        assert sorted(f["key"] for f in doc["findings"] if f["severity"] == "error") == errors[:2]
        # and ogi's verdict on its own output of the fixed workbook is stable
        again_dir = os.path.join(d, "again")
        os.makedirs(again_dir)
        out2 = convert(fixed, again_dir)
        _, again, _ = check_json(out2)
        assert_same(after, again, out2)


@test
def test_a_correction_in_the_statutory_sheet_only_is_not_read():
    # the decision of docs/formats.md: the 规范 sheets are ogi's view of
    # the submitter's sheets, and are regenerated, never read
    with tempfile.TemporaryDirectory() as d:
        out = convert("samples/synthetic-2021.xls", d)
        wb = openpyxl.load_workbook(out)
        ws = wb["规范-表三"]
        hit = None
        for row in ws.iter_rows():
            if any(c.value == "（一）予以公开" for c in row):
                # the row's 总计: its last number (a computed column may follow)
                hit = [c for c in row if isinstance(c.value, (int, float))][-1]
                break
        assert hit is not None and hit.value == 22, hit
        hit.value = 21
        edited = os.path.join(d, "edited.xlsx")
        wb.save(edited)
        _, got, _ = check_json(edited)
        assert got["cells"]["t3.r.granted.total"]["value"] == 22, got["cells"]["t3.r.granted.total"]
        assert "t3.row_total:r.granted" in [f["key"] for f in got["findings"]]


@test
def test_a_resubmission_saved_again_by_libreoffice_as_ods():
    if not shutil.which("soffice"):
        raise AssertionError("soffice is needed (libreoffice-calc-nogui)")
    with tempfile.TemporaryDirectory() as d:
        _, want, _ = check_json("tests/fixtures/data/only-t3.xls")
        out = convert("tests/fixtures/data/only-t3.xls", d)
        subprocess.run(["timeout", "-k", "5", "120", "soffice", "--headless",
                        f"-env:UserInstallation=file://{d}/profile", "--convert-to", "ods",
                        "--outdir", d, out], capture_output=True, timeout=150)
        ods = out[: -len(".xlsx")] + ".ods"
        assert os.path.exists(ods), os.listdir(d)
        _, got, _ = check_json(ods)
        assert_same(want, got, ods)

finish()
