# The mixin methods of collections.abc, driven through small user classes: Set algebra
# and comparisons, MutableSet in-place operators, Mapping views, MutableMapping
# methods, Sequence index/count/reversed, MutableSequence methods, and structural
# recognition / registration.
from collections.abc import (Set, MutableSet, Mapping, MutableMapping, Sequence,
                             MutableSequence, Sized, Iterable, Iterator, Container,
                             Collection, Callable, Hashable, Reversible, Generator,
                             KeysView, ItemsView, ValuesView, MappingView)


class Bag(Set):
    """An immutable set over a list, remembering insertion order."""

    def __init__(self, items=()):
        self.items = []
        for x in items:
            if x not in self.items:
                self.items.append(x)

    def __contains__(self, x):
        return x in self.items

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)

    def __repr__(self):
        return "Bag(%r)" % (self.items,)

    __hash__ = Set._hash


class Box(Bag, MutableSet):
    def add(self, x):
        if x not in self.items:
            self.items.append(x)

    def discard(self, x):
        if x in self.items:
            self.items.remove(x)

    def __repr__(self):
        return "Box(%r)" % (self.items,)


a, b = Bag([1, 2, 3, 4]), Bag([3, 4, 5])
print("ops", a & b, a | b, a - b, b - a, a ^ b)
print("with list", a & [4, 1, 9], a | [9], a - [1, 2], a ^ [1, 7])
print("reflected", [4, 1, 9] & a, [9] | a, [1, 2, 9] - a, [1, 7] ^ a)
print("with set", sorted(a - {1}), sorted({1, 2, 9} - a))
print("not iterable", end=" ")
for op in ("__and__", "__or__", "__sub__", "__rsub__", "__xor__"):
    print(getattr(a, op)(5) is NotImplemented, end=" ")
print()
try:
    a & 5
except TypeError:
    print("TypeError for a & 5")
print("cmp", a <= a, a < a, Bag([1, 2]) < a, a > Bag([1, 2]), a >= Bag([4, 3, 2, 1]))
print("cmp", a == Bag([4, 3, 2, 1]), a != Bag([4, 3, 2, 1]), a == b, a == [1, 2, 3, 4])
print("cmp", Bag([1, 9]) <= a, a >= Bag([1, 9]), a.__le__([1]) is NotImplemented)
print("set and Bag", a == {1, 2, 3, 4}, {1, 2} <= a, a >= {1, 2}, frozenset(a) == a)
print("disjoint", a.isdisjoint([7, 8]), a.isdisjoint(iter([8, 4])), a.isdisjoint(b))
print("hash", hash(Bag()), hash(Bag([1])), hash(Bag([1, 2, 3])), hash(Bag([3, 2, 1])),
      hash(Bag([-1, -2, 2 ** 40])), hash(Bag(range(100))))
print("hashable", isinstance(a, Hashable), {a: 1}[Bag([4, 3, 2, 1])])
print("Set.__hash__ is None:", Set.__hash__ is None)

m = Box([1, 2, 3])
m.add(4)
m.discard(10)
m.remove(1)
try:
    m.remove(1)
except KeyError as e:
    print("KeyError", e)
print("box", m, m.pop(), m)
m |= [7, 8]
print("|=", m)
m &= [3, 4, 7, 99]
print("&=", m)
m ^= [4, 5]
print("^=", m)
m -= Bag([5])
print("-=", m)
m ^= m
print("^= self", m)
m.add(1)
m -= m
print("-= self", m)
m = Box("abc")
m.clear()
print("cleared", m, len(m))
try:
    m.pop()
except KeyError as e:
    print("KeyError on empty pop", repr(e))


class Record(MutableMapping):
    def __init__(self, *args, **kw):
        self.store = {}
        self.log = []
        self.update(*args, **kw)

    def __getitem__(self, key):
        return self.store[key]

    def __setitem__(self, key, value):
        self.log.append(("set", key))
        self.store[key] = value

    def __delitem__(self, key):
        self.log.append(("del", key))
        del self.store[key]

    def __iter__(self):
        return iter(self.store)

    def __len__(self):
        return len(self.store)


class Pairs:
    def keys(self):
        return ["x", "y"]

    def __getitem__(self, k):
        return k * 2


r = Record({"a": 1}, b=2)
r.update([("c", 3)], d=4)
r.update(Pairs())
r.update(Record(e=5))
print(sorted(r.items()), r.log[:3])
print(r.get("a"), r.get("zz"), r.get("zz", 0), "a" in r, "zz" in r)
print(r.pop("a"), r.pop("zz", "dflt"))
try:
    r.pop("zz")
except KeyError as e:
    print("KeyError", e)
