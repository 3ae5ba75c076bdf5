# weakref callbacks: run after the referent is collected
import gc
import weakref
class Obj:
    def __init__(self, name):
        self.name = name
log = []
def cb(wr):
    log.append(('cb', wr is r, wr() is None))
o = Obj('a')
r = weakref.ref(o, cb)
print(r() is o, log)
del o
gc.collect()
print(log)
gc.collect()
print(len(log))
# several callbacks on one object: newest first
order = []
o = Obj('b')
w1 = weakref.ref(o, lambda w: order.append('first'))
w2 = weakref.ref(o, lambda w: order.append('second'))
w3 = weakref.ref(o, lambda w: order.append('third'))
del o
gc.collect()
print(order)
# callback does not run while the referent is alive
seen = []
keep = Obj('kept')
wk = weakref.ref(keep, lambda w: seen.append('dead'))
gc.collect()
gc.collect()
print(seen, wk() is keep)
# a weakref that dies before its referent never calls back
never = []
target = Obj('t')
wn = weakref.ref(target, lambda w: never.append('called'))
del wn
gc.collect()
del target
gc.collect()
print(never)
# callbacks for objects in a cycle
cyc = []
a = Obj('ca')
b = Obj('cb')
a.other = b
b.other = a
wa = weakref.ref(a, lambda w: cyc.append('a gone'))
wb = weakref.ref(b, lambda w: cyc.append('b gone'))
del a, b
gc.collect()
print(sorted(cyc), wa() is None, wb() is None)
# callback receives the weakref object that was registered
got = []
def remember(w):
    got.append(w)
o = Obj('c')
wr_c = weakref.ref(o, remember)
del o
gc.collect()
print(len(got), got[0] is wr_c, got[0]() is None)
# a callback that raises: reported on stderr, execution continues
def bad(w):
    raise RuntimeError('callback failure')
after = []
o = Obj('d')
wgood = weakref.ref(o, lambda w: after.append('older callback still ran'))
wbad = weakref.ref(o, bad)
del o
gc.collect()
print('still running', after)
# callbacks for many objects
dead = []
objs = [Obj(i) for i in range(20)]
wrs = [weakref.ref(x, lambda w, i=i: dead.append(i)) for i, x in enumerate(objs)]
del objs[5:15]
gc.collect()
print(sorted(dead))
objs = None
gc.collect()
print(sorted(dead) == list(range(20)))
# a callback may create new objects and weakrefs
chain = []
def renew(w):
    n = Obj('renewed')
    chain.append(n)
    chain.append(weakref.ref(n))
o = Obj('e')
we = weakref.ref(o, renew)
del o
gc.collect()
print(len(chain), chain[1]() is chain[0], chain[0].name)
