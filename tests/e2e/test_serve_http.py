#!/usr/bin/python3
"""End-to-end tests of `ogi serve` at the HTTP level, with plain sockets
and http.client (no browser, so they run under valgrind too).

Every refusal is checked twice: the status the client gets, and that the
box holds exactly what it held before (nothing in inbox/, outbox/,
archive/, failed/, .serve/tmp/, no register row). Then 50 uploads at
once (each answered, each registered exactly once, the server's memory
flat), and kill -9 of the server while uploads run, then a restart
(nothing registered twice, no half-written output, every acknowledged
upload present).
"""
import csv
import glob
import hashlib
import http.client
import json
import os
import random
import re
import shutil
import signal
import select
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zipfile

import serve_process
from harness import WRAP, finish, test
from serve_process import stop_server

OGI = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/ogi")
FAILING = os.path.abspath("samples/foshan-2019.xls")
PASSING = os.path.abspath("samples/tianjin-2019.xls")
SLOW = 4 if WRAP else 1  # valgrind makes everything slower


def start_server(box, *extra):
    """ogi serve on a free port chosen by the kernel: (process, port)."""
    return serve_process.start_server(OGI, box, *extra, wait=60 * SLOW)


def multipart(fields, file_name=None, data=b""):
    boundary = "ogiTestBoundary" + "%016x" % random.getrandbits(64)
    out = b""
    for k, v in fields:
        out += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n"
                ).encode() + v.encode("utf-8") + b"\r\n"
    if file_name is not None:
        out += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
                f"filename=\"{file_name}\"\r\nContent-Type: application/vnd.ms-excel\r\n\r\n"
                ).encode("utf-8") + data + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return out, f"multipart/form-data; boundary={boundary}"


def request(port, method, path, body=None, headers=None, timeout=120):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout * SLOW)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, dict(r.getheaders()), data


# What a server at its connection limit (4 x --max-uploads + 16) does to
# one more connection: closes it before reading a byte, without an answer.
REFUSED_CONNECTION = (ConnectionResetError, http.client.RemoteDisconnected, BrokenPipeError)


def request_retrying(port, method, path, body=None, headers=None, refused=None):
    """request(), again after a pause while the server refuses the connection
    (as a person reloads); refused (a list) gets one entry per refusal. Safe
    for an upload: a refused connection was never read, and a submission
    registered twice would show in the tests' exact counts."""
    while True:
        try:
            return request(port, method, path, body, headers)
        except REFUSED_CONNECTION as e:
            if refused is None:
                raise
            refused.append(type(e).__name__)
            time.sleep(random.uniform(0.05, 0.3))


def csrf(port, refused=None):
    """The form token: the cookie the upload page sets, and repeats."""
    status, headers, _ = request_retrying(port, "GET", "/", refused=refused)
    assert status == 200, status
    cookie = headers["Set-Cookie"].split(";")[0]
    assert cookie.startswith("ogi_csrf=")
    return cookie, cookie.split("=", 1)[1]


def upload(port, agency, name, data, token=None, retry_busy=False, refused=None):
    """POST /upload. retry_busy: again while the answer is 503; refused (a
    list): again while the connection is refused (request_retrying)."""
    cookie, value = token or csrf(port, refused)
    body, ctype = multipart([("csrf", value), ("agency", agency)], name, data)
    while True:
        status, headers, page = request_retrying(port, "POST", "/upload", body,
                                                 {"Content-Type": ctype, "Cookie": cookie},
                                                 refused)
        if status == 503 and retry_busy:
            assert headers.get("Retry-After"), headers
            time.sleep(random.uniform(0.05, 0.3))
            continue
        return status, headers, page


def tree(box):
    """Every file of the box that a submission or an upload could leave."""
    out = {}
    for root, _, files in os.walk(box):
        for f in files:
            p = os.path.join(root, f)
            rel = os.path.relpath(p, box)
            if rel in ("serve.token", ".ogi-watch.lock"):
                continue
            out[rel] = os.path.getsize(p)
    return out


def index_rows(box):
    path = os.path.join(box, "outbox", "index.csv")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def read(path):
    with open(path, "rb") as f:
        return f.read()


