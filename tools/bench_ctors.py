# Times the hot constructors called the common way (one positional argument or none),
# for comparing two builds of weft: `weft tools/bench_ctors.py` prints seconds per
# million calls for each. Best of 5 runs, to damp noise on a shared machine.
import time

N = 200_000
SRC = [1, 2, 3]


def run_list():
    for _ in range(N):
        list(SRC)


def run_int():
    for _ in range(N):
        int("12")


def run_str():
    for _ in range(N):
        str(7)


def run_range():
    for _ in range(N):
        range(10)


def run_dict():
    for _ in range(N):
        dict()


def run_tuple():
    for _ in range(N):
        tuple(SRC)


def run_empty():
    for _ in range(N):
        pass


def best(f):
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return min(times)


base = best(run_empty)
for name, f in [("list(x)", run_list), ("int(s)", run_int), ("str(i)", run_str),
                ("range(n)", run_range), ("dict()", run_dict), ("tuple(x)", run_tuple)]:
    per_million = (best(f) - base) / N * 1e6
    print(f"{name:10} {per_million:.3f} s per million calls")
