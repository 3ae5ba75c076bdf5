# Four threads mutate shared built-in containers and object attributes at once.
# Every single operation is atomic, so the final counts are exact.
import threading

N_THREADS = 4
N = 3000

shared_list = []
shared_dict = {}
shared_set = set()
counter_lock = threading.Lock()


class Box:
    pass


box = Box()
box.total = 0


def worker(tid):
    base = tid * N
    for i in range(N):
        k = base + i
        shared_list.append(k)
        shared_dict[k] = i
        shared_set.add(k)
        setattr(box, "attr%d" % tid, i)
        with counter_lock:
            box.total += 1
    # Delete half of what this thread added.
    for i in range(0, N, 2):
        k = base + i
        del shared_dict[k]
        shared_set.discard(k)
        shared_list.remove(k)
    # Update the rest in place.
    for i in range(1, N, 2):
        k = base + i
        shared_dict[k] += 1


threads = [threading.Thread(target=worker, args=(t,)) for t in range(N_THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

print(len(shared_list), len(shared_dict), len(shared_set), box.total)
print(sorted(shared_list) == sorted(shared_dict) == sorted(shared_set))
print(all(shared_dict[k] == (k % N) + 1 for k in shared_dict))
print(sorted(a for a in vars(box) if a.startswith("attr")))
print([getattr(box, "attr%d" % t) for t in range(N_THREADS)])

# Shared counters without a lock give racy totals, but never crash; with a lock they
# are exact.
hits = {"n": 0}
lock = threading.Lock()


def bump(n):
    for _ in range(n):
        with lock:
            hits["n"] += 1


ts = [threading.Thread(target=bump, args=(2000,)) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(hits["n"])

# Popping from one shared list: every item is taken exactly once.
work = list(range(10000))
taken = [[] for _ in range(4)]


def consume(i):
    while True:
        try:
            taken[i].append(work.pop())
        except IndexError:
            return


ts = [threading.Thread(target=consume, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
allt = sorted(x for part in taken for x in part)
print(len(allt), allt == list(range(10000)))
