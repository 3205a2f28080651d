#!/bin/sh
# make_formats.sh: the .xlsx and .ods forms of every sample, from three
# writers, for tests/e2e/test_formats.py. Run from the repository root;
# needs soffice (libreoffice-calc-nogui), libexcel-writer-xlsx-perl,
# libspreadsheet-writeexcel-perl and python3.
#   tests/formats/formula-totals.xls   Spreadsheet::WriteExcel, formula totals
#   tests/formats/lo/NAME.xlsx|.ods    LibreOffice --convert-to, every .xls above
#   tests/formats/excel/NAME.xlsx      Excel::Writer::XLSX (Excel's way of writing)
#   tests/formats/variants/...         make_variants.py: hand-shaped OOXML
set -e
out=tests/formats
prof=$(mktemp -d /tmp/prof-formats.XXXXXX)
trap 'rm -rf "$prof"' EXIT

perl "$out/make_perl.pl" xls "$out"
rm -rf "$out/lo" "$out/excel" "$out/variants"
mkdir -p "$out/lo" "$out/excel" "$out/variants"
for f in samples/*.xls "$out/formula-totals.xls"; do
    for fmt in xlsx ods; do
        timeout -k 5 120 soffice --headless -env:UserInstallation=file://"$prof" \
            --convert-to "$fmt" --outdir "$out/lo" "$f" >/dev/null 2>&1
        [ -s "$out/lo/$(basename "$f" .xls).$fmt" ] || { echo "soffice failed on $f" >&2; exit 1; }
    done
done
perl "$out/make_perl.pl" xlsx "$out/excel"
/usr/bin/python3 "$out/make_variants.py" "$out"
