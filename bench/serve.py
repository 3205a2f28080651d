#!/usr/bin/python3
"""bench/serve.py OGI: speed of `ogi serve` (docs/performance.md, "ogi serve").

Not a test: the figures depend on the machine and its disk (every output is
fsync'ed, as for `ogi watch`). Measures on loopback
  1. upload to answer, one upload at a time: from the first byte of the
     POST to the 303 that names the result (the upload itself, the worker,
     the check, the outputs, the register, the archive, the result file),
     and the GET of the result page after it;
  2. uploads per second with N clients at once (OGI_BENCH_SERVE_CLIENTS, 8)
     over OGI_BENCH_SERVE_UPLOADS (400) uploads;
  3. the server's resident memory (its own, and with the processing
     process) before, during and after that load;
  4. the office's overview over a register of 10,000 submissions from 330
     submitters, 300 of them on a roster (OGI_BENCH_SERVE_ROWS), and over a
     box from before the register (outbox/index.csv only).
"""
import glob
import http.client
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time

OGI = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/ogi")
SAMPLES = [s for s in sorted(glob.glob("samples/*.xls")) if "huadu" not in s]
CLIENTS = int(os.environ.get("OGI_BENCH_SERVE_CLIENTS", "8"))
UPLOADS = int(os.environ.get("OGI_BENCH_SERVE_UPLOADS", "400"))
ROWS = int(os.environ.get("OGI_BENCH_SERVE_ROWS", "10000"))


