#!/usr/bin/python3
"""End-to-end tests of the office's campaign (issue 14, docs/campaign.md):
the register BOX/ogi.sqlite that `ogi watch` fills, read back with Python's
own sqlite3 and compared with the outputs' JSON, the files in archive/ and
outbox/index.csv; kill -9 of the service during a campaign; a damaged and a
locked database.

The workbooks are made here with openpyxl from tests/fixtures/formats/excel/
formula-totals.xlsx: agency names and figures edited, totals recomputed
(every figure scaled by a factor keeps every rule holding), one figure
changed to make a failing one.
"""
import csv
import hashlib
import json
import os
import pathlib
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import zipfile

import openpyxl
from campaign_books import make_report, new_box, sha256_of, sheet_values, tmpdir
from harness import OGI, WRAP, finish, run, test

OGI = os.path.abspath(OGI)
HERE = os.path.dirname(os.path.abspath(__file__))
DEADLINE = 180 if WRAP else 60  # seconds; valgrind is slow


def wait_for(what, cond, deadline=DEADLINE):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if cond():
            return
        time.sleep(0.05)
    assert cond(), f"timed out waiting for {what}"


def rows(box, sql, args=()):
    """The register read by Python's sqlite3, not by ogi."""
    db = sqlite3.connect(f"file:{os.path.join(box, 'ogi.sqlite')}?mode=ro", uri=True)
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def index_rows(box):
    path = os.path.join(box, "outbox", "index.csv")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))[1:]


def inbox_files(box):
    out = []
    for root, _, files in os.walk(os.path.join(box, "inbox")):
        out += [os.path.relpath(os.path.join(root, f), os.path.join(box, "inbox")) for f in files]
    return sorted(out)


class Service:
    """ogi watch running on box, its log in a file beside the box."""

    def __init__(self, box, *extra):
        self.box = box
        self.log = box + ".log"
        out = open(self.log, "a")
        self.start_len = os.path.getsize(self.log)
        self.proc = subprocess.Popen(WRAP + [OGI, "watch", "--settle", "0.3"] + list(extra) + [box],
                                     stdout=out, stderr=subprocess.STDOUT)
        out.close()
        wait_for("the service to start", lambda: "监视" in self.text())

    def text(self):
        with open(self.log, encoding="utf-8", errors="replace") as f:
            f.seek(self.start_len)
            return f.read()

    def kill(self):
        self.proc.kill()
        self.proc.wait()

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        assert self.proc.wait(timeout=DEADLINE) == 0, "the service did not stop cleanly"


@test
def register_records_each_file_once():
    tmp = tmpdir()
    try:
        box = new_box(tmp)
        inbox = os.path.join(box, "inbox")
        os.makedirs(os.path.join(inbox, "市财政局"))
        os.makedirs(os.path.join(inbox, "市教育局"))
        make_report(os.path.join(inbox, "市财政局", "年报.xlsx"), "市财政局（盖章）", 2024, 2,
                    broken=True)
        make_report(os.path.join(inbox, "市教育局", "年报.xlsx"), "市教育局", 2024, 3)
        with open(os.path.join(inbox, "乱码.xls"), "wb") as f:
            f.write(b"not a workbook at all" * 10)
        rc, out, err = run("watch", "--once", "--settle", "0.2", box)
        assert rc == 0, err
        # the corrected report of 市财政局, under the same name
        make_report(os.path.join(inbox, "市财政局", "年报.xlsx"), "市財政局", 2024, 2)
        rc, out, err = run("watch", "--once", "--settle", "0.2", box)
        assert rc == 0, err
        got = rows(box, "SELECT id, submitter, name, archived, sha256, format, agency, year, "
                        "template, verdict, errors, warnings, infos, outputs, json, replaces_id "
                        "FROM submissions ORDER BY id")
        assert len(got) == 4, got
        by_archived = {r[3]: r for r in got}
        assert set(by_archived) == {"archive/市财政局/年报.xlsx", "archive/市财政局/年报.1.xlsx",
                                    "archive/市教育局/年报.xlsx", "failed/乱码.xls"}, by_archived
        for r in got:
            rid, submitter, name, archived, sha, fmt, agency, year, tmpl, verdict = r[:10]
            counts, outputs, js, replaces = r[10:13], r[13], r[14], r[15]
            if verdict == "refused":
                assert archived.startswith("failed/") and outputs == "" and year == 0, r
                continue
            # the archived original is the file registered, byte for byte
            assert sha256_of(os.path.join(box, archived)) == sha, r
            assert fmt == "xlsx" and tmpl == "ogi-2021" and year == 2024, r
            with open(os.path.join(box, js), encoding="utf-8") as f:
                doc = json.load(f)
            assert doc["sha256"] == sha
            assert verdict == doc["status"], (verdict, doc["status"])
            assert list(counts) == [doc["counts"][k] for k in ("error", "warning", "info")]
            assert agency == doc["agency"], (agency, doc["agency"])
            keys = sorted(k for (k,) in rows(box, "SELECT key FROM findings WHERE submission = ?",
                                               (rid,)))
            assert keys == sorted(f["key"] for f in doc["findings"]), (keys, doc["findings"])
            assert os.path.exists(os.path.join(box, outputs)), outputs
        first = by_archived["archive/市财政局/年报.xlsx"]
        second = by_archived["archive/市财政局/年报.1.xlsx"]
        assert first[9] == "fail" and second[9] == "pass"
        # the seal note and the traditional spelling do not make another agency
        assert second[15] == first[0], (first, second)
        assert by_archived["archive/市教育局/年报.xlsx"][15] is None
        # index.csv, the export, holds the same submissions
        csv_rows = index_rows(box)
        assert sorted(r[7] for r in csv_rows) == sorted(by_archived), csv_rows
        assert {r[7]: r[10] for r in csv_rows if r[10]} == {
            a: r[4] for a, r in by_archived.items() if r[9] != "refused"}
        assert rows(box, "PRAGMA journal_mode")[0][0] == "wal"
        assert rows(box, "PRAGMA user_version")[0][0] == 1
    finally:
        shutil.rmtree(tmp)


