#!/bin/sh
# run.sh BUILD_DIR TEST...: the tests named (the Makefile passes the unit
# test binaries it built and the end-to-end test scripts), with one
# combined summary: "N passed, M failed". A name ending in .py or .sh is
# an end-to-end test run as `TEST BUILD_DIR/ogi`; any other is a cmocka
# binary. cmocka prints its summaries on stderr, so stderr stays in the
# output. OGI_VALGRIND=1 runs the unit tests and every ogi the end-to-end
# tests start under valgrind (errors and leaks fail).
#
# A run must leave the checkout as it found it: files it leaves behind
# (build folders aside) count as one more failure.
build=${1:-build}
[ $# -gt 0 ] && shift
if [ $# = 0 ]; then
    echo "usage: tests/run.sh BUILD_DIR TEST... (make test, make unit, make e2e)" >&2
    exit 2
fi
pass=0
fail=0
log=$(mktemp)
before=$(mktemp)
after=$(mktemp)
trap 'rm -f "$log" "$before" "$after"' EXIT
# no __pycache__ beside the tests
export PYTHONDONTWRITEBYTECODE=1

if [ "${OGI_VALGRIND:-0}" = 1 ]; then
    # (--trace-children: `ogi serve` runs ogi-serve, which must be checked too)
    vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --trace-children=yes"
    export OGI_WRAP="$vg"
else
    vg=""
fi
export OGI_BIN="$build/ogi"

# What git sees in the checkout, ignored files included, build folders
# excepted (nothing when this is not a git checkout).
checkout_state() {
    git status --porcelain --ignored --untracked-files=all 2>/dev/null |
        grep -vE "^(..) \"?($build|build|build-san)/" >"$1"
}
checkout_state "$before"

count() { # adds "N passed, M failed" from the last such line of $log
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
    p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    pass=$((pass + ${p:-0}))
    fail=$((fail + ${f:-0}))
}

unit() {
    $vg "$1" >"$log" 2>&1
    rc=$?
    cat "$log"
    p=$(grep -oE '\[  PASSED  \] [0-9]+ test' "$log" | sed -E 's/.*\] ([0-9]+) test.*/\1/' | awk '{s+=$1} END {print s+0}')
    f=$(grep -oE '\[  FAILED  \] [0-9]+ test' "$log" | sed -E 's/.*\] ([0-9]+) test.*/\1/' | awk '{s+=$1} END {print s+0}')
    if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
        echo "$1: exited with status $rc"
        f=1
    fi
    pass=$((pass + p))
    fail=$((fail + f))
}

e2e() {
    # LibreOffice under valgrind would take the whole CI budget
    if [ -n "$vg" ] && grep -qE 'soffice|"libreoffice"|chromium' "$1"; then
        echo "$1: starts LibreOffice or Chromium: not run under valgrind"
        return
    fi
    case "$1" in
    *.py) /usr/bin/python3 "$1" "$build/ogi" >"$log" 2>&1 ;;
    *) sh "$1" "$build/ogi" >"$log" 2>&1 ;;
    esac
    rc=$?
    cat "$log"
    was=$fail
    count
    if [ "$rc" != 0 ] && [ "$fail" = "$was" ]; then
        echo "$1: exited with status $rc"
        fail=$((fail + 1))
    fi
}

for t in "$@"; do
    if [ ! -e "$t" ]; then
        echo "$t: no such test"
        fail=$((fail + 1))
        continue
    fi
    case "$t" in
    *.py | *.sh) e2e "$t" ;;
    *) unit "$t" ;;
    esac
done

checkout_state "$after"
if ! cmp -s "$before" "$after"; then
    echo "[ FAIL ] the checkout changed during the tests (git status --ignored): files left"
    echo "         behind, or edited by hand while the tests ran:"
    diff "$before" "$after" | sed -n 's/^> /  /p'
    fail=$((fail + 1))
else
    pass=$((pass + 1))
    echo "[ PASS ] the tests left the checkout as they found it"
fi

echo
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
