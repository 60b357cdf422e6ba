#!/usr/bin/env bash
# The export benchmark (issue 4): in one run, on one machine, export_local of the whole ROWS-row
# benchmark table (the CSV load benchmark's data) to CSV and to JSON, timed from the submit to
# COMPLETE, with the server's peak RSS during that export (each export runs in a freshly started
# server, so the peak is the export's own). Then HarperDB 4.7.29 the same way (optional, outside the
# repo: HARPER_REF, see bench/README.md; skipped with NO_HARPER=1 or when it is not there).
# The table is loaded once per data dir and reused: BENCH_WORK keeps Caravan's, Harper keeps its own
# (HARPER_TABLE names a table Harper already loaded from the same file, e.g. by csv-load.sh).
# Usage: bench/export.sh [ROWS]   (default 1000000). JAVA_OPTS sets Caravan's JVM flags.
set -euo pipefail
ROWS="${1:-1000000}"
. "$(dirname "$0")/lib.sh"
DATA_DIR="${BENCH_DATA:-/tmp/caravan-bench-data}"
OUT="${BENCH_OUT:-/tmp/caravan-bench-exports}"
mkdir -p "$DATA_DIR" "$OUT"
FILE="$DATA_DIR/dogs-$ROWS.csv"
[ -s "$FILE" ] || python3 "$GEN" "$ROWS" > "$FILE"
TABLE="dogs$ROWS"
export BENCH_WORK="${BENCH_WORK:-/tmp/caravan-bench-export-$ROWS}"
echo "table: $ROWS rows from $FILE; machine: $(nproc) cores; JAVA_OPTS=${JAVA_OPTS:-}"

start_caravan
python3 "$ROOT/bench/export_bench.py" --port "$PORT" --pid "$SERVER_PID" --rows "$ROWS" --table "$TABLE" --load "$FILE"
stop_caravan
for format in csv json; do
  start_caravan
  python3 "$ROOT/bench/export_bench.py" --port "$PORT" --pid "$SERVER_PID" --rows "$ROWS" --table "$TABLE" \
    --format "$format" --dir "$OUT"
  stop_caravan
done
trap - EXIT

if want_harper; then
  HDIR=/tmp/harper-bench; HPORT=19935
  bash "$HARPER" start "$HDIR" "$HPORT" >/dev/null
  HTABLE="${HARPER_TABLE:-$TABLE}"
  python3 "$ROOT/bench/export_bench.py" --port "$HPORT" --pid "$(cat "$HDIR/harper.pid")" --rows "$ROWS" \
    --table "$HTABLE" --load "$FILE"
  for format in csv json; do
    bash "$HARPER" stop "$HDIR"; sleep 2
    bash "$HARPER" start "$HDIR" "$HPORT" >/dev/null
    python3 "$ROOT/bench/export_bench.py" --port "$HPORT" --pid "$(cat "$HDIR/harper.pid")" --rows "$ROWS" \
      --table "$HTABLE" --name harperdb-4.7.29 --format "$format" --dir "$OUT"
  done
  bash "$HARPER" stop "$HDIR"
fi
rm -f "$OUT"/*-dogs*.csv "$OUT"/*-dogs*.json
