# Attribute caches at one instruction must follow every change that alters the answer:
# each helper below is one LOAD_ATTR / LOAD_METHOD / STORE_ATTR site, run on objects and
# classes that change between calls.
import math


def get_x(o):
    return o.x


def call_m(o):
    return o.m()


def set_x(o, v):
    o.x = v


class A:
    kind = "A"

    def __init__(self, x):
        self.x = x

    def m(self):
        return "A.m"


class B(A):
    def m(self):
        return "B.m"


a, b = A(1), B(2)
print([get_x(o) for o in (a, b, a, b)])
print([call_m(o) for o in (a, b, a, b)])

# A method replaced on the class, then on a base.
for _ in range(3):
    call_m(a)
A.m = lambda self: "new A.m"
print(call_m(a), call_m(b))
del B.m
print(call_m(b))

# An instance attribute that shadows a method, added after the site was filled.
c = A(3)
print(call_m(c))
c.m = lambda: "instance m"
print(call_m(c), call_m(A(4)))


def get_kind(o):
    return o.kind


# A class attribute, then shadowed by the instance, then changed on the class.
d = A(5)
print([get_kind(d) for _ in range(3)])
d.kind = "own"
print(get_kind(d), get_kind(A(6)))
A.kind = "changed"
print(get_kind(A(7)), get_kind(d))

# A property added later for a name that was a plain slot.
e = A(8)
print([get_x(e) for _ in range(3)])
A.x = property(lambda self: "property x", lambda self, v: print("setter", v))
print(get_x(e), get_x(A(9)))
set_x(e, 10)
del A.x
print(get_x(e))

# __getattribute__ and __setattr__ added to the class after the sites were filled.
f = A(11)
for i in range(3):
    set_x(f, i)
    get_x(f)
A.__getattribute__ = lambda self, n: "intercepted " + n
print(get_x(f), call_m(f) if False else "-")
del A.__getattribute__
A.__setattr__ = lambda self, n, v: print("setattr", n, v)
set_x(f, 99)
print(get_x(f))
del A.__setattr__
set_x(f, 100)
print(get_x(f))

# The instance switches to a real __dict__ while the sites are warm.
g = A(12)
for i in range(3):
    set_x(g, i)
vars(g)["x"] = "via dict"
print(get_x(g))
set_x(g, "stored after dict")
print(get_x(g), vars(g))

# A deleted attribute: the store adds it back, the load raises until then.
h = A(13)
for i in range(3):
    set_x(h, i)
del h.x
try:
    get_x(h)
except AttributeError as exc:
    print("AttributeError:", exc)
set_x(h, "back")
print(get_x(h))


# Many classes through one site.
class S:
    __slots__ = ("x",)

    def __init__(self, x):
        self.x = x

    def m(self):
        return "S.m"


class P:
    @property
    def x(self):
        return "P.x"

    m = staticmethod(lambda: "P.m static")


class Q:
    x = "Q.x"

    @classmethod
    def m(cls):
        return "Q.m " + cls.__name__


objs = [A(20), S(21), P(), Q(), B(22), S(23)]
for _ in range(2):
    print([get_x(o) for o in objs])
    print([call_m(o) for o in objs])
for o in (A(30), S(31)):
    set_x(o, "set")
    print(get_x(o))


# Module attributes: replaced, deleted, added back.
def pi():
    return math.pi


print([round(pi(), 5) for _ in range(3)])
saved = math.pi
math.pi = 3
print(pi())
del math.pi
try:
    pi()
except AttributeError as exc:
    print("AttributeError:", exc)
math.pi = saved
print(round(pi(), 5))


def sqrt(v):
    return math.sqrt(v)


print([sqrt(16.0) for _ in range(3)])
real_sqrt = math.sqrt
math.sqrt = lambda v: "patched"
print(sqrt(16.0))
math.sqrt = real_sqrt
print(sqrt(25.0))


# Methods of built-in types through one site, and a list subclass overriding one.
def append_to(l, v):
    l.append(v)
    return l


class L(list):
    def append(self, v):
        super().append(v * 10)


print(append_to([], 1), append_to(L(), 1), append_to([], 2), append_to(L(), 2))
class B:
    __slots__ = ("x", "y")
    def __init__(self): self.x = 1
class D(B):
    pass
def gx(o): return o.x
def gy(o):
    try: return o.y
    except AttributeError as e: return "AttributeError: %s" % e
for o in (B(), D(), B(), D()):
    print(gx(o), gy(o))
d = D(); d.y = 5; d.z = 3
for _ in range(3): print(gx(d), gy(d), d.z)
print(type(B.__dict__['x']).__name__)
