#!/bin/sh
# run-e2e-tests.sh DIR BIN... - run the end-to-end programs (each starts its own
# instances on free loopback ports; test_wsql runs the wsql transcripts in
# tests/e2e/wsql/).
set -u
shift
failed=0
for t in "$@"; do
    echo "== e2e: $(basename "$t")"
    timeout 600 "$t" || failed=$((failed + 1))
done
[ "$failed" -eq 0 ] || { echo "e2e: $failed program(s) failed"; exit 1; }
