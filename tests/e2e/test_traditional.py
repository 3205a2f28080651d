#!/usr/bin/python3
"""End-to-end test of phrase-level traditional -> simplified conversion:
a workbook written in traditional characters maps exactly as its simplified
twin.

The twin is made without ogi: openpyxl reads a sample's .xlsx and OpenCC's
own command line tool (`opencc -c s2t`, Debian package opencc) converts
every text cell at the phrase level, as a traditional-character office
writes: 反复 becomes 反覆 (not 反復), 后 becomes 後, 于 becomes 於, 秘密 becomes
祕密. 覆 is the hard case: on its own OpenCC's t2s keeps it (覆盖), so a
per-character conversion leaves 反覆 unread; only the phrase gives 反复.
Sheet names are kept, so the two reports' source references compare equal.
"""
import json
import os
import subprocess
import tempfile

import openpyxl
from harness import finish, run, test

SOURCES = ["tests/fixtures/formats/excel/foshan-2019.xlsx", "tests/fixtures/formats/excel/synthetic-2021.xlsx",
           "tests/fixtures/formats/excel/guangdong-2020.xlsx"]


def s2t(texts):
    """OpenCC's s2t of each text, in one run of the tool (one JSON string a
    line, so a text's own line breaks survive)."""
    lines = "".join(json.dumps(t, ensure_ascii=False) + "\n" for t in texts)
    p = subprocess.run(["opencc", "-c", "s2t"], input=lines.encode("utf-8"), capture_output=True,
                       check=True)
    out = [json.loads(line) for line in p.stdout.decode("utf-8").splitlines()]
    assert len(out) == len(texts), "opencc changed the number of lines"
    return out


def traditional_twin(src, dst):
    """Writes dst: src with every text cell in traditional characters; returns
    the converted texts."""
    wb = openpyxl.load_workbook(src)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value.strip()]
    converted = s2t([c.value for c in cells])
    for c, text in zip(cells, converted):
        c.value = text
    wb.save(dst)
    return converted


def check_json(path):
    rc, out, err = run("check", "--format", "json", path)
    assert out, f"no JSON for {path}: {err}"
    return rc, json.loads(out)


def placed(doc):
    """Each statutory cell: where it was read and what it holds."""
    return {cid: (c["source"], c["value"]) for cid, c in doc["cells"].items()}


def finding_keys(doc):
    return sorted((f["key"], f["severity"], f.get("expected"), f.get("actual"))
                  for f in doc["findings"])


@test
def test_traditional_twin_maps_as_the_simplified_workbook():
    with tempfile.TemporaryDirectory() as d:
        phrases = set()
        for src in SOURCES:
            twin = os.path.join(d, "traditional-" + os.path.basename(src))
            texts = traditional_twin(src, twin)
            phrases.update(p for p in ("反覆", "後", "於") if any(p in t for t in texts))
            rc, want = check_json(src)
            rc_twin, got = check_json(twin)
            what = os.path.basename(src)
            assert want["cells"], f"{what}: the simplified workbook maps no cell"
            assert rc_twin == rc, f"{what}: exit {rc_twin}, the simplified twin gives {rc}"
            assert got["status"] == want["status"], f"{what}: status {got['status']}"
            assert got["template"] == want["template"], f"{what}: template {got['template']}"
            assert placed(got) == placed(want), (
                f"{what}: cells differ: missing {sorted(set(placed(want)) - set(placed(got)))}, "
                f"extra {sorted(set(placed(got)) - set(placed(want)))}")
            assert finding_keys(got) == finding_keys(want), (
                f"{what}: findings differ: {sorted(set(finding_keys(got)) ^ set(finding_keys(want)))}")
            # the title is read through the same conversion
            assert got["agency"] == want["agency"], f"{what}: agency {got['agency']}"
            assert got["year"] == want["year"], f"{what}: year {got['year']}"
        # the twins hold the phrase-level cases, so the test tests them
        assert phrases == {"反覆", "後", "於"}, f"only {phrases} written"


@test
def test_phrase_only_label_is_read():
    """反覆 alone decides a row: a workbook whose only traditional text is
    無正當理由大量反覆申請 still has that row, with its figures."""
    with tempfile.TemporaryDirectory() as d:
        src = "tests/fixtures/formats/excel/synthetic-2021.xlsx"
        wb = openpyxl.load_workbook(src)
        hits = 0
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    if isinstance(c.value, str) and "反复" in c.value:
                        c.value = c.value.replace("反复", "反覆")
                        hits += 1
        assert hits >= 1, "the sample has no 反复 label"
        twin = os.path.join(d, "fanfu.xlsx")
        wb.save(twin)
        _, want = check_json(src)
        _, got = check_json(twin)
        mass = {cid for cid in want["cells"] if ".r.refused.mass." in cid}
        assert mass, "the sample maps no 无正当理由大量反复申请 cell"
        for cid in mass:
            assert got["cells"].get(cid) == want["cells"][cid], f"{cid}: {got['cells'].get(cid)}"
        assert finding_keys(got) == finding_keys(want), "findings differ"


finish()
