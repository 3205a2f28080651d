#!/usr/bin/python3
"""make_newuser.py: workbooks laid out the way provincial offices really send
them, none of them like the repository's own samples, with what a clerk
expects ogi to read from each.

Run from the repository root: /usr/bin/python3 tests/newuser/make_newuser.py
Needs python3-openpyxl and LibreOffice (soffice) for the .xls/.ods forms.

Writes tests/newuser/NAME.{xlsx,xls,ods} and tests/newuser/expected.json:
for every file, every statutory cell it holds (sheet, A1, the value ogi must
use, null for an empty cell) and the value.* findings its cells must give.
The sum findings are not written here: tests/e2e/test_newuser.py derives
them from the cells with its own implementation of spec §6.

Numbers are based on the seeds (天津 2019, 佛山 2019, 广东 2020) and on
typical 2021-format reports; every deliberate mistake is commented.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

import openpyxl
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

OUT = sys.argv[1] if len(sys.argv) > 1 else "tests/newuser"


# ---- cell values --------------------------------------------------------
class T:
    """text written into a number cell: T(text, value ogi must use, rule)"""

    def __init__(self, text, value, rule=None):
        self.text, self.value, self.rule = text, value, rule


class F:
    """a formula with its cached result, as Excel/WPS save it"""

    def __init__(self, formula, cached):
        self.formula, self.cached = formula, cached


def a1(r, c):  # 0-based
    return f"{get_column_letter(c + 1)}{r + 1}"


class Book:
    def __init__(self, name, fmt):
        self.name, self.fmt = name, fmt
        self.wb = openpyxl.Workbook()
        self.wb.remove(self.wb.active)
        self.cached = {}  # (sheet, A1) -> cached value of a formula
        self.cells = {}  # cid -> [sheet, A1, value]
        self.vfind = {}  # "rule:cid" -> severity
        self.meta = {}

    def sheet(self, name):
        return self.wb.create_sheet(name)

    def put(self, ws, r, c, v, cid=None):
        cell = ws.cell(row=r + 1, column=c + 1)
        value = None
        if isinstance(v, T):
            cell.value = v.text
            cell.data_type = "s"
            value = v.value
            if cid and v.rule:
                sev = {"value.missing": "warning", "value.expression": "warning",
                       "value.annotated": "warning", "value.negative": "error",
                       "value.not_integer": "error", "value.not_number": "error"}.get(v.rule, "info")
                self.vfind[f"{v.rule}:{cid}"] = sev
        elif isinstance(v, F):
            cell.value = "=" + v.formula
            self.cached[(ws.title, a1(r, c))] = v.cached
            value = v.cached
        elif v is None:
            if cid:
                self.vfind[f"value.missing:{cid}"] = "warning"
        else:
            cell.value = v
            value = v
            if cid and isinstance(v, (int, float)) and v < 0 and not cid.endswith(".change"):
                self.vfind[f"value.negative:{cid}"] = "error"
            if cid and isinstance(v, float) and v != int(v) and "amount" not in cid:
                self.vfind[f"value.not_integer:{cid}"] = "error"
        if cid:
            self.cells[cid] = [ws.title, a1(r, c), value]
        cell.alignment = Alignment(wrap_text=True, vertical="center")

    def text(self, ws, r, c, s, r2=None, c2=None):
        ws.cell(row=r + 1, column=c + 1).value = s
        ws.cell(row=r + 1, column=c + 1).alignment = Alignment(wrap_text=True, vertical="center")
        if r2 is not None and (r2 != r or c2 != c):
            ws.merge_cells(start_row=r + 1, start_column=c + 1, end_row=r2 + 1, end_column=c2 + 1)

    def save(self, expect):
        tmp = os.path.join(OUT, self.name + ".tmp.xlsx")
        self.wb.save(tmp)
        if not self.meta.pop("uncached", False):
            patch_cached(tmp, self.cached, self.wb)
        final = os.path.join(OUT, f"{self.name}.{self.fmt}")
        if self.fmt == "xlsx":
            os.replace(tmp, final)
        else:
            lo_convert(tmp, self.fmt, final)
            os.remove(tmp)
        entry = {"file": os.path.basename(final), "cells": self.cells, "value_findings": self.vfind}
        entry.update(self.meta)
        expect[os.path.basename(final)] = entry


def patch_cached(path, cached, wb):
    """openpyxl writes formulas without results; Excel and WPS save them with
    one. Put the cached result into <v> as they would."""
    if not cached:
        return
    names = [ws.title for ws in wb.worksheets]
    tmp = path + ".p"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            m = re.match(r"xl/worksheets/sheet(\d+)\.xml$", item.filename)
            if m:
                sheet = names[int(m.group(1)) - 1]
                text = data.decode("utf-8")

                def fill(mo):
                    v = cached.get((sheet, mo.group(1)))
                    return mo.group(0) if v is None else f'<c r="{mo.group(1)}"{mo.group(2)}><f>{mo.group(3)}</f><v>{v}</v></c>'

                text = re.sub(r'<c r="([A-Z]+\d+)"([^>]*)><f>([^<]*)</f><v\s*/?>(?:</v>)?</c>', fill, text)
                data = text.encode("utf-8")
            zout.writestr(item, data)
    os.replace(tmp, path)


def lo_convert(src, fmt, final):
    filt = {"xls": "xls:MS Excel 97", "ods": "ods"}[fmt]
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(["timeout", "-k", "5", "120", "soffice", "--headless",
                        "-env:UserInstallation=file:///tmp/prof-qa", "--convert-to", filt,
                        "--outdir", d, src], check=True, capture_output=True)
        out = os.path.join(d, os.path.splitext(os.path.basename(src))[0] + "." + fmt)
        shutil.move(out, final)


# ---- the statutory labels -----------------------------------------------
T3_2019 = [
    ("new", ["一、本年新收政府信息公开申请数量"]),
    ("carried", ["二、上年结转政府信息公开申请数量"]),
    ("r.granted", ["三、本年度办理结果", "（一）予以公开"]),
    ("r.partial", ["", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"]),
    ("r.denied.secret", ["", "（三）不予公开", "1.属于国家秘密"]),
    ("r.denied.law", ["", "", "2.其他法律行政法规禁止公开"]),
    ("r.denied.safety", ["", "", "3.危及“三安全一稳定”"]),
    ("r.denied.third_party", ["", "", "4.保护第三方合法权益"]),
    ("r.denied.internal", ["", "", "5.属于三类内部事务信息"]),
    ("r.denied.process", ["", "", "6.属于四类过程性信息"]),
    ("r.denied.enforcement", ["", "", "7.属于行政执法案卷"]),
    ("r.denied.query", ["", "", "8.属于行政查询事项"]),
    ("r.unable.not_held", ["", "（四）无法提供", "1.本机关不掌握相关政府信息"]),
    ("r.unable.need_create", ["", "", "2.没有现成信息需要另行制作"]),
    ("r.unable.unclear", ["", "", "3.补正后申请内容仍不明确"]),
    ("r.refused.petition", ["", "（五）不予处理", "1.信访举报投诉类申请"]),
    ("r.refused.repeat", ["", "", "2.重复申请"]),
    ("r.refused.publication", ["", "", "3.要求提供公开出版物"]),
    ("r.refused.mass", ["", "", "4.无正当理由大量反复申请"]),
    ("r.refused.confirm", ["", "", "5.要求行政机关确认或重新出具已获取信息"]),
    ("r.other", ["", "（六）其他处理"]),
    ("r.total", ["", "（七）总计"]),
    ("carry_over", ["四、结转下年度继续办理"]),
]
T3_2021 = T3_2019[:20] + [
    ("r.other.no_correction", ["", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"]),
    ("r.other.no_fee", ["", "", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"]),
    ("r.other.other", ["", "", "3.其他"]),
] + T3_2019[21:]
COLS = ["person", "business", "research", "ngo", "legal", "other_org", "total"]
ORGS = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def rows_of(data):
    """7-value rows from 6 values (the total is their sum)"""
    return [list(r) + [sum(x for x in r)] if len(r) == 6 else list(r) for r in data]


# 天津 2019 (seed 004), every sum holds
TJ_T3 = rows_of([[220, 4, 0, 0, 0, 0], [18, 1, 0, 0, 0, 0], [130, 3, 0, 0, 0, 0], [14, 0, 0, 0, 0, 0],
                 [0] * 6, [0] * 6, [0] * 6, [5, 0, 0, 0, 0, 0], [0] * 6, [0] * 6, [0] * 6, [0] * 6,
                 [60, 0, 0, 0, 0, 0], [2, 0, 0, 0, 0, 0], [15, 1, 0, 0, 0, 0],
                 [4, 1, 0, 0, 0, 0], [4, 0, 0, 0, 0, 0], [0] * 6, [0] * 6, [0] * 6, [0] * 6,
                 [234, 5, 0, 0, 0, 0], [4, 0, 0, 0, 0, 0]])
TJ_T4 = [5, 0, 0, 1, 6, 3, 0, 0, 0, 3, 7, 0, 0, 2, 9]

# a typical 2021-format city bureau report (made up, every sum holds):
# new 52 + carried 3 = total 50 + carry over 5
R21_T3 = rows_of([[45, 5, 1, 0, 1, 0], [3, 0, 0, 0, 0, 0], [20, 2, 1, 0, 0, 0], [3, 1, 0, 0, 0, 0],
                  [0] * 6, [0] * 6, [1, 0, 0, 0, 0, 0], [2, 0, 0, 0, 0, 0], [0] * 6, [1, 0, 0, 0, 0, 0],
                  [0] * 6, [0] * 6,
                  [9, 1, 0, 0, 1, 0], [1, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0],
                  [2, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0], [0] * 6, [0] * 6, [0] * 6,
                  [1, 0, 0, 0, 0, 0], [0] * 6, [0, 1, 0, 0, 0, 0],
                  [42, 5, 1, 0, 1, 0], [6, 0, 0, 0, 0, 0]])
R21_T4 = [3, 1, 0, 0, 4, 2, 0, 1, 1, 4, 1, 0, 0, 0, 1]


# ---- the tables ---------------------------------------------------------
def t2_2019(b, ws, r, c, v, label=lambda s: s, amount_label="采购总金额"):
    blocks = [("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
               [("rules", "规章"), ("normative", "规范性文件")], ["made", "published", "total"]),
              ("第二十条第（五）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
               [("license", "行政许可"), ("other_services", "其他对外管理服务事项")], ["prev", "change", "decisions"]),
              ("第二十条第（六）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
               [("penalty", "行政处罚"), ("enforcement", "行政强制")], ["prev", "change", "decisions"]),
              ("第二十条第（八）项", ["上一年项目数量", "本年增/减"], [("fees", "行政事业性收费")], ["prev", "change"]),
              ("第二十条第（九）项", ["采购项目数量", amount_label], [("procurement", "政府集中采购")], ["items", "amount"])]
    return t2_blocks(b, ws, r, c, v, blocks, label)


def t2_2021(b, ws, r, c, v, label=lambda s: s, normative="行政规范性文件", extra_rows=()):
    blocks = [("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"],
               [("rules", "规章"), ("normative", normative)], ["issued", "repealed", "in_force"]),
              ("第二十条第（五）项", ["本年处理决定数量"], [("license", "行政许可")] + list(extra_rows), ["decisions"]),
              ("第二十条第（六）项", ["本年处理决定数量"], [("penalty", "行政处罚"), ("enforcement", "行政强制")], ["decisions"]),
              ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("fees", "行政事业性收费")], ["amount"])]
    return t2_blocks(b, ws, r, c, v, blocks, label)


def t2_blocks(b, ws, r, c, v, blocks, label):
    for title, heads, rows, cols in blocks:
        b.text(ws, r, c, label(title), r, c + len(heads))
        r += 1
        b.text(ws, r, c, label("信息内容"))
        for i, h in enumerate(heads):
            b.text(ws, r, c + 1 + i, label(h))
        r += 1
        for rid, rl in rows:
            b.text(ws, r, c, label(rl))
            for i, col in enumerate(cols):
                if rid.startswith("x."):  # a row the format lacks
                    b.put(ws, r, c + 1 + i, v[rid][i])
                else:
                    b.put(ws, r, c + 1 + i, v[rid][i], f"t2.{rid}.{col}")
            r += 1
    return r


def t3_header(b, ws, r, c, lv, label=lambda s: s, org_heads=ORGS, person="自然人", total="总计",
              subtotal=False):
    d = c + lv
    ncol = 8 if subtotal else 7
    b.text(ws, r, c, label(NOTE), r + 2, d - 1)
    b.text(ws, r, d, label("申请人情况"), r, d + ncol - 1)
    b.text(ws, r + 1, d, label(person), r + 2, d)
    b.text(ws, r + 1, d + 1, label("法人或其他组织"), r + 1, d + (6 if subtotal else 5))
    b.text(ws, r + 1, d + ncol - 1, label(total), r + 2, d + ncol - 1)
    for i, o in enumerate(org_heads):
        b.text(ws, r + 2, d + 1 + i, label(o))
    if subtotal:
        b.text(ws, r + 2, d + 6, label("小计"))
    return r + 3


def t3_body(b, ws, r, c, labels, data, style="merged3", label=lambda s: s, total_formula=False,
            subtotal=False, cols=COLS):
    """style: merged3 = the form's three label columns with merges;
    two = two columns, （三）不予公开 merged down over its numbered rows, no
    三、本年度办理结果 at all; leaf = one column, leaf labels only."""
    lv = {"merged3": 3, "two": 2, "leaf": 1}[style]
    d = c + lv
    top = r
    groups = {}  # column-1 parent -> [first row, last row]
    for i, (rid, path) in enumerate(labels):
        path = path + [""] * (3 - len(path))
        if style == "leaf":
            b.text(ws, r, c, label([p for p in path if p][-1]))
        elif style == "two":
            if path[0] and not path[1]:
                b.text(ws, r, c, label(path[0]), r, c + 1)
            else:
                parent, leaf = (path[1], path[2]) if path[2] else ("", path[1])
                if leaf and not path[2] and not parent:
                    b.text(ws, r, c, label(leaf), r, c + 1)
                else:
                    if parent:
                        groups[parent] = [r, r]
                        last = parent
                    else:
                        groups[last][1] = r
                    b.text(ws, r, c + 1, label(leaf))
        else:
            for k in range(3):
                if path[k]:
                    span = 0 if k == 2 or path[k + 1] else 2 - k
                    b.text(ws, r, c + k, label(path[k]), r, c + k + span)
        vals = data[i]
        for j, col in enumerate(cols):
            cc = d + j + (1 if subtotal and col == "total" else 0)
            v = vals[j]
            if total_formula and col == "total" and not isinstance(v, (T, F)) and v is not None:
                v = F(f"SUM({a1(r, d)}:{a1(r, d + 5)})", v)
            b.put(ws, r, cc, v, f"t3.{rid}.{col}")
        if subtotal:
            orgs = [x for x in vals[1:6] if isinstance(x, (int, float))]
            b.put(ws, r, d + 6, F(f"SUM({a1(r, d + 1)}:{a1(r, d + 5)})", sum(orgs)))
        r += 1
    if style == "two":
        for parent, (r1, r2) in groups.items():
            b.text(ws, r1, c, label(parent), r2, c)
    if style == "merged3":
        first = top + 2
        last = top + len(labels) - 2
        ws.merge_cells(start_row=first + 1, start_column=c + 1, end_row=last + 1, end_column=c + 1)
        # the form's merges of （三）（四）（五）: the parent over its numbered rows
        for parent_row, n in ((first + 2, 8), (first + 10, 3), (first + 13, 5)):
            ws.merge_cells(start_row=parent_row + 1, start_column=c + 2, end_row=parent_row + n, end_column=c + 2)
        if labels is T3_2021 or len(labels) == 25:
            ws.merge_cells(start_row=first + 18 + 1, start_column=c + 2, end_row=first + 18 + 3, end_column=c + 2)
    return r


def t4(b, ws, r, c, vals, label=lambda s: s, merged=True):
    leaf = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    groups = ["review", "suit_direct", "suit_after_review"]
    if merged:
        b.text(ws, r, c, label("行政复议"), r + 1, c + 4)
        b.text(ws, r, c + 5, label("行政诉讼"), r, c + 14)
        b.text(ws, r + 1, c + 5, label("未经复议直接起诉"), r + 1, c + 9)
        b.text(ws, r + 1, c + 10, label("复议后起诉"), r + 1, c + 14)
    else:
        b.text(ws, r, c, label("行政复议"))
        b.text(ws, r, c + 5, label("行政诉讼"))
        b.text(ws, r + 1, c + 5, label("未经复议直接起诉"))
        b.text(ws, r + 1, c + 10, label("复议后起诉"))
    for i in range(15):
        b.text(ws, r + 2, c + i, label(leaf[i % 5]))
        b.put(ws, r + 3, c + i, vals[i], f"t4.{groups[i // 5]}.{['upheld', 'corrected', 'other', 'pending', 'total'][i % 5]}")
    return r + 4


# ---- the workbooks ------------------------------------------------------
def wps_one_sheet(expect):
    """WPS-style: the three tables one under another on one sheet, a title,
    a 填报单位/日期 line, blank rows between tables, 注： lines under them."""
    b = Book("wps-one-sheet-2019", "xls")
    ws = b.sheet("Sheet1")
    b.text(ws, 0, 0, "天津市人力资源和社会保障局2019年政府信息公开工作年度报告附表", 0, 9)
    b.text(ws, 1, 0, "填报单位：天津市人力资源和社会保障局（盖章）        填报日期：2020年1月15日", 1, 9)
    b.text(ws, 3, 0, "二、主动公开政府信息情况")
    v = {"rules": [0, 0, 0], "normative": [4, 4, 94], "license": [4, T("-2", -2, "value.text_number"), 1835],
         "other_services": [79, 23, 9273], "penalty": [54, 1, 1], "enforcement": [2, 0, 235],
         "fees": [4, 0], "procurement": [52, 4389.64]}
    r = t2_2019(b, ws, 4, 0, v)
    b.text(ws, r, 0, "注：采购总金额单位为万元。")
    b.vfind["value.unit_unknown:t2.procurement.amount"] = "info"
    r += 3
    b.text(ws, r, 0, "三、收到和处理政府信息公开申请情况")
    r = t3_header(b, ws, r + 1, 0, 3)
    r = t3_body(b, ws, r, 0, T3_2019, TJ_T3)
    b.text(ws, r, 0, "注：本表数据统计时限为2019年1月1日至2019年12月31日。")
    r += 3
    b.text(ws, r, 0, "四、政府信息公开行政复议、行政诉讼情况")
    r = t4(b, ws, r + 1, 0, TJ_T4)
    b.text(ws, r + 1, 0, "填表人：张某某    联系电话：022-12345678")
    b.meta.update(status="pass", template="ogi-2019", agency="天津市人力资源和社会保障局", year=2019)
    b.save(expect)


def own_sheets_2021(expect):
    """2021 format, each table on its own sheet 表二/表三/表四 after the
    report text; 行政规范性文件 and the three （六） rows."""
    b = Book("sheets-biao-2021", "xls")
    ws = b.sheet("报告正文")
    b.text(ws, 0, 0, "某市市场监督管理局2021年政府信息公开工作年度报告")
    b.text(ws, 2, 0, "一、总体情况")
    b.text(ws, 3, 0, "2021年，我局共收到政府信息公开申请52件，上年结转3件，办结50件，结转下年度5件。")
    ws = b.sheet("表二")
    b.text(ws, 0, 0, "二、主动公开政府信息情况", 0, 3)
    v = {"rules": [0, 0, 0], "normative": [6, 2, 38], "license": [12530], "penalty": [1368],
         "enforcement": [57], "fees": [0]}
    t2_2021(b, ws, 1, 0, v)
    ws = b.sheet("表三")
    b.text(ws, 0, 0, "三、收到和处理政府信息公开申请情况", 0, 9)
    r = t3_header(b, ws, 1, 0, 3)
    t3_body(b, ws, r, 0, T3_2021, R21_T3)
    ws = b.sheet("表四")
    b.text(ws, 0, 0, "四、政府信息公开行政复议、行政诉讼情况", 0, 14)
    t4(b, ws, 1, 0, R21_T4)
    b.meta.update(status="pass", template="ogi-2021", agency="某市市场监督管理局", year=2021)
    b.save(expect)


def sheet123_two_col(expect):
    """Sheet1/Sheet2/Sheet3, 2021 format written with 规范性文件, 表三 labels
    in two columns: （三）不予公开 merged down over its 8 rows, the numbered
    reasons in the next column, no 三、本年度办理结果 cell."""
    b = Book("sheet123-two-col-2021", "xlsx")
    ws = b.sheet("Sheet1")
    b.text(ws, 0, 0, "某县人民政府办公室2022年度政府信息公开工作年度报告")
    v = {"rules": [1, 0, 5], "normative": [3, 1, 27], "license": [0], "penalty": [0],
         "enforcement": [0], "fees": [0]}
    t2_2021(b, ws, 2, 0, v, normative="规范性文件")
    ws = b.sheet("Sheet2")
    r = t3_header(b, ws, 0, 0, 2)
    t3_body(b, ws, r, 0, T3_2021, R21_T3, style="two")
    ws = b.sheet("Sheet3")
    t4(b, ws, 0, 0, R21_T4)
    b.meta.update(status="pass", template="ogi-2021", agency="某县人民政府办公室", year=2022)
    b.save(expect)


def header_spelling(expect):
    """headers with line breaks inside cells (自然\\n人), spaces inside
    labels (自 然 人, 总  计), half-width parentheses, full-width digits in
    values, traditional characters in 表四."""
    b = Book("header-spelling-2019", "xls")
    ws = b.sheet("统计表")
    b.text(ws, 0, 0, "佛山市人力资源和社会保障局2019年政府信息公开工作年度报告")
    v = {"rules": [0, 0, 0], "normative": [8, 8, 70], "license": [1, 0, 3],
         "other_services": [0, 0, 0], "penalty": [0, 0, 0], "enforcement": [0, 0, 0], "fees": [0, 0],
         "procurement": [5, T("181.7098万元", 181.7098, "value.unit")]}
    sp = {"本年新制作数量": "本年新\n制作数量", "本年新公开数量": "本年新\n公开数量", "信息内容": "信 息 内 容"}
    r = t2_2019(b, ws, 2, 0, v, label=lambda s: sp.get(s, s))
    relabel = {"（一）予以公开": "(一)予以公开", "（七）总计": "(七)总  计", "四、结转下年度继续办理": "四、结转下年度 继续办理",
               "一、本年新收政府信息公开申请数量": "一、本年新收政府信息\n公开申请数量"}
    data = [list(x) for x in TJ_T3]
    data[0] = [T("２２０", 220, "value.text_number"), 4, 0, 0, 0, 0, 224]
    r = t3_header(b, ws, r + 1, 0, 3, label=lambda s: relabel.get(s, s),
                  org_heads=["商业\n企业", "科研\n机构", "社会公益\n组织", "法律服务\n机构", "其 他"],
                  person="自然\n人", total="总 计")
    r = t3_body(b, ws, r, 0, T3_2019, data, label=lambda s: relabel.get(s, s))
    trad = {"行政复议": "行政復議", "行政诉讼": "行政訴訟", "未经复议直接起诉": "未經復議直接起訴",
            "复议后起诉": "復議後起訴", "结果维持": "結果維持", "结果纠正": "結果糾正", "其他结果": "其他結果",
            "尚未审结": "尚未審結", "总计": "總計"}
    t4(b, ws, r + 1, 0, TJ_T4, label=lambda s: trad.get(s, s))
    b.vfind["value.unit:t2.procurement.amount"] = "info"
    b.meta.update(status="pass", template="ogi-2019", agency="佛山市人力资源和社会保障局", year=2019)
    b.save(expect)


def text_numbers_formulas(expect):
    """numbers as text with thousands separators, — and / and 无 for zero,
    every 表三 总计 a SUM formula with its cached result (Excel-style .xlsx)."""
    b = Book("text-formulas-2019", "xlsx")
    ws = b.sheet("2019年报表")
    b.text(ws, 0, 0, "天津市人力资源和社会保障局2019年政府信息公开工作年度报告")
    v = {"rules": [T("—", 0, "value.dash"), T("—", 0, "value.dash"), T("—", 0, "value.dash")],
         "normative": [4, 4, 94],
         "license": [4, T("-2", -2, "value.text_number"), T("1,835", 1835, "value.text_number")],
         "other_services": [79, T("+23", 23, "value.text_number"), T("9,273", 9273, "value.text_number")],
         "penalty": [54, 1, 1], "enforcement": [2, T("/", 0, "value.dash"), 235],
         "fees": [4, T("无", 0, "value.dash")], "procurement": [52, T("4,389.64万元", 4389.64, "value.unit")]}
    r = t2_2019(b, ws, 2, 0, v)
    data = [list(x) for x in TJ_T3]
    for i in (4, 5, 6):  # 不予公开 1-3: dashes in the organisation columns
        data[i] = [0] + [T("—", 0, "value.dash")] * 5 + [0]
    r = t3_header(b, ws, r + 1, 0, 3)
    r = t3_body(b, ws, r, 0, T3_2019, data, total_formula=True)
    # 表四 totals as formulas too
    vals = list(TJ_T4)
    r4 = r + 1 + 3
    for g in range(3):
        vals[g * 5 + 4] = F(f"SUM({a1(r4, g * 5)}:{a1(r4, g * 5 + 3)})", TJ_T4[g * 5 + 4])
    t4(b, ws, r + 1, 0, vals)
    b.meta.update(status="pass", template="ogi-2019", agency="天津市人力资源和社会保障局", year=2019)
    b.save(expect)


def subtotal_column(expect):
    """表三 with an extra 小计 column under 法人或其他组织 (a SUM of the five),
    between 其他 and 总计: 总计 must still be the total column."""
    b = Book("subtotal-col-2021", "xls")
    ws = b.sheet("统计表")
    b.text(ws, 0, 0, "2021年度政府信息公开工作年度报告统计表")
    b.text(ws, 1, 0, "填报单位：某市生态环境局")
    v = {"rules": [0, 0, 0], "normative": [2, 0, 15], "license": [860], "penalty": [143],
         "enforcement": [12], "fees": [0]}
    r = t2_2021(b, ws, 3, 0, v)
    r = t3_header(b, ws, r + 1, 0, 3, subtotal=True)
    r = t3_body(b, ws, r, 0, T3_2021, R21_T3, subtotal=True)
    t4(b, ws, r + 1, 0, R21_T4)
    b.meta.update(status="pass", template="ogi-2021", agency="某市生态环境局", year=2021)
    b.save(expect)


def split_over_sheets(expect):
    """表三 split over two sheets at a page break: the header and rows 一 to
    （三）8 on one, the header again and the rest on the next."""
    b = Book("split-t3-2019", "xls")
    ws = b.sheet("表二")
    b.text(ws, 0, 0, "天津市人力资源和社会保障局2019年政府信息公开工作年度报告")
    v = {"rules": [0, 0, 0], "normative": [4, 4, 94], "license": [4, -2, 1835],
         "other_services": [79, 23, 9273], "penalty": [54, 1, 1], "enforcement": [2, 0, 235],
         "fees": [4, 0], "procurement": [52, T("4389.64万元", 4389.64, "value.unit")]}
    t2_2019(b, ws, 2, 0, v)
    ws = b.sheet("表三（1）")
    r = t3_header(b, ws, 0, 0, 3)
    t3_body_part(b, ws, r, 0, T3_2019[:12], TJ_T3[:12])
    ws = b.sheet("表三（2）")
    r = t3_header(b, ws, 0, 0, 3)
    r = t3_body_part(b, ws, r, 0, T3_2019[12:], TJ_T3[12:], first=False)
    ws = b.sheet("表四")
    t4(b, ws, 0, 0, TJ_T4)
    b.meta.update(status="pass", template="ogi-2019", agency="天津市人力资源和社会保障局", year=2019)
    b.save(expect)


def t3_body_part(b, ws, r, c, labels, data, first=True):
    for i, (rid, path) in enumerate(labels):
        path = path + [""] * (3 - len(path))
        if not first and i == 0:
            path = ["", "（四）无法提供", path[2]]
        if not first and i == 3:
            path = ["", "（五）不予处理", path[2]]
        for k in range(3):
            if path[k]:
                b.text(ws, r, c + k, path[k])
        for j, col in enumerate(COLS):
            b.put(ws, r, c + 3 + j, data[i][j], f"t3.{rid}.{col}")
        r += 1
    return r


def two_agencies(expect):
    """two reports in one workbook: a bureau and the centre under it, one
    sheet each. The clerk expects both checked, or at least one whole
    report (never a mixture) and a word that a second report is there."""
    b = Book("two-agencies-2019", "xls")
    for name, t3, agency in (("市人社局", TJ_T3, "天津市人力资源和社会保障局"),
                             ("市社保中心", None, "天津市社会保险基金管理中心")):
        ws = b.sheet(name)
        b.text(ws, 0, 0, f"{agency}2019年政府信息公开工作年度报告")
        if t3 is None:
            # the second report: different figures; its cells are not
            # recorded (the expectation is on the first report)
            b2 = Book("scratch", "xlsx")
            ws2 = ws
            v = {"rules": [0, 0, 0], "normative": [1, 1, 9], "license": [0, 0, 0],
                 "other_services": [12, 0, 40211], "penalty": [0, 0, 0], "enforcement": [0, 0, 0],
                 "fees": [0, 0], "procurement": [3, 12.5]}
            r = t2_2019(b2, ws2, 2, 0, v)
            data = rows_of([[10, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0], [6, 0, 0, 0, 0, 0], [0] * 6] + [[0] * 6] * 8
                           + [[3, 0, 0, 0, 0, 0], [0] * 6, [0] * 6] + [[0] * 6] * 5 + [[0] * 6, [9, 0, 0, 0, 0, 0],
                                                                                     [2, 0, 0, 0, 0, 0]])
            r = t3_header(b2, ws2, r + 1, 0, 3)
            r = t3_body(b2, ws2, r, 0, T3_2019, data)
            t4(b2, ws2, r + 1, 0, [0] * 15)
        else:
            v = {"rules": [0, 0, 0], "normative": [4, 4, 94], "license": [4, -2, 1835],
                 "other_services": [79, 23, 9273], "penalty": [54, 1, 1], "enforcement": [2, 0, 235],
                 "fees": [4, 0], "procurement": [52, T("4389.64万元", 4389.64, "value.unit")]}
            r = t2_2019(b, ws, 2, 0, v)
            r = t3_header(b, ws, r + 1, 0, 3)
            r = t3_body(b, ws, r, 0, T3_2019, t3)
            t4(b, ws, r + 1, 0, TJ_T4)
    b.meta.update(status="pass", template="ogi-2019", agency="天津市人力资源和社会保障局", year=2019,
                  second_report=True, expect_findings={"map.multiple_sets": "warning"})
    b.save(expect)


def report_2020(expect):
    """a 2020 report in the 2019 format (广东 2020 figures, corrected so every
    sum holds), 表四 unmerged, title year 2020."""
    b = Book("guangdong-2020-fixed", "ods")
    ws = b.sheet("附表")
    b.text(ws, 0, 1, "广东省人力资源和社会保障厅2020年政府信息公开工作年度报告")
    v = {"rules": [0, 0, 0], "normative": [43, 43, 130],
         "license": [6, T("+2", 2, "value.text_number"), 4],
         "other_services": [150, T("+92", 92, "value.text_number"), 202023],
         "penalty": [2155, T("-2155", -2155, "value.text_number"), 0],
         "enforcement": [299, T("-299", -299, "value.text_number"), 0], "fees": [0, 0],
         "procurement": [T("283 批次", 283, "value.unit"), T("26413 万元", 26413, "value.unit")]}
    r = t2_2019(b, ws, 2, 1, v, amount_label="采购总金额（预算）")
    gd = rows_of([[90, 3, 2, 0, 0, 0], [7, 0, 0, 0, 0, 0], [37, 1, 1, 0, 0, 0], [3, 0, 0, 0, 0, 0],
                  [2, 1, 0, 0, 0, 0], [0] * 6, [0] * 6, [0] * 6, [3, 0, 0, 0, 0, 0], [0] * 6, [0] * 6, [0] * 6,
                  [28, 1, 1, 0, 0, 0], [3, 0, 0, 0, 0, 0], [4, 0, 0, 0, 0, 0], [2, 0, 0, 0, 0, 0],
                  [6, 0, 0, 0, 0, 0], [0] * 6, [1, 0, 0, 0, 0, 0], [0] * 6, [0] * 6,
                  [89, 3, 2, 0, 0, 0], [8, 0, 0, 0, 0, 0]])
    r = t3_header(b, ws, r + 2, 1, 3)
    r = t3_body(b, ws, r, 1, T3_2019, gd)
    t4(b, ws, r + 2, 1, [0, 0, 0, 0, 0, 2, 0, 0, 0, 2, 2, 0, 0, 0, 2], merged=False)
    b.meta.update(status="pass", template="ogi-2019", agency="广东省人力资源和社会保障厅", year=2020)
    b.save(expect)


def mixed_2022(expect):
    """a 2022 report: 表二 in the 2021 format, but 表三 copied from an old
    template with the single （六）其他处理 row."""
    b = Book("mixed-2022", "xlsx")
    ws = b.sheet("统计表")
    b.text(ws, 0, 0, "某区教育局2022年政府信息公开工作年度报告")
    v = {"rules": [0, 0, 0], "normative": [1, 0, 6], "license": [231], "penalty": [4],
         "enforcement": [0], "fees": [0]}
    r = t2_2021(b, ws, 2, 0, v)
    data = rows_of([[12, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0], [7, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0]]
                   + [[0] * 6] * 8 + [[2, 0, 0, 0, 0, 0], [0] * 6, [0] * 6] + [[0] * 6] * 5
                   + [[1, 0, 0, 0, 0, 0], [11, 0, 0, 0, 0, 0], [2, 0, 0, 0, 0, 0]])
    r = t3_header(b, ws, r + 1, 0, 3)
    r = t3_body(b, ws, r, 0, T3_2019, data)
    t4(b, ws, r + 1, 0, [0] * 15)
    b.meta.update(status="pass", template="ogi-2021", agency="某区教育局", year=2022,
                  expect_findings={"map.mixed_version": "warning"})
    b.save(expect)


def mistakes_2019(expect):
    """a 2019 report with the mistakes clerks see: a wrong 总计, the five
    organisation columns left blank, a negative count, a fraction, / and 无,
    a word where a number belongs."""
    b = Book("mistakes-2019", "xls")
    ws = b.sheet("年报")
    b.text(ws, 0, 0, "某市退役军人事务局2019年政府信息公开工作年度报告")
    v = {"rules": [0, 0, 0], "normative": [3, 3, 2],  # published 3 > total 2: warning
         "license": [T("无", 0, "value.dash"), 0, 0], "other_services": [5, 0, 17],
         "penalty": [0, 0, 0], "enforcement": [0, 0, 0], "fees": [0, 0],
         "procurement": [T("/", 0, "value.dash"), T("/", 0, "value.dash")]}
    r = t2_2019(b, ws, 2, 0, v)
    # only 自然人 and 总计 filled, the organisation columns blank
    pr = [[14], [1], [6], [1], [0], [0], [0], [0], [0], [1], [0], [0], [4], [1], [0], [1], [0], [0], [0], [0],
          [0], [13], [2]]
    data = [[p[0], None, None, None, None, None, p[0]] for p in pr]
    data[2][6] = 7  # 予以公开 总计 7 for 6: error t3.row_total:r.granted (blank org side -> warning)
    data[13][0] = -1  # 没有现成信息: -1, a negative count
    data[13][6] = -1
    data[12][0] = 4.5  # 不掌握: a fraction
    data[12][6] = 4.5
    data[16] = [T("不详", 0, "value.not_number"), None, None, None, None, None, 0]
    r = t3_header(b, ws, r + 1, 0, 3)
    r = t3_body(b, ws, r, 0, T3_2019, data)
    t4(b, ws, r + 1, 0, [1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])  # review total 2 for 1
    b.meta.update(status="fail", template="ogi-2019", agency="某市退役军人事务局", year=2019)
    b.save(expect)


def ods_leaf_labels(expect):
    """.ods from LibreOffice, 2021 format, 表三 leaf labels only in one
    column (so the （六） rows read 1.申请人… 2.申请人… 3.其他, and 3.其他
    must not be taken for the 其他 organisation column)."""
    b = Book("leaf-2021", "ods")
    ws = b.sheet("工作表1")
    b.text(ws, 0, 0, "某市住房和城乡建设局2021年政府信息公开工作年度报告")
    v = {"rules": [0, 0, 0], "normative": [4, 1, 22], "license": [3311], "penalty": [97],
         "enforcement": [3], "fees": [T("18.6", 18.6, "value.text_number")]}
    r = t2_2021(b, ws, 2, 0, v)
    r = t3_header(b, ws, r + 1, 0, 1)
    r = t3_body(b, ws, r, 0, T3_2021, R21_T3, style="leaf")
    t4(b, ws, r + 1, 0, R21_T4)
    b.meta.update(status="pass", template="ogi-2021", agency="某市住房和城乡建设局", year=2021)
    b.save(expect)


def extra_rows_2021(expect):
    """a 2021 report whose 表二 （五） still has the old 其他对外管理服务事项
    row (several provinces kept it): an extra row, info map.extra_row."""
    b = Book("extra-row-2021", "xlsx")
    ws = b.sheet("Sheet1")
    b.text(ws, 0, 0, "某市交通运输局2021年政府信息公开工作年度报告")
    v = {"rules": [0, 0, 0], "normative": [2, 1, 19], "license": [2210], "x.other": [45],
         "penalty": [611], "enforcement": [8], "fees": [0]}
    r = t2_2021(b, ws, 2, 0, v, extra_rows=[("x.other", "其他对外管理服务事项")])
    r = t3_header(b, ws, r + 1, 0, 3)
    r = t3_body(b, ws, r, 0, T3_2021, R21_T3)
    t4(b, ws, r + 1, 0, R21_T4)
    b.meta.update(status="pass", template="ogi-2021", agency="某市交通运输局", year=2021,
                  expect_findings={"map.extra_row": "info"})
    b.save(expect)


def serial_and_lanci(expect):
    """WPS statistical-form style: a 序号 column left of the labels (numbers
    1…23), a 栏次 row under the 表三 header (1 2 3 … 7), and 表四 with a
    label column 件数 on its left and the form's header (结果维持… merged
    down two rows)."""
    b = Book("serial-lanci-2019", "xls")
    ws = b.sheet("年报附表")
    b.text(ws, 0, 0, "天津市人力资源和社会保障局2019年政府信息公开工作年度报告统计表", 0, 10)
    b.text(ws, 2, 0, "序号")
    v = {"rules": [0, 0, 0], "normative": [4, 4, 94], "license": [4, -2, 1835],
         "other_services": [79, 23, 9273], "penalty": [54, 1, 1], "enforcement": [2, 0, 235],
         "fees": [4, 0], "procurement": [52, T("4389.64万元", 4389.64, "value.unit")]}
    r = t2_2019(b, ws, 3, 1, v)
    r += 1
    r0 = t3_header(b, ws, r, 1, 3)
    b.text(ws, r, 0, "序号", r + 2, 0)
    # the 栏次 row: column numbers under the header
    b.text(ws, r0, 0, "")
    b.text(ws, r0, 1, "栏次", r0, 3)
    for j in range(7):
        ws.cell(row=r0 + 1, column=5 + j).value = j + 1
    r = r0 + 1
    for i in range(len(T3_2019)):
        ws.cell(row=r + 1 + i, column=1).value = i + 1
    r = t3_body(b, ws, r, 1, T3_2019, TJ_T3)
    r += 1
    # 表四 as the form: row 1 行政复议 | 行政诉讼; row 2 the five 复议 leaves
    # merged down | 未经复议直接起诉 | 复议后起诉; row 3 the suit leaves
    c = 2
    b.text(ws, r, 1, "项目", r + 2, 1)
    b.text(ws, r, c, "行政复议", r, c + 4)
    b.text(ws, r, c + 5, "行政诉讼", r, c + 14)
    leaf = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    for i in range(5):
        b.text(ws, r + 1, c + i, leaf[i], r + 2, c + i)
    b.text(ws, r + 1, c + 5, "未经复议直接起诉", r + 1, c + 9)
    b.text(ws, r + 1, c + 10, "复议后起诉", r + 1, c + 14)
    for i in range(10):
        b.text(ws, r + 2, c + 5 + i, leaf[i % 5])
    b.text(ws, r + 3, 1, "件数")
    groups = ["review", "suit_direct", "suit_after_review"]
    for i in range(15):
        b.put(ws, r + 3, c + i, TJ_T4[i], f"t4.{groups[i // 5]}.{['upheld', 'corrected', 'other', 'pending', 'total'][i % 5]}")
    b.meta.update(status="pass", template="ogi-2019", agency="天津市人力资源和社会保障局", year=2019)
    b.save(expect)


def money_in_yuan(expect):
    """the money header says 元, not 万元: 2021 (八) 本年收费金额（单位：元）
    125000 is 12.5 万元; a clerk expects ogi to convert (as it does for
    "251000元" in the cell) or at least to say so."""
    b = Book("yuan-header-2021", "xlsx")
    ws = b.sheet("Sheet1")
    b.text(ws, 0, 0, "某市自然资源局2021年政府信息公开工作年度报告")
    blocks_label = {"本年收费金额（单位：万元）": "本年收费金额（单位：元）"}
    v = {"rules": [0, 0, 0], "normative": [3, 0, 30], "license": [4127], "penalty": [38],
         "enforcement": [0], "fees": [125000]}
    r = t2_2021(b, ws, 2, 0, v, label=lambda s: blocks_label.get(s, s))
    b.cells["t2.fees.amount"][2] = 12.5
    b.vfind["value.unit:t2.fees.amount"] = "info"
    r = t3_header(b, ws, r + 1, 0, 3)
    r = t3_body(b, ws, r, 0, T3_2021, R21_T3)
    t4(b, ws, r + 1, 0, R21_T4)
    b.meta.update(status="pass", template="ogi-2021", agency="某市自然资源局", year=2021)
    b.save(expect)


def plain_header(expect):
    """a hand-made 表三: one header row 自然人 | 商业企业 | … | 其他 | 总计, no
    申请人情况, no 法人或其他组织, no note; labels in two columns."""
    b = Book("plain-header-2019", "xls")
    ws = b.sheet("依申请公开")
    b.text(ws, 0, 0, "天津市人力资源和社会保障局2019年政府信息公开工作年度报告")
    b.text(ws, 1, 0, "项目", 1, 1)
    for j, h in enumerate(["自然人"] + ORGS + ["总计"]):
        b.text(ws, 1, 2 + j, h)
    t3_body(b, ws, 2, 0, T3_2019, TJ_T3, style="two")
    ws = b.sheet("主动公开")
    v = {"rules": [0, 0, 0], "normative": [4, 4, 94], "license": [4, -2, 1835],
         "other_services": [79, 23, 9273], "penalty": [54, 1, 1], "enforcement": [2, 0, 235],
         "fees": [4, 0], "procurement": [52, T("4389.64万元", 4389.64, "value.unit")]}
    t2_2019(b, ws, 0, 0, v)
    ws = b.sheet("复议诉讼")
    t4(b, ws, 0, 0, TJ_T4)
    b.meta.update(status="pass", template="ogi-2019", agency="天津市人力资源和社会保障局", year=2019)
    b.save(expect)


def heji_column(expect):
    """an extra 合计 column (the five organisations summed) between 其他 and
    总计: 合计 is also a wording of 总计, so the total must still be 总计."""
    b = Book("heji-col-2019", "xls")
    ws = b.sheet("Sheet1")
    b.text(ws, 0, 0, "天津市人力资源和社会保障局2019年政府信息公开工作年度报告")
    v = {"rules": [0, 0, 0], "normative": [4, 4, 94], "license": [4, -2, 1835],
         "other_services": [79, 23, 9273], "penalty": [54, 1, 1], "enforcement": [2, 0, 235],
         "fees": [4, 0], "procurement": [52, T("4389.64万元", 4389.64, "value.unit")]}
    r = t2_2019(b, ws, 2, 0, v)
    r = t3_header(b, ws, r + 1, 0, 3, subtotal=True)
    ws.cell(row=r - 1 + 1, column=3 + 6 + 1).value = "合计"
    r = t3_body(b, ws, r, 0, T3_2019, TJ_T3, subtotal=True)
    t4(b, ws, r + 1, 0, TJ_T4)
    b.meta.update(status="pass", template="ogi-2019", agency="天津市人力资源和社会保障局", year=2019)
    b.save(expect)


def hidden_draft(expect):
    """a hidden first sheet holding last month's draft with other figures,
    then the real report: the clerk expects the visible tables (or a word
    that there are two sets), never the draft's figures silently."""
    b = Book("hidden-draft-2021", "xls")
    ws = b.sheet("Sheet1 (2)")
    draft = Book("scratch", "xlsx")
    v = {"rules": [0, 0, 0], "normative": [5, 2, 36], "license": [11000], "penalty": [1200],
         "enforcement": [50], "fees": [0]}
    r = t2_2021(draft, ws, 0, 0, v)
    d = rows_of([[40, 5, 1, 0, 1, 0], [3, 0, 0, 0, 0, 0], [18, 2, 1, 0, 0, 0], [3, 1, 0, 0, 0, 0]]
                + [[0] * 6] * 8 + [[8, 2, 0, 0, 1, 0], [1, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0]]
                + [[2, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0]] + [[0] * 6] * 3 + [[0] * 6] * 3
                + [[34, 5, 1, 0, 1, 0], [9, 0, 0, 0, 0, 0]])
    r = t3_header(draft, ws, r + 1, 0, 3)
    r = t3_body(draft, ws, r, 0, T3_2021, d)
    t4(draft, ws, r + 1, 0, [0] * 15)
    ws.sheet_state = "hidden"
    ws = b.sheet("年报统计表")
    b.text(ws, 0, 0, "某市市场监督管理局2021年政府信息公开工作年度报告")
    v = {"rules": [0, 0, 0], "normative": [6, 2, 38], "license": [12530], "penalty": [1368],
         "enforcement": [57], "fees": [0]}
    r = t2_2021(b, ws, 2, 0, v)
    r = t3_header(b, ws, r + 1, 0, 3)
    r = t3_body(b, ws, r, 0, T3_2021, R21_T3)
    t4(b, ws, r + 1, 0, R21_T4)
    b.wb.active = 1
    b.meta.update(status="pass", template="ogi-2021", agency="某市市场监督管理局", year=2021,
                  expect_findings={"map.multiple_sets": "warning"})
    b.save(expect)


