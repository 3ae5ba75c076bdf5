# Which built-in kinds accept weak references (the `+ weakref` rows of the type table),
# and whether a __slots__ subclass of a built-in inherits it.
import weakref, types, builtins
def f(): pass
class C:
    def m(self): pass
def g(): yield 1
for o in [f, C, C().m, len, f.__code__, g(), types, set(), frozenset(), 1, "s", (), [], {}, object(), Exception(), 1.5, range(3), property()]:
    try:
        weakref.ref(o); print(type(o).__name__, True)
    except TypeError as e: print(type(o).__name__, e)
class S(set): __slots__ = ()
M = None
class L(list): __slots__ = ()
for k in (S, L):
    try: weakref.ref(k() if k is not M else k("x")); print(k.__name__, True)
    except TypeError as e: print(k.__name__, e)
