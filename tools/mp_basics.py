#!/usr/bin/env python3
"""Run a folder of MicroPython's tests (e.g. tests/basics) under weft and judge each
against CPython's output (python3 on the same file). Files CPython itself fails on, or
that need MicroPython-only modules, are counted as 'skipped (not CPython)'.

usage: tools/mp_basics.py WEFT_BINARY MICROPYTHON_TESTS_DIR [glob]
"""
import concurrent.futures as cf
import glob
import os
import subprocess
import sys


def run(cmd, cwd):
    try:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=30)
        return p.returncode, p.stdout
    except subprocess.TimeoutExpired:
        return "timeout", b""


def judge(weft, path):
    d, f = os.path.split(path)
    rc, want = run([sys.executable, f], d)
    if rc != 0:
        return "skip", f
    rc2, got = run([weft, "-X", "emit=bytecode", f], d)
    return ("pass" if got == want and rc2 == 0 else "fail"), f


def main():
    weft, tests = os.path.abspath(sys.argv[1]), sys.argv[2]
    pattern = sys.argv[3] if len(sys.argv) > 3 else "*.py"
    files = sorted(glob.glob(os.path.join(tests, pattern)))
    res = {"pass": [], "fail": [], "skip": []}
    with cf.ThreadPoolExecutor(4) as ex:
        for kind, f in ex.map(lambda p: judge(weft, p), files):
            res[kind].append(f)
    for f in res["fail"]:
        print("FAIL", f)
    print(f"{len(res['pass'])} passed, {len(res['fail'])} failed, {len(res['skip'])} skipped (CPython fails them)")


main()
