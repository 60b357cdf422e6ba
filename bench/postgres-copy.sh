#!/usr/bin/env bash
# PostgreSQL's own COPY of the 1M-row benchmark file into a typed table, on a throwaway server with the
# default durability (every commit flushed): the limit a load on PostgreSQL (issue 11) is measured against.
# Usage: bench/postgres-copy.sh [ROWS] [RUNS]   (defaults 1000000, 3)
set -euo pipefail
ROWS="${1:-1000000}"
RUNS="${2:-3}"
. "$(dirname "$0")/lib.sh"
. "$ROOT/tools/postgres.sh"
DATA_DIR="${BENCH_DATA:-/tmp/caravan-bench-data}"
mkdir -p "$DATA_DIR"
FILE="$DATA_DIR/dogs-$ROWS.csv"
[ -s "$FILE" ] || python3 "$GEN" "$ROWS" > "$FILE"
build_jar
start_postgres
trap stop_postgres EXIT
for _ in $(seq 1 "$RUNS"); do
  java -cp "$APP_ROOT/target/caravan.jar" "$ROOT/bench/PostgresCopy.java" "$FILE" "$PG_URL"
done
