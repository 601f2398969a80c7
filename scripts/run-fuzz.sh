#!/bin/sh
# run-fuzz.sh [SECONDS] - build every libFuzzer target in tests/fuzz with
# clang (fuzzer + ASan + UBSan) and run each for SECONDS (default 60).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
secs=${1:-60}
out=build/fuzz
mkdir -p "$out"
lib_src=$(ls src/common/*.c src/net/*.c src/sql/*.c src/plsql/*.c src/engine/*.c src/sga/*.c src/server/*.c)
for t in tests/fuzz/fuzz_*.c; do
    name=$(basename "$t" .c)
    echo "== fuzz: $name ($secs s)"
    clang -std=c11 -D_GNU_SOURCE -g -O1 -Isrc -fsanitize=fuzzer,address,undefined \
        -fno-sanitize-recover=all "$t" tests/fuzz/support/*.c -Itests/fuzz $lib_src -lsqlite3 -lcrypto -lm -lpthread -o "$out/$name"
    mkdir -p "$out/corpus-$name"
    "$out/$name" -max_total_time="$secs" -timeout=10 -max_len=65536 "$out/corpus-$name"
done
