#!/bin/sh
# demo.sh OGI: checks and converts every sample, and says where the output
# is. Exit 0 when ogi answered for every file: 1 (a report that fails) and
# 2 (huadu-2017 has no statutory tables) are part of the demo; a crash is
# not.
ogi=${1:-build/ogi}
out=demo-out
echo "== ogi check samples/*.xls"
"$ogi" check samples/*.xls
check=$?
echo
# --outdir makes the folder when it is missing
echo "== ogi convert --outdir $out --json -j 2 samples/*.xls"
"$ogi" convert --outdir "$out" --json -j 2 samples/*.xls
convert=$?
echo
if [ $check -gt 2 ] || [ $convert -gt 2 ]; then
    echo "ogi did not answer for every sample (exit $check, $convert): see above" >&2
    exit 1
fi
echo "The marked-up workbooks and their JSON are in $(pwd)/$out/"
ls -1 "$out"
exit 0
