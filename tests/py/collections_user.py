# UserDict, UserList and UserString (forwarding, re-wrapping of results, subclass
# hooks, copies), ChainMap (lookups through the chain, writes to the first map, the
# error messages), Counter comparisons and in-place operators, namedtuple defaults,
# OrderedDict.setdefault.
import copy
from collections import (UserDict, UserList, UserString, ChainMap, Counter, namedtuple,
                         OrderedDict, defaultdict)
from collections.abc import MutableMapping, MutableSequence, Sequence, Mapping

# ---- UserDict
d = UserDict({"a": 1}, b=2)
d["c"] = 3
del d["a"]
print(d, len(d), "b" in d, "a" in d, list(d), d.get("b"), d.get("zz", "dflt"), d.data)
print(isinstance(d, MutableMapping), d == {"b": 2, "c": 3}, d == UserDict(b=2, c=3), d != {"b": 2})
print(sorted(d.items()), sorted(d.keys()), sorted(d.values()), type(d.keys()).__name__)
print(d.pop("b"), d.setdefault("x", 9), d.popitem(), d)
d.update([("p", 1)], q=2)
d.update(UserDict(r=3))
print(d, d | {"s": 4}, {"s": 4} | d, type(d | {}).__name__)
d |= UserDict(t=5)
print(d, UserDict(dict={"not": "positional-only"}), UserDict(None), UserDict())
try:
    del d["missing"]
except KeyError as e:
    print("KeyError", e)
try:
    d["missing"]
except KeyError as e:
    print("KeyError", e)
print(d.__or__(5), UserDict.fromkeys("ab", 0), UserDict.fromkeys([1]))


class Defaulting(UserDict):
    def __missing__(self, key):
        return "missing " + str(key)


dd = Defaulting(k="v")
dd.note = "attr"
print(dd["k"], dd["nope"], "nope" in dd)
c1, c2 = dd.copy(), copy.copy(dd)
print(type(c1).__name__, c1, c1.note, c1.data is dd.data, type(c2).__name__, c2.note, c2.data is dd.data)
print(type(UserDict(a=1).copy()).__name__, copy.deepcopy(dd)["k"], dd.clear(), dd, len(dd))

# ---- UserList
ul = UserList([3, 1, 2])
ul.append(5)
ul.insert(0, 9)
ul.extend(UserList([7]))
ul.extend((8,))
print(ul, len(ul), ul[0], ul[-1], ul[1:3], type(ul[1:3]).__name__, 5 in ul, 4 in ul)
print(ul.pop(), ul.pop(0), ul.count(1), ul.index(2), ul.index(7, 1), ul)
ul.remove(5)
ul.sort()
print(ul, ul.reverse(), ul)
ul.sort(key=lambda v: -v, reverse=True)
print(ul, list(reversed(ul)), list(iter(ul)), ul.copy(), type(ul.copy()).__name__)
ul[0] = "x"
del ul[1]
print(ul, ul + [1], [1] + ul, ul + UserList([2]), ul + (3,), type([1] + ul).__name__, ul * 2, 2 * ul)
ul += [4]
ul += UserList([5])
ul += (6,)
ul *= 2
print(ul, type(ul).__name__)
a, b = UserList([1, 2]), UserList([1, 3])
print(a < b, a <= [1, 2], a == [1, 2], a == UserList([1, 2]), a != b, a > [0], a >= b, a == (1, 2))
try:
    a < 5
except TypeError:
    print("TypeError comparing with int")
try:
    hash(a)
except TypeError:
    print("UserList is unhashable")
print(UserList(), UserList("ab"), UserList(UserList([1])), UserList((1, 2)).data,
      isinstance(a, MutableSequence))
src = [1, 2]
print(UserList(src).data is src, UserList(a).data is a.data)
ul.clear()
print(ul, bool(ul), bool(a))


class Tagged(UserList):
    pass


t = Tagged([1, [2]])
t.tag = "T"
c1, c2 = copy.copy(t), t.copy()
print(type(c1).__name__, c1, c1.tag, c1.data is t.data, c1[1] is t[1], type(c2).__name__,
      type(t[:1]).__name__, type(t + t).__name__)
try:
    a.index(42)
