#!/bin/sh
# deps.sh [--quiet] PACKAGE... : installs the Debian packages that are
# missing when run as root; otherwise prints the command to run.
quiet=0
[ "$1" = "--quiet" ] && { quiet=1; shift; }
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
