#!/usr/bin/python3
"""make_traditional.py: writes traditional.tsv, the traditional forms of the
characters the corpus's labels use, for ways.traditional. Run by hand after
adding labels (needs the opencc command, Debian package opencc); the corpus
itself is then made without it.

Each character is converted alone with OpenCC's s2t and s2tw (its most common
form); PHRASES, written by hand, are where one simplified character stands for
several traditional ones and only the phrase tells which (复 is 覆 in 反复 and
答复, 復 in 复议, 複 in 重复). The script checks that characters plus phrases
give OpenCC's own phrase-level s2t for every label, so the table is right.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

PHRASES = [("反复", "反覆", "反覆"), ("答复", "答覆", "答覆"), ("复议", "複議", "複議"),
           ("重复", "重複", "重複"), ("后起诉", "後起訴", "後起訴"), ("属于", "屬於", "屬於"),
           ("于", "於", "於"), ("只计", "只計", "只計"), ("关系", "關係", "關係"), ("另行制作", "另行製作", "另行製作"),
           ("出版物", "出版物", "出版物"), ("秘密", "祕密", "秘密"), ("获取", "獲取", "獲取"),
           ("结果", "結果", "結果"), ("其他", "其他", "其他"), ("三类", "三類", "三類")]


def opencc(config, lines):
    p = subprocess.run(["opencc", "-c", config], input="\n".join(lines) + "\n", capture_output=True,
                       text=True, check=True)
    return p.stdout.rstrip("\n").split("\n")


def labels():
    import make_reworded as mr
    import ways
    out = set()
    for _, path in mr.T3_ROWS_2021 + mr.T3_ROWS_2019:
        out |= set(path)
    for _, cols, rows in mr.T2_2019 + mr.T2_2021:
        out |= {t for _, t in cols} | {t for _, t in rows} | {_}
    out |= set(mr.ORG_LABELS) | {mr.T3_NOTE, "申请人情况", "自然人", "法人或其他组织", "总计", "信息内容",
                                 "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                 "四、政府信息公开行政复议、行政诉讼情况"}
    out |= {lab for _, lab in mr.T4_GROUPS + mr.T4_COLS} | {"行政诉讼"}
    for alts in ways.HELD.values():
        out |= set(alts)
    out |= set(ways.NOTES)
    return sorted(out)


def main():
    labs = labels()
    chars = sorted({ch for lab in labs for ch in lab if "\u4e00" <= ch <= "\u9fff"})
    t, tw = opencc("s2t.json", chars), opencc("s2tw.json", chars)
    with open(os.path.join(HERE, "traditional.tsv"), "w", encoding="utf-8") as f:
        f.write("# traditional.tsv: made by make_traditional.py (OpenCC s2t, s2tw per character;\n"
                "# phrases by hand). kind\tsimplified\ts2t\ts2tw\n")
        for simp, a, b in PHRASES:
            f.write(f"phrase\t{simp}\t{a}\t{b}\n")
        for ch, a, b in zip(chars, t, tw):
            if a != ch or b != ch:
                f.write(f"char\t{ch}\t{a}\t{b}\n")
    import importlib
    import ways
    importlib.reload(ways)
    labs = [lab for lab in labs if "\n" not in lab]
    want = opencc("s2t.json", labs)
    bad = [(lab, w, ways.to_traditional(lab)) for lab, w in zip(labs, want) if ways.to_traditional(lab) != w]
    for lab, w, got in bad:
        print(f"differs from OpenCC s2t: {lab!r}: opencc {w!r}, table {got!r}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
