#!/usr/bin/python3
"""bench/watch.py OGI: speed of `ogi watch` (docs/performance.md, "ogi watch").

Not a test: the figures depend on the machine and its disk (every output is
fsync'ed). Measures
  1. arrival -> output latency, one file at a time: inotify, and polling
     (--poll 1 --settle 1, and the defaults --poll 2 --settle 3);
  2. files per second when 1,000 arrive at once (inotify, and --poll 1);
  3. the cost of one poll scan with 10,000 files known to the service
     (compare names, sizes and times only), and its memory over many scans;
     and with 10,000 processed files in archive/ and outbox/.
The arrival time is taken just before an atomic rename into the inbox; the
output time is the time stamp of the service's log line, written after the
outputs are durable and the original archived.
OGI_BENCH_WATCH_FILES (1000) and OGI_BENCH_WATCH_SCAN (10000) scale it down.
"""
import datetime
import glob
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

OGI = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/ogi")
SAMPLES = [s for s in sorted(glob.glob("samples/*.xls")) if "huadu" not in s]
MANY = int(os.environ.get("OGI_BENCH_WATCH_FILES", "1000"))
SCAN = int(os.environ.get("OGI_BENCH_WATCH_SCAN", "10000"))
DONE = re.compile(r"^(\S+ \S+) (.+?)：(通过|未通过|无法审核)（")
SCANLINE = re.compile(r"扫描：收件箱中 (\d+) 个文件，([\d.]+) 毫秒")


def stamp(line):
    return datetime.datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S.%f").timestamp()


class Service:
    def __init__(self, work, *args):
        self.box = os.path.join(work, "box")
        self.log = os.path.join(work, "watch.log")
        open(self.log, "w").close()
        self.proc = subprocess.Popen([OGI, "watch", "--verbose", *args, self.box],
                                     stdout=open(self.log, "a"), stderr=subprocess.STDOUT)
        self.wait(lambda ls: any("监视" in l for l in ls))
        self.inbox = os.path.join(self.box, "inbox")

    def lines(self):
        with open(self.log, encoding="utf-8", errors="replace") as f:
            return f.read().splitlines()

    def wait(self, cond, timeout=3600):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            ls = self.lines()
            if cond(ls):
                return ls
            time.sleep(0.01)  # the log times the events, not this loop
        raise SystemExit("bench: timed out")

    def done(self):
        return {m.group(2): stamp(m.group(1)) for m in map(DONE.match, self.lines()) if m}

    def rss_kb(self, field="VmRSS"):
        with open(f"/proc/{self.proc.pid}/status") as f:
            return int(re.search(field + r":\s+(\d+)", f.read()).group(1))

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


def stage_files(work, n, tag):
    stage = os.path.join(work, "stage-" + tag)
    os.makedirs(stage, exist_ok=True)
    names = []
    for i in range(n):
        name = f"{tag}-{i:05d}.xls"
        shutil.copyfile(SAMPLES[i % len(SAMPLES)], os.path.join(stage, name))
        names.append(name)
    return stage, names


def latency(args, n, label, phase=0.0):
    """One file at a time, copied in (a fresh modification time, as cp and
    uploads give); polling: at a random moment between two scans."""
    rng = random.Random(1)
    with tempfile.TemporaryDirectory(prefix="ogi-bench-watch-") as work:
        svc = Service(work, *args)
        lat = []
        for i in range(n):
            name = f"lat-{i:05d}.xls"
            time.sleep(rng.uniform(0, phase))
            t = time.time()
            shutil.copyfile(SAMPLES[i % len(SAMPLES)], os.path.join(svc.inbox, name))
            svc.wait(lambda ls: any(f" {name}：" in l for l in ls))
            lat.append((svc.done()[name] - t) * 1000)
        svc.stop()
    lat.sort()
    print(f"latency {label}: median {statistics.median(lat):.0f} ms, "
          f"min {lat[0]:.0f} ms, max {lat[-1]:.0f} ms ({n} files copied in one at a time)")


def burst(args, label):
    with tempfile.TemporaryDirectory(prefix="ogi-bench-watch-") as work:
        svc = Service(work, *args)
        stage, names = stage_files(work, MANY, "burst")
        t0 = time.time()
        for name in names:
            os.rename(os.path.join(stage, name), os.path.join(svc.inbox, name))
        t_arrived = time.time()
        svc.wait(lambda ls: sum(1 for l in ls if DONE.match(l)) >= MANY)
        times = sorted(svc.done().values())
        peak = svc.rss_kb("VmHWM")
        svc.stop()
    total = times[-1] - t0
    steady = (len(times) - 1) / (times[-1] - times[0])
    print(f"{MANY} at once {label}: all done {total:.1f} s after the first arrived "
          f"(arrivals took {1000 * (t_arrived - t0):.0f} ms): {MANY / total:.0f} files/s overall, "
          f"{steady:.0f} files/s between first and last output; service peak RSS {peak} kB")


