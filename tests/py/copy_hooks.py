# copy and deepcopy: the memo (shared and cyclic parts, a caller's memo), the hooks
# (__copy__, __deepcopy__, __reduce_ex__, __reduce__, __getstate__/__setstate__,
# __getnewargs__), slots, subclasses of built-in types, and things never copied.
import copy


class Node:
    def __init__(self, name, *children):
        self.name = name
        self.children = list(children)

    def __repr__(self):
        return "Node(%s)" % self.name


leaf = Node("leaf")
root = Node("root", leaf, leaf)
root.children.append(root)
dup = copy.deepcopy(root)
print(dup, dup is root, dup.children[0] is dup.children[1], dup.children[0] is leaf,
      dup.children[2] is dup)
shallow = copy.copy(root)
print(shallow is root, shallow.children is root.children, shallow.__dict__ == root.__dict__)

# A caller's memo is filled in and consulted.
memo = {}
a = [1, 2]
b = copy.deepcopy({"x": a, "y": (a, [a])}, memo)
print(b["x"] is b["y"][0], b["y"][1][0] is b["x"], memo[id(a)] is b["x"])
pre = {id(a): "replacement"}
print(copy.deepcopy([a, a], pre))
kept = memo[id(memo)]
print(type(kept).__name__, any(o is a for o in kept))

# Tuples: kept when nothing inside changes, copied otherwise; cycles through a list.
t = (1, "s", (2, 3))
print(copy.deepcopy(t) is t, copy.copy(t) is t)
lst = []
tup = (lst,)
lst.append(tup)
dt = copy.deepcopy(tup)
print(dt is tup, dt[0] is lst, dt[0][0] is dt)


# The hooks.
class Counted:
    log = []

    def __init__(self, v):
        self.v = v

    def __copy__(self):
        Counted.log.append("copy")
        return Counted(self.v)

    def __deepcopy__(self, memo):
        Counted.log.append("deepcopy %s" % (type(memo).__name__,))
        return Counted(copy.deepcopy(self.v, memo))


c = Counted([1])
c2, c3 = copy.copy(c), copy.deepcopy(c)
print(c2.v is c.v, c3.v is c.v, c3.v == c.v, Counted.log)
shared = copy.deepcopy([c, c])
print(shared[0] is shared[1], Counted.log[-1])


class ViaReduceEx:
    def __init__(self, a, b=0):
        self.a, self.b = a, b

    def __reduce_ex__(self, protocol):
        return (ViaReduceEx, (self.a,), {"b": self.b, "proto": protocol})


r = copy.deepcopy(ViaReduceEx([5], 7))
print(type(r).__name__, r.a, r.b, r.proto)
r = copy.copy(ViaReduceEx([5], 7))
print(r.a, r.b, r.proto)


class ViaReduce:
    def __init__(self, items):
        self.items = items

    def __reduce__(self):
        return (ViaReduce, (list(self.items),))


src = ViaReduce([[1], [2]])
r1, r2 = copy.copy(src), copy.deepcopy(src)
print(r1.items == src.items, r1.items is src.items, r1.items[0] is src.items[0],
      r2.items[0] is src.items[0])


class Singleton:
    def __reduce__(self):
        return "Singleton"


s = Singleton()
print(copy.copy(s) is s, copy.deepcopy(s) is s)


class Stateful:
    def __init__(self):
        self.secret = "s"
        self.cache = {"big": 1}

    def __getstate__(self):
        return {"secret": self.secret}

    def __setstate__(self, state):
        self.secret = state["secret"] * 2
        self.cache = "rebuilt"


st = copy.deepcopy(Stateful())
print(st.secret, st.cache, copy.copy(Stateful()).cache)


class Point:
    def __new__(cls, x, y):
        self = object.__new__(cls)
        self.x, self.y = x, y
        return self

    def __getnewargs__(self):
        return (self.x, self.y)


p = copy.deepcopy(Point(1, [2]))
print(type(p).__name__, p.x, p.y)


class Slots:
    __slots__ = ("a", "b", "c")

    def __init__(self):
        self.a = [1]
        self.b = "b"


class MoreSlots(Slots):
    __slots__ = "d"


ms = MoreSlots()
ms.d = {"k": ms.a}
cs, ds = copy.copy(ms), copy.deepcopy(ms)
print(cs.a is ms.a, ds.a is ms.a, ds.a, ds.d["k"] is ds.a, hasattr(ds, "c"), ds.b)


class SlotsAndDict:
    __slots__ = ("s", "__dict__")


sd = SlotsAndDict()
sd.s = [1]
sd.other = [2]
cd = copy.deepcopy(sd)
print(cd.s, cd.other, cd.s is sd.s)


# Subclasses of built-in types keep their type, contents and attributes.
class MyList(list):
    pass


class MyDict(dict):
    pass


class MyInt(int):
    pass


class MyStr(str):
    pass


class MyTuple(tuple):
    pass


class MySet(set):
    def __init__(self, *args):
        print("  MySet.__init__", len(args))
        super().__init__(*args)


ml = MyList([[1], 2])
ml.tag = "L"
md = MyDict(k=[1])
md.tag = "D"
mi = MyInt(7)
mi.tag = "I"
mst = MyStr("abc")
mst.tag = "S"
for obj in (ml, md, mi, mst, MyTuple((1, [2]))):
    c1, c2 = copy.copy(obj), copy.deepcopy(obj)
    print(type(c1).__name__, c1, getattr(c1, "tag", None), type(c2).__name__, c2,
          getattr(c2, "tag", None), c2 == obj)
print(copy.copy(ml)[0] is ml[0], copy.deepcopy(ml)[0] is ml[0], copy.deepcopy(md)["k"] is md["k"])
mset = MySet([1, 2])
c1 = copy.copy(mset)
c2 = copy.deepcopy(mset)
print(type(c1).__name__, sorted(c1), type(c2).__name__, sorted(c2))

# Never copied: functions, classes, ranges, strings, None...
def fn():
    pass


for obj in (fn, len, Node, range(3), "str", b"b", None, 3.5, 2 ** 70, Ellipsis, NotImplemented):
    print(copy.copy(obj) is obj, copy.deepcopy(obj) is obj, end="; ")
print()
fs = frozenset([1, 2])
print(copy.copy(fs) is fs, copy.deepcopy(fs) == fs, copy.copy([]) is not [], copy.copy({1}) == {1})
ba = bytearray(b"xy")
print(copy.copy(ba), copy.copy(ba) is ba, copy.deepcopy([ba, ba])[1])
print(copy.Error is copy.error, issubclass(copy.Error, Exception))
