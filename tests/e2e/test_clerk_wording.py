#!/usr/bin/python3
"""End-to-end test of issue 12 on held-out wording: labels as a clerk retypes
them, written down before ogi was tuned on them.

tests/fixtures/clerk/make_clerk.py writes, into a temporary folder, a
complete 2021-format report whose sums all hold (表二, 表三, 表四, the
official layout, merged and plain) and the same report with one label
reworded (a synonym, a shortened or lengthened phrase, a total written 小计
or 合计), or every label of one table at once. Each must read as its base:
the same statutory cells with the same values, status pass, and every
reworded label the mapper took named by a map.label_variant info. The base's
cells are what ogi reads from the untouched report, itself checked against
the generator's figures (every sum holds, so the base must pass).

Cases ogi does not read yet are listed in tests/fixtures/clerk/known_failures.tsv
with the why; each listed case passes only while it fails exactly as listed,
so a fix must remove its line. The rate is printed so the state of the
mapper on wording it has never seen can be read at a glance.
"""
import sys

sys.dont_write_bytecode = True  # leave nothing in the checkout

import json
import os
import shutil
import subprocess
import tempfile

from harness import finish, run, template_label_texts, test

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "reworded"))
import ways  # noqa: E402  (the test side's label normaliser)

HERE = os.path.dirname(os.path.abspath(__file__))
GEN = os.path.join(HERE, "..", "fixtures", "clerk")
VALGRIND = bool(os.environ.get("OGI_WRAP"))


def template_labels():
    """Normal forms (tests/fixtures/reworded/ways.py's, the test side's own
    normaliser) of every statutory label and variant in the templates: a
    wording that is one of them (合计 for 总计) is read as written, with no
    label info."""
    return {ways.normal(v) for v in template_label_texts()}


def known_failures():
    """{file: set of false error keys} from known_failures.tsv."""
    out = {}
    with open(os.path.join(GEN, "known_failures.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, keys = line.rstrip("\n").split("\t")[:2]
            out[name] = set(keys.split(","))
    return out


work = tempfile.mkdtemp(prefix="ogi-clerk-")
try:
    subprocess.run(["/usr/bin/python3", os.path.join(GEN, "make_clerk.py"), work], check=True)
    with open(os.path.join(work, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    if VALGRIND:  # the bases and the "every label" cases only
        manifest = [e for e in manifest if "-all-" in e["file"]]
    names = sorted({e["base"] for e in manifest} | {e["file"] for e in manifest})
    status, out, err = run("check", "--format", "json", *[os.path.join(work, n) for n in names])
    reports = {os.path.basename(r["file"]): r for r in json.loads(out)}
    known = known_failures()
    statutory = template_labels()

    def values(r):
        return {k: (v["value"], v["source"]) for k, v in r["cells"].items()}

    @test
    def test_clerk_bases_pass():
        for base in sorted({e["base"] for e in manifest}):
            r = reports[base]
            assert r["status"] == "pass", (base, r["counts"])
            assert len(r["cells"]) > 150, (base, len(r["cells"]))
            # every sum holds by construction: the cells ogi read must be the figures written
            c = {k: v["value"] for k, v in r["cells"].items()}
            assert c["t3.r.total.total"] + c["t3.carry_over.total"] == \
                c["t3.new.total"] + c["t3.carried.total"], base

    @test
    def test_clerk_wording_reads_as_base():
        failed, read = [], 0
        for e in manifest:
            r, base = reports[e["file"]], reports[e["base"]]
            diff = sorted(k for k in set(values(base)) | set(values(r))
                          if values(base).get(k) != values(r).get(k))
            wrong = [k for k in diff if k in r["cells"]]
            errors = {f["key"] for f in r["findings"] if f["severity"] == "error"}
            # a cell in another statutory cell's place is never acceptable, listed or not
            assert not wrong, (e["file"], e["wording"], "wrong cells", wrong[:5])
            if e["file"] in known:
                assert errors == known[e["file"]], (e["file"], "now fails as", sorted(errors))
                continue
            if r["status"] != "pass" or diff:
                failed.append((e["file"], e["wording"], sorted(errors)[:4]))
                continue
            read += 1
            if not e["wording"].startswith("all ") and ways.normal(e["wording"]) not in statutory:
                notes = [f for f in r["findings"] if f["rule"] == "map.label_variant"]
                assert any(e["wording"] in f["message"] for f in notes), \
                    (e["file"], e["wording"], "read without a map.label_variant info")
        print(f"  clerk wording: {read} of {len(manifest)} read as the original, "
              f"{len(known)} known failures, {len(failed)} new failures")
        assert not failed, failed[:6]
        listed = {e["file"] for e in manifest}
        assert VALGRIND or set(known) <= listed, set(known) - listed
finally:
    shutil.rmtree(work, ignore_errors=True)
finish()
