#!/usr/bin/env python3
"""scaling.py: how weft and python3 scale with threads, on private and shared data.

For each workload (scalinglib/work.py: private, read, write and its parts
write_list, write_dict, append, and write_attr) the same
total work is split over 1, 2 and N threads (N = cores), each run in a fresh process,
K times, interpreters and thread counts interleaved; the best time is kept and the
speedup t1/tN printed. python3 has a GIL, so its speedups stay near 1.0x; on C cores
perfect scaling is C.0x. The last column, python3's one-thread time over each
interpreter's time on the most threads, says whether weft's threads together beat one
CPython thread.

usage: python3 benches/scaling.py [KIND ...] [-k K] [--scale S] [--threads 1,2,4]
"""

import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from comparelib import interpreters, table

WORK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scalinglib", "work.py")

# Total iterations per workload at scale 1: about 0.3 s on one CPython 3.11 thread here.
TOTALS = {
    "private": 2000000,
    "read": 2000000,
    "write": 2000000,
    "write_list": 6000000,
    "write_dict": 4000000,
    "append": 4000000,
    "write_attr": 8000000,
}


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("kinds", nargs="*", help="workloads (default: all): %s" % ", ".join(TOTALS))
    ap.add_argument("-k", type=int, default=3, help="runs per point (best kept)")
    ap.add_argument("--scale", type=float, default=1.0, help="factor on the work")
    ap.add_argument("--threads", default=None, help="thread counts, default 1,2,<cores>")
    ap.add_argument("--weft", default="target/release/weft", help="weft binary")
    ap.add_argument("--weft-option", action="append", default=[], metavar="OPT")
    ap.add_argument("--python3", default=None, help="python3 binary (default: on PATH)")
    ap.add_argument("--timeout", type=float, default=300, help="seconds per run")
    args = ap.parse_args()
    unknown = [k for k in args.kinds if k not in TOTALS]
    if unknown:
        ap.error("unknown workload(s): %s" % ", ".join(unknown))
    args.kinds = args.kinds or list(TOTALS)
    return args


def thread_counts(spec):
    if spec:
        counts = [int(c) for c in spec.split(",")]
    else:
        counts = [1, 2, os.cpu_count() or 1]
    return sorted(set(counts))


def run_once(interp, kind, nthreads, total, timeout):
    """(seconds, checksum) of one run, or (None, error text)."""
    cmd = [interp.path] + interp.options + [WORK, kind, str(nthreads), str(total)]
    try:
        p = subprocess.run(cmd, capture_output=True, check=False, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "timeout"
    fields = {}
    for line in p.stdout.splitlines():
        name, _, value = line.partition(": ")
        fields[name] = value
    if p.returncode != 0 or "time" not in fields:
        lines = [s for s in p.stderr.splitlines() if s.strip()] or ["(no output)"]
        return None, "exit %d: %s" % (p.returncode, lines[-1].strip())
    return float(fields["time"]), fields.get("checksum")


class Point:
    """Best time of one (interpreter, kind, thread count), and what went wrong."""

    def __init__(self):
        self.best = None
        self.checksums = set()
        self.error = None

    def add(self, seconds, detail):
        if seconds is None:
            self.error = detail
            return
        self.checksums.add(detail)
        self.best = seconds if self.best is None else min(self.best, seconds)


def measure(kind, interps, counts, args):
    """{(interp name, n): Point} for one workload."""
    total = int(TOTALS[kind] * args.scale)
    points = {(i.name, n): Point() for i in interps for n in counts}
    for _ in range(args.k):
        for i in interps:
            for n in counts:
                point = points[(i.name, n)]
                if point.error is None:
                    point.add(*run_once(i, kind, n, total, args.timeout))
    return points


def speedup(before, after):
    return "-" if before is None or after is None else "%.2fx" % (before / after)


def rows(kind, interps, counts, points):
    """Per interpreter: best time at each count, t1/tN, and python3's one-thread time
    over this interpreter's time on the most threads (above 1: faster than CPython)."""
    py1 = points[("python3", counts[0])].best
    body = []
    for i in interps:
        times = [points[(i.name, n)].best for n in counts]
        cells = [kind, i.name] + ["-" if t is None else "%.3f s" % t for t in times]
        cells += [speedup(times[0], t) for t in times[1:]]
        cells.append(speedup(py1, times[-1]))
        body.append(cells)
    return body


def notes(kind, points):
    lines = []
    sums = set()
    for (name, n), p in sorted(points.items()):
        if p.error:
            lines.append("%s/%s/%d threads: FAILED (%s)" % (kind, name, n, p.error))
        sums.update(p.checksums)
    if len(sums) > 1:
        lines.append("%s: CHECKSUM MISMATCH %s" % (kind, sorted(sums)))
    return lines


def main():
    args = parse_args()
    interps = interpreters.select(args.weft, args.weft_option, args.python3, "none")
    for i in interps:
        command = " ".join([i.path] + i.options)
        print("%-12s %s%s" % (i.name, command, "  (" + i.missing + ")" if i.missing else ""))
    if any(i.missing for i in interps):
        return 2
    counts = thread_counts(args.threads)
    print("%d cores, best of %d run(s), scale %g\n" % (os.cpu_count() or 1, args.k, args.scale))
    header = ["workload", "interpreter"] + ["%d thr" % n for n in counts]
    header += ["t1/t%d" % n for n in counts[1:]] + ["py3 t1/t%d" % counts[-1]]
    body = []
    all_notes = []
    for kind in args.kinds:
        print("running %s ..." % kind, file=sys.stderr, flush=True)
        points = measure(kind, interps, counts, args)
        body.extend(rows(kind, interps, counts, points))
        all_notes.extend(notes(kind, points))
    print(table.render(header, body))
    if all_notes:
        print("\nnotes:")
        for line in all_notes:
            print("  " + line)
    return 1 if any("MISMATCH" in n for n in all_notes) else 0


if __name__ == "__main__":
    sys.exit(main())
