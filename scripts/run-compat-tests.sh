#!/bin/sh
# run-compat-tests.sh - real Oracle drivers against a live instance:
# node-oracledb (Thin mode) through node's test runner.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here/tests/compat"
if [ ! -d node_modules/oracledb ]; then
    npm install --no-audit --no-fund --loglevel=error >/dev/null
fi
export WARDEN_BIN="$here/${WARDEN_BIN:-build/release/bin}"
status=0
timeout 900 node --test --test-concurrency=1 ./*.test.js || status=1
# python-oracledb (Debian's python3-oracledb, run with the system interpreter).
for t in python_*_test.py; do
    timeout 600 /usr/bin/python3 -W ignore::ResourceWarning "$t" || status=1
done
exit $status
