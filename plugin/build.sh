#!/bin/sh
# build.sh OUT.oxt: the LibreOffice extension from plugin/ (run from the
# repository root). The Basic module is kept as plain text (basic/*.bas)
# and wrapped into the XML LibreOffice stores libraries in; the icons are
# drawn by icons/make_icons.py. Nothing generated lives in the repository.
set -eu
out=$1
src=plugin
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

version=$(sed -n 's/^#define OGI_VERSION "\(.*\)"/\1/p' src/include/ogi.h)
sed "s/@VERSION@/$version/" "$src/description.xml" >"$stage/description.xml"
mkdir -p "$stage/META-INF" "$stage/OgiCheck" "$stage/description"
cp "$src/META-INF/manifest.xml" "$stage/META-INF/"
cp "$src/Addons.xcu" "$src/Settings.xcs" "$stage/"
cp "$src"/description/*.txt "$stage/description/"
/usr/bin/python3 "$src/icons/make_icons.py" "$stage/icons"

xml_escape() {
    sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g' -e "s/'/\&apos;/g" "$1"
}

lib=OgiCheck
{
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo '<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">'
    echo "<library:library xmlns:library=\"http://openoffice.org/2000/library\" library:name=\"$lib\" library:readonly=\"true\" library:passwordprotected=\"false\">"
    for bas in "$src"/basic/*.bas; do
        echo " <library:element library:name=\"$(basename "$bas" .bas)\"/>"
    done
    echo '</library:library>'
} >"$stage/$lib/script.xlb"
{
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo '<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">'
    echo "<library:library xmlns:library=\"http://openoffice.org/2000/library\" library:name=\"$lib\" library:readonly=\"true\" library:passwordprotected=\"false\"/>"
} >"$stage/$lib/dialog.xlb"
for bas in "$src"/basic/*.bas; do
    module=$(basename "$bas" .bas)
    {
        echo '<?xml version="1.0" encoding="UTF-8"?>'
        echo '<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">'
        printf '<script:module xmlns:script="http://openoffice.org/2000/script" script:name="%s" script:language="StarBasic">' "$module"
        xml_escape "$bas"
        echo '</script:module>'
    } >"$stage/$lib/$module.xba"
done

mkdir -p "$(dirname "$out")"
# Python's zipfile rather than zip(1), which a bare Debian lacks; sorted
# names and fixed dates: the same sources give the same archive
/usr/bin/python3 - "$stage" "$out.tmp" <<'PY'
import os, sys, zipfile
stage, out = sys.argv[1], sys.argv[2]
names = sorted(os.path.relpath(os.path.join(d, f), stage)
               for d, _, files in os.walk(stage) for f in files)
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for name in names:
        info = zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        with open(os.path.join(stage, name), "rb") as f:
            z.writestr(info, f.read())
PY
mv "$out.tmp" "$out"
