#!/bin/sh
# Profiles the server during one partner-bench scenario with perf (cpu-clock sampling, call
# graphs), then prints the top functions by self time for the server process only.
#
#   Benchmarks/profile.sh SCENARIO [partner-bench options...]
#   Benchmarks/profile.sh echo
#   Benchmarks/profile.sh get --seed-customers 1000
#
# Needs release builds in $BUILD (default .build-bench/release) and perf (Debian: linux-perf).
# Output: $OUT/SCENARIO.perf, SCENARIO.bench.txt and SCENARIO.top.txt (perf-top.py) (default OUT=/tmp/partner-bench-profile).
set -eu
scenario=$1
shift
BUILD=${BUILD:-.build-bench/release}
OUT=${OUT:-/tmp/partner-bench-profile}
SECONDS_RECORDED=${SECONDS_RECORDED:-8}
mkdir -p "$OUT"
bench_out="$OUT/$scenario.bench.txt"
rm -f "$bench_out"
"$BUILD/partner-bench" "$scenario" --spawn-server "$BUILD/partner-server" --warmup 3 \
    --duration $((SECONDS_RECORDED + 4)) "$@" >"$bench_out" 2>&1 &
bench=$!
# The server's pid is on the first line; seeding (read scenarios) comes next, then warm-up.
for _ in $(seq 1 600); do grep -q "^spawned" "$bench_out" 2>/dev/null && break; sleep 0.2; done
pid=$(sed -n 's/^spawned .* pid \([0-9]*\) .*/\1/p' "$bench_out")
[ -n "$pid" ] || { echo "no server pid in $bench_out"; cat "$bench_out"; exit 1; }
case "$scenario" in echo | stream | idle | noread) ;; *)
    for _ in $(seq 1 600); do grep -q "^seeded\|^found" "$bench_out" && break; sleep 0.2; done ;;
esac
sleep 3
# -a with a pid filter afterwards: attaching with -p races with threads that come and go.
perf record -F 999 -a -g -o "$OUT/$scenario.perf" -- sleep "$SECONDS_RECORDED" >/dev/null 2>&1
wait $bench || true
grep RESULT "$bench_out"
python3 "$(dirname "$0")/perf-top.py" "$OUT/$scenario.perf" "$pid" "${TOP:-30}" | tee "$OUT/$scenario.top.txt"
