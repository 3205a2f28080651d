#!/bin/sh
# regenerate.sh: writes tests/reference/*.xlsx again with the current ogi
# (the cases and the fixed check time are in tests/unit/test_reference.c).
# Run from the checkout's root: sh tests/reference/regenerate.sh
# Only when a change to the marked-up workbook is intended: see README.md.
set -e
cd "$(dirname "$0")/../.."
make build/tests/test_reference
OGI_WRITE_REFERENCE=1 build/tests/test_reference
build/tests/test_reference
git status --short tests/reference