print(r.setdefault("b", 99), r.setdefault("new", 99), r.setdefault("none"), r["none"])
print(r.popitem(), len(r))
ks, its, vs = r.keys(), r.items(), r.values()
print(type(ks).__name__, type(its).__name__, type(vs).__name__)
print(sorted(ks), len(ks), "c" in ks, "q" in ks)
print(("c", 3) in its, ("c", 4) in its, ("q", 1) in its, 3 in vs, 33 in vs)
print(sorted(ks & {"c", "d", "q"}), sorted(ks | ["q"]), sorted(ks - ["c"]), type(ks & []).__name__)
print(isinstance(ks, Set), isinstance(vs, Set), isinstance(vs, Collection), isinstance(ks, MappingView))
print(repr(KeysView({1: 2})), repr(ValuesView({})), repr(ItemsView({"k": "v"})))
print(list(ItemsView({"k": "v", "j": 1})), list(ValuesView({"k": "v"})), len(ItemsView({1: 1})))
print(r == dict(r.items()), r == {}, r != dict(r.items()), r == 5)
r.clear()
print("cleared", len(r), r.log[-1][0])
try:
    r.popitem()
except KeyError:
    print("KeyError on empty popitem")
try:
    Record(5)
except TypeError as e:
    print("TypeError", e)
print(Mapping.__reversed__ is None, Mapping.__hash__ is None)


class Squares(Sequence):
    def __init__(self, n):
        self.n = n
        self.calls = 0

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        self.calls += 1
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self.n))]
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError(i)
        return i * i % 7


s = Squares(8)
print(list(s), list(reversed(s)), 2 in s, 3 in s, s.count(2), s.count(5))
print(s.index(2), s.index(2, 4), s.index(2, -5), s.index(1, -100), s.index(4, 0, 3))
for args in ((3,), (2, 4, 5), (0, 1), (1, -2, -1), (0, -1), (0, 7)):
    try:
        print(args, s.index(*args))
    except ValueError as e:
        print(args, "ValueError", repr(e))
print(s.index(2, 0, 1000), s[1:4], isinstance(s, Reversible), isinstance(s, Collection))


class Slots(MutableSequence):
    def __init__(self, *items):
        self.data = list(items)

    def __len__(self):
        return len(self.data)

    def __getitem__(self, i):
        return self.data[i]

    def __setitem__(self, i, v):
        self.data[i] = v

    def __delitem__(self, i):
        del self.data[i]

    def insert(self, i, v):
        self.data.insert(i, v)


q = Slots(1, 2, 3)
q.append(4)
q.extend([5, 6])
q.extend(q)
print(q.data)
q.reverse()
print(q.data, q.pop(), q.pop(0), q.data)
q.remove(3)
print(q.data)
try:
    q.remove(42)
except ValueError:
    print("ValueError on remove")
q += (7, 8)
print(q.data, type(q).__name__)
q.clear()
print(q.data)
try:
    q.pop()
except IndexError:
    print("IndexError on empty pop")
odd = Slots(1, 2, 3, 4, 5)
odd.reverse()
print(odd.data)


# Structural checks and registration.
class OnlyLen:
    def __len__(self):
        return 0


class NoLen(OnlyLen):
    __len__ = None


class Iter:
    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration


class Gen:
    def __iter__(self): return self
    def __next__(self): return 1
    def send(self, v): return v
    def throw(self, *a): raise StopIteration
    def close(self): pass


print(issubclass(OnlyLen, Sized), issubclass(NoLen, Sized), isinstance(OnlyLen(), Iterable))
print(issubclass(Iter, Iterator), issubclass(Iter, Iterable), issubclass(Iter, Container))
print(issubclass(Gen, Generator), issubclass(Iter, Generator), issubclass(Gen, Iterator))
print(issubclass(Squares, Reversible), issubclass(list, Reversible), issubclass(dict, Reversible))
print(isinstance(print, Callable), isinstance(OnlyLen, Callable), isinstance(OnlyLen(), Callable))
print(isinstance([], Hashable), isinstance((), Hashable), isinstance(NoLen(), Hashable))
print(isinstance(frozenset(), Set), isinstance(set(), MutableSet), isinstance(frozenset(), MutableSet))
print(isinstance({}.keys(), KeysView), isinstance({}.items(), Set), isinstance({}.values(), ValuesView))
print(isinstance("", Sequence), isinstance(b"", Sequence), isinstance(bytearray(), MutableSequence))
print(isinstance(range(3), Sequence), isinstance((x for x in ()), Generator), isinstance(iter(()), Iterator))


class Unrelated:
    pass


Sized.register(Unrelated)
print(issubclass(Unrelated, Sized), issubclass(Unrelated, Collection), isinstance(Unrelated(), Sized))


class SubSized(Sized):
    def __len__(self):
        return 1


class Quacks:
    def __len__(self):
        return 2


print(issubclass(Quacks, SubSized), issubclass(Quacks, Sized), len(SubSized()))
try:
    Sized()
except TypeError:
    print("Sized is abstract")
try:
    Sequence()
except TypeError:
    print("Sequence is abstract")
print(sorted(MutableMapping.__abstractmethods__), sorted(MutableSequence.__abstractmethods__))
print(sorted(MutableSet.__abstractmethods__), sorted(Generator.__abstractmethods__))
print(Set.__module__, MutableMapping.__name__, KeysView.__module__)
