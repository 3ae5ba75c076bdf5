# weakref.proxy: every operation goes to the referent; ReferenceError once it is dead
import gc
import weakref


class Vec:
    def __init__(self, *xs):
        self.xs = list(xs)
        self.label = 'v'

    def __repr__(self):
        return 'Vec%r' % (tuple(self.xs),)

    def __str__(self):
        return 'vec of %d' % len(self.xs)

    def __len__(self):
        return len(self.xs)

    def __getitem__(self, i):
        return self.xs[i]

    def __setitem__(self, i, v):
        self.xs[i] = v

    def __delitem__(self, i):
        del self.xs[i]

    def __contains__(self, x):
        return x in self.xs

    def __iter__(self):
        return iter(self.xs)

    def __add__(self, other):
        if isinstance(other, Vec):
            return Vec(*[a + b for a, b in zip(self.xs, other.xs)])
        return Vec(*[a + other for a in self.xs])

    def __radd__(self, other):
        return Vec(*[other + a for a in self.xs])

    def __sub__(self, other):
        return Vec(*[a - other for a in self.xs])

    def __rsub__(self, other):
        return Vec(*[other - a for a in self.xs])

    def __mul__(self, k):
        return Vec(*[a * k for a in self.xs])

    def __rmul__(self, k):
        return Vec(*[k * a for a in self.xs])

    def __truediv__(self, k):
        return Vec(*[a / k for a in self.xs])

    def __floordiv__(self, k):
        return Vec(*[a // k for a in self.xs])

    def __mod__(self, k):
        return Vec(*[a % k for a in self.xs])

    def __pow__(self, k):
        return Vec(*[a ** k for a in self.xs])

    def __matmul__(self, other):
        return sum(a * b for a, b in zip(self.xs, other.xs))

    def __and__(self, k):
        return Vec(*[a & k for a in self.xs])

    def __or__(self, k):
        return Vec(*[a | k for a in self.xs])

    def __xor__(self, k):
        return Vec(*[a ^ k for a in self.xs])

    def __lshift__(self, k):
        return Vec(*[a << k for a in self.xs])

    def __rshift__(self, k):
        return Vec(*[a >> k for a in self.xs])

    def __neg__(self):
        return Vec(*[-a for a in self.xs])

    def __pos__(self):
        return Vec(*[+a for a in self.xs])

    def __invert__(self):
        return Vec(*[~a for a in self.xs])

    def __abs__(self):
        return Vec(*[abs(a) for a in self.xs])

    def __iadd__(self, k):
        self.xs = [a + k for a in self.xs]
        return self

    def __imul__(self, k):
        self.xs = [a * k for a in self.xs]
        return self

    def __eq__(self, other):
        return isinstance(other, Vec) and self.xs == other.xs

    def __lt__(self, other):
        return self.xs < other.xs

    def __le__(self, other):
        return self.xs <= other.xs

    def __bool__(self):
        return any(self.xs)

    def __int__(self):
        return sum(self.xs)

    def __float__(self):
        return float(sum(self.xs))

    def __index__(self):
        return len(self.xs)

    def __divmod__(self, k):
        return ('divmod', k)

    def __rdivmod__(self, k):
        return ('rdivmod', k)

    def __reversed__(self):
        return reversed(self.xs)

    def __hash__(self):
        return 7

    def total(self):
        return sum(self.xs)


v = Vec(1, 2, 3)
p = weakref.proxy(v)
print(type(p).__name__, type(p) is weakref.ProxyType, weakref.ProxyTypes)
print(p, str(p), len(p), p[0], p[-1], 2 in p, 9 in p, list(p))
print(p.label, p.total(), p.xs, p.__class__.__name__, isinstance(p, Vec))
print(format(p), '%s' % p, f'{p}')

# attributes
p.label = 'changed'
print(v.label)
p.extra = 42
print(v.extra, hasattr(p, 'extra'), getattr(p, 'missing', 'default'))
del p.extra
print(hasattr(v, 'extra'))
try:
    p.nothing
except AttributeError as e:
    print('AttributeError', e)

# items
p[1] = 20
print(v.xs)
del p[0]
print(v.xs, len(p))
p.xs = [1, 2, 3]

# binary operators, both sides
print(p + 1, 1 + p, p - 1, 10 - p, p * 2, 3 * p)
print(p / 2, p // 2, p % 2, p ** 2, p @ p, p @ Vec(1, 1, 1))
print(p & 1, p | 8, p ^ 1, p << 2, p >> 1)
print(p + p, -p, +p, ~p, abs(p))
print(divmod(p, 5), divmod(5, p))

# comparisons
print(p == Vec(1, 2, 3), p != Vec(1, 2, 3), p == v, v == p, p < Vec(2), p <= Vec(1, 2, 3))
print(p > Vec(0), p >= Vec(9))

# conversions
print(bool(p), int(p), float(p), [10, 20, 30, 40][p], list(reversed(p)))
print(not p, bool(weakref.proxy(Vec(0, 0))) if False else 'skip')

# in-place operators act on the referent and bind the result
q = p
q += 1
print(type(q).__name__, q is v, v.xs)
r = p
r *= 2
print(type(r).__name__, v.xs)

# hash: proxies are unhashable
try:
    hash(p)
except TypeError as e:
    print('TypeError', e)

# the proxy without callback is shared; with a callback it is a new one
print(weakref.proxy(v) is p, weakref.proxy(v, lambda x: None) is p)
print(weakref.getweakrefcount(v) >= 1)

# callable referents give a CallableProxyType
class Adder:
    def __init__(self, n):
        self.n = n

    def __call__(self, x, scale=1):
        return (x + self.n) * scale


add = Adder(10)
cp = weakref.proxy(add)
print(type(cp) is weakref.CallableProxyType, callable(cp), callable(p))
print(cp(5), cp(5, scale=3), cp.n)


def double(x):
    return 2 * x


fp = weakref.proxy(double)
print(fp(21), fp.__name__, type(fp).__name__)
try:
    p()
except TypeError as e:
    print('TypeError', e)

# a generator behind a proxy: next() and iteration go through
def count(n):
    i = 0
    while i < n:
        yield i
        i += 1


g = count(4)
gp = weakref.proxy(g)
print(next(gp), next(gp), list(gp))

# proxies of built-in containers' subclasses
class Bag(list):
    pass


bag = Bag([3, 1, 2])
bp = weakref.proxy(bag)
bp.append(4)
bp.sort()
print(bag, len(bp), bp[0], bp + [9], sorted(bp))
bp2 = bp
bp2 += [5]
print(bp2 is bag, bag)

# the callback gets the proxy
seen = []
target = Vec(5)
pc = weakref.proxy(target, lambda prox: seen.append(prox is pc))
del target
gc.collect()
print(seen)

# once the referent is gone
victim = Vec(1, 2)
dp = weakref.proxy(victim)
dcp = weakref.proxy(Adder(1))
del victim
gc.collect()
gc.collect()
checks = [
    ('attr', lambda: dp.xs),
    ('setattr', lambda: setattr(dp, 'xs', 1)),
    ('delattr', lambda: delattr(dp, 'label')),
    ('str', lambda: str(dp)),
    ('len', lambda: len(dp)),
    ('item', lambda: dp[0]),
    ('contains', lambda: 1 in dp),
    ('iter', lambda: iter(dp)),
    ('bool', lambda: bool(dp)),
    ('add', lambda: dp + 1),
    ('radd', lambda: 1 + dp),
    ('neg', lambda: -dp),
    ('eq', lambda: dp == 1),
    ('lt', lambda: dp < 1),
    ('int', lambda: int(dp)),
    ('abs', lambda: abs(dp)),
    ('call', lambda: dcp(1)),
    ('hash', lambda: hash(dp)),
]
for name, f in checks:
    try:
        f()
        print(name, 'no error')
    except Exception as e:
        print(name, type(e).__name__, e)


def iadd_dead():
    x = dp
    x += 1


try:
    iadd_dead()
except ReferenceError as e:
    print('iadd', e)
print(repr(dp).startswith('<weakproxy at 0x'))
print(repr(p).startswith('<weakproxy at 0x'))

# what cannot be proxied
for obj in [1, 'text', (1,), [1], {}, None]:
    try:
        weakref.proxy(obj)
    except TypeError as e:
        print('TypeError', e)
try:
    weakref.proxy()
except TypeError as e:
    print('TypeError', e)
try:
    class P(weakref.ProxyType):
        pass
except TypeError as e:
    print('TypeError', e)