@test
def kill_9_leaves_each_submission_registered_once():
    tmp = tmpdir()
    try:
        box = new_box(tmp)
        inbox = os.path.join(box, "inbox")
        src = os.path.join(tmp, "made")
        os.makedirs(src)
        made = []
        for i in range(12):
            p = os.path.join(src, f"{i:02d}.xlsx")
            make_report(p, f"第{i}局", 2024, i + 1, broken=i % 4 == 0)
            made.append(p)
        shas = sorted(sha256_of(p) for p in made)
        rnd = random.Random(14)
        svc = Service(box, "--jobs", "2")
        for i, p in enumerate(made):
            d = os.path.join(inbox, f"单位{i:02d}")
            os.makedirs(d)
            shutil.copy(p, os.path.join(d, ".part"))
            os.rename(os.path.join(d, ".part"), os.path.join(d, "年报.xlsx"))
            if i % 3 == 2:  # kill it in the middle of its work, then again
                time.sleep(rnd.uniform(0.0, 0.15))
                svc.kill()
                svc = Service(box, "--jobs", "2")
        wait_for("the inbox to empty", lambda: inbox_files(box) == [])
        svc.stop()
        got = rows(box, "SELECT sha256, COUNT(*) FROM submissions GROUP BY sha256 ORDER BY sha256")
        assert [s for s, _ in got] == shas, (got, shas)
        assert all(n == 1 for _, n in got), got
        assert rows(box, "SELECT COUNT(*) FROM submissions")[0][0] == 12
        # no finding without its submission, none counted twice
        orphans = rows(box, "SELECT COUNT(*) FROM findings WHERE submission NOT IN "
                            "(SELECT id FROM submissions)")[0][0]
        assert orphans == 0
        fails = rows(box, "SELECT s.id, s.errors, (SELECT COUNT(*) FROM findings f WHERE "
                          "f.submission = s.id AND f.severity = 'error') FROM submissions s")
        assert all(e == n for _, e, n in fails), fails
        assert sorted(r[10] for r in index_rows(box)) == shas
        # the roll-up the service kept through the kills is the one made
        # from scratch
        scratch = os.path.join(tmp, "scratch.xlsx")
        rc, out, err = run("summary", "-o", scratch, box)
        assert rc == 0, err
        kept = os.path.join(box, "outbox", "汇总-2024.xlsx")
        assert sheet_values(kept) == sheet_values(scratch)
    finally:
        shutil.rmtree(tmp)


@test
def damaged_database_stops_the_service_and_keeps_the_inbox():
    tmp = tmpdir()
    try:
        box = new_box(tmp)
        report = os.path.join(box, "inbox", "年报.xlsx")
        make_report(report, "市财政局", 2024)
        before = sha256_of(report)
        db = os.path.join(box, "ogi.sqlite")
        with open(db, "wb") as f:
            f.write(b"this is no database " * 400)
        rc, out, err = run("watch", "--once", "--settle", "0.2", box)
        assert rc == 2, (rc, out, err)
        assert "ogi.sqlite" in err and "损坏" in err, err
        assert inbox_files(box) == ["年报.xlsx"] and sha256_of(report) == before
        assert not os.path.exists(os.path.join(box, "archive", "年报.xlsx"))
        with open(db, "rb") as f:
            assert f.read(20) == b"this is no database "  # not overwritten
        rc, out, err = run("watch", "--once", "--lang", "en", box)
        assert rc == 2 and "damaged" in err, err
    finally:
        shutil.rmtree(tmp)


@test
def database_damaged_while_serving_keeps_the_file_until_repaired():
    tmp = tmpdir()
    try:
        box = new_box(tmp)
        svc = Service(box)
        try:
            db = os.path.join(box, "ogi.sqlite")
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(db + suffix):
                    os.unlink(db + suffix)
            with open(db, "wb") as f:
                f.write(b"\0garbage" * 1000)
            report = os.path.join(box, "inbox", "年报.xlsx")
            make_report(report + ".part", "市财政局", 2024)
            os.rename(report + ".part", report)
            wait_for("the log to say why", lambda: "损坏" in svc.text())
            assert inbox_files(box) == ["年报.xlsx"]
            assert not os.path.exists(os.path.join(box, "archive"))  or \
                os.listdir(os.path.join(box, "archive")) == []
            os.unlink(db)  # the office moves it aside: a new one is made
            wait_for("the file to be done", lambda: inbox_files(box) == [])
            assert rows(box, "SELECT archived FROM submissions") == [("archive/年报.xlsx",)]
        finally:
            svc.stop()
    finally:
        shutil.rmtree(tmp)