def scans():
    with tempfile.TemporaryDirectory(prefix="ogi-bench-watch-") as work:
        box = os.path.join(work, "box")
        # 10,000 files the service knows and will not take (settle of an hour):
        # each scan compares names, sizes and times, as for files already done
        for d in range(SCAN // 100):
            folder = os.path.join(box, "inbox", f"unit{d:03d}")
            os.makedirs(folder)
            for i in range(100):
                with open(os.path.join(folder, f"{i:03d}.xls"), "wb") as f:
                    f.write(b"x" * (1000 + i))
        svc = Service(work, "--poll", "0.2", "--settle", "3600")
        ls = svc.wait(lambda ls: len([l for l in ls if SCANLINE.search(l)]) >= 3)
        rss_early = svc.rss_kb()
        ls = svc.wait(lambda ls: len([l for l in ls if SCANLINE.search(l)]) >= 53)
        rss_late = svc.rss_kb()
        svc.stop()
        ms = [float(m.group(2)) for m in map(SCANLINE.search, ls) if m]
        files = [int(m.group(1)) for m in map(SCANLINE.search, ls) if m]
        print(f"poll scan, {files[-1]} known files in the inbox: median {statistics.median(ms[1:]):.1f} ms "
              f"(first scan, building the table: {ms[0]:.1f} ms); RSS {rss_early} kB after 3 scans, "
              f"{rss_late} kB after {len(ms)} scans")
    held_scan()
    with tempfile.TemporaryDirectory(prefix="ogi-bench-watch-") as work:
        box = os.path.join(work, "box")
        for top, suffixes in (("archive", [".xls"]), ("outbox", [".checked.xlsx", ".json"])):
            for d in range(SCAN // 100):
                folder = os.path.join(box, top, f"unit{d:03d}")
                os.makedirs(folder)
                for i in range(100):
                    for s in suffixes:
                        open(os.path.join(folder, f"{i:03d}{s}"), "w").close()
        os.makedirs(os.path.join(box, "inbox"))
        svc = Service(work, "--poll", "0.2")
        ls = svc.wait(lambda ls: len([l for l in ls if SCANLINE.search(l)]) >= 20)
        svc.stop()
        ms = [float(m.group(2)) for m in map(SCANLINE.search, ls) if m]
        print(f"poll scan, {SCAN} processed files in archive/ and outbox/, inbox empty: "
              f"median {statistics.median(ms):.2f} ms")


def held_scan():
    """10,000 files processed but held in the inbox (folders refusing
    removals, as files a Windows client keeps open on a share): after
    processing, every scan only compares them."""
    if os.geteuid() != 0:
        print("poll scan, processed files held in the inbox: needs root (chattr)")
        return
    with tempfile.TemporaryDirectory(prefix="ogi-bench-watch-") as work:
        box = os.path.join(work, "box")
        folders = []
        for d in range(SCAN // 100):
            folder = os.path.join(box, "inbox", f"unit{d:03d}")
            os.makedirs(folder)
            folders.append(folder)
            for i in range(100):
                with open(os.path.join(folder, f"{i:03d}.xls"), "wb") as f:
                    f.write(b"not a workbook %d" % i)
        if subprocess.run(["chattr", "+a", *folders], capture_output=True).returncode:
            print("poll scan, processed files held in the inbox: chattr +a unsupported here")
            return
        try:
            t0 = time.time()
            svc = Service(work, "--poll", "0.5", "--settle", "0", "--jobs", "4")
            svc.wait(lambda ls: sum(1 for l in ls if DONE.match(l)) >= SCAN)
            took = time.time() - t0
            n = len(svc.lines())
            ls = svc.wait(lambda ls: len([l for l in ls[n:] if SCANLINE.search(l)]) >= 20)
            rss = svc.rss_kb()
            ls = svc.wait(lambda ls: len([l for l in ls[n:] if SCANLINE.search(l)]) >= 60)
            rss_late = svc.rss_kb()
            svc.stop()
        finally:
            subprocess.run(["chattr", "-a", *folders], capture_output=True)
        ms = [float(m.group(2)) for m in map(SCANLINE.search, ls[n:]) if m]
        print(f"poll scan, {SCAN} processed files held in the inbox: median {statistics.median(ms):.1f} ms "
              f"(processing them first took {took:.0f} s); RSS {rss} kB after 20 scans, "
              f"{rss_late} kB after {len(ms)}")


def main():
    print(f"machine: {os.cpu_count()} cores; filesystem of /tmp: "
          + subprocess.run(["stat", "-f", "-c", "%T", tempfile.gettempdir()],
                           capture_output=True, text=True).stdout.strip())
    latency([], 30, "inotify")
    latency(["--poll", "1", "--settle", "1"], 10, "--poll 1 --settle 1", 1.0)
    latency(["--poll", "2", "--settle", "3"], 6, "--poll 2 --settle 3 (the defaults on a share)", 2.0)
    burst(["--jobs", "1"], "(inotify, --jobs 1)")
    burst([], "(inotify, --jobs 2, the default)")
    burst(["--jobs", "4"], "(inotify, --jobs 4)")
    burst(["--poll", "1", "--settle", "1"], "(--poll 1 --settle 1)")
    scans()


main()
