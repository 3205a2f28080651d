#!/bin/sh
# bench/startup.sh OGI [OTHER_OGI]: the cost of one `ogi` process, as the
# Calc extension and `ogi watch` workers pay it (one file per process):
# `ogi --version` (loading the program and its libraries), `ogi check` of
# one simplified and of one traditional workbook (the context, the check,
# and for the traditional one OpenCC opened on first need).
# CPU time (user + system, GNU time) over many runs is the steady figure on
# a shared machine; wall time is printed too. Where perf is installed,
# `perf stat` gives each one's task-clock and page faults as well (page
# faults do not depend on the load: they count what the loader maps and
# touches). With OTHER_OGI (an older build), both are run alternately so
# the machine's load hits both alike.
# Not a test: numbers depend on the machine (docs/performance.md).
ogi=${1:-build/ogi}
other=$2
runs=${OGI_BENCH_RUNS:-200}
simplified=samples/foshan-2019.xls
traditional=tests/fixtures/data/traditional.xls
[ -x /usr/bin/time ] || { echo "bench/startup.sh needs GNU time (/usr/bin/time)"; exit 1; }
work=$(mktemp -d /tmp/ogi-startup.XXXXXX)
trap 'rm -rf "$work"' EXIT

# loop BINARY ARGS...: "wall user system" seconds of $runs runs
loop() {
    printf 'i=0; while [ $i -lt %s ]; do "$@" >/dev/null 2>&1; i=$((i + 1)); done\n' "$runs" \
        >"$work/loop.sh"
    /usr/bin/time -f "%e %U %S" -o "$work/time" sh "$work/loop.sh" "$@"
    tail -n 1 "$work/time"
}

# per_run BINARY ARGS...: "CPU x.xx ms, wall y.yy ms" per run, less the
# loop's own cost (the same loop starting /bin/true)
per_run() {
    echo "$(loop "$@") $base" | awk -v n="$runs" \
        '{ printf "CPU %.2f ms, wall %.2f ms", ($2 + $3 - $5 - $6) * 1000 / n, ($1 - $4) * 1000 / n }'
}

# perf_run BINARY ARGS...: "perf: task-clock x.xx ms, N page faults" per
# run (not less /bin/true's: that is printed once), or nothing without perf
perf_run() {
    command -v perf >/dev/null 2>&1 || return 0
    rm -f "$work/perf"
    # (ogi's own exit status is the check's: 1 for a report that fails)
    perf stat -x, -e task-clock,page-faults -r "$runs" -o "$work/perf" "$@" >/dev/null 2>&1
    [ -s "$work/perf" ] || return 0
    awk -F, '$3 == "task-clock" { t = $1 } $3 == "page-faults" { f = $1 }
        END { if (t != "") printf "; perf: task-clock %.2f ms, %d page faults", t, f }' "$work/perf"
}

base=$(loop /bin/true)
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $runs runs each,"
echo "less the cost of starting /bin/true ($(echo "$base" | awk -v n="$runs" \
    '{ printf "CPU %.2f ms", ($2 + $3) * 1000 / n }') a run$(perf_run /bin/true))"
for what in "--version" "check $simplified" "check $traditional"; do
    # shellcheck disable=SC2086 # $what is the arguments
    echo "ogi $what: $(per_run "$ogi" $what)$(perf_run "$ogi" $what)"
    if [ -n "$other" ]; then
        # shellcheck disable=SC2086
        echo "  other build: $(per_run "$other" $what)$(perf_run "$other" $what)"
    fi
done
