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

# ogi convert: one file per process (start-up included), the CPU time per
# workbook (wall time on a busy machine says little), and the outputs on
# memory (/dev/shm) to show the cost of making them durable on disk.
one=samples/foshan-2019.xls
t6=$(ms)
k=0
while [ $k -lt 20 ]; do "$ogi" convert -q -o "$work/one.xlsx" "$one" >/dev/null 2>&1; k=$((k + 1)); done
t7=$(ms)
awk -v a="$t6" -v b="$t7" 'BEGIN { printf "one convert, whole process:   %.1f ms (start-up included, mean of 20)\n", (b-a)/1e6/20 }'
if [ -x /usr/bin/time ]; then
    rm -f "$work"/out/*
    /usr/bin/time -f "%U %S" -o "$work/cpu" "$ogi" convert -q --outdir "$work/out" "$work"/in/*.xls >/dev/null 2>&1
    cpu_ogi=$(tail -n 1 "$work/cpu" | awk -v n="$n" '{ printf "%.3f", ($1+$2)*1000/n }')
    tail -n 1 "$work/cpu" | awk -v n="$n" '{ printf "convert, CPU time:            %.3f ms per file (user %.3f + system %.3f)\n", ($1+$2)*1000/n, $1*1000/n, $2*1000/n }'
fi
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    shm=$(mktemp -d /dev/shm/ogi-bench.XXXXXX)
    t8=$(ms)
    "$ogi" convert -q -j 2 --outdir "$shm" "$work"/in/*.xls >/dev/null 2>&1
    t9=$(ms)
    rm -rf "$shm"
    echo "convert -j 2, outputs in /dev/shm: $(per "$t8" "$t9")"
fi
if [ -x /usr/bin/valgrind ] && [ "${OGI_BENCH_CALLGRIND:-0}" = 1 ]; then
    valgrind --tool=callgrind --callgrind-out-file="$work/cg" "$ogi" check "$work"/in/0000*.xls >/dev/null 2>&1
    callgrind_annotate "$work/cg" 2>/dev/null | head -30
fi
if command -v soffice >/dev/null 2>&1 && [ "${OGI_BENCH_SOFFICE:-1}" = 1 ]; then
    # LibreOffice's plain conversion of the same files (no checking at all):
    # one file per call, and a batch in one call; a first call warms the profile
    mkdir -p "$work/lo" "$work/lo1"
    m=${OGI_BENCH_SOFFICE_FILES:-50}
    ls "$work"/in/*.xls | head -n "$m" > "$work/lo.list"
    lo() { timeout -k 5 600 soffice --headless -env:UserInstallation=file://$work/profile "$@" >/dev/null 2>&1; }
    f=$(head -n 1 "$work/lo.list")
    lo --convert-to xlsx --outdir "$work/lo1" "$f"
    t10=$(ms)
    lo --convert-to xlsx --outdir "$work/lo1" "$f"
    t11=$(ms)
    lo --convert-to xlsx --outdir "$work/lo" $(cat "$work/lo.list")
    t12=$(ms)
    one_lo=$(awk -v a="$t10" -v b="$t11" 'BEGIN { printf "%.1f", (b-a)/1e6 }')
    batch_lo=$(awk -v a="$t11" -v b="$t12" -v m="$m" 'BEGIN { printf "%.1f", (b-a)/1e6/m }')
    one_ogi=$(awk -v a="$t6" -v b="$t7" 'BEGIN { printf "%.2f", (b-a)/1e6/20 }')
    batch_ogi=$(awk -v a="$t3" -v b="$t4" -v n="$n" 'BEGIN { printf "%.3f", (b-a)/1e6/n }')
    echo "soffice --convert-to xlsx, one file:   $one_lo ms"
    echo "soffice --convert-to xlsx, batch of $m: $batch_lo ms per file"
    awk -v l="$one_lo" -v o="$cpu_ogi" 'BEGIN { if (o > 0) printf "ratio, one file (soffice / one ogi workbook, CPU time):        %.0f×\n", l/o }'
    awk -v l="$one_lo" -v o="$one_ogi" 'BEGIN { printf "ratio, one file (soffice / ogi convert, both whole processes): %.0f×\n", l/o }'
    awk -v l="$batch_lo" -v o="$batch_ogi" 'BEGIN { printf "ratio, batch (soffice batch / ogi convert -j 2):              %.0f×\n", l/o }'
fi
