#!/bin/sh
# bench/run.sh OGI: speed of ogi check and ogi convert (docs/performance.md).
# Not a test: numbers depend on the machine.
ogi=${1:-build/ogi}
n=${OGI_BENCH_FILES:-1000}
work=$(mktemp -d /tmp/ogi-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in" "$work/out"
set -- samples/*.xls
[ -e "$1" ] || { echo "no samples"; exit 1; }
i=0
while [ $i -lt "$n" ]; do
    for f in "$@"; do
        [ $i -lt "$n" ] || break
        cp "$f" "$work/in/$(printf %05d $i)-$(basename "$f")"
        i=$((i + 1))
    done
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "files: $n (samples/*.xls repeated)"
ms() { date +%s%N; }

# ogi check: wall time (all cores, the default), CPU time per file and
# the largest resident set (the machine may be shared: CPU time is the
# steadier figure), then one thread. Needs GNU time for the CPU figures.
check_timed() { # label, then ogi's arguments
    label=$1
    shift
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$ogi" check "$@" "$work"/in/*.xls >/dev/null 2>&1
        tail -n 1 "$work/time" | awk -v n="$n" -v l="$label" '{ printf "%-31s%.3f ms per file, %.0f files/s; CPU %.3f ms per file; max RSS %d KB\n", l, $1*1000/n, n/$1, ($2+$3)*1000/n, $4 }'
    fi
}
check_timed "check (text):" --format text
check_timed "check (json):" --format json
check_timed "check (text) -j 1:" -j 1 --format text
check_timed "check (json) -j 1:" -j 1 --format json
t0=$(ms)
"$ogi" check "$work"/in/*.xls >/dev/null 2>&1
t1=$(ms)
"$ogi" check --format json "$work"/in/*.xls >/dev/null 2>&1
t2=$(ms)
"$ogi" convert -q --outdir "$work/out" "$work"/in/*.xls >/dev/null 2>&1
t3=$(ms)
rm -f "$work"/out/*
"$ogi" convert -q -j 2 --outdir "$work/out" "$work"/in/*.xls >/dev/null 2>&1
t4=$(ms)
"$ogi" check samples/foshan-2019.xls >/dev/null 2>&1
t5=$(ms)

per() { awk -v a="$1" -v b="$2" -v n="$n" 'BEGIN { printf "%.3f ms per file, %.0f files/s", (b-a)/1e6/n, n/((b-a)/1e9) }'; }
echo "check (text), one process:     $(per "$t0" "$t1")"
echo "check (json), one process:     $(per "$t1" "$t2")"
echo "convert, one process:          $(per "$t2" "$t3")"
echo "convert -j 2:                  $(per "$t3" "$t4")"
awk -v a="$t4" -v b="$t5" 'BEGIN { printf "one check, whole process:     %.1f ms (start-up included)\n", (b-a)/1e6 }'
if [ -x /usr/bin/valgrind ] && [ "${OGI_BENCH_CALLGRIND:-0}" = 1 ]; then
    valgrind --tool=callgrind --callgrind-out-file="$work/cg" "$ogi" check "$work"/in/0000*.xls >/dev/null 2>&1
    callgrind_annotate "$work/cg" 2>/dev/null | head -30
fi
if command -v soffice >/dev/null 2>&1 && [ "${OGI_BENCH_SOFFICE:-1}" = 1 ]; then
    mkdir -p "$work/lo"
    m=${OGI_BENCH_SOFFICE_FILES:-20}
    ls "$work"/in/*.xls | head -n "$m" > "$work/lo.list"
    t6=$(ms)
    timeout -k 5 600 soffice --headless -env:UserInstallation=file://$work/profile \
        --convert-to xlsx --outdir "$work/lo" $(cat "$work/lo.list") >/dev/null 2>&1
    t7=$(ms)
    f=$(head -n 1 "$work/lo.list")
    timeout -k 5 120 soffice --headless -env:UserInstallation=file://$work/profile \
        --convert-to xlsx --outdir "$work/lo1" "$f" >/dev/null 2>&1
    t8=$(ms)
    awk -v a="$t6" -v b="$t7" -v m="$m" 'BEGIN { printf "soffice --convert-to xlsx, batch of %d: %.1f ms per file\n", m, (b-a)/1e6/m }'
    awk -v a="$t7" -v b="$t8" 'BEGIN { printf "soffice --convert-to xlsx, one file:   %.1f ms\n", (b-a)/1e6 }'
fi