except ValueError:
    print("ValueError from index")
try:
    a.remove(42)
except ValueError:
    print("ValueError from remove")

# ---- UserString
s = UserString("Hello, World")
print(s, repr(s), len(s), s[0], type(s[0]).__name__, s[-5:], type(s[1:]).__name__, "World" in s,
      UserString("lo") in s, str(s) == "Hello, World")
for name in ("upper", "lower", "swapcase", "title", "capitalize", "casefold", "strip",
             "lstrip", "rstrip"):
    r = getattr(s, name)()
    print(name, repr(r), type(r).__name__, end="; ")
print()
print(s.center(16, "*"), s.ljust(14, "."), s.rjust(14), s.zfill(15), s.expandtabs(),
      type(s.center(20)).__name__)
print(s.count("l"), s.count(UserString("l")), s.count("l", 5), s.find("o"), s.find(UserString("o"), 5),
      s.rfind("o"), s.rfind(UserString("o")), s.index("W"), s.rindex("l"), s.startswith("Hell"), s.endswith(("d", "x")))
print(s.split(", "), s.rsplit("o", 1), s.partition(", "), s.rpartition("o"), "a\nb\n".splitlines(),
      UserString("a\nb").splitlines(True), type(s.split()[0]).__name__)
print(s.replace("l", "L"), s.replace(UserString("World"), UserString("There")), s.replace("l", "", 2),
      type(s.replace("x", "y")).__name__)
print(s.removeprefix("Hello"), s.removesuffix(UserString("World")), type(s.removeprefix("H")).__name__)
print(UserString("-").join(["a", "b"]), type(UserString("-").join("ab")).__name__,
      UserString("{0}-{x}").format(1, x=2), UserString("{x}").format_map({"x": 3}))
print(s.isalpha(), UserString("abc").isalpha(), UserString("42").isdigit(), UserString("4.2").isdecimal(),
      UserString("x_1").isidentifier(), UserString(" ").isspace(), UserString("Ab Cd").istitle(),
      UserString("ab").islower(), UserString("AB").isupper(), UserString("a1").isalnum(),
      UserString("1").isnumeric(), UserString("\t").isprintable(), UserString("é").isascii())
print(s.encode(), UserString("é").encode("latin-1"), s.encode(None, None),
      s.translate(str.maketrans("lo", "01")), type(s.translate({})).__name__,
      UserString.maketrans("a", "b") == str.maketrans("a", "b"))
print(s + "!", s + UserString("?"), s + 5, "<" + s, 5 + UserString("x") if False else "skip",
      s * 2, 2 * UserString("ab"), type(s + "").__name__, type("" + s).__name__)
print(UserString("%s and %d") % ("x", 3), UserString("%s") % "y", "[%s]" % UserString("z"),
      type(UserString("%s") % 1).__name__)
print(s == "Hello, World", s == UserString("Hello, World"), s < "Z", s > UserString("A"),
      s <= "Hello, World", s >= "Hello", s != "x", hash(s) == hash("Hello, World"))
print(int(UserString("12")), float(UserString("1.5")), UserString("1+2j").__complex__ is not None,
      UserString(42), UserString(UserString("copy")), UserString(["l"]), isinstance(s, Sequence))
print([c for c in UserString("abc")], type(list(UserString("ab"))[0]).__name__,
      list(reversed(UserString("abc"))), UserString("banana").index("an", 2), s.__getnewargs__())
try:
    s.index("zzz")
except ValueError as e:
    print("ValueError", e)
print(sorted([UserString("b"), UserString("a")]), {UserString("k"): 1}[UserString("k")],
      copy.copy(UserString("c")), type(copy.deepcopy(UserString("d"))).__name__)

# ---- ChainMap
base = {"a": 1, "b": 2}
over = {"b": 20, "c": 30}
cm = ChainMap(over, base)
print(cm["a"], cm["b"], cm.get("c"), cm.get("z", 0), len(cm), list(cm), "a" in cm, "z" in cm)
print(sorted(cm.items()), sorted(cm.keys()), sorted(cm.values()), type(cm.keys()).__name__,
      isinstance(cm, MutableMapping), bool(cm), bool(ChainMap({}, {})))
