#!/usr/bin/python3
"""The roll-up workbook (ogi summary, outbox/汇总-YEAR.xlsx) opened by
LibreOffice (soffice, headless, its own profile): LibreOffice computes every
live formula itself, and its figures must be the ones ogi wrote; its PDF
shows the sheets. Apart from test_campaign.py so that the rest runs under
valgrind (tests/run.sh leaves files naming soffice out there)."""
import os
import pathlib
import shutil
import subprocess
import tempfile

from campaign_books import make_report, new_box, sheet_values, tmpdir
from harness import finish, run, test


def soffice(profile, outdir, target, path):
    for attempt in range(2):  # a first start now and then exits early
        p = subprocess.run(["timeout", "-k", "5", "120", "soffice", "--headless", "--norestore",
                            "-env:UserInstallation=" + pathlib.Path(profile).as_uri(),
                            "--convert-to", target, "--outdir", outdir, path],
                           capture_output=True, timeout=150)
        made = os.path.join(outdir, os.path.splitext(os.path.basename(path))[0] + "." +
                            target.split(":")[0])
        if os.path.exists(made):
            return made
    raise AssertionError(p.stderr.decode("utf-8", "replace")[-400:])


@test
def rollup_opened_by_soffice():
    tmp = tmpdir()
    profile = tempfile.mkdtemp(prefix="ogi-lo-profile-")
    try:
        box = new_box(tmp)
        with open(os.path.join(box, "roster.csv"), "w", encoding="utf-8") as f:
            f.write("单位\n市财政局\n市教育局\n市公安局\n市民政局\n")
        make_report(os.path.join(box, "inbox", "财政.xlsx"), "市财政局", 2024, 3)
        make_report(os.path.join(box, "inbox", "教育.xlsx"), "市教育局（盖章）", 2024, 5)
        make_report(os.path.join(box, "inbox", "公安.xlsx"), "市公安局", 2024, 2, broken=True)
        rc, out, err = run("watch", "--once", "--settle", "0.2", box)
        assert rc == 0, err
        path = os.path.join(box, "outbox", "汇总-2024.xlsx")
        outdir = os.path.join(tmp, "lo")
        os.makedirs(outdir)
        again = soffice(profile, outdir, "xlsx", path)
        ours, theirs = sheet_values(path), sheet_values(again)
        assert set(theirs) >= {"报送情况", "明细", "汇总-表三", "问题统计"}, list(theirs)
        compared = 0
        for sheet in ("报送情况", "汇总-表二", "汇总-表三", "汇总-表四"):
            for r, (a, b) in enumerate(zip(ours[sheet], theirs[sheet])):
                for k, (x, y) in enumerate(zip(a, b)):
                    if isinstance(x, (int, float)) and not isinstance(x, bool):
                        assert y == x, (sheet, r + 1, k + 1, x, y)
                        compared += 1
        assert compared > 200, compared
        # counts LibreOffice computed: 2 passing, 1 failing, 1 missing
        assert theirs["报送情况"][2][1:5] == [2, 0, 1, 1], theirs["报送情况"][2]
        pdf = soffice(profile, outdir, "pdf", path)
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True).stdout.decode()
        for word in ("2024 年度政府信息公开工作年度报告报送情况", "市民政局", "未报送",
                     "收到和处理政府信息公开申请情况"):
            assert word in text, word
    finally:
        shutil.rmtree(tmp)
        shutil.rmtree(profile)


finish()
