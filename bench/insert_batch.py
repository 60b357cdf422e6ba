#!/usr/bin/env python3
"""Driver for insert-batch.sh: POSTs one `insert` of ROWS generated records into an empty table,
twice (cold: first insert after start; warm: a second empty table), and prints rows/s and the
server's peak RSS. Standard library only."""
import argparse
import base64
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request


def post(port, body):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/", data=body, method="POST",
        headers={"Content-Type": "application/json",
                 "Authorization": "Basic " + base64.b64encode(b"HDB_ADMIN:password").decode()})
    try:
        with urllib.request.urlopen(request, timeout=3600) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def operation(port, **fields):
    status, answer = post(port, json.dumps(fields).encode())
    if status != 200:
        sys.exit(f"{fields['operation']} failed: {status} {answer}")
    return answer


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid):
    """User + system CPU time the server has used so far (fields 14 and 15 of /proc/<pid>/stat)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed_insert(port, pid, table, records_json, rows):
    operation(port, operation="create_table", database="bench", table=table, primary_key="id")
    body = b'{"operation":"insert","database":"bench","table":"' + table.encode() + b'","records":' + records_json + b"}"
    cpu_start = cpu_seconds(pid)
    start = time.perf_counter()
    status, answer = post(port, body)
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
    p.add_argument("--gen", required=True, help="path of gen_data.py")
    a = p.parse_args()

    records_json = subprocess.run([sys.executable, a.gen, str(a.rows), "--format", "json"],
                                  check=True, capture_output=True).stdout
    print(f"records: {a.rows} (gen_data.py rows, {len(records_json) / 2**20:.1f} MiB of JSON)")
    print(f"server RSS peak before inserts: {peak_rss_mib(a.pid):.0f} MiB")
    for run, table in (("cold", "dogs_cold"), ("warm", "dogs_warm")):
        seconds, cpu = timed_insert(a.port, a.pid, table, records_json, a.rows)
        print(f"{run}: {seconds:.2f} s, {a.rows / seconds:,.0f} rows/s (server CPU {cpu:.1f} s)")
    count = operation(a.port, operation="describe_table", database="bench", table="dogs_warm")["record_count"]
    print(f"record_count of the warm table: {count}")
    print(f"server RSS peak (VmHWM): {peak_rss_mib(a.pid):.0f} MiB")


if __name__ == "__main__":
    main()
