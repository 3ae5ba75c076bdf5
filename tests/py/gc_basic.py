# gc module basics; objects reachable from roots survive collections
import gc
import weakref
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
print(isinstance(gc.collect(), int))
class Node:
    def __init__(self, name):
        self.name = name
        self.peer = None
        self.items = []
# reachable data survives
keep = [Node(i) for i in range(100)]
for i in range(100):
    keep[i].peer = keep[(i + 1) % 100]
    keep[i].items = [i] * 3
gc.collect()
gc.collect()
print(sum([n.name for n in keep]), keep[99].peer.name, keep[5].items, len(keep))
# a two-object cycle is reclaimed by collect
a = Node('a')
b = Node('b')
a.peer = b
b.peer = a
ra = weakref.ref(a)
rb = weakref.ref(b)
del a, b
gc.collect()
print(ra() is None, rb() is None)
# a self-cycle
s = Node('self')
s.peer = s
rs = weakref.ref(s)
del s
gc.collect()
print(rs() is None)
# collection with the automatic collector disabled still works when explicit
gc.disable()
c = Node('c')
c.items.append(c)
rc = weakref.ref(c)
del c
gc.collect()
print(rc() is None, gc.isenabled())
gc.enable()
# a cycle still reachable from a global survives
d = Node('d')
d.peer = Node('e')
d.peer.peer = d
rd = weakref.ref(d.peer)
gc.collect()
print(rd() is not None, rd().name, d.peer.peer is d)
d = None
gc.collect()
print(rd() is None)
# objects reachable only through a closure survive
def make():
    hidden = Node('hidden')
    hidden.items = list(range(5))
    def get():
        return hidden
    return get, weakref.ref(hidden)
getter, rh = make()
gc.collect()
print(rh() is getter(), getter().items)
del getter
gc.collect()
print(rh() is None)
# objects held by a dict / list / tuple / attribute survive
holder = {'k': Node('in dict')}
lst = [Node('in list')]
tup = (Node('in tuple'),)
refs = [weakref.ref(holder['k']), weakref.ref(lst[0]), weakref.ref(tup[0])]
gc.collect()
print([r().name for r in refs])
holder.clear()
lst.pop()
tup = ()
gc.collect()
print([r() is None for r in refs])
# big nested garbage structure
root = []
cur = root
for i in range(1000):
    nxt = [i]
    cur.append(nxt)
    cur = nxt
cur = None
nxt = None
gc.collect()
depth = 0
walk = root
while len(walk) > 1 or (len(walk) == 1 and isinstance(walk[-1], list)):
    walk = walk[-1]
    depth += 1
print(depth, walk)
root = None
walk = None
gc.collect()
for i in range(3):
    gc.collect()
print('collected repeatedly', gc.isenabled())
big = [str(i) * 3 for i in range(2000)]
gc.collect()
print(big[1999], len(big), ''.join(big[:4]))
