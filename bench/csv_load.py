#!/usr/bin/env python3
"""Driver for csv-load.sh: one csv_file_load of FILE into an empty table, timed from the submit to
COMPLETE, on the server at --port (Caravan or HarperDB). Prints one line of key=value pairs."""
import argparse
import sys

from benchlib import Server, cpu_seconds, tree_cpu_seconds, tree_peak_rss_mib


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--table", default="dogs")
    parser.add_argument("--name", default="caravan")
    parser.add_argument("--db-pid", type=int, help="a database server's main process: its CPU is reported too")
    args = parser.parse_args()

    server = Server(args.port)
    status, _ = server.post(b'{"operation":"create_database","database":"bench"}')
    server.operation(operation="create_table", database="bench", table=args.table, primary_key="id")
    cpu_start = cpu_seconds(args.pid)
    db_start = tree_cpu_seconds(args.db_pid) if args.db_pid else 0
    seconds, job = server.run_job(operation="csv_file_load", database="bench", table=args.table,
                                  file_path=args.file)
    expected = f"successfully loaded {args.rows} of {args.rows} records"
    if job.get("message") != expected:
        sys.exit(f"{args.name}: load did not complete as expected: {job}")
    db = f" db_cpu_s={tree_cpu_seconds(args.db_pid) - db_start:.1f}" if args.db_pid else ""
    print(f"server={args.name} rows={args.rows} seconds={seconds:.2f} rows_per_s={args.rows / seconds:.0f}"
          f" cpu_s={cpu_seconds(args.pid) - cpu_start:.1f}{db} peak_rss_mib={tree_peak_rss_mib(args.pid):.0f}")


if __name__ == "__main__":
    main()
