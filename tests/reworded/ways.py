"""ways.py: the ways submitters reword a statutory label (issue 12), each a
function of the label as written and a seeded random.Random.

A way is `wording` when it changes what the label says after ogi's
normalisation (spec §2: traditional → simplified, full-width → half-width,
white space, numbering, brackets and a trailing note dropped): those labels
must come with an info finding naming them (map.label_variant). The other
ways only change the form; ogi may but need not say so.
"""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
HAN = "一二三四五六七八九十"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
PREFIX = re.compile(r"^(?:第[一二三四五六七八九十]+项|[一二三四五六七八九十]+[、是]"
                    r"|[（(【\[][一二三四五六七八九十0-9]+[）)】\]]|[0-9]+[.、．]|[①-⑩])")


def split_prefix(text):
    m = PREFIX.match(text)
    return (m.group(0), text[m.end():]) if m else ("", text)


def number_of(prefix):
    """The number a numbering prefix stands for, and whether it is a level-1
    (一、) style one."""
    for ch in prefix:
        if ch in HAN:
            return HAN.index(ch) + 1
        if ch.isdigit():
            return int(re.search(r"[0-9]+", prefix).group(0))
        if ch in CIRCLED:
            return CIRCLED.index(ch) + 1
    return None


class Way:
    def __init__(self, name, wording, fn, kinds=("row", "parent", "col", "title", "misc"), test=None):
        self.name, self.wording, self.fn, self.kinds = name, wording, fn, kinds
        self.test = test or (lambda s: True)

    def applies(self, slot):
        return slot.kind in self.kinds and self.test(slot)

    def apply(self, slot, rng):
        split = slot.split
        new = self.fn(slot, rng)
        if new is not None and (new != slot.text or slot.split != split):
            slot.text = new
            slot.ways.append(self.name)


# ---- a money header's unit is what its figures mean ----------------------------------
UNIT = re.compile(r"[（(]单位[:：]万元[）)]$")


def keep_unit(fn):
    """A wording way applied to a money header's words, never to its unit
    （单位：万元）: a typo there changes what the figures mean, and no
    reader should be asked to guess."""
    def wrapped(slot, rng):
        m = UNIT.search(slot.text)
        if not m:
            return fn(slot, rng)
        text = slot.text
        slot.text = text[:m.start()]
        try:
            return fn(slot, rng) + m.group(0)
        finally:
            slot.text = text
    return wrapped


def not_money(slot):
    return "金额" not in slot.text


# ---- 1. little words and suffixes ---------------------------------------------
SUFFIXES = ["的", "情况", "数量", "件数", "（件）", "等", "类"]


def particles(slot, rng):
    prefix, body = split_prefix(slot.text)
    choices = []
    for suffix in ("数量", "件数", "情况", "的"):
        if body.endswith(suffix) and len(body) > len(suffix) + 1:
            choices.append(lambda b=body, s=suffix: b[:-len(s)] + rng.choice(["", "数", "件数", "数量"]))
    for word in ("类", "的", "之", "等"):
        if word in body[1:-1]:
            choices.append(lambda b=body, w=word: b.replace(w, "", 1))
    if len(body) >= 5:  # a 的 or 之 between two words
        choices.append(lambda b=body: (lambda k: b[:k] + rng.choice("的之") + b[k:])(rng.randint(2, len(b) - 2)))
    choices.append(lambda b=body: b + rng.choice([s for s in SUFFIXES if not b.endswith(s)]))
    return prefix + rng.choice(choices)()


# ---- 2. numbering -----------------------------------------------------------
def numbering(slot, rng):
    prefix, body = split_prefix(slot.text)
    n = number_of(prefix) if prefix else None
    if n is None:  # an unnumbered row gets a number of its own
        if slot.kind != "row":
            return None
        n = rng.randint(1, 3)
    a, h = str(n), HAN[n - 1] if n <= 10 else str(n)
    styles = [f"{a}.", f"{a}、", f"({a})", f"（{a}）", f"{a}．", f"({h})", f"（{h}）", f"{h}、", f"{h}是", ""]
    if n <= 10:
        styles.append(CIRCLED[n - 1])
    if prefix and prefix[0] not in "（(" and "、" in prefix:
        styles.append(f"第{h}项")
    styles = [s for s in styles if s != prefix]
    return rng.choice(styles) + body


# ---- 3. brackets and quote marks ----------------------------------------------
BRACKETS = [("（", "）"), ("(", ")"), ("【", "】"), ("[", "]")]
QUOTES = [("“", "”"), ('"', '"'), ("「", "」"), ("‘", "’"), ("", "")]


