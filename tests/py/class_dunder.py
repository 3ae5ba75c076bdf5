# special methods
class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return 'Vec(%r, %r)' % (self.x, self.y)
    def __str__(self):
        return '<%s,%s>' % (self.x, self.y)
    def __eq__(self, o):
        return isinstance(o, Vec) and (self.x, self.y) == (o.x, o.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __lt__(self, o):
        return (self.x, self.y) < (o.x, o.y)
    def __le__(self, o):
        return (self.x, self.y) <= (o.x, o.y)
    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    def __rmul__(self, k):
        return self * k
    def __neg__(self):
        return Vec(-self.x, -self.y)
    def __abs__(self):
        return self.x * self.x + self.y * self.y
    def __bool__(self):
        return bool(self.x or self.y)
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return (self.x, self.y)[i]
    def __contains__(self, v):
        return v == self.x or v == self.y
    def __iter__(self):
        return iter((self.x, self.y))
a, b = Vec(1, 2), Vec(3, 4)
print(a, repr(a), [a, b], str(a), f'{a!r} {a}')
print(a + b, b - a, a * 3, 3 * a, -a, abs(b))
print(a == Vec(1, 2), a != b, a == 5, a < b, b <= a, a > b, b >= a)
print(len(a), a[0], a[-1], 2 in a, 5 in a, list(a), bool(a), bool(Vec(0, 0)))
x, y = b
print(x, y, sorted([b, a, Vec(0, 9)]), max(a, b))
print({a: 'first', Vec(1, 2): 'second'}, len({a, Vec(1, 2), b}))
acc = Vec(0, 0)
acc += a
print(acc, 'zero vec is falsy' if not Vec(0, 0) else '')
class Seq:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError(i)
        return i * 10
print(list(Seq(4)), 20 in Seq(4), len(Seq(7)), Seq(3)[2])
for v in Seq(2):
    print('item', v)
class Box:
    def __init__(self):
        self.d = {}
    def __setitem__(self, k, v):
        self.d[k] = v
    def __getitem__(self, k):
        return self.d[k]
    def __delitem__(self, k):
        del self.d[k]
    def __call__(self, *args):
        return 'called with ' + repr(args)
bx = Box()
bx['a'] = 1
bx['b'] = 2
del bx['a']
print(bx.d, bx['b'], bx(1, 2), callable(bx))
class NoOps:
    pass
n = NoOps()
for name, fn in [('add', lambda: n + 1), ('radd', lambda: 1 + n), ('lt', lambda: n < n), ('neg', lambda: -n),
                 ('len', lambda: len(n)), ('index', lambda: n[0]), ('call', lambda: n()), ('iter', lambda: iter(n)),
                 ('in', lambda: 1 in n), ('mul', lambda: 'ab' * n)]:
    try:
        fn()
    except TypeError as e:
        print(name, type(e).__name__, e)
print(n == n, n != NoOps(), n == NoOps())
class NI:
    def __eq__(self, o):
        return NotImplemented
    def __add__(self, o):
        return NotImplemented
print(NI() == 1)
try:
    NI() + 1
except TypeError as e:
    print(type(e).__name__, e)
class R:
    def __radd__(self, o):
        return 'radd:' + repr(o)
print(1 + R(), 'x' + R())
class Cmp:
    def __init__(self, v):
        self.v = v
    def __gt__(self, o):
        return self.v > o.v
print(Cmp(1) < Cmp(2), Cmp(3) > Cmp(2))
class StrOnly:
    def __str__(self):
        return 'S'
print(str(StrOnly()), repr(StrOnly()).startswith('<'), f'{StrOnly()}')
class BadLen:
    def __len__(self):
        return -1
try:
    len(BadLen())
except ValueError as e:
    print(type(e).__name__, e)
