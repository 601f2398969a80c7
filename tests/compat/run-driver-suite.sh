#!/bin/sh
# run-driver-suite.sh - node-oracledb's own test suite against Warden (see
# run-driver-suite.js; docs/testing.md says how to get the suite).
#   tests/compat/run-driver-suite.sh SUITE_DIR [--failures] [--timeout S] [FILE ...]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$here"
if [ ! -d node_modules/oracledb ]; then
    npm install --no-audit --no-fund --loglevel=error >/dev/null
fi
if [ ! -d node_modules/mocha ]; then
    npm install --no-save --no-audit --no-fund --loglevel=error mocha@10.2.0 >/dev/null
fi
export WARDEN_BIN="$root/${WARDEN_BIN:-build/release/bin}"
exec node run-driver-suite.js "$@"
