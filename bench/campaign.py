#!/usr/bin/python3
"""bench/campaign.py OGI: the office's costs (issue 14, docs/campaign.md).

  - registering a file: ogi convert of the same files with and without
    --register BOX (each registered file is one SQLite transaction, fsync'ed);
  - the roll-up (ogi summary) of 100 and 1,000 agencies;
  - ogi status over 1,000 and 10,000 submissions;
with CPU time and the largest resident set of each run (getrusage of the
child). The register is filled by ogi itself for one file, then copied row by
row with SQL (new agencies, new tries) so that a big register costs seconds.
Not a test: the numbers depend on the machine.
"""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

OGI = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/ogi")
SAMPLE = os.path.abspath("tests/fixtures/formats/excel/formula-totals.xlsx")


def timed(*args):
    """(wall s, CPU s, max RSS MiB) of one ogi run (GNU time for the RSS:
    getrusage of children keeps the largest of all of them)."""
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", OGI] + list(args), capture_output=True)
    wall = time.perf_counter() - t0
    assert p.returncode in (0, 1), p.stderr.decode()[-400:]
    user, system, rss = p.stderr.decode().strip().splitlines()[-1].split()
    return wall, float(user) + float(system), int(rss) / 1024


def fill(box, agencies, tries):
    """A register of agencies x tries submissions, copied from the one
    registered row, and a roster of the agencies."""
    db = sqlite3.connect(os.path.join(box, "ogi.sqlite"))
    cols = [r[1] for r in db.execute("PRAGMA table_info(submissions)") if r[1] != "id"]
    base = db.execute("SELECT MIN(id) FROM submissions").fetchone()[0]
    db.execute("DELETE FROM submissions WHERE id <> ?", (base,))
    db.execute("DELETE FROM cell_values WHERE submission <> ?", (base,))
    db.execute("DELETE FROM findings WHERE submission <> ?", (base,))
    n = 0
    with db:
        for a in range(agencies):
            for t in range(tries):
                n += 1
                if n == 1:
                    continue
                values = {c: f"({c})" for c in cols}
                values.update(agency=f"'第{a:04d}局'", agency_key=f"'第{a:04d}局'",
                              archived=f"'archive/{a:04d}/{t}.xlsx'",
                              outputs=f"'outbox/{a:04d}/{t}.checked.xlsx'",
                              verdict="'pass'" if t == tries - 1 else "'fail'")
                db.execute(f"INSERT INTO submissions({', '.join(cols)}) SELECT "
                           f"{', '.join(values[c] for c in cols)} FROM submissions WHERE id = ?",
                           (base,))
                new = db.execute("SELECT last_insert_rowid()").fetchone()[0]
                db.execute("INSERT INTO cell_values SELECT ?, cell, value FROM cell_values "
                           "WHERE submission = ?", (new, base))
                db.execute("INSERT INTO findings SELECT ?, key, rule, severity, table_id FROM "
                           "findings WHERE submission = ?", (new, base))
        db.execute("UPDATE submissions SET agency = '第0000局', agency_key = '第0000局' "
                   "WHERE id = ?", (base,))
    db.close()
    with open(os.path.join(box, "roster.csv"), "w", encoding="utf-8") as f:
        f.write("单位\n" + "".join(f"第{a:04d}局\n" for a in range(agencies)))


def main():
    work = tempfile.mkdtemp(prefix="ogi-bench-campaign-")
    try:
        print(f"machine: {os.cpu_count()} cores")
        files = []
        for i in range(50):
            p = os.path.join(work, f"{i:03d}.xlsx")
            shutil.copy(SAMPLE, p)
            files.append(p)
        out = os.path.join(work, "out")
        os.makedirs(out)
        plain = timed("convert", "-q", "--outdir", out, *files)
        box = os.path.join(work, "box")
        os.makedirs(box)
        reg = timed("convert", "-q", "--outdir", out, "--register", box, *files)
        print(f"convert 50 files: {plain[0] * 1000 / 50:.2f} ms/file; with --register "
              f"{reg[0] * 1000 / 50:.2f} ms/file (CPU {plain[1] * 1000 / 50:.2f} -> "
              f"{reg[1] * 1000 / 50:.2f} ms/file; an fsync'ed transaction per file)")
        for agencies, tries in ((100, 1), (1000, 1), (5000, 1), (1000, 10)):
            fill(box, agencies, tries)
            s = timed("summary", "-o", os.path.join(work, "r.xlsx"), box)
            st = timed("status", box)
            sj = timed("status", "--format", "json", box)
            print(f"{agencies} agencies x {tries} tries ({agencies * tries} submissions): "
                  f"summary {s[0] * 1000:.0f} ms (CPU {s[1] * 1000:.0f} ms, {s[2]:.0f} MiB); "
                  f"status {st[0] * 1000:.0f} ms (CPU {st[1] * 1000:.0f} ms, {st[2]:.0f} MiB); "
                  f"status --format json {sj[0] * 1000:.0f} ms (CPU {sj[1] * 1000:.0f} ms, "
                  f"{sj[2]:.0f} MiB)")
    finally:
        shutil.rmtree(work)


main()
