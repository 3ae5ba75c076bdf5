# Deleting an item from an object that does not allow it: CPython says "doesn't" for an
# index on a type with sequence methods (every class, built-ins with a length) and
# "does not" otherwise.
import types
for expr in ["(1,2)", "'ab'", "types.MappingProxyType({'a':1})", "frozenset()", "range(3)", "b'ab'", "5"]:
    o = eval(expr)
    for key in [0, 'a']:
        try:
            del o[key]
        except TypeError as e:
            print(expr, key, e)
    try:
        o[0] = 1
    except TypeError as e:
        print(expr, 'set', e)
class C: pass
class D:
    def __len__(self): return 0
for o in [C(), D(), {1: 2}.keys(), [1].__iter__()]:
    for key in [0, 'a', True]:
        try:
            del o[key]
        except TypeError as e:
            print(type(o).__name__, key, e)
