#!/usr/bin/env python3
"""bench/label_similarity.py: how the mapper's similarity measure was chosen.

Not a test. Takes every row, column and group label of the built-in
templates (src/lib/check/templates/*.tsv), rewords each the ways submitters
reword them (issue 12: little words and suffixes added, a character dropped,
doubled or mistyped, a word inserted), and scores each reworded label with
four candidate measures against its own statutory labels and against every
label of another part of the same table (the confusable ones). A reworded
label is placed when its own score reaches the threshold T and every other
label stays a margin D below; it is wrong when another label wins that way.
Two more columns count false matches outright: "near misses", pairs of
labels of different parts of one table (as the format writes them) scoring
at least T; and "prose", phrases of the real reports' narrative
(/work/shared/seeds or OGI_SEEDS, table lines left out) scoring at least T
against some label.
Run: python3 bench/label_similarity.py  (docs/architecture.md, "The mapper").
"""
import itertools
import os
import re
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATES = [os.path.join(HERE, "..", "src", "lib", "check", "templates", f)
             for f in ("ogi-2019.tsv", "ogi-2021.tsv")]
MIN_CPS = 4  # shorter labels match exactly or not at all (label_match.h)


def norm(s):
    # roughly what ogi_label_norm leaves: no spaces, quotes or list commas
    return re.sub(r"[\s“”\"'、,，]", "", s)


def load(path):
    parts, table = {}, None
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if f[0] == "table":
            table = f[1]
        elif f[0] in ("row", "col", "group"):
            labels = f[3] if f[0] == "col" else f[2]
            key = (os.path.basename(path), table, f[0], f[1])
            parts.setdefault(key, set()).update(norm(x) for x in labels.split("|"))
    return parts


def lcs(a, b):
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0]
        for j, cb in enumerate(b):
            cur.append(prev[j] + 1 if ca == cb else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def lcs_ratio(a, b):
    return 2 * lcs(a, b) / (len(a) + len(b))


def edit_similarity(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return 1 - prev[-1] / max(len(a), len(b))


def bigram_dice(a, b):
    A = Counter(a[i:i + 2] for i in range(len(a) - 1))
    B = Counter(b[i:i + 2] for i in range(len(b) - 1))
    return 2 * sum((A & B).values()) / max(1, sum(A.values()) + sum(B.values()))


def char_jaccard(a, b):
    return len(set(a) & set(b)) / len(set(a) | set(b))


MEASURES = {"LCS ratio": lcs_ratio, "edit distance": edit_similarity,
            "bigram Dice": bigram_dice, "char Jaccard": char_jaccard}


def rewordings(label):
    out = [label + s for s in ("的", "类", "等", "数量", "情况", "件数", "之") if not label.endswith(s)]
    n = len(label)
    for p in range(1, n - 1):
        out.append(label[:p] + label[p + 1:])          # a character dropped
        out.append(label[:p] + label[p] + label[p:])   # a character doubled
        out.append(label[:p] + "止" + label[p + 1:])   # a character mistyped
    out += [label[:n // 2] + w + label[n // 2:] for w in ("的", "之")]
    return out


def prose_phrases():
    seeds = os.environ.get("OGI_SEEDS", "/work/shared/seeds")
    out = set()
    if not os.path.isdir(seeds):
        return out
    for name in sorted(os.listdir(seeds)):
        for line in open(os.path.join(seeds, name), encoding="utf-8", errors="replace"):
            if "|" in line:
                continue  # a table: its cells are labels
            for phrase in re.split(r"[，。；：、！？,.;:!?（）()“”\s]+", line):
                if MIN_CPS <= len(phrase) <= 64:
                    out.add(phrase)
    return out


def main():
    parts = {}
    for path in TEMPLATES:
        parts.update(load(path))
    cases = []
    for key, labels in parts.items():
        others = [x for k, ls in parts.items()
                  if k[:2] == key[:2] and k[3] != key[3] and not (ls & labels)
                  for x in ls if len(x) >= MIN_CPS]
        for label in labels:
            if len(label) >= MIN_CPS:
                cases += [(w, labels, others) for w in rewordings(label)]
    near = [(a, b) for k1, k2 in itertools.combinations(parts, 2) if k1[:2] == k2[:2]
            and not (parts[k1] & parts[k2]) for a in parts[k1] for b in parts[k2]
            if len(a) >= MIN_CPS and len(b) >= MIN_CPS]
    labels = sorted({x for ls in parts.values() for x in ls if len(x) >= MIN_CPS})
    prose = prose_phrases()
    print(f"{len(cases)} reworded labels of {len(parts)} template parts; {len(near)} near-miss "
          f"pairs; {len(prose)} prose phrases")
    print("| measure | T | D | placed | wrong | near misses ≥ T | prose ≥ T |")
    print("|---|---|---|---|---|---|---|")
    for name, f in MEASURES.items():
        scores = [(max(f(w, x) for x in own), max((f(w, x) for x in others), default=0))
                  for w, own, others in cases]
        for T, D in ((0.65, 0.1), (0.75, 0.1), (0.76, 0.1), (0.8, 0.1)):
            placed = sum(1 for o, c in scores if o >= T and o - c >= D)
            wrong = sum(1 for o, c in scores if c >= T and c - o >= D)
            nm = sum(1 for a, b in near if f(a, b) >= T)
            pr = sum(1 for p in prose if any(f(p, x) >= T for x in labels))
            print(f"| {name} | {T} | {D} | {placed} ({100 * placed / len(scores):.1f} %) | {wrong} "
                  f"| {nm} | {pr} |")


if __name__ == "__main__":
    main()
