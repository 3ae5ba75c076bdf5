# Smaller language corners: universal newlines in compiled source, print writing piece
# by piece to a file object, a replaced builtins.__import__, types.FunctionType,
# instance layout conflicts between bases, hashing dict views, and the old
# (type, value, tb) calling style of traceback.print_exception.
import builtins
import io
import sys
import traceback
import types

namespace = {}
exec(compile("text = '''one\rtwo\r\nthree'''\rlines = 2\r\n", "<cr>", "exec"), namespace)
print(repr(namespace["text"]), namespace["lines"])


class Recorder:
    def __init__(self):
        self.calls = []

    def write(self, piece):
        self.calls.append(piece)
        return len(piece)


rec = Recorder()
print("a", 1, "b", sep="-", end="!", file=rec)
print(file=rec)
print(rec.calls)

real_import = builtins.__import__


def noisy_import(name, globals=None, locals=None, fromlist=(), level=0):
    if name in ("sys", "os", "math"):
        print("importing", name, fromlist, level, locals is None)
    return real_import(name, globals, locals, fromlist, level)


builtins.__import__ = noisy_import
try:
    import sys
    from os import path


    def inside():
        import math
        return math.floor(2.5)

    print(inside())
finally:
    builtins.__import__ = real_import


def adder(a, b=10):
    return a + b + offset


rebuilt = types.FunctionType(adder.__code__, {"offset": 100}, "renamed", (1,))
print(rebuilt.__name__, rebuilt(5), rebuilt(5, 6))
for bad in (dict(code=1, globals={}), dict(code=adder.__code__, globals=[]),
            dict(code=adder.__code__, globals={}, closure=(1,))):
    try:
        types.FunctionType(**bad)
    except (TypeError, ValueError) as err:
        print(type(err).__name__, err)


def outer():
    hidden = 3

    def inner():
        return hidden
    return inner


try:
    types.FunctionType(outer().__code__, {})
except TypeError as err:
    print("closure:", err)

for bases in ((int, str), (type, tuple), (list, dict), (ValueError, KeyError), (int, object)):
    try:
        types.new_class("Mixed", bases)
        print([b.__name__ for b in bases], "ok")
    except TypeError as err:
        print([b.__name__ for b in bases], err)

print(type(hash({}.values())).__name__)
for view in ({}.keys(), {}.items()):
    try:
        hash(view)
    except TypeError as err:
        print(err)

try:
    raise KeyError("gone")
except KeyError as err:
    out = io.StringIO()
    traceback.print_exception(None, err, None, file=out)
    print(out.getvalue(), end="")
    print(traceback.format_exception(ValueError, None, None))
