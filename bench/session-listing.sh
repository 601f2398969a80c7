#!/bin/sh
# session-listing.sh [N] [R] - start a private instance on a free loopback
# port (processes sized for N sessions), measure V$SESSION listing with N
# sessions connected, stop the instance (by its PID) and remove its data.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-500}
runs=${2:-200}
make -s -C "$here" build
bin="$here/build/release/bin"
out="$here/build/bench"
mkdir -p "$out"
cc -O2 -std=c11 -D_GNU_SOURCE -I"$here/src" "$here/bench/session_listing.c" \
    "$here/build/release/lib/libwarden.a" -lcrypto -lm -o "$out/session_listing"
dir=$(mktemp -d /tmp/warden-bench-XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
WARDEN_PASSWORD=Bench1 "$bin/wardend" -D "$dir/data" --init -p "$port" >/dev/null
sed -i "s/^processes *=.*/processes = $((n + 50))/" "$dir/data/warden.conf"
"$bin/wardend" -D "$dir/data" >"$dir/wardend.out" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
for i in $(seq 100); do
    grep -q started "$dir/wardend.out" 2>/dev/null && break
    sleep 0.1
done
ulimit -n 4096 2>/dev/null || true
"$out/session_listing" "127.0.0.1:$port/WARDEN" Bench1 "$n" "$runs"
