# weakref.WeakValueDictionary: entries leave with their values
import gc
import weakref


class Item:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return 'Item(%r)' % self.name


def names(d):
    return sorted((k, v.name) for k, v in d.items())


a, b, c = Item('a'), Item('b'), Item('c')
d = weakref.WeakValueDictionary()
d['a'] = a
d['b'] = b
d[3] = c
print(len(d), names(d) if False else sorted(map(str, d.keys())), d['a'] is a, d[3].name)
print('a' in d, 'zz' in d, 3 in d, d.get('b') is b, d.get('zz'), d.get('zz', 'dflt'))
print(repr(d).startswith('<WeakValueDictionary at 0x'))
print(type(d).__name__, type(d).__module__, isinstance(d, weakref.WeakValueDictionary))

# a value that dies takes its entry with it (after a collection)
del b
gc.collect()
print(len(d), 'b' in d, sorted(map(str, d)))
try:
    d['b']
except KeyError as e:
    print('KeyError', e)

# constructor forms
d2 = weakref.WeakValueDictionary({'x': a, 'y': c})
d3 = weakref.WeakValueDictionary([('x', a)], z=c)
d4 = weakref.WeakValueDictionary(d2)
print(sorted(d2), sorted(d3), sorted(d4), d4['y'] is c)
try:
    weakref.WeakValueDictionary({'n': 1})
except TypeError as e:
    print('TypeError', e)

# views and iteration
print(sorted(d2.keys()), sorted(v.name for v in d2.values()), sorted((k, v.name) for k, v in d2.items()))
print(sorted(d2), list(iter(weakref.WeakValueDictionary())))
print(sorted(r.key for r in d2.valuerefs()), sorted(r().name for r in d2.itervaluerefs()))
print(all(isinstance(r, weakref.KeyedRef) for r in d2.valuerefs()))

# update, setdefault, pop, popitem, del, clear
e = weakref.WeakValueDictionary()
e.update({'p': a})
e.update([('q', c)])
e.update(r=a)
e.update(d2)
print(sorted(e))
print(e.setdefault('p', c) is a, e.setdefault('new', c) is c, e['new'] is c)
print(e.pop('p') is a, 'p' in e, e.pop('p', 'gone'))
try:
    e.pop('p')
except KeyError as err:
    print('KeyError', err)
k, v = e.popitem()
print(k in ('q', 'r', 'x', 'y', 'new'), k not in e, isinstance(v, Item))
e['r'] = a
del e['r']
print('r' in e)
try:
    del e['missing']
except KeyError as err:
    print('KeyError', err)
e.clear()
print(len(e), list(e.items()))
try:
    e.popitem()
except KeyError:
    print('KeyError from popitem on empty')

# copy keeps the same values (not copies of them)
orig = weakref.WeakValueDictionary({'one': a, 'two': c})
cp = orig.copy()
cp2 = orig.__copy__()
print(type(cp).__name__, sorted(cp), cp['one'] is a, cp2['two'] is c)
cp['three'] = a
print(sorted(orig), sorted(cp))

# equality with mappings
print(orig == {'one': a, 'two': c}, orig == {'one': a}, orig != {'one': a}, orig == [1])
print(orig == weakref.WeakValueDictionary({'one': a, 'two': c}))
try:
    hash(orig)
except TypeError as err:
    print('TypeError', err)

# | and |=
merged = orig | {'four': c}
print(type(merged).__name__, sorted(merged), sorted(orig))
rmerged = {'five': a} | orig
print(type(rmerged).__name__, sorted(rmerged))
orig |= {'six': c}
print(sorted(orig))
try:
    orig | 3
except TypeError as err:
    print('TypeError', err)

# the values die together
class Node:
    def __init__(self, n):
        self.n = n


cache = weakref.WeakValueDictionary()
nodes = [Node(i) for i in range(10)]
for nd in nodes:
    cache[nd.n] = nd
print(len(cache))
del nodes[::2]
gc.collect()
print(sorted(cache))
nodes = None
nd = None
gc.collect()
print(len(cache), list(cache.keys()))

# a key given a new value: the old value's death does not remove the new entry
reg = weakref.WeakValueDictionary()
old = Node('old')
reg['k'] = old
new = Node('new')
reg['k'] = new
del old
gc.collect()
print('k' in reg, reg['k'].n)
# the same, where the old value dies while its ref is still stored
reg2 = weakref.WeakValueDictionary()
first = Node('first')
reg2['slot'] = first
stale = reg2.valuerefs()[0]
second = Node('second')
del first
gc.collect()
print('slot' in reg2, stale() is None)
reg2['slot'] = second
gc.collect()
print(reg2['slot'].n, len(reg2))

# iterating while values die: a collection in the loop body is safe
pool = weakref.WeakValueDictionary()
holders = {}
for i in range(20):
    n_ = Node(i)
    pool[i] = n_
    holders[i] = n_
n_ = None
seen = []
for key in pool:
    seen.append(key)
    if key == 5:
        # drop every odd holder and collect in the middle of the iteration
        for j in range(1, 20, 2):
            holders.pop(j, None)
        gc.collect()
print(len(seen) >= 10, sorted(pool) == list(range(0, 20, 2)))
for key, value in pool.items():
    holders.clear()
    gc.collect()
print(len(pool))

# a subclass
class Registry(weakref.WeakValueDictionary):
    def register(self, item):
        self[item.name] = item


rg = Registry()
rg.register(a)
print(type(rg).__name__, sorted(rg), isinstance(rg, weakref.WeakValueDictionary))
print(type(rg.copy()).__name__)
print(weakref.WeakValueDictionary[str, Item])
try:
    reversed(weakref.WeakValueDictionary())
except TypeError as err:
    print('TypeError', err)
# the old value's ref is still alive (held here) when the value dies after being
# replaced: its callback runs, and must leave the new entry alone
reg3 = weakref.WeakValueDictionary()
v1 = Node(1)
reg3['s'] = v1
held = reg3.valuerefs()
v2 = Node(2)
reg3['s'] = v2
del v1
gc.collect()
print('s' in reg3, reg3['s'].n, held[0]() is None)
# the same while iterating: the loop's snapshot keeps the old ref alive
reg4 = weakref.WeakValueDictionary()
olds = [Node(i) for i in range(5)]
for i, o_ in enumerate(olds):
    reg4[i] = o_
o_ = None
news = []
for key in reg4:
    if key == 0:
        for j in range(5):
            fresh = Node(10 + j)
            news.append(fresh)
            reg4[j] = fresh
        fresh = None
        olds = None
        gc.collect()
print(sorted((k, v.n) for k, v in reg4.items()))
