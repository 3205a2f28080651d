#!/bin/sh
# xml_seeds.sh DIR: seeds for fuzz_xml, one file per XML part of the .xlsx
# and .ods files in tests/fixtures/formats and tests/fixtures/data/bad-zip, prefixed with the
# byte that tells fuzz_xml where to put it.
out=${1:-build/fuzz/xml-corpus}
mkdir -p "$out"
n=0
seed() { # SELECTOR ARCHIVE PART
    n=$((n + 1))
    { printf "\\$(printf %03o "$1")"; unzip -p "$2" "$3"; } >"$out/seed-$n" 2>/dev/null
}
for f in tests/fixtures/formats/*/*.xlsx tests/fixtures/data/bad-zip/*.xlsx; do
    for s in $(unzip -Z1 "$f" 2>/dev/null | grep '^xl/worksheets/.*\.xml$'); do seed 0 "$f" "$s"; done
    seed 1 "$f" xl/sharedStrings.xml
    seed 2 "$f" xl/workbook.xml
    seed 3 "$f" xl/_rels/workbook.xml.rels
    seed 4 "$f" xl/styles.xml
done
for f in tests/fixtures/formats/*/*.ods tests/fixtures/data/bad-zip/*.ods; do
    seed 5 "$f" content.xml
done
# empty parts (a missing entry) say nothing
find "$out" -size -2c -delete
