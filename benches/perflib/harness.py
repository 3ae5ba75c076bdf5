# Appended to a MicroPython perf_bench program by benches/perfbench.py, followed by one
# call: _perfbench_main(bm_params, bm_setup, N, M).
#
# A perf_bench program defines `bm_params`, a dict {(n, m): params} where n is roughly
# the CPU speed in MHz the size is meant for and m the heap in kilobytes, and
# `bm_setup(params)`, which returns two functions: `run()` does the work to be timed and
# `result()` returns (norm, answer). Only `run()` is timed; `answer` is printed so the
# driver can check that every interpreter computed the same thing.
#
# This text runs under every interpreter measured (weft, CPython, MicroPython): no
# f-strings, names prefixed so they cannot clash with the program's own globals.


def _perfbench_pick(bm_params, n_max, m_max):
    """The params of the largest (n, m) key with n <= n_max and m <= m_max, or None."""
    best_key = None
    for key in bm_params:
        fits = key[0] <= n_max and key[1] <= m_max
        if fits and (best_key is None or key > best_key):
            best_key = key
    if best_key is None:
        return None
    return bm_params[best_key]


def _perfbench_clock():
    """(now, elapsed_us): perf_counter where it exists, MicroPython's ticks otherwise."""
    import time

    if hasattr(time, "perf_counter"):
        return time.perf_counter, lambda t0, t1: (t1 - t0) * 1e6
    return time.ticks_us, lambda t0, t1: time.ticks_diff(t1, t0)


def _perfbench_main(bm_params, bm_setup, n_max, m_max):
    params = _perfbench_pick(bm_params, n_max, m_max)
    if params is None:
        print("perfbench skip: no bm_params entry fits N=%d M=%d" % (n_max, m_max))
        return
    now, elapsed_us = _perfbench_clock()
    run, result = bm_setup(params)
    t0 = now()
    run()
    t1 = now()
    answer = result()[1]
    print("perfbench params: %s" % (params,))
    print("perfbench time_us: %d" % elapsed_us(t0, t1))
    print("perfbench answer: %s" % (answer,))
