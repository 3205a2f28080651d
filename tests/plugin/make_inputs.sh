#!/bin/sh
# make_inputs.sh: the plugin test's non-.xls input, made by LibreOffice from
# a sample (run from the repository root; the result is committed):
# tianjin-2019.ods, a report that passes, saved in Calc's own format so the
# test covers the extension's "save a copy as .xls" step.
set -eu
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
timeout -k 5 120 soffice --headless -env:UserInstallation="file://$profile" \
    --convert-to ods --outdir tests/plugin samples/tianjin-2019.xls
