"""threads_speedup: the same CPU-bound pure-Python work on 1 thread, then split over
2 threads. Under CPython the GIL keeps the speedup near 1x (or below); weft has no
GIL, so on 2 cores it should approach 2x.

Both runs use threading.Thread (the 1-thread run too), so thread start-up is charged
equally. Each thread writes its result into its own list slot: no shared mutable
state, no locks, so the measurement is about the interpreter, not contention.
"""

from _bench import now, report, report_time, scaled

TOTAL = scaled(6000000, 2)

try:
    import threading
except ImportError:
    threading = None


def step(x, i):
    # A call per iteration, plus integer arithmetic that stays in small ints.
    return (x * 31 + i) % 1000003


def work(start, stop):
    x = 1
    acc = 0
    for i in range(start, stop):
        x = step(x, i)
        if x & 1:
            acc += x
        else:
            acc -= i
    return acc


def run_in_threads(parts):
    """Run work() on each (start, stop) part in its own thread; sum of the results."""
    results = [0] * len(parts)

    def runner(k):
        start, stop = parts[k]
        results[k] = work(start, stop)

    threads = [threading.Thread(target=runner, args=(k,)) for k in range(len(parts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(results)


def main():
    half = TOTAL // 2
    # Both runs do the same two halves, so their results must agree.
    parts = [(0, half), (half, TOTAL)]
    if threading is None:
        t0 = now()
        one = work(0, half) + work(half, TOTAL)
        report_time("time", now() - t0)
        report("skip", "time_2threads and speedup not measured: no threading module")
        report("checksum", one)
        return
    t0 = now()
    one = run_in_threads([(0, half)]) + run_in_threads([(half, TOTAL)])
    t1 = now() - t0
    t0 = now()
    two = run_in_threads(parts)
    t2 = now() - t0
    assert one == two, "1-thread and 2-thread results differ"
    report_time("time", t1)
    report_time("time_2threads", t2)
    if t2 > 0:
        report("speedup", t1 / t2)
    report("checksum", two)


main()
