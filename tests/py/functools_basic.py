import functools
from functools import (partial, reduce, wraps, lru_cache, cache, total_ordering,
                       cmp_to_key, cached_property, singledispatch, update_wrapper)
import operator

print(reduce(operator.add, [1, 2, 3, 4]), reduce(operator.add, [], 10), reduce(lambda a, b: a * b, [5], 2))
try:
    reduce(operator.add, [])
except TypeError as e:
    print("TypeError", e)

p = partial(int, base=2)
print(p("101"), p.func is int, p.args, p.keywords)
q = partial(pow, 2)
print(q(5), partial(q, 3)(), partial(q, 3).args, partial(q, 3).func is pow)
print(repr(partial(max, 1, key=abs)).startswith("functools.partial(<built-in function max>, 1, key="))
try:
    partial(1)
except TypeError as e:
    print("TypeError", e)


def deco(f):
    @wraps(f)
    def inner(*a, **k):
        """inner doc"""
        return f(*a, **k) + 1
    return inner


@deco
def add(a, b):
    """Add two things."""
    return a + b


print(add(1, 2), add.__name__, add.__doc__, add.__wrapped__(1, 2))


def plain():
    pass


plain.extra = 5


def w():
    pass


update_wrapper(w, plain)
print(w.__name__, w.extra, w.__wrapped__ is plain)

calls = []


@lru_cache(maxsize=2)
def sq(x):
    calls.append(x)
    return x * x


print(sq(2), sq(3), sq(2), sq(4), sq(3), calls)
print(sq.cache_info())
info = sq.cache_info()
print(info.hits, info.misses, info.maxsize, info.currsize)
sq.cache_clear()
print(sq.cache_info())


@lru_cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), fib.cache_info().currsize)


@cache
def f2(a, b=0):
    calls.append((a, b))
    return a + b


calls.clear()
print(f2(1), f2(1), f2(1, b=2), f2(1, b=2), calls)
print(f2.cache_info())


@lru_cache(maxsize=None, typed=True)
def t(x):
    return type(x).__name__


print(t(1), t(1.0), t.cache_info().currsize)


@total_ordering
class V:
    def __init__(self, v):
        self.v = v

    def __eq__(self, o):
        return self.v == o.v

    def __lt__(self, o):
        return self.v < o.v


print(V(1) < V(2), V(1) > V(2), V(2) >= V(2), V(1) <= V(0), V(3) > V(1))


@total_ordering
class G:
    def __init__(self, v):
        self.v = v

    def __eq__(self, o):
        return self.v == o.v

    def __gt__(self, o):
        return self.v > o.v


print(G(1) < G(2), G(1) >= G(2), G(2) <= G(2))
try:
    @total_ordering
    class N:
        pass
except ValueError as e:
    print("ValueError", e)


def cmp(a, b):
    return (a > b) - (a < b)


print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: cmp(b, a))))
print(sorted(["bb", "a", "ccc"], key=cmp_to_key(lambda a, b: len(a) - len(b))))


class C:
    count = 0

    @cached_property
    def value(self):
        C.count += 1
        return 42


c = C()
print(c.value, c.value, C.count, "value" in c.__dict__)
del c.value
print(c.value, C.count)


@singledispatch
def show(x):
    return "object"


@show.register(int)
def _(x):
    return "int"


@show.register(str)
def _(x):
    return "str"


print(show(1), show("a"), show(1.5), show(True), show([]))
print(show.dispatch(bool) is show.dispatch(int))


class M:
    @functools.singledispatchmethod
    def m(self, x):
        return "base"

    @m.register(int)
    def _(self, x):
        return "int %d" % x


print(M().m(1), M().m("s"))


class PM:
    def f(self, a, b):
        return a - b
    g = functools.partialmethod(f, 10)


print(PM().g(3))
