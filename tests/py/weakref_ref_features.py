# weakref.ref: calling, __callback__, hash, ==, repr, reuse, subclasses, __weakref__
import gc
import weakref


class Thing:
    def __init__(self, name):
        self.name = name

    def __eq__(self, other):
        return isinstance(other, Thing) and self.name == other.name

    def __hash__(self):
        return hash(self.name)


class Plain:
    pass


t1 = Thing('a')
r1 = weakref.ref(t1)
print(r1() is t1, type(r1) is weakref.ReferenceType, weakref.ref is weakref.ReferenceType)
print(type(r1), weakref.ReferenceType.__name__, weakref.ReferenceType.__module__)

# the callback-less ref is handed out again; one with a callback is new
print(weakref.ref(t1) is r1, weakref.ref(t1, None) is r1)


def cb(w):
    print('callback, referent gone:', w() is None)


r1cb = weakref.ref(t1, cb)
print(r1cb is r1, r1cb.__callback__ is cb, r1.__callback__)

# hash is the referent's hash, and is kept after death once computed
print(hash(r1) == hash(t1) == hash('a'))
t2 = Thing('b')
r2 = weakref.ref(t2)
h2 = hash(r2)
r3 = weakref.ref(Thing('never hashed'))
del t2
gc.collect()
print(r2() is None, hash(r2) == h2 == hash('b'))
try:
    hash(r3)
except TypeError as e:
    print('TypeError', e)

# ==: referents while both alive; identity once one is dead
ta = Thing('same')
tb = Thing('same')
ra, rb = weakref.ref(ta), weakref.ref(tb)
print(ra == rb, ra != rb, ra is rb, ra == ta, ra == 1)
tc = Thing('other')
print(ra == weakref.ref(tc), ra != weakref.ref(tc))
del tb
gc.collect()
print(rb() is None, ra == rb, ra != rb, rb == rb, rb != rb)

# refs as dict keys
keep = [Thing(n) for n in 'xyz']
index = {weakref.ref(t): t.name for t in keep}
print(sorted(index.values()), index[weakref.ref(keep[1])])

# repr
class Named:
    pass


n = Named()
rn = weakref.ref(n)
text = repr(rn)
print(text.startswith('<weakref at 0x'), 'Named' in text)
fr = weakref.ref(Named)
print('Named' in repr(fr))
dead = weakref.ref(Named())
gc.collect()
print(dead(), repr(dead).startswith('<weakref at 0x'), 'dead' in repr(dead))

# calling with arguments is an error
try:
    rn(1)
except TypeError as e:
    print('TypeError', e)
try:
    weakref.ref()
except TypeError as e:
    print('TypeError', e)
try:
    weakref.ref(n, None, 3)
except TypeError as e:
    print('TypeError', e)

# __callback__ is None once the referent died (the callback ran)
order = []
victim = Plain()
rv = weakref.ref(victim, lambda w: order.append('cb'))
print(rv.__callback__ is not None)
del victim
gc.collect()
print(order, rv.__callback__, rv())

# subclasses: extra attributes, __init__ with extra arguments
class Tagged(weakref.ref):
    def __init__(self, ob, callback=None, **tags):
        super().__init__(ob, callback)
        self.tags = tags

    def describe(self):
        o = self()
        return (None if o is None else o.name, sorted(self.tags.items()))


tt = Thing('tagged')
tr = Tagged(tt, None, color='red', size=3)
print(tr.describe(), isinstance(tr, weakref.ref), type(tr).__name__)
print(tr is weakref.ref(tt), tr == weakref.ref(tt), hash(tr) == hash(tt))
tr.extra = 'yes'
print(tr.extra, sorted(vars(tr)))

# a subclass instance is what the callback receives
got = []


class Recorder(weakref.ref):
    pass


victim = Plain()
rec = Recorder(victim, lambda w: got.append((type(w).__name__, w is rec)))
del victim
gc.collect()
print(got)

