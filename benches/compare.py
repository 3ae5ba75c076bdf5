#!/usr/bin/env python3
"""compare.py: time the same Python programs under weft, python3 and micropython.

Runs every benches/programs/*.py (except _*.py helpers) K times under each interpreter,
interleaving interpreters so background load hits them alike, keeps the best figure of
each kind, and prints a table with the weft/python3 ratio. Programs time their own
measured section (`time:`), so interpreter start-up is excluded; the process's
wall-clock time is shown too (`wall`), as the fallback for an interpreter that has no
`time` module. See README.md for how to read the ratios.

usage: python3 benches/compare.py [--weft PATH] [--weft-option OPT]... [-k K] [--scale S]
                                  [PROGRAM ...]
"""

import argparse
import glob
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from comparelib import interpreters, runner, table

PROGRAMS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "programs")


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("programs", nargs="*", help="program names (default: all)")
    ap.add_argument("--weft", default="target/release/weft", help="weft binary")
    ap.add_argument(
        "--weft-option",
        action="append",
        default=[],
        metavar="OPT",
        help="option for weft before the program, e.g. --weft-option=-Xgc-threads=2",
    )
    ap.add_argument("--python3", default=None, help="python3 binary (default: on PATH)")
    ap.add_argument("--micropython", default=None, help="micropython binary, or 'none' to skip it")
    ap.add_argument("-k", type=int, default=3, help="runs per interpreter (best kept)")
    ap.add_argument("--scale", type=float, default=1.0, help="size factor for programs")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per run")
    return ap.parse_args()


def program_paths(names):
    """The programs to run, by name or all of them, in name order."""
    every = sorted(glob.glob(os.path.join(PROGRAMS_DIR, "[!_]*.py")))
    if not names:
        return every
    by_name = {os.path.splitext(os.path.basename(p))[0]: p for p in every}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        sys.exit("unknown program(s): %s; have: %s" % (", ".join(unknown), ", ".join(by_name)))
    return [by_name[n] for n in names]


def run_program(path, interps, args):
    """Best-of-K results of one program under every available interpreter."""
    results = {i.name: runner.Result() for i in interps}
    for _ in range(args.k):
        for i in interps:
            r = results[i.name]
            if i.missing or r.error:
                continue  # a failed interpreter is not retried: its error stands
            runner.record(r, runner.run_once(i, path, args.scale, args.timeout))
    for i in interps:
        if i.missing:
            results[i.name].error = i.missing
    return results


def main():
    args = parse_args()
    interps = interpreters.select(args.weft, args.weft_option, args.python3, args.micropython)
    for i in interps:
        command = " ".join([i.path] + i.options)
        print("%-12s %s%s" % (i.name, command, "  (" + i.missing + ")" if i.missing else ""))
    print("best of %d run(s), scale %g\n" % (args.k, args.scale))
    header = ["program", "figure"] + [i.name for i in interps] + ["weft/python3"]
    body = []
    notes = []
    for path in program_paths(args.programs):
        name = os.path.splitext(os.path.basename(path))[0]
        print("running %s ..." % name, file=sys.stderr, flush=True)
        results = run_program(path, interps, args)
        body.extend(table.rows(name, interps, results))
        notes.extend(table.notes(name, interps, results))
    print(table.render(header, body))
    if notes:
        print("\nnotes:")
        for n in notes:
            print("  " + n)
    # Different answers make the times meaningless; a missing module is only a note.
    return 1 if any("MISMATCH" in n for n in notes) else 0


if __name__ == "__main__":
    sys.exit(main())