class Box:
    """A fresh box with a server on it."""

    def __init__(self, *extra):
        self.work = tempfile.mkdtemp(prefix="ogi serve http 测试 ")
        self.box = os.path.join(self.work, "box")
        self.extra = extra
        self.server, self.port = start_server(self.box, *extra)

    def restart(self):
        self.server, self.port = start_server(self.box, *self.extra)

    def close(self):
        if self.server.poll() is None:
            stop_server(self.server)
        shutil.rmtree(self.work, ignore_errors=True)


def refusals():
    b = Box("--max-file-size", "200000", "--timeout", str(2 * SLOW), "--max-uploads", "1")
    try:
        port, box = b.port, b.box
        sample = read(PASSING)
        before = tree(box)

        def nothing_written(what):
            assert tree(box) == before, f"{what} left {set(tree(box)) ^ set(before)}"
            assert not os.listdir(os.path.join(box, ".serve", "tmp")), what

        @test
        def oversized_upload_is_refused_413():
            status, _, _ = upload(port, "市统计局", "big.xls", b"\0" * 300000, retry_busy=True)
            assert status == 413, status
            nothing_written("an oversized upload")

        @test
        def oversized_upload_without_length_is_cut():
            # chunked: no Content-Length to refuse it by; refused as it grows
            cookie, value = csrf(port)
            body, ctype = multipart([("csrf", value), ("agency", "市统计局")], "big.xls",
                                    b"\0" * 400000)
            s = socket.create_connection(("127.0.0.1", port), timeout=30 * SLOW)
            s.sendall((f"POST /upload HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\n"
                       f"Content-Type: {ctype}\r\nTransfer-Encoding: chunked\r\n\r\n").encode())
            answer = b""
            try:
                for i in range(0, len(body), 16384):
                    part = body[i:i + 16384]
                    s.sendall(b"%x\r\n" % len(part) + part + b"\r\n")
                s.sendall(b"0\r\n\r\n")
                answer = s.recv(4096)
            except (ConnectionResetError, BrokenPipeError):
                pass
            s.close()
            assert not answer.startswith(b"HTTP/1.1 303"), answer[:100]
            nothing_written("a chunked oversized upload")

        @test
        def truncated_multipart_body_writes_nothing():
            cookie, value = csrf(port)
            body, ctype = multipart([("csrf", value), ("agency", "市统计局")], "cut.xls", sample)
            s = socket.create_connection(("127.0.0.1", port), timeout=30)
            s.sendall((f"POST /upload HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\n"
                       f"Content-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n").encode())
            s.sendall(body[:len(body) // 2])
            s.close()
            time.sleep(0.5 * SLOW)
            nothing_written("a truncated upload")
            # a complete body whose multipart is malformed: 400
            broken = body.replace(b"--ogiTestBoundary", b"--otherBoundary")
            status = 503
            while status == 503:  # the slot of the cut upload may not be free yet
                status, _, _ = request(port, "POST", "/upload", broken,
                                       {"Content-Type": ctype, "Cookie": cookie})
            assert status == 400, status
            nothing_written("a malformed upload")
            assert request(port, "GET", "/")[0] == 200, "the server did not survive"

        @test
        def slow_client_is_cut_off_and_writes_nothing():
            cookie, value = csrf(port)
            body, ctype = multipart([("csrf", value), ("agency", "市统计局")], "slow.xls", sample)
            s = socket.create_connection(("127.0.0.1", port), timeout=30)
            s.sendall((f"POST /upload HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\n"
                       f"Content-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n").encode())
            t0 = time.monotonic()
            closed = False
            try:
                # a trickle: never idle long enough for the idle timeout, but
                # the whole request takes longer than --timeout 2
                for i in range(0, len(body), 200):
                    s.sendall(body[i:i + 200])
                    time.sleep(0.25)
                    if time.monotonic() - t0 > 20 * SLOW:
                        break
                answer = s.recv(4096)
                closed = not answer.startswith(b"HTTP/1.1 303")
            except (ConnectionResetError, BrokenPipeError):
                closed = True
            s.close()
            assert closed, "a trickling client was served"
            assert time.monotonic() - t0 < 20 * SLOW, "the slow client was never cut off"
            nothing_written("a slow client")

        @test
        def path_traversal_in_file_name_and_agency_is_refused_400():
            for agency, name in (("市统计局", "../../escape.xls"),
                                 ("市统计局", "..\\..\\escape.xls"),
                                 ("市统计局", "/etc/escape.xls"),
                                 ("../../outside", "a.xls"),
                                 ("..", "a.xls"),
                                 ("a/../../b", "a.xls"),
                                 ("..\\x", "a.xls"),
                                 (".hidden", "a.xls"),
                                 ("市统计局", "a.exe"),
                                 ("市统计局", ".xls")):
                # (the one upload slot may still be closing the last test's client: 503, again)
                status, _, _ = upload(port, agency, name, sample, retry_busy=True)
                assert status == 400, (agency, name, status)
            nothing_written("path traversal attempts")
            outside = [p for p in glob.glob(os.path.join(b.work, "**"), recursive=True)
                       if "escape" in p or "outside" in p]
            assert not outside, outside

        @test
        def forged_posts_without_csrf_are_refused_403():
            cookie, value = csrf(port)

            def post(path, body, headers):
                while True:  # the one upload slot may still be closing the last test's client
                    status = request(port, "POST", path, body, headers)[0]
                    if status != 503:
                        return status
                    time.sleep(0.2)

            body, ctype = multipart([("agency", "市统计局")], "a.xls", sample)
            status = post("/upload", body, {"Content-Type": ctype})
            assert status == 403, ("no token at all", status)
            body, ctype = multipart([("csrf", value), ("agency", "市统计局")], "a.xls", sample)
            # the field without the cookie (a cross-site form cannot send it)
            status = post("/upload", body, {"Content-Type": ctype})
            assert status == 403, ("a token without its cookie", status)
            # the cookie with another token
            body, ctype = multipart([("csrf", "0" * 32), ("agency", "市统计局")], "a.xls", sample)
            status = post("/upload", body, {"Content-Type": ctype, "Cookie": cookie})
            assert status == 403, ("a token that is not the cookie's", status)
            form = {"Content-Type": "application/x-www-form-urlencoded"}
            status = post("/office/logout", "csrf=x", form)
            assert status == 403, ("logout", status)
            status = post("/office/login", "token=x", form)
            assert status == 403, ("login", status)
            nothing_written("forged posts")

        @test
        def wrong_secret_is_refused():
            token = read(os.path.join(box, "serve.token")).decode().strip()
            mode = os.stat(os.path.join(box, "serve.token")).st_mode & 0o777
            assert mode == 0o600, oct(mode)
            status, _, page = request(port, "GET", "/office")
            assert status == 401 and b"id=\"login\"" in page, status
            cookie, value = csrf(port)
            form = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
            for wrong in ("", token[:-1], token + "0", "x" * 64):
                status, headers, _ = request(port, "POST", "/office/login",
                                             f"csrf={value}&token={wrong}", form)
                assert status == 403 and "ogi_office" not in headers.get("Set-Cookie", ""), wrong
            for forged in ("ogi_office=99999999999.00", "ogi_office=" + token):
                status, _, _ = request(port, "GET", "/office", headers={"Cookie": forged})
                assert status == 401, forged
            status, headers, _ = request(port, "POST", "/office/login",
                                         f"csrf={value}&token={token}", form)
            assert status == 303, status
            session = headers["Set-Cookie"].split(";")[0]
            assert "HttpOnly" in headers["Set-Cookie"] and "SameSite=Strict" in headers["Set-Cookie"]
            status, _, page = request(port, "GET", "/office", headers={"Cookie": session})
            assert status == 200 and b"id=\"totals\"" in page, status
            nothing_written("logins")

        @test
        def no_path_reaches_the_file_system():
            for path in ("/r/../../serve.token", "/r/" + "a" * 32, "/r/" + "g" * 32,
                         "/office/s/0", "/office/s/1", "/office/rollup/1", "/../serve.token",
                         "/inbox", "/.serve/results"):
                status, _, data = request(port, "GET", path)
                assert status in (401, 404), (path, status)
                assert b"ogi_csrf" not in data
            assert request(port, "PUT", "/", b"x")[0] == 405

        @test
        def excess_uploads_are_told_to_retry():
            cookie, value = csrf(port)
            body, ctype = multipart([("csrf", value), ("agency", "市统计局")], "slow.xls", sample)
            s = socket.create_connection(("127.0.0.1", port), timeout=30)
            s.sendall((f"POST /upload HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\n"
                       f"Content-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n").encode())
            s.sendall(body[:100])  # holds the one upload slot (--max-uploads 1)
            time.sleep(0.3 * SLOW)
            status, headers, _ = upload(port, "市统计局", "a.xls", sample)
            s.close()
            assert status == 503 and headers.get("Retry-After"), (status, headers)
            time.sleep(0.5 * SLOW)
            nothing_written("an upload told to retry")

        @test
        def security_headers_on_every_page():
            _, headers, _ = request(port, "GET", "/")
            csp = headers["Content-Security-Policy"]
            assert "default-src 'none'" in csp and "script-src 'sha256-" in csp, csp
            assert "unsafe-inline" not in csp
            assert headers["X-Content-Type-Options"] == "nosniff"
            assert headers["X-Frame-Options"] == "DENY"
    finally:
        b.close()


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def concurrent():
    b = Box("--max-uploads", "8")
    try:
        port, box = b.port, b.box
        samples = {"fail": read(FAILING), "pass": read(PASSING)}

        def round_of(n, tag):
            """n uploads at once, each answered 303 (a client whose thread
            failed is a failure, with its exception). More clients than the
            server's connection limit (48 here) may be open at once under
            load: those refused connect again, as a person reloads."""
            answers = [None] * n
            refused = []

            def one(i):
                # every fifth upload shares one agency and one name: they queue
                agency = "同名单位" if i % 5 == 0 else f"单位{tag}{i:02d}"
                name = "年报.xls"
                data = samples["fail" if i % 2 else "pass"]
                try:
                    answers[i] = upload(port, agency, name, data, retry_busy=True,
                                        refused=refused)
                except Exception as e:  # noqa: BLE001 - reported by the assert below
                    answers[i] = (repr(e), {}, b"")

            threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert all(a[0] == 303 for a in answers), [a[0] for a in answers]
            if refused:
                print(f"         {len(refused)} connections refused at the limit, made again")
            return answers

        state = {}

        @test
        def fifty_concurrent_uploads_each_answered_and_registered_once():
            answers = round_of(50, "a")
            ids = [a[1]["Location"].split("/r/")[1].split("?")[0] for a in answers]
            assert len(set(ids)) == 50
            rows = index_rows(box)
            assert len(rows) == 50, len(rows)
            originals = [r["原件"] for r in rows]
            assert len(set(originals)) == 50, "two uploads registered as one original"
            same = sorted(r["原件"] for r in rows if r["提交单位"] == "同名单位")
            assert len(same) == 10, same
            for i, rel in enumerate(sorted(same, key=lambda p: (len(p), p))):
                assert os.path.exists(os.path.join(box, rel)), rel
            for i in ids:  # each answer is there, with its verdict
                status, _, page = request(port, "GET", f"/r/{i}")
                assert status == 200 and b"id=\"verdict\"" in page, i
            state["rss"] = rss_kib(b.server.pid)

        @test
        def xlsx_ods_and_unreadable_uploads_get_their_verdicts():
            for path in ("tests/fixtures/formats/excel/tianjin-2019.xlsx", "tests/fixtures/formats/lo/foshan-2019.ods",
                         "tests/fixtures/formats/lo/foshan-2019.xlsx"):
                # what ogi check says of the file is what the page must say
                verdict = json.loads(subprocess.run([OGI, "check", "--format", "json", path],
                                                    capture_output=True).stdout)["status"]
                status, headers, _ = upload(port, "格式单位", os.path.basename(path),
                                            read(path), retry_busy=True)
                assert status == 303, (path, status)
                _, _, page = request(port, "GET", headers["Location"])
                assert f'data-verdict="{verdict}"'.encode() in page, path
                assert b'id="download"' in page, path
            # bytes no reader takes: processed, refused with its reason, in failed/
            status, headers, _ = upload(port, "格式单位", "坏.xls", b"not a workbook" * 100,
                                        retry_busy=True)
            assert status == 303, status
            _, _, page = request(port, "GET", headers["Location"])
            assert b'data-verdict="refused"' in page and b'id="reason"' in page
            assert b'id="download"' not in page
            assert read(os.path.join(box, "failed", "格式单位", "坏.xls")) == b"not a workbook" * 100
            rows = [r for r in index_rows(box) if r["文件"] == "格式单位/坏.xls"]
            assert len(rows) == 1 and rows[0]["结论"] == "无法审核", rows

        @test
        def server_memory_is_flat_across_rounds():
            if WRAP or os.environ.get("ASAN_OPTIONS"):
                # valgrind's and ASan's own memory (quarantine) say nothing of ogi's, and
                # 100 more uploads under valgrind would cost CI minutes for nothing
                return
            before = len(index_rows(box))  # what the tests before left (none when run alone)
            round_of(50, "b")
            first = rss_kib(b.server.pid)
            round_of(50, "c")
            second = rss_kib(b.server.pid)
            # every upload answered is registered, once
            assert len(index_rows(box)) == before + 100, (before, len(index_rows(box)))
            # a leak of even 10 KiB per upload would show as 500 KiB a round; a round
            # that grows more than 400 KiB (the allocator settling under load) is
            # followed by one more, and a leak would grow again
            third = second
            if second - first >= 400:
                round_of(50, "d")
                third = rss_kib(b.server.pid)
                assert len(index_rows(box)) == before + 150, (before, len(index_rows(box)))
            assert min(second - first, third - second) < 400, (state.get("rss"), first, second, third)
            print(f"         server RSS after 50/100/150 uploads: {state.get('rss')}/{first}/{second} KiB")

        @test
        def a_connection_refused_at_the_limit_loses_nothing():
            # the server holds 4 x 8 + 16 = 48 connections; these take them all
            held = []
            try:
                def hold():
                    c = socket.create_connection(("127.0.0.1", port), timeout=30)
                    c.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # never finished
                    return c

                def closed(c):
                    # the server closes a connection past its limit at once; while an
                    # earlier test's connections linger, some of these are past it
                    ready, _, _ = select.select([c], [], [], 0)
                    return bool(ready) and c.recv(1, socket.MSG_PEEK) == b""

                held = [hold() for _ in range(48)]
                for _ in range(20):
                    time.sleep(0.3 * SLOW)
                    gone = [i for i, c in enumerate(held) if closed(c)]
                    if not gone:
                        break
                    for i in gone:
                        held[i].close()
                        held[i] = hold()
                before = len(index_rows(box))
                try:
                    request(port, "GET", "/")
                    refused_at_once = False
                except REFUSED_CONNECTION:
                    refused_at_once = True
                assert refused_at_once, "a 49th connection was served"
                assert len(index_rows(box)) == before
                refused, answer = [], []
                t = threading.Thread(target=lambda: answer.append(
                    upload(port, "满载单位", "年报.xls", samples["pass"], retry_busy=True,
                           refused=refused)))
                t.start()
                time.sleep(0.5 * SLOW)
                assert refused and not answer, (refused, answer)
            finally:
                for h in held:
                    h.close()
            t.join(timeout=120 * SLOW)
            # made again once there was room: answered, and registered once
            assert answer and answer[0][0] == 303, answer and answer[0][0]
            rows = [r for r in index_rows(box) if r["提交单位"] == "满载单位"]
            assert len(rows) == 1 and len(index_rows(box)) == before + 1, rows
    finally:
        b.close()


def killed():
    b = Box("--max-uploads", "6", "--poll", "0.3", "--settle", "0.3")
    try:
        port, box = b.port, b.box
        sample = read(FAILING)
        acked, lock = [], threading.Lock()

        def one(i):
            try:
                status, headers, _ = upload(port, f"单位{i % 7}", f"表{i}.xls", sample,
                                            retry_busy=True)
                if status == 303:
                    with lock:
                        acked.append((i, headers["Location"].split("/r/")[1].split("?")[0]))
            except (OSError, http.client.HTTPException):
                pass  # cut by the kill: not acknowledged, may or may not be in the box

        @test
        def kill_9_while_uploads_run_then_restart_loses_and_doubles_nothing():
            threads = [threading.Thread(target=one, args=(i,)) for i in range(30)]
            for t in threads:
                t.start()
            deadline = time.monotonic() + 60 * SLOW
            while len(acked) < 5 and time.monotonic() < deadline:
                time.sleep(0.01)
            b.server.send_signal(signal.SIGKILL)
            b.server.wait()
            for t in threads:
                t.join()
            assert 5 <= len(acked) < 30, len(acked)
            b.restart()  # takes what the killed server left in the inbox
            port2 = b.port
            inbox = os.path.join(box, "inbox")
            deadline = time.monotonic() + 60 * SLOW
            left = ["?"]
            while left and time.monotonic() < deadline:
                time.sleep(0.2)
                left = [p for p in glob.glob(os.path.join(inbox, "**"), recursive=True)
                        if os.path.isfile(p)]
            assert not left, ("not taken after the restart", left)
            rows = index_rows(box)
            files = [r["文件"] for r in rows]
            assert len(files) == len(set(files)), "registered twice"
            originals = [r["原件"] for r in rows]
            assert len(originals) == len(set(originals))
            for i, rid in acked:
                assert f"单位{i % 7}/表{i}.xls" in files, (i, "acknowledged but not registered")
                status, _, page = request(port2, "GET", f"/r/{rid}")
                assert status == 200 and b"id=\"verdict\"" in page, rid
            for r in rows:  # every registered submission is whole
                arch = os.path.join(box, r["原件"])
                assert read(arch) == sample, arch
                xlsx = os.path.join(box, r["审核结果"])
                assert zipfile.ZipFile(xlsx).testzip() is None, xlsx
                with open(xlsx[:-len(".checked.xlsx")] + ".json", encoding="utf-8") as f:
                    assert json.load(f)["sha256"] == hashlib.sha256(sample).hexdigest()
            # a temporary file the restarted server is writing now (the roll-up after the
            # files it took) goes within seconds; one a killed process left stays for good
            deadline = time.monotonic() + 30 * SLOW
            while True:
                temps = glob.glob(os.path.join(box, "**", ".*.tmp"), recursive=True)
                if not temps or time.monotonic() > deadline:
                    break
                time.sleep(0.2)
            assert not temps, temps
            assert not os.listdir(os.path.join(box, ".serve", "tmp"))
            # and the restarted server takes uploads again
            status, _, _ = upload(port2, "单位x", "after.xls", sample)
            assert status == 303, status

        @test
        def a_file_dropped_into_the_inbox_is_a_submission_too():
            before = len(index_rows(b.box))
            os.makedirs(os.path.join(b.box, "inbox", "共享单位"), exist_ok=True)
            shutil.copy(PASSING, os.path.join(b.box, "inbox", "共享单位", "放入.xls"))
            deadline = time.monotonic() + 60 * SLOW
            rows = []
            while time.monotonic() < deadline:
                rows = [r for r in index_rows(b.box) if r["文件"] == "共享单位/放入.xls"]
                if rows:
                    break
                time.sleep(0.1)
            time.sleep(1)  # a second pass must not take it again
            rows = [r for r in index_rows(b.box) if r["文件"] == "共享单位/放入.xls"]
            assert len(rows) == 1, rows
            assert len(index_rows(b.box)) == before + 1
            assert read(os.path.join(b.box, "archive", "共享单位", "放入.xls")) == read(PASSING)

        @test
        def office_pages_read_the_register_when_the_box_has_one():
            token = read(os.path.join(b.box, "serve.token")).decode().strip()
            cookie, value = csrf(b.port)
            status, headers, _ = request(b.port, "POST", "/office/login",
                                         f"csrf={value}&token={token}",
                                         {"Content-Type": "application/x-www-form-urlencoded",
                                          "Cookie": cookie})
            assert status == 303, status
            session = {"Cookie": headers["Set-Cookie"].split(";")[0]}
            status, _, page = request(b.port, "GET", "/office", headers=session)
            assert status == 200, status
            page = page.decode("utf-8")
            n = len(index_rows(b.box))
            if os.path.exists(os.path.join(b.box, "ogi.sqlite")):
                # issue 14's register: links by submission id, the year's submissions
                assert "ogi.sqlite" in page
                ids = sorted({int(re.match(r"\d+", x).group(0))
                              for x in page.split("/office/sub/")[1:]})
                assert ids, "no submission linked"
                status, _, one = request(b.port, "GET", f"/office/sub/{ids[-1]}", headers=session)
                assert status == 200 and b'id="submission"' in one, status
                link = f"/office/sub/{ids[-1]}/checked.xlsx"
            else:
                assert "outbox/index.csv" in page
                assert page.count('class="submission') == min(n, 500), n
                status, _, one = request(b.port, "GET", f"/office/s/{n}", headers=session)
                assert status == 200 and b'id="submission"' in one, status
                link = f"/office/s/{n}/checked.xlsx"
            status, headers, data = request(b.port, "GET", link, headers=session)
            assert status == 200 and data[:2] == b"PK", (link, status)
            assert "attachment" in headers["Content-Disposition"]
            # and none of it without the session
            assert request(b.port, "GET", link)[0] == 401

        @test
        def a_box_without_a_register_is_read_from_index_csv():
            # a box from before issue 14: the same files, no ogi.sqlite
            old = os.path.join(b.work, "old box")
            # (not the roll-up the server may be writing: .汇总-YEAR.xlsx.XXXXXX.tmp)
            shutil.copytree(b.box, old,
                            ignore=shutil.ignore_patterns("ogi.sqlite*", ".ogi-*", ".*.tmp"))
            server, port = start_server(old, "--poll", "0")
            try:
                token = read(os.path.join(old, "serve.token")).decode().strip()
                cookie, value = csrf(port)
                status, headers, _ = request(port, "POST", "/office/login",
                                             f"csrf={value}&token={token}",
                                             {"Content-Type": "application/x-www-form-urlencoded",
                                              "Cookie": cookie})
                session = {"Cookie": headers["Set-Cookie"].split(";")[0]}
                status, _, page = request(port, "GET", "/office", headers=session)
                page = page.decode("utf-8")
                n = len(index_rows(old))
                assert status == 200 and "outbox/index.csv" in page, status
                assert page.count('class="submission') == min(n, 500), n
                status, _, one = request(port, "GET", f"/office/s/{n}", headers=session)
                assert status == 200 and b'id="submission"' in one, status
                status, _, data = request(port, "GET", f"/office/s/{n}/checked.xlsx",
                                          headers=session)
                assert status == 200 and data[:2] == b"PK", status
                assert not os.path.exists(os.path.join(old, "ogi.sqlite")), "a reader made one"
            finally:
                stop_server(server)
    finally:
        b.close()


def terminated():
    b = Box()
    try:
        @test
        def sigterm_finishes_the_upload_in_hand_then_exits_0():
            sample = read(PASSING)
            cookie, value = csrf(b.port)
            body, ctype = multipart([("csrf", value), ("agency", "单位t")], "t.xls", sample)
            s = socket.create_connection(("127.0.0.1", b.port), timeout=60 * SLOW)
            s.sendall((f"POST /upload HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\n"
                       f"Content-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n").encode())
            s.sendall(body[:len(body) // 2])
            time.sleep(0.3 * SLOW)
            b.server.send_signal(signal.SIGTERM)  # in the middle of the upload
            time.sleep(0.3 * SLOW)
            s.sendall(body[len(body) // 2:])
            answer = b""
            while not answer.endswith(b"\r\n\r\n") and len(answer) < 65536:
                chunk = s.recv(4096)
                if not chunk:
                    break
                answer += chunk
            s.close()
            assert answer.startswith(b"HTTP/1.1 303"), answer[:200]
            assert b.server.wait(timeout=60 * SLOW) == 0
            rows = index_rows(b.box)
            assert [r["文件"] for r in rows] == ["单位t/t.xls"], rows
            # and a new connection is no longer taken
            try:
                socket.create_connection(("127.0.0.1", b.port), timeout=5).close()
                refused = False
            except OSError:
                refused = True
            assert refused, "the stopped server still accepts connections"
    finally:
        b.close()


def expiry():
    b = Box()
    try:
        @test
        def answers_not_shown_for_30_days_are_removed_others_kept():
            ids = {}
            for agency, path in (("单位旧", PASSING), ("单位新", FAILING)):
                status, headers, _ = upload(b.port, agency, os.path.basename(path), read(path))
                assert status == 303, status
                ids[agency] = headers["Location"].split("/r/")[1].split("?")[0]
            results = os.path.join(b.box, ".serve", "results")
            old, kept = (os.path.join(results, ids[a] + ".json") for a in ("单位旧", "单位新"))
            other = os.path.join(results, "notes.txt")  # not an answer: never removed
            with open(other, "w") as f:
                f.write("x")
            day = 24 * 3600
            now = time.time()
            os.utime(old, (now - 31 * day, now - 31 * day))
            os.utime(kept, (now - 31 * day, now - 31 * day))
            os.utime(other, (now - 90 * day, now - 90 * day))
            # shown again: its 30 days start again
            status, _, page = request(b.port, "GET", f"/r/{ids['单位新']}")
            assert status == 200 and "单位新" in page.decode("utf-8"), status
            assert os.path.getmtime(kept) > now - 60, os.path.getmtime(kept)
            stop_server(b.server)
            b.restart()  # the sweep runs at start (then hourly)
            end = time.monotonic() + 30 * SLOW
            while os.path.exists(old) and time.monotonic() < end:
                time.sleep(0.05)
            assert not os.path.exists(old), "an answer not shown for 31 days was kept"
            assert os.path.exists(kept) and os.path.exists(other)
            assert request(b.port, "GET", f"/r/{ids['单位旧']}")[0] == 404
            status, _, page = request(b.port, "GET", f"/r/{ids['单位新']}")
            assert status == 200 and "单位新" in page.decode("utf-8"), status
            # the office's records stay: the original and its marked-up workbook
            assert os.path.exists(os.path.join(b.box, "archive", "单位旧", "tianjin-2019.xls"))
            assert glob.glob(os.path.join(b.box, "outbox", "单位旧", "*.checked.xlsx"))
    finally:
        b.close()


def command_line():
    work = tempfile.mkdtemp(prefix="ogi serve cli 测试 ")
    box = os.path.join(work, "box")
    try:
        def run(*args):
            p = subprocess.run(WRAP + [OGI, "serve", *args], capture_output=True, timeout=120)
            return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")

        @test
        def bad_command_lines_are_refused_with_a_reason():
            rc, _, err = run()
            assert rc == 2 and "收件箱目录" in err, (rc, err)
            rc, _, err = run("--lang", "en", "--listen", "nowhere", box)
            assert rc == 2 and "--listen must be" in err, (rc, err)
            rc, _, err = run("--max-uploads", "0", box)
            assert rc == 2 and "--max-uploads" in err, (rc, err)
            rc, out, _ = run("--help")
            assert rc == 0 and "--token-file" in out

        @test
        def a_token_others_can_read_is_refused():
            os.makedirs(box, exist_ok=True)
            token = os.path.join(box, "serve.token")
            with open(token, "w") as f:
                f.write("0123456789abcdef0123456789abcdef\n")
            os.chmod(token, 0o644)
            rc, _, err = run("--listen", "127.0.0.1:0", box)
            assert rc == 2 and "chmod 600" in err, (rc, err)
            rc, _, err = run("--lang", "en", "--listen", "127.0.0.1:0", box)
            assert rc == 2 and "readable by its owner only" in err, (rc, err)
            assert read(token) == b"0123456789abcdef0123456789abcdef\n", "the token was changed"

        @test
        def one_service_per_box():
            os.chmod(os.path.join(box, "serve.token"), 0o600)
            watch = subprocess.Popen(WRAP + [OGI, "watch", box], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
            try:
                deadline = time.monotonic() + 60 * SLOW
                while time.monotonic() < deadline and b"ogi watch" not in watch.stdout.readline():
                    pass
                rc, _, err = run("--listen", "127.0.0.1:0", box)
                assert rc == 2 and "已在处理此文件夹" in err, (rc, err)
            finally:
                watch.send_signal(signal.SIGTERM)
                watch.wait(timeout=60)
    finally:
        shutil.rmtree(work, ignore_errors=True)


command_line()
refusals()
concurrent()
killed()
terminated()
expiry()
finish()
