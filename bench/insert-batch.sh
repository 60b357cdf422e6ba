#!/usr/bin/env bash
# Times one `insert` request of many records into an empty table on a fresh Caravan (see README.md).
#   bench/insert-batch.sh [ROWS]        ROWS defaults to 100000
# Environment: JAVA_OPTS (JVM flags for the server), KEEP_DATA=1 (keep the temp data dir).
set -euo pipefail

ROWS="${1:-100000}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
GEN="${GEN_DATA:-$ROOT/../shared/bench/gen_data.py}"
[ -f "$GEN" ] || GEN=/work/shared/bench/gen_data.py
cd "$ROOT"

if [ ! -f target/caravan.jar ] || [ -n "$(find src pom.xml -newer target/caravan.jar -print -quit)" ]; then
  echo "building target/caravan.jar ..." >&2
  mvn -B -q -DskipTests package
fi

WORK="$(mktemp -d /tmp/caravan-bench-XXXXXX)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
LOG="$WORK/caravan.log"
SERVER_PID=""

cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ "${KEEP_DATA:-0}" != 1 ]; then rm -rf "$WORK"; else echo "data and log kept in $WORK" >&2; fi
}
trap cleanup EXIT

CARAVAN_PORT="$PORT" CARAVAN_HOST=127.0.0.1 CARAVAN_DATA_DIR="$WORK/data" \
HDB_ADMIN_USERNAME=HDB_ADMIN HDB_ADMIN_PASSWORD=password \
  java ${JAVA_OPTS:-} -jar target/caravan.jar >"$LOG" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 600); do
  grep -q "Caravan ready" "$LOG" && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "Caravan exited; log:" >&2; cat "$LOG" >&2; exit 1; }
  sleep 0.1
done
grep -q "Caravan ready" "$LOG" || { echo "Caravan not ready after 60 s" >&2; exit 1; }

python3 "$ROOT/bench/insert_batch.py" --port "$PORT" --pid "$SERVER_PID" --rows "$ROWS" --gen "$GEN"
