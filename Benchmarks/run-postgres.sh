#!/usr/bin/env bash
# partner-bench write and mixed against 1 and 2 partner-server replicas on one throwaway
# PostgreSQL cluster, beside pgbench -N (simple update: one UPDATE, one SELECT, one INSERT per
# transaction) with the same 32 clients on the same cluster in the same run.
#
#   Benchmarks/run-postgres.sh [RESULTS_FILE] [SECONDS]
#
# Needs the release build of partner-server and partner-bench in .build-bench/release (see
# Benchmarks/README.md) and Debian's postgresql package. Runs PostgreSQL as the postgres user
# when started as root. Everything it starts is stopped at the end, also on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/partner-bench-postgres.txt}
SECONDS_RUN=${2:-10}
B=.build-bench/release
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
DIR=$(mktemp -d /tmp/partner-bench-pg-XXXXXX)
PORT=$((20000 + RANDOM % 20000))
URLBASE="postgresql://partner@127.0.0.1:$PORT"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$DIR"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 1
  as_pg "$PGBIN/pg_ctl" -D "$DIR/pg" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT

as_pg "$PGBIN/initdb" -D "$DIR/pg" -A trust -U partner >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$DIR/pg" -l "$DIR/pg.log" -w \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB -c fsync=on -c synchronous_commit=on" start >/dev/null

log() { echo "$@" | tee -a "$OUT"; }
: > "$OUT"
log "# $(date -u +%FT%TZ) $(nproc) cores, PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'), fsync=on synchronous_commit=on"

pgbench_n() {
  as_pg "$PGBIN/pgbench" -h 127.0.0.1 -p "$PORT" -U partner -N -c 32 -j 2 -T "$SECONDS_RUN" -n pgbench 2>&1 |
    awk '/^tps/ {print "RESULT scenario=pgbench-N clients=32 tps=" int($3)}' | tee -a "$OUT"
}

start_replica() {   # name database -> sets REPLICA_PORT, REPLICA_PID
  local name=$1 db=$2
  "$B/partner-server" --listen 127.0.0.1:0 --data "$DIR/$name" --database-url "$URLBASE/$db" \
    2> "$DIR/$name.log" &
  REPLICA_PID=$!
  PIDS+=("$REPLICA_PID")
  for _ in $(seq 1 200); do
    if grep -q "event=server.listening" "$DIR/$name.log" 2>/dev/null; then break; fi
    sleep 0.05
  done
  REPLICA_PORT=$(grep -o 'address=127.0.0.1:[0-9]*' "$DIR/$name.log" | head -1 | cut -d: -f2)
  [ -n "$REPLICA_PORT" ] || { cat "$DIR/$name.log"; exit 1; }
}

bench() {   # scenario port pid token connections in-flight -> RESULT line
  "$B/partner-bench" "$1" --target "127.0.0.1:$2" --server-pid "$3" --token "$4" \
    --connections "$5" --in-flight "$6" --seed-customers 64 --duration "$SECONDS_RUN" --warmup 2 2>&1 | grep '^RESULT'
}

as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U partner pgbench
as_pg "$PGBIN/pgbench" -h 127.0.0.1 -p "$PORT" -U partner -i -s 32 -q pgbench >/dev/null 2>&1
log "## pgbench -N, 32 clients, before"
pgbench_n

for scenario in write mixed; do
  as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U partner "one_$scenario"
  start_replica "one-$scenario" "one_$scenario"
  TOKEN=$(cat "$DIR/one-$scenario/bootstrap-token")
  log "## $scenario, 1 replica, 4 connections x 8 in flight = 32 calls in flight"
  bench "$scenario" "$REPLICA_PORT" "$REPLICA_PID" "$TOKEN" 4 8 | sed 's/^/replicas=1 /' | tee -a "$OUT"
  kill "$REPLICA_PID"; wait "$REPLICA_PID" 2>/dev/null || true

  as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U partner "two_$scenario"
  start_replica "a-$scenario" "two_$scenario"; PORT_A=$REPLICA_PORT; PID_A=$REPLICA_PID
  start_replica "b-$scenario" "two_$scenario"; PORT_B=$REPLICA_PORT; PID_B=$REPLICA_PID
  TOKEN=$(cat "$DIR/a-$scenario/bootstrap-token")
  log "## $scenario, 2 replicas, each 2 connections x 8 in flight = 32 calls in flight in all (same partner)"
  bench "$scenario" "$PORT_A" "$PID_A" "$TOKEN" 2 8 > "$DIR/bench-a" &
  BA=$!
  bench "$scenario" "$PORT_B" "$PID_B" "$TOKEN" 2 8 > "$DIR/bench-b" &
  BB=$!
  wait $BA $BB
  sed 's/^/replicas=2 replica=a /' "$DIR/bench-a" | tee -a "$OUT"
  sed 's/^/replicas=2 replica=b /' "$DIR/bench-b" | tee -a "$OUT"
  total=$(cat "$DIR/bench-a" "$DIR/bench-b" | grep -o 'calls_per_s=[0-9.]*' | cut -d= -f2 | awk '{s += $1} END {print int(s)}')
  log "replicas=2 scenario=$scenario calls_per_s_total=$total"
  kill "$PID_A" "$PID_B"; wait "$PID_A" "$PID_B" 2>/dev/null || true
done

log "## pgbench -N, 32 clients, after"
pgbench_n
