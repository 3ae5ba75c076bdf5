# functools beyond the basics: partial flattening and keyword merging, partialmethod
# on functions/classmethods/staticmethods/callables, total_ordering from each root
# (with NotImplemented), cmp_to_key, lru_cache keys (typed, keyword order),
# cached_property errors, singledispatch over MROs and ABCs, singledispatchmethod.
import functools
from functools import (partial, partialmethod, total_ordering, cmp_to_key, lru_cache,
                       cached_property, singledispatch, singledispatchmethod)
from collections.abc import Sequence, Iterable, Sized, Container, Mapping


def show(*args, **kw):
    return "show(%s | %s)" % (", ".join(map(repr, args)),
                             ", ".join("%s=%r" % kv for kv in sorted(kw.items())))


# partial
p1 = partial(show, 1, a="x")
p2 = partial(p1, 2, a="y", b="z")
print(p2(3, c=4), p2.func is show, p2.args, sorted(p2.keywords.items()))
print(p1(a="call"), p1.keywords, partial(show)(), partial(show, k=None)(k=0))


class MyPartial(partial):
    pass


mp = MyPartial(p1, 5)
print(type(mp).__name__, mp.func is p1, mp.args, mp(6))
p1.tag = "has a dict"
print(partial(p1, 7).func is p1, partial(p1, 7).args, MyPartial(p1, 8).args)
print(repr(partial(show, 1, key="v")).split("(", 1)[0], partial(show, 1).__reduce__()[1][0] is show)
print(partial(show, 1, k=2).__reduce__()[2][1:], p1.__reduce__()[2][3])


pp = partial(show)
pp.attr = "dict ok"
print(pp.attr, pp.__dict__["attr"])


# partialmethod
class Cell:
    def __init__(self, v):
        self.v = v

    def _set(self, value, note=""):
        return "set %s -> %s %s" % (self.v, value, note)

    set_one = partialmethod(_set, 1)
    set_two = partialmethod(_set, 2, note="two")
    set_again = partialmethod(set_two, note="again")

    @classmethod
    def _make(cls, a, b):
        return "%s.make(%s, %s)" % (cls.__name__, a, b)

    make_1 = partialmethod(_make, 1)

    @staticmethod
    def _static(a, b):
        return "static(%s, %s)" % (a, b)

    static_x = partialmethod(_static, "x")

    class _Callable:
        def __call__(self, *args):
            return "callable got %d args" % len(args)

    callable_pm = partialmethod(_Callable(), "extra")


c = Cell(7)
print(c.set_one(), c.set_two(), c.set_again(), c.set_one(note="kw"))
print(Cell.set_one(Cell(8)), Cell.set_two(c, note="override"))
print(c.make_1(5), Cell.make_1(6), c.static_x("y"), Cell.static_x("z"))
print(c.callable_pm(), Cell.callable_pm(c))
print(Cell.__dict__["set_again"].func is Cell._set, Cell.__dict__["set_again"].args,
      Cell.__dict__["set_again"].keywords)
try:
    partialmethod(5)
except TypeError as e:
    print("TypeError", e)


# total_ordering from each root
def ordered(root):
    class V:
        def __init__(self, v):
            self.v = v

        def __eq__(self, other):
            if not isinstance(other, V):
                return NotImplemented
            return self.v == other.v

    def cmp(self, other):
        if not isinstance(other, V):
            return NotImplemented
        return {"__lt__": self.v < other.v, "__le__": self.v <= other.v,
                "__gt__": self.v > other.v, "__ge__": self.v >= other.v}[root]
    cmp.__name__ = root
    setattr(V, root, cmp)
    return total_ordering(V)


for root in ("__lt__", "__le__", "__gt__", "__ge__"):
    V = ordered(root)
    a, b, a2 = V(1), V(2), V(1)
    print(root, [a < b, a <= b, a > b, a >= b, b < a, b > a, a <= a2, a >= a2, a < a2, a > a2],
          [V.__dict__[n].__name__ for n in ("__lt__", "__le__", "__gt__", "__ge__")])
    print("   ", getattr(V, "__lt__")(a, 5), getattr(V, "__ge__")(a, 5), a == 5)
    try:
        a < 5
    except TypeError:
        print("    TypeError comparing with int")
try:
    @total_ordering
    class Nothing:
        pass
except ValueError as e:
    print("ValueError", e)


@total_ordering
class Both:
    def __init__(self, v):
        self.v = v

    def __gt__(self, other):
        return self.v > other.v

    def __le__(self, other):
        return "custom le"


print(Both(1) <= Both(2), Both(1) < Both(2), Both(3) >= Both(2), Both.__lt__.__name__)


# cmp_to_key
def by_len_then_alpha(a, b):
    if len(a) != len(b):
        return len(a) - len(b)
    return (a > b) - (a < b)


words = ["pear", "fig", "apple", "kiwi", "date"]
print(sorted(words, key=cmp_to_key(by_len_then_alpha)))
print(sorted(words, key=cmp_to_key(lambda a, b: by_len_then_alpha(b, a))))
K = cmp_to_key(by_len_then_alpha)
k1, k2 = K("ab"), K("cd")
print(k1 < k2, k1 > k2, k1 == K("ab"), k1 <= k2, k1 >= k2, k1 != k2, k1.obj)
try:
    hash(k1)
except TypeError:
    print("K is unhashable")
print(max(words, key=cmp_to_key(by_len_then_alpha)), min([3, 1, 2], key=cmp_to_key(lambda a, b: a - b)))