@test
def locked_database_delays_but_never_loses():
    tmp = tmpdir()
    try:
        box = new_box(tmp)
        svc = Service(box)
        try:
            # another writer holds the register (a DB browser, a script)
            lock = sqlite3.connect(os.path.join(box, "ogi.sqlite"), isolation_level=None)
            lock.execute("BEGIN IMMEDIATE")
            report = os.path.join(box, "inbox", "年报.xlsx")
            make_report(report + ".part", "市财政局", 2024)
            os.rename(report + ".part", report)
            # readers are not blocked by the writer
            assert rows(box, "SELECT COUNT(*) FROM submissions") == [(0,)]
            wait_for("the log to say it is locked", lambda: "锁定" in svc.text())
            assert inbox_files(box) == ["年报.xlsx"]
            lock.execute("ROLLBACK")
            lock.close()
            wait_for("the file to be done", lambda: inbox_files(box) == [])
            assert rows(box, "SELECT COUNT(*) FROM submissions") == [(1,)]
        finally:
            svc.stop()
    finally:
        shutil.rmtree(tmp)


# ---- the campaign: a roster of 40, files from 30 ----

DEPARTMENTS = [
    "市发展和改革局", "市教育局", "市科学技术局", "市工业和信息化局", "市公安局", "市民政局",
    "市司法局", "市财政局", "市人力资源和社会保障局", "市自然资源局", "市生态环境局",
    "市住房和城乡建设局", "市交通运输局", "市水务局", "市农业农村局", "市商务局",
    "市文化广电旅游局", "市卫生健康委员会", "市退役军人事务局", "市应急管理局", "市审计局",
    "市市场监督管理局", "市统计局", "市医疗保障局", "市林业局", "市城市管理局", "市体育局",
    "市信访局", "市人民防空办公室", "市地方金融监督管理局", "市政务服务数据管理局",
    "市民族宗教事务局", "市档案局", "市机关事务管理局", "市供销合作社", "市粮食和物资储备局",
    "市住房公积金管理中心", "市气象局", "市税务局", "市消防救援支队"]
YEAR = 2024
UNLISTED = "市外事办公室"


class Campaign:
    """A box after a January: roster.csv, 30 agencies' files dropped in two
    rounds (failing ones corrected in the second), processed by ogi watch.
    plan[i] is the list of (inbox path, expected) of agency i in order."""

    def __init__(self):
        self.tmp = tmpdir()
        self.box = new_box(self.tmp)
        self.inbox = os.path.join(self.box, "inbox")
        with open(os.path.join(self.box, "roster.csv"), "w", encoding="utf-8-sig") as f:
            f.write("序号,单位名称,文件夹,分组\n")
            for i, name in enumerate(DEPARTMENTS):
                folder = f"f{i:02d}" if i < 20 else ""
                f.write(f"{i + 1},{name},{folder},{'综合' if i % 2 else '经济'}\n")
        self.plan = {i: [] for i in range(len(DEPARTMENTS))}
        self.unlisted = []
        rounds = [[], []]
        for i, name in enumerate(DEPARTMENTS[:30]):
            folder = f"f{i:02d}" if i < 20 else name
            shown = name
            if i == 2:
                shown = "市科技局"  # not the roster's name: its folder tells
            elif i == 4:
                shown = "市公安局　（盖章）"
            elif i == 22:
                shown = "市統計局"  # traditional
            first_fails = i % 5 == 1
            rounds[0].append((i, folder, shown, first_fails, i % 7 == 3))
            if i % 10 == 1:  # corrected
                rounds[1].append((i, folder, shown, False, False))
        previous = os.path.join(self.box, "previous")
        os.makedirs(previous)
        self.previous = {}
        for r, drops in enumerate(rounds):
            for i, folder, shown, broken, warn in drops:
                d = os.path.join(self.inbox, folder)
                os.makedirs(d, exist_ok=True)
                path = os.path.join(d, "年报.xlsx")
                make_report(path, shown, YEAR, i + 1, broken=broken, warn=warn)
                self.plan[i].append(os.path.relpath(path, self.inbox))
                if r == 0 and i < 10:
                    # last year's box, given once: agency 5's does not
                    # carry over what this year's says
                    last = os.path.join(previous, f"{YEAR - 1}-{i:02d}.xlsx")
                    make_report(last, DEPARTMENTS[i], YEAR - 1, i + 1,
                                carry_from=None if i == 5 else path)
                    self.previous[i] = last
            if r == 0:
                d = os.path.join(self.inbox, "外事办")
                os.makedirs(d)
                make_report(os.path.join(d, "外事办年报.xlsx"), UNLISTED, YEAR, 5)
            rc, out, err = run("watch", "--once", "--settle", "0.2", self.box)
            assert rc == 0, err
        assert inbox_files(self.box) == []

    def reports(self, i):
        """The JSON of each of agency i's submissions, in order."""
        out = []
        for k, rel in enumerate(self.plan[i]):
            stem = rel[: -len(".xlsx")] + ("" if k == 0 else f".{k}")
            with open(os.path.join(self.box, "outbox", stem + ".json"), encoding="utf-8") as f:
                out.append(json.load(f))
        return out

    def expected_status(self, i):
        reports = self.reports(i)
        if not reports:
            return "missing"
        last = reports[-1]
        if last["status"] != "pass":
            return "fail"
        return "pass_warnings" if last["counts"]["warning"] else "pass"