def blank_total_column(expect):
    """表三 with the whole 总计 column left blank (seen in real reports):
    warnings, with the value each blank should hold."""
    b = Book("blank-total-2019", "xlsx")
    ws = b.sheet("表三")
    b.text(ws, 0, 0, "天津市人力资源和社会保障局2019年政府信息公开工作年度报告")
    data = [list(x[:6]) + [None] for x in TJ_T3]
    r = t3_header(b, ws, 2, 0, 3)
    t3_body(b, ws, r, 0, T3_2019, data)
    ws = b.sheet("表二")
    v = {"rules": [0, 0, 0], "normative": [4, 4, 94], "license": [4, -2, 1835],
         "other_services": [79, 23, 9273], "penalty": [54, 1, 1], "enforcement": [2, 0, 235],
         "fees": [4, 0], "procurement": [52, T("4389.64万元", 4389.64, "value.unit")]}
    t2_2019(b, ws, 0, 0, v)
    ws = b.sheet("表四")
    t4(b, ws, 0, 0, TJ_T4)
    b.meta.update(status="pass", template="ogi-2019", agency="天津市人力资源和社会保障局", year=2019)
    b.save(expect)


def quotes_and_result_row(expect):
    """三、本年度办理结果 on a row of its own with no figures; ASCII quotes in
    危及"三安全一稳定"; reasons without their numbers (属于国家秘密)."""
    b = Book("quotes-2021", "xlsx")
    ws = b.sheet("统计表")
    b.text(ws, 0, 0, "某市卫生健康委员会2021年政府信息公开工作年度报告")
    v = {"rules": [0, 0, 0], "normative": [2, 1, 11], "license": [28711], "penalty": [402],
         "enforcement": [1], "fees": [T("0.00", 0, "value.text_number")]}
    r = t2_2021(b, ws, 2, 0, v)
    r = t3_header(b, ws, r + 1, 0, 2)
    labels = []
    for rid, path in T3_2021:
        path = list(path) + [""] * (3 - len(path))
        leaf = path[2] if path[2] else path[1]
        if path[2]:
            leaf = leaf.split(".", 1)[1] if rid.startswith("r.denied") else leaf
        leaf = leaf.replace("“", '"').replace("”", '"')
        labels.append((rid, path[0], path[1] if path[2] else "", leaf))
    for i, (rid, top, parent, leaf) in enumerate(labels):
        pass
    # write: 一、二、 rows; then a row 三、本年度办理结果 alone; then the results
    row = r
    data = R21_T3
    for i, (rid, top, parent, leaf) in enumerate(labels):
        if rid == "r.granted":
            b.text(ws, row, 0, "三、本年度办理结果", row, 1)
            row += 1
            top = ""
        if rid in ("new", "carried", "carry_over"):
            b.text(ws, row, 0, top, row, 1)
        else:
            if parent:
                b.text(ws, row, 0, parent)
            b.text(ws, row, 1, leaf)
        for j, col in enumerate(COLS):
            b.put(ws, row, 2 + j, data[i][j], f"t3.{rid}.{col}")
        row += 1
    t4(b, ws, row + 1, 0, R21_T4)
    b.meta.update(status="pass", template="ogi-2021", agency="某市卫生健康委员会", year=2021)
    b.save(expect)


