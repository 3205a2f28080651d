"""The end-to-end tests' shared harness: the binary under test, how it is
run, and the PASS/FAIL tally whose closing line tests/run.sh sums.

Each test file runs as `/usr/bin/python3 tests/e2e/test_X.py BUILD/ogi`;
OGI_WRAP (valgrind under `make valgrind`) wraps every ogi it starts.
`-k WORDS` after the binary runs only the tests whose name holds WORDS
(`python3 tests/e2e/test_convert.py build/ogi -k json`): one test alone,
without the rest of its file.
"""
import os
import shlex
import subprocess
import sys
import traceback

OGI = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else "build/ogi"


def _selection():
    """The WORDS of -k WORDS, or None: every test runs."""
    args = sys.argv[1:]
    for i, a in enumerate(args):
        if a == "-k" and i + 1 < len(args):
            return args[i + 1]
        if a.startswith("-k") and len(a) > 2:
            return a[2:]
    return None


SELECTED = _selection()
WRAP = shlex.split(os.environ.get("OGI_WRAP", ""))
results = {"passed": 0, "failed": 0}


def template_records():
    """Every record of ogi's statutory templates (src/lib/check/templates/*.tsv),
    split at its tabs: the statutory labels read as data, for tests that must
    know which wordings are the format's own."""
    tdir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "lib",
                        "check", "templates")
    for name in sorted(os.listdir(tdir)):
        if name.endswith(".tsv"):
            with open(os.path.join(tdir, name), encoding="utf-8") as f:
                for line in f:
                    yield line.rstrip("\n").split("\t")


def template_label_texts():
    """Every statutory row, group and column label and variant, as the
    templates write them."""
    for parts in template_records():
        if parts[0] in ("row", "group"):
            yield from parts[2].split("|")
        elif parts[0] == "col":
            yield from parts[3].split("|")


def run(*args, prefix=(), timeout=600):
    """Runs ogi with args; (exit status, stdout, stderr). A death by signal
    is a crash, never an answer."""
    p = subprocess.run(list(prefix) + WRAP + [OGI] + list(args), capture_output=True,
                       timeout=timeout)
    assert p.returncode >= 0, f"ogi {' '.join(args)} killed by signal {-p.returncode}"
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def test(fn):
    """Runs fn at once as a test and tallies it (unless -k leaves it out)."""
    name = fn.__name__
    if SELECTED is not None and SELECTED not in name:
        return fn
    try:
        fn()
        results["passed"] += 1
        print(f"[ PASS ] {name}")
    except AssertionError as e:
        results["failed"] += 1
        # a bare assert says nothing: name the line that failed instead
        where = traceback.extract_tb(e.__traceback__)[-1]
        print(f"[ FAIL ] {name}: {str(e) or where.line} ({os.path.basename(where.filename)}:{where.lineno})")
    except Exception as e:  # a crash of the test itself is a failure too
        results["failed"] += 1
        print(f"[ FAIL ] {name}: {type(e).__name__}: {e}")
    return fn


def finish():
    """Prints the closing tally and exits with its verdict."""
    print()
    print(f"{results['passed']} passed, {results['failed']} failed")
    sys.exit(1 if results["failed"] else 0)
