#!/usr/bin/python3
"""End-to-end: labels written otherwise than the format (issue 12).

Writes a 2021 report whose figures hold twice with openpyxl, once with the
statutory labels and once with labels reworded the ways submitters reword
them, runs the real binary on both, and reads back what it wrote: the JSON
must give the same cells and a map.label_variant info per reworded label
(its cell, the label as written, the statutory label), the text report the
same lines, and the marked-up workbook (read with openpyxl) a comment on
each reworded label's cell. Files live in a temporary folder only.
"""
import json
import os
import shutil
import tempfile

import openpyxl
from harness import finish, run, test

TMP = tempfile.mkdtemp(prefix="ogi-label-variants.")

T3_COLS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
# (label, person, business): every row total is person + business
T3_ROWS = [
    ("本年新收政府信息公开申请数量", 8, 2), ("上年结转政府信息公开申请数量", 1, 0),
    ("（一）予以公开", 4, 1), ("（二）部分公开", 1, 0), ("1.属于国家秘密", 0, 0),
    ("2.其他法律行政法规禁止公开", 1, 0), ("3.危及“三安全一稳定”", 0, 0),
    ("4.保护第三方合法权益", 0, 0), ("5.属于三类内部事务信息", 0, 0),
    ("6.属于四类过程性信息", 0, 0), ("7.属于行政执法案卷", 0, 0), ("8.属于行政查询事项", 0, 0),
    ("1.本机关不掌握相关政府信息", 1, 0), ("2.没有现成信息需要另行制作", 0, 0),
    ("3.补正后申请内容仍不明确", 0, 0), ("1.信访举报投诉类申请", 0, 0), ("2.重复申请", 0, 1),
    ("3.要求提供公开出版物", 0, 0), ("4.无正当理由大量反复申请", 0, 0),
    ("5.要求行政机关确认或重新出具已获取信息", 0, 0),
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 1, 0),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 0, 0),
    ("3.其他", 0, 0), ("（七）总计", 8, 2), ("结转下年度继续办理", 1, 0),
]
REWORDED = {
    "（一）予以公开": "（一）予以公开的",
    "2.其他法律行政法规禁止公开": "2.其他法律行政止公开",
    "5.属于三类内部事务信息": "5.属于三类内部事务的信息",
    "4.无正当理由大量反复申请": "4.无正当理由大量重复申请",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请":
        "1.申请人无正当理由逾期不补正，行政机关不再处理其申请",
    "结转下年度继续办理": "结转下年度继续办理的申请",
    "法律服务机构": "法律服务类机构",
}
STATUTORY_NAME = {
    "（一）予以公开的": "（一）予以公开",
    "2.其他法律行政止公开": "（三）不予公开 2.其他法律行政法规禁止公开",
    "5.属于三类内部事务的信息": "（三）不予公开 5.属于三类内部事务信息",
    "4.无正当理由大量重复申请": "（五）不予处理 4.无正当理由大量反复申请",
    "1.申请人无正当理由逾期不补正，行政机关不再处理其申请": "（六）其他处理 1.申请人无正当理由逾期不补正",
    "结转下年度继续办理的申请": "第四项 结转下年度继续办理",
    "法律服务类机构": "法人或其他组织 法律服务机构",
}


def write_report(path, reword):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "统计表"
    ws.append(["某某市某某局2021年政府信息公开工作年度报告"])
    for line in (["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                 ["规章", 0, 0, 0], ["行政规范性文件", 5, 1, 40], ["第二十条第（五）项"],
                 ["信息内容", "本年处理决定数量"], ["行政许可", 120], ["第二十条第（六）项"],
                 ["信息内容", "本年处理决定数量"], ["行政处罚", 30], ["行政强制", 2],
                 ["第二十条第（八）项"], ["信息内容", "本年收费金额（单位：万元）"],
                 ["行政事业性收费", 3.5], []):
        ws.append(line)
    ws.append([None] + [reword.get(c, c) for c in T3_COLS])
    for label, person, business in T3_ROWS:
        ws.append([reword.get(label, label), person, business, 0, 0, 0, 0, person + business])
    ws.append([])
    ws.append(["行政复议", None, None, None, None, "行政诉讼"])
    ws.append(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉",
               None, None, None, None, "复议后起诉"])
    ws.append([None] * 5 + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)
    ws.append([1, 0, 0, 1, 2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0])
    wb.save(path)


PLAIN = os.path.join(TMP, "statutory.xlsx")
REWORDED_PATH = os.path.join(TMP, "改写 标签.xlsx")
write_report(PLAIN, {})
write_report(REWORDED_PATH, REWORDED)


def check_json(path, lang="zh"):
    rc, out, err = run("check", "--format", "json", "--lang", lang, path)
    assert rc in (0, 1), (rc, err)
    return json.loads(out)


def label_findings(doc):
    return [f for f in doc["findings"] if f["rule"] == "map.label_variant"]


def place(f):
    """The label's cell, which the key names: map.label_variant:'统计表'!A21."""
    return f["key"].split(":", 1)[1]


def written_at(ref):
    """The label written at "'统计表'!A21"."""
    wb = openpyxl.load_workbook(REWORDED_PATH)
    sheet, cell = ref.rsplit("!", 1)
    return wb[sheet.strip("'")][cell].value


@test
def test_reworded_labels_give_the_same_cells():
    plain, doc = check_json(PLAIN), check_json(REWORDED_PATH)
    assert plain["status"] == "pass" and not label_findings(plain), plain["findings"]
    assert doc["status"] == "pass", [f["message"] for f in doc["findings"]]
    assert doc["template"] == "ogi-2021", doc["template"]
    assert doc["cells"] == plain["cells"], "cells differ from the statutory book's"
    assert not [f for f in doc["findings"] if f["rule"] in ("map.missing_row", "map.extra_row",
                                                          "map.missing_column")], doc["findings"]


@test
def test_each_reworded_label_is_said_with_its_cell():
    doc = check_json(REWORDED_PATH)
    found = label_findings(doc)
    assert len(found) == len(REWORDED), [f["message"] for f in found]
    for f in found:
        assert f["severity"] == "info" and f["cells"] == [], f
        where = place(f)
        written = written_at(where)
        assert written in STATUTORY_NAME, (where, written)
        assert f"单元格 {where} 的标签“{written}”" in f["message"], f
        assert f"按“{STATUTORY_NAME[written]}”读取" in f["message"], f
    en = label_findings(check_json(REWORDED_PATH, "en"))
    assert len(en) == len(REWORDED) and all("read as" in f["message"] for f in en), en


@test
def test_text_report_names_the_labels():
    rc, out, _ = run("check", REWORDED_PATH)
    assert rc == 0 and "结论：通过" in out, out
    for written in REWORDED.values():
        assert f"“{written}”" in out, (written, out)


@test
def test_marked_up_workbook_comments_the_label_cells():
    out = os.path.join(TMP, "marked.xlsx")
    rc, _, err = run("convert", "-o", out, REWORDED_PATH)
    assert rc == 0, err
    doc = check_json(REWORDED_PATH)
    wb = openpyxl.load_workbook(out)
    for f in label_findings(doc):
        sheet, cell = place(f).rsplit("!", 1)
        c = wb[sheet.strip("'")][cell]
        assert c.comment is not None and f["message"] in c.comment.text, (place(f), c.comment)
        assert c.value == written_at(place(f)), (c.value, place(f))


try:
    finish()
finally:
    shutil.rmtree(TMP, ignore_errors=True)
