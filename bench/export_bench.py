#!/usr/bin/env python3
"""Driver for export.sh, against one server at --port (Caravan or HarperDB):
  --load FILE: make sure bench.<table> holds the file's rows (csv_file_load once; later runs reuse it);
  --format csv|json: one export_local of the whole table into --dir, timed from the submit to COMPLETE.
Prints one line of key=value pairs per export."""
import argparse
import os
import sys

from benchlib import Server, cpu_seconds, tree_peak_rss_mib


def ensure_loaded(server, table, file, rows):
    server.post(b'{"operation":"create_database","database":"bench"}')
    status, described = server.post(
        f'{{"operation":"describe_table","database":"bench","table":"{table}"}}'.encode())
    if status == 200 and described.get("record_count") == rows:
        return
    if status != 200:
        server.operation(operation="create_table", database="bench", table=table, primary_key="id")
    seconds, job = server.run_job(operation="csv_file_load", database="bench", table=table, file_path=file)
    if job.get("message") != f"successfully loaded {rows} of {rows} records":
        sys.exit(f"load failed: {job}")
    print(f"loaded {rows} rows in {seconds:.1f} s", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--table", default="dogs")
    parser.add_argument("--name", default="caravan")
    parser.add_argument("--load")
    parser.add_argument("--format")
    parser.add_argument("--dir")
    args = parser.parse_args()

    server = Server(args.port)
    if args.load:
        ensure_loaded(server, args.table, args.load, args.rows)
        return
    os.makedirs(args.dir, exist_ok=True)
    filename = f"{args.name}-{args.table}"
    cpu_start = cpu_seconds(args.pid)
    seconds, job = server.run_job(
        poll=0.2, operation="export_local", format=args.format, path=args.dir, filename=filename,
        search_operation={"operation": "sql", "sql": f"SELECT * FROM bench.{args.table}"})
    if job.get("status") != "COMPLETE":
        sys.exit(f"{args.name}: export failed: {job}")
    size = os.path.getsize(os.path.join(args.dir, f"{filename}.{args.format}"))
    print(f"server={args.name} format={args.format} rows={args.rows} seconds={seconds:.2f}"
          f" rows_per_s={args.rows / seconds:.0f} mib={size / 2**20:.0f}"
          f" cpu_s={cpu_seconds(args.pid) - cpu_start:.1f} peak_rss_mib={tree_peak_rss_mib(args.pid):.0f}")


if __name__ == "__main__":
    main()
