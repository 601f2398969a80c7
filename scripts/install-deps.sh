#!/bin/sh
# install-deps.sh - install the Debian packages Warden builds and tests with,
# and the npm packages of the driver tests, when they are missing.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)

need=""
for pkg in gcc make libsqlite3-dev libssl-dev libedit-dev libcmocka-dev pkg-config nodejs npm procps python3 python3-oracledb tzdata; do
    # nodejs from other sources ships npm itself; accept an npm on PATH.
    if [ "$pkg" = npm ] && command -v npm >/dev/null 2>&1; then continue; fi
    if [ "$pkg" = nodejs ] && command -v node >/dev/null 2>&1; then continue; fi
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need="$need $pkg"
done
if [ -n "$need" ]; then
    echo "install-deps: installing Debian packages:$need"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need >/dev/null
fi

# node-oracledb (Thin mode) for tests/compat; only when the tests are wanted.
if [ "${WARDEN_DEPS_NPM:-1}" = 1 ] && [ -f "$here/tests/compat/package.json" ] \
    && [ ! -d "$here/tests/compat/node_modules/oracledb" ]; then
    echo "install-deps: installing npm packages for tests/compat"
    (cd "$here/tests/compat" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi
