#!/usr/bin/python3
"""End-to-end tests of `ogi convert`: the real binary on the samples, the
marked-up workbook read back with an independent reader (openpyxl) and
compared with what `ogi check --format json` says about the same file.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

import openpyxl
from openpyxl.utils.cell import coordinate_from_string, column_index_from_string
from harness import results, run, test

TMP = tempfile.mkdtemp(prefix="ogi-convert-test.")

# The submitter's sheets of each sample, as samples/make_samples.pl makes them.
SOURCE_SHEETS = {
    "foshan-2019": ["年报统计表"],
    "guangdong-2020": ["主动公开", "依申请公开", "复议诉讼"],
    "synthetic-2021": ["统计表"],
    "tianjin-2019": ["Sheet1"],
    "yancheng-2020": ["年報表格"],
}
STATUTORY = ["规范-表二", "规范-表三", "规范-表四"]
# Fill colours by mark: a finding's first cell is the stronger shade.
ERROR_FIRST, ERROR, WARNING_FIRST, WARNING, INFO = (
    "FFFFC7CE", "FFFFE1E1", "FFFFEB9C", "FFFFF2CC", "FFDDEBF7")
MARK_COLOURS = {ERROR_FIRST, ERROR, WARNING_FIRST, WARNING, INFO}
STRENGTH = [None, INFO, WARNING, WARNING_FIRST, ERROR, ERROR_FIRST]


def samples():
    return [f for f in sorted(glob.glob("samples/*.xls"))
            if os.path.splitext(os.path.basename(f))[0] in SOURCE_SHEETS]


def stem(path):
    return os.path.splitext(os.path.basename(path))[0]


_cache = {}


def converted(path, lang="zh"):
    """(workbook, json document) for a sample, converted once."""
    key = (path, lang)
    if key not in _cache:
        out = os.path.join(TMP, f"{stem(path)}.{lang}.xlsx")
        rc, _, err = run("convert", "--lang", lang, "-o", out, path)
        assert rc in (0, 1), f"{path}: convert exited {rc}: {err}"
        rc, text, err = run("check", "--format", "json", "--lang", lang, path)
        _cache[key] = (openpyxl.load_workbook(out), json.loads(text))
    return _cache[key]


def split_ref(ref):
    """"'年报统计表'!D7" -> ("年报统计表", "D7")."""
    m = re.fullmatch(r"'((?:[^']|'')*)'!([A-Z]+[0-9]+)", ref)
    assert m, f"not a cell reference: {ref}"
    return m.group(1).replace("''", "'"), m.group(2)


def expected_marks(doc):
    """{(sheet, cell): strongest colour} and {(sheet, cell): [messages]}."""
    fills, comments = {}, {}
    for f in doc["findings"]:
        for k, cell in enumerate(f.get("cells", [])):
            src = doc["cells"].get(cell, {}).get("source")
            if not src:
                continue
            where = split_ref(src)
            first = k == 0
            colour = {"error": ERROR_FIRST if first else ERROR,
                      "warning": WARNING_FIRST if first else WARNING,
                      "info": INFO}[f["severity"]]
            if STRENGTH.index(colour) > STRENGTH.index(fills.get(where)):
                fills[where] = colour
            if first:
                comments.setdefault(where, []).append(f["message"])
    return fills, comments


def marked_cells(ws):
    fills, comments = {}, {}
    for row in ws.iter_rows():
        for c in row:
            if c.fill is not None and c.fill.patternType == "solid":
                rgb = c.fill.fgColor.rgb
                if rgb in MARK_COLOURS:
                    fills[c.coordinate] = rgb
            if c.comment is not None:
                comments[c.coordinate] = c.comment.text
    return fills, comments


def summary_rows(ws):
    """The findings table: rows under the 序号 header."""
    rows = list(ws.iter_rows(values_only=False))
    head = next(i for i, r in enumerate(rows) if r[0].value in ("序号", "No."))
    return rows[head], [r for r in rows[head + 1:] if isinstance(r[0].value, (int, float))]


@test
def sheet_names_and_order():
    for path in samples():
        wb, _ = converted(path)
        want = ["审核结果"] + SOURCE_SHEETS[stem(path)] + STATUTORY
        assert wb.sheetnames == want, f"{path}: {wb.sheetnames} != {want}"
        assert wb.active.title == "审核结果", f"{path}: opens on {wb.active.title}"


@test
def verdict_and_meta():
    for path in samples():
        wb, doc = converted(path)
        ws = wb["审核结果"]
        assert ws["A2"].value == "结论", f"{path}: A2 is {ws['A2'].value}"
        want = "通过" if doc["status"] == "pass" else "未通过"
        assert ws["D2"].value == want, f"{path}: verdict {ws['D2'].value}, JSON {doc['status']}"
        meta = {r[0].value: r[3].value for r in ws.iter_rows(min_row=3, max_row=12)}
        assert meta["单位"] == (doc["agency"] or "（未注明）"), f"{path}: agency {meta['单位']}"
        assert meta["格式版本"].startswith(doc["template"]), f"{path}: {meta['格式版本']}"
        assert meta["原表文件"] == os.path.basename(path)
        assert re.fullmatch(r"[0-9a-f]{64}", meta["原表 SHA-256"]), meta["原表 SHA-256"]
        c = doc["counts"]
        assert meta["审核发现"] == f"错误 {c['error']} 项，警告 {c['warning']} 项，提示 {c['info']} 项"


@test
def one_summary_row_per_finding():
    for path in samples():
        wb, doc = converted(path)
        head, rows = summary_rows(wb["审核结果"])
        assert [h.value for h in head] == ["序号", "级别", "表", "规则", "位置", "原表单元格",
                                           "说明", "应为", "实为", "建议值"], [h.value for h in head]
        assert len(rows) == len(doc["findings"]), f"{path}: {len(rows)} rows, {len(doc['findings'])} findings"
        sev = {"error": "错误", "warning": "警告", "info": "提示"}
        for r, f in zip(rows, doc["findings"]):
            assert r[3].value == f["rule"], f"{path}: row {r[0].value} is {r[3].value}, not {f['rule']}"
            assert r[6].value == f["message"], f"{path}: {f['key']} message {r[6].value}"
            assert r[1].value == sev[f["severity"]], f"{path}: {f['key']} severity {r[1].value}"
            if "expected" in f:
                assert r[7].value == f["expected"] and r[8].value == f["actual"], \
                    f"{path}: {f['key']} sides {r[7].value}/{r[8].value}"


@test
def links_resolve_to_the_marked_cells():
    for path in samples():
        wb, doc = converted(path)
        _, rows = summary_rows(wb["审核结果"])
        for r, f in zip(rows, doc["findings"]):
            if not f.get("cells"):
                continue
            link = r[5].hyperlink
            assert link is not None and link.location, f"{path}: {f['key']} has no link"
            sheet, cell = split_ref(link.location)
            assert sheet in wb.sheetnames, f"{path}: link to missing sheet {sheet}"
            col, row = coordinate_from_string(cell)
            assert row <= 1048576 and column_index_from_string(col) <= 16384
            src = doc["cells"][f["cells"][0]]["source"]
            assert split_ref(src) == (sheet, cell), f"{path}: {f['key']} links {link.location}, cell is {src}"
            assert wb[sheet][cell].comment is not None, f"{path}: {link.location} has no comment"


@test
def fills_and_comments_exactly_on_named_cells():
    for path in samples():
        wb, doc = converted(path)
        want_fills, want_comments = expected_marks(doc)
        for sheet in SOURCE_SHEETS[stem(path)]:
            fills, comments = marked_cells(wb[sheet])
            wf = {c: v for (s, c), v in want_fills.items() if s == sheet}
            assert fills == wf, f"{path} {sheet}: fills differ: extra {sorted(set(fills) - set(wf))}, " \
                                f"missing {sorted(set(wf) - set(fills))}, " \
                                f"colour {[(c, fills[c], wf[c]) for c in fills if c in wf and fills[c] != wf[c]]}"
            wc = {c: v for (s, c), v in want_comments.items() if s == sheet}
            assert set(comments) == set(wc), f"{path} {sheet}: comments on {sorted(comments)} not {sorted(wc)}"
            for cell, messages in wc.items():
                for m in messages:
                    assert m in comments[cell], f"{path} {sheet}!{cell}: comment lacks {m}"


@test
def values_of_the_source_sheets_as_read():
    for path in samples():
        wb, doc = converted(path)
        for cid, c in doc["cells"].items():
            sheet, cell = split_ref(c["source"])
            got = wb[sheet][cell].value
            raw = c["raw"]
            if raw == "":
                assert got in (None, ""), f"{path} {cid}: {got!r} for an empty cell"
            elif isinstance(got, (int, float)):
                assert float(raw) == got, f"{path} {cid}: number {got} read as {raw!r}"
            else:
                assert got == raw, f"{path} {cid}: {got!r} != {raw!r}"


def statutory_values(ws):
    return sorted(float(c.value) for row in ws.iter_rows(min_row=2) for c in row
                  if isinstance(c.value, (int, float)))


@test
def statutory_sheets_hold_the_values():
    for path in samples():
        wb, doc = converted(path)
        for sheet, table in zip(STATUTORY, ("t2.", "t3.", "t4.")):
            want = sorted(float(c["value"]) for cid, c in doc["cells"].items()
                          if cid.startswith(table) and c["value"] is not None)
            got = statutory_values(wb[sheet])
            # 表三 also shows the sums the rules compared: the values read
            # are all there, in order of the template
            for v in want:
                assert v in got, f"{path} {sheet}: value {v} missing"
                got.remove(v)
            if table != "t3.":
                assert not got, f"{path} {sheet}: extra numbers {got}"


def find_row(ws, label):
    for row in ws.iter_rows():
        for c in row[:3]:
            if isinstance(c.value, str) and label in c.value:
                return c.row
    raise AssertionError(f"{ws.title}: no row labelled {label}")


def find_col(ws, label, above):
    for row in ws.iter_rows(max_row=above - 1):
        for c in row:
            if c.value == label:
                return c.column
    raise AssertionError(f"{ws.title}: no column headed {label}")


@test
def statutory_cells_in_their_places():
    probes = [("t3.new.person", "规范-表三", "本年新收", "自然人"),
              ("t3.carry_over.total", "规范-表三", "结转下年度", "总计"),
              ("t3.r.granted.business", "规范-表三", "予以公开", "商业企业")]
    for path in samples():
        wb, doc = converted(path)
        for cid, sheet, row_label, col_label in probes:
            ws = wb[sheet]
            r = find_row(ws, row_label)
            c = find_col(ws, col_label, r)
            want = doc["cells"][cid]["value"]
            got = ws.cell(row=r, column=c).value
            assert (got is None and want is None) or got == want, f"{path} {cid}: {got} != {want}"


@test
def statutory_marks_match_the_findings():
    for path in samples():
        wb, doc = converted(path)
        named = {}
        firsts = set()
        for f in doc["findings"]:
            for k, cid in enumerate(f.get("cells", [])):
                if cid in doc["cells"]:
                    named.setdefault(cid[:3], set()).add(cid)
                    if k == 0:
                        firsts.add(cid)
        for sheet, table in zip(STATUTORY, ("t2.", "t3.", "t4.")):
            fills, comments = marked_cells(wb[sheet])
            assert len(fills) == len(named.get(table, ())), \
                f"{path} {sheet}: {len(fills)} marked, {len(named.get(table, ()))} named"
            assert len(comments) == len([c for c in firsts if c.startswith(table)]), \
                f"{path} {sheet}: {len(comments)} comments"


@test
def english_workbook():
    path = "samples/foshan-2019.xls"
    wb, doc = converted(path, "en")
    assert wb.sheetnames == ["Check results", "年报统计表", "Statutory Table 2",
                             "Statutory Table 3", "Statutory Table 4"], wb.sheetnames
    ws = wb["Check results"]
    assert ws["A2"].value == "Verdict" and ws["D2"].value == "FAIL", (ws["A2"].value, ws["D2"].value)
    head, rows = summary_rows(ws)
    assert head[6].value == "Message" and len(rows) == len(doc["findings"])
    assert rows[1][6].value == doc["findings"][1]["message"]
    assert doc["findings"][1]["message"].startswith("Item 1")


@test
def refused_input_gets_no_output():
    out = os.path.join(TMP, "refused.xlsx")
    rc, _, err = run("convert", "-o", out, "samples/huadu-2017.xls")
    assert rc == 2, f"exit {rc}"
    assert "未找到法定统计表格" in err, err
    assert not os.path.exists(out)
    assert not [f for f in os.listdir(TMP) if f.endswith(".tmp")], os.listdir(TMP)


@test
def never_over_the_input():
    copy = os.path.join(TMP, "input.xls")
    with open("samples/foshan-2019.xls", "rb") as f:
        data = f.read()
    with open(copy, "wb") as f:
        f.write(data)
    rc, _, err = run("convert", "-o", copy, copy)
    assert rc == 2, f"exit {rc}"
    assert "拒绝覆盖" in err, err
    with open(copy, "rb") as f:
        assert f.read() == data, "the input changed"
    assert sorted(os.listdir(TMP)).count("input.xls") == 1
    assert not [f for f in os.listdir(TMP) if f.endswith(".tmp")], os.listdir(TMP)


@test
def batch_with_workers_writes_every_file():
    outdir = os.path.join(TMP, "batch")
    os.mkdir(outdir)
    files = samples()
    rc, out, err = run("convert", "-j", "2", "--outdir", outdir, *files)
    assert rc == 1, f"exit {rc}: {err}"
    names = sorted(os.listdir(outdir))  # hidden temporary files included
    assert names == sorted(stem(f) + ".checked.xlsx" for f in files), names
    for f in files:
        wb = openpyxl.load_workbook(os.path.join(outdir, stem(f) + ".checked.xlsx"))
        _, doc = converted(f)
        want = "通过" if doc["status"] == "pass" else "未通过"
        assert wb["审核结果"]["D2"].value == want, f


@test
def json_beside_each_workbook():
    outdir = os.path.join(TMP, "json")
    os.mkdir(outdir)
    files = samples()
    rc, _, err = run("convert", "-j", "2", "--json", "--outdir", outdir, *files)
    assert rc == 1, f"exit {rc}: {err}"
    names = sorted(os.listdir(outdir))
    want = sorted([stem(f) + ".checked.xlsx" for f in files] + [stem(f) + ".json" for f in files])
    assert names == want, names
    for f in files:
        with open(os.path.join(outdir, stem(f) + ".json"), encoding="utf-8") as fh:
            written = json.load(fh)
        _, doc = converted(f)
        assert written == doc, f"{f}: the JSON beside the workbook differs from ogi check's"


@test
def two_inputs_one_output_refused():
    sub = os.path.join(TMP, "same-name")
    os.mkdir(sub)
    copy = os.path.join(sub, "foshan-2019.xls")
    with open("samples/foshan-2019.xls", "rb") as f, open(copy, "wb") as g:
        g.write(f.read())
    outdir = os.path.join(TMP, "collide")
    os.mkdir(outdir)
    rc, out, err = run("convert", "--outdir", outdir, "samples/foshan-2019.xls", copy)
    assert rc == 2 and "同一个输出文件" in err and "foshan-2019.checked.xlsx" in err, (rc, err)
    assert os.listdir(outdir) == [], os.listdir(outdir)


@test
def unwritable_output_is_refused():
    out = os.path.join(TMP, "no-such-folder", "x.xlsx")
    rc, stdout, err = run("convert", "-o", out, "samples/foshan-2019.xls")
    assert rc == 2, f"exit {rc}"
    assert "无法写入输出文件" in err, err
    assert "→" not in stdout, stdout  # no result line for a file not written
    rc, _, err = run("convert", "--lang", "en", "-o", out, "samples/foshan-2019.xls")
    assert rc == 2 and "could not be written" in err, err


FORMULAS = "tests/fixtures/data/formulas-2019.xls"


@test
def submitters_names_kept_ours_give_way():
    out = os.path.join(TMP, "names.xlsx")
    rc, _, err = run("convert", "-o", out, "tests/fixtures/data/names-2019.xls")
    assert rc == 1, f"exit {rc}: {err}"
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["审核结果 (2)", "规范-表三", "审核结果", "Tom's notes", "规范-表二",
                             "规范-表三 (2)", "规范-表四"], wb.sheetnames
    summary = wb["审核结果 (2)"]
    assert wb.active.title == "审核结果 (2)" and summary["A2"].value == "结论"
    assert wb["审核结果"]["A1"].value.startswith("某市某局"), wb["审核结果"]["A1"].value
    assert wb["规范-表三"]["A1"].value == "本表为报送单位自己的附表"
    # a NaN cell: written as Excel's #NUM! (XML has no NaN)
    assert wb["规范-表三"]["A3"].value == "#NUM!", repr(wb["规范-表三"]["A3"].value)
    # control characters kept in Excel's own escape (the XML stays valid)
    assert wb["规范-表三"]["A2"].value in ("备注\x01\x1f控制字符", "备注_x0001__x001F_控制字符"), \
        repr(wb["规范-表三"]["A2"].value)
    assert wb["规范-表三 (2)"]["A1"].value.startswith("表三")
    rc, text, _ = run("check", "--format", "json", "tests/fixtures/data/names-2019.xls")
    doc = json.loads(text)
    _, rows = summary_rows(summary)
    for r, f in zip(rows, doc["findings"]):
        want = doc["cells"][f["cells"][0]]["source"]
        assert r[5].hyperlink.location == want, (r[5].hyperlink.location, want)
        sheet, cell = split_ref(want)
        assert sheet == "审核结果" and wb[sheet][cell].comment is not None


def sheet_value(ws, ref):
    v = ws[ref.replace("$", "")].value
    return v if isinstance(v, (int, float)) else 0


def evaluate(ws, formula):
    """The value of the formulas ogi writes: SUM(range), refs joined by + and -,
    numbers, parentheses. Independent of ogi: Python's own arithmetic."""
    expr = formula[1:]

    def rng(m):
        a, b = m.group(1).replace("$", ""), m.group(2).replace("$", "")
        cells = ws[a:b]
        return "(" + "+".join(str(sheet_value(ws, c.coordinate)) for row in cells for c in row) + ")"
    expr = re.sub(r"SUM\(([$A-Z0-9]+):([$A-Z0-9]+)\)", rng, expr)
    expr = re.sub(r"\$?[A-Z]+\$?[0-9]+", lambda m: str(sheet_value(ws, m.group(0))), expr)
    assert re.fullmatch(r"[-+*/(). 0-9e]+", expr), f"cannot evaluate {formula}: {expr}"
    return eval(expr)  # digits and operators only, checked above


