#!/bin/sh
# deps.sh [--quiet] PACKAGE... : installs the Debian packages that are
# missing when run as root; otherwise prints the command to run.
# Without dpkg (another distribution, a container without it) nothing can
# be checked here: the build says what it misses (the Makefile's
# deps-check asks pkg-config first), so this only notes it.
quiet=0
[ "$1" = "--quiet" ] && { quiet=1; shift; }
if ! command -v dpkg-query >/dev/null 2>&1; then
    [ $quiet = 1 ] || echo "ogi: no dpkg here, Debian packages not checked; ogi needs:" "$@" >&2
    exit 0
fi
missing=""
for p in "$@"; do
    st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
    case "$st" in *" installed") ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "ogi: installing missing Debian packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends $missing >/dev/null 2>&1 ||
        { apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends $missing >/dev/null; } ||
        { echo "ogi: apt-get install failed for:$missing" >&2; exit 1; }
    exit 0
fi
echo "ogi: missing Debian packages:$missing" >&2
echo "     run: sudo apt-get install$missing" >&2
[ $quiet = 1 ] && exit 1
exit 1
