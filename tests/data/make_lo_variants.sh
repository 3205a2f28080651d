#!/bin/sh
# make_lo_variants.sh: saves the workbooks of tests/data/lo-src (written by
# make_variants.pl) with LibreOffice, as tests/data/lo-*.xls. LibreOffice
# computes the formulas on load and stores their results in the FORMULA
# records, which freexl skips: ogi must read them from the BIFF stream.
# Run from the repository root, after make_variants.pl.
set -eu
profile=$(mktemp -d /tmp/ogi-lo-profile.XXXXXX)
out=$(mktemp -d /tmp/ogi-lo-out.XXXXXX)
trap 'rm -rf "$profile" "$out"' EXIT
timeout -k 5 120 soffice --headless -env:UserInstallation=file://"$profile" \
    --convert-to xls --outdir "$out" tests/data/lo-src/*.xls >/dev/null 2>&1
for f in tests/data/lo-src/*.xls; do
    name=$(basename "$f")
    [ -s "$out/$name" ] || { echo "LibreOffice did not save $name" >&2; exit 1; }
    cp "$out/$name" "tests/data/$name"
done
