# Weak-reference callbacks during collections: callbacks that allocate heavily or
# create new weak references see consistent state; a weak reference that dies in the
# same collection as its referent never calls back; many rounds of churn under the
# heap verifier (the test runner passes -X gc-verify).
import gc
import weakref


class Obj:
    def __init__(self, n):
        self.n = n
        self.me = self  # a cycle, so CPython also frees it only in gc.collect()


log = []
keep = []


def heavy(ref):
    # Allocate a lot inside the callback, and make new weak references.
    junk = [[i] * 10 for i in range(2000)]
    fresh = Obj(-1)
    keep.append(fresh)
    keep.append(weakref.ref(fresh, lambda r: log.append("fresh died")))
    log.append(("heavy", ref() is None, len(junk)))


a = Obj(1)
r = weakref.ref(a, heavy)
del a
gc.collect()
print(log, r() is None)
keep.clear()
gc.collect()
print(log[-1])

# A weak reference that is garbage in the same collection as its referent: no callback.
log.clear()


class Holder:
    def __init__(self):
        self.me = self


h = Holder()
h.target = Obj(2)
h.ref = weakref.ref(h.target, lambda r: log.append("should not run"))
del h
gc.collect()
print("same-collection death:", log)

# 50 rounds: 50 objects with 3 weak references each, half with callbacks.
count = [0]


def cb(ref):
    count[0] += 1


total_refs = 0
for rnd in range(50):
    objs = [Obj(i) for i in range(50)]
    refs = []
    for o in objs:
        refs.append(weakref.ref(o, cb))
        refs.append(weakref.ref(o))
        refs.append(weakref.ref(o, cb))
    total_refs += 100
    del objs, o
    gc.collect()
    assert all(x() is None for x in refs)
print("rounds done, callbacks:", count[0], "expected:", total_refs)

# A callback that raises does not stop the others of the same collection.
log.clear()
o = Obj(3)


def bad(ref):
    raise RuntimeError("callback failed")


refs = [weakref.ref(o, lambda r: log.append("first")), weakref.ref(o, bad),
        weakref.ref(o, lambda r: log.append("third"))]
del o
gc.collect()
print(sorted(log))