_campaign = []


def campaign():
    if not _campaign:
        _campaign.append(Campaign())
    return _campaign[0]


@test
def status_of_every_agency():
    c = campaign()
    rc, out, err = run("status", "--format", "json", c.box)
    assert rc == 0, err
    doc = json.loads(out)
    assert doc["year"] == YEAR and doc["roster"] is True
    names = [a["agency"] for a in doc["agencies"]]
    assert names == DEPARTMENTS, names
    want = {s: 0 for s in ("missing", "fail", "pass_warnings", "pass")}
    for i, a in enumerate(doc["agencies"]):
        expected = c.expected_status(i)
        want[expected] += 1
        assert a["status"] == expected, (a, expected)
        assert a["submissions"] == len(c.plan[i]), (a, c.plan[i])
        if c.plan[i]:
            last = c.plan[i][-1]
            assert a["outputs"].startswith("outbox/" + os.path.dirname(last) + "/"), a
            assert a["last"] and re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", a["last"])
        else:
            assert a["last"] is None and a["outputs"] is None
    assert doc["counts"] == want, (doc["counts"], want)
    assert want["missing"] == 10 and want["fail"] and want["pass_warnings"] and want["pass"]
    assert [u["agency"] for u in doc["unlisted"]] == [UNLISTED], doc["unlisted"]
    assert doc["unlisted"][0]["status"] == "pass"
    # the text: counts first, then every missing and failing agency by name
    rc, out, err = run("status", c.box)
    assert rc == 0, err
    head = out.splitlines()[0]
    assert head.startswith(f"{YEAR} 年度") and f"未报送 {want['missing']}" in head, head
    for i, a in enumerate(doc["agencies"]):
        listed = re.search(rf"^  {re.escape(a['agency'])}(  |$)", out, re.M) is not None
        assert listed == (a["status"] in ("missing", "fail")), (a["agency"], out)
    assert UNLISTED in out
    rc, out, err = run("status", "--year", str(YEAR - 2), "--format", "json", c.box)
    assert rc == 0 and all(a["status"] == "missing" for a in json.loads(out)["agencies"])


@test
def last_year_checked_without_asking():
    c = campaign()
    for i in range(30):
        final = c.reports(i)[-1]
        year_rules = sorted(f["key"] for f in final["findings"] if f["rule"].startswith("year."))
        archived = os.path.join(c.box, "archive", c.plan[i][-1][: -len(".xlsx")] + (
            "" if len(c.plan[i]) == 1 else f".{len(c.plan[i]) - 1}") + ".xlsx")
        if i not in c.previous or i == 2:
            # agency 2's workbook names it otherwise than last year's (a
            # rename): its roster row, found by its folder, makes them one
            # agency, and its figures carry over last year's: nothing to say,
            # not even year.previous_mismatch
            assert year_rules == [], (i, year_rules)
            continue
        # the same findings as naming last year's report by hand
        rc, out, err = run("check", "--format", "json", "--previous", c.previous[i], archived)
        by_hand = json.loads(out)
        assert sorted(f["key"] for f in final["findings"]) == \
            sorted(f["key"] for f in by_hand["findings"]), (i, final["findings"])
        if i == 5:
            assert any(k.startswith("year.carried") for k in year_rules), year_rules
            shown = "previous/" + os.path.basename(c.previous[i])
            for f in final["findings"]:
                if f["rule"].startswith("year."):
                    assert shown in f["message"], f["message"]
        else:
            assert year_rules == [], (i, year_rules)
    # last year's reports are last year's in the register
    rc, out, err = run("status", "--year", str(YEAR - 1), "--format", "json", c.box)
    doc = json.loads(out)
    assert [a["agency"] for a in doc["agencies"] if a["status"] != "missing"] == DEPARTMENTS[:10]


