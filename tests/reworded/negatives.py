"""negatives.py: reports with a missing, foreign or wrongly placed row or
column, close to a statutory one, that ogi must not silently map (issue 12's
confusion pairs). Each is a base report changed before it is laid out, with
`must`: what the JSON must show.

must = {"status": "pass" | "fail" | None (either),
        "findings": [[rule, text the key must contain]...],
        "foreign": true: no cell is read from a foreign row unless a map.*
                   finding names that cell or the workbook gets map.mixed_version}
The cells ogi must read are the book's own expectations, as for a rewording.
"""
T3_COLS = ["person", "business", "research", "ngo", "legal", "other_org", "total"]


def zero_row(spec, rid):
    """Takes a result row's figures out of the sums, so that the report still
    holds without it."""
    figs = spec.t3_figs
    for k in range(7):
        v = figs[rid][k]
        figs["r.total"][k] -= v
        figs["new"][k] -= v
        figs[rid][k] = 0
    assert min(figs["new"]) >= 0


def drop_row(spec, rid):
    zero_row(spec, rid)
    spec.t3_rows = [(r, p) for r, p in spec.t3_rows if r != rid]


def reword(book, rid, text, way):
    """Rewords the leaf label of row rid (in any layout) to text."""
    for slot in book.slots:
        if slot.kind == "row" and slot.governs and slot.governs[0].startswith(f"t3.{rid}."):
            slot.text = text
            slot.ways.append(way)
            return
    raise KeyError(rid)


