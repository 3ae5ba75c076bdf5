# weakref.WeakKeyDictionary: entries leave with their keys
import gc
import weakref


class Key:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return 'Key(%r)' % self.name


class EqKey:
    # equal by name: different objects can find the same entry
    def __init__(self, name):
        self.name = name

    def __eq__(self, other):
        return isinstance(other, EqKey) and self.name == other.name

    def __hash__(self):
        return hash(self.name)


def show(d):
    return sorted((k.name, v) for k, v in d.items())


k1, k2, k3 = Key('one'), Key('two'), Key('three')
d = weakref.WeakKeyDictionary()
d[k1] = 1
d[k2] = 2
d[k3] = [3]
print(len(d), show(d) if False else sorted(k.name for k in d), d[k1], d[k3])
print(k1 in d, Key('one') in d, 5 in d, 'str' in d, d.get(k2), d.get(Key('x')), d.get(Key('x'), 0))
print(repr(d).startswith('<WeakKeyDictionary at 0x'), type(d).__module__)

# a key that dies takes its entry with it
del k2
gc.collect()
print(len(d), sorted(k.name for k in d.keys()))
try:
    d[Key('ghost')]
except KeyError:
    print('KeyError for a missing key')
try:
    d[7]
except TypeError as e:
    print('TypeError', e)
try:
    d[7] = 1
except TypeError as e:
    print('TypeError', e)

# constructor and update
d2 = weakref.WeakKeyDictionary({k1: 'a', k3: 'c'})
print(show(d2))
d2.update([(k1, 'A')])
d2.update({k3: 'C'})
print(show(d2))
d3 = weakref.WeakKeyDictionary(d2)
print(show(d3))

# values(), items(), keyrefs()
print(sorted(d2.values()), len(d2.keyrefs()), all(isinstance(r, weakref.ref) for r in d2.keyrefs()))
print(sorted(r().name for r in d2.keyrefs()))

# setdefault, pop, popitem, del, clear
e = weakref.WeakKeyDictionary()
print(e.setdefault(k1, []), e.setdefault(k1, 'ignored'))
e[k1].append('x')
print(e[k1])
print(e.pop(k1), k1 in e, e.pop(k1, 'none'))
try:
    e.pop(k1)
except KeyError:
    print('KeyError from pop')
e[k3] = 'three'
print(e.popitem() == (k3, 'three'), len(e))
try:
    e.popitem()
except KeyError:
    print('KeyError from popitem on empty')
e[k1] = 1
del e[k1]
try:
    del e[k1]
except KeyError:
    print('KeyError from del')
e[k1] = 1
e[k3] = 3
e.clear()
print(len(e), list(e))

# keys compare by equality, held by the first key object stored
ea, eb = EqKey('same'), EqKey('same')
ed = weakref.WeakKeyDictionary()
ed[ea] = 'first'
ed[eb] = 'second'
print(len(ed), ed[ea], ed[eb], ed[EqKey('same')], [k is ea for k in ed])
del eb
gc.collect()
print(len(ed), ed[ea])
del ea
gc.collect()
print(len(ed))

# copy, equality, | and |=
src = weakref.WeakKeyDictionary({k1: 1, k3: 3})
cp = src.copy()
print(type(cp).__name__, show(cp), cp == src, src == {k1: 1, k3: 3}, src == {k1: 1}, src != {})
print(src.__copy__() == src)
m = src | {k1: 100}
print(type(m).__name__, show(m), show(src))
m2 = {k3: 300} | src
print(type(m2).__name__, show(m2))
src |= {k3: 33}
print(show(src))
try:
    hash(src)
except TypeError as e:
    print('TypeError', e)

# associating data with objects that do not know about it
class Widget:
    pass


notes = weakref.WeakKeyDictionary()
widgets = [Widget() for _ in range(8)]
for i, w in enumerate(widgets):
    notes[w] = 'note %d' % i
print(len(notes))
survivors = widgets[:3]
widgets = None
w = None
gc.collect()
print(len(notes), sorted(notes[s] for s in survivors))
survivors = None
gc.collect()
print(len(notes))

# iteration while keys die in the middle
class K:
    def __init__(self, n):
        self.n = n


keep = [K(i) for i in range(12)]
tracker = weakref.WeakKeyDictionary((k, k.n) for k in keep)
count = 0
for key in tracker:
    count += 1
    if count == 2:
        del keep[6:]
        gc.collect()
key = None
print(count >= 2, len(tracker), sorted(tracker.values()))
keep = None
gc.collect()
print(len(tracker), list(tracker.items()))

# a subclass
class Annotations(weakref.WeakKeyDictionary):
    def note(self, obj, text):
        self.setdefault(obj, []).append(text)


an = Annotations()
an.note(k1, 'hello')
an.note(k1, 'world')
print(type(an).__name__, an[k1], type(an.copy()).__name__)
print(weakref.WeakKeyDictionary[Key, int])
try:
    reversed(weakref.WeakKeyDictionary())
except TypeError as err:
    print('TypeError', err)