@test
def last_year_from_the_register_and_from_a_folder():
    tmp = tmpdir()
    try:
        box = new_box(tmp)
        made = os.path.join(tmp, "made")
        os.makedirs(made)
        this = os.path.join(made, "2024.xlsx")
        make_report(this, "市审计局", 2024, 4)
        last = os.path.join(made, "2023.xlsx")
        make_report(last, "市審計局（盖章）", 2023, 4, carry_from=this)
        odd = os.path.join(made, "odd.xlsx")
        make_report(odd, "市审计局", 2024, 5)  # carries nothing of last year's
        # last January's campaign in the same box
        shutil.copy(last, os.path.join(box, "inbox", "审计2023.xlsx"))
        rc, out, err = run("watch", "--once", "--settle", "0.2", box)
        assert rc == 0, err
        shutil.copy(odd, os.path.join(box, "inbox", "审计.xlsx"))
        rc, out, err = run("watch", "--once", "--settle", "0.2", box)
        assert rc == 0, err
        with open(os.path.join(box, "outbox", "审计.json"), encoding="utf-8") as f:
            doc = json.load(f)
        named = [f["message"] for f in doc["findings"] if f["rule"].startswith("year.")]
        assert named and all("archive/审计2023.xlsx" in m for m in named), doc["findings"]
        # ogi check --previous-dir: the folder read once, each file its own
        rc, out, err = run("check", "--format", "json", "--previous-dir", made, this, odd)
        docs = json.loads(out)
        assert [f for f in docs[0]["findings"] if f["rule"].startswith("year.")] == []
        rc2, out2, _ = run("check", "--format", "json", "--previous", last, odd)
        assert sorted(f["key"] for f in docs[1]["findings"]) == \
            sorted(f["key"] for f in json.loads(out2)["findings"])
        assert any(f["rule"] == "year.carried" and last in f["message"]
                   for f in docs[1]["findings"]), docs[1]["findings"]
        rc, out, err = run("check", "--previous-dir", os.path.join(tmp, "nowhere"), this)
        assert rc == 2 and "nowhere" in err, err
    finally:
        shutil.rmtree(tmp)


def column_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def passing_reports(c):
    """(agency name, its latest passing report's JSON) in the roll-up's
    order: the roster's agencies, then the unlisted one."""
    out = []
    for i, name in enumerate(DEPARTMENTS):
        passing = [r for r in c.reports(i) if r["status"] == "pass"]
        if passing:
            out.append((name, passing[-1]))
    with open(os.path.join(c.box, "outbox", "外事办", "外事办年报.json"), encoding="utf-8") as f:
        out.append((UNLISTED, json.load(f)))
    return out


