#!/bin/sh
# run.sh BUILD_DIR: every test program of ogi, with one combined summary.
# cmocka prints its summaries on stderr, so stderr stays in the output.
# OGI_VALGRIND=1 runs the unit tests and every ogi the end-to-end tests
# start under valgrind (errors and leaks fail).
build=${1:-build}
pass=0
fail=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

if [ "${OGI_VALGRIND:-0}" = 1 ]; then
    vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"
    export OGI_WRAP="$vg"
else
    vg=""
fi
export OGI_BIN="$build/ogi"

count() { # adds "N passed, M failed" from the last such line of $log
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
    p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    pass=$((pass + ${p:-0}))
    fail=$((fail + ${f:-0}))
}

for t in "$build"/tests/test_*; do
    [ -x "$t" ] || continue
    $vg "$t" >"$log" 2>&1
    rc=$?
    cat "$log"
    p=$(grep -oE '\[  PASSED  \] [0-9]+ test' "$log" | sed -E 's/.*\] ([0-9]+) test.*/\1/' | awk '{s+=$1} END {print s+0}')
    f=$(grep -oE '\[  FAILED  \] [0-9]+ test' "$log" | sed -E 's/.*\] ([0-9]+) test.*/\1/' | awk '{s+=$1} END {print s+0}')
    if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
        echo "$t: exited with status $rc"
        f=1
    fi
    pass=$((pass + p))
    fail=$((fail + f))
done

for t in tests/e2e/test_*.sh tests/e2e/test_*.py; do
    [ -f "$t" ] || continue
    # LibreOffice under valgrind would take the whole CI budget
    if [ -n "$vg" ] && grep -qE 'soffice|"libreoffice"|chromium' "$t"; then
        echo "$t: starts LibreOffice: not run under valgrind"
        continue
    fi
    case "$t" in
    *.py) /usr/bin/python3 "$t" "$build/ogi" >"$log" 2>&1 ;;
    *) sh "$t" "$build/ogi" >"$log" 2>&1 ;;
    esac
    rc=$?
    cat "$log"
    before=$fail
    count
    if [ "$rc" != 0 ] && [ "$fail" = "$before" ]; then
        echo "$t: exited with status $rc"
        fail=$((fail + 1))
    fi
done

echo
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
