"""Running one program under one interpreter, keeping the best of K runs.

Besides the program's own figures, each run's whole-process wall-clock time is kept
as the `wall` figure: it includes start-up and set-up, but it is the only figure
available from an interpreter without a `time` module."""

import os
import subprocess
import time

from comparelib import protocol


class Result:
    """Best-of-K figures of one (program, interpreter) pair."""

    def __init__(self):
        self.figures = {}
        self.checksums = set()
        self.notes = []
        self.error = None

    def add_note(self, note):
        if note not in self.notes:
            self.notes.append(note)


def run_once(interp, program, scale, timeout):
    """Run the program once; returns (returncode or 'timeout', stdout, stderr, seconds)."""
    cmd = [interp.path] + interp.options + [os.path.basename(program)]
    if scale != 1.0:
        cmd.append(repr(scale))
    t0 = time.perf_counter()
    try:
        # cwd = the programs folder, so `import _bench` works under every interpreter.
        p = subprocess.run(
            cmd,
            cwd=os.path.dirname(program),
            capture_output=True,
            check=False,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return "timeout", "", "", time.perf_counter() - t0
    return p.returncode, p.stdout, p.stderr, time.perf_counter() - t0


def record(result, outcome):
    """Fold one run's outcome into the result; a failed run sets `error`."""
    rc, out, err, wall = outcome
    if rc != 0:
        last = (err.strip().splitlines() or ["(no output)"])[-1]
        result.error = "timeout" if rc == "timeout" else "exit %s: %s" % (rc, last)
        return
    figures, checksum, notes = protocol.parse(out)
    figures["wall"] = wall
    protocol.merge_best(result.figures, figures)
    if checksum is not None:
        result.checksums.add(checksum)
    for n in notes:
        result.add_note(n)
