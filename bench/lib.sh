# Shared by the benchmark scripts: build the jar, start Caravan on a free loopback port with a fresh
# data dir, stop it on exit. Source it, then call start_caravan; it sets PORT, SERVER_PID, WORK, LOG.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# the server's project dir (its target/caravan.jar, config/ and routes/): this one unless CARAVAN_ROOT names another build
APP_ROOT="${CARAVAN_ROOT:-$ROOT}"
# the benchmark data: bench/gen_dogs.py (deterministic, in the repo) unless GEN_DATA names another generator
GEN="${GEN_DATA:-$ROOT/bench/gen_dogs.py}"
# HarperDB 4.7.29 as the reference is optional and not part of the repo: HARPER_REF names its start/stop script
HARPER="${HARPER_REF:-$ROOT/../shared/bench/harper-ref.sh}"
SERVER_PID=""

# want_harper: whether to run the HarperDB part; says why not when it is skipped
want_harper() {
  if [ "${NO_HARPER:-0}" = 1 ]; then
    echo "HarperDB reference skipped (NO_HARPER=1)" >&2
    return 1
  fi
  if [ ! -f "$HARPER" ]; then
    echo "HarperDB reference skipped: no start script at $HARPER (set HARPER_REF to one, or NO_HARPER=1)" >&2
    return 1
  fi
}

build_jar() {
  if [ ! -f "$APP_ROOT/target/caravan.jar" ] || [ -n "$(cd "$APP_ROOT" && find src pom.xml -newer target/caravan.jar -print -quit)" ]; then
    echo "building target/caravan.jar ..." >&2
    (cd "$APP_ROOT" && mvn -B -q -DskipTests package)
  fi
}

stop_caravan() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ "${KEEP_DATA:-0}" != 1 ]; then rm -rf "$WORK"; else echo "data and log kept in $WORK" >&2; fi
  SERVER_PID=""
}

# start_caravan: JAVA_OPTS are the server's JVM flags; BENCH_WORK names a data dir to reuse (kept)
start_caravan() {
  build_jar
  if [ -n "${BENCH_WORK:-}" ]; then WORK="$BENCH_WORK"; KEEP_DATA=1; mkdir -p "$WORK"
  else WORK="$(mktemp -d /tmp/caravan-bench-XXXXXX)"; fi
  PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  LOG="$WORK/caravan.log"
  : > "$LOG"
  trap stop_caravan EXIT
  (cd "$APP_ROOT" && CARAVAN_PORT="$PORT" CARAVAN_HOST=127.0.0.1 CARAVAN_DATA_DIR="$WORK/data" \
    HDB_ADMIN_USERNAME=HDB_ADMIN HDB_ADMIN_PASSWORD=password \
    CARAVAN_IMPORT_ROOTS="${CARAVAN_IMPORT_ROOTS:-/tmp}" CARAVAN_EXPORT_ROOTS="${CARAVAN_EXPORT_ROOTS:-/tmp}" \
    exec java ${JAVA_OPTS:-} -jar target/caravan.jar >"$LOG" 2>&1) &
  SERVER_PID=$!
  wait_ready "$LOG" "$SERVER_PID"
}

# wait_ready LOG PID: until the Caravan process PID logs that it is ready; exits when it dies or takes 60 s
wait_ready() {
  for _ in $(seq 1 600); do
    grep -q "Caravan ready" "$1" && return 0
    kill -0 "$2" 2>/dev/null || { echo "Caravan exited; log:" >&2; cat "$1" >&2; exit 1; }
    sleep 0.1
  done
  echo "Caravan not ready after 60 s" >&2
  exit 1
}
