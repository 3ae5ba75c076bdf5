# weakref.WeakMethod: a weak reference to a bound method
import gc
import weakref


class Counter:
    def __init__(self, name):
        self.name = name
        self.hits = 0

    def hit(self, by=1):
        self.hits += by
        return (self.name, self.hits)

    def other(self):
        return 'other'


c = Counter('c')
wm = weakref.WeakMethod(c.hit)
print(isinstance(wm, weakref.ref), isinstance(wm, weakref.WeakMethod), type(wm).__name__)
print(weakref.WeakMethod.__mro__[1] is weakref.ref)
m = wm()
print(type(m).__name__, m.__self__ is c, m.__func__ is Counter.hit, m(), m(5), wm()(2))
print(wm() == c.hit, wm() is wm())

# a plain weakref to a bound method dies at once; a WeakMethod lives with its instance
plain = weakref.ref(c.hit)
gc.collect()
print(plain(), wm() is not None)

# equality and hashing
wm2 = weakref.WeakMethod(c.hit)
wm3 = weakref.WeakMethod(c.other)
d = Counter('d')
wm4 = weakref.WeakMethod(d.hit)
print(wm == wm2, wm != wm2, wm == wm3, wm == wm4, wm == 1, wm != 1)
print(hash(wm) == hash(wm2) == hash(c.hit))
table = {wm: 'found'}
print(table[wm2])

# the callback runs once, when the instance goes
events = []
e = Counter('e')
we = weakref.WeakMethod(e.hit, lambda r: events.append(('gone', r is we, r())))
print(we() is not None, events)
del e
gc.collect()
print(events, we())
gc.collect()
print(len(events))

# dead WeakMethods compare by identity; the hash survives
h = hash(wm4)
wm5 = weakref.WeakMethod(d.hit)
del d
gc.collect()
print(wm4() is None, wm4 == wm5, wm4 == wm4, wm4 != wm5, hash(wm4) == h)

# only bound methods are accepted
def free():
    pass


for bad in (free, Counter.hit, 3, len):
    try:
        weakref.WeakMethod(bad)
        print('accepted', bad)
    except TypeError as err:
        print('TypeError', str(err).split(',')[0])

# methods of classes (classmethod), and of objects in cycles
class Tool:
    @classmethod
    def make(cls):
        return cls.__name__

    def use(self):
        return 'used'


tm = weakref.WeakMethod(Tool.make)
print(tm()(), tm().__self__ is Tool)
t = Tool()
t.me = t
tu = weakref.WeakMethod(t.use)
print(tu()())
del t
gc.collect()
print(tu())

# a WeakMethod subclass
class Labeled(weakref.WeakMethod):
    __slots__ = ('label',)


lc = Counter('lc')
lw = Labeled(lc.hit)
lw.label = 'counter hit'
print(lw.label, lw()())
try:
    lw.other = 1
except AttributeError:
    print('AttributeError outside __slots__')

# WeakMethods as callbacks registry
class Bus:
    def __init__(self):
        self.subs = []

    def subscribe(self, method):
        self.subs.append(weakref.WeakMethod(method))

    def publish(self, x):
        out = []
        for ref in self.subs:
            m = ref()
            if m is not None:
                out.append(m(x))
        return out


class Listener:
    def __init__(self, tag):
        self.tag = tag

    def on(self, x):
        return '%s:%s' % (self.tag, x)


bus = Bus()
l1, l2 = Listener('one'), Listener('two')
bus.subscribe(l1.on)
bus.subscribe(l2.on)
print(bus.publish(1))
del l1
gc.collect()
print(bus.publish(2))
