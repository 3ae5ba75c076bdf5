# __del__ under a tracing collector: every object here sits in a reference cycle, so
# CPython's refcounting cannot free it early and both interpreters finalise it during
# gc.collect() (weakref callbacks first, then __del__, as CPython's cycle collector does).
import gc
import weakref

log = []


class Node:
    def __init__(self, name):
        self.name = name
        self.me = self  # a cycle

    def __del__(self):
        log.append("del " + self.name)


def cb(r):
    log.append("callback")


# 1. __del__ runs once, after the weakref callbacks of the same collection.
a = Node("a")
w = weakref.ref(a, cb)
del a
gc.collect()
print(log, w() is None)
gc.collect()
print(log)

# 2. Everything a finalisable object reaches survives until its __del__ has run.
log.clear()


class Holder:
    def __init__(self):
        self.me = self
        self.items = [1, 2, 3]

    def __del__(self):
        log.append("holder sees %r" % (self.items,))


h = Holder()
del h
gc.collect()
print(log)

# 3. Resurrection: __del__ stores self somewhere reachable; it is not called again.
log.clear()
saved = []


class Phoenix:
    def __init__(self):
        self.me = self

    def __del__(self):
        log.append("phoenix del")
        saved.append(self)


p = Phoenix()
del p
gc.collect()
print(log, len(saved), type(saved[0]).__name__)
saved.clear()
gc.collect()
gc.collect()
print(log)

# 4. An exception in __del__ is reported on stderr and the program goes on.
class Bad:
    def __init__(self):
        self.me = self

    def __del__(self):
        raise ValueError("boom")


b = Bad()
del b
gc.collect()
print("still running")

# 5. __del__ added to the class after it was created.
log.clear()


class Late:
    def __init__(self):
        self.me = self


Late.__del__ = lambda self: log.append("late del")
x = Late()
del x
gc.collect()
print(log)

# 6. A subclass of a built-in with __del__; a subclass inheriting __del__.
log.clear()


class MyList(list):
    def __del__(self):
        log.append("mylist del %d" % len(self))


class Child(Node):
    pass


m = MyList([1, 2, 3])
m.append(m)
c = Child("child")
del m, c
gc.collect()
print(sorted(log))

# 7. Many finalisable objects in one collection.
log.clear()
objs = [Node(str(i)) for i in range(200)]
del objs
gc.collect()
print(len(log), len(set(log)))
