"""Shared helpers for the programs in this folder (not a benchmark itself).

Output protocol read by benches/compare.py, one `name: value` per line:
  time: S           seconds of the measured section (required; start-up excluded)
  time_*: S, *_ns: N  other lower-is-better figures
  speedup*: X       higher-is-better figures
  checksum: V       must be equal under every interpreter
  skip: REASON      a part could not be measured here (e.g. a missing module)
Anything else is free text for people.

Only features a young interpreter is likely to have: no f-strings, no context
managers, no dataclasses. Every program takes an optional scale factor as argv[1]
(default 1.0) that multiplies its sizes, so `compare.py --scale 0.1` is a quick run.
"""

import sys

# The clock: perf_counter (CPython, weft), else MicroPython's ticks_us, else time().
# None when there is no time module at all: programs then report `skip` for `time`,
# and compare.py falls back to the process's wall-clock time.
_clock = None
try:
    from time import perf_counter as _clock
except ImportError:
    try:
        from time import ticks_diff, ticks_us

        _t0 = ticks_us()

        def _clock():
            return ticks_diff(ticks_us(), _t0) / 1e6

    except ImportError:
        try:
            from time import time as _clock
        except ImportError:
            _clock = None


def have_clock():
    return _clock is not None


def now():
    """Seconds from an arbitrary origin; 0.0 when there is no clock (see have_clock)."""
    if _clock is None:
        return 0.0
    return _clock()


def scale():
    """The size factor from argv[1] (default 1.0)."""
    if len(sys.argv) > 1:
        return float(sys.argv[1])
    return 1.0


def scaled(n, minimum=1):
    """n times the scale factor, at least `minimum`."""
    return max(minimum, int(n * scale()))


def best_of(runs, fn):
    """Run fn() `runs` times; return (best seconds, fn's last result).

    Best rather than mean: noise from other processes only ever slows a run down.
    """
    best = None
    result = None
    for _ in range(runs):
        t0 = now()
        result = fn()
        t = now() - t0
        if best is None or t < best:
            best = t
    return best, result


def report(name, value):
    """Print one `name: value` line of the protocol."""
    if isinstance(value, float):
        print("%s: %.6g" % (name, value))
    else:
        print("%s: %s" % (name, value))


_skip_reported = [False]


def report_time(name, seconds):
    """Print a time figure; without a clock, print one skip line (the first time only)."""
    if have_clock():
        report(name, seconds)
    elif not _skip_reported[0]:
        _skip_reported[0] = True
        report("skip", "times not measured: no time module")
