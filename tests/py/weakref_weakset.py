# weakref.WeakSet: elements leave the set once collected
import gc
import weakref


class E:
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return 'E(%d)' % self.n


def ns(s):
    return sorted(x.n for x in s)


es = [E(i) for i in range(6)]
s = weakref.WeakSet(es[:3])
print(type(s).__name__, type(s).__module__, weakref.WeakSet.__module__, len(s), ns(s))
print(es[0] in s, es[4] in s, 1 in s, 'x' in s, None in s)
s.add(es[3])
s.add(es[3])
print(len(s), ns(s))
s.discard(es[3])
s.discard(es[3])
try:
    s.discard(5)
except TypeError as e:
    print('TypeError', e)
print(ns(s))
s.remove(es[2])
try:
    s.remove(es[2])
except KeyError:
    print('KeyError from remove')
print(ns(s))

# elements die
tmp = E(99)
s.add(tmp)
print(len(s))
del tmp
gc.collect()
print(len(s), ns(s))

# pop, clear, copy, update
p = weakref.WeakSet([es[0]])
print(p.pop() is es[0], len(p))
try:
    p.pop()
except KeyError as e:
    print('KeyError', e)
p.update(es[:2])
p.update(weakref.WeakSet(es[4:]))
print(ns(p))
q = p.copy()
print(type(q).__name__, ns(q), q == p, q is p)
q.clear()
print(len(q), len(p))

# set algebra with sets, lists and WeakSets
a = weakref.WeakSet(es[:4])
b = weakref.WeakSet(es[2:])
print(ns(a | b), ns(a.union(es[5:])))
print(ns(a & b), ns(a.intersection([es[0], es[5]])))
print(ns(a - b), ns(a.difference({es[1]})))
print(ns(a ^ b), ns(a.symmetric_difference([es[0], es[0], es[5]])))
print(type(a | b).__name__, type(a - b).__name__)
print(a.isdisjoint(b), a.isdisjoint(weakref.WeakSet(es[4:])))
print(a <= weakref.WeakSet(es), a < weakref.WeakSet(es), a < a, a <= a)
print(a >= weakref.WeakSet(es[:2]), a > weakref.WeakSet(es[:2]), a > a)
print(a.issubset(es), a.issuperset(es[:1]), a.issubset(es[:1]))
print(a == weakref.WeakSet(es[:4]), a == b, a != b, a == set(es[:4]), a != set(es[:4]))

# in-place forms
c = weakref.WeakSet(es[:3])
c |= weakref.WeakSet([es[5]])
print(ns(c))
c -= weakref.WeakSet([es[0]])
print(ns(c))
c &= weakref.WeakSet(es[1:3])
print(ns(c))
c ^= weakref.WeakSet(es[2:4])
print(ns(c))
c.intersection_update(es[3:])
c.difference_update([])
c.symmetric_difference_update([es[0]])
print(ns(c))
c -= c
print(len(c))
c.update(es)
c ^= c
print(len(c))

# hashing and repr
try:
    hash(a)
except TypeError as err:
    print('TypeError', err)
print(repr(weakref.WeakSet()) in ('set()', 'WeakSet()'))

# mixed lifetimes
class Obs:
    pass


watchers = weakref.WeakSet()
strong = [Obs() for _ in range(10)]
for o in strong:
    watchers.add(o)
print(len(watchers))
del strong[::3]
gc.collect()
print(len(watchers), all(o in watchers for o in strong))
strong = None
o = None
gc.collect()
print(len(watchers), list(watchers))

# iteration stays safe while elements die in the loop body
pool = [Obs() for _ in range(30)]
ws = weakref.WeakSet(pool)
n = 0
for item in ws:
    n += 1
    if n == 3:
        pool = pool[:10]
        gc.collect()
item = None
gc.collect()
print(n >= 3, len(ws))

# elements that are equal but distinct, and unhashable ones
class Same:
    def __eq__(self, other):
        return isinstance(other, Same)

    def __hash__(self):
        return 1


s1, s2 = Same(), Same()
sw = weakref.WeakSet([s1, s2])
print(len(sw), s2 in sw)
try:
    weakref.WeakSet([[1]])
except TypeError as err:
    print('TypeError', err)


class NoHash:
    __hash__ = None


try:
    weakref.WeakSet([NoHash()])
except TypeError as err:
    print('TypeError', err)

# subclass
class Tagged(weakref.WeakSet):
    def names(self):
        return ns(self)


t = Tagged(es[:2])
print(type(t).__name__, t.names(), type(t.copy()).__name__, type(t | t).__name__)
print(weakref.WeakSet[E])
