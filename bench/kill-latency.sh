#!/bin/sh
# kill-latency.sh [RUNS] - start a private instance on a free loopback port,
# measure how fast sessions are ended (bench/kill_latency.c), stop the
# instance (by its PID) and remove its data.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-200}
make -s -C "$here" build
bin="$here/build/release/bin"
out="$here/build/bench"
mkdir -p "$out"
cc -O2 -std=c11 -D_GNU_SOURCE -I"$here/src" "$here/bench/kill_latency.c" \
    "$here/build/release/lib/libwarden.a" -lcrypto -lm -lpthread -o "$out/kill_latency"
dir=$(mktemp -d /tmp/warden-bench-XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
WARDEN_PASSWORD=Bench1 "$bin/wardend" -D "$dir/data" -p "$port" >"$dir/wardend.out" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
for i in $(seq 100); do
    grep -q started "$dir/wardend.out" 2>/dev/null && break
    sleep 0.1
done
"$out/kill_latency" "127.0.0.1:$port/WARDEN" Bench1 "$runs"