TJ_T2 = {"rules": [0, 0, 0], "normative": [4, 4, 94], "license": [4, -2, 1835],
         "other_services": [79, 23, 9273], "penalty": [54, 1, 1], "enforcement": [2, 0, 235],
         "fees": [4, 0], "procurement": [52, T("4389.64万元", 4389.64, "value.unit")]}


def tj2020(b, ws):
    """天津 2020, following on from 2019: carried = last carry_over, prev =
    last prev + change"""
    b.text(ws, 0, 0, "天津市人力资源和社会保障局2020年政府信息公开工作年度报告")
    v = {"rules": [0, 0, 0], "normative": [6, 6, 100], "license": [2, 1, 2210],
         "other_services": [102, -4, 10388], "penalty": [55, 0, 3], "enforcement": [2, 0, 198],
         "fees": [4, 0], "procurement": [47, T("3921.5万元", 3921.5, "value.unit")]}
    r = t2_2019(b, ws, 2, 0, v)
    y20 = rows_of([[301, 6, 0, 0, 1, 0], [4, 0, 0, 0, 0, 0], [170, 4, 0, 0, 0, 0], [20, 0, 0, 0, 0, 0],
                   [0] * 6, [0] * 6, [0] * 6, [7, 0, 0, 0, 0, 0], [0] * 6, [1, 0, 0, 0, 0, 0], [0] * 6, [0] * 6,
                   [70, 2, 0, 0, 1, 0], [3, 0, 0, 0, 0, 0], [12, 0, 0, 0, 0, 0],
                   [9, 0, 0, 0, 0, 0], [5, 0, 0, 0, 0, 0], [0] * 6, [0] * 6, [1, 0, 0, 0, 0, 0], [0] * 6,
                   [298, 6, 0, 0, 1, 0], [7, 0, 0, 0, 0, 0]])
    r = t3_header(b, ws, r + 1, 0, 3)
    r = t3_body(b, ws, r, 0, T3_2019, y20)
    t4(b, ws, r + 1, 0, [4, 1, 0, 2, 7, 2, 0, 1, 0, 3, 5, 0, 0, 1, 6])


