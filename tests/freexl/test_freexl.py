#!/usr/bin/python3
"""freexl against ogi's own BIFF8 decoder (docs/security.md): every .xls in
the repository (samples/, tests/: the bad corpus, the mapper's variants, the
format variants, the fuzzer's finds) read by both, every cell compared by
BUILD/tests/freexl_compare (tests/freexl/compare.c). Where the readers
differ, the program names the cell and which reader is right; only kinds of
difference its table documents pass.
"""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "e2e"))
from harness import finish, test  # noqa: E402

OGI = sys.argv[1] if len(sys.argv) > 1 else "build/ogi"
COMPARE = os.path.join(os.path.dirname(OGI), "tests", "freexl_compare")
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SUPP = os.path.join(REPO, "tests", "freexl", "freexl.supp")
SUPP_ASAN = os.path.join(REPO, "tests", "freexl", "freexl-asan.supp")
LINE = re.compile(r"^file: (.*): (both read|both refuse|only ogi reads|only freexl reads) "
                  r"\(ogi: (.*); freexl: (-?\d+)\): (\d+) sheets, (\d+) cells, (\d+) documented, "
                  r"(\d+) undocumented differences$")


def every_xls():
    """Every .xls under samples/ and tests/, whatever made it."""
    found = []
    for top in ("samples", "tests"):
        for dirpath, dirs, files in os.walk(os.path.join(REPO, top)):
            dirs.sort()
            found += [os.path.join(dirpath, f) for f in sorted(files) if f.lower().endswith(".xls")]
    return found


# Files on which freexl itself has undefined behaviour: its answer varies
# from run to run, so nothing it says about them is compared. Each entry
# is checked below: valgrind must find freexl's memory error on it.
FREEXL_MISBEHAVES = {
    "tests/fixtures/bad/long-strings.xls": "freexl_open reads past a heap buffer (a memcpy of a string "
                                  "continued in CONTINUE records)",
}
FILES = every_xls()
WALK = os.path.join(os.path.dirname(OGI), "tests", "freexl_walk")


def trusted(path):
    return os.path.relpath(path, REPO) not in FREEXL_MISBEHAVES
env = dict(os.environ)
# freexl's own leaks on damaged files are not ogi's (ASan builds)
# (quoted: the sanitizers split their options at spaces, and the checkout's
# path may have some)
env["LSAN_OPTIONS"] = env.get("LSAN_OPTIONS", "") + f':suppressions="{SUPP}"'
# and its reads past a buffer should one more file bring them (ASan builds)
env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + f':suppressions="{SUPP_ASAN}"'
# not under valgrind (OGI_WRAP): freexl leaks on damaged files, and the other
# tests run ogi's reader under valgrind already
proc = subprocess.run([COMPARE] + [f for f in FILES if trusted(f)], capture_output=True, env=env,
                      timeout=900)
OUT = proc.stdout.decode("utf-8", errors="replace")
ERR = proc.stderr.decode("utf-8", errors="replace")
RESULTS = {}
for line in OUT.splitlines():
    m = LINE.match(line)
    if m:
        RESULTS[m.group(1)] = {"outcome": m.group(2), "ogi": m.group(3), "sheets": int(m.group(5)),
                               "cells": int(m.group(6)), "documented": int(m.group(7)),
                               "undocumented": int(m.group(8))}
DIFFS = [l for l in OUT.splitlines() if not l.startswith(("file: ", "documented"))
         and trusted(l.split(": ")[0])]
RESULTS = {f: r for f, r in RESULTS.items() if trusted(f)}


@test
def every_xls_compared():
    assert len(FILES) >= 100, f"only {len(FILES)} .xls found under {REPO}"
    assert proc.returncode in (0, 1), f"freexl_compare exited {proc.returncode}: {ERR[-2000:]}"
    missing = [f for f in FILES if trusted(f) and f not in RESULTS]
    assert not missing, f"no result for {missing[:5]}"


@test
def only_documented_differences():
    bad = [l for l in DIFFS if "undocumented" in l]
    assert not bad, "\n".join(bad[:20])
    assert sum(r["undocumented"] for r in RESULTS.values()) == 0


@test
def freexl_misbehaves_where_listed():
    # an entry of FREEXL_MISBEHAVES must be freexl's fault, shown by
    # valgrind on freexl alone (freexl_walk: no ogi code in it)
    if not shutil.which("valgrind"):
        print("  (no valgrind: the list is not checked; `make valgrind` installs it)")
        return
    for rel in FREEXL_MISBEHAVES:
        p = subprocess.run(["valgrind", "-q", "--error-exitcode=99", WALK, os.path.join(REPO, rel)],
                           capture_output=True, timeout=300)
        assert p.returncode == 99 and b"Invalid read" in p.stderr, (rel, p.returncode, p.stderr[-800:])


@test
def each_difference_names_cell_and_who_is_right():
    cell = re.compile(r"^.*\.xls: '[^']*'![A-Z]+[0-9]+: [^:]+: ogi .*, freexl .*: "
                      r"(ogi is right|freexl is right)")
    for line in DIFFS:
        assert cell.match(line), line
    # the counts agree with the lines
    assert len(DIFFS) == sum(r["documented"] + r["undocumented"] for r in RESULTS.values())


@test
def both_read_every_real_report_alike():
    # the samples and the mapper's workbooks are whole files: both must
    # read them, and ogi must agree on every cell freexl reads
    whole = [f for f in FILES if os.path.relpath(f, REPO).split(os.sep)[0] == "samples"
             or os.path.relpath(f, REPO).startswith(os.path.join("tests", "fixtures", "newuser"))]
    assert len(whole) >= 6, whole
    for f in whole:
        r = RESULTS[f]
        assert r["outcome"] == "both read", (f, r)
        assert r["cells"] >= 10 and r["undocumented"] == 0, (f, r)
    compared = sum(r["cells"] for r in RESULTS.values())
    assert compared > 50000, compared


@test
def ogi_refuses_only_what_it_means_to():
    # a file freexl reads and ogi does not: ogi's reason must be one it
    # gives on purpose (Excel 95, a damaged stream: docs/security.md), and
    # only for the corpus of broken files
    for f, r in RESULTS.items():
        if r["outcome"] != "only freexl reads":
            continue
        rel = os.path.relpath(f, REPO)
        assert rel.startswith(os.path.join("tests", "fixtures", "bad")), (rel, r)
        assert "Excel 95" in r["ogi"] or "damaged" in r["ogi"], (rel, r)


@test
def documented_kinds_still_happen():
    # a row of the table that nothing exercises any more is stale
    # (kinds documented for fuzzed input only must not occur here at all)
    kinds = set(re.findall(r"^documented: ([^:]+):", OUT, re.M))
    seen = {l.split(": ")[2] for l in DIFFS}
    assert kinds, OUT[:500]
    # (text across CONTINUE records: seen in long-strings.xls, where freexl's
    # answer varies, see FREEXL_MISBEHAVES)
    assert {"formula result", "NaN number"} <= seen, seen
    assert seen <= kinds, seen - kinds


finish()
