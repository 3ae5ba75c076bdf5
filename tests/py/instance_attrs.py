# Instance attributes: values, order, __dict__, deletion, many names, odd names.
# (weft keeps them inline in the instance until a __dict__ is needed; everything here
# must look exactly like a per-instance dict.)
import gc
import weakref


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y


a = P(1, 2)
b = P(3, 4)
print(a.x, a.y, b.x, b.y)
a.x = 10
print(a.x, b.x, vars(a), vars(b))

# Order is insertion order, even when instances of one class add names differently.
c = P(5, 6)
c.z = 7
d = P(8, 9)
del d.x
d.x = 1
print(vars(c), vars(d), list(d.__dict__))


class Q:
    pass


q1 = Q()
q1.b = 1
q1.a = 2
q2 = Q()
q2.a = 3
q2.b = 4
q3 = Q()
q3.b = 5
print(vars(q1), vars(q2), vars(q3))
q3.a = 6
print(vars(q3), q3.a, q3.b)

# Deletion.
e = P(1, 2)
del e.x
print(hasattr(e, "x"), e.y, vars(e))
try:
    del e.x
except AttributeError as exc:
    print("AttributeError:", exc)
try:
    e.x
except AttributeError as exc:
    print("AttributeError:", exc)
e.x = 3
print(vars(e))

# The dict is the namespace: changes through it are seen as attributes, both ways.
f = P(1, 2)
fd = f.__dict__
fd["w"] = 5
f.v = 6
print(f.w, fd["v"], fd is f.__dict__, fd)
del fd["x"]
print(hasattr(f, "x"), sorted(fd))
f.__dict__.clear()
print(vars(f), hasattr(f, "y"))

# Many names: more than any inline layout holds.
class Many:
    pass


m = Many()
for i in range(40):
    setattr(m, "attr%d" % i, i)
print(len(vars(m)), m.attr0, m.attr39, list(vars(m))[:3], list(vars(m))[-2:])
m2 = Many()
m2.attr39 = "last"
m2.attr0 = "first"
print(vars(m2))
for i in range(40):
    delattr(m, "attr%d" % i)
print(vars(m))

# Names built at run time (not interned) and the same name spelt by a literal.
n = P(0, 0)
name = "".join(["dyn", "amic"])
setattr(n, name, 1)
print(n.dynamic, getattr(n, "dyn" + "amic"), vars(n))
n.dynamic += 1
print(getattr(n, name))


class S(str):
    pass


setattr(n, S("x"), 99)
print(n.x, vars(n))

# Shadowing methods and class attributes.
class K:
    kind = "class"

    def hello(self):
        return "method"


k = K()
print(k.kind, k.hello())
k.kind = "instance"
k.hello = lambda: "instance function"
print(k.kind, k.hello(), K.kind, K().hello())
del k.hello
print(k.hello())

# dir(), __getattr__ fallback, properties next to inline attributes.
class G:
    def __init__(self):
        self.real = 1

    def __getattr__(self, name):
        return "missing " + name

    @property
    def p(self):
        return self.real * 2


g = G()
print(g.real, g.other, g.p, [x for x in dir(g) if not x.startswith("__")])

# Built-in subclass instances keep attributes too.
class L(list):
    pass


lst = L([1, 2])
lst.tag = "t"
print(lst, lst.tag, vars(lst))

# __slots__ classes.
class Sl:
    __slots__ = ("a", "b")


s = Sl()
s.b = 2
s.a = 1
print(s.a, s.b)
try:
    s.c = 3
except AttributeError:
    print("AttributeError")

# An overwritten value is not kept alive by the instance, with or without a dict.
class T:
    pass


for make_dict in (False, True):
    h = P(T(), 0)
    if make_dict:
        h.__dict__
    r = weakref.ref(h.x)
    h.x = None
    gc.collect()
    print("old value dead:", r() is None)
    h.x = T()
    r = weakref.ref(h.x)
    del h.x
    gc.collect()
    print("deleted value dead:", r() is None)

# Instances with attributes survive collections with their values.
keep = [P(i, str(i)) for i in range(1000)]
gc.collect()
print(sum(p.x for p in keep), keep[999].y)
for p in keep[::2]:
    p.__dict__
gc.collect()
print(sum(p.x for p in keep), keep[998].y, vars(keep[4]))

# __dict__ assignment, object.__new__, plain object() instances.
class A:
    pass
a = A()
a.__dict__ = {'x': 1, 'y': 2}
print(a.x, a.y, vars(a))
a.z = 3
print(vars(a))
try:
    a.__dict__ = 5
except TypeError as e:
    print(e)
b = object.__new__(A)
b.q = 1
print(vars(b))
print(A.__dict__['__module__'])
class B(A):
    def __init__(self):
        self.__dict__['k'] = 9
print(B().k, vars(B()))
o = object()
try:
    o.x = 1
except AttributeError as e:
    print(e)
try:
    vars(o)
except TypeError as e:
    print(e)
print(hasattr(o, '__dict__'))