# lru_cache keys
seen = []


@lru_cache(maxsize=None)
def untyped(*args, **kw):
    seen.append((args, sorted(kw.items())))
    return len(seen)


@lru_cache(typed=True)
def typed(x):
    seen.append(("typed", x))
    return type(x).__name__


print(untyped(1), untyped(1.0), untyped(True), untyped("1"), untyped(a=1, b=2), untyped(b=2, a=1),
      untyped(a=1, b=2))
print(typed(1), typed(1.0), typed(True), typed(1), typed.cache_info())
print(untyped.cache_info(), untyped.cache_parameters(), typed.cache_parameters())


@lru_cache(maxsize=3)
def sq(x):
    seen.append(("sq", x))
    return x * x


seen.clear()
for x in (1, 2, 3, 1, 4, 2, 1, 5, 3):
    sq(x)
print([s[1] for s in seen], sq.cache_info())
try:
    lru_cache("nope")
except TypeError as e:
    print("TypeError", e)
print(lru_cache(maxsize=-5)(lambda: 1).cache_info().maxsize)


# cached_property
class Lazy:
    def __init__(self):
        self.computed = 0

    @cached_property
    def value(self):
        """the value"""
        self.computed += 1
        return [self.computed]


z = Lazy()
print(z.value, z.value is z.value, z.computed, "value" in z.__dict__, Lazy.value.__doc__,
      type(Lazy.value).__name__, Lazy.value.attrname)
del z.value
print(z.value, z.computed)
z.value = "assigned"
print(z.value)


class NoDict:
    __slots__ = ("a",)

    @cached_property
    def cp(self):
        return 1


try:
    NoDict().cp
except TypeError as e:
    print("TypeError", e)
orphan = cached_property(lambda self: 1)
try:
    orphan.__get__(Lazy())
except TypeError as e:
    print("TypeError", e)
try:
    class Twice:
        a = cached_property(lambda self: 1)
        b = a
except (TypeError, RuntimeError) as e:
    print("refused:", e.__cause__ if e.__cause__ is not None else e)


# singledispatch
@singledispatch
def kind(obj, suffix=""):
    """What is obj?"""
    return "object" + suffix


@kind.register(int)
def _(obj, suffix=""):
    return "int" + suffix


@kind.register(str)
def _(obj, suffix=""):
    return "str" + suffix


kind.register(list, lambda obj, suffix="": "list" + suffix)
kind.register(Sequence)(lambda obj, suffix="": "sequence" + suffix)
kind.register(Mapping, lambda obj, suffix="": "mapping" + suffix)


class MyList(list):
    pass


class MyTuple(tuple):
    pass


print(kind(1), kind(True), kind("s", suffix="!"), kind([1]), kind(MyList()), kind(()),
      kind(MyTuple()), kind({}), kind(3.5), kind(range(2)))
print(kind.__name__, kind.__doc__, kind.dispatch(bool)(0), kind.dispatch(dict)(0),
      sorted(c.__name__ for c in kind.registry))
try:
    kind()
except TypeError as e:
    print("TypeError", e)
try:
    kind.register(5, lambda x: x)
except TypeError as e:
    print("TypeError", e)
try:
    kind.register(lambda x: x)
except TypeError as e:
    print("TypeError", e.args[0].split(":")[0])


@singledispatch
def ambiguous(obj):
    return "base"


ambiguous.register(Sized, lambda obj: "sized")
ambiguous.register(Container, lambda obj: "container")


class SizedBox:
    def __len__(self):
        return 0

    def __contains__(self, x):
        return False


class OnlySized:
    def __len__(self):
        return 0


print(ambiguous(OnlySized()), ambiguous(5))
try:
    ambiguous(SizedBox())
except RuntimeError as e:
    print("RuntimeError", str(e).startswith("Ambiguous dispatch"))
ambiguous.register(SizedBox, lambda obj: "exact")
print(ambiguous(SizedBox()))


# singledispatch picks up a later ABC registration.
@singledispatch
def iterable_or_not(obj):
    return "no"


iterable_or_not.register(Iterable, lambda obj: "iterable")


class Later:
    pass


print(iterable_or_not(Later()), iterable_or_not([]))
Iterable.register(Later)
print(iterable_or_not(Later()))


# singledispatchmethod
class Formatter:
    def __init__(self, prefix):
        self.prefix = prefix

    @singledispatchmethod
    def fmt(self, arg):
        """format something"""
        return "%s object %r" % (self.prefix, arg)

    @fmt.register(int)
    def _(self, arg):
        return "%s int %d" % (self.prefix, arg)

    @fmt.register(list)
    def _(self, arg):
        return "%s list of %d" % (self.prefix, len(arg))

    @singledispatchmethod
    @classmethod
    def make(cls, arg):
        return "%s.make object" % cls.__name__

    @make.register(str)
    @classmethod
    def _(cls, arg):
        return "%s.make str %s" % (cls.__name__, arg)


f = Formatter(">")
print(f.fmt(1), f.fmt([1, 2]), f.fmt("s"), f.fmt(True), Formatter.fmt(f, 2))
print(f.fmt.__name__, f.fmt.__doc__, Formatter.make("x"), f.make(1.5))
try:
    singledispatchmethod(5)
except TypeError as e:
    print("TypeError", e)
print(functools.reduce(lambda acc, x: acc + [x * 2], [1, 2, 3], []))
