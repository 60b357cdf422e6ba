#!/usr/bin/env python3
"""Where a JVM's CPU went, from a JFR recording's execution samples (JDK 17's `jfr print`):
  jfr_hot.py FILE.jfr [TOP]
Prints the share of samples per thread (digits folded), per package of the running method (self time),
and per Caravan class anywhere on the stack (inclusive: its own work and what it called)."""
import collections
import re
import subprocess
import sys

FRAME = re.compile(r"^\s+([\w$.]+)\.([\w$<>]+)\(.*\)\s+line:")


def samples(path):
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", path],
                          check=True, capture_output=True, text=True).stdout
    for event in text.split("jdk.ExecutionSample {")[1:]:
        thread = re.search(r'sampledThread = "([^"]*)"', event)
        frames = [m.group(1) for m in (FRAME.match(line) for line in event.splitlines()) if m]
        if frames:
            yield (thread.group(1) if thread else "?"), frames


def package(cls):
    parts = cls.split(".")
    return ".".join(parts[:3]) if len(parts) > 3 else ".".join(parts[:-1])


def show(title, counter, total, top):
    print(f"  {title}:")
    for name, n in counter.most_common(top):
        print(f"    {100.0 * n / total:5.1f}%  {name}")


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    threads, self_time, inclusive = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    for thread, frames in samples(path):
        total += 1
        threads[re.sub(r"\d+", "#", thread)] += 1
        self_time[package(frames[0])] += 1
        for cls in {f for f in frames if f.startswith("dev.caravan.")}:
            inclusive[cls.rsplit(".", 1)[-1]] += 1
    if total == 0:
        print("  no execution samples")
        return
    print(f"  {total} samples")
    show("threads", threads, total, 6)
    show("self time by package", self_time, total, top)
    show("inclusive by Caravan class", inclusive, total, top)


if __name__ == "__main__":
    main()
