#!/usr/bin/python3
"""End-to-end tests of ogi on hostile and broken input (docs/security.md).

Every file of tests/fixtures/bad/ (made by tests/fixtures/bad/make_bad.py, expectations in
tests/fixtures/bad/expect.tsv) and every crashing input the fuzzer found
(tests/fixtures/bad/regress/) must give a report or a clear refusal: exit 2, a
message naming the file and the reason, nothing written, the input
unchanged. Also: a folder, a missing path, limits, a read-only output
folder and a full disk.
"""
import glob
import hashlib
import json
import os
import subprocess
import tempfile
from harness import finish, run, test

BAD = "tests/fixtures/bad"
BASE = "samples/synthetic-2021.xls"

# ogi_strerror(..., OGI_LANG_EN) of the reasons the corpus calls for
REASONS = {
    "NOT_FOUND": "no such file",
    "IS_DIRECTORY": "this is a folder, not a file",
    "EMPTY_FILE": "the file is empty (0 bytes)",
    "NOT_SPREADSHEET": "not a spreadsheet",
    "OOXML": "this is an .xlsx workbook",
    "ODS": "this is an .ods workbook",
    "NOT_WORKBOOK": "an Office file but not an Excel workbook",
    "ENCRYPTED": "the workbook is password protected",
    "CORRUPT": "the workbook is damaged or incomplete",
    "OLD_BIFF": "an Excel 95 or older file",
    "TOO_LARGE": "the file is larger than the size limit",
    "TOO_MANY_CELLS": "the workbook has more cells than the limit",
    "STRING_TOO_LONG": "a cell's text is longer than the limit",
    "WRITE": "the output file could not be written",
}
DAMAGE = ("EMPTY_FILE", "NOT_SPREADSHEET", "OOXML", "ODS", "NOT_WORKBOOK", "ENCRYPTED",
          "CORRUPT", "OLD_BIFF")


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def expectations():
    out = []
    with open(os.path.join(BAD, "expect.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, how = line.rstrip("\n").split("\t")
            out.append((os.path.join(BAD, name), how))
    return out


def check(path, *opts):
    """Runs ogi check on path; asserts the input is unchanged."""
    before = sha256(path) if os.path.isfile(path) else None
    rc, out, err = run("check", "--format", "json", "--lang", "en", *opts, path)
    if before:
        assert sha256(path) == before, f"{path}: the input was changed"
    return rc, out, err


def assert_refused(path, rc, out, err, reasons):
    assert rc == 2, f"{path}: exit {rc}, expected a refusal; {err}"
    line = [x for x in err.splitlines() if x.startswith(f"ogi: {path}: ")]
    assert line, f"{path}: no message naming the file on stderr: {err!r}"
    said = line[-1][len(f"ogi: {path}: "):]
    assert any(said.startswith(REASONS[r]) for r in reasons), f"{path}: reason {said!r}, want {reasons}"
    doc = json.loads(out)
    assert doc["status"] == "unreadable" and doc["cells"] == {} and doc["findings"] == [], doc


def assert_result(path, rc, out):
    doc = json.loads(out)
    assert doc["status"] in ("pass", "fail", "no_tables"), f"{path}: status {doc['status']}"
    want_rc = {"pass": 0, "fail": 1}.get(doc["status"], 2)
    assert rc == want_rc, f"{path}: exit {rc} for status {doc['status']}"
    return doc


def base_doc():
    rc, out, _ = check(BASE)
    return json.loads(out)


def check_all(paths):
    """ogi check on many files at once (one process: cheap under valgrind);
    a report or a refusal for each, the inputs unchanged."""
    before = {p: sha256(p) for p in paths}
    rc, out, err = run("check", "--format", "json", "--lang", "en", *paths)
    for p in paths:
        assert sha256(p) == before[p], f"{p}: the input was changed"
    docs = json.loads(out)
    docs = docs if len(paths) > 1 else [docs]
    assert [d["file"] for d in docs] == list(paths), [d["file"] for d in docs]
    worst = max({"pass": 0, "fail": 1}.get(d["status"], 2) for d in docs)
    assert rc == worst, f"exit {rc}, the worst status calls for {worst}"
    return docs, err


def said_about(path, err):
    lines = [x[len(f"ogi: {path}: "):] for x in err.splitlines() if x.startswith(f"ogi: {path}: ")]
    return lines[-1] if lines else None


def assert_refused_in_batch(path, doc, err, reasons):
    assert doc["status"] == "unreadable", f"{path}: status {doc['status']}, expected a refusal"
    assert doc["cells"] == {} and doc["findings"] == [], doc
    said = said_about(path, err)
    assert said is not None, f"{path}: no message naming the file on stderr"
    assert any(said.startswith(REASONS[r]) for r in reasons), f"{path}: reason {said!r}, want {reasons}"


@test
def test_corpus_gives_a_report_or_a_clear_refusal():
    cases = expectations()
    assert len(cases) >= 40, f"only {len(cases)} files in {BAD}/expect.tsv"
    docs, err = check_all([p for p, _ in cases])
    for (path, how), doc in zip(cases, docs):
        kind, _, reason = how.partition(" ")
        if kind == "refuse":
            assert_refused_in_batch(path, doc, err, DAMAGE if reason == "any" else (reason,))
        elif kind == "result":
            assert doc["status"] in ("pass", "fail") and doc["cells"], f"{path}: {doc['status']}"
            assert said_about(path, err) is None, f"{path}: {said_about(path, err)}"
        elif doc["status"] == "unreadable":
            assert_refused_in_batch(path, doc, err, DAMAGE)
        else:
            assert doc["status"] in ("pass", "fail", "no_tables"), f"{path}: {doc['status']}"
    # one file at a time too: its own exit status
    for path, how in cases[:: max(1, len(cases) // 6)]:
        rc, out, err = check(path)
        if how.startswith("refuse") or (how == "either" and rc == 2):
            reasons = (how.split()[1],) if how.startswith("refuse ") and how != "refuse any" else DAMAGE
            assert_refused(path, rc, out, err, reasons)
        else:
            assert_result(path, rc, out)


@test
def test_fuzzer_finds_stay_fixed():
    found = sorted(glob.glob(os.path.join(BAD, "regress", "*")))
    assert found, "no regression inputs in tests/fixtures/bad/regress"
    docs, err = check_all(found)
    for path, doc in zip(found, docs):
        if doc["status"] == "unreadable":
            assert_refused_in_batch(path, doc, err, DAMAGE)
        else:
            assert doc["status"] in ("pass", "fail", "no_tables"), f"{path}: {doc['status']}"


@test
def test_error_results_in_a_table_are_named():
    rc, out, _ = check(os.path.join(BAD, "table-errors.xls"))
    doc = assert_result(BAD, rc, out)
    assert doc["status"] == "fail", doc["status"]
    cells = doc["cells"]
    assert cells["t3.r.total.person"]["raw"] == "#DIV/0!", cells["t3.r.total.person"]
    assert cells["t3.r.total.business"]["raw"] == "#REF!", cells["t3.r.total.business"]
    keys = {f["key"] for f in doc["findings"]}
    for cid in ("t3.r.total.person", "t3.r.total.business"):
        assert f"value.not_number:{cid}" in keys, sorted(keys)
    assert "t3.result_total:person" in keys, sorted(keys)


@test
def test_a_date_in_a_table_is_not_a_count():
    rc, out, _ = check(os.path.join(BAD, "table-date.xls"))
    doc = assert_result(BAD, rc, out)
    cell = doc["cells"]["t3.new.person"]
    assert cell["raw"] == "2020-03-01" and cell["value"] == 0, cell
    keys = {f["key"] for f in doc["findings"]}
    assert "value.not_number:t3.new.person" in keys, sorted(keys)


@test
def test_odd_but_valid_workbooks_read_like_the_original():
    want = base_doc()
    for name in ("wrong-dimensions.xls", "many-sheets.xls", "rows-65536.xls", "long-strings.xls",
                 "年报 2021（含 空格）.xls"):
        path = os.path.join(BAD, name)
        rc, out, _ = check(path)
        doc = assert_result(path, rc, out)
        assert doc["file"] == path, doc["file"]
        assert doc["cells"] == want["cells"], f"{name}: cells differ from {BASE}"
        assert doc["findings"] == want["findings"], f"{name}: findings differ from {BASE}"


@test
def test_limits_refuse_with_their_reason():
    cases = (("rows-65536.xls", ("--max-cells", "60000"), "TOO_MANY_CELLS"),
             ("long-strings.xls", ("--max-string", "1000"), "STRING_TOO_LONG"),
             ("rows-65536.xls", ("--max-file-size", "512k"), "TOO_LARGE"))
    for name, opts, reason in cases:
        path = os.path.join(BAD, name)
        rc, out, err = check(path, *opts)
        assert_refused(path, rc, out, err, (reason,))
    # the same files pass under the defaults (and with a raised limit)
    rc, out, _ = check(os.path.join(BAD, "rows-65536.xls"), "--max-cells", "70000")
    assert_result("rows-65536.xls", rc, out)


@test
def test_bad_limit_values_are_usage_errors():
    for opt in ("--max-seconds", "--max-cells", "--max-string", "--max-file-size"):
        for value in ("0", "abc", "-5"):
            rc, out, err = run("check", opt, value, BASE)
            assert rc == 2 and out == "", (opt, value, rc, out)
            assert "用法" in err, (opt, value, err)
    rc, out, _ = check(BASE, "--max-seconds", "600")
    assert json.loads(out)["status"] == "fail", out[:200]


@test
def test_folder_and_missing_path():
    with tempfile.TemporaryDirectory() as d:
        rc, out, err = check(d)
        assert_refused(d, rc, out, err, ("IS_DIRECTORY",))
        missing = os.path.join(d, "不存在 的文件.xls")
        rc, out, err = check(missing)
        assert_refused(missing, rc, out, err, ("NOT_FOUND",))
        assert os.listdir(d) == [], os.listdir(d)


@test
def test_chinese_message_by_default():
    rc, _, err = run("check", os.path.join(BAD, "encrypted.xls"))
    assert rc == 2, rc
    assert f"ogi: {BAD}/encrypted.xls: 工作簿设有打开密码" in err, err


def convert_refusals(outdir):
    """convert of every refused corpus file (one process): exit 2, each
    file named, and nothing written to outdir."""
    paths = [p for p, how in expectations() if how.startswith("refuse")]
    before = {p: sha256(p) for p in paths}
    rc, out, err = run("convert", "--lang", "en", "--outdir", outdir, *paths)
    assert rc == 2, f"convert: exit {rc}"
    for p in paths:
        assert said_about(p, err) is not None, f"convert {p}: not named in {err!r}"
        assert sha256(p) == before[p], f"convert {p}: the input was changed"
    assert os.listdir(outdir) == [], f"convert wrote {os.listdir(outdir)}"


@test
def test_convert_refusals_write_nothing():
    with tempfile.TemporaryDirectory() as d:
        convert_refusals(d)


@test
def test_convert_results_write_whole_workbooks():
    import openpyxl
    results_ = [(p, h) for p, h in expectations() if h == "result"]
    with tempfile.TemporaryDirectory() as d:
        for path, _ in results_:
            before = sha256(path)
            rc, out, err = run("convert", "--lang", "en", "--outdir", d, path)
            assert rc in (0, 1), f"convert {path}: exit {rc}: {err}"
            stem = os.path.splitext(os.path.basename(path))[0]
            target = os.path.join(d, stem + ".checked.xlsx")
            assert os.listdir(d) == [os.path.basename(target)], os.listdir(d)
            assert sha256(path) == before, f"convert {path}: the input was changed"
            wb = openpyxl.load_workbook(target)
            assert len(wb.sheetnames) >= 2, wb.sheetnames
            if stem == "table-errors":
                _, out, _ = check(path)
                cells = json.loads(out)["cells"]
                for cid, want in (("t3.r.total.person", "#DIV/0!"), ("t3.r.total.business", "#REF!")):
                    sheet, ref = cells[cid]["source"].rsplit("!", 1)
                    got = wb[sheet.strip("'")][ref].value
                    assert got == want, f"{cid} at {cells[cid]['source']}: {got!r}"
            os.remove(target)


def mount_tmpfs(path, options):
    """A small tmpfs at path (root only); False, with a note, when mounting
    is not permitted here."""
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", path],
                       capture_output=True)
    if p.returncode != 0:
        print(f"note: mount -t tmpfs not permitted here ({p.stderr.decode().strip()}): skipped")
    return p.returncode == 0


def umount(path):
    subprocess.run(["umount", path], check=True)


@test
def test_read_only_output_folder():
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "只读 输出")
        os.mkdir(out)
        if os.geteuid() == 0:
            if not mount_tmpfs(out, "ro,size=64k"):
                return
        else:
            os.chmod(out, 0o555)
        try:
            for target in (("--outdir", out), ("-o", os.path.join(out, "x.xlsx"))):
                before = sha256(BASE)
                rc, _, err = run("convert", "--lang", "en", *target, BASE)
                assert rc == 2, f"{target}: exit {rc}"
                assert f"ogi: {BASE}: {REASONS['WRITE']}" in err, err
                assert os.listdir(out) == [], os.listdir(out)
                assert sha256(BASE) == before
        finally:
            if os.geteuid() == 0:
                umount(out)
            else:
                os.chmod(out, 0o755)


@test
def test_full_disk_leaves_no_partial_output():
    if os.geteuid() != 0:
        print("note: a full disk needs a small tmpfs, which needs root: skipped")
        return
    with tempfile.TemporaryDirectory() as d:
        disk = os.path.join(d, "disk")
        os.mkdir(disk)
        if not mount_tmpfs(disk, "size=64k"):
            return
        try:
            # what is already there must survive; the rest of the disk is full
            keep = os.path.join(disk, "keep.txt")
            with open(keep, "wb") as f:
                f.write(b"earlier output\n")
            fd = os.open(os.path.join(disk, "filler"), os.O_WRONLY | os.O_CREAT, 0o644)
            try:
                while os.write(fd, b"\0" * 512) > 0:
                    pass
            except OSError:
                pass
            os.close(fd)
            target = os.path.join(disk, "out.xlsx")
            rc, _, err = run("convert", "--lang", "en", "-o", target, BASE)
            assert rc == 2, f"exit {rc}"
            assert f"ogi: {BASE}: {REASONS['WRITE']}" in err, err
            assert sorted(os.listdir(disk)) == ["filler", "keep.txt"], os.listdir(disk)
            with open(keep, "rb") as f:
                assert f.read() == b"earlier output\n"
        finally:
            umount(disk)

finish()
