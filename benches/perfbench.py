#!/usr/bin/env python3
"""perfbench.py: MicroPython's tests/perf_bench programs under weft, python3 and micropython.

Each program is run K times under every interpreter (interpreters interleaved, so
background load hits them alike) with the same size parameters; the best (minimum) time
of its timed section is kept. Every run's answer must match python3's; a program that
fails or answers differently under weft is listed with its first error line and left
out of the geometric mean of the weft/python3 ratios.

usage: python3 benches/perfbench.py [PERF_BENCH_DIR] [-p PROGRAM]... [-k K] [-N N] [-M M]
The folder defaults to $PERF_BENCH (MicroPython's tests/perf_bench). See README.md.
"""

import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from comparelib import interpreters, table
from perflib import programs, report, runs


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "folder",
        nargs="?",
        default=os.environ.get("PERF_BENCH"),
        help="MicroPython's tests/perf_bench folder (default: $PERF_BENCH)",
    )
    ap.add_argument(
        "-p", "--program", action="append", default=[], help="run only this one (repeatable)"
    )
    ap.add_argument("--all", action="store_true", help="also the MicroPython-only programs")
    ap.add_argument("-k", type=int, default=5, help="runs per interpreter (best kept)")
    ap.add_argument("-N", type=int, default=1000, help="size: target CPU MHz (default 1000)")
    ap.add_argument("-M", type=int, default=1000, help="size: heap in kB (default 1000)")
    ap.add_argument("--weft", default="target/release/weft", help="weft binary")
    ap.add_argument("--weft-option", action="append", default=[], metavar="OPT")
    ap.add_argument("--python3", default=None, help="python3 binary (default: on PATH)")
    ap.add_argument("--micropython", default=None, help="micropython binary, or 'none'")
    ap.add_argument("--timeout", type=float, default=300, help="seconds per run")
    args = ap.parse_args()
    if not args.folder or not os.path.isdir(args.folder):
        ap.error("give MicroPython's tests/perf_bench folder (argument or $PERF_BENCH)")
    return args


def measure(script, name, interps, args):
    """K interleaved runs of one script; an interpreter that fails is not retried."""
    result = report.ProgramResult(name)
    for _ in range(args.k):
        for i in interps:
            if i.name in result.errors or result.skip:
                continue
            result.add(i.name, runs.run_once(i, script, args.timeout))
    result.check_against("python3")
    return result


def print_summary(results, left_out):
    ratios = [r.ratio() for r in results if r.ratio() is not None]
    mean = report.geometric_mean(ratios)
    print()
    if mean is None:
        print("geometric mean weft/python3: - (no program ran correctly under both)")
    else:
        print(
            "geometric mean weft/python3: %.2f over %d of %d programs"
            % (mean, len(ratios), len(results))
        )
    notes = report.problems(results)
    if left_out:
        notes.append("MicroPython-only, not run (use --all): %s" % ", ".join(left_out))
    if notes:
        print("\nnot counted:")
        for line in notes:
            print("  " + line)


def main():
    args = parse_args()
    interps = interpreters.select(args.weft, args.weft_option, args.python3, args.micropython)
    for i in interps:
        command = " ".join([i.path] + i.options)
        print("%-12s %s%s" % (i.name, command, "  (" + i.missing + ")" if i.missing else ""))
    if any(i.missing for i in interps):
        return 2
    paths, left_out = programs.find(args.folder, args.program, args.all)
    print("%s: N=%d M=%d, best of %d run(s)\n" % (args.folder, args.N, args.M, args.k))
    results = []
    with tempfile.TemporaryDirectory(prefix="perfbench-") as tmp:
        for path in paths:
            name = programs.name_of(path)
            print("running %s ..." % name, file=sys.stderr, flush=True)
            script = programs.build_script(path, tmp, args.N, args.M)
            results.append(measure(script, name, interps, args))
    names = [i.name for i in interps]
    header = ["program", "params"] + ["%s ms" % n for n in names] + ["weft/python3"]
    print(table.render(header, report.rows(results, names)))
    print_summary(results, left_out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