cm["a"] = 100
del cm["c"]
print(cm, base, over, cm.maps[0] is over)
for action in (lambda: cm.__delitem__("a"), lambda: cm.__delitem__("zz"), lambda: cm.pop("zz"),
               lambda: ChainMap({}, {"x": 1}).popitem(), lambda: cm.pop("zz", "dflt"),
               lambda: cm["zz"]):
    try:
        print("ok", action())
    except KeyError as e:
        print("KeyError", e, type(e.__context__).__name__)
print(cm, cm.popitem(), cm)
child = cm.new_child()
child["new"] = 1
print(child, child.parents, child.parents.maps[0] is over, cm.new_child({"m": 1}, k=2),
      cm.new_child(k=3).maps[0])
dcm = ChainMap(defaultdict(lambda: "made"), {"x": 1})
print(dcm["x"], dict(dcm.maps[0]))
cp = cm.copy()
cp["only"] = 1
print(cp.maps[0] is cm.maps[0], cp.maps[1] is cm.maps[1], "only" in cm, type(copy.copy(cm)).__name__)
print(ChainMap.fromkeys("ab", 0), ChainMap(), ChainMap({1: 2}) == {1: 2}, cm | {"or": 1},
      {"ror": 1} | ChainMap({"x": 1}, {"ror": 2}), type({"r": 1} | cm).__name__)
cm |= {"ior": 1}
print(cm.maps[0], cm.setdefault("sd", 5), cm.maps[0]["sd"], cm.__or__(5), ChainMap().__ror__(5))
cm.clear()
print(cm, base)


class Missing(ChainMap):
    def __missing__(self, key):
        return "no " + key


print(Missing({"a": 1})["b"], Missing({"a": 1}).get("b", "dflt"))
loop = ChainMap({})
loop.maps[0]["self"] = loop
print(loop)

# ---- Counter
x, y = Counter(a=3, b=1), Counter(a=1, b=1, c=2)
print(x == y, x != y, Counter(a=1) == Counter(a=1, b=0), Counter(a=1) != Counter(a=1, b=0))
print(Counter(a=1) <= Counter(a=2), Counter(a=1) < Counter(a=1), Counter(a=1) < Counter(a=1, b=1),
      x >= Counter(a=3), x > Counter(a=3, b=1), Counter() <= Counter(a=-1))
print(x.__eq__({}), x.__le__(5), x == {"a": 3, "b": 1}, (x + y).most_common(), (x - y), x | y, x & y)
print(+Counter(a=2, b=0, c=-1), -Counter(a=2, b=0, c=-1), Counter(a=2) + Counter(a=-2))
z = Counter(a=3, b=1, d=-2)
z += Counter(b=-1, c=2)
print(z)
z = Counter(a=3, b=1, d=-2)
z -= Counter(a=1, e=-4)
print(z)
z = Counter(a=3, b=1, d=-2)
z |= Counter(a=1, b=5, c=0, f=2)
print(z)
z = Counter(a=3, b=1, d=-2)
z &= Counter(a=2, d=5)
print(z, z.total(), Counter("abbccc").most_common(2), Counter("ab").most_common(-1))
del z["not-there"]
print(repr(Counter({"x": "1", "y": 2}))[:8], Counter(a=1).copy(), Counter(a=1).__reduce__())
try:
    Counter.fromkeys("ab")
except NotImplementedError as e:
    print("NotImplementedError", e)
try:
    x < 5
except TypeError:
    print("TypeError comparing Counter with int")

# ---- namedtuple defaults, OrderedDict.setdefault
P = namedtuple("P", "x y z", defaults=[2, 3])
print(P(1), P(1, 5), P._field_defaults, P.__new__.__defaults__, P(0, 0, 0)._replace(y=9))
Q = namedtuple("Q", ["a"], defaults=())
print(Q._field_defaults, Q(1), namedtuple("R", "a b", defaults=iter([7, 8]))())
try:
    namedtuple("S", "a", defaults=(1, 2))
except TypeError as e:
    print("TypeError", e)
od = OrderedDict(a=1)
print(od.setdefault("a", 5), od.setdefault("b", 6), od.setdefault("c"), list(od.items()))
