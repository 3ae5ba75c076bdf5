# weakref.getweakrefcount / getweakrefs with refs, proxies, subclasses and finalizers
import gc
import weakref


class Obj:
    pass


class MyRef(weakref.ref):
    pass


def noop(w):
    pass


o = Obj()
print(weakref.getweakrefcount(o), weakref.getweakrefs(o))

r_cb1 = weakref.ref(o, noop)
print(weakref.getweakrefcount(o), weakref.getweakrefs(o)[0] is r_cb1)

r = weakref.ref(o)
p = weakref.proxy(o)
p_cb = weakref.proxy(o, noop)
mine = MyRef(o)
r_cb2 = weakref.ref(o, noop)
refs = weakref.getweakrefs(o)
print(weakref.getweakrefcount(o), len(refs))
# plain ref first, then the plain proxy, then the others newest first
expected = [r, p, r_cb2, mine, p_cb, r_cb1]
print([a is b for a, b in zip(refs, expected)])
print([type(x).__name__ for x in refs])

# the plain ones are shared
print(weakref.ref(o) is r, weakref.proxy(o) is p, MyRef(o) is mine)
gc.collect()
extra = MyRef(o)
print(weakref.getweakrefcount(o), extra is not mine)

# a finalizer holds a weak reference too
f = weakref.finalize(o, noop, None)
print(weakref.getweakrefcount(o), weakref.getweakrefs(o)[2].__callback__ is f)
f.detach()
print(weakref.getweakrefcount(o))

# references that are themselves collected stop counting
def make_temporary(target):
    weakref.ref(target, noop)
    weakref.proxy(target, noop)


make_temporary(o)
gc.collect()
print(weakref.getweakrefcount(o))

# the referent's death empties the list
del o
gc.collect()
print(weakref.getweakrefcount(r), r(), r_cb1(), mine())
try:
    p.anything
except ReferenceError as e:
    print('ReferenceError', e)

# objects that cannot be weakly referenced have none
for x in (1, 'two', (3,), [4], {5: 5}, None, 1.5):
    print(weakref.getweakrefcount(x), weakref.getweakrefs(x))

# functions and classes
def fn():
    pass


rf = weakref.ref(fn)
rc = weakref.ref(Obj)
pf = weakref.proxy(fn)
print(weakref.getweakrefcount(fn), weakref.getweakrefcount(Obj))
print(type(pf).__name__, weakref.getweakrefs(fn)[1] is pf)

# argument checking
for args in [(), (1, 2)]:
    try:
        weakref.getweakrefcount(*args)
    except TypeError:
        print('TypeError for', len(args), 'arguments')
    try:
        weakref.getweakrefs(*args)
    except TypeError:
        print('TypeError for', len(args), 'arguments')
print(weakref.ref[int], weakref.ReferenceType[Obj])
