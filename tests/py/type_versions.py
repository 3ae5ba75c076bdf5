# Class attribute lookups are cached per type; a write to a class (or to any class
# it inherits from) must be seen by every later lookup, on any thread, and
# type.__subclasses__() lists the live direct subclasses.
import gc
import threading


class Root:
    tag = "root"

    def who(self):
        return "Root.who"


class Left(Root):
    pass


class Right(Root):
    tag = "right"


class Both(Left, Right):
    pass


def names(classes):
    return [c.__name__ for c in classes]


print(names(Root.__subclasses__()), names(Left.__subclasses__()), Both.__subclasses__())
b = Both()
print(b.tag, b.who())

# A write to a base reaches lookups on every subclass.
Root.who = lambda self: "patched Root.who"
print(b.who(), Left().who())
Left.tag = "left"
print(b.tag, Right().tag)
del Left.tag
print(b.tag)
Root.extra = 42
print(Both.extra, getattr(Right(), "extra"))
del Root.extra
print(hasattr(b, "extra"), hasattr(Both, "extra"))

# Writes through the class namespace itself.
Root.__dict__  # still a mapping of the namespace
setattr(Right, "tag", "right again")
print(b.tag)


# A class that dies leaves its bases' lists.
def make_temp():
    class Temp(Root):
        pass

    return names(Root.__subclasses__())


print(make_temp())
gc.collect()
print(names(Root.__subclasses__()))

# Built-in hierarchies.
print(names(LookupError.__subclasses__())[:2], int.__subclasses__()[0].__name__)

# Many classes created and modified: lookups stay right through collections.
results = []
for i in range(200):
    K = type("K%d" % i, (Root,), {"n": i})
    k = K()
    K.n = i * 2
    if i % 50 == 0:
        gc.collect()
    results.append(k.n == i * 2 and k.who() == "patched Root.who")
print(all(results))

# One thread rewrites a class attribute; after each barrier the readers must see the
# value written before it.
class Shared:
    value = 0


class Sub(Shared):
    pass


ROUNDS = 300
bar = threading.Barrier(3)
bad = []


def reader():
    s = Sub()
    for r in range(ROUNDS):
        bar.wait()
        if s.value != r:
            bad.append((r, s.value))
        bar.wait()


ts = [threading.Thread(target=reader) for _ in range(2)]
for t in ts:
    t.start()
for r in range(ROUNDS):
    Shared.value = r
    bar.wait()
    bar.wait()
for t in ts:
    t.join()
print("stale reads:", bad)
