#!/bin/sh
# bench/formats.sh OGI: speed and memory of reading and checking .xlsx and
# .ods against .xls (docs/performance.md, "Other formats"). The inputs are
# the samples in each format (tests/fixtures/formats, made by make_formats.sh),
# repeated; one process checks them all, as a batch does. Not a test:
# numbers depend on the machine.
ogi=${1:-build/ogi}
n=${OGI_BENCH_FILES:-1000}
work=$(mktemp -d /tmp/ogi-bench-formats.XXXXXX)
trap 'rm -rf "$work"' EXIT

# copies DIR EXT: n files of that format in $work/EXT-DIR
copies() {
    src=$1 ext=$2 dst="$work/$3"
    mkdir -p "$dst"
    set -- "$src"/*."$ext"
    [ -e "$1" ] || { echo "no $src/*.$ext: run tests/fixtures/formats/make_formats.sh" >&2; exit 1; }
    i=0
    while [ $i -lt "$n" ]; do
        for f in "$@"; do
            [ $i -lt "$n" ] || break
            cp "$f" "$dst/$(printf %05d $i)-$(basename "$f")"
            i=$((i + 1))
        done
    done
}
copies samples xls xls
copies tests/fixtures/formats/lo xlsx lo-xlsx
copies tests/fixtures/formats/excel xlsx excel-xlsx
copies tests/fixtures/formats/lo ods lo-ods

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "files: $n per format (the samples repeated), one process each"
ms() { date +%s%N; }
rss() { # max resident set of "$@", in MiB
    /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1 | awk '{ printf "%.1f", $1 / 1024 }'
}
# one line per format: wall time per file of `ogi check` over the batch
# (text report, default worker threads; then -j 1), CPU time per file,
# and the peak memory for 10 files and for the whole batch
cpu() { # user+sys seconds of "$@"
    /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null | tail -n 1 | awk '{ print $1 + $2 }'
}
for kind in xls lo-xlsx excel-xlsx lo-ods; do
    set -- "$work/$kind"/*
    "$ogi" check "$@" >/dev/null 2>&1 # warm the page cache
    t0=$(ms)
    "$ogi" check "$@" >/dev/null 2>&1
    t1=$(ms)
    "$ogi" check -j 1 "$@" >/dev/null 2>&1
    t2=$(ms)
    c=$(cpu "$ogi" check -j 1 "$@")
    big=$(rss "$ogi" check "$@")
    small=$(rss "$ogi" check $(ls "$work/$kind"/* | head -n 10))
    awk -v a="$t0" -v b="$t1" -v c="$t2" -v n="$n" -v k="$kind" -v cpu="$c" -v s="$small" -v g="$big" 'BEGIN {
        printf "%-10s check: %.3f ms/file (-j 1: %.3f), CPU %.3f ms/file; max RSS %s MiB (10 files), %s MiB (%d)\n",
               k, (b - a) / 1e6 / n, (c - b) / 1e6 / n, cpu * 1000 / n, s, g, n }'
done
