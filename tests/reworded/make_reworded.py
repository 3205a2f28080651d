#!/usr/bin/python3
"""make_reworded.py OUTDIR [--valgrind]: the reworded-labels corpus (issue 12).

Writes into OUTDIR three base reports whose sums all hold (b19: 2019 format,
the official merged layout; b21: 2021 format, two label columns, a sheet per
table; l21: 2021 format, leaf labels alone, one sheet at an offset), then
the same reports with their statutory labels reworded the ways submitters
reword them, alone and several at once, and negative
cases (a missing, foreign or wrongly placed row or column that ogi must not
silently map). Every workbook is written as .xlsx (openpyxl), .xls (Perl
Spreadsheet::WriteExcel, write_xls.pl) and .ods (odfpy), so the three readers
of ogi meet the same labels. OUTDIR/manifest.json lists every file with what
ogi must read from it, computed here and never by running ogi: each
statutory cell's sheet, A1 reference and value, the labels reworded and the
cells each one governs, the rows the format does not have, and for the
negative cases the findings that must be there.

The corpus is generated afresh on every run (tests/e2e/test_reworded.py does
it in a temporary folder): seeded randomness (random.Random(SEED)) makes it
the same every time. No LibreOffice is needed, so the test also runs under
valgrind (on the subset --valgrind chooses).

Run by hand: /usr/bin/python3 tests/reworded/make_reworded.py /tmp/rw
"""
import sys

sys.dont_write_bytecode = True  # leave nothing in the checkout

import json
import os
import random
import subprocess

import openpyxl
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 12

sys.path.insert(0, HERE)
import fresh  # noqa: E402  (the second held-out rewordings; beside this file)
import ways  # noqa: E402  (the rewordings; beside this file)


# ---- the abstract workbook ------------------------------------------------
class Slot:
    """One statutory label as laid out: where it is, what it says, and the
    statutory cells whose meaning it carries (a row label its row, a parent
    label all rows under it, a column header its column)."""

    def __init__(self, sheet, r, c, text, governs, kind, merge=None, free_right=False):
        self.sheet, self.r, self.c = sheet, r, c
        self.statutory = self.text = text
        self.governs = list(governs)
        self.kind = kind  # "row", "parent", "col", "title", "misc"
        self.merge = merge  # (r1, c1, r2, c2) or None
        self.free_right = free_right  # the cell to its right is empty
        self.split = None  # over two cells: (character index, "right" or "down")
        self.ways = []


class Sheet:
    def __init__(self, name):
        self.name = name
        self.cells = {}  # (r, c) -> number, str or Slot
        self.merges = []


class Book:
    def __init__(self, base, version):
        self.base, self.version = base, version
        self.sheets = []
        self.slots = []
        self.expect = {}  # cell id -> [sheet, A1, value]
        self.foreign = []  # [sheet, row (1-based)] of rows the format does not have

    def sheet(self, name):
        s = Sheet(name)
        self.sheets.append(s)
        return s

    def label(self, ws, r, c, text, governs=(), kind="row", merge=None, free_right=False):
        s = Slot(ws.name, r, c, text, governs, kind, merge, free_right)
        ws.cells[(r, c)] = s
        if merge and (merge[0] != merge[2] or merge[1] != merge[3]):
            ws.merges.append(s)
        else:
            s.merge = None
        self.slots.append(s)
        return s

    def text(self, ws, r, c, text):
        ws.cells[(r, c)] = text

    def value(self, ws, r, c, cid, v):
        ws.cells[(r, c)] = v
        self.expect[cid] = [ws.name, a1(r, c), v]

    def render(self):
        """[(sheet name, {(r, c): number or str}, [merge ranges])] as written."""
        out = []
        for ws in self.sheets:
            cells, merges = {}, []
            for (r, c), v in ws.cells.items():
                if isinstance(v, Slot):
                    if v.split is not None:  # (index, "right" or "down")
                        k, way = v.split
                        cells[(r, c)] = v.text[:k]
                        cells[(r, c + 1) if way == "right" else (r + 1, c)] = v.text[k:]
                    else:
                        cells[(r, c)] = v.text
                else:
                    cells[(r, c)] = v
            for s in ws.merges:
                if s.split is None and s.merge:
                    merges.append(s.merge)
            out.append((ws.name, cells, merges))
        return out


