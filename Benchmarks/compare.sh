#!/usr/bin/env bash
# A regression guard that is not a timed test: builds two commits, runs one partner-bench
# scenario against each alternately (BASE, HEAD, BASE, HEAD, ...) so drifts in machine load
# fall on both, and reports HEAD/BASE for calls/s and server CPU per call as the median of the
# rounds with their spread (min-max).
#
#   Benchmarks/compare.sh BASE HEAD [ROUNDS] -- SCENARIO [partner-bench options]
#   Benchmarks/compare.sh main HEAD 5 -- get --connections 1 --in-flight 32
#
# Each commit is checked out in a throwaway worktree and built in release mode with its own
# scratch folder under /tmp/partner-compare (kept between runs, so a second comparison of the
# same commit does not rebuild). DURATION (default 8) and WARMUP (2) set each round's length.
# CLIENT=base (or head) drives both servers with that side's partner-bench, so the ratio is the
# servers' alone (by default each side uses its own, and a slower client changes how calls
# arrive in batches, which changes the server's CPU per call too).
# STORE=DATA_FOLDER runs each round's server on that data folder (seeded once, e.g. with
# `partner-bench get --target ... --seed-customers 100000`) instead of a fresh one, so large
# stores are compared without seeding them again; the calls spread over its customers.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 4 ] || { sed -n 2,17p "$0"; exit 2; }
base=$(git rev-parse --short "$1")
head=$(git rev-parse --short "$2")
rounds=5
if [ "$3" != "--" ]; then rounds=$3; shift; fi
shift 3
[ "${1:-}" = "--" ] && shift
DURATION=${DURATION:-8}
WARMUP=${WARMUP:-2}
cache=/tmp/partner-compare
mkdir -p "$cache"

build() {   # commit -> path of its release build folder
    local commit=$1 tree="$cache/tree-$1"
    if [ ! -x "$cache/build-$commit/release/partner-bench" ]; then
        rm -rf "$tree"
        git worktree add -q --detach "$tree" "$commit"
        (cd "$tree" && swift build -c release --scratch-path "$cache/build-$commit" --product partner-server >&2 &&
            swift build -c release --scratch-path "$cache/build-$commit" --product partner-bench >&2)
        git worktree remove --force "$tree"
    fi
    echo "$cache/build-$commit/release"
}
base_dir=$(build "$base")
head_dir=$(build "$head")

field() { tr ' ' '\n' | sed -n "s/^$1=//p"; }

on_store() {   # server build, client build, scenario args -> the RESULT line of one run on $STORE
    local dir=$1 client=$2 log pid address token
    shift 2
    log=$(mktemp)
    "$dir/partner-server" --listen 127.0.0.1:0 --data "$STORE" --enable-conformance-service 2>"$log" >/dev/null &
    pid=$!
    for _ in $(seq 1 600); do
        address=$(sed -n 's/.*event=server.listening.* address=\([^ ]*\).*/\1/p' "$log" | head -1)
        [ -n "$address" ] && break
        kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
        sleep 0.1
    done
    [ -n "$address" ] || { echo "the server on $STORE did not listen within 60 s" >&2; kill "$pid"; exit 1; }
    token=$(tr -d '[:space:]' <"$STORE/bootstrap-token")
    "$client/partner-bench" "$@" --target "$address" --server-pid "$pid" --token "$token" \
        --duration "$DURATION" --warmup "$WARMUP" | grep '^RESULT'
    kill -TERM "$pid"
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$log"
}
declare -a rate_ratio cpu_ratio
for round in $(seq 1 "$rounds"); do
    for side in base head; do
        dir=$base_dir; [ $side = head ] && dir=$head_dir
        client=$dir
        case "${CLIENT:-}" in base) client=$base_dir ;; head) client=$head_dir ;; esac
        if [ -n "${STORE:-}" ]; then
            line=$(on_store "$dir" "$client" "$@")
        else
            line=$("$client/partner-bench" "$@" --spawn-server "$dir/partner-server" --duration "$DURATION" --warmup "$WARMUP" | grep '^RESULT')
        fi
        echo "round=$round side=$side $line"
        eval "${side}_rate=$(echo "$line" | field calls_per_s)"
        eval "${side}_cpu=$(echo "$line" | field server_cpu_us_per_call)"
    done
    rate_ratio+=("$(awk -v h="$head_rate" -v b="$base_rate" 'BEGIN { printf "%.3f", h / b }')")
    cpu_ratio+=("$(awk -v h="$head_cpu" -v b="$base_cpu" 'BEGIN { printf "%.3f", h / b }')")
done
summary() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "median=%s min=%s max=%s", v[int((NR + 1) / 2)], v[1], v[NR] }'; }
echo "COMPARE base=$base head=$head scenario=$1 rounds=$rounds calls_per_s_ratio($(summary "${rate_ratio[@]}")) server_cpu_per_call_ratio($(summary "${cpu_ratio[@]}"))"
