#!/usr/bin/env bash
# Builds the Examples/QuickStart package (which depends on this repository by path) and runs it
# against a partner-server it starts on a fresh data folder. Exits non-zero if any step fails.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

swift build --product partner-server
server="$root/.build/debug/partner-server"
# SwiftPM can keep a path dependency's old file list (a source file added to this repository
# then goes unseen); when the incremental build fails, say so and build once more from clean.
if ! swift build --package-path Examples/QuickStart; then
  echo "run.sh: the QuickStart build failed; retrying from a clean Examples/QuickStart/.build" >&2
  rm -rf Examples/QuickStart/.build
  swift build --package-path Examples/QuickStart
fi

work=$(mktemp -d)
log="$work/server.log"
"$server" --listen 127.0.0.1:0 --data "$work/data" >"$log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

address=""
for _ in $(seq 1 300); do
  address=$( (grep 'event=server.listening' "$log" || true) | head -n 1 | sed -n 's/.*address=\([^ ]*\).*/\1/p')
  [ -n "$address" ] && break
  kill -0 "$pid" 2>/dev/null || { echo "partner-server exited:"; cat "$log"; exit 1; }
  sleep 0.1
done
[ -n "$address" ] || { echo "partner-server did not start within 30 s:"; cat "$log"; exit 1; }

PARTNER_TOKEN=$(cat "$work/data/bootstrap-token") \
  Examples/QuickStart/.build/debug/QuickStart "$address"
