#!/bin/sh
# Every figure of Benchmarks/README.md, at the settings of the performance targets, each on a
# freshly spawned server: the C floor (Benchmarks/floor-server.c under jload), get and echo
# under jload, then echo, get, list, write with and without idempotency keys, mixed, stream,
# idle (10,000 connections) and noread under partner-bench. It ends with one RATIO line per
# scenario: its calls/s and its server CPU per call against the floor's of the same run, so
# figures from different machines can be compared.
#
#   swift build -c release --scratch-path .build-bench --product partner-server
#   swift build -c release --scratch-path .build-bench --product partner-bench
#   Benchmarks/run-all.sh [RESULTS_FILE]        (default /tmp/partner-bench-results.txt)
#
# BUILD (default .build-bench/release), DURATION (10) and WARMUP (2) can be overridden.
set -eu
BUILD=${BUILD:-.build-bench/release}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
OUT=${1:-/tmp/partner-bench-results.txt}
server="$BUILD/partner-server"
bench="$BUILD/partner-bench"
common="--spawn-server $server --duration $DURATION --warmup $WARMUP"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
: >"$OUT"
{
    echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo "# nproc=$(nproc) cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')\" mem_mb=$(free -m | awk '/^Mem:/ {print $2}') ulimit_n=$(ulimit -n)"
} | tee -a "$OUT"

run() { "$bench" "$@" $common | tee -a "$OUT"; }

"$(dirname "$0")/jload-floor.sh" "$BUILD" "$DURATION" "$WARMUP" | tee -a "$OUT"
"$(dirname "$0")/jload-echo.sh" "$BUILD" "$DURATION" "$WARMUP" | tee -a "$OUT"
run echo --connections 1 --in-flight 32 --message-bytes 600
run get --connections 1 --in-flight 32
run list --connections 1 --in-flight 32
run write --connections 4 --in-flight 32 --idempotency-keys off
run write --connections 4 --in-flight 32 --idempotency-keys on
run mixed --connections 1 --in-flight 32
run stream --connections 1 --in-flight 32
run idle --connections 10000
run noread --connections 1 --in-flight 32
"$(dirname "$0")/ratios.sh" "$OUT" | tee -a "$OUT"
echo "results in $OUT"
