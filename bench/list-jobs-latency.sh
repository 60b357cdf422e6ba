#!/usr/bin/env bash
# The list_jobs benchmark (issue 12, point 6), in one run on one fresh server:
#   1. the job table of a new store is filled, with the server stopped, with JOBS finished jobs by
#      bench/FillJobTable.java (direct batched INSERTs into CARAVAN.JOBS through Caravan's own JobStore
#      schema: through the API, 100,000 jobs would take an hour);
#   2. Caravan starts on that store; a warm-up load of WARMUP_ROWS rows (not counted); CLIENTS clients ask list_jobs for a filtered page (status COMPLETE,
#      user=userN, limit 50, every other request the next page by next_cursor), each once every
#      INTERVAL_MS ms (0: back to back), WARMUP_S s not counted, then SECONDS s: p50, p99, req/s;
#   3. a csv_file_load of ROWS rows alone, then while 5 consoles poll it (each every second: list_jobs
#      limit 50, get_job and get_job_errors of the load), alternating, five loads: the slowdown of the
#      polled ones against the lone ones, in wall time and server CPU (bench/ListJobsLatency.java).
# Usage: bench/list-jobs-latency.sh [ROWS] (default 1000000; 0 skips 3). JOBS (100000), CLIENTS (50),
# INTERVAL_MS (1000: a console's poll), WARMUP_S (10), MEASURE_S (30), WARMUP_ROWS (200000: a load
# before it all, not counted, so that no measurement pays for a cold JVM), JAVA_OPTS (Caravan's JVM flags);
# STORE=postgresql runs it all on a throwaway PostgreSQL (tools/postgres.sh) instead of the embedded Derby.
set -euo pipefail
ROWS="${1:-1000000}"
JOBS="${JOBS:-100000}"
CLIENTS="${CLIENTS:-50}"
INTERVAL_MS="${INTERVAL_MS:-1000}"
WARMUP_S="${WARMUP_S:-10}"
MEASURE_S="${MEASURE_S:-30}"
WARMUP_ROWS="${WARMUP_ROWS:-200000}"
. "$(dirname "$0")/lib.sh"
DATA_DIR="${BENCH_DATA:-/tmp/caravan-bench-data}"
mkdir -p "$DATA_DIR"
FILE="$DATA_DIR/dogs-$ROWS.csv"
WARMUP_FILE="$DATA_DIR/dogs-$WARMUP_ROWS.csv"
for n in "$ROWS" "$WARMUP_ROWS"; do
  [ "$n" = 0 ] || [ -s "$DATA_DIR/dogs-$n.csv" ] || python3 "$GEN" "$n" > "$DATA_DIR/dogs-$n.csv"
done
build_jar
CLASSES="$(mktemp -d /tmp/caravan-bench-classes-XXXXXX)"
BENCH_WORK="$(mktemp -d /tmp/caravan-bench-XXXXXX)"
export BENCH_WORK
STORE_ARGS=()
if [ "${STORE:-derby}" = postgresql ]; then
  . "$ROOT/tools/postgres.sh"
  start_postgres
  export CARAVAN_STORE_URL="$PG_URL" CARAVAN_STORE_USER=caravan CARAVAN_STORE_PASSWORD=unused
  STORE_ARGS=("$PG_URL" caravan unused)
fi
cleanup() {
  stop_caravan
  rm -rf "$BENCH_WORK" "$CLASSES"
  [ "${STORE:-derby}" != postgresql ] || stop_postgres
}
trap cleanup EXIT
javac -d "$CLASSES" -cp "$APP_ROOT/target/caravan.jar" "$ROOT/bench/FillJobTable.java"
javac -d "$CLASSES" "$ROOT/bench/JobReadLatency.java" "$ROOT/bench/ListJobsLatency.java"
java -cp "$CLASSES:$APP_ROOT/target/caravan.jar" FillJobTable "$BENCH_WORK/data" "$JOBS" "${STORE_ARGS[@]}"
echo "jobs: $JOBS finished; list_jobs clients: $CLIENTS every $INTERVAL_MS ms; load rows: $ROWS; store: ${STORE:-derby};" \
  "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
start_caravan
trap cleanup EXIT
java -cp "$CLASSES" ListJobsLatency "$PORT" "$CLIENTS" "$INTERVAL_MS" "$WARMUP_S" "$MEASURE_S" "$FILE" "$ROWS" "$WARMUP_FILE" "$WARMUP_ROWS" "$SERVER_PID"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); server peak RSS:" \
  "$(grep VmHWM /proc/$SERVER_PID/status | awk '{print int($2/1024)}') MiB"