def has_punct(slot):
    return bool(re.search(r"[（）()“”\"/、]", slot.text))


def punct(slot, rng):
    text = slot.text
    o, c = rng.choice(BRACKETS[1:])
    text = text.replace("（", o).replace("）", c)
    qo, qc = rng.choice(QUOTES[1:])
    text = text.replace("“", qo).replace("”", qc)
    text = text.replace("、", rng.choice(["，", ",", " ", "", "、"])) if not PREFIX.match(slot.text) else (
        split_prefix(text)[0] + split_prefix(text)[1].replace("、", rng.choice(["，", ",", " ", ""])))
    text = text.replace("/", rng.choice(["／", "、"]))
    return text


# ---- 4. a character dropped or doubled by mistake ----------------------------------
def typo_drop(slot, rng):
    prefix, body = split_prefix(slot.text)
    k = rng.randrange(1, len(body))  # the first character kept: a clerk sees it
    return prefix + body[:k] + body[k + 1:]


def typo_double(slot, rng):
    prefix, body = split_prefix(slot.text)
    k = rng.randrange(len(body))
    return prefix + body[:k + 1] + body[k:]


def body_len(n):
    return lambda s: len(re.sub(r"[（(].*?[）)]|[“”\"]", "", split_prefix(s.text)[1])) >= n


