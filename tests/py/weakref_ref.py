# weakref.ref basics
import gc
import weakref
class Obj:
    def __init__(self, name):
        self.name = name
o = Obj('first')
r = weakref.ref(o)
print(r() is o, r().name, isinstance(r, weakref.ref), callable(r))
print(r() is r(), weakref.ref(o)() is o)
r2 = weakref.ref(o)
print(r2() is r(), r == r2)
alias = o
del o
gc.collect()
print(r() is alias, r().name)
del alias
gc.collect()
print(r(), r() is None, r2() is None)
print(r(), r())
# functions and classes can be weakly referenced
def func():
    return 'func result'
rf = weakref.ref(func)
print(rf()(), rf() is func)
class Temp:
    pass
rt = weakref.ref(Temp)
print(rt() is Temp, rt().__name__)
lam = lambda: 'lam'
rl = weakref.ref(lam)
print(rl()())
del func, lam
gc.collect()
print(rf() is None, rl() is None)
del Temp
gc.collect()
print(rt() is None)
# weakrefs do not keep their referent alive, containers do
objs = [Obj(i) for i in range(10)]
refs = [weakref.ref(x) for x in objs]
gc.collect()
print([r_() is not None for r_ in refs].count(True))
evens = objs[::2]
objs = None
gc.collect()
print([r_() is None for r_ in refs])
print([r_().name for r_ in refs if r_() is not None])
evens = None
gc.collect()
print(all([r_() is None for r_ in refs]))
# weakref stored as an attribute of another object
class Parent:
    def __init__(self):
        self.children = []
class Child:
    def __init__(self, parent):
        self.parent = weakref.ref(parent)
        parent.children.append(self)
p = Parent()
c1 = Child(p)
c2 = Child(p)
print(c1.parent() is p, len(c2.parent().children))
rp = weakref.ref(p)
del p
gc.collect()
print(rp() is None, c1.parent() is None, c2.parent())
# weakref to an object in a cycle reachable only through the weakref's owner
class Holder:
    pass
h = Holder()
h.self_ref = h
h.wr = weakref.ref(h)
wh = h.wr
print(wh() is h)
del h
gc.collect()
print(wh() is None)
# many weakrefs to many short-lived objects
live = []
wrs = []
for i in range(1000):
    ob = Obj(i)
    wrs.append(weakref.ref(ob))
    if i % 100 == 0:
        live.append(ob)
ob = None
gc.collect()
alive = [w().name for w in wrs if w() is not None]
print(len(alive), alive)
