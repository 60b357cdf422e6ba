#!/usr/bin/env bash
# What list_jobs' indexes on the job table buy (issue 12): a store filled with JOBS finished jobs
# (bench/FillJobTable.java), each page shape of bench/ListJobsQueries.java answered RUNS times with the
# indexes and again without them, in-process (no HTTP). Usage: bench/list-jobs-queries.sh [JOBS] [RUNS]
# (defaults 100000, 50); STORE=postgresql on a throwaway PostgreSQL (tools/postgres.sh).
set -euo pipefail
JOBS="${1:-100000}"
RUNS="${2:-50}"
. "$(dirname "$0")/lib.sh"
build_jar
WORK="$(mktemp -d /tmp/caravan-bench-XXXXXX)"
ARGS=()
if [ "${STORE:-derby}" = postgresql ]; then
  . "$ROOT/tools/postgres.sh"
  start_postgres
  ARGS=("$PG_URL" caravan unused)
fi
trap 'rm -rf "$WORK"; [ "${STORE:-derby}" != postgresql ] || stop_postgres' EXIT
javac -d "$WORK/classes" -cp "$APP_ROOT/target/caravan.jar" "$ROOT/bench/FillJobTable.java" "$ROOT/bench/ListJobsQueries.java"
CP="$WORK/classes:$APP_ROOT/target/caravan.jar"
java -cp "$CP" FillJobTable "$WORK/data" "$JOBS" "${ARGS[@]}"
echo "store: ${STORE:-derby}; machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$CP" ListJobsQueries "$WORK/data" "$RUNS" "${ARGS[@]}"
