"""src/include/ogi.h is a contract (issue 16): every public function is
documented right above its declaration, no internal shows, no comment
sends a user to a private header, and every private header says it is
private on its first line.
"""
import glob
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import finish, test  # noqa: E402

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src")
HEADER = os.path.join(SRC, "include", "ogi.h")


def declarations(text):
    """(name, the lines above it) of every function declared in text."""
    lines = text.splitlines()
    found = []
    for i, line in enumerate(lines):
        m = re.match(r"^[a-z][\w ]*?\**\b(ogi_\w+)\(", line)
        if m and not line.startswith("typedef"):
            found.append((m.group(1), lines[max(0, i - 1)]))
    return found


def undocumented(text):
    """Functions not preceded by a comment or by another declaration that is
    (a pair such as ogi_write_xlsx / ogi_write_xlsx_batch shares one)."""
    lines = text.splitlines()
    missing = []
    for i, line in enumerate(lines):
        if not re.match(r"^[a-z][\w ]*?\**\bogi_\w+\(", line) or line.startswith("typedef"):
            continue
        j = i - 1
        while j >= 0 and not lines[j].strip().endswith("*/") and lines[j].strip() \
                and not lines[j].rstrip().endswith(";"):
            j -= 1  # a declaration split over lines
        if j < 0 or not lines[j].strip().endswith("*/"):
            missing.append(re.search(r"(ogi_\w+)\(", line).group(1))
    return missing


@test
def the_checker_sees_a_missing_comment():
    text = "/* Opens. */\nint ogi_a(void);\nvoid ogi_b(int x,\n           int y);\n"
    assert undocumented(text) == ["ogi_b"], undocumented(text)


@test
def every_public_function_is_documented():
    text = open(HEADER, encoding="utf-8").read()
    names = [n for n, _ in declarations(text)]
    assert len(names) >= 20, names
    missing = undocumented(text)
    assert not missing, f"ogi.h declares without a comment: {missing}"


@test
def the_header_shows_no_internals():
    text = open(HEADER, encoding="utf-8").read()
    assert "ogi_arena" not in text, "ogi.h shows the report's arena"
    private = [os.path.basename(p) for p in glob.glob(os.path.join(SRC, "*", "*", "*.h"))]
    named = sorted(h for h in private if re.search(r"\b" + re.escape(h) + r"\b", text))
    assert not named, f"ogi.h sends its users to private headers: {named}"
    for word in ("lifetime", "thread", "outlive"):
        assert word in text.lower(), f"ogi.h says nothing of {word}"


@test
def private_headers_say_so():
    headers = glob.glob(os.path.join(SRC, "lib", "*", "*.h")) + \
        glob.glob(os.path.join(SRC, "cli", "*.h")) + glob.glob(os.path.join(SRC, "watch", "*.h"))
    assert len(headers) > 20, headers
    silent = []
    for h in sorted(headers):
        with open(h, encoding="utf-8") as f:
            head = f.read(400)
        if "private" not in head.lower():
            silent.append(os.path.relpath(h, SRC))
    assert not silent, f"private headers that do not say so: {silent}"


finish()