def two_years(expect):
    """a 2020 report that keeps last year's tables for comparison, the
    sheets in year order: 2019年 then 2020年. The clerk expects the 2020
    figures (the title's year), or a word that there are two sets."""
    b = Book("two-years-2020", "xlsx")
    ws = b.sheet("2019年")
    old = Book("scratch", "xlsx")
    old.text(ws, 0, 0, "天津市人力资源和社会保障局2019年政府信息公开工作年度报告")
    r = t2_2019(old, ws, 2, 0, dict(TJ_T2))
    r = t3_header(old, ws, r + 1, 0, 3)
    r = t3_body(old, ws, r, 0, T3_2019, TJ_T3)
    t4(old, ws, r + 1, 0, TJ_T4)
    tj2020(b, b.sheet("2020年"))
    b.wb.active = 1
    b.meta.update(status="pass", template="ogi-2019", agency="天津市人力资源和社会保障局", year=2020,
                  expect_findings={"map.multiple_sets": "warning"})
    b.save(expect)


def total_first(expect):
    """表三 with 总计 as the first figure column, then 自然人 and the five
    organisations (a hand-made layout)."""
    b = Book("total-first-2019", "xls")
    ws = b.sheet("Sheet1")
    b.text(ws, 0, 0, "天津市人力资源和社会保障局2019年政府信息公开工作年度报告")
    r = t2_2019(b, ws, 2, 0, dict(TJ_T2))
    r += 1
    b.text(ws, r, 0, NOTE, r + 2, 2)
    b.text(ws, r, 3, "申请人情况", r, 9)
    b.text(ws, r + 1, 3, "总计", r + 2, 3)
    b.text(ws, r + 1, 4, "自然人", r + 2, 4)
    b.text(ws, r + 1, 5, "法人或其他组织", r + 1, 9)
    for i, o in enumerate(ORGS):
        b.text(ws, r + 2, 5 + i, o)
    r += 3
    order = ["total", "person", "business", "research", "ngo", "legal", "other_org"]
    perm = [6, 0, 1, 2, 3, 4, 5]
    data = [[row[k] for k in perm] for row in TJ_T3]
    r = t3_body(b, ws, r, 0, T3_2019, data, cols=order)
    t4(b, ws, r + 1, 0, TJ_T4)
    b.meta.update(status="pass", template="ogi-2019", agency="天津市人力资源和社会保障局", year=2019)
    b.save(expect)


