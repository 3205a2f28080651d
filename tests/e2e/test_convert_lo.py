#!/usr/bin/python3
"""LibreOffice opens every marked-up workbook `ogi convert` writes: each
sheet exported to CSV (one soffice call for all outputs) shows the values,
the verdict, the computed sums and the formulas' results; one workbook is
printed to PDF and its text read back (Chinese fonts present).

Skipped, with a note, when soffice is not installed.
"""
import csv
import glob
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl
from harness import OGI, WRAP, results
from harness import test as run_test  # runs and tallies one test

TMP = tempfile.mkdtemp(prefix="ogi-convert-lo.")
# every sheet to its own CSV file (the last field, -1), UTF-8 (76)
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


TESTS = []


def test(fn):
    """Registers fn: the tests run only where soffice is installed."""
    TESTS.append(fn)
    return fn


def soffice(*args):
    profile = os.path.join(TMP, "profile")
    cmd = ["timeout", "-k", "5", "120", "soffice", "--headless", "--norestore",
           f"-env:UserInstallation=file://{profile}"] + list(args)
    p = subprocess.run(cmd, capture_output=True, timeout=150)
    return p.returncode, p.stdout.decode("utf-8", "replace") + p.stderr.decode("utf-8", "replace")


def inputs():
    return sorted(glob.glob("samples/*.xls")) + ["tests/fixtures/data/formulas-2019.xls",
                                                 "tests/fixtures/data/names-2019.xls"]


def stem(path):
    return os.path.splitext(os.path.basename(path))[0]


def read_csv(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.reader(f))


_state = {}


def exported():
    """Converts every input with ogi, then every output to CSV with soffice."""
    if not _state:
        out = os.path.join(TMP, "out")
        os.mkdir(out)
        p = subprocess.run(WRAP + [OGI, "convert", "-q", "-j", "2", "--outdir", out] + inputs(),
                           capture_output=True, timeout=300)
        assert p.returncode in (1, 2), p.stderr.decode()
        books = sorted(glob.glob(os.path.join(out, "*.xlsx")))
        csv_dir = os.path.join(TMP, "csv")
        for attempt in range(2):  # a first start of soffice now and then exits early
            rc, log = soffice("--convert-to", CSV_FILTER, "--outdir", csv_dir, *books)
            if rc == 0 and len(glob.glob(os.path.join(csv_dir, "*-规范-表四.csv"))) == len(books):
                break
        assert rc == 0, f"soffice exited {rc}: {log[-500:]}"
        _state["books"] = books
    return _state["books"]


def sheet_csv(book, sheet):
    path = os.path.join(TMP, "csv", f"{stem(book)}-{sheet}.csv")
    assert os.path.exists(path), f"LibreOffice wrote no {os.path.basename(path)}"
    return read_csv(path)


@test
def every_output_opens_with_every_sheet():
    books = exported()
    # every input but the one without statutory tables has its workbook
    assert len(books) == len(inputs()) - 1, books
    for book in books:
        for name in openpyxl.load_workbook(book, read_only=True).sheetnames:
            rows = sheet_csv(book, name)
            assert rows, f"{book} {name}: empty"


@test
def verdict_and_findings_as_libreoffice_shows_them():
    for book in exported():
        summary = openpyxl.load_workbook(book, read_only=True).sheetnames[0]
        rows = sheet_csv(book, summary)
        assert rows[1][0] == "结论" and rows[1][3] in ("通过", "未通过"), rows[1]
        head = next(i for i, r in enumerate(rows) if r and r[0] == "序号")
        numbers = [r[0] for r in rows[head + 1:] if r and r[0].isdigit()]
        assert numbers == [str(i + 1) for i in range(len(numbers))], numbers[:5]


@test
def computed_sums_show_their_values():
    for book in exported():
        rows = sheet_csv(book, "规范-表三 (2)" if "names" in book else "规范-表三")
        by_label = {r[0]: r for r in rows if r}
        new = next(r for r in rows if r and r[0].startswith("第一项"))
        carried = next(r for r in rows if r and r[0].startswith("第二项"))
        total = by_label["计算：第一项 + 第二项"]
        for col in range(3, 10):
            a = float(new[col] or 0) + float(carried[col] or 0)
            assert float(total[col]) == a, f"{book} column {col}: {total[col]} != {a}"


@test
def formulas_show_their_results():
    book = next(b for b in exported() if "formulas" in b)
    rows = sheet_csv(book, "统计表")
    # H26 =SUM(B26:G26) is 10; D7 =(B7+C7)*2-1 is 15; B47 =SUM(B28:B46) is 9
    assert rows[25][7] == "10", rows[25]
    assert rows[6][3] == "15", rows[6]
    assert rows[46][1] == "9", rows[46]


@test
def printed_to_pdf_with_chinese_text():
    book = exported()[0]
    pdf = os.path.join(TMP, "pdf", stem(book) + ".pdf")
    for attempt in range(2):
        rc, log = soffice("--convert-to", "pdf", "--outdir", os.path.join(TMP, "pdf"), book)
        if os.path.exists(pdf):
            break
    assert rc == 0 and os.path.exists(pdf), log[-500:]
    if not shutil.which("pdftotext"):
        print("note: pdftotext (poppler-utils) absent; the PDF's text was not read")
        return
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True).stdout.decode()
    assert "审核结果" in text and "结论" in text, text[:300]


if shutil.which("soffice") is None:
    print("note: soffice (LibreOffice) is not installed: the LibreOffice tests were skipped")
    print("0 passed, 0 failed")
    sys.exit(0)
for t in TESTS:
    run_test(t)
print(f"{results['passed']} passed, {results['failed']} failed")
shutil.rmtree(TMP, ignore_errors=True)
sys.exit(1 if results["failed"] else 0)
