#!/usr/bin/python3
"""End-to-end tests of `ogi watch`: the real service on a real folder.

Each scenario runs twice: with inotify (the default on a local disk) and
polling (`--poll 1`). Files arrive by cp, by mv (a file and a whole folder),
written slowly in chunks, from several submitters at once, bad files among
good ones; the service is killed with SIGKILL and restarted, and stopped
with SIGTERM. Afterwards every submission must be in archive/ or failed/
exactly once, byte-identical, with its outputs (read back with openpyxl and
json), and the inbox empty. Waits poll for the expected state with a
deadline; nothing depends on how long anything takes.
"""
import csv
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile

import openpyxl
from harness import WRAP, results

OGI = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/ogi")
SAMPLES = sorted(os.path.abspath(p) for p in
                 __import__("glob").glob("samples/*.xls"))
DEADLINE = 120 if WRAP else 40  # seconds; valgrind is slow
SETTLE = "0.5"
MODES = {"inotify": [], "poll": ["--poll", "1"]}
SHEET_EXTS = (".xls", ".xlsx", ".xlsm", ".ods", ".et")


def test(fn):
    name = fn.__name__
    t0 = time.monotonic()
    try:
        skipped = fn()
        if skipped:  # not a pass: said so, and not counted
            print(f"[ SKIP ] {name}: {skipped}", flush=True)
        else:
            results["passed"] += 1
            print(f"[ PASS ] {name}", flush=True)
    except AssertionError as e:
        results["failed"] += 1
        print(f"[ FAIL ] {name}: {e}", flush=True)
    except Exception as e:  # a crash of the test itself is a failure too
        results["failed"] += 1
        print(f"[ FAIL ] {name}: {type(e).__name__}: {e}", flush=True)
    finally:
        if os.environ.get("OGI_TEST_TIMES"):
            print(f"         {name}: {time.monotonic() - t0:.1f} s", flush=True)
    return fn


def wait_for(what, cond, deadline=DEADLINE):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if cond():
            return
        time.sleep(0.05)
    assert cond(), f"timed out waiting for {what}"


def sample_bytes(i):
    with open(SAMPLES[i % len(SAMPLES)], "rb") as f:
        return f.read()


_status_cache = {}


def library_status(data):
    """What `ogi check` says of these bytes: the watch must agree."""
    key = hashlib.sha256(data).hexdigest()
    if key not in _status_cache:
        _status_cache[key] = _library_status(data)
    return _status_cache[key]


def _library_status(data):
    with tempfile.NamedTemporaryFile(suffix=".xls") as f:
        f.write(data)
        f.flush()
        p = subprocess.run([OGI, "check", "--format", "json", "--lang", "en", f.name],
                           capture_output=True, timeout=60)
        doc = json.loads(p.stdout.decode("utf-8"))
        return doc["status"], p.stderr.decode("utf-8")


class Service:
    def __init__(self, box, mode, *extra):
        self.box, self.mode = box, mode
        self.log = os.path.join(os.path.dirname(box), "watch.log")
        self.start(*extra)

    def start(self, *extra):
        self.lines_before = len(self.lines())
        out = open(self.log, "a")
        self.proc = subprocess.Popen(
            WRAP + [OGI, "watch", "--settle", SETTLE, "--verbose"]
            + MODES[self.mode] + list(extra) + [self.box],
            stdout=out, stderr=subprocess.STDOUT)
        out.close()
        wait_for("the service to start", lambda: any(
            "监视" in l for l in self.lines()[self.lines_before:]))

    def lines(self):
        if not os.path.exists(self.log):
            return []
        with open(self.log, encoding="utf-8", errors="replace") as f:
            return f.read().splitlines()

    def processed(self):
        return [l for l in self.lines() if re.search(r"：(通过|未通过|无法审核)（", l)]

    def stop(self, sig=signal.SIGTERM):
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=DEADLINE)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError("the service did not stop")


def inbox_left(box):
    """Submissions still in the inbox (ignored names and links aside)."""
    left = []
    for root, dirs, files in os.walk(os.path.join(box, "inbox")):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for f in files:
            p = os.path.join(root, f)
            if os.path.islink(p) or f.startswith((".", "~$")) or f.endswith(".tmp"):
                continue
            left.append(os.path.relpath(p, os.path.join(box, "inbox")))
    return sorted(left)


def files_under(d):
    out = {}
    for root, _, files in os.walk(d):
        for f in files:
            p = os.path.join(root, f)
            out[os.path.relpath(p, d)] = p
    return out


