#!/usr/bin/python3
"""End-to-end tests of `ogi check`: the real binary on real .xls files.

Expectations come from two places: tests/fixtures/expected/NAME.tsv, derived by hand
from the seed reports (docs/samples.md says how), and tests/fixtures/expected/NAME.json,
the whole JSON output, reviewed against the former and kept as a golden file
(OGI_UPDATE_GOLDEN=1 rewrites them).
"""
import glob
import json
import os
import subprocess
import tempfile
from harness import OGI, WRAP, finish, run, test


def workbooks():
    files = sorted(glob.glob("samples/*.xls")) + sorted(glob.glob("tests/variants/*.xls"))
    return [f for f in files if os.path.exists(expected_tsv(f))]


def expected_tsv(path):
    return os.path.join("tests/fixtures/expected", os.path.splitext(os.path.basename(path))[0] + ".tsv")


def read_expected(path):
    findings, cells, status = {}, {}, None
    with open(expected_tsv(path), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if parts[0] == "cell":
                cells[parts[1]] = None if parts[2] == "null" else float(parts[2])
            elif parts[0] == "status":
                status = parts[1]
            else:
                exp = float(parts[2]) if len(parts) > 2 and parts[2] not in ("", "-") else None
                act = float(parts[3]) if len(parts) > 3 and parts[3] not in ("", "-") else None
                findings[parts[0]] = (parts[1], exp, act)
    return findings, cells, status


def check_json(path, lang="zh"):
    rc, out, err = run("check", "--format", "json", "--lang", lang, path)
    doc = json.loads(out)
    return rc, doc, err


SUM_RULES = ("t3.balance", "t3.result_total", "t3.row_total", "t4.total",
             "t2.published_le_total", "t2.in_force")


@test
def test_samples_match_hand_derived_findings():
    books = workbooks()
    assert len(books) >= 5, f"expected the samples and their expectations, found {books}"
    for path in books:
        findings, cells, status = read_expected(path)
        rc, doc, _ = check_json(path)
        if status:
            assert doc["status"] == status, f"{path}: status {doc['status']} != {status}"
        got = {f["key"]: f for f in doc["findings"]}
        # every sum-rule finding ogi reports was derived by hand, and vice versa
        got_sums = {k for k, f in got.items() if f["rule"] in SUM_RULES}
        want_sums = {k for k in findings if k.split(":")[0] in SUM_RULES}
        assert got_sums == want_sums, f"{path}: sum findings differ: extra {sorted(got_sums - want_sums)}, missing {sorted(want_sums - got_sums)}"
        for key, (sev, exp, act) in findings.items():
            assert key in got, f"{path}: missing finding {key}"
            assert got[key]["severity"] == sev, f"{path}: {key} is {got[key]['severity']}, not {sev}"
            if exp is not None:
                assert abs(got[key]["expected"] - exp) < 1e-6, f"{path}: {key} expected {got[key]['expected']} != {exp}"
            if act is not None:
                assert abs(got[key]["actual"] - act) < 1e-6, f"{path}: {key} actual {got[key]['actual']} != {act}"
        for cid, value in cells.items():
            assert cid in doc["cells"], f"{path}: cell {cid} not found"
            v = doc["cells"][cid]["value"]
            if value is None:
                assert v is None, f"{path}: {cid} = {v}, expected empty"
            else:
                assert v is not None and abs(v - value) < 1e-6, f"{path}: {cid} = {v}, expected {value}"
        want_rc = {"pass": 0, "fail": 1}.get(doc["status"], 2)
        assert rc == want_rc, f"{path}: exit {rc} for status {doc['status']}"


@test
def test_whole_json_matches_golden():
    update = os.environ.get("OGI_UPDATE_GOLDEN") == "1"
    books = workbooks()
    assert books
    for path in books:
        golden = os.path.splitext(expected_tsv(path))[0] + ".json"
        _, doc, _ = check_json(path)
        if update:
            with open(golden, "w", encoding="utf-8") as f:
                json.dump(doc, f, ensure_ascii=False, indent=1, sort_keys=True)
                f.write("\n")
            continue
        assert os.path.exists(golden), f"no golden file {golden}"
        with open(golden, encoding="utf-8") as f:
            want = json.load(f)
        for key in ("file", "template", "status", "agency", "year", "counts", "sha256"):
            assert doc.get(key) == want.get(key), f"{path}: {key}: {doc.get(key)!r} != {want.get(key)!r}"
        assert doc["cells"] == want["cells"], f"{path}: cells differ from {golden}"
        assert doc["findings"] == want["findings"], f"{path}: findings differ from {golden}"


@test
def test_cells_carry_value_raw_and_source():
    _, doc, _ = check_json("samples/foshan-2019.xls")
    assert doc["template"] == "ogi-2019"
    c = doc["cells"]["t3.new.person"]
    assert c["value"] == 37 and c["raw"] == "37", c
    assert c["source"].startswith("'") and "'!" in c["source"], c
    for cid, cell in doc["cells"].items():
        assert set(cell) == {"value", "raw", "source"}, (cid, cell)


@test
def test_text_report_key_lines():
    rc, out, _ = run("check", "samples/foshan-2019.xls")
    assert rc == 1, rc
    assert "结论：未通过" in out, out
    assert "格式版本：ogi-2019" in out, out
    assert "单位：佛山市人力资源和社会保障局" in out, out
    assert "年度：2019" in out, out
    assert "t3.balance:person" in out and "表三 第一项" in out and "自然人" in out, out
    assert "应为 39，实为 37" in out, out


@test
def test_english():
    rc, out, _ = run("check", "--lang", "en", "samples/foshan-2019.xls")
    assert "Verdict: FAIL" in out, out
    assert "does not equal" in out, out
    _, doc, _ = check_json("samples/foshan-2019.xls", "en")
    msgs = [f["message"] for f in doc["findings"] if f["key"] == "t3.balance:person"]
    assert msgs and msgs[0].startswith("Item 1 plus item 2 (39)"), msgs


@test
def test_old_format_is_no_tables():
    rc, out, err = run("check", "samples/huadu-2017.xls")
    assert rc == 2, rc
    assert "未找到法定统计表格" in err + out, (out, err)
    rc, doc, _ = check_json("samples/huadu-2017.xls")
    assert doc["status"] == "no_tables" and doc["template"] is None, doc
    assert doc["findings"] == [] and doc["cells"] == {}, doc


@test
def test_several_files_give_an_array_and_the_worst_status():
    rc, out, _ = run("check", "--format", "json", "samples/foshan-2019.xls", "samples/huadu-2017.xls")
    docs = json.loads(out)
    assert isinstance(docs, list) and len(docs) == 2, out[:200]
    assert [d["status"] for d in docs] == ["fail", "no_tables"], [d["status"] for d in docs]
    assert rc == 2, rc


@test
def test_refusals_are_clear_and_write_nothing():
    with tempfile.TemporaryDirectory() as d:
        cases = {}
        cases["empty.xls"] = b""
        cases["random.xls"] = bytes((i * 7919 + 13) % 256 for i in range(4096))
        cases["zip.xls"] = b"PK\x03\x04" + b"\x00" * 26 + b"[Content_Types].xml" + b"\x00" * 200
        head = open("samples/foshan-2019.xls", "rb").read()
        cases["truncated.xls"] = head[: len(head) // 3]
        # an OLE2 directory entry whose name claims 29974 bytes (freexl read
        # past its 64-byte field: found by make fuzz)
        bad = bytearray(head)
        at = bad.find("Workbook".encode("utf-16-le"))
        bad[at + 64:at + 66] = (29974).to_bytes(2, "little")
        cases["dirname.xls"] = bytes(bad)
        # a directory whose root entry is marked as a plain storage: libgsf
        # still finds the Workbook stream, so it is read like the original
        # (and under valgrind, without a leak)
        bad = bytearray(head)
        at = bad.find("Root Entry".encode("utf-16-le"))
        bad[at + 66] = 1
        noroot = os.path.join(d, "noroot.xls")
        with open(noroot, "wb") as f:
            f.write(bytes(bad))
        rc, out, _ = run("check", "--format", "json", noroot)
        _, orig, _ = run("check", "--format", "json", "samples/foshan-2019.xls")
        assert rc == 1 and json.loads(out)["findings"] == json.loads(orig)["findings"], rc
        for name, data in cases.items():
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)
        before = sorted(os.listdir(d))
        for name in cases:
            p = os.path.join(d, name)
            rc, out, err = run("check", "--format", "json", p)
            assert rc == 2, (name, rc, err)
            doc = json.loads(out)
            assert doc["status"] == "unreadable", (name, doc)
            assert doc["message"] and name in err, (name, err)
        rc, _, err = run("check", os.path.join(d, "missing.xls"))
        assert rc == 2 and "文件不存在" in err, err
        rc, _, err = run("check", "--lang", "en", d)
        assert rc == 2 and "folder" in err, err
        assert sorted(os.listdir(d)) == before, "a refused input left a file behind"


@test
def test_exit_status_is_the_worst_file():
    rc, out, _ = run("check", "samples/tianjin-2019.xls")
    assert rc == 0 and "结论：通过" in out, (rc, out)
    rc, out, _ = run("check", "samples/tianjin-2019.xls", "samples/foshan-2019.xls")
    assert rc == 1, rc
    # one text report per file, in the order given
    assert out.index("tianjin-2019.xls") < out.index("foshan-2019.xls"), out
    assert out.count("结论：") == 2, out
    rc, _, _ = run("check", "samples/tianjin-2019.xls", "samples/huadu-2017.xls")
    assert rc == 2, rc
    rc, out, _ = run("check", "--format", "json", "samples/tianjin-2019.xls")
    assert rc == 0 and isinstance(json.loads(out), dict), out[:100]


@test
def test_threads_do_not_change_the_output():
    files = sorted(glob.glob("samples/*.xls")) * 3
    outs = []
    for jobs in ("1", "2", "5"):
        rc, out, err = run("check", "-j", jobs, "--format", "json", *files)
        outs.append((rc, out, err))
    assert outs[0] == outs[1] == outs[2], "output differs with the number of threads"
    assert len(json.loads(outs[0][1])) == len(files)


@test
def test_text_report_english_lines():
    rc, out, err = run("check", "--lang", "en", "samples/yancheng-2020.xls")
    assert rc == 1 and "Verdict: FAIL" in out, out
    assert "Format: ogi-2019 (Circular 2019 No. 60" in out, out
    assert "Agency: 盐城市人力资源和社会保障局" in out and "Year: 2020" in out, out
    assert "errors: 2, warnings: 135, infos: 1" in out, out
    line = [l for l in out.splitlines() if "t3.balance:total" in l][0]
    assert "'年報表格'!J25" in line and "Table 3 / item 1: new applications this year / total" in line, line
    assert "suggested: Table 3 / item 4: carried over to next year / total ('年報表格'!J47) = 18" in out, out
    # the sums come before the dozens of empty cells of the same table
    assert out.index("t3.balance:total") < out.index("value.missing:"), out
    for zh in ("结论", "应为", "实为", "表三", "错误", "警告"):
        assert zh not in out, (zh, out)
    rc, _, err = run("check", "--lang", "en", "/nonexistent.xls")
    assert rc == 2 and "no such file" in err, err
    rc, _, err = run("check", "--lang", "en")
    assert rc == 2 and "usage" in err, err


@test
def test_file_name_not_in_utf8():
    # a GBK file name (from a Windows zip): the JSON stays valid, the name
    # keeps its readable part
    with tempfile.TemporaryDirectory() as d:
        name = os.path.join(d.encode(), b"\xb9\xfa-tianjin.xls")
        with open("samples/tianjin-2019.xls", "rb") as src, open(name, "wb") as dst:
            dst.write(src.read())
        p = subprocess.run(WRAP + [OGI, "check", "--format", "json", name], capture_output=True, timeout=300)
        doc = json.loads(p.stdout.decode("utf-8"))
        assert p.returncode == 0 and doc["status"] == "pass", (p.returncode, p.stderr)
        assert doc["file"].endswith("\ufffd\ufffd-tianjin.xls"), doc["file"]


@test
def test_bad_usage():
    rc, _, err = run("check")
    assert rc == 2 and "ogi check" in err, err
    rc, _, err = run("frobnicate")
    assert rc == 2, rc



@test
def test_command_help_and_option_errors():
    # each command's --help lists its own options and the shared limits
    for cmd, own in (("check", "--format"), ("convert", "--outdir"), ("watch", "--settle")):
        rc, out, _ = run(cmd, "--help")
        assert rc == 0 and own in out and "--max-cells" in out and "--max-seconds" in out, (cmd, out)
        assert "用法" in out, (cmd, out[:100])
        rc, out, _ = run(cmd, "--help", "--lang", "en")
        assert rc == 0 and out.startswith("usage: ogi " + cmd), (cmd, out[:100])
    # a refused option says why, in the language asked for
    rc, out, err = run("check", "--lang", "en", "--max-cells", "lots", "x.xls")
    assert rc == 2 and out == "" and err.splitlines()[0] == \
        "ogi check: bad value 'lots' for --max-cells: a positive whole number, k or M allowed (200M)", err
    rc, _, err = run("convert", "--frobnicate", "x.xls")
    assert rc == 2 and err.splitlines()[0] == "ogi convert：没有 --frobnicate 这个选项", err
    rc, _, err = run("check", "x.xls", "-j")
    assert rc == 2 and "-j" in err.splitlines()[0] and "缺少取值" in err, err


@test
def test_text_report_groups_repeated_cell_findings():
    # 133 empty cells: one block that names every cell, not 133 findings
    _, out, _ = run("check", "--format", "json", "samples/yancheng-2020.xls")
    doc = json.loads(out)
    missing = [f for f in doc["findings"] if f["rule"] == "value.missing"]
    _, text, _ = run("check", "--lang", "en", "samples/yancheng-2020.xls")
    heads = [l for l in text.splitlines() if "value.missing" in l]
    assert heads == [f"  [warning] value.missing: {len(missing)} cells"], heads
    block = text.split(heads[0])[1].split("\n\n")[0]
    listed = [ref for line in block.splitlines()[2:] for ref in line.split("!")[-1].split()]
    want = [doc["cells"][f["cells"][0]]["source"].split("!")[1] for f in missing]
    assert sorted(listed) == sorted(want), (listed[:5], want[:5])


@test
def test_formulas_without_results_are_named():
    # =SUM cells saved without a result (scripts, online forms): a warning
    # that says so, not "empty: write 0"
    path = "tests/fixtures/newuser/uncached-formulas-2019.xlsx"
    _, out, _ = run("check", "--format", "json", path)
    doc = json.loads(out)
    uncached = [f for f in doc["findings"] if f["rule"] == "value.formula_uncached"]
    assert len(uncached) == 23 and all(f["severity"] == "warning" for f in uncached), len(uncached)
    assert "公式没有保存计算结果" in uncached[0]["message"], uncached[0]["message"]
    assert all(doc["cells"][f["cells"][0]]["raw"] == "" for f in uncached), uncached[0]
    assert not [f for f in doc["findings"] if f["rule"] == "value.missing"
                and doc["cells"][f["cells"][0]]["source"].endswith(("!J25", "!J47"))]
    _, text, _ = run("check", "--lang", "en", path)
    assert "value.formula_uncached: 23 cells" in text and "open and save" in text, text



finish()
