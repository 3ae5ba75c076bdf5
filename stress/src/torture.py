# weft torture workload: THREADS workers do random operations on shared built-ins,
# weak references and the collector until the deadline, then the main thread checks
# exact invariants. Constants SECONDS, THREADS and SEED are prepended by the runner.
import gc
import threading
import time
import weakref

deadline = time.monotonic() + SECONDS

shared_list = []
shared_dict = {}
shared_set = set()
shared_bytes = bytearray() if "bytearray" in dir(__builtins__) else None


class Obj:
    def __init__(self, i):
        self.i = i
        self.peer = None


box = Obj(-1)
# Instances whose attributes every thread writes (one name per thread) while others
# ask for their __dict__ (moving attributes from inline slots into a dict).
shared_objs = [Obj(i) for i in range(512)]
callbacks = [0]
cb_lock = threading.Lock()


def on_dead(ref):
    with cb_lock:
        callbacks[0] += 1


class Rng:
    """A small LCG: reproducible per seed, no `random` module needed."""

    def __init__(self, seed):
        self.s = seed * 2654435761 + 12345

    def below(self, n):
        self.s = (self.s * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return (self.s >> 33) % n


results = []
results_lock = threading.Lock()


def churn(n):
    # Short-lived thread body: allocate a little garbage.
    junk = [[i, str(i), (i, i)] for i in range(n)]
    return len(junk)


def worker(tid):
    rng = Rng(SEED + tid)
    appended = removed = 0
    dict_keys = set()
    set_keys = set()
    refs = []
    created_refs = 0
    ops = 0
    base = tid * 10**9
    k = 0
    mine = {}
    name = "t%d" % tid
    while time.monotonic() < deadline:
        op = rng.below(11)
        ops += 1
        if op == 0:
            for _ in range(20):
                shared_list.append(base + k)
                k += 1
                appended += 1
        elif op == 1 and appended > removed:
            try:
                shared_list.remove(base + removed)
                removed += 1
            except ValueError:
                raise AssertionError("lost list item %d" % (base + removed))
        elif op == 2:
            key = base + rng.below(500)
            if key in dict_keys:
                del shared_dict[key]
                dict_keys.discard(key)
            else:
                shared_dict[key] = tid
                dict_keys.add(key)
        elif op == 3:
            key = base + rng.below(500)
            if key in set_keys:
                shared_set.remove(key)
                set_keys.discard(key)
            else:
                shared_set.add(key)
                set_keys.add(key)
        elif op == 4:
            # Objects in a cycle, each with a weak reference that has a callback.
            objs = [Obj(i) for i in range(30)]
            for a, b in zip(objs, objs[1:] + objs[:1]):
                a.peer = b
            for o in objs:
                refs.append(weakref.ref(o, on_dead))
                created_refs += 1
            del objs, a, b, o
        elif op == 5:
            gc.collect()
            alive = [r for r in refs if r() is not None]
            refs = alive  # dead ones have their callbacks queued or run already
        elif op == 6:
            t = threading.Thread(target=churn, args=(50,))
            t.start()
            t.join()
        elif op == 7:
            setattr(box, "t%d" % tid, ops)
            box.i = tid
        elif op == 8 and shared_bytes is not None:
            shared_bytes.extend(b"ab")
            shared_bytes.append(tid)
        elif op == 9:
            j = rng.below(len(shared_objs))
            o = shared_objs[j]
            how = rng.below(8)
            if how == 0:
                o.__dict__
            elif how == 1 and j in mine:
                delattr(o, name)
                del mine[j]
            else:
                setattr(o, name, ops)
                mine[j] = ops
        else:
            churn(200)
    for j, v in mine.items():
        assert getattr(shared_objs[j], name) == v, "lost attribute write"
    for j in range(len(shared_objs)):
        assert j in mine or not hasattr(shared_objs[j], name), "deleted attribute back"
    with results_lock:
        results.append((tid, appended, removed, dict_keys, set_keys, created_refs, refs, ops))


threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

assert len(results) == THREADS, results
total_ops = sum(r[7] for r in results)
expect_list = sorted(
    r[0] * 10**9 + i for r in results for i in range(r[2], r[1])
)
assert sorted(shared_list) == expect_list, "list contents differ"
expect_dict = set().union(*[r[3] for r in results])
assert set(shared_dict) == expect_dict, "dict keys differ"
assert all(shared_dict[k] == k // 10**9 for k in shared_dict), "dict values differ"
expect_set = set().union(*[r[4] for r in results])
assert shared_set == expect_set, "set differs"
for r in results:
    assert getattr(box, "t%d" % r[0]) <= r[7]
if shared_bytes is not None:
    assert len(shared_bytes) % 3 == 0, "bytearray length"

# Every referent is garbage now; the weak references are still alive (in results),
# so each must have called back exactly once.
created = sum(r[5] for r in results)
gc.collect()
gc.collect()
assert all(ref() is None for r in results for ref in r[6]), "referent survived"
assert callbacks[0] == created, (callbacks[0], created)
print("torture ok: %d threads, %d operations, %d weakref callbacks, %d list items"
      % (THREADS, total_ops, created, len(shared_list)))
