#!/bin/sh
# make_plugin_png.sh OGI: docs/plugin.png, what the extension opens in Calc
# for samples/foshan-2019.xls: the results sheet and the submitter's sheet
# with its marked cells. The Debian package libreoffice-calc-nogui has no
# windows to capture, so this is LibreOffice's own rendering: the workbook
# exported to PDF with Calc's row and column headers and grid turned on,
# pages turned into pixels by pdftoppm, cropped and stacked (python3).
# Run from the repository root.
set -eu
ogi=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
lo() { timeout -k 5 120 soffice --headless -env:UserInstallation="file://$work/profile" "$@" >/dev/null 2>&1; }

"$ogi" convert -q -o "$work/foshan-2019.checked.xlsx" samples/foshan-2019.xls || [ $? = 1 ]
lo --convert-to fods --outdir "$work" "$work/foshan-2019.checked.xlsx" ||
    lo --convert-to fods --outdir "$work" "$work/foshan-2019.checked.xlsx" # a new profile's first start may fail
/usr/bin/python3 - "$work/foshan-2019.checked.fods" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
# print Calc's headers and grid, as on screen; the results sheet (first
# page style) at 100 % rather than fitted to the page width
text = text.replace('style:print="charts drawings objects zero-values"',
                    'style:print="headers grid charts drawings objects zero-values"')
text = text.replace(' style:scale-to-X="1"', "", 1)
open(path, "w", encoding="utf-8").write(text)
PY
lo --convert-to pdf --outdir "$work" "$work/foshan-2019.checked.fods"
pdf=$work/foshan-2019.checked.pdf
# the submitter's sheet: the page with table 三's first row label, cropped
# to rows 23-49 and columns up to J, found from the words' boxes
crop=$(pdftotext -bbox "$pdf" - | /usr/bin/python3 -c '
import re, sys
dpi = 150 / 72
page = 0
words = []
for line in sys.stdin:
    if "<page " in line:
        page, words = page + 1, []
    m = re.search(r"xMin=\"([\d.]+)\" yMin=\"([\d.]+)\" xMax=\"([\d.]+)\" yMax=\"([\d.]+)\">([^<]*)<", line)
    if m:
        words.append((float(m[1]), float(m[2]), float(m[3]), float(m[4]), m[5]))
    if "</page>" in line and any("本年新收政府信息公开申请数量" in w[4] for w in words):
        head = [w for w in words if w[0] < 80]  # the row header column
        top = min(w[1] for w in head if w[4] == "23") - 2
        bottom = min(w[1] for w in head if w[4] == "50")
        k = min(w[0] for w in words if w[4] == "K" and w[1] < top)  # the letter over column K
        right = max(w[2] for w in words if top < w[1] < bottom and w[0] < k) + 4
        left = min(w[0] for w in head if w[4] == "23") - 4
        print(page, int(left * dpi), int(top * dpi), int((right - left) * dpi), int((bottom - top) * dpi))
        break
')
set -- $crop
pdftoppm -r 100 -f 1 -l 1 -x 50 -y 60 -W 1000 -H 560 "$pdf" "$work/results"
pdftoppm -r 150 -f "$1" -l "$1" -x "$2" -y "$3" -W "$4" -H "$5" "$pdf" "$work/sheet"
/usr/bin/python3 - docs/plugin.png "$work"/results*.ppm "$work"/sheet*.ppm <<'PY'
import struct, sys, zlib

def read_ppm(path):
    data = open(path, "rb").read()
    fields, pos = [], 0
    while len(fields) < 4:  # magic, width, height, maxval
        while data[pos:pos + 1].isspace():
            pos += 1
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    w, h = int(fields[1]), int(fields[2])
    pixels = data[pos + 1:]
    return w, h, [pixels[r * w * 3:(r + 1) * w * 3] for r in range(h)]

images = [read_ppm(p) for p in sys.argv[2:]]
width = max(w for w, _, _ in images)
rows = []
for i, (w, h, lines) in enumerate(images):
    if i:
        rows += [b"\xc8\xc8\xc8" * width] * 12  # a grey band between the two views
    rows += [line + b"\xff\xff\xff" * (width - w) for line in lines]

def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

raw = b"".join(b"\0" + r for r in rows)
with open(sys.argv[1], "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, len(rows), 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
PY
echo "docs/plugin.png written"
