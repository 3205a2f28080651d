#!/usr/bin/python3
"""make_icons.py OUTDIR: the extension's icons (a table with a check mark)
as ogi_16.png, ogi_26.png and ogi_42.png, drawn here so that no binary
image is kept in the repository. Python's standard library only."""
import os
import struct
import sys
import zlib

SUPERSAMPLE = 4
GRID = (150, 150, 150)
HEADER = (52, 101, 164)
PAPER = (255, 255, 255)
MARK = (204, 0, 0)
CHECK = (46, 140, 50)


def near_segment(px, py, ax, ay, bx, by, width):
    """True when (px, py) lies within width/2 of the segment a-b."""
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    cx, cy = ax + t * dx, ay + t * dy
    return (px - cx) ** 2 + (py - cy) ** 2 <= (width / 2) ** 2


def colour_at(x, y):
    """The icon in unit coordinates (0..1): a 3x3 table, blue header,
    one red cell, a green tick over it; None is transparent."""
    if near_segment(x, y, 0.38, 0.66, 0.55, 0.86, 0.16) or \
            near_segment(x, y, 0.55, 0.86, 0.95, 0.38, 0.16):
        return CHECK
    if not (0.04 <= x <= 0.86 and 0.08 <= y <= 0.86):
        return None
    lines = (0.04, 0.31, 0.58, 0.86)
    if any(abs(x - v) < 0.04 for v in lines) or any(abs(y - v) < 0.04 for v in (0.08, 0.34, 0.6, 0.86)):
        return GRID
    if y < 0.34:
        return HEADER
    if 0.31 < x < 0.58 and 0.34 < y < 0.6:
        return MARK
    return PAPER


def pixel(size, col, row):
    """Average of SUPERSAMPLE^2 samples: RGBA bytes."""
    r = g = b = a = 0
    n = SUPERSAMPLE * SUPERSAMPLE
    for sy in range(SUPERSAMPLE):
        for sx in range(SUPERSAMPLE):
            c = colour_at((col + (sx + 0.5) / SUPERSAMPLE) / size,
                          (row + (sy + 0.5) / SUPERSAMPLE) / size)
            if c is not None:
                r, g, b, a = r + c[0], g + c[1], b + c[2], a + 1
    if a == 0:
        return bytes(4)
    return bytes((r // a, g // a, b // a, 255 * a // n))


def png(size):
    rows = b"".join(b"\0" + b"".join(pixel(size, c, r) for c in range(size)) for r in range(size))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) +
            chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    for size in (16, 26, 42):
        with open(os.path.join(outdir, f"ogi_{size}.png"), "wb") as f:
            f.write(png(size))


if __name__ == "__main__":
    main()