def t4_stacked(expect):
    """表四 written as two small tables one under the other: 行政复议 (five
    columns), then 行政诉讼 with its two groups (ten columns)."""
    b = Book("t4-stacked-2021", "xlsx")
    ws = b.sheet("Sheet1")
    b.text(ws, 0, 0, "某市市场监督管理局2021年政府信息公开工作年度报告")
    v = {"rules": [0, 0, 0], "normative": [6, 2, 38], "license": [12530], "penalty": [1368],
         "enforcement": [57], "fees": [0]}
    r = t2_2021(b, ws, 2, 0, v)
    r = t3_header(b, ws, r + 1, 0, 3)
    r = t3_body(b, ws, r, 0, T3_2021, R21_T3)
    r += 1
    leaf = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    cid = ["upheld", "corrected", "other", "pending", "total"]
    b.text(ws, r, 0, "行政复议", r, 4)
    for i in range(5):
        b.text(ws, r + 1, i, leaf[i])
        b.put(ws, r + 2, i, R21_T4[i], f"t4.review.{cid[i]}")
    r += 4
    b.text(ws, r, 0, "行政诉讼", r, 9)
    b.text(ws, r + 1, 0, "未经复议直接起诉", r + 1, 4)
    b.text(ws, r + 1, 5, "复议后起诉", r + 1, 9)
    for i in range(10):
        b.text(ws, r + 2, i, leaf[i % 5])
        g = "suit_direct" if i < 5 else "suit_after_review"
        b.put(ws, r + 3, i, R21_T4[5 + i], f"t4.{g}.{cid[i % 5]}")
    b.meta.update(status="pass", template="ogi-2021", agency="某市市场监督管理局", year=2021)
    b.save(expect)


