#!/usr/bin/env bash
# Runs every fuzz target for a while; CI-friendly.
#
#   Fuzz/run.sh [seconds] [target...]    default 60 s per target; targets: frames envelope params json
#
# Builds the targets first unless FUZZ_NO_BUILD=1. Each target starts from its checked-in seeds
# (Fuzz/corpus/<target>, never modified) plus the inputs earlier runs found (Fuzz/.out/work/
# <target>). Prints one summary line per target (executions, exec/s, coverage, corpus size) and
# exits non-zero if any target crashed; the crashing input is kept as Fuzz/.out/crash-<target>-*
# (replay it with `Fuzz/.out/fuzz-<target> <file>`).
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="${FUZZ_OUT:-$root/Fuzz/.out}"
seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(frames envelope params json)
fi

mkdir -p "$out"
if [ "${FUZZ_NO_BUILD:-0}" != "1" ]; then
    "$root/Fuzz/build.sh" >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; echo "run.sh: build failed" >&2; exit 2; }
fi

# Swift's runtime keeps metadata caches alive for the process: not leaks worth reporting.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=0:symbolize=1}"
# Swift's own crash backtracer would run inside the crashing process, under ASan, and make
# libFuzzer save the wrong input; libFuzzer reports the crash itself.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"

status=0
for target in "${targets[@]}"; do
    binary="$out/fuzz-$target"
    [ -x "$binary" ] || { echo "run.sh: $binary is missing" >&2; exit 2; }
    work="$out/work/$target"
    mkdir -p "$work"
    log="$out/fuzz-$target.log"
    dict=()
    [ -f "$root/Fuzz/dict/$target.dict" ] && dict=(-dict="$root/Fuzz/dict/$target.dict")
    "$binary" "$work" "$root/Fuzz/corpus/$target" "${dict[@]}" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
        -print_final_stats=1 -artifact_prefix="$out/crash-$target-" >"$log" 2>&1
    code=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    corpus=$(ls "$work" | wc -l)
    if [ $code -eq 0 ]; then
        echo "fuzz $target: ok, ${execs:-?} executions in ${seconds} s (${rate:-?}/s), ${cov:-cov: ?}, corpus $corpus"
    else
        status=1
        echo "fuzz $target: CRASH (exit $code) after ${execs:-?} executions; log $log"
        grep -E 'Fatal error|ERROR: AddressSanitizer|SUMMARY|Test unit written' "$log" | head -5
    fi
done
exit $status