# ---- 5. traditional characters, phrase by phrase ------------------------------------
def load_traditional():
    """traditional.tsv: the characters of the labels with their traditional
    forms (made with OpenCC's s2t and s2tw, see the file) and the phrases where
    one simplified character stands for several traditional ones."""
    chars, phrases = {"t": {}, "tw": {}}, []
    with open(os.path.join(HERE, "traditional.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            kind, simp, trad, tw = line.rstrip("\n").split("\t")
            if kind == "phrase":
                phrases.append((simp, trad))
            else:
                chars["t"][simp], chars["tw"][simp] = trad, tw
    phrases.sort(key=lambda p: -len(p[0]))
    return chars, phrases


TRAD_CHARS, TRAD_PHRASES = load_traditional()


def to_traditional(text, variant="t"):
    out, i = [], 0
    while i < len(text):
        for simp, trad in TRAD_PHRASES:
            if text.startswith(simp, i):
                out.append(trad)
                i += len(simp)
                break
        else:
            out.append(TRAD_CHARS[variant].get(text[i], text[i]))
            i += 1
    return "".join(out)


def traditional(slot, rng):
    return to_traditional(slot.text, rng.choice(["t", "tw"]))


def has_traditional(slot):
    return to_traditional(slot.text) != slot.text


# ---- 6. broken over two lines or two cells --------------------------------------------
def newline(slot, rng):
    k = rng.randrange(1, len(slot.text))
    return slot.text[:k] + "\n" + slot.text[k:]


def split_cells(slot, rng):
    """Over two cells: side by side, or one under the other where the label
    was merged down (as 三、本年度办理结果 or 结果维持 wrap in printed forms);
    after the numbering half the time (as clerks do), else anywhere."""
    prefix, _ = split_prefix(slot.text)
    if prefix and rng.random() < 0.5:
        k = len(prefix)
    else:
        k = rng.randrange(1, len(slot.text))
    down = slot.merge and slot.merge[2] > slot.merge[0]
    right = slot.free_right or (slot.merge and slot.merge[3] > slot.merge[1])
    slot.split = (k, "down" if down and (not right or rng.random() < 0.5) else "right")
    return slot.text


def can_split(slot):
    return len(slot.text) >= 2 and (slot.free_right or (slot.merge and (slot.merge[3] > slot.merge[1]
                                                                         or slot.merge[2] > slot.merge[0])))


# ---- 7. a note after it, full-width digits, spaces ----------------------------------
NOTES = ["（件）", "（单位：件）", "（含转办件）", "（注：含网上申请）", "(个)", "（项）", "（本年度）",
         "\n（单位：件）", "（按申请人统计）", "*"]


def note(slot, rng):
    return slot.text + rng.choice(NOTES)


def fullwidth(slot, rng):
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in slot.text)


def has_ascii(slot):
    return bool(re.search(r"[!-~]", slot.text))


def spaces(slot, rng):
    if rng.random() < 0.3:
        return " ".join(slot.text)
    text = slot.text
    for _ in range(rng.randint(1, 3)):
        k = rng.randrange(1, len(text))
        text = text[:k] + rng.choice([" ", "  ", "\u3000"]) + text[k:]
    return text


# ---- 8. held out: wordings seen in real reports, written by hand -------------------
# Keyed by the statutory text without its numbering; each is what a clerk
# might retype. None of them is a variant in ogi's templates.
HELD = {
    "本年新收政府信息公开申请数量": ["本年度新收政府信息公开申请数量", "本年新收政府信息公开申请数", "本年新收到的政府信息公开申请",
                         "本年度收到政府信息公开申请数量（件）"],
    "上年结转政府信息公开申请数量": ["上年度结转政府信息公开申请数量", "上一年度结转的政府信息公开申请", "上年结转申请数量"],
    "本年度办理结果": ["本年办理结果", "本年度办理结果情况", "办理结果"],
    "予以公开": ["予以公开的", "同意公开", "予以公开数"],
    "部分公开（区分处理的，只计这一情形，不计其他情形）": ["部分公开", "部分公开（区分处理的只计这一情形）", "部分公开的"],
    "不予公开": ["不予公开的", "不予以公开"],
    "属于国家秘密": ["属于国家秘密的", "涉及国家秘密"],
    "其他法律行政法规禁止公开": ["其他法律行政止公开", "其他法律、行政法规禁止公开的", "其他法律法规禁止公开"],
    "危及“三安全一稳定”": ["危及三安全一稳定的", "危及“三安全一稳定”的", "危及国家安全、公共安全、经济安全、社会稳定"],
    "保护第三方合法权益": ["保护第三方合法权益的", "涉及第三方合法权益"],
    "属于三类内部事务信息": ["属于三类内部事务信息的", "属于内部事务信息"],
    "属于四类过程性信息": ["属于四类过程性信息的", "属于过程性信息"],
    "属于行政执法案卷": ["属于行政执法案卷的", "属于行政执法案卷信息"],
    "属于行政查询事项": ["属于行政查询事项的", "属于行政查询事项信息"],
    "无法提供": ["无法提供的", "不能提供"],
    "本机关不掌握相关政府信息": ["本机关不掌握相关政府信息的", "本机关不掌握该政府信息"],
    "没有现成信息需要另行制作": ["没有现成信息，需要另行制作", "没有现成信息需要另行制作的"],
    "补正后申请内容仍不明确": ["补正后申请内容仍不明确的", "经补正后申请内容仍不明确"],
    "不予处理": ["不予处理的", "不作处理"],
    "信访举报投诉类申请": ["信访、举报、投诉类申请", "信访举报投诉类"],
    "重复申请": ["重复申请的", "属于重复申请"],
    "要求提供公开出版物": ["要求提供公开出版物的", "要求提供已公开出版物"],
    "无正当理由大量反复申请": ["无正当理由大量、反复申请", "无正当理由大量反复申请的"],
    "要求行政机关确认或重新出具已获取信息": ["要求行政机关确认或者重新出具已获取信息", "要求行政机关确认或重新出具已获取的信息"],
    "其他处理": ["其他处理情况", "其他处理方式"],
    "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": [
        "申请人无正当理由逾期不补正，行政机关不再处理其申请", "申请人无正当理由逾期不补正的"],
    "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": [
        "申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其申请", "申请人逾期未缴纳费用的"],
    "总计": ["总 计", "总计数"],
    "结转下年度继续办理": ["结转下年度继续办理的", "结转下一年度继续办理", "结转下年度继续办理数量"],
    "申请人情况": ["申请人类型", "申请人情况（件）"],
    "自然人": ["自然人（件）", "自然人申请"],
    "法人或其他组织": ["法人或者其他组织", "法人及其他组织"],
    "商业企业": ["商业 企业", "商业企业（件）"],
    "科研机构": ["科研 机构", "科研院所"],
    "社会公益组织": ["社会公益 组织", "公益组织"],
    "法律服务机构": ["法律服务 机构", "律师事务所等法律服务机构"],
    "规章": ["本级政府规章", "规章（件）"],
    "规范性文件": ["其他规范性文件", "规范性文件（件）"],
    "行政规范性文件": ["行政规范性文件（件）", "规范性文件"],
    "本年新制作数量": ["本年度新制作数量", "本年新制作数"],
    "本年新公开数量": ["本年度新公开数量", "本年新公开数"],
    "对外公开总数量": ["对外公开总数", "对外公开总数量（自2008年起）"],
    "上一年项目数量": ["上年项目数量", "上一年度项目数量"],
    "本年增/减": ["本年增减", "本年增（+）/减（-）", "增/减"],
    "处理决定数量": ["处理决定数", "处理决定数量（件）"],
    "采购项目数量": ["采购项目数", "集中采购项目数量"],
    "采购总金额": ["采购总金额（预算）", "采购金额"],
    "本年制发件数": ["本年制发数", "本年度制发件数"],
    "本年废止件数": ["本年废止数", "本年度废止件数"],
    "现行有效件数": ["现行有效数", "现行有效件数（件）"],
    "本年处理决定数量": ["本年处理决定数", "本年度处理决定数量"],
    "本年收费金额（单位：万元）": ["本年收费金额（万元）", "收费金额(万元)"],
    "行政许可": ["行政许可事项", "行政许可（件）"],
    "其他对外管理服务事项": ["其他对外管理服务", "其它对外管理服务事项"],
    "行政处罚": ["行政处罚事项", "行政处罚（件）"],
    "行政强制": ["行政强制措施", "行政强制事项"],
    "行政事业性收费": ["行政事业性收费项目", "行政事业性收费事项"],
    "政府集中采购": ["政府集中采购项目", "政府集中采购（项）"],
    "行政复议": ["行政复议案件", "行政复议情况"],
    "行政诉讼": ["行政诉讼案件", "行政诉讼情况"],
    "未经复议直接起诉": ["未经复议直接提起诉讼", "未经复议直接起诉的"],
    "复议后起诉": ["经复议后起诉", "复议后提起诉讼"],
    "结果维持": ["维持", "结果维持（件）"],
    "结果纠正": ["纠正", "结果纠正（件）"],
    "其他结果": ["其它结果", "其他结果（件）"],
    "尚未审结": ["尚未审结的", "未审结"],
}


def held_out(slot, rng):
    prefix, body = split_prefix(slot.text)
    return prefix + rng.choice(HELD[body])


def has_held(slot):
    return split_prefix(slot.text)[1] in HELD


WAYS = [
    Way("particles", True, keep_unit(particles), ("row", "parent", "col")),
    Way("numbering", False, numbering, ("row", "parent", "misc")),
    Way("punct", False, punct, test=has_punct),
    Way("typo_drop", True, keep_unit(typo_drop), ("row", "parent", "col", "title"), body_len(4)),
    Way("typo_double", True, keep_unit(typo_double), ("row", "parent", "col", "title"), body_len(2)),
    Way("traditional", False, traditional, test=has_traditional),
    Way("newline", False, newline, test=lambda s: len(s.text) >= 2),
    Way("split", False, split_cells, test=can_split),
    # a note on a money header would be read as its unit
    Way("note", False, note, ("row", "parent", "col"), not_money),
    Way("fullwidth", False, fullwidth, test=has_ascii),
    Way("spaces", False, spaces, test=lambda s: len(s.text) >= 2),
]
BY_NAME = {w.name: w for w in WAYS}
# split changes the cells, not the text: kept out of combinations so that a
# combination stays one label in one cell
COMBINABLE = [w for w in WAYS if w.name != "split"]
HELD_OUT = Way("heldout", True, held_out, ("row", "parent", "col", "title"), has_held)
BY_NAME["heldout"] = HELD_OUT


# ---- what a label says once the form is set aside ----------------------------------
# For the loose check of label infos only: a reworded label whose normal form
# is a statutory label or a template variant needs no info; any other does.
import unicodedata  # noqa: E402

TO_SIMPLIFIED = {}
for _v in ("t", "tw"):
    for _s, _t in TRAD_CHARS[_v].items():
        TO_SIMPLIFIED.setdefault(_t, _s)
TO_SIMPLIFIED_PHRASES = sorted(((t, s) for s, t in TRAD_PHRASES), key=lambda p: -len(p[0]))


# numbering forms beyond those the generator writes (fresh.py's): 1) 一) Ⅳ.
MORE_PREFIX = re.compile(r"^(?:[一二三四五六七八九十0-9]+[)）]|[Ⅰ-Ⅹ][.．、])")


def normal(text):
    text = re.sub(r"\s+", "", text)
    text = split_prefix(text)[1]  # before NFKC makes ① a bare 1
    text = MORE_PREFIX.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    for trad, simp in TO_SIMPLIFIED_PHRASES:
        text = text.replace(trad, simp)
    text = "".join(TO_SIMPLIFIED.get(ch, ch) for ch in text)
    text = text.replace("其它", "其他")  # one word, two spellings
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"[“”\"'‘’「」]", "", text)
    while True:
        prefix, body = split_prefix(text)
        if not prefix:
            break
        text = body
    text = re.sub(r"[(\[【〔〖][^()\[\]【】〔〕〖〗]*[)\]】〕〗]$", "", text)
    return re.sub(r"[、，,.．/【】\[\]()*]", "", text)
