#!/bin/sh
# The floor and the two PartnerConsole scenarios of the performance targets, measured by the
# independent C load client (../shared/tools/jload.c) in one run: 1 connection x 32 in flight.
#   floor          Benchmarks/floor-server.c: an epoll server in C answering a fixed result
#   jload-get      Customers.Get, authenticated, on a freshly started partner-server (SERVER_ARGS
#                  adds options, e.g. SERVER_ARGS="--access-log off")
# (jload-echo.sh measures Conformance.Echo the same way.)
#
#   Benchmarks/jload-floor.sh [BUILD_DIR] [DURATION] [WARMUP]
#
# JLOAD_SRC points at jload.c (default ../shared/tools/jload.c, then /work/shared/tools/jload.c).
set -eu
BUILD=${1:-.build-bench/release}
DURATION=${2:-10}
WARMUP=${3:-2}
here=$(dirname "$0")
src=${JLOAD_SRC:-../shared/tools/jload.c}
[ -f "$src" ] || src=/work/shared/tools/jload.c
folder=$(mktemp -d /tmp/partner-bench-floor-XXXXXX)
pids=""
trap 'for p in $pids; do kill $p 2>/dev/null || true; wait $p 2>/dev/null || true; done; rm -rf "$folder"' EXIT
gcc -O2 -o "$folder/jload" "$src"
gcc -O2 -o "$folder/floor-server" "$here/floor-server.c"

"$folder/floor-server" 0 >"$folder/floor.out" &
floor=$!
pids="$pids $floor"
for _ in $(seq 1 100); do [ -s "$folder/floor.out" ] && break; sleep 0.05; done
port=$(awk '{print $2}' "$folder/floor.out")
"$folder/jload" -p "$port" -c 1 -k 32 -d "$DURATION" -w "$WARMUP" --label floor --server-pid "$floor"
kill $floor

"$BUILD/partner-server" --listen 127.0.0.1:0 --data "$folder/data" ${SERVER_ARGS:-} 2>"$folder/server.log" &
server=$!
pids="$pids $server"
for _ in $(seq 1 300); do grep -q "event=server.listening" "$folder/server.log" && break; sleep 0.1; done
port=$(sed -n 's/.*event=server.listening address=[^ ]*:\([0-9]*\) .*/\1/p' "$folder/server.log" | head -1)
[ -n "$port" ] || { echo "the server did not listen:"; cat "$folder/server.log"; exit 1; }
token=$(cat "$folder/data/bootstrap-token")
customer=$(python3 - "$port" "$token" <<'PY'
import json, socket, struct, sys
port, token = int(sys.argv[1]), sys.argv[2]
s = socket.create_connection(("127.0.0.1", port), timeout=10)
body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "Customers.Create", "params": {
    "organisationName": "Floor S.r.l.", "primaryDomain": "floor-bench.example", "customerType": "DOMAIN",
    "postalAddress": {"regionCode": "IT", "postalCode": "20121", "locality": "Milano"},
    "primaryAdminEmail": "admin@floor-bench.example", "alternateEmail": "backup@example.net",
    "languageCode": "it", "timeZone": "Europe/Rome"},
    "meta": {"authorization": "Bearer " + token}}).encode()
s.sendall(struct.pack(">I", len(body)) + body)
def read(n):
    out = b""
    while len(out) < n:
        chunk = s.recv(n - len(out))
        if not chunk: raise SystemExit("connection closed")
        out += chunk
    return out
answer = json.loads(read(struct.unpack(">I", read(4))[0]))
print(answer["result"]["id"])
PY
)
"$folder/jload" -p "$port" -c 1 -k 32 -d "$DURATION" -w "$WARMUP" --label jload-get --server-pid "$server" \
    -t '{"jsonrpc":"2.0","id":{ID},"method":"Customers.Get","params":{"customerId":"'"$customer"'"},"meta":{"authorization":"Bearer '"$token"'"}}'
