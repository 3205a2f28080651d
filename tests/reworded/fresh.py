"""fresh.py: a second held-out set of rewordings (issue 12, round four).

Written before the mapper's round-four rules and never tuned on: the ways
here are not those of ways.py (which the mapper's thresholds and rules were
measured against), so how many of these files ogi reads as the original is
an honest figure of how the mapper generalises. Each way is general (a rule
over the label's words, not a list of whole labels):

- f_synonym: one word swapped for a synonym an official would write
  (予以 → 同意/准予, 不予 → 拒绝, 申请 → 请求, 其他 → 其余, 情况 → 情形…);
- f_reorder: words put in another order (a leading 本年/上年 moved into a
  bracket after, the two sides of 或/及 swapped, 结果维持 → 维持结果);
- f_note: a note in brackets after the label, in bracket styles and words
  ways.py does not use (〔单位：件〕, ［件］, （截至12月31日）…);
- f_split: the label over two cells cut before its last word (…申请|数量), the
  way a narrow column wraps;
- f_numbering: numbering styles ways.py does not write (1) 一) ⑴ ⒈ Ⅰ. 1- 第1项).

A way that changes the words is `wording` (a label info must name it).
make_reworded.py lays each way over every third label (g0, g1, g2) and over
all, plus `f_mix`: two of these ways on every label at once.
"""
import re

from ways import CIRCLED, HAN, Way, keep_unit, split_prefix, number_of  # noqa: F401

# ---- synonyms: (word, [what an official might write instead]) -------------------
SYNONYMS = [
    ("予以", ["同意", "准予"]),
    ("不予", ["拒绝"]),
    ("申请", ["请求"]),
    ("其他", ["其余"]),
    ("情况", ["情形"]),
    ("本机关", ["我机关", "本单位"]),
    ("相关", ["有关"]),
    ("没有", ["无"]),
    ("需要", ["需"]),
    ("尚未", ["仍未"]),
    ("数量", ["数目"]),
    ("属于", ["系"]),
    ("要求", ["请求"]),
    ("仍不明确", ["依然不明确"]),
    ("本年", ["今年"]),
    ("上年", ["去年"]),
]


def synonym(slot, rng):
    prefix, body = split_prefix(slot.text)
    found = [(w, alts) for w, alts in SYNONYMS if w in body]
    if not found:
        return None
    word, alts = rng.choice(found)
    return prefix + body.replace(word, rng.choice(alts), 1)


def has_synonym(slot):
    body = split_prefix(slot.text)[1]
    return any(w in body for w, _ in SYNONYMS)


# ---- reordered words ---------------------------------------------------------------
TIME = re.compile(r"^(本年度|本年|上一年|上年)(.{2,})$")
COORD = re.compile(r"^(.{2,})(或|及|和)(.{2,})$")
RESULT = re.compile(r"^结果(.{2})$")


def reorder(slot, rng):
    prefix, body = split_prefix(slot.text)
    m = TIME.match(body)
    if m:
        return prefix + f"{m.group(2)}（{m.group(1)}）"
    m = RESULT.match(body)
    if m:
        return prefix + m.group(1) + "结果"
    m = COORD.match(body)
    if m and "（" not in body:
        return prefix + m.group(3) + m.group(2) + m.group(1)
    return None


def can_reorder(slot):
    body = split_prefix(slot.text)[1]
    return bool(TIME.match(body) or RESULT.match(body) or (COORD.match(body) and "（" not in body))


# ---- a note in brackets ------------------------------------------------------------
FRESH_NOTES = ["〔单位：件〕", "［件］", "（截至12月31日）", "（含依申请公开）", "（见说明）", "(单位:件)",
               "（2022年度）", "【数据来源：登记台账】"]


def note(slot, rng):
    return slot.text + rng.choice(FRESH_NOTES)


# ---- over two cells, before the last word --------------------------------------------
def split_last_word(slot, rng):
    """Cut before the last two characters of the words (before a bracket or
    a note when there is one): …申请|数量, 结果|维持, 社会公益|组织."""
    text = slot.text
    k = text.find("（")
    end = k if k > 0 else len(text)
    cut = end - 2
    if cut < 1:
        return None
    down = slot.merge and slot.merge[2] > slot.merge[0]
    right = slot.free_right or (slot.merge and slot.merge[3] > slot.merge[1])
    slot.split = (cut, "down" if down and (not right or rng.random() < 0.5) else "right")
    return text


def can_split(slot):
    text = slot.text
    k = text.find("（")
    end = k if k > 0 else len(text)
    return end >= 4 and bool(slot.free_right or (slot.merge and (slot.merge[3] > slot.merge[1]
                                                                  or slot.merge[2] > slot.merge[0])))


# ---- numbering styles ways.py does not write ----------------------------------------
ROMAN = ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "Ⅵ", "Ⅶ", "Ⅷ", "Ⅸ", "Ⅹ"]


def numbering(slot, rng):
    prefix, body = split_prefix(slot.text)
    n = number_of(prefix) if prefix else None
    if n is None or n > 10:
        return None
    a, h = str(n), HAN[n - 1]
    styles = [f"{a})", f"{h})", chr(0x2474 + n - 1), chr(0x2488 + n - 1), f"{ROMAN[n - 1]}.", f"{a}-",
              f"第{a}项：", f"{a}）"]
    return rng.choice(styles) + body


def numbered(slot):
    prefix, _ = split_prefix(slot.text)
    return bool(prefix) and (number_of(prefix) or 99) <= 10


WAYS = [
    Way("f_synonym", True, keep_unit(synonym), ("row", "parent", "col"), has_synonym),
    Way("f_reorder", True, keep_unit(reorder), ("row", "parent", "col"), can_reorder),
    Way("f_note", False, note, ("row", "parent", "col"), lambda s: "金额" not in s.text),
    Way("f_split", False, split_last_word, test=can_split),
    Way("f_numbering", False, numbering, ("row", "parent", "misc"), numbered),
]
# split changes the cells, not the text: kept out of the mix (one label, one cell)
MIXABLE = [w for w in WAYS if w.name != "f_split"]
