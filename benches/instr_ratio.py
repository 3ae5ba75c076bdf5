#!/usr/bin/env python3
"""instr_ratio.py: instructions weft executes per perf_bench program, beside python3.

Times on a shared, noisy machine move by 30% between runs; instruction counts from
valgrind's callgrind do not. For each program of MicroPython's tests/perf_bench this
builds the same script perfbench.py runs (size N, M), counts the instructions of weft
and of python3 running it, subtracts each interpreter's start-up (an empty script), and
prints the ratio and their geometric mean.

    python3 benches/instr_ratio.py --weft target/release/weft PERF_BENCH_DIR [NAME ...]

Needs valgrind. python3 defaults to the one on PATH (give a real binary, not a pyenv
shim, with --python3). Two programs run at a time.
"""
import argparse
import concurrent.futures
import math
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from perflib import programs  # noqa: E402


def warm(binary, script):
    """Run `binary script` once, uncounted: weft compiles each module it imports the
    first time a build sees it and keeps the code in its on-disk cache (as CPython keeps
    `.pyc` files, which python3 already has for its Lib); counting that first run would
    count the compiler (40M instructions for bm_chaos's `import random`)."""
    subprocess.run([binary, script], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)


def instructions(binary, script):
    """Instructions callgrind counts for `binary script` (output discarded)."""
    warm(binary, script)
    with tempfile.NamedTemporaryFile(suffix=".cg") as out:
        subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out.name, binary, script],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        with open(out.name) as f:
            for line in f:
                m = re.match(r"(summary|totals): (\d+)", line)
                if m:
                    return int(m.group(2))
    raise SystemExit("no callgrind summary for %s %s" % (binary, script))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", help="MicroPython's tests/perf_bench")
    ap.add_argument("names", nargs="*", help="programs (default: all but MicroPython-only)")
    ap.add_argument("--weft", default="target/release/weft")
    ap.add_argument("--python3", default="python3")
    ap.add_argument("-N", type=int, default=1000)
    ap.add_argument("-M", type=int, default=1000)
    a = ap.parse_args()
    paths, _ = programs.find(a.folder, a.names, False)
    work = tempfile.mkdtemp(prefix="instr_ratio.")
    empty = os.path.join(work, "empty.py")
    open(empty, "w").close()
    start = {b: instructions(b, empty) for b in (a.weft, a.python3)}

    def one(path):
        script = programs.build_script(path, work, a.N, a.M)
        w = instructions(a.weft, script) - start[a.weft]
        p = instructions(a.python3, script) - start[a.python3]
        return programs.name_of(path), w, p

    logs = []
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for name, w, p in pool.map(one, paths):
            logs.append(math.log(w / p))
            print("%-18s weft %8.1fM  python3 %8.1fM  ratio %5.2f" % (name, w / 1e6, p / 1e6, w / p),
                  flush=True)
    if logs:
        print("geometric mean %.3f" % math.exp(sum(logs) / len(logs)))


if __name__ == "__main__":
    main()
