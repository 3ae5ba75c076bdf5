# Attribute lookups on classes are cached (weft: vm/src/type_cache.rs); every way of
# changing a class namespace must make them stale.
import threading


class A:
    x = 1

    def m(self):
        return "A.m"


class B(A):
    pass


class C(B):
    pass


a, b, c = A(), B(), C()
print(a.m(), b.m(), c.m(), c.x)

# A method replaced on the class after use.
for i in range(3):
    print(c.m())
A.m = lambda self: "A.m2"
print(a.m(), b.m(), c.m())
B.m = lambda self: "B.m"
print(a.m(), b.m(), c.m())
del B.m
print(a.m(), b.m(), c.m())

# Attributes added to / deleted from a base after a subclass was used.
print(hasattr(c, "y"), getattr(c, "y", "none"))
A.y = 10
print(c.y, b.y, C.y)
del A.y
print(hasattr(c, "y"), hasattr(C, "y"))
try:
    c.y
except AttributeError as e:
    print("AttributeError", e)

# setattr / delattr / type.__setattr__ on the class.
setattr(A, "z", 5)
print(c.z)
type.__setattr__(A, "z", 6)
print(c.z)
delattr(A, "z")
print(getattr(c, "z", "gone"))
A.z = 7
type.__delattr__(A, "z")
print(getattr(c, "z", "gone"))


class Meta(type):
    def __setattr__(cls, name, value):
        super().__setattr__(name, value * 2)


class M(metaclass=Meta):
    val = 1

    def get(self):
        return self.val


mi = M()
print(mi.get())
M.val = 21
print(mi.get(), M.val)

# Class attributes shadowed by instance attributes.
c.x = 100
print(c.x, C.x, b.x)
del c.x
print(c.x)
A.x = 2
print(c.x, b.x, a.x)
c.m = lambda: "instance m"
print(c.m())
del c.m
print(c.m())


# __getattr__, __setattr__, properties defined after instances exist.
class D:
    pass


d = D()
d.v = 1
print(d.v, getattr(d, "missing", "no"))
D.__getattr__ = lambda self, name: "getattr:" + name
print(d.missing, d.v)
del D.__getattr__
print(getattr(d, "missing", "no"))

log = []


def tracing_setattr(self, name, value):
    log.append(name)
    object.__setattr__(self, name, value)


D.__setattr__ = tracing_setattr
d.w = 2
print(d.w, log)
del D.__setattr__
d.u = 3
print(d.u, log)

D.__getattribute__ = lambda self, name: "ga:" + name
print(d.v, d.anything)
del D.__getattribute__
print(d.v, getattr(d, "anything", "no"))

D.p = property(lambda self: "prop")
print(d.p)
try:
    d.p = 5
except AttributeError:
    print("read-only property")
del D.p
d.p = 7
print(d.p)


# A property on a base added after a subclass instance set the same name.
class E:
    pass


class F(E):
    pass


f = F()
f.q = "instance"
print(f.q)
E.q = property(lambda self: "base prop")
print(f.q)
del E.q
print(f.q)

# Special methods replaced after use.
class G:
    def __len__(self):
        return 1

    def __repr__(self):
        return "G1"


g = G()
print(len(g), repr(g))
G.__len__ = lambda self: 2
G.__repr__ = lambda self: "G2"
print(len(g), repr(g))
G.__call__ = lambda self, x: x * 2
print(g(21))


# A class created dynamically, and classes made in a loop (same names, new types).
for i in range(3):
    K = type("K", (A,), {"k": i})
    print(K().k, K().x, K().m())

# exec'd class bodies and a class namespace changed by a decorator.
def add_hello(cls):
    cls.hello = lambda self: "hello from " + type(self).__name__
    return cls


@add_hello
class H(C):
    pass


print(H().hello(), H().m())

# Threads replacing a class attribute while others read it.
class Shared:
    value = 0

    def get(self):
        return self.value


N = 4
ROUNDS = 2000
bad = []
seen_last = []


def reader():
    s = Shared()
    last = -1
    for _ in range(ROUNDS * 2):
        v = s.get()
        if not isinstance(v, int) or v < 0:
            bad.append(v)
        w = Shared.value
        if w < 0:
            bad.append(w)


def writer(k):
    for i in range(ROUNDS):
        Shared.value = i


ts = [threading.Thread(target=reader) for _ in range(N)]
ts += [threading.Thread(target=writer, args=(k,)) for k in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
Shared.value = "done"
print(bad, Shared().get(), Shared.value)


# Threads replacing a method while others call it; after the join every thread sees
# the last one.
class Worker:
    def f(self):
        return 0


def swapper():
    for i in range(500):
        Worker.f = lambda self, i=i: i


def caller(out):
    w = Worker()
    r = 0
    for _ in range(1000):
        r = w.f()
    out.append(isinstance(r, int))


outs = []
ts = [threading.Thread(target=swapper)] + [
    threading.Thread(target=caller, args=(outs,)) for _ in range(3)
]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(outs, Worker().f())


def check_after_join():
    Worker.f = lambda self: "final"
    res = []

    def t():
        res.append(Worker().f())

    th = [threading.Thread(target=t) for _ in range(3)]
    for x in th:
        x.start()
    for x in th:
        x.join()
    print(res)


check_after_join()
