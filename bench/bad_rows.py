#!/usr/bin/env python3
"""Driver for bad-rows.sh: csv_file_load of a clean file and of the same file with bad rows, each into a
new table, alternating, on the server at --port. The messy loads run with on_error continue (and, in
a third kind of load, a rejects file too). Prints one line of key=value pairs per load and the ratios."""
import argparse
import statistics
import sys

from benchlib import Server, cpu_seconds

TYPES = {"age": "int"}  # the bad rows' age is "unknown": not an Int


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--clean", required=True)
    parser.add_argument("--messy", required=True)
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--bad", type=int, required=True, help="bad rows in the messy file")
    parser.add_argument("--rejects-dir", required=True)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    server = Server(args.port)
    server.post(b'{"operation":"create_database","database":"bench"}')
    kinds = {
        "clean": dict(file_path=args.clean),
        "continue": dict(file_path=args.messy, on_error="continue"),
        "continue+rejects": dict(file_path=args.messy, on_error="continue"),
    }
    seconds = {kind: [] for kind in kinds}
    # one load first, not counted, so the JIT and Derby's caches are as warm for the first timed load as for the last
    server.operation(operation="create_table", database="bench", table="warmup", primary_key="id")
    server.run_job(operation="csv_file_load", database="bench", table="warmup", types=TYPES, file_path=args.clean)
    n = 0
    for round_number in range(args.rounds):
        order = list(kinds) if round_number % 2 == 0 else list(reversed(kinds))
        for kind in order:
            n += 1
            table = f"bad{n}"
            server.operation(operation="create_table", database="bench", table=table, primary_key="id")
            fields = dict(kinds[kind])
            if kind == "continue+rejects":
                fields["rejects_path"] = f"{args.rejects_dir}/rejects-{n}.csv"
            cpu_start = cpu_seconds(args.pid)
            took, job = server.run_job(operation="csv_file_load", database="bench", table=table, types=TYPES, **fields)
            failed = job.get("progress", {}).get("rows_failed")
            good = args.rows - (0 if kind == "clean" else args.bad)
            expected = f"successfully loaded {good} of {args.rows} records"
            if job.get("message") != expected or failed != (0 if kind == "clean" else args.bad):
                sys.exit(f"{kind}: load did not end as expected: {job}")
            seconds[kind].append(took)
            print(f"load={kind} round={round_number + 1} rows={args.rows} failed={failed} seconds={took:.2f}"
                  f" rows_per_s={args.rows / took:.0f} cpu_s={cpu_seconds(args.pid) - cpu_start:.1f}", flush=True)
    clean = statistics.mean(seconds["clean"])
    for kind in ("continue", "continue+rejects"):
        ratio = statistics.mean(seconds[kind]) / clean
        print(f"ratio {kind}/clean={ratio:.3f} ({(ratio - 1) * 100:+.1f}%)")


if __name__ == "__main__":
    main()
