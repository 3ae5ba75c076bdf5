# One iterator shared by four threads hands out each item exactly once: list, tuple,
# str and range iterators, and itertools.count, under contention.
import itertools
import threading

N = 100000
WORKERS = 4


def drain(it, limit=None):
    per_thread = [[] for _ in range(WORKERS)]
    start = threading.Barrier(WORKERS)

    def work(mine):
        start.wait()
        if limit is None:
            for x in it:
                mine.append(x)
        else:
            while len(mine) < limit:
                mine.append(next(it))

    threads = [threading.Thread(target=work, args=(per_thread[k],)) for k in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return [x for part in per_thread for x in part]


def check(label, got, expected):
    dupes = len(got) - len(set(got))
    missing = len(set(expected) - set(got))
    print(label, "items", len(got), "duplicates", dupes, "missing", missing)


for rnd in range(2):
    data = list(range(N))
    check("list", drain(iter(data)), data)
    check("tuple", drain(iter(tuple(data))), data)
    check("range", drain(iter(range(N))), range(N))
    check("range step", drain(iter(range(5, 5 + 3 * N, 3))), range(5, 5 + 3 * N, 3))
    check("big range", drain(iter(range(2**63 - 10 - N, 2**63 - 10))), range(2**63 - 10 - N, 2**63 - 10))
    text = "".join(chr(0x4E00 + i % 5000) if i % 3 else "a" for i in range(N))
    pieces = drain(iter(text))
    print("str items", len(pieces), "same letters", sorted(pieces) == sorted(text))
    got = drain(itertools.count(7, 2), limit=N // WORKERS)
    check("count", got, range(7, 7 + 2 * N, 2))
    got = drain(itertools.count(), limit=N // WORKERS)
    check("count()", got, range(N))
