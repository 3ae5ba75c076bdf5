#!/usr/bin/env python3
"""stdlib_instr.py: instructions weft and python3 execute per step of stdlib_bench.py.

Times on this shared machine move by 30% from run to run; callgrind's instruction
counts do not. For each step this runs two scripts under callgrind, one that builds the
inputs (at a fraction of stdlib_bench's 10 MB) and runs the step, and one that only
builds them, and prints the difference for weft, for python3 and their ratio.

    python3 benches/stdlib_instr.py [--weft PATH] [--python3 PATH] [--scale F] [STEP ...]

Needs valgrind; give python3 as a real binary (not a pyenv shim). Two runs at a time.
"""
import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

SCRIPT = """\
import sys
sys.path.insert(0, {here!r})
import stdlib_bench as b
cases = dict(b.json_cases(b.document({people})) + b.re_cases(b.text({size})))
if {step!r}:
    print(cases[{step!r}]())
"""


def instructions(binary, source):
    """Instructions callgrind counts for `binary` running `source`."""
    with tempfile.TemporaryDirectory() as d:
        script, out = os.path.join(d, "s.py"), os.path.join(d, "cg.out")
        with open(script, "w") as f:
            f.write(source)
        subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out,
                        binary, script], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        with open(out) as f:
            for line in f:
                m = re.match(r"(summary|totals): (\d+)", line)
                if m:
                    return int(m.group(2))
    raise SystemExit("no callgrind summary for %s" % binary)


def default_python3():
    """The binary behind `python3` (pyenv's shim would be counted instead)."""
    out = subprocess.run(["python3", "-c", "import sys; print(sys.executable)"],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("steps", nargs="*", help="steps (default: all)")
    ap.add_argument("--weft", default=os.path.join(HERE, "..", "target", "release", "weft"))
    ap.add_argument("--python3", default=None)
    ap.add_argument("--scale", type=float, default=0.1)
    a = ap.parse_args()
    sys.path.insert(0, HERE)
    import stdlib_bench
    names = [s for s, _ in stdlib_bench.json_cases({"people": []})]
    names += [s for s, _ in stdlib_bench.re_cases("")]
    steps = a.steps or names
    py = a.python3 or default_python3()

    def source(step):
        return SCRIPT.format(here=HERE, people=int(44000 * a.scale),
                             size=int(10_000_000 * a.scale), step=step)

    jobs = {(b, s): (b, source(s)) for b in (a.weft, py) for s in [""] + steps}
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        counts = dict(zip(jobs, pool.map(lambda j: instructions(*j), jobs.values())))
    print("%-16s %14s %14s %7s" % ("step", "weft instr", "python3 instr", "ratio"))
    for s in steps:
        w = counts[(a.weft, s)] - counts[(a.weft, "")]
        p = counts[(py, s)] - counts[(py, "")]
        print("%-16s %14d %14d %6.2fx" % (s, w, p, w / p))


if __name__ == "__main__":
    main()
