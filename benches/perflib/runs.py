"""Running one built perf_bench script once and reading what it printed."""

import os
import subprocess


class Outcome:
    """One run: time_us and answer when it worked, else error (or skip) says why."""

    def __init__(self, time_us=None, answer=None, error=None, skip=None, params=None):
        self.time_us = time_us
        self.params = params
        self.answer = answer
        self.error = error
        self.skip = skip


def run_once(interp, script, timeout):
    """Run the script under the interpreter, in the script's folder."""
    cmd = [interp.path] + interp.options + [os.path.basename(script)]
    try:
        p = subprocess.run(
            cmd,
            cwd=os.path.dirname(script),
            capture_output=True,
            check=False,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return Outcome(error="timeout after %g s" % timeout)
    if p.returncode != 0:
        return Outcome(error="exit %d: %s" % (p.returncode, first_error_line(p.stderr)))
    return parse(p.stdout)


def first_error_line(stderr):
    """The first line that says what went wrong: tracebacks start with `Traceback` and
    indented `File ...` lines, so skip those and show the exception line."""
    for line in stderr.splitlines():
        if line.strip() and not line.startswith((" ", "\t", "Traceback")):
            return line.strip()
    lines = [s.strip() for s in stderr.splitlines() if s.strip()]
    return lines[-1] if lines else "(no error output)"


def parse(stdout):
    """The harness prints `perfbench params: P`, `perfbench time_us: N` and
    `perfbench answer: TEXT`, or `perfbench skip: WHY`; the program's own output, if any, is ignored."""
    fields = {}
    for line in stdout.splitlines():
        if line.startswith("perfbench "):
            key, _, value = line[len("perfbench ") :].partition(": ")
            fields[key] = value
    if "skip" in fields:
        return Outcome(skip=fields["skip"])
    if "time_us" not in fields or "answer" not in fields:
        said = [s.strip() for s in stdout.splitlines() if s.strip()] or ["nothing"]
        return Outcome(error="no result printed (printed: %s)" % said[0][:60])
    return Outcome(
        time_us=int(fields["time_us"]), answer=fields["answer"], params=fields.get("params")
    )
