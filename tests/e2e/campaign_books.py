"""Workbooks and boxes for the campaign tests (test_campaign.py, and
test_campaign_lo.py which opens a roll-up with LibreOffice): reports made
with openpyxl from tests/fixtures/formats/excel/formula-totals.xlsx, agency names
and figures edited, totals recomputed."""
import hashlib
import os
import re
import tempfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATE_BOOK = os.path.join(HERE, "..", "fixtures", "formats", "excel", "formula-totals.xlsx")
SUM = re.compile(r"=SUM\(([A-Z]+\d+):([A-Z]+\d+)\)")


def make_report(path, agency, year, scale=1, broken=False, carry_from=None, warn=False):
    """A 2021-format report of agency for year; every figure times scale.
    broken: one figure off, so that t3.balance fails. warn: one total left
    a formula without its result (a warning, not an error). carry_from: the
    workbook of the next year, whose 上年结转 this one's 结转下年度 is
    (its 上年结转 adjusted so that the balance still holds), and whose
    documents in force follow from this one's."""
    wb = openpyxl.load_workbook(TEMPLATE_BOOK)
    ws = wb.active
    ws["A1"] = f"{year}年政府信息公开工作年度报告统计表"
    ws["A2"] = f"填报单位：{agency}"
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                c.value = c.value * scale

    def value(v):
        m = SUM.match(v) if isinstance(v, str) else None
        if m:
            return sum(value(x.value) or 0 for r in ws[m.group(1):m.group(2)] for x in r)
        return v

    computed = {c.coordinate: value(c.value) for row in ws.iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("=")}
    for ref, v in computed.items():
        if not (warn and ref == "J22"):
            ws[ref] = v
    if carry_from is not None:
        nxt = openpyxl.load_workbook(carry_from).active
        for r in (6, 7):  # in force = last year's + issued - repealed
            ws[f"D{r}"] = nxt[f"D{r}"].value - nxt[f"B{r}"].value + nxt[f"C{r}"].value
        for col in "DEFGHIJ":
            fwd = nxt[f"{col}23"].value  # next year's 上年结转
            # new + carried = total + forward: keep it, with forward = fwd
            ws[f"{col}23"] = ws[f"{col}45"].value + fwd - ws[f"{col}22"].value
            ws[f"{col}46"] = fwd
    if broken:
        ws["D22"] = ws["D22"].value + 1
    wb.save(path)


def sha256_of(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def sheet_values(path):
    """Every sheet's cells as the workbook caches them."""
    wb = openpyxl.load_workbook(path, data_only=True)
    try:
        return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb}
    finally:
        wb.close()


def new_box(tmp, name="box"):
    box = os.path.join(tmp, name)
    os.makedirs(os.path.join(box, "inbox"))
    return box


def tmpdir():
    # a path with spaces and Chinese, as users have
    return tempfile.mkdtemp(prefix="ogi 报送 ")
