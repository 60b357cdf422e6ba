#!/usr/bin/env bash
# Caravan on PostgreSQL (issue 11), in one run on one machine, on a throwaway PostgreSQL with its
# default durability (every commit flushed):
#   1. Caravan on PostgreSQL: csv_file_load of ROWS rows into an empty table, timed from the submit to
#      COMPLETE, with Caravan's CPU, PostgreSQL's CPU (all its processes) and a JFR profile;
#   2. PostgreSQL's own COPY of the same file into an equivalent typed table (bench/PostgresCopy.java);
#   3. Caravan on its embedded Derby: the same load (with a JFR recording too);
#   4. LOADS concurrent loads of the file (LOADS tables) on one node with LOADS workers, then on two
#      nodes sharing one database (each setup on a new PostgreSQL server), LOADS/2 loads submitted to each (each with LOADS/2 workers);
#      throughput from the first submit to the last COMPLETE.
# Usage: bench/postgres-load.sh [ROWS] [LOADS]   (defaults 1000000, 8). JAVA_OPTS sets Caravan's JVM flags;
# SKIP_CONCURRENT=1 runs 1-3 only, SKIP_SINGLE=1 only 4; ORDER="two one" runs 4's two setups the other
# way round. Profiles and logs go to BENCH_OUT (default a new /tmp/caravan-pg-bench-*).
set -euo pipefail
ROWS="${1:-1000000}"
LOADS="${2:-8}"
. "$(dirname "$0")/lib.sh"
. "$ROOT/tools/postgres.sh"
DATA_DIR="${BENCH_DATA:-/tmp/caravan-bench-data}"
OUT="${BENCH_OUT:-$(mktemp -d /tmp/caravan-pg-bench-XXXXXX)}"
mkdir -p "$DATA_DIR" "$OUT"
FILE="$DATA_DIR/dogs-$ROWS.csv"
[ -s "$FILE" ] || python3 "$GEN" "$ROWS" > "$FILE"
build_jar
start_postgres
NODES=()
stop_nodes() {
  for node in "${NODES[@]}"; do
    kill "${node%%:*}" 2>/dev/null && wait "${node%%:*}" 2>/dev/null || true
    rm -rf "${node#*:}"
  done
  NODES=()
}
trap 'stop_nodes; stop_postgres' EXIT
PG_PID="$(head -1 "$PG_DIR/data/postmaster.pid")"
# a new server for each concurrent setup: otherwise the second pays for the first's checkpoints
fresh_postgres() {
  stop_postgres
  start_postgres
  PG_PID="$(head -1 "$PG_DIR/data/postmaster.pid")"
}
echo "file: $FILE ($(du -h "$FILE" | cut -f1), $ROWS rows); machine: $(nproc) cores; JAVA_OPTS=${JAVA_OPTS:-}; out: $OUT"

new_database() {
  as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U caravan "$1"
  echo "jdbc:postgresql://127.0.0.1:$PG_PORT/$1"
}

# start_node NAME STORE_URL WORKERS: a Caravan process on a free port (empty STORE_URL: its
# own Derby); sets PORT and SERVER_PID, and NODES for stop_nodes
start_node() {
  local name="$1" url="$2" workers="$3"
  WORK="$OUT/$name"; mkdir -p "$WORK"
  PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  # a setting is left out rather than set empty: an environment variable named like a setting overrides it as it is
  local settings=(CARAVAN_PORT="$PORT" CARAVAN_HOST=127.0.0.1 CARAVAN_DATA_DIR="$WORK/data" CARAVAN_NODE_ID="$name"
    HDB_ADMIN_USERNAME=HDB_ADMIN HDB_ADMIN_PASSWORD=password CARAVAN_IMPORT_ROOTS=/tmp CARAVAN_EXPORT_ROOTS=/tmp)
  [ -n "$url" ] && settings+=(CARAVAN_STORE_URL="$url" CARAVAN_STORE_USER=caravan)
  [ "$workers" != 0 ] && settings+=(CARAVAN_JOBS_WORKERS="$workers")
  (cd "$APP_ROOT" && exec env "${settings[@]}" java ${JAVA_OPTS:-} -jar target/caravan.jar \
    >"$WORK/caravan.log" 2>&1) &
  SERVER_PID=$!
  NODES+=("$SERVER_PID:$WORK/data")
  wait_ready "$WORK/caravan.log" "$SERVER_PID"
}

# profiled NAME COMMAND...: runs the command with a JFR recording of the Caravan process SERVER_PID around it
profiled() {
  local name="$1"; shift
  jcmd "$SERVER_PID" JFR.start name=load settings=profile >/dev/null
  "$@"
  jcmd "$SERVER_PID" JFR.dump name=load filename="$OUT/$name.jfr" >/dev/null
}

if [ "${SKIP_SINGLE:-0}" != 1 ]; then
  # 1. Caravan on PostgreSQL
  start_node single-pg "$(new_database single)" 0
  profiled caravan-postgresql python3 "$ROOT/bench/csv_load.py" --port "$PORT" --pid "$SERVER_PID" --db-pid "$PG_PID" \
    --file "$FILE" --rows "$ROWS" --name caravan-postgresql
  stop_nodes

  # 2. PostgreSQL's own COPY, same server
  java -cp "$APP_ROOT/target/caravan.jar" "$ROOT/bench/PostgresCopy.java" "$FILE" "$(new_database copy)"

  # 3. Caravan on Derby
  start_node single-derby "" 0
  profiled caravan-derby python3 "$ROOT/bench/csv_load.py" --port "$PORT" --pid "$SERVER_PID" --file "$FILE" \
    --rows "$ROWS" --name caravan-derby
  stop_nodes

  for profile in caravan-postgresql caravan-derby; do
    echo "== where $profile's CPU went (JFR execution samples) =="
    python3 "$ROOT/bench/jfr_hot.py" "$OUT/$profile.jfr"
  done
fi

[ "${SKIP_CONCURRENT:-0}" = 1 ] && exit 0

# 4. LOADS concurrent loads: one node, then two nodes on one database (ORDER="two one" turns them round),
# each on a new server
one_node() {
  fresh_postgres
  start_node one-node "$(new_database "one_node_$RANDOM")" "$LOADS"
  A="$PORT:$SERVER_PID"
  python3 "$ROOT/bench/concurrent_loads.py" prepare --port "$PORT" --tables "$LOADS"
  python3 "$ROOT/bench/concurrent_loads.py" run --nodes "$A" --db-pid "$PG_PID" --file "$FILE" --rows "$ROWS" \
    --tables "$LOADS" --name one-node
  stop_nodes
}

two_nodes() {
  local url
  fresh_postgres
  url="$(new_database "two_nodes_$RANDOM")"
  start_node node-a "$url" $((LOADS / 2))
  A="$PORT:$SERVER_PID"
  # the tables exist before the second node starts: a node reads the catalog when it starts
  python3 "$ROOT/bench/concurrent_loads.py" prepare --port "$PORT" --tables "$LOADS"
  start_node node-b "$url" $((LOADS / 2))
  B="$PORT:$SERVER_PID"
  python3 "$ROOT/bench/concurrent_loads.py" run --nodes "$A,$B" --db-pid "$PG_PID" --file "$FILE" --rows "$ROWS" \
    --tables "$LOADS" --name two-nodes
  stop_nodes
}

for setup in ${ORDER:-one two}; do
  case "$setup" in
    one) one_node ;;
    two) two_nodes ;;
    *) echo "ORDER: one or two, not $setup" >&2; exit 2 ;;
  esac
done
