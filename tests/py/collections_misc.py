from collections import namedtuple, defaultdict, OrderedDict, Counter, ChainMap

Point = namedtuple("Point", "x y")
p = Point(1, 2)
print(p, p.x, p.y, p[0], p[1], len(p), tuple(p), p == (1, 2), isinstance(p, tuple))
print(Point._fields, Point._make([3, 4]), p._asdict(), p._replace(y=9), p)
print(Point(x=5, y=6), Point(7, y=8), hash(p) == hash((1, 2)))
x, y = p
print(x, y, Point.__name__, type(p).__name__)
P3 = namedtuple("P3", ["a", "b", "c"], defaults=[0, 1])
print(P3(9), P3(9, 8), P3._field_defaults)
R = namedtuple("R", "a, def, a, _x", rename=True)
print(R._fields)
One = namedtuple("One", "v")
print(One(1), One._make([2]))
try:
    Point(1)
except TypeError:
    print("TypeError")
try:
    Point._make([1, 2, 3])
except TypeError as e:
    print("TypeError", e)
try:
    p._replace(z=1)
except (TypeError, ValueError):
    print("bad replace")
for bad in ("a b a", "a _b", "a def", "1a"):
    try:
        namedtuple("T", bad)
    except ValueError as e:
        print("ValueError", e)
try:
    p.x = 5
except AttributeError:
    print("AttributeError")


class Sub(Point):
    def norm(self):
        return self.x ** 2 + self.y ** 2


print(Sub(3, 4).norm(), Sub(3, 4))

d = defaultdict(list)
d["a"].append(1)
d["a"].append(2)
d["b"]
print(d, d.default_factory, dict(d), "c" in d)
n = defaultdict(int, {"x": 1}, y=2)
n["z"] += 1
print(sorted(n.items()))
e = defaultdict()
try:
    e["k"]
except KeyError as err:
    print("KeyError", err)
try:
    defaultdict(1)
except TypeError as err:
    print("TypeError", err)
print(repr(defaultdict(int)), d.copy(), type(d.copy()).__name__)

o = OrderedDict()
o["b"] = 1
o["a"] = 2
o["c"] = 3
print(list(o), list(o.items()))
o.move_to_end("b")
print(list(o))
o.move_to_end("b", last=False)
print(list(o))
print(o.popitem(), o.popitem(last=False), list(o))
try:
    o.move_to_end("zz")
except KeyError:
    print("KeyError")
o1 = OrderedDict([(1, 1), (2, 2)])
o2 = OrderedDict([(2, 2), (1, 1)])
print(o1 == o2, o1 == dict(o2), dict(o1) == dict(o2), list(reversed(o1)))
try:
    OrderedDict().popitem()
except KeyError:
    print("KeyError")

c = Counter("abracadabra")
print(c.most_common(3), c["a"], c["z"], c.total() if hasattr(c, "total") else 11)
print(sorted(c.elements()))
c.update("aaz")
c.subtract({"a": 2, "q": 1})
print(sorted(c.items()))
a = Counter(a=3, b=1)
b = Counter(a=1, b=2)
print(sorted((a + b).items()), sorted((a - b).items()), sorted((a | b).items()), sorted((a & b).items()))
print(sorted((+Counter(a=1, b=-1)).items()), sorted((-Counter(a=1, b=-1)).items()))
print(Counter(), Counter({"x": 2}), Counter([1, 1, 2]) == Counter({1: 2, 2: 1}))
del c["nothere"]
cc = Counter(a=2)
cc += Counter(a=-3, b=1)
print(cc)
print(Counter("aab").most_common(), Counter("aab").most_common(0))

base = {"a": 1, "b": 2}
over = {"b": 20, "c": 30}
cm = ChainMap(over, base)
print(cm["a"], cm["b"], cm["c"], len(cm), sorted(cm), "a" in cm, cm.get("zz", 0))
cm["a"] = 100
print(over, base)
child = cm.new_child()
child["q"] = 1
print(child.maps[0], len(child.maps), child.parents.maps == cm.maps)
try:
    cm["nope"]
except KeyError:
    print("KeyError")
try:
    del cm["b"]
    del cm["b"]
except KeyError as e:
    print("KeyError", e)
print(ChainMap(), dict(ChainMap({1: 2}, {3: 4})) == {1: 2, 3: 4})