def check_rollup(c, path):
    rc, out, err = run("status", "--format", "json", c.box)
    status = json.loads(out)
    wb = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    assert wb.sheetnames == ["报送情况", "明细", "汇总-表二", "汇总-表三", "汇总-表四",
                             "问题统计"], wb.sheetnames
    # 报送情况: one row per agency, as ogi status says, totals on top
    ws, wc = wb["报送情况"], cached["报送情况"]
    rows = [r for r in wc.iter_rows(min_row=6, values_only=True)]
    agencies = status["agencies"] + status["unlisted"]
    assert [r[1] for r in rows] == [a["agency"] for a in agencies], [r[1] for r in rows]
    words = {"missing": "未报送", "fail": "未通过", "pass_warnings": "通过（有警告）", "pass": "通过"}
    for r, a in zip(rows, agencies):
        assert r[3] == words[a["status"]] and r[4] == a["submissions"], (r, a)
        link = ws.cell(row=rows.index(r) + 6, column=10).hyperlink
        if a["outputs"] and os.path.dirname(path) == os.path.join(c.box, "outbox"):
            # beside the marked-up workbooks: relative, in Windows' form
            assert link and link.target.replace("\\", "/") == a["outputs"][len("outbox/"):], \
                (link and link.target, a["outputs"])
        elif a["outputs"]:
            want = "file://" + os.path.realpath(os.path.join(c.box, a["outputs"]))
            assert link and urllib.parse.unquote(link.target) == want, (link and link.target, want)
        else:
            assert link is None
    totals = [wc.cell(row=3, column=k).value for k in range(2, 6)]
    assert totals == [status["counts"][k] for k in ("pass", "pass_warnings", "fail", "missing")], \
        totals
    assert ws["B3"].value.startswith("=COUNTIF("), ws["B3"].value  # live
    assert ws.auto_filter.ref == f"A5:J{5 + len(agencies)}", ws.auto_filter.ref
    assert ws.freeze_panes == "C6" and ws.page_setup.paperSize == 9
    # 明细: each agency's latest passing report, figure by figure
    reports = passing_reports(c)
    detail = [list(r) for r in cached["明细"].iter_rows(values_only=True)]
    ids = detail[1][1:]
    assert [r[0] for r in detail[2:]] == [n for n, _ in reports], [r[0] for r in detail[2:]]
    for row, (name, doc) in zip(detail[2:], reports):
        for cid, v in zip(ids, row[1:]):
            assert v == doc["cells"][cid]["value"], (name, cid, v, doc["cells"][cid])
    # the statutory tables: live sums over 明细, equal to the sums of the
    # per-file JSON recomputed here
    seen = set()
    for t in ("汇总-表二", "汇总-表三", "汇总-表四"):
        for row in wb[t].iter_rows():
            for cell in row:
                m = re.match(r"=SUM\('明细'!([A-Z]+)3:([A-Z]+)(\d+)\)$", str(cell.value))
                if not m:
                    continue
                assert m.group(1) == m.group(2) and int(m.group(3)) == len(reports) + 2, cell.value
                cid = ids[column_index(m.group(1)) - 2]
                want = sum(doc["cells"][cid]["value"] or 0 for _, doc in reports)
                got = cached[t][cell.coordinate].value
                assert got == want, (t, cell.coordinate, cid, got, want)
                seen.add(cid)
    assert seen == set(ids), set(ids) - seen  # every statutory cell summed once
    # 问题统计: findings of each agency's latest report, by rule
    want = {}
    for i in range(30):
        for f in c.reports(i)[-1]["findings"]:
            want[f["rule"]] = want.get(f["rule"], 0) + 1
    got = {r[0]: r[1] for r in cached["问题统计"].iter_rows(min_row=2, values_only=True) if r[0]}
    assert got == want, (got, want)
    counts = [r[1] for r in cached["问题统计"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert counts == sorted(counts, reverse=True)
    wb.close()
    cached.close()
    with zipfile.ZipFile(path) as z:
        charts = sorted(n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n))
        assert len(charts) == 2, z.namelist()
        text = [z.read(n).decode("utf-8") for n in charts]
        assert any("报送情况" in t for t in text) and any("问题统计" in t for t in text)


@test
def rollup_recomputed_from_each_file():
    c = campaign()
    # the one the service keeps current, and one asked for
    check_rollup(c, os.path.join(c.box, "outbox", f"汇总-{YEAR}.xlsx"))
    out = os.path.join(c.tmp, "汇总 副本.xlsx")
    rc, printed, err = run("summary", "-o", out, c.box)
    assert rc == 0 and printed.strip() == out, (rc, printed, err)
    check_rollup(c, out)


@test
def rollup_keeps_2019_and_2021_apart():
    tmp = tmpdir()
    try:
        box = new_box(tmp)
        make_report(os.path.join(box, "inbox", "新表.xlsx"), "市财政局", 2024, 3)
        wb = openpyxl.load_workbook(os.path.join(HERE, "..", "fixtures", "formats", "excel", "tianjin-2019.xlsx"))
        wb.active["A1"] = "市旅游局2024年政府信息公开工作年度报告"  # the 2019 format, still
        wb.save(os.path.join(box, "inbox", "旧表.xlsx"))
        rc, out, err = run("watch", "--once", "--settle", "0.2", box)
        assert rc == 0, err
        docs = {}
        for name in ("新表", "旧表"):
            with open(os.path.join(box, "outbox", name + ".json"), encoding="utf-8") as f:
                docs[name] = json.load(f)
        assert docs["新表"]["template"] == "ogi-2021" and docs["旧表"]["template"] == "ogi-2019"
        out = os.path.join(tmp, "r.xlsx")
        rc, _, err = run("summary", "--lang", "en", "-o", out, box)
        assert rc == 0, err
        values = sheet_values(out)
        assert "Detail-ogi-2019" in values and "Detail-ogi-2021" in values, list(values)
        for tid, name in (("ogi-2019", "旧表"), ("ogi-2021", "新表")):
            detail = values[f"Detail-{tid}"]
            assert [r[0] for r in detail[2:]] == [docs[name]["agency"]], detail
            for cid, v in zip(detail[1][1:], detail[2][1:]):
                assert v == docs[name]["cells"][cid]["value"], (tid, cid, v)
            totals = [v for t, rows in values.items() if t.startswith("Total ") and t.endswith(tid)
                      for r in rows for v in r if isinstance(v, (int, float))]
            assert totals, list(values)
    finally:
        shutil.rmtree(tmp)


@test
def convert_registers_on_request():
    tmp = tmpdir()
    try:
        box = new_box(tmp)
        a = os.path.join(tmp, "市审计局 年报.xlsx")
        make_report(a, "市审计局", 2024, 2)
        for _ in range(2):  # converted twice, registered once
            rc, out, err = run("convert", "--json", "--register", box, a)
            assert rc == 0, err
        got = rows(box, "SELECT name, archived, sha256, agency, year, verdict, outputs, json "
                        "FROM submissions")
        real = os.path.realpath(a)
        assert got == [(a, real, sha256_of(a), "市审计局", 2024, "pass",
                        real[: -len(".xlsx")] + ".checked.xlsx", real[: -len(".xlsx")] + ".json")], got
        rc, out, err = run("status", "--format", "json", box)
        assert [u["agency"] for u in json.loads(out)["unlisted"]] == ["市审计局"]
        rc, out, err = run("convert", "--register", os.path.join(tmp, "无此目录"), a)
        assert rc == 2 and "ogi.sqlite" in err, err
    finally:
        shutil.rmtree(tmp)


@test
def status_refuses_what_it_cannot_read():
    tmp = tmpdir()
    try:
        rc, out, err = run("status", os.path.join(tmp, "nowhere"))
        assert rc == 2 and "nowhere" in err and "不存在" in err, err
        box = new_box(tmp)
        rc, out, err = run("summary", box)  # nothing registered, no year asked
        assert rc == 2 and "还没有任何报送" in err and not os.path.exists(
            os.path.join(box, "outbox")), (rc, err)
        with open(os.path.join(box, "roster.csv"), "w", encoding="utf-8") as f:
            f.write("name,folder\nx,y\n")
        rc, out, err = run("status", "--lang", "en", box)
        assert rc == 2 and "roster" in err, err
        os.unlink(os.path.join(box, "roster.csv"))
        with open(os.path.join(box, "ogi.sqlite"), "wb") as f:
            f.write(b"garbage " * 600)
        rc, out, err = run("status", box)
        assert rc == 2 and "损坏" in err, err
        rc, out, err = run("status", "--year", "19", box)
        assert rc == 2 and "--year" in err, err
    finally:
        shutil.rmtree(tmp)


def detail_rows(path):
    """The 明细 sheet of a roll-up: {agency: {cell id: value}}, read by openpyxl."""
    rows = sheet_values(path)["明细"]
    ids = rows[1][1:]
    return {r[0]: dict(zip(ids, r[1:])) for r in rows[2:]}


def checked(path):
    """ogi check's JSON of one file: its figures and findings, apart from any box."""
    rc, out, err = run("check", "--format", "json", path)
    assert rc in (0, 1), err
    return json.loads(out)


@test
def previous_folder_registered_with_figures_and_late_report_refreshes_its_year():
    """BOX/previous/ is registered with each report's figures, verdict and
    findings, marked as imports; a late report of last year dropped while
    this year's campaign runs makes (then refreshes) last year's roll-up,
    which holds the import's figures too; imports alone make none."""
    tmp = tmpdir()
    try:
        box = new_box(tmp)
        made = os.path.join(tmp, "made")
        os.makedirs(os.path.join(box, "previous", "2023年"))
        os.makedirs(made)
        imported = os.path.join(box, "previous", "2023年", "财政局.xlsx")
        make_report(imported, "市财政局", YEAR - 1, 2)
        broken = os.path.join(box, "previous", "2023年", "卫健委.xlsx")
        make_report(broken, "市卫健委", YEAR - 1, 3, broken=True)
        paths = {}
        for name, agency, year, scale in (("教育", "市教育局", YEAR, 2), ("交通", "市交通局", YEAR - 1, 3),
                                          ("水务", "市水务局", YEAR - 1, 5)):
            paths[agency] = os.path.join(made, f"{name}.xlsx")
            make_report(paths[agency], agency, year, scale)
        s = Service(box)
        # the imports: figures, verdict, findings as ogi check gives them
        got = rows(box, "SELECT id, submitter, archived, verdict, errors FROM submissions ORDER BY id")
        assert [(g[1], g[2]) for g in got] == [("", "previous/2023年/卫健委.xlsx"),
                                               ("", "previous/2023年/财政局.xlsx")], got
        for (sid, _, archived, verdict, errors), path in zip(got, (broken, imported)):
            doc = checked(path)
            want = {k: v["value"] for k, v in doc["cells"].items()}
            have = dict(rows(box, "SELECT cell, value FROM cell_values WHERE submission = ?", (sid,)))
            assert have and {k: want.get(k) for k in have} == have, (archived, have, want)
            keys = sorted(r[0] for r in rows(box, "SELECT key FROM findings WHERE submission = ?",
                                             (sid,)))
            assert keys == sorted(f["key"] for f in doc["findings"]), (keys, doc["findings"])
            assert verdict == doc["status"] and errors == doc["counts"]["error"], (verdict, doc)
        assert got[0][3] == "fail" and got[1][3] == "pass"
        # this year's campaign: its roll-up, and none of last year's yet
        os.makedirs(os.path.join(box, "inbox", "教育"))
        shutil.copy(paths["市教育局"], os.path.join(box, "inbox", "教育", "年报.xlsx"))
        this_year = os.path.join(box, "outbox", f"汇总-{YEAR}.xlsx")
        last_year = os.path.join(box, "outbox", f"汇总-{YEAR - 1}.xlsx")
        wait_for("this year's roll-up", lambda: os.path.exists(this_year))
        s.stop()  # waits for the roll-up's child: it decided about last year
        assert not os.path.exists(last_year), "imports alone made last year's roll-up"
        # a late report of last year: last year's roll-up is made, with the import's figures
        s = Service(box)
        os.makedirs(os.path.join(box, "inbox", "交通"))
        shutil.copy(paths["市交通局"], os.path.join(box, "inbox", "交通", "年报.xlsx"))
        wait_for("last year's roll-up", lambda: os.path.exists(last_year))
        detail = detail_rows(last_year)
        assert sorted(detail) == ["市交通局", "市财政局"], sorted(detail)
        for agency, path in (("市交通局", paths["市交通局"]), ("市财政局", imported)):
            doc = checked(path)
            for cid, v in detail[agency].items():
                assert v == doc["cells"][cid]["value"], (agency, cid, v)
        assert sorted(detail_rows(this_year)) == ["市教育局"]
        # another: the roll-up of last year, older than it now, is made again
        os.makedirs(os.path.join(box, "inbox", "水务"))
        shutil.copy(paths["市水务局"], os.path.join(box, "inbox", "水务", "年报.xlsx"))

        def refreshed():
            try:
                return "市水务局" in detail_rows(last_year)
            except (OSError, KeyError, zipfile.BadZipFile):
                return False
        wait_for("last year's roll-up refreshed", refreshed)
        sums = sheet_values(last_year)
        assert sorted(detail_rows(last_year)) == ["市交通局", "市水务局", "市财政局"]
        # its statutory tables: the sums of the three reports' figures
        docs = [checked(p) for p in (paths["市交通局"], paths["市水务局"], imported)]
        total = sum(d["cells"]["t3.new.person"]["value"] or 0 for d in docs)
        assert any(total in r for r in sums["汇总-表三"]), total
        assert sorted(detail_rows(this_year)) == ["市教育局"]
        s.stop()
        status = json.loads(run("status", "--year", str(YEAR - 1), "--format", "json", box)[1])
        assert sorted(a["agency"] for a in status["unlisted"]) == \
            ["市交通局", "市卫健委", "市水务局", "市财政局"], status
    finally:
        shutil.rmtree(tmp)


def year_keys(doc):
    return sorted(f["key"] for f in doc["findings"] if f["rule"].startswith("year."))


@test
def last_year_found_across_a_rename():
    """An agency renamed since last year (市科技局 -> 市科学技术局) is the
    same agency when it is the same roster row (by name or 文件夹), or,
    without a roster row, the same submitter folder: the year.* rules run
    against last year's report and name it, exactly as when the names
    agree. Another agency's report is never taken."""
    tmp = tmpdir()
    try:
        made = os.path.join(tmp, "made")
        os.makedirs(made)
        this = os.path.join(made, "this.xlsx")
        make_report(this, "市科学技术局", YEAR, 4)
        last = os.path.join(made, "科技2023.xlsx")
        make_report(last, "市科技局", YEAR - 1, 4, carry_from=this)
        odd = os.path.join(made, "科技.xlsx")
        make_report(odd, "市科学技术局", YEAR, 5)  # carries nothing of last year's
        # the oracle: the same figures last year under this year's name
        same_name = os.path.join(made, "same-name.xlsx")
        make_report(same_name, "市科学技术局", YEAR - 1, 4, carry_from=this)
        rc, out, err = run("check", "--format", "json", "--previous", same_name, odd)
        want = year_keys(json.loads(out))
        assert want and not [k for k in want if k.startswith("year.previous_mismatch")], want
        stats = os.path.join(made, "统计2023.xlsx")
        make_report(stats, "市统计局", YEAR - 1, 4, carry_from=this)
        other = os.path.join(made, "统计.xlsx")
        make_report(other, "市统计信息局", YEAR, 5)
        # a folder two agencies shared last year tells nothing of a new name in it
        shared = {}
        for name, agency in (("档案", "市档案局"), ("气象", "市气象局")):
            shared[name] = os.path.join(made, f"{name}2023.xlsx")
            make_report(shared[name], agency, YEAR - 1, 4, carry_from=this)
        archives = os.path.join(made, "档案馆.xlsx")
        make_report(archives, "市档案馆", YEAR, 5)
        for roster in ("单位,文件夹\n市科学技术局,科技\n市统计局,统计\n", None):
            box = new_box(tmp, "box-roster" if roster else "box-folders")
            if roster:
                with open(os.path.join(box, "roster.csv"), "w", encoding="utf-8") as f:
                    f.write(roster)
            for folder, path in (("科技", last), ("统计", stats)):
                os.makedirs(os.path.join(box, "inbox", folder))
                shutil.copy(path, os.path.join(box, "inbox", folder, "2023年报.xlsx"))
            os.makedirs(os.path.join(box, "inbox", "综合"))
            for name, path in shared.items():
                shutil.copy(path, os.path.join(box, "inbox", "综合", f"{name}2023.xlsx"))
            rc, out, err = run("watch", "--once", "--settle", "0.2", box)
            assert rc == 0, err
            # this year: the renamed agency in its folder; another agency
            # under a new name in a folder of its own
            shutil.copy(odd, os.path.join(box, "inbox", "科技", "年报.xlsx"))
            os.makedirs(os.path.join(box, "inbox", "其他"))
            shutil.copy(other, os.path.join(box, "inbox", "其他", "年报.xlsx"))
            shutil.copy(archives, os.path.join(box, "inbox", "综合", "档案馆.xlsx"))
            rc, out, err = run("watch", "--once", "--settle", "0.2", box)
            assert rc == 0, err
            with open(os.path.join(box, "outbox", "科技", "年报.json"), encoding="utf-8") as f:
                doc = json.load(f)
            assert year_keys(doc) == want, (roster, year_keys(doc), want)
            named = [f["message"] for f in doc["findings"] if f["rule"].startswith("year.")]
            assert all("archive/科技/2023年报.xlsx" in m for m in named), named
            with open(os.path.join(box, "outbox", "其他", "年报.json"), encoding="utf-8") as f:
                assert year_keys(json.load(f)) == [], "another agency's report was taken"
            with open(os.path.join(box, "outbox", "综合", "档案馆.json"), encoding="utf-8") as f:
                assert year_keys(json.load(f)) == [], "a shared folder's report was taken"
    finally:
        shutil.rmtree(tmp)


try:
    finish()
finally:
    if _campaign:
        shutil.rmtree(_campaign[0].tmp)
