#!/usr/bin/python3
"""End-to-end tests of the mapper beyond the samples: the real binary on the
workbooks of tests/fixtures/data/ (tests/fixtures/data/make_variants.pl writes them, and
tests/fixtures/data/make_lo_variants.sh saves some with LibreOffice).

For every statutory cell it placed, the generator wrote into
tests/fixtures/data/variants.tsv the sheet and A1 reference it used and the value ogi
must read there: each variant's JSON must have exactly those cells, with
those sources and values. The findings of each variant are listed below,
whole: a variant changes one thing about a report whose sums all hold, so
its findings are known.
"""
import collections
import json
import os
import re
from harness import finish, results, run

DATA = "tests/fixtures/data"


def test(fn):
    try:
        fn()
        results["passed"] += 1
        print(f"[ PASS ] {fn.__name__}")
    except AssertionError as e:
        results["failed"] += 1
        print(f"[ FAIL ] {fn.__name__}: {e}")
    except Exception as e:  # a crash of the test itself is a failure too
        results["failed"] += 1
        print(f"[ FAIL ] {fn.__name__}: {type(e).__name__}: {e}")
    return fn


def manifest():
    cells = collections.defaultdict(dict)
    with open(os.path.join(DATA, "variants.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            variant, cid, sheet, a1, value = line.rstrip("\n").split("\t")
            cells[variant][cid] = (f"'{sheet}'!{a1}", None if value == "null" else float(value))
    return cells


MANIFEST = manifest()
ALL_TEXT_NUMBERS = ["t3.new.person", "t3.new.total", "t3.carried.person", "t3.r.granted.person",
                    "t2.license.decisions", "t2.other_services.decisions", "t2.license.change",
                    "t2.other_services.change", "t2.penalty.change", "t2.enforcement.change"]

# variant: (status, template, {finding key: (severity, expected, actual)},
#           cells the generator placed that this template has no id for)
TEXT_NUMBER_FINDINGS = dict(
    [(f"value.text_number:{c}", ("info", None, None)) for c in ALL_TEXT_NUMBERS] + [
        ("value.dash:t3.r.denied.secret.person", ("info", None, None)),
        ("value.dash:t3.r.denied.law.person", ("info", None, None)),
        ("value.dash:t3.r.denied.safety.person", ("info", None, None)),
        ("value.expression:t3.r.unable.unclear.total", ("warning", None, None)),
        ("value.unit:t2.procurement.items", ("info", None, None)),
        ("value.unit:t2.procurement.amount", ("info", None, None)),
        ("value.annotated:t2.normative.total", ("warning", None, None))])

WANT = {
    "shifted": ("pass", "ogi-2019", {}, []),
    "sheets": ("pass", "ogi-2019", {}, []),
    "lo-sheets": ("pass", "ogi-2019", {}, []),
    "labels-leaf": ("pass", "ogi-2019", {}, []),
    "labels-two-columns": ("pass", "ogi-2019", {}, []),
    "labels-three-columns": ("pass", "ogi-2019", {}, []),
    "labels-merged": ("pass", "ogi-2019", {}, []),
    "labels-full": ("pass", "ogi-2019", {}, []),
    "traditional": ("pass", "ogi-2019", {}, []),
    "web-copy": ("pass", "ogi-2019", {}, []),
    "wording": ("pass", "ogi-2019", {}, []),
    "repeated-header": ("pass", "ogi-2019", {}, []),
    "serial-remarks": ("pass", "ogi-2019", {}, []),
    "format-2021": ("pass", "ogi-2021", {}, []),
    "text-numbers": ("pass", "ogi-2019", TEXT_NUMBER_FINDINGS, []),
    # LibreOffice keeps text as text
    "lo-text-numbers": ("pass", "ogi-2019", TEXT_NUMBER_FINDINGS, []),
    "lo-traditional": ("pass", "ogi-2019", {}, []),
    "extra-rows": ("pass", "ogi-2019", {
        "map.extra_row:'Sheet1'!A8": ("info", None, None),
        "map.extra_row:'Sheet1'!A9": ("info", None, None)}, []),
    "missing": ("fail", "ogi-2019", {
        "map.missing_row:t3.r.other": ("error", None, None),
        "map.missing_column:t3.research": ("error", None, None)}, []),
    # 表二 and 表四 fit 2021 best, 表三 fits 2019: the report is 2021, its
    # 表三 is read and checked as the 2019 one (its single （六）其他处理
    # row included), with a warning (spec §2)
    "mixed-version": ("pass", "ogi-2021", {
        "map.mixed_version:t3": ("warning", None, None)}, []),
    # the 复议后起诉 total =SUM(K..M) leaves 尚未审结 (2) out: 7 for 9
    "formulas-cached": ("fail", "ogi-2019", {
        "t4.total:suit_after_review": ("error", 9, 7),
        "value.text_number:t2.procurement.items": ("info", None, None),
        "value.not_number:t3.r.denied.query.legal": ("error", None, None),
        "value.not_number:t3.r.denied.query.ngo": ("error", None, None)}, []),
    "lo-formulas": ("fail", "ogi-2019", {
        "t4.total:suit_after_review": ("error", 9, 7)}, []),
    # NaN is not a count: counted as 0, so the sums still hold
    "nan-number": ("fail", "ogi-2019", {
        "value.not_number:t3.r.unable.not_held.other_org": ("error", None, None)}, []),
    "chart": ("pass", "ogi-2019", {}, []),
    "lo-chart": ("pass", "ogi-2019", {}, []),
    "only-t3": ("fail", "ogi-2019", {
        "map.missing_table:t2": ("error", None, None),
        "map.missing_table:t4": ("error", None, None)}, []),
    "unrelated": ("no_tables", None, {}, []),
}


_checked = {}


def check_json(name):
    """ogi check --format json of one variant, run once per test run."""
    if name not in _checked:
        rc, out, err = run("check", "--format", "json", os.path.join(DATA, name + ".xls"))
        _checked[name] = (rc, json.loads(out), err)
    return _checked[name]


@test
def test_every_variant_is_listed():
    # make_formulas.pl makes workbooks for test_convert.py, which asserts them.
    with open(os.path.join(DATA, "make_formulas.pl"), encoding="utf-8") as f:
        other_suites = set(re.findall(r"([a-z0-9-]+)\.xls\b", f.read()))
    files = {f[:-4] for f in os.listdir(DATA) if f.endswith(".xls")} - other_suites
    assert files == set(WANT), f"unlisted {sorted(files - set(WANT))}, absent {sorted(set(WANT) - files)}"
    assert set(MANIFEST) <= set(WANT), sorted(set(MANIFEST) - set(WANT))


@test
def test_cells_sources_and_values():
    for name, (status, template, _, unmapped) in WANT.items():
        _, doc, _ = check_json(name)
        if status == "no_tables":
            assert doc["cells"] == {}, name
            continue
        want = {k: v for k, v in MANIFEST[name].items() if k not in unmapped}
        got = doc["cells"]
        assert set(got) == set(want), \
            f"{name}: cells not found {sorted(set(want) - set(got))[:5]}, unexpected {sorted(set(got) - set(want))[:5]}"
        for cid, (source, value) in want.items():
            c = got[cid]
            assert c["source"] == source, f"{name}: {cid} read at {c['source']}, placed at {source}"
            if value is None:
                assert c["value"] is None, f"{name}: {cid} = {c['value']}, placed empty"
            else:
                assert c["value"] is not None and abs(c["value"] - value) < 1e-9, \
                    f"{name}: {cid} = {c['value']}, placed {value} (raw {c['raw']!r})"


@test
def test_findings_status_and_exit_code():
    for name, (status, template, findings, _) in WANT.items():
        rc, doc, err = check_json(name)
        assert doc["status"] == status, f"{name}: {doc['status']} != {status}"
        assert doc["template"] == template, f"{name}: {doc['template']} != {template}"
        assert rc == {"pass": 0, "fail": 1}.get(status, 2), f"{name}: exit {rc} for {status}"
        got = {f["key"]: f for f in doc["findings"]}
        assert len(got) == len(doc["findings"]), f"{name}: duplicate keys"
        assert set(got) == set(findings), \
            f"{name}: unexpected {sorted(set(got) - set(findings))}, missing {sorted(set(findings) - set(got))}"
        for key, (severity, expected, actual) in findings.items():
            f = got[key]
            assert f["severity"] == severity, f"{name}: {key} is {f['severity']}"
            if expected is not None:
                assert (f["expected"], f["actual"]) == (expected, actual), (name, key, f)
        counts = collections.Counter(f["severity"] for f in doc["findings"])
        assert doc["counts"] == {s: counts.get(s, 0) for s in ("error", "warning", "info")}, (name, doc["counts"])


@test
def test_formula_results_are_read_as_values():
    # LibreOffice computed =SUM(D27:I27) and stored 224: freexl skips it
    for name in ("lo-formulas", "formulas-cached"):
        _, doc, _ = check_json(name)
        c = doc["cells"]["t3.new.total"]
        assert c["value"] == 224 and c["raw"] == "224", (name, c)
        assert doc["cells"]["t3.r.total.person"]["value"] == 234, name
    _, doc, _ = check_json("formulas-cached")
    assert doc["cells"]["t2.procurement.items"]["raw"] == "52 ", doc["cells"]["t2.procurement.items"]
    # cached errors and booleans are read too (and are not counts)
    assert doc["cells"]["t3.r.denied.query.legal"]["raw"] == "#DIV/0!", doc["cells"]["t3.r.denied.query.legal"]
    assert doc["cells"]["t3.r.denied.query.ngo"]["raw"] == "FALSE", doc["cells"]["t3.r.denied.query.ngo"]


@test
def test_extra_rows_name_their_label():
    _, doc, _ = check_json("extra-rows")
    msgs = sorted(f["message"] for f in doc["findings"] if f["rule"] == "map.extra_row")
    assert any("其他主动公开文件" in m for m in msgs) and any("发布总数量" in m for m in msgs), msgs
    rc, out, _ = run("check", os.path.join(DATA, "extra-rows.xls"))
    assert "'Sheet1'!A8" in out and "'Sheet1'!A9" in out and "发布总数量" in out, out
    assert all(f["cells"] == [] or f["cells"] is not None for f in doc["findings"])
    # the rows below are left alone: 行政许可 is still where it was
    assert doc["cells"]["t2.license.decisions"]["source"] == "'Sheet1'!D12", doc["cells"]["t2.license.decisions"]


@test
def test_agency_year_and_version_detection():
    _, doc, _ = check_json("traditional")
    assert doc["agency"] == "盐城市人力资源和社会保障局" and doc["year"] == 2019, (doc["agency"], doc["year"])
    _, doc, _ = check_json("format-2021")
    assert doc["template"] == "ogi-2021" and doc["year"] == 2021, (doc["template"], doc["year"])
    # 2021 format with the 2019 wording 规范性文件: still the 2021 cells
    assert doc["cells"]["t2.normative.in_force"]["value"] == 41, doc["cells"]["t2.normative.in_force"]


@test
def test_text_report_of_variants():
    rc, out, _ = run("check", os.path.join(DATA, "mixed-version.xls"))
    assert rc == 0 and "结论：通过" in out and "map.mixed_version" in out and "ogi-2019" in out, out
    rc, out, _ = run("check", "--lang", "en", os.path.join(DATA, "lo-formulas.xls"))
    assert rc == 1 and "Verdict: FAIL" in out, out
    ref = MANIFEST["lo-formulas"]["t4.suit_after_review.total"][0]
    assert "t4.total:suit_after_review" in out and ref in out, (ref, out)
    assert "Table 4 / litigation after review / total" in out, out
    assert "expected 9, found 7" in out, out
    rc, out, err = run("check", "--lang", "en", os.path.join(DATA, "unrelated.xls"))
    assert rc == 2 and "no statutory table" in out + err, (out, err)


@test
def test_several_variants_give_one_array():
    names = ["shifted", "missing", "unrelated"]
    rc, out, _ = run("check", "--format", "json", *[os.path.join(DATA, n + ".xls") for n in names])
    docs = json.loads(out)
    assert [d["status"] for d in docs] == ["pass", "fail", "no_tables"], docs
    assert rc == 2, rc

finish()