def a1(r, c):
    return f"{get_column_letter(c + 1)}{r + 1}"


# ---- the statutory labels as the forms print them ------------------------
T3_ROWS_2019 = [
    ("new", ["一、本年新收政府信息公开申请数量"]),
    ("carried", ["二、上年结转政府信息公开申请数量"]),
    ("r.granted", ["三、本年度办理结果", "（一）予以公开"]),
    ("r.partial", ["三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"]),
    ("r.denied.secret", ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"]),
    ("r.denied.law", ["三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开"]),
    ("r.denied.safety", ["三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”"]),
    ("r.denied.third_party", ["三、本年度办理结果", "（三）不予公开", "4.保护第三方合法权益"]),
    ("r.denied.internal", ["三、本年度办理结果", "（三）不予公开", "5.属于三类内部事务信息"]),
    ("r.denied.process", ["三、本年度办理结果", "（三）不予公开", "6.属于四类过程性信息"]),
    ("r.denied.enforcement", ["三、本年度办理结果", "（三）不予公开", "7.属于行政执法案卷"]),
    ("r.denied.query", ["三、本年度办理结果", "（三）不予公开", "8.属于行政查询事项"]),
    ("r.unable.not_held", ["三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息"]),
    ("r.unable.need_create", ["三、本年度办理结果", "（四）无法提供", "2.没有现成信息需要另行制作"]),
    ("r.unable.unclear", ["三、本年度办理结果", "（四）无法提供", "3.补正后申请内容仍不明确"]),
    ("r.refused.petition", ["三、本年度办理结果", "（五）不予处理", "1.信访举报投诉类申请"]),
    ("r.refused.repeat", ["三、本年度办理结果", "（五）不予处理", "2.重复申请"]),
    ("r.refused.publication", ["三、本年度办理结果", "（五）不予处理", "3.要求提供公开出版物"]),
    ("r.refused.mass", ["三、本年度办理结果", "（五）不予处理", "4.无正当理由大量反复申请"]),
    ("r.refused.confirm", ["三、本年度办理结果", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"]),
    ("r.other", ["三、本年度办理结果", "（六）其他处理"]),
    ("r.total", ["三、本年度办理结果", "（七）总计"]),
    ("carry_over", ["四、结转下年度继续办理"]),
]
OTHER_2021 = [
    ("r.other.no_correction", ["三、本年度办理结果", "（六）其他处理",
                               "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"]),
    ("r.other.no_fee", ["三、本年度办理结果", "（六）其他处理",
                        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"]),
    ("r.other.other", ["三、本年度办理结果", "（六）其他处理", "3.其他"]),
]
T3_ROWS_2021 = T3_ROWS_2019[:20] + OTHER_2021 + T3_ROWS_2019[21:]
T3_COLS = ["person", "business", "research", "ngo", "legal", "other_org", "total"]
ORG_LABELS = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

# 表二: (block title, [(col id, label)], [(row id, label)])
T2_2019 = [
    ("第二十条第（一）项", [("made", "本年新制作数量"), ("published", "本年新公开数量"), ("total", "对外公开总数量")],
     [("rules", "规章"), ("normative", "规范性文件")]),
    ("第二十条第（五）项", [("prev", "上一年项目数量"), ("change", "本年增/减"), ("decisions", "处理决定数量")],
     [("license", "行政许可"), ("other_services", "其他对外管理服务事项")]),
    ("第二十条第（六）项", [("prev", "上一年项目数量"), ("change", "本年增/减"), ("decisions", "处理决定数量")],
     [("penalty", "行政处罚"), ("enforcement", "行政强制")]),
    ("第二十条第（八）项", [("prev", "上一年项目数量"), ("change", "本年增/减")], [("fees", "行政事业性收费")]),
    ("第二十条第（九）项", [("items", "采购项目数量"), ("amount", "采购总金额")], [("procurement", "政府集中采购")]),
]
T2_2021 = [
    ("第二十条第（一）项", [("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数")],
     [("rules", "规章"), ("normative", "行政规范性文件")]),
    ("第二十条第（五）项", [("decisions", "本年处理决定数量")], [("license", "行政许可")]),
    ("第二十条第（六）项", [("decisions", "本年处理决定数量")], [("penalty", "行政处罚"), ("enforcement", "行政强制")]),
    ("第二十条第（八）项", [("amount", "本年收费金额（单位：万元）")], [("fees", "行政事业性收费")]),
]
T2_VALUES = {
    "ogi-2019": {"rules": [2, 2, 15], "normative": [6, 5, 94], "license": [4, -2, 1835],
                 "other_services": [79, 23, 9273], "penalty": [54, 1, 17], "enforcement": [2, 3, 235],
                 "fees": [4, 0], "procurement": [52, 4389.64]},
    "ogi-2021": {"rules": [2, 1, 13], "normative": [7, 2, 41], "license": [1835], "penalty": [17],
                 "enforcement": [235], "fees": [12.5]},
}
T4_GROUPS = [("review", "行政复议"), ("suit_direct", "未经复议直接起诉"), ("suit_after_review", "复议后起诉")]
T4_COLS = [("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"),
           ("total", "总计")]
T4_VALUES = {"review": [5, 1, 2, 1], "suit_direct": [3, 1, 0, 2], "suit_after_review": [4, 0, 1, 2]}


def t3_figures(rows, rng):
    """Figures for 表三 whose three sums hold, every result row distinct and
    non-zero in 自然人, so that a row taken for its neighbour shows."""
    figs = {}
    used = set()
    results = [rid for rid, _ in rows if rid.startswith("r.") and rid != "r.total"]
    for rid in results:
        while True:
            person = rng.randint(1, 60)
            if person not in used:
                used.add(person)
                break
        figs[rid] = [person, rng.randint(0, 3), rng.randint(0, 1), 0, rng.randint(0, 1), rng.randint(0, 2)]
    figs["r.total"] = [sum(figs[r][k] for r in results) for k in range(6)]
    figs["carry_over"] = [rng.randint(1, 9), rng.randint(0, 2), 0, 0, 0, 1]
    figs["carried"] = [rng.randint(1, 12), rng.randint(0, 2), 1, 0, 0, 0]
    figs["new"] = [figs["r.total"][k] + figs["carry_over"][k] - figs["carried"][k] for k in range(6)]
    if min(figs["new"]) < 0:  # cannot happen with these ranges; kept honest
        raise SystemExit("negative 本年新收")
    for rid in figs:
        figs[rid] = figs[rid] + [sum(figs[rid])]
    return figs


# ---- laying out a base report ---------------------------------------------
class Spec:
    """What a base report is made of; negative cases change it before layout."""

    def __init__(self, name, version, seed, layout=None):
        self.name, self.version = name, version
        self.layout = layout or ("official" if version == "ogi-2019" else "sheets")
        rng = random.Random(seed)
        self.t2 = [(t, list(cols), list(rows)) for t, cols, rows in (T2_2019 if version == "ogi-2019" else T2_2021)]
        self.t2_values = {k: list(v) for k, v in T2_VALUES[version].items()}
        self.t3_rows = list(T3_ROWS_2019 if version == "ogi-2019" else T3_ROWS_2021)
        self.t3_figs = t3_figures(self.t3_rows, rng)
        self.t3_cols = list(T3_COLS)
        self.t3_extra_cols = []  # (after col id, label, figures by row id) not statutory
        self.unmapped_rows = set()  # row ids written but not statutory: no expected cells
        self.t4 = {g: v + [sum(v)] for g, v in T4_VALUES.items()}


def lay_t2(book, ws, r, c, spec, merged):
    for title, cols, rows in spec.t2:
        ncol = len(cols)
        book.label(ws, r, c, title, [f"t2.{rid}.{cid}" for rid, _ in rows for cid, _ in cols], "title",
                   merge=(r, c, r, c + ncol) if merged else None, free_right=not merged)
        r += 1
        book.label(ws, r, c, "信息内容", [], "misc")
        for k, (cid, lab) in enumerate(cols):
            book.label(ws, r, c + 1 + k, lab, [f"t2.{rid}.{cid}" for rid, _ in rows], "col")
        r += 1
        for rid, lab in rows:
            statutory = rid in spec.t2_values
            if not statutory:
                book.foreign.append([ws.name, r + 1])
            book.label(ws, r, c, lab, [f"t2.{rid}.{cid}" for cid, _ in cols] if statutory else [], "row")
            vals = spec.t2_values.get(rid) or [3] * ncol
            for k, (cid, _) in enumerate(cols):
                if statutory:
                    book.value(ws, r, c + 1 + k, f"t2.{rid}.{cid}", vals[k])
                else:
                    book.text(ws, r, c + 1 + k, vals[k])
            r += 1
    return r


def col_labels(spec):
    """[(col id or None, label)] in written order, extra columns included."""
    out = []
    labels = dict(zip(T3_COLS[1:6], ORG_LABELS))
    for cid in spec.t3_cols:
        out.append((cid, labels.get(cid)))
        for after, lab, _ in spec.t3_extra_cols:
            if after == cid:
                out.append((None, lab))
    return out


def lay_t3(book, ws, r, c, spec, mode):
    """mode "3col": the official form, labels over three columns, merged;
    "2col": the nearest parent and the leaf in two columns, unmerged; "1col":
    the leaves alone in one column (order and numbering tell 3.其他 from
    the 其他 column and the three （六） rows apart)."""
    width = {"3col": 3, "2col": 2, "1col": 1}[mode]
    d = c + width
    cols = col_labels(spec)
    statutory_cols = [cid for cid, _ in cols if cid]
    ncol = len(cols)
    orgs = [(k, lab) for k, (cid, lab) in enumerate(cols) if cid not in ("person", "total")]
    tot_k = next(k for k, (cid, _) in enumerate(cols) if cid == "total") if "total" in statutory_cols else ncol - 1
    rids = [rid for rid, _ in spec.t3_rows if rid not in spec.unmapped_rows]

    def cells_of(cids, rows=None):
        return [f"t3.{rid}.{cid}" for rid in (rows or rids) for cid in cids if cid]

    merged = mode == "3col"
    book.label(ws, r, c, T3_NOTE, [], "misc", merge=(r, c, r + 2, d - 1) if merged else None)
    book.label(ws, r, d, "申请人情况", cells_of(statutory_cols), "col", merge=(r, d, r, d + ncol - 1) if merged else None,
               free_right=not merged)
    if "person" in statutory_cols:
        book.label(ws, r + 1, d, "自然人", cells_of(["person"]), "col", merge=(r + 1, d, r + 2, d) if merged else None)
    org_ids = [cols[k][0] for k, _ in orgs]
    book.label(ws, r + 1, d + orgs[0][0], "法人或其他组织", cells_of(org_ids), "col",
               merge=(r + 1, d + orgs[0][0], r + 1, d + orgs[-1][0]) if merged else None)
    if "total" in statutory_cols:
        book.label(ws, r + 1, d + tot_k, "总计", cells_of(["total"]), "col",
                   merge=(r + 1, d + tot_k, r + 2, d + tot_k) if merged else None)
    for k, lab in orgs:
        book.label(ws, r + 2, d + k, lab, cells_of([cols[k][0]]), "col")
    r += 3
    top = r
    # parents: a label that heads several rows, written once
    first_row_of = {}
    rows_under = {}
    for i, (rid, path) in enumerate(spec.t3_rows):
        for depth, lab in enumerate(path[:-1]):
            key = tuple(path[:depth + 1])
            first_row_of.setdefault(key, i)
            rows_under.setdefault(key, []).append(i)
    for i, (rid, path) in enumerate(spec.t3_rows):
        rr = top + i
        statutory = rid not in spec.unmapped_rows
        if not statutory:
            book.foreign.append([ws.name, rr + 1])
        leaf_cells = cells_of(statutory_cols, [rid]) if statutory else []
        if mode == "3col":
            depth = len(path) - 1
            lc = c + depth
            book.label(ws, rr, lc, path[-1], leaf_cells, "row",
                       merge=(rr, lc, rr, c + 2) if depth < 2 else None)
            for dp in range(depth):
                key = tuple(path[:dp + 1])
                if first_row_of[key] == i:
                    under = rows_under[key]
                    gov = [x for j in under for x in cells_of(statutory_cols, [spec.t3_rows[j][0]])
                           if spec.t3_rows[j][0] not in spec.unmapped_rows]
                    book.label(ws, rr, c + dp, path[dp], gov, "parent",
                               merge=(rr, c + dp, top + under[-1], c + dp))
        elif mode == "1col":
            book.label(ws, rr, c, path[-1], leaf_cells, "row")
        else:
            if len(path) == 1:
                book.label(ws, rr, c, path[0], leaf_cells, "row", free_right=True)
            else:
                book.label(ws, rr, c + 1, path[-1], leaf_cells, "row")
                key = tuple(path[:-1])
                if first_row_of[key] == i:
                    under = rows_under[key]
                    gov = [x for j in under for x in cells_of(statutory_cols, [spec.t3_rows[j][0]])
                           if spec.t3_rows[j][0] not in spec.unmapped_rows]
                    book.label(ws, rr, c, path[-2], gov, "parent")
        figs = spec.t3_figs[rid]
        for k, (cid, _) in enumerate(cols):
            if cid:
                v = figs[T3_COLS.index(cid)]
                if statutory:
                    book.value(ws, rr, d + k, f"t3.{rid}.{cid}", v)
                else:
                    book.text(ws, rr, d + k, v)
            else:
                extra = next(e for e in spec.t3_extra_cols if e[1] == cols[k][1])
                book.text(ws, rr, d + k, extra[2](figs))
    return top + len(spec.t3_rows)


def lay_t4(book, ws, r, c, spec, merged):
    groups = {g: lab for g, lab in T4_GROUPS}
    allc = [f"t4.{g}.{cid}" for g, _ in T4_GROUPS for cid, _ in T4_COLS]
    book.label(ws, r, c, "行政复议", [x for x in allc if x.startswith("t4.review.")], "col",
               merge=(r, c, r, c + 4) if merged else None, free_right=not merged)
    book.label(ws, r, c + 5, "行政诉讼", [x for x in allc if not x.startswith("t4.review.")], "col",
               merge=(r, c + 5, r, c + 14) if merged else None, free_right=not merged)
    for k, (cid, lab) in enumerate(T4_COLS):
        book.label(ws, r + 1, c + k, lab, [f"t4.review.{cid}"], "col",
                   merge=(r + 1, c + k, r + 2, c + k) if merged else None)
    for gi, g in enumerate(["suit_direct", "suit_after_review"]):
        c0 = c + 5 + 5 * gi
        book.label(ws, r + 1, c0, groups[g], [x for x in allc if x.startswith(f"t4.{g}.")], "col",
                   merge=(r + 1, c0, r + 1, c0 + 4) if merged else None, free_right=not merged)
        for k, (cid, lab) in enumerate(T4_COLS):
            book.label(ws, r + 2, c0 + k, lab, [f"t4.{g}.{cid}"], "col")
    for gi, (g, _) in enumerate(T4_GROUPS):
        for k, (cid, _) in enumerate(T4_COLS):
            book.value(ws, r + 3, c + 5 * gi + k, f"t4.{g}.{cid}", spec.t4[g][k])
    return r + 4


def build(spec):
    """The workbook of a base report. 2019: one sheet, the official merged
    layout; 2021: a sheet per table, two label columns, nothing merged."""
    book = Book(spec.name, spec.version)
    if spec.layout == "leaf":  # one sheet at an offset, leaf labels, 表四 merged
        ws = book.sheet("Sheet1")
        book.text(ws, 0, 1, "某区教育局2022年政府信息公开工作年度报告统计表")
        r = lay_t2(book, ws, 2, 1, spec, merged=False)
        r = lay_t3(book, ws, r + 1, 1, spec, "1col")
        lay_t4(book, ws, r + 1, 1, spec, merged=True)
    elif spec.layout == "official":
        ws = book.sheet("统计表")
        book.text(ws, 0, 0, "某市人力资源和社会保障局2019年政府信息公开工作年度报告")
        book.label(ws, 2, 0, "二、主动公开政府信息情况", [], "misc")
        r = lay_t2(book, ws, 3, 0, spec, merged=True)
        book.label(ws, r + 1, 0, "三、收到和处理政府信息公开申请情况", [], "misc")
        r = lay_t3(book, ws, r + 2, 0, spec, "3col")
        book.label(ws, r + 1, 0, "四、政府信息公开行政复议、行政诉讼情况", [], "misc")
        lay_t4(book, ws, r + 2, 0, spec, merged=True)
    else:
        ws = book.sheet("表二")
        book.text(ws, 0, 0, "填报单位：某县市场监督管理局")
        book.label(ws, 1, 0, "二、主动公开政府信息情况", [], "misc")
        lay_t2(book, ws, 2, 0, spec, merged=False)
        ws = book.sheet("表三")
        book.label(ws, 0, 0, "三、收到和处理政府信息公开申请情况", [], "misc")
        lay_t3(book, ws, 1, 0, spec, "2col")
        ws = book.sheet("表四")
        book.label(ws, 0, 0, "四、政府信息公开行政复议、行政诉讼情况", [], "misc")
        lay_t4(book, ws, 1, 0, spec, merged=False)
    return book


# ---- writers ----------------------------------------------------------------
def write_xlsx(book, path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    wrap = Alignment(wrap_text=True, vertical="center")
    for name, cells, merges in book.render():
        ws = wb.create_sheet(name)
        for (r, c), v in cells.items():
            cell = ws.cell(row=r + 1, column=c + 1, value=v)
            if isinstance(v, str) and "\n" in v:
                cell.alignment = wrap
        for r1, c1, r2, c2 in merges:
            ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    wb.properties.creator = "make_reworded.py"
    wb.save(path)


def write_ods(book, path):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P
    doc = OpenDocumentSpreadsheet()
    for name, cells, merges in book.render():
        table = Table(name=name)
        spans, covered = {}, set()
        for r1, c1, r2, c2 in merges:
            spans[(r1, c1)] = (r2 - r1 + 1, c2 - c1 + 1)
            covered |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)} - {(r1, c1)}
        nrow = 1 + max(r for r, _ in list(cells) + list(covered))
        ncol = 1 + max(c for _, c in list(cells) + list(covered))
        for r in range(nrow):
            tr = TableRow()
            for c in range(ncol):
                if (r, c) in covered:
                    tr.addElement(CoveredTableCell())
                    continue
                attrs = {}
                if (r, c) in spans:
                    attrs = {"numberrowsspanned": spans[(r, c)][0], "numbercolumnsspanned": spans[(r, c)][1]}
                v = cells.get((r, c))
                if v is None:
                    tc = TableCell(**attrs)
                elif isinstance(v, str):
                    tc = TableCell(valuetype="string", **attrs)
                    for line in v.split("\n"):
                        tc.addElement(P(text=line))
                else:
                    tc = TableCell(valuetype="float", value=v, **attrs)
                    tc.addElement(P(text=str(v)))
                tr.addElement(tc)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
    doc.save(path)


def xls_layout(book, path):
    sheets = []
    for name, cells, merges in book.render():
        sheets.append({"name": name,
                       "cells": [[r, c, "s" if isinstance(v, str) else "n", v] for (r, c), v in sorted(cells.items())],
                       "merges": [list(m) for m in merges]})
    return {"path": path, "sheets": sheets}


# ---- the corpus ---------------------------------------------------------------
def base_specs():
    return {"b19": lambda: Spec("b19", "ogi-2019", SEED), "b21": lambda: Spec("b21", "ogi-2021", SEED + 1),
            "l21": lambda: Spec("l21", "ogi-2021", SEED + 2, "leaf")}


def reworded_books():
    """[(file stem, book, way names, group)] for every rewording."""
    out = []
    rng = random.Random(SEED)
    for base, make in base_specs().items():
        out.append((f"{base}-original", build(make()), [], "original"))
        for way in ways.WAYS:
            for group in ["g0", "g1", "g2", "all"]:
                book = build(make())
                slots = [s for s in book.slots if way.applies(s)]
                if group != "all":
                    k = int(group[1])
                    slots = slots[k::3]  # neighbours never reworded together in g*
                for s in slots:
                    way.apply(s, rng)
                if any(s.ways for s in book.slots):
                    out.append((f"{base}-{way.name}-{group}", book, [way.name], group))
        for n in range(6):  # several ways on every label at once
            book = build(make())
            for s in book.slots:
                chosen = rng.sample(ways.COMBINABLE, rng.randint(2, 3))
                chosen.sort(key=lambda w: not w.wording)  # words first, then their form
                for way in chosen:
                    if way.applies(s):
                        way.apply(s, rng)
            out.append((f"{base}-combo-{n}", book, ["combo"], f"c{n}"))
        for group in ["g0", "g1", "g2", "all"]:  # held-out wordings of real reports' habits
            book = build(make())
            slots = [s for s in book.slots if ways.HELD_OUT.applies(s)]
            if group != "all":
                slots = slots[int(group[1])::3]
            for s in slots:
                ways.HELD_OUT.apply(s, rng)
            out.append((f"{base}-heldout-{group}", book, ["heldout"], group))
        out += fresh_books(base, make)
    return out


def fresh_books(base, make):
    """The second held-out set (fresh.py), with a randomness of its own so
    that adding it changed no file of the first."""
    out = []
    rng = random.Random(f"fresh-{base}")
    for way in fresh.WAYS:
        for group in ["g0", "g1", "g2", "all"]:
            book = build(make())
            slots = [s for s in book.slots if way.applies(s)]
            if group != "all":
                slots = slots[int(group[1])::3]
            for s in slots:
                way.apply(s, rng)
            if any(s.ways for s in book.slots):
                out.append((f"{base}-{way.name}-{group}", book, [way.name], group))
    for n in range(3):  # two fresh ways on every label at once
        book = build(make())
        for s in book.slots:
            for way in rng.sample(fresh.MIXABLE, 2):
                if way.applies(s):
                    way.apply(s, rng)
        out.append((f"{base}-f_mix-{n}", book, ["f_mix"], f"m{n}"))
    return out


def negative_books():
    """[(file stem, book, must)]: cases ogi must not map silently. `must` says
    what the JSON must show."""
    import negatives
    return negatives.books(Spec, build)


def book_entry(book, ways_used, group, must):
    return {
        "base": book.base, "version": book.version, "ways": ways_used, "group": group,
        "cells": book.expect,
        "reworded": [{"sheet": s.sheet, "cell": a1(s.r, s.c), "statutory": s.statutory, "written": s.text,
                      "split": s.split and s.split[0], "split_way": s.split and s.split[1],
                      "ways": s.ways, "kind": s.kind, "governs": s.governs}
                     for s in book.slots if s.ways],
        "foreign": book.foreign,
        "must": must,
    }


def main():
    out = sys.argv[1]
    valgrind = "--valgrind" in sys.argv
    os.makedirs(out, exist_ok=True)
    entries, files, xls = {}, [], []
    books = [(stem, book, w, g, None) for stem, book, w, g in reworded_books()]
    books += [(stem, book, ["negative"], "neg", must) for stem, book, must in negative_books()]
    for stem, book, ways_used, group, must in books:
        if valgrind and group not in ("original", "all", "neg"):
            continue
        for fmt in ("xlsx", "xls", "ods"):
            path = os.path.join(out, f"{stem}.{fmt}")
            if fmt == "xlsx":
                write_xlsx(book, path)
            elif fmt == "ods":
                write_ods(book, path)
            else:
                xls.append(xls_layout(book, path))
            files.append({"file": os.path.basename(path), "stem": stem, "format": fmt})
        entries[stem] = book_entry(book, ways_used, group, must)
    layout = os.path.join(out, "xls-layout.json")
    with open(layout, "w", encoding="utf-8") as f:
        json.dump(xls, f, ensure_ascii=False)
    subprocess.run(["perl", os.path.join(HERE, "write_xls.pl"), layout], check=True)
    os.remove(layout)
    with open(os.path.join(out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump({"files": files, "books": entries}, f, ensure_ascii=False, separators=(",", ":"))


if __name__ == "__main__":
    main()
