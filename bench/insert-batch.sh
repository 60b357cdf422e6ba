#!/usr/bin/env bash
# Times one `insert` request of many records into an empty table on a fresh Caravan (see README.md).
#   bench/insert-batch.sh [ROWS]        ROWS defaults to 100000
# Environment: JAVA_OPTS (JVM flags for the server), KEEP_DATA=1 (keep the temp data dir).
set -euo pipefail

ROWS="${1:-100000}"
. "$(dirname "$0")/lib.sh"
start_caravan

python3 "$ROOT/bench/insert_batch.py" --port "$PORT" --pid "$SERVER_PID" --rows "$ROWS" --gen "$GEN"