def web_pasted(expect):
    """figures pasted from a web page: no-break spaces and ideographic
    spaces around numbers, 件 after counts, a full-width zero; a blank row
    inside 表三 after 二、上年结转 and a 其中 line under 一、本年新收."""
    b = Book("web-pasted-2019", "xls")
    ws = b.sheet("Sheet1")
    b.text(ws, 0, 0, "天津市人力资源和社会保障局2019年政府信息公开工作年度报告")
    v = dict(TJ_T2)
    v["normative"] = [T("4\u00a0", 4, "value.text_number"), T("\u30004", 4, "value.text_number"),
                      T("94件", 94, "value.unit")]
    v["rules"] = [T("０", 0, "value.text_number"), 0, 0]
    r = t2_2019(b, ws, 2, 0, v)
    r = t3_header(b, ws, r + 1, 0, 3)
    for i, (rid, path) in enumerate(T3_2019):
        if i == 1:  # 其中 line under 一、 (a row the format lacks)
            b.text(ws, r, 0, "其中：通过互联网申请", r, 2)
            for j, x in enumerate([180, 3, 0, 0, 0, 0, 183]):
                ws.cell(row=r + 1, column=4 + j).value = x
            b.vfind[f"map.extra_row:'Sheet1'!A{r + 1}"] = "info"
            r += 1
        if i == 2:  # a blank row
            r += 1
        path = path + [""] * (3 - len(path))
        for k in range(3):
            if path[k]:
                span = 0 if k == 2 or path[k + 1] else 2 - k
                b.text(ws, r, k, path[k], r, k + span)
        for j, col in enumerate(COLS):
            x = TJ_T3[i][j]
            if i == 0 and col == "person":
                x = T("\u00a0220\u00a0", 220, "value.text_number")
            b.put(ws, r, 3 + j, x, f"t3.{rid}.{col}")
        r += 1
    t4(b, ws, r + 1, 0, TJ_T4)
    b.meta.update(status="pass", template="ogi-2019", agency="天津市人力资源和社会保障局", year=2019)
    b.save(expect)