def split_ext(rel):
    head, base = os.path.split(rel)
    dot = base.rfind(".")
    if dot <= 0:
        return rel, ""
    return os.path.join(head, base[:dot]), base[dot:]


def numbered(rel, k):
    if k == 0:
        return rel
    stem, ext = split_ext(rel)
    return f"{stem}.{k}{ext}"


def output_stem(rel, k):
    base = rel
    for ext in SHEET_EXTS:
        if rel.lower().endswith(ext):
            base = rel[: -len(ext)]
            break
    return base if k == 0 else f"{base}.{k}"


def verdict_of(path):
    """The marked-up workbook opens on 审核结果 (Check results with --lang en),
    its verdict in D2 (spec §9); returned as 通过 or 未通过."""
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        first = wb.sheetnames[0]
        assert first in ("审核结果", "Check results"), f"{path}: first sheet {first!r}"
        got = wb[first]["D2"].value
        return {"PASS": "通过", "FAIL": "未通过"}.get(got, got) if first == "Check results" else got
    finally:
        wb.close()


def check_final(box, subs, ignored=()):
    """subs: list of (rel, bytes) submitted, in order."""
    assert inbox_left(box) == [], f"inbox not empty: {inbox_left(box)}"
    for rel in ignored:
        assert os.path.lexists(os.path.join(box, "inbox", rel)), f"ignored {rel} was moved"
    stored = {}
    for top in ("archive", "failed"):
        for rel, p in files_under(os.path.join(box, top)).items():
            if top == "failed" and rel.endswith(".txt"):
                continue
            stored[f"{top}/{rel}"] = p
    assert len(stored) == len(subs), \
        f"{len(subs)} submissions but {len(stored)} originals kept: {sorted(stored)}"
    with open(os.path.join(box, "outbox", "index.csv"), encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))[1:]
    originals = [r[7] for r in rows]
    claimed = set()
    for rel, data in subs:
        found = None
        for k in range(len(subs) + 1):
            for top in ("archive", "failed"):
                key = f"{top}/{numbered(rel, k)}"
                if key in stored and key not in claimed:
                    with open(stored[key], "rb") as f:
                        if f.read() == data:
                            found = (top, k, key)
                            break
            if found:
                break
        assert found, f"{rel}: not kept byte-identical in archive/ or failed/"
        top, k, key = found
        claimed.add(key)
        assert originals.count(key) == 1, f"{key}: {originals.count(key)} rows in index.csv"
        status, _ = library_status(data)
        if top == "failed":
            assert status in ("unreadable", "no_tables"), f"{rel}: refused but ogi check says {status}"
            with open(os.path.join(box, key + ".txt"), encoding="utf-8") as f:
                why = f.read()
            assert "原因：" in why and "Reason: " in why, f"{key}.txt: {why!r}"
            continue
        assert status in ("pass", "fail"), f"{rel}: archived but ogi check says {status}"
        stem = os.path.join(box, "outbox", output_stem(rel, k))
        with open(stem + ".json", encoding="utf-8") as f:
            doc = json.load(f)
        assert doc["sha256"] == hashlib.sha256(data).hexdigest(), f"{stem}.json: sha256 differs"
        assert doc["status"] == status, f"{stem}.json: {doc['status']} != {status}"
        word = "通过" if status == "pass" else "未通过"
        got = verdict_of(stem + ".checked.xlsx")
        assert got == word, f"{stem}.checked.xlsx: verdict {got!r}, JSON says {status}"
    for top in ("outbox", "failed", "archive"):
        for rel in files_under(os.path.join(box, top)):
            name = os.path.basename(rel)
            assert not (name.startswith(".") and name.endswith(".tmp")), f"temporary file left: {top}/{rel}"


def new_box():
    d = tempfile.mkdtemp(prefix="ogi-watch-test-")
    return d, os.path.join(d, "box")