def books(Spec, build):
    out = []

    # a row left out and its neighbours reworded: similarity must not slide a
    # neighbour into the gap
    for name, spec_args, gone, words in [
            ("neg-gap-law-l21", ("l21", "ogi-2021", 14, "leaf"), "r.denied.law",
             [("r.denied.secret", "1.涉及国家秘密的"), ("r.denied.safety", "3.危及国家安全、公共安全、经济安全、社会稳定")]),
            ("neg-gap-no_fee-21", ("b21", "ogi-2021", 13), "r.other.no_fee",
             [("r.other.no_correction", "1.申请人无正当理由逾期不补正的"), ("r.other.other", "3.其他情形")]),
            ("neg-gap-need_create-19", ("b19", "ogi-2019", 12), "r.unable.need_create",
             [("r.unable.not_held", "1.本机关不掌握相关政府信息的"), ("r.unable.unclear", "3.补正后申请内容仍不明确的")])]:
        s = Spec(*spec_args)
        drop_row(s, gone)
        book = build(s)
        for rid, text in words:
            reword(book, rid, text, "heldout")
        out.append((name, book, {"status": "fail", "findings": [["map.missing_row", gone]]}))

    # a row of the form left out: its neighbours keep their own cells
    s = Spec("b19", "ogi-2019", 12)
    drop_row(s, "r.partial")
    out.append(("neg-no-partial-19", build(s), {"status": "fail", "findings": [["map.missing_row", "r.partial"]]}))

    s = Spec("b21", "ogi-2021", 13)
    drop_row(s, "r.other.no_correction")
    out.append(("neg-no-correction-21", build(s),
                {"status": "fail", "findings": [["map.missing_row", "r.other.no_correction"]]}))

    # the same with leaf labels alone: only order and numbering place a row
    for rid in ("r.other.no_correction", "r.other.other", "r.denied.law"):
        s = Spec("l21", "ogi-2021", 14, "leaf")
        drop_row(s, rid)
        out.append((f"neg-leaf-no-{rid.split('.')[-1]}-21", build(s),
                    {"status": "fail", "findings": [["map.missing_row", rid]]}))

    # 其他 as a row and as a column: either one alone must not stand for the other
    s = Spec("b21", "ogi-2021", 13)
    drop_row(s, "r.other.other")
    out.append(("neg-no-other-row-21", build(s),
                {"status": "fail", "findings": [["map.missing_row", "r.other.other"]]}))

    s = Spec("b21", "ogi-2021", 13)
    for figs in s.t3_figs.values():
        figs[5] = 0
        figs[6] = sum(figs[:6])
    s.t3_cols = [c for c in s.t3_cols if c != "other_org"]
    out.append(("neg-no-other-col-21", build(s),
                {"status": "fail", "findings": [["map.missing_column", "other_org"]]}))

    # 2019's single （六）其他处理 in a 2021 report, and 2021's three rows in a 2019 one
    s = Spec("b21", "ogi-2021", 13)
    rows = [r for r, _ in s.t3_rows if r.startswith("r.other.")]
    s.t3_figs["x.other19"] = [sum(s.t3_figs[r][k] for r in rows) for k in range(7)]
    at = [r for r, _ in s.t3_rows].index(rows[0])
    s.t3_rows = [x for x in s.t3_rows if x[0] not in rows]
    s.t3_rows.insert(at, ("x.other19", ["三、本年度办理结果", "（六）其他处理"]))
    s.unmapped_rows.add("x.other19")
    out.append(("neg-2019-other-in-21", build(s), {"status": None, "findings": [], "foreign": True}))

    s = Spec("b19", "ogi-2019", 12)
    other = s.t3_figs["r.other"]
    parts = [[v // 2 for v in other], [v // 3 for v in other]]
    parts.append([other[k] - parts[0][k] - parts[1][k] for k in range(7)])
    at = [r for r, _ in s.t3_rows].index("r.other")
    new_rows = []
    for i, (rid, path) in enumerate([
            ("x.no_correction21", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            ("x.no_fee21", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
            ("x.other21", "3.其他")]):
        s.t3_figs[rid] = parts[i]
        s.unmapped_rows.add(rid)
        new_rows.append((rid, ["三、本年度办理结果", "（六）其他处理", path]))
    s.t3_rows = s.t3_rows[:at] + new_rows + s.t3_rows[at + 1:]
    del s.t3_figs["r.other"]
    s.t3_figs["r.other"] = [0] * 7
    out.append(("neg-2021-other-in-19", build(s), {"status": None, "findings": [], "foreign": True}))

    # a row the form does not have, worded like its neighbours, with figures
    # the totals leave out: read, it would break the sums or a neighbour
    s = Spec("b19", "ogi-2019", 12)
    s.t3_figs["x.denied9"] = [7, 1, 0, 0, 0, 0, 8]
    at = [r for r, _ in s.t3_rows].index("r.denied.query") + 1
    s.t3_rows.insert(at, ("x.denied9", ["三、本年度办理结果", "（三）不予公开", "9.其他法律法规规定不予公开的"]))
    s.unmapped_rows.add("x.denied9")
    out.append(("neg-foreign-row-19", build(s),
                {"status": "pass", "findings": [["map.extra_row", ""]], "foreign": True}))

    # 合计 (the organisations' subtotal) under 法人或其他组织 beside 总计
    s = Spec("b21", "ogi-2021", 13)
    s.t3_extra_cols = [("other_org", "合计", lambda figs: sum(figs[1:6]))]
    out.append(("neg-subtotal-col-21", build(s), {"status": "pass", "findings": []}))

    # 2019's 其他对外管理服务事项 left in a 2021 表二 under （五）: not 行政许可
    s = Spec("b21", "ogi-2021", 13)
    title, cols, rows = s.t2[1]
    s.t2[1] = (title, cols, rows + [("other_services", "其他对外管理服务事项")])
    out.append(("neg-t2-2019-row-in-21", build(s),
                {"status": "pass", "findings": [["map.extra_row", ""]], "foreign": True}))
    # 其他 as a row in the wrong place: 2021's 3.其他 left out of （六） and an
    # （八）其他 written after （七）总计: position and parent say it is not 3.其他
    s = Spec("b21", "ogi-2021", 13)
    drop_row(s, "r.other.other")
    s.t3_figs["x.other8"] = [2, 0, 0, 0, 0, 0, 2]
    at = [r for r, _ in s.t3_rows].index("r.total") + 1
    s.t3_rows.insert(at, ("x.other8", ["三、本年度办理结果", "（八）其他"]))
    s.unmapped_rows.add("x.other8")
    out.append(("neg-other-after-total-21", build(s),
                {"status": "fail", "findings": [["map.missing_row", "r.other.other"]], "foreign": True}))

    # 合计 as a row beside （七）总计: a grand total of items 1 and 2 after item 4
    s = Spec("b19", "ogi-2019", 12)
    s.t3_figs["x.heji"] = [s.t3_figs["new"][k] + s.t3_figs["carried"][k] for k in range(7)]
    s.t3_rows.append(("x.heji", ["合计"]))
    s.unmapped_rows.add("x.heji")
    out.append(("neg-heji-row-19", build(s), {"status": "pass", "findings": [], "foreign": True}))

    # rows written out of the form's order, labels intact: the labels decide
    s = Spec("b19", "ogi-2019", 12)
    ids = [r for r, _ in s.t3_rows]
    i, j = ids.index("r.denied.safety"), ids.index("r.denied.third_party")
    s.t3_rows[i], s.t3_rows[j] = s.t3_rows[j], s.t3_rows[i]
    out.append(("neg-swapped-rows-19", build(s), {"status": "pass", "findings": []}))

    s = Spec("b21", "ogi-2021", 13)
    ids = [r for r, _ in s.t3_rows]
    i, j = ids.index("r.other.no_correction"), ids.index("r.other.no_fee")
    s.t3_rows[i], s.t3_rows[j] = s.t3_rows[j], s.t3_rows[i]
    out.append(("neg-swapped-other-21", build(s), {"status": "pass", "findings": []}))
    return out