def official_2021_merged(expect):
    """the 2021 form as the circular draws it: 表二 four columns wide, the
    one-column blocks' header and figures merged over the three figure
    columns; 填报单位（盖章）： line and a date line under the title."""
    b = Book("official-merged-2021", "xls")
    ws = b.sheet("附件")
    b.text(ws, 0, 0, "2021年政府信息公开工作年度报告统计表", 0, 9)
    b.text(ws, 1, 0, "填报单位（盖章）：某市人力资源和社会保障局", 1, 5)
    b.text(ws, 2, 0, "2022年1月20日")
    r = 4
    b.text(ws, r, 0, "二、主动公开政府信息情况", r, 3)
    r += 1
    blocks = [("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"],
               [("rules", "规章", [0, 0, 0]), ("normative", "行政规范性文件", [7, 3, 52])], ["issued", "repealed", "in_force"]),
              ("第二十条第（五）项", ["本年处理决定数量"], [("license", "行政许可", [48310])], ["decisions"]),
              ("第二十条第（六）项", ["本年处理决定数量"],
               [("penalty", "行政处罚", [21]), ("enforcement", "行政强制", [0])], ["decisions"]),
              ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("fees", "行政事业性收费", [0])], ["amount"])]
    for title, heads, rows, cols in blocks:
        b.text(ws, r, 0, title, r, 3)
        r += 1
        b.text(ws, r, 0, "信息内容")
        if len(heads) == 1:
            b.text(ws, r, 1, heads[0], r, 3)
        else:
            for i, h in enumerate(heads):
                b.text(ws, r, 1 + i, h)
        r += 1
        for rid, label, vals in rows:
            b.text(ws, r, 0, label)
            for i, col in enumerate(cols):
                b.put(ws, r, 1 + i, vals[i], f"t2.{rid}.{col}")
            if len(cols) == 1:
                ws.merge_cells(start_row=r + 1, start_column=2, end_row=r + 1, end_column=4)
            r += 1
    r += 1
    b.text(ws, r, 0, "三、收到和处理政府信息公开申请情况", r, 9)
    r = t3_header(b, ws, r + 1, 0, 3)
    r = t3_body(b, ws, r, 0, T3_2021, R21_T3)
    r += 1
    b.text(ws, r, 0, "四、政府信息公开行政复议、行政诉讼情况", r, 14)
    t4(b, ws, r + 1, 0, R21_T4)
    b.meta.update(status="pass", template="ogi-2021", agency="某市人力资源和社会保障局", year=2021)
    b.save(expect)


