#!/usr/bin/env bash
# The CSV load benchmark (issue: the job engine): in one run, on one machine,
#   1. Caravan: csv_file_load of ROWS generated rows, timed from the submit to COMPLETE, peak RSS;
#   2. Derby's own SYSCS_UTIL.SYSCS_IMPORT_TABLE_BULK of the same file into a typed table (the limit);
#   3. HarperDB 4.7.29 (optional, outside the repo: HARPER_REF, see bench/README.md): the same
#      csv_file_load (skipped with NO_HARPER=1 or when it is not there).
# Usage: bench/csv-load.sh [ROWS]   (default 1000000). JAVA_OPTS sets Caravan's JVM flags.
set -euo pipefail
ROWS="${1:-1000000}"
. "$(dirname "$0")/lib.sh"
DATA_DIR="${BENCH_DATA:-/tmp/caravan-bench-data}"
mkdir -p "$DATA_DIR"
FILE="$DATA_DIR/dogs-$ROWS.csv"
[ -s "$FILE" ] || python3 "$GEN" "$ROWS" > "$FILE"
echo "file: $FILE ($(du -h "$FILE" | cut -f1), $ROWS rows); machine: $(nproc) cores; JAVA_OPTS=${JAVA_OPTS:-}"

start_caravan
python3 "$ROOT/bench/csv_load.py" --port "$PORT" --pid "$SERVER_PID" --file "$FILE" --rows "$ROWS"
stop_caravan
trap - EXIT

java -cp "$ROOT/target/caravan.jar" "$ROOT/bench/DerbyBulkImport.java" "$FILE" "$(mktemp -d /tmp/derby-bulk-XXXXXX)"

if want_harper; then
  HDIR=/tmp/harper-bench; HPORT=19935
  bash "$HARPER" start "$HDIR" "$HPORT" >/dev/null
  python3 "$ROOT/bench/csv_load.py" --port "$HPORT" --pid "$(cat "$HDIR/harper.pid")" --file "$FILE" \
    --rows "$ROWS" --name harperdb-4.7.29 --table "dogs$(date +%s)"
  bash "$HARPER" stop "$HDIR"
fi
