#!/bin/sh
# test-all.sh - the whole suite: the layering check (no include circles),
# the release build (unit, end-to-end, driver compatibility), then the
# AddressSanitizer/UBSan build (unit, end-to-end).
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
jobs=$(nproc 2>/dev/null || echo 2)
passed=0
failed=0
step() {
    name=$1
    shift
    echo "==== $name"
    if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "==== FAILED: $name"; fi
}
step "no include circles in a folder" python3 scripts/check-includes.py src
step "release build" make -s -j"$jobs" BUILD=release build
step "release unit tests" make -s -j"$jobs" BUILD=release unit
step "release end-to-end tests" make -s -j"$jobs" BUILD=release e2e
step "node-oracledb compatibility tests" make -s BUILD=release compat
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
step "sanitizer build" make -s -j"$jobs" BUILD=asan build
step "sanitizer unit tests" make -s -j"$jobs" BUILD=asan unit
step "sanitizer end-to-end tests" make -s -j"$jobs" BUILD=asan e2e
echo "suites: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
