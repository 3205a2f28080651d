"""The shape of the code stays as issue 16 left it (docs/architecture.md):

- every user-facing string lives in a strings table (the library's
  messages.c, the fronts' cli_messages.c, watch_messages.c, serve_text.c),
  never inline as `en ? "..." : "中文"`; both languages of an entry take the
  same printf arguments;
- every grower goes through src/lib/util/buf.c: no realloc( elsewhere but
  in a front's one shared grower (ogi serve's serve_buf.c: a front may not
  include the library's private buf.h);
- every test input lives under tests/fixtures, and every set there names
  the script that made it (tests/fixtures/README.md).

The two growers are named below with how many reallocs each holds.
Runs alone: python3 tests/e2e/test_shape.py build/ogi
"""
import glob
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import finish, test  # noqa: E402

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
FIXTURES = os.path.join(REPO, "tests", "fixtures")

STRING_TABLES = {"src/lib/util/messages.c", "src/cli/cli_messages.c", "src/watch/watch_messages.c",
                 "src/serve/serve_text.c"}
# stages that only show text (the fronts, report/, write/): no Chinese
# literal outside the tables
SHOWING_STAGES = ("src/cli/", "src/watch/", "src/serve/", "src/lib/report/", "src/lib/write/")
# the growers, at most this many realloc( each
GROWERS = {
    "src/lib/util/buf.c": 2,  # the one grower everything else uses
    # a front may not include the library's private buf.h: ogi serve's
    # byte buffer and typed arrays grow here (docs/architecture.md)
    "src/serve/serve_buf.c": 1,
}

CHINESE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
LITERAL = r'"(?:[^"\\\n]|\\.)*"'
LITERALS = rf"{LITERAL}(?:\s*{LITERAL})*"
CHOICE = re.compile(rf"\?\s*({LITERALS})\s*:\s*({LITERALS})")
CONVERSION = re.compile(r"%(?:\d+\$)?[-+ #0']*(?:\*|\d+)?(?:\.(?:\*|\d+))?"
                        r"((?:hh|h|ll|l|j|z|t|L)?[diouxXeEfFgGaAcspn%])")
ENTRY = re.compile(rf"\[(\w+)\]\s*=\s*\{{\s*({LITERALS})\s*,\s*({LITERALS})\s*\}}")


