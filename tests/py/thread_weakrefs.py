# Weak references under threads: workers create and drop weakly referenced objects
# while other threads call gc.collect(); callbacks run on whichever thread collected,
# and every callback runs exactly once. Weak containers are mutated by workers while
# collections remove their dead entries.
import gc
import threading
import weakref

N_WORKERS = 3
ROUNDS = 40
PER_ROUND = 25


class Obj:
    def __init__(self, n):
        self.n = n
        self.me = self  # a cycle: CPython frees these in gc.collect() too


lock = threading.Lock()
calls = [0]


def cb(ref):
    with lock:
        calls[0] += 1


live_refs = []          # keep every weakref alive so that its callback must run
live_refs_lock = threading.Lock()
stop = threading.Event()


def worker(tid):
    for rnd in range(ROUNDS):
        objs = [Obj(i) for i in range(PER_ROUND)]
        refs = [weakref.ref(o, cb) for o in objs]
        with live_refs_lock:
            live_refs.extend(refs)
        del objs


def collector():
    while not stop.is_set():
        gc.collect()


workers = [threading.Thread(target=worker, args=(t,)) for t in range(N_WORKERS)]
collectors = [threading.Thread(target=collector) for _ in range(2)]
for t in collectors + workers:
    t.start()
for t in workers:
    t.join()
stop.set()
for t in collectors:
    t.join()
gc.collect()
gc.collect()
expected = N_WORKERS * ROUNDS * PER_ROUND
print("callbacks:", calls[0], "expected:", expected)
print("all dead:", all(r() is None for r in live_refs))

# A WeakValueDictionary shared by threads that store, replace and read entries while
# collections run; the callback of an old value never removes a newer entry.
wvd = weakref.WeakValueDictionary()
keepers = [[] for _ in range(N_WORKERS)]


def wvd_worker(tid):
    for i in range(300):
        key = (tid, i % 10)
        v = Obj(i)
        wvd[key] = v
        if i % 3 == 0:
            keepers[tid].append(v)   # some values stay alive
        if i % 50 == 0:
            gc.collect()


ts = [threading.Thread(target=wvd_worker, args=(t,)) for t in range(N_WORKERS)]
for t in ts:
    t.start()
for t in ts:
    t.join()
gc.collect()
alive_keys = sorted(k for k in wvd.keys())
expect = sorted({(t, v.n % 10) for t in range(N_WORKERS) for v in keepers[t]
                 if wvd.get((t, v.n % 10)) is v})
print("entries left:", len(alive_keys), alive_keys == expect)
print("every entry is alive:", all(wvd[k] is not None for k in alive_keys))

# A WeakSet filled by several threads.
ws = weakref.WeakSet()
held = []
held_lock = threading.Lock()


def ws_worker(tid):
    for i in range(200):
        o = Obj(i)
        ws.add(o)
        if i % 4 == 0:
            with held_lock:
                held.append(o)


ts = [threading.Thread(target=ws_worker, args=(t,)) for t in range(N_WORKERS)]
for t in ts:
    t.start()
for t in ts:
    t.join()
gc.collect()
print("weakset size:", len(ws), "held:", len(held), set(ws) == set(held))
