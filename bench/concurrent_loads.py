#!/usr/bin/env python3
"""Driver for postgres-load.sh's concurrent loads.
  prepare --port P --tables N: creates bench.t1 .. bench.tN (primary key id) on the node at P;
  run --nodes P1:PID1[,P2:PID2] --file F --rows R --tables N [--db-pid PG]: submits one csv_file_load of F
  into each table, the tables dealt to the nodes in turn, polls every job until it ends, and prints the time
  from the first submit to the last COMPLETE, the rows/s of all loads together and each process's CPU."""
import argparse
import sys
import time

from benchlib import Server, cpu_seconds, tree_cpu_seconds


def prepare(args):
    server = Server(args.port)
    server.post(b'{"operation":"create_database","database":"bench"}')
    for i in range(1, args.tables + 1):
        server.operation(operation="create_table", database="bench", table=f"t{i}", primary_key="id")


def run(args):
    nodes = []
    for node in args.nodes.split(","):
        port, pid = node.split(":")
        nodes.append((Server(int(port)), int(pid)))
    cpu_start = [cpu_seconds(pid) for _, pid in nodes]
    db_start = tree_cpu_seconds(args.db_pid) if args.db_pid else 0
    start = time.perf_counter()
    jobs = []
    for i in range(1, args.tables + 1):
        server, _ = nodes[(i - 1) % len(nodes)]
        answer = server.operation(operation="csv_file_load", database="bench", table=f"t{i}", file_path=args.file)
        jobs.append((server, answer["job_id"]))
    pending = list(jobs)
    while pending:
        time.sleep(0.2)
        for server, job_id in list(pending):
            job = server.operation(operation="get_job", id=job_id)[0]
            if job["status"] in ("IN_PROGRESS", "CREATED"):
                continue
            expected = f"successfully loaded {args.rows} of {args.rows} records"
            if job.get("message") != expected:
                sys.exit(f"{args.name}: job {job_id} did not complete as expected: {job}")
            pending.remove((server, job_id))
    seconds = time.perf_counter() - start
    total = args.rows * args.tables
    cpu = " ".join(f"node{n + 1}_cpu_s={cpu_seconds(pid) - cpu_start[n]:.1f}" for n, (_, pid) in enumerate(nodes))
    db = f" db_cpu_s={tree_cpu_seconds(args.db_pid) - db_start:.1f}" if args.db_pid else ""
    print(f"setup={args.name} nodes={len(nodes)} loads={args.tables} rows={total} seconds={seconds:.2f}"
          f" rows_per_s={total / seconds:.0f} {cpu}{db}")


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--tables", type=int, required=True)
    r = sub.add_parser("run")
    r.add_argument("--nodes", required=True)
    r.add_argument("--file", required=True)
    r.add_argument("--rows", type=int, required=True)
    r.add_argument("--tables", type=int, required=True)
    r.add_argument("--db-pid", type=int)
    r.add_argument("--name", default="caravan")
    args = parser.parse_args()
    prepare(args) if args.command == "prepare" else run(args)


if __name__ == "__main__":
    main()
