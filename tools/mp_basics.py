#!/usr/bin/env python3
"""Run a folder of MicroPython's tests (e.g. tests/basics) under weft and judge each.

A script is judged against a reference CPython's output on the same file. Where the
reference CPython cannot run the script (it exits with an error: syntax newer than it,
MicroPython-only modules, ...) the script is judged by MicroPython's `NAME.py.exp` file
instead, when there is one; a script with neither is counted as unjudged.

The reference is CPython 3.14, the version weft follows, when it is installed (at
/opt/cpython3.14/python3.14 or as python3.14 on PATH; tools/get_cpython314.sh installs
it), else the newest pyenv CPython found: --ref PYTHON picks another one, e.g.
--ref python3.

usage: tools/mp_basics.py [--ref PYTHON] [-v] WEFT_BINARY MICROPYTHON_TESTS_DIR [glob]
"""
import concurrent.futures as cf
import glob
import os
import shutil
import subprocess
import sys


CPYTHON314 = "/opt/cpython3.14/python3.14"


def newest_cpython():
    if os.access(CPYTHON314, os.X_OK):
        return CPYTHON314
    on_path = shutil.which("python3.14")
    if on_path:
        return on_path
    found = sorted(
        glob.glob(os.path.expanduser("~/.pyenv/versions/3.1[0-9]*/bin/python3")),
        key=lambda p: [int(x) for x in p.split("/versions/")[1].split("/")[0].split(".")],
    )
    return found[-1] if found else sys.executable


def run(cmd, cwd):
    try:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=30)
        return p.returncode, p.stdout
    except subprocess.TimeoutExpired:
        return "timeout", b""


def judge(ref, weft, path):
    d, f = os.path.split(path)
    rc, want = run([ref, f], d)
    by = "cpython"
    if rc != 0:
        exp = path + ".exp"
        if not os.path.exists(exp):
            return "unjudged", f, by
        with open(exp, "rb") as fh:
            want = fh.read()
        by = "exp"
    rc2, got = run([weft, f], d)
    if rc2 not in (0, 1) or isinstance(rc2, str):
        # A crash (signal), an abort or a hang is always a failure.
        return "fail", f, f"{by}, weft exit {rc2}"
    return ("pass" if got == want else "fail"), f, by


def main():
    args = sys.argv[1:]
    ref = None
    verbose = False
    while args and args[0].startswith("-"):
        if args[0] == "--ref":
            ref = args[1]
            args = args[2:]
        elif args[0] == "-v":
            verbose = True
            args = args[1:]
        else:
            sys.exit(__doc__)
    ref = ref or newest_cpython()
    weft, tests = os.path.abspath(args[0]), args[1]
    pattern = args[2] if len(args) > 2 else "*.py"
    files = sorted(glob.glob(os.path.join(tests, pattern)))
    res = {"pass": [], "fail": [], "unjudged": []}
    by_exp = 0
    with cf.ThreadPoolExecutor(4) as ex:
        for kind, f, by in ex.map(lambda p: judge(ref, weft, p), files):
            res[kind].append(f)
            by_exp += by.startswith("exp")
            if kind == "fail" or verbose:
                print(kind.upper(), f, f"({by})")
    print(f"reference: {ref}; {by_exp} scripts judged by their .exp file")
    print(
        f"{len(res['pass'])} passed, {len(res['fail'])} failed, "
        f"{len(res['unjudged'])} unjudged of {len(files)}"
    )


main()