# __slots__ on a ref subclass
class Slotted(weakref.ref):
    __slots__ = ('note',)


sr = Slotted(tt)
sr.note = 'ok'
print(sr.note)
try:
    sr.other = 1
except AttributeError:
    print('AttributeError on a name outside __slots__')
try:
    sr.__dict__
except AttributeError:
    print('no __dict__')

# a subclass overriding __call__
class Fallback(weakref.ref):
    def __call__(self):
        o = super().__call__()
        return 'gone' if o is None else o.name


victim = Thing('fb')
fbr = Fallback(victim)
print(fbr())
del victim
gc.collect()
print(fbr())

# __weakref__ on instances: the first weak reference, or None
p = Plain()
print(p.__weakref__)
rp = weakref.ref(p)
print(p.__weakref__ is rp)
rp2 = weakref.ref(p, lambda w: None)
print(p.__weakref__ is rp)
print('__weakref__' in Plain.__dict__, hasattr(Plain, '__weakref__'))


class Sub(Plain):
    pass


print('__weakref__' in Sub.__dict__)

# which objects can be weakly referenced
def probe(obj):
    try:
        weakref.ref(obj)
        return 'yes'
    except TypeError as e:
        return str(e)


class WithSlots:
    __slots__ = ('a',)


class WithWeakSlot:
    __slots__ = ('a', '__weakref__')


class SlotChild(WithSlots):
    pass


class IntSub(int):
    pass


class StrSub(str):
    pass


class ListSub(list):
    pass


class TupleSub(tuple):
    pass


class DictSub(dict):
    pass


class MyError(Exception):
    pass


def gen():
    yield 1


def func():
    pass


cases = [
    ('instance', Plain()), ('class', Plain), ('function', func), ('lambda', lambda: 0),
    ('builtin function', len), ('bound method', Thing('m').__eq__), ('set', {1}),
    ('frozenset', frozenset()), ('generator', gen()), ('module', weakref),
    ('int', 5), ('big int', 1 << 100), ('bool', True), ('float', 1.5), ('str', 's'),
    ('bytes', b'b'), ('tuple', (1,)), ('list', [1]), ('dict', {}), ('None', None),
    ('object()', object()), ('range', range(2)), ('ref', weakref.ref(func)),
    ('slots without __weakref__', WithSlots()), ('slots with __weakref__', WithWeakSlot()),
    ('subclass of a slotted class', SlotChild()), ('int subclass', IntSub(1)),
    ('str subclass', StrSub('x')), ('list subclass', ListSub()),
    ('tuple subclass', TupleSub()), ('dict subclass', DictSub()),
    ('built-in exception', ValueError()), ('user exception', MyError()),
]
for label, obj in cases:
    print(label + ':', probe(obj))

# slots: no __dict__, no other names
ws = WithSlots()
ws.a = 1
try:
    ws.b = 2
except AttributeError:
    print('AttributeError for b')
print(ws.a, hasattr(ws, '__dict__'))
sc = SlotChild()
sc.b = 2
print(sc.b, hasattr(sc, '__dict__'))
try:
    class Twice(WithWeakSlot):
        __slots__ = ('__weakref__',)
except TypeError:
    print('TypeError: a second __weakref__ slot')

# getweakrefcount / getweakrefs order: plain ref, plain proxy, then newest first
obj = Plain()
print(weakref.getweakrefcount(obj), weakref.getweakrefs(obj))
c1 = weakref.ref(obj, lambda w: None)
plain = weakref.ref(obj)
c2 = weakref.ref(obj, lambda w: None)
prox = weakref.proxy(obj)
refs = weakref.getweakrefs(obj)
print(weakref.getweakrefcount(obj), refs[0] is plain, refs[1] is prox, refs[2] is c2, refs[3] is c1)
print(weakref.getweakrefcount(1), weakref.getweakrefs('x'))
del obj
gc.collect()
print(weakref.getweakrefcount(plain), plain(), c1(), c2())
