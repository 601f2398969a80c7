#!/bin/sh
# run-unit-tests.sh DIR BIN... - run cmocka unit test programs; fail if any fails.
set -u
shift
failed=0
for t in "$@"; do
    echo "== unit: $(basename "$t")"
    "$t" || failed=$((failed + 1))
done
[ "$failed" -eq 0 ] || { echo "unit: $failed program(s) failed"; exit 1; }
