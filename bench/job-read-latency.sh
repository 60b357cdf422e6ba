#!/usr/bin/env bash
# The job-read latency benchmark (issue 8, point 6): in one run, on one fresh server,
#   1. a warm-up csv_file_load of WARMUP_ROWS rows, which the readers poll too (not counted);
#   2. csv_file_load of ROWS rows alone, timed from the submit to COMPLETE;
#   3. the same load again while CLIENTS clients poll get_job of it, each every INTERVAL_MS ms;
#   4. the load alone once more;
# then the get_job latency (p50, p99, max), req/s, and how much the readers slowed the load (against
# the mean of the two lone loads).
# Usage: bench/job-read-latency.sh [ROWS] (default 1000000). CLIENTS (200), INTERVAL_MS (100),
# WARMUP_ROWS (200000), JAVA_OPTS (Caravan's JVM flags); CARAVAN_ROOT runs another build's
# target/caravan.jar and routes (e.g. main's, for a before/after).
set -euo pipefail
ROWS="${1:-1000000}"
CLIENTS="${CLIENTS:-200}"
INTERVAL_MS="${INTERVAL_MS:-100}"
WARMUP_ROWS="${WARMUP_ROWS:-200000}"
. "$(dirname "$0")/lib.sh"
DATA_DIR="${BENCH_DATA:-/tmp/caravan-bench-data}"
mkdir -p "$DATA_DIR"
for n in "$ROWS" "$WARMUP_ROWS"; do
  [ -s "$DATA_DIR/dogs-$n.csv" ] || python3 "$GEN" "$n" > "$DATA_DIR/dogs-$n.csv"
done
echo "rows: $ROWS (warm-up $WARMUP_ROWS); readers: $CLIENTS every $INTERVAL_MS ms; server: $APP_ROOT;" \
  "machine: $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg)"

start_caravan
BATCH="$(grep -o 'CARAVAN_JOB_BATCH_SIZE:[0-9]*' "$APP_ROOT/config/application.properties" | cut -d: -f2)"
java "$ROOT/bench/JobReadLatency.java" "$PORT" "$DATA_DIR/dogs-$ROWS.csv" "$ROWS" \
  "$DATA_DIR/dogs-$WARMUP_ROWS.csv" "$WARMUP_ROWS" "$CLIENTS" "$INTERVAL_MS" "${CARAVAN_JOBS_BATCH_SIZE:-${CARAVAN_JOB_BATCH_SIZE:-$BATCH}}" "$SERVER_PID"
echo "server peak RSS: $(grep VmHWM /proc/$SERVER_PID/status | awk '{print int($2/1024)}') MiB"
stop_caravan
trap - EXIT