def start(box, *extra):
    p = subprocess.Popen([OGI, "serve", "--listen", "127.0.0.1:0", *extra, box],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    while True:
        line = p.stdout.readline().decode("utf-8")
        if "http://127.0.0.1:" in line:
            threading.Thread(target=p.stdout.read, daemon=True).start()
            return p, int(line.split("http://127.0.0.1:")[1].split("/")[0])
        if not line:
            raise SystemExit("ogi serve did not start")


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except OSError:
        return []


def cpu_s(pid, with_children=True):
    """CPU seconds of pid (and of its reaped children)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = int(fields[11]) + int(fields[12])
    if with_children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / os.sysconf("SC_CLK_TCK")


def tree_cpu_s(server):
    """The server's threads, the processing process and every worker it reaped."""
    return cpu_s(server, False) + sum(cpu_s(c) for c in children(server))


def form_token(port):
    c = http.client.HTTPConnection("127.0.0.1", port)
    c.request("GET", "/")
    r = c.getresponse()
    r.read()
    cookie = r.getheader("Set-Cookie").split(";")[0]
    c.close()
    return cookie, cookie.split("=", 1)[1]


def body(token, agency, name, data):
    b = "ogiBench%016x" % random.getrandbits(64)
    out = (f"--{b}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n"
           f"--{b}\r\nContent-Disposition: form-data; name=\"agency\"\r\n\r\n{agency}\r\n"
           f"--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
           f"Content-Type: application/vnd.ms-excel\r\n\r\n").encode() + data + \
        f"\r\n--{b}--\r\n".encode()
    return out, f"multipart/form-data; boundary={b}"


def upload(port, cookie, token, agency, name, data):
    payload, ctype = body(token, agency, name, data)
    while True:
        t0 = time.perf_counter()
        c = http.client.HTTPConnection("127.0.0.1", port)
        c.request("POST", "/upload", payload, {"Content-Type": ctype, "Cookie": cookie})
        r = c.getresponse()
        r.read()
        t1 = time.perf_counter()
        c.close()
        if r.status == 503:
            time.sleep(0.05)
            continue
        assert r.status == 303, r.status
        return t1 - t0, r.getheader("Location")


def get(port, path):
    c = http.client.HTTPConnection("127.0.0.1", port)
    c.request("GET", path)
    r = c.getresponse()
    r.read()
    c.close()
    return r.status


def fill_register(box, rows, agencies):
    """The register of box grown to `rows` submissions of one year from 330
    submitters (300 on the roster), copied row by row with SQL from one
    registered by ogi (as bench/campaign.py does)."""
    db = sqlite3.connect(os.path.join(box, "ogi.sqlite"))
    cols = [r[1] for r in db.execute("PRAGMA table_info(submissions)") if r[1] != "id"]
    base = db.execute("SELECT MIN(id) FROM submissions WHERE year > 0").fetchone()[0]
    db.execute("DELETE FROM submissions WHERE id <> ?", (base,))
    with db:
        for i in range(1, rows):
            a = f"机关{i % (agencies + 30):03d}"
            values = {c: f"({c})" for c in cols}
            values.update(agency=f"'{a}'", agency_key=f"'{a}'", submitter=f"'{a}'",
                          name=f"'{a}/年报{i}.xls'", archived=f"'archive/{a}/年报{i}.xls'",
                          outputs=f"'outbox/{a}/年报{i}.checked.xlsx'")
            db.execute(f"INSERT INTO submissions({', '.join(cols)}) SELECT "
                       f"{', '.join(values[c] for c in cols)} FROM submissions WHERE id = ?",
                       (base,))
    db.close()


def overview_ms(box):
    """Median time of GET /office over box, logged in; (ms, KiB, server RSS)."""
    server2, port2 = start(box, "--poll", "0")
    try:
        token = open(os.path.join(box, "serve.token")).read().strip()
        cookie, value = form_token(port2)
        c = http.client.HTTPConnection("127.0.0.1", port2)
        c.request("POST", "/office/login", f"csrf={value}&token={token}",
                  {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
        r = c.getresponse()
        r.read()
        session = r.getheader("Set-Cookie").split(";")[0]
        c.close()
        times, size = [], 0
        for _ in range(5):
            t0 = time.perf_counter()
            c = http.client.HTTPConnection("127.0.0.1", port2)
            c.request("GET", "/office", headers={"Cookie": session})
            r = c.getresponse()
            size = len(r.read())
            c.close()
            assert r.status == 200
            times.append((time.perf_counter() - t0) * 1000)
        return statistics.median(times), size // 1024, rss_kib(server2.pid)
    finally:
        server2.terminate()
        server2.wait()


def office(port, box, server):
    """The overview page over a large register, and over a box from before
    the register (outbox/index.csv only)."""
    server.terminate()
    server.wait()
    with open(os.path.join(box, "roster.csv"), "w", encoding="utf-8-sig") as f:
        f.write("单位,分组\n" + "".join(f"机关{i:03d},市直\n" for i in range(300)))
    fill_register(box, ROWS, 300)
    ms, kib, rss = overview_ms(box)
    print(f"office overview from the register, {ROWS} submissions, 300 agencies on the roster: "
          f"median {ms:.0f} ms, {kib} KiB of HTML; server RSS {rss} KiB")
    old = os.path.join(os.path.dirname(box), "old")
    shutil.copytree(box, old, ignore=shutil.ignore_patterns("ogi.sqlite*", ".ogi-*"))
    with open(os.path.join(old, "outbox", "index.csv"), "a", encoding="utf-8") as f:
        for i in range(ROWS):
            a = f"机关{i % 330:03d}"
            f.write(f"2026-01-{1 + i % 28:02d} 08:00:00,{a},{a}/年报{i}.xls,未通过,1,2,0,"
                    f"archive/{a}/年报{i}.xls,outbox/{a}/年报{i}.checked.xlsx,,{'0' * 64}\n")
    ms, kib, rss = overview_ms(old)
    print(f"office overview from outbox/index.csv (a box without a register), {ROWS} more rows: "
          f"median {ms:.0f} ms, {kib} KiB of HTML; server RSS {rss} KiB")


def main():
    work = tempfile.mkdtemp(prefix="ogi-bench-serve-")
    box = os.path.join(work, "box")
    server, port = start(box, "--max-uploads", str(max(CLIENTS, 4)))
    try:
        datas = [open(s, "rb").read() for s in SAMPLES]
        cookie, token = form_token(port)
        idle = rss_kib(server.pid)
        # 1. latency, one at a time
        lat, page = [], []
        cpu0 = tree_cpu_s(server.pid)
        for i in range(60):
            d = datas[i % len(datas)]
            dt, loc = upload(port, cookie, token, f"单位{i % 10}", f"表{i}.xls", d)
            lat.append(dt * 1000)
            t0 = time.perf_counter()
            assert get(port, loc) == 200
            page.append((time.perf_counter() - t0) * 1000)
        lat.sort()
        time.sleep(1.5)  # the processing process reaps its workers within a second
        cpu1 = tree_cpu_s(server.pid)
        print(f"upload -> answer (303), one at a time, {len(lat)} uploads of "
              f"{min(len(d) for d in datas) // 1024}-{max(len(d) for d in datas) // 1024} KiB: "
              f"median {statistics.median(lat):.1f} ms, p90 {lat[int(len(lat) * 0.9)]:.1f} ms, "
              f"max {lat[-1]:.1f} ms; result page median {statistics.median(page):.1f} ms; "
              f"CPU per upload (server, workers, check, outputs) {(cpu1 - cpu0) / len(lat) * 1000:.1f} ms")
        # 2. throughput
        peak = [0, 0]
        done = [0]
        lock = threading.Lock()

        def client(k):
            while True:
                with lock:
                    if done[0] >= UPLOADS:
                        return
                    i = done[0]
                    done[0] += 1
                upload(port, cookie, token, f"并发{i % 50}", f"表{i}.xls", datas[i % len(datas)])

        def sample_memory():
            while done[0] < UPLOADS:
                own = rss_kib(server.pid)
                total = own + sum(rss_kib(c) for c in children(server.pid))
                peak[0] = max(peak[0], own)
                peak[1] = max(peak[1], total)
                time.sleep(0.05)

        threads = [threading.Thread(target=client, args=(k,)) for k in range(CLIENTS)]
        mem = threading.Thread(target=sample_memory)
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        mem.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - t0
        mem.join()
        after = rss_kib(server.pid)
        print(f"{UPLOADS} uploads by {CLIENTS} clients at once: {elapsed:.1f} s, "
              f"{UPLOADS / elapsed:.1f} uploads/s ({os.cpu_count()} CPUs)")
        print(f"server RSS: idle {idle} KiB, peak under load {peak[0]} KiB (with the "
              f"processing processes {peak[1]} KiB), after {after} KiB")
        office(port, box, server)
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)


main()