@test
def formulas_kept_with_their_values():
    out = os.path.join(TMP, "formulas.xlsx")
    rc, _, err = run("convert", "-o", out, FORMULAS)
    assert rc == 1, f"exit {rc}: {err}"
    ws = openpyxl.load_workbook(out)["统计表"]
    values = openpyxl.load_workbook(out, data_only=True)["统计表"]
    want = {"D6": ("=B6+C6+3", 5), "D7": ("=(B7+C7)*2-1", 15), "C21": ("=100.5+20.25", 120.75),
            "H26": ("=SUM(B26:G26)", 10), "B47": ("=SUM(B28:B46)", 9),
            "H47": ("=SUM(H28:H46)", 9), "E53": ("=A53+B53+C53+D53", 2),
            "J53": ("=F53+G53+H53+I53", 2)}
    for ref, (formula, value) in want.items():
        assert ws[ref].value == formula, f"{ref}: {ws[ref].value!r} != {formula!r}"
        assert values[ref].value == value, f"{ref}: cached {values[ref].value!r} != {value}"
        assert evaluate(values, formula) == value, f"{ref}: {formula} does not give {value}"
    # a reference to another sheet is not decoded: its value stays, plainly
    assert ws["B18"].value == 4, f"B18: {ws['B18'].value!r}"
    # the JSON is the same whether cells were formulas or not
    rc, text, _ = run("check", "--format", "json", FORMULAS)
    doc = json.loads(text)
    assert doc["cells"]["t3.new.total"]["value"] == 10 and doc["cells"]["t4.review.total"]["value"] == 2


