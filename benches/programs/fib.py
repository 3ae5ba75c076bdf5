"""fib: naive recursive Fibonacci; measures function calls and small-int arithmetic."""

from _bench import best_of, report, report_time, scale

GOLDEN = 1.618  # fib(n + 1) costs about GOLDEN times fib(n)


def depth(base, factor):
    """The n whose cost is about `factor` times fib(base)'s (no math module needed)."""
    n = base
    while factor >= GOLDEN:
        factor /= GOLDEN
        n += 1
    while factor < 1 / GOLDEN and n > 10:
        factor *= GOLDEN
        n -= 1
    return n


N = depth(32, scale())


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def main():
    best, result = best_of(3, lambda: fib(N))
    report_time("time", best)
    report("checksum", "fib(%d)=%d" % (N, result))


main()
