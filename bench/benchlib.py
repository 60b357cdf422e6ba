"""Shared by the benchmark drivers: Operations API calls, job polling, and /proc readings of a server.
Standard library only."""
import base64
import json
import os
import sys
import time
import urllib.error
import urllib.request


class Server:
    """An Operations API endpoint on loopback (Caravan or the reference HarperDB)."""

    def __init__(self, port, user="HDB_ADMIN", password="password"):
        self.port = port
        self.auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()

    def post(self, body):
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/", data=body, method="POST",
            headers={"Content-Type": "application/json", "Authorization": self.auth})
        try:
            with urllib.request.urlopen(request, timeout=3600) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"null")

    def operation(self, **fields):
        status, answer = self.post(json.dumps(fields).encode())
        if status != 200:
            sys.exit(f"{fields['operation']} failed: {status} {answer}")
        return answer

    def run_job(self, poll=0.05, **fields):
        """Submits a job operation and polls get_job until it ends; returns (seconds, job)."""
        start = time.perf_counter()
        job_id = self.operation(**fields)["job_id"]
        while True:
            job = self.operation(operation="get_job", id=job_id)[0]
            if job["status"] not in ("IN_PROGRESS", "CREATED"):
                return time.perf_counter() - start, job
            time.sleep(poll)


def peak_rss_mib(pid):
    """The process's peak resident set (VmHWM) in MiB."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def tree_peak_rss_mib(pid):
    """Peak RSS of a process and its children (HarperDB runs worker processes)."""
    total = 0.0
    for child in [pid] + children(pid):
        try:
            total += peak_rss_mib(child)
        except FileNotFoundError:
            pass
    return total


def children(pid):
    found = []
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            for child in f.read().split():
                found.append(int(child))
                found.extend(children(int(child)))
    except FileNotFoundError:
        pass
    return found


def cpu_seconds(pid):
    """User + system CPU time the server has used so far (fields 14 and 15 of /proc/<pid>/stat)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(pid):
    """CPU time of a process and its live children so far (PostgreSQL: the postmaster and its backends)."""
    total = 0.0
    for process in [pid] + children(pid):
        try:
            total += cpu_seconds(process)
        except FileNotFoundError:
            pass
    return total
