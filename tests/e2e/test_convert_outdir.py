#!/usr/bin/python3
"""End-to-end tests of `ogi convert --outdir DIR`: a missing DIR is made with
its parents (as `mkdir -p` would), a DIR that is a file is refused in the
user's language with nothing written, and the workbook written into a new
folder is read back with openpyxl.
"""
import hashlib
import json
import os
import shutil
import tempfile

import harness
import openpyxl
from harness import finish, run, test

SAMPLE = "samples/foshan-2019.xls"
# absolute: one test runs ogi from another folder
harness.OGI = os.path.abspath(harness.OGI)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def tree(root):
    """Every file and folder under root, relative, sorted."""
    out = []
    for dirpath, dirs, files in os.walk(root):
        for name in dirs + files:
            out.append(os.path.relpath(os.path.join(dirpath, name), root))
    return sorted(out)


@test
def missing_nested_outdir_is_created():
    with tempfile.TemporaryDirectory() as d:
        target = os.path.join(d, "新 文件夹", "a b", "审核结果")
        before = sha256(SAMPLE)
        rc, out, err = run("convert", "--json", "--outdir", target, SAMPLE)
        assert rc == 1, f"exit {rc}: {err}"  # foshan-2019 has error findings
        assert err == "", err
        book = os.path.join(target, "foshan-2019.checked.xlsx")
        assert tree(d) == sorted(["新 文件夹", os.path.join("新 文件夹", "a b"),
                                  os.path.join("新 文件夹", "a b", "审核结果"),
                                  os.path.relpath(book, d),
                                  os.path.relpath(book, d).replace(".checked.xlsx", ".json")]), tree(d)
        rc, text, _ = run("check", "--format", "json", SAMPLE)
        doc = json.loads(text)
        wb = openpyxl.load_workbook(book)
        assert wb.sheetnames[0] == "审核结果", wb.sheetnames
        assert wb["审核结果"]["D2"].value == ("通过" if doc["status"] == "pass" else "未通过")
        assert book in out, out
        assert sha256(SAMPLE) == before


@test
def relative_outdir_with_trailing_slash_is_created():
    with tempfile.TemporaryDirectory() as d:
        sample = os.path.abspath(SAMPLE)
        rc, _, err = run("convert", "-q", "--outdir", "out/x/", sample, prefix=("env", "-C", d))
        assert rc == 1, f"exit {rc}: {err}"
        assert tree(d) == ["out", "out/x", "out/x/foshan-2019.checked.xlsx"], tree(d)


@test
def outdir_that_is_a_file_is_refused():
    with tempfile.TemporaryDirectory() as d:
        plain = os.path.join(d, "not a folder")
        with open(plain, "w") as f:
            f.write("keep me\n")
        for lang, words in (("zh", "已存在，但不是文件夹"), ("en", "exists and is not a folder")):
            rc, out, err = run("convert", "--lang", lang, "--outdir", plain, SAMPLE)
            assert rc == 2, f"{lang}: exit {rc}"
            assert f"--outdir {plain} {words}" in err, err
            assert out == "", out
        # a file inside the path: nothing can be made beneath it
        for lang, words in (("zh", "路径中有一部分是文件而不是文件夹"),
                            ("en", "a part of the path is a file, not a folder")):
            rc, _, err = run("convert", "--lang", lang, "--outdir", os.path.join(plain, "sub"), SAMPLE)
            assert rc == 2 and words in err, (rc, err)
        with open(plain) as f:
            assert f.read() == "keep me\n", "the file in the way changed"
        assert tree(d) == ["not a folder"], tree(d)


@test
def outdir_that_cannot_be_made_says_why():
    with tempfile.TemporaryDirectory() as d:
        locked = os.path.join(d, "locked")
        os.mkdir(locked, 0o555)
        target = os.path.join(locked, "new")
        sample, saved = SAMPLE, harness.OGI
        prefix = ()
        if os.geteuid() == 0:
            # root may write anywhere: run as nobody, with its own copies of
            # the binary and the input (the checkout may be a folder nobody
            # cannot enter, a clone in /root)
            prefix = ("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups")
            os.chmod(d, 0o755)
            sample = shutil.copy(SAMPLE, os.path.join(d, "in.xls"))
            harness.OGI = shutil.copy(saved, os.path.join(d, "ogi"))
            os.chmod(sample, 0o644)
        try:
            rc, _, err = run("convert", "--lang", "en", "--outdir", target, sample, prefix=prefix)
        finally:
            harness.OGI = saved
        assert rc == 2, f"exit {rc}: {err}"
        assert f"cannot create the --outdir folder {target}: permission denied" in err, err
        assert os.listdir(locked) == [], os.listdir(locked)


@test
def empty_outdir_is_refused():
    rc, _, err = run("convert", "--lang", "en", "--outdir", "", SAMPLE)
    assert rc == 2 and "--outdir is empty" in err, (rc, err)


finish()
