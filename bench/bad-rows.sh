#!/usr/bin/env bash
# The bad-rows benchmark (issue 10 point 10): in one run, on one server, csv_file_load of ROWS generated
# rows, clean, against the same rows with 1 in BAD_EVERY bad (an age that is not an Int, types:
# {"age":"int"} on every load) loaded with on_error continue, and again with a rejects file; the loads
# alternate over ROUNDS rounds and the ratios of their mean times are printed.
# Usage: bench/bad-rows.sh [ROWS] [BAD_EVERY] [ROUNDS]   (defaults 1000000, 100, 2). JAVA_OPTS sets Caravan's JVM flags.
set -euo pipefail
ROWS="${1:-1000000}"
BAD_EVERY="${2:-100}"
ROUNDS="${3:-2}"
. "$(dirname "$0")/lib.sh"
DATA_DIR="${BENCH_DATA:-/tmp/caravan-bench-data}"
mkdir -p "$DATA_DIR"
CLEAN="$DATA_DIR/dogs-$ROWS.csv"
MESSY="$DATA_DIR/dogs-$ROWS-bad$BAD_EVERY.csv"
[ -s "$CLEAN" ] || python3 "$GEN" "$ROWS" > "$CLEAN"
[ -s "$MESSY" ] || python3 "$GEN" "$ROWS" --bad-every "$BAD_EVERY" > "$MESSY"
REJECTS="$(mktemp -d /tmp/caravan-bench-rejects-XXXXXX)"
echo "files: $CLEAN, $MESSY ($(du -h "$MESSY" | cut -f1), $ROWS rows, 1 in $BAD_EVERY bad); machine: $(nproc) cores; JAVA_OPTS=${JAVA_OPTS:-}"

start_caravan
python3 "$ROOT/bench/bad_rows.py" --port "$PORT" --pid "$SERVER_PID" --clean "$CLEAN" --messy "$MESSY" \
  --rows "$ROWS" --bad "$((ROWS / BAD_EVERY))" --rejects-dir "$REJECTS" --rounds "$ROUNDS"
stop_caravan
trap - EXIT
rm -rf "$REJECTS"
