#!/bin/sh
# demo.sh OGI: checks and converts every sample, and says where the output is.
ogi=${1:-build/ogi}
out=demo-out
mkdir -p "$out"
echo "== ogi check samples/*.xls"
"$ogi" check samples/*.xls
echo
echo "== ogi convert --outdir $out --json -j 2 samples/*.xls"
"$ogi" convert --outdir "$out" --json -j 2 samples/*.xls
echo
echo "The marked-up workbooks and their JSON are in $(pwd)/$out/"
ls -1 "$out"
exit 0
