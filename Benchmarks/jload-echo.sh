#!/bin/sh
# The echo scenario measured by the independent C client (../shared/tools/jload.c, copied from
# the issue): 1 connection x 32 in flight, a 600-byte message, on a freshly started server.
#
#   Benchmarks/jload-echo.sh [BUILD_DIR] [DURATION] [WARMUP]
#
# JLOAD_SRC points at jload.c (default ../shared/tools/jload.c, then /work/shared/tools/jload.c).
set -eu
BUILD=${1:-.build-bench/release}
DURATION=${2:-10}
WARMUP=${3:-2}
src=${JLOAD_SRC:-../shared/tools/jload.c}
[ -f "$src" ] || src=/work/shared/tools/jload.c
folder=$(mktemp -d /tmp/partner-bench-jload-XXXXXX)
jload="$folder/jload"
gcc -O2 -o "$jload" "$src"
"$BUILD/partner-server" --listen 127.0.0.1:0 --data "$folder/data" --enable-conformance-service 2>"$folder/server.log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$folder"' EXIT
for _ in $(seq 1 300); do grep -q "event=server.listening" "$folder/server.log" && break; sleep 0.1; done
port=$(sed -n 's/.*event=server.listening address=[^ ]*:\([0-9]*\) .*/\1/p' "$folder/server.log" | head -1)
[ -n "$port" ] || { echo "the server did not listen:"; cat "$folder/server.log"; exit 1; }
message=$(printf 'm%.0s' $(seq 1 600))
"$jload" -p "$port" -c 1 -k 32 -d "$DURATION" -w "$WARMUP" --label jload-echo --server-pid "$pid" \
    -t '{"jsonrpc":"2.0","id":{ID},"method":"Conformance.Echo","params":{"message":"'"$message"'"}}'