def code_of(text):
    """text with its comments blanked (newlines kept), literals kept."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * text.count("\n", i, j))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def joined(literals):
    """The text of adjacent C literals, escapes left as written."""
    return "".join(m[1:-1] for m in re.findall(LITERAL, literals))


def sources():
    for path in sorted(glob.glob(os.path.join(REPO, "src", "**", "*.[ch]"), recursive=True)):
        rel = os.path.relpath(path, REPO).replace(os.sep, "/")
        with open(path, encoding="utf-8") as f:
            yield rel, code_of(f.read())


def inline_choices(code):
    """Conditionals choosing between a Chinese and a non-Chinese literal."""
    return [m.group(0) for m in CHOICE.finditer(code)
            if bool(CHINESE.search(joined(m.group(1)))) != bool(CHINESE.search(joined(m.group(2))))]


def chinese_literals(code):
    return [m for m in re.findall(LITERAL, code) if CHINESE.search(m)]


def conversions(text):
    return [c for c in CONVERSION.findall(text) if c != "%"]


def over(found, allowed, what):
    """{file: count} over its allowance, and the notes for counts gone down."""
    bad = {f: n for f, n in found.items() if n > allowed.get(f, 0)}
    for f, n in sorted(allowed.items()):
        if found.get(f, 0) < n:
            print(f"  note: {f} has {found.get(f, 0)} {what}, allowed {n}: lower its allowance")
    return bad


@test
def the_checks_see_what_they_guard():
    code = code_of('/* en ? "a" : "甲" */ x = en ? "a"\n "b" : "乙丙";\n'
                   'y = en ? ", " : "，"; z = bad ? "no" : "none"; q = p ? "甲" : "乙";')
    assert len(inline_choices(code)) == 2, inline_choices(code)
    assert conversions("%s：%zu 项 %.1f%% %lld") == ["s", "zu", "f", "lld"]
    assert conversions("%s: %d") != conversions("%s：%s")


@test
def no_inline_language_choice():
    found = {}
    for rel, code in sources():
        if rel not in STRING_TABLES and inline_choices(code):
            found[rel] = len(inline_choices(code))
    assert not found, f"strings chosen inline (en ? \"...\" : \"中文\"), put them in a table: {found}"


@test
def fronts_show_no_chinese_of_their_own():
    found = {}
    for rel, code in sources():
        if rel.startswith(SHOWING_STAGES) and rel not in STRING_TABLES and chinese_literals(code):
            found[rel] = len(chinese_literals(code))
    assert not found, f"Chinese text outside the strings tables: {found}"


@test
def both_languages_take_the_same_arguments():
    entries = 0
    for rel in sorted(STRING_TABLES):
        with open(os.path.join(REPO, rel), encoding="utf-8") as f:
            code = code_of(f.read())
        for m in ENTRY.finditer(code):
            entries += 1
            zh, en = joined(m.group(2)), joined(m.group(3))
            assert conversions(zh) == conversions(en), \
                f"{rel}: {m.group(1)}: {conversions(zh)} (Chinese) != {conversions(en)} (English)"
    assert entries > 200, entries


@test
def every_grower_uses_buf():
    found = {}
    for rel, code in sources():
        n = len(re.findall(r"\brealloc\s*\(", code))
        if n:
            found[rel] = n
    assert "src/lib/util/buf.c" in found, found
    bad = over(found, GROWERS, "realloc(")
    assert not bad, f"growers by hand (use ogi_array_reserve / ogi_buf, util/buf.h): {bad}"


def fixture_sets():
    """{folder: (row, [paths named in 'made by'])} from tests/fixtures/README.md."""
    sets = {}
    with open(os.path.join(FIXTURES, "README.md"), encoding="utf-8") as f:
        for line in f:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) != 4 or not re.fullmatch(r"`[^`]+/`", cells[0]):
                continue
            named = [p for p in re.findall(r"`([^` ]+)`", cells[2]) if "/" in p]
            sets[cells[0].strip("`").rstrip("/")] = named
    return sets


@test
def every_fixture_set_names_its_generator():
    sets = fixture_sets()
    assert len(sets) >= 8, sets
    for folder, named in sets.items():
        assert os.path.isdir(os.path.join(FIXTURES, folder)), f"README row for a missing {folder}/"
        assert named, f"tests/fixtures/{folder}/: the README names nothing that made it"
        for p in named:
            base = REPO if p.startswith(("tests/", "samples/")) else FIXTURES
            assert os.path.exists(os.path.join(base, p)), f"{folder}/: made by {p}, not found"
    for here, dirs, files in os.walk(FIXTURES):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        rel = os.path.relpath(here, FIXTURES).replace(os.sep, "/")
        if rel == "." or not files:
            continue
        parts = rel.split("/")
        covered = any("/".join(parts[:k]) in sets for k in range(len(parts), 0, -1))
        assert covered, f"tests/fixtures/{rel}: no row in tests/fixtures/README.md"


@test
def every_input_is_under_fixtures():
    code = {".py", ".c", ".h", ".sh", ".pl", ".supp", ".md", ".pyc"}
    stray = []
    for here, dirs, files in os.walk(os.path.join(REPO, "tests")):
        if os.path.abspath(here) == os.path.abspath(FIXTURES):
            dirs[:] = []
            continue
        dirs[:] = [d for d in dirs if os.path.join(here, d) != FIXTURES and d != "__pycache__"]
        stray += [os.path.relpath(os.path.join(here, f), REPO) for f in files
                  if os.path.splitext(f)[1] not in code]
    assert not stray, f"test inputs outside tests/fixtures: {stray}"


finish()