def drop(box, rel, data):
    p = os.path.join(box, "inbox", rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(data)


def slow_write(path, data, chunks, pause, go_on=None):
    """Writes data in chunks, the file held open all along; with go_on, the
    last chunk waits for it."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    step = len(data) // chunks + 1
    with open(path, "wb") as f:
        for i in range(0, len(data), step):
            if go_on is not None and i + step >= len(data):
                go_on.wait(DEADLINE)
            f.write(data[i:i + step])
            f.flush()
            time.sleep(pause)


def fake_xlsx():
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    return buf.getvalue()


def arrivals(mode):
    tmp, box = new_box()
    try:
        svc = Service(box, mode)
        inbox = os.path.join(box, "inbox")
        stage = os.path.join(tmp, "stage")
        os.makedirs(os.path.join(stage, "整个文件夹"))
        subs = []
        # cp
        shutil.copyfile(SAMPLES[0], os.path.join(inbox, "复制.xls"))
        subs.append(("复制.xls", sample_bytes(0)))
        # mv of a file, and of a whole folder (files inside before the watch)
        shutil.copyfile(SAMPLES[1], os.path.join(stage, "moved.xls"))
        os.rename(os.path.join(stage, "moved.xls"), os.path.join(inbox, "moved.xls"))
        subs.append(("moved.xls", sample_bytes(1)))
        for i in range(3):
            shutil.copyfile(SAMPLES[i], os.path.join(stage, "整个文件夹", f"f{i}.xls"))
            subs.append((f"整个文件夹/f{i}.xls", sample_bytes(i)))
        os.rename(os.path.join(stage, "整个文件夹"), os.path.join(inbox, "整个文件夹"))
        # editors' and tools' files, and a link: never taken
        ignored = ["~$other.xls", ".~lock.other.xls#", "upload.xls.tmp", ".hidden.xls", "link.xls"]
        for name in ignored[:-1]:
            drop(box, name, b"not a submission")
        os.symlink(SAMPLES[0], os.path.join(inbox, "link.xls"))
        # a document open in LibreOffice: taken once its lock file goes
        drop(box, ".~lock.locked.xls#", b"lock")
        drop(box, "locked.xls", sample_bytes(2))
        subs.append(("locked.xls", sample_bytes(2)))
        # several submitters at once, slow writers and bad files among them
        threads = []
        for s in range(3):
            who = f"单位{s}"
            for i in range(4):
                data = sample_bytes(s + i)
                subs.append((f"{who}/{i}.xls", data))
            threads.append(threading.Thread(target=lambda who=who, s=s: [
                drop(box, f"{who}/{i}.xls", sample_bytes(s + i)) for i in range(4)]))
        # two names whose outputs would collide (表.checked.xlsx), at once
        for i, name in enumerate(["同名/表.xls", "同名/表.XLS"]):
            subs.append((name, sample_bytes(i)))
            threads.append(threading.Thread(target=drop, args=(box, name, sample_bytes(i))))
        slow = sample_bytes(3)
        subs.append(("慢/slow.xls", slow))
        threads.append(threading.Thread(target=slow_write, args=(
            os.path.join(inbox, "慢", "slow.xls"), slow, 8, 0.1)))
        bad = [("单位0/坏.xls", bytes((i * 7919 + 13) % 256 for i in range(4096))),
               ("单位1/empty.xls", b""),
               ("单位2/表.xlsx", fake_xlsx()),
               ("单位2/截断.xls", sample_bytes(0)[:5000])]
        for rel, data in bad:
            subs.append((rel, data))
            threads.append(threading.Thread(target=drop, args=(box, rel, data)))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        names = {rel for rel, _ in subs if rel != "locked.xls"}
        wait_for("every submission to leave the inbox",
                 lambda: not names & set(inbox_left(box)))
        assert "locked.xls" in inbox_left(box), "a file open in an editor was taken"
        os.unlink(os.path.join(inbox, ".~lock.locked.xls#"))
        wait_for("locked.xls once its lock is gone", lambda: inbox_left(box) == [])
        # the same name again: archived beside the first, never over it
        shutil.copyfile(SAMPLES[3], os.path.join(inbox, "复制.xls"))
        subs.append(("复制.xls", sample_bytes(3)))
        wait_for("the second 复制.xls", lambda: os.path.exists(os.path.join(box, "archive", "复制.1.xls")))
        assert svc.stop() == 0, "SIGTERM: exit status not 0"
        ignored.remove(".~lock.other.xls#")
        check_final(box, subs, ignored + [".~lock.other.xls#"])
        assert os.path.exists(os.path.join(box, "outbox", "复制.1.checked.xlsx"))
        stems = sorted(f for f in os.listdir(os.path.join(box, "outbox", "同名")) if f.endswith(".json"))
        assert stems == ["表.1.json", "表.json"], stems
        # what the library refuses, the submitter is told why
        _, why = library_status(fake_xlsx())
        with open(os.path.join(box, "failed", "单位2", "表.xlsx.txt"), encoding="utf-8") as f:
            txt = f.read()
        reason = why.split(": ", 2)[-1].strip()
        assert reason and reason in txt, f"表.xlsx.txt does not say {reason!r}: {txt!r}"
        lines = svc.lines()
        assert lines[-1].endswith("已停止"), lines[-1]
        assert sum("单位0/坏.xls：无法审核" in l for l in lines) == 1, "bad file not logged once"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def growing(mode):
    tmp, box = new_box()
    try:
        svc = Service(box, mode)
        data = sample_bytes(1)
        go_on = threading.Event()
        path = os.path.join(box, "inbox", "正在写.xls")
        writer = threading.Thread(target=slow_write, args=(path, data, 60, 0.02, go_on))
        writer.start()
        wait_for("the file to appear", lambda: os.path.exists(path))
        # another file arrives and is done while the first still grows
        drop(box, "marker.xls", sample_bytes(0))
        wait_for("marker.xls", lambda: not os.path.exists(os.path.join(box, "inbox", "marker.xls")))
        if mode == "poll":
            scans = sum("扫描：" in l for l in svc.lines())
            wait_for("two more scans", lambda: sum("扫描：" in l for l in svc.lines()) >= scans + 2)
        assert os.path.exists(path), "a file still being written was taken"
        assert not os.path.exists(os.path.join(box, "failed", "正在写.xls")), "refused while growing"
        go_on.set()
        writer.join()
        wait_for("the finished file", lambda: inbox_left(box) == [])
        assert svc.stop(signal.SIGINT if mode == "poll" else signal.SIGTERM) == 0
        check_final(box, [("正在写.xls", data), ("marker.xls", sample_bytes(0))])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def killed(mode):
    tmp, box = new_box()
    try:
        subs = []

        def submit(n, tag):
            for i in range(n):
                rel = f"单位{i % 4}/{tag}-{i}.xls"
                data = sample_bytes(i) if i % 7 else b"junk" * (i + 1)
                drop(box, rel, data)
                subs.append((rel, data))

        submit(20, "backlog")  # there before the service starts
        svc = Service(box, mode)
        for round_ in range(3):
            done = len(svc.processed())
            wait_for("some progress", lambda: len(svc.processed()) >= done + 2 + round_)
            svc.stop(signal.SIGKILL)
            submit(5, f"round{round_}")
            svc.start()
        wait_for("everything", lambda: inbox_left(box) == [])
        assert svc.stop() == 0
        check_final(box, subs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@test
def test_inotify_cp_mv_slow_submitters_bad_files():
    arrivals("inotify")


@test
def test_poll_cp_mv_slow_submitters_bad_files():
    arrivals("poll")


@test
def test_inotify_growing_file_is_not_taken():
    growing("inotify")


@test
def test_poll_growing_file_is_not_taken():
    growing("poll")


@test
def test_inotify_sigkill_and_restart_lose_nothing():
    killed("inotify")


@test
def test_poll_sigkill_and_restart_lose_nothing():
    killed("poll")


@test
def test_inotify_queue_overflow_rescans():
    """Events lost to a full kernel queue: the files arriving then are found
    by the rescan that IN_Q_OVERFLOW triggers."""
    with open("/proc/sys/fs/inotify/max_queued_events") as f:
        queue = int(f.read())
    tmp, box = new_box()
    try:
        svc = Service(box, "inotify")
        svc.proc.send_signal(signal.SIGSTOP)
        inbox = os.path.join(box, "inbox")
        # each rename of an ignored dot file queues two events (moved from, to)
        a, b = os.path.join(inbox, ".junk-a"), os.path.join(inbox, ".junk-b")
        open(a, "w").close()
        for i in range(queue // 2 + 100):
            os.rename(a, b)
            a, b = b, a
        subs = [(f"溢出{i}.xls", sample_bytes(i)) for i in range(3)]
        for rel, data in subs:
            drop(box, rel, data)  # their events no longer fit in the queue
        svc.proc.send_signal(signal.SIGCONT)
        wait_for("the files whose events were lost",
                 lambda: not {r for r, _ in subs} & set(inbox_left(box)))
        assert any("queue overflow" in l or "队列溢出" in l for l in svc.lines()), "overflow not logged"
        assert svc.stop() == 0
        check_final(box, subs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def hold(folder, on):
    """Makes folder refuse removals, as a Windows client holding its files
    open does on a share: chattr +a as root (root ignores modes), else the
    mode. False when the filesystem cannot."""
    if os.geteuid() == 0:
        return subprocess.run(["chattr", "+a" if on else "-a", folder],
                              capture_output=True).returncode == 0
    os.chmod(folder, 0o555 if on else 0o755)
    return True


def held_original():
    tmp, box = new_box()
    held = os.path.join(box, "inbox", "held")
    try:
        subs = [("held/a.xls", sample_bytes(0)), ("held/b.xls", b"not a workbook" * 100)]
        for rel, data in subs:
            drop(box, rel, data)
        if not hold(held, True):
            return "chattr unsupported here"
        svc = Service(box, "inotify")
        wait_for("the outputs", lambda: os.path.exists(os.path.join(box, "outbox", "held", "a.checked.xlsx"))
                 and os.path.exists(os.path.join(box, "failed", "held", "b.xls.txt")))
        wait_for("the moves to be refused", lambda: sum("暂时无法移走原件" in l for l in svc.lines()) >= 2)
        assert sorted(inbox_left(box)) == ["held/a.xls", "held/b.xls"], inbox_left(box)
        hold(held, False)
        wait_for("the moves, retried", lambda: inbox_left(box) == [])
        assert svc.stop() == 0
        check_final(box, subs)
        lines = svc.lines()
        for rel, _ in subs:
            # checked once: the retries only move it, nothing reads it again
            assert len([l for l in svc.processed() if f" {rel}：" in l]) == 1, lines
            assert any(f"{rel}：原件终于移至" in l for l in lines), lines
        return None
    finally:
        hold(held, False)
        shutil.rmtree(tmp, ignore_errors=True)


@test
def test_original_held_is_moved_later_not_read_again():
    return held_original()


@test
def test_sigterm_finishes_then_once_does_the_rest():
    tmp, box = new_box()
    try:
        subs = []
        for i in range(12):
            subs.append((f"s/{i}.xls", sample_bytes(i)))
            drop(box, *subs[-1])
        svc = Service(box, "inotify")
        wait_for("the first file", lambda: len(svc.processed()) >= 1)
        # one service per box
        p = subprocess.run([OGI, "watch", "--lang", "en", box], capture_output=True, timeout=60)
        assert p.returncode == 2 and "already" in p.stderr.decode(), (p.returncode, p.stderr)
        assert svc.stop(signal.SIGTERM) == 0
        assert svc.lines()[-1].endswith("已停止"), svc.lines()[-1]
        # what is left is untouched
        for rel, data in subs:
            p = os.path.join(box, "inbox", rel)
            if os.path.exists(p):
                with open(p, "rb") as f:
                    assert f.read() == data, f"{rel} changed in the inbox"
        for i in range(3):  # arrived while no service ran
            subs.append((f"later/{i}.xls", sample_bytes(i)))
            drop(box, *subs[-1])
        left = inbox_left(box)
        log = os.path.join(tmp, "once.log")
        p = subprocess.run(WRAP + [OGI, "watch", "--once", "--settle", SETTLE, "--lang", "en",
                                   "--log", log, box], capture_output=True, timeout=DEADLINE)
        assert p.returncode == 0, p.stderr
        check_final(box, subs)
        with open(log, encoding="utf-8") as f:
            lines = f.read().splitlines()
        for rel in left:
            assert any(re.search(re.escape(rel) + r": (PASS \(errors|FAIL \(errors|REFUSED \()", l) for l in lines), \
                f"{rel} not in the English --log: {lines}"
        assert lines[-1].endswith("stopped"), lines[-1]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@test
def test_bad_usage():
    p = subprocess.run([OGI, "watch", "--poll", "x", "/tmp"], capture_output=True, timeout=60)
    assert p.returncode == 2 and "选项错误" in p.stderr.decode(), p.stderr
    p = subprocess.run([OGI, "watch", "--lang", "en"], capture_output=True, timeout=60)
    assert p.returncode == 2 and "BOX" in p.stderr.decode(), p.stderr
    p = subprocess.run([OGI, "watch", "--help"], capture_output=True, timeout=60)
    assert p.returncode == 0 and "--poll" in p.stdout.decode(), p.stdout
    with tempfile.TemporaryDirectory() as d:
        box = os.path.join(d, "box")
        for bad in (["--jobs", "0"], ["--settle", "-1"], ["--poll", "0"], ["--previous", "x.xls"]):
            p = subprocess.run([OGI, "watch", *bad, box], capture_output=True, timeout=60)
            assert p.returncode == 2, (bad, p.returncode)
            assert not os.path.exists(box), f"{bad}: the box was created all the same"


print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
