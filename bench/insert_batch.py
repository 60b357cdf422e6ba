#!/usr/bin/env python3
"""Driver for insert-batch.sh: POSTs one `insert` of ROWS generated records into an empty table,
twice (cold: first insert after start; warm: a second empty table), and prints rows/s and the
server's peak RSS. Standard library only."""
import argparse
import subprocess
import sys
import time

from benchlib import Server, cpu_seconds, peak_rss_mib


def timed_insert(server, pid, table, records_json, rows):
    server.operation(operation="create_table", database="bench", table=table, primary_key="id")
    body = b'{"operation":"insert","database":"bench","table":"' + table.encode() + b'","records":' + records_json + b"}"
    cpu_start = cpu_seconds(pid)
    start = time.perf_counter()
    status, answer = server.post(body)
    seconds = time.perf_counter() - start
    cpu = cpu_seconds(pid) - cpu_start
    if status != 200 or answer.get("message") != f"inserted {rows} of {rows} records":
        sys.exit(f"insert failed: {status} {str(answer)[:300]}")
    return seconds, cpu


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--rows", type=int, default=100000)
    p.add_argument("--gen", required=True, help="the data generator (bench/gen_dogs.py)")
    a = p.parse_args()

    records_json = subprocess.run([sys.executable, a.gen, str(a.rows), "--format", "json"],
                                  check=True, capture_output=True).stdout
    print(f"records: {a.rows} (generated dog rows, {len(records_json) / 2**20:.1f} MiB of JSON)")
    server = Server(a.port)
    print(f"server RSS peak before inserts: {peak_rss_mib(a.pid):.0f} MiB")
    for run, table in (("cold", "dogs_cold"), ("warm", "dogs_warm")):
        seconds, cpu = timed_insert(server, a.pid, table, records_json, a.rows)
        print(f"{run}: {seconds:.2f} s, {a.rows / seconds:,.0f} rows/s (server CPU {cpu:.1f} s)")
    count = server.operation(operation="describe_table", database="bench", table="dogs_warm")["record_count"]
    print(f"record_count of the warm table: {count}")
    print(f"server RSS peak (VmHWM): {peak_rss_mib(a.pid):.0f} MiB")


if __name__ == "__main__":
    main()
