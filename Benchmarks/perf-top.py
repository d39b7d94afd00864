#!/usr/bin/env python3
"""Self and inclusive time per function of one process in a `perf record -g` file.

    Benchmarks/perf-top.py PERF_DATA PID [TOP]

Reads `perf script` (call chains included), keeps the samples of PID, and prints:
  - self time by shared object,
  - self time by function (the sampled frame),
  - inclusive time by function (samples whose stack contains it anywhere),
with Swift names demangled by `swift demangle --simplified`. Percentages are of PID's samples.
"""
import collections
import re
import subprocess
import sys


def samples(path, pid):
    out = subprocess.run(
        ["perf", "script", "-i", path, "-F", "pid,tid,ip,sym,dso"],
        capture_output=True, text=True, errors="replace").stdout
    current, stack = None, []
    for line in out.splitlines() + [""]:
        if not line.strip():
            if current == pid and stack:
                yield stack
            current, stack = None, []
            continue
        if not line.startswith("\t"):
            head = line.split()
            current = head[0].split("/")[0]
            continue
        frame = re.match(r"\s*([0-9a-f]+)\s+(.*?)\s+\((.*)\)\s*$", line)
        if frame:
            sym = frame.group(2)
            sym = re.sub(r"\+0x[0-9a-f]+$", "", sym)
            dso = frame.group(3).rsplit("/", 1)[-1]
            stack.append((sym if sym != "[unknown]" else f"[{dso}]", dso))


def demangle(names):
    try:
        out = subprocess.run(["swift", "demangle", "--simplified"], input="\n".join(names),
                             capture_output=True, text=True).stdout.splitlines()
        if len(out) == len(names):
            return dict(zip(names, out))
    except OSError:
        pass
    return {n: n for n in names}


def main():
    path, pid = sys.argv[1], sys.argv[2]
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    by_self, by_dso, inclusive = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    for stack in samples(path, pid):
        total += 1
        by_self[stack[0][0]] += 1
        by_dso[stack[0][1]] += 1
        for name in {sym for sym, _ in stack}:
            inclusive[name] += 1
    if total == 0:
        sys.exit(f"no samples of pid {pid} in {path}")
    names = demangle(list({n for n, _ in by_self.most_common(top)} | {n for n, _ in inclusive.most_common(top * 3)}))
    print(f"{total} samples of pid {pid}")
    print("\n== self time by shared object")
    for dso, n in by_dso.most_common(10):
        print(f"{100 * n / total:6.1f}%  {dso}")
    print("\n== self time by function")
    for sym, n in by_self.most_common(top):
        print(f"{100 * n / total:6.1f}%  {names.get(sym, sym)[:150]}")
    print("\n== inclusive time by function (stack contains it)")
    for sym, n in inclusive.most_common(top * 3):
        print(f"{100 * n / total:6.1f}%  {names.get(sym, sym)[:150]}")


if __name__ == "__main__":
    main()