@test
def statutory_sums_are_live_and_right():
    for path in samples() + [FORMULAS]:
        out = os.path.join(TMP, "sums.xlsx")
        rc, _, err = run("convert", "-o", out, path)
        assert rc in (0, 1), f"{path}: exit {rc}: {err}"
        ws = openpyxl.load_workbook(out)["规范-表三"]
        values = openpyxl.load_workbook(out, data_only=True)["规范-表三"]
        formulas = [c for row in ws.iter_rows() for c in row
                    if isinstance(c.value, str) and c.value.startswith("=")]
        # a column of row sums beside the table, three rows of column sums under it
        assert len(formulas) >= 23 + 3 * 7, f"{path}: {len(formulas)} formulas"
        labels = [c.value for row in ws.iter_rows() for c in row
                  if isinstance(c.value, str) and c.value.startswith("计算：")]
        assert "计算：第一项 + 第二项" in labels and "计算：（七）总计 + 第四项" in labels, labels
        for c in formulas:
            assert c.value.startswith("=SUM("), f"{path} {c.coordinate}: {c.value}"
            cached = values[c.coordinate].value
            assert evaluate(values, c.value) == cached, f"{path} {c.coordinate}: {c.value} != {cached}"


COLUMN_IDS = {"自然人": "person", "商业企业": "business", "科研机构": "research",
              "社会公益组织": "ngo", "法律服务机构": "legal", "其他": "other_org", "总计": "total"}


@test
def failing_sums_in_red_and_only_those():
    for path in samples():
        wb, doc = converted(path)
        ws = wb["规范-表三"]
        keys = {f["key"] for f in doc["findings"]}
        row = next(c.row for c in ws["A"] if c.value == "计算：第一项 + 第二项")
        checked = 0
        for col in range(4, 11):
            head = ws.cell(row=5, column=col).value or ws.cell(row=4, column=col).value
            red = ws.cell(row=row, column=col).font.color.rgb == "FFC00000"
            want = f"t3.balance:{COLUMN_IDS[head]}" in keys
            assert red == want, f"{path}: 第一项 + 第二项 under {head}: red {red}, finding {want}"
            checked += 1
        assert checked == 7


print(f"{results['passed']} passed, {results['failed']} failed")
subprocess.run(["rm", "-rf", TMP])
sys.exit(1 if results["failed"] else 0)
