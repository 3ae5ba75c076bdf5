"""One thread-scaling measurement, run under the interpreter being measured.

usage: work.py KIND THREADS TOTAL

Splits TOTAL loop iterations of workload KIND over THREADS threads (the same total
work at every thread count, so t1/tN is the speedup) and prints `time: SECONDS` (from
starting the first thread to joining the last) and `checksum: TEXT`, which must not
depend on the thread count or the interpreter. Kinds:

- private: every thread calls a small function and does integer arithmetic on its
  own locals; nothing shared but the code.
- read: every thread reads one shared dict, list and instance attribute (module
  globals): s += D[i & 1023] + L[i & 1023] + O.x.
- write: every thread stores into one shared list and dict (L[j] = i, D[j] = i) and
  appends to one shared list.
- write_list, write_dict, append: the three parts of `write` alone.
- write_attr: every thread stores to attributes of one shared instance.
"""

import sys
import threading
import time

SIZE = 1024  # entries of the shared list and dict


class Shared:
    def __init__(self):
        self.x = 3
        self.y = 0


D = {}
for _k in range(SIZE):
    D[_k] = _k
L = list(range(SIZE))
O = Shared()
A = []


def step(i):
    return (i * 7 + 3) % 11


def private(lo, hi):
    s = 0
    for i in range(lo, hi):
        s += step(i) + (i & 15)
    return s


def read(lo, hi):
    s = 0
    for i in range(lo, hi):
        s += D[i & 1023] + L[i & 1023] + O.x
    return s


def write(lo, hi):
    for i in range(lo, hi):
        j = i & 1023
        L[j] = i
        D[j] = i
        A.append(j)
    return hi - lo


def write_list(lo, hi):
    for i in range(lo, hi):
        L[i & 1023] = i
    return hi - lo


def write_dict(lo, hi):
    for i in range(lo, hi):
        D[i & 1023] = i
    return hi - lo


def append(lo, hi):
    for i in range(lo, hi):
        A.append(i)  # noqa: PERF402 (the loop is the work measured)
    return hi - lo


def write_attr(lo, hi):
    o = O
    for i in range(lo, hi):
        o.x = i
        o.y = i & 7
    return hi - lo


KINDS = {
    "private": private,
    "read": read,
    "write": write,
    "write_list": write_list,
    "write_dict": write_dict,
    "append": append,
    "write_attr": write_attr,
}


def checksum(kind, total, results):
    """Each kind's result, independent of how the work was split."""
    if kind in ("write", "append"):
        return "%d %d %d %d" % (sum(results), len(A), len(D), len(L))
    return "%d" % sum(results)


def main():
    kind = sys.argv[1]
    nthreads = int(sys.argv[2])
    total = int(sys.argv[3])
    work = KINDS[kind]
    results = [0] * nthreads
    chunk = total // nthreads

    def body(k):
        hi = total if k == nthreads - 1 else (k + 1) * chunk
        results[k] = work(k * chunk, hi)

    threads = [threading.Thread(target=body, args=(k,)) for k in range(nthreads)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    print("time: %.6f" % elapsed)
    print("checksum: %s" % checksum(kind, total, results))


main()
