#!/bin/sh
# run-e2e-tests.sh DIR BIN... - run the end-to-end programs (each starts its own
# instances on free loopback ports) and the wsql transcript tests.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
shift
failed=0
for t in "$@"; do
    echo "== e2e: $(basename "$t")"
    timeout 600 "$t" || failed=$((failed + 1))
done
if [ -x "$here/tests/e2e/wsql/run.sh" ]; then
    echo "== e2e: wsql transcripts"
    timeout 600 "$here/tests/e2e/wsql/run.sh" || failed=$((failed + 1))
fi
[ "$failed" -eq 0 ] || { echo "e2e: $failed program(s) failed"; exit 1; }