def shared_header_2019(expect):
    """表二 with one header for （五） and （六）: the 第二十条第（六）项 title row
    follows 其他对外管理服务事项 without repeating 信息内容/上一年项目数量/…"""
    b = Book("shared-header-2019", "xlsx")
    ws = b.sheet("Sheet1")
    b.text(ws, 0, 0, "天津市人力资源和社会保障局2019年政府信息公开工作年度报告")
    r = 2
    def block(title, heads, rows, cols, header=True):
        nonlocal r
        b.text(ws, r, 0, title, r, 3)
        r += 1
        if header:
            b.text(ws, r, 0, "信息内容")
            for i, h in enumerate(heads):
                b.text(ws, r, 1 + i, h)
            r += 1
        for rid, label, vals in rows:
            b.text(ws, r, 0, label)
            for i, col in enumerate(cols):
                b.put(ws, r, 1 + i, vals[i], f"t2.{rid}.{col}")
            r += 1
    block("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
          [("rules", "规章", [0, 0, 0]), ("normative", "规范性文件", [4, 4, 94])], ["made", "published", "total"])
    block("第二十条第（五）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
          [("license", "行政许可", [4, -2, 1835]), ("other_services", "其他对外管理服务事项", [79, 23, 9273])],
          ["prev", "change", "decisions"])
    block("第二十条第（六）项", None, [("penalty", "行政处罚", [54, 1, 1]), ("enforcement", "行政强制", [2, 0, 235])],
          ["prev", "change", "decisions"], header=False)
    block("第二十条第（八）项", ["上一年项目数量", "本年增/减"], [("fees", "行政事业性收费", [4, 0])], ["prev", "change"])
    block("第二十条第（九）项", ["采购项目数量", "采购总金额（万元）"], [("procurement", "政府集中采购", [52, 4389.64])],
          ["items", "amount"])
    r = t3_header(b, ws, r + 1, 0, 3)
    r = t3_body(b, ws, r, 0, T3_2019, TJ_T3)
    t4(b, ws, r + 1, 0, TJ_T4)
    b.meta.update(status="pass", template="ogi-2019", agency="天津市人力资源和社会保障局", year=2019)
    b.save(expect)


def word_dashes(expect):
    """本年增/减 typed in Word and pasted: Word turns "-2" into an en dash
    "–2", web pages use the minus sign "−2" (U+2212) or the small "﹣2"; all
    mean −2."""
    b = Book("word-dashes-2019", "xls")
    ws = b.sheet("Sheet1")
    b.text(ws, 0, 0, "天津市人力资源和社会保障局2019年政府信息公开工作年度报告")
    v = dict(TJ_T2)
    v["license"] = [4, T("–2", -2, "value.text_number"), 1835]
    v["other_services"] = [79, T("+23", 23, "value.text_number"), 9273]
    v["penalty"] = [54, T("−1", -1, "value.text_number"), 1]
    v["enforcement"] = [2, T("﹣1", -1, "value.text_number"), 235]
    r = t2_2019(b, ws, 2, 0, v)
    r = t3_header(b, ws, r + 1, 0, 3)
    r = t3_body(b, ws, r, 0, T3_2019, TJ_T3)
    t4(b, ws, r + 1, 0, TJ_T4)
    b.meta.update(status="pass", template="ogi-2019", agency="天津市人力资源和社会保障局", year=2019)
    b.save(expect)


def tianjin_2020(expect):
    """the 2020 report alone (for --previous with the 2019 one)"""
    b = Book("tianjin-2020", "xlsx")
    tj2020(b, b.sheet("2020年"))
    b.meta.update(status="pass", template="ogi-2019", agency="天津市人力资源和社会保障局", year=2020)
    b.save(expect)


def uncached_formulas(expect):
    """totals as SUM formulas saved without their results, as scripts
    (openpyxl, pandas) and some online form systems write them: the cells
    are not empty, they hold formulas nobody computed."""
    b = Book("uncached-formulas-2019", "xlsx")
    ws = b.sheet("统计表")
    b.text(ws, 0, 0, "天津市人力资源和社会保障局2019年政府信息公开工作年度报告")
    r = t2_2019(b, ws, 2, 0, dict(TJ_T2))
    r = t3_header(b, ws, r + 1, 0, 3)
    r = t3_body(b, ws, r, 0, T3_2019, TJ_T3, total_formula=True)
    t4(b, ws, r + 1, 0, TJ_T4)
    b.meta.update(status="pass", template="ogi-2019", agency="天津市人力资源和社会保障局", year=2019,
                  uncached=True, formula_cells=sorted(b.cached and [f"'{k[0]}'!{k[1]}" for k in b.cached]),
                  # the sums are computed and checked, but the submitter is told
                  # to save the workbook in Excel/WPS so it holds its results
                  expect_findings={"value.formula_uncached": "warning"})
    b.save(expect)


def mixed_2021_old_t2(expect):
    """a 2021 report that kept the 2019 表二 (本年新制作数量…, with （九）) but
    has the 2021 表三 with the three （六） rows: the （六） rows must be read
    and the versions' disagreement reported (map.mixed_version)."""
    b = Book("mixed-old-t2-2021", "xlsx")
    ws = b.sheet("Sheet1")
    b.text(ws, 0, 0, "某市某某局2021年政府信息公开工作年度报告")
    r = t2_2019(b, ws, 2, 0, dict(TJ_T2))
    r = t3_header(b, ws, r + 1, 0, 3)
    r = t3_body(b, ws, r, 0, T3_2021, R21_T3)
    t4(b, ws, r + 1, 0, R21_T4)
    b.meta.update(status="pass", template="ogi-2021", agency="某市某某局", year=2021,
                  expect_findings={"map.mixed_version": "warning"})
    b.save(expect)


def main():
    os.makedirs(OUT, exist_ok=True)
    expect = {}
    for make in (wps_one_sheet, own_sheets_2021, sheet123_two_col, header_spelling, text_numbers_formulas,
                 subtotal_column, split_over_sheets, two_agencies, report_2020, mixed_2022, mistakes_2019,
                 ods_leaf_labels, extra_rows_2021, serial_and_lanci, money_in_yuan, plain_header,
                 heji_column, hidden_draft, blank_total_column, quotes_and_result_row, two_years,
                 total_first, t4_stacked, web_pasted, official_2021_merged, shared_header_2019,
                 word_dashes, tianjin_2020, uncached_formulas, mixed_2021_old_t2):
        make(expect)
    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expect, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
