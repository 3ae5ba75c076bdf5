"""Run CPython's own test modules (the `test` package of the Lib folder weft uses) under
weft, one process per module, and print a table of their outcomes.

    python3 tools/cpython_tests.py [--weft PATH] [--timeout S] [-v] [test_json ...]

With no names it runs the modules issue 12 asks for. Each module runs as
`weft tools/cpython_tests.py --one NAME`, which loads the module's tests with unittest,
runs them and prints one line `RESULT run fail error skip xfail xpass`.
"""
import os
import subprocess
import sys

DEFAULT = ["test_weakref", "test_threading", "test_thread", "test_gc", "test_re",
           "test_json", "test_struct", "test_random"]


# Tests that hang under weft (they would stall the whole module); they are reported as
# skipped, with the reason, and listed in docs/stdlib.md.
HANGS = {
    "test_threading": {
        "ThreadJoinOnShutdown.test_4_daemon_threads": "daemon threads at exit hang",
    },
}


def without_hangs(suite, hangs):
    import unittest
    out = unittest.TestSuite()
    for test in suite:
        if isinstance(test, unittest.TestSuite):
            out.addTest(without_hangs(test, hangs))
            continue
        for tail, why in hangs.items():
            if test.id().endswith(tail):
                reason = "hangs on weft: " + why
                setattr(test, test._testMethodName, unittest.skip(reason)(lambda: None))
        out.addTest(test)
    return out


def run_one(name, verbose):
    # weft's str holds no lone surrogates, so `surrogateescape` cannot decode b'\xff';
    # test.support.os_helper tries that at import to name an unencodable file. Let it
    # see an encoding that decodes every byte while it loads, then put things back.
    real = sys.getfilesystemencoding
    sys.getfilesystemencoding = lambda: "latin-1"
    try:
        import test.support.os_helper  # noqa: F401
    finally:
        sys.getfilesystemencoding = real
    import unittest
    suite = unittest.defaultTestLoader.loadTestsFromName("test." + name)
    suite = without_hangs(suite, HANGS.get(name, {}))
    runner = unittest.TextTestRunner(verbosity=2 if verbose else 1, stream=sys.stdout)
    r = runner.run(suite)
    counts = (r.testsRun, len(r.failures), len(r.errors), len(r.skipped),
              len(r.expectedFailures), len(r.unexpectedSuccesses))
    print("RESULT", *counts, flush=True)


def drive(names, weft, timeout, verbose):
    here = os.path.abspath(__file__)
    rows = []
    for name in names:
        cmd = [weft, here, "--one", name] + (["-v"] if verbose else [])
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                               errors="replace")
            out = p.stdout + p.stderr
        except subprocess.TimeoutExpired as e:
            out = (e.stdout or b"").decode("utf-8", "replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
            out += "\nTIMEOUT"
        if verbose:
            print(out)
        line = [l for l in out.splitlines() if l.startswith("RESULT ")]
        if line:
            run, fail, err, skip, xfail, xpass = map(int, line[-1].split()[1:])
            passed = run - fail - err - skip - xfail - xpass
            rows.append((name, run, passed, fail, err, skip, "ok"))
        else:
            tail = out.strip().splitlines()[-1:] or ["no output"]
            rows.append((name, 0, 0, 0, 0, 0, "did not finish: " + tail[0][:60]))
    print("| module | run | pass | fail | error | skip | note |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for row in rows:
        print("| %s | %d | %d | %d | %d | %d | %s |" % row)


def main(argv):
    if argv[:1] == ["--one"]:
        run_one(argv[1], "-v" in argv)
        return
    weft = os.path.join(os.path.dirname(__file__), "..", "target", "release", "weft")
    timeout, verbose, names = 600, False, []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--weft":
            weft, i = argv[i + 1], i + 1
        elif a == "--timeout":
            timeout, i = float(argv[i + 1]), i + 1
        elif a == "-v":
            verbose = True
        else:
            names.append(a)
        i += 1
    drive(names or DEFAULT, weft, timeout, verbose)


if __name__ == "__main__":
    main(sys.argv[1:])
